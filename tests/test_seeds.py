"""Every cell of every seed table, by value and source line (tests/data/seed_cells.txt)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import govinfo
from govinfo.values import Qualifier

from .conftest import DATA, SeedFinder


def _expected() -> dict[str, list[tuple[str, str, int]]]:
    table: dict[str, list[tuple[str, str, int]]] = {}
    current = ""
    for line in (DATA / "seed_cells.txt").read_text("utf-8").splitlines():
        if line.startswith("# ") and len(line.split()) == 2:
            current = line.split()[1]
            table[current] = []
        elif line and not line.startswith("#"):
            cell_id, raw, number = line.split()
            table[current].append((cell_id, raw, int(number)))
    return table


EXPECTED = _expected()
TEMPLATES = {
    "000": "old-2018",
    "001": "old-shandong-county",
    "002": "old-2014",
    "004": "old-shandong-city",
}


def test_expectations_cover_the_four_seed_tables() -> None:
    assert sorted(EXPECTED) == sorted(TEMPLATES)
    assert all(len(cells) > 50 for cells in EXPECTED.values())


@pytest.mark.parametrize("prefix", sorted(TEMPLATES))
def test_every_cell_of_the_seed(seed: SeedFinder, prefix: str) -> None:
    report = govinfo.parse_file(seed(prefix))
    expected = EXPECTED[prefix]
    assert list(report.cells) == [cell_id for cell_id, _, _ in expected]
    for cell_id, raw, line in expected:
        cell = report.cells[cell_id]
        assert cell.line == line, cell_id
        assert cell.origin is govinfo.Origin.TABLE
        if raw == "-":
            assert cell.value is None, cell_id
            assert cell.qualifier is Qualifier.MISSING, cell_id
        else:
            assert cell.raw == raw, cell_id
            assert cell.value is not None, cell_id


@pytest.mark.parametrize(("prefix", "template"), sorted(TEMPLATES.items()))
def test_template_and_metadata(seed: SeedFinder, prefix: str, template: str) -> None:
    report = govinfo.parse_file(seed(prefix))
    assert report.template == template
    assert report.year == (2014 if prefix == "002" else 2018)
    assert report.unknown_rows == ()


def test_agencies_and_titles(seed: SeedFinder) -> None:
    agencies = {
        "000": "鹿城区人民政府",
        "001": "兰山区人民政府",
        "002": "宁波市镇海区人民政府",
        "004": "枣庄市人民政府",
    }
    for prefix, agency in agencies.items():
        report = govinfo.parse_file(seed(prefix))
        assert report.agency == agency
        assert report.title is not None
        assert report.title.endswith("报告")


def test_001_wrapped_budget_row_is_one_blank_cell(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("001"))
    cell = report.cells["old.org.budget"]
    assert cell.line == 443
    assert cell.is_missing
    assert cell.unit == "万元"
    assert "护等方面的经费" in cell.label


def test_001_value_on_header_is_kept_and_flagged(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("001"))
    cell = report.cells["old.active.channel"]
    assert (cell.value, cell.line) == (Decimal(19475), 167)
    assert "value_on_header" in cell.flags
    assert any(d.code == "value-on-header" and d.line == 167 for d in report.diagnostics)


def test_004_approximate_values_keep_their_qualifiers(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("004"))
    copies = report.cells["old.gazette.copies"]
    assert (copies.value, copies.qualifier, copies.raw) == (
        Decimal(42000),
        Qualifier.EXACT,
        "4.2万",
    )
    trainees = report.cells["old.training.trainees"]
    assert trainees.qualifier is Qualifier.APPROXIMATE
    assert (trainees.low, trainees.high) == (Decimal(5000), Decimal(5999))
    assert (trainees.unit, trainees.written_unit) == ("人次", "人")


def test_002_page_numbers_are_not_values(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("002"))
    assert report.cells["old.training.trainees"].value == Decimal(180)
    assert all(c.line < 340 for c in report.cells.values())
    stray = [d for d in report.diagnostics if d.code == "stray-value"]
    assert [(d.line, d.text) for d in stray] == [(340, "12"), (341, "11")]


def test_002_blank_cells_are_missing_not_zero(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("002"))
    assert report.cells["old.req.reply"].value is None
    assert report.cells["old.req.reply"].is_missing
    assert report.cells["old.req.closed.extended"].value == 0


def test_002_local_parenthetical_kept_on_the_row(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("002"))
    cell = report.cells["old.response.channel.interview"]
    assert cell.value == Decimal(25)
    assert "政府常务会议直播、网络问政问效" in cell.label


def test_003_traditional_prose_only(seed: SeedFinder) -> None:
    report = govinfo.parse_file(seed("003"))
    assert report.template is None
    assert report.cells == {}
    codes = {d.code for d in report.diagnostics}
    assert {"no-table", "traditional-script"} <= codes
    assert (report.agency, report.year) == ("拱墅区", 2018)
    assert report.headings[0].text == "概述"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_round_trips_through_json(seed: SeedFinder, prefix: str) -> None:
    report = govinfo.parse_file(seed(prefix))
    assert govinfo.loads(govinfo.dumps(report)) == report


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_in_a_legacy_encoding_is_the_same_report(seed: SeedFinder, prefix: str) -> None:
    path = seed(prefix)
    text = path.read_text("utf-8")
    codec = "big5hkscs" if prefix == "003" else "gb18030"
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode("gb18030")
    report = govinfo.parse_bytes(data, filename=path.name)
    assert report.cells == govinfo.parse(text).cells
    assert (report.agency, report.year) == (govinfo.parse(text).agency, govinfo.parse(text).year)
