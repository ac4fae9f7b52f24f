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
from govinfo.checks.presence import absent_tables, unplaced_values
from govinfo.messages import severity_label, text
from govinfo.models import Severity
from govinfo.visual.assets import SCRIPT, STYLE
from govinfo.visual.grids import grids

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from govinfo.messages import Lang
    from govinfo.models import Cell, Finding, Place, Report
    from govinfo.visual.grids import Grid

__all__ = ["render_html"]

_MARKED = (Severity.ERROR, Severity.WARNING)
_PROSE_RULES = ("O17", "N13")


def _words(lang: Lang) -> Mapping[str, str]:
    zh = lang == "zh"
    return {
        "title": "政府信息公开年度报告检查" if zh else "Annual report check",
        "findings": "检查结果" if zh else "Findings",
        "none": "未发现问题" if zh else "No finding",
        "blank": "（空）" if zh else "(blank)",
        "absent": "未列" if zh else "not printed",
        "prose": "正文" if zh else "prose",
        "cells": "涉及的格" if zh else "Cells",
        "expected": "应为" if zh else "expected",
        "actual": "实为" if zh else "actual",
        "difference": "差" if zh else "difference",
        "suspect": "可能重复计入" if zh else "probably counted twice",
        "unknown": "未识别的行" if zh else "Rows not recognised",
        "notes": "读取说明" if zh else "Reading notes",
        "extra": "表外读出的格" if zh else "Cells outside the template's layout",
        "figures": "正文中的数字" if zh else "Figures in the prose",
        "no_table": "未识别统计表，未作检查" if zh else "No statistics table recognised",
        "line": "行" if zh else "line",
    }


# Place parts shown under a value; the rest (the HTML source line) is in its tooltip.
_SHORT = {"pdf": ("page", "line"), "docx": ("table", "row", "column", "paragraph")}
_SHORT_DEFAULT = ("table", "row", "column")


def _where(cell: Cell, lang: Lang, *, full: bool = False) -> str:
    """Where a value was read: its place in the file, else its text line."""
    place: Place | None = cell.place
    if place is None:
        return text("text_line", lang, n=cell.line)
    names: tuple[str, ...] = ("page", "paragraph", "table", "row", "column", "line")
    if not full:
        names = _SHORT.get(place.carrier, _SHORT_DEFAULT)
    parts = [
        text(f"place_{name}", lang, n=value)
        for name in names
        if (value := getattr(place, name)) is not None
    ]
    shown = " ".join(parts) or text("text_line", lang, n=cell.line)
    return f"{place.carrier} {shown}" if full else shown


def _sub(parent: ET.Element, tag: str, content: str = "", **attrib: str) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrib.items()}
    )
    element.text = content or None
    return element


class _Page:
    def __init__(self, report: Report, findings: Sequence[Finding], lang: Lang) -> None:
        self.report = report
        self.findings = list(findings)
        self.lang = lang
        self.words = _words(lang)
        # Cell id → indexes of the findings naming it.
        self.by_cell: dict[str, list[int]] = {}
        for index, finding in enumerate(self.findings):
            for cell_id in finding.cells:
                self.by_cell.setdefault(cell_id, []).append(index)
        self.prose_notes = self._prose_notes()
        self.drawn: set[str] = set()

    def _prose_notes(self) -> dict[str, list[tuple[int, Cell]]]:
        """Table cell → (finding, prose figure) of each contradicting prose figure."""
        notes: dict[str, list[tuple[int, Cell]]] = {}
        for index, finding in enumerate(self.findings):
            if finding.code not in _PROSE_RULES or finding.severity not in _MARKED:
                continue
            figures = [
                c for c in self.report.prose if c.id in finding.cells and c.line in finding.lines
            ]
            table = [c for c in finding.cells if c in self.report.cells]
            if figures and table:
                notes.setdefault(table[0], []).append((index, figures[0]))
        return notes

    def severity(self, cell_id: str) -> Severity | None:
        severities = {self.findings[i].severity for i in self.by_cell.get(cell_id, [])}
        return next((s for s in _MARKED if s in severities), None)

    def cell(self, row: ET.Element, cell_id: str | None) -> None:
        spec = load_catalogue().by_id.get(cell_id) if cell_id is not None else None
        numeric = spec is not None and spec.kind.is_numeric
        if cell_id is None or (not numeric and cell_id not in self.report.cells):
            _sub(row, "td", class_="void")  # no value by design (a header row)
            return
        self.drawn.add(cell_id)
        cell = self.report.cells.get(cell_id)
        classes = ["cell"]
        marked = self.severity(cell_id)
        if marked is not None:
            classes += ["mark", marked.value]
        if any(cell_id in self.findings[i].suspects for i in self.by_cell.get(cell_id, [])):
            classes.append("suspect")
        label = spec.label_for(self.report.template or "") if spec is not None else cell_id
        td = _sub(row, "td", id=f"c-{cell_id}", data_cell=cell_id)
        if cell is None:
            classes.append("absent")
            td.set("title", f"{label}: {self.words['absent']}")
            _sub(td, "span", self.words["absent"], class_="value")
        else:
            where = _where(cell, self.lang)
            td.set("title", f"{label}: {_where(cell, self.lang, full=True)}")
            if cell.is_missing:
                classes.append("blank")
                _sub(td, "span", cell.raw.strip() or self.words["blank"], class_="value")
            else:
                _sub(td, "span", cell.raw.strip(), class_="value")
            _sub(td, "span", where, class_="where")
        td.set("class", " ".join(classes))
        for index, figure in self.prose_notes.get(cell_id, []):
            note = _sub(td, "a", href=f"#f-{index}", class_="prose-note")
            note.text = f"{self.words['prose']}: {figure.raw.strip()} ({_where(figure, self.lang)})"
        links = _sub(td, "span", class_="links")
        for index in dict.fromkeys(self.by_cell.get(cell_id, [])):
            finding = self.findings[index]
            if finding.severity not in _MARKED:
                continue  # undecided comparisons are listed, not marked
            _sub(
                links,
                "a",
                finding.code,
                href=f"#f-{index}",
                class_=f"link {finding.severity.value}",
            )

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
                th = _sub(
                    tr,
                    "th",
                    span.text,
                    colspan=str(span.colspan),
                    rowspan=str(span.rowspan),
                    class_=cls,
                )
                if row.depth:
                    th.set("style", f"padding-left:{0.4 + 1.2 * row.depth}em")
            if row.unit is not None:
                _sub(tr, "td", row.unit, class_="unit")
            for cell_id in row.cells:
                self.cell(tr, cell_id)

    def build(self) -> ET.Element:
        report, words = self.report, self.words
        html = ET.Element("html", {"lang": "zh-CN" if self.lang == "zh" else "en"})
        head = _sub(html, "head")
        _sub(head, "meta", charset="utf-8")
        _sub(head, "title", f"{words['title']}: {report.title or report.source or ''}")
        _sub(head, "style", STYLE)
        body = _sub(html, "body")
        _sub(body, "h1", report.title or report.source or words["title"])
        facts = [report.agency, str(report.year or ""), report.template, report.source]
        _sub(body, "p", " · ".join(f for f in facts if f), class_="facts")
        self.outcome(body)
        # The tables first: drawing them records which cells the findings can link to.
        tables = ET.Element("div", {"class": "tables"})
        if report.template is not None:
            for grid in grids(report.template):
                self.grid(tables, grid)
            self.outside_layout(tables)
        self.finding_list(body)
        body.append(tables)
        self.figures(body)
        self.unknown(body)
        _sub(body, "script", SCRIPT)
        return html

    def outcome(self, body: ET.Element) -> None:
        counts = {s: sum(f.severity is s for f in self.findings) for s in Severity}
        box = _sub(body, "p", class_="outcome")
        if not self.report.cells:
            box.set("class", "outcome unchecked")
            box.text = self.words["no_table"]
            return
        box.text = text(
            "summary",
            self.lang,
            path=self.report.source or "",
            errors=counts[Severity.ERROR],
            warnings=counts[Severity.WARNING],
            infos=counts[Severity.INFO],
            template=self.report.template or "-",
        )
        unread = [text("unread_table", self.lang, name=t.name) for t in absent_tables(self.report)]
        count = unplaced_values(self.report)
        if count or unread:
            what = [text("unplaced", self.lang, n=count)] if count else []
            shown = text(
                "partial",
                self.lang,
                path="",
                what=text("list_sep", self.lang).join([*what, *unread]),
            )
            _sub(body, "p", shown.lstrip(":： "), class_="outcome unchecked")

    def outside_layout(self, body: ET.Element) -> None:
        """Cells read that the template's layout has no place for (a hybrid's rows)."""
        extra = [c for c in self.report.cells if c not in self.drawn]
        if not extra:
            return
        section = _sub(body, "section", class_="grid")
        _sub(section, "h3", self.words["extra"])
        table = _sub(section, "table")
        for cell_id in extra:
            tr = _sub(table, "tr")
            spec = load_catalogue().by_id.get(cell_id)
            _sub(tr, "th", spec.label if spec is not None else cell_id, class_="label")
            self.cell(tr, cell_id)

    def finding_list(self, body: ET.Element) -> None:
        section = _sub(body, "section", class_="findings")
        _sub(section, "h2", self.words["findings"])
        if not self.findings:
            _sub(section, "p", self.words["none"])
            return
        listing = _sub(section, "ol")
        catalogue = load_catalogue()
        for index, finding in enumerate(self.findings):
            item = _sub(listing, "li", id=f"f-{index}", class_=f"finding {finding.severity.value}")
            line = f" ({self.words['line']} {finding.line})" if finding.line else ""
            head = f"{finding.code} {severity_label(finding.severity.value, self.lang)}{line}"
            _sub(item, "strong", head)
            _sub(item, "span", " " + finding.message, class_="message")
            rule = catalogue.invariant(finding.code)
            meaning = rule.rule_zh if self.lang == "zh" and rule.rule_zh else rule.rule
            _sub(item, "div", meaning, class_="rule")
            numbers = [
                (self.words[name], value)
                for name, value in (
                    ("actual", finding.actual),
                    ("expected", finding.expected),
                    ("difference", finding.difference),
                )
                if value is not None
            ]
            if numbers:
                _sub(item, "div", "  ".join(f"{n} {v}" for n, v in numbers), class_="numbers")
            drawn = [c for c in finding.cells if c in self.drawn]
            if drawn:
                links = _sub(item, "div", f"{self.words['cells']}: ", class_="cells")
                for cell_id in dict.fromkeys(drawn):
                    spec = catalogue.by_id[cell_id]
                    name = spec.label_for(self.report.template or "")
                    if cell_id in finding.suspects:
                        name += f" ({self.words['suspect']})"
                    _sub(links, "a", name, href=f"#c-{cell_id}", class_="to-cell")

    def figures(self, body: ET.Element) -> None:
        if not self.report.prose:
            return
        section = _sub(body, "section", class_="figures")
        _sub(section, "h2", self.words["figures"])
        listing = _sub(section, "ul")
        for figure in self.report.prose:
            item = _sub(listing, "li")
            item.text = (
                f"{figure.label}{figure.raw.strip()} → {figure.id} ({_where(figure, self.lang)})"
            )

    def unknown(self, body: ET.Element) -> None:
        if self.report.unknown_rows:
            section = _sub(body, "section", class_="unknown")
            _sub(section, "h2", self.words["unknown"])
            listing = _sub(section, "ul")
            for row in self.report.unknown_rows:
                _sub(
                    listing,
                    "li",
                    f"{self.words['line']} {row.line}: {row.label} {' '.join(row.cells)}",
                )
        if self.report.diagnostics:
            section = _sub(body, "section", class_="notes")
            _sub(section, "h2", self.words["notes"])
            listing = _sub(section, "ul")
            for diagnostic in self.report.diagnostics:
                where = f"{self.words['line']} {diagnostic.line}: " if diagnostic.line else ""
                _sub(listing, "li", f"{where}{diagnostic.code} {diagnostic.text}")


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
    page = _Page(report, report.findings if findings is None else findings, lang)
    return "<!DOCTYPE html>\n" + ET.tostring(page.build(), encoding="unicode", method="html") + "\n"
