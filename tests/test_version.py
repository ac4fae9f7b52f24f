"""One version: pyproject.toml's, as ``govinfo.__version__`` and ``govinfo --version``."""

from __future__ import annotations

import tomllib

import pytest

import govinfo
from govinfo.cli import main

from .conftest import ROOT


def _pyproject_version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    version: str = project["version"]
    return version


def test_dunder_version_is_pyprojects() -> None:
    assert govinfo.__version__ == _pyproject_version()


def test_cli_prints_the_version_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"govinfo {_pyproject_version()}\n"
