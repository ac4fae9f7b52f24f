"""Read the lines of the 2019/2021 tables (二 主动公开, 三 申请, 四 复议诉讼) into rows.

Fed with the cells of each line (:func:`~govinfo.tables.new.tokens.line_cells`).
Captions (第二十条第（一）项) and header words (申请人情况, 行政复议) open the tables;
header cells are kept per table (and per block of table 二) for the placer to put
values under them. A row starts at a label and takes the values after it, so a
row split by a page break is joined; a label wrapped over lines, with its values
on a line of their own, is joined too. Labels are looked up exactly here; the
rows whose label matched nothing are placed by :mod:`govinfo.tables.align`
afterwards (see :func:`govinfo.tables.new.read_new_tables`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govinfo.folding import folded_key
from govinfo.tables.digits import is_value
from govinfo.tables.new.layout import APPEALS
from govinfo.tables.new.lookup import (
    HEADER_RUN,
    facts,
    is_group,
    is_header_phrase,
    is_prose,
    names_something,
    openers,
    segment,
)
from govinfo.tables.new.misprints import (
    blank_row,
    labelled_cells,
    misprint_cut,
    only_values,
    resembles_row,
)
from govinfo.tables.new.openers import Openers
from govinfo.tables.new.rowbuilder import RowBuilder
from govinfo.tables.new.rows import ReadRow
from govinfo.tables.new.state import ReadState

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.text.cells import CellText
    from govinfo.text.normalize import Line

__all__ = ["ReadRow", "Reader"]

# Sentence punctuation: a line outside a table holding it is prose.
_SENTENCE_RE = re.compile("[。，；]")


class Reader:
    """The state machine that reads the cells of the 2019/2021 tables into rows.

    The line reader itself; where tables open is :class:`~.openers.Openers`' and
    how rows are built :class:`~.rowbuilder.RowBuilder`'s, all on one
    :class:`~.state.ReadState`.
    """

    def __init__(self, lines: Sequence[Line]) -> None:
        """A reader of ``lines`` (fed line by line with :meth:`feed_cells`)."""
        self.state = ReadState(lines)
        self.openers = Openers(self.state)
        self.builder = RowBuilder(self.state)

    def feed_cells(self, line: Line, cells: list[CellText], *, positional: bool) -> None:
        """Read the cells of one line."""
        state = self.state
        state.cells_read += len(cells)
        table = state.table
        # Outside a table, a sentence opens one only at a phrase no prose uses.
        state.prose_line = table is None and bool(_SENTENCE_RE.search(line.text))
        if table is not None and cells[0].text and is_prose(cells, table):
            state.end_table()
        elif table is not None and len(cells) == 1 and cells[0].text and is_value(cells[0].text):
            # The commonest line, a value alone in a table: what keep_loose and
            # feed_cell do with it, without their tests.
            state.labelled, state.line_cells, state.numbers_line = set(), cells, None
            self.builder.value_cell(cells[0], positional=positional)
            state.spans[-1][1] = line.number
            return
        if self.keep_loose(cells, positional=positional):
            return
        if positional and len(cells) > 1:
            if not self.positional_row(cells):
                return
        else:
            for cell in cells:
                self.feed_cell(cell, positional=positional)
        if state.table is not None:
            state.spans[-1][1] = line.number

    def positional_row(self, cells: list[CellText]) -> bool:
        """A row whose cells keep their places (``False``: a header row, which ends a row)."""
        label, values = split_row(cells, self.state.table, data_started=self.state.data_started)
        if values is None:
            self.state.labelled = labelled_cells(cells)
            self.header_row(label)
            return False
        self.state.labelled = {label[-1]} if label else set()
        for index, cell in enumerate(label):
            if index < len(label) - 1 and is_group(cell.text):
                # A group label repeated on each row it spans (a merged cell).
                self.state.printed.append(folded_key(cell.text))
                continue
            self.feed_cell(cell, positional=True)
        if values and self.state.table is not None:
            self.builder.value_cells(values)
        return True

    def keep_loose(self, cells: list[CellText], *, positional: bool) -> bool:
        """Keep a line of numbers printed after a table but in none the reader opened."""
        # A positional row's labelled cells are set by positional_row, which splits it.
        row = positional and len(cells) > 1
        self.state.labelled = set() if row else labelled_cells(cells)
        self.state.line_cells, self.state.numbers_line = cells, None
        if self.state.table is not None or not self.state.spans or not only_values(cells):
            return False
        for cell in cells:
            if cell.text:
                self.builder.set_aside(
                    cell, "numbers printed outside any table the reader recognised", ""
                )
        return True

    def header_row(self, cells: list[CellText]) -> None:
        """A positional row with no value: captions, header cells and words; it ends a row.

        Anything else in it (数据1, 类别, a wrong header row printed inside the table)
        is header debris, never a label.
        """
        for cell in cells:
            found = facts(cell.text, self.state.table)
            if found.column is not None:
                if not self.state.data_started or self.state.table == APPEALS:
                    self.feed_cell(cell, positional=True)
            elif found.named and found.row is None:
                self.feed_cell(cell, positional=True)
        if self.state.table is not None:
            self.state.current = None

    def feed_cell(self, cell: CellText, *, positional: bool, whole: bool = True) -> None:
        """One cell: a value, a caption or header, or a row label that may open table 三.

        Text that names nothing is cut at the phrases the tables print (cells that ran
        together, :meth:`feed_pieces`); in a table, text that is prose ends it.
        """
        table = self.state.table
        text = cell.text
        in_table = table is not None and (text or positional)
        if in_table and (is_value(text) or (text.isascii() and text.isdigit())):
            # Most cells: a number in a table (never a label, group or header). A run
            # of digits too long to be values goes with them too: the placer keeps
            # the row raw, the digits are never dropped as text.
            self.builder.value_cell(cell, positional=positional)
            return
        found = facts(text, table)
        text_key, named = found.key, found.named
        if not text_key:
            return
        if whole and not positional and not named and self.cut(cell):
            return
        # A label with values after it that is like a row's is that row misprinted.
        row_label = cell in self.state.labelled and resembles_row(text, table or "")
        if table is not None and not named and not row_label and is_prose([cell], table):
            self.state.end_table()  # prose right after a table's last cell (text run together)
            return
        group = found.group
        if group is None and not named and not (whole and self.state.prose_line):
            group = self.openers.caption(cell)
        if self.openers.opens(cell, text_key, group, whole=whole):
            return
        if self.state.table is None and not self.openers.enter(cell):
            return
        self.builder.table_cell(cell, text_key, group, positional=positional)

    def cut(self, cell: CellText) -> bool:
        """Feed text that names nothing as the phrases it holds (``False``: it holds one)."""
        pieces = segment(cell)
        if cell in self.state.labelled and len(pieces) > 1:
            self.state.labelled.add(pieces[-1])  # the values follow the last piece
            pieces = misprint_cut(pieces, self.state.table)
        if len(pieces) == 1 and pieces[0] is cell:
            return False
        self.state.cells_read += len(pieces) - 1
        self.feed_pieces(pieces)
        return True

    def feed_pieces(self, pieces: list[CellText]) -> None:
        """The pieces of text whose cells ran together, in order.

        Outside a table, pieces that are not all printed phrases are prose: a table
        opens there only at a caption, the balance note, table 三's first row, or a
        header row (three header phrases in a row: 行政复议 is a word of the prose too).
        """
        prose = not all(names_something(p.text, None) for p in pieces)
        opening = openers(pieces) if prose else set()
        before = pieces[-1 - HEADER_RUN : -1]
        if len(before) == HEADER_RUN and all(is_header_phrase(p.text) for p in before):
            self.state.headed.add(pieces[-1])
        if self.openers.opens_by_row(pieces[-1]):
            opening.add(len(pieces) - 1)
        for index, piece in enumerate(pieces):
            if self.state.table is None and prose and index not in opening:
                self.openers.note_header(piece)
                continue
            self.feed_cell(piece, positional=False, whole=False)


def split_row(
    cells: list[CellText], table: str | None, *, data_started: bool
) -> tuple[list[CellText], list[CellText] | None]:
    """A positional row's label cells and its value cells (blanks and text included).

    A row is a data row when it has a value or it starts with a row label; its
    label is its leading rows and groups (or, if none, the text before its first
    value), and empty cells before the label are its (merged) label area; any text
    after the label stands in a value cell. Any other row is a header or caption:
    its non-empty cells come back with ``None`` for values. ``table`` is the open
    table, ``data_started`` whether its data rows began.
    """
    numbers: list[int] = []
    texts: list[int] = []
    for i, cell in enumerate(cells):
        if cell.text:
            (numbers if is_value(cell.text) else texts).append(i)
    first_value = numbers[0] if numbers else len(cells)
    # The label: the leading rows and groups (a merged group cell, then the row);
    # text after it stands in value cells (不适用).
    rows: list[int] = []
    for i in texts:
        if i >= first_value:
            break
        found = facts(cells[i].text, table)
        if found.row is None and found.group is None:
            break
        if found.row is not None:
            rows.append(i)
    if not numbers and not rows and not blank_row(cells, texts, table, data_started=data_started):
        return [c for c in cells if c.text], None
    lead = [i for i in texts if i < first_value]
    if not lead:
        return [], cells
    end = (rows[-1] if rows else lead[-1]) + 1
    return [c for c in cells[:end] if c.text], cells[end:]
