"""The record format, as written by data stewards: the single source of truth.

These models produce the validator (types, required fields, allowed values, formats), the JSON
Schema editors use (``schema/product.schema.json``) and the field reference in CONTRIBUTING.md
(see ``schemadocs``). The field names are a public contract (``../shared/design/records.md``):
add fields freely; never rename or remove one without a migration warning.

What the build *computes* from a record (status, current stars, URLs) is not here: see
``derive.py``. Rules that relate several fields (score bands, dates) are in ``grading.py``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, AfterValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from .yamlload import YamlFloat, YamlInt

# ---------------------------------------------------------------------------------------------
# Value types. Each carries its own plain-language error; messages never show Python types.


def _as_text(value: Any) -> Any:
    # A number typed where text is expected keeps exactly the characters the steward typed
    # ("0012", "3.10"); the validator separately warns that other YAML tools would read a number.
    if isinstance(value, (YamlInt, YamlFloat)):
        return value.raw
    return value


# Zero-width characters and bidirectional overrides make two different ids look identical or
# reverse text on screen ("Trojan Source"); nobody types them on purpose.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _visible(value: str) -> str:
    if _SUSPECT.search(value) is None:  # the common case, without a per-character loop
        return unicodedata.normalize("NFC", value)
    for index, c in enumerate(value):
        if _INVISIBLE.match(c) or (unicodedata.category(c) == "Cc" and c not in "\n\t"):
            kind = "a direction-changing" if "\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" else "an invisible"
            name = unicodedata.name(c, "CONTROL CHARACTER")
            raise PydanticCustomError(
                "invisible_chars", "The text contains {kind} character, U+{code} {name}.",
                {"kind": kind, "code": f"{ord(c):04X}", "name": name, "offset": index})
    return unicodedata.normalize("NFC", value)


Text = Annotated[str, BeforeValidator(_as_text), AfterValidator(_visible)]
NonEmpty = Annotated[Text, Field(min_length=1)]


def _as_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_invalid", "'{value}' is not a real calendar date.", {"value": value}) from None
    return _bad_date(value)


def _bad_date(value: Any) -> Any:
    raise PydanticCustomError("date_format", "A date is written YYYY-MM-DD, e.g. 2024-06-15.")


Date = Annotated[date, BeforeValidator(_as_date), Field(json_schema_extra={"type": "string", "format": "date"})]


def _https(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in value):
        raise PydanticCustomError(
            "https_only",
            "Links must start with https:// and contain no spaces; '{value}' does not.",
            {"value": value[:80]},
        )
    return value


HttpsUrl = Annotated[Text, AfterValidator(_https), Field(json_schema_extra={"format": "uri", "pattern": "^https://"})]


def _gtin(value: str) -> str:
    if not re.fullmatch(r"\d{8}|\d{12}|\d{13}|\d{14}", value):
        raise PydanticCustomError("gtin_format", "A GTIN is 8, 12, 13 or 14 digits (the number under the barcode).")
    digits = [int(c) for c in value]
    body, check = digits[:-1], digits[-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    expected = (10 - total % 10) % 10
    if expected != check:
        raise PydanticCustomError(
            "gtin_check",
            "The last digit of GTIN {value} should be {expected}: the number is mistyped.",
            {"value": value, "expected": expected},
        )
    return value


def _markdown(value: str) -> str:
    from .markdown import markdown_problems  # local: keeps the schema importable on its own

    problem = markdown_problems(value)
    if problem:
        kind, message, line = problem
        raise PydanticCustomError(kind, message, {"line": line} if line else None)
    return value


Markdown = Annotated[Text, AfterValidator(_markdown)]


def _stars(value: int) -> int:
    if value not in (3, 4, 5):
        raise PydanticCustomError(
            "stars_range", "Only 3, 4 or 5 stars receive an OCOP certificate; this says {value}.", {"value": value}
        )
    return value


Stars = Annotated[int, AfterValidator(_stars), Field(json_schema_extra={"enum": [3, 4, 5]})]
Percent = Annotated[float, Field(ge=0, le=100)]
Points = Annotated[float, Field(ge=0, le=100)]

GROUPS: dict[str, str] = {
    "food": "Thực phẩm",
    "beverages": "Đồ uống",
    "herbal": "Dược liệu và sản phẩm từ dược liệu",
    "handicrafts": "Hàng thủ công mỹ nghệ",
    "ornamental": "Sinh vật cảnh",
    "tourism": "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
}
PRODUCER_TYPES: dict[str, str] = {
    "cooperative": "Hợp tác xã (HTX)",
    "cooperative_group": "Tổ hợp tác",
    "enterprise": "Doanh nghiệp (công ty, DNTN)",
    "household": "Hộ kinh doanh / cơ sở sản xuất",
    "other": "Khác (hội, làng nghề, ban quản lý…)",
}
PLATFORMS = ("shopee", "lazada", "tiki", "sendo", "tiktok", "website", "other")

Group = Literal["food", "beverages", "herbal", "handicrafts", "ornamental", "tourism"]
ProducerType = Literal["cooperative", "cooperative_group", "enterprise", "household", "other"]
Platform = Literal["shopee", "lazada", "tiki", "sendo", "tiktok", "website", "other"]

ID_PATTERN = r"^[A-Z0-9]+(-[A-Z0-9]+)*$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Record(BaseModel):
    """Base of every part of a record: unknown fields are errors, types are not guessed."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# ---------------------------------------------------------------------------------------------
# The parts of a record. Each Field's description is what CONTRIBUTING.md prints; `examples`
# feed the commented template.


class Producer(Record):
    name: NonEmpty = Field(description="The OCOP subject (chủ thể) as on the certificate.",
                           examples=["HTX Nông nghiệp và Dịch vụ Chiềng Ban"])
    type: ProducerType = Field(description="cooperative (HTX), cooperative_group (Tổ hợp tác), enterprise "
                               "(công ty, DNTN), household (hộ kinh doanh, cơ sở sản xuất), other (hội, làng nghề…).",
                               examples=["cooperative"])
    address: Text | None = Field(None, description="Postal address shown on the page.",
                                 examples=["Bản Củ, xã Chiềng Ban, huyện Mai Sơn, tỉnh Sơn La"])
    phone: Text | None = Field(None, description="Phone number, in quotes.", examples=["0212 3845 678"])
    email: Annotated[Text, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = Field(
        None, description="Contact e-mail address.", examples=["lienhe@example.vn"],
        json_schema_extra={"x-format": "an e-mail address such as lienhe@htx.vn"})
    website: HttpsUrl | None = Field(None, description="Producer's website (https:// only).",
                                     examples=["https://example.vn"])


class Image(Record):
    file: Annotated[NonEmpty, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=80)] = Field(
        description="File name inside the product's own folder `products/<district>/<id>/` (.jpg, .png or "
        ".webp; letters, digits, '-', '_' and '.', no spaces or tone marks).", examples=["goi-500g.jpg"],
        json_schema_extra={"x-format": "a plain file name of letters a–z, digits, '-', '_' and '.', "
                           "e.g. goi-500g.jpg (no spaces, tone marks or folders)"})
    alt: NonEmpty = Field(description="What the photo shows, for people who cannot see it.",
                          examples=["Gói cà phê 500 g, nhãn màu nâu"])


class RawMaterial(Record):
    local_share: Percent | None = Field(None, description="Percent (0–100) of raw material from the locality.",
                                        examples=[90])
    source: Text | None = Field(None, description="Where the raw material comes from.",
                                examples=["Vùng cà phê Arabica xã Chiềng Ban"])
    area_code: Text | None = Field(None, description="Growing-area code (mã số vùng trồng), in quotes.",
                                   examples=["VN-SLMS-0012"])


class PointOfSale(Record):
    name: NonEmpty = Field(description="Shop or showroom name.", examples=["Điểm bán OCOP Sơn La"])
    address: Text | None = Field(None, description="Its address.", examples=["Số 1 đường Tô Hiệu, TP Sơn La"])


class Marketplace(Record):
    platform: Platform = Field(description="shopee, lazada, tiki, sendo, tiktok, website or other.",
                               examples=["shopee"])
    url: HttpsUrl = Field(description="Link to the listing (https:// only).",
                          examples=["https://shopee.vn/ca-phe-chieng-ban"])


class Sales(Record):
    modern_retail: bool | None = Field(None, description="true when sold through supermarkets or convenience chains.",
                                       examples=[True])
    points_of_sale: list[PointOfSale] = Field(default_factory=list, description="Shops that sell it: {name, address}.")
    marketplaces: list[Marketplace] = Field(default_factory=list, description="Online listings: {platform, url}.")


class Attributes(Record):
    green_value_chain: bool | None = Field(None, description="true when the subject runs a green / circular value "
                                           "chain with a stable raw-material area (a plan indicator).",
                                           examples=[True])
    craft_village: Text | None = Field(None, description="Craft village (làng nghề) or traditional craft.",
                                       examples=["Làng nghề dệt thổ cẩm bản Mòng"])


class Parts(Record):
    A: Points = Field(description="Part A points (max 35 under 1048/2019, 40 under 148/2023).", examples=[33])
    B: Points = Field(description="Part B points (max 25).", examples=[19])
    C: Points = Field(description="Part C points (max 40 under 1048/2019, 35 under 148/2023).", examples=[26.5])


class Revocation(Record):
    date: Date = Field(description="Date of the revocation decision.", examples=["2025-03-01"])
    decision: NonEmpty = Field(description="Number of the revocation decision.", examples=["321/QĐ-UBND"])
    reason: Text | None = Field(None, description="Why the certificate was withdrawn (thu hồi).",
                                examples=["Chủ thể ngừng sản xuất"])


class Certification(Record):
    level: Literal["district", "province", "national"] = Field(
        description="Who recognised it: district (UBND huyện), province (UBND tỉnh), national (the ministry).",
        examples=["province"])
    decision: NonEmpty = Field(description="Decision number, in quotes.", examples=["1693/QĐ-UBND"])
    date: Date = Field(description="Decision date, YYYY-MM-DD.", examples=["2024-06-15"])
    stars: Stars = Field(description="3, 4 or 5 (5 only at national level).", examples=[4])
    score: Points | None = Field(None, description="Council's average total, 0–100, decimals allowed; "
                                 "its band must match the stars.", examples=[78.5])
    parts: Parts | None = Field(None, description="Points of the three parts of the scoring sheet: {A, B, C}.")
    criteria: Literal["1048/2019", "148/2023"] | None = Field(
        None, description="Scoring criteria: 1048/2019 or 148/2023; default from the date "
        "(before 2023-02-24 → 1048/2019).", examples=["148/2023"])
    valid_until: Date | None = Field(None, description="End of validity; default date + 36 months.",
                                     examples=["2027-06-15"])
    kind: Literal["new", "re-evaluation", "upgrade"] | None = Field(
        None, description="new, re-evaluation (đánh giá lại / tái công nhận) or upgrade (nâng hạng).",
        examples=["new"])
    issued_by: Text | None = Field(None, description="Authority that issued it.", examples=["UBND tỉnh Sơn La"])
    source: HttpsUrl | None = Field(None, description="https:// link to the published decision or list.",
                                    examples=["https://sonla.gov.vn/van-ban/1693-qd-ubnd"])
    revoked: Revocation | None = Field(None, description="Set when the certificate was withdrawn: "
                                       "{date, decision, reason}. Never delete a revoked certificate.")


class Withdrawal(Record):
    date: Date = Field(description="When the product left the catalogue.", examples=["2026-01-10"])
    reason: NonEmpty = Field(description="Why, in one sentence shown on the product page.",
                             examples=["Cơ sở ngừng sản xuất sản phẩm này"])


class Product(Record):
    """One OCOP product: `products/<district>/<id>.yml`."""

    id: Annotated[Text, Field(pattern=ID_PATTERN, max_length=24)] = Field(
        description="Permanent catalogue code: capital letters, digits and single hyphens, at most 24 "
        "characters. Never reused, never changed: it is printed in every QR code.",
        examples=["SL-MS-0012"],
        json_schema_extra={"x-format": "capital letters A–Z, digits 0–9 and single hyphens, e.g. SL-MC-0012"})
    name: Annotated[NonEmpty, Field(max_length=200)] = Field(
        description="Product name as on the certificate (Vietnamese, with tone marks).",
        examples=["Cà phê Arabica rang xay Chiềng Ban"])
    name_en: Text | None = Field(None, description="English name for visitors.",
                                 examples=["Chieng Ban roasted ground Arabica coffee"])
    group: Group = Field(description="One of the six OCOP groups: food, beverages, herbal, handicrafts, "
                         "ornamental, tourism.", examples=["food"])
    product_set: Text | None = Field(None, description="The finer 'bộ sản phẩm', from the vocabulary in "
                                     "generator/data/product_sets.yml.", examples=["Cà phê, ca cao"])
    district: Annotated[Text, Field(pattern=SLUG_PATTERN)] = Field(
        description="Id of a district in site_config.yml, as on the certificate; equals the folder name.",
        examples=["mai-son"], json_schema_extra={"x-format": "a district id from site_config.yml, e.g. mai-son"})
    commune: Annotated[Text, Field(pattern=SLUG_PATTERN)] | None = Field(
        None, description="Id of a commune of that district in site_config.yml.", examples=["chieng-ban"],
        json_schema_extra={"x-format": "a commune id from site_config.yml, e.g. chieng-ban"})
    producer: Producer = Field(description="Who makes it: {name, type, address, phone, email, website}.")
    gtin: Annotated[Text, AfterValidator(_gtin)] | None = Field(None, description="GTIN-8/12/13/14 barcode number, in quotes; the check digit "
                              "is verified.", examples=["8936012345674"])
    summary: Annotated[NonEmpty, Field(max_length=200)] = Field(
        description="One sentence, at most 200 characters, shown in listings and search results.",
        examples=["Cà phê Arabica trồng ở độ cao 1.000 m, rang mộc, hương thơm đậm."])
    summary_en: Annotated[Text, Field(max_length=200)] | None = Field(
        None, description="The summary in English.", examples=["Arabica grown at 1,000 m, roasted without additives."])
    description: Markdown | None = Field(None, description="Longer text in Markdown (no raw HTML, links https:// "
                                         "only, no embedded images: use `images`).")
    description_en: Markdown | None = Field(None, description="The description in English (Markdown).")
    images: list[Image] = Field(default_factory=list, description="Photos: list of {file, alt}; alt is required.")
    raw_material: RawMaterial | None = Field(None, description="Origin of the raw material: {local_share, source, "
                                             "area_code}.")
    standards: list[NonEmpty] = Field(default_factory=list, description="Standards applied: VietGAP, HACCP, "
                                      "ISO 22000, TCCS 01:2023/HTX…", examples=[["VietGAP", "HACCP"]])
    sales: Sales | None = Field(None, description="Where to buy: {modern_retail, points_of_sale, marketplaces}.")
    attributes: Attributes | None = Field(None, description="Plan indicators: {green_value_chain, craft_village}.")
    certifications: list[Certification] = Field(
        description="The grading history, oldest first. Empty list ([]) for a product in the programme "
        "that is not yet rated.")
    withdrawn: Withdrawal | None = Field(None, description="Set when the product leaves the catalogue: "
                                         "{date, reason}. The record (and its page) stays; never delete it.")
