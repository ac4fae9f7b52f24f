"""Write the HTML report of the example and its screenshot for the docs.

Run by ``make docs`` (after ``make browser``): ``docs/_generated/check-report.html``
and ``docs/_generated/check-report.png``, the picture on the "Checking a report
before publishing" page. Needs Debian's ``chromium``.
"""

from __future__ import annotations

from pathlib import Path

import govinfo
from govinfo.visual import render_html
from govinfo.visual.browser import screenshot

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "qinghe-2018.txt"


def main() -> None:
    """Render the example's page and photograph its top."""
    target = HERE / "_generated"
    target.mkdir(exist_ok=True)
    page = target / "check-report.html"
    source = EXAMPLE.relative_to(HERE.parent).as_posix()
    report = govinfo.parse(EXAMPLE.read_text("utf-8"), source=source)
    page.write_text(render_html(report), "utf-8")
    screenshot(page, target / "check-report.png", width=1000, height=1500)


if __name__ == "__main__":
    main()
