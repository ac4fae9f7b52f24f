"""Turn the parse of ``table.lark`` into plain row records.

The parser sees only the tokens' types, and its answer is a table's shape: which
row each row is printed under, whether a header row is printed, where the footer
is (:class:`TableShape`, one transformer method per grammar rule).
:func:`build_table` then makes the printed rows of a table's tokens by its shape.
Nothing here matches labels or reads numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from lark import Token, Transformer

from govinfo.folding import text_cache
from govinfo.tables.labels import ORDINAL_RE
from govinfo.text.sections import sentence_after_title

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from govinfo.tables.old.lexer import CellToken, LineToken

__all__ = [
    "PrintedHeading",
    "PrintedRow",
    "PrintedTable",
    "ShapeTransformer",
    "TableShape",
    "build_table",
    "printed_heading",
]


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
    #: The row each row is printed under, as an index into ``rows`` (or -1).
    parents: tuple[int, ...] = ()

    @property
    def span(self) -> range:
        """The source lines the table covers, from its start to its last cell."""
        last = self.line
        # A row's continuations and cells are in line order: the last of each is its latest.
        for row in self.rows:
            last = max(
                last,
                row.line,
                row.continuations[-1][0] if row.continuations else 0,
                row.cells[-1].line if row.cells else 0,
            )
        return range(self.line, max(last, self.footer_line or 0) + 1)


@attrs.frozen(kw_only=True)
class PrintedHeading:
    """A prose heading: ordinal and text, at a line."""

    ordinal: str
    text: str
    line: int


@attrs.frozen
class TableShape:
    """What the grammar makes of one table's token types.

    Positions count the table's tokens from its ``TABLE`` token (0).
    """

    #: Each row token's position and the position of the row it is printed under
    #: (or -1), in document order.
    rows: tuple[tuple[int, int], ...]
    has_header: bool
    #: Position of the first footer token (or -1).
    footer: int
    #: The row each row is printed under, as an index among the rows (or -1).
    parents: tuple[int, ...]


def build_table(tokens: Sequence[LineToken], shape: TableShape) -> PrintedTable:
    """The printed table of a table's tokens (its ``TABLE`` token first) by its shape."""
    rows: list[PrintedRow] = []
    for (at, _), parent in zip(shape.rows, shape.parents, strict=True):
        row = _row(tokens[at])
        if parent >= 0:
            row.parent = rows[parent]
        rows.append(row)
    footer = tokens[shape.footer].line if shape.footer >= 0 else None
    return PrintedTable(
        line=tokens[0].line or 0,
        rows=tuple(rows),
        has_header=shape.has_header,
        footer_line=footer,
        parents=shape.parents,
    )


def _row(head: LineToken) -> PrintedRow:
    """The printed row of a row token: ordinal, label and the cells riding on it."""
    text = head.text
    ordinal, label = _row_label(text)
    return PrintedRow(
        kind=head.type,
        ordinal=ordinal,
        label=label,
        line=head.line or 0,
        column=head.column or 0,
        cells=head.cells,
        width=len(text),
    )


# Row labels repeat in every report of a template.
@text_cache(maxsize=8192)
def _row_label(text: str) -> tuple[str, str]:
    """A row label's ordinal and the rest of its text."""
    match = ORDINAL_RE.match(text)
    cut = match.end() if match else 0
    return text[:cut], text[cut:].strip()


def printed_heading(token: LineToken) -> PrintedHeading:
    """The prose heading of a HEADING token: its ordinal and title.

    A sentence printed after the title on the heading's line is not the title's
    (see :func:`govinfo.text.sections.sentence_after_title`).
    """
    ordinal, title = _heading(token.text)
    return PrintedHeading(ordinal=ordinal, text=title, line=token.line or 0)


# Headings repeat across the reports of one author (一、概述, 二、主动公开情况).
@text_cache(maxsize=4096)
def _heading(text: str) -> tuple[str, str]:
    """A heading's ordinal and title."""
    match = ORDINAL_RE.match(text)
    cut = match.end() if match else 0
    title = text[cut:].strip()
    sentence = sentence_after_title(title, 0)
    if sentence is not None:
        title = title[:sentence].rstrip(" 。:")
    return text[:cut], title


# A row of a nested block: [its position, its parent's position or -1], the parent
# set by the innermost block that holds the row (the row it is printed under).
_Placed = list[int]


def _position(token: Token) -> int:
    """A token's position in its table: the parser is fed tokens numbered from line 1."""
    return (token.line or 0) - 1


def _rows(child: Token | list[_Placed]) -> list[_Placed]:
    """A nested block's rows, or a part row (a bare token) as a block of its own."""
    return child if isinstance(child, list) else [[_position(child), -1]]


def _adopt(head: Token, children: Iterable[list[_Placed]]) -> list[_Placed]:
    at = _position(head)
    rows: list[_Placed] = [[at, -1]]
    for block in children:
        for row in block:
            if row[1] < 0:
                row[1] = at
        rows.extend(block)
    return rows


class ShapeTransformer(Transformer[Token, list[TableShape]]):
    """Tree of ``table.lark`` over one table's tokens → its :class:`TableShape`."""

    def item(self, children: list[Token | list[_Placed]]) -> list[_Placed]:
        """A ``1.…`` row and its parts."""
        return self._nest(children)

    def group(self, children: list[Token | list[_Placed]]) -> list[_Placed]:
        """A ``（一）…`` row and what is printed under it."""
        return self._nest(children)

    def section(self, children: list[Token | list[_Placed]]) -> list[_Placed]:
        """A ``一、…`` row and what is printed under it."""
        return self._nest(children)

    @staticmethod
    def _nest(children: Sequence[Token | list[_Placed]]) -> list[_Placed]:
        head, *rest = children
        if not isinstance(head, Token):  # pragma: no cover - the grammar forbids it
            raise TypeError("a block starts with its row")
        return _adopt(head, [_rows(child) for child in rest])

    def header(self, tokens: list[Token]) -> bool:
        """The ``统计指标 | 单位 | 统计数`` header row."""
        return bool(tokens)

    def table(self, children: list[Token | bool | list[_Placed]]) -> TableShape:
        """A whole table."""
        rows: list[_Placed] = []
        footer = -1
        has_header = False
        for child in children[1:]:
            if isinstance(child, list):
                rows.extend(child)
            elif isinstance(child, bool):
                has_header = child
            elif child.type == "FOOTER":
                footer = _position(child) if footer < 0 else footer
            else:
                rows.extend(_rows(child))  # a ``其中：`` or unnumbered row before any section
        index = {at: number for number, (at, _) in enumerate(rows)}
        return TableShape(
            rows=tuple((at, parent) for at, parent in rows),
            has_header=has_header,
            footer=footer,
            parents=tuple(index[parent] if parent >= 0 else -1 for _, parent in rows),
        )

    def start(self, children: list[TableShape]) -> list[TableShape]:
        """The tables of the tokens, in order."""
        return children
