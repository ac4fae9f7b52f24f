"""Generate invented old-template reports for the benchmark.

The rows come from the catalogue shipped with govinfo, so the generated tables follow
whatever the parser is meant to recognise. Agencies and numbers are made up.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal, cast

OLD_TEMPLATES = ("old-2014", "old-2018", "old-shandong-county", "old-shandong-city")
ROW_KINDS = frozenset({"H", "V", "W", "N"})

Shape = Literal["tab", "plain"]
SHAPES: tuple[Shape, ...] = ("tab", "plain")

# Units that seed 001 keeps in its one-cell-per-line table; it drops all the others.
PLAIN_SHAPE_UNITS = frozenset({"万元", "人次"})

_SECTION = re.compile(r"[一二三四五六七八九十]+、")
_SYLLABLES = "青禾云溪松岚澄柳桐泽梧苇荻蓼槐樟杉棠芦蒲"

_PREAMBLE = (
    "本报告依照《中华人民共和国政府信息公开条例》编写，统计时段为{year}年1月1日至12月31日。",
    "一、概述",
    "{year}年，{agency}围绕年度政务公开工作要点，健全工作机制，依法做好主动公开和依申请公开工作。",
    "二、主动公开政府信息情况",
    "以政府门户网站为主要渠道，同步通过政务微博、政务微信等途径发布信息，重点领域信息按时公开。",
    "三、依申请公开政府信息情况",
    "申请均在法定期限内答复，答复文书经合法性审核后送达。",
    "四、存在的主要问题和改进措施",
    "部分栏目更新不够及时，政策解读形式还需丰富。下一年将加强检查通报和业务培训。",
)


@dataclass(frozen=True)
class Row:
    """One printed row of an old statistics table, as a given template prints it."""

    id: str
    ordinal: str
    label: str
    unit: str
    kind: str
    parent: str | None


def load_catalogue() -> list[dict[str, object]]:
    """Return the cell entries of the catalogue installed with govinfo."""
    source = resources.files("govinfo.data") / "catalogue.json"
    data = cast("dict[str, object]", json.loads(source.read_text(encoding="utf-8")))
    return cast("list[dict[str, object]]", data["cells"])


def rows_for(template: str, cells: list[dict[str, object]]) -> list[Row]:
    """Return the rows ``template`` prints, in catalogue order, with its own labels."""
    rows: list[Row] = []
    for cell in cells:
        templates = cast("list[str]", cell["templates"])
        kind = cast("str", cell["kind"])
        if template not in templates or kind not in ROW_KINDS:
            continue
        labels = cast("dict[str, str]", cell.get("label_variants", {}))
        ordinals = cast("dict[str, str]", cell.get("ordinal_variants", {}))
        rows.append(
            Row(
                id=cast("str", cell["id"]),
                ordinal=ordinals.get(template, cast("str", cell["ordinal"])),
                label=labels.get(template, cast("str", cell["label"])),
                unit=cast("str", cell["unit"]),
                kind=kind,
                parent=cast("str | None", cell["parent"]),
            )
        )
    return rows


def _leaf_value(rng: random.Random, unit: str) -> int | float:
    if unit == "万元":
        return round(rng.uniform(0, 50), 1)
    if unit in {"条", "人次"}:
        return rng.randint(0, 5000)
    return rng.randint(0, 60)


def invent_values(rng: random.Random, rows: list[Row]) -> dict[str, str]:
    """Return printed values for the value rows: sums mostly add up, a few cells are blank."""
    values: dict[str, int | float] = {
        row.id: _leaf_value(rng, row.unit) for row in rows if row.kind in {"V", "W"}
    }
    children: dict[str, list[Row]] = {}
    for row in rows:
        if row.parent is not None and row.id in values:
            children.setdefault(row.parent, []).append(row)
    # Children follow their parent in catalogue order, so walking backwards settles
    # every sum before it is used by the row above.
    for row in reversed(rows):
        parts = children.get(row.id, [])
        if row.id not in values or not parts:
            continue
        if len(parts) == 1 and parts[0].kind == "W":
            # A single 其中 row is a part of its parent, not a breakdown of it.
            values[parts[0].id] = rng.randint(0, int(values[row.id]))
        else:
            values[row.id] = sum(values[part.id] for part in parts)
    printed = {key: str(value) for key, value in values.items()}
    for key in printed:
        roll = rng.random()
        if roll < 0.02:
            printed[key] = ""
        elif roll < 0.03:
            printed[key] = "——"
    return printed


def invent_agency(rng: random.Random, template: str) -> str:
    """Return an invented agency name of the level the template is made for."""
    name = "".join(rng.sample(_SYLLABLES, 2))
    if template == "old-shandong-city":
        return f"{name}市人民政府"
    return f"{name}{rng.choice('县区')}人民政府"


def _indent(row: Row) -> str:
    if not row.ordinal or row.ordinal == "其中：":
        return "      "
    if _SECTION.match(row.ordinal) or row.ordinal.startswith("（"):
        return ""
    return "    "


def _tab_table(rows: list[Row], values: dict[str, str]) -> list[str]:
    lines = ["\t统　计　指　标", "\t单位", "\t统计数", ""]
    footnotes: list[str] = []
    for row in rows:
        if row.kind == "N":
            if row.parent is None:
                footnotes.append(row.label)
            else:
                # Continuation line of the label cell, printed without the tab (seed 000).
                lines.insert(len(lines) - 3, "         " + row.label)
            continue
        if row.kind == "H":
            unit, value = "——", ""
        else:
            unit, value = row.unit, values[row.id]
        lines += [f"\t{_indent(row)}{row.ordinal}{row.label}", f"\t{unit}", f"\t{value}", ""]
    return lines + footnotes


def _plain_table(rows: list[Row], values: dict[str, str]) -> list[str]:
    cells = ["统 计 指 标", "单位", "统计数"]
    footnotes: list[str] = []
    label_cell = 0
    for row in rows:
        if row.kind == "N":
            if row.parent is None:
                footnotes.append(row.label)
            else:
                # Seed 001 prints the note inside the label cell.
                cells[label_cell] += row.label
            continue
        label_cell = len(cells)
        cells.append(row.ordinal + row.label)
        if row.kind == "H":
            continue
        if row.unit in PLAIN_SHAPE_UNITS:
            cells.append(row.unit)
        if values[row.id]:
            cells.append(values[row.id])
    lines: list[str] = []
    for cell in cells:
        lines += [cell, ""]
    return lines + footnotes


def render_report(rng: random.Random, template: str, shape: Shape, rows: list[Row]) -> str:
    """Return the text of one invented report of ``template`` with its table in ``shape``."""
    agency = invent_agency(rng, template)
    year = rng.randint(2014, 2017) if template == "old-2014" else 2018
    values = invent_values(rng, rows)
    lines = [f"{agency}{year}年政府信息公开工作年度报告"]
    lines += [line.format(agency=agency, year=year) for line in _PREAMBLE]
    lines += ["", "附件", rng.choice(["政府信息公开情况统计表", "政府信息公开工作情况统计表"]), ""]
    lines += [f"（{year}年度）", ""]
    if template == "old-shandong-city":
        lines += ["（市级政府）", ""]
    table = _tab_table(rows, values) if shape == "tab" else _plain_table(rows, values)
    lines += table
    lines += ["", "单位负责人：某某　　审核人：某某　　填报人：某某", ""]
    return "\n".join(lines)


def generate(count: int, seed: int) -> list[str]:
    """Return ``count`` reports, cycling through the old templates and the two table shapes."""
    rng = random.Random(seed)
    cells = load_catalogue()
    rows = {template: rows_for(template, cells) for template in OLD_TEMPLATES}
    reports: list[str] = []
    for index in range(count):
        template = OLD_TEMPLATES[index % len(OLD_TEMPLATES)]
        # Alternate the shape every full cycle so that each template gets both shapes.
        shape = SHAPES[(index // len(OLD_TEMPLATES)) % len(SHAPES)]
        reports.append(render_report(rng, template, shape, rows[template]))
    return reports
