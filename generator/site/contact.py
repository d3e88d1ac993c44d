"""How a visitor checks that a page is the catalogue's own and reports a product: the official
address, the "Report this product" link with the product filled in, and the contact block of the
report page (``contact:`` in site_config.yml, every item optional).

Every value here was checked by config.py for its kind (an https address, an e-mail address, a
phone number); links are still built with percent-encoding and printed through escaping.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import escape

from ..config import SiteConfig
from . import urls
from .strings import t


def tel(phone: str) -> str:
    """A phone number as a tel: link wants it: digits and a leading +."""
    return "".join(c for c in phone if c.isdigit() or c == "+")


def report_link(config: SiteConfig, pid: str, page_url: str, lang: str) -> dict[str, Any]:
    """Where "Report this product" leads: the form with the id and page filled in, else an e-mail
    with them in the subject and body, else the report page. ``external`` is False for a site path."""
    contact = config.contact
    if contact.form:
        query = urlencode({contact.form_fields.id: pid, contact.form_fields.page: page_url})
        href, external = f"{contact.form}?{query}", True
    elif contact.email:
        # RFC 6068: line breaks in a mailto body are written %0D%0A; ':' may stay as it is. Short:
        # the subject names the product, the body holds its page and room to write (on every
        # product page of both languages, 40,000 at national scale, a sentence costs 0.5 KB each).
        body = t(lang, "report_body", id=pid, url=page_url).replace("\n", "\r\n")
        href = (f"mailto:{contact.email}?subject={quote(t(lang, 'report_subject', id=pid), safe='')}"
                f"&body={quote(body, safe=':')}")
        external = True
    else:
        href, external = urls.in_lang(lang, urls.report_page()), False
    return {"href": href, "external": external, "phone": contact.phone, "tel": tel(contact.phone or ""),
            "zalo": contact.zalo}


def official_block(config: SiteConfig, lang: str) -> str:
    """For the QR help page: the address every product page starts with."""
    return (f'<p class="ocop-official">{escape(t(lang, "official_site"))}: '
            f'<strong class="ocop-url" translate="no">{escape(config.site.url)}/</strong></p>')


def contact_block(config: SiteConfig, lang: str) -> str:
    """For the report page: who receives reports and every way to reach them ("" when none is set)."""
    c = config.contact
    name = (c.name_en or c.name) if lang == "en" else c.name
    items = []
    if c.form:
        items.append((t(lang, "report_form"), c.form, c.form.removeprefix("https://")))
    if c.email:
        items.append((t(lang, "email"), f"mailto:{c.email}", c.email))
    if c.phone:
        items.append((t(lang, "phone"), f"tel:{tel(c.phone)}", c.phone))
    if c.zalo:
        items.append(("Zalo", c.zalo, c.zalo.removeprefix("https://")))
    if not items and not name:
        return ""
    lines = [f'<li>{escape(label)}: <a href="{escape(href)}" translate="no">{escape(text)}</a></li>'
             for label, href, text in items]
    # A Vietnamese name on an English page (no name_en) is marked as such for screen readers.
    name_lang = "en" if lang == "en" and c.name_en else "vi"
    head = f'<p><strong lang="{name_lang}">{escape(name)}</strong></p>\n' if name else ""
    listed = "<ul>\n" + "\n".join(lines) + "\n</ul>\n" if lines else ""
    return f'<div class="ocop-contact">\n{head}{listed}</div>'


def handwritten_blocks(config: SiteConfig, lang: str) -> dict[str, str]:
    """What the build puts in place of `<!-- ocop:NAME -->` in hand-written pages (catalogue/)."""
    return {"official-address": official_block(config, lang), "contact": contact_block(config, lang)}
