"""A one-character misprint in a table label never loses a row and never makes a wrong value.

Each label of a table is misprinted in turn (a Chinese character substituted, deleted
or inserted, in a fixed rotation), the report parsed again and compared with the
clean parse, cell by cell. A cell must come back with its value (exact, or flagged
``label_inexact``), or its row must be kept raw (an unknown row near the line, with a
reason); a cell with another value, or a cell gone without trace, fails the test.
Generated reports of both 2019/2021 templates in every text shape are probed, and the
text carriers of the real-report corpus and the seeds where ../shared is present.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, NamedTuple

import pytest

import govinfo
from govinfo.carriers.decoding import decode
from govinfo.carriers.html import html_to_lines
from govinfo.checks.presence import unplaced_values
from govinfo.testing import NEW_TEMPLATES, Shape, consistent_values, render_report, shapes_for
from tests.conftest import CORPUS, SEEDS

if TYPE_CHECKING:
    from pathlib import Path

# A run of Chinese characters in a label line: where a misprint goes.
_RUN_RE = re.compile(r"[\u4e00-\u9fff]{3,}")
# How far (in lines) from the misprint or the cell a kept raw row may be.
_NEAR = 8
# Misprints per text at most (the run-together pages hold hundreds of labels).
_MAX_PER_TEXT = 90
_KINDS = ("sub", "del", "ins")


class Outcome(NamedTuple):
    """What one misprint did: cells lost without trace, and cells with a wrong value."""

    lost: tuple[str, ...]
    wrong: tuple[str, ...]
    no_table: bool


def _sites(text: str, base: govinfo.Report) -> list[tuple[int, int, int]]:
    """(line, start, end) of each run of characters in the table's lines.

    Row labels, captions, headers, and the prose a run-together page holds on the
    table's line.
    """
    if not base.cells:
        return []
    lines = [cell.line for cell in base.cells.values()]
    first, last = max(min(lines) - 3, 1), max(lines) + 3
    found = []
    for number, line in enumerate(text.split("\n")[first - 1 : last], start=first):
        found += [(number, *m.span()) for m in _RUN_RE.finditer(line)]
    step = -(-len(found) // _MAX_PER_TEXT)  # a fixed sample, spread over the table
    return found[::step]


def _misprint(text: str, site: tuple[int, int, int], turn: int) -> str:
    """``text`` with one character of the run at ``site`` substituted, deleted or added."""
    number, start, end = site
    lines = text.split("\n")
    line = lines[number - 1]
    at = start + (turn * 7) % (end - start)
    kind = _KINDS[turn % len(_KINDS)]
    if kind == "sub":
        line = line[:at] + ("某" if line[at] != "某" else "甲") + line[at + 1 :]
    elif kind == "del":
        line = line[:at] + line[at + 1 :]
    else:
        line = line[:at] + "某" + line[at:]
    lines[number - 1] = line
    return "\n".join(lines)


def _outcome(base: govinfo.Report, report: govinfo.Report, line: int) -> Outcome:
    kept = [row for row in report.unknown_rows if row not in base.unknown_rows]
    lost, wrong = [], []
    for cell_id, cell in base.cells.items():
        now = report.cells.get(cell_id)
        if now is not None and now.value == cell.value and now.is_missing == cell.is_missing:
            continue
        if now is not None and now.value is not None:
            wrong.append(cell_id)
        elif not any(abs(r.line - cell.line) <= _NEAR or abs(r.line - line) <= _NEAR for r in kept):
            lost.append(cell_id)
    wrong += [i for i, c in report.cells.items() if i not in base.cells and c.value is not None]
    codes = {d.code for d in report.diagnostics}
    no_table = "no-table" in codes and bool(report.cells or report.unknown_rows)
    return Outcome(tuple(lost), tuple(wrong), no_table)


def _probe(text: str) -> tuple[int, list[str]]:
    """How many misprints were tried, and what went wrong with each that failed."""
    base = govinfo.parse(text)
    failures = []
    sites = _sites(text, base)
    for turn, site in enumerate(sites):
        misprinted = _misprint(text, site, turn)
        outcome = _outcome(base, govinfo.parse(misprinted), site[0])
        if outcome.lost or outcome.wrong or outcome.no_table:
            shown = misprinted.split("\n")[site[0] - 1][max(site[1] - 10, 0) : site[2] + 10]
            failures.append(f"line {site[0]} {shown!r}: {outcome}")
    return len(sites), failures


def _caption_misprints(text: str) -> list[str]:
    """``text`` with the ordinal of each table 二 caption misprinted in turn."""
    return [
        text[: m.start(1)] + "某" + text[m.end(1) :]
        for m in re.finditer(r"第二十条\s*第[（(]([一二三四五六七八九十])[）)]项", text)
    ]


def _check_captions(text: str) -> None:
    base = govinfo.parse(text)
    for misprinted in _caption_misprints(text):
        report = govinfo.parse(misprinted)
        line = next(i for i, (a, b) in enumerate(zip(text, misprinted, strict=True)) if a != b)
        outcome = _outcome(base, report, text.count("\n", 0, line) + 1)
        assert outcome == Outcome((), (), no_table=False)


def _choose(low: int, high: int) -> int:
    return low + (high - low) * 3 // 7


@pytest.mark.parametrize("template", sorted(NEW_TEMPLATES))
def test_a_misprinted_label_in_a_generated_report_loses_nothing(template: str) -> None:
    values = consistent_values(template, _choose, blanks=True)
    for shape in shapes_for(template):
        text = render_report(values, template, shape)
        tried, failures = _probe(text)
        assert tried > 30, shape  # the labels of all three tables were misprinted
        assert failures == [], shape
        _check_captions(text)


def _corpus_texts() -> list[Path]:
    found = []
    if CORPUS.exists():
        found += sorted(p for p in (CORPUS / "reports").iterdir() if p.suffix in {".txt", ".md"})
        found += sorted((CORPUS / "reports").glob("*.html"))
    if SEEDS.exists():
        found += sorted(SEEDS.glob("*.txt"))
    if not found and os.environ.get("GOVINFO_REQUIRE_SEEDS") == "1":
        pytest.fail(f"required real-report corpus missing: {CORPUS}")
    return found


@pytest.mark.parametrize("path", _corpus_texts(), ids=lambda p: p.name)
def test_a_misprinted_label_in_a_real_report_loses_nothing(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".html":
        decoded = decode(data, path.name, check=False, markup=True)
        text = html_to_lines(decoded.text, path.name).text
    else:
        text = data.decode("utf-8")
    tried, failures = _probe(text)
    assert failures == [], f"{len(failures)} of {tried} misprints"
    _check_captions(text)


def test_numbers_of_a_table_under_a_misprinted_header_are_kept_and_counted() -> None:
    values = consistent_values("new-2021", _choose)
    text = render_report(values, "new-2021", Shape.PDF)
    assert "行政复议 行政诉讼" in text
    report = govinfo.parse(text.replace("行政复议 行政诉讼", "行某复议 行政某讼"))
    assert not any(cell_id.startswith(("new.review", "new.suit")) for cell_id in report.cells)
    [row] = [r for r in report.unknown_rows if r.reason.startswith("numbers")]
    assert len(row.cells) == 15
    assert unplaced_values(report) == 15
    assert "no-table" not in {d.code for d in report.diagnostics}


def test_a_misprinted_row_of_table_three_is_read_by_its_place() -> None:
    values = consistent_values("new-2021", _choose)
    text = render_report(values, "new-2021", Shape.PDF)
    report = govinfo.parse(text.replace("上年结转政府信息公开", "上年结转政府信某公开"))
    cell = report.cells["new.req.carried_in.total"]
    assert (cell.value, cell.flags) == (values["new.req.carried_in.total"], ("label_inexact",))
    assert "信某" in cell.label
    assert "label-inexact" in {d.code for d in report.diagnostics}


def test_rows_of_a_table_of_no_template_are_kept_raw() -> None:
    # A local form of 2008-2013: 项目 / 单位 / 数量, no template of the catalogue.
    report = govinfo.parse(
        "\n".join(
            [
                "某市环保局2010年政府信息公开工作年度报告",
                "一、概述",
                "本局依法公开，全年公开信息356条。",
                "政府信息公开工作情况统计表",
                "项目 单位 数量",
                "主动公开信息 条 356",
                "其中：全文电子化 条 300",
                "依申请公开申请总数 件 12",
                "二、其他",
                "无。",
            ]
        )
    )
    assert report.template is None
    assert not report.cells
    assert [(r.line, r.label, r.cells) for r in report.unknown_rows] == [
        (6, "主动公开信息", ("条", "356")),
        (7, "其中：全文电子化", ("条", "300")),
        (8, "依申请公开申请总数", ("件", "12")),
    ]
    codes = {d.code for d in report.diagnostics}
    assert "unknown-table" in codes
    assert "no-table" not in codes
    assert unplaced_values(report) == 3


def test_two_lines_of_figures_are_not_a_table() -> None:
    report = govinfo.parse("某县2010年报告\n全年公开信息 356 条\n受理申请 12 件\n")
    assert report.unknown_rows == ()
    assert "no-table" in {d.code for d in report.diagnostics}
