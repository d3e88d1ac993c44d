"""Published URLs never disappear: what was published, and what a build must keep of it.

The site's manifest (``api/manifest.json``) lists every product id, every GTIN path and every
place page the site has ever published. The list that counts is the one of the site visitors
really see: the publish workflow fetches the live manifest and passes it to ``ocop build
--published``, and the pull-request check lists the records of the main branch. A missing id is
then an error (E407). A local preview only warns about ids it built before (W420): a record a
steward created and deleted on their own computer was never published.

A former GTIN or place (a GTIN changed on a record, a district taken out of ``site_config.yml``,
a ward or commune of today whose last product moved) keeps its page, which points to where it now leads, and stays in the manifest for the next build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from .diagnostics import Diagnostic
from .messages import Said, said
from .site import urls
from .site.strings import LANGUAGES
from .validate import Catalogue

FORMAT_VERSION = 2


class ManifestError(Exception):
    """The list of published ids could not be read: refusing is safer than guessing. ``said``: why,
    a sentence of the message table (``str(e)``: its English)."""

    def __init__(self, message: Said) -> None:
        super().__init__(message.text("en"))
        self.said = message


@dataclass
class Published:
    ids: set[str] = field(default_factory=set)
    gtins: dict[str, str] = field(default_factory=dict)  # GTIN-14 -> product id
    places: dict[str, str] = field(default_factory=dict)  # place page ("districts/<id>/", "places/<code>/") -> name


def parse(text: str) -> Published:
    """A site manifest (JSON), or a plain list of ids, one per line (# comments)."""
    stripped = text.lstrip("\ufeff").strip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
            ids = data["ids"]
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                raise TypeError
            gtins = data.get("gtins") or {}
            places = data.get("places") or {}
            if not isinstance(gtins, dict) or not isinstance(places, dict):
                raise TypeError
            return Published(set(ids), {str(k): str(v) for k, v in gtins.items()},
                             {str(k): str(v) for k, v in places.items()})
        except (ValueError, KeyError, TypeError):
            raise ManifestError(said("manifest.not_manifest")) from None
    if stripped.startswith("<"):
        raise ManifestError(said("manifest.web_page"))
    return Published({line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")})


MAX_MANIFEST = 64 * 1024 * 1024  # bytes; a national catalogue's manifest is about 1 MB


def read(source: "Path | str") -> Published:
    """The published list from a file, or from the live site (an https:// address; http:// only
    on this computer, for tests and previews)."""
    text = str(source)
    if text.startswith(("https://", "http://")):
        return parse(_fetch(text))
    try:
        with open(source, "rb") as f:
            return parse(f.read(MAX_MANIFEST).decode("utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ManifestError(said("manifest.unreadable", reason=str(getattr(e, "strerror", None) or e))) from None


def _fetch(url: str) -> str:
    import urllib.error
    import urllib.request
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    if url.startswith("http://") and host not in ("127.0.0.1", "localhost", "::1"):
        raise ManifestError(said("manifest.https"))
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310 - the scheme is checked above
            return answer.read(MAX_MANIFEST).decode("utf-8")
    except urllib.error.HTTPError as e:
        raise ManifestError(said("manifest.http_error", code=e.code, reason=e.reason, url=url)) from None
    except (urllib.error.URLError, OSError, UnicodeDecodeError) as e:
        raise ManifestError(said("manifest.fetch", url=url, reason=str(getattr(e, "reason", None) or e))) from None


def read_local(site: Path) -> Published:
    """What a previous local build in ``site`` published; nothing when there is none or it is unreadable."""
    try:
        return read(site / urls.manifest())
    except ManifestError:
        return Published()


def lost(present: set[str], published: Published, *, preview: bool = False) -> list[Diagnostic]:
    """A published product page must never become a 404: a removed record is an error; in a local
    preview, a warning about what this computer built before."""
    out = []
    for pid in sorted(published.ids - present):
        if preview:
            out.append(Diagnostic("products", 1, 1, "W420", "id", said("W420.gone", id=pid),
                                  said("W420.gone.hint", id=pid)))
        else:
            out.append(Diagnostic("products", 1, 1, "E407", "id", said("E407.gone", id=pid),
                                  said("E407.gone.hint", id=pid)))
    return out


def current(catalogue: Catalogue) -> Published:
    from .site.placeview import products_by_ward, where_of

    places = {urls.district(d.id): d.name for d in catalogue.config.districts}
    for code, entries in products_by_ward(catalogue).items():  # today's wards and communes that have products
        places[urls.ward(code)] = where_of(catalogue, entries[0]).today.name  # type: ignore[union-attr]
    return Published(
        {e.id for e in catalogue.entries},
        {e.record.gtin.zfill(14): e.id for e in catalogue.entries if e.record.gtin},
        places)


def merged(now: Published, before: Published) -> Published:
    """What the new site publishes: everything it has now, and every former GTIN and place."""
    gtins = {g: pid for g, pid in before.gtins.items() if pid in now.ids}
    gtins.update(now.gtins)
    places = dict(before.places)
    places.update(now.places)
    return Published(now.ids | before.ids, gtins, places)


def manifest(catalogue: Catalogue, before: Published) -> bytes:
    after = merged(current(catalogue), before)
    return (json.dumps({"format_version": FORMAT_VERSION, "ids": [e.id for e in catalogue.entries],
                        "gtins": dict(sorted(after.gtins.items())), "places": dict(sorted(after.places.items()))},
                       ensure_ascii=False, indent=1) + "\n").encode()


def former_pages(catalogue: Catalogue, before: Published, env: Environment) -> dict[str, bytes]:
    """Pages for former GTINs (they lead to the product that had the code) and former places
    (they lead to the list of places), in every language where the place had one."""
    now = current(catalogue)
    template = env.get_template("redirect.html")
    site = catalogue.config.site.url
    out: dict[str, bytes] = {}
    for gtin, pid in sorted(before.gtins.items()):
        if gtin in now.gtins or pid not in now.ids:
            continue
        path, target = urls.gtin_page(gtin), urls.product(pid)
        out[path + "index.html"] = template.render(
            target=urls.absolute(site, target), relative=urls.relative(path, target), name=pid).encode()
    for place, name in sorted(before.places.items()):
        listing = next((kind for kind in (urls.districts(), urls.wards()) if place.startswith(kind)), None)
        if place in now.places or listing is None:
            continue
        for lang in LANGUAGES:  # a former place leads to the list of places of its kind
            path, target = urls.in_lang(lang, place), urls.in_lang(lang, listing)
            out[path + "index.html"] = template.render(
                target=urls.absolute(site, target), relative=urls.relative(path, target), name=name).encode()
    return out
