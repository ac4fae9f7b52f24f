"""The HTML report: structure (lxml) and, in headless Chromium, the page as drawn."""

from __future__ import annotations

import os
import random
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import lxml.html
import pytest
from PIL import Image

import govinfo
from govinfo.catalogue import load_catalogue
from govinfo.cli import main
from govinfo.testing import consistent_values
from govinfo.testing.carriers import render_docx, report_layout
from govinfo.testing.carriers import render_html as page_of
from govinfo.testing.render import render_report
from govinfo.testing.synth import TEMPLATES
from govinfo.visual import render_html
from govinfo.visual.assets import ERROR_COLOUR, WARNING_COLOUR
from govinfo.visual.browser import chromium, dump_dom, screenshot
from govinfo.visual.grids import grids

if TYPE_CHECKING:
    from pathlib import Path

    from lxml.html import HtmlElement

    from .conftest import CorpusFinder, SeedFinder

_AGENCY = "青禾市人民政府"


def _page(report: govinfo.Report, lang: str = "zh") -> HtmlElement:
    return lxml.html.fromstring(render_html(report, lang=lang))  # type: ignore[arg-type]


def _xpath(element: HtmlElement, expression: str) -> list[Any]:
    """An XPath query's results (lxml types them loosely)."""
    found = element.xpath(expression)
    assert isinstance(found, list)
    return found


def _cell(page: HtmlElement, cell_id: str) -> HtmlElement:
    [found] = _xpath(page, f'//td[@id="c-{cell_id}"]')
    return found


def _classes(element: HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def test_self_contained(seed: SeedFinder) -> None:
    html = render_html(govinfo.parse_file(seed("000")))
    page = lxml.html.fromstring(html)
    assert html.startswith("<!DOCTYPE html>")
    assert _xpath(page, "//link | //img | //iframe | //*[@src]") == []
    assert all(str(a.get("href")).startswith("#") for a in _xpath(page, "//a"))
    assert not re.search(r"https?://", "".join(_xpath(page, "//style/text() | //script/text()")))


def test_failing_cells_are_marked_and_linked_both_ways(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("000"))
    page = _page(report)
    items = _xpath(page, '//li[contains(@class, "finding")]')
    [o8] = [item for item in items if item.text_content().startswith("O8 ")]
    o8_id = o8.get("id")
    assert "O8 错误" in o8.text_content()
    assert "申请办结数 308 ≠ 按时办结数 299 + 延期办结数 11 = 310 (差 2)" in o8.text_content()
    for cell_id in ("old.req.closed", "old.req.closed.on_time", "old.req.closed.extended"):
        cell = _cell(page, cell_id)
        assert {"mark", "error"} <= _classes(cell)
        assert f"#{o8_id}" in [a.get("href") for a in _xpath(cell, ".//a")]
        assert f"#c-{cell_id}" in [a.get("href") for a in _xpath(o8, ".//a")]
    # Errors first, then warnings, then notes.
    order = ["error", "warning", "info"]
    ranks = [order.index(next(c for c in _classes(i) if c in order)) for i in items]
    assert ranks == sorted(ranks)
    assert ranks[0] == 0
    # Every error and warning cell of the report is marked, and no other.
    marked = {c.get("data-cell") for c in _xpath(page, '//td[contains(@class, "mark")]')}
    shown = {c for f in report.findings if f.severity.value != "info" for c in f.cells}
    assert marked == shown & set(report.cells)


def test_values_blanks_and_where_they_were_read(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("002"))
    page = _page(report)
    for cell in report.cells.values():
        td = _cell(page, cell.id)
        value = _xpath(td, './span[@class="value"]')[0].text
        where = _xpath(td, './span[@class="where"]')[0].text
        assert where == f"第{cell.line}行"
        if cell.is_missing:
            assert "blank" in _classes(td)
            assert value == (cell.raw.strip() or "（空）")
        else:
            assert value == cell.raw.strip()
    # A header row has no value by design: no cell is drawn for it.
    assert "old.active" not in report.cells
    assert _xpath(page, '//td[@data-cell="old.active"]') == []


def test_a_prose_contradiction_stands_beside_its_cell(seed: SeedFinder) -> None:
    page = _page(govinfo.parse_file(seed("000")))
    cell = _cell(page, "old.req.received")
    assert {"mark", "warning"} <= _classes(cell)
    [note] = _xpath(cell, './/a[@class="prose-note"]')
    assert note.text == "正文：308件（第30行）"


def test_layout_of_the_2021_tables(corpus: CorpusFinder) -> None:
    report = govinfo.parse_file(corpus("huaian-2024.pdf"))
    page = _page(report)
    [applicants] = _xpath(page, '//table[@class="table-三"]//th[text()="申请人情况"]')
    assert applicants.get("colspan") == "7"
    [results] = _xpath(page, '//table[@class="table-三"]//th[text()="三、本年度办理结果"]')
    assert results.get("rowspan") == "22"
    [appeals] = _xpath(page, '//table[@class="table-四"]')
    assert [th.text for th in _xpath(appeals, "./tr[1]/th")] == ["行政复议", "行政诉讼"]
    # A PDF value says its page and line.
    total = _cell(page, "new.req.total.total")
    place = report.cells["new.req.total.total"].place
    assert place is not None
    assert _xpath(total, './span[@class="where"]')[0].text == f"第{place.page}页 第{place.line}行"
    licensing = _cell(page, "new.active.licensing.decisions")
    assert licensing.xpath('./span[@class="value"]')[0].text == "447228"


def test_a_table_not_read_is_said_on_the_page() -> None:
    values = consistent_values("new-2021", random.Random(11).randint, agency=_AGENCY)
    text = render_report(values, "new-2021", agency=_AGENCY, year=2022)
    start = text.index("三、收到和处理政府信息公开申请情况")
    end = text.index("四、政府信息公开行政复议、行政诉讼情况")
    page = _page(govinfo.parse(text[:start] + text[end:]))
    [partial] = _xpath(page, '//p[@class="outcome unchecked"]')
    assert partial.text == "统计表只读出一部分（表三未读出），检查不完整"
    # Its cells are drawn as not printed, and T1 says it once.
    assert "absent" in _classes(_cell(page, "new.req.total.total"))
    assert [li.get("class") for li in _xpath(page, "//li[contains(., 'T1')]")] == [
        "finding warning"
    ]


_CARRIERS = ["text", "html", "docx"]


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("carrier", _CARRIERS)
def test_every_template_and_carrier_draws_every_cell(template: str, carrier: str) -> None:
    values = consistent_values(template, random.Random(4).randint, agency=_AGENCY)
    year = 2022 if template == "new-2021" else 2019 if template == "new-2019" else 2018
    if carrier == "text":
        report = govinfo.parse(render_report(values, template, agency=_AGENCY, year=year))
    else:
        blocks = report_layout(values, template, agency=_AGENCY, year=year)
        data = render_docx(blocks) if carrier == "docx" else page_of(blocks).encode()
        report = govinfo.parse_bytes(data, filename=f"report.{carrier}")
    page = _page(report)
    drawn = [td.get("data-cell") for td in _xpath(page, "//td[@data-cell]")]
    # Every cell read is drawn once, with its value (or blank).
    assert set(report.cells) <= set(drawn)
    assert len(drawn) == len(set(drawn))
    layout = {c for g in grids(template) for r in g.rows for c in r.cells if c}
    numeric = {c.id for c in load_catalogue().cells_of(template) if c.kind.is_numeric}
    assert numeric <= layout | set(report.cells)


def test_a_report_without_a_table(seed: SeedFinder) -> None:
    page = _page(govinfo.parse_file(seed("003")))
    assert _xpath(page, '//p[contains(@class, "unchecked")]')[0].text == "未识别统计表，未作检查"
    assert _xpath(page, "//td[@data-cell]") == []


def test_check_writes_the_page(tmp_path: Path) -> None:
    values = consistent_values("old-2018", random.Random(5).randint, agency=_AGENCY)
    values["old.req.closed"] = (values["old.req.closed"] or Decimal(0)) + 7
    source = tmp_path / "report.txt"
    source.write_text(render_report(values, "old-2018", agency=_AGENCY, year=2018))
    target = tmp_path / "report.html"
    assert main(["check", "--quiet", "--html", str(target), str(source)]) == 1
    page = lxml.html.fromstring(target.read_text("utf-8"))
    assert {"mark", "error"} <= _classes(_cell(page, "old.req.closed"))


_BROWSER = chromium() is not None


def _need_browser() -> None:
    if not _BROWSER:
        if os.environ.get("GOVINFO_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is not installed: run `make browser`")
        pytest.skip("chromium is not installed (make browser)")


def _rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


@pytest.mark.parametrize("source", ["seed:000", "corpus:hongze-2024.pdf"])
def test_in_chromium_the_marked_cells_are_drawn_highlighted(
    source: str, seed: SeedFinder, corpus: CorpusFinder, tmp_path: Path
) -> None:
    """Seed 000 (errors O8, O9, O10) and a 2021 PDF (N13) as Chromium draws them."""
    _need_browser()
    kind, name = source.split(":")
    report = govinfo.parse_file(seed(name) if kind == "seed" else corpus(name))
    path = tmp_path / "report.html"
    path.write_text(render_html(report), "utf-8")
    dom = cast("HtmlElement", lxml.html.fromstring(dump_dom(path, height=3000)))
    marked: list[HtmlElement] = _xpath(dom, '//td[contains(@class, "mark")]')
    expected = {c for f in report.findings if f.severity.value != "info" for c in f.cells}
    assert {td.get("data-cell") for td in marked} == expected & set(report.cells)
    # The script ran after layout: each marked cell is measured and visible.
    assert _xpath(dom, "//body/@data-measured") == [str(len(marked))]
    assert all(td.get("data-visible") == "1" for td in marked)
    image = Image.open(screenshot(path, tmp_path / "page.png", height=3000)).convert("RGB")
    checked = 0
    for td in marked:
        errors = [f for f in report.findings if td.get("data-cell") in f.cells]
        error = any(f.severity is govinfo.Severity.ERROR for f in errors)
        colour = _rgb(ERROR_COLOUR if error else WARNING_COLOUR)
        assert td.get("data-background") == "rgb({}, {}, {})".format(*colour)
        x, y, width, height = map(int, str(td.get("data-rect")).split(","))
        if y + height <= image.height:
            # Inside the cell's padding, away from its text: the highlight colour.
            assert image.getpixel((x + 3, y + 3)) == colour, td.get("data-cell")
            assert image.getpixel((x + width - 3, y + height - 3)) == colour
            checked += 1
    assert checked == len(marked)
