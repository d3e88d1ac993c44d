"""WCAG 2.1 A/AA checks with axe-core in a real headless Chromium, against the built sample site.

Each page is opened at a phone viewport and a desktop one, axe-core (node_modules/axe-core, from
package.json via scripts/install-test-tools) is injected, and the page must have no violation of
impact "serious" or "critical" for the wcag2a/wcag2aa/wcag21a/wcag21aa rules. Minor and moderate
findings are not failures here (Lighthouse's accessibility score in bench/lighthouse.py shows them).

The English pages (same paths under en/) are listed too: all skipped while the built site has no
en/ folder, and one by one when a page has no English version (the stewards' guide).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
if not AXE.exists():
    pytest.skip(f"{AXE.relative_to(ROOT)} is missing: run scripts/install-test-tools (npm ci)",
                allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("a11y")]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

VIEWPORTS = {
    "mobile": {"width": 412, "height": 915},
    "desktop": {"width": 1366, "height": 900},
}

# (id, path relative to the site root). Search results are checked once they have rendered.
PAGES = [
    ("home", ""),
    ("product", "p/SL-MS-0001/"),
    ("product-revoked", "p/SL-MC-0008/"),
    ("district", "districts/moc-chau/"),
    ("plan", "plan/"),
    ("search-results", "search/?q=ca+phe"),
    ("listing-4-stars", "stars/4/"),
    ("guide", "guide/"),
]
# The same pages in English, skipped until the site is built with an en/ folder.
CASES = [pytest.param(path, id=name) for name, path in PAGES] + [
    pytest.param("en/" + path, id=f"en-{name}") for name, path in PAGES
]


@pytest.fixture(scope="module")
def site_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


def _wait_for_search_results(page) -> None:  # type: ignore[no-untyped-def]
    # As tests/test_search.py: the status line leaves "Đang …" and results (or "no match") appear.
    page.wait_for_function("() => { const s = document.querySelector('[data-ocop-status]');"
                           " return s && s.textContent && !s.textContent.startsWith('Đang'); }")
    page.wait_for_function("() => document.querySelectorAll('[data-ocop-results] li').length > 0 ||"
                           " document.querySelector('.ocop-search__none') !== null")


def _describe(violation: dict) -> str:
    targets = [" ".join(t) if isinstance(t, list) else str(t)
               for node in violation["nodes"][:3] for t in node["target"][:1]]
    more = len(violation["nodes"]) - 3
    line = (f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"    targets: {', '.join(targets)}" + (f" (+{more} more)" if more > 0 else ""))
    if violation["id"] == "color-contrast":  # the pairs to fix, with their ratios
        pairs = []
        for node in violation["nodes"][:3]:
            for check in node.get("any", []):
                data = check.get("data") or {}
                if isinstance(data, dict) and data.get("contrastRatio"):
                    pairs.append(f"{data.get('fgColor')} on {data.get('bgColor')} = {data['contrastRatio']}:1"
                                 f" (needs {data.get('expectedContrastRatio')})")
        if pairs:
            line += "\n    contrast: " + "; ".join(pairs)
    return line


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", CASES)
def test_no_serious_or_critical_axe_violations(browser, sample_site: Path, site_url: str,  # type: ignore[no-untyped-def]
                                               path: str, viewport: str) -> None:
    if path.startswith("en/"):
        if not (sample_site / "en").is_dir():
            pytest.skip("the built site has no English pages (en/) yet")
        if not (sample_site / path.split("?")[0] / "index.html").is_file():
            pytest.skip(f"{path.split('?')[0]} is not built in English")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    try:
        page = context.new_page()
        response = page.goto(site_url + path, wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        if path.split("?")[0].endswith("search/") and "?q=" in path:
            _wait_for_search_results(page)
        page.add_script_tag(path=str(AXE))
        results = page.evaluate(
            "async (tags) => { const r = await axe.run(document,"
            " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});"
            " return r.violations; }", TAGS)
    finally:
        context.close()
    bad = [v for v in results if v.get("impact") in FAILING_IMPACTS]
    assert not bad, (f"{path or '/'} at {viewport} {VIEWPORTS[viewport]['width']}×"
                     f"{VIEWPORTS[viewport]['height']}: {len(bad)} serious/critical axe violation(s)\n"
                     + "\n".join(_describe(v) for v in bad))


def test_axe_is_the_pinned_version() -> None:
    """The axe-core in node_modules is the one package-lock.json pins (npm ci, not a stray install)."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == lock["packages"]["node_modules/axe-core"]["version"]
