"""QR codes printed on packaging: they encode exactly ``<site_url>/p/<id>/`` and nothing else.

Vector SVG for print, PNG at print resolution (300 dpi), a 4-module quiet zone and the product id
printed under the code so a person can type it if the code is damaged. zxing-cpp computes the
matrix (in C++, about twenty times faster than a pure-Python encoder: it was most of a cold build);
drawing it ourselves keeps the SVG small (one path of lines) and lets us add the caption.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

import numpy as np
import zxingcpp

from .fonts import advance, font, pieces
from .png import filtered_png

QUIET = 4  # modules; ISO/IEC 18004 requires at least 4
CAPTION = 6  # modules of space under the quiet zone for the id
PNG_SCALE = 12  # pixels per module; a 33-module code prints 3.4 cm wide at 300 dpi
_PER_MODULE = PNG_SCALE * 2 // 8  # bytes a module takes in a PNG row, at 2 bits a pixel
assert PNG_SCALE % 4 == 0, "a module must fill whole bytes"


@lru_cache(maxsize=8)  # the SVG and the PNG of one product are drawn from one matrix
def matrix(url: str, error: str = "M") -> np.ndarray:
    """The modules, True for dark, without quiet zone: the smallest version that holds ``url`` at
    exactly this error correction level (text mode, no ECI: what every phone reads as a link)."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level=error)
    m = np.asarray(code.to_image(scale=1, add_quiet_zones=False)) == 0
    m.flags.writeable = False  # shared through the cache
    return m


# The dark runs of each row drawn as lines one module thick (a stroke along the row's middle):
# "M<x> <y>.5h<w>" for a row's first run, "m<gap> 0h<w>" from the end of one run to the next.
# Half the bytes of a closed rectangle per run ("M<x> <y>h<w>v1h-<w>z"): 1.4 KB of path data
# instead of 3 KB for a 29-module code. Tables of each piece's text, gathered by numpy: formatting
# each of some three hundred runs in Python was a fifth of a QR code's time.
_LARGEST = 177  # modules across a version 40 code
_AT_X = np.array([f"M{x + QUIET} " for x in range(_LARGEST)], dtype=object)
_AT_Y = np.array([f"{y + QUIET}.5" for y in range(_LARGEST)], dtype=object)
_GAP = np.array([f"m{g} 0" for g in range(_LARGEST + 1)], dtype=object)
_WIDE = np.array([f"h{w}" for w in range(_LARGEST + 1)], dtype=object)


def svg(url: str, caption: str, error: str = "M") -> str:
    m = matrix(url, error)
    n = len(m)
    size = n + 2 * QUIET
    # Where each row's dark runs start and end, row by row.
    padded = np.zeros((n, n + 2), dtype=np.int8)
    padded[:, 1:-1] = m
    edges = np.diff(padded, axis=1)
    ys, starts = np.nonzero(edges == 1)
    ends = np.nonzero(edges == -1)[1]  # same row order as the starts
    first = np.ones(len(ys), dtype=bool)
    first[1:] = ys[1:] != ys[:-1]
    gaps = np.zeros(len(ys), dtype=np.intp)
    gaps[1:] = starts[1:] - ends[:-1]  # from the previous run's end (meaningless for a first run)
    parts = np.empty((len(ys), 3), dtype=object)
    parts[:, 0] = np.where(first, _AT_X[starts], _GAP[np.where(first, 0, gaps)])
    parts[:, 1] = np.where(first, _AT_Y[ys], "")
    parts[:, 2] = _WIDE[ends - starts]
    runs = "".join(parts.ravel().tolist())
    height = size + CAPTION
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {height}" role="img" '
        f'aria-label="QR {escape(caption)}">'
        f"<title>{escape(url)}</title>"
        f'<rect width="{size}" height="{height}" fill="#fff"/>'
        f'<path stroke="#000" shape-rendering="crispEdges" d="{runs}"/>'
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
    side = n + 2 * QUIET
    size = side * PNG_SCALE
    band = CAPTION * PNG_SCALE
    # The rows as they go into the PNG, built packed (four pixels a byte): a module is _PER_MODULE
    # bytes, 0x00 black or 0xFF white, each row of modules repeated PNG_SCALE times. Column 0
    # holds each row's filter byte: 0 (none) for a row of modules' first pixel row, 2 ("up": the
    # same as the row above, all zeros) for the other eleven, which zlib then barely has to look at.
    modules = np.full((side, side), 0xFF, dtype=np.uint8)
    modules[QUIET:QUIET + n, QUIET:QUIET + n] = np.where(m, 0, 0xFF)
    rows = np.zeros((size + band, 1 + side * _PER_MODULE), dtype=np.uint8)
    code = rows[:size].reshape(side, PNG_SCALE, -1)
    code[:, 0, 1:] = np.repeat(modules, _PER_MODULE, axis=1)
    code[:, 1:, 0] = 2
    # The id centred under the code, character by character (each drawn once per process), in an
    # unpacked band of palette indices (0 black ... 3 white), then packed like the code's rows.
    pixels = np.full((band, size), 3, dtype=np.uint8)
    f = font(int(PNG_SCALE * 3.2), mono=True)
    chars = list(caption)
    # In 64ths of a pixel: as Pillow's anchor "mm" does, half the advance rounded to a whole pixel.
    pen = size * 32 - ((sum(advance(c, f) for c in chars) // 2 + 32) >> 6 << 6)
    middle = band // 2
    for ink, left, top in pieces(chars, f, "lm", _INK, pen):
        h, w = ink.shape
        region = pixels[middle + top:middle + top + h, left:left + w]
        np.minimum(region, ink, out=region)
    quads = pixels.reshape(band, -1, 4)
    rows[size:, 1:] = quads[..., 0] << 6 | quads[..., 1] << 4 | quads[..., 2] << 2 | quads[..., 3]
    # zlib-ng level 2: 1.8 KB in 0.03 ms (level 5: 1.5 KB in 0.1 ms).
    return filtered_png(rows, size, PNG_GREYS, bits=2, dpi=300, level=2)

