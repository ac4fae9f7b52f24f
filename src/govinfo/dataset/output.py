"""Assembling committed parts into the dataset, in the format asked for, and reading it back.

DuckDB does the assembly for every format: it reads the part files, adds the
``agency_id`` of ``--agencies``, runs the cross-year pass, sorts every table by
``source`` and ``position``, and writes. Each output file is written under a
temporary name and renamed into place, so a reader never sees half a table.

Formats (by the output's suffix, or ``--format``):

- ``parquet`` (``OUT.parquet/``), ``csv`` (``OUT.csv/``), ``jsonl`` (``OUT.jsonl/``):
  a folder with one file per table (``reports.parquet``…);
- ``duckdb`` (``OUT.duckdb``): one database file with the four tables, the
  mapping tables and the views of :mod:`govinfo.dataset.views`.
"""

from __future__ import annotations

import csv
import enum
import glob
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from govinfo.checks.crossyear import agency_key
from govinfo.dataset.schema import PUBLIC_TABLES, TABLES, Type, pyarrow_without_pandas
from govinfo.dataset.sources import DatasetError
from govinfo.dataset.views import create_views

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import duckdb
    import pandas as pd

__all__ = [
    "DUCKDB_MEMORY",
    "Format",
    "agency_ids",
    "connect",
    "duckdb_connect",
    "output_format",
    "read_dataset",
    "settle",
]


class Format(enum.StrEnum):
    """An output format."""

    PARQUET = "parquet"
    DUCKDB = "duckdb"
    CSV = "csv"
    JSONL = "jsonl"


_BY_SUFFIX = {
    ".parquet": Format.PARQUET,
    ".duckdb": Format.DUCKDB,
    ".ddb": Format.DUCKDB,
    ".csv": Format.CSV,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
}
_FILE_SUFFIX = {Format.PARQUET: ".parquet", Format.CSV: ".csv", Format.JSONL: ".jsonl"}
_COPY_OPTIONS = {
    Format.PARQUET: "FORMAT parquet, COMPRESSION zstd",
    Format.CSV: "FORMAT csv, HEADER true",
    Format.JSONL: "FORMAT json",
}
_ORDER = {
    "reports": "source",
    "cells": "source, position",
    "findings": "source, previous NULLS FIRST, position",
    "unknown_rows": "source, position",
}


def output_format(out: Path, given: str | None = None) -> Format:
    """The format of ``out``: ``given``, else by its suffix.

    Raises:
        DatasetError: neither says (or ``given`` is not a format).
    """
    if given is not None:
        try:
            return Format(given)
        except ValueError:
            raise DatasetError(f"unknown format {given!r}: one of {', '.join(Format)}") from None
    found = _BY_SUFFIX.get(out.suffix.lower())
    if found is None:
        raise DatasetError(
            f"{out}: say the format with --format, or end the name with one of "
            f"{', '.join(sorted(_BY_SUFFIX))}"
        )
    return found


#: DuckDB's memory limit in the parent (it spills beyond it to its temp directory).
DUCKDB_MEMORY = "256MB"


def settle(
    connection: duckdb.DuckDBPyConnection,
    directory: Path,
    threads: int,
    memory: str = DUCKDB_MEMORY,
) -> None:
    """Bound a connection: temp files in ``directory``, ``memory`` (a DuckDB size), ``threads``.

    DuckDB sorts and joins larger data on disk, so memory does not grow with the corpus.
    """
    connection.execute(f"SET temp_directory = '{directory.as_posix()}'")
    connection.execute(f"SET memory_limit = '{memory}'")
    connection.execute(f"SET threads = {threads}")


def duckdb_connect(
    database: str = ":memory:", *, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection; a clear error when the extra ``dataset`` is missing."""
    try:
        import duckdb  # noqa: PLC0415 - extra `dataset`
    except ImportError as exc:
        raise DatasetError(
            "datasets need the extra 'dataset': install govinfo with it from its checkout or "
            "wheel (pip install './govinfo[dataset]'; see the Install page)"
        ) from exc
    return duckdb.connect(database, read_only=read_only)


def _sql_list(paths: Sequence[Path]) -> str:
    return "[" + ", ".join("'" + p.as_posix().replace("'", "''") + "'" for p in paths) + "]"


def agency_ids(path: Path | None) -> list[tuple[str, str, str]]:
    """``(kind, key, agency_id)`` rows of an --agencies CSV: by path (or its tail) or agency."""
    if path is None:
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            rows = list(reader)
            header = set(reader.fieldnames or ())
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DatasetError(f"{path}: cannot read the agencies CSV: {exc}") from exc
    if "agency_id" not in header or not header & {"source", "agency"}:
        raise DatasetError(
            f"{path}: the CSV needs a column agency_id and a column source or agency"
        )
    ids: dict[tuple[str, str], str] = {}
    for number, row in enumerate(rows, start=2):
        agency_id = (row.get("agency_id") or "").strip()
        for kind, value in (("source", row.get("source")), ("agency", row.get("agency"))):
            if not value or not value.strip() or not agency_id:
                continue
            wanted = value.strip() if kind == "source" else agency_key(value) or ""
            if ids.setdefault((kind, wanted), agency_id) != agency_id:
                raise DatasetError(f"{path}:{number}: {value!r} has two agency ids")
    return [(kind, key, agency_id) for (kind, key), agency_id in ids.items()]


# The longest tail of the path given in the CSV wins; then the agency's name.
_AGENCY_ID = """coalesce(
  (SELECT arg_max(s.agency_id, length(s.key)) FROM agency_ids s
   WHERE s.kind = 'source' AND (r.source = s.key OR suffix(r.source, '/' || s.key))),
  (SELECT a.agency_id FROM agency_ids a WHERE a.kind = 'agency' AND a.key = r.agency_key)
) AS agency_id"""


def _select(table: str) -> str:
    if table == "reports":
        names = [
            _AGENCY_ID if c.name == "agency_id" else f'r."{c.name}"' for c in TABLES["reports"]
        ]
        return (
            f"SELECT {', '.join(names)} FROM parts_reports r\n"
            "SEMI JOIN wanted w ON w.source = r.source"
        )
    if table == "findings":
        return (
            "SELECT * FROM (SELECT * FROM parts_findings UNION ALL SELECT * FROM crossyear) f\n"
            "SEMI JOIN wanted w ON w.source = f.source"
        )
    return f"SELECT * FROM parts_{table} t SEMI JOIN wanted w ON w.source = t.source"


def _reparsed(connection: duckdb.DuckDBPyConnection, reports: Sequence[Path]) -> bool:
    """Whether a file has rows in two chunks; if so, table ``latest``: each file's last chunk."""
    ((rows, files),) = connection.execute(
        "SELECT count(*), count(DISTINCT source) FROM parts_reports"
    ).fetchall()
    if rows == files:
        return False
    order = ", ".join(f"({n}, '{p.stem}')" for n, p in enumerate(reports))
    connection.execute(
        "CREATE OR REPLACE TABLE latest AS "
        "SELECT r.source, arg_max(o.chunk, o.n) AS chunk "
        f"FROM read_parquet({_sql_list(reports)}, filename = true) r "
        f"JOIN (VALUES {order}) o(n, chunk) ON o.chunk = parse_filename(r.filename, true) "
        "GROUP BY r.source"
    )
    return True


def open_parts(
    connection: duckdb.DuckDBPyConnection,
    parts: dict[str, list[Path]],
    sources: Sequence[str],
    agencies: Path | None,
) -> None:
    """Views ``parts_<table>`` over the part files, ``wanted`` sources, ``reports_final``.

    They are made in the connection's (in-memory) database, not as TEMP objects,
    so that a cursor of the connection sees them (:func:`write_output`).
    """
    import pyarrow as pa  # noqa: PLC0415 - extra `dataset`

    pyarrow_without_pandas()

    for table in TABLES:
        if not parts[table]:
            raise DatasetError("no parts to assemble")
    for table in TABLES:
        connection.execute(
            f"CREATE OR REPLACE VIEW parts_{table} AS "
            f"SELECT * FROM read_parquet({_sql_list(parts[table])})"
        )
    if _reparsed(connection, parts["reports"]):
        # A file parsed again (it crashed, or changed since) has rows in more than one
        # chunk: only its latest chunk's count. A chunk's parts share their name in
        # every table, and the journal lists them in commit order.
        for table in TABLES:
            connection.execute(
                f"CREATE OR REPLACE VIEW parts_{table} AS SELECT t.* EXCLUDE (filename) "
                f"FROM read_parquet({_sql_list(parts[table])}, filename = true) t "
                "SEMI JOIN latest l ON l.source = t.source "
                "AND l.chunk = parse_filename(t.filename, true)"
            )
    wanted = pa.table({"source": pa.array(sources, pa.string())})
    connection.register("wanted_arrow", wanted)
    connection.execute("CREATE OR REPLACE TABLE wanted AS SELECT * FROM wanted_arrow")
    connection.unregister("wanted_arrow")
    connection.execute(
        "CREATE OR REPLACE TABLE agency_ids (kind VARCHAR, key VARCHAR, agency_id VARCHAR)"
    )
    ids = agency_ids(agencies)
    if ids:
        connection.executemany("INSERT INTO agency_ids VALUES (?, ?, ?)", ids)
    connection.execute(f"CREATE OR REPLACE TABLE reports_final AS {_select('reports')}")


def write_output(
    connection: duckdb.DuckDBPyConnection,
    out: Path,
    fmt: Format,
    crossyear: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Write the four tables to ``out`` (the parts' views must exist).

    ``crossyear`` (when given) is called on this thread while ``reports``, ``cells``
    and ``unknown_rows`` are written on a cursor of their own: it must create the
    view ``crossyear``, which only ``findings`` reads. DuckDB leaves Python's lock
    while it writes, so the cross-year pass (mostly Python) and the writing share
    the machine's cores instead of taking turns. Without it, the view must exist.

    Returns:
        Rows per table.
    """
    if fmt is Format.DUCKDB:
        # A run killed while writing left its temporary file (and DuckDB's log of
        # it); the work directory's lock says no other run is writing this one.
        for stale in out.parent.glob(f".tmp-*-{glob.escape(out.name)}*"):
            stale.unlink(missing_ok=True)
        temporary = out.with_name(f".tmp-{os.getpid()}-{out.name}")
        connection.execute(f"ATTACH '{temporary.as_posix()}' AS target")
    else:
        out.mkdir(parents=True, exist_ok=True)

    def write(cursor: duckdb.DuckDBPyConnection, table: str) -> int:
        source = "reports_final" if table == "reports" else f"({_select(table)})"
        if fmt is Format.DUCKDB:
            cursor.execute(
                f"CREATE TABLE target.{table} AS SELECT * FROM {source} ORDER BY {_ORDER[table]}"
            )
            return _count(cursor, f"target.{table}")
        final = out / (table + _FILE_SUFFIX[fmt])
        temporary = out / f".tmp-{final.name}"
        written = cursor.execute(
            f"COPY (SELECT * FROM {source} ORDER BY {_ORDER[table]}) "
            f"TO '{temporary.as_posix()}' ({_COPY_OPTIONS[fmt]})"
        ).fetchone()
        temporary.replace(final)
        return int(written[0]) if written else 0

    independent = [t for t in PUBLIC_TABLES if t != "findings"]
    cursor = connection.cursor()
    try:
        with ThreadPoolExecutor(1) as beside:
            early = beside.submit(lambda: {t: write(cursor, t) for t in independent})
            try:
                if crossyear is not None:
                    crossyear()
            finally:
                written = early.result()
    finally:
        cursor.close()
    written["findings"] = write(connection, "findings")
    counts = {table: written[table] for table in PUBLIC_TABLES}
    if fmt is Format.DUCKDB:
        connection.execute("DETACH target")
        target = duckdb_connect(str(temporary))
        try:
            create_views(target)
            target.execute("CHECKPOINT")
        finally:
            target.close()
        temporary.replace(out)
    return counts


def _count(connection: duckdb.DuckDBPyConnection, relation: str) -> int:
    found = connection.execute(f"SELECT count(*) FROM {relation}").fetchone()
    return int(found[0]) if found else 0


def _reader(fmt: Format, path: Path, table: str) -> str:
    location = "'" + path.as_posix().replace("'", "''") + "'"
    if fmt is Format.PARQUET:
        return f"read_parquet({location})"
    types = {
        c.name: (
            c.type.value
            if fmt is Format.JSONL or c.type in {Type.TEXT, Type.INT, Type.FLOAT}
            else "VARCHAR"
        )
        for c in TABLES[table]
    }
    columns = "{" + ", ".join(f"'{n}': '{t}'" for n, t in types.items()) + "}"
    if fmt is Format.CSV:
        # DuckDB writes an empty string as "" and NULL as nothing: keep them apart.
        return (
            f"read_csv({location}, header = true, allow_quoted_nulls = false, columns = {columns})"
        )
    return f"read_json({location}, format = 'newline_delimited', columns = {columns})"


def connect(path: str | os.PathLike[str], *, fmt: str | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection on a dataset, with its tables and views.

    A ``.duckdb`` file is opened read-only (the views are in it); a Parquet, CSV
    or JSON Lines folder gets an in-memory database with a view per table over
    its files, and the same views (:func:`govinfo.dataset.views.create_views`).

    Raises:
        DatasetError: no dataset there, or the extra ``dataset`` is not installed.
    """
    location = Path(path)
    found = output_format(location, fmt)
    if found is Format.DUCKDB:
        if not location.is_file():
            raise DatasetError(f"{location}: no such dataset")
        return duckdb_connect(str(location), read_only=True)
    connection = duckdb_connect()
    for table in PUBLIC_TABLES:
        file = location / (table + _FILE_SUFFIX[found])
        if not file.is_file():
            connection.close()
            raise DatasetError(f"{location}: no {file.name}; not a {found} dataset")
        connection.execute(f"CREATE VIEW {table} AS SELECT * FROM {_reader(found, file, table)}")
    create_views(connection)
    return connection


def read_dataset(
    path: str | os.PathLike[str], *, fmt: str | None = None
) -> dict[str, pd.DataFrame]:
    """The four tables of a dataset as pandas DataFrames.

    Args:
        path: what ``govinfo dataset -o`` wrote (``.parquet``, ``.csv`` or ``.jsonl``
            folder, ``.duckdb`` file).
        fmt: the format, when the suffix does not say it.

    Returns:
        ``reports``, ``cells``, ``findings``, ``unknown_rows`` → DataFrame, rows in
        the dataset's order (by source, then position).

    Raises:
        DatasetError: see :func:`~govinfo.dataset.output.connect`.
    """
    connection = connect(path, fmt=fmt)
    try:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY {_ORDER[table]}").df()
            for table in PUBLIC_TABLES
        }
    finally:
        connection.close()
