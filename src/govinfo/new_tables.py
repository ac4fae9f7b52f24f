"""Read the three tables of the 2019/2021 format (二 主动公开, 三 申请, 四 复议诉讼).

Whatever the text shape, each line is first split into cells:

- pipe rows (``规章 | 0 | 0 | 0``, with or without outer pipes, ``|---|`` rows
  skipped) and tab-separated rows keep every cell's position, blanks included;
- a line that is only ``|`` separates the cells of one-cell-per-line tables,
  and then an empty line between two of them is a blank cell;
- any other line is split on spaces (PDF text): a label, then its numbers.

Rows then start at a label the layout knows (:mod:`govinfo.layout`); value cells
that follow on the same or the next lines belong to it, so a row split by a
page break is joined. Values go to columns by meaning: by header position
where the shape keeps positions, by count where it does not, and otherwise
the row is kept raw with a diagnostic saying why.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import attrs

from govinfo.catalogue import load_catalogue
from govinfo.layout import ACTIVE, APPEALS, REQUESTS, load_layout
from govinfo.lexer import ORDINAL_RE
from govinfo.match import TableReading, in_unit
from govinfo.models import Cell, Diagnostic, UnknownRow, nowhere
from govinfo.normalize import LineKind, folded_key, key
from govinfo.rows import CellText, split_cells
from govinfo.values import Qualifier, Quantity, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from govinfo.catalogue import CellSpec
    from govinfo.layout import Layout, Row
    from govinfo.models import Locate
    from govinfo.normalize import Line

__all__ = ["read_new_tables"]

_HEADER_WORDS = frozenset(
    key(w) for w in ("申请人情况", "法人或其他组织", "信息内容", "行政诉讼", "行政复议")
)
# The balance note printed in a header cell of table 三 (a header, not a row).
_BALANCE_NOTE = key("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
_TRAILING_DIGITS_RE = re.compile(r"^(?P<label>.*?\D)(?P<digits>\d{2,})$")
_PROSE_RE = re.compile(r"。.")
_MISSING = Quantity(value=None, low=None, high=None, qualifier=Qualifier.MISSING)


@attrs.define
class _Row:
    """A printed row: its catalogue row, label cell and the value cells after it."""

    #: ``None`` for a row the layout does not know (kept raw with its values).
    row: Row | None
    label: CellText
    values: list[CellText]
    positional: bool
    digits: str = ""


@functools.cache
def _fragments() -> str:
    """Every header and group label (with ordinal), joined, to recognise their pieces."""
    layout = load_layout()
    groups = set(layout.groups.values())
    return "\0".join(
        [
            *(h for headers in layout.headers.values() for h in headers),
            *(key(c.ordinal + c.label) for c in load_catalogue().cells if c.id in groups),
            *_HEADER_WORDS,
        ]
    )


@functools.lru_cache(maxsize=8192)
def _label_key(text: str) -> tuple[str, str]:
    """A label's key without its ordinal, and the ordinal."""
    text_key = folded_key(text)
    match = ORDINAL_RE.match(text_key)
    return (text_key[match.end() :], text_key[: match.end()]) if match else (text_key, "")


@functools.lru_cache(maxsize=4096)
def _row_for(text: str, table: str | None) -> tuple[Row | None, str]:
    """The layout row a label names (preferring ``table``'s), and digits run into it."""
    label, _ = _label_key(text)
    match = _TRAILING_DIGITS_RE.match(label)
    row = _row_by_label(label, table)
    if row is not None:
        return row, ""
    if match is not None:
        row = _row_by_label(match["label"], table)
        if row is not None:
            return row, match["digits"]
    return None, ""


def _shortened(text_key: str) -> Iterator[str]:
    """A key, then the key without each trailing parenthetical the layout does not print."""
    while text_key:
        yield text_key
        cut = text_key.rfind("(")
        if cut <= 0 or not text_key.endswith(")"):
            return
        text_key = text_key[:cut]


def _row_by_label(label: str, table: str | None) -> Row | None:
    layout = load_layout()
    for base in _shortened(label):
        ids = layout.row_labels.get(base)
        if ids:
            rows = [layout.rows[i] for i in ids]
            in_table = [r for r in rows if r.table == table]
            return (in_table or rows)[0]
    return None


@functools.lru_cache(maxsize=1024)
def _header_column(text: str, table: str) -> str | None:
    headers = load_layout().headers[table]
    return next((headers[k] for k in _shortened(folded_key(text)) if k in headers), None)


@functools.lru_cache(maxsize=1024)
def _cell_spec(row: str, column: str) -> tuple[str, CellSpec | None]:
    """The catalogue id and entry of a row × column cell (``None``: no such cell)."""
    cell_id = load_layout().cell_id(row, column)
    return cell_id, load_catalogue().by_id.get(cell_id)


class _Reader:
    def __init__(self, lines: Sequence[Line]) -> None:
        self.layout: Layout = load_layout()
        self.lines = lines
        self.table: str | None = None
        self.block: str | None = None
        #: Header cells (column id, cell), per table 二 block or table.
        self.headers: dict[str, list[tuple[str, CellText]]] = {}
        self.rows: list[_Row] = []
        self.appeal_values: list[CellText] = []
        self.appeal_positional = False
        self.printed: list[str] = []
        self.diagnostics: list[Diagnostic] = []
        self.current: _Row | None = None
        self.spans: list[list[int]] = []
        self.data_started = False
        #: After a `|` line in one-cell-per-line tables: the next line is a cell.
        self.cell_pending = False
        #: The table each unknown row was printed in, by line.
        self.table_of: dict[int, str] = {}
        #: Every header and group label (with ordinal), to recognise their pieces.
        self.fragments = _fragments()

    # --- classification --------------------------------------------------------

    def row_for(self, text: str) -> tuple[Row | None, str]:
        """The layout row a label names, and digits run into the label, if any."""
        return _row_for(text, self.table)

    def header_column(self, text: str) -> str | None:
        """The column a header cell names in the current table."""
        return None if self.table is None else _header_column(text, self.table)

    # --- the state machine --------------------------------------------------------

    def feed(self, line: Line) -> None:
        if line.kind is LineKind.NOISE:
            return
        stripped = line.text.strip()
        if stripped == "|":
            # One cell per line between `|` lines: the next line is one cell.
            self.cell_pending = True
            return
        if self.cell_pending:
            self.cell_pending = False
            cells = [CellText(stripped, line.number, line.text.find(stripped) + 1)]
            if not stripped and self.table is None:
                return
            self.feed_cells(line, cells, positional=True)
            return
        if line.kind is LineKind.BLANK:
            return
        cells, positional = split_cells(line)
        if cells:
            self.feed_cells(line, cells, positional=positional)

    def feed_cells(self, line: Line, cells: list[CellText], *, positional: bool) -> None:
        if self.table is not None and cells[0].text and self.is_prose(cells):
            self.end_table()
        if positional and len(cells) > 1:
            if not self.is_data_line(cells):
                # The empty cells of a header or caption row are not blank values.
                cells = [c for c in cells if c.text]
            else:
                # Empty cells before a row's label are its (merged) label area.
                labels = [i for i, c in enumerate(cells) if c.text and parse_value(c.text) is None]
                if labels:
                    cells = [c for c in cells[: labels[-1]] if c.text] + cells[labels[-1] :]
        for cell in cells:
            self.feed_cell(cell, positional=positional)
        if self.table is not None:
            self.spans[-1][1] = line.number

    def source_text(self, cell: CellText) -> str:
        """A cell's text as in the source (folding keeps columns)."""
        raw = self.lines[cell.line - 1].raw
        return raw[cell.column - 1 : cell.column - 1 + len(cell.text)]

    def is_data_line(self, cells: list[CellText]) -> bool:
        """Only values, or a row label followed by values."""
        texts = [c for c in cells if c.text and parse_value(c.text) is None]
        if not texts:
            return True
        rows = [self.row_for(c.text)[0] is not None for c in texts]
        groups_or_rows = all(r or self.is_group(c.text) for r, c in zip(rows, texts, strict=True))
        return groups_or_rows and any(rows)

    def is_group(self, text: str) -> bool:
        return _label_key(text)[0] in self.layout.groups

    def is_prose(self, cells: list[CellText]) -> bool:
        first = cells[0].text
        if _PROSE_RE.search(first) and len(first) > 40:
            return True
        label, ordinal = _label_key(first)
        if not ordinal or len(cells) > 1:
            return False
        known = (
            self.row_for(first)[0] is not None
            or label in self.layout.groups
            or self.header_column(first) is not None
        )
        return not known

    def start_table(self, table: str, cell: CellText) -> None:
        if self.table != table:
            self.end_table()
            self.table = table
            self.data_started = False
            self.spans.append([cell.line, cell.line])

    def end_table(self) -> None:
        self.current = None
        self.table = None
        self.block = None

    def feed_cell(self, cell: CellText, *, positional: bool) -> None:
        in_table = self.table is not None and (cell.text or positional)
        if in_table and parse_value(cell.text) is not None:
            # Most cells: a number in a table (never a label, group or header).
            self.value_cell(cell, positional=positional)
            return
        text_key = folded_key(cell.text)
        if not text_key and self.table is None:
            return
        group = self.layout.groups.get(_label_key(cell.text)[0]) if text_key else None
        if group is not None and group.startswith("new.active.art20"):
            self.start_table(ACTIVE, cell)
            self.block, self.current = group, None
            self.data_started = False
            self.printed.append(text_key)
            self.headers[group] = []
            return
        if text_key in _HEADER_WORDS or text_key == _BALANCE_NOTE:
            table = APPEALS if text_key in {key("行政复议"), key("行政诉讼")} else REQUESTS
            if text_key != key("信息内容"):
                self.start_table(table, cell)
            self.printed.append(text_key)
            return
        if self.table is None:
            row, _ = self.row_for(cell.text) if text_key else (None, "")
            if row is not None and row.table == REQUESTS:
                self.start_table(REQUESTS, cell)
            else:
                return
        self.table_cell(cell, text_key, group, positional=positional)

    def table_cell(
        self, cell: CellText, text_key: str, group: str | None, *, positional: bool
    ) -> None:
        value = parse_value(cell.text) if cell.text or positional else None
        if value is not None:
            self.value_cell(cell, positional=positional)
            return
        column = self.header_column(cell.text)
        # Before the data rows (and anywhere in table 四) a header text is a header;
        # after them an ordinal makes 总计/其他 the rows （七）总计 and 3.其他.
        heading = not self.data_started or self.table == APPEALS
        if column is not None and heading and not (self.data_started and _label_key(cell.text)[1]):
            self.header_cell(cell, column)
            return
        row, digits = self.row_for(cell.text)
        if row is not None and (row.table == self.table or self.table is None):
            self.printed.append(text_key)
            self.data_started = True
            self.current = _Row(row, cell, [], positional, digits)
            self.rows.append(self.current)
            return
        if group is not None:
            self.printed.append(text_key)
            self.current = None  # a group row: values after it would be stray
            return
        if column is not None:
            return  # a repeated header row
        self.unknown_text(cell, positional=positional)

    def header_cell(self, cell: CellText, column: str) -> None:
        self.printed.append(folded_key(cell.text))
        where = self.block if self.table == ACTIVE and self.block is not None else self.table
        self.headers.setdefault(where or "", []).append((column, cell))

    def value_cell(self, cell: CellText, *, positional: bool) -> None:
        if self.table == APPEALS:
            self.appeal_values.append(cell)
            self.appeal_positional = self.appeal_positional or positional
            return
        if self.current is None:
            if cell.text:
                self.diagnostics.append(
                    Diagnostic(
                        code="stray-value",
                        message="a number outside any row of the table was set aside",
                        line=cell.line,
                        column=cell.column,
                        text=cell.text,
                    )
                )
            return
        self.current.values.append(cell)

    def unknown_text(self, cell: CellText, *, positional: bool) -> None:
        # A wrapped label continues the row whose label has no value yet.
        if self.current is not None and not self.current.values:
            return
        if folded_key(cell.text) in self.fragments:
            # A piece of a header broken over lines (`商 业 企` / `业`) or of a
            # merged label printed a character per line: not a row.
            return
        # A row the layout does not know: kept raw, with the values that follow it.
        self.current = _Row(None, cell, [], positional)
        self.rows.append(self.current)
        self.table_of[cell.line] = self.table or ""


def read_new_tables(lines: Sequence[Line], locate: Locate = nowhere) -> TableReading:
    """Read the 2019/2021 tables of a report, if it has them (``locate``: see read_tables)."""
    reader = _Reader(lines)
    for line in lines:
        reader.feed(line)
    if not reader.rows and not reader.appeal_values:
        return TableReading(cells={}, unknown_rows=(), diagnostics=(), template=None, spans=())
    template, detection = _detect(reader)
    placer = _Placer(reader, template, locate)
    cells = placer.place()
    placer.truncation(template)
    return TableReading(
        cells=cells,
        unknown_rows=tuple(placer.unplaced),
        diagnostics=tuple(reader.diagnostics + detection + placer.diagnostics),
        template=template,
        spans=tuple(range(a, b + 1) for a, b in reader.spans),
    )


class _Placer:
    """Puts each row's values into columns and builds the cells."""

    def __init__(self, reader: _Reader, template: str, locate: Locate) -> None:
        self.reader = reader
        self.locate = locate
        self.template = template
        self.layout = reader.layout
        self.cells: dict[str, Cell] = {}
        self.unplaced: list[UnknownRow] = []
        self.diagnostics: list[Diagnostic] = []

    def place(self) -> dict[str, Cell]:
        for row in self.reader.rows:
            known = row.row
            if known is None:
                self.keep_unknown(row)
                continue
            columns = self.columns(known)
            values = self.split_digits(known, row, len(columns))
            if values is None:
                continue
            if not any(v.text for v in values) and self.reader.is_group(row.label.text):
                continue  # a group row (2021's （六）其他处理), not the 2019 value row
            if not values:
                # The row is printed with no cell at all: every cell is blank.
                values = [CellText("", row.label.line, row.label.column)] * len(columns)
                row.positional = True
            placed = self.assign(known, row, values, columns)
            if placed is None:
                self.keep_raw(known, row, f"{len(values)} values for {len(columns)} columns")
                continue
            for column, value in placed:
                self.add(known, column, value, row.label)
        self.place_appeals()
        return self.cells

    def keep_unknown(self, row: _Row) -> None:
        self.keep(
            row, self.reader.table_of.get(row.label.line, ""), "not a row of the 2019/2021 tables"
        )

    def keep(self, row: _Row, section: str, reason: str) -> None:
        """Keep a row raw, with its values and why it was not read."""
        self.unplaced.append(
            UnknownRow(
                line=row.label.line,
                label=self.reader.source_text(row.label),
                raw=self.reader.lines[row.label.line - 1].raw.strip(),
                cells=tuple(v.text for v in row.values),
                section=section,
                reason=reason,
            )
        )

    def columns(self, known: Row) -> tuple[str, ...]:
        if known.table == ACTIVE:
            seen = [c for c, _ in self.reader.headers.get(known.block or "", [])]
            printed = [c for c in seen if c in known.columns]
            if printed:
                return tuple(printed)
            # Headers unreadable (wrapped, lost): the template's columns, in order.
            return known.columns_for(self.template) or tuple(known.columns)
        return self.layout.request_columns

    def split_digits(self, known: Row, row: _Row, width: int) -> list[CellText] | None:
        if not row.digits:
            return row.values
        label = row.label
        if len(row.digits) == width and not row.values:
            self.diagnostics.append(
                Diagnostic(
                    code="numbers-run-together",
                    message=f"{len(row.digits)} digits run into the label for {width} columns: "
                    "split one digit per column, the only split that fills every column",
                    line=label.line,
                    column=label.column,
                    text=label.text,
                )
            )
            start = label.column + len(label.text) - len(row.digits)
            return [CellText(d, label.line, start + i) for i, d in enumerate(row.digits)]
        self.keep_raw(
            known, row, f"numbers run together ({row.digits}) for {width} columns; not split"
        )
        return None

    def assign(
        self, known: Row, row: _Row, values: list[CellText], columns: tuple[str, ...]
    ) -> list[tuple[str, CellText]] | None:
        if row.positional:
            by_header = self.by_header(known, values, columns)
            if by_header is not None:
                return by_header
            # Surplus empty cells at either end are label area or closing pipes.
            while len(values) > len(columns) and not values[-1].text:
                values = values[:-1]
            while len(values) > len(columns) and not values[0].text:
                values = values[1:]
            if len(values) > len(columns):
                return None
            # Cells a positional row does not reach are blank (`行政强制 | 0 | 0 |`).
            end = values[-1] if values else row.label
            values = values + [CellText("", end.line, end.column)] * (len(columns) - len(values))
            return list(zip(columns, values, strict=True))
        if len(values) == len(columns):
            return list(zip(columns, values, strict=True))
        if known.table == REQUESTS and len(values) == len(columns) - 1:
            self.diagnostics.append(
                Diagnostic(
                    code="total-assumed-blank",
                    message="6 values in a row of 7 columns: read as the six applicant "
                    "columns with 总计 left blank",
                    line=row.label.line,
                    column=row.label.column,
                    text=row.label.text,
                )
            )
            blank = CellText("", row.label.line, row.label.column)
            return [*zip(columns, values, strict=False), (columns[-1], blank)]
        return None

    def by_header(
        self, known: Row, values: list[CellText], columns: tuple[str, ...]
    ) -> list[tuple[str, CellText]] | None:
        """Values under their header cells, when the row is as wide as the header rows."""
        where = known.block if known.table == ACTIVE else known.table
        header = [(c, cell) for c, cell in self.reader.headers.get(where or "", []) if cell.width]
        widths = {cell.width for _, cell in header}
        if not header or not values or widths != {values[0].width}:
            return None
        at = {cell.slot: column for column, cell in header if column in columns}
        if any(v.text and v.slot not in at for v in values):
            return None
        return [(at[v.slot], v) for v in values if v.slot in at]

    def keep_raw(self, known: Row, row: _Row, reason: str) -> None:
        self.keep(
            row, known.table, f"{known.id}: {reason}; cannot tell which column each number is"
        )

    def place_appeals(self) -> None:
        values = self.reader.appeal_values
        if not values:
            return
        slots = [(g, c) for g in self.layout.appeal_groups for c in self.layout.appeal_columns]
        while len(values) > len(slots) and not values[-1].text:
            values = values[:-1]
        # Empty header cells (one per line between `|` lines) come before the numbers.
        while len(values) > len(slots) and not values[0].text:
            values = values[1:]
        if len(values) != len(slots) and not (
            self.reader.appeal_positional and len(values) < len(slots)
        ):
            self.diagnostics.append(
                Diagnostic(
                    code="appeals-unplaced",
                    message=f"table 四 has {len(values)} numbers for its 15 columns; not placed",
                    line=values[0].line,
                    column=values[0].column,
                    text=" ".join(v.text for v in values),
                )
            )
            return
        if self.reader.appeal_positional and len(values) < len(slots):
            # Cells a positional row does not reach are blank.
            end = values[-1]
            values = values + [CellText("", end.line, end.column)] * (len(slots) - len(values))
        for (group, column), value in zip(slots, values, strict=True):
            self.add(self.layout.rows[group], column, value, None)

    def add(self, row: Row, column: str, value: CellText, label: CellText | None) -> None:
        cell_id, spec = _cell_spec(row.id, column)
        if spec is None or cell_id in self.cells:
            return
        quantity = parse_value(value.text) if value.text else _MISSING
        if quantity is None:
            quantity = _MISSING
        unit = spec.unit or quantity.unit
        flags = quantity.flags
        if quantity.value is not None and quantity.value < 0 and not spec.signed:
            flags = (*flags, "negative")
        self.cells[cell_id] = Cell.from_quantity(
            cell_id,
            in_unit(quantity, unit),
            unit=unit,
            raw=value.text,
            line=value.line,
            column=value.column,
            label=f"{label.text} / {column}" if label is not None else spec.label,
            flags=flags,
            place=self.locate(value.line, value.column),
        )

    def truncation(self, template: str) -> None:
        expected = [
            r for r in self.layout.rows.values() if r.table == REQUESTS and r.columns_for(template)
        ]
        printed = {cell_id.rpartition(".")[0] for cell_id in self.cells}
        present = [r.id in printed for r in expected]
        if any(present) and not all(present):
            last = max(i for i, p in enumerate(present) if p)
            missing = [r for i, r in enumerate(expected) if not present[i]]
            if all(not p for p in present[last + 1 :]) and last + 1 < len(expected):
                first = expected[last + 1]
                self.diagnostics.append(
                    Diagnostic(
                        code="table-truncated",
                        message=f"table 三 stops before {first.ordinal}{first.label} "
                        f"({first.id}); {len(missing)} row(s) missing",
                    )
                )


def _detect(reader: _Reader) -> tuple[str, list[Diagnostic]]:
    """new-2019 or new-2021: 第二十条第（一）项's headers first, then （六）其他处理 (§2)."""
    catalogue = load_catalogue()
    printed = set(reader.printed)
    hits = {
        t.id: sum(key(cue) in printed or _label_key(cue)[0] in printed for cue in t.cues)
        for t in catalogue.templates
        if t.family == "new"
    }
    block_one = {c for c, _ in reader.headers.get("new.active.art20_1", [])}
    printed_rows = {r.row.id for r in reader.rows if r.row is not None and (r.values or r.digits)}
    other_single = "new.req.other" in printed_rows
    other_split = bool(printed_rows & {"new.req.other.no_correction", "new.req.other.fee_unpaid"})
    if block_one & {"made", "published", "published_total"}:
        template = "new-2019"
    elif block_one & {"issued", "repealed", "in_force"}:
        template = "new-2021"
    elif other_single or other_split:
        template = "new-2019" if other_single else "new-2021"
    else:
        template = max(hits, key=lambda t: hits[t]) if any(hits.values()) else "new-2021"
    hybrid: list[str] = []
    if template == "new-2021" and other_single:
        hybrid.append(
            "（六）其他处理 is one value row, as in 2019; its cells go to new.req.other.*"
        )
    if template == "new-2019" and other_split:
        hybrid.append("（六）其他处理 has the three rows of 2021")
    if template == "new-2021" and "规范性文件" in printed:
        hybrid.append("the 2019 label 规范性文件 is printed in the 2021 layout")
    other = "new-2019" if template == "new-2021" else "new-2021"
    diagnostics: list[Diagnostic] = []
    if hybrid or hits.get(other, 0) > hits.get(template, 0):
        diagnostics.append(
            Diagnostic(
                code="hybrid-template",
                message=f"read as {template} cell by cell (cue hits {hits}): " + "; ".join(hybrid),
            )
        )
    return template, diagnostics
