"""The `plan:` section of site_config.yml: a provincial (or district) OCOP plan as data.

Every measurable target of a plan is one of a few kinds (``measure``):

- ``products``: how many products have a certificate matching ``filter`` (stars, level, kind,
  group, district, certified within the plan period) and, with ``valid_at``, still valid then;
- ``certificates``: how many certificates match ``filter`` (e.g. re-evaluations done in 2024);
- ``producer_share``: the share of subjects (producers of rated products) with a property;
- ``product_share``: the share of rated products with a property;
- ``craft_villages``: the share of a known number of craft villages that have an OCOP product;
- ``manual``: a fact the records do not hold (people trained, showrooms built): value, date, source.

Targets are a number (at least), a range (``{min, max}``, achieved anywhere inside) or a
percentage. ``per_district`` splits a count target by district. Budgets and milestones are
tables of their own. Everything is computed at build time by ``generator/plan.py``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .schema import SLUG_PATTERN, Date, Group, HttpsUrl, NonEmpty, ProducerType, Record, Text

Measure = Literal["products", "certificates", "producer_share", "product_share", "craft_villages", "manual"]
Property = Literal["cooperative", "cooperative_group", "enterprise", "household", "other", "green_value_chain",
                   "modern_retail", "marketplace", "modern_channel", "upgraded", "re_evaluated", "consolidated",
                   "craft_village"]


class Period(Record):
    start: Date = Field(description="First day of the plan period.", examples=["2024-01-01"])
    end: Date = Field(description="Last day of the plan period (the default deadline).", examples=["2024-12-31"])


class Filter(Record):
    stars: list[Annotated[int, Field(ge=3, le=5)]] = Field(default_factory=list, description="Only these star levels.")
    min_stars: Annotated[int, Field(ge=3, le=5)] | None = Field(None, description="At least this many stars.")
    group: list[Group] = Field(default_factory=list, description="Only these OCOP groups.")
    district: list[Annotated[Text, Field(pattern=SLUG_PATTERN)]] = Field(default_factory=list,
                                                                        description="Only these districts.")
    level: list[Literal["district", "province", "national"]] = Field(default_factory=list,
                                                                    description="Only certificates of these levels.")
    kind: list[Literal["new", "re-evaluation", "upgrade"]] = Field(
        default_factory=list, description="Only certificates of these kinds (a record without `kind` counts its "
        "first certificate as new, a later one with more stars as upgrade, otherwise as re-evaluation).")
    within_period: bool = Field(False, description="Only certificates dated inside the plan period.")
    valid_at: Literal["deadline", "today"] | None = Field(
        None, description="Only products whose certificate is still valid (not expired, not revoked) on the "
        "deadline (or today, when the deadline is later).")
    producer_type: list[ProducerType] = Field(default_factory=list, description="Only products of these subjects.")


class Target(Record):
    at_least: float | None = Field(None, description="Achieved at or above this number.")
    min: float | None = Field(None, description="Lower end of a range (achieved anywhere inside).")
    max: float | None = Field(None, description="Upper end of a range.")
    percent: float | None = Field(None, ge=0, le=100, description="For shares: achieved at or above this percent.")

    @model_validator(mode="after")
    def _one_kind(self) -> "Target":
        kinds = [self.at_least is not None, self.min is not None or self.max is not None, self.percent is not None]
        if sum(kinds) != 1:
            raise PydanticCustomError("target_kind", "Give exactly one of: at_least, a range (min and max), or percent.")
        if (self.min is None) != (self.max is None) or (self.min is not None and self.max is not None and self.min > self.max):
            raise PydanticCustomError("target_range", "A range needs both min and max, with min ≤ max.")
        return self


class Indicator(Record):
    id: Annotated[Text, Field(pattern=SLUG_PATTERN)] = Field(description="Stable id (used in links).",
                                                             examples=["products-3-stars"])
    text: NonEmpty = Field(description="The plan's own wording of the target.")
    measure: Measure = Field(description="products, certificates, producer_share, product_share, craft_villages "
                             "or manual.")
    filter: Filter = Field(default_factory=Filter, description="Which certificates/products count.")
    property: Property | list[Property] | None = Field(
        None, description="For shares: the property counted (cooperative, enterprise, green_value_chain, "
        "modern_channel, upgraded, consolidated…), or a list of them (any one counts).")
    target: Target | None = Field(None, description="The number, range or percent to reach.")
    per_district: dict[Annotated[str, Field(pattern=SLUG_PATTERN)], Annotated[int, Field(ge=0)]] = Field(
        default_factory=dict, description="Target split by district id (counts only).")
    deadline: Date | None = Field(None, description="Default: the end of the plan period.")
    total: Annotated[int, Field(ge=1)] | None = Field(None, description="craft_villages: how many craft villages exist.")
    value: float | None = Field(None, description="manual: the current value.")
    unit: Text | None = Field(None, description="manual: unit of the value (%, người, điểm bán…).")
    as_of: Date | None = Field(None, description="manual: the date the value was true.")
    source: Text | None = Field(None, description="manual: where the value comes from (report number, link).")

    @model_validator(mode="after")
    def _consistent(self) -> "Indicator":
        share = self.measure in ("producer_share", "product_share")
        if share and self.property is None:
            raise PydanticCustomError("plan_property", "A share needs `property` (what is counted), e.g. cooperative.")
        if self.measure == "craft_villages" and self.total is None:
            raise PydanticCustomError("plan_total", "craft_villages needs `total`: how many craft villages there are.")
        if self.measure == "manual" and (self.value is None or self.as_of is None or self.source is None):
            raise PydanticCustomError("plan_manual", "A manual indicator needs `value`, `as_of` and `source`.")
        if self.target is None and not self.per_district:
            raise PydanticCustomError("plan_target", "Give a `target` (or a `per_district` table).")
        if self.per_district and self.measure not in ("products", "certificates"):
            raise PydanticCustomError("plan_per_district", "`per_district` works with products or certificates counts.")
        return self


class BudgetLine(Record):
    item: NonEmpty = Field(description="Line item as in the plan's appendix.")
    year: Annotated[int, Field(ge=2000, le=2100)] = Field(description="Budget year.")
    planned: Annotated[float, Field(ge=0)] = Field(description="Planned amount, in the budget's unit.")
    disbursed: Annotated[float, Field(ge=0)] | None = Field(None, description="Disbursed so far (optional).")
    source: Text | None = Field(None, description="Funding source (ngân sách tỉnh, trung ương, xã hội hóa…).")


class Budget(Record):
    unit: NonEmpty = Field("triệu đồng", description="Unit of every amount.")
    lines: list[BudgetLine] = Field(default_factory=list, description="One line per item and year.")
    total: Annotated[float, Field(ge=0)] | None = Field(None, description="Total as printed in the plan (checked "
                                                        "against the lines when they are complete).")


class Milestone(Record):
    text: NonEmpty = Field(description="The activity, in the plan's words.")
    start: Date | None = Field(None, description="When it starts (for scheduled activities).")
    due: Date = Field(description="Deadline.")
    done: Date | None = Field(None, description="When it was done (leave out while not done).")
    who: Text | None = Field(None, description="Who is responsible.")


class Plan(Record):
    title: NonEmpty = Field(description="Title of the plan.")
    reference: Text | None = Field(None, description="Number and date of the plan or decision.")
    source: HttpsUrl | None = Field(None, description="https:// link to the published plan.")
    scope: Literal["province", "district"] = Field("province", description="Whose plan it is.")
    district: Annotated[Text, Field(pattern=SLUG_PATTERN)] | None = Field(
        None, description="For a district's plan: the district id (only its products count).")
    period: Period = Field(description="The plan period.")
    targets: list[Indicator] = Field(default_factory=list, description="Measurable targets.")
    budget: Budget | None = Field(None, description="Budget by year and line item.")
    milestones: list[Milestone] = Field(default_factory=list, description="Dated activities and schedule.")

    @model_validator(mode="after")
    def _period(self) -> "Plan":
        if self.period.end < self.period.start:
            raise PydanticCustomError("plan_period", "The period ends before it starts.")
        ids = [t.id for t in self.targets]
        if len(ids) != len(set(ids)):
            raise PydanticCustomError("plan_ids", "Two targets have the same id.")
        return self

