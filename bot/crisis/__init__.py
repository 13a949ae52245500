"""Crisis safety in one package.

* ``lexicon`` (with ``normaliser`` and ``patterns``): the reviewed, deterministic phrase
  lexicon over data/crisis/*.yml. It runs first and its matches always escalate.
* ``encoder`` and ``learned``: the learned tier, a pretrained sentence encoder (numpy forward
  pass of all-MiniLM-L6-v2) with a small classifier trained on the crisis development data. It
  catches phrasings no pattern names, and may fail without taking the lexicon down.
* ``detector``: the Rasa NLU component that combines both and sets the ``crisis`` intent.
* ``policy``: CrisisPolicy, which answers a crisis first in every dialogue state.
* ``resources``: generates the static crisis responses from data/crisis/resources.yml.
"""
