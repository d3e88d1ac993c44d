"""The seller's kit: the embeddable star badge (``badge.svg``, ``badge.png`` in each language) and a
square sticker with the QR code (``sticker.png``).

Readable at 20 px high, stars and status in text (never colour alone), a <title> for screen
readers, and deliberately plain (a flat two-part label) so it is never mistaken for the official,
regulated OCOP emblem. The daily rebuild keeps it live: it says "hết hạn" the day a certificate lapses.
Stars show only while the certificate is valid; a product not rated yet gets a light one-part badge
that says so, never the dark "OCOP" label of a certified product.

Marketplaces (Shopee, Lazada, Tiki) take uploaded JPG/PNG images only, so the PNG badge exists; it
depends only on stars, status and language, so each of the few kinds is drawn once per process.
The sticker is printed or uploaded once and then stays as it is: it states the validity *date*
(true forever), not "valid" (true until then), in Vietnamese and English, above the QR code.
"""

from __future__ import annotations

import io
from datetime import date
from functools import lru_cache
from xml.sax.saxutils import escape

import numpy as np
from PIL import Image, ImageDraw, PngImagePlugin

from . import qr
from .fonts import font, pieces, text_width
from .png import filtered_png
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
# The PNG badge: the SVG's design at twice its size (sharp on phones), drawn once per kind.

PNG_SCALE = 2


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@lru_cache(maxsize=64)
def png(stars: int | None, status: str, lang: str = "vi") -> bytes:
    k, size, pad, height = PNG_SCALE, FONT_SIZE * PNG_SCALE, PAD * PNG_SCALE, HEIGHT * PNG_SCALE
    regular, bold = font(size), font(size, bold=True)
    if status == "unrated":
        words = spoken(stars, status, lang)
        width = round(regular.getlength(words)) + 2 * pad
        image = Image.new("RGB", (width, height), _rgb(UNRATED_BG))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, width - 1, height - 1), outline=_rgb(UNRATED_INK), width=k)
        draw.text((pad, height // 2), words, font=regular, fill=_rgb(UNRATED_INK), anchor="lm")
    else:
        value = text(stars, status, lang)
        left = round(bold.getlength(LABEL)) + 2 * pad
        width = left + round(regular.getlength(value)) + 2 * pad
        image = Image.new("RGB", (width, height), _rgb(COLOURS[status]))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, left - 1, height - 1), fill=_rgb("#263238"))
        draw.text((pad, height // 2), LABEL, font=bold, fill=(255, 255, 255), anchor="lm")
        draw.text((left + pad, height // 2), value, font=regular, fill=(255, 255, 255), anchor="lm")
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Description", spoken(stars, status, lang), lang=lang)
    out = io.BytesIO()
    image.quantize(16).save(out, format="PNG", optimize=True, pnginfo=info)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# The sticker: 600 × 600, a band in the status colour with the verdict in both languages, the QR
# code, "scan to check" and the id. Everything but the QR code and the id is the same for every
# product with the same verdict: drawn once (``_template``), the product's parts put in after.

STICKER = 600
BAND = 150
QR_SPACE = 340  # pixels for the code and its quiet zone, under the band
WHITE, BLACK = (255, 255, 255), (33, 33, 33)
# Palette: 0-3 white → status colour (text on the band, anti-aliased), 4-7 white → ink.
LEVELS = 4


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


def _palette(status: str) -> bytes:
    band = _rgb(COLOURS.get(status, UNRATED_INK))
    out = bytearray()
    for a, b in ((band, WHITE), (WHITE, BLACK)):
        for level in range(LEVELS):
            out += bytes(round(a[i] + (b[i] - a[i]) * level / (LEVELS - 1)) for i in range(3))
    return bytes(out)


_STEPS_BAND = bytes((c * (LEVELS - 1) + 127) // 255 for c in range(256))
_STEPS_INK = bytes(LEVELS + s for s in _STEPS_BAND)


@lru_cache(maxsize=64)
def _template(head: str, vi: str, en: str, scan: str, host: str) -> np.ndarray:
    mask = Image.new("L", (STICKER, STICKER), 0)
    draw = ImageDraw.Draw(mask)
    middle = STICKER // 2
    draw.text((middle, 42), head, font=font(40, bold=True), fill=255, anchor="mm")
    for y, line in ((88, vi), (124, en)):
        size = 26
        while font(size, bold=y == 88).getlength(line) > STICKER - 40 and size > 14:
            size -= 1
        draw.text((middle, y), line, font=font(size, bold=y == 88), fill=255, anchor="mm")
    coverage = np.asarray(mask)
    rows = np.zeros((STICKER, STICKER + 1), dtype=np.uint8)
    image = rows[:, 1:]
    image[:BAND] = np.frombuffer(_STEPS_BAND, dtype=np.uint8)[coverage[:BAND]]
    text = Image.new("L", (STICKER, STICKER - BAND), 0)
    draw = ImageDraw.Draw(text)
    draw.text((middle, 540 - BAND), scan, font=font(24, bold=True), fill=255, anchor="mm")
    draw.text((middle, 574 - BAND), host, font=font(18), fill=255, anchor="mm")
    image[BAND:] = np.frombuffer(_STEPS_INK, dtype=np.uint8)[np.asarray(text)]
    rows.flags.writeable = False
    return rows


def sticker(url: str, pid: str, lines: tuple[str, str, str], status: str, error: str = "M") -> bytes:
    """The sticker of one product: ``lines`` from ``sticker_lines``; the QR code encodes ``url``."""
    host = url.split("://", 1)[-1].split("/", 1)[0]
    rows = _template(*lines, f"{t('vi', 'scan_to_check')} · {t('en', 'scan_to_check')}", host).copy()
    image = rows[:, 1:]
    modules = qr.matrix(url, error)
    # The code and its quiet zone (4 modules, kept free of ink) between the band and the id.
    scale = max(1, QR_SPACE // (len(modules) + 2 * qr.QUIET))
    code = np.repeat(np.repeat(np.where(modules, LEVELS + LEVELS - 1, LEVELS).astype(np.uint8), scale, 0), scale, 1)
    top = BAND + qr.QUIET * scale
    left = (STICKER - code.shape[1]) // 2
    image[top:top + code.shape[0], left:left + code.shape[1]] = code
    # The id under the code, in the monospaced font, centred (drawn character by character, cached).
    mono = font(22, mono=True)
    pen = -sum(round(mono.getlength(c) * 64) for c in pid) // 2
    y = top + code.shape[0] + qr.QUIET * scale + 16
    for pixels, dx, dy in pieces(list(pid), mono, "ls", _STEPS_INK, pen):
        x0, y0 = STICKER // 2 + dx, y + dy
        region = image[y0:y0 + pixels.shape[0], x0:x0 + pixels.shape[1]]
        np.maximum(region, pixels[:region.shape[0], :region.shape[1]], out=region)
    return filtered_png(rows, STICKER, _palette(status), level=2)
