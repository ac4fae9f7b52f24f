"""Reports as files: sniff the carrier, decode the text, convert to lines with provenance.

A carrier is what a report arrives in: plain text in any encoding, an HTML
page, a Word (.docx) file or a PDF. Each converter returns the report as text
lines plus, per line, where it stands in the file (:class:`Converted`); tables
become pipe rows, so the table readers work on every carrier alike.
"""

from __future__ import annotations

import bisect
import codecs
import re
import zipfile
from io import BytesIO
from typing import TYPE_CHECKING

import attrs
from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from govinfo.errors import InputError
from govinfo.models import Place

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["MAX_BYTES", "Converted", "LinePlace", "decode", "refuse_mojibake", "sniff"]

#: Larger inputs are refused: no annual report comes near it.
MAX_BYTES = 64 * 1024 * 1024
#: A DOCX's unpacked size may not exceed this (decompression bombs).
MAX_UNPACKED = 256 * 1024 * 1024
#: Text whose mess ratio (charset-normalizer) exceeds this is mojibake.
MAX_MESS = 0.3

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED_RE = re.compile(
    rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# Supersets: pages declare gb2312 and use GBK characters.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "x-gbk": "gb18030"}
_HTML_RE = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|table|meta)\b", re.IGNORECASE)


@attrs.frozen
class LinePlace:
    """Where one converted line comes from, and where its cells begin (tables)."""

    place: Place
    #: 1-based text columns where each grid cell of a table row starts.
    cell_starts: tuple[int, ...] = ()


@attrs.frozen
class Converted:
    """A carrier turned into text lines, each with its place in the file."""

    carrier: str
    lines: tuple[str, ...]
    places: tuple[LinePlace | None, ...]

    @property
    def text(self) -> str:
        """The lines joined, as :func:`govinfo.parse` reads them."""
        return "\n".join(self.lines)

    def locate(self, line: int, column: int) -> Place | None:
        """The place in the file of a position (line, column) in :attr:`text`."""
        found = self.places[line - 1] if 0 < line <= len(self.places) else None
        if found is None or not found.cell_starts:
            return None if found is None else found.place
        # A constructor call, not attrs.evolve: this runs once per value read from a file.
        at = found.place
        grid_column = max(bisect.bisect_right(found.cell_starts, column), 1)
        return Place(
            carrier=at.carrier,
            line=at.line,
            table=at.table,
            row=at.row,
            column=grid_column,
            page=at.page,
            paragraph=at.paragraph,
        )


def sniff(data: bytes, filename: str | None) -> str:
    """The carrier of ``data``: ``text``, ``html``, ``docx`` or ``pdf``; refusals raise."""
    name = filename or "<bytes>"
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data)} bytes, more than the {MAX_BYTES} a report may have")
    head = data[:16]
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(
            f"{name}: a binary Word .doc (OLE2) file, which govinfo cannot read; "
            "save it as .docx or text"
        )
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        _check_docx(data, name)
        return "docx"
    for magic, kind in (
        (b"\x89PNG", "PNG"),
        (b"\xff\xd8\xff", "JPEG"),
        (b"GIF8", "GIF"),
        (b"BM", "BMP"),
        (b"II*\x00", "TIFF"),
        (b"MM\x00*", "TIFF"),
    ):
        if head.startswith(magic):
            raise InputError(f"{name}: a {kind} image, not text; a scanned report needs OCR first")
    lower = (filename or "").lower()
    if lower.endswith((".htm", ".html", ".shtml")) or _HTML_RE.search(data[:4096]):
        return "html"
    return "text"


def _check_docx(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise InputError(f"{name}: a damaged zip archive ({exc})") from exc
    if not any(m.filename == "word/document.xml" for m in members):
        raise InputError(f"{name}: a zip archive that is not a Word .docx file")
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED:
        raise InputError(
            f"{name}: unpacks to {unpacked} bytes, more than {MAX_UNPACKED}: refused as a "
            "decompression bomb"
        )


def decode(data: bytes, filename: str | None = None, *, check: bool = True) -> tuple[str, str]:
    """Text and the codec it was read with: BOM, declared charset, UTF-8, then detection.

    With ``check`` the text is also refused when it reads as mojibake (see
    :func:`refuse_mojibake`); HTML is checked after conversion instead, on the text
    the page shows, which markup and scripts would otherwise dilute.

    Raises:
        InputError: no codec reads the bytes, or the text read is mojibake.
    """
    name = filename or "<bytes>"
    codec = _codec(data)
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"{name}: cannot be decoded as {codec} ({exc})") from exc
    if check:
        refuse_mojibake(text, name, codec)
    return text.removeprefix("\ufeff"), codec


def refuse_mojibake(text: str, name: str, codec: str) -> None:
    """Raise when decoded text is mostly noise: read with the wrong encoding.

    Raises:
        InputError: charset-normalizer's mess ratio of the text's start exceeds
            :data:`MAX_MESS`.
    """
    sample = text[:20000]
    if mess_ratio(sample, maximum_threshold=1.0) > MAX_MESS:
        raise InputError(
            f"{name}: the text reads as mojibake (decoded as {codec}, it is mostly noise: "
            f"{sample.strip()[:30]!r}); it was probably converted with the wrong encoding"
        )


def _codec(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    declared = _DECLARED_RE.search(data[:4096])
    if declared is not None:
        label = declared.group(1).decode("ascii").lower()
        try:
            codecs.lookup(label)
        except LookupError:
            pass
        else:
            return _SUPERSETS.get(label, label)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    best = from_bytes(data[:200000]).best()
    if best is None:
        raise InputError("the bytes are not text in any encoding govinfo knows")
    return _SUPERSETS.get(best.encoding, best.encoding)


def grid_row(cells: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """A table row as a pipe row, and the column where each cell's text starts."""
    parts: list[str] = []
    starts: list[int] = []
    position = 3  # after "| "
    for cell in cells:
        text = " ".join(cell.replace("|", "｜").split())
        starts.append(position)
        parts.append(text)
        position += len(text) + 3
    return "| " + " | ".join(parts) + " |", tuple(starts)
