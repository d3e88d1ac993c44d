"""Remembered per-file checks (generator/checkcache.py): a rebuild re-checks exactly what changed."""

from __future__ import annotations

import pickle
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator import validate as validate_module
from generator.validate import validate

from conftest import ROOT, TODAY


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "products", tmp_path / "products")
    return tmp_path


def problems(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{p.file}:{p.line}:{p.col} {p.code}" for p in result.problems]


def test_an_unchanged_project_is_not_checked_again_and_gives_the_same_result(copy: Path, checks: list[str]) -> None:
    cache = copy / ".cache/ocop/checked"
    first = validate(copy / "site_config.yml", TODAY, cache=cache)
    assert len(checks) == len(first.catalogue.entries) == 64
    checks.clear()
    second = validate(copy / "site_config.yml", TODAY, cache=cache)
    assert checks == []
    assert [e.record for e in second.catalogue.entries] == [e.record for e in first.catalogue.entries]
    assert [e.derived for e in second.catalogue.entries] == [e.derived for e in first.catalogue.entries]


def test_whatever_a_records_checks_depend_on_makes_it_checked_again(copy: Path, checks: list[str]) -> None:
    cache = copy / ".cache/ocop/checked"
    validate(copy / "site_config.yml", TODAY, cache=cache)
    # Its text: the new mistake is reported at its place.
    record = copy / "products/mai-son/SL-MS-0002.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("group: food", "group: fod", 1), encoding="utf-8")
    checks.clear()
    written = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in cache.iterdir()}
    result = validate(copy / "site_config.yml", TODAY, cache=cache)
    assert checks == ["SL-MS-0002.yml"]
    rewritten = [p.name for p in cache.iterdir() if written.get(p.name) != (p.stat().st_ino, p.stat().st_mtime_ns)]
    assert len(rewritten) == 1  # only the shard that holds this record's result
    assert any(p.startswith("products/mai-son/SL-MS-0002.yml:") and p.endswith("E203") for p in problems(result))
    # A photo removed from its folder (the record itself is unchanged).
    (copy / "products/mai-son/SL-MS-0001/vuon-ca-phe.jpg").unlink()
    checks.clear()
    result = validate(copy / "site_config.yml", TODAY, cache=cache)
    assert checks == ["SL-MS-0001.yml"]
    assert any(p.startswith("products/mai-son/SL-MS-0001.yml:") for p in problems(result))
    # Another day: the records whose dates make a difference by then (test_checkcache_days.py).
    checks.clear()
    validate(copy / "site_config.yml", date(2027, 1, 1), cache=cache)
    assert 0 < len(checks) < 64
    # Another site_config.yml: everything.
    config = copy / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    checks.clear()
    validate(copy / "site_config.yml", date(2027, 1, 1), cache=cache)
    assert len(checks) == 64


def test_a_damaged_cache_is_ignored(copy: Path, checks: list[str]) -> None:
    cache = copy / ".cache/ocop/checked"
    cache.mkdir(parents=True)
    for n in range(64):
        (cache / f"{n:02d}.pickle").write_bytes(b"not a pickle" if n % 2 else b"\x80\x05K")
    photo = str(copy / "products/mai-son/SL-MS-0001/vuon-ca-phe.jpg")
    (cache / "photos.pickle").write_bytes(pickle.dumps({photo: 5, "elsewhere": ("a",)}))
    result = validate(copy / "site_config.yml", TODAY, cache=cache)
    assert len(checks) == 64 and not result.failed()


def test_a_build_writes_the_cache_beside_its_work_and_leaves_it_complete(copy: Path, checks: list[str]) -> None:
    """The build has the check cache written by a process of its own while it makes the site
    (validate(..., wait=False)); by the time the build returns, that process has finished."""
    from generator.build import build

    build(copy / "site_config.yml", copy / "site", TODAY)
    assert len(checks) == 64
    assert len(list((copy / ".cache/ocop/checked").glob("*.pickle"))) > 1
    checks.clear()
    again = validate(copy / "site_config.yml", TODAY, cache=copy / ".cache/ocop/checked")
    assert checks == [] and len(again.catalogue.entries) == 64


def test_validation_can_leave_the_cache_to_a_process_the_caller_joins(copy: Path, checks: list[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate_module, "BACKGROUND_SAVE_FROM", 10)  # the sample has 64 records
    # Only a forked process can take the results along without copying them (processes.py); a
    # spawned one would pickle them all, so elsewhere the cache is written before validate returns.
    monkeypatch.setenv("OCOP_START_METHOD", "fork")
    cache = copy / ".cache/ocop/checked"
    first = validate(copy / "site_config.yml", TODAY, cache=cache, wait=False)
    assert first.cache_writer is not None
    first.cache_writer.join()
    assert first.cache_writer.exitcode == 0
    checks.clear()
    again = validate(copy / "site_config.yml", TODAY, cache=cache, wait=False)
    assert checks == [] and again.cache_writer is None  # nothing new to write
