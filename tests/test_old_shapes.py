"""The old 统计表 as real reports print it: PDF text, carriers, misprints, provincial forms."""

from __future__ import annotations

from typing import TYPE_CHECKING

import govinfo
from govinfo.testing.carriers import (
    Merged,
    render_docx,
    render_html,
    render_pdf,
    render_pdf_by_column,
)

if TYPE_CHECKING:
    from decimal import Decimal

TITLE = "某县人民政府2017年政府信息公开工作年度报告"
ROWS = [
    ("统计指标", "单位", "统计数"),
    ("一、主动公开情况", "——", "141783"),
    ("（一）主动公开政府信息数", "条", "120"),
    ("其中：主动公开规范性文件数", "条", "3"),
    ("三、依申请公开情况", "——", ""),
    ("（一）收到申请数", "件", "5"),
    ("1.当面申请数", "件", "2"),
    ("四、行政复议数量", "件", "1"),
    ("五、行政诉讼数量", "件", "0"),
]
EXPECTED = {
    "old.active.total": 120,
    "old.active.normative_published": 3,
    "old.req.received": 5,
    "old.req.received.in_person": 2,
    "old.review.total": 1,
    "old.suit.total": 0,
}


def _values(report: govinfo.Report) -> dict[str, Decimal | None]:
    return {k: report.value(k) for k in EXPECTED}


def _header_value(report: govinfo.Report) -> None:
    header = report.cells["old.active"]
    assert header.value == 141783
    assert "value_on_header" in header.flags


def test_pdf_text_rows_label_unit_value() -> None:
    lines = [TITLE, "政府信息公开情况统计表", *(" ".join(c for c in row if c) for row in ROWS)]
    report = govinfo.parse("\n".join(lines))
    assert report.template == "old-2018"
    assert _values(report) == EXPECTED
    _header_value(report)
    assert report.unknown_rows == ()


def test_pdf_text_rows_without_the_unit_column_and_a_note_below_a_label() -> None:
    lines = [
        TITLE,
        "统计指标 统计数",
        "一、主动公开情况",
        "（一）主动公开政府信息数 120",
        "（不同渠道和方式公开相同信息计1条）",
        "其中：主动公开规范性文件数 3",
        "四、行政复议数量 1",
    ]
    report = govinfo.parse("\n".join(lines))
    assert report.value("old.active.total") == 120
    assert report.value("old.active.normative_published") == 3
    assert report.value("old.review.total") == 1
    assert report.cells["old.active.total"].unit == "条"


def test_real_pdf_of_the_old_table() -> None:
    lines = [TITLE, "政府信息公开情况统计表", *("  ".join(c for c in row if c) for row in ROWS)]
    report = govinfo.parse_bytes(render_pdf(lines), filename="old.pdf")
    assert _values(report) == EXPECTED
    _header_value(report)
    assert report.cells["old.active.total"].place is not None


def test_html_and_docx_read_the_value_on_a_section_row() -> None:
    table = [[Merged(text) for text in row] for row in ROWS]
    blocks: list[str | list[list[Merged]]] = [TITLE, table]
    for report in (
        govinfo.parse_bytes(render_html(blocks).encode("utf-8"), filename="old.html"),
        govinfo.parse_bytes(render_docx(blocks), filename="old.docx"),
    ):
        assert _values(report) == EXPECTED
        _header_value(report)


def test_a_paragraph_after_the_table_repeating_a_label_does_not_replace_its_value() -> None:
    lines = [
        TITLE,
        *(" ".join(c for c in row if c) for row in ROWS),
        "单位负责人：某某 填报人：某某",
        "（一）主动公开政府信息数 条 999",
    ]
    report = govinfo.parse("\n".join(lines))
    assert report.value("old.active.total") == 120


def test_a_misprinted_old_label_is_placed_between_its_neighbours() -> None:
    lines = [
        TITLE,
        "统计指标 单位 统计数",
        "三、依申请公开情况",
        "（一）收到申请数 件 5",
        "1.当面申请数 件 2",
        "2.传真中请数 件 1",
        "3.网络申请数 件 2",
    ]
    report = govinfo.parse("\n".join(lines))
    cell = report.cells["old.req.received.fax"]
    assert cell.value == 1
    assert "label_inexact" in cell.flags


def test_an_unknown_old_label_is_kept_raw_not_guessed() -> None:
    lines = [
        TITLE,
        "统计指标 单位 统计数",
        "一、主动公开情况",
        "（一）主动公开政府信息数 条 120",
        "否决公开答复总数 件 3",
    ]
    report = govinfo.parse("\n".join(lines))
    [row] = report.unknown_rows
    assert (row.label, row.cells) == ("否决公开答复总数", ("件", "3"))
    assert all(c.value != 3 for c in report.cells.values())


def test_pdf_drawn_column_by_column_is_read_by_position() -> None:
    rows = [list(row) for row in ROWS]
    data = render_pdf_by_column([TITLE, "政府信息公开情况统计表"], rows)
    report = govinfo.parse_bytes(data, filename="columns.pdf")
    assert _values(report) == EXPECTED
    _header_value(report)
