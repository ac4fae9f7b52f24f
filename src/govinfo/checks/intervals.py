"""A rule's comparisons compiled per template, and the interval test that decides one.

The engine (:mod:`.engine`) decides about 70 comparisons per report, each side a
sum of up to twenty cells. What a term means in a template (whether the template
carries the cell, whether the cell may be negative) does not depend on the
report, so it is worked out once per template here: each side becomes a tuple of
plain :data:`Entry` tuples, and deciding a side only reads the report's cells.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from govinfo.catalogue import load_catalogue
from govinfo.catalogue.formulas import compiled_rules
from govinfo.checks.results import Outcome, is_exact
from govinfo.values import Qualifier

if TYPE_CHECKING:
    from collections.abc import Mapping

    from govinfo.catalogue.formulas import Comparison, Term
    from govinfo.models import Cell

__all__ = [
    "CELL",
    "OTHER",
    "PRINTED_ONLY",
    "ZERO",
    "Bounds",
    "Compiled",
    "Entry",
    "compile_comparison",
    "compiled_for",
    "decide_bounds",
    "facts_of",
    "plain_sum",
    "span",
]

_Bound = Decimal | None  # None: unbounded on that side
#: A sum's (low, high) bounds.
Bounds = tuple[_Bound, _Bound]
ZERO = Decimal(0)

#: How a side reads a term (an :data:`Entry`'s first item).
CELL = 0  # a cell the template carries: read from the report's cells
PRINTED_ONLY = 1  # a cell of another template: counted only when the report prints it
OTHER = 2  # a constant, a prose figure or last year's cell: read through its operand

#: ``(how, cell id, negative, floor, term)``: ``negative`` when the term is subtracted,
#: ``floor`` the least a blank cell may hold (``None`` for a signed cell, else 0).
Entry = tuple[int, str, bool, _Bound, "Term"]


class Compiled(NamedTuple):
    """A comparison with its sides compiled for one template."""

    comparison: Comparison
    left: tuple[Entry, ...]
    right: tuple[Entry, ...]
    #: No entry is :data:`OTHER`: the sides read only the report's cells.
    plain: bool
    #: An entry reads last year's cell: the comparison cannot run without that report.
    previous: bool


@functools.cache
def facts_of(template: str) -> dict[str, tuple[str, bool, bool]]:
    """Per cell id: its label in a template, whether the template carries it, if signed."""
    return {
        spec.id: (spec.label_for(template), template in spec.templates, spec.signed)
        for spec in load_catalogue().cells
    }


def _entries(terms: tuple[Term, ...], template: str) -> tuple[Entry, ...]:
    """A side's terms as entries; a term the side always drops has none."""
    facts = facts_of(template)
    entries: list[Entry] = []
    for term in terms:
        _, carried, signed = facts.get(term.id) or ("", False, False)
        floor = None if signed else ZERO
        if term.kind == "cell":
            how = CELL if carried else PRINTED_ONLY
        elif term.kind in {"constant", "prose"} or carried:
            how = OTHER
        else:
            continue  # last year's cell of a row this template does not carry: absent
        entries.append((how, term.id, term.sign < 0, floor, term))
    return tuple(entries)


def compile_comparison(comparison: Comparison, template: str) -> Compiled:
    """``comparison`` with its sides compiled for ``template``."""
    left = _entries(comparison.left, template)
    right = _entries(comparison.right, template)
    entries = (*left, *right)
    plain = all(entry[0] != OTHER for entry in entries)
    previous = any(entry[4].kind == "previous" for entry in entries)
    return Compiled(comparison, left, right, plain, previous)


# Few templates exist (six, and "" for a report without a table); the bound only
# keeps a caller's made-up template names from growing the cache.
@functools.lru_cache(maxsize=16)
def compiled_for(template: str) -> tuple[tuple[tuple[Compiled, ...], ...], ...]:
    """Each rule's fixed comparisons compiled for ``template``.

    In :func:`compiled_rules` order; each comparison alone in its group of
    readings (see :func:`.best_reading`).
    """
    return tuple(
        tuple((compile_comparison(c, template),) for c in comparisons)
        for _, comparisons in compiled_rules()
    )


def span(
    cell: Cell | None, floor: Decimal | None, *, negative: bool
) -> tuple[Decimal | None, Decimal | None, bool]:
    """A term's bounds (``floor``: the least a blank cell may hold) and if approximate."""
    if cell is None or cell.qualifier is Qualifier.MISSING:
        low, high, approximate = floor, None, False
    else:
        low = cell.low if cell.low is not None else floor
        high = cell.high
        approximate = not is_exact(cell)
    if negative:
        return (None if high is None else -high), (None if low is None else -low), approximate
    return low, high, approximate


def plain_sum(entries: tuple[Entry, ...], cells: Mapping[str, Cell]) -> tuple[Bounds, bool] | None:
    """A side's bounds and whether an operand is approximate, from the report's ``cells``.

    For entries that read only the report's cells (no :data:`OTHER`); the engine's
    ``side`` does the others. ``None`` when every operand is absent. This loop runs
    for every operand of most comparisons of every report, so :func:`span` is
    spelled out, and the approximate test is skipped once an operand is approximate.
    """
    low: Decimal | None = ZERO
    high: Decimal | None = ZERO
    approximate = False
    present = False
    missing = Qualifier.MISSING
    for how, cell_id, negative, floor, _ in entries:
        cell = cells.get(cell_id)
        if cell is None:
            if how == PRINTED_ONLY:
                continue  # absent: dropped from the sum
            span_low, span_high = floor, None
        elif cell.qualifier is missing:
            span_low, span_high = floor, None
        else:
            span_low = cell.low
            span_high = cell.high
            if not approximate:
                value = cell.value
                approximate = value is None or not span_low == value == span_high
            if span_low is None:
                span_low = floor
        present = True
        if negative:
            span_low, span_high = (
                None if span_high is None else -span_high,
                None if span_low is None else -span_low,
            )
        if low is not None:
            low = None if span_low is None else low + span_low
        if high is not None:
            high = None if span_high is None else high + span_high
    return ((low, high), approximate) if present else None


def decide_bounds(relation: str, left: Bounds, right: Bounds, *, approximate: bool) -> Outcome:
    """The outcome of ``left relation right`` over the sides' bounds (None: unbounded).

    It fails when no values within the bounds satisfy it, passes when every value
    does and no operand is approximate, and is not evaluable otherwise.
    """
    if relation == "=":
        if _lt(left[1], right[0]) or _lt(right[1], left[0]):
            return Outcome.FAIL
        exact = left[0] is not None and left[0] == left[1]
        if not approximate and exact and left[0] == right[0] == right[1]:
            return Outcome.PASS
        return Outcome.NOT_EVALUABLE
    if relation == ">=":
        left, right = right, left
    # From here on the relation reads left ≤ right.
    if _lt(right[1], left[0]):
        return Outcome.FAIL
    if not approximate and _le(left[1], right[0]):
        return Outcome.PASS
    return Outcome.NOT_EVALUABLE


def _le(a: _Bound, b: _Bound) -> bool:
    """``a <= b`` for an upper bound ``a`` and a lower bound ``b`` (None = infinite)."""
    return a is not None and b is not None and a <= b


def _lt(a: _Bound, b: _Bound) -> bool:
    return a is not None and b is not None and a < b
