"""Split a table line into cells: pipe rows, tab-separated rows, or words.

Shared by both table readers. Pipe and tab rows keep every cell's position
(blanks included); other lines split on spaces, as PDF text prints a row.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from govinfo.normalize import Line

__all__ = ["CellText", "is_row_line", "split_cells"]

_SEPARATOR_RE = re.compile(r"^:?-{3,}:?$")
_WORD_RE = re.compile(r"\S+")


@attrs.frozen
class CellText:
    """One cell of a line: its text (folded), line and 1-based column."""

    text: str
    line: int
    column: int
    #: Position among the cells of its line (positional rows), and the line's width.
    index: int = 0
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
    parts = text.split("|")
    starts, position = [], 0
    for part in parts:
        starts.append(position)
        position += len(part) + 1
    cells = list(zip(parts, starts, strict=True))
    # `规章 | 0 | 0 |` has a trailing outer pipe only; a leading pipe is an outer
    # pipe only when a trailing one closes the row, else it opens an empty cell.
    if text.strip().endswith("|"):
        cells = cells[:-1]
        if text.strip().startswith("|"):
            cells = cells[1:]
    found = [
        CellText(t.strip(), line.number, s + len(t) - len(t.lstrip()) + 1, i, len(cells))
        for i, (t, s) in enumerate(cells)
    ]
    if all(_SEPARATOR_RE.match(c.text) for c in found if c.text):
        return []  # a markdown separator row
    return found
