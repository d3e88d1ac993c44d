"""The HTML pages of the catalogue (product, district, listings, home), as bodies for the theme.

Bodies are rendered here with an autoescaping Jinja environment from ``theme/ocop/``; MkDocs then
wraps each in the Material layout (see ``mkdocs_adapter``). Nothing a record says reaches a page
unescaped: the description is the only HTML, and it comes from the safe Markdown renderer.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..derive import STATUSES
from ..schema import GROUPS, PRODUCER_TYPES
from ..validate import Catalogue, Entry
from . import jsonld, placeview, urls
from .strings import group_name, star_glyphs, t
from .view import product_view, summary_view


@dataclass(frozen=True)
class Page:
    """A page for the theme to wrap: where it goes, its title, body and extra <head> content."""

    path: str  # site path of the page, e.g. "p/SL-MS-0001/"
    title: str
    body: str
    head: str = ""
    description: str = ""
    template: str = "ocop-page.html"
    in_search: bool = False
    meta: dict[str, Any] = field(default_factory=dict)
    lang: str = "vi"
    # Many pages of one kind (products): the theme wraps one stand-in page, and each page is that
    # HTML with its own title, description, head and body put in (mkdocs_adapter.render).
    stamped: bool = False
    # A stamped page is made only when needed (``full()``): an unchanged one is taken from the
    # previous site when ``key`` (everything it is made from) is the same as then.
    key: str = ""
    make: Callable[[], "Page"] | None = None

    def full(self) -> "Page":
        return self.make() if self.make is not None else self

    @property
    def src_uri(self) -> str:
        """Where MkDocs puts it: relative to its language's root (each language is its own build)."""
        inner = self.path.removeprefix(urls.lang_prefix(self.lang))
        return f"{inner}index.md" if inner else "index.md"


class _Translated(FileSystemLoader):
    """Templates with their fixed words already in the page's language: ``t("key")`` without
    values becomes a string literal, which Jinja folds into the template's static text (escaped
    like any output). Tens of thousands of product pages then skip some 40 calls each."""

    CALL = re.compile(r"""\bt\((["'])([\w.]+)\1\)""")
    # ``{{ vi }}`` (the ``vi`` global: record text is Vietnamese) becomes the attribute itself, in
    # the template's static text: 21 outputs fewer to escape on each product page.
    VI = re.compile(r"\{\{ vi \}\}")

    def __init__(self, folder: str, lang: str) -> None:
        super().__init__(folder)
        self.lang = lang

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        source = self.VI.sub(str(_vi(self.lang)), source)
        return self.CALL.sub(lambda m: json.dumps(t(self.lang, m.group(2)), ensure_ascii=False), source), filename, uptodate


def _vi(lang: str) -> Markup:
    return Markup("" if lang == "vi" else ' lang="vi"')


class _Views(Environment):
    """Templates show views, which are dicts (view.py): ``p.title`` looks up the key first. Jinja's
    own order (an attribute, then the key) makes each such lookup fail once with an exception,
    half of a product page's template time."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def environment(theme_dir: Path, lang: str = "vi",
                remember: Callable[[str, Callable[[], str]], str] | None = None,
                bytecode_cache: BytecodeCache | None = None) -> Environment:
    """The page templates of one language. ``remember(id, make)``, when given, keeps each product's
    card across builds (build.py: by the product's key); ``bytecode_cache`` keeps them compiled."""
    env = _Views(loader=_Translated(str(theme_dir / "ocop"), lang), autoescape=select_autoescape(default=True),
                 undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, bytecode_cache=bytecode_cache)
    # tojson (data attributes) writes Vietnamese as it is, not as \uXXXX escapes (6 bytes a
    # letter), and no spaces; it still escapes <, >, & and ' (attributes are single-quoted).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    env.globals["t"] = lambda key, **values: t(lang, key, **values)
    env.globals["lang"] = lang
    # Record text is Vietnamese: an English page says so on each element, a Vietnamese one need not.
    env.globals["vi"] = _vi(lang)
    env.globals["href_prefix"] = urls.lang_prefix(lang)
    env.globals["card_list"] = _Cards(env, remember, urls.lang_prefix(lang)).joined
    return env


class _Cards:
    """``card_list(items, rel)`` in templates: the products' cards (card.html), each made once.

    At national scale every product appears on four or five listing pages (its group, stars,
    status, district, plan target); the card differs between them only by the ``../`` before its
    links, so it is made once with a marker there and the marker replaced on each page."""

    MARK = "\x1e"

    def __init__(self, env: Environment, remember: Callable[[str, Callable[[], str]], str] | None = None,
                 prefix: str = "") -> None:
        self.env = env
        self.remember = remember
        self.prefix = prefix  # the language's folder ("en/"): its pages' links need not leave it
        self.made: dict[str, str] = {}

    def _marked(self, p: dict[str, Any]) -> str:
        html = self.made.get(p["url"])
        if html is None:
            def make() -> str:
                return self.env.get_template("card.html").render(p=p, rel=self.MARK.__add__)
            html = self.made[p["url"]] = self.remember(p["id"], make) if self.remember else make()
        return html

    def joined(self, items: list[dict[str, Any]], rel: Callable[[str], str]) -> Markup:
        """The cards of ``items``, one per line (a listing holds hundreds: no template loop)."""
        html = "\n".join(map(self._marked, items))
        up = rel("x")[:-1]  # from the page to the site's root: "../../"
        levels = self.prefix.count("/")
        if levels and up.endswith("../" * levels):  # "../p/A-1/", not "../../en/p/A-1/", within en/
            html = html.replace(self.MARK + self.prefix, up[:len(up) - 3 * levels])
        return Markup(html.replace(self.MARK, up))


def relative_to(page_path: str) -> Callable[[str], str]:
    def rel(target: str) -> str:
        return urls.relative(page_path, target)
    return rel


def links_for(page_path: str, lang: str) -> dict[str, Any]:
    """Template helpers for a page: `rel` for any site path, `href` for a page in this language,
    `other` for this page in the other language."""
    rel = relative_to(page_path)
    return {"rel": rel, "href": lambda target: rel(urls.in_lang(lang, target)),
            "other": urls.translated(page_path, lang)}


def _sort_key(item: dict[str, Any]) -> tuple[int, str]:
    return (-(item["stars"] or 0), item["title"])


# rel="alternate " (a token list, so still "alternate" to crawlers): Material's script looks up every
# `link[rel=alternate]` (an exact match) and fetches `sitemap.xml` under each address, three requests
# per page that fail on a static host. The token with a space is the same link, without them.
ALTERNATE = "alternate "


def hreflang(site_url: str, path: str, lang: str) -> str:
    """<link rel=alternate hreflang> for a page and its counterpart (Vietnamese is the default)."""
    vi_path = path if lang == "vi" else urls.translated(path, lang)
    en_path = urls.in_lang("en", vi_path)
    return "".join([
        f'<link rel="{ALTERNATE}" hreflang="vi" href="{escape(urls.absolute(site_url, vi_path))}">',
        f'<link rel="{ALTERNATE}" hreflang="en" href="{escape(urls.absolute(site_url, en_path))}">',
        f'<link rel="{ALTERNATE}" hreflang="x-default" href="{escape(urls.absolute(site_url, vi_path))}">',
    ])


def product_pages(catalogue: Catalogue, env: Environment, summaries: dict[str, dict[str, Any]],
                  lang: str, keys: dict[str, str] | None = None) -> Iterator[Page]:
    """Product pages, made lazily (see ``Page.make``); ``keys`` identifies each one's inputs."""
    template = env.get_template("product.html")

    def make(entry: Entry, path: str) -> Page:
        view = product_view(entry, catalogue, lang)
        return Page(
            path=path,
            title=view["title"],
            body=template.render(p=view, **links_for(path, lang)),
            head=product_head(entry, catalogue, view, lang) + hreflang(catalogue.config.site.url, path, lang),
            description=view["summary_text"],
            in_search=True,
            meta={"id": entry.id, "summary": summaries[entry.id]},
            lang=lang,
            stamped=True,
        )

    for entry in catalogue.entries:
        path = urls.in_lang(lang, urls.product(entry.id))
        yield Page(path=path, title=summaries[entry.id]["title"], body="", in_search=True,
                   meta={"id": entry.id, "summary": summaries[entry.id]}, lang=lang, stamped=True,
                   key=(keys or {}).get(entry.id, ""), make=functools.partial(make, entry, path))


def product_head(entry: Entry, catalogue: Catalogue, view: dict[str, Any], lang: str = "vi") -> str:
    """Open Graph, Twitter's card, canonical and JSON-LD for a product page (all values escaped)."""
    site = catalogue.config.site
    page_url = view["page_url"]
    image, width, height = urls.absolute(site.url, urls.product_preview(entry.id)), 1200, 630
    if site.share_image == "photo":
        # The record's first photo, even where the page shows a label photo before it.
        first = urls.product_image(entry.id, entry.record.images[0].file) if entry.record.images else None
        photo = next((i for i in view["images"] if i["src"] == first), None)
        image = urls.absolute(site.url, photo["src"] if photo else urls.site_card())
        width, height = (photo["width"], photo["height"]) if photo else (1200, 630)
    title = f"{view['title']} · OCOP {view['current_glyphs']} {view['status_text']}".strip()
    tags = [
        ("og:type", "product"), ("og:url", page_url), ("og:title", title),
        ("og:description", view["summary_text"]), ("og:image", image), ("og:image:width", str(width)),
        ("og:image:height", str(height)), ("og:locale", "vi_VN" if lang == "vi" else "en_GB"),
        ("og:site_name", site.name if lang == "vi" else site.name_en or site.name),
    ]
    lines = [f'<meta property="{escape(k)}" content="{escape(v)}">' for k, v in tags]
    # Only the card's kind for Twitter/X: it reads the title, description and image from og: when
    # its own tags are absent (three tags fewer on each of 40,000 pages).
    lines += ['<meta name="twitter:card" content="summary_large_image">',
              jsonld.script_tag(jsonld.product(entry, catalogue))]
    return "".join(lines)


def _by(entries: list[Entry], key: Callable[[Entry], Any]) -> dict[Any, list[Entry]]:
    groups: dict[Any, list[Entry]] = defaultdict(list)
    for e in entries:
        groups[key(e)].append(e)
    return groups


SHOWN = 100  # cards per section on a listing page; the rest are on numbered pages
PAGE_SIZE = 200
COMMUNE_LINKS = 30  # product links per commune on a district page; the rest through search


def listing_renderer(listing: Any, site_url: str, lang: str) -> Callable[..., Page]:
    """``render(path, title, **ctx)``: a page of listing.html (intro, links, sections of cards)."""
    def render(full: str, title: str, **ctx: Any) -> Page:
        ctx.setdefault("intro", "")
        ctx.setdefault("links", [])
        ctx.setdefault("sections", [])
        return Page(path=full, title=title, body=listing.render(title=title, **links_for(full, lang), **ctx),
                    head=hreflang(site_url, full, lang), lang=lang)
    return render


def split_sections(full: str, title: str, sections: list[dict[str, Any]], lang: str,
                   render: Callable[..., Page]) -> tuple[list[dict[str, Any]], list[Page]]:
    """A page's sections of cards, each cut to its first SHOWN with a link to numbered pages of
    PAGE_SIZE that list the whole section (at national scale a section holds thousands of
    products); returns the cut sections and the numbered pages (``render(path, title, **ctx)``)."""
    extra: list[Page] = []
    out = []
    for section in sections:
        everything = section["items"]
        if len(everything) <= SHOWN:
            out.append(section)
            continue
        chunks = [everything[i:i + PAGE_SIZE] for i in range(0, len(everything), PAGE_SIZE)]
        paths = [f"{full}{section['anchor']}/" + (f"{k}/" if k > 1 else "") for k in range(1, len(chunks) + 1)]
        for k, (chunk, here_path) in enumerate(zip(chunks, paths), start=1):
            nav = ([{"url": paths[k - 2], "label": t(lang, "previous"), "count": None}] if k > 1 else []) + \
                  ([{"url": paths[k], "label": t(lang, "next"), "count": None}] if k < len(chunks) else []) + \
                  [{"url": full, "label": f"← {title}", "count": None}]
            heading = f"{title}: {section['title']} ({t(lang, 'page_of', k=k, n=len(chunks))})"
            extra.append(render(here_path, heading, links=nav, sections=[
                {**section, "items": chunk, "total": len(everything)}]))
        out.append({**section, "items": everything[:SHOWN], "total": len(everything), "more": paths[0]})
    return out, extra


def listing_pages(catalogue: Catalogue, env: Environment, summaries: dict[str, dict[str, Any]],
                  lang: str) -> Iterator[Page]:
    listing = env.get_template("listing.html")
    entries = catalogue.entries
    site_url = catalogue.config.site.url

    def items(es: list[Entry]) -> list[dict[str, Any]]:
        return sorted((summaries[e.id] for e in es), key=_sort_key)

    render = listing_renderer(listing, site_url, lang)

    def page(path: str, title: str, **ctx: Any) -> list[Page]:
        full = urls.in_lang(lang, path)
        sections, extra = split_sections(full, title, ctx.pop("sections", []), lang, render)
        return [render(full, title, sections=sections, **ctx), *extra]

    def here(path: str) -> str:
        return urls.in_lang(lang, path)

    by_group = _by(entries, lambda e: e.record.group)
    yield from page(urls.groups(), t(lang, "by_group"), links=[
        {"url": here(urls.group(g)), "label": group_name(g, lang), "count": len(by_group.get(g, []))} for g in GROUPS])
    for g in GROUPS:
        es = by_group.get(g, [])
        active = [e for e in es if e.derived.active]
        rest = [e for e in es if not e.derived.active]
        yield from page(urls.group(g), group_name(g, lang), sections=[
            {"anchor": "active", "title": t(lang, "active_section"), "items": items(active)},
            {"anchor": "other", "title": t(lang, "other_section"), "items": items(rest)},
        ])

    by_stars = _by([e for e in entries if e.derived.active], lambda e: e.derived.stars)
    yield from page(urls.stars(), t(lang, "by_stars"), intro=t(lang, "stars_intro"),
               links=[{"url": here(urls.star_level(n)), "label": f"{star_glyphs(n)} {t(lang, 'n_stars', n=n)}",
                       "count": len(by_stars.get(n, []))} for n in (5, 4, 3)])
    for n in (5, 4, 3):
        es = by_stars.get(n, [])
        yield from page(urls.star_level(n), t(lang, "stars_title", n=n), sections=[
            {"anchor": g, "title": group_name(g, lang), "items": items([e for e in es if e.record.group == g])}
            for g in GROUPS if any(e.record.group == g for e in es)])

    by_status = _by(entries, lambda e: e.derived.status)
    yield from page(urls.status_list(), t(lang, "by_status"), sections=[
        {"anchor": s, "title": t(lang, f"status.{s}").capitalize(), "items": items(by_status.get(s, []))}
        for s in STATUSES if by_status.get(s)])


def district_pages(catalogue: Catalogue, env: Environment, summaries: dict[str, dict[str, Any]], lang: str,
                   extra: Callable[[str], str] = lambda did: "") -> Iterator[Page]:
    template = env.get_template("district.html")
    listing = env.get_template("listing.html")
    by_district = _by(catalogue.entries, lambda e: e.record.district)
    site_url = catalogue.config.site.url
    render = listing_renderer(listing, site_url, lang)
    links = []
    for d in catalogue.config.districts:
        es = by_district.get(d.id, [])
        path = urls.in_lang(lang, urls.district(d.id))
        english = lang == "en" and bool(d.name_en)
        links.append({"url": path, "label": d.name_en if english else d.name, "count": len(es),
                      "lang": "en" if english else "vi"})
        stars = Counter(e.derived.stars for e in es if e.derived.active)
        producers = sorted({(e.record.producer.name, t(lang, f"producer.{e.record.producer.type}")) for e in es})
        communes = []
        by_commune = _by(es, lambda e: e.record.commune)
        for c in d.communes:
            ces = sorted((summaries[e.id] for e in by_commune.get(c.id, [])), key=_sort_key)
            if ces:
                more = (f"{urls.in_lang(lang, 'search/')}?q={quote_plus(c.name)}&district={quote_plus(d.id)}"
                        if len(ces) > COMMUNE_LINKS else None)
                communes.append({"name": c.name, "items": ces[:COMMUNE_LINKS], "total": len(ces), "more": more})
        sections, numbered = split_sections(path, d.name_en if english else d.name, [
            {"anchor": g, "title": group_name(g, lang),
             "items": sorted((summaries[e.id] for e in es if e.record.group == g), key=_sort_key)}
            for g in GROUPS if any(e.record.group == g for e in es)], lang, render)
        yield from numbered
        view = {
            "title": d.name_en if english else d.name, "title_lang": "en" if english else "vi",
            "subtitle": d.name if english else d.name_en, "subtitle_lang": "vi" if english else "en",
            "now_part_of": d.now_part_of, "total": len(es),
            "became": placeview.district_became(catalogue, d.id, lang),
            "active": sum(e.derived.active for e in es), "producers": producers,
            "by_stars": [(n, stars[n]) for n in (5, 4, 3) if stars[n]],
            "labels_url": urls.district_labels(d.id),
            "plan_html": Markup(extra(d.id)),
            "sections": sections,
            "communes": communes,
        }
        yield Page(path=path, title=view["title"], body=template.render(d=view, **links_for(path, lang)),
                   head=hreflang(site_url, path, lang), lang=lang)
    path = urls.in_lang(lang, urls.districts())
    yield Page(path=path, title=t(lang, "by_district"), head=hreflang(site_url, path, lang), lang=lang,
               body=listing.render(title=t(lang, "by_district"), intro="", links=links, sections=[],
                                   **links_for(path, lang)))


def home_page(catalogue: Catalogue, env: Environment, summaries: dict[str, dict[str, Any]], lang: str) -> Page:
    entries = catalogue.entries
    site = catalogue.config.site
    active = [e for e in entries if e.derived.active]
    stars = Counter(e.derived.stars for e in active)
    groups = Counter(e.record.group for e in entries)
    districts = Counter(e.record.district for e in entries)
    recent = sorted((e for e in active if e.derived.current), key=lambda e: e.derived.current.date, reverse=True)[:6]  # type: ignore[union-attr]
    path = urls.in_lang(lang, "")
    english = lang == "en"
    body = env.get_template("home.html").render(
        title=(site.name_en or site.name) if english else site.name,
        description=(site.description_en or site.description) if english else site.description,
        totals={"active": len(active), "all": len(entries), "districts": len(catalogue.config.districts),
                "producers": len({e.record.producer.name for e in entries})},
        stars=[{"n": n, "url": urls.in_lang(lang, urls.star_level(n)), "label": t(lang, "n_stars", n=n),
                "count": stars[n]} for n in (5, 4, 3)],
        groups=[{"url": urls.in_lang(lang, urls.group(g)), "label": group_name(g, lang), "count": groups[g]}
                for g in GROUPS],
        districts=[{"url": urls.in_lang(lang, urls.district(d.id)),
                    "label": d.name_en if english and d.name_en else d.name, "count": districts[d.id],
                    "lang": "en" if english and d.name_en else "vi"}
                   for d in catalogue.config.districts],
        recent=[summaries[e.id] for e in recent],
        wards=placeview.ward_links(catalogue, lang), wards_url=urls.in_lang(lang, urls.wards()),
        **links_for(path, lang),
    )
    return Page(path=path, title=(site.name_en or site.name) if english else site.name, body=body,
                head=hreflang(site.url, path, lang), lang=lang)


def search_page(env: Environment, site_url: str, lang: str, index: str = "search/") -> Page:
    """The search page; ``index`` is the site folder of the search index (search/<digest>/)."""
    path = urls.in_lang(lang, "search/")
    helpers = links_for(path, lang)
    # The index holds codes; the page's language names them.
    labels = {
        "status": {s: t(lang, f"status_short.{s}") for s in STATUSES},
        "group": {g: group_name(g, lang, short=True) for g in GROUPS},
        "producer": {p: t(lang, f"producer.{p}") for p in PRODUCER_TYPES},
        "stars": {str(n): t(lang, "n_stars", n=n) for n in (1, 2, 3, 4, 5)} | {"0": t(lang, "no_stars")},
    }
    words = json.dumps({"lang": lang, "labels": labels, **{k: t(lang, k) for k in SEARCH_WORDS}}, ensure_ascii=False)
    body = env.get_template("search.html").render(words=words, index=helpers["rel"](index), **helpers)
    body += f'<script src="{escape(helpers["rel"]("assets/ocop/search.js"))}" defer></script>'
    return Page(path=path, title=t(lang, "search_page"), body=body, head=hreflang(site_url, path, lang), lang=lang)


# Words the search script shows (passed to it as JSON in a data attribute).
SEARCH_WORDS = ("no_results", "searching", "type_or_filter", "n_products", "search_failed", "stars", "did_you_mean",
                "some_words",
                "f.group", "f.stars", "f.status", "f.district", "f.producer")


def guide_page(contributing: Path, lang: str = "vi") -> Page | None:
    """The stewards' guide on the site, in the page's language: CONTRIBUTING.md (Vietnamese) or,
    beside it, CONTRIBUTING.en.md (English), both generated from the schema. Without an English
    file the English site shows the Vietnamese guide, marked as such."""
    english = contributing.with_name("CONTRIBUTING.en.md")
    source, source_lang = (english, "en") if lang == "en" and english.is_file() else (contributing, "vi")
    if not source.is_file():
        return None
    from markdown_it import MarkdownIt

    text = source.read_text(encoding="utf-8")
    if text.startswith("<!--"):
        text = text.split("-->", 1)[1]  # the "generated file" note is for the repository, not readers
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    # The repository's link to the other language's file: the site has its own switch, just below.
    html = re.sub(r'<p><em>[^<]*<a href="CONTRIBUTING(\.en)?\.md">[^<]*</a>\.</em></p>\n', "", html, count=1)
    html = html.replace("<table>", '<div class="md-typeset__scrollwrap" tabindex="0" role="region" '
                                   f'aria-label="{escape(t(lang, "table"))}"><div class="md-typeset__table"><table>')
    html = html.replace("</table>", "</table></div></div>")
    path = urls.in_lang(lang, "guide/")
    switch = (f'<p class="ocop-lang"><a href="{escape(urls.relative(path, urls.translated(path, lang)))}" '
              f'hreflang="{t(lang, "language_code")}" lang="{t(lang, "language_code")}">{escape(t(lang, "in_other_language"))}</a></p>')
    body = html if source_lang == lang else f'<div lang="{source_lang}">{html}</div>'
    return Page(path=path, title=t(lang, "guide"), body=switch + body, lang=lang)


def all_pages(catalogue: Catalogue, theme_dir: Path, district_extra: Callable[[str, str], str] = lambda did, lang: "",
              lang: str = "vi", search_index: "str | Callable[[], str]" = "search/",
              keys: dict[str, str] | None = None, env: Environment | None = None) -> list[Page]:
    """Every Material-wrapped page of one language. ``search_index`` is the index's folder, or
    what to call for it: it is only asked for once the other pages are made."""
    env = env or environment(theme_dir, lang)
    summaries = {e.id: summary_view(e, catalogue, lang) for e in catalogue.entries}
    pages = [home_page(catalogue, env, summaries, lang)]
    pages += listing_pages(catalogue, env, summaries, lang)
    pages += district_pages(catalogue, env, summaries, lang, lambda did: district_extra(did, lang))
    pages += placeview.ward_pages(catalogue, env, summaries, lang)
    pages += product_pages(catalogue, env, summaries, lang, keys)
    folder = search_index if isinstance(search_index, str) else search_index()
    pages.insert(1, search_page(env, catalogue.config.site.url, lang, folder))
    return pages
