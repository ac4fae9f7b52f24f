"""Put each printed row's values into its columns and build the cells.

Values go to columns by meaning: under their header cells where the shape keeps
positions, by count where it does not. A row with fewer values than columns on a
page whose numbers ran together is split by :mod:`.solve`; any other row that
does not fit is kept raw with the reason. Table 四's fifteen numbers are placed
as one block.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from govinfo.models import Cell, Diagnostic, UnknownRow
from govinfo.tables.digits import MAX_COUNT_DIGITS, TooMany, row_splits
from govinfo.tables.new.layout import ACTIVE, REQUESTS, load_layout
from govinfo.tables.new.lookup import cell_spec
from govinfo.tables.new.solve import Pending, solve
from govinfo.text.cells import CellText
from govinfo.values import MISSING, in_unit, parse_value

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.models import Locate
    from govinfo.tables.new.layout import Row
    from govinfo.tables.new.reader import Reader
    from govinfo.tables.new.rows import ReadRow

__all__ = ["Headers", "Placer", "columns_of", "truncation"]

#: Header cells (column id, cell) per table 二 block or table, as the reader kept them.
Headers = Mapping[str, list[tuple[str, CellText]]]
_APPEALS = "appeals"
# Candidate splits shown in a diagnostic.
_SHOWN = 3


class Placer:
    """Puts each row's values into columns and builds the cells."""

    def __init__(
        self, reader: Reader, rows: Sequence[ReadRow], template: str, locate: Locate
    ) -> None:
        """A placer of ``rows`` (matched) as cells of ``template``, placed by ``locate``."""
        self.reader = reader
        self.rows = rows
        self.locate = locate
        self.template = template
        self.layout = reader.layout
        self.cells: dict[str, Cell] = {}
        self.unplaced: list[UnknownRow] = []
        self.diagnostics: list[Diagnostic] = []
        self.run_together = _runs_together(rows, reader.appeal_values)
        self.labels: dict[int, str] = {}
        self.grids: dict[tuple[str, tuple[str, ...]], tuple[int, dict[int, str]] | None] = {}
        #: Rows to split, by key, as (row, label, cell ids, the printed runs).
        self.pending: dict[str, tuple[Row, ReadRow | None, tuple[str, ...], list[CellText]]] = {}

    def place(self) -> dict[str, Cell]:
        """Every row's cells, by catalogue id; rows that cannot be placed are kept raw."""
        candidates: list[Pending] = []
        for row in self.rows:
            known = row.row
            if known is None:
                self.keep(row, row.table, row.reason or "not a row of the 2019/2021 tables")
                continue
            columns = columns_of(known, self.reader.headers, self.template)
            values = row.values
            if not any(v.text for v in values) and not known.columns_for(self.template):
                continue  # 2021's group row （六）其他处理, not the 2019 value row
            if not values:
                # The row is printed with no cell at all: every cell is blank.
                values = [CellText("", row.label.line, row.label.column)] * len(columns)
                row.positional = True
            placed = self.assign(known, row, values, columns)
            if placed is not None:
                for column, value in placed:
                    self.add(known, column, value, row)
                continue
            pending = self.splits(known.id, known, row, values, columns)
            if pending is None:
                self.keep_raw(known, row, f"{len(values)} values for {len(columns)} columns")
            else:
                candidates.append(pending)
        appeals = self.place_appeals()
        if appeals is not None:
            candidates.append(appeals)
        if candidates:
            self.settle(candidates)
        return self.cells

    def splits(
        self,
        key: str,
        known: Row,
        row: ReadRow | None,
        values: list[CellText],
        columns: Sequence[str],
    ) -> Pending | None:
        """The candidate splits of a row whose numbers ran together (``None``: not such a row)."""
        if not self.run_together or len(values) >= len(columns):
            return None
        texts = [v.text for v in values]
        if not all(t.isdigit() or parse_value(t) is not None for t in texts):
            return None
        try:
            found = row_splits(texts, len(columns))
        except TooMany:
            self.diagnostics.append(
                _at(values[0], "split-search-capped", "too many ways to split; not read", values)
            )
            return None
        if not found:
            return None  # the digits cannot hold a value per column
        cells = tuple(cell_spec(known.id, c)[0] for c in columns)
        self.pending[key] = (known, row, cells, values)
        decoded = tuple(tuple(_number(t) for t in split) for split in found)
        return Pending(key, cells, decoded)

    def settle(self, candidates: list[Pending]) -> None:
        """Solve the run-together rows together and place what the sums decide."""
        known = {
            cell_id: cell.value
            for cell_id, cell in self.cells.items()
            if cell.value is not None and cell.low == cell.value == cell.high
        }
        solution = solve(candidates, known, self.template)
        if solution.capped:
            first = self.pending[candidates[0].key][3][0]
            self.diagnostics.append(
                _at(first, "split-search-capped", "the joint split search hit its cap")
            )
        split = [c for c in self.pending.values() if any(i in solution.values for i in c[2])]
        if split:
            first = split[0][3][0]
            count = sum(i in solution.values for c in split for i in c[2])
            message = (
                f"the table's numbers ran together: {count} cell(s) of {len(split)} row(s) "
                "split where only one split fits (flag split_digits; decided_by: the rules "
                "the split needed)"
            )
            self.diagnostics.append(_at(first, "numbers-run-together", message))
        for key, (known_row, row, cells, runs) in self.pending.items():
            label = row.label if row is not None else None
            for cell_id in cells:
                if cell_id not in solution.values:
                    continue
                value = solution.values[cell_id]
                rules = solution.rules.get(cell_id, ())
                flags = ("split_digits", *(f"decided_by:{r}" for r in rules))
                self.add_split(cell_id, value, runs, label, flags)
            left = solution.undecided.get(key)
            if left is not None:
                shown = "; ".join("/".join(map(str, c)) for c in left[:_SHOWN])
                more = f" (and {len(left) - _SHOWN} more)" if len(left) > _SHOWN else ""
                message = f"{known_row.id}: digits {' '.join(v.text for v in runs)} split "
                message += f"{len(left)} ways the sums allow: {shown}{more}; not read"
                if not left:
                    message = (
                        f"{known_row.id}: no split of the digits "
                        f"{' '.join(v.text for v in runs)} satisfies the table's sums; not read"
                    )
                self.diagnostics.append(_at(runs[0], "split-ambiguous", message, runs))
                if row is not None:
                    self.keep(row, known_row.table, message)

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
        if known.table == REQUESTS and len(values) == len(columns) - 1 and not self.run_together:
            message = (
                "6 values in a row of 7 columns: read as the six applicant columns "
                "with 总计 left blank"
            )
            self.diagnostics.append(_at(row.label, "total-assumed-blank", message))
            blank = CellText("", row.label.line, row.label.column)
            return [*zip(columns, values, strict=False), (columns[-1], blank)]
        return None

    def place_appeals(self) -> Pending | None:
        """Table 四's numbers in its 15 columns, in printed order; run together: to split."""
        values = self.reader.appeal_values
        if not values:
            return None
        slots = [(g, c) for g in self.layout.appeal_groups for c in self.layout.appeal_columns]
        fitted = _fit_appeals(values, len(slots), positional=self.reader.appeal_positional)
        if fitted is not None:
            for (group, column), value in zip(slots, fitted, strict=True):
                self.add(self.layout.rows[group], column, value, None)
            return None
        block = [v for v in values if v.text]
        pending = self.appeal_splits(block, slots)
        if pending is None:
            message = f"table 四 has {len(values)} numbers for its 15 columns; not placed"
            self.diagnostics.append(_at(values[0], "appeals-unplaced", message, values))
        return pending

    def appeal_splits(self, block: list[CellText], slots: list[tuple[str, str]]) -> Pending | None:
        """Table 四's run-together digits as one row of fifteen cells to split."""
        if not block or not self.run_together or len(block) >= len(slots):
            return None
        if not all(v.text.isdigit() for v in block):
            return None
        try:
            found = row_splits([v.text for v in block], len(slots))
        except TooMany:
            return None
        if not found:
            return None
        cells = tuple(cell_spec(g, c)[0] for g, c in slots)
        known = self.layout.rows[slots[0][0]]
        self.pending[_APPEALS] = (known, None, cells, block)
        decoded = tuple(tuple(Decimal(t) for t in split) for split in found)
        return Pending(_APPEALS, cells, decoded)

    def keep(self, row: ReadRow, section: str, reason: str) -> None:
        """Keep a row raw, with its values and why it was not read."""
        lines = self.reader.lines
        self.unplaced.append(
            UnknownRow(
                line=row.label.line,
                label=row.text if not row.parts else _printed(lines, row),
                raw=lines[row.label.line - 1].raw.strip(),
                cells=tuple(v.text for v in row.values),
                section=section,
                reason=reason,
            )
        )

    def keep_raw(self, known: Row, row: ReadRow, reason: str) -> None:
        """Keep a known row raw when its values cannot be put into columns."""
        reason = f"{known.id}: {reason}; cannot tell which column each number is"
        self.keep(row, known.table, reason)

    def add(self, row: Row, column: str, value: CellText, printed: ReadRow | None) -> None:
        """The cell of ``row`` × ``column`` (the first one printed wins)."""
        cell_id, spec = cell_spec(row.id, column)
        if spec is None or cell_id in self.cells:
            return
        quantity = parse_value(value.text) if value.text else MISSING
        flags: tuple[str, ...] = ()
        if quantity is None:
            # Not a number (`不适用`, `abc`): missing for the checks, its text kept.
            quantity, flags = MISSING, ("not_a_number",)
            self.diagnostics.append(
                _at(value, "not-a-number", f"{cell_id}: {value.text!r} is not a number")
            )
        unit = spec.unit or quantity.unit
        flags += quantity.flags
        if quantity.value is not None and quantity.value < 0 and not spec.signed:
            flags = (*flags, "negative")
        label = spec.label
        if printed is not None:
            label = f"{self.printed_label(printed)} / {column}"
            if printed.inexact:
                flags = (*flags, "label_inexact")
        self.cells[cell_id] = Cell.from_quantity(
            cell_id,
            in_unit(quantity, unit),
            unit=unit,
            raw=value.text,
            line=value.line,
            column=value.column,
            label=label,
            flags=flags,
            place=self.locate(value.line, value.column),
        )

    def grid(self, where: str, columns: tuple[str, ...]) -> tuple[int, dict[int, str]] | None:
        """The header grid of a table (or table 二 block), computed once per report."""
        if (where, columns) not in self.grids:
            header = self.reader.headers.get(where, [])
            self.grids[where, columns] = _header_grid(header, columns)
        return self.grids[where, columns]

    def printed_label(self, row: ReadRow) -> str:
        """A row's label as printed (computed once per row)."""
        found = self.labels.get(id(row))
        if found is None:
            found = self.labels[id(row)] = _printed(self.reader.lines, row)
        return found

    def add_split(
        self,
        cell_id: str,
        value: Decimal | None,
        runs: list[CellText],
        printed: CellText | None,
        flags: tuple[str, ...],
    ) -> None:
        """A cell whose value a split decided; its raw text is the printed run."""
        spec = cell_spec(*cell_id.rsplit(".", 1))[1]
        if spec is None or cell_id in self.cells:
            return
        first = runs[0]
        quantity = MISSING if value is None else parse_value(str(value)) or MISSING
        self.cells[cell_id] = Cell.from_quantity(
            cell_id,
            in_unit(quantity, spec.unit),
            unit=spec.unit,
            raw=" ".join(run.text for run in runs),
            line=first.line,
            column=first.column,
            label=spec.label if printed is None else f"{printed.text} / {spec.column}",
            flags=flags,
            place=self.locate(first.line, first.column),
        )


def _number(text: str) -> Decimal | None:
    """A split piece's value; ``None`` for a placeholder printed among the digits."""
    quantity = parse_value(text)
    return None if quantity is None else quantity.value


def _runs_together(rows: Sequence[ReadRow], appeal_values: Sequence[CellText]) -> bool:
    """Whether the page's numbers ran together.

    Evidence is a value glued to its label, or digits no single count is printed as
    (``000``, a run longer than any count).
    """
    for row in rows:
        last = row.parts[-1] if row.parts else row.label
        for value in row.values:
            if _impossible(value.text):
                return True
        first = row.values[0] if row.values else None
        if first is None or first.line != last.line:
            continue
        if first.column == last.column + len(last.text) and last.text[-1:].isalpha():
            return True
    return any(_impossible(v.text) for v in appeal_values)


def _impossible(text: str) -> bool:
    """Digits that cannot be one count: a leading zero, or more digits than a count has."""
    return text.isdigit() and ((len(text) > 1 and text[0] == "0") or len(text) > MAX_COUNT_DIGITS)


def _printed(lines: Sequence[object], row: ReadRow) -> str:
    """A row's label as printed: its pieces' source text, joined."""
    texts = []
    for piece in (row.label, *row.parts):
        raw = getattr(lines[piece.line - 1], "raw", "")
        texts.append(raw[piece.column - 1 : piece.column - 1 + len(piece.text)])
    return "".join(texts)


def columns_of(known: Row, headers: Headers, template: str) -> tuple[str, ...]:
    """The columns of a row in printed order: table 二's as its block's header prints them."""
    if known.table == ACTIVE:
        seen = [c for c, _ in headers.get(known.block or "", [])]
        printed = tuple(c for c in seen if c in known.columns)
        expected = known.columns_for(template) or tuple(known.columns)
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
    if any(v.text and v.slot not in at for v in values):
        return None
    return [(at[v.slot], v) for v in values if v.slot in at]


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


def truncation(
    cells: Mapping[str, Cell], template: str, rows: frozenset[str] | set[str] = frozenset()
) -> Diagnostic | None:
    """``table-truncated`` when table 三 stops before its last rows (a cut page).

    ``rows`` are the layout rows printed, read or not: a row whose numbers could not
    be read is not missing from the text.
    """
    layout = load_layout()
    expected = [r for r in layout.rows.values() if r.table == REQUESTS and r.columns_for(template)]
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


def _at(cell: CellText, code: str, message: str, cells: Sequence[CellText] = ()) -> Diagnostic:
    """A diagnostic at a cell, showing its text (or the texts of ``cells``)."""
    text = " ".join(c.text for c in cells) if cells else cell.text
    return Diagnostic(code=code, message=message, line=cell.line, column=cell.column, text=text)
