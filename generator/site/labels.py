"""Standalone pages that are not part of the Material layout: printable QR label sheets (one per
district, A4, three label sizes) and the GS1 Digital Link paths ``/01/<GTIN-14>/``.
"""

from __future__ import annotations

from jinja2 import Environment

from ..validate import Catalogue, Entry
from . import urls


def label_sheets(catalogue: Catalogue, env: Environment) -> dict[str, bytes]:
    template = env.get_template("labels.html")
    out: dict[str, bytes] = {}
    by_district: dict[str, list[Entry]] = {}
    for e in catalogue.entries:
        if e.derived.status != "withdrawn":
            by_district.setdefault(e.record.district, []).append(e)
    for d in catalogue.config.districts:
        path = urls.district_labels(d.id)
        items = [{"id": e.id, "name": e.record.name, "qr": urls.relative(path, urls.product_qr_svg(e.id))}
                 for e in by_district.get(d.id, [])]
        html = template.render(district=d, items=items, site=catalogue.config.site,
                               back=urls.relative(path, urls.district(d.id)))
        out[path + "index.html"] = html.encode()
    return out


def gtin_redirects(catalogue: Catalogue, env: Environment, only: set[str] | None = None) -> dict[str, bytes]:
    """The GS1 Digital Link page of each product with a GTIN (with ``only``: of those products)."""
    template = env.get_template("redirect.html")
    out: dict[str, bytes] = {}
    for e in catalogue.entries:
        if e.record.gtin and (only is None or e.id in only):
            path = urls.gtin_page(e.record.gtin)
            target = urls.absolute(catalogue.config.site.url, urls.product(e.id))
            html = template.render(target=target, relative=urls.relative(path, urls.product(e.id)), name=e.record.name)
            out[path + "index.html"] = html.encode()
    return out
