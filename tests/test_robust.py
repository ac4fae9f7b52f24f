"""Whatever arrives: a report or a GovinfoError, in time and memory in proportion (#16).

One test per kind of failure the fuzzer found. Inputs that used to hang or blow
up memory run in a worker process under a CPU and a memory limit
(:func:`fuzz.worker.run_bounded`); they are sized so that the old, quadratic
behaviour would take hours, so the limits never decide a pass by a margin.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

import govinfo
from fuzz.worker import ERROR, REPORT, run_bounded
from govinfo import limits
from govinfo.carriers import docx as docx_carrier
from govinfo.cli import main
from govinfo.testing import Shape, consistent_values, render_report
from govinfo.testing.carriers import render_docx, report_layout

if TYPE_CHECKING:
    from pathlib import Path

AGENCY = "青禾县人民政府"
VALUES = consistent_values("old-2018", random.Random(3).randint, blanks=True, agency=AGENCY)
REPORT_TEXT = render_report(VALUES, "old-2018", Shape.TABBED, agency=AGENCY)
NEW_VALUES = consistent_values("new-2021", random.Random(3).randint, agency=AGENCY)
NEW_TEXT = render_report(NEW_VALUES, "new-2021", Shape.LINES, agency=AGENCY)
PROSE = "一、概述\n2018年，本县依法做好政府信息公开工作。\n"
GAZETTE_ROW = re.compile(r"1\.政府公报公开政府信息数\n\t条\n\t\d+\n")


def _inside_table(lines: str) -> str:
    """The report with ``lines`` printed after the 政府公报 row of its table."""
    return GAZETTE_ROW.sub(lambda m: m.group() + lines, REPORT_TEXT, count=1)


def _docx(document_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def _word(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )


def _tc(text: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _old_table_rows(extra: str = "") -> str:
    """The head of an old 统计表 as Word rows: header, 主动公开 total, 公报 count."""
    return (
        f"<w:tr>{_tc('统计指标')}{_tc('单位')}{_tc('统计数')}</w:tr>"
        f"<w:tr>{_tc('（一）主动公开政府信息数')}{_tc('条')}{_tc('120')}</w:tr>"
        f"<w:tr>{extra or _tc('1.政府公报公开政府信息数')}{_tc('条')}{_tc('7')}</w:tr>"
    )


# 1. A declared charset Python cannot use.


@pytest.mark.parametrize("charset", ["undefined", "rot13", "unicode_escape", "no-such-codec"])
def test_unusable_declared_charset_is_ignored_with_a_diagnostic(charset: str) -> None:
    text = f"<!-- charset={charset} -->\n" + REPORT_TEXT
    report = govinfo.parse_bytes(text.encode("gb18030"), filename="report.txt")
    assert report.value("old.req.closed") == VALUES["old.req.closed"]
    assert "charset-unknown" in {d.code for d in report.diagnostics}
    page = f'<html><head><meta charset="{charset}"></head><body><p>{PROSE}</p></body></html>'
    html_report = govinfo.parse_bytes(page.encode("utf-8"), filename="page.html")
    assert "charset-unknown" in {d.code for d in html_report.diagnostics}


# 2 and 3. Numbers of a million digits; values past Python's int-string limit.


def test_a_million_digits_in_prose_or_table_is_text_not_a_value() -> None:
    digits = "9" * 1_000_000
    text = REPORT_TEXT + f"\n本年度共受理政府信息公开申请{digits}件。\n"
    report = govinfo.parse(text)
    assert all(len(str(cell.value)) < 30 for cell in report.prose)
    assert govinfo.loads(govinfo.dumps(report)) == report
    in_table = REPORT_TEXT.replace(f"\n{VALUES['old.req.closed']}\n", f"\n{digits}\n", 1)
    report = govinfo.parse(in_table)
    assert govinfo.loads(govinfo.dumps(report)) == report


def test_max_digits_is_the_boundary() -> None:
    from govinfo.values import parse_value  # noqa: PLC0415

    longest = "1" * limits.MAX_DIGITS
    quantity = parse_value(longest)
    assert quantity is not None
    assert quantity.value == Decimal(longest)
    assert parse_value(longest + "1") is None
    assert parse_value("1" * 15 + "万") is not None


def test_dumps_writes_values_json_numbers_cannot_hold() -> None:
    huge = Decimal("7" * 5000)
    precise = Decimal("1.23456789012345678901")
    cells = {
        "old.req.closed": govinfo.Cell(
            id="old.req.closed",
            value=huge,
            low=precise,
            high=None,
            qualifier=govinfo.Qualifier.EXACT,
            unit="件",
            raw="7",
            line=1,
            column=1,
        )
    }
    report = govinfo.Report(cells=cells)
    assert govinfo.loads(govinfo.dumps(report)) == report
    assert json.loads(govinfo.dumps(report))["cells"]["old.req.closed"]["low"] == str(precise)


# 4 and 5. Word files python-docx could not read.


def test_docx_without_body_is_refused_naming_the_file() -> None:
    data = _docx(_word("").replace("<w:body></w:body>", "<w:bodx/>"))
    with pytest.raises(govinfo.InputError, match=r"^odd\.docx: .*no w:body"):
        govinfo.parse_bytes(data, filename="odd.docx")


def test_docx_of_a_zip_version_zipfile_does_not_read_is_refused_naming_the_file() -> None:
    # The central directory says "version 8.4 needed to extract": zipfile raises
    # NotImplementedError (a fuzz finding), which must reach the user as InputError.
    data = bytearray(_docx(_word("<w:p><w:r><w:t>x</w:t></w:r></w:p>")))
    entry = data.index(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = (84).to_bytes(2, "little")
    with pytest.raises(govinfo.InputError, match=r"^odd\.docx: .*zip file version 8\.4"):
        govinfo.parse_bytes(bytes(data), filename="odd.docx")


@pytest.mark.parametrize(
    "properties",
    ['<w:gridSpan w:val="abc"/>', '<w:gridSpan w:val="-3"/>', '<w:gridSpan w:val=""/>'],
)
def test_docx_unreadable_grid_span_counts_as_one(properties: str) -> None:
    rows = _old_table_rows(_tc("1.政府公报公开政府信息数", properties))
    report = govinfo.parse_bytes(_docx(_word(f"<w:tbl>{rows}</w:tbl>")), filename="a.docx")
    assert report.value("old.active.total") == 120
    assert report.value("old.active.channel.gazette") == 7


def test_docx_stray_vertical_merges_read_every_cell() -> None:
    merge = "<w:vMerge/>"
    wide = '<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>'
    rows = (
        # A merge continued in the first row: nothing above it.
        f"<w:tr>{_tc('统计指标', merge)}{_tc('单位')}{_tc('统计数')}</w:tr>"
        # A cell three columns wide, then a continuation under its second column.
        f"<w:tr>{_tc('说明', wide)}</w:tr>"
        f"<w:tr>{_tc('（一）主动公开政府信息数')}{_tc('条', merge)}{_tc('120')}</w:tr>"
        f"<w:tr>{_tc('1.政府公报公开政府信息数')}{_tc('条')}{_tc('7')}</w:tr>"
    )
    report = govinfo.parse_bytes(_docx(_word(f"<w:tbl>{rows}</w:tbl>")), filename="a.docx")
    assert report.value("old.active.total") == 120
    assert report.value("old.active.channel.gazette") == 7
    assert [d.code for d in report.diagnostics].count("merge-inconsistent") == 2


# 7. A long run of digits in the prose; 9. many tables; 10. output out of proportion;
# 11. huge spans; 12. a decompression bomb. Each under the fuzzer's limits.


def _docx_with_span(span: str) -> bytes:
    rows = _old_table_rows(_tc("1.政府公报公开政府信息数", f'<w:gridSpan w:val="{span}"/>'))
    return _docx(_word(f"<w:tbl>{rows}</w:tbl>"))


def test_inputs_that_hung_or_blew_up_now_end_in_time() -> None:
    pipes = " | ".join(f"未知事项{i} | {i}" for i in range(9000))
    inputs = {
        "digits.txt": (REPORT_TEXT + "\n" + "7" * 3_000_000 + "\n").encode(),
        "repeated.txt": (REPORT_TEXT + PROSE).encode() * 400,
        "long-label.txt": _inside_table("\t未知事项" + "很长" * 100_000 + "\n\t条\n\t5\n").encode(),
        "long-pipes.txt": _inside_table(f"| {pipes} |\n").encode(),
        "stray.txt": _inside_table("\t3\n" * 200_000).encode(),
        # One line of blanks: the heading patterns backtracked over it (minutes).
        "blanks.txt": (REPORT_TEXT + "\t\u3000 " * 100_000 + "\n").encode(),
        # A heading repeated along one line: each looked for its title's end to the
        # line's end.
        "headings.txt": (REPORT_TEXT + "二、主动公开政府信息情况" * 50_000 + "\n").encode(),
        # Label-only lines in a 2019/2021 table: each joined the whole label so far.
        "wrapped-new.txt": NEW_TEXT.replace(
            "（二）部分公开", "求缴纳费用、行政机关不再处理\n" * 20_000 + "（二）部分公开", 1
        ).encode(),
        # A pipe row of stray numbers in a 2019/2021 table: each number asked whether
        # its whole line was numbers only (30,000 cells: minutes).
        "stray-pipes.txt": NEW_TEXT.replace(
            "（三）不予公开\n", "（三）不予公开\n| " + " | ".join(["98"] * 30_000) + " |\n", 1
        ).encode(),
        "span.docx": _docx_with_span("10000000"),
        "span.html": (
            "<table><tr>"
            + '<td colspan="10000000" rowspan="10000000">x</td>' * 5000
            + "</tr>"
            + "<tr><td>y</td></tr>" * 2000
            + "</table>"
        ).encode(),
    }
    outcomes = dict(zip(inputs, run_bounded(inputs.items(), cpu_seconds=30), strict=True))
    assert {name: o.status for name, o in outcomes.items()} == dict.fromkeys(inputs, REPORT)
    for name, outcome in outcomes.items():
        # The report's JSON grows in proportion to the input (detail: "N cells, JSON L"):
        # at worst an unknown row of a few bytes keeps MAX_KEPT_TEXT of its line. It was
        # quadratic: each row of a long line kept the whole line.
        json_length = int(outcome.detail.rsplit(" ", 1)[1])
        assert json_length < 25 * len(inputs[name]) + 200_000, name


def test_unknown_rows_and_diagnostics_are_kept_in_proportion() -> None:
    report = govinfo.parse(_inside_table("\t未知事项" + "很长" * 3000 + "\n\t条\n\t5\n"))
    [row] = report.unknown_rows
    assert len(row.raw) == len(row.label) == limits.MAX_KEPT_TEXT
    assert row.raw.startswith("未知事项很长")
    kept = re.fullmatch(r"(.*)…\[\+(\d+)\]", row.raw)
    assert kept is not None
    assert len(kept[1]) + int(kept[2]) == len("未知事项" + "很长" * 3000)
    many = govinfo.UnknownRow(line=1, label="x", raw="x", cells=("1",) * 1000)
    assert len(many.cells) == limits.MAX_KEPT_CELLS
    assert many.cells[-1] == f"…[+{1000 - limits.MAX_KEPT_CELLS + 1} cells]"
    report = govinfo.parse(_inside_table("\t3\n" * 5000))
    codes = [d.code for d in report.diagnostics]
    assert codes.count("stray-value") == limits.MAX_DIAGNOSTICS_PER_CODE + 1
    [summary] = [d for d in report.diagnostics if d.code == "stray-value" and d.line is None]
    assert "(5000 in all)" in summary.message
    assert govinfo.loads(govinfo.dumps(report)) == report


def test_table_readers_stop_at_the_cell_limit_with_a_diagnostic() -> None:
    rows = limits.MAX_TABLE_CELLS // 3 + 10
    filler = "\t未知事项\t条\t5\n" * rows
    text = _inside_table(filler)
    report = govinfo.parse(text)
    [cut] = [d for d in report.diagnostics if d.code == "tables-cut"]
    assert cut.line is not None
    # A cell of the filler, past the limit.
    first = text[: text.index(filler)].count("\n") + 1
    assert first < cut.line < first + rows
    assert cut.text in {"未知事项", "条", "5"}
    assert "MAX_TABLE_CELLS" in cut.message
    assert len(report.unknown_rows) < limits.MAX_TABLE_CELLS // 3
    # The rows before the filler are read as before; none after it is invented.
    assert report.cells, "the rows above the cut are kept"
    for cell_id, cell in report.cells.items():
        assert cell.line is not None
        assert cell.line < cut.line
        assert cell.value == VALUES[cell_id]


def test_phrases_cut_from_run_together_text_count_toward_the_cell_limit() -> None:
    # Lines of header phrases run together are one cell each but hundreds of pieces
    # once cut at the phrases: a 6 MB fuzz input of them took 6.1 s. The pieces count.
    header = NEW_TEXT.index("复议后起诉\n") + len("复议后起诉\n")
    phrases = "结果维持 结果纠正 其他结果 尚未审结 总计 " * 100
    lines = limits.MAX_TABLE_CELLS // 500 + 100
    text = NEW_TEXT[:header] + (phrases + "\n") * lines + NEW_TEXT[header:]
    report = govinfo.parse(text)
    [cut] = [d for d in report.diagnostics if d.code == "tables-cut"]
    first = NEW_TEXT[:header].count("\n") + 1
    assert cut.line is not None
    assert first < cut.line < first + lines
    for cell_id, cell in report.cells.items():
        assert cell.value == NEW_VALUES[cell_id]


def test_a_digit_run_too_long_to_be_values_is_kept_raw_with_its_row() -> None:
    # 136 digits after a table 三 label cannot be its seven counts (nine digits each
    # at most): the row was read as printed blank, the digits dropped.
    text = NEW_TEXT.replace("（一）予以公开\n", "（一）予以公开" + "1" * 136 + "\n", 1)
    granted = text.index("（一）予以公开")
    rest = text.index("\n（二）", granted)
    report = govinfo.parse(text[:granted] + text[granted:].split("\n", 1)[0] + text[rest:])
    assert not any(c.startswith("new.req.granted.") for c in report.cells)
    [row] = [u for u in report.unknown_rows if u.label == "(一)予以公开"]
    assert row.cells[0].startswith("1" * 100)
    assert "7 columns" in row.reason


def test_a_cut_before_any_row_is_read_is_said_beside_no_table() -> None:
    # One pipe row of more cells than the limit: nothing is read, and the report
    # said only `no-table`, as if no table were printed.
    text = "\n".join(
        [
            "某区2021年度政府信息公开工作年度报告",
            "三、收到和处理政府信息公开申请情况",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "|" + " 0 |" * (limits.MAX_TABLE_CELLS + 1),
        ]
    )
    codes = {d.code: d for d in govinfo.parse(text).diagnostics}
    assert codes["tables-cut"].line == 4
    assert "no-table" in codes


def test_html_table_rows_past_the_cell_limit_are_cut_with_a_diagnostic() -> None:
    # 6 MB of such rows took 24 s (the fuzzer's over-time kinds at keep_unknown, read_row,
    # _make and _pipe_cells); the readers now stop at the limit.
    rows = "<tr><td>未知事项</td><td>条</td><td>5</td></tr>" * (limits.MAX_TABLE_CELLS // 3 + 10)
    page = (
        "<html><body><p>某县人民政府2016年政府信息公开工作年度报告</p><table>"
        "<tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>"
        "<tr><td>（一）主动公开政府信息数</td><td>条</td><td>120</td></tr>"
        f"{rows}</table></body></html>"
    )
    report = govinfo.parse_bytes(page.encode(), filename="page.html")
    assert report.value("old.active.total") == 120
    [cut] = [d for d in report.diagnostics if d.code == "tables-cut"]
    assert cut.text in {"未知事项", "条", "5"}
    assert len(report.unknown_rows) < limits.MAX_TABLE_CELLS // 3


def test_docx_spans_are_capped_and_rows_cut_with_a_diagnostic() -> None:
    data = _docx_with_span("10000000")
    converted = docx_carrier.docx_to_lines(data, "a.docx")
    assert max(len(line) for line in converted.lines) < 4 * limits.MAX_SPAN
    wide = _tc("x") * (limits.MAX_ROW_CELLS + 5)
    rows = _old_table_rows() + f"<w:tr>{wide}</w:tr>"
    report = govinfo.parse_bytes(_docx(_word(f"<w:tbl>{rows}</w:tbl>")), filename="w.docx")
    assert report.value("old.active.total") == 120
    assert "row-cut" in {d.code for d in report.diagnostics}


def test_docx_bomb_is_refused_on_what_is_unpacked() -> None:
    # 33 MB of document that packs to about 33 KB; its declared size is not trusted.
    xml = _word(" " * (limits.MAX_XML_BYTES + 1))
    with pytest.raises(govinfo.InputError, match=r"^bomb\.docx: .*decompression bomb"):
        govinfo.parse_bytes(_docx(xml), filename="bomb.docx")


def test_text_limits_raise_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from govinfo import api  # noqa: PLC0415

    monkeypatch.setattr(api, "MAX_TEXT_CHARS", 1000)
    with pytest.raises(govinfo.InputError, match=r"^big\.txt: \d+ characters"):
        govinfo.parse_bytes(REPORT_TEXT.encode(), filename="big.txt")
    monkeypatch.setattr(api, "MAX_TEXT_CHARS", 10**9)
    monkeypatch.setattr(api, "MAX_LINES", 10)
    with pytest.raises(govinfo.InputError, match=r"^tall\.txt: \d+ lines"):
        govinfo.parse_bytes(REPORT_TEXT.encode(), filename="tall.txt")


# Also: XHTML's prolog, and the path said once on the command line.


def test_xhtml_with_an_encoding_prolog_is_read() -> None:
    page = (
        '<?xml version="1.0" encoding="gb2312"?>\n<html><body><table>'
        "<tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>"
        "<tr><td>（一）主动公开政府信息数</td><td>条</td><td>120</td></tr>"
        "</table></body></html>"
    )
    report = govinfo.parse_bytes(page.encode("gb18030"), filename="page.xhtml")
    assert report.value("old.active.total") == 120


def test_command_line_names_the_file_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["parse", str(empty)], out=io.StringIO()) == 2
    assert capsys.readouterr().err.strip() == f"{empty}: empty file"


def test_every_error_of_parse_bytes_names_the_file() -> None:
    with pytest.raises(govinfo.ReportSyntaxError, match=r"^bin\.txt: binary data"):
        govinfo.parse_bytes(REPORT_TEXT.encode() + b"\x01\x02", filename="bin.txt")


def test_generated_docx_still_reads_as_before() -> None:
    values = consistent_values("new-2021", random.Random(8).randint, blanks=True, agency=AGENCY)
    data = render_docx(report_layout(values, "new-2021", agency=AGENCY, year=2022))
    outcomes = run_bounded([("r.docx", data), ("empty.txt", b"")], cpu_seconds=30)
    assert [o.status for o in outcomes] == [REPORT, ERROR]


def test_html_rows_past_the_cell_limit_are_cut_with_a_diagnostic() -> None:
    wide = "<td>x</td>" * (limits.MAX_ROW_CELLS + 5)
    page = (
        "<html><body><table><tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>"
        "<tr><td>（一）主动公开政府信息数</td><td>条</td><td>120</td></tr>"
        f"<tr>{wide}</tr></table></body></html>"
    )
    report = govinfo.parse_bytes(page.encode(), filename="wide.html")
    assert report.value("old.active.total") == 120
    [cut] = [d for d in report.diagnostics if d.code == "row-cut"]
    assert cut.message.startswith("row 3 of table 1 has more than")


def test_html_page_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from govinfo.carriers import html  # noqa: PLC0415

    monkeypatch.setattr(html, "MAX_MARKUP_CHARS", 100)
    page = "<html><body>" + "<p>政府信息公开</p>" * 50 + "</body></html>"
    with pytest.raises(govinfo.InputError, match=r"^big\.html: an HTML page of \d+ characters"):
        govinfo.parse_bytes(page.encode(), filename="big.html")


def test_docx_main_part_named_by_the_package_relationships() -> None:
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/>'
        "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document2.xml", _word(f"<w:tbl>{_old_table_rows()}</w:tbl>"))
    report = govinfo.parse_bytes(buffer.getvalue(), filename="online.docx")
    assert report.value("old.active.total") == 120
