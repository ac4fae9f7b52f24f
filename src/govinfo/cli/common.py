"""What the commands share: reading files into reports, exit statuses."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from govinfo.api import parse_file
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
