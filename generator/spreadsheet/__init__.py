"""`ocop import` / `ocop export`: the provinces' OCOP lists as spreadsheets, in and out of the catalogue.

``import_table`` maps Vietnamese headings and values (folded: no case, tone marks or đ) onto the
record fields, assigns ids like ``ocop new``, never overwrites or duplicates a record, checks every
record with the validator's own rules *before* writing it, and reports each row it could not use
with the column, the value, why, and how to fix it. ``export_table`` writes the reverse table, with
headings that ``import_table`` reads back, so a round trip changes nothing.

The modules, lowest first (each imports only those above it):

- ``values``: folding, and parsing one cell (stars, groups, dates, scores, levels, phones, producer types);
- ``headings``: which record field a heading names;
- ``limits``: how much of a file an import reads (size, unpacked size, XML, rows, columns, cells), checked first;
- ``xlsx``: a workbook as rows of values, streamed within those limits (openpyxl read-only, defusedxml);
- ``xls``: an old Excel 97-2003 workbook (xlrd), within the same limits;
- ``read``: a workbook or CSV file → the product table (header rows, merged headings, sections);
- ``places``: district and commune names → site_config.yml;
- ``report``: what an import did, row by row;
- ``rows``: one row → one record, or its problems;
- ``records``: a record as YAML text, checked by the validator's rules before it is written;
- ``writing``: an import's records written all or none;
- ``importer``: ``import_table`` (ids, duplicates, writing the files);
- ``export``: ``export_table``.
"""

from .export import export_table
from .headings import heading_field
from .importer import import_table
from .read import SpreadsheetError, read_table
from .values import fold, parse_date, parse_group, parse_stars, producer_type, producer_type_from_name

__all__ = ["SpreadsheetError", "export_table", "fold", "heading_field", "import_table", "parse_date", "parse_group",
           "parse_stars", "producer_type", "producer_type_from_name", "read_table"]
