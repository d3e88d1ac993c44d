"""The catalogue on today's map (#16): a record certified since 1 July 2025 names only today's ward
and is validated, built, listed on its ward's page and found by a toneless search of the ward's
name; an old record shows both its places; a district-level certificate after the reform is
refused; the sample's published addresses are all still there."""

from __future__ import annotations

import csv
import fnmatch
import json
import re
import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from generator.build import build
from generator.cli import main
from generator.validate import validate

from conftest import FIXTURES, ROOT, TODAY, serve as served, write_record

# A product certified in 2026 by the province, for a producer of today's Xã Tà Xùa (03868).
NEW_RECORD = """\
id: SL-0001
name: Trà shan tuyết cổ thụ Tà Xùa
group: beverages
ward: "03868"  # Xã Tà Xùa
producer:
  name: HTX Chè Tà Xùa
  type: cooperative
summary: Trà shan tuyết từ cây cổ thụ trên 100 năm tuổi, hái ở độ cao 1.600 m, sao thủ công.
certifications:
  - level: province
    decision: "412/QĐ-UBND"
    date: 2026-03-10
    stars: 4
    score: 81
    issued_by: UBND tỉnh Sơn La
"""


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture(scope="module")
def reformed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalogue plus one record of since the reform, built as of TODAY."""
    root = tmp_path_factory.mktemp("reformed")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    shutil.copytree(ROOT / "products", root / "products")
    write_record(root, "products/SL/SL-0001.yml", NEW_RECORD)
    build(root / "site_config.yml", root / "site", TODAY)
    return root


def test_a_record_with_only_todays_ward_validates(reformed: Path) -> None:
    result = validate(reformed / "site_config.yml", TODAY, [reformed / "products/SL/SL-0001.yml"])
    assert [p.text() for p in result.problems] == []


def test_the_new_record_is_on_its_ward_page_reachable_from_the_home_page(reformed: Path) -> None:
    site = reformed / "site"
    ward = _text((site / "places/03868/index.html").read_text(encoding="utf-8"))
    assert "Xã Tà Xùa" in ward and "Trà shan tuyết cổ thụ Tà Xùa" in ward
    # Its former units, from the official crosswalk (Tà Xùa of Huyện Bắc Yên).
    assert "xã Tà Xùa" in ward and "huyện Bắc Yên" in ward
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="places/03868/"' in home and 'href="places/"' in home
    page = _text((site / "p/SL-0001/index.html").read_text(encoding="utf-8"))
    assert "Nơi sản xuất hiện nay Xã Tà Xùa, tỉnh Sơn La" in page
    assert "trên giấy chứng nhận" not in page  # issued after the reform: one place only
    data = json.loads((site / "api/p/SL-0001.json").read_text(encoding="utf-8"))["derived"]
    assert data["today"]["ward_code"] == "03868" and data["today"]["province_code"] == "14"
    assert data["as_certified"] is None


def test_an_old_record_shows_where_it_is_today_and_where_the_certificate_placed_it(reformed: Path) -> None:
    site = reformed / "site"
    vi = _text((site / "p/SL-MC-0003/index.html").read_text(encoding="utf-8"))
    assert "Phường Mộc Châu, tỉnh Sơn La — trên giấy chứng nhận: xã Mường Sang, huyện Mộc Châu" in vi
    en = _text((site / "en/p/SL-MC-0003/index.html").read_text(encoding="utf-8"))
    assert "Where it is made today Phường Mộc Châu, tỉnh Sơn La — on the certificate: xã Mường Sang, huyện Mộc Châu" in en
    raw = (site / "p/SL-MC-0003/index.html").read_text(encoding="utf-8")
    link = re.search(r'href="(https://www\.openstreetmap\.org/\?mlat=([\d.]+)&amp;mlon=([\d.]+)#map=13/[^"]+)"', raw)
    assert link and 20.5 < float(link[2]) < 21.2 and 104.3 < float(link[3]) < 104.9  # Mộc Châu
    assert 'href="../../places/03980/"' in raw
    data = json.loads((site / "api/p/SL-MC-0003.json").read_text(encoding="utf-8"))["derived"]
    assert data["today"]["ward_code"] == "03980" and data["today"]["ward"] == "Phường Mộc Châu"
    assert data["as_certified"] == {"district": "Huyện Mộc Châu", "commune": "Xã Mường Sang", "former_province": None}
    # The former district's page says, with links, what its area became.
    district = (site / "districts/moc-chau/index.html").read_text(encoding="utf-8")
    assert "Từ ngày 01/7/2025, địa bàn này thuộc" in district and 'href="../../places/03980/"' in district
    with (site / "api/products.csv").open(encoding="utf-8-sig", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == "SL-MC-0003")
    assert (row["ward_code"], row["ward"], row["province_code"]) == ("03980", "Phường Mộc Châu", "14")


def test_a_district_certificate_of_september_2025_is_refused_with_a_located_message(project: Path) -> None:
    record = NEW_RECORD.replace('ward: "03868"  # Xã Tà Xùa', "district: bac-yen").replace(
        "level: province", "level: district").replace("2026-03-10", "2025-09-15").replace("id: SL-0001", "id: SL-BY-0901")
    write_record(project, "products/bac-yen/SL-BY-0901.yml", record)
    result = CliRunner().invoke(main, ["--lang", "en", "validate", "--config", str(project / "site_config.yml"),
                                       "--today", TODAY.isoformat()])
    assert result.exit_code == 1
    assert ("products/bac-yen/SL-BY-0901.yml:10:12: error E313 certifications[0].level: This certificate is dated "
            "2025-09-15, but the district level ended on 2025-07-01") in result.output
    assert "Traceback" not in result.output


def test_no_published_address_of_the_sample_changes(sample_site: Path) -> None:
    lines = (FIXTURES / "sample_published_before_places.txt").read_text(encoding="utf-8").splitlines()
    before = [line for line in lines if line and not line.startswith("#")]
    # Every address a visitor, a printed code or a seller can hold; a product's share card
    # (p/<id>/preview.png, named only by the page's og:image, which crawlers read again) is a
    # drawing of the page, not an address of its own: most sites no longer draw one (share_image).
    before = [path for path in before if not path.endswith("/preview.png")]
    # Nor are Material's own files that no page of ours asks for (its lunr search and worker, the
    # palette stylesheet, source maps: mkdocs_adapter.UNUSED_ASSETS, no longer published since #21;
    # tests/test_browser.py checks that no page asks for a file that is not there).
    unused = ("assets/javascripts/lunr/*", "assets/javascripts/workers/*", "assets/stylesheets/palette.*",
              "assets/*.map")
    before = [path for path in before
              if not any(fnmatch.fnmatch(path.removeprefix("en/"), pattern) for pattern in unused)]
    gone = [path for path in before if not (sample_site / path).is_file()]
    assert gone == []
    manifest = json.loads((sample_site / "api/manifest.json").read_text(encoding="utf-8"))
    before_ids = sorted({path.split("/")[1] for path in before if path.startswith("p/")})
    assert sorted(manifest["ids"]) == before_ids


# ---------------------------------------------------------------------------------------------
# Search, in Chromium


@pytest.fixture(scope="module")
def reformed_url(reformed: Path) -> Iterator[str]:
    with served(reformed / "site") as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("query,expected", [
    ("ta xua", "SL-0001"),  # today's ward, written without tones
    ("phuong moc chau", "SL-MC-0003"),  # today's ward of an old record
    ("muong sang", "SL-MC-0003"),  # the former commune on its certificate
])
def test_search_finds_products_by_todays_and_former_names_toneless(browser, reformed_url: str,  # type: ignore[no-untyped-def]
                                                                   query: str, expected: str) -> None:
    page = browser.new_context(viewport={"width": 412, "height": 900}).new_page()
    try:
        page.goto(f"{reformed_url}search/?q={quote(query)}")
        page.wait_for_function("() => document.querySelectorAll('[data-ocop-results] li').length > 0 ||"
                               " document.querySelector('.ocop-search__none') !== null")
        links = page.locator("[data-ocop-results] a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert any(f"p/{expected}/" in (href or "") for href in links), links
    finally:
        page.context.close()


@pytest.mark.parametrize("guide", ["CONTRIBUTING.md", "CONTRIBUTING.en.md"])
def test_the_guide_shows_both_cases_with_examples_that_validate(project: Path, guide: str) -> None:
    text = (ROOT / guide).read_text(encoding="utf-8")
    examples = re.findall(r"```yaml\n# (products/[^\n]+\.yml)\n(.*?)```", text, re.S)
    assert [path for path, _ in examples] == ["products/SL/SL-0412.yml", "products/moc-chau/SL-MC-0099.yml"]
    new, old = (body for _, body in examples)
    assert 'ward: "03868"' in new and "district:" not in new
    assert "district: moc-chau" in old and "commune: muong-sang" in old
    for path, body in examples:
        write_record(project, path, body)
    result = validate(project / "site_config.yml", TODAY)
    assert [p.text() for p in result.problems] == []
    assert result.catalogue is not None and len(result.catalogue.entries) == 2
