"""Records as YAML text, in the style of `ocop new` (the schema line, quoted text, plain ids, enums,
dates and numbers), checked by the validator's own rules before they are written."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from .. import grading
from ..diagnostics import Diagnostic
from ..schema import Product
from ..validate import validate_model
from ..yamlload import YAML11_BOOLEANS, dotted, load_text
from .rows import _RowReader

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/product.schema.json"


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
    lines += [f"id: {_plain_or_quoted(record['id'])}", f"name: {_q(record['name'])}", f"group: {record['group']}"]
    if record.get("district"):
        lines.append(f"district: {_plain_or_quoted(record['district'])}")
    if record.get("commune"):
        lines.append(f"commune: {_plain_or_quoted(record['commune'])}")
    if record.get("ward"):  # today's unit, from a sheet's address (#16): the code, its name as a comment
        lines.append(f'ward: "{record["ward"]}"  # {record.get("ward_name", "")}'.rstrip(" #"))
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
    display = f"products/{record.get('district') or 'new'}/{record['id'] or 'NEW'}.yml"
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
            reader.issue(_column_of(p.field), p.said, p.advice or "", warning=p.severity != "error")
        ok = ok and p.severity != "error"
    return ok
