"""Where the 2019/2021 tables open: captions, header words, and rows whose caption is misprinted.

A table opens at its caption (第二十条第（一）项) or header words (申请人情况, 行政复议);
in a sentence only at a phrase no prose uses. A row of table 二 or 三 printed with its
values, outside any table, opens its table when its caption was misprinted, taking
the header cells read just before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo.folding import key
from govinfo.models import Diagnostic
from govinfo.tables.new.layout import ACTIVE, APPEALS, REQUESTS
from govinfo.tables.new.lookup import (
    BALANCE_NOTE,
    HEADER_WORDS,
    header_column,
    opens_table,
    row_for,
)
from govinfo.tables.new.misprints import (
    caption_like,
)

if TYPE_CHECKING:
    from govinfo.tables.new.state import ReadState
    from govinfo.text.cells import CellText

__all__ = ["Openers"]

_APPEAL_WORDS = frozenset({key("行政复议"), key("行政诉讼")})
# Table 二 header cells kept while no table is open, and how many lines back they count
# (a header printed a cell per line, with `|` lines between).
_HEADER_CELLS = 4
_HEADER_LINES = 10


class Openers:
    """Decides where a table or table 二 block opens."""

    def __init__(self, state: ReadState) -> None:
        """Openers working on the reader's ``state``."""
        self.state = state

    def caption(self, cell: CellText) -> str | None:
        """The group id of a misprinted table 二 caption, said in a diagnostic."""
        group = caption_like(cell.text)
        if group is not None:
            message = f"the printed caption is read as {group} by its likeness to the template's"
            self.state.diagnostics.append(
                Diagnostic(
                    code="label-inexact",
                    message=message,
                    line=cell.line,
                    column=cell.column,
                    text=cell.text,
                )
            )
        return group

    def enter(self, cell: CellText) -> bool:
        """Open the table of a row label read outside any (``False``: it opens none).

        Table 二's header cells just before it (its caption misprinted) are its block's.
        """
        row = row_for(cell.text, None)
        if row is None:
            self.note_header(cell)
        if row is None or not (row.table == REQUESTS or self.opens_by_row(cell)):
            return False
        self.state.start_table(row.table, cell)
        if row.table == ACTIVE and row.block is not None:
            self.state.block = row.block
            self.state.headers[row.block] = self.near_headers(cell)
        return True

    def note_header(self, cell: CellText) -> None:
        """Keep a table 二 header cell read outside a table (for :meth:`enter`)."""
        column = header_column(cell.text, ACTIVE)
        if column is not None:
            self.state.unplaced_headers = [
                *self.state.unplaced_headers[-_HEADER_CELLS:],
                (column, cell),
            ]

    def opens(self, cell: CellText, text_key: str, group: str | None, *, whole: bool) -> bool:
        """A caption (第二十条第（一）项) or header word that opens a table or block.

        In a sentence (a whole cell of a line with sentence punctuation) only the
        phrases no prose uses open a table; pieces of run-together text were vetted
        by :meth:`~govinfo.tables.new.reader.Reader.feed_pieces`.
        """
        if whole and self.state.prose_line and not opens_table(cell.text):
            return False
        if group is not None and group.startswith("new.active.art20"):
            self.state.start_table(ACTIVE, cell)
            self.state.block, self.state.current = group, None
            self.state.data_started = False
            self.state.printed.append(text_key)
            self.state.headers[group] = []
            return True
        if text_key in HEADER_WORDS or text_key == BALANCE_NOTE:
            if text_key != key("信息内容"):
                self.state.start_table(APPEALS if text_key in _APPEAL_WORDS else REQUESTS, cell)
            self.state.printed.append(text_key)
            return True
        return False

    def opens_by_row(self, cell: CellText) -> bool:
        """A row of table 二 or 三 with its values after it, outside a table: it opens one.

        Its caption or header was misprinted (table 三's first row opens it anyway). In
        a sentence, only a row right after a row of headers (run together) does; a row
        printed a cell per line opens table 二 right after its header cells.
        """
        if self.state.prose_line and cell not in self.state.headed:
            return False
        row = row_for(cell.text, None)
        if row is None or row.table not in {ACTIVE, REQUESTS}:
            return False
        return cell in self.state.labelled or (
            row.table == ACTIVE and len(self.near_headers(cell)) > 1
        )

    def near_headers(self, cell: CellText) -> list[tuple[str, CellText]]:
        """Table 二 header cells read outside a table just before ``cell``."""
        return [
            (c, h) for c, h in self.state.unplaced_headers if cell.line - h.line <= _HEADER_LINES
        ]
