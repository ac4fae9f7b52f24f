"""The govinfo command line."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

from govinfo.cli import main

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
