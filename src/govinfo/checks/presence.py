"""Rule T1: a table of the 2019/2021 format that is not printed, stated once.

Without it, a report whose table 三 is absent would give a "not evaluable"
finding for each of the 46 comparisons over it, all at line 0. Here the absent
table is one finding (at its part's heading when the report has one), and the
comparisons whose every cell lies in it are left out of the findings.
"""

from __future__ import annotations

import functools
from itertools import repeat
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import load_catalogue
from govinfo.folding import CACHED_TEXT_CHARS, folded_key
from govinfo.messages import text
from govinfo.values import parse_value

if TYPE_CHECKING:
    from collections.abc import Iterable

    from govinfo.catalogue import SectionSpec
    from govinfo.messages import Lang
    from govinfo.models import Report, Section

__all__ = ["AbsentTable", "absent_tables", "heading_of", "in_absent_tables", "unplaced_values"]


@attrs.frozen(kw_only=True)
class AbsentTable:
    """A table the template has and the report does not print."""

    #: The part it belongs in (``三``).
    name: str
    #: The part's title (``收到和处理政府信息公开申请情况``).
    title: str
    #: Id prefixes of its cells.
    prefixes: tuple[str, ...]
    #: The line of the part's heading, when the report has one.
    heading: int | None = None

    def message(self, lang: Lang = "zh") -> str:
        """What is missing, for a person."""
        name = "table_under_heading" if self.heading else "table_missing"
        return text(name, lang, name=self.name, title=self.title)


def heading_of(spec: SectionSpec, sections: Iterable[Section]) -> Section | None:
    """The first part of the report whose heading names ``spec`` (by its cues)."""
    cues = spec.cues
    for section in sections:
        if section.ordinal and _names(cues, section.title):
            return section
    return None


def _names(cues: tuple[str, ...], title: str) -> bool:
    """Whether a heading's ``title`` holds one of a part's ``cues``."""
    # Long titles are tested each time: the cache would keep them.
    if len(title) > CACHED_TEXT_CHARS:
        return _names_cached.__wrapped__(cues, title)
    return _names_cached(cues, title)


# Asked of every part's heading for each of the six parts, by R1, R2, R3, R5 and T1,
# for every report; headings repeat across reports (二、主动公开政府信息情况).
@functools.lru_cache(maxsize=4096)
def _names_cached(cues: tuple[str, ...], title: str) -> bool:
    folded = folded_key(title)
    return any(cue in folded for cue in cues)


def absent_tables(report: Report) -> tuple[AbsentTable, ...]:
    """The template's tables that the report prints no cell of (T1's templates only)."""
    catalogue = load_catalogue()
    if report.template not in catalogue.invariant("T1").templates:
        return ()
    found: list[AbsentTable] = []
    for spec in catalogue.sections:
        # Table prefixes are an id's first two parts (``new.req``): a cell lies in
        # the table when its id starts with one. map() tests the ~200 ids in C.
        if not spec.tables or any(map(str.startswith, report.cells, repeat(spec.tables))):
            continue
        heading = heading_of(spec, report.sections)
        found.append(
            AbsentTable(
                name=spec.ordinal,
                title=spec.title,
                prefixes=spec.tables,
                heading=heading.line if heading is not None else None,
            )
        )
    return tuple(found)


def in_absent_tables(cells: Iterable[str], absent: Iterable[AbsentTable]) -> bool:
    """Whether every cell lies in one of the absent tables (and there is a cell)."""
    prefixes = tuple(p for table in absent for p in table.prefixes)
    listed = list(cells)
    return bool(prefixes) and bool(listed) and all(c.startswith(prefixes) for c in listed)


def unplaced_values(report: Report) -> int:
    """How many printed numbers the table readers could not place in a cell.

    Counted from the rows kept raw (``unknown_rows``: table 四's numbers that do
    not fit its columns are one of them). Placeholders and blanks are not values.
    """
    count = 0
    for row in report.unknown_rows:
        for raw in row.cells:
            quantity = parse_value(raw)
            count += quantity is not None and not quantity.is_missing
    return count
