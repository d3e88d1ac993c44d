"""`ocop report`: the plan's progress as a spreadsheet for the department's own reporting.

The same numbers as the /plan/ page (both come from ``plan.evaluate``), one sheet per table:
targets, per-district targets, budget, milestones. ``.xlsx`` (openpyxl) or ``.csv`` (targets only).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .plan import PlanReport
from .site.planpage import STATUS_WORDS, MILESTONE_WORDS, target_text, value_text


def frames(report: PlanReport) -> dict[str, pd.DataFrame]:
    targets = pd.DataFrame([{
        "id": r.indicator.id, "chỉ tiêu": r.indicator.text, "loại": r.indicator.measure,
        "hiện tại": r.current, "giá trị": value_text(r), "mục tiêu": target_text(r), "tiến độ %": r.progress,
        "đánh giá": STATUS_WORDS[r.status][0], "status": r.status, "tính đến ngày": r.evaluated_on.isoformat(),
        "hạn": r.deadline.isoformat(), "số sản phẩm được tính": len(r.products),
        "nguồn": r.indicator.source or "",
    } for r in report.targets])
    districts = pd.DataFrame([{
        "chỉ tiêu": r.indicator.id, "huyện": d.district, "mục tiêu": d.target, "hiện tại": d.current,
        "đánh giá": STATUS_WORDS[d.status][0], "status": d.status,
    } for r in report.targets for d in r.districts], columns=["chỉ tiêu", "huyện", "mục tiêu", "hiện tại", "đánh giá", "status"])
    budget = pd.DataFrame([{
        "hạng mục": line.item, "năm": line.year, "kế hoạch": line.planned, "đã giải ngân": line.disbursed,
        "nguồn": line.source or "",
    } for line in (report.plan.budget.lines if report.plan.budget else [])],
        columns=["hạng mục", "năm", "kế hoạch", "đã giải ngân", "nguồn"])
    milestones = pd.DataFrame([{
        "hoạt động": m.text, "bắt đầu": m.start.isoformat() if m.start else "", "hạn": m.due.isoformat(),
        "hoàn thành": m.done.isoformat() if m.done else "", "trạng thái": MILESTONE_WORDS[status], "phụ trách": m.who or "",
    } for m, (status, _) in zip(report.plan.milestones, report.milestones)],
        columns=["hoạt động", "bắt đầu", "hạn", "hoàn thành", "trạng thái", "phụ trách"])
    return {"Chỉ tiêu": targets, "Theo huyện": districts, "Kinh phí": budget, "Lịch thực hiện": milestones}


def write(report: PlanReport, out: Path) -> None:
    tables = frames(report)
    if out.suffix.lower() == ".csv":
        out.write_text("\ufeff" + tables["Chỉ tiêu"].to_csv(index=False), encoding="utf-8")
        return
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            for column in sheet.columns:
                width = max(len(str(c.value or "")) for c in column)
                sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
