"""What only a browser shows: the verification panel recomputing expiry on the visitor's clock, the
panel without JavaScript, that no record can run a script, and the badge and QR code as images.

Real headless Chromium (the system one, /usr/bin/chromium; never ``playwright install``) driven by
Playwright, one browser per session, pages served over http from 127.0.0.1 like a static host.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
import yaml

from conftest import CHROMIUM, ROOT, TODAY, serve

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")

from generator.build import BuildFailed, build  # noqa: E402
from generator.derive import status_on  # noqa: E402

# One worker runs every browser test under `pytest -n 2 --dist loadgroup` (make test): one Chromium.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

VN = timezone(timedelta(hours=7))
SITE_URL = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))["site"]["url"].rstrip("/")
WORDS = {"valid": "CÒN HIỆU LỰC", "expiring": "SẮP HẾT HẠN", "expired": "HẾT HẠN", "revoked": "ĐÃ THU HỒI"}


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    """Base URL of the sample site (built once, as of TODAY) served over http."""
    with serve(sample_site) as url:
        yield url


@pytest.fixture
def context(browser):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(timezone_id="Asia/Ho_Chi_Minh", locale="vi-VN")
    ctx.set_default_timeout(5000)
    yield ctx
    ctx.close()


def noon_in_vietnam(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=VN)


def open_product(context, base: str, pid: str, clock: date | None = None):  # type: ignore[no-untyped-def]
    page = context.new_page()
    if clock is not None:
        page.clock.set_fixed_time(noon_in_vietnam(clock))  # before navigation: the page's script sees it
    page.goto(f"{base}p/{pid}/")
    return page


def panel(page) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(data-status, the status words shown) of the verification panel."""
    section = page.locator("section.ocop-verify")
    return section.get_attribute("data-status"), page.locator("[data-ocop-status-text]:visible").inner_text().strip()


def derived(site: Path, pid: str) -> dict:
    return json.loads((site / "api" / "p" / f"{pid}.json").read_text(encoding="utf-8"))["derived"]


# ---------------------------------------------------------------------------------------------
# The verification panel follows the visitor's clock.

VALID_PRODUCT = "SL-MS-0001"


@pytest.mark.parametrize(("when", "status"), [
    ("build date", "valid"),
    ("30 days before valid_until", "expiring"),
    ("the day after valid_until", "expired"),
])
def test_panel_recomputes_expiry_on_the_visitors_clock(sample_site: Path, site_url: str, context, when: str,
                                                       status: str) -> None:  # type: ignore[no-untyped-def]
    facts = derived(sample_site, VALID_PRODUCT)
    assert (facts["status"], facts["as_of"]) == ("valid", TODAY.isoformat())  # built as a valid product
    until = date.fromisoformat(facts["valid_until"])
    clock = {"build date": TODAY, "30 days before valid_until": until - timedelta(days=30),
             "the day after valid_until": until + timedelta(days=1)}[when]
    page = open_product(context, site_url, VALID_PRODUCT, clock)
    assert panel(page) == (status, WORDS[status])
    assert page.locator("[data-ocop-recheck]").is_visible()  # "checked again on your device"
    assert page.get_by_text("Theo dữ liệu ngày 22/11/2026").is_visible()  # the build date stays stated


@pytest.mark.parametrize(("days", "hour", "minute"), [
    (-91, 12, 0), (-90, 12, 0), (-89, 12, 0), (-1, 12, 0), (0, 12, 0), (1, 12, 0),
    (-90, 0, 30), (-90, 23, 30), (0, 0, 30), (0, 23, 30), (1, 0, 30),
])
def test_browser_and_build_agree_on_the_status_around_the_boundaries(browser, sample_site: Path, site_url: str,
                                                                    days: int, hour: int, minute: int) -> None:  # type: ignore[no-untyped-def]
    # Days are Vietnamese calendar days wherever the visitor is: this browser is in California.
    until = date.fromisoformat(derived(sample_site, VALID_PRODUCT)["valid_until"])
    day = until + timedelta(days=days)
    context = browser.new_context(timezone_id="America/Los_Angeles")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN))
        page.goto(f"{site_url}p/{VALID_PRODUCT}/")
        expected = status_on(until, day)  # what a build on that (Vietnamese) day would say
        assert panel(page) == (expected, WORDS[expected])
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# What a shopper sees in one glance at a phone (360x640) after scanning the QR code: the status word
# on the first screen, gold stars only for a valid certificate, no future date on a revoked page.

GOLD = "rgb(141, 90, 0)"  # --ocop-star
STATUS_COLOURS = {"valid": "rgb(27, 94, 32)", "expiring": "rgb(122, 65, 0)", "expired": "rgb(183, 28, 28)",
                  "revoked": "rgb(74, 20, 140)", "unrated": "rgb(55, 71, 79)"}
GLANCE = {  # (product, status, headline in Vietnamese, in English)
    "valid": ("SL-MS-0001", "CÒN HIỆU LỰC đến 10/12/2027", "VALID until 10 December 2027"),
    "expired": ("SL-BY-0003", "HẾT HẠN từ 18/12/2024", "EXPIRED since 18 December 2024"),
    "revoked": ("SL-MC-0008", "ĐÃ THU HỒI ngày 08/09/2025", "REVOKED on 8 September 2025"),
    "unrated": ("SL-BY-0004", "CHƯA XẾP HẠNG", "NOT YET RATED"),
}

# Every visible element whose own text holds a star glyph, with its colour.
VISIBLE_STARS = """() => [...document.querySelectorAll('body *')].filter(el =>
    [...el.childNodes].some(n => n.nodeType === 3 && /[★☆]/.test(n.textContent)) && el.checkVisibility())
  .map(el => [el.textContent.trim(), getComputedStyle(el).color])"""

DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 360, "height": 640}, timezone_id="Asia/Ho_Chi_Minh", locale="vi-VN")
    ctx.set_default_timeout(5000)
    yield ctx
    ctx.close()


def headline(page) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.locator(".ocop-verify__status:visible").inner_text().split())


def status_icon(page) -> tuple[str, float, float]:  # type: ignore[no-untyped-def]
    """(colour, width in px, share of its box drawn in that colour) of the status icon before the
    status words (ocop.css draws it: no page carries it). A drawing, not a filled box or a glyph."""
    from io import BytesIO

    from PIL import Image

    line = page.locator(".ocop-verify__status:visible")
    colour, width = line.evaluate("el => { const s = getComputedStyle(el, '::before');"
                                  " return [s.backgroundColor, parseFloat(s.width) || 0]; }")
    box = line.bounding_box()
    shot = Image.open(BytesIO(page.screenshot(clip={"x": box["x"], "y": box["y"], "width": max(width, 1),
                                                     "height": box["height"]}))).convert("RGB")
    rgb = tuple(int(v) for v in re.findall(r"\d+", colour)[:3])
    raw = shot.tobytes()
    pixels = [raw[i:i + 3] for i in range(0, len(raw), 3)]
    drawn = sum(all(abs(a - b) < 40 for a, b in zip(p, rgb)) for p in pixels)
    return colour, width, drawn / len(pixels)


@pytest.mark.parametrize("status", list(GLANCE))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_glance_at_the_panel_on_a_phone(site_url: str, phone, status: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    pid, vi, en = GLANCE[status]
    page = open_product(phone, site_url + ("en/" if lang == "en" else ""), pid, TODAY)
    assert headline(page) == (vi if lang == "vi" else en)
    words = page.locator("[data-ocop-status-text]:visible")
    assert words.bounding_box()["y"] + words.bounding_box()["height"] <= 640  # on the first screen
    # The icon is a drawing in the status colour, not a character that needs a font.
    colour, width, drawn = status_icon(page)
    assert colour == STATUS_COLOURS[status] and width >= 16
    assert 0.03 < drawn < 0.55  # a shape in its line, not nothing or a filled square (0.7)
    stars = page.evaluate(VISIBLE_STARS)
    gold = [text for text, colour in stars if colour == GOLD]
    if status == "valid":
        assert gold and page.locator(".ocop-verify__stars:visible").inner_text().split()[-2:] == (
            ["5", "sao"] if lang == "vi" else ["5", "stars"])
    else:
        assert gold == []  # stars of a lapsed certificate are history, never a current rating
    past = page.locator(".ocop-verify__stars--past:visible")
    if status in ("expired", "revoked"):
        assert ("đã từng đạt 3 sao" if lang == "vi" else "was rated 3 stars") in past.inner_text()
    else:
        assert past.count() == 0
    if status == "revoked" and lang == "vi":
        # No date after the build date anywhere on the page: the revoked certificate's original end
        # date (12/06/2027) must not read as a validity.
        text = page.locator("article.ocop-product").inner_text()
        later = [m.group(0) for m in DATE.finditer(text)
                 if date(int(m.group(3)), int(m.group(2)), int(m.group(1))) > TODAY]
        assert later == [] and "12/06/2027" not in text


def test_stars_turn_to_history_when_the_visitors_clock_passes_the_expiry(sample_site: Path, site_url: str,
                                                                          phone) -> None:  # type: ignore[no-untyped-def]
    until = date.fromisoformat(derived(sample_site, VALID_PRODUCT)["valid_until"])
    before = open_product(phone, site_url, VALID_PRODUCT, until)
    assert headline(before) == "SẮP HẾT HẠN đến 10/12/2027"
    assert [c for _, c in before.evaluate(VISIBLE_STARS)].count(GOLD) == 1
    after = open_product(phone, site_url, VALID_PRODUCT, until + timedelta(days=1))
    assert headline(after) == "HẾT HẠN từ 11/12/2027"
    assert status_icon(after)[0] == STATUS_COLOURS["expired"]
    # The icon is the expired one (a cross), not the built page's tick in another colour.
    assert after.locator(".ocop-verdict").evaluate("el => getComputedStyle(el).getPropertyValue('--ocop-icon')") != \
        before.locator(".ocop-verdict").evaluate("el => getComputedStyle(el).getPropertyValue('--ocop-icon')")
    assert GOLD not in [c for _, c in after.evaluate(VISIBLE_STARS)]
    assert "đã từng đạt 5 sao" in after.locator(".ocop-verify__stars--past:visible").inner_text()
    assert after.locator(".ocop-verify__note:visible").count() == 1  # "must be re-evaluated"
    # The build's statement stays, and the reader is told the page checked the date itself.
    assert after.get_by_text("Theo dữ liệu ngày 22/11/2026").is_visible()
    assert after.locator("[data-ocop-recheck]").is_visible()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_page_built_expiring_turns_expired_on_the_visitors_clock(sample_site: Path, site_url: str, phone,
                                                                    lang: str) -> None:  # type: ignore[no-untyped-def]
    # The page carries only its built verdict and, in data-later, what differs once expired: the
    # words, the date, the stars as history and the note all change together, in the page's language.
    facts = derived(sample_site, "SL-BY-0001")
    assert facts["status"] == "expiring"
    day = date.fromisoformat(facts["valid_until"]) + timedelta(days=1)
    page = open_product(phone, site_url + ("en/" if lang == "en" else ""), "SL-BY-0001", day)
    assert page.locator("section.ocop-verify").get_attribute("data-status") == "expired"
    assert headline(page) == (f"HẾT HẠN từ {day:%d/%m/%Y}" if lang == "vi" else f"EXPIRED since {day.day} {day:%B %Y}")
    assert status_icon(page)[0] == STATUS_COLOURS["expired"]
    past = page.locator(".ocop-verify__stars--past:visible .ocop-stars-past")
    assert past.count() == 1 and GOLD not in [c for _, c in page.evaluate(VISIBLE_STARS)]
    assert ("đã từng đạt 4 sao" if lang == "vi" else "was rated 4 stars") in page.locator(".ocop-verify__stars").inner_text()
    assert page.locator(".ocop-verify__note").count() == 1
    assert page.locator(".ocop-verdict").count() == 1  # no hidden copy of another verdict


# ---------------------------------------------------------------------------------------------
# Without JavaScript the panel is complete (the shopper's cheap phone, a blocked script).


@pytest.mark.parametrize(("pid", "status"), [("SL-MS-0001", "valid"), ("SL-BY-0001", "expiring"),
                                             ("SL-BY-0003", "expired"), ("SL-MC-0008", "revoked")])
def test_panel_is_complete_without_javascript(browser, site_url: str, pid: str, status: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}p/{pid}/")
        section = page.locator("section.ocop-verify")
        assert section.is_visible()
        text = section.inner_text()
        assert panel(page) == (status, WORDS[status])
        assert "Theo dữ liệu ngày 22/11/2026" in text
        assert not page.locator("[data-ocop-recheck]").is_visible()  # no script, no "checked again" claim
        if pid == "SL-MS-0001":
            assert "★★★★★" in text and "5 sao" in text
            assert "5127/QĐ-BNN-KTHT" in text
            assert "10/12/2027" in text
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Nothing a record says runs as a script.

PWN = "window.__pwned=1"
HOSTILE = {
    "script": f"<script>{PWN}</script>",
    "close_title": f"</title><script>{PWN}</script>",
    "attribute": f'"><img src=x onerror="{PWN}">',
    "single": f"'><svg onload={PWN}>",
    "alert": "<img src=x onerror=alert(1)>",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, record_yaml) -> Iterator[tuple[str, Path]]:  # type: ignore[no-untyped-def]
    """A catalogue whose records put markup everywhere validation allows, built and served."""
    from PIL import Image

    root = tmp_path_factory.mktemp("hostile")
    (root / "site_config.yml").write_bytes((ROOT / "site_config.yml").read_bytes())
    folder = root / "products" / "mai-son"
    (folder / "SL-MS-0901").mkdir(parents=True)
    photo = "goi-mat-ong.jpg"  # photo names are restricted to a-z, 0-9, '-', '_' and '.'
    Image.new("RGB", (16, 12), (180, 120, 40)).save(folder / "SL-MS-0901" / photo, format="JPEG")
    h = HOSTILE
    cert = {"level": "province", "decision": h["script"], "date": date(2024, 6, 20), "stars": 4, "score": 78.5,
            "parts": {"A": 33, "B": 19, "C": 26.5}, "kind": "new", "issued_by": h["alert"],
            "source": f'https://example.vn/"onmouseover="{PWN}'}
    records = {
        "SL-MS-0901": record_yaml(
            "SL-MS-0901", name=h["close_title"], name_en=h["attribute"], summary=h["attribute"],
            gtin="8936012345674", product_set=h["script"],
            producer={"name": h["script"], "type": "cooperative", "address": h["single"], "phone": h["alert"],
                      "email": f'"><svg/onload={PWN}>@x.vn', "website": f'https://example.vn/"onmouseover="{PWN}'},
            description=f'Mua tại [đây](https://example.vn/"onmouseover="{PWN}) và **ngon**.\n',
            images=[{"file": photo, "alt": h["attribute"]}],
            raw_material={"source": h["script"], "area_code": h["alert"]},
            standards=[h["script"], h["single"]],
            sales={"points_of_sale": [{"name": h["script"], "address": h["alert"]}],
                   "marketplaces": [{"platform": "other", "url": f'https://shop.example.vn/"><script>{PWN}</script>'}]},
            attributes={"craft_village": h["close_title"]},
            certifications=[cert]),
        "SL-MS-0902": record_yaml(
            "SL-MS-0902", name=h["alert"], summary=h["script"],
            producer={"name": h["attribute"], "type": "household"},
            certifications=[dict(cert, revoked={"date": date(2025, 3, 1), "decision": h["close_title"],
                                                "reason": h["attribute"]})]),
        "SL-MS-0903": record_yaml(
            "SL-MS-0903", name=h["single"], summary=h["alert"],
            withdrawn={"date": date(2026, 10, 1), "reason": h["script"]}),
    }
    for pid, text in records.items():
        (folder / f"{pid}.yml").write_text(text, encoding="utf-8")
    try:
        build(root / "site_config.yml", root / "site", TODAY)
    except BuildFailed as e:  # the records must be valid, or this test proves nothing
        pytest.fail("hostile records should pass validation:\n" + "\n".join(p.text() for p in e.problems))
    with serve(root / "site") as url:
        yield url, root / "site"


# Installed in every document before its own scripts: reports any write to window.__pwned and any
# alert/confirm/prompt to Python at once, so a script on a page that then redirects is caught too.
SPY = """
(() => {
  const report = what => window.__ocopRan(what + " on " + location.href);
  Object.defineProperty(window, "__pwned", {configurable: false, get() { return undefined; },
                                            set(value) { report("window.__pwned = " + value); }});
  for (const name of ["alert", "confirm", "prompt"]) window[name] = () => report(name);
})();
"""


@pytest.fixture(scope="module")
def hostile_context(browser):  # type: ignore[no-untyped-def]
    """A browser context that records every injected script that runs, in ``context.ran``."""
    ctx = browser.new_context(timezone_id="Asia/Ho_Chi_Minh", locale="vi-VN")
    ctx.set_default_timeout(5000)
    ran: list[str] = []
    ctx.expose_function("__ocopRan", lambda what: ran.append(what))
    ctx.add_init_script(SPY)
    ctx.ran = ran
    yield ctx
    ctx.close()


def assert_nothing_ran(page, ran: list[str]) -> None:  # type: ignore[no-untyped-def]
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # let lazy images load (or fail)
    page.wait_for_timeout(150)
    assert ran == []
    injected = page.evaluate("""() => {
        const found = [];
        for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) {
                if (a.name.startsWith('on')) found.push(el.tagName + ' ' + a.name + '=' + a.value);
            }
            if (el.tagName === 'SCRIPT' && el.type !== 'application/ld+json' && /__pwned|alert\\(/.test(el.textContent))
                found.push('script: ' + el.textContent.slice(0, 80));
            if ((el.tagName === 'IMG' && el.getAttribute('src') === 'x') || el.tagName === 'IFRAME')
                found.push(el.outerHTML.slice(0, 80));
        }
        return found;
    }""")
    assert injected == []


def test_the_injection_check_would_notice_an_injection(hostile_context) -> None:  # type: ignore[no-untyped-def]
    # Guards against a check that passes vacuously: both the spy and the markup check must fire.
    page = hostile_context.new_page()
    page.set_content(f'<p>x</p>{HOSTILE["attribute"]}<script>alert(1)</script>')
    page.wait_for_timeout(150)
    assert len(hostile_context.ran) == 2
    with pytest.raises(AssertionError):
        assert_nothing_ran(page, [])
    hostile_context.ran.clear()
    page.close()


HOSTILE_PAGES = ["", "districts/mai-son/", "p/SL-MS-0901/", "p/SL-MS-0902/", "p/SL-MS-0903/",
                 "districts/mai-son/labels/", "01/08936012345674/", "groups/food/", "stars/4/", "status/"]


def visit(context, url: str):  # type: ignore[no-untyped-def]
    """Open a page, let everything load (lazy images too) and check that nothing injected ran."""
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    if "/01/" in url:  # the GS1 path redirects to the product page (the spy saw the redirect page run)
        page.wait_for_url("**/p/SL-MS-0901/")
        page.wait_for_load_state("load")
    assert_nothing_ran(page, context.ran)
    assert dialogs == []
    return page


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_no_script_from_a_record_runs(hostile_site: tuple[str, Path], hostile_context, path: str) -> None:  # type: ignore[no-untyped-def]
    base, _ = hostile_site
    page = visit(hostile_context, base + path)
    if path.startswith(("p/SL-MS-0901/", "01/")):  # the hostile text is shown, as text
        assert page.locator("h1").first.inner_text() == HOSTILE["close_title"]
        assert page.title().startswith(HOSTILE["close_title"])
    page.close()


def test_no_script_from_a_record_runs_on_any_other_page_that_shows_it(hostile_site: tuple[str, Path],
                                                                       hostile_context) -> None:  # type: ignore[no-untyped-def]
    # Pages added later (plan progress, ...) are covered without being listed above.
    base, site = hostile_site
    showing = {("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/")
               for p in site.rglob("index.html") if "__pwned" in p.read_text(encoding="utf-8")}
    assert set(HOSTILE_PAGES) - showing == set()  # the listed pages do show the records
    for path in sorted(showing - set(HOSTILE_PAGES)):
        visit(hostile_context, base + path).close()


def test_no_script_from_a_record_runs_in_search_results(hostile_site: tuple[str, Path], hostile_context) -> None:  # type: ignore[no-untyped-def]
    base, site = hostile_site
    if not (site / "search" / "index.html").is_file():
        pytest.skip("this build has no search page")
    page = hostile_context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "search/?q=pwned")
    page.locator('a[href*="p/SL-MS-0901/"]').first.wait_for()
    assert_nothing_ran(page, hostile_context.ran)
    assert dialogs == []
    page.close()


# ---------------------------------------------------------------------------------------------
# Photos.

# Once accepted and put into src= as typed: '#' and '?' cut the URL short and the photo never showed.
AWKWARD_NAMES = ["ảnh gói 500g.jpg", "goi #2.jpg", "mat-ong?v=2.jpg"]


def test_photo_with_a_name_special_in_urls_shows_or_is_refused(tmp_path: Path, record_yaml, context) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    (tmp_path / "site_config.yml").write_bytes((ROOT / "site_config.yml").read_bytes())
    folder = tmp_path / "products" / "mai-son"
    (folder / "SL-MS-0901").mkdir(parents=True)
    for name in AWKWARD_NAMES:
        Image.new("RGB", (16, 12), (180, 120, 40)).save(folder / "SL-MS-0901" / name, format="JPEG")
    (folder / "SL-MS-0901.yml").write_text(
        record_yaml(images=[{"file": n, "alt": f"Ảnh {i}"} for i, n in enumerate(AWKWARD_NAMES)]), encoding="utf-8")
    try:
        build(tmp_path / "site_config.yml", tmp_path / "site", TODAY)
    except BuildFailed as e:  # refusing the name, with a message, is a correct answer too
        assert {p.field for p in e.problems} <= {f"images[{i}].file" for i in range(len(AWKWARD_NAMES))}
        return
    with serve(tmp_path / "site") as base:
        page = context.new_page()
        page.goto(base + "p/SL-MS-0901/")
        page.locator(".ocop-photos").scroll_into_view_if_needed()
        page.wait_for_load_state("load")
        page.wait_for_function("() => [...document.querySelectorAll('.ocop-photos img')].every(i => i.complete)")
        shown = page.evaluate("() => [...document.querySelectorAll('.ocop-photos img')]"
                              ".map(i => [i.alt, i.naturalWidth > 0])")
        assert shown == [[f"Ảnh {i}", True] for i in range(len(AWKWARD_NAMES))]


# ---------------------------------------------------------------------------------------------
# The badge and the QR code as images.


def test_badge_and_qr_load_as_images_and_the_badge_is_20px_high(site_url: str, context) -> None:  # type: ignore[no-untyped-def]
    page = open_product(context, site_url, VALID_PRODUCT)
    natural = page.evaluate("""async () => {
        const load = src => new Promise((ok, ko) => {
            const img = new Image();
            img.onload = () => ok([img.naturalWidth, img.naturalHeight]);
            img.onerror = () => ko(new Error('cannot load ' + src));
            img.src = src;
        });
        return {badge: await load('badge.svg'), qr: await load('qr.svg')};
    }""")
    assert natural["badge"][0] > 0 and natural["badge"][1] == 20
    assert natural["qr"][0] > 0 and natural["qr"][1] > 0
    for selector in ('img[src$="/badge.svg"]', 'img[src$="/qr.svg"]'):
        img = page.locator(selector)
        img.scroll_into_view_if_needed()
        page.wait_for_function("el => el.complete && el.naturalWidth > 0", arg=img.element_handle())
    assert page.locator('img[src$="/badge.svg"]').bounding_box()["height"] == 20


def test_badge_snippet_a_seller_pastes_shows_the_badge_and_links_to_the_page(sample_site: Path, site_url: str,
                                                                             context) -> None:  # type: ignore[no-untyped-def]
    page = open_product(context, site_url, VALID_PRODUCT)
    snippet = page.locator("#badge-html").input_value()

    def from_built_site(route) -> None:  # type: ignore[no-untyped-def]
        # The snippet uses the public address; answer from the built site as the host would.
        path = unquote(urlsplit(route.request.url).path).lstrip("/")
        file = sample_site / path
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            route.fulfill(path=str(file))
        else:
            route.fulfill(status=404)

    context.route(f"{SITE_URL}/**", from_built_site)
    shop = context.new_page()
    shop.set_content(f"<!doctype html><html><body><p>Shop</p>{snippet}</body></html>")
    img = shop.locator("img")
    shop.wait_for_function("el => el.complete && el.naturalWidth > 0", arg=img.element_handle())
    assert img.evaluate("el => el.naturalHeight") == 20
    assert img.bounding_box()["height"] == 20
    assert "còn hiệu lực" in img.get_attribute("alt")
    assert shop.locator("a").get_attribute("href") == f"{SITE_URL}/p/{VALID_PRODUCT}/"


# ---------------------------------------------------------------------------------------------
# The seller's kit: PNG badges (marketplaces take uploaded images only) and the square sticker,
# drawn in the seller's browser when asked for (theme/assets/ocop/sellerkit.js), never built. The
# page holds only the product's words for them; the script adds the buttons, the sentences, the
# copy buttons and the Markdown snippet in the page's language.

KIT = {  # product -> (status, sticker band and badge colour)
    "SL-MS-0001": ("valid", (27, 94, 32)),
    "SL-BY-0003": ("expired", (183, 28, 28)),
    "SL-MC-0008": ("revoked", (74, 20, 140)),
    "SL-BY-0004": ("unrated", (55, 71, 79)),
}
KIT_FILES = ("sticker.png", "badge.png", "badge-en.png")


def kit_download(page, selector: str) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    """Click a kit button; (the offered file name, the downloaded bytes)."""
    with page.expect_download() as info:
        page.locator(selector).click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def kit_images(page, pid: str) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """The three downloads of a product page's kit, by file name (checked to be the offered ones)."""
    buttons = page.locator(".ocop-kit button")
    assert buttons.count() == 3
    made = dict(kit_download(page, f".ocop-kit button >> nth={i}") for i in range(3))
    assert sorted(made) == sorted(f"{pid}-{name}" for name in KIT_FILES)
    return {name.removeprefix(f"{pid}-"): data for name, data in made.items()}


def image(data: bytes):  # type: ignore[no-untyped-def]
    import io

    from PIL import Image

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(data)).convert("RGB")


def test_the_build_writes_no_kit_file(sample_site: Path) -> None:
    assert (sample_site / "p" / VALID_PRODUCT / "qr.svg").is_file()  # the product's folder is there
    assert [path for name in KIT_FILES for path in sample_site.glob(f"**/{name}")] == []


@pytest.mark.parametrize("pid", list(KIT))
def test_the_kit_draws_the_png_badges_and_the_sticker_in_the_browser(sample_site: Path, site_url: str, context,
                                                                     pid: str) -> None:  # type: ignore[no-untyped-def]
    from qrcheck import decode

    status, colour = KIT[pid]
    facts = derived(sample_site, pid)
    assert facts["status"] == status
    page = open_product(context, site_url, pid)
    made = kit_images(page, pid)
    vi, en = image(made["badge.png"]), image(made["badge-en.png"])
    assert made["badge.png"] != made["badge-en.png"] and vi.width != en.width  # other words, not a copy
    for badge in (vi, en):
        assert badge.height == 60  # the SVG badge's 20 px, three times: sharp on a phone
        left, right = badge.getpixel((6, 30)), badge.getpixel((badge.width - 6, 30))
        if status == "unrated":  # light, one part: nothing like a certified product's dark label
            assert min(left) > 200 and min(right) > 200
        else:
            assert left == (38, 50, 56) and right == colour
    sticker = image(made["sticker.png"])
    assert sticker.size == (1200, 1200)  # 10 cm at 300 dpi
    assert decode(sticker) == [f"{SITE_URL}/p/{pid}/"]  # zbar, not the encoder that drew qr.svg
    assert sticker.getpixel((5, 5)) == colour
    # The sticker's verdict: the date, never "valid" (true only until then).
    kit = page.locator("[data-ocop-kit]")
    if status == "valid":
        until = date.fromisoformat(facts["valid_until"])
        assert kit.get_attribute("data-vi") == f"Hiệu lực đến {until:%d/%m/%Y}"
        assert kit.get_attribute("data-en") == f"Valid until {until.day} {until:%B %Y}"
    assert "còn hiệu lực" not in kit.get_attribute("data-vi").lower()


def test_the_english_page_offers_the_same_kit(site_url: str, context) -> None:  # type: ignore[no-untyped-def]
    vietnamese = kit_images(open_product(context, site_url, VALID_PRODUCT), VALID_PRODUCT)
    page = context.new_page()
    page.goto(f"{site_url}en/p/{VALID_PRODUCT}/")
    assert page.locator(".ocop-kit button").all_inner_texts()[:2] == ["PNG badge (Vietnamese)", "PNG badge (English)"]
    assert kit_images(page, VALID_PRODUCT) == vietnamese


# The kit's words, as a seller reads them (and a screen reader names the buttons) in each language.
KIT_WORDS = {
    "vi": ("Cho người bán: huy hiệu và nhãn dán",
           ["Sao chép HTML", "Sao chép Markdown", "Huy hiệu PNG (tiếng Việt)", "Huy hiệu PNG (tiếng Anh)",
            "Nhãn dán vuông có mã QR (PNG, tiếng Việt và tiếng Anh)"],
           ["Sàn thương mại điện tử (Shopee, Lazada, Tiki…) chỉ nhận ảnh tải lên",
            "Nhãn dán ghi ngày hết hiệu lực, không ghi “còn hiệu lực”: in ra hay tải lên rồi vẫn đúng."]),
    "en": ("For sellers: badge and sticker",
           ["Copy HTML", "Copy Markdown", "PNG badge (Vietnamese)", "PNG badge (English)",
            "Square sticker with the QR code (PNG, Vietnamese and English)"],
           ["Marketplaces (Shopee, Lazada, Tiki…) take uploaded images only",
            "The sticker states the end date, not “valid”: it stays true once printed or uploaded."]),
}


@pytest.mark.parametrize("lang", list(KIT_WORDS))
def test_the_kit_speaks_the_pages_language_and_its_buttons_have_names(site_url: str, context,
                                                                       lang: str) -> None:  # type: ignore[no-untyped-def]
    heading, buttons, sentences = KIT_WORDS[lang]
    page = context.new_page()
    page.goto(f"{site_url}{'' if lang == 'vi' else 'en/'}p/{VALID_PRODUCT}/")
    badge = page.locator(".ocop-badge")
    assert badge.get_by_role("heading", level=3).inner_text() == heading
    for name in buttons:
        assert badge.get_by_role("button", name=name, exact=True).is_visible()
    text = badge.inner_text()
    assert all(sentence in text for sentence in sentences)
    # The Markdown snippet: the HTML one's badge, words and link, for sites that take Markdown.
    html = re.match(r'<a href="([^"]+)"><img src="([^"]+)" alt="([^"]+)"', page.locator("#badge-html").input_value())
    assert html and html[1] == f"{SITE_URL}/p/{VALID_PRODUCT}/"
    assert page.get_by_label("Markdown", exact=True).input_value() == f"[![{html[3]}]({html[2]})]({html[1]})"
    page.close()


def test_the_kit_follows_the_status_of_the_day(tmp_path: Path, record_yaml, context) -> None:  # type: ignore[no-untyped-def]
    from qrcheck import decode

    (tmp_path / "site_config.yml").write_bytes((ROOT / "site_config.yml").read_bytes())
    record = tmp_path / "products" / "mai-son" / "SL-MS-0901.yml"
    record.parent.mkdir(parents=True)
    record.write_text(record_yaml("SL-MS-0901"), encoding="utf-8")
    build(tmp_path / "site_config.yml", tmp_path / "site", TODAY)
    until = date.fromisoformat(derived(tmp_path / "site", "SL-MS-0901")["valid_until"])
    build(tmp_path / "site_config.yml", tmp_path / "site", until + timedelta(days=1))  # the day it lapses
    assert derived(tmp_path / "site", "SL-MS-0901")["status"] == "expired"
    with serve(tmp_path / "site") as url:
        page = open_product(context, url, "SL-MS-0901", until + timedelta(days=1))
        made = kit_images(page, "SL-MS-0901")
        assert page.locator("[data-ocop-kit]").get_attribute("data-badge") == "hết hạn|expired"
        assert page.locator("[data-ocop-kit]").get_attribute("data-en") == (
            f"EXPIRED since {(until + timedelta(days=1)).day} {until + timedelta(days=1):%B %Y}")
    sticker = image(made["sticker.png"])
    assert sticker.getpixel((5, 5)) == STATUS_RGB["expired"]
    assert decode(sticker) == [f"{SITE_URL}/p/SL-MS-0901/"]
    assert image(made["badge.png"]).getpixel((image(made["badge.png"]).width - 6, 30)) == STATUS_RGB["expired"]


STATUS_RGB = {"valid": (27, 94, 32), "expired": (183, 28, 28), "revoked": (74, 20, 140)}


def test_the_kit_draws_words_as_text_never_as_markup(hostile_site: tuple[str, Path], hostile_context) -> None:  # type: ignore[no-untyped-def]
    from qrcheck import decode

    url, _ = hostile_site
    page = hostile_context.new_page()
    page.goto(f"{url}p/SL-MS-0901/")
    kit_images(page, "SL-MS-0901")  # a page full of hostile record text
    # No record text reaches the kit today (ids are restricted, the words are the site's own, dates
    # are dates): give it hostile words anyway, as a later change might, and draw again.
    before = page.evaluate("document.querySelectorAll('*').length")
    page.evaluate("""words => {
        const kit = document.querySelector('[data-ocop-kit]');
        for (const name of ['data-head', 'data-vi', 'data-en']) kit.setAttribute(name, words);
        kit.setAttribute('data-badge', words + '|' + words);
    }""", "".join(HOSTILE.values()).replace("|", ""))
    made = kit_images(page, "SL-MS-0901")
    assert image(made["badge.png"]).width > 1000  # the whole hostile text drawn as letters
    assert decode(image(made["sticker.png"])) == [f"{SITE_URL}/p/SL-MS-0901/"]
    assert page.evaluate("document.querySelectorAll('*').length") == before  # no element made from words
    assert_nothing_ran(page, hostile_context.ran)
    page.close()


def test_copy_buttons_copy_the_badge_snippet(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{site_url}p/{VALID_PRODUCT}/")
        for what in ("HTML", "Markdown"):
            button = page.get_by_role("button", name=f"Sao chép {what}", exact=True).element_handle()
            button.click()
            page.wait_for_function("el => el.textContent === 'Đã sao chép'", arg=button, timeout=1500)
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == page.get_by_label(what, exact=True).input_value()
            assert copied.endswith(f"{SITE_URL}/p/{VALID_PRODUCT}/)" if what == "Markdown" else "</a>")
        assert page.locator(".ocop-kit").is_visible()
    finally:
        context.close()
    bare = browser.new_context(java_script_enabled=False)
    try:
        page = bare.new_page()
        page.goto(f"{site_url}p/{VALID_PRODUCT}/")
        # No button that cannot work; what needs no script is there: the badge, the HTML snippet to
        # select by hand, the open data.
        assert page.locator(".ocop-share button, .ocop-kit, #badge-md").count() == 0
        assert page.locator('.ocop-badge img[src$="/badge.svg"]').is_visible()
        assert page.get_by_label("HTML", exact=True).input_value().startswith(f'<a href="{SITE_URL}/p/{VALID_PRODUCT}/">')
        assert page.get_by_role("link", name="Dữ liệu mở (JSON)").is_visible()
        assert "Dán đoạn mã này vào trang bán hàng" in page.locator(".ocop-badge").inner_text()
        links = page.locator(".ocop-qr figcaption a[download]")  # the QR code's files still download
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert hrefs == [f"../../p/{VALID_PRODUCT}/qr.svg", f"../../p/{VALID_PRODUCT}/qr.png"]
    finally:
        bare.close()


# ---------------------------------------------------------------------------------------------
# Lighter, cleaner pages on a phone.


@pytest.mark.parametrize("path", ["", "p/SL-MS-0001/", "en/p/SL-MC-0008/", "districts/moc-chau/", "about/"])
def test_a_page_asks_for_no_sitemap_and_nothing_that_fails(site_url: str, phone, path: str) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    asked: list[str] = []
    failed: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    phone.route("https://**", lambda route: route.abort())  # the public address is not reachable here
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert [u for u in asked if "sitemap" in u] == []
    assert failed == []
    # The hreflang links are still there for search engines.
    assert page.locator('link[hreflang="en"]').count() == 1


@pytest.mark.parametrize("pid", ["SL-MS-0001", "SL-MC-0008"])
def test_on_a_phone_the_page_starts_under_the_header_and_the_title_is_dark(site_url: str, phone, pid: str) -> None:  # type: ignore[no-untyped-def]
    page = open_product(phone, site_url, pid)
    header = page.locator("header.md-header").bounding_box()
    first = page.locator("article.ocop-product > *").first.bounding_box()
    assert first["y"] - (header["y"] + header["height"]) <= 20  # no blank band pushing the verdict down
    colour = page.locator("h1").first.evaluate("el => getComputedStyle(el).color")
    assert colour in ("rgba(0, 0, 0, 0.87)", "rgb(0, 0, 0)")  # Material's body text colour, not its light grey
    assert page.locator(".ocop-verify__status:visible").bounding_box()["y"] < 400


# ---------------------------------------------------------------------------------------------
# Verifying and reporting: the official address where a shopper compares it, a report link with the
# product filled in to the contact of site_config.yml, the label photo first.

CONTACT = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))["contact"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_product_page_states_its_official_address_and_reports_with_the_product_filled_in(
        site_url: str, phone, lang: str) -> None:  # type: ignore[no-untyped-def]
    prefix = "en/" if lang == "en" else ""
    page = open_product(phone, site_url + prefix, VALID_PRODUCT)
    official = page.locator(".ocop-verify__official")
    assert official.is_visible()
    words = "Official site" if lang == "en" else "Trang chính thức"
    assert official.inner_text().split("\n")[0] == f"{words}: {SITE_URL}/{prefix}p/{VALID_PRODUCT}/"
    # Fits a 360 px screen: the long address breaks instead of pushing the page sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    report = page.get_by_role("link", name="Report this product" if lang == "en" else "Báo cáo sản phẩm này")
    href = urlsplit(report.get_attribute("href"))
    assert (href.scheme, href.path) == ("mailto", CONTACT["email"])
    fields = dict(part.split("=", 1) for part in href.query.split("&"))
    assert VALID_PRODUCT in unquote(fields["subject"])
    body = unquote(fields["body"])
    assert VALID_PRODUCT in body and f"{SITE_URL}/{prefix}p/{VALID_PRODUCT}/" in body and "\r\n" in body
    digits = "".join(c for c in CONTACT["phone"] if c.isdigit())
    assert page.locator(f'.ocop-report a[href="tel:{digits}"]').inner_text() == CONTACT["phone"]
    assert page.locator(".ocop-report a", has_text="Zalo").get_attribute("href") == CONTACT["zalo"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_qr_help_and_report_pages_show_the_configured_address_and_contact(site_url: str, context,
                                                                             lang: str) -> None:  # type: ignore[no-untyped-def]
    prefix = "en/" if lang == "en" else ""
    page = context.new_page()
    page.goto(f"{site_url}{prefix}about/check-qr/")
    words = "Official site" if lang == "en" else "Trang chính thức"
    assert page.locator(".ocop-official").inner_text() == f"{words}: {SITE_URL}/"
    page.goto(f"{site_url}{prefix}about/report/")
    block = page.locator(".ocop-contact")
    assert (CONTACT["name_en"] if lang == "en" else CONTACT["name"]) in block.inner_text()
    links = {a.get_attribute("href") for a in block.locator("a").all()}
    digits = "".join(c for c in CONTACT["phone"] if c.isdigit())
    assert links == {f"mailto:{CONTACT['email']}", f"tel:{digits}", CONTACT["zalo"]}
    assert "ocop:" not in page.content()  # no marker left unfilled


def _one_product_site(tmp_path: Path, record_yaml, contact: dict | None) -> Path:  # type: ignore[no-untyped-def]
    config = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    config.pop("contact")
    if contact is not None:
        config["contact"] = contact
    (tmp_path / "site_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    record = tmp_path / "products" / "mai-son" / "SL-MS-0901.yml"
    record.parent.mkdir(parents=True)
    record.write_text(record_yaml(), encoding="utf-8")
    build(tmp_path / "site_config.yml", tmp_path / "site", TODAY)
    return tmp_path / "site"


def test_the_report_link_opens_the_form_with_the_product_filled_in(tmp_path: Path, record_yaml, context) -> None:  # type: ignore[no-untyped-def]
    form = "https://forms.example.org/bao-cao"
    site = _one_product_site(tmp_path, record_yaml, {"form": form, "email": "x@example.org",
                                                    "form_fields": {"id": "entry.11", "page": "entry.22"}})
    with serve(site) as base:
        page = context.new_page()
        page.goto(f"{base}en/p/SL-MS-0901/")
        href = page.get_by_role("link", name="Report this product").get_attribute("href")
    assert href == f"{form}?entry.11=SL-MS-0901&entry.22=" + quote(f"{SITE_URL}/en/p/SL-MS-0901/", safe="")
    # The report page lists the form first, then the e-mail.
    html = (site / "about/report/index.html").read_text(encoding="utf-8")
    assert html.index(form) < html.index("mailto:x@example.org")


def test_without_a_contact_the_report_link_leads_to_the_report_page(tmp_path: Path, record_yaml, context) -> None:  # type: ignore[no-untyped-def]
    site = _one_product_site(tmp_path, record_yaml, None)
    with serve(site) as base:
        page = context.new_page()
        page.goto(f"{base}p/SL-MS-0901/")
        page.get_by_role("link", name="Báo cáo sản phẩm này").click()
        page.wait_for_load_state()
        assert page.url == f"{base}about/report/"
        assert page.locator("h1").inner_text() == "Báo thông tin sai"
        assert page.locator(".ocop-contact").count() == 0 and "ocop:" not in page.content()


def test_the_label_photo_comes_first_with_its_alt_text(site_url: str, phone) -> None:  # type: ignore[no-untyped-def]
    record = yaml.safe_load(next((ROOT / "products").rglob(f"{VALID_PRODUCT}.yml")).read_text(encoding="utf-8"))
    label = next(i for i in record["images"] if i.get("kind") == "label")
    assert record["images"].index(label) > 0  # listed after the product photos in the record
    page = open_product(phone, site_url, VALID_PRODUCT)
    first = page.locator(".ocop-photos img").first
    assert first.get_attribute("alt") == label["alt"]
    page.wait_for_function("el => el.complete && el.naturalWidth > 0", arg=first.element_handle())
    caption = page.locator(".ocop-photos figcaption").first
    assert caption.is_visible() and caption.inner_text().startswith("Ảnh nhãn")
    assert page.locator(".ocop-photos figcaption").count() == 1  # the other photos show the product


# ---------------------------------------------------------------------------------------------
# Find, go, share: directions from the phone's location, the page shared or its link copied,
# marketplace links named by the shop.


def _destination(href: str) -> str:
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.google.com", "/maps/dir/")
    query = dict(part.split("=", 1) for part in parts.query.split("&"))
    assert query["api"] == "1"
    return unquote(query["destination"])


def test_directions_lead_to_the_producers_commune_and_to_each_shop(sample_site: Path, site_url: str, phone) -> None:  # type: ignore[no-untyped-def]
    record = yaml.safe_load(next((ROOT / "products").rglob(f"{VALID_PRODUCT}.yml")).read_text(encoding="utf-8"))
    today = derived(sample_site, VALID_PRODUCT)["today"]
    page = open_product(phone, site_url, VALID_PRODUCT)
    producer = page.locator("section[aria-labelledby=producer] a.ocop-directions")
    assert producer.inner_text() == f"Chỉ đường đến {today['ward']}"  # says where it leads: a commune, not a door
    lat, lon = map(float, _destination(producer.get_attribute("href")).split(","))
    assert (round(lat, 4), round(lon, 4)) == (round(today["lat"], 4), round(today["lon"], 4))
    shops = page.locator("ul.ocop-shops a.ocop-directions")
    addresses = [s["address"] for s in record["sales"]["points_of_sale"] if s.get("address")]
    assert shops.count() == len(addresses) == 2
    for link, address in zip(shops.all(), addresses):
        assert link.is_visible() and link.inner_text().startswith("Chỉ đường")
        destination = _destination(link.get_attribute("href"))
        # The province is added where the address leaves it out, so that the search finds the right Chiềng Ban.
        assert destination == (address if "Sơn La" in address else f"{address}, Sơn La")


def test_marketplace_links_are_named_by_the_shop(site_url: str, context) -> None:  # type: ignore[no-untyped-def]
    record = yaml.safe_load(next((ROOT / "products").rglob(f"{VALID_PRODUCT}.yml")).read_text(encoding="utf-8"))
    page = open_product(context, site_url, VALID_PRODUCT)
    links = {a.get_attribute("href"): a.inner_text() for a in page.locator("ul.ocop-market a").all()}
    for m in record["sales"]["marketplaces"]:
        if m.get("shop"):
            assert links[m["url"]] == f"{m['platform'].capitalize()}: {m['shop']}"
    assert links["https://chiengbanxanh.example.vn/cua-hang"] == "Trang web bán hàng"  # not the English "Website"
    english = open_product(context, site_url + "en/", VALID_PRODUCT)
    shop = english.locator("ul.ocop-market a", has_text="Shopee").locator("span")
    assert shop.get_attribute("lang") == "vi"  # the shop's name is the record's words


def test_share_copies_the_link_where_the_browser_has_no_share_sheet(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{site_url}en/p/{VALID_PRODUCT}/")
        assert page.evaluate("typeof navigator.share") == "undefined"  # headless Chromium: the fallback is tested
        page.get_by_role("button", name="Share").click()
        page.wait_for_function("() => document.querySelector('[data-ocop-share]').innerText.trim() === 'Link copied'")
        assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}/en/p/{VALID_PRODUCT}/"
    finally:
        context.close()


def test_share_opens_the_phones_share_sheet_where_there_is_one(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 640}, permissions=["clipboard-read", "clipboard-write"])
    # A phone's browser: navigator.share opens the system sheet (Zalo, Messenger…); here it records what it got.
    context.add_init_script("navigator.share = (data) => { window.shared = data; return Promise.resolve(); };")
    try:
        page = context.new_page()
        page.goto(f"{site_url}p/{VALID_PRODUCT}/")
        page.evaluate("navigator.clipboard.writeText('nothing yet')")
        page.get_by_role("button", name="Chia sẻ").click()
        page.wait_for_function("() => window.shared !== undefined")
        shared = page.evaluate("window.shared")
        assert shared == {"title": page.locator("h1").inner_text(), "url": f"{SITE_URL}/p/{VALID_PRODUCT}/"}
        assert page.evaluate("navigator.clipboard.readText()") == "nothing yet"
    finally:
        context.close()
    bare = browser.new_context(java_script_enabled=False)
    try:
        page = bare.new_page()
        page.goto(f"{site_url}p/{VALID_PRODUCT}/")
        assert page.locator("[data-ocop-share]").is_hidden()  # no button that cannot work; the address is printed
        assert page.locator(".ocop-verify__official .ocop-url").is_visible()
    finally:
        bare.close()


def test_directions_to_an_address_name_the_province_once() -> None:
    from generator.site.directions import to_address

    assert unquote(to_address("Bản Nà Cang, xã Chiềng Ban", "Tỉnh Sơn La").rsplit("=", 1)[1]) == \
        "Bản Nà Cang, xã Chiềng Ban, Sơn La"
    assert unquote(to_address("Số 1 Tô Hiệu, TP SON LA", "Tỉnh Sơn La").rsplit("=", 1)[1]) == "Số 1 Tô Hiệu, TP SON LA"
    assert "&" not in to_address("A & B", "Tỉnh Sơn La").split("?", 1)[1].replace("&destination", "")


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["", "en/"])
def test_the_home_page_totals_are_even_tiles(browser, site_url: str, width: int, path: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + path)
        boxes = [page.locator(".ocop-totals > p").nth(i).bounding_box() for i in range(4)]
        rows: dict[int, list[dict]] = {}
        for box in boxes:
            rows.setdefault(round(box["y"]), []).append(box)
        # Full rows of equal tiles: 2 + 2 on a phone, 4 in a row on a wide screen; none wider than the screen.
        assert [len(r) for r in rows.values()] == ([2, 2] if width < 600 else [4])
        assert max(b["width"] for b in boxes) - min(b["width"] for b in boxes) < 1
        for row in rows.values():
            assert max(b["height"] for b in row) - min(b["height"] for b in row) < 1
        assert max(b["x"] + b["width"] for b in boxes) <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# The navigation of generated pages (theme/ocop-page.html: one compact list, not Material's nested
# markup): every entry Material's navigation has, in the drawer on a phone, by keyboard on a desktop.

NAV_LINKS = """() => [...document.querySelectorAll('nav.md-nav--primary a[href]')]
  .map(a => new URL(a.getAttribute('href'), location.href).pathname)"""


def test_a_product_page_has_every_entry_of_materials_navigation(site_url: str, context) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.goto(f"{site_url}about/stars/")  # a hand-written page: Material's own navigation
    material = page.evaluate(NAV_LINKS)
    page.goto(f"{site_url}p/{VALID_PRODUCT}/")
    ours = page.evaluate(NAV_LINKS)
    assert len(ours) == len(set(ours))
    assert set(ours) == set(material)
    assert {"/", "/search/", "/districts/", "/groups/", "/stars/", "/status/", "/about/stars/"} <= set(ours)


def test_the_drawer_opens_on_a_phone_and_leads_to_a_listing(site_url: str, phone) -> None:  # type: ignore[no-untyped-def]
    page = open_product(phone, site_url, VALID_PRODUCT)
    link = page.locator("nav.md-nav--primary a", has_text="Theo nhóm")
    assert link.bounding_box()["x"] < 0  # the drawer is closed: off the screen's left edge
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_function("() => document.querySelector('nav.md-nav--primary').getBoundingClientRect().left >= 0")
    box = link.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 360 and box["height"] >= 24  # on screen, big enough to tap
    link.click()
    page.wait_for_url("**/groups/")
    assert page.locator("h1").inner_text().strip() != ""


def test_the_navigation_is_reached_by_keyboard(site_url: str, context) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site_url}p/{VALID_PRODUCT}/")
    for _ in range(12):  # past the header's links and search form
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Theo nhóm":
            break
    assert page.evaluate("() => document.activeElement.closest('nav') !== null && "
                         "document.activeElement.closest('nav').getAttribute('aria-label')") == "Thanh điều hướng"
    page.keyboard.press("Enter")
    page.wait_for_url("**/groups/")
