"""Load everything, check everything, and either hand back a validated catalogue or every problem.

This is the only module that opens `site_config.yml` and `products/**.yml`. The story:
config → each record (read with positions → schema → grading rules → files and references)
→ rules across records (unique ids) → derived data for each record as of ``today``.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from functools import cached_property, lru_cache
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from . import derive as deriving, grading, placing, processes
from .checkcache import CheckCache, PhotoDigests, source_digests
from .config import SiteConfig
from .derive import Derived, derive
from .diagnostics import Diagnostic, has_errors
from .messages import Said, listed, said
from .planschema import plan_checks
from .schema import Product
from .schemaerrors import partial, translate, yaml_trap_warnings
from .yamlload import Loaded, Loc, Pos, dotted, load_file

PRODUCTS_DIR = "products"
IMAGE_SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
MAX_IMAGE_BYTES = 5_000_000
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class Entry:
    """A validated record, where it came from, and what the build derives from it."""

    record: Product
    source: str  # path relative to the project root, e.g. products/mai-son/SL-MS-0012.yml
    derived: Derived
    id: str = field(init=False)  # the record's id: asked for in every loop over the catalogue

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", self.record.id)


@dataclass
class Catalogue:
    root: Path
    config: SiteConfig
    entries: list[Entry]
    today: date

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def places(self) -> dict[tuple[str, str | None], tuple[str, str, str]]:
        """(district id, commune id or None) -> (district name, commune name, now-part-of note)."""
        out: dict[tuple[str, str | None], tuple[str, str, str]] = {}
        for d in self.config.districts:
            out[(d.id, None)] = (d.name, "", d.now_part_of or "")
            for c in d.communes:
                out[(d.id, c.id)] = (d.name, c.name, d.now_part_of or "")
        return out


@dataclass
class Result:
    catalogue: Catalogue | None
    problems: list[Diagnostic] = field(default_factory=list)
    checked_files: int = 0
    # display path -> checkcache.source_digest, when validated with a cache (the build reuses them)
    sources: dict[str, str] = field(default_factory=dict)
    # the process still writing the check cache (validate(..., wait=False)): join it before exiting
    cache_writer: Any = None
    # files whose checks ran in this validation (the others' results came from the cache)
    rechecked: int = 0

    def failed(self, *, strict: bool = False) -> bool:
        return has_errors(self.problems, strict=strict)


def _display(path: Path, root: Path) -> str:
    """The path as stewards see it: relative to the project root (as GitHub annotations need)."""
    base = _resolved(root)
    text, prefix = str(path), str(base) + os.sep
    if text.startswith(prefix) and os.sep == "/":  # the common case, without pathlib's slow path
        return text[len(prefix):]
    if path.is_absolute() and path.is_relative_to(base):
        return path.relative_to(base).as_posix()
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    return root.resolve()


def validate_model(model: type[BaseModel], loaded: Loaded) -> tuple[BaseModel | None, list[Diagnostic]]:
    obj, problems, _ = _validate_model(model, loaded)
    return obj, problems


def _validate_model(model: type[BaseModel], loaded: Loaded) -> tuple[BaseModel | None, list[Diagnostic], set[Loc]]:
    """The model, or None and the problems; and where the schema failed (for ``partial``)."""
    failed: set[Loc] = set()
    try:
        obj = model.model_validate(loaded.data)
        errors: list[Diagnostic] = []
    except ValidationError as e:
        obj, errors = None, translate(e, model, loaded)
        failed = {tuple(err["loc"]) for err in e.errors(include_url=False)}
    erroneous = {tuple(_loc_of(d, loaded)) for d in errors}
    return obj, errors + yaml_trap_warnings(model, loaded, erroneous), failed


def _loc_of(d: Diagnostic, loaded: Loaded) -> Loc:
    for loc in loaded.values:
        if dotted(loc) == d.field:
            return loc
    return ()


def load_config(path: Path, today: date | None = None) -> tuple[SiteConfig | None, list[Diagnostic]]:
    root = path.parent
    if not path.is_file():
        return None, [Diagnostic(path.as_posix(), 1, 1, "E500", "", said("E500.no_config", path=str(path)),
                                 said("E500.no_config.hint"))]
    loaded = load_file(path, _display(path, root))
    if not loaded.ok:
        return None, loaded.problems
    config, problems = validate_model(SiteConfig, loaded)
    if config is None:
        return None, problems
    assert isinstance(config, SiteConfig)
    seen: dict[str, int] = {}
    for i, d in enumerate(config.districts):
        if d.id in seen:
            pos = loaded.pos(("districts", i, "id"))
            problems.append(Diagnostic(loaded.path, pos.line, pos.col, "E500", f"districts[{i}].id",
                                       said("E500.district_twice", id=d.id, other=seen[d.id]),
                                       said("E500.district_twice.hint")))
        seen[d.id] = i
        communes: set[str] = set()
        for j, c in enumerate(d.communes):
            if c.id in communes:
                pos = loaded.pos(("districts", i, "communes", j, "id"))
                problems.append(Diagnostic(loaded.path, pos.line, pos.col, "E500",
                                           f"districts[{i}].communes[{j}].id",
                                           said("E500.commune_twice", id=c.id, district=d.id),
                                           said("E500.commune_twice.hint")))
            communes.add(c.id)
    if config.plan is not None:
        problems.extend(_plan_references(config, loaded))
        for loc, code, message, hint in plan_checks(config.plan, today) if today is not None else []:
            pos = loaded.pos(loc, key=loc[-2:-1] == ("per_year",))
            problems.append(Diagnostic(loaded.path, pos.line, pos.col, code, dotted(loc), message, hint))
    problems.extend(placing.check_config(config, loaded))
    return config, problems


def _plan_references(config: SiteConfig, loaded: Loaded) -> list[Diagnostic]:
    """Districts named in the plan must be districts of the province."""
    assert config.plan is not None
    known = {d.id for d in config.districts}
    out = []

    def check(did: str, loc: Loc) -> None:
        if did not in known:
            pos = loaded.pos(loc, key=True)
            guess = difflib.get_close_matches(did, sorted(known), n=1)
            known_ = said("hint.known", known=", ".join(sorted(known)))
            out.append(Diagnostic(loaded.path, pos.line, pos.col, "E502", dotted(loc), said("E502.unknown", id=did),
                                  said("hint.did_you_mean", guess=guess[0]) + known_ if guess else known_))

    if config.plan.district:
        check(config.plan.district, ("plan", "district"))
    if config.plan.former_province and not placing.districts_of_former_province(config, config.plan.former_province):
        pos = loaded.pos(("plan", "former_province"))
        names = sorted({d.former_province or config.province.name for d in config.districts})
        guess = difflib.get_close_matches(config.plan.former_province, names, n=1)
        known_ = said("hint.known", known=", ".join(names))
        out.append(Diagnostic(loaded.path, pos.line, pos.col, "E502", "plan.former_province",
                              said("E502.former_province", name=config.plan.former_province),
                              said("hint.did_you_mean", guess=guess[0]) + known_ if guess else known_))
    for i, target in enumerate(config.plan.targets):
        for j, did in enumerate(target.filter.district):
            check(did, ("plan", "targets", i, "filter", "district", j))
        for did in target.per_district:
            check(did, ("plan", "targets", i, "per_district", did))
    return out


def record_files(root: Path) -> list[Path]:
    """Every .yml/.yaml record file under products/, sorted (symbolic links left out: never read)."""
    return [Path(p) for p, link in _record_paths(root) if not link]


def _record_paths(root: Path) -> list[tuple[str, bool]]:
    """(path, is a symbolic link) of every record file and of every symbolic link to a folder under
    products/, sorted: os.scandir, whose entries already know their type (fast at 20,000 files).
    Links are listed, never followed: a record or folder under products/ that is a link could
    bring in any file of the machine, or another product's record under a published id."""
    found: list[tuple[str, bool]] = []

    def walk(folder: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                record = entry.name.endswith((".yml", ".yaml"))
                if entry.is_symlink():
                    if record or entry.is_dir():
                        found.append((entry.path, True))
                elif entry.is_dir(follow_symlinks=False):
                    walk(entry.path)
                elif record and entry.is_file(follow_symlinks=False):
                    found.append((entry.path, False))
    base = root / PRODUCTS_DIR
    if base.is_symlink():
        return [(str(base), True)]
    if base.is_dir():
        walk(str(base))
    return sorted(found)


def present_ids(root: Path) -> set[str]:
    """Ids that have a record file (named by its id), whether or not the record is valid (a
    record replaced by a symbolic link still holds its id: the link is refused on its own)."""
    return {Path(p).stem for p, _ in _record_paths(root) if p.endswith((".yml", ".yaml"))}


def _linked(path: Path, root: Path) -> Path | None:
    """The first symbolic link on the way from the project folder to ``path`` (itself included)."""
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return None  # a file named on the command line outside the project: the user's own choice
    at = Path(os.path.abspath(root))
    for part in rel.parts:
        at = at / part
        if at.is_symlink():
            return at
    return None


def _link_problem(link: Path, root: Path) -> Diagnostic:
    """A symbolic link under products/: named where it is (never where it points), never read."""
    display = _display(link.parent.resolve() / link.name, root)
    if link.name.endswith((".yml", ".yaml")) and not link.is_dir():
        return Diagnostic(display, 1, 1, "E410", "", said("E410.record"), said("E410.record.hint"))
    return Diagnostic(display, 1, 1, "E410", "", said("E410.folder"), said("E410.folder.hint"))


def check_record(path: Path, root: Path, config: SiteConfig | None, today: date) -> tuple[Product | None, Loaded, list[Diagnostic]]:
    """Everything that can be said about one file on its own."""
    display = _display(path, root)
    loaded = load_file(path, display)
    if not loaded.ok:
        return None, loaded, loaded.problems
    obj, problems, failed = _validate_model(Product, loaded)

    def add(loc: Loc, code: str, message: Said, hint: Said | None = None, *, key: bool = False) -> None:
        pos = loaded.pos(loc, key=key)
        problems.append(Diagnostic(display, pos.line, pos.col, code, dotted(loc), message, hint))

    if obj is None:
        # Every problem in one run: the grading rules still judge the parts that passed the schema.
        part = partial(Product, loaded.data, failed)
        for loc, code, message, hint in grading.check_record(part, today) if part is not None else []:
            add(loc, code, message, hint)
        return None, loaded, problems
    assert isinstance(obj, Product)
    product = obj

    for loc, code, message, hint in grading.check_record(product, today):
        add(loc, code, message, hint)

    rel = Path(display)
    if path.stem != product.id or path.suffix != ".yml":
        add(("id",), "E400", said("E400.name", id=product.id, file=path.name), said("E400.name.hint", id=product.id))
    inside = rel.parts[:1] == (PRODUCTS_DIR,) and len(rel.parts) == 3
    # An unknown district gets E403 below alone: moving the file to an unknown folder would not help.
    known_district = config is None or product.district is None or config.district(product.district) is not None
    if product.district is None:
        # Since the reform (placing.folder): the first part of the id, a folder no unit change moves.
        home = placing.folder(product)
        if not inside or rel.parts[1] != home:
            add(("id",), "E401", said("E401.no_district", home=f"{PRODUCTS_DIR}/{home}/", path=display),
                said("hint.move", path=f"{PRODUCTS_DIR}/{home}/{product.id}.yml"))
    elif known_district and not inside:
        add(("district",), "E401", said("E401.outside", path=display),
            said("hint.move", path=f"{PRODUCTS_DIR}/{product.district}/{product.id}.yml"))
    elif known_district and rel.parts[1] != product.district:
        add(("district",), "E401", said("E401.folder", district=product.district, folder=rel.parts[1]),
            said("E401.folder.hint", folder=f"{PRODUCTS_DIR}/{product.district}/"))

    for loc, code, message, hint in placing.check_record(product, config):
        add(loc, code, message, hint)
    if config is not None and product.district is not None:
        district = config.district(product.district)
        if district is None:
            known = [d.id for d in config.districts]
            guess = difflib.get_close_matches(product.district, known, n=1)
            known_ = said("hint.known", known=", ".join(known))
            add(("district",), "E403", said("E403.unknown", district=product.district),
                said("hint.did_you_mean", guess=guess[0]) + known_ if guess else known_)
        elif product.commune is not None and product.commune not in {c.id for c in district.communes}:
            known = [c.id for c in district.communes]
            guess = difflib.get_close_matches(product.commune, known, n=1)
            elsewhere = [d.id for d in config.districts if any(c.id == product.commune for c in d.communes)]
            add(("commune",), "E404", said("E404.unknown", commune=product.commune, district=district.id),
                said("E404.elsewhere", districts=", ".join(elsewhere)) if elsewhere
                else said("hint.did_you_mean", guess=guess[0]) + said("E404.add") if guess else said("E404.add"))

    folder = path.parent / product.id
    if not (product.images and folder.is_symlink()):  # a linked folder: refused on its own (E410), never read
        for i, image in enumerate(product.images):
            problem = _image_problem(root, folder, image.file)
            if problem:
                add(("images", i, "file"), *problem)
    return product, loaded, problems


def _image_problem(root: Path, folder: Path, name: str) -> tuple[str, Said, Said] | None:
    rel = f"{PRODUCTS_DIR}/{folder.parent.name}/{folder.name}/"
    if "/" in name or "\\" in name or name in (".", "..") or name.startswith("."):
        return "E408", said("E408.not_plain", name=name), said("E408.not_plain.hint", folder=rel)
    path = folder / name
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return "E406", said("E406.kind", name=name), said("E406.kind.hint")
    if path.is_symlink():
        return "E408", said("E408.link", path=f"{rel}{name}"), said("E408.link.hint")
    if not path.is_file():
        return "E405", said("E405.missing", path=f"{rel}{name}"), said("E405.missing.hint", folder=rel)
    products = (root / PRODUCTS_DIR).resolve()
    if products not in path.resolve().parents:
        return "E408", said("E408.outside", path=f"{rel}{name}"), said("E408.outside.hint")
    size = path.stat().st_size
    if size == 0 or size > MAX_IMAGE_BYTES:
        return "E406", said("E406.size", path=f"{rel}{name}", size=f"{size:,}"), said("E406.size.hint")
    return _undecodable(path, f"{rel}{name}", IMAGE_SUFFIXES[suffix])


def _undecodable(path: Path, shown: str, expected: str) -> tuple[str, Said, Said] | None:
    """Decode the photo whole, as the build will: a file that is cut short or damaged after its
    header passes a look at the header and would only fail when the build makes its WebP copy."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)  # more pixels than allowed: refused
            with Image.open(path) as im:
                fmt, (width, height) = im.format, im.size
                if fmt != expected and not (fmt == "MPO" and expected == "JPEG"):  # MPO: a phone's JPEG with extra frames
                    return ("E406", said("E406.really", path=shown, format=fmt),
                            said("E406.really.hint", expected=expected))
                if width * height > MAX_IMAGE_PIXELS:
                    raise Image.DecompressionBombError(shown)
                if expected == "JPEG":
                    # At an eighth of the size the decoder still reads every byte of the compressed
                    # data (where damage shows), in a third of the time.
                    im.draft(None, (max(1, width // 8), max(1, height // 8)))
                im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "E406", said("E406.pixels", path=shown, most=f"{MAX_IMAGE_PIXELS:,}"), said("E406.pixels.hint")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return "E406", said("E406.unreadable", path=shown), said("E406.unreadable.hint")
    return None


def _wanted(display: str, only: set[str] | None) -> bool:
    return only is None or display in only


def validate(config_path: Path, today: date, paths: Sequence[Path] | None = None, *,
             cache: Path | None = None, wait: bool = True) -> Result:
    """Check the whole project; report problems for ``paths`` only (all files when None).

    Cross-record rules (unique ids) always look at every record, so a pull request that reuses
    an id is caught even when only the new file is named. With ``cache`` (a file path), the
    per-file results of unchanged records are reused (checkcache.py says what "unchanged" covers);
    with ``wait=False`` the cache is written by a process left running (``Result.cache_writer``).
    """
    root = config_path.parent
    config, problems = load_config(config_path, today)
    named = _expand(paths or [])
    base, cut = f"{_resolved(root)}{os.sep}", len(str(root / PRODUCTS_DIR)) - len(PRODUCTS_DIR)
    found = _record_paths(root)
    links = {link for link in [*(_linked(p, root) for p in named), *(Path(os.path.abspath(p)) for p, x in found if x)]
             if link is not None}
    # Links are reported whichever files were named: a record replaced by a link is a changed
    # file type, which a pull request's list of changed files may leave out.
    problems.extend(_link_problem(link, root) for link in sorted(links))
    named = [p for p in named if _linked(p, root) is None]
    files = sorted({Path(base + p[cut:]) for p, link in found if not link} | {p.resolve() for p in named}, key=str)
    only = None if not paths else {_display(p, root) for p in named}
    remembered = None
    sources: dict[str, str] = {}
    if cache is not None and config is not None:
        remembered = CheckCache(cache, config_path.read_bytes())
        photos = PhotoDigests(cache / "photos.pickle")
        sources = dict(zip((_display(path, root) for path in files), source_digests(files, photos)))
        photos.save()

    products: list[tuple[Product, str, Places, Derived | None]] = []
    checked_all, writer, rechecked = _check_all(files, root, config, today, remembered, sources, wait)
    for product, display, places, found, derived in checked_all:
        if _wanted(display, only):
            problems.extend(found)
        if product is not None:
            products.append((product, display, places, derived))

    by_id: dict[str, list[tuple[str, Pos]]] = defaultdict(list)
    for product, display, places, _ in products:
        by_id[product.id].append((display, places.id))
    for pid, places in by_id.items():
        if len(places) > 1 and (only is None or any(d in only for d, _ in places)):
            for display, pos in places:
                others = ", ".join(d for d, _ in places if d != display)
                problems.append(Diagnostic(display, pos.line, pos.col, "E402", "id",
                                           said("E402.twice", id=pid, others=others), said("E402.twice.hint")))

    problems.extend(_shared_gtins(products, only))

    checked = len(files) if only is None else len(only)
    if config is None or has_errors(problems):
        return Result(None, sorted(set(problems)), checked + 1, cache_writer=writer, rechecked=rechecked)
    entries = sorted((Entry(p, d, derived or derive(p, today)) for p, d, _, derived in products), key=lambda e: e.id)
    return Result(Catalogue(root, config, entries, today), sorted(set(problems)), checked + 1, sources, writer,
                  rechecked)


def _shared_gtins(products: list[tuple[Product, str, Places, Derived | None]], only: set[str] | None) -> list[Diagnostic]:
    """A GTIN belongs to one product: its permanent address /01/<GTIN-14>/ (what a phone opens from
    the barcode) would otherwise lead to whichever product the last build wrote. Compared as GTIN-14,
    the form of that address: 8936012345674 and 08936012345674 are one number."""
    by_gtin: dict[str, list[tuple[str, Pos, str]]] = defaultdict(list)
    for product, display, places, _ in products:
        if product.gtin:
            by_gtin[product.gtin.zfill(14)].append((display, places.gtin, product.gtin))
    out = []
    for users in by_gtin.values():
        if len(users) > 1 and (only is None or any(d in only for d, _, _ in users)):
            for display, pos, gtin in users:
                others = listed([d if g == gtin else said("E409.written", path=d, gtin=g)
                                 for d, _, g in users if d != display], None)
                out.append(Diagnostic(display, pos.line, pos.col, "E409", "gtin",
                                      said("E409.twice", gtin=gtin, others=others), said("E409.twice.hint")))
    return out


class Places(NamedTuple):
    """Where the fields that rules across records point at are written in a record."""

    id: Pos
    gtin: Pos


# (record, display path, where its id and GTIN are, problems, what derive() makes of it as of today)
Checked = tuple[Product | None, str, Places, list[Diagnostic], Derived | None]
PARALLEL_FROM = 2000  # below this, starting worker processes costs more than it saves
BACKGROUND_SAVE_FROM = 1000  # new results; fewer are saved at once (validate(..., wait=False))


def _check_chunk(files: list[Path], root: Path, config: SiteConfig | None, today: date) -> list[Checked]:
    out: list[Checked] = []
    for path in files:
        product, loaded, found = check_record(path, root, config, today)
        derived = derive(product, today) if product is not None and not has_errors(found) else None
        out.append((product, loaded.path, Places(loaded.pos(("id",)), loaded.pos(("gtin",))), found, derived))
    return out


def _check_chunk_packed(files: list[Path], root: Path, config: SiteConfig | None, today: date) -> list[bytes]:
    """``_check_chunk`` in a worker process: each result pickled here, once, for both this
    process's parent (which unpickles it) and the check cache (which keeps the bytes as they are:
    pickling 20,000 results again to save them took over a second)."""
    return [pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL) for checked in _check_chunk(files, root, config, today)]


def _check_all(files: list[Path], root: Path, config: SiteConfig | None, today: date,
               cache: CheckCache | None = None, sources: dict[str, str] | None = None,
               wait: bool = True) -> tuple[list[Checked], Any, int]:
    """Each file on its own, on every core for large catalogues (the per-file checks are independent);
    the process writing the cache, if it is left running (``wait=False``); how many files were checked
    (the others' results came from the cache, remembered on an earlier day if they hold today)."""
    if cache is None or sources is None:
        return [checked for checked, _ in _check_files(files, root, config, today)], None, len(files)
    keys = [cache.key(sources[display], display) for display in (_display(path, root) for path in files)]
    found = [_as_of(cache.get(key, today), today) for key in keys]
    missing = [i for i, f in enumerate(found) if f is None]
    for i, (checked, packed) in zip(missing, _check_files([files[i] for i in missing], root, config, today)):
        found[i] = checked
        cache.put(keys[i], checked, *same_days(checked, today), packed=packed)
    # In the background only when many results are new: forking a large process is not free.
    writer = cache.save(background=not wait and len(missing) >= BACKGROUND_SAVE_FROM)
    return found, writer, len(missing)  # type: ignore[return-value]


def same_days(checked: Checked, today: date) -> tuple[date, date | None]:
    """The days ``[first, end)`` around ``today`` on which checking this file again would give the
    same result (but for ``Derived.as_of``, the day itself: ``_as_of``). Only the grading rules and
    derive() read the day, each by comparing it with dates of the record: their ``day_edges`` are
    the days the answer may change on. A record that failed the schema (the rules then judge a part
    of it) or whose problems name the day itself (E305: "after today, {today}") holds for one day."""
    product, _, _, problems, _ = checked
    next_day = today + timedelta(days=1) if today < date.max else None
    if product is None or any(_names(p.said, today) or _names(p.advice, today) for p in problems):
        return today, next_day
    edges = grading.day_edges(product) | deriving.day_edges(product)
    return (max((d for d in edges if d <= today), default=date.min),
            min((d for d in edges if d > today), default=None))


def _names(value: Any, day: date) -> bool:
    """Whether a sentence (or one of its values, however deep) says ``day``."""
    if isinstance(value, Said):
        return any(_names(v, day) for _, v in value.values)
    if isinstance(value, (tuple, list)):
        return any(_names(v, day) for v in value)
    if isinstance(value, str):
        return day.isoformat() in value
    return isinstance(value, date) and value == day


def _as_of(checked: Checked | None, today: date) -> Checked | None:
    """A remembered result as of ``today`` (it holds today: only the derived data's day differs)."""
    if checked is None or checked[4] is None or checked[4].as_of == today:
        return checked
    return (*checked[:4], dataclasses.replace(checked[4], as_of=today))  # type: ignore[return-value]


def _check_files(files: list[Path], root: Path, config: SiteConfig | None,
                 today: date) -> list[tuple[Checked, bytes | None]]:
    """Each file's result, and the result pickled when a worker process made it (else None)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(files) < PARALLEL_FROM or workers < 2:
        return [(checked, None) for checked in _check_chunk(files, root, config, today)]
    size = max(100, len(files) // (workers * 16))  # small chunks: no worker left alone at the end
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    with ProcessPoolExecutor(workers, mp_context=processes.context(), initializer=processes.die_with_parent) as pool:
        results = pool.map(_check_chunk_packed, chunks, [root] * len(chunks), [config] * len(chunks),
                           [today] * len(chunks))
        return [(pickle.loads(packed), packed) for chunk in results for packed in chunk]


def _expand(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.suffix in (".yml", ".yaml")))
        else:
            out.append(p)
    return out


