"""`ocop new` as a steward uses it: Vietnamese answers, numbered choices, abbreviations, a wrong
answer asked again on its own, nothing written until the record is valid, and a draft kept when
the session is cut short."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.validate import validate

from conftest import ROOT, TODAY, write_record

DISTRICT_PROMPT = "Huyện, thị xã, thành phố: "
PLACE_PROMPT = "Ghi nơi sản xuất theo [1]: "
OLD = "2"  # the answer to the first question: the district and commune of a certificate issued before 1 Jul 2025


def run_new(project: Path, answers: list[str], *extra: str, lang: str = "vi"):  # type: ignore[no-untyped-def]
    args = ["--lang", lang, "new", "--config", str(project / "site_config.yml"), "--today", TODAY.isoformat(),
            "--ask", *extra]
    return CliRunner().invoke(main, args, input="".join(a + "\n" for a in answers))


def record(project: Path, rel: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((project / rel).read_text(encoding="utf-8"))


def test_vietnamese_answers_and_one_wrong_answer_end_with_a_valid_record(project: Path, record_yaml) -> None:  # type: ignore[no-untyped-def]
    write_record(project, "products/mai-son/SL-MS-0901.yml", record_yaml())
    answers = [OLD, "Mai Sơn", "chieng mai", "Cà phê Arabica Chiềng Mai", "Đồ uống", "HTX Cà phê Chiềng Mai",
               "",  # Enter: the type the name states (HTX)
               "Cà phê Arabica rang mộc từ vùng đồi Chiềng Mai.", "có", "1693/QĐ-UBND", "10/10/2024", "tỉnh",
               "6",  # wrong: asked again, alone
               "4 sao", "78,5"]
    result = run_new(project, answers)
    assert result.exit_code == 0, result.output
    assert "Chỉ sản phẩm đạt 3, 4 hoặc 5 sao mới được cấp giấy chứng nhận OCOP." in result.output
    # Nothing before the wrong answer is asked again.
    assert result.output.count(DISTRICT_PROMPT) == 1
    assert result.output.count("Hạng sao (3, 4 hoặc 5): ") == 2
    assert "Bạn viết 10/10/2024; đã hiểu là ngày 2024-10-10" in result.output
    assert "Traceback" not in result.output and "pydantic" not in result.output
    created = record(project, "products/mai-son/SL-MS-0902.yml")
    assert created["commune"] == "chieng-mai" and created["group"] == "beverages"
    assert created["producer"] == {"name": "HTX Cà phê Chiềng Mai", "type": "cooperative"}
    assert created["certifications"] == [{"level": "province", "decision": "1693/QĐ-UBND",
                                          "date": __import__("datetime").date(2024, 10, 10), "stars": 4, "score": 78.5}]
    assert validate(project / "site_config.yml", TODAY).problems == []


def test_a_score_outside_its_star_band_is_found_by_the_validator_and_only_it_asked_again(project: Path) -> None:
    answers = [OLD, "10", "", "Mật ong hoa ban", "1", "Tổ hợp tác Ong Chiềng Ban", "THT", "Mật ong hoa ban mùa xuân.",
               "c", "88/QĐ-UBND", "2024-05-02", "2", "4", "68.5",  # 68.5 is a 3-star score
               "78.5"]
    result = run_new(project, answers)
    assert result.exit_code == 0, result.output
    assert "Hồ sơ chưa hợp lệ ở mục certifications[0].score" in result.output
    assert result.output.count("Điểm bình quân của hội đồng") == 2
    assert result.output.count(DISTRICT_PROMPT) == 1
    created = record(project, "products/mai-son/SL-MS-0001.yml")
    assert created["producer"]["type"] == "cooperative_group" and created["certifications"][0]["score"] == 78.5
    assert "commune" not in created
    assert validate(project / "site_config.yml", TODAY).problems == []


def test_nothing_is_written_while_the_record_is_invalid(project: Path) -> None:
    # The input ends while the band mismatch is being asked about: no record, a draft instead.
    answers = [OLD, "Mai Sơn", "", "Mật ong hoa ban", "Thực phẩm", "HTX Ong", "", "Mật ong.", "c", "88/QĐ-UBND",
               "2024-05-02", "tỉnh", "4", "68.5"]
    result = run_new(project, answers)
    assert result.exit_code == 1
    assert not list((project / "products").rglob("*.yml"))
    assert (project / "drafts/mat-ong-hoa-ban.yml").is_file()


def test_an_interrupted_session_keeps_a_draft_that_resumes(project: Path) -> None:
    first = run_new(project, [OLD, "Huyện Mai Sơn", "Chiềng Ban", "Mật ong hoa ban", "Thực phẩm"])
    assert first.exit_code == 1
    draft = project / "drafts/mat-ong-hoa-ban.yml"
    assert "Đã lưu những gì bạn đã nhập vào" in first.output and "ocop new --resume" in first.output
    assert draft.is_file() and not list((project / "products").rglob("*.yml"))
    second = run_new(project, ["Công ty TNHH Ong Mật Tây Bắc", "", "Mật ong hoa ban.", "k"], "--resume", str(draft))
    assert second.exit_code == 0, second.output
    assert DISTRICT_PROMPT not in second.output and "Nhóm sản phẩm" not in second.output
    assert PLACE_PROMPT not in second.output
    created = record(project, "products/mai-son/SL-MS-0001.yml")
    assert created["commune"] == "chieng-ban" and created["group"] == "food" and created["certifications"] == []
    assert created["producer"]["type"] == "enterprise"
    assert not draft.exists()


def test_options_take_vietnamese_names_and_abbreviations(project: Path) -> None:
    args = ["new", "--config", str(project / "site_config.yml"), "--today", TODAY.isoformat(), "--no-ask",
            "--district", "mai son", "--commune", "Xã Chiềng Mai", "--name", "Chè Shan tuyết", "--group", "ĐỒ UỐNG",
            "--producer", "Doanh nghiệp tư nhân Chè Tà Xùa", "--producer-type", "DNTN", "--summary", "Chè cổ thụ.",
            "--level", "UBND tỉnh", "--decision", "12/QĐ-UBND", "--date", "15/6/2024", "--stars", "3"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    created = record(project, "products/mai-son/SL-MS-0001.yml")
    assert (created["group"], created["producer"]["type"], created["commune"]) == ("beverages", "enterprise", "chieng-mai")
    assert created["certifications"][0]["level"] == "province"


def test_without_a_terminal_every_wrong_option_is_reported_at_once(project: Path) -> None:
    args = ["new", "--config", str(project / "site_config.yml"), "--today", TODAY.isoformat(), "--no-ask",
            "--district", "Hà Nội", "--name", "Chè", "--group", "rau", "--producer", "Hộ ông A",
            "--producer-type", "hộ kinh doanh", "--level", "tỉnh", "--date", "31/02/2024", "--stars", "7"]
    result = CliRunner(mix_stderr=False).invoke(main, args) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames \
        else CliRunner().invoke(main, args)
    assert result.exit_code == 1
    errors = [line for line in (result.stderr or result.output).splitlines() if line.startswith("lỗi: ")]
    said = "\n".join(errors)
    assert "--district: “Hà Nội” không có trong danh sách" in said and "Huyện Mai Sơn" in said
    assert "--group: “rau”" in said
    assert "--summary" in said and "--decision" in said
    assert "--date: “31/02/2024” không phải là một ngày có thật." in said
    assert "--stars: Chỉ sản phẩm đạt 3, 4 hoặc 5 sao" in said
    assert "--producer-type" not in said  # understood
    assert not list((project / "products").rglob("*.yml"))
    assert "Traceback" not in result.output and "pydantic" not in result.output.lower()


def test_the_questions_in_english(project: Path) -> None:
    result = run_new(project, [OLD, "Mai Son District", "", "Roasted coffee", "Beverages", "Coffee Cooperative",
                               "cooperative", "Coffee.", "n"], lang="en")
    assert result.exit_code == 0, result.output
    assert "District: " in result.output and "Product group: " in result.output
    assert "Huyện" not in result.output.split("District: ")[-1].split("\n", 1)[0]


def test_ctrl_c_in_a_terminal_offers_to_save_a_draft(project: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "generator", "new", "--config", str(project / "site_config.yml")],
                          cwd=str(project), encoding="utf-8", timeout=30, env={"OCOP_LANG": "vi", "PATH": "/usr/bin:/bin",
                                                                              "PYTHONPATH": str(ROOT)})
    child.expect(r"Ghi nơi sản xuất theo \[1\]: ")
    child.sendline(OLD)
    child.expect("Huyện, thị xã, thành phố: ")
    child.sendline("mai son")
    child.expect("Xã, phường, thị trấn")
    child.sendline("")
    child.expect("Tên sản phẩm")
    child.sendline("Mận hậu Mai Sơn")
    child.expect("Nhóm sản phẩm")
    child.sendintr()
    child.expect(r"Lưu những gì đã nhập thành bản nháp\? \(c/k\)")
    child.sendline("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "drafts/man-hau-mai-son.yml" in (child.before or "")
    draft = yaml.safe_load((project / "drafts/man-hau-mai-son.yml").read_text(encoding="utf-8"))
    assert {k: v for k, v in draft.items() if v is not None} == {
        "place": "district", "district": "mai-son", "name": "Mận hậu Mai Sơn"}


# -- since 1 July 2025: a record placed by today's ward or commune, with no district

WARD_PROMPT = "Phường, xã hiện nay (số thứ tự, tên hoặc mã): "
LEVEL_PROMPT = "Cấp công nhận: "
TA_XUA_RECORD = """\
id: SL-0001
name: Chè Tà Xùa
group: beverages
ward: "03868"
producer: {name: HTX Chè Tà Xùa, type: cooperative}
summary: Chè shan tuyết.
certifications: []
"""


def test_a_product_certified_since_the_reform_is_placed_by_todays_ward(project: Path, record_yaml) -> None:  # type: ignore[no-untyped-def]
    write_record(project, "products/SL/SL-0001.yml", TA_XUA_RECORD)
    write_record(project, "products/mai-son/SL-MS-0901.yml", record_yaml())  # another series: not counted
    answers = ["",  # Enter: today's ward or commune, the default since the reform
               "ta xuaa",  # a slip: did you mean, and asked again alone
               "Phường Hoàn Kiếm",  # a ward of another province: said so
               "ta xua",  # toneless, without "Xã"
               "Trà shan tuyết cổ thụ", "Đồ uống", "HTX Trà Tà Xùa", "", "Trà từ cây chè trên 100 năm tuổi.", "c",
               "412/QĐ-UBND", "10/3/2026",
               "huyện",  # there is no district level since 1 July 2025: asked again
               "1",  # the first level offered after the reform: the province
               "4", "81"]
    result = run_new(project, answers)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.count(PLACE_PROMPT) == 1 and DISTRICT_PROMPT not in out and "Xã, phường, thị trấn" not in out
    assert "Có phải là Xã Tà Xùa?" in out
    assert "“Phường Hoàn Kiếm” là Phường Hoàn Kiếm của Thành phố Hà Nội, không thuộc Tỉnh Sơn La." in out
    assert out.count(WARD_PROMPT) == 3 and out.count(LEVEL_PROMPT) == 2
    # Today's 75 units of Sơn La are offered by number; the levels after the reform are two.
    assert re.search(r"\b75\. Xã ", out) and "Phường Mộc Châu" in out
    levels = out.split("2026-03-10 (năm-tháng-ngày).")[1].split(LEVEL_PROMPT)[0]
    assert "1. UBND cấp tỉnh" in levels and "2. Trung ương" in levels and "cấp huyện" not in levels
    assert "Từ 01/7/2025 không còn cấp huyện: quyết định ngày 2026-03-10" in out
    path = project / "products/SL/SL-0002.yml"
    assert f"Đã tạo {path}." in out
    text = path.read_text(encoding="utf-8")
    assert 'ward: "03868"  # Xã Tà Xùa' in text
    created = yaml.safe_load(text)
    assert created["id"] == "SL-0002" and "district" not in created and "commune" not in created
    assert created["certifications"][0]["level"] == "province"
    assert validate(project / "site_config.yml", TODAY).problems == []


def test_a_ward_by_option_by_name_or_code(project: Path) -> None:
    base = ["new", "--config", str(project / "site_config.yml"), "--today", TODAY.isoformat(), "--no-ask",
            "--name", "Chè Shan tuyết", "--group", "đồ uống", "--producer", "HTX Chè Mộc Châu", "--producer-type", "HTX",
            "--summary", "Chè."]
    first = CliRunner().invoke(main, [*base, "--ward", "moc chau"])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(main, [*base, "--ward", "03868", "--level", "tỉnh", "--decision", "7/QĐ-UBND",
                                       "--date", "2025-07-01", "--stars", "3"])
    assert second.exit_code == 0, second.output
    assert record(project, "products/SL/SL-0001.yml")["ward"] == "03980"  # Phường Mộc Châu
    assert record(project, "products/SL/SL-0002.yml")["ward"] == "03868"
    assert validate(project / "site_config.yml", TODAY).problems == []


def test_without_a_terminal_a_wrong_ward_and_a_district_level_since_the_reform_are_reported(project: Path) -> None:
    base = ["new", "--config", str(project / "site_config.yml"), "--today", TODAY.isoformat(), "--no-ask",
            "--name", "Chè", "--group", "food", "--producer", "HTX A", "--summary", "Chè."]
    result = CliRunner().invoke(main, [*base, "--ward", "Chieng Maii", "--level", "huyện", "--decision", "1/QĐ",
                                       "--date", "15/9/2025", "--stars", "3"])
    assert result.exit_code == 1
    said = "\n".join(line for line in result.output.splitlines() if line.startswith("lỗi: "))
    assert "--ward: “Chieng Maii” không phải là phường, xã hiện nay của Tỉnh Sơn La. Có phải là Xã Chiềng Mai" in said
    assert "--level: Từ 01/7/2025 không còn cấp huyện: quyết định ngày 2025-09-15" in said
    neither = CliRunner().invoke(main, base)
    assert neither.exit_code == 1 and "Thiếu --ward (phường, xã hiện nay) hoặc --district" in neither.output
    assert not list((project / "products").rglob("*.yml"))
    assert "Traceback" not in result.output + neither.output


def test_the_ward_questions_in_english(project: Path) -> None:
    result = run_new(project, ["1", "03868", "Tea", "beverages", "Tea Cooperative", "cooperative", "Tea.", "n"],
                     lang="en")
    assert result.exit_code == 0, result.output
    assert "1. Today's ward or commune (certificate issued since 1 July 2025, or not certified yet)" in result.output
    assert "Today's ward or commune (number, name or code): " in result.output
    assert record(project, "products/SL/SL-0001.yml")["ward"] == "03868"
