"""The govinfo command line."""

from __future__ import annotations

import io
import json
import random
from decimal import Decimal
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


def test_check_prints_a_block_per_finding_and_exits_1_on_errors() -> None:
    out = io.StringIO()
    assert main(["check", str(EXAMPLE)], out=out) == 1
    lines = out.getvalue().splitlines()
    [head] = [line for line in lines if " O8 error " in line]
    path, line, rest = head.split(":", 2)
    assert (path, rest.split()[0]) == (str(EXAMPLE), "O8")
    assert int(line) > 0
    # Under the finding: the operands' source lines with their values marked.
    block = lines[lines.index(head) + 1 : lines.index(head) + 7]
    assert block[0].strip().startswith(line)
    assert "^" in block[1]
    assert lines[-1].startswith(f"{EXAMPLE}: 1 error(s)")
    assert "\x1b[" not in out.getvalue()  # no colour off a terminal


def test_check_json_lists_the_findings() -> None:
    out = io.StringIO()
    assert main(["check", "--json", str(EXAMPLE)], out=out) == 1
    [entry] = json.loads(out.getvalue())
    assert entry["template"] == "old-2018"
    codes = [(f["code"], f["severity"]) for f in entry["findings"]]
    assert ("O8", "error") in codes


def test_check_unreadable_file_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["check", str(EXAMPLE), str(empty)], out=io.StringIO()) == 2


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
    assert out.getvalue().splitlines()[-1] == (
        f"{path}: 0 error(s), 0 warning(s), 0 not evaluable; template new-2021"
    )


def test_check_on_a_docx_points_at_table_places(tmp_path: Path) -> None:
    values = consistent_values("old-2018", random.Random(5).randint, agency="青禾市人民政府")
    values["old.req.closed"] = (values["old.req.closed"] or Decimal(0)) + 7
    path = tmp_path / "broken.docx"
    path.write_bytes(
        render_docx(report_layout(values, "old-2018", agency="青禾市人民政府", year=2018))
    )
    out = io.StringIO()
    assert main(["check", str(path)], out=out) == 1
    lines = out.getvalue().splitlines()
    [head] = [line for line in lines if " O8 error " in line]
    assert head.startswith(f"{path}: O8 error 申请办结数")
    block = lines[lines.index(head) + 1 : lines.index(head) + 4]
    assert all(line.strip().startswith("[docx table 1, row ") for line in block)
