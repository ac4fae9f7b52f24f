"""What the commands share: finding the files named, reading them into reports, exit statuses."""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath
from typing import TYPE_CHECKING, TextIO

from govinfo.api import parse_file
from govinfo.dataset.sources import find_sources
from govinfo.errors import GovinfoError
from govinfo.messages import text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.messages import Lang
    from govinfo.models import Report

__all__ = [
    "EXIT_ERRORS",
    "EXIT_UNCHECKED",
    "EXIT_UNREADABLE",
    "error_line",
    "read_reports",
    "sources",
    "worst",
]

#: Exit status when findings at the failing level were found.
EXIT_ERRORS = 1
#: Exit status when a file could not be read.
EXIT_UNREADABLE = 2
#: Exit status of ``check`` when no statistics table was recognised, or a table
#: was read only in part: the check is incomplete, never "clean".
EXIT_UNCHECKED = 3

# From least to most serious: an unreadable file outranks an incomplete check.
_SERIOUSNESS = (0, EXIT_ERRORS, EXIT_UNCHECKED, EXIT_UNREADABLE)


def worst(*statuses: int) -> int:
    """The most serious of several exit statuses."""
    return max(statuses, key=_SERIOUSNESS.index)


def read_reports(
    paths: Sequence[str], err: TextIO, lang: Lang | None = None
) -> tuple[list[tuple[str, Report]], int]:
    """Parse each file; an unreadable one is reported on ``err`` and sets status 2.

    The message starts with the path once: ``FILE: empty file``; with ``lang``
    it says so in that language first (``FILE: 无法读取：empty file``).
    """
    reports: list[tuple[str, Report]] = []
    status = 0
    for path in paths:
        try:
            reports.append((path, parse_file(path)))
        except GovinfoError as exc:
            print(error_line(path, exc, lang), file=err)
            status = EXIT_UNREADABLE
    return reports, status


def error_line(path: str, exc: GovinfoError, lang: Lang | None = None) -> str:
    """The line that says why ``path`` could not be read, naming the file once."""
    message = str(exc)
    reason = message.removeprefix(f"{path}: ")
    if lang is not None:
        return text("unreadable", lang, path=path, reason=reason)
    return f"{path}: {reason}"


def sources(arguments: Sequence[str], stdin: TextIO, err: TextIO, command: str) -> list[str]:
    """The files ``arguments`` name (see :func:`~govinfo.dataset.find_sources`).

    Files of the folders given that are left out for their suffix are counted on
    ``err`` by suffix, so that none is skipped unsaid.

    Raises:
        DatasetError: an argument names no file.
    """
    skipped: list[str] = []
    found = find_sources(arguments, stdin if "-" in arguments else None, skipped=skipped)
    if skipped:
        kinds = Counter(PurePath(path).suffix.lower() or "(none)" for path in skipped)
        listed = ", ".join(f"{suffix} {count}" for suffix, count in sorted(kinds.items()))
        print(
            f"govinfo {command}: {len(skipped)} file(s) in the folders given were skipped, "
            f"their suffix not a report's: {listed}",
            file=err,
        )
    return found
