"""Check results remembered on one day and used on another (generator/checkcache.py, validate.py).

The publish workflow runs every morning on a new day with .cache/ocop restored; the check cache
has no day in its key, and a result is reused on a later (or earlier) day only inside the days it
holds for. What must never happen: a steward or visitor seeing a different answer than a fresh
check would give on that day (a status, a star count, a date error, its wording, its place).

The days tried for each record come from the record itself, not from the code under test: every
date written in it, each one's 36-month end and 90-day expiring window, the national rule dates,
and the day before and after each of those.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import re
import shutil
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from generator.checkcache import CheckCache, source_digest
from generator.grading import CRITERIA_148_FROM, DISTRICTS_ENDED, add_months
from generator.validate import _as_of, _check_chunk, load_config, record_files, same_days, validate

from conftest import FIXTURES, ROOT, TODAY, write_record
from test_fixtures import stage

CASES = FIXTURES / "records"
SYNTHETIC = 60
ISO = re.compile(rb"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _synth() -> Any:
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def days_to_try(path: Path) -> list[date]:
    """Every day on which a record's answer could plausibly turn, and its neighbours."""
    points = {TODAY, CRITERIA_148_FROM, DISTRICTS_ENDED, date(2000, 1, 1), date(2100, 12, 31)}
    for m in ISO.finditer(path.read_bytes()):
        try:
            d = date(*map(int, m.groups()))
        except ValueError:
            continue
        if not date(2000, 1, 1) <= d <= date(2100, 12, 31):
            points.add(d)  # refused by the schema (E205): its day is tried, no window around it
            continue
        end = add_months(d, 36)
        points |= {d, end, end - timedelta(days=90)}
    return sorted({p + timedelta(days=k) for p in points for k in (-1, 0, 1)
                   if date.min + timedelta(days=1) <= p <= date.max - timedelta(days=1)})


def everything(checked: Any) -> Any:
    """All a checked file carries, the sentences' words and values included (Diagnostic's own
    equality leaves them out)."""
    product, display, places, problems, derived = checked
    return (product, display, places, derived,
            [(p, p.said, p.advice, p.severity, p.text("vi"), p.text("en")) for p in problems])


def _hand_made(project: Path, record_yaml: Any) -> None:
    """Histories bench/synth.py does not write: proposals, a revocation or withdrawal still to
    come, no valid_until, a short one, a district certificate before the reform."""
    cert = {"level": "province", "decision": "2210/QĐ-UBND", "date": date(2024, 6, 20), "stars": 4,
            "score": 78.5, "kind": "new", "issued_by": "UBND tỉnh Sơn La"}
    variants = {
        "SL-MS-0901": {"proposals": [{"level": "national", "stars": 5, "date": date(2026, 12, 1),
                                      "decision": "2150/UBND-KT", "kind": "upgrade"}]},
        "SL-MS-0902": {"certifications": [{**cert, "revoked": {"date": date(2026, 12, 24), "decision": "9/QĐ-UBND",
                                                                "reason": "Sai phạm"}}]},
        "SL-MS-0903": {"withdrawn": {"date": date(2027, 1, 10), "reason": "Ngừng sản xuất"}},
        "SL-MS-0904": {"certifications": [{**cert, "valid_until": date(2025, 1, 31)}]},
        "SL-MS-0905": {"certifications": [{**cert, "date": date(2023, 1, 5), "stars": 3, "score": 60,
                                           "level": "district", "criteria": "1048/2019"},
                                          {**cert, "date": date(2026, 2, 28), "kind": None},
                                          {**cert, "date": date(2026, 11, 23), "stars": 3, "score": 55,
                                           "kind": None}]},
        "SL-MS-0906": {"certifications": [], "proposals": [{"level": "national", "stars": 5,
                                                            "date": date(2024, 2, 29), "decision": "1/UBND"}]},
    }
    for pid, fields in variants.items():
        write_record(project, f"products/mai-son/{pid}.yml", record_yaml(pid, **fields))


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory, record_yaml: Any) -> list[Path]:
    """Folders to check: 60 synthetic records (every status, histories of up to three certificates,
    earlier ones revoked), the sample catalogue with its photos, hand-made histories, and each
    record fixture in its own scene."""
    out = []
    synthetic = tmp_path_factory.mktemp("synth")
    _synth().generate(synthetic, SYNTHETIC, seed=21, today=TODAY)
    statuses = {e.derived.status for e in validate(synthetic / "site_config.yml", TODAY).catalogue.entries}  # type: ignore[union-attr]
    assert statuses == {"valid", "expiring", "expired", "revoked", "unrated", "withdrawn"}
    out.append(synthetic)
    sample = tmp_path_factory.mktemp("sample")
    shutil.copy(ROOT / "site_config.yml", sample / "site_config.yml")
    shutil.copytree(ROOT / "products", sample / "products")
    _hand_made(sample, record_yaml)
    out.append(sample)
    for case in sorted(CASES.glob("*.yml")):
        project = tmp_path_factory.mktemp(case.stem)
        shutil.copy(ROOT / "site_config.yml", project / "site_config.yml")
        stage(project, case)
        out.append(project)
    return out


def test_a_result_remembered_on_one_day_is_what_a_fresh_check_gives_on_every_day_it_is_used(
        projects: list[Path], tmp_path: Path) -> None:
    """For every record and every pair of days (A, B) around its dates: the result checked on A,
    stored (pickled, as the cache is) and looked up on B, is either not given (checked again) or
    exactly the result of a fresh check on B."""
    cache = CheckCache(tmp_path / "checked", b"")
    fresh: dict[tuple[Path, date], Any] = {}
    tried: list[tuple[Path, list[date]]] = []
    for root in projects:
        config, _ = load_config(root / "site_config.yml")
        for path in record_files(root):
            # A file that fails to load or fails the schema is held for its own day only (the
            # grading rules then judge part of it): three days show that; the others get them all.
            failed = _check_chunk([path], root, config, TODAY)[0][0] is None
            days = [TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1)] if failed else days_to_try(path)
            tried.append((path, days))
            for day in days:
                fresh[path, day] = checked = _check_chunk([path], root, config, day)[0]
                cache.put(cache.key(day.isoformat(), str(path)), checked, *same_days(checked, day))
    cache.save()
    stored = CheckCache(tmp_path / "checked", b"")
    reused = pairs = 0
    for path, days in tried:
        for a in days:
            for b in days:
                pairs += 1
                found = stored.get(stored.key(a.isoformat(), str(path)), b)
                if a == b:
                    assert found is not None  # a result holds at least on its own day
                if found is not None:
                    reused += 1
                    got = _as_of(found, b)
                    assert everything(got) == everything(fresh[path, b]), (path, a, b)
                    assert got[4] is None or got[4].as_of == b
    assert len(tried) > 200 and pairs > 100_000
    # and worth having: beyond its own day, a result is used on others (days cluster around the
    # record's own dates here, where results do change; test_..._next_morning_... shows the usual day)
    assert reused > 2 * len(fresh)


def test_a_chain_of_days_with_the_cache_gives_the_results_of_fresh_validations(projects: list[Path]) -> None:
    """Whole validations (ids, GTINs, the catalogue, checked_files) on days one after the other,
    each with the cache the one before left, against validations without a cache."""
    root = projects[0]
    cache = root / ".cache/ocop/checked"
    days = [TODAY, TODAY + timedelta(days=1), date(2027, 3, 1), date(2025, 8, 1), date(2025, 8, 2),
            date(2029, 12, 31), TODAY]
    rechecked = []
    for day in days:
        cached = validate(root / "site_config.yml", day, cache=cache)
        plain = validate(root / "site_config.yml", day)
        assert [everything((None, "", None, [p], None)) for p in cached.problems] == \
               [everything((None, "", None, [p], None)) for p in plain.problems]
        assert cached.checked_files == plain.checked_files
        assert (cached.catalogue is None) == (plain.catalogue is None)
        if plain.catalogue is not None:
            assert cached.catalogue.today == day  # type: ignore[union-attr]
            assert [(e.record, e.source, e.derived) for e in cached.catalogue.entries] == \
                   [(e.record, e.source, e.derived) for e in plain.catalogue.entries]  # type: ignore[union-attr]
        rechecked.append(cached.rechecked)
    assert rechecked[0] == SYNTHETIC and rechecked[1] < 10  # the next morning: only the records whose day came
    assert rechecked[-1] < SYNTHETIC  # back to the first day: those that held through the others are kept


def _checkout(to: Path, cache_from: Path | None = None) -> Path:
    """The sample catalogue as a fresh git checkout gives it (every file new: new times, new
    inodes), with .cache/ocop restored from an earlier run, as actions/cache does."""
    to.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "site_config.yml", to / "site_config.yml")
    shutil.copytree(ROOT / "products", to / "products", copy_function=shutil.copy)
    if cache_from is not None:
        shutil.copytree(cache_from / ".cache", to / ".cache")
    return to


def test_the_next_morning_nothing_is_checked_again_when_nothing_changed(tmp_path: Path, checks: list[str]) -> None:
    """The publish workflow: a fresh checkout (photos included), .cache/ocop restored, the next day."""
    yesterday = _checkout(tmp_path / "yesterday")
    first = validate(yesterday / "site_config.yml", TODAY, cache=yesterday / ".cache/ocop/checked")
    assert first.rechecked == len(checks) == 64
    for offset in (1, 2):
        day = TODAY + timedelta(days=offset)
        morning = _checkout(tmp_path / f"morning-{offset}", cache_from=yesterday)
        checks.clear()
        result = validate(morning / "site_config.yml", day, cache=morning / ".cache/ocop/checked")
        assert checks == [] and result.rechecked == 0, day
        assert result.catalogue.today == day and {e.derived.as_of for e in result.catalogue.entries} == {day}
        fresh = validate(morning / "site_config.yml", day)
        assert [e.derived for e in result.catalogue.entries] == [e.derived for e in fresh.catalogue.entries]
        assert result.sources == first.sources  # and so the build's keys of each product (build.page_keys)
        yesterday = morning
    # A week later one certificate has ended (2023-11-28 + 36 months): that record alone is checked.
    checks.clear()
    week = validate(yesterday / "site_config.yml", TODAY + timedelta(days=7), cache=yesterday / ".cache/ocop/checked")
    assert checks == ["SL-YC-0004.yml"] and week.rechecked == 1
    assert week.catalogue.by_id()["SL-YC-0004"].derived.status == "expired"
    assert first.catalogue.by_id()["SL-YC-0004"].derived.status == "expiring"


def test_nothing_to_write_when_nothing_was_checked(tmp_path: Path) -> None:
    project = _checkout(tmp_path)
    cache = project / ".cache/ocop/checked"
    validate(project / "site_config.yml", TODAY, cache=cache)
    written = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert "photos.pickle" in written
    validate(project / "site_config.yml", TODAY + timedelta(days=1), cache=cache)
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == written


def test_a_photo_with_new_bytes_is_checked_again_whatever_its_time(tmp_path: Path, checks: list[str]) -> None:
    """Photos are known by their bytes: a damaged copy given the old file's time and size is
    checked again in a new checkout (the remembered digest is only used for the same file)."""
    project = _checkout(tmp_path / "a")
    validate(project / "site_config.yml", TODAY, cache=project / ".cache/ocop/checked")
    again = _checkout(tmp_path / "b", cache_from=project)
    photo = again / "products/mai-son/SL-MS-0001/vuon-ca-phe.jpg"
    st = photo.stat()
    data = photo.read_bytes()
    photo.write_bytes(data[: len(data) // 2] + bytes(len(data) - len(data) // 2))
    os.utime(photo, ns=(st.st_atime_ns, (project / "products/mai-son/SL-MS-0001/vuon-ca-phe.jpg").stat().st_mtime_ns))
    checks.clear()
    result = validate(again / "site_config.yml", TODAY, cache=again / ".cache/ocop/checked")
    assert checks == ["SL-MS-0001.yml"]
    assert [p.code for p in result.problems] == ["E406"]


def test_what_is_not_a_plain_photo_is_never_read(tmp_path: Path) -> None:
    """A pipe in a photo folder (reading it would wait forever) and a photo folder that is a
    symbolic link (its files may be anywhere) are known by their kind, never opened."""
    project = _checkout(tmp_path / "p")
    os.mkfifo(project / "products/mai-son/SL-MS-0001/pipe.jpg")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.mkfifo(outside / "secret.jpg")
    folder = project / "products/mai-son/SL-MS-0002"
    shutil.rmtree(folder, ignore_errors=True)
    folder.symlink_to(outside)
    done: list[Any] = []
    worker = threading.Thread(target=lambda: done.append(
        validate(project / "site_config.yml", TODAY, cache=project / ".cache/ocop/checked")), daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert done, "validation opened a pipe"
    assert [p.code for p in done[0].problems if p.file.startswith("products/mai-son/SL-MS-000")] == ["E410"]


def test_a_record_whose_day_comes_is_checked_again_and_says_so(tmp_path: Path, checks: list[str],
                                                                record_yaml: Any) -> None:
    """A decision dated tomorrow is an error today (E305) and fine tomorrow; a certificate valid
    until 2027-06-20 is expiring from 90 days before."""
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    cert = {"level": "province", "decision": "2210/QĐ-UBND", "date": date(2024, 6, 20), "stars": 4,
            "score": 78.5, "kind": "new", "issued_by": "UBND tỉnh Sơn La"}
    write_record(tmp_path, "products/mai-son/SL-MS-0901.yml",
                 record_yaml("SL-MS-0901", certifications=[cert, {**cert, "date": TODAY + timedelta(days=1),
                                                                  "kind": None}]))
    write_record(tmp_path, "products/mai-son/SL-MS-0902.yml", record_yaml("SL-MS-0902", certifications=[cert]))
    cache = tmp_path / ".cache/ocop/checked"
    today = validate(tmp_path / "site_config.yml", TODAY, cache=cache)
    assert [p.code for p in today.problems] == ["E305"] and today.catalogue is None
    assert "2026-11-23" in today.problems[0].message and "2026-11-22" in today.problems[0].message
    checks.clear()
    tomorrow = validate(tmp_path / "site_config.yml", TODAY + timedelta(days=1), cache=cache)
    assert checks == ["SL-MS-0901.yml"] and tomorrow.problems == []
    assert {e.id: e.derived.status for e in tomorrow.catalogue.entries} == {"SL-MS-0901": "valid",
                                                                            "SL-MS-0902": "valid"}
    checks.clear()
    assert validate(tmp_path / "site_config.yml", date(2027, 3, 21), cache=cache).rechecked == 0
    window = validate(tmp_path / "site_config.yml", date(2027, 3, 22), cache=cache)
    assert "SL-MS-0902.yml" in checks
    assert {e.id: e.derived.status for e in window.catalogue.entries} == {"SL-MS-0901": "valid",
                                                                          "SL-MS-0902": "expiring"}


def test_a_result_is_not_kept_for_a_file_changed_meanwhile(tmp_path: Path, checks: list[str]) -> None:
    """The day is out of the key, the record's bytes are not: an edit made between two mornings
    is checked on the second."""
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "products", tmp_path / "products")
    cache = tmp_path / ".cache/ocop/checked"
    validate(tmp_path / "site_config.yml", TODAY, cache=cache)
    record = tmp_path / "products/mai-son/SL-MS-0002.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("group: food", "group: fod", 1), encoding="utf-8")
    checks.clear()
    result = validate(tmp_path / "site_config.yml", TODAY + timedelta(days=1), cache=cache)
    assert checks == ["SL-MS-0002.yml"] and [p.code for p in result.problems] == ["E203"]
    assert source_digest(record)  # the key is made of the bytes the check read


def test_a_cache_of_the_previous_format_is_ignored(tmp_path: Path, checks: list[str]) -> None:
    """Results written by the version that kept the day in the key (bare values, no days) are
    never taken for results of this one."""
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "products", tmp_path / "products")
    cache = tmp_path / ".cache/ocop/checked"
    validate(tmp_path / "site_config.yml", TODAY, cache=cache)
    for shard in cache.glob("[0-9][0-9].pickle"):
        data = pickle.loads(shard.read_bytes())
        shard.write_bytes(pickle.dumps({key: value[2] for key, value in data.items()}))
    checks.clear()
    result = validate(tmp_path / "site_config.yml", TODAY, cache=cache)
    assert len(checks) == 64 and not result.failed()
