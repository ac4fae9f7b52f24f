"""What a cell of a 2019/2021 table names: a row, a group, a header column, a cell.

Lookups in the layout (:mod:`.layout`), cached per label: labels repeat within
and across reports.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from govinfo.catalogue import load_catalogue
from govinfo.folding import folded_key, key
from govinfo.tables.labels import label_key, shortened
from govinfo.tables.new.layout import load_layout
from govinfo.values import parse_value

if TYPE_CHECKING:
    from govinfo.catalogue import CellSpec
    from govinfo.tables.new.layout import Row
    from govinfo.text.cells import CellText

__all__ = [
    "BALANCE_NOTE",
    "HEADER_WORDS",
    "cell_spec",
    "fragments",
    "header_column",
    "is_data_line",
    "is_group",
    "is_prose",
    "row_for",
]

HEADER_WORDS = frozenset(
    key(w) for w in ("申请人情况", "法人或其他组织", "信息内容", "行政诉讼", "行政复议")
)
# The balance note printed in a header cell of table 三 (a header, not a row).
BALANCE_NOTE = key("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
_PROSE_RE = re.compile(r"。.")
_TRAILING_DIGITS_RE = re.compile(r"^(?P<label>.*?\D)(?P<digits>\d{2,})$")


@functools.cache
def fragments() -> str:
    """Every header and group label (with ordinal), joined, to recognise their pieces."""
    layout = load_layout()
    groups = set(layout.groups.values())
    return "\0".join(
        [
            *(h for headers in layout.headers.values() for h in headers),
            *(key(c.ordinal + c.label) for c in load_catalogue().cells if c.id in groups),
            *HEADER_WORDS,
        ]
    )


@functools.lru_cache(maxsize=4096)
def row_for(text: str, table: str | None) -> tuple[Row | None, str]:
    """The layout row a label names (preferring ``table``'s), and digits run into it."""
    label, _ = label_key(text)
    match = _TRAILING_DIGITS_RE.match(label)
    row = _row_by_label(label, table)
    if row is not None:
        return row, ""
    if match is not None:
        row = _row_by_label(match["label"], table)
        if row is not None:
            return row, match["digits"]
    return None, ""


def _row_by_label(label: str, table: str | None) -> Row | None:
    layout = load_layout()
    for base in shortened(label):
        ids = layout.row_labels.get(base)
        if ids:
            rows = [layout.rows[i] for i in ids]
            in_table = [r for r in rows if r.table == table]
            return (in_table or rows)[0]
    return None


@functools.lru_cache(maxsize=1024)
def header_column(text: str, table: str) -> str | None:
    """The column a header cell names in ``table`` (``None``: not a header)."""
    headers = load_layout().headers[table]
    return next((headers[k] for k in shortened(folded_key(text)) if k in headers), None)


@functools.lru_cache(maxsize=1024)
def cell_spec(row: str, column: str) -> tuple[str, CellSpec | None]:
    """The catalogue id and entry of a row × column cell (``None``: no such cell)."""
    cell_id = load_layout().cell_id(row, column)
    return cell_id, load_catalogue().by_id.get(cell_id)


def is_group(text: str) -> bool:
    """A group row or caption of the layout (no numbers of its own)."""
    return label_key(text)[0] in load_layout().groups


def is_data_line(cells: list[CellText], table: str | None) -> bool:
    """Only values, or a row label followed by values (groups allowed beside it)."""
    texts = [c for c in cells if c.text and parse_value(c.text) is None]
    if not texts:
        return True
    rows = [row_for(c.text, table)[0] is not None for c in texts]
    groups_or_rows = all(r or is_group(c.text) for r, c in zip(rows, texts, strict=True))
    return groups_or_rows and any(rows)


def is_prose(cells: list[CellText], table: str) -> bool:
    """A line of prose after a table: a long sentence, or a heading no table prints."""
    first = cells[0].text
    if _PROSE_RE.search(first) and len(first) > 40:
        return True
    label, ordinal = label_key(first)
    if not ordinal or len(cells) > 1:
        return False
    known = (
        row_for(first, table)[0] is not None
        or label in load_layout().groups
        or header_column(first, table) is not None
    )
    return not known
