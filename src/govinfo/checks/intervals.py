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
from govinfo.checks.results import Outcome

if TYPE_CHECKING:
    from govinfo.catalogue.formulas import Comparison, Term

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
def compiled_for(template: str) -> tuple[tuple[Compiled, ...], ...]:
    """Each rule's fixed comparisons (:func:`compiled_rules` order) compiled for ``template``."""
    return tuple(
        tuple(compile_comparison(c, template) for c in comparisons)
        for _, comparisons in compiled_rules()
    )


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
