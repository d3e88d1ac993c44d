"""generator/publish.py on its own: what a site's state is trusted for (putting a site in place is
tested in test_build_safety.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import publish


def test_a_state_is_only_trusted_for_the_site_it_describes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / publish.BUILD_FILE).write_text('{"vi": "1"}')
    state = publish.State(str(site), publish.build_digest(site), "2026-11-22", pages={"vi": {"p/A/": "k"}})
    state.save(tmp_path)
    assert publish.State.load(tmp_path, site) == state
    assert publish.State.load(tmp_path, tmp_path / "elsewhere") is None
    (site / publish.BUILD_FILE).write_text('{"vi": "2"}')  # another build wrote this site since
    assert publish.State.load(tmp_path, site) is None
    publish.State.forget(tmp_path)
    assert not publish.State.file(tmp_path).exists()
