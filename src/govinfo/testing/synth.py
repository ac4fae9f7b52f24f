"""Synthetic reports: consistent cell values for a template and faults.

Everything is driven by the catalogue: the rows a template prints, and its
invariants (read with the same compiled formulas the checks use). Values are
built top-down in catalogue order, where parents come before their rows:

- a total of an equality ``total = part + part …`` is split among its parts;
- cells an equality ties together (``申请答复数 = 申请办结数``) share one value;
- a cell under ``a ≤ b`` is drawn at most ``b``, and a ``sum ≥ total`` is topped up.

Random choices go through a ``choose(low, high)`` callable, so the same builder
serves Hypothesis strategies (:mod:`govinfo.strategies`) and seeded generators
(``make bench``). This module does not need Hypothesis; :mod:`.render`
writes the values as report text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import load_catalogue
from govinfo.catalogue.formulas import Comparison, compiled_rules
from govinfo.checks.bodies import can_make_rules
from govinfo.testing.new_tables import NEW_TEMPLATES, new_values

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from govinfo.catalogue import CellSpec

__all__ = [
    "NEW_TEMPLATES",
    "OLD_TEMPLATES",
    "TEMPLATES",
    "Fault",
    "break_rule",
    "consistent_values",
]

OLD_TEMPLATES = ("old-2014", "old-2018", "old-shandong-county", "old-shandong-city")
TEMPLATES = OLD_TEMPLATES + NEW_TEMPLATES

# Largest value drawn for a root cell, by unit: sized like real county reports.
_TOP = {"条": 20000, "件": 400, "次": 300, "篇": 300, "个": 120, "人": 300, "人次": 3000}
_DEFAULT_TOP = 60


@attrs.frozen
class _Rules:
    """The template's rules in the forms the builder uses."""

    sums: Mapping[str, tuple[str, ...]]
    equal: Mapping[str, tuple[str, ...]]
    at_most: Mapping[str, tuple[str, ...]]
    at_least_sums: tuple[tuple[str, tuple[str, ...]], ...]
    comparisons: tuple[tuple[str, Comparison], ...]


def _ids(side: Sequence[object]) -> tuple[str, ...]:
    return tuple(getattr(term, "id", "") for term in side)


def _rules(template: str) -> _Rules:
    carried = {c.id for c in load_catalogue().cells_of(template)}
    sums: dict[str, tuple[str, ...]] = {}
    equal: dict[str, list[str]] = {}
    at_most: dict[str, list[str]] = {}
    at_least: list[tuple[str, tuple[str, ...]]] = []
    kept: list[tuple[str, Comparison]] = []
    for invariant, comparisons in compiled_rules():
        if template not in invariant.templates or invariant.cls == "INFO":
            continue
        for comparison in comparisons:
            terms = (*comparison.left, *comparison.right)
            if any(t.kind != "cell" or t.sign < 0 for t in terms):
                continue
            kept.append((invariant.id, comparison))
            left = [i for i in _ids(comparison.left) if i in carried]
            right = [i for i in _ids(comparison.right) if i in carried]
            if not left or not right:
                continue
            if comparison.relation == "=" and len(left) == 1 and len(right) > 1:
                sums[left[0]] = tuple(right)
            elif comparison.relation == "=" and len(left) == len(right) == 1:
                equal.setdefault(left[0], []).append(right[0])
                equal.setdefault(right[0], []).append(left[0])
            elif comparison.relation == "<=" and len(left) == len(right) == 1:
                at_most.setdefault(left[0], []).append(right[0])
            elif comparison.relation == ">=" and len(right) == 1:
                at_least.append((right[0], tuple(left)))
    return _Rules(
        sums=sums,
        equal={k: tuple(v) for k, v in equal.items()},
        at_most={k: tuple(v) for k, v in at_most.items()},
        at_least_sums=tuple(at_least),
        comparisons=tuple(kept),
    )


class _Builder:
    def __init__(self, template: str, choose: Callable[[int, int], int]) -> None:
        self.rules = _rules(template)
        self.choose = choose
        self.specs = [
            c for c in load_catalogue().cells_of(template) if c.kind.is_numeric and c.row is None
        ]
        self.by_id = {c.id: c for c in self.specs}
        self.values: dict[str, int] = {}

    def bound(self, cell_id: str) -> int | None:
        """The smallest already-set value this cell must not exceed."""
        bounds = [self.values[b] for b in self.rules.at_most.get(cell_id, ()) if b in self.values]
        return min(bounds) if bounds else None

    def set(self, cell_id: str, value: int) -> None:
        if cell_id in self.values:
            return
        self.values[cell_id] = value
        for other in self.rules.equal.get(cell_id, ()):
            self.set(other, value)
        parts = self.rules.sums.get(cell_id)
        if parts:
            self.split(value, parts)

    def split(self, total: int, parts: Sequence[str]) -> None:
        """Share ``total`` among the parts not yet set."""
        open_parts = [p for p in parts if p not in self.values]
        remaining = total - sum(self.values[p] for p in parts if p in self.values)
        for index, part in enumerate(open_parts):
            last = index == len(open_parts) - 1
            value = remaining if last else self.choose(0, max(remaining, 0))
            self.set(part, max(value, 0))
            remaining -= max(value, 0)

    def draw(self, spec: CellSpec) -> None:
        """Draw a cell not yet set, after the cells that bound it from above."""
        for upper in self.rules.at_most.get(spec.id, ()):
            if upper not in self.values:
                self.draw(self.by_id[upper])
        if spec.id not in self.values:
            top = _TOP.get(spec.unit, _DEFAULT_TOP)
            bound = self.bound(spec.id)
            self.set(spec.id, self.choose(0, top if bound is None else min(top, bound)))

    def build(self) -> dict[str, int]:
        for spec in self.specs:
            self.draw(spec)
        for total, parts in self.rules.at_least_sums:
            self.top_up(total, parts)
        return self.values

    def top_up(self, total: str, parts: Sequence[str]) -> None:
        """Make ``sum(parts) ≥ total`` by raising parts, each still at most the total."""
        for part in parts:
            deficit = self.values[total] - sum(self.values[p] for p in parts)
            if deficit <= 0:
                return
            self.values[part] = min(self.values[total], self.values[part] + deficit)


def consistent_values(
    template: str,
    choose: Callable[[int, int], int],
    *,
    blanks: bool = False,
    agency: str | None = None,
) -> dict[str, Decimal | None]:
    """Values for every numeric row of ``template`` under which every invariant holds.

    Args:
        template: a template id (``old-2018``, ``new-2021``, …).
        choose: ``choose(low, high)`` returns a whole number in ``[low, high]``.
        blanks: leave some zero-valued rows blank, as real reports do; a blank
            zero keeps every rule passing or not evaluable, never failing.
        agency: the reporting body; one that cannot make 规章 reports none (N9).

    Returns:
        Cell id → value (``None`` for a blank cell), in catalogue order.
    """
    if template in NEW_TEMPLATES:
        cells = new_values(template, choose, blanks=blanks)
        if can_make_rules(agency) is False:
            for cell_id in cells:
                if cell_id.startswith("new.active.regulations."):
                    cells[cell_id] = Decimal(0)
        return cells
    if template not in OLD_TEMPLATES:
        raise ValueError(f"unknown template {template!r}")
    builder = _Builder(template, choose)
    values = builder.build()
    out: dict[str, Decimal | None] = {}
    totals = set(builder.rules.sums) | set(builder.rules.equal)
    for spec in builder.specs:
        value: Decimal | None = Decimal(values[spec.id])
        if spec.unit == "万元":
            value = Decimal(values[spec.id]) / 10  # one decimal place, as printed
        if blanks and value == 0 and spec.id not in totals and choose(0, 1):
            value = None
        out[spec.id] = value
    return out


@attrs.frozen(kw_only=True)
class Fault:
    """What :func:`break_rule` changed."""

    rule: str
    cell: str
    was: Decimal | None
    now: Decimal


def break_rule(
    values: Mapping[str, Decimal | None], template: str, choose: Callable[[int, int], int]
) -> tuple[dict[str, Decimal | None], Fault]:
    """Break one EQ or LE invariant of ``template`` by raising one operand.

    The raised operand is the left-hand cell of a comparison whose operands are
    all filled, so the rule fails (and is reported) whatever else changes.
    """
    catalogue = load_catalogue()
    hard = {i.id for i in catalogue.invariants if i.cls in {"EQ", "LE"}}
    candidates = [
        (rule, comparison)
        for rule, comparison in _rules(template).comparisons
        if rule in hard
        and comparison.relation in {"=", "<="}
        and len(comparison.left) == 1
        and all(values.get(t.id) is not None for t in (*comparison.left, *comparison.right))
    ]
    if not candidates:
        raise ValueError("no rule with filled operands to break")
    rule, comparison = candidates[choose(0, len(candidates) - 1)]
    target = comparison.left[0].id
    right = sum((values[t.id] or Decimal(0)) for t in comparison.right if t.id in values)
    was = values[target]
    # Strictly above the right side breaks both `=` and `<=`.
    now = Decimal(right) + choose(1, 50)
    changed = dict(values)
    changed[target] = now
    return changed, Fault(rule=rule, cell=target, was=was, now=now)
