"""Split a table line into cells: pipe rows, tab-separated rows, or words.

Shared by both table readers. Pipe and tab rows keep every cell's position
(blanks included); other lines split on spaces, as PDF text prints a row.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

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
    text = line.text
    if "|" in text:
        return _pipe_cells(line), True
    if "\t" in text.strip():
        parts, position, found = text.split("\t"), 0, []
        for index, part in enumerate(parts):
            stripped = part.strip()
            offset = len(part) - len(part.lstrip())
            found.append(CellText(stripped, line.number, position + offset + 1, index, len(parts)))
            position += len(part) + 1
        return found, True
    return [CellText(m.group(), line.number, m.start() + 1) for m in _WORD_RE.finditer(text)], False


def _pipe_cells(line: Line) -> list[CellText]:
    text = line.text
    if not text.strip(" |\t\u3000"):
        return []  # only pipes and blanks: no cell to build (a line of them may be long)
    parts = text.split("|")
    # `规章 | 0 | 0 |` has a trailing outer pipe only; a leading pipe is an outer
    # pipe only when a trailing one closes the row, else it opens an empty cell.
    first, last = 0, len(parts)
    stripped = text.strip()
    if stripped.endswith("|"):
        last -= 1
        if stripped.startswith("|"):
            first = 1
    found: list[CellText] = []
    number, width, position = line.number, last - first, 0
    for slot, part in enumerate(parts):
        if first <= slot < last:
            body = part.strip()
            lead = len(part) - len(part.lstrip())
            # tuple.__new__ makes the same CellText without a NamedTuple's Python-level
            # __new__ (a cell of every table row).
            cell = (body, number, position + lead + 1, slot - first, width)
            found.append(tuple.__new__(CellText, cell))
        position += len(part) + 1
    texts = [c.text for c in found if c.text]
    if not texts or ("-" in text and all(_SEPARATOR_RE.match(t) for t in texts)):
        return []  # an empty or markdown separator row
    return found
