"""Writing the records of one import: all of them or none.

Each record is first written under a temporary name in its own folder; only when every one is
complete are they given their names, with a hard link, which fails rather than replace a record
made meanwhile. On any failure (a full disk, a folder that cannot be written) everything this
import placed is removed again and the message says which file failed and why.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..cells import WriteError

TEMP_PREFIX = ".ocop-import-"


def write_all(items: list[tuple[Path, str, str]], root: Path) -> None:
    """``items``: (target path, YAML text, what it comes from, e.g. "row 12")."""
    made: list[Path] = []  # folders this import created, outermost first
    temps: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    target, what = root, ""
    try:
        for target, text, what in items:
            made += _make_folders(target.parent)
            temps.append((_write_temp(target.parent, text.encode("utf-8")), target))
        for temp, target in temps:
            _place(temp, target)
            placed.append(target)
            temp.unlink(missing_ok=True)  # the record now has its name (a rename leaves nothing here)
    except OSError as e:
        for path in placed:
            path.unlink(missing_ok=True)
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        why = "it already exists (made while importing)" if isinstance(e, FileExistsError) else (e.strerror or str(e))
        raise WriteError(
            f"{_rel(target, root)} ({what}) could not be written: {why}. Nothing was imported: no record of this "
            "import was left in products/. Free some disk space or make the folder writable, then run the import "
            "again.") from None


def _make_folders(folder: Path) -> list[Path]:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))


def _write_temp(folder: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=folder)
    path = Path(name)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]  # os.write may write part of it
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)
    return path


def _place(temp: Path, target: Path) -> None:
    try:
        os.link(temp, target)  # never replaces: FileExistsError if the record appeared meanwhile
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links (some network and FAT drives): rename, after a last look.
        if target.exists():
            raise FileExistsError(target) from None
        os.replace(temp, target)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
