"""What the table readers give back: cells, rows kept raw, diagnostics, template."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from govinfo.limits import MAX_TABLE_CELLS
from govinfo.models import Cell, Diagnostic, UnknownRow

if TYPE_CHECKING:
    from govinfo.tables.new.splitting import OpenSplits

__all__ = ["TableReading", "tables_cut"]


@attrs.frozen(kw_only=True)
class TableReading:
    """What the tables of one report yielded."""

    cells: dict[str, Cell]
    unknown_rows: tuple[UnknownRow, ...]
    diagnostics: tuple[Diagnostic, ...]
    template: str | None
    #: Source lines the tables cover, kept out of prose reading (new tables).
    spans: tuple[range, ...] = ()
    #: Run-together rows the table's sums left open, for the prose to decide
    #: (:func:`govinfo.tables.new.restatements.decide_by_prose`); ``None`` on almost
    #: every report.
    open_splits: OpenSplits | None = None


def tables_cut(reader: str, line: int, column: int, text: str) -> Diagnostic:
    """``tables-cut``: ``reader`` stopped at ``line``/``column``, past the cell limit."""
    return Diagnostic(
        code="tables-cut",
        message=f"the {reader} reader stops here: the report has more than {MAX_TABLE_CELLS} "
        "table cells (govinfo.limits.MAX_TABLE_CELLS); the rest is read as prose only",
        line=line,
        column=column,
        text=text,
    )
