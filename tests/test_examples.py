"""Each example plan (the five real provincial plans as configurations) validates and builds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import hashlib
import shutil

from generator import places
from generator.build import build
from generator.plan import evaluate, scoped
from generator.validate import validate

from conftest import ROOT, TODAY, write_record

EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/site_config.yml"))


def test_there_are_the_four_other_plans() -> None:
    assert [p.name for p in EXAMPLES] == ["gia-lai-dak-doa-2022", "quang-binh-2021-2025", "tay-ninh-2023-2025",
                                          "tra-vinh-2022-2025"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_validates_strictly_and_builds(example: Path, tmp_path: Path) -> None:
    result = validate(example / "site_config.yml", TODAY)
    assert [p.text() for p in result.problems] == []
    assert result.catalogue is not None and result.catalogue.config.plan is not None
    report = evaluate(result.catalogue.config.plan, result.catalogue, TODAY)
    # All deadlines have passed: each target is achieved or missed, or (a hand-entered value older
    # than its deadline) has no figure for the deadline.
    assert report.targets and all(r.status in ("achieved", "missed") or (r.status, r.indicator.measure) == (
        "no_data", "manual") for r in report.targets)
    out = tmp_path / "site"
    build(example / "site_config.yml", out, TODAY, strict=True)
    html = (out / "plan" / "index.html").read_text(encoding="utf-8")
    assert all(f'id="t-{r.indicator.id}"' in html for r in report.targets)
    # A product certified since the reform is on the page of its ward or commune of today.
    for e in result.catalogue.entries:
        if e.record.district is None:
            assert e.id in (out / "places" / str(e.record.ward) / "index.html").read_text(encoding="utf-8")


def test_dak_doa_district_plan_counts_only_its_district() -> None:
    result = validate(ROOT / "examples/gia-lai-dak-doa-2022/site_config.yml", TODAY)
    assert result.catalogue is not None and result.catalogue.config.plan is not None
    report = evaluate(result.catalogue.config.plan, result.catalogue, TODAY)
    districts = {e.id: e.record.district for e in result.catalogue.entries}
    counted = {pid for r in report.targets for pid in r.products}
    assert counted and {districts[p] for p in counted} == {"dak-doa"}
    assert any(d != "dak-doa" for d in districts.values())  # the example has products elsewhere too


def test_tra_vinh_share_of_enterprises_and_households_counts_both() -> None:
    result = validate(ROOT / "examples/tra-vinh-2022-2025/site_config.yml", TODAY)
    assert result.catalogue is not None and result.catalogue.config.plan is not None
    report = {r.indicator.id: r for r in evaluate(result.catalogue.config.plan, result.catalogue, TODAY).targets}
    both = report["enterprises-households-50"]
    producers = {e.record.producer.name: e.record.producer.type for e in result.catalogue.entries
                 if e.id in both.products}
    assert set(producers.values()) == {"enterprise", "household"}


def _report(name: str) -> dict[str, object]:
    result = validate(ROOT / "examples" / name / "site_config.yml", TODAY)
    assert result.catalogue is not None and result.catalogue.config.plan is not None
    return {r.indicator.id: r for r in evaluate(result.catalogue.config.plan, result.catalogue, TODAY).targets}


def test_tay_ninh_counts_products_proposed_for_five_stars() -> None:
    # "02–03 sản phẩm tiềm năng 5 sao đề nghị trung ương": Muối tôm Long Hoa was proposed in
    # 2025 and has no national certificate; Mãng cầu Bà Đen was proposed in 2024, then certified.
    r = _report("tay-ninh-2023-2025")["five-star-candidates-2-3"]
    assert (r.current, r.products, r.status, r.basis) == (2, ["TN-HT-0001", "TN-TP-0001"], "achieved", "proposed")


def test_quang_binh_volumes_are_judged_year_by_year() -> None:
    r = _report("quang-binh-2021-2025")
    trips = r["trade-promotion-by-year"]
    assert [(y.year, y.target, y.status) for y in trips.years] == [
        (2021, 1, "achieved"), (2022, 2, "achieved"), (2023, 3, "missed"), (2024, 3, "achieved"), (2025, 5, "no_data")]
    assert trips.status == "missed"  # 2023 fell short, whatever the total
    assert [y.target for y in r["training-classes-10-a-year"].years] == [10] * 5


def test_the_readme_lists_every_encoded_target_and_its_count_adds_up() -> None:
    import re

    readme = (ROOT / "examples/README.md").read_text(encoding="utf-8")
    for config in [ROOT / "site_config.yml", *(p / "site_config.yml" for p in EXAMPLES)]:
        result = validate(config, TODAY)
        assert result.catalogue is not None and result.catalogue.config.plan is not None
        missing = [t.id for t in result.catalogue.config.plan.targets if f"`{t.id}`" not in readme]
        assert missing == [], (config, missing)
    rows = re.findall(r"^\| (?:\*\*)?([^|*]+?)(?:\*\*)? \| (?:\*\*)?(\d+)(?:\*\*)? \| (?:\*\*)?(\d+)", readme, re.M)
    counts = {name: (int(listed), int(expressed)) for name, listed, expressed in rows}
    plans = {k: v for k, v in counts.items() if k != "all five"}
    assert len(plans) == 5 and all(expressed >= 0.9 * listed for listed, expressed in plans.values())
    assert counts["all five"] == tuple(map(sum, zip(*plans.values())))


# The figures each plan computed before its example became a catalogue of today's (merged)
# province (recorded from the examples of commit b1efeee, at three dates): a plan scoped to the
# former province must compute exactly these from the merged catalogue.
FIGURES_BEFORE = ROOT / "tests/fixtures/example_plan_figures.json"
FIGURE_DAYS = (date(2024, 6, 30), date(2025, 6, 30), TODAY)


def plan_figures(config: Path, day: date) -> dict[str, object]:
    """Every figure of the plan on ``day`` as plain values: each target's verdict, value, share,
    the products it counts, its districts, years and history, and each milestone's status."""
    result = validate(config, TODAY)  # today's records, the figures of ``day`` (ocop report --as-of)
    assert result.catalogue is not None and result.catalogue.config.plan is not None
    report = evaluate(result.catalogue.config.plan, result.catalogue, day)
    out: dict[str, object] = {
        r.indicator.id: {
            "status": r.status, "current": r.current, "numerator": r.numerator, "denominator": r.denominator,
            "progress": round(r.progress, 6), "expected": None if r.expected is None else round(r.expected, 6),
            "baseline": r.baseline, "basis": r.basis, "products": r.products,
            "districts": [[d.district, d.target, d.current, d.status, d.products] for d in r.districts],
            "years": [[y.year, y.target, y.current, y.status] for y in r.years],
            "history": [[d.isoformat(), v] for d, v in report.history.get(r.indicator.id, [])],
        } for r in report.targets}
    out["milestones"] = [[m.milestone.text, m.due.isoformat(), m.status] for m in report.milestones]
    return json.loads(json.dumps(out))  # as the recorded file reads back (tuples as lists)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_each_plan_computes_the_figures_it_computed_before_its_province_was_merged(example: Path) -> None:
    before = json.loads(FIGURES_BEFORE.read_text(encoding="utf-8"))[example.name]
    for day in FIGURE_DAYS:
        now = plan_figures(example / "site_config.yml", day)
        assert now == before[day.isoformat()], (example.name, day)


# Today's province of each example and the former province its plan was made for (#16).
TODAY_PROVINCES = {"gia-lai-dak-doa-2022": ("Tỉnh Gia Lai", "Tỉnh Gia Lai"),
                   "quang-binh-2021-2025": ("Tỉnh Quảng Trị", "Tỉnh Quảng Bình"),
                   "tay-ninh-2023-2025": ("Tỉnh Tây Ninh", "Tỉnh Tây Ninh"),
                   "tra-vinh-2022-2025": ("Tỉnh Vĩnh Long", "Tỉnh Trà Vinh")}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_each_example_is_a_catalogue_of_todays_province_holding_its_former_provinces(example: Path) -> None:
    result = validate(example / "site_config.yml", TODAY)
    assert result.catalogue is not None and result.catalogue.config.plan is not None
    config = result.catalogue.config
    today, former = TODAY_PROVINCES[example.name]
    official = places.province(today)
    assert official is not None and config.units is not None
    assert (config.province.name, config.units.province.code) == (today, official.code)
    assert {u.code for u in config.units.today} == {u.code for u in places.units(official.code)}
    assert config.plan.former_province == former
    # Every former unit says which former province it was in; records of two former provinces.
    assert all(d.former_province for d in config.districts)
    provinces = {config.district(e.record.district).former_province  # type: ignore[union-attr]
                 for e in result.catalogue.entries if e.record.district}
    assert former in provinces and len(provinces) == 2


def test_the_records_of_the_former_provinces_are_byte_for_byte_as_they_were() -> None:
    lines = (ROOT / "tests/fixtures/example_records_before.txt").read_text(encoding="utf-8").splitlines()
    before = dict(line.split(" ") for line in lines if line and not line.startswith("#"))
    assert len(before) == 50
    now = {rel: hashlib.sha256((ROOT / "examples" / rel).read_bytes()).hexdigest()
           for rel in before if (ROOT / "examples" / rel).is_file()}
    assert now == before


def test_a_former_provinces_plan_counts_todays_wards_made_of_its_communes(tmp_path: Path) -> None:
    root = tmp_path / "vinh-long"
    shutil.copytree(ROOT / "examples/tra-vinh-2022-2025", root)
    # Today's Xã Cầu Kè was made of former Trà Vinh communes; Xã Chợ Lách (VL-0001) of Bến Tre's.
    cau_ke = next(u for u in places.find_units("Cầu Kè", "86") if u.kind == "xã")
    write_record(root, "products/VL/VL-0002.yml", (root / "products/VL/VL-0001.yml").read_text(encoding="utf-8")
                 .replace("VL-0001", "VL-0002").replace('"28870"  # Xã Chợ Lách', f'"{cau_ke.code}"'))
    result = validate(root / "site_config.yml", TODAY)
    assert result.catalogue is not None and result.catalogue.config.plan is not None, result.problems
    inside, districts = scoped(result.catalogue, result.catalogue.config.plan)
    ids = {e.id for e in inside.entries}
    assert "VL-0002" in ids and "VL-0001" not in ids and "VL-CLA-0001" not in ids
    assert districts is not None and "cho-lach" not in districts and "cau-ke" in districts
    assert ids == {e.id for e in result.catalogue.entries if e.id.startswith("TV-")} | {"VL-0002"}


def test_the_readme_says_how_each_example_maps_to_todays_province() -> None:
    readme = (ROOT / "examples/README.md").read_text(encoding="utf-8")
    rows = {line.split("`")[1]: line for line in readme.splitlines() if line.startswith("| `")}
    for example in EXAMPLES:
        result = validate(example / "site_config.yml", TODAY)
        assert result.catalogue is not None and result.catalogue.config.plan is not None
        config, row = result.catalogue.config, rows[f"{example.name}/"]
        official = places.province(config.province.name)
        assert official is not None and f"{official.name} ({official.code})" in row
        assert f'former_province: "{config.plan.former_province}"' in row
        # The products the plan does not count (another former province's, a ward of one) are named.
        counted = {e.id for e in scoped(result.catalogue, config.plan)[0].entries}
        others = [e.id for e in result.catalogue.entries if e.id not in counted]
        assert len(others) == 2 and all(f"`{pid}`" in row for pid in others)


def test_a_plan_scoped_to_a_former_province_no_district_belonged_to_is_a_located_error(tmp_path: Path) -> None:
    example = ROOT / "examples" / "tra-vinh-2022-2025"
    shutil.copytree(example, tmp_path / "tv")
    config = tmp_path / "tv" / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    head, plan = text.split("\nplan:", 1)
    assert "former_province:" in plan
    config.write_text(head + "\nplan:" + plan.replace('"Tỉnh Trà Vinh"', '"Tỉnh Trà Vnh"', 1), encoding="utf-8")
    result = validate(config, TODAY)
    found = [p for p in result.problems if p.field == "plan.former_province"]
    assert [p.code for p in found] == ["E502"], [p.text("en") for p in result.problems]
    assert "Did you mean Tỉnh Trà Vinh?" in found[0].text("en")
    assert text.splitlines()[found[0].line - 1].strip().startswith("former_province:")
