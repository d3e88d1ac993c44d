"""Open data: the whole catalogue as JSON and CSV, one JSON per product (the manifest of published
ids is made by generator/permanence.py).

Each product object is the record exactly as the steward wrote it (``record``) plus a ``derived``
block computed for the build date (see ``generator/derive.py`` for the meaning of each field).
"""

from __future__ import annotations

import csv as _csv
import functools
import io
import json
from collections.abc import Callable
from typing import Any

from ..cells import csv_safe
from ..validate import Catalogue, Entry
from . import placeview, urls
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
            **placeview.open_data(catalogue, entry),  # today's place and the certificate's, with official codes
            "url": urls.absolute(site, urls.product(entry.id)),
            "qr_svg": urls.absolute(site, urls.product_qr_svg(entry.id)),
            "badge": urls.absolute(site, urls.product_badge(entry.id)),
        },
    }


def dumps(obj: Any) -> str:
    # Compact: Python's C encoder only runs without `indent` (10x faster for 20,000 files), and
    # the files are smaller. Anyone reading them by eye has a browser that pretty-prints JSON.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def product_parts(entry: Entry, catalogue: Catalogue) -> tuple[str, list[Any]]:
    """A product's open data: its JSON object as text, and its row of the CSV file."""
    obj = product_object(entry, catalogue)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")), csv_row(obj)


def files(catalogue: Catalogue, only: set[str] | None = None,
          parts: Callable[[Entry], tuple[str, list[Any]]] | None = None) -> dict[str, bytes]:
    """The open data: the catalogue as JSON and CSV, and one JSON file per product
    (with ``only``, just those products' own files; the catalogue-wide ones always). ``parts``
    gives a product's JSON and CSV row (``product_parts``, or remembered ones)."""
    made = [(e.id, *(parts or functools.partial(product_parts, catalogue=catalogue))(e)) for e in catalogue.entries]
    out: dict[str, bytes] = {
        urls.product_json(pid): (text + "\n").encode() for pid, text, _ in made if only is None or pid in only
    }
    # The whole catalogue is the products' own JSON texts joined: what dumps() of one object holding
    # them all would write, without encoding 20,000 objects a second time.
    head = dumps({"format_version": FORMAT_VERSION, "site": catalogue.config.site.url,
                  "as_of": catalogue.today.isoformat(), "count": len(made)})
    out[urls.products_json()] = (head.rstrip("\n")[:-1] + ',"products":[' + ",".join(text for _, text, _ in made)
                                 + "]}\n").encode()
    out[urls.products_csv()] = csv_text([row for _, _, row in made])
    return out


CSV_COLUMNS = [
    "id", "name", "name_en", "group", "product_set", "district", "district_name", "commune", "commune_name",
    "producer", "producer_type", "status", "stars", "last_stars", "valid_until", "decision", "decision_date",
    "level", "score", "gtin", "summary", "url", "ward_code", "ward", "province_code",
]


def csv_row(o: dict[str, Any]) -> list[Any]:
    r, d = o["record"], o["derived"]
    certs = r.get("certifications") or []
    last = certs[-1] if certs else {}
    row = {
        "id": o["id"], "name": r["name"], "name_en": r.get("name_en"), "group": r["group"],
        "product_set": r.get("product_set"), "district": r.get("district"), "district_name": d["district_name"],
        "commune": r.get("commune"), "commune_name": d["commune_name"], "producer": r["producer"]["name"],
        "producer_type": r["producer"]["type"], "status": d["status"], "stars": d["stars"],
        "last_stars": d["last_stars"], "valid_until": d["valid_until"], "decision": last.get("decision"),
        "decision_date": last.get("date"), "level": last.get("level"), "score": last.get("score"),
        "gtin": r.get("gtin"), "summary": r["summary"], "url": d["url"],
        **{k: (d.get("today") or {}).get(k) for k in ("ward_code", "ward", "province_code")},
    }
    return [csv_safe(row[c]) for c in CSV_COLUMNS]


def csv_text(rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    out = _csv.writer(buf, lineterminator="\n")
    out.writerow(CSV_COLUMNS)
    out.writerows(rows)
    # UTF-8 with BOM so that Excel (what most departments open CSV with) shows tone marks correctly.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
