"""Today's units and the crosswalk from the former ones (generator/places.py), checked against the
two packages' own data and functions: the official list through vietnam-provinces' Python API,
the crosswalk through vietnamadminunits' own converter (which places.py does not call)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import places
from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
SON_LA = "14"


def _config(path: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _sample_communes(path: Path) -> list[tuple[str, str, str]]:
    config = _config(path)
    return [(c["name"], d["name"], d.get("former_province") or config["province"]["name"])
            for d in config["districts"] for c in d.get("communes", [])]


@pytest.fixture(scope="module")
def converter(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """vietnamadminunits' own old → new address converter, unable to reach its online geocoder
    (it asks one only for an address with a street in a divided commune; none is given here)."""
    from vietnamadminunits import convert_address
    from vietnamadminunits.converter import converter_2025

    def offline(address: str) -> None:
        raise AssertionError(f"the converter tried to geocode {address!r} online")

    saved = converter_2025.get_geo_location
    converter_2025.get_geo_location = offline
    request.addfinalizer(lambda: setattr(converter_2025, "get_geo_location", saved))
    return convert_address


def _their_today(convert, commune: str, district: str, province: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    unit = convert(f"{commune}, {district}, {province}")
    return unit.province_code, places.fold(unit.ward or "")


# ---------------------------------------------------------------------------------------------
# Today's units


def test_son_la_has_75_units_and_the_official_list_is_read_as_its_package_gives_it() -> None:
    from vietnam_provinces import Ward

    ours = {u.code: (u.name, u.kind) for u in places.units("Sơn La")}
    theirs = {f"{int(w.code):05d}": (" ".join(w.name.split()), w.division_type.value) for w in Ward.iter_by_province(14)}
    assert len(ours) == 75
    assert ours == theirs
    assert len(places.provinces()) == 34
    assert sum(len(places.units(p.code)) for p in places.provinces()) == sum(1 for _ in Ward.iter_all())


def test_both_packages_name_the_same_75_units_of_son_la_and_every_code_difference_is_reported() -> None:
    from generator.places import _adminunits_data

    with sqlite3.connect(_adminunits_data() / "dataset.db") as db:
        theirs = dict(db.execute("SELECT wardCode, ward FROM admin_units WHERE provinceCode = ?", (SON_LA,)))
    ours = {u.code: u.name for u in places.units(SON_LA)}
    assert len(theirs) == 75
    assert sorted(places.fold(n) for n in theirs.values()) == sorted(places.fold(n) for n in ours.values())
    by_name = {places.fold(n): c for c, n in theirs.items()}
    differing = {u.name for u in places.units(SON_LA) if by_name[u.folded] != u.code}
    reported = {d.split(" (")[0] for d in places.disagreements() if f"province {SON_LA})" in d}
    assert reported == differing
    # Where they differ the official code wins, and the unit keeps the second package's coordinates.
    for u in places.units(SON_LA):
        assert u.lat is not None and 20 < u.lat < 22.1 and 103 < u.lon < 105.2, u  # type: ignore[operator]


def test_did_you_mean_finds_today_s_unit_from_toneless_and_misspelt_names() -> None:
    assert [u.name for u in places.find_units("moc chau", "Sơn La")] == ["Phường Mộc Châu"]
    assert [u.name for u in places.find_units("Phuong Moc Chau", "14")] == ["Phường Mộc Châu"]
    assert [u.code for u in places.find_units("03980", "Sơn La")] == ["03980"]
    assert places.find_units("03980", "Gia Lai") == ()  # a code of another province
    assert places.find_units("moc chu", SON_LA) == ()
    assert places.suggest("moc chu", SON_LA)[0].name == "Phường Mộc Châu"
    assert places.suggest("moc chau", SON_LA)[0].name == "Phường Mộc Châu"
    assert places.suggest("Xa Chieng Hac", SON_LA)[0].name == "Xã Chiềng Hặc"


def test_names_that_fold_alike_are_told_apart_when_written_with_their_marks() -> None:
    # Tây Ninh has both a Tân Thành and a Tân Thạnh; Cao Bằng's list writes "Đàm Thuỷ".
    assert [u.name for u in places.find_units("Xã Tân Thành", "Tây Ninh")] == ["Xã Tân Thành"]
    assert sorted(u.name for u in places.find_units("xa tan thanh", "Tây Ninh")) == ["Xã Tân Thành", "Xã Tân Thạnh"]
    assert [u.name for u in places.find_units("Xã Đàm Thủy", "Cao Bằng")] == ["Xã Đàm Thuỷ"]


# ---------------------------------------------------------------------------------------------
# The crosswalk


def test_every_former_commune_of_the_sample_is_in_one_of_today_s_son_la_units(converter) -> None:  # type: ignore[no-untyped-def]
    communes = _sample_communes(ROOT / "site_config.yml")
    assert len(communes) > 100
    unplaced = []
    for commune, district, province in communes:
        placed = places.place(commune, district, province)
        if placed.today is None:
            unplaced.append(placed.describe())
            continue
        assert placed.today.province == SON_LA and placed.also == (), (commune, placed)
        assert (SON_LA, placed.today.folded) == _their_today(converter, commune, district, province), commune
    assert unplaced == []


def test_every_former_commune_of_son_la_in_the_data_is_placed_and_every_unit_of_today_is_reached(converter) -> None:  # type: ignore[no-untyped-def]
    former = places.former_province("Sơn La")
    assert former is not None and former.today == SON_LA
    reached = set()
    total = 0
    for district in places.former_districts(former.code):
        for commune in places.former_communes(district):
            total += 1
            placed = places.place(commune.name, district.name, former.name)
            assert placed.former == commune and placed.today is not None
            assert (SON_LA, placed.today.folded) == _their_today(converter, commune.name, district.name, former.name)
            reached.add(placed.today.code)
    assert total == 200  # the communes of 30 June 2025
    assert reached == {u.code for u in places.units(SON_LA)}


def test_the_certificate_s_place_of_the_issue_s_example() -> None:
    placed = places.place("Xã Mường Sang", "Huyện Mộc Châu", "Tỉnh Sơn La")
    assert placed.today is not None and placed.today.name == "Phường Mộc Châu"
    # Mộc Châu became a town (thị xã) before the reform; the certificate's "huyện" still finds it.
    assert placed.district is not None and placed.district.name == "Thị xã Mộc Châu"
    assert places.place("muong sang", "moc chau", "son la").today == placed.today


def test_an_unknown_former_unit_says_what_it_looked_for_and_what_is_close() -> None:
    commune = places.place("Xã Mường Sangg", "Huyện Mộc Châu", "Sơn La")
    assert commune.today is None and commune.missing == "commune"
    assert "Thị xã Mộc Châu" in commune.describe() and "'Phường Mường Sang'" in commune.describe()
    district = places.place("Xã Mường Sang", "Huyện Mộc Chau Cũ", "Sơn La")
    assert district.missing == "district" and "Thị xã Mộc Châu" in district.suggestions
    province = places.place("Xã Mường Sang", "Huyện Mộc Châu", "Tỉnh Sơn Lâm")
    assert province.missing == "province" and "Tỉnh Sơn La" in province.suggestions


@pytest.mark.parametrize(("former", "today"), [("Trà Vinh", "Tỉnh Vĩnh Long"), ("Bến Tre", "Tỉnh Vĩnh Long"),
                                               ("Quảng Bình", "Tỉnh Quảng Trị"), ("Long An", "Tỉnh Tây Ninh"),
                                               ("Bình Định", "Tỉnh Gia Lai"), ("Sơn La", "Tỉnh Sơn La")])
def test_merged_provinces(former: str, today: str) -> None:
    old = places.former_province(former)
    assert old is not None and places.province(old.today).name == today  # type: ignore[union-attr]
    assert old.code in places.province(today).former  # type: ignore[union-attr]
    # Every former commune of a merged province lies in today's province.
    for district in places.former_districts(old.code):
        for commune in places.former_communes(district):
            assert places.unit(commune.today).province == old.today  # type: ignore[union-attr]


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir()))
def test_every_commune_of_the_examples_is_placed_as_the_package_s_converter_places_it(example: str, converter) -> None:  # type: ignore[no-untyped-def]
    unplaced = []
    for commune, district, province in _sample_communes(ROOT / "examples" / example / "site_config.yml"):
        placed = places.place(commune, district, province)
        if placed.today is None:
            unplaced.append(placed.describe())
            continue
        assert (placed.today.province, placed.today.folded) == _their_today(converter, commune, district, province) \
            or commune == "Phường IV", commune  # the converter knows only "Phường 4"
    assert unplaced == []


def test_dak_doa_district_of_gia_lai() -> None:
    district = places.place(None, "Huyện Đak Đoa", "Gia Lai")
    assert district.today is None and district.missing == ""
    names = {u.name for u in district.also}
    assert "Xã Đak Đoa" in names and {u.province for u in district.also} == {"52"}
    town = places.place("Thị trấn Đak Đoa", "Đăk Đoa", "Tỉnh Gia Lai")
    assert town.today is not None and town.today.name == "Xã Đak Đoa" and town.today in district.also


def test_an_island_district_without_communes_became_one_special_zone() -> None:
    placed = places.place(None, "Huyện Cồn Cỏ", "Quảng Trị")
    assert placed.today is not None and placed.today.name == "Đặc khu Cồn Cỏ" and placed.today.kind == "đặc khu"
    section = yaml.safe_load(places.units_section("Quảng Trị"))["units"]
    con_co = next(d for p in section["former"] for d in p["districts"] if d["name"] == "Huyện Cồn Cỏ")
    assert con_co["today"] == placed.today.code and con_co["communes"] == []


def test_a_divided_commune_goes_to_the_unit_with_its_seat_and_names_the_others(converter) -> None:  # type: ignore[no-untyped-def]
    placed = places.place("Xã Tân Phong", "Huyện Tân Biên", "Tây Ninh")
    assert placed.today is not None and placed.also
    assert (placed.today.province, placed.today.folded) == _their_today(converter, "Xã Tân Phong", "Huyện Tân Biên",
                                                                        "Tây Ninh")
    assert placed.today not in placed.also


def test_a_merged_province_finds_districts_of_each_former_province() -> None:
    # Today's Vĩnh Long: former Bến Tre and Trà Vinh each had a "Huyện Châu Thành".
    both = places.place(None, "Huyện Châu Thành", "Vĩnh Long")
    assert both.missing == "ambiguous" and "'Huyện Châu Thành, Tỉnh Trà Vinh'" in both.describe()
    assert places.place(None, "Huyện Châu Thành", "Trà Vinh").province.name == "Tỉnh Trà Vinh"  # type: ignore[union-attr]
    assert places.place(None, "Huyện Châu Thành", "Bến Tre").province.name == "Tỉnh Bến Tre"  # type: ignore[union-attr]
    assert places.place(None, "Huyện Cầu Kè", "Vĩnh Long").province.name == "Tỉnh Trà Vinh"  # type: ignore[union-attr]


@pytest.mark.parametrize(("address", "today"), [
    ("Bản Nà Bó, Xã Mường Sang, Huyện Mộc Châu, Tỉnh Sơn La", "Phường Mộc Châu"),  # old form
    ("Tiểu khu 4, Phường Mộc Châu, Tỉnh Sơn La", "Phường Mộc Châu"),  # new form
    ("xã Chiềng Sơn, Mộc Châu", "Xã Chiềng Sơn"),  # old form, province from the catalogue
    ("Bản Hụm, Xã Chiềng Lề; TP Sơn La", "Phường Tô Hiệu"),
    ("Phường Chiềng An", "Phường Chiềng An"),
])
def test_an_address_in_either_form_is_placed(address: str, today: str) -> None:
    placed = places.place_address(address, "Sơn La")
    assert placed.today is not None and placed.today.name == today, placed.describe()


def test_an_address_that_cannot_be_placed_says_what_is_close() -> None:
    placed = places.place_address("Bản Hụm, Phường Mộc Chau Mới, Tỉnh Sơn La", "Sơn La")
    assert placed.today is None and "Phường Mộc Châu" in placed.suggestions


def test_places_never_loads_the_geocoding_package() -> None:
    # Importing vietnamadminunits loads geopy's online geocoder; places.py reads its data files only.
    code = ("import sys; from generator import places; places.place('Xã Mường Sang', 'Mộc Châu', 'Sơn La');"
            "places.units_section('14'); print(sorted(m for m in ('vietnamadminunits', 'geopy', 'shapely')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# ocop units


def test_ocop_units_prints_a_units_section_that_site_config_can_hold() -> None:
    result = CliRunner().invoke(main, ["units", "son la"], env={"OCOP_LANG": None})
    assert result.exit_code == 0, result.output
    assert "# Đơn vị hành chính của Tỉnh Sơn La" in result.output  # Vietnamese by default
    section = yaml.safe_load(result.output)["units"]
    assert section["province"] == {"code": "14", "name": "Tỉnh Sơn La"}
    assert [(u["code"], u["name"]) for u in section["today"]] == [(u.code, u.name) for u in places.units(SON_LA)]
    today = {u["code"] for u in section["today"]}
    communes = [c for p in section["former"] for d in p["districts"] for c in d["communes"]]
    assert len(communes) == 200 and all(c["today"] in today for c in communes)
    mường_sang = next(c for c in communes if c["name"] == "Phường Mường Sang")
    assert mường_sang["today"] == "03980"
    assert "Phường Mường Sang\", today: \"03980\"}  # → Phường Mộc Châu" in result.output


def test_ocop_units_of_a_merged_province_holds_each_former_province_with_distinct_ids() -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "units", "Trà Vinh"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Administrative units of Tỉnh Vĩnh Long")
    former = yaml.safe_load(result.output)["units"]["former"]
    assert [p["province"]["name"] for p in former] == ["Tỉnh Bến Tre", "Tỉnh Trà Vinh", "Tỉnh Vĩnh Long"]
    ids = [d["id"] for p in former for d in p["districts"]]
    assert len(ids) == len(set(ids))
    assert "cau-ke" in ids and "chau-thanh-tra-vinh" in ids and "chau-thanh-ben-tre" in ids
    for p in former:
        for d in p["districts"]:
            commune_ids = [c["id"] for c in d["communes"]]
            assert len(commune_ids) == len(set(commune_ids)), d["name"]


def test_ocop_units_writes_a_file_and_never_overwrites_one_unasked(tmp_path: Path) -> None:
    out = tmp_path / "units.yml"
    runner = CliRunner()
    first = runner.invoke(main, ["units", "14", "--out", str(out)], env={"OCOP_LANG": None})
    assert first.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# Đơn vị hành chính")
    out.write_text("mine", encoding="utf-8")
    again = runner.invoke(main, ["units", "14", "--out", str(out)], env={"OCOP_LANG": None})
    assert again.exit_code == 1 and "--force" in again.output and out.read_text(encoding="utf-8") == "mine"
    forced = runner.invoke(main, ["units", "14", "--out", str(out), "--force"], env={"OCOP_LANG": None})
    assert forced.exit_code == 0 and "units:" in out.read_text(encoding="utf-8")


def test_ocop_units_for_an_unknown_province_suggests_and_fails() -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "units", "Lai Chao"])
    assert result.exit_code == 1
    assert "is not one of today's 34 provinces" in result.output and "Tỉnh Lai Châu" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("province", ["Hồ Chí Minh", "Vĩnh Long"])
def test_ocop_units_never_writes_a_bare_number_as_an_id(province: str) -> None:
    # "Phường 1", "Quận 1": "1" unquoted is a number to other YAML tools (W111); "phuong-1" is an id.
    section = yaml.safe_load(places.units_section(province))["units"]
    ids = [d["id"] for p in section["former"] for d in p["districts"]]
    ids += [c["id"] for p in section["former"] for d in p["districts"] for c in d["communes"]]
    assert all(isinstance(i, str) and not i.isdigit() for i in ids)
    assert "phuong-1" in ids
