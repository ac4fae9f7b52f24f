"""Statistics tables of forms the catalogue does not carry, found and kept raw.

Provincial forms (Fujian's 指标名称 / 计量单位 / 本年度 / 历年累计 before 2019) are
templates of family ``unsupported`` in the catalogue, known by their header
phrases (``cues``). Their labels sometimes equal national ones (当面申请数), but
their rows mean other things, so none is keyed: every row is an unknown row with
its label, unit and values, and a diagnostic names the form. Rows printed with
spaces are cut into words; rows whose cells ran together (``主动公开文件数条2543
78967其中：1、…``) are cut at their unit, and a run of digits is split only where a
single split fits its columns.

A table of no form at all (a local form of 2008–2013, ``项目 单位 数量``) is not
dropped either: when no table was read, runs of lines printed as a label and then
only its unit and numbers are kept raw (:func:`find_rows`).
"""

from __future__ import annotations

import functools
import operator
import re
from typing import TYPE_CHECKING

from govinfo.catalogue import load_catalogue
from govinfo.folding import folded_key, key
from govinfo.models import Diagnostic, UnknownRow
from govinfo.tables.digits import cuts
from govinfo.tables.reading import TableReading
from govinfo.text.normalize import LineKind
from govinfo.values import parse_value

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.catalogue import Template
    from govinfo.text.normalize import Line

__all__ = ["find_form", "find_rows", "read_form"]

_FAMILY = "unsupported"
# A line's text, read without a Python-level call per line.
_TEXT = operator.attrgetter("text")
# Value columns of the provincial forms (本年度, 历年累计).
_COLUMNS = 2
_WORD_RE = re.compile(r"\S+")
# Lines in a row, each a label and its unit and numbers, that make a table.
_MIN_ROWS = 3
# Punctuation of sentences: a line holding it is prose, not a row.
_SENTENCE = frozenset("。，；,;")


@functools.cache
def _forms() -> tuple[tuple[Template, tuple[str, ...]], ...]:
    return tuple(
        (t, tuple(key(c) for c in t.cues))
        for t in load_catalogue().templates
        if t.family == _FAMILY
    )


@functools.cache
def _glued_row_re() -> re.Pattern[str]:
    """A row whose cells ran together: label, unit, digits (an ordinal may follow)."""
    units = sorted(load_catalogue().units | {"元"}, key=len, reverse=True)
    return re.compile(
        r"(?P<label>(?:[^\d\s]|\d(?=[、.]\D))+?)"
        rf"(?P<unit>{'|'.join(map(re.escape, units))})(?P<digits>\d+)"
    )


def find_form(lines: Sequence[Line]) -> tuple[Template, int, int] | None:
    """The unsupported form whose header a line prints: (form, line index, column after it)."""
    forms = _forms()
    if not forms:
        return None
    # Most reports print no such form: look for the cues in the whole text first.
    whole = "".join("".join(map(_TEXT, lines)).split())
    forms = tuple((form, cues) for form, cues in forms if all(cue in whole for cue in cues))
    if not forms:
        return None
    for index, line in enumerate(lines):
        if line.kind is not LineKind.TEXT:
            continue
        line_key = folded_key(line.text)
        for form, cues in forms:
            if all(cue in line_key for cue in cues):
                last = cues[-1]
                # The column after the header's last phrase, in the line's own text.
                at = line.text.find(last[-1], _column_of(line.text, last))
                return form, index, at + 1
    return None


def _column_of(text: str, phrase: str) -> int:
    """Where ``phrase`` (a key) starts in ``text`` (spaces and quotes aside)."""
    compact = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    joined = "".join(ch for _, ch in compact)
    found = joined.find(phrase)
    return compact[found][0] if found >= 0 else 0


def read_form(lines: Sequence[Line], form: Template, start: int, column: int) -> TableReading:
    """The rows of an unsupported form's table, kept raw, from its header on."""
    rows: list[UnknownRow] = []
    first = True
    for line in lines[start:]:
        if line.kind is not LineKind.TEXT:
            continue
        base = column if first else 0
        first = False
        found = _rows(line, line.text[base:], base, form.id)
        if not found and rows:
            break
        rows.extend(found)
    diagnostic = Diagnostic(
        code="unsupported-form",
        message=f"a statistics table of a form the catalogue does not carry ({form.name}): "
        f"{len(rows)} row(s) kept raw, no cell keyed",
        line=lines[start].number,
    )
    return TableReading(
        cells={}, unknown_rows=tuple(rows), diagnostics=(diagnostic,), template=None
    )


def _rows(line: Line, text: str, base: int, form: str) -> list[UnknownRow]:
    """The rows printed in ``text`` (a line, or its part after the header)."""
    if "。" in text:
        return []  # prose
    words = list(_WORD_RE.finditer(text))
    cell = [_is_cell(w.group()) for w in words]
    first = cell.index(True) if True in cell else 0
    if first and all(cell[first:]):
        label = line.raw[base + words[0].start() : base + words[first - 1].end()]
        return [_row(line, label, [w.group() for w in words[first:]], form, "")]
    return _glued(line, text, base, form)


def _is_cell(word: str) -> bool:
    return folded_key(word) in load_catalogue().units or parse_value(word) is not None


def _glued(line: Line, text: str, base: int, form: str) -> list[UnknownRow]:
    """Rows whose cells ran together: cut at each unit; digits split where one way fits."""
    rows: list[UnknownRow] = []
    pattern = _glued_row_re()
    at = 0
    while (match := pattern.search(text, at)) is not None:
        if rows and match.start() != at:
            break  # prose after the table
        digits = match["digits"]
        end = match.end()
        after = text[end : end + 2]
        if len(after) == 2 and after[0] in "、." and not after[1].isdigit() and len(digits) > 1:
            digits, end = digits[:-1], end - 1  # the next row's ordinal
        splits = list(cuts(digits, _COLUMNS))
        cells = list(splits[0]) if len(splits) == 1 else [digits]
        reason = "" if len(splits) == 1 else f"digits {digits} not split: {len(splits)} ways"
        label = line.raw[base + match.start("label") : base + match.end("label")]
        rows.append(_row(line, label, [match["unit"], *cells], form, reason))
        at = end
    return rows


def _row(line: Line, label: str, cells: list[str], form: str, note: str) -> UnknownRow:
    reason = f"row of the {form} form, not a catalogue template"
    return UnknownRow(
        line=line.number,
        label=label.strip(),
        raw=line.raw.strip()[:200],
        cells=tuple(cells),
        section=form,
        reason=f"{reason}; {note}" if note else reason,
    )


def find_rows(lines: Sequence[Line]) -> TableReading | None:
    """Rows of a table no template carries, kept raw (``None``: no such table).

    A row is a line of a label followed by nothing but units and numbers (at least
    one number); three such lines in a row are a table. Used only when
    no table was read, so that its rows are never silently dropped.
    """
    found: list[UnknownRow] = []
    run: list[UnknownRow] = []
    for line in [*lines, None]:
        row = None if line is None or line.kind is not LineKind.TEXT else _plain_row(line)
        if row is not None:
            run.append(row)
            continue
        if line is not None and line.kind is not LineKind.TEXT:
            continue  # page furniture and blank lines do not end a table
        if len(run) >= _MIN_ROWS:
            found += run
        run = []
    if not found:
        return None
    diagnostic = Diagnostic(
        code="unknown-table",
        message=f"a table no catalogue template carries: {len(found)} row(s) kept raw, "
        "no cell keyed",
        line=found[0].line,
    )
    return TableReading(
        cells={}, unknown_rows=tuple(found), diagnostics=(diagnostic,), template=None
    )


def _plain_row(line: Line) -> UnknownRow | None:
    """A line printed as a label, then only units and numbers (``主动公开信息 条 356``)."""
    if _SENTENCE.intersection(line.text):
        return None
    words = list(_WORD_RE.finditer(line.text))
    cell = [_is_cell(w.group()) for w in words]
    first = cell.index(True) if True in cell else 0
    numbers = [w.group() for w in words[first:] if folded_key(w.group()) not in _units()]
    if not first or not all(cell[first:]) or not numbers:
        return None
    return UnknownRow(
        line=line.number,
        label=line.raw[words[0].start() : words[first - 1].end()].strip(),
        raw=line.raw.strip()[:200],
        cells=tuple(w.group() for w in words[first:]),
        reason="row of a table no catalogue template carries",
    )


@functools.cache
def _units() -> frozenset[str]:
    return frozenset(load_catalogue().units)
