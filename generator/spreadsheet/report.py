"""What an import did, row by row: records written, rows skipped and why, warnings, columns ignored."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, _chosen, has_errors
from ..messages import Said, count, render_text, said


@dataclass(frozen=True)
class RowIssue:
    """One thing about one spreadsheet row: where, what was there, why it matters, how to fix it
    (sentences of the message table, printed in the command's language)."""

    row: int
    column: str  # the heading as in the sheet ("" when the problem is the row as a whole)
    letter: str
    value: str
    why: Said | str
    fix: Said | str = ""

    def text(self, lang: str | None = None) -> str:
        lang = _chosen(lang)
        place = render_text(said("import.row", row=self.row), lang)
        if self.column:
            place += render_text(said("import.column", column=self.column), lang) + (
                f" ({self.letter})" if self.letter else "")
        value = f" = \"{_short(self.value)}\"" if self.value else ""
        fix = " " + render_text(said("import.fix", fix=self.fix), lang) if self.fix else ""
        return f"{place}{value}: {render_text(self.why, lang)}{fix}"


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

    def text(self, lang: str | None = None) -> str:
        lang = _chosen(lang)

        def say(key: str, **values: object) -> str:
            return render_text(said(key, **values), lang)

        lines = [self._heading(lang)]
        records = count("import.records", len(self.records))
        lines.append(say("import.would_write" if self.dry_run else "import.wrote", records=records)
                     + (":" if self.records else "."))
        lines += [f"  {say('import.row', row=r.row)}: {self._rel(r.path)}  {r.name}" for r in self.records]
        if self.skipped:
            lines.append(say("import.skipped", rows=count("import.rows", len(self.skipped))))
            lines += [f"  {issue.text(lang)}" for s in self.skipped for issue in s.issues]
        if self.warnings:
            lines.append(say("import.warnings_checked" if self.dry_run else "import.warnings_written"))
            lines += [f"  {w.text(lang)}" for w in self.warnings]
        if self.ignored_columns:
            lines.append(say("import.ignored", columns=", ".join(self.ignored_columns)))
        if self.sections:
            lines.append(say("import.sections", rows="; ".join(say("import.section_row", row=r, text=_short(t))
                                                                for r, t in self.sections)))
        if self.other_sheets:
            lines.append(say("import.other_sheets", names=", ".join(f"\"{name}\"" for name in self.other_sheets)))
        if not self.dry_run and self.records:
            if self.problems:
                lines.append(say("import.validated"))
                lines += [f"  {p.text(lang)}" for p in self.problems]
            else:
                lines.append(say("import.validated_clean"))
        duplicates = sum(s.duplicate for s in self.skipped)
        lines.append(say("import.total", n=len(self.records), done=said("import.to_write" if self.dry_run
                                                                          else "import.written"),
                         skipped=len(self.skipped),
                         duplicates=said("import.duplicates", n=duplicates) if duplicates else ""))
        return "\n".join(lines)

    def _heading(self, lang: str) -> str:
        sheet = said("import.sheet", sheet=self.sheet) if self.sheet else ""
        rows = "–".join(str(r) for r in (self.header_rows[0], self.header_rows[-1])) if len(self.header_rows) > 1 \
            else "".join(str(r) for r in self.header_rows)
        heading_rows = Said("import.heading_rows", (("rows", rows), ("n", len(self.header_rows))))
        return render_text(said("import.read", file=self.source.name, sheet=sheet, rows=heading_rows,
                                found=count("import.product_rows", self.rows_read)), lang)

    def _rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
