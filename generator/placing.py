"""Where each product is: as its certificate placed it, and on today's map.

A record names the former district and commune of a certificate issued before 1 July 2025
(``district``/``commune``: ids declared in ``site_config.yml``), today's ward or commune
(``ward``: its official code), or both. This module joins them to the official units through
``places`` (the packages' lists and crosswalk): the checks of ``ward`` and of the config's former
units, and ``where``, the derived place of a record, used by every page and the open data.

Floor: rules and derived (it knows the config and the record format, nothing of pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import places
from .diagnostics import Diagnostic
from .messages import Said, listed, said

if TYPE_CHECKING:  # the config module imports nothing from here; this keeps it that way
    from .config import District, SiteConfig
    from .schema import Product
    from .yamlload import Loaded

REFORM_DATE = places.REFORM_DATE

Problem = tuple[tuple[str | int, ...], str, Said, Said]  # (location, code, message, hint), as grading's


@dataclass(frozen=True)
class Where:
    """A product's two places. ``today`` is None when it cannot be told (a record naming only a
    former district, whose communes went to several of today's units: then they are ``also``)."""

    today: places.Unit | None
    province: places.Province | None  # today's province
    also: tuple[places.Unit, ...] = ()
    district_id: str | None = None  # as certified (ids and names from site_config.yml); None since the reform
    district: str = ""
    commune: str = ""
    former_province: str = ""  # the former province's name, when it is not today's province's

    @property
    def certified(self) -> bool:
        """True when the record names where a certificate issued before the reform placed it."""
        return self.district_id is not None


def folder(product: Product) -> str:
    """The folder under products/ a record lives in: its district (records of certificates issued
    before the reform, as always), else the first part of its id (``products/SL/SL-0412.yml``):
    fixed with the id, so no unit that disappears ever moves a file."""
    return product.district if product.district else product.id.split("-")[0]


def osm_link(unit: places.Unit | None) -> str | None:
    """An OpenStreetMap link at commune zoom to the unit's centre (the crosswalk data's point)."""
    if unit is None or unit.lat is None or unit.lon is None:
        return None
    return (f"https://www.openstreetmap.org/?mlat={unit.lat:.5f}&mlon={unit.lon:.5f}"
            f"#map=13/{unit.lat:.5f}/{unit.lon:.5f}")


# ---------------------------------------------------------------------------------------------
# The catalogue's province and its units, once per config object


def _memo(config: SiteConfig) -> dict:  # type: ignore[type-arg]
    return config._places  # a private slot of SiteConfig: pickled with it to worker processes


def today_province(config: SiteConfig) -> places.Province | None:
    """Today's province of the catalogue: ``units.province``, else the one ``province.name`` names
    (today's, or a former province: then the one it is part of)."""
    memo = _memo(config)
    if "province" not in memo:
        found = places.province(config.units.province.code) if config.units else None
        if found is None:
            found = places.province(config.province.name)
        if found is None:
            former = places.former_province(config.province.name)
            found = places.province(former.today) if former else None
        memo["province"] = found
    return memo["province"]  # type: ignore[no-any-return]


def today_units(config: SiteConfig) -> dict[str, places.Unit]:
    """Today's wards, communes and special zones of the catalogue by code: ``units.today`` when
    the config has it (as ``ocop units`` wrote it), else the official list of its province."""
    memo = _memo(config)
    if "units" not in memo:
        province = today_province(config)
        if config.units:
            out = {}
            for u in config.units.today:
                official = places.unit(u.code)
                out[u.code] = official if official and official.name == u.name else places.Unit(
                    u.code, u.name, u.kind, config.units.province.code)
        else:
            out = {u.code: u for u in places.units(province.code)} if province else {}
        memo["units"] = out
    return memo["units"]  # type: ignore[no-any-return]


def _former_province_name(config: SiteConfig, district: District) -> str:
    return district.former_province or config.province.name


def crosswalk(config: SiteConfig) -> dict[tuple[str, str | None], places.Placement]:
    """Where each district and commune of ``districts:`` is today: (district id, commune id or
    None for the district) -> placement. A commune's ``ward`` in the config wins over the
    crosswalk (for a commune it cannot place)."""
    memo = _memo(config)
    if "crosswalk" not in memo:
        units = today_units(config)
        out: dict[tuple[str, str | None], places.Placement] = {}
        for d in config.districts:
            province = _former_province_name(config, d)
            whole = places.place(None, d.name, province)
            out[d.id, None] = whole
            for c in d.communes:
                if c.ward:
                    out[d.id, c.id] = places.Placement(units.get(c.ward) or places.unit(c.ward),
                                                       district=whole.district, province=whole.province)
                else:
                    out[d.id, c.id] = places.place(c.name, d.name, province)
        memo["crosswalk"] = out
    return memo["crosswalk"]  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------------
# Derived: where a record's product is


def where(product: Product, config: SiteConfig) -> Where:
    """The product's place today and, for a record naming a former district, as certified."""
    province = today_province(config)
    units = today_units(config)
    ward = units.get(product.ward) if product.ward else None
    if product.district is None:
        return Where(ward, province)
    district = config.district(product.district)
    commune = next((c for c in district.communes if c.id == product.commune), None) if district else None
    placed = crosswalk(config).get((product.district, product.commune if commune else None))
    today, also = (placed.today, placed.also) if placed else (None, ())
    if ward is not None:
        today, also = ward, ()
    former = placed.province.name if placed and placed.province else ""
    own = province is not None and places.fold(former) == places.fold(province.name)
    return Where(today, province, tuple(also) if today is None else (), product.district,
                 district.name if district else product.district, commune.name if commune else "",
                 "" if own or not former else former)


def wheres(catalogue_entries, config: SiteConfig) -> dict[str, Where]:  # type: ignore[no-untyped-def]
    """``where`` of every entry of a catalogue, by id."""
    return {e.id: where(e.record, config) for e in catalogue_entries}


def district_today(config: SiteConfig, district_id: str) -> tuple[places.Unit, ...]:
    """Today's units a former district of the config became (whole or in part), by code."""
    placed = crosswalk(config).get((district_id, None))
    if placed is None:
        return ()
    found = {u.code: u for u in ((placed.today,) if placed.today else ()) + tuple(placed.also)}
    return tuple(sorted(found.values(), key=lambda u: u.code))


# ---------------------------------------------------------------------------------------------
# Rules


def check_record(product: Product, config: SiteConfig | None) -> list[Problem]:
    """`ward` against the official list and the province; a record names a place at all."""
    problems: list[Problem] = []
    if product.district is None and product.ward is None:
        problems.append(((), "E200", said("E200.place"), said("E200.place.hint")))
    if product.district is None and product.commune is not None:
        problems.append((("commune",), "E404", said("E404.no_district"), said("E404.no_district.hint")))
    if product.ward is None or config is None:
        return problems
    province = today_province(config)
    units = today_units(config)
    if product.ward in units:
        problems.extend(_ward_beside_district(product, config, units[product.ward]))
        return problems
    problems.append((("ward",), "E411", *_unknown_ward(product.ward, province, units)))
    return problems


def _label(u: places.Unit) -> str:
    return f'"{u.code}" ({u.name})'


def _unknown_ward(text: str, province: places.Province | None, units: dict[str, places.Unit]) -> tuple[Said, Said]:
    where_: Said | str = province.name if province else said("word.this_province")
    codes = said("E411.codes")
    if text.isdigit():
        other = places.unit(text)
        if other is not None and len(text) == 5:
            elsewhere = places.province(other.province)
            return (said("E411.elsewhere", text=text, unit=other.name, province=elsewhere.name if elsewhere else "",
                         here=where_), codes)
        return (said("E411.not_code", text=text, here=where_),
                said("E411.five_digits") + codes if len(text) != 5 else codes)
    # A name written where the code goes: say which code it is, or the closest names.
    found = [u for u in places.find_units(text, province.code) if u.code in units] if province else []
    if len(found) == 1:
        return said("E411.name"), said("E411.name.hint", code=found[0].code, name=found[0].name)
    if found:
        return (said("E411.several", text=text, here=where_, units=", ".join(_label(u) for u in found)),
                said("E411.several.hint"))
    elsewhere = places.find_units(text)
    close = [u for u in places.suggest(text, province.code) if u.code in units] if province else []
    hint = said("hint.did_you_mean", guess=listed([_label(u) for u in close])) + codes if close else codes
    if elsewhere:
        named = ", ".join(f"{u.name}, {_province_name(u)}" for u in elsewhere[:3])
        return said("E411.other_province", text=text, here=where_, named=named), hint
    return said("E411.unknown", text=text, here=where_), hint


def placement_said(placed: places.Placement) -> Said:
    """Why a former unit could not be placed (``Placement.describe``, in either language)."""
    close = said("hint.did_you_mean", guess=_quoted_or(placed.suggestions)) if placed.suggestions else None
    if placed.missing == "ambiguous":
        return said("W503.ambiguous", asked=placed.asked, names=_quoted_or(placed.suggestions))
    where_ = {
        "province": said("W503.former_province"),
        "district": said("W503.former_district_of", province=placed.province.name) if placed.province
        else said("W503.former_district"),
        "commune": said("W503.former_commune_of", district=placed.district.name) if placed.district
        else said("W503.former_commune"),
    }[str(placed.missing)]
    return said("W503.not_listed", asked=placed.asked, where=where_) + close


def _quoted_or(names: tuple[str, ...]) -> Said:
    return listed([f"'{n}'" for n in names])


def _province_name(u: places.Unit) -> str:
    p = places.province(u.province)
    return p.name if p else u.province


def _ward_beside_district(product: Product, config: SiteConfig, ward: places.Unit) -> list[Problem]:
    """A `ward` beside `district`: it names which part of a divided commune; any other unit
    contradicts the crosswalk."""
    if product.district is None or config.district(product.district) is None:
        return []
    placed = crosswalk(config).get((product.district, product.commune))
    if placed is None:
        return []
    possible = {u.code for u in ((placed.today,) if placed.today else ()) + tuple(placed.also)}
    if not possible or ward.code in possible:
        return []
    named = placed.former.name if placed.former else (placed.district.name if placed.district else product.district)
    became = listed([_label(u) for u in ((placed.today,) if placed.today else ()) + tuple(placed.also)])
    return [(("ward",), "W412", said("W412.became", named=named, became=became, ward=_label(ward)),
             said("W412.became.hint"))]


def check_config(config: SiteConfig, loaded: Loaded) -> list[Diagnostic]:
    """The province must be one of today's (or a former one); each former district and commune
    of ``districts:`` must be placed by the crosswalk, else a warning says what to write."""
    out: list[Diagnostic] = []

    def add(loc: tuple[str | int, ...], code: str, message: Said, hint: Said) -> None:
        pos = loaded.pos(loc)
        out.append(Diagnostic(loaded.path, pos.line, pos.col, code, ".".join(
            f"[{p}]" if isinstance(p, int) else p for p in loc).replace(".[", "["), message, hint))

    if config.units and places.province(config.units.province.code) is None:
        add(("units", "province", "code"), "E500", said("E500.province_code", code=config.units.province.code),
            said("E500.province_code.hint"))
        return out
    province = today_province(config)
    if province is None:
        close = places.suggest_provinces(config.province.name)
        write = said("W503.province.hint")
        add(("province", "name"), "W503", said("W503.province", name=config.province.name),
            said("hint.did_you_mean", guess=listed([repr(p.name) for p in close])) + write if close else write)
        return out
    units = today_units(config)
    walk = crosswalk(config)
    for i, d in enumerate(config.districts):
        whole = walk[d.id, None]
        if whole.missing:
            add(("districts", i, "name"), "W503", placement_said(whole),
                said("W503.district.hint" if d.former_province else "W503.district.hint_province"))
            continue
        for j, c in enumerate(d.communes):
            if c.ward is not None:
                if c.ward not in units:
                    add(("districts", i, "communes", j, "ward"), "E500",
                        said("E500.commune_ward", ward=c.ward, province=province.name), said("E500.commune_ward.hint"))
                continue
            placed = walk[d.id, c.id]
            if placed.missing:
                guess = [u for u in places.find_units(c.name, province.code) if u.code in units]
                write = (said("W503.commune.hint", write=f'ward: "{guess[0].code}"  # {guess[0].name}')
                         if len(guess) == 1 else said("W503.commune.hint", write=said("W503.commune.code")))
                add(("districts", i, "communes", j, "name"), "W503", placement_said(placed), write)
    return out


def former_province_code(name: str) -> str:
    """A former province's official code, or its folded name when the list does not know it."""
    found = places.former_province(name)
    return found.code if found else places.fold(name)


def districts_of_former_province(config: "SiteConfig", name: str) -> set[str]:
    """Ids of the districts of ``config`` that belonged to the former province ``name`` (a district
    without ``former_province`` belonged to the province the configuration names)."""
    mine = former_province_code(name)
    return {d.id for d in config.districts if former_province_code(d.former_province or config.province.name) == mine}
