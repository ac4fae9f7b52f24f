"""The invariant engine: catalogue §4.1 semantics, seed outcomes and findings."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

import govinfo
from govinfo import Cell, Outcome, Report, Severity
from govinfo.catalogue.formulas import compiled_rules
from govinfo.values import parse_value

if TYPE_CHECKING:
    from .conftest import SeedFinder

SEEDS = ["000", "001", "002", "003", "004"]


def _cell(cell_id: str, raw: str, line: int = 1) -> Cell:
    quantity = parse_value(raw)
    assert quantity is not None
    return Cell.from_quantity(cell_id, quantity, unit="件", raw=raw, line=line, column=1)


def _report(template: str = "old-2018", **values: str) -> Report:
    cells = {}
    for line, (name, raw) in enumerate(values.items(), start=1):
        cell_id = "old." + name.replace("__", ".")
        cells[cell_id] = _cell(cell_id, raw, line)
    return Report(template=template, cells=cells)


def _rule(report: Report, rule: str) -> govinfo.RuleResult:
    [result] = [r for r in govinfo.evaluate(report) if r.id == rule]
    return result


def test_every_catalogue_invariant_is_compiled() -> None:
    ids = [invariant.id for invariant, _ in compiled_rules()]
    catalogue = govinfo.load_catalogue()
    assert ids == [invariant.id for invariant in catalogue.invariants]
    checked = {i.id: c for i, c in compiled_rules()}
    assert len(checked["O1"]) == 5  # one comparison per channel
    assert len(checked["O15"]) == 5  # five `;`-separated comparisons
    # Every value row of table 三 in either template: 22 shared, 1 of 2019, 3 of 2021.
    assert len(checked["N3"]) == 26


@pytest.mark.parametrize("prefix", SEEDS)
def test_outcomes_on_the_seeds_are_those_of_the_catalogue(
    seed: SeedFinder, spec_catalogue: object, prefix: str
) -> None:
    path = seed(prefix)
    spec = json.loads(spec_catalogue.read_text("utf-8"))  # type: ignore[attr-defined]
    expected = {i["id"]: i["seeds"][path.name]["outcome"] for i in spec["invariants"]}
    report = govinfo.parse_file(path)
    # The spec's rules; the project's own (R, V, T) are tested on their own.
    actual = {r.id: r.outcome.value for r in govinfo.evaluate(report) if r.id in expected}
    assert actual == expected


def _pinned(report: Report) -> list[tuple[str, str, tuple[str, ...], tuple[int, ...]]]:
    return [
        (f.code, f.severity.value, f.cells, f.lines)
        for f in report.findings
        if f.severity is not Severity.INFO
    ]


def test_000_findings(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("000"))
    pinned = _pinned(report)
    assert pinned[0] == (
        "O8",
        "error",
        ("old.req.closed", "old.req.closed.on_time", "old.req.closed.extended"),
        (155, 159, 163),
    )
    assert [p[0] for p in pinned] == ["O8", "O9", "O10", "O17"]
    assert pinned[1][3] == (167, 171, 175, 179, 183, 211, 215, 219, 223)
    assert pinned[2][3] == (183, 187, 191, 195, 199, 203, 207)
    assert pinned[3] == ("O17", "warning", ("old.req.received", "old.req.received"), (30, 135))
    o8 = report.findings[0]
    assert o8.message == "申请办结数 308 ≠ 按时办结数 299 + 延期办结数 11 = 310 (差 2)"
    assert (o8.actual, o8.expected, o8.difference) == (Decimal(308), Decimal(310), Decimal(-2))
    assert not govinfo.is_consistent(report)


def test_004_excess_is_named_as_counted_on_top(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("004"))
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert [f.code for f in errors] == ["O9"]
    [o9] = errors
    assert (o9.actual, o9.expected, o9.difference) == (Decimal(441), Decimal(555), Decimal(-114))
    assert o9.suspects == ("old.req.reply.already_public",)
    assert "属于已主动公开范围数" in o9.message.split("；")[1]
    prose = [f for f in report.findings if f.code == "O17"]
    assert [(f.severity, f.lines) for f in prose] == [(Severity.INFO, (88, 695))]


def test_001_and_002_have_no_error(seed: SeedFinder) -> None:
    for prefix in ("001", "002"):
        report = govinfo.parse_file(seed(prefix))
        assert govinfo.is_consistent(report)
    report = govinfo.parse_file(seed("002"))
    o9 = [f for f in report.findings if f.code == "O9"]
    assert [f.severity for f in o9] == [Severity.INFO]
    assert o9[0].missing == ("old.req.reply", "old.req.reply.amend")


def test_001_contradictions_between_prose_and_table(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("001"))
    prose = [(f.cells[0], f.lines) for f in report.findings if f.code == "O17"]
    assert prose == [
        ("old.active.channel.other", (41, 187)),
        ("old.response.channel.interpretation", (127, 215)),
    ]


def test_findings_are_what_check_returns(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("000"))
    assert tuple(govinfo.check(report)) == report.findings
    assert list(govinfo.iter_findings(report)) == govinfo.check(report)


class TestSemantics:
    """Catalogue §4.1, one rule at a time."""

    def test_a_blank_operand_is_never_zero(self) -> None:
        report = _report(req__closed="10", req__closed__on_time="10", req__closed__extended="")
        result = _rule(report, "O8")
        assert result.outcome is Outcome.NOT_EVALUABLE
        [comparison] = result.comparisons
        assert comparison.missing == ("old.req.closed.extended",)
        # The known operands balance: the blank can only be 0, said, not written.
        assert comparison.implied_zero
        assert report.cells["old.req.closed.extended"].value is None

    def test_known_operands_can_decide_despite_a_blank(self) -> None:
        report = _report(req__closed="10", req__closed__on_time="11", req__closed__extended="-")
        result = _rule(report, "O8")
        assert result.outcome is Outcome.FAIL
        [finding] = [f for f in govinfo.check(report) if f.code == "O8"]
        assert finding.severity is Severity.ERROR
        assert finding.missing == ("old.req.closed.extended",)

    def test_an_unprinted_row_is_missing(self) -> None:
        report = _report(req__closed="10", req__closed__on_time="10")
        assert _rule(report, "O8").outcome is Outcome.NOT_EVALUABLE

    def test_an_operand_the_template_lacks_is_absent(self) -> None:
        # 5.其他形式 is a Shandong row: absent from old-2018, so O7 runs without it.
        values = {
            "req__received": "6",
            "req__received__in_person": "1",
            "req__received__fax": "2",
            "req__received__online": "3",
            "req__received__letter": "0",
        }
        assert _rule(_report(**values), "O7").outcome is Outcome.PASS
        shandong = _report("old-shandong-county", **values)
        assert _rule(shandong, "O7").outcome is Outcome.NOT_EVALUABLE

    def test_approximate_values_are_intervals(self) -> None:
        inside = _report(
            org__staff="5000余", org__staff__full_time="5000", org__staff__part_time="2"
        )
        assert _rule(inside, "O14").outcome is Outcome.NOT_EVALUABLE
        outside = _report(
            org__staff="5000余", org__staff__full_time="6000", org__staff__part_time="2"
        )
        assert _rule(outside, "O14").outcome is Outcome.FAIL

    def test_approximate_values_never_confirm_an_inequality(self) -> None:
        report = _report(active__normative_published="3", active__total="4万余")
        assert _rule(report, "O3").outcome is Outcome.NOT_EVALUABLE

    def test_soft_rules_warn(self) -> None:
        report = _report(req__closed="12", req__received="10")
        [finding] = [f for f in govinfo.check(report) if f.code == "O11"]
        assert finding.severity is Severity.WARNING

    def test_info_rules_never_yield_a_finding(self) -> None:
        report = _report(response__total="1", response__channel__press_conf="100")
        assert _rule(report, "O6").outcome is Outcome.INFO
        assert not [f for f in govinfo.check(report) if f.code == "O6"]

    def test_rules_of_other_templates_do_not_apply(self) -> None:
        report = _report(req__closed="1")
        assert _rule(report, "O15").outcome is Outcome.NOT_APPLICABLE
        assert _rule(report, "N1").outcome is Outcome.NOT_APPLICABLE
        assert _rule(Report(), "O8").outcome is Outcome.NOT_APPLICABLE

    def test_consistent_report_has_no_error(self) -> None:
        report = _report(req__closed="3", req__closed__on_time="2", req__closed__extended="1")
        assert govinfo.is_consistent(report)
        assert _rule(report, "O8").outcome is Outcome.PASS


def test_a_finding_is_one_line() -> None:
    finding = govinfo.Finding(
        code="T1", severity=Severity.WARNING, message="未读出表三", lines=(0,)
    )
    assert (finding.line, str(finding)) == (None, "T1 警告 未读出表三")
    english = govinfo.Finding(
        code="O8", severity=Severity.ERROR, message="difference 1", lines=(149, 141), lang="en"
    )
    assert str(english) == "141: O8 error difference 1"
    assert "Finding(" not in str(english)
