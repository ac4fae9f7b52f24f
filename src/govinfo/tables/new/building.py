"""The cells of the 2019/2021 tables as they are built, and the rows kept raw.

Shared by the placer (values under their columns) and the splitter (digits that
ran together): a cell is built once, the first printed value wins, and every
value keeps its place; a row that cannot be read is kept raw with its reason.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from govinfo.folding import CACHED_TEXT_CHARS
from govinfo.models import Cell, Diagnostic, UnknownRow, nowhere
from govinfo.tables.new.layout import load_layout
from govinfo.tables.new.lookup import cell_spec
from govinfo.values import MISSING, Quantity, in_unit, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from decimal import Decimal

    from govinfo.catalogue import CellSpec
    from govinfo.models import Locate
    from govinfo.tables.new.layout import Row
    from govinfo.tables.new.rows import ReadRow
    from govinfo.text.cells import CellText
    from govinfo.text.normalize import Line

__all__ = ["CellBuilder", "diagnostic_at"]


class CellBuilder:
    """Cells by catalogue id, rows kept raw and diagnostics, for one report."""

    def __init__(self, lines: Sequence[Line], locate: Locate) -> None:
        """A builder placing each value by ``locate`` and reading labels from ``lines``."""
        self.lines = lines
        self.locate = locate
        self.cells: dict[str, Cell] = {}
        self.unplaced: list[UnknownRow] = []
        self.diagnostics: list[Diagnostic] = []
        self.labels: dict[int, str] = {}

    def note(self, cell: CellText, code: str, message: str, cells: Sequence[CellText] = ()) -> None:
        """A diagnostic at ``cell`` (see :func:`diagnostic_at`)."""
        self.diagnostics.append(diagnostic_at(cell, code, message, cells))

    def keep(self, row: ReadRow, section: str, reason: str) -> None:
        """Keep a row raw, with its values and why it was not read."""
        lines = self.lines
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

    def keep_values(self, values: Sequence[CellText], section: str, reason: str) -> None:
        """Keep numbers printed with no row label (table 四's block) raw, with the reason."""
        first = values[0]
        self.unplaced.append(
            UnknownRow(
                line=first.line,
                label="",
                raw=self.lines[first.line - 1].raw.strip(),
                cells=tuple(v.text for v in values),
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
        self.add_row(row, ((column, value),), printed)

    def add_row(
        self, row: Row, placed: Iterable[tuple[str, CellText]], printed: ReadRow | None
    ) -> None:
        """The cells of ``row``, a value per column (the first one printed wins).

        ``printed`` is the row as read (``None``: the catalogue's label is shown).
        """
        # The hottest loop of the 2019/2021 reader (every value of every row): the
        # row's label and flags are worked out once, the column's facts come cached,
        # and so does what a text reads as in a column's unit (_reading).
        cells, locate = self.cells, self.locate
        # Plain text has no carrier to point into: no call per value to learn so.
        located = locate is not nowhere
        label = None if printed is None else self.printed_label(printed)
        inexact = ("label_inexact",) if printed is not None and printed.inexact else ()
        entries = _row_entries(row.id)
        for column, value in placed:
            cell_id, spec, column_name, kind = entries.get(column) or _column_entry(row.id, column)
            if spec is None or cell_id in cells:
                continue
            text = value.text
            quantity, unit, flags = (
                _reading(text, kind)
                if len(text) <= CACHED_TEXT_CHARS
                else _reading.__wrapped__(text, kind)  # long texts are not kept
            )
            if "not_a_number" in flags:
                self.note(value, "not-a-number", f"{cell_id}: {text!r} is not a number")
            line, at = value.line, value.column
            cells[cell_id] = Cell.from_quantity(
                cell_id,
                quantity,
                unit=unit,
                raw=text,
                line=line,
                column=at,
                label=spec.label if label is None else label + column_name,
                flags=flags + inexact if inexact else flags,
                place=locate(line, at) if located else None,
            )

    def printed_label(self, row: ReadRow) -> str:
        """A row's label as printed (computed once per row)."""
        found = self.labels.get(id(row))
        if found is None:
            found = self.labels[id(row)] = _printed(self.lines, row)
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
            label=spec.label if printed is None else _printed_cell_label(printed.text, spec),
            flags=flags,
            place=self.locate(first.line, first.column),
        )


def _printed_cell_label(row_label: str, spec: CellSpec) -> str:
    """The row as printed, the column as the catalogue names it (``… / 社会公益组织``)."""
    return row_label + _column_name(spec.label)


def _column_name(label: str) -> str:
    """`` / `` and the column's name in a catalogue label (``… / 社会公益组织``)."""
    return " / " + label.rpartition(" / ")[2]


#: A column's cell id, catalogue entry, name as labels show it, and kind
#: (unit, signed) for :func:`_reading`.
_Entry = tuple[str, "CellSpec | None", str, tuple[str, bool]]


@functools.lru_cache(maxsize=256)
def _row_entries(row: str) -> Mapping[str, _Entry]:
    """:func:`_column_entry` of each of the row's columns in the layout, by column."""
    columns = load_layout().rows[row].columns
    return {column: _column_entry(row, column) for column in columns}


@functools.lru_cache(maxsize=1024)
def _column_entry(row: str, column: str) -> _Entry:
    """:func:`~.lookup.cell_spec`, the column's name as cell labels show it, its kind."""
    cell_id, spec = cell_spec(row, column)
    if spec is None:
        return cell_id, None, "", ("", False)
    return cell_id, spec, _column_name(spec.label), (spec.unit, spec.signed)


# Values repeat within and across reports (0, 1, blanks), and what a column adds to
# their reading is its unit and whether it is signed: one reading per text and kind.
@functools.lru_cache(maxsize=8192)
def _reading(text: str, kind: tuple[str, bool]) -> tuple[Quantity, str, tuple[str, ...]]:
    """A value's text in a column of ``kind`` (its unit, whether it is signed).

    Its quantity in the cell's unit, the unit and the flags.
    """
    quantity = parse_value(text) if text else MISSING
    if quantity is None:
        # Not a number (`不适用`, `abc`): missing for the checks, its text kept.
        quantity, flags = MISSING, ("not_a_number", *MISSING.flags)
    else:
        flags = quantity.flags
    spec_unit, signed = kind
    unit = spec_unit or quantity.unit
    number = quantity.value
    if number is not None and number < 0 and not signed:
        flags = (*flags, "negative")
    return in_unit(quantity, unit), unit, flags


def _printed(lines: Sequence[object], row: ReadRow) -> str:
    """A row's label as printed: its pieces' source text, joined."""
    texts = []
    for piece in (row.label, *row.parts):
        raw = getattr(lines[piece.line - 1], "raw", "")
        texts.append(raw[piece.column - 1 : piece.column - 1 + len(piece.text)])
    return "".join(texts)


def diagnostic_at(
    cell: CellText, code: str, message: str, cells: Sequence[CellText] = ()
) -> Diagnostic:
    """A diagnostic at a cell, showing its text (or the texts of ``cells``)."""
    text = " ".join(c.text for c in cells) if cells else cell.text
    return Diagnostic(code=code, message=message, line=cell.line, column=cell.column, text=text)
