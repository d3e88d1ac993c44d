from __future__ import annotations

import functools
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# Every test runs "as of" this date, so that statuses (valid, expiring, expired) never drift.
TODAY = date(2026, 11, 22)

# A run started in the background by a shell (`make test &`, or a CI step written so) has Ctrl+C
# ignored, and every program a test starts inherits that: the tests that press Ctrl+C in `ocop new`
# and `ocop serve` would wait for an answer that never comes. A handled signal is not inherited:
# the programs get their default (Python's KeyboardInterrupt) again.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project: the sample site_config.yml and an empty products/ folder."""
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    (tmp_path / "products").mkdir()
    return tmp_path


def write_record(project: Path, rel: str, text: str | bytes) -> Path:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


# ---------------------------------------------------------------------------------------------
# Shared by test_site_build.py and test_browser.py.

CHROMIUM = Path("/usr/bin/chromium")
# Headless as root; without the networking flags Chromium keeps trying to reach the outside.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample catalogue built once per session as of TODAY; returns the site folder.

    Built from a copy of site_config.yml and products/ so that the asset cache starts empty (every
    QR code, badge and preview is really drawn) and nothing is written inside the repository.
    """
    from generator.build import build

    root = tmp_path_factory.mktemp("sample")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    shutil.copytree(ROOT / "products", root / "products")
    build(root / "site_config.yml", root / "site", TODAY)
    return root / "site"


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium (the system one, never downloaded) for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    playwright = sync_api.sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except BaseException:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def record_yaml():  # type: ignore[no-untyped-def]
    """A function returning the text of a valid record (4 stars, valid as of TODAY) in mai-son,
    with top-level fields replaced by keyword arguments (None removes a field)."""
    import yaml

    def make(pid: str = "SL-MS-0901", **fields: object) -> str:
        record: dict[str, object] = {
            "id": pid,
            "name": "Mật ong hoa ban Chiềng Ban",
            "group": "food",
            "district": "mai-son",
            "commune": "chieng-ban",
            "producer": {"name": "HTX Ong mật Chiềng Ban", "type": "cooperative"},
            "summary": "Mật ong hoa ban thu hoạch mùa xuân trên đồi Chiềng Ban.",
            "certifications": [{"level": "province", "decision": "2210/QĐ-UBND", "date": date(2024, 6, 20),
                                "stars": 4, "score": 78.5, "parts": {"A": 33, "B": 19, "C": 26.5},
                                "kind": "new", "issued_by": "UBND tỉnh Sơn La"}],
        }
        record.update(fields)
        record = {k: v for k, v in record.items() if v is not None}
        return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1000)

    return make


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a built site on a free port of 127.0.0.1, like a static host; yields its base URL (ending in /)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files actually checked by validation (not taken from the check cache), in the
    order checked."""
    from generator import validate as validate_module

    seen: list[str] = []
    real = validate_module.check_record

    def spy(path, root, config, today):  # type: ignore[no-untyped-def]
        seen.append(path.name)
        return real(path, root, config, today)

    monkeypatch.setattr(validate_module, "check_record", spy)
    return seen
