"""Cross-year checks on one pair of reports, and the catalogue's harmonised indicators."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from importlib import resources

import attrs
import pytest

import govinfo
from govinfo.catalogue import build_catalogue, load_catalogue
from govinfo.checks.crossyear import (
    COPIED_FIGURES,
    REPEATED_PROSE,
    agency_key,
    copied_figures,
    crossyear_findings,
    crossyear_rule_ids,
    previous_year_findings,
    prose_prints,
    repeated_prose,
)
from govinfo.testing import consistent_values, render_report, shapes_for

AGENCY = "青禾县人民政府"
N6_CELL = "new.req.carried_in.natural_person"


def _report(year: int, seed: int, template: str = "new-2021") -> tuple[str, govinfo.Report]:
    values = consistent_values(template, random.Random(seed).randint, agency=AGENCY)
    text = render_report(values, template, shapes_for(template)[0], agency=AGENCY, year=year)
    return text, govinfo.parse(text)


def test_agency_key_drops_furniture_around_the_name() -> None:
    assert agency_key("#沐阳县人民政府") == "沐阳县人民政府"
    assert agency_key("本地目录:zwgk/202001/80576_平潭综合实验区") == "平潭综合实验区"
    assert agency_key("青禾县 人民政府（） ") == "青禾县人民政府"
    assert agency_key("2019") is None
    assert agency_key(None) is None


def test_the_rules_read_from_the_catalogue_are_those_with_last_years_cells() -> None:
    assert crossyear_rule_ids() == ("N6", "N7", "N11")


def test_previous_year_findings_are_those_check_gives_with_previous() -> None:
    _, last = _report(2021, 1)
    _, this = _report(2022, 2)
    mine = previous_year_findings(this, last)
    assert {f.code for f in mine} == {"N6", "N7"}
    full = [f for f in govinfo.check(this, previous=last) if f.code in crossyear_rule_ids()]
    assert mine == full
    # Two single figures that differ are a disagreement, not a figure counted twice:
    # no suspect, even when one side is 0 and the gap is the other side's value.
    assert all(f.suspects == () for f in mine if f.code == "N6")
    zero = attrs.evolve(this.cells[N6_CELL], value=Decimal(0), low=Decimal(0), high=Decimal(0))
    zeroed = attrs.evolve(this, cells={**this.cells, N6_CELL: zero})
    n6 = [f for f in previous_year_findings(zeroed, last) if f.code == "N6"]
    assert n6
    assert all(f.suspects == () and "重复计入" not in f.message for f in n6)
    # Without a carry-out row last year (an old table) N6 cannot run.
    _, old = _report(2018, 3, "old-2018")
    _, first = _report(2019, 4, "new-2019")
    assert previous_year_findings(first, old) == []


def test_prose_is_cut_at_top_level_headings_with_figures_masked() -> None:
    text = "\n".join(
        [
            "青禾县人民政府2022年政府信息公开工作年度报告",
            "一、总体情况",
            "2022年，本机关共收到申请12件，办结12件。全年未发生",
            "行政诉讼。",
            "（一）主动公开",
            "短句。",
            "二、主动公开政府信息情况",
            "规章 | 0 | 0 | 0",
            "三、存在的主要问题及改进情况",
            "政策解读形式还不够丰富；下一步将加以改进。",
        ]
    )
    sections = prose_prints(govinfo.parse(text).sections)
    assert [(s.ordinal, s.line) for s in sections] == [("一", 2), ("三", 9)]
    # Two sentences: the second is joined across the line break; "短句。" is too short.
    assert sections[0].lengths == (19, 10)  # "#年，本机关共收到申请#件，办结#件。"
    changed = text.replace("12件", "30件")
    assert prose_prints(govinfo.parse(changed).sections)[0].sentences == sections[0].sentences


def test_repeated_prose_is_reported_above_half() -> None:
    _, report = _report(2022, 1)
    sections = prose_prints(report.sections)
    assert sections
    findings = repeated_prose(sections, sections)
    assert [f.code for f in findings] == [REPEATED_PROSE] * len(sections)
    assert all(f.actual == 1 and f.severity is govinfo.Severity.WARNING for f in findings)
    half = attrs.evolve(
        sections[0],
        sentences=(*sections[0].sentences, 1),
        lengths=(*sections[0].lengths, sum(sections[0].lengths)),
    )
    assert repeated_prose([half], sections) == []  # exactly half is not more than half
    assert repeated_prose(sections, []) == []


def test_copied_figures_need_most_non_zero_figures_equal() -> None:
    _, last = _report(2021, 1)
    (copied,) = [f for f in crossyear_findings(last, last) if f.code == COPIED_FIGURES]
    assert copied.actual == 1
    assert set(copied.cells) <= set(last.cells)
    _, other = _report(2022, 2)
    assert copied_figures(other, last) is None
    # Fewer than min_cells figures compared: not judged.
    few = attrs.evolve(last, cells=dict(list(last.cells.items())[:5]))
    assert copied_figures(few, few) is None


def test_catalogue_harmonised_indicators() -> None:
    catalogue = load_catalogue()
    ids = [i.id for i in catalogue.indicators]
    assert len(ids) == len(set(ids)) >= 15
    new_only = {"requests_carried_in", "requests_carried_out"}
    for indicator in catalogue.indicators:
        for template in catalogue.templates:
            if not catalogue.cells_of(template.id):
                continue  # a form the catalogue keeps raw carries no indicator
            cells = indicator.cells_for(template)
            if template.family == "old" and indicator.id in new_only:
                assert cells == ()
                continue
            assert cells, (indicator.id, template.id)
            for cell_id in cells:
                assert template.id in catalogue.by_id[cell_id].templates
                assert catalogue.by_id[cell_id].unit == indicator.unit
    assert catalogue.crossyear.repeated_share == 0.5


def test_catalogue_refuses_an_indicator_of_unknown_cells() -> None:
    text = resources.files("govinfo.catalogue").joinpath("catalogue.json").read_text("utf-8")
    data = json.loads(text)
    data["harmonised"][0]["cells"]["old"] = ["old.no.such.cell"]
    with pytest.raises(govinfo.CatalogueError, match=r"old\.no\.such\.cell"):
        build_catalogue(data)
