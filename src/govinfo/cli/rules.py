"""``govinfo rules``: every rule of the catalogue, one line each.

Columns: the rule's id, its class, the severity of a finding that breaks it,
the templates it applies to and its statement (Chinese by default). ``--json``
prints the rules as data, ``--formula`` adds each rule's formula.
"""

from __future__ import annotations

import json
import unicodedata
from typing import TYPE_CHECKING, TextIO

from govinfo.catalogue import load_catalogue
from govinfo.catalogue.subjects import family_templates
from govinfo.checks.findings import severity_of
from govinfo.messages import LANGS, severity_label

if TYPE_CHECKING:
    import argparse

    from govinfo.catalogue import Invariant

__all__ = ["add_parser", "rule_rows"]


def _templates(templates: frozenset[str]) -> str:
    """``all``, ``old-*``, ``old-shandong-*``, ``new-*`` or the ids (catalogue §1.3)."""
    old, new = family_templates("old"), family_templates("new")
    if templates == old | new:
        return "all"
    shandong = frozenset(t for t in old if t.startswith("old-shandong-"))
    names = []
    for name, members in (("old-*", old), ("old-shandong-*", shandong), ("new-*", new)):
        if members <= templates:
            names.append(name)
            templates -= members
    return ",".join([*names, *sorted(templates)])


def _pad(cell: str, width: int) -> str:
    """``cell`` padded to ``width`` terminal columns (a CJK character takes two)."""
    return cell + " " * (width - _width(cell))


def _width(cell: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in cell)


def _severity(rule: Invariant, lang: str) -> str:
    if rule.cls == "INFO":
        return "-"
    return severity_label(severity_of(rule.cls).value, "en" if lang == "en" else "zh")


def rule_rows(lang: str = "zh") -> list[tuple[str, str, str, str, str]]:
    """(id, class, severity, templates, statement) of every rule, in catalogue order."""
    return [
        (
            rule.id,
            rule.cls,
            _severity(rule, lang),
            _templates(rule.templates),
            rule.statement(lang),
        )
        for rule in load_catalogue().invariants
    ]


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    del err
    rules = load_catalogue().invariants
    if args.json:
        data = [
            {
                "id": r.id,
                "kind": r.kind,
                "class": r.cls,
                "severity": severity_of(r.cls).value if r.cls != "INFO" else None,
                "templates": sorted(r.templates),
                "rule": r.rule,
                "rule_zh": r.rule_zh,
                "formula": r.formula,
            }
            for r in rules
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
        return 0
    rows = rule_rows(args.lang)
    widths = [max(_width(row[i]) for row in rows) for i in range(4)]
    for rule, row in zip(rules, rows, strict=True):
        head = "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row[:4]))
        print(f"{head}  {row[4]}", file=out)
        if args.formula:
            print(f"{' ' * (sum(widths) + 8)}{rule.formula}", file=out)
    return 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``govinfo rules``."""
    parser = commands.add_parser(
        "rules",
        help="list the rules govinfo checks",
        description="List every rule of the catalogue: id, class, severity of a finding, "
        "templates and statement.",
    )
    parser.add_argument("--lang", choices=LANGS, default="zh", help="language (default zh)")
    parser.add_argument("--json", action="store_true", help="print the rules as JSON")
    parser.add_argument("--formula", action="store_true", help="show each rule's formula")
    parser.set_defaults(run=run)
