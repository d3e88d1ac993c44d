"""`site_config.yml`: the province this catalogue publishes, its administrative units and settings.

Validated with the same loader and error model as product records. Records refer to districts and
communes by id; since 1 Jul 2025 Vietnam has no district level (Resolution 202/2025/QH15), so a
district may say what it is now part of, and pages show that note.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, PrivateAttr
from pydantic_core import PydanticCustomError

from .planschema import Plan
from .schema import SLUG_PATTERN, NonEmpty, Record, Text

Slug = Annotated[Text, Field(pattern=SLUG_PATTERN)]
Code = Annotated[Text, Field(pattern=r"^[A-Z0-9]{1,6}$")]


def _site_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment:
        raise PydanticCustomError("site_url", "The site address must look like https://ocop.example.gov.vn "
                                  "(optionally with a path), without ? or #.")
    return value.rstrip("/")


class Commune(Record):
    id: Slug = Field(description="Stable id used in records, lowercase without tone marks.", examples=["chieng-ban"])
    name: NonEmpty = Field(description="Vietnamese name.", examples=["Xã Chiềng Ban"])
    name_en: Text | None = Field(None, description="English name.")


class District(Record):
    id: Slug = Field(description="Stable id used in records and URLs (the folder under products/).",
                     examples=["mai-son"])
    name: NonEmpty = Field(description="Vietnamese name.", examples=["Huyện Mai Sơn"])
    name_en: Text | None = Field(None, description="English name.", examples=["Mai Son District"])
    code: Code | None = Field(None, description="Short code used in new product ids (SL-<code>-0001).",
                              examples=["MS"])
    now_part_of: Text | None = Field(None, description="Where the area belongs since the 2025 reorganisation.")
    communes: list[Commune] = Field(default_factory=list, description="Communes, wards and towns.")


class Province(Record):
    id: Slug = Field(description="Province id.", examples=["son-la"])
    name: NonEmpty = Field(description="Vietnamese name.", examples=["Tỉnh Sơn La"])
    name_en: Text | None = Field(None, description="English name.")
    code: Code = Field(description="Prefix of product ids.", examples=["SL"])


class Site(Record):
    name: NonEmpty = Field(description="Site title (Vietnamese).")
    name_en: Text | None = Field(None, description="Site title (English).")
    url: Annotated[Text, AfterValidator(_site_url)] = Field(
        description="Public address; QR codes encode <url>/p/<id>/ and must never change.",
        examples=["https://ocop.sonla.gov.vn"])
    description: Text | None = Field(None, description="One sentence for search engines (Vietnamese).")
    description_en: Text | None = Field(None, description="The same in English.")
    repo_url: Text | None = Field(None, description="Repository, for 'report a problem' and 'edit' links.")
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
