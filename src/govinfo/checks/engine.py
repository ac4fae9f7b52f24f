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

from govinfo.catalogue import load_catalogue
from govinfo.catalogue.formulas import Comparison, Term, compiled_rules
from govinfo.catalogue.subjects import subject_label
from govinfo.checks.bodies import can_make_rules
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


_Bound = Decimal | None  # None: unbounded on that side
_ZERO = Decimal(0)
_NOT_CARRIED = ("", False, False)


@attrs.frozen
class _Range:
    low: _Bound
    high: _Bound

    @property
    def exact(self) -> Decimal | None:
        return self.low if self.low is not None and self.low == self.high else None


def _le(a: _Bound, b: _Bound) -> bool:
    """``a <= b`` for an upper bound ``a`` and a lower bound ``b`` (None = infinite)."""
    return a is not None and b is not None and a <= b


def _lt(a: _Bound, b: _Bound) -> bool:
    return a is not None and b is not None and a < b


def _decide(relation: str, left: _Range, right: _Range, *, approximate: bool) -> Outcome:
    if relation == "=":
        if _lt(left.high, right.low) or _lt(right.high, left.low):
            return Outcome.FAIL
        if not approximate and left.exact is not None and left.exact == right.exact:
            return Outcome.PASS
        return Outcome.NOT_EVALUABLE
    if relation == ">=":
        left, right = right, left
    # From here on the relation reads left ≤ right.
    if _lt(right.high, left.low):
        return Outcome.FAIL
    if not approximate and _le(left.high, right.low):
        return Outcome.PASS
    return Outcome.NOT_EVALUABLE


class _Evaluator:
    def __init__(self, report: Report, previous: Report | None) -> None:
        self.report = report
        self.previous = previous
        self.template = report.template or ""
        self.prose: dict[str, list[Cell]] = {}
        for cell in report.prose:
            self.prose.setdefault(cell.id, []).append(cell)
        #: Per rule, the cells whose split it decided (empty on almost every report).
        self.decided: dict[str, set[str]] = {}
        for cell in (*report.cells.values(), *report.prose):
            for flag in cell.flags:
                if flag.startswith(DECIDED_BY):
                    self.decided.setdefault(flag[len(DECIDED_BY) :], set()).add(cell.id)

    def decided_by(self, rule: str, comparison: Comparison) -> tuple[str, ...]:
        """Ids of the comparison's operands (this report's) whose split ``rule`` decided."""
        chosen = self.decided.get(rule)
        if not chosen:
            return ()
        terms = (*comparison.left, *comparison.right)
        return tuple(dict.fromkeys(t.id for t in terms if t.kind != "previous" and t.id in chosen))

    def operand(self, term: Term) -> Operand | None:
        """The operand for a term, or ``None`` when its comparison cannot run."""
        if term.kind == "constant":
            return Operand(term=term, label="", cell=None, constant=Decimal(term.id))
        if term.kind == "prose":
            # A prose subject may be a sum or a named subject, not a catalogue cell.
            figures = self.prose.get(term.id, [])
            found = figures[term.index] if term.index < len(figures) else None
            label = subject_label(term.id, self.report.template)
            return None if found is None else Operand(term=term, label=label, cell=found)
        label, carried, signed = _term_facts(self.template, term.id)
        del signed
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

    def side(self, terms: tuple[Term, ...]) -> tuple[_Range, bool] | None:
        """The sum of a side's operands as bounds, and whether one is approximate.

        ``None`` when the comparison cannot run: an operand's report is absent, or
        every operand of the side is absent from the template. This is the one
        place that turns cells into intervals; it builds no :class:`Operand`.
        """
        low: _Bound = _ZERO
        high: _Bound = _ZERO
        approximate = False
        present = False
        cells = self.report.cells
        facts = _facts_of(self.template)
        for term in terms:
            if term.kind == "constant":
                constant = Decimal(term.id) * term.sign
                present = True
                low = None if low is None else low + constant
                high = None if high is None else high + constant
                continue
            _, carried, signed = facts.get(term.id) or _NOT_CARRIED
            if term.kind == "prose":
                carried = True  # a prose subject is carried when the prose states it
            if not carried and not (term.kind == "cell" and term.id in cells):
                continue  # absent: dropped from the sum
            if term.kind == "cell":
                cell = cells.get(term.id)
            else:
                operand = self.operand(term)
                if operand is None:
                    return None
                cell = operand.cell
            present = True
            floor = None if signed else _ZERO
            if cell is None or cell.qualifier is Qualifier.MISSING:
                span_low, span_high = floor, None
            else:
                span_low = cell.low if cell.low is not None else floor
                span_high = cell.high
                # Inline is_approximate: this loop runs for every operand of every rule.
                value = cell.value
                approximate = approximate or value is None or not cell.low == value == span_high
            if term.sign < 0:
                span_low, span_high = (
                    None if span_high is None else -span_high,
                    None if span_low is None else -span_low,
                )
            low = None if low is None or span_low is None else low + span_low
            high = None if high is None or span_high is None else high + span_high
        return (_Range(low, high), approximate) if present else None

    def decide(self, comparison: Comparison) -> tuple[Outcome, _Range, _Range] | None:
        """A comparison's outcome and its sides' bounds; ``None`` when it cannot run."""
        left = self.side(comparison.left)
        right = self.side(comparison.right) if left is not None else None
        if left is None or right is None:
            return None
        approximate = left[1] or right[1]
        outcome = _decide(comparison.relation, left[0], right[0], approximate=approximate)
        return outcome, left[0], right[0]

    def result(
        self, rule: str, comparison: Comparison, decided: tuple[Outcome, _Range, _Range]
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
            left_range=(left_range.low, left_range.high),
            right_range=(right_range.low, right_range.high),
            implied_zero=outcome is Outcome.NOT_EVALUABLE
            and comparison.relation == "="
            and _known_balance(left, right),
        )


@functools.cache
def _facts_of(template: str) -> dict[str, tuple[str, bool, bool]]:
    """Per cell id: its label in a template, whether the template carries it, if signed."""
    return {
        spec.id: (spec.label_for(template), template in spec.templates, spec.signed)
        for spec in load_catalogue().cells
    }


def _term_facts(template: str, cell_id: str) -> tuple[str, bool, bool]:
    """A cell's facts in a template (see :func:`_facts_of`); unknown ids are not carried."""
    return _facts_of(template).get(cell_id) or (cell_id, False, False)


def _known_sum(side: Sequence[Operand]) -> Decimal | None:
    total = Decimal(0)
    for operand in side:
        if operand.absent or operand.missing:
            continue
        if operand.constant is not None:
            total += operand.term.sign * operand.constant
            continue
        if operand.cell is None or not is_exact(operand.cell) or operand.cell.value is None:
            return None
        total += operand.term.sign * operand.cell.value
    return total


def _known_balance(left: Sequence[Operand], right: Sequence[Operand]) -> bool:
    """All missing operands added on one side, and the known ones already equal."""
    missing = [o for o in (*left, *right) if o.missing]
    if not missing or any(o.term.sign < 0 for o in missing):
        return False
    if not (all(o in left for o in missing) or all(o in right for o in missing)):
        return False
    known_left, known_right = _known_sum(left), _known_sum(right)
    return known_left is not None and known_left == known_right


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
    return tuple(
        _evaluate_rule(invariant, fixed, report, evaluator, passes=passes)
        for invariant, fixed in compiled_rules()
        if (rules is None or invariant.id in rules)
        and (passes or report.template in invariant.templates)
    )


def _comparisons(
    rule: str,
    groups: tuple[tuple[Comparison, ...], ...],
    evaluator: _Evaluator,
    *,
    passes: bool,
) -> tuple[set[Outcome], list[ComparisonResult]]:
    """Each group's best comparison decided; results only for those someone reads."""
    outcomes: set[Outcome] = set()
    done: list[ComparisonResult] = []
    for group in groups:
        chosen = best_reading(group, evaluator.decide)
        if chosen is None:
            continue
        comparison, decided, others = chosen
        split = evaluator.decided_by(rule, comparison) if evaluator.decided else ()
        if split and decided[0] is Outcome.PASS:
            # It holds because the split was chosen to make it hold.
            decided = (Outcome.DECIDED, *decided[1:])
        outcomes.add(decided[0])
        # Operands are built only for comparisons someone will read.
        if passes or decided[0] is not Outcome.PASS:
            found = evaluator.result(rule, comparison, decided)
            if others:
                other = tuple(evaluator.result(rule, c, d) for c, d in others)
                found = attrs.evolve(found, alternatives=other)
            if split:
                found = attrs.evolve(found, decided=split)
            done.append(found)
    return outcomes, done


def _evaluate_rule(
    invariant: Invariant,
    fixed: tuple[Comparison, ...],
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
        broken = next(rule_breaks(report, invariant), None) is not None
        return result(Outcome.FAIL if broken else Outcome.PASS)
    groups: tuple[tuple[Comparison, ...], ...] = tuple((c,) for c in fixed)
    if invariant.for_each.get("cell") == "*":
        groups = prose_alternatives(invariant, report)
    outcomes, done = _comparisons(invariant.id, groups, evaluator, passes=passes)
    for outcome in (Outcome.FAIL, Outcome.NOT_EVALUABLE, Outcome.DECIDED):
        if outcome in outcomes:
            return result(outcome, done)
    return result(Outcome.PASS if outcomes else Outcome.NOT_APPLICABLE, done)
