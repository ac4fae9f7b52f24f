"""Datasets: a folder of reports → tables in Parquet, DuckDB, CSV or JSON Lines.

One row per file in ``reports`` (with its outcome: ok, refused or crashed), per
cell in ``cells``, per finding in ``findings`` (cross-year ones name both
reports), per unknown table row in ``unknown_rows``.
:func:`~govinfo.dataset.build.build_dataset` (the ``govinfo dataset`` command)
parses on a pool of warm worker processes, journals what is committed and
resumes after a kill; :func:`~govinfo.dataset.output.read_dataset` and
:func:`~govinfo.dataset.output.connect` read a dataset back as pandas DataFrames
or a DuckDB connection with the wide and harmonised views;
:func:`~govinfo.dataset.records.report_records` turns one :class:`~govinfo.Report`
into the same rows. All of them are importable from ``govinfo.dataset``.

Above the API: imports any stage below the command line. The Parquet, DuckDB,
pandas and progress-bar libraries are the extra ``dataset``, imported when used.
"""

from govinfo.dataset.build import Summary, build_dataset
from govinfo.dataset.output import Format, connect, output_format, read_dataset
from govinfo.dataset.records import report_records
from govinfo.dataset.schema import PUBLIC_TABLES, TABLES
from govinfo.dataset.sources import SUFFIXES, DatasetError, find_sources
from govinfo.dataset.views import RATES

__all__ = [
    "PUBLIC_TABLES",
    "RATES",
    "SUFFIXES",
    "TABLES",
    "DatasetError",
    "Format",
    "Summary",
    "build_dataset",
    "connect",
    "find_sources",
    "output_format",
    "read_dataset",
    "report_records",
]
