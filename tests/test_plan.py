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
    # 80 % on 2025-06-30 says nothing about the deadline: not "missed", no figure for it.
    assert r["trained"].current == 80 and r["trained"].status == "no_data"


def test_an_expired_certificate_stops_counting_at_the_deadline(planned: Path) -> None:
    # On 2025-07-01 B's 2022 certificate has expired and its re-evaluation is not signed yet.
    r = results(planned, TODAY, on=date(2025, 7, 1))
    assert sorted(r["rated-valid"].products) == ["SL-MC-0003", "SL-MS-0001"]
    assert r["re-evaluations"].current == 0  # a certificate dated after the evaluation day does not count


def test_status_follows_elapsed_time() -> None:
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    target = Target(at_least=100)
    assert judge(60, target, start, end, date(2024, 6, 30))[0] == "on_track"
    assert judge(40, target, start, end, date(2024, 6, 30))[0] == "at_risk"
    assert judge(99, target, start, end, date(2025, 1, 1))[0] == "missed"
    assert judge(100, target, start, end, date(2024, 2, 1))[0] == "achieved"
    rng = Target(min=100, max=120)
    assert [judge(v, rng, start, end, date(2025, 1, 1))[0] for v in (99, 100, 110, 120)] == [
        "missed", "achieved", "achieved", "achieved"]


def test_plan_page_and_report_show_the_same_numbers(planned: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(main, ["report", "--config", str(planned), "--today", TODAY.isoformat(), "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = pd.read_excel(out, sheet_name="Chỉ tiêu")
    assert dict(zip(sheet["id"], sheet["hiện tại"])) == {"rated-valid": 3, "new-in-period": 2, "re-evaluations": 1,
                                                         "coops": 50, "trained": 80}
    assert dict(zip(sheet["id"], sheet["đơn vị"])) == {"rated-valid": "sản phẩm", "new-in-period": "sản phẩm",
                                                       "re-evaluations": "lượt công nhận", "coops": "chủ thể",
                                                       "trained": "%"}
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


# ---------------------------------------------------------------------------------------------
# The rules of time (generator/plan.py's docstring), one test each, each with a case that the
# engine before them got wrong.


def with_plan(project: Path, plan: str, records: dict[str, str]) -> Path:
    config = project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").split("\nplan:")[0] + "\nplan:\n" + plan, encoding="utf-8")
    for rel, text in records.items():
        write_record(project, rel, text)
    return config


def target(tid: str, body: str) -> str:
    return f"    - id: {tid}\n      text: Chỉ tiêu {tid}\n" + "".join(f"      {line}\n" for line in body.strip().splitlines())


YEAR_2024 = "  title: Kế hoạch 2024\n  period: {start: 2024-01-01, end: 2024-12-31}\n  targets:\n"


def test_a_revocation_counts_from_its_own_date(project: Path) -> None:
    # Certified in March 2024, revoked in March 2025: it was an OCOP product all through 2024.
    config = with_plan(project, YEAR_2024 + target("all", "measure: products\ntarget: {at_least: 1}")
                       + target("new", "measure: products\nfilter: {within_period: true}\ntarget: {at_least: 1}"), {
        "products/mai-son/SL-MS-0001.yml": record("SL-MS-0001", "mai-son", cert("2024-03-01", revoked="2025-03-01"))})
    report = evaluate(validate(config, TODAY).catalogue.config.plan, validate(config, TODAY).catalogue, TODAY)  # type: ignore[union-attr,arg-type]
    r = {x.indicator.id: x for x in report.targets}
    assert (r["all"].current, r["all"].status) == (1, "achieved")
    assert (r["new"].current, r["new"].status) == (1, "achieved")
    assert dict(report.history["all"])[date(2024, 12, 31)] == 1
    # Seen from 2025-06-01 (the revocation is in force), the same product no longer counts.
    later = with_plan(project, YEAR_2024.replace("2024-12-31", "2025-12-31")
                      + target("all", "measure: products\ntarget: {at_least: 1}"), {})
    assert results(later, TODAY, on=date(2025, 6, 1))["all"].current == 0


def test_cumulative_counts_expired_certificates_and_valid_does_not(project: Path) -> None:
    # 2020 certificate, expired in 2023 and never re-evaluated: "lũy kế" counts it, "valid" does not.
    config = with_plan(project, YEAR_2024
                       + target("ever", "measure: products\nfilter: {basis: cumulative}\ntarget: {at_least: 2}")
                       + target("valid", "measure: products\nfilter: {basis: valid}\ntarget: {at_least: 2}"), {
        "products/mai-son/SL-MS-0001.yml": record("SL-MS-0001", "mai-son", cert("2020-05-01")),
        "products/mai-son/SL-MS-0002.yml": record("SL-MS-0002", "mai-son", cert("2023-05-01"), producer="HTX B")})
    r = results(config, TODAY)
    assert (r["ever"].current, r["ever"].basis, r["ever"].status) == (2, "cumulative", "achieved")
    assert (r["valid"].current, r["valid"].basis, r["valid"].status) == (1, "valid", "missed")
    assert r["valid"].products == ["SL-MS-0002"]


def test_a_replaced_certificate_stops_counting(project: Path) -> None:
    # 3★ in 2023 (valid to 2026), upgraded to 4★ in June 2024: at the end of 2024 it is a 4★ product only.
    config = with_plan(project, YEAR_2024
                       + target("three", "measure: products\nfilter: {stars: [3]}\ntarget: {at_least: 1}")
                       + target("four", "measure: products\nfilter: {stars: [4]}\ntarget: {at_least: 1}"), {
        "products/mai-son/SL-MS-0001.yml": record("SL-MS-0001", "mai-son", cert("2023-01-10", 3) + cert("2024-06-01", 4))})
    r = results(config, TODAY)
    assert (r["three"].current, r["four"].current) == (0, 1)
    assert results(config, TODAY, on=date(2024, 5, 31))["three"].current == 1  # before the upgrade


def test_kinds_are_inferred_the_same_way_everywhere(project: Path) -> None:
    # No record says `kind` (as after an import): the second certificate with more stars is an upgrade.
    config = with_plan(project, YEAR_2024 + target("upgraded", "measure: product_share\nproperty: upgraded\n"
                                                   "target: {percent: 50}")
                       + target("upgrades", "measure: certificates\nfilter: {kind: [upgrade]}\ntarget: {at_least: 1}"), {
        "products/mai-son/SL-MS-0001.yml": record("SL-MS-0001", "mai-son", cert("2023-01-10", 3) + cert("2024-06-01", 4)),
        "products/mai-son/SL-MS-0002.yml": record("SL-MS-0002", "mai-son", cert("2023-02-10", 3), producer="HTX B")})
    result = validate(config, TODAY)
    r = results(config, TODAY)
    assert (r["upgraded"].numerator, r["upgraded"].denominator, r["upgraded"].status) == (1, 2, "achieved")
    assert r["upgrades"].current == 1
    assert result.catalogue is not None
    derived = {e.id: e.derived for e in result.catalogue.entries}
    assert derived["SL-MS-0001"].upgraded and not derived["SL-MS-0002"].upgraded  # the product page agrees


def test_a_re_evaluation_after_the_deadline_does_not_achieve_the_target(project: Path) -> None:
    config = with_plan(project, YEAR_2024 + target("consolidated", "measure: product_share\nproperty: consolidated\n"
                                                   "target: {percent: 100}"), {
        "products/mai-son/SL-MS-0001.yml": record("SL-MS-0001", "mai-son", cert("2022-03-01", 3) + cert("2025-03-01", 3))})
    r = results(config, TODAY)["consolidated"]
    assert (r.current, r.status) == (0, "missed")


def test_shares_count_only_subjects_certified_on_the_date(project: Path) -> None:
    # HTX B's only certificate expired in 2021: it is not an OCOP subject in 2024.
    config = with_plan(project, YEAR_2024 + target("coops", "measure: producer_share\nproperty: cooperative\n"
                                                   "target: {percent: 50}"), {
        "products/mai-son/SL-MS-0001.yml": record("SL-MS-0001", "mai-son", cert("2023-01-10"), producer="Cty A",
                                                  ptype="enterprise"),
        "products/mai-son/SL-MS-0002.yml": record("SL-MS-0002", "mai-son", cert("2018-02-10"), producer="HTX B")})
    r = results(config, TODAY)["coops"]
    assert (r.numerator, r.denominator, r.status) == (0, 1, "missed")


MANUAL = """measure: manual
unit: "%"
target: {percent: 100}
"""


@pytest.mark.parametrize("values,today,expected", [
    # Below the target before the deadline, judged after it: the deadline's figure is unknown.
    ("- {value: 80, as_of: 2024-06-30, source: r1}", TODAY, (80, "no_data")),
    # Reached before the deadline: achieved.
    ("- {value: 100, as_of: 2024-10-31, source: r1}", TODAY, (100, "achieved")),
    # Measured on the deadline itself and short: missed.
    ("- {value: 90, as_of: 2024-12-31, source: r1}", TODAY, (90, "missed")),
    # A value true after the deadline is not the deadline's figure: the one before it counts.
    ("- {value: 60, as_of: 2024-12-31, source: r1}\n- {value: 100, as_of: 2025-02-01, source: r2}", TODAY, (60, "missed")),
    # A value dated after the day of the figure is not known yet.
    ("- {value: 100, as_of: 2024-09-30, source: r1}", date(2024, 6, 30), (None, "no_data")),
    # Before the deadline the latest known value is judged against the path to the target on its own date.
    ("- {value: 40, as_of: 2024-03-31, source: r1}\n- {value: 70, as_of: 2024-06-30, source: r2}", date(2024, 7, 15),
     (70, "on_track")),
])
def test_manual_values_count_from_their_own_date(project: Path, values: str, today: date,
                                                  expected: tuple[float | None, str]) -> None:
    body = MANUAL + "values:\n" + "".join(f"  {line}\n" for line in values.splitlines())
    config = with_plan(project, YEAR_2024 + target("trained", body), {})
    r = results(config, TODAY, on=today)["trained"]
    assert (r.current, r.status) == expected


def test_on_track_follows_the_path_from_the_baseline(project: Path) -> None:
    # 4 products before the period, target 6 at the end of 2024, none new by July: behind the path
    # 4 -> 6 (5 expected), although 4 is two thirds of 6 (on track when judged from zero).
    records = {f"products/mai-son/SL-MS-000{i}.yml": record(f"SL-MS-000{i}", "mai-son", cert(f"2023-0{i}-01"))
               for i in range(1, 5)}
    config = with_plan(project, YEAR_2024 + target("stock", "measure: products\ntarget: {at_least: 6}"), records)
    r = results(config, TODAY, on=date(2024, 7, 1))["stock"]
    assert (r.baseline, r.current, r.status) == (4, 4, "at_risk")
    assert r.expected == pytest.approx(5.0, abs=0.05) and r.progress == 0
    assert judge(4, Target(at_least=6), date(2024, 1, 1), date(2024, 12, 31), date(2024, 7, 1), baseline=0)[0] == "on_track"
    # A baseline given in the plan (records that do not go back so far) replaces the computed one.
    given = with_plan(project, YEAR_2024 + target("stock", "measure: products\ntarget: {at_least: 6}\n"
                                                  "baseline: {value: 2, source: Báo cáo 2023}"), {})
    assert results(given, TODAY, on=date(2024, 7, 1))["stock"].status == "on_track"


def test_report_as_of_a_past_date_ignores_what_was_decided_later(project: Path, tmp_path: Path) -> None:
    config = with_plan(project, YEAR_2024.replace("2024-12-31", "2025-12-31")
                       + target("valid", "measure: products\ntarget: {at_least: 3}"), {
        "products/mai-son/SL-MS-0001.yml": record("SL-MS-0001", "mai-son", cert("2024-03-01", revoked="2025-03-01")),
        "products/mai-son/SL-MS-0002.yml": record("SL-MS-0002", "mai-son", cert("2024-05-01")),
        "products/mai-son/SL-MS-0003.yml": record("SL-MS-0003", "mai-son", cert("2025-02-01"))})
    out = tmp_path / "past.xlsx"
    result = CliRunner().invoke(main, ["report", "--config", str(config), "--today", TODAY.isoformat(),
                                       "--as-of", "2024-12-31", "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = pd.read_excel(out, sheet_name="Chỉ tiêu")
    assert (sheet["hiện tại"][0], sheet["tính đến ngày"][0], sheet["status"][0]) == (2, "2024-12-31", "on_track")  # 1.5 expected half-way from 0 to 3
    counted = pd.read_excel(out, sheet_name="Sản phẩm được tính")
    assert sorted(counted["sản phẩm"]) == ["SL-MS-0001", "SL-MS-0002"]
    now = tmp_path / "now.xlsx"
    assert CliRunner().invoke(main, ["report", "--config", str(config), "--today", TODAY.isoformat(),
                                     "--out", str(now)]).exit_code == 0
    assert pd.read_excel(now, sheet_name="Chỉ tiêu")["hiện tại"][0] == 2  # 0002 and 0003 as of the deadline
    future = CliRunner().invoke(main, ["report", "--config", str(config), "--today", TODAY.isoformat(),
                                       "--as-of", "2027-01-01", "--out", str(tmp_path / "x.xlsx")])
    assert future.exit_code != 0 and "Traceback" not in future.output


# ---------------------------------------------------------------------------------------------
# Bounds (issue 22): a typo is a located error, and the work follows the records.


@pytest.mark.parametrize("change,field", [
    ("target: {at_least: 2}", "plan.targets[1].target.at_least"),
    ("period: {start: 2023-01-01", "plan.period.start"),
    ("as_of: 2025-06-30", "plan.targets[4].as_of"),
])
def test_out_of_range_numbers_and_dates_are_located_errors(planned: Path, change: str, field: str) -> None:
    wrong = {"target": "target: {at_least: 1e308}", "period": "period: {start: 0001-01-01",
             "as_of: ": "as_of: 9999-12-31"}
    text = planned.read_text(encoding="utf-8")
    planned.write_text(text.replace(change, next(v for k, v in wrong.items() if change.startswith(k)), 1),
                       encoding="utf-8")
    result = validate(planned, TODAY)
    # Dates out of range are refused by the record format's own date rule (E205) before the plan's.
    assert [(p.code, p.field) for p in result.problems] == [("E501" if field.endswith("at_least") else "E205", field)], [
        p.text() for p in result.problems]
    assert result.problems[0].line > 100


def test_history_follows_the_records_not_the_calendar(project: Path) -> None:
    import time

    records = {f"products/mai-son/SL-MS-000{i}.yml": record(f"SL-MS-000{i}", "mai-son", cert(f"201{i}-0{i}-01")
                                                            + cert(f"202{i}-0{i}-15"))
               for i in range(1, 5)}
    config = with_plan(project, "  title: Kế hoạch dài\n  period: {start: 2000-01-01, end: 2100-12-31}\n  targets:\n"
                       + target("all", "measure: products\ntarget: {at_least: 10}"), records)
    result = validate(config, TODAY)
    assert result.catalogue is not None and result.catalogue.config.plan is not None
    started = time.perf_counter()
    report = evaluate(result.catalogue.config.plan, result.catalogue, TODAY)
    assert time.perf_counter() - started < 5
    points = report.history["all"]
    assert len(points) <= 2 + 2 * 8  # a point where something changed, not one per month of 27 years
    values = dict(points)
    assert values[date(2011, 1, 1)] == 1 and values[date(2014, 1, 2)] == 2 and points[-1] == (TODAY, 1)
    plan = result.catalogue.config.plan
    assert all(evaluate(plan, result.catalogue, day).targets[0].current == value for day, value in points)


# ---------------------------------------------------------------------------------------------
# The page on a phone, in a real Chromium.


@pytest.mark.browser
def test_plan_page_reads_on_a_phone_without_sideways_scrolling(browser, planned: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import serve
    from generator.build import build

    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    build(planned, tmp_path / "site", TODAY)
    with serve(tmp_path / "site") as url:
        context = browser.new_context(viewport={"width": 360, "height": 640})
        try:
            page = context.new_page()
            page.goto(url + "plan/", wait_until="load")
            sizes = page.evaluate("""() => {
                const table = document.querySelector('.ocop-plan-table');
                const words = [...table.querySelectorAll('.ocop-plan-word')].map(w => w.getBoundingClientRect());
                return {page: document.documentElement.scrollWidth, table: table.getBoundingClientRect().right,
                        tableScroll: table.scrollWidth - table.clientWidth,
                        words: words.map(r => [r.left, r.right, r.width]), labels: [...table.querySelectorAll(
                        'td[data-label]')].map(td => getComputedStyle(td, '::before').content)};
            }""")
            assert sizes["page"] <= 360 and sizes["table"] <= 360 and sizes["tableScroll"] <= 0, sizes
            # Every verdict is on screen, not behind a sideways scroll; each figure says what it is.
            assert len(sizes["words"]) == 5 and all(0 <= left and right <= 360 and width > 0
                                                    for left, right, width in sizes["words"]), sizes["words"]
            assert '"Đánh giá: "' in sizes["labels"] and '"Hiện tại: "' in sizes["labels"]
            if axe.exists():
                page.add_script_tag(path=str(axe))
                violations = page.evaluate("async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
                                           "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations")
                assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
            wide = browser.new_context(viewport={"width": 1366, "height": 900})
            try:
                desk = wide.new_page()
                desk.goto(url + "plan/", wait_until="load")
                assert desk.evaluate("getComputedStyle(document.querySelector('.ocop-plan-table thead')).position") != "absolute"
            finally:
                wide.close()
        finally:
            context.close()


# ---------------------------------------------------------------------------------------------
# The measures the plans need beyond counts.


def test_yearly_optional_and_lapsed_milestones(project: Path) -> None:
    config = with_plan(project, YEAR_2024.replace("2024-01-01", "2022-01-01").replace("2024-12-31", "2025-12-31")
                       + target("x", "measure: products\ntarget: {at_least: 1}") + """  milestones:
    - text: Đánh giá cấp huyện trước 30/9 hàng năm
      due: 2022-09-30
      repeat: yearly
      done: [2022-09-28, 2023-10-05]
      cancelled: Cấp huyện kết thúc hoạt động từ 01/7/2025
      lapsed_from: 2025-07-01
    - {text: Đợt bổ sung, due: 2024-12-31, optional: true}
""", {})
    result = validate(config, TODAY)
    assert result.catalogue is not None, [p.text() for p in result.problems]
    rows = evaluate(result.catalogue.config.plan, result.catalogue, TODAY).milestones  # type: ignore[arg-type]
    assert [(m.due.isoformat(), m.status) for m in rows] == [
        ("2022-09-30", "done"), ("2023-09-30", "done_late"), ("2024-09-30", "overdue"), ("2025-09-30", "cancelled"),
        ("2024-12-31", "not_held")]
    # As of mid-2023 the 2023 round was not done yet and not late either.
    past = evaluate(result.catalogue.config.plan, result.catalogue, date(2023, 9, 1)).milestones  # type: ignore[arg-type]
    assert [m.status for m in past][:2] == ["done", "due"]


def test_budget_totals_by_source_and_year_against_the_printed_ones(project: Path) -> None:
    config = with_plan(project, YEAR_2024 + target("x", "measure: products\ntarget: {at_least: 1}") + """  budget:
    total: 300
    totals:
      - {source: Ngân sách tỉnh, amount: 100}
      - {source: Xã hội hóa, amount: 200}
      - {year: 2024, amount: 120}
    lines:
      - {item: Tập huấn, year: 2024, planned: 60, source: Ngân sách tỉnh}
      - {item: Xúc tiến, year: 2024, planned: 40, source: Ngân sách tỉnh}
""", {})
    result = validate(config, TODAY)
    assert result.catalogue is not None, [p.text() for p in result.problems]
    report = evaluate(result.catalogue.config.plan, result.catalogue, TODAY)  # type: ignore[arg-type]
    assert [(x.label, x.computed, x.printed) for x in report.budget_totals] == [
        ("", 100, 300), ("Ngân sách tỉnh", 100, 100), ("Xã hội hóa", None, 200), ("2024", 100, 120)]


def test_cohorts_and_per_district_manual_targets(project: Path) -> None:
    # The two products rated before 2024: one still valid at the end of 2024 (re-evaluated), one lapsed.
    config = with_plan(project, YEAR_2024
                       + target("cohort", "measure: products\nfilter: {cohort_to: 2023-12-31, basis: valid}\n"
                                "target: {at_least: 2}")
                       + target("shops", """measure: manual
unit: điểm bán
per_district: {mai-son: 1, moc-chau: 1}
values:
  - {district: mai-son, value: 1, as_of: 2024-05-01, source: r1}
  - {district: moc-chau, value: 1, as_of: 2025-02-01, source: r2}"""), {
        "products/mai-son/SL-MS-0001.yml": record("SL-MS-0001", "mai-son", cert("2021-03-01") + cert("2024-03-01")),
        "products/mai-son/SL-MS-0002.yml": record("SL-MS-0002", "mai-son", cert("2021-04-01"), producer="HTX B"),
        "products/mai-son/SL-MS-0003.yml": record("SL-MS-0003", "mai-son", cert("2024-04-01"), producer="HTX C")})
    r = results(config, TODAY)
    assert (r["cohort"].current, r["cohort"].products, r["cohort"].baseline) == (1, ["SL-MS-0001"], 2)
    assert r["shops"].current == 1  # Mộc Châu's shop opened after the deadline
    assert {d.district: (d.current, d.status) for d in r["shops"].districts} == {
        "mai-son": (1, "achieved"), "moc-chau": (None, "no_data")}


def test_the_page_says_how_each_target_is_read(planned: Path, tmp_path: Path) -> None:
    text = planned.read_text(encoding="utf-8").replace(
        "      measure: producer_share\n", "      clause: mục II.2.c\n      note: Chủ thể \"còn\" hiệu lực & có sản phẩm.\n"
        "      measure: producer_share\n", 1)
    planned.write_text(text, encoding="utf-8")
    from generator.build import build
    build(planned, tmp_path / "site", TODAY)
    html = (tmp_path / "site/plan/index.html").read_text(encoding="utf-8")
    row = html[html.index('id="t-coops"'):html.index('id="t-trained"')]
    assert 'Kế hoạch, <span lang="vi">mục II.2.c</span>' in row and "Chủ thể &#34;còn&#34; hiệu lực &amp; có sản phẩm." in row
    assert "50% (1/2 chủ thể)" in row and "Đếm sản phẩm có giấy chứng nhận còn hiệu lực ngày 31/12/2025." in row
    new_row = html[html.index('id="t-new-in-period"'):html.index('id="t-re-evaluations"')]
    assert "2 sản phẩm" in new_row and "≥ 2 sản phẩm" in new_row and "lũy kế" in new_row.lower()
    listed = (tmp_path / "site/plan/new-in-period/index.html").read_text(encoding="utf-8")
    assert 'id="d-moc-chau"' in listed and "SL-MC-0003" in listed[listed.index('id="d-moc-chau"'):]


def test_commune_coverage_counts_communes_with_a_valid_product(project: Path) -> None:
    # Mai Sơn declares 12 communes; Chiềng Ban has a valid product, Hát Lót only an expired one.
    config = with_plan(project, YEAR_2024 + target("communes", "measure: communes\nfilter: {district: [mai-son]}\n"
                                                   "target: {percent: 100}"), {
        "products/mai-son/SL-MS-0001.yml": record("SL-MS-0001", "mai-son", cert("2023-01-10"),
                                                  extra="commune: chieng-ban\n"),
        "products/mai-son/SL-MS-0002.yml": record("SL-MS-0002", "mai-son", cert("2019-01-10"), producer="HTX B",
                                                  extra="commune: hat-lot\n")})
    r = results(config, TODAY)["communes"]
    assert (r.numerator, r.denominator, r.products, r.status) == (1, 12, ["SL-MS-0001"], "missed")


# ---------------------------------------------------------------------------------------------
# Proposals for 5★, yearly volumes, and values dated after the build date.


def proposal(day: str) -> str:
    return f"proposals:\n  - {{level: national, stars: 5, date: {day}, decision: \"9/UBND-KT\"}}\n"


def test_proposals_count_products_proposed_not_certified(project: Path, tmp_path: Path) -> None:
    # A: proposed in October 2024 (its certificate stays 4★ provincial). B: a national 5★
    # certificate of 2024 but no proposal recorded. C: proposed in 2025, after the deadline.
    config = with_plan(project, YEAR_2024 + target("proposed", "measure: proposals\nfilter: {within_period: true}\n"
                                                   "target: {min: 2, max: 3}\nper_district: {mai-son: 1, moc-chau: 1}"), {
        "products/mai-son/SL-MS-0001.yml": record("SL-MS-0001", "mai-son", cert("2023-05-01"),
                                                  extra=proposal("2024-10-20")),
        "products/moc-chau/SL-MC-0001.yml": record("SL-MC-0001", "moc-chau", cert("2024-03-01", 5, "national"),
                                                   producer="HTX B"),
        "products/moc-chau/SL-MC-0002.yml": record("SL-MC-0002", "moc-chau", cert("2023-05-01"), producer="HTX C",
                                                   extra=proposal("2025-02-01"))})
    r = results(config, TODAY)["proposed"]
    assert (r.current, r.products, r.status, r.basis) == (1, ["SL-MS-0001"], "missed", "proposed")
    assert {d.district: d.current for d in r.districts} == {"mai-son": 1, "moc-chau": 0}
    assert results(config, TODAY, on=date(2024, 9, 30))["proposed"].current == 0  # not proposed yet that day
    from generator.build import build
    build(config, tmp_path / "site", TODAY)
    html = (tmp_path / "site/plan/index.html").read_text(encoding="utf-8")
    row = html[html.index('id="t-proposed"'):]
    assert "1 sản phẩm" in row and "đề nghị trung ương đánh giá 5 sao" in row
    listed = (tmp_path / "site/plan/proposed/index.html").read_text(encoding="utf-8")
    assert "SL-MS-0001" in listed and "SL-MC-0001" not in listed and "SL-MC-0002" not in listed


YEARS = "  title: Kế hoạch 2022–2025\n  period: {start: 2022-01-01, end: 2025-12-31}\n  targets:\n"


def test_yearly_volumes_are_judged_year_by_year(project: Path, tmp_path: Path) -> None:
    config = with_plan(project, YEARS + target("trips", """measure: manual
unit: lượt
per_year: {2022: 1, 2023: 2, 2024: 3, 2025: 5}
values:
  - {value: 1, as_of: 2022-12-31, source: r2022}
  - {value: 1, as_of: 2023-06-30, source: r2023a}
  - {value: 1, as_of: 2023-12-31, source: r2023b}
  - {value: 2, as_of: 2024-06-30, source: r2024}""") + target("classes", """measure: manual
unit: lớp
each_year: 2
values:
  - {value: 2, as_of: 2022-12-31, source: c2022}
  - {value: 3, as_of: 2023-11-30, source: c2023}"""), {})
    on = date(2024, 7, 1)
    r = results(config, TODAY, on=on)
    trips = r["trips"]
    # 2022 reached; 2023 ended one short (its last figure is dated on its last day); 2024 is
    # above the path 0 -> 3 at mid-year; 2025 has not begun. As a whole: missed, by 2023.
    assert [(y.year, y.current, y.status) for y in trips.years] == [
        (2022, 1, "achieved"), (2023, 1, "missed"), (2024, 2, "on_track"), (2025, None, "upcoming")]
    assert (trips.current, trips.status) == (4, "missed")
    classes = r["classes"]
    assert [(y.year, y.target, y.status) for y in classes.years] == [
        (2022, 2, "achieved"), (2023, 2, "achieved"), (2024, 2, "no_data"), (2025, 2, "upcoming")]
    assert classes.status == "no_data"  # 2024 has no figure yet
    # Judged after the period: 2024 ended with a figure from June below its target: unknown, not missed.
    after = results(config, TODAY)["trips"]
    assert [y.status for y in after.years] == ["achieved", "missed", "no_data", "no_data"]
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(main, ["report", "--config", str(config), "--today", TODAY.isoformat(),
                                       "--as-of", on.isoformat(), "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = pd.read_excel(out, sheet_name="Theo năm")
    assert list(sheet[sheet["chỉ tiêu"] == "trips"]["status"]) == ["achieved", "missed", "on_track", "upcoming"]
    from generator.build import build
    build(config, tmp_path / "site", TODAY)
    html = (tmp_path / "site/plan/index.html").read_text(encoding="utf-8")
    assert "≥ 2 lớp mỗi năm" in html and "2022: 1 · 2023: 2 · 2024: 3 · 2025: 5 lượt" in html
    table = html[html.index('id="y-trips"'):html.index('id="y-classes"')]
    assert table.count("<tr>") == 5 and "KHÔNG ĐẠT" in table and "r2023b" in table


def test_a_yearly_target_outside_the_period_is_a_located_error(project: Path) -> None:
    config = with_plan(project, YEARS + target("trips", "measure: manual\nper_year: {2022: 1, 2027: 2}\n"
                                               "values: [{value: 1, as_of: 2022-12-31, source: r}]"), {})
    problems = [(p.code, p.field, p.line) for p in validate(config, TODAY).problems]
    text = config.read_text(encoding="utf-8").splitlines()
    assert problems == [("E501", "plan.targets[0].per_year.2027", next(
        i for i, line in enumerate(text, 1) if "per_year: {2022: 1, 2027: 2}" in line))]


def test_a_value_dated_after_today_is_a_located_warning(project: Path) -> None:
    config = with_plan(project, YEARS + target("trained", """measure: manual
target: {at_least: 10}
values:
  - {value: 4, as_of: 2026-06-30, source: r1}
  - {value: 10, as_of: 2027-06-30, source: r2}""") + """  milestones:
    - {text: Tổng kết, due: 2025-12-31, done: 2027-01-15}
""", {})
    result = validate(config, TODAY)
    lines = config.read_text(encoding="utf-8").splitlines()
    assert [(p.code, p.severity, p.field, p.line) for p in result.problems] == [
        ("W504", "warning", "plan.targets[0].values[1].as_of", next(i for i, x in enumerate(lines, 1) if "2027-06-30" in x)),
        ("W504", "warning", "plan.milestones[0].done", next(i for i, x in enumerate(lines, 1) if "2027-01-15" in x))]
    assert "2027-06-30" in result.problems[0].text("en") and "after today (2026-11-22)" in result.problems[0].text("en")
    # Still a warning: the build goes on, and the value is not counted before its day.
    assert result.catalogue is not None
    assert results(config, TODAY)["trained"].current is None  # 2026-06-30 is after the deadline too


def test_build_shows_the_plan_as_of_a_past_date(project: Path, tmp_path: Path) -> None:
    # The same records as the report's past view: on 31/12/2024 two products counted (one was
    # revoked in 2025, one certified in 2025); the page of that day says so, and its date.
    config = with_plan(project, YEAR_2024.replace("2024-12-31", "2025-12-31")
                       + target("valid", "measure: products\ntarget: {at_least: 3}"), {
        "products/mai-son/SL-MS-0001.yml": record("SL-MS-0001", "mai-son", cert("2024-03-01", revoked="2025-03-01")),
        "products/mai-son/SL-MS-0002.yml": record("SL-MS-0002", "mai-son", cert("2024-05-01")),
        "products/mai-son/SL-MS-0003.yml": record("SL-MS-0003", "mai-son", cert("2025-02-01"))})
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "--config", str(config), "--today", TODAY.isoformat(),
                                       "--plan-as-of", "2024-12-31", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = (out / "plan/index.html").read_text(encoding="utf-8")
    assert "<strong>31/12/2024</strong>" in html and "ĐÚNG TIẾN ĐỘ" in html
    listed = (out / "plan/valid/index.html").read_text(encoding="utf-8")
    assert "SL-MS-0001" in listed and "SL-MS-0003" not in listed
    future = CliRunner().invoke(main, ["--lang", "en", "build", "--config", str(config), "--today", TODAY.isoformat(),
                                       "--plan-as-of", "2027-01-01", "--out", str(out)])
    assert future.exit_code == 1 and "after today" in future.output and "Traceback" not in future.output
