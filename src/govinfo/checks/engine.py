"""The interval engine: every rule of the catalogue evaluated on one report (§4.1).

Its records (:class:`Outcome`, :class:`RuleResult`…) are in :mod:`.results`.

- an operand the template does not carry is *absent* and dropped from its sum;
- a blank or unprinted operand is *missing*: an unknown count ≥ 0, never 0;
- an approximate value (``5000余``; ``4.2万`` is exact) is its interval.

A comparison *fails* when no values in the intervals satisfy it, *passes* when
every value does and no operand is approximate, and is *not evaluable*
otherwise. A comparison that would pass over a cell whose run-together digits
this same rule split (flag ``decided_by:<rule>``) is *decided*, not passed: the
split was chosen so that it holds, so it confirms nothing.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue.formulas import Comparison, Term, compiled_rules
from govinfo.catalogue.subjects import subject_label
from govinfo.checks.bodies import can_make_rules
from govinfo.checks.forms import value_suspects
from govinfo.checks.intervals import (
    OTHER,
    PRINTED_ONLY,
    ZERO,
    Bounds,
    Compiled,
    Entry,
    compile_comparison,
    compiled_for,
    decide_bounds,
    facts_of,
    plain_sum,
    span,
)
from govinfo.checks.restated import best_reading, prose_alternatives
from govinfo.checks.results import (
    DECIDED_BY,
    ComparisonResult,
    Operand,
    Outcome,
    RuleResult,
    is_exact,
)
from govinfo.checks.rules import rule_breaks
from govinfo.values import Qualifier

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.catalogue import Invariant
    from govinfo.models import Cell, Report

__all__ = [
    "ComparisonResult",
    "Operand",
    "Outcome",
    "RuleResult",
    "evaluate",
    "evaluate_rules",
    "is_exact",
]


class _Evaluator:
    def __init__(self, report: Report, previous: Report | None) -> None:
        self.report = report
        self.previous = previous
        self.template = report.template or ""
        self.facts = facts_of(self.template)
        self.prose: dict[str, list[Cell]] = {}
        for cell in report.prose:
            self.prose.setdefault(cell.id, []).append(cell)
        #: Operands built so far, by their term's identity (see :meth:`operand`).
        self.operands: dict[int, tuple[Term, Operand | None]] = {}
        #: Per rule, the cells whose split it decided (empty on almost every report).
        self.decided: dict[str, set[str]] = {}
        for cell in (*report.cells.values(), *report.prose):
            for flag in cell.flags:
                if flag.startswith(DECIDED_BY):
                    self.decided.setdefault(flag[len(DECIDED_BY) :], set()).add(cell.id)

    @functools.cached_property
    def suspects(self) -> tuple[Cell, ...]:
        """The cells that may break V1–V3, picked once for the three rules."""
        return value_suspects(self.report)

    def decided_by(self, rule: str, comparison: Comparison) -> tuple[str, ...]:
        """Ids of the comparison's operands (this report's) whose split ``rule`` decided."""
        chosen = self.decided.get(rule)
        if not chosen:
            return ()
        terms = (*comparison.left, *comparison.right)
        return tuple(dict.fromkeys(t.id for t in terms if t.kind != "previous" and t.id in chosen))

    def operand(self, term: Term) -> Operand | None:
        """The operand for a term, or ``None`` when its comparison cannot run."""
        # A term is read by several comparisons of a report (a row's total is in its
        # row's and its column's sums): each is built once. Keyed by identity, the
        # term kept beside it so that its id cannot be reused while the entry lives.
        known = self.operands.get(id(term))
        if known is not None and known[0] is term:
            return known[1]
        found = self.new_operand(term)
        self.operands[id(term)] = (term, found)
        return found

    def new_operand(self, term: Term) -> Operand | None:
        """:meth:`operand`, built."""
        if term.kind == "constant":
            return Operand(term=term, label="", cell=None, constant=Decimal(term.id))
        if term.kind == "prose":
            # A prose subject may be a sum or a named subject, not a catalogue cell.
            figures = self.prose.get(term.id, [])
            found = figures[term.index] if term.index < len(figures) else None
            label = subject_label(term.id, self.report.template)
            return None if found is None else Operand(term=term, label=label, cell=found)
        label, carried, _ = self.facts.get(term.id) or (term.id, False, False)
        # A cell of another template is absent unless the report prints it
        # (a hybrid: the 2019 row （六）其他处理 in a 2021 layout).
        if not carried and not (term.kind == "cell" and term.id in self.report.cells):
            return Operand(term=term, label=label, cell=None, absent=True)
        if term.kind == "previous":
            previous = self.previous
            if previous is None or not _term_facts(previous.template or "", term.id)[1]:
                return None
            return Operand(term=term, label=label, cell=previous.cells.get(term.id))
        return Operand(term=term, label=label, cell=self.report.cells.get(term.id))

    def side(self, entries: tuple[Entry, ...]) -> tuple[Bounds, bool] | None:
        """The sum of a side's operands as bounds, and whether one is approximate.

        ``None`` when the comparison cannot run: an operand's report is absent, or
        every operand of the side is absent from the template. This and
        :func:`.plain_sum` turn cells into intervals; they build an
        :class:`Operand` only for a prose figure or last year's cell.
        """
        low: Decimal | None = ZERO
        high: Decimal | None = ZERO
        approximate = False
        present = False
        cells = self.report.cells
        for how, cell_id, negative, floor, term in entries:
            span_low: Decimal | None
            span_high: Decimal | None
            if term.kind == "constant":
                span_low = span_high = Decimal(term.id) * term.sign
            else:
                if how == PRINTED_ONLY and cell_id not in cells:
                    continue  # absent: dropped from the sum
                if how == OTHER:
                    operand = self.operand(term)
                    if operand is None:
                        return None
                    cell = operand.cell
                else:
                    cell = cells.get(cell_id)
                span_low, span_high, approximate_here = span(cell, floor, negative=negative)
                approximate = approximate or approximate_here
            present = True
            low = None if low is None or span_low is None else low + span_low
            high = None if high is None or span_high is None else high + span_high
        return ((low, high), approximate) if present else None

    def decide(self, compiled: Compiled) -> tuple[Outcome, Bounds, Bounds] | None:
        """A comparison's outcome and its sides' bounds; ``None`` when it cannot run."""
        if compiled.previous and self.previous is None:
            return None  # what side() finds at last year's cell
        if compiled.plain:
            left = plain_sum(compiled.left, self.report.cells)
            right = plain_sum(compiled.right, self.report.cells) if left is not None else None
        else:
            left = self.side(compiled.left)
            right = self.side(compiled.right) if left is not None else None
        if left is None or right is None:
            return None
        relation = compiled.comparison.relation
        outcome = decide_bounds(relation, left[0], right[0], approximate=left[1] or right[1])
        return outcome, left[0], right[0]

    def result(
        self, rule: str, comparison: Comparison, decided: tuple[Outcome, Bounds, Bounds]
    ) -> ComparisonResult:
        """A decided comparison with its operands, for reports and findings."""
        outcome, left_range, right_range = decided
        left = tuple(o for t in comparison.left if (o := self.operand(t)) is not None)
        right = tuple(o for t in comparison.right if (o := self.operand(t)) is not None)
        return ComparisonResult(
            rule=rule,
            text=comparison.text,
            relation=comparison.relation,
            outcome=outcome,
            left=left,
            right=right,
            left_range=left_range,
            right_range=right_range,
            implied_zero=outcome is Outcome.NOT_EVALUABLE
            and comparison.relation == "="
            and _known_balance(left, right),
        )


def _term_facts(template: str, cell_id: str) -> tuple[str, bool, bool]:
    """A cell's facts in a template (see :func:`.facts_of`); unknown ids are not carried."""
    return facts_of(template).get(cell_id) or (cell_id, False, False)


def _known_sum(side: Sequence[Operand]) -> tuple[Decimal | None, bool]:
    """A side's known sum and whether a missing operand stands on it.

    The sum is ``None`` when an operand is approximate, or when a missing one is
    subtracted. One pass reading each operand's fields once (``missing`` spelled
    out): it runs for every not evaluable comparison.
    """
    total = ZERO
    known = True
    missing = False
    for operand in side:
        if operand.absent:
            continue
        negative = operand.term.sign < 0
        if operand.constant is not None:
            total = total - operand.constant if negative else total + operand.constant
            continue
        cell = operand.cell
        if cell is None or cell.qualifier is Qualifier.MISSING:
            if negative:
                return None, True
            missing = True
        elif known and is_exact(cell) and cell.value is not None:
            total = total - cell.value if negative else total + cell.value
        else:
            known = False
    return (total if known else None), missing


def _known_balance(left: Sequence[Operand], right: Sequence[Operand]) -> bool:
    """All missing operands added on one side, and the known ones already equal."""
    known_left, missing_left = _known_sum(left)
    known_right, missing_right = _known_sum(right)
    # Missing on one side only, none subtracted, and the known sums equal.
    return (
        missing_left != missing_right
        and known_left is not None
        and known_right is not None
        and known_left == known_right
    )


def _condition_holds(invariant: Invariant, report: Report) -> bool:
    """Whether a rule's condition (catalogue ``condition``) is known to hold.

    N9's condition, "the reporting body cannot make 规章", is read from the
    agency's name; a rule whose condition is unknown is not run.
    """
    if not invariant.condition:
        return True
    if "规章" in invariant.condition:
        return can_make_rules(report.agency) is False
    return False


def evaluate(report: Report, *, previous: Report | None = None) -> tuple[RuleResult, ...]:
    """Evaluate every rule of the catalogue on a report.

    Args:
        report: the parsed report.
        previous: the same agency's report of the year before, for the
            cross-year rules (``[N-1]``); without it they are not run.

    Returns:
        One result per invariant, in catalogue order.
    """
    return evaluate_rules(report, previous, passes=True)


def evaluate_rules(
    report: Report,
    previous: Report | None,
    *,
    passes: bool,
    rules: frozenset[str] | None = None,
) -> tuple[RuleResult, ...]:
    """Every rule's result, or those ``rules`` names.

    With ``passes`` false, passing comparisons and the rules that do not apply
    to the report's template are left out (they find nothing).
    """
    evaluator = _Evaluator(report, previous)
    compiled = compiled_for(report.template or "")
    return tuple(
        _evaluate_rule(invariant, fixed, report, evaluator, passes=passes)
        for (invariant, _), fixed in zip(compiled_rules(), compiled, strict=True)
        if (rules is None or invariant.id in rules)
        and (passes or report.template in invariant.templates)
    )


def _comparisons(
    rule: str,
    groups: tuple[tuple[Compiled, ...], ...],
    evaluator: _Evaluator,
    *,
    passes: bool,
) -> tuple[set[Outcome], list[ComparisonResult]]:
    """Each group's best comparison decided; results only for those someone reads."""
    outcomes: set[Outcome] = set()
    done: list[ComparisonResult] = []
    decide = evaluator.decide
    for group in groups:
        others: list[tuple[Compiled, tuple[Outcome, Bounds, Bounds]]] = []
        if len(group) == 1:
            # Every rule's comparisons but O17/N13's: one reading, simply decided
            # (what best_reading does with a group of one, without its call).
            compiled = group[0]
            found_decided = decide(compiled)
            if found_decided is None:
                continue
            decided = found_decided
        else:
            chosen = best_reading(group, decide)
            if chosen is None:
                continue
            compiled, decided, others = chosen
        comparison = compiled.comparison
        split = evaluator.decided_by(rule, comparison) if evaluator.decided else ()
        if split and decided[0] is Outcome.PASS:
            # It holds because the split was chosen to make it hold.
            decided = (Outcome.DECIDED, *decided[1:])
        outcomes.add(decided[0])
        # Operands are built only for comparisons someone will read.
        if passes or decided[0] is not Outcome.PASS:
            found = evaluator.result(rule, comparison, decided)
            if others:
                other = tuple(evaluator.result(rule, c.comparison, d) for c, d in others)
                found = attrs.evolve(found, alternatives=other)
            if split:
                found = attrs.evolve(found, decided=split)
            done.append(found)
    return outcomes, done


def _evaluate_rule(
    invariant: Invariant,
    fixed: tuple[tuple[Compiled, ...], ...],
    report: Report,
    evaluator: _Evaluator,
    *,
    passes: bool,
) -> RuleResult:
    def result(outcome: Outcome, done: Sequence[ComparisonResult] = ()) -> RuleResult:
        return RuleResult(
            id=invariant.id, cls=invariant.cls, outcome=outcome, comparisons=tuple(done)
        )

    if report.template not in invariant.templates or not _condition_holds(invariant, report):
        return result(Outcome.NOT_APPLICABLE)
    if invariant.cls == "INFO":
        return result(Outcome.INFO)
    if invariant.kind != "arithmetic":
        suspects = evaluator.suspects if invariant.kind == "value" else None
        broken = next(rule_breaks(report, invariant, suspects=suspects), None) is not None
        return result(Outcome.FAIL if broken else Outcome.PASS)
    groups = fixed
    if invariant.for_each.get("cell") == "*":
        template = report.template or ""
        groups = tuple(
            tuple(compile_comparison(c, template) for c in group)
            for group in prose_alternatives(invariant, report)
        )
    outcomes, done = _comparisons(invariant.id, groups, evaluator, passes=passes)
    for outcome in (Outcome.FAIL, Outcome.NOT_EVALUABLE, Outcome.DECIDED):
        if outcome in outcomes:
            return result(outcome, done)
    return result(Outcome.PASS if outcomes else Outcome.NOT_APPLICABLE, done)
