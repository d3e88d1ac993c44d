"""Vietnam's administrative units as they are today, and the crosswalk from the former ones.

Since 1 July 2025 Vietnam has 34 provinces, no district level, and fewer, larger communes
(Resolution 202/2025/QH15 and the Standing Committee's commune-level resolutions). Certificates
keep the units they were issued under; visitors and new records use today's. Two maintained
packages hold the data, so no unit list is typed by hand here:

- ``vietnam-provinces``: the official list of today's provinces and their wards, communes and
  special zones, with the National Statistics Office codes. The authority for names and codes.
- ``vietnamadminunits``: the units as they were on 30 June 2025 (63 provinces, districts,
  communes, with earlier names as aliases), which of today's units each one became, and
  coordinates. Its data files are read directly rather than through its functions: importing
  the package loads a geocoder and two parsers (0.4 s), and its converter asks an online
  geocoder when an address has a street and the former commune was divided. Nothing here
  touches the network.

The two packages do not always agree on today's codes (see ``disagreements``); where they differ
the official list wins, and the second package's units are joined to it by name.

Everything is read once per process on first use (about 0.15 s); lookups are dictionary reads,
remembered per distinct question.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import util
from pathlib import Path

# The day the district level ended and the merged provinces and communes came into force.
REFORM_DATE = date(2025, 7, 1)

# ---------------------------------------------------------------------------------------------
# Folding: stewards and visitors write "Phường Mộc Châu", "phuong moc chau", "P. Mộc Châu".


@lru_cache(maxsize=1 << 16)  # 100 µs a name; the same place names come back for every product
def fold(text: str) -> str:
    """Lower case, no tone or vowel marks, đ → d, punctuation → single spaces."""
    decomposed = unicodedata.normalize("NFD", text)
    # đ/Đ have no decomposition; Ð (U+00D0) is what some old fonts and encodings put for Đ.
    decomposed = decomposed.replace("đ", "d").replace("Đ", "D").replace("Ð", "D")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", bare).split())


def _key(text: str) -> str:
    """``fold`` without spaces: the form vietnamadminunits keys its units by ("xamuongsang")."""
    return fold(text).replace(" ", "")


# A tone mark (huyền, sắc, ngã, hỏi, nặng) on the last vowel of a word ending in oa, oe or uy (not quy).
_LATE_TONE = re.compile(r"(o)([ae])([\u0300\u0301\u0303\u0309\u0323])(?=\s|$)|(?<!q)(u)(y)([\u0300\u0301\u0303\u0309\u0323])(?=\s|$)")


def _canon(text: str) -> str:
    """A name as written, lower case, with the tone mark where the older convention puts it.

    "Hoà"/"Hòa" and "Thuỷ"/"Thủy" are the same name spelled in two conventions (the official list
    uses both); "Văn Lang" and "Vân Lang", or "Tân Thành" and "Tân Thạnh", are different communes
    that fold alike, so an exact comparison must keep the marks but ignore where the tone sits.
    """
    # ’ and ' are the same apostrophe in "Ea H’leo" (the official list has the first).
    decomposed = " ".join(unicodedata.normalize("NFD", text.lower().replace("’", "'").replace("ʼ", "'")).split())
    moved = _LATE_TONE.sub(lambda m: "".join(g for g in (m[1], m[3], m[2], m[4], m[6], m[5]) if g), decomposed)
    return unicodedata.normalize("NFC", moved)


# Kind words in front of a name, folded, longest first so "thi tran" wins over "thi".
_UNIT_WORDS = ("thi tran", "dac khu", "phuong", "xa", "tt", "p", "x")
_DISTRICT_WORDS = ("thanh pho", "thi xa", "huyen", "quan", "tp", "tx", "h", "q")
_PROVINCE_WORDS = ("thanh pho", "tinh", "tp", "t")


def _strip_kind(folded: str, words: tuple[str, ...]) -> str:
    for word in words:
        if folded.startswith(word + " ") and len(folded) > len(word) + 1:
            return folded[len(word) + 1:]
    return folded


# ---------------------------------------------------------------------------------------------
# The units


@dataclass(frozen=True, slots=True)
class Unit:
    """A ward (phường), commune (xã) or special zone (đặc khu) of today, as the official list has it."""

    code: str  # five digits, National Statistics Office: "03980"
    name: str  # "Phường Mộc Châu"
    kind: str  # "phường", "xã" or "đặc khu"
    province: str  # code of today's province, two digits: "14"
    lat: float | None = None
    lon: float | None = None

    @property
    def short(self) -> str:
        """The name without its kind word: "Mộc Châu"."""
        return self.name[len(self.kind) + 1:] if self.name.lower().startswith(self.kind) else self.name

    @property
    def folded(self) -> str:
        return fold(self.name)


@dataclass(frozen=True, slots=True)
class Province:
    """One of today's 34 provinces and centrally-governed cities."""

    code: str  # two digits: "14"
    name: str  # "Tỉnh Sơn La", "Thành phố Huế"
    kind: str  # "tỉnh" or "thành phố"
    lat: float | None = None
    lon: float | None = None
    former: tuple[str, ...] = ()  # codes of the former provinces it is made of ("86", "83", "84")


@dataclass(frozen=True, slots=True)
class FormerProvince:
    """One of the 63 provinces as they were until 30 June 2025."""

    code: str  # "84"
    name: str  # "Tỉnh Trà Vinh"
    today: str  # code of the province it is part of today: "86"


@dataclass(frozen=True, slots=True)
class FormerDistrict:
    """A district-level unit (huyện, thị xã, thành phố, quận) as it was on 30 June 2025."""

    code: str  # three digits: "118"
    name: str  # "Thị xã Mộc Châu"
    province: str  # former province code
    lat: float | None = None
    lon: float | None = None
    # An island district without communes (Cồn Cỏ, Lý Sơn, Côn Đảo…) became one special zone whole.
    today: str = ""


@dataclass(frozen=True, slots=True)
class FormerCommune:
    """A commune-level unit as it was on 30 June 2025, and what it became on 1 July."""

    code: str  # the former five-digit code: "04027"
    name: str  # "Phường Mường Sang"
    kind: str  # "phường", "xã" or "thị trấn"
    district: str  # former district code
    province: str  # former province code
    today: str  # code of today's unit it became (for a divided one, the unit holding its seat)
    also: tuple[str, ...] = ()  # today's units that other parts of a divided commune went to
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a former unit is today: the answer of ``place``."""

    today: Unit | None  # None when it could not be placed (see ``missing``), or for a whole district
    former: FormerCommune | None = None
    district: FormerDistrict | None = None
    province: FormerProvince | None = None
    also: tuple[Unit, ...] = ()  # other parts of a divided commune; every unit of a whole district
    missing: str = ""  # "province", "district", "commune" or "ambiguous" when not placed
    asked: str = ""  # the name that could not be placed, as given
    suggestions: tuple[str, ...] = ()  # former names close to ``asked``

    def describe(self) -> str:
        """A plain English sentence for a placement that failed, "" for one that worked."""
        if not self.missing:
            return ""
        close = f" Did you mean {_or(self.suggestions)}?" if self.suggestions else ""
        where = {
            "province": "a former province",
            "district": f"a former district of {self.province.name}" if self.province else "a former district",
            "commune": f"a former commune of {self.district.name}" if self.district else "a former commune",
        }
        if self.missing == "ambiguous":
            return f"'{self.asked}' names more than one former unit: {_or(self.suggestions)}; name the one meant."
        return f"'{self.asked}' is not {where[self.missing]} in the 30 June 2025 list.{close}"


def _or(names: tuple[str, ...]) -> str:
    return or_list(tuple(f"'{n}'" for n in names))


def or_list(items: tuple[str, ...]) -> str:
    """"a", "a or b", "a, b or c": choices in a message."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


# ---------------------------------------------------------------------------------------------
# Reading the packages' data (once per process)


def data_versions() -> dict[str, str]:
    """The packages and data dates the units come from, for the generated config and open data."""
    from importlib import metadata  # 30 ms to import: only the generated config needs it

    import vietnam_provinces

    return {
        "vietnam-provinces": vietnam_provinces.__version__,
        "vietnam-provinces data": vietnam_provinces.__data_version__,  # the day the official list was read
        "vietnamadminunits": metadata.version("vietnamadminunits"),
    }


def _adminunits_data() -> Path:
    # find_spec locates the package without running its __init__ (which loads its parsers).
    spec = util.find_spec("vietnamadminunits")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency in pyproject.toml
        raise RuntimeError("the vietnamadminunits package is not installed")
    return Path(spec.origin).parent / "data"


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


@dataclass
class _Index:
    provinces: dict[str, Province] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    units_of: dict[str, tuple[Unit, ...]] = field(default_factory=dict)
    former_provinces: dict[str, FormerProvince] = field(default_factory=dict)
    districts: dict[str, FormerDistrict] = field(default_factory=dict)
    districts_of: dict[str, list[FormerDistrict]] = field(default_factory=lambda: defaultdict(list))
    communes: dict[str, FormerCommune] = field(default_factory=dict)
    communes_of: dict[str, list[FormerCommune]] = field(default_factory=lambda: defaultdict(list))
    # name keys → codes; a key may name several units, which the lookups then call ambiguous
    province_keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    former_province_keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    district_keys: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    commune_keys: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    # today's units by (province, name): as written (``_canon``), folded, folded without the kind word
    unit_canon: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    unit_fold: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    unit_short: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    disagreements: list[str] = field(default_factory=list)
    # the crosswalk: former province key → today's; former commune key → today's (province key,
    # ward key) when it went whole into one unit, else its parts (``divided``); their keys → codes
    new_province_of: dict[str, str] = field(default_factory=dict)
    whole: dict[str, tuple[str, str]] = field(default_factory=dict)
    divided: dict[str, dict[str, list[dict]]] = field(default_factory=dict)  # type: ignore[type-arg]
    joined: dict[tuple[str, str], str] = field(default_factory=dict)
    loaded: set[str] = field(default_factory=set)  # former provinces whose units are read


def _official() -> tuple[dict[str, Province], dict[str, Unit]]:
    """Today's provinces and units from vietnam-provinces' JSON file (its documented
    ``NESTED_DIVISIONS_JSON_PATH``), found without importing the package: its Python form builds an
    enumeration of 3,321 codes (0.07 s) that nothing here needs."""
    spec = util.find_spec("vietnam_provinces")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency in pyproject.toml
        raise RuntimeError("the vietnam-provinces package is not installed")
    nested = json.loads((Path(spec.origin).parent / "data" / "nested-divisions.json").read_bytes())
    provinces, units = {}, {}
    for p in nested:
        code = f"{int(p['code']):02d}"
        city = p["division_type"] != "tỉnh"  # "thành phố trung ương"
        provinces[code] = Province(code, p["name"] if city else f"Tỉnh {p['name']}", "thành phố" if city else "tỉnh")
        for w in p["wards"]:
            # Some names carry a doubled space ("Xã  Bắc Đông Quan"); the name is the words.
            units[f"{int(w['code']):05d}"] = Unit(f"{int(w['code']):05d}", " ".join(w["name"].split()),
                                                  w["division_type"], code)
    return provinces, units


def _connect() -> sqlite3.Connection:
    db = sqlite3.connect(f"file:{_adminunits_data() / 'dataset.db'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    return db


def _build() -> _Index:
    """Today's units and provinces, the former provinces, the crosswalk tables; the former
    districts and communes are read per former province when first asked for (``_former``)."""
    index = _Index()
    provinces, units = _official()
    with closing(_connect()) as db:
        today_rows = db.execute(
            "SELECT provinceCode, provinceKey, provinceLat, provinceLon, ward, wardCode, wardKey, wardLat, wardLon"
            " FROM admin_units ORDER BY wardCode").fetchall()
        former_province_rows = db.execute(
            "SELECT DISTINCT province, provinceCode, provinceKey, provinceShortKey, provinceKeywords"
            " FROM admin_units_legacy ORDER BY provinceCode").fetchall()
    converter = json.loads((_adminunits_data() / "converter_2025.json").read_bytes())

    # Today's units of the second package, joined to the official ones by name within the province
    # (the codes differ for about a hundred units), then by code.
    by_canon, by_fold = index.unit_canon, index.unit_fold
    for u in units.values():
        by_canon[u.province, _canon(u.name)].append(u.code)
        by_fold[u.province, u.folded].append(u.code)
        index.unit_short[u.province, fold(u.short)].append(u.code)
    province_of_key: dict[str, str] = {}
    coordinates: dict[str, tuple[float | None, float | None]] = {}
    province_coordinates: dict[str, tuple[float | None, float | None]] = {}
    for row in today_rows:
        province = row["provinceCode"]
        name = " ".join(row["ward"].split())
        province_of_key[row["provinceKey"]] = province
        province_coordinates[province] = (_float(row["provinceLat"]), _float(row["provinceLon"]))
        codes = by_canon.get((province, _canon(name))) or by_fold.get((province, fold(name))) or []
        if len(codes) != 1:
            codes = [row["wardCode"]] if row["wardCode"] in units else []
        if not codes:
            index.disagreements.append(f"{name} ({row['wardCode']}, province {province}): not in the official list")
            continue
        code = codes[0]
        official = units[code]
        if code != row["wardCode"]:
            index.disagreements.append(f"{official.name} (province {province}): code {code} in the official "
                                       f"list, {row['wardCode']} in vietnamadminunits")
        elif _canon(official.name) != _canon(name):
            index.disagreements.append(f"{code} (province {province}): '{official.name}' in the official "
                                       f"list, '{name}' in vietnamadminunits")
        index.joined[row["provinceKey"], row["wardKey"]] = code
        coordinates[code] = (_float(row["wardLat"]), _float(row["wardLon"]))
    for code, u in units.items():
        lat, lon = coordinates.get(code, (None, None))
        units[code] = Unit(u.code, u.name, u.kind, u.province, lat, lon)
    joined_codes = set(index.joined.values())
    index.disagreements.extend(f"{u.name} ({u.code}, province {u.province}): not in vietnamadminunits"
                               for u in units.values() if u.code not in joined_codes)

    # Former provinces → today's (the converter's province table), and the crosswalk tables.
    index.new_province_of = {old: new for new, olds in converter["DICT_PROVINCE"].items() for old in olds}
    index.whole = {old: (new_province, new_ward)
                   for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
                   for new_ward, olds in wards.items() for old in olds}
    index.divided = converter["DICT_PROVINCE_WARD_DIVIDED"]
    former_of: dict[str, list[str]] = defaultdict(list)
    for row in former_province_rows:
        code, today = row["provinceCode"], province_of_key[index.new_province_of[row["provinceKey"]]]
        index.former_provinces[code] = FormerProvince(code, row["province"], today)
        former_of[today].append(code)
        for k in [row["provinceKey"], row["provinceShortKey"], *json.loads(row["provinceKeywords"] or "[]")]:
            index.former_province_keys[k].add(code)

    for code, p in provinces.items():
        lat, lon = province_coordinates.get(code, (None, None))
        p = Province(p.code, p.name, p.kind, lat, lon, tuple(sorted(former_of.get(code, ()))))
        index.provinces[code] = p
        for k in (_key(p.name), _key(_strip_kind(fold(p.name), _PROVINCE_WORDS)), code):
            index.province_keys[k].add(code)
    grouped: dict[str, list[Unit]] = defaultdict(list)
    for u in sorted(units.values(), key=lambda u: u.code):
        index.units[u.code] = u
        grouped[u.province].append(u)
    index.units_of = {p: tuple(us) for p, us in grouped.items()}
    return index


def _former(index: _Index, province: str) -> None:
    """Read the districts and communes of one former province into the index, once."""
    if province in index.loaded or province not in index.former_provinces:
        return
    index.loaded.add(province)
    with closing(_connect()) as db:
        rows = db.execute(
            "SELECT province, provinceKey, district, districtCode, districtKey, districtShortKey, districtKeywords,"
            " districtLat, districtLon, ward, wardType, wardCode, wardKey, wardShortKey, wardKeywords, wardLat,"
            " wardLon FROM admin_units_legacy WHERE provinceCode = ? ORDER BY districtCode, wardCode",
            (province,)).fetchall()
    for row in rows:
        district, code = row["districtCode"], row["wardCode"]
        if district not in index.districts:
            d = FormerDistrict(district, row["district"], province, _float(row["districtLat"]),
                               _float(row["districtLon"]))
            index.districts[district] = d
            index.districts_of[province].append(d)
            for k in [row["districtKey"], row["districtShortKey"], *json.loads(row["districtKeywords"] or "[]")]:
                index.district_keys[province, k].add(district)
        if code is None:  # island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Lý Sơn…)
            zone, _ = _crosswalk(index, index.new_province_of[row["provinceKey"]],
                                 f"{row['provinceKey']}_{row['districtKey']}_")
            d = index.districts[district]
            whole = FormerDistrict(d.code, d.name, d.province, d.lat, d.lon, zone or "")
            index.districts[district] = whole
            index.districts_of[province] = [whole if x.code == district else x for x in index.districts_of[province]]
            continue
        old_key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"
        today, also = _crosswalk(index, index.new_province_of[row["provinceKey"]], old_key)
        if today is None:
            index.disagreements.append(f"{row['ward']}, {row['district']}, {row['province']} ({code}): "
                                       "vietnamadminunits names no unit of today for it")
            continue
        c = FormerCommune(code, " ".join(row["ward"].split()), row["wardType"].lower(), district, province,
                          today, also, _float(row["wardLat"]), _float(row["wardLon"]))
        index.communes[code] = c
        index.communes_of[district].append(c)
        for k in [row["wardKey"], row["wardShortKey"], *json.loads(row["wardKeywords"] or "[]")]:
            index.commune_keys[district, k].add(code)


def _crosswalk(index: _Index, new_province: str, old_key: str) -> tuple[str | None, tuple[str, ...]]:
    """Today's unit a former commune became, and the others when it was divided."""
    if old_key in index.whole:
        return index.joined.get(index.whole[old_key]), ()
    # A divided commune: its parts, one of them marked as the default (where its seat was).
    parts = index.divided.get(new_province, {}).get(old_key, [])
    codes = [(index.joined.get((new_province, p["newWardKey"])), p["isDefaultNewWard"]) for p in parts]
    default = next((c for c, is_default in codes if is_default and c), None)
    return default, tuple(c for c, _ in codes if c and c != default)


@cache
def _index() -> _Index:
    return _build()


# ---------------------------------------------------------------------------------------------
# Today's units


def provinces() -> tuple[Province, ...]:
    """Today's 34 provinces, by code."""
    return tuple(_index().provinces.values())


@lru_cache(maxsize=1024)
def province(name_or_code: str) -> Province | None:
    """Today's province by its code ("14"), its name ("Tỉnh Sơn La", "son la") or its codename ("son_la")."""
    index = _index()
    text = name_or_code.strip()
    codes = index.province_keys.get(f"{int(text):02d}" if text.isdigit() else _key(text), set())
    if not codes:
        codes = index.province_keys.get(_key(_strip_kind(fold(text), _PROVINCE_WORDS)), set())
    return index.provinces[next(iter(codes))] if len(codes) == 1 else None


def suggest_provinces(name: str, limit: int = 3) -> tuple[Province, ...]:
    """Today's provinces whose names are closest to ``name`` (toneless, with or without "Tỉnh")."""
    return _closest(name, _index().provinces.values(),
                    lambda p: (fold(p.name), _strip_kind(fold(p.name), _PROVINCE_WORDS)), limit)


def units(province_name_or_code: str) -> tuple[Unit, ...]:
    """Today's wards, communes and special zones of a province, by code ("" or unknown: none)."""
    p = province(province_name_or_code)
    return _index().units_of.get(p.code, ()) if p else ()


def unit(code: str) -> Unit | None:
    """Today's unit by its official code ("03980", or "3980")."""
    text = code.strip()
    return _index().units.get(f"{int(text):05d}") if text.isdigit() else None


@lru_cache(maxsize=65536)
def find_units(name: str, province_name_or_code: str | None = None) -> tuple[Unit, ...]:
    """Today's units a name or code means, best first: the exact name, else the same name folded
    ("phuong moc chau"), else the name without its kind word ("Mộc Châu"). Several units come back
    when the name does not decide (a commune and a ward of the same name; "Tân Thành" and "Tân
    Thạnh" written without marks); none when nothing matches (see ``suggest``).
    """
    if name.strip().isdigit():
        u = unit(name)
        p = province(province_name_or_code) if province_name_or_code else None
        return (u,) if u and (province_name_or_code is None or (p and u.province == p.code)) else ()
    index = _index()
    if province_name_or_code:
        p = province(province_name_or_code)
        scope = [p.code] if p else []
    else:
        scope = list(index.provinces)
    folded = fold(name)
    for table, form in ((index.unit_canon, _canon(name)), (index.unit_fold, folded),
                        (index.unit_short, _strip_kind(folded, _UNIT_WORDS))):
        found = tuple(index.units[c] for p in scope for c in table.get((p, form), ()))
        if found:
            return found
    return ()


def suggest(name: str, province_name_or_code: str | None = None, limit: int = 3) -> tuple[Unit, ...]:
    """Today's units whose names are closest to ``name`` (toneless, with or without the kind word):
    the "did you mean" of a name that ``find_units`` does not know."""
    pool = units(province_name_or_code) if province_name_or_code else tuple(_index().units.values())
    return _closest(name, pool, lambda u: (u.folded, fold(u.short)), limit)


def _ratio(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b)
    # The cheap upper bounds first: most names of a province are nowhere near.
    if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
        return 0.0
    return matcher.ratio()


def _closest(name: str, pool, forms, limit: int):  # type: ignore[no-untyped-def]
    folded = fold(name)
    bare = _strip_kind(folded, _UNIT_WORDS + _DISTRICT_WORDS + _PROVINCE_WORDS)
    scored = []
    for item in pool:
        score = max(_ratio(query, form) for form in forms(item) for query in (folded, bare))
        if bare and any(f" {bare} " in f" {form} " for form in forms(item)):
            score = max(score, 0.9)  # the words typed are all in the name: "lai" for "Tỉnh Lai Châu"
        if score >= 0.6:
            scored.append((-score, item))
    scored.sort(key=lambda pair: pair[0])
    return tuple(item for _, item in scored[:limit])


# ---------------------------------------------------------------------------------------------
# Former units and the crosswalk


def former_provinces(province_name_or_code: str) -> tuple[FormerProvince, ...]:
    """The former provinces today's province is made of (Vĩnh Long: Bến Tre, Vĩnh Long, Trà Vinh)."""
    p = province(province_name_or_code)
    return tuple(_index().former_provinces[c] for c in p.former) if p else ()


@lru_cache(maxsize=1024)
def former_province(name_or_code: str) -> FormerProvince | None:
    """A former province by its old code ("84") or its name ("Tỉnh Trà Vinh", "tra vinh")."""
    index = _index()
    text = name_or_code.strip()
    if text.isdigit():
        return index.former_provinces.get(f"{int(text):02d}")
    codes = (index.former_province_keys.get(_key(text))
             or index.former_province_keys.get(_key(_strip_kind(fold(text), _PROVINCE_WORDS))) or set())
    return index.former_provinces[next(iter(codes))] if len(codes) == 1 else None


def former_districts(former_province_code: str) -> tuple[FormerDistrict, ...]:
    """The districts of a former province on 30 June 2025, by code."""
    index = _index()
    _former(index, former_province_code)
    return tuple(index.districts_of.get(former_province_code, ()))


def former_communes(district: FormerDistrict) -> tuple[FormerCommune, ...]:
    """The communes of a former district on 30 June 2025, by code."""
    index = _index()
    _former(index, district.province)
    return tuple(index.communes_of.get(district.code, ()))


@lru_cache(maxsize=4096)
def made_of(code: str) -> tuple[tuple[FormerCommune, FormerDistrict, bool], ...]:
    """The former communes today's unit ``code`` was made of, with their districts, by former
    code; True beside one that went into it only in part (a divided commune)."""
    index = _index()
    u = unit(code)
    if u is None:
        return ()
    out = []
    for fp in former_provinces(u.province):
        _former(index, fp.code)
        for d in index.districts_of[fp.code]:
            out += [(c, d, c.today != u.code) for c in index.communes_of[d.code] if u.code in (c.today, *c.also)]
            if d.today == u.code:  # an island district without communes, today one special zone
                out.append((FormerCommune("", d.name, "", d.code, d.province, d.today), d, False))
    return tuple(out)


_ROMAN = {r: str(n) for n, r in enumerate("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv".split(), 1)}


def _lookup(keys: dict, scope: str, text: str, words: tuple[str, ...]) -> set[str]:  # type: ignore[type-arg]
    """Codes named by ``text`` within ``scope``: the name as written (with its kind word, or an
    earlier name the data keeps as an alias), else the name without the kind word. The packages'
    keywords include both, and names from before the 2019–2025 mergers."""
    bare = _strip_kind(fold(text), words)
    # Numbered wards: the official "Phường IV" of Tây Ninh is "Phường 4" in vietnamadminunits.
    number = _ROMAN.get(bare)
    for form in (_key(text), _key(bare), *((_key(text.replace(text.split()[-1], number)), number) if number else ())):
        found = keys.get((scope, form))
        if found:
            return set(found)
    return set()


@lru_cache(maxsize=65536)
def place(commune: str | None, district: str | None = None, province_name: str | None = None) -> Placement:
    """Where a unit named on a certificate issued before 1 July 2025 is today.

    ``province_name`` is the former province, or today's province (then each of the former
    provinces it is made of is searched, the one of the same name first); ``district`` the former
    district (any of its names, with or without "Huyện"); ``commune`` the former commune, or None
    for a whole district, whose today's units are then ``also``. A commune the 30 June 2025 list
    does not hold under that district is looked for in the whole former province, because
    communes moved between districts.
    """
    index = _index()
    scopes: list[FormerProvince] = []
    if province_name:
        exact = former_province(province_name)
        scopes = [exact] if exact else []
        scopes += [fp for fp in former_provinces(province_name) if fp not in scopes]
        if not scopes:
            return Placement(None, missing="province", asked=province_name,
                             suggestions=_close_names(province_name, index.former_provinces.values()))
    else:
        scopes = list(index.former_provinces.values())
    for fp in scopes:
        _former(index, fp.code)
    if district is None:
        if commune is None:
            raise ValueError("place() needs a commune, a district or both")
        districts = [d for fp in scopes for d in index.districts_of[fp.code]]
    else:
        # The former province of the name given first ("Trà Vinh": its Huyện Châu Thành), then the
        # others of today's province together ("Vĩnh Long": Bến Tre's and Trà Vinh's, ambiguous).
        found: set[str] = set()
        for group in ([scopes[0]], scopes[1:]) if exact else (scopes,):
            for fp in group:
                found |= _lookup(index.district_keys, fp.code, district, _DISTRICT_WORDS)
            if found:
                break
        if len(found) != 1:
            pool = [d for fp in scopes for d in index.districts_of[fp.code]]
            names = (tuple(f"{index.districts[c].name}, {index.former_provinces[index.districts[c].province].name}"
                           for c in sorted(found)) if found
                     else _close_names(district, pool))
            return Placement(None, province=scopes[0] if len(scopes) == 1 else None,
                             missing="ambiguous" if found else "district", asked=district, suggestions=names)
        districts = [index.districts[found.pop()]]
        if commune is None:
            d = districts[0]
            if d.today:  # an island district, today one special zone
                return Placement(index.units[d.today], district=d, province=index.former_provinces[d.province])
            today = dict.fromkeys(u for c in index.communes_of[d.code] for u in (c.today, *c.also))
            return Placement(None, district=d, province=index.former_provinces[d.province],
                             also=tuple(index.units[u] for u in today))
    found = set()
    for d in districts:
        found |= _lookup(index.commune_keys, d.code, commune, _UNIT_WORDS)
    if not found and district is not None:
        # Moved between districts over the years: look in the whole former province.
        d = districts[0]
        for other in index.districts_of[d.province]:
            found |= _lookup(index.commune_keys, other.code, commune, _UNIT_WORDS)
    d0 = districts[0] if len(districts) == 1 else None
    if len(found) != 1:
        pool = [c for d in districts for c in index.communes_of[d.code]]
        names = tuple(_former_label(index, index.communes[c]) for c in sorted(found)) if found \
            else _close_names(commune, pool)
        return Placement(None, district=d0, province=index.former_provinces[d0.province] if d0 else None,
                         missing="ambiguous" if found else "commune", asked=commune, suggestions=names)
    c = index.communes[found.pop()]
    return Placement(index.units[c.today], former=c, district=index.districts[c.district],
                     province=index.former_provinces[c.province], also=tuple(index.units[u] for u in c.also))


def place_address(address: str, province_name: str) -> Placement:
    """Where an address of a provincial list is today, written in the old form ("Bản Nà Bó, xã
    Mường Sang, huyện Mộc Châu, tỉnh Sơn La") or the new one ("Tiểu khu 4, phường Mộc Châu, tỉnh
    Sơn La"); ``province_name`` (today's or a former province) is used when the address names none.

    The old form is tried first: a ward of today may carry a former district's name ("Mộc Châu");
    and a last part that reads as a province ("TP Sơn La") may be a former district instead.
    """
    parts = [p.strip() for p in re.split(r"[,;\n]", address) if p.strip()]
    readings = []
    if len(parts) > 1 and (province(parts[-1]) or former_province(parts[-1])):
        readings.append((parts[:-1], parts[-1]))
    readings.append((parts, province_name))
    for rest, where in readings:
        if len(rest) >= 2:
            old = place(rest[-2], rest[-1], where)
            if old.today is not None:
                return old
        today_province = province(where) or province(getattr(former_province(where), "today", "") or "")
        if rest and today_province:
            found = find_units(rest[-1], today_province.code)
            if len(found) == 1:
                return Placement(found[0])
    rest, where = readings[0]
    last = rest[-1] if rest else address
    today_province = province(where) or province(getattr(former_province(where), "today", "") or "")
    return Placement(None, missing="commune", asked=last,
                     suggestions=tuple(u.name for u in suggest(last, today_province.code)) if today_province else ())


def _former_label(index: _Index, c: FormerCommune) -> str:
    return f"{c.name}, {index.districts[c.district].name}"


def _close_names(name: str, pool) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    words = _UNIT_WORDS + _DISTRICT_WORDS + _PROVINCE_WORDS
    return tuple(item.name for item in _closest(name, pool, lambda item: (fold(item.name), _strip_kind(
        fold(item.name), words)), 3))


def disagreements() -> tuple[str, ...]:
    """Where the two packages differ on today's units (codes, names, units one of them lacks, former
    communes the crosswalk leaves out). Reads every former province."""
    index = _index()
    for code in index.former_provinces:
        _former(index, code)
    return tuple(index.disagreements)


# ---------------------------------------------------------------------------------------------
# The `units:` section of site_config.yml (``ocop units``)

_WORDS = {
    "vi": {
        "head": "Đơn vị hành chính của {province} từ ngày 01/7/2025, tạo bằng lệnh `ocop units {code}`\n"
                "# từ danh mục chính thức và bảng chuyển đổi đơn vị cũ → mới:\n# {sources}.\n"
                "# Chạy lại lệnh khi danh mục thay đổi, thay vì sửa tay.",
        "today": "{count} đơn vị cấp xã hiện nay ({kinds}), theo mã của Cục Thống kê.",
        "former": "Đơn vị trước ngày 01/7/2025, cho các giấy chứng nhận cấp trước đó. `today`: mã đơn vị\n"
                  "  # hiện nay mà đơn vị cũ đã nhập vào; `also`: các đơn vị nhận một phần của xã cũ bị chia.",
        "part": "một phần: {names}",
        "sources": "vietnam-provinces {vietnam_provinces}, dữ liệu ngày {vietnam_provinces_data}; "
                   "vietnamadminunits {vietnamadminunits}",
    },
    "en": {
        "head": "Administrative units of {province} since 1 July 2025, made by `ocop units {code}`\n"
                "# from the official list and the old → new crosswalk:\n# {sources}.\n"
                "# Run the command again when the list changes instead of editing by hand.",
        "today": "{count} commune-level units today ({kinds}), with the Statistics Office codes.",
        "former": "Units before 1 July 2025, for certificates issued before then. `today`: code of today's\n"
                  "  # unit the former one became; `also`: units that took part of a divided commune.",
        "part": "in part: {names}",
        "sources": "vietnam-provinces {vietnam_provinces}, data of {vietnam_provinces_data}; "
                   "vietnamadminunits {vietnamadminunits}",
    },
}


def _slug(name: str, words: tuple[str, ...]) -> str:
    return _strip_kind(fold(name), words).replace(" ", "-")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _unique(choices: list[list[str]]) -> list[str]:
    """Ids in the style of site_config.yml ("moc-chau"): each item's first choice, or its next one
    while another item of the list wants the same id; numbered when the choices run out."""
    picked = [0] * len(choices)
    while True:
        ids = [c[min(i, len(c) - 1)] for c, i in zip(choices, picked)]
        counts: dict[str, int] = defaultdict(int)
        for i in ids:
            counts[i] += 1
        clashing = [n for n, i in enumerate(ids) if counts[i] > 1 and picked[n] < len(choices[n]) - 1]
        if not clashing:
            break
        for n in clashing:
            picked[n] += 1
    seen: dict[str, int] = defaultdict(int)
    out = []
    for i in ids:
        seen[i] += 1
        out.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    return out


def units_section(province_name_or_code: str, lang: str = "vi") -> str:
    """The ``units:`` section of site_config.yml for one of today's provinces: its wards, communes
    and special zones with their codes, and the former provinces, districts and communes it is
    made of, each with the code of the unit it became. YAML text with comments."""
    p = province(province_name_or_code)
    if p is None:
        raise LookupError(province_name_or_code)
    words = _WORDS.get(lang, _WORDS["vi"])
    versions = data_versions()
    sources = words["sources"].format(**{k.replace("-", "_").replace(" ", "_"): v for k, v in versions.items()})
    today = units(p.code)
    kinds = defaultdict(int)
    for u in today:
        kinds[u.kind] += 1
    lines = [f"# {words['head'].format(province=p.name, code=p.code, sources=sources)}",
             "units:",
             f"  province: {{code: {_q(p.code)}, name: {_q(p.name)}}}",
             f"  # {words['today'].format(count=len(today), kinds=', '.join(f'{n} {k}' for k, n in kinds.items()))}",
             "  today:"]
    lines += [f"    - {{code: {_q(u.code)}, name: {_q(u.name)}, kind: {_q(u.kind)}}}" for u in today]
    lines += [f"  # {words['former']}", "  former:"]
    former = former_provinces(p.code)
    all_districts = [d for fp in former for d in former_districts(fp.code)]
    # "chau-thanh"; "chau-thanh-tra-vinh" when two former provinces had one; "thi-xa-duyen-hai"
    # beside "huyen-duyen-hai" in one province.
    province_slug = {fp.code: _slug(fp.name, _PROVINCE_WORDS) for fp in former}
    # "Quận 1" is "quan-1", never "1" (see the communes below).
    district_ids = _unique([[short, f"{short}-{province_slug[d.province]}"][short.isdigit() * 2:]
                            + [full, f"{full}-{province_slug[d.province]}"]
                            for d in all_districts
                            for short, full in [(_slug(d.name, _DISTRICT_WORDS), _slug(d.name, ()))]])
    ids = dict(zip((d.code for d in all_districts), district_ids))
    for fp in former:
        lines += [f"    - province: {{code: {_q(fp.code)}, name: {_q(fp.name)}}}", "      districts:"]
        for d in former_districts(fp.code):
            lines += [f"        - id: {ids[d.code]}", f"          code: {_q(d.code)}", f"          name: {_q(d.name)}"]
            communes = former_communes(d)
            if d.today:
                lines.append(f"          today: {_q(d.today)}  # → {unit(d.today).name}")  # type: ignore[union-attr]
            if not communes:
                lines.append("          communes: []")
                continue
            lines.append("          communes:")
            # "Phường 1" is "phuong-1", never "1": a bare number is read as one by other YAML tools (W111).
            commune_ids = _unique([[s for s in (_slug(c.name, _UNIT_WORDS), _slug(c.name, ())) if not s.isdigit()]
                                   for c in communes])
            for c, cid in zip(communes, commune_ids):
                became = unit(c.today)
                also = f", also: [{', '.join(_q(a) for a in c.also)}]" if c.also else ""
                note = became.name if became else ""
                if c.also:
                    parts = ", ".join(u.name for u in (unit(a) for a in c.also) if u)
                    note += f" ({words['part'].format(names=parts)})"
                lines.append(f"            - {{id: {cid}, code: {_q(c.code)}, name: {_q(c.name)}, "
                             f"today: {_q(c.today)}{also}}}  # → {note}")
    return "\n".join(lines) + "\n"
