"""Bytes a first-time visitor downloads for one search, measured in headless Chromium.

Usage: python bench/search_payload.py SITE_DIR [--query "ca phe"]

Serves SITE_DIR on 127.0.0.1, opens /search/?q=QUERY in a fresh browser profile (empty cache),
waits for the results, and sums every response the search needed: the page's search script, the
word list, the index shards holding the query's words, and the cards shown (everything under
/search/<digest>/). Reports raw bytes and gzip-compressed bytes (what a static host with
compression sends), the number of requests, and the largest files.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lighthouse import served  # noqa: E402 - the same static host, here without compression

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def measure(site: Path, query: str) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    seen: list[tuple[str, int, int]] = []

    def on_response(response) -> None:  # type: ignore[no-untyped-def]
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - redirects have no body
            return
        seen.append((urlsplit(response.url).path, len(body), len(gzip.compress(body, 9))))

    with served(site, compress=False) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        # A first-time visitor: a fresh context, so nothing is cached.
        page = browser.new_context(viewport={"width": 412, "height": 915}).new_page()
        page.on("response", on_response)
        page.goto(f"{base}search/?q={quote(query)}")
        page.wait_for_function("() => document.querySelectorAll('[data-ocop-results] li').length > 0 || "
                               "document.querySelector('.ocop-search__none')")
        page.wait_for_load_state("networkidle")
        results = page.locator("[data-ocop-results] li").count()
        browser.close()
    search = [s for s in seen if s[0].startswith("/search/") and not s[0].endswith("/search/")
              or s[0].endswith("search.js")]
    return {
        "query": query, "results_shown": results,
        "requests": len(search),
        "raw_bytes": sum(s[1] for s in search),
        "gzip_bytes": sum(s[2] for s in search),
        "page_total_gzip_bytes": sum(s[2] for s in seen),
        "files": sorted(search, key=lambda s: -s[2])[:12],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="ca phe")
    args = parser.parse_args()
    print(json.dumps(measure(args.site, args.query), indent=1))


if __name__ == "__main__":
    main()
