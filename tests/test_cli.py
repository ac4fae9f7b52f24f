"""The govinfo command line."""

from __future__ import annotations

import io
import json
import random
from typing import TYPE_CHECKING

from govinfo.cli import main
from govinfo.testing import consistent_values
from govinfo.testing.carriers import render_docx, report_layout

from .conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

EXAMPLE = ROOT / "examples" / "qinghe-2018.txt"


def test_parse_json_has_the_documented_fields() -> None:
    out = io.StringIO()
    assert main(["parse", "--json", str(EXAMPLE)], out=out) == 0
    data = json.loads(out.getvalue())
    assert {"template", "year", "agency", "cells", "unknown_rows", "findings", "diagnostics"} <= (
        data.keys()
    )
    assert data["template"] == "old-2018"
    cell = data["cells"]["old.active.total"]
    assert {"value", "raw", "unit", "qualifier", "line", "column", "origin"} <= cell.keys()
    assert cell["origin"] == "table"
    assert isinstance(cell["value"], int)


def test_summary_names_template_and_counts() -> None:
    out = io.StringIO()
    assert main(["parse", str(EXAMPLE)], out=out) == 0
    text = out.getvalue()
    assert "old-2018" in text
    assert "cells:" in text


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = io.StringIO()
    assert main(["parse", str(empty)], out=out) == 2
    assert out.getvalue() == ""


def test_cli_reads_carriers(tmp_path: Path) -> None:
    values = consistent_values("new-2021", random.Random(2).randint, agency="青禾市人民政府")
    path = tmp_path / "report.docx"
    path.write_bytes(
        render_docx(report_layout(values, "new-2021", agency="青禾市人民政府", year=2022))
    )
    out = io.StringIO()
    assert main(["parse", "--json", str(path)], out=out) == 0
    data = json.loads(out.getvalue())
    assert data["template"] == "new-2021"
    assert data["cells"]["new.req.total.total"]["place"]["carrier"] == "docx"
    out = io.StringIO()
    assert main(["check", str(path)], out=out) == 0
    # The generated layout ends with part 五: R1 warns that 六 is missing.
    lines = out.getvalue().splitlines()
    assert lines[0] == f"{path}: R1 警告 缺少第六部分“其他需要报告的事项”"
    assert lines[-1] == f"{path}: 0 个错误，1 个警告，0 个提示；表格式样 new-2021"


def test_summary_counts_printed_values_placed_in_no_cell(tmp_path: Path) -> None:
    # 8855698 splits 15 ways into three columns: kept raw, one printed value unplaced.
    report = tmp_path / "r.txt"
    report.write_text(
        "\n".join(
            [
                "某区2022年度政府信息公开工作年度报告",
                "二、主动公开政府信息情况",
                "第二十条第（一）项",
                "信息内容 本年制发件数 本年废止件数 现行有效件数",
                "规章 000",
                "行政规范性文件 8855698",
            ]
        ),
        encoding="utf-8",
    )
    out = io.StringIO()
    main(["parse", str(report)], out=out)
    assert "unplaced:     1 printed value(s) in no cell" in out.getvalue()
