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
import functools
import gzip
import http.server
import json
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(site: Path, query: str) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    seen: list[tuple[str, int, int]] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_context(viewport={"width": 412, "height": 915}).new_page()
            page.goto(base + "search/")  # the page itself and its theme are not search cost
            page.wait_for_load_state("networkidle")

            def on_response(response) -> None:  # type: ignore[no-untyped-def]
                try:
                    body = response.body()
                except Exception:  # noqa: BLE001 - redirects have no body
                    return
                path = urlsplit(response.url).path
                seen.append((path, len(body), len(gzip.compress(body, 9))))

            # A first-time visitor: fresh context, so nothing is cached.
            page.context.close()
            context = browser.new_context(viewport={"width": 412, "height": 915})
            page = context.new_page()
            page.on("response", on_response)
            page.goto(f"{base}search/?q={quote(query)}")
            page.wait_for_function("() => document.querySelectorAll('[data-ocop-results] li').length > 0 || "
                                   "document.querySelector('.ocop-search__none')")
            page.wait_for_load_state("networkidle")
            results = page.locator("[data-ocop-results] li").count()
            browser.close()
    finally:
        httpd.shutdown()
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
