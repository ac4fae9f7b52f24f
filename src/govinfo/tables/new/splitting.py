"""Rows of the 2019/2021 tables whose numbers ran together: split, then solved together.

A row printed with fewer values than columns, on a page whose numbers ran
together, has candidate splits (:mod:`govinfo.tables.digits`); table 四's fifteen
numbers are one such row. The candidates of every row are solved together by the
table's sums (:mod:`.solve`): a cell is set only where the solution is one, and a
row left open is kept raw with the splits that remain.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

import attrs

from govinfo.tables.digits import MAX_COUNT_DIGITS, TooMany, row_splits, summed_splits
from govinfo.tables.new.layout import load_layout
from govinfo.tables.new.lookup import cell_spec
from govinfo.tables.new.solve import Pending, equations, solve
from govinfo.values import parse_value

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from govinfo.models import Diagnostic, Locate, UnknownRow
    from govinfo.tables.new.building import CellBuilder
    from govinfo.tables.new.layout import Row
    from govinfo.tables.new.propagate import Candidate
    from govinfo.tables.new.rows import ReadRow
    from govinfo.text.cells import CellText
    from govinfo.text.normalize import Line

__all__ = ["OpenRow", "OpenSplits", "Splitter", "ambiguity", "runs_together"]

_APPEALS = "appeals"
# What every text :func:`_impossible` holds has, among texts joined by NUL: two
# characters from a 0, or more than a count's digits.
_MAYBE_IMPOSSIBLE = re.compile(f"(?:^|\0)(?:0[^\0]|[^\0]{{{MAX_COUNT_DIGITS + 1}}})")
# Candidate splits shown in a diagnostic.
_SHOWN = 3


class OpenRow(NamedTuple):
    """A row the sums left open: its splits left, printed runs and label, how it was kept."""

    row_id: str
    left: tuple[Candidate, ...]
    cells: tuple[str, ...]
    runs: tuple[CellText, ...]
    label: CellText | None
    #: Its ``split-ambiguous`` diagnostic and, for a table row, the raw row kept.
    diagnostic: Diagnostic
    kept: UnknownRow | None


@attrs.frozen(kw_only=True)
class OpenSplits:
    """What a later pass needs to decide the rows the table's sums left open.

    Kept on the :class:`~govinfo.tables.reading.TableReading` only when some row
    still has several candidate splits, so that a report with none pays nothing.
    """

    template: str
    #: Every run-together row of the report with all its candidates.
    candidates: tuple[Pending, ...]
    #: The exact values read from the table (split cells are among ``candidates``).
    known: Mapping[str, Decimal | None]
    #: The rows left open, by key; a row with no split left is one the sums break.
    rows: Mapping[str, OpenRow]
    lines: Sequence[Line]
    locate: Locate


class Splitter:
    """The rows to split of one report, and what the table's sums decide for them."""

    def __init__(self, built: CellBuilder, template: str, *, run_together: bool) -> None:
        """A splitter adding decided cells to ``built``; ``run_together``: the page's evidence."""
        self.built = built
        self.template = template
        self.run_together = run_together
        #: Rows to split, by key, as (row, label, cell ids, the printed runs).
        self.pending: dict[str, tuple[Row, ReadRow | None, tuple[str, ...], list[CellText]]] = {}
        #: The rows the sums left open, for the prose to decide (``None``: none).
        self.open: OpenSplits | None = None
        #: The rules used for each row whose splits were listed only where its sums hold.
        self.filtered: dict[str, tuple[str, ...]] = {}

    def splits(
        self,
        key: str,
        known: Row,
        row: ReadRow | None,
        values: list[CellText],
        columns: Sequence[str],
    ) -> Pending | None:
        """The candidate splits of a row whose numbers ran together (``None``: not such a row)."""
        if not self.run_together or len(values) >= len(columns):
            return None
        texts = [v.text for v in values]
        if not all(t.isdigit() or parse_value(t) is not None for t in texts):
            return None
        cells = tuple(cell_spec(known.id, c)[0] for c in columns)
        found = self._splits(key, texts, cells)
        if found is None:
            self.built.note(
                values[0], "split-search-capped", "too many ways to split; not read", values
            )
            return None
        specs = [cell_spec(known.id, c)[1] for c in columns]
        # A minus printed in the run signs a value: only a signed column (本年增/减) takes it.
        signed = [spec is not None and spec.signed for spec in specs]
        found = [
            split
            for split in found
            if all(ok or not piece.startswith("-") for piece, ok in zip(split, signed, strict=True))
        ]
        if not found:
            return None  # the digits cannot hold a value per column
        self.pending[key] = (known, row, cells, values)
        decoded = tuple(tuple(_number(t) for t in split) for split in found)
        return Pending(key, cells, decoded)

    def appeal_splits(self, block: list[CellText], slots: list[tuple[str, str]]) -> Pending | None:
        """Table 四's run-together digits as one row of fifteen cells to split."""
        if not block or not self.run_together or len(block) >= len(slots):
            return None
        if not all(v.text.isdigit() for v in block):
            return None
        cells = tuple(cell_spec(g, c)[0] for g, c in slots)
        found = self._splits(_APPEALS, [v.text for v in block], cells)
        if not found:
            return None
        known = load_layout().rows[slots[0][0]]
        self.pending[_APPEALS] = (known, None, cells, block)
        decoded = tuple(tuple(Decimal(t) for t in split) for split in found)
        return Pending(_APPEALS, cells, decoded)

    def _splits(
        self, key: str, texts: list[str], cells: tuple[str, ...]
    ) -> list[tuple[str, ...]] | None:
        """A row's splits; ``None`` when there are too many to list.

        When they are too many, and the row's cells fall into groups that add up
        (:func:`_sum_groups`), the splits in which each group adds up are listed
        instead: the rules of those sums then decided the row, and its cells say
        so (``decided_by``) whatever else the solver needs.
        """
        try:
            return row_splits(texts, len(cells))
        except TooMany:
            pass
        groups = _sum_groups(cells, self.template)
        if groups is None or not all(t.isdigit() for t in texts):
            return None
        sizes, rules = groups
        try:
            found = summed_splits(texts, sizes)
        except TooMany:
            return None
        self.filtered[key] = rules
        return found

    def settle(self, candidates: list[Pending]) -> None:
        """Solve the run-together rows together and place what the sums decide."""
        known = {
            cell_id: cell.value
            for cell_id, cell in self.built.cells.items()
            if cell.value is not None and cell.low == cell.value == cell.high
        }
        solution = solve(candidates, known, self.template)
        if solution.capped:
            first = self.pending[candidates[0].key][3][0]
            self.built.note(first, "split-search-capped", "the joint split search hit its cap")
        split = [c for c in self.pending.values() if any(i in solution.values for i in c[2])]
        if split:
            first = split[0][3][0]
            count = sum(i in solution.values for c in split for i in c[2])
            message = (
                f"the table's numbers ran together: {count} cell(s) of {len(split)} row(s) "
                "split where only one split fits (flag split_digits; decided_by: the rules "
                "the split needed)"
            )
            self.built.note(first, "numbers-run-together", message)
        opened: dict[str, OpenRow] = {}
        for key, (known_row, row, cells, runs) in self.pending.items():
            label = row.label if row is not None else None
            for cell_id in cells:
                if cell_id not in solution.values:
                    continue
                value = solution.values[cell_id]
                rules = tuple(
                    dict.fromkeys((*solution.rules.get(cell_id, ()), *self.filtered.get(key, ())))
                )
                flags = ("split_digits", *(f"decided_by:{r}" for r in rules))
                self.built.add_split(cell_id, value, runs, label, flags)
            left = solution.undecided.get(key)
            if left is not None:
                message = ambiguity(known_row.id, runs, left)
                self.built.note(runs[0], "split-ambiguous", message, runs)
                if row is not None:
                    self.built.keep(row, known_row.table, message)
                else:
                    self.built.keep_values(runs, known_row.table, message)  # table 四's block
                kept = self.built.unplaced[-1]
                note = self.built.diagnostics[-1]
                opened[key] = OpenRow(known_row.id, left, cells, tuple(runs), label, note, kept)
        if any(row.left for row in opened.values()):
            self.open = OpenSplits(
                template=self.template,
                candidates=tuple(candidates),
                known=known,
                rows=opened,
                lines=self.built.lines,
                locate=self.built.locate,
            )


def _sum_groups(
    cells: tuple[str, ...], template: str
) -> tuple[tuple[int, ...], tuple[str, ...]] | None:
    """A row's cells as consecutive groups each ending in the sum of the others.

    From the template's equalities over the row's cells alone (N3: a row's 总计;
    N5: each group of table 四), when they cut the whole row into such groups:
    the groups' sizes and the rules. ``None`` otherwise.
    """
    position = {cell: index for index, cell in enumerate(cells)}
    spans: dict[int, tuple[int, str]] = {}
    for rule, relation, terms in equations(template):
        if relation != "=" or not all(cell in position for _, cell in terms):
            continue
        added = [cell for sign, cell in terms if sign > 0]
        taken = [cell for sign, cell in terms if sign < 0]
        totals = added if len(added) == 1 and taken else taken if len(taken) == 1 else []
        if len(totals) != 1 or not (added and taken):
            continue
        indexes = sorted(position[cell] for _, cell in terms)
        end = position[totals[0]]
        if indexes != list(range(indexes[0], end + 1)):
            continue  # not consecutive, or the total is not last
        spans[indexes[0]] = (end, rule)
    sizes: list[int] = []
    rules: list[str] = []
    start = 0
    while start < len(cells):
        if start not in spans:
            return None
        end, rule = spans[start]
        sizes.append(end - start + 1)
        rules.append(rule)
        start = end + 1
    return tuple(sizes), tuple(dict.fromkeys(rules))


def ambiguity(
    row_id: str, runs: Sequence[CellText], left: Sequence[Candidate], by: str = "the sums"
) -> str:
    """Why a row of run-together digits is not read: the splits ``by`` allows, or none."""
    digits = " ".join(v.text for v in runs)
    if not left:
        return f"{row_id}: no split of the digits {digits} satisfies the table's sums; not read"
    shown = "; ".join("/".join(map(str, c)) for c in left[:_SHOWN])
    more = f" (and {len(left) - _SHOWN} more)" if len(left) > _SHOWN else ""
    return f"{row_id}: digits {digits} split {len(left)} ways {by} allow: {shown}{more}; not read"


def _number(text: str) -> Decimal | None:
    """A split piece's value; ``None`` for a placeholder printed among the digits."""
    quantity = parse_value(text)
    return None if quantity is None else quantity.value


def runs_together(rows: Sequence[ReadRow], appeal_values: Sequence[CellText]) -> bool:
    """Whether the page's numbers ran together.

    Evidence is a value glued to its label, or digits no single count is printed as
    (``000``, a run longer than any count).
    """
    texts = [v.text for row in rows for v in row.values]
    texts += [v.text for v in appeal_values]
    # One search of all the texts finds whether any may be impossible (most reports:
    # none); only then is each looked at.
    if _MAYBE_IMPOSSIBLE.search("\0".join(texts)) and any(map(_impossible, texts)):
        return True
    for row in rows:
        last = row.parts[-1] if row.parts else row.label
        first = row.values[0] if row.values else None
        if first is None or first.line != last.line:
            continue
        if first.column == last.column + len(last.text) and last.text[-1:].isalpha():
            return True
    return False


def _impossible(text: str) -> bool:
    """Digits that cannot be one count: a leading zero, or more digits than a count has."""
    return text.isdigit() and ((len(text) > 1 and text[0] == "0") or len(text) > MAX_COUNT_DIGITS)
