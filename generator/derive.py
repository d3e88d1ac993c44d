"""What the build computes from a record and the build date: never typed by a steward.

The one place derived fields are defined (and documented for the open-data exports):

- ``latest``: the last certification in the record (records are oldest first);
- ``current``: the latest certification that was not revoked;
- ``status``: ``valid``, ``expiring`` (ends within 90 days), ``expired``, ``revoked`` (the latest
  certificate was withdrawn), ``unrated`` (in the programme, no certificate yet) or ``withdrawn``
  (the product left the catalogue; its page stays);
- ``stars``: stars of the current certificate while it is valid or expiring, else ``None``;
- ``last_stars``: stars of the current certificate whatever its status (history, badges);
- ``valid_until``: end of the current (or revoked latest) certificate: date + 36 months unless given;
- ``upgraded`` / ``re_evaluated``: the history up to ``today`` contains an upgrade / a re-evaluation,
  with kinds as ``certificate_kinds`` infers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .grading import EXPIRING_DAYS, criteria_of, valid_until
from .schema import Certification, Product

Status = Literal["valid", "expiring", "expired", "revoked", "unrated", "withdrawn"]
STATUSES: tuple[Status, ...] = ("valid", "expiring", "expired", "revoked", "unrated", "withdrawn")
ACTIVE: frozenset[str] = frozenset({"valid", "expiring"})


@dataclass(frozen=True)
class Derived:
    status: Status
    latest: Certification | None
    current: Certification | None
    stars: int | None
    last_stars: int | None
    valid_until: date | None
    criteria: str | None
    upgraded: bool
    re_evaluated: bool
    as_of: date

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    @property
    def shown(self) -> Certification | None:
        """The certificate the verification panel shows: the revoked one when that is the news."""
        return self.latest if self.status == "revoked" else self.current


def status_on(until: date | None, today: date) -> Status:
    """Status of an unrevoked certificate ending on ``until`` (inclusive)."""
    if until is None:
        return "unrated"
    if today > until:
        return "expired"
    return "expiring" if (until - today).days <= EXPIRING_DAYS else "valid"


def certificate_kinds(certs: list[Certification]) -> list[str]:
    """The kind of each certificate of one product's history (oldest first): the `kind` written in
    the record, else inferred, so that imported records (which carry no `kind`) count like typed ones.

    The first certificate is `new`; a later one with more stars than the one before is an
    `upgrade` (nâng hạng), any other later one a `re-evaluation` (đánh giá lại). The plan engine
    and the derived fields both use this one rule."""
    kinds = []
    for i, c in enumerate(certs):
        if c.kind is not None:
            kinds.append(c.kind)
        elif i == 0:
            kinds.append("new")
        else:
            kinds.append("upgrade" if c.stars > certs[i - 1].stars else "re-evaluation")
    return kinds


def derive(product: Product, today: date) -> Derived:
    certs = product.certifications
    latest = certs[-1] if certs else None
    current = next((c for c in reversed(certs) if c.revoked is None or c.revoked.date > today), None)
    revoked_now = latest is not None and latest.revoked is not None and latest.revoked.date <= today
    shown = latest if revoked_now else current
    until = valid_until(shown) if shown else None

    status: Status
    if product.withdrawn is not None and product.withdrawn.date <= today:
        status = "withdrawn"
    elif latest is None:
        status = "unrated"
    elif revoked_now:
        status = "revoked"
    else:
        status = status_on(until, today)

    last_stars = current.stars if current else (latest.stars if latest else None)
    kinds = {k for c, k in zip(certs, certificate_kinds(certs)) if c.date <= today}
    return Derived(
        status=status,
        latest=latest,
        current=current,
        stars=current.stars if current and status in ACTIVE else None,
        last_stars=last_stars,
        valid_until=until,
        criteria=criteria_of(shown) if shown else None,
        upgraded="upgrade" in kinds,
        re_evaluated="re-evaluation" in kinds,
        as_of=today,
    )


def day_edges(product: Product) -> set[date]:
    """The days on which ``derive(product, today)`` may differ from the day before (apart from
    ``as_of``, which is the day itself): a certificate's date (its kind counts from then), a
    revocation or withdrawal taking effect, and for every certificate (any of them may be the
    one shown) the first day of the expiring window and the first day after validity.
    validate.py reuses a derived result between two such days; whatever above compares
    ``today`` with another date must name that date here."""
    out: set[date] = set()
    for cert in product.certifications:
        until = valid_until(cert)
        out |= {cert.date, until - timedelta(days=EXPIRING_DAYS), until + timedelta(days=1)}
        if cert.revoked is not None:
            out.add(cert.revoked.date)
    if product.withdrawn is not None:
        out.add(product.withdrawn.date)
    return out
