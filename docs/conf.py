"""Sphinx configuration for the govinfo documentation."""

from __future__ import annotations

from importlib.metadata import version as _distribution_version

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
exclude_patterns = ["_build"]

html_theme = "alabaster"
html_title = f"govinfo {release}"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# No intersphinx: the docs build offline. References to the standard library and to
# third-party or private classes in signatures cannot resolve, so they are not reported.
nitpick_ignore_regex = [
    ("py:class", r"(decimal|os|pathlib|enum|collections\.abc|typing|attr|attrs|cattrs|lark)\..+"),
    ("py:class", r"Decimal|Path|PathLike|StrEnum|Enum|StrPath"),
    ("py:class", r"govinfo\._.+|govinfo\.[a-z_]+\.[A-Za-z_]+"),
]

# Docstring examples use the package's names unqualified, as they would inside the module.
doctest_global_setup = "import govinfo\nfrom govinfo import *"
