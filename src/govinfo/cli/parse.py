"""``govinfo parse FILE... [--json]``: print each report's summary, or the report as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from govinfo.cli.common import read_reports
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
    reports, status = read_reports(args.files, err)
    for _, report in reports:
        print(dumps(report, indent=2) if args.json else summary(report), file=out)
    return status


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``govinfo parse``."""
    parse = commands.add_parser("parse", help="parse reports and print them")
    parse.add_argument("files", nargs="+", metavar="FILE")
    parse.add_argument("--json", action="store_true", help="print each report as JSON")
    parse.set_defaults(run=run)
