"""What a built site weighs, as the hosts count it (bench/run.py, tests/test_size_budget.py).

- GitLab Pages: at most 1 GB and 200,000 entries (files, folders and links) per site.
- GitHub Pages: the published artifact at most 1 GB; it is a tar made with --hard-dereference (a
  hard link weighs what a copy does), uploaded compressed (upload-artifact: zlib level 6).
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

LIMIT_BYTES = 1_000_000_000
LIMIT_ENTRIES = 200_000
NATIONAL = 20_000  # products: Vietnam's whole programme


def site_report(site: Path, ids: set[str], products: int) -> dict:
    """Bytes and entries of a built site as a host counts them: every file with its full size
    (the GitHub Pages artifact is a tar made with --hard-dereference, so a hard link weighs what
    a copy does), directories counted as entries (GitLab Pages' limit of 200,000 counts them).
    By kind of file: a product's own files by name (``p/<id>/qr.svg``), the rest by top folder.
    ``gzip_bytes`` estimates the compressed artifact (what GitHub's 1 GB check measures) from up
    to 40 files of each kind, each compressed at zlib level 6 (upload-artifact's default)."""
    kinds: dict[str, dict] = {}
    total = entries = dirs = tar = 0
    samples: dict[str, list[str]] = {}
    for folder, subdirs, names in os.walk(site):
        rel_folder = os.path.relpath(folder, site)
        dirs += len(subdirs)
        for sub in subdirs:
            kind = _kind(os.path.join(rel_folder, sub, "/").replace(os.sep, "/").lstrip("./"), ids, folder=True)
            kinds.setdefault(kind, {"bytes": 0, "entries": 0})["entries"] += 1
        for name in names:
            path = os.path.join(folder, name)
            size = os.stat(path).st_size
            kind = _kind(os.path.relpath(path, site).replace(os.sep, "/"), ids)
            k = kinds.setdefault(kind, {"bytes": 0, "entries": 0})
            k["bytes"] += size
            k["entries"] += 1
            total += size
            tar += 512 + -(-size // 512) * 512
            sample = samples.setdefault(kind, [])
            if len(sample) < 40:
                sample.append(path)
    entries = sum(k["entries"] for k in kinds.values())  # files and folders
    gzip_total = 0.0
    for kind, k in kinds.items():
        files = samples.get(kind, [])
        if files:
            raw = [Path(f).read_bytes() for f in files]
            ratio = sum(len(zlib.compress(b, 6)) for b in raw) / max(1, sum(len(b) for b in raw))
            k["gzip_bytes"] = round(k["bytes"] * ratio)
            gzip_total += k["bytes"] * ratio
    return {"bytes": total, "entries": entries, "folders": dirs, "files": entries - dirs, "tar_bytes": tar,
            "gzip_bytes": round(gzip_total), "bytes_per_product": round(total / products),
            "entries_per_product": round(entries / products, 2),
            "kinds": dict(sorted(kinds.items(), key=lambda kv: -kv[1]["bytes"]))}


def _kind(rel: str, ids: set[str], folder: bool = False) -> str:
    parts = rel.strip("/").split("/")
    lang = ""
    if parts[0] == "en":
        lang, parts = "en/", parts[1:]
    if len(parts) >= 2 and parts[0] == "p" and parts[1] in ids:
        return lang + "p/<id>/" + ("/".join(parts[2:]) if len(parts) > 2 else "(folder)")
    if len(parts) >= 3 and parts[:2] == ["api", "p"]:
        return lang + "api/p/<id>.json"
    if folder:
        return lang + parts[0] + "/ (folders)"
    return lang + (parts[0] + "/…" if len(parts) > 1 else parts[0])


