"""Problems found in the stewards' files, and the ways of printing them.

Every problem carries its location first (``file:line:col``), a stable code, the field path as the
steward typed it, a plain sentence and, where there is one, the fix. The codes and their one-line
titles (Vietnamese and English) live in ``CODES`` below and nowhere else: CONTRIBUTING.md is
generated from this table. The sentences are keys of the message table (``messages.py``) with
their values, so one problem prints in either language; ``message`` and ``hint`` are the English.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from .chars import visible
from .messages import Said, count, index, render_text, said

Severity = Literal["error", "warning"]

# code -> (severity, Vietnamese title, English title). Titles are what GitHub shows as the
# annotation title and what the stewards' guide lists; keep them short and in plain words.
CODES: dict[str, tuple[Severity, str, str]] = {
    # Reading the file
    "E100": ("error", "Tệp không phải văn bản UTF-8", "File is not UTF-8 text"),
    "E101": ("error", "Lỗi cú pháp YAML", "YAML syntax error"),
    "E102": ("error", "Thụt lề bằng phím Tab", "Tab used for indentation"),
    "E103": ("error", "Tệp chứa nhiều hơn một tài liệu YAML", "More than one YAML document in the file"),
    "E104": ("error", "Một trường được ghi hai lần", "The same field is written twice"),
    "E105": ("error", "Không được dùng neo, bí danh, khóa gộp hay thẻ của YAML",
             "YAML anchors, aliases, merge keys and tags are not allowed"),
    "E106": ("error", "Tệp không phải danh sách các trường", "The file is not a list of fields"),
    "E107": ("error", "Tệp trống", "The file is empty"),
    "E108": ("error", "Tệp quá lớn hoặc lồng nhau quá sâu", "File too large or too deeply nested"),
    "W110": ("warning", "Chữ yes/no/on/off không đặt trong dấu ngoặc kép", "Unquoted yes/no/on/off word"),
    "W111": ("warning", "Con số không đặt trong dấu ngoặc kép ở chỗ cần ghi chữ",
             "Unquoted number where text is expected"),
    # Fields and types
    "E200": ("error", "Thiếu trường bắt buộc", "Required field missing"),
    "E201": ("error", "Trường không có trong định dạng hồ sơ", "Unknown field"),
    "E202": ("error", "Giá trị sai kiểu", "Wrong kind of value"),
    "E203": ("error", "Giá trị không có trong danh sách cho phép", "Value not in the allowed list"),
    "E204": ("error", "Giá trị không đúng dạng quy định", "Value not in the expected format"),
    "E205": ("error", "Giá trị ngoài khoảng cho phép hoặc quá dài", "Value out of range or too long"),
    "E206": ("error", "Liên kết không bắt đầu bằng https://", "Link is not https://"),
    "E207": ("error", "Có mã HTML trong phần Markdown", "Raw HTML in Markdown"),
    "E208": ("error", "Sai chữ số kiểm tra của mã GTIN", "GTIN check digit is wrong"),
    "E209": ("error", "Văn bản chứa ký tự ẩn hoặc ký tự đổi chiều chữ",
             "Text contains invisible or direction-changing characters"),
    # National grading rules
    "E300": ("error", "Điểm không khớp với hạng sao", "Score does not match the stars"),
    "E301": ("error", "Điểm một phần vượt mức tối đa", "Part score above its maximum"),
    "E302": ("error", "Tổng điểm ba phần không bằng điểm đánh giá", "Parts do not add up to the score"),
    "E303": ("error", "Hạng 5 sao chỉ do trung ương công nhận", "5 stars can only be awarded at national level"),
    "E304": ("error", "Chỉ hạng 3 đến 5 sao được cấp giấy chứng nhận", "Only 3 to 5 stars receive a certificate"),
    "E305": ("error", "Ngày ở sau ngày hôm nay", "Date is in the future"),
    "E306": ("error", "Thời hạn chứng nhận kết thúc trước khi bắt đầu", "Certificate validity ends before it starts"),
    "E307": ("error", "Ngày thu hồi nằm ngoài thời hạn của giấy chứng nhận",
             "Revocation date outside the certificate's validity"),
    "E308": ("error", "Các chứng nhận không theo thứ tự ngày", "Certifications are not in date order"),
    "W309": ("warning", "Cấp công nhận khác thường so với ngày quyết định", "Recognition level unusual for the date"),
    "W310": ("warning", "Thời hạn dài hơn 36 tháng", "Validity longer than 36 months"),
    "E311": ("error", "Bộ tiêu chí chưa có hiệu lực vào ngày đó", "Criteria version not in force on that date"),
    "W312": ("warning", "Dùng bộ tiêu chí cũ sau khi quyết định mới có hiệu lực",
             "Old criteria used after the new decision"),
    "E313": ("error", "Chứng nhận cấp huyện sau khi cấp huyện đã chấm dứt",
             "District-level certificate after the district level ended"),
    # Files and references between records
    "E400": ("error", "Tên tệp không khớp với mã sản phẩm", "File name does not match the id"),
    "E401": ("error", "Thư mục không khớp với huyện", "Folder does not match the district"),
    "E402": ("error", "Mã sản phẩm dùng cho nhiều hồ sơ", "Id used by more than one record"),
    "E403": ("error", "Huyện không có trong site_config.yml", "Unknown district"),
    "E404": ("error", "Xã không có trong site_config.yml", "Unknown commune"),
    "E405": ("error", "Không tìm thấy tệp ảnh", "Image file not found"),
    "E406": ("error", "Tệp ảnh không dùng được", "Image file is not a usable photo"),
    "E407": ("error", "Sản phẩm đã công bố bị xóa hồ sơ", "Published product removed"),
    "E408": ("error", "Đường dẫn ảnh ra ngoài thư mục của sản phẩm", "Image path leaves the product's folder"),
    "E409": ("error", "Mã GTIN dùng cho nhiều hồ sơ", "GTIN used by more than one record"),
    "E410": ("error", "Hồ sơ hoặc thư mục là liên kết tượng trưng (symbolic link)",
             "Record or folder is a symbolic link"),
    "E411": ("error", "Không phải phường, xã hiện nay của tỉnh", "Not a ward or commune of the province today"),
    "W412": ("warning", "Phường, xã khác với nơi xã trên giấy chứng nhận đã nhập vào",
             "Ward differs from where the certificate's commune went"),
    "W420": ("warning", "Sản phẩm đã dựng trước đây không còn (bản xem thử trên máy)",
             "A product built before is gone (local preview)"),
    # site_config.yml
    "E500": ("error", "Lỗi trong cấu hình trang web", "Site configuration problem"),
    "E501": ("error", "Chỉ tiêu kế hoạch ghi chưa đúng", "Plan target is not well formed"),
    "E502": ("error", "Kế hoạch ghi một huyện không có trong cấu hình", "Plan refers to an unknown district"),
    "W503": ("warning", "Đơn vị cũ chưa tra được đơn vị hiện nay", "Former unit the crosswalk cannot place"),
    "W504": ("warning", "Số liệu kế hoạch ghi ngày sau hôm nay", "Plan value dated after today"),
}


def title(code: str, lang: str) -> str:
    """The code's one-line title in ``lang`` (vi or en)."""
    return CODES[code][1 + index(lang)]


def _chosen(lang: str | None) -> str:
    """The language asked for, else the running command's (`--lang`, OCOP_LANG: Vietnamese)."""
    if lang:
        return lang
    from .cliwords import lang as command_lang  # here: the CLI's choice, read when printing

    return command_lang()


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, at one place, in words a data steward understands.

    ``said`` and ``advice`` are sentences of the message table (a plain string is printed as it is
    in both languages); ``message`` and ``hint`` are their English text (what sorting compares)."""

    file: str
    line: int
    col: int
    code: str
    field: str
    said: Said | str = field(compare=False)
    advice: Said | str | None = field(default=None, compare=False)
    severity: Severity = field(default="error", compare=False)
    message: str = field(init=False)
    hint: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", CODES[self.code][0])
        object.__setattr__(self, "message", render_text(self.said, "en"))
        object.__setattr__(self, "hint", render_text(self.advice, "en") if self.advice else "")

    @property
    def title(self) -> str:
        return CODES[self.code][2]

    def words(self, lang: str | None = None) -> tuple[str, str]:
        """(message, hint) in ``lang`` (default: the command's language)."""
        lang = _chosen(lang)
        return render_text(self.said, lang), render_text(self.advice, lang) if self.advice else ""

    def text(self, lang: str | None = None) -> str:
        """One line, whatever the steward's file holds: a field name or a value quoted in the
        message may contain newlines or bidirectional controls, which are printed as escapes."""
        message, hint = self.words(lang)
        where = f"{visible(self.file)}:{self.line}:{self.col}"
        subject = f" {visible(self.field)}:" if self.field else ""
        fix = f" {visible(hint)}" if hint else ""
        return f"{where}: {self.severity} {self.code}{subject} {visible(message)}{fix}"

    def github(self, lang: str | None = None) -> str:
        # Workflow-command values must escape %, CR and LF; properties also escape ':' and ','.
        def data(s: str) -> str:
            return visible(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(s: str) -> str:
            return data(s).replace(":", "%3A").replace(",", "%2C")

        lang = _chosen(lang)
        message, hint = self.words(lang)
        kind = "error" if self.severity == "error" else "warning"
        body = f"{self.field}: {message}" if self.field else message
        if hint:
            body += f" {hint}"
        return (
            f"::{kind} file={prop(self.file)},line={self.line},col={self.col},"
            f"title={prop(self.code + ' ' + title(self.code, lang))}::{data(body)}"
        )

    def as_dict(self, lang: str | None = None) -> dict[str, object]:
        """Stable English keys; message, hint and title in ``lang``, and always in English too
        (``message_en``…), so a tool reads the same text whatever language the run was in."""
        lang = _chosen(lang)
        message, hint = self.words(lang)
        return {"file": self.file, "line": self.line, "col": self.col, "code": self.code, "field": self.field,
                "message": message, "hint": hint, "severity": self.severity, "title": title(self.code, lang),
                "message_en": self.message, "hint_en": self.hint, "title_en": self.title}


def summary(problems: Iterable[Diagnostic], lang: str | None = None) -> str:
    problems = list(problems)
    if not problems:
        return render_text(said("summary.none"), _chosen(lang))
    errors = sum(p.severity == "error" for p in problems)
    return render_text(said("summary.counts", errors=count("word.errors", errors),
                            warnings=count("word.warnings", len(problems) - errors),
                            files=count("word.files", len({p.file for p in problems}))), _chosen(lang))


FORMATS = ("text", "github", "json", "markdown")


def render(problems: list[Diagnostic], fmt: str, *, checked_files: int, lang: str | None = None) -> str:
    """The same problems as text, GitHub workflow commands, JSON or Markdown (a pull request's job
    summary: the text lines in a code block, then the summary line), in ``lang`` (default: the
    command's language)."""
    lang = _chosen(lang)
    problems = sorted(problems)
    if fmt == "json":
        return json.dumps(
            {
                "checked_files": checked_files,
                "errors": sum(p.severity == "error" for p in problems),
                "warnings": sum(p.severity == "warning" for p in problems),
                "lang": lang,
                "problems": [p.as_dict(lang) for p in problems],
            },
            ensure_ascii=False,
            indent=2,
        )
    lines = [p.github(lang) if fmt == "github" else p.text(lang) for p in problems]
    tail = summary(problems, lang)
    if not problems:
        tail = render_text(said("summary.clean", files=checked_files), lang)
    if fmt == "markdown":
        return "\n".join([*fenced(lines), "", tail])
    lines.append(tail if fmt == "text" else f"::notice::{tail}")
    return "\n".join(lines)


def fenced(lines: list[str]) -> list[str]:
    """``lines`` as a Markdown code block whose fence no line can close: longer than any run of
    backticks they contain (a record's text may hold some)."""
    if not lines:
        return []
    longest = max((len(run) for line in lines for run in re.findall("`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}text", *lines, fence]


def has_errors(problems: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    return any(p.severity == "error" or strict for p in problems)
