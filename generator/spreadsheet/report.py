"""What an import did, row by row: records written, rows skipped and why, warnings, columns ignored."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, has_errors


@dataclass(frozen=True)
class RowIssue:
    """One thing about one spreadsheet row: where, what was there, why it matters, how to fix it."""

    row: int
    column: str  # the heading as in the sheet ("" when the problem is the row as a whole)
    letter: str
    value: str
    why: str
    fix: str = ""

    def text(self) -> str:
        where = f"row {self.row}"
        if self.column:
            where += f", column \"{self.column}\"" + (f" ({self.letter})" if self.letter else "")
        value = f" = \"{_short(self.value)}\"" if self.value else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{where}{value}: {self.why}{fix}"


@dataclass(frozen=True)
class SkippedRow:
    row: int
    issues: tuple[RowIssue, ...]
    duplicate: bool = False


@dataclass(frozen=True)
class ImportedRecord:
    row: int
    id: str
    name: str
    path: Path


@dataclass
class ImportReport:
    source: Path
    root: Path
    dry_run: bool = False
    sheet: str | None = None
    header_rows: tuple[int, ...] = ()
    rows_read: int = 0
    records: list[ImportedRecord] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    sections: list[tuple[int, str]] = field(default_factory=list)
    other_sheets: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # the validator on the written records

    @property
    def written(self) -> list[Path]:
        """Paths written (in a dry run: the paths that would be written)."""
        return [r.path for r in self.records]

    def failed(self) -> bool:
        return bool(self.skipped) or has_errors(self.problems)

    def text(self) -> str:
        lines = [self._heading()]
        verb = "Would write" if self.dry_run else "Wrote"
        lines.append(f"{verb} {_plural(len(self.records), 'record')}" + (":" if self.records else "."))
        lines += [f"  row {r.row}: {self._rel(r.path)}  {r.name}" for r in self.records]
        if self.skipped:
            lines.append(f"Skipped {_plural(len(self.skipped), 'row')} (not written):")
            lines += [f"  {issue.text()}" for s in self.skipped for issue in s.issues]
        if self.warnings:
            lines.append("Warnings (the records were " + ("checked" if self.dry_run else "written") + "):")
            lines += [f"  {w.text()}" for w in self.warnings]
        if self.ignored_columns:
            lines.append("Ignored columns (no record field): " + ", ".join(self.ignored_columns) + ".")
        if self.sections:
            lines.append("Read as section headings or notes, not products: "
                         + "; ".join(f"row {r} \"{_short(t)}\"" for r, t in self.sections) + ".")
        if self.other_sheets:
            lines.append("Other sheets, not read (import each as its own file): "
                         + ", ".join(f"\"{name}\"" for name in self.other_sheets) + ".")
        if not self.dry_run and self.records:
            if self.problems:
                lines.append("`ocop validate` on the written records:")
                lines += [f"  {p.text()}" for p in self.problems]
            else:
                lines.append("`ocop validate` on the written records: no problems.")
        duplicates = sum(s.duplicate for s in self.skipped)
        lines.append(f"{len(self.records)} {'to write' if self.dry_run else 'written'}, {len(self.skipped)} skipped"
                     + (f" ({duplicates} already in the catalogue or repeated)" if duplicates else "") + ".")
        return "\n".join(lines)

    def _heading(self) -> str:
        sheet = f" (sheet \"{self.sheet}\")" if self.sheet else ""
        rows = "–".join(str(r) for r in (self.header_rows[0], self.header_rows[-1])) if len(self.header_rows) > 1 \
            else "".join(str(r) for r in self.header_rows)
        plural = "s" if len(self.header_rows) > 1 else ""
        found = _plural(self.rows_read, "product row")
        return f"Read {self.source.name}{sheet}: headings on row{plural} {rows}, {found}."

    def _rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
