"""Which files a dataset reads: files, folders (recursively), globs and ``-`` (stdin).

A folder contributes the files whose suffix a report comes in (:data:`SUFFIXES`),
hidden files and folders left out (the others can be collected, for the commands to
count them); a file named explicitly is read whatever its suffix. An argument that
names nothing is an error before any work starts.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import TYPE_CHECKING

from govinfo.carriers.sniffing import PAGE_SUFFIXES
from govinfo.errors import GovinfoError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import TextIO

__all__ = ["SUFFIXES", "DatasetError", "find_sources"]

#: Suffixes of report files taken from folders (``.doc`` is taken to be refused as data).
SUFFIXES = frozenset({".txt", ".text", ".md", *PAGE_SUFFIXES, ".pdf", ".docx", ".doc"})
_GLOB_CHARS = frozenset("*?[")


class DatasetError(GovinfoError):
    """A dataset cannot be built or read: arguments, work directory, output format."""


def _walk(folder: Path, skipped: list[str] | None) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in SUFFIXES:
                yield str(Path(root) / name)
            elif skipped is not None:
                skipped.append(str(Path(root) / name))


def _expand(argument: str, skipped: list[str] | None) -> list[str]:
    path = Path(argument)
    try:
        if path.is_dir():
            return list(_walk(path, skipped))
        if path.exists():
            return [argument]
    except OSError:
        return []  # not a name the system takes (too long: a report's text piped to `-`)
    if _GLOB_CHARS & set(argument):
        found: list[str] = []
        for match in sorted(glob.glob(argument, recursive=True)):  # noqa: PTH207 - str patterns
            found.extend(_walk(Path(match), skipped) if Path(match).is_dir() else [match])
        return found
    return []


def find_sources(
    arguments: Iterable[str], stdin: TextIO | None = None, *, skipped: list[str] | None = None
) -> list[str]:
    """The files named by ``arguments``, each once however it is spelled, sorted.

    Args:
        arguments: paths of files or folders, glob patterns (``**`` recurses), or
            ``-`` for a list of such paths on ``stdin``, one per line.
        stdin: where ``-`` reads from.
        skipped: when given, the files of the folders walked that are left out
            (no report suffix; hidden ones aside) are appended to it.

    Raises:
        DatasetError: an argument names no file.
    """
    found: list[str] = []
    unmatched: list[str] = []
    for argument in arguments:
        if argument == "-":
            if stdin is None:
                raise DatasetError("'-' given but there is no standard input to read paths from")
            listed = [line.strip() for line in stdin if line.strip()]
            expanded = [source for line in listed for source in _expand(line, skipped) or [line]]
        else:
            expanded = _expand(argument, skipped)
            if not expanded:
                unmatched.append(argument)
        found.extend(expanded)
    if unmatched:
        raise DatasetError(f"no report files found for: {', '.join(unmatched)}")
    return _once(found)


def _once(sources: Iterable[str]) -> list[str]:
    """Each file once, under the normalised spelling that sorts first; sorted.

    One file may be named ``./a.txt`` and ``a.txt``, by a relative and an absolute
    path, or through a symbolic link.

    A file counted twice would be parsed twice and its rows doubled in the dataset.
    """
    names: dict[str, str] = {}
    for source in sources:
        try:
            key = os.path.realpath(source)
            name = os.path.normpath(source)
            # normpath drops `dir/..` without looking: after a symbolic link to a
            # folder that names another file, so the spelling is kept as given.
            if os.path.realpath(name) != key:
                name = source
        except (OSError, ValueError):  # not a name the system takes: compared as written
            key = name = source
        if key not in names or name < names[key]:
            names[key] = name
    return sorted(names.values())
