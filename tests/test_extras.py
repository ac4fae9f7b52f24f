"""`pip install 'govinfo[all]'` installs every optional part."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT


def test_all_names_every_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    (everything,) = extras["all"]
    match = re.fullmatch(r"govinfo\[(?P<names>[a-z,]+)\]", everything)
    assert match is not None
    assert set(match["names"].split(",")) == set(extras) - {"all", "dev"}


def test_dev_installs_what_the_optional_stages_import() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]

    def names(requirements: list[str]) -> set[str]:
        return {re.split(r"[\[<>=]", r, maxsplit=1)[0] for r in requirements}

    for extra in ("dataset", "docx", "pdf"):
        assert names(extras[extra]) <= names(extras["dev"]), extra
    assert "dask" in names(extras["dev"])
