"""``govinfo check FILE... [--json]``: the findings of each report, with their source lines."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from govinfo.carriers import decode, sniff
from govinfo.cli.common import EXIT_ERRORS, read_reports
from govinfo.models import Severity
from govinfo.serialize import make_converter

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from govinfo.models import Cell, Finding, Report

__all__ = ["add_parser"]

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "2"}


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


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    colour = out.isatty() and "NO_COLOR" not in os.environ
    as_json: list[object] = []
    converter = make_converter()
    reports, status = read_reports(args.files, err)
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


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``govinfo check``."""
    check = commands.add_parser(
        "check",
        help="check reports against the catalogue's invariants",
        description="Exit status: 0 no error-level finding, 1 error-level findings, "
        "2 a file could not be read.",
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.set_defaults(run=run)
