"""Mutators: each takes an input's bytes and a random generator, and returns new bytes.

Generic mutators work on any bytes (flips, cuts, duplications, splices). Text
mutators decode the input, change it as text (line cuts and repeats, huge
numbers and runs of digits, long lines, label-only lines, charset declarations,
pipes and tabs) and encode it again, sometimes in another encoding or with stray
bytes. HTML mutators change spans, nesting and prologs; DOCX mutators unpack
``word/document.xml``, change it (spans, merges, content controls, tracked
changes, missing body, bombs) and pack it again, sometimes into a broken zip;
PDF mutators change the page tree and cut or flip bytes. Every result is cut to
:data:`MAX_INPUT` bytes.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable

__all__ = ["MAX_INPUT", "mutate"]

#: The largest input the fuzzer makes (bytes).
MAX_INPUT = 6 * 1024 * 1024

Mutator = Callable[[bytes, random.Random], bytes]
TextMutator = Callable[[str, random.Random], str]

_SPANS = ("0", "-1", "abc", "2", "3", "7", "100", "101", "10000000", "9" * 30, "", " 2 ", "3.5")
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
_ENCODINGS = ("utf-8", "utf-8", "utf-8", "gbk", "gb18030", "utf-16", "big5hkscs", "utf-8-sig")


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
    lines[at:at] = [lines[at]] * rng.choice((2, 10, 1000, 10000))
    return "\n".join(lines)


def repeat_block(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    start = rng.randrange(len(lines))
    block = lines[start : start + rng.randint(2, 200)]
    lines[start:start] = block * rng.choice((2, 5, 50, 400))
    return "\n".join(lines)


def repeat_whole(text: str, rng: random.Random) -> str:
    return text * rng.choice((2, 10, 100, 400))


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

# HTML mutators.


def html_spans(text: str, rng: random.Random) -> str:
    def one(match: re.Match[str]) -> str:
        if rng.random() < 0.3:
            attribute = rng.choice(("rowspan", "colspan"))
            return f'{match.group()[:-1]} {attribute}="{rng.choice(_SPANS)}">'
        return match.group()

    return re.sub(r"<t[dh][^>]*>", one, text)


def html_layout(text: str, rng: random.Random) -> str:
    body = re.search(r"<body[^>]*>(.*)</body>", text, re.DOTALL | re.IGNORECASE)
    if body is None:
        return text
    inner = body.group(1)
    for _ in range(rng.choice((1, 2, 5, 300))):
        inner = f"<table><tr><td>{inner}</td></tr></table>"
    return text[: body.start(1)] + inner + text[body.end(1) :]


def html_break_tags(text: str, rng: random.Random) -> str:
    tag = rng.choice(("</tr>", "</td>", "</table>", "<tr>", "<tbody>", "</p>"))
    return text.replace(tag, "", rng.randint(1, 50))


def html_prolog(text: str, rng: random.Random) -> str:
    encoding = rng.choice(("utf-8", "gb2312", "undefined"))
    return f'<?xml version="1.0" encoding="{encoding}"?>\n' + text


def html_many_tables(text: str, rng: random.Random) -> str:
    tables = re.findall(r"<table.*?</table>", text, re.DOTALL | re.IGNORECASE)
    if not tables:
        return text
    extra = "\n".join(rng.choice(tables) for _ in range(rng.choice((10, 100, 1000))))
    return text.replace("</body>", extra + "</body>", 1)


HTML_MUTATORS: tuple[TextMutator, ...] = (
    html_spans,
    html_layout,
    html_break_tags,
    html_prolog,
    html_many_tables,
)

# DOCX mutators (on word/document.xml).


def _xml_attribute(xml: str, rng: random.Random, element: str) -> str:
    def one(match: re.Match[str]) -> str:
        if rng.random() < 0.3:
            return f'{match.group()}<w:{element} w:val="{rng.choice(_SPANS)}"/>'
        return match.group()

    return re.sub(r"<w:tcPr>", one, xml)


def docx_grid_span(xml: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return re.sub(r'w:gridSpan w:val="\d+"', f'w:gridSpan w:val="{rng.choice(_SPANS)}"', xml)
    return _xml_attribute(xml, rng, "gridSpan")


def docx_vmerge(xml: str, rng: random.Random) -> str:
    def one(match: re.Match[str]) -> str:
        if rng.random() < 0.2:
            merge = rng.choice(
                ("<w:vMerge/>", '<w:vMerge w:val="continue"/>', '<w:vMerge w:val="restart"/>')
            )
            return match.group() + merge
        return match.group()

    return re.sub(r"<w:tcPr>", one, xml)


def docx_no_body(xml: str, rng: random.Random) -> str:
    del rng
    return xml.replace("<w:body>", "<w:bodx>").replace("</w:body>", "</w:bodx>")


def docx_content_controls(xml: str, rng: random.Random) -> str:
    tag = rng.choice(("w:tc", "w:tr", "w:p", "w:tbl"))
    pattern = re.compile(rf"<{tag}\b.*?</{tag}>", re.DOTALL)

    def one(match: re.Match[str]) -> str:
        if rng.random() < 0.3:
            return f"<w:sdt><w:sdtContent>{match.group()}</w:sdtContent></w:sdt>"
        return match.group()

    return pattern.sub(one, xml)


def docx_track_changes(xml: str, rng: random.Random) -> str:
    def one(match: re.Match[str]) -> str:
        roll = rng.random()
        if roll < 0.1:
            return f'<w:ins w:id="1" w:author="x">{match.group()}</w:ins>'
        if roll < 0.2:
            deleted = (
                match.group().replace("<w:t>", "<w:delText>").replace("</w:t>", "</w:delText>")
            )
            return f'<w:del w:id="2" w:author="x">{deleted}</w:del>'
        return match.group()

    return re.sub(r"<w:r>.*?</w:r>", one, xml, flags=re.DOTALL)


def docx_repeat(xml: str, rng: random.Random) -> str:
    tag = rng.choice(("w:tr", "w:tbl", "w:p"))
    found = list(re.finditer(rf"<{tag}\b.*?</{tag}>", xml, re.DOTALL))
    if not found:
        return xml
    piece = rng.choice(found)
    return xml[: piece.end()] + piece.group() * rng.choice((10, 100, 2000)) + xml[piece.end() :]


def docx_entities(xml: str, rng: random.Random) -> str:
    del rng
    doctype = (
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d SYSTEM "file:///etc/passwd">]>'
    )
    body = re.sub(r"<w:t>", "<w:t>&c;&d;", xml, count=3)
    prolog = re.match(r"<\?xml[^>]*\?>", body)
    at = prolog.end() if prolog else 0
    return body[:at] + doctype + body[at:]


def docx_bomb(xml: str, rng: random.Random) -> str:
    size = rng.choice((10**6, 10**6, 10**7, 40 * 10**6))
    return xml.replace("</w:body>", " " * size + "</w:body>", 1)


DOCX_MUTATORS: tuple[TextMutator, ...] = (
    docx_grid_span,
    docx_vmerge,
    docx_no_body,
    docx_content_controls,
    docx_track_changes,
    docx_repeat,
    docx_entities,
    docx_bomb,
)


def _docx(data: bytes, rng: random.Random) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError):
        return flip(data, rng)
    xml = members.get("word/document.xml", b"").decode("utf-8", "replace")
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        if roll < 0.7:
            xml = rng.choice(DOCX_MUTATORS)(xml, rng)
        else:
            xml = rng.choice(TEXT_MUTATORS[:10])(xml, rng)
    members["word/document.xml"] = xml.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    packed = out.getvalue()
    if rng.random() < 0.15:
        packed = rng.choice((flip, truncate, cut_bytes))(packed, rng)
    return packed


# PDF mutators.


def _pdf(data: bytes, rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.3:
        count = rng.choice((b"0", b"99999", b"-1", b"3"))
        return re.sub(rb"/Count \d+", b"/Count " + count, data)
    if roll < 0.4:
        return data.replace(b"xref", b"xraf", 1)
    if roll < 0.5:
        return data + bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
    if roll < 0.6:
        return re.sub(rb"/Kids \[", b"/Kids [ 999 0 R ", data, count=1)
    return rng.choice((flip, truncate, cut_bytes, insert_bytes, repeat_bytes))(data, rng)


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
        out = rng.choice((flip, insert_bytes, cut_bytes, truncate, repeat_bytes))(data, rng)
    elif carrier == "docx":
        out = _docx(data, rng)
    elif carrier == "pdf":
        out = _pdf(data, rng)
    elif carrier == "html":
        out = _text(data, rng, HTML_MUTATORS + TEXT_MUTATORS if roll < 0.6 else HTML_MUTATORS)
    else:
        out = _text(data, rng, TEXT_MUTATORS)
    return out[:MAX_INPUT]
