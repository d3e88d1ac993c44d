"""Remembered per-file check results, so that a rebuild re-checks only the records that changed.

What one record's checks depend on, and so what its key covers: the file's bytes and where it is,
site_config.yml (districts and communes), the files of its photo folder (name, kind, size and
bytes: ``PhotoDigests``), and the validator's own code. Anything else changed gives a different key,
so a stale result is never used; results whose file is gone are dropped when the cache is saved.

The day is not in the key: the publish workflow runs on a new day every morning, and a record's
results change only on the days its dates make them change (a decision coming due, a certificate
entering its expiring window, a revocation taking effect). Each result is stored with the days it
holds for, ``[first, end)``, which the caller works out (validate.py, from grading.day_edges and
derive.day_edges); a lookup on a day outside them finds nothing, and the record is checked again.

The cache is plain pickle files in ``.cache/ocop/checked/`` written by this project's own builds
(never read from anywhere else).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
import zlib
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from collections.abc import Callable

CODE = Path(__file__).resolve().parent
VERSION = "2"  # 2: results stored with the days they hold for, the day out of the key


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


# Above this size a photo is refused by its size alone (validate.MAX_IMAGE_BYTES is 5 MB), never
# read: such a file is known by its size and modification time instead of its bytes.
READ_UP_TO = 5_000_000


class PhotoDigests:
    """The bytes' digest of every file in the photo folders, remembered by its size, modification
    time and inode in ``file`` (``.cache/ocop/checked/photos.pickle``).

    A photo folder enters a record's key by its files' bytes, not their times: the publish
    workflow starts from a fresh checkout, where git gives every file the time of the checkout,
    and a key of times would have every record with photos checked (every photo decoded) again
    each morning. Reading and hashing a photo costs a tenth of decoding it; and where the times
    did not change (a steward's preview, a rebuild), the remembered digest is used unread."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        loaded = _read_pickle(file) if file is not None else {}
        self.known: dict[str, tuple[int, int, int, str]] = loaded
        self.used: dict[str, tuple[int, int, int, str]] = {}

    def digest(self, path: str, st: os.stat_result) -> str:
        if st.st_size > READ_UP_TO:
            return f"{st.st_size}\0{st.st_mtime_ns}"
        found = self.known.get(path)
        if not (isinstance(found, tuple) and found[:3] == (st.st_size, st.st_mtime_ns, st.st_ino) and len(found) == 4):
            try:
                with open(path, "rb") as f:
                    found = (st.st_size, st.st_mtime_ns, st.st_ino, hashlib.file_digest(f, "sha256").hexdigest())
            except OSError:
                return "-"
        self.used[path] = found
        return found[3]

    def save(self) -> None:
        """Keep the digests of the files seen in this run (if any differ from what was read)."""
        if self.file is not None and self.used != self.known:
            _write_pickle(self.file, self.used)


def _folder_state(folder: Path, photos: PhotoDigests) -> bytes:
    """What a record's checks read of its photo folder: each entry's name and kind, a regular
    file's size and bytes. A folder that is a symbolic link is refused unread (E410), and so is
    never read here either; nor is a linked photo (E408), a device or a pipe."""
    try:
        if os.path.islink(folder):
            return b"link"
        names = sorted(os.listdir(folder))
    except OSError:
        return b"-"
    parts = []
    for name in names:
        path = os.path.join(folder, name)
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            parts.append(f"{name}\0{st.st_size}\0{photos.digest(path, st)}")
        else:
            parts.append(f"{name}\0{stat.S_IFMT(st.st_mode)}")
    return "\n".join(parts).encode()


def source_digest(file: Path, has_folder: bool = True, photos: PhotoDigests | None = None) -> str:
    """A record file's bytes and the state of its photo folder ("" if it cannot be read).
    ``has_folder=False``: the caller knows there is no photo folder (saves a failing listdir);
    ``photos``: digests remembered from an earlier run (without, every photo is read)."""
    try:
        data = file.read_bytes()
    except OSError:
        return ""
    folder = _folder_state(file.parent / file.stem, photos or PhotoDigests(None)) if has_folder else b"-"
    return hashlib.sha256(data + b"\0" + folder).hexdigest()


def source_digests(files: list[Path], photos: PhotoDigests | None = None) -> list[str]:
    """``source_digest`` of many records, listing each records folder once for photo folders."""
    folders: dict[str, set[str]] = {}
    photos = photos or PhotoDigests(None)
    out = []
    for file in files:
        parent, name = os.path.split(str(file))
        if parent not in folders:
            try:
                with os.scandir(parent) as entries:
                    folders[parent] = {e.name for e in entries if e.is_dir()}
            except OSError:
                folders[parent] = set()
        out.append(source_digest(file, name.rsplit(".", 1)[0] in folders[parent], photos))
    return out


# What unpickling bytes written by another version of the code (or damaged) may raise.
UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError, KeyError)


def _read_pickle(path: Path) -> dict[str, Any]:
    """A dict pickled by this project's own builds; empty when it is missing or damaged."""
    try:
        with open(path, "rb") as f:
            loaded = pickle.load(f)
        return loaded if isinstance(loaded, dict) else {}
    except (OSError, *UNREADABLE):
        return {}


def _write_pickle(path: Path, data: dict[str, Any]) -> None:
    """Write a pickle whole or not at all (removed when empty); a failure only loses speed."""
    try:
        if not data:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
    except OSError:
        pass


def _read_shard(folder: Path, n: int) -> dict[str, Any]:
    """One pickle file of a sharded cache; empty when it is missing or damaged."""
    return _read_pickle(folder / f"{n:02d}.pickle")


def _write_shard(folder: Path, n: int, data: dict[str, Any]) -> None:
    """Write one shard whole or not at all (removed when empty); a failure only loses speed."""
    _write_pickle(folder / f"{n:02d}.pickle", data)


SHARDS = 64  # files of the cache: an edited record rewrites one, not all 20,000 results


class CheckCache:
    """Results by key, in ``SHARDS`` pickle files under ``folder``; a file's results always go to
    the same shard (by its path), so a rebuild after an edit rewrites only that shard. Each result
    is kept with the days it holds for: ``(first, end, value)``, ``end`` None for "from then on"."""

    def __init__(self, folder: Path, config_bytes: bytes) -> None:
        self.folder = folder
        self.context = hashlib.sha256(code_digest().encode() + b"\0" + config_bytes).digest()
        # shard -> key -> (first, end, result) (a missing or damaged shard: its records are checked again)
        self.stored = {f"{n:02d}": _read_shard(folder, n) for n in range(SHARDS)}
        self.used: dict[str, dict[str, Any]] = {}
        self.changed: set[str] = set()

    def key(self, source: str, display: str) -> str:
        """The key of a file, from its ``source_digest`` and the path stewards see (the first two
        characters name its shard)."""
        if not source:
            return ""  # unreadable: always checked (and reported) afresh
        shard = f"{zlib.crc32(display.encode()) % SHARDS:02d}"
        return shard + hashlib.sha256(self.context + display.encode() + b"\0" + source.encode()).hexdigest()

    def get(self, key: str, day: date) -> Any:
        """The result remembered under ``key`` if it holds on ``day``, else None."""
        found = self.stored.get(key[:2], {}).get(key) if key else None
        if not (isinstance(found, tuple) and len(found) == 3 and isinstance(found[0], date)
                and found[0] <= day and (found[1] is None or day < found[1]) and isinstance(found[2], bytes)):
            return None
        try:
            value = pickle.loads(found[2])
        except UNREADABLE:
            return None
        self.used.setdefault(key[:2], {})[key] = found
        return value

    def put(self, key: str, value: Any, first: date, end: date | None, packed: bytes | None = None) -> None:
        """Remember ``value`` for the days from ``first`` up to ``end`` (excluded; None: no end).
        Results are kept pickled, each on its own: ``packed``, when the worker process that made
        ``value`` pickled it already (validate._check_chunk_packed)."""
        if key:
            packed = packed if packed is not None else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            self.used.setdefault(key[:2], {})[key] = (first, end, packed)
            self.changed.add(key[:2])

    def save(self, *, background: bool = False) -> Any:
        """Keep exactly the results of this run: each shard that gained or lost a result is
        written again (atomically; a failure only loses speed). With ``background`` (where processes fork), by a forked
        process, returned for the caller to join: at 20,000 records the writing takes over a
        second that the build need not wait for."""
        from .processes import context

        if background and context().get_start_method() == "fork":  # spawned, it would copy every result
            writer = context().Process(target=self._write, daemon=False)
            writer.start()
            return writer
        self._write()
        return None

    def _write(self) -> None:
        for n in range(SHARDS):
            shard = f"{n:02d}"
            used = self.used.get(shard, {})
            if shard not in self.changed and len(used) == len(self.stored.get(shard, {})):
                continue
            _write_shard(self.folder, n, used)


class Memo:
    """Things made from one product, remembered by the product's key (build.page_keys: its record,
    photos, the configuration, the day, the code and the theme), so that a rebuild makes them only
    for the products that changed: search documents, open-data JSON, listing cards.

    ``SHARDS`` pickle files under ``folder``, by product id; only shards that changed are written."""

    SHARDS = 16

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.changed: set[int] = set()
        self.shards = [_read_shard(folder, n) for n in range(self.SHARDS)]

    def _shard(self, pid: str) -> int:
        return zlib.crc32(pid.encode()) % self.SHARDS

    def get(self, pid: str, key: str) -> Any:
        found = self.shards[self._shard(pid)].get(pid)
        return found[1] if found is not None and found[0] == key and key else None

    def put(self, pid: str, key: str, value: Any) -> None:
        if key:
            n = self._shard(pid)
            self.shards[n][pid] = (key, value)
            self.changed.add(n)

    def keep_only(self, pids: set[str]) -> None:
        """Forget products that are gone (a record moved to another id, say)."""
        for n, shard in enumerate(self.shards):
            gone = [pid for pid in shard if pid not in pids]
            for pid in gone:
                del shard[pid]
            if gone:
                self.changed.add(n)

    def save(self) -> None:
        for n in sorted(self.changed):
            _write_shard(self.folder, n, self.shards[n])
        self.changed.clear()

    def through(self, pid: str, key: str, make: Callable[[], Any]) -> Any:
        """The remembered value, or ``make()`` remembered."""
        found = self.get(pid, key)
        if found is None:
            found = make()
            self.put(pid, key, found)
        return found
