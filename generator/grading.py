"""The national OCOP grading rules, in one place, with the decisions they come from.

- Decision 1048/QĐ-TTg (21 Aug 2019), amended by 781/QĐ-TTg (8 Jun 2020): scoring sheet parts
  A ≤ 35, B ≤ 25, C ≤ 40; the province recognises 3★ and 4★.
- Decision 148/QĐ-TTg (24 Feb 2023) replaced them: A ≤ 40, B ≤ 25, C ≤ 35; the district
  recognises 3★, the province 4★.
- Decision 1489/QĐ-TTg, in force with two-tier local government from 6 Jul 2025: the province
  recognises 3★ and 4★ (there are no districts any more).
- In every version 5★ is awarded only by the ministry (national level), for products a province
  proposes after scoring 90 or more; a certificate is valid for 36 months.

Everything here is a pure function of a certification (and ``today``); ``check_record`` returns
problems as (location, code, message, hint) without knowing about files or pages.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from .schema import Certification, Product

CRITERIA_148_FROM = date(2023, 2, 24)
TWO_TIER_FROM = date(2025, 7, 6)
# District People's Committees ceased on 1 July 2025 (Resolution 202/2025/QH15; places.REFORM_DATE).
DISTRICTS_ENDED = date(2025, 7, 1)
VALIDITY_MONTHS = 36
EXPIRING_DAYS = 90

PART_MAXIMA: dict[str, dict[str, float]] = {
    "1048/2019": {"A": 35, "B": 25, "C": 40},
    "148/2023": {"A": 40, "B": 25, "C": 35},
}

# Half-open bands: [lower, upper) -> stars; 5★ includes 100.
BANDS: tuple[tuple[float, float, int], ...] = ((0, 30, 1), (30, 50, 2), (50, 70, 3), (70, 90, 4), (90, 100.0001, 5))
LEVEL_NAMES = {"district": "district (UBND huyện)", "province": "province (UBND tỉnh)", "national": "national (the ministry)"}

Problem = tuple[tuple[str | int, ...], str, str, str]  # (location, code, message, hint)


def add_months(d: date, months: int) -> date:
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def criteria_of(cert: Certification) -> str:
    if cert.criteria:
        return cert.criteria
    return "148/2023" if cert.date >= CRITERIA_148_FROM else "1048/2019"


def valid_until(cert: Certification) -> date:
    return cert.valid_until or add_months(cert.date, VALIDITY_MONTHS)


def band(score: float) -> int:
    for low, high, stars in BANDS:
        if low <= score < high:
            return stars
    raise ValueError(score)


def band_text(stars: int) -> str:
    low, high, _ = BANDS[stars - 1]
    return f"{low:g} to 100" if stars == 5 else f"{low:g} to below {high:g}"


def expected_levels(cert: Certification) -> set[str]:
    """Who normally recognises a certificate of this many stars on this date."""
    if cert.stars == 5:
        return {"national"}
    if cert.date >= TWO_TIER_FROM:
        return {"province"}
    if cert.date >= CRITERIA_148_FROM:
        return {"district"} if cert.stars == 3 else {"province"}
    return {"province"}


def check_record(product: Product, today: date) -> list[Problem]:
    problems: list[Problem] = []
    certs = product.certifications
    for i, cert in enumerate(certs):
        problems.extend(_check_certification(cert, ("certifications", i), today))
        if i and cert.date < certs[i - 1].date:
            problems.append((("certifications", i, "date"), "E308",
                             f"This certificate ({cert.date}) is dated before the one above it ({certs[i - 1].date}).",
                             "List certifications oldest first; add new ones at the end."))
    for i, proposal in enumerate(product.proposals):
        if proposal.date > today:
            problems.append((("proposals", i, "date"), "E305", f"The proposal date {proposal.date} is after today "
                             f"({today}).", "Check the year; record a proposal once it has been sent."))
    if product.withdrawn and product.withdrawn.date > today:
        problems.append((("withdrawn", "date"), "E305", f"{product.withdrawn.date} is after today ({today}).",
                         "Record a withdrawal once it has happened."))
    return problems


def _check_certification(cert: Certification, at: tuple[str | int, ...], today: date) -> Iterator[Problem]:
    criteria = criteria_of(cert)
    end = valid_until(cert)

    if cert.date > today:
        yield ((*at, "date"), "E305", f"The decision date {cert.date} is after today ({today}).",
               "Check the year; add a certificate only once its decision is signed.")
    if cert.stars == 5 and cert.level != "national":
        yield ((*at, "level"), "E303",
               f"A {LEVEL_NAMES[cert.level]} certificate cannot give 5 stars: only the ministry awards 5★.",
               "A province proposes products scoring 90+ as 'potential 5★'; record 4 stars, or level: national "
               "with the ministry's decision.")
    if cert.score is not None:
        got = band(cert.score)
        if got != cert.stars:
            yield ((*at, "score"), "E300",
                   f"A score of {cert.score:g} is {got}★ (the {got}★ band is {band_text(got)}), but stars says {cert.stars}.",
                   f"Check both against the decision: {cert.stars}★ needs a score from {band_text(cert.stars)}.")
    if cert.parts is not None:
        maxima = PART_MAXIMA[criteria]
        for part, maximum in maxima.items():
            value = getattr(cert.parts, part)
            if value > maximum:
                yield ((*at, "parts", part), "E301",
                       f"Part {part} is {value:g} points but its maximum under criteria {criteria} is {maximum:g}.",
                       "Check the scoring sheet" + (", or set `criteria` if another version was used." if not cert.criteria else "."))
        total = cert.parts.A + cert.parts.B + cert.parts.C
        if cert.score is not None and abs(total - cert.score) > 0.01:
            yield ((*at, "parts"), "E302",
                   f"A + B + C = {total:g}, but score is {cert.score:g}.",
                   "The score is the sum of the three parts; correct whichever was mistyped.")
    if cert.criteria == "148/2023" and cert.date < CRITERIA_148_FROM:
        yield ((*at, "criteria"), "E311",
               f"Criteria 148/2023 took effect on {CRITERIA_148_FROM}; this decision is dated {cert.date}.",
               "Use criteria: 1048/2019 (or remove `criteria` to use the default for the date).")
    elif cert.criteria == "1048/2019" and cert.date >= CRITERIA_148_FROM:
        yield ((*at, "criteria"), "W312",
               f"Criteria 1048/2019 was replaced by 148/2023 on {CRITERIA_148_FROM}; this decision is dated {cert.date}.",
               "Fine for a dossier scored before the change; otherwise use 148/2023.")
    if cert.valid_until is not None:
        if cert.valid_until <= cert.date:
            yield ((*at, "valid_until"), "E306",
                   f"valid_until ({cert.valid_until}) is not after the decision date ({cert.date}).",
                   f"Remove it to use the default ({add_months(cert.date, VALIDITY_MONTHS)}).")
        elif cert.valid_until > add_months(cert.date, VALIDITY_MONTHS):
            yield ((*at, "valid_until"), "W310",
                   f"valid_until ({cert.valid_until}) is more than 36 months after the decision ({cert.date}).",
                   f"OCOP certificates are valid 36 months: {add_months(cert.date, VALIDITY_MONTHS)}.")
    if cert.revoked is not None:
        r = cert.revoked.date
        if r < cert.date or r > end:
            yield ((*at, "revoked", "date"), "E307",
                   f"The revocation ({r}) is outside the certificate's validity ({cert.date} to {end}).",
                   "Check the date of the revocation decision.")
        elif r > today:
            yield ((*at, "revoked", "date"), "E305", f"The revocation date {r} is after today ({today}).",
                   "Record a revocation once its decision is signed.")
    if cert.level == "district" and cert.date >= DISTRICTS_ENDED:
        yield ((*at, "level"), "E313",
               f"This certificate is dated {cert.date}, but the district level ended on {DISTRICTS_ENDED}: no "
               "UBND huyện could issue it.",
               "Check the date and the issuer on the decision: since 1 July 2025 the province recognises 3★ and 4★ "
               "(level: province).")
    elif cert.stars != 5 and cert.level not in expected_levels(cert):
        who = " or ".join(LEVEL_NAMES[x] for x in sorted(expected_levels(cert)))
        yield ((*at, "level"), "W309",
               f"On {cert.date} a {cert.stars}★ certificate is normally issued at {who} level, not {cert.level}.",
               "Check the level against the decision's issuer (warnings do not stop the build).")
