"""Putting a built site in place, so that a visitor and the next build only ever see a whole site:
the old one or the new one, never a mix and never nothing.

A build writes the complete new site into a staging folder beside the output (files of products
that did not change are hard links to the previous site's or the cache's, so this costs little),
then ``put_in_place`` exchanges the two folders:

- where the operating system can exchange two folders in one step (Linux ``renameat2`` with
  ``RENAME_EXCHANGE``, macOS ``renamex_np`` with ``RENAME_SWAP``), that is used: there is no
  moment without a site, whatever happens to the process;
- elsewhere (Windows, other file systems) the old site is renamed to ``.<name>.old`` and the new
  one into place; if the second rename fails the first is undone at once, and if the process is
  killed between the two, the next build (``recover``) renames ``.<name>.old`` back before doing
  anything else.

Only one build at a time may work on an output folder (``lock``), and clean-up happens under that
lock, so a folder it deletes can never be the only complete copy of the site.

The output folder must be absent, empty, or a site this project built (it holds ``MARKER``); the
project itself, its records, pages, theme and a git repository are refused before any work
(``check_output``), and so are spreadsheets written over records or the configuration
(``check_output_file``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from .messages import Said, said

BUILD_FILE = ".ocop-build.json"  # in every site this project builds: which keys its pages were made with
MARKER = BUILD_FILE
STATE_VERSION = 4
# Folders of a project that a site may never replace or be written into.
PROJECT_FOLDERS = ("products", "catalogue", "theme", "generator", "schema", "tests", ".git", ".github")


class _Refusal(Exception):
    """``said``: the reason, a sentence of the message table (``str(e)``: its English)."""

    def __init__(self, message: Said) -> None:
        super().__init__(message.text("en"))
        self.said = message


class UnsafeOutput(_Refusal):
    """An output path that would overwrite what the build did not make; nothing was touched."""


class Busy(_Refusal):
    """Another build holds the output folder's lock."""


def _inside(path: Path, folder: Path) -> bool:
    return os.path.normcase(str(path)) == os.path.normcase(str(folder)) or \
        os.path.normcase(str(path)).startswith(os.path.normcase(str(folder)) + os.sep)


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(path)).resolve()


def check_output(out: Path, root: Path) -> None:
    """Refuse, before any work, an output folder that is not ours to replace: the project or a
    folder holding it, anything inside its records/pages/theme/code/.git, a folder holding a git
    repository or records, a symbolic link, a file, or a non-empty folder that is not a site this
    project built."""
    root = _resolved(root)
    if out.is_symlink():
        raise UnsafeOutput(said("out.symlink", out=str(out)))
    target = _resolved(out)
    if _inside(root, target):
        raise UnsafeOutput(said("out.project", out=str(out)))
    for name in PROJECT_FOLDERS:
        if _inside(target, root / name):
            raise UnsafeOutput(said("out.inside", out=str(out), name=name))
    if target.exists() and not target.is_dir():
        raise UnsafeOutput(said("out.file", out=str(out)))
    holder = next((p for p in (target.parent, *target.parent.parents) if p.exists()), None)
    if holder is not None and not os.access(holder, os.W_OK | os.X_OK):
        raise UnsafeOutput(said("out.read_only", holder=str(holder)))
    if not target.is_dir():
        return
    if (target / ".git").exists():
        raise UnsafeOutput(said("out.git", out=str(out)))
    if (target / "site_config.yml").exists() or (target / "products").is_dir():
        raise UnsafeOutput(said("out.records", out=str(out)))
    if not (target / MARKER).is_file() and any(target.iterdir()):
        raise UnsafeOutput(said("out.not_ours", out=str(out), marker=MARKER))


def check_output_file(path: Path, root: Path, *, force: bool = False) -> None:
    """Refuse a spreadsheet or report path that would overwrite a record, the configuration, a file
    of the project's folders, or any existing file unless ``force``."""
    root = _resolved(root)
    target = _resolved(path)
    if target.suffix.lower() in (".yml", ".yaml") or target.name == "site_config.yml":
        raise UnsafeOutput(said("out.yaml", path=str(path)))
    for name in PROJECT_FOLDERS:
        if _inside(target, root / name):
            raise UnsafeOutput(said("out.file_inside", path=str(path), name=name))
    if target.is_dir():
        raise UnsafeOutput(said("out.folder", path=str(path)))
    if target.exists() and not force:
        raise UnsafeOutput(said("out.exists", path=str(path)))


def lock_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.lock")


@contextmanager
def lock(out: Path) -> Iterator[None]:
    """One build at a time per output folder (a lock file beside it, released even when the
    process is killed: the operating system drops the lock with the process)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    held = FileLock(str(lock_path(out)))
    try:
        held.acquire(timeout=0)
    except Timeout:
        raise Busy(said("out.busy", out=str(out))) from None
    try:
        yield
    finally:
        held.release()


def old_copy(out: Path) -> Path:
    return out.with_name(f".{out.name}.old")


def recover(out: Path) -> None:
    """Under the lock, before a build: bring back a site a killed build had set aside, then delete
    what killed builds left behind. Never deletes the only complete copy: a set-aside old site is
    deleted only when ``out`` is a complete site."""
    old = old_copy(out)
    if not out.exists() and (old / MARKER).is_file():
        os.rename(old, out)
    complete = (out / MARKER).is_file()
    for leftover in out.parent.glob(f".{out.name}.*"):
        if leftover == lock_path(out) or not leftover.is_dir():
            continue
        if leftover == old and not complete:
            continue
        shutil.rmtree(leftover, ignore_errors=True)


def _exchange_function():  # type: ignore[no-untyped-def]
    """The operating system's atomic exchange of two paths, or None."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2

        def linux(a: bytes, b: bytes) -> int:
            return libc.renameat2(at_fdcwd, a, at_fdcwd, b, rename_exchange)
        return linux
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_swap = 0x2

        def mac(a: bytes, b: bytes) -> int:
            return libc.renamex_np(a, b, rename_swap)
        return mac
    return None


_EXCHANGE = _exchange_function()


def exchange(a: Path, b: Path) -> bool:
    """Exchange two folders in one step; False where the system or file system cannot."""
    if _EXCHANGE is None:
        return False
    if _EXCHANGE(os.fsencode(a), os.fsencode(b)) == 0:
        return True
    return False  # ENOSYS, EINVAL (file system without support): the caller falls back to renames


def put_in_place(staging: Path, out: Path) -> Path | None:
    """Make ``staging`` the site at ``out``; returns the folder now holding the old site (to be
    deleted), or None when there was none. Either completes or leaves the old site where it was."""
    if not os.path.lexists(out):
        os.rename(staging, out)
        return None
    if exchange(staging, out):
        return staging
    old = old_copy(out)
    if old.exists():  # a previous set-aside copy, while out is complete (recover kept it otherwise)
        shutil.rmtree(old)
    os.rename(out, old)
    try:
        os.rename(staging, out)
    except BaseException:
        os.rename(old, out)
        raise
    return old


def discard(old: Path | None, *, background: bool = False) -> None:
    """Delete the previous site once the new one is in place. With ``background``, by a detached
    ``rm`` that outlives this process (seconds at 20,000 products); an interrupted deletion is
    finished by the next build's ``recover``."""
    if old is None or not old.exists():
        return
    rm = shutil.which("rm") if os.name == "posix" else None
    if background and rm:
        subprocess.Popen([rm, "-rf", "--", str(old)], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        shutil.rmtree(old, ignore_errors=True)


@dataclass
class State:
    """What the last build made of each page (their keys) and on which day, for the site it wrote: the
    next build links unchanged pages from that site instead of rendering them again."""

    site: str
    build: str  # sha256 of the site's BUILD_FILE
    day: str  # the build's day: its pages say "as of" it
    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> page path -> page key

    @staticmethod
    def file(root: Path) -> Path:
        return root / ".cache" / "ocop" / "site-state.json"

    @classmethod
    def load(cls, root: Path, out: Path) -> "State | None":
        """The state of ``out``, if this project's last build is what ``out`` holds."""
        try:
            data = json.loads(cls.file(root).read_text(encoding="utf-8"))
            if data.pop("version") != STATE_VERSION:
                return None
            state = cls(**data)
            if state.site != str(out) or state.build != build_digest(out):
                return None
            return state
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def save(self, root: Path) -> None:
        path = self.file(root)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": STATE_VERSION, **self.__dict__}, separators=(",", ":")),
                       encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def forget(cls, root: Path) -> None:
        cls.file(root).unlink(missing_ok=True)


def build_digest(site: Path) -> str:
    try:
        return hashlib.sha256((site / BUILD_FILE).read_bytes()).hexdigest()
    except OSError:
        return ""
