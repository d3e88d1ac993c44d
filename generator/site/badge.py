"""The embeddable star badge: ``/p/<id>/badge.svg``.

Readable at 20 px high, stars and status in text (never colour alone), a <title> for screen
readers, and deliberately plain (a flat two-part label) so it is never mistaken for the official,
regulated OCOP emblem. The daily rebuild keeps it live: it says "hết hạn" the day a certificate lapses.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .fonts import text_width
from .strings import star_glyphs, t

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


def text(stars: int | None, status: str, lang: str = "vi") -> str:
    glyphs = star_glyphs(stars).rstrip("☆") if stars else ""
    words = t(lang, f"status_short.{status}")
    return f"{glyphs} · {words}" if glyphs else words


def svg(pid: str, stars: int | None, status: str, lang: str = "vi") -> str:
    value = text(stars, status, lang)
    left = round(text_width(LABEL, FONT_SIZE, bold=True)) + 2 * PAD
    right = round(text_width(value, FONT_SIZE)) + 2 * PAD
    width = left + right
    spoken = f"OCOP {stars} {t(lang, 'stars')}, {t(lang, 'status_short.' + status)}" if stars else \
        f"OCOP, {t(lang, 'status_short.' + status)}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{escape(spoken)}">'
        f"<title>{escape(spoken)} ({escape(pid)})</title>"
        f'<rect width="{left}" height="{HEIGHT}" rx="3" fill="#263238"/>'
        f'<rect x="{left}" width="{right}" height="{HEIGHT}" fill="{COLOURS[status]}"/>'
        f'<rect x="{left - 3}" width="3" height="{HEIGHT}" fill="#263238"/>'
        f'<rect x="{width - 3}" width="3" height="{HEIGHT}" rx="0" fill="{COLOURS[status]}"/>'
        f'<g fill="#fff" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="{FONT_SIZE}">'
        f'<text x="{PAD}" y="14" font-weight="bold">{LABEL}</text>'
        f'<text x="{left + PAD}" y="14">{escape(value)}</text></g></svg>\n'
    )
