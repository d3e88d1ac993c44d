"""An .xlsx workbook as rows of cell values, in bounded memory and time.

The zip directory and every XML part are checked first (``limits``); openpyxl then opens the
workbook read-only (sheet names, shared strings, which styles are dates) and each sheet is read as
a stream here: only cells holding a value are kept, each checked against the limits as it arrives,
so that a cell at XFD1048576 or a range merged down to row 1,048,576 costs nothing before it is
refused. Nothing is allocated from what a sheet declares about itself (``<dimension>``).
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from .limits import (DAMAGED, MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILLED_CELLS, MAX_MERGED_CELLS, MAX_MERGED_RANGES,
                     MAX_ROWS, MAX_TEXT_CHARS, SpreadsheetError, _n, check_zip_directory, scan_xml)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRICT = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"


@dataclass
class SheetCells:
    name: str
    rows: list[list[Any]]  # rows[i] is spreadsheet row i + 1, each as long as its last value (merges filled)


def read_xlsx(path: Path) -> Iterator[SheetCells]:
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:
        raise SpreadsheetError(
            f"{name} is not an Excel workbook ({e}). If it is a CSV or an old .xls file, give it that ending; if it "
            "has a password, remove the password in Excel; otherwise open it in Excel or LibreOffice, save it as a new "
            ".xlsx file and import that.") from None
    with archive:
        check_zip_directory(archive, name)
        for part in archive.infolist():
            if part.filename.lower().endswith((".xml", ".rels")):
                streamed = "worksheets/" in part.filename or part.filename.lower().endswith("sharedstrings.xml")
                with _open(archive, part.filename, name) as source:
                    scan_xml(source, f"{name}: {part.filename} inside the workbook", streamed=streamed)
        book = _open_book(path)
        for sheet in book.worksheets:
            yield _read_sheet(archive, book, sheet, name)


def _open(archive: zipfile.ZipFile, part: str, name: str) -> IO[bytes]:
    try:
        return archive.open(part)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, ValueError) as e:
        # NotImplementedError: a compression method Excel never uses; RuntimeError: an encrypted part.
        raise SpreadsheetError(f"{name}: {part} inside the workbook cannot be unpacked ({e}). {DAMAGED}") from None


def _open_book(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "extension not supported" and the like: nothing a steward can act on
            # read_only: openpyxl streams the sheets (read here by _read_sheet); data_only: cached formula values.
            return load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - whatever openpyxl trips on in a damaged file becomes one sentence
        raise SpreadsheetError(f"{path.name} cannot be opened as an Excel workbook ({type(e).__name__}: {e}). "
                               f"{DAMAGED}") from None


class SheetStream:
    """One sheet's cells as they arrive, with the limits counted (.xlsx and .xls)."""

    def __init__(self, file: str, sheet: str) -> None:
        self.file, self.sheet = file, sheet
        self.rows: dict[int, dict[int, Any]] = {}
        self.filled = 0
        self.text = 0
        self.merges: list[tuple[int, int, int, int]] = []
        self.merged_cells = 0

    def where(self, cell: str) -> str:
        return f"{self.file}: sheet \"{self.sheet}\", cell {cell}"

    def add(self, row: int, column: int, value: Any, ref: str) -> None:
        if value is None or value == "":
            return  # an empty cell with a format (often far below the table) costs nothing
        if row > MAX_ROWS or column > MAX_COLUMNS:
            raise SpreadsheetError(
                f"{self.where(ref)}: a value outside the area an import reads (rows 1 to {_n(MAX_ROWS)}, columns "
                f"A to {_letter(MAX_COLUMNS)}). Delete the rows and columns after the product table, save, and "
                "import again.")
        if isinstance(value, str):
            if len(value) > MAX_CELL_CHARS:
                raise SpreadsheetError(
                    f"{self.where(ref)}: the cell holds {_n(len(value))} characters; a cell holds at most "
                    f"{_n(MAX_CELL_CHARS)} (Excel's own limit). Shorten it.")
            self.text += len(value)
            if self.text > MAX_TEXT_CHARS:
                raise SpreadsheetError(
                    f"{self.where(ref)}: the sheet holds more than {_n(MAX_TEXT_CHARS)} characters of text up to "
                    "here, far more than a product list. Import the product table alone.")
        self.filled += 1
        if self.filled > MAX_FILLED_CELLS:
            raise SpreadsheetError(f"{self.where(ref)}: the sheet has more than {_n(MAX_FILLED_CELLS)} filled cells, "
                                   "far more than a product list. Import the product table alone.")
        self.rows.setdefault(row, {})[column] = value

    def merge(self, ref: str) -> None:
        from openpyxl.utils.cell import range_boundaries

        where = f"{self.file}: sheet \"{self.sheet}\", merged cells {ref}"
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            raise SpreadsheetError(f"{where}: not a range of cells. {DAMAGED}") from None
        if None in (min_col, min_row, max_col, max_row):
            raise SpreadsheetError(f"{where}: not a range of cells. {DAMAGED}")
        if max_row > MAX_ROWS or max_col > MAX_COLUMNS:
            raise SpreadsheetError(
                f"{where}: the range reaches beyond the area an import reads (rows 1 to {_n(MAX_ROWS)}, columns A "
                f"to {_letter(MAX_COLUMNS)}). Unmerge it (Home › Merge & Center), save, and import again.")
        self.merges.append((min_row, min_col, max_row, max_col))
        self.merged_cells += (max_row - min_row + 1) * (max_col - min_col + 1)
        if len(self.merges) > MAX_MERGED_RANGES or self.merged_cells > MAX_MERGED_CELLS:
            raise SpreadsheetError(
                f"{where}: the sheet has more merged cells than an import reads ({_n(MAX_MERGED_RANGES)} ranges, "
                f"{_n(MAX_MERGED_CELLS)} cells). Unmerge the cells of the product table (select all, Home › Merge "
                "& Center), save, and import again.")

    def rows_list(self) -> list[list[Any]]:
        """Dense rows up to the last value; merged cells take their first cell's value, as Excel shows them."""
        last = max(self.rows, default=0)
        out: list[list[Any]] = []
        for number in range(1, last + 1):
            cells = self.rows.get(number)
            row = [None] * max(cells, default=0) if cells else []
            for column, value in (cells or {}).items():
                row[column - 1] = value
            out.append(row)
        for min_row, min_col, max_row, max_col in self.merges:
            value = self.rows.get(min_row, {}).get(min_col)
            for r in range(min_row - 1, min(max_row, last)):
                row = out[r]
                if len(row) < max_col:
                    row.extend([None] * (max_col - len(row)))
                for c in range(min_col - 1, max_col):
                    row[c] = value
        return out


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _read_sheet(archive: zipfile.ZipFile, book: Any, sheet: Any, name: str) -> SheetCells:
    # openpyxl converts one <c> element (shared strings, dates by style, booleans, inline text);
    # the stream, the clearing and the limits are ours. Its read-only sheet knows its part's name
    # and the string table read from the file (book.shared_strings is the table for writing).
    from openpyxl.utils.exceptions import IllegalCharacterError
    from openpyxl.worksheet._reader import WorkSheetParser

    converter = WorkSheetParser(None, sheet._shared_strings, data_only=True, epoch=book.epoch,
                                date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
    stream = SheetStream(name, sheet.title)
    stack: list = []
    in_cell = 0
    try:
        with _open(archive, sheet._worksheet_path, name) as source, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a date serial out of range becomes an error value, not a warning
            for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
                tag = _local(element.tag)
                if event == "start":
                    if tag == "row":
                        _start_row(converter, element, stream)
                    elif tag == "c":
                        in_cell += 1
                    stack.append(element)
                    continue
                stack.pop()
                if tag == "c":
                    in_cell -= 1
                    _cell(converter, element, stream)
                elif tag == "mergeCell":
                    stream.merge(element.get("ref", ""))
                if in_cell:
                    continue  # a cell's parts (<v>, <is>) are read when the cell ends
                element.clear()
                if stack:
                    stack[-1].remove(element)
    except (ParseError, DefusedXmlException, zipfile.BadZipFile, zlib.error, EOFError) as e:
        # Already scanned whole by limits.scan_xml: only a part that changed meanwhile gets here.
        raise SpreadsheetError(f"{name}: sheet \"{sheet.title}\" cannot be read ({e}). {DAMAGED}") from None
    except IllegalCharacterError as e:
        raise SpreadsheetError(f"{name}: sheet \"{sheet.title}\" cannot be read ({e}). {DAMAGED}") from None
    return SheetCells(sheet.title, stream.rows_list())


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    for namespace in (_MAIN, _STRICT):
        if tag.startswith(namespace):
            return tag[len(namespace):]
    return tag


def _start_row(converter: Any, element: Any, stream: SheetStream) -> None:
    number = element.get("r")
    if number is None:
        converter.row_counter += 1
    else:
        try:
            converter.row_counter = int(number)
        except ValueError:
            raise SpreadsheetError(f"{stream.file}: sheet \"{stream.sheet}\": a row is numbered \"{number[:20]}\". "
                                   f"{DAMAGED}") from None
    converter.col_counter = 0


def _cell(converter: Any, element: Any, stream: SheetStream) -> None:
    ref = element.get("r") or f"row {converter.row_counter}"
    try:
        cell = converter.parse_cell(element)
    except (ValueError, IndexError, KeyError, TypeError, OverflowError):
        raise SpreadsheetError(f"{stream.where(ref[:20])}: the value cannot be read (a number that is not one, or "
                               f"text the workbook does not hold). {DAMAGED}") from None
    value = cell["value"]
    if cell["data_type"] == "e":
        value = None  # #N/A, #VALUE!, #REF!: no value to import
    stream.add(cell["row"], cell["column"], value, element.get("r") or _letter_ref(cell["row"], cell["column"]))


def _letter_ref(row: int, column: int) -> str:
    return f"{_letter(column)}{row}" if 0 < column <= 18_278 else f"row {row}"
