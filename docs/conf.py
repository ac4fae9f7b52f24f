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
    ("py:exc", r"lark\..+"),
]

# Docstring examples use the package's names unqualified, as they would inside the module.
doctest_global_setup = (
    "import govinfo\nfrom govinfo import *\n"
    f"EXAMPLE = {str(_HERE.parent / 'examples' / 'qinghe-2018.txt')!r}"
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
        "   :widths: 6 8 40 46",
        "",
        "   * - id",
        "     - class",
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
            f"     - {invariant.rule}",
            f"     - ``{formula}``",
        ]
    target = _HERE / "_generated" / "invariants.rst"
    target.parent.mkdir(exist_ok=True)
    target.write_text("\n".join(rows) + "\n", encoding="utf-8")


_write_invariants_table()
