"""The old 统计表 (2014–2018): line lexer, Lark grammar, transformer, label matcher.

May import the base modules, :mod:`govinfo.text` and :mod:`govinfo.tables`'
shared modules (labels, detection, reading).
"""

from govinfo.tables.old.grammar import parse_lines
from govinfo.tables.old.lexer import tokenize
from govinfo.tables.old.match import read_old_tables

__all__ = ["parse_lines", "read_old_tables", "tokenize"]
