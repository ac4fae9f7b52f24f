"""The ``govinfo`` command line: ``govinfo parse FILE... [--json]``, ``govinfo check FILE...``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from govinfo.api import parse_file
from govinfo.carriers import decode, sniff
from govinfo.errors import GovinfoError
from govinfo.models import Severity
from govinfo.serialize import dumps, make_converter

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.models import Cell, Finding, Report

__all__ = ["main"]

#: Exit status when error-level findings were found.
EXIT_ERRORS = 1
#: Exit status when a file could not be read.
EXIT_UNREADABLE = 2

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "2"}


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


def _read(paths: Sequence[str], err: TextIO) -> tuple[list[tuple[str, Report]], int]:
    """Parse each file; an unreadable one is reported on ``err`` and sets status 2."""
    reports: list[tuple[str, Report]] = []
    status = 0
    for path in paths:
        try:
            reports.append((path, parse_file(path)))
        except GovinfoError as exc:
            print(f"{path}: {exc}", file=err)
            status = EXIT_UNREADABLE
    return reports, status


def _parse_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    reports, status = _read(args.files, err)
    for _, report in reports:
        print(dumps(report, indent=2) if args.json else summary(report), file=out)
    return status


def _paint(text: str, severity: Severity, *, colour: bool) -> str:
    return f"\x1b[{_COLOURS[severity]}m{text}\x1b[0m" if colour else text


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _head_line(report: Report, finding: Finding) -> str:
    """``LINE:`` for an editor: the text line, or the HTML source line; none for DOCX/PDF."""
    line = min(finding.lines, default=0)
    for cell in (*report.cells.values(), *report.prose):
        if cell.id in finding.cells and cell.line == line and cell.place is not None:
            html_line = cell.place.line if cell.place.carrier == "html" else None
            return f"{html_line}:" if html_line else ""
    return f"{line}:"


def _text_lines(path: Path) -> list[str]:
    """The file's lines when it is text; other carriers show places instead."""
    data = path.read_bytes()
    return decode(data, str(path))[0].splitlines() if sniff(data, str(path)) == "text" else []


def _where(cell: Cell) -> str:
    place = cell.place
    if place is None:
        return ""
    parts = [
        f"{name} {value}"
        for name, value in (
            ("page", place.page),
            ("paragraph", place.paragraph),
            ("table", place.table),
            ("row", place.row),
            ("column", place.column),
            ("line", place.line),
        )
        if value is not None
    ]
    return f"[{place.carrier} " + ", ".join(parts) + "]"


def _source_lines(report: Report, finding: Finding, text: Sequence[str]) -> list[str]:
    """The operands' source lines, each value marked with carets under it."""
    out: list[str] = []
    for cell in (*report.cells.values(), *report.prose):
        if cell.id not in finding.cells or cell.line not in finding.lines:
            continue
        if cell.place is not None or cell.line > len(text):
            out.append(f"          {_where(cell)} {cell.raw or '(空)'} {cell.label}")
            continue
        line = text[cell.line - 1].replace("\t", " ") if cell.line <= len(text) else ""
        # Long prose lines are shown around the value only.
        start = max(0, cell.column - 31)
        shown = line[start : cell.column - 1 + len(cell.raw) + 20]
        before = line[start : cell.column - 1]
        marker = " " * _width(before) + "^" * max(_width(cell.raw), 1)
        where = cell.label if cell.origin == "table" else "(正文)"
        out.extend([f"    {cell.line:>5} | {shown}", f"          | {marker} {where}"])
    return out


def _check_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    colour = out.isatty() and "NO_COLOR" not in os.environ
    as_json: list[object] = []
    converter = make_converter()
    reports, status = _read(args.files, err)
    for path, report in reports:
        errors = [f for f in report.findings if f.severity is Severity.ERROR]
        if errors and status == 0:
            status = EXIT_ERRORS
        if args.json:
            as_json.append(
                {
                    "source": path,
                    "template": report.template,
                    "findings": converter.unstructure(list(report.findings)),
                }
            )
            continue
        text = _text_lines(Path(path))
        for finding in report.findings:
            head = f"{path}:{_head_line(report, finding)} {finding.code} {finding.severity.value}"
            print(f"{_paint(head, finding.severity, colour=colour)} {finding.message}", file=out)
            for shown in _source_lines(report, finding, text):
                print(shown, file=out)
        counts = {s: sum(f.severity is s for f in report.findings) for s in Severity}
        print(
            f"{path}: {counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
            f"{counts[Severity.INFO]} not evaluable; template {report.template or '-'}",
            file=out,
        )
    if args.json:
        print(json.dumps(as_json, ensure_ascii=False, indent=2), file=out)
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
    check = commands.add_parser(
        "check",
        help="check reports against the catalogue's invariants",
        description="Exit status: 0 no error-level finding, 1 error-level findings, "
        "2 a file could not be read.",
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.set_defaults(run=_check_command)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args, out or sys.stdout, sys.stderr)
    except BrokenPipeError:
        # The reader went away (`govinfo check … | head`): stop quietly.
        sys.stderr.close()
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
