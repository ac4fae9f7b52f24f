"""Every limit govinfo puts on its input and its output, in one place.

No real annual report comes near these limits; they exist so that a batch over
millions of files cannot be stopped by one hostile or broken input. Each limit
either refuses the input with an :class:`~govinfo.InputError` naming the file
and the limit, or reads what fits and says in a :class:`~govinfo.Diagnostic`
what was cut. Within the limits, time and memory grow linearly with the input
(see the scaling table of ``make bench``).

>>> from govinfo import limits
>>> limits.MAX_BYTES // (1024 * 1024), limits.MAX_TEXT_CHARS
(64, 16000000)
"""

from __future__ import annotations

__all__ = [
    "MAX_BYTES",
    "MAX_DIAGNOSTICS_PER_CODE",
    "MAX_DIGITS",
    "MAX_KEPT_CELLS",
    "MAX_KEPT_TEXT",
    "MAX_LINES",
    "MAX_MARKUP_CHARS",
    "MAX_PAGES",
    "MAX_ROW_CELLS",
    "MAX_SPAN",
    "MAX_STRAY_BYTES_SHARE",
    "MAX_TABLE_CELLS",
    "MAX_TEXT_CHARS",
    "MAX_VALUE_CHARS",
    "MAX_XML_BYTES",
    "cut",
]

#: Bytes of one input file (any carrier). Larger files are refused.
MAX_BYTES = 64 * 1024 * 1024

#: Characters of the text that reaches the parser (a text file once decoded, or what
#: an HTML, Word or PDF file converts to). Larger texts are refused. A long report
#: has about 50,000.
MAX_TEXT_CHARS = 16_000_000

#: Lines of that text. Longer texts are refused (every line costs a few
#: microseconds whatever its length). A long report has about 3,000.
MAX_LINES = 500_000

#: Characters of an HTML page, markup included, once decoded. Larger pages are
#: refused (parsed, a page takes about 17 bytes of memory per character).
MAX_MARKUP_CHARS = 16 * 1024 * 1024

#: Bytes of XML read from a Word file (its ``word/document.xml``), measured while
#: unpacking: the file is refused as soon as more would be read.
MAX_XML_BYTES = 16 * 1024 * 1024

#: Grid cells of one table row, in HTML and Word. Cells past it are dropped, with a
#: ``row-cut`` diagnostic.
MAX_ROW_CELLS = 256

#: Cells of one report that a table reader reads (row labels, units, values, blanks
#: and notes; the 2019/2021 reader counts the words and numbers of every line it
#: looks at and the phrases it cuts run-together text into, the old-table reader
#: also counts headings). A cell costs up to about
#: 30 microseconds, ten times as much as prose: past the limit the readers stop,
#: with a ``tables-cut`` diagnostic where they stopped, and the rest is read as
#: prose only. A long report has fewer than 20,000.
MAX_TABLE_CELLS = 100_000

#: Pages of one PDF. A longer PDF is refused (every page costs a few milliseconds; a
#: long annual report has about 60).
MAX_PAGES = 500

#: Rows or columns one table cell may span (HTML ``rowspan``/``colspan``, Word
#: ``gridSpan``); a larger span counts as this many.
MAX_SPAN = 100

#: Digits of one number (integer and fraction). A longer run of digits is not a
#: count or an amount: it is read as text, never as a value.
MAX_DIGITS = 20

#: Characters of one cell's text read as a value; longer texts are not numbers.
MAX_VALUE_CHARS = 64

#: Diagnostics kept per code; one more diagnostic of the same code says how many
#: were left out.
MAX_DIAGNOSTICS_PER_CODE = 100

#: Characters kept of a free text in the model (an unknown row's raw line, label
#: and section, a cell's label and raw text, a diagnostic's message and text). The
#: cut text ends with ``…[+N]``, N being the number of characters left out.
MAX_KEPT_TEXT = 200

#: Cells kept of an unknown row.
MAX_KEPT_CELLS = 64

#: Bytes that do not decode may make up at most this share of a text file or page
#: (and at least 8 are tolerated): each is read as U+FFFD with a ``stray-byte``
#: diagnostic. More mean the file is not in that encoding.
MAX_STRAY_BYTES_SHARE = 0.001


def cut(text: str, limit: int = MAX_KEPT_TEXT) -> str:
    """``text``, or its start and ``…[+N]`` when longer than ``limit`` characters.

    The result is never longer than ``limit``, so cutting twice changes nothing
    (a report read back from JSON equals the one written).

    >>> from govinfo.limits import cut
    >>> cut("一二三四五六七八九十" * 2, 12)
    '一二三四五六…[+14]'
    >>> cut(cut("x" * 1000, 20), 20) == cut("x" * 1000, 20)
    True
    """
    if len(text) <= limit:
        return text
    keep = limit
    while keep > 0:
        marker = f"…[+{len(text) - keep}]"
        if keep + len(marker) <= limit:
            return text[:keep] + marker
        keep = limit - len(marker)
    return text[:limit]
