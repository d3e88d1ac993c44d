"""Reading a province's spreadsheet (.xlsx, .xls, .csv) into its product table.

Provinces already keep their OCOP products in spreadsheets laid out for printing: a title row, a
header that is often two rows high (a group heading such as "Thông tin chủ thể" merged above the
real headings), a row of column numbers "(1) (2) (3)", section rows per district, blank lines.
``read_table`` finds the real table in such a sheet and keeps each row's spreadsheet row number,
so that every message points at the row a steward sees in Excel.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from .headings import FIELD_WORDS, NUMBERING, heading_field, two_row_field
from .limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILLED_CELLS, MAX_ROWS, SpreadsheetError, _n, check_file_size
from .values import _cell, fold
from .xls import read_xls
from .xlsx import read_xlsx

HEADER_SEARCH_ROWS = 20  # titles and preambles above the table are a few rows; headings come soon after
SECTION_COLUMN = "§"  # column read_table adds when a sheet has section rows ("I. Huyện Mai Sơn")


# ---------------------------------------------------------------------------------------------
# Reading a sheet into rows of cell values, whatever the file type.


@dataclass
class _Sheet:
    name: str | None
    rows: list[list[Any]]  # rows[i] is spreadsheet row i + 1
    merged: bool  # merged cells were already filled with their value (xlsx)


def _xlsx_sheets(path: Path) -> Iterator[_Sheet]:
    for sheet in read_xlsx(path):
        yield _Sheet(sheet.name, sheet.rows, merged=True)


def _xls_sheets(path: Path) -> Iterator[_Sheet]:
    for sheet in read_xls(path):
        yield _Sheet(sheet.name, sheet.rows, merged=False)


def _csv_sheet(path: Path) -> _Sheet:
    try:
        text = path.read_bytes().decode("utf-8-sig")  # with or without the BOM Excel adds
    except UnicodeDecodeError as e:
        raise SpreadsheetError(
            f"{path.name} is not UTF-8 text (byte {e.start} cannot be read). In Excel choose "
            "File › Save As › 'CSV UTF-8 (Comma delimited)', or import the .xlsx file itself.") from None
    try:
        # Excel set to Vietnamese writes ';' between cells, because ',' is the decimal separator there.
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    number = filled = 0
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if _check_csv_row(path, number, row):
                rows.append(row)
                filled += sum(1 for text in row if text)
                if filled > MAX_FILLED_CELLS:
                    raise SpreadsheetError(f"{path.name}: row {_n(number)}: the file has more than "
                                           f"{_n(MAX_FILLED_CELLS)} filled cells, far more than a product list. "
                                           "Split it into several files.")
    except csv.Error as e:  # a cell over the csv module's own limit (131,072 characters), a stray NUL
        raise SpreadsheetError(f"{path.name}: row {_n(number + 1)} cannot be read ({e}). A cell holds at most "
                               f"{_n(MAX_CELL_CHARS)} characters; check the quotes in that row.") from None
    return _Sheet(None, rows, merged=False)


def _check_csv_row(path: Path, number: int, row: list[str]) -> bool:
    """The same limits as for a workbook, counted in rows as Excel numbers them; False for an empty
    row past the last one read (kept out of memory: a file of blank lines is still a small file)."""
    if number > MAX_ROWS:
        if any(row):
            raise SpreadsheetError(f"{path.name}: row {_n(number)}: an import reads at most {_n(MAX_ROWS)} rows. "
                                   "Split the list into several files.")
        return False
    beyond = next((c for c in range(MAX_COLUMNS, len(row)) if row[c]), None)
    if beyond is not None:
        raise SpreadsheetError(
            f"{path.name}: row {_n(number)}, column {_letter(beyond)}: an import reads at most {MAX_COLUMNS} columns "
            f"(A to {_letter(MAX_COLUMNS - 1)}). Delete the columns after the product table.")
    del row[MAX_COLUMNS:]  # empty cells after the limit, from trailing separators
    for column, text in enumerate(row):
        if len(text) > MAX_CELL_CHARS:
            raise SpreadsheetError(
                f"{path.name}: row {_n(number)}, column {_letter(column)}: the cell holds {_n(len(text))} "
                f"characters; a cell holds at most {_n(MAX_CELL_CHARS)} (Excel's own limit). Shorten it.")
    return True


def _sheets(path: Path) -> Iterator[_Sheet]:
    if not path.is_file():
        raise SpreadsheetError(f"There is no file {path}.")
    check_file_size(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        yield from _xlsx_sheets(path)
    elif suffix == ".xls":
        yield from _xls_sheets(path)
    elif suffix == ".csv":
        yield _csv_sheet(path)
    else:
        raise SpreadsheetError(f"{path.name}: only .xlsx, .xls and .csv files can be imported.")


def _cell_text(value: Any) -> str:
    value = _cell(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# ---------------------------------------------------------------------------------------------
# Finding the table: the header row(s), then the data rows.


@dataclass
class _Header:
    top: int  # index of the first header row
    height: int  # 1, or 2 for a group row above the headings
    labels: list[str]
    fields: list[str | None]
    score: int


def _single_row_header(rows: list[list[Any]], i: int, width: int) -> _Header:
    texts = [_cell_text(v) for v in _padded(rows[i], width)]
    fields = [heading_field(t) for t in texts]
    labels = [t or f"Cột {_letter(c)}" for c, t in enumerate(texts)]
    return _Header(i, 1, labels, fields, _score(fields))


def _two_row_header(rows: list[list[Any]], i: int, width: int, merged: bool) -> _Header:
    upper = [_cell_text(v) for v in _padded(rows[i], width)]
    lower = [_cell_text(v) for v in _padded(rows[i + 1], width)]
    if not merged:
        upper = _spread_group_headings(upper, lower)
    labels, fields = [], []
    for c, (up, low) in enumerate(zip(upper, lower)):
        fields.append(two_row_field(up, low))
        if not low or fold(low) == fold(up):
            labels.append(up or f"Cột {_letter(c)}")
        else:
            labels.append(f"{up} › {low}" if up else low)
    return _Header(i, 2, labels, fields, _score(fields))


def _spread_group_headings(upper: list[str], lower: list[str]) -> list[str]:
    """Without merge information (CSV, .xls) a group heading sits in the first of its columns only:
    repeat it over the empty cells to its right that have a heading below them."""
    out = list(upper)
    group = ""
    for c, (up, low) in enumerate(zip(upper, lower)):
        if up:
            group = up if low else ""  # a group heading has headings under it; a tall heading does not
        elif low and group:
            out[c] = group
    return out


def _score(fields: Sequence[str | None]) -> int:
    return len({f for f in fields if f and f != NUMBERING}) + (1 if NUMBERING in fields else 0)


def _padded(row: list[Any], width: int) -> list[Any]:
    return list(row) + [None] * (width - len(row))


def _find_header(sheet: _Sheet, width: int) -> _Header | None:
    """The row matching the most known headings; two rows when the upper one is a group row that adds
    headings the lower row alone does not give ("Thông tin chủ thể" over "Tên", "Loại hình")."""
    limit = min(len(sheet.rows), HEADER_SEARCH_ROWS)
    singles = [_single_row_header(sheet.rows, i, width) for i in range(limit)]
    best: _Header | None = None
    for i, single in enumerate(singles):
        candidates = [single]
        if i + 1 < len(sheet.rows):
            pair = _two_row_header(sheet.rows, i, width, sheet.merged)
            below = singles[i + 1].score if i + 1 < limit else 0
            if pair.score > max(single.score, below):
                candidates.append(pair)
        for candidate in candidates:
            if best is None or candidate.score > best.score:
                best = candidate
    if best is None or best.score < 3 or "name" not in best.fields:
        return None
    return best


_NUMBER_CELL = re.compile(r"^\(?\s*(\d{1,3}|[A-Za-z])\s*\)?(\s*[-=+x*/]\s*\(?\s*\d{1,3}\s*\)?)*$")
_TOTAL_WORDS = re.compile(r"^(tong cong|tong so)( |$)|^(tong|cong)$")


def _is_numbering_row(values: list[Any]) -> bool:
    """"(1) (2) (3)…" or "1 2 3…" under the headings, as printed forms number their columns."""
    filled = [_cell_text(v) for v in values if _cell_text(v)]
    return len(filled) >= 3 and all(_NUMBER_CELL.match(t) for t in filled)


def _section_text(values: list[Any], fields: list[str | None]) -> str | None:
    """The text of a row that is not a product ("I. HUYỆN MAI SƠN", "Tổng cộng", "Người lập biểu"),
    or None for a product row.

    Such a row holds a single text (often merged across the columns) and no sequence number, or
    starts with a total. A row with a number in the STT column is a product even when it is
    incomplete, so that it is reported rather than passed over.
    """
    numbering = [_cell_text(v) for v, f in zip(values, fields) if f == NUMBERING]
    texts = [_cell_text(v) for v, f in zip(values, fields) if f != NUMBERING and _cell_text(v)]
    if texts and _TOTAL_WORDS.match(fold(texts[0])):
        return texts[0]
    if len(set(texts)) == 1 and not any(n.isdigit() for n in numbering):
        return texts[0]
    return None


def _is_repeated_header(values: list[Any], header: _Header) -> bool:
    """Printed lists repeat the header on every page; such a row is not a product."""
    texts = [fold(_cell_text(v)) for v in values]
    same = sum(1 for t, label, f in zip(texts, header.labels, header.fields)
               if t and f and t == fold(label.split(" › ")[-1]))
    return same >= max(2, header.score // 2)


def read_table(path: Path) -> pd.DataFrame:
    """The product table of a spreadsheet: one column per heading, one row per product row.

    The index holds each row's spreadsheet row number (1-based, as Excel shows it). Title rows,
    blank rows, column-numbering rows, repeated headers and section rows are left out; the texts of
    the section rows above each row are kept in the column ``SECTION_COLUMN`` (when there are any),
    so that "I. HUYỆN MAI SƠN" can give the district of the rows under it.
    ``attrs`` records what was found: ``fields`` (heading → record field or None), ``letters``
    (heading → column letter), ``header_rows``, ``sheet``, ``sections`` ((row, text) pairs) and
    ``other_sheets`` (sheets with content that were not read: only the first table is imported).
    """
    table: pd.DataFrame | None = None
    others: list[str] = []
    for sheet in _sheets(path):
        width = max((len(r) for r in sheet.rows), default=0)
        header = _find_header(sheet, width) if table is None else None
        if header is not None:
            table = _table(sheet, header, width)
        elif sheet.name and any(_cell(v) is not None for row in sheet.rows for v in row):
            others.append(sheet.name)
    if table is not None:
        table.attrs["other_sheets"] = others
        return table
    expected = ", ".join(f'"{FIELD_WORDS[k]}"'
                         for k in ("name", "producer", "district", "group", "stars", "decision", "date"))
    raise SpreadsheetError(
        f"No header row was found in the first {HEADER_SEARCH_ROWS} rows of {path.name}. The importer looks "
        f"for headings such as {expected}; rename the headings of the product table to match.")


def _table(sheet: _Sheet, header: _Header, width: int) -> pd.DataFrame:
    labels = _unique_labels(header.labels)
    data: list[list[Any]] = []
    numbers: list[int] = []
    sections: list[tuple[int, str]] = []
    section_of: list[tuple[str, ...]] = []
    for index in range(header.top + header.height, len(sheet.rows)):
        values = [_cell(v) for v in _padded(sheet.rows[index], width)]
        if all(v is None for v in values) or _is_numbering_row(values) or _is_repeated_header(values, header):
            continue
        text = _section_text(values, header.fields)
        if text is not None:
            sections.append((index + 1, text))
            continue
        data.append(values)
        numbers.append(index + 1)
        section_of.append(tuple(t for _, t in sections))
    frame = pd.DataFrame(data, columns=labels, index=pd.Index(numbers, name="row"), dtype=object)
    fields = dict(zip(labels, header.fields))
    letters = {label: _letter(c) for c, label in enumerate(labels)}
    # Columns with neither a heading nor a value are just the sheet's formatting running on.
    empty = [label for label, h in zip(labels, header.labels) if h.startswith("Cột ") and frame[label].isna().all()]
    frame = frame.drop(columns=empty)
    if sections:
        frame[SECTION_COLUMN] = section_of
        fields[SECTION_COLUMN] = None
        letters[SECTION_COLUMN] = ""
    frame.attrs.update({
        "fields": {k: v for k, v in fields.items() if k in frame.columns},
        "letters": {k: v for k, v in letters.items() if k in frame.columns},
        "header_rows": tuple(range(header.top + 1, header.top + header.height + 1)),
        "sheet": sheet.name,
        "sections": sections,
    })
    return frame


def _unique_labels(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for c, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({_letter(c)})")
    return out
