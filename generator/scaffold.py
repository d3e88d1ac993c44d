"""`ocop new`: write a valid new record with the next free id, so stewards never start from nothing."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from .schema import Product
from .validate import load_config, record_files


class NewRecordError(Exception):
    pass


def next_id(root: Path, prefix: str) -> str:
    """The next free ``<prefix>-NNNN`` id, counting every record (and photo folder) ever made."""
    pattern = re.compile(re.escape(prefix) + r"-(\d+)$")
    used = [int(m.group(1)) for p in record_files(root) if (m := pattern.match(p.stem))]
    used += [int(m.group(1)) for p in (root / "products").glob("*/*") if p.is_dir() and (m := pattern.match(p.name))]
    return f"{prefix}-{max(used, default=0) + 1:04d}"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def create_record(config_path: Path, today: date, *, district: str, name: str, group: str, producer_name: str,
                  producer_type: str, summary: str, commune: str | None = None, dry_run: bool = False) -> tuple[Path, str]:
    config, problems = load_config(config_path)
    if config is None:
        raise NewRecordError("site_config.yml has errors; run `ocop validate` first.")
    d = config.district(district)
    if d is None:
        raise NewRecordError(f"'{district}' is not a district of site_config.yml. Known: {', '.join(x.id for x in config.districts)}.")
    if commune and commune not in {c.id for c in d.communes}:
        raise NewRecordError(f"'{commune}' is not a commune of {district}. Known: {', '.join(c.id for c in d.communes)}.")
    if not d.code:
        raise NewRecordError(f"District {district} has no `code` in site_config.yml, so no id can be made for it.")
    root = config_path.parent
    pid = next_id(root, f"{config.province.code}-{d.code}")
    lines = [
        "# yaml-language-server: $schema=../../schema/product.schema.json",
        f"id: {pid}",
        f"name: {_q(name)}",
        f"group: {group}",
        f"district: {district}",
    ]
    if commune:
        lines.append(f"commune: {commune}")
    lines += [
        "producer:",
        f"  name: {_q(producer_name)}",
        f"  type: {producer_type}",
        f"summary: {_q(summary)}",
        "# Add each certification decision here when it is signed (see CONTRIBUTING.md):",
        "#  - level: province",
        '#    decision: "1234/QĐ-UBND"',
        f"#    date: {today.isoformat()}",
        "#    stars: 3",
        "certifications: []",
    ]
    text = "\n".join(lines) + "\n"
    # Never write a record that would not validate: the same schema checks it first.
    from .yamlload import load_text

    loaded = load_text(text, "new")
    try:
        Product.model_validate(loaded.data)
    except Exception as e:  # noqa: BLE001 - turned into one plain message
        raise NewRecordError(f"The values given do not make a valid record: {e}") from None
    path = root / "products" / district / f"{pid}.yml"
    if not dry_run:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as f:  # "x": never overwrite an existing record
            f.write(text)
    return path, text
