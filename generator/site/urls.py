"""Every URL and output path the site publishes, built in one place.

These paths are permanent: they are printed on packaging (QR codes) and linked from marketplaces.
Paths are relative to the site root and never contain place names. ``absolute`` joins one with
``site.url`` from site_config.yml.
"""

from __future__ import annotations

from urllib.parse import quote


def absolute(site_url: str, path: str) -> str:
    return f"{site_url.rstrip('/')}/{path.lstrip('/')}"


def product(pid: str) -> str:
    """The product page: the target of the QR code."""
    return f"p/{pid}/"


def product_qr_svg(pid: str) -> str:
    return f"p/{pid}/qr.svg"


def product_qr_png(pid: str) -> str:
    return f"p/{pid}/qr.png"


def product_badge(pid: str) -> str:
    return f"p/{pid}/badge.svg"


def site_card() -> str:
    """The share picture for the whole site (``share_image: photo`` and a product without photos)."""
    return "share.png"


def product_preview(pid: str) -> str:
    """Open Graph / Twitter preview image."""
    return f"p/{pid}/preview.png"


def product_image(pid: str, file: str) -> str:
    # File names are restricted by the schema; quoting anyway keeps any name a valid URL path.
    return f"p/{pid}/img/{quote(file)}"


def product_image_webp(pid: str, file: str) -> str:
    """A WebP copy (at most 960 px wide) of a product photo, offered first to browsers that take it.

    Named after the whole file name, in a folder of its own: a.jpg and a.png, or b.jpg and a photo
    named b.w.webp, each keep their own copy (photo names cannot contain '/')."""
    return f"p/{pid}/img/webp/{quote(file)}.webp"


def product_json(pid: str) -> str:
    """The record plus derived fields (documented on the open-data page)."""
    return f"api/p/{pid}.json"


def gtin_page(gtin: str) -> str:
    """GS1 Digital Link path: /01/<GTIN-14>/ redirects to the product page."""
    return f"01/{gtin.zfill(14)}/"


def districts() -> str:
    return "districts/"


def district(did: str) -> str:
    return f"districts/{did}/"


def district_labels(did: str) -> str:
    """Printable A4 sheet of QR labels for a district's products."""
    return f"districts/{did}/labels/"


def wards() -> str:
    """Today's wards and communes that have products (since the 1 July 2025 reform)."""
    return "places/"


def ward(code: str) -> str:
    """One of today's wards, communes or special zones, by its official code (never its name)."""
    return f"places/{code}/"


def groups() -> str:
    return "groups/"


def group(gid: str) -> str:
    return f"groups/{gid}/"


def stars() -> str:
    return "stars/"


def star_level(n: int) -> str:
    return f"stars/{n}/"


def status_list() -> str:
    return "status/"


def plan() -> str:
    return "plan/"


def products_json() -> str:
    return "api/products.json"


def products_csv() -> str:
    return "api/products.csv"


def manifest() -> str:
    """Ids published by this build; the next build refuses to drop one silently."""
    return "api/manifest.json"


def relative(from_page: str, to: str) -> str:
    """Relative link from a page path (directory URL) to another site path."""
    depth = from_page.count("/")
    return "../" * depth + to if depth else (to or "./")


def report_page() -> str:
    """The hand-written page on reporting a product (catalogue/about/report.md), with the contact."""
    return "about/report/"


def plan_target(tid: str) -> str:
    """The products a plan target counts."""
    return f"plan/{tid}/"


def lang_prefix(lang: str) -> str:
    """Vietnamese pages live at the root (the QR targets); English ones under /en/."""
    return "" if lang == "vi" else f"{lang}/"


def in_lang(lang: str, path: str) -> str:
    return lang_prefix(lang) + path


def translated(path: str, lang: str) -> str:
    """The counterpart of a page path written in ``lang``: /en/x/ for /x/ and back."""
    prefix = lang_prefix(lang)
    inner = path.removeprefix(prefix) if prefix else path
    return inner if lang != "vi" else in_lang("en", inner)
