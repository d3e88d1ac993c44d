"""Vietnamese (default) and English: every page in both, the right lang attributes, the switch
between them, English content where records have it and a visible fallback where they do not."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

RECORDS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "products").rglob("*.yml")}


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def test_every_page_exists_in_both_languages(sample_site: Path) -> None:
    vi = {p for p in pages(sample_site) if not p.startswith("en/")}
    en = {p.removeprefix("en/") for p in pages(sample_site) if p.startswith("en/")}
    labels_and_guide = {p for p in vi if p.startswith("01/") or p.endswith("labels/index.html")}
    assert vi - labels_and_guide == en
    assert len(en) > len(RECORDS)


@pytest.mark.parametrize("path", ["index.html", "p/SL-MS-0001/index.html", "districts/moc-chau/index.html",
                                  "plan/index.html", "search/index.html", "about/stars/index.html"])
def test_lang_attribute_and_switch_link(sample_site: Path, path: str) -> None:
    for lang, prefix, other in (("vi", "", "en"), ("en", "en/", "vi")):
        html = (sample_site / prefix / path).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        switch = re.search(r'class="ocop-lang"><a href="([^"]+)" hreflang="(\w+)"', html)
        assert switch and switch.group(2) == other, path
        target = (sample_site / prefix / path).parent / switch.group(1)
        assert (target / "index.html").resolve() == (sample_site / ("" if lang == "en" else "en/") / path).resolve()


def test_product_in_english_uses_the_english_name_and_marks_vietnamese(sample_site: Path) -> None:
    pid = next(p for p, r in RECORDS.items() if r.get("name_en") and not r.get("summary_en"))
    html = (sample_site / "en/p" / pid / "index.html").read_text(encoding="utf-8")
    record = RECORDS[pid]
    assert re.search(rf'<h1 class="ocop-product__name" lang="en">{re.escape(record["name_en"])}</h1>', html)
    assert f'lang="vi">{record["name"]}</p>' in html
    assert re.search(r'class="ocop-product__summary" lang="vi">.*\(in Vietnamese\)', html, re.S)
    assert "VALID" in html or "EXPIRING SOON" in html or "EXPIRED" in html or "REVOKED" in html
    assert re.search(r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
                     r"December) \d{4}", html)


def test_product_without_english_name_falls_back_visibly(sample_site: Path) -> None:
    pid = next(p for p, r in RECORDS.items() if not r.get("name_en"))
    html = (sample_site / "en/p" / pid / "index.html").read_text(encoding="utf-8")
    assert f'<h1 class="ocop-product__name" lang="vi">{RECORDS[pid]["name"]}</h1>' in html


def test_hreflang_pairs_point_at_each_other(sample_site: Path) -> None:
    for prefix in ("", "en/"):
        html = (sample_site / prefix / "p/SL-MS-0001/index.html").read_text(encoding="utf-8")
        links = dict(re.findall(r'<link rel="alternate ?" hreflang="([\w-]+)" href="([^"]+)"', html))
        assert links["vi"].endswith("/p/SL-MS-0001/") and "/en/" not in links["vi"]
        assert links["en"].endswith("/en/p/SL-MS-0001/")
        assert links["x-default"] == links["vi"]


def test_numbers_follow_the_language(sample_site: Path) -> None:
    record = next(r for r in RECORDS.values() for c in r["certifications"] if isinstance(c.get("score"), float)
                  and c["score"] != int(c["score"]))
    score = next(c["score"] for c in record["certifications"] if isinstance(c.get("score"), float)
                 and c["score"] != int(c["score"]))
    vi = (sample_site / "p" / record["id"] / "index.html").read_text(encoding="utf-8")
    en = (sample_site / "en/p" / record["id"] / "index.html").read_text(encoding="utf-8")
    assert f"{score:g}".replace(".", ",") in vi and f"{score:g}" in en


@pytest.mark.browser
@pytest.mark.xdist_group("search")
def test_search_in_english(browser, sample_site: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import serve

    with serve(sample_site) as base:
        page = browser.new_context().new_page()
        page.goto(base + "en/search/?q=ca%20phe")
        page.wait_for_function("() => document.querySelectorAll('[data-ocop-results] li').length > 0")
        status = page.locator("[data-ocop-status]").inner_text()
        assert status.endswith("products")
        href = page.locator("[data-ocop-results] .ocop-card__name").first.get_attribute("href")
        page.locator("[data-ocop-results] .ocop-card__name").first.click()
        page.wait_for_load_state()
        assert "/en/p/" in page.url and page.locator("html").get_attribute("lang") == "en", href
        assert page.locator(".ocop-verify__title").inner_text().upper() == "OCOP CERTIFICATE CHECK"
        page.goto(base + "en/search/?q=zzzzqq")
        page.wait_for_selector(".ocop-search__none")
        assert "No product found" in page.locator(".ocop-search__none").inner_text()
        page.context.close()


def test_open_data_is_language_neutral(sample_site: Path) -> None:
    data = json.loads((sample_site / "api/products.json").read_text(encoding="utf-8"))
    assert not (sample_site / "en/api").exists() and data["count"] == len(RECORDS)


def test_every_interface_word_exists_in_both_languages() -> None:
    from generator.site.strings import WORDS

    assert set(WORDS["vi"]) == set(WORDS["en"])
    assert all(WORDS["en"][k] for k in WORDS["en"] if k != "vietnamese_only" and WORDS["vi"][k])


def test_the_english_guide_names_its_tables_in_english(sample_site: Path) -> None:
    html = (sample_site / "en/guide/index.html").read_text(encoding="utf-8")
    assert 'aria-label="Bảng' not in html and 'aria-label="Table (scrolls sideways)"' in html


# ---------------------------------------------------------------------------------------------
# Every interface word in one table: an English page shows no Vietnamese word outside an element
# marked lang="vi" (record and configuration text, official place names, decision numbers).

VIETNAMESE_LETTER = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "value")


class _Unmarked(HTMLParser):
    """Text and read-aloud attributes with a Vietnamese letter whose language (the nearest lang
    attribute) is not Vietnamese. Not looked at: scripts, styles, drawings, code (identifiers and
    YAML), and Material's header topic, which repeats the page's title (the h1 carries its lang)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", "en", False)]
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        _, lang, skip = self.stack[-1]
        lang = a.get("lang") or lang
        skip = skip or tag in ("script", "style", "svg", "code", "pre", "title") or \
            "md-header__topic" in (a.get("class") or "")
        if not skip and not lang.startswith("vi"):
            self.found += [(f"{tag}[{k}]", a[k] or "") for k in READ_ATTRIBUTES
                           if VIETNAMESE_LETTER.search(a.get(k) or "")]
        if tag not in VOID:
            self.stack.append((tag, lang, skip))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        tag, lang, skip = self.stack[-1]
        if not skip and not lang.startswith("vi") and VIETNAMESE_LETTER.search(data):
            self.found.append((tag, " ".join(data.split())))


def unmarked_vietnamese(html: str) -> list[tuple[str, str]]:
    parser = _Unmarked()
    parser.feed(html)
    return parser.found


def test_the_check_finds_unmarked_vietnamese_and_leaves_marked_text_alone() -> None:
    assert unmarked_vietnamese('<p>Status: Còn hiệu lực <span lang="vi">Xã Mường Sang</span></p>') == \
        [("p", "Status: Còn hiệu lực")]
    assert unmarked_vietnamese('<div lang="vi"><p>Mật ong <b>rừng</b></p></div><img alt="Gói cà phê">') == \
        [("img[alt]", "Gói cà phê")]
    assert unmarked_vietnamese('<li><a title="Huyện">By district</a></li><code>"1693/QĐ-UBND"</code>') == \
        [("a[title]", "Huyện")]


# One page of each kind (at least) must have been walked: the check cannot pass on an empty site.
PAGE_KINDS = {"index.html", "search/index.html", "districts/index.html", "districts/moc-chau/index.html",
              "groups/index.html", "groups/food/index.html", "stars/index.html", "stars/4/index.html",
              "status/index.html", "places/index.html", "places/03980/index.html", "p/SL-MS-0001/index.html",
              "p/SL-MC-0008/index.html", "plan/index.html", "about/index.html", "about/report/index.html",
              "404.html"}


def test_english_pages_carry_no_vietnamese_interface_word(sample_site: Path) -> None:
    english = sample_site / "en"
    walked: set[str] = set()
    found: dict[str, list[tuple[str, str]]] = {}
    for page in sorted(english.rglob("*.html")):
        rel = page.relative_to(english).as_posix()
        # The stewards' guide explains the record format to people who write Vietnamese records:
        # it quotes Vietnamese terms on purpose ("chủ thể", "thu hồi"). Label sheets are printed in Vietnamese.
        if rel.startswith("guide/") or rel.endswith("labels/index.html"):
            continue
        walked.add(rel)
        if problems := unmarked_vietnamese(page.read_text(encoding="utf-8")):
            found[rel] = problems
    assert PAGE_KINDS <= walked
    assert found == {}
