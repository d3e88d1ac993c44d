"""Plan targets computed from known records, the edge cases the plans depend on, and plan errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.plan import evaluate, judge
from generator.planschema import Target
from generator.validate import validate

from conftest import ROOT, TODAY, write_record


def record(pid: str, district: str, certs: str, *, producer: str = "HTX A", ptype: str = "cooperative",
           extra: str = "") -> str:
    return (f"id: {pid}\nname: Sản phẩm {pid}\ngroup: food\ndistrict: {district}\n"
            f"producer:\n  name: {producer}\n  type: {ptype}\nsummary: Một câu.\n{extra}certifications:\n{certs}")


def cert(day: str, stars: int = 4, level: str = "province", kind: str | None = None, revoked: str | None = None) -> str:
    text = f"  - level: {level}\n    decision: \"1/QĐ-UBND\"\n    date: {day}\n    stars: {stars}\n"
    if kind:
        text += f"    kind: {kind}\n"
    if revoked:
        text += f"    revoked: {{date: {revoked}, decision: \"2/QĐ-UBND\"}}\n"
    return text


PLAN = """
plan:
  title: Kế hoạch thử
  period: {start: 2023-01-01, end: 2025-12-31}
  targets:
    - id: rated-valid
      text: Sản phẩm còn hiệu lực đến hạn
      measure: products
      filter: {min_stars: 3, valid_at: deadline}
      target: {min: 2, max: 3}
    - id: new-in-period
      text: Sản phẩm mới trong kỳ
      measure: products
      filter: {kind: [new], within_period: true}
      target: {at_least: 2}
      per_district: {mai-son: 1, moc-chau: 2}
    - id: re-evaluations
      text: Lượt đánh giá lại
      measure: certificates
      filter: {kind: [re-evaluation]}
      target: {at_least: 1}
    - id: coops
      text: Tỷ lệ chủ thể là HTX
      measure: producer_share
      property: cooperative
      target: {percent: 40}
    - id: trained
      text: Tỷ lệ cán bộ được tập huấn
      measure: manual
      value: 80
      unit: "%"
      as_of: 2025-06-30
      source: Báo cáo mẫu
      target: {percent: 100}
"""


@pytest.fixture
def planned(project: Path) -> Path:
    config = project / "site_config.yml"
    text = config.read_text(encoding="utf-8").split("\nplan:")[0]
    config.write_text(text + PLAN, encoding="utf-8")
    # A: new 2023, valid to 2026 -> counts everywhere.
    write_record(project, "products/mai-son/SL-MS-0001.yml", record("SL-MS-0001", "mai-son", cert("2023-03-01", 3, "district")))
    # B: certified 2022 (before the period), expired 2025-06 -> not valid at the 2025-12-31 deadline;
    #    re-evaluated 2025-08 -> valid again, but a re-evaluation is not a new product.
    write_record(project, "products/moc-chau/SL-MC-0001.yml", record(
        "SL-MC-0001", "moc-chau", cert("2022-06-01") + cert("2025-08-01", kind="re-evaluation"), producer="Cty B",
        ptype="enterprise"))
    # C: new 2024 but revoked 2024-12 -> never counts.
    write_record(project, "products/moc-chau/SL-MC-0002.yml", record(
        "SL-MC-0002", "moc-chau", cert("2024-03-01", revoked="2024-12-01"), producer="Hộ C", ptype="household"))
    # D: new 2023, expired 2026-02 -> valid at the deadline (2025-12-31), still counts there.
    write_record(project, "products/moc-chau/SL-MC-0003.yml", record("SL-MC-0003", "moc-chau", cert("2023-02-10", 3)))
    return config


def results(config: Path, today: date, *, on: date | None = None) -> dict[str, object]:
    result = validate(config, today)
    assert result.catalogue is not None, [p.text() for p in result.problems]
    report = evaluate(result.catalogue.config.plan, result.catalogue, on or today)  # type: ignore[arg-type]
    return {r.indicator.id: r for r in report.targets}


def test_known_values_after_the_deadline(planned: Path) -> None:
    r = results(planned, TODAY)
    assert r["rated-valid"].current == 3  # A, B (re-evaluated), D; C revoked
    assert sorted(r["rated-valid"].products) == ["SL-MC-0001", "SL-MC-0003", "SL-MS-0001"]
    assert r["rated-valid"].status == "achieved"  # 3 is inside 2–3
    assert r["new-in-period"].current == 2  # A and D; C's revoked certificate never counts; B re-evaluated
    assert r["re-evaluations"].current == 1
    assert {d.district: (d.current, d.status) for d in r["new-in-period"].districts} == {
        "mai-son": (1, "achieved"), "moc-chau": (1, "missed")}
    assert (r["coops"].numerator, r["coops"].denominator) == (1, 2)  # HTX A (products A and D), Cty B; C revoked
    assert r["trained"].current == 80 and r["trained"].status == "missed"


def test_an_expired_certificate_stops_counting_at_the_deadline(planned: Path) -> None:
    # On 2025-07-01 B's 2022 certificate has expired and its re-evaluation is not signed yet.
    r = results(planned, TODAY, on=date(2025, 7, 1))
    assert sorted(r["rated-valid"].products) == ["SL-MC-0003", "SL-MS-0001"]
    assert r["re-evaluations"].current == 0  # a certificate dated after the evaluation day does not count


def test_status_follows_elapsed_time() -> None:
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    target = Target(at_least=100)
    assert judge(60, target, start, end, date(2024, 6, 30), share=False)[0] == "on_track"
    assert judge(40, target, start, end, date(2024, 6, 30), share=False)[0] == "at_risk"
    assert judge(99, target, start, end, date(2025, 1, 1), share=False)[0] == "missed"
    assert judge(100, target, start, end, date(2024, 2, 1), share=False)[0] == "achieved"
    rng = Target(min=100, max=120)
    assert [judge(v, rng, start, end, date(2025, 1, 1), share=False)[0] for v in (99, 100, 110, 120)] == [
        "missed", "achieved", "achieved", "achieved"]


def test_plan_page_and_report_show_the_same_numbers(planned: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(main, ["report", "--config", str(planned), "--today", TODAY.isoformat(), "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = pd.read_excel(out, sheet_name="Chỉ tiêu")
    assert dict(zip(sheet["id"], sheet["hiện tại"])) == {"rated-valid": 3, "new-in-period": 2, "re-evaluations": 1,
                                                         "coops": 50, "trained": 80}
    from generator.build import build
    build(planned, tmp_path / "site", TODAY)
    html = (tmp_path / "site/plan/index.html").read_text(encoding="utf-8")
    assert "Sản phẩm còn hiệu lực đến hạn" in html and "ĐẠT" in html and "KHÔNG ĐẠT" in html
    listed = (tmp_path / "site/plan/rated-valid/index.html").read_text(encoding="utf-8")
    assert all(pid in listed for pid in ("SL-MC-0001", "SL-MC-0003", "SL-MS-0001")) and "SL-MC-0002" not in listed
    district = (tmp_path / "site/districts/moc-chau/index.html").read_text(encoding="utf-8")
    assert "Chỉ tiêu kế hoạch của huyện" in district


@pytest.mark.parametrize("change,code,field", [
    ("per_district: {mai-son: 1, moc-chau: 2}", "E502", "plan.targets[1].per_district.mai-sonn"),
    ("measure: products\n      filter: {kind: [new]", "E203", "plan.targets[1].measure"),
    ("target: {at_least: 2}", "E202", "plan.targets[1].target.at_least"),
    ("target: {at_least: 2}", "E501", "plan.targets[1].target"),
])
def test_plan_mistakes_get_located_errors(planned: Path, change: str, code: str, field: str) -> None:
    text = planned.read_text(encoding="utf-8")
    wrong = {
        "E502": change.replace("{mai-son: 1", "{mai-sonn: 1"),
        "E203": change.replace("measure: products", "measure: product"),
        "E202": change.replace("2}", "two}"),
        "E501": "target: {at_least: 2, percent: 50}",
    }[code]
    planned.write_text(text.replace(change, wrong, 1), encoding="utf-8")
    result = validate(planned, TODAY)
    problems = [(p.code, p.field) for p in result.problems]
    assert problems == [(code, field)], [p.text() for p in result.problems]
    assert all(p.file == "site_config.yml" and p.line > 100 for p in result.problems)


def test_sample_plan_builds_its_page() -> None:
    r = results(ROOT / "site_config.yml", TODAY)
    assert {"cumulative-204", "new-2024", "re-evaluated-2024"} <= set(r)
