"""Which catalogue row each printed row of an old 统计表 is.

Labels are compared by key (:func:`govinfo.folding.key`) after removing the
ordinal, ``其中：`` and the notes of kind N (catalogue §1.4). A label that
equals a catalogue label or alias matches; so does one that adds a trailing
parenthetical, which is kept as the cell's annotation. Labels that several rows
share (``被依法纠错数`` under 四、 and 五、) are told apart by the section they are
printed in. Wrapped labels are joined when the join matches and the parts do
not. Rows whose label matches nothing are placed by their place in the
template's row order and their likeness (:mod:`govinfo.tables.align`), or left
unmatched.

All of this depends on a table's labels, hierarchy and cell types only, never on
its numbers, and the tables of one template and layout print the same ones in
every report: :func:`decide` is cached by them (:func:`table_key`). Which cells
hold values (rather than blanks or units) matters only to rows placed by their
place, so it is left out of the key unless a label matches nothing.
"""

from __future__ import annotations

import functools
import itertools
import operator
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import Kind
from govinfo.folding import key
from govinfo.tables.align import Expected, Printed, align
from govinfo.tables.old.lexer import CellToken
from govinfo.tables.old.transform import PrintedRow

if TYPE_CHECKING:
    from govinfo.catalogue import Catalogue, CellSpec
    from govinfo.tables.old.transform import PrintedTable

__all__ = [
    "Decisions",
    "Match",
    "Matcher",
    "RowKey",
    "continued",
    "decide",
    "join_wrapped",
    "place_by_likeness",
    "split_notes",
    "table_key",
]


@attrs.frozen
class Match:
    """The catalogue row a printed row is, with the parenthetical its label adds."""

    spec: CellSpec
    annotation: str
    #: Found by its place and likeness (govinfo.tables.align), not by its exact label.
    inexact: bool = False


# A label wraps over at most this many further lines.
_MAX_WRAP = 4
# Row kinds that are template rows (headers, values, parts); notes and groups are not.
_ROW_KINDS = frozenset({Kind.HEADER, Kind.VALUE, Kind.PART})


@functools.cache
def _expected(catalogue: Catalogue) -> tuple[tuple[Expected, ...], dict[str, int]]:
    """The old tables' rows in printed (catalogue) order, with every label they print."""
    rows = [c for c in catalogue.cells if c.family == "old" and c.kind in _ROW_KINDS]
    expected = tuple(
        Expected(
            c.id,
            tuple({key(t) for t in (c.label, *c.aliases, *c.label_variants.values())}),
            key(c.ordinal),
        )
        for c in rows
    )
    return expected, {c.id: i for i, c in enumerate(rows)}


class Matcher:
    """Label lookup against the catalogue, with the section a row is printed in."""

    def __init__(self, catalogue: Catalogue) -> None:
        """A matcher over ``catalogue``'s labels and aliases."""
        self.catalogue = catalogue
        # A row's label is looked up several times (notes, wrapped labels, its match).
        self._keys: dict[str, str] = {}

    def label_key(self, label: str) -> str:
        """A label's key without the notes of kind N (``（不含…）`` and the like)."""
        found = self._keys.get(label)
        if found is None:
            found = key(label)
            for note in self.catalogue.note_keys:
                if note in found:
                    found = found.replace(note, "")
            self._keys[label] = found
        return found

    def candidates(self, label: str) -> tuple[tuple[str, ...], str]:
        """The cell ids a label names, and the parenthetical it adds (``""``: none)."""
        text = self.label_key(label)
        ids = self.catalogue.labels.get(text)
        if ids:
            return ids, ""
        # A local parenthetical after a known label: `政府网站在线访谈次数（…）`.
        base = text
        while base.endswith(")"):
            depth, cut = 0, -1
            for index in range(len(base) - 1, -1, -1):
                depth += {")": 1, "(": -1}.get(base[index], 0)
                if depth == 0:
                    cut = index
                    break
            if cut <= 0:
                break
            base = base[:cut]
            ids = self.catalogue.labels.get(base)
            if ids:
                return ids, text[len(base) :]
        return (), ""

    def known(self, label: str) -> bool:
        """Whether a label names some catalogue row."""
        return bool(self.candidates(label)[0])

    def match(self, row: PrintedRow, section_id: str | None) -> Match | None:
        """The row's match by its label, told apart by its section; ``None``: no label fits."""
        ids, annotation = self.candidates(row.label + continued(row))
        if not ids:
            return None
        if len(ids) > 1:
            ids = self._disambiguate(ids, row, section_id)
        return Match(self.catalogue.by_id[ids[0]], annotation)

    def _disambiguate(
        self, ids: tuple[str, ...], row: PrintedRow, section_id: str | None
    ) -> tuple[str, ...]:
        if section_id is not None:
            root = self.catalogue.root(section_id)
            in_section = tuple(i for i in ids if self.catalogue.root(i) == root)
            if in_section:
                ids = in_section
        ordinal = key(row.ordinal)
        if len(ids) > 1 and ordinal:
            by_ordinal = tuple(
                i
                for i in ids
                if ordinal
                in {key(self.catalogue.by_id[i].ordinal)}
                | {key(o) for o in self.catalogue.by_id[i].ordinal_variants.values()}
            )
            ids = by_ordinal or ids
        return ids


def continued(row: PrintedRow) -> str:
    """The text of a row's label on the lines it wrapped onto."""
    return "".join(text for _, text in row.continuations)


def split_notes(row: PrintedRow) -> None:
    """Drop notes from a row's cells.

    A note before the cells continues the label; a note after them starts a
    note row whose own (empty) cells go with it.
    """
    cells: list[CellToken] = []
    for token in row.cells:
        if token.type == "NOTE":
            if cells:
                break
            continue
        cells.append(token)
    row.cells = cells


def join_wrapped(rows: list[PrintedRow], matcher: Matcher) -> list[PrintedRow]:
    """Join label lines wrapped over two lines (`…建设维` / `护等方面的经费)`).

    At most four more lines join one label (``_MAX_WRAP``), so the work stays linear
    whatever the number of label-only lines.
    """
    out: list[PrintedRow] = []
    moved: dict[int, PrintedRow] = {}
    for row in rows:
        prev = out[-1] if out else None
        wrappable = prev is not None and not prev.cells and row.kind == "PLAIN"
        if prev is not None and wrappable and len(prev.continuations) < _MAX_WRAP:
            joined = prev.label + continued(prev) + row.label
            prev_known = matcher.known(prev.label + continued(prev))
            if matcher.known(joined) or (not prev_known and not matcher.known(row.label)):
                prev.continuations.append((row.line, row.label))
                prev.cells = row.cells
                moved[id(row)] = prev
                continue
        out.append(row)
    if moved:
        for row in out:
            while row.parent is not None and id(row.parent) in moved:
                row.parent = moved[id(row.parent)]
    return out


def place_by_likeness(
    decided: list[tuple[PrintedRow, Match | None]], matcher: Matcher, row_ids: dict[int, str]
) -> None:
    """Rows with values whose label matched nothing: placed by their place and likeness.

    ``decided`` is updated in place (a placed row gets an inexact :class:`Match`), and
    ``row_ids`` records each placed row's cell id.
    """
    if all(found is not None for _, found in decided):
        return  # every row's label matched: nothing to place by likeness
    catalogue = matcher.catalogue
    expected, index = _expected(catalogue)
    printed: list[Printed] = []
    for row, found in decided:
        exact = (index[found.spec.id],) if found and found.spec.id in index else ()
        has_value = any(t.type == "VALUE" for t in row.cells)
        label = matcher.label_key(row.label + continued(row))
        printed.append(Printed(label if has_value or exact else "", key(row.ordinal), exact))
    for at, match in enumerate(align(printed, expected)):
        row, found = decided[at]
        if found is None and match.index is not None:
            spec = catalogue.by_id[expected[match.index].id]
            decided[at] = (row, Match(spec, "", inexact=True))
            row_ids[id(row)] = spec.id


#: A printed row as the matcher sees it (kind, ordinal, label, the position in its
#: table of the row it is printed under or -1, and its cells' types; see
#: :func:`table_key`).
RowKey = tuple[str, str, str, int, tuple[str, ...]]


@attrs.frozen
class Decisions:
    """What the matcher makes of one printed table, rows given by their position."""

    #: Rows whose cells hold notes (to split off, :func:`split_notes`).
    noted: tuple[int, ...]
    #: Each row that took the label lines wrapped below it, with those rows.
    joins: tuple[tuple[int, tuple[int, ...]], ...]
    #: Each row whose printed parent was joined into another row, with its new parent (-1
    #: for none).
    parents: tuple[tuple[int, int], ...]
    #: The rows to read, in order, with their match (``None`` when no label fits).
    rows: tuple[tuple[int, Match | None], ...]
    #: Keys of every row's label as printed (wrapped lines joined), for the template's cues.
    printed: frozenset[str] = frozenset()
    #: Some label matches nothing and the key left out which cells hold values, so
    #: decide again with them (``decide(catalogue, table_key(table, values=True), True)``).
    needs_values: bool = False


def table_key(table: PrintedTable, *, values: bool = False) -> tuple[RowKey, ...]:
    """What :func:`decide` reads of a table's rows (before notes are split off).

    Cells are told apart as notes or not, and as values or not only with ``values``.
    """
    # Read with C-level maps: a key is made for every table of every report.
    rows = table.rows
    kinds = (_VALUE_OR_NOT if values else _NOTE_OR_NOT).get
    types = [tuple(map(kinds, map(_TYPE, row.cells), _OTHER)) for row in rows]
    return tuple(
        zip(
            map(_KIND, rows),
            map(_ORDINAL, rows),
            map(_LABEL, rows),
            table.parents,
            types,
            strict=True,
        )
    )


_KIND = operator.attrgetter("kind")
_ORDINAL = operator.attrgetter("ordinal")
_LABEL = operator.attrgetter("label")
_TYPE = operator.itemgetter(0)
# The type of a cell that is neither a note nor (with values) a value.
_OTHER = itertools.repeat("")
_NOTE_OR_NOT = {"NOTE": "NOTE"}
_VALUE_OR_NOT = {"NOTE": "NOTE", "VALUE": "VALUE"}


# Tables of one template and layout repeat across reports; a table's key holds
# about a hundred short rows, so 512 tables take a few MB.
@functools.lru_cache(maxsize=512)
def decide(catalogue: Catalogue, rows: tuple[RowKey, ...], values: bool = False) -> Decisions:  # noqa: FBT001, FBT002
    """Notes, wrapped labels, each row's match: exact labels first, then by place.

    Made on rows built from the key alone (a row's line is its position), so the
    decisions depend on nothing else.
    """
    printed: list[PrintedRow] = []
    for at, (kind, ordinal, label, parent, types) in enumerate(rows):
        cells = [CellToken(kind_, "", at, 0) for kind_ in types]
        row = PrintedRow(kind=kind, ordinal=ordinal, label=label, line=at, column=0, cells=cells)
        row.parent = printed[parent] if parent >= 0 else None
        printed.append(row)
    printed_parents = [row.parent for row in printed]
    for row in printed:
        split_notes(row)
    matcher = Matcher(catalogue)
    row_ids: dict[int, str] = {}
    decided: list[tuple[PrintedRow, Match | None]] = []
    for row in join_wrapped(printed, matcher):
        if not row.continuations and not matcher.label_key(row.label):
            continue  # a note standing as a row of its own
        if row.continuations and not matcher.label_key(row.label + continued(row)):
            continue
        section = row.section
        section_id = row_ids.get(id(section)) if section is not None else None
        found = matcher.match(row, section_id)
        if found is not None:
            row_ids[id(row)] = found.spec.id
        decided.append((row, found))
    if not values and not all(found is not None for _, found in decided):
        # Placing by likeness reads which rows hold values; this key does not say.
        return Decisions(noted=(), joins=(), parents=(), rows=(), needs_values=True)
    place_by_likeness(decided, matcher, row_ids)
    return Decisions(
        noted=tuple(at for at, (*_, types) in enumerate(rows) if "NOTE" in types),
        joins=tuple(
            (row.line, tuple(line for line, _ in row.continuations))
            for row in printed
            if row.continuations
        ),
        parents=tuple(
            (row.line, -1 if row.parent is None else row.parent.line)
            for row, was in zip(printed, printed_parents, strict=True)
            if row.parent is not was
        ),
        rows=tuple((row.line, found) for row, found in decided),
        printed=frozenset(key(row.ordinal + row.label + continued(row)) for row in printed),
    )
