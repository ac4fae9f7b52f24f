"""A value cell whose text is not a number keeps its text in every carrier and shape.

Whatever the table looks like (pipes, tabs, spaces, one cell per line, HTML,
Word), a cell printed as ``不适用`` or ``abc`` is the same: its raw text, the
``not_a_number`` flag, one ``not-a-number`` diagnostic at its line and column,
and no value (missing for the checks, never zero). The other cells of its row
and table are read as they would be without it.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

import govinfo
from govinfo.testing import consistent_values
from govinfo.testing.carriers import Merged, render_docx, render_html, report_layout
from govinfo.testing.render import Shape, render_report, shapes_for

if TYPE_CHECKING:
    from collections.abc import Callable

AGENCY = "青禾县人民政府"
# A value no generated table prints, replaced by the word after rendering.
SENTINEL = "987654"

CASES = [
    ("new-2021", "new.active.licensing.decisions"),  # table 二, a one-value row
    ("new-2021", "new.req.granted.business"),  # table 三, the middle of a seven-value row
    ("new-2021", "new.review.upheld"),  # table 四, the first of fifteen values
    ("new-2019", "new.active.penalty.decisions"),
    ("old-2014", "old.req.received"),
    ("old-2018", "old.suit.total"),
]


def _values(template: str, cell: str) -> dict[str, Decimal | None]:
    values = dict(consistent_values(template, random.Random(3).randint, agency=AGENCY))
    values[cell] = Decimal(SENTINEL)
    return values


def _year(template: str) -> int:
    return 2022 if template.startswith("new") else 2016


def _text_shapes() -> list[tuple[str, str, Shape]]:
    return [(t, c, shape) for t, c in CASES for shape in shapes_for(t)]


def _file_report(values: dict[str, Decimal | None], template: str, word: str, kind: str) -> bytes:
    blocks = report_layout(values, template, agency=AGENCY, year=_year(template))
    replaced = [
        block
        if isinstance(block, str)
        else [
            [Merged(m.text.replace(SENTINEL, word), m.rowspan, m.colspan) for m in row]
            for row in block
        ]
        for block in blocks
    ]
    return render_html(replaced).encode() if kind == "html" else render_docx(replaced)


def _assert_kept(
    report: govinfo.Report, values: dict[str, Decimal | None], cell_id: str, word: str
) -> None:
    cell = report.cells[cell_id]
    assert (cell.value, cell.raw, cell.flags) == (None, word, ("not_a_number",))
    [diagnostic] = [d for d in report.diagnostics if d.code == "not-a-number"]
    assert (diagnostic.line, diagnostic.column, diagnostic.text) == (cell.line, cell.column, word)
    others = {
        k: report.cells[k].value if k in report.cells else "absent"
        for k, v in values.items()
        if k != cell_id and v is not None
    }
    assert others == {k: v for k, v in values.items() if k != cell_id and v is not None}


@pytest.mark.parametrize("word", ["不适用", "abc"])
@pytest.mark.parametrize(("template", "cell_id", "shape"), _text_shapes())
def test_text_shapes_keep_a_cell_that_is_not_a_number(
    template: str, cell_id: str, shape: Shape, word: str
) -> None:
    values = _values(template, cell_id)
    text = render_report(values, template, shape, agency=AGENCY, year=_year(template))
    assert SENTINEL in text
    report = govinfo.parse(text.replace(SENTINEL, word))
    _assert_kept(report, values, cell_id, word)
    line = text.replace(SENTINEL, word).splitlines()[report.cells[cell_id].line - 1]
    assert word in line


@pytest.mark.parametrize("kind", ["html", "docx"])
@pytest.mark.parametrize(("template", "cell_id"), CASES)
def test_files_keep_a_cell_that_is_not_a_number(template: str, cell_id: str, kind: str) -> None:
    values = _values(template, cell_id)
    data = _file_report(values, template, "不适用", kind)
    report = govinfo.parse_bytes(data, filename=f"report.{kind}")
    _assert_kept(report, values, cell_id, "不适用")


TITLE = "某县人民政府2024年政府信息公开工作年度报告"


def _parse(*lines: str) -> govinfo.Report:
    return govinfo.parse("\n".join([TITLE, "一、总体情况", "本县依法公开政府信息。", *lines]))


def _kept(report: govinfo.Report, cell_id: str) -> tuple[object, ...]:
    cell = report.cells[cell_id]
    [diagnostic] = [d for d in report.diagnostics if d.code == "not-a-number"]
    return cell.value, cell.raw, cell.flags, (diagnostic.line, diagnostic.column)


SPACED: list[tuple[Callable[[], govinfo.Report], str, tuple[object, ...]]] = [
    # PDF text of table 二: 行政强制 不适用 (the usual shape).
    (
        lambda: _parse(
            "二、主动公开政府信息情况",
            "第二十条第（六）项",
            "信息内容 本年处理决定数量",
            "行政处罚 12",
            "行政强制 不适用",
        ),
        "new.active.coercion.decisions",
        (None, "不适用", ("not_a_number",), (8, 6)),
    ),
    # The old 统计表 printed with spaces (PDF text).
    (
        lambda: _parse(
            "政府信息公开情况统计表",
            "统计指标 单位 统计数",
            "三、依申请公开情况",
            "（一）收到申请数 件 暂无",
            "四、行政复议数量 件 1",
        ),
        "old.req.received",
        (None, "暂无", ("not_a_number",), (7, 12)),
    ),
]


@pytest.mark.parametrize(("make", "cell_id", "expected"), SPACED)
def test_space_separated_rows_keep_the_word(
    make: Callable[[], govinfo.Report], cell_id: str, expected: tuple[object, ...]
) -> None:
    assert _kept(make(), cell_id) == expected


def test_a_word_in_place_of_a_number_is_missing_for_the_checks() -> None:
    report = _parse(
        "二、主动公开政府信息情况",
        "第二十条第（六）项",
        "信息内容 本年处理决定数量",
        "行政处罚 不适用",
    )
    assert report.value("new.active.penalty.decisions") is None
    # One finding names it (the form rule); no rule reads it as a number.
    [finding] = [f for f in report.findings if "new.active.penalty.decisions" in f.cells]
    assert (finding.code, finding.line) == ("V4", 7)
    assert "不适用" in finding.message
