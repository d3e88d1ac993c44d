"""One fixture per rule: a valid record with one defect, and the exact diagnostics it must produce.

`tests/fixtures/records/<code>_<problem>.yml` is copied into an empty project at
`products/mai-son/SL-MS-0001.yml` and validated as of TODAY; the text output must equal
`<same name>.expected` line for line. Comment lines at the top of a fixture set the scene:

    # path: products/moc-chau/SL-MC-0001.yml   where the fixture itself goes
    # file: products/mai-son/SL-MS-0001/a.jpg = files/truncated.jpg   a file of records/files/ copied in
    # link: products/mai-son/SL-MS-0002.yml -> SL-MS-0001.yml   a symbolic link, as written

Checked both ways: no fixture without an expectation, no expectation without a fixture, and every
problem code of the validator is exercised by a fixture or by a named test elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import CODES
from generator.validate import validate

from conftest import FIXTURES, TODAY, write_record

CASES = FIXTURES / "records"
DEFAULT_PATH = "products/mai-son/SL-MS-0001.yml"
# Codes whose situation needs more than one record file or real image files: tested by name.
TESTED_ELSEWHERE = {
    "E402": "test_validate.py::test_duplicate_id_reported_in_both_files",
    "E405": "test_validate.py::test_image_problems",
    "E406": "test_validate.py::test_image_problems",
    "E407": "test_site_build.py::test_removed_record_is_refused",
    "E408": "test_validate.py::test_image_problems",
    "W420": "test_build_safety.py::test_deleting_a_record_only_ever_previewed_locally_warns_and_builds",
    "E500": "test_validate.py::test_config_problems",
    "E501": "test_plan.py::test_plan_mistakes_get_located_errors",
    "E502": "test_plan.py::test_plan_mistakes_get_located_errors",
    "W504": "test_plan.py::test_a_value_dated_after_today_is_a_located_warning",
}


def _cases() -> list[Path]:
    return sorted(CASES.glob("*.yml"))


def _scene(raw: bytes) -> tuple[str, list[tuple[str, str]], list[tuple[str, str]]]:
    """(where the fixture goes, files to copy in, links to make) from the fixture's top comments."""
    path, files, links = DEFAULT_PATH, [], []
    for line in raw.decode("utf-8", errors="replace").split("\n"):
        if not line.startswith("#"):
            break
        if line.startswith("# path: "):
            path = line[len("# path: "):].strip()
        elif line.startswith("# file: "):
            target, source = line[len("# file: "):].split(" = ")
            files.append((target.strip(), source.strip()))
        elif line.startswith("# link: "):
            link, target = line[len("# link: "):].split(" -> ")
            links.append((link.strip(), target.strip()))
    return path, files, links


def stage(project: Path, case: Path) -> None:
    """Put a fixture record, and the files and links its comment lines ask for, into ``project``."""
    raw = case.read_bytes()
    destination, files, links = _scene(raw)
    write_record(project, destination, raw)
    for target, source in files:
        write_record(project, target, (CASES / source).read_bytes())
    for link, target in links:
        (project / link).parent.mkdir(parents=True, exist_ok=True)
        (project / link).symlink_to(target)


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.stem)
def test_fixture_gives_exactly_the_expected_diagnostics(case: Path, project: Path) -> None:
    stage(project, case)
    result = validate(project / "site_config.yml", TODAY)
    got = [p.text("en") for p in result.problems]
    expected = [line for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines() if line]
    assert got == expected


def test_every_fixture_has_an_expectation_and_back() -> None:
    fixtures = {p.stem for p in CASES.glob("*.yml")}
    expectations = {p.stem for p in CASES.glob("*.expected")}
    assert fixtures - expectations == set(), "fixtures without .expected"
    assert expectations - fixtures == set(), ".expected without a fixture"


def test_every_code_is_exercised() -> None:
    seen = set()
    for exp in CASES.glob("*.expected"):
        for line in exp.read_text(encoding="utf-8").splitlines():
            parts = line.split(": ", 1)
            if len(parts) == 2:
                seen.add(parts[1].split()[1])
    missing = set(CODES) - seen - set(TESTED_ELSEWHERE)
    assert not missing, f"codes with no fixture: {sorted(missing)}"


def test_fixture_names_start_with_their_code() -> None:
    for case in _cases():
        if case.stem == "valid":
            continue
        code = case.stem.split("_", 1)[0].upper()
        text = case.with_suffix(".expected").read_text(encoding="utf-8")
        assert f" {code} " in text, f"{case.name} is named for {code} but does not produce it"
