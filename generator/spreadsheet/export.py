"""`ocop export`: the latest certificate of every product, under headings the importer reads back."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..cells import csv_safe, text_not_formulas, write_whole
from ..schema import GROUPS
from ..validate import Catalogue
from .read import SpreadsheetError

EXPORT_COLUMNS: tuple[str, ...] = ("Mã", "Tên sản phẩm", "Chủ thể", "Loại hình", "Địa chỉ", "Điện thoại", "Huyện",
                                   "Xã", "Nhóm", "Hạng sao", "Điểm", "Số quyết định", "Ngày quyết định", "Cấp",
                                   "Mô tả tóm tắt")
LEVEL_WORDS = {"district": "Huyện", "province": "Tỉnh", "national": "Trung ương"}
SHORT_TYPE_WORDS = {"cooperative": "Hợp tác xã", "cooperative_group": "Tổ hợp tác", "enterprise": "Doanh nghiệp",
                    "household": "Hộ kinh doanh", "other": "Khác"}


def export_frame(catalogue: Catalogue) -> pd.DataFrame:
    """One row per product, ordered by id; the certificate columns are empty for unrated products."""
    rows = []
    for entry in catalogue.entries:
        record, cert = entry.record, entry.derived.latest
        district = catalogue.config.district(record.district)
        commune = next((c for c in district.communes if c.id == record.commune), None) if district else None
        rows.append([
            record.id, record.name, record.producer.name, SHORT_TYPE_WORDS[record.producer.type],
            record.producer.address, record.producer.phone, district.name if district else record.district,
            commune.name if commune else record.commune, GROUPS[record.group],
            cert.stars if cert else None, cert.score if cert else None, cert.decision if cert else None,
            cert.date if cert else None, LEVEL_WORDS[cert.level] if cert else None, record.summary,
        ])
    return pd.DataFrame(rows, columns=list(EXPORT_COLUMNS), dtype=object)


def export_table(catalogue: Catalogue, path: Path) -> pd.DataFrame:
    """Write the catalogue as .xlsx or .csv (UTF-8 with BOM, for Excel); returns the table written."""
    frame = export_frame(catalogue)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_whole(path, lambda temporary: _write_xlsx(frame, temporary))
    elif suffix == ".csv":
        text = frame.assign(**{"Ngày quyết định": frame["Ngày quyết định"].map(
            lambda d: d.strftime("%d/%m/%Y") if d else None)}).map(csv_safe).to_csv(index=False)
        write_whole(path, lambda temporary: temporary.write_text("\ufeff" + text, encoding="utf-8"))
    else:
        raise SpreadsheetError(f"{path.name}: export writes .xlsx or .csv files.")
    return frame


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Sản phẩm OCOP"
    sheet.append(list(frame.columns))
    for values in frame.itertuples(index=False):
        sheet.append([None if v is None else v for v in values])
    text_not_formulas(sheet)
    date_column = list(frame.columns).index("Ngày quyết định") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=date_column, max_col=date_column):
        cell.number_format = "DD/MM/YYYY"  # the way Vietnamese decisions write dates
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width + 2))
    book.save(path)
