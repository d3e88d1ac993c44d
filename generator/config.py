"""`site_config.yml`: the province this catalogue publishes, its administrative units and settings.

Validated with the same loader and error model as product records. Records refer to districts and
communes by id; since 1 Jul 2025 Vietnam has no district level (Resolution 202/2025/QH15), so a
district may say what it is now part of, and pages show that note.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PrivateAttr
from .messages import Said, refused, said

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
_FORBIDDEN: dict[str, Said | str] = {
    '"': said("char.double_quote"), "'": said("char.single_quote"), "<": "'<'", ">": "'>'",
    "\\": said("char.backslash"), "`": said("char.backquote"), "{": "'{'", "}": "'}'", "|": "'|'", "^": "'^'"}


def _address_problem(value: str) -> tuple[Said, int] | None:
    """What is wrong with ``value`` as the https address of a site, in words, and where (the
    offset in ``value``); None when nothing."""
    for i, c in enumerate(value):
        if c in _FORBIDDEN:
            return said("address.quote", char=_FORBIDDEN[c]), i
        if c.isspace() or not c.isprintable():
            return said("address.space", code=f"{ord(c):04X}"), i
    if not value.lower().startswith("https://"):
        return said("address.https"), 0
    for mark in "?#":
        if mark in value:
            return said("address.query"), value.index(mark)
    authority, slash, path = value[len("https://"):].partition("/")
    if "@" in authority:
        return said("address.user"), len("https://")
    host, colon, port = authority.partition(":")
    if not _HOST.fullmatch(host) or len(host) > 253:
        return said("address.host"), len("https://")
    if colon and not (port.isdigit() and 0 < int(port) < 65536):
        return said("address.port"), len("https://") + len(host)
    if not _PATH.fullmatch(slash + path):
        return said("address.path"), len("https://") + len(authority)
    return None


def _checked_address(value: str, what: str, example: Said | str) -> str:
    found = _address_problem(value)
    if found is not None:
        problem, offset = found
        raise refused("E204.address", what=said(what), problem=problem, offset=offset,
                      hint=said("address.write_like", example=example))
    return value.rstrip("/")


def _site_url(value: str) -> str:
    return _checked_address(value, "address.site", said("address.example.site"))


def _repo_url(value: str) -> str:
    return _checked_address(value, "address.repository", "https://github.com/sonla/ocop-catalogue")


# Official codes (National Statistics Office), always quoted: a leading zero is part of the code.
UnitCode = Annotated[Text, Field(pattern=r"^[0-9]{5}$")]
DistrictCode = Annotated[Text, Field(pattern=r"^[0-9]{3}$")]
ProvinceCode = Annotated[Text, Field(pattern=r"^[0-9]{2}$")]


class Commune(Record):
    id: Slug = Field(description="Stable id used in records, lowercase without tone marks.", examples=["chieng-ban"])
    name: PlainNonEmpty = Field(description="Vietnamese name.", examples=["Xã Chiềng Ban"])
    name_en: Plain | None = Field(None, description="English name.")
    ward: UnitCode | None = Field(
        None, description="Today's ward or commune this former commune became (official code, quoted), when the "
        "crosswalk cannot tell (see `units.today`); otherwise derived from the name.", examples=["03980"])


class District(Record):
    id: Slug = Field(description="Stable id used in records and URLs (the folder under products/).",
                     examples=["mai-son"])
    name: PlainNonEmpty = Field(description="Vietnamese name.", examples=["Huyện Mai Sơn"])
    name_en: Plain | None = Field(None, description="English name.", examples=["Mai Son District"])
    code: Code | None = Field(None, description="Short code used in new product ids (SL-<code>-0001).",
                              examples=["MS"])
    now_part_of: Plain | None = Field(None, description="Where the area belongs since the 2025 reorganisation.")
    former_province: Plain | None = Field(
        None, description="The former province the district belonged to, when today's province was made of "
        "several (Tỉnh Trà Vinh in today's Vĩnh Long); default: the province's own name.",
        examples=["Tỉnh Trà Vinh"])
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
        "photo", description="The picture shown when a product link is shared (Zalo, Facebook, Messenger: Open "
        "Graph): `photo`, the product's first photo, or one card for the whole site when it has none; or `card`, "
        "a 1200×630 card drawn for each product with its name, stars and status. Cards add a 17 KB file to "
        "every product (340 MB and 20,000 files at national scale, a third of what GitHub or GitLab Pages "
        "accept for a whole site) and about 2 ms of CPU per product to a build that draws them.")


class UnitsProvince(Record):
    code: ProvinceCode = Field(description="Official code of the province (today's list).", examples=["14"])
    name: PlainNonEmpty = Field(description="Official name.", examples=["Tỉnh Sơn La"])


class TodayUnit(Record):
    code: UnitCode = Field(description="Official code of the ward, commune or special zone.", examples=["03980"])
    name: PlainNonEmpty = Field(description="Official name.", examples=["Phường Mộc Châu"])
    kind: Literal["phường", "xã", "đặc khu"] = Field(description="phường, xã or đặc khu.", examples=["phường"])


class FormerCommuneUnit(Record):
    id: Slug
    code: UnitCode = Field(description="The commune's code until 30 June 2025.")
    name: PlainNonEmpty
    today: UnitCode = Field(description="Code of today's unit it became (for a divided commune, the one with its seat).")
    also: list[UnitCode] = Field(default_factory=list, description="Today's units that took other parts of it.")


class FormerDistrictUnit(Record):
    id: Slug
    code: DistrictCode = Field(description="The district's code until 30 June 2025.")
    name: PlainNonEmpty
    today: UnitCode | None = Field(None, description="An island district without communes: today's special zone.")
    communes: list[FormerCommuneUnit] = Field(default_factory=list)


class FormerProvinceUnits(Record):
    province: UnitsProvince
    districts: list[FormerDistrictUnit] = Field(default_factory=list)


class Units(Record):
    """The province as it is since 1 July 2025 and the former units it absorbed: generated by
    ``ocop units`` from the official list and the crosswalk (places.py), not typed."""

    province: UnitsProvince = Field(description="Today's province, as in the official list.")
    today: list[TodayUnit] = Field(min_length=1, description="Its wards, communes and special zones today.")
    former: list[FormerProvinceUnits] = Field(
        default_factory=list, description="The provinces, districts and communes of 30 June 2025 it is made of, "
        "each with the code of today's unit it became.")


class QrSettings(Record):
    error_correction: Literal["L", "M", "Q", "H"] = Field("M", description="QR error correction level.")


# The contact visitors report a product to (wrong data, a pack that looks fake). Each value goes
# into a link on every product page (mailto:, tel:, a form's address with the product filled in):
# so each is checked for its kind, and none can end an attribute or carry a script.
_EMAIL = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
_PHONE = r"^\+?[0-9](?:[ .-]?[0-9]){7,14}$"


def _form_url(value: str) -> str:
    return _checked_address(value, "address.form", said("address.example.form"))


def _zalo_url(value: str) -> str:
    checked = _checked_address(value, "address.zalo", "https://zalo.me/0212385200")
    host = checked[len("https://"):].partition("/")[0].lower()
    if host != "zalo.me" or checked.lower() in ("https://zalo.me", "https://zalo.me/"):
        raise refused("E204.zalo", offset=0, hint=said("E204.zalo.hint"))
    return checked


FormField = Annotated[Text, Field(pattern=r"^[A-Za-z0-9._-]{1,64}$",
                                  json_schema_extra={"x-format": "a parameter name of letters, digits, '.', '_' or "
                                                     "'-', e.g. entry.1234567 (Google Forms)",
                                                     "x-format-vi": "tên tham số gồm chữ cái, chữ số, '.', '_' hoặc "
                                                     "'-', ví dụ entry.1234567 (Google Forms)"})]


class FormFields(Record):
    id: FormField = Field("id", description="Name of the form's parameter that receives the product id.",
                          examples=["entry.1234567"])
    page: FormField = Field("page", description="Name of the form's parameter that receives the page address.",
                            examples=["entry.7654321"])


class Contact(Record):
    """Where visitors report a product: the "Report this product" link on every product page and the
    report page (about/report/) use it. Every item is optional; without any, the link opens the report page."""

    name: Plain | None = Field(None, description="Who receives reports (Vietnamese).",
                               examples=["Văn phòng Điều phối Chương trình OCOP tỉnh Sơn La"])
    name_en: Plain | None = Field(None, description="The same in English.",
                                  examples=["Son La OCOP Coordination Office"])
    email: Annotated[Text, Field(pattern=_EMAIL, max_length=254)] | None = Field(
        None, description="E-mail address; the report link opens an e-mail with the product's id and page filled "
        "in (when there is no `form`).", examples=["ocop@sonla.gov.vn"],
        json_schema_extra={"x-format": "an e-mail address such as ocop@sonla.gov.vn",
                           "x-format-vi": "một địa chỉ thư điện tử như ocop@sonla.gov.vn"})
    phone: Annotated[Text, Field(pattern=_PHONE)] | None = Field(
        None, description="Phone number (hotline), in quotes.", examples=["0212 3852 000"],
        json_schema_extra={"x-format": "a phone number of 8 to 15 digits with spaces, dots or hyphens between them, "
                                       "e.g. \"0212 3852 000\" or \"+84 212 3852 000\"",
                           "x-format-vi": "một số điện thoại từ 8 đến 15 chữ số, giữa các số có thể có dấu cách, dấu "
                                          "chấm hoặc gạch nối, ví dụ \"0212 3852 000\" hoặc \"+84 212 3852 000\""})
    form: Annotated[Text, AfterValidator(_form_url)] | None = Field(
        None, description="A web form for reports (https); the report link opens it with `?id=<product id>&page=<page "
        "address>` (parameter names: `form_fields`).", examples=["https://forms.gle/AbCdEf12345"])
    form_fields: FormFields = Field(default_factory=FormFields, description="The form's parameter names for the "
                                    "product id and the page address: {id, page}.",
                                    examples=[{"id": "entry.1234567", "page": "entry.7654321"}])
    zalo: Annotated[Text, AfterValidator(_zalo_url)] | None = Field(
        None, description="A Zalo link (https://zalo.me/…) to an official account or phone number.",
        examples=["https://zalo.me/0212385200"])


class SiteConfig(Record):
    site: Site
    province: Province
    districts: list[District] = Field(min_length=1, description="The districts (and their communes) named on "
                                      "certificates: the units of before 1 July 2025, which records refer to by id.")
    units: Units | None = Field(None, description="Today's wards and communes and the former units, as printed "
                                "by `ocop units <province>`; without it the official list of the province named "
                                "in `province` is used.")
    qr: QrSettings = Field(default_factory=QrSettings)
    contact: Contact = Field(default_factory=Contact, description="Where visitors report a product: {name, name_en, "
                             "email, phone, form, form_fields, zalo}, all optional.")
    plan: Plan | None = Field(None, description="The OCOP plan whose targets the plan page tracks.")

    _by_id: dict[str, District] = PrivateAttr(default_factory=dict)
    # placing.py remembers the province, its units and the crosswalk here, once per config
    _places: dict[str, object] = PrivateAttr(default_factory=dict)

    def model_post_init(self, __context: object) -> None:
        self._by_id = {d.id: d for d in self.districts}

    def district(self, district_id: str) -> District | None:
        return self._by_id.get(district_id)
