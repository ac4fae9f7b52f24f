"""The project's rules beyond the formulas: report parts (R), value forms (V), tables (T)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

import govinfo
from govinfo import Cell, Report, Severity
from govinfo.testing import consistent_values
from govinfo.testing.render import render_report, shapes_for
from govinfo.values import parse_value

_AGENCY = "青禾市人民政府"
NEW = consistent_values("new-2021", random.Random(11).randint, agency=_AGENCY)


def _text(values: dict[str, Decimal | None] | None = None, year: int = 2022) -> str:
    values = dict(NEW) if values is None else values
    return render_report(values, "new-2021", shapes_for("new-2021")[0], agency=_AGENCY, year=year)


def _codes(report: Report, prefix: str) -> list[tuple[str, str, int | None, str]]:
    return [
        (f.code, f.severity.value, f.line, f.message)
        for f in report.findings
        if f.code.startswith(prefix)
    ]


def test_a_complete_report_breaks_no_project_rule() -> None:
    report = govinfo.parse(_text())
    assert [f for f in report.findings if f.code[0] in "RVT"] == []
    outcomes = {r.id: r.outcome.value for r in govinfo.evaluate(report) if r.id[0] in "RVT"}
    assert outcomes == {
        "R1": "pass",
        "R2": "pass",
        "R3": "pass",
        "R4": "n/a",
        "R5": "pass",
        "V1": "pass",
        "V2": "pass",
        "V3": "pass",
        "V4": "pass",
        "T1": "pass",
    }


def test_r1_parts_missing_or_out_of_order() -> None:
    text = _text()
    five = text.index("五、存在的主要问题及改进情况")
    six = text.index("六、其他需要报告的事项")
    missing = govinfo.parse(text[:five] + text[six:])
    [(code, severity, line, message)] = _codes(missing, "R1")
    assert (code, severity, message) == ("R1", "warning", "缺少第五部分“存在的主要问题及改进情况”")
    # The line of the next part found, 六.
    assert line == missing.sections[-1].line
    swapped = govinfo.parse(text[:five] + text[six:] + "\n" + text[five:six])
    [(_, _, line, message)] = _codes(swapped, "R1")
    assert message == "第六部分“其他需要报告的事项”排在第五部分之后"
    assert line == next(s.line for s in swapped.sections if s.ordinal == "六")


def test_r2_years_that_disagree() -> None:
    text = _text().replace(
        "一、总体情况\n",
        "一、总体情况\n本报告所列数据统计期限自2021年1月1日起至2021年12月31日止。\n",
    )
    [(_, severity, line, message)] = _codes(govinfo.parse(text), "R2")
    assert (severity, line, message) == (
        "warning",
        3,
        "标题为 2022 年度，正文所述统计期限为 2021 年",
    )
    # A 2021-format table in a report titled 2018.
    [(_, _, _, message)] = _codes(govinfo.parse(_text(year=2018)), "R2")
    assert message == "标题为 2018 年度，而表格为 new-2021 式样（用于 2021–）"


@pytest.mark.parametrize(("body", "message"), [("", "没有内容"), ("无。", "只写了“无”")])
def test_r3_problems_part_empty_or_just_none(body: str, message: str) -> None:
    text = _text()
    start = text.index("五、存在的主要问题及改进情况\n") + len("五、存在的主要问题及改进情况\n")
    end = text.index("六、其他需要报告的事项")
    report = govinfo.parse(text[:start] + (body + "\n" if body else "") + text[end:])
    [(code, severity, line, shown)] = _codes(report, "R3")
    assert (code, severity) == ("R3", "warning")
    assert shown == f"第五部分“存在的主要问题及改进情况”{message}"
    assert line == next(s.line for s in report.sections if s.ordinal == "五")


def test_r4_fees_in_the_old_table_but_none_in_the_prose() -> None:
    values = consistent_values("old-2014", random.Random(3).randint, agency=_AGENCY)
    values["old.fees"] = Decimal("0.5")
    text = render_report(values, "old-2014", agency=_AGENCY, year=2014).replace(
        "依法做好政府信息公开工作。", "依法做好政府信息公开工作，未收取任何费用。"
    )
    [(code, severity, line, message)] = _codes(govinfo.parse(text), "R4")
    assert (code, severity, line) == ("R4", "warning", 3)
    # The statement is quoted as normalised (full-width punctuation folded).
    assert message == (
        "统计表收取费用 0.5 万元，而正文称：“2014年,青禾市人民政府依法做好政府信息公开工作,"
        "未收取任何费用。”"
    )


def test_r5_fee_notices_while_part_six_says_no_fee() -> None:
    assert (NEW["new.req.other.fee_unpaid.total"] or 0) > 0
    text = _text().replace("本机关无其他需要报告的事项。", "本年度未收取信息处理费。")
    [(code, severity, _, message)] = _codes(govinfo.parse(text), "R5")
    assert (code, severity) == ("R5", "info")
    assert "而第六部分称：“本年度未收取信息处理费。”" in message


def _table_three_cut(text: str, *, heading: bool) -> str:
    start = text.index("三、收到和处理政府信息公开申请情况")
    end = text.index("四、政府信息公开行政复议、行政诉讼情况")
    keep = "三、收到和处理政府信息公开申请情况\n" if heading else ""
    return text[:start] + keep + text[end:]


def test_t1_a_missing_table_is_one_finding_and_one_diagnostic() -> None:
    report = govinfo.parse(_table_three_cut(_text(), heading=True))
    assert not any(c.startswith("new.req") for c in report.cells)
    [(code, severity, line, message)] = _codes(report, "T1")
    heading = next(s.line for s in report.sections if s.ordinal == "三")
    assert (code, severity, line) == ("T1", "warning", heading)
    assert message == "第三部分“收到和处理政府信息公开申请情况”下未读出表格（未列出或无法识别）"
    # No finding for each of the comparisons over table 三 (N1–N4: 46 of them).
    assert not [f for f in report.findings if f.code in {"N1", "N2", "N3", "N4"}]
    [diagnostic] = [d for d in report.diagnostics if d.code == "table-missing"]
    assert diagnostic.line == heading
    without = govinfo.parse(_table_three_cut(_text(), heading=False))
    assert [m for *_, m in _codes(without, "T1")] == [
        "未读出表三（收到和处理政府信息公开申请情况）：报告没有这部分，也没有它的表格"
    ]


def _table_cell(cell_id: str, raw: str, *, unit: str = "件", line: int = 9) -> Cell:
    quantity = parse_value(raw)
    assert quantity is not None
    return Cell.from_quantity(cell_id, quantity, unit=unit, raw=raw, line=line, column=3)


def _value_findings(*cells: Cell) -> list[tuple[str, str, tuple[str, ...], tuple[int, ...], str]]:
    report = Report(template="new-2021", cells={c.id: c for c in cells})
    return [
        (f.code, f.severity.value, f.cells, f.lines, f.message)
        for f in govinfo.check(report)
        if f.code.startswith("V")
    ]


def test_v1_counts_are_whole_and_not_negative() -> None:
    found = _value_findings(
        _table_cell("new.req.granted.total", "-3", line=20),
        _table_cell("new.req.partial.total", "2.5", line=21),
        _table_cell("new.active.licensing.decisions", "12", unit="", line=5),
    )
    assert found == [
        ("V1", "error", ("new.req.granted.total",), (20,), "予以公开 / 总计 为负数：-3"),
        (
            "V1",
            "error",
            ("new.req.partial.total",),
            (21,),
            "部分公开（区分处理的，只计这一情形，不计其他情形） / 总计 是计数，不应有小数：2.5",
        ),
    ]
    # A signed cell (本年增/减) may be negative.
    change = _table_cell("new.active.licensing.change", "-2", unit="")
    signed = Report(template="new-2019", cells={change.id: change})
    assert [f for f in govinfo.check(signed) if f.code == "V1"] == []


def test_v2_decimals_v3_units_v4_text() -> None:
    not_a_number = Cell(
        id="new.req.received.total",
        value=None,
        low=None,
        high=None,
        qualifier=govinfo.Qualifier.MISSING,
        unit="件",
        raw="不适用",
        line=12,
        column=4,
        flags=("not_a_number",),
    )
    # 24252.311082 万元 is to the fen (pingtan-2021 prints it); one more decimal is not.
    assert (
        _value_findings(
            _table_cell("new.active.fees.amount_wan", "24252.311082", unit="万元", line=8)
        )
        == []
    )
    found = _value_findings(
        _table_cell("new.active.fees.amount_wan", "892.1234567", unit="万元", line=8),
        _table_cell("new.req.carried_in.total", "12个", line=11),
        not_a_number,
    )
    assert [(code, severity, lines) for code, severity, _, lines, _ in found] == [
        ("V2", "warning", (8,)),
        ("V3", "warning", (11,)),
        ("V4", "warning", (12,)),
    ]
    assert (
        found[0][4]
        == "行政事业性收费 / 本年收费金额（单位：万元） 有 7 位小数，万元最多 6 位：892.1234567"
    )
    assert found[1][4] == "上年结转政府信息公开申请数量 / 总计 写明单位“个”，该行单位为“件”：12个"
    assert found[2][4] == "本年新收政府信息公开申请数量 / 总计 不是数字：“不适用”，按空缺处理"
    report = Report(template="new-2021", cells={not_a_number.id: not_a_number})
    # The text is kept, and the checks read the cell as missing, never as zero.
    assert report.cells["new.req.received.total"].raw == "不适用"
    n1 = [
        f for f in govinfo.check(report) if f.code == "N1" and "new.req.received.total" in f.cells
    ]
    assert {f.severity for f in n1} == {Severity.INFO}


def test_messages_in_english() -> None:
    report = govinfo.parse(_table_three_cut(_text(), heading=True))
    [t1] = [f for f in govinfo.check(report, lang="en") if f.code == "T1"]
    assert t1.lang == "en"
    assert str(t1) == (
        f"{t1.line}: T1 warning no table read under part 三 “收到和处理政府信息公开申请情况” "
        "(not printed, or not recognised)"
    )


@pytest.mark.parametrize("separator", [" ", "  ", "。", "："])
def test_a_heading_with_its_first_sentence_on_its_line(separator: str) -> None:
    # 一、总体情况 本年度…: the title is the heading's, the sentence the part's text.
    text = _text()
    heading = "一、总体情况\n"
    sentence = "本年度共收到政府信息公开申请" + f"{NEW['new.req.received.total']}件。"
    start = text.index(heading)
    report = govinfo.parse(
        text[:start] + "一、总体情况" + separator + sentence + "\n" + text[start + len(heading) :]
    )
    part = next(s for s in report.sections if s.ordinal == "一")
    assert part.title == "总体情况"
    assert part.text.startswith(sentence.replace("，", ","))
    assert _codes(report, "R1") == []
    # The heading's title is the title alone (a full stop inside the line makes it prose
    # to the table reader, which then lists no heading there).
    titles = [h.text for h in report.headings if h.line == part.line]
    assert titles == ([] if separator == "。" else ["总体情况"])
    # The sentence's figure is read, at its place on the heading's line.
    [figure] = [c for c in report.prose if c.id == "new.req.received.total"]
    assert figure.value == NEW["new.req.received.total"]
    assert (figure.line, figure.raw) == (part.line, f"{NEW['new.req.received.total']}件")


def test_a_heading_of_spaced_words_is_no_sentence() -> None:
    text = _text()
    start = text.index("一、总体情况\n")
    report = govinfo.parse(text[:start] + "一、总体 情况" + text[start + len("一、总体情况") :])
    part = next(s for s in report.sections if s.ordinal == "一")
    assert part.title == "总体 情况"
