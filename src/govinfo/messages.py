"""Every word govinfo shows a person, in Chinese (the default) and English.

The one home of the findings' sentences, the severities (错误/警告/提示), the
command line's summaries and the descriptions of the readers' diagnostics. Rule
statements are the catalogue's (``rule_zh`` and ``rule``). Labels of cells stay
as the templates print them in both languages: they are the field's terms.
A base module: it imports nothing from govinfo.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["LANGS", "Lang", "describe_diagnostic", "severity_label", "text"]

#: A language of messages.
Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

_SEVERITY: dict[str, tuple[str, str]] = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
}

# name → (Chinese, English); fields in braces.
_TEXTS: dict[str, tuple[str, str]] = {
    # Arithmetic findings (checks.findings).
    "difference": ("(差 {n})", "(difference {n})"),
    "suspect": (
        "；差额恰等于{label}，可能被重复计入",
        "; the excess equals {label}: probably counted twice",
    ),
    "undecided": ("无法判定：", "not evaluable: "),
    "decided": (
        "不作核对（数字连排，按本规则拆分）：",
        "not a check (digits ran together and this rule chose the split): ",
    ),
    "decided_cells": ("；其中 {n} 格按本规则拆出", "; {n} of its cells split by this rule"),
    "blanks": ("；空缺：{labels}", "; blank: {labels}"),
    "implied_zero": (
        "；已知数已相等，空缺项只能为 0",
        "; the known values already balance, the blank ones can only be 0",
    ),
    "approximate": ("；含约数，无法确认", "; an approximate value cannot confirm it"),
    "blank": ("空", "blank"),
    "not_printed": ("未列", "not printed"),
    "prose": ("（正文）", " (prose)"),
    "nor": ("（也不等于 {other}）", " (nor {other})"),
    "list_sep": ("、", ", "),
    "at_least": ("（至少 {n}）", " (at least {n})"),
    "blank_terms": (" + {n} 项空缺或未列", " + {n} blank or not printed"),
    # Report rules (checks.report).
    "section_missing": ("缺少第{ordinal}部分“{title}”", "part {ordinal} “{title}” is missing"),
    "section_order": (
        "第{ordinal}部分“{title}”排在第{after}部分之后",
        "part {ordinal} “{title}” comes after part {after}",
    ),
    "year_prose": (
        "标题为 {title} 年度，正文所述统计期限为 {year} 年",
        "the title says {title}, the statistics period in the prose {year}",
    ),
    "year_opening": (
        "标题为 {title} 年度，第一部分开头为 {year} 年",
        "the title says {title}, part 一 opens with {year}",
    ),
    "year_table": (
        "标题为 {title} 年度，统计表为 {table} 年度",
        "the title says {title}, the table {table}",
    ),
    "year_template": (
        "标题为 {title} 年度，而表格为 {template} 式样（用于 {years}）",
        "the title says {title}, but the table is {template} (used for {years})",
    ),
    "section_empty": ("第{ordinal}部分“{title}”没有内容", "part {ordinal} “{title}” is empty"),
    "section_none": (
        "第{ordinal}部分“{title}”只写了“{text}”",
        "part {ordinal} “{title}” says only “{text}”",
    ),
    "fee_table": (
        "统计表收取费用 {value} 万元，而正文称：“{text}”",
        "the table shows fees of {value} 万元, but the prose says: “{text}”",
    ),
    "fee_notice": (
        (
            "表三有 {value} 件申请因逾期未缴纳费用而不再处理（发出过收费通知），"
            "而第六部分称：“{text}”"
        ),
        (
            "table 三 counts {value} applications dropped for unpaid fees (fee notices "
            "were sent), but part 六 says: “{text}”"
        ),
    ),
    # Value-form rules (checks.forms).
    "negative": ("{label} 为负数：{raw}", "{label} is negative: {raw}"),
    "fraction": ("{label} 是计数，不应有小数：{raw}", "{label} is a count, not a fraction: {raw}"),
    "decimals": (
        "{label} 有 {n} 位小数，{unit}最多 {most} 位：{raw}",
        "{label} has {n} decimals, {unit} allows {most}: {raw}",
    ),
    "unit": (
        "{label} 写明单位“{written}”，该行单位为“{unit}”：{raw}",
        "{label} is written in {written}, the row counts in {unit}: {raw}",
    ),
    "count_unit": ("计数", "a count"),
    "not_a_number": (
        "{label} 不是数字：“{raw}”，按空缺处理",
        "{label} is not a number: “{raw}”; read as blank",
    ),
    # Table rules (checks.presence).
    "table_missing": (
        "未读出表{name}（{title}）：报告没有这部分，也没有它的表格",
        "table {name} ({title}) not read: the report has neither the part nor its table",
    ),
    "table_under_heading": (
        "第{name}部分“{title}”下未读出表格（未列出或无法识别）",
        "no table read under part {name} “{title}” (not printed, or not recognised)",
    ),
    # The command line.
    "summary": (
        "{path}: {errors} 个错误，{warnings} 个警告，{infos} 个提示；表格式样 {template}",
        "{path}: {errors} error(s), {warnings} warning(s), {infos} info; template {template}",
    ),
    "no_table": (
        "{path}: 未识别统计表，未作检查",
        "{path}: no statistics table recognised; nothing was checked",
    ),
    "table_unread": (
        "{path}: 找到统计表但未能读出（{n} 行保留原文），未作检查",
        (
            "{path}: a statistics table was found but not read ({n} row(s) kept raw); "
            "nothing was checked"
        ),
    ),
    "unreadable": ("{path}: 无法读取：{reason}", "{path}: cannot read: {reason}"),
    "meaning_copied_figures": (
        "跨年：表中数字大多与上一年报告相同（照抄）。",
        "Across years: most of the table's figures equal last year's (copied).",
    ),
    "meaning_repeated_prose": (
        "跨年：某部分正文过半与上一年报告重复。",
        "Across years: more than half of a part's prose repeats last year's report.",
    ),
    "previous_agency": (
        "{path}: 注意：--previous 的机关为「{theirs}」，本报告为「{mine}」，跨年比对可能不成立",
        "{path}: note: --previous is by 「{theirs}」, this report by 「{mine}」: no sure pair",
    ),
    "previous_year": (
        "{path}: 注意：--previous 为 {theirs} 年度报告，本报告为 {mine} 年度，不是上一年",
        "{path}: note: --previous covers {theirs}, this report {mine}: not the year before",
    ),
    "partial": (
        "{path}: 统计表只读出一部分（{what}），检查不完整",
        "{path}: the tables were read only in part ({what}); the check is incomplete",
    ),
    "unplaced": ("{n} 个印出的数值未能放入表格", "{n} printed value(s) could not be placed"),
    "unread_table": ("表{name}未读出", "table {name} not read"),
    "undecided_rule": (
        "{code} 提示 无法判定 {count} 处{where}，共 {blanks} 格空缺或未列",
        (
            "{code} info not evaluable in {count} place(s){where}, "
            "{blanks} cell(s) blank or not printed"
        ),
    ),
    "undecided_approx": (
        "{code} 提示 无法判定 {count} 处{where}，含约数",
        "{code} info not evaluable in {count} place(s){where}: approximate values",
    ),
    "decided_rule": (
        "{code} 提示 不作核对 {count} 处{where}：数字连排，按本规则拆分（{cells} 格）",
        (
            "{code} info not a check in {count} place(s){where}: digits ran together "
            "and this rule chose the split of {cells} cell(s)"
        ),
    ),
    "where": ("（{items}）", " ({items})"),
    "more": ("等（另 {n} 项）", " and {n} more"),
    "legend": ("  {code}：{rule}", "  {code}: {rule}"),
    "diagnostics_hidden": (
        "{path}: 另有 {n} 条读取说明（--verbose 显示）",
        "{path}: {n} reading note(s) (shown with --verbose)",
    ),
    "diagnostic": (
        "{path}:{line} 说明 {description}{detail}",
        "{path}:{line} note {description}{detail}",
    ),
    "previous": ("（与上一年度报告 {path} 对照）", " (checked against last year's report {path})"),
    "html_written": ("已写入 {path}", "wrote {path}"),
    # Where a value was read (a Place), part by part.
    "place_page": ("第{n}页", "page {n}"),
    "place_paragraph": ("第{n}段", "paragraph {n}"),
    "place_table": ("表{n}", "table {n}"),
    "place_row": ("行{n}", "row {n}"),
    "place_column": ("列{n}", "column {n}"),
    "place_line": ("第{n}行", "line {n}"),
    "text_line": ("第{n}行", "line {n}"),
    "from_prose": ("正文", "prose"),
    "diagnostic_detail": ("：{text}", ": {text}"),
    "diagnostic_message": ("（{said}）", " ({said})"),
    # The HTML report (visual.page).
    "page_title": ("政府信息公开年度报告检查", "Annual report check"),
    "page_findings": ("检查结果", "Findings"),
    "page_no_finding": ("未发现问题", "No finding"),
    "page_blank": ("（空）", "(blank)"),
    "page_cells": ("涉及的格：", "Cells: "),
    "page_actual": ("实为 {n}", "actual {n}"),
    "page_expected": ("应为 {n}", "expected {n}"),
    "page_difference": ("差 {n}", "difference {n}"),
    "page_suspect": ("{label}（可能重复计入）", "{label} (probably counted twice)"),
    "page_unknown": ("未识别的行", "Rows not recognised"),
    "page_notes": ("读取说明", "Reading notes"),
    "page_outside": ("表外读出的格", "Cells outside the template's layout"),
    "page_figures": ("正文中的数字", "Figures in the prose"),
    "page_no_table": (
        "未识别统计表，未作检查",
        "No statistics table recognised; nothing was checked",
    ),
    "page_partial": (
        "统计表只读出一部分（{what}），检查不完整",
        "The tables were read only in part ({what}); the check is incomplete",
    ),
    "page_prose_note": ("正文：{raw}（{where}）", "prose: {raw} ({where})"),
    "page_line": ("第{n}行：", "line {n}: "),
}

# Diagnostics of the readers (code → Chinese, English). Unknown codes show their
# own English message.
_DIAGNOSTICS: dict[str, tuple[str, str]] = {
    "no-table": ("未找到统计表", "no statistics table"),
    "traditional-script": ("已由繁体转换为简体", "converted from Traditional script"),
    "unconverted-line": (
        "此行保留繁体（转换会移动列位置）",
        "Traditional script kept on this line",
    ),
    "title-not-found": (
        "未找到标题行，单位和年度取自正文",
        "no title line; agency and year read from the prose",
    ),
    "year-mismatch": ("标题年度与统计表年度不一致", "the title's year differs from the table's"),
    "value-on-header": ("表头行印有数值", "a value printed on a header row"),
    "stray-value": ("多余的数值，未归入任何行", "a stray value, not on any row"),
    "hybrid-template": ("表格混用2019年与2021年格式", "the table mixes the 2019 and 2021 formats"),
    "not-in-template": ("该行不属于此表格式样", "a row of another template"),
    "rows-not-found": ("未找到表格的部分行", "rows of the table not found"),
    "table-truncated": ("表三在最后几行之前中断", "table 三 stops before its last rows"),
    "numbers-run-together": ("数字连在一起", "numbers run together"),
    "total-assumed-blank": ("总计列按空白处理", "the 总计 column is read as blank"),
    "appeals-unplaced": (
        "表四的数值个数不符，未能放入各列",
        "table 四's numbers do not fit its columns",
    ),
    "table-missing": ("未读出表格", "a table of the template was not read"),
    "table-unread": (
        "找到统计表但未能读出，各行保留原文",
        "a table was found, but no row was read into a cell",
    ),
    "unsupported-form": (
        "目录未收录的统计表式样，各行保留原文",
        "a form the catalogue does not carry; rows kept raw",
    ),
    "unknown-table": (
        "未知式样的统计表，各行保留原文",
        "a table of no known template; rows kept raw",
    ),
    "label-inexact": (
        "行名与模板不完全一致，按位置和相似度读出",
        "a label read by its place and likeness",
    ),
    "split-ambiguous": (
        "连在一起的数字有多种拆法，未读出",
        "digits run together split several ways; not read",
    ),
    "split-by-prose": (
        "正文复述的数字决定了连在一起的数字的拆法",
        "figures the prose restates decided how run-together digits split",
    ),
    "split-prose-unused": (
        "正文复述的数字与任何拆法都不符，未用于拆分",
        "a figure of the prose fits no split of run-together digits; not used",
    ),
}


def severity_label(severity: str, lang: Lang = "zh") -> str:
    """错误/警告/提示 (or error/warning/info) for a severity's value."""
    zh, en = _SEVERITY[severity]
    return zh if lang == "zh" else en


def text(message: str, lang: Lang = "zh", **fields: object) -> str:
    """The sentence ``message`` in ``lang`` with its fields filled in.

    >>> from govinfo.messages import text
    >>> text("difference", "zh", n=2), text("difference", "en", n=2)
    ('(差 2)', '(difference 2)')
    """
    zh, en = _TEXTS[message]
    return (zh if lang == "zh" else en).format(**fields)


def describe_diagnostic(code: str, message: str, lang: Lang = "zh") -> str:
    """What a diagnostic means, for a person; its own message for an unknown code."""
    known = _DIAGNOSTICS.get(code)
    if known is None:
        return message
    return known[0] if lang == "zh" else known[1]
