"""HTML and Word documents as they are made (#12, item 5), and encodings as pages are (item 6).

Layout tables with the report's tables nested in their cells, tables cut in two
with their header rows repeated, Word cells in content controls, values edited
with Track Changes: every cell is read. Pages whose declared charset contradicts
their bytes are read by their bytes, and a stray undecodable byte is replaced,
each with a diagnostic.
"""

from __future__ import annotations

import html
import io
import random
import zipfile
from typing import TYPE_CHECKING

import pytest

import govinfo
from govinfo.carriers.html import html_to_lines
from govinfo.testing import Shape, consistent_values, render_report, shapes_for
from govinfo.testing.carriers import render_docx, render_html, report_layout

if TYPE_CHECKING:
    from decimal import Decimal

AGENCY = "青禾市人民政府"
TEMPLATES = ["old-2018", "old-shandong-city", "new-2019", "new-2021"]


def _values(template: str, seed: int = 5) -> dict[str, Decimal | None]:
    return consistent_values(template, random.Random(seed).randint, blanks=True, agency=AGENCY)


def _every_cell(report: govinfo.Report, values: dict[str, Decimal | None]) -> None:
    assert {k: report.value(k) for k in values} == values
    assert report.unknown_rows == ()


@pytest.mark.parametrize("template", TEMPLATES)
def test_html_page_laid_out_in_one_big_table(template: str) -> None:
    values = _values(template)
    page = render_html(report_layout(values, template, agency=AGENCY, year=2022), layout=True)
    report = govinfo.parse_bytes(page.encode("utf-8"), filename="page.html")
    assert report.template == template
    _every_cell(report, values)


def test_nested_tables_come_out_as_their_own_grids() -> None:
    page = (
        "<html><body><table><tr><td>导航</td><td>"
        "<p>某县人民政府2016年政府信息公开工作年度报告</p>"
        "<table><tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>"
        "<tr><td>（一）主动公开政府信息数</td><td>条</td><td>120</td></tr></table>"
        "<p>附注</p></td></tr></table></body></html>"
    )
    converted = html_to_lines(page)
    assert converted.lines == (
        "导航",
        "某县人民政府2016年政府信息公开工作年度报告",
        "| 统计指标 | 单位 | 统计数 |",
        "| （一）主动公开政府信息数 | 条 | 120 |",
        "附注",
    )
    report = govinfo.parse_bytes(page.encode(), filename="page.html")
    cell = report.cells["old.active.total"]
    assert cell.value == 120
    assert cell.place is not None
    assert (cell.place.table, cell.place.row, cell.place.column) == (1, 2, 3)


@pytest.mark.parametrize(("template", "shape"), [(t, s) for t in TEMPLATES for s in shapes_for(t)])
def test_plain_text_report_published_in_a_pre_block(template: str, shape: Shape) -> None:
    values = _values(template)
    text = render_report(values, template, shape, agency=AGENCY)
    # The page's chrome on its first lines; the report's lines keep their line breaks.
    page = f"<html><body>\n<p>首页 &gt; 年度报告</p>\n<pre>{html.escape(text)}</pre></body></html>"
    report = govinfo.parse_bytes(page.encode("utf-8"), filename="page.html")
    assert report.template == template
    _every_cell(report, values)
    page_lines = page.split("\n")
    for cell in report.cells.values():
        if cell.is_missing or cell.place is None:
            continue
        # The place names the page line the value is printed on.
        assert cell.place.line is not None
        assert cell.raw in html.unescape(page_lines[cell.place.line - 1])


@pytest.mark.parametrize("template", TEMPLATES)
def test_html_tables_cut_in_two_with_header_rows_repeated(template: str) -> None:
    values = _values(template)
    blocks = report_layout(values, template, agency=AGENCY, year=2022)
    page = render_html(blocks, split=True, layout=template == "new-2021")
    assert page.count("<table>") > sum(isinstance(b, list) for b in blocks)
    report = govinfo.parse_bytes(page.encode("utf-8"), filename="page.html")
    assert report.template == template
    _every_cell(report, values)


# python-docx takes a second or two to write a report: each kind on one old and one
# new template, everything at once on all four.
@pytest.mark.parametrize(
    ("template", "made"),
    [
        *(
            (template, {kind: True})
            for template in ("old-shandong-city", "new-2021")
            for kind in ("layout", "content_controls", "tracked")
        ),
        *((t, {"layout": True, "content_controls": True, "tracked": True}) for t in TEMPLATES),
    ],
)
def test_word_documents_as_they_are_made(template: str, made: dict[str, bool]) -> None:
    values = _values(template)
    data = render_docx(report_layout(values, template, agency=AGENCY, year=2022), **made)
    report = govinfo.parse_bytes(data, filename="report.docx")
    assert report.template == template
    _every_cell(report, values)


def test_track_changes_read_the_accepted_text() -> None:
    values = _values("old-2018")
    data = render_docx(report_layout(values, "old-2018", agency=AGENCY, year=2022), tracked=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "<w:delText>" in xml
    assert "<w:ins " in xml
    report = govinfo.parse_bytes(data, filename="report.docx")
    # The deleted values (each one 7 more than the right one) are nowhere.
    for cell in report.cells.values():
        assert cell.raw == "" or cell.value == values[cell.id]


# Encodings as pages really are.


def _text() -> str:
    values = _values("old-2018")
    return render_report(values, "old-2018", Shape.TABBED, agency=AGENCY)


@pytest.mark.parametrize(("declared", "actual"), [("utf-8", "gb18030"), ("gb2312", "utf-8")])
def test_declared_charset_contradicted_by_the_bytes(declared: str, actual: str) -> None:
    values = _values("new-2021")
    page = render_html(
        report_layout(values, "new-2021", agency=AGENCY, year=2022), charset=declared
    )
    report = govinfo.parse_bytes(page.encode(actual), filename="page.html")
    _every_cell(report, values)
    [mismatch] = [d for d in report.diagnostics if d.code == "charset-mismatch"]
    assert mismatch.message.startswith(f"the page declares {declared} but its bytes are")


def test_big5_text_declared_gb2312_is_read_by_its_bytes() -> None:
    # GB18030 reads these Big5 bytes too, into noise: the bytes decide, not the first
    # codec that does not fail.
    values = _values("new-2021")
    text = render_report(values, "new-2021", Shape.PIPE, agency=AGENCY, traditional=True)
    report = govinfo.parse_bytes(f"charset=gb2312\n{text}".encode("big5hkscs"), filename="t.txt")
    _every_cell(report, values)
    assert "big5hkscs" in next(
        d.message for d in report.diagnostics if d.code == "charset-mismatch"
    )


def test_one_stray_byte_in_gb18030_text_is_replaced_with_its_place() -> None:
    text = _text()
    data = text.encode("gb18030")
    line = 7
    start = sum(len(x.encode("gb18030")) + 1 for x in text.split("\n")[: line - 1])
    at = start + len("（2018".encode("gb18030"))
    assert text.split("\n")[line - 1].startswith("（2018")
    broken = data[:at] + b"\xff" + data[at:]
    report = govinfo.parse_bytes(broken, filename="report.txt")
    assert report.cells == govinfo.parse(text).cells
    [stray] = [d for d in report.diagnostics if d.code == "stray-byte"]
    assert (stray.line, stray.column) == (line, len("（2018") + 1)
    assert "0xFF" in stray.message


def test_many_undecodable_bytes_are_still_refused() -> None:
    data = bytes(range(0x80, 0x100)) * 200
    with pytest.raises(govinfo.InputError, match=r"^junk\.txt: "):
        govinfo.parse_bytes(data, filename="junk.txt")
