"""`ocop serve` (a steward's live preview) and `ocop links` (the weekly link report)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from generator.links import Link, check_one, render

from conftest import ROOT, TODAY, serve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return response.read().decode("utf-8")


def _page_when(url: str, shows: Callable[[str], bool], deadline: float, failure: str) -> str:
    """The page at ``url`` once ``shows(page)`` holds (asked every half second until ``deadline``,
    a time.monotonic(); a refused connection is asked again), else an AssertionError saying ``failure``."""
    while time.monotonic() < deadline:
        try:
            page = _get(url)
            if shows(page):
                return page
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(failure)


def _preview(tmp_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    """`ocop serve` started on a copy of the sample's mai-son records, and its port."""
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "products" / "mai-son", tmp_path / "products" / "mai-son")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--config", str(tmp_path / "site_config.yml"),
                                "--today", TODAY.isoformat(), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process, port


def test_serve_previews_and_rebuilds_when_a_record_changes(tmp_path: Path) -> None:
    process, port = _preview(tmp_path)
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 90
        page = ""
        while time.monotonic() < deadline:
            try:
                page = _get(base + "p/SL-MS-0001/")
                break
            except OSError:
                time.sleep(0.3)
        assert "SL-MS-0001" in page
        record = tmp_path / "products/mai-son/SL-MS-0001.yml"
        text = record.read_text(encoding="utf-8")
        record.write_text(_with_summary(text, "Bản xem trước đã cập nhật."), encoding="utf-8")
        _page_when(base + "p/SL-MS-0001/", lambda page: "Bản xem trước đã cập nhật." in page, deadline,
                   "the preview was not rebuilt after the record changed")
        # A broken edit: the preview says so on the page and keeps showing the last good site.
        record.write_text(text.replace("certifications:", "certifications:\n  - level: district\n    date: 10/10/2024", 1)
                          .replace("summary:", "summary: [unclosed", 1), encoding="utf-8")
        page = _page_when(base + "p/SL-MS-0001/", lambda page: 'id="ocop-preview-failed"' in page, deadline,
                          "the preview never said that the last build failed")
        assert "Bản xem trước đã cập nhật." in page  # the last good page, still served
        assert "SL-MS-0001.yml" in page and "&lt;" not in page.split('id="ocop-preview-failed"')[0]
        assert process.poll() is None, "serve stopped after a failed build"
        record.write_text(_with_summary(text, "Đã sửa xong."), encoding="utf-8")
        _page_when(base + "p/SL-MS-0001/", lambda page: "Đã sửa xong." in page and "ocop-preview-failed" not in page,
                   deadline, "the preview did not recover once the record was fixed")
    finally:
        process.terminate()
        process.wait(10)
    time.sleep(1)
    leftovers = subprocess.run(["pgrep", "-f", "--", f"--config {tmp_path}"], capture_output=True, text=True).stdout
    assert not leftovers.strip(), "the preview's builder outlived it"


def _with_summary(text: str, summary: str) -> str:
    lines = text.splitlines()
    out = [f"summary: {summary}" if line.startswith("summary:") else line for line in lines]
    return "\n".join(out) + "\n"


def test_link_check_reports_broken_links_and_keeps_good_ones(tmp_path: Path) -> None:
    (tmp_path / "ok.html").write_text("ok", encoding="utf-8")
    with serve(tmp_path) as base:
        good = check_one(Link("SL-MS-0001", "sales.marketplaces[0].url", base + "ok.html"), timeout=5)
        missing = check_one(Link("SL-MS-0002", "producer.website", base + "gone.html"), timeout=5)
    port = _free_port()  # nothing listens there
    dead = check_one(Link("SL-MS-0003", "certifications[0].source", f"http://127.0.0.1:{port}/"), timeout=2)
    assert good.ok and not missing.ok and not dead.ok
    assert missing.detail == "HTTP 404" and dead.detail.startswith("no answer")
    text = render([good, missing, dead], "text")
    assert "SL-MS-0002 producer.website" in text and "SL-MS-0001" not in text
    assert text.endswith("3 links checked, 2 not answering.")
    assert "| SL-MS-0003 |" in render([good, missing, dead], "markdown")


def test_an_edit_saved_while_the_preview_first_builds_is_not_missed(tmp_path: Path) -> None:
    process, port = _preview(tmp_path)
    try:
        time.sleep(1.0)  # the first build has started, nothing is served yet
        record = tmp_path / "products/mai-son/SL-MS-0001.yml"
        record.write_text(_with_summary(record.read_text(encoding="utf-8"), "Sửa trong lúc dựng lần đầu."),
                          encoding="utf-8")
        _page_when(f"http://127.0.0.1:{port}/p/SL-MS-0001/", lambda page: "Sửa trong lúc dựng lần đầu." in page,
                   time.monotonic() + 90, "an edit saved during the first build never reached the preview")
    finally:
        process.terminate()
        process.wait(10)
