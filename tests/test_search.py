"""Search as a Vietnamese visitor uses it, in a real headless Chromium against the built sample:
toneless queries, đ typed as d, filters that narrow, a helpful no-match message, shareable URLs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from generator.build import build

from conftest import ROOT, TODAY, serve as served

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("search")]


@pytest.fixture(scope="module")
def son_la(sample_site: Path) -> Iterator[str]:
    with served(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def dak_doa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("dakdoa")
    example = ROOT / "examples/gia-lai-dak-doa-2022"
    shutil.copy(example / "site_config.yml", root / "site_config.yml")
    shutil.copytree(example / "products", root / "products")
    build(root / "site_config.yml", root / "site", TODAY)
    with served(root / "site") as url:
        yield url


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 412, "height": 900})
    yield context.new_page()
    context.close()


def search(page, base: str, query: str = "", **filters: str) -> list[str]:  # type: ignore[no-untyped-def]
    params = [f"q={quote(query)}"] if query else []
    params += [f"{k}={quote(v)}" for k, v in filters.items()]
    page.goto(f"{base}search/?{'&'.join(params)}")
    page.wait_for_function("() => { const s = document.querySelector('[data-ocop-status]');"
                           " return s && s.textContent && !s.textContent.startsWith('Đang'); }")
    page.wait_for_function("() => document.querySelectorAll('[data-ocop-results] li').length > 0 ||"
                           " document.querySelector('.ocop-search__none') !== null")
    return page.locator("[data-ocop-results] .ocop-card__name").all_text_contents()


@pytest.mark.parametrize("query,expected", [
    ("ca phe", "Cà phê"),
    ("mat ong", "Mật ong"),
    ("che shan tuyet", "Chè Shan tuyết"),
    ("tho cam", "thổ cẩm"),  # a handicraft
    ("du lich cong dong ban ang", "Du lịch cộng đồng bản Áng"),  # a tourism product
])
def test_toneless_queries_find_accented_products(page, son_la: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    names = search(page, son_la, query)
    assert names and expected.lower() in names[0].lower(), names


def test_d_without_stroke_finds_dak_doa(page, dak_doa: str) -> None:  # type: ignore[no-untyped-def]
    names = search(page, dak_doa, "dak doa")
    assert any("Đak Đoa" in n for n in names), names
    # What the visitor sees is the real name, never the folded spelling used for indexing.
    assert not any("Dak Doa" in n for n in names)


def test_producer_name_with_d_stroke(page, son_la: str, sample_site: Path) -> None:  # type: ignore[no-untyped-def]
    import json
    products = json.loads((sample_site / "api/products.json").read_text(encoding="utf-8"))["products"]
    producer = next(p["record"]["producer"]["name"] for p in products if "Đ" in p["record"]["producer"]["name"]
                    or "đ" in p["record"]["producer"]["name"])
    folded = producer.replace("Đ", "D").replace("đ", "d")
    import unicodedata
    folded = "".join(c for c in unicodedata.normalize("NFD", folded) if unicodedata.category(c) != "Mn").lower()
    search(page, son_la, folded)
    producers = page.locator("[data-ocop-results]").inner_text()
    assert producer in producers


def test_dong_alone_finds_dong_sang(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    search(page, son_la, "dong")
    assert "Đông Sang" in page.locator("[data-ocop-results]").inner_text() or any(
        "bản Áng" in n for n in page.locator("[data-ocop-results] .ocop-card__name").all_text_contents())


def test_filters_narrow_results_and_the_url_can_be_shared(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    everything = search(page, son_la, "ca phe")
    five = search(page, son_la, "ca phe", stars="5")
    assert 0 < len(five) < len(everything)
    assert page.locator("#f-stars-5").is_checked()
    # Ticking a box narrows further and is written into the address bar.
    assert page.locator("[data-ocop-filter-panel]").get_attribute("open") is not None  # shared filters are shown
    page.locator("label", has_text="còn hiệu lực").first.click()
    page.wait_for_function("() => location.search.includes('status=')")
    assert "stars=5" in page.url and "q=ca+phe" in page.url


def test_no_match_says_so_helpfully(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    assert search(page, son_la, "xyzxyzq") == []
    message = page.locator("[data-ocop-status]").inner_text()
    assert "Không tìm thấy" in message and "xyzxyzq" in message and "Theo huyện" in message


def test_listings_work_without_javascript(browser, son_la: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(son_la + "search/")
    assert page.locator("noscript").count() == 1
    page.goto(son_la + "districts/moc-chau/")
    assert page.locator(".ocop-list > li > a").count() > 5  # the cards' links to product pages
    context.close()


TRICKY = ["Cà phê Arabica", "ĐẮK ĐOA", "Mật ong bạc hà Mèo Vạc", "Chè Shan tuyết cổ thụ", "Nước mắm Phú Quốc 40°N",
          "Thổ cẩm dệt tay – Mường Lò", "Rượu ngô, men lá (500 ml)", "Hồng ngâm; ỚT HIỂM", "Ứng Hòa ưu đãi",
          "Xôi ngũ sắc Tày/Thái", "gạo ST25", "Ỷ Lan Ỹ ỵ ỳ", "Nấm linh chi đỏ_đen"]


def test_the_browser_folds_words_exactly_like_the_index(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    from generator.site.search import words

    page.goto(son_la + "search/")
    page.wait_for_function("() => typeof window.ocopFold === 'function'")
    assert page.evaluate("texts => texts.map(t => window.ocopFold(t))", TRICKY) == [words(t) for t in TRICKY]


def test_results_show_name_stars_status_district_and_photo(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    search(page, son_la, "ca phe arabica")
    first = page.locator("[data-ocop-results] li").first
    text = first.inner_text()
    assert "Cà phê Arabica" in text and "sao" in text and "còn hiệu lực" in text and "Mai Sơn" in text
    image = first.locator("img")
    assert image.count() == 1
    # The photo loads (given the time to: the check used to race the download on a busy machine).
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=10_000)
    first.locator(".ocop-card__name").click()
    page.wait_for_load_state()
    assert "/p/SL-" in page.url and page.locator("h1").inner_text().startswith("Cà phê Arabica")


def test_a_phrase_in_the_name_ranks_first(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    names = search(page, son_la, "shan tuyet co thu")
    assert "shan tuyết cổ thụ" in names[0].lower(), names


# How people type: the variants table (generator/data/search_variants.txt), the barcode on the pack,
# one slip of the fingers. Each must put the right product first.
@pytest.mark.parametrize(("query", "expected"), [
    ("cafe", "Cà phê"),
    ("caphe", "Cà phê"),
    ("cafe arabica chieng ban", "Cà phê Arabica rang xay Chiềng Ban"),
    ("8936123400590", "Cà phê Arabica rang xay Chiềng Ban"),  # GTIN-13 as printed under the barcode
    ("893 6123 400422", "Bánh sữa Mộc Sơn"),  # typed with the label's spaces
    ("mat ogn", "Mật ong"),  # two letters swapped
    ("mtaong", "Mật ong"),  # a variant spelling with a slip in it
    ("sahn tuyet", "Shan tuyết"),
])
def test_how_people_type_finds_the_right_product_first(page, son_la: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    names = search(page, son_la, query)
    assert names and expected.lower() in names[0].lower(), names


def test_a_swapped_letter_is_corrected_to_a_real_word_that_fits_the_others(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    # "ogn" is one slip from both "on" and "ong": the one that goes with "mat" in the index wins.
    names = search(page, son_la, "mat ogn")
    assert all("Mật ong" in n for n in names[:2]), names
    assert page.locator(".ocop-search__suggest a").inner_text() == "mat ong"


def test_nothing_found_links_the_listings(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    assert search(page, son_la, "xyzxyzq") == []
    links = page.locator("[data-ocop-status] .ocop-search__browse a")
    assert links.count() == 4
    links.first.click()
    page.wait_for_url("**/districts/")
    assert page.locator(".ocop-links a").count() >= 10


def test_the_filter_panel_reads_as_a_control_and_hides_without_javascript(browser, page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    search(page, son_la, "ca phe")
    toggle = page.locator("[data-ocop-filter-panel] summary")
    assert toggle.is_visible() and toggle.inner_text().startswith("Bộ lọc")
    assert toggle.evaluate("el => getComputedStyle(el).borderTopStyle") == "solid"  # looks like a button
    toggle.click()
    page.locator("[data-ocop-filters] input[type=checkbox]").first.wait_for(state="visible")
    context = browser.new_context(java_script_enabled=False)
    try:
        bare = context.new_page()
        bare.goto(son_la + "search/?q=ca+phe")
        assert not bare.locator("[data-ocop-filter-panel]").is_visible()
        assert not bare.locator("[data-ocop-search-ui]").is_visible()
    finally:
        context.close()


def test_a_misspelt_word_gets_a_suggestion(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    search(page, son_la, "mat onng ")
    suggestion = page.locator(".ocop-search__suggest a")
    assert suggestion.inner_text() == "mat ong"
    suggestion.click()
    page.wait_for_function("() => location.search.includes('q=mat+ong')")
    page.wait_for_function("() => document.querySelectorAll('[data-ocop-results] li').length > 0")
    assert "Mật ong" in page.locator("[data-ocop-results] .ocop-card__name").first.inner_text()


def test_a_product_id_from_the_label_finds_that_product(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    names = search(page, son_la, "sl-ms-0001")
    assert len(names) == 1 and names[0].startswith("Cà phê Arabica rang xay Chiềng Ban")


def test_filter_counts_are_the_catalogues_counts(page, son_la: str, sample_site: Path) -> None:  # type: ignore[no-untyped-def]
    import json
    from collections import Counter

    products = json.loads((sample_site / "api/products.json").read_text(encoding="utf-8"))["products"]
    by_district = Counter(p["record"]["district"] for p in products)
    by_group_in_moc_chau = Counter(p["record"]["group"] for p in products if p["record"]["district"] == "moc-chau")
    names = search(page, son_la, district="moc-chau")
    assert page.locator("[data-ocop-status]").inner_text().startswith(f"{by_district['moc-chau']} sản phẩm")
    assert len(names) == min(10, by_district["moc-chau"])
    # The district's own counts are those of the whole catalogue (other districts stay offered)...
    for district in ("moc-chau", "mai-son"):
        assert page.locator(f"label[for=f-district-{district}]").inner_text().endswith(f"({by_district[district]})")
    # ...and the other filters count within Mộc Châu.
    for group, n in by_group_in_moc_chau.items():
        assert page.locator(f"label[for=f-group-{group}]").inner_text().endswith(f"({n})")


def test_more_results_load_ten_at_a_time(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    names = search(page, son_la, status="valid")
    total = int(page.locator("[data-ocop-status]").inner_text().split()[0])
    assert len(names) == 10 < total
    page.locator("[data-ocop-more]").click()
    page.wait_for_function("() => document.querySelectorAll('[data-ocop-results] li').length > 10")
    assert page.locator("[data-ocop-results] li").count() == min(20, total)


def test_english_search_finds_english_names_and_shows_them(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    names = search(page, son_la + "en/", "honey")
    assert names and "honey" in names[0].lower(), names
    assert page.locator("[data-ocop-results] .ocop-card__name").first.get_attribute("lang") == "en"
    assert "valid" in page.locator("[data-ocop-results] li").first.inner_text()


@pytest.mark.parametrize("width", [412, 1280])
def test_the_header_search_box_leads_to_results(browser, son_la: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(son_la + "p/SL-MS-0001/")
    box = page.locator("#ocop-header-q")
    if width > 600:
        box.fill("mat ong")
        box.press("Enter")
    else:  # on a phone the header has only the button, which opens the search page
        assert not box.is_visible()
        page.locator(".ocop-header-search button").click()
        page.wait_for_url("**/search/**")
        page.locator("input[name=q]").last.fill("mat ong")
        page.locator("input[name=q]").last.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('[data-ocop-results] li').length > 0")
    assert "/search/" in page.url and "q=mat" in page.url
    assert "Mật ong" in page.locator("[data-ocop-results] .ocop-card__name").first.inner_text()
    context.close()


def test_a_district_pages_commune_search_finds_the_communes_products(page, son_la: str) -> None:  # type: ignore[no-untyped-def]
    """A district page lists the first products of each commune and links the rest to a search by
    the commune's name within the district (generator/site/pages.py, district_pages): that search
    must find every product of the commune, and nothing from another district."""
    from collections import defaultdict

    from generator.validate import validate

    catalogue = validate(ROOT / "site_config.yml", TODAY).catalogue
    assert catalogue is not None
    by_commune: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in catalogue.entries:
        if e.record.commune:
            by_commune[(e.record.district, e.record.commune)].append(e.record.name)
    (did, cid), names = max(by_commune.items(), key=lambda item: len(item[1]))
    assert len(names) >= 2
    commune = next(c.name for d in catalogue.config.districts if d.id == did for c in d.communes if c.id == cid)
    shown = search(page, son_la, commune, district=did)
    assert set(names) <= set(shown)
    in_district = {e.record.name for e in catalogue.entries if e.record.district == did}
    assert set(shown) <= in_district
