"""Spreadsheet files the project writes: cells that never become formulas, files that appear whole.

Excel and LibreOffice evaluate a cell that starts with = + - @ (or a tab/CR before one), so a record
named '=HYPERLINK(…)' would turn the department's own spreadsheet against it (CSV injection).
CSV cells get a leading apostrophe, the usual neutraliser; the importer removes it again. In .xlsx
files such text is written as text (openpyxl would otherwise store '=…' as a formula).

A file is written beside its target under a temporary name and renamed over it when complete, so
that a full disk or a killed process never leaves half a spreadsheet (or an empty one) behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class WriteError(Exception):
    """A file or folder that cannot be written, in a sentence that says which and why."""


def csv_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape(text: str) -> str:
    """Undo ``csv_safe`` on a cell read back from a spreadsheet."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def text_not_formulas(sheet: Any) -> None:
    """Every cell of an openpyxl sheet that openpyxl took for a formula (text starting with '=') stays text."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def check_writable(folder: Path) -> None:
    """Refuse before the work starts when nothing can be created in ``folder`` (read-only, missing,
    not ours). A real file is tried, because permissions alone do not tell (root, read-only disks)."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as e:
        raise WriteError(f"{folder}: nothing can be written in this folder ({e.strerror or e}). Check that it "
                         "exists, that you may write there and that the disk is not read-only, then run the command "
                         "again.") from None


def write_whole(path: Path, write: Callable[[Path], None]) -> None:
    """``write(temporary_path)`` beside ``path``, then the result renamed to ``path``; on any failure the
    temporary file is removed and ``path`` is left as it was."""
    temporary: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
        temporary = Path(name)
        write(temporary)
        os.replace(temporary, path)
    except OSError as e:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise WriteError(f"{path}: could not be written ({e.strerror or e}); it was left as it was. Free some disk "
                         "space or choose another folder, then run the command again.") from None
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise
