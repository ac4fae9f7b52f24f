"""Word .docx files → text lines: body paragraphs and tables in document order.

The document part is unpacked from the zip with a bound on the bytes actually
read (:data:`~govinfo.limits.MAX_XML_BYTES`) and parsed by lxml with no network
access and no entity expansion. The text is the *accepted* text of the document:
runs inserted with Track Changes (``w:ins``, ``w:moveTo``) are read, deleted
ones (``w:del``, ``w:moveFrom``) are not; content controls (``w:sdt``) and custom
XML around paragraphs, rows and cells are looked through.

Merged cells follow the HTML rule: a vertically merged cell (``vMerge``) is
repeated in each row it spans; a cell spanning columns (``gridSpan``, at most
:data:`~govinfo.limits.MAX_SPAN`) keeps its text in its first column only. A
continued merge with no merge above it keeps its own text, with a
``merge-inconsistent`` diagnostic. A table holding other tables in its cells,
or a table of one cell, lays the document out: its cells are read as paragraphs
and tables of their own.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import TYPE_CHECKING

from lxml import etree

from govinfo.carriers.converted import Converted, LinePlace, grid_row
from govinfo.carriers.sniffing import ZIP_ERRORS
from govinfo.errors import InputError
from govinfo.limits import MAX_ROW_CELLS, MAX_SPAN, MAX_XML_BYTES
from govinfo.models import Diagnostic, Place

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["docx_to_lines"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN = "word/document.xml"
# Elements whose text is not the document's accepted, visible text.
_HIDDEN = frozenset(
    f"{_W}{tag}"
    for tag in (
        "del",
        "moveFrom",
        "pPr",
        "rPr",
        "tcPr",
        "trPr",
        "tblPr",
        "sectPr",
        "instrText",
        "delText",
        "drawing",
        "pict",
        "object",
        "footnoteReference",
        "endnoteReference",
    )
) | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_SPACES = frozenset(f"{_W}{tag}" for tag in ("tab", "br", "cr", "ptab"))
_T, _VAL, _NO_BREAK_HYPHEN = f"{_W}t", f"{_W}val", f"{_W}noBreakHyphen"
_TC_PR, _TR_PR = f"{_W}tcPr", f"{_W}trPr"
_V_MERGE, _GRID_SPAN, _GRID_BEFORE = f"{_W}vMerge", f"{_W}gridSpan", f"{_W}gridBefore"
_CELL_DEL, _DEL = f"{_W}cellDel", f"{_W}del"
# Wrappers to look through for the paragraphs, rows and cells they hold.
_WRAPPERS = frozenset((f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"))


def docx_to_lines(data: bytes, name: str = "<docx>") -> Converted:
    """Convert a .docx file to text lines with their paragraph or table places.

    Raises:
        InputError: the zip or its XML is damaged, the document part unpacks to more
            than :data:`~govinfo.limits.MAX_XML_BYTES`, or it has no body.
    """
    xml = _document_xml(data, name)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(xml, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"{name}: not a readable .docx file (its XML: {exc})") from exc
    body = root.find(f"{_W}body")
    if body is None:
        raise InputError(f"{name}: not a readable .docx file (no w:body in {_MAIN})")
    reader = _Reader(_layout_tables(body))
    reader.blocks(body)
    return Converted(
        carrier="docx",
        lines=tuple(reader.lines),
        places=tuple(reader.places),
        diagnostics=tuple(reader.diagnostics),
    )


def _document_xml(data: bytes, name: str) -> bytes:
    """The main document part, read with a bound on the bytes unpacked."""
    try:
        with (
            zipfile.ZipFile(BytesIO(data)) as archive,
            archive.open(_main_part(archive)) as member,
        ):
            xml = member.read(MAX_XML_BYTES + 1)
    except ZIP_ERRORS as exc:
        raise InputError(f"{name}: not a readable .docx file ({exc})") from exc
    if len(xml) > MAX_XML_BYTES:
        raise InputError(
            f"{name}: its document unpacks to more than {MAX_XML_BYTES} bytes: refused as "
            "a decompression bomb"
        )
    return xml


def _main_part(archive: zipfile.ZipFile) -> str:
    """The document part the package's relationships name (Word may call it document2.xml)."""
    names = set(archive.namelist())
    if "_rels/.rels" not in names:
        return _MAIN
    with archive.open("_rels/.rels") as member:
        rels = member.read(1024 * 1024)
    try:
        root = etree.fromstring(rels, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return _MAIN
    for relation in root.iter(f"{_RELS}Relationship"):
        target = (relation.get("Target") or "").lstrip("/")
        if relation.get("Type", "").endswith("/officeDocument") and target in names:
            return target
    return _MAIN


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def _layout_tables(body: etree._Element) -> set[etree._Element]:
    """Tables with a table inside, or of one cell: they lay the document out."""
    layout: set[etree._Element] = set()
    for table in body.iter(f"{_W}tbl"):
        # libxml2 nests at most 256 deep, so this climb is bounded.
        for ancestor in table.iterancestors(f"{_W}tbl"):
            layout.add(ancestor)
            break
        rows = list(_through(table, f"{_W}tr"))
        if len(rows) == 1 and len(list(_through(rows[0], f"{_W}tc"))) == 1:
            layout.add(table)
    return layout


def _through(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children of ``parent`` with ``tag``, looking through content controls and custom XML."""
    for child in parent:
        child_tag = _local(child)
        if child_tag == tag:
            yield child
        elif child_tag in _WRAPPERS:
            yield from _through(child, tag)


def _text(element: etree._Element, out: list[str]) -> None:
    """The accepted, visible text under ``element``, appended to ``out``."""
    for child in element:
        tag = child.tag  # comments and PIs are removed; an entity's tag is no str
        if tag == _T:
            out.append(child.text or "")
            # An unexpanded entity reference is a child: the text goes on after it.
            if len(child):
                out.extend(part.tail or "" for part in child)
        elif tag in _HIDDEN:
            continue
        elif tag in _SPACES:
            out.append(" ")
        elif tag == _NO_BREAK_HYPHEN:
            out.append("-")
        elif len(child):
            _text(child, out)


def _properties(element: etree._Element | None) -> dict[str, str]:
    """The ``w:val`` of each child of a properties element (``w:tcPr``, ``w:trPr``) by tag."""
    if element is None:
        return {}
    return {child.tag: child.get(_VAL, "") for child in element if isinstance(child.tag, str)}


def _count(value: str | None) -> int:
    """A span or a number of grid columns: at least 1 (0 for gridBefore), at most MAX_SPAN."""
    try:
        return max(0, min(int((value or "").strip()[:8]), MAX_SPAN))
    except ValueError:
        return 0


class _Reader:
    def __init__(self, layout: set[etree._Element]) -> None:
        self.layout = layout
        self.lines: list[str] = []
        self.places: list[LinePlace | None] = []
        self.diagnostics: list[Diagnostic] = []
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, container: etree._Element) -> None:
        """Paragraphs and tables of a body or a layout cell, in order."""
        for child in container:
            tag = _local(child)
            if tag == f"{_W}p":
                self.paragraph(child)
            elif tag == f"{_W}tbl":
                if child in self.layout:
                    for row in self.rows(child):
                        for cell in _through(row, f"{_W}tc"):
                            self.blocks(cell)
                else:
                    self.table(child)
            elif tag in _WRAPPERS:
                self.blocks(child)

    def paragraph(self, element: etree._Element) -> None:
        self.paragraphs += 1
        parts: list[str] = []
        _text(element, parts)
        text = " ".join("".join(parts).split())
        if text:
            self.lines.append(text)
            self.places.append(LinePlace(Place(carrier="docx", paragraph=self.paragraphs)))

    def rows(self, table: etree._Element) -> Iterator[etree._Element]:
        """The table's rows, less those deleted with Track Changes."""
        for row in _through(table, f"{_W}tr"):
            if _DEL not in _properties(row.find(_TR_PR)):
                yield row

    def table(self, table: etree._Element) -> None:
        self.tables += 1
        above: dict[int, tuple[str, bool]] = {}  # grid column -> (text, in a vertical merge)
        for row_index, row in enumerate(self.rows(table), start=1):
            cells, above = self.row(row, row_index, above)
            if any(cells):
                text, starts = grid_row(cells)
                self.lines.append(text)
                self.places.append(
                    LinePlace(Place(carrier="docx", table=self.tables, row=row_index), starts)
                )

    def row(
        self, row: etree._Element, row_index: int, above: dict[int, tuple[str, bool]]
    ) -> tuple[list[str], dict[int, tuple[str, bool]]]:
        """A row's grid cells, and its cells by grid column for the row below."""
        cells = [""] * _count(_properties(row.find(_TR_PR)).get(_GRID_BEFORE))
        here: dict[int, tuple[str, bool]] = {}
        for cell in _through(row, f"{_W}tc"):
            properties = _properties(cell.find(_TC_PR))
            if _CELL_DEL in properties:
                continue
            if len(cells) >= MAX_ROW_CELLS:
                self.note(
                    "row-cut",
                    f"row {row_index} of table {self.tables} has more than {MAX_ROW_CELLS} "
                    "cells; the cells after them were not read",
                )
                break
            merge = properties.get(_V_MERGE)
            text = self.cell_text(cell)
            if merge is not None and merge != "restart":
                start = above.get(len(cells))
                if start is not None and start[1]:
                    text = start[0]
                else:
                    self.note(
                        "merge-inconsistent",
                        f"row {row_index} of table {self.tables}: a cell continues a vertical "
                        "merge that no cell above starts; its own text is read",
                    )
            here[len(cells)] = (text, merge is not None)
            cells.append(text)
            span = _count(properties.get(_GRID_SPAN))
            if span > 1:
                cells.extend([""] * min(span - 1, MAX_ROW_CELLS - len(cells)))
        return cells, here

    def cell_text(self, cell: etree._Element) -> str:
        parts: list[str] = []
        for paragraph in _through(cell, f"{_W}p"):
            _text(paragraph, parts)
            parts.append(" ")
        return " ".join("".join(parts).split())

    def note(self, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(code=code, message=message))
