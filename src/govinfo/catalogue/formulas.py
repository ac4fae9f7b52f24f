"""The catalogue's invariants as comparisons, parsed once with ``grammars/formula.lark``.

A formula such as ``new.req.total.{col} = new.req.granted.{col} + …`` is
expanded for every value of its ``for_each`` placeholders and parsed into
:class:`Comparison` records of signed :class:`Term` operands.
"""

from __future__ import annotations

import functools
import itertools
from typing import TYPE_CHECKING, cast

import attrs
from lark import Lark, Token, Transformer

from govinfo.catalogue import load_catalogue

if TYPE_CHECKING:
    from collections.abc import Iterator

    from govinfo.catalogue import Invariant

__all__ = ["Comparison", "Term", "compiled_rules"]


@attrs.frozen
class Term:
    """One operand of a formula: a cell, last year's cell or the prose's figure."""

    sign: int
    id: str
    kind: str = "cell"
    #: Which of the prose's figures for the cell (prose terms only).
    index: int = 0


@attrs.frozen
class Comparison:
    """``left relation right`` with its text after placeholder expansion."""

    left: tuple[Term, ...]
    relation: str
    right: tuple[Term, ...]
    text: str


class _FormulaTransformer(Transformer[Token, list[Comparison]]):
    def cell(self, items: list[Token]) -> Term:
        return Term(1, str(items[0]))

    def previous(self, items: list[Token]) -> Term:
        return Term(1, str(items[0]), "previous")

    def prose(self, items: list[Token]) -> Term:
        return Term(1, str(items[0]), "prose")

    def constant(self, items: list[Token]) -> Term:
        return Term(1, str(items[0]), "constant")

    def expr(self, items: list[Term | Token]) -> tuple[Term, ...]:
        terms: list[Term] = []
        sign = 1
        for item in items:
            if isinstance(item, Token):
                sign = -1 if item == "-" else 1
            else:
                terms.append(attrs.evolve(item, sign=sign))
        return tuple(terms)

    def comparison(self, items: list[tuple[Term, ...] | Token]) -> Comparison:
        left, relation, right = items
        if not isinstance(left, tuple) or not isinstance(right, tuple):  # pragma: no cover
            raise TypeError("malformed comparison")
        return Comparison(left, str(relation), right, "")

    def start(self, items: list[Comparison]) -> list[Comparison]:
        return items


@functools.cache
def _formula_parser() -> Lark:
    return Lark.open_from_package(
        "govinfo.grammars", "formula.lark", parser="lalr", transformer=_FormulaTransformer()
    )


def _expansions(invariant: Invariant) -> Iterator[str]:
    """The formula with every ``{placeholder}`` of ``for_each`` filled in."""
    names = [name for name, values in invariant.for_each.items() if values != "*"]
    pools = [list(invariant.for_each[name]) for name in names]
    for values in itertools.product(*pools):
        text = invariant.formula
        for name, value in zip(names, values, strict=True):
            text = text.replace("{" + name + "}", value)
        yield text


@functools.cache
def compiled_rules() -> tuple[tuple[Invariant, tuple[Comparison, ...]], ...]:
    """Every checkable invariant with its comparisons, parsed once per process.

    INFO rules (never a finding), ``{cell}`` rules over the prose (O17, N13,
    expanded per report by the engine) and the rules that are not formulas
    (report, value and table rules) are kept with no fixed comparisons.
    """
    rules = []
    for invariant in load_catalogue().invariants:
        comparisons: list[Comparison] = []
        arithmetic = invariant.kind == "arithmetic"
        if arithmetic and invariant.cls != "INFO" and invariant.for_each.get("cell") != "*":
            for text in _expansions(invariant):
                parsed = cast("list[Comparison]", _formula_parser().parse(text))
                for part, comparison in zip(text.split(";"), parsed, strict=True):
                    comparisons.append(attrs.evolve(comparison, text=part.strip()))
        rules.append((invariant, tuple(comparisons)))
    return tuple(rules)
