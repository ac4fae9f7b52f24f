"""Carriers: a report file's bytes → text lines with their places in the file.

Sniffing and refusals (:mod:`.sniffing`), decoding (:mod:`.decoding`), and the
converters of HTML, .docx and PDF to lines with places (:mod:`.converted`).
May import only the base modules (errors, folding, values, models, catalogue).
"""

from govinfo.carriers.converted import Converted, LinePlace, grid_row
from govinfo.carriers.decoding import decode, refuse_mojibake
from govinfo.carriers.sniffing import MAX_BYTES, MAX_UNPACKED, sniff

__all__ = [
    "MAX_BYTES",
    "MAX_UNPACKED",
    "Converted",
    "LinePlace",
    "decode",
    "grid_row",
    "refuse_mojibake",
    "sniff",
]
