"""The one module that knows MkDocs: it renders our pages inside the Material for MkDocs layout.

MkDocs 1.x gets no new releases and Material is in maintenance, so everything MkDocs-specific
lives here: the configuration rendered from site_config.yml, and a small plugin that hands MkDocs
the pages we generated (as virtual files) and their finished HTML bodies. A move to a successor
renderer replaces this module; the page bodies, assets and templates under ``theme/ocop`` stay.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
import os
import re
import shutil
from datetime import date, datetime, timezone
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .site import asof
from .site.pages import Page


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may leave stale pages; ours always build into a new, empty
    folder (see render), so the warning is dropped (in strict mode it would fail the build)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


class RenderError(Exception):
    """MkDocs refused to build (e.g. a broken link in a hand-written page in strict mode)."""


BLOCK = re.compile(r"<!-- ocop:([a-z-]+) -->")


class OcopPlugin(BasePlugin):  # type: ignore[type-arg]
    """Injects generated pages; registered as the `ocop` MkDocs plugin (pyproject entry point)."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: dict[str, Page] = {}
        self.nav_uris: set[str] = set()
        self.template_cache: Path | None = None

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        """Material's templates compiled once, not on every build (about 0.4 s of each language
        process: a preview, the publish path and `ocop serve` pay it every time). Jinja's own
        cache: keyed by the template's source, written whole (a temporary file renamed)."""
        if self.template_cache is not None:
            env.bytecode_cache = template_cache(self.template_cache)
        return env

    def on_config(self, config: Any) -> Any:
        """MkDocs renders its theme without autoescaping, and Material prints the site's name and
        description as they are, in text and in attributes (header, navigation, logo's aria-label,
        meta description, redirect page): hand them over already escaped, as Markup, which every
        template then prints once-escaped (`| e` leaves Markup alone, so nothing shows "&amp;")."""
        for key in ("site_name", "site_description"):
            if config.get(key):
                config[key] = Markup(escape(config[key]))
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        for uri, page in self.pages.items():
            inclusion = InclusionLevel.UNDEFINED if uri in self.nav_uris else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, uri, content=page.title, inclusion=inclusion))
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        ours = self.pages.get(page.file.src_uri)
        if ours is None:
            # A hand-written page names what comes from site_config.yml (the official address, the
            # contact) by a comment, `<!-- ocop:NAME -->`, which the build replaces with its HTML.
            blocks = config.extra.get("ocop_blocks") or {}
            return BLOCK.sub(lambda m: f"\n\n{blocks[m.group(1)]}\n\n" if m.group(1) in blocks else m.group(0), markdown)
        # Material prints page.meta.title and .description without escaping: give it escaped text.
        page.meta = {"title": Markup(escape(ours.title)), "template": ours.template}
        if ours.description:
            page.meta["description"] = Markup(escape(ours.description))
        return ""

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        ours = self.pages.get(page.file.src_uri)
        return ours.body if ours is not None else html

    def on_page_context(self, context: dict[str, Any], *, page: Any, config: Any, nav: Any) -> dict[str, Any]:
        ours = self.pages.get(page.file.src_uri)
        context["ocop_head"] = Markup(ours.head) if ours is not None else ""
        context["ocop_search"] = bool(ours and ours.in_search)
        return context


NAV_WORDS = {
    "vi": {"home": "Trang chủ", "search": "Tìm kiếm", "products": "Sản phẩm", "districts": "Theo huyện",
           "groups": "Theo nhóm", "stars": "Theo số sao", "status": "Theo trạng thái", "about": "Thông tin"},
    "en": {"home": "Home", "search": "Search", "products": "Products", "districts": "By district",
           "groups": "By group", "stars": "By stars", "status": "By status", "about": "About"},
}


def nav(catalogue_dir: Path, extra: Sequence[tuple[str, str]], lang: str = "vi") -> list[Any]:
    """Site navigation: listings and hand-written pages only; product pages are reached from listings."""
    words = NAV_WORDS[lang]
    about = sorted(p.relative_to(catalogue_dir).as_posix() for p in catalogue_dir.rglob("*.md")
                   if p.relative_to(catalogue_dir).as_posix() != "index.md"
                   and (lang != "vi" or not p.relative_to(catalogue_dir).as_posix().startswith("en/")))
    about.sort(key=lambda p: (not p.endswith("index.md"), p))
    items: list[Any] = [{words["home"]: "index.md"}, {words["search"]: "search/index.md"}]
    items.append({words["products"]: [{words["districts"]: "districts/index.md"}, {words["groups"]: "groups/index.md"},
                                      {words["stars"]: "stars/index.md"}, {words["status"]: "status/index.md"}]})
    items += [{title: uri} for title, uri in extra]
    if about:
        items.append({words["about"]: about})
    return items


def config(*, site: Any, docs_dir: Path, site_dir: Path, theme_dir: Path, nav_items: list[Any],
           sample_data: bool, strict: bool, lang: str = "vi", blocks: dict[str, str] | None = None) -> dict[str, Any]:
    english = lang == "en"
    return {
        "site_name": (site.name_en or site.name) if english else site.name,
        "site_url": site.url + ("/en/" if english else "/"),
        "site_description": ((site.description_en or site.description) if english else site.description) or "",
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "exclude_docs": "" if english else "en/\n",
        "use_directory_urls": True,
        "strict": strict,
        "edit_uri": "",
        "theme": {
            "name": "material",
            "custom_dir": str(theme_dir),
            "language": lang,
            "font": False,  # system fonts: nothing fetched from Google, nothing extra on a slow network
            "features": ["navigation.top", "navigation.indexes"],
            # No `palette`: the colours are ocop.css's (on :root, after Material's), so Material's
            # palette stylesheet (12 KB) would be one more request on a phone for nothing.
        },
        # No `extra.alternate`: Material's language selector makes every page fetch the sitemaps
        # (megabytes at national scale); each page carries its own link to its counterpart instead.
        "extra": {"sample_data": sample_data, "generator": False, "ocop_blocks": blocks or {}},
        "extra_css": ["assets/ocop/ocop.css"],
        "extra_javascript": [{"path": "assets/ocop/ocop.js", "defer": True}],
        "markdown_extensions": ["toc", "tables", "admonition", "attr_list"],
        "plugins": ["ocop"],
        "nav": nav_items,
        "not_in_nav": "/p/\n",
        "validation": {"nav": {"omitted_files": "ignore", "not_found": "warn"},
                       "links": {"not_found": "warn", "anchors": "ignore", "unrecognized_links": "ignore"}},
    }


def render(pages: Sequence[Page], settings: dict[str, Any], nav_uris: set[str], today: date, *,
           previous: Path | None = None, previous_keys: dict[str, str] | None = None,
           kept: "KeptPages | None" = None, template_cache: Path | None = None) -> dict[str, str]:
    """Build the Material site into settings['site_dir'].

    MkDocs stamps sitemap dates and gzip headers with the build time unless SOURCE_DATE_EPOCH is
    set; pinning it to ``today`` makes the same inputs give byte-identical output.

    Stamped pages (every page outside the navigation: products, numbered listings, districts,
    plan targets; thousands, all alike around their body) are not rendered one by one: for each
    kind (template, search flag, folder, with a description or not: MkDocs writes links relative
    to the page's folder) MkDocs renders one stand-in page with markers, and each page is that HTML with its own title, description, head, body and address
    in place of the markers (see ``Stamp``). A stamped page whose key (its inputs, and the
    stand-in's HTML) is in ``previous_keys`` is linked from the ``previous`` site (made the same
    day) instead of being made again; else, with ``kept``, a page kept under its key is linked
    (kept today) or gets today's "as of" date (kept on an earlier day, site/asof.py), and a page
    made now is kept. Returns the stamped pages' keys.
    """
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    epoch = int(datetime(today.year, today.month, today.day, tzinfo=timezone.utc).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    kinds: dict[tuple[str, bool, str, bool], list[Page]] = {}
    rendered = []
    for p in pages:
        if p.stamped or p.src_uri not in nav_uris:
            kinds.setdefault((p.template, p.in_search, _folder(p), bool(p.description or p.make)), []).append(p)
        else:
            rendered.append(p)
    stand_ins = [Stamp.stand_in(group[0], k, described=kind[3]) for k, (kind, group) in enumerate(kinds.items())]
    try:
        cfg = load_config(io.StringIO(yaml.safe_dump(settings, allow_unicode=True)))
        plugin = cfg.plugins["ocop"]
        assert isinstance(plugin, OcopPlugin)
        plugin.pages = {p.src_uri: p for p in [*rendered, *stand_ins]}
        plugin.nav_uris = nav_uris
        plugin.template_cache = template_cache
        # The site folder is one this build just made, empty, and the asset workers are writing
        # into it now: MkDocs must not clean it. A "dirty" build into an empty folder is a full build.
        mkdocs_build(cfg, dirty=True)
    except (Abort, ConfigurationError) as e:
        raise RenderError(str(e)) from None
    site_dir = Path(settings["site_dir"])
    _drop_unused_assets(site_dir)
    stamps = [Stamp(site_dir, stand_in) for stand_in in stand_ins]
    keys: dict[str, str] = {}
    for stamp, group in zip(stamps, kinds.values()):
        keys.update(stamp.write(group, today, previous, previous_keys, kept))
    Stamp.sitemap(site_dir, [(stamp, group) for stamp, group in zip(stamps, kinds.values())], epoch)
    return keys


# What Material copies into every site and no page of ours asks for (2.3 MB in each language):
# Material's own search (the lunr languages and its worker: the header has our search instead,
# generator/site/search.py, so the bundle never starts the worker), the palette stylesheet (no
# palette), and the source maps, which only a developer's tools fetch.
UNUSED_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers", "assets/stylesheets/palette.*",
                 "assets/**/*.map")


def template_cache(folder: Path) -> FileSystemBytecodeCache:
    """Compiled templates in ``folder`` (one per language and environment: a template's source
    differs between them, and one folder for both would have each overwrite the other's)."""
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def _drop_unused_assets(site_dir: Path) -> None:
    for pattern in UNUSED_ASSETS:
        for path in site_dir.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


class Stamp:
    """The HTML MkDocs made for a stand-in page, cut at its markers, filled in for each page.

    Two pages of a kind differ only where their title, description, <head> additions, body and
    their own address appear (checked by a test that compares every stamped page with the page
    MkDocs renders itself). The stand-in's HTML loses its indentation first (``squeeze``), once
    per kind of page.
    """

    # Stand-ins are at <folder of the first page>/_ocop-stamp-<k>/, a name no page of the site can
    # have (ids are capitals, digits and hyphens; districts, groups and plan targets lowercase
    # words without '_'): the stand-in's folder is deleted, with whatever a page put there.
    KEY = "_ocop-stamp"
    MARKS = {"title": "OCOPxSTAMPxTITLE", "description": "OCOPxSTAMPxDESCRIPTION",
             "head": "<!--OCOPxSTAMPxHEAD-->", "body": "<!--OCOPxSTAMPxBODY-->"}

    @classmethod
    def stand_in(cls, model: Page, k: int, described: bool) -> Page:
        """The k-th stand-in: beside ``model``, like it, with markers (and a description or not)."""
        folder = model.path.rstrip("/").rpartition("/")[0]  # with the language prefix, like path
        return Page(path=f"{folder}/{cls.KEY}-{k}/" if folder else f"{cls.KEY}-{k}/", title=cls.MARKS["title"],
                    body=cls.MARKS["body"], head=cls.MARKS["head"],
                    description=cls.MARKS["description"] if described else "", template=model.template,
                    in_search=model.in_search, lang=model.lang)

    def __init__(self, site_dir: Path, stand_in: Page) -> None:
        self.site_dir = site_dir
        self.address = _address(stand_in)  # e.g. p/_ocop-stamp-0/
        self.folder = site_dir / self.address
        html = squeeze((self.folder / "index.html").read_text(encoding="utf-8"))
        shutil.rmtree(self.folder)
        # Without a description of its own, a page shows the site's (so does its stand-in).
        slots = [self.address, *(m for m in self.MARKS.values() if stand_in.description or m != self.MARKS["description"])]
        missing = [m for m in slots if m not in html]
        if missing:  # a theme change moved something: refuse rather than publish wrong pages
            raise RenderError(f"the theme's page layout lost a stamp marker: {', '.join(missing)}")
        pattern = re.compile("|".join(re.escape(m) for m in slots))
        self.parts = pattern.split(html)
        self.slots = pattern.findall(html)
        self.digest = hashlib.sha256(html.encode()).hexdigest()

    def fill(self, page: Page) -> str:
        values = {self.address: _address(page), self.MARKS["title"]: str(escape(page.title)),
                  self.MARKS["description"]: str(escape(page.description)), self.MARKS["head"]: page.head,
                  self.MARKS["body"]: page.body}
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:]):
            out.append(values[slot])
            out.append(part)
        return "".join(out)

    def write(self, pages: Sequence[Page], today: date, previous: Path | None = None,
              previous_keys: dict[str, str] | None = None, kept: "KeptPages | None" = None) -> dict[str, str]:
        keys = {page.path: hashlib.sha256(f"{page.key}\0{self.digest}".encode()).hexdigest()
                for page in pages if page.key}
        before = previous_keys or {}
        unchanged = {page.path for page in pages if keys.get(page.path) and before.get(page.path) == keys[page.path]}
        folders = [os.path.join(self.site_dir, _address(page)) for page in pages]  # all in one folder (render)
        previous_folders = {page.path: os.path.join(previous, _address(page))
                            for page in pages if previous is not None and page.path in unchanged}
        # One page at a time: files made in one folder by several threads at once fight for its lock.
        for page, folder in zip(pages, folders):
            if not os.path.isdir(folder):  # product folders were made before (build)
                os.makedirs(folder, exist_ok=True)
            target = os.path.join(folder, "index.html")
            key = keys.get(page.path, "")
            if kept is not None and key:
                kept.used.add(key)
            if page.path in previous_folders:
                try:  # unchanged since the previous site: its file, not a copy
                    os.link(os.path.join(previous_folders[page.path], "index.html"), target)
                    continue
                except OSError:
                    pass
            if kept is not None and key and kept.place(key, target, today, page.lang):
                continue
            with open(target, "w", encoding="utf-8") as f:
                f.write(self.fill(page.full()))
            if kept is not None and key:
                kept.keep(key, target, today)
        return keys

    @staticmethod
    def sitemap(site_dir: Path, stamped: "Sequence[tuple[Stamp, Sequence[Page]]]", epoch: int) -> None:
        """MkDocs listed the stand-ins in sitemap.xml: list the stamped pages in their place."""
        path = site_dir / "sitemap.xml"
        if not path.is_file() or not stamped:
            return
        text = path.read_text(encoding="utf-8")
        # One pass over the <url> entries; a stand-in's is replaced by one entry per page.
        by_name = {stamp.address.rstrip("/").rpartition("/")[2]: (stamp, pages) for stamp, pages in stamped}
        found: list[str] = []

        def fill(match: re.Match[str]) -> str:
            entry = match.group(0)
            name = re.search(re.escape(Stamp.KEY) + r"-\d+(?=/</loc>)", entry)
            if name is None or name.group(0) not in by_name:
                return entry
            found.append(name.group(0))
            stamp, pages = by_name[name.group(0)]
            return "".join(entry.replace(stamp.address, _address(page)) for page in pages)
        text = re.sub(r"[ \t]*<url>(?:(?!</url>).)*</url>\n", fill, text, flags=re.S)
        if len(found) != len(by_name):
            raise RenderError("the sitemap does not list a stand-in page")
        # One line a page, without <lastmod>: MkDocs gives every page the build's day, which says
        # nothing (search engines ignore a lastmod that is always today), in two sitemaps of 20,000
        # entries each at national scale.
        text = re.sub(r"\s*<lastmod>[^<]*</lastmod>", "", text)
        text = re.sub(r"[ \t]*<url>\s*(<loc>[^<]*</loc>)\s*</url>", r"<url>\1</url>", text)
        path.write_text(text, encoding="utf-8")
        with open(path.with_name("sitemap.xml.gz"), "wb") as raw, \
                gzip.GzipFile(fileobj=raw, filename="sitemap.xml", mode="wb", mtime=epoch) as gz:
            gz.write(text.encode("utf-8"))


# Whitespace-only text between two tags is dropped where a block box, or <head>, is on either
# side (a line ends there anyway, so the browser draws nothing for it) and kept as one space
# between inline tags (where it is a visible gap). Tags that hide their content's whitespace
# from this rule: <pre> and <textarea> show it, <script> and <style> are code.
BLOCK_TAGS = frozenset("""address article aside blockquote body dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html li main menu nav ol p section summary table
    tbody td tfoot th thead tr ul""".split())
_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""  # a tag's attributes: a quoted '>' does not end it
_TOKEN = re.compile(rf"<!--.*?-->|<(pre|textarea|script|style)\b{_ATTRS}>.*?</\1\s*>"
                    rf"|</?([a-zA-Z][a-zA-Z0-9-]*){_ATTRS}>|<![^>]*>", re.S | re.I)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_GENERATOR = re.compile(r'<meta name="generator" content="mkdocs-[^"<>]*">')


def squeeze(html: str) -> str:
    """Material's layout without its indentation: the same page to a browser, lighter.

    Its templates indent every line: base.html still does around our header, navigation and
    body, which write none (about 1 KB of a page, and there are 40,000 pages at national scale);
    Material's own navigation, on the hand-written pages, 4 KB. Only whitespace-only text
    between tags changes (see BLOCK_TAGS); text, attributes and the inside of <pre>,
    <textarea>, <script> and <style> are kept, except Material's configuration, a JSON object
    re-written without ASCII escapes (the same value, a third shorter: it spells the
    interface's Vietnamese words as \\uXXXX), and MkDocs' generator <meta>, which tells no
    visitor anything (60 bytes a page).
    """
    out: list[str] = []
    pos = 0
    previous: str | None = None  # the tag before the text ("" for a comment), None at the start
    in_head = True
    for token in _TOKEN.finditer(html):
        text = html[pos:token.start()]
        name = (token.group(1) or token.group(2) or "").lower()
        if text and not text.strip(" \t\n\r\f"):
            inline = previous is not None and not in_head and previous not in BLOCK_TAGS and name not in BLOCK_TAGS
            text = " " if inline else ""
        out.append(text)
        out.append(token.group(0))
        if name == "body" and token.group(0)[1] != "/":
            in_head = False
        previous = name
        pos = token.end()
    out.append(html[pos:])
    return _GENERATOR.sub("", _CONFIG.sub(_compact_config, "".join(out)), count=1)


def _compact_config(match: re.Match[str]) -> str:
    value = json.dumps(json.loads(match.group(2)), ensure_ascii=False, separators=(",", ":"))
    # Inside <script>, "</" must not appear: escape what Jinja's tojson escaped.
    value = value.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return match.group(1) + value + match.group(3)


def _address(page: Page) -> str:
    """Where a page is within its language's site: "p/SL-MS-0001/" ("" for the home page)."""
    return page.src_uri.removesuffix("index.md")


def _folder(page: Page) -> str:
    """The folder that holds the page's own folder: "p" for "p/SL-MS-0001/"."""
    return _address(page).rstrip("/").rpartition("/")[0]


class KeptPages:
    """Stamped pages kept whole from one build to the next, by their key, in ``folder``: the
    files the build wrote, hard-linked there as ``<key>.<day made>.html`` (no copy; copied only
    where the folder is on another file system). A page whose key is kept is not made again:
    kept today, its file is linked; kept on an earlier day, it gets today's "as of" date.

    They were compressed pickles of each page's parts: zlib-ng and pickle cost a cold build at
    20,000 products 3.4 s of CPU in the two page processes (1.7 s each), a link costs nothing
    but the entry (bench/README.md). The publish workflow's cache archive compresses them."""

    SUFFIX = ".html"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.found: dict[str, tuple[str, date]] = {}  # key -> (file, day made)
        self.used: set[str] = set()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            entries = list(os.scandir(folder))
        except OSError:  # a cache that cannot be written only costs speed (keep: the same)
            entries = []
        for entry in entries:
            key, _, rest = entry.name.partition(".")
            try:
                self.found[key] = (entry.path, date.fromisoformat(rest[:-len(self.SUFFIX)]))
            except ValueError:  # not one of ours (a temporary file of a killed build, say)
                continue

    def place(self, key: str, target: str, today: date, lang: str) -> bool:
        """Put the page kept under ``key`` at ``target``: linked if kept today, else with today's
        "as of" date; False when none is kept (or it is gone meanwhile: the page is made again)."""
        found = self.found.get(key)
        if found is None:
            return False
        path, day = found
        try:
            if day == today:
                os.link(path, target)
            else:
                with open(path, encoding="utf-8") as f:
                    html = asof.page(f.read(), today, lang)
                with open(target, "w", encoding="utf-8") as f:
                    f.write(html)
        except OSError:
            return False
        return True

    def keep(self, key: str, page: str, day: date) -> None:
        """Keep the page file just written for ``key``, made on ``day`` (replacing an older one)."""
        name = os.path.join(self.folder, f"{key}.{day.isoformat()}{self.SUFFIX}")
        try:
            os.link(page, name)
        except FileExistsError:
            pass
        except OSError:  # another file system: a copy, written whole or not at all
            tmp = f"{name}.{os.getpid()}.tmp"
            try:
                shutil.copyfile(page, tmp)
                os.replace(tmp, name)
            except OSError:
                _unlink(tmp)
                return
        old = self.found.get(key)
        if old is not None and old[0] != name:
            _unlink(old[0])
        self.found[key] = (name, day)

    def forget_others(self) -> None:
        """Delete the pages of keys this build did not use (a record changed, or left)."""
        for key, (path, _) in list(self.found.items()):
            if key not in self.used:
                _unlink(path)
                del self.found[key]


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:  # open elsewhere (Windows): the next build tries again
        pass
