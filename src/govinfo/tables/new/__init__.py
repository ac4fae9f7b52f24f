"""The 2019/2021 tables: layout from the catalogue, line reader, placer of values.

May import the base modules, :mod:`govinfo.text` and :mod:`govinfo.tables`'
shared modules (labels, detection, reading).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo.limits import MAX_TABLE_CELLS
from govinfo.models import Diagnostic, nowhere
from govinfo.tables.detect import detect_new
from govinfo.tables.new.lookup import might_open
from govinfo.tables.new.matching import match_rows
from govinfo.tables.new.placer import Placer, truncation
from govinfo.tables.new.reader import Reader
from govinfo.tables.new.tokens import line_cells
from govinfo.tables.reading import TableReading, tables_cut

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.models import Locate
    from govinfo.tables.new.rows import ReadRow
    from govinfo.text.normalize import Line

__all__ = ["read_new_tables"]


def read_new_tables(lines: Sequence[Line], locate: Locate = nowhere) -> TableReading:
    """Read the 2019/2021 tables of a report, if it has them.

    ``locate`` gives each cell its place in the carrier the text was made from.
    """
    if not might_open(lines):
        return TableReading(cells={}, unknown_rows=(), diagnostics=(), template=None, spans=())
    reader = Reader(lines)
    for line, printed, positional in line_cells(lines):
        if reader.state.cells_read + len(printed) > MAX_TABLE_CELLS:
            reader.state.diagnostics.append(
                tables_cut("2019/2021 table", line.number, line.indent + 1, line.text)
            )
            break
        reader.feed_cells(line, printed, positional=positional)
    if not reader.state.rows and not reader.state.appeal_values and not reader.state.loose:
        # No row read, but where the reader stopped at the cell limit is said.
        said = tuple(d for d in reader.state.diagnostics if d.code == "tables-cut")
        return TableReading(cells={}, unknown_rows=(), diagnostics=said, template=None, spans=())
    rows = match_rows(reader.state.rows)
    block_one = {c for c, _ in reader.state.headers.get("new.active.art20_1", [])}
    printed_rows = {r.row.id for r in rows if r.row is not None and any(v.text for v in r.values)}
    template, detection = detect_new(set(reader.state.printed), block_one, printed_rows)
    placer = Placer(reader, rows, template, locate)
    cells = placer.place()
    for row in reader.state.loose:
        placer.built.keep(row, row.table, row.reason)
    cut = truncation(cells, template, {r.row.id for r in rows if r.row is not None})
    inexact = [_inexact(r) for r in rows if r.inexact and r.row is not None]
    return TableReading(
        cells=cells,
        unknown_rows=tuple(placer.built.unplaced),
        diagnostics=(
            *reader.state.diagnostics,
            *detection,
            *inexact,
            *placer.built.diagnostics,
            *filter(None, [cut]),
        ),
        template=template,
        spans=tuple(range(a, b + 1) for a, b in reader.state.spans),
        open_splits=placer.splitter.open,
    )


def _inexact(row: ReadRow) -> Diagnostic:
    known = row.row
    name = "" if known is None else f"{known.id} ({known.ordinal}{known.label})"
    return Diagnostic(
        code="label-inexact",
        message=f"the printed label is read as {name} by its place in the table and its "
        "likeness to the template's label",
        line=row.label.line,
        column=row.label.column,
        text=row.text,
    )
