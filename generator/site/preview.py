"""The PNG preview shown when a product link is shared (Open Graph / Twitter card), 1200×630.

Drawn with Pillow and the bundled DejaVu fonts so Vietnamese tone marks render correctly.

The picture is four flat areas, each with text of one colour: the header (white on dark), the name
(near-black on white), the status pill (white on the status colour) and the place, producer and id
(grey on white). So it is drawn straight into a palette image: each area has a ramp of ``LEVELS``
palette entries from its background to its text colour, and a text's anti-aliased coverage picks
the entry. That is the anti-aliased text of drawing in RGB and quantizing, without the quantizer
(which was half the time of a cold build's images); the PNG is written by ``png.filtered_png``.
The site name and status lines are rasterized once per process, the other texts word by word, each
word once per process and position within a pixel: a card costs about a millisecond.
"""

from __future__ import annotations

import re
import textwrap
import threading
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .badge import COLOURS
from .fonts import Drawn, advance, font, glyphs, pieces, text_width
from .png import Deflating, filtered_png

WIDTH, HEIGHT = 1200, 630
HEADER = 90
LEVELS = 16  # palette entries per area, background to text colour: 64 colours, no visible banding
WHITE, INK, GREY, DARK = "#ffffff", "#111111", "#37474f", "#263238"
TOP, NAME, PILL, REST = 0, 1, 2, 3  # the areas; area k uses palette entries k*LEVELS ... k*LEVELS+LEVELS-1


def _wrap(text: str, f: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """``text`` in lines at most ``width`` pixels wide (measured as the words are drawn: each word's
    advance, remembered), at most ``lines`` of them, the last shortened with "…" if need be."""
    space, limit = advance(" ", f), width * 64
    out: list[str] = []
    line: list[str] = []
    used = 0
    for word in text.split():
        wide = advance(word, f)
        if line and used + space + wide > limit:
            out.append(" ".join(line))
            line, used = [], 0
        used += (space if line else 0) + wide
        line.append(word)
    if line:
        out.append(" ".join(line))
    if len(out) > lines:
        out = out[:lines]
        out[-1] = textwrap.shorten(out[-1] + " …", 60, placeholder=" …")
    return out


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@lru_cache(maxsize=8)
def _palette(status: str) -> bytes:
    out = bytearray()
    for background, ink in ((DARK, WHITE), (WHITE, INK), (COLOURS[status], WHITE), (WHITE, GREY)):
        b, f = _rgb(background), _rgb(ink)
        for level in range(LEVELS):  # the blend Pillow uses for anti-aliased text on RGB
            out += bytes(round(b[i] + (f[i] - b[i]) * level / (LEVELS - 1)) for i in range(3))
    return bytes(out)


# Coverage 0..255 -> the nearest of the LEVELS steps, as the palette entry of each area.
_STEP = bytes((c * (LEVELS - 1) + 127) // 255 for c in range(256))
_STEPS = [bytes(area * LEVELS + step for step in _STEP) for area in (TOP, NAME, PILL, REST)]
# The site name and status lines come back product after product: drawn once each.
_shared = lru_cache(maxsize=256)(glyphs)


@lru_cache(maxsize=64)
def _pill(width: int) -> np.ndarray:
    """Where the rounded status pill is, as before: flat, not anti-aliased."""
    mask = Image.new("L", (width + 1, 65), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, width, 64), radius=12, fill=255)
    inside = np.asarray(mask) > 0
    inside.flags.writeable = False
    return inside


def _put(image: np.ndarray, box: tuple[int, int, int, int], xy: tuple[int, int], drawn: Drawn) -> None:
    """Put drawn text (already in the palette entries of its area) clipped to the area's ``box``
    (which holds only that area's entries); where two texts' pixels meet, the stronger ink wins."""
    steps, left, top = drawn
    x, y = xy[0] + left, xy[1] + top
    h, w = steps.shape
    x0, y0, x1, y1 = max(x, box[0]), max(y, box[1]), min(x + w, box[2]), min(y + h, box[3])
    if x0 < x1 and y0 < y1:
        region = image[y0:y1, x0:x1]
        np.maximum(region, steps[y0 - y:y1 - y, x0 - x:x1 - x], out=region)


def _text(image: np.ndarray, area: int, box: tuple[int, int, int, int], xy: tuple[int, int], text: str,
          f: ImageFont.FreeTypeFont, anchor: str = "la", *, shared: bool = False, by_char: bool = False) -> None:
    """Draw ``text`` with its left edge at ``xy`` (``anchor`` "l…"): whole if ``shared`` (a text that
    comes back for every product), else word by word, or ``by_char`` (an id in a monospaced font)."""
    if shared:
        _put(image, box, xy, _shared(text, f, anchor, 0.0, _STEPS[area]))
    else:
        for drawn in pieces(list(text) if by_char else re.split("( )", text), f, anchor, _STEPS[area]):
            _put(image, box, xy, drawn)


# The canvas is drawn into one buffer per thread: a fresh 750 KB array per card costs more than
# filling it. Column 0 holds each row's PNG filter byte (0: none), so the rows go to zlib as they are.
_canvas = threading.local()


def png(*, site_name: str, name: str, status_line: str, status: str, place: str, producer: str, pid: str) -> bytes:
    rows = getattr(_canvas, "rows", None)
    if rows is None:
        rows = _canvas.rows = np.zeros((HEIGHT, WIDTH + 1), dtype=np.uint8)
    image = rows[:, 1:]
    image[HEADER + 1:] = NAME * LEVELS
    y = 140
    lines = _wrap(name, font(60, bold=True), WIDTH - 120, 3)
    y_pill = y + 76 * len(lines) + 20
    for line in lines:
        _text(image, NAME, (0, HEADER + 1, WIDTH, y_pill), (60, y), line, font(60, bold=True))
        y += 76
    pill_w = int(text_width(status_line, 38, bold=True)) + 48
    pill = image[y_pill:y_pill + 65, 60:60 + pill_w + 1]
    pill[_pill(pill_w)] = PILL * LEVELS
    _text(image, PILL, (72, y_pill, 60 + pill_w - 11, y_pill + 65), (84, y_pill + 32), status_line,
          font(38, bold=True), "lm", shared=True)
    image[y_pill + 65:] = REST * LEVELS
    rest = (0, y_pill + 65, WIDTH, HEIGHT)
    y = y_pill + 100
    for line in (place, producer):
        if line:
            _text(image, REST, rest, (60, y), textwrap.shorten(line, 70, placeholder=" …"), font(32))
            y += 46
    mono = font(30, mono=True)  # the id, right-aligned: its left edge where its width ends at the margin
    _text(image, REST, rest, (WIDTH - 60 - round(sum(advance(c, mono) for c in pid) / 64), HEIGHT - 40), pid, mono, "ls", by_char=True)
    return filtered_png(rows[HEADER + 1:], WIDTH, _palette(status), head=_header(site_name))


@lru_cache(maxsize=4)
def _header(site_name: str) -> Deflating:
    """The header band (the site's name), the same on every card: compressed once. At zlib-ng
    level 2: a card in 0.7 ms and 17 KB, against 0.5 ms and 27 KB at level 1 (its "quick"
    strategy). The cards were a quarter of a national site's bytes (bench/README.md): 200 MB
    fewer at 20,000 products for 4 s more CPU in a cold build, none on the publish path (cached)."""
    rows = np.zeros((HEADER + 1, WIDTH + 1), dtype=np.uint8)
    image = rows[:, 1:]
    image[:] = TOP * LEVELS
    _text(image, TOP, (0, 0, WIDTH, HEADER + 1), (60, HEADER // 2), site_name, font(34, bold=True), "lm", shared=True)
    return Deflating(rows, level=2)
