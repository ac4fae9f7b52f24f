"""The DuckDB views over a dataset: one wide view per template, the harmonised series.

All SQL is generated from the catalogue: the wide views have one column per
numeric cell of the template (named by its id), the harmonised view one row per
report and indicator of the catalogue's ``harmonised`` section. A harmonised
value is the sum of its cells in that template, and missing (NULL) when any of
them is blank or not printed: a blank is never read as zero.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo.catalogue import load_catalogue

if TYPE_CHECKING:
    import duckdb

__all__ = ["RATES", "create_views", "wide_view_name"]

_REPORT_KEYS = "r.source, r.agency, r.agency_key, r.agency_id, r.year, r.template"

#: The rates a researcher computes from the harmonised indicators, each as its
#: numerator's and its denominator's indicators (added up). The docs state them.
RATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "share_granted": (
        ("requests_granted", "requests_partly_granted"),
        ("requests_processed",),
    ),
    "share_refused": (("requests_refused",), ("requests_processed",)),
    "share_not_held": (("requests_not_held",), ("requests_processed",)),
    "share_reviews_corrected": (
        ("reviews_corrected",),
        ("reviews_upheld", "reviews_corrected", "reviews_other"),
    ),
    "share_lawsuits_corrected": (
        ("lawsuits_corrected",),
        ("lawsuits_upheld", "lawsuits_corrected", "lawsuits_other"),
    ),
}


def wide_view_name(template: str) -> str:
    """``wide_new_2021`` for ``new-2021``."""
    return "wide_" + template.replace("-", "_")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _wide_view(template: str) -> str:
    specs = [s for s in load_catalogue().cells_of(template) if s.kind.is_numeric]
    columns = ",\n  ".join(
        f'max(c.value) FILTER (WHERE c.id = {_quote(s.id)}) AS "{s.id}"' for s in specs
    )
    return (
        f"CREATE OR REPLACE VIEW {wide_view_name(template)} AS\n"
        f"SELECT {_REPORT_KEYS},\n  {columns}\n"
        "FROM reports r LEFT JOIN cells c ON c.source = r.source AND c.origin = 'table'\n"
        f"WHERE r.template = {_quote(template)}\n"
        f"GROUP BY {_REPORT_KEYS}"
    )


def _mapping_rows() -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str, str]]]:
    catalogue = load_catalogue()
    indicators = [(i.id, i.label, i.unit, i.meaning) for i in catalogue.indicators]
    cells = [
        (template.id, indicator.id, cell_id)
        for indicator in catalogue.indicators
        for template in catalogue.templates
        for cell_id in indicator.cells_for(template)
    ]
    return indicators, cells


_HARMONISED = f"""
CREATE OR REPLACE VIEW harmonised AS
WITH expected AS (
  SELECT template, indicator, count(*) AS cells FROM harmonised_cells GROUP BY ALL
)
SELECT {_REPORT_KEYS}, m.indicator,
  CASE WHEN count(c.value) = e.cells THEN sum(c.value) END AS value,
  count(c.value) AS cells_with_value, e.cells
FROM reports r
JOIN harmonised_cells m ON m.template = r.template
JOIN expected e ON e.template = m.template AND e.indicator = m.indicator
LEFT JOIN cells c ON c.source = r.source AND c.id = m.cell_id AND c.origin = 'table'
GROUP BY {_REPORT_KEYS}, m.indicator, e.cells
"""


def _rates_view() -> str:
    ids = [i.id for i in load_catalogue().indicators]
    pivot = ",\n  ".join(f"max(value) FILTER (WHERE indicator = {_quote(i)}) AS {i}" for i in ids)
    rates = ",\n  ".join(
        f"({' + '.join(top)}) / NULLIF({' + '.join(bottom)}, 0) AS {name}"
        for name, (top, bottom) in RATES.items()
    )
    keys = "source, agency, agency_key, agency_id, year, template"
    return (
        "CREATE OR REPLACE VIEW harmonised_wide AS\n"
        f"SELECT {keys},\n  {pivot}\nFROM harmonised GROUP BY {keys};\n"
        "CREATE OR REPLACE VIEW rates AS\n"
        f"SELECT {keys},\n  {rates}\nFROM harmonised_wide"
    )


def create_views(connection: duckdb.DuckDBPyConnection) -> None:
    """Create the mapping tables and every view on a connection holding the four tables.

    Made: tables ``indicators`` (id, label, unit, meaning) and ``harmonised_cells``
    (template, indicator, cell_id); views ``wide_<template>`` per template,
    ``harmonised`` (one row per report × indicator: ``value``, ``cells_with_value``,
    ``cells``), ``harmonised_wide`` (one column per indicator) and ``rates``
    (:data:`RATES`).
    """
    indicators, cells = _mapping_rows()
    connection.execute(
        "CREATE OR REPLACE TABLE indicators (id VARCHAR, label VARCHAR, unit VARCHAR, "
        "meaning VARCHAR)"
    )
    connection.executemany("INSERT INTO indicators VALUES (?, ?, ?, ?)", indicators)
    connection.execute(
        "CREATE OR REPLACE TABLE harmonised_cells (template VARCHAR, indicator VARCHAR, "
        "cell_id VARCHAR)"
    )
    connection.executemany("INSERT INTO harmonised_cells VALUES (?, ?, ?)", cells)
    catalogue = load_catalogue()
    for template in catalogue.templates:
        if catalogue.cells_of(template.id):  # forms kept raw have no cells to spread
            connection.execute(_wide_view(template.id))
    connection.execute(_HARMONISED)
    connection.execute(_rates_view())
