"""Text written into spreadsheet files (open-data CSV, exports) must never become a formula.

Excel and LibreOffice evaluate a cell that starts with = + - @ (or a tab/CR before one), so a record
named '=HYPERLINK(…)' would turn the department's own spreadsheet against it (CSV injection).
CSV cells get a leading apostrophe, the usual neutraliser; the importer removes it again.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape(text: str) -> str:
    """Undo ``csv_safe`` on a cell read back from a spreadsheet."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
