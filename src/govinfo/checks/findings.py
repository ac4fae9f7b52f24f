"""Findings: a broken or undecidable comparison as a record a user can act on.

Messages are Chinese and name every operand with its printed label and value;
a sum that exceeds its total by exactly one part's value names that part as a
suspect (counted twice).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo.checks.engine import Outcome, evaluate_rules, is_exact
from govinfo.models import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from decimal import Decimal

    from govinfo.checks.engine import ComparisonResult, Operand
    from govinfo.models import Report

__all__ = ["check", "is_consistent", "iter_findings"]

_SEVERITY = {"EQ": Severity.ERROR, "LE": Severity.ERROR, "SOFT": Severity.WARNING}
_SYMBOL = {"=": "=", "<=": "≤", ">=": "≥"}
_BROKEN = {"=": "≠", "<=": ">", ">=": "<"}


def _number(value: Decimal) -> str:
    return str(value.to_integral_value()) if value == value.to_integral_value() else str(value)


def _show(operand: Operand) -> str:
    cell = operand.cell
    if operand.constant is not None:
        return _number(operand.constant)
    if cell is None or cell.is_missing:
        shown = "空" if cell is not None else "未列"
    elif is_exact(cell) and cell.value is not None:
        shown = _number(cell.value)
    else:
        shown = cell.raw
    prefix = "-" if operand.term.sign < 0 else ""
    source = "（正文）" if operand.term.kind == "prose" else ""
    return f"{prefix}{operand.label}{source} {shown}"


def _side_text(side: Sequence[Operand], span: tuple[Decimal | None, Decimal | None]) -> str:
    shown = [o for o in side if not o.absent]
    text = " + ".join(_show(o) for o in shown).replace("+ -", "- ")
    if len(shown) > 1 and span[0] is not None and span[0] == span[1]:
        text += f" = {_number(span[0])}"
    return text


def _finding(result: ComparisonResult, cls: str) -> Finding:
    left = _side_text(result.left, result.left_range)
    right = _side_text(result.right, result.right_range)
    cells = tuple(o.term.id for o in result.operands)
    lines = tuple(sorted({o.cell.line for o in result.operands if o.cell is not None}))
    actual, expected = result.left_range[0], result.right_range[0]
    exact = (
        result.left_range[0] == result.left_range[1]
        and result.right_range[0] == result.right_range[1]
    )
    difference = (
        actual - expected if exact and actual is not None and expected is not None else None
    )
    if result.outcome is Outcome.FAIL:
        message = f"{left} {_BROKEN[result.relation]} {right}"
        if difference is not None:
            message += f" (差 {_number(abs(difference))})"
        suspects = _suspects(result, difference)
        for operand in suspects:
            message += f"；差额恰等于{operand.label}，可能被重复计入"
        return Finding(
            code=result.rule,
            severity=_SEVERITY[cls],
            message=message,
            cells=cells,
            expected=expected if exact else None,
            actual=actual if exact else None,
            difference=difference,
            lines=lines,
            missing=result.missing,
            suspects=tuple(o.term.id for o in suspects),
        )
    missing_labels = "、".join(o.label for o in result.operands if o.missing)
    message = f"无法判定：{left} {_SYMBOL[result.relation]} {right}"
    if missing_labels:
        message += f"；空缺：{missing_labels}"
    if result.implied_zero:
        message += "；已知数已相等，空缺项只能为 0"
    elif any(o.approximate for o in result.operands):
        message += "；含约数，无法确认"
    return Finding(
        code=result.rule,
        severity=Severity.INFO,
        message=message,
        cells=cells,
        lines=lines,
        missing=result.missing,
    )


def _suspects(result: ComparisonResult, difference: Decimal | None) -> tuple[Operand, ...]:
    """Operands of the sum side whose value equals the sum's excess over the total."""
    if difference is None or difference == 0 or result.relation != "=":
        return ()
    # The side with several terms is the sum; it exceeds the total by `excess`.
    total_left = len([o for o in result.left if not o.absent]) == 1
    excess = -difference if total_left else difference
    parts = result.right if total_left else result.left
    if excess <= 0:
        return ()
    for operand in parts:
        cell = operand.cell
        if cell is not None and cell.value == excess and is_exact(cell):
            return (operand,)
    return ()


def iter_findings(report: Report, *, previous: Report | None = None) -> Iterator[Finding]:
    """Yield a finding for every failed or not evaluable comparison, rule by rule."""
    for rule in evaluate_rules(report, previous, passes=False):
        for result in rule.comparisons:
            if result.outcome in {Outcome.FAIL, Outcome.NOT_EVALUABLE}:
                yield _finding(result, rule.cls)


def check(report: Report, *, previous: Report | None = None) -> list[Finding]:
    """All findings of a report (see :func:`iter_findings`)."""
    return list(iter_findings(report, previous=previous))


def is_consistent(report: Report, *, previous: Report | None = None) -> bool:
    """True when no rule of class EQ or LE fails on the report."""
    return not any(f.severity is Severity.ERROR for f in iter_findings(report, previous=previous))
