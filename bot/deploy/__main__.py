"""``make deploy``: the production shape on this machine (bot/deploy/local.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.deploy import local, shape


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=local.__doc__)
    parser.add_argument("--dir", default=str(local.ROOT / "var" / "deploy"), help="work folder")
    parser.add_argument("--replicas", type=int, default=shape.REPLICAS)
    args = parser.parse_args(argv)
    return local.run(Path(args.dir), args.replicas)


if __name__ == "__main__":
    sys.exit(main())
