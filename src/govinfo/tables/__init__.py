"""Tables: the statistics tables of a normalised report, read into catalogue cells.

The old 统计表 (:mod:`.old`) is tried first, then the 2019/2021 tables
(:mod:`.new`); both share label handling (:mod:`.labels`) and template
detection (:mod:`.detect`). May import the base modules and :mod:`govinfo.text`,
never :mod:`govinfo.checks`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from lark.exceptions import UnexpectedInput, VisitError

from govinfo.catalogue import load_catalogue
from govinfo.errors import GovinfoError, ReportSyntaxError
from govinfo.models import Heading, nowhere
from govinfo.tables.forms import find_form, find_rows, read_form
from govinfo.tables.new import read_new_tables
from govinfo.tables.new.restatements import decide_by_prose
from govinfo.tables.old import parse_lines, read_old_tables, tokenize
from govinfo.tables.reading import TableReading

if TYPE_CHECKING:
    from govinfo.models import Diagnostic, Locate
    from govinfo.text.normalize import Document, Line

__all__ = ["TableReading", "Tables", "decide_by_prose", "read_tables"]


@attrs.frozen(kw_only=True)
class Tables:
    """A report's tables as read, with the prose headings and table furniture met on the way."""

    reading: TableReading
    headings: tuple[Heading, ...]
    #: Table furniture lines (titles, ``（2018年度）``, ``（市级政府）``), for the metadata.
    furniture: tuple[Line, ...]
    #: Source lines the tables cover, kept out of prose reading.
    spans: tuple[range, ...]


def read_tables(document: Document, locate: Locate = nowhere) -> Tables:
    """Read the statistics tables of a normalised report.

    ``locate`` gives each cell its place in the carrier the text was made from.

    Raises:
        ReportSyntaxError: a line of an old table breaks its grammar (a number
            with no row label above it), with its line and column.
    """
    catalogue = load_catalogue()
    lexed = tokenize(document, catalogue)
    try:
        headings, tables = parse_lines(lexed.tokens)
    except UnexpectedInput as exc:
        text = "\n".join(line.raw for line in document.lines)
        raise ReportSyntaxError("unexpected line in the table", text, exc.line, exc.column) from exc
    except VisitError as exc:  # pragma: no cover - transformer bugs surface as their cause
        if isinstance(exc.orig_exc, GovinfoError):
            raise exc.orig_exc from exc
        raise
    form = find_form(document.lines)
    if form is not None:
        reading = _with_cut(read_form(document.lines, *form), lexed.diagnostics)
        spans: tuple[range, ...] = tuple(table.span for table in tables)
        return Tables(
            reading=reading,
            headings=tuple(Heading(line=h.line, ordinal=h.ordinal, text=h.text) for h in headings),
            furniture=lexed.furniture,
            spans=spans,
        )
    reading = read_old_tables(tables, document.lines, lexed.furniture, catalogue, locate)
    reading = _with_cut(reading, lexed.diagnostics)
    spans = tuple(table.span for table in tables)
    if not reading.cells:
        new = read_new_tables(document.lines, locate)
        if new.cells or new.unknown_rows or (new.template and not reading.unknown_rows):
            reading, spans = new, new.spans
        else:
            reading = _with_cut(reading, new.diagnostics)  # only a tables-cut, if any
    if not reading.cells and not reading.unknown_rows:
        # A table of no template: its rows kept raw, never dropped.
        loose = find_rows(document.lines)
        if loose is not None:
            reading = _with_cut(loose, lexed.diagnostics)
            spans = tuple(range(row.line, row.line + 1) for row in loose.unknown_rows)
    return Tables(
        reading=reading,
        headings=tuple(Heading(line=h.line, ordinal=h.ordinal, text=h.text) for h in headings),
        furniture=lexed.furniture,
        spans=spans,
    )


def _with_cut(reading: TableReading, cut: tuple[Diagnostic, ...]) -> TableReading:
    """``reading`` with the lexer's ``tables-cut``, if it stopped early, first."""
    return attrs.evolve(reading, diagnostics=(*cut, *reading.diagnostics)) if cut else reading
