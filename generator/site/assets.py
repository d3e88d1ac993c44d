"""Per-product files: QR codes, badge, share preview, photos. Generated once per distinct input.

Each file is cached under ``.cache/ocop/<kind>/`` by a hash of exactly what it depends on (a QR
code depends only on its URL, which never changes), so a rebuild regenerates only what changed.
The writer links cached files into the output instead of copying them. Badges, cheaper to draw
than to link, are drawn on every build that writes a site (``UNCACHED``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import processes
from ..validate import Catalogue, Entry
from . import badge, preview, qr, urls
from .strings import star_glyphs, t
from .view import place_names

VERSION = "9"  # bump to invalidate every cached asset when a generator's drawing changes


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def name(self, kind: str, *inputs: str, suffix: str) -> str:
        """The cached file's path under the root, as ``kind/ab/abcdef….suffix``."""
        digest = hashlib.sha256("\x1f".join((VERSION, kind, *inputs)).encode()).hexdigest()
        return f"{kind}/{digest[:2]}/{digest}{suffix}"

    def path(self, kind: str, *inputs: str, suffix: str) -> Path:
        return self.root / self.name(kind, *inputs, suffix=suffix)

    def get(self, kind: str, inputs: tuple[str, ...], suffix: str, make: Callable[[], bytes | str]) -> Path:
        target = self.path(kind, *inputs, suffix=suffix)
        if not target.exists():
            _store(str(target), make())
        return target


def _write(path: str, data: bytes | str) -> None:
    """Write a file, making its folder if need be."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    with open(fd, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def _store(target: str, data: bytes | str) -> None:
    """Write a cache file whole or not at all (a killed build leaves no half-written file behind)."""
    tmp = f"{target}.{os.getpid()}.tmp"
    _write(tmp, data)
    os.replace(tmp, target)


WEBP_MAX_WIDTH = 960


def webp(data: bytes) -> bytes:
    """A phone-sized WebP copy of a photo (photos were checked to be real images by the validator)."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        im = im.convert("RGB")
        if im.width > WEBP_MAX_WIDTH:
            im = im.resize((WEBP_MAX_WIDTH, round(im.height * WEBP_MAX_WIDTH / im.width)), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        im.save(out, format="WEBP", quality=72, method=4)
        return out.getvalue()


def photo_size(path: Path) -> tuple[int, int]:
    """Width and height of a photo, read from its header (so pages can reserve the space)."""
    st = path.stat()  # a photo replaced under the same name (ocop serve keeps running) is read again
    return _photo_size(path, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=4096)  # asked once per language
def _photo_size(path: Path, size: int, mtime_ns: int) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as im:
        return im.size


def _qr_jobs(site_url: str, pid: str, ec: str) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(output path, kind, inputs, suffix) of a product's QR codes: they depend on its id alone."""
    url = urls.absolute(site_url, urls.product(pid))
    return [(urls.product_qr_svg(pid), "qr-svg", (url, pid, ec), ".svg"),
            (urls.product_qr_png(pid), "qr-png", (url, pid, ec), ".png")]


def _product_jobs(entry: Entry, catalogue: Catalogue) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(output path, kind, inputs, suffix) for each generated file of a product."""
    site = catalogue.config.site
    d = entry.derived
    pid = entry.id
    ec = catalogue.config.qr.error_correction
    stars = d.shown.stars if d.shown else None
    jobs = [
        *_qr_jobs(site.url, pid, ec),
        (urls.product_badge(pid), "badge", (pid, str(stars), d.status), ".svg"),
        # No PNG badges and no sticker: the seller's browser draws them on demand (sellerkit.js).
    ]
    if site.share_image == "card":  # the card's words only when it is drawn (0.1 ms a product)
        district, commune, _ = place_names(catalogue, entry)
        status_line = (f"{star_glyphs(stars).rstrip('☆')} · {t('vi', 'status.' + d.status)}" if stars
                       else t("vi", "status." + d.status))
        place = ", ".join(x for x in (commune, district) if x)
        jobs.append((urls.product_preview(pid), "preview", (site.name, entry.record.name, status_line, d.status,
                                                            place, entry.record.producer.name, pid), ".png"))
    return jobs


def _site_jobs(catalogue: Catalogue) -> list[tuple[str, str, tuple[str, ...], str]]:
    """Files drawn once per site: the share card used when a product has no photo (share_image: photo)."""
    site = catalogue.config.site
    if site.share_image != "photo":
        return []
    host = site.url.split("://", 1)[-1].rstrip("/")
    return [(urls.site_card(), "preview", (site.name, site.name, "OCOP", "valid", host, "", ""), ".png")]


def _make(kind: str, inputs: tuple[str, ...]) -> bytes | str:
    if kind == "qr-svg":
        return qr.svg(inputs[0], inputs[1], inputs[2])
    if kind == "qr-png":
        return qr.png(inputs[0], inputs[1], inputs[2])
    if kind == "badge":
        return badge.svg(inputs[0], None if inputs[1] == "None" else int(inputs[1]), inputs[2])
    if kind == "preview":
        site_name, name, status_line, status, place, producer, pid = inputs
        return preview.png(site_name=site_name, name=name, status_line=status_line, status=status,
                           place=place, producer=producer, pid=pid)
    raise ValueError(kind)


# Kinds no build draws any more, deleted from the cache: the publish workflow saves the cache it
# restored, so the 20,000 stickers (12 KB each) of a national site would otherwise travel with it
# for ever. The seller's browser draws the PNG badges and the sticker now (sellerkit.js).
RETIRED = ("sticker", "badge-png")

# Kinds drawn again on every build that writes a site: drawing a badge (20 µs) costs less than
# linking a cached one into the site, and a cold build is spared 20,000 links into the cache.
UNCACHED = frozenset({"badge"})


def _fill(cache_root: str, jobs: list[tuple[str, str, tuple[str, ...], str]], target: str | None) -> int:
    cache = Cache(Path(cache_root))
    for path, kind, inputs, suffix in jobs:
        data = _make(kind, inputs)
        if target is not None and kind in UNCACHED:
            _write(f"{target}/{path}", data)
            continue
        cached = f"{cache_root}/{cache.name(kind, *inputs, suffix=suffix)}"
        if target is None:
            _store(cached, data)
        else:
            _place(f"{target}/{path}", cached, data)
    return len(jobs)


def _place(path: str, cached: str, data: bytes | str) -> None:
    """Write a drawn file straight into the site being made, then link it into the cache: one file
    written instead of a cache file, its rename and a link (at national scale, 100,000 fewer file
    operations), and the cache still never holds a half-written file."""
    _write(path, data)
    try:
        _link(path, cached, data)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        _link(path, cached, data)


def _link(path: str, cached: str, data: bytes | str) -> None:
    try:
        os.link(path, cached)
    except FileExistsError:
        pass  # drawn by another build meanwhile: the same bytes
    except FileNotFoundError:
        raise  # the cache's folder is not made yet
    except OSError:  # the cache is on another file system
        _store(cached, data)


class DrawAhead:
    """QR codes drawn into the cache before the build needs them, by a process of the lowest
    priority, from the record files' names (a record's file is named by its id; a name that is not
    a valid record's only costs a cache entry nobody links).

    A build leaves a core idle while it starts, reads the configuration and assembles what
    validation found (about 4 s at 20,000 products on two cores, bench/README.md): this process
    draws then, and gives way to the build's own processes the rest of the time (nice 19). The
    build stops it when its own asset phase starts (``stop``), which then draws only what is left.
    Where processes cannot be made nicer (Windows), nothing is drawn ahead."""

    def __init__(self, config_path: Path, cache: Cache) -> None:
        self.config_path = config_path
        self.cache = cache
        self.process: Any = None
        self.done: Any = None

    def __enter__(self) -> "DrawAhead":
        if not hasattr(os, "nice"):
            return self
        from ..validate import load_config

        config, _ = load_config(self.config_path)
        if config is None:  # validation says why
            return self
        context = processes.context()
        self.done = context.Event()
        self.process = context.Process(
            target=_draw_ahead, args=(str(self.config_path.parent), config.site.url, config.qr.error_correction,
                                      str(self.cache.root), self.done), daemon=True, name="ocop-draw-ahead")
        self.process.start()
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.done.set()
            self.process.join()
            self.process = None

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _draw_ahead(root: str, site_url: str, ec: str, cache_root: str, done: Any) -> None:
    processes.die_with_parent()
    os.nice(19)
    from ..validate import present_ids

    cache = Cache(Path(cache_root))
    for pid in sorted(present_ids(Path(root))):
        for _, kind, inputs, suffix in _qr_jobs(site_url, pid, ec):
            if done.is_set():
                return
            cache.get(kind, inputs, suffix, lambda: _make(kind, inputs))


def files(catalogue: Catalogue, cache: Cache, workers: int = 0, only: set[str] | None = None,
          target: Path | None = None) -> dict[str, Path]:
    """Every per-product generated file (with ``only``: of those products), and the site's own,
    as output path -> cached file. With ``target`` (the site being made), what is drawn is written
    there and left out of the answer: the answer is what is left to link from the cache."""
    for kind in RETIRED:
        shutil.rmtree(cache.root / kind, ignore_errors=True)
    entries = [e for e in catalogue.entries if only is None or e.id in only]
    planned: list[tuple[str, str, tuple[str, ...], str]] = _site_jobs(catalogue)
    for entry in entries:
        planned.extend(_product_jobs(entry, catalogue))
    names = [cache.name(kind, *inputs, suffix=suffix) for _, kind, inputs, suffix in planned]
    into = None if target is None else str(target)
    missing = [job for job, name in zip(planned, names)
               if (into is not None and job[1] in UNCACHED) or not os.path.exists(f"{cache.root}/{name}")]
    workers = workers or min(os.cpu_count() or 1, 4)
    if len(missing) > 200 and workers > 1:
        # Sixteen chunks per worker, so that a worker slowed down by another program ends up doing
        # less, and the last chunk leaves the other worker idle for about a second at most; of
        # whole products (the SVG and PNG of a QR code share one matrix).
        per_product = len(planned) // max(1, len(entries))
        size = -(-len(missing) // (workers * 16 * per_product)) * per_product
        chunks = [missing[i:i + size] for i in range(0, len(missing), size)]
        with ProcessPoolExecutor(workers, mp_context=processes.context(), initializer=processes.die_with_parent) as pool:
            list(pool.map(_fill, [str(cache.root)] * len(chunks), chunks, [into] * len(chunks)))
    else:
        _fill(str(cache.root), missing, into)
    drawn = set() if target is None else {path for path, *_ in missing}
    out = {path: cache.root / name for (path, *_), name in zip(planned, names) if path not in drawn}
    for entry in entries:
        folder = catalogue.root / entry.source
        for image in entry.record.images:
            source = folder.parent / entry.id / image.file
            out[f"p/{entry.id}/img/{image.file}"] = source  # on disk: unquoted
            data = source.read_bytes()
            out[urls.product_image_webp(entry.id, image.file)] = cache.get(
                "webp", (hashlib.sha256(data).hexdigest(),), ".webp", lambda data=data: webp(data))
    return out
