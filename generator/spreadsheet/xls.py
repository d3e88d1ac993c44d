"""An old .xls workbook (Excel 97–2003) as rows of cell values, within the import's limits.

xlrd reads the binary format. An .xls file is not compressed and holds at most 65,536 rows of 256
columns, so what xlrd keeps of a sheet is bounded by the file's size (checked first, ``limits``);
``ragged_rows`` keeps only the cells a row has, and one sheet is loaded at a time. The values then
go through the same limits as a workbook's (``SheetStream``). Merged cells are not read (xlrd
knows them only when it also reads every format): group headings are spread as for CSV files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .limits import SpreadsheetError
from .xlsx import SheetCells, SheetStream, _letter_ref

RESAVE_XLSX = "Open it in Excel or LibreOffice and save it as .xlsx, then import that file."


def read_xls(path: Path) -> Iterator[SheetCells]:
    import xlrd

    try:
        book = xlrd.open_workbook(path, on_demand=True, ragged_rows=True, logfile=_Quiet())
    except Exception as e:  # noqa: BLE001 - xlrd's many errors on a damaged file become one sentence
        raise SpreadsheetError(f"{path.name} cannot be read as an .xls workbook ({type(e).__name__}: {e}). "
                               f"{RESAVE_XLSX}") from None
    try:
        for index, name in enumerate(book.sheet_names()):
            try:
                sheet = book.sheet_by_index(index)
            except Exception as e:  # noqa: BLE001
                raise SpreadsheetError(f"{path.name}: sheet \"{name}\" cannot be read ({type(e).__name__}: {e}). "
                                       f"{RESAVE_XLSX}") from None
            yield SheetCells(name, _rows(sheet, book.datemode, SheetStream(path.name, name)))
            book.unload_sheet(index)
    finally:
        book.release_resources()


def _rows(sheet: Any, datemode: int, stream: SheetStream) -> list[list[Any]]:
    for r in range(sheet.nrows):
        for c in range(sheet.row_len(r)):
            stream.add(r + 1, c + 1, _value(sheet.cell(r, c), datemode), _letter_ref(r + 1, c + 1))
    return stream.rows_list()


def _value(cell: Any, datemode: int) -> Any:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_TEXT:
        return cell.value
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        # .xls keeps every number as a float; 1693 typed in a cell is the integer openpyxl would give.
        return int(cell.value) if float(cell.value).is_integer() else cell.value
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return None  # a date Excel itself would show as ####
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return None  # empty, blank, error (#N/A)


class _Quiet:
    """xlrd writes warnings about odd records to a log file: nothing a steward can act on."""

    def write(self, text: str) -> None:
        pass
