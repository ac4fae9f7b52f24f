"""How govinfo compares text: width folding and label keys.

The one home of both. The normaliser folds every line with :func:`fold`; the
catalogue, the table readers and the prose reader compare labels by
:func:`key`; the value reader folds a cell before reading its number.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CACHED_TEXT_CHARS", "compact", "fold", "folded_key", "key", "text_cache"]

_T = TypeVar("_T")

#: Texts longer than this are not cached by :func:`text_cache`.
CACHED_TEXT_CHARS = 64


def text_cache(maxsize: int) -> Callable[[Callable[[str], _T]], Callable[[str], _T]]:
    """Cache a function of one text, for texts of at most :data:`CACHED_TEXT_CHARS`.

    Labels, cell texts and words repeat within a report and across reports, so
    the readers ask the same question of the same text many times. Long texts
    rarely repeat, and keeping them would hold a whole line per entry for as
    long as the process lives: they are computed every time.

    >>> from govinfo.folding import text_cache
    >>> @text_cache(16)
    ... def width(text: str) -> int:
    ...     return len(text)
    >>> width("一二三"), width("x" * 100)
    (3, 100)
    """

    def decorate(function: Callable[[str], _T]) -> Callable[[str], _T]:
        cached = functools.lru_cache(maxsize=maxsize)(function)

        # One argument only: this wrapper runs on every lookup, packing costs.
        @functools.wraps(function)
        def lookup(text: str) -> _T:
            return cached(text) if len(text) <= CACHED_TEXT_CHARS else function(text)

        return lookup

    return decorate


# Full-width ASCII forms (！ to ～) fold to ASCII; the ideographic space and
# no-break space fold to a plain space. All one-to-one. (A regex with a lookup
# is several times faster than str.translate on CJK text.)
_FOLD = {
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
    "\u3000": " ",
    "\xa0": " ",
}
_FOLD_RE = re.compile("[\uff01-\uff5e\u3000\xa0]")
_QUOTES_RE = re.compile("[“”‘’\"'「」『』]")


def fold(text: str) -> str:
    """Fold full-width forms to ASCII and odd spaces to a space (lengths kept).

    >>> from govinfo.folding import fold, key
    >>> fold("（一）１２　件")
    '(一)12 件'
    """
    return _FOLD_RE.sub(lambda m: _FOLD[m.group()], text)


@text_cache(maxsize=8192)
def key(text: str) -> str:
    """The matching key of a label: folded, no whitespace, no quotes, 其它 → 其他.

    >>> key("（一）主动公开政府信息数　")
    '(一)主动公开政府信息数'
    >>> key("统　计　指　标") == key("统 计 指 标") == "统计指标"
    True
    """
    return folded_key(fold(text))


def compact(text: str) -> str:
    """:func:`folded_key` without its cache, for long texts read once (a report's part)."""
    return _QUOTES_RE.sub("", "".join(text.split())).replace("其它", "其他")


# Called for every label, cell and line; long lines are not kept (a worker reading
# thousands of reports would hold the last 16,384 of them).
@text_cache(maxsize=16384)
def folded_key(text: str) -> str:
    """:func:`key` of text that is already folded (the ``text`` of a normalised line)."""
    return compact(text)
