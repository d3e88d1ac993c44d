"""`ocop serve`: a live preview for stewards. Builds, serves site/ on localhost, and rebuilds when
site_config.yml, a record, a hand-written page or the theme changes (an invalid edit prints the
validator's messages and keeps serving the last good site)."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click


def _snapshot(root: Path) -> dict[str, float]:
    seen: dict[str, float] = {}
    for name in ("products", "catalogue", "theme"):
        base = root / name
        if base.is_dir():
            for p in base.rglob("*"):
                if p.is_file():
                    seen[str(p)] = p.stat().st_mtime
    config = root / "site_config.yml"
    if config.exists():
        seen[str(config)] = config.stat().st_mtime
    return seen


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # quiet: stewards watch build messages
        pass


def serve(config_path: Path, today: date, host: str, port: int, rebuild: Callable[[], bool]) -> None:
    root = config_path.parent.resolve()
    site = root / "site"
    if not rebuild() and not site.exists():
        raise SystemExit(1)
    # The handler opens files by path on every request, so it follows the swapped-in new site.
    handler = functools.partial(_Handler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    click.echo(f"Serving the catalogue on http://{host}:{port}/ (as of {today}); Ctrl+C to stop.")
    state = _snapshot(root)
    try:
        while True:
            time.sleep(1)
            now = _snapshot(root)
            if now != state:
                state = now
                click.echo("Change detected, rebuilding...")
                if rebuild():
                    click.echo("Rebuilt; reload the page in your browser.")
    except KeyboardInterrupt:
        httpd.shutdown()
