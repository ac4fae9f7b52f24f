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


class _TextCache(dict[str, _T]):
    """The results of a function of one text, at most ``maxsize`` of them.

    A dict whose ``__missing__`` computes: looking up a text already seen costs
    one C-level dict lookup and no Python frame. When full, it starts over (the
    texts of the reports being read come back at once).
    """

    def __init__(self, function: Callable[[str], _T], maxsize: int, chars: int) -> None:
        super().__init__()
        self.function = function
        self.maxsize = maxsize
        self.chars = chars

    def __missing__(self, text: str) -> _T:
        value = self.function(text)
        if len(text) <= self.chars:
            if len(self) >= self.maxsize:
                self.clear()
            self[text] = value
        return value


def text_cache(
    maxsize: int, chars: int = CACHED_TEXT_CHARS
) -> Callable[[Callable[[str], _T]], Callable[[str], _T]]:
    """Cache a function of one text, for texts of at most ``chars`` characters.

    Labels, cell texts and words repeat within a report and across reports, so
    the readers ask the same question of the same text many times. Long texts
    rarely repeat, and keeping them would hold a whole line per entry for as
    long as the process lives: they are computed every time. At most
    ``maxsize`` results are kept; when full, the cache starts over. The
    function must be pure: a result is shared by every caller.

    >>> from govinfo.folding import text_cache
    >>> @text_cache(16)
    ... def width(text: str) -> int:
    ...     return len(text)
    >>> width("一二三"), width("x" * 100)
    (3, 100)
    """

    def decorate(function: Callable[[str], _T]) -> Callable[[str], _T]:
        # A partial of the dict's own lookup: a call that finds its text runs no
        # Python code (functions such as `key` are asked hundreds of times per
        # report). update_wrapper gives it the function's name, doc and signature.
        lookup = functools.partial(_TextCache(function, maxsize, chars).__getitem__)
        functools.update_wrapper(lookup, function)
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
