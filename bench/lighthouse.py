"""Lighthouse performance and accessibility of the built catalogue, with the page weight.

Usage: python bench/lighthouse.py [--site DIR] [--form-factor mobile|desktop] [--page PATH ...]
                                  [--no-compress] [--out bench/out/lighthouse.json]

Builds the sample catalogue (``ocop build --today 2026-11-22`` into a temporary folder) unless
--site names an already built one, serves it on 127.0.0.1 and runs the Lighthouse pinned in
bench/package.json (``npx lighthouse``, installed into bench/node_modules by this script on first use) with Debian's Chromium
(CHROME_PATH=/usr/bin/chromium; Lighthouse never downloads a browser) on the product page
p/SL-MS-0001/ and the home page. Default: Lighthouse's mobile run (Moto G Power-class screen,
simulated slow 4G and 4x CPU slowdown); --form-factor desktop uses ``--preset=desktop``.

The local server answers like a static host such as GitHub Pages: text files (HTML, CSS, JS,
JSON, SVG, XML) gzip-compressed when the browser asks for it, and ``Cache-Control: max-age=600``,
so the transferred bytes are what a visitor downloads. --no-compress serves everything as is.

Prints, for each page: the two scores, the metrics, the bytes transferred by resource type
(document, stylesheet, script, image, font, other), the critical bytes (the document plus every
render-blocking request: what must arrive before the first paint), the failing accessibility
audits and the largest performance opportunities. Writes the same summary to --out
(bench/out/lighthouse.json by default, git-ignored) and Lighthouse's full reports beside it.
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-22"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
PAGES = ["p/SL-MS-0001/", ""]
TYPES = ["document", "stylesheet", "script", "image", "font", "other"]
_venv_bin = REPO / ".venv" / "bin"
OCOP = [str(_venv_bin / "ocop")] if (_venv_bin / "ocop").exists() else [sys.executable, "-m", "generator"]


# ---------------------------------------------------------------------------------------------
# Serving the built site as a static host would


COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".webmanifest", ".map"}


class StaticHost(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    compress = True

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()  # directories without a slash, binaries, 404s
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def served(folder: Path, compress: bool) -> Iterator[str]:
    handler = functools.partial(type("Host", (StaticHost,), {"compress": compress}), directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


# ---------------------------------------------------------------------------------------------
# Running Lighthouse


def lighthouse(url: str, form_factor: str, report: Path) -> dict[str, Any]:
    cmd = ["npx", "lighthouse", url, "--only-categories=performance,accessibility",
           "--output=json", f"--output-path={report}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"]
    cmd += ["--preset=desktop"] if form_factor == "desktop" else ["--form-factor=mobile"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    proc = subprocess.run(cmd, cwd=REPO / "bench", env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if proc.returncode != 0 or not report.exists():
        sys.exit(f"lighthouse failed on {url} (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        sys.exit(f"lighthouse: {data['runtimeError'].get('message')} on {url}")
    return data


# ---------------------------------------------------------------------------------------------
# Reading the report


def _items(audit: dict[str, Any] | None) -> list[dict[str, Any]]:
    return list(((audit or {}).get("details") or {}).get("items") or [])


def weights(lhr: dict[str, Any]) -> dict[str, Any]:
    audits = lhr["audits"]
    by_type = {t: {"requests": 0, "bytes": 0} for t in TYPES}
    total = {"requests": 0, "bytes": 0}
    for row in _items(audits.get("resource-summary")):
        kind = row["resourceType"]
        if kind == "total":
            total = {"requests": row["requestCount"], "bytes": row["transferSize"]}
        elif kind == "third-party":
            continue
        else:
            slot = by_type[kind if kind in by_type else "other"]  # media folds into other
            slot["requests"] += row["requestCount"]
            slot["bytes"] += row["transferSize"]

    requests = _items(audits.get("network-requests"))
    transferred = {r["url"]: r.get("transferSize", 0) for r in requests}
    document = next((r for r in requests if r.get("resourceType") == "Document"), None)
    # Render-blocking requests: Lighthouse 12's audit, or the trace insight that replaces it in 13.
    blocking_urls: list[str] = []
    for audit_id in ("render-blocking-resources", "render-blocking-insight"):
        for row in _items(audits.get(audit_id)):
            if isinstance(row.get("url"), str) and row["url"] not in blocking_urls:
                blocking_urls.append(row["url"])
    critical = ([{"url": document["url"], "type": "Document", "bytes": document.get("transferSize", 0)}]
                if document else [])
    kinds = {r["url"]: r.get("resourceType", "") for r in requests}
    critical += [{"url": u, "type": kinds.get(u, ""), "bytes": transferred.get(u, 0)} for u in blocking_urls]
    return {
        "total": total,
        "by_type": by_type,
        "critical": {"bytes": sum(c["bytes"] for c in critical), "requests": critical},
        "all_requests": [{"url": r["url"], "type": r.get("resourceType"), "bytes": r.get("transferSize", 0),
                          "uncompressed": r.get("resourceSize", 0)} for r in requests],
    }


def failed_requests(lhr: dict[str, Any]) -> list[dict[str, Any]]:
    """Requests the page made that failed: an HTTP error, or no answer at all (status 0 or -1)."""
    return [{"url": r["url"], "status": r.get("statusCode")} for r in _items(lhr["audits"].get("network-requests"))
            if not 200 <= (r.get("statusCode") or 0) < 400]


def failing_accessibility(lhr: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for ref in lhr["categories"]["accessibility"]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        if audit.get("scoreDisplayMode") not in ("binary", "numeric") or audit.get("score") in (None, 1):
            continue
        nodes = []
        for item in _items(audit)[:5]:
            node = item.get("node") or {}
            nodes.append({"selector": node.get("selector"), "explanation": (node.get("explanation") or "")[:300]})
        out.append({"id": ref["id"], "weight": ref.get("weight", 0), "title": audit["title"],
                    "count": len(_items(audit)), "nodes": nodes})
    return sorted(out, key=lambda a: -a["weight"])


def opportunities(lhr: dict[str, Any], top: int) -> list[dict[str, Any]]:
    out = []
    for ref in lhr["categories"]["performance"]["auditRefs"]:
        if ref.get("group") in ("metrics", "hidden"):  # 12.x also computes 13's insights, hidden
            continue
        audit = lhr["audits"][ref["id"]]
        if audit.get("scoreDisplayMode") not in ("metricSavings", "numeric", "binary"):
            continue
        if audit.get("score") is None or audit["score"] >= 0.9:
            continue
        savings = audit.get("metricSavings") or {}
        details = audit.get("details") or {}
        ms = max([v for k, v in savings.items() if k in ("FCP", "LCP")] + [details.get("overallSavingsMs") or 0])
        out.append({"id": ref["id"], "title": audit["title"], "display": audit.get("displayValue", ""),
                    "savings_ms": round(ms), "savings_bytes": details.get("overallSavingsBytes") or 0,
                    "metric_savings": savings,
                    "items": [{k: row.get(k) for k in ("url", "totalBytes", "wastedBytes", "wastedMs") if k in row}
                              for row in _items(audit)[:5]]})
    out.sort(key=lambda o: (-o["savings_ms"], -o["savings_bytes"]))
    return out[:top]


def summarise(lhr: dict[str, Any], path: str, top: int) -> dict[str, Any]:
    audits = lhr["audits"]
    metric_ids = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
                  "CLS": "cumulative-layout-shift", "SI": "speed-index"}
    return {
        "page": "/" + path,
        "lighthouse": lhr.get("lighthouseVersion"),
        "form_factor": lhr["configSettings"].get("formFactor"),
        "scores": {k: round(lhr["categories"][k]["score"] * 100) for k in ("performance", "accessibility")},
        "metrics": {k: audits[v].get("displayValue") for k, v in metric_ids.items() if v in audits},
        "weight": weights(lhr),
        "accessibility_failures": failing_accessibility(lhr),
        "failed_requests": failed_requests(lhr),
        "opportunities": opportunities(lhr, top),
    }


def kb(n: float) -> str:
    return f"{n / 1024:7.1f} KB"


def show(s: dict[str, Any]) -> None:
    w = s["weight"]
    print(f"\n== {s['page']}  ({s['form_factor']}, Lighthouse {s['lighthouse']})")
    print(f"   performance {s['scores']['performance']}   accessibility {s['scores']['accessibility']}   "
          + "  ".join(f"{k} {v}" for k, v in s["metrics"].items()))
    print(f"   transferred {kb(w['total']['bytes'])} in {w['total']['requests']} requests:")
    for t in TYPES:
        print(f"     {t:<11}{kb(w['by_type'][t]['bytes'])}  ({w['by_type'][t]['requests']})")
    print(f"   critical (document + render-blocking) {kb(w['critical']['bytes'])}:")
    for r in w["critical"]["requests"]:
        print(f"     {kb(r['bytes'])}  {r['type']:<10} {urlsplit(r['url']).path}")
    print(f"   failed requests: {len(s['failed_requests']) or 'none'}")
    for r in s["failed_requests"]:
        print(f"     - {r['status']}  {r['url']}")
    print(f"   failing accessibility audits: {len(s['accessibility_failures']) or 'none'}")
    for a in s["accessibility_failures"]:
        print(f"     - {a['id']} (weight {a['weight']}, {a['count']} element(s)): {a['title']}")
        for n in a["nodes"][:3]:
            print(f"         {n['selector']}" + (f"  [{n['explanation'].splitlines()[-1]}]" if n["explanation"] else ""))
    print("   top performance opportunities:" + ("" if s["opportunities"] else " none"))
    for o in s["opportunities"]:
        saved = ([f"~{o['savings_ms']} ms"] if o["savings_ms"] else []) + (
            [kb(o["savings_bytes"]).strip()] if o["savings_bytes"] else [])
        print(f"     - {o['id']}: {o['title']}  {o['display']}" + (f"  ({', '.join(saved)})" if saved else ""))
        for it in o["items"][:3]:
            if it.get("url"):
                extra = ", ".join(f"{k} {v:.0f}" for k, v in it.items() if k != "url" and isinstance(v, (int, float)))
                print(f"         {urlsplit(it['url']).path}  {extra}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", type=Path, help="an already built site folder (default: build the sample)")
    ap.add_argument("--today", default=TODAY, help=f"build date for the sample (default {TODAY})")
    ap.add_argument("--form-factor", choices=["mobile", "desktop"], default="mobile")
    ap.add_argument("--page", action="append", dest="pages",
                    help=f"path under the site root, repeatable (default: {' and '.join(p or '/' for p in PAGES)})")
    ap.add_argument("--no-compress", action="store_true", help="serve files as they are, without gzip")
    ap.add_argument("--top", type=int, default=5, help="how many performance opportunities to list")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "lighthouse.json")
    args = ap.parse_args(argv)

    if not (REPO / "bench" / "node_modules" / ".bin" / "lighthouse").exists():
        # Only the benchmark uses Lighthouse (185 MB): it has its own package file and lock.
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=REPO / "bench",
                              stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"lighthouse could not be installed (npm ci in bench/):\n{done.stderr[-2000:]}")
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    pages = [p.lstrip("/") for p in (args.pages or PAGES)]
    args.out.parent.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="ocop-lh-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            proc = subprocess.run([*OCOP, "build", "--today", args.today, "--out", str(site)], cwd=REPO,
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True)
            if proc.returncode != 0:
                sys.exit(f"ocop build failed:\n{proc.stdout}{proc.stderr}")
            print(proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "built")
        results = []
        with served(site, compress=not args.no_compress) as base:
            for path in pages:
                name = (path.strip("/").replace("/", "_") or "home") + f".{args.form_factor}"
                report = args.out.parent / f"lighthouse-{name}.report.json"
                report.unlink(missing_ok=True)
                lhr = lighthouse(base + path, args.form_factor, report)
                summary = summarise(lhr, path, args.top)
                summary["report"] = str(report.relative_to(REPO) if report.is_relative_to(REPO) else report)
                results.append(summary)
                show(summary)

    out = {"form_factor": args.form_factor, "compressed": not args.no_compress,
           "site": str(args.site) if args.site else f"sample built --today {args.today}",
           "chromium": subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip(),
           "node": shutil.which("node") and subprocess.run(["node", "--version"], capture_output=True,
                                                            text=True).stdout.strip(),
           "pages": results}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nSummary written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
