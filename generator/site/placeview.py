"""Where a product is, in words and links: today's ward or commune and, for a record that names
the certificate's former units, where the certificate placed it; the pages of today's wards and
communes (``places/<code>/``), and what the former-district pages and the home page say of them.

"Phường Mộc Châu, tỉnh Sơn La — trên giấy chứng nhận: xã Mường Sang, huyện Mộc Châu". Unit names
are Vietnamese proper names in both languages (marked ``lang="vi"`` by the templates).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from jinja2 import Environment

from .. import places
from ..placing import Where, district_today, osm_link, where
from ..schema import GROUPS
from ..validate import Catalogue, Entry
from . import urls
from .strings import group_name, t

# Kind words that open a unit's name; lower case inside a sentence ("huyện Mộc Châu").
_KINDS = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")


def in_sentence(name: str) -> str:
    """A unit's name as written inside a sentence: its kind word in lower case."""
    for kind in _KINDS:
        if name.startswith(kind + " "):
            return kind.lower() + name[len(kind):]
    return name


def where_of(catalogue: Catalogue, entry: Entry) -> Where:
    """``placing.where`` of an entry, once per catalogue (every page kind asks, 15 times a product)."""
    memo = _memo(catalogue, "where")
    found = memo.get(entry.id)
    if found is None or found[0] is not entry.record:
        found = memo[entry.id] = (entry.record, where(entry.record, catalogue.config))
    return found[1]  # type: ignore[no-any-return]


def _memo(catalogue: Catalogue, name: str) -> dict[str, Any]:
    """A memo of ``catalogue``'s configuration (placing.memo), looked up once per catalogue: reading
    a pydantic model's private attribute costs 12 µs, and the pages ask 45,000 times at 3,000
    products."""
    if catalogue.__dict__.get("_memo_of") is not catalogue.config:
        catalogue.__dict__["_memo_of"] = catalogue.config
        catalogue.__dict__["_memos"] = catalogue.config._places
    return catalogue.__dict__["_memos"].setdefault(name, {})  # type: ignore[no-any-return]


def today_text(w: Where) -> str:
    """"Phường Mộc Châu, tỉnh Sơn La" (or the province alone when the unit cannot be told)."""
    province = in_sentence(w.province.name) if w.province else ""
    if w.today is None:
        return province[:1].upper() + province[1:]
    return ", ".join(x for x in (w.today.name, province) if x)


def certified_text(w: Where) -> str:
    """"xã Mường Sang, huyện Mộc Châu" (", tỉnh Trà Vinh" when that province is no more)."""
    if not w.certified:
        return ""
    return ", ".join(in_sentence(x) for x in (w.commune, w.district, w.former_province) if x)


def product_place(catalogue: Catalogue, entry: Entry, lang: str) -> dict[str, Any]:
    """What the product page says of the product's place (see theme/ocop/product.html)."""
    w = where_of(catalogue, entry)
    return {
        "today": today_text(w),
        "today_url": urls.in_lang(lang, urls.ward(w.today.code)) if w.today else None,
        "certified": certified_text(w),
        "map": osm_link(w.today),
    }


def search_text(catalogue: Catalogue, entry: Entry) -> str:
    """Today's and the certificate's unit names, for search (folded there, tones ignored)."""
    w = where_of(catalogue, entry)
    return " ".join(x for x in (w.today.name if w.today else "", w.commune, w.district, w.former_province) if x)


def open_data(catalogue: Catalogue, entry: Entry) -> dict[str, Any]:
    """Both places with the official codes, for the product's JSON (``derived``)."""
    w = where_of(catalogue, entry)
    today = None
    if w.today is not None or w.province is not None:
        today = {
            "ward_code": w.today.code if w.today else None,
            "ward": w.today.name if w.today else None,
            "province_code": w.province.code if w.province else None,
            "province": w.province.name if w.province else None,
            "lat": w.today.lat if w.today else None,
            "lon": w.today.lon if w.today else None,
            "also_codes": [u.code for u in w.also] or None,
        }
    certified = {"district": w.district, "commune": w.commune or None,
                 "former_province": w.former_province or None} if w.certified else None
    return {"today": today, "as_certified": certified}


# ---------------------------------------------------------------------------------------------
# Pages of today's wards and communes


def products_by_ward(catalogue: Catalogue) -> dict[str, list[Entry]]:
    """The catalogue's products by today's unit (asked by every district page and the home page:
    made once per catalogue)."""
    memo = _memo(catalogue, "by_ward")
    if memo.get("entries") is not catalogue.entries:
        out: dict[str, list[Entry]] = defaultdict(list)
        for e in catalogue.entries:
            w = where_of(catalogue, e)
            if w.today is not None:
                out[w.today.code].append(e)
        memo.update(entries=catalogue.entries, by_ward=dict(out))
    return memo["by_ward"]  # type: ignore[no-any-return]


def ward_links(catalogue: Catalogue, lang: str) -> list[dict[str, Any]]:
    """Today's units that have products, in the official order, with counts (home, index page)."""
    by_ward = products_by_ward(catalogue)
    units = {code: es[0] for code, es in by_ward.items()}
    return [{"url": urls.in_lang(lang, urls.ward(code)), "label": where_of(catalogue, units[code]).today.name,  # type: ignore[union-attr]
             "count": len(by_ward[code]), "lang": "vi"} for code in sorted(by_ward)]  # official names, in Vietnamese


def district_became(catalogue: Catalogue, district_id: str, lang: str) -> list[dict[str, Any]]:
    """Today's units a former district became, linked when they have a page (district pages)."""
    have = products_by_ward(catalogue)
    return [{"name": u.name, "url": urls.in_lang(lang, urls.ward(u.code)) if u.code in have else None}
            for u in district_today(catalogue.config, district_id)]


def _former_names(code: str, lang: str) -> str:
    """"phường Mường Sang, xã Chiềng Hắc (thị xã Mộc Châu); …": the official crosswalk."""
    by_district: dict[str, list[str]] = defaultdict(list)
    for c, d, part in places.made_of(code):
        if c.code:
            by_district[d.name].append(in_sentence(c.name) + (f" ({t(lang, 'in_part')})" if part else ""))
        else:
            by_district[d.name] = []
    return "; ".join(f"{', '.join(names)} ({in_sentence(d)})" if names else in_sentence(d)
                     for d, names in by_district.items())


def ward_pages(catalogue: Catalogue, env: Environment, summaries: dict[str, dict[str, Any]],
               lang: str) -> Iterator[Any]:
    """One page per today's unit that has products, and their index (``places/``)."""
    from .pages import Page, hreflang, links_for, listing_renderer, split_sections  # pages imports this module

    template = env.get_template("ward.html")
    render = listing_renderer(env.get_template("listing.html"), catalogue.config.site.url, lang)
    by_ward = products_by_ward(catalogue)
    for code, es in sorted(by_ward.items()):
        w = where_of(catalogue, es[0])
        path = urls.in_lang(lang, urls.ward(code))
        title = w.today.name  # type: ignore[union-attr]
        districts = sorted({e.record.district for e in es if e.record.district})
        sections, extra = split_sections(path, title, [
            {"anchor": g, "title": group_name(g, lang),
             "items": sorted((summaries[e.id] for e in es if e.record.group == g),
                             key=lambda s: (-(s["stars"] or 0), s["title"]))}
            for g in GROUPS if any(e.record.group == g for e in es)], lang, render)
        view = {"title": title, "where": today_text(w), "map": osm_link(w.today), "former": _former_names(code, lang),
                "districts": [{"url": urls.in_lang(lang, urls.district(did)), "label": d.name}
                              for did in districts if (d := catalogue.config.district(did))],
                "sections": sections}
        yield Page(path=path, title=title, body=template.render(w=view, **links_for(path, lang)),
                   head=hreflang(catalogue.config.site.url, path, lang), lang=lang)
        yield from extra
    path = urls.in_lang(lang, urls.wards())
    yield render(path, t(lang, "by_ward"), intro=t(lang, "by_ward_intro"), links=ward_links(catalogue, lang))
