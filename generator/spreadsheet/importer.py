"""`ocop import`: every usable row of a spreadsheet becomes a record with a fresh id; nothing is
overwritten or duplicated, and every other row is reported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from ..cells import check_writable
from ..config import SiteConfig
from ..diagnostics import has_errors
from ..messages import Said, said
from ..scaffold import next_id
from ..validate import load_config, record_files, validate
from ..yamlload import load_file
from .headings import FIELD_WORDS, HEADINGS, NUMBERING, heading_field
from .places import _Places
from .read import SECTION_COLUMN, SpreadsheetError, read_table
from .records import _precheck, record_yaml
from .writing import write_all
from .report import ImportedRecord, ImportReport, RowIssue, SkippedRow
from .rows import _parse_row, _Parsed, _Row, _RowReader
from .values import fold


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
    # An address in the old or the new form places a row as well as a district column (#16).
    needed = ["name", "producer", "group"] + ([] if SECTION_COLUMN in frame.columns or "address" in columns
                                              else ["district"])
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
        raise SpreadsheetError(said("import.config_errors", config=str(config_path)))
    root = config_path.parent
    if not dry_run:
        check_writable(root / "products" if (root / "products").is_dir() else root)  # before any of the work
    frame = read_table(path)
    columns, ignored = _columns(frame)
    _require_columns(columns, frame, path)
    report = ImportReport(path, root, dry_run, frame.attrs.get("sheet"), tuple(frame.attrs.get("header_rows", ())),
                          len(frame), ignored_columns=ignored, sections=list(frame.attrs.get("sections", [])),
                          other_sheets=list(frame.attrs.get("other_sheets", [])))
    parsed = _read_rows(frame, columns, _Places(config), today, dry_run)
    placing = _Placing(config, root, _existing(root), _Ids(root, [p.explicit_id for p, _ in parsed if p.explicit_id]))
    texts: list[str] = []
    for result, reader in parsed:
        outcome = placing.place(result, reader)
        if isinstance(outcome, SkippedRow):
            report.skipped.append(outcome)
            continue
        assert result.record is not None  # place() made it a record
        texts.append(record_yaml(result.record, f"Imported with `ocop import` from {_safe_name(path)}, row {result.row}."))
        report.records.append(outcome)
        report.warnings.extend(reader.warnings)  # only rows that became records: the rest are skipped anyway
    if report.records and not dry_run:
        write_all([(r.path, text, f"row {r.row}") for r, text in zip(report.records, texts)], root)
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
        if "district" not in record:  # today's ward only (an address since the reform): ids SL-0001…
            record["id"] = record["id"] or self.ids.next(self.config.province.code)
            self.seen_ids[record["id"]] = result.row
            self.seen_products[_product_key(record["name"], record["producer"]["name"])] = result.row
            folder = record["id"].split("-")[0]  # placing.folder: the first part of the id
            return ImportedRecord(result.row, record["id"], record["name"], self.root / "products" / folder /
                                  f"{record['id']}.yml")
        district = self.config.district(record["district"])
        assert district is not None  # resolved against the same config while mapping
        if record["id"] is None:
            if not district.code:
                return SkippedRow(result.row, (RowIssue(
                    result.row, "", "", "", said("import.no_code", district=district.id), said("import.no_code.fix")),))
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
    by_hand = said("import.by_hand")

    def issue(column_key: str, why: Said, fix: Said) -> RowIssue:
        column = reader.columns.get(column_key, "")
        value = pid if column_key == "id" else record["name"]
        return RowIssue(result.row, column, reader.letters.get(column, ""), value or "", why, fix)

    if pid and pid in existing.ids:
        return issue("id", said("import.duplicate_id", id=pid, where=existing.ids[pid]),
                     said("import.never_reused") + by_hand)
    if pid and pid in seen_ids:
        return issue("id", said("import.duplicate_row_id", row=seen_ids[pid]), said("import.duplicate_row_id.fix"))
    if key in existing.products:
        return issue("name", said("import.duplicate_product", where=existing.products[key]), by_hand)
    if key in seen_products:
        return issue("name", said("import.duplicate_row", row=seen_products[key]), said("import.duplicate_row.fix"))
    return None


def _safe_name(path: Path) -> str:
    # The file name goes into a YAML comment: keep it on one line.
    return re.sub(r"[\x00-\x1f\x7f]", "?", path.name)
