"""generator/publish.py on its own: which files belong to which product, what a site's state is
trusted for, and moving files in all or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import publish


def test_each_file_belongs_to_its_product_or_to_the_whole_site() -> None:
    paths = ["p/SL-MS-0001/index.html", "p/SL-MS-0001/img/ca-phe.jpg", "en/p/SL-MS-0001/index.html",
             "api/p/SL-MS-0001.json", "01/08936123400590/index.html", "p/SL-MS-0002/qr.svg",
             "api/products.json", "api/p/index.html", "districts/mai-son/index.html", "en/index.html",
             "p/OCOP-UNKNOWN/index.html", "search/abc/d/0.json", "sitemap.xml"]
    places = {"p/SL-MS-0001/": "SL-MS-0001", "en/p/SL-MS-0001/": "SL-MS-0001", "api/p/SL-MS-0001.json": "SL-MS-0001",
              "01/08936123400590/": "SL-MS-0001", "p/SL-MS-0002/": "SL-MS-0002", "en/p/SL-MS-0002/": "SL-MS-0002",
              "api/p/SL-MS-0002.json": "SL-MS-0002"}
    owned, shared = publish.owners(paths, places)
    assert owned == {"SL-MS-0001": paths[:5], "SL-MS-0002": ["p/SL-MS-0002/qr.svg"]}
    assert shared == ["api/products.json", "api/p/index.html", "districts/mai-son/index.html", "en/index.html",
                      "p/OCOP-UNKNOWN/index.html", "search/abc/d/0.json", "sitemap.xml"]


def test_a_rebuild_keeps_unchanged_products_files_and_drops_what_is_gone() -> None:
    before = publish.State("site", "x", owned={"A": ["p/A/index.html", "01/1/index.html"], "B": ["p/B/index.html"]},
                           shared=["index.html", "search/old/words.json"])
    owned, obsolete = before.after({"A"}, {"A": ["p/A/index.html"]}, ["index.html", "search/new/words.json"])
    assert owned == {"A": ["p/A/index.html"], "B": ["p/B/index.html"]}
    assert obsolete == ["01/1/index.html", "search/old/words.json"]


def test_a_state_is_only_trusted_for_the_site_it_describes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / publish.BUILD_FILE).write_text('{"vi": "1"}')
    state = publish.State(str(site), publish.build_digest(site), products={"A": "k"})
    state.save(tmp_path)
    assert publish.State.load(tmp_path, site) == state
    assert publish.State.load(tmp_path, tmp_path / "elsewhere") is None
    (site / publish.BUILD_FILE).write_text('{"vi": "2"}')  # another build wrote this site since
    assert publish.State.load(tmp_path, site) is None
    publish.State.forget(tmp_path)
    assert not publish.State.file(tmp_path).exists()


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("fail_at", [1, 2, 3, 4, 5, 6])
def test_moving_in_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int) -> None:
    site, staging = tmp_path / "site", tmp_path / ".site.new"
    for folder, files in ((site, {"index.html": "old", "p/A/index.html": "old A", "gone.html": "old"}),
                          (staging, {"index.html": "new", "p/A/index.html": "new A", "p/B/index.html": "new B"})):
        for rel, text in files.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text)
    before = tree(site)
    real, calls = os.rename, []

    def failing(src, dst):  # type: ignore[no-untyped-def]
        calls.append(src)
        if len(calls) == fail_at:
            raise OSError(5, "Input/output error", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "rename", failing)
    with pytest.raises(publish.CommitFailed, match="Input/output error"):
        publish.commit(staging, site, ["gone.html"])
    monkeypatch.undo()
    assert tree(site) == before
    assert not (site / "p/B").exists()  # no empty folder left for the product that was new
    assert not list(tmp_path.glob(".site.undo-*"))
    # Nothing was lost either: the staging folder still holds every new file, so trying again works.
    assert publish.commit(staging, site, ["gone.html"]) == 3
    assert tree(site) == {"index.html": "new", "p/A/index.html": "new A", "p/B/index.html": "new B"}
    assert not staging.exists() and not list(tmp_path.glob(".site.undo-*"))
