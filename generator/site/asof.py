"""The one thing a product's page and open data say about the day they were made: "as of".

Everything else on them depends on the record and on what the day makes of it (status, stars),
not on the day itself, so a page made on an earlier day with the same status is the same page
but for its "as of" date. The build keeps such pages (``build.state_keys``) and puts today's date
in, here, instead of making them again: on the publish path (a new day every morning), that is
what spares the pages of the whole catalogue being rendered again.

The patterns only match our own markup: text from records reaches pages escaped (no ``"`` or
``<``), descriptions lose every tag and attribute but Markdown's (markdown.py), and open data is
JSON, where a quote inside a string is ``\\"``.
"""

from __future__ import annotations

import re
from datetime import date

from .strings import fmt_date

# theme/ocop/product.html: the verification panel's data-as-of and its "as of" <time>
_PANEL = re.compile(r'data-as-of="\d{4}-\d\d-\d\d"')
_TIME = re.compile(r'<time class="ocop-asof" datetime="\d{4}-\d\d-\d\d">[^<]*</time>')
# api.product_object: "derived" comes after "record", and opens with "as_of"
_JSON = ',"derived":{"as_of":"'


def page(html: str, day: date, lang: str) -> str:
    """A product page's HTML with ``day`` as its "as of" date, in ``lang``'s words."""
    iso = day.isoformat()
    html = _PANEL.sub(f'data-as-of="{iso}"', html, count=1)
    return _TIME.sub(f'<time class="ocop-asof" datetime="{iso}">{fmt_date(day, lang)}</time>', html, count=1)


def product_json(text: str, day: date) -> str:
    """A product's open-data JSON text (api.product_parts) with ``day`` as its ``as_of``."""
    at = text.rfind(_JSON)
    if at < 0:
        raise ValueError("a product's open data without its as_of")
    start = at + len(_JSON)
    return text[:start] + day.isoformat() + text[start + 10:]
