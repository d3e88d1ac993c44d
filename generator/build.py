"""`ocop build`: load and validate everything, generate every output, then put the site in place.

The story: refuse an output folder that is not ours (publish.check_output) → take the folder's
lock and bring back a site a killed build set aside → validate (nothing is written if any record
is invalid) → check that no published id disappeared (permanence.py) → each product's key (what
its files are made from) → two processes, one per language, make the pages and MkDocs renders them
into a staging folder beside the target (pages whose key did not change are linked from the
previous site), a third makes the plan figures, while this one makes the search index, open data,
QR codes, badges and previews → our files are added → publish.py puts the whole staging folder in place in one exchange. A failure or
a kill at any step leaves the previous site exactly as it was.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import multiprocessing.connection
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, Union

from jinja2 import Environment

from . import mkdocs_adapter, permanence, plan, processes, publish
from .diagnostics import Diagnostic
from .messages import Said, said
from .site import api, asof, assets, contact, labels, pages, planpage, search, urls
from .site.strings import LANGUAGES, t
from .checkcache import Memo, files_digest, source_digest
from .validate import Catalogue, Entry, Result, validate

CODE_ROOT = Path(__file__).resolve().parents[1]


class BuildFailed(Exception):
    """Nothing changed, and why: ``said``, a sentence of the message table (``str(e)``: its English)."""

    def __init__(self, message: Said, problems: list[Diagnostic] | None = None) -> None:
        super().__init__(str(message))
        self.said = message
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
                    previous_keys: dict[str, str] | None = None) -> dict[str, str]:
    """Pages of one language, rendered by MkDocs into ``site_dir``; returns the stamped pages' keys.
    With ``keys``, product cards and stamped pages are remembered by them in ``.cache/ocop/``
    (pages whole in ``kept-<lang>/``: on a later day, they only get that day's "as of" date)."""
    cache = catalogue.root / ".cache" / "ocop"
    page_list = language_pages(catalogue, theme_dir, lang, report, contributing, search_index, keys,
                               cache / f"cards-{lang}" if keys else None, cache / f"templates-{lang}" / "pages")
    docs_dir = catalogue_dir / lang if lang != "vi" else catalogue_dir
    if not docs_dir.is_dir():  # no hand-written pages in this language: MkDocs still needs a folder
        docs_dir = Path(tempfile.mkdtemp(dir=scratch, prefix=f".{name}.docs-{os.getpid()}-"))
    extra = [(t(lang, "plan_nav"), "plan/index.md")] if catalogue.config.plan is not None else []
    if any(p.path.endswith("guide/") for p in page_list):
        extra.append((t(lang, "guide"), "guide/index.md"))
    settings = mkdocs_adapter.config(
        site=catalogue.config.site, docs_dir=docs_dir, site_dir=site_dir, theme_dir=theme_dir,
        nav_items=mkdocs_adapter.nav(docs_dir, extra, lang), lang=lang,
        sample_data=catalogue.config.site.sample_data, strict=strict,
        blocks=contact.handwritten_blocks(catalogue.config, lang))
    kept = mkdocs_adapter.KeptPages(cache / f"kept-{lang}") if keys else None
    made = mkdocs_adapter.render(page_list, settings, NAV_URIS, today, previous=previous, previous_keys=previous_keys,
                                 kept=kept, template_cache=cache / f"templates-{lang}" / "mkdocs")
    if kept is not None:
        kept.forget_others()
    return made


def _child(job: Any, send: Any, pipes: dict[str, Any]) -> None:
    """A build's child process (module level, so that it can be started with spawn): runs ``job``
    with the ``pipes`` it talks through, and sends back (error message or None, result). ``job``
    is the job itself (forked) or the pipe it arrives through (spawned)."""
    processes.die_with_parent()
    try:
        if not callable(job):
            job = job.recv()
        send.send((None, job(**pipes)))
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which raises it
        send.send((f"{type(e).__name__}: {e}", None))


def _start(context: Any, job: Callable[..., Any], name: str, **pipes: Any) -> tuple[Any, Any]:
    """Start ``job(**pipes)`` in a child process. A spawned child gets the job (the catalogue, megabytes
    when pickled) through a pipe once it runs, not with its start: the start's own pipe stays open in
    this process until everything is written, so a child that died while starting (a broken install,
    no memory) would leave the build waiting for ever; this pipe breaks instead, and the failure is
    reported as the child's."""
    receive, send = context.Pipe(duplex=False)
    forked = context.get_start_method() == "fork"
    jobs, job_sender = (None, None) if forked else context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(job if forked else jobs, send, pipes), daemon=True,
                              name=f"ocop-{name}")
    process.start()
    send.close()  # the child holds its own end: a child that dies then reads as end of file here
    if not forked:
        jobs.close()
        try:
            job_sender.send(job)
        except OSError:  # the child is gone: its result pipe tells the build so
            pass
        finally:
            job_sender.close()
    return process, receive


HELPERS = {"plan": "the plan figures"}  # processes that make what pages show


class _Failed(str):
    """Sent to the page processes instead of what a helper process could not make."""


def _share(make: Callable[[], Any], receivers: list[Any], name: str) -> bool:
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


def _plan_figures(plan_config: Any, catalogue: Catalogue, today: date) -> Any:
    return plan.evaluate(plan_config, catalogue, today) if plan_config else None


def language_pages(catalogue: Catalogue, theme_dir: Path, lang: str, report: "Later[plan.PlanReport | None]",
                   contributing: Path, search_index: "Later[str]" = "search/",
                   keys: dict[str, str] | None = None, memo: Path | None = None,
                   templates: Path | None = None) -> list[pages.Page]:
    """Every Material-wrapped page of one language: listings, products, plan, guide. With
    ``memo`` (a folder), product cards are remembered there by the products' ``keys``. The plan
    report and the search index's folder may come later (see ``Later``): they are asked for only
    when the pages that show them are made, after the listings. ``templates``: a folder that
    keeps them compiled."""
    cards = Memo(memo) if memo is not None and keys else None
    env = pages.environment(theme_dir, lang, remember=(
        lambda pid, make: cards.through(pid, keys.get(pid, ""), make)) if cards is not None and keys else None,
        bytecode_cache=mkdocs_adapter.template_cache(templates) if templates is not None else None)
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


def _timer(seconds: dict[str, float]) -> Callable[[str], None]:
    last = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        seconds[name] = round(now - last[0], 3)
        last[0] = now
    return lap


def build(config_path: Path, out: Path, today: date, *, strict: bool = False, published: "Path | str | None" = None,
          result: Result | None = None, plan_as_of: date | None = None,
          discard: "Callable[[Path | None], None] | None" = None) -> BuildReport:
    """Validate, make the whole site in a staging folder, put it in place. ``published``: the
    live site's manifest (or a list of ids); without it, ids built before into ``out`` are only
    warned about (an https:// address is fetched). ``plan_as_of``: the plan pages as of that past
    day (plan.py leaves out what was decided later). ``discard``: what to do with the previous
    site's folder once the new one is in place (publish.discard by default; `ocop serve` moves it
    out of the next build's way). Raises BuildFailed (nothing changed) with the reason."""
    if plan_as_of is not None and plan_as_of > today:
        raise BuildFailed(said("build.plan_future", day=plan_as_of, today=today))
    seconds: dict[str, float] = {}
    lap = _timer(seconds)
    root = config_path.parent
    try:  # before any work: an output that is not ours to replace is refused
        publish.check_output(out, root)
        before = permanence.read(published) if published is not None else None
    except publish.UnsafeOutput as e:
        raise BuildFailed(said("build.refused", reason=e.said)) from None
    except permanence.ManifestError as e:
        raise BuildFailed(said("build.manifest", published=published, reason=e.said)) from None
    out = Path(os.path.abspath(out))
    try:
        with publish.lock(out), assets.DrawAhead(config_path, assets.Cache(root / ".cache" / "ocop")) as ahead:
            publish.recover(out)
            result = result or validate(config_path, today, cache=root / ".cache" / "ocop" / "checked", wait=False)
            lap("validate")
            try:
                return _build(config_path, out, today, result, seconds, lap, strict=strict, published=before,
                              plan_day=plan_as_of or today, discard=discard, ahead=ahead)
            finally:
                if result.cache_writer is not None:  # the check cache, written while this build worked
                    result.cache_writer.join()
    except publish.Busy as e:
        raise BuildFailed(e.said) from None
    except OSError as e:  # a full disk, a folder made read-only meanwhile: said plainly, site unchanged
        where = f": {e.filename}" if e.filename else ""
        raise BuildFailed(said("build.write_failed", reason=str(e.strerror or e), where=where)) from None


def _build(config_path: Path, out: Path, today: date, result: Result, seconds: dict[str, float],
           lap: Callable[[str], None], *, strict: bool, published: "permanence.Published | None",
           plan_day: date | None = None, discard: "Callable[[Path | None], None] | None" = None,
           ahead: "assets.DrawAhead | None" = None) -> BuildReport:
    catalogue = result.catalogue
    root = config_path.parent
    built_before = permanence.read_local(out)
    if catalogue is not None:
        present = {e.id for e in catalogue.entries}
        if published is not None:
            result.problems.extend(permanence.lost(present, published))
        local_only = permanence.Published(built_before.ids - (published.ids if published is not None else set()))
        result.problems.extend(permanence.lost(present, local_only, preview=True))
    if result.failed(strict=strict) or catalogue is None:
        lost = [p for p in result.problems if p.code == "E407"]
        raise BuildFailed(said("build.lost") if lost and
                          not [p for p in result.problems if p.severity == "error" and p.code != "E407"]
                          else said("build.errors"), result.problems)
    # Former GTINs and places are kept from both: the live site's list, and this folder's.
    before = permanence.merged(built_before, published) if published is not None else built_before

    theme_dir = project_dir(root, "theme")
    catalogue_dir = project_dir(root, "catalogue")
    plan_config = catalogue.config.plan
    contributing = root / "CONTRIBUTING.md" if (root / "CONTRIBUTING.md").is_file() else CODE_ROOT / "CONTRIBUTING.md"
    # What each product's files are made from: its record, and what the day makes of it (status,
    # stars), not the day itself. Pages, cards, search documents and open data are remembered by
    # it, so a rebuild makes them only for the records that changed, and the publish path (a new
    # day, the cache restored) also for those whose status the day changed; the rest only get the
    # new day's "as of" date (site/asof.py).
    keys = state_keys(catalogue, page_keys(catalogue, theme_dir, config_path, result.sources))
    memo = {name: Memo(root / ".cache" / "ocop" / name) for name in ("search", "api")}

    def remembered(name: str, make: Callable[[Entry, Catalogue], Any]) -> Callable[[Entry], Any]:
        return lambda e: memo[name].through(e.id, keys[e.id], lambda: make(e, catalogue))

    def open_data(e: Entry) -> tuple[str, list[Any]]:
        day, (text, row) = memo["api"].through(e.id, keys[e.id], lambda: (today, api.product_parts(e, catalogue)))
        return (text if day == today else asof.product_json(text, today)), row
    for legacy in LEGACY_CACHE:  # written by earlier versions, never read now
        (root / ".cache" / "ocop" / legacy).unlink(missing_ok=True)
    for legacy in LEGACY_CACHE_FOLDERS:
        shutil.rmtree(root / ".cache" / "ocop" / legacy, ignore_errors=True)
    # Unchanged pages are linked from the site the last build made, if it made it today (its
    # pages say "as of" that day); from another day, they come from the memo, re-dated.
    previous = publish.State.load(root, out)
    if previous is not None and previous.day != today.isoformat():
        previous = None

    staging = _folder(out.parent, f".{out.name}.new-{os.getpid()}-")
    children: dict[str, tuple[Any, Any]] = {}
    try:
        # One page set and MkDocs build per language (each with its own Material language and
        # navigation), each in a process started now, working while this one writes the open data
        # and draws the images. A third process makes the plan figures (it alone loads pandas).
        # They and the search index's folder reach the page processes through pipes, when they
        # come to the pages that show them (after their listings). Descriptions are rendered by
        # each page process (cmark-gfm: 0.3 s for 16,000 at 20,000 products, bench/README.md).
        # Every product folder the Vietnamese pages, the asset workers and this process will all
        # write into, made now by one process: made by all three at once, they fight for the lock
        # of the one folder that holds them.
        for e in catalogue.entries:
            os.makedirs(staging / urls.product(e.id), exist_ok=True)
        english = [lang for lang in LANGUAGES if lang != "vi"]
        dirs = {lang: _folder(staging.parent, f".{out.name}.{lang}-{os.getpid()}-") for lang in english}
        context = processes.context()
        report_pipes = {lang: context.Pipe(duplex=False) for lang in LANGUAGES}
        folder_pipes = {lang: context.Pipe(duplex=False) for lang in LANGUAGES}
        targets = {"vi": staging, **dirs}
        for lang in LANGUAGES:
            children[lang] = _start(context, functools.partial(
                render_language, catalogue, theme_dir, catalogue_dir, lang, targets[lang],
                contributing=contributing, strict=strict, today=today, scratch=staging.parent, name=out.name,
                keys=keys, previous=_language_dir(out, lang) if previous else None,
                previous_keys=previous.pages.get(lang) if previous else None), lang,
                report=functools.partial(_receive, report_pipes[lang][0]),
                search_index=functools.partial(_receive, folder_pipes[lang][0]))
        children["plan"] = _start(context, functools.partial(
            _share, functools.partial(_plan_figures, plan_config, catalogue, plan_day or today), name="plan"), "plan",
            receivers=[send for _, send in report_pipes.values()])
        for pipes in (report_pipes, folder_pipes):  # the children hold their ends now
            for receive, _ in pipes.values():
                receive.close()
        search_index, index_files = search.index_files(catalogue, remembered("search", search.document))
        for _, send in folder_pipes.values():
            send.send(search_index)
        lap("search")

        env: Environment = pages.environment(theme_dir)
        generated: dict[str, bytes] = dict(index_files)
        generated.update(permanence.former_pages(catalogue, before, env))  # the current ones win
        generated.update(api.files(catalogue, None, open_data))
        generated[urls.manifest()] = permanence.manifest(catalogue, before)
        for kept in memo.values():
            kept.keep_only(set(keys))
            kept.save()
        generated.update(labels.label_sheets(catalogue, env))
        generated.update(labels.gtin_redirects(catalogue, env))
        lap("data")
        if ahead is not None:
            ahead.stop()
        linked = assets.files(catalogue, assets.Cache(root / ".cache" / "ocop"), target=staging)
        lap("assets")
        # Ours, while the page processes finish theirs (this process would otherwise wait idle), but
        # those of the other languages' folders, which become part of the staging folder when their
        # pages are done (below).
        later = {rel: data for rel, data in generated.items() if rel.split("/", 1)[0] in dirs}
        count = write(staging, {rel: data for rel, data in generated.items() if rel not in later}, linked)
        made: dict[str, dict[str, str]] = {}
        # Whichever finishes first: a page process that fails before reading what the helper
        # sends it leaves the helper blocked on a full pipe, so waiting for the helper first
        # would wait for ever. A child that dies reads as end of file on its pipe.
        waiting = {pipe: name for name, (_, pipe) in children.items()}
        while waiting:
            pipe = multiprocessing.connection.wait(list(waiting))[0]
            name = waiting.pop(pipe)  # type: ignore[call-overload]
            process = children[name][0]
            try:
                failure, answer = pipe.recv()  # read before joining: a child blocks on a large result
            except EOFError:
                failure, answer = None, None
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
        build_file = json.dumps({"day": today.isoformat(), **{lang: _digest(made[lang]) for lang in sorted(made)}}).encode()
        later[publish.BUILD_FILE] = build_file  # also the mark of a site this project built
        count += write(staging, later, {})
        lap("write")
        publish.State.forget(root)  # were the build stopped from here on: no reuse next time
        try:
            old = publish.put_in_place(staging, out)
        except OSError as e:
            raise BuildFailed(said("build.swap", reason=str(e.strerror or e))) from None
        publish.State(str(out), hashlib.sha256(build_file).hexdigest(), today.isoformat(), made).save(root)
        if discard is not None:
            discard(old)
        else:
            publish.discard(old, background=len(catalogue.entries) >= BACKGROUND_DELETE_FROM)
        lap("swap")
    except BaseException:
        for process, _ in children.values():
            if process.is_alive():
                process.kill()
                process.join()
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        for kind in ("docs", *LANGUAGES):
            for leftover in out.parent.glob(f".{out.name}.{kind}-{os.getpid()}-*"):
                shutil.rmtree(leftover, ignore_errors=True)
    return BuildReport(out, len(catalogue.entries), count, seconds, result.problems)


def page_keys(catalogue: Catalogue, theme_dir: Path, config_path: Path,
              sources: dict[str, str] | None = None) -> dict[str, str]:
    """What each product's files are made from, but the day: its record and photos
    (checkcache.source_digest, as validation computed it when it could), and, for all of them, the
    generator's code, the theme, site_config.yml and the libraries that shape the HTML. With what
    the day makes of the record (``state_keys``), equal keys (plus the stand-in page's HTML) mean
    an equal page but for its "as of" date."""
    from importlib.metadata import version

    context = hashlib.sha256(config_path.read_bytes() + b"\0")
    context.update(files_digest(CODE_ROOT / "generator", "**/*").encode() + files_digest(theme_dir, "**/*").encode())
    # vietnam-provinces and vietnamadminunits: the names, codes and crosswalk a product page shows (#16)
    for package in ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "cmarkgfm", "nh3", "babel", "pydantic",
                    "vietnam-provinces", "vietnamadminunits"):
        context.update(f"{package}={version(package)}\0".encode())
    base = context.digest()
    sources = sources or {}
    return {e.id: hashlib.sha256(base + (sources.get(e.source) or source_digest(catalogue.root / e.source)).encode())
            .hexdigest() for e in catalogue.entries}


def state_keys(catalogue: Catalogue, keys_without_day: dict[str, str]) -> dict[str, str]:
    """Keys of what is made from a product's record and what the day makes of it (derive.Derived:
    status, stars, current certificate), but not from the day itself: the same on the next day
    for a product whose status did not change. ``keys_without_day``: page_keys(...)."""
    def state(e: Entry) -> tuple[Any, ...]:
        # Derived's fields but the day; its certificates by their place in the record (which is in
        # the key already): a repr of the pydantic models took 0.2 ms a product.
        d = e.derived
        certs = e.record.certifications
        at = [next((i for i, c in enumerate(certs) if c is cert), -1) if cert is not None else None
              for cert in (d.latest, d.current)]
        return (d.status, *at, d.stars, d.last_stars, d.valid_until, d.criteria, d.upgraded, d.re_evaluated)
    # (tests/test_incremental.py fails when Derived gains a field this tuple does not name)
    return {e.id: hashlib.sha256(f"{keys_without_day[e.id]}\0{state(e)!r}".encode()).hexdigest()
            for e in catalogue.entries}


def _folder(parent: Path, prefix: str) -> Path:
    """A new, uniquely named folder that becomes (part of) the site: readable by everyone, like
    any folder a web server serves (tempfile makes them private to this user)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    folder.chmod(0o755)
    return folder


def _language_dir(out: Path, lang: str) -> Path | None:
    folder = out if lang == "vi" else out / lang
    return folder if folder.is_dir() else None


def _digest(keys: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(sorted(keys.items())).encode()).hexdigest()


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
LEGACY_CACHE_FOLDERS = ("pages-vi", "pages-en")  # compressed page parts, before KeptPages
BACKGROUND_DELETE_FROM = 2000  # products: deleting the old site then takes seconds (20 s at 20,000)
