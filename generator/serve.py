"""`ocop serve`: a live preview for stewards. Builds, serves site/ on localhost, and rebuilds when
site_config.yml, a record, a hand-written page or the theme changes.

The builds run in a builder process of their own, started before the web server's thread (so
that it may fork its own workers on Linux; a threaded process never forks), and kept for the
whole preview (its imports are paid once). Changes are noticed by watchdog (the operating
system's file events on Linux, macOS and Windows). A failed build, whatever the reason, is
reported in the terminal and on every page of the preview, which keeps showing the last good
site until the files are fixed.

The previous site is not deleted by the build that replaced it (``set_aside``): renamed out of
the way, it is deleted while the steward is not editing, never while a build works (``_Deleter``).
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import importlib
import io
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import processes

WATCHED = ("products", "catalogue", "theme")
# Seconds without a new change before rebuilding: an editor's save is several events (write,
# close; or a temporary file and a rename) within milliseconds. Counted from the last event.
QUIET = 0.3
SET_ASIDE = ".ocop-deleted-"  # beside the site; not ".site.*", which the next build deletes itself
# Set-aside sites are deleted once the preview has been left alone this long (seconds), or at
# once beyond this many (about 60 MB each at 3,000 products), and when the preview stops.
DELETE_WHEN_IDLE = 120.0
KEEP_AT_MOST = 5


def set_aside(old: Path | None) -> None:
    """The preview's way of discarding the previous site (build(..., discard=)): renamed out of
    the way, to be deleted when the steward is not waiting for a build (``_Deleter``).

    Deleting it at once, the build's own way, cost the next save seconds: the next build
    finished an unfinished deletion first (``publish.recover``), and on a file system that
    avoids reusing recently freed inodes (ext4 without a journal, this benchmark machine) every
    file a build makes in the minute after a deletion of 27,000 is slower (bench/README.md)."""
    if old is not None and old.exists():
        try:
            old.rename(old.with_name(f"{SET_ASIDE}{uuid.uuid4().hex}"))
        except OSError:  # a file of it open (Windows): the next build deletes it (publish.recover)
            pass


class _Deleter:
    """Deletes the sites set aside in ``folder`` by a process of its own, which waits ``delay``
    seconds first and is stopped when the next build is asked for (rmtree goes on where it
    stopped the next time). It outlives the preview, so that a stopped preview leaves nothing."""

    CODE = ("import os, shutil, sys, time\n"
            "time.sleep(float(sys.argv[1]))\n"
            "if hasattr(os, 'nice'): os.nice(19)\n"
            "for folder in sys.argv[2:]: shutil.rmtree(folder, ignore_errors=True)\n")

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, delay: float | None = None) -> None:
        """Start deleting after ``delay`` seconds (by default: DELETE_WHEN_IDLE, or none when more
        than KEEP_AT_MOST sites wait)."""
        self.stop()
        folders = [str(p) for p in self.folder.glob(f"{SET_ASIDE}*")]
        if not folders:
            return
        if delay is None:
            delay = 0.0 if len(folders) > KEEP_AT_MOST else DELETE_WHEN_IDLE
        self.process = subprocess.Popen([sys.executable, "-c", self.CODE, str(delay), *folders],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()
        self.process = None


class _Tee(io.TextIOBase):
    def __init__(self, *streams: Any) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


# What each build's processes would otherwise import anew on every save (forked from the builder,
# they find it imported): pandas for the plan figures (0.2 s of processor time), the parts of
# MkDocs, Material and Markdown that a language's pages load when they are rendered.
PRELOADED = ("pandas", "mkdocs.config.defaults", "mkdocs.theme", "mkdocs.localization", "material.templates",
             "markdown.extensions.toc", "markdown.extensions.tables", "markdown.extensions.admonition",
             "markdown.extensions.attr_list", "markdown_it", "pygments.lexers", "babel.support", "jinja2.ext")


def _preload() -> None:
    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except ImportError:  # only a speed-up: the build imports what it needs itself
            pass


def _builder(build: Callable[[], Any], requests: Any, site_parent: Path) -> None:
    """The builder process: one build per request; answers (succeeded, what went wrong). Between
    builds, it deletes the sites they set aside."""
    processes.die_with_parent()
    if processes.forks():
        _preload()
    deleter = _Deleter(site_parent)
    try:
        while True:
            deleter.start()
            try:
                requests.recv()
            except EOFError:  # the preview stops
                return
            deleter.stop()
            said = io.StringIO()
            try:
                with contextlib.redirect_stderr(_Tee(sys.stderr, said)):
                    ok = build() is not None
            except Exception as e:  # noqa: BLE001 - a preview reports every failure and keeps serving
                ok = False
                message = f"{type(e).__name__}: {e}"
                click.echo(message, err=True)
                said.write(message)
            requests.send((ok, said.getvalue()))
    except (KeyboardInterrupt, OSError):  # Ctrl+C reaches this process too; or the preview stopped meanwhile
        pass


class Status:
    """What the preview shows about the last build (read by the web server's threads)."""

    def __init__(self) -> None:
        self.failure = ""
        self.lock = threading.Lock()

    def set(self, failure: str) -> None:
        with self.lock:
            self.failure = failure

    def banner(self) -> bytes:
        with self.lock:
            failure = self.failure
        if not failure:
            return b""
        text = html.escape(failure.strip()[:4000])
        return (f'<div role="alert" id="ocop-preview-failed" style="position:sticky;top:0;z-index:9;'
                f'background:#fde7e9;color:#5f1212;border-bottom:3px solid #b3261e;padding:.6rem 1rem;'
                f'font:14px/1.4 sans-serif;white-space:pre-wrap;max-height:40vh;overflow:auto">'
                f'<strong>Bản dựng mới nhất thất bại — đang hiển thị bản trước / The last build failed — showing the '
                f'previous one.</strong>\n{text}</div>').encode("utf-8")


class _Handler(http.server.SimpleHTTPRequestHandler):
    status: Status

    def log_message(self, format: str, *args: object) -> None:  # quiet: stewards watch build messages
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        banner = self.status.banner()
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not banner or not path.endswith(".html") or not os.path.isfile(path):
            return super().send_head()
        if not self.path.split("?", 1)[0].endswith(("/", ".html")):
            return super().send_head()  # the folder's redirect to its address with "/"
        with open(path, "rb") as f:
            page = f.read()
        at = page.find(b">", page.find(b"<body")) + 1 if b"<body" in page else 0
        page = page[:at] + banner + page[at:]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(page)


def serve(config_path: Path, today: date, host: str, port: int, build: Callable[[], Any]) -> None:
    """``build``: a picklable function that builds the preview into site/ and returns None when
    it failed (it prints why)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    root = config_path.parent.resolve()
    site = root / "site"
    context = processes.context()  # decided now, while this process has one thread
    requests, theirs = context.Pipe()
    # Not a daemon: it starts the build's own processes. It dies with this one (die_with_parent).
    builder = context.Process(target=_builder, args=(build, theirs, site.parent), name="ocop-serve-builder")
    builder.start()
    theirs.close()
    status = Status()

    def rebuild() -> bool:
        requests.send("build")
        try:
            ok, said = requests.recv()
        except EOFError:
            ok, said = False, f"the builder process stopped (exit code {builder.exitcode})"
        status.set("" if ok else said)
        return bool(ok)

    changed = threading.Event()
    last_change = [0.0]  # time.monotonic() of the latest event

    class Changes(FileSystemEventHandler):
        def __init__(self, only: str | None = None) -> None:
            self.only = only

        def on_any_event(self, event: Any) -> None:
            paths = {str(event.src_path), str(getattr(event, "dest_path", "") or "")} - {""}
            if event.event_type in ("opened", "closed_no_write"):
                return  # reads
            if self.only is not None and self.only not in paths:
                return  # in the project folder, only site_config.yml matters (site/ changes with each build)
            if all(os.sep + "." in p.replace(str(root), "", 1) for p in paths):
                return  # editors' hidden swap files
            last_change[0] = time.monotonic()
            changed.set()

    observer = Observer()
    for name in WATCHED:
        if (root / name).is_dir():
            observer.schedule(Changes(), str(root / name), recursive=True)
    observer.schedule(Changes(str(config_path.resolve())), str(root), recursive=False)
    # Watching starts before the first build (the builder process already runs): an edit saved
    # while it builds is not missed, and leads to a rebuild as soon as the first one is done.
    observer.start()
    if not rebuild() and not site.exists():
        observer.stop()
        builder.kill()
        raise SystemExit(1)
    handler = type("Handler", (_Handler,), {"status": status})
    httpd = http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    click.echo(f"Serving the catalogue on http://{host}:{port}/ (as of {today}); Ctrl+C to stop.")

    try:
        while True:
            changed.wait()
            while (quiet := last_change[0] + QUIET - time.monotonic()) > 0:  # until the editor is done saving
                time.sleep(quiet)
            changed.clear()  # a change saved from now on brings another build after this one
            click.echo("Change detected, rebuilding...")
            if rebuild():
                click.echo("Rebuilt; reload the page in your browser.")
            else:
                click.echo("The preview keeps showing the last good site; fix the problems above and save again.")
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        httpd.shutdown()
        requests.close()
        # Forked, the builder holds this end of the pipe too and never reads an end of file.
        builder.terminate()
        builder.join(5)
        if builder.is_alive():
            builder.kill()
        _Deleter(site.parent).start(0.0)  # what the builds set aside, now that no build waits
