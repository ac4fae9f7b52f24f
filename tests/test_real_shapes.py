"""Each kind of damage real reports show, on a small hand-written table with its values."""

from __future__ import annotations

from typing import TYPE_CHECKING

import govinfo
from govinfo.checks.presence import unplaced_values

from .conftest import SEVEN

if TYPE_CHECKING:
    from decimal import Decimal

TITLE = "某县人民政府2024年政府信息公开工作年度报告"
COLUMNS = SEVEN[:5]

# Table 三's header as PDF text prints it: broken header cells, a label a character
# per line (三、本年度办理结果 as a merged cell), page footers.
HEAD = [
    "三、收到和处理政府信息公开申请情况",
    "（本列数据的勾稽关系为：第一项加第二项之和，",
    "等于第三项加第四项之和）",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计商 业 企",
    "业",
    "科研机",
    "构",
    "社 会 公 益",
    "组织",
    "法 律 服 务",
    "机构",
    "其他",
]


def _parse(*lines: str) -> govinfo.Report:
    return govinfo.parse("\n".join([TITLE, "一、总体情况", "本县依法公开政府信息。", *lines]))


def _row(report: govinfo.Report, row: str) -> list[Decimal | None]:
    return [report.value(f"new.req.{row}.{c}") for c in SEVEN]


def test_label_cut_by_a_wrapped_cell_with_the_rest_on_the_next_line() -> None:
    report = _parse(
        *HEAD,
        "一、本年新收政府信息公开申请数量 9 0 0 0 0 0 9",
        "（二）部分公开（区分处理的，只计这一情",
        "形，不计其他情形） 447 7 0 0 0 0 454",
    )
    assert _row(report, "partial") == [447, 7, 0, 0, 0, 0, 454]
    assert "label_inexact" not in report.cells["new.req.partial.total"].flags


def test_label_cut_and_never_completed_is_placed_by_its_place_and_flagged() -> None:
    report = _parse(
        *HEAD,
        "（五）不",
        "予处理",
        "3.要求提供公开出版物 0 0 0 0 0 0 0",
        "4.无正当理由大量反复 1 0 0 0 0 0 1",
        "5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0",
    )
    assert _row(report, "not_processed.excessive") == [1, 0, 0, 0, 0, 0, 1]
    cell = report.cells["new.req.not_processed.excessive.total"]
    assert "label_inexact" in cell.flags
    assert cell.label.startswith("4.无正当理由大量反复")
    assert "label-inexact" in {d.code for d in report.diagnostics}


def test_label_wrapped_over_three_lines_with_its_numbers_on_a_line_of_their_own() -> None:
    report = _parse(
        *HEAD,
        "（六）其",
        "他处理",
        "1、申请人无正当理由逾期不补",
        "正、行政机关不再处理其政府信",
        "息公开申请",
        "67 3 0 0 1 0 71",
        "2、申请人逾期未按收费通知要",
        "求缴纳费用、行政机关不再处理",
        "其政府信息公开申请",
        "6 0 0 0 0 0 6",
    )
    assert _row(report, "other.no_correction") == [67, 3, 0, 0, 1, 0, 71]
    assert _row(report, "other.fee_unpaid") == [6, 0, 0, 0, 0, 0, 6]
    assert report.template == "new-2021"


def test_row_split_by_a_page_break_with_the_footer_between_its_halves() -> None:
    report = _parse(
        *HEAD,
        "（四）无 1.本机关不掌握相关政府信息 746 12 0 0 10 1 769",
        "- 5 -",
        "法提供 2.没有现成信息需要另行制作 11 0 0 0 0 0 11",
        "3.补正后申请内容仍不明确 1 0 0 0 0 0 1",
    )
    assert _row(report, "unable.not_held") == [746, 12, 0, 0, 10, 1, 769]
    assert _row(report, "unable.needs_creation") == [11, 0, 0, 0, 0, 0, 11]
    assert report.unknown_rows == ()


def test_misspelt_label_between_two_known_rows() -> None:
    report = _parse(
        *HEAD,
        "1.属于国家秘密 2 0 0 0 0 0 2",
        "2.其他法律行政止公开 0 1 0 0 0 0 1",
        "3.危及“三安全一稳定” 5 0 0 0 0 0 5",
    )
    assert _row(report, "denied.law_forbidden") == [0, 1, 0, 0, 0, 0, 1]
    assert "label_inexact" in report.cells["new.req.denied.law_forbidden.business"].flags


def test_label_one_character_per_line_then_its_rows() -> None:
    report = _parse(
        *HEAD,
        "三、",
        "本",
        "年",
        "度",
        "办",
        "理",
        "结",
        "果",
        "（一）予以公开 1288 21 0 0 50 3 1362",
    )
    assert _row(report, "granted") == [1288, 21, 0, 0, 50, 3, 1362]
    assert report.unknown_rows == ()


def test_headers_replaced_by_placeholders_and_tables_split_in_several() -> None:
    header = "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |"
    report = _parse(
        "三、收到和处理政府信息公开申请情况",
        "### 一、本年新收政府信息公开申请数量",
        header,
        "|---|---|---|---|---|---|---|---|",
        "| 本年新收政府信息公开申请数量 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |",
        "",
        "### (一) 予以公开",
        header,
        "|---|---|---|---|---|---|---|---|",
        "| 予以公开 | 290 | 1 | 0 | 0 | 3 | 0 | 294 |",
        "",
        "| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 结转下年度 "
        "| 总计 |",
        "|---|---|---|---|---|---|---|---|",
        "| （七）总计 | 710 | 3 | 0 | 0 | 5 | 0 | 718 |",
    )
    assert _row(report, "received") == [705, 3, 0, 0, 5, 0, 713]
    assert _row(report, "granted") == [290, 1, 0, 0, 3, 0, 294]
    # The wrong header row inside the table (予以公开, 部分公开 as column names) is no row.
    assert _row(report, "total") == [710, 3, 0, 0, 5, 0, 718]
    assert report.unknown_rows == ()


def test_value_glued_to_its_label_and_ordinal_glued_to_a_value() -> None:
    report = _parse(
        "二、主动公开政府信息情况",
        "第二十条第（六）项",
        "信息内容 本年处理决定数量",
        "行政处罚2113",
        "行政强制0",
        *HEAD,
        "（三）不予公开 1.属于国家秘密 4 0 0 0 0 0 42.其他法律行政法规禁止公开 0 0 0 0 0 0 0",
    )
    assert report.value("new.active.penalty.decisions") == 2113
    assert report.value("new.active.coercion.decisions") == 0
    assert _row(report, "denied.state_secret") == [4, 0, 0, 0, 0, 0, 4]
    assert _row(report, "denied.law_forbidden") == [0] * 7
    assert "total-assumed-blank" not in {d.code for d in report.diagnostics}


def test_label_with_stray_spaces_inside() -> None:
    report = _parse(
        "二、主动公开政府信息情况",
        "第二十条 第（一）项",
        "信息内容 本年制发件数 本年废止件数 现行有效件数",
        "规章 1 0 11",
        "行政规范 性文件 8 26 66",
    )
    assert [
        report.value(f"new.active.normative_docs.{c}") for c in ("issued", "repealed", "in_force")
    ] == [8, 26, 66]
    assert report.value("new.active.regulations.in_force") == 11


def test_a_cell_that_is_not_a_number_keeps_its_text_and_is_flagged() -> None:
    report = _parse(
        "二、主动公开政府信息情况",
        "| 第二十条第（五）项 | |",
        "| 信息内容 | 本年处理决定数量 |",
        "| 行政许可 | 不适用 |",
    )
    cell = report.cells["new.active.licensing.decisions"]
    assert (cell.value, cell.raw, cell.flags) == (None, "不适用", ("not_a_number",))
    [diagnostic] = [d for d in report.diagnostics if d.code == "not-a-number"]
    assert (diagnostic.line, diagnostic.text) == (cell.line, "不适用")


def test_prose_repeating_row_labels_does_not_open_a_table() -> None:
    report = _parse(
        "（二）依申请公开情况。全年予以公开及部分公开258件，占33.9%；政府信息公开行政复议351件。",
        *HEAD,
        "一、本年新收政府信息公开申请数量 9 0 0 0 0 0 9",
    )
    assert _row(report, "received") == [9, 0, 0, 0, 0, 0, 9]
    assert not any(c.startswith("new.review") for c in report.cells)
    assert report.unknown_rows == ()


def test_a_sentence_starting_with_a_header_word_does_not_open_table_four() -> None:
    report = _parse(
        "行政复议19件，其中8件撤回。",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 行政诉讼",
        "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
        "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计",
        "1 0 2 0 3 12 0 0 0 12 0 0 0 0 0",
    )
    assert report.value("new.review.total") == 3
    assert report.value("new.suit_direct.upheld") == 12
    assert "appeals-unplaced" not in {d.code for d in report.diagnostics}


def test_table_four_numbers_that_fit_no_column_are_kept_raw() -> None:
    # Sixteen numbers for fifteen columns, the report's only table: none is placed,
    # all are kept raw, and the report does not claim that no table was found.
    report = govinfo.parse(
        "\n".join(
            [
                "某县2020年政府信息公开工作年度报告",
                "四、政府信息公开行政复议、行政诉讼情况",
                "行政复议 行政诉讼",
                "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
                "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计",
                "0 0 1 1 1 5 5 2 13 1 3 5 5 14 7 9",
                "五、存在的主要问题及改进情况",
            ]
        )
    )
    assert report.cells == {}
    [row] = report.unknown_rows
    assert (row.line, row.section, row.cells) == (
        6,
        "appeals",
        ("0", "0", "1", "1", "1", "5", "5", "2", "13", "1", "3", "5", "5", "14", "7", "9"),
    )
    codes = [d.code for d in report.diagnostics]
    assert "table-unread" in codes
    assert "no-table" not in codes
    assert "appeals-unplaced" in codes
    assert unplaced_values(report) == 16
