"""Every sentence the validator, the import and the build say to a steward, Vietnamese and English
side by side: one entry per message, ``key: (Vietnamese, English)``, with ``str.format`` placeholders.

Stewards are provincial and district officials: Vietnamese is the default, English is asked for
(`ocop --lang en`, OCOP_LANG=en). Keys start with the code they belong to (``E300.band``); words
used by several messages (``word.*``), import reports (``import.*``) and build failures
(``build.*``) have their own prefixes. A test fails when an entry lacks a language or when the two
carry different placeholders. Field names, codes and values stay as typed in both languages.

A counted word is written ``singular|plural`` in English and chosen by its ``{n}`` (``count``).
The words of the `ocop` command itself (help texts, prompts) are in ``cliwords.py``; the words of
the site's pages in ``site/strings.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGES = ("vi", "en")


def index(lang: str) -> int:
    """Position of ``lang`` in an entry (Vietnamese for anything unknown)."""
    return 1 if lang == "en" else 0


@dataclass(frozen=True)
class Said:
    """A sentence of the table: its key and its values, printed in whichever language is asked.

    A value may itself be a ``Said`` (a word or phrase of the table, printed in the same language).
    ``a + b`` is the two sentences one after the other."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str) -> str:
        if self.key == "=join":
            return " ".join(t for part in self.values[0][1] if (t := render_text(part, lang)))
        if self.key == "=list":
            items, word = [render_text(x, lang) for x in self.values[0][1]], self.values[1][1]
            if word is None:
                return ", ".join(items)
            if len(items) < 2:
                return "".join(items)
            return f"{', '.join(items[:-1])} {render_text(said(word), lang)} {items[-1]}"
        if self.key == "=foreign":  # a library's English words, and ours in Vietnamese
            return render_text(dict(self.values)[lang if lang in LANGUAGES else "vi"], lang)
        values = {k: render_text(v, lang) if isinstance(v, Said) else v for k, v in self.values}
        template = MESSAGES[self.key][index(lang)]
        if "|" in template and "n" in values:  # a counted word: singular|plural
            one, _, other = template.partition("|")
            template = one if values["n"] == 1 else other
        return template.format(**values)

    def __add__(self, other: "Said | str | None") -> "Said":
        if not other:
            return self
        left = self.values[0][1] if self.key == "=join" else (self,)
        right = other.values[0][1] if isinstance(other, Said) and other.key == "=join" else (other,)
        return Said("=join", (("parts", (*left, *right)),))

    def __radd__(self, other: "str | None") -> "Said":
        return Said("=join", (("parts", (other, self)),)) if other else self

    def __bool__(self) -> bool:
        return True

    def __str__(self) -> str:  # where a library prints it (pydantic's own message): the English
        return self.text("en")


def said(key: str, /, **values: Any) -> Said:
    """The sentence ``key`` of the table with its {values} (checked: an unknown key fails here)."""
    if key not in MESSAGES:
        raise KeyError(f"no message {key!r} in generator/messages.py")
    return Said(key, tuple(values.items()))


def listed(items: "list[Any] | tuple[Any, ...]", word: str | None = "word.or") -> Said:
    """``a, b or c`` (``hoặc`` in Vietnamese; ``a, b, c`` with no word); items may be sentences of
    the table."""
    return Said("=list", (("items", tuple(items)), ("word", word)))


def foreign(english: str, vietnamese: "Said | str") -> Said:
    """A library's own English words (kept exactly in English) and their Vietnamese rendering."""
    return Said("=foreign", (("en", english), ("vi", vietnamese)))


def refused(key: str, /, **values: Any) -> Any:
    """A pydantic error whose type is the message key (the validator prints it in either language;
    ``offset``, ``line`` and ``hint``, a sentence of the table, say where and what to do)."""
    from pydantic_core import PydanticCustomError

    return PydanticCustomError(key, MESSAGES[key][1], values)


def count(key: str, n: int) -> Said:
    """``n`` and a counted word of the table (``1 error``, ``2 errors``; ``2 lỗi``)."""
    return said(key, n=n)


def render_text(text: "Said | str | None", lang: str) -> str:
    """A sentence of the table in ``lang``; a plain string (a steward's value, a library's words)
    as it is."""
    if text is None:
        return ""
    return text.text(lang) if isinstance(text, Said) else str(text)


def placeholders(template: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# key: (Vietnamese, English)
MESSAGES: dict[str, tuple[str, str]] = {
    # -- the summary line and words used inside other messages
    "summary.none": ("Không có lỗi nào.", "No problems found."),
    "summary.clean": ("Đã kiểm tra {files} tệp. Không có lỗi nào.", "{files} files checked. No problems found."),
    "summary.counts": ("{errors}, {warnings} trong {files}", "{errors}, {warnings} in {files}"),
    "word.errors": ("{n} lỗi", "{n} error|{n} errors"),
    "word.warnings": ("{n} cảnh báo", "{n} warning|{n} warnings"),
    "word.files": ("{n} tệp", "{n} file|{n} files"),
    "word.or": ("hoặc", "or"),
    "word.and": ("và", "and"),
    "word.nothing": ("giá trị rỗng", "nothing"),
    "word.a_group": ("một nhóm trường", "a group of fields"),
    "word.a_list": ("một danh sách", "a list"),
    "word.this_province": ("tỉnh của danh mục này", "this catalogue's province"),

    # -- E1xx: reading the file (yamlload.py)
    "E102.tab": ("Dòng này thụt lề bằng phím Tab.", "This line is indented with a tab."),
    "E102.tab.hint": ("Thay Tab bằng dấu cách (2 dấu cách cho mỗi bậc).", "Replace the tab with spaces (2 per level)."),
    "E103.documents": ("Tệp chứa nhiều hơn một tài liệu YAML.", "The file holds more than one YAML document."),
    "E103.documents.hint": ("Mỗi tệp chỉ ghi một sản phẩm; xóa dòng '---' và phần phía sau.",
                            "Keep one product per file; remove the '---' line and what follows."),
    "E101.control": ("Tệp chứa một ký tự điều khiển (U+{code}) mà YAML không cho phép.",
                     "The file contains a control character (U+{code}), which YAML does not allow."),
    "E101.control.hint": ("Xóa ký tự đó (phần lớn trình soạn thảo không hiện nó: hãy gõ lại đoạn chữ quanh vị trí này).",
                          "Delete it (it is invisible in most editors: retype the text around this position)."),
    "E101.unreadable_yaml": ("Không đọc được tệp theo cú pháp YAML ({problem}).",
                             "The file cannot be read as YAML ({problem})."),
    "hint.compare_template": ("Hãy so với hồ sơ mẫu trong CONTRIBUTING.md.", "Compare with the template in CONTRIBUTING.md."),
    "E107.empty": ("Tệp không có trường nào.", "The file has no fields."),
    "E107.empty.hint": ("Hãy bắt đầu từ hồ sơ mẫu trong CONTRIBUTING.md (hoặc chạy `ocop new`).",
                        "Start from the template in CONTRIBUTING.md (or run `ocop new`)."),
    "E106.not_fields": ("Tệp phải là các dòng dạng 'trường: giá trị'.", "The file must be a set of 'field: value' lines."),
    "E106.not_fields.hint": ("Xem hồ sơ mẫu trong CONTRIBUTING.md.", "See the template in CONTRIBUTING.md."),
    "E105.anchor": ("Hồ sơ không được dùng neo YAML ('&{name}').", "YAML anchors ('&{name}') are not allowed in records."),
    "E105.anchor.hint": ("Giá trị bắt đầu bằng '&' phải đặt trong dấu ngoặc kép; nếu không, hãy ghi đầy đủ giá trị.",
                         "A value starting with '&' must be in quotes; otherwise write the value out in full."),
    "E108.size": ("Tệp nặng {size} byte; một hồ sơ chỉ khoảng vài kilobyte.",
                  "The file is {size} bytes; a record should be a few kilobytes."),
    "E108.size.hint": ("Có đúng tệp không? Chỉ trường `description` mới chứa đoạn văn dài.",
                       "Is this the right file? Long texts belong in `description` only."),
    "E101.unreadable": ("Không đọc được tệp ({reason}).", "The file cannot be read ({reason})."),
    "E100.utf16": ("Tệp được lưu theo mã UTF-16 (\"Unicode\" của Notepad), không phải UTF-8.",
                   "The file is saved as UTF-16 (Notepad's \"Unicode\"), not UTF-8."),
    "E100.save_utf8": ("Hãy lưu tệp theo mã UTF-8 trong trình soạn thảo (VS Code: 'Reopen with encoding', rồi "
                       "'Save with encoding').",
                       "Save the file as UTF-8 in your editor (VS Code: 'Reopen with encoding', then 'Save with "
                       "encoding')."),
    "E100.byte": ("Byte 0x{byte} không hợp lệ trong UTF-8 (có thể tệp được lưu theo mã Windows-1258 hoặc Latin-1).",
                  "Byte 0x{byte} is not valid UTF-8 (the file may be saved as Windows-1258 or Latin-1)."),
    "E100.binary": ("Tệp chứa dữ liệu nhị phân (byte NUL), không phải văn bản.",
                    "The file contains binary data (a NUL byte), not text."),
    "E100.binary.hint": ("Hồ sơ là tệp văn bản YAML thuần, mã UTF-8.", "Records are plain UTF-8 YAML text files."),
    "E101.syntax": ("Lỗi cú pháp YAML: {problem}.", "YAML syntax: {problem}."),
    "E101.quote_open": ("Lỗi cú pháp YAML: dấu ngoặc kép mở ở đây không được đóng trên cùng dòng.",
                        "YAML syntax: the quote opened here is not closed on this line."),
    "E108.deep": ("Các giá trị lồng nhau quá nhiều tầng.", "The values are nested too deeply."),
    "E108.deep.hint": ("Một hồ sơ chỉ có vài tầng lồng nhau.", "A record is at most a few levels deep."),
    "E105.alias": ("Hồ sơ không được dùng bí danh YAML ('*tên').", "YAML aliases ('*name') are not allowed in records."),
    "hint.write_out": ("Hãy ghi đầy đủ giá trị.", "Write the value out in full."),
    "E105.tag": ("Hồ sơ không được dùng thẻ YAML ('{tag}').", "YAML tags ('{tag}') are not allowed in records."),
    "E105.tag.hint": ("Bỏ thẻ bắt đầu bằng '!' và ghi giá trị bình thường.", "Remove the '!' tag and write the plain value."),
    "E105.key": ("Tên trường phải là chữ bình thường (không dùng khóa gộp '<<' hay khóa phức hợp).",
                 "Field names must be plain words (no '<<' merges or complex keys)."),
    "E105.key.hint": ("Hãy ghi đầy đủ từng trường.", "Write each field out in full."),
    "E104.twice": ("'{key}' được ghi hai lần (lần đầu ở dòng {line}).", "'{key}' is written twice (first on line {line})."),
    "E104.twice.hint": ("Chỉ giữ một dòng; YAML sẽ lặng lẽ chỉ dùng dòng cuối.",
                        "Keep one of them; YAML would silently use only the last."),
    "E205.digits": ("Con số này có {digits} chữ số; không giá trị nào trong tệp cần quá {most}.",
                    "This number has {digits} digits; no value in this file needs more than {most}."),
    "E205.digits.hint": ("Hãy kiểm tra lại giá trị; nếu đó là một mã chứ không phải con số, hãy đặt trong dấu ngoặc kép.",
                         "Check the value; if it is a code rather than a number, put it in quotes."),
    # PyYAML's problems, in words (matched on the start of its text), and what to do
    "yaml.mapping_values": ("có dấu ':' ở chỗ không được có", "mapping values are not allowed here"),
    "yaml.expected_colon": ("không tìm thấy dấu ':' cần có", "could not find expected ':'"),
    "yaml.expected_key": ("không tìm thấy tên trường cần có", "did not find expected key"),
    "yaml.tab": ("gặp ký tự Tab", "found character '\\t' that cannot start any token"),
    "yaml.end": ("tệp kết thúc khi chưa đóng dấu ngoặc", "found unexpected end of stream"),
    "yaml.alias": ("bí danh không xác định", "found undefined alias"),
    "yaml.block_end": ("gặp dấu '-' ở chỗ không được có", "expected <block end>, but found '-'"),
    "yaml.dash": ("không tìm thấy dấu '-' cần có", "did not find expected '-' indicator"),
    "yaml.start_char": ("gặp một ký tự không thể đứng đầu giá trị", "found character that cannot start any token"),
    "yaml.escape": ("gặp một chuỗi thoát (\\) không hợp lệ", "found unknown escape character"),
    "yaml.hint.colon": ("Có dấu ':' bên trong giá trị: hãy đặt cả giá trị trong dấu ngoặc kép (hoặc kiểm tra thụt lề "
                        "của dòng này).",
                        "A ':' inside a value: put the whole value in quotes (or check this line's indentation)."),
    "yaml.hint.field_value": ("Mỗi dòng cần có dạng 'trường: giá trị'; hãy kiểm tra cả dòng phía trên.",
                              "Each line needs 'field: value'; check the line above too."),
    "yaml.hint.indent": ("Kiểm tra thụt lề: các trường cùng một khối phải thẳng hàng với nhau.",
                         "Check the indentation: fields of one block line up exactly."),
    "yaml.hint.tab": ("Thụt lề bằng dấu cách, không dùng Tab.", "Use spaces, not tabs, for indentation."),
    "yaml.hint.unclosed": ("Một dấu ngoặc kép hoặc ngoặc vuông đã mở mà không được đóng.",
                           "A quote or bracket was opened and never closed."),
    "yaml.hint.quote": ("Một dấu ngoặc kép đã mở mà không được đóng.", "A quote was opened and never closed."),
    "yaml.hint.alias": ("Dấu '*' mở đầu một bí danh YAML: hãy đặt giá trị trong dấu ngoặc kép.",
                        "A '*' starts a YAML alias: put the value in quotes."),
    "yaml.hint.list_item": ("Một mục của danh sách thụt lề khác với các mục còn lại.",
                            "A list item is indented differently from the others."),
    "yaml.hint.at": ("Giá trị bắt đầu bằng '@' hoặc '`' phải đặt trong dấu ngoặc kép.",
                     "Values starting with '@' or '`' need quotes."),
    "yaml.hint.backslash": ("Trong dấu ngoặc kép, dấu '\\' mở đầu một chuỗi thoát; hãy dùng dấu nháy đơn.",
                            "Inside double quotes a backslash starts an escape; use single quotes."),
    "yaml.hint.indented_more": ("Dòng này thụt lề sâu hơn trường phía trên: các trường cùng một khối phải thẳng hàng.",
                                "This line is indented more than the field above it: fields of one block line up "
                                "exactly."),

    # -- E2xx: fields and values (schemaerrors.py: pydantic's errors in words; schema.py's own)
    "E200.missing": ("Ở đây phải có `{name}`.", "`{name}` is required here."),
    "E200.missing.example": ("Hãy thêm, ví dụ: {name}: {example}", "Add for example: {name}: {example}"),
    "E200.missing.described": ("Hãy thêm `{name}:` ({description})", "Add `{name}:` ({description})"),
    "E201.unknown": ("`{name}` không phải là một trường của hồ sơ này.", "`{name}` is not a field of this record."),
    "E201.did_you_mean": ("Có phải ý anh chị là `{guess}`?", "Did you mean `{guess}`?"),
    "E201.allowed": ("Các trường được dùng ở đây: {allowed}.", "Allowed here: {allowed}."),
    "E203.not_allowed": ("{value} không phải là một giá trị được phép.", "{value} is not one of the allowed values."),
    "E203.did_you_mean": ("Có phải là {guess}?", "Did you mean {guess}?"),
    "E203.use_one_of": ("Hãy dùng một trong các giá trị: {allowed}.", "Use one of: {allowed}."),
    "E202.expected": ("Ở đây cần {kind}, nhưng lại là {value}.", "Expected {kind}, found {value}."),
    "kind.text": ("chữ (văn bản)", "text"),
    "kind.whole_number": ("một số nguyên", "a whole number"),
    "kind.number": ("một con số", "a number"),
    "kind.bool": ("true hoặc false", "true or false"),
    "kind.list": ("một danh sách (các dòng bắt đầu bằng '- ')", "a list (lines starting with '- ')"),
    "kind.group": ("một nhóm các dòng 'trường: giá trị'", "a group of 'field: value' lines"),
    "E202.yaml11_bool": ("Hãy ghi true hoặc false (YAML 1.2 đọc yes/no/on/off là chữ).",
                         "Write true or false (YAML 1.2 reads yes/no/on/off as text)."),
    "E202.became_group": ("Dấu ':' hoặc '- ' bên trong giá trị đã biến nó thành một nhóm; hãy đặt cả giá trị trong "
                          "dấu ngoặc kép.",
                          "A ':' or '- ' inside the value made it a group; put the whole value in quotes."),
    "E202.percent": ("Chỉ ghi con số, không kèm dấu %: {number}", "Write just the number, without the % sign: {number}"),
    "E202.decimal_comma": ("Phần thập phân ghi bằng dấu chấm, không dùng dấu phẩy: {number}",
                           "Write decimals with a point, not a comma: {number}"),
    "E202.unquote": ("Hãy ghi con số không có dấu ngoặc kép.", "Write the number without quotes."),
    "E202.no_certifications": ("Với sản phẩm chưa được xếp hạng, hãy ghi: certifications: []",
                               "For a product that is not yet rated write: certifications: []"),
    "E202.empty_list": ("Ghi {name}: [] nếu danh sách rỗng, hoặc xóa dòng này.",
                        "Write {name}: [] for an empty list, or remove the line."),
    "hint.example": ("Ví dụ: {name}: {example}", "Example: {name}: {example}"),
    "E204.pattern": ("{value} không đúng dạng quy định.", "{value} is not in the expected format."),
    "E204.pattern_is": ("{value} không đúng dạng quy định: {format}.", "{value} is not in the expected format: {format}."),
    "E205.too_long": ("Nội dung này dài {n} ký tự; chỉ được tối đa {most} ký tự.",
                      "This is {n} characters long; at most {most} are allowed."),
    "E205.too_long.hint": ("Hãy viết gọn lại; phần giới thiệu dài ghi ở `description`.",
                           "Shorten it; longer text belongs in `description`."),
    "E205.empty": ("Không được để trống.", "This must not be empty."),
    "E205.range": ("{value} nằm ngoài khoảng cho phép: phải {bound}.", "{value} is out of range: it must be {bound}."),
    "bound.ge": ("từ {n} trở lên", "at least {n}"),
    "bound.le": ("không quá {n}", "at most {n}"),
    "bound.gt": ("lớn hơn {n}", "more than {n}"),
    "bound.lt": ("nhỏ hơn {n}", "less than {n}"),
    "E202.other": ("Giá trị này không được chấp nhận ({reason}).", "This value is not accepted ({reason})."),
    "W110.yaml11": ("{raw} không đặt trong dấu ngoặc kép được đọc là chữ ở đây, nhưng các công cụ YAML 1.1 đọc "
                    "thành true/false.",
                    "Unquoted {raw} is read as text here, but as true/false by YAML 1.1 tools."),
    "hint.quote_it": ("Hãy đặt trong dấu ngoặc kép: \"{raw}\".", "Write it in quotes: \"{raw}\"."),
    "W111.zero": ("{raw} không đặt trong dấu ngoặc kép được giữ nguyên như đã gõ ở đây, nhưng các công cụ YAML khác "
                  "đọc thành một con số và làm mất số 0 ở đầu.",
                  "Unquoted {raw} is kept as typed here, but other YAML tools read it as a number and lose the "
                  "leading zero."),
    "W111.number": ("{raw} không đặt trong dấu ngoặc kép được giữ nguyên như đã gõ ở đây, nhưng các công cụ YAML "
                    "khác đọc thành một con số và có thể làm thay đổi nó.",
                    "Unquoted {raw} is kept as typed here, but other YAML tools read it as a number and may change "
                    "it."),
    "E209.hidden": ("Văn bản chứa {kind}: {name}.", "The text contains {kind} character, {name}."),
    "kind.directional": ("một ký tự đổi chiều chữ", "a direction-changing"),
    "kind.invisible": ("một ký tự ẩn", "an invisible"),
    "E209.hint": ("Hãy xóa ký tự đó (gõ lại đoạn chữ xung quanh nếu trình soạn thảo không hiện ra).",
                  "Delete it (retype the text around it if your editor does not show it)."),
    "E204.date_invalid": ("'{value}' không phải là một ngày có thật.", "'{value}' is not a real calendar date."),
    "E205.date_range": ("{value} nằm ngoài khoảng ngày một hồ sơ có thể ghi ({first} đến {last}): hãy kiểm tra lại "
                        "năm.",
                        "{value} is outside the dates a record can hold ({first} to {last}): check the year."),
    "E204.date_format": ("Ngày phải viết theo dạng YYYY-MM-DD, ví dụ 2024-06-15.",
                         "A date is written YYYY-MM-DD, e.g. 2024-06-15."),
    "E204.date_typed": ("Anh chị viết {value}; ngày phải viết theo dạng YYYY-MM-DD (năm-tháng-ngày), ví dụ "
                        "2024-06-15.",
                        "You wrote {value}; a date is written YYYY-MM-DD (year-month-day), e.g. 2024-06-15."),
    "E204.date_converted": ("Anh chị viết {value}; hãy viết {iso} (ngày viết theo dạng năm-tháng-ngày, YYYY-MM-DD).",
                            "You wrote {value}; write {iso} (dates are written year-month-day, YYYY-MM-DD)."),
    "E206.https": ("Liên kết phải bắt đầu bằng https:// và không có dấu cách; '{value}' không đúng như vậy.",
                   "Links must start with https:// and contain no spaces; '{value}' does not."),
    "E204.gtin": ("Mã GTIN gồm 8, 12, 13 hoặc 14 chữ số (dãy số dưới mã vạch).",
                  "A GTIN is 8, 12, 13 or 14 digits (the number under the barcode)."),
    "E208.gtin_check": ("Chữ số cuối của mã GTIN {value} phải là {expected}: mã đã bị gõ nhầm.",
                        "The last digit of GTIN {value} should be {expected}: the number is mistyped."),
    "E304.stars": ("Chỉ hạng 3, 4 hoặc 5 sao mới được cấp giấy chứng nhận OCOP; ở đây ghi {value}.",
                   "Only 3, 4 or 5 stars receive an OCOP certificate; this says {value}."),
    # descriptions in Markdown (markdown.py)
    "E207.html": ("Phần mô tả không được chứa mã HTML{where}: '{snippet}'. Hãy dùng Markdown: **đậm**, *nghiêng*, "
                  "- danh sách, [chữ](https://…).",
                  "Raw HTML is not allowed in descriptions{where}: '{snippet}'. Use Markdown: **bold**, *italic*, "
                  "- lists, [text](https://…)."),
    "E207.image": ("Không được chèn ảnh vào phần mô tả{where}. Hãy liệt kê ảnh ở mục `images`, kèm mô tả ảnh (alt).",
                   "Images cannot be embedded in the description{where}. List photos under `images` with alt text "
                   "instead."),
    "E206.link": ("Liên kết phải bắt đầu bằng https://{where}; liên kết này là '{href}'.",
                  "Links must start with https://{where}; this one is '{href}'."),
    "markdown.line": (" (dòng {n} của đoạn văn)", " (line {n} of the text)"),
    # site_config.yml's own values (config.py, plaintext.py)
    "E204.address": ("{what} không dùng được: {problem}.", "The {what} is not usable: {problem}."),
    "address.site": ("Địa chỉ trang web", "site address"),
    "address.repository": ("Địa chỉ kho mã nguồn", "repository address"),
    "address.form": ("Địa chỉ biểu mẫu", "form address"),
    "address.zalo": ("Địa chỉ Zalo", "Zalo address"),
    "address.quote": ("có {char}, mà không địa chỉ web nào có", "it contains {char}, which no web address has"),
    "char.double_quote": ("dấu ngoặc kép", "a double quote"),
    "char.single_quote": ("dấu nháy đơn", "a single quote"),
    "char.backslash": ("dấu gạch chéo ngược", "a backslash"),
    "char.backquote": ("dấu huyền (`)", "a backquote"),
    "address.space": ("có dấu cách hoặc một ký tự ẩn (U+{code})", "it contains a space or an invisible character (U+{code})"),
    "address.https": ("phải bắt đầu bằng https://", "it must start with https://"),
    "address.query": ("không được chứa ? hoặc #", "it must not contain ? or #"),
    "address.user": ("không được chứa tên người dùng (phần trước dấu @)",
                     "it must not contain a user name (the part before @)"),
    "address.host": ("tên máy chủ phải là một tên miền như ocop.sonla.gov.vn (chữ a-z, chữ số, dấu gạch nối và dấu "
                     "chấm; tên miền tiếng Việt ghi theo dạng xn--)",
                     "its host must be a domain name such as ocop.sonla.gov.vn (letters a-z, digits, hyphens and dots; "
                     "a Vietnamese domain in its xn-- form)"),
    "address.port": ("cổng (sau dấu ':') phải là một con số", "its port (after ':') must be a number"),
    "address.path": ("đường dẫn chỉ được gồm chữ a-z, chữ số và - . _ ~ % /",
                     "its path may only contain letters a-z, digits and - . _ ~ % /"),
    "address.write_like": ("Hãy ghi như {example}.", "Write it like {example}."),
    "address.example.site": ("https://ocop.sonla.gov.vn (có thể kèm đường dẫn: https://sonla.gov.vn/ocop)",
                             "https://ocop.sonla.gov.vn (optionally with a path: https://sonla.gov.vn/ocop)"),
    "address.example.form": ("https://forms.gle/AbCdEf12345 (không có phần ? hay #: danh mục tự thêm mã và trang "
                             "của sản phẩm)",
                             "https://forms.gle/AbCdEf12345 (no ? or # part: the catalogue adds the product's id and "
                             "page)"),
    "E204.zalo": ("Địa chỉ Zalo không dùng được: phải là một liên kết https://zalo.me/.",
                  "The Zalo address is not usable: it must be a https://zalo.me/ link."),
    "E204.zalo.hint": ("Hãy ghi như https://zalo.me/0212385200 (sau zalo.me/ là số điện thoại hoặc mã của tài khoản "
                       "chính thức).",
                       "Write it like https://zalo.me/0212385200 (a phone number or an official account's id after "
                       "zalo.me/)."),
    "E500.markup": ("'{tag}' trông như mã HTML; đoạn chữ này hiển thị cho người xem đúng như đã gõ, không phải định "
                    "dạng.",
                    "'{tag}' looks like HTML markup; this text is shown to visitors exactly as typed, not as "
                    "formatting."),
    "E500.markup.hint": ("Hãy ghi chữ thường, không có thẻ (Tỉnh Sơn La, không phải <b>Tỉnh Sơn La</b>); dấu & và "
                         "dấu ngoặc kép vẫn dùng được và hiện đúng như đã gõ.",
                         "Write it as plain text, without tags (Tỉnh Sơn La, not <b>Tỉnh Sơn La</b>); & and quotes "
                         "are fine and show as typed."),
    # the plan (planschema.py)
    "E501.plan_date": ("{value} nằm ngoài những năm một kế hoạch có thể có (2000–2100).",
                       "{value} is outside the years a plan can cover (2000–2100)."),
    "E501.plan_number": ("{value} không phải một số lượng dùng được: các con số của kế hoạch phải nằm trong khoảng "
                         "-1.000.000.000.000 đến 1.000.000.000.000.",
                         "{value} is not a usable amount: numbers on the plan must be between -1,000,000,000,000 and "
                         "1,000,000,000,000."),
    "E501.plan_period": ("Thời kỳ kế hoạch kết thúc trước khi bắt đầu.", "The period ends before it starts."),
    "E501.target_kind": ("Hãy ghi đúng một trong: at_least, một khoảng (min và max), hoặc percent.",
                         "Give exactly one of: at_least, a range (min and max), or percent."),
    "E501.target_range": ("Một khoảng cần có cả min và max, với min ≤ max.",
                          "A range needs both min and max, with min ≤ max."),
    "E501.plan_property": ("Một chỉ tiêu tỷ lệ cần có `property` (đếm cái gì), ví dụ cooperative.",
                           "A share needs `property` (what is counted), e.g. cooperative."),
    "E501.plan_total": ("craft_villages cần có `total`: tổng số làng nghề.",
                        "craft_villages needs `total`: how many craft villages there are."),
    "E501.plan_manual": ("Chỉ tiêu nhập tay cần có `value`, `as_of` và `source` (hoặc một danh sách `values`).",
                         "A manual indicator needs `value`, `as_of` and `source` (or a list of `values`)."),
    "E501.plan_computed": ("Chỉ nhập số liệu bằng tay khi có `measure: manual`; chỉ tiêu này được tính từ hồ sơ sản "
                           "phẩm.",
                           "Values are entered by hand only for `measure: manual`; this measure is computed from the "
                           "records."),
    "E501.plan_per_year": ("`per_year` hoặc `each_year` (chỉ một trong hai) dành cho khối lượng nhập tay theo từng "
                           "năm, không kèm `per_district`.",
                           "`per_year` or `each_year` (one of them) is for a manual volume entered year by year, "
                           "without `per_district`."),
    "E501.plan_target": ("Hãy ghi `target` (hoặc bảng `per_district`, hoặc `per_year` / `each_year`).",
                         "Give a `target` (or a `per_district` table, or `per_year` / `each_year`)."),
    "E501.plan_per_district": ("`per_district` chỉ dùng với số sản phẩm, số chứng nhận, số đề nghị hoặc số đếm "
                               "nhập tay.",
                               "`per_district` works with products, certificates, proposals or manual counts."),
    "E501.plan_proposals": ("Một đề nghị không có hình thức và không hết hạn: với `measure: proposals`, bỏ kind, "
                            "basis: valid, valid_at và expired_*.",
                            "A proposal has no kind and does not expire: for `measure: proposals` leave out kind, "
                            "basis: valid, valid_at and expired_*."),
    "E501.plan_ids": ("Hai chỉ tiêu có cùng mã (id).", "Two targets have the same id."),
    "E501.year_outside": ("{year} nằm ngoài thời kỳ kế hoạch ({first}–{last}).",
                          "{year} is outside the plan period ({first}–{last})."),
    "E501.year_outside.hint": ("Chỉ ghi chỉ tiêu cho các năm trong thời kỳ kế hoạch.",
                               "Give a target only for the years of the period."),
    "W504.value": ("Số liệu này ghi ngày {day}, sau hôm nay ({today}): chưa được tính cho đến ngày đó.",
                   "This value is dated {day}, after today ({today}): it is not counted until that day."),
    "W504.value.hint": ("Hãy kiểm tra năm: `as_of` là ngày số liệu đúng như vậy.",
                        "Check the year: `as_of` is the day the value was true."),
    "W504.done": ("Ghi là đã xong ngày {day}, sau hôm nay ({today}): chưa hiện là đã xong cho đến ngày đó.",
                  "Marked done on {day}, after today ({today}): it is not shown as done until that day."),
    "W504.done.hint": ("Hãy kiểm tra năm, hoặc bỏ `done` cho đến khi việc đã xong.",
                       "Check the year, or leave `done` out until it is done."),

    # -- E3xx: the national grading rules (grading.py)
    "level.district": ("cấp huyện (UBND huyện)", "district (UBND huyện)"),
    "level.province": ("cấp tỉnh (UBND tỉnh)", "province (UBND tỉnh)"),
    "level.national": ("trung ương (Bộ Nông nghiệp và Môi trường)", "national (the ministry)"),
    "band.top": ("từ {low} đến 100", "{low} to 100"),
    "band.range": ("từ {low} đến dưới {high}", "{low} to below {high}"),
    "E308.order": ("Chứng nhận này ({date}) có ngày trước chứng nhận ghi phía trên nó ({before}).",
                   "This certificate ({date}) is dated before the one above it ({before})."),
    "E308.order.hint": ("Ghi các chứng nhận theo thứ tự, cũ nhất trước; chứng nhận mới thêm vào cuối.",
                        "List certifications oldest first; add new ones at the end."),
    "E305.proposal": ("Ngày đề nghị {date} ở sau hôm nay ({today}).", "The proposal date {date} is after today ({today})."),
    "E305.proposal.hint": ("Hãy kiểm tra lại năm; chỉ ghi đề nghị khi văn bản đã được gửi.",
                           "Check the year; record a proposal once it has been sent."),
    "E305.withdrawn": ("Ngày {date} ở sau hôm nay ({today}).", "{date} is after today ({today})."),
    "E305.withdrawn.hint": ("Chỉ ghi việc rút khỏi danh mục khi việc đó đã xảy ra.",
                            "Record a withdrawal once it has happened."),
    "E305.decision": ("Ngày quyết định {date} ở sau hôm nay ({today}).",
                      "The decision date {date} is after today ({today})."),
    "E305.decision.hint": ("Hãy kiểm tra lại năm; chỉ thêm chứng nhận khi quyết định công nhận đã được ký.",
                           "Check the year; add a certificate only once its decision is signed."),
    "E303.level": ("Chứng nhận {level} không thể công nhận 5 sao: chỉ trung ương công nhận sản phẩm 5★.",
                   "A {level} certificate cannot give 5 stars: only the ministry awards 5★."),
    "E303.level.hint": ("Tỉnh đề nghị các sản phẩm đạt từ 90 điểm là 'sản phẩm tiềm năng 5★'; hãy ghi 4 sao, hoặc "
                        "level: national kèm quyết định của trung ương.",
                        "A province proposes products scoring 90+ as 'potential 5★'; record 4 stars, or level: "
                        "national with the ministry's decision."),
    "E300.band": ("Điểm {score} thuộc hạng {got}★ (khung điểm {got}★ là {band}), nhưng stars ghi {stars}.",
                  "A score of {score} is {got}★ (the {got}★ band is {band}), but stars says {stars}."),
    "E300.band.hint": ("Hãy đối chiếu cả hai với quyết định công nhận: hạng {stars}★ cần điểm {needed}.",
                       "Check both against the decision: {stars}★ needs a score from {needed}."),
    "E301.part": ("Phần {part} được {value} điểm, nhưng tối đa theo bộ tiêu chí {criteria} là {maximum}.",
                  "Part {part} is {value} points but its maximum under criteria {criteria} is {maximum}."),
    "E301.part.hint": ("Hãy kiểm tra lại phiếu đánh giá.", "Check the scoring sheet."),
    "E301.part.hint_criteria": ("Hãy kiểm tra lại phiếu đánh giá, hoặc ghi `criteria` nếu đã dùng bộ tiêu chí khác.",
                                "Check the scoring sheet, or set `criteria` if another version was used."),
    "E302.sum": ("A + B + C = {total}, nhưng score ghi {score}.", "A + B + C = {total}, but score is {score}."),
    "E302.sum.hint": ("Điểm đánh giá là tổng điểm ba phần; hãy sửa số đã gõ nhầm.",
                      "The score is the sum of the three parts; correct whichever was mistyped."),
    "E311.early": ("Bộ tiêu chí 148/2023 có hiệu lực từ {since}; quyết định này ghi ngày {date}.",
                   "Criteria 148/2023 took effect on {since}; this decision is dated {date}."),
    "E311.early.hint": ("Hãy ghi criteria: 1048/2019 (hoặc bỏ `criteria` để dùng bộ tiêu chí theo ngày quyết định).",
                        "Use criteria: 1048/2019 (or remove `criteria` to use the default for the date)."),
    "W312.old": ("Bộ tiêu chí 1048/2019 đã được thay bằng 148/2023 từ {since}; quyết định này ghi ngày {date}.",
                 "Criteria 1048/2019 was replaced by 148/2023 on {since}; this decision is dated {date}."),
    "W312.old.hint": ("Không sao nếu hồ sơ được chấm điểm trước khi thay đổi; nếu không, hãy dùng 148/2023.",
                      "Fine for a dossier scored before the change; otherwise use 148/2023."),
    "E306.before": ("valid_until ({until}) không ở sau ngày quyết định ({date}).",
                    "valid_until ({until}) is not after the decision date ({date})."),
    "E306.before.hint": ("Hãy bỏ trường này để dùng thời hạn mặc định ({default}).",
                         "Remove it to use the default ({default})."),
    "W310.long": ("valid_until ({until}) dài hơn 36 tháng kể từ ngày quyết định ({date}).",
                  "valid_until ({until}) is more than 36 months after the decision ({date})."),
    "W310.long.hint": ("Giấy chứng nhận OCOP có thời hạn 36 tháng: đến {default}.",
                       "OCOP certificates are valid 36 months: {default}."),
    "E307.outside": ("Ngày thu hồi ({revoked}) nằm ngoài thời hạn của giấy chứng nhận ({date} đến {end}).",
                     "The revocation ({revoked}) is outside the certificate's validity ({date} to {end})."),
    "E307.outside.hint": ("Hãy kiểm tra ngày của quyết định thu hồi.", "Check the date of the revocation decision."),
    "E305.revoked": ("Ngày thu hồi {revoked} ở sau hôm nay ({today}).",
                     "The revocation date {revoked} is after today ({today})."),
    "E305.revoked.hint": ("Chỉ ghi việc thu hồi khi quyết định thu hồi đã được ký.",
                          "Record a revocation once its decision is signed."),
    "E313.ended": ("Chứng nhận này ghi ngày {date}, nhưng cấp huyện đã chấm dứt hoạt động từ {ended}: không UBND "
                   "huyện nào có thể cấp.",
                   "This certificate is dated {date}, but the district level ended on {ended}: no UBND huyện could "
                   "issue it."),
    "E313.ended.hint": ("Hãy kiểm tra ngày và cơ quan ban hành trên quyết định: từ ngày 01/7/2025, UBND tỉnh công "
                        "nhận hạng 3★ và 4★ (level: province).",
                        "Check the date and the issuer on the decision: since 1 July 2025 the province recognises "
                        "3★ and 4★ (level: province)."),
    "W309.level": ("Vào ngày {date}, chứng nhận {stars}★ thường do {who} công nhận, không phải {level}.",
                   "On {date} a {stars}★ certificate is normally issued at {who} level, not {level}."),
    "W309.level.hint": ("Hãy đối chiếu cấp công nhận với cơ quan ban hành quyết định (cảnh báo không làm dừng việc "
                        "dựng trang).",
                        "Check the level against the decision's issuer (warnings do not stop the build)."),

    # -- places (placing.py): today's wards and communes, the former units of the config
    "hint.did_you_mean": ("Có phải là {guess}?", "Did you mean {guess}?"),
    "E200.place": ("Hồ sơ phải ghi nơi sản xuất sản phẩm: `ward` (phường, xã hiện nay, với giấy chứng nhận cấp từ "
                   "ngày 01/7/2025) hoặc `district` (theo giấy chứng nhận cấp trước ngày đó).",
                   "A record names where the product is made: `ward` (today's ward or commune, for a certificate "
                   "issued since 1 July 2025) or `district` (as on a certificate issued before)."),
    "E200.place.hint": ("Hãy thêm, ví dụ: ward: \"03980\"  # Phường Mộc Châu (danh sách mã: units.today trong "
                        "site_config.yml).",
                        "Add for example: ward: \"03980\"  # Phường Mộc Châu (codes: units.today in "
                        "site_config.yml)."),
    "E404.no_district": ("`commune` ghi một xã của huyện cũ, nhưng hồ sơ này không ghi `district`.",
                         "`commune` names a commune of a former district, and this record names no `district`."),
    "E404.no_district.hint": ("Hãy ghi `district` như trên giấy chứng nhận, hoặc bỏ `commune`: phường, xã hiện nay "
                              "ghi ở `ward`.",
                              "Write `district` as on the certificate, or remove `commune`: today's ward or commune "
                              "is `ward`."),
    "E411.codes": ("Danh sách mã ở mục `units.today` của site_config.yml (lệnh `ocop units` in ra danh sách này).",
                   "The codes are in `units.today` of site_config.yml (`ocop units` prints them)."),
    "E411.elsewhere": ("'{text}' là {unit}, {province}, không phải phường, xã của {here}.",
                       "'{text}' is {unit}, {province}, not a ward or commune of {here}."),
    "E411.not_code": ("'{text}' không phải mã của một phường, xã của {here}.",
                      "'{text}' is not the code of a ward or commune of {here}."),
    "E411.five_digits": ("Mã gồm năm chữ số, đặt trong dấu ngoặc kép.", "A code is five digits, in quotes."),
    "E411.name": ("`ward` là mã chính thức, không phải tên.", "`ward` is an official code, not a name."),
    "E411.name.hint": ("Hãy ghi ward: \"{code}\"  # {name}", "Write ward: \"{code}\"  # {name}"),
    "E411.several": ("'{text}' là tên của nhiều đơn vị thuộc {here}: {units}.",
                     "'{text}' names several units of {here}: {units}."),
    "E411.several.hint": ("Hãy ghi mã của đơn vị đúng.", "Write the code of the one meant."),
    "E411.other_province": ("'{text}' không phải phường, xã của {here} (đó là tên của {named}).",
                            "'{text}' is not a ward or commune of {here} (it is the name of {named})."),
    "E411.unknown": ("'{text}' không phải phường, xã của {here} trong danh sách chính thức.",
                     "'{text}' is not a ward or commune of {here} in the official list."),
    "W412.became": ("{named} đã nhập vào {became} từ ngày 01/7/2025, không phải {ward}.",
                    "{named} became {became} on 1 July 2025, not {ward}."),
    "W412.became.hint": ("Hãy kiểm tra `ward` (ghi phần nào của một xã cũ bị chia là nơi sản xuất sản phẩm) và "
                         "`district`/`commune` theo giấy chứng nhận; nếu không ghi `ward`, bảng chuyển đổi đơn vị sẽ "
                         "tự xác định nơi sản xuất.",
                         "Check `ward` (it names the part of a divided commune where the product is made) and the "
                         "certificate's `district`/`commune`; without `ward` the crosswalk places the product."),
    "E500.province_code": ("'{code}' không phải mã của một trong 34 tỉnh, thành phố hiện nay.",
                           "'{code}' is not the code of one of today's 34 provinces."),
    "E500.province_code.hint": ("Hãy tạo lại mục này bằng lệnh `ocop units <tỉnh>`.",
                                "Generate the section again with `ocop units <province>`."),
    "W503.province": ("'{name}' không phải một trong 34 tỉnh, thành phố hiện nay, cũng không phải tỉnh có trước ngày "
                      "30/6/2025, nên không kiểm tra và xác định được phường, xã.",
                      "'{name}' is neither one of today's 34 provinces nor a province of 30 June 2025, so wards and "
                      "communes cannot be checked or placed."),
    "W503.province.hint": ("Hãy ghi tên chính thức của tỉnh, hoặc thêm mục `units:` do lệnh `ocop units <tỉnh>` in ra.",
                           "Write its official name, or add the `units:` section printed by `ocop units <province>`."),
    "W503.ambiguous": ("'{asked}' là tên của nhiều đơn vị cũ: {names}; hãy ghi rõ đơn vị đúng.",
                       "'{asked}' names more than one former unit: {names}; name the one meant."),
    "W503.not_listed": ("'{asked}' không phải {where} trong danh sách ngày 30/6/2025.",
                        "'{asked}' is not {where} in the 30 June 2025 list."),
    "W503.former_province": ("một tỉnh cũ", "a former province"),
    "W503.former_district": ("một huyện cũ", "a former district"),
    "W503.former_district_of": ("một huyện cũ của {province}", "a former district of {province}"),
    "W503.former_commune": ("một xã cũ", "a former commune"),
    "W503.former_commune_of": ("một xã cũ của {district}", "a former commune of {district}"),
    "W503.district.hint": ("Hãy ghi tên như trong danh sách ngày 30/6/2025 (xem `units.former` do lệnh `ocop units` "
                           "in ra); cho đến khi đó, hồ sơ của huyện này không hiện nơi sản xuất theo đơn vị hiện nay.",
                           "Write the name as in the 30 June 2025 list (see `units.former` printed by `ocop units`); "
                           "records of this district show no place of today until then."),
    "W503.district.hint_province": ("Hãy ghi tên như trong danh sách ngày 30/6/2025 (xem `units.former` do lệnh "
                                    "`ocop units` in ra), hoặc ghi `former_province` nếu tỉnh hiện nay được hợp nhất "
                                    "từ nhiều tỉnh; cho đến khi đó, hồ sơ của huyện này không hiện nơi sản xuất theo "
                                    "đơn vị hiện nay.",
                                    "Write the name as in the 30 June 2025 list (see `units.former` printed by `ocop "
                                    "units`), or `former_province` when today's province merged several; records of "
                                    "this district show no place of today until then."),
    "E500.commune_ward": ("'{ward}' không phải phường, xã hiện nay của {province}.",
                          "'{ward}' is not a ward or commune of {province} today."),
    "E500.commune_ward.hint": ("Hãy dùng một mã trong `units.today` (lệnh `ocop units` in ra các mã).",
                               "Use a code of `units.today` (`ocop units` prints them)."),
    "W503.commune.hint": ("Hãy ghi tên như trong danh sách ngày 30/6/2025, hoặc thêm bên cạnh {write}; cho đến khi đó, "
                          "hồ sơ của xã này không hiện phường, xã hiện nay.",
                          "Write the name as in the 30 June 2025 list, or add beside it {write}; until then its "
                          "records show no ward or commune of today."),
    "W503.commune.code": ("ward: \"<mã>\" với mã của đơn vị hiện nay trong `units.today`",
                          "ward: \"<code>\" with the code of today's unit from `units.today`"),

    # -- E4xx: files and references (validate.py, permanence.py)
    "E500.no_config": ("Không có tệp cấu hình trang web ở {path}.", "There is no site configuration at {path}."),
    "E500.no_config.hint": ("Hãy chạy lệnh trong thư mục của dự án, hoặc ghi --config đường/dẫn/site_config.yml.",
                            "Run the command in the project folder, or pass --config path/to/site_config.yml."),
    "E500.district_twice": ("Mã huyện '{id}' được khai báo hai lần (cả ở districts[{other}]).",
                            "District id '{id}' is declared twice (also districts[{other}])."),
    "E500.district_twice.hint": ("Mỗi mã huyện phải là duy nhất.", "Each district id must be unique."),
    "E500.commune_twice": ("Mã xã '{id}' được khai báo hai lần trong {district}.",
                           "Commune id '{id}' is declared twice in {district}."),
    "E500.commune_twice.hint": ("Trong một huyện, mỗi mã xã phải là duy nhất.",
                                "Each commune id must be unique within its district."),
    "E502.unknown": ("'{id}' không phải một huyện trong site_config.yml này.",
                     "'{id}' is not a district of this site_config.yml."),
    "E502.former_province": ("Không huyện nào trong site_config.yml này thuộc tỉnh cũ '{name}', nên kế hoạch sẽ không "
                             "đếm được sản phẩm nào.",
                             "No district of this site_config.yml belonged to the former province '{name}', so the "
                             "plan would count nothing."),
    "hint.known": ("Các mã hiện có: {known}.", "Known: {known}."),
    "E410.record": ("Hồ sơ này là một liên kết tượng trưng (symbolic link), không phải tệp thật; hồ sơ không được đọc.",
                    "This record is a symbolic link, not a file; it was not read."),
    "E410.record.hint": ("Hãy thay liên kết bằng chính hồ sơ: mỗi sản phẩm có tệp riêng của mình (sản phẩm đã ngừng "
                         "cũng giữ tệp, với `withdrawn:`).",
                         "Replace the link with the record itself: every product keeps its own file (a product that "
                         "ends keeps it too, with `withdrawn:`)."),
    "E410.folder": ("Thư mục này là một liên kết tượng trưng (symbolic link); không tệp nào bên trong được đọc.",
                    "This folder is a symbolic link; nothing under it was read."),
    "E410.folder.hint": ("Hãy thay liên kết bằng một thư mục thật chứa các hồ sơ hoặc ảnh.",
                         "Replace the link with a real folder holding the records or photos."),
    "E400.name": ("Mã sản phẩm là {id} nhưng tệp lại tên là {file}.", "The id is {id} but the file is named {file}."),
    "E400.name.hint": ("Hãy đổi tên tệp thành {id}.yml (mã sản phẩm đã công bố thì không bao giờ đổi).",
                       "Rename the file to {id}.yml (an id never changes once published)."),
    "E401.no_district": ("Hồ sơ không ghi `district` phải nằm trong {home} (phần đầu của mã sản phẩm); hồ sơ này lại "
                         "nằm ở {path}.",
                         "A record without `district` lives in {home} (the first part of its id); this one is at "
                         "{path}."),
    "hint.move": ("Hãy chuyển tệp tới {path}.", "Move it to {path}."),
    "E401.outside": ("Hồ sơ phải nằm trong products/<huyện>/; hồ sơ này lại nằm ở {path}.",
                     "Records live in products/<district>/; this one is at {path}."),
    "E401.folder": ("district ghi là '{district}' nhưng tệp lại nằm trong thư mục '{folder}'.",
                    "district is '{district}' but the file is in the folder '{folder}'."),
    "E401.folder.hint": ("Hãy chuyển tệp tới {folder}, hoặc sửa `district` nếu thư mục đã đúng.",
                         "Move the file to {folder}, or correct `district` if the folder is right."),
    "E403.unknown": ("'{district}' không phải một huyện trong site_config.yml.",
                     "'{district}' is not a district of site_config.yml."),
    "E404.unknown": ("'{commune}' không phải một xã của {district} trong site_config.yml.",
                     "'{commune}' is not a commune of {district} in site_config.yml."),
    "E404.elsewhere": ("Đó là xã của {districts}: hãy kiểm tra `district`.",
                       "It is a commune of {districts}: check `district`."),
    "E404.add": ("Hãy thêm xã vào site_config.yml nếu ở đó còn thiếu.",
                 "Add the commune to site_config.yml if it is missing there."),
    "E408.not_plain": ("'{name}' không phải một tên tệp đơn thuần.", "'{name}' is not a plain file name."),
    "E408.not_plain.hint": ("Hãy để ảnh trong {folder} và chỉ ghi tên tệp, ví dụ goi-500g.jpg.",
                            "Put the photo in {folder} and write just its file name, e.g. goi-500g.jpg."),
    "E406.kind": ("'{name}' không phải ảnh .jpg, .png hoặc .webp.", "'{name}' is not a .jpg, .png or .webp photo."),
    "E406.kind.hint": ("Hãy xuất ảnh theo định dạng JPEG, PNG hoặc WebP.", "Export the photo as JPEG, PNG or WebP."),
    "E408.link": ("{path} là một liên kết tượng trưng (symbolic link).", "{path} is a symbolic link."),
    "E408.link.hint": ("Hãy chép ảnh thật vào thư mục thay cho liên kết.", "Copy the real photo into the folder instead."),
    "E405.missing": ("Không có tệp {path}.", "There is no file {path}."),
    "E405.missing.hint": ("Hãy thêm ảnh vào {folder} hoặc sửa lại tên (phân biệt chữ hoa, chữ thường).",
                          "Add the photo to {folder} or correct the name (it is case-sensitive)."),
    "E408.outside": ("{path} trỏ ra ngoài products/.", "{path} points outside products/."),
    "E408.outside.hint": ("Ảnh phải là tệp thật nằm trong thư mục của sản phẩm.",
                          "Photos must be real files in the product folder."),
    "E406.size": ("{path} nặng {size} byte.", "{path} is {size} bytes."),
    "E406.size.hint": ("Hãy dùng ảnh thật, dưới 5 MB (rộng khoảng 1600 điểm ảnh là đủ cho trang web).",
                       "Use a real photo under 5 MB (about 1600 px wide is plenty for the web)."),
    "E406.really": ("{path} thực ra là tệp {format}, không đúng như tên tệp.",
                    "{path} is really a {format} file, not what its name says."),
    "E406.really.hint": ("Hãy đổi phần đuôi tên tệp cho đúng, hoặc xuất lại ảnh theo định dạng {expected}.",
                         "Rename it with the right extension or re-export it as {expected}."),
    "E406.pixels": ("{path} có quá nhiều điểm ảnh (hơn {most}).", "{path} has too many pixels (more than {most})."),
    "E406.pixels.hint": ("Hãy thu nhỏ ảnh, rộng tối đa khoảng 2000 điểm ảnh.", "Resize it to at most about 2000 px wide."),
    "E406.unreadable": ("{path} không đọc được (ảnh bị hỏng, bị cắt cụt, hoặc là loại tệp khác bị đổi tên).",
                        "{path} is not a readable image (damaged, cut short, or another kind of file renamed)."),
    "E406.unreadable.hint": ("Hãy xuất lại ảnh theo định dạng JPEG, PNG hoặc WebP.",
                             "Re-export the photo as JPEG, PNG or WebP."),
    "E402.twice": ("Mã {id} cũng được dùng ở {others}.", "The id {id} is also used by {others}."),
    "E402.twice.hint": ("Mã sản phẩm là cố định và không trùng: hãy cấp cho hồ sơ mới hơn mã kế tiếp còn trống "
                        "(lệnh `ocop new` tự chọn mã).",
                        "Ids are permanent and unique: give the newer record the next free id (`ocop new` picks "
                        "one)."),
    "E409.written": ("{path} (ghi là {gtin}: cùng một mã)", "{path} (written {gtin}: the same number)"),
    "E409.twice": ("Mã GTIN {gtin} cũng là mã GTIN của {others}.", "The GTIN {gtin} is also the GTIN of {others}."),
    "E409.twice.hint": ("Một mã vạch chỉ thuộc về một sản phẩm: hãy giữ mã ở hồ sơ của sản phẩm đó.",
                        "A barcode number belongs to one product: keep it in the record it belongs to."),
    "W420.gone": ("{id} có trong trang web anh chị đã dựng trước đây, nhưng hồ sơ của nó không còn.",
                  "{id} was in the site you built before, but its record is gone."),
    "W420.gone.hint": ("Nếu sản phẩm đã từng được công bố, hãy khôi phục products/<huyện>/{id}.yml và thêm "
                       "`withdrawn: {{date, reason}}`; nếu chưa, có thể bỏ qua cảnh báo này.",
                       "If it was ever published, restore products/<district>/{id}.yml and add `withdrawn: {{date, "
                       "reason}}`; if not, ignore this."),
    "E407.gone": ("{id} đã được công bố (mã QR của nó có thể đã in trên bao bì) nhưng hồ sơ của nó không còn.",
                  "{id} was published (its QR code may be printed on packaging) but its record is gone."),
    "E407.gone.hint": ("Hãy khôi phục products/<huyện>/{id}.yml và thêm `withdrawn: {{date, reason}}` thay vì xóa "
                       "hồ sơ.",
                       "Restore products/<district>/{id}.yml and add `withdrawn: {{date, reason}}` instead of "
                       "deleting it."),

    # -- where a command may write (publish.py) and what was published (permanence.py)
    "out.symlink": ("{out} là một liên kết tượng trưng (symbolic link). Hãy dựng vào một thư mục thật (ví dụ site/).",
                    "{out} is a symbolic link. Build into a real folder (for example site/)."),
    "out.project": ("{out} là thư mục dự án hoặc chứa thư mục dự án: dựng vào đó sẽ thay thế site_config.yml, "
                    "products/ và mọi thứ khác. Hãy dùng thư mục mặc định site/ hoặc một thư mục mới.",
                    "{out} is the project folder or holds it: building there would replace site_config.yml, "
                    "products/ and everything else. Use the default site/ or a new folder."),
    "out.inside": ("{out} nằm trong thư mục {name}/ của dự án, nơi việc dựng trang không bao giờ được ghi đè. "
                   "Hãy dùng thư mục mặc định site/ hoặc một thư mục mới.",
                   "{out} is inside the project's {name}/ folder, which the build must never replace. "
                   "Use the default site/ or a new folder."),
    "out.file": ("{out} là một tệp, không phải thư mục. Hãy chọn một thư mục cho trang web.",
                 "{out} is a file, not a folder. Choose a folder for the site."),
    "out.read_only": ("Không ghi được vào {holder} (chỉ đọc hoặc không thuộc quyền của anh/chị), nên không thể dựng "
                      "trang web ở đó. Hãy chọn thư mục --out khác hoặc xin quyền ghi.",
                      "{holder} cannot be written to (read-only or not yours), so the site cannot be built beside "
                      "it. Choose another --out folder or ask for write access."),
    "out.git": ("{out} chứa một kho git (.git). Hãy dựng vào một thư mục riêng rồi sao chép từ đó.",
                "{out} holds a git repository (.git). Build into a folder of its own and copy from there."),
    "out.records": ("{out} chứa hồ sơ của một danh mục (site_config.yml hoặc products/). Hãy dùng thư mục mặc định "
                    "site/ hoặc một thư mục mới.",
                    "{out} holds a catalogue's records (site_config.yml or products/). Use the default site/ or a "
                    "new folder."),
    "out.not_ours": ("{out} không trống và không do `ocop build` tạo ra (không có tệp {marker}). Hãy chọn một thư "
                     "mục trống hoặc mới, hoặc tự dọn thư mục này nếu chắc chắn.",
                     "{out} is not empty and was not built by `ocop build` (it has no {marker}). Choose an empty or "
                     "new folder, or empty this one yourself if you are sure."),
    "out.yaml": ("{path} là tệp YAML: hồ sơ sản phẩm và tệp cấu hình không bao giờ bị bảng tính ghi đè. Hãy ghi ra "
                 "tệp .xlsx hoặc .csv ở ngoài thư mục products/.",
                 "{path} is a YAML file: records and the configuration are never overwritten by a spreadsheet. "
                 "Write to a .xlsx or .csv file outside products/."),
    "out.file_inside": ("{path} nằm trong thư mục {name}/ của dự án. Hãy ghi tệp ra chỗ khác.",
                        "{path} is inside the project's {name}/ folder. Write the file somewhere else."),
    "out.folder": ("{path} là một thư mục. Hãy cho tên tệp có đuôi .xlsx hoặc .csv.",
                   "{path} is a folder. Give a file name ending in .xlsx or .csv."),
    "out.exists": ("{path} đã có. Thêm --force để thay thế, hoặc chọn tên khác.",
                   "{path} already exists. Add --force to replace it, or choose another name."),
    "out.busy": ("Một lệnh `ocop build` hoặc `ocop serve` khác đang ghi vào {out}. Hãy chờ lệnh đó xong rồi thử lại.",
                 "Another `ocop build` or `ocop serve` is writing {out} right now. Wait for it to finish, then "
                 "try again."),
    "manifest.not_manifest": ("đây là JSON nhưng không phải tệp manifest của trang web (một đối tượng có danh sách "
                              "\"ids\")",
                              "it is JSON but not a site manifest (an object with a list of \"ids\")"),
    "manifest.web_page": ("đây là một trang web, không phải tệp manifest (địa chỉ trang web có đúng không?)",
                          "it is a web page, not a manifest (was the site's address right?)"),
    "manifest.unreadable": ("không đọc được ({reason})", "it could not be read ({reason})"),
    "manifest.https": ("địa chỉ phải bắt đầu bằng https://", "its address must start with https://"),
    "manifest.http_error": ("trang web trả lời {code} {reason} cho {url}; ở lần công bố đầu tiên chưa có trang web "
                            "nào: hãy dựng một lần không có --published",
                            "the site answered {code} {reason} for {url}; on the very first publication there is "
                            "no live site yet: build without --published once"),
    "manifest.fetch": ("không tải được {url} ({reason})", "{url} could not be fetched ({reason})"),
    # -- the build's failures (build.py, cli.py)
    "build.failed": ("Không dựng được trang web: {reason} Trang web cũ trong {out} được giữ nguyên.",
                     "Build failed: {reason} The previous site in {out} is unchanged."),
    "build.failed_refused": ("Không dựng được trang web: {reason}", "Build failed: {reason}"),
    "build.render_failed": ("Không dựng được trang web khi tạo các trang: {reason} Trang web cũ trong {out} được giữ "
                            "nguyên.",
                            "Build failed while rendering pages: {reason} The previous site in {out} is unchanged."),
    "build.plan_future": ("Chỉ xem được kế hoạch tính đến một ngày đã qua: {day} ở sau hôm nay ({today}).",
                          "The plan can be shown as of a past day only: {day} is after today ({today})."),
    "build.refused": ("Từ chối: {reason}", "Refused: {reason}"),
    "build.manifest": ("Danh sách sản phẩm đã công bố ({published}) không dùng được: {reason}. Chưa dựng gì cả.",
                       "The list of published products ({published}) is unusable: {reason}. Nothing was built."),
    "build.write_failed": ("Ghi trang web mới không thành công ({reason}{where}).",
                           "Writing the new site failed ({reason}{where})."),
    "build.lost": ("Một sản phẩm đã công bố sẽ bị mất trang; chưa ghi gì cả.",
                   "A published product would disappear; nothing was written."),
    "build.errors": ("Hồ sơ còn lỗi; chưa ghi gì cả.", "The records have errors; nothing was written."),
    "build.swap": ("Không đặt được trang web mới vào chỗ ({reason}); trang web cũ được giữ nguyên.",
                   "The new site could not be put in place ({reason}); the previous site is unchanged."),
    "build.done": ("Đã dựng {n} sản phẩm vào {out} ({timing}).", "Built {n} products into {out} ({timing})."),
    "cli.error": ("lỗi: {reason}", "error: {reason}"),
    "validate.manifest": ("danh sách sản phẩm đã công bố ({published}) không dùng được: {reason}.",
                          "the list of published products ({published}) is unusable: {reason}."),

    # -- `ocop import`: what it did, row by row (spreadsheet/report.py, rows.py, values.py, importer.py)
    "import.read": ("Đã đọc {file}{sheet}: tiêu đề ở dòng {rows}, {found}.",
                    "Read {file}{sheet}: headings on {rows}, {found}."),
    "import.sheet": (" (trang tính \"{sheet}\")", " (sheet \"{sheet}\")"),
    "import.heading_rows": ("{rows}", "row {rows}|rows {rows}"),
    "import.product_rows": ("{n} dòng sản phẩm", "{n} product row|{n} product rows"),
    "import.records": ("{n} hồ sơ", "{n} record|{n} records"),
    "import.rows": ("{n} dòng", "{n} row|{n} rows"),
    "import.wrote": ("Đã ghi {records}", "Wrote {records}"),
    "import.would_write": ("Sẽ ghi {records}", "Would write {records}"),
    "import.skipped": ("Bỏ qua {rows} (không ghi):", "Skipped {rows} (not written):"),
    "import.warnings_written": ("Cảnh báo (các hồ sơ vẫn được ghi):", "Warnings (the records were written):"),
    "import.warnings_checked": ("Cảnh báo (các hồ sơ đã được kiểm tra):", "Warnings (the records were checked):"),
    "import.ignored": ("Các cột bị bỏ qua (không ứng với trường nào của hồ sơ): {columns}.",
                       "Ignored columns (no record field): {columns}."),
    "import.sections": ("Được hiểu là tiêu đề mục hoặc ghi chú, không phải sản phẩm: {rows}.",
                        "Read as section headings or notes, not products: {rows}."),
    "import.section_row": ("dòng {row} \"{text}\"", "row {row} \"{text}\""),
    "import.other_sheets": ("Các trang tính khác không được đọc (hãy nhập mỗi trang thành một tệp riêng): {names}.",
                            "Other sheets, not read (import each as its own file): {names}."),
    "import.validated": ("`ocop validate` trên các hồ sơ vừa ghi:", "`ocop validate` on the written records:"),
    "import.validated_clean": ("`ocop validate` trên các hồ sơ vừa ghi: không có lỗi nào.",
                               "`ocop validate` on the written records: no problems."),
    "import.total": ("{n} hồ sơ {done}, bỏ qua {skipped} dòng{duplicates}.", "{n} {done}, {skipped} skipped{duplicates}."),
    "import.to_write": ("sẽ ghi", "to write"),
    "import.written": ("đã ghi", "written"),
    "import.duplicates": (" ({n} đã có trong danh mục hoặc bị lặp lại)", " ({n} already in the catalogue or repeated)"),
    "import.row": ("dòng {row}", "row {row}"),
    "import.column": (", cột \"{column}\"", ", column \"{column}\""),
    "import.fix": ("Cách sửa: {fix}", "Fix: {fix}"),
    "import.empty": ("{field} đang để trống.", "{field} is empty."),
    "import.fill_name": ("Hãy điền tên sản phẩm đúng như trên giấy chứng nhận.",
                         "Fill in the product name as on the certificate."),
    "import.fill_producer": ("Hãy điền tên chủ thể OCOP đúng như trên giấy chứng nhận.",
                             "Fill in the OCOP subject (chủ thể) as on the certificate."),
    "import.group_empty": ("nhóm sản phẩm đang để trống.", "the product group is empty."),
    "import.group_empty.fix": ("Hãy ghi nhóm sản phẩm OCOP, ví dụ Thực phẩm hoặc Đồ uống.",
                               "Write the OCOP group, e.g. Thực phẩm or Đồ uống."),
    "import.phone_zero": ("Excel đã lưu số điện thoại mà mất số 0 ở đầu; đã ghi là {phone}.",
                          "Excel stored the number without its leading 0; written as {phone}."),
    "import.phone_zero.fix": ("Hãy định dạng cột này là Text (văn bản) trong bảng tính để Excel giữ số 0.",
                              "Format the column as Text in the spreadsheet so that Excel keeps the 0."),
    "import.summary_long": ("phần mô tả tóm tắt dài {n} ký tự; chỉ được tối đa {most} ký tự.",
                            "the summary is {n} characters long; at most {most} are allowed."),
    "import.summary_long.fix": ("Hãy viết gọn thành một câu; phần giới thiệu dài ghi ở trường description của hồ sơ.",
                                "Shorten it to one sentence; longer text belongs in the record's description."),
    "import.unrated": ("không có hạng sao, số hay ngày quyết định: được ghi là sản phẩm tham gia chương trình, chưa "
                       "được xếp hạng.",
                       "no stars, decision or date: written as a product in the programme, not yet rated."),
    "import.unrated.fix": ("Hãy điền Hạng sao, Số quyết định và Ngày quyết định nếu sản phẩm đã có giấy chứng nhận.",
                           "Fill in Hạng sao, Số quyết định and Ngày quyết định if the product has a certificate."),
    "import.add_district": ("Hãy thêm huyện vào site_config.yml nếu hồ sơ cần ghi huyện.",
                            "Add the district to site_config.yml if records should name it."),
    "import.district_empty": ("huyện đang để trống.", "the district is empty."),
    "import.district_empty.fix": ("Hãy ghi huyện của sản phẩm, ví dụ {example}.",
                                  "Write the district (huyện) of the product, e.g. {example}."),
    "import.not_district": ("không phải một huyện trong site_config.yml.", "not a district of site_config.yml."),
    "import.not_commune": ("không phải một xã của {district} trong site_config.yml; hồ sơ được ghi mà không có xã.",
                           "not a commune of {district} in site_config.yml; the record was written without a "
                           "commune."),
    "import.producer_type": ("không phải loại hình chủ thể OCOP đã biết; được ghi là khác (other).",
                             "not a known type of OCOP subject; recorded as other."),
    "import.producer_type.fix": ("Hãy ghi HTX, Tổ hợp tác, Doanh nghiệp (công ty, DNTN) hoặc Hộ kinh doanh nếu phù "
                                 "hợp.",
                                 "Write HTX, Tổ hợp tác, Doanh nghiệp (công ty, DNTN) or Hộ kinh doanh if one of them "
                                 "fits."),
    "import.producer_unknown": ("không ghi loại hình chủ thể và tên chủ thể cũng không cho biết; được ghi là khác "
                                "(other).",
                                "the type of subject is not given and the name does not say it; recorded as other."),
    "import.fill_in_type": ("Hãy điền cột \"Loại hình\" (HTX, Tổ hợp tác, Doanh nghiệp, Hộ kinh doanh) nếu phù hợp.",
                            "Fill in \"Loại hình\" (HTX, Tổ hợp tác, Doanh nghiệp, Hộ kinh doanh) if one fits."),
    "import.add_type_column": ("Hãy thêm cột \"Loại hình\" (HTX, Tổ hợp tác, Doanh nghiệp, Hộ kinh doanh) nếu phù hợp.",
                               "Add a column \"Loại hình\" (HTX, Tổ hợp tác, Doanh nghiệp, Hộ kinh doanh) if one "
                               "fits."),
    "import.bad_id": ("không phải mã sản phẩm của danh mục (chữ in hoa, chữ số và dấu gạch nối đơn, tối đa 24 ký tự).",
                      "not a catalogue id (capital letters, digits and single hyphens, at most 24 characters)."),
    "import.bad_id.fix": ("Hãy sửa lại (ví dụ SL-MS-0012), hoặc xóa đi để chương trình tự chọn mã kế tiếp còn trống.",
                          "Correct it (e.g. SL-MS-0012), or delete it to let the importer pick the next free id."),
    "import.two_dates": ("ô số quyết định ghi ngày {embedded} nhưng cột ngày ghi {when}.",
                         "the decision cell says {embedded} but the date column says {when}."),
    "import.two_dates.fix": ("Hãy sửa ô bị ghi sai.", "Correct whichever is wrong."),
    "import.cert_part_empty": ("{field} đang để trống, nhưng dòng này có các thông tin khác của giấy chứng nhận.",
                               "{field} is empty, but the row has other certificate details."),
    "import.no_decision": ("ô này không có số quyết định.", "there is no decision number in this cell."),
    "import.no_decision.fix": ("Hãy ghi số quyết định, ví dụ 1693/QĐ-UBND.", "Write the number, e.g. 1693/QĐ-UBND."),
    "import.stars": ("không phải số sao.", "not a number of stars."),
    "import.stars.fix": ("Hãy ghi 3, 4 hoặc 5 (\"4 sao\" và \"4*\" cũng đọc được).",
                         "Write 3, 4 or 5 (\"4 sao\" and \"4*\" are read too)."),
    "import.group": ("không phải một trong sáu nhóm sản phẩm OCOP.", "not one of the six OCOP groups."),
    "import.group.fix": ("Hãy ghi một trong: {names}. Các tên gọn như \"Thực phẩm\", \"Đồ uống\", \"Dược liệu\", "
                         "\"Thủ công mỹ nghệ\", \"Du lịch\" cũng đọc được.",
                         "Write one of: {names}. Short forms such as \"Thực phẩm\", \"Đồ uống\", \"Dược liệu\", "
                         "\"Thủ công mỹ nghệ\", \"Du lịch\" are read too."),
    "import.date.fix": ("Hãy ghi ngày quyết định theo dạng dd/mm/yyyy (ví dụ 15/06/2024) hoặc định dạng ngày của Excel.",
                        "Write the decision date as dd/mm/yyyy (e.g. 15/06/2024) or as an Excel date."),
    "import.date": ("ngày sai: không phải ngày viết dd/mm/yyyy hoặc yyyy-mm-dd.",
                    "bad date: not a date written dd/mm/yyyy or yyyy-mm-dd."),
    "import.no_such_day": ("ngày sai: không có ngày này trong lịch.", "bad date: there is no such day in the calendar."),
    "import.score": ("không phải một con số.", "not a number."),
    "import.score.fix": ("Hãy ghi tổng điểm của hội đồng, ví dụ 78,5 (hoặc 78.5).",
                         "Write the council's total score, e.g. 78.5 (or 78,5)."),
    "import.score_range": ("điểm phải từ 0 đến 100.", "a score is between 0 and 100."),
    "import.score_range.fix": ("Hãy ghi tổng điểm trên thang 100.", "Write the total out of 100 points."),
    "import.level": ("không phải một cấp công nhận.", "not a recognition level."),
    "import.level.fix": ("Hãy ghi Huyện, Tỉnh hoặc Trung ương (cơ quan ký quyết định), hoặc xóa đi để dùng cấp thông "
                         "thường theo ngày và hạng sao.",
                         "Write Huyện, Tỉnh or Trung ương (who signed the decision), or delete the value to use the "
                         "usual level for the date and stars."),
    "import.duplicate_id": ("trùng: mã {id} đã được dùng ở {where}; không ghi đè gì cả.",
                            "duplicate: the id {id} is already used by {where}; nothing was overwritten."),
    "import.duplicate_row_id": ("trùng: dòng {row} có cùng mã.", "duplicate: row {row} has the same id."),
    "import.duplicate_row_id.fix": ("Mỗi sản phẩm phải có mã riêng.", "Give each product its own id."),
    "import.duplicate_product": ("trùng: cùng sản phẩm và chủ thể đã có ở {where}; không ghi đè gì cả.",
                                 "duplicate: the same product and producer are already in {where}; nothing was "
                                 "overwritten."),
    "import.duplicate_row": ("trùng: cùng sản phẩm và chủ thể như dòng {row}.",
                             "duplicate: the same product and producer as row {row}."),
    "import.duplicate_row.fix": ("Hãy xóa dòng lặp lại (hoặc sửa tên nếu đó là hai sản phẩm khác nhau).",
                                 "Delete the repeated row (or correct the name if they are different products)."),
    "import.by_hand": ("Nếu dòng này là một quyết định mới của sản phẩm đó, hãy tự thêm vào mục certifications của "
                       "hồ sơ.",
                       "If this row is a new decision for that product, add it to the record's certifications by "
                       "hand."),
    "import.never_reused": ("Mã sản phẩm không bao giờ dùng lại: hãy xóa mã trong bảng tính để nhận mã kế tiếp còn "
                            "trống, hoặc bỏ dòng này.",
                            "Ids are never reused: delete the id in the sheet to get the next free one, or leave the "
                            "row out."),
    "import.stars_below": ("{stars} sao: chỉ hạng 3, 4 hoặc 5 sao mới được cấp giấy chứng nhận OCOP.",
                           "{stars} stars: only 3, 4 or 5 stars receive an OCOP certificate."),
    "import.stars_below.fix": ("Hãy sửa hạng sao, hoặc bỏ các sản phẩm dưới 3 sao khỏi danh sách.",
                               "Correct the stars, or leave products below 3 stars out of the list."),
    "import.no_code": ("huyện {district} chưa có `code` trong site_config.yml nên chưa tạo được mã sản phẩm.",
                       "district {district} has no `code` in site_config.yml, so no id can be made for it."),
    "import.no_code.fix": ("Hãy thêm mã cho huyện, hoặc ghi mã sản phẩm trong một cột \"Mã\".",
                           "Add a code to the district, or give the id in a \"Mã\" column."),
    "import.config_errors": ("{config} có lỗi; hãy chạy `ocop validate` trước.",
                             "{config} has errors; run `ocop validate` first."),
    "import.fill_from_decision": ("Hãy điền {field} theo quyết định công nhận.",
                                  "Fill in {field} from the recognition decision."),
    "import.district_hint": ("Hãy ghi một trong các huyện của site_config.yml: {names} (hoặc thêm huyện vào "
                             "site_config.yml).",
                             "Write one of the districts of site_config.yml: {names} (or add the district to "
                             "site_config.yml)."),
    "import.commune_elsewhere": ("Đó là xã của {districts}: hãy kiểm tra huyện ghi ở dòng này.",
                                 "It is a commune of {districts}: check the district of this row."),
    "import.add_commune": ("Hãy thêm xã vào {district} trong site_config.yml nếu ở đó còn thiếu.",
                           "Add the commune to {district} in site_config.yml if it is missing there."),
    "import.province_unknown": ("tỉnh '{province}' của site_config.yml chưa được biết, nên không xác định được nơi "
                                "theo địa chỉ; hãy điền cột huyện.",
                                "the province '{province}' of site_config.yml is not known, so addresses cannot be "
                                "placed; fill the district column instead."),
    "import.address_unknown": ("địa chỉ không ghi phường, xã nào của {province}, theo cách ghi trước ngày 01/7/2025 "
                               "hay từ ngày đó.{close} Hãy ghi theo dạng 'xã …, huyện …' hoặc 'phường …' / 'xã …' hiện "
                               "nay, hoặc điền cột huyện.",
                               "the address names no ward or commune of {province}, in the form before 1 July 2025 or "
                               "since.{close} Write it as 'xã …, huyện …' or as 'phường …' / 'xã …' of today, or fill "
                               "the district column."),
    "import.did_you_mean": (" Có phải là {names}?", " Did you mean {names}?"),
    "import.old_district": ("{former}, {district} không phải một huyện trong site_config.yml; hồ sơ chỉ ghi {today} "
                            "hiện nay.",
                            "{former}, {district} is not a district of site_config.yml; the record names today's "
                            "{today} only."),
}
