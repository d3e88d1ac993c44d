"""The bundled DejaVu fonts (full Vietnamese coverage), so images look the same on every machine."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageFont

FONTS = Path(__file__).resolve().parents[1] / "fonts"


@lru_cache(maxsize=32)
def font(size: int, *, bold: bool = False, mono: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSansMono-Bold.ttf" if mono else ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return ImageFont.truetype(str(FONTS / name), size)


@lru_cache(maxsize=1024)  # badge and status texts come back for every product
def text_width(text: str, size: int, *, bold: bool = False) -> float:
    return font(size, bold=bold).getlength(text)


# Drawing texts word by word: FreeType places each glyph at its pen position in 64ths of a pixel,
# so a word drawn at the phase where it falls in a line is, pixel for pixel, that part of the line
# (tests/test_assets.py compares the two). Names, places and producers share their words (Vietnamese
# is syllabic), and ids their characters: most pieces are drawn once per process.

Drawn = tuple[np.ndarray, int, int]  # pixels in the text's bounding box, the box's offset from the anchor


def glyphs(text: str, f: ImageFont.FreeTypeFont, anchor: str, start: float, table: bytes) -> Drawn:
    """``text`` as ImageDraw.text draws it at a whole pixel plus ``start`` (which calls the same
    getmask2, without the layout and copies ImageDraw adds around it), each pixel's coverage mapped
    through ``table`` (256 bytes). The pixels are read-only: the caller may cache them."""
    mask, (left, top) = f.getmask2(text, "L", anchor=anchor, start=(start, 0))
    pixels = np.take(np.frombuffer(table, dtype=np.uint8), np.asarray(Image.Image()._new(mask)))  # Pillow's own wrapper for its masks
    pixels.flags.writeable = False
    return pixels, left, top


@lru_cache(maxsize=8192)
def _piece(piece: str, f: ImageFont.FreeTypeFont, anchor: str, phase: int, table: bytes) -> Drawn:
    return glyphs(piece, f, anchor, phase / 64, table)


@lru_cache(maxsize=8192)
def advance(piece: str, f: ImageFont.FreeTypeFont) -> int:
    """The pen's advance over ``piece``, in 64ths of a pixel."""
    return round(f.getlength(piece) * 64)


def pieces(parts: list[str], f: ImageFont.FreeTypeFont, anchor: str, table: bytes, pen: int = 0) -> list[Drawn]:
    """A text given as its parts (words and spaces, or characters) starting ``pen`` 64ths of a pixel
    after the anchor point: each part drawn (cached) with its offset from the anchor point."""
    out = []
    for part in parts:
        if not part.isspace():
            pixels, left, top = _piece(part, f, anchor, pen % 64, table)
            out.append((pixels, left + pen // 64, top))
        pen += advance(part, f)
    return out
