"""Generated reports for tests and benchmarks: consistent values, faults, text and files.

:mod:`.synth` builds values that satisfy (or break) the catalogue's invariants,
:mod:`.render` writes them as report text in the shapes real pages show,
:mod:`.carriers` as HTML, .docx and PDF files, and ``strategies`` wraps
them as Hypothesis strategies (extra ``strategies``; also importable as
:mod:`govinfo.strategies`). May import every stage below the API.
"""

from govinfo.testing.render import Shape, render_report, shapes_for
from govinfo.testing.synth import (
    NEW_TEMPLATES,
    OLD_TEMPLATES,
    TEMPLATES,
    Fault,
    break_rule,
    consistent_values,
)

__all__ = [
    "NEW_TEMPLATES",
    "OLD_TEMPLATES",
    "TEMPLATES",
    "Fault",
    "Shape",
    "break_rule",
    "consistent_values",
    "render_report",
    "shapes_for",
]
