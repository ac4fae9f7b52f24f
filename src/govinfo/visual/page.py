"""The HTML report of one checked report: one self-contained page.

Tables in the template's layout (:mod:`.grids`) with every cell's value and
where it was read; blank cells marked; the cells of each error and warning
highlighted and linked to the finding, which links back to them; a prose
figure that contradicts its cell shown beside it. No network, no external
file: the style and the small script are inline.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from govinfo.catalogue import load_catalogue
from govinfo.checks.crossyear import finding_meaning
from govinfo.checks.presence import absent_tables, unplaced_values
from govinfo.messages import describe_diagnostic, severity_label, text
from govinfo.models import Severity
from govinfo.visual.assets import SCRIPT, STYLE
from govinfo.visual.grids import grids

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.messages import Lang
    from govinfo.models import Cell, Finding, Report
    from govinfo.visual.grids import Grid

__all__ = ["render_html"]

_MARKED = (Severity.ERROR, Severity.WARNING)
_PROSE_RULES = ("O17", "N13")


def _where(cell: Cell, lang: Lang, *, full: bool = False) -> str:
    """Where a value was read: its place in the file, else its text line."""
    if cell.place is None:
        return text("text_line", lang, n=cell.line)
    return cell.place.describe(lang, short=not full) or text("text_line", lang, n=cell.line)


def _sub(parent: ET.Element, tag: str, content: str = "", **attrib: str) -> ET.Element:
    """A child element; ``class_`` and ``data_x`` become ``class`` and ``data-x``."""
    names = {k.rstrip("_").replace("_", "-"): v for k, v in attrib.items()}
    element = ET.SubElement(parent, tag, names)
    element.text = content or None
    return element


class _Marks:
    """Which findings name each cell, and the prose figures that contradict a cell."""

    def __init__(self, report: Report, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        #: Cell id → indexes of the findings naming it.
        self.by_cell: dict[str, list[int]] = {}
        #: Table cell → (finding index, prose figure) of each contradicting figure.
        self.prose: dict[str, list[tuple[int, Cell]]] = {}
        for index, finding in enumerate(self.findings):
            for cell_id in finding.cells:
                self.by_cell.setdefault(cell_id, []).append(index)
            if finding.code in _PROSE_RULES and finding.severity in _MARKED:
                figures = [
                    c for c in report.prose if c.id in finding.cells and c.line in finding.lines
                ]
                table = [c for c in finding.cells if c in report.cells]
                if figures and table:
                    self.prose.setdefault(table[0], []).append((index, figures[0]))

    def marked(self, cell_id: str) -> list[int]:
        """The errors and warnings naming a cell (undecided comparisons are only listed)."""
        indexes = dict.fromkeys(self.by_cell.get(cell_id, []))
        return [i for i in indexes if self.findings[i].severity in _MARKED]

    def severity(self, cell_id: str) -> Severity | None:
        severities = {self.findings[i].severity for i in self.marked(cell_id)}
        return next((s for s in _MARKED if s in severities), None)


class _Tables:
    """The report's tables as printed, every cell with its value and its marks."""

    def __init__(self, report: Report, marks: _Marks, lang: Lang) -> None:
        self.report, self.marks, self.lang = report, marks, lang
        #: Cells drawn, which the findings can link to.
        self.drawn: set[str] = set()

    def cell(self, row: ET.Element, cell_id: str | None) -> None:
        spec = load_catalogue().by_id.get(cell_id) if cell_id is not None else None
        numeric = spec is not None and spec.kind.is_numeric
        if cell_id is None or (not numeric and cell_id not in self.report.cells):
            _sub(row, "td", class_="void")  # no value by design (a header row)
            return
        self.drawn.add(cell_id)
        cell = self.report.cells.get(cell_id)
        label = spec.label_for(self.report.template or "") if spec is not None else cell_id
        td = _sub(row, "td", id=f"c-{cell_id}", data_cell=cell_id)
        classes = ["cell", *self._state(cell_id)]
        if cell is None:
            classes.append("absent")
            td.set("title", f"{label}: {text('not_printed', self.lang)}")
            _sub(td, "span", text("not_printed", self.lang), class_="value")
        else:
            td.set("title", f"{label}: {_where(cell, self.lang, full=True)}")
            if cell.is_missing:
                classes.append("blank")
            shown = cell.raw.strip() or text("page_blank", self.lang)
            _sub(td, "span", shown, class_="value")
            _sub(td, "span", _where(cell, self.lang), class_="where")
        td.set("class", " ".join(classes))
        for index, figure in self.marks.prose.get(cell_id, []):
            note = text(
                "page_prose_note",
                self.lang,
                raw=figure.raw.strip(),
                where=_where(figure, self.lang),
            )
            _sub(td, "a", note, href=f"#f-{index}", class_="prose-note")
        links = _sub(td, "span", class_="links")
        for index in self.marks.marked(cell_id):
            finding = self.marks.findings[index]
            _sub(links, "a", finding.code, href=f"#f-{index}", class_=finding.severity.value)

    def _state(self, cell_id: str) -> list[str]:
        severity = self.marks.severity(cell_id)
        state = [] if severity is None else ["mark", severity.value]
        findings = self.marks.findings
        marked = self.marks.by_cell.get(cell_id, [])
        if any(cell_id in findings[i].suspects for i in marked):
            state.append("suspect")
        if any(cell_id in findings[i].decided for i in marked):
            state.append("decided")  # its value is a split its rules chose: not checked
        return state

    def grid(self, parent: ET.Element, grid: Grid) -> None:
        section = _sub(parent, "section", class_="grid")
        _sub(section, "h3", grid.title)
        table = _sub(section, "table", class_=f"table-{grid.name or 'old'}")
        for head in grid.head:
            tr = _sub(table, "tr")
            for span in head:
                _sub(tr, "th", span.text, colspan=str(span.colspan), rowspan=str(span.rowspan))
        for row in grid.rows:
            tr = _sub(table, "tr")
            for span in row.labels:
                cls = "label group" if span.kind == "group" else "label"
                spans = {"colspan": str(span.colspan), "rowspan": str(span.rowspan)}
                th = _sub(tr, "th", span.text, class_=cls, **spans)
                if row.depth:
                    th.set("style", f"padding-left:{0.4 + 1.2 * row.depth}em")
            if row.unit is not None:
                _sub(tr, "td", row.unit, class_="unit")
            for cell_id in row.cells:
                self.cell(tr, cell_id)

    def outside_layout(self, parent: ET.Element) -> None:
        """Cells read that the template's layout has no place for (a hybrid's rows)."""
        outside = [c for c in self.report.cells if c not in self.drawn]
        if not outside:
            return
        section = _sub(parent, "section", class_="grid")
        _sub(section, "h3", text("page_outside", self.lang))
        table = _sub(section, "table")
        for cell_id in outside:
            tr = _sub(table, "tr")
            spec = load_catalogue().by_id.get(cell_id)
            _sub(tr, "th", spec.label if spec is not None else cell_id, class_="label")
            self.cell(tr, cell_id)


def _outcome(body: ET.Element, report: Report, findings: Sequence[Finding], lang: Lang) -> None:
    if not report.cells:
        n = len(report.unknown_rows)
        shown = text("page_table_unread", lang, n=n) if n else text("page_no_table", lang)
        _sub(body, "p", shown, class_="outcome unchecked")
        return
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    summary = text(
        "summary",
        lang,
        path=report.source or "",
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        template=report.template or "-",
    )
    _sub(body, "p", summary, class_="outcome")
    unread = [text("unread_table", lang, name=t.name) for t in absent_tables(report)]
    count = unplaced_values(report)
    if count or unread:
        what = text("list_sep", lang).join(
            [*([text("unplaced", lang, n=count)] if count else []), *unread]
        )
        _sub(body, "p", text("page_partial", lang, what=what), class_="outcome unchecked")


def _finding_list(body: ET.Element, report: Report, tables: _Tables, lang: Lang) -> None:
    section = _sub(body, "section", class_="findings")
    _sub(section, "h2", text("page_findings", lang))
    findings = tables.marks.findings
    if not findings:
        _sub(section, "p", text("page_no_finding", lang))
        return
    listing = _sub(section, "ol")
    catalogue = load_catalogue()
    for index, finding in enumerate(findings):
        item = _sub(listing, "li", id=f"f-{index}", class_=f"finding {finding.severity.value}")
        line = f" ({text('text_line', lang, n=finding.line)})" if finding.line else ""
        _sub(item, "strong", f"{finding.code} {severity_label(finding.severity.value, lang)}{line}")
        _sub(item, "span", " " + finding.message, class_="message")
        _sub(item, "div", finding_meaning(finding.code, lang), class_="rule")
        numbers = [
            text(f"page_{name}", lang, n=value)
            for name, value in (
                ("actual", finding.actual),
                ("expected", finding.expected),
                ("difference", finding.difference),
            )
            if value is not None
        ]
        if numbers:
            _sub(item, "div", "  ".join(numbers), class_="numbers")
        drawn = [c for c in dict.fromkeys(finding.cells) if c in tables.drawn]
        if drawn:
            links = _sub(item, "div", text("page_cells", lang), class_="cells")
            for cell_id in drawn:
                name = catalogue.by_id[cell_id].label_for(report.template or "")
                if cell_id in finding.suspects:
                    name = text("page_suspect", lang, label=name)
                _sub(links, "a", name, href=f"#c-{cell_id}", class_="to-cell")


def _notes(body: ET.Element, report: Report, lang: Lang) -> None:
    """The prose figures read, the rows not matched and the readers' notes."""
    lists = [
        (
            "page_figures",
            [f"{c.label}{c.raw.strip()} → {c.id} ({_where(c, lang)})" for c in report.prose],
        ),
        (
            "page_unknown",
            [
                text("page_line", lang, n=r.line) + f"{r.label} {' '.join(r.cells)}"
                for r in report.unknown_rows
            ],
        ),
        (
            "page_notes",
            [
                (text("page_line", lang, n=d.line) if d.line else "")
                + describe_diagnostic(d.code, d.message, lang)
                + (text("diagnostic_detail", lang, text=d.text) if d.text else "")
                for d in report.diagnostics
            ],
        ),
    ]
    for title, items in lists:
        if items:
            section = _sub(body, "section", class_="notes")
            _sub(section, "h2", text(title, lang))
            listing = _sub(section, "ul")
            for item in items:
                _sub(listing, "li", item)


def render_html(
    report: Report, findings: Sequence[Finding] | None = None, *, lang: Lang = "zh"
) -> str:
    """The report's HTML page (one self-contained document, UTF-8 text).

    Args:
        report: a parsed report.
        findings: the findings to show; the report's own by default.
        lang: ``zh`` or ``en``, the language of the page's words.

    Returns:
        The page, starting with ``<!DOCTYPE html>``.
    """
    shown = report.findings if findings is None else findings
    # Errors, then warnings, then notes: what a reviewer must act on comes first.
    rank = list(Severity)
    shown = sorted(shown, key=lambda finding: rank.index(finding.severity))
    tables = _Tables(report, _Marks(report, shown), lang)
    html = ET.Element("html", {"lang": "zh-CN" if lang == "zh" else "en"})
    head = _sub(html, "head")
    _sub(head, "meta", charset="utf-8")
    _sub(head, "title", f"{text('page_title', lang)}: {report.title or report.source or ''}")
    _sub(head, "style", STYLE)
    body = _sub(html, "body")
    _sub(body, "h1", report.title or report.source or text("page_title", lang))
    facts = [report.agency, str(report.year or ""), report.template, report.source]
    _sub(body, "p", " · ".join(f for f in facts if f), class_="facts")
    _outcome(body, report, shown, lang)
    # The tables are drawn first: the findings link only to the cells drawn.
    drawing = ET.Element("div", {"class": "tables"})
    if report.template is not None:
        for grid in grids(report.template):
            tables.grid(drawing, grid)
        tables.outside_layout(drawing)
    _finding_list(body, report, tables, lang)
    body.append(drawing)
    _notes(body, report, lang)
    _sub(body, "script", SCRIPT)
    return "<!DOCTYPE html>\n" + ET.tostring(html, encoding="unicode", method="html") + "\n"
