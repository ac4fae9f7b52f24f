"""Hypothesis strategies that write reports govinfo can read (extra ``strategies``).

This short path is the documented one (``from govinfo import strategies``); the
strategies live with the other generators in :mod:`govinfo.testing` (module
``govinfo.testing.strategies``), whose docstring shows how to use them.
"""

from govinfo.testing.strategies import (
    GeneratedReport,
    faulty_values,
    reports,
    templates,
    values,
)

__all__ = ["GeneratedReport", "faulty_values", "reports", "templates", "values"]
