"""QR codes printed on packaging: they encode exactly ``<site_url>/p/<id>/`` and nothing else.

Vector SVG for print, PNG at print resolution (300 dpi), a 4-module quiet zone and the product id
printed under the code so a person can type it if the code is damaged. segno computes the matrix;
drawing it ourselves keeps the SVG small (one path) and lets us add the caption.
"""

from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

import segno
from PIL import Image, ImageDraw

from .fonts import font

QUIET = 4  # modules; ISO/IEC 18004 requires at least 4
CAPTION = 6  # modules of space under the quiet zone for the id
PNG_SCALE = 12  # pixels per module; a 33-module code prints 3.4 cm wide at 300 dpi


@lru_cache(maxsize=8)  # the SVG and the PNG of one product are drawn from one matrix
def matrix(url: str, error: str = "M") -> tuple[tuple[bool, ...], ...]:
    code = segno.make_qr(url, error=error.lower(), boost_error=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


def svg(url: str, caption: str, error: str = "M") -> str:
    m = matrix(url, error)
    n = len(m)
    size = n + 2 * QUIET
    runs = []
    for y, row in enumerate(m):
        x = 0
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                runs.append(f"M{start + QUIET} {y + QUIET}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    height = size + CAPTION
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {height}" role="img" '
        f'aria-label="QR {escape(caption)}">'
        f"<title>{escape(url)}</title>"
        f'<rect width="{size}" height="{height}" fill="#fff"/>'
        f'<path fill="#000" shape-rendering="crispEdges" d="{"".join(runs)}"/>'
        f'<text x="{size / 2:g}" y="{size + CAPTION / 2:g}" text-anchor="middle" '
        f'font-family="DejaVu Sans Mono,Consolas,monospace" font-weight="bold" font-size="3.2">{escape(caption)}</text>'
        "</svg>\n"
    )


def png(url: str, caption: str, error: str = "M") -> bytes:
    m = matrix(url, error)
    n = len(m)
    size = (n + 2 * QUIET) * PNG_SCALE
    height = size + CAPTION * PNG_SCALE
    # One byte per module, scaled up with nearest-neighbour: no per-module drawing.
    modules = Image.frombytes("L", (n, n), bytes(0 if dark else 255 for row in m for dark in row))
    image = Image.new("L", (size, height), 255)
    image.paste(modules.resize((n * PNG_SCALE, n * PNG_SCALE), Image.Resampling.NEAREST),
                (QUIET * PNG_SCALE, QUIET * PNG_SCALE))
    draw = ImageDraw.Draw(image)
    f = font(int(PNG_SCALE * 3.2), mono=True)
    draw.text((size / 2, size + CAPTION * PNG_SCALE / 2), caption, fill=0, font=f, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6, dpi=(300, 300))
    return out.getvalue()
