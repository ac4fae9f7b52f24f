"""The two-dimensional layout of the 2019/2021 tables, derived from the catalogue.

A new-table cell's catalogue label reads ``row label / column header`` (table
四: ``行政诉讼 / 未经复议直接起诉 / 结果维持``). From those labels this module
builds, once, what the reader needs: row labels → row ids, header texts →
column ids per table, and each row's columns in printed order.
"""

from __future__ import annotations

import functools
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import Kind, load_catalogue
from govinfo.folding import key

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["ACTIVE", "APPEALS", "REQUESTS", "Layout", "Row", "load_layout"]

#: The three tables, 二 (主动公开), 三 (收到和处理申请) and 四 (复议和诉讼).
ACTIVE, REQUESTS, APPEALS = "active", "requests", "appeals"


@attrs.frozen(kw_only=True)
class Row:
    """A row of a new table: its id, label, ordinal, block and columns."""

    id: str
    table: str
    label: str
    ordinal: str
    #: Table 二's caption the row is printed under (``new.active.art20_1``).
    block: str | None
    #: Column id → templates carrying that cell, in printed order.
    columns: Mapping[str, frozenset[str]]

    def columns_for(self, template: str) -> tuple[str, ...]:
        """The row's columns in a template, in printed order."""
        return tuple(c for c, templates in self.columns.items() if template in templates)


@attrs.frozen(kw_only=True)
class Layout:
    """Lookups for reading the new tables."""

    rows: Mapping[str, Row]
    #: Row label key (ordinal dropped) → row ids printing it.
    row_labels: Mapping[str, tuple[str, ...]]
    #: Per table, column header key → column id.
    headers: Mapping[str, Mapping[str, str]]
    #: Label keys of group rows and captions (no numbers of their own) → id.
    groups: Mapping[str, str]
    #: Table 四's groups in printed order, and their columns.
    appeal_groups: tuple[str, ...]
    appeal_columns: tuple[str, ...]
    #: Table 三's columns in printed order.
    request_columns: tuple[str, ...]

    def cell_id(self, row: str, column: str) -> str:
        """The catalogue id of a row × column cell."""
        return f"{row}.{column}"


def _table(cell_id: str) -> str:
    if cell_id.startswith("new.active"):
        return ACTIVE
    if cell_id.startswith("new.req"):
        return REQUESTS
    return APPEALS


@functools.cache
def load_layout() -> Layout:
    """The layout of the new tables (built once per process)."""
    catalogue = load_catalogue()
    columns: dict[str, dict[str, set[str]]] = {}
    labels: dict[str, str] = {}
    ordinals: dict[str, str] = {}
    blocks: dict[str, str | None] = {}
    row_labels: dict[str, list[str]] = {}
    headers: dict[str, dict[str, str]] = {ACTIVE: {}, REQUESTS: {}, APPEALS: {}}
    groups: dict[str, str] = {}
    for cell in catalogue.cells:
        if cell.family != "new":
            continue
        if cell.row is None or cell.column is None:
            if cell.kind is Kind.GROUP:
                groups[key(cell.label)] = cell.id
                for alias in cell.aliases:
                    groups[key(alias)] = cell.id
            continue
        table = _table(cell.id)
        columns.setdefault(cell.row, {}).setdefault(cell.column, set()).update(cell.templates)
        blocks[cell.row] = cell.parent if table == ACTIVE else None
        ordinals.setdefault(cell.row, cell.ordinal)
        for text in (cell.label, *cell.aliases, *cell.label_variants.values()):
            row_label, _, header = text.rpartition(" / ")
            headers[table].setdefault(key(header), cell.column)
            if table != APPEALS:
                labels.setdefault(cell.row, row_label)
                ids = row_labels.setdefault(key(row_label), [])
                if cell.row not in ids:
                    ids.append(cell.row)
    rows = {
        row_id: Row(
            id=row_id,
            table=_table(row_id),
            label=labels.get(row_id, ""),
            ordinal=ordinals.get(row_id, ""),
            block=blocks.get(row_id),
            columns=MappingProxyType({c: frozenset(t) for c, t in cols.items()}),
        )
        for row_id, cols in columns.items()
    }
    request = rows["new.req.received"]
    appeal_groups = tuple(r for r in rows if _table(r) == APPEALS)
    return Layout(
        rows=MappingProxyType(rows),
        row_labels=MappingProxyType({k: tuple(v) for k, v in row_labels.items()}),
        headers=MappingProxyType({t: MappingProxyType(h) for t, h in headers.items()}),
        groups=MappingProxyType(groups),
        appeal_groups=appeal_groups,
        appeal_columns=tuple(rows[appeal_groups[0]].columns),
        request_columns=tuple(request.columns),
    )
