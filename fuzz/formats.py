"""Mutators of HTML pages, Word files and PDFs (see :mod:`fuzz.mutate`)."""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

from fuzz.textual import (
    TEXT_MUTATORS,
    cut_bytes,
    flip,
    insert_bytes,
    repeat_bytes,
    times,
    truncate,
)

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

__all__ = ["HTML_MUTATORS", "mutate_docx", "mutate_pdf"]

_SPANS = ("0", "-1", "abc", "2", "3", "7", "100", "101", "10000000", "9" * 30, "", " 2 ", "3.5")


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
    for _ in range(rng.choice((1, 2, 5, 300)) if len(inner) < 100_000 else 2):
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
    count = times(max(map(len, tables)), rng.choice((10, 100, 1000)))
    extra = "\n".join(rng.choice(tables) for _ in range(count))
    return text.replace("</body>", extra + "</body>", 1)


HTML_MUTATORS: tuple[Callable[[str, random.Random], str], ...] = (
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
    copies = times(len(piece.group()), rng.choice((10, 100, 2000)))
    return xml[: piece.end()] + piece.group() * copies + xml[piece.end() :]


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


DOCX_MUTATORS: tuple[Callable[[str, random.Random], str], ...] = (
    docx_grid_span,
    docx_vmerge,
    docx_no_body,
    docx_content_controls,
    docx_track_changes,
    docx_repeat,
    docx_entities,
    docx_bomb,
)


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """A mutant of a .docx: its document XML changed and packed again, sometimes broken."""

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


def mutate_pdf(data: bytes, rng: random.Random) -> bytes:
    """A mutant of a PDF: page tree, cross-references, trailing junk, or bytes."""

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
