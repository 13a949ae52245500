"""Writing the crisis package's caches under var/cache (the compiled lexicon, the ordinary-word
lists): written aside and renamed over, so that another process sharing var/ reads the old file
or the new one, never half of one, and a failed write leaves no temporary file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, TextIO


def write_text_aside(path: Path, write: Callable[[TextIO], None]) -> None:
    """Create ``path``'s folder, call ``write`` on a temporary text file beside ``path`` and
    rename it to ``path``; on any failure the temporary file is removed and the error raised."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            write(out)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
