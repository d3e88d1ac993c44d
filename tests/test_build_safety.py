"""A build can never lose the site or the project: refused outputs, the exchange of the site at every
step of failure, one build at a time, kills at random moments, the spawn start method, and
permanence judged against what is really published."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import publish
from generator.build import BuildFailed, build
from generator.cli import main

from conftest import ROOT, TODAY, serve, write_record


def tree_hash(folder: Path, *, skip: tuple[str, ...] = ()) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = path.relative_to(folder).as_posix()
        if rel.startswith(skip):
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A copy of the sample project (records, configuration, hand-written pages)."""
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "products", tmp_path / "products")
    shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue")
    return tmp_path


def ocop(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--lang", "en", *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("out", ["products", ".", "catalogue", "theme", "products/mai-son", "..", ".git/x"])
def test_an_output_folder_that_holds_the_project_is_refused_before_any_work(small: Path, out: str) -> None:
    (small / ".git").mkdir()
    (small / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = tree_hash(small.parent)
    started = time.monotonic()
    code, output = ocop("build", "--config", str(small / "site_config.yml"), "--today", TODAY.isoformat(),
                        "--out", str(small / out))
    assert code == 1
    assert "Refused" in output and "Traceback" not in output
    assert time.monotonic() - started < 5  # refused before validating or rendering anything
    assert tree_hash(small.parent) == before


def test_a_folder_that_is_not_a_built_site_is_refused_and_a_built_one_is_replaced(small: Path) -> None:
    other = small / "notes"
    other.mkdir()
    (other / "minutes.docx").write_text("meeting")
    code, output = ocop("build", "--config", str(small / "site_config.yml"), "--today", TODAY.isoformat(),
                        "--out", str(other))
    assert code == 1 and "not empty" in output and "was not built by `ocop build`" in output
    assert (other / "minutes.docx").read_text() == "meeting"
    repo = small / "pages-checkout"
    (repo / ".git").mkdir(parents=True)
    code, output = ocop("build", "--config", str(small / "site_config.yml"), "--today", TODAY.isoformat(),
                        "--out", str(repo))
    assert code == 1 and ".git" in output


@pytest.mark.parametrize("target", ["products/mai-son/SL-MS-0001.yml", "site_config.yml", "catalogue/index.xlsx",
                                    "existing.xlsx"])
def test_report_and_export_never_overwrite_records_the_config_or_an_existing_file(small: Path, target: str) -> None:
    (small / "existing.xlsx").write_bytes(b"a workbook someone keeps")
    before = tree_hash(small)
    for command in (["report", "--out", str(small / target)], ["export", str(small / target)]):
        code, output = ocop(*command, "--config", str(small / "site_config.yml"), "--today", TODAY.isoformat())
        assert code == 1, output
        assert "error:" in output and "Traceback" not in output
    assert tree_hash(small) == before
    code, output = ocop("export", str(small / "existing.xlsx"), "--force", "--config", str(small / "site_config.yml"),
                        "--today", TODAY.isoformat())
    assert code == 0, output and (small / "existing.xlsx").read_bytes()[:2] == b"PK"


def _site(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text)
    return folder


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
@pytest.mark.parametrize("fail_at", [1, 2])
def test_a_failure_at_each_step_of_putting_the_site_in_place_leaves_the_old_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool, fail_at: int) -> None:
    out = _site(tmp_path / "site", {publish.MARKER: "old", "index.html": "old", "p/A/index.html": "old A"})
    staging = _site(tmp_path / ".site.new-1", {publish.MARKER: "new", "index.html": "new"})
    before = tree_hash(out)
    real, calls = os.rename, []

    def failing(src, dst):  # type: ignore[no-untyped-def]
        calls.append(src)
        if len(calls) == fail_at:
            raise OSError(5, "Input/output error", str(dst))
        return real(src, dst)

    if exchange:
        if publish._EXCHANGE is None:
            pytest.skip("no atomic exchange on this system")
        steps = []

        def failing_exchange(a: bytes, b: bytes) -> int:
            steps.append(a)
            return -1 if len(steps) == fail_at else publish._exchange_function()(a, b)  # type: ignore[misc]
        monkeypatch.setattr(publish, "_EXCHANGE", failing_exchange)
        if fail_at == 2:  # the exchange itself cannot fail half-way: the second step is the fallback's rename
            monkeypatch.setattr(os, "rename", failing)
    else:
        monkeypatch.setattr(publish, "_EXCHANGE", None)
        monkeypatch.setattr(os, "rename", failing)
    try:
        old = publish.put_in_place(staging, out)
    except OSError:
        monkeypatch.undo()
        assert tree_hash(out) == before
        assert staging.exists()  # nothing lost: the new site can be put in place again
        publish.recover(out)
        assert tree_hash(out) == before
        return
    monkeypatch.undo()
    assert (out / "index.html").read_text() == "new"
    assert old is not None and (old / "index.html").read_text() == "old"


def test_a_kill_between_the_two_renames_is_undone_by_the_next_build(tmp_path: Path) -> None:
    out = _site(tmp_path / "site", {publish.MARKER: "old", "index.html": "old"})
    before = tree_hash(out)
    _site(tmp_path / ".site.new-9", {publish.MARKER: "new", "index.html": "new"})
    os.rename(out, publish.old_copy(out))  # what the fallback does first; then the process dies
    publish.recover(out)  # the next build, under the lock, before anything else
    assert tree_hash(out) == before
    assert not publish.old_copy(out).exists() and not (tmp_path / ".site.new-9").exists()


def test_clean_up_never_deletes_the_only_complete_copy(tmp_path: Path) -> None:
    old = _site(tmp_path / ".site.old", {publish.MARKER: "old", "index.html": "old"})
    _site(tmp_path / "site", {"index.html": "half"})  # not a complete site (no marker)
    publish.recover(tmp_path / "site")
    assert (old / "index.html").read_text() == "old"


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(small: Path) -> None:
    out = small / "site"
    with publish.lock(out):
        with pytest.raises(BuildFailed, match="Another `ocop build`"):
            build(small / "site_config.yml", out, TODAY)
    assert not out.exists()
    build(small / "site_config.yml", out, TODAY)  # the lock is free again
    assert (out / publish.MARKER).is_file()
    assert all(p.stat().st_mode & 0o005 == 0o005 for p in (out, out / "en", out / "p"))  # a web server may read it


def _synthetic(root: Path, n: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synth
    finally:
        sys.path.pop(0)
    synth.generate(root, n, seed=3, today=TODAY)


def _edit(root: Path, count: int) -> None:
    for path in sorted((root / "products").rglob("*.yml"))[:count]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("summary: ", "summary: Mới - ", 1), encoding="utf-8")


def test_kill_9_at_random_moments_never_leaves_a_torn_site(tmp_path: Path) -> None:
    """A catalogue of 1,500 products; cold builds and rebuilds (300 records changed) killed at random
    moments. After each kill the site is the old one or the new one, byte for byte, and the next
    build finishes and never deletes the only complete copy. Every build runs a frozen copy of the
    code and theme, so that the old and new sites differ only by the records."""
    code = tmp_path / "code"
    for name in ("generator", "theme", "catalogue"):
        shutil.copytree(ROOT / name, code / name, ignore=shutil.ignore_patterns("__pycache__"))
    for guide in ("CONTRIBUTING.md", "CONTRIBUTING.en.md"):
        shutil.copy(ROOT / guide, code / guide)
    root = tmp_path / "project"
    _synthetic(root, 1500)
    config = root / "site_config.yml"
    out = root / "site"
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-m", "generator", "--lang", "en", "build", "--config", str(config),
               "--today", TODAY.isoformat()]
    rng = random.Random(20)

    def complete_run(*extra: str) -> float:
        started = time.monotonic()
        done = subprocess.run([*command, *extra], env=env, capture_output=True, text=True, cwd=code)
        assert done.returncode == 0, done.stderr[-2000:]
        return time.monotonic() - started

    def killed_run(at: float) -> None:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True, cwd=code)  # python -m imports from the working folder
        time.sleep(at)
        os.kill(process.pid, signal.SIGKILL)  # the build alone: its children must die with it
        process.wait()
        time.sleep(0.5)
        leftovers = subprocess.run(["pgrep", "-f", "--", f"--config {config}"], capture_output=True, text=True).stdout
        assert not leftovers.strip(), "a killed build left processes running"

    # A cold build killed: there is no site, or a whole one, never a part.
    killed_run(rng.uniform(0.5, 3.0))
    assert not out.exists() or (out / publish.MARKER).is_file()
    complete_run()
    old = tree_hash(out, skip=(publish.MARKER,))
    _edit(root, 300)
    new_site = tmp_path / "expected"
    seconds = complete_run("--out", str(new_site))  # what the rebuild must produce, made in another folder
    new = tree_hash(new_site, skip=(publish.MARKER,))
    new_state = json.loads(publish.State.file(root).read_text(encoding="utf-8"))
    assert new != old
    for _ in range(6):
        killed_run(rng.uniform(0.2, seconds))
        # publish.MARKER holds the page keys the build used, which the next build only trusts when
        # they match: everything a visitor can fetch is compared byte for byte.
        now = tree_hash(out if out.exists() else publish.old_copy(out), skip=(publish.MARKER,))
        assert now in (old, new), "a killed rebuild left a site that is neither the old nor the new one: " + \
            _differences(out, new_site)
        if now == new:
            break
    complete_run()
    state = json.loads(publish.State.file(root).read_text(encoding="utf-8"))
    keys = [f"{lang} {page}" for lang, pages in new_state["pages"].items() for page, key in pages.items()
            if state["pages"][lang].get(page) != key][:5]
    assert tree_hash(out, skip=(publish.MARKER,)) == new, _differences(out, new_site) + f"; page keys that differ: {keys}"
    assert (out / publish.MARKER).is_file()


def _differences(a: Path, b: Path) -> str:
    files = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    others = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    changed = sorted(rel for rel in files & others if (a / rel).read_bytes() != (b / rel).read_bytes())
    return f"only in one: {sorted(files ^ others)[:10]}; different: {changed[:10]}"


def test_the_build_works_with_the_spawn_start_method_and_no_fork(small: Path, tmp_path: Path) -> None:
    """Windows and macOS start processes with spawn: the build must not need os.fork."""
    script = ("import os, sys\n"
              "del os.fork\n"  # anything that forks now fails loudly
              "from generator.cli import main\n"
              "sys.exit(main(sys.argv[1:]))\n")
    env = {**os.environ, "OCOP_START_METHOD": "spawn", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script, "--lang", "en", "build", "--config",
                           str(small / "site_config.yml"), "--today", TODAY.isoformat()],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    forked = tmp_path / "forked"
    build(small / "site_config.yml", forked, TODAY)
    assert tree_hash(small / "site") == tree_hash(forked)


def test_crlf_records_from_windows_build_like_the_others(small: Path, tmp_path: Path) -> None:
    path = small / "products" / "mai-son" / "SL-MS-0001.yml"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    report = build(small / "site_config.yml", small / "site", TODAY)
    assert not [p for p in report.problems if p.severity == "error"]
    assert (small / "site" / "p" / "SL-MS-0001" / "index.html").is_file()


def test_a_published_id_that_is_gone_fails_the_publish_build_with_a_served_manifest(small: Path, tmp_path: Path) -> None:
    live = tmp_path / "live" / "api"
    live.mkdir(parents=True)
    ids = sorted(p.stem for p in (small / "products").rglob("*.yml"))
    (live / "manifest.json").write_text(json.dumps({"ids": [*ids, "SL-MS-9999"]}))
    with serve(tmp_path / "live") as base:
        code, output = ocop("build", "--config", str(small / "site_config.yml"), "--today", TODAY.isoformat(),
                            "--published", f"{base}api/manifest.json")
        assert code == 1
        assert "E407" in output and "SL-MS-9999" in output
        assert not (small / "site").exists()
        code, output = ocop("build", "--config", str(small / "site_config.yml"), "--today", TODAY.isoformat(),
                            "--published", f"{base}missing/manifest.json")
        assert code == 1 and "unusable" in output and "404" in output
        (live / "manifest.json").write_text(json.dumps({"ids": ids}))
        code, output = ocop("build", "--config", str(small / "site_config.yml"), "--today", TODAY.isoformat(),
                            "--published", f"{base}api/manifest.json")
        assert code == 0, output


def test_deleting_a_record_only_ever_previewed_locally_warns_and_builds(small: Path) -> None:
    config = small / "site_config.yml"
    plain = next(p for p in sorted((small / "products/mai-son").glob("*.yml"))
                 if "images:" not in p.read_text(encoding="utf-8") and "gtin:" not in p.read_text(encoding="utf-8"))
    extra = write_record(small, "products/mai-son/SL-MS-0990.yml",
                         plain.read_text(encoding="utf-8").replace(plain.stem, "SL-MS-0990"))
    build(config, small / "site", TODAY)
    extra.unlink()
    report = build(config, small / "site", TODAY)
    assert [p.code for p in report.problems if "SL-MS-0990" in p.message] == ["W420"]
    assert not (small / "site" / "p" / "SL-MS-0990").exists()


def test_a_former_gtin_and_a_former_district_keep_their_pages(small: Path) -> None:
    config = small / "site_config.yml"
    records = [p for p in (small / "products").rglob("*.yml") if "gtin:" in p.read_text(encoding="utf-8")]
    record = records[0]
    text = record.read_text(encoding="utf-8")
    old_gtin = next(line.split(":", 1)[1].strip().strip("'\"") for line in text.splitlines() if line.startswith("gtin:"))
    pid = record.stem
    config_text = config.read_text(encoding="utf-8")
    config.write_text(config_text.replace("districts:\n", "districts:\n  - id: quynh-nhai-cu\n    name: Huyện Cũ\n"
                                          "    code: QC\n", 1), encoding="utf-8")
    build(config, small / "site", TODAY)
    assert (small / "site" / "districts" / "quynh-nhai-cu" / "index.html").is_file()
    config.write_text(config_text, encoding="utf-8")
    record.write_text("\n".join(line for line in text.splitlines() if not line.startswith("gtin:")) + "\n",
                      encoding="utf-8")
    build(config, small / "site", TODAY)
    gtin_page = small / "site" / "01" / old_gtin.zfill(14) / "index.html"
    assert gtin_page.is_file() and f"p/{pid}/" in gtin_page.read_text(encoding="utf-8")
    for lang in ("", "en/"):
        place = small / "site" / f"{lang}districts" / "quynh-nhai-cu" / "index.html"
        assert place.is_file() and "districts/" in place.read_text(encoding="utf-8")
    manifest = json.loads((small / "site" / "api" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["gtins"][old_gtin.zfill(14)] == pid and "districts/quynh-nhai-cu/" in manifest["places"]


def test_a_read_only_place_or_a_full_disk_is_said_plainly_and_changes_nothing(small: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() == 0:  # root writes anywhere: pretend the folder is read-only
        real_access = os.access
        monkeypatch.setattr(publish.os, "access", lambda p, mode: False if Path(p) == small / "ro" else real_access(p, mode))
    (small / "ro").mkdir()
    (small / "ro").chmod(0o555)
    code, output = ocop("build", "--config", str(small / "site_config.yml"), "--today", TODAY.isoformat(),
                        "--out", str(small / "ro" / "site"))
    assert code == 1 and "cannot be written to" in output and "Traceback" not in output
    monkeypatch.undo()
    build(small / "site_config.yml", small / "site", TODAY)
    before = tree_hash(small / "site")
    from generator import build as build_module

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device", str(small / "site"))

    monkeypatch.setattr(build_module, "write", full)
    code, output = ocop("build", "--config", str(small / "site_config.yml"), "--today", TODAY.isoformat())
    assert code == 1 and "No space left on device" in output and "Traceback" not in output
    assert tree_hash(small / "site") == before


def test_a_ward_page_stays_when_its_last_product_leaves(small: Path) -> None:
    config = small / "site_config.yml"
    build(config, small / "site", TODAY)
    manifest = json.loads((small / "site" / "api" / "manifest.json").read_text(encoding="utf-8"))
    wards = sorted(p for p in manifest["places"] if p.startswith("places/"))
    assert wards, "the sample's products are placed in today's wards"
    ward = wards[0]
    assert (small / "site" / ward / "index.html").is_file()
    # Pretend the live site had one more ward page than this build makes.
    live = small / "live.json"
    manifest["places"]["places/99999/"] = "Xã Đã Sáp Nhập"
    live.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    build(config, small / "site", TODAY, published=live)
    for lang in ("", "en/"):
        page = small / "site" / f"{lang}places" / "99999" / "index.html"
        assert page.is_file() and f"{lang}places/" in page.read_text(encoding="utf-8")


class _DiesWhenUnpickled:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os._exit, (3,))


def test_a_spawned_child_that_dies_while_starting_fails_the_build_instead_of_hanging() -> None:
    """The job (megabytes of catalogue) reaches a spawned child through a pipe that breaks if the child
    dies before reading it all; before, the parent waited for ever on the start's own pipe."""
    import functools
    import multiprocessing

    from generator import build as build_module

    signal.alarm(120)  # a hang fails the test instead of the whole suite
    try:
        job = functools.partial(print, _DiesWhenUnpickled(), "x" * 8_000_000)
        process, pipe = build_module._start(multiprocessing.get_context("spawn"), job, "test")
        with pytest.raises(EOFError):
            pipe.recv()
        process.join(30)
        assert process.exitcode == 3
    finally:
        signal.alarm(0)
