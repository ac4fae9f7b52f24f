"""Report-level rules R1–R5: what evaluators check in a report's parts and prose.

R1: the six parts of the 2019/2021 format, present and in order. R2: the data
year of the title, the prose (the statistics period, else the year opening
part 一), the table's year line and the template's years agree. R3: the part on
problems and improvements says something. R4, R5: the table shows fees charged
(old-2014's fee row) or fee notices (2021's unpaid-fee row) while the prose says
no fee was charged. Phrasings (the statistics period, "no fee") are data in
``prose.json``; the parts in the catalogue's ``sections``.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from govinfo.catalogue import load_catalogue
from govinfo.catalogue.subjects import phrasing_data
from govinfo.checks.presence import heading_of
from govinfo.folding import compact, folded_key
from govinfo.messages import text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from govinfo.catalogue import Invariant
    from govinfo.messages import Lang
    from govinfo.models import Report, Section

__all__ = ["report_breaks"]

#: (message, lines) of a broken report rule.
Break = tuple[str, tuple[int, ...]]

_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_OPENING_RE = re.compile(r"^\s*(?P<year>(?:19|20)\d\d)\s*年")
_NOTHING = frozenset({"", "无", "暂无", "没有", "无此项"})


@functools.cache
def _no_fee_re() -> re.Pattern[str]:
    return re.compile("|".join(phrasing_data()["no_fee"]))


@functools.cache
def _period_re() -> re.Pattern[str]:
    return re.compile(phrasing_data()["statistics_period"])


def _sections(report: Report, rule: Invariant, lang: Lang) -> Iterator[Break]:
    """R1: every part found by its heading, and in the catalogue's order."""
    last: tuple[str, int] | None = None
    found = [(spec, heading_of(spec, report.sections)) for spec in load_catalogue().sections]
    for index, (spec, section) in enumerate(found):
        if section is None:
            following = [s.line for _, s in found[index + 1 :] if s is not None]
            shown = text("section_missing", lang, ordinal=spec.ordinal, title=spec.title)
            yield shown, tuple(following[:1])
            continue
        if last is not None and section.line < last[1]:
            shown = text(
                "section_order", lang, ordinal=spec.ordinal, title=spec.title, after=last[0]
            )
            yield shown, (section.line,)
        if last is None or section.line > last[1]:
            last = (spec.ordinal, section.line)
    del rule


def _statement(sections: tuple[Section, ...], pattern: re.Pattern[str]) -> tuple[str, int] | None:
    """The first line of these parts matching ``pattern``: its text and line."""
    for section in sections:
        # One search over the part's text first: most parts do not say it at all.
        if pattern.search(compact(section.text)) is None:
            continue
        for offset, line in _lines(section):
            if pattern.search(folded_key(line)):
                return line.strip(), section.line_of(offset)
    return None


def _lines(section: Section) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in section.text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _years(report: Report, rule: Invariant, lang: Lang) -> Iterator[Break]:
    """R2: the title's year against the prose, the table's year line and the template."""
    # The reader took the year from the title line when it found one.
    if report.title is None or report.year is None:
        return
    title = report.year
    period = _statement(report.sections, _period_re())
    if period is not None:
        year = int(_period_re().search(folded_key(period[0]))["year"])  # type: ignore[index]
        if year != title:
            yield text("year_prose", lang, title=title, year=year), (period[1],)
    else:
        opening = heading_of(load_catalogue().sections[0], report.sections)
        found = _OPENING_RE.search(opening.text.lstrip("\n")) if opening is not None else None
        if opening is not None and found is not None and int(found["year"]) != title:
            line = opening.line_of(len(opening.text) - len(opening.text.lstrip("\n")))
            yield text("year_opening", lang, title=title, year=found["year"]), (line,)
    for diagnostic in report.diagnostics:
        years = _YEAR_RE.findall(diagnostic.message)
        if diagnostic.code == "year-mismatch" and len(years) == 2:
            shown = text("year_table", lang, title=years[0], table=years[1])
            yield shown, tuple(filter(None, [diagnostic.line]))
    span = rule.data.get("years", {}).get(report.template or "")
    # A template taken by default (no cue of either format printed) is govinfo's
    # choice, not the report's: it cannot disagree with the title.
    chosen = any(d.code == "template-by-default" for d in report.diagnostics)
    if span and not chosen and not (span[0] <= title and (span[1] is None or title <= span[1])):
        used = f"{span[0]}–{span[1] or ''}"
        yield text("year_template", lang, title=title, template=report.template, years=used), ()


def _problems(report: Report, rule: Invariant, lang: Lang) -> Iterator[Break]:
    """R3: the part on problems and improvements is neither empty nor just 无."""
    spec = next(s for s in load_catalogue().sections if s.ordinal == "五")
    section = heading_of(spec, report.sections)
    if section is None:
        return
    said = folded_key(section.text).rstrip("。.")
    if said in _NOTHING:
        name = "section_empty" if not said else "section_none"
        shown = text(name, lang, ordinal=section.ordinal, title=section.title, text=said)
        yield shown, (section.line,)
    del rule


def _fees(report: Report, rule: Invariant, lang: Lang) -> Iterator[Break]:
    """R4 (old-2014's fee row) and R5 (2021's unpaid-fee row) against "no fee" prose."""
    if rule.id == "R4":
        cell, name, where = report.cells.get("old.fees"), "fee_table", report.sections
    else:
        cell = report.cells.get("new.req.other.fee_unpaid.total")
        name = "fee_notice"
        spec = next(s for s in load_catalogue().sections if s.ordinal == "六")
        part = heading_of(spec, report.sections)
        where = () if part is None else (part,)
    if cell is None or cell.value is None or cell.value <= 0:
        return
    statement = _statement(tuple(where), _no_fee_re())
    if statement is not None:
        shown = text(name, lang, value=cell.value, text=statement[0])
        yield shown, (cell.line, statement[1])


_CHECKS = {"R1": _sections, "R2": _years, "R3": _problems, "R4": _fees, "R5": _fees}


def report_breaks(report: Report, rule: Invariant, lang: Lang) -> Iterator[Break]:
    """Each way the report breaks a report-level rule: the message and its lines."""
    return _CHECKS[rule.id](report, rule, lang)
