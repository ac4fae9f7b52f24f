"""Throughput and memory of ``govinfo.parse``, next to a floor measured in the same run.

The floor is the least any parser of these files must do: read the bytes, decode UTF-8 and
run one compiled regular expression over every line. The parse step times
``govinfo.parse(text)`` on texts already in memory. Both run in this one process, on one
core, several times; the fastest run is reported. Memory is measured in one extra run of
each step: the peak of Python allocations (tracemalloc) and the process's maximum resident
set size so far.

Usage: ``python bench/run.py [--reports N] [--repeat K] [--seed S]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import os
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from corpus import generate

import govinfo
from govinfo.testing import TEMPLATES, consistent_values, render_report, shapes_for
from govinfo.testing.carriers import render_html, render_pdf, report_layout

if TYPE_CHECKING:
    from collections.abc import Callable

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
NUMBER = re.compile(r"\d+")
MEGA = 1_000_000
MEBI = 1024 * 1024
# ru_maxrss is in kibibytes on Linux and in bytes on macOS.
RSS_UNIT = 1 if sys.platform == "darwin" else 1024


@dataclass(frozen=True)
class Measurement:
    """The best time and the memory of one step over one corpus."""

    corpus: str
    step: str
    reports: int
    size_bytes: int
    best_seconds: float
    peak_bytes: int
    max_rss_bytes: int
    errors: int

    @property
    def reports_per_second(self) -> float:
        return self.reports / self.best_seconds

    @property
    def mb_per_second(self) -> float:
        return self.size_bytes / MEGA / self.best_seconds


def floor_step(paths: list[Path]) -> int:
    """Read, decode and scan every file once; return how many numbers were seen."""
    found = 0
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        for line in text.splitlines():
            for _ in NUMBER.finditer(line):
                found += 1
    return found


T = TypeVar("T")


def count_errors(read: Callable[[T], object], items: list[T]) -> int:
    """Read every item once; return how many raised a govinfo error."""
    errors = 0
    for item in items:
        try:
            read(item)
        except govinfo.GovinfoError:
            errors += 1
    return errors


def max_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RSS_UNIT


def measure(
    corpus: str, step: str, run: Callable[[], int], paths: list[Path], repeat: int
) -> Measurement:
    """Time ``run`` ``repeat`` times, keep the fastest, then trace one more run."""
    best = float("inf")
    errors = 0
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        outcome = run()
        best = min(best, time.perf_counter() - start)
        if step == "parse":
            errors = outcome
    gc.collect()
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return Measurement(
        corpus=corpus,
        step=step,
        reports=len(paths),
        size_bytes=sum(path.stat().st_size for path in paths),
        best_seconds=best,
        peak_bytes=peak,
        max_rss_bytes=max_rss_bytes(),
        errors=errors,
    )


def bench_corpus(name: str, paths: list[Path], repeat: int) -> list[Measurement]:
    texts = [path.read_text(encoding="utf-8") for path in paths]
    # The first call builds the grammar; keep that out of the timed runs.
    count_errors(govinfo.parse, texts[:1])
    floor = measure(name, "floor", lambda: floor_step(paths), paths, repeat)
    parsed = measure(name, "parse", lambda: count_errors(govinfo.parse, texts), paths, repeat)
    return [floor, parsed]


def pandas_step(paths: list[Path]) -> int:
    """pandas.read_html (lxml) on the same files: untyped tables of strings, no checks."""
    import pandas as pd  # noqa: PLC0415 - the `bench` extra

    tables = 0
    for path in paths:
        tables += len(pd.read_html(path, flavor="lxml"))
    return tables


def bench_html(paths: list[Path], repeat: int) -> list[Measurement]:
    # Warm both sides up: pandas imports itself on first use, govinfo builds its grammars.
    count_errors(govinfo.parse_file, paths[:1])
    pandas_step(paths[:1])
    pandas = measure("html", "pandas", lambda: pandas_step(paths), paths, repeat)
    parsed = measure(
        "html", "parse", lambda: count_errors(govinfo.parse_file, paths), paths, repeat
    )
    return [pandas, parsed]


def write_html_corpus(directory: Path, count: int, seed: int) -> list[Path]:
    """Generated reports of all six templates as HTML pages with merged cells."""
    rng = random.Random(seed)
    paths: list[Path] = []
    for index in range(count):
        template = TEMPLATES[index % len(TEMPLATES)]
        agency = "青禾县人民政府"
        values = consistent_values(template, rng.randint, blanks=index % 3 == 0, agency=agency)
        page = render_html(report_layout(values, template, agency=agency, year=2022))
        path = directory / f"html-{index:05d}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    return paths


def pdfium_step(paths: list[Path]) -> int:
    """pypdfium2's bare text extraction of the same files: every page's text, nothing more."""
    import pypdfium2 as pdfium  # noqa: PLC0415 - the `pdf` extra

    pages = 0
    for path in paths:
        document = pdfium.PdfDocument(path)
        try:
            for page in document:
                page.get_textpage().get_text_range()
                pages += 1
        finally:
            document.close()
    return pages


def bench_pdf(paths: list[Path], repeat: int) -> list[Measurement]:
    count_errors(govinfo.parse_file, paths[:1])
    pdfium_step(paths[:1])
    bare = measure("pdf", "pdfium", lambda: pdfium_step(paths), paths, repeat)
    parsed = measure("pdf", "parse", lambda: count_errors(govinfo.parse_file, paths), paths, repeat)
    return [bare, parsed]


def write_pdf_corpus(directory: Path, count: int, seed: int) -> tuple[list[Path], int]:
    """Generated reports of all six templates as PDF (reportlab), and their page count."""
    rng = random.Random(seed)
    paths: list[Path] = []
    pages = 0
    for index in range(count):
        template = TEMPLATES[index % len(TEMPLATES)]
        values = consistent_values(template, rng.randint, blanks=index % 3 == 0)
        shape = shapes_for(template)[-1]  # PDF text for the new tables, plain for the old
        lines = render_report(values, template, shape).splitlines()
        path = directory / f"pdf-{index:05d}.pdf"
        path.write_bytes(render_pdf(lines))
        paths.append(path)
        pages += (len(lines) + 39) // 40
    return paths, pages


def seed_paths() -> list[Path]:
    directory = Path(os.environ.get("GOVINFO_SEEDS_DIR", DEFAULT_SEEDS))
    paths = sorted(directory.glob("*.txt"))
    if not paths:
        message = f"no seed reports in {directory} (set GOVINFO_SEEDS_DIR)"
        if os.environ.get("GOVINFO_REQUIRE_SEEDS") == "1":
            sys.exit(f"bench: {message}")
        print(f"bench: {message}; the seed corpus is skipped")
    return paths


def write_corpus(directory: Path, count: int, seed: int, *, new: bool = False) -> list[Path]:
    paths: list[Path] = []
    for index, text in enumerate(generate(count, seed, new=new)):
        path = directory / f"{'new' if new else 'old'}-{index:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def print_table(results: list[Measurement], repeat: int) -> None:
    release = importlib.metadata.version("govinfo")
    print(f"govinfo {release}, Python {sys.version.split()[0]}")
    print(f"one process, best of {repeat} runs; MB = 10^6 bytes of UTF-8 input")
    print("memory: tracemalloc peak of one run; max RSS = process high-water mark after the step")
    print()
    header = (
        f"{'corpus':<10} {'step':<6} {'reports':>7} {'MB':>7} {'best s':>9} "
        f"{'reports/s':>10} {'MB/s':>8} {'peak MiB':>9} {'RSS MiB':>8} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for result in results:
        errors = str(result.errors) if result.step == "parse" else ""
        print(
            f"{result.corpus:<10} {result.step:<6} {result.reports:>7} "
            f"{result.size_bytes / MEGA:>7.3f} {result.best_seconds:>9.4f} "
            f"{result.reports_per_second:>10.1f} {result.mb_per_second:>8.3f} "
            f"{result.peak_bytes / MEBI:>9.2f} {result.max_rss_bytes / MEBI:>8.1f} {errors:>6}"
        )
    print()
    print("time ratio: how many runs of the baseline one parse costs (baseline in brackets)")
    for floor, parsed in zip(results[::2], results[1::2], strict=True):
        ratio = parsed.best_seconds / floor.best_seconds
        print(f"  {floor.corpus:<10} {ratio:>10.2f}x  ({floor.step})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, default=1000, help="generated reports (1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per step (3)")
    parser.add_argument("--html-reports", type=int, default=300, help="HTML pages (300)")
    parser.add_argument("--pdf-reports", type=int, default=100, help="PDF files (100)")
    parser.add_argument("--seed", type=int, default=20180101, help="random seed of the corpus")
    args = parser.parse_args()
    if args.reports < 1 or args.repeat < 1:
        parser.error("--reports and --repeat must be at least 1")

    results: list[Measurement] = []
    seeds = seed_paths()
    if seeds:
        results += bench_corpus("seeds", seeds, args.repeat)
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as tmp:
        generated = write_corpus(Path(tmp), args.reports, args.seed)
        results += bench_corpus("gen-old", generated, args.repeat)
        generated = write_corpus(Path(tmp), args.reports, args.seed, new=True)
        results += bench_corpus("gen-new", generated, args.repeat)
        pages = write_html_corpus(Path(tmp), args.html_reports, args.seed)
        results += bench_html(pages, args.repeat)
        pdfs, pdf_pages = write_pdf_corpus(Path(tmp), args.pdf_reports, args.seed)
        results += bench_pdf(pdfs, args.repeat)
    print_table(results, args.repeat)
    bare, parsed = results[-2], results[-1]
    print(
        f"pdf pages/s: parse_file {pdf_pages / parsed.best_seconds:.1f}, "
        f"pypdfium2 text alone {pdf_pages / bare.best_seconds:.1f} ({pdf_pages} pages)"
    )


if __name__ == "__main__":
    main()
