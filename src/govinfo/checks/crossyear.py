"""Checks across years: a report against the same agency's report of the year before.

Three kinds of finding, each naming the cells or sections concerned:

- the catalogue's cross-year invariants (the rules with ``[N-1]`` operands: N6,
  N7, N11), evaluated by the same interval engine as every other rule;
- ``copied-figures``: most of the table's non-zero figures equal last year's;
- ``repeated-prose``: more than half of a section's prose (by characters)
  repeats sentences of last year's report, figures masked, as assessments
  count it.

Thresholds come from the catalogue's ``crossyear`` section. Reports are linked
by :func:`agency_key` (or by an id the caller supplies); the caller decides
which report is the previous one. ``govinfo dataset`` runs these over a corpus;
for one pair call :func:`crossyear_findings`.
"""

from __future__ import annotations

import functools
import hashlib
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import load_catalogue
from govinfo.catalogue.formulas import compiled_rules
from govinfo.checks.engine import is_exact
from govinfo.checks.findings import iter_findings
from govinfo.folding import key
from govinfo.messages import text
from govinfo.models import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.catalogue import Invariant
    from govinfo.catalogue.formulas import Comparison
    from govinfo.messages import Lang
    from govinfo.models import Report, Section

__all__ = [
    "COPIED_FIGURES",
    "REPEATED_PROSE",
    "ProsePrints",
    "agency_key",
    "copied_figures",
    "copied_figures_finding",
    "crossyear_cell_ids",
    "crossyear_findings",
    "crossyear_rule_ids",
    "finding_meaning",
    "previous_year_findings",
    "prose_prints",
    "repeated_prose",
]

#: The code of a finding that the table's figures are last year's.
COPIED_FIGURES = "copied-figures"
#: The code of a finding that a section's prose is mostly last year's.
REPEATED_PROSE = "repeated-prose"

# Anything up to a path's last separator, and before the first Chinese character,
# is page furniture (`#`, a file path, an archive number), not the agency's name.
_PATH_RE = re.compile(r"^.*[/\\_:]")
_LEADING_JUNK_RE = re.compile(r"^[^\u3400-\u9fff]+")
_TRAILING_JUNK_RE = re.compile(r"[^\u3400-\u9fff\w]+$")
# A sentence ends with one of these; text without one (headings, table rows) is not prose.
# Split after each end (linear time; a findall of "[^end]*[end]" rescans long runs).
_SENTENCE_END_RE = re.compile(r"(?<=[。！？；!?;])")
# A line is prose when it has a sentence or clause mark; table rows do not.
_PROSE_MARK_RE = re.compile(r"[。，；！？、,;!?]")
_FIGURE_RE = re.compile(r"\d+(?:\.\d+)?")
# Top-level heading ordinals: 一、 (the national templates) or 1、 / 1. (some cities).


def agency_key(name: str | None) -> str | None:
    """The key linking an agency's reports across years: its name, folded and trimmed.

    Full-width forms are folded and spaces and quotes dropped (as labels are
    compared); anything up to the last ``/``, backslash, ``_`` or ``:``, before the
    first Chinese character, or after the last word character is dropped
    (``#沭阳县人民政府`` and ``本地目录:zwgk/202001/80485_平潭综合实验区`` read
    as the names they contain).

    >>> from govinfo.checks.crossyear import agency_key
    >>> agency_key("  ＃青禾县人民政府 ")
    '青禾县人民政府'
    >>> agency_key(None) is None
    True
    """
    if name is None:
        return None
    trimmed = _PATH_RE.sub("", key(name))
    trimmed = _TRAILING_JUNK_RE.sub("", _LEADING_JUNK_RE.sub("", trimmed))
    return trimmed or None


@attrs.frozen(kw_only=True)
class ProsePrints:
    """A part of a report's prose as fingerprints of its sentences.

    Attributes:
        ordinal: the heading's ordinal (``二、``); empty for the text before it.
        heading: the heading's text.
        line: the heading's line (0 for the text before the first heading).
        sentences: a 64-bit fingerprint per sentence (figures masked, folded).
        lengths: each sentence's length in characters.
    """

    ordinal: str
    heading: str
    line: int
    sentences: tuple[int, ...]
    lengths: tuple[int, ...]

    @property
    def chars(self) -> int:
        """Characters of prose in the section."""
        return sum(self.lengths)


def _fingerprint(sentence: str) -> int:
    digest = hashlib.blake2b(sentence.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def prose_prints(sections: Sequence[Section]) -> tuple[ProsePrints, ...]:
    """The report's prose, part by part (``Report.sections``), each sentence fingerprinted.

    Lines without a sentence or clause mark (titles, table rows) are left out; a
    sentence must end with 。！？ or ；, and is joined across line breaks. Figures are
    masked, so a sentence repeated with this year's numbers is still repeated.

    Returns:
        One :class:`ProsePrints` per part that has prose, in order.
    """
    minimum = load_catalogue().crossyear.sentence_min_chars
    found: list[ProsePrints] = []
    for section in sections:
        lines = section.text.splitlines()
        prose = "".join(key(line) for line in lines if _PROSE_MARK_RE.search(line))
        sentences = _SENTENCE_END_RE.split(prose)[:-1]  # the last piece has no end
        prints = [p for sentence in sentences if (p := _sentence_print(sentence, minimum))]
        if prints:
            found.append(
                ProsePrints(
                    ordinal=section.ordinal,
                    heading=section.title,
                    line=section.line,
                    sentences=tuple(p[0] for p in prints),
                    lengths=tuple(p[1] for p in prints),
                )
            )
    return tuple(found)


def _sentence_print(sentence: str, minimum: int) -> tuple[int, int] | None:
    """A sentence's fingerprint and masked length; ``None`` when shorter than ``minimum``."""
    # Long sentences are printed each time: the cache would keep them.
    if len(sentence) > _CACHED_SENTENCE_CHARS:
        return _sentence_print_cached.__wrapped__(sentence, minimum)
    return _sentence_print_cached(sentence, minimum)


# The sentences of a template's prose come back in report after report (their
# figures aside): one fingerprint per sentence and process, not per report.
_CACHED_SENTENCE_CHARS = 200


@functools.lru_cache(maxsize=8192)
def _sentence_print_cached(sentence: str, minimum: int) -> tuple[int, int] | None:
    masked = _FIGURE_RE.sub("#", sentence)
    if len(masked) < minimum:
        return None
    return _fingerprint(masked), len(masked)


def repeated_prose(
    sections: Sequence[ProsePrints], previous: Sequence[ProsePrints]
) -> list[Finding]:
    """A warning per section whose prose is mostly sentences of last year's report.

    A sentence counts as repeated when last year's report has it anywhere
    (sections get renumbered). ``actual`` is the repeated share, ``expected`` the
    threshold; ``lines`` the section's heading line.
    """
    threshold = load_catalogue().crossyear.repeated_share
    seen = {fingerprint for section in previous for fingerprint in section.sentences}
    found: list[Finding] = []
    for section in sections:
        total = section.chars
        if not total:
            continue
        repeated = sum(
            length
            for fingerprint, length in zip(section.sentences, section.lengths, strict=True)
            if fingerprint in seen
        )
        share = Decimal(repeated) / Decimal(total)
        if share <= Decimal(str(threshold)):
            continue
        # Ordinals are kept bare (一): the part is named as printed (一、总体情况).
        name = f"{section.ordinal}、{section.heading}" if section.ordinal else section.heading
        name = name or "（标题前正文）"
        percent = (share * 100).quantize(Decimal(1))
        found.append(
            Finding(
                code=REPEATED_PROSE,
                severity=Severity.WARNING,
                message=f"{name}：正文与上年报告重复 {percent}%（{repeated}/{total} 字）",
                expected=Decimal(str(threshold)),
                actual=share.quantize(Decimal("0.001")),
                lines=(section.line,),
            )
        )
    return found


def copied_figures(report: Report, previous: Report) -> Finding | None:
    """A warning when most non-zero figures both tables print equal last year's.

    Compared: cells both reports print exactly, at least one of them non-zero.
    ``actual`` is the share equal to last year's, ``cells`` the equal ones.
    """
    same: list[tuple[str, int]] = []
    compared = 0
    for cell_id, cell in report.cells.items():
        before = previous.cells.get(cell_id)
        if before is None or not is_exact(cell) or not is_exact(before):
            continue
        if cell.value == 0 and before.value == 0:
            continue
        compared += 1
        if cell.value == before.value:
            same.append((cell_id, cell.line))
    return copied_figures_finding(same, compared)


def copied_figures_finding(same: Sequence[tuple[str, int]], compared: int) -> Finding | None:
    """The ``copied-figures`` warning, if ``same`` of ``compared`` figures make one.

    Args:
        same: (cell id, line) of the figures equal to last year's, in table order.
        compared: how many figures were compared (see :func:`copied_figures`).
    """
    rules = load_catalogue().crossyear
    if compared < rules.copied_min_cells or len(same) < rules.copied_share * compared:
        return None
    share = Decimal(len(same)) / Decimal(compared)
    return Finding(
        code=COPIED_FIGURES,
        severity=Severity.WARNING,
        message=f"统计表 {len(same)}/{compared} 个非零数字与上年报告相同，可能照抄上年数据",
        cells=tuple(cell_id for cell_id, _ in same),
        expected=Decimal(str(rules.copied_share)),
        actual=share.quantize(Decimal("0.001")),
        lines=tuple(sorted({line for _, line in same})),
    )


@functools.cache
def _crossyear_rules() -> tuple[tuple[Invariant, tuple[Comparison, ...]], ...]:
    return tuple(
        (invariant, comparisons)
        for invariant, comparisons in compiled_rules()
        if any(
            term.kind == "previous"
            for comparison in comparisons
            for term in (*comparison.left, *comparison.right)
        )
    )


def crossyear_rule_ids() -> tuple[str, ...]:
    """Ids of the catalogue's invariants that read last year's report (``[N-1]``)."""
    return tuple(invariant.id for invariant, _ in _crossyear_rules())


@functools.cache
def crossyear_cell_ids() -> frozenset[str]:
    """The cells the ``[N-1]`` invariants read, in either year."""
    return frozenset(
        term.id
        for _, comparisons in _crossyear_rules()
        for comparison in comparisons
        for term in (*comparison.left, *comparison.right)
        if term.kind in {"cell", "previous"}
    )


def previous_year_findings(report: Report, previous: Report) -> list[Finding]:
    """Findings of the ``[N-1]`` invariants only (N6, N7, N11), on this pair.

    The same engine and messages as :func:`govinfo.check` with ``previous``,
    without evaluating the report's in-year rules again.
    """
    return list(iter_findings(report, previous=previous, rules=frozenset(crossyear_rule_ids())))


def crossyear_findings(
    report: Report,
    previous: Report,
    *,
    sections: Sequence[ProsePrints] | None = None,
    previous_sections: Sequence[ProsePrints] | None = None,
) -> list[Finding]:
    """Every cross-year finding of a report against the agency's previous report.

    Args:
        report: this year's report.
        previous: the same agency's report of the year before.
        sections: :func:`prose_prints` of this year's report (default: computed
            from ``report.sections``).
        previous_sections: the same of last year's report.

    Returns:
        Findings of the ``[N-1]`` invariants, then ``copied-figures``, then
        ``repeated-prose`` per section, in that order.
    """
    found = previous_year_findings(report, previous)
    copied = copied_figures(report, previous)
    if copied is not None:
        found.append(copied)
    mine = prose_prints(report.sections) if sections is None else sections
    theirs = prose_prints(previous.sections) if previous_sections is None else previous_sections
    if mine and theirs:
        found.extend(repeated_prose(mine, theirs))
    return found


def finding_meaning(code: str, lang: Lang = "zh") -> str:
    """What a finding's code means, in one sentence.

    The catalogue's rule says it for the rules' codes; the cross-year checks
    (``copied-figures``, ``repeated-prose``) are not rules of the catalogue. An
    unknown code gives itself.
    """
    rule = load_catalogue().rules_by_id.get(code)
    if rule is not None:
        return rule.statement(lang)
    if code in {COPIED_FIGURES, REPEATED_PROSE}:
        return text(f"meaning_{code.replace('-', '_')}", lang)
    return code
