"""Values of run-together rows decided by the table's own arithmetic.

Each row whose digits ran together has candidate splits (:mod:`govinfo.tables.digits`).
The catalogue's hard rules over cells tie rows together: a row's 总计 is the sum
of its six applicant columns (N3), each column of table 三 adds up (N1, N2), each
group of table 四 adds up (N5), no column handles more than it received (N4),
2019's newly published documents are among those open (N10). No SOFT rule is
used: real reports break them (N8, documents in force ≥ issued − repealed, is
broken by a 2021 report printing 1 / 0 / 0), and a split chosen because it keeps
one would then be a wrong value (the prose's restatements, N13, are used only
in a later pass, :mod:`.restatements`, for rows the hard rules leave open, and
flag the cells they decide). Each rule prunes the
candidates that cannot make it hold whatever the other rows turn out to be
(bounds propagation, repeated until nothing changes: polynomial). Rows still
open are then searched jointly when few enough combinations remain, and a cell is
set only when every remaining solution agrees on it. Which rules were needed is
recorded, because a check that decided a split cannot also confirm it.

Work is bounded: the joint search runs only below :data:`MAX_COMBINATIONS`
combinations and :data:`MAX_NODES` steps; past that the rows keep only what the
propagation decided, and the solution says the cap was hit.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import load_catalogue
from govinfo.catalogue.formulas import compiled_rules
from govinfo.tables.new.propagate import (
    Candidate,
    Tie,
    bind,
    broken,
    contribution,
    holds,
    propagate,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from decimal import Decimal

__all__ = [
    "MAX_COMBINATIONS",
    "MAX_NODES",
    "SOFT_USED",
    "Equation",
    "Pending",
    "Solution",
    "equations",
    "solve",
]

#: Steps of the joint search before it gives up (and says so).
MAX_NODES = 20_000
#: The joint search runs only when the open rows' candidates combine fewer ways.
MAX_COMBINATIONS = 4096

#: The SOFT rules the solver uses, none (see the module docstring). A SOFT rule
#: listed here prunes the splits that break it wherever some split keeps it.
SOFT_USED: frozenset[str] = frozenset()

#: One rule's comparison as a sum, given by its id, then ``=`` (the signed terms sum
#: to 0) or ``>=`` (they sum to at least 0), then its signed cell terms.
Equation = tuple[str, str, tuple[tuple[int, str], ...]]


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
    """The template's rules over cells it carries (absent cells dropped), as sums.

    Equalities of class EQ, inequalities of class LE and the SOFT rules of
    :data:`SOFT_USED`; ``a <= b`` is kept as ``b - a >= 0``.
    """
    carried = {c.id for c in load_catalogue().cells_of(template)}
    found: list[Equation] = []
    for invariant, comparisons in compiled_rules():
        used = invariant.cls in {"EQ", "LE"} or invariant.id in SOFT_USED
        if not used or template not in invariant.templates or invariant.condition:
            continue
        for comparison in comparisons:
            flip = -1 if comparison.relation == "<=" else 1
            terms = [(flip * t.sign, t) for t in comparison.left] + [
                (-flip * t.sign, t) for t in comparison.right
            ]
            if comparison.relation not in _RELATIONS or any(t.kind != "cell" for _, t in terms):
                continue
            kept = tuple((sign, t.id) for sign, t in terms if t.id in carried)
            if kept:
                found.append((invariant.id, _RELATIONS[comparison.relation], kept))
    return tuple(found)


_RELATIONS = {"=": "=", "<=": ">=", ">=": ">="}


def solve(
    pending: Sequence[Pending],
    known: Mapping[str, Decimal | None],
    template: str,
    *,
    rules: Sequence[Equation] | None = None,
) -> Solution:
    """Decide what the rules allow (see the module docstring).

    Args:
        pending: the rows to split, each with its candidates.
        known: exact values already read (blank cells are absent: never 0).
        template: the report's template, whose rules apply.
        rules: the rules to use instead of :func:`equations` of ``template``
            (a benchmark's table of any size).

    Returns:
        The cells every remaining split agrees on, with the rules that decided
        them; the rows left open with their candidates; whether a cap was hit.
    """
    owner = {cell: (p.key, at) for p in pending for at, cell in enumerate(p.cells)}
    ties = bind(rules if rules is not None else equations(template), owner, known)
    options = {p.key: list(p.candidates) for p in pending}
    used: dict[str, set[str]] = {p.key: set() for p in pending}
    hard = [tie for tie in ties if tie[0] not in SOFT_USED]
    propagate(hard, options, used)
    # A SOFT rule is used only where some split the hard rules leave keeps it.
    ties = hard + [t for t in ties if t[0] in SOFT_USED and not broken(t, options)]
    if len(ties) > len(hard):
        propagate(ties, options, used)
    solution = Solution()
    tied = {key for *_, rows in ties if len(rows) > 1 for key in rows}
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


def _name_deciders(solution: Solution, pending: Sequence[Pending], ties: list[Tie]) -> None:
    """Name, per decided cell, every rule that rules out another split of its row.

    The order in which rules pruned is an accident of the search; what matters to a
    reader is which checks the chosen split leans on: each rule that, with the other
    rows as decided, fails for some other candidate of the row.
    """
    rows = {p.key: p for p in pending}
    of_row: dict[str, list[Tie]] = {}
    for tie in ties:  # indexed by row: each row reads only its own rules
        for key in tie[3]:
            of_row.setdefault(key, []).append(tie)
    for row in pending:
        cells = row.cells
        if not all(cell in solution.values for cell in cells):
            continue
        chosen = tuple(solution.values[cell] for cell in cells)
        rules: set[str] = set()
        for tie in of_row.get(row.key, ()):
            if tie[0] not in rules and _leans_on(row, chosen, tie, rows, solution):
                rules.add(tie[0])
        for cell in cells:
            solution.rules[cell] = tuple(sorted(rules))


def _leans_on(
    row: Pending,
    chosen: Candidate,
    tie: Tie,
    rows: Mapping[str, Pending],
    solution: Solution,
) -> bool:
    """Whether the rule fails for another candidate of ``row``, the other rows as decided."""
    _, relation, constant, positions = tie
    others = constant
    for key, pos in positions.items():
        if key == row.key:
            continue
        other = tuple(solution.values.get(cell) for cell in rows[key].cells)
        part = contribution(other, pos)
        if part is None:
            return False
        others += part
    mine = positions[row.key]
    return any(
        c != chosen
        and (part := contribution(c, mine)) is not None
        and not holds(relation, part + others)
        for c in row.candidates
    )


def _set(solution: Solution, row: Pending, chosen: Candidate, rules: tuple[str, ...]) -> None:
    for cell, value in zip(row.cells, chosen, strict=True):
        solution.values[cell] = value
        solution.rules[cell] = rules


def _joint(
    solution: Solution,
    rows: list[Pending],
    options: dict[str, list[Candidate]],
    ties: list[Tie],
    used: dict[str, set[str]],
) -> None:
    """Search the open rows' candidates together; keep what every solution agrees on."""
    keys = [row.key for row in rows]
    last = _checked_at(keys, ties)
    found: list[dict[str, Candidate]] = []
    nodes = 0

    def holds(tie: Tie, chosen: dict[str, Candidate]) -> bool:
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
        rules = tuple(sorted(used[row.key] | {t[0] for t in ties if row.key in t[3]}))
        alive = options[row.key] if solution.capped else [s[row.key] for s in found]
        _agreed(solution, row, alive, rules)


def _checked_at(keys: list[str], ties: list[Tie]) -> dict[str, list[Tie]]:
    """Each equation under the last of its open rows in search order: checked there."""
    order = {key: i for i, key in enumerate(keys)}
    last: dict[str, list[Tie]] = {}
    for tie in ties:
        involved = [k for k in tie[3] if k in order]
        if involved:
            last.setdefault(max(involved, key=order.__getitem__), []).append(tie)
    return last


def _tie_holds(
    tie: Tie, chosen: Mapping[str, Candidate], options: Mapping[str, list[Candidate]]
) -> bool:
    """Whether an equation holds for the chosen candidates (decided rows: their one)."""
    _, relation, constant, positions = tie
    total = constant
    for key, pos in positions.items():
        candidate = chosen.get(key) or options[key][0]
        part = contribution(candidate, pos)
        if part is None:
            return True
        total += part
    return holds(relation, total)


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
