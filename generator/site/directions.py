"""Directions links: how a visitor gets to the producer or a shop from where they stand.

Google Maps URLs (``https://www.google.com/maps/dir/?api=1&destination=…``, documented, no key):
on an Android phone they open the Maps app when it is there (it is on almost every one) and the
Maps web page in the browser when it is not, both starting from the phone's own location. A
``geo:`` address does nothing without an app that claims it, and OpenStreetMap's directions page
asks the visitor to type where they start from.

The producer is reached through the coordinates of today's ward or commune (its centre, from the
official list, placing.py), named in the link's words so nobody expects a door; a shop, which has
only an address, through that address as a search (with the province when the address leaves it out).
"""

from __future__ import annotations

from urllib.parse import quote

from ..places import fold

BASE = "https://www.google.com/maps/dir/?api=1&destination="


def to_point(lat: float, lon: float) -> str:
    return f"{BASE}{lat:.5f}%2C{lon:.5f}"


def to_address(address: str, province: str = "") -> str:
    """Directions to a written address; ``province`` ("Tỉnh Sơn La") is added unless already in it."""
    bare = province.split(" ", 1)[1] if province.startswith(("Tỉnh ", "Thành phố ")) else province
    query = address if not bare or fold(bare) in fold(address) else f"{address}, {bare}"
    return BASE + quote(query, safe="")
