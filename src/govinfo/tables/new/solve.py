"""Values of run-together rows decided by the table's own arithmetic.

Each row whose digits ran together has candidate splits (:mod:`govinfo.tables.digits`).
The catalogue's equalities (class EQ, cells only: N1, N2, N3, N5) tie rows
together: a row's 总计 is the sum of its six applicant columns (N3), each column of
table 三 adds up (N1, N2), each group of table 四 adds up (N5). A candidate
survives when no equality whose cells are all known or decided fails on it; rows
still undecided are solved jointly, and a cell is set only when every joint
solution agrees on it. Which rules were needed is recorded, because a check that
decided a split cannot also confirm it.

Work is bounded: at most :data:`MAX_NODES` steps of the joint search; past that
the rows stay undecided and the solution says the cap was hit.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import load_catalogue
from govinfo.catalogue.formulas import compiled_rules

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["MAX_NODES", "Pending", "Solution", "equations", "solve"]

#: Steps of the joint search before it gives up (and says so).
MAX_NODES = 200_000
#: Joint solutions kept; more than this many means the rows are far from decided.
_MAX_SOLUTIONS = 64

#: One equality: its rule id and its signed cell terms (sum of sign × cell = 0).
Equation = tuple[str, tuple[tuple[int, str], ...]]


@attrs.frozen
class Pending:
    """A row to split: the cells it fills, in order, and its candidate values."""

    key: str
    cells: tuple[str, ...]
    candidates: tuple[tuple[Decimal, ...], ...]


@attrs.define
class Solution:
    """Decided cells with the rules that decided them; rows left open with their candidates."""

    values: dict[str, Decimal] = attrs.field(factory=dict)
    rules: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    undecided: dict[str, tuple[tuple[Decimal, ...], ...]] = attrs.field(factory=dict)
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


def _holds(
    terms: tuple[tuple[int, str], ...],
    values: Mapping[str, Decimal],
    trial: Mapping[str, Decimal] | None = None,
) -> bool | None:
    """Whether an equation holds (``None`` while a cell is unknown); ``trial`` first."""
    total = Decimal(0)
    for sign, cell in terms:
        value = trial.get(cell) if trial is not None else None
        if value is None:
            value = values.get(cell)
        if value is None:
            return None
        total += sign * value
    return total == 0


def _index(eqs: Sequence[Equation]) -> dict[str, list[Equation]]:
    """The equations each cell appears in."""
    by_cell: dict[str, list[Equation]] = {}
    for equation in eqs:
        for _, cell in equation[1]:
            by_cell.setdefault(cell, []).append(equation)
    return by_cell


def solve(pending: Sequence[Pending], known: Mapping[str, Decimal], template: str) -> Solution:
    """Decide what the equalities allow (see the module docstring).

    Args:
        pending: the rows to split, each with its candidates.
        known: exact values already read (blank cells are absent: never 0).
        template: the report's template, whose equalities apply.
    """
    solution = Solution()
    values = dict(known)
    open_rows = {p.key: p for p in pending}
    options = {p.key: list(p.candidates) for p in pending}
    used: dict[str, set[str]] = {p.key: set() for p in pending}
    eqs = equations(template)
    by_cell = _index(eqs)
    changed = True
    while changed:
        changed = False
        for key, row in list(open_rows.items()):
            before = len(options[key])
            options[key] = [c for c in options[key] if _fits(row, c, values, by_cell, used[key])]
            if len(options[key]) == 1:
                values.update(zip(row.cells, options[key][0], strict=True))
                _decide(solution, row, options[key][0], used[key])
                del open_rows[key]
                changed = True
            elif len(options[key]) < before:
                changed = True
    if open_rows:
        _joint(solution, list(open_rows.values()), options, values, eqs)
    return solution


def _fits(
    row: Pending,
    candidate: tuple[Decimal, ...],
    values: Mapping[str, Decimal],
    by_cell: Mapping[str, list[Equation]],
    used: set[str],
) -> bool:
    trial = dict(zip(row.cells, candidate, strict=True))
    seen: set[int] = set()
    for cell in row.cells:
        for equation in by_cell.get(cell, ()):
            if id(equation) in seen:
                continue
            seen.add(id(equation))
            if _holds(equation[1], values, trial) is False:
                used.add(equation[0])
                return False
    return True


def _decide(solution: Solution, row: Pending, chosen: tuple[Decimal, ...], rules: set[str]) -> None:
    for cell, value in zip(row.cells, chosen, strict=True):
        solution.values[cell] = value
        solution.rules[cell] = tuple(sorted(rules))


def _joint(
    solution: Solution,
    rows: list[Pending],
    options: dict[str, list[tuple[Decimal, ...]]],
    values: dict[str, Decimal],
    eqs: Sequence[Equation],
) -> None:
    """Search the rows' candidates together; keep cells on which every solution agrees."""
    cells = {cell for row in rows for cell in row.cells}
    ties = [(rule, terms) for rule, terms in eqs if any(c in cells for _, c in terms)]
    by_cell = _index(ties)
    found: list[dict[str, Decimal]] = []
    nodes = 0

    def search(at: int, trial: dict[str, Decimal]) -> None:
        nonlocal nodes
        if at == len(rows):
            found.append(dict(trial))
            return
        row = rows[at]
        mine = {id(e): e for cell in row.cells for e in by_cell.get(cell, ())}
        for candidate in options[row.key]:
            nodes += 1
            if nodes > MAX_NODES or len(found) > _MAX_SOLUTIONS:
                return
            step = {**trial, **dict(zip(row.cells, candidate, strict=True))}
            if all(_holds(terms, values, step) is not False for _, terms in mine.values()):
                search(at + 1, step)

    search(0, {})
    solution.capped = nodes > MAX_NODES
    usable = found if not solution.capped and len(found) <= _MAX_SOLUTIONS else []
    rules = tuple(sorted({rule for rule, _ in ties}))
    for row in rows:
        _agreed(solution, row, usable, rules, options[row.key])


def _agreed(
    solution: Solution,
    row: Pending,
    found: list[dict[str, Decimal]],
    rules: tuple[str, ...],
    options: list[tuple[Decimal, ...]],
) -> None:
    """Set the row's cells on which every joint solution agrees; keep the rest open."""
    decided = 0
    for cell in row.cells if found else ():
        seen = {values[cell] for values in found}
        if len(seen) == 1:
            solution.values[cell] = seen.pop()
            solution.rules[cell] = rules
            decided += 1
    if decided < len(row.cells):
        alive = {tuple(s[c] for c in row.cells) for s in found}
        solution.undecided[row.key] = tuple(sorted(alive)) or tuple(options)
