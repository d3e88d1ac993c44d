"""The PNG preview shown when a product link is shared (Open Graph / Twitter card), 1200×630.

Drawn with Pillow and the bundled DejaVu fonts so Vietnamese tone marks render correctly.
"""

from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw

from .badge import COLOURS
from .fonts import font, text_width

WIDTH, HEIGHT = 1200, 630


def _wrap(text: str, size: int, width: int, lines: int) -> list[str]:
    words, out, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if text_width(trial, size, bold=True) <= width:
            line = trial
        else:
            out.append(line)
            line = word
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = textwrap.shorten(out[-1] + " …", 60, placeholder=" …")
    return [x for x in out if x]


def png(*, site_name: str, name: str, status_line: str, status: str, place: str, producer: str, pid: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 90), fill="#263238")
    draw.text((60, 45), site_name, fill="#ffffff", font=font(34, bold=True), anchor="lm")
    y = 140
    for line in _wrap(name, 60, WIDTH - 120, 3):
        draw.text((60, y), line, fill="#111111", font=font(60, bold=True))
        y += 76
    y += 20
    pill_w = int(text_width(status_line, 38, bold=True)) + 48
    draw.rounded_rectangle((60, y, 60 + pill_w, y + 64), radius=12, fill=COLOURS[status])
    draw.text((84, y + 32), status_line, fill="#ffffff", font=font(38, bold=True), anchor="lm")
    y += 100
    for line in (place, producer):
        if line:
            draw.text((60, y), textwrap.shorten(line, 70, placeholder=" …"), fill="#37474f", font=font(32))
            y += 46
    draw.text((WIDTH - 60, HEIGHT - 40), pid, fill="#37474f", font=font(30, mono=True), anchor="rs")
    out = io.BytesIO()
    # A few flat colours plus anti-aliased text: 32 palette colours look the same and make the file
    # a third of the size (previews are most of a large site's bytes).
    image.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(out, format="PNG", compress_level=6)
    return out.getvalue()
