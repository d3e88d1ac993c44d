"""A product page's bytes (issue #21): at national scale there are 40,000 of them (20,000 products,
two languages), so each kilobyte a page carries is 40 MB of the host's 1 GB.

A synthetic catalogue (bench/synth.py: paragraph-long descriptions, every status, a history of
certificates) is built, and the product pages measured as a host stores them: the whole page, and
Material's layout around it (everything but the page's body and its own <head> tags: the header,
navigation, footer and Material's <head>), which is the same on every page. Before the pages were
made lighter a page weighed 24.0 KB in Vietnamese and 23.1 KB in English, its layout 10 KB; the
budgets below fail on that markup. tests/test_size_budget.py measures the whole site.
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

import pytest

from generator.build import build

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import synth  # noqa: E402

PRODUCTS = 60
CARD_BUDGET = 330  # bytes of a listing's card (550 before, 300 when written)
PAGE_BUDGET = 18_000  # bytes, each language (17.5 and 16.8 KB when written)
LAYOUT_BUDGET = 5_750  # bytes of Material's layout around a page's body (5.35 KB when written)
BODY = '<article class="md-content__inner md-typeset">'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The synthetic catalogue built: (site folder, product ids)."""
    root = tmp_path_factory.mktemp("budget")
    ids = sorted(p.stem for p in synth.generate(root, PRODUCTS, seed=7))
    build(root / "site_config.yml", root / "site", synth.TODAY)
    return root / "site", ids


@pytest.fixture(scope="module")
def pages(site: tuple[Path, list[str]]) -> dict[str, list[str]]:
    """The synthetic catalogue's product pages, by language."""
    folder, ids = site
    return {lang: [(folder / prefix / "p" / pid / "index.html").read_text(encoding="utf-8") for pid in ids]
            for lang, prefix in (("vi", ""), ("en", "en"))}


def layout(html: str) -> str:
    """The page without its body and its own <head> tags (Open Graph, JSON-LD, hreflang)."""
    start = html.index(BODY) + len(BODY)
    end = html.rindex("</article>")
    own_head = slice(html.index('<meta property="og:type"'), html.index("</head>"))
    return html[:own_head.start] + html[own_head.stop:start] + html[end:]


def kb(values: list[int]) -> str:
    return f"{statistics.mean(values) / 1000:.2f} KB on average, {max(values) / 1000:.2f} KB at most"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_product_page_stays_within_its_byte_budget(pages: dict[str, list[str]], lang: str) -> None:
    sizes = [len(html.encode()) for html in pages[lang]]
    assert statistics.mean(sizes) <= PAGE_BUDGET, f"{lang} product pages: {kb(sizes)} (budget {PAGE_BUDGET / 1000} KB)"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_layout_around_a_product_page_stays_compact(pages: dict[str, list[str]], lang: str) -> None:
    sizes = [len(layout(html).encode()) for html in pages[lang]]
    assert max(sizes) <= LAYOUT_BUDGET, f"{lang} layout: {kb(sizes)} (budget {LAYOUT_BUDGET / 1000} KB)"
    # What it is made of: no indentation left, one navigation list, no hidden copy of a verdict.
    html = pages[lang][0]
    assert "\n  " not in layout(html)
    assert html.count("<nav ") == 2  # the header's and the navigation's
    assert html.count('class="ocop-verdict') == 1


@pytest.mark.parametrize("prefix", ["", "en"])
def test_a_listing_card_is_half_what_it_was(site: tuple[Path, list[str]], prefix: str) -> None:
    # Every product is on four or five listings (its group, stars, status, district, place).
    folder, ids = site
    html = (folder / prefix / "groups" / "food" / "index.html").read_text(encoding="utf-8")
    listing = re.search(r'<ul class="ocop-(?:list|cards)">(.*?)</ul>', html, re.S)  # (ocop-cards: before)
    assert listing is not None
    cards = re.findall(r"<li\b.*?</li>", listing.group(1), re.S)
    assert len(cards) >= 5
    sizes = [len(card.encode()) for card in cards]
    assert statistics.mean(sizes) <= CARD_BUDGET, f"cards: {kb(sizes)}"
    # Each still says what a visitor reads in a listing: name, status, group, district, producer.
    assert all(card.count("</a>") == 1 and "ocop-pill--" in card and card.count("·") >= 2 for card in cards)
