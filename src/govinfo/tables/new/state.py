"""What the 2019/2021 table reader knows at a line: the open table, its rows, its headers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo.tables.new.layout import load_layout

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.models import Diagnostic
    from govinfo.tables.new.layout import Layout
    from govinfo.tables.new.rows import ReadRow
    from govinfo.text.cells import CellText
    from govinfo.text.normalize import Line

__all__ = ["ReadState"]


class ReadState:
    """The reader's state, shared by the line reader, the openers and the row builder."""

    def __init__(self, lines: Sequence[Line]) -> None:
        """The state before the first line of ``lines``."""
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
        #: Cells read so far, the pieces of run-together text included (the budget
        #: of :data:`~govinfo.limits.MAX_TABLE_CELLS`).
        self.cells_read = 0
        #: The cells of the line being read, and whether they are numbers only
        #: (worked out once per line, when a stray number asks).
        self.line_cells: Sequence[CellText] = ()
        self.numbers_line: bool | None = None

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
