"""The small inputs cut from real reports (../shared/cases), with their expected cells.

The expected values are transcribed from each case's ``.expected.md``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

import govinfo

from .conftest import SEVEN, SHARED, _shared_file

if TYPE_CHECKING:
    from pathlib import Path

CASES = SHARED / "cases"


def _case(name: str) -> govinfo.Report:
    path: Path = _shared_file(CASES / f"{name}.txt")
    return govinfo.parse_file(path)


def _row(report: govinfo.Report, row: str) -> list[Decimal | None]:
    return [report.value(f"{row}.{c}") for c in SEVEN]


def test_old_rows_space_separated() -> None:
    report = _case("old-rows-space-separated")
    assert report.template == "old-2018"
    assert {k: report.value(k) for k in report.cells} == {
        "old.active.total": 120,
        "old.active.normative_published": 3,
        "old.req.received": 5,
        "old.req.received.in_person": 2,
        "old.req.received.fax": 0,
        "old.req.received.online": 3,
        "old.req.received.letter": 0,
        "old.review.total": 1,
        "old.suit.total": 0,
    }


def test_no_table_is_never_said_of_rows_that_were_read() -> None:
    report = _case("no-table-diagnostic-contradiction")
    assert report.template == "old-2018"
    assert report.value("old.active.total") == 120
    assert report.value("old.review.total") == 1
    assert report.value("old.suit.total") == 0
    assert "no-table" not in {d.code for d in report.diagnostics}


def test_fujian_form_rows_kept_raw_and_named() -> None:
    report = _case("fujian-table-not-kept")
    assert report.template is None
    assert report.cells == {}
    rows = {row.label: row.cells for row in report.unknown_rows}
    assert rows["主动公开文件数"] == ("条", "2543", "78967")
    assert rows["其中：1、政府网站公开数"] == ("条", "2543", "78967")
    assert rows["2、政府公报公开数"] == ("条", "0", "0")
    assert rows["受理依申请公开信息总数"] == ("条", "1", "1")
    assert rows["其中：1、当面申请数"] == ("条", "0", "0")
    assert rows["行政复议数"] == ("件", "0", "0")
    assert rows["行政诉讼数"] == ("件", "0", "0")
    codes = {d.code for d in report.diagnostics}
    assert "no-table" not in codes
    [form] = [d for d in report.diagnostics if d.code == "unsupported-form"]
    assert "福建" in form.message


def test_row_ordinal_glued_to_last_value() -> None:
    report = _case("row-ordinal-glued-to-last-value")
    assert _row(report, "new.req.denied.state_secret") == [4, 0, 0, 0, 0, 0, 4]
    assert _row(report, "new.req.denied.law_forbidden") == [0] * 7
    assert _row(report, "new.req.received") == [7, 0, 0, 0, 0, 0, 7]
    assert _row(report, "new.req.total") == [7, 0, 0, 0, 0, 0, 7]
    assert "total-assumed-blank" not in {d.code for d in report.diagnostics}


def test_value_glued_to_label() -> None:
    report = _case("value-glued-to-label")
    assert report.value("new.active.licensing.decisions") == 10690
    assert report.value("new.active.penalty.decisions") == 2113
    assert report.value("new.active.coercion.decisions") == 0
    assert report.value("new.active.fees.amount_wan") == Decimal("9116.36")
    assert _row(report, "new.req.received") == [71, 3, 0, 0, 0, 0, 74]


def test_runtogether_table_three_rows_split_by_their_sums() -> None:
    report = _case("runtogether-table3-row-digits")
    # No cue of either format is printed: the template is the one the same rows give
    # with spaces between their numbers (new-2019 by catalogue §2).
    spaced = govinfo.parse(
        "\n".join(
            [
                "三、收到和处理政府信息公开申请情况",
                "申请人情况",
                "一、本年新收政府信息公开申请数量 71 3 0 0 0 0 74",
            ]
        )
    )
    assert report.template == spaced.template == "new-2019"
    assert "template-by-default" in {d.code for d in report.diagnostics}
    assert _row(report, "new.req.received") == [71, 3, 0, 0, 0, 0, 74]
    assert _row(report, "new.req.carried_in") == [1, 0, 0, 0, 0, 0, 1]
    assert _row(report, "new.req.granted") == [21, 0, 0, 0, 0, 0, 21]
    assert _row(report, "new.req.total") == [72, 3, 0, 0, 0, 0, 75]
    assert _row(report, "new.req.carried_out") == [0] * 7
    cell = report.cells["new.req.received.total"]
    assert cell.raw == "713000074"
    assert "split_digits" in cell.flags
    assert "decided_by:N3" in cell.flags


def test_runtogether_table_two_split_only_where_one_split_fits() -> None:
    report = _case("runtogether-table2-digits")
    for column in ("issued", "repealed", "in_force"):
        assert report.value(f"new.active.regulations.{column}") == 0
    assert report.value("new.active.licensing.decisions") == 10690
    # 8855698 splits 15 ways for three columns; without the prose it is kept raw.
    assert "new.active.normative_docs.issued" not in report.cells
    [row] = [u for u in report.unknown_rows if u.cells == ("8855698",)]
    assert row.label == "行政规范性文件"
    [ambiguous] = [d for d in report.diagnostics if d.code == "split-ambiguous"]
    assert ambiguous.line == row.line


def test_archive_header_is_neither_title_nor_agency() -> None:
    report = _case("archive-header-title-agency")
    assert report.title == "某某区2022年度政府信息公开工作年度报告"
    assert report.agency == "某某区"
    assert report.year == 2022
    assert [
        report.value(f"new.review.{c}")
        for c in ("upheld", "corrected", "other", "pending", "total")
    ] == [0, 1, 1, 0, 2]


@pytest.mark.parametrize(
    "name",
    [
        "archive-header-title-agency",
        "row-ordinal-glued-to-last-value",
        "runtogether-table3-row-digits",
    ],
)
def test_r2_does_not_judge_a_template_taken_by_default(name: str) -> None:
    # No cue of either format is printed: govinfo reads the table as new-2019 and says
    # so; the title's year (2022) does not contradict a choice the report never made.
    report = _case(name)
    assert report.template == "new-2019"
    assert "template-by-default" in {d.code for d in report.diagnostics}
    assert [f.message for f in report.findings if f.code == "R2"] == []


def test_a_side_of_blank_terms_only_reads_as_their_count() -> None:
    # Table 三's columns all blank: the side is "21 项空缺或未列", never "=  + 21 …".
    report = _case("value-glued-to-label")
    messages = [f.message for f in report.findings if "项空缺或未列" in f.message]
    assert messages
    assert not any("= +" in m or "=  +" in m for m in messages)
    assert any("未列 = 21 项空缺或未列" in m for m in messages)
