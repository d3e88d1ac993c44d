"""The /plan/ page, one page per target listing the products it counts, and the district snippets.

Accessible tables come first; each count target also gets a small SVG chart of its value over
time against the target line (drawn here, no chart library: a few lines of SVG).
"""

from __future__ import annotations

import zlib
from datetime import date
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from ..plan import PlanReport, TargetResult
from ..validate import Catalogue
from . import urls
from .pages import Page, hreflang, links_for
from .strings import fmt_date, fmt_number, t

STATUS_WORDS = {
    "achieved": ("ĐẠT", "✔"), "on_track": ("ĐÚNG TIẾN ĐỘ", "➜"), "at_risk": ("CHẬM TIẾN ĐỘ", "⚠"),
    "missed": ("KHÔNG ĐẠT", "✖"), "no_data": ("CHƯA CÓ SỐ LIỆU", "?"), "no_target": ("KHÔNG CÓ CHỈ TIÊU", "—"),
    "upcoming": ("CHƯA ĐẾN KỲ", "…"),
}
MILESTONE_WORDS = {"done": "Đã xong", "done_late": "Đã xong (trễ hạn)", "due": "Chưa đến hạn", "overdue": "Quá hạn",
                   "not_held": "Không tổ chức (không bắt buộc)", "cancelled": "Không còn áp dụng"}
# What the two numbers of a share count.
SHARE_UNITS = {"producer_share": "unit.subjects", "product_share": "unit.products", "craft_villages": "unit.villages",
               "communes": "unit.communes"}


def target_text(result: TargetResult, lang: str = "vi") -> str:
    goal = result.indicator.target
    if goal is None and result.years:
        return yearly_text(result, lang)
    if goal is None:
        return t(lang, "by_district_target")
    if goal.percent is not None:
        return f"≥ {fmt_number(goal.percent, lang)}%"
    if goal.at_least is not None:
        return f"≥ {fmt_number(goal.at_least, lang)}"
    return f"{fmt_number(goal.min or 0, lang)}–{fmt_number(goal.max or 0, lang)}"


def yearly_text(result: TargetResult, lang: str = "vi") -> str:
    """A yearly volume's target: "≥ 2 lượt mỗi năm", or each year's ("2021: 1 · 2022: 2 · …")."""
    unit = unit_text(result, lang)
    if result.indicator.each_year is not None:
        return t(lang, "each_year_target", n=fmt_number(result.indicator.each_year, lang), unit=unit).replace("  ", " ")
    return " · ".join(f"{y.year}: {fmt_number(y.target, lang)}" for y in result.years) + (f" {unit}" if unit else "")


def goal_text(result: TargetResult, lang: str = "vi") -> str:
    """The target with its unit (≥ 204 sản phẩm); a percent needs none."""
    text, unit = target_text(result, lang), unit_text(result, lang)
    if text.endswith("%") or not unit or result.indicator.target is None:
        return text
    return f"{text}%" if unit == "%" else f"{text} {unit}"


def unit_text(result: TargetResult, lang: str = "vi") -> str:
    """What a count counts: products, certificates, or the hand-entered value's own unit."""
    ind = result.indicator
    if ind.measure == "manual":
        return ind.unit or ""
    if ind.measure == "certificates":
        return t(lang, "unit.certificates")
    return t(lang, SHARE_UNITS.get(ind.measure, "unit.products"))


def value_text(result: TargetResult, lang: str = "vi") -> str:
    if result.current is None:
        return t(lang, "no_value")
    unit = unit_text(result, lang)
    if result.is_share:
        return f"{fmt_number(result.current, lang)}% ({result.numerator}/{result.denominator} {unit})"
    if result.indicator.measure == "manual" and unit in ("%", ""):
        return f"{fmt_number(result.current, lang)}{unit}"
    return f"{fmt_number(result.current, lang)} {unit}"


def how_text(result: TargetResult, lang: str = "vi") -> str:
    """How the figure was made, in one sentence (the basis of a count, or a manual value's date)."""
    if result.years:
        return t(lang, "yearly_how", date=fmt_date(result.evaluated_on, lang))
    if result.indicator.measure == "manual":
        if result.value_date is None:
            return t(lang, "no_value_note", date=fmt_date(result.evaluated_on, lang))
        return t(lang, "manual_value", date=fmt_date(result.value_date, lang), source=result.value_source or "")
    return t(lang, f"basis.{result.basis}", date=fmt_date(result.evaluated_on, lang))


def chart_svg(points: list[tuple[date, float]], goal: float | None, start: date, deadline: date, label: str,
              lang: str = "vi") -> str:
    """Value over time (step line) against the target (dashed), as an accessible SVG."""
    width, height, left, right, top, bottom = 640, 240, 48, 16, 16, 36
    values = [v for _, v in points] + ([goal] if goal else [])
    top_value = max(values + [1]) * 1.1
    span = max((deadline - start).days, 1)

    def x(d: date) -> float:
        return left + (width - left - right) * min(max((d - start).days, 0), span) / span

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - v / top_value)

    chart_id = zlib.crc32(label.encode())  # stable across runs (hash() is salted per process)
    path = []
    for i, (d, v) in enumerate(points):
        if i:
            path.append(f"H{x(d):.1f}V{y(v):.1f}")
        else:
            path.append(f"M{x(d):.1f} {y(v):.1f}")
    parts = [
        f'<svg class="ocop-chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="c-{chart_id}">',
        f'<title id="c-{chart_id}">{escape(label)}</title>',
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" stroke="#555"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{y(0):.1f}" stroke="#555"/>',
    ]
    for tick in range(0, 5):
        v = top_value * tick / 4
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end" fill="#333">{v:.0f}</text>')
    for year in range(start.year, deadline.year + 1):
        d = date(year, 1, 1) if year > start.year else start
        parts.append(f'<text x="{x(d):.1f}" y="{height - 12}" font-size="11" fill="#333">{year}</text>')
    if goal:
        parts.append(f'<line x1="{left}" y1="{y(goal):.1f}" x2="{width - right}" y2="{y(goal):.1f}" '
                     'stroke="#b71c1c" stroke-width="2" stroke-dasharray="6 4"/>')
        parts.append(f'<text x="{width - right}" y="{y(goal) - 6:.1f}" font-size="12" text-anchor="end" '
                     f'fill="#b71c1c">{escape(t(lang, "goal"))} {fmt_number(goal, lang)}</text>')
    if path:
        parts.append(f'<path d="{"".join(path)}" fill="none" stroke="#1b5e20" stroke-width="3"/>')
        last_d, last_v = points[-1]
        parts.append(f'<text x="{x(last_d) - 4:.1f}" y="{y(last_v) + 16:.1f}" font-size="12" text-anchor="end" '
                     f'fill="#1b5e20">{fmt_number(last_v, lang)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _goal(result: TargetResult) -> float | None:
    t = result.indicator.target
    if t is None:
        return float(sum(result.indicator.per_district.values())) or None
    return t.goal


def view(report: PlanReport, catalogue: Catalogue, lang: str = "vi") -> dict[str, Any]:
    names = {d.id: d.name for d in catalogue.config.districts}
    plan = report.plan
    rows = []
    for r in report.targets:
        word, icon = STATUS_WORDS[r.status]
        chart = None
        if r.indicator.id in report.history and len(report.history[r.indicator.id]) > 1:
            chart = Markup(chart_svg(report.history[r.indicator.id], _goal(r), plan.period.start, r.deadline,
                                     f"{r.indicator.text} — {t(lang, 'chart_title')}", lang))
        rows.append({
            "id": r.indicator.id, "text": r.indicator.text, "value": value_text(r, lang),
            "target": goal_text(r, lang),
            "progress": fmt_number(r.progress, lang), "progress_css": r.progress,
            "status": r.status, "status_word": word, "icon": icon,
            "expected": fmt_number(r.expected, lang) if r.expected is not None else None,
            "baseline": fmt_number(r.baseline, lang) if r.baseline else None,
            "evaluated_on": fmt_date(r.evaluated_on, lang), "deadline": fmt_date(r.deadline, lang),
            "measure": r.indicator.measure, "count": len(r.products), "how": how_text(r, lang),
            "note": r.indicator.note, "clause": r.indicator.clause,
            "list_url": urls.plan_target(r.indicator.id) if r.indicator.measure != "manual" else None,
            "chart": chart,
            "years": [{"year": y.year, "target": fmt_number(y.target, lang),
                       "current": "—" if y.current is None else fmt_number(y.current, lang),
                       "on": fmt_date(y.value_date, lang) if y.value_date else "", "source": y.source or "",
                       "status": y.status, "status_word": STATUS_WORDS[y.status][0]} for y in r.years],
            "unit": unit_text(r, lang),
            "districts": [{"id": d.district, "name": names.get(d.district, d.district), "target": d.target,
                           "current": "—" if d.current is None else fmt_number(d.current, lang),
                           "status": d.status, "status_word": STATUS_WORDS[d.status][0],
                           "url": urls.district(d.district)} for d in r.districts],
        })
    counts = {k: sum(1 for r in report.targets if r.status == k) for k in STATUS_WORDS}
    budget = plan.budget
    return {
        "plan": plan, "as_of": fmt_date(report.today, lang), "start": fmt_date(plan.period.start, lang),
        "end": fmt_date(plan.period.end, lang), "rows": rows, "counts": counts, "words": STATUS_WORDS,
        "budget": {
            "unit": budget.unit if budget else "",
            "years": [{"year": b.year, "planned": fmt_number(b.planned, lang),
                       "disbursed": fmt_number(b.disbursed, lang) if b.disbursed is not None else "—"}
                      for b in report.budget_years],
            "lines": [{"item": line.item, "year": line.year, "planned": fmt_number(line.planned, lang),
                       "disbursed": fmt_number(line.disbursed, lang) if line.disbursed is not None else "—",
                       "source": line.source or ""} for line in (budget.lines if budget else [])],
            "total": fmt_number(report.budget_total_planned, lang),
            "printed_total": fmt_number(budget.total, lang) if budget and budget.total is not None else None,
            "totals": [{"label": x.label or t(lang, "grand_total"),
                        "computed": "—" if x.computed is None else fmt_number(x.computed, lang),
                        "printed": "—" if x.printed is None else fmt_number(x.printed, lang),
                        "differs": x.computed is not None and x.printed is not None and abs(x.computed - x.printed) > 1e-6}
                       for x in report.budget_totals if x.label or x.printed is not None],
        } if budget else None,
        "milestones": [{"text": m.milestone.text, "start": fmt_date(m.milestone.start, lang),
                        "due": fmt_date(m.due, lang), "done": fmt_date(m.done, lang), "who": m.milestone.who or "",
                        "why": m.milestone.cancelled or "", "status": m.status, "word": MILESTONE_WORDS[m.status]}
                       for m in report.milestones],
    }


def pages(report: PlanReport, catalogue: Catalogue, env: Environment, summaries: dict[str, dict[str, Any]],
          lang: str = "vi", data: dict[str, Any] | None = None) -> list[Page]:
    data = data or view(report, catalogue, lang)
    site_url = catalogue.config.site.url
    path = urls.in_lang(lang, urls.plan())
    out = [Page(path=path, title=t(lang, "plan_title"), head=hreflang(site_url, path, lang), lang=lang,
                body=env.get_template("plan.html").render(v=data, **links_for(path, lang)))]
    listing = env.get_template("listing.html")
    names = {d.id: (d.name_en or d.name) if lang == "en" else d.name for d in catalogue.config.districts}
    for r in report.targets:
        if r.indicator.measure == "manual":
            continue
        target_path = urls.in_lang(lang, urls.plan_target(r.indicator.id))

        def cards(ids: list[str]) -> list[dict[str, Any]]:
            return sorted((summaries[pid] for pid in ids if pid in summaries), key=lambda s: s["title"])

        sections = [{"anchor": "products", "title": t(lang, "products").capitalize(), "items": cards(r.products)}]
        sections += [{"anchor": f"d-{d.district}", "items": cards(d.products),
                      "title": t(lang, "district_counted", name=names.get(d.district, d.district), n=len(d.products))}
                     for d in r.districts]
        intro = " ".join(x for x in (t(lang, "target_products_intro", date=fmt_date(r.evaluated_on, lang)),
                                     how_text(r, lang)) if x)
        out.append(Page(path=target_path, title=r.indicator.text, head=hreflang(site_url, target_path, lang),
                        lang=lang, body=listing.render(
            title=r.indicator.text, title_lang="vi", note=r.indicator.note or "", **links_for(target_path, lang),
            intro=intro,
            links=[{"url": path, "label": t(lang, "back_to_plan"), "count": None}], sections=sections)))
    return out


def district_snippet(report: PlanReport, catalogue: Catalogue, env: Environment, district_id: str,
                     lang: str = "vi", data: dict[str, Any] | None = None) -> str:
    """The district's own rows of the plan's per-district targets, for its district page.

    Pass ``data`` (the page's view) when rendering many districts: it is the same for all."""
    data = data or view(report, catalogue, lang)
    rows = [(row, d) for row in data["rows"] for d in row["districts"] if d["id"] == district_id]
    if not rows:
        return ""
    return env.get_template("plan-district.html").render(
        rows=rows, plan=report.plan, as_of=data["as_of"],
        **links_for(urls.in_lang(lang, urls.district(district_id)), lang))
