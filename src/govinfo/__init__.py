r"""govinfo: read Chinese government information-disclosure annual reports.

Parse a report's text into a typed :class:`Report` whose cells carry the ids
of the indicator catalogue, with provenance for every value::

    >>> import govinfo
    >>> report = govinfo.parse("一、主动公开情况\n（一）主动公开政府信息数\n条\n12\n")
    >>> report.cells["old.active.total"].value
    Decimal('12')

The package reads as the pipeline: :mod:`govinfo.carriers` (bytes → text
lines), :mod:`govinfo.text` (normalised lines, metadata, prose figures),
:mod:`govinfo.tables` (the statistics tables → cells), :mod:`govinfo.checks`
(the invariants → findings), over the base modules :mod:`govinfo.catalogue`,
:mod:`govinfo.models`, :mod:`govinfo.values` and :mod:`govinfo.errors`.
:mod:`govinfo.dataset` turns many files into tables (``govinfo dataset``).
This module exports what a user needs first; the rest is importable from its
subpackage. ``govinfo.__version__`` is the installed distribution's version.
"""

from importlib.metadata import version as _distribution_version

from govinfo.api import parse, parse_bytes, parse_file
from govinfo.catalogue import load_catalogue
from govinfo.checks import Outcome, RuleResult, check, evaluate, is_consistent, iter_findings
from govinfo.dataset import read_dataset
from govinfo.errors import CatalogueError, GovinfoError, InputError, ReportSyntaxError
from govinfo.models import (
    Cell,
    Diagnostic,
    Finding,
    Heading,
    Origin,
    Place,
    Report,
    Section,
    Severity,
    UnknownRow,
)
from govinfo.serialize import dumps, loads
from govinfo.values import Qualifier

# One source: the version in pyproject.toml, as recorded in the installed metadata.
__version__ = _distribution_version("govinfo")

__all__ = [
    "CatalogueError",
    "Cell",
    "Diagnostic",
    "Finding",
    "GovinfoError",
    "Heading",
    "InputError",
    "Origin",
    "Outcome",
    "Place",
    "Qualifier",
    "Report",
    "ReportSyntaxError",
    "RuleResult",
    "Section",
    "Severity",
    "UnknownRow",
    "check",
    "dumps",
    "evaluate",
    "is_consistent",
    "iter_findings",
    "load_catalogue",
    "loads",
    "parse",
    "parse_bytes",
    "parse_file",
    "read_dataset",
]
