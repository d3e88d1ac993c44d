"""`ocop report`: the plan's progress as a spreadsheet for the department's own reporting.

The same numbers as the /plan/ page (both come from ``plan.evaluate``), one sheet per table:
targets, per-district targets, yearly volumes year by year, the products counted, budget,
budget totals, milestones. ``.xlsx`` (openpyxl) or ``.csv`` (targets only).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .cells import csv_safe, text_not_formulas, write_whole
from .plan import PlanReport
from .site.planpage import MILESTONE_WORDS, STATUS_WORDS, goal_text, how_text, unit_text, value_text


def frames(report: PlanReport) -> dict[str, pd.DataFrame]:
    targets = pd.DataFrame([{
        "id": r.indicator.id, "chỉ tiêu": r.indicator.text, "loại": r.indicator.measure,
        "hiện tại": r.current, "đơn vị": unit_text(r), "giá trị": value_text(r), "mục tiêu": goal_text(r),
        "đầu kỳ": r.baseline, "cần theo tiến độ": r.expected, "tiến độ %": r.progress,
        "đánh giá": STATUS_WORDS[r.status][0], "status": r.status, "tính đến ngày": r.evaluated_on.isoformat(),
        "hạn": r.deadline.isoformat(), "số sản phẩm được tính": len(r.products), "cách đếm": how_text(r),
        "cách hiểu chỉ tiêu": r.indicator.note or "", "mục trong kế hoạch": r.indicator.clause or "",
        "nguồn": r.value_source or "",
    } for r in report.targets])
    districts = pd.DataFrame([{
        "chỉ tiêu": r.indicator.id, "huyện": d.district, "mục tiêu": d.target, "hiện tại": d.current,
        "đánh giá": STATUS_WORDS[d.status][0], "status": d.status,
    } for r in report.targets for d in r.districts], columns=["chỉ tiêu", "huyện", "mục tiêu", "hiện tại", "đánh giá", "status"])
    years = pd.DataFrame([{
        "chỉ tiêu": r.indicator.id, "năm": y.year, "mục tiêu": y.target, "hiện tại": y.current,
        "ngày số liệu": y.value_date.isoformat() if y.value_date else "", "nguồn": y.source or "",
        "đánh giá": STATUS_WORDS[y.status][0], "status": y.status,
    } for r in report.targets for y in r.years], columns=["chỉ tiêu", "năm", "mục tiêu", "hiện tại", "ngày số liệu",
                                                           "nguồn", "đánh giá", "status"])
    counted = pd.DataFrame([{"chỉ tiêu": r.indicator.id, "sản phẩm": pid} for r in report.targets for pid in r.products],
                           columns=["chỉ tiêu", "sản phẩm"])
    budget = pd.DataFrame([{
        "hạng mục": line.item, "năm": line.year, "kế hoạch": line.planned, "đã giải ngân": line.disbursed,
        "nguồn": line.source or "",
    } for line in (report.plan.budget.lines if report.plan.budget else [])],
        columns=["hạng mục", "năm", "kế hoạch", "đã giải ngân", "nguồn"])
    totals = pd.DataFrame([{"khoản": x.label or "Tổng cộng", "cộng từ các dòng": x.computed, "kế hoạch ghi": x.printed}
                           for x in report.budget_totals], columns=["khoản", "cộng từ các dòng", "kế hoạch ghi"])
    milestones = pd.DataFrame([{
        "hoạt động": m.milestone.text, "bắt đầu": m.milestone.start.isoformat() if m.milestone.start else "",
        "hạn": m.due.isoformat(), "hoàn thành": m.done.isoformat() if m.done else "",
        "trạng thái": MILESTONE_WORDS[m.status], "phụ trách": m.milestone.who or "", "ghi chú": m.milestone.cancelled or "",
    } for m in report.milestones], columns=["hoạt động", "bắt đầu", "hạn", "hoàn thành", "trạng thái", "phụ trách", "ghi chú"])
    return {"Chỉ tiêu": targets, "Theo huyện": districts, "Theo năm": years, "Sản phẩm được tính": counted, "Kinh phí": budget,
            "Tổng kinh phí": totals, "Lịch thực hiện": milestones}


def write(report: PlanReport, out: Path) -> None:
    """The tables as .xlsx, or the targets as .csv; plan wording never becomes a formula (``cells``)."""
    tables = frames(report)
    if out.suffix.lower() == ".csv":
        text = "\ufeff" + tables["Chỉ tiêu"].map(csv_safe).to_csv(index=False)
        write_whole(out, lambda temporary: temporary.write_text(text, encoding="utf-8"))
        return
    write_whole(out, lambda temporary: _write_xlsx(tables, temporary))


def _write_xlsx(tables: dict[str, pd.DataFrame], out: Path) -> None:
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            text_not_formulas(sheet)
            for column in sheet.columns:
                width = max(len(str(c.value or "")) for c in column)
                sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
