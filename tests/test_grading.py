"""The national rules and the derived status, as pure functions."""

from __future__ import annotations

from datetime import date

import pytest

from generator import grading
from generator.derive import derive
from generator.schema import Certification, Product


def cert(**kw: object) -> Certification:
    base = {"level": "province", "decision": "1/QĐ-UBND", "date": date(2024, 6, 15), "stars": 4}
    return Certification.model_validate({**base, **kw})


def product(*certs: Certification, **kw: object) -> Product:
    base = {"id": "SL-MS-0001", "name": "X", "group": "food", "district": "mai-son",
            "producer": {"name": "P", "type": "household"}, "summary": "S", "certifications": list(certs)}
    return Product.model_validate({**base, **kw})


@pytest.mark.parametrize("score,stars", [(29.99, 1), (30, 2), (49.9, 2), (50, 3), (69.99, 3), (70, 4),
                                         (89.5, 4), (89.99, 4), (90, 5), (100, 5)])
def test_bands_are_half_open(score: float, stars: int) -> None:
    assert grading.band(score) == stars


def test_criteria_follow_the_date_of_decision_148() -> None:
    assert grading.criteria_of(cert(date=date(2023, 2, 23))) == "1048/2019"
    assert grading.criteria_of(cert(date=date(2023, 2, 24))) == "148/2023"
    assert grading.criteria_of(cert(date=date(2024, 1, 1), criteria="1048/2019")) == "1048/2019"


def test_validity_is_36_months_and_clamps_month_ends() -> None:
    assert grading.valid_until(cert(date=date(2024, 6, 15))) == date(2027, 6, 15)
    assert grading.valid_until(cert(date=date(2024, 2, 29))) == date(2027, 2, 28)
    assert grading.valid_until(cert(valid_until=date(2026, 1, 1))) == date(2026, 1, 1)


@pytest.mark.parametrize("on,stars,level,warn", [
    (date(2022, 5, 1), 3, "province", False), (date(2022, 5, 1), 3, "district", True),
    (date(2024, 5, 1), 3, "district", False), (date(2024, 5, 1), 3, "province", True),
    (date(2024, 5, 1), 4, "province", False), (date(2025, 8, 1), 3, "province", False),
    (date(2025, 6, 30), 3, "district", False), (date(2024, 5, 1), 5, "national", False),
])
def test_level_versus_date_is_a_warning(on: date, stars: int, level: str, warn: bool) -> None:
    codes = [c for _, c, _, _ in grading.check_record(product(cert(date=on, stars=stars, level=level)), date(2026, 11, 22))]
    assert ("W309" in codes) == warn
    assert all(c.startswith("W") for c in codes)


def test_a_district_certificate_after_the_district_level_ended_is_an_error_not_a_warning() -> None:
    for on in (date(2025, 7, 1), date(2025, 9, 12)):
        found = grading.check_record(product(cert(date=on, stars=3, level="district")), date(2026, 11, 22))
        assert [(loc, c) for loc, c, _, _ in found] == [(("certifications", 0, "level"), "E313")]
        assert "2025-07-01" in found[0][2].text("en")


def test_status_over_time() -> None:
    p = product(cert(date=date(2023, 6, 15)))  # valid until 2026-06-15
    assert derive(p, date(2026, 3, 16)).status == "valid"
    assert derive(p, date(2026, 3, 17)).status == "expiring"  # 90 days before
    assert derive(p, date(2026, 6, 15)).status == "expiring"  # the last day still counts
    d = derive(p, date(2026, 6, 16))
    assert d.status == "expired" and d.stars is None and d.last_stars == 4


def test_revoked_latest_certificate_and_earlier_history() -> None:
    old = cert(date=date(2021, 5, 1), stars=3)
    new = cert(date=date(2024, 5, 1), stars=4, revoked={"date": date(2025, 1, 10), "decision": "9/QĐ-UBND"})
    before = derive(product(old, new), date(2024, 12, 31))
    assert before.status == "valid" and before.stars == 4
    after = derive(product(old, new), date(2025, 1, 10))
    assert after.status == "revoked" and after.stars is None and after.shown is new
    assert derive(product(), date(2025, 1, 1)).status == "unrated"


def test_re_evaluation_and_upgrade_are_derived() -> None:
    p = product(cert(date=date(2020, 5, 1), stars=3, kind="new"),
                cert(date=date(2023, 5, 1), stars=3, level="district", kind="re-evaluation"),
                cert(date=date(2024, 5, 1), stars=4, kind="upgrade"))
    d = derive(p, date(2026, 11, 22))
    assert d.re_evaluated and d.upgraded and d.stars == 4 and d.criteria == "148/2023"


def test_withdrawn_product_keeps_its_history() -> None:
    p = product(cert(), withdrawn={"date": date(2026, 1, 1), "reason": "Ngừng sản xuất"})
    d = derive(p, date(2026, 11, 22))
    assert d.status == "withdrawn" and d.last_stars == 4
