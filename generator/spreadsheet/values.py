"""Cell values as records want them: text folded for matching, and one parser per kind of value.

Each parser takes a raw cell (text as typed, or the number or date Excel stored) and returns the
record's value, or raises ``_Unusable(why, fix)`` so that the row's report says what to change.
"""

from __future__ import annotations

import re
import unicodedata

from ..cells import unescape
from datetime import date, datetime, timedelta
from typing import Any

from ..messages import Said, said
from ..schema import GROUPS, PRODUCER_TYPES

# ---------------------------------------------------------------------------------------------
# Folding: stewards write "Huyện Mai Sơn", "huyen mai son", "HUYỆN MAI SƠN" and mean the same.


def fold(value: object) -> str:
    """Lower case, no tone marks, đ → d, punctuation → single spaces."""
    text = unicodedata.normalize("NFD", str(value))
    # đ/Đ have no decomposition; Ð (U+00D0) is what some old fonts and encodings put for Đ.
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# Zero-width characters and no-break spaces come along when lists are pasted from web pages or
# Word; the validator rightly refuses them in records, and nobody typed them on purpose.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


def clean_text(value: str) -> str:
    """NFC, no invisible characters, all runs of whitespace (line breaks in cells too) → one space."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", value)).replace("\u00a0", " ")
    return unescape(" ".join(text.split()))


def _cell(value: Any) -> Any:
    """A cell as the importer wants it: cleaned text, or the number/date Excel stored; None if empty."""
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, float) and value != value:
        return None
    return value


# ---------------------------------------------------------------------------------------------
# Values: each parser returns the record's value or raises _Unusable(why, fix).


class _Unusable(Exception):
    def __init__(self, why: Said, fix: Said | str = "") -> None:
        super().__init__(str(why))
        self.why, self.fix = why, fix


def _text(value: Any) -> str | None:
    """Text of a cell; numbers keep the digits Excel shows (a decision typed as 1693 is "1693")."""
    value = _cell(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    return clean_text(str(value)) or None


# First matching rule wins: "Tổ hợp tác" before "hợp tác xã", enterprises before households
# (a company name may contain "cơ sở").
_TYPE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cooperative_group", ("to hop tac", "tht")),
    ("cooperative", ("hop tac xa", "htx", "lien hiep hop tac xa")),
    ("enterprise", ("cong ty", "cty", "doanh nghiep", "dntn", "tnhh", "co phan", "ctcp", "dn")),
    ("household", ("ho kinh doanh", "hkd", "ho san xuat", "ho gia dinh", "co so san xuat", "co so", "ho")),
    ("other", ("khac", "hoi", "lang nghe", "ban quan ly")),
)
# In a producer's *name* these words may appear anywhere ("Chi nhánh Công ty TNHH…"); the others
# only at the start ("Hộ …" is a household, "… Hồ …" is somebody's name).
_NAME_ANYWHERE = ("to hop tac", "hop tac xa", "htx", "cong ty", "tnhh", "co phan", "ctcp", "dntn", "doanh nghiep")


def _has_words(folded: str, words: str, *, at_start: bool = False) -> bool:
    return re.search(("^" if at_start else r"(^| )") + re.escape(words) + "( |$)", folded) is not None


def producer_type(value: Any) -> tuple[str, bool]:
    """(type, recognised) for a "Loại hình" cell; unrecognised text is ``other``."""
    text = _text(value) or ""
    folded = fold(text)
    if text in PRODUCER_TYPES:
        return text, True
    if any(fold(label) == folded for label in PRODUCER_TYPES.values()):
        return next(k for k, label in PRODUCER_TYPES.items() if fold(label) == folded), True
    for key, words in _TYPE_RULES:
        if any(_has_words(folded, w) for w in words):
            return key, True
    return "other", False


def producer_type_from_name(name: str) -> str | None:
    """The type a producer's name states ("HTX …", "Công ty TNHH …", "Hộ kinh doanh …"), or None."""
    folded = fold(name)
    for key, words in _TYPE_RULES:
        if any(_has_words(folded, w, at_start=w not in _NAME_ANYWHERE) for w in words):
            return key
    return None


_STAR_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5}
_STARS_DIGIT = re.compile(r"^(?:ocop )?(?:hang |dat )?(\d+)(?: 0+)?(?: sao| stars?)?$")
_STARS_WORD = re.compile(r"^(?:ocop )?(?:hang |dat )?(mot|hai|ba|bon|tu|nam) sao$")


def parse_stars(value: Any) -> int:
    """3, 4 or 5 from "4 sao", "4*", "4★", "★★★★", 4, "4.0", "Bốn sao"."""
    raw = _cell(value)
    stars: int | None = None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        stars = int(raw) if float(raw).is_integer() else None
    elif isinstance(raw, str):
        raw = re.sub(r"\([^)]*\)", " ", raw).strip()  # "4 sao (tiềm năng 5 sao)": the note is not the grade
        marks = raw.replace(" ", "")
        if marks and set(marks) <= set("★*"):
            stars = len(marks)
        elif m := _STARS_DIGIT.match(fold(raw)):
            stars = int(m.group(1))
        elif m := _STARS_WORD.match(fold(raw)):
            stars = _STAR_WORDS[m.group(1)]
    if stars is None:
        raise _Unusable(said("import.stars"), said("import.stars.fix"))
    if stars not in (3, 4, 5):
        raise _Unusable(said("import.stars_below", stars=stars), said("import.stars_below.fix"))
    return stars


_GROUP_SHORT: dict[str, str] = {
    "thuc pham": "food", "do uong": "beverages", "duoc lieu": "herbal", "san pham tu duoc lieu": "herbal",
    "thu cong my nghe": "handicrafts", "hang thu cong my nghe": "handicrafts", "thu cong": "handicrafts",
    "my nghe": "handicrafts", "sinh vat canh": "ornamental", "du lich": "tourism", "dich vu du lich": "tourism",
    "dich vu": "tourism",
}
_GROUP_KEYS: dict[str, str] = {**{fold(v): k for k, v in GROUPS.items()}, **{k: k for k in GROUPS}, **_GROUP_SHORT}


def parse_group(value: Any) -> str:
    """The group key from its Vietnamese name (full or short), with or without "Nhóm", or the key."""
    folded = fold(_text(value) or "")
    # "Nhóm 1: Thực phẩm", "1. Thực phẩm", "Nhóm thực phẩm": the numbering differs between decisions,
    # so only the words count.
    folded = re.sub(r"^(nhom )?(\d+ )?", "", folded)
    if folded in _GROUP_KEYS:
        return _GROUP_KEYS[folded]
    for name, key in sorted(_GROUP_KEYS.items(), key=lambda x: -len(x[0])):
        if folded.startswith(name + " "):
            return key
    names = "; ".join(f"{v} ({k})" for k, v in GROUPS.items())
    raise _Unusable(said("import.group"), said("import.group.fix", names=names))


_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_WORDS_DATE = re.compile(r"^(\d{1,2}) thang (\d{1,2}) nam (\d{4})$")
_DAY_WORD = re.compile(r"^ng[aàạ]y\s+", re.IGNORECASE)
EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0, compensating its 1900 leap-year bug


def parse_date(value: Any) -> date:
    """A date from an Excel date, a serial day number, "dd/mm/yyyy", "d/m/yyyy", "yyyy-mm-dd" or
    "ngày 15 tháng 6 năm 2024"; day first, as Vietnamese documents write it."""
    raw = _cell(value)
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    parts: tuple[int, int, int] | None = None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 32874 <= raw <= 73050:
        return EXCEL_EPOCH + timedelta(days=int(raw))  # a date cell that lost its date format
    if isinstance(raw, str):
        text = _DAY_WORD.sub("", raw.strip())
        if m := _DMY.match(text):
            parts = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
        elif m := _YMD.match(text):
            parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
        elif m := _WORDS_DATE.match(fold(text)):
            parts = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    fix = said("import.date.fix")
    if parts is None:
        raise _Unusable(said("import.date"), fix)
    try:
        return date(*parts)
    except ValueError:
        raise _Unusable(said("import.no_such_day"), fix) from None


def parse_score(value: Any) -> float:
    raw = _cell(value)
    number: float | None = None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        number = float(raw)
    elif isinstance(raw, str):
        text = re.sub(r"\s*(điểm|đ)\.?$", "", raw.strip(), flags=re.IGNORECASE)
        if re.fullmatch(r"\d+([.,]\d+)?", text):
            number = float(text.replace(",", "."))  # Vietnamese decimals use a comma: 78,5
    if number is None:
        raise _Unusable(said("import.score"), said("import.score.fix"))
    if not 0 <= number <= 100:
        raise _Unusable(said("import.score_range"), said("import.score_range.fix"))
    # Excel formulas leave binary noise (78.49999999999999); six decimals keep every real digit.
    return round(number, 6)


_LEVEL_WORDS: dict[str, str] = {
    "huyen": "district", "quan": "district", "thi xa": "district", "tinh": "province",
    "trung uong": "national", "tw": "national", "quoc gia": "national", "bo": "national",
    "district": "district", "province": "province", "national": "national",
}


def parse_level(value: Any) -> str:
    folded = re.sub(r"^(cap |ubnd |uy ban nhan dan )+", "", fold(_text(value) or ""))
    if folded in _LEVEL_WORDS:
        return _LEVEL_WORDS[folded]
    for words, key in _LEVEL_WORDS.items():
        if folded.startswith(words + " "):
            return key
    raise _Unusable(said("import.level"), said("import.level.fix"))


# "1693/QĐ-UBND ngày 15/6/2024" or "1693/QĐ-UBND, 15/06/2024" in one "Số, ngày quyết định" cell.
_DECISION_WITH_DATE = (re.compile(r"^(?P<decision>.+?)[\s,;]+ng[aàạ]y\s+(?P<date>.+)$", re.IGNORECASE),
                       re.compile(r"^(?P<decision>.+?)[\s,;]+(?P<date>\d{1,2}/\d{1,2}/\d{4})$"))


def split_decision(text: str) -> tuple[str, date | None]:
    """A decision cell's number, and the date written after it if any."""
    for pattern in _DECISION_WITH_DATE:
        m = pattern.match(text)
        if m:
            try:
                return m.group("decision").strip(" ,;"), parse_date(m.group("date"))
            except _Unusable:
                continue
    return text, None


def parse_phone(value: Any) -> tuple[str | None, bool]:
    """(phone, leading zero restored). Excel stores 0912345678 typed as a number as 912345678."""
    raw = _cell(value)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer():
        digits = str(int(raw))
        if len(digits) in (9, 10) and not digits.startswith("0"):
            return "0" + digits, True
        return digits, False
    return _text(raw), False
