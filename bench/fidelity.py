"""Fidelity on real reports: cells exact, missed and wrong per corpus report, and a total.

Reads every answer key of the real-report corpus (``../shared/corpus/keys``), parses its
report with :func:`govinfo.parse_file` and compares cell by cell: a keyed cell is *exact*
when govinfo has that id with the same value (a keyed ``null`` wants a blank cell),
*wrong* when govinfo has another value, *missed* otherwise. Also the template, and the
error-level finding codes where the key lists them.

Usage: ``python bench/fidelity.py [--corpus DIR] [--verbose] [--json]`` (``make fidelity``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import govinfo

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path(os.environ.get("GOVINFO_SHARED_DIR", REPO.parent / "shared")) / "corpus"


def _same(got: Decimal | None, want: object) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return got == Decimal(str(want))


def score(key: dict[str, Any], reports: Path) -> dict[str, Any]:
    """One report's score against its key: counts, template, misses and wrong cells."""
    path = reports / key["file"]
    result: dict[str, Any] = {"file": key["file"], "keyed": len(key["cells"])}
    try:
        report = govinfo.parse_file(path)
    except govinfo.GovinfoError as exc:
        return {**result, "exact": 0, "wrong": 0, "missed": len(key["cells"]), "refused": str(exc)}
    except Exception as exc:  # noqa: BLE001 - a crash is what this counts
        return {**result, "exact": 0, "wrong": 0, "missed": len(key["cells"]), "crash": repr(exc)}
    exact: list[str] = []
    wrong: list[tuple[str, object, str]] = []
    missed: list[tuple[str, object]] = []
    for cell_id, want in key["cells"].items():
        cell = report.cells.get(cell_id)
        if cell is not None and _same(cell.value, want):
            exact.append(cell_id)
        elif cell is not None and cell.value is not None:
            wrong.append((cell_id, want, str(cell.value)))
        else:
            missed.append((cell_id, want))
    errors = sorted({f.code for f in report.findings if f.severity is govinfo.Severity.ERROR})
    return {
        **result,
        "exact": len(exact),
        "wrong": len(wrong),
        "missed": len(missed),
        "template": report.template,
        "template_wanted": key.get("template"),
        "errors": errors,
        "errors_wanted": key.get("errors"),
        "wrong_cells": wrong,
        "missed_cells": missed,
    }


def run(corpus: Path) -> list[dict[str, Any]]:
    """Scores of every keyed report of ``corpus`` (a folder with ``keys/`` and ``reports/``)."""
    keys = sorted((corpus / "keys").glob("*.json"))
    return [score(json.loads(k.read_text("utf-8")), corpus / "reports") for k in keys]


def main(argv: list[str] | None = None) -> int:
    """Print the table (or JSON); exit 1 when a value is wrong or a report crashed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="list every missed or wrong cell")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    if not (args.corpus / "keys").is_dir():
        print(f"fidelity: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = run(args.corpus)
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        _print_table(results, verbose=args.verbose)
        print(f"({elapsed:.1f} s)")
    bad = any(r["wrong"] or "crash" in r for r in results)
    return 1 if bad else 0


def _print_table(results: list[dict[str, Any]], *, verbose: bool) -> None:
    print(f"{'report':34} {'exact':>6} {'missed':>6} {'wrong':>5} {'keyed':>5}  template")
    for r in results:
        got = r.get("template", "-")
        want = r.get("template_wanted", "-")
        mark = "" if got == want else f" (want {want})"
        note = r.get("crash") or r.get("refused") or ""
        print(
            f"{r['file']:34} {r['exact']:>6} {r['missed']:>6} {r['wrong']:>5} {r['keyed']:>5}"
            f"  {got}{mark} {note}".rstrip()
        )
        if verbose:
            for cell_id, want, got_value in r.get("wrong_cells", ()):
                print(f"    WRONG {cell_id}: want {want}, got {got_value}")
            for cell_id, want in r.get("missed_cells", ()):
                print(f"    missed {cell_id}: want {want}")
    exact = sum(r["exact"] for r in results)
    keyed = sum(r["keyed"] for r in results)
    wrong = sum(r["wrong"] for r in results)
    templates = sum(r.get("template") == r.get("template_wanted") for r in results)
    crashes = sum("crash" in r for r in results)
    share = 100 * exact / keyed if keyed else 0.0
    print(
        f"{'total':34} {exact:>6} {keyed - exact - wrong:>6} {wrong:>5} {keyed:>5}"
        f"  exact {share:.1f}%, templates {templates}/{len(results)}, crashes {crashes}"
    )


if __name__ == "__main__":
    sys.exit(main())
