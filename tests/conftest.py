from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# Every test runs "as of" this date, so that statuses (valid, expiring, expired) never drift.
TODAY = date(2026, 11, 22)


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
