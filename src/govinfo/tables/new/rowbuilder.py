"""Rows of the 2019/2021 tables as they are read: labels, their wrapped pieces, their values.

A row starts at a label and takes the values after it; a label wrapped over lines
is joined and looked up again while it is short. Numbers no row takes are kept raw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo.folding import folded_key
from govinfo.models import Diagnostic
from govinfo.tables.labels import label_key
from govinfo.tables.new.layout import ACTIVE, APPEALS
from govinfo.tables.new.lookup import (
    facts,
    fragments,
    is_group,
    row_for,
)
from govinfo.tables.new.misprints import only_values, resembles_row
from govinfo.tables.new.rows import ReadRow, loose_row

if TYPE_CHECKING:
    from govinfo.tables.new.layout import Row
    from govinfo.tables.new.state import ReadState
    from govinfo.text.cells import CellText

__all__ = ["RowBuilder"]

# A wrapped label is looked up again as each piece joins it, but only while it is
# no longer than this: the template's longest row label has 46 characters, and a
# run of thousands of label-only lines must not be joined and looked up line by line.
_MAX_LABEL_CHARS = 120


class RowBuilder:
    """Builds the printed rows of the open table."""

    def __init__(self, state: ReadState) -> None:
        """RowBuilder working on the reader's ``state``."""
        self.state = state

    def set_aside(self, cell: CellText, reason: str, table: str) -> None:
        """A number no row takes: kept raw with the other numbers of its line."""
        last = self.state.loose[-1] if self.state.loose else None
        if last is None or last.label.line != cell.line or last.reason != reason:
            last = loose_row(cell, reason, table)
            self.state.loose.append(last)
        last.values.append(cell)

    def table_cell(
        self, cell: CellText, text_key: str, group: str | None, *, positional: bool
    ) -> None:
        """Text inside a table: a header, a row label, a group or a piece of a label."""
        table = self.state.table or ""
        found = facts(cell.text, table)
        column = found.column
        # Before the data rows (and anywhere in table 四) a header text is a header;
        # after them an ordinal makes 总计/其他 the rows （七）总计 and 3.其他.
        heading = not self.state.data_started or table == APPEALS
        if column is not None and heading and not (self.state.data_started and found.ordinal):
            self.state.printed.append(text_key)
            where = self.state.block if table == ACTIVE and self.state.block is not None else table
            self.state.headers.setdefault(where, []).append((column, cell))
            return
        row = found.row
        if row is not None and row.table == table:
            self.new_row(row, cell, positional=positional, text_key=text_key)
            return
        if group is not None:
            self.state.printed.append(text_key)
            self.state.current = None  # a group row: values after it would be stray
            return
        if column is None and table != APPEALS:
            self.label_piece(cell, positional=positional)

    def new_row(
        self, row: Row | None, cell: CellText, *, positional: bool, text_key: str | None = None
    ) -> None:
        """Start a printed row at its label (``text_key``: its key, if known)."""
        self.state.printed.append(folded_key(cell.text) if text_key is None else text_key)
        self.state.data_started = True
        self.state.current = ReadRow(row, cell, [], positional, self.state.table or "")
        self.state.rows.append(self.state.current)

    def label_piece(self, cell: CellText, *, positional: bool) -> None:
        """Text that names nothing by itself: a wrapped label's piece, or a label to align."""
        opens = bool(label_key(cell.text)[1])
        current = self.state.current
        if current is not None and not current.values and not opens:
            current.parts.append(cell)
            if current.row is None and len(current.parts) < _MAX_LABEL_CHARS:
                self.relook(current)
            return
        debris = not self.state.data_started or folded_key(cell.text) in fragments()
        misprint = cell in self.state.labelled and resembles_row(cell.text, self.state.table or "")
        if not opens and not misprint and debris:
            return  # header debris, or a piece of a header or group label
        self.new_row(None, cell, positional=positional)

    def relook(self, current: ReadRow) -> None:
        """Look a wrapped label up again once a piece joins it."""
        text = current.text
        if len(text) > _MAX_LABEL_CHARS:
            return
        row = row_for(text, current.table)
        if row is not None and row.table == current.table:
            current.row = row
        elif is_group(text):
            # The row being joined is the last one read (list.remove would scan them all).
            if self.state.rows and self.state.rows[-1] is current:
                self.state.rows.pop()
            else:
                self.state.rows.remove(current)
            self.state.current = None
            self.state.printed.append(folded_key(text))

    def value_cells(self, cells: list[CellText]) -> None:
        """The value cells of a positional row, in order (see :meth:`value_cell`)."""
        # A row's values go to one place: taken at once, not a call per cell.
        state = self.state
        if state.table == APPEALS:
            state.appeal_values.extend(cells)
            state.appeal_positional = True
        elif state.current is not None:
            state.current.values.extend(cells)
        else:
            for cell in cells:
                self.value_cell(cell, positional=True)

    def value_cell(self, cell: CellText, *, positional: bool) -> None:
        """A number: to the current row, to table 四's block, or set aside."""
        if self.state.table == APPEALS:
            self.state.appeal_values.append(cell)
            self.state.appeal_positional = self.state.appeal_positional or positional
        elif self.state.current is not None:
            self.state.current.values.append(cell)
        elif cell.text:
            self.state.diagnostics.append(
                Diagnostic(
                    code="stray-value",
                    message="a number outside any row of the table was set aside",
                    line=cell.line,
                    column=cell.column,
                    text=cell.text,
                )
            )
            if self.state.numbers_line is None:
                self.state.numbers_line = only_values(self.state.line_cells)
            if self.state.numbers_line:  # a number among text: header or prose debris
                self.set_aside(cell, "numbers outside any row of the table", self.state.table or "")
