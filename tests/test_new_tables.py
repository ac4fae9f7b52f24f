"""The 2019/2021 tables: shapes, damage, columns by meaning, templates and checks."""

from __future__ import annotations

from decimal import Decimal

import pytest

import govinfo
from govinfo import Severity

from .conftest import DATA

NEW = DATA / "new"


def _parse(name: str) -> govinfo.Report:
    return govinfo.parse_file(NEW / name)


def _codes(report: govinfo.Report) -> set[str]:
    return {d.code for d in report.diagnostics}


def test_fixtures_exist() -> None:
    assert sorted(p.name for p in NEW.glob("*.txt")) == [
        "county-2021-pdf.txt",
        "shanghai-2019-pipe.txt",
    ]


class TestShanghai2019Pipe:
    """Pipe rows, a three-cell-wide label column, blanks, signs, units in cells."""

    report = _parse("shanghai-2019-pipe.txt")

    def test_template_and_every_cell(self) -> None:
        assert self.report.template == "new-2019"
        assert len(self.report.cells) == 198
        assert (self.report.agency, self.report.year) == ("某市人民政府办公厅", 2019)

    def test_columns_by_header_position(self) -> None:
        value = self.report.value
        assert value("new.req.received.natural_person") == 821
        assert value("new.req.received.business") == 38
        assert value("new.req.received.total") == 859
        assert value("new.req.unable.not_held.business") == 30
        assert value("new.req.other.total") == 7  # 2019: （六）其他处理 is a value row
        assert value("new.req.carried_out.total") == 75
        research = self.report.cells["new.req.received.research"]
        assert research.is_missing
        assert research.value is None

    def test_table_two_values(self) -> None:
        cells = self.report.cells
        assert cells["new.active.regulations.published_total"].value == 524
        change = cells["new.active.licensing.change"]
        assert (change.value, change.raw, change.flags) == (Decimal(2), "+2", ("signed",))
        assert cells["new.active.other_services.change"].value == -1
        for placeholder in ("new.active.other_services.decisions", "new.active.coercion.change"):
            assert cells[placeholder].is_missing
        amount = cells["new.active.procurement.amount"]
        assert (amount.value, amount.unit, amount.raw) == (Decimal(251000), "元", "251000元")

    def test_annotated_labels_and_headers(self) -> None:
        # 规章（设区的市…）and 处理决定数量（指2019年办件量）match by prefix.
        assert self.report.value("new.active.regulations.made") == 13
        assert self.report.value("new.active.licensing.decisions") == 1200

    def test_unknown_row_kept_with_its_values(self) -> None:
        [row] = self.report.unknown_rows
        assert row.line == 9
        assert row.label.startswith("其他主动公开文件")
        assert row.cells == ("120", "120", "900")

    def test_appeals_table(self) -> None:
        assert self.report.value("new.review.total") == 7
        assert self.report.value("new.suit_direct.total") == 9
        assert self.report.cells["new.suit_direct.pending"].line == 55

    def test_consistent_with_blank_cells_not_evaluable(self) -> None:
        assert govinfo.is_consistent(self.report)
        rules = {r.id: r.outcome.value for r in govinfo.evaluate(self.report)}
        assert rules["N1"] == "not_evaluable"  # most columns leave carry-over blank
        assert rules["N5"] == "pass"
        assert rules["N10"] == "pass"
        [n1] = [r for r in govinfo.evaluate(self.report) if r.id == "N1"]
        natural = next(c for c in n1.comparisons if c.text.startswith("new.req.received.natural"))
        assert natural.outcome.value == "pass"  # 821 + 18 = 767 + 72


class TestCounty2021Pdf:
    """PDF text: broken headers, a merged label a character per line, page footers."""

    report = _parse("county-2021-pdf.txt")

    def test_all_cells_no_unknown_rows(self) -> None:
        assert self.report.template == "new-2021"
        assert len(self.report.cells) == 200
        assert self.report.unknown_rows == ()

    def test_header_fragments_fall_back_to_template_columns(self) -> None:
        value = self.report.value
        issued = value("new.active.normative_docs.issued")
        in_force = value("new.active.normative_docs.in_force")
        assert (issued, in_force) == (Decimal(2), Decimal(5))
        assert value("new.active.licensing.decisions") == 136
        assert value("new.active.fees.amount_wan") == Decimal("3.52")

    def test_row_split_by_a_page_break_is_joined(self) -> None:
        cell = self.report.cells["new.req.other.other.total"]
        assert (cell.value, cell.line) == (Decimal(0), 50)

    def test_blank_total_is_said_not_guessed(self) -> None:
        cell = self.report.cells["new.req.unable.not_held.total"]
        assert cell.is_missing
        assert self.report.value("new.req.unable.not_held.natural_person") == 2
        [diagnostic] = [d for d in self.report.diagnostics if d.code == "total-assumed-blank"]
        assert diagnostic.line == 37
        assert not [f for f in self.report.findings if f.severity is Severity.ERROR]


def _report_2021(table_three: str, table_two: str = "") -> str:
    return "\n".join(
        [
            "某镇人民政府2022年政府信息公开工作年度报告",
            "一、总体情况",
            "本镇依法公开政府信息。",
            "二、主动公开政府信息情况",
            table_two
            or "\n".join(
                [
                    "| 第二十条第（一）项 | | | |",
                    "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
                    "| 规章 | 0 | 0 | 0 |",
                    "| 行政规范性文件 | 1 | 0 | 3 |",
                ]
            ),
            "三、收到和处理政府信息公开申请情况",
            table_three,
            "五、存在的主要问题及改进情况",
            "无。",
        ]
    )


_HEADER = "| | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"


def test_hybrid_single_other_row_in_2021_layout() -> None:
    text = _report_2021(
        "\n".join(
            [
                _HEADER,
                "| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
                "| （六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            ]
        )
    )
    report = govinfo.parse(text)
    assert report.template == "new-2021"
    assert report.value("new.req.other.natural_person") == 1
    [hybrid] = [d for d in report.diagnostics if d.code == "hybrid-template"]
    assert "（六）其他处理" in hybrid.message


def test_hybrid_2019_label_in_2021_layout() -> None:
    table_two = "\n".join(
        [
            "| 第二十条第（一）项 | | | |",
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            "| 规范性文件 | 4 | 1 | 9 |",
        ]
    )
    report = govinfo.parse(_report_2021(_HEADER, table_two))
    assert report.template == "new-2021"
    assert report.value("new.active.normative_docs.in_force") == 9
    assert "hybrid-template" in _codes(report)


def test_a_whole_row_given_by_one_value_keeps_its_position() -> None:
    report = govinfo.parse(
        _report_2021(_HEADER + "\n| 一、本年新收政府信息公开申请数量 | 0 | | | | | | |")
    )
    assert report.value("new.req.received.natural_person") == 0
    assert report.cells["new.req.received.total"].is_missing


def test_headers_missing_use_the_printed_order() -> None:
    report = govinfo.parse(
        _report_2021("一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |")
    )
    assert report.value("new.req.received.business") == 1
    assert report.value("new.req.received.total") == 4


def test_repeated_header_row_is_not_a_row() -> None:
    report = govinfo.parse(
        _report_2021(
            "\n".join(
                [
                    _HEADER,
                    "| 一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |",
                    _HEADER,
                    "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
                ]
            )
        )
    )
    assert report.value("new.req.carried_in.total") == 1
    assert report.unknown_rows == ()


def test_truncated_table_names_the_first_missing_row() -> None:
    report = govinfo.parse(
        _report_2021(
            "\n".join(
                [
                    _HEADER,
                    "| 一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |",
                    "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
                ]
            )
        )
    )
    assert report.value("new.req.carried_in.natural_person") == 1
    [truncated] = [d for d in report.diagnostics if d.code == "table-truncated"]
    assert "（一）予以公开" in truncated.message


def test_numbers_run_together_are_split_only_when_unambiguous() -> None:
    table_two = "\n".join(
        [
            "第二十条第（一）项",
            "信息内容 本年制发件数 本年废止件数 现行有效件数",
            "规章000",
            "行政规范性文件898989",
        ]
    )
    report = govinfo.parse(_report_2021(_HEADER, table_two))
    assert [
        report.value(f"new.active.regulations.{c}") for c in ("issued", "repealed", "in_force")
    ] == [0, 0, 0]
    assert "numbers-run-together" in _codes(report)
    assert "split_digits" in report.cells["new.active.regulations.issued"].flags
    assert report.cells["new.active.regulations.issued"].raw == "000"
    assert "new.active.normative_docs.issued" not in report.cells
    [raw] = [u for u in report.unknown_rows if "898989" in u.reason]
    assert (raw.label, raw.cells) == ("行政规范性文件", ("898989",))
    [ambiguous] = [d for d in report.diagnostics if d.code == "split-ambiguous"]
    assert "8/98/989" in ambiguous.message


def test_traditional_script_tables() -> None:
    text = "\n".join(
        [
            "某縣人民政府2021年政府信息公開工作年度報告",
            "二、主動公開政府信息情況",
            "| 第二十條第（一）項 | | | |",
            "| 信息內容 | 本年製發件數 | 本年廢止件數 | 現行有效件數 |",
            "| 行政規範性文件 | 2 | 0 | 7 |",
            "三、收到和處理政府信息公開申請情況",
            "| | 自然人 | 商業企業 | 科研機構 | 社會公益組織 | 法律服務機構 | 其他 | 總計 |",
            "| 四、結轉下年度繼續辦理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        ]
    )
    report = govinfo.parse(text)
    assert report.template == "new-2021"
    assert report.value("new.active.normative_docs.in_force") == 7
    assert report.value("new.req.carried_out.total") == 1


@pytest.mark.parametrize("placeholder", ["/", "-", "——", ""])
def test_placeholders_are_missing(placeholder: str) -> None:
    report = govinfo.parse(
        _report_2021(
            _HEADER
            + f"\n| 一、本年新收政府信息公开申请数量 | {placeholder} | 1 | 0 | 0 | 0 | 0 | 1 |"
        )
    )
    cell = report.cells["new.req.received.natural_person"]
    assert cell.is_missing
    assert cell.value is None


def test_n9_runs_when_the_name_shows_a_body_below_the_city_level() -> None:
    table_two = "\n".join(
        [
            "| 第二十条第（一）项 | | | |",
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            "| 规章 | 0 | 0 | 6 |",
        ]
    )
    report = govinfo.parse(_report_2021(_HEADER, table_two))
    assert report.agency == "某镇人民政府"
    [n9] = [f for f in report.findings if f.code == "N9"]
    assert (n9.severity, n9.cells) == (Severity.WARNING, ("new.active.regulations.in_force",))
    city = govinfo.parse(_report_2021(_HEADER, table_two).replace("某镇", "某市"))
    assert not [f for f in city.findings if f.code == "N9"]


def test_cross_year_rules_need_the_previous_report() -> None:
    this_year = _report_2021(
        _HEADER + "\n| 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |"
    )
    last_year = _report_2021(_HEADER + "\n| 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |")
    report, previous = govinfo.parse(this_year), govinfo.parse(last_year)
    alone = {r.id: r.outcome.value for r in govinfo.evaluate(report)}
    assert alone["N6"] == "n/a"
    [n6] = [r for r in govinfo.evaluate(report, previous=previous) if r.id == "N6"]
    assert n6.outcome.value == "fail"
    failed = [c for c in n6.comparisons if c.outcome.value == "fail"]
    assert [c.text for c in failed] == [
        "new.req.carried_in.natural_person = new.req.carried_out.natural_person[N-1]",
        "new.req.carried_in.total = new.req.carried_out.total[N-1]",
    ]


def test_cell_labels_name_the_column_in_chinese() -> None:
    # A label is the row as printed and the column as the catalogue prints it,
    # never the column's id (`public_interest`).
    report = _parse("county-2021-pdf.txt")
    cell = report.cells["new.req.denied.law_forbidden.public_interest"]
    assert cell.label.endswith(" / 社会公益组织")
    assert all(not any("a" <= ch <= "z" for ch in c.label) for c in report.cells.values())
