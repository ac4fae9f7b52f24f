"""The cross-year pass over a dataset: each report against its agency's previous year.

Reports are linked by ``agency_id`` when the user gave one, else by
``agency_key``; a report of year N is paired with every report of the same link
and year N-1 (two carriers of one report make two pairs). When one year has so
many reports of one link that pairing them all would be guesswork, the pairs
are not made and an ``info`` finding says so. The rules are
:func:`govinfo.checks.crossyear.crossyear_findings`; their rows name both reports
(``source`` and ``previous``).

The data streams from DuckDB ordered by link and the findings stream out, so
memory holds one agency's reports at a time; only the cells the ``[N-1]``
invariants read are turned back into :class:`~govinfo.Cell` records. Copied
figures are counted by DuckDB over every table cell of both years, and judged by
:func:`~govinfo.checks.crossyear.copied_figures_finding`.

The local command's workers share the pass once the files are parsed: the
agencies are cut into one share per worker by a hash of their link
(:func:`crossyear_parts`), and each worker writes its share's findings as a part.
"""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from govinfo.catalogue import load_catalogue
from govinfo.checks.crossyear import (
    ProsePrints,
    copied_figures_finding,
    crossyear_cell_ids,
    previous_year_findings,
    repeated_prose,
)
from govinfo.dataset.output import duckdb_connect, open_parts, settle
from govinfo.dataset.records import finding_row, report_from_rows
from govinfo.dataset.schema import TABLES
from govinfo.dataset.worker import write_stream
from govinfo.models import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from concurrent.futures import Executor

    import duckdb

    from govinfo.dataset.journal import Journal

__all__ = [
    "AMBIGUOUS",
    "MAX_PAIRS",
    "WORKER_DUCKDB_MEMORY",
    "CrossyearShare",
    "crossyear_parts",
    "crossyear_rows",
    "crossyear_share",
]

#: DuckDB's memory limit in a process running a share of the pass (48 MB ran out
#: on 10,000 reports; the process holds about 120 MB besides).
WORKER_DUCKDB_MEMORY = "128MB"

#: The code of a finding that one agency has too many reports a year to pair them.
AMBIGUOUS = "crossyear-ambiguous"
#: Most pairs one report may take part in before pairing is given up as ambiguous.
MAX_PAIRS = 4

# `reports_final` is the reports relation with agency_id filled in.
_LINKED = """
CREATE OR REPLACE TEMP VIEW linked AS
SELECT source, coalesce(agency_id, agency_key) AS link, year, template
FROM reports_final
WHERE status = 'ok' AND year IS NOT NULL AND coalesce(agency_id, agency_key) IS NOT NULL"""

_PAIRS = """
CREATE OR REPLACE TEMP TABLE pairs AS
WITH sizes AS (SELECT link, year, count(*) AS n FROM linked GROUP BY ALL)
SELECT cur.link, cur.source, prev.source AS previous, cur.year, sc.n * sp.n AS combinations
FROM linked cur
JOIN linked prev ON prev.link = cur.link AND prev.year = cur.year - 1
JOIN sizes sc ON sc.link = cur.link AND sc.year = cur.year
JOIN sizes sp ON sp.link = prev.link AND sp.year = prev.year
"""

_STREAM = """
WITH wanted AS (SELECT source FROM pairs UNION SELECT previous FROM pairs),
linked_wanted AS (SELECT l.* FROM linked l SEMI JOIN wanted w ON w.source = l.source)
SELECT l.link, l.source, l.year, l.template, 0 AS kind, c.position, c.id, c.value, c.low,
       c.high, c.qualifier, c.unit, c.raw, c.line, c."column", c.origin,
       NULL::VARCHAR AS ordinal, NULL::VARCHAR AS heading,
       NULL::BIGINT[] AS sentences, NULL::BIGINT[] AS lengths
FROM linked_wanted l JOIN parts_cells c ON c.source = l.source AND c.origin = 'table'
  AND c.id IN (SELECT id FROM crossyear_cells)
UNION ALL
SELECT l.link, l.source, l.year, l.template, 1, s.position, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, s.line, NULL, NULL, s.ordinal, s.heading, s.sentences, s.lengths
FROM linked_wanted l JOIN parts_sections s ON s.source = l.source
UNION ALL
SELECT l.link, l.source, l.year, l.template, 2, 0, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM linked_wanted l
ORDER BY 1, 2, 5, 6
"""

# The figures of both reports of a pair printed exactly (not both zero), and those
# equal; only pairs past the catalogue's thresholds come back. Each report of a
# pair gets a small integer key first: joining the cells on it and the cell id,
# rather than on the file's name, made the query 3.5 times faster (measured on
# 9,000 reports).
_KEYED = """
CREATE OR REPLACE TEMP TABLE paired AS
SELECT source, row_number() OVER () AS k
FROM (SELECT source FROM pairs UNION SELECT previous FROM pairs)
"""
_EXACT = """
CREATE OR REPLACE TEMP TABLE exact_cells AS
SELECT p.k, c.position, c.id, c.value, c.line FROM parts_cells c JOIN paired p USING (source)
WHERE c.origin = 'table' AND c.value IS NOT NULL AND c.low = c.value AND c.high = c.value
"""
_COPIED = """
SELECT p.source, p.previous, count(*) AS compared,
       list(struct_pack(id := a.id, line := a.line) ORDER BY a.position)
         FILTER (WHERE a.value = b.value) AS same
FROM pairs p
JOIN paired ks ON ks.source = p.source
JOIN paired kp ON kp.source = p.previous
JOIN exact_cells a ON a.k = ks.k
JOIN exact_cells b ON b.k = kp.k AND b.id = a.id
WHERE p.combinations <= $max AND (a.value <> 0 OR b.value <> 0)
GROUP BY p.source, p.previous
HAVING count(*) >= $min_cells AND count(*) FILTER (WHERE a.value = b.value) >= $share * count(*)
"""


def _copied(connection: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], Finding]:
    rules = load_catalogue().crossyear
    connection.execute(_KEYED)
    connection.execute(_EXACT)
    found: dict[tuple[str, str], Finding] = {}
    parameters = {
        "max": MAX_PAIRS,
        "min_cells": rules.copied_min_cells,
        "share": rules.copied_share,
    }
    for source, previous, compared, same in connection.execute(_COPIED, parameters).fetchall():
        finding = copied_figures_finding([(s["id"], s["line"]) for s in same or ()], compared)
        if finding is not None:
            found[source, previous] = finding
    return found


class _Held:
    """One report of the agency in hand: its template, table cells and prose sections."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.year: int = rows[0]["year"]
        cells = [r for r in rows if r["kind"] == 0]
        self.report = report_from_rows(rows[0]["template"], cells)
        self.sections = tuple(
            ProsePrints(
                ordinal=r["ordinal"] or "",
                heading=r["heading"] or "",
                line=r["line"],
                sentences=tuple(r["sentences"]),
                lengths=tuple(r["lengths"]),
            )
            for r in rows
            if r["kind"] == 1
        )


def _rows(connection: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    # Small batches: each becomes Python dicts, the bulk of the parent's memory here.
    reader = connection.sql(_STREAM).to_arrow_reader(4096)
    for batch in reader:
        yield from batch.to_pylist()


def _ambiguous(source: str, link: str, year: int, count: int) -> tuple[Any, ...]:
    message = f"「{link}」{year - 1}年有 {count} 份报告，本年也不止一份，未作跨年比对"
    return finding_row(source, 0, Finding(code=AMBIGUOUS, severity=Severity.INFO, message=message))


def _agency_rows(
    link: str, held: dict[str, _Held], copied: dict[tuple[str, str], Finding]
) -> Iterator[tuple[Any, ...]]:
    """The findings rows of one agency's pairs of consecutive years."""
    by_year: dict[int, list[str]] = {}
    for source in sorted(held):
        by_year.setdefault(held[source].year, []).append(source)
    for source in sorted(held):
        report = held[source]
        previous = by_year.get(report.year - 1, [])
        if len(by_year[report.year]) * len(previous) > MAX_PAIRS:
            yield _ambiguous(source, link, report.year, len(previous))
            continue
        for before_source in previous:
            before = held[before_source]
            # The order of crossyear_findings: invariants, copied figures, prose.
            findings = previous_year_findings(report.report, before.report)
            if (source, before_source) in copied:
                findings.append(copied[source, before_source])
            if report.sections and before.sections:
                findings.extend(repeated_prose(report.sections, before.sections))
            for position, finding in enumerate(findings):
                yield finding_row(source, position, finding, before_source)


def crossyear_rows(
    connection: duckdb.DuckDBPyConnection, share: tuple[int, int] = (0, 1)
) -> Iterator[tuple[Any, ...]]:
    """The ``findings`` rows of every pair of consecutive years, agency by agency.

    ``connection`` must hold ``reports_final`` (with ``agency_id``) and the views
    ``parts_cells`` and ``parts_sections``. Positions count from 0 per pair.
    ``share`` ``(i, n)`` keeps the agencies whose link hashes to ``i`` modulo
    ``n``: the ``n`` shares together give every row once, so that ``n``
    processes can run the pass side by side.
    """
    index, shares = share
    if not 0 <= index < shares:
        raise ValueError(f"share {index} of {shares}")
    linked = _LINKED
    if shares > 1:
        # DuckDB's hash() does not vary between processes: each link has one share.
        linked += f" AND hash(coalesce(agency_id, agency_key)) % {shares} = {index}"
    connection.execute(linked)
    connection.execute(_PAIRS)
    connection.execute("CREATE OR REPLACE TEMP TABLE crossyear_cells (id VARCHAR)")
    connection.executemany(
        "INSERT INTO crossyear_cells VALUES (?)", [(i,) for i in sorted(crossyear_cell_ids())]
    )
    copied = _copied(connection)
    for link, agency_rows in groupby(_rows(connection), key=lambda r: r["link"]):
        held = {
            source: _Held(list(rows))
            for source, rows in groupby(agency_rows, key=lambda r: r["source"])
        }
        yield from _agency_rows(link, held, copied)


@attrs.frozen
class CrossyearShare:
    """One share of the cross-year pass, for a worker (see :func:`crossyear_share`)."""

    directory: str
    parts: dict[str, tuple[str, ...]]
    sources: tuple[str, ...]
    agencies: str | None
    share: int
    shares: int
    name: str


def crossyear_share(task: CrossyearShare) -> str:
    """Write one share of the cross-year findings as a part (in a process of its own).

    Returns:
        The part's path, relative to the work directory.
    """
    directory = Path(task.directory)
    connection = duckdb_connect()
    try:
        settle(connection, directory / f"tmp-{task.name}", 1, WORKER_DUCKDB_MEMORY)
        parts = {table: [Path(p) for p in paths] for table, paths in task.parts.items()}
        agencies = Path(task.agencies) if task.agencies is not None else None
        open_parts(connection, parts, task.sources, agencies)
        rows = crossyear_rows(connection, (task.share, task.shares))
        return write_stream("findings", rows, directory, task.name)
    finally:
        connection.close()


def crossyear_parts(  # noqa: PLR0913 - the run's settings
    connection: duckdb.DuckDBPyConnection,
    journal: Journal,
    key: str,
    *,
    crossyear: bool,
    executor: Executor | None,
    shares: int,
    sources: Sequence[str],
    agencies: Path | None,
) -> list[Path]:
    """The committed cross-year findings for ``key``, computed when there are none yet.

    With an executor (processes of the dataset command), the agencies are cut
    into ``shares`` and each process computes one (:func:`crossyear_share`); a
    share whose process died is computed here, on ``connection``.

    Returns:
        The findings' part files, one per share.
    """
    keys = [f"{key}-{share}-of-{shares}" for share in range(shares)]
    found = {k: journal.derived("crossyear", k) for k in keys}
    todo = [share for share, k in enumerate(keys) if found[k] is None]
    names = {share: f"crossyear-{journal.run}-{share}" for share in todo}
    if executor is not None and len(todo) > 1:
        tasks = {
            share: CrossyearShare(
                directory=str(journal.directory),
                parts={t: tuple(str(p) for p in journal.parts(t)) for t in TABLES},
                sources=tuple(sources),
                agencies=str(agencies) if agencies is not None else None,
                share=share,
                shares=shares,
                name=names[share],
            )
            for share in todo
        }
        try:
            futures = {share: executor.submit(crossyear_share, t) for share, t in tasks.items()}
        except BrokenProcessPool:  # a worker died earlier: the shares are computed here
            futures = {}
        for share, future in futures.items():
            try:
                part = future.result()
            except BrokenProcessPool:
                continue
            journal.commit_file("crossyear", keys[share], part)
            found[keys[share]] = journal.directory / part
    for share, k in enumerate(keys):
        if found[k] is None:
            rows = crossyear_rows(connection, (share, shares)) if crossyear else iter(())
            part = write_stream("findings", rows, journal.directory, names[share])
            journal.commit_file("crossyear", k, part)
            found[k] = journal.directory / part
    return [p for p in found.values() if p is not None]
