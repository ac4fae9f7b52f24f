"""Row labels printed wrong, told from prose and header debris before alignment.

A one-character misprint (OCR, a typo) must not make a row vanish: the reader would
take ``一、本年新收政府信息公某申请数量`` for a section heading (prose, which ends the
table), a single row under a misprinted caption for header debris, and a row of blank
cells for a header row. What tells a misprinted row from those is that values follow
its label on its line, and that its label is like a template row's (the test
:mod:`govinfo.tables.align` applies between anchors). Such a row is read, and then
placed by :func:`govinfo.tables.new.matching.match_rows` by its place and likeness
(flag ``label_inexact``), or kept raw with the reason; never dropped.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import TYPE_CHECKING

from govinfo.tables.align import MIN_SIMILARITY, Expected, Printed, similarity
from govinfo.tables.digits import is_value
from govinfo.tables.labels import label_key
from govinfo.tables.new.layout import APPEALS, load_layout
from govinfo.tables.new.lookup import is_group, is_header_phrase, names_something
from govinfo.tables.new.matching import expected_rows

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.text.cells import CellText

__all__ = [
    "blank_row",
    "caption_like",
    "labelled_cells",
    "misprint_cut",
    "misprinted",
    "only_values",
    "resembles_row",
]

# Group ids of table 二's captions.
_CAPTION = "new.active.art20"
# A piece this short left by a cut at phrases (二、某 | 上年结转…) is that misprint.
_MISPRINT_CHARS = 2
# Chinese characters, and the ordinal of the next label when a cut left it there.
_HANZI_RE = re.compile("(?P<text>[\u4e00-\u9fff]+)(?:\\([一二三四五六七八九十]{1,3}\\))?")


@functools.lru_cache(maxsize=1024)
def resembles_row(text: str, table: str, *, groups: bool = False) -> bool:
    """Whether a label is like enough to a row of ``table`` to be that row misprinted.

    Like means :func:`~govinfo.tables.align.similarity` at least
    :data:`~govinfo.tables.align.MIN_SIMILARITY`. With ``groups``, group labels and
    captions (of any table) count too.
    """
    label, ordinal = label_key(text)
    printed = Printed(label, ordinal)
    layout = load_layout()
    expected, _ = expected_rows()
    rows = [row for row in expected if layout.rows[row.id].table == table]
    if groups:
        rows += [Expected(group, (text_key,)) for text_key, group in layout.groups.items()]
    return any(similarity(printed, row) >= MIN_SIMILARITY for row in rows)


@functools.lru_cache(maxsize=1024)
def caption_like(text: str) -> str | None:
    """The table 二 caption (第二十条第（一）项) a misprinted text is, if one fits best.

    Like means :func:`~govinfo.tables.align.similarity` at least
    :data:`~govinfo.tables.align.MIN_SIMILARITY`; when two captions fit equally
    (第二十条第（某）项), none is taken.
    """
    printed = Printed(label_key(text)[0])
    scores = sorted(
        (similarity(printed, Expected(group, (caption,))), group)
        for caption, group in load_layout().groups.items()
        if group.startswith(_CAPTION)
    )
    if len(scores) < 2 or scores[-1][0] < MIN_SIMILARITY or scores[-2][0] == scores[-1][0]:
        return None
    return scores[-1][1]


def labelled_cells(cells: Sequence[CellText]) -> set[CellText]:
    """The text cells of a line that a value follows: row labels, whatever they say."""
    if len(cells) < 2:  # most lines: one cell
        return set()
    return {
        cell
        for cell, after in itertools.pairwise(cells)
        if cell.text and not is_value(cell.text) and is_value(after.text)
    }


def only_values(cells: Sequence[CellText]) -> bool:
    """A line of numbers only (blank cells aside)."""
    texts = [c.text for c in cells if c.text]
    return bool(texts) and all(is_value(t) for t in texts)


def misprinted(piece: CellText, table: str | None) -> bool:
    """A piece that names something, or one misprinted.

    A misprinted piece is Chinese characters between optional ordinals: one or two
    (二、某), or a text like a row's, group's or caption's (三、本年度办某结果（一）).
    """
    if names_something(piece.text, table):
        return True
    label, ordinal = label_key(piece.text)
    match = _HANZI_RE.fullmatch(label)
    if match is None:
        return False
    text = match["text"]
    return len(text) <= _MISPRINT_CHARS or resembles_row(ordinal + text, table or "", groups=True)


def misprint_cut(pieces: list[CellText], table: str | None) -> list[CellText]:
    """The pieces of a row's label, with values after it, that are to be read.

    A piece that is no phrase but a misprint of one (二、某 | 上年结转…, 三、本年度办
    某结果 | （一）予以公开) is not prose: it is left out unless it is the last piece,
    the row's label, found by alignment. Pieces with prose or a header phrase (headers
    and values run together) are all read as they are.
    """
    if any(is_header_phrase(p.text) for p in pieces):
        return pieces
    if not all(misprinted(p, table) for p in pieces):
        return pieces
    return [p for p in pieces[:-1] if names_something(p.text, table)] + pieces[-1:]


def blank_row(
    cells: Sequence[CellText], texts: list[int], table: str | None, *, data_started: bool
) -> bool:
    """A positional row of blank cells whose one text, first, has an ordinal.

    Rows named exactly are found by the reader; this one (a misprinted label) is kept
    for the alignment once the data rows have started, never taken for a header.
    """
    if not data_started or table in {None, APPEALS} or texts != [0] or len(cells) < 2:
        return False
    text = cells[0].text
    return bool(label_key(text)[1]) and not is_group(text)
