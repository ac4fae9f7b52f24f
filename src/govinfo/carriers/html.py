"""HTML pages → text lines: prose blocks as lines, tables as grids of pipe rows.

Parsed by lxml with no network access, no entity expansion and comments
dropped (Word's conditional comments with them); scripts, styles and page
navigation are left out. A table is expanded into a grid: a cell spanning
rows is repeated in each (a merged group cell applies to every row it spans);
a cell spanning columns keeps its text in its first column and leaves the
others empty, so that values stay under their headers. ``&nbsp;`` and empty
cells are blank, never 0.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from govinfo.carriers.converted import Converted, LinePlace, grid_row
from govinfo.errors import InputError
from govinfo.models import Place

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["html_to_lines"]

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "iframe",
        "object",
        "select",
        "button",
        "form",
        "head",
        "template",
        "svg",
    }
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "center",
        "body",
        "ul",
        "ol",
        "dl",
        "td",
        "th",
        "tr",
    }
)
# Word's "downlevel-revealed" conditional comments are not comments to an HTML parser.
_CONDITIONAL_RE = re.compile(r"<!\[(?:if[^\]]*|endif)\]>", re.IGNORECASE)
_MAX_SPAN = 100
_CELL_TAGS = frozenset({"td", "th"})


def html_to_lines(text: str, name: str = "<html>") -> Converted:
    """Convert an HTML page to text lines with their places in the page."""
    parser = etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=False
    )
    try:
        root = etree.fromstring(_CONDITIONAL_RE.sub("", text), parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{name}: not readable as HTML ({exc})") from exc
    if root is None:
        raise InputError(f"{name}: no HTML content")
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return Converted(carrier="html", lines=tuple(walker.lines), places=tuple(walker.places))


class _Walker:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.places: list[LinePlace | None] = []
        self.buffer: list[str] = []
        self.buffer_line: int | None = None
        self.tables = 0

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        if text:
            self.lines.append(text)
            self.places.append(LinePlace(Place(carrier="html", line=self.buffer_line)))
        self.buffer, self.buffer_line = [], None

    def add_text(self, text: str | None, line: int | None) -> None:
        if text:
            if self.buffer_line is None and text.strip():
                self.buffer_line = line
            self.buffer.append(text)

    def walk(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP:
            self.add_text(element.tail, _line(element))
            return
        if tag == "table":
            self.flush()
            self.table(element)
            self.add_text(element.tail, _line(element))
            return
        if tag == "br" or tag in _BLOCKS:
            self.flush()
        self.add_text(element.text, _line(element))
        for child in element:
            self.walk(child)
        if tag in _BLOCKS:
            self.flush()
        self.add_text(element.tail, _line(element))

    def table(self, table: etree._Element) -> None:
        self.tables += 1
        for row_index, (cells, line) in enumerate(_grid(table), start=1):
            text, starts = grid_row(cells)
            if not text.strip("| "):
                continue
            self.lines.append(text)
            self.places.append(
                LinePlace(
                    Place(carrier="html", line=line, table=self.tables, row=row_index),
                    starts,
                )
            )


def _line(element: etree._Element) -> int | None:
    # lxml-stubs mistype `sourceline`; it is an int, or None for made-up elements.
    line: object = getattr(element, "sourceline", None)
    return line if isinstance(line, int) else None


def _cell_text(cell: etree._Element) -> str:
    # <br> and <p> inside a cell join its text; nested tables read as text.
    # Whitespace (&nbsp; included) is collapsed by grid_row.
    if len(cell) == 0:
        return cell.text or ""
    return "".join(str(part) for part in cell.itertext())


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            yield child
        elif tag in {"thead", "tbody", "tfoot"}:
            yield from (r for r in child if isinstance(r.tag, str) and r.tag.lower() == "tr")


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return max(1, min(int(value.strip() or 1), _MAX_SPAN))
    except ValueError:
        return 1


def _grid(table: etree._Element) -> Iterator[tuple[list[str], int | None]]:
    """Rows of the table's grid: rowspans repeated, colspans left empty after the first."""
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    for row in _rows(table):
        cells: list[str] = []
        for cell in row:
            if cell.tag not in _CELL_TAGS:  # lxml's HTML parser lower-cases tags
                continue
            if pending:
                _fill(cells, pending)
            text = _cell_text(cell)
            rows, cols = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            if rows == 1 and cols == 1:
                cells.append(text)
                continue
            for offset in range(cols):
                shown = text if offset == 0 else ""
                if rows > 1:
                    pending[len(cells)] = (shown, rows - 1)
                cells.append(shown)
        if pending:
            _fill(cells, pending)
        yield cells, _line(row)


def _fill(cells: list[str], pending: dict[int, tuple[str, int]]) -> None:
    """Put the cells of rowspans from rows above into this row, where they stand."""
    while len(cells) in pending:
        text, left = pending.pop(len(cells))
        if left > 1:
            pending[len(cells)] = (text, left - 1)
        cells.append(text)
