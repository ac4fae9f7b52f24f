"""The ``govinfo`` command line: one module per command.

``parse``, ``check``, ``rules`` and ``dataset``.

The top stage: it may import everything else in govinfo.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import version
from typing import TYPE_CHECKING, TextIO

from govinfo.cli import check, dataset, parse, rules
from govinfo.cli.common import EXIT_ERRORS, EXIT_UNCHECKED, EXIT_UNREADABLE

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["EXIT_ERRORS", "EXIT_UNCHECKED", "EXIT_UNREADABLE", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govinfo`` command."""
    parser = argparse.ArgumentParser(
        prog="govinfo", description="Read government information-disclosure annual reports."
    )
    # The installed distribution's version, the same as govinfo.__version__.
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('govinfo')}")
    commands = parser.add_subparsers(dest="command", required=True)
    for command in (parse, check, rules, dataset):
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    problem = args.check_files(args) if hasattr(args, "check_files") else None
    if problem is not None:
        parser.error(problem)
    try:
        status: int = args.run(args, out or sys.stdout, sys.stderr)
    except BrokenPipeError:
        # The reader went away (`govinfo check … | head`): stop quietly.
        sys.stderr.close()
        return 0
    return status
