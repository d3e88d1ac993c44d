"""Open data: the whole catalogue as JSON and CSV, one JSON per product, and the id manifest.

Each product object is the record exactly as the steward wrote it (``record``) plus a ``derived``
block computed for the build date (see ``generator/derive.py`` for the meaning of each field).
"""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from ..cells import csv_safe
from ..validate import Catalogue, Entry
from . import urls
from .view import place_names

FORMAT_VERSION = 1


def product_object(entry: Entry, catalogue: Catalogue) -> dict[str, Any]:
    d = entry.derived
    site = catalogue.config.site.url
    district, commune, _ = place_names(catalogue, entry)
    return {
        "id": entry.id,
        "record": entry.record.model_dump(mode="json", exclude_none=True, exclude_defaults=False),
        "derived": {
            "as_of": catalogue.today.isoformat(),
            "status": d.status,
            "stars": d.stars,
            "last_stars": d.last_stars,
            "valid_until": d.valid_until.isoformat() if d.valid_until else None,
            "criteria": d.criteria,
            "current_decision": d.current.decision if d.current else None,
            "upgraded": d.upgraded,
            "re_evaluated": d.re_evaluated,
            "district_name": district,
            "commune_name": commune or None,
            "url": urls.absolute(site, urls.product(entry.id)),
            "qr_svg": urls.absolute(site, urls.product_qr_svg(entry.id)),
            "badge": urls.absolute(site, urls.product_badge(entry.id)),
        },
    }


def dumps(obj: Any) -> str:
    # Compact: Python's C encoder only runs without `indent` (10x faster for 20,000 files), and
    # the files are smaller. Anyone reading them by eye has a browser that pretty-prints JSON.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def files(catalogue: Catalogue) -> dict[str, bytes]:
    objects = [product_object(e, catalogue) for e in catalogue.entries]
    out: dict[str, bytes] = {
        urls.product_json(o["id"]): dumps(o).encode() for o in objects
    }
    out[urls.products_json()] = dumps({
        "format_version": FORMAT_VERSION,
        "site": catalogue.config.site.url,
        "as_of": catalogue.today.isoformat(),
        "count": len(objects),
        "products": objects,
    }).encode()
    out[urls.products_csv()] = csv(objects)
    out[urls.manifest()] = dumps({"format_version": FORMAT_VERSION,
                                  "ids": [e.id for e in catalogue.entries]}).encode()
    return out


CSV_COLUMNS = [
    "id", "name", "name_en", "group", "product_set", "district", "district_name", "commune", "commune_name",
    "producer", "producer_type", "status", "stars", "last_stars", "valid_until", "decision", "decision_date",
    "level", "score", "gtin", "summary", "url",
]


def csv(objects: list[dict[str, Any]]) -> bytes:
    rows = []
    for o in objects:
        r, d = o["record"], o["derived"]
        certs = r.get("certifications") or []
        last = certs[-1] if certs else {}
        rows.append({
            "id": o["id"], "name": r["name"], "name_en": r.get("name_en"), "group": r["group"],
            "product_set": r.get("product_set"), "district": r["district"], "district_name": d["district_name"],
            "commune": r.get("commune"), "commune_name": d["commune_name"], "producer": r["producer"]["name"],
            "producer_type": r["producer"]["type"], "status": d["status"], "stars": d["stars"],
            "last_stars": d["last_stars"], "valid_until": d["valid_until"], "decision": last.get("decision"),
            "decision_date": last.get("date"), "level": last.get("level"), "score": last.get("score"),
            "gtin": r.get("gtin"), "summary": r["summary"], "url": d["url"],
        })
    frame = pd.DataFrame(rows, columns=CSV_COLUMNS).map(csv_safe)
    for col in ("stars", "last_stars"):
        frame[col] = frame[col].astype("Int64")
    buf = io.StringIO()
    # UTF-8 with BOM so that Excel (what most departments open CSV with) shows tone marks correctly.
    frame.to_csv(buf, index=False, lineterminator="\n")
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
