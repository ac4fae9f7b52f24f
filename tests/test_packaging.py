"""The wheel carries the grammar and the catalogue as package data."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REQUIRED_MEMBERS = (
    "govinfo/grammars/table.lark",
    "govinfo/grammars/formula.lark",
    "govinfo/catalogue/catalogue.json",
    "govinfo/catalogue/prose.json",
    "govinfo/py.typed",
    # Every subpackage is listed in pyproject.toml; the newest one proves it.
    "govinfo/visual/page.py",
)

# Left out of the copy that is built: local state and the output of earlier builds, which
# setuptools would otherwise reuse (a stale build/lib can put deleted files in the wheel).
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "_build",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
)


def test_wheel_contains_package_data(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_COPIED)
    outdir = tmp_path / "dist"
    # The command line is fixed: the running interpreter and a copy of this checkout.
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    wheels = sorted(outdir.glob("govinfo-*.whl"))
    assert len(wheels) == 1, wheels
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
    missing = [member for member in REQUIRED_MEMBERS if member not in names]
    assert not missing, f"missing from {wheels[0].name}: {missing}"
