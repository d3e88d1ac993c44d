"""A real end-to-end build of the sample catalogue, checked for what a visitor, a seller or a steward
would notice: every page and file is there, QR codes scan to the right page, counts add up, open
data is complete, a failed build never damages the published site, and nothing a record says can
run as a script.

The sample is built once per session (``sample_site`` in conftest.py) as of TODAY. Expectations are
read from the records themselves (``products/**/*.yml`` with plain PyYAML), not from the generator.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import unicodedata
from collections import Counter
from html import escape
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest
import yaml
from PIL import Image

from generator.build import BuildFailed, build
from generator.markdown import render as render_markdown

import qrcheck
from conftest import ROOT, TODAY

# ---------------------------------------------------------------------------------------------
# What the sample says, read independently of the generator.

CONFIG = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
SITE_URL: str = CONFIG["site"]["url"].rstrip("/")
DISTRICT_IDS: list[str] = [d["id"] for d in CONFIG["districts"]]
RECORD_FILES: dict[str, Path] = {}
RECORDS: dict[str, dict] = {}
for _path in sorted((ROOT / "products").glob("**/*.yml")):
    _data = yaml.safe_load(_path.read_text(encoding="utf-8"))
    RECORD_FILES[_data["id"]] = _path
    RECORDS[_data["id"]] = _data
IDS = sorted(RECORDS)

STATUS_WORDS = {"valid": "CÒN HIỆU LỰC", "expiring": "SẮP HẾT HẠN", "expired": "HẾT HẠN",
                "revoked": "ĐÃ THU HỒI", "unrated": "CHƯA XẾP HẠNG", "withdrawn": "ĐÃ NGỪNG"}
BADGE_WORDS = {"valid": "còn hiệu lực", "expiring": "sắp hết hạn", "expired": "hết hạn",
               "revoked": "đã thu hồi", "unrated": "chưa xếp hạng", "withdrawn": "đã ngừng"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def product_url(pid: str) -> str:
    return f"{SITE_URL}/p/{pid}/"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def product_json(site: Path, pid: str) -> dict:
    return json.loads(read(site, f"api/p/{pid}.json"))


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <title>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def attr(self, tag: str, name: str) -> list[str]:
        return [a[name] or "" for t, a in self.tags if t == tag and name in a]


def verify_panel(html: str) -> str:
    match = re.search(r'<section class="ocop-verify".*?</section>', html, re.S)
    assert match, "the product page has no verification panel"
    return match.group(0)


def tree_hashes(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in skip}


def copy_sample_record(project: Path, pid: str) -> Path:
    """Copy a sample record (and its photo folder, if any) into a test project."""
    source = RECORD_FILES[pid]
    target = project / "products" / source.parent.name / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    if (source.parent / pid).is_dir():
        shutil.copytree(source.parent / pid, target.parent / pid)
    return target


# ---------------------------------------------------------------------------------------------
# Every product has its page and files.


def test_sample_has_records_in_every_district() -> None:
    # The expectations below are only as good as this reading of the records.
    assert len(IDS) == len(list((ROOT / "products").glob("**/*.yml"))) >= 60
    assert all(RECORD_FILES[pid].stem == pid for pid in IDS)
    assert set(r["district"] for r in RECORDS.values()) == set(DISTRICT_IDS)


def test_every_product_has_its_page_codes_badge_and_json(sample_site: Path) -> None:
    expected = ["index.html", "qr.svg", "qr.png", "badge.svg"]
    missing = [f"p/{pid}/{name}" for pid in IDS for name in expected if not (sample_site / "p" / pid / name).is_file()]
    missing += [f"api/p/{pid}.json" for pid in IDS if not (sample_site / "api" / "p" / f"{pid}.json").is_file()]
    assert missing == []
    # By default a shared link shows the product's photo: no card is drawn for each product.
    assert not list(sample_site.glob("p/*/preview.png"))
    # No page for a product that is not in the records.
    assert sorted(p.name for p in (sample_site / "p").iterdir()) == IDS


@pytest.mark.parametrize(("pid", "status", "stars"), [
    ("SL-MC-0008", "revoked", None),
    ("SL-MS-0007", "unrated", None),
    ("SL-BY-0003", "expired", None),
    ("SL-BY-0001", "expiring", 4),
    ("SL-MS-0001", "valid", 5),
])
def test_known_products_have_the_right_status(sample_site: Path, pid: str, status: str, stars: int | None) -> None:
    derived = product_json(sample_site, pid)["derived"]
    assert (derived["status"], derived["stars"], derived["as_of"]) == (status, stars, TODAY.isoformat())
    panel = verify_panel(read(sample_site, f"p/{pid}/index.html"))
    assert f'data-status="{status}"' in panel
    assert STATUS_WORDS[status] in panel
    if stars:
        assert "★" * stars in panel and f"{stars} sao" in panel


def test_product_pages_show_the_description_as_formatted_text_in_both_languages(sample_site: Path) -> None:
    described = {pid: r["description"] for pid, r in RECORDS.items() if r.get("description")}
    assert len(described) >= 5
    for pid, text in described.items():
        bold = re.findall(r"\*\*([^*]+)\*\*", text)
        paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip() and not p.lstrip().startswith(("-", "#", "*", "|"))]
        for page in (f"p/{pid}/index.html", f"en/p/{pid}/index.html"):
            html = read(sample_site, page)
            shown = re.sub(r"<[^>]+>", "", html)
            strong = {html_unescape(m) for m in re.findall(r"<strong>(.*?)</strong>", html)}
            for words in bold:
                assert words in strong, (page, words)
            for paragraph in paragraphs:
                plain = re.sub(r"\*+|\[([^]]*)\]\([^)]*\)", lambda m: m.group(1) or "", paragraph)
                assert plain.split()[-1] in shown, (page, paragraph)


def test_product_page_shows_name_decision_and_as_of_date(sample_site: Path) -> None:
    html = read(sample_site, "p/SL-MS-0001/index.html")
    panel = verify_panel(html)
    assert "5127/QĐ-BNN-KTHT" in panel
    assert "10/12/2027" in panel  # valid until
    assert "22/11/2026" in panel  # as of the build date
    assert nfc(RECORDS["SL-MS-0001"]["name"]) in Tags(html).title
    canonical = [a["href"] for t, a in Tags(html).tags if t == "link" and a.get("rel") == "canonical"]
    assert canonical == [product_url("SL-MS-0001")]
    alternates = {a["hreflang"]: a["href"] for t, a in Tags(html).tags if t == "link" and a.get("hreflang")}
    assert alternates == {"vi": product_url("SL-MS-0001"), "x-default": product_url("SL-MS-0001"),
                          "en": f"{SITE_URL}/en/p/SL-MS-0001/"}


def og_image(site: Path, page: str) -> dict[str, str]:
    html = read(site, page)
    return {a["property"] or "": a.get("content") or "" for t, a in Tags(html).tags
            if t == "meta" and (a.get("property") or "").startswith("og:image")}


def test_a_shared_link_shows_the_products_first_photo_or_the_sites_card(sample_site: Path) -> None:
    """The default (`site.share_image: photo`): a shared link previews the record's first photo,
    at the size the page announces, in both languages; a product without photos shows one card
    drawn for the whole site."""
    first = RECORDS["SL-MS-0001"]["images"][0]["file"]
    with_photo = og_image(sample_site, "p/SL-MS-0001/index.html")
    assert with_photo["og:image"] == f"{SITE_URL}/p/SL-MS-0001/img/{first}"
    with Image.open(sample_site / "p/SL-MS-0001/img" / first) as photo:
        assert (int(with_photo["og:image:width"]), int(with_photo["og:image:height"])) == photo.size
    assert og_image(sample_site, "en/p/SL-MS-0001/index.html") == with_photo
    without = [pid for pid in IDS if not RECORDS[pid].get("images")]
    assert without
    for pid in without:
        assert og_image(sample_site, f"p/{pid}/index.html") == {
            "og:image": f"{SITE_URL}/share.png", "og:image:width": "1200", "og:image:height": "630"}
    with Image.open(sample_site / "share.png") as card:
        assert card.size == (1200, 630)


# ---------------------------------------------------------------------------------------------
# QR codes: drawn by zxing-cpp, read by zbar and tests/qrcheck.py.


def test_every_qr_png_scans_to_exactly_its_product_page(sample_site: Path) -> None:
    wrong = {}
    for pid in IDS:
        with Image.open(sample_site / "p" / pid / "qr.png") as im:
            texts = qrcheck.decode(im)
            level = qrcheck.error_correction(qrcheck.modules(im, module_px=12, quiet=4))
            if texts != [product_url(pid)] or level != "M":
                wrong[pid] = (texts, level)
            # A 4-module quiet zone (12 px per module) on every side, so the code scans on print.
            gray = im.convert("L")
            w, h = gray.size
            quiet = 4 * 12
            for box in [(0, 0, w, quiet), (0, 0, quiet, w), (w - quiet, 0, w, w), (0, w - quiet, w, w)]:
                if gray.crop(box).getextrema() != (255, 255):
                    wrong[pid] = f"quiet zone not blank at {box}"
    assert wrong == {}


@pytest.mark.browser
@pytest.mark.xdist_group("browser")  # with the browser tests: one Chromium under `make test`
@pytest.mark.parametrize("pid", ["SL-MS-0001", "SL-MC-0016", "SL-BY-0003", "SL-SC-0001"])
def test_qr_svg_rendered_by_chromium_scans_to_its_product_page(sample_site: Path, browser, pid: str) -> None:  # type: ignore[no-untyped-def]
    # As the product page shows it (164 px wide), and larger; drawn as lines one module thick.
    for width in (164, 410):
        page = browser.new_page(viewport={"width": width, "height": width * 43 // 37 + 1})
        try:
            page.goto((sample_site / "p" / pid / "qr.svg").as_uri())
            shot = page.screenshot()
        finally:
            page.close()
        assert qrcheck.decode(Image.open(io.BytesIO(shot))) == [product_url(pid)], width


def test_qr_svg_prints_the_product_id_under_the_code(sample_site: Path) -> None:
    svg = read(sample_site, "p/SL-MS-0001/qr.svg")
    assert re.search(r"<text[^>]*>SL-MS-0001</text>", svg)
    assert f"<title>{product_url('SL-MS-0001')}</title>" in svg


def test_qr_svg_is_light_enough_for_twenty_thousand_products(sample_site: Path) -> None:
    # The sample's codes have 29 modules a side (version 3): one path of lines keeps each under
    # 2.1 KB (closed rectangles, one a run, took 3.4 KB), 40 MB at national scale.
    sizes = {pid: len((sample_site / "p" / pid / "qr.svg").read_bytes()) for pid in IDS}
    assert all('viewBox="0 0 37 43"' in read(sample_site, f"p/{pid}/qr.svg") for pid in IDS)
    assert max(sizes.values()) < 2100, max(sizes.items(), key=lambda kv: kv[1])


# ---------------------------------------------------------------------------------------------
# The embeddable badge.


@pytest.mark.parametrize(("pid", "status", "stars"), [
    ("SL-MS-0001", "valid", 5),
    ("SL-BY-0001", "expiring", 4),
    ("SL-BY-0003", "expired", 0),  # stars only while the certificate holds (3 before it lapsed)
    ("SL-MC-0008", "revoked", 0),
    ("SL-MS-0007", "unrated", 0),
])
def test_badge_says_stars_and_status_in_text_at_20px(sample_site: Path, pid: str, status: str, stars: int) -> None:
    svg = read(sample_site, f"p/{pid}/badge.svg")
    root = re.search(r"<svg[^>]*>", svg).group(0)  # type: ignore[union-attr]
    assert 'height="20"' in root
    title = re.search(r"<title>([^<]+)</title>", svg)
    assert title and BADGE_WORDS[status] in title.group(1)
    texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    assert "OCOP" in texts and BADGE_WORDS[status] in texts
    assert texts.count("★") == stars


# ---------------------------------------------------------------------------------------------
# Listings and counts.


def product_links(html: str, prefix: str) -> list[str]:
    pattern = re.compile("^" + re.escape(prefix) + r"p/([A-Z0-9-]+)/$")
    return [m.group(1) for href in Tags(html).attr("a", "href") if (m := pattern.match(href))]


@pytest.mark.parametrize("did", DISTRICT_IDS)
def test_district_page_links_to_exactly_its_products(sample_site: Path, did: str) -> None:
    linked = set(product_links(read(sample_site, f"districts/{did}/index.html"), "../../"))
    expected = {pid for pid, r in RECORDS.items() if r["district"] == did}
    assert linked == expected


def test_home_page_totals_match_the_records(sample_site: Path) -> None:
    html = read(sample_site, "index.html")
    totals_div = re.search(r'<div class="ocop-totals">(.*?)</div>', html, re.S).group(1)  # type: ignore[union-attr]
    totals = {label.strip(): int(n) for n, label in re.findall(r"<strong>(\d+)</strong>([^<]*)</p>", totals_div)}
    statuses = Counter(o["derived"]["status"] for o in json.loads(read(sample_site, "api/products.json"))["products"])
    assert totals == {
        "sản phẩm còn hiệu lực": statuses["valid"] + statuses["expiring"],
        "sản phẩm (tất cả sản phẩm)": len(RECORDS),
        "huyện, thành phố": len(DISTRICT_IDS),
        "chủ thể": len({nfc(r["producer"]["name"]) for r in RECORDS.values()}),
    }
    per_district = {d: int(n) for d, n in re.findall(
        r'<a href="districts/([a-z0-9-]+)/"[^>]*>[^<]*</a> <span class="ocop-count">\((\d+)\)</span>', html)}
    assert per_district == dict(Counter(r["district"] for r in RECORDS.values()))


def test_star_and_group_counts_on_the_home_page_match_their_pages(sample_site: Path) -> None:
    html = read(sample_site, "index.html")
    products = json.loads(read(sample_site, "api/products.json"))["products"]
    for n in (5, 4, 3):
        shown = re.search(rf'<a href="stars/{n}/">.*?</a> <span class="ocop-count">\((\d+)\)</span>', html)
        linked = set(product_links(read(sample_site, f"stars/{n}/index.html"), "../../"))
        expected = {o["id"] for o in products if o["derived"]["stars"] == n}  # stars only while valid
        assert shown and int(shown.group(1)) == len(linked) and linked == expected, n
    for group in sorted({r["group"] for r in RECORDS.values()}):
        shown = re.search(rf'<a href="groups/{group}/">[^<]*</a> <span class="ocop-count">\((\d+)\)</span>', html)
        linked = set(product_links(read(sample_site, f"groups/{group}/index.html"), "../../"))
        expected = {pid for pid, r in RECORDS.items() if r["group"] == group}
        assert shown and int(shown.group(1)) == len(linked) and linked == expected, group


def test_gtin_paths_lead_to_the_product_page(sample_site: Path) -> None:
    with_gtin = {str(r["gtin"]).zfill(14): pid for pid, r in RECORDS.items() if r.get("gtin")}
    assert with_gtin, "the sample should have products with a GTIN"
    assert sorted(p.name for p in (sample_site / "01").iterdir()) == sorted(with_gtin)
    for gtin14, pid in with_gtin.items():
        folder = sample_site / "01" / gtin14
        tags = Tags(read(sample_site, f"01/{gtin14}/index.html"))
        assert tags.attr("link", "href") == [product_url(pid)]
        refresh = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "refresh"]
        assert len(refresh) == 1
        target = refresh[0].split("url=", 1)[1]
        assert (folder / target).resolve() == (sample_site / "p" / pid).resolve()
        assert target in tags.attr("a", "href")


def test_every_internal_link_and_image_resolves(sample_site: Path) -> None:
    broken = set()
    for page in sample_site.rglob("*.html"):
        tags = Tags(page.read_text(encoding="utf-8"))
        for tag, attrs in tags.tags:
            for name in ("href", "src", "action"):
                value = attrs.get(name)
                if value is None:
                    continue
                parts = urlsplit(value)
                if parts.scheme or parts.netloc or not parts.path:
                    continue
                path = unquote(parts.path)
                target = (sample_site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
                if target.is_dir():
                    target = target / "index.html"
                if not target.resolve().is_file():
                    broken.add(f"{page.relative_to(sample_site)}: <{tag} {name}={value!r}>")
    assert sorted(broken) == []


def test_home_search_form_leads_to_a_page(sample_site: Path) -> None:
    tags = Tags(read(sample_site, "index.html"))
    actions = tags.attr("form", "action")
    assert actions, "the home page has a search form"
    for action in actions:
        assert (sample_site / action / "index.html").is_file(), f"the search form goes to {action}, which does not exist"


# ---------------------------------------------------------------------------------------------
# Open data.


def test_products_json_lists_every_record(sample_site: Path) -> None:
    data = json.loads(read(sample_site, "api/products.json"))
    assert data["count"] == len(data["products"]) == len(RECORDS)
    assert sorted(o["id"] for o in data["products"]) == IDS
    assert data["as_of"] == TODAY.isoformat()
    for o in data["products"]:
        assert o["derived"]["url"] == product_url(o["id"])
        assert o["record"]["name"] == nfc(RECORDS[o["id"]]["name"])
        assert product_json(sample_site, o["id"]) == o


def test_products_csv_has_one_row_per_record_with_tone_marks_intact(sample_site: Path) -> None:
    raw = (sample_site / "api/products.csv").read_bytes()
    raw.decode("utf-8")  # strict: no mojibake bytes
    frame = pd.read_csv(sample_site / "api/products.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    assert list(frame.columns)[0] == "id"
    assert len(frame) == len(RECORDS)
    assert sorted(frame["id"]) == IDS
    for row in frame.itertuples():
        record = RECORDS[row.id]
        assert row.name == nfc(record["name"])
        assert row.producer == nfc(record["producer"]["name"])
        assert row.gtin == str(record.get("gtin") or "")
        assert row.url == product_url(row.id)
    assert "Cà phê Arabica rang xay Chiềng Ban" in set(frame["name"])


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_csv_cells_cannot_become_spreadsheet_formulas(project: Path, record_yaml) -> None:  # type: ignore[no-untyped-def]
    (project / "products/mai-son").mkdir(parents=True)
    (project / "products/mai-son/SL-MS-0901.yml").write_text(record_yaml(
        name='=HYPERLINK("https://evil.example/","Xem giá")', summary="+1+1 cmd|' /C calc'!A0",
        producer={"name": "@SUM(1+1)", "type": "cooperative"}), encoding="utf-8")
    try:
        build(project / "site_config.yml", project / "site", TODAY)
    except BuildFailed as e:  # refusing such text, with a message, is a correct answer too
        assert {p.field for p in e.problems} <= {"name", "summary", "producer.name"}
        return
    frame = pd.read_csv(project / "site/api/products.csv", dtype=str, keep_default_na=False)
    live = [f"{col}={value!r}" for col in frame.columns for value in frame[col] if value.startswith(FORMULA_STARTS)]
    assert live == []


def test_json_ld_is_a_product_with_a_certification_never_a_rating(sample_site: Path) -> None:
    for pid in IDS:
        html = read(sample_site, f"p/{pid}/index.html")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1, pid
        data = json.loads(blocks[0])
        assert data["@type"] == "Product" and data["name"] == nfc(RECORDS[pid]["name"]), pid
        assert "aggregateRating" not in data
        derived = product_json(sample_site, pid)["derived"]
        if derived["status"] == "unrated":
            assert "hasCertification" not in data, pid
            continue
        cert = data["hasCertification"]
        assert cert["@type"] == "Certification", pid
        assert cert["certificationRating"]["ratingValue"] == derived["last_stars"], pid
        assert cert["expires"] == derived["valid_until"], pid
        active = derived["status"] in ("valid", "expiring")
        assert cert["certificationStatus"].endswith("CertificationActive" if active else "CertificationInactive"), pid
    for path in list(sample_site.rglob("*.html")) + list(sample_site.rglob("*.json")):
        assert "AggregateRating" not in path.read_text(encoding="utf-8"), path


# ---------------------------------------------------------------------------------------------
# Builds that fail leave the published site alone; published pages never disappear.


def test_failed_build_leaves_the_previous_site_untouched(project: Path) -> None:
    for pid in ("SL-BY-0001", "SL-BY-0003"):
        copy_sample_record(project, pid)
    out = project / "site"
    build(project / "site_config.yml", out, TODAY)
    before = tree_hashes(out)
    assert "p/SL-BY-0001/index.html" in before

    (project / "products/bac-yen/SL-BY-0099.yml").write_text("id: SL-BY-0099\nname: Thiếu mọi thứ\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(project / "site_config.yml", out, TODAY)
    assert failed.value.problems
    assert {p.file for p in failed.value.problems} == {"products/bac-yen/SL-BY-0099.yml"}
    assert tree_hashes(out) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [".site.lock"]  # no half-built leftovers


def test_a_helper_process_that_fails_stops_the_build_and_leaves_the_site(project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from generator import build as build_module
    from generator.mkdocs_adapter import RenderError

    copy_sample_record(project, "SL-BY-0001")
    out = project / "site"
    build(project / "site_config.yml", out, TODAY)
    before = tree_hashes(out)

    def broken(*args):  # type: ignore[no-untyped-def]
        raise MemoryError("no room")
    monkeypatch.setattr(build_module, "_plan_figures", broken)  # the forked helper inherits it
    # Forked even where this test process runs other threads (a browser test's Chromium driver).
    monkeypatch.setenv("OCOP_START_METHOD", "fork")
    with pytest.raises(RenderError, match=r"the plan figures could not be made \(MemoryError: no room\)"):
        build(project / "site_config.yml", out, TODAY)
    assert tree_hashes(out) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def test_a_description_renders_as_the_page_shows_it_and_refused_markup_is_dropped() -> None:
    from generator import markdown

    assert markdown.render("**Chè** Tà Xùa\n\n- gói 250 g\n- [HTX](https://example.vn)") == (
        '<p><strong>Chè</strong> Tà Xùa</p>\n<ul>\n<li>gói 250 g</li>\n<li><a href="https://example.vn">HTX</a></li>\n</ul>\n')
    html = markdown.render("Chè <b>ngon</b> [a](http://b) ![ảnh](https://example.vn/a.jpg)")
    assert "<b>" not in html and "http://b" not in html and "<img" not in html
    assert "ngon" in html and ">a<" in html  # the words stay, as text


def test_removed_record_is_refused(project: Path) -> None:
    for pid in ("SL-BY-0003", "SL-BY-0004"):
        copy_sample_record(project, pid)
    out = project / "site"
    build(project / "site_config.yml", out, TODAY)
    before = tree_hashes(out)

    live = project / "live-manifest.json"  # what the publish workflow fetches from the live site
    live.write_bytes((out / "api/manifest.json").read_bytes())
    (project / "products/bac-yen/SL-BY-0004.yml").unlink()
    with pytest.raises(BuildFailed) as failed:
        build(project / "site_config.yml", out, TODAY, published=live)
    assert [p.code for p in failed.value.problems] == ["E407"]
    assert "SL-BY-0004" in failed.value.problems[0].message
    assert "withdrawn" in failed.value.problems[0].hint
    assert tree_hashes(out) == before  # its page is still published


def test_withdrawn_record_keeps_its_page_and_says_so(project: Path) -> None:
    for pid in ("SL-BY-0003", "SL-BY-0004"):
        copy_sample_record(project, pid)
    out = project / "site"
    build(project / "site_config.yml", out, TODAY)

    record = project / "products/bac-yen/SL-BY-0004.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.rstrip("\n") + "\nwithdrawn:\n  date: 2026-10-01\n  reason: \"Cơ sở ngừng sản xuất sản phẩm này.\"\n",
                      encoding="utf-8")
    build(project / "site_config.yml", out, TODAY)
    panel = verify_panel(read(out, "p/SL-BY-0004/index.html"))
    assert 'data-status="withdrawn"' in panel
    assert "ĐÃ NGỪNG" in panel
    assert "Cơ sở ngừng sản xuất sản phẩm này." in panel
    assert product_json(out, "SL-BY-0004")["derived"]["status"] == "withdrawn"
    assert "đã ngừng" in read(out, "p/SL-BY-0004/badge.svg")
    assert "SL-BY-0004" in json.loads(read(out, "api/manifest.json"))["ids"]


# ---------------------------------------------------------------------------------------------
# Hostile content: records are written in public pull requests.


@pytest.mark.parametrize(("description", "code"), [
    ("Ngon.\n\n<script>alert(1)</script>\n", "E207"),
    ("Xem <img src=x onerror=alert(1)> nhé.\n", "E207"),
    ("Xem [trang](javascript:alert(1)).\n", "E206"),
])
def test_hostile_description_is_rejected(project: Path, record_yaml, description: str, code: str) -> None:  # type: ignore[no-untyped-def]
    (project / "products/mai-son").mkdir(parents=True)
    (project / "products/mai-son/SL-MS-0901.yml").write_text(record_yaml(description=description), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(project / "site_config.yml", project / "site", TODAY)
    assert [(p.code, p.field) for p in failed.value.problems] == [(code, "description")]
    assert not (project / "site").exists()


def test_markdown_renderer_is_inert_even_without_validation() -> None:
    html = render_markdown("<script>alert(1)</script> [x](javascript:alert(1)) [y](JAVASCRIPT:alert(1))"
                           "\n\n[z][r]\n\n[r]: javascript:alert(1)\n\n<img src=x onerror=alert(1)>")
    assert "<script" not in html.lower()
    assert 'href="javascript:' not in html.lower()
    assert "<img" not in html.lower()
    assert "<a>z</a>" in html  # a refused link's words stay, as text


HOSTILE_NAME = "</title><script>alert(1)</script>"
HOSTILE_SUMMARY = '"><img src=x onerror=alert(1)>'


def test_hostile_name_and_summary_are_shown_as_text(project: Path, record_yaml) -> None:  # type: ignore[no-untyped-def]
    (project / "products/mai-son").mkdir(parents=True)
    (project / "products/mai-son/SL-MS-0901.yml").write_text(
        record_yaml(name=HOSTILE_NAME, summary=HOSTILE_SUMMARY, gtin="8936012345674",
                    producer={"name": HOSTILE_NAME, "type": "cooperative", "address": HOSTILE_SUMMARY}),
        encoding="utf-8")
    out = project / "site"
    build(project / "site_config.yml", out, TODAY)
    pages = ["p/SL-MS-0901/index.html", "index.html", "districts/mai-son/index.html",
             "districts/mai-son/labels/index.html", "01/08936012345674/index.html", "groups/food/index.html",
             "stars/4/index.html", "status/index.html"]
    for rel in pages:
        html = read(out, rel)
        assert "<script>alert" not in html, rel
        assert "<img src=x" not in html, rel
        assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html, rel
    html = read(out, "p/SL-MS-0901/index.html")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert Tags(html).title.startswith(HOSTILE_NAME)  # the title shows the name, as text
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    assert (ld["name"], ld["description"]) == (HOSTILE_NAME, HOSTILE_SUMMARY)
    assert product_json(out, "SL-MS-0901")["record"]["name"] == HOSTILE_NAME


# ---------------------------------------------------------------------------------------------
# Determinism: the same records and date give the same site, byte for byte.


def test_build_is_deterministic(tmp_path: Path) -> None:
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "products", tmp_path / "products")
    build(tmp_path / "site_config.yml", tmp_path / "first", TODAY)
    shutil.rmtree(tmp_path / ".cache")  # the second build redraws every QR code, badge and preview too
    build(tmp_path / "site_config.yml", tmp_path / "second", TODAY)

    def ours(site: Path) -> dict[str, str]:
        # Pages, open data, per-product files and the search index; not MkDocs' sitemap (it
        # carries the wall-clock date).
        return {rel: h for rel, h in tree_hashes(site).items()
                if rel.endswith(".html") or rel.startswith(("p/", "api/", "01/", "search/"))}

    first, second = ours(tmp_path / "first"), ours(tmp_path / "second")
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []
    for must in ("p/SL-MS-0001/index.html", "api/products.json", "api/products.csv", "p/SL-MS-0001/qr.png",
                 "districts/mai-son/index.html", "index.html", "search/index.html"):
        assert must in first


def test_photos_are_offered_as_webp_with_their_size(sample_site: Path) -> None:
    from PIL import Image

    html = read(sample_site, "p/SL-MS-0001/index.html")
    pictures = re.findall(r'<picture><source srcset="([^"]+)" type="image/webp"><img src="([^"]+)"[^>]*'
                          r'width="(\d+)" height="(\d+)"', html)
    assert pictures
    page = sample_site / "p/SL-MS-0001"
    for webp, original, width, height in pictures:
        with Image.open(page / webp) as small, Image.open(page / original) as big:
            assert small.format == "WEBP" and big.size == (int(width), int(height))
            assert small.width <= 960 and abs(small.width / small.height - big.width / big.height) < 0.02


def test_long_listings_are_split_into_pages_that_list_every_product_once(tmp_path: Path) -> None:
    import importlib.util

    from generator.site import pages as site_pages
    from generator.validate import validate

    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    synth = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(synth)  # type: ignore[union-attr]
    synth.generate(tmp_path, 450)
    catalogue = validate(tmp_path / "site_config.yml", TODAY).catalogue
    assert catalogue is not None
    built = {p.path: p for p in site_pages.all_pages(catalogue, ROOT / "theme")}
    valid = sorted(e.id for e in catalogue.entries if e.derived.status == "valid")
    assert len(valid) > site_pages.SHOWN
    main = built["status/"].body
    assert re.search(r'href="(\.\./)*status/valid/"', main)  # "see all" links to the first numbered page
    numbered = sorted(p for p in built if p.startswith("status/valid/"))
    listed = [pid for p in numbered for pid in re.findall(r'href="[./]*p/([A-Z0-9-]+)/"', built[p].body)]
    assert sorted(listed) == valid  # every valid product exactly once across the numbered pages
    first_section = main.split('id="valid"', 1)[1].split("<h2", 1)[0]
    assert len(re.findall(r'<li>(?:<img [^>]*>)?<a href="[./]*p/', first_section)) == site_pages.SHOWN  # cards


def _stamped_and_rendered(tmp_path: Path, lang: str) -> tuple[dict[str, Path], int]:
    """The sample's pages in one language, stamped as the build does (mkdocs_adapter.Stamp) and
    rendered by MkDocs one by one; and the number of products."""
    import dataclasses

    from generator import build as build_module, mkdocs_adapter
    from generator.validate import validate

    catalogue = validate(ROOT / "site_config.yml", TODAY).catalogue
    theme = ROOT / "theme"
    pages = build_module.language_pages(catalogue, theme, lang, None, ROOT / "CONTRIBUTING.md")
    assert sum(p.stamped for p in pages) == len(catalogue.entries)
    docs = ROOT / "catalogue" if lang == "vi" else ROOT / "catalogue" / "en"
    sites = {}
    for way, page_list in (("stamped", pages), ("rendered", [dataclasses.replace(p.full(), stamped=False, make=None) for p in pages])):
        nav_uris = build_module.NAV_URIS if way == "stamped" else {p.src_uri for p in page_list}
        site = tmp_path / way
        settings = mkdocs_adapter.config(site=catalogue.config.site, docs_dir=docs, site_dir=site, theme_dir=theme,
                                         nav_items=mkdocs_adapter.nav(docs, [], lang), lang=lang, sample_data=True,
                                         strict=False)
        mkdocs_adapter.render(page_list, settings, nav_uris, TODAY)
        sites[way] = site
    return sites, len(catalogue.entries)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_stamped_product_pages_are_exactly_what_mkdocs_renders(tmp_path: Path, lang: str) -> None:
    """Product pages are filled into one page MkDocs rendered (mkdocs_adapter.Stamp), whose layout
    lost its indentation (``squeeze``): the result must be byte for byte the page MkDocs renders
    for each product itself, once squeezed the same way, in both languages."""
    from generator import mkdocs_adapter

    sites, count = _stamped_and_rendered(tmp_path, lang)
    products = sorted(p.relative_to(sites["rendered"]) for p in (sites["rendered"] / "p").rglob("index.html"))
    assert len(products) == count
    # Every page, products and the other pages outside the navigation (districts, plan targets).
    everything = sorted(p.relative_to(sites["rendered"]) for p in sites["rendered"].rglob("*.html"))
    assert sorted(p.relative_to(sites["stamped"]) for p in sites["stamped"].rglob("*.html")) == everything
    assert len(everything) > len(products) + 10
    squeezed = 0
    for rel in everything:
        stamped, rendered = ((sites[way] / rel).read_text(encoding="utf-8") for way in ("stamped", "rendered"))
        assert mkdocs_adapter.squeeze(stamped) == mkdocs_adapter.squeeze(rendered), rel
        # The indentation left in Material's base.html is gone (our templates write none: 0.9 KB).
        squeezed += len(stamped) < len(rendered) - 500
    assert squeezed > len(products)
    assert not [p for p in sites["stamped"].rglob("*") if mkdocs_adapter.Stamp.KEY in p.name]
    # The sitemap lists the same pages.
    locs = {way: sorted(re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
            for way, site in sites.items()}
    assert locs["stamped"] == locs["rendered"] and not any(mkdocs_adapter.Stamp.KEY in loc for loc in locs["stamped"])


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_squeezed_pages_look_and_read_exactly_like_mkdocs_own(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """The stamped pages lost their layout's indentation: Chromium must draw them pixel for pixel
    as MkDocs' own rendering, read the same text and find the same links, on a phone and a desktop."""
    sites, _ = _stamped_and_rendered(tmp_path, "vi")
    pages = ["p/SL-MS-0001/index.html", f"districts/{DISTRICT_IDS[0]}/index.html"]
    for width, height in ((360, 640), (1280, 800)):
        tab = browser.new_page(viewport={"width": width, "height": height})
        for rel in pages:
            seen = {}
            for way, site in sites.items():
                tab.goto((site / rel).as_uri())
                tab.wait_for_load_state("load")
                seen[way] = (tab.screenshot(full_page=True, animations="disabled"), tab.inner_text("body"),
                             tab.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"))
            stamped, rendered = seen["stamped"], seen["rendered"]
            assert len(stamped[0]) < len(rendered[0]) * 2  # a real page was drawn in both
            assert stamped[1] == rendered[1], rel
            assert [h.replace("/stamped/", "/rendered/") for h in stamped[2]] == rendered[2], rel
            assert stamped[0] == rendered[0], f"{rel} at {width} px does not look the same"
        tab.close()


def test_share_image_card_draws_a_card_per_product_the_size_the_page_announces(tmp_path: Path) -> None:
    """`site.share_image: card`: a shared link shows a 1200×630 card drawn for the product."""
    config = (ROOT / "site_config.yml").read_text(encoding="utf-8")
    assert "\nsite:\n" in config
    (tmp_path / "site_config.yml").write_text(config.replace("\nsite:\n", "\nsite:\n  share_image: card\n", 1),
                                              encoding="utf-8")
    shutil.copytree(ROOT / "products", tmp_path / "products")
    build(tmp_path / "site_config.yml", tmp_path / "site", TODAY)
    site = tmp_path / "site"
    assert sorted(p.parent.name for p in site.glob("p/*/preview.png")) == IDS
    assert not (site / "share.png").exists()
    for page in ("p/SL-MS-0001/index.html", "en/p/SL-MS-0001/index.html"):
        metas = og_image(site, page)
        assert metas["og:image"] == f"{SITE_URL}/p/SL-MS-0001/preview.png"
        with Image.open(site / "p/SL-MS-0001/preview.png") as im:
            assert im.size == (int(metas["og:image:width"]), int(metas["og:image:height"])) == (1200, 630)


def test_long_district_pages_are_split_like_listings(monkeypatch: pytest.MonkeyPatch) -> None:
    """At national scale a district holds thousands of products: its page shows the first few of
    each group and numbered pages list every one; each commune shows a few links and a search."""
    from generator.site import pages as site_pages
    from generator.validate import validate

    monkeypatch.setattr(site_pages, "SHOWN", 2)
    monkeypatch.setattr(site_pages, "PAGE_SIZE", 3)
    monkeypatch.setattr(site_pages, "COMMUNE_LINKS", 1)
    catalogue = validate(ROOT / "site_config.yml", TODAY).catalogue
    assert catalogue is not None
    built = {p.path: p for p in site_pages.all_pages(catalogue, ROOT / "theme")}
    card = re.compile(r'<li>(?:<img [^>]*>)?<a href="[./]*p/([A-Z0-9-]+)/"')
    split = searched = 0
    for did in DISTRICT_IDS:
        main = built[f"districts/{did}/"].body
        for group in {r["group"] for r in RECORDS.values() if r["district"] == did}:
            expected = sorted(pid for pid, r in RECORDS.items() if r["district"] == did and r["group"] == group)
            section = main.split(f'<h2 id="{group}">', 1)[1].split("<h2", 1)[0]
            assert f"({len(expected)})" in section
            if len(expected) <= 2:
                assert sorted(card.findall(section)) == expected
                continue
            split += 1
            assert len(card.findall(section)) == 2
            assert re.search(rf'href="\.\./\.\./districts/{did}/{group}/"', section)
            numbered = [p for p in built if p.startswith(f"districts/{did}/{group}/")]
            assert len(numbered) == -(-len(expected) // 3)
            assert sorted(pid for p in numbered for pid in card.findall(built[p].body)) == expected
        communes = main.split('id="communes"', 1)[1].split("<h2", 1)[0]
        for item in re.findall(r"<li>(.*?)</li>", communes):
            assert len(re.findall(r'href="[./]*p/', item)) == 1
            if "search/?q=" in item:
                searched += 1
                assert f"district={did}" in item
    assert split > 0 and searched > 0
