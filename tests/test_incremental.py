"""A rebuild takes unchanged product pages from the previous site (generator/build.py page_keys,
mkdocs_adapter.Stamp): only what changed is made again, and the result is exactly the site a
build from scratch makes."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.build import build

from conftest import ROOT, TODAY


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "products", tmp_path / "products")
    return tmp_path


def inodes(site: Path, *, pages_only: bool = True) -> dict[str, int]:
    """Each product page's inode (every file's, without ``pages_only``): a new one means rewritten."""
    found = [*(site / "p").glob("*/index.html"), *(site / "en/p").glob("*/index.html")] if pages_only \
        else [p for p in site.rglob("*") if p.is_file()]
    return {p.relative_to(site).as_posix(): os.stat(p).st_ino for p in found}


def edit_summary(project: Path, words: str = "Mới. ") -> None:
    """The everyday edit: a steward rewords SL-MS-0002's summary."""
    record = project / "products/mai-son/SL-MS-0002.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("summary: ", f"summary: {words}", 1), encoding="utf-8")


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def from_scratch(project: Path, tmp_path: Path, today: date = TODAY) -> dict[str, bytes]:
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".cache", "site"))
    build(fresh / "site_config.yml", fresh / "site", today)
    return files(fresh / "site")


def test_one_changed_record_remakes_its_pages_only(project: Path, tmp_path: Path) -> None:
    site = project / "site"
    build(project / "site_config.yml", site, TODAY)
    before = inodes(site)
    edit_summary(project)
    build(project / "site_config.yml", site, TODAY)
    after = inodes(site)
    remade = sorted(k for k in after if after[k] != before[k])
    assert remade == ["en/p/SL-MS-0002/index.html", "p/SL-MS-0002/index.html"]
    assert "Mới." in (site / "p/SL-MS-0002/index.html").read_text(encoding="utf-8")
    assert files(site) == from_scratch(project, tmp_path)


@pytest.mark.parametrize("change", ["template", "photo", "day", "config", "keys lost"])
def test_what_a_page_is_made_from_remakes_it(project: Path, tmp_path: Path, change: str) -> None:
    site = project / "site"
    build(project / "site_config.yml", site, TODAY)
    before = inodes(site)
    today = TODAY
    if change == "template":
        shutil.copytree(ROOT / "theme", project / "theme")
        template = project / "theme/ocop/product.html"
        template.write_text(template.read_text(encoding="utf-8").replace('<article class="ocop-product">',
                                                                          '<article class="ocop-product" data-x="1">'),
                            encoding="utf-8")
    elif change == "photo":  # same name, other picture: the page's width and height change
        from PIL import Image

        photo = project / "products/mai-son/SL-MS-0001/vuon-ca-phe.jpg"
        Image.new("RGB", (640, 200), "green").save(photo, format="JPEG")
    elif change == "day":
        today = date(2027, 3, 1)
    elif change == "config":
        config = project / "site_config.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("Sơn La", "Sơn  La", 1), encoding="utf-8")
    else:  # a build stopped between the swap and remembering the keys
        for f in (project / ".cache/ocop").glob("site-state.json"):
            f.unlink()
    build(project / "site_config.yml", site, today)
    after = inodes(site)
    remade = {k for k in after if after[k] != before[k]}
    if change == "photo":
        assert {"p/SL-MS-0001/index.html", "en/p/SL-MS-0001/index.html"} <= remade and len(remade) == 2
        assert 'width="640" height="200"' in (site / "p/SL-MS-0001/index.html").read_text(encoding="utf-8")
    elif change == "keys lost":  # nothing is taken from the previous site, but the pages kept by their keys are
        # (.cache/ocop/kept-<lang>/, mkdocs_adapter.KeptPages): the same files, made this same day
        assert not remade and all(os.stat(site / k).st_nlink >= 2 for k in after)
    else:
        assert remade == set(after)
    assert files(site) == from_scratch(project, tmp_path, today)


def test_pages_another_project_left_in_the_folder_are_never_reused(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(project, other)
    edit_summary(other, "Khác. ")
    site = tmp_path / "shared-site"
    build(project / "site_config.yml", site, TODAY)
    build(other / "site_config.yml", site, TODAY)  # the other project's pages are now in the folder
    build(project / "site_config.yml", site, TODAY)  # this project's keys still match its records
    assert "Khác." not in (site / "p/SL-MS-0002/index.html").read_text(encoding="utf-8")
    assert files(site) == from_scratch(project, tmp_path)


@pytest.mark.parametrize("change", ["gtin removed", "photo renamed", "record added"])
def test_files_a_rebuild_no_longer_makes_leave_the_site(project: Path, tmp_path: Path, change: str) -> None:
    site = project / "site"
    build(project / "site_config.yml", site, TODAY)
    record = project / "products/mai-son/SL-MS-0001.yml"
    text = record.read_text(encoding="utf-8")
    if change == "gtin removed":
        assert (site / "01/08936123400590/index.html").is_file()
        record.write_text(text.replace('gtin: "8936123400590"\n', ""), encoding="utf-8")
    elif change == "photo renamed":
        assert (site / "p/SL-MS-0001/img/vuon-ca-phe.jpg").is_file()
        photos = project / "products/mai-son/SL-MS-0001"
        (photos / "vuon-ca-phe.jpg").rename(photos / "vuon.jpg")
        record.write_text(text.replace('"vuon-ca-phe.jpg"', '"vuon.jpg"'), encoding="utf-8")
    else:
        copy = project / "products/mai-son/SL-MS-0099.yml"
        copy.write_text((project / "products/mai-son/SL-MS-0003.yml").read_text(encoding="utf-8")
                        .replace("SL-MS-0003", "SL-MS-0099"), encoding="utf-8")
    build(project / "site_config.yml", site, TODAY)
    if change == "gtin removed":  # a published GTIN path keeps leading to the product (permanence.py)
        assert "p/SL-MS-0001/" in (site / "01/08936123400590/index.html").read_text(encoding="utf-8")
        expected = from_scratch(project, tmp_path)
        assert {k: v for k, v in files(site).items() if not k.startswith(("01/", "api/manifest"))} == \
            {k: v for k, v in expected.items() if not k.startswith(("01/", "api/manifest"))}
        return
    elif change == "photo renamed":
        assert not (site / "p/SL-MS-0001/img/vuon-ca-phe.jpg").exists()
        assert (site / "p/SL-MS-0001/img/vuon.jpg").is_file()
    else:
        assert (site / "p/SL-MS-0099/index.html").is_file()
    assert files(site) == from_scratch(project, tmp_path)
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site.") and p.name != ".site.lock"]
    assert leftovers == []


def test_a_failure_while_putting_the_new_site_in_place_keeps_the_old_one(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import publish
    from generator.build import BuildFailed

    site = project / "site"
    build(project / "site_config.yml", site, TODAY)
    before = files(site)
    edit_summary(project)
    real_rename, calls = os.rename, []

    def failing(src, dst):  # type: ignore[no-untyped-def]
        calls.append(src)
        if len(calls) == 2:  # the old site set aside, the new one refused
            raise OSError(28, "No space left on device", str(dst))
        return real_rename(src, dst)

    monkeypatch.setattr(publish, "_EXCHANGE", None)  # the two-rename way (Windows)
    monkeypatch.setattr(publish.os, "rename", failing)
    with pytest.raises(BuildFailed, match="No space left on device"):
        build(project / "site_config.yml", site, TODAY)
    monkeypatch.undo()
    assert files(site) == before
    assert not publish.State.file(project).exists()  # the next build starts afresh
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.") and p.name != ".site.lock"] == []


def test_a_failure_in_the_plan_process_fails_the_build_cleanly(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan figures are made in their own process and sent to the page processes: if making
    them fails, the build stops with the reason (no process left waiting) and the site stays."""
    from generator import plan
    from generator.mkdocs_adapter import RenderError

    site = project / "site"
    build(project / "site_config.yml", site, TODAY)
    before = files(site)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("a broken indicator")

    monkeypatch.setattr(plan, "evaluate", broken)
    monkeypatch.setenv("OCOP_START_METHOD", "fork")  # a child started with spawn would import the real one
    with pytest.raises(RenderError, match="a broken indicator"):
        build(project / "site_config.yml", site, TODAY)
    assert files(site) == before


def test_the_next_mornings_publish_makes_again_only_what_the_day_changed(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The publish workflow: a fresh checkout (no site), .cache/ocop restored, a later day. Only the
    products whose status or stars the day changed get new pages and search documents; every
    other page is the one remembered, with the new day's "as of" date; and the whole site is the
    one a build from scratch makes that day."""
    import json

    from generator.mkdocs_adapter import KeptPages
    from generator.site import search

    build(project / "site_config.yml", project / "site", TODAY)
    before = {p.stem: json.loads(p.read_text(encoding="utf-8"))["derived"]
              for p in (project / "site/api/p").glob("*.json")}
    shutil.rmtree(project / "site")
    later = date(2027, 3, 1)
    made: list[str] = []
    real = search.document

    def spy(entry, catalogue):  # type: ignore[no-untyped-def]
        made.append(entry.id)
        return real(entry, catalogue)
    monkeypatch.setattr(search, "document", spy)
    build(project / "site_config.yml", project / "site", later)
    after = {p.stem: json.loads(p.read_text(encoding="utf-8"))["derived"]
             for p in (project / "site/api/p").glob("*.json")}
    changed = sorted(pid for pid in after if (after[pid]["status"], after[pid]["stars"]) !=
                     (before[pid]["status"], before[pid]["stars"]))
    assert changed and len(changed) < len(after)
    assert sorted(made) == changed
    # The page processes keep each page whole with the day it was made: only the changed ones are
    # new, and they are the site's own files (linked); the others are the first day's, re-dated.
    for lang, prefix in (("vi", ""), ("en", "en/")):
        kept = KeptPages(project / f".cache/ocop/kept-{lang}").found.values()
        assert len(kept) == len(after)
        assert sorted(day for _, day in kept) == sorted([TODAY] * (len(after) - len(changed)) + [later] * len(changed))
        for pid in after:
            page = project / "site" / f"{prefix}p/{pid}/index.html"
            same = [day for path, day in kept if os.path.samefile(path, page)]
            assert same == ([later] if pid in changed else []), (lang, pid)
    page = (project / "site/en/p" / sorted(set(after) - set(changed))[0] / "index.html").read_text(encoding="utf-8")
    assert '<time class="ocop-asof" datetime="2027-03-01">1 March 2027</time>' in page
    assert {p["as_of"] for p in after.values()} == {"2027-03-01"}
    monkeypatch.undo()
    assert files(project / "site") == from_scratch(project, tmp_path, later)


def test_the_state_key_names_every_field_of_what_the_day_makes_of_a_record() -> None:
    """build.state_keys names derive.Derived's fields one by one (a repr was too slow): a field added
    there and forgotten here would let a page that shows it be kept when it changed."""
    import dataclasses
    import inspect

    from generator import build as build_module
    from generator.derive import Derived

    named = inspect.getsource(build_module.state_keys)
    for f in dataclasses.fields(Derived):
        assert f.name == "as_of" or f"d.{f.name}" in named, f.name
