"""Faults that must not lose anything: killed builds, YAML bombs, huge files; and determinism."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import build
from generator.validate import validate

from conftest import FIXTURES, ROOT, TODAY, write_record

VALID = (FIXTURES / "records" / "valid.yml").read_text(encoding="utf-8")


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "products", tmp_path / "products")
    return tmp_path


def test_a_killed_build_leaves_the_previous_site_and_the_next_build_cleans_up(sample_copy: Path) -> None:
    site = sample_copy / "site"
    build(sample_copy / "site_config.yml", site, TODAY)
    before = tree_hash(site)
    for kind in ("qr-svg", "qr-png", "preview"):  # slow enough to be caught mid-way (badges are never kept)
        shutil.rmtree(sample_copy / ".cache/ocop" / kind)
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--config", str(sample_copy / "site_config.yml"),
                                "--today", TODAY.isoformat()], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(sample_copy.glob(".site.new-*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the build ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert tree_hash(site) == before  # the visitor's site is untouched
    assert list(sample_copy.glob(".site.new-*"))  # the abandoned staging folder is there...
    build(sample_copy / "site_config.yml", site, TODAY)
    assert [p.name for p in sample_copy.glob(".site.*")] == [".site.lock"]  # ...and the next build removes it
    assert tree_hash(site) == before  # and, from the same inputs, makes the same site


def test_same_inputs_give_byte_identical_sites(sample_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    first = tmp_path_factory.mktemp("a") / "site"
    second = tmp_path_factory.mktemp("b") / "site"
    build(sample_copy / "site_config.yml", first, TODAY)
    shutil.rmtree(sample_copy / ".cache/ocop")  # draw every image again
    build(sample_copy / "site_config.yml", second, TODAY)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_billion_laughs_is_refused_quickly(project: Path) -> None:
    bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        bomb += f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    write_record(project, "products/mai-son/SL-MS-0001.yml", VALID + bomb)
    started = time.monotonic()
    result = validate(project / "site_config.yml", TODAY)
    assert time.monotonic() - started < 5
    assert [p.code for p in result.problems] == ["E105"]


def test_huge_and_deep_files_are_refused_with_a_message(project: Path) -> None:
    write_record(project, "products/mai-son/SL-MS-0001.yml", VALID + "# " + "x" * 2_000_000 + "\n")
    write_record(project, "products/mai-son/SL-MS-0002.yml",
                 VALID.replace("SL-MS-0001", "SL-MS-0002") + "nested:\n" + "".join("  " * i + "- \n" for i in range(1, 200)))
    result = validate(project / "site_config.yml", TODAY)
    assert {(p.file.rsplit("/", 1)[1], p.code) for p in result.problems} == {("SL-MS-0001.yml", "E108"),
                                                                          ("SL-MS-0002.yml", "E108")}


def test_a_directory_named_like_a_record_and_unreadable_files_do_not_crash(project: Path) -> None:
    (project / "products/mai-son/SL-MS-0003.yml").mkdir(parents=True)
    write_record(project, "products/mai-son/SL-MS-0001.yml", b"\x89PNG\r\n\x1a\n\x00\x00binary")
    if os.geteuid() != 0:
        target = write_record(project, "products/mai-son/SL-MS-0002.yml", VALID)
        target.chmod(0)
    result = validate(project / "site_config.yml", TODAY)
    assert "E100" in {p.code for p in result.problems}


def test_a_large_sites_old_copy_is_deleted_after_the_build_returns(tmp_path: Path) -> None:
    from generator import publish

    out, staging = tmp_path / "site", tmp_path / ".site.new-1-x"
    (out / "p/A").mkdir(parents=True)
    (out / "p/A/index.html").write_text("old")
    (staging / "p/A").mkdir(parents=True)
    (staging / "p/A/index.html").write_text("new")
    old = publish.put_in_place(staging, out)
    publish.discard(old, background=True)
    assert (out / "p/A/index.html").read_text() == "new"
    deadline = time.monotonic() + 10
    while old is not None and old.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert old is None or not old.exists()


def _small_project(tmp_path: Path, records: dict[str, str]) -> Path:
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    for pid, text in records.items():
        write_record(tmp_path, f"products/mai-son/{pid}.yml", text)
    return tmp_path


def test_no_id_can_be_the_name_of_a_build_folder() -> None:
    """The build renders one stand-in page per kind of page and deletes its folder: a product whose
    id were that folder's name would lose its QR codes, badge and card."""
    from generator.mkdocs_adapter import Stamp
    from generator.schema import ID_PATTERN, SLUG_PATTERN
    from generator.site.pages import Page

    for folder in ("p", "en/p", "districts", "groups", "plan", "stars"):
        page = Page(path=f"{folder}/X/", title="t", body="b", template="product.html", lang="vi")
        name = Stamp.stand_in(page, 0, described=True).path.rstrip("/").rpartition("/")[2]
        assert not re.fullmatch(ID_PATTERN, name) and not re.fullmatch(SLUG_PATTERN, name), name


def test_products_named_like_the_old_stand_in_folders_keep_their_files(tmp_path: Path) -> None:
    ids = [f"OCOP-STAMP-{k}" for k in range(4)]  # the build's internal names before #22
    record = VALID.replace('gtin: "8936012345674"\n', "")
    project = _small_project(tmp_path, {pid: record.replace("SL-MS-0001", pid) for pid in ids})
    build(project / "site_config.yml", project / "site", TODAY)
    for pid in ids:
        for name in ("index.html", "qr.svg", "qr.png", "badge.svg"):
            assert (project / "site/p" / pid / name).is_file(), f"{pid}/{name}"
        assert f">{pid}<" in (project / "site/p" / pid / "index.html").read_text(encoding="utf-8")


def test_photos_sharing_a_stem_each_show_their_own_picture(tmp_path: Path) -> None:
    from PIL import Image

    colours = {"a.jpg": (200, 30, 30), "a.png": (30, 200, 30), "b.jpg": (30, 30, 200), "b.w.webp": (230, 200, 20)}
    images = "".join(f"  - file: {name}\n    alt: Ảnh {name}\n" for name in colours)
    project = _small_project(tmp_path, {"SL-MS-0001": VALID.replace("attributes:", f"images:\n{images}attributes:")})
    folder = project / "products/mai-son/SL-MS-0001"
    folder.mkdir()
    for name, colour in colours.items():
        Image.new("RGB", (64, 48), colour).save(folder / name, format={"jpg": "JPEG", "png": "PNG"}.get(name[-3:], "WEBP"))
    build(project / "site_config.yml", project / "site", TODAY)
    page = project / "site/p/SL-MS-0001"
    html = (page / "index.html").read_text(encoding="utf-8")
    pictures = re.findall(r'<picture><source srcset="([^"]+)" type="image/webp"><img src="([^"]+)"', html)
    assert sorted(original.rpartition("/")[2] for _, original in pictures) == sorted(colours)
    assert len({webp for webp, _ in pictures}) == len(colours)
    for webp, original in pictures:
        with Image.open(page / webp) as shown:
            red, green, blue = shown.convert("RGB").getpixel((32, 24))
        expected = colours[original.rpartition("/")[2]]
        assert max(abs(red - expected[0]), abs(green - expected[1]), abs(blue - expected[2])) < 40, (webp, original)
