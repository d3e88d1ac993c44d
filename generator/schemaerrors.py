"""Turn pydantic's validation errors into sentences for the person editing the YAML.

Library messages are rewritten here, in one table (``_MESSAGES``), so that no Python type name or
regular expression ever reaches a steward. Field-specific wording (formats, allowed values) comes
from the schema itself via ``field_at``.
"""

from __future__ import annotations

import difflib
import types
from functools import lru_cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .diagnostics import Diagnostic
from .yamlload import YAML11_BOOLEANS, Loaded, Loc, YamlFloat, YamlInt, dotted

_KIND_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "model_type": "a group of 'field: value' lines",
    "dict_type": "a group of 'field: value' lines",
    "model_attributes_type": "a group of 'field: value' lines",
}

_CUSTOM_CODES = {
    "https_only": "E206",
    "markdown_html": "E207",
    "markdown_image": "E207",
    "gtin_format": "E204",
    "gtin_check": "E208",
    "invisible_chars": "E209",
    "stars_range": "E304",
    "date_format": "E204",
    "date_invalid": "E204",
    "date_range": "E205",
    "site_url": "E204",
    "config_markup": "E500",
    "target_kind": "E501",
    "target_range": "E501",
    "plan_property": "E501",
    "plan_total": "E501",
    "plan_manual": "E501",
    "plan_target": "E501",
    "plan_per_district": "E501",
    "plan_proposals": "E501",
    "plan_per_year": "E501",
    "plan_period": "E501",
    "plan_ids": "E501",
    "plan_date": "E501",
    "plan_number": "E501",
}


def field_type(annotation: Any) -> tuple[Any, bool]:
    """(element type, is it a list) of a field's annotation, with Optional and Annotated removed.

    The one place that reads the schema's type annotations (the error messages and the generated
    field reference both use it)."""
    is_list = False
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        elif origin is list:
            is_list, annotation = True, get_args(annotation)[0]
        elif origin is not None and (getattr(origin, "__name__", "") == "Annotated" or str(origin) == "typing.Annotated"):
            annotation = get_args(annotation)[0]
        else:
            return annotation, is_list


def is_model(x: Any) -> bool:
    return isinstance(x, type) and issubclass(x, BaseModel)


def field_at(model: type[BaseModel], loc: Loc) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """The model that owns the last name in ``loc`` and that field's info (None when unknown)."""
    owner: Any = model
    parent: type[BaseModel] = model
    info: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not is_model(owner) or part not in owner.model_fields:
            return (owner if is_model(owner) else None), None
        parent, info = owner, owner.model_fields[part]
        owner = field_type(info.annotation)[0]
    return parent, info


def expects_text(model: type[BaseModel], loc: Loc) -> bool:
    # The answer depends on the field names only, not on list positions: cache by that shape.
    return _expects_text(model, tuple(0 if isinstance(part, int) else part for part in loc))


@lru_cache(maxsize=4096)
def _expects_text(model: type[BaseModel], loc: Loc) -> bool:
    _, info = field_at(model, loc)
    if info is None:
        return False
    target, is_list = field_type(info.annotation)
    if isinstance(loc[-1], int) and not is_list:
        return False
    return target is str


def _literal_values(info: FieldInfo | None) -> list[str]:
    if info is None:
        return []
    target = field_type(info.annotation)[0]
    if get_origin(target) is Literal:
        return [str(a) for a in get_args(target)]
    return []


def _fmt_input(value: Any) -> str:
    if isinstance(value, (YamlInt, YamlFloat)):
        return value.raw if len(value.raw) <= 30 else f"{value.raw[:30]}…"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if value is True or value is False:
        return str(value).lower()
    s = str(value)
    return f"'{s[:60]}…'" if len(s) > 60 else f"'{s}'"


def translate(error: ValidationError, model: type[BaseModel], loaded: Loaded) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for e in error.errors(include_url=False):
        loc: Loc = tuple(e["loc"])
        kind = e["type"]
        owner, info = field_at(model, loc)
        name = dotted(loc)
        value = e.get("input")
        ctx = e.get("ctx") or {}
        extra = (info.json_schema_extra if info and isinstance(info.json_schema_extra, dict) else {}) or {}
        example = info.examples[0] if info and info.examples else None
        pos = loaded.pos(loc, key=kind == "extra_forbidden")
        hint = ""

        if kind == "missing":
            code, message = "E200", f"`{loc[-1]}` is required here."
            hint = f"Add for example: {loc[-1]}: {_example_yaml(example)}" if example is not None else (
                f"Add `{loc[-1]}:` ({info.description})" if info and info.description else "")
            pos = loaded.pos(loc[:-1], key=True)
        elif kind == "extra_forbidden":
            allowed = list(owner.model_fields) if owner else []
            guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            code, message = "E201", f"`{loc[-1]}` is not a field of this record."
            hint = (f"Did you mean `{guess[0]}`?" if guess else "") + (
                f" Allowed here: {', '.join(allowed)}." if allowed else "")
            hint = hint.strip()
        elif kind == "literal_error":
            allowed = _literal_values(info)
            guess = difflib.get_close_matches(str(value).lower(), allowed, n=1, cutoff=0.5)
            code, message = "E203", f"{_fmt_input(value)} is not one of the allowed values."
            hint = (f"Did you mean {guess[0]}? " if guess else "") + f"Use one of: {', '.join(allowed)}."
        elif kind in _KIND_WORDS:
            code = "E202"
            message = f"Expected {_KIND_WORDS[kind]}, found {_fmt_input(value)}."
            if kind == "bool_type" and isinstance(value, str) and value.lower() in YAML11_BOOLEANS:
                hint = "Write true or false (YAML 1.2 reads yes/no/on/off as text)."
            elif kind == "string_type" and isinstance(value, (dict, list)):
                hint = "A ':' or '- ' inside the value made it a group; put the whole value in quotes."
            elif kind in ("int_type", "float_type") and isinstance(value, str):
                number = value.strip()
                if number.endswith("%"):
                    hint = f"Write just the number, without the % sign: {number.rstrip('%').strip()}"
                elif "," in number and number.replace(",", "", 1).isdigit():
                    hint = f"Write decimals with a point, not a comma: {number.replace(',', '.')}"
                else:
                    hint = "Write the number without quotes."
            elif kind == "list_type" and value is None:
                hint = ("For a product that is not yet rated write: certifications: []" if loc[-1] == "certifications"
                        else f"Write {loc[-1]}: [] for an empty list, or remove the line.")
            elif example is not None:
                hint = f"Example: {loc[-1]}: {_example_yaml(example)}"
        elif kind == "string_pattern_mismatch":
            fmt = extra.get("x-format")
            code, message = "E204", f"{_fmt_input(value)} is not in the expected format" + (f": {fmt}." if fmt else ".")
        elif kind in ("string_too_long", "too_long"):
            code = "E205"
            n = len(value) if hasattr(value, "__len__") else "?"
            message = f"This is {n} characters long; at most {ctx.get('max_length')} are allowed."
            hint = "Shorten it; longer text belongs in `description`." if loc[-1] in ("summary", "name") else ""
        elif kind in ("string_too_short", "too_short"):
            code, message = "E205", "This must not be empty."
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
            bound = f"{bound:g}" if isinstance(bound, float) else bound
            word = {"greater_than_equal": "at least", "less_than_equal": "at most",
                    "greater_than": "more than", "less_than": "less than"}[kind]
            code, message = "E205", f"{_fmt_input(value)} is out of range: it must be {word} {bound}."
        elif kind in _CUSTOM_CODES:
            code, message = _CUSTOM_CODES[kind], e["msg"]
            if isinstance(value, str) and "offset" in ctx:
                pos = loaded.pos_in_value(loc, value, int(ctx["offset"]))
                hint = str(ctx.get("hint") or "Delete it (retype the text around it if your editor does not show it).")
            elif isinstance(value, str) and ctx.get("line"):
                start = sum(len(x) + 1 for x in value.split("\n")[: int(ctx["line"]) - 1])
                pos = loaded.pos_in_value(loc, value, start)
        else:  # not expected; still a plain sentence, never a traceback
            code, message = "E202", f"This value is not accepted ({e['msg']})."
        out.append(Diagnostic(loaded.path, pos.line, pos.col, code, name, message, hint))
    return _without_echoes(out)


def _without_echoes(problems: list[Diagnostic]) -> list[Diagnostic]:
    """Drop 'X is required' when the same block has an unknown field that is a misspelling of X."""
    suggested = {(p.field.rpartition(".")[0], p.hint.split("`")[1]) for p in problems
                 if p.code == "E201" and p.hint.startswith("Did you mean `")}
    return [p for p in problems
            if not (p.code == "E200" and (p.field.rpartition(".")[0], p.field.rpartition(".")[2]) in suggested)]


def _example_yaml(example: Any) -> str:
    if isinstance(example, bool):
        return str(example).lower()
    if isinstance(example, list):
        return "[" + ", ".join(str(x) for x in example) + "]"
    if isinstance(example, str) and (":" in example or "/" in example):
        return f'"{example}"'
    return str(example)


def yaml_trap_warnings(model: type[BaseModel], loaded: Loaded, erroneous: set[Loc]) -> list[Diagnostic]:
    """Warn where YAML 1.1 tools (and many editors) would read a value differently from us."""
    out: list[Diagnostic] = []
    for loc, raw in loaded.plain.items():
        if loc in erroneous or not loc or not expects_text(model, loc):
            continue
        pos = loaded.values[loc]
        if raw.lower() in YAML11_BOOLEANS:
            out.append(Diagnostic(loaded.path, pos.line, pos.col, "W110", dotted(loc),
                                  f"Unquoted {raw} is read as text here, but as true/false by YAML 1.1 tools.",
                                  f'Write it in quotes: "{raw}".'))
        elif _looks_numeric(raw):
            out.append(Diagnostic(loaded.path, pos.line, pos.col, "W111", dotted(loc),
                                  f"Unquoted {raw} is kept as typed here, but other YAML tools read it as a number"
                                  + (" and lose the leading zero." if raw.lstrip("+-").startswith("0") and len(raw.lstrip("+-")) > 1
                                     else " and may change it."),
                                  f'Write it in quotes: "{raw}".'))
    return out


def _looks_numeric(raw: str) -> bool:
    try:
        float(raw.replace("_", "x"))
        return True
    except ValueError:
        return False
