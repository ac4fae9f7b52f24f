"""Normalise report text while keeping every character's original line and column.

Two forms of a line are kept side by side: ``raw`` (as read) and ``text`` (width
folded, Simplified script, noise spans blanked). Every step here maps one
character to one character, so a column in ``text`` is the same column in
``raw``; a step that cannot keep lengths equal is not applied to that line.
Label *keys* (:func:`govinfo.folding.key`), which drop whitespace and quotes,
are made on demand and never stand in for the text.
"""

from __future__ import annotations

import enum
import functools
import re
from typing import NamedTuple

import attrs

from govinfo.folding import fold, text_cache

__all__ = ["Document", "Line", "LineKind", "normalize"]

# Phrase-level artefacts of Traditional converters and mirrors that OpenCC's
# character conversion leaves behind (spec templates.md §5.3). Same lengths on
# both sides, so columns stay put.
_PHRASE_FIXES = {
    "规范性档案": "规范性文件",
    "入口网站": "门户网站",
    "程式": "程序",
    "全麵": "全面",
    "方麵": "方面",
}
_PHRASE_RE = re.compile("|".join(map(re.escape, _PHRASE_FIXES)))

# A report is converted when at least this many characters change under
# Traditional → Simplified: a few legitimate variants occur in Simplified text.
_TRADITIONAL_MIN_CHANGES = 8
# Frequent characters that exist only in Traditional script. Every Traditional
# report has some (公開, 條例, 數…); a text with none skips the converter.
_TRADITIONAL_HINT_RE = re.compile(
    "[們與為個來開關於這說時會對從過還進後當發經實點現體國區報號條數據資區縣這務請辦處]"
)


class LineKind(enum.StrEnum):
    """What a line is, before any table logic."""

    TEXT = "text"
    BLANK = "blank"
    #: Set aside (images, bookmarks, page footers, site chrome).
    NOISE = "noise"


class Line(NamedTuple):
    """One source line: its number, the text as read and the normalised text.

    A named tuple rather than an attrs class: a report has hundreds of lines,
    and tuples are the cheapest record to build.
    """

    number: int
    raw: str
    text: str
    kind: LineKind

    @property
    def indent(self) -> int:
        """Columns of leading whitespace in ``text``."""
        return len(self.text) - len(self.text.lstrip())


@attrs.frozen(kw_only=True)
class Document:
    """A whole report as normalised lines, with what the normaliser did."""

    lines: tuple[Line, ...]
    converted_from_traditional: bool = False
    #: Lines where the Simplified conversion changed the length and was not applied.
    unconverted_lines: tuple[int, ...] = ()


# `[image: …]` and `[bookmark: …]` left by Word → text converters.
_INLINE_NOISE_RE = re.compile(r"\[(?:image|bookmark):[^\]]*\]")
# Anchored at the start of the stripped line, so one `match` call decides.
_NOISE_LINE_RE = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            # Page footers: "- 4 -", "— 4 —", "第4页", "第 4 页 共 12 页", "4/12".
            r"[-—─]\s*\d{1,3}\s*[-—─]$",
            r"第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?$",
            r"\d{1,3}\s*/\s*\d{1,3}$",
            # Chrome of government CMS pages, scraped along with the report.
            r"欢迎访问",
            r"简体\s*繁[体體]$",
            r"网站支持IPv6",
            r"关闭窗口$",
            r"【?\s*打印(?:本页)?\s*】?$",
            r"【?\s*关闭\s*】?$",
            r"扫一扫在手机",
            r"\d{4}-\d\d-\d\d\s+点击数[:：]",
            r"(?:索引号|发布机构|公开目录|发布日期|公开方式|文号|生成日期|主题分类|标题)[:：\s]",
            r"分享到[:：]?",
            r"字号[:：]",
            # Headers of web archivers and crawlers saved above the page text.
            r"(?:本地目录|原文链接|页面链接|发布时间|栏目|来源|当前位置)[:：\s]",
            r"=+\s*正文\s*=+$",
        )
    )
)


# Markdown from OCR or converters: heading marks (`### 一、…`) and bold/italic marks.
_MARKDOWN_RE = re.compile(r"^\s*#{1,6}(?=\s)|\*\*|__")


def _strip_noise(text: str, *, markdown: bool = True, brackets: bool = True) -> str:
    """Blank out inline noise spans and Markdown marks with spaces, keeping every column.

    ``markdown`` and ``brackets`` say whether the document holds such marks at all
    (checked once for the whole text).
    """
    if markdown and ("#" in text or "*" in text or "__" in text):
        text = _MARKDOWN_RE.sub(lambda m: " " * len(m.group()), text)
    if not brackets or "[" not in text:
        return text
    return _INLINE_NOISE_RE.sub(lambda m: " " * len(m.group()), text)


# Chrome, footers and archive headers are short lines.
_MAX_NOISE_CHARS = 200


def _classify(text: str) -> LineKind:
    stripped = text.strip()
    if not stripped:
        return LineKind.BLANK
    # A whole page run together on one line starts like chrome but is the report.
    if len(stripped) <= _MAX_NOISE_CHARS and _NOISE_LINE_RE.match(stripped):
        return LineKind.NOISE
    return LineKind.TEXT


@functools.cache
def _converter() -> _Converter:
    import opencc  # noqa: PLC0415 - heavy C++ extension, loaded on first use

    return _Converter(opencc.OpenCC("t2s"))


@attrs.frozen
class _Converter:
    cc: object

    def convert(self, text: str) -> str:
        out: str = self.cc.convert(text)  # type: ignore[attr-defined]
        return out


def _to_simplified(lines: list[str], joined: str) -> tuple[list[str], bool, tuple[int, ...]]:
    """Convert Traditional script line by line where it keeps the length.

    ``joined`` is the lines joined by newlines.
    """
    if not _TRADITIONAL_HINT_RE.search(joined):
        return lines, False, ()
    converted = _converter().convert(joined)
    if converted == joined:
        return lines, False, ()
    new_lines = converted.split("\n")
    if len(new_lines) != len(lines):
        new_lines = [_converter().convert(line) for line in lines]
    # Count changed characters on changed lines only: cheap for Simplified text.
    changes = sum(
        sum(a != b for a, b in zip(old, new, strict=False))
        for old, new in zip(lines, new_lines, strict=True)
        if old != new
    )
    if changes < _TRADITIONAL_MIN_CHANGES:
        return lines, False, ()
    out: list[str] = []
    skipped: list[int] = []
    for number, (old, new) in enumerate(zip(lines, new_lines, strict=True), start=1):
        fixed = _PHRASE_RE.sub(lambda m: _PHRASE_FIXES[m.group()], new)
        if len(fixed) == len(old):
            out.append(fixed)
        else:
            out.append(old)
            skipped.append(number)
    return out, True, tuple(skipped)


def normalize(text: str) -> Document:
    r"""Split ``text`` into normalised :class:`Line` records.

    Traditional script is converted when enough of the text is Traditional (a
    few variant characters in Simplified text are left alone):

    >>> from govinfo.text.normalize import normalize
    >>> doc = normalize("（一）主動公開政府資訊條數\n（二）開展網上訪談\n[image: ]\n")
    >>> [(line.text, line.kind.value) for line in doc.lines]
    [('(一)主动公开政府资讯条数', 'text'), ('(二)开展网上访谈', 'text'), ('         ', 'noise')]
    >>> doc.converted_from_traditional
    True
    """
    raw_lines = text.removeprefix("\ufeff").splitlines()
    # Folding never adds or removes a line break, so each line folds alone, and a
    # line seen before (a template's headings and rows recur) is one dict lookup.
    folded = list(map(_fold_line, raw_lines))
    joined = "\n".join(folded)
    simplified, converted, skipped = _to_simplified(folded, joined)
    markdown = "#" in joined or "*" in joined or "__" in joined
    lines = _make_lines(raw_lines, simplified, markdown=markdown, brackets="[" in joined)
    return Document(lines=lines, converted_from_traditional=converted, unconverted_lines=skipped)


_fold_line = text_cache(maxsize=4096, chars=_MAX_NOISE_CHARS)(fold)


def _make_lines(
    raw_lines: list[str], texts: list[str], *, markdown: bool, brackets: bool
) -> tuple[Line, ...]:
    # Every step maps over the lines in C (cached forms, then tuple.__new__, which
    # builds the same Line without a NamedTuple's Python-level __new__): a report
    # has hundreds of lines and most were seen in earlier reports.
    forms = list(map(_LINE_FORMS[markdown, brackets], texts))
    cleans, kinds = zip(*forms, strict=True) if forms else ((), ())
    numbers = range(1, len(raw_lines) + 1)
    make = functools.partial(tuple.__new__, Line)
    return tuple(map(make, zip(numbers, raw_lines, cleans, kinds, strict=True)))


def _line_form(text: str, *, markdown: bool, brackets: bool) -> tuple[str, LineKind]:
    """A line's text with its noise blanked, and its kind."""
    clean = _strip_noise(text, markdown=markdown, brackets=brackets)
    if clean is not text and clean != text and not clean.strip():
        # A line that held only images or bookmarks is noise, not a blank separator.
        return clean, LineKind.NOISE
    return clean, _classify(clean)


# The lines of a template (headings, table rows, stock sentences) repeat across
# thousands of reports: each line's form is cached, for lines up to the longest
# that may be noise (longer ones are prose, rarely repeated), per document flags.
_LINE_FORMS = {
    (markdown, brackets): text_cache(maxsize=4096, chars=_MAX_NOISE_CHARS)(
        functools.partial(_line_form, markdown=markdown, brackets=brackets)
    )
    for markdown in (False, True)
    for brackets in (False, True)
}
