"""Row labels as both table readers see them: ordinals, keys and trimmed forms.

A printed label is an ordinal (``一、``, ``（二）``, ``3.``, ``其中：``) and a text;
labels are compared by key (:func:`govinfo.folding.key`), and a trailing
parenthetical the template does not print (``（区分处理的，只计这一情形…）``) may
be cut when the whole label is unknown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govinfo.folding import folded_key, text_cache

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["NUMERALS", "ORDINAL_RE", "label_key", "shortened"]

#: The Chinese numerals of ordinals (``三、``, ``（二）``).
NUMERALS = "一二三四五六七八九十"
#: A row or heading ordinal at the start of a folded line, by level.
ORDINAL_RE = re.compile(
    rf"""^(?:
        (?P<sec>[{NUMERALS}]{{1,3}}\s*[、.])
      | (?P<paren>\(\s*[{NUMERALS}]{{1,3}}\s*\)[、.]?)
      | (?P<item>\d{{1,2}}\s*[、.](?!\d))
      | (?P<where>其中\s*[:：])
    )""",
    re.VERBOSE,
)


@text_cache(maxsize=8192)
def label_key(text: str) -> tuple[str, str]:
    """A label's key without its ordinal, and the ordinal."""
    text_key = folded_key(text)
    match = ORDINAL_RE.match(text_key)
    return (text_key[match.end() :], text_key[: match.end()]) if match else (text_key, "")


# Trailing parentheticals stripped from a key at most (see shortened).
_MAX_PARENTHETICALS = 3


def shortened(text_key: str) -> Iterator[str]:
    """A key, then the key without each trailing parenthetical the layout does not print.

    At most three are stripped.
    """
    # A printed label adds one or two such parentheticals; stripping them one by one
    # from a long run of them would cost time quadratic in the text's length.
    for _ in range(_MAX_PARENTHETICALS + 1):
        if not text_key:
            return
        yield text_key
        cut = text_key.rfind("(")
        if cut <= 0 or not text_key.endswith(")"):
            return
        text_key = text_key[:cut]
