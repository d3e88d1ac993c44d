"""Characters nobody types on purpose: one rule, by Unicode property, not a list to keep up to date.

A character is refused in a record's text (E209) and never printed as-is in a message when it is:

- a control character (category Cc), except the newline and the tab that text may contain;
- a format character (Cf): zero-width spaces and joiners, bidirectional embeddings, overrides,
  isolates and marks (the "Trojan Source" tricks), the Arabic letter mark, tag characters…;
- a private-use (Co) or surrogate (Cs) code point: no font shows them the same way;
- a line or paragraph separator (Zl, Zp): a line break that most tools do not count as one;
- Default_Ignorable_Code_Point (Unicode's list of what renderers draw as nothing): the Hangul
  fillers, the combining grapheme joiner, variation selectors, and code points reserved as such.

The one exception: an emoji variation selector (U+FE0E, U+FE0F) right after a symbol ("☕️"),
as phones insert them; after a letter or digit it only hides a difference.
"""

from __future__ import annotations

import re
import unicodedata

import regex

# \p{...} from the `regex` module: Python's unicodedata has categories but not the derived
# Default_Ignorable_Code_Point property.
_CLASS = r"[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]"
_HIDDEN = regex.compile(rf"[{_CLASS}--[\n\t]]", flags=regex.V1)
_UNPRINTED = regex.compile(_CLASS)  # the same, newline and tab included: never printed as-is in a message
# Most text is ASCII and Vietnamese: a string made only of these characters, none of which the rule
# refuses (a test checks each), is passed without looking up properties (8 times faster).
PLAIN = ("\t\n\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u0300-\u034e\u0350-\u036f\u1e00-\u1eff"
         "\u2010-\u2027\u2030-\u205e\u20a0-\u20c0")
_PLAIN = re.compile(f"[{PLAIN}]*")
_PRESENTATION = "\ufe0e\ufe0f"
# Bidirectional controls (explicit embeddings, overrides, isolates) and the implicit marks.
_DIRECTIONAL = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
_MARKS = "\u200e\u200f\u061c"


def _refused(text: str, i: int) -> bool:
    """Whether ``text[i]``, which matches the rule, is refused (not a presentation selector after a symbol)."""
    return not (text[i] in _PRESENTATION and i > 0 and unicodedata.category(text[i - 1]).startswith("S"))


def hidden_at(text: str) -> int | None:
    """Index of the first character of ``text`` that the rule refuses, or None."""
    if _PLAIN.fullmatch(text):
        return None
    return next((m.start() for m in _HIDDEN.finditer(text) if _refused(text, m.start())), None)


def describe(c: str) -> tuple[str, str]:
    """(the message key of its kind, "kind.directional" or "kind.invisible"; a name such as
    "U+202E RIGHT-TO-LEFT OVERRIDE")."""
    kind = "kind.directional" if unicodedata.bidirectional(c) in _DIRECTIONAL or c in _MARKS else "kind.invisible"
    category = unicodedata.category(c)
    fallback = {"Cc": "CONTROL CHARACTER", "Co": "PRIVATE USE CHARACTER", "Cs": "SURROGATE"}.get(category, "RESERVED CHARACTER")
    return kind, f"U+{ord(c):04X} {unicodedata.name(c, fallback)}"


_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def visible(text: str) -> str:
    r"""``text`` on one line with every refused character (newline and tab included) written as an
    escape (\n, \t, \u202e): what a message prints of a steward's text, so that a field name or a
    value can neither break a line of the report nor reorder it on screen."""
    if (_PLAIN.fullmatch(text) and "\n" not in text and "\t" not in text) or _UNPRINTED.search(text) is None:
        return text
    out = list(text)
    for m in _UNPRINTED.finditer(text):
        i, c = m.start(), m.group()
        if c in _ESCAPES or _refused(text, i):
            out[i] = _ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
    return "".join(out)
