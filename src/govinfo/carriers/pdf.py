"""PDF files → text lines, page by page, with page furniture removed.

Needs the ``pdf`` extra (pypdfium2). Page footers (``- 4 -``, ``第4页``) are set
aside by the normaliser like any noise line; a header or footer line repeated
at the top or bottom of most pages is dropped here. A table that continues on
the next page simply continues in the lines. A PDF without a text layer (a
scan) is refused.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from govinfo.carriers.converted import Converted, LinePlace
from govinfo.carriers.decoding import refuse_mojibake
from govinfo.errors import InputError
from govinfo.limits import MAX_PAGES
from govinfo.models import Diagnostic, Place

__all__ = ["pdf_to_lines"]

# A line at the top or bottom of at least this share of the pages is furniture.
_FURNITURE_SHARE = 0.6


def pdf_to_lines(data: bytes, name: str = "<pdf>") -> Converted:
    """Convert a PDF's text layer to lines with their page and line on the page."""
    try:
        import pypdfium2 as pdfium  # noqa: PLC0415 - optional extra
    except ImportError as exc:
        raise InputError(
            f"{name}: reading PDF needs the extra 'pdf': install govinfo with it from its checkout "
            "or wheel (pip install './govinfo[pdf]'; see the Install page)"
        ) from exc
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"{name}: not a readable PDF ({exc})") from exc
    try:
        pages, by_position, unreadable = _read_pages(document, name, pdfium.PdfiumError)
    finally:
        document.close()
    if not any(line for page in pages for line in page):
        if unreadable:
            raise InputError(f"{name}: a damaged PDF: none of its pages can be read")
        raise InputError(f"{name}: the PDF has no text layer (a scanned image?); it needs OCR")
    _refuse_unmapped(pages, name)
    furniture = _furniture(pages)
    lines: list[str] = []
    places: list[LinePlace | None] = []
    for page_number, page in enumerate(pages, start=1):
        for line_number, line in enumerate(page, start=1):
            if line and line not in furniture:
                lines.append(line)
                places.append(LinePlace(Place(carrier="pdf", page=page_number, line=line_number)))
    return Converted(
        carrier="pdf",
        lines=tuple(lines),
        places=tuple(places),
        diagnostics=_notes(by_position, unreadable),
    )


def _read_pages(
    document: Any,  # noqa: ANN401 - pypdfium2 is untyped
    name: str,
    error: type[Exception],
) -> tuple[list[list[str]], list[int], list[int]]:
    """Each page's lines, the pages read by glyph position, and the pages unreadable."""
    count = len(document)
    if count > MAX_PAGES:
        raise InputError(f"{name}: {count} pages, more than the {MAX_PAGES} a report may have")
    pages: list[list[str]] = []
    by_position: list[int] = []
    unreadable: list[int] = []
    for index in range(count):
        try:
            textpage = document[index].get_textpage()
            text = textpage.get_text_range()
            read = [line.strip() for line in text.replace("\r", "").split("\n")]
            if _out_of_order(read):
                read = _layout_lines(textpage)
                by_position.append(index + 1)
        except error:
            # A page the page tree names but the file does not hold (a damaged PDF).
            unreadable.append(index + 1)
            read = []
        pages.append(read)
    return pages, by_position, unreadable


def _notes(by_position: list[int], unreadable: list[int]) -> tuple[Diagnostic, ...]:
    notes: list[Diagnostic] = []
    if by_position:
        notes.append(
            Diagnostic(
                code="pdf-layout-order",
                message="text drawn column by column, read by the glyphs' positions on page(s) "
                + ", ".join(map(str, by_position[:20])),
            )
        )
    if unreadable:
        shown = ", ".join(map(str, unreadable[:20]))
        more = f" and {len(unreadable) - 20} more" if len(unreadable) > 20 else ""
        notes.append(
            Diagnostic(
                code="pdf-page-unreadable",
                message=f"{len(unreadable)} page(s) of the page tree cannot be read and are "
                f"left out: {shown}{more}",
            )
        )
    return tuple(notes)


# Characters a text layer gives for glyphs its fonts do not map to Unicode: the
# private use area, the replacement character, control characters.
_UNMAPPED_RE = re.compile("[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]")
# More than this share of unmapped characters: the text layer is unreadable.
_MAX_UNMAPPED = 0.3


def _refuse_unmapped(pages: list[list[str]], name: str) -> None:
    """Refuse a text layer whose fonts do not map to readable characters."""
    text = "".join(line for page in pages for line in page)
    visible = len(text) - text.count(" ")
    unmapped = len(_UNMAPPED_RE.findall(text))
    if visible and unmapped / visible > _MAX_UNMAPPED:
        raise InputError(
            f"{name}: the PDF's text layer does not map to readable characters "
            f"({unmapped} of {visible} unmapped: broken font encodings); it needs OCR"
        )
    if visible:
        refuse_mojibake(text, name, "the PDF's font maps")


# A line of numbers only, and a line where a label and numbers meet.
_NUMBERS_RE = re.compile(r"^[\d.\s/—-]+$")
_MIXED_RE = re.compile(r"[^\d\s.,/—-].*\d|\d.*[^\d\s.,/—-]")
# Glyphs further apart than this share of their height are in different cells.
_GAP = 0.3


def _out_of_order(lines: list[str]) -> bool:
    """A page whose text came out column by column.

    Such a page has more lines of bare numbers than lines where a row's label meets
    its numbers; a table printed in reading order has the opposite.
    """
    numbers = sum(
        bool(_NUMBERS_RE.match(line)) and any(c.isdigit() for c in line) for line in lines
    )
    mixed = sum(bool(_MIXED_RE.search(line)) for line in lines)
    return numbers > max(mixed, 2)


def _layout_lines(textpage: Any) -> list[str]:  # noqa: ANN401 - pypdfium2 is untyped
    """A page's text in the order the eye reads it, rebuilt from glyph positions.

    Glyphs are grouped into lines by their vertical centre and ordered left to
    right; a gap wider than a third of the line's height separates two cells.
    """
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    glyphs: list[tuple[float, float, float, float, str]] = []
    for index, char in enumerate(text[:count]):
        if not char.isspace():
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
            glyphs.append((left, bottom, right, top, char))
    glyphs.sort(key=lambda g: -(g[1] + g[3]))
    rows: list[tuple[float, float, list[tuple[float, float, float, float, str]]]] = []
    for glyph in glyphs:
        centre = (glyph[1] + glyph[3]) / 2
        if rows and rows[-1][0] <= centre <= rows[-1][1]:
            rows[-1][2].append(glyph)
        else:
            rows.append((glyph[1], glyph[3], [glyph]))
    lines: list[str] = []
    for bottom, top, row in rows:
        row.sort(key=lambda g: g[0])
        parts: list[str] = []
        for before, glyph in zip([None, *row], row, strict=False):
            if before is not None and glyph[0] - before[2] > _GAP * (top - bottom):
                parts.append(" ")
            parts.append(glyph[4])
        lines.append("".join(parts))
    return lines


def _furniture(pages: list[list[str]]) -> set[str]:
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for page in pages:
        content = [line for line in page if line]
        edges.update({*content[:1], *content[-1:]})
    return {line for line, count in edges.items() if count >= _FURNITURE_SHARE * len(pages)}
