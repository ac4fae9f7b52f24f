"""``govinfo check FILE...``: is a report ready to publish?

One line per finding (``FILE:LINE: CODE 严重度 message``), one line per rule
that cannot be decided, the meaning of each code shown, and an outcome line
per file. A report whose statistics table was not recognised, or read only in
part, is never reported clean: it has its own exit status.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from govinfo.api import parse_file
from govinfo.checks import check
from govinfo.checks.crossyear import agency_key, crossyear_findings
from govinfo.checks.presence import absent_tables, unplaced_values
from govinfo.cli.common import (
    EXIT_ERRORS,
    EXIT_UNCHECKED,
    EXIT_UNREADABLE,
    error_line,
    read_reports,
    sources,
    worst,
)
from govinfo.cli.lines import finding_lines, legend, undecided_lines
from govinfo.errors import GovinfoError
from govinfo.messages import LANGS, describe_diagnostic, text
from govinfo.models import Severity
from govinfo.serialize import make_converter
from govinfo.visual import render_html

if TYPE_CHECKING:
    import argparse

    from govinfo.messages import Lang
    from govinfo.models import Finding, Report

__all__ = ["add_parser", "outcome"]

_ORDER = (Severity.INFO, Severity.WARNING, Severity.ERROR)
_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "2"}


def outcome(report: Report, findings: list[Finding], fail_on: str, lang: Lang) -> tuple[int, str]:
    """The exit status of one checked report and its outcome line's words.

    Status 3 when no table was recognised or a table was read only in part,
    else 1 when a finding is at least ``fail_on`` (``never``: none is), else 0.
    """
    if not report.cells:
        return EXIT_UNCHECKED, "no_table"
    unread = [text("unread_table", lang, name=t.name) for t in absent_tables(report)]
    count = unplaced_values(report)
    if count or unread:
        what = [text("unplaced", lang, n=count)] if count else []
        return EXIT_UNCHECKED, text("list_sep", lang).join([*what, *unread])
    if fail_on != "never":
        least = _ORDER.index(Severity(fail_on))
        if any(_ORDER.index(f.severity) >= least for f in findings):
            return EXIT_ERRORS, ""
    return 0, ""


def _shown(findings: list[Finding], args: argparse.Namespace) -> list[Finding]:
    """The findings the severity options let through."""
    chosen = set(args.severity.split(",")) if args.severity else {s.value for s in Severity}
    least = _ORDER.index(Severity(args.min_severity))
    return [f for f in findings if f.severity.value in chosen and _ORDER.index(f.severity) >= least]


def _paint(line: str, severity: Severity | None, *, colour: bool) -> str:
    if not colour or severity is None:
        return line
    return f"\x1b[{_COLOURS[severity]}m{line}\x1b[0m"


def _summary(path: str, report: Report, findings: list[Finding], lang: Lang) -> str:
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    return text(
        "summary",
        lang,
        path=path,
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        template=report.template or "-",
    )


def _report_lines(
    path: str, report: Report, findings: list[Finding], args: argparse.Namespace, status: str
) -> list[tuple[str, Severity | None]]:
    """What ``check`` prints for one report, each line with its severity (for colour)."""
    lang: Lang = args.lang
    lines: list[tuple[str, Severity | None]] = []
    if status == "no_table":
        rows = len(report.unknown_rows)
        unread = text("table_unread", lang, path=path, n=rows) if rows else ""
        return [(unread or text("no_table", lang, path=path), Severity.WARNING)]
    shown = _shown(findings, args)
    if not args.quiet:
        lines.extend(finding_lines(path, report, shown, lang, verbose=args.verbose))
        if not args.verbose:
            lines.extend(
                (line, Severity.INFO) for line in undecided_lines(path, report, shown, lang)
            )
        lines.extend((line, None) for line in legend(shown, lang))
        lines.extend(_diagnostic_lines(path, report, args))
    lines.append((_summary(path, report, shown, lang), None))
    if status:
        lines.append((text("partial", lang, path=path, what=status), Severity.WARNING))
    return lines


def _diagnostic_lines(
    path: str, report: Report, args: argparse.Namespace
) -> list[tuple[str, Severity | None]]:
    if not report.diagnostics:
        return []
    if not args.verbose:
        return [(text("diagnostics_hidden", args.lang, path=path, n=len(report.diagnostics)), None)]
    found: list[tuple[str, Severity | None]] = []
    for diagnostic in report.diagnostics:
        description = describe_diagnostic(diagnostic.code, diagnostic.message, args.lang)
        detail = ""
        if diagnostic.text:
            detail = text("diagnostic_detail", args.lang, text=diagnostic.text)
        if description != diagnostic.message:
            # The reader's own message has the particulars (the row, the candidate
            # splits of run-together digits, the limit that was hit).
            detail += text("diagnostic_message", args.lang, said=diagnostic.message)
        line = f"{diagnostic.line}:" if diagnostic.line else ""
        shown = text(
            "diagnostic", args.lang, path=path, line=line, description=description, detail=detail
        )
        found.append((shown, None))
    return found


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    colour = out.isatty() and "NO_COLOR" not in os.environ
    converter = make_converter()
    inputs = _inputs(args, err)
    if inputs is None:
        return EXIT_UNREADABLE
    paths, previous = inputs
    reports, status = read_reports(paths, err, args.lang)
    as_json: list[object] = []
    for path, report in reports:
        findings = report.findings
        if previous is not None or args.lang != "zh":
            findings = tuple(check(report, previous=previous, lang=args.lang))
        if previous is not None:
            _warn_pairing(path, report, previous, args.lang, err)
            # What the dataset's cross-year pass adds to the rules: copied figures and
            # repeated prose.
            findings += tuple(
                f
                for f in crossyear_findings(report, previous)
                if f.code in {"copied-figures", "repeated-prose"}
            )
        file_status, state = outcome(report, list(findings), args.fail_on, args.lang)
        status = worst(status, file_status)
        if args.html:
            Path(args.html).write_text(render_html(report, findings, lang=args.lang), "utf-8")
        if args.json:
            as_json.append(
                {
                    "source": path,
                    "template": report.template,
                    "status": file_status,
                    "outcome": state or ("clean" if file_status == 0 else "findings"),
                    "findings": converter.unstructure(_shown(list(findings), args)),
                }
            )
            continue
        for line, severity in _report_lines(path, report, list(findings), args, state):
            print(_paint(line, severity, colour=colour), file=out)
        if args.html and not args.quiet:
            print(text("html_written", args.lang, path=args.html), file=out)
    if args.json:
        print(json.dumps(as_json, ensure_ascii=False, indent=2), file=out)
    return status


def _warn_pairing(path: str, report: Report, previous: Report, lang: Lang, err: TextIO) -> None:
    """Say so when ``previous`` is not the same agency's report of the year before."""
    mine, theirs = agency_key(report.agency), agency_key(previous.agency)
    if mine is not None and theirs is not None and mine != theirs:
        print(text("previous_agency", lang, path=path, mine=mine, theirs=theirs), file=err)
    if report.year is not None and previous.year is not None and previous.year != report.year - 1:
        print(
            text("previous_year", lang, path=path, mine=report.year, theirs=previous.year),
            file=err,
        )


def _inputs(args: argparse.Namespace, err: TextIO) -> tuple[list[str], Report | None] | None:
    """The files to check (folders, globs and ``-`` expanded) and last year's report.

    ``None`` when they cannot be had, said on ``err``.
    """
    previous = None
    if args.previous:
        try:
            previous = parse_file(args.previous)
        except GovinfoError as exc:
            print(error_line(args.previous, exc, args.lang), file=err)
            return None
    try:
        paths = sources(args.files, sys.stdin, err, "check")
    except GovinfoError as exc:
        print(f"govinfo check: {exc}", file=err)
        return None
    if args.html and len(paths) != 1:
        print(f"govinfo check: --html takes one file; {len(paths)} found", file=err)
        return None
    return paths, previous


_EPILOG = """\
exit status: 0 clean (no finding at the --fail-on level or above); 1 findings at
that level; 3 no statistics table recognised, or a table read only in part (the
check is incomplete); 2 a file could not be read. With several files the most
serious status wins: 2, then 3, then 1."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``govinfo check``."""
    import argparse  # noqa: PLC0415 - only the formatter class is needed, at run time

    parser = commands.add_parser(
        "check",
        help="check reports against the catalogue's rules",
        description="Check reports against the rules of the indicator catalogue.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files", nargs="+", metavar="SRC", help="files, folders (recursively), globs or '-'"
    )
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument(
        "--html", metavar="OUT.html", help="write the report's tables with its findings (one FILE)"
    )
    parser.add_argument(
        "--previous",
        metavar="LAST_YEAR_FILE",
        help="last year's report, for N6, N7, N11, copied figures and repeated prose",
    )
    parser.add_argument("--lang", choices=LANGS, default="zh", help="language (default zh)")
    levels = [s.value for s in _ORDER]
    parser.add_argument("--severity", metavar="LIST", help="show only these, e.g. error,warning")
    parser.add_argument(
        "--min-severity", choices=levels, default="info", help="show this level and above"
    )
    parser.add_argument(
        "--fail-on",
        choices=[*levels, "never"],
        default="error",
        help="exit 1 on findings of this level or above (default error)",
    )
    detail = parser.add_mutually_exclusive_group()
    detail.add_argument("--quiet", action="store_true", help="print only the outcome lines")
    detail.add_argument(
        "--verbose", action="store_true", help="source lines, every undecided comparison, notes"
    )
    parser.set_defaults(run=run, check_files=_one_file_options)


def _one_file_options(args: argparse.Namespace) -> str | None:
    """Why the options do not fit the files, or ``None``."""
    if (args.html or args.previous) and len(args.files) != 1:
        return "--html and --previous take one FILE"
    if args.severity and not set(args.severity.split(",")) <= {s.value for s in Severity}:
        return f"--severity: not a list of {', '.join(s.value for s in _ORDER)}"
    return None
