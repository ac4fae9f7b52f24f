"""Read the lines of the 2019/2021 tables (二 主动公开, 三 申请, 四 复议诉讼) into rows.

Whatever the text shape, each line is first split into cells
(:func:`govinfo.text.cells.split_cells`); a line that is only ``|`` separates
the cells of one-cell-per-line tables, and then an empty line between two of
them is a blank cell. Rows start at a label the layout knows; value cells that
follow on the same or the next lines belong to it, so a row split by a page
break is joined. Header cells are kept per table (and per block of table 二),
for :mod:`.placer` to put values under them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from govinfo.folding import folded_key, key
from govinfo.models import Diagnostic
from govinfo.tables.labels import label_key
from govinfo.tables.new.layout import ACTIVE, APPEALS, REQUESTS, load_layout
from govinfo.tables.new.lookup import (
    BALANCE_NOTE,
    HEADER_WORDS,
    fragments,
    header_column,
    is_data_line,
    is_prose,
    row_for,
)
from govinfo.text.cells import CellText, split_cells
from govinfo.text.normalize import LineKind
from govinfo.values import parse_value

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from govinfo.tables.new.layout import Layout, Row
    from govinfo.text.normalize import Line

__all__ = ["ReadRow", "Reader", "line_cells"]


@attrs.define
class ReadRow:
    """A printed row: its catalogue row, label cell and the value cells after it."""

    #: ``None`` for a row the layout does not know (kept raw with its values).
    row: Row | None
    label: CellText
    values: list[CellText]
    positional: bool
    digits: str = ""


def line_cells(lines: Iterable[Line]) -> Iterator[tuple[Line, list[CellText], bool]]:
    """Each line's cells and whether their positions are kept (noise and blanks skipped).

    A line that is only ``|`` separates the cells of a one-cell-per-line table:
    the line after it is one cell, blank or not.
    """
    pending = False
    for line in lines:
        if line.kind is LineKind.NOISE:
            continue
        stripped = line.text.strip()
        if stripped == "|":
            pending = True
        elif pending:
            pending = False
            yield line, [CellText(stripped, line.number, line.text.find(stripped) + 1)], True
        elif line.kind is not LineKind.BLANK:
            cells, positional = split_cells(line)
            if cells:
                yield line, cells, positional


class Reader:
    """The state machine that reads the cells of the 2019/2021 tables into rows.

    Fed by :func:`line_cells`; each row label the layout knows starts a
    :class:`ReadRow` that collects the value cells after it.
    """

    def __init__(self, lines: Sequence[Line]) -> None:
        """A reader of ``lines`` (read with :meth:`feed_cells`)."""
        self.layout: Layout = load_layout()
        self.lines = lines
        self.table: str | None = None
        self.block: str | None = None
        #: Header cells (column id, cell), per table 二 block or table.
        self.headers: dict[str, list[tuple[str, CellText]]] = {}
        self.rows: list[ReadRow] = []
        self.appeal_values: list[CellText] = []
        self.appeal_positional = False
        self.printed: list[str] = []
        self.diagnostics: list[Diagnostic] = []
        self.current: ReadRow | None = None
        self.spans: list[list[int]] = []
        self.data_started = False
        #: The table each unknown row was printed in, by line.
        self.table_of: dict[int, str] = {}
        #: Every header and group label (with ordinal), to recognise their pieces.
        self.fragments = fragments()

    def feed_cells(self, line: Line, cells: list[CellText], *, positional: bool) -> None:
        """Read the cells of one line."""
        if self.table is not None and cells[0].text and is_prose(cells, self.table):
            self.end_table()
        if positional and len(cells) > 1:
            if not is_data_line(cells, self.table):
                # The empty cells of a header or caption row are not blank values.
                cells = [c for c in cells if c.text]
            else:
                # Empty cells before a row's label are its (merged) label area.
                labels = [i for i, c in enumerate(cells) if c.text and parse_value(c.text) is None]
                if labels:
                    cells = [c for c in cells[: labels[-1]] if c.text] + cells[labels[-1] :]
        for cell in cells:
            self.feed_cell(cell, positional=positional)
        if self.table is not None:
            self.spans[-1][1] = line.number

    def start_table(self, table: str, cell: CellText) -> None:
        """Enter ``table`` at ``cell`` (nothing when already in it)."""
        if self.table != table:
            self.end_table()
            self.table = table
            self.data_started = False
            self.spans.append([cell.line, cell.line])

    def end_table(self) -> None:
        """Leave the current table (prose resumed)."""
        self.current = None
        self.table = None
        self.block = None

    def feed_cell(self, cell: CellText, *, positional: bool) -> None:
        """One cell: a value, a caption or header, or a row label that may open table 三."""
        in_table = self.table is not None and (cell.text or positional)
        if in_table and parse_value(cell.text) is not None:
            # Most cells: a number in a table (never a label, group or header).
            self.value_cell(cell, positional=positional)
            return
        text_key = folded_key(cell.text)
        if not text_key and self.table is None:
            return
        group = self.layout.groups.get(label_key(cell.text)[0]) if text_key else None
        if group is not None and group.startswith("new.active.art20"):
            self.start_table(ACTIVE, cell)
            self.block, self.current = group, None
            self.data_started = False
            self.printed.append(text_key)
            self.headers[group] = []
            return
        if text_key in HEADER_WORDS or text_key == BALANCE_NOTE:
            table = APPEALS if text_key in {key("行政复议"), key("行政诉讼")} else REQUESTS
            if text_key != key("信息内容"):
                self.start_table(table, cell)
            self.printed.append(text_key)
            return
        if self.table is None:
            row, _ = row_for(cell.text, self.table) if text_key else (None, "")
            if row is not None and row.table == REQUESTS:
                self.start_table(REQUESTS, cell)
            else:
                return
        self.table_cell(cell, text_key, group, positional=positional)

    def table_cell(
        self, cell: CellText, text_key: str, group: str | None, *, positional: bool
    ) -> None:
        """A cell inside a table: a value, a header, a row label, a group or unknown text."""
        value = parse_value(cell.text) if cell.text or positional else None
        if value is not None:
            self.value_cell(cell, positional=positional)
            return
        column = None if self.table is None else header_column(cell.text, self.table)
        # Before the data rows (and anywhere in table 四) a header text is a header;
        # after them an ordinal makes 总计/其他 the rows （七）总计 and 3.其他.
        heading = not self.data_started or self.table == APPEALS
        if column is not None and heading and not (self.data_started and label_key(cell.text)[1]):
            self.header_cell(cell, column)
            return
        row, digits = row_for(cell.text, self.table)
        if row is not None and (row.table == self.table or self.table is None):
            self.printed.append(text_key)
            self.data_started = True
            self.current = ReadRow(row, cell, [], positional, digits)
            self.rows.append(self.current)
            return
        if group is not None:
            self.printed.append(text_key)
            self.current = None  # a group row: values after it would be stray
            return
        if column is not None:
            return  # a repeated header row
        self.unknown_text(cell, positional=positional)

    def header_cell(self, cell: CellText, column: str) -> None:
        """Keep a header cell of the current table (or table 二 block)."""
        self.printed.append(folded_key(cell.text))
        where = self.block if self.table == ACTIVE and self.block is not None else self.table
        self.headers.setdefault(where or "", []).append((column, cell))

    def value_cell(self, cell: CellText, *, positional: bool) -> None:
        """A number: to the current row, to table 四's block, or set aside."""
        if self.table == APPEALS:
            self.appeal_values.append(cell)
            self.appeal_positional = self.appeal_positional or positional
            return
        if self.current is not None:
            self.current.values.append(cell)
        elif cell.text:
            self.diagnostics.append(_stray(cell))

    def unknown_text(self, cell: CellText, *, positional: bool) -> None:
        """Text that names no row: a wrapped label, a header piece, or a row kept raw."""
        # A wrapped label continues the row whose label has no value yet.
        if self.current is not None and not self.current.values:
            return
        if folded_key(cell.text) in self.fragments:
            # A piece of a header broken over lines (`商 业 企` / `业`) or of a
            # merged label printed a character per line: not a row.
            return
        # A row the layout does not know: kept raw, with the values that follow it.
        self.current = ReadRow(None, cell, [], positional)
        self.rows.append(self.current)
        self.table_of[cell.line] = self.table or ""


def _stray(cell: CellText) -> Diagnostic:
    return Diagnostic(
        code="stray-value",
        message="a number outside any row of the table was set aside",
        line=cell.line,
        column=cell.column,
        text=cell.text,
    )
