"""Reproducible installs: requirements.lock pins, with hashes, every package pyproject.toml asks for,
within pyproject's bounds; `make` and every workflow that installs the project install from it."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

LOCK = (ROOT / "requirements.lock").read_text(encoding="utf-8")


def _pins() -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) of every pin in the lock."""
    pins = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", LOCK):
        m = re.match(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)", block)
        if m:
            pins[canonicalize_name(m.group(1))] = (m.group(2), block.count("--hash=sha256:"))
    return pins


def _wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]


@pytest.mark.parametrize("requirement", _wanted(), ids=str)
def test_the_lock_pins_each_dependency_within_its_bounds(requirement: Requirement) -> None:
    pins = _pins()
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement.name} is in pyproject.toml but not in requirements.lock: regenerate it"
    version, hashes = pins[name]
    assert requirement.specifier.contains(version, prereleases=True), \
        f"requirements.lock has {name}=={version}, outside pyproject's {requirement.specifier}"
    assert hashes >= 1


def test_every_pin_is_exact_and_hashed() -> None:
    pins = _pins()
    assert len(pins) > 40
    assert [n for n, (_, hashes) in pins.items() if hashes == 0] == []


def test_make_and_the_workflows_install_from_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes -r requirements.lock" in makefile
    assert re.search(r"\.installed: .*requirements\.lock", makefile)  # a new lock reinstalls
    for path in sorted((ROOT / ".github/workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]
        installs = [r for r in runs if "pip install" in r and " -e ." in r]
        if path.name == "dependencies.yml":  # the weekly job resolves afresh on purpose
            assert any("lowest-direct" in r for r in runs) and any("--upgrade" in r for r in runs)
            continue
        for run in installs:
            assert "--require-hashes -r requirements.lock" in run and "--no-deps -e ." in run, path.name
