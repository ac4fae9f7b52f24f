"""``govinfo dataset SRC... -o OUT``: a folder of reports → a dataset, resumable.

A progress bar (rich) with the rate and the time left is shown on a terminal
only; the summary goes to standard output. Exit status 0 when the dataset was
written (files that were refused or crashed are rows of ``reports``), 2 when it
could not be.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from typing import TYPE_CHECKING, TextIO

from govinfo.cli.common import EXIT_UNREADABLE, sources
from govinfo.dataset import Format, build_dataset
from govinfo.errors import GovinfoError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

__all__ = ["add_parser"]


def _progress_bar(stack: ExitStack, err: TextIO) -> Callable[[int, int], None] | None:
    """A rich progress bar on ``err`` when it is a terminal, else nothing."""
    if not err.isatty():
        return None
    from rich.console import Console  # noqa: PLC0415 - extra `dataset`, terminals only
    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("parsing"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]} reports/s"),
        TimeRemainingColumn(),
        console=Console(file=err),
    )
    stack.enter_context(bar)
    task = bar.add_task("parse", total=None, rate="-")

    def update(done: int, total: int) -> None:
        elapsed = bar.tasks[0].elapsed or 0.0
        rate = f"{done / elapsed:.0f}" if elapsed > 0 else "-"
        bar.update(task, completed=done, total=total, rate=rate)

    return update


#: The exit status of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
EXIT_INTERRUPTED = 130


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        found = sources(args.sources, sys.stdin, err, "dataset")
        with ExitStack() as stack:
            summary = build_dataset(
                found,
                args.output,
                fmt=args.format,
                jobs=args.jobs,
                agencies=args.agencies,
                crossyear=not args.no_crossyear,
                restart=args.restart,
                timeout=args.timeout,
                progress=None if args.quiet else _progress_bar(stack, err),
            )
    except GovinfoError as exc:
        print(f"govinfo dataset: {exc}", file=err)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        # What is committed stays; the same command goes on from there.
        print("govinfo dataset: interrupted; run the same command again to resume", file=err)
        return EXIT_INTERRUPTED
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(summary.statuses.items())) or "none"
    rows = ", ".join(f"{summary.rows[t]} {t}" for t in summary.rows)
    print(
        f"{summary.files} files ({summary.parsed} parsed now: {statuses}); "
        f"wrote {summary.out} ({summary.format}): {rows}",
        file=out,
    )
    return 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``govinfo dataset``."""
    dataset = commands.add_parser(
        "dataset",
        help="parse many reports into a dataset (Parquet, DuckDB, CSV, JSON Lines)",
        description="Parse files, folders (recursively), globs or '-' (paths on stdin) into "
        "the tables reports, cells, findings and unknown_rows. Killed, the same command "
        "resumes; parts are kept in OUT.parts beside OUT.",
    )
    dataset.add_argument("sources", nargs="+", metavar="SRC")
    dataset.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the dataset: NAME.parquet, NAME.csv or NAME.jsonl (a folder) or NAME.duckdb",
    )
    dataset.add_argument(
        "--format", choices=[f.value for f in Format], help="when OUT's suffix does not say"
    )
    dataset.add_argument(
        "-j", "--jobs", type=int, default=None, help="worker processes (default: the cores)"
    )
    dataset.add_argument(
        "--agencies",
        metavar="CSV",
        help="agency ids: columns agency_id and source (path or file name) or agency",
    )
    dataset.add_argument("--no-crossyear", action="store_true", help="skip the checks across years")
    dataset.add_argument(
        "--restart", action="store_true", help="discard the parts of an earlier run"
    )
    dataset.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="a file taking longer is recorded as crashed (300)",
    )
    dataset.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    dataset.set_defaults(run=run)
