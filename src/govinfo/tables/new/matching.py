"""The printed rows of the 2019/2021 tables matched with the template's rows.

Rows whose label the reader found exactly are the anchors; the others are placed
by their label's similarity among the template rows between their neighbours
(:func:`govinfo.tables.align.align`). Label pieces that carry no value and name no
row (``法提供``, a wrapped group label's second half) are not rows and are dropped.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from govinfo.folding import key
from govinfo.tables.align import Expected, Printed, align
from govinfo.tables.labels import label_key
from govinfo.tables.new.layout import APPEALS, load_layout
from govinfo.tables.new.lookup import fragments, full_labels

if TYPE_CHECKING:
    from govinfo.tables.new.rows import ReadRow

__all__ = ["expected_rows", "match_rows"]


@functools.cache
def expected_rows() -> tuple[tuple[Expected, ...], dict[str, int]]:
    """The rows of tables 二 and 三 in printed order, with every label key they print."""
    layout = load_layout()
    keys: dict[str, list[str]] = {}
    for text, ids in layout.row_labels.items():
        for row_id in ids:
            keys.setdefault(row_id, []).append(text)
    rows = [r for r in layout.rows.values() if r.table != APPEALS]
    expected = tuple(Expected(r.id, tuple(keys.get(r.id, ())), key(r.ordinal)) for r in rows)
    return expected, {row.id: index for index, row in enumerate(expected)}


def _fragment(text: str) -> bool:
    """A piece of a header, caption or group label, or the start of a row label."""
    folded = key(text)
    return folded in fragments() or any(full.startswith(folded) for full in full_labels())


def match_rows(rows: list[ReadRow]) -> list[ReadRow]:
    """The rows that are rows: matched with the template where their labels allow.

    Sets ``row`` (and ``inexact``) on rows matched by similarity, and ``reason`` on
    rows left unmatched; exact rows printed again or out of the template's order
    lose their row and say so. Label pieces without values that are fragments of
    printed labels are left out.
    """
    with_values = {r.row.id for r in rows if r.row is not None and r.values}
    kept = [
        r
        for r in rows
        # A label repeated without values (a heading over its own table) is not the row.
        if (r.row is not None and (r.values or r.row.id not in with_values))
        or (r.row is None and (r.values or not _fragment(r.text)))
    ]
    ids = [r.row.id for r in kept if r.row is not None]
    if len(ids) == len(kept) and len(set(ids)) == len(ids):
        return kept  # every row named exactly once: nothing to align
    expected, index = expected_rows()
    printed = []
    for row in kept:
        label, ordinal = label_key(row.text)
        exact = (index[row.row.id],) if row.row is not None and row.row.id in index else ()
        # A row without values is a row only if its label says so exactly.
        printed.append(Printed(label if row.values or exact else "", ordinal, exact))
    layout = load_layout()
    for row, found in zip(kept, align(printed, expected), strict=True):
        if found.index is None:
            row.row = None
            row.reason = found.reason
        elif not found.exact:
            row.row = layout.rows[expected[found.index].id]
            row.inexact = True
    return kept
