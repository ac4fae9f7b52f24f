"""Prose figures: what the report's text restates, tied to the subject it is about.

A figure is tied only when its clause names the subject (not 审批事项办结171件),
only under the ids of the report's template family, and prose vs table (O17,
N13) compares it with every reading of its subject.
"""

from __future__ import annotations

import random
import subprocess
import sys
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

import govinfo
from govinfo.testing import consistent_values
from govinfo.testing.render import render_report, shapes_for
from govinfo.text.prose import prose_family

if TYPE_CHECKING:
    from pathlib import Path

    from .conftest import CorpusFinder, SeedFinder

# Every figure govinfo ties, per report: (subject, line, value). Each was checked by
# reading the prose; what a reader would tie and govinfo does not is in docs/prose.rst.
TIES: dict[str, list[tuple[str, int, str]]] = {
    "000_7a79a9c49a24c57b.txt": [
        ("old.response.channel.interpretation", 8, "84"),
        ("old.response.channel.interview", 8, "9"),
        ("old.response.channel.press_conf", 8, "17"),
        ("old.response.channel.weibo_weixin", 8, "473"),
        ("old.response.channel.other", 8, "4744"),
        ("old.active.total", 16, "12732"),
        ("old.active.channel.website", 16, "6535"),
        ("old.active.channel.weibo", 16, "4311"),
        ("old.active.channel.weixin", 16, "1026"),
        ("old.active.channel.other", 16, "860"),
        ("old.req.received", 30, "308"),
        ("old.req.closed", 30, "308"),
        ("old.req.received.in_person", 30, "58"),
        ("old.req.received.online", 30, "87"),
        ("old.req.received.fax", 30, "0"),
        ("old.review.total", 32, "7"),
        ("old.review.corrected", 32, "1"),
        ("old.review.upheld", 32, "3"),
        ("old.suit.total", 32, "2"),
        ("old.suit.upheld", 32, "1"),
    ],
    "001_ebe041415b5440fa.txt": [
        ("old.active.total", 41, "19475"),
        ("old.active.channel.weibo", 41, "1045"),
        ("old.active.channel.other", 41, "2054"),
        ("old.reading_points.total", 49, "92"),
        ("old.req.received.in_person", 113, "11"),
        ("old.req.received.fax", 113, "1"),
        ("old.req.received.online", 113, "21"),
        ("old.req.reply", 115, "226"),
        ("old.req.reply.already_public", 115, "14"),
        ("old.req.reply.granted", 115, "28"),
        ("old.req.reply.partial", 115, "12"),
        ("old.req.reply.refused", 115, "27"),
        ("old.req.reply.not_exist", 115, "46"),
        ("old.req.reply.amend", 115, "10"),
        ("old.review.total", 123, "51"),
        ("old.review.upheld", 123, "47"),
        ("old.review.corrected", 123, "4"),
        ("old.suit.total", 123, "25"),
        ("old.suit.upheld", 123, "25"),
        ("old.suit.corrected", 123, "0"),
        ("old.response.channel.interpretation", 127, "320余条"),
        ("old.response.channel.interview", 129, "13"),
    ],
    "002_70afb9f376e22838.txt": [
        ("old.active.total", 17, "14400"),
        ("old.req.received", 29, "41"),
        ("old.req.reply.granted", 32, "7"),
        ("old.req.reply.partial", 32, "3"),
        ("old.req.reply.not_this_agency", 32, "8"),
        ("old.req.reply.not_exist", 32, "22"),
        ("old.review.total", 39, "2"),
        ("old.suit.total", 39, "1"),
    ],
    "003_4939b4cfb099ba1c.txt": [
        ("old.training.trainees", 6, "80餘人次"),
        ("old.active.channel.website", 11, "20515"),
        ("old.active.channel.other", 11, "1206"),
        ("old.req.reply.refused.state_secret", 38, "0"),
        ("old.req.reply.refused.trade_secret", 38, "0"),
        ("old.req.reply.refused.privacy", 38, "0"),
        ("old.req.reply.refused.other_legal", 38, "2"),
    ],
    "004_b4b4781f1cf7f0ab.txt": [
        ("old.response.total", 17, "792"),
        ("old.response.channel.press_conf", 25, "43"),
        ("old.response.channel.interpretation", 28, "203"),
        ("old.active.normative_published", 31, "34"),
        ("old.response.channel.interview", 36, "16"),
        ("old.response.channel.interview.leader", 36, "5"),
        ("old.response.channel.press_conf.leader", 42, "30"),
        ("old.response.total", 51, "792"),
        ("old.active.channel.website", 69, "123909"),
        ("old.active.channel.gazette", 88, "331"),
        ("old.gazette.issues", 88, "12"),
        ("old.gazette.copies", 88, "4万余份"),
        ("old.req.received", 399, "441"),
        ("old.req.received.letter", 399, "202"),
        ("old.req.received.online", 399, "217"),
        ("old.req.received.in_person", 399, "19"),
        ("old.req.reply.already_public", 401, "114"),
        ("old.req.reply.granted", 401, "373"),
        ("old.req.reply.partial", 401, "12"),
        ("old.req.reply.refused", 401, "4"),
        ("old.req.reply.not_this_agency", 401, "40"),
        ("old.req.reply.not_exist", 401, "8"),
        ("old.req.reply.amend", 401, "4"),
    ],
    "hongze-2024.pdf": [
        ("new.req.accepted.total", 25, "17"),
    ],
    "hongze-2024.pypdf.txt": [
        ("new.req.accepted.total", 25, "17"),
    ],
    "huaian-2024.pdf": [
        ("new.req.accepted.total", 29, "3119"),
        ("new.req.total.total", 30, "3050"),
        ("new.req.carried_in.total", 30, "34"),
        ("new.req.carried_out.total", 30, "103"),
        ("new.review.total", 31, "351"),
        ("new.review.upheld", 32, "72"),
        ("new.review.corrected", 32, "64"),
        ("new.review.other", 32, "178"),
        ("new.review.pending", 33, "37"),
        ("new.suit.total", 33, "46"),
        ("new.suit.upheld", 33, "25"),
        ("new.suit.corrected", 34, "5"),
        ("new.suit.other", 34, "9"),
        ("new.suit.pending", 34, "7"),
    ],
    "huaian-2024.pypdf.txt": [
        ("new.req.accepted.total", 29, "3119"),
        ("new.req.total.total", 30, "3050"),
        ("new.req.carried_in.total", 30, "34"),
        ("new.req.carried_out.total", 30, "103"),
        ("new.review.total", 31, "351"),
        ("new.review.upheld", 32, "72"),
        ("new.review.corrected", 32, "64"),
        ("new.review.other", 32, "178"),
        ("new.review.pending", 33, "37"),
        ("new.suit.total", 33, "46"),
        ("new.suit.upheld", 33, "25"),
        ("new.suit.corrected", 34, "5"),
        ("new.suit.other", 34, "9"),
        ("new.suit.pending", 34, "7"),
    ],
    "pingtan-2016.fujian-form.txt": [],
    "pingtan-2019.runtogether.txt": [],
    "pingtan-2021.runtogether.txt": [
        ("new.req.received.total", 10, "70"),
        ("new.req.total.total", 10, "69"),
        ("new.req.carried_out.total", 10, "1"),
    ],
    "pingtan-2025.runtogether.txt": [
        ("new.req.received.total", 10, "154"),
        ("new.req.total.total", 10, "148"),
        ("new.req.carried_out.total", 10, "6"),
        ("new.review.total", 10, "36"),
        ("new.suit.total", 10, "9"),
    ],
    "shanghai-gov-office-2019.html": [
        ("new.active.regulations.published", 7, "13"),
        ("new.active.normative_docs.published", 7, "60"),
        ("new.req.accepted.total", 14, "859"),
        ("new.req.total.total", 14, "805"),
        ("new.req.carried_in.total", 14, "18"),
        ("new.req.disclosed.total", 14, "258"),
        ("new.req.denied.total", 14, "35"),
        ("new.req.unable.total", 14, "265"),
        ("new.req.not_processed.total", 14, "158"),
        ("new.req.other.total", 14, "0"),
        ("new.review.total", 14, "7"),
        ("new.suit.total", 14, "9"),
    ],
    "shuyang-2025.ocr.md": [
        ("new.req.accepted.total", 26, "749"),
        ("new.req.accepted.natural_person", 26, "741"),
        ("new.req.accepted.legal_person", 26, "8"),
        ("new.req.total.total", 26, "718"),
        ("new.req.carried_out.total", 26, "31"),
    ],
}


def _path(name: str, seed: SeedFinder, corpus: CorpusFinder) -> Path:
    return seed(name[:3]) if name[:3].isdigit() else corpus(name)


def _ties(report: govinfo.Report) -> list[tuple[str, int, str]]:
    return [
        (c.id, c.line, str(c.value) if c.qualifier.value == "exact" else c.raw.strip())
        for c in report.prose
    ]


@pytest.mark.parametrize("name", sorted(TIES))
def test_figures_tied_in_real_reports(name: str, seed: SeedFinder, corpus: CorpusFinder) -> None:
    report = govinfo.parse_file(_path(name, seed, corpus))
    assert _ties(report) == TIES[name]
    family = prose_family(report.template, report.year)
    assert all(c.id.startswith(f"{family}.") for c in report.prose)


def _prose_findings(report: govinfo.Report) -> list[tuple[int | None, str, str]]:
    return [
        (f.line, f.severity.value, f.message)
        for f in report.findings
        if f.code in {"O17", "N13"} and f.severity is not govinfo.Severity.INFO
    ]


def test_prose_contradictions_a_reader_finds(corpus: CorpusFinder) -> None:
    # 洪泽: 区政府办…受理政府信息公开申请17件, the table's 本年新收 is 95 (and 95 + 0).
    hongze = _prose_findings(govinfo.parse_file(corpus("hongze-2024.pypdf.txt")))
    [(line, severity, message)] = hongze
    assert (line, severity) == (25, "warning")
    assert message.startswith(
        "本年新收政府信息公开申请数量 / 总计 95 ≠ 受理政府信息公开申请（正文） 17"
    )
    assert "也不等于" in message
    # Shanghai: 予以公开及部分公开258 against 272 + 3; 无法提供265 against 337. The
    # 总计 column is blank there, so the columns are added up (N3).
    shanghai = _prose_findings(govinfo.parse_file(corpus("shanghai-gov-office-2019.html")))
    assert [(f[0], f[1]) for f in shanghai] == [(14, "warning"), (14, "warning")]
    assert shanghai[0][2].endswith("（至少 275） ≠ 予以公开及部分公开（正文） 258")
    assert shanghai[1][2].endswith("（至少 337） ≠ 无法提供 / 总计（正文） 265")
    # 淮安 and 沭阳 restate their tables: 受理749 is 本年新收 713 + 上年结转 36.
    for name in ("huaian-2024.pypdf.txt", "shuyang-2025.ocr.md"):
        assert _prose_findings(govinfo.parse_file(corpus(name))) == []


_AGENCY = "青禾市人民政府"
VALUES = consistent_values("new-2021", random.Random(7).randint, agency=_AGENCY)


def _v(cell: str) -> int:
    value = VALUES[cell]
    assert value is not None
    return int(value)


def _int(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


def _new_report(*prose: str, **changes: int) -> govinfo.Report:
    """A consistent 2021-format report with ``prose`` in its part 一."""
    values = dict(VALUES) | {cell.replace("__", "."): Decimal(v) for cell, v in changes.items()}
    text = render_report(values, "new-2021", shapes_for("new-2021")[0], agency=_AGENCY, year=2022)
    head, _, rest = text.partition("一、总体情况\n")
    return govinfo.parse(head + "一、总体情况\n" + "\n".join(prose) + "\n" + rest)


def test_a_figure_about_another_subject_is_not_tied() -> None:
    report = _new_report(
        "全年受理行政审批事项2000件，办结171件。",
        "审批事项办结171件。",
        f"全年共收到政府信息公开申请{_v('new.req.received.total')}件，"
        f"办结{_v('new.req.total.total')}件。",
    )
    assert [(c.id, _int(c.value), c.line) for c in report.prose] == [
        ("new.req.received.total", _v("new.req.received.total"), 5),
        ("new.req.total.total", _v("new.req.total.total"), 5),
    ]
    assert [f for f in report.findings if f.code == "N13"] == []


def test_a_part_is_not_read_as_the_total() -> None:
    # 19件，其中8件撤回: 8 is a part of the reviews, not their total.
    report = _new_report(
        f"全年因政府信息公开被申请行政复议{_v('new.review.total')}件，其中8件撤回。"
    )
    assert [(c.id, _int(c.value)) for c in report.prose] == [
        ("new.review.total", _v("new.review.total"))
    ]


def test_lawsuits_are_the_sum_of_two_groups() -> None:
    direct, after = _v("new.suit_direct.total"), _v("new.suit_after_review.total")
    # (A line starting with 行政诉讼 and numbers is taken for table 四 by the reader.)
    report = _new_report(
        f"因政府信息公开被提起行政诉讼{direct + after}件，"
        f"其中直接起诉{direct}件、复议后起诉{after}件。"
    )
    assert [(c.id, _int(c.value)) for c in report.prose] == [
        ("new.suit.total", direct + after),
        ("new.suit_direct.total", direct),
        ("new.suit_after_review.total", after),
    ]
    assert [f for f in report.findings if f.code == "N13"] == []
    wrong = _new_report(f"因政府信息公开被提起行政诉讼{direct + after + 3}件。")
    [finding] = [f for f in wrong.findings if f.code == "N13"]
    assert finding.cells == (
        "new.suit_direct.total",
        "new.suit_after_review.total",
        "new.suit.total",
    )
    assert finding.difference == -3


def test_group_rows_and_results_of_reviews_are_read() -> None:
    denied = sum(_v(c) for c in VALUES if c.startswith("new.req.denied.") and c.endswith(".total"))
    upheld = _v("new.review.upheld")
    report = _new_report(
        f"不予公开{denied}件。",
        f"政府信息公开行政复议{_v('new.review.total')}件，其中结果维持{upheld}件；",
        f"政府信息公开行政诉讼{_v('new.suit_direct.total') + _v('new.suit_after_review.total')}件，"
        f"其中结果维持{_v('new.suit_direct.upheld') + _v('new.suit_after_review.upheld')}件。",
    )
    assert [c.id for c in report.prose] == [
        "new.req.denied.total",
        "new.review.total",
        "new.review.upheld",
        "new.suit.total",
        "new.suit.upheld",
    ]
    assert [f for f in report.findings if f.code == "N13"] == []


def test_accepted_applications_may_include_those_carried_in() -> None:
    received, carried = _v("new.req.received.total"), _v("new.req.carried_in.total")
    for figure in (received, received + carried):
        report = _new_report(f"全年共受理政府信息公开申请{figure}件。")
        assert [c.id for c in report.prose] == ["new.req.accepted.total"]
        assert [f for f in report.findings if f.code == "N13"] == []
    report = _new_report(f"全年共受理政府信息公开申请{received + carried + 5}件。")
    assert [f.code for f in report.findings if f.code == "N13"] == ["N13"]


def test_figures_are_filed_under_the_report_s_family_only() -> None:
    # 收到申请数 is an old-table label; in a 2021 report it is the new table's row.
    report = _new_report(f"收到申请数{_v('new.req.received.total')}件。")
    assert [c.id for c in report.prose] == ["new.req.received.total"]
    old = govinfo.parse(
        "青禾县人民政府2018年政府信息公开工作年度报告\n"
        "一、概述\n因政府信息公开引起的行政诉讼2件，行政复议3件，其中纠错1件。\n"
    )
    assert [c.id for c in old.prose] == [
        "old.suit.total",
        "old.review.total",
        "old.review.corrected",
    ]
    # A 2019 report without a table could use either form: nothing is filed.
    undecided = govinfo.parse("青禾县人民政府2019年政府信息公开工作年度报告\n行政诉讼2件。\n")
    assert undecided.prose == ()


def test_a_sentence_wrapped_over_lines_is_one_figure() -> None:
    report = govinfo.parse(
        "青禾市人民政府2022年政府信息公开工作年度报告\n"
        "一、总体情况\n"
        "2022 年，全市共受理政府信息公开申请 31\n"
        "- 2 -\n"
        "件，答复 29 件（含上年度结转申请 2 件，另有 4 件顺延到下年度\n"
        "答复）。\n"
    )
    assert [(c.id, _int(c.value), c.line, c.column, c.raw) for c in report.prose] == [
        ("new.req.accepted.total", 31, 3, 22, "31件"),
        ("new.req.total.total", 29, 5, 6, "29 件"),
        ("new.req.carried_in.total", 2, 5, 20, "2 件"),
        ("new.req.carried_out.total", 4, 5, 27, "4 件"),
    ]


_LONG_RUNS = """
import govinfo
digits = 10 ** 6
text = (
    "青禾市人民政府2022年政府信息公开工作年度报告\\n一、总体情况\\n"
    + "全年共收到政府信息公开申请" + "1" * digits + "件，" + "2" * digits + "x，" + "3" * digits
)
print([(c.id, len(c.raw)) for c in govinfo.parse(text).prose])
"""


def test_long_digit_runs_are_read_in_linear_time() -> None:
    # A quadratic scan would take hours on these million-digit runs (the timeout
    # only stops a hang; it is not a speed test).
    done = subprocess.run(  # noqa: S603 - this interpreter and our own code
        [sys.executable, "-c", _LONG_RUNS], capture_output=True, text=True, timeout=600, check=True
    )
    # Scanned in linear time, and not tied: a run longer than limits.MAX_DIGITS is text.
    assert done.stdout.strip() == "[]"


def test_table_two_figures_are_read_column_by_column() -> None:
    # 制发…3件，废止4件，现行有效48件: each figure names a column of the topic's row.
    docs = [_v(f"new.active.normative_docs.{c}") for c in ("issued", "repealed", "in_force")]
    report = _new_report(
        f"本年制发行政规范性文件{docs[0]}件，废止{docs[1]}件，现行有效{docs[2]}件。",
        f"全年作出行政许可{_v('new.active.licensing.decisions')}件，"
        f"行政处罚{_v('new.active.penalty.decisions')}件，"
        f"行政强制{_v('new.active.coercion.decisions')}件。",
    )
    assert [(c.id, _int(c.value)) for c in report.prose] == [
        ("new.active.normative_docs.issued", docs[0]),
        ("new.active.normative_docs.repealed", docs[1]),
        ("new.active.normative_docs.in_force", docs[2]),
        ("new.active.licensing.decisions", _v("new.active.licensing.decisions")),
        ("new.active.penalty.decisions", _v("new.active.penalty.decisions")),
        ("new.active.coercion.decisions", _v("new.active.coercion.decisions")),
    ]
    assert [f for f in report.findings if f.code == "N13"] == []
    wrong = _new_report(
        f"制发行政规范性文件{docs[0]}件，废止{docs[1]}件，现行有效{docs[2] + 2}件。"
    )
    [finding] = [f for f in wrong.findings if f.code == "N13"]
    # The table's cell, then the prose figure filed under the same id.
    assert finding.cells == ("new.active.normative_docs.in_force",) * 2
    assert finding.difference == -2


def test_fees_are_read_in_wan_yuan() -> None:
    fee = VALUES["new.active.fees.amount_wan"]
    assert fee is not None
    report = _new_report(
        f"全年收取行政事业性收费{fee}万元。", f"收取行政事业性收费{int(fee * 10000)}元。"
    )
    assert [(c.id, c.value, c.unit) for c in report.prose] == [
        ("new.active.fees.amount_wan", fee, "万元"),
        ("new.active.fees.amount_wan", fee, "万元"),
    ]
    assert [f for f in report.findings if f.code == "N13"] == []
    wrong = _new_report(f"全年收取行政事业性收费{fee + 1}万元。")
    [finding] = [f for f in wrong.findings if f.code == "N13"]
    assert finding.cells == ("new.active.fees.amount_wan",) * 2
    assert finding.difference == -1


def test_applicant_columns_follow_their_row(corpus: CorpusFinder) -> None:
    # 沭阳 2025: 受理749件，其中自然人申请741件，法人或其他组织申请8件, the table's
    # 本年新收 + 上年结转 (705 + 36 natural persons; 3 + 5 legal persons).
    shuyang = govinfo.parse_file(corpus("shuyang-2025.ocr.md"))
    assert [(c.id, _int(c.value)) for c in shuyang.prose][:3] == [
        ("new.req.accepted.total", 749),
        ("new.req.accepted.natural_person", 741),
        ("new.req.accepted.legal_person", 8),
    ]
    assert [f for f in shuyang.findings if f.code == "N13"] == []
    natural = _v("new.req.received.natural_person")
    legal = sum(
        _v(f"new.req.received.{c}")
        for c in ("business", "research", "public_interest", "legal_service", "other_org")
    )
    report = _new_report(
        f"全年共收到政府信息公开申请{_v('new.req.received.total')}件，"
        f"其中自然人申请{natural}件，法人或其他组织申请{legal + 1}件。"
    )
    [finding] = [f for f in report.findings if f.code == "N13"]
    assert finding.difference == -1
    assert finding.cells[0] == "new.req.received.business"
    assert "法人或其他组织" in finding.message


def test_cues_of_a_row_need_that_row_before_them() -> None:
    report = _new_report(
        "全年受理行政许可事项2000件，废止5件。",
        "依申请公开收取信息处理费100元。",
        "自然人申请5件。",
        "办理行政处罚案件30件。",
        "现行有效48件。",
        "全年办结申请100件，其中自然人申请90件。",
    )
    assert report.prose == ()
