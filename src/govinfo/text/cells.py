"""Split a table line into cells: pipe rows, tab-separated rows, or words.

Shared by both table readers. Pipe and tab rows keep every cell's position
(blanks included); other lines split on spaces, as PDF text prints a row.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from govinfo.folding import text_cache

if TYPE_CHECKING:
    from govinfo.text.normalize import Line

__all__ = ["CellText", "is_row_line", "split_cells"]

_SEPARATOR_RE = re.compile(r"^:?-{3,}:?$")
_WORD_RE = re.compile(r"\S+")


class CellText(NamedTuple):
    """One cell of a line: its text (folded), line and 1-based column."""

    text: str
    line: int
    column: int
    #: Position among the cells of its line (positional rows), and the line's width.
    slot: int = 0
    width: int = 0


def is_row_line(text: str) -> bool:
    """A line printed as a row of cells (pipes, or tabs between cells)."""
    return "|" in text or "\t" in text.strip()


def split_cells(line: Line) -> tuple[list[CellText], bool]:
    """The cells of a line and whether their positions are kept."""
    shape, positional = _shape(line.text)
    number, new = line.number, tuple.__new__
    # tuple.__new__ makes the same CellText without a NamedTuple's Python-level
    # __new__ (a cell of every table row).
    return [
        new(CellText, (text, number, column, slot, width)) for text, column, slot, width in shape
    ], positional


# Table rows repeat within a report and across reports of a template: a line's
# cells (without its number) are cached, for lines up to a long table row's length
# (a bound on the cells an entry holds: 4096 entries stay within a few tens of MB).
@text_cache(maxsize=4096, chars=160)
def _shape(text: str) -> tuple[tuple[tuple[str, int, int, int], ...], bool]:
    """Each cell's (text, column, slot, width), and whether positions are kept."""
    if "|" in text:
        return _pipe_cells(text), True
    if "\t" in text.strip():
        parts, position, found = text.split("\t"), 0, []
        for index, part in enumerate(parts):
            stripped = part.strip()
            offset = len(part) - len(part.lstrip())
            found.append((stripped, position + offset + 1, index, len(parts)))
            position += len(part) + 1
        return tuple(found), True
    return tuple((m.group(), m.start() + 1, 0, 0) for m in _WORD_RE.finditer(text)), False


def _pipe_cells(text: str) -> tuple[tuple[str, int, int, int], ...]:
    if not text.strip(" |\t\u3000"):
        return ()  # only pipes and blanks: no cell to build (a line of them may be long)
    parts = text.split("|")
    # `规章 | 0 | 0 |` has a trailing outer pipe only; a leading pipe is an outer
    # pipe only when a trailing one closes the row, else it opens an empty cell.
    first, last = 0, len(parts)
    stripped = text.strip()
    if stripped.endswith("|"):
        last -= 1
        if stripped.startswith("|"):
            first = 1
    found: list[tuple[str, int, int, int]] = []
    width, position = last - first, 0
    for slot, part in enumerate(parts):
        if first <= slot < last:
            lead = len(part) - len(part.lstrip())
            found.append((part.strip(), position + lead + 1, slot - first, width))
        position += len(part) + 1
    texts = [cell[0] for cell in found if cell[0]]
    if not texts or ("-" in text and all(_SEPARATOR_RE.match(t) for t in texts)):
        return ()  # an empty or markdown separator row
    return tuple(found)
