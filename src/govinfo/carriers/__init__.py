"""Carriers: a report file's bytes → text lines with their places in the file.

Sniffing and refusals (:mod:`.sniffing`), decoding (:mod:`.decoding`), and the
converters of HTML, .docx and PDF to lines with places (:mod:`.converted`). The
limits they apply are in :mod:`govinfo.limits`.
May import only the base modules (errors, folding, values, models, catalogue).
"""

from govinfo.carriers.converted import Converted, LinePlace, grid_row
from govinfo.carriers.decoding import Decoded, decode, refuse_mojibake
from govinfo.carriers.sniffing import sniff

__all__ = [
    "Converted",
    "Decoded",
    "LinePlace",
    "decode",
    "grid_row",
    "refuse_mojibake",
    "sniff",
]
