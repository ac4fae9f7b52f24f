"""Synthetic 2019/2021 tables: consistent values and the text shapes real pages show.

Values are built bottom-up, which keeps the 2D sums of table 三 consistent:
outcome cells first, then each row's 总计 (N3), each column's （七）总计 (N2),
and the carry-over that balances new + carried-in against handled + carried-out
(N1, N4). Table 四's totals are the sums of their outcomes (N5); table 二 keeps
published ≤ published in total (N10) and in force ≥ issued − repealed (N8).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from govinfo.tables.new.layout import ACTIVE, REQUESTS, load_layout

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


__all__ = ["NEW_TEMPLATES", "new_values", "render_new_tables"]

NEW_TEMPLATES = ("new-2019", "new-2021")

_FIXED_ROWS = ("new.req.received", "new.req.carried_in", "new.req.total", "new.req.carried_out")
_BLOCK_CAPTIONS = {
    "new.active.art20_1": "第二十条第（一）项",
    "new.active.art20_5": "第二十条第（五）项",
    "new.active.art20_6": "第二十条第（六）项",
    "new.active.art20_8": "第二十条第（八）项",
    "new.active.art20_9": "第二十条第（九）项",
}


def _active_values(template: str, choose: Callable[[int, int], int]) -> dict[str, Decimal]:
    values: dict[str, Decimal] = {}
    for row in load_layout().rows.values():
        if row.table != ACTIVE:
            continue
        cols = row.columns_for(template)
        drawn = {c: choose(0, 40) for c in cols}
        if "published_total" in drawn:
            drawn["published_total"] = choose(0, 400)
            drawn["published"] = choose(0, drawn["published_total"])  # N10
        if "in_force" in drawn:
            drawn["in_force"] = max(choose(0, 400), drawn["issued"] - drawn["repealed"])  # N8
        if "change" in drawn:
            drawn["change"] = choose(-10, 10)
        for column, value in drawn.items():
            number = Decimal(value)
            if column == "amount_wan":
                number = Decimal(choose(0, 100000)) / 100
            elif column == "amount":
                number = Decimal(choose(0, 2000000))
            values[f"{row.id}.{column}"] = number
    return values


def _request_values(template: str, choose: Callable[[int, int], int]) -> dict[str, Decimal]:
    layout = load_layout()
    outcomes = [
        r
        for r in layout.rows.values()
        if r.table == REQUESTS and r.columns_for(template) and r.id not in _FIXED_ROWS
    ]
    applicants = layout.request_columns[:-1]
    values: dict[str, int] = {}
    for column in applicants:
        for row in outcomes:
            values[f"{row.id}.{column}"] = choose(0, 6) if choose(0, 2) else 0
        handled = sum(values[f"{row.id}.{column}"] for row in outcomes)
        carried_in = choose(0, 4)
        received = max(0, handled - carried_in) + choose(0, 4)
        values[f"new.req.total.{column}"] = handled  # N2
        values[f"new.req.carried_in.{column}"] = carried_in
        values[f"new.req.received.{column}"] = received
        values[f"new.req.carried_out.{column}"] = received + carried_in - handled  # N1
    for row in (*outcomes, *(layout.rows[r] for r in _FIXED_ROWS)):
        values[f"{row.id}.total"] = sum(values[f"{row.id}.{c}"] for c in applicants)  # N3
    return {k: Decimal(v) for k, v in values.items()}


def _appeal_values(choose: Callable[[int, int], int]) -> dict[str, Decimal]:
    layout = load_layout()
    values: dict[str, Decimal] = {}
    for group in layout.appeal_groups:
        parts = [Decimal(choose(0, 5)) for _ in layout.appeal_columns[:-1]]
        for column, value in zip(layout.appeal_columns, [*parts, sum(parts)], strict=True):
            values[f"{group}.{column}"] = Decimal(value)  # N5
    return values


def new_values(
    template: str, choose: Callable[[int, int], int], *, blanks: bool = False
) -> dict[str, Decimal | None]:
    """Consistent values for every cell of a 2019/2021 template (see the module docstring)."""
    values: dict[str, Decimal | None] = {}
    values.update(_active_values(template, choose))
    values.update(_request_values(template, choose))
    values.update(_appeal_values(choose))
    if blanks:
        for cell_id, value in values.items():
            is_total = cell_id.endswith(".total") or ".total." in cell_id
            if value == 0 and not is_total and choose(0, 1):
                values[cell_id] = None
    return values


# --- rendering -------------------------------------------------------------------


def _number(value: Decimal | None, blank: str) -> str:
    if value is None:
        return blank
    if value != value.to_integral_value():
        return str(value.normalize())
    return str(int(value))


def _active_grid(
    values: Mapping[str, Decimal | None], template: str, blank: str
) -> list[list[str]]:
    layout = load_layout()
    grid: list[list[str]] = []
    for block, caption in _BLOCK_CAPTIONS.items():
        rows = [r for r in layout.rows.values() if r.block == block and r.columns_for(template)]
        if not rows:
            continue
        columns = rows[0].columns_for(template)
        headers = {c: _header(ACTIVE, c, template) for c in columns}
        grid.append([caption] + [""] * len(columns))
        grid.append(["信息内容", *headers.values()])
        for row in rows:
            label = (
                "行政规范性文件"
                if (row.id.endswith("normative_docs") and template == "new-2021")
                else row.label
            )
            grid.append([label, *(_number(values.get(f"{row.id}.{c}"), blank) for c in columns)])
    return grid


def _header(table: str, column: str, template: str) -> str:
    """The printed header of a column in a template (the first header the catalogue gives)."""
    preferred = {"decisions": "本年处理决定数量" if template == "new-2021" else "处理决定数量"}
    if column in preferred:
        return preferred[column]
    for text, col in load_layout().headers[table].items():
        if col == column:
            return text.replace("(", "（").replace(")", "）").replace(":", "：")
    return column


_REQUEST_HEADER = (
    [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "申请人情况",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    ["", "自然人", "法人或其他组织", "", "", "", "", "总计"],
    ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
)
_GROUP_BEFORE = {
    "new.req.granted": "三、本年度办理结果",
    "new.req.denied.state_secret": "（三）不予公开",
    "new.req.unable.not_held": "（四）无法提供",
    "new.req.not_processed.petition": "（五）不予处理",
    "new.req.other.no_correction": "（六）其他处理",
}


def _request_grid(
    values: Mapping[str, Decimal | None],
    template: str,
    blank: str,
    choose: Callable[[int, int], int],
) -> list[list[str]]:
    layout = load_layout()
    columns = layout.request_columns
    grid = [list(row) for row in _REQUEST_HEADER]
    for row in layout.rows.values():
        if row.table != REQUESTS or not row.columns_for(template):
            continue
        label = row.ordinal + row.label
        cells = [_number(values.get(f"{row.id}.{c}"), blank) for c in columns]
        group = _GROUP_BEFORE.get(row.id)
        if group is not None and choose(0, 1):
            # A merged group cell flattened onto the first row it spans.
            grid.append([group, label, *cells])
        else:
            if group is not None:
                grid.append([group] + [""] * len(columns))
            grid.append([label, *cells])
    return grid


def _appeal_grid(values: Mapping[str, Decimal | None], blank: str) -> list[list[str]]:
    layout = load_layout()
    headers = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    numbers = [
        _number(values.get(f"{g}.{c}"), blank)
        for g in layout.appeal_groups
        for c in layout.appeal_columns
    ]
    return [
        ["行政复议", "", "", "", "", "行政诉讼", *[""] * 9],
        [*headers, "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        [""] * 5 + headers + headers,
        numbers,
    ]


def _pipe_rows(grid: list[list[str]], *, outer: bool, separator: bool) -> list[str]:
    lines: list[str] = []
    for index, row in enumerate(grid):
        # Without outer pipes a row whose first cell is empty would read as one
        # with an outer pipe, so such a row keeps its pipes.
        closed = outer or not row[0]
        body = " | ".join(row)
        lines.append(f"| {body} |" if closed else body)
        if separator and index == 0:
            lines.append("|" + "---|" * len(row))
    return lines


def _cell_lines(grid: list[list[str]], *, pipes: bool) -> list[str]:
    lines: list[str] = []
    for row in grid:
        if pipes:
            for cell in row:
                lines += ["|", cell]
            lines += ["|", ""]
        else:
            lines.extend(cell for cell in row if cell)
            lines.append("")
    return lines


def _pdf_rows(grid: list[list[str]]) -> list[str]:
    lines: list[str] = []
    for index, row in enumerate(grid):
        cells = [cell for cell in row if cell]
        if len(cells) > 3 and index == len(grid) // 2:
            # A row split by a page break, with the page footer between.
            lines += [" ".join(cells[:2]), "- 4 -", " ".join(cells[2:])]
        else:
            lines.append(" ".join(cells))
    return lines


def _format(grid: list[list[str]], shape: str, choose: Callable[[int, int], int]) -> list[str]:
    if shape in {"pipe", "markdown"}:
        return _pipe_rows(grid, outer=bool(choose(0, 1)), separator=shape == "markdown")
    if shape in {"lines", "lines_piped"}:
        return _cell_lines(grid, pipes=shape == "lines_piped")
    return _pdf_rows(grid)


def render_new_tables(
    values: Mapping[str, Decimal | None],
    template: str,
    shape: str,
    choose: Callable[[int, int], int],
) -> tuple[list[str], list[str], list[str]]:
    """The lines of tables 二, 三 and 四 in ``shape`` (a :class:`~govinfo.testing.Shape` value).

    Shapes that keep positions print a blank cell empty; the others print ``/``.
    """
    blank = "" if shape in {"pipe", "markdown", "lines_piped"} else "/"
    return (
        _format(_active_grid(values, template, blank), shape, choose),
        _format(_request_grid(values, template, blank, choose), shape, choose),
        _format(_appeal_grid(values, blank), shape, choose),
    )
