"""The inputs mutations start from: seeds, the real corpus and cases, and generated reports.

Real reports come from ``../shared`` (seeds, corpus reports, cases) when it is
there; generated ones are made here in every carrier (text shapes, HTML with
merged cells, .docx, PDF) for every template.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govinfo.testing import (
    NEW_TEMPLATES,
    TEMPLATES,
    Shape,
    consistent_values,
    render_report,
    shapes_for,
)
from govinfo.testing.carriers import render_docx, render_html, render_pdf, report_layout

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Source", "load_sources"]

_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class Source:
    """An input to mutate: a name, the filename given to govinfo, its carrier and bytes."""

    name: str
    filename: str
    carrier: str
    data: bytes


def _real(shared: Path) -> list[Source]:
    paths = [
        *sorted((shared / "seeds").glob("*.txt")),
        *sorted((shared / "corpus" / "reports").glob("*")),
        *sorted((shared / "cases").glob("*.txt")),
    ]
    return [
        Source(
            name=f"{path.parent.name}/{path.name}",
            filename=path.name,
            carrier=_SUFFIXES.get(path.suffix.lower(), "text"),
            data=path.read_bytes(),
        )
        for path in paths
        if path.is_file()
    ]


def _generated(seed: int) -> list[Source]:
    rng = random.Random(seed)
    agency = "青禾县人民政府"
    out: list[Source] = []
    for template in TEMPLATES:
        values = consistent_values(template, rng.randint, blanks=True, agency=agency)
        for shape in shapes_for(template):
            text = render_report(values, template, shape, agency=agency)
            out.append(
                Source(f"gen/{template}-{shape.value}.txt", "report.txt", "text", text.encode())
            )
        blocks = report_layout(values, template, agency=agency, year=2022)
        out.append(
            Source(f"gen/{template}.html", "report.html", "html", render_html(blocks).encode())
        )
        out.append(Source(f"gen/{template}.docx", "report.docx", "docx", render_docx(blocks)))
        shape = Shape.PDF if template in NEW_TEMPLATES else Shape.PLAIN
        text = render_report(values, template, shape, agency=agency)
        lines = [line for line in text.splitlines() if line.strip()]
        out.append(Source(f"gen/{template}.pdf", "report.pdf", "pdf", render_pdf(lines)))
    return out


def load_sources(shared: Path, seed: int) -> list[Source]:
    """Every source: the real ones under ``shared`` (if any) and the generated ones."""
    return _real(shared) + _generated(seed)
