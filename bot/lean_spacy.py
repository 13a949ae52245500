"""spaCy without TensorFlow, for processes that only tokenise and match (anonymiser, worker).

Why: importing spaCy imports thinc, whose compatibility module imports TensorFlow when it is
installed (Rasa brings it), though tokenising and matching never run it: 10 CPU-seconds and
about 500 MB per process. The anonymising command line and the review worker call
``keep_tensorflow_out()`` first; processes that train or run the model (Rasa) never do.
"""

from __future__ import annotations

import sys


def keep_tensorflow_out() -> bool:
    """Make a later ``import tensorflow`` fail with ImportError in this process, so thinc
    takes its no-TensorFlow path. No-op (False) when TensorFlow is already imported."""
    if sys.modules.get("tensorflow") is not None:
        return False
    sys.modules["tensorflow"] = None  # type: ignore[assignment]  # import raises ImportError
    return True
