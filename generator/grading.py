"""The national OCOP grading rules, in one place, with the decisions they come from.

- Decision 1048/QĐ-TTg (21 Aug 2019), amended by 781/QĐ-TTg (8 Jun 2020): scoring sheet parts
  A ≤ 35, B ≤ 25, C ≤ 40; the province recognises 3★ and 4★.
- Decision 148/QĐ-TTg (24 Feb 2023) replaced them: A ≤ 40, B ≤ 25, C ≤ 35; the district
  recognises 3★, the province 4★.
- Since two-tier local government (district People's Committees ceased on 1 Jul 2025; the
  amending decision is cited as 1489/QĐ-TTg): the province recognises 3★ and 4★ (there are no
  districts any more). One date for both rules, so a 3★ certificate of that time is judged the
  same whichever level it names.
- In every version 5★ is awarded only by the ministry (national level), for products a province
  proposes after scoring 90 or more; a certificate is valid for 36 months.

Everything here is a pure function of a certification (and ``today``); ``check_record`` returns
problems as (location, code, message, hint), sentences of the message table, without knowing
about files or pages.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from .messages import Said, listed, said
from .schema import Certification, Product

CRITERIA_148_FROM = date(2023, 2, 24)
# District People's Committees ceased on 1 July 2025 (Resolution 202/2025/QH15; places.REFORM_DATE):
# from that day a district certificate is an error (E313) and the province recognises 3★ (W309).
DISTRICTS_ENDED = date(2025, 7, 1)
TWO_TIER_FROM = DISTRICTS_ENDED
VALIDITY_MONTHS = 36
EXPIRING_DAYS = 90

PART_MAXIMA: dict[str, dict[str, float]] = {
    "1048/2019": {"A": 35, "B": 25, "C": 40},
    "148/2023": {"A": 40, "B": 25, "C": 35},
}

# Half-open bands: [lower, upper) -> stars; 5★ includes 100.
BANDS: tuple[tuple[float, float, int], ...] = ((0, 30, 1), (30, 50, 2), (50, 70, 3), (70, 90, 4), (90, 100.0001, 5))
Problem = tuple[tuple[str | int, ...], str, Said, Said]  # (location, code, message, hint)


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


def band_text(stars: int) -> Said:
    low, high, _ = BANDS[stars - 1]
    return said("band.top", low=f"{low:g}") if stars == 5 else said("band.range", low=f"{low:g}", high=f"{high:g}")


def expected_levels(cert: Certification) -> set[str]:
    """Who normally recognises a certificate of this many stars on this date."""
    if cert.stars == 5:
        return {"national"}
    if cert.date >= TWO_TIER_FROM:
        return {"province"}
    if cert.date >= CRITERIA_148_FROM:
        return {"district"} if cert.stars == 3 else {"province"}
    return {"province"}


def _has(model: object, *names: str) -> bool:
    """Whether ``model`` holds these fields: a part of a record that failed the schema is checked
    with the fields that passed (``validate.partial``); a field that failed is left out."""
    return all(name in model.__dict__ for name in names)


def check_record(product: Product, today: date) -> list[Problem]:
    """Every rule on ``product``, or on the parts of it that passed the schema (a record with a
    misspelled field still has its star band checked in the same run)."""
    problems: list[Problem] = []
    certs = product.certifications if _has(product, "certifications") else []
    for i, cert in enumerate(certs):
        problems.extend(_check_certification(cert, ("certifications", i), today))
        if i and _has(cert, "date") and _has(certs[i - 1], "date") and cert.date < certs[i - 1].date:
            problems.append((("certifications", i, "date"), "E308",
                             said("E308.order", date=cert.date, before=certs[i - 1].date), said("E308.order.hint")))
    for i, proposal in enumerate(product.proposals if _has(product, "proposals") else []):
        if _has(proposal, "date") and proposal.date > today:
            problems.append((("proposals", i, "date"), "E305", said("E305.proposal", date=proposal.date, today=today),
                             said("E305.proposal.hint")))
    withdrawn = product.withdrawn if _has(product, "withdrawn") else None
    if withdrawn and _has(withdrawn, "date") and withdrawn.date > today:
        problems.append((("withdrawn", "date"), "E305", said("E305.withdrawn", date=withdrawn.date, today=today),
                         said("E305.withdrawn.hint")))
    return problems


def day_edges(product: Product) -> set[date]:
    """The days on which ``check_record(product, today)`` may answer differently from the day
    before: every comparison of ``today`` above is "a date of the record > today", which turns
    on the day that date comes (validate.py reuses a result between two such days; a rule that
    reads ``today`` another way must name its days here)."""
    out: set[date] = set()
    for cert in product.certifications if _has(product, "certifications") else []:
        if _has(cert, "date"):
            out.add(cert.date)  # E305.decision
        if _has(cert, "revoked") and cert.revoked is not None and _has(cert.revoked, "date"):
            out.add(cert.revoked.date)  # E305.revoked
    for proposal in product.proposals if _has(product, "proposals") else []:
        if _has(proposal, "date"):
            out.add(proposal.date)  # E305.proposal
    withdrawn = product.withdrawn if _has(product, "withdrawn") else None
    if withdrawn and _has(withdrawn, "date"):
        out.add(withdrawn.date)  # E305.withdrawn
    return out


def _check_certification(cert: Certification, at: tuple[str | int, ...], today: date) -> Iterator[Problem]:
    dated = _has(cert, "date")
    if dated and cert.date > today:
        yield ((*at, "date"), "E305", said("E305.decision", date=cert.date, today=today), said("E305.decision.hint"))
    if _has(cert, "stars", "level") and cert.stars == 5 and cert.level != "national":
        yield ((*at, "level"), "E303", said("E303.level", level=said(f"level.{cert.level}")), said("E303.level.hint"))
    if _has(cert, "stars", "score") and cert.score is not None:
        got = band(cert.score)
        if got != cert.stars:
            yield ((*at, "score"), "E300",
                   said("E300.band", score=f"{cert.score:g}", got=got, band=band_text(got), stars=cert.stars),
                   said("E300.band.hint", stars=cert.stars, needed=band_text(cert.stars)))
    if _has(cert, "parts", "criteria") and cert.parts is not None and (dated or cert.criteria):
        criteria = criteria_of(cert)
        maxima = PART_MAXIMA[criteria]
        for part, maximum in maxima.items():
            value = getattr(cert.parts, part, None)
            if value is not None and value > maximum:
                yield ((*at, "parts", part), "E301",
                       said("E301.part", part=part, value=f"{value:g}", criteria=criteria, maximum=f"{maximum:g}"),
                       said("E301.part.hint" if cert.criteria else "E301.part.hint_criteria"))
        if _has(cert.parts, "A", "B", "C") and _has(cert, "score") and cert.score is not None:
            total = cert.parts.A + cert.parts.B + cert.parts.C
            if abs(total - cert.score) > 0.01:
                yield ((*at, "parts"), "E302", said("E302.sum", total=f"{total:g}", score=f"{cert.score:g}"),
                       said("E302.sum.hint"))
    if not dated:
        return  # every rule below compares with the decision's date
    if _has(cert, "criteria") and cert.criteria == "148/2023" and cert.date < CRITERIA_148_FROM:
        yield ((*at, "criteria"), "E311", said("E311.early", since=CRITERIA_148_FROM, date=cert.date),
               said("E311.early.hint"))
    elif _has(cert, "criteria") and cert.criteria == "1048/2019" and cert.date >= CRITERIA_148_FROM:
        yield ((*at, "criteria"), "W312", said("W312.old", since=CRITERIA_148_FROM, date=cert.date),
               said("W312.old.hint"))
    default_end = add_months(cert.date, VALIDITY_MONTHS)
    if _has(cert, "valid_until") and cert.valid_until is not None:
        if cert.valid_until <= cert.date:
            yield ((*at, "valid_until"), "E306", said("E306.before", until=cert.valid_until, date=cert.date),
                   said("E306.before.hint", default=default_end))
        elif cert.valid_until > default_end:
            yield ((*at, "valid_until"), "W310", said("W310.long", until=cert.valid_until, date=cert.date),
                   said("W310.long.hint", default=default_end))
    if _has(cert, "revoked", "valid_until") and cert.revoked is not None and _has(cert.revoked, "date"):
        r, end = cert.revoked.date, valid_until(cert)
        if r < cert.date or r > end:
            yield ((*at, "revoked", "date"), "E307", said("E307.outside", revoked=r, date=cert.date, end=end),
                   said("E307.outside.hint"))
        elif r > today:
            yield ((*at, "revoked", "date"), "E305", said("E305.revoked", revoked=r, today=today),
                   said("E305.revoked.hint"))
    if not _has(cert, "level"):
        return
    if cert.level == "district" and cert.date >= DISTRICTS_ENDED:
        yield ((*at, "level"), "E313", said("E313.ended", date=cert.date, ended=DISTRICTS_ENDED), said("E313.ended.hint"))
    elif _has(cert, "stars") and cert.stars != 5 and cert.level not in expected_levels(cert):
        who = listed([said(f"level.{x}") for x in sorted(expected_levels(cert))])
        yield ((*at, "level"), "W309", said("W309.level", date=cert.date, stars=cert.stars, who=who, level=cert.level),
               said("W309.level.hint"))
