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

from govinfo.folding import folded_key, key
from govinfo.models import Diagnostic
from govinfo.tables.digits import is_value
from govinfo.tables.labels import label_key
from govinfo.tables.new.layout import ACTIVE, APPEALS, REQUESTS, load_layout
from govinfo.tables.new.lookup import (
    BALANCE_NOTE,
    HEADER_RUN,
    HEADER_WORDS,
    fragments,
    header_column,
    is_group,
    is_header_phrase,
    is_prose,
    names_something,
    openers,
    opens_table,
    row_for,
    segment,
)
from govinfo.tables.new.misprints import (
    blank_row,
    caption_like,
    labelled_cells,
    misprint_cut,
    only_values,
    resembles_row,
)
from govinfo.tables.new.rows import ReadRow, loose_row

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.tables.new.layout import Layout, Row
    from govinfo.text.cells import CellText
    from govinfo.text.normalize import Line

__all__ = ["ReadRow", "Reader"]

_APPEAL_WORDS = frozenset({key("行政复议"), key("行政诉讼")})
# Sentence punctuation: a line outside a table holding it is prose.
_SENTENCE_RE = re.compile("[。，；]")
# A wrapped label is looked up again as each piece joins it, but only while it is
# no longer than this: the template's longest row label has 46 characters, and a
# run of thousands of label-only lines must not be joined and looked up line by line.
_MAX_LABEL_CHARS = 120
# Table 二 header cells kept while no table is open, and how many lines back they count
# (a header printed a cell per line, with `|` lines between).
_HEADER_CELLS = 4
_HEADER_LINES = 10


class Reader:
    """The state machine that reads the cells of the 2019/2021 tables into rows."""

    def __init__(self, lines: Sequence[Line]) -> None:
        """A reader of ``lines`` (fed line by line with :meth:`feed_cells`)."""
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
        self.prose_line = False
        #: The label cell of the line being read when values follow it on the line:
        #: a row, whatever its label says (never prose, never header debris).
        self.labelled: set[CellText] = set()
        #: Those of them printed right after a row of header phrases (run together).
        self.headed: set[CellText] = set()
        #: Table 二 header cells read outside a table (under a misprinted caption).
        self.unplaced_headers: list[tuple[str, CellText]] = []
        #: Lines of numbers printed after a table, in no table the reader recognised
        #: (table 四 under a misprinted header): kept raw, never dropped.
        self.loose: list[ReadRow] = []
        self.numbers_line = False

    def feed_cells(self, line: Line, cells: list[CellText], *, positional: bool) -> None:
        """Read the cells of one line."""
        # Outside a table, a sentence opens one only at a phrase no prose uses.
        self.prose_line = self.table is None and bool(_SENTENCE_RE.search(line.text))
        if self.table is not None and cells[0].text and is_prose(cells, self.table):
            self.end_table()
        if self.keep_loose(cells):
            return
        if positional and len(cells) > 1:
            if not self.positional_row(cells):
                return
        else:
            for cell in cells:
                self.feed_cell(cell, positional=positional)
        if self.table is not None:
            self.spans[-1][1] = line.number

    def positional_row(self, cells: list[CellText]) -> bool:
        """A row whose cells keep their places (``False``: a header row, which ends a row)."""
        label, values = self.split_row(cells)
        if values is None:
            self.header_row(label)
            return False
        self.labelled = {label[-1]} if label else set()
        for index, cell in enumerate(label):
            if index < len(label) - 1 and is_group(cell.text):
                # A group label repeated on each row it spans (a merged cell).
                self.printed.append(folded_key(cell.text))
                continue
            self.feed_cell(cell, positional=True)
        if values and self.table is not None:
            for cell in values:
                self.value_cell(cell, positional=True)
        return True

    def keep_loose(self, cells: list[CellText]) -> bool:
        """Keep a line of numbers printed after a table but in none the reader opened."""
        self.labelled = labelled_cells(cells)
        self.numbers_line = only_values(cells)
        if self.table is not None or not self.spans or not self.numbers_line:
            return False
        for cell in cells:
            if cell.text:
                self.set_aside(cell, "numbers printed outside any table the reader recognised", "")
        return True

    def set_aside(self, cell: CellText, reason: str, table: str) -> None:
        """A number no row takes: kept raw with the other numbers of its line."""
        last = self.loose[-1] if self.loose else None
        if last is None or last.label.line != cell.line or last.reason != reason:
            last = loose_row(cell, reason, table)
            self.loose.append(last)
        last.values.append(cell)

    def split_row(self, cells: list[CellText]) -> tuple[list[CellText], list[CellText] | None]:
        """A positional row's label cells and its value cells (blanks and text included).

        A row is a data row when it has a value or it starts with a row label; its
        label is its leading rows and groups (or, if none, the text before its first
        value), and empty cells before the label are its (merged) label area; any text
        after the label stands in a value cell. Any other row is a header or caption:
        its non-empty cells come back with ``None`` for values.
        """
        numbers = [i for i, c in enumerate(cells) if c.text and is_value(c.text)]
        texts = [i for i, c in enumerate(cells) if c.text and not is_value(c.text)]
        first_value = numbers[0] if numbers else len(cells)
        # The label: the leading rows and groups (a merged group cell, then the row);
        # text after it stands in value cells (不适用).
        named: list[int] = []
        for i in texts:
            if i >= first_value:
                break
            text = cells[i].text
            if row_for(text, self.table) is None and not is_group(text):
                break
            named.append(i)
        rows = [i for i in named if row_for(cells[i].text, self.table) is not None]
        if (
            not numbers
            and not rows
            and not blank_row(cells, texts, self.table, data_started=self.data_started)
        ):
            return [c for c in cells if c.text], None
        lead = [i for i in texts if i < first_value]
        if not lead:
            return [], cells
        end = (rows[-1] if rows else lead[-1]) + 1
        return [c for c in cells[:end] if c.text], cells[end:]

    def header_row(self, cells: list[CellText]) -> None:
        """A positional row with no value: captions, header cells and words; it ends a row.

        Anything else in it (数据1, 类别, a wrong header row printed inside the table)
        is header debris, never a label.
        """
        for cell in cells:
            column = None if self.table is None else header_column(cell.text, self.table)
            if column is not None:
                if not self.data_started or self.table == APPEALS:
                    self.feed_cell(cell, positional=True)
            elif names_something(cell.text, self.table) and row_for(cell.text, self.table) is None:
                self.feed_cell(cell, positional=True)
        if self.table is not None:
            self.current = None

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

    def feed_cell(self, cell: CellText, *, positional: bool, whole: bool = True) -> None:
        """One cell: a value, a caption or header, or a row label that may open table 三.

        Text that names nothing is cut at the phrases the tables print (cells that ran
        together, :meth:`feed_pieces`); in a table, text that is prose ends it.
        """
        in_table = self.table is not None and (cell.text or positional)
        if in_table and is_value(cell.text):
            # Most cells: a number in a table (never a label, group or header).
            self.value_cell(cell, positional=positional)
            return
        text_key = folded_key(cell.text)
        if not text_key:
            return
        named = names_something(cell.text, self.table)
        if whole and not positional and not named and self.cut(cell):
            return
        # A label with values after it that is like a row's is that row misprinted.
        row_label = cell in self.labelled and resembles_row(cell.text, self.table or "")
        if self.table is not None and not named and not row_label and is_prose([cell], self.table):
            self.end_table()  # prose right after a table's last cell (text run together)
            return
        group = self.layout.groups.get(label_key(cell.text)[0])
        if group is None and not named and not (whole and self.prose_line):
            group = self.caption(cell)
        if self.opens(cell, text_key, group, whole=whole):
            return
        if self.table is None and not self.enter(cell):
            return
        self.table_cell(cell, text_key, group, positional=positional)

    def caption(self, cell: CellText) -> str | None:
        """The group id of a misprinted table 二 caption, said in a diagnostic."""
        group = caption_like(cell.text)
        if group is not None:
            message = f"the printed caption is read as {group} by its likeness to the template's"
            self.diagnostics.append(
                Diagnostic(
                    code="label-inexact",
                    message=message,
                    line=cell.line,
                    column=cell.column,
                    text=cell.text,
                )
            )
        return group

    def cut(self, cell: CellText) -> bool:
        """Feed text that names nothing as the phrases it holds (``False``: it holds one)."""
        pieces = segment(cell)
        if cell in self.labelled and len(pieces) > 1:
            self.labelled.add(pieces[-1])  # the values follow the last piece
            pieces = misprint_cut(pieces, self.table)
        if len(pieces) == 1 and pieces[0] is cell:
            return False
        self.feed_pieces(pieces)
        return True

    def enter(self, cell: CellText) -> bool:
        """Open the table of a row label read outside any (``False``: it opens none).

        Table 二's header cells just before it (its caption misprinted) are its block's.
        """
        row = row_for(cell.text, None)
        if row is None:
            self.note_header(cell)
        if row is None or not (row.table == REQUESTS or self.opens_by_row(cell)):
            return False
        self.start_table(row.table, cell)
        if row.table == ACTIVE and row.block is not None:
            self.block = row.block
            self.headers[row.block] = self.near_headers(cell)
        return True

    def note_header(self, cell: CellText) -> None:
        """Keep a table 二 header cell read outside a table (for :meth:`enter`)."""
        column = header_column(cell.text, ACTIVE)
        if column is not None:
            self.unplaced_headers = [*self.unplaced_headers[-_HEADER_CELLS:], (column, cell)]

    def opens(self, cell: CellText, text_key: str, group: str | None, *, whole: bool) -> bool:
        """A caption (第二十条第（一）项) or header word that opens a table or block.

        In a sentence (a whole cell of a line with sentence punctuation) only the
        phrases no prose uses open a table; pieces of run-together text were vetted
        by :meth:`feed_pieces`.
        """
        if whole and self.prose_line and not opens_table(cell.text):
            return False
        if group is not None and group.startswith("new.active.art20"):
            self.start_table(ACTIVE, cell)
            self.block, self.current = group, None
            self.data_started = False
            self.printed.append(text_key)
            self.headers[group] = []
            return True
        if text_key in HEADER_WORDS or text_key == BALANCE_NOTE:
            if text_key != key("信息内容"):
                self.start_table(APPEALS if text_key in _APPEAL_WORDS else REQUESTS, cell)
            self.printed.append(text_key)
            return True
        return False

    def opens_by_row(self, cell: CellText) -> bool:
        """A row of table 二 or 三 with its values after it, outside a table: it opens one.

        Its caption or header was misprinted (table 三's first row opens it anyway). In
        a sentence, only a row right after a row of headers (run together) does; a row
        printed a cell per line opens table 二 right after its header cells.
        """
        if self.prose_line and cell not in self.headed:
            return False
        row = row_for(cell.text, None)
        if row is None or row.table not in {ACTIVE, REQUESTS}:
            return False
        return cell in self.labelled or (row.table == ACTIVE and len(self.near_headers(cell)) > 1)

    def near_headers(self, cell: CellText) -> list[tuple[str, CellText]]:
        """Table 二 header cells read outside a table just before ``cell``."""
        return [(c, h) for c, h in self.unplaced_headers if cell.line - h.line <= _HEADER_LINES]

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
            self.headed.add(pieces[-1])
        if self.opens_by_row(pieces[-1]):
            opening.add(len(pieces) - 1)
        for index, piece in enumerate(pieces):
            if self.table is None and prose and index not in opening:
                self.note_header(piece)
                continue
            self.feed_cell(piece, positional=False, whole=False)

    def table_cell(
        self, cell: CellText, text_key: str, group: str | None, *, positional: bool
    ) -> None:
        """Text inside a table: a header, a row label, a group or a piece of a label."""
        table = self.table or ""
        column = header_column(cell.text, table)
        # Before the data rows (and anywhere in table 四) a header text is a header;
        # after them an ordinal makes 总计/其他 the rows （七）总计 and 3.其他.
        heading = not self.data_started or table == APPEALS
        if column is not None and heading and not (self.data_started and label_key(cell.text)[1]):
            self.printed.append(text_key)
            where = self.block if table == ACTIVE and self.block is not None else table
            self.headers.setdefault(where, []).append((column, cell))
            return
        row = row_for(cell.text, table)
        if row is not None and row.table == table:
            self.new_row(row, cell, positional=positional)
            return
        if group is not None:
            self.printed.append(text_key)
            self.current = None  # a group row: values after it would be stray
            return
        if column is None and table != APPEALS:
            self.label_piece(cell, positional=positional)

    def new_row(self, row: Row | None, cell: CellText, *, positional: bool) -> None:
        """Start a printed row at its label."""
        self.printed.append(folded_key(cell.text))
        self.data_started = True
        self.current = ReadRow(row, cell, [], positional, self.table or "")
        self.rows.append(self.current)

    def label_piece(self, cell: CellText, *, positional: bool) -> None:
        """Text that names nothing by itself: a wrapped label's piece, or a label to align."""
        opens = bool(label_key(cell.text)[1])
        current = self.current
        if current is not None and not current.values and not opens:
            current.parts.append(cell)
            if current.row is None and len(current.parts) < _MAX_LABEL_CHARS:
                self.relook(current)
            return
        debris = not self.data_started or folded_key(cell.text) in fragments()
        misprint = cell in self.labelled and resembles_row(cell.text, self.table or "")
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
            if self.rows and self.rows[-1] is current:
                self.rows.pop()
            else:
                self.rows.remove(current)
            self.current = None
            self.printed.append(folded_key(text))

    def value_cell(self, cell: CellText, *, positional: bool) -> None:
        """A number: to the current row, to table 四's block, or set aside."""
        if self.table == APPEALS:
            self.appeal_values.append(cell)
            self.appeal_positional = self.appeal_positional or positional
        elif self.current is not None:
            self.current.values.append(cell)
        elif cell.text:
            self.diagnostics.append(
                Diagnostic(
                    code="stray-value",
                    message="a number outside any row of the table was set aside",
                    line=cell.line,
                    column=cell.column,
                    text=cell.text,
                )
            )
            if self.numbers_line:  # a number among text is header or prose debris
                self.set_aside(cell, "numbers outside any row of the table", self.table or "")
