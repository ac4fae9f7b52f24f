"""govinfo.dask on a LocalCluster of two worker processes: the same rows as the local command."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from dask.base import compute
from distributed import Client, LocalCluster

import govinfo.dask
from govinfo.dataset import DatasetError, build_dataset, read_dataset

from .dataset_files import write_corpus
from .test_dataset import rows_of

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as connected,  # type: ignore[no-untyped-call]
    ):
        yield connected


def test_a_cluster_builds_the_dataset_the_command_builds(client: Client, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    write_corpus(folder, ("青禾县人民政府", "云溪区人民政府"), range(2018, 2023), ("text", "html"))
    local = tmp_path / "local.parquet"
    build_dataset(govinfo.dataset.find_sources([str(folder)]), local, jobs=1)
    on_cluster = tmp_path / "cluster.parquet"
    done: list[int] = []
    summary = govinfo.dask.build_dataset(
        str(folder / "**" / "*.*"),
        on_cluster,
        client=client,
        files_per_partition=3,
        progress=lambda n, _: done.append(n),
    )
    assert summary.statuses == {"ok": 10}
    assert done[-1] == 10
    assert len(done) == 4  # four partitions of at most three files
    expected, found = read_dataset(local), read_dataset(on_cluster)
    assert len(expected["findings"][expected["findings"]["previous"].notna()]) > 0
    for table, frame in expected.items():
        assert rows_of(found[table]) == rows_of(frame), table

    tables = govinfo.dask.tables([str(folder)], files_per_partition=4)
    assert tables.cells.npartitions == 3
    reports, cells, findings = compute(tables.reports, tables.cells, tables.findings)  # type: ignore[no-untyped-call]
    assert rows_of(reports.drop(columns="agency_id")) == rows_of(
        expected["reports"].drop(columns="agency_id")
    )
    assert rows_of(cells) == rows_of(expected["cells"])
    in_year = expected["findings"][expected["findings"]["previous"].isna()]
    assert rows_of(findings) == rows_of(in_year)


def test_paths_that_name_nothing_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no report files"):
        govinfo.dask.find_paths([str(tmp_path / "none-*.txt")])
    with pytest.raises(DatasetError, match="no report files"):
        govinfo.dask.find_paths(f"file://{tmp_path}/none-*.txt")
