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

import re
from typing import TYPE_CHECKING

from govinfo.catalogue import load_catalogue
from govinfo.folding import folded_key
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
# A line that starts like a heading, or is long enough to hold headings inside it,
# found in the joined text: a line holds no line break, so [^\S\n] is its \s.
_CANDIDATE_RE = re.compile(
    rf"^(?:[^\S\n]*(?:#+[^\S\n]*)?[{_ORDINALS}]{{1,2}}[、.]|[^\n]{{{_RUN_TOGETHER}}})",
    re.MULTILINE,
)
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


def _headings(line: Line) -> Iterator[tuple[int, int, str, str]]:
    """(where it starts, where its title ends, ordinal, title) of each heading on a line."""
    text = line.text
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
    noise = LineKind.NOISE
    # The whole text, after an empty line 0 (the text before the first heading starts
    # with it): a part's text is a slice of it, and one regex pass finds the lines
    # that may hold a heading, instead of a test per line.
    whole = "\n".join(["", *["" if line.kind is noise else line.text for line in lines]])
    sections: list[Section] = []
    line_no, ordinal, title, start = 0, "", "", 0
    index = counted = 0  # the line whose offset in `whole` is `counted`
    for candidate in _CANDIDATE_RE.finditer(whole):
        offset = candidate.start()
        index += whole.count("\n", counted, offset)
        counted = offset
        line = lines[index - 1]
        for begin, end, found_ordinal, found_title in _headings(line):
            sections.append(
                Section(
                    line=line_no, ordinal=ordinal, title=title, text=whole[start : offset + begin]
                )
            )
            line_no, ordinal, title, start = line.number, found_ordinal, found_title, offset + end
    sections.append(Section(line=line_no, ordinal=ordinal, title=title, text=whole[start:]))
    return tuple(sections)
