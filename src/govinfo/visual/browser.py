"""Headless Chromium on an HTML report: the page as a browser lays it out.

Used by the tests (the marked cells are drawn and highlighted) and by the docs
(the screenshot of the "Checking a report" page). Needs the ``chromium``
command (Debian's package; ``make browser`` installs it); nothing here
installs anything. Every run gets a new empty profile and no network.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["chromium", "dump_dom", "screenshot"]

_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
_TIMEOUT = 120


def chromium() -> str | None:
    """The path of the ``chromium`` command, or ``None`` when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run(page: Path, *options: str) -> str:
    binary = chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (make browser installs it)")
    with tempfile.TemporaryDirectory(prefix="govinfo-chromium-") as profile:
        done = subprocess.run(  # noqa: S603 - a fixed binary and our own flags
            [binary, *_FLAGS, f"--user-data-dir={profile}", *options, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=True,
        )
    return done.stdout


def dump_dom(page: Path, *, width: int = 1400, height: int = 2000) -> str:
    """The page's DOM after its scripts ran, laid out in a window of this size."""
    return _run(page, f"--window-size={width},{height}", "--dump-dom")


def screenshot(page: Path, target: Path, *, width: int = 1400, height: int = 2000) -> Path:
    """A PNG of the top ``width`` × ``height`` pixels of the page."""
    _run(page, f"--window-size={width},{height}", f"--screenshot={target.resolve()}")
    return target
