"""Synthetic reports: consistent cell values for a template, faults, and rendered text.

Everything is driven by the catalogue: the rows a template prints, and its
invariants (read with the same compiled formulas the checks use). Values are
built top-down in catalogue order, where parents come before their rows:

- a total of an equality ``total = part + part …`` is split among its parts;
- cells an equality ties together (``申请答复数 = 申请办结数``) share one value;
- a cell under ``a ≤ b`` is drawn at most ``b``, and a ``sum ≥ total`` is topped up.

Random choices go through a ``choose(low, high)`` callable, so the same builder
serves Hypothesis strategies (:mod:`govinfo.strategies`) and seeded generators
(``make bench``). This module does not need Hypothesis.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govinfo.bodies import can_make_rules
from govinfo.catalogue import Kind, load_catalogue
from govinfo.checks import Comparison, compiled_rules
from govinfo.synth_new import NEW_TEMPLATES, new_values, render_new_tables

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from govinfo.catalogue import CellSpec

__all__ = [
    "NEW_TEMPLATES",
    "OLD_TEMPLATES",
    "TEMPLATES",
    "Fault",
    "Shape",
    "break_rule",
    "consistent_values",
    "render_report",
    "shapes_for",
]

OLD_TEMPLATES = ("old-2014", "old-2018", "old-shandong-county", "old-shandong-city")
TEMPLATES = OLD_TEMPLATES + NEW_TEMPLATES

# Largest value drawn for a root cell, by unit: sized like real county reports.
_TOP = {"条": 20000, "件": 400, "次": 300, "篇": 300, "个": 120, "人": 300, "人次": 3000}
_DEFAULT_TOP = 60


class Shape(enum.StrEnum):
    """Text shapes the parser reads."""

    #: One cell per line, each starting with a tab; blank lines between rows (seeds 000, 002, 004).
    TABBED = "tabbed"
    #: One cell per line, blank lines between cells, units mostly dropped (seed 001).
    PLAIN = "plain"
    #: 2019/2021 tables; ``规章 | 0 | 0 | 0`` rows, empty cells kept between pipes.
    PIPE = "pipe"
    #: 2019/2021 tables; pipe rows with a ``|---|`` separator under the first row.
    MARKDOWN = "markdown"
    #: 2019/2021 tables; one cell per line, a blank cell printed as ``/``.
    LINES = "lines"
    #: 2019/2021 tables; one cell per line with ``|`` lines between cells.
    LINES_PIPED = "lines_piped"
    #: 2019/2021 tables as PDF text; a row per line, numbers separated by spaces,
    #: a row split by a page break with its footer (``- 4 -``) in between.
    PDF = "pdf"


def shapes_for(template: str) -> tuple[Shape, ...]:
    """The shapes a template's table can be rendered in."""
    if template in OLD_TEMPLATES:
        return (Shape.TABBED, Shape.PLAIN)
    return (Shape.PIPE, Shape.MARKDOWN, Shape.LINES, Shape.LINES_PIPED, Shape.PDF)


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


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return str(value.normalize()) if value != value.to_integral_value() else str(int(value))


# Ordinal spellings seen in real tables for the same printed ordinal.
_ORDINAL_SPELLINGS = {".": (".", "、", "．"), "（": ("（", "("), "：": ("：", ":")}


def _printed(spec: CellSpec, template: str, choose: Callable[[int, int], int] | None) -> str:
    """Ordinal and label as printed; with ``choose``, in a spelling drawn from the aliases."""
    ordinal, label = spec.ordinal_for(template), spec.label_for(template)
    if choose is None:
        return ordinal + label
    # Another template's label is a cue for that template, so only true aliases are drawn.
    spellings = [label] + [
        a for a in spec.aliases if a != spec.label and a not in spec.label_variants.values()
    ]
    label = spellings[choose(0, len(spellings) - 1)]
    for mark, options in _ORDINAL_SPELLINGS.items():
        if mark in ordinal:
            chosen = options[choose(0, len(options) - 1)]
            ordinal = ordinal.replace(mark, chosen).replace("）", ")" if chosen == "(" else "）")
    return ordinal + label


def _rows(template: str) -> list[CellSpec]:
    return [c for c in load_catalogue().cells_of(template) if c.row is None]


def _table_tabbed(
    template: str,
    values: Mapping[str, Decimal | None],
    *,
    noise: bool,
    choose: Callable[[int, int], int] | None,
) -> list[str]:
    lines = ["\t统　计　指　标", "\t单位", "\t统计数", ""]
    for spec in _rows(template):
        label = _printed(spec, template, choose)
        if spec.kind is Kind.NOTE:
            if spec.parent is not None:
                # Printed as a second line of the label cell, without a tab (seed 000).
                lines.insert(len(lines) - 4, "         " + spec.label)
            else:
                lines.append(spec.label)
            continue
        unit = spec.unit if spec.kind.is_numeric else "——"
        value = _number(values.get(spec.id)) if spec.kind.is_numeric else ""
        lines += [f"\t{label}", f"\t{unit}", f"\t{value}", ""]
        if noise and spec.kind is Kind.HEADER:
            lines += ["[image: ]", ""]
    return lines


def _table_plain(
    template: str,
    values: Mapping[str, Decimal | None],
    *,
    noise: bool,
    choose: Callable[[int, int], int] | None,
) -> list[str]:
    cells = ["统 计 指 标", "单位", "统计数"]
    for spec in _rows(template):
        label = _printed(spec, template, choose)
        if spec.kind is Kind.NOTE:
            if spec.parent is None:
                cells.append(spec.label)
            continue
        if len(label) > 30:
            # A long label wraps over two lines, as in seed 001.
            cells += [label[:28], label[28:]]
        else:
            cells.append(label)
        if spec.kind.is_numeric:
            if spec.unit in {"万元", "人次"}:
                cells.append(spec.unit)
            value = _number(values.get(spec.id))
            if value:
                cells.append(value)
        if noise and spec.kind is Kind.HEADER:
            cells.append("- 2 -")
    lines: list[str] = []
    for cell in cells:
        lines += [cell, ""]
    return lines


def render_report(  # noqa: PLR0913 - keyword-only options
    values: Mapping[str, Decimal | None],
    template: str,
    shape: Shape = Shape.TABBED,
    *,
    agency: str = "青禾县人民政府",
    year: int = 2018,
    noise: bool = False,
    traditional: bool = False,
    spelling: Callable[[int, int], int] | None = None,
) -> str:
    """The text of a report whose statistics table prints ``values``.

    A title line, a short prose part (no figures), then the table of
    ``template`` in ``shape``; ``noise`` adds image lines and page footers;
    ``traditional`` converts the whole text to Traditional script (OpenCC);
    with ``spelling`` (a ``choose(low, high)``), labels and ordinals take
    spellings drawn from the catalogue's aliases and real tables (``1、``, ``(一)``).
    """
    if template in NEW_TEMPLATES:
        text = _new_report(values, template, shape, agency=agency, year=year, choose=spelling)
        return _to_traditional(text) if traditional else text
    lines = [
        f"{agency}{year}年政府信息公开工作年度报告",
        "一、概述",
        f"{year}年，{agency}依法做好政府信息公开工作。",
        "",
        "附件",
        "政府信息公开工作情况统计表",
        f"（{year}年度）",
    ]
    if template == "old-shandong-city":
        lines.append("（市级政府）")
    lines.append("")
    if shape is Shape.TABBED:
        lines += _table_tabbed(template, values, noise=noise, choose=spelling)
    else:
        lines += _table_plain(template, values, noise=noise, choose=spelling)
    lines += ["", "单位负责人：某某　　填报人：某某", ""]
    text = "\n".join(lines)
    return _to_traditional(text) if traditional else text


def _new_report(  # noqa: PLR0913 - the parts of one report
    values: Mapping[str, Decimal | None],
    template: str,
    shape: Shape,
    *,
    agency: str,
    year: int,
    choose: Callable[[int, int], int] | None,
) -> str:
    """A report in the six parts of the 2019/2021 format, with its three tables."""
    active, requests, appeals = render_new_tables(
        values, template, shape.value, choose or (lambda low, _high: low)
    )
    lines = [
        f"{agency}{year}年政府信息公开工作年度报告",
        "一、总体情况",
        f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。",
        "二、主动公开政府信息情况",
        *active,
        "三、收到和处理政府信息公开申请情况",
        *requests,
        "四、政府信息公开行政复议、行政诉讼情况",
        *appeals,
        "五、存在的主要问题及改进情况",
        "政策解读形式还不够丰富，下一步将加强培训和检查。",
        "六、其他需要报告的事项",
        "本机关无其他需要报告的事项。",
        "",
    ]
    return "\n".join(lines)


def _to_traditional(text: str) -> str:
    import opencc  # noqa: PLC0415 - only this option needs the converter

    converted: str = opencc.OpenCC("s2tw").convert(text)
    return converted
