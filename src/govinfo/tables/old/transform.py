"""Turn the parse tree of ``table.lark`` into plain row records.

One method per grammar rule; nothing here matches labels or reads numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from lark import Token, Transformer

from govinfo.tables.labels import ORDINAL_RE
from govinfo.tables.old.lexer import CellToken, RowToken
from govinfo.text.sections import sentence_after_title

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["PrintedHeading", "PrintedRow", "PrintedTable", "RowsTransformer", "printed_heading"]


@attrs.define(eq=False)
class PrintedRow:
    """A table row as printed: its label line(s), its cells and its printed parent."""

    kind: str
    ordinal: str
    label: str
    line: int
    column: int
    cells: list[CellToken]
    #: Characters of the label cell as printed (ordinal included).
    width: int = 0
    parent: PrintedRow | None = None
    #: Label lines joined to this one (wrapped labels), as (line, text).
    continuations: list[tuple[int, str]] = attrs.field(factory=list)

    @property
    def section(self) -> PrintedRow | None:
        """The ``一、`` row this row is printed under (itself for a section row)."""
        row: PrintedRow | None = self
        while row is not None and row.kind != "SEC":
            row = row.parent
        return row

    @property
    def printed_label(self) -> str:
        """The whole label as printed, continuations included."""
        return self.ordinal + self.label + "".join(text for _, text in self.continuations)


@attrs.frozen(kw_only=True)
class PrintedTable:
    """One statistics table: its rows in document order."""

    line: int
    rows: tuple[PrintedRow, ...]
    has_header: bool
    footer_line: int | None

    @property
    def span(self) -> range:
        """The source lines the table covers, from its start to its last cell."""
        last = self.line
        for row in self.rows:
            last = max(last, row.line, *(line for line, _ in row.continuations))
            last = max(last, *(token.line for token in row.cells), 0)
        return range(self.line, max(last, self.footer_line or 0) + 1)


@attrs.frozen(kw_only=True)
class PrintedHeading:
    """A prose heading: ordinal and text, at a line."""

    ordinal: str
    text: str
    line: int


def _row(head: Token) -> PrintedRow:
    """The printed row of a row token: ordinal, label and the cells riding on it."""
    cells = head.cells if isinstance(head, RowToken) else []
    text = str(head)
    match = ORDINAL_RE.match(text)
    cut = match.end() if match else 0
    return PrintedRow(
        kind=head.type,
        ordinal=text[:cut],
        label=text[cut:].strip(),
        line=head.line or 0,
        column=head.column or 0,
        cells=cells,
        width=len(text),
    )


def printed_heading(token: Token) -> PrintedHeading:
    """The prose heading of a HEADING token: its ordinal and title.

    A sentence printed after the title on the heading's line is not the title's
    (see :func:`govinfo.text.sections.sentence_after_title`).
    """
    text = str(token)
    match = ORDINAL_RE.match(text)
    cut = match.end() if match else 0
    title = text[cut:].strip()
    sentence = sentence_after_title(title, 0)
    if sentence is not None:
        title = title[:sentence].rstrip(" 。:")
    return PrintedHeading(ordinal=text[:cut], text=title, line=token.line or 0)


def _rows(child: Token | list[PrintedRow]) -> list[PrintedRow]:
    """A nested block's rows, or a part row (a bare token) as a block of its own."""
    return child if isinstance(child, list) else [_row(child)]


def _adopt(head: PrintedRow, children: Iterable[list[PrintedRow]]) -> list[PrintedRow]:
    rows = [head]
    for block in children:
        for row in block:
            if row.parent is None:
                row.parent = head
        rows.extend(block)
    return rows


class RowsTransformer(Transformer[Token, tuple[list[PrintedHeading], list[PrintedTable]]]):
    """Tree of ``table.lark`` → (headings, tables)."""

    def item(self, children: list[Token]) -> list[PrintedRow]:
        """A ``1.…`` row and its parts."""
        return self._nest(children)

    def group(self, children: list[Token | list[PrintedRow]]) -> list[PrintedRow]:
        """A ``（一）…`` row and what is printed under it."""
        return self._nest(children)

    def section(self, children: list[Token | list[PrintedRow]]) -> list[PrintedRow]:
        """A ``一、…`` row and what is printed under it."""
        return self._nest(children)

    @staticmethod
    def _nest(children: Sequence[Token | list[PrintedRow]]) -> list[PrintedRow]:
        head, *rest = children
        if not isinstance(head, Token):  # pragma: no cover - the grammar forbids it
            raise TypeError("a block starts with its row")
        return _adopt(_row(head), [_rows(child) for child in rest])

    def header(self, tokens: list[Token]) -> bool:
        """The ``统计指标 | 单位 | 统计数`` header row."""
        return bool(tokens)

    def table(self, children: list[Token | bool | list[PrintedRow]]) -> PrintedTable:
        """A whole table."""
        start = children[0]
        rows: list[PrintedRow] = []
        footer: int | None = None
        has_header = False
        for child in children[1:]:
            if isinstance(child, list):
                rows.extend(child)
            elif isinstance(child, bool):
                has_header = child
            elif child.type == "FOOTER":
                footer = footer or child.line
            else:
                rows.append(_row(child))  # a ``其中：`` or unnumbered row before any section
        line = start.line if isinstance(start, Token) and start.line else 0
        return PrintedTable(line=line, rows=tuple(rows), has_header=has_header, footer_line=footer)

    def heading(self, tokens: list[Token]) -> PrintedHeading:
        """A prose heading line."""
        return printed_heading(tokens[0])

    def start(
        self, children: list[PrintedHeading | PrintedTable]
    ) -> tuple[list[PrintedHeading], list[PrintedTable]]:
        """Headings and tables of the report, in order."""
        headings = [c for c in children if isinstance(c, PrintedHeading)]
        tables = [c for c in children if isinstance(c, PrintedTable)]
        return headings, tables
