"""Generated report files for the dataset tests: agencies over years, several carriers."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path
from typing import TYPE_CHECKING

from govinfo.dataset.worker import run_chunk, warm
from govinfo.testing import consistent_values, render_report, shapes_for
from govinfo.testing.carriers import render_html, render_pdf, report_layout

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from govinfo.dataset.worker import ChunkDone, ChunkTask

#: The file name that kills the worker reading it (see :func:`run_chunk_or_die`).
KILLER = "kill-the-worker.txt"


def template_of(year: int) -> str:
    """The template an agency used for ``year``."""
    if year <= 2014:
        return "old-2014"
    if year <= 2018:
        return "old-2018"
    return "new-2019" if year <= 2020 else "new-2021"


def values_of(
    template: str, seed: int, agency: str, *, blanks: bool = False
) -> dict[str, Decimal | None]:
    return consistent_values(template, random.Random(seed).randint, agency=agency, blanks=blanks)


def render(
    values: dict[str, Decimal | None], template: str, agency: str, year: int, carrier: str
) -> bytes:
    """A report file's bytes in ``carrier`` (text, html or pdf)."""
    if carrier == "html":
        return render_html(report_layout(values, template, agency=agency, year=year)).encode()
    shape = shapes_for(template)[-1 if carrier == "pdf" else 0]
    text = render_report(values, template, shape, agency=agency, year=year)
    return render_pdf(text.splitlines()) if carrier == "pdf" else text.encode()


def write_report(
    directory: Path,
    name: str,
    *,
    agency: str,
    year: int,
    seed: int,
    carrier: str = "text",
    blanks: bool = False,
) -> Path:
    template = template_of(year)
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    values = values_of(template, seed, agency, blanks=blanks)
    path.write_bytes(render(values, template, agency, year, carrier))
    return path


def write_corpus(
    directory: Path,
    agencies: Sequence[str],
    years: Sequence[int],
    carriers: Sequence[str] = ("text", "html"),
) -> list[Path]:
    """Every agency's report for every year, carriers in turn."""
    paths: list[Path] = []
    for a, agency in enumerate(agencies):
        for y, year in enumerate(years):
            carrier = carriers[(a + y) % len(carriers)]
            suffix = {"text": "txt", "html": "html", "pdf": "pdf"}[carrier]
            paths.append(
                write_report(
                    directory / f"agency{a:02d}",
                    f"{year}.{suffix}",
                    agency=agency,
                    year=year,
                    seed=a * 100 + y,
                    carrier=carrier,
                )
            )
    return paths


def run_chunk_or_die(task: ChunkTask) -> ChunkDone:
    """:func:`run_chunk`, except that a chunk holding :data:`KILLER` kills its worker."""
    if any(Path(source).name == KILLER for source in task.sources):
        os._exit(70)
    return run_chunk(task)


def warm_late(marker: str) -> None:
    """A worker's initializer that warms up after its parent has had time to die."""
    time.sleep(2)
    Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    warm()
