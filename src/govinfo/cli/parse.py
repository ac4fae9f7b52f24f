"""``govinfo parse SRC... [--json]``: print each report's summary, or JSON Lines.

Sources are files, folders (recursively), globs or ``-`` (paths on stdin), as for
``govinfo dataset``. Each report is printed as soon as it is parsed; with
``--json`` one report per line (JSON Lines), so that ``pandas.read_json(...,
lines=True)`` and DuckDB's ``read_json`` load the output as rows.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from govinfo.api import parse_file
from govinfo.checks.presence import unplaced_values
from govinfo.cli.common import EXIT_UNREADABLE, error_line, sources
from govinfo.errors import GovinfoError
from govinfo.serialize import dumps

if TYPE_CHECKING:
    import argparse

    from govinfo.models import Report

__all__ = ["add_parser", "summary"]


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
        f"  unplaced:     {unplaced_values(report)} printed value(s) in no cell",
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


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        paths = sources(args.files, sys.stdin, err, "parse")
    except GovinfoError as exc:
        print(f"govinfo parse: {exc}", file=err)
        return EXIT_UNREADABLE
    status = 0
    for path in paths:
        try:
            report = parse_file(path)
        except GovinfoError as exc:
            print(error_line(path, exc), file=err)
            status = EXIT_UNREADABLE
            continue
        print(dumps(report) if args.json else summary(report), file=out, flush=True)
    return status


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``govinfo parse``."""
    parse = commands.add_parser(
        "parse",
        help="parse reports and print them",
        description="SRC: files, folders (recursively), globs or '-' (paths on stdin).",
    )
    parse.add_argument("files", nargs="+", metavar="SRC")
    parse.add_argument(
        "--json", action="store_true", help="print each report as one line of JSON (JSON Lines)"
    )
    parse.set_defaults(run=run)
