"""Findings: a broken or undecidable rule as a record a user can act on.

Arithmetic findings name every operand with its printed label and value; a
sum that exceeds its total by exactly one part's value names that part as a
suspect (counted twice). Report, value and table rules (R, V, T) give one
finding per break. Messages are Chinese by default, English with
``lang="en"`` (:mod:`govinfo.messages`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from govinfo.catalogue import load_catalogue
from govinfo.checks.engine import evaluate_rules
from govinfo.checks.presence import absent_tables, in_absent_tables
from govinfo.checks.results import Outcome, is_exact
from govinfo.checks.rules import rule_breaks
from govinfo.messages import text
from govinfo.models import Finding, Severity
from govinfo.values import Qualifier

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from decimal import Decimal

    from govinfo.checks.results import ComparisonResult, Operand
    from govinfo.messages import Lang
    from govinfo.models import Report

__all__ = ["check", "is_consistent", "iter_findings", "severity_of"]

_SEVERITY = {
    "EQ": Severity.ERROR,
    "LE": Severity.ERROR,
    "HARD": Severity.ERROR,
    "SOFT": Severity.WARNING,
    "NOTE": Severity.INFO,
}
_SYMBOL = {"=": "=", "<=": "≤", ">=": "≥"}
_BROKEN = {"=": "≠", "<=": ">", ">=": "<"}


def severity_of(cls: str) -> Severity:
    """The severity a broken rule of class ``cls`` is reported with."""
    return _SEVERITY.get(cls, Severity.INFO)


def _number(value: Decimal) -> str:
    integral = value.to_integral_value()
    return str(integral) if value == integral else str(value)


@functools.cache
def _word(name: str, lang: Lang) -> str:
    """A message word without fields (空, 未列, （正文）): looked up once per language."""
    return text(name, lang)


def _show(operand: Operand, lang: Lang) -> str:
    cell = operand.cell
    if operand.constant is not None:
        return _number(operand.constant)
    # is_missing and is_exact spelled out: this runs for every operand of a finding.
    if cell is None or cell.qualifier is Qualifier.MISSING:
        shown = _word("blank" if cell is not None else "not_printed", lang)
    elif (value := cell.value) is not None and cell.low == value == cell.high:
        shown = _number(value)
    else:
        shown = cell.raw.strip()
    term = operand.term
    prefix = "-" if term.sign < 0 else ""
    source = _word("prose", lang) if term.kind == "prose" else ""
    return f"{prefix}{operand.label}{source} {shown}"


def _known(operand: Operand) -> bool:
    """Not :attr:`~.Operand.missing`, for an operand that is not absent."""
    cell = operand.cell
    return operand.constant is not None or (
        cell is not None and cell.qualifier is not Qualifier.MISSING
    )


# A side with more operands lists its known ones and counts the blank ones.
_LISTED = 8


def _side_text(
    side: Sequence[Operand],
    span: tuple[Decimal | None, Decimal | None],
    lang: Lang,
    *,
    bound: bool = False,
) -> str:
    """A side as its operands; with ``bound``, the least it sums to when not exact."""
    shown = [o for o in side if not o.absent]
    listed = [o for o in shown if _known(o)] if len(shown) > _LISTED else shown
    words = " + ".join(_show(o, lang) for o in listed).replace("+ -", "- ")
    if len(listed) < len(shown):
        more = text("blank_terms", lang, n=len(shown) - len(listed))
        # With no known term before it, the count is the side (not `= + 21 …`).
        words = words + more if listed else more.removeprefix(" + ")
    if len(shown) > 1 and span[0] is not None and span[0] == span[1]:
        words += f" = {_number(span[0])}"
    elif bound and len(shown) > 1 and span[0] is not None and span[0] > 0:
        words += text("at_least", lang, n=_number(span[0]))
    return words


def _finding(result: ComparisonResult, cls: str, lang: Lang) -> Finding:
    # The operands and the missing ones, computed once (both are properties).
    operands = result.operands
    missing = tuple(o for o in operands if not _known(o))
    cells = tuple(o.term.id for o in operands)
    lines = tuple(sorted({o.cell.line for o in operands if o.cell is not None}))
    actual, expected = result.left_range[0], result.right_range[0]
    exact = (
        result.left_range[0] == result.left_range[1]
        and result.right_range[0] == result.right_range[1]
    )
    difference = (
        actual - expected if exact and actual is not None and expected is not None else None
    )
    if result.outcome is Outcome.FAIL:
        left = _side_text(result.left, result.left_range, lang, bound=True)
        right = _side_text(result.right, result.right_range, lang, bound=True)
        message = f"{left} {_BROKEN[result.relation]} {right}"
        if difference is not None:
            message += " " + text("difference", lang, n=_number(abs(difference)))
        for other in result.alternatives:
            shown = _side_text(other.left, other.left_range, lang)
            message += text("nor", lang, other=shown)
        suspects = _suspects(result, difference)
        for operand in suspects:
            message += text("suspect", lang, label=operand.label)
        return Finding(
            code=result.rule,
            severity=severity_of(cls),
            message=message,
            cells=cells,
            expected=expected if exact else None,
            actual=actual if exact else None,
            difference=difference,
            lines=lines,
            missing=tuple(o.term.id for o in missing),
            suspects=tuple(o.term.id for o in suspects),
            lang=lang,
        )
    if result.outcome is Outcome.DECIDED:
        return _decided(result, cells, lines, lang)
    left = _side_text(result.left, result.left_range, lang)
    right = _side_text(result.right, result.right_range, lang)
    separator = _word("list_sep", lang)
    blank = [o.label for o in missing]
    missing_labels = separator.join(blank[:_LISTED])
    if len(blank) > _LISTED:
        missing_labels += text("more", lang, n=len(blank) - _LISTED)
    message = _word("undecided", lang) + f"{left} {_SYMBOL[result.relation]} {right}"
    if missing_labels:
        message += text("blanks", lang, labels=missing_labels)
    if result.implied_zero:
        message += _word("implied_zero", lang)
    elif any(o.approximate for o in operands):
        message += _word("approximate", lang)
    return Finding(
        code=result.rule,
        severity=Severity.INFO,
        message=message,
        cells=cells,
        lines=lines,
        missing=tuple(o.term.id for o in missing),
        lang=lang,
    )


def _decided(
    result: ComparisonResult, cells: tuple[str, ...], lines: tuple[int, ...], lang: Lang
) -> Finding:
    """A comparison that holds only because its rule chose a run-together split."""
    left = _side_text(result.left, result.left_range, lang)
    right = _side_text(result.right, result.right_range, lang)
    message = _word("decided", lang) + f"{left} {_SYMBOL[result.relation]} {right}"
    message += text("decided_cells", lang, n=len(result.decided))
    return Finding(
        code=result.rule,
        severity=Severity.INFO,
        message=message,
        cells=cells,
        lines=lines,
        decided=result.decided,
        lang=lang,
    )


def _terms(side: Sequence[Operand]) -> int:
    """How many terms of a side the report's tables hold."""
    return sum(1 for operand in side if not operand.absent)


def _suspects(result: ComparisonResult, difference: Decimal | None) -> tuple[Operand, ...]:
    """Operands of the sum side whose value equals the sum's excess over the total."""
    if difference is None or difference == 0 or result.relation != "=":
        return ()
    # The side with several terms is the sum; it exceeds the total by `excess`.
    total_left = _terms(result.left) == 1
    excess = -difference if total_left else difference
    parts = result.right if total_left else result.left
    # Only a sum of several terms can hold one counted twice: in `a = b` (N6's
    # carried-in against last year's carried-out) the gap is a plain disagreement.
    if excess <= 0 or _terms(parts) < 2:
        return ()
    for operand in parts:
        cell = operand.cell
        if cell is not None and cell.value == excess and is_exact(cell):
            return (operand,)
    return ()


def iter_findings(
    report: Report,
    *,
    previous: Report | None = None,
    lang: Lang = "zh",
    rules: frozenset[str] | None = None,
) -> Iterator[Finding]:
    """Yield the findings of every rule of the catalogue (or of ``rules``), rule by rule.

    Arithmetic rules give a finding per failed, not evaluable or decided
    comparison (one that holds only because its rule chose a split of
    run-together digits), except comparisons whose cells all lie in a table the
    report does not print (T1 says so once). Report, value and table rules give one per break.

    Args:
        report: the parsed report.
        previous: the same agency's report of the year before (N6, N7, N11).
        lang: ``zh`` or ``en``, the language of the messages.
        rules: the ids of the rules to run (all when ``None``).
    """
    absent = absent_tables(report)
    catalogue = load_catalogue()
    for rule in evaluate_rules(report, previous, passes=False, rules=rules):
        invariant = catalogue.invariant(rule.id)
        if invariant.kind != "arithmetic":
            if rule.outcome is Outcome.FAIL:
                severity = severity_of(invariant.cls)
                for message, cells, lines in rule_breaks(report, invariant, lang):
                    yield Finding(
                        code=rule.id,
                        severity=severity,
                        message=message,
                        cells=cells,
                        lines=lines,
                        lang=lang,
                    )
            continue
        for result in rule.comparisons:
            if result.outcome in {Outcome.FAIL, Outcome.DECIDED} or (
                result.outcome is Outcome.NOT_EVALUABLE
                and not in_absent_tables((o.term.id for o in result.operands), absent)
            ):
                yield _finding(result, rule.cls, lang)


def check(report: Report, *, previous: Report | None = None, lang: Lang = "zh") -> list[Finding]:
    """All findings of a report (see :func:`iter_findings`)."""
    return list(iter_findings(report, previous=previous, lang=lang))


def is_consistent(report: Report, *, previous: Report | None = None) -> bool:
    """True when no rule of class EQ, LE or HARD is broken on the report."""
    return not any(f.severity is Severity.ERROR for f in iter_findings(report, previous=previous))
