"""Word .docx files → text lines: body paragraphs and tables in document order.

Needs the ``docx`` extra (python-docx). Merged cells follow the HTML rule: a
vertically merged cell (vMerge) is repeated in each row it spans; a cell
spanning columns (gridSpan) keeps its text in its first column only.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from govinfo.carriers.converted import Converted, LinePlace, grid_row
from govinfo.errors import InputError
from govinfo.models import Place

__all__ = ["docx_to_lines"]


def docx_to_lines(data: bytes, name: str = "<docx>") -> Converted:
    """Convert a .docx file to text lines with their paragraph or table places."""
    try:
        import docx  # noqa: PLC0415 - optional extra
        from docx.table import Table  # noqa: PLC0415
        from docx.text.paragraph import Paragraph  # noqa: PLC0415
    except ImportError as exc:
        raise InputError(
            f"{name}: reading .docx needs the extra: pip install govinfo[docx]"
        ) from exc
    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise InputError(f"{name}: not a readable .docx file ({exc})") from exc
    lines: list[str] = []
    places: list[LinePlace | None] = []
    paragraphs = tables = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs += 1
            text = " ".join(Paragraph(child, document).text.split())
            if text:
                lines.append(text)
                places.append(LinePlace(Place(carrier="docx", paragraph=paragraphs)))
        elif tag == "tbl":
            tables += 1
            for row_index, row in enumerate(Table(child, document).rows, start=1):
                cells = _row_cells(row)
                if any(cells):
                    text, starts = grid_row(cells)
                    lines.append(text)
                    places.append(
                        LinePlace(Place(carrier="docx", table=tables, row=row_index), starts)
                    )
    return Converted(carrier="docx", lines=tuple(lines), places=tuple(places))


def _row_cells(row: Any) -> list[str]:  # noqa: ANN401 - python-docx is untyped
    cells: list[str] = []
    previous = None
    for cell in row.cells:
        # python-docx repeats a cell object across the grid columns it spans.
        same = previous is not None and cell._tc is previous._tc  # noqa: SLF001
        cells.append("" if same else " ".join(cell.text.split()))
        previous = cell
    return cells
