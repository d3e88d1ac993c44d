"""The `ocop` command. Each subcommand is a thin wrapper over a library function."""

from __future__ import annotations

import gc
import os
import sys
from datetime import date, datetime
from pathlib import Path

import click

from .cliwords import LANGUAGES, env_lang, say, words
from .diagnostics import render
from .messages import Said, render_text, said


def said_in(key: str, **values: object) -> str:
    """A sentence of the message table in the command's language (`--lang`, OCOP_LANG)."""
    from .cliwords import lang

    return render_text(said(key, **values), lang())


class Command(click.Command):
    """A command whose help texts are keys of the words table (cliwords), shown in the language of
    the command line (`--lang`, OCOP_LANG): click reads help texts when they are printed, after the
    options were parsed, so one table serves both languages."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "opt.help"
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=say("cli.usage"))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        key, self.help = self.help, words(self.help)
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = key

    def get_short_help_str(self, limit: int = 45) -> str:
        key, self.help = self.help, words(self.help)
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help = key

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for param in self.get_params(ctx):
            if isinstance(param, click.Argument):
                continue
            key, param.help = param.help, words(param.help)  # type: ignore[attr-defined]
            try:
                row = param.get_help_record(ctx)
            finally:
                param.help = key  # type: ignore[attr-defined]
            if row is not None:
                rows.append((row[0], _bracket_words(row[1])))
        if rows:
            with formatter.section(say("cli.options")):
                formatter.write_dl(rows)


def _bracket_words(text: str) -> str:
    # click writes "[default: text; required]" itself, in English.
    if "[" not in text:
        return text
    for word in ("default", "required", "env var"):
        text = text.replace(f"{word}:", f"{say('cli.' + word.replace(' ', ''))}:").replace(
            f"{word}]", f"{say('cli.' + word.replace(' ', ''))}]")
    return text


class Group(Command, click.Group):
    command_class = Command

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        Command.format_options(self, ctx, formatter)
        rows = [(name, cmd.get_short_help_str(formatter.width - 6 - max(map(len, self.commands))))
                for name in self.list_commands(ctx) if (cmd := self.get_command(ctx, name)) and not cmd.hidden]
        if rows:
            with formatter.section(say("cli.commands")):
                formatter.write_dl(rows)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    # Eager: read before --help prints anything. Kept on the context object every subcommand inherits.
    chosen = value.lower() if value else env_lang()
    ctx.ensure_object(dict)["lang"] = chosen
    return chosen


def _today(ctx: click.Context, param: click.Parameter, value: datetime | None) -> date:
    return value.date() if value else date.today()


config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=Path("site_config.yml"),
    show_default=True, help="opt.config")
today_option = click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), callback=_today, default=None, metavar="YYYY-MM-DD",
    help="opt.today")


@click.group(cls=Group, help="help.main", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ocop-catalogue", help="opt.version")
@click.option("--lang", type=click.Choice(LANGUAGES, case_sensitive=False), default=None, is_eager=True,
              expose_value=False, callback=_set_lang, help="opt.lang")
def main() -> None:
    """Validate and publish the OCOP product catalogue."""
    # A build holds hundreds of thousands of long-lived objects (records, pages, index entries)
    # and makes few reference cycles: with the default thresholds Python's collector walks them
    # all again and again, a third of a rebuild's time at 20,000 products.
    gc.set_threshold(100_000, 50, 100)


@main.command(help="help.validate")
# Not exists=True: a dangling symbolic link named here is the validator's to report (E410), and a
# missing file gets the validator's plain sentence rather than click's usage error.
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json", "markdown"]), default="text",
              show_default=True, help="opt.validate.format")
@click.option("--strict", is_flag=True, help="opt.validate.strict")
@click.option("--published", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="opt.validate.published")
def validate(paths: tuple[Path, ...], config_path: Path, today: date, fmt: str, strict: bool,
             published: Path | None) -> None:
    """Check records (all of them, or PATHS) and say exactly what to fix.

    Cross-record rules (unique ids, published ids still present) always consider every record.
    Exit status 1 when there is an error (or a warning with --strict), whatever the format.
    """
    from . import permanence
    from .validate import present_ids, validate as run

    result = run(config_path, today, list(paths) or None)
    if published is not None:
        try:
            listed = permanence.read(published)
        except permanence.ManifestError as e:
            click.echo(said_in("cli.error", reason=said("validate.manifest", published=published, reason=e.said)),
                       err=True)
            sys.exit(1)
        # Judged on the files present, valid or not: an invalid record still keeps its id.
        result.problems.extend(permanence.lost(present_ids(config_path.parent), listed))
    click.echo(render(result.problems, fmt, checked_files=result.checked_files))
    sys.exit(1 if result.failed(strict=strict) else 0)


@main.command(help="help.schema")
@click.option("--check", is_flag=True, help="opt.schema.check")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=Path("."), show_default=True,
              help="opt.schema.root")
def schema(check: bool, root: Path) -> None:
    """Write schema/*.schema.json and the field reference in CONTRIBUTING.md."""
    from .schemadocs import generated_files

    stale = []
    for rel, content in generated_files().items():
        target = root / rel
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != content:
            stale.append(rel)
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content, encoding="utf-8")
    if check and stale:
        click.echo(say("schema.stale", files=", ".join(stale)), err=True)
        sys.exit(1)
    click.echo(say("schema.up_to_date" if check or not stale else "schema.wrote",
                   files=", ".join(stale) or say("schema.all")))


@main.command(help="help.new")
@config_option
@today_option
@click.option("--district", help="opt.new.district")
@click.option("--commune", help="opt.new.commune")
@click.option("--ward", help="opt.new.ward")
@click.option("--name", help="opt.new.name")
@click.option("--group", help="opt.new.group")
@click.option("--producer", "producer_name", help="opt.new.producer")
@click.option("--producer-type", help="opt.new.producer_type")
@click.option("--summary", help="opt.new.summary")
@click.option("--level", help="opt.new.level")
@click.option("--decision", help="opt.new.decision")
@click.option("--date", help="opt.new.date")
@click.option("--stars", help="opt.new.stars")
@click.option("--score", help="opt.new.score")
@click.option("--resume", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="opt.new.resume")
@click.option("--ask/--no-ask", default=None, help="opt.new.ask")
@click.option("--dry-run", is_flag=True, help="opt.new.dry_run")
def new(config_path: Path, today: date, resume: Path | None, ask: bool | None, dry_run: bool,
        **options: str | None) -> None:
    """Create a valid record with the next free id, asking for what the options do not give."""
    from . import scaffold
    from .cliwords import lang

    language = lang()
    interactive = sys.stdin.isatty() if ask is None else ask

    def prompt(text: str, default: str | None) -> str:
        return str(click.prompt(text, default=default or "", show_default=bool(default)))

    def fail(lines: list[str]) -> None:
        for line in lines:
            click.echo(f"{say('cli.error')}: {line}", err=True)
        sys.exit(1)

    try:
        form = scaffold.open_form(config_path, today, language)
        given = scaffold.read_draft(resume, language) if resume else {}
    except scaffold.NewRecordError as e:
        fail(e.lines)
    given.update({k: v for k, v in options.items() if v is not None})
    if interactive:
        click.echo(say("new.intro"))
    try:
        pid, text = scaffold.fill(form, given, prompt if interactive else None, click.echo)
    except (click.Abort, KeyboardInterrupt, EOFError):
        click.echo()
        _keep_draft(form, resume, interactive)
        sys.exit(1)
    except scaffold.NewRecordError as e:
        if interactive:
            _keep_draft(form, resume, interactive=False)
        fail(e.lines)
    if dry_run:
        click.echo(text, nl=False)
        return
    path = scaffold.write_record(form, pid, text)
    if resume is not None:
        resume.unlink(missing_ok=True)  # the draft became the record
    click.echo(say("new.created", path=path))
    if not form.answers.get("certified"):
        click.echo(say("new.add_cert"))


def _keep_draft(form, resume: Path | None, interactive: bool) -> None:  # type: ignore[no-untyped-def]
    """Never lose what was typed: offer to save the answers so far (saved when the offer cannot be answered)."""
    from . import scaffold

    if not any(v is not None for v in form.answers.values()):
        click.echo(say("new.stopped"))
        return
    keep = True
    if interactive:
        try:
            keep = click.prompt(say("new.save_draft"), default=say("new.yes")).strip().lower()[:1] != say("new.no")
        except (click.Abort, KeyboardInterrupt, EOFError):
            click.echo()
    if keep:
        saved = scaffold.save_draft(form, resume)
        shown = Path(os.path.relpath(saved)) if saved.is_relative_to(Path.cwd()) else saved
        click.echo(say("new.draft_saved", path=shown))
    else:
        click.echo(say("new.stopped"))


@main.command(help="help.build")
@config_option
@today_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="opt.build.out")
@click.option("--strict", is_flag=True, help="opt.build.strict")
@click.option("--published", default=None, metavar="FILE|URL", help="opt.build.published")
@click.option("--plan-as-of", "plan_as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              metavar="YYYY-MM-DD", help="opt.build.plan_as_of")
def build(config_path: Path, today: date, out: Path | None, strict: bool, published: str | None,
          plan_as_of: datetime | None) -> None:
    """Validate everything, then build the static site (the previous site stays if anything fails)."""
    report = _build(config_path, today, out, strict, published, plan_as_of.date() if plan_as_of else None)
    if report is None:
        sys.exit(1)
    timing = ", ".join(f"{k} {v:.1f}s" for k, v in report.seconds.items())
    click.echo(said_in("build.done", n=report.products, out=report.out, timing=timing))


def _build(config_path: Path, today: date, out: Path | None, strict: bool,  # type: ignore[no-untyped-def]
           published: str | None = None, plan_as_of: date | None = None, discard=None):
    from .build import BuildFailed, build as run
    from .mkdocs_adapter import RenderError

    out = out or config_path.parent / "site"
    try:
        report = run(config_path, out, today, strict=strict, published=published, plan_as_of=plan_as_of,
                     discard=discard)
    except BuildFailed as e:
        if e.problems:
            click.echo(render(e.problems, "text", checked_files=0), err=True)
        refused = isinstance(e.said, Said) and e.said.key == "build.refused"
        click.echo(said_in("build.failed_refused" if refused else "build.failed", reason=e.said, out=out), err=True)
        return None
    except RenderError as e:
        click.echo(said_in("build.render_failed", reason=str(e), out=out), err=True)
        return None
    warnings = [p for p in report.problems if p.severity == "warning"]
    if warnings:
        click.echo(render(warnings, "text", checked_files=0), err=True)
    return report


@main.command(help="help.serve")
@config_option
@today_option
@click.option("--port", default=8000, show_default=True, help="opt.serve.port")
@click.option("--host", default="127.0.0.1", show_default=True, help="opt.serve.host")
def serve(config_path: Path, today: date, port: int, host: str) -> None:
    """Build, serve the site on http://HOST:PORT/, and rebuild when a record or page changes."""
    from .serve import serve as run, set_aside

    import functools

    run(config_path, today, host, port, functools.partial(_build, config_path, today, None, False, discard=set_aside))


@main.command(help="help.report")
@config_option
@today_option
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=Path("plan-progress.xlsx"),
              show_default=True, help="opt.report.out")
@click.option("--force", is_flag=True, help="opt.force")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="opt.report.as_of")
def report(config_path: Path, today: date, out: Path, force: bool, as_of: datetime | None) -> None:
    """Write the plan's progress (the numbers of the /plan/ page) as a spreadsheet."""
    from .cells import WriteError
    from .plan import evaluate
    from .report import write
    from .validate import validate as run_validation

    _writable(out, config_path, force)
    _folder_writable(out.parent)
    result = run_validation(config_path, today)
    if result.failed() or result.catalogue is None:
        click.echo(render(result.problems, "text", checked_files=result.checked_files), err=True)
        sys.exit(1)
    plan = result.catalogue.config.plan
    if plan is None:
        click.echo("site_config.yml has no `plan:` section; see CONTRIBUTING.md.", err=True)
        sys.exit(1)
    # A past date: today's records, with what was decided after that day left out (plan.py).
    day = as_of.date() if as_of else today
    if day > today:
        click.echo(say("report.future", date=day.isoformat(), today=today.isoformat()), err=True)
        sys.exit(1)
    try:
        write(evaluate(plan, result.catalogue, day), out)
    except WriteError as e:  # the disk filled up while writing: the previous file is left as it was
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    click.echo(f"Wrote {out}.")


@main.command("import", help="help.import")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@config_option
@today_option
@click.option("--dry-run", is_flag=True, help="opt.import.dry_run")
def import_(file: Path, config_path: Path, today: date, dry_run: bool) -> None:
    """Turn a province's OCOP list (.xlsx, .xls or .csv) into records; never overwrites one.

    Exit status 1 when any row was skipped (it could not be mapped, or it is already in the
    catalogue) or when a written record does not pass `ocop validate`.
    """
    from .cells import WriteError
    from .spreadsheet import SpreadsheetError, import_table

    try:
        report = import_table(config_path, file, today, dry_run=dry_run)
    except (SpreadsheetError, WriteError) as e:
        click.echo(said_in("cli.error", reason=e.args[0] if e.args and isinstance(e.args[0], Said) else str(e)),
                   err=True)
        sys.exit(1)
    click.echo(report.text())
    sys.exit(1 if report.failed() else 0)


def _folder_writable(folder: Path) -> None:
    """Before any work: a folder where nothing can be created is said at once, not after the work."""
    from .cells import WriteError, check_writable

    try:
        check_writable(folder)
    except WriteError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)


@main.command(help="help.export")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@config_option
@today_option
@click.option("--force", is_flag=True, help="opt.force")
def export(out: Path, config_path: Path, today: date, force: bool) -> None:
    """Write every product with its latest certificate to OUT (.xlsx or .csv), as `ocop import` reads it."""
    from .cells import WriteError
    from .spreadsheet import SpreadsheetError, export_table
    from .validate import validate as run_validation

    _writable(out, config_path, force)
    _folder_writable(out.parent)
    result = run_validation(config_path, today)
    if result.failed() or result.catalogue is None:
        click.echo(render(result.problems, "text", checked_files=result.checked_files), err=True)
        sys.exit(1)
    try:
        table = export_table(result.catalogue, out)
    except (SpreadsheetError, WriteError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    click.echo(f"Wrote {len(table)} products to {out}.")


@main.command(help="help.links")
@config_option
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True,
              help="opt.links.format")
@click.option("--timeout", default=10.0, show_default=True, help="opt.links.timeout")
def links(config_path: Path, today: date, fmt: str, timeout: float) -> None:
    """Check that producer, marketplace and decision links still answer (reports; exit 0)."""
    from .links import check, render as render_links
    from .validate import validate as run_validation

    result = run_validation(config_path, today)
    if result.catalogue is None:
        click.echo(render(result.problems, "text", checked_files=result.checked_files), err=True)
        sys.exit(1)
    click.echo(render_links(check(result.catalogue, timeout=timeout), fmt))


def _writable(out: Path, config_path: Path, force: bool) -> None:
    """Before any work: a spreadsheet never replaces a record, the configuration or, without
    --force, any existing file."""
    from .publish import UnsafeOutput, check_output_file

    try:
        check_output_file(out, config_path.parent, force=force)
    except UnsafeOutput as e:
        click.echo(said_in("cli.error", reason=e.said), err=True)
        sys.exit(1)


@main.command(help="help.units")
@click.argument("province")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="opt.units.out")
@click.option("--force", is_flag=True, help="opt.units.force")
def units(province: str, out: Path | None, force: bool) -> None:
    """Print the `units:` section of site_config.yml for PROVINCE: today's wards and communes with
    their official codes, and the former districts and communes it absorbed, each with the unit it became."""
    from . import places
    from .cliwords import lang

    today = places.province(province)
    if today is None and (former := places.former_province(province)) is not None:
        today = places.province(former.today)
    if today is None:
        close = places.suggest_provinces(province)
        hint = say("units.did_you_mean", names=", ".join(f"'{p.name}'" for p in close)) if close else ""
        click.echo(f"{say('cli.error')}: {say('units.unknown', province=province, hint=hint)}", err=True)
        sys.exit(1)
    text = places.units_section(today.code, lang())
    if out is None:
        click.echo(text, nl=False)
        return
    if out.exists() and not force:
        click.echo(f"{say('cli.error')}: {say('units.exists', out=out)}", err=True)
        sys.exit(1)
    out.write_text(text, encoding="utf-8")
    click.echo(say("units.wrote", out=out, n=len(places.units(today.code)), province=today.name))


def run() -> None:  # pragma: no cover - console entry point for python -m
    main(prog_name="ocop")
