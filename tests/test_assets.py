"""The per-product images, drawn directly (no site build): QR codes as a phone and a printer see
them, the share preview as a person sees it, and the asset cache of a warm build.

QR codes are read back with zbar and a format-information reader written from the standard
(tests/qrcheck.py), never with zxing-cpp, which draws them.
"""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from generator.site import assets, preview, qr
from generator.site.badge import COLOURS
from generator.validate import Catalogue, validate

import qrcheck
from conftest import FIXTURES, ROOT, TODAY

URL = "https://ocop.sonla.gov.vn/p/SL-MC-0012/"
FONTS = ROOT / "generator" / "fonts"
# Characters a version holds in byte mode (ISO/IEC 18004, table 7), versions 1 to 10.
BYTE_CAPACITY = {
    "L": [17, 32, 53, 78, 106, 134, 154, 192, 230, 271],
    "M": [14, 26, 42, 62, 84, 106, 122, 152, 180, 213],
    "Q": [11, 20, 32, 46, 60, 74, 86, 108, 130, 151],
    "H": [7, 14, 24, 34, 44, 58, 64, 84, 98, 119],
}


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# ---------------------------------------------------------------------------------------------
# QR codes.


@pytest.mark.parametrize("error", ["L", "M", "Q", "H"])
@pytest.mark.parametrize("url", [URL, "https://ocop.example.gov.vn/tinh/son-la/p/SL-MC-0012/",
                                 "https://ocop.example.vn/sơn-la/p/SL-MC-0012/"])
def test_qr_png_scans_to_exactly_the_url_at_the_configured_error_correction(url: str, error: str) -> None:
    image = png(qr.png(url, "SL-MC-0012", error))
    assert qrcheck.decode(image) == [url]
    m = qrcheck.modules(image, module_px=qr.PNG_SCALE, quiet=qr.QUIET)
    assert qrcheck.error_correction(m) == error
    # Never a bigger code (so a bigger print) than the URL needs.
    smallest = next(v for v, cap in enumerate(BYTE_CAPACITY[error], 1) if cap >= len(url.encode()))
    assert (len(m) - 17) // 4 <= smallest


def test_qr_png_prints_at_300_dpi_with_a_blank_quiet_zone_and_the_id_below() -> None:
    image = png(qr.png(URL, "SL-MC-0012"))
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    grey = np.asarray(image.convert("L"))
    h, w = grey.shape
    quiet = qr.QUIET * qr.PNG_SCALE
    assert (grey[:quiet] == 255).all() and (grey[:, :quiet] == 255).all() and (grey[:, -quiet:] == 255).all()
    assert (grey[w - quiet:w] == 255).all()  # below the code, before the caption
    caption = grey[w:]
    ink = np.nonzero((caption < 128).any(axis=0))[0]
    assert len(ink), "no caption under the code"
    assert abs((ink[0] + ink[-1]) / 2 - w / 2) <= 2  # centred
    # It is the id: the same pixels as the id drawn by Pillow in the bold monospace font.
    reference = Image.new("L", (w, h - w), 255)
    f = ImageFont.truetype(str(FONTS / "DejaVuSansMono-Bold.ttf"), int(qr.PNG_SCALE * 3.2))
    ImageDraw.Draw(reference).text((w / 2, (h - w) / 2), "SL-MC-0012", fill=0, font=f, anchor="mm")
    assert np.abs(caption.astype(int) - np.asarray(reference).astype(int)).max() <= 43  # four greys
    other = Image.new("L", (w, h - w), 255)
    ImageDraw.Draw(other).text((w / 2, (h - w) / 2), "SL-MC-0013", fill=0, font=f, anchor="mm")
    assert np.abs(caption.astype(int) - np.asarray(other).astype(int)).max() > 200


def svg_modules(svg: str) -> np.ndarray:
    """The dark modules the SVG's path paints: horizontal lines one module thick (its stroke) along
    the middle of a row of modules, reached by absolute (M) and relative (m) moves."""
    size = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))  # type: ignore[union-attr]
    assert re.search(r'<path stroke="#000"', svg) and "stroke-width" not in svg  # one module: the default
    grid = np.zeros((size, size), dtype=bool)
    x = y = 0.0
    path = re.search(r' d="([^"]*)"', svg).group(1)  # type: ignore[union-attr]
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            assert y % 1 == 0.5, "a line off the middle of its row"
            grid[int(y), int(x):int(x + float(a))] = True
            x += float(a)
    return grid


@pytest.mark.parametrize("error", ["M", "H"])
def test_qr_svg_paints_the_same_code_as_the_png(error: str) -> None:
    svg = qr.svg(URL, "SL-MC-0012", error)
    grid = svg_modules(svg)
    image = Image.fromarray(np.where(grid, 0, 255).astype(np.uint8).repeat(10, 0).repeat(10, 1), "L")
    assert qrcheck.decode(image) == [URL]
    inner = grid[qr.QUIET:-qr.QUIET, qr.QUIET:-qr.QUIET]
    assert qrcheck.error_correction(inner) == error
    assert not grid[:qr.QUIET].any() and not grid[:, :qr.QUIET].any()
    from_png = qrcheck.modules(png(qr.png(URL, "SL-MC-0012", error)), module_px=qr.PNG_SCALE, quiet=qr.QUIET)
    assert (inner == from_png).all()
    assert re.search(r"<text[^>]*>SL-MC-0012</text>", svg)


# ---------------------------------------------------------------------------------------------
# The share preview.

PREVIEW = dict(site_name="OCOP Sơn La", name="Mật ong hoa bạc hà Ấp Ủ",
               status_line="★★★★ · Còn hiệu lực", status="valid", place="Xã Chiềng Sơn, Mộc Châu",
               producer="Hợp tác xã Ong mật Đồng Văn", pid="SL-MC-0012")


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def drawn(*texts: tuple[str, int, str, str, tuple[int, int]]) -> np.ndarray:
    """(text, size, font file, colour, position) as Pillow draws them straight onto white RGB."""
    canvas = Image.new("RGB", (preview.WIDTH, preview.HEIGHT), "#ffffff")
    for text, size, font_file, colour, xy in texts:
        ImageDraw.Draw(canvas).text(xy, text, fill=colour, font=ImageFont.truetype(str(FONTS / font_file), size))
    return np.asarray(canvas).astype(int)


def test_preview_is_a_small_1200x630_image_with_the_status_colour() -> None:
    data = preview.png(**PREVIEW)
    image = png(data)
    assert image.size == (1200, 630)
    assert len(data) < 40_000  # previews are most of a large site's bytes
    pixels = np.asarray(image.convert("RGB"))
    assert tuple(pixels[5, 5]) == rgb("#263238")  # the header
    assert tuple(pixels[140 + 76 + 20 + 32, 66]) == rgb(COLOURS["valid"])  # inside the status pill
    expired = np.asarray(png(preview.png(**{**PREVIEW, "status": "expired"})).convert("RGB"))
    assert tuple(expired[140 + 76 + 20 + 32, 66]) == rgb(COLOURS["expired"])


def test_preview_text_is_drawn_with_its_tone_marks_like_pillow_draws_it() -> None:
    pixels = np.asarray(png(preview.png(**PREVIEW)).convert("RGB")).astype(int)
    # The name (one line at this length), place and producer against the same texts drawn by Pillow
    # in full colour: only the palette's rounding differs (16 steps from paper to ink).
    pill = 140 + 76 + 20  # one line of name, then the status pill
    name = drawn((PREVIEW["name"], 60, "DejaVuSans-Bold.ttf", "#111111", (60, 140)))
    assert np.abs(pixels[100:pill] - name[100:pill]).max() <= 10
    lines = drawn((PREVIEW["place"], 32, "DejaVuSans.ttf", "#37474f", (60, pill + 100)),
                  (PREVIEW["producer"], 32, "DejaVuSans.ttf", "#37474f", (60, pill + 146)))
    assert np.abs(pixels[pill + 70:560, :800] - lines[pill + 70:560, :800]).max() <= 10
    # ...and the comparison notices missing tone marks.
    bare = drawn(("Mat ong hoa bac ha Ap U", 60, "DejaVuSans-Bold.ttf", "#111111", (60, 140)))
    assert np.abs(pixels[100:pill] - bare[100:pill]).max() > 200


@pytest.mark.parametrize("text, size, mono", [
    ("Cà phê bột nguyên chất Đak Đoa", 60, False),
    ("Trà shan tuyết cổ thụ Tà Xùa Ý Ỳ Ữ", 60, False),
    ("Hợp tác xã  Ong mật W.A.V. Tây Bắc", 32, False),
    ("SL-MC-0012", 30, True),
])
def test_a_text_drawn_word_by_word_is_the_text_drawn_whole(text: str, size: int, mono: bool) -> None:
    # Words are drawn once per process and put where they fall in the line: the card must not show it.
    f = preview.font(size, mono=mono) if mono else preview.font(size, bold=size == 60)
    whole = np.zeros((200, 1400), dtype=np.uint8)
    preview._text(whole, 0, (0, 0, 1400, 200), (20, 60), text, f, shared=True)
    pieces = np.zeros((200, 1400), dtype=np.uint8)
    preview._text(pieces, 0, (0, 0, 1400, 200), (20, 60), text, f, by_char=mono)
    assert whole.any()
    assert (pieces == whole).all()


def test_preview_shortens_a_long_name_to_three_lines_and_keeps_the_id_in_view() -> None:
    long = dict(PREVIEW, name=" ".join(["Trà shan tuyết cổ thụ Tà Xùa"] * 8))
    image = png(preview.png(**long))
    pixels = np.asarray(image.convert("RGB")).astype(int)
    ink_rows = np.nonzero((pixels[91:] < 40).all(axis=2).any(axis=1))[0] + 91
    assert ink_rows.max() < 140 + 3 * 76  # name lines, then nothing as dark as the name's ink
    assert (np.abs(pixels[560:600, 900:1150] - rgb("#37474f")).sum(axis=2) < 30).any()  # the id


# ---------------------------------------------------------------------------------------------
# The cache: a warm build draws nothing again.


@pytest.fixture
def one_product(tmp_path: Path) -> tuple[Catalogue, assets.Cache]:
    """A catalogue of one valid record (SL-MS-0001) and an empty asset cache."""
    (tmp_path / "products/mai-son").mkdir(parents=True)
    config = (ROOT / "site_config.yml").read_text(encoding="utf-8")  # with a share card per product
    (tmp_path / "site_config.yml").write_text(config.replace("\nsite:\n", "\nsite:\n  share_image: card\n", 1),
                                              encoding="utf-8")
    (tmp_path / "products/mai-son/SL-MS-0001.yml").write_bytes((FIXTURES / "records" / "valid.yml").read_bytes())
    catalogue = validate(tmp_path / "site_config.yml", TODAY).catalogue
    assert catalogue is not None
    return catalogue, assets.Cache(tmp_path / "cache")


def _site(folder: Path) -> Path:
    """A site being made, with the product's folder (the build makes them before drawing)."""
    (folder / "p/SL-MS-0001").mkdir(parents=True)
    return folder


def _drawings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kinds of files drawn from now on, in order."""
    made: list[str] = []
    real = assets._make

    def spy(kind: str, inputs: tuple[str, ...]) -> bytes | str:
        made.append(kind)
        return real(kind, inputs)
    monkeypatch.setattr(assets, "_make", spy)
    return made


def test_a_second_run_draws_nothing_and_leaves_no_temporary_files(one_product: tuple[Catalogue, assets.Cache],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, cache = one_product
    first = assets.files(catalogue, cache)
    # No PNG badges and no sticker: the seller's browser draws them (sellerkit.js, tests/test_browser.py).
    assert sorted(first) == ["p/SL-MS-0001/badge.svg", "p/SL-MS-0001/preview.png", "p/SL-MS-0001/qr.png",
                             "p/SL-MS-0001/qr.svg"]
    assert all(p.is_file() for p in first.values())
    assert not list(cache.root.rglob("*.tmp"))

    def refuse(kind: str, inputs: tuple[str, ...]) -> bytes:
        raise AssertionError(f"{kind} drawn again")

    monkeypatch.setattr(assets, "_make", refuse)
    assert assets.files(catalogue, cache) == first


def test_the_cache_drops_the_kinds_no_build_draws_any_more(one_product: tuple[Catalogue, assets.Cache]) -> None:
    # The publish workflow saves the cache it restored: retired drawings would travel with it for ever.
    catalogue, cache = one_product
    old = [cache.root / "sticker" / "ab" / "ab01.png", cache.root / "badge-png" / "cd" / "cd02.png"]
    for path in old:
        path.parent.mkdir(parents=True)
        path.write_bytes(b"\x89PNG old drawing")
    kept = assets.files(catalogue, cache)
    assert [path for path in old if path.exists()] == []
    assert sorted({path.relative_to(cache.root).parts[0] for path in cache.root.rglob("*.*")}) == [
        "badge", "preview", "qr-png", "qr-svg"]
    assert all(path.is_file() for path in kept.values())


def test_into_a_site_the_badge_is_drawn_every_time_and_the_rest_comes_from_the_cache(
        one_product: tuple[Catalogue, assets.Cache], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, cache = one_product
    first = _site(tmp_path / "first")
    assert assets.files(catalogue, cache, target=first) == {}  # all drawn into the site
    drawn = {p.name: p.read_bytes() for p in (first / "p/SL-MS-0001").iterdir()}
    assert sorted(drawn) == ["badge.svg", "preview.png", "qr.png", "qr.svg"]
    assert b"SL-MS-0001" in drawn["badge.svg"]
    assert not list(cache.root.glob("badge/**/*.svg"))  # never kept: cheaper to draw than to link

    made = _drawings(monkeypatch)
    second = _site(tmp_path / "second")
    linked = assets.files(catalogue, cache, target=second)
    assert made == ["badge"]
    assert sorted(linked) == ["p/SL-MS-0001/preview.png", "p/SL-MS-0001/qr.png", "p/SL-MS-0001/qr.svg"]
    assert (second / "p/SL-MS-0001/badge.svg").read_bytes() == drawn["badge.svg"]
    assert all(linked[f"p/SL-MS-0001/{name}"].read_bytes() == drawn[name] for name in ("preview.png", "qr.png", "qr.svg"))


@pytest.mark.skipif(not hasattr(os, "nice"), reason="nothing is drawn ahead where processes cannot be made nicer")
def test_codes_drawn_ahead_are_the_ones_the_build_links_and_the_drawing_stops_with_the_build(
        one_product: tuple[Catalogue, assets.Cache], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue, cache = one_product
    with assets.DrawAhead(catalogue.root / "site_config.yml", cache) as ahead:
        process = ahead.process
        deadline = time.monotonic() + 60
        while len(list(cache.root.glob("qr-*/*/*.*"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert process is not None and not process.is_alive() and ahead.process is None
    assert sorted(p.relative_to(cache.root).parts[0] for p in cache.root.rglob("*.*")) == ["qr-png", "qr-svg"]

    made = _drawings(monkeypatch)
    linked = assets.files(catalogue, cache, target=_site(tmp_path / "site"))
    assert sorted(made) == ["badge", "preview"]  # the QR codes were there, under the names the build looks for
    url = "https://ocop-sonla.example.org/p/SL-MS-0001/"
    assert linked["p/SL-MS-0001/qr.svg"].read_text(encoding="utf-8") == qr.svg(url, "SL-MS-0001", "M")
    assert qrcheck.decode(Image.open(linked["p/SL-MS-0001/qr.png"])) == [url]
