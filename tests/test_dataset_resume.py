"""Killed with SIGKILL at random points, ``govinfo dataset`` resumes to the same dataset."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from govinfo.dataset import read_dataset

from .conftest import ROOT
from .dataset_files import write_corpus
from .test_dataset import rows_of

if TYPE_CHECKING:
    from pathlib import Path

AGENCIES = tuple(f"第{n}区人民政府" for n in range(10))


def _command(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "govinfo", "dataset", str(folder), "-o", str(out), "-j", "2"]


def _committed(out: Path) -> tuple[int, bool]:
    """Chunks committed in the journal, and whether the cross-year pass is."""
    journal = out.with_name(out.name + ".parts") / "journal.jsonl"
    lines = journal.read_bytes().splitlines() if journal.exists() else []
    return sum(b'"parts"' in line for line in lines), any(b'"kind"' in line for line in lines)


def test_runs_killed_at_random_points_resume_to_the_same_rows(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    write_corpus(folder, AGENCIES, range(2013, 2023), ("text", "html", "pdf"))
    reference = tmp_path / "reference.parquet"
    start = time.perf_counter()
    subprocess.run(_command(folder, reference), check=True, capture_output=True)  # noqa: S603
    whole = time.perf_counter() - start

    out = tmp_path / "killed.parquet"
    rng = random.Random(14)
    kills = resumed = 0
    # Killed while parsing, while checking across years, while writing, or after it
    # finished: a run that ends is started again (it then only writes the output),
    # and is killed at a random point of its own length.
    span = whole
    for attempt in range(20):
        start = time.perf_counter()
        # A new session: the whole process group can be killed, workers included.
        run = subprocess.Popen(  # noqa: S603
            _command(folder, out),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        if attempt == 0:
            # The first run dies after a random number of committed chunks.
            wanted = rng.randint(1, 6)
            while _committed(out)[0] < wanted and run.poll() is None:
                time.sleep(0.005)
        try:
            assert run.wait(timeout=0 if attempt == 0 else rng.uniform(0.05, 1.0) * span) == 0
            span = time.perf_counter() - start
        except subprocess.TimeoutExpired:
            if attempt % 2:
                os.killpg(run.pid, signal.SIGKILL)
            else:
                os.kill(run.pid, signal.SIGKILL)  # the workers die with their parent
            run.wait()
            kills += 1
            chunks, checked = _committed(out)
            resumed += chunks > 0 and not checked
        if kills == 6:
            break
    subprocess.run(_command(folder, out), check=True, capture_output=True)  # noqa: S603
    assert kills == 6, "the runs ended before they could be killed"
    assert resumed >= 1, "no kill fell between the first committed chunk and the last"

    expected, found = read_dataset(reference), read_dataset(out)
    for table, frame in expected.items():
        assert len(frame) > 0 or table == "unknown_rows", table
        assert rows_of(found[table]) == rows_of(frame), table


def test_ctrl_c_says_how_to_resume(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    write_corpus(folder, AGENCIES[:4], range(2013, 2023), ("text", "html"))
    out = tmp_path / "out.parquet"
    run = subprocess.Popen(  # noqa: S603
        _command(folder, out),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    while _committed(out)[0] < 1 and run.poll() is None:
        time.sleep(0.005)
    os.killpg(run.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130
    # The command's last word (a worker still importing may print its own traceback).
    assert err.decode().strip().endswith("interrupted; run the same command again to resume")


_ORPHAN_SCRIPT = """
import sys, time
from concurrent.futures import ProcessPoolExecutor
import multiprocessing, os
sys.path.insert(0, {root!r})
from tests.dataset_files import warm_late

if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=warm_late, initargs=({marker!r},))
    pool.submit(os.getpid)
    time.sleep(0.5)  # the worker is started, and waits before warming up
    os._exit(0)  # the parent dies (as with kill -9) before the worker is warm
"""


def test_a_worker_whose_parent_died_while_it_started_leaves(tmp_path: Path) -> None:
    # Killed while its workers were still starting, a run left them waiting forever.
    marker = tmp_path / "warmed"
    script = _ORPHAN_SCRIPT.format(root=str(ROOT), marker=str(marker))
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)  # noqa: S603
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    pid = int(marker.read_text())
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    raise AssertionError("the orphaned worker was still running 30 s later")
