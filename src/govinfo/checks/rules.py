"""The rules that are not formulas (report R, value V, table T), dispatched by kind.

Each gives its breaks as ``(message, cells, lines)``; the engine turns them
into a rule's outcome, :mod:`.findings` into findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo.checks.forms import form_breaks
from govinfo.checks.presence import absent_tables
from govinfo.checks.report import report_breaks

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from govinfo.catalogue import Invariant
    from govinfo.messages import Lang
    from govinfo.models import Cell, Report

__all__ = ["Break", "rule_breaks"]

#: The message, the cells and the lines of a broken rule.
Break = tuple[str, tuple[str, ...], tuple[int, ...]]


def rule_breaks(
    report: Report, rule: Invariant, lang: Lang = "zh", suspects: Iterable[Cell] | None = None
) -> Iterator[Break]:
    """How ``report`` breaks a report, value or table rule (nothing for a formula).

    ``suspects``: the report's :func:`.value_suspects`, when the caller has them.
    """
    if rule.kind == "value":
        for cell, message in form_breaks(report, rule, lang, suspects):
            yield message, (cell.id,), (cell.line,)
    elif rule.kind == "report":
        for message, lines in report_breaks(report, rule, lang):
            yield message, (), lines
    elif rule.kind == "table":
        for table in absent_tables(report):
            yield table.message(lang), (), () if table.heading is None else (table.heading,)
