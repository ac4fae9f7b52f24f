"""A :class:`~govinfo.Report` as rows of the dataset's tables, and rows back as a report.

Rows are plain tuples in the column order of :mod:`govinfo.dataset.schema`, so
workers send compact data and the part writers need no mapping. Decimals become
floats (exact for every count a report prints); blanks stay ``None``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from govinfo.checks.crossyear import agency_key
from govinfo.dataset.schema import TABLES, part_columns
from govinfo.models import Cell, Origin, Report, Severity
from govinfo.values import Qualifier

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from govinfo.checks.crossyear import ProsePrints
    from govinfo.models import Finding

__all__ = [
    "Rows",
    "cell_from_row",
    "empty_rows",
    "failed_rows",
    "finding_row",
    "report_records",
    "report_rows",
]

#: Rows per table name, each row a tuple in the part's column order.
Rows = dict[str, list[tuple[Any, ...]]]


def empty_rows() -> Rows:
    """No rows for every table."""
    return {table: [] for table in TABLES}


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def finding_row(
    source: str, position: int, finding: Finding, previous: str | None = None
) -> tuple[Any, ...]:
    """A ``findings`` row."""
    return (
        source,
        previous,
        position,
        finding.code,
        str(finding.severity),
        finding.message,
        list(finding.cells),
        list(finding.lines),
        _number(finding.expected),
        _number(finding.actual),
        _number(finding.difference),
        list(finding.missing),
        list(finding.suspects),
        list(finding.decided),
    )


_NO_PLACE = (None,) * 6


def _cell_row(source: str, position: int, cell: Cell) -> tuple[Any, ...]:
    # A row per cell of every report: no helper calls. str() of a StrEnum member is
    # its value, without the Python-level `.value` property.
    place, value, low, high = cell.place, cell.value, cell.low, cell.high
    # float(Decimal) goes through the number's text: an exact cell's bounds are its
    # value (the same object), converted once.
    number = None if value is None else float(value)
    return (
        source,
        position,
        cell.id,
        number,
        number if low is value else None if low is None else float(low),
        number if high is value else None if high is None else float(high),
        str(cell.qualifier),
        cell.unit,
        cell.written_unit,
        cell.raw,
        cell.label,
        cell.line,
        cell.column,
        str(cell.origin),
        list(cell.flags),
        *(
            _NO_PLACE
            if place is None
            else (place.page, place.table, place.row, place.column, place.line, place.paragraph)
        ),
    )


def report_rows(  # noqa: PLR0913 - a file's facts beside its report
    report: Report,
    *,
    source: str,
    sha256: str = "",
    size: int = 0,
    carrier: str | None = None,
    sections: Sequence[ProsePrints] = (),
) -> Rows:
    """The rows of every table for one parsed report (``reports`` holds one).

    Args:
        report: the parsed report.
        source: the file's name in the dataset (every row carries it).
        sha256: hex digest of the file's bytes.
        size: the file's size in bytes.
        carrier: ``text``, ``html``, ``docx`` or ``pdf``.
        sections: the prose fingerprints for the cross-year pass (internal table).
    """
    severities = [f.severity for f in report.findings]
    values = len(report.cells) - [c.qualifier for c in report.cells.values()].count(
        Qualifier.MISSING
    )
    rows = empty_rows()
    rows["reports"].append(
        (
            source,
            sha256,
            size,
            carrier,
            "ok",
            None,
            report.title,
            report.agency,
            agency_key(report.agency),
            report.year,
            report.template,
            len(report.cells),
            values,
            len(report.unknown_rows),
            len(report.findings),
            severities.count(Severity.ERROR),
            severities.count(Severity.WARNING),
            [d.code for d in report.diagnostics],
        )
    )
    cells = (*report.cells.values(), *report.prose)
    rows["cells"] = [_cell_row(source, i, cell) for i, cell in enumerate(cells)]
    rows["findings"] = [finding_row(source, i, f) for i, f in enumerate(report.findings)]
    rows["unknown_rows"] = [
        (source, i, row.line, row.label, row.raw, list(row.cells), row.section, row.reason)
        for i, row in enumerate(report.unknown_rows)
    ]
    rows["sections"] = [
        (source, i, s.ordinal, s.heading, s.line, list(s.sentences), list(s.lengths))
        for i, s in enumerate(sections)
    ]
    return rows


def failed_rows(
    source: str, status: str, error: str, *, sha256: str | None = None, size: int | None = None
) -> Rows:
    """The ``reports`` row of a file that was refused or crashed (other tables empty)."""
    rows = empty_rows()
    width = len(part_columns("reports"))
    row: list[Any] = [None] * width
    row[:6] = [source, sha256, size, None, status, error]
    rows["reports"].append(tuple(row))
    return rows


def report_records(report: Report, *, source: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """A report as records (one dict per row) of the dataset's four tables.

    The same rows ``govinfo dataset`` writes, without the file's facts
    (``sha256``, ``bytes``, ``carrier``) and ``agency_id``:

    >>> records = report_records(govinfo.parse_file(EXAMPLE))
    >>> records["reports"][0]["template"], len(records["cells"]) > 50
    ('old-2018', True)
    >>> records["cells"][0]["id"], records["cells"][0]["value"]
    ('old.active.total', 3860.0)

    Args:
        report: a parsed report.
        source: the name its rows carry (default: ``report.source``).

    Returns:
        Table name → list of dicts, keys as in :mod:`govinfo.dataset.schema`.
    """
    rows = report_rows(report, source=source or report.source or "<text>")
    return {
        table: [
            dict(zip((c.name for c in part_columns(table)), row, strict=True))
            for row in rows[table]
        ]
        for table in ("reports", "cells", "findings", "unknown_rows")
    }


def _decimal(value: float | None) -> Decimal | None:
    # repr() is the shortest text reading back to the same float: the printed decimal.
    return None if value is None else Decimal(repr(value))


def cell_from_row(row: Mapping[str, Any]) -> Cell:
    """A :class:`~govinfo.Cell` rebuilt from a ``cells`` row (no place, label or flags)."""
    return Cell(
        id=row["id"],
        value=_decimal(row["value"]),
        low=_decimal(row["low"]),
        high=_decimal(row["high"]),
        qualifier=Qualifier(row["qualifier"]),
        unit=row["unit"] or "",
        raw=row["raw"] or "",
        line=row["line"],
        column=row["column"],
        origin=Origin(row["origin"]),
    )


def report_from_rows(template: str | None, cells: Iterable[Mapping[str, Any]]) -> Report:
    """A report holding only its template and table cells, for the cross-year rules."""
    table = (cell_from_row(c) for c in cells if c["origin"] == Origin.TABLE.value)
    return Report(template=template, cells={c.id: c for c in table})
