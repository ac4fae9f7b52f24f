"""Values of run-together rows decided by the table's own arithmetic.

Each row whose digits ran together has candidate splits (:mod:`govinfo.tables.digits`).
The catalogue's equalities (class EQ, cells only: N1, N2, N3, N5) tie rows
together: a row's 总计 is the sum of its six applicant columns (N3), each column of
table 三 adds up (N1, N2), each group of table 四 adds up (N5). Each equality
prunes the candidates that cannot make it hold whatever the other rows turn out
to be (bounds propagation, repeated until nothing changes: polynomial). Rows still
open are then searched jointly when few enough combinations remain, and a cell is
set only when every remaining solution agrees on it. Which rules were needed is
recorded, because a check that decided a split cannot also confirm it.

Work is bounded: the joint search runs only below :data:`MAX_COMBINATIONS`
combinations and :data:`MAX_NODES` steps; past that the rows keep only what the
propagation decided, and the solution says the cap was hit.
"""

from __future__ import annotations

import functools
from collections import deque
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import load_catalogue
from govinfo.catalogue.formulas import compiled_rules

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["MAX_COMBINATIONS", "MAX_NODES", "Pending", "Solution", "equations", "solve"]

#: Steps of the joint search before it gives up (and says so).
MAX_NODES = 20_000
#: The joint search runs only when the open rows' candidates combine fewer ways.
MAX_COMBINATIONS = 4096
#: Joint solutions kept; more than this many means the rows are far from decided.
_MAX_SOLUTIONS = 64

#: One equality: its rule id and its signed cell terms (sum of sign × cell = 0).
Equation = tuple[str, tuple[tuple[int, str], ...]]


@attrs.frozen
class Pending:
    """A row to split: the cells it fills, in order, and its candidate values."""

    key: str
    cells: tuple[str, ...]
    #: ``None`` for a blank or placeholder cell printed among the digits (never 0).
    candidates: tuple[tuple[Decimal | None, ...], ...]


@attrs.define
class Solution:
    """Decided cells with the rules that decided them; rows left open with their candidates."""

    values: dict[str, Decimal | None] = attrs.field(factory=dict)
    rules: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    undecided: dict[str, tuple[tuple[Decimal | None, ...], ...]] = attrs.field(factory=dict)
    capped: bool = False


@functools.cache
def equations(template: str) -> tuple[Equation, ...]:
    """The template's EQ equalities over cells it carries (absent cells dropped)."""
    carried = {c.id for c in load_catalogue().cells_of(template)}
    found: list[Equation] = []
    for invariant, comparisons in compiled_rules():
        if invariant.cls != "EQ" or template not in invariant.templates:
            continue
        for comparison in comparisons:
            terms = [(t.sign, t) for t in comparison.left] + [
                (-t.sign, t) for t in comparison.right
            ]
            if comparison.relation != "=" or any(t.kind != "cell" for _, t in terms):
                continue
            kept = tuple((sign, t.id) for sign, t in terms if t.id in carried)
            if kept:
                found.append((invariant.id, kept))
    return tuple(found)


Candidate = tuple[Decimal | None, ...]
# An equation as the solver uses it: rule, known constant, and per row the signed
# positions of its cells in that row's candidates.
_Tie = tuple[str, Decimal, dict[str, list[tuple[int, int]]]]


def solve(
    pending: Sequence[Pending], known: Mapping[str, Decimal | None], template: str
) -> Solution:
    """Decide what the equalities allow (see the module docstring).

    Args:
        pending: the rows to split, each with its candidates.
        known: exact values already read (blank cells are absent: never 0).
        template: the report's template, whose equalities apply.
    """
    owner = {cell: (p.key, at) for p in pending for at, cell in enumerate(p.cells)}
    ties = _ties(equations(template), owner, known)
    options = {p.key: list(p.candidates) for p in pending}
    used: dict[str, set[str]] = {p.key: set() for p in pending}
    _propagate(ties, options, used)
    solution = Solution()
    tied = {key for _, _, rows in ties if len(rows) > 1 for key in rows}
    open_rows = [p for p in pending if len(options[p.key]) != 1 and p.key in tied]
    for row in pending:
        if len(options[row.key]) != 1 and row.key not in tied:
            # No equality binds it to another row: what its candidates agree on.
            _agreed(solution, row, options[row.key], tuple(sorted(used[row.key])))
        if len(options[row.key]) == 1:
            _set(solution, row, options[row.key][0], tuple(sorted(used[row.key])))
    combinations = 1
    for row in open_rows:
        combinations *= max(1, len(options[row.key]))
    if open_rows and combinations <= MAX_COMBINATIONS:
        _joint(solution, open_rows, options, ties, used)
    else:
        solution.capped = combinations > MAX_COMBINATIONS
        for row in open_rows:
            _agreed(solution, row, options[row.key], tuple(sorted(used[row.key])))
    _name_deciders(solution, pending, ties)
    return solution


def _name_deciders(solution: Solution, pending: Sequence[Pending], ties: list[_Tie]) -> None:
    """Name, per decided cell, every rule that rules out another split of its row.

    The order in which rules pruned is an accident of the search; what matters to a
    reader is which checks the chosen split leans on: each rule that, with the other
    rows as decided, fails for some other candidate of the row.
    """
    rows = {p.key: p for p in pending}
    for row in pending:
        cells = row.cells
        if not all(cell in solution.values for cell in cells):
            continue
        chosen = tuple(solution.values[cell] for cell in cells)
        rules: set[str] = set()
        for rule, constant, positions in ties:
            if row.key not in positions or rule in rules:
                continue
            others = constant
            for key, pos in positions.items():
                if key == row.key:
                    continue
                other = tuple(solution.values.get(cell) for cell in rows[key].cells)
                part = _part(other, pos)
                if part is None:
                    break
                others += part
            else:
                mine = positions[row.key]
                if any(
                    c != chosen and (part := _part(c, mine)) is not None and part + others != 0
                    for c in row.candidates
                ):
                    rules.add(rule)
        for cell in cells:
            solution.rules[cell] = tuple(sorted(rules))


def _ties(
    eqs: Sequence[Equation],
    owner: Mapping[str, tuple[str, int]],
    known: Mapping[str, Decimal | None],
) -> list[_Tie]:
    """The equations that bind pending rows and nothing unknown besides them."""
    ties: list[_Tie] = []
    for rule, terms in eqs:
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
            ties.append((rule, constant, rows))
    return ties


def _part(candidate: Candidate, positions: list[tuple[int, int]]) -> Decimal | None:
    """A candidate's signed contribution to an equation (``None``: a blank in it)."""
    total = Decimal(0)
    for sign, at in positions:
        value = candidate[at]
        if value is None:
            return None
        total += sign * value
    return total


def _propagate(
    ties: list[_Tie], options: dict[str, list[Candidate]], used: dict[str, set[str]]
) -> None:
    """Drop candidates no choice of the other rows could make an equation hold."""
    of_row: dict[str, list[int]] = {}
    for index, (_, _, rows) in enumerate(ties):
        for key in rows:
            of_row.setdefault(key, []).append(index)
    queue = deque(range(len(ties)))
    queued = set(queue)
    while queue:
        index = queue.popleft()
        queued.discard(index)
        rule, constant, rows = ties[index]
        parts = {key: [_part(c, pos) for c in options[key]] for key, pos in rows.items()}
        bounds = {key: _bounds(values) for key, values in parts.items()}
        for key, values in parts.items():
            low: Decimal | None = constant
            high: Decimal | None = constant
            for other, (other_low, other_high) in bounds.items():
                if other == key:
                    continue
                low = None if low is None or other_low is None else low + other_low
                high = None if high is None or other_high is None else high + other_high
            kept = [
                c
                for c, part in zip(options[key], values, strict=True)
                if part is None or _reaches(part, low, high)
            ]
            if len(kept) < len(options[key]):
                options[key] = kept
                used[key].add(rule)
                for again in of_row[key]:
                    if again not in queued:
                        queue.append(again)
                        queued.add(again)


def _bounds(values: list[Decimal | None]) -> tuple[Decimal | None, Decimal | None]:
    if not values or any(v is None for v in values):
        return None, None
    known = [v for v in values if v is not None]
    return min(known), max(known)


def _reaches(part: Decimal, low: Decimal | None, high: Decimal | None) -> bool:
    """Whether ``part`` plus something in [low, high] can be 0 (None: unbounded)."""
    return (low is None or part + low <= 0) and (high is None or part + high >= 0)


def _set(solution: Solution, row: Pending, chosen: Candidate, rules: tuple[str, ...]) -> None:
    for cell, value in zip(row.cells, chosen, strict=True):
        solution.values[cell] = value
        solution.rules[cell] = rules


def _joint(
    solution: Solution,
    rows: list[Pending],
    options: dict[str, list[Candidate]],
    ties: list[_Tie],
    used: dict[str, set[str]],
) -> None:
    """Search the open rows' candidates together; keep what every solution agrees on."""
    keys = [row.key for row in rows]
    last = _checked_at(keys, ties)
    found: list[dict[str, Candidate]] = []
    nodes = 0

    def holds(tie: _Tie, chosen: dict[str, Candidate]) -> bool:
        return _tie_holds(tie, chosen, options)

    def search(at: int, chosen: dict[str, Candidate]) -> None:
        nonlocal nodes
        if at == len(keys):
            found.append(dict(chosen))
            return
        key = keys[at]
        for candidate in options[key]:
            nodes += 1
            if nodes > MAX_NODES:
                return
            chosen[key] = candidate
            if all(holds(tie, chosen) for tie in last.get(key, ())):
                search(at + 1, chosen)
        chosen.pop(key, None)

    search(0, {})
    solution.capped = nodes > MAX_NODES
    for row in rows:
        rules = tuple(sorted(used[row.key] | {t[0] for t in ties if row.key in t[2]}))
        alive = options[row.key] if solution.capped else [s[row.key] for s in found]
        _agreed(solution, row, alive, rules)


def _checked_at(keys: list[str], ties: list[_Tie]) -> dict[str, list[_Tie]]:
    """Each equation under the last of its open rows in search order: checked there."""
    order = {key: i for i, key in enumerate(keys)}
    last: dict[str, list[_Tie]] = {}
    for tie in ties:
        involved = [k for k in tie[2] if k in order]
        if involved:
            last.setdefault(max(involved, key=order.__getitem__), []).append(tie)
    return last


def _tie_holds(
    tie: _Tie, chosen: Mapping[str, Candidate], options: Mapping[str, list[Candidate]]
) -> bool:
    """Whether an equation holds for the chosen candidates (decided rows: their one)."""
    _, constant, positions = tie
    total = constant
    for key, pos in positions.items():
        candidate = chosen.get(key) or options[key][0]
        part = _part(candidate, pos)
        if part is None:
            return True
        total += part
    return total == 0


def _agreed(
    solution: Solution, row: Pending, alive: list[Candidate], rules: tuple[str, ...]
) -> None:
    """Set the row's cells on which every remaining candidate agrees; keep the rest open."""
    decided = 0
    for at, cell in enumerate(row.cells):
        seen = {candidate[at] for candidate in alive}
        if len(seen) == 1:
            solution.values[cell] = seen.pop()
            solution.rules[cell] = rules
            decided += 1
    if decided < len(row.cells):
        solution.undecided[row.key] = tuple(sorted(set(alive), key=str))
