"""``python -m bot.anonymise``: anonymise messages from stdin, one a line, to stdout.

One output line per input line, in order, flushed per line so it works inside a pipe
(``tail -f chat.log | python -m bot.anonymise``). Newlines inside a message cannot
exist here (one message a line), so line count in equals line count out.
"""

from __future__ import annotations

import io
import sys


def main(argv=None) -> int:
    from bot.lean_spacy import keep_tensorflow_out

    keep_tensorflow_out()
    from bot.privacy.anonymiser import anonymise, get

    get()  # build once before reading, so the first line is not slow
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline=None)
    out = sys.stdout
    for line in stdin:
        text = line.rstrip("\r\n")
        result = anonymise(text).replace("\r", " ").replace("\n", " ")
        out.write(result + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    try:
        sys.stdout.reconfigure(encoding="utf-8")
    except Exception:  # pragma: no cover
        pass
    raise SystemExit(main())
