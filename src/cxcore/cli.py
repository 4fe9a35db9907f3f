"""The ``cxcore`` command: ``cxcore demo`` and friends.

The command owns the terminal; everything it shows is computed by library code that takes its
inputs (including "now") as arguments.

>>> main(["--version"])
cxcore 0.1.0
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cxcore import __version__
from cxcore.errors import CxError

__all__ = ["main"]


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cxcore",
        description="Customer-support workflow primitives for online shops.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "demo",
        help="a narrated walkthrough with a fixed clock",
        description="Walk through cxcore's models with a fixed clock; output is stable.",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> main(["demo"]) == 0  # doctest: +ELLIPSIS
    cxcore demo...
    True
    """
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"cxcore {__version__}")
        return 0
    try:
        if args.command == "demo":
            from cxcore._demo import demo_lines

            for line in demo_lines():
                print(line)
            return 0
    except CxError as exc:
        print(f"cxcore: error: {exc}", file=sys.stderr)
        return 1
    parser.print_help()
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
