"""Exceptions: everything govinfo raises derives from :class:`GovinfoError`."""

from __future__ import annotations

__all__ = ["CatalogueError", "GovinfoError", "InputError", "ReportSyntaxError"]


class GovinfoError(Exception):
    """Root of every exception govinfo raises."""


class CatalogueError(GovinfoError):
    """The indicator catalogue is malformed or asked for something it lacks."""


class InputError(GovinfoError, ValueError):
    """A file or byte string cannot be read as a report (empty, binary, undecodable)."""


class ReportSyntaxError(GovinfoError, ValueError):
    """Text that cannot be read, with the place where reading stopped.

    ``str()`` shows the offending line and ends with ``(at line L, column C)``.

    Args:
        msg: what is wrong, without the location.
        text: the whole text being read.
        line: 1-based line number.
        column: 1-based column number.
    """

    def __init__(self, msg: str, text: str, line: int, column: int) -> None:
        """Record the message and location; see the class docstring."""
        self.msg = msg
        self.text = text
        self.line = line
        self.column = column
        lines = text.splitlines()
        self.snippet = lines[line - 1] if 0 < line <= len(lines) else ""
        shown = self.snippet if len(self.snippet) <= 80 else self.snippet[:77] + "..."
        super().__init__(f"{msg}: {shown!r} (at line {line}, column {column})")

    def __reduce__(self) -> tuple[type[ReportSyntaxError], tuple[str, str, int, int]]:
        """Pickle with the constructor's arguments (for multiprocessing)."""
        return (type(self), (self.msg, self.text, self.line, self.column))
