"""One spreadsheet row → one record (a plain dict in the record's field order), or the reasons it cannot be."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from .. import grading
from ..config import District
from ..messages import Said, said
from ..schema import ID_PATTERN, Certification
from . import addresses
from .headings import FIELD_WORDS
from .places import _Places
from .report import RowIssue, _short
from .values import (_cell, _text, _Unusable, parse_date, parse_group, parse_level, parse_phone, parse_score,
                     parse_stars, producer_type, producer_type_from_name, split_decision)

SUMMARY_MAX = 200


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

    def issue(self, key: str, why: Said | str, fix: Said | str = "", *, warning: bool = False) -> None:
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

    def required_text(self, key: str, fix: Said) -> str | None:
        text = _text(self.raw(key))
        if text is None:
            self.issue(key, said("import.empty", field=FIELD_WORDS[key]), fix)
        return text


def _parse_row(reader: _RowReader, places: _Places) -> _Parsed:
    name = reader.required_text("name", said("import.fill_name"))
    producer = reader.required_text("producer", said("import.fill_producer"))
    placed = _from_address(reader, places)
    district = placed.district if placed else _district(reader, places)
    commune = (placed.commune if placed else _commune(reader, places, district)) if district else None
    group = reader.parse("group", parse_group)
    if reader.raw("group") is None:
        reader.issue("group", said("import.group_empty"), said("import.group_empty.fix"))
    kind = _producer_type(reader, producer)
    explicit_id = _explicit_id(reader)
    certification = _certification(reader)
    phone, restored = parse_phone(reader.raw("phone"))
    if restored:
        reader.issue("phone", said("import.phone_zero", phone=phone), said("import.phone_zero.fix"), warning=True)
    summary = _text(reader.raw("summary"))
    if summary and len(summary) > SUMMARY_MAX:
        reader.issue("summary", said("import.summary_long", n=len(summary), most=SUMMARY_MAX),
                     said("import.summary_long.fix"))
    ward = placed.ward if placed else None
    if reader.issues or name is None or producer is None or (district is None and ward is None) or group is None:
        return _Parsed(reader.row.number, None, reader.issues, reader.warnings)
    assert certification is not False  # _certification reported why
    record: dict[str, Any] = {"id": explicit_id, "name": name, "group": group}
    if district:
        record["district"] = district.id
    if commune:
        record["commune"] = commune
    if ward:
        record["ward"], record["ward_name"] = ward, placed.ward_name  # type: ignore[union-attr]
    details = (("name", producer), ("type", kind), ("address", _text(reader.raw("address"))), ("phone", phone))
    record["producer"] = {k: v for k, v in details if v is not None}
    record["summary"] = summary or default_summary(name, producer, certification["stars"] if certification else None)
    record["certifications"] = [certification] if certification else []
    if not certification:
        reader.issue("", said("import.unrated"), said("import.unrated.fix"),
                     warning=True)
    return _Parsed(reader.row.number, record, reader.issues, reader.warnings, explicit_id)


def _from_address(reader: _RowReader, places: _Places) -> addresses.Placed | None:
    """The place an address gives, for a row whose sheet names no district (neither a column nor a
    section row): a list made since 1 July 2025, or one giving old-form addresses only."""
    text = _text(reader.raw("address"))
    if text is None or _text(reader.raw("district")) is not None or any(map(places.district, reader.row.sections)):
        return None
    placed = addresses.place(places.config, text)
    if placed.problem:
        reader.issue("address", placed.problem)
    elif placed.note:
        reader.issue("address", placed.note, said("import.add_district"),
                     warning=True)
    return placed


def _district(reader: _RowReader, places: _Places) -> District | None:
    text = _text(reader.raw("district"))
    if text is None:
        # The nearest section row above that names a district ("I. HUYỆN MAI SƠN").
        found = next((d for d in map(places.district, reversed(reader.row.sections)) if d), None)
        if found is None:
            reader.issue("district", said("import.district_empty"),
                         said("import.district_empty.fix", example=places.config.districts[0].name))
        return found
    found = places.district(text)
    if found is None:
        reader.issue("district", said("import.not_district"), places.district_hint(text))
    return found


def _commune(reader: _RowReader, places: _Places, district: District) -> str | None:
    text = _text(reader.raw("commune"))
    if text is None:
        return None
    found = places.commune(district, text)
    if found is None:
        reader.issue("commune", said("import.not_commune", district=district.name), places.commune_hint(district, text),
                     warning=True)
        return None
    return str(found.id)


def _producer_type(reader: _RowReader, producer: str | None) -> str:
    if reader.raw("producer_type") is not None:
        kind, known = producer_type(reader.raw("producer_type"))
        if not known:
            reader.issue("producer_type", said("import.producer_type"), said("import.producer_type.fix"),
                         warning=True)
        return kind
    inferred = producer_type_from_name(producer or "")
    if inferred is None and producer is not None:
        fix = said("import.fill_in_type" if "producer_type" in reader.columns else "import.add_type_column")
        reader.issue("producer", said("import.producer_unknown"), fix, warning=True)
    return inferred or "other"


def _explicit_id(reader: _RowReader) -> str | None:
    text = _text(reader.raw("id"))
    if text is None:
        return None
    pid = text.replace(" ", "").upper()
    if not re.fullmatch(ID_PATTERN, pid) or len(pid) > 24:
        reader.issue("id", said("import.bad_id"), said("import.bad_id.fix"))
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
        reader.issue("decision", said("import.two_dates", embedded=f"{embedded:%d/%m/%Y}", when=f"{when:%d/%m/%Y}"),
                     said("import.two_dates.fix"))
    missing = [k for k, v in (("stars", stars), ("decision", decision_text), ("date", when)) if reader.raw(k) is None
               and v is None]
    for key in missing:
        reader.issue(key, said("import.cert_part_empty", field=FIELD_WORDS[key]),
                     said("import.fill_from_decision", field=FIELD_WORDS[key]))
    if reader.raw("decision") is not None and not decision_text:
        reader.issue("decision", said("import.no_decision"), said("import.no_decision.fix"))
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
