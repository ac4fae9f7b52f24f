"""The report's top-level parts: 一、总体情况 … 六、其他需要报告的事项.

A part starts at a heading line: an ordinal 一 to 十 and 、 at the start of the
line (after markdown ``#`` marks), with a short title and no number at its end
(a table row such as ``一、本年新收政府信息公开申请数量 3001 53 …`` is no
heading). In a page whose text runs together on one long line, a heading
inside the line counts when its title names a part of the catalogue
(``sections``). Table lines stay in the parts' text: the report-level rules
read prose only where no table stands.
"""

from __future__ import annotations

import itertools
import operator
import re
from typing import TYPE_CHECKING

from govinfo.catalogue import load_catalogue
from govinfo.folding import folded_key, text_cache
from govinfo.models import Section
from govinfo.text.normalize import LineKind

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from govinfo.text.normalize import Line

__all__ = ["read_sections", "sentence_after_title"]

_ORDINALS = "一二三四五六七八九十"
_HEADING_RE = re.compile(rf"^\s*(?:#+\s*)?(?P<ordinal>[{_ORDINALS}]{{1,2}})[、.](?P<title>.*)$")
# Inside a run-together line a heading may follow a table's last cell (…251000元三、…).
_INLINE_RE = re.compile(rf"(?<![{_ORDINALS}])(?P<ordinal>[{_ORDINALS}]{{1,2}})、")
_TITLE_END_RE = re.compile(r"[。\s(]")
_TITLE_MAX = 40
# A line this long holds whole paragraphs: headings may stand inside it.
_RUN_TOGETHER = 200
# Sentence punctuation (text is width-folded: ，；！？ are ASCII here).
_SENTENCE_MARK_RE = re.compile(r"[。,;!?]")
# What ends a title before a sentence on its line: spaces, a full stop or a colon.
_TITLE_END_MARK_RE = re.compile(r"\s+|[。:]")


def sentence_after_title(text: str, start: int) -> int | None:
    """Where the sentence printed on a heading's line after its title begins, if one is.

    A heading may carry its part's first sentence on its own line
    (``一、总体情况 本年度共收到申请70件。``, ``一、总体情况：本年度…``): the
    title, from ``start``, is the words up to the first spaces, full stop or
    colon. After spaces, what follows is a sentence only when it holds sentence
    punctuation and does not open a parenthetical; after a full stop or colon,
    any text is. ``None`` when the line is a heading only (``一、总体 情况``,
    ``二、主动公开情况：``, ``（二）部分公开 （区分处理的，只计这一情形）``).

    >>> from govinfo.text.sections import sentence_after_title
    >>> line = "一、总体情况 本年度共收到申请70件。"
    >>> line[sentence_after_title(line, 2):]
    '本年度共收到申请70件。'
    >>> sentence_after_title("一、总体 情况", 2) is None
    True
    """
    end = _TITLE_END_MARK_RE.search(text, start)
    if end is None or end.start() == start or end.start() - start > _TITLE_MAX:
        return None
    if _SENTENCE_MARK_RE.search(text, start, end.start()):
        return None
    rest = text[end.end() :]
    if not rest.strip():
        return None
    # After spaces, a parenthetical is the title's own (（区分处理的，只计这一情形）).
    if end.group().isspace() and (rest.startswith("(") or not _SENTENCE_MARK_RE.search(rest)):
        return None
    return end.end() + len(rest) - len(rest.lstrip())


def _is_part(title: str) -> bool:
    title_key = folded_key(title)
    return any(cue in title_key for s in load_catalogue().sections for cue in s.cues)


# A report's headings (一、总体情况) recur in every report of its template.
@text_cache(maxsize=4096, chars=_RUN_TOGETHER)
def _headings(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """(where it starts, where its title ends, ordinal, title) of each heading on a line."""
    return tuple(_find_headings(text))


def _find_headings(text: str) -> Iterator[tuple[int, int, str, str]]:
    match = _HEADING_RE.match(text)
    if match is not None:
        begin = match.start("title") + len(match["title"]) - len(match["title"].lstrip())
        sentence = sentence_after_title(text, begin)
        if sentence is not None:
            # The part's text starts at the sentence printed after the title.
            yield 0, sentence, match["ordinal"], _TITLE_END_MARK_RE.split(text[begin:], 1)[0]
            return
        title = match["title"].strip()
        if title and len(title) <= _TITLE_MAX and not title[-1].isdigit():
            yield 0, len(text), match["ordinal"], title
            return
    if len(text) < _RUN_TOGETHER:
        return
    for inline in _INLINE_RE.finditer(text):
        # Searched within the title's reach: a whole-line search per heading is quadratic.
        limit = inline.end() + _TITLE_MAX
        end = _TITLE_END_RE.search(text, inline.end(), limit)
        stop = min(end.start() if end else len(text), limit)
        title = text[inline.end() : stop]
        if _is_part(title):
            yield inline.start(), stop, inline["ordinal"], title


def read_sections(lines: Sequence[Line]) -> tuple[Section, ...]:
    """The report's parts in text order, the text before the first heading first.

    Returns:
        Sections whose ``text`` keeps one source line per text line (noise
        lines empty), so that :meth:`~govinfo.Section.line_of` finds the line
        of anything in it.
    """
    # Each step maps over the lines in C; only lines that may hold a heading (a
    # cached test of their text) are looked at in Python, their headings cached too.
    texts = list(map(_TEXT, lines))
    kinds = list(map(_KIND, lines))
    noise = LineKind.NOISE
    if noise in kinds:
        texts = [text if kind is not noise else "" for text, kind in zip(texts, kinds, strict=True)]
    # The whole text after an empty line 0 (the text before the first heading starts
    # with it): a part's text is a slice of it. Line i starts at offsets[i].
    whole = "\n".join(["", *texts])
    offsets = list(itertools.accumulate(map(_PLUS_1, map(len, texts)), initial=1))
    sections: list[Section] = []
    line_no, ordinal, title, start = 0, "", "", 0
    for index in itertools.compress(range(len(texts)), map(_may_hold_heading, texts)):
        line, offset = lines[index], offsets[index]
        for begin, end, found_ordinal, found_title in _headings(line.text):
            text = whole[start : offset + begin]
            sections.append(Section(line=line_no, ordinal=ordinal, title=title, text=text))
            line_no, ordinal, title, start = line.number, found_ordinal, found_title, offset + end
    sections.append(Section(line=line_no, ordinal=ordinal, title=title, text=whole[start:]))
    return tuple(sections)


_TEXT = operator.attrgetter("text")
_KIND = operator.attrgetter("kind")
_PLUS_1 = (1).__add__


@text_cache(maxsize=8192, chars=_RUN_TOGETHER)
def _may_hold_heading(text: str) -> bool:
    """A line that starts like a heading, or is long enough to hold headings inside it."""
    return len(text) >= _RUN_TOGETHER or _HEADING_RE.match(text) is not None
