r"""govinfo: read Chinese government information-disclosure annual reports.

Parse a report's text into a typed :class:`Report` whose cells carry the ids
of the indicator catalogue, with provenance for every value::

    >>> import govinfo
    >>> report = govinfo.parse("一、主动公开情况\n（一）主动公开政府信息数\n条\n12\n")
    >>> report.cells["old.active.total"].value
    Decimal('12')
"""

from govinfo.api import parse, parse_bytes, parse_file
from govinfo.catalogue import Catalogue, CellSpec, Invariant, Kind, Template, load_catalogue
from govinfo.checks import Outcome, RuleResult, check, evaluate, is_consistent, iter_findings
from govinfo.errors import CatalogueError, GovinfoError, InputError, ReportSyntaxError
from govinfo.models import (
    Cell,
    Diagnostic,
    Finding,
    Heading,
    Origin,
    Place,
    Report,
    Severity,
    UnknownRow,
)
from govinfo.serialize import dumps, loads, make_converter
from govinfo.values import Qualifier, Quantity, parse_value

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Cell",
    "CellSpec",
    "Diagnostic",
    "Finding",
    "GovinfoError",
    "Heading",
    "InputError",
    "Invariant",
    "Kind",
    "Origin",
    "Outcome",
    "Place",
    "Qualifier",
    "Quantity",
    "Report",
    "ReportSyntaxError",
    "RuleResult",
    "Severity",
    "Template",
    "UnknownRow",
    "check",
    "dumps",
    "evaluate",
    "is_consistent",
    "iter_findings",
    "load_catalogue",
    "loads",
    "make_converter",
    "parse",
    "parse_bytes",
    "parse_file",
    "parse_value",
]
