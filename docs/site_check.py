"""Look at the built site as a reader does: its search, and screenshots of three pages.

Run by ``make docs`` after the HTML build; needs Debian's ``chromium`` (``make
browser``) and no network. Each search runs Sphinx's own search page in headless
Chromium and must list the page that holds the label; the screenshots of the front
page, a catalogue page and an API page go to ``docs/_build/screenshots`` for a person
to look at (tables scroll sideways instead of squeezing). Exits 1 when a search
misses.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from govinfo.visual.browser import chromium

HERE = Path(__file__).resolve().parent
SITE = HERE / "_build" / "html"
SHOTS = HERE / "_build" / "screenshots"

# A query as a reader types it, and a page its results must list.
SEARCHES = {
    "部分公开": "catalogue/new.html",
    "同意部分公开答复数": "catalogue/old.html",
    "申请办结数": "catalogue/old.html",
    "old.req.closed": "catalogue/old.html",
    "requests_partly_granted": "catalogue/harmonised.html",
}
# Page, window width and height (the top of the page, as a reader first sees it).
PAGES = {
    "front": ("index.html", 1400, 1400),
    "catalogue": ("catalogue/new.html", 1400, 1600),
    "rules": ("catalogue/rules.html", 1400, 1600),
    "api": ("api/govinfo.html", 1400, 1600),
}
# The flags of govinfo.visual.browser, without --hide-scrollbars: the tables' horizontal
# scrollbars are part of what the screenshots show.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
_RESULT = re.compile(r'<li class="kind-[a-z]+"><a href="([^"#]+)')


def _chromium(url: str, *options: str) -> str:
    binary = chromium()
    if binary is None:
        raise SystemExit("site_check: chromium is not installed (make browser installs it)")
    with tempfile.TemporaryDirectory(prefix="govinfo-site-") as profile:
        done = subprocess.run(  # noqa: S603 - a fixed binary, our flags, a file URL
            [binary, *FLAGS, f"--user-data-dir={profile}", *options, url],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    return done.stdout


def search(query: str) -> list[str]:
    """The pages Sphinx's search page lists for ``query``, best first."""
    url = f"{(SITE / 'search.html').as_uri()}?q={quote(query)}"
    # Virtual time lets the search script load the index and run before the DOM is read.
    dom = _chromium(url, "--virtual-time-budget=10000", "--dump-dom")
    return _RESULT.findall(dom)


def main() -> int:
    """Run the searches, take the screenshots; 1 when a search misses its page."""
    missed = 0
    for query, page in SEARCHES.items():
        found = search(query)
        sys.stdout.write(f"search {query}: {', '.join(found) or 'nothing'}\n")
        if page not in found:
            sys.stderr.write(f"site_check: searching {query} does not list {page}\n")
            missed += 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, (page, width, height) in PAGES.items():
        target = SHOTS / f"{name}.png"
        _chromium(
            (SITE / page).as_uri(), f"--window-size={width},{height}", f"--screenshot={target}"
        )
        sys.stdout.write(f"screenshot {page}: {target.relative_to(HERE.parent)}\n")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
