"""Putting a built site in place: a whole new folder swapped in, or the changed files moved in.

A build writes its files into a staging folder beside the site, and nothing in the site changes
until every file is ready. Then either:

- **swap** (a first build, or when much changed): the staging folder holds the whole site and
  replaces the old one in two renames;
- **in place** (the everyday rebuild: a steward changed a few records): the staging folder holds
  only what changed, namely the changed products' files and the site-wide files (listings, open
  data, search index, which depend on every record). Each file is moved into the site, the old
  file set aside first; then the files no longer part of the site are set aside too. If any step
  fails, everything set aside is put back and the site is as it was. At 20,000 products the site
  has about 170,000 files, and merely linking them into a new folder takes 5 s: moving a few
  thousand in takes a fraction of a second.

What makes in-place safe is knowing exactly what the site holds: ``State`` (in
``.cache/ocop/site-state.json``) records, for the site folder it describes, which files belong
to which product and the key each product was made with (build.page_keys: the record, its
photos, the configuration, the day, the code and the theme). It is only trusted while the site's
own ``.ocop-build.json`` is the one it was written with, and it is forgotten before a site is
changed and written after, so a build stopped half-way leads to a full build next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

BUILD_FILE = ".ocop-build.json"  # in the site: which keys its product pages were made with
STATE_VERSION = 1


@dataclass
class State:
    """What a site folder holds, as the build that wrote it left it."""

    site: str
    build: str  # sha256 of the site's BUILD_FILE
    products: dict[str, str] = field(default_factory=dict)  # id -> build.page_keys key
    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> page path -> page key
    owned: dict[str, list[str]] = field(default_factory=dict)  # id -> its files (site paths)
    shared: list[str] = field(default_factory=list)  # every other file of the site

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

    def after(self, changed: set[str], owned: dict[str, list[str]], shared: list[str]
              ) -> tuple[dict[str, list[str]], list[str]]:
        """For a rebuild in place whose staging folder holds ``owned`` and ``shared`` (the files of
        the ``changed`` products and the site-wide ones): every product's files once it is moved
        in, and the site's files that are then no longer part of it."""
        owned = dict(owned)
        obsolete = set(self.shared) - set(shared)
        for pid, files in self.owned.items():
            if pid in changed:
                obsolete.update(set(files) - set(owned.get(pid, ())))
            else:
                owned[pid] = sorted(set(files) | set(owned.get(pid, ())))
        return owned, sorted(obsolete)

    @classmethod
    def forget(cls, root: Path) -> None:
        cls.file(root).unlink(missing_ok=True)


def build_digest(site: Path) -> str:
    try:
        return hashlib.sha256((site / BUILD_FILE).read_bytes()).hexdigest()
    except OSError:
        return ""


def site_files(folder: Path) -> list[str]:
    """Every file under ``folder``, as site paths ("p/SL-MS-0001/index.html")."""
    out: list[str] = []

    def walk(path: str, prefix: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                else:
                    out.append(prefix + entry.name)
    walk(str(folder), "")
    return out


def owners(paths: Iterable[str], places: dict[str, str]) -> tuple[dict[str, list[str]], list[str]]:
    """Split site paths into each product's own files and the shared ones. ``places`` maps what
    a product owns to its id: a folder ("p/<id>/", "en/p/<id>/", "01/<GTIN-14>/") with all it
    holds, or a file ("api/p/<id>.json"); build.py makes it from urls.py."""
    owned: dict[str, list[str]] = {}
    shared: list[str] = []
    for path in paths:
        parts = path.split("/", 3)[:-1]  # the folders a place can be: "a/", "a/b/", "a/b/c/"
        candidates = [path, *("/".join(parts[:k]) + "/" for k in range(1, len(parts) + 1))]
        pid = next((places[c] for c in candidates if c in places), None)
        if pid is not None:
            owned.setdefault(pid, []).append(path)
        else:
            shared.append(path)
    return owned, shared


class CommitFailed(Exception):
    """Moving the new files in failed; the site was put back as it was."""


def commit(staging: Path, out: Path, obsolete: Iterable[str], staged: list[str] | None = None) -> int:
    """Move every file of ``staging`` (``staged``, when the caller has listed them already) into
    ``out`` and take ``obsolete`` out of it, all or nothing.

    Each replaced or removed file is first renamed into an undo folder beside the site; on any
    failure those renames are reversed and the new files taken out again. Returns the number of
    files moved in."""
    undo = out.with_name(f".{out.name}.undo-{os.getpid()}")
    staged = site_files(staging) if staged is None else staged
    done: list[tuple[str, bool]] = []  # (site path, an old file was set aside)
    removed: list[str] = []
    made_dirs: set[str] = set()

    def set_aside(rel: str) -> bool:
        target = os.path.join(out, rel)
        if not os.path.lexists(target):
            return False
        keep = os.path.join(undo, rel)
        folder = os.path.dirname(keep)
        if folder not in made_dirs:
            os.makedirs(folder, exist_ok=True)
            made_dirs.add(folder)
        os.rename(target, keep)
        return True

    try:
        for rel in staged:
            had = set_aside(rel)
            target = os.path.join(out, rel)
            if not had:
                os.makedirs(os.path.dirname(target), exist_ok=True)
            done.append((rel, had))
            os.rename(os.path.join(staging, rel), target)
        for rel in obsolete:
            if set_aside(rel):
                removed.append(rel)
    except OSError as e:
        unrestored = 0
        for rel in reversed(removed):
            unrestored += not _move(os.path.join(undo, rel), os.path.join(out, rel))
        for rel, had in reversed(done):
            target = os.path.join(out, rel)
            if os.path.lexists(target) and not os.path.lexists(os.path.join(staging, rel)):
                unrestored += not _move(target, os.path.join(staging, rel))
            if had:
                unrestored += not _move(os.path.join(undo, rel), target)
        _remove_empty_folders(out, [rel for rel, had in done if not had])  # made for new files
        if unrestored:  # the disk refuses even that: keep what was set aside for a person to see
            raise CommitFailed(f"{e.strerror or e}: {e.filename}; {unrestored} files could not be put back, "
                               f"the old ones are in {undo}") from None
        shutil.rmtree(undo, ignore_errors=True)
        raise CommitFailed(f"{e.strerror or e}: {e.filename}") from None
    _remove_empty_folders(out, removed)
    shutil.rmtree(undo, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    return len(staged)


def _move(source: str, target: str) -> bool:
    try:
        os.rename(source, target)
        return True
    except OSError:
        return False


def _remove_empty_folders(out: Path, removed: list[str]) -> None:
    """Folders emptied by removed files go too (an old search index folder, a GTIN page)."""
    folders = sorted({os.path.dirname(rel) for rel in removed if "/" in rel}, key=lambda f: -f.count("/"))
    for folder in folders:
        while folder:
            try:
                os.rmdir(os.path.join(out, folder))
            except OSError:
                break
            folder = os.path.dirname(folder)
