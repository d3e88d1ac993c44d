"""Turn pydantic's validation errors into sentences for the person editing the YAML.

Library messages are rewritten here into sentences of the message table (``messages.py``, both
languages), so that no Python type name or regular expression ever reaches a steward. Our own
validators raise errors whose type is a message key (``messages.refused``). Field-specific
wording (formats, allowed values) comes from the schema itself via ``field_at``.
"""

from __future__ import annotations

import difflib
import types
from functools import lru_cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from .diagnostics import Diagnostic
from .messages import MESSAGES, Said, foreign, said
from .yamlload import YAML11_BOOLEANS, Loaded, Loc, YamlFloat, YamlInt, dotted

_KIND_WORDS = {
    "string_type": "kind.text",
    "int_type": "kind.whole_number",
    "int_from_float": "kind.whole_number",
    "float_type": "kind.number",
    "bool_type": "kind.bool",
    "list_type": "kind.list",
    "model_type": "kind.group",
    "dict_type": "kind.group",
    "model_attributes_type": "kind.group",
}

# Errors raised with a type of their own that is not a message key (kept for validators written
# the older way): their English sentence is printed in both languages.
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


def _fmt_input(value: Any) -> str | Said:
    if isinstance(value, (YamlInt, YamlFloat)):
        return value.raw if len(value.raw) <= 30 else f"{value.raw[:30]}…"
    if isinstance(value, dict):
        return said("word.a_group")
    if isinstance(value, list):
        return said("word.a_list")
    if value is None:
        return said("word.nothing")
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
        hint: Said | str | None = None
        message: Said | str

        if kind == "missing":
            code, message = "E200", said("E200.missing", name=loc[-1])
            if example is not None:
                hint = said("E200.missing.example", name=loc[-1], example=_example_yaml(example))
            elif info and info.description:
                hint = said("E200.missing.described", name=loc[-1], description=_described(info))
            pos = loaded.pos(loc[:-1], key=True)
        elif kind == "extra_forbidden":
            allowed = list(owner.model_fields) if owner else []
            guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            code, message = "E201", said("E201.unknown", name=loc[-1])
            hint = said("E201.did_you_mean", guess=guess[0]) if guess else None
            if allowed:
                hint = said("E201.allowed", allowed=", ".join(allowed)) if hint is None else \
                    hint + said("E201.allowed", allowed=", ".join(allowed))
        elif kind == "literal_error":
            allowed = _literal_values(info)
            guess = difflib.get_close_matches(str(value).lower(), allowed, n=1, cutoff=0.5)
            code, message = "E203", said("E203.not_allowed", value=_fmt_input(value))
            hint = said("E203.use_one_of", allowed=", ".join(allowed))
            if guess:
                hint = said("E203.did_you_mean", guess=guess[0]) + hint
        elif kind in _KIND_WORDS:
            code = "E202"
            message = said("E202.expected", kind=said(_KIND_WORDS[kind]), value=_fmt_input(value))
            if kind == "bool_type" and isinstance(value, str) and value.lower() in YAML11_BOOLEANS:
                hint = said("E202.yaml11_bool")
            elif kind == "string_type" and isinstance(value, (dict, list)):
                hint = said("E202.became_group")
            elif kind in ("int_type", "float_type") and isinstance(value, str):
                number = value.strip()
                if number.endswith("%"):
                    hint = said("E202.percent", number=number.rstrip("%").strip())
                elif "," in number and number.replace(",", "", 1).isdigit():
                    hint = said("E202.decimal_comma", number=number.replace(",", "."))
                else:
                    hint = said("E202.unquote")
            elif kind == "list_type" and value is None:
                hint = (said("E202.no_certifications") if loc[-1] == "certifications"
                        else said("E202.empty_list", name=loc[-1]))
            elif example is not None:
                hint = said("hint.example", name=loc[-1], example=_example_yaml(example))
        elif kind == "string_pattern_mismatch":
            fmt, fmt_vi = extra.get("x-format"), extra.get("x-format-vi")
            code = "E204"
            message = (said("E204.pattern_is", value=_fmt_input(value), format=foreign(fmt, fmt_vi or fmt)) if fmt
                       else said("E204.pattern", value=_fmt_input(value)))
        elif kind in ("string_too_long", "too_long"):
            code = "E205"
            n = len(value) if hasattr(value, "__len__") else "?"
            message = said("E205.too_long", n=n, most=ctx.get("max_length"))
            hint = said("E205.too_long.hint") if loc[-1] in ("summary", "name") else None
        elif kind in ("string_too_short", "too_short"):
            code, message = "E205", said("E205.empty")
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
            bound = f"{bound:g}" if isinstance(bound, float) else bound
            word = {"greater_than_equal": "bound.ge", "less_than_equal": "bound.le",
                    "greater_than": "bound.gt", "less_than": "bound.lt"}[kind]
            code, message = "E205", said("E205.range", value=_fmt_input(value), bound=said(word, n=bound))
        elif kind in MESSAGES or kind in _CUSTOM_CODES:
            if kind in MESSAGES:  # our own validators: the type is the message key, E204.date_format…
                code = kind.partition(".")[0]
                message = said(kind, **{k: v for k, v in ctx.items() if k not in ("offset", "line", "hint")})
            else:
                code, message = _CUSTOM_CODES[kind], e["msg"]
            if isinstance(value, str) and "offset" in ctx:
                pos = loaded.pos_in_value(loc, value, int(ctx["offset"]))
                hint = ctx.get("hint") or said("E209.hint")
            elif isinstance(value, str) and ctx.get("line"):
                start = sum(len(x) + 1 for x in value.split("\n")[: int(ctx["line"]) - 1])
                pos = loaded.pos_in_value(loc, value, start)
        else:  # not expected; still a plain sentence, never a traceback
            code, message = "E202", said("E202.other", reason=e["msg"])
        out.append(Diagnostic(loaded.path, pos.line, pos.col, code, name, message, hint))
    return _without_echoes(out)


def partial(model: type[BaseModel], data: Any, failed: set[Loc], at: Loc = ()) -> Any:
    """The parts of ``data`` that passed the schema, as ``model`` built without the fields that
    failed (``model_construct``: a field that failed is absent, not None), so that the rules can
    still judge them in the same run. A list of parts keeps every position (its locations
    stay right); None when ``data`` is not a group of fields at all."""
    if not isinstance(data, dict):
        return None
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        loc = (*at, name)
        broken = any(f[: len(loc)] == loc for f in failed)
        if not broken:
            try:
                values[name] = _adapter(model, name).validate_python(data[name])
            except ValidationError:
                pass
            continue
        target, is_list = field_type(info.annotation)
        if not is_model(target):
            continue
        if is_list and isinstance(data[name], list):
            values[name] = [partial(target, item, failed, (*loc, i)) or target.model_construct()
                            for i, item in enumerate(data[name])]
        elif not is_list:
            inner = partial(target, data[name], failed, loc)
            if inner is not None:
                values[name] = inner
    built = model.model_construct(**values)
    for name, info in model.model_fields.items():  # model_construct fills defaults: absent means failed
        if name not in values and name in data:
            built.__dict__.pop(name, None)
    return built


@lru_cache(maxsize=512)
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """A validator for one field of ``model`` alone, with the model's strictness."""
    info = model.model_fields[name]
    annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    if is_model(info.annotation):  # a model brings its own configuration (strict, like every Record)
        return TypeAdapter(annotation)
    return TypeAdapter(annotation, config=ConfigDict(strict=True))


def _without_echoes(problems: list[Diagnostic]) -> list[Diagnostic]:
    """Drop 'X is required' when the same block has an unknown field that is a misspelling of X."""
    suggested = {(p.field.rpartition(".")[0], p.hint.split("`")[1]) for p in problems
                 if p.code == "E201" and p.hint.startswith("Did you mean `")}
    return [p for p in problems
            if not (p.code == "E200" and (p.field.rpartition(".")[0], p.field.rpartition(".")[2]) in suggested)]


def _described(info: FieldInfo) -> Said:
    """A field's description, in Vietnamese where the schema has one (``description_vi``)."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    english = str(info.description)
    return foreign(english, str(extra.get("description_vi") or english))


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
                                  said("W110.yaml11", raw=raw), said("hint.quote_it", raw=raw)))
        elif _looks_numeric(raw):
            zero = raw.lstrip("+-").startswith("0") and len(raw.lstrip("+-")) > 1
            out.append(Diagnostic(loaded.path, pos.line, pos.col, "W111", dotted(loc),
                                  said("W111.zero" if zero else "W111.number", raw=raw), said("hint.quote_it", raw=raw)))
    return out


def _looks_numeric(raw: str) -> bool:
    try:
        float(raw.replace("_", "x"))
        return True
    except ValueError:
        return False
