"""PDF files → text lines, page by page, with page furniture removed.

Needs the ``pdf`` extra (pypdfium2). Page footers (``- 4 -``, ``第4页``) are set
aside by the normaliser like any noise line; a header or footer line repeated
at the top or bottom of most pages is dropped here. A table that continues on
the next page simply continues in the lines. A PDF without a text layer (a
scan) is refused.
"""

from __future__ import annotations

from collections import Counter

from govinfo.carriers.converted import Converted, LinePlace
from govinfo.errors import InputError
from govinfo.models import Place

__all__ = ["pdf_to_lines"]

# A line at the top or bottom of at least this share of the pages is furniture.
_FURNITURE_SHARE = 0.6


def pdf_to_lines(data: bytes, name: str = "<pdf>") -> Converted:
    """Convert a PDF's text layer to lines with their page and line on the page."""
    try:
        import pypdfium2 as pdfium  # noqa: PLC0415 - optional extra
    except ImportError as exc:
        raise InputError(f"{name}: reading PDF needs the extra: pip install govinfo[pdf]") from exc
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"{name}: not a readable PDF ({exc})") from exc
    pages: list[list[str]] = []
    try:
        for page in document:
            text = page.get_textpage().get_text_range()
            pages.append([line.strip() for line in text.replace("\r", "").split("\n")])
    finally:
        document.close()
    if not any(line for page in pages for line in page):
        raise InputError(f"{name}: the PDF has no text layer (a scanned image?); it needs OCR")
    furniture = _furniture(pages)
    lines: list[str] = []
    places: list[LinePlace | None] = []
    for page_number, page in enumerate(pages, start=1):
        for line_number, line in enumerate(page, start=1):
            if line and line not in furniture:
                lines.append(line)
                places.append(LinePlace(Place(carrier="pdf", page=page_number, line=line_number)))
    return Converted(carrier="pdf", lines=tuple(lines), places=tuple(places))


def _furniture(pages: list[list[str]]) -> set[str]:
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for page in pages:
        content = [line for line in page if line]
        edges.update({*content[:1], *content[-1:]})
    return {line for line, count in edges.items() if count >= _FURNITURE_SHARE * len(pages)}
