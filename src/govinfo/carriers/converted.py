"""A carrier turned into text lines, each with its place in the file.

Every converter (:mod:`~govinfo.carriers.html`, :mod:`~govinfo.carriers.docx`,
:mod:`~govinfo.carriers.pdf`) returns a :class:`Converted`: the report as text
lines, tables as pipe rows (:func:`grid_row`), so the table readers work on
every carrier alike, and per line where it stands in the file.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import attrs

from govinfo.models import Diagnostic, Place

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Converted", "LinePlace", "grid_row"]


@attrs.frozen
class LinePlace:
    """Where one converted line comes from, and where its cells begin (tables)."""

    place: Place
    #: 1-based text columns where each grid cell of a table row starts.
    cell_starts: tuple[int, ...] = ()


@attrs.frozen
class Converted:
    """A carrier turned into text lines, each with its place in the file.

    ``diagnostics`` says what the conversion noticed or cut (decoding, rows past
    the cell limit, inconsistent merges); :func:`govinfo.parse_bytes` puts them
    first in the report's diagnostics.
    """

    carrier: str
    lines: tuple[str, ...]
    places: tuple[LinePlace | None, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def text(self) -> str:
        """The lines joined, as :func:`govinfo.parse` reads them."""
        return "\n".join(self.lines)

    def locate(self, line: int, column: int) -> Place | None:
        """The place in the file of a position (line, column) in :attr:`text`."""
        found = self.places[line - 1] if 0 < line <= len(self.places) else None
        if found is None or not found.cell_starts:
            return None if found is None else found.place
        # A constructor call, not attrs.evolve: this runs once per value read from a file.
        at = found.place
        grid_column = max(bisect.bisect_right(found.cell_starts, column), 1)
        return Place(
            carrier=at.carrier,
            line=at.line,
            table=at.table,
            row=at.row,
            column=grid_column,
            page=at.page,
            paragraph=at.paragraph,
        )


def grid_row(cells: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """A table row as a pipe row, and the column where each cell's text starts."""
    parts: list[str] = []
    starts: list[int] = []
    position = 3  # after "| "
    for cell in cells:
        text = " ".join(cell.replace("|", "｜").split())
        starts.append(position)
        parts.append(text)
        position += len(text) + 3
    return "| " + " | ".join(parts) + " |", tuple(starts)
