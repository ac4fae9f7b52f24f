"""The typed model of a parsed report. All records are frozen attrs classes."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from decimal import Decimal  # noqa: TC003 - cattrs resolves the hints at run time

import attrs

from govinfo.limits import MAX_KEPT_CELLS, MAX_KEPT_TEXT, cut
from govinfo.messages import Lang, severity_label, text
from govinfo.values import Qualifier, Quantity

__all__ = [
    "Cell",
    "Diagnostic",
    "Finding",
    "Heading",
    "Origin",
    "Place",
    "Report",
    "Section",
    "Severity",
    "UnknownRow",
]


class Origin(enum.StrEnum):
    """Where a value was read."""

    TABLE = "table"
    PROSE = "prose"


class Severity(enum.StrEnum):
    """How serious a finding is: broken EQ/LE rules are errors, SOFT ones warnings."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen(kw_only=True)
class Place:
    """Where a value stands in the file it came from (HTML, DOCX or PDF).

    ``line`` and ``column`` of a :class:`Cell` point into the text govinfo read;
    for a carrier that text was made from the file, and this record points
    back into the file: the source line of an HTML element, the table, row and
    grid column of a table cell, the page and line of a PDF, the paragraph of
    a Word document. Fields that do not apply are ``None``.
    """

    carrier: str
    line: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    page: int | None = None
    paragraph: int | None = None

    def describe(self, lang: Lang = "zh", *, short: bool = False) -> str:
        """Where this is, for a person: ``pdf 第3页 第38行``, ``html 表2 行4 列3 第1行``.

        ``short`` leaves out the carrier and the HTML source line: what a value
        drawn in its table needs beside it.
        """
        names: tuple[str, ...] = _PLACE_PARTS
        if short:
            names = _SHORT_PLACE_PARTS.get(self.carrier, _SHORT_PLACE_PARTS[""])
        parts = [
            text(f"place_{name}", lang, n=value)
            for name in names
            if (value := getattr(self, name)) is not None
        ]
        return " ".join(parts) if short else " ".join([self.carrier, *parts])


_PLACE_PARTS = ("page", "paragraph", "table", "row", "column", "line")
# A PDF value is found by page and line; a table cell by table, row and column.
_SHORT_PLACE_PARTS = {
    "pdf": ("page", "line"),
    "docx": ("table", "row", "column", "paragraph"),
    "": ("table", "row", "column"),
}

#: Finds the :class:`Place` in a carrier of a text position (line, column).
Locate = Callable[[int, int], Place | None]


def nowhere(line: int, column: int) -> None:
    """The :data:`Locate` of plain text: a text position has no place in another file."""
    del line, column


@attrs.frozen(kw_only=True)
class Cell:
    """One value of the report under its catalogue id, with its provenance.

    Attributes:
        id: catalogue id (``old.req.closed``).
        value: the number as written, scaled by 万 (``4.2万`` → 42000); ``None`` when
            the cell is blank or a placeholder.
        low: smallest count the text allows (``5000余`` → 5000); ``None``: unbounded.
        high: largest count the text allows (``5000余`` → 5999); ``None``: unbounded.
        qualifier: exact, approximate, more_than, at_most, about, or missing.
        unit: the row's unit (printed in the unit column, else the catalogue's).
        written_unit: a unit written inside the value (``人`` in ``5000余人``).
        raw: the cell text exactly as in the source.
        line: 1-based source line of the value (of the label when no cell is printed).
        column: 1-based source column.
        origin: ``table`` or ``prose``.
        label: the row label as printed, continuation lines joined; in the
            2019/2021 tables followed by `` / `` and the column's name in the
            catalogue (``2.其他法律行政法规禁止公开 / 社会公益组织``).
        annotation: a local parenthetical after a known label, kept verbatim.
            ``raw``, ``label`` and ``annotation`` are kept up to
            :data:`~govinfo.limits.MAX_KEPT_TEXT` characters.
        flags: oddities kept for the reader (``value_on_header``, ``stray_text``).
        place: where the value stands in an HTML, DOCX or PDF file, if it came from one.
    """

    id: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: Qualifier
    unit: str
    raw: str = attrs.field(converter=cut)
    line: int
    column: int
    origin: Origin = Origin.TABLE
    label: str = attrs.field(default="", converter=cut)
    written_unit: str = ""
    annotation: str = attrs.field(default="", converter=cut)
    flags: tuple[str, ...] = ()
    place: Place | None = None

    @property
    def is_missing(self) -> bool:
        """True for a blank cell or a placeholder; such a cell has no value, never zero."""
        return self.qualifier is Qualifier.MISSING

    @classmethod
    def from_quantity(  # noqa: PLR0913 - a cell is a quantity plus its provenance
        cls,
        cell_id: str,
        quantity: Quantity,
        *,
        unit: str,
        raw: str,
        line: int,
        column: int,
        origin: Origin = Origin.TABLE,
        label: str = "",
        annotation: str = "",
        flags: tuple[str, ...] = (),
        place: Place | None = None,
    ) -> Cell:
        """The cell ``cell_id`` holding ``quantity``, read at ``line``/``column``."""
        # A cell per value of every report: the slots are set here, as attrs'
        # __init__ would set them (the same texts cut), without its keyword parsing.
        cell = _new(cls)
        _set(cell, "id", cell_id)
        _set(cell, "value", quantity.value)
        _set(cell, "low", quantity.low)
        _set(cell, "high", quantity.high)
        _set(cell, "qualifier", quantity.qualifier)
        _set(cell, "unit", unit)
        _set(cell, "raw", raw if len(raw) <= MAX_KEPT_TEXT else cut(raw))
        _set(cell, "line", line)
        _set(cell, "column", column)
        _set(cell, "origin", origin)
        _set(cell, "label", label if len(label) <= MAX_KEPT_TEXT else cut(label))
        _set(cell, "written_unit", quantity.unit)
        _set(cell, "annotation", cut(annotation) if annotation else annotation)
        _set(cell, "flags", flags)
        _set(cell, "place", place)
        return cell


_new = object.__new__
_set = object.__setattr__


def _cut_cells(cells: tuple[str, ...]) -> tuple[str, ...]:
    """At most :data:`~govinfo.limits.MAX_KEPT_CELLS` cells, each cut; the last says the rest."""
    if len(cells) > MAX_KEPT_CELLS:
        kept = MAX_KEPT_CELLS - 1
        cells = (*cells[:kept], f"…[+{len(cells) - kept} cells]")
    return tuple(cut(cell) for cell in cells)


@attrs.frozen(kw_only=True)
class UnknownRow:
    """A table row the catalogue does not know, kept as printed.

    Texts are kept up to :data:`~govinfo.limits.MAX_KEPT_TEXT` characters and
    :data:`~govinfo.limits.MAX_KEPT_CELLS` cells (see :func:`govinfo.limits.cut`),
    so that a row of a 100,000-character line costs no more than a short one.
    """

    line: int
    label: str = attrs.field(converter=cut)
    raw: str = attrs.field(converter=cut)
    cells: tuple[str, ...] = attrs.field(default=(), converter=_cut_cells)
    section: str = attrs.field(default="", converter=cut)
    reason: str = ""


@attrs.frozen(kw_only=True)
class Heading:
    """A heading of the report's prose (``一、概述``)."""

    line: int
    ordinal: str
    text: str


@attrs.frozen(kw_only=True)
class Diagnostic:
    """Something the parser noticed about the text (not about the arithmetic).

    ``message`` and ``text`` are kept up to :data:`~govinfo.limits.MAX_KEPT_TEXT`
    characters. Diagnostics of the carrier stage (``charset-mismatch``,
    ``stray-byte``, ``row-cut``…) give ``line`` and ``column`` in the file as
    decoded: for a text file the report's own lines, for an HTML page its source
    lines.
    """

    code: str
    message: str = attrs.field(converter=cut)
    line: int | None = None
    column: int | None = None
    text: str = attrs.field(default="", converter=cut)


@attrs.frozen(kw_only=True)
class Finding:
    """A broken or undecidable rule of the catalogue, as data.

    ``str(finding)`` is its one line: ``LINE: CODE 严重度 message`` (the line
    left out when the finding has none), in the language of ``message``::

        141: O8 错误 申请办结数 62 ≠ 按时办结数 58 + 延期办结数 3 = 61 (差 1)

    Attributes:
        code: the rule's id in the catalogue (``O8``, ``N13``, ``V1``).
        severity: error (EQ, LE, HARD rules), warning (SOFT) or info (NOTE rules,
            comparisons that cannot be decided and those a split decided).
        message: what is wrong, with the printed labels and values, in ``lang``.
        cells: the ids of the cells involved (prose subjects for O17/N13).
        expected: the right side of a broken comparison, when exact.
        actual: the left side, when exact.
        difference: ``actual - expected``.
        lines: the source lines of the cells or text involved.
        missing: operands that are blank or not printed (never read as zero).
        suspects: operands whose value equals the excess; probably counted twice.
        decided: operands whose run-together digits this rule split: the
            comparison holds by construction and confirms nothing (severity info).
        lang: the language of ``message`` (``zh`` or ``en``).
    """

    code: str
    severity: Severity
    message: str
    cells: tuple[str, ...] = ()
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    lines: tuple[int, ...] = ()
    missing: tuple[str, ...] = ()
    suspects: tuple[str, ...] = ()
    decided: tuple[str, ...] = ()
    lang: Lang = "zh"

    @property
    def line(self) -> int | None:
        """The first source line of the finding (``None`` when it has none)."""
        return min((n for n in self.lines if n > 0), default=None)

    def __str__(self) -> str:
        """The finding's one line (see the class)."""
        head = f"{self.code} {severity_label(self.severity.value, self.lang)} {self.message}"
        return head if self.line is None else f"{self.line}: {head}"


@attrs.frozen(kw_only=True)
class Section:
    """A top-level part of the report's text (``四、政府信息公开行政复议、行政诉讼情况``).

    ``text`` is the rest of the heading's line, then each following source line
    up to the next part, joined by newlines, so a text offset gives back its
    line (:meth:`line_of`). It is the normalised text (width folded, Simplified
    script) that the report-level rules read; page furniture lines are empty.
    The text before the first heading is a section with ``line`` 0 and
    ``ordinal`` "".
    """

    line: int
    ordinal: str
    title: str
    text: str = ""

    def line_of(self, offset: int) -> int:
        """The source line of an offset into ``text``."""
        return self.line + self.text.count("\n", 0, offset)


@attrs.frozen(kw_only=True)
class Report:
    """A parsed report: metadata, cells by catalogue id, and what was noticed.

    ``cells`` holds every row printed in the report's statistics table that the
    catalogue knows, in table order; blank cells are present with qualifier
    ``missing``. Rows the catalogue does not know are in ``unknown_rows``.
    """

    source: str | None = None
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    template: str | None = None
    cells: Mapping[str, Cell] = attrs.field(factory=dict)
    unknown_rows: tuple[UnknownRow, ...] = ()
    headings: tuple[Heading, ...] = ()
    findings: tuple[Finding, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    #: Figures the prose states for catalogue cells (origin ``prose``), in text order.
    prose: tuple[Cell, ...] = ()
    #: The report's top-level parts (一、 to 六、), with their text.
    sections: tuple[Section, ...] = ()

    # A report holds a mapping, so it is compared by value but not hashable.
    __hash__ = None  # type: ignore[assignment]

    def value(self, cell_id: str) -> Decimal | None:
        """The value of a cell, or ``None`` when it is blank or not printed."""
        cell = self.cells.get(cell_id)
        return None if cell is None else cell.value
