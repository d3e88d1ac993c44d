"""The bundled DejaVu fonts (full Vietnamese coverage), so images look the same on every machine."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONTS = Path(__file__).resolve().parents[1] / "fonts"


@lru_cache(maxsize=32)
def font(size: int, *, bold: bool = False, mono: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSansMono-Bold.ttf" if mono else ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return ImageFont.truetype(str(FONTS / name), size)


@lru_cache(maxsize=1024)  # badge and status texts come back for every product
def text_width(text: str, size: int, *, bold: bool = False) -> float:
    return font(size, bold=bold).getlength(text)
