"""What a page shows about a product, already in words: templates only lay it out.

Everything a record says stays plain text here; the page templates are rendered with
autoescaping, and the description is the only HTML, produced by the safe Markdown renderer.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from .. import grading
from ..markdown import render as render_markdown
from ..validate import Catalogue, Entry
from . import badge, directions, placeview, urls
from .contact import report_link
from .strings import fmt_date, fmt_number, group_name, star_glyphs, t


def place_names(catalogue: Catalogue, entry: Entry) -> tuple[str, str, str]:
    """(district name, commune name, now-part-of note) for a record."""
    places, r = catalogue.places, entry.record
    if r.district is None:  # a record of since the reform: today's ward or commune in the district's place
        w = placeview.where_of(catalogue, entry)
        return (w.today.name if w.today else "", "", "")
    return places.get((r.district, r.commune)) or places.get((r.district, None)) or (r.district, "", "")


def summary_view(entry: Entry, catalogue: Catalogue, lang: str = "vi") -> dict[str, Any]:
    """The short facts used in listings, search results and the open-data files."""
    r, d = entry.record, entry.derived
    district, commune, _ = place_names(catalogue, entry)
    stars = d.stars if d.active else None
    english = lang == "en" and bool(r.name_en)
    return {
        "id": r.id,
        "name": r.name,
        "name_en": r.name_en,
        # What a listing shows: the English name on English pages when there is one.
        "title": r.name_en if english else r.name,
        "title_lang": "en" if english else "vi",
        "url": urls.in_lang(lang, urls.product(r.id)),
        "summary": r.summary,
        "group": r.group,
        "group_name": group_name(r.group, lang, short=True),
        "district_id": r.district,
        "district": district,
        "commune": commune,
        "producer": r.producer.name,
        "producer_type": r.producer.type,
        "status": d.status,
        "status_text": t(lang, f"status_short.{d.status}"),
        "stars": stars,
        "stars_glyphs": star_glyphs(stars),
        "last_stars": d.last_stars,
        "valid_until": fmt_date(d.valid_until, lang),
        "thumbnail": urls.product_image_webp(r.id, r.images[0].file) if r.images else None,
        "thumbnail_alt": r.images[0].alt if r.images else "",
    }


def product_view(entry: Entry, catalogue: Catalogue, lang: str = "vi") -> dict[str, Any]:
    r, d = entry.record, entry.derived
    site = catalogue.config.site
    district, commune, now_part_of = place_names(catalogue, entry)
    shown = d.shown
    view = summary_view(entry, catalogue, lang)
    page_url = urls.absolute(site.url, urls.product(r.id))  # the QR code's address, for snippets
    own_url = urls.absolute(site.url, urls.in_lang(lang, urls.product(r.id)))
    english = lang == "en"
    province = catalogue.config.province.name
    summary_en = english and bool(r.summary_en)
    description_en = english and bool(r.description_en)
    view.update({
        "page_url": page_url,
        # The address this very page has, printed for the shopper to compare with the address bar.
        "official_url": own_url,
        "report": report_link(catalogue.config, r.id, own_url, lang),
        "subtitle": (r.name if view["title_lang"] == "en" else r.name_en) if english else r.name_en,
        "subtitle_lang": "vi" if english and view["title_lang"] == "en" else "en",
        "summary_text": r.summary_en if summary_en else r.summary,
        "summary_lang": "en" if summary_en else "vi",
        "description_html": render_markdown(r.description_en if description_en else r.description),
        "description_lang": "en" if description_en else "vi",
        "other_language_url": urls.translated(urls.in_lang(lang, urls.product(r.id)), lang),
        "status_words": t(lang, f"status.{d.status}"),
        "verdicts": verdicts(entry, lang),
        "later": later_verdicts(entry, lang),
        # Glyphs for short texts (badge alt, link titles): only a current rating shows stars.
        "current_glyphs": star_glyphs(d.stars),
        "valid_until_iso": d.valid_until.isoformat() if d.valid_until else "",
        "as_of": fmt_date(catalogue.today, lang),
        "as_of_iso": catalogue.today.isoformat(),
        "certificate": _certificate(shown, lang) if shown else None,
        "now_part_of": now_part_of,
        "district_url": urls.in_lang(lang, urls.district(r.district) if r.district else urls.ward(r.ward or "")),
        "place": placeview.product_place(catalogue, entry, lang),
        "group_url": urls.in_lang(lang, urls.group(r.group)),
        "group_full": group_name(r.group, lang),
        "product_set": r.product_set,
        "gtin": r.gtin,
        "producer": {
            "name": r.producer.name,
            "type": t(lang, f"producer.{r.producer.type}"),
            "address": r.producer.address,
            "phone": r.producer.phone,
            "tel": "".join(c for c in (r.producer.phone or "") if c.isdigit() or c == "+"),
            "email": r.producer.email,
            "website": r.producer.website,
        },
        # Label and packaging photos first: what a shopper compares with the pack in hand.
        "images": [_photo(catalogue, entry, i.file, i.alt, t(lang, f"photo.{i.kind}") if i.kind in SHOWN_FIRST else "")
                   for i in sorted(r.images, key=lambda i: SHOWN_FIRST.get(i.kind or "", len(SHOWN_FIRST)))],
        "raw_material": r.raw_material.model_dump() if r.raw_material else None,
        "local_share": fmt_number(r.raw_material.local_share, lang) if r.raw_material and r.raw_material.local_share is not None else None,
        "standards": list(r.standards),
        "modern_retail": bool(r.sales and r.sales.modern_retail),
        "points_of_sale": [{**p.model_dump(), "directions": directions.to_address(p.address, province) if p.address
                            else None} for p in r.sales.points_of_sale] if r.sales else [],
        "marketplaces": [{"platform": m.platform, "label": t(lang, f"platform.{m.platform}"), "shop": m.shop,
                          "url": m.url} for m in r.sales.marketplaces] if r.sales else [],
        "directions": _directions(catalogue, entry),
        "craft_village": r.attributes.craft_village if r.attributes else None,
        "history": [_certificate(c, lang) for c in reversed(r.certifications)],
        "withdrawn": {"date": fmt_date(r.withdrawn.date, lang), "reason": r.withdrawn.reason} if r.withdrawn else None,
        "qr_svg": urls.product_qr_svg(r.id),
        "qr_png": urls.product_qr_png(r.id),
        "badge": urls.product_badge(r.id),
        # The PNG badges and the sticker, drawn in the seller's browser (theme/assets/ocop/sellerkit.js).
        "kit": badge.kit(r.id, shown.stars if shown else None, d.status, verdict_date(entry, d.status)),
        "badge_url": urls.absolute(site.url, urls.product_badge(r.id)),
        "json": urls.product_json(r.id),
    })
    alt = f"OCOP {view['current_glyphs']} {t(lang, 'status_short.' + d.status)}".replace("  ", " ")
    snippet = f'<a href="{page_url}"><img src="{view["badge_url"]}" alt="{alt}" height="20"></a>'
    # For the <textarea>, whose text only needs & and < escaped (the default escaping spells each
    # of its eight quotes &#34;: 40 bytes on every product page). The addresses are the config's
    # checked https URL and an id; the alt text is the site's own words.
    view["badge_html"] = Markup(snippet.replace("&", "&amp;").replace("<", "&lt;"))
    # The Markdown snippet is made from this one by sellerkit.js: [![alt](badge)](page).
    return view


# What the status can become in the visitor's browser after the build (theme/assets/ocop/ocop.js
# recomputes it from the validity date): the page shows the verdict as built and carries what
# differs in each later one (``later_verdicts``).
LATER = {"valid": ("valid", "expiring", "expired"), "expiring": ("expiring", "expired")}


def verdict_date(entry: Entry, status: str) -> date | None:
    """The one date that goes with a status: valid until, expired since, revoked on, withdrawn since."""
    r, d = entry.record, entry.derived
    shown = d.shown
    if status in ("valid", "expiring"):
        return d.valid_until
    if status == "expired" and d.valid_until:
        return d.valid_until + timedelta(days=1)  # valid_until is the last valid day
    if status == "revoked" and shown and shown.revoked:
        return shown.revoked.date
    if status == "withdrawn" and r.withdrawn:
        return r.withdrawn.date
    return None


def verdicts(entry: Entry, lang: str) -> list[dict[str, Any]]:
    """The panel's headline for the status as built and each status it may turn into in the
    browser: status word (ocop.css draws its icon), the one date that goes with it, and the stars,
    as a current rating only while the certificate is valid; once expired or revoked they are
    history ("đã từng đạt")."""
    d = entry.derived
    stars = d.shown.stars if d.shown else None
    out = []
    for status in LATER.get(d.status, (d.status,)):
        when = verdict_date(entry, status)
        current = status in ("valid", "expiring")
        out.append({
            "status": status,
            "words": t(lang, f"status.{status}"),
            "when": t(lang, f"verdict.{status}", date=fmt_date(when, lang)) if when else "",
            "stars": stars,
            "current": current,
            "glyphs": star_glyphs(stars),
            "stars_text": t(lang, "stars_now" if current else "stars_before", n=stars) if stars else "",
            "note": t(lang, "expired_note") if status == "expired" else "",
        })
    return out


def later_verdicts(entry: Entry, lang: str) -> dict[str, dict[str, Any]]:
    """What the page's script changes when the visitor's date turns the status into another one
    (data-later of the panel, read by ocop.js): for each later status, the parts of its verdict
    that differ from the built one: words, the date's phrase, stars text, whether the stars are
    still a current rating, the note (the icon follows the verdict's class: ocop.css). A few
    hundred bytes instead of a hidden copy of the whole verdict for each status."""
    built, *later = verdicts(entry, lang)
    out = {}
    for v in later:
        changed = {"words": v["words"]}
        for key in ("when", "stars_text", "current", "note"):
            if v[key] != built[key]:
                changed[key] = v[key]
        out[v["status"]] = changed
    return out


def _directions(catalogue: Catalogue, entry: Entry) -> dict[str, str] | None:
    """How to get to the producer: to the centre of today's ward or commune when it is known (the
    link names it: nobody should expect a door), else to the producer's address; None without either."""
    today = placeview.where_of(catalogue, entry).today
    if today is not None and today.lat is not None and today.lon is not None:
        return {"url": directions.to_point(today.lat, today.lon), "place": today.name}
    address = entry.record.producer.address
    if address:
        return {"url": directions.to_address(address, catalogue.config.province.name), "place": ""}
    return None


SHOWN_FIRST = {"label": 0, "packaging": 1}  # images[].kind, in the order a product page shows them


def _photo(catalogue: Catalogue, entry: Entry, file: str, alt: str, caption: str = "") -> dict[str, Any]:
    from .assets import photo_size

    width, height = photo_size(catalogue.root / entry.source.rsplit("/", 1)[0] / entry.id / file)
    return {"src": urls.product_image(entry.id, file), "webp": urls.product_image_webp(entry.id, file),
            "alt": alt, "width": width, "height": height, "caption": caption}


def _certificate(cert: Any, lang: str) -> dict[str, Any]:
    criteria = grading.criteria_of(cert)
    parts = None
    if cert.parts is not None:
        maxima = grading.PART_MAXIMA[criteria]
        parts = [{"label": t(lang, f"part_{k.lower()}"), "value": fmt_number(getattr(cert.parts, k), lang),
                  "max": fmt_number(maxima[k], lang), "pct": round(100 * getattr(cert.parts, k) / maxima[k])}
                 for k in ("A", "B", "C")]
    return {
        "level": t(lang, f"level.{cert.level}"),
        "decision": cert.decision,
        "date": fmt_date(cert.date, lang),
        "stars": cert.stars,
        "glyphs": star_glyphs(cert.stars),
        "score": fmt_number(cert.score, lang) if cert.score is not None else None,
        "parts": parts,
        "criteria": f"{criteria}",
        "valid_until": fmt_date(grading.valid_until(cert), lang),
        "kind": t(lang, f"kind.{cert.kind}") if cert.kind else "",
        "issued_by": cert.issued_by,
        "source": cert.source,
        "revoked": {"date": fmt_date(cert.revoked.date, lang), "decision": cert.revoked.decision,
                    "reason": cert.revoked.reason} if cert.revoked else None,
    }
