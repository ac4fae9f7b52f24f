"""Printed rows → catalogue cells: units and values, provenance, rows kept raw.

Each printed table's rows are matched to catalogue rows (:mod:`.matcher`); a
matched row's cells give its unit and value, a row that matches nothing is kept
raw with its line and the reason, and the numbers after a row's value are set
aside with a diagnostic.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import Kind
from govinfo.folding import key
from govinfo.models import Cell, Diagnostic, UnknownRow, nowhere
from govinfo.tables.detect import template_by_cues
from govinfo.tables.old.matcher import decide, split_notes, table_key
from govinfo.tables.reading import TableReading
from govinfo.values import PLACEHOLDERS, Qualifier, Quantity, in_unit, parse_value

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.catalogue import Catalogue, CellSpec
    from govinfo.models import Locate
    from govinfo.tables.old.lexer import CellToken
    from govinfo.tables.old.matcher import Decisions, Match
    from govinfo.tables.old.transform import PrintedRow, PrintedTable
    from govinfo.text.normalize import Line

__all__ = ["read_old_tables"]

_WAN = Decimal(10000)


# A row's cells read as (unit, value, the cells after the value).
_CellSplit = tuple["CellToken | None", "CellToken | None", tuple["CellToken", ...]]
_NO_SPLIT: _CellSplit = (None, None, ())
# The quantity of a row printed without cells (immutable, so shared).
_NOTHING = Quantity(value=None, low=None, high=None, qualifier=Qualifier.MISSING)


def _is_placeholder(token: CellToken) -> bool:
    return token.type == "BLANK" or key(token.text) in PLACEHOLDERS


def _split_cells(cells: Sequence[CellToken]) -> _CellSplit:
    """Unit column first (a unit, or a placeholder/blank before another cell), then the value."""
    if not cells:
        return _NO_SPLIT
    first = cells[0]
    has_unit = first.type == "UNIT" or (len(cells) >= 2 and _is_placeholder(first))
    rest = cells[1:] if has_unit else cells
    value = rest[0] if rest else None
    return (first if has_unit else None, value, tuple(rest[1:]))


class _Reader:
    """Builds cells, unknown rows and diagnostics for one report."""

    def __init__(self, catalogue: Catalogue, lines: Sequence[Line], locate: Locate) -> None:
        self.catalogue = catalogue
        self.locate = locate
        self.lines = lines
        self.cells: dict[str, Cell] = {}
        self.unknown: list[UnknownRow] = []
        self.diagnostics: list[Diagnostic] = []

    def note(self, code: str, message: str, line: int, column: int, text: str) -> None:
        """A diagnostic at ``line`` and ``column`` about the printed ``text``."""
        self.diagnostics.append(
            Diagnostic(code=code, message=message, line=line, column=column, text=text)
        )

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
        head = source[row.column - 1 : row.column - 1 + row.width].strip()
        if not row.continuations:
            return head
        return head + "".join([self.raw(line) for line, _ in row.continuations])

    def read(self, table: PrintedTable) -> Decisions:
        """Read one printed table: exact labels first, then the others by their place."""
        rows = table.rows
        decisions = decide(self.catalogue, table_key(table))
        if decisions.needs_values:
            decisions = decide(self.catalogue, table_key(table, values=True), True)  # noqa: FBT003
        for at in decisions.noted:
            split_notes(rows[at])
        for at, wrapped in decisions.joins:
            row = rows[at]
            row.continuations.extend((rows[w].line, rows[w].label) for w in wrapped)
            row.cells = rows[wrapped[-1]].cells
        for at, parent in decisions.parents:
            rows[at].parent = rows[parent] if parent >= 0 else None
        for at, found in decisions.rows:
            self.read_row(rows[at], found)
        return decisions

    def read_row(self, row: PrintedRow, found: Match | None) -> None:
        """Cells (or an unknown row) for one printed row."""
        split = _split_cells(row.cells)
        for token in split[2]:
            self.note(
                "stray-value",
                "a number after the row's value was set aside (page number?)",
                token.line,
                token.column,
                self.raw_cell(token),
            )
        if found is None:
            self.keep_unknown(row, row.section, "label matches no row of the template")
            return
        spec = found.spec
        if spec.id in self.cells:
            self.keep_unknown(row, row.section, f"duplicate of {spec.id}")
            return
        cell = self.make_cell(row, spec, split, found.annotation)
        if cell is None:
            return
        if found.inexact:
            cell = attrs.evolve(cell, flags=(*cell.flags, "label_inexact"))
            self.note(
                "label-inexact",
                f"the printed label is read as {spec.id} ({spec.ordinal}"
                f"{spec.label}) by its place in the table and its likeness to the label",
                row.line,
                row.column,
                self.printed_label(row),
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
        unit_token, value_token, _ = split
        unit = spec.unit
        if unit_token is not None and unit_token.type == "UNIT":
            unit = unit_token.text
        not_a_number = False
        if value_token is None:
            quantity = _NOTHING
            line, column, raw = row.line, row.column, ""
        else:
            line, column = value_token.line, value_token.column
            raw = self.raw_cell(value_token)
            parsed = parse_value(value_token.text) if value_token.type == "VALUE" else None
            quantity = parsed or Quantity(
                value=None, low=None, high=None, qualifier=Qualifier.MISSING, raw=raw
            )
            not_a_number = parsed is None and value_token.type == "VALUE"
        flags = quantity.flags
        if not_a_number:
            # Not a number (不适用, abc): missing for the checks, its text kept.
            flags = (*flags, "not_a_number")
            self.note("not-a-number", f"{spec.id}: {raw!r} is not a number", line, column, raw)
        if spec.kind is Kind.HEADER:
            if quantity.is_missing:
                return None
            flags = (*flags, "value_on_header")
            self.note(
                "value-on-header",
                f"a value is printed on the header row {spec.id}; kept there",
                line,
                column,
                raw,
            )
        if unit == "万元":  # the one unit in_unit converts to
            quantity = in_unit(quantity, unit)
        if quantity.value is not None and quantity.value < 0 and not spec.signed:
            flags = (*flags, "negative")
        # Plain text (nowhere) has no place: the call is skipped for every value of it.
        place = None if self.locate is nowhere else self.locate(line, column)
        return Cell.from_quantity(
            spec.id,
            quantity,
            unit=unit,
            raw=raw,
            line=line,
            column=column,
            label=self.printed_label(row),
            annotation=annotation,
            flags=flags,
            place=place,
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
    # The keys of the furniture and of every row's label as printed (notes are split
    # off the cells by then), for the template's cues.
    printed = {key(line.text) for line in furniture}
    for table in tables:
        printed.update(reader.read(table).printed)
    template: str | None = None
    if reader.cells:
        template, hits = template_by_cues(printed, catalogue)
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
    carried, numeric = _template_ids(reader.catalogue, template)
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
    absent = [i for i in numeric if i not in reader.cells]
    if absent:
        reader.diagnostics.append(
            Diagnostic(
                code="rows-not-found",
                message=f"{len(absent)} row(s) of {template} not found: {', '.join(absent)}",
            )
        )


@functools.cache
def _template_ids(catalogue: Catalogue, template: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """A template's cell ids, and those of its numeric cells in catalogue order."""
    cells = catalogue.cells_of(template)
    return frozenset(c.id for c in cells), tuple(c.id for c in cells if c.kind.is_numeric)
