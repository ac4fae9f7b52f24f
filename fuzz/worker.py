"""One input through govinfo, classified; and the worker process that runs inputs under limits.

:func:`run_one` is what every input goes through: ``parse_bytes``, then ``dumps``
and ``loads`` (the report must come back equal). Its :class:`Outcome` says whether
a report came out, a :class:`~govinfo.GovinfoError`, or something else; an
exception that is not a ``GovinfoError`` is named by its type and the innermost
govinfo frame it came from, so that one bug is one *kind* however many inputs
hit it.

:func:`serve` is a worker process: it sets its own limits with
``resource.setrlimit`` (address space for memory; CPU seconds per input, counted
from what the worker has used so far, for the parse and again for the
serialisation), warms govinfo up, installs an audit hook
that records any file opened outside the interpreter's own directories or any
network or process call, and then runs the inputs its parent sends. A worker
past its CPU limit is ended by the kernel's SIGXCPU; ``faulthandler`` writes where
it was to a file first, so that the parent can name the kind of the hang.
"""

from __future__ import annotations

import dataclasses
import faulthandler
import multiprocessing
import os
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from multiprocessing.connection import Connection

__all__ = ["Outcome", "frame_kind", "run_bounded", "run_one", "serve"]

# Statuses an input ends with. The last four are failures.
REPORT = "report"
ERROR = "govinfo-error"
UNCAUGHT = "uncaught"
OVER_TIME = "over-time"
OVER_MEMORY = "over-memory"
ESCAPE = "escape"
CRASH = "crash"
FAILURES = (UNCAUGHT, OVER_TIME, OVER_MEMORY, ESCAPE, CRASH)

_PACKAGE = "govinfo" + os.sep
_BASE = tuple(
    f"{os.sep}govinfo{os.sep}{name}.py"
    for name in ("folding", "values", "models", "limits", "errors", "__init__")
)
_FRAME_RE = re.compile(r'File "([^"]+)", line (\d+) in (\S+)')
_ESCAPE_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.bind",
        "socket.getaddrinfo",
        "socket.sendto",
        "urllib.Request",
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.spawn",
        "os.posix_spawn",
        "os.fork",
        "os.remove",
        "os.rename",
        "shutil.rmtree",
    }
)


@dataclass(frozen=True)
class Outcome:
    """How one input ended: status, kind (where it failed), CPU seconds, and a detail."""

    status: str
    kind: str = ""
    seconds: float = 0.0
    detail: str = ""
    #: The worker's resident memory high-water mark after the input (MiB).
    peak_mib: float = 0.0


def frame_kind(frames: list[tuple[str, int, str]], *, skip_base: bool = False) -> str:
    """``module.py:function`` of the innermost govinfo frame (or of the innermost frame).

    With ``skip_base``, frames in the base modules (folding, values, models…) are
    passed over: a hang is where the loop is, not in the helper it calls.
    """
    ours = [frame for frame in frames if _PACKAGE in frame[0]]
    if skip_base:
        ours = [frame for frame in ours if not frame[0].endswith(_BASE)] or ours
    path, _, function = (ours or frames or [("?", 0, "?")])[-1]
    if _PACKAGE in path:
        path = path.rsplit(_PACKAGE, 1)[1]
    return f"{path}:{function}"


def run_one(data: bytes, filename: str, parsed: Callable[[], None] | None = None) -> Outcome:
    """Parse, serialise and read back one input; classify how it ended.

    ``parsed`` is called between the parse and the serialisation: the worker gives
    ``dumps`` and ``loads`` a CPU budget of their own there, so that a hang is
    named by the step that took the time. ``seconds`` is the parse's CPU time.
    """
    import govinfo  # noqa: PLC0415 - imported in the worker, after its limits are set

    start = time.process_time()
    seconds = None
    try:
        report = govinfo.parse_bytes(data, filename=filename)
        seconds = _since(start)
        if parsed is not None:
            parsed()
        text = govinfo.dumps(report)
        if govinfo.loads(text) != report:
            return Outcome(UNCAUGHT, "round trip: loads(dumps(report)) != report", seconds)
    except govinfo.GovinfoError as exc:
        return Outcome(ERROR, type(exc).__name__, _since(start), str(exc)[:300])
    except MemoryError as exc:
        kind = f"MemoryError at {_where(exc, skip_base=True)}"
        return Outcome(OVER_MEMORY, kind, seconds or _since(start))
    except RecursionError as exc:
        return Outcome(UNCAUGHT, f"RecursionError at {_where(exc)}", seconds or _since(start))
    except Exception as exc:  # noqa: BLE001 - classifying every escape is the point
        kind = f"{type(exc).__name__} at {_where(exc)}"
        return Outcome(UNCAUGHT, kind, seconds or _since(start), f"{exc!s}"[:300])
    return Outcome(REPORT, "", seconds, f"{len(report.cells)} cells, JSON {len(text)}")


def _since(start: float) -> float:
    return time.process_time() - start


def _where(exc: BaseException, *, skip_base: bool = False) -> str:
    frames = [(f.filename, f.lineno or 0, f.name) for f in traceback.extract_tb(exc.__traceback__)]
    return frame_kind(frames, skip_base=skip_base)


class _Audit:
    """Records file opens outside the interpreter's directories, and network or process calls."""

    def __init__(self, *own: str) -> None:
        roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path}
        # The worker's own files (its stack trace) are the worker's business.
        self.allowed = (*(str(Path(root).resolve()) for root in roots if root), *own)
        self.events: list[str] = []

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and args and isinstance(args[0], str | bytes):
            path = os.fsdecode(args[0])
            if not path.startswith(self.allowed) and not path.startswith("/dev/null"):
                self.events.append(f"open {path}")
        elif event in _ESCAPE_EVENTS:
            self.events.append(event)


def _warm_up() -> None:
    """Parse one generated report in every carrier, so lazy imports happen before the audit."""
    import random  # noqa: PLC0415

    import govinfo  # noqa: PLC0415
    from govinfo.testing import Shape, consistent_values, render_report  # noqa: PLC0415
    from govinfo.testing.carriers import (  # noqa: PLC0415
        render_docx,
        render_html,
        render_pdf,
        report_layout,
    )

    values = consistent_values("new-2021", random.Random(1).randint, blanks=True, agency="青禾县")
    blocks = report_layout(values, "new-2021", agency="青禾县", year=2022)
    text = render_report(values, "new-2021", Shape.PDF, agency="青禾县")
    for name, data in (
        ("a.html", render_html(blocks).encode("gb18030")),
        ("a.docx", render_docx(blocks)),
        ("a.pdf", render_pdf(text.splitlines())),
        ("a.txt", render_report(values, "old-2018", Shape.TABBED, traditional=True).encode()),
        ("b.txt", text.encode("utf-16")),
    ):
        govinfo.dumps(govinfo.parse_bytes(data, filename=name))


def serve(conn: Connection, cpu_seconds: int, memory_bytes: int, trace_path: str) -> None:
    """Run inputs from ``conn`` under limits until the parent closes it.

    Receives ``(filename, data)``; sends an :class:`Outcome` per input. A
    ``MemoryError`` is reported as over-memory; running out of CPU time kills the
    process with SIGXCPU (the parent sees it die), after ``faulthandler`` wrote the
    stack of the running input.
    """
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)[1]
    _warm_up()
    audit = _Audit(trace_path, str(Path(trace_path).resolve()))
    sys.addaudithook(audit)
    with Path(trace_path).open("w", encoding="utf-8") as trace:
        # On SIGXCPU, write the stack of the running thread from the signal handler
        # itself, then end as SIGXCPU does. (A watchdog thread dumping another thread's
        # stack while it runs can crash the process.)
        faulthandler.register(signal.SIGXCPU, file=trace, all_threads=False, chain=True)
        while True:
            try:
                filename, data = conn.recv()
            except EOFError:
                return
            _cpu_budget(cpu_seconds, hard_cpu)
            trace.seek(0)
            trace.truncate()
            del audit.events[:]
            outcome = run_one(data, filename, lambda: _cpu_budget(cpu_seconds, hard_cpu))
            if outcome.seconds > cpu_seconds:  # pragma: no cover - the kernel stops it first
                outcome = Outcome(OVER_TIME, "finished past the limit", outcome.seconds)
            if audit.events:
                event = audit.events[0]
                outcome = Outcome(ESCAPE, event.split(" ")[0], outcome.seconds, event)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            conn.send(dataclasses.replace(outcome, peak_mib=peak))


def _cpu_budget(cpu_seconds: int, hard: int) -> None:
    """Let the process run ``cpu_seconds`` more of CPU time (at most; never more)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    # Only the soft limit: a lowered hard limit could not be raised for the next input.
    # The kernel counts whole seconds, so the step is stopped after cpu_seconds - 1 to
    # cpu_seconds: never later than the limit.
    soft = max(int(used) + 1, int(used + cpu_seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def hang_kind(trace_path: str) -> str:
    """The kind of a hang: the innermost govinfo frame of the stack faulthandler wrote."""
    try:
        text = Path(trace_path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "no stack written"
    # faulthandler prints the innermost frame first.
    frames = [(m[1], int(m[2]), m[3]) for m in _FRAME_RE.finditer(text)][::-1]
    return frame_kind(frames, skip_base=True) if frames else "no stack written"


def worker_died(exitcode: int | None, trace_path: str) -> Outcome:
    """The outcome of an input whose worker ended: over time (SIGXCPU or killed), or a crash."""
    if exitcode in {-signal.SIGXCPU, -signal.SIGKILL}:
        return Outcome(OVER_TIME, hang_kind(trace_path))
    return Outcome(CRASH, f"worker exit {exitcode}")


def run_bounded(
    inputs: Iterable[tuple[str, bytes]], *, cpu_seconds: int = 10, memory_bytes: int = 1 << 30
) -> list[Outcome]:
    """Run ``(filename, data)`` inputs one by one in a worker process under the limits.

    What the regression tests of the fuzzer's findings use: a hang or a memory
    blow-up comes back as an outcome (``over-time``, ``over-memory``) instead of
    stalling the test run. A worker that dies is replaced for the next input.
    """
    context = multiprocessing.get_context("spawn")
    handle, trace = tempfile.mkstemp(prefix="govinfo-bounded-", suffix=".trace")
    os.close(handle)
    outcomes: list[Outcome] = []
    process = conn = None
    try:
        for filename, data in inputs:
            if process is None or conn is None:
                conn, child = context.Pipe()
                process = context.Process(
                    target=serve, args=(child, cpu_seconds, memory_bytes, trace), daemon=True
                )
                process.start()
                child.close()
            conn.send((filename, data))
            outcome: Outcome | None = None
            if conn.poll(cpu_seconds * 3 + 60):
                try:
                    outcome = conn.recv()
                except (EOFError, OSError):
                    outcome = None
            if outcome is None:
                process.kill()
                process.join()
                outcome = worker_died(process.exitcode, trace)
                conn.close()
                process = conn = None
            outcomes.append(outcome)
    finally:
        if conn is not None:
            conn.close()
        if process is not None:
            process.join(10)
            if process.is_alive():
                process.kill()
        Path(trace).unlink(missing_ok=True)
    return outcomes
