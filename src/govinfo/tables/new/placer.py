"""Put each printed row's values into its columns and build the cells.

Values go to columns by meaning: under their header cells where the shape keeps
positions, by count where it does not, and otherwise the row is kept raw with a
diagnostic saying why. Table 四's fifteen numbers are placed as one block.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from govinfo.models import Cell, Diagnostic, UnknownRow
from govinfo.tables.new.layout import ACTIVE, REQUESTS, load_layout
from govinfo.tables.new.lookup import cell_spec, is_group
from govinfo.text.cells import CellText
from govinfo.values import MISSING, in_unit, parse_value

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.models import Locate
    from govinfo.tables.new.layout import Row
    from govinfo.tables.new.reader import Reader, ReadRow
    from govinfo.text.normalize import Line

__all__ = ["Headers", "Placer", "columns_of", "truncation"]

#: Header cells (column id, cell) per table 二 block or table, as the reader kept them.
Headers = Mapping[str, list[tuple[str, CellText]]]


class Placer:
    """Puts each row's values into columns and builds the cells."""

    def __init__(self, reader: Reader, template: str, locate: Locate) -> None:
        """A placer of ``reader``'s rows as cells of ``template``, placed by ``locate``."""
        self.reader = reader
        self.locate = locate
        self.template = template
        self.layout = reader.layout
        self.cells: dict[str, Cell] = {}
        self.unplaced: list[UnknownRow] = []
        self.diagnostics: list[Diagnostic] = []

    def place(self) -> dict[str, Cell]:
        """Every row's cells, by catalogue id; rows that cannot be placed are kept raw."""
        for row in self.reader.rows:
            known = row.row
            if known is None:
                self.keep_unknown(row)
                continue
            columns = columns_of(known, self.reader.headers, self.template)
            values = self.split_digits(known, row, len(columns))
            if values is None:
                continue
            if not any(v.text for v in values) and is_group(row.label.text):
                continue  # a group row (2021's （六）其他处理), not the 2019 value row
            if not values:
                # The row is printed with no cell at all: every cell is blank.
                values = [CellText("", row.label.line, row.label.column)] * len(columns)
                row.positional = True
            placed = self.assign(known, row, values, columns)
            if placed is None:
                self.keep_raw(known, row, f"{len(values)} values for {len(columns)} columns")
                continue
            for column, value in placed:
                self.add(known, column, value, row.label)
        self.place_appeals()
        return self.cells

    def keep_unknown(self, row: ReadRow) -> None:
        """Keep a row the layout does not know."""
        table = self.reader.table_of.get(row.label.line, "")
        self.keep(row, table, "not a row of the 2019/2021 tables")

    def keep(self, row: ReadRow, section: str, reason: str) -> None:
        """Keep a row raw, with its values and why it was not read."""
        self.unplaced.append(
            UnknownRow(
                line=row.label.line,
                label=_source_text(self.reader.lines, row.label),
                raw=self.reader.lines[row.label.line - 1].raw.strip(),
                cells=tuple(v.text for v in row.values),
                section=section,
                reason=reason,
            )
        )

    def split_digits(self, known: Row, row: ReadRow, width: int) -> list[CellText] | None:
        """The row's values, with digits run into its label split where only one split fits."""
        if not row.digits:
            return row.values
        label = row.label
        if len(row.digits) == width and not row.values:
            message = (
                f"{len(row.digits)} digits run into the label for {width} columns: "
                "split one digit per column, the only split that fills every column"
            )
            self.diagnostics.append(_at(label, "numbers-run-together", message))
            start = label.column + len(label.text) - len(row.digits)
            return [CellText(d, label.line, start + i) for i, d in enumerate(row.digits)]
        self.keep_raw(
            known, row, f"numbers run together ({row.digits}) for {width} columns; not split"
        )
        return None

    def assign(
        self, known: Row, row: ReadRow, values: list[CellText], columns: tuple[str, ...]
    ) -> list[tuple[str, CellText]] | None:
        """(column, value) pairs for a row, or ``None`` when the columns cannot be told."""
        if row.positional:
            by_header = _by_header(self.reader.headers, known, values, columns)
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
        if known.table == REQUESTS and len(values) == len(columns) - 1:
            message = (
                "6 values in a row of 7 columns: read as the six applicant columns "
                "with 总计 left blank"
            )
            self.diagnostics.append(_at(row.label, "total-assumed-blank", message))
            blank = CellText("", row.label.line, row.label.column)
            return [*zip(columns, values, strict=False), (columns[-1], blank)]
        return None

    def keep_raw(self, known: Row, row: ReadRow, reason: str) -> None:
        """Keep a known row raw when its values cannot be put into columns."""
        self.keep(
            row, known.table, f"{known.id}: {reason}; cannot tell which column each number is"
        )

    def place_appeals(self) -> None:
        """Table 四's numbers in its 15 columns, in printed order (or not at all)."""
        values = self.reader.appeal_values
        if not values:
            return
        slots = [(g, c) for g in self.layout.appeal_groups for c in self.layout.appeal_columns]
        fitted = _fit_appeals(values, len(slots), positional=self.reader.appeal_positional)
        if fitted is None:
            message = f"table 四 has {len(values)} numbers for its 15 columns; not placed"
            self.diagnostics.append(_at(values[0], "appeals-unplaced", message, values))
            return
        for (group, column), value in zip(slots, fitted, strict=True):
            self.add(self.layout.rows[group], column, value, None)

    def add(self, row: Row, column: str, value: CellText, label: CellText | None) -> None:
        """The cell of ``row`` × ``column`` (the first one printed wins)."""
        cell_id, spec = cell_spec(row.id, column)
        if spec is None or cell_id in self.cells:
            return
        quantity = parse_value(value.text) if value.text else MISSING
        if quantity is None:
            quantity = MISSING
        unit = spec.unit or quantity.unit
        flags = quantity.flags
        if quantity.value is not None and quantity.value < 0 and not spec.signed:
            flags = (*flags, "negative")
        self.cells[cell_id] = Cell.from_quantity(
            cell_id,
            in_unit(quantity, unit),
            unit=unit,
            raw=value.text,
            line=value.line,
            column=value.column,
            label=f"{label.text} / {column}" if label is not None else spec.label,
            flags=flags,
            place=self.locate(value.line, value.column),
        )


def columns_of(known: Row, headers: Headers, template: str) -> tuple[str, ...]:
    """The columns of a row in printed order: table 二's as its block's header prints them."""
    if known.table == ACTIVE:
        seen = [c for c, _ in headers.get(known.block or "", [])]
        printed = [c for c in seen if c in known.columns]
        if printed:
            return tuple(printed)
        # Headers unreadable (wrapped, lost): the template's columns, in order.
        return known.columns_for(template) or tuple(known.columns)
    return load_layout().request_columns


def _by_header(
    headers: Headers, known: Row, values: list[CellText], columns: tuple[str, ...]
) -> list[tuple[str, CellText]] | None:
    """Values under their header cells, when the row is as wide as the header rows."""
    where = known.block if known.table == ACTIVE else known.table
    header = [(c, cell) for c, cell in headers.get(where or "", []) if cell.width]
    widths = {cell.width for _, cell in header}
    if not header or not values or widths != {values[0].width}:
        return None
    at = {cell.slot: column for column, cell in header if column in columns}
    if any(v.text and v.slot not in at for v in values):
        return None
    return [(at[v.slot], v) for v in values if v.slot in at]


def truncation(cells: Mapping[str, Cell], template: str) -> Diagnostic | None:
    """``table-truncated`` when table 三 stops before its last rows (a cut page)."""
    layout = load_layout()
    expected = [r for r in layout.rows.values() if r.table == REQUESTS and r.columns_for(template)]
    printed = {cell_id.rpartition(".")[0] for cell_id in cells}
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


def _at(cell: CellText, code: str, message: str, cells: Sequence[CellText] = ()) -> Diagnostic:
    """A diagnostic at a cell, showing its text (or the texts of ``cells``)."""
    text = " ".join(c.text for c in cells) if cells else cell.text
    return Diagnostic(code=code, message=message, line=cell.line, column=cell.column, text=text)


def _source_text(lines: Sequence[Line], cell: CellText) -> str:
    """A cell's text as in the source (folding keeps columns)."""
    raw = lines[cell.line - 1].raw
    return raw[cell.column - 1 : cell.column - 1 + len(cell.text)]
