"""The Lark parser for report line streams, built once per process."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, cast

from lark import Lark
from lark.lexer import Lexer

from govinfo.tables.old.transform import RowsTransformer, printed_heading

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from lark import Token

    from govinfo.tables.old.transform import PrintedHeading, PrintedTable

__all__ = ["parse_lines", "table_parser"]


class _PassThrough(Lexer):
    """Hands Lark the tokens the lexer (:mod:`govinfo.tables.old.lexer`) already made."""

    def __init__(self, lexer_conf: Any) -> None:  # noqa: ANN401 - Lark's own untyped hook
        del lexer_conf

    def lex(self, lexer_state: Any, parser_state: Any = None) -> Iterator[Token]:  # noqa: ANN401
        del parser_state
        yield from lexer_state


@functools.cache
def table_parser() -> Lark:
    """The LALR parser of ``grammars/table.lark`` (built on first use, then shared).

    The rows transformer runs inside the parser, so no tree is built:
    ``parse(tokens)`` returns ``(headings, tables)`` directly.
    """
    return Lark.open_from_package(
        "govinfo.grammars",
        "table.lark",
        parser="lalr",
        lexer=_PassThrough,
        maybe_placeholders=False,
        transformer=RowsTransformer(),
    )


def parse_lines(tokens: Sequence[Token]) -> tuple[list[PrintedHeading], list[PrintedTable]]:
    """Parse line tokens into the report's headings and printed tables.

    Raises:
        lark.exceptions.UnexpectedInput: the tokens do not form a report.
    """
    if all(token.type == "HEADING" for token in tokens):
        # Prose only (every 2019/2021 report): ``start: heading*`` is all the grammar
        # can make of it, so the headings are built without running the parser.
        return [printed_heading(token) for token in tokens], []
    result = table_parser().parse(tokens)  # type: ignore[arg-type, unused-ignore]
    return cast("tuple[list[PrintedHeading], list[PrintedTable]]", result)
