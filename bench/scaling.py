"""How parse time and memory grow with the input: the scaling table of ``make bench``.

Six shapes of input, each at 10 KB, 100 KB, 1 MB and 10 MB (UTF-8 bytes, or the
page's bytes for HTML), each parsed in a fresh process:

* ``repeated``: a report repeated end to end (the first seed, or a generated one);
* ``tables``: an HTML page holding the report's tables over and over;
* ``long-line``: a report with one line of table-like text making up the size;
* ``digits``: a report whose prose holds one run of digits making up the size;
* ``wrapped``: a report whose table holds label-only lines (labels wrapped over
  many lines) making up the size;
* ``blank``: a report with one line of mixed blanks (tab, ideographic space,
  space) making up the size, the shape a fuzzer found quadratic in the heading
  patterns.

For each: the parse time (``parse_bytes``; the best of three runs up to 1 MB, one
run at 10 MB), seconds per MB, and the peak resident memory above the process's
size before the parse. A shape is
*flat* when, from 100 KB to 10 MB, a MB never costs more than twice what it cost
in a smaller input.
A run past ``--timeout`` seconds is stopped and shown as such.

Usage: ``python bench/scaling.py [--sizes 10000 100000 ...] [--timeout 60]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import govinfo
from govinfo.testing import Shape, consistent_values, render_report
from govinfo.testing.carriers import render_html, report_layout

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
MEGA = 1_000_000
MEBI = 1024 * 1024
RSS_UNIT = 1 if sys.platform == "darwin" else 1024
SIZES = (10_000, 100_000, 1_000_000, 10_000_000)


def _base_report() -> str:
    seeds = sorted(Path(os.environ.get("GOVINFO_SEEDS_DIR", DEFAULT_SEEDS)).glob("*.txt"))
    if seeds:
        return seeds[0].read_text(encoding="utf-8")
    values = consistent_values("old-2018", random.Random(1).randint, agency="青禾县人民政府")
    return render_report(values, "old-2018", Shape.TABBED, agency="青禾县人民政府")


def _fill(head: str, piece: str, tail: str, size: int) -> bytes:
    """``head``, ``piece`` repeated, ``tail``: about ``size`` bytes of UTF-8 in all."""
    room = size - len((head + tail).encode())
    count = max(1, room // max(1, len(piece.encode())))
    return (head + piece * count + tail).encode()


def make_input(shape: str, size: int) -> tuple[str, bytes]:
    """The input of ``shape`` at about ``size`` bytes, with its file name."""
    report = _base_report()
    if shape == "repeated":
        count = max(1, size // len(report.encode()))
        return "repeated.txt", (report * count).encode()
    if shape == "tables":
        values = consistent_values("new-2021", random.Random(2).randint, agency="青禾县人民政府")
        page = render_html(report_layout(values, "new-2021", agency="青禾县人民政府", year=2022))
        start, end = page.index("<table>"), page.rindex("</table>") + len("</table>")
        return "tables.html", _fill(page[:start], page[start:end], page[end:], size)
    middle = len(report) // 2
    head, tail = report[:middle], report[middle:]
    cut = head.rfind("\n") + 1
    head, tail = head[:cut], head[cut:] + tail
    if shape == "long-line":
        return "long-line.txt", _fill(head, "政府信息公开 12 ", "\n" + tail, size)
    if shape == "digits":
        return "digits.txt", _fill(head + "本年度共受理申请", "7", "件。\n" + tail, size)
    if shape == "wrapped":
        table = report.find("\n", report.find("统计数")) + 1 or middle
        head, tail = report[:table], report[table:]
        return "wrapped.txt", _fill(head, "因申请内容不明确\n", tail, size)
    if shape == "blank":
        return "blank.txt", _fill(head, "\t\u3000 ", "\n" + tail, size)
    raise ValueError(shape)


def _child(conn: Connection, shape: str, size: int) -> None:
    filename, data = make_input(shape, size)
    govinfo.parse("一、概述\n（一）主动公开政府信息数\n条\n12\n")  # grammars built, caches warm
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RSS_UNIT
    best = float("inf")
    # Small inputs parse in milliseconds: the best of a few runs, as bench/run.py does.
    for _ in range(3 if size <= 1_000_000 else 1):
        start = time.perf_counter()
        try:
            govinfo.parse_bytes(data, filename=filename)
            outcome = "report"
        except govinfo.GovinfoError as exc:
            outcome = f"error: {exc}"[:60]
        best = min(best, time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RSS_UNIT - before
    conn.send((len(data), best, peak, outcome))


def measure(shape: str, size: int, timeout: float) -> tuple[int, float | None, int, str]:
    """Bytes, seconds (None past the timeout), peak bytes and outcome of one parse."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_child, args=(child, shape, size))
    process.start()
    child.close()
    if parent.poll(timeout):
        result: tuple[int, float, int, str] = parent.recv()
        process.join()
        return result
    process.kill()
    process.join()
    return size, None, 0, f"stopped after {timeout:.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument(
        "--shapes",
        nargs="+",
        default=["repeated", "tables", "long-line", "digits", "wrapped", "blank"],
    )
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    print("scaling: parse_bytes once per input, in a fresh process; MB = 10^6 bytes")
    print("peak = resident memory high-water mark above the process before the parse")
    print()
    header = (
        f"{'shape':<10} {'MB':>8} {'seconds':>9} {'s/MB':>7} {'peak MiB':>9} {'MiB/MB':>7}  outcome"
    )
    print(header)
    print("-" * len(header))
    verdicts: list[str] = []
    for shape in args.shapes:
        per_mb: list[float] = []
        for size in args.sizes:
            length, seconds, peak, outcome = measure(shape, size, args.timeout)
            megabytes = length / MEGA
            if seconds is None:
                print(
                    f"{shape:<10} {megabytes:>8.3f} {'-':>9} {'-':>7} {'-':>9} {'-':>7}  {outcome}"
                )
                per_mb.append(float("inf"))
                continue
            rate = seconds / megabytes
            if size >= 100_000:
                per_mb.append(rate)
            print(
                f"{shape:<10} {megabytes:>8.3f} {seconds:>9.3f} {rate:>7.3f} "
                f"{peak / MEBI:>9.1f} {peak / MEBI / megabytes:>7.1f}  {outcome}",
                flush=True,
            )
        if per_mb:
            # Growth: how much more a MB costs in a larger input than in any smaller one
            # (a fixed cost per parse makes small inputs dearer per MB, which is no growth).
            growth = max(
                (later / earlier for i, earlier in enumerate(per_mb) for later in per_mb[i + 1 :]),
                default=1.0,
            )
            verdict = "flat" if growth <= 2 else "NOT flat"
            verdicts.append(f"  {shape:<10} s/MB grows {growth:.2f}x from 100 KB up: {verdict}")
    print()
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
