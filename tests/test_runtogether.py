"""Digits run together: split by the table's own arithmetic, never guessed."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import strategies
from govinfo.tables.digits import TooMany, cuts, row_splits, summed_splits
from govinfo.tables.new.solve import Pending, solve
from govinfo.testing import Shape

from .conftest import FIVE, GROUPS, ROOT, SEVEN

if TYPE_CHECKING:
    from .conftest import CorpusFinder


def _page(*lines: str) -> str:
    return "\n".join(["某区2021年度政府信息公开工作年度报告", *lines])


def _row(report: govinfo.Report, row: str) -> list[Decimal | None]:
    return [report.value(f"new.req.{row}.{c}") for c in SEVEN]


def test_cuts_have_no_leading_zeros() -> None:
    assert list(cuts("000", 3)) == [("0", "0", "0")]
    assert sorted(cuts("105", 2)) == [("10", "5")]
    assert list(cuts("00", 1)) == []
    assert row_splits(["500000", "5"], 7) == [("5", "0", "0", "0", "0", "0", "5")]


def test_table_four_is_split_by_its_group_sums() -> None:
    # 17 digits for 15 counts: 25 splits, one satisfies N5 in all three groups.
    report = govinfo.parse(
        _page(
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
            "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
            "10203120001200000",
            "五、存在的主要问题及改进情况",
            "2021年，无。",
        )
    )
    values = [[report.value(f"new.{g}.{c}") for c in FIVE] for g in GROUPS]
    assert values == [[1, 0, 2, 0, 3], [12, 0, 0, 0, 12], [0, 0, 0, 0, 0]]
    cell = report.cells["new.review.total"]
    assert cell.raw == "10203120001200000"
    assert "decided_by:N5" in cell.flags


# Table 三 of a real page (the 2021 form) whose rows ran together: （一） and 1.本机关不掌握
# each have two splits satisfying N3; only one pair satisfies N2 down the columns.
TABLE_THREE = (
    "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计"
    "商业企业科研机构社会公益组织法律服务机构其他"
    "一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000"
    "三、本年度办理结果（一）予以公开270020130（二）部分公开（区分处理的，只计这一情形，"
    "不计其他情形）500000 5（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"
    "3.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息1000001"
    "6.属于四类过程性信息00000007.属于行政执法案卷60000068.属于行政查询事项1000001"
    "（四）无法提供1.本机关不掌握相关政府信息2200003252.没有现成信息需要另行制作0000000"
    "3.补正后申请内容仍不明确0000000（五）不予处理1.信访举报投诉类申请00000002.重复申请0000000"
    "3.要求提供公开出版物00000004.无正当理由大量反复申请0000000"
    "5.要求行政机关确认或重新出具已获取信息0000000（六）其他处理"
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请0000000"
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请0000000"
    "3.其他1000001（七）总计630020469四、结转下年度继续办理1000001"
)


def test_rows_decided_only_by_the_column_sums() -> None:
    report = govinfo.parse(_page(TABLE_THREE))
    assert report.template == "new-2021"
    assert _row(report, "received") == [64, 0, 0, 2, 0, 4, 70]
    assert _row(report, "granted") == [27, 0, 0, 2, 0, 1, 30]
    assert _row(report, "unable.not_held") == [22, 0, 0, 0, 0, 3, 25]
    assert _row(report, "partial") == [5, 0, 0, 0, 0, 0, 5]
    assert _row(report, "total") == [63, 0, 0, 2, 0, 4, 69]
    flags = report.cells["new.req.granted.business"].flags
    assert "split_digits" in flags
    assert "decided_by:N2" in flags


def test_a_split_the_sums_cannot_decide_is_left_missing_with_its_candidates() -> None:
    # Without the rest of the table, （一）予以公开's two N3-valid splits stay open.
    report = govinfo.parse(
        _page(
            "三、收到和处理政府信息公开申请情况",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "（一）予以公开270020130",
            "（七）总计000000",
        )
    )
    assert "new.req.granted.natural_person" not in report.cells
    [ambiguous] = [
        d
        for d in report.diagnostics
        if d.code == "split-ambiguous" and d.message.startswith("new.req.granted")
    ]
    assert "2/7/0/0/20/1/30" in ambiguous.message
    assert "27/0/0/2/0/1/30" in ambiguous.message
    [row] = [u for u in report.unknown_rows if u.cells == ("270020130",)]
    assert row.line == ambiguous.line


def decided_by(report: govinfo.Report, rule: str) -> set[str]:
    return {i for i, c in report.cells.items() if f"decided_by:{rule}" in c.flags}


def assert_split_rules_not_passed(report: govinfo.Report) -> None:
    """A comparison over a cell its own rule split is decided, never a pass."""
    for rule in govinfo.evaluate(report):
        split = decided_by(report, rule.id)
        for comparison in rule.comparisons:
            ids = {o.term.id for o in comparison.operands if o.term.kind == "cell"}
            if ids & split:
                # Failed and not evaluable stay what they are; a pass becomes decided.
                assert comparison.outcome is not govinfo.Outcome.PASS, comparison.text
                assert set(comparison.decided) == ids & split
            else:
                assert comparison.outcome is not govinfo.Outcome.DECIDED
                assert comparison.decided == ()
        outcomes = {c.outcome for c in rule.comparisons}
        if govinfo.Outcome.DECIDED in outcomes:
            assert rule.outcome is not govinfo.Outcome.PASS


def test_checks_decided_by_the_split_are_not_confirmations() -> None:
    report = govinfo.parse(_page(TABLE_THREE))
    assert "decided_by:N3" in report.cells["new.req.received.total"].flags
    results = {r.id: r for r in govinfo.evaluate(report)}
    assert results["N3"].outcome is govinfo.Outcome.DECIDED
    [received] = [c for c in results["N3"].comparisons if "new.req.received.total" in c.text]
    assert received.outcome is govinfo.Outcome.DECIDED
    assert "new.req.received.total" in received.decided
    assert_split_rules_not_passed(report)
    decided = [f for f in report.findings if f.decided]
    assert {f.code for f in decided} == {"N1", "N2", "N3", "N4"}
    assert all(f.severity is govinfo.Severity.INFO for f in decided)
    [n3] = [f for f in decided if f.code == "N3" and "new.req.received.total" in f.cells]
    assert n3.message.startswith("不作核对")
    english = [f for f in govinfo.check(report, lang="en") if f.decided]
    assert english[0].message.startswith("not a check")


def test_the_run_together_corpus_report_passes_no_rule_it_split_by(corpus: CorpusFinder) -> None:
    report = govinfo.parse_file(corpus("pingtan-2021.runtogether.txt"))
    results = {r.id: r.outcome for r in govinfo.evaluate(report)}
    split_by = ("N1", "N2", "N3", "N4", "N5")
    assert {r: results[r] for r in split_by} == dict.fromkeys(split_by, govinfo.Outcome.DECIDED)
    # The prose (收到70件，办结69件，1件结转) chose no split: it checks the split cells.
    assert results["N13"] is govinfo.Outcome.PASS
    assert_split_rules_not_passed(report)
    assert {f.code for f in report.findings if f.decided} == set(split_by)


def test_the_search_is_capped_and_says_so() -> None:
    digits = "1" * 60
    report = govinfo.parse(
        _page(
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计",
            digits,
        )
    )
    assert not any(c.startswith("new.review") for c in report.cells)
    codes = {d.code for d in report.diagnostics}
    assert codes & {"split-search-capped", "appeals-unplaced"}


def test_solver_sets_only_the_cells_every_solution_agrees_on() -> None:
    cells = tuple(f"new.review.{c}" for c in FIVE)
    d = Decimal
    checked = Pending(
        "fails", cells, ((d(1), d(0), d(2), d(0), d(3)), (d(1), d(0), d(2), d(0), d(4)))
    )
    solution = solve([checked], {}, "new-2021")
    assert solution.values["new.review.total"] == 3
    assert solution.rules["new.review.total"] == ("N5",)
    two = Pending("two", cells, ((d(1), d(0), d(2), d(0), d(3)), (d(0), d(1), d(2), d(0), d(3))))
    solution = solve([two], {}, "new-2021")
    assert dict(solution.values.items()) == {
        "new.review.other": 2,
        "new.review.pending": 0,
        "new.review.total": 3,
    }
    assert len(solution.undecided["two"]) == 2


def test_a_minus_in_a_run_signs_a_value_of_a_signed_column_only() -> None:
    # 37 / -6 / 32 printed as `37-632`: the minus starts the 本年增/减 value; it was
    # read as a blank change and 632 decisions (a wrong value).
    report = govinfo.parse(
        "\n".join(
            [
                "某区2019年度政府信息公开工作年度报告",
                "二、主动公开政府信息情况",
                "第二十条第（五）项",
                "信息内容 上一年项目数量 本年增/减 处理决定数量",
                "行政许可37-632",
            ]
        )
    )
    assert report.value("new.active.licensing.previous") == 37
    assert "new.active.licensing.change" not in report.cells
    assert "new.active.licensing.decisions" not in report.cells
    [ambiguous] = [d for d in report.diagnostics if d.code == "split-ambiguous"]
    # Both candidates put the minus in 本年增/减, none in a count column.
    assert "37/-6/32; 37/-63/2" in ambiguous.message


def glue(text: str) -> str:
    """Remove the separators between a row's numbers, and between a label and them."""
    text = re.sub(r"(?<=\d) (?=-?\d)", "", text)  # `37 -6 32` → `37-632`
    return re.sub(r"(?<=[\u4e00-\u9fff）”]) (?=\d)", "", text)


@settings(max_examples=40)
@given(
    strategies.reports(template="new-2021", shape=Shape.PDF, traditional=False)
    | strategies.reports(template="new-2019", shape=Shape.PDF, traditional=False)
)
def test_every_value_set_from_glued_digits_is_the_printed_one(
    generated: strategies.GeneratedReport,
) -> None:
    report = govinfo.parse(glue(generated.text))
    wrong = {
        cell_id: (cell.value, generated.values.get(cell_id))
        for cell_id, cell in report.cells.items()
        if cell.value is not None and cell.value != generated.values.get(cell_id)
    }
    assert wrong == {}
    assert_split_rules_not_passed(report)
    # A table 三 row left unread says why: its candidate splits, or the capped search.
    unread = {
        cell_id.rsplit(".", 1)[0]
        for cell_id, value in generated.values.items()
        if cell_id.startswith("new.req.") and value is not None and cell_id not in report.cells
    }
    said = " ".join(
        d.message
        for d in report.diagnostics
        if d.code in {"split-ambiguous", "split-search-capped"}
    )
    said += " ".join(row.reason for row in report.unknown_rows)
    assert all(row in said for row in unread), (unread, said)


@given(st.text(alphabet="0123456789", min_size=1, max_size=40), st.integers(1, 15))
def test_row_splits_read_back_to_the_run(run: str, width: int) -> None:
    try:
        found = row_splits([run], width)
    except Exception:  # noqa: BLE001 - TooMany is the documented way to stop
        return
    for split in found:
        assert "".join(split) == run
        assert all(part == "0" or not part.startswith("0") for part in split)


def _docs(*splits: tuple[int, int, int]) -> Pending:
    cells = tuple(f"new.active.normative_docs.{c}" for c in ("issued", "repealed", "in_force"))
    return Pending("docs", cells, tuple(tuple(Decimal(v) for v in s) for s in splits))


def test_a_soft_rule_never_decides_a_split() -> None:
    # '1200' as 制发/废止/现行有效: 12/0/0 breaks N8 (0 < 12 - 0), 1/20/0 keeps it. Real
    # reports break N8 (1 / 0 / 0), so keeping it is no evidence: the row stays open.
    solution = solve([_docs((12, 0, 0), (1, 20, 0))], {}, "new-2021")
    assert "new.active.normative_docs.issued" not in solution.values
    assert len(solution.undecided["docs"]) == 2
    # In 2019 a hard rule, N10, can decide the same digits.
    cells = ("made", "published", "published_total")
    row = Pending(
        "docs",
        tuple(f"new.active.normative_docs.{c}" for c in cells),
        ((Decimal(12), Decimal(0), Decimal(0)), (Decimal(1), Decimal(20), Decimal(0))),
    )
    # N10 (published <= published_total, LE) rules out 1/20/0 there instead.
    solution = solve([row], {}, "new-2019")
    assert solution.values["new.active.normative_docs.made"] == 12
    assert solution.rules["new.active.normative_docs.made"] == ("N10",)


def test_a_soft_rule_the_report_breaks_whatever_the_split_is_not_used() -> None:
    # Both splits break N8: the report breaks it, so it cannot choose between them.
    solution = solve([_docs((50, 0, 1), (5, 0, 1))], {}, "new-2021")
    assert "new.active.normative_docs.issued" not in solution.values
    assert len(solution.undecided["docs"]) == 2
    assert solution.values["new.active.normative_docs.in_force"] == 1
    assert solution.rules["new.active.normative_docs.in_force"] == ()


def test_a_row_of_large_counts_is_split_by_its_own_sum() -> None:
    # 25 digits for seven counts of a city's table 三 row: more splits than are listed,
    # and one in which the six applicant columns add up to 总计 (N3).
    run = "7134131820374491121210522"
    with pytest.raises(TooMany):
        row_splits([run], 7)
    report = govinfo.parse(
        _page(
            "三、收到和处理政府信息公开申请情况",
            "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他",
            f"一、本年新收政府信息公开申请数量{run}",
            "四、政府信息公开行政复议、行政诉讼情况",
        )
    )
    assert _row(report, "received") == [7134, 1318, 203, 744, 911, 212, 10522]
    cell = report.cells["new.req.received.total"]
    assert (cell.raw, "decided_by:N3" in cell.flags) == (run, True)
    assert_split_rules_not_passed(report)


@given(
    st.lists(st.lists(st.integers(0, 3000), min_size=1, max_size=4), min_size=1, max_size=3),
    st.integers(1, 3),
)
def test_summed_splits_are_the_splits_whose_groups_add_up(
    groups: list[list[int]], pieces: int
) -> None:
    values = [v for parts in groups for v in (*parts, sum(parts))]
    digits = "".join(map(str, values))
    # The digits printed as one to three runs, cut where values meet.
    step = max(1, len(values) // pieces)
    runs = ["".join(map(str, values[i : i + step])) for i in range(0, len(values), step)]
    sizes = [len(parts) + 1 for parts in groups]
    found = summed_splits(runs, sizes)
    assert tuple(map(str, values)) in found
    assert all("".join(split) == digits for split in found)
    try:
        every = row_splits(runs, len(values))
    except TooMany:
        return
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    adding_up = [
        split
        for split in every
        if all(
            int(split[a + n - 1]) == sum(int(v) for v in split[a : a + n - 1])
            for a, n in zip(starts, sizes, strict=True)
        )
    ]
    assert sorted(found) == sorted(adding_up)


def test_six_values_whose_digits_cannot_hold_seven_are_six_on_a_run_together_page() -> None:
    # Table 四 printed run together makes the page's numbers run together; table 三's
    # `2 0 0 0 0 0` still holds six values only: read with 总计 blank, as on any page.
    text = (ROOT / "tests" / "data" / "new" / "county-2021-pdf.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[56] == "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0"
    lines[56] = "100010000000000"
    report = govinfo.parse("\n".join(lines))
    assert _row(report, "unable.not_held") == [2, 0, 0, 0, 0, 0, None]
    assert [report.value(f"new.review.{c}") for c in FIVE] == [1, 0, 0, 0, 1]
    assert report.unknown_rows == ()
