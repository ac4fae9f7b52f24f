"""The HTML report of a checked report (``govinfo check FILE --html OUT.html``).

A stage above the checks: it draws the report's tables in its template's layout
(:mod:`.grids`, derived from the catalogue) with the findings on them
(:mod:`.page`). May import every stage below it, never the API or the CLI.
"""

from govinfo.visual.page import render_html

__all__ = ["render_html"]
