"""The printed layout of a template's statistics tables, derived from the catalogue.

A table is a :class:`Grid`: header rows of spanning cells over its value columns,
and rows of label cells and value cells (catalogue ids). Spans come from the
catalogue's structure: a new-table cell's label spells its header path
(``行政诉讼 / 未经复议直接起诉 / 结果维持``), a row's parents are its groups
(``三、本年度办理结果`` over ``（三）不予公开`` over ``1.属于国家秘密``), and
table 二 is one block per ``第二十条`` caption. Only the furniture words that
every template of a family prints alike are written here.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import Kind, load_catalogue

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.catalogue import CellSpec

__all__ = ["Grid", "GridRow", "Span", "grids"]

# Table furniture (catalogue §1.4, §3.2, §3.3), the same in every template of a family.
_OLD_TITLE = "政府信息公开情况统计表"
_OLD_HEAD = ("统计指标", "单位", "统计数")
_ITEM_HEAD = "信息内容"
_APPLICANTS = "申请人情况"
_ORGANISATIONS = "法人或其他组织"


@attrs.frozen
class Span:
    """A header or label cell: its text and how many columns and rows it covers."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    #: ``group`` for a group or block caption (no value of its own).
    kind: str = "label"


@attrs.frozen
class GridRow:
    """A printed row: the label cells that start on it, its unit, its value cells."""

    labels: tuple[Span, ...]
    cells: tuple[str | None, ...]
    unit: str | None = None
    #: Nesting depth of an old-table row (its label is indented by it).
    depth: int = 0


@attrs.frozen
class Grid:
    """One table as printed."""

    name: str
    title: str
    head: tuple[tuple[Span, ...], ...]
    rows: tuple[GridRow, ...]
    #: How many label columns stand before the value columns.
    label_columns: int


def _spans(paths: Sequence[Sequence[str]]) -> list[list[tuple[int, Span]]]:
    """Spanning cells for leaves with label paths, level by level.

    Consecutive leaves sharing a path prefix share its cell; a leaf's own cell
    spans the levels below its path. Returned per level: (first leaf, span).
    """
    depth = max((len(p) for p in paths), default=0)
    levels: list[list[tuple[int, Span]]] = [[] for _ in range(depth)]
    for level in range(depth):
        index = 0
        while index < len(paths):
            path = paths[index]
            if len(path) <= level:
                index += 1
                continue
            end = index + 1
            if len(path) > level + 1:
                while end < len(paths) and paths[end][: level + 1] == path[: level + 1]:
                    end += 1
                levels[level].append((index, Span(path[level], end - index, 1, kind="group")))
            else:
                levels[level].append((index, Span(path[level], 1, depth - level)))
            index = end
    return levels


def _head(paths: Sequence[Sequence[str]]) -> tuple[tuple[Span, ...], ...]:
    """Header rows over columns with these header paths."""
    return tuple(tuple(span for _, span in level) for level in _spans(paths))


def _labels(paths: Sequence[Sequence[str]]) -> list[tuple[Span, ...]]:
    """Per row, the label cells starting on it (a column span is a row span here)."""
    rows: list[list[Span]] = [[] for _ in paths]
    for level in _spans(paths):
        for first, span in level:
            rows[first].append(Span(span.text, span.rowspan, span.colspan, span.kind))
    return [tuple(r) for r in rows]


def _printed(spec: CellSpec, template: str) -> str:
    return spec.ordinal_for(template) + spec.label_for(template).rpartition(" / ")[0]


def _ancestors(spec: CellSpec, template: str) -> list[str]:
    by_id = load_catalogue().by_id
    found: list[str] = []
    parent = spec.parent
    while parent is not None:
        group = by_id[parent]
        found.insert(0, group.ordinal_for(template) + group.label_for(template))
        parent = group.parent
    return found


def _old(template: str) -> Grid:
    rows = []
    for spec in load_catalogue().cells_of(template):
        if spec.kind is Kind.NOTE:
            continue
        label = Span(spec.ordinal_for(template) + spec.label_for(template))
        unit = spec.unit or "——"
        rows.append(GridRow((label,), (spec.id,), unit=unit, depth=len(_ancestors(spec, template))))
    head = (tuple(Span(word) for word in _OLD_HEAD),)
    return Grid(name="", title=_OLD_TITLE, head=head, rows=tuple(rows), label_columns=1)


def _table_cells(template: str, prefixes: tuple[str, ...]) -> list[CellSpec]:
    return [
        spec
        for spec in load_catalogue().cells_of(template)
        if spec.kind.is_numeric and spec.id.startswith(prefixes)
    ]


def _active(template: str, title: str) -> list[Grid]:
    """Table 二: one grid per 第二十条 block, as printed."""
    catalogue = load_catalogue()
    cells = _table_cells(template, ("new.active",))
    blocks = [
        s
        for s in catalogue.cells_of(template)
        if s.id.startswith("new.active") and s.kind is Kind.GROUP
    ]
    found = []
    for block in blocks:
        mine = [c for c in cells if c.parent == block.id]
        items = list(dict.fromkeys(c.row for c in mine))
        columns = list(dict.fromkeys(c.column for c in mine))
        header = {c.column: c.label_for(template).rpartition(" / ")[2] for c in mine}
        rows = []
        for item in items:
            first = next(c for c in mine if c.row == item)
            by_column = {c.column: c.id for c in mine if c.row == item}
            label = Span(first.label_for(template).rpartition(" / ")[0])
            rows.append(GridRow((label,), tuple(by_column.get(col) for col in columns)))
        head = (tuple(Span(text) for text in (_ITEM_HEAD, *(header[c] for c in columns))),)
        caption = block.label_for(template)
        found.append(
            Grid(
                name="二", title=f"{title} {caption}", head=head, rows=tuple(rows), label_columns=1
            )
        )
    return found


def _requests(template: str, title: str) -> Grid:
    """Table 三: 申请人情况 columns, 本年度办理结果 rows."""
    cells = _table_cells(template, ("new.req",))
    columns = list(dict.fromkeys(c.column for c in cells))
    header = {c.column: c.label_for(template).rpartition(" / ")[2] for c in cells}
    inner = columns[1:-1]
    column_paths = [
        (_APPLICANTS, _ORGANISATIONS, header[c]) if c in inner else (_APPLICANTS, header[c])
        for c in columns
    ]
    row_ids = list(dict.fromkeys(c.row for c in cells))
    firsts = {r: next(c for c in cells if c.row == r) for r in row_ids}
    row_paths = [(*_ancestors(firsts[r], template), _printed(firsts[r], template)) for r in row_ids]
    labels = _labels(row_paths)
    by_place = {(c.row, c.column): c.id for c in cells}
    rows = tuple(
        GridRow(labels[i], tuple(by_place.get((r, c)) for c in columns))
        for i, r in enumerate(row_ids)
    )
    note = load_catalogue().by_id["new.req.note"].label
    depth = max(len(p) for p in row_paths)
    head = _head(column_paths)
    head = ((Span(note, depth, len(head)), *head[0]), *head[1:])
    return Grid(name="三", title=title, head=head, rows=rows, label_columns=depth)


def _appeals(template: str, title: str) -> Grid:
    """Table 四: one row of 15 numbers under 行政复议 and 行政诉讼's two groups."""
    cells = _table_cells(template, ("new.review", "new.suit"))
    paths = [tuple(c.label_for(template).split(" / ")) for c in cells]
    row = GridRow((), tuple(c.id for c in cells))
    return Grid(name="四", title=title, head=_head(paths), rows=(row,), label_columns=0)


@functools.cache
def grids(template: str) -> tuple[Grid, ...]:
    """The statistics tables of ``template`` as printed, in report order."""
    catalogue = load_catalogue()
    if catalogue.template(template).family == "old":
        return (_old(template),)
    titles = {s.ordinal: f"{s.ordinal}、{s.title}" for s in catalogue.sections}
    return (
        *_active(template, titles["二"]),
        _requests(template, titles["三"]),
        _appeals(template, titles["四"]),
    )
