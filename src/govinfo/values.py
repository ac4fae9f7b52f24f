"""Read the text of one cell (or one prose figure) into a :class:`Quantity`.

Spellings follow catalogue §5: ``12732``, ``83.8``, ``4.2万``, ``5000余人``,
``超过8万余次``, ``近10万人``, ``约30``, ``+2``/``-1``, ``251000元``, and the
placeholders ``——``, ``—``, ``-``, ``/`` and blank, which are *missing*, never 0.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal

import attrs

from govinfo.folding import fold, text_cache
from govinfo.limits import MAX_DIGITS, MAX_VALUE_CHARS

__all__ = ["MISSING", "Qualifier", "Quantity", "in_unit", "is_not_a_number", "parse_value"]


class Qualifier(enum.StrEnum):
    """How exactly a number is known."""

    EXACT = "exact"
    #: ``N余``/``N多``: N ≤ x < N + the place value of N's last non-zero digit.
    APPROXIMATE = "approximate"
    #: ``超过N``: more than N, no upper bound.
    MORE_THAN = "more_than"
    #: ``近N``: at most N, no lower bound.
    AT_MOST = "at_most"
    #: ``约N``/``N左右``: near N, no bounds.
    ABOUT = "about"
    #: Blank or a placeholder; no value, never read as zero.
    MISSING = "missing"


@attrs.frozen(kw_only=True)
class Quantity:
    """A number as printed, with the bounds it stands for.

    ``value`` is the number as written, scaled by 万/亿 (``4.2万`` → 42000);
    ``low``/``high`` bound the true count (``None`` = unbounded); ``unit`` is
    the unit written in the text, if any; ``raw`` is the text as printed;
    ``flags`` name oddities kept for the reader (``stray_text``, ``signed``).
    """

    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: Qualifier
    unit: str = ""
    raw: str = ""
    flags: tuple[str, ...] = ()

    @property
    def is_missing(self) -> bool:
        """True for a blank cell or a placeholder."""
        return self.qualifier is Qualifier.MISSING

    @property
    def is_exact(self) -> bool:
        """True when the number is known exactly."""
        return self.qualifier is Qualifier.EXACT


#: A blank cell (no value, never zero).
MISSING = Quantity(value=None, low=None, high=None, qualifier=Qualifier.MISSING)

_WAN = Decimal(10000)

# Placeholders for "nothing here" seen in real tables (catalogue §5).
PLACEHOLDERS = frozenset({"", "——", "—", "-", "--", "/", "─"})

# Words tables print in a value cell instead of a number. Unlike a placeholder
# they say something (不适用: the row does not apply), so the reader keeps them
# as cells flagged ``not_a_number``, missing for the checks, never zero.
_NOT_NUMBER_WORDS = frozenset(
    {"不适用", "无", "暂无", "未统计", "不涉及", "未涉及", "未发生", "空", "n/a", "na", "null"}
)
# A word of Latin letters only (``abc``) is no label of these Chinese tables.
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")


def is_not_a_number(word: str) -> bool:
    """Whether a word, printed where a value goes, stands in a value cell as text.

    The words tables print in place of a number (``不适用``, ``暂无``, ``N/A``)
    and words of Latin letters only (``abc``): a table row's label is Chinese.

    >>> from govinfo.values import is_not_a_number
    >>> [is_not_a_number(w) for w in ("不适用", "abc", "N/A", "行政许可", "12", "/")]
    [True, True, True, False, False, False]
    """
    text = fold(word).strip() if not word.isascii() else word.strip()
    return text.casefold() in _NOT_NUMBER_WORDS or bool(_LATIN_WORD_RE.fullmatch(text))


# Units written inside a value; the longest first so 人次 wins over 人.
_UNITS = (
    "万元",
    "人次",
    "元",
    "条",
    "件",
    "次",
    "篇",
    "个",
    "人",
    "期",
    "份",
    "项",
    "家",
    "起",
    "帖",
    "封",
    "场",
    "批",
    "处",
    "台",
    "页",
)
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS)

_VALUE_RE = re.compile(
    rf"""
    (?P<stray>[?？�]\s*)?
    (?P<pre>超过|超|近|约|大约)?
    (?P<sign>[+-])?
    (?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)
    (?P<mult>万|亿)?
    (?P<rem>余|多)?
    (?P<unit>{_UNIT_RE})?
    (?P<post>左右)?
    """,
    re.VERBOSE,
)

_MULTIPLIERS = {"万": Decimal(10000), "亿": Decimal(100000000)}


def _place_value(number: str) -> Decimal:
    """The place value of the last non-zero digit: ``5000`` → 1000, ``4.2`` → 0.1."""
    int_part, _, frac = number.partition(".")
    frac = frac.rstrip("0")
    if frac:
        return Decimal(1).scaleb(-len(frac))
    stripped = int_part.rstrip("0")
    if not stripped:
        return Decimal(1)
    return Decimal(1).scaleb(len(int_part) - len(stripped))


# Cell texts repeat (0, 1, ——) within and across reports; results are immutable.
# Long texts are not cached: the cache would keep them.
@text_cache(maxsize=8192, chars=MAX_VALUE_CHARS)
def parse_value(raw: str) -> Quantity | None:
    """Read one cell's text; return ``None`` when it is not a number at all.

    A text longer than :data:`~govinfo.limits.MAX_VALUE_CHARS`, or a number of
    more than :data:`~govinfo.limits.MAX_DIGITS` digits, is not a number: no
    report counts that far, and such a run is text (a phone number, an id, digits
    run together), never a value.

    >>> from govinfo.values import parse_value
    >>> parse_value("4.2万").value
    Decimal('42000')
    >>> q = parse_value("5000余人")
    >>> (q.qualifier.value, q.low, q.high, q.unit)
    ('approximate', Decimal('5000'), Decimal('5999'), '人')
    >>> parse_value("——").qualifier.value
    'missing'
    >>> parse_value("政府网站") is None
    True
    >>> parse_value("1" * 21) is None
    True
    """
    if raw.isdigit() and raw.isascii() and len(raw) <= MAX_DIGITS:
        # Most cells are a plain count: read without the pattern (the same result).
        value = Decimal(raw)
        return Quantity(value=value, low=value, high=value, qualifier=Qualifier.EXACT, raw=raw)
    if len(raw) > MAX_VALUE_CHARS and len(raw.strip()) > MAX_VALUE_CHARS:
        return None
    text = (raw if raw.isascii() else fold(raw)).strip().replace(" ", "")
    if text in PLACEHOLDERS or set(text) <= {"-", "—", "─", "/"}:
        return Quantity(value=None, low=None, high=None, qualifier=Qualifier.MISSING, raw=raw)
    match = _VALUE_RE.fullmatch(text)
    if match is None or sum(c.isdigit() for c in match["num"]) > MAX_DIGITS:
        return None
    return _from_match(match, raw)


def _from_match(match: re.Match[str], raw: str) -> Quantity:
    number = match["num"].replace(",", "")
    scale = _MULTIPLIERS.get(match["mult"] or "", Decimal(1))
    value = Decimal(number) * scale
    if value == value.to_integral_value():
        value = value.to_integral_value()
    if match["sign"] == "-":
        value = -value
    unit = match["unit"] or ""
    flags: list[str] = []
    if match["stray"]:
        flags.append("stray_text")
    if match["sign"]:
        flags.append("signed")
    pre, rem, post = match["pre"], match["rem"], match["post"]
    low: Decimal | None = value
    high: Decimal | None = value
    qualifier = Qualifier.EXACT
    if rem:
        # 余 is a remainder smaller than the last counted unit (catalogue §5).
        qualifier = Qualifier.APPROXIMATE
        step = _place_value(number) * scale
        # Counts are whole: 5000余 ends at 5999. A fractional step stays open-ended.
        high = value + step - 1 if step >= 1 else value + step
    if pre in {"超过", "超"}:
        qualifier, high = Qualifier.MORE_THAN, None
        low = value + 1
    elif pre == "近":
        qualifier, low = Qualifier.AT_MOST, None
        high = value
    elif pre in {"约", "大约"} or post:
        qualifier, low, high = Qualifier.ABOUT, None, None
    return Quantity(
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        raw=raw,
        flags=tuple(flags),
    )


def in_unit(quantity: Quantity, unit: str) -> Quantity:
    """Express a quantity in its row's unit: in a 万元 cell, 万 is the unit, 元 converts."""
    if unit != "万元" or quantity.value is None:
        return quantity
    divisor = None
    if quantity.unit == "元" or ("万" in quantity.raw and quantity.unit != "万元"):
        divisor = _WAN

    def scale(number: Decimal | None) -> Decimal | None:
        return None if number is None or divisor is None else number / divisor

    if divisor is None:
        return quantity
    return attrs.evolve(
        quantity,
        value=scale(quantity.value),
        low=scale(quantity.low),
        high=scale(quantity.high),
    )
