"""The report's title, agency and data year, read from its first lines or its prose."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from govinfo.folding import key
from govinfo.models import Diagnostic
from govinfo.text.normalize import LineKind

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.text.normalize import Line

__all__ = ["Meta", "read_meta"]

_REPORT = r"(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:年度)?报告"
_TITLE_RE = re.compile(rf"^(?P<agency>.*?)(?P<year>(?:19|20)\d\d)年度?(?P<rest>{_REPORT})$")
# In prose: "…公布2018年度拱墅区信息公开工作年度报告" (year before agency).
_PROSE_RE = re.compile(
    rf"(?P<year>(?:19|20)\d\d)年度?(?P<agency>[^\d,，。、;；:：《》()\s]{{2,24}}?){_REPORT}"
)
_YEAR_LINE_RE = re.compile(r"^\((?P<year>(?:19|20)\d\d)年度?\)$")
# The page title a web archiver saved above the text (`标题: …`), set aside as noise.
_SAVED_TITLE_RE = re.compile(r"^标题[:：]\s*")
# An agency's name holds no path, link or numbering: `本地目录:zwgk/…/80629_某某区` is not one.
_NOT_AGENCY_RE = re.compile(r"[/:_\\A-Za-z]")
# How far down the title may stand: chrome and metadata grids come first.
_TITLE_WINDOW = 30
_AGENCY_MAX = 30


@attrs.frozen(kw_only=True)
class Meta:
    """Title, agency and year, with what was noticed reading them."""

    title: str | None
    agency: str | None
    year: int | None
    diagnostics: tuple[Diagnostic, ...] = ()


def _text_lines(lines: Sequence[Line]) -> list[Line]:
    return [line for line in lines if line.kind is LineKind.TEXT]


def _saved_title(lines: Sequence[Line]) -> list[Line]:
    """The title line a web archiver saved (``标题: …``), as a line of its own text."""
    for line in lines:
        found = _SAVED_TITLE_RE.match(line.text.strip())
        if found is not None:
            lead = len(line.text) - len(line.text.lstrip()) + found.end()
            text = " " * lead + line.text[lead:]
            return [line._replace(text=text, raw=" " * lead + line.raw[lead:], kind=LineKind.TEXT)]
    return []


def read_meta(lines: Sequence[Line], furniture: Sequence[Line]) -> Meta:
    """Read title, agency and year; the title wins over the table's year line."""
    text_lines = _saved_title(lines[:_TITLE_WINDOW]) + _text_lines(lines)
    title = agency = None
    year: int | None = None
    diagnostics: list[Diagnostic] = []
    for index, line in enumerate(text_lines[:_TITLE_WINDOW]):
        match = _TITLE_RE.match(key(line.text))
        if match is None or _NOT_AGENCY_RE.search(match["agency"]):
            continue
        agency = match["agency"] or None
        title = line.raw.strip()
        if agency is None and index > 0:
            # The agency on a line of its own above the title (`宁波市镇海区人民政府`).
            above = key(text_lines[index - 1].text)
            if 0 < len(above) <= _AGENCY_MAX and not re.search(r"[。，,:：]", above):
                agency = above
                title = text_lines[index - 1].raw.strip() + title
        year = int(match["year"])
        break
    else:
        for line in text_lines:
            found = _PROSE_RE.search(key(line.text))
            if found is not None:
                agency, year = found["agency"], int(found["year"])
                diagnostics.append(
                    Diagnostic(
                        code="title-not-found",
                        message="no title line; agency and year read from the prose",
                        line=line.number,
                        column=line.text.find(found["year"]) + 1,
                        text=found.group(),
                    )
                )
                break
    table_year = _table_year(furniture)
    if table_year is not None:
        if year is None:
            year = table_year
        elif year != table_year:
            diagnostics.append(
                Diagnostic(
                    code="year-mismatch",
                    message=f"the title says {year}, the table says {table_year}",
                )
            )
    return Meta(title=title, agency=agency, year=year, diagnostics=tuple(diagnostics))


def _table_year(furniture: Sequence[Line]) -> int | None:
    for line in furniture:
        match = _YEAR_LINE_RE.match(key(line.text))
        if match is not None:
            return int(match["year"])
    return None
