"""Action server package: guided exercises for the six themes (rasa_sdk).

Importing the package imports every exercise (one module each, named as the exercise) so that
`rasa run actions --actions actions` registers all of their actions; each builds its actions from
its wording file (data/exercises/<name>.yml, read by actions/wording.py) through a declarative
spec (actions/exercise.py), so the domain entries can be derived from the same source
(actions/domain_spec.py).
"""

# No message text in the action server's logs either (bot/log_redaction.py).
from bot.log_redaction import install_for_action_server as _install_log_redaction

_install_log_redaction()
