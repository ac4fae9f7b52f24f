"""How govinfo compares text: width folding and label keys.

The one home of both. The normaliser folds every line with :func:`fold`; the
catalogue, the table readers and the prose reader compare labels by
:func:`key`; the value reader folds a cell before reading its number.
"""

from __future__ import annotations

import functools
import re

__all__ = ["compact", "fold", "folded_key", "key"]

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


@functools.lru_cache(maxsize=8192)
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


@functools.lru_cache(maxsize=16384)
def folded_key(text: str) -> str:
    """:func:`key` of text that is already folded (the ``text`` of a normalised line)."""
    return compact(text)
