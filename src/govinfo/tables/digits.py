"""Numbers that ran together: the ways a run of digits can be cut into values.

A page's text version often prints a row's cells with no separator
(``713000074`` for the seven counts 71, 3, 0, 0, 0, 0, 74). A run of digits that
must hold ``k`` values can be cut in several ways; a cut is allowed when no value
has a leading zero (a lone ``0`` is a value) and none is longer than a count can
be. The table's own arithmetic then decides among them (see
:mod:`govinfo.tables.new.solve`); this module only enumerates, with a hard cap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["MAX_DIGITS", "MAX_SPLITS", "TooMany", "cuts", "row_splits"]

#: No count in these tables has more digits than this (a province's 行政处罚 is
#: in the millions); longer pieces are not values.
MAX_DIGITS = 9
#: The most splits enumerated for one row; past it the row is left unread.
MAX_SPLITS = 20000


class TooMany(Exception):  # noqa: N818 - a signal, not an error shown to users
    """More splits than :data:`MAX_SPLITS`: the search stops and says so."""


def cuts(run: str, count: int) -> Iterator[tuple[str, ...]]:
    """Every way to cut ``run`` (digits only) into ``count`` values, in order.

    >>> list(cuts("000", 3))
    [('0', '0', '0')]
    >>> sorted(cuts("1012", 2))
    [('10', '12'), ('101', '2')]
    """
    if count == 0:
        if not run:
            yield ()
        return
    if len(run) < count or len(run) > count * MAX_DIGITS:
        return
    longest = 1 if run[0] == "0" else min(MAX_DIGITS, len(run) - count + 1)
    for size in range(1, longest + 1):
        for rest in cuts(run[size:], count - 1):
            yield (run[:size], *rest)


def row_splits(runs: Sequence[str], width: int) -> list[tuple[str, ...]]:
    """Every way the printed cells ``runs`` (each a digit run) hold ``width`` values.

    Each run holds at least one value; a run that is a single value may be any
    number (``96171.6``). Raises :class:`TooMany` past :data:`MAX_SPLITS`.
    """
    found: list[tuple[str, ...]] = []

    def place(at: int, left: int, done: tuple[str, ...]) -> None:
        if at == len(runs):
            if left == 0:
                found.append(done)
                if len(found) > MAX_SPLITS:
                    raise TooMany
            return
        run = runs[at]
        later = len(runs) - at - 1
        if not run.isdigit():
            if left - 1 >= later:
                place(at + 1, left - 1, (*done, run))
            return
        for count in range(1, min(len(run), left - later) + 1):
            for pieces in cuts(run, count) if count > 1 else [(run,)]:
                if count > 1 or len(run) <= MAX_DIGITS or run == "0":
                    place(at + 1, left - count, (*done, *pieces))

    place(0, width, ())
    return found
