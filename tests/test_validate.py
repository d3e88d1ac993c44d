"""The validator on the sample and on situations that need more than one file."""

from __future__ import annotations

import copy
import json
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Annotated

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image
from pydantic import TypeAdapter, ValidationError

from generator.chars import PLAIN
from generator.cli import main
from generator.diagnostics import Diagnostic, render
from generator.schema import Product
from generator.validate import present_ids, validate

from conftest import FIXTURES, ROOT, TODAY, write_record

VALID = (FIXTURES / "records" / "valid.yml").read_text(encoding="utf-8")
NO_GTIN = VALID.replace('gtin: "8936012345674"\n', "")  # for a second product (a GTIN belongs to one)


def test_sample_catalogue_is_valid_with_no_warnings() -> None:
    result = validate(ROOT / "site_config.yml", TODAY)
    assert [p.text() for p in result.problems] == []
    assert result.catalogue is not None
    assert len(result.catalogue.entries) == len(list((ROOT / "products").rglob("*.yml")))


def test_sample_covers_every_status() -> None:
    result = validate(ROOT / "site_config.yml", TODAY)
    assert result.catalogue is not None
    statuses = {e.derived.status for e in result.catalogue.entries}
    assert {"valid", "expiring", "expired", "revoked", "unrated"} <= statuses
    kinds = {c.kind for e in result.catalogue.entries for c in e.record.certifications}
    assert {"new", "re-evaluation", "upgrade"} <= kinds
    assert {e.record.group for e in result.catalogue.entries} == {
        "food", "beverages", "herbal", "handicrafts", "ornamental", "tourism"}


def test_duplicate_id_reported_in_both_files(project: Path) -> None:
    write_record(project, "products/mai-son/SL-MS-0001.yml", VALID)
    write_record(project, "products/moc-chau/SL-MS-0001.yml", VALID.replace("district: mai-son", "district: moc-chau")
                 .replace("commune: chieng-ban\n", ""))
    result = validate(project / "site_config.yml", TODAY)
    e402 = [p for p in result.problems if p.code == "E402"]
    assert [p.file for p in e402] == ["products/mai-son/SL-MS-0001.yml", "products/moc-chau/SL-MS-0001.yml"]
    assert "products/moc-chau/SL-MS-0001.yml" in e402[0].message
    assert result.catalogue is None


def test_paths_limit_the_report_but_not_the_id_check(project: Path) -> None:
    write_record(project, "products/mai-son/SL-MS-0001.yml", VALID.replace("score: 66.5", "score: 96.5"))
    other = NO_GTIN.replace("id: SL-MS-0001", "id: SL-MS-0002")
    new = write_record(project, "products/mai-son/SL-MS-0002.yml", other)
    result = validate(project / "site_config.yml", TODAY, [new])
    assert result.problems == []  # the other file's score error is not this pull request's
    dup = write_record(project, "products/mai-son/SL-MS-0003.yml", NO_GTIN.replace("id: SL-MS-0001", "id: SL-MS-0002"))
    result = validate(project / "site_config.yml", TODAY, [dup])
    assert {p.code for p in result.problems} == {"E400", "E402"}


def _with_image(project: Path, name: str, data: bytes | None = None, *, symlink_to: Path | None = None) -> list[str]:
    folder = project / "products/mai-son/SL-MS-0001"
    folder.mkdir(parents=True, exist_ok=True)
    if symlink_to is not None:
        (folder / name).symlink_to(symlink_to)
    elif data is not None:
        (folder / name).write_bytes(data)
    record = VALID.replace("attributes:", f"images:\n  - file: {json.dumps(name)}\n    alt: Gói cà phê\nattributes:")
    write_record(project, "products/mai-son/SL-MS-0001.yml", record)
    result = validate(project / "site_config.yml", TODAY)
    return [f"{p.code} {p.field}" for p in result.problems]


def _jpeg() -> bytes:
    import io
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "brown").save(buf, format="JPEG")
    return buf.getvalue()


def test_image_problems(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert _with_image(project, "goi.jpg", _jpeg()) == []
    assert _with_image(project, "missing.jpg") == ["E405 images[0].file"]
    assert _with_image(project, "fake.jpg", b"<svg onload=alert(1)>") == ["E406 images[0].file"]
    assert _with_image(project, "empty.png", b"") == ["E406 images[0].file"]
    assert _with_image(project, "page.svg", b"<svg/>") == ["E406 images[0].file"]
    assert _with_image(project, "../../../site_config.yml") == ["E204 images[0].file"]
    outside = tmp_path_factory.mktemp("outside") / "x.jpg"
    outside.write_bytes(_jpeg())
    assert _with_image(project, "link.jpg", symlink_to=outside) == ["E408 images[0].file"]
    import io
    png = io.BytesIO()
    Image.new("RGB", (10, 10)).save(png, format="PNG")
    assert _with_image(project, "really-png.jpg", png.getvalue()) == ["E406 images[0].file"]
    phone = io.BytesIO()  # a phone's JPEG with a second frame (Pillow calls it MPO) is a JPEG photo
    Image.new("RGB", (40, 30), "red").save(phone, format="MPO", save_all=True, append_images=[Image.new("RGB", (40, 30))])
    assert _with_image(project, "phone.jpg", phone.getvalue()) == []


def test_config_problems(project: Path) -> None:
    config = yaml.safe_load((project / "site_config.yml").read_text(encoding="utf-8"))
    del config["units"]  # PyYAML writes its codes (03980) unquoted, rightly warned about (W111)
    config["districts"].append(copy.deepcopy(config["districts"][0]))
    config["site"]["url"] = "ftp://x"
    config["site"]["titel"] = "typo"
    (project / "site_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = validate(project / "site_config.yml", TODAY)
    codes = sorted(p.code for p in result.problems)
    assert codes == ["E201", "E204"]  # duplicate ids are checked once the fields are right
    del config["site"]["titel"]
    config["site"]["url"] = "https://ocop.example.vn"
    (project / "site_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = validate(project / "site_config.yml", TODAY)
    assert [(p.code, p.field) for p in result.problems] == [("E500", "districts[12].id")]
    assert all(p.file == "site_config.yml" and p.line > 1 for p in result.problems)


def test_missing_config_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "validate", "--config", str(tmp_path / "site_config.yml")])
    assert result.exit_code == 1
    assert "There is no site configuration" in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def defective(project: Path) -> Path:
    write_record(project, "products/mai-son/SL-MS-0001.yml", VALID.replace("group: food", "group: fod")
                 .replace('phone: "0212 3845 678"', "phone: 0212384567"))
    write_record(project, "products/mai-son/SL-MS-0002.yml", NO_GTIN.replace("id: SL-MS-0001", "id: SL-MS-0002")
                 .replace("score: 78.5", "score: 91"))
    return project


def test_three_formats_agree_and_exit_1(defective: Path) -> None:
    args = ["--lang", "en", "validate", "--config", str(defective / "site_config.yml"), "--today", TODAY.isoformat()]
    runner = CliRunner()
    text = runner.invoke(main, args)
    github = runner.invoke(main, [*args, "--format", "github"])
    as_json = runner.invoke(main, [*args, "--format", "json"])
    assert text.exit_code == github.exit_code == as_json.exit_code == 1
    lines = text.output.strip().splitlines()
    assert lines[-1] == "3 errors, 1 warning in 2 files"
    problems = json.loads(as_json.output)["problems"]
    annotations = [x for x in github.output.splitlines() if x.startswith(("::error", "::warning"))]
    assert len(problems) == len(annotations) == len(lines) - 1 == 4
    for p, a, t in zip(problems, annotations, lines):
        assert t.startswith(f"{p['file']}:{p['line']}:{p['col']}: {p['severity']} {p['code']}")
        assert a.startswith(f"::{p['severity']} file={p['file']},line={p['line']},col={p['col']},title={p['code']} ")


def test_strict_makes_warnings_fatal(project: Path) -> None:
    write_record(project, "products/mai-son/SL-MS-0001.yml", VALID.replace('phone: "0212 3845 678"', "phone: 0212384567"))
    args = ["validate", "--config", str(project / "site_config.yml"), "--today", TODAY.isoformat()]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert CliRunner().invoke(main, [*args, "--strict"]).exit_code == 1


def test_new_writes_a_valid_record_with_the_next_id(project: Path) -> None:
    write_record(project, "products/mai-son/SL-MS-0001.yml", VALID)
    args = ["new", "--config", str(project / "site_config.yml"), "--district", "mai-son", "--name", "Mật ong hoa cà phê",
            "--group", "food", "--producer", "Tổ hợp tác Ong", "--producer-type", "cooperative_group",
            "--summary", "Mật ong nguyên chất.", "--commune", "chieng-mai"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    created = project / "products/mai-son/SL-MS-0002.yml"
    assert created.exists()
    check = validate(project / "site_config.yml", TODAY)
    assert check.problems == []
    assert CliRunner().invoke(main, [*args[:-2]]).exit_code == 0
    assert (project / "products/mai-son/SL-MS-0003.yml").exists()


def test_generated_files_are_up_to_date() -> None:
    result = CliRunner().invoke(main, ["schema", "--check", "--root", str(ROOT)])
    assert result.exit_code == 0, result.output


def test_contributing_template_is_a_valid_record(project: Path) -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    template = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    record = template.replace('id: "SL-MS-0012"', "id: SL-MS-0012")
    write_record(project, "products/mai-son/SL-MS-0012.yml", record)
    (project / "products/mai-son/SL-MS-0012").mkdir()
    (project / "products/mai-son/SL-MS-0012/goi-500g.jpg").write_bytes(_jpeg())
    result = validate(project / "site_config.yml", TODAY)
    assert [p.text() for p in result.problems] == []


def test_json_schema_accepts_the_sample_and_rejects_a_typo() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schema/product.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "products").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # YAML 1.1 dates become date objects
        data = json.loads(json.dumps(data, default=str))
        errors = list(validator.iter_errors(data))
        assert not errors, f"{path.name}: {errors[0].message}"
    data["group"] = "fod"
    assert list(validator.iter_errors(data))


def test_copy_of_sample_with_defects_reports_each(tmp_path: Path) -> None:
    shutil.copy(ROOT / "site_config.yml", tmp_path)
    shutil.copytree(ROOT / "products", tmp_path / "products")
    victims = sorted((tmp_path / "products").rglob("*.yml"))[:3]
    victims[0].write_text(victims[0].read_text(encoding="utf-8").replace("group:", "gruop:"), encoding="utf-8")
    victims[1].write_text(victims[1].read_text(encoding="utf-8") + "summary: again\n", encoding="utf-8")
    victims[2].write_text(victims[2].read_text(encoding="utf-8").replace("stars: 3", "stars: 2").replace("stars: 4", "stars: 2"),
                          encoding="utf-8")
    result = validate(tmp_path / "site_config.yml", TODAY)
    assert sorted({p.file for p in result.problems}) == sorted(
        p.relative_to(tmp_path).as_posix() for p in victims)
    assert {p.code for p in result.problems} >= {"E201", "E104", "E304"}


# ---------------------------------------------------------------------------------------------
# Hostile input, round two (#22): links, invisible characters, reports that stay one line each.


def test_a_linked_record_is_refused_without_being_read_or_its_target_shown(project: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yml"
    outside.write_text("secret_key: hunter2\n" + VALID, encoding="utf-8")
    write_record(project, "products/mai-son/SL-MS-0001.yml", VALID)
    link = project / "products/mai-son/SL-MS-0002.yml"
    link.symlink_to(outside)
    for named in (None, [link]):  # the whole catalogue, and a pull request naming the link
        result = validate(project / "site_config.yml", TODAY, named)
        text = render(result.problems, "text", checked_files=result.checked_files)
        assert [(p.file, p.code) for p in result.problems] == [("products/mai-son/SL-MS-0002.yml", "E410")]
        assert "secret_key" not in text and "hunter2" not in text and str(outside.parent) not in text
        assert result.catalogue is None
    # The check that a published id is still there counts the link as the id's file, refused on its own.
    assert present_ids(project) == {"SL-MS-0001", "SL-MS-0002"}


def test_every_report_format_keeps_a_hostile_field_name_in_its_place() -> None:
    from markdown_it import MarkdownIt

    field = "note\n````\n# Approved\n<script>alert(1)</script>\u202e"
    hostile = Diagnostic("products/mai-son/SL-MS-0001.yml", 56, 1, "E201", field, f"`{field}` is not a field.")
    plain = Diagnostic("products/mai-son/SL-MS-0002.yml", 3, 7, "E205", "name", "This must not be empty.")
    problems = [hostile, plain]
    text = render(problems, "text", checked_files=2).splitlines()
    assert len(text) == 3 and text[0].startswith("products/mai-son/SL-MS-0001.yml:56:1: error E201 note\\n````\\n# Approved")
    assert "\u202e" not in text[0] and "\\u202e" in text[0]
    github = render(problems, "github", checked_files=2).splitlines()
    assert len(github) == 3 and all(line.startswith("::") for line in github)
    summary = render(problems, "markdown", checked_files=2)
    tokens = MarkdownIt("commonmark").parse(summary)
    blocks = [t for t in tokens if t.type == "fence"]
    assert len(blocks) == 1 and blocks[0].content.splitlines() == text[:2]  # every problem inside the block
    assert not [t for t in tokens if t.type in ("heading_open", "html_block", "html_inline")]
    assert [t.content for t in tokens if t.type == "inline"] == [text[2]]  # then the summary line


def test_pull_request_summary_is_rendered_by_the_cli_as_markdown(project: Path) -> None:
    write_record(project, "products/mai-son/SL-MS-0001.yml", VALID + '"x\\n```\\n# Approved": 1\n')
    args = ["validate", "--config", str(project / "site_config.yml"), "--today", TODAY.isoformat(), "--format", "markdown"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.output.startswith("````text\nproducts/mai-son/SL-MS-0001.yml:")
    assert "\n# Approved" not in result.output


# Default_Ignorable_Code_Point, from Unicode's DerivedCoreProperties.txt (what renderers draw as
# nothing), written out here as the specification the rule is checked against.
DEFAULT_IGNORABLE = [(0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
                     (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
                     (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
                     (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF)]
REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}


def _refused_code_points() -> list[str]:
    chars = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in REFUSED_CATEGORIES}
    chars |= {chr(c) for low, high in DEFAULT_IGNORABLE for c in range(low, high + 1)}
    return sorted(chars - {"\n", "\t"})


def _field_adapter(name: str) -> TypeAdapter:
    info = Product.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, *info.metadata])  # type: ignore[valid-type]


def test_every_invisible_or_control_code_point_is_refused_in_a_name_and_a_summary() -> None:
    refused = _refused_code_points()
    assert len(refused) > 139_000  # private use planes, surrogates, controls, formats, ignorables
    # The fast path for ordinary text lets none of them through.
    assert set(re.findall(f"[{PLAIN}]", "".join(map(chr, range(0x110000))))) & set(refused) == set()
    for field_name in ("name", "summary"):
        adapter = _field_adapter(field_name)
        accepted = []
        for c in refused:
            try:
                adapter.validate_python(f"Cà{c} phê")
                accepted.append(f"U+{ord(c):04X}")
            except ValidationError as e:
                assert e.errors()[0]["type"] in ("E209.hidden", "string_unicode"), (c, e)
        assert accepted == [], f"{field_name} accepts {accepted[:20]}"


def test_each_refusal_is_located_at_the_character(project: Path) -> None:
    for c in ("\u061c", "\u3164", "\U000E0041", "\u2028", "\ue000", "\u034f", "\ufe0f", "\x85"):
        write_record(project, "products/mai-son/SL-MS-0001.yml",
                     VALID.replace("summary: Cà phê", f'summary: "Cà{c} phê'.replace("\x85", "\\x85")).replace("đậm.", 'đậm."'))
        problems = validate(project / "site_config.yml", TODAY).problems
        assert [(p.code, p.field, p.line, p.col) for p in problems] == [("E209", "summary", 17, 13)], (c, problems)
        assert f"U+{ord(c):04X}" in problems[0].message


VIETNAMESE = ["Cà phê Arabica rang xay Chiềng Ban", "Mật ong hoa ban thu hoạch mùa xuân",
              "Chè Shan tuyết cổ thụ Tà Xùa, đặc sản Bắc Yên", "ĐẶC SẢN ỚT, GỪNG, NGHỆ; Ưu đãi: 10% (ƯỚC TÍNH)",
              "Khăn piêu thêu tay của đồng bào Thái", "Xoài tròn Yên Châu – quả nhỏ, thơm, ngọt đậm ☕️"]


def test_vietnamese_text_is_accepted_composed_or_decomposed() -> None:
    letters = [unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
               for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")] + ["đ", "Đ"]
    samples = [*VIETNAMESE, *(" ".join(letters[i:i + 50]) for i in range(0, len(letters), 50))]
    samples += [str(yaml.safe_load(p.read_text(encoding="utf-8"))["name"]) for p in sorted((ROOT / "products").rglob("*.yml"))]
    adapter = _field_adapter("summary")
    for text in samples:
        for form in ("NFC", "NFD"):
            # stored composed, whatever the steward's keyboard produced
            assert adapter.validate_python(unicodedata.normalize(form, text)) == unicodedata.normalize("NFC", text)
