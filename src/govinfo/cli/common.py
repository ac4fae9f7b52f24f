"""What the commands share: reading files into reports, exit statuses."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from govinfo.api import parse_file
from govinfo.errors import GovinfoError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from govinfo.models import Report

__all__ = ["EXIT_ERRORS", "EXIT_UNREADABLE", "read_reports"]

#: Exit status when error-level findings were found.
EXIT_ERRORS = 1
#: Exit status when a file could not be read.
EXIT_UNREADABLE = 2


def read_reports(paths: Sequence[str], err: TextIO) -> tuple[list[tuple[str, Report]], int]:
    """Parse each file; an unreadable one is reported on ``err`` and sets status 2.

    The message starts with the path once: ``FILE: empty file``.
    """
    reports: list[tuple[str, Report]] = []
    status = 0
    for path in paths:
        try:
            reports.append((path, parse_file(path)))
        except GovinfoError as exc:
            # parse_file's errors name the file already; say it once.
            message = str(exc)
            print(message if message.startswith(f"{path}:") else f"{path}: {message}", file=err)
            status = EXIT_UNREADABLE
    return reports, status
