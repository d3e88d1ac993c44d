"""The HTML pages of the catalogue (product, district, listings, home), as bodies for the theme.

Bodies are rendered here with an autoescaping Jinja environment from ``theme/ocop/``; MkDocs then
wraps each in the Material layout (see ``mkdocs_adapter``). Nothing a record says reaches a page
unescaped: the description is the only HTML, and it comes from the safe Markdown renderer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..derive import STATUSES
from ..schema import GROUPS
from ..validate import Catalogue, Entry
from . import jsonld, urls
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

    @property
    def src_uri(self) -> str:
        return f"{self.path}index.md" if self.path else "index.md"


def environment(theme_dir: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(str(theme_dir / "ocop")), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["t"] = lambda key: t("vi", key)
    return env


def relative_to(page_path: str) -> Callable[[str], str]:
    def rel(target: str) -> str:
        return urls.relative(page_path, target)
    return rel


def _sort_key(item: dict[str, Any]) -> tuple[int, str]:
    return (-(item["stars"] or 0), item["name"])


def product_pages(catalogue: Catalogue, env: Environment, summaries: dict[str, dict[str, Any]]) -> Iterator[Page]:
    template = env.get_template("product.html")
    for entry in catalogue.entries:
        view = product_view(entry, catalogue)
        path = urls.product(entry.id)
        yield Page(
            path=path,
            title=entry.record.name,
            body=template.render(p=view, rel=relative_to(path)),
            head=product_head(entry, catalogue, view),
            description=entry.record.summary,
            in_search=True,
            meta={"id": entry.id, "summary": summaries[entry.id]},
        )


def product_head(entry: Entry, catalogue: Catalogue, view: dict[str, Any]) -> str:
    """Open Graph, Twitter, canonical and JSON-LD for a product page (all values escaped)."""
    site = catalogue.config.site
    page_url = view["page_url"]
    image = urls.absolute(site.url, urls.product_preview(entry.id))
    title = f"{entry.record.name} · OCOP {view['shown_glyphs']} {view['status_text']}".strip()
    tags = [
        ("og:type", "product"), ("og:url", page_url), ("og:title", title),
        ("og:description", entry.record.summary), ("og:image", image), ("og:image:width", "1200"),
        ("og:image:height", "630"), ("og:locale", "vi_VN"), ("og:site_name", site.name),
    ]
    lines = [f'<meta property="{escape(k)}" content="{escape(v)}">' for k, v in tags]
    lines += [
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:title" content="{escape(title)}">',
        f'<meta name="twitter:description" content="{escape(entry.record.summary)}">',
        f'<meta name="twitter:image" content="{escape(image)}">',
        jsonld.script_tag(jsonld.product(entry, catalogue)),
    ]
    return "\n".join(lines)


def _by(entries: list[Entry], key: Callable[[Entry], Any]) -> dict[Any, list[Entry]]:
    groups: dict[Any, list[Entry]] = defaultdict(list)
    for e in entries:
        groups[key(e)].append(e)
    return groups


def listing_pages(catalogue: Catalogue, env: Environment, summaries: dict[str, dict[str, Any]]) -> Iterator[Page]:
    listing = env.get_template("listing.html")
    entries = catalogue.entries

    def items(es: list[Entry]) -> list[dict[str, Any]]:
        return sorted((summaries[e.id] for e in es), key=_sort_key)

    def page(path: str, title: str, **ctx: Any) -> Page:
        ctx.setdefault("intro", "")
        ctx.setdefault("links", [])
        ctx.setdefault("sections", [])
        return Page(path=path, title=title, body=listing.render(title=title, rel=relative_to(path), **ctx))

    by_group = _by(entries, lambda e: e.record.group)
    yield page(urls.groups(), t("vi", "by_group"), links=[
        {"url": urls.group(g), "label": name, "count": len(by_group.get(g, []))} for g, name in GROUPS.items()])
    for g in GROUPS:
        es = by_group.get(g, [])
        active = [e for e in es if e.derived.active]
        rest = [e for e in es if not e.derived.active]
        yield page(urls.group(g), group_name(g), sections=[
            {"anchor": "active", "title": "Còn hiệu lực", "items": items(active)},
            {"anchor": "other", "title": "Hết hạn, thu hồi, chưa xếp hạng", "items": items(rest)},
        ])

    by_stars = _by([e for e in entries if e.derived.active], lambda e: e.derived.stars)
    yield page(urls.stars(), t("vi", "by_stars"), intro="Sản phẩm có chứng nhận OCOP còn hiệu lực, theo số sao.",
               links=[{"url": urls.star_level(n), "label": f"{star_glyphs(n)} {n} sao", "count": len(by_stars.get(n, []))}
                      for n in (5, 4, 3)])
    for n in (5, 4, 3):
        es = by_stars.get(n, [])
        yield page(urls.star_level(n), f"Sản phẩm OCOP {n} sao", sections=[
            {"anchor": g, "title": group_name(g), "items": items([e for e in es if e.record.group == g])}
            for g in GROUPS if any(e.record.group == g for e in es)])

    by_status = _by(entries, lambda e: e.derived.status)
    yield page(urls.status_list(), t("vi", "by_status"), sections=[
        {"anchor": s, "title": t("vi", f"status.{s}").capitalize(), "items": items(by_status.get(s, []))}
        for s in STATUSES if by_status.get(s)])


def district_pages(catalogue: Catalogue, env: Environment, summaries: dict[str, dict[str, Any]],
                   extra: Callable[[str], str] = lambda did: "") -> Iterator[Page]:
    template = env.get_template("district.html")
    listing = env.get_template("listing.html")
    by_district = _by(catalogue.entries, lambda e: e.record.district)
    links = []
    for d in catalogue.config.districts:
        es = by_district.get(d.id, [])
        links.append({"url": urls.district(d.id), "label": d.name, "count": len(es)})
        path = urls.district(d.id)
        stars = Counter(e.derived.stars for e in es if e.derived.active)
        producers = sorted({(e.record.producer.name, t("vi", f"producer.{e.record.producer.type}")) for e in es})
        communes = []
        for c in d.communes:
            ces = [e for e in es if e.record.commune == c.id]
            if ces:
                communes.append({"name": c.name, "items": sorted((summaries[e.id] for e in ces), key=_sort_key)})
        view = {
            "name": d.name, "name_en": d.name_en, "now_part_of": d.now_part_of, "total": len(es),
            "active": sum(e.derived.active for e in es), "producers": producers,
            "by_stars": [(n, stars[n]) for n in (5, 4, 3) if stars[n]],
            "labels_url": urls.district_labels(d.id),
            "plan_html": Markup(extra(d.id)),
            "sections": [{"anchor": g, "title": group_name(g),
                          "items": sorted((summaries[e.id] for e in es if e.record.group == g), key=_sort_key)}
                         for g in GROUPS if any(e.record.group == g for e in es)],
            "communes": communes,
        }
        yield Page(path=path, title=d.name, body=template.render(d=view, rel=relative_to(path)))
    path = urls.districts()
    yield Page(path=path, title=t("vi", "by_district"),
               body=listing.render(title=t("vi", "by_district"), intro="", links=links, sections=[],
                                   rel=relative_to(path)))


def home_page(catalogue: Catalogue, env: Environment, summaries: dict[str, dict[str, Any]]) -> Page:
    entries = catalogue.entries
    active = [e for e in entries if e.derived.active]
    stars = Counter(e.derived.stars for e in active)
    groups = Counter(e.record.group for e in entries)
    districts = Counter(e.record.district for e in entries)
    recent = sorted((e for e in active if e.derived.current), key=lambda e: e.derived.current.date, reverse=True)[:6]  # type: ignore[union-attr]
    body = env.get_template("home.html").render(
        site=catalogue.config.site,
        totals={"active": len(active), "all": len(entries), "districts": len(catalogue.config.districts),
                "producers": len({e.record.producer.name for e in entries})},
        stars=[{"n": n, "url": urls.star_level(n), "label": f"{n} sao", "count": stars[n]} for n in (5, 4, 3)],
        groups=[{"url": urls.group(g), "label": group_name(g), "count": groups[g]} for g in GROUPS],
        districts=[{"url": urls.district(d.id), "label": d.name, "count": districts[d.id]}
                   for d in catalogue.config.districts],
        recent=[summaries[e.id] for e in recent],
        rel=relative_to(""),
    )
    return Page(path="", title=catalogue.config.site.name, body=body)


def search_page(env: Environment) -> Page:
    path = "search/"
    rel = relative_to(path)
    body = env.get_template("search.html").render(rel=rel)
    body += f'<script src="{escape(rel("assets/ocop/search.js"))}" defer></script>'
    return Page(path=path, title="Tìm kiếm", body=body)


def guide_page(contributing: Path) -> Page | None:
    """The stewards' guide on the site: CONTRIBUTING.md (generated from the schema), rendered."""
    if not contributing.is_file():
        return None
    from markdown_it import MarkdownIt

    text = contributing.read_text(encoding="utf-8")
    if text.startswith("<!--"):
        text = text.split("-->", 1)[1]  # the "generated file" note is for the repository, not readers
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    html = html.replace("<table>", '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>')
    html = html.replace("</table>", "</table></div></div>")
    return Page(path="guide/", title="Hướng dẫn cho cán bộ cập nhật dữ liệu", body=html)


def all_pages(catalogue: Catalogue, theme_dir: Path, district_extra: Callable[[str], str] = lambda did: "") -> list[Page]:
    env = environment(theme_dir)
    summaries = {e.id: summary_view(e, catalogue) for e in catalogue.entries}
    pages = [home_page(catalogue, env, summaries), search_page(env)]
    pages += listing_pages(catalogue, env, summaries)
    pages += district_pages(catalogue, env, summaries, district_extra)
    pages += product_pages(catalogue, env, summaries)
    return pages

