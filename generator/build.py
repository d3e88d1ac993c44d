"""`ocop build`: load and validate everything, generate every output, then put the site in place.

The story: validate (nothing is written if any record is invalid) → check that no published id
disappeared → each product's key (what its files are made from) → two processes, one per
language, make the pages and MkDocs renders them into a staging folder beside the target, two
more make the plan figures and render the descriptions (once for both languages), while this one
makes the search index, open data, QR codes, badges and previews →
our files are added → publish.py puts the staging folder in place: swapped in whole, or, when
only a few records changed, just the changed files moved in. A failure at any step leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, Union

from jinja2 import Environment

from . import markdown, mkdocs_adapter, plan, publish
from .diagnostics import Diagnostic
from .site import api, assets, labels, pages, planpage, search, urls
from .site.strings import LANGUAGES, t
from .checkcache import Memo, files_digest, source_digest
from .validate import Catalogue, Entry, Result, validate

CODE_ROOT = Path(__file__).resolve().parents[1]


class BuildFailed(Exception):
    def __init__(self, message: str, problems: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class BuildReport:
    out: Path
    products: int
    files: int
    seconds: dict[str, float] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)


def project_dir(root: Path, name: str) -> Path:
    """A project's own theme/ or catalogue/, else the ones shipped with the generator."""
    own = root / name
    return own if own.is_dir() else CODE_ROOT / name


T = TypeVar("T")
Later = Union[T, Callable[[], T]]  # a value, or what to call (once) for it when it is needed

NAV_URIS = {"index.md", "search/index.md", "plan/index.md", "guide/index.md", "districts/index.md",
            "groups/index.md", "stars/index.md", "status/index.md"}


def render_language(catalogue: Catalogue, theme_dir: Path, catalogue_dir: Path, lang: str, site_dir: Path, *,
                    report: "Later[plan.PlanReport | None]", contributing: Path, search_index: "Later[str]",
                    strict: bool, today: date,
                    scratch: Path, name: str, keys: dict[str, str] | None = None, previous: Path | None = None,
                    previous_keys: dict[str, str] | None = None, skip_unchanged: bool = False,
                    descriptions: Callable[[], dict[str, str]] | None = None) -> dict[str, str]:
    """Pages of one language, rendered by MkDocs into ``site_dir``; returns the stamped pages' keys.
    ``descriptions`` gives the records' descriptions rendered by another process (markdown.expect)."""
    if descriptions is not None:
        markdown.expect(descriptions)
    memo = catalogue.root / ".cache" / "ocop" / f"cards-{lang}" if keys else None
    page_list = language_pages(catalogue, theme_dir, lang, report, contributing, search_index, keys, memo)
    docs_dir = catalogue_dir / lang if lang != "vi" else catalogue_dir
    if not docs_dir.is_dir():  # no hand-written pages in this language: MkDocs still needs a folder
        docs_dir = Path(tempfile.mkdtemp(dir=scratch, prefix=f".{name}.docs-{os.getpid()}-"))
    extra = [(t(lang, "plan_nav"), "plan/index.md")] if catalogue.config.plan is not None else []
    if any(p.path.endswith("guide/") for p in page_list):
        extra.append((t(lang, "guide"), "guide/index.md"))
    settings = mkdocs_adapter.config(
        site=catalogue.config.site, docs_dir=docs_dir, site_dir=site_dir, theme_dir=theme_dir,
        nav_items=mkdocs_adapter.nav(docs_dir, extra, lang), lang=lang,
        sample_data=catalogue.config.site.sample_data, strict=strict)
    return mkdocs_adapter.render(page_list, settings, NAV_URIS, today, previous=previous, previous_keys=previous_keys,
                                 skip_unchanged=skip_unchanged)


def _fork(job: Callable[[str, Path], Any], lang: str, site_dir: Path) -> tuple[Any, Any]:
    """Run ``job(lang, site_dir)`` in a forked child; the pipe carries (error message or None, result)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    parent = os.getpid()

    def run() -> None:
        _die_with_parent(parent)
        try:
            send.send((None, job(lang, site_dir)))
        except BaseException as e:  # noqa: BLE001 - reported to the parent, which raises it
            send.send((f"{type(e).__name__}: {e}", None))

    process = context.Process(target=run, daemon=True)
    process.start()
    return process, receive


HELPERS = {"plan": "the plan figures", "descriptions": "the descriptions"}  # processes that make what pages show


class _Failed(str):
    """Sent to the page processes instead of what a helper process could not make."""


def _share(make: Callable[[], Any], receivers: list[Any], name: str, site_dir: Path) -> bool:
    """The job of the helper process ``name`` (see HELPERS): make a value the page processes need,
    and send it to each of them."""
    try:
        value = make()
    except BaseException as e:
        for send in receivers:
            send.send(_Failed(f"{HELPERS[name]} could not be made ({type(e).__name__}: {e})"))
        raise
    for send in receivers:
        send.send(value)
    return True


def _receive(pipe: Any) -> Any:
    value = pipe.recv()
    if isinstance(value, _Failed):
        raise mkdocs_adapter.RenderError(value)
    return value


def _die_with_parent(parent: int) -> None:
    """A killed build must not leave a child writing into the output's folder (Linux: PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def language_pages(catalogue: Catalogue, theme_dir: Path, lang: str, report: "Later[plan.PlanReport | None]",
                   contributing: Path, search_index: "Later[str]" = "search/",
                   keys: dict[str, str] | None = None, memo: Path | None = None) -> list[pages.Page]:
    """Every Material-wrapped page of one language: listings, products, plan, guide. With
    ``memo`` (a folder), product cards are remembered there by the products' ``keys``. The plan
    report and the search index's folder may come later (see ``Later``): they are asked for only
    when the pages that show them are made, after the listings."""
    cards = Memo(memo) if memo is not None and keys else None
    env = pages.environment(theme_dir, lang, remember=(
        lambda pid, make: cards.through(pid, keys.get(pid, ""), make)) if cards is not None and keys else None)
    plan_report = functools.cache(report if callable(report) else lambda: report)
    # once: every district shows a part of it
    data = functools.cache(lambda: planpage.view(plan_report(), catalogue, lang) if plan_report() else None)

    def snippet(did: str, lang: str) -> str:
        found = plan_report()
        return planpage.district_snippet(found, catalogue, env, did, lang, data()) if found else ""
    page_list = pages.all_pages(catalogue, theme_dir, snippet, lang, search_index, keys, env)
    guide = pages.guide_page(contributing, lang)
    if guide is not None:
        page_list.append(guide)
    if plan_report() is not None:
        summaries = {p.meta["id"]: p.meta["summary"] for p in page_list if "summary" in p.meta}
        page_list += planpage.pages(plan_report(), catalogue, env, summaries, lang, data())
    if cards is not None and keys:
        cards.keep_only(set(keys))
        cards.save()
    return page_list


def published_ids(site_dir: Path) -> set[str]:
    return read_published(site_dir / urls.manifest())


def read_published(path: Path) -> set[str]:
    """Ids from a site manifest (api/manifest.json) or a plain list, one id per line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return set()
    try:
        return set(json.loads(text)["ids"])
    except (ValueError, KeyError, TypeError):
        return {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def disappeared(present: set[str], previous: set[str]) -> list[Diagnostic]:
    """A published product page must never become a 404: a removed record is an error."""
    missing = sorted(previous - present)
    return [Diagnostic("products", 1, 1, "E407", "id",
                       f"{pid} was published (its QR code may be printed on packaging) but its record is gone.",
                       f"Restore products/<district>/{pid}.yml and add `withdrawn: {{date, reason}}` instead of deleting it.")
            for pid in missing]


def _timer(seconds: dict[str, float]) -> Callable[[str], None]:
    last = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        seconds[name] = round(now - last[0], 3)
        last[0] = now
    return lap


def build(config_path: Path, out: Path, today: date, *, strict: bool = False, previous: Path | None = None,
          result: Result | None = None) -> BuildReport:
    seconds: dict[str, float] = {}
    lap = _timer(seconds)
    result = result or validate(config_path, today, cache=config_path.parent / ".cache" / "ocop" / "checked", wait=False)
    lap("validate")
    try:
        return _build(config_path, out, today, result, seconds, lap, strict=strict, previous=previous)
    finally:
        if result.cache_writer is not None:  # the check cache, written while this build worked
            result.cache_writer.join()


def _build(config_path: Path, out: Path, today: date, result: Result, seconds: dict[str, float],
           lap: Callable[[str], None], *, strict: bool, previous: Path | None) -> BuildReport:
    if result.failed(strict=strict) or result.catalogue is None:
        raise BuildFailed("The records have errors; nothing was written.", result.problems)
    catalogue = result.catalogue
    root = config_path.parent
    lost = disappeared({e.id for e in catalogue.entries}, published_ids(previous or out))
    if lost:
        raise BuildFailed("A published product would disappear; nothing was written.", lost)

    theme_dir = project_dir(root, "theme")
    catalogue_dir = project_dir(root, "catalogue")
    plan_config = catalogue.config.plan
    contributing = root / "CONTRIBUTING.md" if (root / "CONTRIBUTING.md").is_file() else CODE_ROOT / "CONTRIBUTING.md"
    keys = page_keys(catalogue, theme_dir, config_path, result.sources)
    # Search documents and open data, remembered per product by its key: made again only for
    # the records that changed (at 20,000 products, seconds saved on every rebuild).
    memo = {name: Memo(root / ".cache" / "ocop" / name) for name in ("search", "api")}

    def remembered(name: str, make: Callable[[Entry, Catalogue], Any]) -> Callable[[Entry], Any]:
        return lambda e: memo[name].through(e.id, keys[e.id], lambda: make(e, catalogue))
    out = out.resolve()
    for legacy in LEGACY_CACHE:  # written by earlier versions, never read now
        (root / ".cache" / "ocop" / legacy).unlink(missing_ok=True)
    before = publish.State.load(root, out)
    # The everyday rebuild changes a few records: only their files and the site-wide ones are
    # made and moved into the site. Otherwise a whole new site is made and swapped in.
    changed = {pid for pid, key in keys.items() if before is None or before.products.get(pid) != key}
    in_place = before is not None and len(changed) <= max(IN_PLACE_UP_TO, len(keys) // 4)
    only = changed if in_place else None

    out.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-{os.getpid()}-", dir=out.parent))
    processes: dict[str, tuple[Any, Any]] = {}
    try:
        # One page set and MkDocs build per language (each with its own Material language and
        # navigation), each in a forked process started now: they inherit the validated catalogue
        # without copying it, and work while this one writes the open data and draws the images.
        # A third process makes the plan figures (it alone loads pandas), a fourth renders the
        # descriptions' Markdown (a third of a product page's time, the same in both languages).
        # These and the search index's folder reach the page processes through pipes, when they
        # come to the pages that show them (after their listings).
        # Every product folder the Vietnamese pages, the asset workers and this process will all
        # write into, made now by one process: made by all three at once, they fight for the lock
        # of the one folder that holds them.
        for e in catalogue.entries:
            if only is None or e.id in only:
                os.makedirs(staging / urls.product(e.id), exist_ok=True)
        english = [lang for lang in LANGUAGES if lang != "vi"]
        dirs = {lang: Path(tempfile.mkdtemp(dir=staging.parent, prefix=f".{out.name}.{lang}-{os.getpid()}-"))
                for lang in english}
        fork = multiprocessing.get_context("fork")
        report_pipes = {lang: fork.Pipe(duplex=False) for lang in LANGUAGES}
        description_pipes = {lang: fork.Pipe(duplex=False) for lang in LANGUAGES}
        folder_pipes = {lang: fork.Pipe(duplex=False) for lang in LANGUAGES}
        job = functools.partial(render_language, catalogue, theme_dir, catalogue_dir, contributing=contributing,
                                strict=strict, today=today, scratch=staging.parent,
                                name=out.name, keys=keys, skip_unchanged=in_place)
        targets = {"vi": staging, **dirs}
        for lang in LANGUAGES:
            processes[lang] = _fork(functools.partial(
                job, report=functools.partial(_receive, report_pipes[lang][0]), search_index=folder_pipes[lang][0].recv,
                descriptions=functools.partial(_receive, description_pipes[lang][0]),
                previous=_language_dir(out, lang), previous_keys=before.pages.get(lang) if before else None),
                lang, targets[lang])
        processes["plan"] = _fork(functools.partial(
            _share, lambda: plan.evaluate(plan_config, catalogue, today) if plan_config else None,
            [send for _, send in report_pipes.values()]), "plan", staging)
        processes["descriptions"] = _fork(functools.partial(
            _share, lambda: markdown.render_all(t for e in catalogue.entries if only is None or e.id in only
                                                for t in (e.record.description, e.record.description_en)),
            [send for _, send in description_pipes.values()]), "descriptions", staging)
        search_index, index_files = search.index_files(catalogue, remembered("search", search.document))
        for _, send in folder_pipes.values():
            send.send(search_index)
        lap("search")

        env: Environment = pages.environment(theme_dir)
        generated: dict[str, bytes] = dict(index_files)
        generated.update(api.files(catalogue, only, remembered("api", api.product_parts)))
        for kept in memo.values():
            kept.keep_only(set(keys))
            kept.save()
        generated.update(labels.label_sheets(catalogue, env))
        generated.update(labels.gtin_redirects(catalogue, env, only))
        lap("data")
        linked = assets.files(catalogue, assets.Cache(root / ".cache" / "ocop"), only=only, target=staging)
        lap("assets")
        made: dict[str, dict[str, str]] = {}
        for name in ("plan", "descriptions", *LANGUAGES):  # helpers first: the page processes wait for them
            process, pipe = processes[name]
            # Read before joining: a child blocks on a large result until it is read.
            while not pipe.poll(0.1) and process.is_alive():
                pass
            failure, answer = pipe.recv() if pipe.poll() else (None, None)
            process.join()
            if failure or answer is None:
                failure = failure or f"the {name} process stopped (exit code {process.exitcode})"
                raise mkdocs_adapter.RenderError(f"{HELPERS[name]} could not be made ({failure})" if name in HELPERS
                                                 else failure)
            if name in LANGUAGES:
                made[name] = answer
            if name in dirs:
                dirs[name].rename(staging / name)
        lap("render")
        build_file = json.dumps({lang: _digest(made[lang]) for lang in sorted(made)}).encode()
        generated[publish.BUILD_FILE] = build_file
        # Written at the end: written while the page processes write theirs, the files fight
        # over the file system's locks (a cold build at 20,000 took 4 s longer).
        count = write(staging, generated, linked)
        staged = publish.site_files(staging)
        owned, shared = publish.owners(staged, product_places(catalogue))
        lap("write")
        publish.State.forget(root)  # were the build stopped from here on: no reuse next time
        if in_place:
            assert before is not None
            owned, obsolete = before.after(changed, owned, shared)
            try:
                count = publish.commit(staging, out, obsolete, staged)
            except publish.CommitFailed as e:
                raise BuildFailed(f"The new files could not be moved into the site ({e}).") from None
        else:
            swap(staging, out, background=len(catalogue.entries) >= BACKGROUND_DELETE_FROM)
        publish.State(str(out), hashlib.sha256(build_file).hexdigest(), keys, made, owned, shared).save(root)
        lap("swap")
    except BaseException:
        for process, _ in processes.values():
            if process.is_alive():
                process.kill()
                process.join()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        for kind in ("docs", *LANGUAGES):
            for leftover in out.parent.glob(f".{out.name}.{kind}-{os.getpid()}-*"):
                shutil.rmtree(leftover, ignore_errors=True)
    return BuildReport(out, len(catalogue.entries), count, seconds, result.problems)


def page_keys(catalogue: Catalogue, theme_dir: Path, config_path: Path,
              sources: dict[str, str] | None = None) -> dict[str, str]:
    """What each product page is made from: its record and photos (checkcache.source_digest, as
    validation computed it when it could), and, for all of them, the generator's code, the theme,
    site_config.yml, the day and the libraries that shape the HTML. Equal keys (plus the stand-in
    page's HTML) mean an equal page."""
    from importlib.metadata import version

    context = hashlib.sha256(catalogue.today.isoformat().encode() + b"\0" + config_path.read_bytes() + b"\0")
    context.update(files_digest(CODE_ROOT / "generator", "**/*").encode() + files_digest(theme_dir, "**/*").encode())
    for package in ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "markdown-it-py", "babel", "pydantic"):
        context.update(f"{package}={version(package)}\0".encode())
    base = context.digest()
    sources = sources or {}
    return {e.id: hashlib.sha256(base + (sources.get(e.source) or source_digest(catalogue.root / e.source)).encode())
            .hexdigest() for e in catalogue.entries}


def product_places(catalogue: Catalogue) -> dict[str, str]:
    """Site folders and files that belong to one product (publish.owners): its folder in every
    language, its open data, its GS1 Digital Link page."""
    places = {}
    for e in catalogue.entries:
        for lang in LANGUAGES:
            places[urls.in_lang(lang, urls.product(e.id))] = e.id
        places[urls.product_json(e.id)] = e.id
        if e.record.gtin:
            places[urls.gtin_page(e.record.gtin)] = e.id
    return places


def _language_dir(out: Path, lang: str) -> Path | None:
    folder = out if lang == "vi" else out / lang
    return folder if folder.is_dir() else None


def _digest(keys: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(sorted(keys.items())).encode()).hexdigest()


def remove_abandoned(out: Path) -> None:
    """Delete staging folders left by builds that were killed (their process is gone)."""
    for leftover in out.parent.glob(f".{out.name}.*-*"):
        try:
            pid = int(leftover.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write(target: Path, generated: dict[str, bytes], linked: dict[str, Path]) -> int:
    """The only code that writes site files (MkDocs writes its pages into the same staging dir).

    One file at a time: making files in one folder from several threads at once makes each of
    them fight for the folder's lock (on this machine, 20,000 folders and files took 8 s of system
    time from four threads, 1 s from one)."""
    folders = sorted({os.path.dirname(os.path.join(target, rel)) for rel in (*generated, *linked)})
    for folder in folders:
        if not os.path.isdir(folder):  # most were made before the processes started (build)
            os.makedirs(folder, exist_ok=True)
    for rel, data in generated.items():
        with open(os.path.join(target, rel), "wb") as f:
            f.write(data)
    for rel, source in linked.items():
        path = os.path.join(target, rel)
        try:
            os.link(source, path)  # cached assets: a hard link costs no copy
        except OSError:
            shutil.copyfile(source, path)
    return len(generated) + len(linked)


LEGACY_CACHE = ("checked.pickle", "pages-vi.json", "pages-en.json")
IN_PLACE_UP_TO = 200  # changed products; or a quarter of them, whichever is more
BACKGROUND_DELETE_FROM = 2000  # products: deleting the old site then takes seconds (20 s at 20,000)


def swap(staging: Path, out: Path, *, background: bool = False) -> None:
    """Replace ``out`` with ``staging``: two renames on the same filesystem, the old one deleted last.

    With ``background``, the old site (already out of the way) is deleted by a detached ``rm``
    that outlives this process, instead of holding up the build; if it is ever interrupted, the
    next build removes the leftover (remove_abandoned)."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    staging.rename(out)
    if not old.exists():
        return
    rm = shutil.which("rm")
    if background and rm:
        subprocess.Popen([rm, "-rf", "--", str(old)], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        shutil.rmtree(old, ignore_errors=True)
