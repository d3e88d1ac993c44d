"""A minimal writer for the palette PNGs we draw (QR codes, share previews).

Pillow's PNG encoder spends most of its time in zlib, and the previews alone are tens of
thousands of 1200×630 images in a cold build. zlib-ng at a low level (the caller's choice: share
previews level 1, QR codes level 2) compresses them in a fraction of the time of Pillow's default
(zlib level 6). What we write is plain PNG: IHDR, pHYs when a print resolution is given, PLTE, one
IDAT of rows as the caller filtered them (unfiltered, the PNG specification's advice for palette
images, but for rows that repeat the one above), IEND.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np
from zlib_ng import zlib_ng


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


class Deflating:
    """A compressor already fed the first rows that many images share (a card's header band):
    each image's rows continue from a copy of it, and those first rows are compressed once."""

    def __init__(self, rows: np.ndarray, level: int) -> None:
        self.rows = len(rows)
        self._compressor = zlib_ng.compressobj(level)
        self._start = self._compressor.compress(rows)

    def then(self, rows: np.ndarray) -> bytes:
        compressor = self._compressor.copy()
        return self._start + compressor.compress(rows) + compressor.flush()


def filtered_png(rows: np.ndarray, width: int, palette: bytes, *, bits: int = 8, dpi: int | None = None,
                 level: int = 2, head: Deflating | None = None) -> bytes:
    """A PNG of ``rows`` as they go into the IDAT chunk: each a filter byte (0 none, 2 up) and
    ``width`` palette indices packed ``bits`` a pixel; compressed at zlib-ng ``level``, or after the
    rows of ``head`` if given (at its level)."""
    height = len(rows) + (head.rows if head else 0)
    out = [b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bits, 3, 0, 0, 0))]
    if dpi:
        per_metre = round(dpi / 0.0254)
        out.append(_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    out.append(_chunk(b"PLTE", palette))
    out.append(_chunk(b"IDAT", head.then(rows) if head else zlib_ng.compress(rows, level)))
    out.append(_chunk(b"IEND", b""))
    return b"".join(out)
