"""Remembered per-file check results, so that a rebuild re-checks only the records that changed.

What one record's checks depend on, and so what its key covers: the file's bytes and where it is,
``today`` (dates and statuses), site_config.yml (districts and communes), the files of its photo
folder (name, size, modification time, symlink or not), and the validator's own code. Anything
else changed gives a different key, so a stale result is never used; results whose file is gone
are dropped when the cache is saved. The cache is a plain pickle in ``.cache/ocop/`` written by
this project's own builds (never read from anywhere else).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

CODE = Path(__file__).resolve().parent
VERSION = "1"


def files_digest(folder: Path, pattern: str) -> str:
    """A hash of the names and bytes of the files under ``folder`` matching ``pattern`` (a glob;
    "**/*" for the whole tree), compiled Python caches left out."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the validator's code: a new version of it forgets every remembered result."""
    return hashlib.sha256(VERSION.encode() + files_digest(CODE, "*.py").encode()).hexdigest()


def _folder_state(folder: Path) -> bytes:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return b"-"
    parts = []
    for name in names:
        try:
            st = os.lstat(folder / name)
        except OSError:
            continue
        parts.append(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0{stat.S_ISLNK(st.st_mode)}")
    return "\n".join(parts).encode()


def source_digest(file: Path) -> str:
    """A record file's bytes and the state of its photo folder ("" if it cannot be read)."""
    try:
        data = file.read_bytes()
    except OSError:
        return ""
    return hashlib.sha256(data + b"\0" + _folder_state(file.parent / file.stem)).hexdigest()


class CheckCache:
    def __init__(self, path: Path, config_bytes: bytes, today: date) -> None:
        self.path = path
        self.context = hashlib.sha256(
            code_digest().encode() + b"\0" + config_bytes + b"\0" + today.isoformat().encode()).digest()
        self.stored: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.changed = False
        try:
            with open(path, "rb") as f:
                loaded = pickle.load(f)
            if isinstance(loaded, dict):
                self.stored = loaded
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            self.stored = {}

    def key(self, source: str, display: str) -> str:
        """The key of a file, from its ``source_digest`` and the path stewards see."""
        if not source:
            return ""  # unreadable: always checked (and reported) afresh
        return hashlib.sha256(self.context + display.encode() + b"\0" + source.encode()).hexdigest()

    def get(self, key: str) -> Any:
        found = self.stored.get(key) if key else None
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        if key:
            self.used[key] = value
            self.changed = True

    def save(self) -> None:
        """Keep exactly the results of this run (written atomically; a failure only loses speed)."""
        if not self.changed and len(self.used) == len(self.stored):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.path.parent, delete=False) as f:
                pickle.dump(self.used, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(f.name, self.path)
        except OSError:
            pass
