"""Sphinx configuration for the govinfo documentation."""

from __future__ import annotations

import re
from importlib.metadata import version as _distribution_version
from pathlib import Path
from typing import TYPE_CHECKING

from govinfo import load_catalogue

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.catalogue import CellSpec

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

html_theme = "furo"
html_title = f"govinfo {release}"
html_static_path = ["_static"]
html_css_files = ["reference.css"]
# The English index keeps each run of Chinese characters between punctuation as one term
# (部分公开, 同意部分公开答复数); the search page also finds a query of three or more
# characters inside longer terms when no term equals it.
# Sphinx's "zh" index needs jieba, which cuts labels into words (部分 / 公开) that a
# query typed without spaces never matches; without jieba it indexes no Chinese at all.
html_search_language = "en"

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
    ("py:class", r"concurrent\.futures\..+|Executor"),
    ("py:class", r"govinfo\._.+|govinfo\.[a-z_]+\.[A-Za-z_]+|Token"),
    # Type variables of generic helpers (``text_cache``).
    ("py:class", r"_T"),
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
    """Generate the rules table of catalogue/rules.rst from the packaged catalogue."""
    rows = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: auto",
        "   :class: reference-table rules-table",
        "",
        "   * - id",
        "     - class",
        "     - kind",
        "     - statement",
        "     - formula, with ids and with labels",
        "     - templates",
    ]
    for invariant in load_catalogue().invariants:
        each = "; ".join(
            f"{{{name}}} ∈ {', '.join(values) if isinstance(values, list) else values}"
            for name, values in invariant.for_each.items()
        )
        suffix = f" ({each})" if each else ""
        rows += [
            f"   * - {invariant.id}",
            f"     - {invariant.cls}",
            f"     - {invariant.kind}",
            f"     - {invariant.rule}",
            "",
            f"       {invariant.rule_zh}",
            f"     - ``{invariant.formula}{suffix}``",
            "",
            f"       ``{_with_labels(invariant.formula)}``",
            f"     - {', '.join(sorted(invariant.templates))}",
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
    """Generate the harmonised indicators of catalogue/harmonised.rst from the catalogue."""
    catalogue = load_catalogue()
    rows = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: auto",
        "   :class: reference-table harmonised-table",
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


# The catalogue as reference (catalogue.rst and catalogue/*.rst): every cell of a template
# family with its printed label, generated from the packaged catalogue at each build.
_RST_MARKUP = re.compile(r"([\\*`|_])")


def _text(value: str) -> str:
    """``value`` as literal reStructuredText (markup characters escaped)."""
    return _RST_MARKUP.sub(r"\\\1", value)


def _printed(cell: CellSpec) -> list[str]:
    """The paragraphs of a cell's label column: as printed, per template where it differs."""
    lines = [_text(cell.ordinal + cell.label)]
    lines += [
        f"{template}: {_text(cell.ordinal_for(template) + cell.label_for(template))}"
        for template in sorted(cell.templates)
        if (cell.ordinal_for(template), cell.label_for(template)) != (cell.ordinal, cell.label)
    ]
    if cell.aliases:
        lines.append("also read: " + "; ".join(_text(alias) for alias in cell.aliases))
    return lines


def _templates_of(cell: CellSpec) -> str:
    """``all`` when every template of the cell's family prints it, else their ids."""
    family = {t.id for t in load_catalogue().templates if t.family == cell.family}
    return "all" if cell.templates == family else ", ".join(sorted(cell.templates))


def _cells_table(cells: Sequence[CellSpec]) -> list[str]:
    rows = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: auto",
        "   :class: reference-table cells-table",
        "",
        "   * - id",
        "     - printed label",
        "     - unit",
        "     - kind",
        "     - parent",
        "     - templates",
        "     - note",
    ]
    for cell in cells:
        first, *more = _printed(cell)
        rows += [f"   * - ``{cell.id}``", f"     - {first}"]
        for line in more:
            rows += ["", f"       {line}"]
        rows += [
            f"     - {cell.unit}",
            f"     - {cell.kind.value}",
            f"     - ``{cell.parent}``" if cell.parent else "     -",
            f"     - {_templates_of(cell)}",
            f"     - {_text(cell.note)}",
        ]
    return [*rows, ""]


def _section(title: str, cells: Sequence[CellSpec]) -> list[str]:
    return [title, "-" * (2 * len(title)), "", *_cells_table(cells)]


def _write_cell_pages() -> None:
    """Generate the cell tables of catalogue/old.rst and catalogue/new.rst."""
    catalogue = load_catalogue()
    target = _HERE / "_generated"
    # The old 统计表: one section per top-level row (一、主动公开情况 …), in catalogue order.
    by_root: dict[str, list[CellSpec]] = {}
    for cell in catalogue.cells:
        if cell.family == "old":
            by_root.setdefault(catalogue.root(cell.id), []).append(cell)
    lines: list[str] = []
    for root, cells in by_root.items():
        spec = catalogue.by_id[root]
        lines += _section(f"{spec.label} ({root})", cells)
    (target / "cells-old.rst").write_text("\n".join(lines), encoding="utf-8")
    # The 2019/2021 tables: one section per table (二, 三, 四), as the report's parts hold them.
    lines = []
    placed = 0
    for part in catalogue.sections:
        # A part's tables are id prefixes, as govinfo.checks.presence reads them.
        cells = [c for c in catalogue.cells if part.tables and c.id.startswith(part.tables)]
        if cells:
            placed += len(cells)
            lines += _section(f"{part.ordinal}、{part.title}", cells)
    new = sum(cell.family == "new" for cell in catalogue.cells)
    if placed != new:
        raise RuntimeError(f"catalogue/new.rst would list {placed} of the {new} new cells")
    (target / "cells-new.rst").write_text("\n".join(lines), encoding="utf-8")


def _write_templates_table() -> None:
    """Generate the templates table of catalogue.rst, unsupported forms included."""
    rows = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: auto",
        "   :class: reference-table templates-table",
        "",
        "   * - template",
        "     - family",
        "     - what it is",
        "     - printed rows that tell it apart",
    ]
    for template in load_catalogue().templates:
        rows += [
            f"   * - ``{template.id}``",
            f"     - {template.family}",
            f"     - {_text(template.name)}",
            f"     - {'; '.join(_text(cue) for cue in template.cues)}",
        ]
    target = _HERE / "_generated" / "templates.rst"
    target.write_text("\n".join(rows) + "\n", encoding="utf-8")


_write_cell_pages()
_write_templates_table()
