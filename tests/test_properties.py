"""Properties over generated reports (govinfo.strategies) and arbitrary text."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import Severity, strategies
from govinfo.catalogue.formulas import compiled_rules
from govinfo.testing import TEMPLATES, render_report, shapes_for

# Rendering and parsing a whole report per example is slower than Hypothesis expects.
_SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@_SLOW
@given(strategies.reports())
def test_parse_recovers_every_value(generated: strategies.GeneratedReport) -> None:
    report = govinfo.parse(generated.text)
    assert report.template == generated.template
    assert (report.agency, report.year) == (generated.agency, generated.year)
    assert {k: report.value(k) for k in generated.values} == generated.values
    assert report.unknown_rows == ()


@_SLOW
@given(strategies.reports())
def test_json_round_trip(generated: strategies.GeneratedReport) -> None:
    report = govinfo.parse(generated.text)
    assert govinfo.loads(govinfo.dumps(report)) == report


@_SLOW
@given(strategies.reports())
def test_consistent_reports_have_no_error(generated: strategies.GeneratedReport) -> None:
    report = govinfo.parse(generated.text)
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []
    assert govinfo.is_consistent(report)


@_SLOW
@given(strategies.reports(faulty=True))
def test_a_broken_invariant_is_reported(generated: strategies.GeneratedReport) -> None:
    assert generated.fault is not None
    report = govinfo.parse(generated.text)
    errors = {(f.code, c) for f in report.findings if f.severity is Severity.ERROR for c in f.cells}
    assert (generated.fault.rule, generated.fault.cell) in errors


def _equality_cells(template: str) -> list[str]:
    """Cells that some EQ rule of the template compares."""
    catalogue = govinfo.load_catalogue()
    carried = {c.id for c in catalogue.cells_of(template)}
    cells: list[str] = []
    for invariant, comparisons in compiled_rules():
        if invariant.cls != "EQ" or template not in invariant.templates:
            continue
        for comparison in comparisons:
            for term in (*comparison.left, *comparison.right):
                if term.id in carried and term.id not in cells:
                    cells.append(term.id)
    return cells


@_SLOW
@given(st.sampled_from(TEMPLATES), st.data())
def test_changing_one_compared_cell_is_named_by_a_finding(
    template: str, data: st.DataObject
) -> None:
    values = data.draw(strategies.values(template, blanks=False))
    cell = data.draw(st.sampled_from(_equality_cells(template)))
    changed = dict(values)
    changed[cell] = (values[cell] or Decimal(0)) + data.draw(st.integers(1, 40))
    shape = data.draw(st.sampled_from(shapes_for(template)))
    report = govinfo.parse(render_report(changed, template, shape))
    assert any(cell in f.cells for f in report.findings if f.severity is not Severity.INFO)


@_SLOW
@given(st.sampled_from(TEMPLATES), st.data())
def test_blanking_one_operand_never_makes_an_error(template: str, data: st.DataObject) -> None:
    values = data.draw(strategies.values(template, blanks=False))
    cell = data.draw(st.sampled_from(sorted(values)))
    blanked = dict(values)
    blanked[cell] = None
    report = govinfo.parse(render_report(blanked, template, shapes_for(template)[0]))
    assert report.cells[cell].is_missing
    assert not [f for f in report.findings if f.severity is Severity.ERROR]
    assert all(cell in f.missing for f in report.findings if cell in f.cells and f.code != "O17")


def _only_govinfo_errors(text: str) -> None:
    try:
        result = govinfo.parse(text)
    except govinfo.GovinfoError:
        return
    assert isinstance(result, govinfo.Report)


@given(st.text())
def test_any_text_gives_a_report_or_a_govinfo_error(text: str) -> None:
    _only_govinfo_errors(text)


@_SLOW
@given(strategies.reports(), st.data())
def test_mutated_reports_give_a_report_or_a_govinfo_error(
    generated: strategies.GeneratedReport, data: st.DataObject
) -> None:
    lines = generated.text.splitlines()
    mutation = data.draw(st.sampled_from(["delete", "swap", "truncate", "bytes", "duplicate"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(0, len(lines) - 1))
    if mutation == "delete":
        del lines[i : i + data.draw(st.integers(1, 20))]
    elif mutation == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif mutation == "truncate":
        lines = lines[:i]
    elif mutation == "duplicate":
        lines[j:j] = lines[i : i + 8]
    else:
        noise = data.draw(st.binary(min_size=1, max_size=200))
        lines.insert(i, noise.decode("utf-8", errors="replace"))
    _only_govinfo_errors("\n".join(lines))
