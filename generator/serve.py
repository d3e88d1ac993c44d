"""`ocop serve`: a live preview for stewards. Builds, serves site/ on localhost, and rebuilds when
site_config.yml, a record, a hand-written page or the theme changes.

The builds run in a builder process of their own, started before the web server's thread (so
that it may fork its own workers on Linux; a threaded process never forks), and kept for the
whole preview (its imports are paid once). Changes are noticed by watchdog (the operating
system's file events on Linux, macOS and Windows). A failed build, whatever the reason, is
reported in the terminal and on every page of the preview, which keeps showing the last good
site until the files are fixed.
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import io
import os
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import processes

WATCHED = ("products", "catalogue", "theme")
QUIET = 0.4  # seconds without a new change before rebuilding: an editor's save is several events


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


def _builder(build: Callable[[], Any], requests: Any) -> None:
    """The builder process: one build per request; answers (succeeded, what went wrong)."""
    processes.die_with_parent()
    while True:
        try:
            requests.recv()
        except EOFError:
            return
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
    builder = context.Process(target=_builder, args=(build, theirs), name="ocop-serve-builder")
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
            while changed.is_set():  # wait until the editor is done saving
                changed.clear()
                time.sleep(QUIET)
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
        builder.join(5)
        if builder.is_alive():
            builder.kill()
