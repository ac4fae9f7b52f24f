"""Which carrier a file is (text, HTML, .docx, PDF), and the refusals.

The input size limit (:data:`~govinfo.limits.MAX_BYTES`) and the formats govinfo
cannot read (binary .doc, images, zips that are not Word files) are refused here,
before any parsing. The unpacked size of a .docx is bounded where it is read
(:mod:`govinfo.carriers.docx`), on the bytes actually unpacked.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from io import BytesIO

from govinfo.errors import InputError
from govinfo.limits import MAX_BYTES

__all__ = ["PAGE_SUFFIXES", "ZIP_ERRORS", "sniff"]

#: The errors reading a damaged or unusual zip archive raises (a bad header or
#: CRC, a compression method or zip version the zipfile module does not implement,
#: ``zip file version 8.4``, an encrypted member, a truncated stream).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    ValueError,
)

_HTML_RE = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|table|meta)\b", re.IGNORECASE)
# A page cut out of its site's template (a CMS's article body) starts with its
# paragraphs: markup this dense is a page whatever the file is called.
_TAG_RE = re.compile(
    rb"</?(?:p|div|span|br|font|strong|b|h[1-6]|td|tr|li|section|article)\b[^>]{0,200}>",
    re.IGNORECASE,
)
_PAGE_TAGS = 5
#: The file name suffixes of web pages as sites and crawlers name them, read as HTML.
PAGE_SUFFIXES = (".htm", ".html", ".shtml", ".xhtml", ".jhtml", ".jsp", ".php", ".asp", ".aspx")


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
    start = data[:4096]
    if lower.endswith(PAGE_SUFFIXES) or _HTML_RE.search(start):
        return "html"
    if len(_TAG_RE.findall(start)) >= _PAGE_TAGS:
        return "html"
    return "text"


def _check_docx(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except ZIP_ERRORS as exc:
        raise InputError(f"{name}: a damaged zip archive ({exc})") from exc
    if not any(m.filename.startswith("word/document") for m in members):
        raise InputError(f"{name}: a zip archive that is not a Word .docx file")
