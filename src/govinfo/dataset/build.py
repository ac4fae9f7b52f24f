"""``build_dataset``: files → parts (on a pool of warm workers) → cross-year pass → dataset.

The pool is started once; each worker parses whole chunks of files and writes
their parts itself, so only a chunk's name and counts travel back. When a
worker dies (a crash in a C library, the kernel's OOM killer), the chunks it may
have held are run again one file per task: the file that kills a worker again
is recorded as ``crashed`` and the run goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Self

import attrs

from govinfo.dataset.journal import Journal, work_directory
from govinfo.dataset.output import (
    Format,
    agency_ids,
    duckdb_connect,
    open_parts,
    output_format,
    settle,
    write_output,
)
from govinfo.dataset.records import failed_rows
from govinfo.dataset.schema import TABLES
from govinfo.dataset.sources import DatasetError
from govinfo.dataset.worker import (
    ChunkDone,
    ChunkTask,
    die_with_parent,
    run_chunk,
    statuses_of,
    warm,
    write_parts,
)
from govinfo.dataset.years import crossyear_parts

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from concurrent.futures import Executor


__all__ = ["Summary", "build_dataset", "finish"]


@attrs.frozen(kw_only=True)
class Summary:
    """What a run did."""

    out: Path
    format: Format
    files: int
    #: Files parsed by this run (the others were committed by an earlier one).
    parsed: int
    statuses: dict[str, int]
    rows: dict[str, int]


#: DuckDB's threads in the parent: each thread of a sort needs its share of the
#: memory limit (:func:`~govinfo.dataset.output.settle`).
_DUCKDB_THREADS = min(4, os.cpu_count() or 1)


#: Fewest files for which the cross-year pass is shared between processes.
SHARED_CROSSYEAR = 2_000

#: Most files in one chunk (one part file per table each), and fewest once chunks shrink.
_MAX_CHUNK = 256
_MIN_CHUNK = 4


def _chunks(todo: Sequence[str], jobs: int) -> list[Sequence[str]]:
    """``todo`` cut into chunks that shrink as the work left does (guided scheduling).

    Each chunk is an eighth of a worker's share of what is left, between
    :data:`_MIN_CHUNK` and :data:`_MAX_CHUNK` files: enough chunks to show
    progress, not so many part files, and small ones last, so that no worker
    is left alone with a long chunk while the others wait at the end.
    """
    chunks: list[Sequence[str]] = []
    start = 0
    while start < len(todo):
        left = len(todo) - start
        size = max(_MIN_CHUNK, min(_MAX_CHUNK, math.ceil(left / (jobs * 8))))
        chunks.append(todo[start : start + size])
        start += size
    return chunks


class _Pool:
    """A process pool of warm workers that survives a worker's death."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn: a fork of a parent holding DuckDB or Arrow threads is not safe.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.jobs, mp_context=context, initializer=warm)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _run_chunks(
    pool: _Pool,
    tasks: list[ChunkTask],
    commit: Callable[[ChunkDone], None],
    *,
    limit: int,
    run: Callable[[ChunkTask], ChunkDone],
) -> list[ChunkTask]:
    """Run tasks, ``limit`` at a time, committing each as it ends.

    Returns:
        The tasks lost when a worker died: those running first, then those
        not started (with ``limit`` 1, the first is the one that killed it).
    """
    pending = list(reversed(tasks))
    running: dict[Future[ChunkDone], ChunkTask] = {}
    lost: list[ChunkTask] = []
    while pending or running:
        while pending and len(running) < limit:
            task = pending.pop()
            running[pool.executor.submit(run, task)] = task
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            task = running.pop(future)
            try:
                commit(future.result())
            except BrokenProcessPool:
                lost.append(task)
        if lost:
            lost.extend(running.values())
            lost.extend(reversed(pending))
            pool.restart()
            return lost
    return lost


def _parse_all(  # noqa: PLR0913 - the run's settings
    journal: Journal,
    todo: Sequence[str],
    *,
    pool: _Pool,
    timeout: float | None,
    progress: Callable[[int, int], None] | None,
    run: Callable[[ChunkTask], ChunkDone] = run_chunk,
) -> dict[str, int]:
    statuses: dict[str, int] = {}
    done = 0
    names = (f"{journal.run}-{n:06d}" for n in range(1 << 62))
    directory = str(journal.directory)

    def task(sources: Sequence[str]) -> ChunkTask:
        return ChunkTask(next(names), tuple(sources), directory, timeout)

    def commit(chunk: ChunkDone) -> None:
        nonlocal done
        journal.commit(chunk.parts, chunk.files)
        done += chunk.files
        for status, count in chunk.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
        if progress is not None:
            progress(done, len(todo))

    tasks = [task(chunk) for chunk in _chunks(todo, pool.jobs)]
    lost = _run_chunks(pool, tasks, commit, limit=pool.jobs * 2, run=run)
    # Again one file at a time: a file that kills its worker now is the culprit.
    singles = [task([s]) for lost_task in lost for s in lost_task.sources]
    while singles:
        lost = _run_chunks(pool, singles, commit, limit=1, run=run)
        for culprit in lost[:1]:
            rows = failed_rows(culprit.sources[0], "crashed", "the worker process died")
            chunk = ChunkDone(
                name=culprit.name,
                parts=write_parts(rows, journal.directory, culprit.name),
                files=1,
                statuses=statuses_of(rows),
            )
            commit(chunk)
        singles = lost[1:]
    return statuses


def _options_key(
    journal: Journal, sources: Sequence[str], agencies: Path | None, *, crossyear: bool
) -> str:
    """What the cross-year findings depend on: the parts, the files asked for, the options."""
    digest = hashlib.sha256(journal.key().encode())
    digest.update("\n".join(sources).encode())
    digest.update(b"crossyear" if crossyear else b"-")
    if agencies is not None:
        digest.update(agencies.read_bytes())
    return digest.hexdigest()[:16]


def finish(  # noqa: PLR0913 - the run's settings
    journal: Journal,
    sources: Sequence[str],
    target: Path,
    fmt: Format,
    *,
    agencies: Path | None,
    crossyear: bool,
    executor: Executor | None = None,
    shares: int = 1,
) -> dict[str, int]:
    """Cross-year pass and output from the committed parts; returns rows per table.

    Used by :func:`build_dataset` and by :func:`govinfo.dask.build_dataset` once
    their parts are committed, so that both write the same rows. With an
    ``executor`` (the worker processes), the cross-year pass is cut into
    ``shares`` that it runs side by side.
    """
    connection = duckdb_connect()
    import duckdb  # noqa: PLC0415 - extra `dataset` (there: the connection is made)

    try:
        settle(connection, journal.directory / "tmp", _DUCKDB_THREADS)
        parts = {table: journal.parts(table) for table in TABLES}
        open_parts(connection, parts, sources, agencies)
        key = _options_key(journal, sources, agencies, crossyear=crossyear)

        def crossyear_view() -> None:
            found = crossyear_parts(
                connection,
                journal,
                key,
                crossyear=crossyear,
                executor=executor,
                shares=shares if executor is not None and crossyear else 1,
                sources=sources,
                agencies=agencies,
            )
            listed = ", ".join("'" + p.as_posix().replace("'", "''") + "'" for p in found)
            connection.execute(
                f"CREATE OR REPLACE TEMP VIEW crossyear AS SELECT * FROM read_parquet([{listed}])"
            )

        return write_output(connection, target, fmt, crossyear_view)
    except duckdb.Error as exc:
        raise DatasetError(f"{target}: the dataset could not be assembled: {exc}") from exc
    finally:
        connection.close()


def build_dataset(  # noqa: PLR0913 - the command's options
    sources: Sequence[str],
    out: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    jobs: int | None = None,
    agencies: str | os.PathLike[str] | None = None,
    crossyear: bool = True,
    restart: bool = False,
    timeout: float | None = 300.0,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Parse files into a dataset at ``out``; resumes what an earlier run left.

    Args:
        sources: the files (see :func:`~govinfo.dataset.sources.find_sources`).
        out: the dataset: a folder ending in ``.parquet``, ``.csv`` or ``.jsonl``,
            or a ``.duckdb`` file. Its parts are kept beside it in ``OUT.parts``.
        fmt: the format when ``out``'s suffix does not say it.
        jobs: worker processes (default: the machine's cores).
        agencies: a CSV with ``agency_id`` and ``source`` or ``agency`` columns.
        crossyear: run the cross-year checks.
        restart: discard the parts of an earlier run first.
        timeout: seconds a file may take before it is recorded as crashed.
        progress: called with (files done, files to do) as chunks commit.

    Returns:
        What was done, with the statuses of this run's files and the rows written.

    Raises:
        DatasetError: no sources, a bad output name or format, or a work
            directory in use or made by another govinfo.
    """
    if not sources:
        raise DatasetError("no files to read")
    if jobs is not None and jobs < 1:
        raise DatasetError(f"--jobs must be at least 1, not {jobs}")
    target = Path(out)
    found = output_format(target, fmt)
    duckdb_connect().close()  # the extra is there, before any work
    agencies_path = Path(agencies) if agencies is not None else None
    agency_ids(agencies_path)  # a bad CSV is refused before any file is parsed
    workers = jobs or os.cpu_count() or 1
    with Journal(work_directory(target), restart=restart) as journal:
        done = journal.done_sources()
        todo = [s for s in sources if s not in done]
        statuses: dict[str, int] = {}
        if todo:
            with _Pool(workers) as pool:
                statuses = _parse_all(journal, todo, pool=pool, timeout=timeout, progress=progress)
        # The cross-year pass is cut into shares run side by side when the corpus is
        # large enough to pay for starting processes: fresh ones, so that the parsing
        # workers' memory (parser, caches) and DuckDB's never add up in one process.
        sharing = crossyear and workers > 1 and len(sources) >= SHARED_CROSSYEAR
        with contextlib.ExitStack() as stack:
            executor = (
                stack.enter_context(
                    ProcessPoolExecutor(
                        workers,
                        mp_context=multiprocessing.get_context("spawn"),
                        initializer=die_with_parent,
                    )
                )
                if sharing
                else None
            )
            counts = finish(
                journal,
                sources,
                target,
                found,
                agencies=agencies_path,
                crossyear=crossyear,
                executor=executor,
                shares=workers,
            )
    return Summary(
        out=target,
        format=found,
        files=len(sources),
        parsed=len(todo),
        statuses=statuses,
        rows=counts,
    )
