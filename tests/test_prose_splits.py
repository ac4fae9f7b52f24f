"""Run-together rows the table's sums leave open, decided by the prose that restates them."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import strategies
from govinfo.tables import read_tables
from govinfo.testing import Shape
from govinfo.text.normalize import normalize

from .conftest import FIVE, GROUPS, SEVEN
from .test_runtogether import assert_split_rules_not_passed, decided_by, glue

if TYPE_CHECKING:
    from collections.abc import Mapping

# Table 四 of 15 counts run together. N5 leaves two splits: the printed one (PRINTED)
# and one whose 行政复议 group is 10, 0, 0, 11, 21 and whose direct suits total 4.
APPEALS = "10001121200240310013"
PRINTED = [[1, 0, 0, 0, 1], [12, 12, 0, 0, 24], [0, 3, 10, 0, 13]]


def _appeals_page(*prose: str) -> str:
    return "\n".join(
        [
            "某区2021年度政府信息公开工作年度报告",
            "一、总体情况",
            *prose,
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
            "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计" + APPEALS,
            "五、存在的主要问题及改进情况",
            "无。",
        ]
    )


def _appeals(report: govinfo.Report) -> list[list[Decimal | None]]:
    return [[report.value(f"new.{g}.{c}") for c in FIVE] for g in GROUPS]


def _codes(report: govinfo.Report, code: str) -> list[govinfo.Diagnostic]:
    return [d for d in report.diagnostics if d.code == code]


def test_without_the_prose_the_row_stays_missing_with_its_candidates() -> None:
    report = govinfo.parse(_appeals_page("本机关依法做好政府信息公开工作。"))
    assert report.prose == ()
    assert "new.review.total" not in report.cells
    assert "new.suit_direct.upheld" not in report.cells
    [ambiguous] = _codes(report, "split-ambiguous")
    assert "split 2 ways the sums allow" in ambiguous.message
    assert "1/0/0/0/1/12/12/0/0/24/0/3/10/0/13" in ambiguous.message
    assert "10/0/0/11/21/2/0/0/2/4/0/3/10/0/13" in ambiguous.message
    assert _codes(report, "split-by-prose") == []


def test_a_prose_total_decides_the_split_the_sums_left_open() -> None:
    report = govinfo.parse(_appeals_page("全年办理因政府信息公开申请引发的行政复议1起。"))
    assert [(c.id, c.value) for c in report.prose] == [("new.review.total", Decimal(1))]
    assert _appeals(report) == PRINTED
    cell = report.cells["new.suit_direct.total"]
    assert cell.raw == APPEALS
    # The prose (N13) chose the split among those N5 left; both are named.
    assert cell.flags == ("split_digits", "decided_by:N13", "decided_by:N5")
    assert _codes(report, "split-ambiguous") == []
    [note] = _codes(report, "split-by-prose")
    assert note.message.startswith("7 cell(s) of 1 run-together row(s)")
    assert "1起 (new.review.total, line 3)" in note.message


def test_the_prose_that_decided_a_split_is_not_a_confirmation_of_it() -> None:
    report = govinfo.parse(_appeals_page("全年办理因政府信息公开申请引发的行政复议1起。"))
    results = {r.id: r for r in govinfo.evaluate(report)}
    assert results["N13"].outcome is govinfo.Outcome.DECIDED
    [restated] = results["N13"].comparisons
    assert restated.outcome is govinfo.Outcome.DECIDED
    assert restated.decided == ("new.review.total",)
    assert_split_rules_not_passed(report)
    [finding] = [f for f in report.findings if f.code == "N13"]
    assert finding.severity is govinfo.Severity.INFO
    assert finding.decided == ("new.review.total",)


def test_a_sum_of_cells_restated_decides_too() -> None:
    # 行政诉讼 is both lawsuit groups' 总计: 24 + 13 printed, 4 + 13 the other split.
    report = govinfo.parse(_appeals_page("全年办理因政府信息公开申请引发的行政诉讼37起。"))
    assert _appeals(report) == PRINTED
    assert "decided_by:N13" in report.cells["new.review.upheld"].flags


def test_a_figure_no_split_fits_is_not_used_and_said() -> None:
    report = govinfo.parse(
        _appeals_page("全年办理因政府信息公开申请引发的行政复议5起，行政诉讼37起。")
    )
    # 行政复议5起 fits neither split; 行政诉讼37起 fits the printed one and decides.
    assert _appeals(report) == PRINTED
    [unused] = _codes(report, "split-prose-unused")
    assert "5起 (new.review.total, line 3)" in unused.message
    results = {r.id: r for r in govinfo.evaluate(report)}
    assert results["N13"].outcome is govinfo.Outcome.FAIL  # 5 against the table's 1


def test_a_subject_restated_many_times_is_one_figure() -> None:
    report = govinfo.parse(_appeals_page(*["全年办理因政府信息公开申请引发的行政复议1起。"] * 500))
    assert len(report.prose) == 500
    assert _appeals(report) == PRINTED
    [note] = _codes(report, "split-by-prose")
    assert note.message.count("new.review.total") == 1
    # Two values for one subject: the prose contradicts itself and decides nothing.
    both = govinfo.parse(
        _appeals_page("行政复议1起。", "全年办理因政府信息公开申请引发的行政复议21起。")
    )
    assert [c.value for c in both.prose] == [1, 21]
    assert "new.review.total" not in both.cells


def test_figures_that_fit_no_split_together_decide_nothing() -> None:
    # 行政复议1起 fits the printed split and 行政诉讼17起 the other: not both.
    report = govinfo.parse(
        _appeals_page("全年办理因政府信息公开申请引发的行政复议1起，行政诉讼17起。")
    )
    assert "new.review.total" not in report.cells
    assert len(_codes(report, "split-prose-unused")) == 2
    assert len(_codes(report, "split-ambiguous")) == 1


def _docs_page(*prose: str) -> str:
    return "\n".join(
        [
            "某区2021年度政府信息公开工作年度报告",
            "一、总体情况",
            *prose,
            (
                "二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数"
                "现行有效件数规章 000行政规范性文件8855698第二十条第（五）项信息内容"
                "本年处理决定数量行政许可2293"
            ),
            "五、存在的主要问题及改进情况",
            "无。",
        ]
    )


def _docs(report: govinfo.Report) -> list[Decimal | None]:
    columns = ("issued", "repealed", "in_force")
    return [report.value(f"new.active.normative_docs.{c}") for c in columns]


def test_table_two_digits_no_hard_rule_ties_are_split_by_the_prose() -> None:
    # 8855698 as 制发/废止/现行有效: fifteen splits, and N8 is SOFT (never used).
    alone = govinfo.parse(_docs_page("无。"))
    assert _docs(alone) == [None, None, None]
    assert "split 15 ways the sums allow" in _codes(alone, "split-ambiguous")[0].message
    both = govinfo.parse(_docs_page("本年制发行政规范性文件88件，废止5件。"))
    assert _docs(both) == [88, 5, 5698]
    assert "decided_by:N13" in both.cells["new.active.normative_docs.in_force"].flags
    assert not any(u.cells == ("8855698",) for u in both.unknown_rows)
    # One figure narrows the row: 制发 is set, the rest stays open with what is left.
    one = govinfo.parse(_docs_page("本年制发行政规范性文件88件。"))
    assert _docs(one) == [88, None, None]
    [left] = _codes(one, "split-ambiguous")
    assert "split 4 ways the sums and the prose allow: 88/5/5698; 88/55/698" in left.message
    [row] = [u for u in one.unknown_rows if u.cells == ("8855698",)]
    assert row.reason == left.message


def test_an_approximate_figure_decides_nothing() -> None:
    # `88余件` says "more than 88": it is never an equation, however it reads.
    report = govinfo.parse(_docs_page("本年制发行政规范性文件88余件。"))
    assert _docs(report) == [None, None, None]
    assert "split 15 ways the sums allow" in _codes(report, "split-ambiguous")[0].message
    assert not _codes(report, "split-by-prose")


def _requests_page(*prose: str) -> str:
    return "\n".join(
        [
            "某区2021年度政府信息公开工作年度报告",
            "一、总体情况",
            *prose,
            "三、收到和处理政府信息公开申请情况",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "一、本年新收政府信息公开申请数量270020130",
            "二、上年结转政府信息公开申请数量250000025",
            "（七）总计000000",
            "五、存在的主要问题及改进情况",
            "无。",
        ]
    )


def test_a_figure_of_several_readings_decides_only_where_they_agree() -> None:
    # 新收 splits 2/7/0/0/20/1/30 or 27/0/0/2/0/1/30 (N3). 受理…自然人 may be 新收 alone or
    # 新收 + 上年结转 (25): 27 fits the first reading with one split and the second with
    # the other, so nothing is set; 52 fits only the second, with 27.
    received = [f"new.req.received.{c}" for c in SEVEN]
    either = govinfo.parse(_requests_page("本年度共受理政府信息公开申请55件，其中自然人申请27件。"))
    assert "new.req.accepted.natural_person" in {c.id for c in either.prose}
    assert [either.value(c) for c in received][:2] == [None, None]
    assert _codes(either, "split-by-prose") == []
    one = govinfo.parse(_requests_page("本年度共受理政府信息公开申请55件，其中自然人申请52件。"))
    assert [one.value(c) for c in received] == [27, 0, 0, 2, 0, 1, 30]
    assert "decided_by:N13" in one.cells["new.req.received.business"].flags


def test_a_report_with_no_open_split_keeps_no_state_for_the_prose() -> None:
    text = _appeals_page().replace(APPEALS, "1 0 0 0 1 12 12 0 0 24 0 3 10 0 13")
    assert read_tables(normalize(text)).reading.open_splits is None
    assert read_tables(normalize(_appeals_page())).reading.open_splits is not None


def _sentences(values: Mapping[str, Decimal | None], template: str) -> list[str]:
    """Prose sentences restating ``values`` with the cues real reports use."""

    def n(cell_id: str) -> str | None:
        value = values.get(cell_id)
        return None if value is None else str(value)

    found = []
    received, natural = n("new.req.received.total"), n("new.req.received.natural_person")
    if received and natural:
        found.append(f"本年度共收到政府信息公开申请{received}件，其中自然人申请{natural}件。")
    review, direct, after = (n(f"new.{g}.total") for g in GROUPS)
    if review and direct and after:
        suits = Decimal(direct) + Decimal(after)
        found.append(f"全年办理因政府信息公开申请引发的行政复议{review}起，行政诉讼{suits}起。")
    if template == "new-2021":
        issued, repealed = (n(f"new.active.normative_docs.{c}") for c in ("issued", "repealed"))
        if issued and repealed:
            found.append(f"本年制发行政规范性文件{issued}件，废止{repealed}件。")
        regulations = n("new.active.regulations.in_force")
        if regulations:
            found.append(f"现行有效规章{regulations}件。")
    return found


def _with_prose(text: str, sentences: list[str]) -> str:
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("一、总体情况")) + 1
    return "\n".join([*lines[:at], *sentences, *lines[at:]])


_REPORTS = strategies.reports(
    template="new-2021", shape=Shape.PDF, traditional=False
) | strategies.reports(template="new-2019", shape=Shape.PDF, traditional=False)


@settings(max_examples=40)
@given(_REPORTS, st.data())
def test_prose_that_restates_the_table_never_sets_a_wrong_value(
    generated: strategies.GeneratedReport, data: st.DataObject
) -> None:
    sentences = _sentences(generated.values, generated.template)
    chosen = data.draw(st.lists(st.sampled_from(sentences), unique=True)) if sentences else []
    report = govinfo.parse(_with_prose(glue(generated.text), chosen))
    wrong = {
        cell_id: (cell.value, generated.values.get(cell_id))
        for cell_id, cell in report.cells.items()
        if cell.value is not None and cell.value != generated.values.get(cell_id)
    }
    assert wrong == {}
    assert_split_rules_not_passed(report)
    assert _codes(report, "split-prose-unused") == []


def _digits(values: Mapping[str, Decimal | None], row: str, columns: tuple[str, ...]) -> str:
    """A row's values as its run-together digits (empty when a cell is blank)."""
    found = [values.get(f"{row}.{c}") for c in columns]
    return "" if None in found else "".join(str(v) for v in found)


def _false_sentences(values: Mapping[str, Decimal | None], template: str, cut: int) -> list[str]:
    """Figures that restate a cell with a piece of its row's digits, right or wrong."""
    docs = ("issued", "repealed", "in_force") if template == "new-2021" else ("made",)
    docs_cue = "本年制发行政规范性文件" if template == "new-2021" else "制定规范性文件"
    total = values.get("new.req.received.total")
    rows = [
        (_digits(values, "new.active.normative_docs", docs), docs_cue + "{}件。"),
        (
            _digits(values, "new.req.received", SEVEN),
            f"本年度共收到政府信息公开申请{total}件，其中自然人申请{{}}件。",
        ),
    ]
    found = []
    for digits, sentence in rows:
        if len(digits) > 1:
            found.append(sentence.format(int(digits[: 1 + cut % (len(digits) - 1)])))
    return found


@settings(max_examples=40)
@given(_REPORTS, st.integers(0, 20), st.data())
def test_a_wrong_value_only_ever_comes_from_a_figure_and_says_so(
    generated: strategies.GeneratedReport, cut: int, data: st.DataObject
) -> None:
    # A figure that is a piece of its row's digits is some split's value: when the
    # prose is wrong, it may pick a wrong split. Such a cell says the prose (N13)
    # decided it, and that check cannot pass on it; no other cell is ever wrong.
    sentences = _false_sentences(generated.values, generated.template, cut)
    chosen = data.draw(st.lists(st.sampled_from(sentences), unique=True)) if sentences else []
    report = govinfo.parse(_with_prose(glue(generated.text), chosen))
    by_prose = decided_by(report, "N13")
    for cell_id, cell in report.cells.items():
        if cell.value is not None and cell.value != generated.values.get(cell_id):
            assert cell_id in by_prose, (cell_id, cell.value, chosen)
    assert_split_rules_not_passed(report)
