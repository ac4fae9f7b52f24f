"""Byte and text mutators: each takes bytes (or text) and a random generator, and returns new ones.

Byte mutators work on any input (flips, cuts, duplications). Text mutators change
a decoded report: line cuts and repeats, huge numbers and runs of digits, long
lines, label-only lines, stray values, charset declarations, pipes and tabs,
control characters.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

__all__ = [
    "BYTE_MUTATORS",
    "GROWTH",
    "TEXT_MUTATORS",
    "cut_bytes",
    "flip",
    "insert_bytes",
    "repeat_bytes",
    "times",
    "truncate",
]

Mutator = Callable[[bytes, random.Random], bytes]
TextMutator = Callable[[str, random.Random], str]

_CHARSETS = (
    "undefined",
    "utf-7",
    "rot13",
    "unicode_escape",
    "gb2312",
    "utf-8",
    "big5",
    "x-gbk",
    "latin1",
    "bogus",
    "utf-16",
)


#: Characters a text mutator adds at most: a repeat asks for fewer copies of a longer
#: piece, so that no mutation can take the campaign's own memory.
GROWTH = 8_000_000


def times(piece: int, wanted: int) -> int:
    """How many copies of a piece of ``piece`` characters to make: ``wanted``, bounded."""
    return max(1, min(wanted, GROWTH // max(1, piece)))


def _span(data: bytes, rng: random.Random, most: int) -> tuple[int, int]:
    start = rng.randrange(len(data) + 1)
    return start, min(len(data), start + rng.randint(1, max(1, most)))


# Generic byte mutators.


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = bytes(rng.choice((0, 0xFF, 0x80, 0xA1, 0xFE, rng.randrange(256))) for _ in range(8))
    return data[:at] + junk[: rng.randint(1, 8)] + data[at:]


def cut_bytes(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng, len(data) // 4)
    return data[:start] + data[end:]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def repeat_bytes(data: bytes, rng: random.Random) -> bytes:
    start, end = _span(data, rng, 4096)
    return data[:end] + data[start:end] * rng.choice((2, 10, 100, 1000)) + data[end:]


BYTE_MUTATORS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    flip,
    insert_bytes,
    cut_bytes,
    truncate,
    repeat_bytes,
)

# Text mutators (on decoded text).


def _lines(text: str) -> list[str]:
    return text.split("\n")


def cut_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    del lines[start : start + rng.randint(1, 20)]
    return "\n".join(lines)


def repeat_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    at = rng.randrange(len(lines))
    lines[at:at] = [lines[at]] * times(len(lines[at]) + 1, rng.choice((2, 10, 1000, 10000)))
    return "\n".join(lines)


def repeat_block(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    block = lines[start : start + rng.randint(2, 200)]
    size = sum(len(line) + 1 for line in block)
    lines[start:start] = block * times(size, rng.choice((2, 5, 50, 400)))
    return "\n".join(lines)


def repeat_whole(text: str, rng: random.Random) -> str:
    return text * times(len(text), rng.choice((2, 10, 100, 400)))


def shuffle_block(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    block = lines[start : start + rng.randint(2, 30)]
    rng.shuffle(block)
    lines[start : start + len(block)] = block
    return "\n".join(lines)


def digit_run(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 20)))
    size: int = 10 ** rng.randint(1, 6)
    run = (digits * (size // len(digits) + 1))[:size]
    tail = rng.choice(("", "件", "条", "万", "余人", ".5", "\n"))
    return text[:at] + run + tail + text[at:]


def huge_number(text: str, rng: random.Random) -> str:
    numbers = list(re.finditer(r"\d+", text))
    if not numbers:
        return digit_run(text, rng)
    found = rng.choice(numbers)
    size = rng.choice((21, 4301, 10**5, 10**6))
    return text[: found.start()] + "9" * size + text[found.end() :]


def long_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    at = rng.randrange(len(lines))
    piece = lines[at] or "政府信息公开 12 "
    sep = rng.choice(("", " ", "\t", " | "))
    lines[at] = sep.join([piece] * (rng.choice((1000, 10000, 100000)) // len(piece) + 1))
    return "\n".join(lines)


def label_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    labels = [line for line in lines if line.strip() and not re.search(r"\d", line)] or ["申请"]
    at = rng.randrange(len(lines))
    count = rng.choice((100, 1000, 8000, 30000))
    lines[at:at] = [rng.choice(labels)[:20] for _ in range(count)]
    return "\n".join(lines)


def stray_values(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    at = rng.randrange(len(lines))
    lines[at:at] = [str(rng.randrange(100))] * rng.choice((10, 1000, 100000))
    return "\n".join(lines)


def declare_charset(text: str, rng: random.Random) -> str:
    charset = rng.choice(_CHARSETS)
    if "<head" in text.lower() and rng.random() < 0.7:
        return re.sub(
            r"<head[^>]*>", f'<head><meta charset="{charset}">', text, count=1, flags=re.IGNORECASE
        )
    return f"charset={charset}\n{text}"


def pipes_and_tabs(text: str, rng: random.Random) -> str:
    sep = rng.choice(("|", "\t", " | ", "||"))
    return "\n".join(
        line.replace(" ", sep) if rng.random() < 0.3 else line for line in _lines(text)
    )


def controls(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    return (
        text[:at]
        + rng.choice(("\x00", "\x0b", "\x1c", "\u2028", "\ufeff", "\ufffd", "\r"))
        + text[at:]
    )


TEXT_MUTATORS: tuple[TextMutator, ...] = (
    cut_lines,
    repeat_line,
    repeat_block,
    repeat_whole,
    shuffle_block,
    digit_run,
    huge_number,
    long_line,
    label_lines,
    stray_values,
    declare_charset,
    pipes_and_tabs,
    controls,
)
