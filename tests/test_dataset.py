"""govinfo dataset: sources, outcomes as data, formats, views, cross-year findings."""

from __future__ import annotations

import io
import math
import os
from contextlib import ExitStack
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest

import govinfo
from govinfo.checks.crossyear import previous_year_findings
from govinfo.cli import main
from govinfo.cli.dataset import _progress_bar
from govinfo.dataset import (
    DatasetError,
    build_dataset,
    connect,
    find_sources,
    read_dataset,
    report_records,
)
from govinfo.dataset import build as dataset_build
from govinfo.dataset.build import _parse_all, _Pool
from govinfo.dataset.journal import Journal, work_directory
from govinfo.dataset.output import duckdb_connect, open_parts
from govinfo.dataset.schema import TABLES, Type
from govinfo.dataset.worker import parse_source
from govinfo.dataset.years import crossyear_rows

from .conftest import ROOT
from .dataset_files import KILLER, run_chunk_or_die, write_corpus, write_report

if TYPE_CHECKING:
    from pathlib import Path

EXAMPLE = ROOT / "examples" / "qinghe-2018.txt"
AGENCIES = ("青禾县人民政府", "云溪区人民政府")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two agencies over 2017–2022 (old, 2019 and 2021 tables) as text, HTML and PDF."""
    directory = tmp_path_factory.mktemp("corpus")
    return write_corpus(directory, AGENCIES, range(2017, 2023), ("text", "html", "pdf"))


@pytest.fixture(scope="module")
def built(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus as a DuckDB dataset."""
    out = tmp_path_factory.mktemp("out") / "corpus.duckdb"
    build_dataset([str(p) for p in corpus], out, jobs=2)
    return out


def test_sources_are_files_folders_globs_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.html", "a/b/three.pdf", "a/notes.json", "a/.hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "a" / ".cache").mkdir()
    (tmp_path / "a" / ".cache" / "four.txt").write_text("x", encoding="utf-8")
    folder = find_sources([str(tmp_path / "a")])
    assert [p.removeprefix(str(tmp_path)) for p in folder] == [
        "/a/b/three.pdf",
        "/a/b/two.html",
        "/a/one.txt",
    ]
    assert find_sources([str(tmp_path / "a" / "**" / "*.html")]) == [str(tmp_path / "a/b/two.html")]
    # A file named explicitly is read whatever its suffix; duplicates count once.
    named = str(tmp_path / "a" / "notes.json")
    assert find_sources([named, named]) == [named]
    # One file under several spellings, or through a symbolic link, is one file, named
    # as tidily as it was given.
    (tmp_path / "link.txt").symlink_to(tmp_path / "a" / "one.txt")
    spellings = [f"{tmp_path}/a/./one.txt", f"{tmp_path}//a/b/../one.txt", f"{tmp_path}/link.txt"]
    assert find_sources(spellings) == [str(tmp_path / "a" / "one.txt")]
    # `..` after a link to a folder leads out of the folder linked to, not back.
    (tmp_path / "c" / "d").mkdir(parents=True)
    (tmp_path / "c" / "one.txt").write_text("y", encoding="utf-8")
    (tmp_path / "a" / "to-d").symlink_to(tmp_path / "c" / "d")
    through = f"{tmp_path}/a/to-d/../one.txt"
    assert find_sources([through, str(tmp_path / "a" / "one.txt")]) == sorted(
        [through, str(tmp_path / "a" / "one.txt")]
    )
    listed = io.StringIO(f"{tmp_path / 'a' / 'one.txt'}\n\n{tmp_path / 'a' / 'b'}\n")
    assert len(find_sources(["-"], listed)) == 3
    # A report's text piped to `-` by mistake: its lines are names no file has.
    piped = io.StringIO("本报告" * 200 + "\n")
    assert find_sources(["-"], piped) == ["本报告" * 200]
    with pytest.raises(DatasetError, match="no report files found for: nothing"):
        find_sources([str(tmp_path / "a" / "one.txt"), "nothing-*.txt"])
    # The files a folder leaves out are counted, hidden ones aside.
    skipped: list[str] = []
    find_sources([str(tmp_path / "a")], skipped=skipped)
    assert skipped == [str(tmp_path / "a" / "notes.json")]


def test_commands_count_the_files_a_folder_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    write_report(folder, "2020.txt", agency="青禾县人民政府", year=2020, seed=1)
    for name in ("table.xls", "scan.jpg", "photo.jpg"):
        (folder / name).write_bytes(b"x")
    assert main(["parse", str(folder)], out=io.StringIO()) == 0
    assert capsys.readouterr().err == (
        "govinfo parse: 3 file(s) in the folders given were skipped, their suffix not a "
        "report's: .jpg 2, .xls 1\n"
    )


def test_every_outcome_is_a_row(tmp_path: Path) -> None:
    good = write_report(tmp_path, "good.txt", agency=AGENCIES[0], year=2018, seed=1)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    ole = tmp_path / "old.doc"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    sources = [str(good), str(empty), str(ole), str(tmp_path / "gone.txt")]
    summary = build_dataset(sources, tmp_path / "out.parquet", jobs=1)
    assert summary.statuses == {"ok": 1, "refused": 3}
    reports = read_dataset(tmp_path / "out.parquet")["reports"].set_index("source")
    assert reports.loc[str(good), "status"] == "ok"
    assert reports.loc[str(empty), "error"] == f"{empty}: empty file"
    assert "binary Word .doc" in reports.loc[str(ole), "error"]
    assert "cannot read" in reports.loc[str(tmp_path / "gone.txt"), "error"]
    assert reports.loc[str(ole), "sha256"] is not None
    assert pd.isna(reports.loc[str(empty), "template"])


def test_a_crash_is_recorded_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = write_report(tmp_path, "good.txt", agency=AGENCIES[0], year=2018, seed=1)

    def broken(data: bytes, *, filename: str | None = None) -> govinfo.Report:
        raise ZeroDivisionError(f"{len(data)} {filename}")

    monkeypatch.setattr("govinfo.dataset.worker.parse_bytes", broken)
    rows = parse_source(str(good))
    (report,) = rows["reports"]
    assert report[4] == "crashed"
    assert report[5].startswith("ZeroDivisionError: ")
    assert rows["cells"] == []


def test_a_file_that_kills_its_worker_is_recorded_as_crashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The spawned workers import the tests package to find run_chunk_or_die.
    monkeypatch.syspath_prepend(str(ROOT))
    files = [
        str(write_report(tmp_path, f"r{n}.txt", agency=AGENCIES[0], year=2018, seed=n))
        for n in range(6)
    ]
    killer = write_report(tmp_path, KILLER, agency=AGENCIES[1], year=2018, seed=9)
    sources = sorted([*files, str(killer)])
    with Journal(tmp_path / "work") as journal, _Pool(2) as pool:
        statuses = _parse_all(
            journal,
            sources,
            pool=pool,
            timeout=None,
            progress=None,
            run=run_chunk_or_die,
        )
        done = journal.done_sources()
    assert statuses == {"ok": 6, "crashed": 1}
    assert done == set(files)  # the crashed file is tried again by the next run


def _plain(value: object) -> object:
    """A DataFrame value as plain Python: lists as tuples, every kind of NA as None."""
    if isinstance(value, list | tuple | np.ndarray):
        return tuple(_plain(v) for v in value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    item = getattr(value, "item", None)
    return item() if callable(item) else value


def rows_of(frame: pd.DataFrame, columns: list[str] | None = None) -> list[tuple[object, ...]]:
    """A table's rows as plain tuples, for comparing datasets row for row."""
    chosen = frame[columns] if columns is not None else frame
    return [tuple(_plain(v) for v in row) for row in chosen.itertuples(index=False)]


def test_every_format_holds_the_same_rows(corpus: list[Path], built: Path, tmp_path: Path) -> None:
    expected = read_dataset(built)
    sources = [str(p) for p in corpus]
    for name in ("c.parquet", "c.jsonl", "c.csv"):
        build_dataset(sources, tmp_path / name, jobs=1)
        found = read_dataset(tmp_path / name)
        for table, frame in expected.items():
            columns = list(frame.columns)
            if name.endswith(".csv"):
                # CSV has no lists: they are written as DuckDB prints them.
                lists = {c.name for c in TABLES[table] if c.type in {Type.TEXTS, Type.INTS}}
                columns = [c for c in columns if c not in lists]
            assert list(found[table].columns) == list(frame.columns), (name, table)
            assert rows_of(found[table], columns) == rows_of(frame, columns), (name, table)


def test_a_run_without_the_crossyear_pass_can_be_resumed_with_it(
    corpus: list[Path], tmp_path: Path
) -> None:
    # The kept parts carry the prose prints either way: resumed with the pass, the
    # dataset equals a run that had it from the start (repeated prose included).
    sources = [str(p) for p in corpus if p.suffix != ".html"]
    build_dataset(sources, tmp_path / "later.parquet", jobs=1, crossyear=False)
    build_dataset(sources, tmp_path / "later.parquet", jobs=1)
    build_dataset(sources, tmp_path / "fresh.parquet", jobs=1)
    later = read_dataset(tmp_path / "later.parquet")["findings"]
    fresh = read_dataset(tmp_path / "fresh.parquet")["findings"]
    assert "repeated-prose" in set(fresh["code"])
    assert rows_of(later) == rows_of(fresh)


def test_crashed_and_changed_files_are_parsed_again(corpus: list[Path], tmp_path: Path) -> None:
    # A file that crashed (here: out of time) or changed since its run is parsed
    # again by the next run; only its last rows count, as if it had been parsed once.
    folder = tmp_path / "files"
    folder.mkdir()
    copies = [folder / p.name.replace(".", f"-{p.parent.name}.") for p in corpus[:4]]
    for copy, path in zip(copies, corpus, strict=False):
        copy.write_bytes(path.read_bytes())
    sources = [str(copy) for copy in copies]
    out = tmp_path / "d.parquet"
    first = build_dataset(sources, out, jobs=1, timeout=1e-6)
    assert first.statuses == {"crashed": 4}
    text = next(c for c in copies if c.suffix == ".txt")
    text.write_text(text.read_text(encoding="utf-8") + "\n附：本报告完。\n", "utf-8")
    again = build_dataset(sources, out, jobs=1)
    assert again.parsed == 4
    assert again.statuses == {"ok": 4}
    assert build_dataset(sources, out, jobs=1).parsed == 0
    build_dataset(sources, tmp_path / "fresh.parquet", jobs=1)
    resumed, fresh = read_dataset(out), read_dataset(tmp_path / "fresh.parquet")
    for table, frame in fresh.items():
        assert rows_of(resumed[table]) == rows_of(frame), table


def test_a_file_changed_to_the_same_size_is_parsed_again(tmp_path: Path) -> None:
    # A figure corrected in place keeps the file's size: its time tells the change.
    report = write_report(tmp_path, "r.txt", agency=AGENCIES[0], year=2018, seed=1)
    other = write_report(tmp_path, "s.txt", agency=AGENCIES[1], year=2018, seed=2)
    sources, out = [str(report), str(other)], tmp_path / "d.parquet"
    build_dataset(sources, out, jobs=1)
    before = read_dataset(out)["cells"]
    cell = before[(before["source"] == str(report)) & (before["value"] > 0)].iloc[0]
    text = report.read_text(encoding="utf-8")
    line = text.splitlines()[int(cell["line"]) - 1]
    raw = str(cell["raw"])
    changed = raw[:-1] + ("1" if raw[-1] != "1" else "2")
    fixed = line.replace(raw, changed, 1)
    size = report.stat().st_size
    report.write_text(text.replace(line, fixed, 1), encoding="utf-8")
    assert report.stat().st_size == size
    stamp = report.stat().st_mtime_ns + 1_000_000_000
    os.utime(report, ns=(stamp, stamp))
    again = build_dataset(sources, out, jobs=1)
    assert again.parsed == 1
    after = read_dataset(out)["cells"]
    mine = after[(after["source"] == str(report)) & (after["id"] == cell["id"])]
    assert list(mine["raw"]) == [changed]
    assert build_dataset(sources, out, jobs=1).parsed == 0


def test_a_killed_runs_temporary_database_is_removed(tmp_path: Path) -> None:
    # Killed while writing a .duckdb dataset, a run left its temporary file and log.
    report = write_report(tmp_path, "r.txt", agency=AGENCIES[0], year=2018, seed=1)
    stale = [tmp_path / ".tmp-99999-r.duckdb", tmp_path / ".tmp-99999-r.duckdb.wal"]
    for path in stale:
        path.write_bytes(b"half written")
    build_dataset([str(report)], tmp_path / "r.duckdb", jobs=1)
    assert not any(path.exists() for path in stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.duckdb", "r.duckdb.parts", "r.txt"]


def test_a_shared_crossyear_pass_gives_the_same_rows(
    corpus: list[Path], built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past SHARED_CROSSYEAR files, processes of their own run the pass's shares.
    monkeypatch.setattr(dataset_build, "SHARED_CROSSYEAR", 0)
    build_dataset([str(p) for p in corpus], tmp_path / "shared.parquet", jobs=2)
    work = work_directory(tmp_path / "shared.parquet") / "journal.jsonl"
    assert "-1-of-2" in work.read_text(encoding="utf-8")
    shared, expected = read_dataset(tmp_path / "shared.parquet"), read_dataset(built)
    assert rows_of(shared["findings"]) == rows_of(expected["findings"])


def test_crossyear_shares_give_every_row_once(corpus: list[Path], built: Path) -> None:
    # Workers share the cross-year pass by agency; together the shares are the pass.
    with Journal(work_directory(built)) as journal:
        connection = duckdb_connect()
        try:
            parts = {table: journal.parts(table) for table in TABLES}
            open_parts(connection, parts, [str(p) for p in corpus], None)
            whole = list(crossyear_rows(connection))
            assert whole
            for shares in (2, 3):
                found = [r for i in range(shares) for r in crossyear_rows(connection, (i, shares))]
                assert sorted(found, key=repr) == sorted(whole, key=repr), shares
            with pytest.raises(ValueError, match="share 2 of 2"):
                list(crossyear_rows(connection, (2, 2)))
        finally:
            connection.close()


def _indicator(report: govinfo.Report, indicator: str) -> float | None:
    """An indicator computed from the report's cells by the catalogue's mapping."""
    catalogue = govinfo.load_catalogue()
    (spec,) = [i for i in catalogue.indicators if i.id == indicator]
    ids = spec.cells_for(catalogue.template(report.template or ""))
    values = [report.value(i) for i in ids]
    return None if not ids or None in values else float(sum(v for v in values if v is not None))


def test_harmonised_view_sums_the_mapped_cells(corpus: list[Path], built: Path) -> None:
    connection = connect(built)
    for path in corpus:
        report = govinfo.parse_file(path)
        found = dict(
            connection.execute(
                "SELECT indicator, value FROM harmonised WHERE source = ?", [str(path)]
            ).fetchall()
        )
        assert found, path
        for indicator, value in found.items():
            assert value == _indicator(report, indicator), (path, indicator)
    series = connection.execute(
        "SELECT year, value FROM harmonised WHERE agency_key = ? AND indicator = "
        "'requests_received' ORDER BY year",
        [AGENCIES[0]],
    ).fetchall()
    assert [year for year, _ in series] == list(range(2017, 2023))
    assert all(value is not None for _, value in series)


def test_wide_views_and_rates(corpus: list[Path], built: Path) -> None:
    connection = connect(built)
    path = next(p for p in corpus if p.name == "2021.html")
    report = govinfo.parse_file(path)
    value = connection.execute(
        'SELECT "new.req.denied.third_party.total" FROM wide_new_2021 WHERE source = ?',
        [str(path)],
    ).fetchone()
    assert value is not None
    assert value[0] == float(report.value("new.req.denied.third_party.total") or -1)
    (share,) = connection.execute(
        "SELECT share_granted FROM rates WHERE source = ?", [str(path)]
    ).fetchone() or (None,)
    granted = _indicator(report, "requests_granted") or 0.0
    partly = _indicator(report, "requests_partly_granted") or 0.0
    assert share == pytest.approx(
        (granted + partly) / (_indicator(report, "requests_processed") or 1)
    )


def test_a_blank_cell_makes_the_indicator_missing_not_zero(tmp_path: Path) -> None:
    path = write_report(tmp_path, "blank.txt", agency=AGENCIES[0], year=2018, seed=3, blanks=True)
    report = govinfo.parse_file(path)
    blank = [c.id for c in report.cells.values() if c.is_missing]
    assert blank
    build_dataset([str(path)], tmp_path / "b.duckdb", jobs=1)
    rows = (
        connect(tmp_path / "b.duckdb")
        .execute("SELECT indicator, value, cells_with_value, cells FROM harmonised")
        .fetchall()
    )
    for indicator, value, with_value, cells in rows:
        assert (value is None) == (with_value < cells), indicator
        assert value == _indicator(report, indicator), indicator


def test_crossyear_findings_name_both_reports(corpus: list[Path], built: Path) -> None:
    findings = read_dataset(built)["findings"]
    by_name = {(p.parent.name, p.stem): p for p in corpus}
    for year in (2020, 2021, 2022):
        current, previous = by_name["agency00", str(year)], by_name["agency00", str(year - 1)]
        rows = findings[(findings["source"] == str(current)) & findings["previous"].notna()]
        assert set(rows["previous"]) == {str(previous)}
        expected = previous_year_findings(govinfo.parse_file(current), govinfo.parse_file(previous))
        assert expected, year
        mine = rows[rows["code"].isin({"N6", "N7", "N11"})]
        assert list(mine["message"]) == [f.message for f in expected]
        # The text and PDF files print the same prose; the HTML pages another.
        repeated = "repeated-prose" in set(rows["code"])
        assert repeated == (".html" not in {current.suffix, previous.suffix}), year
    in_year = findings[findings["previous"].isna()]
    assert len(in_year) == sum(len(govinfo.parse_file(p).findings) for p in corpus)


def test_copied_figures_and_agency_ids(tmp_path: Path) -> None:
    last = write_report(tmp_path, "a/2021.txt", agency="青禾县人民政府", year=2021, seed=5)
    copy = tmp_path / "a" / "2022.txt"
    copy.write_text(last.read_text(encoding="utf-8").replace("2021年", "2022年"), "utf-8")
    renamed = write_report(tmp_path, "b/2022.txt", agency="青禾县政府", year=2022, seed=6)
    sources = [str(last), str(copy), str(renamed)]
    build_dataset(sources, tmp_path / "x.parquet", jobs=1)
    findings = read_dataset(tmp_path / "x.parquet")["findings"]
    pairs = findings[findings["previous"].notna()]
    assert set(pairs["source"]) == {str(copy)}
    assert "copied-figures" in set(pairs["code"])
    ids = tmp_path / "ids.csv"
    ids.write_text("source,agency,agency_id\n,青禾县人民政府,QH\nb/2022.txt,,QH\n", "utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("agency,agency_id\n青禾县人民政府,A\n＃青禾县人民政府,B\n", "utf-8")
    with pytest.raises(DatasetError, match="two agency ids"):
        build_dataset(sources, tmp_path / "y.parquet", jobs=1, agencies=bad)
    build_dataset(sources, tmp_path / "z.parquet", jobs=1, agencies=str(ids))
    data = read_dataset(tmp_path / "z.parquet")
    assert set(data["reports"]["agency_id"]) == {"QH"}
    pairs = data["findings"][data["findings"]["previous"].notna()]
    # Two 2022 reports of QH now: each is paired with 2021.
    assert set(pairs["source"]) == {str(copy), str(renamed)}


def test_report_records_match_the_cells() -> None:
    report = govinfo.parse_file(EXAMPLE)
    records = report_records(report)
    assert [r["id"] for r in records["cells"]] == [*report.cells, *(c.id for c in report.prose)]
    first = records["cells"][0]
    cell = report.cells[first["id"]]
    assert (first["value"], first["raw"], first["line"]) == (
        float(cell.value or 0),
        cell.raw,
        cell.line,
    )
    assert records["reports"][0]["findings"] == len(report.findings)
    assert len(records["findings"]) == len(report.findings)


def test_parse_prints_json_lines_as_it_goes(corpus: list[Path]) -> None:
    out = io.StringIO()
    folder = corpus[0].parent
    assert main(["parse", "--json", str(folder)], out=out) == 0
    frame = pd.read_json(io.StringIO(out.getvalue()), lines=True)
    assert list(frame["source"]) == find_sources([str(folder)])
    assert list(frame["year"]) == list(range(2017, 2023))


def test_dataset_command_prints_a_summary_and_no_bar_off_a_terminal(
    corpus: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    folder = corpus[0].parent
    assert (
        main(["dataset", str(folder), "-o", str(tmp_path / "d.parquet"), "-j", "1"], out=out) == 0
    )
    assert "6 files (6 parsed now: 6 ok)" in out.getvalue()
    assert capsys.readouterr().err == ""
    # Run again: nothing to parse, the same dataset.
    again = io.StringIO()
    assert main(["dataset", str(folder), "-o", str(tmp_path / "d.parquet")], out=again) == 0
    assert "6 files (0 parsed now: none)" in again.getvalue()
    assert main(["dataset", str(folder), "-o", str(tmp_path / "d.txt")], out=out) == 2
    assert "--format" in capsys.readouterr().err


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    with ExitStack() as stack:
        update = _progress_bar(stack, err)
        assert update is not None
        update(5, 10)
        update(10, 10)
    assert "10/10" in err.getvalue()
    assert _progress_bar(ExitStack(), io.StringIO()) is None
    del tmp_path


def test_too_many_reports_a_year_are_not_paired(tmp_path: Path) -> None:
    sources = [
        str(write_report(tmp_path, f"{year}-{n}.txt", agency=AGENCIES[0], year=year, seed=n))
        for year, count in ((2021, 3), (2022, 2))
        for n in range(count)
    ]
    build_dataset(sources, tmp_path / "a.parquet", jobs=1)
    findings = read_dataset(tmp_path / "a.parquet")["findings"]
    crossyear = findings[findings["code"] == "crossyear-ambiguous"]
    assert sorted(crossyear["source"]) == sorted(s for s in sources if "2022-" in s)
    assert set(crossyear["severity"]) == {"info"}
    assert findings["previous"].isna().all()  # 3 × 2 pairs would be guesswork
