"""Put each printed row's values into its columns.

Values go to columns by meaning: under their header cells where the shape keeps
positions, by count where it does not. A row with fewer values than columns on a
page whose numbers ran together goes to the :class:`~.splitting.Splitter`; any
other row that does not fit is kept raw with the reason. Table 四's fifteen
numbers are placed as one block. Cells are built by :class:`~.building.CellBuilder`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING

from govinfo.models import Cell, Diagnostic
from govinfo.tables.digits import held
from govinfo.tables.new.building import CellBuilder
from govinfo.tables.new.layout import ACTIVE, APPEALS, REQUESTS, load_layout
from govinfo.tables.new.splitting import Splitter, runs_together
from govinfo.text.cells import CellText

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.models import Locate
    from govinfo.tables.new.layout import Row
    from govinfo.tables.new.reader import Reader
    from govinfo.tables.new.rows import ReadRow
    from govinfo.tables.new.solve import Pending

__all__ = ["Headers", "Placer", "columns_of", "truncation"]

#: Header cells (column id, cell) per table 二 block or table, as the reader kept them.
Headers = Mapping[str, list[tuple[str, CellText]]]


class Placer:
    """Puts each row's values into columns; the cells and raw rows are in ``built``."""

    def __init__(
        self, reader: Reader, rows: Sequence[ReadRow], template: str, locate: Locate
    ) -> None:
        """A placer of ``rows`` (matched) as cells of ``template``, placed by ``locate``."""
        self.reader = reader
        self.rows = rows
        self.template = template
        self.layout = reader.state.layout
        self.built = CellBuilder(reader.state.lines, locate)
        evidence = runs_together(rows, reader.state.appeal_values)
        self.splitter = Splitter(self.built, template, run_together=evidence)
        self.grids: dict[tuple[str, tuple[str, ...]], tuple[int, dict[int, str]] | None] = {}

    def place(self) -> dict[str, Cell]:
        """Every row's cells, by catalogue id; rows that cannot be placed are kept raw."""
        candidates: list[Pending] = []
        for row in self.rows:
            known = row.row
            if known is None:
                self.built.keep(row, row.table, row.reason or "not a row of the 2019/2021 tables")
                continue
            columns = columns_of(known, self.reader.state.headers, self.template)
            values = row.values
            if not any(v.text for v in values) and not known.columns_for(self.template):
                continue  # 2021's group row （六）其他处理, not the 2019 value row
            if not values:
                # The row is printed with no cell at all: every cell is blank.
                values = [CellText("", row.label.line, row.label.column)] * len(columns)
                row.positional = True
            placed = self.assign(known, row, values, columns)
            if placed is not None:
                self.built.add_row(known, placed, row)
                continue
            pending = self.splitter.splits(known.id, known, row, values, columns)
            if pending is None:
                self.built.keep_raw(known, row, f"{len(values)} values for {len(columns)} columns")
            else:
                candidates.append(pending)
        appeals = self.place_appeals()
        if appeals is not None:
            candidates.append(appeals)
        if candidates:
            self.splitter.settle(candidates)
        return self.built.cells

    def assign(
        self, known: Row, row: ReadRow, values: list[CellText], columns: tuple[str, ...]
    ) -> list[tuple[str, CellText]] | None:
        """(column, value) pairs for a row, or ``None`` when the columns cannot be told."""
        if row.positional:
            where = known.block if known.table == ACTIVE else known.table
            by_header = _by_header(self.grid(where or "", columns), values)
            if by_header is not None:
                return by_header
            # Surplus empty cells at either end are label area or closing pipes.
            while len(values) > len(columns) and not values[-1].text:
                values = values[:-1]
            while len(values) > len(columns) and not values[0].text:
                values = values[1:]
            if len(values) > len(columns):
                return None
            # Cells a positional row does not reach are blank (`行政强制 | 0 | 0 |`).
            end = values[-1] if values else row.label
            values = values + [CellText("", end.line, end.column)] * (len(columns) - len(values))
            return list(zip(columns, values, strict=True))
        if len(values) == len(columns):
            return list(zip(columns, values, strict=True))
        # On a page whose numbers ran together, six values are six only when their
        # digits cannot hold seven (`2 0 0 0 0 0`); otherwise they are to split.
        if (
            known.table == REQUESTS
            and len(values) == len(columns) - 1
            and (not self.splitter.run_together or sum(held(v.text) for v in values) < len(columns))
        ):
            message = (
                "6 values in a row of 7 columns: read as the six applicant columns "
                "with 总计 left blank"
            )
            self.built.note(row.label, "total-assumed-blank", message)
            blank = CellText("", row.label.line, row.label.column)
            return [*zip(columns, values, strict=False), (columns[-1], blank)]
        return None

    def place_appeals(self) -> Pending | None:
        """Table 四's numbers in its 15 columns, in printed order; run together: to split."""
        values = self.reader.state.appeal_values
        if not values:
            return None
        slots = [(g, c) for g in self.layout.appeal_groups for c in self.layout.appeal_columns]
        fitted = _fit_appeals(values, len(slots), positional=self.reader.state.appeal_positional)
        if fitted is not None:
            for (group, column), value in zip(slots, fitted, strict=True):
                self.built.add(self.layout.rows[group], column, value, None)
            return None
        block = [v for v in values if v.text]
        pending = self.splitter.appeal_splits(block, slots)
        if pending is None:
            message = f"table 四 has {len(values)} numbers for its 15 columns; not placed"
            self.built.note(values[0], "appeals-unplaced", message, values)
            self.built.keep_values(values, APPEALS, message)
        return pending

    def grid(self, where: str, columns: tuple[str, ...]) -> tuple[int, dict[int, str]] | None:
        """The header grid of a table (or table 二 block), computed once per report."""
        if (where, columns) not in self.grids:
            header = self.reader.state.headers.get(where, [])
            self.grids[where, columns] = _header_grid(header, columns)
        return self.grids[where, columns]


def columns_of(known: Row, headers: Headers, template: str) -> tuple[str, ...]:
    """The columns of a row in printed order: table 二's as its block's header prints them."""
    if known.table == ACTIVE:
        seen = [c for c, _ in headers.get(known.block or "", [])]
        printed = tuple(c for c in seen if c in known.columns)
        expected = _template_columns(known.id, template) or tuple(known.columns)
        # Headers unreadable (wrapped, lost, one misprinted): the template's columns.
        return printed if printed and set(printed) >= set(expected) else expected
    return load_layout().request_columns


def _by_header(
    grid: tuple[int, dict[int, str]] | None, values: list[CellText]
) -> list[tuple[str, CellText]] | None:
    """Values under their header cells, when the row is as wide as the header rows.

    ``grid`` is :func:`_header_grid` of the row's table: the header rows' width and
    the column each slot names (among the row's columns).
    """
    if grid is None or not values or grid[0] != values[0].width:
        return None
    at = grid[1]
    placed = []
    for value in values:  # one pass: a row's every value, for every positional row
        column = at.get(value.slot)
        if column is not None:
            placed.append((column, value))
        elif value.text:
            return None
    return placed


def _header_grid(
    header: list[tuple[str, CellText]], columns: tuple[str, ...]
) -> tuple[int, dict[int, str]] | None:
    """The width of a table's header rows, and the column among ``columns`` per slot.

    ``None`` unless the header rows have one width.
    """
    placed = [(c, cell) for c, cell in header if cell.width]
    widths = {cell.width for _, cell in placed}
    if len(widths) != 1:
        return None
    return widths.pop(), {cell.slot: column for column, cell in placed if column in columns}


def _fit_appeals(values: list[CellText], width: int, *, positional: bool) -> list[CellText] | None:
    """Table 四's cells as exactly ``width`` values, or ``None`` when they do not fit."""
    while len(values) > width and not values[-1].text:
        values = values[:-1]
    # Empty header cells (one per line between `|` lines) come before the numbers.
    while len(values) > width and not values[0].text:
        values = values[1:]
    if len(values) == width:
        return values
    if positional and len(values) < width:
        # Cells a positional row does not reach are blank.
        end = values[-1]
        return values + [CellText("", end.line, end.column)] * (width - len(values))
    return None


# Rows × templates: table 二 has a dozen rows, and six templates exist; the bound
# keeps a caller's made-up template names from growing it.
@functools.lru_cache(maxsize=256)
def _template_columns(row: str, template: str) -> tuple[str, ...]:
    """:meth:`~.layout.Row.columns_for`, worked out once per row and template."""
    return load_layout().rows[row].columns_for(template)


@functools.lru_cache(maxsize=16)  # one entry per template
def _request_rows(template: str) -> tuple[Row, ...]:
    """Table 三's rows that have cells in ``template``, in printed order."""
    rows = load_layout().rows.values()
    return tuple(r for r in rows if r.table == REQUESTS and r.columns_for(template))


def truncation(
    cells: Mapping[str, Cell], template: str, rows: frozenset[str] | set[str] = frozenset()
) -> Diagnostic | None:
    """``table-truncated`` when table 三 stops before its last rows (a cut page).

    ``rows`` are the layout rows printed, read or not: a row whose numbers could not
    be read is not missing from the text.
    """
    expected = _request_rows(template)
    printed = {cell_id.rpartition(".")[0] for cell_id in cells} | rows
    present = [r.id in printed for r in expected]
    if not any(present) or all(present):
        return None
    last = max(i for i, p in enumerate(present) if p)
    missing = [r for i, r in enumerate(expected) if not present[i]]
    if any(present[last + 1 :]) or last + 1 >= len(expected):
        return None
    first = expected[last + 1]
    return Diagnostic(
        code="table-truncated",
        message=f"table 三 stops before {first.ordinal}{first.label} "
        f"({first.id}); {len(missing)} row(s) missing",
    )
