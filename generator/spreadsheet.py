"""`ocop import` / `ocop export`: the provinces' OCOP lists as spreadsheets, in and out of the catalogue.

Provinces already keep their OCOP products in spreadsheets laid out for printing: a title row, a
header that is often two rows high (a group heading such as "Thông tin chủ thể" merged above the
real headings), a row of column numbers "(1) (2) (3)", section rows per district, blank lines.
``read_table`` finds the real table in such a sheet and keeps each row's spreadsheet row number,
so that every message points at the row a steward sees in Excel.

``import_table`` maps Vietnamese headings and values (folded: no case, tone marks or đ) onto the
record fields, assigns ids like ``ocop new``, never overwrites or duplicates a record, checks every
record with the validator's own rules *before* writing it, and reports each row it could not use
with the column, the value, why, and how to fix it. ``export_table`` writes the reverse table, with
headings that ``import_table`` reads back, so a round trip changes nothing.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from . import grading
from .config import District, SiteConfig
from .diagnostics import Diagnostic, has_errors
from .schema import GROUPS, ID_PATTERN, PRODUCER_TYPES, Certification, Product
from .scaffold import next_id
from .validate import Catalogue, validate_model, load_config, record_files, validate
from .yamlload import YAML11_BOOLEANS, dotted, load_file, load_text

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/product.schema.json"
HEADER_SEARCH_ROWS = 20  # titles and preambles above the table are a few rows; headings come soon after
SECTION_COLUMN = "§"  # column read_table adds when a sheet has section rows ("I. Huyện Mai Sơn")
SUMMARY_MAX = 200


class SpreadsheetError(Exception):
    """The file as a whole cannot be used (unreadable, no header row, a required column missing)."""


# ---------------------------------------------------------------------------------------------
# Folding: stewards write "Huyện Mai Sơn", "huyen mai son", "HUYỆN MAI SƠN" and mean the same.


def fold(value: object) -> str:
    """Lower case, no tone marks, đ → d, punctuation → single spaces."""
    text = unicodedata.normalize("NFD", str(value))
    # đ/Đ have no decomposition; Ð (U+00D0) is what some old fonts and encodings put for Đ.
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# Zero-width characters and no-break spaces come along when lists are pasted from web pages or
# Word; the validator rightly refuses them in records, and nobody typed them on purpose.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


def clean_text(value: str) -> str:
    """NFC, no invisible characters, all runs of whitespace (line breaks in cells too) → one space."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", value)).replace("\u00a0", " ")
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# Headings. A heading matches a synonym exactly (after folding), or starts with a synonym of two
# or more words ("Tên sản phẩm OCOP", "Điện thoại liên hệ"). One-word synonyms must match exactly,
# so that "Mã số thuế" is not read as the product code "Mã".

HEADINGS: dict[str, tuple[str, ...]] = {
    "id": ("mã", "mã sản phẩm", "mã số sản phẩm", "mã ocop"),
    "name": ("tên sản phẩm", "sản phẩm", "tên sản phẩm ocop"),
    "producer": ("chủ thể", "tên chủ thể", "cơ sở", "tên cơ sở", "đơn vị sản xuất", "chủ thể sản xuất",
                 "tên đơn vị", "chủ thể ocop"),
    "producer_type": ("loại hình", "loại hình chủ thể", "loại hình tổ chức", "loại chủ thể"),
    "address": ("địa chỉ",),
    "phone": ("điện thoại", "số điện thoại", "sđt", "đt"),
    "district": ("huyện", "huyện/thành phố", "huyện, thị xã, thành phố", "huyện/thị xã/thành phố", "quận/huyện",
                 "địa bàn", "huyện, thành phố"),
    "commune": ("xã", "xã/phường/thị trấn", "xã, phường, thị trấn", "xã/phường", "phường/xã", "xã, phường"),
    "group": ("nhóm", "nhóm sản phẩm", "ngành hàng", "nhóm ngành"),
    "stars": ("hạng sao", "số sao", "xếp hạng", "kết quả", "phân hạng", "sao", "hạng", "kết quả xếp hạng"),
    "score": ("điểm", "tổng điểm", "điểm đánh giá", "điểm trung bình", "điểm số"),
    "decision": ("quyết định", "số quyết định", "số qđ", "qđ", "số, ngày quyết định", "quyết định công nhận"),
    "date": ("ngày", "ngày quyết định", "ngày công nhận", "ngày qđ", "ngày cấp", "ngày ký", "ngày ban hành"),
    "level": ("cấp", "cấp công nhận", "cấp quyết định", "cấp đánh giá"),
    "summary": ("mô tả", "tóm tắt", "mô tả tóm tắt"),
}
# Row-number columns: recognised (they help find the header row) but carry nothing to import.
NUMBERING = "#"
_NUMBERING_HEADINGS = ("stt", "tt", "số tt", "số thứ tự")

# What each field is called in messages, in the stewards' words.
FIELD_WORDS: dict[str, str] = {
    "id": "Mã", "name": "Tên sản phẩm", "producer": "Chủ thể", "producer_type": "Loại hình",
    "address": "Địa chỉ", "phone": "Điện thoại", "district": "Huyện", "commune": "Xã", "group": "Nhóm",
    "stars": "Hạng sao", "score": "Điểm", "decision": "Số quyết định", "date": "Ngày quyết định",
    "level": "Cấp", "summary": "Mô tả tóm tắt",
}


def _heading_index() -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {fold(h): NUMBERING for h in _NUMBERING_HEADINGS}
    for key, synonyms in HEADINGS.items():
        exact.setdefault(key, key)  # the record's own field names work too (an English sheet)
        exact.setdefault(key.replace("_", " "), key)
        for synonym in synonyms:
            exact[fold(synonym)] = key
    prefixes = sorted(((s, k) for s, k in exact.items() if " " in s and k != NUMBERING), key=lambda x: -len(x[0]))
    return exact, prefixes


_EXACT_HEADINGS, _PREFIX_HEADINGS = _heading_index()


def heading_field(text: object) -> str | None:
    """The record field a heading names (``NUMBERING`` for STT), or None."""
    if text is None:
        return None
    # "Điểm (thang 100)", "Hạng sao (3-5)": a bracketed note does not change what the column holds.
    folded = fold(re.sub(r"\([^)]*\)", " ", str(text))) or fold(text)
    if not folded:
        return None
    if folded in _EXACT_HEADINGS:
        return _EXACT_HEADINGS[folded]
    for synonym, key in _PREFIX_HEADINGS:
        if folded.startswith(synonym + " "):
            return key
    return None


_GROUP_HEADING_FILLER = re.compile(r"^(thong tin|cac thong tin)\s+")


def two_row_field(upper: str, lower: str) -> str | None:
    """The field of a column whose heading is split over a group row (upper) and a heading row (lower).

    "Thông tin chủ thể" / "Tên" means the producer's name, "Quyết định công nhận" / "Số" the
    decision number: the lower cell alone, else the lower cell followed by the group's subject.
    """
    if lower and fold(lower) != fold(upper):
        found = heading_field(lower)
        if found is None and upper:
            subject = _GROUP_HEADING_FILLER.sub("", fold(upper))
            found = heading_field(f"{fold(lower)} {subject}")
        return found
    return heading_field(upper)


# ---------------------------------------------------------------------------------------------
# Reading a sheet into rows of cell values, whatever the file type.


@dataclass
class _Sheet:
    name: str | None
    rows: list[list[Any]]  # rows[i] is spreadsheet row i + 1
    merged: bool  # merged cells were already filled with their value (xlsx)


def _xlsx_sheets(path: Path) -> Iterator[_Sheet]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Not read_only: only the full reader knows the merged ranges. data_only: cached formula values.
        book = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise SpreadsheetError(f"{path.name} cannot be opened as an Excel workbook ({e}).") from None
    for sheet in book.worksheets:
        if not hasattr(sheet, "iter_rows"):
            continue
        # min_row/min_col 1: otherwise openpyxl starts at the first used cell and row numbers shift.
        rows = [list(r) for r in sheet.iter_rows(min_row=1, min_col=1, max_row=sheet.max_row,
                                                  max_col=sheet.max_column, values_only=True)]
        for merged in sheet.merged_cells.ranges:
            value = sheet.cell(merged.min_row, merged.min_col).value
            for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(rows[r]))):
                    rows[r][c] = value
        yield _Sheet(sheet.title, rows, merged=True)


def _xls_sheets(path: Path) -> Iterator[_Sheet]:
    try:
        book = pd.read_excel(path, header=None, sheet_name=None, dtype=object)
    except ImportError:
        raise SpreadsheetError(f"Reading the old .xls format needs the Python package xlrd. Open {path.name} in "
                               "Excel or LibreOffice and save it as .xlsx, then import that file.") from None
    except Exception as e:  # noqa: BLE001 - any reader failure becomes one plain sentence
        raise SpreadsheetError(f"{path.name} cannot be read as an .xls workbook ({e}).") from None
    for name, frame in book.items():
        rows = [[_from_pandas(v) for v in row] for row in frame.itertuples(index=False)]
        yield _Sheet(str(name), rows, merged=False)


def _from_pandas(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


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
    rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    return _Sheet(None, rows, merged=False)


def _sheets(path: Path) -> Iterator[_Sheet]:
    if not path.is_file():
        raise SpreadsheetError(f"There is no file {path}.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        yield from _xlsx_sheets(path)
    elif suffix == ".xls":
        yield from _xls_sheets(path)
    elif suffix == ".csv":
        yield _csv_sheet(path)
    else:
        raise SpreadsheetError(f"{path.name}: only .xlsx, .xls and .csv files can be imported.")


def _cell(value: Any) -> Any:
    """A cell as the importer wants it: cleaned text, or the number/date Excel stored; None if empty."""
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, float) and value != value:
        return None
    return value


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


# ---------------------------------------------------------------------------------------------
# Values: each parser returns the record's value or raises _Unusable(why, fix).


class _Unusable(Exception):
    def __init__(self, why: str, fix: str = "") -> None:
        super().__init__(why)
        self.why, self.fix = why, fix


def _text(value: Any) -> str | None:
    """Text of a cell; numbers keep the digits Excel shows (a decision typed as 1693 is "1693")."""
    value = _cell(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    return clean_text(str(value)) or None


# First matching rule wins: "Tổ hợp tác" before "hợp tác xã", enterprises before households
# (a company name may contain "cơ sở").
_TYPE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cooperative_group", ("to hop tac", "tht")),
    ("cooperative", ("hop tac xa", "htx", "lien hiep hop tac xa")),
    ("enterprise", ("cong ty", "cty", "doanh nghiep", "dntn", "tnhh", "co phan", "ctcp", "dn")),
    ("household", ("ho kinh doanh", "hkd", "ho san xuat", "ho gia dinh", "co so san xuat", "co so", "ho")),
    ("other", ("khac", "hoi", "lang nghe", "ban quan ly")),
)
# In a producer's *name* these words may appear anywhere ("Chi nhánh Công ty TNHH…"); the others
# only at the start ("Hộ …" is a household, "… Hồ …" is somebody's name).
_NAME_ANYWHERE = ("to hop tac", "hop tac xa", "htx", "cong ty", "tnhh", "co phan", "ctcp", "dntn", "doanh nghiep")


def _has_words(folded: str, words: str, *, at_start: bool = False) -> bool:
    return re.search(("^" if at_start else r"(^| )") + re.escape(words) + "( |$)", folded) is not None


def producer_type(value: Any) -> tuple[str, bool]:
    """(type, recognised) for a "Loại hình" cell; unrecognised text is ``other``."""
    text = _text(value) or ""
    folded = fold(text)
    if text in PRODUCER_TYPES:
        return text, True
    if any(fold(label) == folded for label in PRODUCER_TYPES.values()):
        return next(k for k, label in PRODUCER_TYPES.items() if fold(label) == folded), True
    for key, words in _TYPE_RULES:
        if any(_has_words(folded, w) for w in words):
            return key, True
    return "other", False


def producer_type_from_name(name: str) -> str | None:
    """The type a producer's name states ("HTX …", "Công ty TNHH …", "Hộ kinh doanh …"), or None."""
    folded = fold(name)
    for key, words in _TYPE_RULES:
        if any(_has_words(folded, w, at_start=w not in _NAME_ANYWHERE) for w in words):
            return key
    return None


_STAR_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5}
_STARS_DIGIT = re.compile(r"^(?:ocop )?(?:hang |dat )?(\d+)(?: 0+)?(?: sao| stars?)?$")
_STARS_WORD = re.compile(r"^(?:ocop )?(?:hang |dat )?(mot|hai|ba|bon|tu|nam) sao$")


def parse_stars(value: Any) -> int:
    """3, 4 or 5 from "4 sao", "4*", "4★", "★★★★", 4, "4.0", "Bốn sao"."""
    raw = _cell(value)
    stars: int | None = None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        stars = int(raw) if float(raw).is_integer() else None
    elif isinstance(raw, str):
        raw = re.sub(r"\([^)]*\)", " ", raw).strip()  # "4 sao (tiềm năng 5 sao)": the note is not the grade
        marks = raw.replace(" ", "")
        if marks and set(marks) <= set("★*"):
            stars = len(marks)
        elif m := _STARS_DIGIT.match(fold(raw)):
            stars = int(m.group(1))
        elif m := _STARS_WORD.match(fold(raw)):
            stars = _STAR_WORDS[m.group(1)]
    if stars is None:
        raise _Unusable("not a number of stars.", "Write 3, 4 or 5 (\"4 sao\" and \"4*\" are read too).")
    if stars not in (3, 4, 5):
        raise _Unusable(f"{stars} stars: only 3, 4 or 5 stars receive an OCOP certificate.",
                        "Correct the stars, or leave products below 3 stars out of the list.")
    return stars


_GROUP_SHORT: dict[str, str] = {
    "thuc pham": "food", "do uong": "beverages", "duoc lieu": "herbal", "san pham tu duoc lieu": "herbal",
    "thu cong my nghe": "handicrafts", "hang thu cong my nghe": "handicrafts", "thu cong": "handicrafts",
    "my nghe": "handicrafts", "sinh vat canh": "ornamental", "du lich": "tourism", "dich vu du lich": "tourism",
    "dich vu": "tourism",
}
_GROUP_KEYS: dict[str, str] = {**{fold(v): k for k, v in GROUPS.items()}, **{k: k for k in GROUPS}, **_GROUP_SHORT}


def parse_group(value: Any) -> str:
    """The group key from its Vietnamese name (full or short), with or without "Nhóm", or the key."""
    folded = fold(_text(value) or "")
    # "Nhóm 1: Thực phẩm", "1. Thực phẩm", "Nhóm thực phẩm": the numbering differs between decisions,
    # so only the words count.
    folded = re.sub(r"^(nhom )?(\d+ )?", "", folded)
    if folded in _GROUP_KEYS:
        return _GROUP_KEYS[folded]
    for name, key in sorted(_GROUP_KEYS.items(), key=lambda x: -len(x[0])):
        if folded.startswith(name + " "):
            return key
    names = "; ".join(f"{v} ({k})" for k, v in GROUPS.items())
    raise _Unusable("not one of the six OCOP groups.", f"Write one of: {names}. Short forms such as "
                    "\"Thực phẩm\", \"Đồ uống\", \"Dược liệu\", \"Thủ công mỹ nghệ\", \"Du lịch\" are read too.")


_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_WORDS_DATE = re.compile(r"^(\d{1,2}) thang (\d{1,2}) nam (\d{4})$")
_DAY_WORD = re.compile(r"^ng[aàạ]y\s+", re.IGNORECASE)
EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0, compensating its 1900 leap-year bug


def parse_date(value: Any) -> date:
    """A date from an Excel date, a serial day number, "dd/mm/yyyy", "d/m/yyyy", "yyyy-mm-dd" or
    "ngày 15 tháng 6 năm 2024"; day first, as Vietnamese documents write it."""
    raw = _cell(value)
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    parts: tuple[int, int, int] | None = None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 32874 <= raw <= 73050:
        return EXCEL_EPOCH + timedelta(days=int(raw))  # a date cell that lost its date format
    if isinstance(raw, str):
        text = _DAY_WORD.sub("", raw.strip())
        if m := _DMY.match(text):
            parts = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
        elif m := _YMD.match(text):
            parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
        elif m := _WORDS_DATE.match(fold(text)):
            parts = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    fix = "Write the decision date as dd/mm/yyyy (e.g. 15/06/2024) or as an Excel date."
    if parts is None:
        raise _Unusable("bad date: not a date written dd/mm/yyyy or yyyy-mm-dd.", fix)
    try:
        return date(*parts)
    except ValueError:
        raise _Unusable("bad date: there is no such day in the calendar.", fix) from None


def parse_score(value: Any) -> float:
    raw = _cell(value)
    number: float | None = None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        number = float(raw)
    elif isinstance(raw, str):
        text = re.sub(r"\s*(điểm|đ)\.?$", "", raw.strip(), flags=re.IGNORECASE)
        if re.fullmatch(r"\d+([.,]\d+)?", text):
            number = float(text.replace(",", "."))  # Vietnamese decimals use a comma: 78,5
    if number is None:
        raise _Unusable("not a number.", "Write the council's total score, e.g. 78.5 (or 78,5).")
    if not 0 <= number <= 100:
        raise _Unusable("a score is between 0 and 100.", "Write the total out of 100 points.")
    # Excel formulas leave binary noise (78.49999999999999); six decimals keep every real digit.
    return round(number, 6)


_LEVEL_WORDS: dict[str, str] = {
    "huyen": "district", "quan": "district", "thi xa": "district", "tinh": "province",
    "trung uong": "national", "tw": "national", "quoc gia": "national", "bo": "national",
    "district": "district", "province": "province", "national": "national",
}


def parse_level(value: Any) -> str:
    folded = re.sub(r"^(cap |ubnd |uy ban nhan dan )+", "", fold(_text(value) or ""))
    if folded in _LEVEL_WORDS:
        return _LEVEL_WORDS[folded]
    for words, key in _LEVEL_WORDS.items():
        if folded.startswith(words + " "):
            return key
    raise _Unusable("not a recognition level.", "Write Huyện, Tỉnh or Trung ương (who signed the decision), "
                    "or delete the value to use the usual level for the date and stars.")


# "1693/QĐ-UBND ngày 15/6/2024" or "1693/QĐ-UBND, 15/06/2024" in one "Số, ngày quyết định" cell.
_DECISION_WITH_DATE = (re.compile(r"^(?P<decision>.+?)[\s,;]+ng[aàạ]y\s+(?P<date>.+)$", re.IGNORECASE),
                       re.compile(r"^(?P<decision>.+?)[\s,;]+(?P<date>\d{1,2}/\d{1,2}/\d{4})$"))


def split_decision(text: str) -> tuple[str, date | None]:
    """A decision cell's number, and the date written after it if any."""
    for pattern in _DECISION_WITH_DATE:
        m = pattern.match(text)
        if m:
            try:
                return m.group("decision").strip(" ,;"), parse_date(m.group("date"))
            except _Unusable:
                continue
    return text, None


def parse_phone(value: Any) -> tuple[str | None, bool]:
    """(phone, leading zero restored). Excel stores 0912345678 typed as a number as 912345678."""
    raw = _cell(value)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer():
        digits = str(int(raw))
        if len(digits) in (9, 10) and not digits.startswith("0"):
            return "0" + digits, True
        return digits, False
    return _text(raw), False


_UNIT_PREFIX = re.compile(r"^(huyen|thanh pho|thi xa|tp|tx|quan|h) ")
_COMMUNE_PREFIX = re.compile(r"^(xa|phuong|thi tran|tt|p|x) ")
_ENGLISH_SUFFIX = re.compile(r" (district|city|town|commune|ward)$")
_ENUMERATOR = re.compile(r"^([ivxlc]+|[a-z]|\d+) (?=(huyen|thanh pho|thi xa|tp|tx|quan) )")


class _Places:
    """Districts and communes of site_config.yml by every name a spreadsheet may use."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.districts = self._index([(d, d.id, d.name, d.name_en) for d in config.districts], _UNIT_PREFIX)
        self.communes = {d.id: self._index([(c, c.id, c.name, c.name_en) for c in d.communes], _COMMUNE_PREFIX)
                         for d in config.districts}

    @staticmethod
    def _index(units: list[tuple[Any, str, str, str | None]], prefix: re.Pattern[str]) -> dict[str, Any]:
        exact: dict[str, Any] = {}
        folded: dict[str, list[Any]] = {}
        for unit, uid, name, name_en in units:
            exact[uid] = unit
            exact[clean_text(name)] = unit
            spellings = (name, uid.replace("-", " "), name_en)
            keys = {fold(name)} | {_ENGLISH_SUFFIX.sub("", prefix.sub("", fold(t))) for t in spellings if t}
            for key in keys:
                folded.setdefault(key, []).append(unit)
        # Folding merges names that differ only in tone marks ("Chiềng Hắc", "Chiềng Hặc"), and a bare
        # name may belong to a town and a district: a folded key counts only when it names one unit.
        for key, found in folded.items():
            if len({id(u) for u in found}) == 1:
                exact.setdefault(key, found[0])
        return exact

    def district(self, text: str) -> District | None:
        folded = _ENUMERATOR.sub("", fold(re.sub(r"\([^)]*\)", " ", text)))
        return (self.districts.get(clean_text(text)) or self.districts.get(folded)
                or self.districts.get(_UNIT_PREFIX.sub("", folded)))

    def commune(self, district: District, text: str) -> Any:
        index = self.communes[district.id]
        folded = fold(text)
        return index.get(clean_text(text)) or index.get(folded) or index.get(_COMMUNE_PREFIX.sub("", folded))

    def district_hint(self, text: str) -> str:
        names = [d.name for d in self.config.districts]
        said = _did_you_mean(text, names, _UNIT_PREFIX)
        return (said + "Write one of the districts of site_config.yml: " + ", ".join(names)
                + " (or add the district to site_config.yml).")

    def commune_hint(self, district: District, text: str) -> str:
        elsewhere = [d.name for d in self.config.districts if d.id != district.id and self.commune(d, text)]
        if elsewhere:
            return f"It is a commune of {', '.join(elsewhere)}: check the district of this row."
        said = _did_you_mean(text, [c.name for c in district.communes], _COMMUNE_PREFIX)
        return said + f"Add the commune to {district.id} in site_config.yml if it is missing there."


def _did_you_mean(text: str, names: list[str], prefix: re.Pattern[str]) -> str:
    # Compared without "Huyện"/"Xã", which every name shares and which would make any two look alike.
    bare = {prefix.sub("", fold(n)): n for n in names}
    guess = difflib.get_close_matches(prefix.sub("", fold(text)), list(bare), n=1, cutoff=0.75)
    return f"Did you mean {bare[guess[0]]}? " if guess else ""


# ---------------------------------------------------------------------------------------------
# The report.


@dataclass(frozen=True)
class RowIssue:
    """One thing about one spreadsheet row: where, what was there, why it matters, how to fix it."""

    row: int
    column: str  # the heading as in the sheet ("" when the problem is the row as a whole)
    letter: str
    value: str
    why: str
    fix: str = ""

    def text(self) -> str:
        where = f"row {self.row}"
        if self.column:
            where += f", column \"{self.column}\"" + (f" ({self.letter})" if self.letter else "")
        value = f" = \"{_short(self.value)}\"" if self.value else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{where}{value}: {self.why}{fix}"


@dataclass(frozen=True)
class SkippedRow:
    row: int
    issues: tuple[RowIssue, ...]
    duplicate: bool = False


@dataclass(frozen=True)
class ImportedRecord:
    row: int
    id: str
    name: str
    path: Path


@dataclass
class ImportReport:
    source: Path
    root: Path
    dry_run: bool = False
    sheet: str | None = None
    header_rows: tuple[int, ...] = ()
    rows_read: int = 0
    records: list[ImportedRecord] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    sections: list[tuple[int, str]] = field(default_factory=list)
    other_sheets: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # the validator on the written records

    @property
    def written(self) -> list[Path]:
        """Paths written (in a dry run: the paths that would be written)."""
        return [r.path for r in self.records]

    def failed(self) -> bool:
        return bool(self.skipped) or has_errors(self.problems)

    def text(self) -> str:
        lines = [self._heading()]
        verb = "Would write" if self.dry_run else "Wrote"
        lines.append(f"{verb} {_plural(len(self.records), 'record')}" + (":" if self.records else "."))
        lines += [f"  row {r.row}: {self._rel(r.path)}  {r.name}" for r in self.records]
        if self.skipped:
            lines.append(f"Skipped {_plural(len(self.skipped), 'row')} (not written):")
            lines += [f"  {issue.text()}" for s in self.skipped for issue in s.issues]
        if self.warnings:
            lines.append("Warnings (the records were " + ("checked" if self.dry_run else "written") + "):")
            lines += [f"  {w.text()}" for w in self.warnings]
        if self.ignored_columns:
            lines.append("Ignored columns (no record field): " + ", ".join(self.ignored_columns) + ".")
        if self.sections:
            lines.append("Read as section headings or notes, not products: "
                         + "; ".join(f"row {r} \"{_short(t)}\"" for r, t in self.sections) + ".")
        if self.other_sheets:
            lines.append("Other sheets, not read (import each as its own file): "
                         + ", ".join(f"\"{name}\"" for name in self.other_sheets) + ".")
        if not self.dry_run and self.records:
            if self.problems:
                lines.append("`ocop validate` on the written records:")
                lines += [f"  {p.text()}" for p in self.problems]
            else:
                lines.append("`ocop validate` on the written records: no problems.")
        duplicates = sum(s.duplicate for s in self.skipped)
        lines.append(f"{len(self.records)} {'to write' if self.dry_run else 'written'}, {len(self.skipped)} skipped"
                     + (f" ({duplicates} already in the catalogue or repeated)" if duplicates else "") + ".")
        return "\n".join(lines)

    def _heading(self) -> str:
        sheet = f" (sheet \"{self.sheet}\")" if self.sheet else ""
        rows = "–".join(str(r) for r in (self.header_rows[0], self.header_rows[-1])) if len(self.header_rows) > 1 \
            else "".join(str(r) for r in self.header_rows)
        plural = "s" if len(self.header_rows) > 1 else ""
        found = _plural(self.rows_read, "product row")
        return f"Read {self.source.name}{sheet}: headings on row{plural} {rows}, {found}."

    def _rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# One row → one record (a plain dict in the record's field order), or the reasons it cannot be.


@dataclass
class _Row:
    number: int
    cells: dict[str, Any]  # field -> raw cell value (only mapped columns)
    sections: tuple[str, ...]  # texts of the section rows above, nearest last


@dataclass
class _Parsed:
    row: int
    record: dict[str, Any] | None
    issues: list[RowIssue]
    warnings: list[RowIssue]
    explicit_id: str | None = None


class _RowReader:
    """Turns the cells of one row into record values, collecting every problem of the row."""

    def __init__(self, row: _Row, columns: dict[str, str], letters: dict[str, str]) -> None:
        self.row, self.columns, self.letters = row, columns, letters
        self.issues: list[RowIssue] = []
        self.warnings: list[RowIssue] = []

    def raw(self, key: str) -> Any:
        return _cell(self.row.cells.get(key))

    def issue(self, key: str, why: str, fix: str = "", *, warning: bool = False) -> None:
        column = self.columns.get(key, "")
        shown = _text(self.raw(key)) or ""
        entry = RowIssue(self.row.number, column, self.letters.get(column, ""), shown, why, fix)
        (self.warnings if warning else self.issues).append(entry)

    def parse(self, key: str, parser: Any) -> Any:
        if self.raw(key) is None:
            return None
        try:
            return parser(self.raw(key))
        except _Unusable as e:
            self.issue(key, e.why, e.fix)
            return None

    def required_text(self, key: str, fix: str) -> str | None:
        text = _text(self.raw(key))
        if text is None:
            self.issue(key, f"{FIELD_WORDS[key]} is empty.", fix)
        return text


def _parse_row(reader: _RowReader, places: _Places) -> _Parsed:
    name = reader.required_text("name", "Fill in the product name as on the certificate.")
    producer = reader.required_text("producer", "Fill in the OCOP subject (chủ thể) as on the certificate.")
    district = _district(reader, places)
    commune = _commune(reader, places, district) if district else None
    group = reader.parse("group", parse_group)
    if reader.raw("group") is None:
        reader.issue("group", "the product group is empty.", "Write the OCOP group, e.g. Thực phẩm or Đồ uống.")
    kind = _producer_type(reader, producer)
    explicit_id = _explicit_id(reader)
    certification = _certification(reader)
    phone, restored = parse_phone(reader.raw("phone"))
    if restored:
        reader.issue("phone", f"Excel stored the number without its leading 0; written as {phone}.",
                     "Format the column as Text in the spreadsheet so that Excel keeps the 0.", warning=True)
    summary = _text(reader.raw("summary"))
    if summary and len(summary) > SUMMARY_MAX:
        reader.issue("summary", f"the summary is {len(summary)} characters long; at most {SUMMARY_MAX} are allowed.",
                     "Shorten it to one sentence; longer text belongs in the record's description.")
    if reader.issues or name is None or producer is None or district is None or group is None:
        return _Parsed(reader.row.number, None, reader.issues, reader.warnings)
    assert certification is not False  # _certification reported why
    record: dict[str, Any] = {"id": explicit_id, "name": name, "group": group, "district": district.id}
    if commune:
        record["commune"] = commune
    details = (("name", producer), ("type", kind), ("address", _text(reader.raw("address"))), ("phone", phone))
    record["producer"] = {k: v for k, v in details if v is not None}
    record["summary"] = summary or default_summary(name, producer, certification["stars"] if certification else None)
    record["certifications"] = [certification] if certification else []
    if not certification:
        reader.issue("", "no stars, decision or date: written as a product in the programme, not yet rated.",
                     "Fill in Hạng sao, Số quyết định and Ngày quyết định if the product has a certificate.",
                     warning=True)
    return _Parsed(reader.row.number, record, reader.issues, reader.warnings, explicit_id)


def _district(reader: _RowReader, places: _Places) -> District | None:
    text = _text(reader.raw("district"))
    if text is None:
        # The nearest section row above that names a district ("I. HUYỆN MAI SƠN").
        found = next((d for d in map(places.district, reversed(reader.row.sections)) if d), None)
        if found is None:
            reader.issue("district", "the district is empty.",
                         "Write the district (huyện) of the product, e.g. " + places.config.districts[0].name + ".")
        return found
    found = places.district(text)
    if found is None:
        reader.issue("district", "not a district of site_config.yml.", places.district_hint(text))
    return found


def _commune(reader: _RowReader, places: _Places, district: District) -> str | None:
    text = _text(reader.raw("commune"))
    if text is None:
        return None
    found = places.commune(district, text)
    if found is None:
        reader.issue("commune", f"not a commune of {district.name} in site_config.yml; the record was written "
                     "without a commune.", places.commune_hint(district, text), warning=True)
        return None
    return str(found.id)


def _producer_type(reader: _RowReader, producer: str | None) -> str:
    if reader.raw("producer_type") is not None:
        kind, known = producer_type(reader.raw("producer_type"))
        if not known:
            reader.issue("producer_type", "not a known type of OCOP subject; recorded as other.",
                         "Write HTX, Tổ hợp tác, Doanh nghiệp (công ty, DNTN) or Hộ kinh doanh if one of them fits.",
                         warning=True)
        return kind
    inferred = producer_type_from_name(producer or "")
    if inferred is None and producer is not None:
        where = "Fill in" if "producer_type" in reader.columns else "Add a column"
        reader.issue("producer", "the type of subject is not given and the name does not say it; recorded as other.",
                     f"{where} \"Loại hình\" (HTX, Tổ hợp tác, Doanh nghiệp, Hộ kinh doanh) if one fits.", warning=True)
    return inferred or "other"


def _explicit_id(reader: _RowReader) -> str | None:
    text = _text(reader.raw("id"))
    if text is None:
        return None
    pid = text.replace(" ", "").upper()
    if not re.fullmatch(ID_PATTERN, pid) or len(pid) > 24:
        reader.issue("id", "not a catalogue id (capital letters, digits and single hyphens, at most 24 characters).",
                     "Correct it (e.g. SL-MS-0012), or delete it to let the importer pick the next free id.")
        return None
    return pid


def _certification(reader: _RowReader) -> dict[str, Any] | None | Literal[False]:
    """The certification of the row; None when the row has none (not yet rated); False when unusable."""
    if all(reader.raw(k) is None for k in ("stars", "decision", "date", "score", "level")):
        return None
    decision_text = _text(reader.raw("decision"))
    embedded: date | None = None
    if decision_text:
        decision_text, embedded = split_decision(decision_text)
    stars = reader.parse("stars", parse_stars)
    when = reader.parse("date", parse_date)
    score = reader.parse("score", parse_score)
    if when is None and reader.raw("date") is None:
        when = embedded
    elif embedded and when and embedded != when:
        reader.issue("decision", f"the decision cell says {embedded:%d/%m/%Y} but the date column says "
                     f"{when:%d/%m/%Y}.", "Correct whichever is wrong.")
    missing = [k for k, v in (("stars", stars), ("decision", decision_text), ("date", when)) if reader.raw(k) is None
               and v is None]
    for key in missing:
        reader.issue(key, f"{FIELD_WORDS[key]} is empty, but the row has other certificate details.",
                     f"Fill in {FIELD_WORDS[key]} from the recognition decision.")
    if reader.raw("decision") is not None and not decision_text:
        reader.issue("decision", "there is no decision number in this cell.", "Write the number, e.g. 1693/QĐ-UBND.")
    if stars is None or when is None or not decision_text:
        return False
    level = reader.parse("level", parse_level) if reader.raw("level") is not None else usual_level(stars, when)
    if level is None:
        return False
    cert: dict[str, Any] = {"level": level, "decision": decision_text, "date": when, "stars": stars}
    if score is not None:
        cert["score"] = score
    return cert


def usual_level(stars: int, when: date) -> str:
    """Who normally recognises ``stars`` on ``when`` (the grading rules'; 5★ is always national)."""
    probe = Certification.model_construct(level="province", decision="", date=when, stars=stars)
    return sorted(grading.expected_levels(probe))[0]


def default_summary(name: str, producer: str, stars: int | None) -> str:
    """A plain sentence for listings when the sheet has no description, kept within 200 characters."""
    what = f"sản phẩm OCOP {stars} sao" if stars else "sản phẩm tham gia Chương trình OCOP"
    for text in (f"{name} – {what} của {producer}.", f"{name} – {what}."):
        if len(text) <= SUMMARY_MAX:
            return text
    return _short(name, SUMMARY_MAX - len(what) - 4) + f" – {what}."


# ---------------------------------------------------------------------------------------------
# Records as YAML text, in the style of `ocop new`: the schema line, quoted text, plain ids,
# enums, dates and numbers.


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _plain_or_quoted(text: str) -> str:
    """Ids and keys unquoted, as stewards write them, unless YAML would read them as something else."""
    words = YAML11_BOOLEANS | {"true", "false", "null"}
    plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", text) and text.lower() not in words
    return text if plain else _q(text)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def record_yaml(record: dict[str, Any], provenance: str | None = None) -> str:
    lines = [SCHEMA_LINE]
    if provenance:
        lines.append(f"# {provenance}")
    lines += [f"id: {_plain_or_quoted(record['id'])}", f"name: {_q(record['name'])}", f"group: {record['group']}",
              f"district: {_plain_or_quoted(record['district'])}"]
    if record.get("commune"):
        lines.append(f"commune: {_plain_or_quoted(record['commune'])}")
    producer = record["producer"]
    lines += ["producer:", f"  name: {_q(producer['name'])}", f"  type: {producer['type']}"]
    lines += [f"  {key}: {_q(producer[key])}" for key in ("address", "phone") if producer.get(key)]
    lines.append(f"summary: {_q(record['summary'])}")
    if not record["certifications"]:
        lines.append("certifications: []")
    else:
        lines.append("certifications:")
        for cert in record["certifications"]:
            lines += [f"  - level: {cert['level']}", f"    decision: {_q(cert['decision'])}",
                      f"    date: {cert['date'].isoformat()}", f"    stars: {cert['stars']}"]
            if cert.get("score") is not None:
                lines.append(f"    score: {_number(cert['score'])}")
    return "\n".join(lines) + "\n"


# Which spreadsheet column a validator message about a record field points back to.
_FIELD_OF_PATH = {"id": "id", "name": "name", "group": "group", "district": "district", "commune": "commune",
                  "summary": "summary", "producer.name": "producer", "producer.type": "producer_type",
                  "producer.address": "address", "producer.phone": "phone"}


def _column_of(path: str) -> str:
    if path.startswith("certifications[0]."):
        return path.split(".", 1)[1].split(".")[0]
    return _FIELD_OF_PATH.get(path, "")


def _precheck(record: dict[str, Any], today: date, reader: _RowReader, dry_run: bool) -> bool:
    """The validator's own schema and grading rules on the record before it is written (references
    to districts and communes were resolved while mapping). Errors make the row unusable."""
    display = f"products/{record['district']}/{record['id'] or 'NEW'}.yml"
    loaded = load_text(record_yaml({**record, "id": record["id"] or "NEW-0000"}), display)
    problems = list(loaded.problems)
    if loaded.ok:
        product, problems = validate_model(Product, loaded)
        if isinstance(product, Product):
            problems += [Diagnostic(display, 1, 1, code, dotted(loc), message, hint)
                         for loc, code, message, hint in grading.check_record(product, today)]
    ok = True
    for p in problems:
        if p.severity == "error" or dry_run:  # after writing, the validator reports warnings itself
            reader.issue(_column_of(p.field), f"{p.message}", p.hint, warning=p.severity != "error")
        ok = ok and p.severity != "error"
    return ok


# ---------------------------------------------------------------------------------------------
# The import.


@dataclass
class _Existing:
    """What the catalogue already holds: ids (records and photo folders) and products by name+producer."""

    ids: dict[str, str] = field(default_factory=dict)  # id -> where it is used
    products: dict[str, str] = field(default_factory=dict)  # folded name|producer -> "products/…yml (id)"


def _existing(root: Path) -> _Existing:
    found = _Existing()
    for path in (root / "products").glob("*/*"):
        if path.is_dir():
            found.ids.setdefault(path.name, path.relative_to(root).as_posix() + "/")
    for path in record_files(root):
        rel = path.relative_to(root).as_posix()
        found.ids[path.stem] = rel
        data = load_file(path, rel).data  # tolerant: an invalid record still holds its id and names
        if not isinstance(data, dict):
            continue
        if isinstance(data.get("id"), str):
            found.ids[data["id"]] = rel
        producer = data.get("producer")
        if isinstance(data.get("name"), str) and isinstance(producer, dict) and isinstance(producer.get("name"), str):
            found.products[_product_key(data["name"], producer["name"])] = f"{rel} ({data.get('id')})"
    return found


def _product_key(name: str, producer: str) -> str:
    return f"{fold(name)}|{fold(producer)}"


def _columns(frame: pd.DataFrame) -> tuple[dict[str, str], list[str]]:
    """field -> heading of the column that fills it, and the headings imported nowhere."""
    fields: dict[str, str | None] = frame.attrs.get("fields") or {c: heading_field(c) for c in frame.columns}
    letters: dict[str, str] = frame.attrs.get("letters", {})
    columns: dict[str, str] = {}
    ignored: list[str] = []
    for label in frame.columns:
        key = fields.get(label)
        if label == SECTION_COLUMN or key == NUMBERING:
            continue
        shown = f"\"{label}\"" + (f" ({letters[label]})" if letters.get(label) else "")
        if key is None:
            ignored.append(shown)
        elif key in columns:
            ignored.append(f"{shown}: a second {FIELD_WORDS[key]} column, the first one is used")
        else:
            columns[key] = label
    return columns, ignored


def _require_columns(columns: dict[str, str], frame: pd.DataFrame, path: Path) -> None:
    needed = ["name", "producer", "group"] + ([] if SECTION_COLUMN in frame.columns else ["district"])
    missing = [k for k in needed if k not in columns]
    if missing:
        found = ", ".join(f"\"{c}\"" for c in frame.columns if c != SECTION_COLUMN)
        words = "; ".join(f"{FIELD_WORDS[k]}: " + ", ".join(f"\"{h}\"" for h in HEADINGS[k][:3]) for k in missing)
        raise SpreadsheetError(f"{path.name} has no column for: {', '.join(FIELD_WORDS[k] for k in missing)}. "
                               f"Columns found: {found}. Headings that are understood: {words}.")


class _Ids:
    """Next free ids per district prefix: after every id on disk (like `ocop new`), every id given in
    the sheet, and every id handed out earlier in this import."""

    def __init__(self, root: Path, given: list[str]) -> None:
        self.root = root
        self.given = given
        self.last: dict[str, int] = {}

    def next(self, prefix: str) -> str:
        if prefix not in self.last:
            numbers = [int(next_id(self.root, prefix).rsplit("-", 1)[1]) - 1]
            numbers += [int(g.rsplit("-", 1)[1]) for g in self.given if re.fullmatch(re.escape(prefix) + r"-\d+", g)]
            self.last[prefix] = max(numbers)
        self.last[prefix] += 1
        return f"{prefix}-{self.last[prefix]:04d}"


def import_table(config_path: Path, path: Path, today: date, *, dry_run: bool = False) -> ImportReport:
    """Write one record per usable row of the spreadsheet ``path``; report every other row."""
    config, config_problems = load_config(config_path)
    if config is None or has_errors(config_problems):
        raise SpreadsheetError(f"{config_path} has errors; run `ocop validate` first.")
    root = config_path.parent
    frame = read_table(path)
    columns, ignored = _columns(frame)
    _require_columns(columns, frame, path)
    report = ImportReport(path, root, dry_run, frame.attrs.get("sheet"), tuple(frame.attrs.get("header_rows", ())),
                          len(frame), ignored_columns=ignored, sections=list(frame.attrs.get("sections", [])),
                          other_sheets=list(frame.attrs.get("other_sheets", [])))
    parsed = _read_rows(frame, columns, _Places(config), today, dry_run)
    placing = _Placing(config, root, _existing(root), _Ids(root, [p.explicit_id for p, _ in parsed if p.explicit_id]))
    for result, reader in parsed:
        outcome = placing.place(result, reader)
        if isinstance(outcome, SkippedRow):
            report.skipped.append(outcome)
            continue
        assert result.record is not None  # place() made it a record
        problem = None if dry_run else _write(outcome.path, record_yaml(
            result.record, f"Imported with `ocop import` from {_safe_name(path)}, row {result.row}."))
        if problem:
            report.skipped.append(SkippedRow(result.row, (RowIssue(result.row, "", "", "", problem),), duplicate=True))
            continue
        report.records.append(outcome)
        report.warnings.extend(reader.warnings)  # only rows that became records: the rest are skipped anyway
    if report.records and not dry_run:
        # The last word is the validator's: the same check a pull request gets.
        report.problems = validate(config_path, today, report.written).problems
    return report


def _read_rows(frame: pd.DataFrame, columns: dict[str, str], places: _Places, today: date,
               dry_run: bool) -> list[tuple[_Parsed, _RowReader]]:
    """Every row mapped to a record (or its problems) and checked by the validator's rules."""
    letters: dict[str, str] = frame.attrs.get("letters", {})
    parsed = []
    for number, values in frame.iterrows():
        cells = {key: values[label] for key, label in columns.items()}
        sections = values[SECTION_COLUMN] if SECTION_COLUMN in frame.columns else ()
        reader = _RowReader(_Row(int(number), cells, tuple(sections)), columns, letters)
        result = _parse_row(reader, places)
        if result.record is not None and not _precheck(result.record, today, reader, dry_run):
            result = _Parsed(result.row, None, reader.issues, reader.warnings)
        parsed.append((result, reader))
    return parsed


class _Placing:
    """Gives each usable row its id and file, in sheet order, refusing duplicates of the catalogue and
    of earlier rows."""

    def __init__(self, config: SiteConfig, root: Path, existing: _Existing, ids: _Ids) -> None:
        self.config, self.root, self.existing, self.ids = config, root, existing, ids
        self.seen_ids: dict[str, int] = {}
        self.seen_products: dict[str, int] = {}

    def place(self, result: _Parsed, reader: _RowReader) -> ImportedRecord | SkippedRow:
        record = result.record
        if record is None:
            return SkippedRow(result.row, tuple(reader.issues))
        duplicate = _duplicate(result, reader, self.existing, self.seen_ids, self.seen_products)
        if duplicate is not None:
            return SkippedRow(result.row, (duplicate,), duplicate=True)
        district = self.config.district(record["district"])
        assert district is not None  # resolved against the same config while mapping
        if record["id"] is None:
            if not district.code:
                return SkippedRow(result.row, (RowIssue(
                    result.row, "", "", "", f"district {district.id} has no `code` in site_config.yml, so no id can "
                    "be made for it.", "Add a code to the district, or give the id in a \"Mã\" column."),))
            record["id"] = self.ids.next(f"{self.config.province.code}-{district.code}")
        self.seen_ids[record["id"]] = result.row
        self.seen_products[_product_key(record["name"], record["producer"]["name"])] = result.row
        path = self.root / "products" / district.id / f"{record['id']}.yml"
        return ImportedRecord(result.row, record["id"], record["name"], path)


def _duplicate(result: _Parsed, reader: _RowReader, existing: _Existing, seen_ids: dict[str, int],
               seen_products: dict[str, int]) -> RowIssue | None:
    record = result.record
    assert record is not None
    key = _product_key(record["name"], record["producer"]["name"])
    pid = record["id"]
    by_hand = "If this row is a new decision for that product, add it to the record's certifications by hand."

    def issue(column_key: str, why: str, fix: str) -> RowIssue:
        column = reader.columns.get(column_key, "")
        value = pid if column_key == "id" else record["name"]
        return RowIssue(result.row, column, reader.letters.get(column, ""), value or "", why, fix)

    if pid and pid in existing.ids:
        return issue("id", f"duplicate: the id {pid} is already used by {existing.ids[pid]}; nothing was overwritten.",
                     "Ids are never reused: delete the id in the sheet to get the next free one, or leave the row out. "
                     + by_hand)
    if pid and pid in seen_ids:
        return issue("id", f"duplicate: row {seen_ids[pid]} has the same id.", "Give each product its own id.")
    if key in existing.products:
        return issue("name", f"duplicate: the same product and producer are already in {existing.products[key]}; "
                     "nothing was overwritten.", by_hand)
    if key in seen_products:
        return issue("name", f"duplicate: the same product and producer as row {seen_products[key]}.",
                     "Delete the repeated row (or correct the name if they are different products).")
    return None


def _write(target: Path, text: str) -> str | None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as f:  # "x": never overwrite a record, even one made meanwhile
            f.write(text)
    except FileExistsError:
        return f"duplicate: {target.name} already exists; nothing was overwritten."
    return None


def _safe_name(path: Path) -> str:
    # The file name goes into a YAML comment: keep it on one line.
    return re.sub(r"[\x00-\x1f\x7f]", "?", path.name)


# ---------------------------------------------------------------------------------------------
# The export: the latest certificate of every product, under headings the importer reads back.

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
        _write_xlsx(frame, path)
    elif suffix == ".csv":
        text = frame.assign(**{"Ngày quyết định": frame["Ngày quyết định"].map(
            lambda d: d.strftime("%d/%m/%Y") if d else None)}).to_csv(index=False)
        path.write_text("\ufeff" + text, encoding="utf-8")
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
