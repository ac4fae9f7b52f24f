"""Prose against table (O17, N13): the comparisons a prose figure asks for.

A figure is filed under a subject (:mod:`govinfo.catalogue.subjects`); each
reading of the subject (a sum of cells) gives one comparison ``cells =
prose(subject)``, and the figure agrees with the table when one reading does. A
blank or unprinted 总计 cell is replaced by the other cells of its row (N3, N5
say the total is their sum), so ``予以公开及部分公开258件`` is compared with what
the table's columns add up to when its 总计 column is left blank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from govinfo.catalogue.formulas import Comparison, Term
from govinfo.catalogue.subjects import readings, total_parts

if TYPE_CHECKING:
    from collections.abc import Callable

    from govinfo.catalogue import Invariant
    from govinfo.models import Report

__all__ = ["best_reading", "prose_alternatives"]

# A comparison, or one compiled for a template (:class:`.intervals.Compiled`).
_T = TypeVar("_T")

# Outcome values in order of preference: a reading that agrees wins.
_PREFERENCE = ("pass", "not_evaluable", "fail")


def best_reading(
    group: tuple[_T, ...],
    decide: Callable[[_T], tuple[Any, ...] | None],
) -> tuple[_T, tuple[Any, ...], list[tuple[_T, tuple[Any, ...]]]] | None:
    """Of a figure's readings the one that agrees best, with the others when all fail.

    ``decide`` gives a comparison's outcome (an :class:`govinfo.Outcome`) first,
    then the sides' bounds. A group of
    one comparison (every rule but O17/N13) is simply decided; ``None`` when no
    comparison of the group can run.
    """
    if len(group) == 1:
        only = decide(group[0])
        return None if only is None else (group[0], only, [])
    decided = [(c, d) for c in group if (d := decide(c)) is not None]
    if not decided:
        return None
    comparison, best = min(decided, key=lambda pair: _PREFERENCE.index(pair[1][0].value))
    if best[0].value != "fail":
        return comparison, best, []
    return comparison, best, [(c, d) for c, d in decided if c is not comparison]


def _terms(cells: tuple[str, ...], report: Report) -> tuple[Term, ...]:
    terms: list[Term] = []
    for cell_id in cells:
        cell = report.cells.get(cell_id)
        parts = total_parts(cell_id, report.template or "")
        if (cell is None or cell.is_missing) and any(p in report.cells for p in parts):
            terms.extend(Term(1, part) for part in parts)
        else:
            terms.append(Term(1, cell_id))
    return tuple(terms)


def prose_alternatives(invariant: Invariant, report: Report) -> tuple[tuple[Comparison, ...], ...]:
    """Per prose figure whose cells the table prints, its comparisons, likeliest first.

    The ``index`` of a prose term counts the figures filed under the same
    subject before it, so each comparison reads its own figure.
    """
    found: list[tuple[Comparison, ...]] = []
    counts: dict[str, int] = {}
    template = report.template or ""
    for figure in report.prose:
        index = counts.get(figure.id, 0)
        counts[figure.id] = index + 1
        choices = []
        for cells in readings(figure.id, template, report.cells):
            if not any(c in report.cells for c in cells):
                continue  # a reading of cells the table does not print
            left = _terms(cells, report)
            text = invariant.formula.replace("{cell}", " + ".join(t.id for t in left), 1)
            text = text.replace("{cell}", figure.id)
            choices.append(Comparison(left, "=", (Term(1, figure.id, "prose", index),), text))
        if choices:
            found.append(tuple(choices))
    return tuple(found)
