"""The dataset's tables and their columns: one home for names, types and meanings.

Every table has a ``source`` column (the path as given or found) that links its
rows to the ``reports`` row of their file, and a ``position`` giving the rows'
order within a report. ``sections`` and ``files`` are internal, kept in the work
directory only: the prose fingerprints the cross-year pass reads, and each file's
modification time when it was read (a later run parses a file again once it changed).

``TABLES`` maps each table's name to its :class:`Column` records: the four of a
dataset (:data:`PUBLIC_TABLES`), then ``sections`` and ``files``.
"""

from __future__ import annotations

import enum
import functools
import importlib.abc
import sys
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

    import pyarrow as pa

__all__ = [
    "PUBLIC_TABLES",
    "TABLES",
    "Column",
    "Type",
    "arrow_schema",
    "part_columns",
    "pyarrow_without_pandas",
]


class Type(enum.StrEnum):
    """A column's type, written as DuckDB names it."""

    TEXT = "VARCHAR"
    INT = "BIGINT"
    FLOAT = "DOUBLE"
    TEXTS = "VARCHAR[]"
    INTS = "BIGINT[]"


@attrs.frozen
class Column:
    """A column: name, type and what it holds."""

    name: str
    type: Type
    doc: str
    #: Filled when the dataset is assembled, not by the workers (``reports.agency_id``).
    assembled: bool = False


_S, _I, _F, _SS, _IS = Type.TEXT, Type.INT, Type.FLOAT, Type.TEXTS, Type.INTS

_SOURCE = Column("source", _S, "the file's path as given or found (links every table)")
_POSITION = Column("position", _I, "order of the row within its report, from 0")

REPORTS = (
    _SOURCE,
    Column("sha256", _S, "SHA-256 of the file's bytes (hex)"),
    Column("bytes", _I, "size of the file"),
    Column("carrier", _S, "text, html, docx or pdf; null when the file was refused"),
    Column("status", _S, "ok, refused (a GovinfoError: the message is in error) or crashed"),
    Column("error", _S, "why the file was refused or what crashed; null when ok"),
    Column("title", _S, "the report's title"),
    Column("agency", _S, "the agency as printed"),
    Column("agency_key", _S, "the agency's name normalised to link years (agency_key())"),
    Column("agency_id", _S, "the id given for the file or agency in --agencies", assembled=True),
    Column("year", _I, "the year the report covers"),
    Column("template", _S, "the statistics-table template; null without a table"),
    Column("cells", _I, "catalogue cells the table prints"),
    Column("values", _I, "of which with a value (the others are blank)"),
    Column("unknown_rows", _I, "table rows the catalogue does not know"),
    Column("findings", _I, "findings of the report's own checks"),
    Column("errors", _I, "of which error-level"),
    Column("warnings", _I, "of which warnings"),
    Column("diagnostics", _SS, "codes of what the parser noticed"),
)

CELLS = (
    _SOURCE,
    _POSITION,
    Column("id", _S, "catalogue id"),
    Column("value", _F, "the number (万 applied); null when blank"),
    Column("low", _F, "smallest count the text allows; null: unbounded"),
    Column("high", _F, "largest count the text allows; null: unbounded"),
    Column("qualifier", _S, "exact, approximate, more_than, at_most, about or missing"),
    Column("unit", _S, "the row's unit"),
    Column("written_unit", _S, "a unit written inside the value"),
    Column("raw", _S, "the cell's text as printed"),
    Column("label", _S, "the row label as printed"),
    Column("line", _I, "line of the value in the text read"),
    Column("column", _I, "column of the value in the text read"),
    Column("origin", _S, "table, or prose for a figure the report's text states"),
    Column("flags", _SS, "oddities noticed (value_on_header, stray_text)"),
    Column("carrier_page", _I, "PDF page"),
    Column("carrier_table", _I, "table number in an HTML or Word file"),
    Column("carrier_row", _I, "row of that table"),
    Column("carrier_column", _I, "grid column of that table"),
    Column("carrier_line", _I, "source line of the HTML element"),
    Column("carrier_paragraph", _I, "Word paragraph"),
)

FINDINGS = (
    _SOURCE,
    Column("previous", _S, "the previous year's report for a cross-year finding, else null"),
    _POSITION,
    Column("code", _S, "rule id (O9, N6…) or copied-figures, repeated-prose"),
    Column("severity", _S, "error, warning or info (not evaluable, or decided by a split)"),
    Column("message", _S, "the finding in Chinese, operands with labels and values"),
    Column("cells", _SS, "ids of the cells concerned"),
    Column("lines", _IS, "their lines"),
    Column("expected", _F, "the value the rule expects"),
    Column("actual", _F, "the value found"),
    Column("difference", _F, "actual − expected"),
    Column("missing", _SS, "operands blank or not printed"),
    Column("suspects", _SS, "operands equal to the excess (probably counted twice)"),
    Column("decided", _SS, "operands whose run-together digits this rule split (not a check)"),
)

UNKNOWN_ROWS = (
    _SOURCE,
    _POSITION,
    Column("line", _I, "line of the row"),
    Column("label", _S, "its label"),
    Column("raw", _S, "the row as printed"),
    Column("cells", _SS, "its cells' texts"),
    Column("section", _S, "the table section it stands in"),
    Column("reason", _S, "why it was not placed"),
)

SECTIONS = (
    _SOURCE,
    _POSITION,
    Column("ordinal", _S, "the heading's ordinal"),
    Column("heading", _S, "the heading"),
    Column("line", _I, "the heading's line"),
    Column("sentences", _IS, "64-bit fingerprints of the section's sentences"),
    Column("lengths", _IS, "their lengths in characters"),
)

FILES = (
    _SOURCE,
    Column("modified", _I, "modification time when read (st_mtime_ns); null: not a local file"),
)

# Every table with its columns (documented in the module docstring: autodoc would print
# the whole mapping).
TABLES: Mapping[str, tuple[Column, ...]] = {
    "reports": REPORTS,
    "cells": CELLS,
    "findings": FINDINGS,
    "unknown_rows": UNKNOWN_ROWS,
    "sections": SECTIONS,
    "files": FILES,
}
#: The tables a dataset holds.
PUBLIC_TABLES = ("reports", "cells", "findings", "unknown_rows")


def part_columns(table: str) -> tuple[Column, ...]:
    """The columns the workers write for ``table`` (assembled ones left out)."""
    return tuple(c for c in TABLES[table] if not c.assembled)


class _NoPandas(importlib.abc.MetaPathFinder):
    """A finder that says pandas is not there (see :func:`pyarrow_without_pandas`)."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        del path, target
        if fullname == "pandas":
            raise ImportError("pandas is not needed to write govinfo's parts")
        return None


@functools.cache
def pyarrow_without_pandas() -> None:
    """Tell pyarrow, once per process, not to import pandas for ``pa.array``.

    The first ``pa.array()`` of a process imports pandas, only to recognise
    pandas objects in its argument: 1.1 s of CPU and about 90 MB in each worker
    and in the parent (measured on this project's bench machine). govinfo gives
    it lists only. Made to find no pandas at that first call, pyarrow does not
    look again for ``pa.array``; what needs pandas (``Table.to_pandas``) still
    imports it when called. Nothing is changed when pandas is already imported.
    """
    import pyarrow as pa  # noqa: PLC0415 - extra `dataset`

    if "pandas" not in sys.modules:
        finder = _NoPandas()
        sys.meta_path.insert(0, finder)
        try:
            pa.array([], type=pa.int64())
        finally:
            sys.meta_path.remove(finder)


def arrow_schema(table: str) -> pa.Schema:
    """The pyarrow schema of a table's part files."""
    import pyarrow as pa  # noqa: PLC0415 - extra `dataset`

    pyarrow_without_pandas()

    types = {
        Type.TEXT: pa.string(),
        Type.INT: pa.int64(),
        Type.FLOAT: pa.float64(),
        Type.TEXTS: pa.list_(pa.string()),
        Type.INTS: pa.list_(pa.int64()),
    }
    return pa.schema([(c.name, types[c.type]) for c in part_columns(table)])
