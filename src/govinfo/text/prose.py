"""Figures the report's prose states for catalogue cells (origin ``prose``).

Precision before recall: a number is tied to a cell only when its clause reads
``[scope words] cue [connector] number unit`` (see ``data/prose.json``), so
``区政府及其部门网站主动公开政府信息11807条`` is not mistaken for the total.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from importlib import resources
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import load_catalogue
from govinfo.folding import folded_key, key
from govinfo.models import Cell, Origin, nowhere
from govinfo.text.normalize import LineKind
from govinfo.values import parse_value

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from govinfo.models import Locate
    from govinfo.text.normalize import Line

__all__ = ["read_prose"]

_LABEL_TAILS = ("总次数", "次数", "总数", "数量", "数")
_BOUNDARY_RE = re.compile(r"[,.;:、!?。！？“”\[\]《》]")
# A closed parenthetical belongs to the words before it: `乡镇政府（街道办事处）设置…`.
_PAREN_RE = re.compile(r"\([^()]*\)")
_QUALIFIERS = ("超过", "近", "约")


@attrs.frozen
class _Cues:
    #: Cue (key form) → cell id.
    cues: Mapping[str, str]
    #: The lengths cues come in, longest first: a clause's suffixes are looked up by length.
    lengths: tuple[int, ...]
    scope_re: re.Pattern[str]
    connectors: tuple[str, ...]
    number_re: re.Pattern[str]
    compatible: tuple[frozenset[str], ...]
    units: Mapping[str, str]


@functools.cache
def _cues() -> _Cues:
    data = json.loads(
        resources.files("govinfo.catalogue").joinpath("prose.json").read_text("utf-8")
    )
    catalogue = load_catalogue()
    cues: dict[str, str] = {}
    for spec in catalogue.cells:
        if spec.family != "old" or not spec.kind.is_numeric:
            continue
        for label in (spec.label, *spec.aliases):
            label_key = key(label)
            if len(catalogue.labels.get(label_key, ())) != 1:
                continue  # shared labels need a section, which prose lacks
            forms = {label_key} | {
                label_key[: -len(tail)] for tail in _LABEL_TAILS if label_key.endswith(tail)
            }
            for form in forms:
                cues.setdefault(form, spec.id)
    for cell_id, aliases in data["aliases"].items():
        for alias in aliases:
            cues[key(alias)] = cell_id
    written = catalogue.units | {u for group in data["compatible_units"] for u in group}
    # 万元 amounts are written without 元 in prose (83.8万); they are not tied to cells.
    units = sorted(written - {"万元"}, key=len, reverse=True)
    scopes = "|".join(map(re.escape, data["scopes"]))
    return _Cues(
        cues=cues,
        lengths=tuple(sorted({len(cue) for cue in cues}, reverse=True)),
        scope_re=re.compile(rf"(?:\d{{4}}年度?|{scopes})*"),
        connectors=tuple(data["connectors"]),
        # Starts with a digit so that the scan skips text fast; a qualifier
        # before the number (超过, 近, 约) is looked up behind it. Only at the first
        # digit of a run, and possessive: a long run of digits is scanned once, not
        # once per digit (which made it quadratic).
        number_re=re.compile(rf"(?<!\d)\d++(?:\.\d++)?(?:万|亿)?(?:余|多)?(?:{'|'.join(units)})"),
        compatible=tuple(frozenset(group) for group in data["compatible_units"]),
        units={spec.id: spec.unit for spec in catalogue.cells},
    )


def _units_agree(cues: _Cues, cell_unit: str, written: str) -> bool:
    return written == cell_unit or any({cell_unit, written} <= g for g in cues.compatible)


def _figures(line: Line, cues: _Cues, locate: Locate) -> Iterator[Cell]:
    text = line.text
    boundaries: list[int] | None = None
    for match in cues.number_re.finditer(text):
        if match.start() > 0 and text[match.start() - 1].isdigit():
            continue
        if boundaries is None:
            boundaries = [0, *(m.end() for m in _BOUNDARY_RE.finditer(text))]
        # The clause starts after the last boundary before the number.
        start = boundaries[bisect.bisect_right(boundaries, match.start()) - 1]
        begin = match.start()
        for qualifier in _QUALIFIERS:
            if text.endswith(qualifier, start, begin):
                begin -= len(qualifier)
                break
        cell_id = _cue(_clause(text[start:begin], cues), cues)
        cell = None if cell_id is None else _cell(cell_id, line, begin, match, cues, locate=locate)
        if cell is not None:
            yield cell


def _clause(text: str, cues: _Cues) -> str:
    """The clause before a number, in key form, parentheticals and connector removed."""
    if "(" in text:
        text = _PAREN_RE.sub("", text)
        text = text[text.rfind("(") + 1 :]
    return _strip_connector(folded_key(text), cues.connectors)


def _cue(clause: str, cues: _Cues) -> str | None:
    """The cell whose cue ends the clause after scope words only; the longest cue wins."""
    for length in cues.lengths:
        cell_id = cues.cues.get(clause[-length:]) if length <= len(clause) else None
        if cell_id is not None:
            # Only the longest cue counts: 主要负责同志参加…访谈, not …访谈 alone.
            return cell_id if cues.scope_re.fullmatch(clause[:-length]) else None
    return None


def _strip_connector(clause: str, connectors: tuple[str, ...]) -> str:
    """Drop one connector (为, 达到, 共…) between the cue and the number."""
    for connector in connectors:
        if clause.endswith(connector):
            return clause[: -len(connector)]
    return clause


def _cell(  # noqa: PLR0913 - a figure is its clause plus its provenance
    cell_id: str, line: Line, begin: int, match: re.Match[str], cues: _Cues, *, locate: Locate
) -> Cell | None:
    quantity = parse_value(line.text[begin : match.end()])
    unit = cues.units[cell_id]
    if quantity is None or quantity.is_missing or not _units_agree(cues, unit, quantity.unit):
        return None
    return Cell.from_quantity(
        cell_id,
        quantity,
        unit=unit,
        raw=line.raw[begin : match.end()],
        line=line.number,
        column=begin + 1,
        origin=Origin.PROSE,
        label=line.raw[max(0, begin - 20) : begin].strip(),
        place=locate(line.number, begin + 1),
    )


def read_prose(
    lines: Iterable[Line], table_lines: Iterable[range], locate: Locate = nowhere
) -> tuple[Cell, ...]:
    """Prose figures tied to catalogue cells, from lines outside the tables."""
    cues = _cues()
    spans = list(table_lines)
    found: list[Cell] = []
    for line in lines:
        if line.kind is not LineKind.TEXT or any(line.number in span for span in spans):
            continue
        found.extend(_figures(line, cues, locate))
    return tuple(found)
