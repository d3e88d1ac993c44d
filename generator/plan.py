"""Plan progress: every target of the `plan:` section, computed from the records as of a date.

Pure functions of the validated catalogue, the plan and a date ``today`` (the build date, or the
past date of ``ocop report --as-of``); pandas does the counting. One notion of time for every
figure, so that a figure "as of 31/12/2024" computed in 2026 is the figure of 31/12/2024:

- a certificate counts from its decision date. *Valid on a date* (``basis: valid``) it counts
  until it expires, is replaced by the product's next certificate, or is revoked; *cumulative*
  (``basis: cumulative``, lũy kế) it counts from its date on, even expired, until it is revoked.
  A revocation takes effect on its own date: it never removes a certificate from earlier figures;
- what is dated after the day of the figure (certificates, revocations, hand-entered values,
  milestones done) is ignored, so that today's records give the past figures;
- a 5★ proposal (a record's ``proposals``) counts from its date and, once made, stays made: a
  plan that asks for products *proposed* counts proposals, not the certificates that may follow;
- kinds (new / re-evaluation / upgrade) are those of ``derive.certificate_kinds``, the same as the
  product pages and the open data; `upgraded`, `re_evaluated` and `consolidated` mean a
  certificate of that kind dated inside the plan period and on or before the day of the figure;
- a target is judged on its deadline, or on ``today`` while its deadline is ahead. Before the
  deadline it is on track when at or above the straight path from its *baseline* (its value the
  day before the period starts, computed, or given in the plan) to the target on the deadline;
- a hand-entered value counts from its own date (``as_of``); after the deadline, a value dated
  before it that does not reach the target says nothing about the deadline (``no_data``, not
  ``missed``), and a value dated after the deadline is not the deadline's figure;
- a yearly volume (``per_year`` / ``each_year``) is judged year by year by the same rules, each
  year from 1 January (or the period start) to 31 December (or the period end), from the latest
  value dated in that year; a year not begun is ``upcoming``. The target as a whole is as good as
  its worst year so far (missed, then no figure, then at risk), achieved once every year is;
- histories are computed from the dates at which a count changes (issue, expiry, replacement,
  revocation), so their cost follows the records, not the length of the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: a build runs the plan in its own process (build.py)
    import pandas as pd

from . import grading, places, placing
from .derive import certificate_kinds
from .planschema import Indicator, Milestone, Plan, Target, Value, manual_values, yearly_goals
from .validate import Catalogue

Status = str  # "achieved" | "on_track" | "at_risk" | "missed" | "no_data" | "no_target" | "upcoming"
WORST_FIRST = ("missed", "no_data", "at_risk", "on_track", "achieved")  # how years combine
PRODUCER_TYPES = ("cooperative", "cooperative_group", "enterprise", "household", "other")
KIND_FLAGS = {"upgraded": ("upgrade",), "re_evaluated": ("re-evaluation",),
              "consolidated": ("upgrade", "re-evaluation")}
NEVER = date.max.toordinal() + 1  # the end of what does not end
CHART_POINTS = 600  # a chart is 640 px wide: more points than this draw nothing more
CERT_COLUMNS = ["product", "district", "commune", "group", "producer", "producer_type", "level", "stars", "kind",
                "issued", "expires", "revoked", "replaced"]
COUNTS = ("products", "certificates", "proposals")  # measures that count rows of the records, over time


@dataclass(frozen=True)
class DistrictRow:
    district: str
    target: int
    current: float | None
    status: Status
    products: list[str]


@dataclass(frozen=True)
class YearRow:
    year: int
    target: float
    current: float | None  # the latest value dated in that year, up to the day of the figure
    status: Status
    value_date: date | None
    source: str | None


@dataclass(frozen=True)
class TargetResult:
    indicator: Indicator
    evaluated_on: date
    deadline: date
    current: float | None  # None: no hand-entered value known on the day of the figure
    numerator: int | None
    denominator: int | None
    status: Status
    progress: float  # 0..100, share of the way from the baseline to the target
    expected: float | None  # where the straight path from the baseline stands on that day
    products: list[str]
    baseline: float | None = None
    value_date: date | None = None  # manual: the date of the value shown
    value_source: str | None = None
    basis: str | None = None  # "valid" | "cumulative" for computed counts
    districts: list[DistrictRow] = field(default_factory=list)
    years: list[YearRow] = field(default_factory=list)

    @property
    def is_share(self) -> bool:
        return self.indicator.measure in ("producer_share", "product_share", "craft_villages", "communes")


@dataclass(frozen=True)
class BudgetYear:
    year: int
    planned: float
    disbursed: float | None


@dataclass(frozen=True)
class BudgetTotal:
    label: str  # a funding source, a year, or "" for the grand total
    computed: float | None  # from the lines (None when no line has that source/year)
    printed: float | None  # as printed in the plan


@dataclass(frozen=True)
class MilestoneRow:
    milestone: Milestone
    due: date
    done: date | None
    status: str  # done | done_late | due | overdue | not_held | cancelled


@dataclass
class PlanReport:
    plan: Plan
    today: date
    targets: list[TargetResult]
    history: dict[str, list[tuple[date, float]]]  # target id -> (day, value) at each change
    budget_years: list[BudgetYear]
    budget_total_planned: float
    milestones: list[MilestoneRow]
    budget_totals: list[BudgetTotal] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# The records as two tables: one row per certificate (with the days it starts and stops
# counting), one row per product (its properties as recorded).


def _end(cert: object) -> int:
    """First day a certificate is no longer valid (the day after its last valid day)."""
    try:
        return grading.valid_until(cert).toordinal() + 1  # type: ignore[arg-type]
    except (OverflowError, ValueError):  # a validity beyond the calendar never ends in a plan period
        return NEVER


def certificate_frame(catalogue: Catalogue) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for e in catalogue.entries:
        r = e.record
        certs = r.certifications
        for i, (c, kind) in enumerate(zip(certs, certificate_kinds(certs))):
            issued = c.date.toordinal()
            following = certs[i + 1].date.toordinal() if i + 1 < len(certs) else NEVER
            rows.append({
                "product": r.id, "district": r.district, "commune": r.commune or "", "group": r.group,
                "producer": r.producer.name, "producer_type": r.producer.type, "level": c.level, "stars": c.stars,
                "kind": kind, "issued": issued, "expires": _end(c),
                "revoked": c.revoked.date.toordinal() if c.revoked is not None else NEVER,
                "replaced": max(following, issued),
            })
    return pd.DataFrame(rows, columns=CERT_COLUMNS)


def proposal_frame(catalogue: Catalogue) -> pd.DataFrame:
    """One row per 5★ proposal, in the certificates' columns so that the same filters apply: it
    starts counting on its date and never stops (a proposal made is not unmade by a later day)."""
    import pandas as pd

    rows = [{"product": r.id, "district": r.district, "commune": r.commune or "", "group": r.group,
             "producer": r.producer.name, "producer_type": r.producer.type, "level": p.level, "stars": p.stars,
             "kind": "proposal", "issued": p.date.toordinal(), "expires": NEVER, "revoked": NEVER, "replaced": NEVER}
            for r in (e.record for e in catalogue.entries) for p in r.proposals]
    return pd.DataFrame(rows, columns=CERT_COLUMNS)


def product_frame(catalogue: Catalogue) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for e in catalogue.entries:
        r = e.record
        sales = r.sales
        rows.append({
            "product": r.id, "district": r.district, "commune": r.commune or "", "producer": r.producer.name,
            "producer_type": r.producer.type,
            "green_value_chain": bool(r.attributes and r.attributes.green_value_chain),
            "craft_village": (r.attributes.craft_village if r.attributes else None) or None,
            "modern_retail": bool(sales and sales.modern_retail),
            "marketplace": bool(sales and sales.marketplaces),
        })
    frame = pd.DataFrame(rows, columns=["product", "district", "commune", "producer", "producer_type",
                                        "green_value_chain", "craft_village", "modern_retail", "marketplace"])
    frame["modern_channel"] = frame["modern_retail"] | frame["marketplace"]
    return frame.set_index("product", drop=False)


@dataclass(frozen=True)
class Records:
    certs: pd.DataFrame
    proposals: pd.DataFrame
    products: pd.DataFrame
    communes: frozenset[tuple[str, str]]  # (district, commune) declared in site_config.yml


def records(catalogue: Catalogue, plan: Plan | None = None) -> Records:
    """The records a plan looks at: all of them, or those of its former province (``scoped``)."""
    catalogue, districts = scoped(catalogue, plan) if plan is not None else (catalogue, None)
    communes = frozenset((d.id, c.id) for d in catalogue.config.districts for c in d.communes
                         if districts is None or d.id in districts)
    return Records(certificate_frame(catalogue), proposal_frame(catalogue), product_frame(catalogue), communes)


def scoped(catalogue: Catalogue, plan: Plan) -> tuple[Catalogue, set[str] | None]:
    """The catalogue as the plan's own province had it, and that province's district ids: for a plan
    of a former province (``plan.former_province``) kept by today's merged one (Trà Vinh's in
    today's Vĩnh Long), only the records of its districts, and the records naming only today's
    ward of a ward made (wholly or partly) of its communes. A catalogue of that province alone gives
    the same figures. Any other plan: the whole catalogue (None: every district)."""
    if not plan.former_province:
        return catalogue, None
    mine = placing.former_province_code(plan.former_province)
    districts = placing.districts_of_former_province(catalogue.config, plan.former_province)
    wards: dict[str, bool] = {}

    def inside(record) -> bool:  # type: ignore[no-untyped-def]
        if record.district is not None:
            return record.district in districts
        if record.ward not in wards:
            wards[record.ward] = any(c.province == mine for c, _, _ in places.made_of(record.ward))
        return wards[record.ward]

    entries = [e for e in catalogue.entries if inside(e.record)]
    return replace(catalogue, entries=entries), districts


# ---------------------------------------------------------------------------------------------
# Which certificates a target counts, and from when to when.


def spans(ind: Indicator, plan: Plan, certs: pd.DataFrame) -> pd.DataFrame:
    """The certificates a target looks at, with the days each starts (``start``) and stops
    (``stop``, exclusive) counting for it. Does not depend on the day of the figure."""
    f = ind.filter
    keep = certs["product"].notna()
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
    low = [d for d in (f.issued_from, plan.period.start if f.within_period else None) if d is not None]
    high = [d for d in (f.issued_to, plan.period.end if f.within_period else None) if d is not None]
    if low:
        keep &= certs["issued"] >= max(low).toordinal()
    if high:
        keep &= certs["issued"] <= min(high).toordinal()
    expired_filter = f.expired_from is not None or f.expired_to is not None
    if f.expired_from is not None:  # `expires` is the day after the last valid day
        keep &= certs["expires"] - 1 >= f.expired_from.toordinal()
    if f.expired_to is not None:
        keep &= certs["expires"] - 1 <= f.expired_to.toordinal()
    if f.cohort_from is not None or f.cohort_to is not None:
        lo = (f.cohort_from or date.min).toordinal()
        hi = (f.cohort_to or date.max).toordinal()
        keep &= certs["product"].isin(certs[(certs["issued"] >= lo) & (certs["issued"] <= hi)]["product"])
    chosen = certs[keep]
    # A cohort of expired certificates counts each one from the day it expired.
    start = chosen["expires"] if expired_filter else chosen["issued"]
    if f.counts == "valid" and not expired_filter:
        stop = chosen[["expires", "revoked", "replaced"]].min(axis=1)
    else:
        stop = chosen["revoked"]
    out = chosen.assign(start=start, stop=stop)
    return out[out["stop"] > out["start"]]


def _on(rows: pd.DataFrame, day: date) -> pd.DataFrame:
    d = day.toordinal()
    return rows[(rows["start"] <= d) & (rows["stop"] > d)]


def _kind_flags(certs: pd.DataFrame, plan: Plan, day: date) -> dict[str, set[str]]:
    """Products with an upgrade / re-evaluation / either, dated inside the period, as of ``day``."""
    d, first = day.toordinal(), plan.period.start.toordinal()
    done = certs[(certs["issued"] >= first) & (certs["issued"] <= d) & (certs["revoked"] > d)]
    return {flag: set(done[done["kind"].isin(kinds)]["product"]) for flag, kinds in KIND_FLAGS.items()}


@dataclass(frozen=True)
class Figure:
    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    products: list[str] = field(default_factory=list)
    counted: pd.DataFrame | None = None  # the certificate rows counted (for per-district splits)
    as_of: date | None = None  # manual: the date of the value
    source: str | None = None


def _manual(values: list[Value], day: date, district: str | None = None, *, split: bool = False) -> Figure:
    """The latest value dated on or before ``day`` (per district: the sum of each district's latest)."""
    known = [v for v in values if v.as_of <= day]
    if split:
        latest = {v.district: v for v in known if v.district is not None}
        if not latest:
            return Figure(None)
        return Figure(sum(v.value for v in latest.values()), as_of=max(v.as_of for v in latest.values()),
                      source="; ".join(sorted({v.source for v in latest.values()})))
    mine = [v for v in known if v.district == district]
    if not mine:
        return Figure(None)
    return Figure(mine[-1].value, as_of=mine[-1].as_of, source=mine[-1].source)


def measure(ind: Indicator, plan: Plan, data: Records, rows: pd.DataFrame, day: date) -> Figure:
    """The value of one target on ``day`` (``rows``: its ``spans``)."""
    if ind.measure == "manual":
        totals = [v for v in manual_values(ind) if v.district is None]
        return _manual(manual_values(ind), day, split=not totals and bool(ind.per_district))
    counted = _on(rows, day)
    ids = sorted(counted["product"].unique())
    if ind.measure in ("products", "proposals"):
        return Figure(float(len(ids)), len(ids), None, ids, counted)
    if ind.measure == "certificates":
        return Figure(float(len(counted)), len(counted), None, ids, counted)
    rated = data.products.loc[ids]
    if ind.measure == "craft_villages":
        villages = rated["craft_village"].dropna().unique()
        total = ind.total or 1
        return Figure(100.0 * len(villages) / total, len(villages), total, ids, counted)
    if ind.measure == "communes":
        declared = {c for c in data.communes if (not plan.district or c[0] == plan.district)
                    and (not ind.filter.district or c[0] in ind.filter.district)}
        covered = declared & set(zip(rated["district"], rated["commune"]))
        with_commune = sorted(rated[[c in covered for c in zip(rated["district"], rated["commune"])]]["product"])
        total = len(declared)
        return Figure(100.0 * len(covered) / total if total else 0.0, len(covered), total, with_commune, counted)
    wanted = ind.property if isinstance(ind.property, list) else [ind.property or ""]
    column = rated["producer_type"].isin([p for p in wanted if p in PRODUCER_TYPES])
    flags = _kind_flags(data.certs, plan, day) if any(p in KIND_FLAGS for p in wanted) else {}
    for prop in wanted:
        if prop in KIND_FLAGS:
            column = column | rated["product"].isin(flags[prop])
        elif prop not in PRODUCER_TYPES:
            column = column | rated[prop].astype(bool)
    if ind.measure == "producer_share":
        has = column.groupby(rated["producer"]).any()
        counted_ids = sorted(rated[rated["producer"].isin(has[has].index)]["product"])
        total = len(has)
        return Figure(100.0 * int(has.sum()) / total if total else 0.0, int(has.sum()), total, counted_ids, counted)
    chosen = sorted(rated[column]["product"])
    total = len(rated)
    return Figure(100.0 * len(chosen) / total if total else 0.0, len(chosen), total, chosen, counted)


def series(ind: Indicator, rows: pd.DataFrame, first: date, last: date) -> list[tuple[date, float]]:
    """A count target's value on ``first``, on each day it changes up to ``last``, and on ``last``.

    A product is counted while any of its certificates counts: its spans are merged first, then
    the count is a running sum of +1 at each start and -1 at each stop. The work follows the
    number of certificates, whatever the length of the period."""
    import numpy as np
    import pandas as pd

    if rows.empty:
        return [(first, 0.0), (last, 0.0)]
    spans_ = rows[["product", "start", "stop"]].rename(columns={"product": "unit"})
    if ind.measure == "certificates":
        merged = spans_[["start", "stop"]]
    else:
        spans_ = spans_.sort_values(["unit", "start"])
        reach = spans_.groupby("unit")["stop"].cummax().groupby(spans_["unit"]).shift()
        block = (reach.isna() | (spans_["start"] > reach)).cumsum()
        merged = spans_.groupby(block).agg(start=("start", "min"), stop=("stop", "max"))
    events = pd.concat([pd.Series(1, index=merged["start"].to_numpy()),
                        pd.Series(-1, index=merged["stop"].to_numpy())]).groupby(level=0).sum().sort_index()
    times, running = events.index.to_numpy(), events.to_numpy().cumsum()
    lo, hi = first.toordinal(), last.toordinal()
    inside = times[(times > lo) & (times <= hi)]
    if len(inside) > CHART_POINTS:
        inside = np.unique(np.linspace(lo, hi, CHART_POINTS).astype(int))
    days = np.concatenate([[lo], inside, [hi]])
    at = np.searchsorted(times, days, side="right") - 1
    values = np.where(at >= 0, running[np.maximum(at, 0)], 0)
    out = [(date.fromordinal(int(d)), float(v)) for d, v in zip(days, values)]
    return [p for i, p in enumerate(out) if i == 0 or p[0] != out[i - 1][0]]


# ---------------------------------------------------------------------------------------------
# Judging a value against a target.


def judge(value: float | None, target: Target | float | None, start: date, deadline: date, today: date, *,
          baseline: float | None = 0.0, on: date | None = None) -> tuple[Status, float, float | None]:
    """(status, progress %, expected value) of a value against a target, as of ``today``.

    ``on`` is the day the value was true (a hand-entered value's date; default: the day judged).
    Before the deadline the value is compared with the straight path from ``baseline`` (the value
    at the period start) to the target; without a baseline it cannot be on track, only at risk."""
    if target is None:
        return "no_target", 0.0, None
    goal = float(target) if isinstance(target, (int, float)) else target.goal
    if value is None:
        return "no_data", 0.0, None
    base = min(baseline or 0.0, goal)
    progress = 100.0 if goal <= base else max(0.0, min(100.0, 100.0 * (value - base) / (goal - base)))
    if value >= goal:
        return "achieved", progress, None
    when = min(on or today, today, deadline)
    if today > deadline:
        # A value older than the deadline does not say what was reached by then.
        return ("missed" if when >= deadline else "no_data"), progress, None
    if baseline is None:
        return "at_risk", progress, None
    span = max((deadline - start).days, 1)
    elapsed = min(max((when - start).days, 0), span)
    expected = base + (goal - base) * elapsed / span
    return ("on_track" if value >= expected - 1e-9 else "at_risk"), progress, round(expected, 1)


def _baseline(ind: Indicator, plan: Plan, data: Records, rows: pd.DataFrame) -> float | None:
    if ind.baseline is not None:
        return ind.baseline.value
    if ind.measure == "manual":
        return 0.0  # things done within the period; a stock entered by hand gives its `baseline`
    return measure(ind, plan, data, rows, plan.period.start - timedelta(days=1)).value


def _district_rows(ind: Indicator, plan: Plan, figure: Figure, deadline: date, today: date, on: date) -> list[DistrictRow]:
    out = []
    for did, goal in ind.per_district.items():
        if ind.measure == "manual":
            got = _manual(manual_values(ind), on, did)
            st, _, _ = judge(got.value, goal, plan.period.start, deadline, today, on=got.as_of)
            out.append(DistrictRow(did, goal, got.value, st, []))
            continue
        counted = figure.counted if figure.counted is not None else None
        mine = counted[counted["district"] == did] if counted is not None else None
        ids = sorted(mine["product"].unique()) if mine is not None else []
        got_n = float(len(mine) if ind.measure == "certificates" and mine is not None else len(ids))
        st, _, _ = judge(got_n, goal, plan.period.start, deadline, today)
        out.append(DistrictRow(did, goal, got_n, st, ids))
    return out


def year_rows(ind: Indicator, plan: Plan, on: date, today: date) -> list[YearRow]:
    """Each year of a yearly volume, judged on its own (the rules of ``judge``, over that year)."""
    rows = []
    for year, goal in yearly_goals(ind, plan.period).items():
        first, last = max(date(year, 1, 1), plan.period.start), min(date(year, 12, 31), plan.period.end)
        if first > on:
            rows.append(YearRow(year, goal, None, "upcoming", None, None))
            continue
        got = _manual([v for v in manual_values(ind) if v.as_of.year == year], min(on, last))
        status, _, _ = judge(got.value, goal, first, last, today, on=got.as_of)
        rows.append(YearRow(year, goal, got.value, status, got.as_of, got.source))
    return rows


def _yearly_result(ind: Indicator, plan: Plan, deadline: date, on: date, today: date) -> TargetResult:
    """A yearly volume: the years' figures, their total, and a verdict as good as the worst year so far."""
    years = year_rows(ind, plan, on, today)
    judged = [y for y in years if y.status != "upcoming"]
    known = [y for y in judged if y.current is not None]
    total = sum(y.current for y in known) if known else None  # type: ignore[misc]
    goal = sum(y.target for y in years)
    progress = 100.0 if goal <= 0 else 100.0 * sum(min(y.current or 0.0, y.target) for y in judged) / goal
    if ind.target is not None:  # the plan also gives a total: judged as any manual value
        when = max((y.value_date for y in known if y.value_date), default=None)
        status, progress, _ = judge(total, ind.target, plan.period.start, deadline, today, on=when)
    elif not judged:
        status = "no_data"
    else:
        status = min((y.status for y in judged), key=WORST_FIRST.index)
        if status == "achieved" and (len(judged) < len(years) or on < deadline):
            status = "on_track"  # every year so far reached; some are still to come
    dates = [y.value_date for y in known if y.value_date]
    return TargetResult(ind, on, deadline, total, None, None, status, round(progress, 1), None, [],
                        baseline=None, value_date=max(dates) if dates else None,
                        value_source="; ".join(dict.fromkeys(y.source for y in known if y.source)) or None,
                        years=years)


def evaluate_target(ind: Indicator, plan: Plan, data: Records, today: date
                    ) -> tuple[TargetResult, list[tuple[date, float]] | None]:
    deadline = ind.deadline or plan.period.end
    on = min(deadline, today)
    if yearly_goals(ind, plan.period):
        return _yearly_result(ind, plan, deadline, on, today), None
    rows = (data.certs.iloc[0:0] if ind.measure == "manual" else
            spans(ind, plan, data.proposals if ind.measure == "proposals" else data.certs))
    figure = measure(ind, plan, data, rows, on)
    base = _baseline(ind, plan, data, rows)
    status, progress, expected = judge(figure.value, ind.target, plan.period.start, deadline, today,
                                       baseline=base, on=figure.as_of)
    result = TargetResult(
        ind, on, deadline, None if figure.value is None else round(figure.value, 1), figure.numerator,
        figure.denominator, status, round(progress, 1), expected, figure.products,
        baseline=None if base is None else round(base, 1), value_date=figure.as_of, value_source=figure.source,
        basis=None if ind.measure == "manual" else "proposed" if ind.measure == "proposals" else ind.filter.counts,
        districts=_district_rows(ind, plan, figure, deadline, today, on))
    history = None
    if ind.measure in COUNTS and on >= plan.period.start:
        history = series(ind, rows, plan.period.start, on)
    return result, history


def evaluate(plan: Plan, catalogue: Catalogue, today: date) -> PlanReport:
    """Every figure of the plan as of ``today`` from the records as they are now."""
    data = records(catalogue, plan)
    results: list[TargetResult] = []
    history: dict[str, list[tuple[date, float]]] = {}
    for ind in plan.targets:
        result, points = evaluate_target(ind, plan, data, today)
        results.append(result)
        if points is not None:
            history[ind.id] = points
    years, totals = budget_tables(plan)
    return PlanReport(plan, today, results, history, years, sum(y.planned for y in years),
                      milestone_rows(plan, today), totals)


def budget_tables(plan: Plan) -> tuple[list[BudgetYear], list[BudgetTotal]]:
    if plan.budget is None:
        return [], []
    years: dict[int, float] = {}
    disbursed: dict[int, float] = {}
    sources: dict[str, float] = {}
    for line in plan.budget.lines:
        years[line.year] = years.get(line.year, 0.0) + line.planned
        if line.disbursed is not None:
            disbursed[line.year] = disbursed.get(line.year, 0.0) + line.disbursed
        if line.source:
            sources[line.source] = sources.get(line.source, 0.0) + line.planned
    by_year = [BudgetYear(y, v, disbursed.get(y)) for y, v in sorted(years.items())]
    totals = [BudgetTotal("", sum(years.values()) if years else None, plan.budget.total)]
    printed_sources = {t.source: t.amount for t in plan.budget.totals if t.source and t.year is None}
    for name in sorted(set(sources) | set(printed_sources)):
        totals.append(BudgetTotal(name, sources.get(name), printed_sources.get(name)))
    for t in plan.budget.totals:
        if t.year is not None:
            label = f"{t.year}" + (f" · {t.source}" if t.source else "")
            computed = sum(x.planned for x in plan.budget.lines if x.year == t.year and (not t.source or x.source == t.source))
            totals.append(BudgetTotal(label, computed if computed else None, t.amount))
    return by_year, totals


def _yearly(due: date, year: int) -> date:
    try:
        return due.replace(year=year)
    except ValueError:  # 29 February
        return due.replace(year=year, day=28)


def milestone_rows(plan: Plan, today: date) -> list[MilestoneRow]:
    """Each milestone (each year's occurrence, for a yearly duty) with its status as of ``today``."""
    out = []
    for m in plan.milestones:
        dones = [d for d in m.done_dates if d <= today]  # done later than the day of the figure: not yet
        dues = [m.due] if m.repeat is None else [_yearly(m.due, y) for y in range(m.due.year, plan.period.end.year + 1)]
        for due in dues:
            done = next((d for d in dones if d.year == due.year), None) if m.repeat else (dones[0] if dones else None)
            lapsed = m.cancelled is not None and (m.lapsed_from is None or due >= m.lapsed_from)
            out.append(MilestoneRow(m, due, done, milestone_status(due, done, today, optional=m.optional,
                                                                   cancelled=lapsed)))
    return out


def milestone_status(due: date, done: date | None, today: date, *, optional: bool = False,
                     cancelled: bool = False) -> str:
    if done is not None:
        return "done" if done <= due else "done_late"
    if cancelled:
        return "cancelled"
    if today > due:
        return "not_held" if optional else "overdue"
    return "due"
