"""Bytes to text: BOM, UTF-8, declared charset, then detection; stray bytes replaced.

Pages often declare a charset their bytes contradict (a CMS template saying
``gb2312`` around UTF-8 text, or the reverse), and some files carry a stray byte
that no codec reads. The bytes decide: the declaration is one candidate among
others, and a file that a codec reads except for a few bytes is read with those
bytes replaced. Each such decision is said in a :class:`~govinfo.Diagnostic`.
"""

from __future__ import annotations

import codecs
import contextvars
import re
from typing import TYPE_CHECKING, NamedTuple

from charset_normalizer import CharsetMatch, from_bytes
from charset_normalizer.constant import IANA_SUPPORTED
from charset_normalizer.md import mess_ratio

from govinfo.errors import InputError
from govinfo.limits import MAX_STRAY_BYTES_SHARE
from govinfo.models import Diagnostic

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["MAX_MESS", "Decoded", "decode", "refuse_mojibake"]

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
    rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
# Supersets: pages declare gb2312 and use GBK characters.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "hz": "gb18030"}
# WHATWG labels Python does not know.
_ALIASES = {"x-gbk": "gbk", "gb_2312-80": "gb2312", "x-gb18030": "gb18030", "x-big5": "big5"}
# Text encodings a declaration may name: those charset-normalizer tells apart, less UTF-7
# (it reads almost any ASCII) and with Python's own names. `undefined`, `rot13`,
# `unicode_escape` and the like are not charsets of a page.
_TEXT_CODECS = frozenset(codecs.lookup(name).name for name in IANA_SUPPORTED) - {"utf-7"}
# Codecs a Chinese report without a usable declaration is tried in, after detection.
_FALLBACKS = ("gb18030", "big5hkscs")
# Line breaks as str.splitlines counts them, so that diagnostics name the report's lines.
_BREAK_RE = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Scripts and styles, and tags, left out when a page's readability is judged.
_HIDDEN_OPEN_RE = re.compile(r"<(?:script|style)\b", re.IGNORECASE)
_HIDDEN_CLOSE_RE = re.compile(r"</(?:script|style)\s*>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^<>]*>")
# The decoder marks each stray byte with this non-character, found and replaced after.
_MARK = "\uffff"
_STRAY_ERRORS = "govinfo-stray"
_strays: contextvars.ContextVar[list[int]] = contextvars.ContextVar("govinfo_strays")


class _TooManyStrayBytesError(Exception):
    pass


def _stray_handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    found = _strays.get()
    found.append(error.start)
    if len(found) > _allowance(len(error.object)):
        raise _TooManyStrayBytesError
    return _MARK, error.end


codecs.register_error(_STRAY_ERRORS, _stray_handler)


class Decoded(NamedTuple):
    """Text decoded from bytes, the codec that read it, and what decoding noticed."""

    text: str
    codec: str
    diagnostics: tuple[Diagnostic, ...] = ()


def decode(
    data: bytes, filename: str | None = None, *, check: bool = True, markup: bool = False
) -> Decoded:
    """Decode a text file or page: BOM, UTF-8, declared charset, detection, fallbacks.

    The first codec in that order that reads every byte into readable text wins
    (text that reads as mojibake sends the search on to the next codec); a declared
    charset that the bytes contradict is set aside with a ``charset-mismatch``
    diagnostic (one Python cannot use, such as ``undefined``, with
    ``charset-unknown``). When no codec reads every byte, the one that reads all but
    the fewest (at most :data:`~govinfo.limits.MAX_STRAY_BYTES_SHARE` of them) is
    used and each stray byte becomes U+FFFD, with a ``stray-byte`` diagnostic giving
    its line and column.

    Args:
        data: the bytes.
        filename: named in errors.
        check: refuse the result when it reads as mojibake (see
            :func:`refuse_mojibake`). HTML is checked after conversion instead, on
            the text the page shows.
        markup: the bytes are a page: judge readability on its text without tags,
            scripts and styles, which would otherwise dilute the noise.

    Raises:
        InputError: no codec reads the bytes, or (with ``check``) the text read is
            mojibake.
    """
    name = filename or "<bytes>"
    decoded, judged = _decode(data, name, markup=markup)
    if check and not judged:
        refuse_mojibake(decoded.text, name, decoded.codec)
    return decoded


def refuse_mojibake(text: str, name: str, codec: str) -> None:
    """Raise when decoded text is mostly noise: read with the wrong encoding.

    ``codec`` names how the text was read: a codec (``"gb18030"``) or a phrase
    such as ``"the PDF's fonts"``.

    Raises:
        InputError: charset-normalizer's mess ratio of the text's start exceeds
            :data:`MAX_MESS`.
    """
    if not _readable(text):
        sample = text[:20000]
        controls = sum(ord(ch) < 32 and ch not in "\t\n\r\f\v" for ch in sample)
        if controls * 10 > len(sample):
            # Control characters are no encoding's mistake: the file is not text.
            first = next(ch for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
            raise InputError(
                f"{name}: binary data (control characters such as U+{ord(first):04X}), "
                "not report text"
            )
        raise InputError(
            f"{name}: the text reads as mojibake (decoded as {codec}, it is mostly noise: "
            f"{sample.strip()[:30]!r}); it was probably converted with the wrong encoding"
        )


def _readable(text: str, *, markup: bool = False) -> bool:
    sample = (_visible(text[:400_000]) if markup else text)[:20000]
    return mess_ratio(sample, maximum_threshold=1.0) <= MAX_MESS


def _visible(page: str) -> str:
    """A page's text without scripts, styles and tags, found in one pass (no backtracking)."""
    parts: list[str] = []
    position = 0
    while (opening := _HIDDEN_OPEN_RE.search(page, position)) is not None:
        parts.append(page[position : opening.start()])
        closing = _HIDDEN_CLOSE_RE.search(page, opening.end())
        if closing is None:
            position = len(page)
            break
        position = closing.end()
    parts.append(page[position:])
    return _TAG_RE.sub(" ", "".join(parts))


def _decode(data: bytes, name: str, *, markup: bool) -> tuple[Decoded, bool]:
    """The decoded text, and whether it was already judged readable as it stands."""
    bom = next((codec for mark, codec in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        text = _strict(data, bom)
        if text is None:
            return _with_strays(data, name, (bom,), ()), False
        return Decoded(text.removeprefix("\ufeff"), bom), False
    declared, notes = _declared(data)
    tried: list[str] = []
    noise: tuple[str, str] | None = None  # the first codec that read every byte, as noise
    for codec in _candidates(data, declared):
        if codec in tried:
            continue
        tried.append(codec)
        text = _strict(data, codec)
        if text is not None and _readable(text, markup=markup):
            decoded = Decoded(text, codec, (*notes, *_mismatch(declared, codec, data)))
            return decoded, not markup
        if text is not None and noise is None:
            noise = (codec, text)
    if noise is not None:
        # Every codec that reads the bytes reads noise: the mojibake check will say so.
        codec, text = noise
        return Decoded(text, codec, (*notes, *_mismatch(declared, codec, data))), False
    return _with_strays(data, name, tuple(tried), notes, declared), False


def _candidates(data: bytes, declared: _Charset | None) -> Iterator[str]:
    """UTF-8, the declared charset, charset-normalizer's guess, the fallbacks (lazily)."""
    yield "utf-8"
    if declared is not None:
        yield declared.codec
    detected = _detect(data)
    if detected is not None:
        yield _SUPERSETS.get(detected.encoding, detected.encoding)
    yield from _FALLBACKS


def _detect(data: bytes) -> CharsetMatch | None:
    try:
        return from_bytes(data[:200000]).best()
    except Exception:  # noqa: BLE001 - detection is a guess; a failed guess is no guess
        return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):
        return None


class _Charset(NamedTuple):
    """A declared charset: the codec it is read with, and the label as written."""

    codec: str
    label: str


def _declared(data: bytes) -> tuple[_Charset | None, tuple[Diagnostic, ...]]:
    """The charset the bytes declare (HTML meta, XML prolog, a text's first lines), if usable."""
    head = data[:4096]
    # Most texts declare nothing: two substring tests spare the regex's scan of every byte.
    lowered = head.lower()
    if b"charset" not in lowered and b"encoding" not in lowered:
        return None, ()
    found = _DECLARED_RE.search(head)
    if found is None:
        return None, ()
    label = found.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(_ALIASES.get(label, label)).name
    except LookupError:
        codec = ""
    if codec not in _TEXT_CODECS:
        return None, (
            Diagnostic(
                code="charset-unknown",
                message=f"the declared charset {label!r} is not a text encoding; "
                "the encoding was found from the bytes",
            ),
        )
    return _Charset(_SUPERSETS.get(codec, codec), label), ()


def _mismatch(declared: _Charset | None, codec: str, data: bytes) -> tuple[Diagnostic, ...]:
    if declared is None or declared.codec == codec or data.isascii():
        return ()
    if codec == "utf-8" and declared.codec == "utf-8-sig":
        return ()
    return (
        Diagnostic(
            code="charset-mismatch",
            message=f"the page declares {declared.label} but its bytes are {codec}; "
            f"read as {codec}",
        ),
    )


def _allowance(size: int) -> int:
    return max(8, int(size * MAX_STRAY_BYTES_SHARE))


def _with_strays(
    data: bytes,
    name: str,
    candidates: tuple[str, ...],
    notes: tuple[Diagnostic, ...],
    declared: _Charset | None = None,
) -> Decoded:
    """Decode with the codec that leaves the fewest stray bytes, each one diagnosed."""
    best: tuple[str, str, list[int]] | None = None
    for codec in candidates:
        found: list[int] = []
        token = _strays.set(found)
        try:
            text = data.decode(codec, errors=_STRAY_ERRORS)
        except (_TooManyStrayBytesError, LookupError, UnicodeError):
            continue
        finally:
            _strays.reset(token)
        if best is None or len(found) < len(best[2]):
            best = (codec, text, found)
    if best is None:
        raise InputError(
            f"{name}: cannot be decoded: in {', '.join(candidates)} alike, more than "
            f"{_allowance(len(data))} bytes are invalid; the file is not text in an "
            "encoding govinfo knows"
        )
    codec, text, offsets = best
    diagnostics = [*notes, *_mismatch(declared, codec, data)]
    diagnostics.extend(_stray_diagnostics(text, data, offsets, codec))
    return Decoded(text.replace(_MARK, "\ufffd").removeprefix("\ufeff"), codec, tuple(diagnostics))


def _stray_diagnostics(text: str, data: bytes, offsets: list[int], codec: str) -> list[Diagnostic]:
    """One ``stray-byte`` diagnostic per replaced byte, with its line and column."""
    out: list[Diagnostic] = []
    line, line_start, position = 1, 0, 0
    breaks = _BREAK_RE.finditer(text)
    pending = next(breaks, None)
    for offset in offsets:
        position = text.find(_MARK, position)
        if position < 0:  # pragma: no cover - one mark per stray byte
            break
        while pending is not None and pending.end() <= position:
            line, line_start = line + 1, pending.end()
            pending = next(breaks, None)
        out.append(
            Diagnostic(
                code="stray-byte",
                message=f"byte 0x{data[offset]:02X} (offset {offset}) is not {codec}; "
                "read as U+FFFD",
                line=line,
                column=position - line_start + 1,
            )
        )
        position += 1
    return out
