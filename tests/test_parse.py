"""parse() on hand-written table shapes, damage and bad input."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

import govinfo

if TYPE_CHECKING:
    from pathlib import Path

# One cell per line, no units, blank lines between cells (the shape of seed 001),
# with a pre-2014 local row the catalogue does not know, a wrapped label and a
# row whose value is absent.
UNTABBED = """\
某某县人民政府2016年政府信息公开工作年度报告

一、概述

统计指标

单位

统计数

一、主动公开情况

(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)

120

否决公开答复总数

3

(二)通过不同渠道和方式公开政府信息的情况

1.政府公报公开政府信息数

2.政府网站公开政府信息数

100

八、机构建设和保障经费情况

(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维

护等方面的经费)

万元

2.5
"""

# Tab-prefixed cells (seeds 000/002/004), a note on a row of its own and a
# repeated row.
TABBED = (
    "\t统　计　指　标\n\t单位\n\t统计数\n\n"
    "\t一、主动公开情况\n\t-\n\t\u3000\n\n"
    "\t（一）主动公开政府信息数\n\t条\n\t14\n\n"
    "\t（不同渠道和方式公开相同信息计1条）\n\t\n\t\n\n"
    "\t其中：主动公开规范性文件数\n\t条\n\t２\n\n"
    "\t（一）主动公开政府信息数\n\t条\n\t15\n\n"
    "单位负责人：张三　　填报人：李四\n"
)


def test_untabbed_shape() -> None:
    report = govinfo.parse(UNTABBED, source="untabbed")
    assert report.source == "untabbed"
    assert (report.agency, report.year) == ("某某县人民政府", 2016)
    assert report.value("old.active.total") == Decimal(120)
    assert report.cells["old.active.total"].line == 15
    gazette = report.cells["old.active.channel.gazette"]
    assert gazette.is_missing
    assert gazette.line == 23
    assert report.value("old.active.channel.website") == Decimal(100)
    budget = report.cells["old.org.budget"]
    assert budget.value == Decimal("2.5")
    assert (budget.unit, budget.line) == ("万元", 37)
    assert "护等方面的经费" in budget.label


def test_unknown_row_is_kept_raw_with_its_line() -> None:
    report = govinfo.parse(UNTABBED)
    [row] = report.unknown_rows
    assert (row.line, row.label, row.cells) == (17, "否决公开答复总数", ("3",))
    assert row.section == "一、主动公开情况"


def test_tabbed_shape_notes_and_duplicates() -> None:
    report = govinfo.parse(TABBED)
    assert report.value("old.active.total") == Decimal(14)
    published = report.cells["old.active.normative_published"]
    assert (published.value, published.raw, published.column) == (Decimal(2), "２", 2)
    # The second 主动公开政府信息数 row is not dropped: it is kept raw and named.
    [duplicate] = report.unknown_rows
    assert duplicate.reason == "duplicate of old.active.total"
    assert duplicate.cells == ("条", "15")
    assert "old.active" not in report.cells  # a header row without a value


def test_report_without_a_table_has_a_diagnostic() -> None:
    report = govinfo.parse("一、概述\n今年我区共受理申请12件。")
    assert report.template is None
    assert report.cells == {}
    assert [d.code for d in report.diagnostics] == ["no-table"]


@pytest.mark.parametrize("text", ["", "\n\n", "统计指标", "一、主动公开情况", "12\n13", "-"])
def test_degenerate_text_gives_an_empty_report_that_says_so(text: str) -> None:
    report = govinfo.parse(text)
    # Nothing is invented: no cell, no template, no finding; the absence is said.
    assert (report.cells, report.template, report.findings) == ({}, None, ())
    assert [d.code for d in report.diagnostics] == ["no-table"]


def test_binary_text_is_refused_with_its_location() -> None:
    text = "第一行\n第二\x00行"
    with pytest.raises(govinfo.ReportSyntaxError) as info:
        govinfo.parse(text)
    error = info.value
    assert (error.line, error.column) == (2, 3)
    assert str(error).endswith("(at line 2, column 3)")
    assert "第二" in str(error)
    assert isinstance(error, govinfo.GovinfoError)


def test_a_number_before_any_row_is_an_error_at_its_place() -> None:
    # Cells belong to the row label above them; one with no row above cannot be read.
    text = "统计指标\n单位\n统计数\n  123\n一、主动公开情况\n条\n5\n"
    with pytest.raises(govinfo.ReportSyntaxError) as info:
        govinfo.parse(text)
    assert (info.value.line, info.value.column) == (4, 3)
    assert str(info.value) == "unexpected line in the table: '  123' (at line 4, column 3)"


def test_parse_file_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for path, message in [
        (empty, "empty file"),
        (tmp_path / "absent.txt", "cannot read"),
    ]:
        with pytest.raises(govinfo.InputError, match=message):
            govinfo.parse_file(path)


def test_parse_file_drops_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + UNTABBED.encode())
    report = govinfo.parse_file(path)
    assert report.source == str(path)
    assert report.value("old.active.total") == Decimal(120)


def test_old_table_as_pipe_rows() -> None:
    text = "\n".join(
        [
            "某县人民政府2016年政府信息公开工作年度报告",
            "| 统计指标 | 单位 | 统计数 |",
            "| 一、主动公开情况 | —— | |",
            "| （一）主动公开政府信息数 | 条 | 120 |",
            "| 其中：主动公开规范性文件数 | 条 | |",
            "| 否决公开答复总数 | 件 | 3 |",
        ]
    )
    report = govinfo.parse(text)
    total = report.cells["old.active.total"]
    assert (total.value, total.raw, total.line, total.column) == (Decimal(120), "120", 4, 22)
    assert total.label == "（一）主动公开政府信息数"
    assert report.cells["old.active.normative_published"].is_missing
    [row] = report.unknown_rows
    assert (row.label, row.cells) == ("否决公开答复总数", ("件", "3"))


def test_table_whose_first_rows_are_groups() -> None:
    # Damaged or truncated at the top: no 一、 section row before （一）.
    report = govinfo.parse(
        "统计指标\n单位\n统计数\n（一）主动公开政府信息数\n条\n7\n1.政府公报公开政府信息数\n条\n0"
    )
    assert report.value("old.active.total") == Decimal(7)
    assert report.value("old.active.channel.gazette") == Decimal(0)
