"""How much of a spreadsheet an import is willing to read, and the checks made before reading it.

A spreadsheet comes from outside (an office's list, an e-mail attachment), and a few kilobytes can
declare a million rows, unpack to gigabytes, or nest XML without end. Every limit here is far above
a real provincial list (a few thousand rows, a few MB) and keeps one import under about 1 GB of
memory (tests/test_spreadsheet_hostile.py runs the hostile files under that cap). Each refusal says
where (file, part, sheet, cell or row), what the limit is and what to do.

The .xlsx checks run on the zip directory and on each XML part *before* openpyxl parses anything:
openpyxl keeps some elements it has finished with (the cleared rows of a sheet while it looks for
the sheet's size, the cleared strings of the string table) and builds whole trees of the small
parts (styles, workbook), so the number of elements it will meet is bounded here first.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

MB = 1024 * 1024

MAX_FILE_BYTES = 20 * MB  # on disk: a list of 20,000 products is about 3 MB as .xlsx, 10 MB as .csv
MAX_UNPACKED_BYTES = 50 * MB  # all parts of an .xlsx together, as its zip directory declares them
MAX_RATIO = 100  # unpacked / packed for a part over 1 MB: real sheets pack 5 to 30 times, bombs 1,000 times
RATIO_FROM_BYTES = 1 * MB  # small parts (styles, an empty sheet) may pack better than that, harmlessly
MAX_PARTS = 10_000  # files inside the .xlsx zip

MAX_XML_DEPTH = 32  # a sheet nests 5 deep (worksheet › sheetData › row › c › v), drawings about 12
MAX_XML_ELEMENTS = 4_000_000  # in a sheet or the string table (read as a stream)
MAX_SMALL_XML_ELEMENTS = 200_000  # in every other part (openpyxl reads those whole)
MAX_XML_CHILDREN = 1_000_000  # under one element: rows of a sheet, strings of the string table
MAX_XML_RECORD = 200_000  # inside one row, one string, one formatting block

MAX_ROWS = 50_000  # spreadsheet rows with a value (titles, sections and blanks included)
MAX_COLUMNS = 100  # A to CV
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_FILLED_CELLS = 600_000  # 20,000 products of 25 columns and then some
MAX_TEXT_CHARS = 20_000_000  # all text cells together (one long shared text repeated in every cell)
MAX_MERGED_RANGES = 10_000
MAX_MERGED_CELLS = 1_000_000  # all merged ranges together


class SpreadsheetError(Exception):
    """The file as a whole cannot be used (unreadable, no header row, a required column missing, too big)."""


def _n(number: int) -> str:
    return f"{number:,}"


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"


def check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SpreadsheetError(
            f"{path.name}: the file is {_mb(size)}; an import reads files up to {_mb(MAX_FILE_BYTES)}. "
            "Save the product table alone in a new file (no other sheets, no pictures), or split it in several.")


def check_zip_directory(archive: zipfile.ZipFile, name: str) -> None:
    """Sizes as the zip directory declares them. zipfile never unpacks more than a part's declared
    size (it stops there and checks the CRC), so these numbers bound what reading can cost."""
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise SpreadsheetError(f"{name}: the workbook holds {_n(len(parts))} files inside; an Excel workbook holds "
                               f"a few dozen (at most {_n(MAX_PARTS)} are read). {RESAVE}")
    total = 0
    for part in parts:
        total += part.file_size
        packed = max(part.compress_size, 1)
        if part.file_size > RATIO_FROM_BYTES and part.file_size / packed > MAX_RATIO:
            raise SpreadsheetError(
                f"{name}: {part.filename} inside the workbook unpacks to {_mb(part.file_size)} from {_mb(packed)} "
                f"({_n(part.file_size // packed)} times its packed size; real sheets pack at most about "
                f"{MAX_RATIO} times). No spreadsheet program makes such a file; nothing in it was read. Ask the sender for "
                "the original list.")
    if total > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(
            f"{name}: the workbook unpacks to {_mb(total)}; an import reads workbooks that unpack to at most "
            f"{_mb(MAX_UNPACKED_BYTES)}. {RESAVE}")


RESAVE = ("Copy the product table into a new workbook in Excel or LibreOffice (values only), save it as .xlsx "
          "and import that.")
DAMAGED = "Open it in Excel or LibreOffice, save it as a new .xlsx file and import that."


def scan_xml(source: IO[bytes], where: str, *, streamed: bool) -> None:
    """Read one XML part with constant memory and refuse what openpyxl should never meet: a DTD or
    entity (external entities are never resolved, defusedxml refuses them), broken XML, deep
    nesting, too many elements. ``where`` names the file and part; ``streamed`` parts (sheets, the
    string table) may be large, the others are read whole by openpyxl and must stay small."""
    limit = MAX_XML_ELEMENTS if streamed else MAX_SMALL_XML_ELEMENTS
    stack: list = []
    children: list[int] = []
    count = record_from = 0
    try:
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "end":
                stack.pop()
                children.pop()
                element.clear()
                if stack:
                    stack[-1].remove(element)  # detached: the scan keeps one branch of the tree, never more
                continue
            count += 1
            depth = len(stack)
            if count > limit:
                raise SpreadsheetError(f"{where} has more than {_n(limit)} XML elements. {RESAVE}")
            if depth >= MAX_XML_DEPTH:
                raise SpreadsheetError(f"{where} nests XML more than {MAX_XML_DEPTH} levels deep. {DAMAGED}")
            if children:
                children[-1] += 1
                if children[-1] > MAX_XML_CHILDREN:
                    raise SpreadsheetError(f"{where}: one XML element has more than {_n(MAX_XML_CHILDREN)} "
                                           f"elements inside. {RESAVE}")
            # A record: a child of the root (a shared string, a style list), or a row of the sheet's data.
            if depth == 1 or (depth == 2 and stack[1].tag.endswith("}sheetData")):
                record_from = count
            elif depth > 1 and count - record_from > MAX_XML_RECORD:
                raise SpreadsheetError(f"{where}: one row or entry holds more than {_n(MAX_XML_RECORD)} XML "
                                       f"elements. {RESAVE}")
            stack.append(element)
            children.append(0)
    except DefusedXmlException as e:
        raise SpreadsheetError(f"{where} declares XML entities or a DTD ({type(e).__name__}), which a workbook "
                               f"saved by Excel never does; nothing in it was read. {DAMAGED}") from None
    except ParseError as e:
        raise SpreadsheetError(f"{where} is not well-formed XML ({_parse_error(e)}). {DAMAGED}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise SpreadsheetError(f"{where} cannot be unpacked ({e}). {DAMAGED}") from None


def _parse_error(error: ParseError) -> str:
    """expat's words with the line and column it gives ("undefined entity: line 2, column 14")."""
    return str(error).replace("no element found", "the text ends before the XML is complete")
