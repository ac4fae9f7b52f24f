"""The indicator catalogue: every template, cell id, label, unit and invariant.

Loaded once from the package data ``govinfo/catalogue/catalogue.json`` (the project's
copy of the spec's contract), beside ``prose.json`` (how prose restates cells).
Everything that knows a label, an alias, a unit or a rule reads it from here.
A base module: it may import only :mod:`govinfo.errors` and :mod:`govinfo.folding`.
"""

from __future__ import annotations

import enum
import functools
import json
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from govinfo.errors import CatalogueError
from govinfo.folding import key

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "Catalogue",
    "CellSpec",
    "CrossYearRules",
    "Indicator",
    "Invariant",
    "Kind",
    "SectionSpec",
    "Template",
    "UnitRules",
    "load_catalogue",
]


class Kind(enum.StrEnum):
    """Row kinds of catalogue §1.2."""

    HEADER = "H"
    VALUE = "V"
    PART = "W"
    GROUP = "G"
    NOTE = "N"

    @property
    def is_numeric(self) -> bool:
        """True for the kinds that carry a number by design (V and W)."""
        return self in {Kind.VALUE, Kind.PART}


@attrs.frozen(kw_only=True)
class Template:
    """A statistics-table template (``old-2018``, ``new-2021``, …)."""

    id: str
    family: str
    name: str
    cues: tuple[str, ...]


@attrs.frozen(kw_only=True)
class CellSpec:
    """One catalogue entry: a row of an old table or a cell of a new one."""

    id: str
    ordinal: str
    label: str
    aliases: tuple[str, ...]
    unit: str
    kind: Kind
    parent: str | None
    templates: frozenset[str]
    row: str | None = None
    column: str | None = None
    signed: bool = False
    ordinal_variants: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    label_variants: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    note: str = ""

    def label_for(self, template: str) -> str:
        """The label ``template`` prints for this row."""
        return self.label_variants.get(template, self.label)

    def ordinal_for(self, template: str) -> str:
        """The ordinal ``template`` prints for this row."""
        return self.ordinal_variants.get(template, self.ordinal)

    @property
    def family(self) -> str:
        """``old`` or ``new``: the first segment of the id."""
        return self.id.partition(".")[0]


@attrs.frozen(kw_only=True)
class Invariant:
    """A rule of the catalogue (§4), and the project's rules added after the spec's.

    ``kind`` says what a rule reads: ``arithmetic`` rules are formulas over cell
    ids (the spec's O and N rules); ``report`` rules read the report's parts and
    prose (R), ``value`` rules the form of each value (V), ``table`` rules
    whether a template's tables are there (T). ``cls`` sets a finding's
    severity: EQ, LE and HARD break as errors, SOFT as warnings, NOTE as info;
    INFO rules never give a finding. ``rule`` is the statement in English,
    ``rule_zh`` in Chinese; ``data`` holds a rule's own facts (R2's ``years``).
    """

    id: str
    rule: str
    formula: str
    cls: str
    templates: frozenset[str]
    kind: str = "arithmetic"
    rule_zh: str = ""
    for_each: Mapping[str, Any] = attrs.field(factory=dict, eq=False)
    condition: str = ""
    seeds: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict, eq=False)
    evidence: str = ""
    data: Mapping[str, Any] = attrs.field(factory=dict, eq=False)

    def statement(self, lang: str = "zh") -> str:
        """The rule in one sentence: in Chinese when asked and written, else English."""
        return self.rule_zh if lang == "zh" and self.rule_zh else self.rule


@attrs.frozen(kw_only=True)
class SectionSpec:
    """A part of the 2019/2021 report (templates.md §1.2): ``一``, ``总体情况``.

    ``cues`` are words a heading of this part contains (variants seen in real
    reports); ``tables`` the id prefixes of the cells of the table printed in it.
    """

    ordinal: str
    title: str
    cues: tuple[str, ...]
    tables: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class UnitRules:
    """What units say about values (catalogue ``units``).

    ``compatible``: groups of units that count the same things (篇/条/件);
    ``convertible``: pairs with a fixed ratio (元 and 万元); ``counts``: units of
    whole, non-negative counts; ``decimals``: the decimals an amount's unit
    allows; ``amounts``: cells without a unit that hold money, not a count.
    """

    compatible: tuple[frozenset[str], ...]
    convertible: tuple[frozenset[str], ...]
    counts: frozenset[str]
    decimals: Mapping[str, int]
    amounts: frozenset[str]

    def agree(self, unit: str, written: str) -> bool:
        """Whether ``written`` means the row's ``unit`` (the same, compatible or convertible)."""
        if not written or written == unit:
            return True
        pair = {unit, written}
        if any(pair <= group for group in (*self.compatible, *self.convertible)):
            return True
        # A cell without a unit of its own counts in any counting unit.
        return not unit and written in self.counts

    def is_count(self, cell_id: str, unit: str) -> bool:
        """Whether a cell counts things (whole and not negative)."""
        return unit in self.counts or (not unit and cell_id not in self.amounts)


@attrs.frozen(kw_only=True)
class Indicator:
    """A harmonised indicator: one meaning across the old, 2019 and 2021 tables.

    ``cells`` maps a template id or a template family (``old``, ``new``) to the
    cell ids whose sum is the indicator in that template; a template id wins over
    its family. A template absent from the mapping does not carry the indicator.
    """

    id: str
    label: str
    unit: str
    meaning: str
    cells: Mapping[str, tuple[str, ...]] = attrs.field(eq=False)

    def cells_for(self, template: Template) -> tuple[str, ...]:
        """The cell ids adding up to the indicator in ``template`` (empty: not carried)."""
        return self.cells.get(template.id, self.cells.get(template.family, ()))


@attrs.frozen(kw_only=True)
class CrossYearRules:
    """Thresholds of the cross-year checks that are not arithmetic invariants.

    Attributes:
        copied_min_cells: copied figures are judged only when at least this many
            non-zero figures are printed in both years.
        copied_share: share of those figures equal to last year's from which a
            table is reported as copied.
        repeated_share: share of a section's prose (in characters) repeated from
            last year's report above which the section is reported.
        sentence_min_chars: shorter sentences are not compared.
    """

    copied_min_cells: int = 10
    copied_share: float = 0.8
    repeated_share: float = 0.5
    sentence_min_chars: int = 8


# Hashed once: per-label lookups are cached with the catalogue as part of the key.
@attrs.frozen(kw_only=True, cache_hash=True)
class Catalogue:
    """Templates, cells and invariants, with the lookups the parser needs."""

    templates: tuple[Template, ...]
    cells: tuple[CellSpec, ...]
    invariants: tuple[Invariant, ...]
    #: The parts of a 2019/2021 report, in order.
    sections: tuple[SectionSpec, ...] = attrs.field(eq=False)
    unit_rules: UnitRules = attrs.field(eq=False)
    by_id: Mapping[str, CellSpec] = attrs.field(eq=False)
    #: Label key (folded, no spaces or quotes) → ids of the old-table rows printing it.
    labels: Mapping[str, tuple[str, ...]] = attrs.field(eq=False)
    #: Keys of the notes (kind N) printed inside tables.
    note_keys: tuple[str, ...] = attrs.field(eq=False)
    #: Units printed in unit columns.
    units: frozenset[str] = attrs.field(eq=False)
    #: Indicators with one meaning across templates (the ``harmonised`` section).
    indicators: tuple[Indicator, ...] = attrs.field(default=(), eq=False)
    #: Thresholds of the cross-year checks (the ``crossyear`` section).
    crossyear: CrossYearRules = attrs.field(factory=CrossYearRules, eq=False)
    #: Rule id → rule (asked for every rule of every report checked).
    rules_by_id: Mapping[str, Invariant] = attrs.field(
        eq=False,
        default=attrs.Factory(
            lambda self: MappingProxyType({i.id: i for i in self.invariants}), takes_self=True
        ),
    )

    #: Template id → the cells it carries (asked of every report read and checked).
    cells_by_template: Mapping[str, tuple[CellSpec, ...]] = attrs.field(
        eq=False,
        default=attrs.Factory(
            lambda self: MappingProxyType(
                {t.id: tuple(c for c in self.cells if t.id in c.templates) for t in self.templates}
            ),
            takes_self=True,
        ),
    )

    def template(self, template_id: str) -> Template:
        """The template with this id."""
        for template in self.templates:
            if template.id == template_id:
                return template
        raise CatalogueError(f"unknown template {template_id!r}")

    def invariant(self, rule_id: str) -> Invariant:
        """The rule with this id."""
        found = self.rules_by_id.get(rule_id)
        if found is None:
            raise CatalogueError(f"unknown rule {rule_id!r}")
        return found

    def cells_of(self, template_id: str) -> tuple[CellSpec, ...]:
        """The entries a template carries, in catalogue order."""
        found = self.cells_by_template.get(template_id)
        return (
            tuple(c for c in self.cells if template_id in c.templates) if found is None else found
        )

    def root(self, cell_id: str) -> str:
        """The top-level ancestor of a cell (itself when it has no parent)."""
        spec = self.by_id[cell_id]
        while spec.parent is not None:
            spec = self.by_id[spec.parent]
        return spec.id


def _cell(raw: Mapping[str, Any]) -> CellSpec:
    return CellSpec(
        id=raw["id"],
        ordinal=raw.get("ordinal", ""),
        label=raw["label"],
        aliases=tuple(raw.get("aliases", ())),
        unit=raw.get("unit", ""),
        kind=Kind(raw["kind"]),
        parent=raw.get("parent"),
        templates=frozenset(raw["templates"]),
        row=raw.get("row"),
        column=raw.get("column"),
        signed=bool(raw.get("signed", False)),
        ordinal_variants=MappingProxyType(dict(raw.get("ordinal_variants", {}))),
        label_variants=MappingProxyType(dict(raw.get("label_variants", {}))),
        note=raw.get("note", ""),
    )


_INVARIANT_FIELDS = frozenset(
    {"id", "kind", "rule", "rule_zh", "formula", "class", "templates", "for_each"}
    | {"condition", "seeds", "evidence"}
)


def _invariant(raw: Mapping[str, Any]) -> Invariant:
    return Invariant(
        id=raw["id"],
        rule=raw["rule"],
        formula=raw["formula"],
        cls=raw["class"],
        templates=frozenset(raw["templates"]),
        kind=raw.get("kind", "arithmetic"),
        rule_zh=raw.get("rule_zh", ""),
        for_each=MappingProxyType(dict(raw.get("for_each", {}))),
        condition=raw.get("condition", ""),
        seeds=MappingProxyType(dict(raw.get("seeds", {}))),
        evidence=raw.get("evidence", ""),
        data=MappingProxyType({k: v for k, v in raw.items() if k not in _INVARIANT_FIELDS}),
    )


def _sections(raw: Sequence[Mapping[str, Any]]) -> tuple[SectionSpec, ...]:
    return tuple(
        SectionSpec(
            ordinal=s["ordinal"],
            title=s["title"],
            cues=tuple(s["cues"]),
            tables=tuple(s.get("tables", ())),
        )
        for s in raw
    )


def _unit_rules(raw: Mapping[str, Any]) -> UnitRules:
    return UnitRules(
        compatible=tuple(frozenset(group) for group in raw.get("compatible", ())),
        convertible=tuple(frozenset(pair) for pair in raw.get("convertible", ())),
        counts=frozenset(raw.get("counts", ())),
        decimals=MappingProxyType(dict(raw.get("decimals", {}))),
        amounts=frozenset(raw.get("amounts", ())),
    )


def _indicator(raw: Mapping[str, Any]) -> Indicator:
    return Indicator(
        id=raw["id"],
        label=raw["label"],
        unit=raw.get("unit", ""),
        meaning=raw["meaning"],
        cells=MappingProxyType({k: tuple(v) for k, v in raw["cells"].items()}),
    )


def _crossyear(raw: Mapping[str, Any]) -> CrossYearRules:
    copied = raw.get("copied_figures", {})
    repeated = raw.get("repeated_prose", {})
    defaults = CrossYearRules()
    return CrossYearRules(
        copied_min_cells=int(copied.get("min_cells", defaults.copied_min_cells)),
        copied_share=float(copied.get("share", defaults.copied_share)),
        repeated_share=float(repeated.get("share", defaults.repeated_share)),
        sentence_min_chars=int(repeated.get("min_chars", defaults.sentence_min_chars)),
    )


def build_catalogue(data: Mapping[str, Any]) -> Catalogue:
    """Build a :class:`Catalogue` from the parsed JSON document."""
    try:
        templates = tuple(
            Template(id=t["id"], family=t["family"], name=t["name"], cues=tuple(t["cues"]))
            for t in data["templates"]
        )
        cells = tuple(_cell(c) for c in data["cells"])
        invariants = tuple(_invariant(i) for i in data["invariants"])
        sections = _sections(data.get("sections", ()))
        unit_rules = _unit_rules(data.get("units", {}))
        indicators = tuple(_indicator(i) for i in data.get("harmonised", ()))
        crossyear = _crossyear(data.get("crossyear", {}))
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogueError(f"malformed catalogue: {exc!r}") from exc
    by_id = {c.id: c for c in cells}
    if len(by_id) != len(cells):
        raise CatalogueError("duplicate cell ids in the catalogue")
    unknown = sorted(
        {i for indicator in indicators for ids in indicator.cells.values() for i in ids}
        - by_id.keys()
    )
    if unknown:
        raise CatalogueError(f"harmonised indicators name unknown cells: {unknown}")
    labels: dict[str, list[str]] = {}
    for cell in cells:
        # 2D cells of the new tables are matched by row and column, not by label.
        if cell.row is not None or cell.kind is Kind.NOTE:
            continue
        for label in (cell.label, *cell.aliases):
            ids = labels.setdefault(key(label), [])
            if cell.id not in ids:
                ids.append(cell.id)
    return Catalogue(
        templates=templates,
        cells=cells,
        invariants=invariants,
        sections=sections,
        unit_rules=unit_rules,
        by_id=MappingProxyType(by_id),
        labels=MappingProxyType({k: tuple(v) for k, v in labels.items()}),
        note_keys=tuple(key(c.label) for c in cells if c.kind is Kind.NOTE),
        units=frozenset(c.unit for c in cells if c.unit),
        indicators=indicators,
        crossyear=crossyear,
    )


@functools.cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped with govinfo (loaded once per process)."""
    text = resources.files("govinfo.catalogue").joinpath("catalogue.json").read_text("utf-8")
    return build_catalogue(json.loads(text))
