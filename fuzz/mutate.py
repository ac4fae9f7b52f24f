"""Mutants of an input of any carrier: :func:`mutate`.

A mutant is made by a generic byte mutator (:mod:`fuzz.textual`), or by the
mutators of its carrier: text mutators on a decoded text, then encoded again,
sometimes in another encoding or with stray bytes; HTML mutators (spans,
nesting, prologs, many tables) with text ones; .docx mutators on the unpacked
document XML; PDF mutators (:mod:`fuzz.formats`). Every result is cut to
:data:`MAX_INPUT` bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fuzz.formats import HTML_MUTATORS, mutate_docx, mutate_pdf
from fuzz.textual import BYTE_MUTATORS, TEXT_MUTATORS, insert_bytes

if TYPE_CHECKING:
    import random

    from fuzz.textual import TextMutator

__all__ = ["MAX_INPUT", "mutate"]

#: The largest input the fuzzer makes (bytes).
MAX_INPUT = 6 * 1024 * 1024

_ENCODINGS = ("utf-8", "utf-8", "utf-8", "gbk", "gb18030", "utf-16", "big5hkscs", "utf-8-sig")


# Text and HTML: decode, mutate, encode.


def _text(data: bytes, rng: random.Random, mutators: tuple[TextMutator, ...]) -> bytes:
    text = data.decode("utf-8", "replace")
    for _ in range(rng.randint(1, 3)):
        text = rng.choice(mutators)(text, rng)
        if len(text) > MAX_INPUT:
            text = text[:MAX_INPUT]
    encoding = rng.choice(_ENCODINGS)
    out = text.encode(encoding, "replace") if rng.random() < 0.3 else text.encode("utf-8")
    if rng.random() < 0.2:
        out = insert_bytes(out, rng)
    return out


def mutate(data: bytes, carrier: str, rng: random.Random) -> bytes:
    """A mutant of ``data`` (an input of ``carrier``: text, html, docx or pdf)."""
    roll = rng.random()
    if roll < 0.15:
        out = rng.choice(BYTE_MUTATORS)(data, rng)
    elif carrier == "docx":
        out = mutate_docx(data, rng)
    elif carrier == "pdf":
        out = mutate_pdf(data, rng)
    elif carrier == "html":
        out = _text(data, rng, HTML_MUTATORS + TEXT_MUTATORS if roll < 0.6 else HTML_MUTATORS)
    else:
        out = _text(data, rng, TEXT_MUTATORS)
    return out[:MAX_INPUT]
