"""Printed rows → catalogue cells: labels to ids, cells to units and values.

Labels are compared by key (:func:`govinfo.folding.key`) after removing the
ordinal, ``其中：`` and the notes of kind N (catalogue §1.4). A label that
equals a catalogue label or alias matches; so does one that adds a trailing
parenthetical, which is kept as the cell's annotation. Labels that several rows
share (``被依法纠错数`` under 四、 and 五、) are told apart by the section they are
printed in. Wrapped labels are joined when the join matches and the parts do
not. Rows that match nothing are kept raw.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import Kind
from govinfo.folding import key
from govinfo.models import Cell, Diagnostic, UnknownRow, nowhere
from govinfo.tables.align import Expected, Printed, align
from govinfo.tables.detect import detect_old
from govinfo.tables.reading import TableReading
from govinfo.values import PLACEHOLDERS, Qualifier, Quantity, in_unit, parse_value

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.catalogue import Catalogue, CellSpec
    from govinfo.models import Locate
    from govinfo.tables.old.lexer import CellToken
    from govinfo.tables.old.transform import PrintedRow, PrintedTable
    from govinfo.text.normalize import Line

__all__ = ["read_old_tables"]

_WAN = Decimal(10000)


@attrs.frozen
class _Match:
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


class _Matcher:
    """Label lookup against the catalogue, with the section a row is printed in."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def label_key(self, label: str) -> str:
        text = key(label)
        for note in self.catalogue.note_keys:
            if note in text:
                text = text.replace(note, "")
        return text

    def candidates(self, label: str) -> tuple[tuple[str, ...], str]:
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
        return bool(self.candidates(label)[0])

    def match(self, row: PrintedRow, section_id: str | None) -> _Match | None:
        ids, annotation = self.candidates(row.label + _continued(row))
        if not ids:
            return None
        if len(ids) > 1:
            ids = self._disambiguate(ids, row, section_id)
        return _Match(self.catalogue.by_id[ids[0]], annotation)

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


def _continued(row: PrintedRow) -> str:
    return "".join(text for _, text in row.continuations)


def _split_notes(row: PrintedRow) -> None:
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


def _join_wrapped(rows: list[PrintedRow], matcher: _Matcher) -> list[PrintedRow]:
    """Join label lines wrapped over two lines (`…建设维` / `护等方面的经费)`).

    At most :data:`_MAX_WRAP` lines join one label, so the work stays linear
    whatever the number of label-only lines.
    """
    out: list[PrintedRow] = []
    moved: dict[int, PrintedRow] = {}
    for row in rows:
        prev = out[-1] if out else None
        wrappable = prev is not None and not prev.cells and row.kind == "PLAIN"
        if prev is not None and wrappable and len(prev.continuations) < _MAX_WRAP:
            joined = prev.label + _continued(prev) + row.label
            prev_known = matcher.known(prev.label + _continued(prev))
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


@attrs.frozen
class _CellSplit:
    unit: CellToken | None
    value: CellToken | None
    stray: tuple[CellToken, ...]


def _is_placeholder(token: CellToken) -> bool:
    return token.type == "BLANK" or key(token.text) in PLACEHOLDERS


def _split_cells(cells: Sequence[CellToken]) -> _CellSplit:
    """Unit column first (a unit, or a placeholder/blank before another cell), then the value."""
    if not cells:
        return _CellSplit(None, None, ())
    first = cells[0]
    has_unit = first.type == "UNIT" or (len(cells) >= 2 and _is_placeholder(first))
    rest = cells[1:] if has_unit else cells
    value = rest[0] if rest else None
    return _CellSplit(first if has_unit else None, value, tuple(rest[1:]))


class _Reader:
    """Builds cells, unknown rows and diagnostics for one report."""

    def __init__(self, catalogue: Catalogue, lines: Sequence[Line], locate: Locate) -> None:
        self.catalogue = catalogue
        self.locate = locate
        self.matcher = _Matcher(catalogue)
        self.lines = lines
        self.cells: dict[str, Cell] = {}
        self.unknown: list[UnknownRow] = []
        self.diagnostics: list[Diagnostic] = []
        self.row_ids: dict[int, str] = {}

    def raw(self, line: int) -> str:
        return self.lines[line - 1].raw.strip() if 0 < line <= len(self.lines) else ""

    def raw_cell(self, token: CellToken) -> str:
        """A token's text as in the source: the cell, not its whole line (pipe rows)."""
        line, column = token.line, token.column
        if not 0 < line <= len(self.lines):
            return ""
        return self.lines[line - 1].raw[column - 1 : column - 1 + len(token.text)].strip()

    def printed_label(self, row: PrintedRow) -> str:
        source = self.lines[row.line - 1].raw if 0 < row.line <= len(self.lines) else ""
        head = source[row.column - 1 : row.column - 1 + row.width]
        parts = [head.strip()] + [self.raw(line) for line, _ in row.continuations]
        return "".join(parts)

    def read(self, table: PrintedTable) -> None:
        """Read one printed table: exact labels first, then the others by their place."""
        rows = list(table.rows)
        for row in rows:
            _split_notes(row)
        decided: list[tuple[PrintedRow, _Match | None]] = []
        for row in _join_wrapped(rows, self.matcher):
            if not row.continuations and not self.matcher.label_key(row.label):
                continue  # a note standing as a row of its own
            if row.continuations and not self.matcher.label_key(row.label + _continued(row)):
                continue
            section = row.section
            section_id = self.row_ids.get(id(section)) if section is not None else None
            found = self.matcher.match(row, section_id)
            if found is not None:
                self.row_ids[id(row)] = found.spec.id
            decided.append((row, found))
        self.align(decided)
        for row, found in decided:
            self.read_row(row, found)

    def align(self, decided: list[tuple[PrintedRow, _Match | None]]) -> None:
        """Rows with values whose label matched nothing: placed by their place and likeness."""
        if all(found is not None for _, found in decided):
            return  # every row's label matched: nothing to place by likeness
        expected, index = _expected(self.catalogue)
        printed: list[Printed] = []
        for row, found in decided:
            exact = (index[found.spec.id],) if found and found.spec.id in index else ()
            has_value = any(t.type == "VALUE" for t in row.cells)
            label = self.matcher.label_key(row.label + _continued(row))
            printed.append(Printed(label if has_value or exact else "", key(row.ordinal), exact))
        for at, match in enumerate(align(printed, expected)):
            row, found = decided[at]
            if found is None and match.index is not None:
                spec = self.catalogue.by_id[expected[match.index].id]
                decided[at] = (row, _Match(spec, "", inexact=True))
                self.row_ids[id(row)] = spec.id

    def read_row(self, row: PrintedRow, found: _Match | None) -> None:
        """Cells (or an unknown row) for one printed row."""
        section = row.section
        split = _split_cells(row.cells)
        for token in split.stray:
            self.diagnostics.append(
                Diagnostic(
                    code="stray-value",
                    message="a number after the row's value was set aside (page number?)",
                    line=token.line,
                    column=token.column,
                    text=self.raw_cell(token),
                )
            )
        if found is None:
            self.keep_unknown(row, section, "label matches no row of the template")
            return
        spec = found.spec
        if spec.id in self.cells:
            self.keep_unknown(row, section, f"duplicate of {spec.id}")
            return
        cell = self.make_cell(row, spec, split, found.annotation)
        if cell is None:
            return
        if found.inexact:
            cell = attrs.evolve(cell, flags=(*cell.flags, "label_inexact"))
            self.diagnostics.append(
                Diagnostic(
                    code="label-inexact",
                    message=f"the printed label is read as {spec.id} ({spec.ordinal}"
                    f"{spec.label}) by its place in the table and its likeness to the label",
                    line=row.line,
                    column=row.column,
                    text=self.printed_label(row),
                )
            )
        self.cells[spec.id] = cell

    def keep_unknown(self, row: PrintedRow, section: PrintedRow | None, reason: str) -> None:
        section_label = "" if section is None or section is row else self.raw(section.line)
        self.unknown.append(
            UnknownRow(
                line=row.line,
                label=self.printed_label(row),
                raw=self.raw(row.line),
                cells=tuple(self.raw_cell(t) for t in row.cells),
                section=section_label,
                reason=reason,
            )
        )

    def make_cell(
        self, row: PrintedRow, spec: CellSpec, split: _CellSplit, annotation: str
    ) -> Cell | None:
        value_token = split.value
        unit = spec.unit
        if split.unit is not None and split.unit.type == "UNIT":
            unit = split.unit.text
        parsed: Quantity | None = None
        if value_token is None:
            quantity = Quantity(value=None, low=None, high=None, qualifier=Qualifier.MISSING)
            line, column, raw = row.line, row.column, ""
        else:
            line, column = value_token.line, value_token.column
            raw = self.raw_cell(value_token)
            parsed = parse_value(value_token.text) if value_token.type == "VALUE" else None
            quantity = parsed or Quantity(
                value=None, low=None, high=None, qualifier=Qualifier.MISSING, raw=raw
            )
        flags = list(quantity.flags)
        if value_token is not None and value_token.type == "VALUE" and parsed is None:
            # Not a number (不适用, abc): missing for the checks, its text kept.
            flags.append("not_a_number")
            self.diagnostics.append(
                Diagnostic(
                    code="not-a-number",
                    message=f"{spec.id}: {raw!r} is not a number",
                    line=line,
                    column=column,
                    text=raw,
                )
            )
        if spec.kind is Kind.HEADER:
            if quantity.is_missing:
                return None
            flags.append("value_on_header")
            self.diagnostics.append(
                Diagnostic(
                    code="value-on-header",
                    message=f"a value is printed on the header row {spec.id}; kept there",
                    line=line,
                    column=column,
                    text=raw,
                )
            )
        quantity = in_unit(quantity, unit)
        if quantity.value is not None and quantity.value < 0 and not spec.signed:
            flags.append("negative")
        return Cell.from_quantity(
            spec.id,
            quantity,
            unit=unit,
            raw=raw,
            line=line,
            column=column,
            label=self.printed_label(row),
            annotation=annotation,
            flags=tuple(flags),
            place=self.locate(line, column),
        )


def read_old_tables(
    tables: Sequence[PrintedTable],
    lines: Sequence[Line],
    furniture: Sequence[Line],
    catalogue: Catalogue,
    locate: Locate = nowhere,
) -> TableReading:
    """Read every printed table of a report into catalogue cells.

    ``locate`` gives each cell its place in the carrier the text was made from.
    """
    reader = _Reader(catalogue, lines, locate)
    printed: list[str] = [line.text for line in furniture]
    for table in tables:
        reader.read(table)
        for row in table.rows:
            printed.append(row.ordinal + row.label + _continued(row))
            printed.extend(t.text for t in row.cells if t.type == "NOTE")
    template: str | None = None
    if reader.cells:
        template, hits = detect_old(printed, catalogue)
        _check_template(reader, template, hits)
    return TableReading(
        cells=reader.cells,
        unknown_rows=tuple(reader.unknown),
        diagnostics=tuple(reader.diagnostics),
        template=template,
    )


def _check_template(reader: _Reader, template: str | None, hits: dict[str, int]) -> None:
    if template is None:
        return
    carried = {c.id for c in reader.catalogue.cells_of(template)}
    foreign = [c for c in reader.cells.values() if c.id not in carried]
    for cell in foreign:
        reader.diagnostics.append(
            Diagnostic(
                code="not-in-template",
                message=f"{cell.id} is not a row of {template} (cue hits: {hits})",
                line=cell.line,
                column=cell.column,
                text=cell.label,
            )
        )
    absent = [
        c.id
        for c in reader.catalogue.cells_of(template)
        if c.kind.is_numeric and c.id not in reader.cells
    ]
    if absent:
        reader.diagnostics.append(
            Diagnostic(
                code="rows-not-found",
                message=f"{len(absent)} row(s) of {template} not found: {', '.join(absent)}",
            )
        )
