"""The Lark parser for report line streams, built once per process."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from lark import Lark
from lark.lexer import Lexer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lark import Token

__all__ = ["table_parser"]


class _PassThrough(Lexer):
    """Hands Lark the tokens govinfo.lexer already made (one per line)."""

    def __init__(self, lexer_conf: Any) -> None:  # noqa: ANN401 - Lark's own untyped hook
        del lexer_conf

    def lex(self, lexer_state: Any, parser_state: Any = None) -> Iterator[Token]:  # noqa: ANN401
        del parser_state
        yield from lexer_state


@functools.cache
def table_parser() -> Lark:
    """The LALR parser of ``grammars/table.lark`` (built on first use, then shared)."""
    return Lark.open_from_package(
        "govinfo.grammars",
        "table.lark",
        parser="lalr",
        lexer=_PassThrough,
        maybe_placeholders=False,
    )
