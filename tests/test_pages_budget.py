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

import statistics
import sys
from pathlib import Path

import pytest

from generator.build import build

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import synth  # noqa: E402

PRODUCTS = 60
PAGE_BUDGET = 18_000  # bytes, each language (17.5 and 16.8 KB when written)
LAYOUT_BUDGET = 5_750  # bytes of Material's layout around a page's body (5.35 KB when written)
BODY = '<article class="md-content__inner md-typeset">'


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The synthetic catalogue's product pages, by language."""
    root = tmp_path_factory.mktemp("budget")
    ids = sorted(p.stem for p in synth.generate(root, PRODUCTS, seed=7))
    build(root / "site_config.yml", root / "site", synth.TODAY)
    return {lang: [(root / "site" / prefix / "p" / pid / "index.html").read_text(encoding="utf-8") for pid in ids]
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
