"""Sphinx configuration for the govinfo documentation."""

from __future__ import annotations

import re
from importlib.metadata import version as _distribution_version
from pathlib import Path

from govinfo import load_catalogue

_HERE = Path(__file__).resolve().parent

project = "govinfo"
author = "govinfo developers"
copyright = "govinfo developers"
release = _distribution_version("govinfo")
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
]

language = "en"
root_doc = "index"
exclude_patterns = ["_build", "_generated"]

html_theme = "alabaster"
html_title = f"govinfo {release}"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# No intersphinx: the docs build offline. References to the standard library and to
# third-party or private classes in signatures cannot resolve, so they are not reported.
nitpick_ignore_regex = [
    (
        "py:class",
        r"(argparse|decimal|os|pathlib|enum|collections\.abc|typing|attr|attrs|cattrs|lark)\..+",
    ),
    ("py:class", r"(hypothesis|st)\..+|DrawFn|SearchStrategy"),
    ("py:class", r"Decimal|Path|PathLike|StrEnum|Enum|StrPath"),
    ("py:class", r"govinfo\._.+|govinfo\.[a-z_]+\.[A-Za-z_]+|Token"),
    # Third-party classes in the dataset stage's signatures (no intersphinx offline).
    ("py:class", r"(pa|pd|dd|duckdb|pyarrow|pandas|dask|distributed)\..+|Client|Self"),
    ("py:exc", r"lark\..+"),
]

# Docstring examples use the package's names unqualified, as they would inside the module.
# SHARED: the reports beside the checkout (datasets.rst). Its examples are skipped when
# they are missing, unless GOVINFO_REQUIRE_SEEDS=1 (CI), where they run and fail.
doctest_global_setup = (
    "import os\nfrom pathlib import Path\n"
    "import govinfo\nfrom govinfo import *\nfrom govinfo.dataset import report_records\n"
    f"EXAMPLE = {str(_HERE.parent / 'examples' / 'qinghe-2018.txt')!r}\n"
    "SHARED = Path(os.environ.get('GOVINFO_SHARED_DIR', "
    f"{str(_HERE.parent.parent / 'shared')!r}))\n"
    "SHARED_MISSING = not (SHARED / 'corpus').is_dir() "
    "and os.environ.get('GOVINFO_REQUIRE_SEEDS') != '1'"
)

_ID_RE = re.compile(r"\b(?:old|new)(?:\.[a-z0-9_{}]+)+")


def _with_labels(formula: str) -> str:
    """A formula with every cell id replaced by its label (placeholders kept)."""
    by_id = load_catalogue().by_id

    def label(match: re.Match[str]) -> str:
        spec = by_id.get(match.group())
        return spec.label if spec is not None else match.group()

    return _ID_RE.sub(label, formula)


def _write_invariants_table() -> None:
    """Generate the invariants table of findings.rst from the packaged catalogue."""
    rows = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 6 8 8 40 38",
        "",
        "   * - id",
        "     - class",
        "     - kind",
        "     - statement",
        "     - formula, with labels",
    ]
    for invariant in load_catalogue().invariants:
        each = "; ".join(
            f"{{{name}}} ∈ {', '.join(values) if isinstance(values, list) else values}"
            for name, values in invariant.for_each.items()
        )
        formula = _with_labels(invariant.formula) + (f" ({each})" if each else "")
        rows += [
            f"   * - {invariant.id}",
            f"     - {invariant.cls}",
            f"     - {invariant.kind}",
            f"     - {invariant.rule}",
            "",
            f"       {invariant.rule_zh}",
            f"     - ``{formula}``",
        ]
    target = _HERE / "_generated" / "invariants.rst"
    target.parent.mkdir(exist_ok=True)
    target.write_text("\n".join(rows) + "\n", encoding="utf-8")


_write_invariants_table()


def _write_dataset_tables() -> None:
    """Generate the column tables of datasets.rst from govinfo.dataset.schema."""
    from govinfo.dataset.schema import PUBLIC_TABLES, TABLES  # noqa: PLC0415 - docs only

    rows: list[str] = []
    for table in PUBLIC_TABLES:
        rows += [
            f"``{table}``",
            "",
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 20 15 65",
            "",
            "   * - column",
            "     - type",
            "     - meaning",
        ]
        for column in TABLES[table]:
            rows += [
                f"   * - ``{column.name}``",
                f"     - {column.type.value}",
                f"     - {column.doc}",
            ]
        rows.append("")
    target = _HERE / "_generated" / "dataset_tables.rst"
    target.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _write_harmonised_table() -> None:
    """Generate the harmonised indicators of datasets.rst from the catalogue."""
    catalogue = load_catalogue()
    rows = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 18 42 40",
        "",
        "   * - indicator",
        "     - meaning",
        "     - cells added up, per template",
    ]
    for indicator in catalogue.indicators:
        cells = "; ".join(
            f"{key}: {' + '.join(f'``{c}``' for c in ids)}" for key, ids in indicator.cells.items()
        )
        rows += [
            f"   * - ``{indicator.id}`` ({indicator.label}, {indicator.unit})",
            f"     - {indicator.meaning}",
            f"     - {cells}",
        ]
    target = _HERE / "_generated" / "harmonised.rst"
    target.write_text("\n".join(rows) + "\n", encoding="utf-8")


_write_dataset_tables()
_write_harmonised_table()
