"""QR codes printed on packaging: they encode exactly ``<site_url>/p/<id>/`` and nothing else.

Vector SVG for print, PNG at print resolution (300 dpi), a 4-module quiet zone and the product id
printed under the code so a person can type it if the code is damaged. zxing-cpp computes the
matrix (in C++, about twenty times faster than a pure-Python encoder: it was most of a cold build);
drawing it ourselves keeps the SVG small (one path) and lets us add the caption.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

import numpy as np
import zxingcpp

from .fonts import advance, font, pieces
from .png import palette_png

QUIET = 4  # modules; ISO/IEC 18004 requires at least 4
CAPTION = 6  # modules of space under the quiet zone for the id
PNG_SCALE = 12  # pixels per module; a 33-module code prints 3.4 cm wide at 300 dpi


@lru_cache(maxsize=8)  # the SVG and the PNG of one product are drawn from one matrix
def matrix(url: str, error: str = "M") -> np.ndarray:
    """The modules, True for dark, without quiet zone: the smallest version that holds ``url`` at
    exactly this error correction level (text mode, no ECI: what every phone reads as a link)."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level=error)
    m = np.asarray(code.to_image(scale=1, add_quiet_zones=False)) == 0
    m.flags.writeable = False  # shared through the cache
    return m


def svg(url: str, caption: str, error: str = "M") -> str:
    m = matrix(url, error)
    n = len(m)
    size = n + 2 * QUIET
    # One horizontal run per subpath: where each row's dark runs start and end.
    padded = np.zeros((n, n + 2), dtype=np.int8)
    padded[:, 1:-1] = m
    edges = np.diff(padded, axis=1)
    ys, starts = np.nonzero(edges == 1)
    ends = np.nonzero(edges == -1)[1]  # same row order as the starts
    runs = "".join(f"M{x + QUIET} {y + QUIET}h{w}v1h-{w}z"
                   for y, x, w in zip(ys.tolist(), starts.tolist(), (ends - starts).tolist()))
    height = size + CAPTION
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {height}" role="img" '
        f'aria-label="QR {escape(caption)}">'
        f"<title>{escape(url)}</title>"
        f'<rect width="{size}" height="{height}" fill="#fff"/>'
        f'<path fill="#000" shape-rendering="crispEdges" d="{runs}"/>'
        f'<text x="{size / 2:g}" y="{size + CAPTION / 2:g}" text-anchor="middle" '
        f'font-family="DejaVu Sans Mono,Consolas,monospace" font-weight="bold" font-size="3.2">{escape(caption)}</text>'
        "</svg>\n"
    )


# The PNG's four greys (2 bits a pixel): black modules, white, and two for the caption's anti-aliasing.
PNG_GREYS = bytes(v for g in (0, 85, 170, 255) for v in (g, g, g))
# The caption's coverage -> the nearest grey of black ink on white paper.
_INK = bytes((255 - c + 42) // 85 for c in range(256))


def png(url: str, caption: str, error: str = "M") -> bytes:
    m = matrix(url, error)
    n = len(m)
    size = (n + 2 * QUIET) * PNG_SCALE
    band = CAPTION * PNG_SCALE
    # Palette indices (0 black, 3 white), the modules scaled up as an array: no per-module drawing.
    pixels = np.full((size + band, size), 3, dtype=np.uint8)
    q, s = QUIET * PNG_SCALE, n * PNG_SCALE
    pixels[q:q + s, q:q + s].reshape(n, PNG_SCALE, n, PNG_SCALE)[...] = np.where(m, 0, 3)[:, None, :, None]
    # The id centred under the code, character by character (each drawn once per process).
    f = font(int(PNG_SCALE * 3.2), mono=True)
    chars = list(caption)
    # In 64ths of a pixel: as Pillow's anchor "mm" does, half the advance rounded to a whole pixel.
    pen = size * 32 - ((sum(advance(c, f) for c in chars) // 2 + 32) >> 6 << 6)
    middle = size + band // 2
    for ink, left, top in pieces(chars, f, "lm", _INK, pen):
        h, w = ink.shape
        region = pixels[middle + top:middle + top + h, left:left + w]
        np.minimum(region, ink, out=region)
    return palette_png(pixels, PNG_GREYS, bits=2, dpi=300)
