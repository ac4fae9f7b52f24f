"""The package tree reads as the pipeline: no stage imports a later one.

Stages, lowest first: the base modules, carriers and text (side by side), tables
and checks (side by side), the generators and the HTML report (side by side),
the API, datasets, their Dask engine and the command line (side by side). A module
may import its own stage and any lower one, never a higher one nor a sibling
stage of the same rank (carriers never read text; tables never run checks).
"""

from __future__ import annotations

import ast
from pathlib import Path

import govinfo

PACKAGE = Path(govinfo.__file__).resolve().parent

# Stage of each top-level module or subpackage of govinfo, by rank.
RANKS = {
    "errors": 0,
    "limits": 0,
    "folding": 0,
    "values": 1,
    "messages": 1,
    "models": 2,
    "catalogue": 2,
    "carriers": 3,
    "text": 3,
    "tables": 4,
    "checks": 4,
    "testing": 5,
    "visual": 5,
    "serialize": 6,
    "api": 6,
    "strategies": 7,
    "dataset": 7,
    "dask": 8,
    "cli": 8,
    "__main__": 9,
    "__init__": 9,
}


def _stage(module: str) -> str:
    """The stage of ``govinfo.a.b`` (``a``), or of the package itself (``__init__``)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every govinfo module ``path`` imports, type-checking imports included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("govinfo"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "govinfo":
                found.update(f"govinfo.{a.name}" for a in node.names)
            elif node.module.startswith("govinfo."):
                found.add(node.module)
    return found


def _violations() -> list[str]:
    out: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        stage = "__init__" if module == "govinfo" else _stage(module)
        for imported in sorted(_imports(path)):
            target = _stage(imported)
            if target in (stage, "grammars"):
                continue
            if RANKS[target] >= RANKS[stage]:
                out.append(f"{module} ({stage}) imports {imported} ({target})")
    return out


def test_every_stage_has_a_rank() -> None:
    stages = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    stages = {s for s in stages if not s.startswith(("_", ".")) or s in RANKS} - {"py"}
    unranked = sorted(s for s in stages if s not in RANKS and s != "grammars")
    assert unranked == [], f"stages without a rank: {unranked}"


def test_no_stage_imports_a_later_or_sibling_stage() -> None:
    assert _violations() == []


def test_the_walk_sees_imports(tmp_path: Path) -> None:
    """The checker itself: a text module importing the tables is caught."""
    source = tmp_path / "bad.py"
    source.write_text(
        "from govinfo.tables import read_tables\nimport govinfo.checks\n", encoding="utf-8"
    )
    assert _imports(source) == {"govinfo.tables", "govinfo.checks"}
    assert RANKS[_stage("govinfo.tables.old")] >= RANKS[_stage("govinfo.text.prose")]
