"""``govinfo check`` and ``govinfo rules``: what agency staff read, and the exit status."""

from __future__ import annotations

import io
import json
import random
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

import govinfo
from govinfo.checks.presence import absent_tables, unplaced_values
from govinfo.cli import EXIT_ERRORS, EXIT_UNCHECKED, EXIT_UNREADABLE, main
from govinfo.testing import consistent_values
from govinfo.testing.carriers import render_docx, render_html, report_layout
from govinfo.testing.render import render_report, shapes_for

from .conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from .conftest import CorpusFinder, SeedFinder

EXAMPLE = ROOT / "examples" / "qinghe-2018.txt"
_AGENCY = "青禾市人民政府"


def _check(*argv: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = main(["check", *argv], out=out)
    return status, out.getvalue().splitlines()


def test_one_line_per_finding_with_its_meaning_and_exit_1_on_errors() -> None:
    status, lines = _check(str(EXAMPLE))
    assert status == EXIT_ERRORS
    report = govinfo.parse_file(EXAMPLE)
    # The line of a finding in a text file is `FILE:` and str(finding).
    assert lines[:2] == [f"{EXAMPLE}:{finding}" for finding in report.findings]
    assert (
        lines[1]
        == f"{EXAMPLE}:141: O8 错误 申请办结数 62 ≠ 按时办结数 58 + 延期办结数 3 = 61 (差 1)"
    )
    assert "  O8：申请办结数等于按时办结数加延期办结数。" in lines
    assert lines[-1] == f"{EXAMPLE}: 1 个错误，0 个警告，1 个提示；表格式样 old-2018"
    assert not any("\x1b[" in line for line in lines)  # no colour off a terminal


def test_verbose_marks_each_operand_in_its_source_line() -> None:
    _, lines = _check("--verbose", str(EXAMPLE))
    head = next(i for i, line in enumerate(lines) if " O8 错误 " in line)
    assert lines[head + 1 : head + 3] == ["      141 |  62", "          |  ^^ （二）申请办结数"]


def test_undecided_comparisons_are_summarised_per_rule(corpus: CorpusFinder) -> None:
    path = corpus("shanghai-gov-office-2019.html")
    _, lines = _check(str(path))
    n1 = [line for line in lines if " N1 " in line]
    assert n1 == [
        (
            f"{path}:1: N1 提示 无法判定 5 处"
            "（商业企业、科研机构、社会公益组织、法律服务机构等（另 1 项）），共 14 格空缺或未列"
        )
    ]
    _, verbose = _check("--verbose", str(path))
    assert len([line for line in verbose if " N1 提示 无法判定：" in line]) == 5


def test_severity_options_and_fail_on(seed: SeedFinder) -> None:
    path = str(seed("001"))  # two O17 warnings, undecided O7 and O15, no error
    status, lines = _check(path)
    assert status == 0
    status, lines = _check("--fail-on", "warning", path)
    assert status == EXIT_ERRORS
    _, lines = _check("--severity", "warning", path)
    assert [
        line.split()[1] for line in lines if line.startswith(f"{path}:") and " 警告 " in line
    ] == [
        "O17",
        "O17",
    ]
    assert not any(" 提示 " in line for line in lines)
    _, lines = _check("--min-severity", "error", path)
    assert lines[-1] == f"{path}: 0 个错误，0 个警告，0 个提示；表格式样 old-shandong-county"
    status, lines = _check("--quiet", "--fail-on", "never", str(EXAMPLE))
    assert (status, lines) == (0, [f"{EXAMPLE}: 1 个错误，0 个警告，1 个提示；表格式样 old-2018"])


def test_english(seed: SeedFinder) -> None:
    path = str(seed("004"))
    _, lines = _check("--lang", "en", path)
    assert lines[0].startswith(f"{path}:550: O9 error 申请答复数 441 ≠ ")
    assert lines[0].endswith(
        "(difference 114); the excess equals 属于已主动公开范围数: probably counted twice"
    )
    assert lines[-1] == f"{path}: 1 error(s), 0 warning(s), 1 info; template old-shandong-city"


def test_json_lists_findings_and_outcome() -> None:
    out = io.StringIO()
    assert main(["check", "--json", str(EXAMPLE)], out=out) == EXIT_ERRORS
    [entry] = json.loads(out.getvalue())
    assert (entry["template"], entry["status"], entry["outcome"]) == ("old-2018", 1, "findings")
    assert [(f["code"], f["severity"]) for f in entry["findings"]] == [
        ("O7", "info"),
        ("O8", "error"),
    ]


def test_a_report_without_a_table_is_never_clean(
    seed: SeedFinder, corpus: CorpusFinder, tmp_path: Path
) -> None:
    status, lines = _check(str(seed("003")))
    assert (status, lines) == (EXIT_UNCHECKED, [f"{seed('003')}: 未识别统计表，未作检查"])
    # Fujian's provincial form: a table found, its rows kept raw, no cell.
    fujian = corpus("pingtan-2016.fujian-form.txt")
    rows = len(govinfo.parse_file(fujian).unknown_rows)
    assert _check(str(fujian)) == (
        EXIT_UNCHECKED,
        [f"{fujian}: 找到统计表但未能读出（{rows} 行保留原文），未作检查"],
    )
    prose_only = tmp_path / "prose.txt"
    prose_only.write_text(
        "青禾县人民政府2018年政府信息公开工作年度报告\n一、概述\n全年依法公开。\n"
    )
    assert _check("--lang", "en", str(prose_only)) == (
        EXIT_UNCHECKED,
        [f"{prose_only}: no statistics table recognised; nothing was checked"],
    )


def test_a_table_read_in_part_is_never_clean(tmp_path: Path) -> None:
    values = consistent_values("new-2021", random.Random(7).randint, agency=_AGENCY)
    text = render_report(values, "new-2021", shapes_for("new-2021")[0], agency=_AGENCY, year=2022)
    # A row of table 三 the catalogue does not know: kept raw with its seven numbers.
    path = tmp_path / "report.txt"
    path.write_text(
        text.replace(
            "（四）无法提供", "9.其他未列明情形 | 1 | 2 | 3 | 4 | 5 | 6 | 21\n（四）无法提供"
        )
    )
    status, lines = _check(str(path))
    assert status == EXIT_UNCHECKED
    assert lines[-1] == f"{path}: 统计表只读出一部分（7 个印出的数值未能放入表格），检查不完整"
    # The table without that row is clean.
    path.write_text(text)
    assert _check(str(path))[0] == 0


def test_exit_statuses_on_the_seeds(seed: SeedFinder) -> None:
    expected = {"000": EXIT_ERRORS, "001": 0, "002": 0, "003": EXIT_UNCHECKED, "004": EXIT_ERRORS}
    for prefix, status in expected.items():
        assert _check("--quiet", str(seed(prefix)))[0] == status, prefix
    paths = [str(seed(p)) for p in expected]
    # Several files: the most serious status wins (3 over 1).
    assert _check("--quiet", *paths)[0] == EXIT_UNCHECKED


_CORPUS = [
    "hongze-2024.pdf",
    "hongze-2024.pypdf.txt",
    "huaian-2024.pdf",
    "huaian-2024.pypdf.txt",
    "pingtan-2016.fujian-form.txt",
    "pingtan-2019.runtogether.txt",
    "pingtan-2021.runtogether.txt",
    "pingtan-2025.runtogether.txt",
    "shanghai-gov-office-2019.html",
    "shuyang-2025.ocr.md",
]


@pytest.mark.parametrize("name", _CORPUS)
def test_exit_status_says_what_was_checked(name: str, corpus: CorpusFinder) -> None:
    """0 only when every table was read and no error found; the last line says why not."""
    path = corpus(name)
    report = govinfo.parse_file(path)
    status, lines = _check(str(path))
    if not report.cells:
        assert status == EXIT_UNCHECKED
        assert lines[-1].endswith("未作检查")
    elif unplaced_values(report) or absent_tables(report):
        assert status == EXIT_UNCHECKED
        assert "统计表只读出一部分" in lines[-1]
    else:
        errors = [f for f in report.findings if f.severity is govinfo.Severity.ERROR]
        assert status == (EXIT_ERRORS if errors else 0)
        assert lines[-1].startswith(f"{path}: {len(errors)} 个错误")


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert _check(str(EXAMPLE), str(empty))[0] == EXIT_UNREADABLE


def test_on_a_docx_a_finding_points_at_the_table_cell(tmp_path: Path) -> None:
    values = consistent_values("old-2018", random.Random(5).randint, agency=_AGENCY)
    values["old.req.closed"] = (values["old.req.closed"] or Decimal(0)) + 7
    path = tmp_path / "broken.docx"
    path.write_bytes(render_docx(report_layout(values, "old-2018", agency=_AGENCY, year=2018)))
    status, lines = _check("--verbose", str(path))
    assert status == EXIT_ERRORS
    [head] = [line for line in lines if " O8 错误 " in line]
    assert head.startswith(f"{path}:[docx 表1 行")
    block = lines[lines.index(head) + 1 : lines.index(head) + 4]
    assert all(line.strip().startswith("[docx 表1 行") for line in block)


def _new_pair(tmp_path: Path, *, carried: Decimal) -> tuple[Path, Path]:
    """Last year's and this year's 2021-format reports of one agency."""
    last = consistent_values("new-2021", random.Random(21).randint, agency=_AGENCY)
    this = consistent_values("new-2021", random.Random(22).randint, agency=_AGENCY)
    previous, current = tmp_path / "2021.txt", tmp_path / "2022.txt"
    shape = shapes_for("new-2021")[0]
    previous.write_text(render_report(last, "new-2021", shape, agency=_AGENCY, year=2021))
    this = dict(this)
    # N6: this year's carried-in is last year's carried-out, column by column.
    for cell, value in last.items():
        if cell.startswith("new.req.carried_out."):
            this[cell.replace("carried_out", "carried_in")] = value
    this["new.req.carried_in.total"] = carried
    current.write_text(render_report(this, "new-2021", shape, agency=_AGENCY, year=2022))
    return previous, current


def test_previous_runs_the_cross_year_rules(tmp_path: Path) -> None:
    last = consistent_values("new-2021", random.Random(21).randint, agency=_AGENCY)
    carried = last["new.req.carried_out.total"] or Decimal(0)
    previous, current = _new_pair(tmp_path, carried=carried)
    status, lines = _check("--previous", str(previous), str(current))
    assert not any(" N6 " in line for line in lines)
    previous, current = _new_pair(tmp_path, carried=carried + 2)
    status, lines = _check("--previous", str(previous), str(current))
    n6 = [line for line in lines if " N6 错误 " in line]
    assert len(n6) == 1
    assert status == EXIT_ERRORS
    # Without --previous the cross-year rules do not run.
    assert not any(" N6 " in line for line in _check(str(current))[1])


def test_previous_says_when_it_is_not_last_years_report_of_the_agency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last = consistent_values("new-2021", random.Random(21).randint, agency=_AGENCY)
    previous, current = _new_pair(tmp_path, carried=last["new.req.carried_out.total"] or Decimal(0))
    _check("--previous", str(previous), str(current))
    assert capsys.readouterr().err == ""
    # This year's report given as its own previous one: not the year before, and every
    # figure and sentence "copied", which the dataset's cross-year pass also reports.
    _, lines = _check("--previous", str(current), str(current))
    assert "--previous 为 2022 年度报告，本报告为 2022 年度，不是上一年" in capsys.readouterr().err
    assert any(" copied-figures 警告 " in line for line in lines)
    assert any(" repeated-prose 警告 一、" in line for line in lines)
    assert "  copied-figures：跨年：表中数字大多与上一年报告相同（照抄）。" in lines
    other = tmp_path / "other-2021.txt"
    shape = shapes_for("new-2021")[0]
    other.write_text(render_report(last, "new-2021", shape, agency="白河县人民政府", year=2021))
    _check("--lang", "en", "--previous", str(other), str(current))
    assert "note: --previous is by 「白河县人民政府」" in capsys.readouterr().err


def test_previous_and_html_take_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--previous", str(EXAMPLE), str(EXAMPLE), str(EXAMPLE)])
    assert exit_info.value.code == 2
    assert "take one FILE" in capsys.readouterr().err


def test_rules_lists_every_rule() -> None:
    out = io.StringIO()
    assert main(["rules"], out=out) == 0
    lines = out.getvalue().splitlines()
    catalogue = govinfo.load_catalogue()
    assert [line.split()[0] for line in lines] == [r.id for r in catalogue.invariants]
    assert lines[7].split() == [
        "O8",
        "EQ",
        "错误",
        "old-*",
        "申请办结数等于按时办结数加延期办结数。",
    ]
    assert lines[-1].split()[:4] == ["T1", "SOFT", "警告", "new-*"]
    out = io.StringIO()
    main(["rules", "--json"], out=out)
    rules = {r["id"]: r for r in json.loads(out.getvalue())}
    assert rules["V1"]["severity"] == "error"
    assert rules["O6"]["severity"] is None
    assert rules["R1"]["kind"] == "report"


def test_a_folder_is_checked_file_by_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "2018").mkdir(parents=True)
    (folder / "2018" / "qinghe.txt").write_bytes(EXAMPLE.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    status, lines = _check("--quiet", str(folder))
    # The readable report's outcome line; the empty file is named on stderr (status 2 wins).
    assert status == EXIT_UNREADABLE
    assert [line.split(":")[0] for line in lines] == [str(folder / "2018" / "qinghe.txt")]
    # --html needs exactly one file, whatever the folder holds.
    assert _check("--html", str(tmp_path / "out.html"), str(folder))[0] == EXIT_UNREADABLE
    assert not (tmp_path / "out.html").exists()


def test_html_findings_name_the_table_cell_beside_the_source_line(tmp_path: Path) -> None:
    # A page printed on one line puts every cell on source line 1: the line alone
    # cannot tell two findings apart, the table cell can.
    values = consistent_values("new-2021", random.Random(5).randint, agency="青禾县人民政府")
    total = "new.req.denied.internal_affairs.natural_person"
    values[total] = (values[total] or Decimal(0)) + 7
    layout = report_layout(values, "new-2021", agency="青禾县人民政府", year=2022)
    page = tmp_path / "one-line.html"
    page.write_text(render_html(layout).replace("\n", ""), encoding="utf-8")
    _, lines = _check(str(page))
    heads = [line.split("]: ", 1)[0] for line in lines if " 错误 " in line]
    assert len(heads) == 2
    assert all(head.startswith(f"{page}:1:[表") for head in heads)
    assert heads[0] != heads[1]


def test_an_html_prose_finding_gives_the_source_line_alone(corpus: CorpusFinder) -> None:
    # The page's prose restates a figure the table does not hold (N13): a prose value
    # has no table cell to name, so no empty brackets follow its source line.
    path = corpus("shanghai-gov-office-2019.html")
    _, lines = _check(str(path))
    restated = [line for line in lines if " N13 警告 " in line]
    assert restated
    assert all(line.startswith(f"{path}:1: N13 ") for line in restated)
    assert not any(":[]:" in line for line in lines)


def test_verbose_diagnostics_give_the_candidate_splits(corpus: CorpusFinder) -> None:
    path = corpus("pingtan-2019.runtogether.txt")
    _, lines = _check("--verbose", str(path))
    [ambiguous] = [line for line in lines if "898989" in line and " 说明 " in line]
    assert "连在一起的数字有多种拆法" in ambiguous
    assert "new.active.normative_docs" in ambiguous
    assert "8/9/8989" in ambiguous


def test_an_unreadable_file_is_said_in_the_checks_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _check(str(empty))[0] == EXIT_UNREADABLE
    assert capsys.readouterr().err.splitlines() == [f"{empty}: 无法读取：empty file"]
    assert _check("--lang", "en", str(empty))[0] == EXIT_UNREADABLE
    assert capsys.readouterr().err.splitlines() == [f"{empty}: cannot read: empty file"]
