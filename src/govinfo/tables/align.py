"""Printed rows aligned with the template's row sequence, for both table readers.

A statistics table prints its rows in a fixed order. A printed label that equals a
template label (or alias) is an *anchor*; anchors are kept only where they follow
the template's order (the longest such chain, so a stray or repeated row cannot
drag the others out of place). A printed row that matched nothing exactly is then
compared, by the similarity of its label, with the template rows left between its
neighbouring anchors only: a label cut where a PDF wrapped it, misspelt, or broken
by OCR still finds its row, and never a row printed elsewhere in the table.

A row matched that way is *inexact* (the reader flags its cells); when two template
rows fit equally well, or none well enough, nothing is guessed and the row keeps a
reason. Time is linear in the number of printed rows for a template of fixed size.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "MIN_SIMILARITY",
    "WIDE_SIMILARITY",
    "Expected",
    "Match",
    "Printed",
    "align",
    "similarity",
]

#: Below this similarity a printed label is not taken for a template row. Two
#: characters differing in a five-character label (传真申请数 / 网络申请数) stay apart;
#: a misprint in a long one (其他法律行政止公开) does not.
MIN_SIMILARITY = 0.75
#: Where more than three template rows are open (the ends of a table, a stretch
#: without anchors), a printed label must be closer still.
WIDE_SIMILARITY = 0.8
_NARROW = 3
# A cut label is at least this long before its prefix counts as evidence.
_MIN_PREFIX = 4
# Template rows further on than this are not compared, and a gap with more unmatched
# printed rows than this is not searched: the work per table stays bounded.
_MAX_GAP = 60
_MAX_PRINTED_GAP = 200


@attrs.frozen
class Expected:
    """A template row: its id, its label keys (ordinal removed) and its ordinal key."""

    id: str
    keys: tuple[str, ...]
    ordinal: str = ""


@attrs.frozen
class Printed:
    """A printed row: its label key (ordinal removed), its ordinal, and exact candidates.

    ``exact`` are the indices of the expected rows whose label the printed label
    equals; the reader decides what counts as equal (aliases, parentheticals).
    """

    key: str
    ordinal: str = ""
    exact: tuple[int, ...] = ()


@attrs.frozen
class Match:
    """Where a printed row stands in the template: an expected index, or why none."""

    index: int | None
    exact: bool = False
    score: float = 0.0
    reason: str = ""


def similarity(printed: Printed, expected: Expected) -> float:
    """How well a printed label fits a template row, from 0 to 1.

    Equal keys score 1; a printed key that is a long enough prefix of the
    template's (a label cut by a line or page break) scores at least 0.8; other
    pairs score by the share of characters in common (difflib's ratio), or 0 when
    their lengths differ too much for it to reach :data:`MIN_SIMILARITY`. A printed
    ordinal that differs from the template's costs 0.1.
    """
    best = 0.0
    for text in expected.keys:
        if not text or not printed.key:
            continue
        if printed.key == text:
            score = 1.0
        elif len(printed.key) >= _MIN_PREFIX and text.startswith(printed.key):
            score = 0.8 + 0.2 * len(printed.key) / len(text)
        elif 2 * min(len(printed.key), len(text)) < MIN_SIMILARITY * (len(printed.key) + len(text)):
            # The ratio cannot reach MIN_SIMILARITY (it is at most 2·shorter/total), and
            # difflib's time grows with the product of the lengths: a line of a million
            # characters took seconds per template label.
            score = 0.0
        else:
            score = difflib.SequenceMatcher(None, printed.key, text, autojunk=False).ratio()
        best = max(best, score)
    if printed.ordinal and expected.ordinal and printed.ordinal != expected.ordinal:
        best -= 0.1
    return best


def _anchors(printed: Sequence[Printed]) -> dict[int, int]:
    """The longest chain of exact matches in template order: printed index → expected index.

    Patience sorting over (printed, expected) pairs, the candidates of one printed
    row taken in decreasing order so that a row contributes at most one pair.
    """
    tails: list[int] = []  # smallest expected index ending a chain of each length
    tail_pair: list[int] = []  # index into `pairs` of that chain end
    pairs: list[tuple[int, int]] = []
    back: list[int] = []
    for i, row in enumerate(printed):
        for j in sorted(set(row.exact), reverse=True):
            at = bisect.bisect_left(tails, j)
            pairs.append((i, j))
            back.append(tail_pair[at - 1] if at else -1)
            if at == len(tails):
                tails.append(j)
                tail_pair.append(len(pairs) - 1)
            else:
                tails[at] = j
                tail_pair[at] = len(pairs) - 1
    chain: dict[int, int] = {}
    at_pair = tail_pair[-1] if tail_pair else -1
    while at_pair >= 0:
        i, j = pairs[at_pair]
        chain[i] = j
        at_pair = back[at_pair]
    return chain


def align(printed: Sequence[Printed], expected: Sequence[Expected]) -> list[Match]:
    """Match each printed row with a template row (see the module docstring).

    Returns one :class:`Match` per printed row, in order. Exact matches outside
    the template's order are reported as such, never moved.
    """
    anchors = _anchors(printed)
    matches: list[Match] = []
    for i, row in enumerate(printed):
        if i in anchors:
            matches.append(Match(anchors[i], exact=True, score=1.0))
        elif row.exact:
            ids = ", ".join(expected[j].id for j in row.exact)
            matches.append(Match(None, reason=f"{ids} printed again or out of order"))
        else:
            matches.append(Match(None, reason="label matches no row of the template"))
    # Fill the gaps between anchors: printed rows between two anchors may only take
    # template rows between the anchors' rows.
    bounds = sorted(anchors.items())
    edges = [(-1, -1), *bounds, (len(printed), len(expected))]
    for (i0, j0), (i1, j1) in itertools.pairwise(edges):
        gap = [i for i in range(i0 + 1, i1) if not printed[i].exact]
        if gap and j1 - j0 > 1 and len(gap) <= _MAX_PRINTED_GAP:
            _fill(gap, printed, expected, range(j0 + 1, min(j1, j0 + 1 + _MAX_GAP)), matches)
    return matches


def _fill(
    gap: list[int],
    printed: Sequence[Printed],
    expected: Sequence[Expected],
    rows: range,
    matches: list[Match],
) -> None:
    """Best monotone assignment of the gap's printed rows to ``rows`` by similarity."""
    scores = [[similarity(printed[i], expected[j]) for j in rows] for i in gap]
    least = MIN_SIMILARITY if len(rows) <= _NARROW else WIDE_SIMILARITY
    # dp[a][b]: best total using the first a printed and first b template rows.
    width = len(rows)
    dp = [[0.0] * (width + 1) for _ in range(len(gap) + 1)]
    for a in range(1, len(gap) + 1):
        for b in range(1, width + 1):
            take = scores[a - 1][b - 1]
            dp[a][b] = max(
                dp[a - 1][b],
                dp[a][b - 1],
                dp[a - 1][b - 1] + take if take >= least else 0.0,
            )
    chosen: list[tuple[int, int]] = []  # (gap position, template offset)
    a, b = len(gap), width
    while a and b:
        take = scores[a - 1][b - 1]
        if take >= least and dp[a][b] == dp[a - 1][b - 1] + take:
            chosen.append((a - 1, b - 1))
            a, b = a - 1, b - 1
        elif dp[a][b] == dp[a - 1][b]:
            a -= 1
        else:
            b -= 1
    chosen.reverse()
    for n, (a, b) in enumerate(chosen):
        low = chosen[n - 1][1] + 1 if n else 0
        high = chosen[n + 1][1] if n + 1 < len(chosen) else width
        best = scores[a][b]
        rivals = [rows[c] for c in range(low, high) if c != b and scores[a][c] >= best - 1e-9]
        i = gap[a]
        if rivals:
            names = ", ".join(expected[j].id for j in sorted((rows[b], *rivals)))
            matches[i] = Match(None, score=best, reason=f"label fits {names} equally")
        else:
            matches[i] = Match(rows[b], exact=False, score=best)
    taken = {a for a, _ in chosen}
    for a, i in enumerate(gap):
        if a not in taken:
            near = max(scores[a], default=0.0)
            matches[i] = Match(None, score=near, reason="label matches no row of the template")
