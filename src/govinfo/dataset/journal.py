"""The work directory of a dataset: part files and the journal of what is committed.

Workers write part files under names unique to their run and rename them into
place; a chunk is committed when its line is in ``journal.jsonl`` (written and
fsynced). Anything the journal does not name is not part of the dataset and is
deleted when the next run opens the directory, so a run killed at any moment
(``kill -9``) leaves nothing half-counted: the next run redoes exactly the files
of the chunks that were not committed. A lock keeps two runs apart.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from govinfo.dataset.schema import TABLES
from govinfo.dataset.sources import DatasetError

if TYPE_CHECKING:
    from types import TracebackType

__all__ = ["Journal", "work_directory"]

_JOURNAL = "journal.jsonl"
_LOCK = "lock"
# Bumped when the parts' layout changes: old work directories are then refused.
_LAYOUT = 3  # 2: findings gained the decided column (#13); 3: the files table


def work_directory(out: Path) -> Path:
    """Where the parts of the dataset ``out`` are kept: ``OUT.parts`` beside it."""
    return out.with_name(out.name + ".parts")


def _stamp() -> dict[str, Any]:
    """What makes parts comparable: the layout, govinfo's version and its catalogue."""
    catalogue = resources.files("govinfo.catalogue").joinpath("catalogue.json").read_bytes()
    return {
        "layout": _LAYOUT,
        "govinfo": metadata.version("govinfo"),
        "catalogue": hashlib.sha256(catalogue).hexdigest()[:16],
    }


class Journal:
    """The committed parts of a dataset's work directory (a context manager holding its lock).

    Args:
        directory: the work directory (made if missing).
        restart: discard whatever is in it first.

    Raises:
        DatasetError: another run holds the lock, or the parts were made by
            another version of govinfo or of its catalogue.
    """

    def __init__(self, directory: Path, *, restart: bool = False) -> None:
        """Open (or make) the work directory and take its lock; see the class docstring."""
        if restart and directory.exists():
            shutil.rmtree(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.path = directory / _JOURNAL
        self._lock = self._take_lock()
        #: A name unique to this run, for its part files.
        self.run = f"{int(time.time() * 1000):x}{os.getpid():x}"
        self.entries = self._load()
        self._remove_uncommitted()

    def __enter__(self) -> Self:
        """The journal itself."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Release the lock."""
        self._lock.close()

    def _take_lock(self) -> Any:  # noqa: ANN401 - an open file
        lock = (self.directory / _LOCK).open("a+b")
        try:
            import fcntl  # noqa: PLC0415 - Unix only; elsewhere runs are not kept apart

            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:
            pass
        except OSError as exc:
            lock.close()
            raise DatasetError(
                f"{self.directory}: another govinfo dataset run is using it"
            ) from exc
        return lock

    def _load(self) -> list[dict[str, Any]]:
        stamp = _stamp()
        if not self.path.exists() or self.path.stat().st_size == 0:
            self._append({"stamp": stamp})
            return []
        entries: list[dict[str, Any]] = []
        good = 0
        with self.path.open("rb") as journal:
            for line in journal:
                try:
                    entries.append(json.loads(line))
                except ValueError:
                    break  # a line cut short by a kill: everything after it is void
                good += len(line)
        if good < self.path.stat().st_size:
            with self.path.open("r+b") as journal:
                journal.truncate(good)
        if not entries or entries[0].get("stamp") != stamp:
            found = entries[0].get("stamp") if entries else None
            raise DatasetError(
                f"{self.directory}: parts made by {found}, not by this govinfo ({stamp}); "
                "run again with --restart"
            )
        return entries[1:]

    def _append(self, entry: dict[str, Any]) -> None:
        with self.path.open("a", encoding="utf-8") as journal:
            journal.write(json.dumps(entry, ensure_ascii=False) + "\n")
            journal.flush()
            os.fsync(journal.fileno())

    def _committed_files(self) -> set[str]:
        files = {part for entry in self.entries for part in entry.get("parts", {}).values()}
        files.update(entry["file"] for entry in self.entries if "file" in entry)
        return files

    def _remove_uncommitted(self) -> None:
        keep = self._committed_files()
        for path in sorted(self.directory.rglob("*")):
            relative = path.relative_to(self.directory).as_posix()
            if path.is_file() and relative not in keep and relative not in {_JOURNAL, _LOCK}:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()

    def commit(self, parts: dict[str, str], files: int) -> None:
        """Record a chunk's parts (relative paths per table) as committed."""
        entry = {"parts": parts, "files": files}
        self._append(entry)
        self.entries.append(entry)

    def commit_file(self, kind: str, key: str, file: str) -> None:
        """Record a derived file (the cross-year findings) made from the parts named by ``key``."""
        entry = {"kind": kind, "key": key, "file": file}
        self._append(entry)
        self.entries.append(entry)

    def derived(self, kind: str, key: str) -> Path | None:
        """The committed file of ``kind`` made for ``key``, if any."""
        for entry in reversed(self.entries):
            if entry.get("kind") == kind and entry.get("key") == key:
                return self.directory / str(entry["file"])
        return None

    def parts(self, table: str) -> list[Path]:
        """The committed part files of a table, in commit order."""
        if table not in TABLES:
            raise DatasetError(f"no table {table!r}")
        return [self.directory / e["parts"][table] for e in self.entries if "parts" in e]

    def key(self) -> str:
        """A digest of the committed parts: derived files are redone when it changes."""
        names = sorted(
            p.as_posix() for e in self.entries for p in map(Path, e.get("parts", {}).values())
        )
        return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]

    def done_sources(self) -> set[str]:
        """The files whose rows are committed and stand: not to be parsed again.

        A file is parsed again when its last outcome is ``crashed`` (a time limit on
        a busy machine, a worker killed for memory), or when it is a local file whose
        size or modification time is not the one parsed (it changed since).
        """
        import pyarrow.parquet as pq  # noqa: PLC0415 - extra `dataset`

        last: dict[str, tuple[str, int | None]] = {}
        for part in self.parts("reports"):
            table = pq.read_table(part, columns=["source", "status", "bytes"]).to_pydict()
            for source, status, size in zip(
                table["source"], table["status"], table["bytes"], strict=True
            ):
                last[source] = (status, size)
        modified: dict[str, int | None] = {}
        for part in self.parts("files"):
            table = pq.read_table(part, columns=["source", "modified"]).to_pydict()
            modified.update(zip(table["source"], table["modified"], strict=True))
        return {
            source
            for source, (status, size) in last.items()
            if status != "crashed" and _same(source, size, modified.get(source))
        }


def _same(source: str, size: int | None, modified: int | None) -> bool:
    """Whether a local file still has the size and time it was parsed with (others: yes)."""
    if size is None:
        return True
    try:
        found = Path(source).stat()
    except (OSError, ValueError):  # not a local path (a URL), or gone: nothing to redo
        return True
    return found.st_size == size and modified in {None, found.st_mtime_ns}
