"""A national catalogue (20,000 products) must fit where the project publishes.

Two synthetic catalogues (bench/synth.py: paragraph-long descriptions, every status) of 150 and
300 products are built; what the second 150 products added is what a product costs, whatever
the site's fixed files (Material's scripts, the hand-written pages) weigh. That cost times 20,000,
plus the fixed part, must stay within the hosts' limits (bench/sitesize.py says how each counts).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from generator.build import build

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import sitesize  # noqa: E402
import synth  # noqa: E402

SIZES = (150, 300)


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict]:
    out = {}
    for n in SIZES:
        root = tmp_path_factory.mktemp(f"catalogue{n}")
        ids = {p.stem for p in synth.generate(root, n, seed=7)}
        build(root / "site_config.yml", root / "site", synth.TODAY)
        out[n] = sitesize.site_report(root / "site", ids, n)
    return out


def national(measured: dict[int, dict], key: str) -> tuple[float, float]:
    """(per product, at 20,000 products) of ``key`` ("bytes", "entries", "gzip_bytes")."""
    small, large = (measured[n][key] for n in SIZES)
    per_product = (large - small) / (SIZES[1] - SIZES[0])
    return per_product, small + per_product * (sitesize.NATIONAL - SIZES[0])


def heaviest(measured: dict[int, dict]) -> str:
    kinds = measured[SIZES[1]]["kinds"]
    return ", ".join(f"{kind} {k['bytes'] / SIZES[1] / 1000:.1f} KB" for kind, k in list(kinds.items())[:8])


def test_the_compressed_artifact_of_a_national_site_fits_github_pages(measured: dict[int, dict]) -> None:
    per_product, total = national(measured, "gzip_bytes")
    assert total < sitesize.LIMIT_BYTES * 0.9, (
        f"{per_product / 1000:.1f} KB compressed per product: {total / 1e9:.2f} GB at 20,000 ({heaviest(measured)})")


def test_a_national_site_fits_gitlab_pages_bytes_and_entries(measured: dict[int, dict]) -> None:
    per_product, total = national(measured, "bytes")
    entries_per_product, entries = national(measured, "entries")
    assert total < sitesize.LIMIT_BYTES * 0.95, (
        f"{per_product / 1000:.1f} KB per product: {total / 1e9:.2f} GB at 20,000 ({heaviest(measured)})")
    assert entries < sitesize.LIMIT_ENTRIES * 0.95, (
        f"{entries_per_product:.2f} files and folders per product: {entries:.0f} at 20,000")


def test_the_measure_counts_what_a_host_receives(tmp_path: Path) -> None:
    # Hard links weigh what copies do (the Pages artifact dereferences them); folders are entries.
    site = tmp_path / "site"
    (site / "p" / "A-1").mkdir(parents=True)
    (site / "p" / "A-1" / "qr.svg").write_bytes(b"x" * 1000)
    (site / "p" / "A-1" / "copy.svg").hardlink_to(site / "p" / "A-1" / "qr.svg")
    report = sitesize.site_report(site, {"A-1"}, 1)
    assert report["bytes"] == 2000
    assert report["entries"] == 4  # p/, p/A-1/, two files
    assert report["kinds"]["p/<id>/qr.svg"]["bytes"] == 1000
    assert report["kinds"]["p/<id>/qr.svg"]["gzip_bytes"] < 100  # a thousand x's compress
