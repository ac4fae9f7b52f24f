"""Cell spellings of catalogue §5 → Quantity."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo import values
from govinfo.limits import MAX_DIGITS, MAX_KEPT_TEXT
from govinfo.models import Cell, Origin, Place
from govinfo.values import Qualifier, parse_value

D = Decimal

CASES = [
    # raw, value, low, high, qualifier, written unit
    ("12732", D(12732), D(12732), D(12732), Qualifier.EXACT, ""),
    (" 0", D(0), D(0), D(0), Qualifier.EXACT, ""),
    ("１２７３２", D(12732), D(12732), D(12732), Qualifier.EXACT, ""),
    ("８３．８", D("83.8"), D("83.8"), D("83.8"), Qualifier.EXACT, ""),
    ("4.2万", D(42000), D(42000), D(42000), Qualifier.EXACT, ""),
    ("5000余人", D(5000), D(5000), D(5999), Qualifier.APPROXIMATE, "人"),
    ("320余条", D(320), D(320), D(329), Qualifier.APPROXIMATE, "条"),
    ("4万余份", D(40000), D(40000), D(49999), Qualifier.APPROXIMATE, "份"),
    ("10餘次".replace("餘", "余"), D(10), D(10), D(19), Qualifier.APPROXIMATE, "次"),
    ("超过8万余次", D(80000), D(80001), None, Qualifier.MORE_THAN, "次"),
    ("近10万人", D(100000), None, D(100000), Qualifier.AT_MOST, "人"),
    ("约30", D(30), None, None, Qualifier.ABOUT, ""),
    ("30左右", D(30), None, None, Qualifier.ABOUT, ""),
    ("+2", D(2), D(2), D(2), Qualifier.EXACT, ""),
    ("-1", D(-1), D(-1), D(-1), Qualifier.EXACT, ""),
    ("251000元", D(251000), D(251000), D(251000), Qualifier.EXACT, "元"),
    ("38条", D(38), D(38), D(38), Qualifier.EXACT, "条"),
]


@pytest.mark.parametrize(("raw", "value", "low", "high", "qualifier", "unit"), CASES)
def test_spellings(
    raw: str,
    value: Decimal,
    low: Decimal | None,
    high: Decimal | None,
    qualifier: Qualifier,
    unit: str,
) -> None:
    quantity = parse_value(raw)
    assert quantity is not None
    assert (quantity.value, quantity.low, quantity.high) == (value, low, high)
    assert quantity.qualifier is qualifier
    assert quantity.unit == unit
    assert quantity.raw == raw


@pytest.mark.parametrize("raw", ["", "   ", "　", "——", "—", "-", "/", "--"])
def test_placeholders_are_missing_never_zero(raw: str) -> None:
    quantity = parse_value(raw)
    assert quantity is not None
    assert quantity.is_missing
    assert quantity.value is None


@pytest.mark.parametrize("raw", ["政府网站", "1.政府公报公开政府信息数", "12ab", "年"])
def test_labels_are_not_values(raw: str) -> None:
    assert parse_value(raw) is None


def test_stray_character_is_flagged() -> None:
    quantity = parse_value("? 0")
    assert quantity is not None
    assert quantity.value == 0
    assert "stray_text" in quantity.flags


def test_signed_values_are_flagged() -> None:
    quantity = parse_value("+2")
    assert quantity is not None
    assert "signed" in quantity.flags


@pytest.mark.parametrize("raw", ["5000余人", "——", "12" + "x" * 300])
def test_cell_from_quantity_is_the_cell_attrs_builds(raw: str) -> None:
    # from_quantity sets the slots itself: it must give what the constructor gives,
    # long texts cut alike.
    quantity = parse_value(raw[:8]) or parse_value("1")
    assert quantity is not None
    place = Place(carrier="html", line=3, table=1, row=2, column=4)
    for annotation in ("", "(含)", "注" * 300):
        given: dict[str, Any] = {
            "unit": "条",
            "raw": raw,
            "line": 7,
            "column": 2,
            "origin": Origin.PROSE,
            "label": "主动公开" * 80,
            "annotation": annotation,
            "flags": ("stray_text",),
            "place": place,
        }
        made = Cell.from_quantity("old.active.total", quantity, **given)
        built = Cell(
            id="old.active.total",
            value=quantity.value,
            low=quantity.low,
            high=quantity.high,
            qualifier=quantity.qualifier,
            written_unit=quantity.unit,
            **given,
        )
        assert made == built
        assert attrs.asdict(made) == attrs.asdict(built)
        assert len(made.raw) <= MAX_KEPT_TEXT


@given(st.text(alphabet="0123456789", min_size=1, max_size=25))
def test_a_plain_count_reads_as_the_pattern_reads_it(digits: str) -> None:
    # parse_value reads a plain count without its pattern: the same Quantity, exponent
    # included, and no number past MAX_DIGITS.
    found = values.parse_value.__wrapped__(digits)  # type: ignore[attr-defined]
    match = values._VALUE_RE.fullmatch(digits)
    assert match is not None
    if len(digits) > MAX_DIGITS:
        assert found is None
        return
    expected = values._from_match(match, digits)
    assert found == expected
    assert found is not None
    assert expected.value is not None
    assert found.value is not None
    assert found.value.as_tuple() == expected.value.as_tuple()
