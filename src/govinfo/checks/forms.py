"""Value-form rules V1–V4: each table value checked for its form.

V1: a count is whole and not negative (a signed cell, 本年增/减, may be
negative). V2: an amount has at most the decimals its unit allows (catalogue
``units``). V3: a unit written in the value agrees with the row's. V4: a cell
whose text is not a number (flag ``not_a_number``, raw text kept) is named;
the checks read it as missing. Each broken value is one finding at its line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govinfo.catalogue import load_catalogue
from govinfo.folding import fold
from govinfo.messages import text

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from govinfo.catalogue import Invariant
    from govinfo.messages import Lang
    from govinfo.models import Cell, Report

__all__ = ["form_breaks", "value_suspects"]

_DECIMALS_RE = re.compile(r"\d\.(\d+)")


def _label(cell: Cell, template: str) -> str:
    spec = load_catalogue().by_id.get(cell.id)
    return spec.label_for(template) if spec is not None else cell.label


def _count_break(cell: Cell, label: str, lang: Lang) -> str | None:
    """V1: a count that is negative (unless signed) or not whole."""
    units = load_catalogue().unit_rules
    if not units.is_count(cell.id, cell.unit) or _is_money(cell) or cell.value is None:
        return None
    spec = load_catalogue().by_id.get(cell.id)
    raw = cell.raw.strip()
    if cell.value < 0 and not (spec is not None and spec.signed):
        return text("negative", lang, label=label, raw=raw)
    if cell.value != cell.value.to_integral_value():
        return text("fraction", lang, label=label, raw=raw)
    return None


def _decimals_break(cell: Cell, label: str, lang: Lang) -> str | None:
    """V2: an amount with more decimals than its unit allows."""
    unit = cell.written_unit or cell.unit
    most = load_catalogue().unit_rules.decimals.get(unit)
    raw = cell.raw.strip()
    digits = _DECIMALS_RE.search(fold(raw))
    if most is None or digits is None or len(digits[1]) <= most:
        return None
    shown = {"n": len(digits[1]), "unit": unit, "most": most}
    return text("decimals", lang, label=label, raw=raw, **shown)


def _unit_break(cell: Cell, label: str, lang: Lang) -> str | None:
    """V3: a written unit that is not the row's."""
    if load_catalogue().unit_rules.agree(cell.unit, cell.written_unit):
        return None
    unit = cell.unit or text("count_unit", lang)
    raw = cell.raw.strip()
    return text("unit", lang, label=label, raw=raw, written=cell.written_unit, unit=unit)


_VALUE_CHECKS = {"V1": _count_break, "V2": _decimals_break, "V3": _unit_break}


def value_suspects(report: Report) -> tuple[Cell, ...]:
    """The table cells that may break V1–V3, in table order.

    A whole, non-negative number with no unit written breaks none of them, and
    most cells are that: the engine picks the others once per report for the
    three rules.
    """
    return tuple(
        cell
        for cell in report.cells.values()
        if cell.value is not None
        and (cell.written_unit or "." in cell.raw or "．" in cell.raw or cell.value < 0)
    )


def form_breaks(
    report: Report, rule: Invariant, lang: Lang, suspects: Iterable[Cell] | None = None
) -> Iterator[tuple[Cell, str]]:
    """Each table cell that breaks ``rule`` (V1–V4), with the message saying how.

    ``suspects``: :func:`value_suspects` of the report, when the caller has them.
    """
    template = report.template or ""
    if rule.id == "V4":
        for cell in report.cells.values():
            if "not_a_number" in cell.flags:
                label = _label(cell, template)
                yield cell, text("not_a_number", lang, label=label, raw=cell.raw.strip())
        return
    check = _VALUE_CHECKS[rule.id]
    for cell in value_suspects(report) if suspects is None else suspects:
        # The label is looked up only for a cell that breaks the rule.
        if check(cell, "", lang) is not None:
            message = check(cell, _label(cell, template), lang)
            if message is not None:
                yield cell, message


def _is_money(cell: Cell) -> bool:
    """A value written in 元 or 万元 (an amount in a cell without a unit)."""
    return cell.written_unit in load_catalogue().unit_rules.decimals
