"""schema.org structured data for a product page.

OCOP stars are an official certification, not consumer reviews, so they are a ``Certification``
(``hasCertification``) with ``certificationRating``, never an ``AggregateRating``.
"""

from __future__ import annotations

import json
from typing import Any

from ..validate import Catalogue, Entry
from . import urls


def product(entry: Entry, catalogue: Catalogue) -> dict[str, Any]:
    r, d = entry.record, entry.derived
    site = catalogue.config.site.url
    page = urls.absolute(site, urls.product(r.id))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "url": page,  # (no "@id" beside it: the same address twice on each of 40,000 pages)
        "name": r.name,
        "description": r.summary,
        "sku": r.id,
        "category": r.group,
        "manufacturer": {"@type": "Organization", "name": r.producer.name},
    }
    if r.gtin:
        data["gtin"] = r.gtin
    if r.images:
        data["image"] = [urls.absolute(site, urls.product_image(r.id, i.file)) for i in r.images]
    cert = d.shown
    if cert is not None:
        status = {"valid": "CertificationActive", "expiring": "CertificationActive"}.get(d.status, "CertificationInactive")
        data["hasCertification"] = {
            "@type": "Certification",
            "name": f"OCOP {cert.stars} sao",
            "certificationIdentification": cert.decision,  # Certification's own property (not "identifier")
            "issuedBy": {"@type": "Organization", "name": cert.issued_by or cert.level},
            "certificationRating": {"@type": "Rating", "ratingValue": cert.stars, "bestRating": 5, "worstRating": 3},
            "certificationStatus": f"https://schema.org/{status}",
            "validFrom": cert.date.isoformat(),
            "expires": d.valid_until.isoformat() if d.valid_until else None,
        }
    return data


def script_tag(data: dict[str, Any]) -> str:
    """A <script type="application/ld+json"> whose text cannot close the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # '<' escaped as \u003c means no '</script>' (or '<!--') can appear inside, whatever a record says.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
