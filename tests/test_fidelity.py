"""Real reports (../shared/corpus): no crash, no wrong value, the right template, a floor.

The floor of exact cells per report is stored in tests/data/fidelity_floor.json; it is
raised as govinfo improves and never lowered. ``make fidelity`` prints the same scores.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import DATA, SHARED

if TYPE_CHECKING:
    from types import ModuleType

CORPUS = SHARED / "corpus"
FLOOR = json.loads((DATA / "fidelity_floor.json").read_text("utf-8"))


def _fidelity() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "bench" / "fidelity.py"
    spec = importlib.util.spec_from_file_location("fidelity", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _keys() -> list[Path]:
    keys = sorted((CORPUS / "keys").glob("*.json")) if CORPUS.exists() else []
    if not keys and os.environ.get("GOVINFO_REQUIRE_SEEDS") == "1":
        pytest.fail(f"required real-report corpus missing: {CORPUS}")
    return keys


@pytest.mark.parametrize("key_path", _keys(), ids=lambda p: p.stem)
def test_report_meets_its_floor(key_path: Path) -> None:
    key = json.loads(key_path.read_text("utf-8"))
    result = _fidelity().score(key, CORPUS / "reports")
    assert "crash" not in result, result.get("crash")
    assert "refused" not in result, result.get("refused")
    assert result["wrong_cells"] == []
    assert result["template"] == key["template"]
    assert result["exact"] >= FLOOR[key["file"]], (result["exact"], result["missed_cells"])


def test_every_corpus_report_has_a_floor() -> None:
    keyed = {json.loads(k.read_text("utf-8"))["file"] for k in _keys()}
    if not keyed:
        pytest.skip("no corpus")
    assert keyed <= set(FLOOR), sorted(keyed - set(FLOOR))
