"""`site_config.yml`: the province this catalogue publishes, its administrative units and settings.

Validated with the same loader and error model as product records. Records refer to districts and
communes by id; since 1 Jul 2025 Vietnam has no district level (Resolution 202/2025/QH15), so a
district may say what it is now part of, and pages show that note.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PrivateAttr
from pydantic_core import PydanticCustomError

from .planschema import Plan
from .plaintext import Plain, PlainNonEmpty
from .schema import SLUG_PATTERN, Record, Text

Slug = Annotated[Text, Field(pattern=SLUG_PATTERN)]
Code = Annotated[Text, Field(pattern=r"^[A-Z0-9]{1,6}$")]

# A web address this catalogue prints into every page (canonical links, Open Graph, hreflang),
# encodes into every QR code and draws on every share card: so it is checked for its kind, not
# just parsed. A host name (a Vietnamese domain in its xn-- form), an optional port and an
# optional path of URL-safe characters; nothing that could end an HTML attribute or a URL early.
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?", re.I)
_PATH = re.compile(r"(?:/[A-Za-z0-9._~%-]*)*")
_FORBIDDEN = {'"': "a double quote", "'": "a single quote", "<": "'<'", ">": "'>'", "\\": "a backslash",
              "`": "a backquote", "{": "'{'", "}": "'}'", "|": "'|'", "^": "'^'"}


def _address_problem(value: str) -> tuple[str, int] | None:
    """What is wrong with ``value`` as the https address of a site, in words, and where (the
    offset in ``value``); None when nothing."""
    for i, c in enumerate(value):
        if c in _FORBIDDEN:
            return f"it contains {_FORBIDDEN[c]}, which no web address has", i
        if c.isspace() or not c.isprintable():
            return f"it contains a space or an invisible character (U+{ord(c):04X})", i
    if not value.lower().startswith("https://"):
        return "it must start with https://", 0
    for mark in "?#":
        if mark in value:
            return "it must not contain ? or #", value.index(mark)
    authority, slash, path = value[len("https://"):].partition("/")
    if "@" in authority:
        return "it must not contain a user name (the part before @)", len("https://")
    host, colon, port = authority.partition(":")
    if not _HOST.fullmatch(host) or len(host) > 253:
        return ("its host must be a domain name such as ocop.sonla.gov.vn (letters a-z, digits, hyphens and dots; "
                "a Vietnamese domain in its xn-- form)"), len("https://")
    if colon and not (port.isdigit() and 0 < int(port) < 65536):
        return "its port (after ':') must be a number", len("https://") + len(host)
    if not _PATH.fullmatch(slash + path):
        return "its path may only contain letters a-z, digits and - . _ ~ % /", len("https://") + len(authority)
    return None


def _checked_address(value: str, what: str, example: str) -> str:
    found = _address_problem(value)
    if found is not None:
        problem, offset = found
        raise PydanticCustomError("site_url", "The {what} is not usable: {problem}.",
                                  {"what": what, "problem": problem, "offset": offset,
                                   "hint": f"Write it like {example}."})
    return value.rstrip("/")


def _site_url(value: str) -> str:
    return _checked_address(value, "site address",
                            "https://ocop.sonla.gov.vn (optionally with a path: https://sonla.gov.vn/ocop)")


def _repo_url(value: str) -> str:
    return _checked_address(value, "repository address", "https://github.com/sonla/ocop-catalogue")


class Commune(Record):
    id: Slug = Field(description="Stable id used in records, lowercase without tone marks.", examples=["chieng-ban"])
    name: PlainNonEmpty = Field(description="Vietnamese name.", examples=["Xã Chiềng Ban"])
    name_en: Plain | None = Field(None, description="English name.")


class District(Record):
    id: Slug = Field(description="Stable id used in records and URLs (the folder under products/).",
                     examples=["mai-son"])
    name: PlainNonEmpty = Field(description="Vietnamese name.", examples=["Huyện Mai Sơn"])
    name_en: Plain | None = Field(None, description="English name.", examples=["Mai Son District"])
    code: Code | None = Field(None, description="Short code used in new product ids (SL-<code>-0001).",
                              examples=["MS"])
    now_part_of: Plain | None = Field(None, description="Where the area belongs since the 2025 reorganisation.")
    communes: list[Commune] = Field(default_factory=list, description="Communes, wards and towns.")


class Province(Record):
    id: Slug = Field(description="Province id.", examples=["son-la"])
    name: PlainNonEmpty = Field(description="Vietnamese name.", examples=["Tỉnh Sơn La"])
    name_en: Plain | None = Field(None, description="English name.")
    code: Code = Field(description="Prefix of product ids.", examples=["SL"])


class Site(Record):
    name: PlainNonEmpty = Field(description="Site title (Vietnamese).")
    name_en: Plain | None = Field(None, description="Site title (English).")
    url: Annotated[Text, AfterValidator(_site_url)] = Field(
        description="Public https address; QR codes encode <url>/p/<id>/ and must never change.",
        examples=["https://ocop.sonla.gov.vn"])
    description: Plain | None = Field(None, description="One sentence for search engines (Vietnamese).")
    description_en: Plain | None = Field(None, description="The same in English.")
    repo_url: Annotated[Text, AfterValidator(_repo_url)] | None = Field(
        None, description="Repository (https), for 'report a problem' and 'edit' links.")
    sample_data: bool = Field(False, description="true while the records are fictional samples: every page says so.")
    share_image: Literal["card", "photo"] = Field(
        "card", description="The picture shown when a product link is shared (Open Graph): `card`, a 1200×630 "
        "card drawn for each product with its name, stars and status; or `photo`, the product's first photo "
        "(a card for the whole site when it has none). Cards cost about 2 ms of CPU per product to draw, "
        "some 40 s of CPU at national scale on a cold build.")


class QrSettings(Record):
    error_correction: Literal["L", "M", "Q", "H"] = Field("M", description="QR error correction level.")


class SiteConfig(Record):
    site: Site
    province: Province
    districts: list[District] = Field(min_length=1)
    qr: QrSettings = Field(default_factory=QrSettings)
    plan: Plan | None = Field(None, description="The OCOP plan whose targets the plan page tracks.")

    _by_id: dict[str, District] = PrivateAttr(default_factory=dict)

    def model_post_init(self, __context: object) -> None:
        self._by_id = {d.id: d for d in self.districts}

    def district(self, district_id: str) -> District | None:
        return self._by_id.get(district_id)
