"""The dataset on a Dask cluster (extra ``dask``): each worker parses its share of the files.

Two ways in:

- :func:`tables`: the dataset's tables as lazy Dask DataFrames, one partition per
  ``files_per_partition`` files, for an analysis that stays on the cluster. The
  findings are each report's own (the cross-year pass needs the whole corpus);
  the rows are those of ``govinfo dataset --no-crossyear``.
- :func:`build_dataset`: the same dataset as ``govinfo dataset``, row for row:
  the files are parsed on the cluster, each partition comes back as compact
  Arrow tables and is committed to the same journal and parts beside ``out``
  (so it resumes too), then the cross-year pass and the output run here.

Paths are local paths, folders and globs (as for ``govinfo dataset``), or fsspec
URLs (``s3://bucket/reports/**/*.pdf``), which the workers open themselves.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from govinfo.dataset.build import Summary, finish
from govinfo.dataset.journal import Journal, work_directory
from govinfo.dataset.output import output_format
from govinfo.dataset.schema import PUBLIC_TABLES, TABLES
from govinfo.dataset.sources import DatasetError, find_sources
from govinfo.dataset.worker import arrow_tables, parse_sources, write_tables

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Sequence

    import dask.dataframe as dd
    import pandas as pd
    import pyarrow as pa
    from distributed import Client

__all__ = ["Tables", "build_dataset", "find_paths", "partitions", "tables"]


def _is_url(path: str) -> bool:
    return "://" in path


def find_paths(paths: str | Sequence[str]) -> list[str]:
    """The files named by local paths, folders, globs and fsspec URLs, each once, sorted.

    Raises:
        DatasetError: a path or pattern names no file.
    """
    given = [paths] if isinstance(paths, str) else list(paths)
    local = [p for p in given if not _is_url(p)]
    found = set(find_sources(local)) if local else set()
    remote = [p for p in given if _is_url(p)]
    if remote:
        import fsspec  # noqa: PLC0415 - comes with dask

        for pattern in remote:
            opened = fsspec.open_files(pattern)
            if not opened:
                raise DatasetError(f"no report files found for: {pattern}")
            protocol = pattern.split("://", 1)[0]
            found.update(f"{protocol}://{file.path}" for file in opened)
    return sorted(found)


def _read(source: str) -> bytes:
    """A file's bytes, local or through fsspec (on the worker)."""
    if not _is_url(source):
        return Path(source).read_bytes()
    import fsspec  # noqa: PLC0415 - comes with dask

    with fsspec.open(source, "rb") as file:
        data: bytes = file.read()
    return data


def _parse_partition(sources: Sequence[str], *, crossyear: bool) -> dict[str, pa.Table]:
    """One partition's rows as Arrow tables (runs on a worker)."""
    return arrow_tables(parse_sources(sources, _read, crossyear=crossyear))


def partitions(sources: Sequence[str], files_per_partition: int) -> list[list[str]]:
    """``sources`` cut into consecutive partitions of at most ``files_per_partition``."""
    size = max(1, files_per_partition)
    return [list(sources[i : i + size]) for i in range(0, len(sources), size)]


@attrs.frozen
class Tables:
    """The dataset's tables as Dask DataFrames (lazy; compute them together)."""

    reports: dd.DataFrame
    cells: dd.DataFrame
    findings: dd.DataFrame
    unknown_rows: dd.DataFrame


def _frame(parsed: dict[str, pa.Table], table: str) -> pd.DataFrame:
    return parsed[table].to_pandas()


def tables(paths: str | Sequence[str], *, files_per_partition: int = 64) -> Tables:
    """The four tables as Dask DataFrames, each file parsed once on a worker.

    Computing several tables in one ``dask.compute`` call shares the parsing;
    computing them one by one parses again. ``reports.agency_id`` is null (ids are
    given to :func:`build_dataset`); findings are each report's own.

    Args:
        paths: files, folders, globs or fsspec URLs.
        files_per_partition: files each task parses.
    """
    import dask.config  # noqa: PLC0415 - extra `dask`
    import dask.dataframe as dd  # noqa: PLC0415
    from dask.delayed import delayed  # noqa: PLC0415

    sources = find_paths(paths)
    if not sources:
        raise DatasetError("no files to read")
    parse = delayed(_parse_partition, pure=True)
    parsed = [parse(part, crossyear=False) for part in partitions(sources, files_per_partition)]
    empty = {t: v.to_pandas() for t, v in arrow_tables({t: [] for t in TABLES}).items()}
    frames: dict[str, dd.DataFrame] = {}
    # List columns (cells, lines, flags…) stay lists: no conversion of objects to strings.
    with dask.config.set({"dataframe.convert-string": False}):
        for table in PUBLIC_TABLES:
            parts = [delayed(_frame)(p, table) for p in parsed]
            frame = dd.from_delayed(parts, meta=empty[table], verify_meta=False)
            if table == "reports":
                frame = frame.assign(agency_id=None)[[c.name for c in TABLES["reports"]]]
            frames[table] = frame
    return Tables(**frames)


def build_dataset(  # noqa: PLR0913 - the command's options
    paths: str | Sequence[str],
    out: str | os.PathLike[str],
    *,
    client: Client | None = None,
    files_per_partition: int | None = None,
    fmt: str | None = None,
    agencies: str | os.PathLike[str] | None = None,
    crossyear: bool = True,
    restart: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """``govinfo dataset`` with the parsing on a Dask cluster; the same rows, resumable.

    Args:
        paths: files, folders, globs or fsspec URLs (the workers must reach them).
        out: the dataset, as for :func:`govinfo.dataset.build.build_dataset`.
        client: the ``distributed.Client`` (default: the current one).
        files_per_partition: files per task (default: enough for 8 tasks per thread).
        fmt: the format when ``out``'s suffix does not say it.
        agencies: a CSV of agency ids (read here).
        crossyear: run the cross-year checks (here, after the parsing).
        restart: discard the parts of an earlier run.
        progress: called with (files done, files to do) as partitions commit.

    Raises:
        DatasetError: see :func:`govinfo.dataset.build.build_dataset`.
    """
    from distributed import as_completed, get_client  # noqa: PLC0415 - extra `dask`

    client = client or get_client()
    sources = find_paths(paths)
    if not sources:
        raise DatasetError("no files to read")
    target = Path(out)
    found = output_format(target, fmt)
    agencies_path = Path(agencies) if agencies is not None else None
    statuses: dict[str, int] = {}
    with Journal(work_directory(target), restart=restart) as journal:
        done = journal.done_sources()
        todo = [s for s in sources if s not in done]
        threads = max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
        size = files_per_partition or max(1, min(256, math.ceil(len(todo) / (threads * 8))))
        chunks = partitions(todo, size)
        # The prose is fingerprinted even without the cross-year pass, as in the
        # local command: a later run with the pass reads it from the kept parts.
        futures = client.map(
            functools.partial(_parse_partition, crossyear=True), chunks, pure=False
        )
        names = {future.key: n for n, future in enumerate(futures)}
        finished = 0
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            parsed: dict[str, Any] = future.result()
            name = f"{journal.run}-{names[future.key]:06d}"
            files = parsed["reports"].num_rows
            journal.commit(write_tables(parsed, journal.directory, name), files)
            for status, count in _statuses(parsed).items():
                statuses[status] = statuses.get(status, 0) + count
            finished += files
            future.release()
            if progress is not None:
                progress(finished, len(todo))
        counts = finish(
            journal, sources, target, found, agencies=agencies_path, crossyear=crossyear
        )
    return Summary(
        out=target,
        format=found,
        files=len(sources),
        parsed=len(todo),
        statuses=statuses,
        rows=counts,
    )


def _statuses(parsed: dict[str, pa.Table]) -> dict[str, int]:
    return dict(Counter(parsed["reports"].column("status").to_pylist()))
