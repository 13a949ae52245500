"""Build and load the project's spaCy pipeline without downloading a model.

Models cannot be fetched from a hub on our machines, so the install step builds a
blank English pipeline with spaCy's own lookup lemmatizer (from the registry
package ``spacy-lookups-data``) and saves it under ``var/spacy``. Rasa's
``SpacyNLP`` loads it by path; our rule components (crisis detector, anonymiser)
load the same pipeline so tokenisation is identical everywhere.

Run ``python -m bot.nlu.spacy_pipeline`` to (re)build it.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot import settings

if TYPE_CHECKING:  # spaCy is imported where it is used: importing it costs ~6 CPU-s (thinc
    # pulls in TensorFlow), which `python -m bot.training` with a cached model would pay for
    # nothing.
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[2]
PIPELINE_PATH = settings.SPACY_PIPELINE_PATH.get()


def build_blank_english() -> Language:
    """A blank English pipeline with a lookup lemmatizer (no statistical model)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # Loads the lemma_lookup table from spacy-lookups-data and stores it in the
    # pipeline, so loading later needs no extra package on the path.
    nlp.initialize()
    nlp.meta["name"] = "supportive"
    nlp.meta["description"] = "Blank English + lookup lemmatizer, built locally"
    return nlp


def build(path: Path = PIPELINE_PATH) -> Path:
    """Build the pipeline at ``path`` (overwriting) and return the path."""
    nlp = build_blank_english()
    path.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    return path


def ensure_built(path: Path = PIPELINE_PATH) -> Path:
    """Build the pipeline once; later calls just return its path."""
    if not (path / "meta.json").exists():
        build(path)
    return path


@functools.lru_cache(maxsize=None)
def load(path: str = str(PIPELINE_PATH)) -> Language:
    """Load (building if missing) the shared pipeline; cached per process."""
    import spacy

    return spacy.load(ensure_built(Path(path)))


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else PIPELINE_PATH)
    print(f"spaCy pipeline written to {out}")
