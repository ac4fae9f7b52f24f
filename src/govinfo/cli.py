"""The ``govinfo`` command line: ``govinfo parse FILE [--json]``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from govinfo.api import parse_file
from govinfo.errors import GovinfoError
from govinfo.serialize import dumps

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.models import Report

__all__ = ["main"]

#: Exit status when a file could not be read.
EXIT_UNREADABLE = 2


def summary(report: Report) -> str:
    """A readable summary of a parsed report."""
    values = sum(not c.is_missing for c in report.cells.values())
    blank = len(report.cells) - values
    lines = [
        f"{report.source or '<text>'}",
        f"  title:        {report.title or '-'}",
        f"  agency:       {report.agency or '-'}",
        f"  year:         {report.year or '-'}",
        f"  template:     {report.template or '-'}",
        f"  cells:        {len(report.cells)} ({values} with a value, {blank} blank)",
        f"  unknown rows: {len(report.unknown_rows)}",
        f"  findings:     {len(report.findings)}",
        f"  diagnostics:  {len(report.diagnostics)}",
    ]
    lines.extend(
        f"    line {row.line}: unknown row {row.label!r} {list(row.cells)}"
        for row in report.unknown_rows
    )
    for finding in report.findings:
        where = f" (lines {list(finding.lines)})" if finding.lines else ""
        lines.append(f"    {finding.severity.value} {finding.code}: {finding.message}{where}")
    for diagnostic in report.diagnostics:
        where = f" (line {diagnostic.line})" if diagnostic.line else ""
        lines.append(f"    {diagnostic.code}{where}: {diagnostic.message}")
    return "\n".join(lines)


def _parse_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = 0
    for path in args.files:
        try:
            report = parse_file(path)
        except GovinfoError as exc:
            print(f"{path}: {exc}", file=err)
            status = EXIT_UNREADABLE
            continue
        print(dumps(report, indent=2) if args.json else summary(report), file=out)
    return status


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govinfo`` command."""
    parser = argparse.ArgumentParser(
        prog="govinfo", description="Read government information-disclosure annual reports."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="parse reports and print them")
    parse.add_argument("files", nargs="+", metavar="FILE")
    parse.add_argument("--json", action="store_true", help="print each report as JSON")
    parse.set_defaults(run=_parse_command)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    status: int = args.run(args, out or sys.stdout, sys.stderr)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
