"""Run-together rows the table's sums left open, decided again with the prose's figures.

The prose often restates a cell (``全年办理行政复议1件``; ``收到政府信息公开申请154件``).
When the table's sums leave a row of run-together digits with several splits
(:mod:`.splitting`), each figure that restates a cell of such a row is one more
equation, ``reading = figure`` (the restatement rule, N13), and the rows are solved
again. The prose is read after the tables, so this is a second pass, run only for a
report whose split left a row open.

A figure is used only when it is exact (``7700余条`` is not), when every sum of cells it
may mean (its readings, :func:`govinfo.catalogue.subjects.readings`) can be written
over the table's values and the open rows, and when some split keeps it; figures of
one subject that disagree are not used. A figure that may mean several sums holds if
one of them does: the rows are solved once per choice of reading, and a cell is set
only when every choice that some split satisfies sets it to the same value. Such a
cell is flagged ``decided_by:N13`` (with the table's rules it also leans on), so the
restatement check over it is *decided*, not passed: the prose chose the split and
cannot confirm it. A wrong figure that happens to match a wrong split would set a
wrong value, which is why the cell says that the prose decided it.
"""

from __future__ import annotations

import functools
import itertools
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import load_catalogue
from govinfo.catalogue.subjects import readings, total_parts
from govinfo.tables.new.building import CellBuilder, diagnostic_at
from govinfo.tables.new.solve import equations, solve
from govinfo.tables.new.splitting import ambiguity
from govinfo.values import Qualifier

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from decimal import Decimal

    from govinfo.models import Cell, Diagnostic, UnknownRow
    from govinfo.tables.new.propagate import Candidate
    from govinfo.tables.new.solve import Equation, Solution
    from govinfo.tables.new.splitting import OpenRow, OpenSplits
    from govinfo.tables.reading import TableReading

__all__ = ["MAX_CHOICES", "MAX_FIGURES", "decide_by_prose", "restatement_rule"]

#: The most figures used (one per subject); each costs a solve to check that it fits.
MAX_FIGURES = 24
#: The most choices of readings solved; past it, figures with several readings are
#: left out (each choice is one solve of the report's run-together rows).
MAX_CHOICES = 64


@functools.cache
def restatement_rule(template: str) -> str | None:
    """The id of the rule that a prose figure equals the cells it restates (N13, O17)."""
    for invariant in load_catalogue().invariants:
        if invariant.for_each.get("cell") == "*" and template in invariant.templates:
            return invariant.id
    return None


@attrs.frozen
class _Figure:
    """A prose figure as equations: one per sum of cells it may mean (any may hold)."""

    cell: Cell
    choices: tuple[Equation, ...]


def decide_by_prose(reading: TableReading, prose: Sequence[Cell]) -> TableReading:
    """``reading`` with the open run-together rows the prose's figures decide.

    Args:
        reading: the tables as read; only its ``open_splits`` rows can change.
        prose: the report's prose figures (:func:`govinfo.text.prose.read_prose`).

    Returns:
        ``reading`` itself when no figure bears on an open row; else a reading with
        the newly decided cells (flags ``split_digits`` and ``decided_by:RULE``, the
        restatement rule among them), the rows' ``split-ambiguous`` diagnostics and
        raw rows updated, and a ``split-by-prose`` diagnostic naming the figures used
        (``split-prose-unused`` for figures no split keeps).
    """
    found = reading.open_splits
    rule = None if found is None else restatement_rule(found.template)
    if found is None or rule is None or not prose:
        return reading
    figures = _figures(found, reading.cells, prose, rule)
    if not figures:
        return reading
    base = equations(found.template)
    known = dict(found.known) | {_name(i): f.cell.value for i, f in enumerate(figures)}

    # Rows no split fitted before the prose cannot tell a figure wrong.
    broken = {key for key, row in found.rows.items() if not row.left}
    fitted = [p.key for p in found.candidates if p.key not in broken]

    def satisfied(choice: tuple[Equation, ...]) -> Solution | None:
        """The solution with these readings, ``None`` when they leave a row no split."""
        solution = solve(found.candidates, known, found.template, rules=(*base, *choice))
        return None if any(solution.undecided.get(k) == () for k in fitted) else solution

    used = [f for f in figures if any(satisfied((c,)) for c in f.choices)]
    unused = [f.cell for f in figures if f not in used]
    while used and _count(used) > MAX_CHOICES:
        used.remove(max(used, key=lambda f: len(f.choices)))
    solutions = [s for c in _choices(used) if (s := satisfied(c)) is not None] if used else []
    if used and not solutions:
        # Each figure fits some split, but not all of them together: none is used.
        unused, used = [*unused, *(f.cell for f in used)], []
    figures_used = [f.cell for f in used]
    return _decided(reading, found, solutions, figures=(figures_used, unused), rule=rule)


def _name(index: int) -> str:
    """The pseudo cell holding a figure's value in the solver's equations."""
    return f"prose:{index}"


def _count(figures: Sequence[_Figure]) -> int:
    count = 1
    for figure in figures:
        count *= len(figure.choices)
    return count


def _choices(figures: Sequence[_Figure]) -> list[tuple[Equation, ...]]:
    return [tuple(choice) for choice in itertools.product(*(f.choices for f in figures))]


def _figures(
    found: OpenSplits, cells: Mapping[str, Cell], prose: Sequence[Cell], rule: str
) -> list[_Figure]:
    """The figures to use, the first :data:`MAX_FIGURES` in text order.

    One exact figure per subject, whose every reading is written over known values and
    split rows and which bears on an open cell.
    """
    owned = {c for p in found.candidates for c in p.cells}
    open_cells = {c for row in found.rows.values() for c in row.cells if c not in cells}
    printed = cells.keys() | owned
    values: dict[str, set[Decimal | None]] = {}
    for cell in prose:
        values.setdefault(cell.id, set()).add(cell.value)
    figures: list[_Figure] = []
    for cell in prose:
        # `88余件` reads as 88 to 88 but says "more than": only a figure printed exact.
        exact = cell.qualifier is Qualifier.EXACT and cell.low == cell.value == cell.high
        if not exact or len(values.pop(cell.id, ())) != 1:
            continue  # approximate, a subject already taken, or two values for one subject
        sums = [
            _terms(reading, found, printed, owned)
            for reading in readings(cell.id, found.template, printed)
        ]
        kept = [terms for terms in sums if terms]
        if None in sums or not any(c in open_cells for terms in kept for c in terms):
            continue
        name = _name(len(figures))
        choices = tuple((rule, "=", (*((1, c) for c in terms), (-1, name))) for terms in kept)
        figures.append(_Figure(cell, choices))
        if len(figures) == MAX_FIGURES:
            break
    return figures


def _terms(
    reading: Sequence[str], found: OpenSplits, printed: set[str], owned: set[str]
) -> tuple[str, ...] | None:
    """The cells a reading sums, blank totals as their parts; ``None``: an unknown cell.

    ``()`` for a reading of cells the table neither prints nor splits (the checks
    skip it too).
    """
    if not any(c in printed for c in reading):
        return ()
    terms: list[str] = []
    for cell_id in reading:
        if cell_id in owned or found.known.get(cell_id) is not None:
            terms.append(cell_id)
            continue
        # A blank 总计 is the sum of its row (N3, N5), as the restatement check reads it.
        parts = total_parts(cell_id, found.template)
        if not parts or any(p not in owned and found.known.get(p) is None for p in parts):
            return None
        terms.extend(parts)
    return tuple(terms)


def _alive(found: OpenSplits, solutions: Sequence[Solution]) -> dict[str, list[Candidate]]:
    """Per open row, the splits some choice of readings leaves (rows the sums broke: none)."""
    alive: dict[str, set[Candidate]] = {key: set() for key, row in found.rows.items() if row.left}
    for solution in solutions:
        for key, splits in alive.items():
            left = solution.undecided.get(key)
            cells = found.rows[key].cells
            splits.update(left or [tuple(solution.values[c] for c in cells)])
    return {key: sorted(left, key=str) for key, left in alive.items()}


class _Update:
    """The reading's cells, raw rows and diagnostics as the prose pass changes them."""

    def __init__(self, reading: TableReading, found: OpenSplits) -> None:
        self.reading = reading
        self.builder = CellBuilder(found.lines, found.locate)
        self.builder.cells = dict(reading.cells)
        #: Diagnostics and raw rows replaced (``None``: dropped), by identity.
        self.replaced: dict[int, Diagnostic | None] = {}
        self.kept: dict[int, UnknownRow | None] = {}
        self.notes: list[Diagnostic] = []

    def row(
        self, row: OpenRow, left: Sequence[Candidate], solutions: Sequence[Solution], rule: str
    ) -> int:
        """Place the cells of ``row`` every split ``left`` agrees on; how many are new."""
        new = 0
        for at, cell_id in enumerate(row.cells):
            values = {candidate[at] for candidate in left}
            if cell_id in self.builder.cells or len(values) != 1:
                continue
            rules = {rule}.union(*(s.rules.get(cell_id, ()) for s in solutions))
            flags = ("split_digits", *(f"decided_by:{r}" for r in sorted(rules)))
            self.builder.add_split(cell_id, values.pop(), list(row.runs), row.label, flags)
            new += 1
        if new or len(left) < len(row.left):
            message = ambiguity(row.row_id, row.runs, left, by="the sums and the prose")
            still = len(left) > 1
            self.replaced[id(row.diagnostic)] = (
                attrs.evolve(row.diagnostic, message=message) if still else None
            )
            if row.kept is not None:
                self.kept[id(row.kept)] = attrs.evolve(row.kept, reason=message) if still else None
        return new

    def result(self) -> TableReading:
        """The reading with the changes made."""
        reading = self.reading
        unknown = (self.kept.get(id(u), u) for u in reading.unknown_rows)
        diagnostics = (self.replaced.get(id(d), d) for d in reading.diagnostics)
        return attrs.evolve(
            reading,
            cells=self.builder.cells,
            unknown_rows=tuple(u for u in unknown if u is not None),
            diagnostics=(*(d for d in diagnostics if d is not None), *self.notes),
        )


def _decided(
    reading: TableReading,
    found: OpenSplits,
    solutions: Sequence[Solution],
    *,
    figures: tuple[Sequence[Cell], Sequence[Cell]],
    rule: str,
) -> TableReading:
    """The reading with what every solution agrees on placed, and its notes updated."""
    used, unused = figures
    update = _Update(reading, found)
    count = rows = 0
    for key, left in (_alive(found, solutions) if solutions else {}).items():
        new = update.row(found.rows[key], left, solutions, rule)
        count, rows = count + new, rows + (new > 0)
    first = next(iter(found.rows.values())).runs[0]
    if count:
        named = "; ".join(f"{c.raw} ({c.id}, line {c.line})" for c in used)
        message = (
            f"{count} cell(s) of {rows} run-together row(s) the table's sums left open are "
            f"split by the prose's figures {named} (flag decided_by:{rule})"
        )
        update.notes.append(diagnostic_at(first, "split-by-prose", message))
    update.notes.extend(
        diagnostic_at(
            first,
            "split-prose-unused",
            f"the prose's {c.raw} ({c.id}, line {c.line}) restates a cell of run-together digits "
            "but fits no split the table's sums and the other figures allow: not used",
        )
        for c in unused
    )
    if not update.notes and not update.replaced:
        return reading
    return update.result()
