"""JSON wire format of a :class:`~govinfo.Report`, through one dedicated cattrs converter.

Wire decisions:

- Decimals are JSON numbers: integral ones as integers, others as the shortest
  float that reads back to the same Decimal. A Decimal a JSON number cannot hold
  exactly (an integer of more digits than Python converts to text, a float that
  would overflow or round) is a JSON string of the Decimal, read back unchanged.
  The parser never makes such values (see :data:`govinfo.limits.MAX_DIGITS`);
  reports built by hand may hold them.
- Enums are their string values (``"exact"``, ``"table"``, ``"error"``).
- ``cells`` is an object keyed by cell id, in table order; each cell repeats its id.
- Tuples are arrays; ``None`` is ``null``. Nothing else is renamed or dropped.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from typing import Any

from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import make_converter as _make_json_converter

from govinfo.models import Report

__all__ = ["dumps", "loads", "make_converter"]


# Python refuses to print integers of more digits than this (sys.int_info).
_MAX_INT_DIGITS = 4300


def _decimal_out(value: Decimal) -> int | float | str:
    if not value.is_finite():
        return str(value)
    if value == value.to_integral_value():
        if value.adjusted() < _MAX_INT_DIGITS - 1:
            return int(value)
        return str(value)
    number = float(value)
    return number if Decimal(str(number)) == value else str(value)


def _decimal_in(value: Any, _: type) -> Decimal:  # noqa: ANN401 - JSON scalars
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"not a number: {value!r}")
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def make_converter() -> JsonConverter:
    """A new converter with govinfo's wire decisions (see the module docstring)."""
    converter = _make_json_converter()
    converter.register_unstructure_hook(Decimal, _decimal_out)
    converter.register_structure_hook(Decimal, _decimal_in)
    return converter


@functools.cache
def _converter() -> JsonConverter:
    return make_converter()


def dumps(report: Report, *, indent: int | None = None) -> str:
    """Serialise a report to a JSON string (UTF-8 text, CJK not escaped).

    >>> import govinfo
    >>> report = govinfo.Report(agency="青禾县人民政府", year=2018)
    >>> govinfo.loads(govinfo.dumps(report)) == report
    True
    """
    data = _converter().unstructure(report)
    return json.dumps(data, ensure_ascii=False, indent=indent)


def loads(text: str) -> Report:
    """Read a report back from :func:`dumps` output."""
    return _converter().structure(json.loads(text), Report)
