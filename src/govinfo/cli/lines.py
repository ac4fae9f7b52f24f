"""The lines ``govinfo check`` prints for a report's findings.

By default one line per finding, ``FILE:LOCATION: CODE 严重度 message``, where
LOCATION is the text line (the HTML source line for a page; a PDF or Word file
has its place in brackets), and one line per rule that cannot be decided,
saying where and how many cells are blank (or that a split of run-together
digits decided it: not a check). ``--verbose`` adds each operand's
source line with its value marked, and lists every undecided comparison.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from govinfo.carriers import decode, sniff
from govinfo.catalogue import load_catalogue
from govinfo.checks.crossyear import finding_meaning
from govinfo.messages import severity_label, text
from govinfo.models import Severity

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from govinfo.messages import Lang
    from govinfo.models import Cell, Finding, Report

__all__ = ["finding_lines", "legend", "undecided_lines"]

# Places listed in an undecided rule's line before "and N more".
_WHERE_LISTED = 4


def _is_undecided(finding: Finding) -> bool:
    """A comparison not decided by the report's values (not a NOTE rule's finding).

    It cannot be decided, or only the split of run-together digits decided it.
    """
    rule = load_catalogue().rules_by_id.get(finding.code)  # cross-year checks are not rules
    return finding.severity is Severity.INFO and rule is not None and rule.kind == "arithmetic"


def _location(report: Report, finding: Finding, lang: Lang, *, cell: bool = True) -> str:
    """The text line; the HTML source line and table cell, or the place in a PDF or Word file.

    An HTML page's source line alone does not say which cell (a page printed on
    one line puts every cell on line 1), so the table, row and column follow it,
    unless ``cell`` is false (a line that sums up several comparisons).
    """
    line = finding.line
    if line is None:
        return ""
    for found in (*report.cells.values(), *report.prose):
        place = found.place
        if found.id in finding.cells and found.line == line and place is not None:
            if place.carrier == "html" and place.line:
                # A value of the page's prose has no table cell to name.
                cell_text = place.describe(lang, short=True) if cell else ""
                return f"{place.line}:[{cell_text}]" if cell_text else str(place.line)
            return f"[{place.describe(lang)}]"
    return str(line)


def _head(path: str, location: str, finding: Finding, lang: Lang) -> str:
    sev = severity_label(finding.severity.value, lang)
    where = f"{path}:{location}:" if location else f"{path}:"
    return f"{where} {finding.code} {sev} {finding.message}"


def _summarised(findings: Sequence[Finding]) -> set[tuple[str, bool]]:
    """Rules whose undecided comparisons are summarised: those with more than one.

    Each rule's comparisons a split decided are summarised apart from its blanks.
    """
    counts: dict[tuple[str, bool], int] = {}
    for finding in findings:
        if _is_undecided(finding):
            key = (finding.code, bool(finding.decided))
            counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if count > 1}


def finding_lines(
    path: str, report: Report, findings: Sequence[Finding], lang: Lang, *, verbose: bool
) -> Iterator[tuple[str, Severity]]:
    """One line per finding, with its source lines when ``verbose``.

    Without ``verbose``, a rule's undecided comparisons are left to
    :func:`undecided_lines` when there are several.
    """
    source = _text_lines(Path(path)) if verbose else []
    summarised = set() if verbose else _summarised(findings)
    for finding in findings:
        if (finding.code, bool(finding.decided)) in summarised and _is_undecided(finding):
            continue
        yield _head(path, _location(report, finding, lang), finding, lang), finding.severity
        if verbose:
            for line in _source_lines(report, finding, source, lang):
                yield line, finding.severity


def _part(cells: Sequence[str], template: str) -> str | None:
    """The column (or the row) all of a comparison's cells share, as printed."""
    catalogue = load_catalogue()
    specs = [catalogue.by_id[c] for c in cells if c in catalogue.by_id]
    if not specs:
        return None
    columns = {s.column for s in specs}
    if len(columns) == 1 and None not in columns:
        return specs[0].label_for(template).rpartition(" / ")[2]
    rows = {s.row for s in specs}
    if len(rows) == 1 and None not in rows:
        return specs[0].label_for(template).rpartition(" / ")[0]
    return None


def undecided_lines(
    path: str, report: Report, findings: Sequence[Finding], lang: Lang
) -> Iterator[str]:
    """One line per rule with several comparisons that cannot be decided."""
    by_rule: dict[tuple[str, bool], list[Finding]] = {}
    summarised = _summarised(findings)
    for finding in findings:
        key = (finding.code, bool(finding.decided))
        if key in summarised and _is_undecided(finding):
            by_rule.setdefault(key, []).append(finding)
    for (code, decided), group in by_rule.items():
        parts = [p for f in group if (p := _part(f.cells, report.template or "")) is not None]
        listed = list(dict.fromkeys(parts))
        where = text("list_sep", lang).join(listed[:_WHERE_LISTED])
        if len(listed) > _WHERE_LISTED:
            where += text("more", lang, n=len(listed) - _WHERE_LISTED)
        blanks = len({c for f in group for c in f.missing})
        split = len({c for f in group for c in f.decided})
        kind = "decided_rule" if decided else "undecided_rule" if blanks else "undecided_approx"
        shown = text(
            kind,
            lang,
            code=code,
            count=len(group),
            where=text("where", lang, items=where) if where else "",
            blanks=blanks,
            cells=split,
        )
        location = _location(report, group[0], lang, cell=False)
        yield f"{path}:{location}: {shown}" if location else f"{path}: {shown}"


def legend(findings: Sequence[Finding], lang: Lang) -> Iterator[str]:
    """Each shown code's meaning, in one sentence from the catalogue."""
    for code in dict.fromkeys(f.code for f in findings):
        yield text("legend", lang, code=code, rule=finding_meaning(code, lang))


def _width(shown: str) -> int:
    """Terminal columns of ``shown``: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in shown)


def _text_lines(path: Path) -> list[str]:
    """The file's lines when it is text; other carriers show places instead."""
    try:
        data = path.read_bytes()
    except OSError:
        return []
    return decode(data, str(path))[0].splitlines() if sniff(data, str(path)) == "text" else []


def _source_lines(
    report: Report, finding: Finding, source: Sequence[str], lang: Lang
) -> Iterator[str]:
    """The operands' source lines, each value marked with carets under it."""
    cells: list[Cell] = [
        c
        for c in (*report.cells.values(), *report.prose)
        if c.id in finding.cells and c.line in finding.lines
    ]
    for cell in cells:
        where = cell.label if cell.origin == "table" else f"({text('from_prose', lang)})"
        if cell.place is not None or cell.line > len(source):
            place = f"[{cell.place.describe(lang)}]" if cell.place is not None else ""
            yield f"          {place} {cell.raw.strip() or '(' + text('blank', lang) + ')'} {where}"
            continue
        line = source[cell.line - 1].replace("\t", " ")
        # Long prose lines are shown around the value only.
        start = max(0, cell.column - 31)
        shown = line[start : cell.column - 1 + len(cell.raw) + 20]
        marker = " " * _width(line[start : cell.column - 1]) + "^" * max(_width(cell.raw), 1)
        yield f"    {cell.line:>5} | {shown}"
        yield f"          | {marker} {where}"
