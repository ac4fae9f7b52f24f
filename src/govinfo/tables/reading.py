"""What the table readers give back: cells, rows kept raw, diagnostics, template."""

from __future__ import annotations

import attrs

from govinfo.models import Cell, Diagnostic, UnknownRow  # noqa: TC001 - attrs field types

__all__ = ["TableReading"]


@attrs.frozen(kw_only=True)
class TableReading:
    """What the tables of one report yielded."""

    cells: dict[str, Cell]
    unknown_rows: tuple[UnknownRow, ...]
    diagnostics: tuple[Diagnostic, ...]
    template: str | None
    #: Source lines the tables cover, kept out of prose reading (new tables).
    spans: tuple[range, ...] = ()
