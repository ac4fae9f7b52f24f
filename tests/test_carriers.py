"""Carriers: encodings, HTML, DOCX and PDF give the report the text gives; refusals."""

from __future__ import annotations

import io
import random
import re
import zipfile
from typing import TYPE_CHECKING

import pytest

import govinfo
from govinfo.carriers import docx as docx_carrier
from govinfo.carriers import sniffing as carriers
from govinfo.testing import Shape, consistent_values, render_report
from govinfo.testing.carriers import render_docx, render_html, render_pdf, report_layout

if TYPE_CHECKING:
    from decimal import Decimal
    from pathlib import Path

    from .conftest import CorpusFinder

AGENCY = "青禾市人民政府"


def _values(template: str, seed: int = 3) -> dict[str, Decimal | None]:
    return consistent_values(template, random.Random(seed).randint, blanks=True, agency=AGENCY)


def _same_values(report: govinfo.Report, values: dict[str, Decimal | None]) -> None:
    assert {k: report.value(k) for k in values} == values
    assert report.unknown_rows == ()


TEXT = render_report(_values("old-2018"), "old-2018", Shape.TABBED, agency=AGENCY)


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "gbk", "gb18030"])
def test_every_encoding_gives_the_same_report(codec: str) -> None:
    expected = govinfo.parse(TEXT)
    report = govinfo.parse_bytes(TEXT.encode(codec), filename=f"report.{codec}.txt")
    assert report.cells == expected.cells
    assert report.template == "old-2018"


def test_big5_traditional_report() -> None:
    values = _values("new-2021")
    text = render_report(values, "new-2021", Shape.PIPE, agency=AGENCY, traditional=True)
    report = govinfo.parse_bytes(text.encode("big5hkscs"), filename="report.txt")
    _same_values(report, values)
    assert report.template == "new-2021"


def test_mojibake_is_refused() -> None:
    garbled = TEXT.encode("utf-8").decode("gbk", errors="replace").encode("utf-8")
    with pytest.raises(govinfo.InputError, match="mojibake"):
        govinfo.parse_bytes(garbled, filename="garbled.txt")


def test_binary_bytes_are_refused_as_binary_not_as_mojibake() -> None:
    for data in (b"\x00" * 100, b"\x00\x01\x02abc" * 100):
        with pytest.raises(govinfo.InputError, match=r"x\.txt: binary data .*U\+0000"):
            govinfo.parse_bytes(data, filename="x.txt")


@pytest.mark.parametrize("script_lines", [0, 1000])
def test_mojibake_html_is_refused_behind_long_scripts(script_lines: int) -> None:
    # CMS pages carry tens of kilobytes of script before the report: the check reads
    # the text the page shows, which markup would otherwise dilute below the threshold.
    page = render_html(report_layout(_values("old-2018"), "old-2018", agency=AGENCY, year=2022))
    script = "<script>" + "var visits = 1; function f(x) { return x + 1; }\n" * script_lines
    page = page.replace("<head>", "<head>" + script + "</script>")
    assert govinfo.parse_bytes(page.encode("utf-8"), filename="page.html").cells
    garbled = page.encode("utf-8").decode("gbk", errors="replace").encode("utf-8")
    with pytest.raises(govinfo.InputError, match=r"page\.html: the text reads as mojibake"):
        govinfo.parse_bytes(garbled, filename="page.html")


@pytest.mark.parametrize("template", ["old-2018", "old-shandong-city", "new-2019", "new-2021"])
def test_html_with_merged_cells(template: str) -> None:
    values = _values(template)
    page = render_html(report_layout(values, template, agency=AGENCY, year=2022))
    report = govinfo.parse_bytes(page.encode("utf-8"), filename="report.html")
    assert report.template == template
    _same_values(report, values)
    # Chrome, scripts and Word's conditional comments are not report text.
    assert not any("首页" in h.text or "visits" in h.text for h in report.headings)


def test_html_provenance_and_declared_charset() -> None:
    values = _values("new-2021")
    page = render_html(
        report_layout(values, "new-2021", agency=AGENCY, year=2022), charset="gb2312"
    )
    report = govinfo.parse_bytes(page.encode("gb18030"), filename="page")
    _same_values(report, values)
    cell = report.cells["new.req.received.business"]
    assert cell.place is not None
    assert (cell.place.carrier, cell.place.table) == ("html", 2)
    # Table 三's label column is three cells wide: 商业企业 is the fifth grid column.
    assert (cell.place.row, cell.place.column) == (4, 5)
    assert cell.place.line is not None
    assert page.splitlines()[cell.place.line - 1].startswith("<tr>")


def test_html_blank_and_nbsp_cells_are_missing() -> None:
    page = (
        "<html><body><p>某县人民政府2016年政府信息公开工作年度报告</p><table>"
        "<tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>"
        "<tr><td>（一）主动公开政府信息数</td><td>条</td><td>&nbsp;</td></tr>"
        "<tr><td>1.政府公报<br>公开政府信息数</td><td>条</td><td>0</td></tr>"
        "</table></body></html>"
    )
    report = govinfo.parse_bytes(page.encode(), filename="x.html")
    assert report.cells["old.active.total"].is_missing
    assert report.value("old.active.channel.gazette") == 0


@pytest.mark.parametrize("template", ["old-shandong-county", "new-2019", "new-2021"])
def test_docx_with_merged_cells(template: str) -> None:
    values = _values(template)
    data = render_docx(report_layout(values, template, agency=AGENCY, year=2022))
    report = govinfo.parse_bytes(data, filename="report.docx")
    assert report.template == template
    _same_values(report, values)
    place = next(iter(report.cells.values())).place
    assert place is not None
    assert place.carrier == "docx"
    assert place.table is not None


@pytest.mark.parametrize(
    ("template", "shape"), [("old-2014", Shape.PLAIN), ("new-2021", Shape.PDF)]
)
def test_pdf_text_across_pages(template: str, shape: Shape) -> None:
    values = _values(template)
    text = render_report(values, template, shape, agency=AGENCY)
    data = render_pdf([line for line in text.splitlines() if line.strip()], lines_per_page=30)
    report = govinfo.parse_bytes(data, filename="report.pdf")
    assert report.template == template
    _same_values(report, values)
    pages = {c.place.page for c in report.cells.values() if c.place is not None}
    assert len(pages) > 1


def test_pdf_without_text_is_refused() -> None:
    data = render_pdf([])
    with pytest.raises(govinfo.InputError, match="no text layer"):
        govinfo.parse_bytes(data, filename="scan.pdf")


def test_pdf_page_tree_naming_missing_pages() -> None:
    # A damaged page tree: /Count names two pages more than the file holds. The
    # pages that are there are read in full; the others are named in a diagnostic.
    values = _values("new-2021")
    text = render_report(values, "new-2021", Shape.PDF, agency=AGENCY)
    data = render_pdf([line for line in text.splitlines() if line.strip()], lines_per_page=30)
    held = int(re.findall(rb"/Count (\d+)", data)[0])
    damaged = re.sub(rb"/Count \d+", b"/Count %d" % (held + 2), data)
    report = govinfo.parse_bytes(damaged, filename="damaged.pdf")
    _same_values(report, values)
    notes = {d.code: d.message for d in report.diagnostics}
    assert notes["pdf-page-unreadable"].endswith(f"left out: {held + 1}, {held + 2}")


def test_pdf_page_limit() -> None:
    data = render_pdf(["一、概述"] * 60, lines_per_page=20)
    huge = re.sub(rb"/Count \d+", b"/Count 99999", data)
    with pytest.raises(govinfo.InputError, match=r"99999 pages, more than the 500"):
        govinfo.parse_bytes(huge, filename="huge.pdf")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("\ue000\ue001\ue002\ue003 12 \ue004", "does not map to readable characters"),
        ("Ã¤Â¸Â€Ã£Â€Â ÃƒÂ©Ã‚Â¨", "mojibake"),
    ],
)
def test_pdf_with_unreadable_fonts_is_refused(line: str, message: str) -> None:
    # Fonts without a usable ToUnicode map: a wrong number is worse than none.
    with pytest.raises(govinfo.InputError, match=message):
        govinfo.parse_bytes(render_pdf([line] * 10), filename="fonts.pdf")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, r"binary Word \.doc"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG image"),
        (_zip({"a.txt": b"x"}), "not a Word .docx"),
        (b"PK\x03\x04garbage", "damaged zip"),
    ],
)
def test_refusals_name_the_file_and_the_reason(data: bytes, message: str) -> None:
    with pytest.raises(govinfo.InputError, match=message) as info:
        govinfo.parse_bytes(data, filename="upload.bin")
    assert str(info.value).startswith("upload.bin: ")


def test_size_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(carriers, "MAX_BYTES", 100)
    with pytest.raises(govinfo.InputError, match="more than the 100"):
        govinfo.parse_bytes(b"x" * 101, filename="big.txt")
    monkeypatch.setattr(carriers, "MAX_BYTES", 10**6)
    monkeypatch.setattr(docx_carrier, "MAX_XML_BYTES", 10)
    bomb = _zip({"word/document.xml": b"0" * 1000})
    with pytest.raises(govinfo.InputError, match="decompression bomb"):
        govinfo.parse_bytes(bomb, filename="bomb.docx")


def test_parse_file_reads_every_carrier(tmp_path: Path) -> None:
    values = _values("new-2021")
    blocks = report_layout(values, "new-2021", agency=AGENCY, year=2022)
    for name, data in (
        ("r.html", render_html(blocks).encode()),
        ("r.docx", render_docx(blocks)),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        report = govinfo.parse_file(path)
        assert report.source == str(path)
        _same_values(report, values)


def test_a_page_body_without_html_or_table_tags_near_its_start_is_html_whatever_its_name(
    corpus: CorpusFinder,
) -> None:
    # A CMS article body starts with its paragraphs; crawlers name it .jsp or not at all.
    data = corpus("shanghai-gov-office-2019.html").read_bytes()
    assert not data.lstrip().lower().startswith((b"<html", b"<!doctype", b"<table"))
    for filename in (None, "content_123", "a.jsp", "a.xhtml"):
        report = govinfo.parse_bytes(data, filename=filename)
        assert report.template == "new-2019", filename
        assert len(report.cells) == 198, filename
    # Text that only mentions a tag or two stays text.
    text = "某县2020年政府信息公开工作年度报告\n网页中<br>标记不多。\n".encode()
    assert carriers.sniff(text, None) == "text"
