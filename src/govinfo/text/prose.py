"""Figures the report's prose states for catalogue cells (origin ``prose``).

Precision before recall. A figure (a number with a unit) is tied to a subject
only when its clause, the text between the punctuation before and after it,
reads ``[scope words] cue [connector]`` with the cue naming that subject (see
``catalogue/prose.json`` and :mod:`govinfo.catalogue.subjects`). So
``区政府及其部门网站主动公开政府信息11807条`` is not the total, and ``审批事项办结
171件`` is not 申请办结数. A relative cue (``办结``, ``其中结果维持``) takes its
subject from the figure before it in the same sentence, which must be about the
same table (``受理政府信息公开申请3119件，答复3050件``; ``其中自然人申请741件`` and
``废止4件`` name a column of the row before them). Each report reads the
cues of its own template family only, so a 2021 report's 行政诉讼 is never filed
under an old-table id.

Lines wrapped inside a sentence (PDF text) are read as one paragraph; every
figure keeps the line and column where its number starts.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from typing import TYPE_CHECKING, NamedTuple

from govinfo.catalogue import load_catalogue
from govinfo.catalogue.subjects import (
    family_templates,
    load_phrasings,
    phrasing_data,
    readings,
    subject_unit,
)
from govinfo.folding import folded_key
from govinfo.models import Cell, Origin, nowhere
from govinfo.text.normalize import LineKind
from govinfo.text.sections import sentence_after_title
from govinfo.values import in_unit, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from govinfo.catalogue.subjects import Phrasings
    from govinfo.models import Locate
    from govinfo.text.normalize import Line

__all__ = ["prose_family", "read_prose"]

# Text is width-folded: ，；：！？（） are ASCII here.
# A topic runs on over `；`: 受理申请749件，其中…；共办理718件.
_SENTENCE_END_RE = re.compile(r"[。!?]")
_CLAUSE_END_RE = re.compile(r"[,.;:、!?。“”\[\]《》]")
# A closed parenthetical belongs to the words before it: `乡镇政府（街道办事处）设置…`.
_PAREN_RE = re.compile(r"\([^()]*\)")
_YEAR_RE = re.compile(r"(?:19|20)\d\d年度?")
_QUALIFIERS = ("超过", "近", "约")
_LABEL_TAILS = ("总次数", "次数", "总数", "数量", "数")
# Longer clauses cannot be scope words and a cue; the bound keeps matching cheap.
_MAX_CLAUSE = 64
_HEADING_RE = re.compile(
    r"^\s*(?:#+\s*)?(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、](?!\d))"
)
_HEADING_MAX = 30
# A line this long inside a table is a whole page run together, prose included.
_RUN_TOGETHER = 200


def prose_family(template: str | None, year: int | None) -> str | None:
    """The template family whose cells the prose is read for.

    The table's family when a table was read; otherwise the data year's: the old
    统计表 until 2018, the new tables from 2020 (2019 reports used both).
    """
    if template is not None:
        return load_catalogue().template(template).family
    if year is None or year == 2019:
        return None
    return "old" if year < 2019 else "new"


class _Paragraph(NamedTuple):
    """Lines read as one text: normalised text, raw text, and where each line starts."""

    text: str
    raw: str
    starts: list[int]
    lines: list[tuple[Line, int]]

    def place(self, offset: int) -> tuple[Line, int]:
        """The line and 1-based column of a paragraph offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        line, indent = self.lines[index]
        return line, offset - self.starts[index] + indent + 1


def _is_heading(text: str) -> bool:
    return bool(_HEADING_RE.match(text)) and len(text) <= _HEADING_MAX and "。" not in text


def _opening(text: str, stripped: str) -> tuple[bool, bool, int]:
    """Whether a line is a heading, whether it opens a paragraph, where its prose starts.

    A heading with its part's first sentence on its line (``一、总体情况 本年度…``)
    is no heading but opens a paragraph at the sentence, so that the sentence's
    first clause is not the title's.
    """
    indent = len(text) - len(text.lstrip())
    if _is_heading(stripped):
        return True, True, indent
    match = _HEADING_RE.match(text)
    if match is None:
        return False, False, indent
    title = match.end() + len(text[match.end() :]) - len(text[match.end() :].lstrip())
    sentence = sentence_after_title(text, title)
    return (False, False, indent) if sentence is None else (False, True, sentence)


def _paragraph(parts: Sequence[tuple[Line, int]]) -> _Paragraph:
    """Lines (each with its indent) as one paragraph."""
    texts, raws, starts, offset = [], [], [], 0
    for line, indent in parts:
        end = len(line.text.rstrip())
        texts.append(line.text[indent:end])
        raws.append(line.raw[indent:end])
        starts.append(offset)
        offset += end - indent
    return _Paragraph("".join(texts), "".join(raws), starts, list(parts))


def _covered(lines: Sequence[Line], spans: Sequence[range]) -> set[int]:
    """The numbers of the lines (in order) that tables cover: one lookup per line tells.

    Spans are cut to the lines' numbers, so a span is never wider than the text.
    """
    first, last = (lines[0].number, lines[-1].number + 1) if lines else (0, 0)
    covered: set[int] = set()
    for span in spans:
        covered.update(range(max(span.start, first), min(span.stop, last)))
    return covered


def _paragraphs(lines: Iterable[Line], spans: Sequence[range]) -> Iterator[_Paragraph]:
    """Prose lines joined where a sentence runs on; tables and blank lines end a paragraph."""
    lines = tuple(lines)
    parts: list[tuple[Line, int]] = []
    # Whether the last line taken ends its paragraph (a full stop, a heading).
    closed = False
    covered = _covered(lines, spans)
    # Table lines are most of a report: which lines they are is found in C, and a
    # run of them is read at once.
    in_table = list(map(covered.__contains__, map(_NUMBER, lines)))
    index, count = 0, len(lines)
    while index < count:
        if in_table[index]:
            end = _run_end(in_table, index, count)
            run = lines[index:end]
            index = end
            # A table line ends the paragraph (page furniture inside it does not).
            if parts and list(map(_KIND, run)).count(LineKind.NOISE) < len(run):
                yield _paragraph(parts)
                parts = []
            for line in itertools.compress(run, map(_LONG, map(len, map(_TEXT, run)))):
                if line.kind is LineKind.TEXT:
                    # A page run together on one line: its prose shares the table's line.
                    # No table cell carries a cue and a unit, so its numbers stay untied.
                    yield _paragraph([(line, len(line.text) - len(line.text.lstrip()))])
            continue
        line = lines[index]
        index += 1
        if line.kind is not LineKind.TEXT:
            if line.kind is LineKind.BLANK and parts:
                yield _paragraph(parts)
                parts = []
            continue  # noise: page furniture inside a wrapped paragraph
        stripped = line.text.strip()
        heading, opens, start = _opening(line.text, stripped)
        if parts and (closed or opens):
            yield _paragraph(parts)
            parts = []
        parts.append((line, start))
        closed = heading or stripped.endswith(("。", "!", "?", ";"))
    if parts:
        yield _paragraph(parts)


_NUMBER = operator.attrgetter("number")
_KIND = operator.attrgetter("kind")
_TEXT = operator.attrgetter("text")
_LONG = (_RUN_TOGETHER - 1).__lt__


def _run_end(in_table: list[bool], start: int, count: int) -> int:
    """Where the run of table lines from ``start`` ends."""
    try:
        return in_table.index(False, start, count)
    except ValueError:
        return count


class _Scanner(NamedTuple):
    phrasings: Phrasings
    templates: frozenset[str]
    scope_re: re.Pattern[str]
    connectors: tuple[str, ...]
    lengths: tuple[int, ...]
    relative: dict[str, list[tuple[str, str]]]


@functools.cache
def _number_re() -> re.Pattern[str]:
    """A number and its unit, found in linear time.

    Possessive digits and the look-behind keep it linear on long digit runs: a
    position inside a run is rejected at once, and a run is read only once.
    """
    rules = load_catalogue().unit_rules
    groups = (*rules.compatible, *rules.convertible)
    written = load_catalogue().units | rules.counts | {u for g in groups for u in g}
    # 万元 amounts are 万 (the multiplier) then 元.
    units = "|".join(sorted(written - {"万元", ""}, key=len, reverse=True))
    return re.compile(rf"(?<![\d.])\d++(?:\.\d++)? ?[万亿]? ?[余多]? ?(?:{units})")


@functools.cache
def _scanner(family: str, template: str | None) -> _Scanner:
    data = phrasing_data()
    phrasings = load_phrasings(family)
    # An atomic group of the patterns, then the words longest first: scope words
    # are read greedily, never re-split (本年度 is not 本年 + 年度), so a failed
    # match is linear. The patterns come first: 市政府办公厅代表市政府 is one scope.
    words = sorted(data["scopes"], key=len, reverse=True)
    scopes = [*data["scope_patterns"], *map(re.escape, words)]
    relative: dict[str, list[tuple[str, str]]] = {}
    for prefix, cues in phrasings.follow.items():
        for cue, subject in cues.items():
            relative.setdefault(cue, []).append(("follow:" + prefix, subject))
    for cue, column in phrasings.parts.items():
        relative.setdefault(cue, []).append(("part", column))
    for cue, row in phrasings.items.items():
        relative.setdefault(cue, []).append(("item", row))
    lengths = {len(cue) for cue in (*phrasings.cues, *relative)}
    return _Scanner(
        phrasings=phrasings,
        templates=frozenset([template]) if template else family_templates(family),
        scope_re=re.compile(rf"(?>{'|'.join(scopes)})*"),
        connectors=tuple(data["connectors"]),
        lengths=tuple(sorted(lengths, reverse=True)),
        relative=relative,
    )


def _before(text: str) -> str:
    """The clause before a number in key form: parentheticals and years removed."""
    if "(" in text:
        text = _PAREN_RE.sub("", text)
        text = text[text.rfind("(") + 1 :]
    return _YEAR_RE.sub("", folded_key(text))


def _after(text: str) -> str:
    """The clause after a number's unit, up to a parenthesis, in key form."""
    cut = min((i for i in (text.find("("), text.find(")")) if i >= 0), default=len(text))
    return _YEAR_RE.sub("", folded_key(text[:cut]))


def _strip_connector(clause: str, connectors: tuple[str, ...]) -> str:
    """Drop one connector (为, 达到, 共…) between the cue and the number."""
    for connector in connectors:
        if clause.endswith(connector):
            return clause[: -len(connector)]
    return clause


class _Figure(NamedTuple):
    subject: str
    #: Whether the cue named the subject itself (a topic for relative cues).
    absolute: bool


def _valid(subject: str, scanner: _Scanner) -> bool:
    return any(readings(subject, template) for template in scanner.templates)


def _resolve(clause: str, topic: str | None, scanner: _Scanner) -> list[_Figure]:
    """The subjects a clause may name, in order of preference (units decide later)."""
    for length in scanner.lengths:
        if length > len(clause):
            continue
        cue = clause[-length:]
        absolute = scanner.phrasings.cues.get(cue, ())
        relative = scanner.relative.get(cue, ())
        if not absolute and not relative:
            continue
        # Only the longest cue counts: 主要负责同志参加…访谈, not …访谈 alone.
        if not scanner.scope_re.fullmatch(clause[:-length]):
            return []
        found = [_Figure(s, absolute=True) for s in absolute]
        found.extend(f for kind, target in relative if (f := _related(kind, target, topic)))
        return [f for f in found if _valid(f.subject, scanner)]
    return []


def _related(kind: str, target: str, topic: str | None) -> _Figure | None:
    """A relative cue's subject, given the sentence's topic."""
    if topic is None:
        return None
    phrasings = load_phrasings(topic.partition(".")[0])
    row, _, column = topic.rpartition(".")
    if kind.startswith("follow:"):
        return _Figure(target, absolute=False) if topic.startswith(kind[7:]) else None
    if kind == "part" and topic in phrasings.part_topics:
        return _Figure(f"{row}.{target}", absolute=False)
    if kind == "item" and row in phrasings.item_topics:
        return _Figure(f"{target}.{column}", absolute=False)
    return None


def _same_row(subject: str, topic: str | None) -> bool:
    return topic is not None and subject.rpartition(".")[0] == topic.rpartition(".")[0]


def _candidates(before: str, after: str, topic: str | None, scanner: _Scanner) -> list[_Figure]:
    """The subjects a figure's clause may name.

    The cue before the number (受理申请3119件), maybe with a connector (…为78件,
    but not 维持具体行政行为47件) or a label's tail, else around the number
    (收到70件申请).
    """
    stripped = _strip_connector(before, scanner.connectors)
    # A label's 数 may follow a phrasing (告知做出更改补充数10件).
    untailed = [c[: -len(t)] for c in (before, stripped) for t in _LABEL_TAILS if c.endswith(t)]
    for clause in dict.fromkeys([before, stripped, *untailed]):
        candidates = _resolve(clause, topic, scanner)
        if candidates:
            return candidates
    return _resolve(before + after, topic, scanner) if after else []


def _clause(text: str, match: re.Match[str], start: int) -> tuple[int, str, str] | None:
    """Where a figure begins (a qualifier included), and its clause before and after.

    ``None`` when the clause is too long to be scope words and a cue.
    """
    begin = match.start()
    for qualifier in _QUALIFIERS:
        if text.endswith(qualifier, start, begin):
            begin -= len(qualifier)
            break
    if begin - start > _MAX_CLAUSE:
        return None
    limit = match.end() + _MAX_CLAUSE  # a search to the paragraph's end per figure is quadratic
    end = _CLAUSE_END_RE.search(text, match.end(), limit)
    stop = min(end.start() if end else len(text), limit)
    return begin, _before(text[start:begin]), _after(text[match.end() : stop])


def _figures(paragraph: _Paragraph, scanner: _Scanner, locate: Locate) -> Iterator[Cell]:
    text = paragraph.text
    matches = list(_number_re().finditer(text))
    if not matches:
        return
    sentence_ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
    bounds = [0, *(m.end() for m in _CLAUSE_END_RE.finditer(text))]
    topic: str | None = None
    # After 其中 the sentence lists parts of its topic: figures that name none of
    # our subjects (其中自然人申请741件) do not end the topic.
    in_parts = False
    sentence = -1
    for match in matches:
        index = bisect.bisect_right(sentence_ends, match.start())
        if index != sentence:
            sentence, topic, in_parts = index, None, False
        clause = _clause(text, match, bounds[bisect.bisect_right(bounds, match.start()) - 1])
        cell = figure = None
        if clause is not None:
            begin, before, after = clause
            in_parts = in_parts or before.startswith("其中")
            for figure in _candidates(before, after, topic, scanner):
                where = (begin, match.end())
                cell = _cell(figure.subject, paragraph, where, scanner=scanner, locate=locate)
                if cell is not None:
                    break
        if cell is None:
            if not in_parts:
                topic = None  # a figure about something else ends the topic
            continue
        if figure is not None and figure.absolute and not _same_row(figure.subject, topic):
            # A new topic; a part named in full (…驳回原告诉讼请求数25件) keeps the old one.
            topic, in_parts = figure.subject, False
        yield cell


def _cell(
    subject: str,
    paragraph: _Paragraph,
    where: tuple[int, int],
    *,
    scanner: _Scanner,
    locate: Locate,
) -> Cell | None:
    begin, end = where
    quantity = parse_value(paragraph.text[begin:end])
    template = next(iter(scanner.templates)) if len(scanner.templates) == 1 else None
    unit = subject_unit(subject, template)
    rules = load_catalogue().unit_rules
    if quantity is None or quantity.is_missing or not rules.agree(unit, quantity.unit):
        return None
    line, column = paragraph.place(begin)
    context = paragraph.raw[max(0, begin - 20) : begin].strip()
    return Cell.from_quantity(
        subject,
        in_unit(quantity, unit),
        unit=unit,
        raw=paragraph.raw[begin:end],
        line=line.number,
        column=column,
        origin=Origin.PROSE,
        label=context,
        place=locate(line.number, column),
    )


def read_prose(
    lines: Iterable[Line],
    table_lines: Iterable[range],
    locate: Locate = nowhere,
    *,
    template: str | None = None,
    year: int | None = None,
) -> tuple[Cell, ...]:
    """Prose figures tied to subjects of the report's template family, in text order.

    Args:
        lines: the report's normalised lines.
        table_lines: the line ranges of the tables, left out of the prose.
        locate: places a figure in the carrier the text was made from.
        template: the template of the report's tables; its family's cues are used
            and a subject must mean something in it.
        year: the data year, which picks the family when no table was read.

    Returns:
        One :class:`~govinfo.Cell` per figure (origin ``prose``), its ``id`` the
        subject: a catalogue cell, a group's column sum (``new.suit.total``) or a
        subject of ``prose.json`` (:func:`govinfo.catalogue.subjects.readings`).
    """
    family = prose_family(template, year)
    if family is None:
        return ()
    scanner = _scanner(family, template)
    spans = list(table_lines)
    found: list[Cell] = []
    for paragraph in _paragraphs(lines, spans):
        found.extend(_figures(paragraph, scanner, locate))
    return tuple(found)
