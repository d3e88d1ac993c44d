"""The search index: Pagefind, fed one small synthetic document per product (not the full page).

Why synthetic documents: we index exactly the short facts (name, English name, producer, district,
commune, group, summary, standards, id) with weights, filters, sort keys and the metadata the
results list shows, and nothing else; and it is several times faster than crawling built pages.

Pagefind folds tone marks ("ca phe" finds "cà phê") but has no Unicode decomposition for đ/Đ, so
"dak doa" would not find "Đak Đoa". Each document therefore also carries the đ→d folded form of
the words that contain đ, at the same weight; results are drawn from metadata, never from
excerpts, so the folded words never show.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markupsafe import escape

from ..validate import Catalogue
from . import urls
from .strings import t
from .view import summary_view

LANGUAGE = "vi"


def fold_d(text: str) -> str:
    return text.replace("đ", "d").replace("Đ", "D")


def _with_folded(text: str | None) -> str:
    """The text, plus its đ-folded words (hidden from nobody: the document is never displayed)."""
    if not text:
        return ""
    extra = " ".join(w for w in fold_d(text).split() if w not in text.split())
    return f"{escape(text)} {escape(extra)}" if extra else str(escape(text))


def document(view: dict[str, Any], *, name_en: str | None, standards: Iterable[str], commune: str,
             producer_type: str) -> str:
    """One product as the minimal HTML Pagefind indexes."""
    meta = {
        "title": view["name"], "name_en": name_en or "", "summary": view["summary"], "id": view["id"],
        "stars": str(view["stars"] or ""), "status": view["status"], "status_text": view["status_text"],
        "district": view["district"], "group": view["group_name"], "producer": view["producer"],
        "image": view["thumbnail"] or "", "image_alt": view["thumbnail_alt"],
    }
    filters = {
        "group": view["group_name"],
        "stars": f"{view['stars']} sao" if view["stars"] else "Chưa có / hết hiệu lực",
        "district": view["district"],
        "status": view["status_text"],
        "producer": t("vi", f"producer.{producer_type}"),
    }
    parts = [
        f'<html lang="{LANGUAGE}"><body>',
        f'<h1 data-pagefind-weight="10">{_with_folded(view["name"])}</h1>',
        f'<p data-pagefind-weight="7">{_with_folded(name_en)}</p>' if name_en else "",
        f'<p data-pagefind-weight="5">{_with_folded(view["producer"])}</p>',
        f'<p data-pagefind-weight="5">{_with_folded(view["district"])} {_with_folded(commune)} {escape(view["id"])}</p>',
        f'<p data-pagefind-weight="3">{_with_folded(view["group_name"])}</p>',
        f'<p>{_with_folded(view["summary"])}</p>',
        f'<p>{escape(" ".join(standards))}</p>',
    ]
    parts += [f'<span data-pagefind-meta="{k}:{escape(v)}"></span>' for k, v in meta.items() if v]
    parts += [f'<span data-pagefind-filter="{k}:{escape(v)}"></span>' for k, v in filters.items()]
    # No data-pagefind-sort: a sort index costs every first-time visitor ~2.5 bytes per product
    # (50 KB at 20,000 products) in Pagefind's metadata file, for a browse order nobody needs.
    parts.append("</body></html>")
    return "".join(parts)


def documents(catalogue: Catalogue) -> list[tuple[str, str]]:
    out = []
    for entry in catalogue.entries:
        r = entry.record
        view = summary_view(entry, catalogue)
        html = document(view, name_en=r.name_en, standards=r.standards, commune=view["commune"],
                        producer_type=r.producer.type)
        out.append(("/" + urls.product(r.id), html))
    return out


def bundle(catalogue: Catalogue, cache_root: Path) -> dict[str, Path]:
    """The Pagefind bundle for the catalogue, as site path -> cached file.

    Cached by a hash of every indexed document: an unchanged catalogue reuses the previous index
    (Pagefind itself writes its filter and metadata files in a different order on every run, so
    this is also what keeps unchanged builds byte-identical), and a rebuild skips indexing.
    """
    docs = documents(catalogue)
    digest = hashlib.sha256(_pagefind_version().encode())
    for url, html in docs:
        digest.update(url.encode() + b"\0" + html.encode() + b"\0")
    target = cache_root / "search" / digest.hexdigest()
    if not target.is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as work:
            write_index(docs, Path(work) / "bundle", Path(work) / "docs")
            (Path(work) / "bundle").rename(target)
    return {f"pagefind/{p.relative_to(target).as_posix()}": p for p in sorted(target.rglob("*")) if p.is_file()}


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "unknown"


def write_index(docs: list[tuple[str, str]], output: Path, workdir: Path) -> int:
    """Build the Pagefind bundle into ``output``; returns the document count.

    The documents are written under ``workdir`` and indexed by the Pagefind binary in one run (its
    Python API answers one message per 100 ms, far too slow for thousands of products).
    """
    for url, html in docs:
        path = workdir / url.strip("/") / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    command = [sys.executable, "-m", "pagefind", "--site", str(workdir), "--output-path", str(output),
               "--force-language", LANGUAGE, "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchIndexError((done.stdout + done.stderr).strip()[-2000:])
    return len(docs)


class SearchIndexError(Exception):
    pass
