"""`ocop serve` on a catalogue of a few hundred products: a steward's edit reaches the preview, and
the copies of the site it replaced are deleted, but never while a build works (serve.set_aside)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from generator import publish, serve

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

SET_ASIDE = f"{serve.SET_ASIDE}*"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.read().decode("utf-8")
    except OSError:
        return None


def _until(condition, seconds: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(what)


def _with_summary(record: Path, summary: str) -> None:
    text = record.read_text(encoding="utf-8")
    changed = re.sub(r"^summary: .*$", f'summary: "{summary}"', text, count=1, flags=re.M)
    assert changed != text
    record.write_text(changed, encoding="utf-8")


def test_a_saved_edit_reaches_the_preview_of_a_few_hundred_products(tmp_path: Path) -> None:
    synth.generate(tmp_path, 300, seed=5)
    records = sorted((tmp_path / "products").glob("*/*.yml"))
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--config", str(tmp_path / "site_config.yml"),
                                "--today", synth.TODAY.isoformat(), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "OCOP_LANG": "en"})
    try:
        for n, record in enumerate((records[7], records[123]), 1):
            product = f"http://127.0.0.1:{port}/p/{record.stem}/"
            english = f"http://127.0.0.1:{port}/en/p/{record.stem}/"
            _until(lambda: _page(product), 240, "the preview never served the product's page")
            words = f"Bản xem trước lần {n}"
            _with_summary(record, words)
            _until(lambda: words in (_page(product) or "") and words in (_page(english) or ""), 120,
                   f"edit {n} never reached the preview's pages in both languages")
        # The sites the edits replaced wait beside it (deleted while the steward is not editing),
        # never where the next build would delete them before building (publish.recover). A save's
        # events can arrive late on a busy machine and bring one more build after the page showed:
        # its staging folder is .site.new-*, gone when that build is done.
        _until(lambda: not [p for p in tmp_path.glob(".site.*") if p.is_dir()], 120,
               "a folder named .site.* stayed beside the site after the builds were done")
        assert list(tmp_path.glob(SET_ASIDE))
        process.send_signal(signal.SIGINT)  # Ctrl+C
        said = process.communicate(timeout=30)[0].decode("utf-8")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert said.count("Rebuilt") >= 2 and "Traceback" not in said, said
    _until(lambda: not list(tmp_path.glob(SET_ASIDE)), 120, "a stopped preview left copies of the site behind")


def _sites(folder: Path, n: int) -> list[Path]:
    made = []
    for k in range(n):
        site = folder / f".site.new-{k}"
        (site / "p" / "X").mkdir(parents=True)
        (site / "p" / "X" / "index.html").write_text("old", encoding="utf-8")
        (site / publish.MARKER).write_text("{}", encoding="utf-8")
        serve.set_aside(site)
        made.append(site)
    return made


def test_set_aside_sites_are_not_the_next_build_s_to_delete_and_go_when_the_steward_pauses(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / publish.MARKER).write_text("{}", encoding="utf-8")
    _sites(tmp_path, 2)
    publish.recover(out)  # what every build does first, under its lock
    assert len(list(tmp_path.glob(SET_ASIDE))) == 2 and not list(tmp_path.glob(".site.new-*"))

    deleter = serve._Deleter(tmp_path)
    deleter.start()  # waits for the steward to pause (DELETE_WHEN_IDLE)
    time.sleep(1)
    deleter.stop()  # a save: the build runs alone
    assert len(list(tmp_path.glob(SET_ASIDE))) == 2
    _sites(tmp_path, serve.KEEP_AT_MOST)  # too many waiting: deleted without waiting
    deleter.start()
    _until(lambda: not list(tmp_path.glob(SET_ASIDE)), 60, "the waiting copies were not deleted")
    deleter.stop()
    assert (out / publish.MARKER).is_file()
