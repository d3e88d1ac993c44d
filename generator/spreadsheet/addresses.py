"""A provincial list's address column ("Địa chỉ", "Địa chỉ chủ thể") read as a place, in the old
form ("Bản Nà Ka, xã Mường Sang, huyện Mộc Châu, tỉnh Sơn La") or the new one ("Tiểu khu 4, phường
Mộc Châu, tỉnh Sơn La"), when the sheet has no district column (lists made since 1 July 2025).

An old-form address gives the certificate's district and commune as declared in site_config.yml
(today's unit then comes from the crosswalk); a new-form one gives today's ward or commune only.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import places
from ..config import District, SiteConfig
from ..messages import Said, listed, said
from ..placing import crosswalk, today_province, today_units


@dataclass(frozen=True)
class Placed:
    district: District | None = None  # the former district of site_config.yml, for an old-form address
    commune: str | None = None  # its commune's id
    ward: str | None = None  # today's unit's code, for a new-form address (or an old one outside districts:)
    ward_name: str = ""
    problem: Said | str = ""  # why the address could not be placed, and what to write ("" when placed)
    note: Said | str = ""  # a warning worth saying (an old-form address whose district is not in site_config.yml)


def place(config: SiteConfig, address: str) -> Placed:
    """Where an address of the sheet is, for the record."""
    province = today_province(config)
    if province is None:
        return Placed(problem=said("import.province_unknown", province=config.province.name))
    found = places.place_address(address, province.name)
    units = today_units(config)
    if found.today is None or found.today.code not in units:
        close = said("import.did_you_mean", names=listed(found.suggestions)) if found.suggestions else ""
        return Placed(problem=said("import.address_unknown", province=province.name, close=close))
    if found.former is not None:
        for d in config.districts:
            whole = crosswalk(config).get((d.id, None))
            if whole is None or whole.district is None or whole.district.code != found.former.district:
                continue
            commune = next((c.id for c in d.communes if (p := crosswalk(config).get((d.id, c.id)))
                            and p.former is not None and p.former.code == found.former.code), None)
            return Placed(district=d, commune=commune)
        return Placed(ward=found.today.code, ward_name=found.today.name,
                      note=said("import.old_district", former=found.former.name,
                                district=found.district.name if found.district else "", today=found.today.name))
    return Placed(ward=found.today.code, ward_name=found.today.name)
