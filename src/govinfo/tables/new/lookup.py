"""What a text of a 2019/2021 table names: a row, a group, a header column, a cell.

Lookups in the layout (:mod:`.layout`), cached per label: labels repeat within
and across reports. :func:`segment` cuts text whose cells ran together (``第二十条第
（一）项信息内容本年制发件数…规章``) at the phrases the tables print.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, NamedTuple

from govinfo.catalogue import Kind, load_catalogue
from govinfo.folding import CACHED_TEXT_CHARS, compact, folded_key, key, text_cache
from govinfo.tables.labels import NUMERALS, ORDINAL_RE, label_key, shortened
from govinfo.tables.new.layout import REQUESTS, load_layout
from govinfo.text.cells import CellText

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.catalogue import CellSpec
    from govinfo.tables.new.layout import Row
    from govinfo.text.normalize import Line

__all__ = [
    "BALANCE_NOTE",
    "HEADER_RUN",
    "HEADER_WORDS",
    "Facts",
    "cell_spec",
    "facts",
    "fragments",
    "full_labels",
    "header_column",
    "is_group",
    "is_header_phrase",
    "is_prose",
    "might_open",
    "names_something",
    "openers",
    "opens_table",
    "row_for",
    "segment",
]

#: Words of the tables' header rows that open table 三 (申请人情况) or 四 (行政复议).
HEADER_WORDS = frozenset(
    key(w) for w in ("申请人情况", "法人或其他组织", "信息内容", "行政诉讼", "行政复议")
)
_PROSE_RE = re.compile(r"。.")
# Quotes and spaces are not part of a label's key (see govinfo.folding.key).
_UNKEYED = frozenset(" \t“”‘’\"'「」『』")
# The first characters of a cell text that may be a section heading (一、…): a
# numeral of its ordinal, or a quote before it (quotes are not part of a key).
_HEADING_STARTS = frozenset(NUMERALS) | _UNKEYED
#: Header phrases in a row that make a header row (and open its table) inside prose.
HEADER_RUN = 3
# Phrases shorter than this are not cut out of run-together text (其他, 总计 occur
# inside longer labels).
_MIN_PHRASE = 4


@functools.cache
def balance_note() -> str:
    """Key of table 三's balance note (catalogue ``new.req.note``): a header, not a row."""
    return key(load_catalogue().by_id["new.req.note"].label)


BALANCE_NOTE = balance_note()


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


def row_for(text: str, table: str | None) -> Row | None:
    """The layout row a label names (ordinal and unprinted parentheticals aside).

    A label several tables print (none today) goes to ``table``'s row.
    """
    # Long texts are looked up but not kept (see :func:`govinfo.folding.text_cache`).
    if len(text) > CACHED_TEXT_CHARS:
        return _row_for.__wrapped__(text, table)
    return _row_for(text, table)


@functools.lru_cache(maxsize=4096)
def _row_for(text: str, table: str | None) -> Row | None:
    label, _ = label_key(text)
    layout = load_layout()
    for base in shortened(label):
        ids = layout.row_labels.get(base)
        if ids:
            rows = [layout.rows[i] for i in ids]
            in_table = [r for r in rows if r.table == table]
            return (in_table or rows)[0]
    return None


def header_column(text: str, table: str) -> str | None:
    """The column a header cell names in ``table`` (``None``: not a header)."""
    if len(text) > CACHED_TEXT_CHARS:
        return _header_column.__wrapped__(text, table)
    return _header_column(text, table)


@functools.lru_cache(maxsize=1024)
def _header_column(text: str, table: str) -> str | None:
    headers = load_layout().headers[table]
    return next((headers[k] for k in shortened(folded_key(text)) if k in headers), None)


@functools.lru_cache(maxsize=1024)
def cell_spec(row: str, column: str) -> tuple[str, CellSpec | None]:
    """The catalogue id and entry of a row × column cell (``None``: no such cell)."""
    cell_id = load_layout().cell_id(row, column)
    return cell_id, load_catalogue().by_id.get(cell_id)


class Facts(NamedTuple):
    """What a cell text names with ``table`` open (see :func:`facts`)."""

    #: :func:`~govinfo.folding.folded_key` of the text.
    key: str
    #: Its ordinal (:func:`~govinfo.tables.labels.label_key`), ``""`` if none.
    ordinal: str
    #: The group or caption it names (:func:`is_group`), or ``None``.
    group: str | None
    #: :func:`row_for` the text in ``table``.
    row: Row | None
    #: :func:`header_column` in ``table`` (``None`` when no table is open).
    column: str | None
    #: :func:`names_something` in ``table``.
    named: bool


def facts(text: str, table: str | None) -> Facts:
    """What ``text`` names with ``table`` open, looked up at once.

    The reader asks several of these questions of every label cell, each a cached
    lookup of its own; one lookup answers them all.
    """
    if len(text) > CACHED_TEXT_CHARS:
        return _facts.__wrapped__(text, table)
    return _facts(text, table)


@functools.lru_cache(maxsize=4096)
def _facts(text: str, table: str | None) -> Facts:
    label, ordinal = label_key(text)
    return Facts(
        key=folded_key(text),
        ordinal=ordinal,
        group=load_layout().groups.get(label),
        row=row_for(text, table),
        column=None if table is None else header_column(text, table),
        named=names_something(text, table),
    )


def names_something(text: str, table: str | None) -> bool:
    """A text the tables print whole: a row, group, caption, header or header word."""
    label = label_key(text)[0]
    if label in load_layout().groups or row_for(text, table) is not None:
        return True
    text_key = folded_key(text)
    if text_key in HEADER_WORDS or text_key == BALANCE_NOTE:
        return True
    return table is not None and header_column(text, table) is not None


@text_cache(maxsize=8192)
def opens_table(text: str) -> bool:
    """A phrase that opens a table even inside prose.

    A caption, 申请人情况, the balance note, or table 三's first row: the other rows'
    labels (予以公开…) are words of the prose too.
    """
    group = load_layout().groups.get(label_key(text)[0], "")
    if group.startswith("new.active.art20"):
        return True
    text_key = folded_key(text)
    if text_key in {key("申请人情况"), BALANCE_NOTE}:
        return True
    row = row_for(text, None)
    first = next(r for r in load_layout().rows.values() if r.table == REQUESTS)
    return row is first


@text_cache(maxsize=8192)
def is_header_phrase(text: str) -> bool:
    """A header cell of some table, or a header word (行政复议, 申请人情况)."""
    text_key = folded_key(text)
    if text_key in HEADER_WORDS:
        return True
    return any(header_column(text, table) is not None for table in load_layout().headers)


@functools.cache
def _openers() -> re.Pattern[str]:
    """Every phrase that can open one of the tables (captions, header words, row labels)."""
    layout = load_layout()
    phrases = {*layout.groups, *HEADER_WORDS, BALANCE_NOTE}
    phrases |= {label for label, ids in layout.row_labels.items() if label}
    ordered = sorted((p for p in phrases if p), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)))


# Lines searched first: a report's first caption is printed near its top.
_HEAD_LINES = 64


def might_open(lines: Sequence[Line]) -> bool:
    """Whether any phrase that opens a table is printed at all (one search of the text).

    The compacted head of the text is a prefix of the compacted whole (compacting
    drops and maps characters one by one, and 其它 cannot overlap itself), so a
    phrase found in the head is in the whole: most reports need no more.
    """
    texts = [line.text for line in lines]
    if len(texts) > _HEAD_LINES and _openers().search(compact("".join(texts[:_HEAD_LINES]))):
        return True
    return _openers().search(compact("".join(texts))) is not None


def is_group(text: str) -> bool:
    """A group row or caption of the layout (no numbers of its own)."""
    return label_key(text)[0] in load_layout().groups


@functools.cache
def full_labels() -> tuple[str, ...]:
    """Keys of every row and group label with its ordinal (``三、本年度办理结果``)."""
    layout = load_layout()
    catalogue = load_catalogue()
    rows = [key(r.ordinal + r.label) for r in layout.rows.values()]
    groups = [
        key(catalogue.by_id[g].ordinal + catalogue.by_id[g].label) for g in layout.groups.values()
    ]
    return tuple(rows + groups)


def is_prose(cells: list[CellText], table: str) -> bool:
    """A line of prose after a table: a long sentence, or a section heading no table prints.

    A heading is a line with a ``一、``-style ordinal whose text is no row, group or
    header of the tables, nor the start of one (``三、`` alone begins 三、本年度办理结果,
    printed one character per line).
    """
    first = cells[0].text
    if len(first) > 40 and _PROSE_RE.search(first):
        return True
    # Most lines end here: a heading's key starts with its ordinal's numeral, and a
    # key starts with the text's first character that is no quote nor space.
    start = first[:1]
    if len(cells) > 1 or not (start in _HEADING_STARTS or start.isspace()):
        return False
    match = ORDINAL_RE.match(folded_key(first))
    if match is None or not match["sec"]:
        return False
    label = label_key(first)[0]
    known = (
        row_for(first, table) is not None
        or label in load_layout().groups
        or header_column(first, table) is not None
    )
    whole = folded_key(first)
    return not known and not any(full.startswith(whole) for full in full_labels())


@functools.cache
def _phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """The phrases the tables print (keys of at least four characters) and their kinds."""
    layout = load_layout()
    kinds: dict[str, str] = {}
    for base in layout.row_labels:
        kinds.setdefault(base, "row")
    for group in layout.groups:
        kinds.setdefault(group, "group")
    for headers in layout.headers.values():
        for header in headers:
            kinds.setdefault(header, "header")
    for word in (*HEADER_WORDS, BALANCE_NOTE):
        kinds.setdefault(word, "word")
    for spec in load_catalogue().cells:
        if spec.family == "new" and spec.kind is Kind.NOTE:
            kinds.setdefault(key(spec.label), "word")
    usable = sorted((p for p in kinds if len(p) >= _MIN_PHRASE), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, usable))), kinds


def segment(cell: CellText) -> list[CellText]:
    """Cut text whose table cells ran together at the phrases the tables print.

    ``三、本年度办理结果（一）予以公开`` gives ``三、本年度办理结果`` and ``（一）予以公开``:
    the longest phrase wins at each place, an ordinal before a phrase stays with it,
    and text between phrases is kept as a piece of its own. Text that holds no phrase,
    or is one phrase, comes back whole.
    """
    bounds = _segments(cell.text)
    if bounds is None:
        return [cell]
    text, line, column, slot, width = cell
    return [CellText(text[start:end], line, column + start, slot, width) for start, end in bounds]


# Long texts (a prose line) are cut each time they are read: they rarely repeat.
@text_cache(maxsize=4096)
def _segments(text: str) -> tuple[tuple[int, int], ...] | None:
    """(start, end) of each piece of ``text`` (see :func:`segment`); ``None``: it is whole."""
    # Offsets in the folded text map back to the text through `kept` (其它 → 其他
    # keeps the length; spaces and quotes are dropped, when there are any).
    kept: Sequence[int]
    if _UNKEYED.isdisjoint(text):
        kept, folded = range(len(text)), text.replace("其它", "其他")
    else:
        kept = [i for i, ch in enumerate(text) if ch not in _UNKEYED]
        folded = "".join(text[i] for i in kept).replace("其它", "其他")
    pattern, _ = _phrases()
    bounds: list[tuple[int, int]] = []
    at = 0
    for match in pattern.finditer(folded):
        start, end = match.span()
        if start > at and not _only_ordinal(folded[at:start]):
            bounds.append((at, start))
            at = start
        bounds.append((at, end))  # an ordinal just before a phrase stays with it
        at = end
    if at < len(folded):
        bounds.append((at, len(folded)))
    if len(bounds) <= 1:
        return None
    return tuple((kept[start], kept[end - 1] + 1) for start, end in bounds)


def _only_ordinal(text: str) -> bool:
    match = ORDINAL_RE.match(text)
    return bool(text) and match is not None and match.end() == len(text)


def openers(pieces: Sequence[CellText]) -> set[int]:
    """Indices of the pieces of run-together text that may open a table inside prose.

    A caption, 申请人情况, the balance note, table 三's first row (:func:`opens_table`),
    or the first of three header phrases in a row (行政复议 is a word of the prose too).
    """
    found = {i for i, piece in enumerate(pieces) if opens_table(piece.text)}
    run: list[int] = []
    for index, piece in enumerate([*pieces, None]):
        if piece is not None and is_header_phrase(piece.text):
            run.append(index)
            continue
        if len(run) >= HEADER_RUN:
            found.add(run[0])
        run = []
    return found
