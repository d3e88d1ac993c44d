"""`ocop links`: do the producer, marketplace and decision links in the records still answer?

Run weekly by CI; it reports and never fails a pull request (shops move their listings all the
time). A link counts as broken on a 4xx/5xx answer (after trying GET when HEAD is refused) or
when nothing answers within the timeout.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .validate import Catalogue

USER_AGENT = "ocop-catalogue-linkcheck/1 (+https://github.com/)"


@dataclass(frozen=True)
class Link:
    product: str
    field: str
    url: str


@dataclass(frozen=True)
class Checked:
    link: Link
    ok: bool
    detail: str


def links(catalogue: Catalogue) -> list[Link]:
    out = []
    for e in catalogue.entries:
        r = e.record
        if r.producer.website:
            out.append(Link(e.id, "producer.website", r.producer.website))
        if r.sales:
            out += [Link(e.id, f"sales.marketplaces[{i}].url", m.url) for i, m in enumerate(r.sales.marketplaces)]
        out += [Link(e.id, f"certifications[{i}].source", c.source) for i, c in enumerate(r.certifications) if c.source]
    return out


def check_one(link: Link, timeout: float) -> Checked:
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(link.url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - https only by schema
                return Checked(link, True, str(response.status))
        except urllib.error.HTTPError as e:
            if method == "HEAD" and e.code in (403, 405, 501):
                continue  # some shops refuse HEAD; ask properly before calling it broken
            return Checked(link, False, f"HTTP {e.code}")
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            reason = getattr(e, "reason", e)
            return Checked(link, False, f"no answer ({reason})")
    return Checked(link, False, "refused")


def check(catalogue: Catalogue, *, timeout: float = 10.0, workers: int = 8) -> list[Checked]:
    found = links(catalogue)
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda link: check_one(link, timeout), found))


def render(results: list[Checked], fmt: str) -> str:
    broken = [r for r in results if not r.ok]
    if fmt == "json":
        return json.dumps({"checked": len(results), "broken": [
            {"product": r.link.product, "field": r.link.field, "url": r.link.url, "problem": r.detail} for r in broken]},
            ensure_ascii=False, indent=2)
    if fmt == "markdown":
        lines = ["## Link check", "", f"{len(results)} links checked, {len(broken)} not answering.", ""]
        if broken:
            lines += ["| product | field | link | problem |", "|---|---|---|---|"]
            lines += [f"| {r.link.product} | `{r.link.field}` | {r.link.url} | {r.detail} |" for r in broken]
        return "\n".join(lines)
    lines = [f"{r.link.product} {r.link.field}: {r.link.url}: {r.detail}" for r in broken]
    lines.append(f"{len(results)} links checked, {len(broken)} not answering.")
    return "\n".join(lines)
