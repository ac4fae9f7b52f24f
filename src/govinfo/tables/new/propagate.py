"""Bounds propagation of the split solver: the rules as sums over candidate rows.

A rule (:data:`~govinfo.tables.new.solve.Equation`) binds the rows whose cells it
reads; :func:`propagate` drops each row's candidates that no choice of the other
rows could make the rule hold, until nothing changes. Each pass over a rule is
linear in the rows it ties.
"""

from __future__ import annotations

from collections import deque
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from govinfo.tables.new.solve import Equation

__all__ = ["Candidate", "Tie", "bind", "broken", "contribution", "holds", "propagate"]

#: One split of a row, a value per cell (``None`` for a placeholder among the digits).
Candidate = tuple[Decimal | None, ...]
#: A rule as the solver uses it, with its relation (``=`` or ``>=`` 0), its known
#: constant and, per row, the signed positions of its cells in that row's candidates.
Tie = tuple[str, str, Decimal, dict[str, list[tuple[int, int]]]]


def holds(relation: str, total: Decimal) -> bool:
    """Whether a rule's signed sum ``total`` satisfies ``relation`` against 0."""
    return total == 0 if relation == "=" else total >= 0


def bind(
    eqs: Sequence[Equation],
    owner: Mapping[str, tuple[str, int]],
    known: Mapping[str, Decimal | None],
) -> list[Tie]:
    """The equations that bind pending rows and nothing unknown besides them."""
    ties: list[Tie] = []
    for rule, relation, terms in eqs:
        constant = Decimal(0)
        rows: dict[str, list[tuple[int, int]]] = {}
        usable = True
        for sign, cell in terms:
            if cell in owner:
                key, at = owner[cell]
                rows.setdefault(key, []).append((sign, at))
                continue
            value = known.get(cell)
            if value is None:
                usable = False  # a blank or unprinted cell: the equality says nothing
                break
            constant += sign * value
        if usable and rows:
            ties.append((rule, relation, constant, rows))
    return ties


def contribution(candidate: Candidate, positions: list[tuple[int, int]]) -> Decimal | None:
    """A candidate's signed contribution to an equation (``None``: a blank in it)."""
    total = Decimal(0)
    for sign, at in positions:
        value = candidate[at]
        if value is None:
            return None
        total += sign * value
    return total


def propagate(
    ties: list[Tie], options: dict[str, list[Candidate]], used: dict[str, set[str]]
) -> None:
    """Drop candidates no choice of the other rows could make an equation hold."""
    of_row: dict[str, list[int]] = {}
    for index, (*_, rows) in enumerate(ties):
        for key in rows:
            of_row.setdefault(key, []).append(index)
    queue = deque(range(len(ties)))
    queued = set(queue)
    while queue:
        index = queue.popleft()
        queued.discard(index)
        rule, relation, constant, rows = ties[index]
        parts = {key: [contribution(c, pos) for c in options[key]] for key, pos in rows.items()}
        for key, kept in _pruned(relation, constant, parts, options):
            if len(kept) < len(options[key]):
                options[key] = kept
                used[key].add(rule)
                for again in of_row[key]:
                    if again not in queued:
                        queue.append(again)
                        queued.add(again)


def _pruned(
    relation: str,
    constant: Decimal,
    parts: dict[str, list[Decimal | None]],
    options: dict[str, list[Candidate]],
) -> Iterator[tuple[str, list[Candidate]]]:
    """Per row of a rule, the candidates some choice of the other rows could satisfy.

    The other rows' bounds are the sums over all rows less the row's own, so a
    rule over k rows costs O(k) however many rows it ties.
    """
    bounds = {key: _bounds(values) for key, values in parts.items()}
    total = [constant, constant]
    unbounded = [0, 0]
    for pair in bounds.values():
        for side in (0, 1):
            if pair[side] is None:
                unbounded[side] += 1
            else:
                total[side] += pair[side] or 0
    for key, values in parts.items():
        limits: list[Decimal | None] = []
        for side in (0, 1):
            own = bounds[key][side]
            if unbounded[side] - (own is None) > 0:
                limits.append(None)
            else:
                limits.append(total[side] - (own or 0))
        low, high = limits
        if relation != "=":
            low = None  # at least 0: only the upper bound can rule a candidate out
        yield (
            key,
            [
                c
                for c, part in zip(options[key], values, strict=True)
                if part is None or _reaches(part, low, high)
            ],
        )


def broken(tie: Tie, options: Mapping[str, list[Candidate]]) -> bool:
    """Whether no choice of the rows' candidates can make the rule hold."""
    _, relation, constant, rows = tie
    low = high = constant
    for key, pos in rows.items():
        bottom, top = _bounds([contribution(c, pos) for c in options[key]])
        if bottom is None or top is None:
            return False
        low, high = low + bottom, high + top
    return high < 0 or (relation == "=" and low > 0)


def _bounds(values: list[Decimal | None]) -> tuple[Decimal | None, Decimal | None]:
    if not values or any(v is None for v in values):
        return None, None
    known = [v for v in values if v is not None]
    return min(known), max(known)


def _reaches(part: Decimal, low: Decimal | None, high: Decimal | None) -> bool:
    """Whether ``part`` plus something in [low, high] can be 0 (None: unbounded)."""
    return (low is None or part + low <= 0) and (high is None or part + high >= 0)
