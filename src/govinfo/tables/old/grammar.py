"""The Lark parser for report line streams, built once per process.

A report's tokens are its prose headings and its tables; the grammar gives each
table's rows their printed hierarchy from the tokens' types alone. A table of one
template and layout has the same types in every report that prints it, so the
parser's answer for a table (its :class:`~govinfo.tables.old.transform.TableShape`)
is kept, by the table's types, and reused across reports.
"""

from __future__ import annotations

import functools
import operator
from typing import TYPE_CHECKING, Any, cast

from lark import Lark, Token
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer

from govinfo.tables.old.transform import ShapeTransformer, build_table, printed_heading

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from govinfo.tables.old.lexer import LineToken
    from govinfo.tables.old.transform import PrintedHeading, PrintedTable, TableShape

__all__ = ["parse_lines", "table_parser"]


class _PassThrough(Lexer):
    """Hands Lark the tokens it is given (made from the lexer's, :mod:`.lexer`)."""

    def __init__(self, lexer_conf: Any) -> None:  # noqa: ANN401 - Lark's own untyped hook
        del lexer_conf

    def lex(self, lexer_state: Any, parser_state: Any = None) -> Iterator[Token]:  # noqa: ANN401
        del parser_state
        yield from lexer_state


@functools.cache
def table_parser() -> Lark:
    """The LALR parser of ``grammars/table.lark`` (built on first use, then shared).

    The shape transformer runs inside the parser, so no tree is built:
    ``parse(tokens)`` returns the tables' shapes directly.
    """
    return Lark.open_from_package(
        "govinfo.grammars",
        "table.lark",
        parser="lalr",
        lexer=_PassThrough,
        maybe_placeholders=False,
        transformer=ShapeTransformer(),
    )


def parse_lines(tokens: Sequence[LineToken]) -> tuple[list[PrintedHeading], list[PrintedTable]]:
    """Parse line tokens into the report's headings and printed tables.

    Raises:
        lark.exceptions.UnexpectedInput: the tokens do not form a report.
    """
    # ``start: heading* (table heading*)*``: a table runs from its TABLE token to the
    # next heading or table, and the grammar reads each table on its own.
    headings: list[PrintedHeading] = []
    tables: list[PrintedTable] = []
    at, count = 0, len(tokens)
    while at < count:
        token = tokens[at]
        if token.type == "HEADING":
            headings.append(printed_heading(token))
            at += 1
            continue
        end = at + 1
        while end < count and tokens[end].type not in _TABLE_ENDS:
            end += 1
        table = tokens[at:end]
        tables.append(build_table(table, _parse_table(table)))
        at = end
    return headings, tables


_TABLE_ENDS = frozenset({"HEADING", "TABLE"})
# A token's type, read without a Python-level call per token.
_TYPE = operator.itemgetter(0)


def _parse_table(tokens: Sequence[LineToken]) -> TableShape:
    """The shape of one table; an error names the token where the grammar broke."""
    try:
        return _shape(tuple(map(_TYPE, tokens)))
    except UnexpectedInput:
        # Parsed again with the tokens' own lines and columns, for the error's place.
        table_parser().parse(
            [Token(t.type, t.text, line=t.line, column=t.column, end_line=t.line) for t in tokens]  # type: ignore[arg-type, unused-ignore]
        )
        raise  # pragma: no cover - the same types break the grammar again


# Tables of one template and layout repeat across reports; a key is a tuple of
# interned type names (about a hundred), so a thousand shapes take a few MB.
@functools.lru_cache(maxsize=1024)
def _shape(types: tuple[str, ...]) -> TableShape:
    # Each token's line is its position (from 1): the transformer reads positions off it.
    tokens = [Token(kind, "", line=at, column=1, end_line=at) for at, kind in enumerate(types, 1)]
    shapes = cast("list[TableShape]", table_parser().parse(tokens))  # type: ignore[arg-type, unused-ignore]
    return shapes[0]
