"""Read one YAML file into plain Python values, remembering where every value was written.

PyYAML's *composer* gives us the node tree with line/column marks; we then build Python values
ourselves instead of using its YAML 1.1 constructor, so that nothing changes meaning silently:

* scalars follow the YAML 1.2 core schema: ``yes``/``NO``/``on`` stay text, ``0012`` is not octal;
* numbers remember the text they were written as (``YamlInt``/``YamlFloat``), so a text field that
  receives ``3.10`` or ``0912345678`` keeps exactly what the steward typed, and the validator can
  warn that other YAML tools would read a number there;
* duplicate keys, tabs, several documents, anchors/aliases (the YAML "billion laughs" bomb needs
  them), tags and non-UTF-8 bytes are reported, with a hint, as one problem per file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic

Loc = tuple[str | int, ...]

MAX_BYTES = 1_000_000  # a product record is a few kilobytes; this bounds memory and time
MAX_DEPTH = 24

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
YAML11_BOOLEANS = {"y", "yes", "n", "no", "on", "off"}

# PyYAML's own sentences, made actionable. Matched on the start of the problem text.
_SYNTAX_HINTS = {
    "mapping values are not allowed": "A ':' inside a value: put the whole value in quotes (or check this line's indentation).",
    "could not find expected ':'": "Each line needs 'field: value'; check the line above too.",
    "did not find expected key": "Check the indentation: fields of one block line up exactly.",
    "found character '\\t'": "Use spaces, not tabs, for indentation.",
    "found unexpected end of stream": "A quote or bracket was opened and never closed.",
    "found undefined alias": "A '*' starts a YAML alias: put the value in quotes.",
    "while scanning a quoted scalar": "A quote was opened and never closed.",
    "expected <block end>, but found '-'": "A list item is indented differently from the others.",
    "found character '@' that cannot start any token": "Values starting with '@' or '`' need quotes.",
    "found character '`' that cannot start any token": "Values starting with '@' or '`' need quotes.",
    "found unknown escape character": "Inside double quotes a backslash starts an escape; use single quotes.",
}


# libyaml's parser when available (several times faster); same node tree, same marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlInt(int):
    """An integer that remembers how it was written (``0012`` -> 12, raw ``"0012"``)."""

    raw: str

    def __new__(cls, value: int, raw: str) -> "YamlInt":
        obj = super().__new__(cls, value)
        obj.raw = raw
        return obj


class YamlFloat(float):
    raw: str

    def __new__(cls, value: float, raw: str) -> "YamlFloat":
        obj = super().__new__(cls, value)
        obj.raw = raw
        return obj


@dataclass(frozen=True)
class Pos:
    line: int
    col: int


@dataclass
class Loaded:
    """A file's values, where each was written, and what went wrong reading it."""

    path: str
    data: Any = None
    values: dict[Loc, Pos] = field(default_factory=dict)  # where each value starts
    keys: dict[Loc, Pos] = field(default_factory=dict)  # where each mapping key starts
    plain: dict[Loc, str] = field(default_factory=dict)  # unquoted scalars, as typed
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def pos(self, loc: Loc, *, key: bool = False) -> Pos:
        """Position of ``loc``, or of its nearest ancestor that exists in the file."""
        table = (self.keys, self.values) if key else (self.values, self.keys)
        while True:
            for t in table:
                if loc in t:
                    return t[loc]
            if not loc:
                return Pos(1, 1)
            loc = loc[:-1]


def _pos(mark: yaml.Mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


class _Reject(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


def load_text(text: str, path: str) -> Loaded:
    out = Loaded(path)

    def fail(code: str, pos: Pos, message: str, hint: str = "") -> Loaded:
        out.problems.append(Diagnostic(path, pos.line, pos.col, code, "", message, hint))
        return out

    if text.startswith("\ufeff"):
        text = text[1:]
    for n, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent] and line.strip() and not line.lstrip().startswith("#"):
            return fail("E102", Pos(n, line.index("\t") + 1), "This line is indented with a tab.",
                        "Replace the tab with spaces (2 per level).")
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return fail("E107", Pos(1, 1), "The file has no fields.",
                    "Start from the template in CONTRIBUTING.md (or run `ocop new`).")

    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.composer.ComposerError as e:
        if "expected a single document" in str(e) and e.problem_mark is not None:
            return fail("E103", _pos(e.problem_mark), "The file holds more than one YAML document.",
                        "Keep one product per file; remove the '---' line and what follows.")
        mark = e.problem_mark or e.context_mark
        return fail("E101", _pos(mark) if mark else Pos(1, 1), _syntax_message(e)[0], _syntax_message(e)[1])
    except yaml.MarkedYAMLError as e:
        # An unclosed quote or bracket is reported at the end of the file; point at its start.
        unclosed = "end of stream" in (e.problem or "") and e.context_mark is not None
        mark = e.context_mark if unclosed else (e.problem_mark or e.context_mark)
        message, hint = _syntax_message(e)
        return fail("E101", _pos(mark) if mark else Pos(1, 1), message, hint)
    except yaml.YAMLError as e:  # e.g. a control character PyYAML refuses outright
        return fail("E101", Pos(1, 1), f"The file cannot be read as YAML ({_clean(str(e))}).",
                    "Remove unusual control characters from the file.")
    finally:
        loader.dispose()

    if root is None:
        return fail("E107", Pos(1, 1), "The file has no fields.",
                    "Start from the template in CONTRIBUTING.md (or run `ocop new`).")
    if not isinstance(root, yaml.MappingNode):
        return fail("E106", _pos(root.start_mark), "The file must be a set of 'field: value' lines.",
                    "See the template in CONTRIBUTING.md.")
    try:
        out.data = _build(root, (), out, set(), 0)
    except _Reject as r:
        out.problems.append(r.diagnostic)
        out.data = None
    return out


def load_file(file: Path, display: str) -> Loaded:
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            out = Loaded(display)
            out.problems.append(Diagnostic(display, 1, 1, "E108", "",
                                           f"The file is {size:,} bytes; a record should be a few kilobytes.",
                                           "Is this the right file? Long texts belong in `description` only."))
            return out
        raw = file.read_bytes()
    except OSError as e:
        out = Loaded(display)
        out.problems.append(Diagnostic(display, 1, 1, "E101", "", f"The file cannot be read ({e.strerror})."))
        return out
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        out = Loaded(display)
        out.problems.append(Diagnostic(
            display, line, col, "E100", "",
            f"Byte 0x{raw[e.start]:02X} is not valid UTF-8 (the file may be saved as Windows-1258 or Latin-1).",
            "Save the file as UTF-8 in your editor (VS Code: 'Reopen with encoding', then 'Save with encoding').",
        ))
        return out
    if "\x00" in text:
        out = Loaded(display)
        out.problems.append(Diagnostic(display, 1, 1, "E100", "", "The file contains binary data, not text.",
                                       "Records are plain UTF-8 YAML text files."))
        return out
    return load_text(text, display)


def _clean(s: str) -> str:
    return " ".join(s.split())


def _syntax_message(e: yaml.MarkedYAMLError) -> tuple[str, str]:
    problem = (e.problem or e.context or "the YAML is malformed").strip()
    for start, hint in _SYNTAX_HINTS.items():
        if problem.startswith(start) or start in problem:
            return f"YAML syntax: {problem}.", hint
    return f"YAML syntax: {problem}.", "Compare with the template in CONTRIBUTING.md."


def _build(node: yaml.Node, loc: Loc, out: Loaded, seen: set[int], depth: int) -> Any:
    where = out.keys.get(loc) or _pos(node.start_mark)
    if depth > MAX_DEPTH:
        raise _Reject(Diagnostic(out.path, where.line, where.col, "E108", _dotted(loc),
                                 "The values are nested too deeply.", "A record is at most a few levels deep."))
    if id(node) in seen:  # the composer hands back the anchored node itself for an alias
        raise _Reject(Diagnostic(out.path, where.line, where.col, "E105", _dotted(loc),
                                 "YAML aliases ('*name') are not allowed in records.",
                                 "Write the value out in full."))
    seen.add(id(node))
    out.values[loc] = _pos(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kpos = _pos(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Reject(Diagnostic(out.path, kpos.line, kpos.col, "E105", _dotted(loc),
                                         "Field names must be plain words (no '<<' merges or complex keys).",
                                         "Write each field out in full."))
            key = key_node.value
            if key in result:
                first = out.keys[(*loc, key)]
                raise _Reject(Diagnostic(out.path, kpos.line, kpos.col, "E104", _dotted((*loc, key)),
                                         f"'{key}' is written twice (first on line {first.line}).",
                                         "Keep one of them; YAML would silently use only the last."))
            out.keys[(*loc, key)] = kpos
            result[key] = _build(value_node, (*loc, key), out, seen, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*loc, i), out, seen, depth + 1) for i, item in enumerate(node.value)]
    return _scalar(node, loc, out)


def _scalar(node: yaml.ScalarNode, loc: Loc, out: Loaded) -> Any:
    text = node.value
    explicit = node.tag not in (
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
        "tag:yaml.org,2002:value",
    )
    if explicit:
        where = _pos(node.start_mark)
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Reject(Diagnostic(out.path, where.line, where.col, "E105", _dotted(loc),
                                 f"YAML tags ('{tag}') are not allowed in records.",
                                 "Remove the '!' tag and write the plain value."))
    if node.style not in (None, ""):  # quoted or block scalar: always text (libyaml says "" for plain)
        return text
    out.plain[loc] = text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        return YamlInt(int(text), text)
    if _FLOAT.fullmatch(text):
        return YamlFloat(float(text), text)
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text  # the schema says what is wrong with it
    return text


def _dotted(loc: Loc) -> str:
    s = ""
    for part in loc:
        s += f"[{part}]" if isinstance(part, int) else (f".{part}" if s else str(part))
    return s


dotted = _dotted
