"""Numbers that ran together: the ways a run of digits can be cut into values.

A page's text version often prints a row's cells with no separator
(``713000074`` for the seven counts 71, 3, 0, 0, 0, 0, 74). A run of digits that
must hold ``k`` values can be cut in several ways; a cut is allowed when no value
has a leading zero (a lone ``0`` is a value) and none is longer than a count can
be. The table's own arithmetic then decides among them (see
:mod:`govinfo.tables.new.solve`); this module only enumerates, with a hard cap.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from govinfo.folding import text_cache
from govinfo.values import is_not_a_number, parse_value

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

__all__ = [
    "MAX_COUNT_DIGITS",
    "MAX_RUN",
    "MAX_SPLITS",
    "MAX_STEPS",
    "TooMany",
    "cuts",
    "held",
    "is_value",
    "row_splits",
    "summed_splits",
]

#: No count in these tables has more digits than this (a province's 行政处罚 is
#: in the millions); longer pieces are not values.
MAX_COUNT_DIGITS = 9
#: The longest run of digits read as numbers that ran together, table 四's fifteen
#: counts of at most nine digits each. Longer runs are text (``limits.MAX_DIGITS``
#: bounds a single number).
MAX_RUN = 15 * MAX_COUNT_DIGITS

#: The most splits enumerated for one row; past it the row is left unread.
MAX_SPLITS = 20000
#: The most steps of one row's search (pieces tried), whatever it finds.
MAX_STEPS = 200_000


class TooMany(Exception):  # noqa: N818 - a signal, not an error shown to users
    """More splits than :data:`MAX_SPLITS`: the search stops and says so."""


def cuts(run: str, count: int) -> Iterator[tuple[str, ...]]:
    """Every way to cut ``run`` (digits only) into ``count`` values, in order.

    Only cuts that can be completed are followed, so the work is proportional to
    the cuts produced, however the run's zeros fall.

    >>> from govinfo.tables.digits import cuts
    >>> list(cuts("000", 3))
    [('0', '0', '0')]
    >>> sorted(cuts("1012", 2))
    [('10', '12'), ('101', '2')]
    """
    if not run.isdigit() and run:
        return
    can = _ways(run)

    def walk(start: int, left: int) -> Iterator[tuple[str, ...]]:
        if left == 0:
            yield ()
            return
        longest = 1 if run[start] == "0" else MAX_COUNT_DIGITS
        for size in range(1, min(longest, len(run) - start) + 1):
            if can(start + size, left - 1):
                for rest in walk(start + size, left - 1):
                    yield (run[start : start + size], *rest)

    if count >= 0 and can(0, count):
        yield from walk(0, count)


def held(run: str) -> int:
    """The most values a printed cell can hold: one per digit of a digit run, else one."""
    return len(_digits(run)) or 1


def _digits(run: str) -> str:
    """The digits of a run (after a sign); empty when the cell is not a digit run."""
    body = run[1:] if run[:1] in "+-" else run
    return body if body.isdigit() else ""


def _ways(run: str) -> Callable[[int, int], int]:
    """How many ways ``run[start:]`` can be cut into ``count`` values (memoised per run)."""

    @functools.cache
    def ways(start: int, count: int) -> int:
        rest = len(run) - start
        if count == 0:
            return int(rest == 0)
        if rest < count or rest > count * MAX_COUNT_DIGITS:
            return 0
        longest = 1 if run[start] == "0" else MAX_COUNT_DIGITS
        return sum(ways(start + size, count - 1) for size in range(1, min(longest, rest) + 1))

    return ways


def row_splits(runs: Sequence[str], width: int) -> list[tuple[str, ...]]:
    """Every way the printed cells ``runs`` (each a digit run) hold ``width`` values.

    Each run holds at least one value and at most one per digit; a cell that is not a
    digit run (``96171.6``) is one value. Raises :class:`TooMany` past
    :data:`MAX_SPLITS` splits or :data:`MAX_STEPS` steps of the search.
    """
    if _split_count(tuple(runs), width) > MAX_SPLITS:
        raise TooMany  # counted without listing them: the listing would stop there
    capacity = [held(run) for run in runs]
    # What the runs from each index on can hold at most.
    room = [sum(capacity[i:]) for i in range(len(runs) + 1)]
    found: list[tuple[str, ...]] = []
    steps = 0

    def place(at: int, left: int, done: tuple[str, ...]) -> None:
        nonlocal steps
        if at == len(runs):
            if left == 0:
                found.append(done)
                if len(found) > MAX_SPLITS:
                    raise TooMany
            return
        run = runs[at]
        later = len(runs) - at - 1
        low = max(1, left - room[at + 1])
        high = min(capacity[at], left - later)
        digits = _digits(run)
        sign = run[: len(run) - len(digits)]
        for count in range(low, high + 1):
            found_cuts = cuts(digits, count) if digits else iter([(run,)])
            for cut in found_cuts:
                # A sign printed before the run belongs to its first value (`-113`).
                pieces = (sign + cut[0], *cut[1:]) if digits and sign else cut
                steps += 1
                if steps > MAX_STEPS:
                    raise TooMany
                place(at + 1, left - count, (*done, *pieces))

    place(0, width, ())
    return found


def _split_count(runs: tuple[str, ...], width: int) -> int:
    """How many splits :func:`row_splits` lists for ``runs`` and ``width`` values."""

    @functools.cache
    def ways(at: int, left: int) -> int:
        if at == len(runs):
            return int(left == 0)
        digits = _digits(runs[at])
        if not digits:
            return ways(at + 1, left - 1) if left >= 1 else 0
        return sum(
            _ways(digits)(0, count) * ways(at + 1, left - count)
            for count in range(1, min(len(digits), left) + 1)
        )

    return ways(0, width)


def summed_splits(runs: Sequence[str], groups: Sequence[int]) -> list[tuple[str, ...]]:
    """The splits of :func:`row_splits` in which each group of values adds up.

    The values fall into consecutive groups of the sizes ``groups`` (summing to
    the row's width); the last value of each group is the sum of the group's
    others (table 三's 总计 of its six applicant columns, each 总计 of table 四).
    The search runs from the row's end: a group's total is cut first, its other
    values may not exceed what is left of it, and the group's first value must
    be exactly that rest. So rows whose digits split too many ways to list
    (:class:`TooMany` from :func:`row_splits`) yield the few splits that add
    up. ``runs`` are digit runs only; raises :class:`TooMany` past
    :data:`MAX_SPLITS` splits or :data:`MAX_STEPS` steps.

    >>> from govinfo.tables.digits import summed_splits
    >>> summed_splits(["1236"], [4])
    [('1', '2', '3', '6')]
    >>> summed_splits(["2020", "1010"], [2, 2])
    [('20', '20', '10', '10')]
    """
    search = _SummedSearch(runs, groups)
    if runs and all(r.isdigit() for r in runs) and min(groups, default=0) >= _MIN_GROUP:
        search.place(len(runs) - 1, len(runs[-1]), sum(groups) - 1, 0, ())
    return search.found


# A group is at least one value and its sum.
_MIN_GROUP = 2


class _SummedSearch:
    """The search of :func:`summed_splits`, from the row's last value to its first."""

    def __init__(self, runs: Sequence[str], groups: Sequence[int]) -> None:
        self.runs = runs
        #: Per value: ``total`` (a group's last), ``first`` (a group's first) or ``part``.
        self.roles: list[str] = []
        for size in groups:
            self.roles += ["first", *["part"] * (size - _MIN_GROUP), "total"]
        self.digits_before = [sum(len(r) for r in runs[:i]) for i in range(len(runs))]
        self.found: list[tuple[str, ...]] = []
        self.steps = 0

    def place(self, run: int, end: int, index: int, rest: int, done: tuple[str, ...]) -> None:
        """Cut value ``index`` to end at ``end`` of ``runs[run]``; ``rest``: its group's sum."""
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TooMany
        if index < 0:
            if run == 0 and end == 0:
                self.found.append(done)
                if len(self.found) > MAX_SPLITS:
                    raise TooMany
            return
        if end == 0 and run > 0:
            run, end = run - 1, len(self.runs[run - 1])
        # Each value left needs a digit, and each run from this one on a value.
        if end == 0 or self.digits_before[run] + end < index + 1 or run > index:
            return
        for piece in self.pieces(self.runs[run], end, self.roles[index], rest):
            value = int(piece)
            left = value if self.roles[index] == "total" else rest - value
            self.place(run, end - len(piece), index - 1, left, (piece, *done))

    @staticmethod
    def pieces(text: str, end: int, role: str, rest: int) -> list[str]:
        """The values that may end at ``end`` of ``text`` in this role."""
        if role == "first":
            # The group's first value is what its sum leaves.
            piece = str(rest)
            return [piece] if end >= len(piece) and text[end - len(piece) : end] == piece else []
        found = []
        for size in range(1, min(MAX_COUNT_DIGITS, end) + 1):
            piece = text[end - size : end]
            if (size == 1 or piece[0] != "0") and (role == "total" or int(piece) <= rest):
                found.append(piece)
        return found


@text_cache(maxsize=16384)
def is_value(text: str) -> bool:
    """A cell that stands where a value goes.

    A value, a run of digits that may hold several, or a word printed in place
    of a value (``不适用``: kept as text, flagged ``not_a_number``).
    """
    # Cached: asked of every cell several times (reader, misprint checks, placer).
    return (
        parse_value(text) is not None
        or (text.isdigit() and len(text) <= MAX_RUN)
        or is_not_a_number(text)
    )
