"""What a worker does: read files into rows, and write a chunk of rows as part files.

A worker process is started once and parses many files (grammars and the
catalogue are built on its first report, see :func:`warm`). Each file's outcome
is data: ``ok``, ``refused`` (a :class:`~govinfo.GovinfoError`, with its
message) or ``crashed`` (any other exception, or no result within the time
limit). Part files are written under a temporary name and renamed into place,
so a part either exists whole or not at all.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from govinfo.api import parse, parse_bytes
from govinfo.carriers import sniff
from govinfo.checks.crossyear import prose_prints
from govinfo.dataset.records import Rows, empty_rows, failed_rows, report_rows
from govinfo.dataset.schema import TABLES, arrow_schema, part_columns
from govinfo.errors import GovinfoError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from types import FrameType

    import pyarrow as pa

__all__ = [
    "ChunkDone",
    "ChunkTask",
    "arrow_tables",
    "die_with_parent",
    "parse_source",
    "parse_sources",
    "run_chunk",
    "statuses_of",
    "warm",
    "write_parts",
    "write_stream",
    "write_tables",
]

_WARM_TEXT = "一、主动公开情况\n（一）主动公开政府信息数\n条\n12\n"

#: The cyclic garbage collector's thresholds in a worker (Python's default: 700, 10, 10).
_GC_THRESHOLDS = (20_000, 20, 20)


class _TimedOut(BaseException):
    """Raised in a worker when one file takes longer than the limit.

    A BaseException, so that no ``except Exception`` on the way swallows it.
    """


def warm() -> None:
    """Prepare a worker process: die with the parent (Linux), build the parser once."""
    die_with_parent()
    parse(_WARM_TEXT)
    # Parsing makes many short-lived objects and no reference cycles (over 600
    # bench reports the collector found nothing to free), so its passes are pure
    # cost: 13% of a worker's time at Python's default threshold (measured). The
    # grammars, catalogue and caches built so far are frozen out of its sight, and
    # it runs 30 times less often; cycles, if a file makes any, are still freed.
    gc.collect()
    gc.freeze()
    gc.set_threshold(*_GC_THRESHOLDS)


def die_with_parent() -> None:
    """Make this process die with its parent (Linux); leave now if it is gone already."""
    if sys.platform == "linux":
        import ctypes  # noqa: PLC0415 - Linux only

        with contextlib.suppress(OSError, AttributeError):
            # PR_SET_PDEATHSIG: a worker left behind by a killed run must not
            # go on writing into the work directory.
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)
        # A parent killed while this worker was still starting sends no signal:
        # the worker would wait for work forever. It leaves at once instead.
        parent = multiprocessing.parent_process()
        if parent is not None and parent.pid != os.getppid():
            os._exit(1)


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread of a Unix process only)."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable or seconds is None:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        raise _TimedOut

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_source(
    source: str,
    read: Callable[[str], bytes] | None = None,
    *,
    timeout: float | None = None,
    crossyear: bool = True,
) -> Rows:
    """One file's rows: its report, or a ``reports`` row saying why there is none.

    Args:
        source: the file's name (a path, or a URL that ``read`` understands).
        read: returns the file's bytes (default: read a local path).
        timeout: seconds one file may take (Unix, main thread); then ``crashed``.
        crossyear: also fingerprint the prose for the cross-year pass.

    Returns:
        Rows per table; never raises for a bad file.
    """
    modified: int | None = None
    try:
        if read is None:
            data, modified = _read_local(source)
        else:
            data = read(source)
    except OSError as exc:
        return failed_rows(source, "refused", f"{source}: cannot read: {exc.strerror or exc}")
    rows = _parse_data(source, data, timeout=timeout, crossyear=crossyear)
    rows["files"].append((source, modified))
    return rows


def _read_local(source: str) -> tuple[bytes, int]:
    """A local file's bytes and its modification time (ns) as of this reading."""
    with Path(source).open("rb") as file:
        # Taken from the open file: the time goes with the bytes read, whatever
        # renames the path meanwhile.
        modified = os.fstat(file.fileno()).st_mtime_ns
        return file.read(), modified


def _parse_data(source: str, data: bytes, *, timeout: float | None, crossyear: bool) -> Rows:
    digest = hashlib.sha256(data).hexdigest()
    try:
        with _time_limit(timeout):
            carrier = sniff(data, source)
            report = parse_bytes(data, filename=source)
            sections = prose_prints(report.sections) if crossyear else ()
    except GovinfoError as exc:
        return failed_rows(source, "refused", str(exc), sha256=digest, size=len(data))
    except _TimedOut:
        message = f"no result after {timeout} s"
        return failed_rows(source, "crashed", message, sha256=digest, size=len(data))
    except Exception as exc:  # noqa: BLE001 - a crash is recorded as data, never stops the run
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" at {last[0].filename}:{last[0].lineno}" if last else ""
        message = f"{type(exc).__name__}: {exc}{where}"
        return failed_rows(source, "crashed", message, sha256=digest, size=len(data))
    return report_rows(
        report, source=source, sha256=digest, size=len(data), carrier=carrier, sections=sections
    )


def parse_sources(
    sources: Sequence[str],
    read: Callable[[str], bytes] | None = None,
    *,
    timeout: float | None = None,
    crossyear: bool = True,
) -> Rows:
    """The rows of several files, in their order (see :func:`parse_source`)."""
    rows = empty_rows()
    for source in sources:
        for table, more in parse_source(source, read, timeout=timeout, crossyear=crossyear).items():
            rows[table].extend(more)
    return rows


def arrow_tables(
    rows: Mapping[str, Sequence[tuple[Any, ...]]], names: Iterable[str] | None = None
) -> dict[str, pa.Table]:
    """The rows of each table named (default: every table) as a pyarrow table."""
    import pyarrow as pa  # noqa: PLC0415 - extra `dataset`

    tables: dict[str, pa.Table] = {}
    for table in TABLES if names is None else names:
        schema = arrow_schema(table)
        # The rows as one struct array, split into columns by Arrow: a third less
        # time than taking the columns out in Python first (measured on 156,000 cells).
        rows_array = pa.array(rows[table], type=pa.struct(schema))
        batch = pa.RecordBatch.from_struct_array(rows_array)
        tables[table] = pa.Table.from_batches([batch], schema=schema)
    return tables


def write_tables(tables: Mapping[str, pa.Table], directory: Path, name: str) -> dict[str, str]:
    """Write each table as ``directory/TABLE/NAME.parquet``, atomically.

    Returns:
        Table → path of its part, relative to ``directory``.
    """
    import pyarrow.parquet as pq  # noqa: PLC0415 - extra `dataset`

    parts: dict[str, str] = {}
    for table, data in tables.items():
        relative = f"{table}/{name}.parquet"
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".tmp-{name}.parquet")
        pq.write_table(data, temporary, compression="zstd")
        temporary.replace(target)
        parts[table] = relative
    return parts


def write_stream(
    table: str, rows: Iterable[tuple[Any, ...]], directory: Path, name: str, batch: int = 20_000
) -> str:
    """Write rows of ``table`` as one part, ``batch`` rows in memory at a time; atomically.

    Returns:
        The path of the part, relative to ``directory``.
    """
    import pyarrow.parquet as pq  # noqa: PLC0415 - extra `dataset`

    relative = f"{table}/{name}.parquet"
    target = directory / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".tmp-{name}.parquet")
    with pq.ParquetWriter(temporary, arrow_schema(table), compression="zstd") as writer:
        chunk: list[tuple[Any, ...]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == batch:
                writer.write_table(arrow_tables({table: chunk}, (table,))[table])
                chunk = []
        writer.write_table(arrow_tables({table: chunk}, (table,))[table])
    temporary.replace(target)
    return relative


def write_parts(rows: Rows, directory: Path, name: str) -> dict[str, str]:
    """Write a chunk's rows as part files (see :func:`write_tables`)."""
    return write_tables(arrow_tables(rows), directory, name)


@attrs.frozen
class ChunkTask:
    """A chunk of files for one worker, and where its parts go."""

    name: str
    sources: tuple[str, ...]
    directory: str
    timeout: float | None


@attrs.frozen
class ChunkDone:
    """A written chunk: its parts and each status's count."""

    name: str
    parts: dict[str, str]
    files: int
    statuses: dict[str, int]


def run_chunk(task: ChunkTask) -> ChunkDone:
    """Parse a chunk's files and write its parts (in a worker process).

    The prose is fingerprinted even for a run without the cross-year pass: a later
    run of the same dataset with the pass reads the prints from the kept parts.
    """
    rows = parse_sources(task.sources, timeout=task.timeout)
    parts = write_parts(rows, Path(task.directory), task.name)
    return ChunkDone(
        name=task.name, parts=parts, files=len(task.sources), statuses=statuses_of(rows)
    )


def statuses_of(rows: Rows) -> dict[str, int]:
    """Each status's count in a chunk's ``reports`` rows."""
    status_at = [c.name for c in part_columns("reports")].index("status")
    counts: dict[str, int] = {}
    for row in rows["reports"]:
        counts[row[status_at]] = counts.get(row[status_at], 0) + 1
    return counts
