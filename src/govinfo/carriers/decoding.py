"""Bytes to text: BOM, declared charset, UTF-8, then detection; mojibake refused."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from govinfo.errors import InputError

__all__ = ["MAX_MESS", "decode", "refuse_mojibake"]

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
