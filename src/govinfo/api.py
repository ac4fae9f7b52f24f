"""The public entry points: :func:`parse` and :func:`parse_file`."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from govinfo.carriers import decode, refuse_mojibake, sniff
from govinfo.carriers.docx import docx_to_lines
from govinfo.carriers.html import html_to_lines
from govinfo.carriers.pdf import pdf_to_lines
from govinfo.checks import check
from govinfo.checks.presence import absent_tables
from govinfo.errors import InputError, ReportSyntaxError
from govinfo.limits import MAX_DIAGNOSTICS_PER_CODE, MAX_LINES, MAX_TEXT_CHARS
from govinfo.models import Diagnostic, Report, nowhere
from govinfo.tables import decide_by_prose, read_tables
from govinfo.text.meta import read_meta
from govinfo.text.normalize import normalize
from govinfo.text.prose import read_prose
from govinfo.text.sections import read_sections

if TYPE_CHECKING:
    import os

    from govinfo.models import Locate

__all__ = ["parse", "parse_bytes", "parse_file"]

# Control characters other than tab, newlines and form feed mean binary data.
_BINARY_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def parse(text: str, *, source: str | None = None) -> Report:
    """Parse the text of one annual report into a :class:`~govinfo.Report`.

    Args:
        text: the whole report as text (any line endings; a BOM is dropped).
        source: a name for the report kept on the result (a path or URL).

    Returns:
        The report, with every table value under its catalogue id, the prose's
        figures in ``prose``, the invariant checks' ``findings`` and what the
        parser noticed in ``diagnostics``. A report without a statistics table
        is still a report: ``template`` is ``None`` and a diagnostic says so.

    Diagnostics are kept up to :data:`~govinfo.limits.MAX_DIAGNOSTICS_PER_CODE`
    per code; a last one of the same code says how many more there were.

    Raises:
        InputError: the text is longer than :data:`~govinfo.limits.MAX_TEXT_CHARS`
            or :data:`~govinfo.limits.MAX_LINES`.
        ReportSyntaxError: the text is binary data, not a report.
    """
    return _parse(text, source, nowhere)


def _parse(
    text: str,
    source: str | None,
    locate: Locate,
    carried: tuple[Diagnostic, ...] = (),
) -> Report:
    """:func:`parse`, each cell placed by ``locate``, after the carrier's diagnostics."""
    prefix = f"{source}: " if source else ""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{prefix}{len(text)} characters of text, more than the {MAX_TEXT_CHARS} "
            "a report may have"
        )
    lines = text.count("\n")
    if "\r" in text:  # old Mac line ends; a CRLF file counts each line once either way
        lines = max(lines, text.count("\r"))
    if lines > MAX_LINES:
        raise InputError(f"{prefix}{lines} lines, more than the {MAX_LINES} a report may have")
    binary = _BINARY_RE.search(text)
    if binary is not None:
        line = text.count("\n", 0, binary.start()) + 1
        column = binary.start() - (text.rfind("\n", 0, binary.start()) + 1) + 1
        msg = (
            f"{prefix}binary data (control character U+{ord(binary.group()):04X}), not report text"
        )
        raise ReportSyntaxError(msg, text, line, column)
    document = normalize(text)
    try:
        tables = read_tables(document, locate)
    except ReportSyntaxError as exc:
        if not prefix:
            raise
        raise ReportSyntaxError(prefix + exc.msg, exc.text, exc.line, exc.column) from exc
    reading = tables.reading
    meta = read_meta(document.lines, tables.furniture)
    prose = read_prose(
        document.lines, tables.spans, locate, template=reading.template, year=meta.year
    )
    # Rows of run-together digits the table's sums left open (rare): the prose may decide.
    reading = decide_by_prose(reading, prose)
    diagnostics = list(carried)
    if document.converted_from_traditional:
        diagnostics.append(
            Diagnostic(code="traditional-script", message="converted from Traditional script")
        )
    diagnostics.extend(
        Diagnostic(
            code="unconverted-line",
            message="Traditional script kept: conversion would move columns",
            line=number,
        )
        for number in document.unconverted_lines
    )
    if not reading.cells and not reading.unknown_rows:
        diagnostics.append(
            Diagnostic(
                code="no-table",
                message="the statistics table (统计表) is absent: no table rows were found",
            )
        )
    elif not reading.cells:
        diagnostics.append(
            Diagnostic(
                code="table-unread",
                message=f"a table of {len(reading.unknown_rows)} row(s) was found, but no row "
                "was read into a catalogue cell: the rows are kept raw (unknown_rows)",
            )
        )
    diagnostics.extend(meta.diagnostics)
    diagnostics.extend(reading.diagnostics)
    report = Report(
        source=source,
        title=meta.title,
        agency=meta.agency,
        year=meta.year,
        template=reading.template,
        cells=reading.cells,
        unknown_rows=reading.unknown_rows,
        headings=tables.headings,
        diagnostics=_capped(diagnostics),
        prose=prose,
        sections=read_sections(document.lines),
    )
    missing = tuple(
        Diagnostic(
            code="table-missing",
            message=f"table {table.name} ({table.title}) was not read: not printed, or "
            "printed in a form not recognised",
            line=table.heading,
        )
        for table in absent_tables(report)
    )
    return attrs.evolve(
        report, diagnostics=report.diagnostics + missing, findings=tuple(check(report))
    )


def _capped(diagnostics: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    """At most :data:`~govinfo.limits.MAX_DIAGNOSTICS_PER_CODE` per code, then a count."""
    seen: Counter[str] = Counter()
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        seen[diagnostic.code] += 1
        if seen[diagnostic.code] <= MAX_DIAGNOSTICS_PER_CODE:
            kept.append(diagnostic)
    kept.extend(
        Diagnostic(
            code=code,
            message=f"{count - MAX_DIAGNOSTICS_PER_CODE} more {code} diagnostics not kept "
            f"({count} in all)",
        )
        for code, count in seen.items()
        if count > MAX_DIAGNOSTICS_PER_CODE
    )
    return tuple(kept)


def parse_file(path: str | os.PathLike[str]) -> Report:
    """Read a report file (text in any encoding, HTML, .docx or PDF) and parse it.

    See :func:`parse_bytes`; ``source`` is the path.

    Raises:
        InputError: the file cannot be read, or is not a report carrier govinfo reads.
        ReportSyntaxError: the text is binary data.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{file}: cannot read: {exc.strerror or exc}") from exc
    return parse_bytes(data, filename=str(file))


def parse_bytes(data: bytes, *, filename: str | None = None, source: str | None = None) -> Report:
    """Parse a report from bytes: text in any encoding, an HTML page, a .docx or a PDF.

    Text is decoded by its BOM, its declared charset (HTML meta, XML prolog) or
    detection, and refused when it reads as mojibake. HTML, DOCX and PDF are
    converted to text lines first; every cell then also carries its
    :class:`~govinfo.Place` in the file.

    Args:
        data: the file's bytes.
        filename: the file's name; its extension helps to recognise HTML, and it
            names the file in errors.
        source: a name for the report kept on the result (a path or URL), as in
            :func:`parse`; ``filename`` when not given.

    >>> import govinfo
    >>> page = "<p>某县2020年政府信息公开工作年度报告</p>".encode()
    >>> govinfo.parse_bytes(page, filename="a.html", source="https://example.org/a").source
    'https://example.org/a'

    Raises:
        InputError: empty, too large, an image, a binary .doc, a zip that is not a
            .docx, a PDF without text, undecodable or mojibake text.
        ReportSyntaxError: the text is binary data.
    """
    carrier = sniff(data, filename)
    name = filename or "<bytes>"
    source = source if source is not None else filename
    if carrier == "text":
        decoded = decode(data, filename)
        return _parse(decoded.text, source, nowhere, decoded.diagnostics)
    if carrier == "html":
        decoded = decode(data, filename, check=False, markup=True)
        converted = html_to_lines(decoded.text, name)
        refuse_mojibake(converted.text, name, decoded.codec)
        carried = (*decoded.diagnostics, *converted.diagnostics)
    else:
        converted = docx_to_lines(data, name) if carrier == "docx" else pdf_to_lines(data, name)
        carried = converted.diagnostics
    return _parse(converted.text, source, converted.locate, carried)
