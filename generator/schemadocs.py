"""Everything generated from the schema: JSON Schemas for editors and the stewards' guide.

`ocop schema` writes these files; a test fails when the committed copies are stale, so the field
reference can never drift from the validator.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Literal, get_args, get_origin

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import grading
from .config import SiteConfig
from .diagnostics import CODES, Diagnostic, title
from .schema import GROUPS, PRODUCER_TYPES, Product
from .schemaerrors import field_type, is_model, yaml_trap_warnings
from .yamlload import dotted, load_text

SCHEMA_BASE = "https://ocop-catalogue.example.org/schema/"


def json_schema(model: type[BaseModel], name: str, title: str) -> str:
    schema = model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_BASE + name,
              "title": title, **schema}
    return json.dumps(_drop_private(schema), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _drop_private(node: Any) -> Any:
    # x-format is our wording for error messages; editors do not need it.
    if isinstance(node, dict):
        return {k: _drop_private(v) for k, v in node.items() if not k.startswith("x-format")}
    if isinstance(node, list):
        return [_drop_private(v) for v in node]
    return node


# The guide's own words, Vietnamese and English (the field descriptions come from the schema).
GUIDE_WORDS: dict[str, tuple[str, str]] = {
    "one_of": ("một trong", "one of"),
    "group": ("nhóm trường", "group of fields"),
    "date": ("ngày YYYY-MM-DD", "date YYYY-MM-DD"),
    "int": ("số nguyên", "whole number"),
    "number": ("số", "number"),
    "text": ("văn bản", "text"),
    "list_of": ("danh sách {word}", "list of {word}"),
    "yes": ("có", "yes"),
    "required": ("bắt buộc", "required"),
    "optional": ("không bắt buộc", "optional"),
    "error": ("lỗi", "error"),
    "warning": ("cảnh báo", "warning"),
    "markdown": ("Một đoạn mô tả **Markdown**. Xem [trang của cơ sở](https://example.vn).",
                 "A paragraph of **Markdown**. See [the producer's site](https://example.vn)."),
}


def _w(key: str, lang: str) -> str:
    return GUIDE_WORDS[key][0 if lang == "vi" else 1]


def description(info: FieldInfo, lang: str = "en") -> str:
    """A field's meaning: ``description`` in English, ``description_vi`` beside it in Vietnamese
    (the English one where a field has none yet)."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if lang == "vi" and isinstance(extra.get("description_vi"), str):
        return str(extra["description_vi"])
    return info.description or ""


def type_words(info: FieldInfo, lang: str = "en") -> str:
    inner, is_list = field_type(info.annotation)
    meta = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if get_origin(inner) is Literal:
        word = _w("one_of", lang) + " " + ", ".join(f"`{a}`" for a in get_args(inner))
    elif is_model(inner):
        word = _w("group", lang)
    elif meta and meta.get("format") == "date" or getattr(inner, "__name__", "") == "date":
        word = _w("date", lang)
    elif inner is bool:
        word = "true / false"
    elif inner is int:
        word = _w("int", lang)
    elif inner is float:
        word = _w("number", lang)
    else:
        word = _w("text", lang)
    for m in info.metadata:
        extra = getattr(m, "json_schema_extra", None)
        if isinstance(extra, dict) and "enum" in extra:
            word = _w("one_of", lang) + " " + ", ".join(f"`{a}`" for a in extra["enum"])
    return _w("list_of", lang).format(word=word) if is_list else word


def field_rows(model: type[BaseModel], prefix: str = "", lang: str = "en") -> list[tuple[str, str, str, str]]:
    """(field path, required, kind, meaning) for every field, depth first."""
    rows = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        rows.append((path, _w("yes", lang) if info.is_required() else "", type_words(info, lang),
                     description(info, lang)))
        inner, is_list = field_type(info.annotation)
        if is_model(inner):
            rows.extend(field_rows(inner, f"{path}[]." if is_list else f"{path}.", lang))
    return rows


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return text  # dates unquoted: YYYY-MM-DD
    return json.dumps(text, ensure_ascii=False)


# Blocks that describe exceptional events: shown in the template, commented out.
COMMENTED_OUT = {"revoked", "withdrawn", "proposals"}


def commented_template(model: type[BaseModel], indent: int = 0, lang: str = "en") -> list[str]:
    """A YAML record with every field, each preceded by its description, that validates."""
    pad = " " * indent
    lines: list[str] = []
    for name, info in model.model_fields.items():
        need = _w("required" if info.is_required() else "optional", lang)
        lines.append(f"{pad}# {description(info, lang)} ({need})")
        inner, is_list = field_type(info.annotation)
        if name in COMMENTED_OUT and is_model(inner):
            lines.append(f"{pad}# {name}:")
            body = [line.strip() for line in commented_template(inner, 0, lang) if not line.startswith("#")]
            lines.extend(f"{pad}#   {('- ' if i == 0 else '  ') if is_list else ''}{line}" for i, line in enumerate(body))
        elif is_model(inner):
            if is_list:
                lines.append(f"{pad}{name}:")
                sub = commented_template(inner, indent + 4, lang)
                first = next(i for i, line in enumerate(sub) if not line.strip().startswith("#"))
                sub[first] = f"{pad}  - " + sub[first].lstrip()
                lines.extend(f"{pad}  {line.lstrip()}" for line in sub[:first])  # comments above '- '
                lines.extend(sub[first:])
            else:
                lines.append(f"{pad}{name}:")
                lines.extend(commented_template(inner, indent + 2, lang))
        elif info.examples:
            lines.append(f"{pad}{name}: {_scalar(info.examples[0])}")
        elif info.annotation is not None and "Markdown" in repr(info.metadata) or name.startswith("description"):
            lines.append(f"{pad}{name}: |")
            lines.append(f"{pad}  " + _w("markdown", "en" if name.endswith("_en") else "vi"))
        else:
            lines.append(f"{pad}{name}: []" if is_list else f"{pad}{name}: null")
    return lines


ANNOTATED_EXAMPLE = """\
id: SL-MS-0099
name: Mật ong hoa cà phê
group: food
district: mai-son
producer:
  name: Tổ hợp tác Ong Chiềng Mai
  type: cooperative_group
  phone: 0212123456
summary: Mật ong nguyên chất từ hoa cà phê.
certifications:
  - level: province
    decision: "88/QĐ-UBND"
    date: 2024-05-02
    stars: 4
    score: 68.5
"""


def annotated_example(lang: str = "en") -> tuple[str, str]:
    """The example record and what `ocop validate` says about it (YAML traps and grading rules),
    in ``lang``."""
    path = "products/mai-son/SL-MS-0099.yml"
    loaded = load_text(ANNOTATED_EXAMPLE, path)
    problems = list(yaml_trap_warnings(Product, loaded, set()))
    product = Product.model_validate(loaded.data)
    for loc, code, message, hint in grading.check_record(product, date(2026, 1, 1)):
        pos = loaded.pos(loc)
        problems.append(Diagnostic(path, pos.line, pos.col, code, dotted(loc), message, hint))
    return ANNOTATED_EXAMPLE, "\n".join(p.text(lang) for p in sorted(problems))


# The stewards' guide, one file per language: Vietnamese first (GitHub shows CONTRIBUTING.md).
GUIDES = {"vi": "CONTRIBUTING.md", "en": "CONTRIBUTING.en.md"}


def contributing(lang: str = "vi") -> str:
    env = Environment(loader=PackageLoader("generator", "templates"), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=False)
    example, diagnostics = annotated_example(lang)
    template = ["# yaml-language-server: $schema=../../schema/product.schema.json"]
    template += commented_template(Product, lang=lang)
    return env.get_template(GUIDES[lang] + ".j2").render(
        product_rows=field_rows(Product, lang=lang),
        config_rows=field_rows(SiteConfig, lang=lang),
        codes=[(code, _w(severity, lang), title(code, lang)) for code, (severity, *_) in sorted(CODES.items())],
        groups=GROUPS,
        producer_types=PRODUCER_TYPES,
        template="\n".join(template),
        example=example,
        example_diagnostics=diagnostics,
    )


def generated_files() -> dict[str, str]:
    return {
        "schema/product.schema.json": json_schema(Product, "product.schema.json", "OCOP product record"),
        "schema/site_config.schema.json": json_schema(SiteConfig, "site_config.schema.json", "OCOP catalogue site configuration"),
        **{name: contributing(lang) for lang, name in GUIDES.items()},
    }
