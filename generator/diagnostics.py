"""Problems found in the stewards' files, and the three ways of printing them.

Every problem carries its location first (``file:line:col``), a stable code, the field path as the
steward typed it, a plain sentence and, where there is one, the fix. The codes and their one-line
titles live in ``CODES`` below and nowhere else: CONTRIBUTING.md is generated from this table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

from .chars import visible

Severity = Literal["error", "warning"]

# code -> (severity, title). Titles are what GitHub shows as the annotation title and what the
# stewards' guide lists; keep them short and in plain words.
CODES: dict[str, tuple[Severity, str]] = {
    # Reading the file
    "E100": ("error", "File is not UTF-8 text"),
    "E101": ("error", "YAML syntax error"),
    "E102": ("error", "Tab used for indentation"),
    "E103": ("error", "More than one YAML document in the file"),
    "E104": ("error", "The same field is written twice"),
    "E105": ("error", "YAML anchors, aliases, merge keys and tags are not allowed"),
    "E106": ("error", "The file is not a list of fields"),
    "E107": ("error", "The file is empty"),
    "E108": ("error", "File too large or too deeply nested"),
    "W110": ("warning", "Unquoted yes/no/on/off word"),
    "W111": ("warning", "Unquoted number where text is expected"),
    # Fields and types
    "E200": ("error", "Required field missing"),
    "E201": ("error", "Unknown field"),
    "E202": ("error", "Wrong kind of value"),
    "E203": ("error", "Value not in the allowed list"),
    "E204": ("error", "Value not in the expected format"),
    "E205": ("error", "Value out of range or too long"),
    "E206": ("error", "Link is not https://"),
    "E207": ("error", "Raw HTML in Markdown"),
    "E208": ("error", "GTIN check digit is wrong"),
    "E209": ("error", "Text contains invisible or direction-changing characters"),
    # National grading rules
    "E300": ("error", "Score does not match the stars"),
    "E301": ("error", "Part score above its maximum"),
    "E302": ("error", "Parts do not add up to the score"),
    "E303": ("error", "5 stars can only be awarded at national level"),
    "E304": ("error", "Only 3 to 5 stars receive a certificate"),
    "E305": ("error", "Date is in the future"),
    "E306": ("error", "Certificate validity ends before it starts"),
    "E307": ("error", "Revocation date outside the certificate's validity"),
    "E308": ("error", "Certifications are not in date order"),
    "W309": ("warning", "Recognition level unusual for the date"),
    "W310": ("warning", "Validity longer than 36 months"),
    "E311": ("error", "Criteria version not in force on that date"),
    "W312": ("warning", "Old criteria used after the new decision"),
    "E313": ("error", "District-level certificate after the district level ended"),
    # Files and references between records
    "E400": ("error", "File name does not match the id"),
    "E401": ("error", "Folder does not match the district"),
    "E402": ("error", "Id used by more than one record"),
    "E403": ("error", "Unknown district"),
    "E404": ("error", "Unknown commune"),
    "E405": ("error", "Image file not found"),
    "E406": ("error", "Image file is not a usable photo"),
    "E407": ("error", "Published product removed"),
    "E408": ("error", "Image path leaves the product's folder"),
    "E409": ("error", "GTIN used by more than one record"),
    "E410": ("error", "Record or folder is a symbolic link"),
    "E411": ("error", "Not a ward or commune of the province today"),
    "W412": ("warning", "Ward differs from where the certificate's commune went"),
    "W420": ("warning", "A product built before is gone (local preview)"),
    # site_config.yml
    "E500": ("error", "Site configuration problem"),
    "E501": ("error", "Plan target is not well formed"),
    "E502": ("error", "Plan refers to an unknown district"),
    "W503": ("warning", "Former unit the crosswalk cannot place"),
    "W504": ("warning", "Plan value dated after today"),
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, at one place, in words a data steward understands."""

    file: str
    line: int
    col: int
    code: str
    field: str
    message: str
    hint: str = ""
    severity: Severity = field(default="error", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", CODES[self.code][0])

    @property
    def title(self) -> str:
        return CODES[self.code][1]

    def text(self) -> str:
        """One line, whatever the steward's file holds: a field name or a value quoted in the
        message may contain newlines or bidirectional controls, which are printed as escapes."""
        where = f"{visible(self.file)}:{self.line}:{self.col}"
        subject = f" {visible(self.field)}:" if self.field else ""
        fix = f" {visible(self.hint)}" if self.hint else ""
        return f"{where}: {self.severity} {self.code}{subject} {visible(self.message)}{fix}"

    def github(self) -> str:
        # Workflow-command values must escape %, CR and LF; properties also escape ':' and ','.
        def data(s: str) -> str:
            return visible(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(s: str) -> str:
            return data(s).replace(":", "%3A").replace(",", "%2C")

        kind = "error" if self.severity == "error" else "warning"
        body = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            body += f" {self.hint}"
        return (
            f"::{kind} file={prop(self.file)},line={self.line},col={self.col},"
            f"title={prop(self.code + ' ' + self.title)}::{data(body)}"
        )

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["title"] = self.title
        return d


def summary(problems: Iterable[Diagnostic]) -> str:
    problems = list(problems)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.file for p in problems})

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not problems:
        return "No problems found."
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


FORMATS = ("text", "github", "json", "markdown")


def render(problems: list[Diagnostic], fmt: str, *, checked_files: int) -> str:
    """The same problems as text, GitHub workflow commands, JSON or Markdown (a pull request's job
    summary: the text lines in a code block, then the summary line)."""
    problems = sorted(problems)
    if fmt == "json":
        return json.dumps(
            {
                "checked_files": checked_files,
                "errors": sum(p.severity == "error" for p in problems),
                "warnings": sum(p.severity == "warning" for p in problems),
                "problems": [p.as_dict() for p in problems],
            },
            ensure_ascii=False,
            indent=2,
        )
    lines = [p.github() if fmt == "github" else p.text() for p in problems]
    tail = summary(problems)
    if not problems:
        tail = f"{checked_files} files checked. {tail}"
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
