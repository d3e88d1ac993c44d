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

from .chars import describe, hidden_at
from .messages import refused, said
from .yamlload import YamlFloat, YamlInt

# ---------------------------------------------------------------------------------------------
# Value types. Each carries its own plain-language error; messages never show Python types.


def _as_text(value: Any) -> Any:
    # A number typed where text is expected keeps exactly the characters the steward typed
    # ("0012", "3.10"); the validator separately warns that other YAML tools would read a number.
    if isinstance(value, (YamlInt, YamlFloat)):
        return value.raw
    return value


def _visible(value: str) -> str:
    # Zero-width characters, bidirectional overrides and the like make two different texts look
    # identical or reverse text on screen ("Trojan Source"); nobody types them on purpose. Which
    # ones: a rule by Unicode category and property, in chars.py.
    index = hidden_at(value)
    if index is not None:
        kind, name = describe(value[index])
        raise refused("E209.hidden", kind=said(kind), name=name, offset=index)
    return unicodedata.normalize("NFC", value)


Text = Annotated[str, BeforeValidator(_as_text), AfterValidator(_visible)]
NonEmpty = Annotated[Text, Field(min_length=1)]


# Dates a record can sensibly hold: OCOP began in 2018, and a certificate ends 36 months after
# its decision. The window also keeps date arithmetic (validity, plan months) inside the calendar
# and bounded: a typo such as 9999-06-15 or 0001-01-01 is an error, not a traceback or a long loop.
FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(2100, 12, 31)


def _as_date(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise refused("E204.date_invalid", value=value) from None
    if not isinstance(value, date):
        return _bad_date(value)
    if not FIRST_DATE <= value <= LAST_DATE:
        raise refused("E205.date_range", value=value.isoformat(), first=FIRST_DATE.isoformat(), last=LAST_DATE.isoformat())
    return value


def _bad_date(value: Any) -> Any:
    # Echo what was typed, and the date it most likely means (day first, as Vietnam writes dates).
    typed = value.raw if isinstance(value, (YamlInt, YamlFloat)) else value if isinstance(value, str) else None
    if typed is None or not typed.strip():
        raise refused("E204.date_format")
    iso = likely_date(typed)
    if iso is not None:
        raise refused("E204.date_converted", value=typed[:40], iso=iso)
    raise refused("E204.date_typed", value=typed[:40])


def likely_date(typed: str) -> str | None:
    """The YYYY-MM-DD date a steward most likely meant by ``typed`` (10/10/2024, 1.2.2024,
    2024/10/10; day first, as dates are written in Vietnam), or None."""
    found = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", typed)
    if found:
        day, month, year = (int(x) for x in found.groups())
        orders = ((year, month, day), (year, day, month))  # day first; month first if that is no date
    else:
        found = re.fullmatch(r"\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s*", typed)
        if not found:
            return None
        orders = (tuple(int(x) for x in found.groups()),)  # type: ignore[assignment]
    for y, m, d in orders:
        try:
            day = date(y, m, d)
        except ValueError:
            continue
        if FIRST_DATE <= day <= LAST_DATE:
            return day.isoformat()
    return None


Date = Annotated[date, BeforeValidator(_as_date), Field(json_schema_extra={"type": "string", "format": "date"})]


def _https(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in value):
        raise refused("E206.https", value=value[:80])
    return value


HttpsUrl = Annotated[Text, AfterValidator(_https), Field(json_schema_extra={"format": "uri", "pattern": "^https://"})]


def _gtin(value: str) -> str:
    if not re.fullmatch(r"\d{8}|\d{12}|\d{13}|\d{14}", value):
        raise refused("E204.gtin")
    digits = [int(c) for c in value]
    body, check = digits[:-1], digits[-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    expected = (10 - total % 10) % 10
    if expected != check:
        raise refused("E208.gtin_check", value=value, expected=expected)
    return value


def _markdown(value: str) -> str:
    from .markdown import markdown_problems  # local: keeps the schema importable on its own

    problem = markdown_problems(value)
    if problem:
        key, values, line = problem
        raise refused(key, **values, **({"line": line} if line else {}))
    return value


Markdown = Annotated[Text, AfterValidator(_markdown)]


def _stars(value: int) -> int:
    if value not in (3, 4, 5):
        raise refused("E304.stars", value=value)
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
                           json_schema_extra={"description_vi": "Chủ thể OCOP, ghi đúng như trên giấy chứng nhận."},
                           examples=["HTX Nông nghiệp và Dịch vụ Chiềng Ban"])
    type: ProducerType = Field(description="cooperative (HTX), cooperative_group (Tổ hợp tác), enterprise "
                               "(công ty, DNTN), household (hộ kinh doanh, cơ sở sản xuất), other (hội, làng nghề…).",
                               json_schema_extra={"description_vi": "Loại hình chủ thể: cooperative (hợp tác xã, "
                                                                    "HTX), cooperative_group (tổ hợp tác), enterprise "
                                                                    "(công ty, DNTN), household (hộ kinh doanh, cơ sở "
                                                                    "sản xuất), other (hội, làng nghề…)."},
                               examples=["cooperative"])
    address: Text | None = Field(None, description="Postal address shown on the page.",
                                 json_schema_extra={"description_vi": "Địa chỉ liên hệ, hiển thị trên trang sản phẩm."},
                                 examples=["Bản Củ, xã Chiềng Ban, huyện Mai Sơn, tỉnh Sơn La"])
    phone: Text | None = Field(None, description="Phone number, in quotes.",
                               json_schema_extra={"description_vi": "Số điện thoại, đặt trong dấu ngoặc kép."},
                               examples=["0212 3845 678"])
    email: Annotated[Text, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = Field(
        None, description="Contact e-mail address.", examples=["lienhe@example.vn"],
        json_schema_extra={"description_vi": "Địa chỉ thư điện tử để liên hệ.",
                           "x-format": "an e-mail address such as lienhe@htx.vn",
                           "x-format-vi": "một địa chỉ thư điện tử như lienhe@htx.vn"})
    website: HttpsUrl | None = Field(None, description="Producer's website (https:// only).",
                                     json_schema_extra={"description_vi": "Trang web của chủ thể (chỉ nhận địa chỉ "
                                                                          "https://)."},
                                     examples=["https://example.vn"])


class Image(Record):
    file: Annotated[NonEmpty, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=80)] = Field(
        description="File name inside the product's own folder `products/<district>/<id>/` (.jpg, .png or "
        ".webp; letters, digits, '-', '_' and '.', no spaces or tone marks).", examples=["goi-500g.jpg"],
        json_schema_extra={"description_vi": "Tên tệp ảnh trong thư mục riêng của sản phẩm `products/<huyện>/<mã>/` "
                                             "(.jpg, .png hoặc .webp; chỉ gồm chữ cái không dấu, chữ số, '-', '_' và "
                                             "'.', không có dấu cách).",
                           "x-format": "a plain file name of letters a–z, digits, '-', '_' and '.', "
                           "e.g. goi-500g.jpg (no spaces, tone marks or folders)",
                           "x-format-vi": "một tên tệp chỉ gồm chữ a–z, chữ số, '-', '_' và '.', ví dụ goi-500g.jpg "
                           "(không có dấu cách, dấu thanh hay thư mục)"})
    alt: NonEmpty = Field(description="What the photo shows, for people who cannot see it.",
                          json_schema_extra={"description_vi": "Mô tả ảnh, dành cho người không nhìn thấy ảnh."},
                          examples=["Gói cà phê 500 g, nhãn màu nâu"])
    # Additive: a photo of the label or the pack lets a shopper compare the item in hand with the
    # record (what a QR code on a fake pack cannot copy); the product page shows it first.
    kind: Literal["label", "packaging", "product"] | None = Field(
        None, description="What the photo is of: `label` (the printed label, close up), `packaging` (the whole "
        "pack as sold) or `product` (the default). Label and packaging photos are shown first, for shoppers to "
        "compare with the pack in their hands.", examples=["packaging"],
        json_schema_extra={"description_vi": "Ảnh chụp gì: `label` (nhãn in trên bao bì, chụp gần), `packaging` "
                                             "(cả bao bì như khi bán) hoặc `product` (mặc định). Ảnh nhãn và bao bì "
                                             "được hiện trước để người mua so với sản phẩm đang cầm trên tay."})


class RawMaterial(Record):
    local_share: Percent | None = Field(None, description="Percent (0–100) of raw material from the locality.",
                                        json_schema_extra={"description_vi": "Tỷ lệ phần trăm (0–100) nguyên liệu lấy "
                                                                             "tại địa phương."},
                                        examples=[90])
    source: Text | None = Field(None, description="Where the raw material comes from.",
                                json_schema_extra={"description_vi": "Nguồn gốc, vùng nguyên liệu."},
                                examples=["Vùng cà phê Arabica xã Chiềng Ban"])
    area_code: Text | None = Field(None, description="Growing-area code (mã số vùng trồng), in quotes.",
                                   json_schema_extra={"description_vi": "Mã số vùng trồng, đặt trong dấu ngoặc kép."},
                                   examples=["VN-SLMS-0012"])


class PointOfSale(Record):
    name: NonEmpty = Field(description="Shop or showroom name.",
                           json_schema_extra={"description_vi": "Tên cửa hàng, điểm bán hoặc điểm giới thiệu sản "
                                                                "phẩm."},
                           examples=["Điểm bán OCOP Sơn La"])
    address: Text | None = Field(None, description="Its address.",
                                 json_schema_extra={"description_vi": "Địa chỉ điểm bán."},
                                 examples=["Số 1 đường Tô Hiệu, TP Sơn La"])


class Marketplace(Record):
    platform: Platform = Field(description="shopee, lazada, tiki, sendo, tiktok, website or other.",
                               json_schema_extra={"description_vi": "Sàn thương mại điện tử: shopee, lazada, tiki, "
                                                                    "sendo, tiktok, website hoặc other (khác)."},
                               examples=["shopee"])
    url: HttpsUrl = Field(description="Link to the listing (https:// only).",
                          json_schema_extra={"description_vi": "Đường dẫn tới gian hàng (chỉ nhận địa chỉ https://)."},
                          examples=["https://shopee.vn/ca-phe-chieng-ban"])
    shop: NonEmpty | None = Field(None, description="The shop's name on that platform, as buyers see it there; the "
                                  "page names the link by it (\"Shopee: Cà phê Chiềng Ban Xanh\").",
                                  examples=["Cà phê Chiềng Ban Xanh"],
                                  json_schema_extra={"description_vi": "Tên gian hàng trên sàn đó, đúng như người mua "
                                                                       "thấy; trang sản phẩm ghi liên kết bằng tên này "
                                                                       "(\"Shopee: Cà phê Chiềng Ban Xanh\")."})


class Sales(Record):
    modern_retail: bool | None = Field(None, description="true when sold through supermarkets or convenience chains.",
                                       json_schema_extra={"description_vi": "true khi sản phẩm được bán tại siêu thị "
                                                                            "hoặc chuỗi cửa hàng tiện lợi."},
                                       examples=[True])
    points_of_sale: list[PointOfSale] = Field(default_factory=list, description="Shops that sell it: {name, address}.",
                                              json_schema_extra={"description_vi": "Các điểm bán: {name, address}."})
    marketplaces: list[Marketplace] = Field(default_factory=list, description="Online listings: {platform, url}.",
                                            json_schema_extra={"description_vi": "Các gian hàng trực tuyến: "
                                                                                 "{platform, url}."})


class Attributes(Record):
    green_value_chain: bool | None = Field(None, description="true when the subject runs a green / circular value "
                                           "chain with a stable raw-material area (a plan indicator).",
                                           json_schema_extra={"description_vi": "true khi chủ thể tổ chức chuỗi giá "
                                                                                "trị xanh, tuần hoàn, có vùng nguyên "
                                                                                "liệu ổn định (một chỉ tiêu của kế "
                                                                                "hoạch)."},
                                           examples=[True])
    craft_village: Text | None = Field(None, description="Craft village (làng nghề) or traditional craft.",
                                       json_schema_extra={"description_vi": "Làng nghề hoặc nghề truyền thống gắn với "
                                                                            "sản phẩm."},
                                       examples=["Làng nghề dệt thổ cẩm bản Mòng"])


class Parts(Record):
    A: Points = Field(description="Part A points (max 35 under 1048/2019, 40 under 148/2023).",
                      json_schema_extra={"description_vi": "Điểm Phần A của phiếu đánh giá (tối đa 35 theo Quyết định "
                                                           "1048/2019, 40 theo Quyết định 148/2023)."},
                      examples=[33])
    B: Points = Field(description="Part B points (max 25).",
                      json_schema_extra={"description_vi": "Điểm Phần B (tối đa 25)."},
                      examples=[19])
    C: Points = Field(description="Part C points (max 40 under 1048/2019, 35 under 148/2023).",
                      json_schema_extra={"description_vi": "Điểm Phần C (tối đa 40 theo Quyết định 1048/2019, 35 theo "
                                                           "Quyết định 148/2023)."},
                      examples=[26.5])


class Revocation(Record):
    date: Date = Field(description="Date of the revocation decision.",
                       json_schema_extra={"description_vi": "Ngày ký quyết định thu hồi."},
                       examples=["2025-03-01"])
    decision: NonEmpty = Field(description="Number of the revocation decision.",
                               json_schema_extra={"description_vi": "Số quyết định thu hồi."},
                               examples=["321/QĐ-UBND"])
    reason: Text | None = Field(None, description="Why the certificate was withdrawn (thu hồi).",
                                json_schema_extra={"description_vi": "Lý do thu hồi giấy chứng nhận."},
                                examples=["Chủ thể ngừng sản xuất"])


class Certification(Record):
    level: Literal["district", "province", "national"] = Field(
        description="Who recognised it: district (UBND huyện), province (UBND tỉnh), national (the ministry).",
        json_schema_extra={"description_vi": "Cấp công nhận: district (UBND cấp huyện), province (UBND cấp tỉnh), "
                                             "national (trung ương)."},
        examples=["province"])
    decision: NonEmpty = Field(description="Decision number, in quotes.",
                               json_schema_extra={"description_vi": "Số quyết định công nhận, đặt trong dấu ngoặc "
                                                                    "kép."},
                               examples=["1693/QĐ-UBND"])
    date: Date = Field(description="Decision date, YYYY-MM-DD.",
                       json_schema_extra={"description_vi": "Ngày ký quyết định công nhận, viết YYYY-MM-DD."},
                       examples=["2024-06-15"])
    stars: Stars = Field(description="3, 4 or 5 (5 only at national level).",
                         json_schema_extra={"description_vi": "Hạng sao: 3, 4 hoặc 5 (5 sao chỉ do trung ương công "
                                                              "nhận)."},
                         examples=[4])
    score: Points | None = Field(None, description="Council's average total, 0–100, decimals allowed; "
                                 "its band must match the stars.",
                                 json_schema_extra={"description_vi": "Điểm bình quân của hội đồng đánh giá, 0–100, "
                                                                      "được có phần thập phân; phải nằm trong khung "
                                                                      "điểm của hạng sao."},
                                 examples=[78.5])
    parts: Parts | None = Field(None, description="Points of the three parts of the scoring sheet: {A, B, C}.",
                                json_schema_extra={"description_vi": "Điểm ba phần của phiếu đánh giá: {A, B, C}."})
    criteria: Literal["1048/2019", "148/2023"] | None = Field(
        None, description="Scoring criteria: 1048/2019 or 148/2023; default from the date "
        "(before 2023-02-24 → 1048/2019).",
        json_schema_extra={"description_vi": "Bộ tiêu chí đánh giá: 1048/2019 hoặc 148/2023; nếu không ghi thì tính "
                                             "theo ngày quyết định (trước 2023-02-24 là 1048/2019)."},
        examples=["148/2023"])
    valid_until: Date | None = Field(None, description="End of validity; default date + 36 months.",
                                     json_schema_extra={"description_vi": "Ngày hết hiệu lực; nếu không ghi thì là "
                                                                          "ngày quyết định cộng 36 tháng."},
                                     examples=["2027-06-15"])
    kind: Literal["new", "re-evaluation", "upgrade"] | None = Field(
        None, description="new, re-evaluation (đánh giá lại / tái công nhận) or upgrade (nâng hạng).",
        json_schema_extra={"description_vi": "Hình thức: new (đánh giá mới), re-evaluation (đánh giá lại, tái công "
                                             "nhận) hoặc upgrade (nâng hạng)."},
        examples=["new"])
    issued_by: Text | None = Field(None, description="Authority that issued it.",
                                   json_schema_extra={"description_vi": "Cơ quan ban hành quyết định."},
                                   examples=["UBND tỉnh Sơn La"])
    source: HttpsUrl | None = Field(None, description="https:// link to the published decision or list.",
                                    json_schema_extra={"description_vi": "Đường dẫn https:// tới quyết định hoặc danh "
                                                                         "sách đã công bố."},
                                    examples=["https://sonla.gov.vn/van-ban/1693-qd-ubnd"])
    revoked: Revocation | None = Field(None, description="Set when the certificate was withdrawn: "
                                       "{date, decision, reason}. Never delete a revoked certificate.",
                                       json_schema_extra={"description_vi": "Ghi khi giấy chứng nhận bị thu hồi: "
                                                                            "{date, decision, reason}. Không bao giờ "
                                                                            "xóa một chứng nhận đã bị thu hồi."})


class Proposal(Record):
    # Additive (issue 18): plans count products the province *proposes* for 5★ ("02–03 sản phẩm
    # tiềm năng 5 sao đề nghị trung ương đánh giá"); a proposal is not a certificate, so it has a
    # list of its own, and a plan counts it from its date (generator/plan.py, measure: proposals).
    level: Literal["national"] = Field(
        description="Who is asked to evaluate the product: national (the central council, for 5★).",
        json_schema_extra={"description_vi": "Cấp được đề nghị đánh giá: national (Hội đồng trung ương, để công "
                                             "nhận 5 sao)."},
        examples=["national"])
    stars: Literal[5] = Field(description="The stars proposed: 5.",
                              json_schema_extra={"description_vi": "Hạng sao được đề nghị: 5."},
                              examples=[5])
    date: Date = Field(description="Date of the province's proposal (the letter or decision), YYYY-MM-DD.",
                       json_schema_extra={"description_vi": "Ngày tỉnh đề nghị (ngày văn bản hoặc quyết định), "
                                                            "viết YYYY-MM-DD."},
                       examples=["2024-10-20"])
    decision: NonEmpty = Field(description="Number of the document that makes the proposal, in quotes.",
                               json_schema_extra={"description_vi": "Số văn bản đề nghị, đặt trong dấu ngoặc kép."},
                               examples=["2150/UBND-KT"])
    issued_by: Text | None = Field(None, description="Who signed the proposal.",
                                   json_schema_extra={"description_vi": "Cơ quan ký văn bản đề nghị."},
                                   examples=["UBND tỉnh Tây Ninh"])
    source: HttpsUrl | None = Field(None, description="https:// link to the published proposal or list.",
                                    json_schema_extra={"description_vi": "Đường dẫn https:// tới văn bản đề nghị hoặc "
                                                                         "danh sách đã công bố."},
                                    examples=["https://tayninh.gov.vn/van-ban/2150-ubnd-kt"])


class Withdrawal(Record):
    date: Date = Field(description="When the product left the catalogue.",
                       json_schema_extra={"description_vi": "Ngày sản phẩm rời khỏi danh mục."},
                       examples=["2026-01-10"])
    reason: NonEmpty = Field(description="Why, in one sentence shown on the product page.",
                             json_schema_extra={"description_vi": "Lý do, viết thành một câu, hiển thị trên trang sản "
                                                                  "phẩm."},
                             examples=["Cơ sở ngừng sản xuất sản phẩm này"])


class Product(Record):
    """One OCOP product: `products/<district>/<id>.yml`, or `products/<first part of the id>/<id>.yml`
    for a record without `district` (`products/SL/SL-0412.yml`)."""

    id: Annotated[Text, Field(pattern=ID_PATTERN, max_length=24)] = Field(
        description="Permanent catalogue code: capital letters, digits and single hyphens, at most 24 "
        "characters. Never reused, never changed: it is printed in every QR code.",
        examples=["SL-MS-0012"],
        json_schema_extra={"description_vi": "Mã sản phẩm cố định trong danh mục: chữ in hoa, chữ số và dấu gạch nối "
                                             "đơn, tối đa 24 ký tự. Không bao giờ dùng lại, không bao giờ đổi: mã "
                                             "được in trong mọi mã QR.",
                           "x-format": "capital letters A–Z, digits 0–9 and single hyphens, e.g. SL-MC-0012",
                           "x-format-vi": "chữ in hoa A–Z, chữ số 0–9 và dấu gạch nối đơn, ví dụ SL-MC-0012"})
    name: Annotated[NonEmpty, Field(max_length=200)] = Field(
        description="Product name as on the certificate (Vietnamese, with tone marks).",
        json_schema_extra={"description_vi": "Tên sản phẩm đúng như trên giấy chứng nhận (tiếng Việt có dấu)."},
        examples=["Cà phê Arabica rang xay Chiềng Ban"])
    name_en: Text | None = Field(None, description="English name for visitors.",
                                 json_schema_extra={"description_vi": "Tên tiếng Anh, cho khách nước ngoài."},
                                 examples=["Chieng Ban roasted ground Arabica coffee"])
    group: Group = Field(description="One of the six OCOP groups: food, beverages, herbal, handicrafts, "
                         "ornamental, tourism.",
                         json_schema_extra={"description_vi": "Một trong sáu nhóm sản phẩm OCOP: food, beverages, "
                                                              "herbal, handicrafts, ornamental, tourism."},
                         examples=["food"])
    product_set: Text | None = Field(None, description="The finer 'bộ sản phẩm', from the vocabulary in "
                                     "generator/data/product_sets.yml.",
                                     json_schema_extra={"description_vi": "Bộ sản phẩm, theo danh mục trong "
                                                                          "generator/data/product_sets.yml."},
                                     examples=["Cà phê, ca cao"])
    # Optional since 1 July 2025 (no district level any more): a record names `district` (as on a
    # certificate issued before) or `ward` (today's unit), or both; grading.check_record says so.
    district: Annotated[Text, Field(pattern=SLUG_PATTERN)] | None = Field(
        None, description="Id of a district in site_config.yml, as on a certificate issued before 1 July 2025; "
        "equals the folder name. Leave it out for a product certified since then (write `ward`).",
        examples=["mai-son"], json_schema_extra={"description_vi": "Mã huyện trong site_config.yml, theo nơi ghi trên "
                                                                   "giấy chứng nhận cấp trước ngày 01/7/2025; trùng "
                                                                   "với tên thư mục. Bỏ trống với sản phẩm được công "
                                                                   "nhận từ ngày đó (ghi `ward`).",
                                                 "x-format": "a district id from site_config.yml, e.g. mai-son",
                                                 "x-format-vi": "mã một huyện trong site_config.yml, ví dụ mai-son"})
    commune: Annotated[Text, Field(pattern=SLUG_PATTERN)] | None = Field(
        None, description="Id of a commune of that district in site_config.yml.", examples=["chieng-ban"],
        json_schema_extra={"description_vi": "Mã xã của huyện đó trong site_config.yml.",
                           "x-format": "a commune id from site_config.yml, e.g. chieng-ban",
                           "x-format-vi": "mã một xã trong site_config.yml, ví dụ chieng-ban"})
    ward: Text | None = Field(
        None, description="Today's ward, commune or special zone where the product is made: its official code "
        "(5 digits, in quotes; the list is `units.today` in site_config.yml). Required when there is no "
        "`district`; beside `district`, only to say which part of a divided commune.",
        examples=["04132"],
        json_schema_extra={"description_vi": "Phường, xã hoặc đặc khu hiện nay nơi sản xuất sản phẩm: mã chính thức "
                                             "(5 chữ số, đặt trong dấu ngoặc kép; danh sách ở mục `units.today` của "
                                             "site_config.yml). Bắt buộc khi không có `district`; nếu có `district` "
                                             "thì chỉ ghi để chỉ rõ phần nào của một xã cũ bị chia.",
                           # the pattern is for editors; the validator says more (did you mean, which code)
                           "pattern": "^[0-9]{5}$",
                           "x-format": "five digits in quotes, e.g. \"03980\" (Phường Mộc Châu)",
                           "x-format-vi": "năm chữ số đặt trong dấu ngoặc kép, ví dụ \"03980\" (Phường Mộc Châu)"})
    producer: Producer = Field(description="Who makes it: {name, type, address, phone, email, website}.",
                               json_schema_extra={"description_vi": "Chủ thể sản xuất: {name, type, address, phone, "
                                                                    "email, website}."})
    gtin: Annotated[Text, AfterValidator(_gtin)] | None = Field(None, description="GTIN-8/12/13/14 barcode number, in quotes; the check digit "
                              "is verified.",
                                                                json_schema_extra={"description_vi": "Mã số mã vạch "
                                                                                                     "GTIN-8/12/13/14, "
                                                                                                     "đặt trong dấu "
                                                                                                     "ngoặc kép; chữ "
                                                                                                     "số kiểm tra "
                                                                                                     "được đối chiếu."},
                                                                examples=["8936012345674"])
    summary: Annotated[NonEmpty, Field(max_length=200)] = Field(
        description="One sentence, at most 200 characters, shown in listings and search results.",
        json_schema_extra={"description_vi": "Một câu giới thiệu, tối đa 200 ký tự, hiển thị trong danh sách và kết "
                                             "quả tìm kiếm."},
        examples=["Cà phê Arabica trồng ở độ cao 1.000 m, rang mộc, hương thơm đậm."])
    summary_en: Annotated[Text, Field(max_length=200)] | None = Field(
        None, description="The summary in English.",
        json_schema_extra={"description_vi": "Câu giới thiệu bằng tiếng Anh."},
        examples=["Arabica grown at 1,000 m, roasted without additives."])
    description: Markdown | None = Field(None, description="Longer text in Markdown (no raw HTML, links https:// "
                                         "only, no embedded images: use `images`).",
                                         json_schema_extra={"description_vi": "Phần mô tả dài, viết bằng Markdown "
                                                                              "(không dùng HTML, liên kết chỉ "
                                                                              "https://, không chèn ảnh: dùng mục "
                                                                              "`images`)."})
    description_en: Markdown | None = Field(None, description="The description in English (Markdown).",
                                            json_schema_extra={"description_vi": "Phần mô tả bằng tiếng Anh "
                                                                                 "(Markdown)."})
    images: list[Image] = Field(default_factory=list, description="Photos: list of {file, alt}; alt is required.",
                                json_schema_extra={"description_vi": "Ảnh sản phẩm: danh sách {file, alt}; bắt buộc "
                                                                     "có alt."})
    raw_material: RawMaterial | None = Field(None, description="Origin of the raw material: {local_share, source, "
                                             "area_code}.",
                                             json_schema_extra={"description_vi": "Nguồn gốc nguyên liệu: "
                                                                                  "{local_share, source, area_code}."})
    standards: list[NonEmpty] = Field(default_factory=list, description="Standards applied: VietGAP, HACCP, "
                                      "ISO 22000, TCCS 01:2023/HTX…",
                                      json_schema_extra={"description_vi": "Các tiêu chuẩn áp dụng: VietGAP, HACCP, "
                                                                           "ISO 22000, TCCS 01:2023/HTX…"},
                                      examples=[["VietGAP", "HACCP"]])
    sales: Sales | None = Field(None, description="Where to buy: {modern_retail, points_of_sale, marketplaces}.",
                                json_schema_extra={"description_vi": "Nơi bán: {modern_retail, points_of_sale, "
                                                                     "marketplaces}."})
    attributes: Attributes | None = Field(None, description="Plan indicators: {green_value_chain, craft_village}.",
                                          json_schema_extra={"description_vi": "Các chỉ tiêu của kế hoạch: "
                                                                               "{green_value_chain, craft_village}."})
    certifications: list[Certification] = Field(
        description="The grading history, oldest first. Empty list ([]) for a product in the programme "
        "that is not yet rated.",
        json_schema_extra={"description_vi": "Lịch sử đánh giá, phân hạng, cũ nhất ghi trước. Để danh sách rỗng ([]) "
                                             "nếu sản phẩm đã tham gia chương trình nhưng chưa được xếp hạng."})
    proposals: list[Proposal] = Field(
        default_factory=list, description="The province's proposals to evaluate the product for 5★ at national "
        "level, oldest first: {level, stars, date, decision, issued_by, source}. Write one once the proposal is "
        "sent; the national certificate, if it comes, goes under `certifications`.",
        json_schema_extra={"description_vi": "Các lần tỉnh đề nghị trung ương đánh giá, công nhận sản phẩm 5 sao, cũ "
                                             "nhất ghi trước: {level, stars, date, decision, issued_by, source}. Ghi "
                                             "khi văn bản đề nghị đã gửi; giấy chứng nhận 5 sao quốc gia (nếu có) ghi "
                                             "ở mục `certifications`."})
    withdrawn: Withdrawal | None = Field(None, description="Set when the product leaves the catalogue: "
                                         "{date, reason}. The record (and its page) stays; never delete it.",
                                         json_schema_extra={"description_vi": "Ghi khi sản phẩm rời khỏi danh mục: "
                                                                              "{date, reason}. Hồ sơ (và trang sản "
                                                                              "phẩm) vẫn được giữ; không bao giờ xóa "
                                                                              "hồ sơ."})
