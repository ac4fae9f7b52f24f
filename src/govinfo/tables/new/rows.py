"""A printed row of the 2019/2021 tables as the reader reads it (:class:`ReadRow`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from govinfo.text.cells import CellText

if TYPE_CHECKING:
    from govinfo.tables.new.layout import Row

__all__ = ["ReadRow", "loose_row"]


@attrs.define
class ReadRow:
    """A printed row: its label (pieces joined), the values after it, its table.

    ``row`` is the layout row its label names exactly, or the one alignment found
    (``inexact``); ``None`` with a ``reason`` when it stays unplaced.
    """

    row: Row | None
    label: CellText
    values: list[CellText]
    positional: bool
    table: str
    #: Label pieces after the first (a label wrapped over lines).
    parts: list[CellText] = attrs.field(factory=list)
    inexact: bool = False
    reason: str = ""

    @property
    def text(self) -> str:
        """The whole label as read (folded), pieces joined."""
        return self.label.text + "".join(part.text for part in self.parts)


def loose_row(cell: CellText, reason: str, table: str) -> ReadRow:
    """A row for numbers no row takes, at ``cell``, kept raw with ``reason``."""
    place = CellText("", cell.line, cell.column)
    return ReadRow(None, place, [], positional=False, table=table, reason=reason)
