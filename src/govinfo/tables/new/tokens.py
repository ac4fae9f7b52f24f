"""A table line as cells: label texts and values, wherever the separators went.

Pipe and tab rows keep their cells and positions (:func:`govinfo.text.cells.split_cells`).
A line printed without separators (PDF text, pages whose cells ran together) is cut
here, by what its characters are:

- words that read as values are values (``4.2万``, ``251000元``, ``—``), and so
  are the words printed in place of one (``不适用``, ``abc``: see
  :func:`govinfo.values.is_not_a_number`), kept as text;
- a label and the words after it up to the next value are one label, so a label
  with stray spaces (``社会公益 组织``, ``第二十条 第（一）项``) stays whole, and a
  new row starts only at an ordinal (``法提供 2.没有现成信息…``);
- digits glued to a label are its value (``行政处罚2113``) when the label is one the
  tables print or long enough to be one; an Arabic ordinal glued to the digits
  before it (``00000002.其他法律…``) belongs to the next row: the catalogue's
  Arabic ordinals have one digit;
- text that is several printed phrases run together is cut at them later, by the
  reader, which knows whether a table is open
  (:func:`~govinfo.tables.new.lookup.segment`).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from govinfo.catalogue import load_catalogue
from govinfo.folding import folded_key, text_cache
from govinfo.tables.labels import ORDINAL_RE
from govinfo.tables.new.lookup import row_for
from govinfo.text.cells import CellText, is_row_line, split_cells
from govinfo.text.normalize import LineKind
from govinfo.values import is_not_a_number, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from govinfo.text.normalize import Line

__all__ = ["line_cells", "text_cells"]

_WORD_RE = re.compile(r"\S+")
# A minus glued to the digits before it signs the next value (`37-632`: 37, then -6…).
_NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# A unit or qualifier a value may carry after its digits (元, 万, 余人…): at most this long.
_SUFFIX_CHARS = 3
# Glued digits this long are a value whatever the text before them.
_LONG_RUN = 3
# A label of this many Chinese characters may carry glued digits even if unknown.
_LABEL_CHARS = 4


def line_cells(lines: Iterable[Line]) -> Iterator[tuple[Line, list[CellText], bool]]:
    """Each line's cells and whether their positions are kept (noise and blanks skipped).

    A line that is only ``|`` separates the cells of a one-cell-per-line table:
    the line after it is one cell, blank or not.
    """
    pending = False
    noise, blank = LineKind.NOISE, LineKind.BLANK
    for line in lines:
        kind = line.kind
        if kind is noise:
            continue
        stripped = line.text.strip()
        if stripped == "|":
            pending = True
        elif pending:
            pending = False
            column = line.text.find(stripped) + 1
            yield line, [tuple.__new__(CellText, (stripped, line.number, column, 0, 0))], True
        elif kind is not blank:
            if is_row_line(line.text):
                cells, positional = split_cells(line)
            else:
                cells, positional = text_cells(line), False
            if cells:
                yield line, cells, positional


def text_cells(line: Line) -> list[CellText]:
    """The cells of a line printed without separators (see the module docstring)."""
    number = line.number
    # tuple.__new__ makes the same CellText without the Python-level __new__ of a
    # NamedTuple: a cell per word of every table line is built.
    return [
        tuple.__new__(CellText, (text, number, column, 0, 0)) for text, column in _pieces(line.text)
    ]


# Lines repeat within a report and across reports (a cell per line: 0, 1, labels).
@text_cache(maxsize=8192)
def _pieces(text: str) -> tuple[tuple[str, int], ...]:
    """The cells of a line as (text, 1-based column) pairs."""
    # [start, end] of each cell; a label word after a label word extends the last one.
    spans: list[list[int]] = []
    last_is_label = False
    last_index = -2
    for index, word in enumerate(_WORD_RE.finditer(text)):
        offset = word.start()
        for number, start, end, opens in _word_pieces(word.group()):
            if not number and last_is_label and last_index == index - 1 and not opens and spans:
                spans[-1][1] = end + offset
            else:
                spans.append([start + offset, end + offset])
            last_is_label, last_index = not number, index
    return tuple((text[start:end], start + 1) for start, end in spans)


# Words repeat within a report and across reports (labels, 0, 1).
@text_cache(maxsize=16384)
def _word_pieces(word: str) -> tuple[tuple[bool, int, int, bool], ...]:
    """A word as (is a value, start, end, opens a row) pieces, offsets within the word."""
    if parse_value(word) is not None or is_not_a_number(word):
        return ((True, 0, len(word), False),)
    return tuple(_unglue(word))


def _unglue(word: str) -> list[tuple[bool, int, int, bool]]:
    """A word that is not a value, as (is a value, start, end, opens a row) pieces."""
    pieces: list[tuple[bool, int, int, bool]] = []
    at = 0
    opens = bool(ORDINAL_RE.match(folded_key(word)))
    for match in _NUMBER_RE.finditer(word):
        start, end = match.span()
        if start < at:
            continue
        after = word[end : end + 2]
        ordinal = len(after) == 2 and after[0] in ".、" and not after[1].isdigit()
        if ordinal and "." not in match.group():
            # The last digits are the next row's ordinal (the catalogue's are one digit long).
            cut = max(start, end - _ordinal_digits())
            if start > at:
                pieces.append((False, at, start, opens))
                opens = False
            if cut > start:
                pieces.append((True, start, cut, False))
            at, opens = cut, True
            continue
        if start > at and not _glued_value(word[at:start], match.group()):
            continue
        end = _with_suffix(word, start, end)
        if start > at:
            pieces.append((False, at, start, opens))
        pieces.append((True, start, end, False))
        at, opens = end, False
    if at < len(word):
        pieces.append((False, at, len(word), opens))
    return pieces


def _glued_value(label: str, digits: str) -> bool:
    """Digits right after ``label`` are a value, not part of the label (``数据1``)."""
    if len(digits) >= _LONG_RUN or row_for(label, None) is not None:
        return True
    return len(_CJK_RE.findall(label)) >= _LABEL_CHARS and bool(_CJK_RE.match(label[-1]))


def _with_suffix(word: str, start: int, end: int) -> int:
    """Extend a number over the unit or qualifier written after it (``251000元``)."""
    best = end
    for stop in range(end + 1, min(len(word), end + _SUFFIX_CHARS) + 1):
        if parse_value(word[start:stop]) is not None:
            best = stop
    return best


@functools.cache
def _ordinal_digits() -> int:
    """Digits of the longest Arabic ordinal the new tables print (``8.``: one)."""
    return max(
        len(spec.ordinal.rstrip(".、"))
        for spec in load_catalogue().cells
        if spec.family == "new" and spec.ordinal[:1].isdigit()
    )
