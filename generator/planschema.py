"""The `plan:` section of site_config.yml: a provincial (or district) OCOP plan as data.

Every measurable target of a plan is one of a few kinds (``measure``):

- ``products``: how many products have a certificate matching ``filter`` (stars, level, kind,
  group, district, issue dates), either *valid on the date* or *ever certified* (``filter.basis``);
- ``certificates``: how many certificates match ``filter`` (e.g. re-evaluations done in 2024);
- ``proposals``: how many products the province has *proposed* for 5★ (the records' ``proposals``),
  counted from the proposal's date (``filter`` picks by stars, level, group, district, dates);
- ``producer_share``: the share of subjects (producers of rated products) with a property;
- ``product_share``: the share of rated products with a property;
- ``craft_villages``: the share of a known number of craft villages that have an OCOP product;
- ``communes``: the share of the communes declared in site_config.yml that have an OCOP product;
- ``manual``: a fact the records do not hold (people trained, showrooms built): dated values with
  their source, optionally per district, or a yearly volume (``per_year`` / ``each_year``: classes
  held, trade-promotion trips "02 lần/năm") where each year is judged on its own.

Targets are a number (at least), a range (``{min, max}``, achieved anywhere inside) or a
percentage. ``per_district`` splits a target by district. Budgets and milestones are tables of
their own. Everything is computed by ``generator/plan.py`` as of a date (see its docstring for the
rules of time). Dates are bounded to 2000–2100 and numbers to a trillion so that a typo is a
located error, not hours of work or a traceback.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator
from .messages import Said, refused, said
from .plaintext import Plain, PlainNonEmpty
from .schema import SLUG_PATTERN, Date, Group, HttpsUrl, ProducerType, Record, Text

Measure = Literal["products", "certificates", "proposals", "producer_share", "product_share", "craft_villages",
                  "communes", "manual"]
Property = Literal["cooperative", "cooperative_group", "enterprise", "household", "other", "green_value_chain",
                   "modern_retail", "marketplace", "modern_channel", "upgraded", "re_evaluated", "consolidated",
                   "craft_village"]
Basis = Literal["valid", "cumulative"]

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
LARGEST = 1e12  # a plan counts products and millions of đồng: anything larger is a typo


def _in_range(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise refused("E501.plan_date", value=value.isoformat())
    return value


def _bounded(value: float) -> float:
    if not math.isfinite(value) or abs(value) > LARGEST:
        raise refused("E501.plan_number", value=f"{value:g}")
    return value


PlanDate = Annotated[Date, AfterValidator(_in_range)]
Amount = Annotated[float, AfterValidator(_bounded)]
Slug = Annotated[Text, Field(pattern=SLUG_PATTERN)]
Year = Annotated[Text, Field(pattern=r"^(20[0-9][0-9]|2100)$")]  # a mapping key: YAML keys are read as text


class Period(Record):
    start: PlanDate = Field(description="First day of the plan period.", examples=["2024-01-01"])
    end: PlanDate = Field(description="Last day of the plan period (the default deadline).", examples=["2024-12-31"])

    @model_validator(mode="after")
    def _order(self) -> "Period":
        if self.end < self.start:
            raise refused("E501.plan_period")
        return self


class Filter(Record):
    stars: list[Annotated[int, Field(ge=3, le=5)]] = Field(default_factory=list, description="Only these star levels.")
    min_stars: Annotated[int, Field(ge=3, le=5)] | None = Field(None, description="At least this many stars.")
    group: list[Group] = Field(default_factory=list, description="Only these OCOP groups.")
    district: list[Slug] = Field(default_factory=list, description="Only these districts.")
    level: list[Literal["district", "province", "national"]] = Field(default_factory=list,
                                                                    description="Only certificates of these levels.")
    kind: list[Literal["new", "re-evaluation", "upgrade"]] = Field(
        default_factory=list, description="Only certificates of these kinds (a record without `kind` counts its "
        "first certificate as new, a later one with more stars as upgrade, otherwise as re-evaluation).")
    within_period: bool = Field(False, description="Only certificates dated inside the plan period.")
    issued_from: PlanDate | None = Field(None, description="Only certificates dated on or after this day (a cohort).")
    issued_to: PlanDate | None = Field(None, description="Only certificates dated on or before this day (a cohort).")
    expired_from: PlanDate | None = Field(None, description="Only certificates whose validity ended on or after "
                                          "this day.")
    expired_to: PlanDate | None = Field(None, description="Only certificates whose validity ended on or before "
                                        "this day.")
    cohort_from: PlanDate | None = Field(None, description="Only products that had a certificate dated on or after "
                                         "this day (and, with cohort_to, on or before that one); all their "
                                         "certificates then count (\"the 25 products rated before the period\").")
    cohort_to: PlanDate | None = Field(None, description="Only products that had a certificate dated on or before "
                                       "this day (see cohort_from).")
    basis: Basis | None = Field(
        None, description="valid: a certificate counts while it is in force (issued, not expired, not replaced "
        "by a later one, not revoked); cumulative: it counts from its date on, even after it expired (lũy kế), "
        "until it is revoked. Default: cumulative when the filter picks certificates by their date "
        "(within_period, issued_*, expired_*), otherwise valid.")
    valid_at: Literal["deadline", "today"] | None = Field(
        None, description="Older spelling of `basis: valid` (the figure is always taken on the deadline, or on "
        "the day of the build while the deadline is ahead).")
    producer_type: list[ProducerType] = Field(default_factory=list, description="Only products of these subjects.")

    @property
    def by_date(self) -> bool:
        return self.within_period or any(d is not None for d in (self.issued_from, self.issued_to,
                                                                 self.expired_from, self.expired_to))

    @property
    def counts(self) -> Basis:
        if self.basis is not None:
            return self.basis
        if self.valid_at is not None:
            return "valid"
        return "cumulative" if self.by_date else "valid"


class Target(Record):
    at_least: Amount | None = Field(None, description="Achieved at or above this number.")
    min: Amount | None = Field(None, description="Lower end of a range (achieved anywhere inside).")
    max: Amount | None = Field(None, description="Upper end of a range.")
    percent: Annotated[float, Field(ge=0, le=100)] | None = Field(
        None, description="For shares: achieved at or above this percent.")

    @model_validator(mode="after")
    def _one_kind(self) -> "Target":
        kinds = [self.at_least is not None, self.min is not None or self.max is not None, self.percent is not None]
        if sum(kinds) != 1:
            raise refused("E501.target_kind")
        if (self.min is None) != (self.max is None) or (self.min is not None and self.max is not None and self.min > self.max):
            raise refused("E501.target_range")
        return self

    @property
    def goal(self) -> float:
        """The number to reach: a range is achieved from its lower end on."""
        return float(next(v for v in (self.percent, self.at_least, self.min) if v is not None))


class Value(Record):
    value: Amount = Field(description="The value.")
    as_of: PlanDate = Field(description="The day the value was true (not the day it was reported).")
    source: PlainNonEmpty = Field(description="Where it comes from (report number, link).")
    district: Slug | None = Field(None, description="For a per-district target: the district it belongs to.")


class Baseline(Record):
    value: Amount = Field(description="The value at the start of the period.")
    source: Plain | None = Field(None, description="Where it comes from, when the records do not go back so far.")


class Indicator(Record):
    id: Slug = Field(description="Stable id (used in links).", examples=["products-3-stars"])
    text: PlainNonEmpty = Field(description="The plan's own wording of the target.")
    clause: Plain | None = Field(None, description="Where the plan says it (mục II.2.a, Phụ lục…).")
    note: Plain | None = Field(None, description="How the target is read: the method, a stand-in for what the "
                              "records cannot say, where an estimate comes from. Shown with the target.")
    measure: Measure = Field(description="products, certificates, proposals (products proposed for 5★), "
                             "producer_share, product_share, craft_villages, communes or manual.")
    filter: Filter = Field(default_factory=Filter, description="Which certificates/products count.")
    property: Property | list[Property] | None = Field(
        None, description="For shares: the property counted (cooperative, enterprise, green_value_chain, "
        "modern_channel, upgraded, consolidated…), or a list of them (any one counts).")
    target: Target | None = Field(None, description="The number, range or percent to reach.")
    per_district: dict[Slug, Annotated[int, Field(ge=0, le=1_000_000)]] = Field(
        default_factory=dict, description="Target split by district id.")
    per_year: dict[Year, Annotated[Amount, Field(ge=0)]] = Field(
        default_factory=dict, description="manual: a target for each year, as the plan's appendix gives it "
        "({2021: 1, 2022: 2, …}). A value then is the year's figure so far on its date; each year is judged on "
        "its own, from the latest value dated in that year.")
    each_year: Annotated[Amount, Field(ge=0)] | None = Field(
        None, description="manual: the same target every year of the period (\"02 lần/năm\", \"mỗi năm ít "
        "nhất …\"); the years are judged as with `per_year`.")
    deadline: PlanDate | None = Field(None, description="Default: the end of the plan period.")
    baseline: Baseline | None = Field(None, description="The value at the period start, when it cannot be computed "
                                      "from the records (manual targets; records that do not go back so far). "
                                      "On track means at or above the straight path from it to the target.")
    total: Annotated[int, Field(ge=1, le=1_000_000)] | None = Field(
        None, description="craft_villages: how many craft villages exist.")
    values: list[Value] = Field(default_factory=list, description="manual: dated values; the latest one dated on or "
                                "before the day of the figure counts.")
    value: Amount | None = Field(None, description="manual, one value: the value (or use `values`).")
    unit: Plain | None = Field(None, description="manual: unit of the value (%, người, điểm bán…).")
    as_of: PlanDate | None = Field(None, description="manual, one value: the date the value was true.")
    source: Plain | None = Field(None, description="manual, one value: where the value comes from.")

    @model_validator(mode="after")
    def _consistent(self) -> "Indicator":
        share = self.measure in ("producer_share", "product_share")
        if share and self.property is None:
            raise refused("E501.plan_property")
        if self.measure == "craft_villages" and self.total is None:
            raise refused("E501.plan_total")
        single = (self.value, self.as_of, self.source)
        if self.measure == "manual" and not self.values and any(v is None for v in single):
            raise refused("E501.plan_manual")
        if self.measure != "manual" and (self.values or any(v is not None for v in single)):
            raise refused("E501.plan_computed")
        yearly = bool(self.per_year) or self.each_year is not None
        if yearly and (self.measure != "manual" or self.per_district or (self.per_year and self.each_year is not None)):
            raise refused("E501.plan_per_year")
        if self.target is None and not self.per_district and not yearly:
            raise refused("E501.plan_target")
        if self.per_district and self.measure not in ("products", "certificates", "proposals", "manual"):
            raise refused("E501.plan_per_district")
        if self.measure == "proposals" and (self.filter.kind or self.filter.basis == "valid" or self.filter.valid_at
                                            or self.filter.expired_from or self.filter.expired_to):
            raise refused("E501.plan_proposals")
        return self


def yearly_goals(ind: Indicator, period: Period) -> dict[int, float]:
    """The target of each year of a yearly volume (empty for any other target)."""
    if ind.each_year is not None:
        return {y: ind.each_year for y in range(period.start.year, period.end.year + 1)}
    return {int(y): v for y, v in sorted(ind.per_year.items())}


def manual_values(ind: Indicator) -> list[Value]:
    """Every hand-entered value of a target, oldest first (the one-value form included)."""
    out = list(ind.values)
    if ind.value is not None and ind.as_of is not None and ind.source is not None:
        out.append(Value(value=ind.value, as_of=ind.as_of, source=ind.source))
    return sorted(out, key=lambda v: v.as_of)


class BudgetLine(Record):
    item: PlainNonEmpty = Field(description="Line item as in the plan's appendix.")
    year: Annotated[int, Field(ge=2000, le=2100)] = Field(description="Budget year.")
    planned: Annotated[Amount, Field(ge=0)] = Field(description="Planned amount, in the budget's unit.")
    disbursed: Annotated[Amount, Field(ge=0)] | None = Field(None, description="Disbursed so far (optional).")
    source: Plain | None = Field(None, description="Funding source (ngân sách tỉnh, trung ương, xã hội hóa…).")


class PrintedTotal(Record):
    amount: Annotated[Amount, Field(ge=0)] = Field(description="The amount as printed in the plan.")
    source: Plain | None = Field(None, description="The funding source it totals (leave out for the grand total).")
    year: Annotated[int, Field(ge=2000, le=2100)] | None = Field(None, description="The year it totals, if one.")


class Budget(Record):
    unit: PlainNonEmpty = Field("triệu đồng", description="Unit of every amount.")
    lines: list[BudgetLine] = Field(default_factory=list, description="One line per item and year.")
    total: Annotated[Amount, Field(ge=0)] | None = Field(None, description="Total as printed in the plan (checked "
                                                         "against the lines when they are complete).")
    totals: list[PrintedTotal] = Field(default_factory=list, description="Further totals printed in the plan: by "
                                       "funding source, by year ({amount, source, year}).")


class Milestone(Record):
    text: PlainNonEmpty = Field(description="The activity, in the plan's words.")
    start: PlanDate | None = Field(None, description="When it starts (for scheduled activities).")
    due: PlanDate = Field(description="Deadline (the first one, for a yearly duty).")
    done: PlanDate | list[PlanDate] | None = Field(
        None, description="When it was done (leave out while not done); for a yearly duty, one date per year done.")
    who: Plain | None = Field(None, description="Who is responsible.")
    repeat: Literal["yearly"] | None = Field(None, description="yearly: due again on the same day every year of "
                                             "the period (\"trước 30/9 hàng năm\").")
    optional: bool = Field(False, description="true when the plan allows but does not require it (\"có thể bổ "
                           "sung thêm các đợt\"): not done by its date, it is shown as not held, not as overdue.")
    cancelled: Plain | None = Field(None, description="Why it no longer applies (e.g. the district level was "
                                   "abolished on 1 July 2025); shown instead of overdue.")
    lapsed_from: PlanDate | None = Field(None, description="With `cancelled`: the day it stopped applying; what "
                                         "fell due before that day is judged as usual (done, or overdue).")

    @property
    def done_dates(self) -> list[date]:
        if self.done is None:
            return []
        return sorted(self.done) if isinstance(self.done, list) else [self.done]


class Plan(Record):
    title: PlainNonEmpty = Field(description="Title of the plan.")
    reference: Plain | None = Field(None, description="Number and date of the plan or decision.")
    source: HttpsUrl | None = Field(None, description="https:// link to the published plan.")
    scope: Literal["province", "district"] = Field("province", description="Whose plan it is.")
    district: Slug | None = Field(None, description="For a district's plan: the district id (only its products "
                                  "count).")
    former_province: Plain | None = Field(
        None, description="For the plan of a province merged since 1 July 2025, kept by today's province: the former "
        "province it was made for, as `districts[].former_province` names it. Only its products count (records of "
        "its districts, and records naming only today's ward of a ward made of its communes), so the plan computes "
        "what a catalogue of the former province alone would.", examples=["Tỉnh Trà Vinh"])
    period: Period = Field(description="The plan period.")
    targets: list[Indicator] = Field(default_factory=list, description="Measurable targets.")
    budget: Budget | None = Field(None, description="Budget by year and line item.")
    milestones: list[Milestone] = Field(default_factory=list, description="Dated activities and schedule.")

    @model_validator(mode="after")
    def _ids(self) -> "Plan":
        ids = [t.id for t in self.targets]
        if len(ids) != len(set(ids)):
            raise refused("E501.plan_ids")
        return self


Check = tuple[tuple[str | int, ...], str, Said, Said]  # (where, code, message, how to fix), as grading's


def plan_checks(plan: Plan, today: date) -> list[Check]:
    """What the plan's models cannot see alone: years outside the period, and what was entered
    by hand with a date after ``today`` (the build date). Such a value is not counted until its
    day comes (plan.py), which is right for a past view but, on the build date, almost always a
    mistyped year: a warning says so rather than leaving the figure silently out."""
    out: list[Check] = []
    years = range(plan.period.start.year, plan.period.end.year + 1)
    for i, ind in enumerate(plan.targets):
        at = ("plan", "targets", i)
        for year in ind.per_year:
            if int(year) not in years:
                out.append(((*at, "per_year", year), "E501", said("E501.year_outside", year=year, first=years[0],
                            last=years[-1]), said("E501.year_outside.hint")))
        dated = [((*at, "values", j, "as_of"), v.as_of) for j, v in enumerate(ind.values)]
        if ind.as_of is not None:
            dated.append(((*at, "as_of"), ind.as_of))
        for loc, day in dated:
            if day > today:
                out.append((loc, "W504", said("W504.value", day=day, today=today), said("W504.value.hint")))
    for i, m in enumerate(plan.milestones):
        done = m.done if isinstance(m.done, list) else [m.done] if m.done is not None else []
        for j, day in enumerate(done):
            if day > today:
                loc = ("plan", "milestones", i, "done") + ((j,) if isinstance(m.done, list) else ())
                out.append((loc, "W504", said("W504.done", day=day, today=today), said("W504.done.hint")))
    return out
