"""HTML pages → text lines: prose blocks as lines, tables as grids of pipe rows.

Parsed by lxml with no network access, no entity expansion and comments
dropped (Word's conditional comments with them); scripts, styles and page
navigation are left out. A table is expanded into a grid: a cell spanning
rows is repeated in each (a merged group cell applies to every row it spans);
a cell spanning columns keeps its text in its first column and leaves the
others empty, so that values stay under their headers. ``&nbsp;`` and empty
cells are blank, never 0.

A table that holds other tables in its cells lays the page out: its cells are
read as blocks of the page, in order, and each nested table as a grid of its
own. Spans count up to :data:`~govinfo.limits.MAX_SPAN`; a row keeps its first
:data:`~govinfo.limits.MAX_ROW_CELLS` grid cells, with a ``row-cut`` diagnostic.
XHTML's ``<?xml … encoding=…?>`` prolog is dropped: the page is already text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from govinfo.carriers.converted import Converted, LinePlace, grid_row
from govinfo.errors import InputError
from govinfo.limits import MAX_MARKUP_CHARS, MAX_ROW_CELLS, MAX_SPAN
from govinfo.models import Diagnostic, Place

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
# lxml refuses a str that declares its encoding; the page is decoded already.
_PROLOG_RE = re.compile(r"\A\s*<\?xml[^>]{0,200}\?>")
_CELL_TAGS = frozenset({"td", "th"})


def html_to_lines(text: str, name: str = "<html>") -> Converted:
    """Convert an HTML page to text lines with their places in the page.

    Raises:
        InputError: the page is longer than :data:`~govinfo.limits.MAX_MARKUP_CHARS`
            or holds no HTML.
    """
    if len(text) > MAX_MARKUP_CHARS:
        raise InputError(
            f"{name}: an HTML page of {len(text)} characters, more than the "
            f"{MAX_MARKUP_CHARS} a report page may have"
        )
    parser = etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=False
    )
    page = _CONDITIONAL_RE.sub("", _PROLOG_RE.sub("", text, count=1))
    try:
        root = etree.fromstring(page, parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{name}: not readable as HTML ({exc})") from exc
    if root is None:
        raise InputError(f"{name}: no HTML content")
    walker = _Walker(_layout_tables(root))
    walker.walk(root)
    walker.flush()
    return Converted(
        carrier="html",
        lines=tuple(walker.lines),
        places=tuple(walker.places),
        diagnostics=tuple(walker.diagnostics),
    )


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _layout_tables(root: etree._Element) -> set[etree._Element]:
    """Tables with another table inside: they lay out the page, not a grid of values."""
    layout: set[etree._Element] = set()
    for table in root.iter("table"):
        # The parser nests at most 255 deep, so this climb is bounded.
        for ancestor in table.iterancestors():
            if _tag(ancestor) == "table":
                layout.add(ancestor)
                break
    return layout


class _Walker:
    def __init__(self, layout: set[etree._Element]) -> None:
        self.layout = layout
        self.lines: list[str] = []
        self.places: list[LinePlace | None] = []
        self.diagnostics: list[Diagnostic] = []
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
        tag = _tag(element)
        if tag in _SKIP:
            self.add_text(element.tail, _line(element))
            return
        if tag == "table" and element not in self.layout:
            self.flush()
            self.table(element)
            self.add_text(element.tail, _line(element))
            return
        if tag == "pre":
            self.flush()
            self.preformatted(element)
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

    def preformatted(self, pre: etree._Element) -> None:
        """A ``<pre>`` block: a text line per printed line, tabs and spaces kept.

        Sites publish a report's plain text this way, its table included; joining
        the block into one line would run the table's rows together.
        """
        first = _line(pre)
        printed = "".join(str(text) for text in pre.itertext()).split("\n")
        # Blank lines inside are kept: in a one-cell-per-line table they are empty cells.
        filled = [offset for offset, text in enumerate(printed) if text.strip()]
        for offset in range(filled[0], filled[-1] + 1) if filled else ():
            line = None if first is None else first + offset
            self.lines.append(printed[offset].rstrip())
            self.places.append(LinePlace(Place(carrier="html", line=line)))

    def table(self, table: etree._Element) -> None:
        self.tables += 1
        for row_index, (cells, line, cut) in enumerate(_grid(table), start=1):
            if cut:
                self.diagnostics.append(
                    Diagnostic(
                        code="row-cut",
                        message=f"row {row_index} of table {self.tables} has more than "
                        f"{MAX_ROW_CELLS} cells; the cells after them were not read",
                        line=line,
                    )
                )
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
    # <br> and <p> inside a cell join its text (a cell holding a table is read by
    # the layout rule, never here).
    # Whitespace (&nbsp; included) is collapsed by grid_row.
    if len(cell) == 0:
        return cell.text or ""
    return "".join(str(part) for part in cell.itertext())


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in {"thead", "tbody", "tfoot"}:
            yield from (r for r in child if isinstance(r.tag, str) and r.tag.lower() == "tr")


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return max(1, min(int(value.strip()[:8] or 1), MAX_SPAN))
    except ValueError:
        return 1


def _grid(table: etree._Element) -> Iterator[tuple[list[str], int | None, bool]]:
    """Rows of the table's grid: rowspans repeated, colspans left empty after the first.

    Each row comes with its source line and whether cells past
    :data:`~govinfo.limits.MAX_ROW_CELLS` were dropped.
    """
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    for row in _rows(table):
        cells, cut = _row_cells(row, pending)
        yield cells, _line(row), cut


def _row_cells(row: etree._Element, pending: dict[int, tuple[str, int]]) -> tuple[list[str], bool]:
    cells: list[str] = []
    for cell in row:
        if cell.tag not in _CELL_TAGS:  # lxml's HTML parser lower-cases tags
            continue
        if pending:
            _fill(cells, pending)
        if len(cells) >= MAX_ROW_CELLS:
            return cells[:MAX_ROW_CELLS], True
        # A cell of every row of every table: the common case (no child, no span)
        # without a helper call.
        text = (cell.text or "") if len(cell) == 0 else _cell_text(cell)
        rowspan, colspan = cell.get("rowspan"), cell.get("colspan")
        if rowspan is None and colspan is None:
            cells.append(text)
            continue
        rows, cols = _span(rowspan), _span(colspan)
        if rows == 1 and cols == 1:
            cells.append(text)
            continue
        for offset in range(min(cols, MAX_ROW_CELLS - len(cells))):
            shown = text if offset == 0 else ""
            if rows > 1:
                pending[len(cells)] = (shown, rows - 1)
            cells.append(shown)
    if pending:
        _fill(cells, pending)
    return cells[:MAX_ROW_CELLS], len(cells) > MAX_ROW_CELLS


def _fill(cells: list[str], pending: dict[int, tuple[str, int]]) -> None:
    """Put the cells of rowspans from rows above into this row, where they stand."""
    while len(cells) in pending:
        text, left = pending.pop(len(cells))
        if left > 1:
            pending[len(cells)] = (text, left - 1)
        cells.append(text)
