"""The normaliser keeps every line and column while folding the text."""

from __future__ import annotations

from govinfo.folding import fold, key, text_cache
from govinfo.text.normalize import LineKind, normalize


def test_fold_keeps_length() -> None:
    text = "（一）主动公开：１２　条"
    assert len(fold(text)) == len(text)
    assert fold(text) == "(一)主动公开:12 条"


def test_key_drops_spaces_quotes_and_folds_qita() -> None:
    assert key("统　计　指　标") == "统计指标"
    assert key("危及“三安全一稳定”") == "危及三安全一稳定"
    assert key("5.其它方式公开政府信息数") == "5.其他方式公开政府信息数"


def test_traditional_is_converted_with_phrase_fixes() -> None:
    text = "根據《條例》規範性檔案全麵製定，入口網站依申請公開程式，結轉下年度繼續辦理"
    document = normalize(text)
    line = document.lines[0]
    assert document.converted_from_traditional
    assert "规范性文件" in line.text
    assert "门户网站" in line.text
    assert "程序" in line.text
    assert "全面制定" in line.text
    assert len(line.text) == len(line.raw)
    assert line.raw == text


def test_simplified_text_is_left_alone() -> None:
    text = "本报告由区政府办公室编制。\n一、概述"
    document = normalize(text)
    assert not document.converted_from_traditional
    assert [line.text for line in document.lines] == text.splitlines()


def test_noise_lines_are_set_aside_but_kept() -> None:
    document = normalize("正文\n[image: D:\\a.jpg]\n- 4 -\n关闭窗口\n\n[bookmark: _GoBack]正文二")
    kinds = [line.kind for line in document.lines]
    assert kinds == [
        LineKind.TEXT,
        LineKind.NOISE,
        LineKind.NOISE,
        LineKind.NOISE,
        LineKind.BLANK,
        LineKind.TEXT,
    ]
    last = document.lines[-1]
    assert last.raw.startswith("[bookmark:")
    assert last.text.strip() == "正文二"
    # The inline noise is blanked, so 正文二 stays at its original column.
    assert last.text.index("正") == last.raw.index("正")


def test_line_numbers_are_one_based_and_complete() -> None:
    document = normalize("a\r\nb\n\nc")
    assert [(line.number, line.raw) for line in document.lines] == [
        (1, "a"),
        (2, "b"),
        (3, ""),
        (4, "c"),
    ]


def test_text_cache_is_bounded_and_skips_long_texts() -> None:
    calls: list[str] = []

    @text_cache(maxsize=4, chars=10)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    words = [f"w{i}" for i in range(9)]
    assert [shout(w) for w in words + words] == [w.upper() for w in words + words]
    assert shout("x" * 11) == "X" * 11
    assert shout("x" * 11) == "X" * 11
    # Long texts are computed every time; a full cache starts over, never grows past 4.
    assert calls.count("x" * 11) == 2
    assert len(shout.func.__self__) <= 4  # type: ignore[attr-defined]
    assert shout.__name__ == "shout"


def test_a_repeated_line_is_normalised_alike_in_every_document() -> None:
    # Lines' forms are cached across documents: the document's own marks still count.
    line = "**(一)** 主动公开 [image: x] 条 - 3 -"
    plain = normalize(f"{line}\n")
    marked = normalize(f"# 一、概述\n{line}\n")
    assert plain.lines[0].text == marked.lines[1].text
    assert normalize(f"{line}\n") == plain
    assert [line.kind for line in normalize("- 3 -\n正文\n- 3 -\n").lines] == [
        LineKind.NOISE,
        LineKind.TEXT,
        LineKind.NOISE,
    ]
