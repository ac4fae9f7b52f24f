"""Prose subjects: what a figure of the report's prose can restate (``prose.json``).

A prose figure is filed under a *subject*: a catalogue cell (``old.req.received``,
``new.req.granted.total``), a group's column sum (``new.req.denied.total``: the
八 不予公开 rows' 总计 cells; ``new.suit.total``: both lawsuit groups' 总计), or
a subject named in ``prose.json`` with its readings (``new.req.accepted.total``,
applications 受理, reads as 本年新收 or as 本年新收 + 上年结转; a reading written for
``new.req.accepted.{col}`` holds for each column), or a column group of a row
(``new.req.received.legal_person``: the five columns under 法人或其他组织). The prose reader
(:mod:`govinfo.text.prose`) finds figures by their cues; the checks (O17, N13)
compare each with the cells of its readings. Both read this module, so a cue and
the cells it stands for have one home.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from govinfo.catalogue import CellSpec, Kind, load_catalogue
from govinfo.folding import key

if TYPE_CHECKING:
    from collections.abc import Container, Mapping

__all__ = [
    "Phrasings",
    "family_templates",
    "load_phrasings",
    "phrasing_data",
    "readings",
    "subject_label",
    "subject_unit",
    "total_parts",
]

# A catalogue label stands for its row with or without these tails (收到申请数 → 收到申请).
_LABEL_TAILS = ("总次数", "次数", "总数", "数量", "数")


@functools.cache
def phrasing_data() -> Mapping[str, Any]:
    """``prose.json`` as parsed (read once per process)."""
    text = resources.files("govinfo.catalogue").joinpath("prose.json").read_text("utf-8")
    data: Mapping[str, Any] = json.loads(text)
    return data


@attrs.frozen(kw_only=True)
class Phrasings:
    """The cues of one template family, ready for the prose reader.

    ``cues`` maps a cue (key form) to the subjects it may name, the first whose
    unit agrees with the figure's winning; ``follow`` maps a topic prefix to cue →
    subject; ``parts`` names a column of a topic in ``part_topics``; ``items`` a
    row in the column of a topic in ``item_topics``.
    """

    family: str
    cues: Mapping[str, tuple[str, ...]]
    follow: Mapping[str, Mapping[str, str]]
    part_topics: frozenset[str]
    parts: Mapping[str, str]
    item_topics: frozenset[str]
    items: Mapping[str, str]


def family_templates(family: str) -> frozenset[str]:
    """The templates of a family (``old`` or ``new``)."""
    return frozenset(t.id for t in load_catalogue().templates if t.family == family)


def _label_forms(label: str) -> set[str]:
    label_key = key(label)
    return {label_key} | {
        label_key[: -len(tail)] for tail in _LABEL_TAILS if label_key.endswith(tail)
    }


def _old_cues() -> dict[str, list[str]]:
    catalogue = load_catalogue()
    cues: dict[str, list[str]] = {}
    for spec in catalogue.cells:
        if spec.family != "old" or not spec.kind.is_numeric:
            continue
        for label in (spec.label, *spec.aliases):
            # A label several rows share needs a section, which prose lacks.
            if len(catalogue.labels.get(key(label), ())) == 1:
                for form in _label_forms(label):
                    cues.setdefault(form, [spec.id])
    return cues


def _new_cues(generic: frozenset[str]) -> dict[str, list[str]]:
    """Table 三's rows (their 总计 cells) and the groups of tables 三 and 四, by label."""
    catalogue = load_catalogue()
    cues: dict[str, list[str]] = {}
    for spec in catalogue.cells:
        if spec.family != "new" or not spec.id.startswith(("new.req", "new.review", "new.suit")):
            continue
        if spec.kind is Kind.GROUP:
            labels = (spec.label, *spec.aliases)
            subject = f"{spec.id}.total"
        elif spec.column == "total" and spec.row is not None:
            labels = tuple(text.rpartition(" / ")[0] for text in (spec.label, *spec.aliases))
            subject = spec.id
        else:
            continue
        for label in labels:
            if label.rpartition(" / ")[2] in generic:
                continue
            for form in _label_forms(label.rpartition(" / ")[2]):
                ids = cues.setdefault(form, [])
                if subject not in ids:
                    ids.append(subject)
    return cues


@functools.cache
def load_phrasings(family: str) -> Phrasings:
    """The cues of the ``old`` or ``new`` family (built once per process)."""
    data = phrasing_data()
    section = data[family]
    if family == "old":
        cues = _old_cues()
        extra = section["aliases"]
    else:
        cues = _new_cues(frozenset(data["generic_labels"]))
        extra = section["subjects"]
    for subject, aliases in extra.items():
        for alias in aliases:
            ids = cues.setdefault(key(alias), [])
            if subject not in ids:
                ids.append(subject)
    return Phrasings(
        family=family,
        cues=MappingProxyType({cue: tuple(ids) for cue, ids in cues.items()}),
        follow=MappingProxyType(
            {prefix: MappingProxyType(_keyed(c)) for prefix, c in section["follow"].items()}
        ),
        part_topics=frozenset(section["parts"]["of"]),
        parts=MappingProxyType(_keyed(section["parts"]["cues"])),
        item_topics=frozenset(section["items"]["of"]),
        items=MappingProxyType(_keyed(section["items"]["cues"])),
    )


def _keyed(mapping: Mapping[str, str]) -> dict[str, str]:
    """Cues in key form, each also with the 数 that labels end with (被依法纠错数)."""
    keyed = {key(cue): value for cue, value in mapping.items()}
    return keyed | {cue + "数": value for cue, value in keyed.items()}


def _descends(spec: CellSpec, group: str) -> bool:
    by_id = load_catalogue().by_id
    parent = spec.parent
    while parent is not None:
        if parent == group:
            return True
        parent = by_id[parent].parent
    return False


@functools.cache
def _expansion(cell_id: str, template: str) -> tuple[str, ...]:
    """The cells of ``template`` a cell id or a group's column sum stands for."""
    catalogue = load_catalogue()
    spec = catalogue.by_id.get(cell_id)
    if spec is not None and spec.kind.is_numeric and template in spec.templates:
        return (cell_id,)
    # Not a cell of the template: a group's column sum (new.req.other is a value
    # row in 2019 and a group in 2021), or nothing.
    group, _, column = cell_id.rpartition(".")
    members = _column_groups(cell_id.partition(".")[0]).get(column)
    if members is not None:
        # A column group (法人或其他组织): every member column of the row, or nothing.
        found = [_expansion(f"{group}.{member}", template) for member in members["of"]]
        return () if not all(found) else tuple(c for cells in found for c in cells)
    group_spec = catalogue.by_id.get(group)
    if group_spec is None or group_spec.kind is not Kind.GROUP:
        return ()
    return tuple(
        c.id
        for c in catalogue.cells_of(template)
        if c.kind.is_numeric and c.column == column and _descends(c, group)
    )


_TERM_RE = re.compile(r"\s*\+\s*")


def _column_groups(family: str) -> Mapping[str, Mapping[str, Any]]:
    """Column groups of a family's tables (``legal_person``: the five columns under it)."""
    groups: Mapping[str, Mapping[str, Any]] = phrasing_data().get(family, {}).get("columns", {})
    return groups


def _named_readings(subject: str) -> list[str] | None:
    """The readings ``prose.json`` gives a subject, by its id or its row with ``{col}``."""
    family = subject.partition(".")[0]
    named: Mapping[str, list[str]] = phrasing_data().get(family, {}).get("readings", {})
    if subject in named:
        return named[subject]
    row, _, column = subject.rpartition(".")
    templated = named.get(f"{row}.{{col}}")
    return None if templated is None else [f.replace("{col}", column) for f in templated]


def readings(
    subject: str, template: str, printed: Container[str] = ()
) -> tuple[tuple[str, ...], ...]:
    """The sums of cells a subject can mean in ``template``, the likeliest first.

    A cell ``printed`` by the report stands for itself even when its template
    does not carry it (a hybrid's 2019 row （六）其他处理 in a 2021 table). A
    reading with a term that the template cannot show is dropped; ``()`` when
    the subject means nothing in the template.
    """
    named = _named_readings(subject)
    found: list[tuple[str, ...]] = []
    for formula in named or [subject]:
        cells: list[str] = []
        for term in _TERM_RE.split(formula.strip()):
            expanded = (term,) if term in printed else _expansion(term, template)
            if not expanded:
                break
            cells.extend(expanded)
        else:
            found.append(tuple(cells))
    return tuple(found)


@functools.cache
def total_parts(cell_id: str, template: str) -> tuple[str, ...]:
    """The other cells of a 总计 cell's row (N3, N5): what a blank total adds up from."""
    spec = load_catalogue().by_id.get(cell_id)
    if spec is None or spec.column != "total" or spec.row is None:
        return ()
    return tuple(
        c.id
        for c in load_catalogue().cells_of(template)
        if c.row == spec.row and c.column != "total" and c.kind.is_numeric
    )


def subject_unit(subject: str, template: str | None) -> str:
    """The unit a subject is counted in (its first cell's)."""
    catalogue = load_catalogue()
    family = subject.partition(".")[0]
    for name in sorted(family_templates(family)) if template is None else [template]:
        for reading in readings(subject, name):
            return catalogue.by_id[reading[0]].unit
    return ""


def subject_label(subject: str, template: str | None) -> str:
    """A subject's label: the catalogue's, a row's with its column, or its first cue.

    A row is a group's (``不予公开 / 总计``) or a subject's (``受理政府信息公开申请 / 自然人``).
    """
    catalogue = load_catalogue()
    spec = catalogue.by_id.get(subject)
    if spec is not None:
        return spec.label_for(template or "")
    group, _, column = subject.rpartition(".")
    family = subject.partition(".")[0]
    column_group = _column_groups(family).get(column)
    header = (
        str(column_group["label"])
        if column_group is not None
        else next(
            (c.label.rpartition(" / ")[2] for c in catalogue.cells if c.column == column), column
        )
    )
    group_spec = catalogue.by_id.get(group)
    if group_spec is not None:
        return f"{group_spec.label} / {header}"
    subjects = phrasing_data().get(family, {}).get("subjects", {})
    if subject not in subjects and f"{group}.total" in subjects:
        # A column of a subject's row (受理政府信息公开申请 / 自然人).
        return f"{subjects[f'{group}.total'][0]} / {header}"
    cues = subjects.get(subject, [subject])
    return str(cues[0])
