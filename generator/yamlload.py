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
from typing import Any, NamedTuple

import yaml

from .diagnostics import Diagnostic
from .messages import Said, foreign, said

Loc = tuple[str | int, ...]

MAX_BYTES = 1_000_000  # a product record is a few kilobytes; this bounds memory and time
MAX_DEPTH = 24
# Digits of an unquoted number: a record's numbers are scores, shares and counts. Python refuses to
# read an integer of more than 4,300 digits at all (and reading one grows with its square).
MAX_DIGITS = 30

# A tab among the leading blanks of a line that has content (not a comment).
_TAB_INDENT = re.compile(r"^[ ]*\t(?=[ \t]*[^ \t\n#])", re.MULTILINE)
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
YAML11_BOOLEANS = {"y", "yes", "n", "no", "on", "off"}

# PyYAML's own sentences, made actionable: (its problem in Vietnamese, what to do). Matched on the
# start of the problem text; the English keeps PyYAML's own words.
_SYNTAX_HINTS = {
    "mapping values are not allowed": ("yaml.mapping_values", "yaml.hint.colon"),
    "could not find expected ':'": ("yaml.expected_colon", "yaml.hint.field_value"),
    "did not find expected key": ("yaml.expected_key", "yaml.hint.indent"),
    "found character '\\t'": ("yaml.tab", "yaml.hint.tab"),
    "found unexpected end of stream": ("yaml.end", "yaml.hint.unclosed"),
    "found undefined alias": ("yaml.alias", "yaml.hint.alias"),
    "while scanning a quoted scalar": ("yaml.end", "yaml.hint.quote"),
    "expected <block end>, but found '-'": ("yaml.block_end", "yaml.hint.list_item"),
    "did not find expected '-' indicator": ("yaml.dash", "yaml.hint.list_item"),
    "found character '@' that cannot start any token": ("yaml.start_char", "yaml.hint.at"),
    "found character '`' that cannot start any token": ("yaml.start_char", "yaml.hint.at"),
    "found unknown escape character": ("yaml.escape", "yaml.hint.backslash"),
}


# libyaml's parser when available (several times faster); same node tree, same marks.
_Parser = getattr(getattr(yaml, "cyaml", None), "CParser", None)


class _PlainResolver(yaml.resolver.BaseResolver):
    """Tags every implicit node with its kind's default tag: we type scalars ourselves (YAML 1.2),
    so the 1.1 regular-expression resolver PyYAML runs on every scalar is wasted work."""

    _DEFAULT = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
                yaml.MappingNode: "tag:yaml.org,2002:map"}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:  # type: ignore[override]
        return self._DEFAULT[kind]


if _Parser is not None:
    class _Loader(_Parser, yaml.constructor.BaseConstructor, _PlainResolver):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            yaml.constructor.BaseConstructor.__init__(self)
            _PlainResolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,  # type: ignore[no-redef]
                  yaml.constructor.BaseConstructor, _PlainResolver):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.BaseConstructor.__init__(self)
            _PlainResolver.__init__(self)


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


class Pos(NamedTuple):  # a tuple: made for every node of every file, so it must be cheap
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
    styles: dict[Loc, str] = field(default_factory=dict)  # '' plain, '"' or "'" quoted, '|' or '>' block
    source: str = ""
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def pos_in_value(self, loc: Loc, value: str, index: int) -> Pos:
        """Position of character ``index`` of the text value at ``loc`` (best effort for folded text)."""
        start = self.pos(loc)
        row = value.count("\n", 0, index)
        col = index - (value.rfind("\n", 0, index) + 1)
        style = self.styles.get(loc, "")
        if style in ("|", ">"):
            lines = self.source.splitlines()
            line = start.line + 1 + row
            text = lines[line - 1] if 0 < line <= len(lines) else ""
            return Pos(line, len(text) - len(text.lstrip(" ")) + col + 1)
        if row:
            return Pos(start.line + row, col + 1)
        return Pos(start.line, start.col + (1 if style in ('"', "'") else 0) + col)

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
    out = Loaded(path, source=text)

    def fail(code: str, pos: Pos, message: Said, hint: Said | None = None) -> Loaded:
        out.problems.append(Diagnostic(path, pos.line, pos.col, code, "", message, hint))
        return out

    if text.startswith("\ufeff"):
        text = text[1:]
    tab = _TAB_INDENT.search(text)
    if tab is not None:
        pos = _index_pos(text, tab.end() - 1)
        return fail("E102", pos, said("E102.tab"), said("E102.tab.hint"))
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.composer.ComposerError as e:
        if "expected a single document" in str(e) and e.problem_mark is not None:
            return fail("E103", _pos(e.problem_mark), said("E103.documents"), said("E103.documents.hint"))
        pos, message, hint = _explain_syntax(e, text)
        return fail("E101", pos, message, hint)
    except yaml.reader.ReaderError:  # a character YAML does not allow at all
        index = next((i for i, c in enumerate(text) if _FORBIDDEN.match(c)), 0)
        pos, char = _index_pos(text, index), text[index] if text else "?"
        return fail("E101", pos, said("E101.control", code=f"{ord(char):04X}"), said("E101.control.hint"))
    except yaml.MarkedYAMLError as e:
        pos, message, hint = _explain_syntax(e, text)
        return fail("E101", pos, message, hint)
    except yaml.YAMLError as e:
        return fail("E101", Pos(1, 1), said("E101.unreadable_yaml", problem=_clean(str(e))),
                    said("hint.compare_template"))
    finally:
        loader.dispose()
    if root is None:
        return fail("E107", Pos(1, 1), said("E107.empty"), said("E107.empty.hint"))
    if not isinstance(root, yaml.MappingNode):
        return fail("E106", _pos(root.start_mark), said("E106.not_fields"), said("E106.not_fields.hint"))
    try:
        out.data = _build(root, (), out, set(), 0)
    except _Reject as r:
        out.problems.append(r.diagnostic)
        out.data = None
        return out
    if "&" in text:  # an anchor without an alias changes nothing, but '&' often starts a value by mistake
        anchor = _first_anchor(text)
        if anchor is not None:
            pos, name = anchor
            loc = next((k for k, v in out.values.items() if v == pos), ())
            out.problems.append(Diagnostic(path, pos.line, pos.col, "E105", _dotted(loc),
                                           said("E105.anchor", name=name), said("E105.anchor.hint")))
            out.data = None
    return out


def load_file(file: Path, display: str) -> Loaded:
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            out = Loaded(display)
            out.problems.append(Diagnostic(display, 1, 1, "E108", "",
                                           said("E108.size", size=f"{size:,}"), said("E108.size.hint")))
            return out
        raw = file.read_bytes()
    except OSError as e:
        out = Loaded(display)
        out.problems.append(Diagnostic(display, 1, 1, "E101", "", said("E101.unreadable", reason=e.strerror)))
        return out
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _fail_file(display, Pos(1, 1), "E100", said("E100.utf16"), said("E100.save_utf8"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line_start = raw.rfind(b"\n", 0, e.start) + 1
        line = raw[: e.start].count(b"\n") + 1
        col = len(raw[line_start: e.start].decode("utf-8", errors="replace")) + 1
        return _fail_file(display, Pos(line, col), "E100",
                          said("E100.byte", byte=f"{raw[e.start]:02X}"), said("E100.save_utf8"))
    if "\x00" in text:
        return _fail_file(display, _index_pos(text, text.index("\x00")), "E100",
                          said("E100.binary"), said("E100.binary.hint"))
    return load_text(text, display)


def _fail_file(path: str, pos: Pos, code: str, message: Said, hint: Said) -> Loaded:
    out = Loaded(path)
    out.problems.append(Diagnostic(path, pos.line, pos.col, code, "", message, hint))
    return out


def _clean(s: str) -> str:
    return " ".join(s.split())


def _index_pos(text: str, index: int) -> Pos:
    before = text[:index]
    return Pos(before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


def _first_anchor(text: str) -> tuple[Pos, str] | None:
    for event in yaml.parse(text, Loader=yaml.CSafeLoader if _Parser is not None else yaml.SafeLoader):
        anchor = getattr(event, "anchor", None)
        if anchor and not isinstance(event, yaml.AliasEvent):
            return _pos(event.start_mark), anchor
    return None


def _value_start(line: str) -> int | None:
    """Column (0-based) where the value of a 'key: value' or '- value' line starts."""
    body = line.lstrip()
    indent = len(line) - len(body)
    if body.startswith("#"):
        return None
    if body.startswith("- "):
        inner = _value_start(" " * (indent + 2) + body[2:])
        return inner if inner is not None else indent + 2
    i = body.find(": ")
    if i <= 0 or body[0] in "\"'":
        return None
    j = i + 2
    while j < len(body) and body[j] == " ":
        j += 1
    return indent + j if j < len(body) else None


def _unclosed(line: str, start: int) -> bool:
    """Whether a quote or bracket opened at ``start`` is still open at the end of the line."""
    opener = line[start]
    rest = line[start + 1:]
    if opener == '"':
        escaped = False
        for c in rest:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                return False
        return True
    if opener == "'":
        return rest.replace("''", "").count("'") == 0
    depth, quote = 1, ""
    for c in rest:
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'":
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return False
    return True


def _syntax(problem: str) -> Said:
    """PyYAML's problem as typed in English, in our words in Vietnamese when we know it."""
    known = next((words for start, (words, _) in _SYNTAX_HINTS.items() if start in problem), None)
    return said("E101.syntax", problem=foreign(problem, said(known) if known else problem))


def _explain_syntax(e: yaml.MarkedYAMLError, text: str) -> tuple[Pos, Said, Said]:
    """Where a syntax error really is, in words: libyaml often notices it lines later."""
    problem = (e.problem or e.context or "the YAML is malformed").strip()
    mark = e.problem_mark or e.context_mark
    at = _pos(mark) if mark else Pos(1, 1)
    lines = text.splitlines()
    # 1. A quote or bracket opened on an earlier line and never closed there.
    for n, line in enumerate(lines[: at.line], start=1):
        start = _value_start(line)
        if start is not None and start < len(line) and line[start] in "\"'[{" and _unclosed(line, start):
            if line[start] in "\"'":
                return Pos(n, start + 1), said("E101.quote_open"), said("yaml.hint.quote")
            return Pos(n, start + 1), _syntax(problem), said("yaml.hint.unclosed")
    # 2. An alias: a value starting with '*'.
    if e.context and "alias" in e.context and e.context_mark is not None:
        return _pos(e.context_mark), _syntax(problem), said("yaml.hint.alias")
    # 3. A line indented more than the field above it (that does not open a block).
    if "mapping values are not allowed" in problem and 1 < at.line <= len(lines):
        line = lines[at.line - 1]
        indent = len(line) - len(line.lstrip())
        above = next((x for x in reversed(lines[: at.line - 1]) if x.strip() and not x.lstrip().startswith("#")), "")
        if indent > len(above) - len(above.lstrip()) and not above.rstrip().endswith(":"):
            return Pos(at.line, indent + 1), _syntax(problem), said("yaml.hint.indented_more")
    for start, (_, hint) in _SYNTAX_HINTS.items():
        if start in problem:
            return at, _syntax(problem), said(hint)
    return at, _syntax(problem), said("hint.compare_template")


def _build(node: yaml.Node, loc: Loc, out: Loaded, seen: set[int], depth: int) -> Any:
    where = out.keys.get(loc) or _pos(node.start_mark)
    if depth > MAX_DEPTH:
        raise _Reject(Diagnostic(out.path, where.line, where.col, "E108", _dotted(loc),
                                 said("E108.deep"), said("E108.deep.hint")))
    if id(node) in seen:  # the composer hands back the anchored node itself for an alias
        raise _Reject(Diagnostic(out.path, where.line, where.col, "E105", _dotted(loc),
                                 said("E105.alias"), said("hint.write_out")))
    seen.add(id(node))
    out.values[loc] = _pos(node.start_mark)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        at = _pos(node.start_mark)
        raise _Reject(Diagnostic(out.path, at.line, at.col, "E105", _dotted(loc),
                                 said("E105.tag", tag=tag), said("E105.tag.hint")))
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kpos = _pos(key_node.start_mark)
            merge = key_node.value == "<<" and isinstance(key_node, yaml.ScalarNode) and not key_node.style
            if not isinstance(key_node, yaml.ScalarNode) or merge or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Reject(Diagnostic(out.path, kpos.line, kpos.col, "E105", _dotted(loc),
                                         said("E105.key"), said("E105.key.hint")))
            key = key_node.value
            if key in result:
                first = out.keys[(*loc, key)]
                raise _Reject(Diagnostic(out.path, kpos.line, kpos.col, "E104", _dotted((*loc, key)),
                                         said("E104.twice", key=key, line=first.line), said("E104.twice.hint")))
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
                                 said("E105.tag", tag=tag), said("E105.tag.hint")))
    out.styles[loc] = node.style or ""
    if node.style not in (None, ""):  # quoted or block scalar: always text (libyaml says "" for plain)
        return text
    out.plain[loc] = text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    number = YamlInt if _INT.fullmatch(text) else YamlFloat if _FLOAT.fullmatch(text) else None
    if number is not None:
        digits = _digits(text) if len(text) > MAX_DIGITS else 0
        if digits > MAX_DIGITS:
            where = _pos(node.start_mark)
            raise _Reject(Diagnostic(out.path, where.line, where.col, "E205", _dotted(loc),
                                     said("E205.digits", digits=f"{digits:,}", most=MAX_DIGITS),
                                     said("E205.digits.hint")))
        return YamlInt(int(text), text) if number is YamlInt else YamlFloat(float(text), text)
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text  # the schema says what is wrong with it
    return text


def _digits(number: str) -> int:
    """Digits written before the exponent of a number ("1.5e300" has 2)."""
    return sum(c.isdigit() for c in number.replace("E", "e").partition("e")[0])


def _dotted(loc: Loc) -> str:
    s = ""
    for part in loc:
        s += f"[{part}]" if isinstance(part, int) else (f".{part}" if s else str(part))
    return s


dotted = _dotted
