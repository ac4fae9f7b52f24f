"""``make fuzz``: a bounded mutation campaign over every carrier govinfo reads.

Mutants of the seeds, the real corpus and cases (``../shared``) and generated
reports (text, HTML, .docx, PDF) are parsed in worker processes, each input under
a CPU-time and a memory limit (see :mod:`fuzz.worker`). Every input must end in a
report that survives ``dumps``/``loads``, or in a ``GovinfoError``; anything else
is a failure: an uncaught exception, over the time limit, over the memory limit,
a file opened or a network or process call made (escape), or a crashed worker.
Failures are grouped by kind (exception type and the govinfo function it came
from, or where a hang was when it was stopped), and the first input of each kind
is saved in ``--out`` for a regression test. Kinds listed in ``fuzz/known.txt``
(with the issue that tracks them) are counted but do not fail the campaign.

Usage: ``python -m fuzz [--seconds 60] [--workers 2] [--cpu-seconds 10]
[--memory-mb 1024] [--seed N]``; the exit status is 1 when a failure of a kind
not known was found.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import TYPE_CHECKING

from fuzz.mutate import mutate
from fuzz.sources import Source, load_sources
from fuzz.worker import (
    ERROR,
    FAILURES,
    OVER_MEMORY,
    OVER_TIME,
    REPORT,
    Outcome,
    hang_kind,
    serve,
    worker_died,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

REPO = Path(__file__).resolve().parent.parent
MEBI = 1024 * 1024


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    trace: str
    job: tuple[Source, str, bytes, float] | None = None


@dataclass
class _Tally:
    statuses: Counter[str] = field(default_factory=Counter)
    carriers: Counter[tuple[str, str]] = field(default_factory=Counter)
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)
    saved: dict[tuple[str, str], str] = field(default_factory=dict)
    slowest: tuple[float, str] = (0.0, "")
    peak_mib: float = 0.0
    largest: str = ""
    inputs: int = 0
    megabytes: float = 0.0


def _start(context: multiprocessing.context.SpawnContext, args: argparse.Namespace) -> _Worker:
    parent, child = context.Pipe()
    handle, trace = tempfile.mkstemp(prefix="govinfo-fuzz-", suffix=".trace")
    os.close(handle)
    process = context.Process(
        target=serve, args=(child, args.cpu_seconds, args.memory_mb * MEBI, trace), daemon=True
    )
    process.start()
    child.close()
    return _Worker(process, parent, trace)


def _stop(worker: _Worker) -> None:
    worker.conn.close()
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join()
    Path(worker.trace).unlink(missing_ok=True)


def _died(worker: _Worker) -> Outcome:
    worker.process.join(5)
    return worker_died(worker.process.exitcode, worker.trace)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:80]


def _record(
    tally: _Tally, job: tuple[Source, str, bytes, float], outcome: Outcome, out: Path
) -> None:
    source, filename, data, _ = job
    tally.inputs += 1
    tally.megabytes += len(data) / 1e6
    tally.statuses[outcome.status] += 1
    if outcome.peak_mib > tally.peak_mib:
        # The worker's high-water mark rose during this input: it is the largest so far.
        tally.peak_mib = outcome.peak_mib
        tally.largest = f"{source.name} ({len(data)} bytes, {outcome.status})"
        out.mkdir(parents=True, exist_ok=True)
        (out / f"largest{Path(filename).suffix or '.bin'}").write_bytes(data)
    tally.carriers[source.carrier, outcome.status] += 1
    if outcome.seconds > tally.slowest[0]:
        tally.slowest = (outcome.seconds, f"{source.name} ({len(data)} bytes)")
        out.mkdir(parents=True, exist_ok=True)
        (out / f"slowest{Path(filename).suffix or '.bin'}").write_bytes(data)
    if outcome.status not in FAILURES:
        return
    key = (outcome.status, outcome.kind)
    tally.kinds[key] += 1
    if key in tally.saved:
        return
    out.mkdir(parents=True, exist_ok=True)
    suffix = Path(filename).suffix or ".bin"
    path = out / f"{outcome.status}-{_slug(outcome.kind)}{suffix}"
    path.write_bytes(data)
    tally.saved[key] = str(path)
    note = {
        "status": outcome.status,
        "kind": outcome.kind,
        "detail": outcome.detail,
        "source": source.name,
        "filename": filename,
        "bytes": len(data),
        "cpu_seconds": round(outcome.seconds, 3),
    }
    path.with_name(path.name + ".json").write_text(json.dumps(note, ensure_ascii=False, indent=1))
    print(f"  new kind: {outcome.status} {outcome.kind} -> {path}", flush=True)


def _known(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    known: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            status, _, kind = entry.partition(" ")
            known.append((status, kind.strip()))
    return known


def _is_known(key: tuple[str, str], known: list[tuple[str, str]]) -> bool:
    return any(key[0] == status and key[1].startswith(kind) for status, kind in known)


def _collect(
    worker: _Worker, ready: Sequence[object], wall_limit: float
) -> tuple[Outcome, bool] | None:
    """The outcome of the worker's job if it ended, and whether to restart the worker."""
    if worker.job is None:
        return None
    if worker.conn in ready:
        try:
            outcome: Outcome = worker.conn.recv()
        except (EOFError, OSError):
            return _died(worker), True
        return outcome, False
    if time.monotonic() - worker.job[3] > wall_limit:
        worker.process.kill()
        return Outcome(OVER_TIME, hang_kind(worker.trace)), True
    return None


def campaign(args: argparse.Namespace) -> _Tally:
    """Run the campaign for ``args.seconds``; return what happened."""
    rng = random.Random(args.seed)
    sources = load_sources(Path(args.shared), args.seed)
    context = multiprocessing.get_context("spawn")
    workers = [_start(context, args) for _ in range(args.workers)]
    tally = _Tally()
    out = Path(args.out)
    deadline = time.monotonic() + args.seconds
    wall_limit = args.cpu_seconds * 3 + 10
    try:
        while True:
            now = time.monotonic()
            for worker in workers:
                if worker.job is None and now < deadline:
                    source = rng.choice(sources)
                    try:
                        data = mutate(source.data, source.carrier, rng)
                    except MemoryError:  # the campaign's own memory, not govinfo's
                        data = source.data
                    worker.job = (source, source.filename, data, time.monotonic())
                    with contextlib.suppress(OSError):  # a dead worker is seen at recv
                        worker.conn.send((source.filename, data))
            busy = [w for w in workers if w.job is not None]
            if not busy:
                break
            ready = wait([w.conn for w in busy], timeout=1.0)
            for index, worker in enumerate(workers):
                job, ended = worker.job, _collect(worker, ready, wall_limit)
                if job is None or ended is None:
                    continue
                outcome, restart = ended
                _record(tally, job, outcome, out)
                worker.job = None
                if restart or outcome.status == OVER_MEMORY:
                    _stop(worker)
                    workers[index] = _start(context, args)
    finally:
        for worker in workers:
            _stop(worker)
    return tally


def report(tally: _Tally, args: argparse.Namespace, known: list[tuple[str, str]]) -> int:
    """Print the counts and the kinds found; return the exit status."""
    print()
    print(
        f"fuzz: {tally.inputs} inputs ({tally.megabytes:.1f} MB) in {args.seconds} s, "
        f"{args.workers} workers, limits {args.cpu_seconds} s CPU and {args.memory_mb} MiB "
        f"per input, seed {args.seed}"
    )
    statuses = (REPORT, ERROR, *FAILURES)
    print("  " + ", ".join(f"{status} {tally.statuses[status]}" for status in statuses))
    for carrier in sorted({carrier for carrier, _ in tally.carriers}):
        counts = ", ".join(
            f"{status} {tally.carriers[carrier, status]}"
            for status in statuses
            if tally.carriers[carrier, status]
        )
        print(f"    {carrier:<5} {counts}")
    print(f"  slowest input: {tally.slowest[0]:.2f} s CPU, {tally.slowest[1]}")
    print(
        f"  largest worker memory after an input: {tally.peak_mib:.0f} MiB (resident), "
        f"{tally.largest}"
    )
    status = 0
    for key, count in sorted(tally.kinds.items()):
        label = "known" if _is_known(key, known) else "NEW"
        if label == "NEW":
            status = 1
        print(f"  {label:<5} {key[0]:<12} {count:>5}  {key[1]}  -> {tally.saved[key]}")
    return status


def main() -> int:
    """Parse the arguments, run the campaign, print the counts."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="campaign length (60)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--cpu-seconds", type=int, default=10, help="CPU limit per input (10)")
    parser.add_argument("--memory-mb", type=int, default=1024, help="address space (1024)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (time)")
    parser.add_argument("--shared", default=str(REPO.parent / "shared"), help="../shared")
    parser.add_argument("--out", default=str(REPO / "fuzz" / "found"), help="saved inputs")
    parser.add_argument("--known", default=str(REPO / "fuzz" / "known.txt"))
    args = parser.parse_args()
    if args.seed is None:
        args.seed = int(time.time())
    known = _known(Path(args.known))
    return report(campaign(args), args, known)


if __name__ == "__main__":
    sys.exit(main())
