"""Generated reports as files: HTML pages with merged cells, .docx and PDF.

The tables are laid out once, as rows of (text, rowspan, colspan) cells with
the merges real pages use (table 三's label column three cells wide, 三、本年度
办理结果 spanning every outcome row, 申请人情况 over seven columns), then
written as HTML, as a Word table (python-docx) or as PDF text (reportlab, with
its built-in CJK font, so no font file is needed). HTML and Word files can also be
made as real ones often are: laid out in one big table, tables cut in two, cells
in content controls, values edited with Track Changes.
"""

from __future__ import annotations

import html
from io import BytesIO
from typing import TYPE_CHECKING, Any

import attrs

from govinfo.catalogue import Kind, load_catalogue
from govinfo.tables.new.layout import REQUESTS, load_layout
from govinfo.testing.new_tables import NEW_TEMPLATES, render_new_tables

if TYPE_CHECKING:
    from collections.abc import Mapping
    from decimal import Decimal

__all__ = [
    "Block",
    "Merged",
    "render_docx",
    "render_html",
    "render_pdf",
    "render_pdf_by_column",
    "report_layout",
]


@attrs.frozen
class Merged:
    """A table cell with its spans."""

    text: str
    rowspan: int = 1
    colspan: int = 1


#: A prose line, or a table as rows of merged cells.
Block = str | list[list[Merged]]


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return str(value.normalize()) if value != value.to_integral_value() else str(int(value))


def _old_table(values: Mapping[str, Decimal | None], template: str) -> list[list[Merged]]:
    rows = [[Merged("统计指标"), Merged("单位"), Merged("统计数")]]
    for spec in load_catalogue().cells_of(template):
        if spec.row is not None or spec.kind is Kind.NOTE:
            continue
        label = spec.ordinal_for(template) + spec.label_for(template)
        if spec.kind.is_numeric:
            rows.append([Merged(label), Merged(spec.unit), Merged(_number(values.get(spec.id)))])
        else:
            rows.append([Merged(label), Merged("——"), Merged("")])
    return rows


_GROUP_FIRST = {
    "new.req.denied.state_secret": "（三）不予公开",
    "new.req.unable.not_held": "（四）无法提供",
    "new.req.not_processed.petition": "（五）不予处理",
    "new.req.other.no_correction": "（六）其他处理",
}
_TOP_ROWS = ("new.req.received", "new.req.carried_in", "new.req.carried_out")


def _request_table(values: Mapping[str, Decimal | None], template: str) -> list[list[Merged]]:
    layout = load_layout()
    columns = layout.request_columns
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    rows = [
        [Merged(note, 3, 3), Merged("申请人情况", 1, 7)],
        [Merged("自然人", 2), Merged("法人或其他组织", 1, 5), Merged("总计", 2)],
        [Merged(h) for h in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
    ]
    printed = [r for r in layout.rows.values() if r.table == REQUESTS and r.columns_for(template)]
    outcomes = [r for r in printed if r.id not in _TOP_ROWS]
    for index, row in enumerate(printed):
        numbers = [Merged(_number(values.get(f"{row.id}.{c}"))) for c in columns]
        label = row.ordinal + row.label
        if row.id in _TOP_ROWS:
            rows.append([Merged(label, 1, 3), *numbers])
            continue
        # The label column is three cells wide: result group, sub-group, row.
        cells = [Merged("三、本年度办理结果", len(outcomes))] if row is outcomes[0] else []
        group = _GROUP_FIRST.get(row.id)
        if group is not None:
            span = 1
            while index + span < len(printed):
                following = printed[index + span]
                if not following.ordinal[:1].isdigit() or following.id in _GROUP_FIRST:
                    break
                span += 1
            cells += [Merged(group, span), Merged(label)]
        elif row.ordinal[:1].isdigit():
            cells.append(Merged(label))
        else:
            cells.append(Merged(label, 1, 2))
        rows.append([*cells, *numbers])
    return rows


def _appeal_table(values: Mapping[str, Decimal | None]) -> list[list[Merged]]:
    layout = load_layout()
    heads = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    return [
        [Merged("行政复议", 1, 5), Merged("行政诉讼", 1, 10)],
        [
            *(Merged(h, 2) for h in heads),
            Merged("未经复议直接起诉", 1, 5),
            Merged("复议后起诉", 1, 5),
        ],
        [Merged(h) for h in heads * 2],
        [
            Merged(_number(values.get(f"{g}.{c}")))
            for g in layout.appeal_groups
            for c in layout.appeal_columns
        ],
    ]


def _active_table(values: Mapping[str, Decimal | None], template: str) -> list[list[Merged]]:
    # Table 二 as printed: every block's rows in one table, captions spanning the width.
    lines = render_new_tables(values, template, "pipe", lambda low, _high: low)[0]
    rows: list[list[Merged]] = []
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        texts = [c for c in cells if c]
        if len(texts) == 1 and texts[0].startswith("第二十条"):
            rows.append([Merged(texts[0], 1, 4)])
        else:
            rows.append([Merged(c) for c in cells])
    return rows


def report_layout(
    values: Mapping[str, Decimal | None], template: str, *, agency: str, year: int
) -> list[Block]:
    """The report as prose lines and merged-cell tables, in order."""
    title = f"{agency}{year}年政府信息公开工作年度报告"
    if template not in NEW_TEMPLATES:
        return [
            title,
            "一、概述",
            f"{year}年，{agency}依法做好政府信息公开工作。",
            "附件：政府信息公开工作情况统计表",
            _old_table(values, template),
        ]
    return [
        title,
        "一、总体情况",
        f"{year}年，{agency}依法做好政府信息公开工作。",
        "二、主动公开政府信息情况",
        _active_table(values, template),
        "三、收到和处理政府信息公开申请情况",
        _request_table(values, template),
        "四、政府信息公开行政复议、行政诉讼情况",
        _appeal_table(values),
        "五、存在的主要问题及改进情况",
        "政策解读形式还不够丰富。",
    ]


def render_html(
    blocks: list[Block], *, charset: str = "utf-8", layout: bool = False, split: bool = False
) -> str:
    """An HTML page with page chrome around the report, tables with merged cells.

    Args:
        blocks: the report as :func:`report_layout` gives it.
        charset: the charset the page's meta declares.
        layout: lay the whole page out in one big table, the report's tables nested
            in its cells (as CMS templates and Word's web pages do).
        split: cut each table of more than six rows in two tables at its middle,
            the second one starting with the header rows again (a cell spanning
            the cut is printed in both parts).
    """
    out = [
        "<!DOCTYPE html><html><head>",
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        "<title>政府信息公开</title><style>td{border:1px solid}</style>",
        "<script>var visits = 1;</script></head><body>",
        "<nav><a href='/'>首页</a> | <a href='/gk'>信息公开</a></nav>",
        "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->",
    ]
    if layout:
        out.append("<table width='100%'><tr><td>栏目导航</td><td>")
    for block in blocks:
        if isinstance(block, str):
            out.append(f"<p>{html.escape(block)}</p>")
            continue
        for part in _split(block) if split else [block]:
            out.append("<table>")
            for row in part:
                cells = "".join(
                    f"<td{_spans(c)}>{html.escape(c.text) or '&nbsp;'}</td>" for c in row
                )
                out.append(f"<tr>{cells}</tr>")
            out.append("</table>")
    if layout:
        out.append(
            "</td></tr><tr><td colspan='2'><p>主办单位：青禾县人民政府办公室</p></td></tr></table>"
        )
    out.append("<footer>版权所有 主办单位</footer></body></html>")
    return "\n".join(out)


def _header_rows(rows: list[list[Merged]]) -> int:
    """How many rows head the table: those before the first row holding a number."""
    for index, row in enumerate(rows):
        if any(cell.text.isdigit() for cell in row):
            return index
    return 1


def _split(rows: list[list[Merged]]) -> list[list[list[Merged]]]:
    """The table as two tables cut at the middle, the header rows repeated in the second."""
    heads = _header_rows(rows)
    if len(rows) - heads <= 6:
        return [rows]
    cut = heads + (len(rows) - heads) // 2
    first: list[list[Merged]] = []
    carried: list[tuple[int, Merged]] = []  # (row, cell) spanning the cut, re-printed after it
    for index, row in enumerate(rows[:cut]):
        kept: list[Merged] = []
        for cell in row:
            if index + cell.rowspan > cut:
                kept.append(attrs.evolve(cell, rowspan=cut - index))
                carried.append((index, attrs.evolve(cell, rowspan=index + cell.rowspan - cut)))
            else:
                kept.append(cell)
        first.append(kept)
    second = [list(row) for row in rows[:heads]]
    tail = [list(row) for row in rows[cut:]]
    if tail:
        # Spanning cells stand left of the row's own cells, as they did above the cut.
        tail[0] = [cell for _, cell in carried] + tail[0]
    return [first, second + tail]


def _spans(cell: Merged) -> str:
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    return spans


def render_docx(
    blocks: list[Block],
    *,
    layout: bool = False,
    content_controls: bool = False,
    tracked: bool = False,
) -> bytes:
    """A .docx file (python-docx) with the report's paragraphs and merged-cell tables.

    Args:
        blocks: the report as :func:`report_layout` gives it.
        layout: put the whole report inside the one cell of a layout table.
        content_controls: wrap every table cell in a content control (``w:sdt``).
        tracked: write every number as edited with Track Changes: a wrong value
            deleted (``w:del``), the right one inserted (``w:ins``).
    """
    import docx  # noqa: PLC0415 - optional extra

    document = docx.Document()
    container: Any = document.add_table(rows=1, cols=1).cell(0, 0) if layout else document
    for block in blocks:
        if isinstance(block, str):
            container.add_paragraph(block)
            continue
        _docx_table(container, block)
    if content_controls or tracked:
        _edit_docx_xml(document.element.body, content_controls=content_controls, tracked=tracked)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_table(container: Any, block: list[list[Merged]]) -> None:  # noqa: ANN401
    width = max(sum(c.colspan for c in row) for row in block)
    table = container.add_table(rows=len(block), cols=width)
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(block):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            start = table.cell(r, c)
            start.text = cell.text
            end = table.cell(r + cell.rowspan - 1, c + cell.colspan - 1)
            if end._tc is not start._tc:  # noqa: SLF001
                start.merge(end)
                start.text = cell.text
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan


def _edit_docx_xml(body: Any, *, content_controls: bool, tracked: bool) -> None:  # noqa: ANN401
    from docx.oxml.ns import qn  # noqa: PLC0415 - optional extra
    from lxml import etree  # noqa: PLC0415

    if tracked:
        for run in list(body.iter(qn("w:r"))):
            text = run.find(qn("w:t"))
            if text is None or not (text.text or "").isdigit():
                continue
            deleted = etree.Element(qn("w:del"), {qn("w:id"): "1", qn("w:author"): "审核"})
            old = etree.SubElement(etree.SubElement(deleted, qn("w:r")), qn("w:delText"))
            old.text = str(int(text.text or "0") + 7)
            inserted = etree.Element(qn("w:ins"), {qn("w:id"): "2", qn("w:author"): "审核"})
            run.addprevious(deleted)
            run.addprevious(inserted)
            inserted.append(run)
    if content_controls:
        for cell in list(body.iter(qn("w:tc"))):
            control = etree.Element(qn("w:sdt"))
            etree.SubElement(control, qn("w:sdtPr"))
            content = etree.SubElement(control, qn("w:sdtContent"))
            cell.addprevious(control)
            content.append(cell)


def render_pdf(lines: list[str], *, lines_per_page: int = 40) -> bytes:
    """A PDF of text lines (reportlab's built-in STSong font), with page footers.

    With no lines, one page holding only a picture: a scan without a text layer.
    """
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 - test and fixture tool
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer)
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    if not pages:
        # No text at all: a page with only a picture, as a scanned report has.
        pdf.rect(50, 100, 500, 650, fill=1)
        pdf.showPage()
    for number, page in enumerate(pages, start=1):
        pdf.setFont("STSong-Light", 9)
        for index, line in enumerate(page):
            pdf.drawString(30, 800 - 19 * index, line)
        pdf.drawString(280, 30, f"- {number} -")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def render_pdf_by_column(lines: list[str], table: list[list[str]]) -> bytes:
    """A one-page PDF whose table is drawn column by column, as some PDF writers do.

    The prose ``lines`` come first; then every cell of the table's first column
    top to bottom, then the second column, and so on: a text extraction in drawing
    order gives all labels, then each column's numbers. Only the positions put
    each value beside its label.
    """
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 - test and fixture tool
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: PLC0415
    from reportlab.pdfgen import canvas  # noqa: PLC0415

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("STSong-Light", 9)
    for index, line in enumerate(lines):
        pdf.drawString(30, 800 - 19 * index, line)
    top = 800 - 19 * len(lines)
    widths = [max(len(row[c]) if c < len(row) else 0 for row in table) for c in range(3)]
    x = 30
    for column in range(max(len(row) for row in table)):
        for index, row in enumerate(table):
            if column < len(row):
                pdf.drawString(x, top - 19 * index, row[column])
        x += 9 * (max(widths[column] if column < len(widths) else 6, 6) + 2)
    pdf.drawString(280, 30, "- 1 -")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
