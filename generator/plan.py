"""Plan progress: every target of the `plan:` section, computed from the records as of a date.

Pure functions of the validated catalogue, the plan and ``today``; pandas does the counting. The
rules every count follows:

- a target is evaluated on its deadline, or today when the deadline is still ahead;
- a revoked certificate never counts; a certificate dated after the evaluation date neither;
- ``valid_at`` keeps only products whose matching certificate is still valid then (an expired
  certificate stops counting);
- a certificate without ``kind`` is `new` when it is the product's first, `upgrade` when it has more
  stars than the one before, otherwise `re-evaluation` (so a re-evaluation is never a new product);
- status: achieved (inside a range counts), missed (deadline passed), on track (at least the share
  of the target that the elapsed share of the period calls for) or at risk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: a build runs the plan in its own process (build.py)
    import pandas as pd

from . import grading
from .planschema import Indicator, Plan, Target
from .validate import Catalogue

Status = str  # "achieved" | "on_track" | "at_risk" | "missed" | "no_target"
PRODUCER_TYPES = ("cooperative", "cooperative_group", "enterprise", "household", "other")


@dataclass(frozen=True)
class DistrictRow:
    district: str
    target: int
    current: int
    status: Status
    products: list[str]


@dataclass(frozen=True)
class TargetResult:
    indicator: Indicator
    evaluated_on: date
    deadline: date
    current: float
    numerator: int | None
    denominator: int | None
    status: Status
    progress: float  # 0..100, share of the target reached
    expected: float | None  # what the elapsed time calls for, when that applies
    products: list[str]
    districts: list[DistrictRow] = field(default_factory=list)

    @property
    def is_share(self) -> bool:
        return self.indicator.measure in ("producer_share", "product_share", "craft_villages")


@dataclass(frozen=True)
class BudgetYear:
    year: int
    planned: float
    disbursed: float | None


@dataclass
class PlanReport:
    plan: Plan
    today: date
    targets: list[TargetResult]
    history: dict[str, list[tuple[date, float]]]  # target id -> (month end, value)
    budget_years: list[BudgetYear]
    budget_total_planned: float
    milestones: list[tuple[str, str]]  # (status, text) aligned with plan.milestones


def certificate_frame(catalogue: Catalogue) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for e in catalogue.entries:
        r = e.record
        previous = None
        for i, c in enumerate(r.certifications):
            kind = c.kind or ("new" if i == 0 else "upgrade" if previous is not None and c.stars > previous else "re-evaluation")
            previous = c.stars
            rows.append({
                "product": r.id, "district": r.district, "group": r.group, "producer": r.producer.name,
                "producer_type": r.producer.type, "level": c.level, "stars": c.stars, "date": pd.Timestamp(c.date),
                "valid_until": pd.Timestamp(grading.valid_until(c)), "kind": kind,
                "revoked": c.revoked is not None,
            })
    columns = ["product", "district", "group", "producer", "producer_type", "level", "stars", "date", "valid_until",
               "kind", "revoked"]
    return pd.DataFrame(rows, columns=columns)


def product_frame(catalogue: Catalogue) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for e in catalogue.entries:
        r = e.record
        sales = r.sales
        rows.append({
            "product": r.id, "district": r.district, "group": r.group, "producer": r.producer.name,
            "producer_type": r.producer.type,
            "green_value_chain": bool(r.attributes and r.attributes.green_value_chain),
            "craft_village": (r.attributes.craft_village if r.attributes else None) or None,
            "modern_retail": bool(sales and sales.modern_retail),
            "marketplace": bool(sales and sales.marketplaces),
            "upgraded": any(c.kind == "upgrade" for c in r.certifications),
            "re_evaluated": any(c.kind == "re-evaluation" for c in r.certifications),
        })
    frame = pd.DataFrame(rows, columns=["product", "district", "group", "producer", "producer_type", "green_value_chain",
                                        "craft_village", "modern_retail", "marketplace", "upgraded", "re_evaluated"])
    frame["modern_channel"] = frame["modern_retail"] | frame["marketplace"]
    frame["consolidated"] = frame["upgraded"] | frame["re_evaluated"]
    return frame.set_index("product", drop=False)


def _matching(certs: pd.DataFrame, ind: Indicator, plan: Plan, on: date) -> pd.DataFrame:
    import pandas as pd

    f = ind.filter
    when = pd.Timestamp(on)
    keep = (~certs["revoked"]) & (certs["date"] <= when)
    if plan.district:
        keep &= certs["district"] == plan.district
    if f.stars:
        keep &= certs["stars"].isin(f.stars)
    if f.min_stars:
        keep &= certs["stars"] >= f.min_stars
    if f.group:
        keep &= certs["group"].isin(f.group)
    if f.district:
        keep &= certs["district"].isin(f.district)
    if f.level:
        keep &= certs["level"].isin(f.level)
    if f.kind:
        keep &= certs["kind"].isin(f.kind)
    if f.producer_type:
        keep &= certs["producer_type"].isin(f.producer_type)
    if f.within_period:
        keep &= (certs["date"] >= pd.Timestamp(plan.period.start)) & (certs["date"] <= pd.Timestamp(plan.period.end))
    if f.valid_at:
        keep &= certs["valid_until"] >= when
    return certs[keep]


def measure(ind: Indicator, plan: Plan, certs: pd.DataFrame, products: pd.DataFrame, on: date
            ) -> tuple[float, int | None, int | None, list[str], pd.DataFrame]:
    """(value, numerator, denominator, products counted, matching certificates) on date ``on``."""
    if ind.measure == "manual":
        return float(ind.value or 0), None, None, [], certs.iloc[0:0]
    matching = _matching(certs, ind, plan, on)
    ids = sorted(matching["product"].unique())
    if ind.measure == "products":
        return float(len(ids)), len(ids), None, ids, matching
    if ind.measure == "certificates":
        return float(len(matching)), len(matching), None, ids, matching
    rated = products.loc[ids]
    if ind.measure == "craft_villages":
        villages = rated["craft_village"].dropna().unique()
        total = ind.total or 1
        return 100.0 * len(villages) / total, len(villages), total, ids, matching
    wanted = ind.property if isinstance(ind.property, list) else [ind.property or ""]
    types = [p for p in wanted if p in PRODUCER_TYPES]
    flags = [p for p in wanted if p not in PRODUCER_TYPES]
    column = rated["producer_type"].isin(types)
    for flag in flags:
        column = column | rated[flag].astype(bool)
    if ind.measure == "producer_share":
        has = column.groupby(rated["producer"]).any()
        counted = sorted(rated[rated["producer"].isin(has[has].index)]["product"])
        total = len(has)
        return (100.0 * int(has.sum()) / total if total else 0.0), int(has.sum()), total, counted, matching
    # product_share
    counted = sorted(rated[column]["product"])
    total = len(rated)
    return (100.0 * len(counted) / total if total else 0.0), len(counted), total, counted, matching


def judge(value: float, target: Target | float | None, start: date, deadline: date, today: date, *, share: bool
          ) -> tuple[Status, float, float | None]:
    """(status, progress %, expected value) of a value against a target, as of today."""
    if target is None:
        return "no_target", 0.0, None
    # A range is achieved from its lower end on (going past the upper end is not a failure).
    if isinstance(target, (int, float)):
        goal = float(target)
    elif target.percent is not None:
        goal = target.percent
    elif target.at_least is not None:
        goal = target.at_least
    else:
        goal = float(target.min or 0)
    progress = 100.0 if goal <= 0 else min(100.0, 100.0 * value / goal)
    if value >= goal:
        return "achieved", progress, None
    if today > deadline:
        return "missed", progress, None
    if share:
        return "at_risk", progress, None
    span = max((deadline - start).days, 1)
    elapsed = min(max((today - start).days, 0), span)
    expected = goal * elapsed / span
    return ("on_track" if value >= expected else "at_risk"), progress, round(expected, 1)


def _month_ends(start: date, end: date) -> list[date]:
    import pandas as pd

    points = []
    for stamp in pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="ME"):
        points.append(stamp.date())
    if not points or points[-1] != end:
        points.append(end)
    return points


def evaluate(plan: Plan, catalogue: Catalogue, today: date) -> PlanReport:
    certs = certificate_frame(catalogue)
    products = product_frame(catalogue)
    results: list[TargetResult] = []
    history: dict[str, list[tuple[date, float]]] = {}
    for ind in plan.targets:
        deadline = ind.deadline or plan.period.end
        on = min(deadline, today)
        value, num, den, ids, matching = measure(ind, plan, certs, products, on)
        share = ind.measure in ("producer_share", "product_share", "craft_villages")
        status, progress, expected = judge(value, ind.target, plan.period.start, deadline, today, share=share)
        rows = []
        for did, goal in ind.per_district.items():
            in_district = matching[matching["district"] == did]
            got = len(in_district) if ind.measure == "certificates" else in_district["product"].nunique()
            st, _, _ = judge(got, goal, plan.period.start, deadline, today, share=False)
            rows.append(DistrictRow(did, goal, int(got), st, sorted(in_district["product"].unique())))
        results.append(TargetResult(ind, on, deadline, round(value, 1), num, den, status, round(progress, 1),
                                    expected, ids, rows))
        if ind.measure in ("products", "certificates"):
            first = plan.period.start.replace(day=1)
            history[ind.id] = [(d, measure(ind, plan, certs, products, d)[0])
                               for d in _month_ends(first, min(deadline, today))]
    years: dict[int, list[float]] = {}
    disbursed: dict[int, float | None] = {}
    total = 0.0
    if plan.budget:
        for line in plan.budget.lines:
            years.setdefault(line.year, []).append(line.planned)
            total += line.planned
            if line.disbursed is not None:
                disbursed[line.year] = (disbursed.get(line.year) or 0) + line.disbursed
    budget_years = [BudgetYear(y, sum(v), disbursed.get(y)) for y, v in sorted(years.items())]
    milestones = [(milestone_status(m.due, m.done, today), m.text) for m in plan.milestones]
    return PlanReport(plan, today, results, history, budget_years, total, milestones)


def milestone_status(due: date, done: date | None, today: date) -> str:
    if done is not None:
        return "done" if done <= due else "done_late"
    return "overdue" if today > due else "due"
