"""Every diagnostic in Vietnamese by default, English on request, and every problem in one run.

The message table (generator/messages.py) holds both languages side by side: no entry lacks one,
and both carry the same placeholders. For every record and configuration fixture, the Vietnamese
and English outputs name the same places, codes and fields. Key fixtures have Vietnamese
expectations in tests/fixtures/vi/. The steward's three mistakes (a misspelled field, a date
typed 10/10/2024, a score outside its star band) show together in one run, in either language;
`ocop import` and `ocop build` failures speak the validator's language.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import grading
from generator.cli import main
from generator.chars import visible
from generator.diagnostics import CODES, render
from generator.messages import MESSAGES, Said, placeholders
from generator.schema import Product
from generator.validate import validate

from conftest import FIXTURES, TODAY, write_record
from test_fixtures import _cases, _scene

VALID = (FIXTURES / "records" / "valid.yml").read_text(encoding="utf-8")
VI = FIXTURES / "vi"
# "file:line:col: severity CODE field:" — what must not depend on the language.
PREFIX = re.compile(r"^(\S+:\d+:\d+: (?:error|warning) [EW]\d{3}(?: [^:]+:)?) ")


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, entry in MESSAGES.items():
        assert len(entry) == 2, key
        vi, en = entry
        assert vi.strip() and en.strip(), f"{key}: a language is empty"
        assert placeholders(vi) == placeholders(en), f"{key}: {placeholders(vi)} != {placeholders(en)}"
        if "|" in en:  # a counted word: singular|plural, chosen by {n}
            assert en.count("|") == 1 and "|" not in vi, key
    for code, (severity, vi, en) in CODES.items():
        assert severity in ("error", "warning") and vi.strip() and en.strip() and vi != en, code


def test_vietnamese_is_not_left_in_english() -> None:
    """Sentences (not words such as codes or values) differ between the two languages."""
    same = [key for key, (vi, en) in MESSAGES.items() if vi == en and len(en.split()) > 2]
    assert same == []


def _fixture_problems(case: Path, project: Path) -> list:  # type: ignore[type-arg]
    raw = case.read_bytes()
    destination, files, links = _scene(raw)
    write_record(project, destination, raw)
    for target, source in files:
        write_record(project, target, (case.parent / source).read_bytes())
    for link, target in links:
        (project / link).parent.mkdir(parents=True, exist_ok=True)
        (project / link).symlink_to(target)
    return validate(project / "site_config.yml", TODAY).problems


def _same_places(problems: list) -> None:  # type: ignore[type-arg]
    assert problems
    for p in problems:
        vi, en = p.text("vi"), p.text("en")
        assert isinstance(p.said, Said), f"{en}: not a sentence of the message table"
        where = f"{visible(p.file)}:{p.line}:{p.col}: {p.severity} {p.code}" + (f" {visible(p.field)}:" if p.field else "")
        assert vi.startswith(where + " ") and en.startswith(where + " "), (vi, en)
        assert vi != en, f"not translated: {en}"


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.stem)
def test_record_fixtures_say_the_same_in_both_languages(case: Path, project: Path) -> None:
    if case.stem == "valid":
        return
    _same_places(_fixture_problems(case, project))


@pytest.mark.parametrize("case", sorted((FIXTURES / "configs").glob("*.yml")), ids=lambda p: p.stem)
def test_config_fixtures_say_the_same_in_both_languages(case: Path, tmp_path: Path) -> None:
    (tmp_path / "site_config.yml").write_bytes(case.read_bytes())
    problems = [p for p in validate(tmp_path / "site_config.yml", TODAY).problems if p.code != "W503"]
    _same_places(problems)


@pytest.mark.parametrize("expected", sorted(VI.glob("*.expected")), ids=lambda p: p.stem)
def test_key_fixtures_in_vietnamese(expected: Path, project: Path) -> None:
    problems = _fixture_problems(FIXTURES / "records" / f"{expected.stem}.yml", project)
    assert [p.text("vi") for p in problems] == expected.read_text(encoding="utf-8").splitlines()


# A misspelled field, a date written as on paper, and the first certificate's stars not matching
# its score (66.5 is 3★).
THREE_MISTAKES = (VALID.replace("  name: HTX Nông nghiệp", "  nmae: HTX Nông nghiệp")
                  .replace("date: 2024-06-20", "date: 10/10/2024")
                  .replace("stars: 3\n    score: 66.5", "stars: 4\n    score: 66.5"))


def _three(project: Path, *lang: str) -> tuple[int, list[str]]:
    write_record(project, "products/mai-son/SL-MS-0001.yml", THREE_MISTAKES)
    result = CliRunner().invoke(main, [*lang, "validate", "--config", str(project / "site_config.yml"),
                                       "--today", TODAY.isoformat()])
    return result.exit_code, result.output.splitlines()


def test_three_mistakes_in_one_run_in_vietnamese_by_default(project: Path) -> None:
    assert THREE_MISTAKES.count("nmae") == THREE_MISTAKES.count("10/10/2024") == 1
    code, lines = _three(project)
    assert code == 1
    assert [line.split()[2] for line in lines[:-1]] == ["E201", "E300", "E204"]
    misspelled, band, when = lines[:3]
    assert "producer.nmae: `nmae` không phải là một trường của hồ sơ này. Có phải ý anh chị là `name`?" in misspelled
    assert "certifications[1].date: Anh chị viết 10/10/2024; hãy viết 2024-10-10" in when
    assert ("certifications[0].score: Điểm 66.5 thuộc hạng 3★ (khung điểm 3★ là từ 50 đến dưới 70), nhưng stars "
            "ghi 4.") in band
    assert lines[-1] == "3 lỗi, 0 cảnh báo trong 1 tệp"


def test_three_mistakes_in_one_run_in_english(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, english = _three(project, "--lang", "en")
    assert code == 1
    assert "producer.nmae: `nmae` is not a field of this record. Did you mean `name`?" in english[0]
    assert "certifications[0].score: A score of 66.5 is 3★ (the 3★ band is 50 to below 70), but stars says 4." in english[1]
    assert "certifications[1].date: You wrote 10/10/2024; write 2024-10-10" in english[2]
    assert english[-1] == "3 errors, 0 warnings in 1 file"
    _, vietnamese = _three(project)
    assert [PREFIX.match(x).group(1) for x in english[:-1]] == [PREFIX.match(x).group(1) for x in vietnamese[:-1]]  # type: ignore[union-attr]
    monkeypatch.setenv("OCOP_LANG", "en")  # CI logs: the environment variable
    assert _three(project)[1] == english


def test_the_rules_judge_what_passed_even_in_another_certificate(project: Path) -> None:
    """A certificate with a bad date is still checked for its band; another certificate is checked whole."""
    record = THREE_MISTAKES.replace("score: 78.5", "score: 65") + (
        "  - level: district\n    decision: \"9/QĐ-UBND\"\n    date: 2025-09-01\n    stars: 3\n")
    write_record(project, "products/mai-son/SL-MS-0001.yml", record)
    got = [(p.code, p.field) for p in validate(project / "site_config.yml", TODAY).problems]
    assert got == [("E201", "producer.nmae"), ("E300", "certifications[0].score"), ("E204", "certifications[1].date"),
                   ("E300", "certifications[1].score"), ("E302", "certifications[1].parts"),
                   ("E313", "certifications[2].level")]


def test_json_and_github_follow_the_language(project: Path) -> None:
    write_record(project, "products/mai-son/SL-MS-0001.yml", THREE_MISTAKES)
    problems = validate(project / "site_config.yml", TODAY).problems
    vi = json.loads(render(problems, "json", checked_files=1, lang="vi"))
    en = json.loads(render(problems, "json", checked_files=1, lang="en"))
    assert (vi["lang"], en["lang"]) == ("vi", "en")
    assert vi["problems"][1]["message"].startswith("Điểm 66.5 thuộc hạng 3★")
    assert vi["problems"][1]["title"] == "Điểm không khớp với hạng sao"
    assert vi["problems"][1]["message_en"] == en["problems"][1]["message"] == problems[1].message
    assert [{k: p[k] for k in ("file", "line", "col", "code", "field")} for p in vi["problems"]] == \
        [{k: p[k] for k in ("file", "line", "col", "code", "field")} for p in en["problems"]]
    github = render(problems, "github", checked_files=1, lang="vi").splitlines()
    assert "title=E300 Điểm không khớp với hạng sao::certifications[0].score: Điểm 66.5" in github[1]
    assert github[-1] == "::notice::3 lỗi, 0 cảnh báo trong 1 tệp"


CSV = ("Tên sản phẩm;Tên chủ thể;Huyện;Ngành hàng;Xếp hạng;Số QĐ;Ngày công nhận\n"
       "Mật ong hoa cà phê;HTX Ong Chiềng Mai;Mai Sơn;Thực phẩm;4 sao;88/QĐ-UBND;05/06/2024\n"
       "Chè shan tuyết;HTX Chè Tà Xùa;Mai Sơn;Đồ uống;nhiều sao;89/QĐ-UBND;05/06/2024\n")


def test_import_speaks_the_validators_language(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "ocop.csv"
    sheet.write_text(CSV, encoding="utf-8")
    args = ["import", str(sheet), "--config", str(project / "site_config.yml"), "--today", TODAY.isoformat(),
            "--dry-run"]
    vi = CliRunner().invoke(main, args)
    en = CliRunner().invoke(main, ["--lang", "en", *args])
    assert vi.exit_code == en.exit_code == 1
    assert "Bỏ qua 1 dòng (không ghi):" in vi.output
    assert 'dòng 3, cột "Xếp hạng" (E) = "nhiều sao": không phải số sao. Cách sửa: Hãy ghi 3, 4 hoặc 5' in vi.output
    assert vi.output.splitlines()[-1] == "1 hồ sơ sẽ ghi, bỏ qua 1 dòng."
    assert "Skipped 1 row (not written):" in en.output
    assert 'row 3, column "Xếp hạng" (E) = "nhiều sao": not a number of stars. Fix: Write 3, 4 or 5' in en.output
    assert en.output.splitlines()[-1] == "1 to write, 1 skipped."
    missing = tmp_path / "no-group.csv"
    missing.write_text("Tên sản phẩm;Chủ thể\nMật ong;HTX Ong\n", encoding="utf-8")
    config = project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    broken = ["import", str(sheet), "--config", str(config)]
    assert "có lỗi; hãy chạy `ocop validate` trước." in CliRunner().invoke(main, broken).output
    assert "has errors; run `ocop validate` first." in CliRunner().invoke(main, ["--lang", "en", *broken]).output


def test_build_failures_speak_the_validators_language(project: Path, tmp_path: Path) -> None:
    write_record(project, "products/mai-son/SL-MS-0001.yml", THREE_MISTAKES)
    args = ["build", "--config", str(project / "site_config.yml"), "--today", TODAY.isoformat(),
            "--out", str(tmp_path / "site")]
    vi = CliRunner().invoke(main, args)
    en = CliRunner().invoke(main, ["--lang", "en", *args])
    assert vi.exit_code == en.exit_code == 1
    assert "error E300 certifications[0].score: Điểm 66.5 thuộc hạng 3★" in vi.output
    assert "Không dựng được trang web: Hồ sơ còn lỗi; chưa ghi gì cả. Trang web cũ trong" in vi.output
    assert "error E300 certifications[0].score: A score of 66.5 is 3★" in en.output
    assert "Build failed: The records have errors; nothing was written. The previous site in" in en.output
    future = ["--lang", "en", *args, "--plan-as-of", "2027-01-01"]
    assert "The plan can be shown as of a past day only" in CliRunner().invoke(main, future).output
    assert "Chỉ xem được kế hoạch tính đến một ngày đã qua" in CliRunner().invoke(main, future[2:]).output


def _cert(on: date, stars: int, level: str) -> Product:
    return Product.model_validate({
        "id": "SL-MS-0001", "name": "Mật ong", "group": "food", "district": "mai-son",
        "producer": {"name": "HTX Ong", "type": "cooperative"}, "summary": "Mật ong hoa cà phê.",
        "certifications": [{"level": level, "decision": "1/QĐ-UBND", "date": on, "stars": stars}]})


def test_the_district_level_ends_on_one_day_for_both_rules() -> None:
    """From 1 July 2025 a 3★ certificate is the province's: a province one is normal (no W309), a
    district one an error (E313); the day before, the district recognised 3★."""
    codes = lambda on, level: [c for _, c, _, _ in grading.check_record(_cert(on, 3, level), TODAY)]  # noqa: E731
    assert grading.TWO_TIER_FROM == grading.DISTRICTS_ENDED == date(2025, 7, 1)
    for on in (date(2025, 7, 1), date(2025, 7, 3), date(2025, 7, 5)):
        assert codes(on, "province") == [], on
        assert codes(on, "district") == ["E313"], on
    assert codes(date(2025, 6, 30), "district") == []
    assert codes(date(2025, 6, 30), "province") == ["W309"]


def test_a_dangling_symbolic_link_named_on_the_command_line_is_e410(project: Path) -> None:
    write_record(project, "products/mai-son/SL-MS-0001.yml", VALID)
    link = project / "products/mai-son/SL-MS-0002.yml"
    link.symlink_to("SL-MS-0099.yml")  # points at nothing
    result = CliRunner().invoke(main, ["--lang", "en", "validate", str(link), "--config",
                                       str(project / "site_config.yml"), "--today", TODAY.isoformat()])
    assert result.exit_code == 1
    assert "products/mai-son/SL-MS-0002.yml:1:1: error E410 This record is a symbolic link" in result.output
    gone = CliRunner().invoke(main, ["--lang", "en", "validate", str(project / "products/mai-son/SL-MS-0404.yml"),
                                     "--config", str(project / "site_config.yml"), "--today", TODAY.isoformat()])
    assert gone.exit_code == 1 and "error E101 The file cannot be read" in gone.output
