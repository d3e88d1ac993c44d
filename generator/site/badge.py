"""The seller's kit: the embeddable star badge (``badge.svg``), and the words of the PNG badge (in
each language) and of the square sticker with the QR code, which the seller's browser draws.

Readable at 20 px high, stars and status in text (never colour alone), a <title> for screen
readers, and deliberately plain (a flat two-part label) so it is never mistaken for the official,
regulated OCOP emblem. The daily rebuild keeps it live: it says "hết hạn" the day a certificate lapses.
Stars show only while the certificate is valid; a product not rated yet gets a light one-part badge
that says so, never the dark "OCOP" label of a certified product.

Marketplaces (Shopee, Lazada, Tiki) take uploaded JPG/PNG images only, so a PNG badge is offered.
The sticker is printed or uploaded once and then stays as it is: it states the validity *date*
(true forever), not "valid" (true until then), in Vietnamese and English, above the QR code.
Both are drawn on demand by theme/assets/ocop/sellerkit.js from the words ``kit`` gives the page:
as files they were 14 KB and three entries per product, a third of the site's budget (issue #21).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from .fonts import text_width
from .strings import fmt_date, star_glyphs, t

HEIGHT = 20
FONT_SIZE = 11
PAD = 6
LABEL = "OCOP"
# Background per status; every one gives white text a contrast ratio above 7:1.
COLOURS = {
    "valid": "#1b5e20",
    "expiring": "#7a4100",
    "expired": "#b71c1c",
    "revoked": "#4a148c",
    "unrated": "#37474f",
    "withdrawn": "#424242",
}


UNRATED_BG, UNRATED_INK = "#eceff1", "#263238"  # 13:1
ACTIVE = ("valid", "expiring")


def text(stars: int | None, status: str, lang: str = "vi") -> str:
    """The badge's words: "★★★★ · còn hiệu lực"; stars only while the certificate holds."""
    if status == "unrated":
        return t(lang, "badge_unrated")
    glyphs = star_glyphs(stars).rstrip("☆") if stars and status in ACTIVE else ""
    words = t(lang, f"status_short.{status}")
    return f"{glyphs} · {words}" if glyphs else words


def spoken(stars: int | None, status: str, lang: str = "vi") -> str:
    """What a screen reader says (and the PNG's description)."""
    if status == "unrated":
        return t(lang, "badge_unrated")
    if stars and status in ACTIVE:
        return f"OCOP {stars} {t(lang, 'stars')}, {t(lang, 'status_short.' + status)}"
    return f"OCOP, {t(lang, 'status_short.' + status)}"


def svg(pid: str, stars: int | None, status: str, lang: str = "vi") -> str:
    said = spoken(stars, status, lang)
    if status == "unrated":  # one light part: nothing that looks like a certified product's label
        width = round(text_width(said, FONT_SIZE)) + 2 * PAD
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
            f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{escape(said)}">'
            f"<title>{escape(said)} ({escape(pid)})</title>"
            f'<rect x=".5" y=".5" width="{width - 1}" height="{HEIGHT - 1}" rx="3" fill="{UNRATED_BG}" stroke="{UNRATED_INK}"/>'
            f'<text x="{PAD}" y="14" fill="{UNRATED_INK}" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" '
            f'font-size="{FONT_SIZE}">{escape(said)}</text></svg>\n'
        )
    value = text(stars, status, lang)
    left = round(text_width(LABEL, FONT_SIZE, bold=True)) + 2 * PAD
    right = round(text_width(value, FONT_SIZE)) + 2 * PAD
    width = left + right
    spoken_text = said
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{escape(spoken_text)}">'
        f"<title>{escape(spoken_text)} ({escape(pid)})</title>"
        f'<rect width="{left}" height="{HEIGHT}" rx="3" fill="#263238"/>'
        f'<rect x="{left}" width="{right}" height="{HEIGHT}" fill="{COLOURS[status]}"/>'
        f'<rect x="{left - 3}" width="3" height="{HEIGHT}" fill="#263238"/>'
        f'<rect x="{width - 3}" width="3" height="{HEIGHT}" rx="0" fill="{COLOURS[status]}"/>'
        f'<g fill="#fff" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="{FONT_SIZE}">'
        f'<text x="{PAD}" y="14" font-weight="bold">{LABEL}</text>'
        f'<text x="{left + PAD}" y="14">{escape(value)}</text></g></svg>\n'
    )


# ---------------------------------------------------------------------------------------------
# The PNG badge and the square sticker: drawn in the seller's browser (sellerkit.js) with the
# SVG badge's design, from the words and colour decided here.

KIT_LANGUAGES = ("vi", "en")


def kit(pid: str, stars: int | None, status: str, when: date | None) -> dict[str, Any]:
    """What every product page gives the kit's script, in either language: the badge's colour and
    words in each of ``KIT_LANGUAGES``, the sticker's lines (``when``: ``view.verdict_date``), the
    download names' stem. The kit's own words (buttons, sentences, "scan to check") are the same on
    every page of a language: sellerkit.js holds them, not 40,000 pages."""
    return {
        "colour": COLOURS[status],
        "plain": status == "unrated",  # one light part, as in badge.svg
        "badges": "|".join(text(stars, status, code) for code in KIT_LANGUAGES),  # the site's words: no "|"
        "sticker": sticker_lines(stars, status, when),
        "stem": pid,
    }


def sticker_lines(stars: int | None, status: str, when: date | None) -> tuple[str, str, str]:
    """The band's three lines: "OCOP" and the stars (while valid), then the verdict with its date
    (``view.verdict_date``) in Vietnamese and in English."""
    # Not rated: no "OCOP" headline at all, only the plain words.
    head = "" if status == "unrated" else f"OCOP {star_glyphs(stars).rstrip('☆')}".strip() if status in ACTIVE else "OCOP"
    lines = []
    for lang in ("vi", "en"):
        if status == "unrated":
            lines.append(t(lang, "badge_unrated").upper())
        elif status in ACTIVE:  # the date, not "valid": true for as long as the sticker lasts
            line = t(lang, "sticker_until", date=fmt_date(when, lang)) if when else t(lang, f"status.{status}")
            lines.append(line[:1].upper() + line[1:])
        else:
            tail = t(lang, f"verdict.{status}", date=fmt_date(when, lang)) if when else ""
            lines.append(f"{t(lang, f'status.{status}')} {tail}".strip())
    return head, lines[0], lines[1]
