"""The /plan/ page, one page per target listing the products it counts, and the district snippets.

Accessible tables come first; each count target also gets a small SVG chart of its value over
time against the target line (drawn here, no chart library: a few lines of SVG).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from ..plan import PlanReport, TargetResult
from ..validate import Catalogue
from . import urls
from .pages import Page, relative_to
from .strings import fmt_date, fmt_number

STATUS_WORDS = {
    "achieved": ("ĐẠT", "✔"), "on_track": ("ĐÚNG TIẾN ĐỘ", "➜"), "at_risk": ("CHẬM TIẾN ĐỘ", "⚠"),
    "missed": ("KHÔNG ĐẠT", "✖"), "no_target": ("KHÔNG CÓ CHỈ TIÊU", "—"),
}
MILESTONE_WORDS = {"done": "Đã xong", "done_late": "Đã xong (trễ hạn)", "due": "Chưa đến hạn", "overdue": "Quá hạn"}


def target_text(result: TargetResult) -> str:
    t = result.indicator.target
    if t is None:
        return "theo từng huyện"
    if t.percent is not None:
        return f"≥ {fmt_number(t.percent)}%"
    if t.at_least is not None:
        return f"≥ {fmt_number(t.at_least)}"
    return f"{fmt_number(t.min or 0)}–{fmt_number(t.max or 0)}"


def value_text(result: TargetResult) -> str:
    ind = result.indicator
    if ind.measure == "manual":
        return f"{fmt_number(result.current)} {ind.unit or ''}".strip()
    if result.is_share:
        return f"{fmt_number(result.current)}% ({result.numerator}/{result.denominator})"
    return fmt_number(result.current)


def chart_svg(points: list[tuple[date, float]], goal: float | None, start: date, deadline: date, label: str) -> str:
    """Value over time (step line) against the target (dashed), as an accessible SVG."""
    width, height, left, right, top, bottom = 640, 240, 48, 16, 16, 36
    values = [v for _, v in points] + ([goal] if goal else [])
    top_value = max(values + [1]) * 1.1
    span = max((deadline - start).days, 1)

    def x(d: date) -> float:
        return left + (width - left - right) * min(max((d - start).days, 0), span) / span

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - v / top_value)

    path = []
    for i, (d, v) in enumerate(points):
        if i:
            path.append(f"H{x(d):.1f}V{y(v):.1f}")
        else:
            path.append(f"M{x(d):.1f} {y(v):.1f}")
    parts = [
        f'<svg class="ocop-chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="c-{abs(hash(label))}">',
        f'<title id="c-{abs(hash(label))}">{escape(label)}</title>',
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
                     f'fill="#b71c1c">Mục tiêu {fmt_number(goal)}</text>')
    if path:
        parts.append(f'<path d="{"".join(path)}" fill="none" stroke="#1b5e20" stroke-width="3"/>')
        last_d, last_v = points[-1]
        parts.append(f'<text x="{x(last_d) - 4:.1f}" y="{y(last_v) + 16:.1f}" font-size="12" text-anchor="end" '
                     f'fill="#1b5e20">{fmt_number(last_v)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _goal(result: TargetResult) -> float | None:
    t = result.indicator.target
    if t is None:
        return float(sum(result.indicator.per_district.values())) or None
    return t.at_least if t.at_least is not None else t.min


def view(report: PlanReport, catalogue: Catalogue) -> dict[str, Any]:
    names = {d.id: d.name for d in catalogue.config.districts}
    plan = report.plan
    rows = []
    for r in report.targets:
        word, icon = STATUS_WORDS[r.status]
        chart = None
        if r.indicator.id in report.history and len(report.history[r.indicator.id]) > 1:
            chart = Markup(chart_svg(report.history[r.indicator.id], _goal(r), plan.period.start, r.deadline,
                                     f"{r.indicator.text} — giá trị theo tháng so với mục tiêu"))
        rows.append({
            "id": r.indicator.id, "text": r.indicator.text, "value": value_text(r), "target": target_text(r),
            "progress": r.progress, "status": r.status, "status_word": word, "icon": icon,
            "expected": fmt_number(r.expected) if r.expected is not None else None,
            "evaluated_on": fmt_date(r.evaluated_on), "deadline": fmt_date(r.deadline),
            "measure": r.indicator.measure, "count": len(r.products),
            "list_url": urls.plan_target(r.indicator.id) if r.indicator.measure != "manual" else None,
            "manual": {"as_of": fmt_date(r.indicator.as_of), "source": r.indicator.source}
            if r.indicator.measure == "manual" else None,
            "chart": chart,
            "districts": [{"id": d.district, "name": names.get(d.district, d.district), "target": d.target,
                           "current": d.current, "status": d.status, "status_word": STATUS_WORDS[d.status][0],
                           "url": urls.district(d.district)} for d in r.districts],
        })
    counts = {k: sum(1 for r in report.targets if r.status == k) for k in STATUS_WORDS}
    budget = plan.budget
    return {
        "plan": plan, "as_of": fmt_date(report.today), "start": fmt_date(plan.period.start),
        "end": fmt_date(plan.period.end), "rows": rows, "counts": counts, "words": STATUS_WORDS,
        "budget": {
            "unit": budget.unit if budget else "",
            "years": [{"year": b.year, "planned": fmt_number(b.planned),
                       "disbursed": fmt_number(b.disbursed) if b.disbursed is not None else "—"} for b in report.budget_years],
            "lines": [{"item": line.item, "year": line.year, "planned": fmt_number(line.planned),
                       "disbursed": fmt_number(line.disbursed) if line.disbursed is not None else "—",
                       "source": line.source or ""} for line in (budget.lines if budget else [])],
            "total": fmt_number(report.budget_total_planned),
            "printed_total": fmt_number(budget.total) if budget and budget.total is not None else None,
        } if budget else None,
        "milestones": [{"text": m.text, "start": fmt_date(m.start), "due": fmt_date(m.due), "done": fmt_date(m.done),
                        "who": m.who or "", "status": status, "word": MILESTONE_WORDS[status]}
                       for m, (status, _) in zip(plan.milestones, report.milestones)],
    }


def pages(report: PlanReport, catalogue: Catalogue, env: Environment, summaries: dict[str, dict[str, Any]]) -> list[Page]:
    data = view(report, catalogue)
    path = urls.plan()
    out = [Page(path=path, title="Tiến độ kế hoạch OCOP",
                body=env.get_template("plan.html").render(v=data, rel=relative_to(path)))]
    listing = env.get_template("listing.html")
    for r in report.targets:
        if r.indicator.measure == "manual":
            continue
        target_path = urls.plan_target(r.indicator.id)
        items = sorted((summaries[pid] for pid in r.products if pid in summaries), key=lambda s: s["name"])
        out.append(Page(path=target_path, title=r.indicator.text, body=listing.render(
            title=r.indicator.text, rel=relative_to(target_path),
            intro=f"Các sản phẩm được tính cho chỉ tiêu này, theo dữ liệu ngày {fmt_date(r.evaluated_on)}.",
            links=[{"url": urls.plan(), "label": "← Tiến độ kế hoạch", "count": None}],
            sections=[{"anchor": "products", "title": "Sản phẩm", "items": items}])))
    return out


def district_snippet(report: PlanReport, catalogue: Catalogue, env: Environment, district_id: str) -> str:
    """The district's own rows of the plan's per-district targets, for its district page."""
    data = view(report, catalogue)
    rows = [(row, d) for row in data["rows"] for d in row["districts"] if d["id"] == district_id]
    if not rows:
        return ""
    return env.get_template("plan-district.html").render(rows=rows, plan=report.plan, as_of=data["as_of"],
                                                         rel=relative_to(urls.district(district_id)))
