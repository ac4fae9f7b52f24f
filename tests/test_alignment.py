"""Rows found by their place in the template: govinfo.tables.align on its own."""

from __future__ import annotations

from govinfo.tables.align import MIN_SIMILARITY, Expected, Printed, align, similarity
from govinfo.tables.labels import shortened

TEMPLATE = (
    Expected("a", ("属于国家秘密",), "1."),
    Expected("b", ("其他法律行政法规禁止公开",), "2."),
    Expected("c", ("危及三安全一稳定",), "3."),
    Expected("d", ("保护第三方合法权益",), "4."),
    Expected("e", ("当面申请数",), ""),
    Expected("f", ("传真申请数",), ""),
)


def _ids(printed: list[Printed]) -> list[str | None]:
    return [None if m.index is None else TEMPLATE[m.index].id for m in align(printed, TEMPLATE)]


def test_exact_labels_anchor_and_a_misprint_between_them_is_placed() -> None:
    printed = [
        Printed("属于国家秘密", "1.", (0,)),
        Printed("其他法律行政止公开", "2."),
        Printed("危及三安全一稳定", "3.", (2,)),
    ]
    matches = align(printed, TEMPLATE)
    assert [m.index for m in matches] == [0, 1, 2]
    assert [m.exact for m in matches] == [True, False, True]
    assert 0.8 < matches[1].score < 1


def test_a_cut_label_is_a_prefix_of_its_row() -> None:
    assert similarity(Printed("其他法律行政法规"), TEMPLATE[1]) > 0.9
    printed = [
        Printed("属于国家秘密", "", (0,)),
        Printed("其他法律行政法规"),
        Printed("危及三安全一稳定", "", (2,)),
    ]
    assert _ids(printed) == ["a", "b", "c"]


def test_a_label_is_never_taken_for_a_row_outside_its_anchors() -> None:
    # 保护第三方合法权益 is printed between a and b, where only… nothing is open.
    printed = [
        Printed("属于国家秘密", "", (0,)),
        Printed("保护第三方合法权益x"),
        Printed("其他法律行政法规禁止公开", "", (1,)),
    ]
    assert _ids(printed) == ["a", None, "b"]


def test_short_labels_two_characters_apart_stay_apart() -> None:
    # 网络申请数 is not 传真申请数 although three characters in five are shared.
    printed = [Printed("当面申请数", "", (4,)), Printed("网络申请数")]
    assert _ids(printed) == ["e", None]


def test_two_rows_that_fit_equally_are_not_guessed() -> None:
    template = (
        Expected("x", ("甲乙丙丁戊",)),
        Expected("y", ("甲乙丙丁己",)),
    )
    [match] = align([Printed("甲乙丙丁庚")], template)
    assert match.index is None
    assert "x, y" in match.reason
    assert "equally" in match.reason


def test_an_exact_row_printed_again_is_not_moved() -> None:
    printed = [
        Printed("属于国家秘密", "", (0,)),
        Printed("其他法律行政法规禁止公开", "", (1,)),
        Printed("属于国家秘密", "", (0,)),
    ]
    matches = align(printed, TEMPLATE)
    assert [m.index for m in matches] == [0, 1, None]
    assert "again or out of order" in matches[2].reason


def test_many_unknown_rows_take_linear_time_and_none_is_guessed() -> None:
    # 5,000 rows of noise between two anchors: a gap too wide to search, all left alone.
    noise = [Printed(f"噪声行{n}") for n in range(5000)]
    printed = [Printed("属于国家秘密", "", (0,)), *noise, Printed("当面申请数", "", (4,))]
    matches = align(printed, TEMPLATE)
    assert matches[0].index == 0
    assert matches[-1].index == 4
    assert all(m.index is None for m in matches[1:-1])


def test_a_label_far_longer_than_the_template_scores_zero_without_comparing() -> None:
    # A line of a million characters holding the label once: its ratio could not reach
    # MIN_SIMILARITY, and comparing it took seconds per template label (fuzz finding).
    long_line = "其他法律行政法规禁止公开" + "某" * 1_000_000
    assert similarity(Printed(long_line), TEMPLATE[1]) == 0.0
    # Within reach, the ratio decides as before: a misprint in a long label is close.
    assert similarity(Printed("其他法律行政止公开"), TEMPLATE[1]) >= MIN_SIMILARITY


def test_a_run_of_parentheticals_is_stripped_at_most_three_times() -> None:
    # A fuzz input repeated the balance note (…之和）) along a 6 MB line: every lookup
    # stripped its parentheticals one by one (29 s).
    keys = list(shortened("予以公开" + "(注)" * 100_000))
    assert len(keys) == 4
    assert keys[-1] == "予以公开" + "(注)" * (100_000 - 3)
    assert list(shortened("部分公开(区分处理的)")) == ["部分公开(区分处理的)", "部分公开"]
