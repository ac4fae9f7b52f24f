"""Generated reports as text: a title, prose and the statistics table in a shape.

Old tables are written one cell per line (tabbed, as seeds 000/002/004, or
plain, as seed 001); the 2019/2021 tables in the shapes of
``new_tables``. Labels and ordinals can take the spellings real tables use.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from govinfo.catalogue import Kind, load_catalogue
from govinfo.testing.new_tables import NEW_TEMPLATES, render_new_tables
from govinfo.testing.synth import OLD_TEMPLATES

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from decimal import Decimal

    from govinfo.catalogue import CellSpec

__all__ = ["Shape", "render_report", "shapes_for"]


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
