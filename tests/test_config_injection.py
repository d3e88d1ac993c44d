"""Nothing typed into site_config.yml runs in a visitor's browser, and a hostile value is refused.

The configuration arrives through pull requests like the records. Two layers, each tested alone:

- **Refusal at the boundary.** `tests/fixtures/configs/<code>_<class>.yml` is a whole
  site_config.yml with one hostile value (a site address that breaks out of an attribute, markup in a name...);
  `ocop validate` must print exactly `<class>.expected`, `ocop build` must exit 1 and write
  nothing, and neither may print a traceback. Checked both ways, like the record fixtures.
- **Escaping where printed.** Should a hostile text ever get past the validator, the pages must
  still show it as text: the catalogue is built with every plain-text field of the configuration
  (found from the schema, so a new field is covered without touching this test) replaced by a
  payload of script, markup, quotes, entities and a U+2028, and every page kind in both languages
  is opened in Chromium: no dialog, no element or attribute from the payload, and the text shown
  literally where the field is shown.
"""

from __future__ import annotations

import dataclasses
import shutil
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import AfterValidator, BaseModel

from generator import plaintext
from generator.build import build
from generator.cli import main
from generator.config import SiteConfig
from generator.validate import validate

from conftest import FIXTURES, TODAY, serve

CASES = FIXTURES / "configs"


# ---------------------------------------------------------------------------------------------
# Refusal: one fixture per class of hostile value.

def _cases() -> list[Path]:
    return sorted(CASES.glob("*.yml"))


def test_every_config_fixture_has_an_expectation_and_back() -> None:
    fixtures = {p.stem for p in CASES.glob("*.yml")}
    expectations = {p.stem for p in CASES.glob("*.expected")}
    assert fixtures, "no config fixtures found"
    assert fixtures - expectations == set(), "fixtures without .expected"
    assert expectations - fixtures == set(), ".expected without a fixture"


def test_config_fixture_names_start_with_their_code() -> None:
    for case in _cases():
        code = case.stem.split("_", 1)[0].upper()
        assert f" {code} " in case.with_suffix(".expected").read_text(encoding="utf-8"), case.name


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.stem)
def test_hostile_config_is_refused_with_located_errors(case: Path, tmp_path: Path) -> None:
    shutil.copy(case, tmp_path / "site_config.yml")
    (tmp_path / "products").mkdir()
    expected = [line for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines() if line]
    config = str(tmp_path / "site_config.yml")
    runner = CliRunner()
    # The expectations are the English messages (the stewards' language is the default).
    checked = runner.invoke(main, ["--lang", "en", "validate", "--config", config, "--today", TODAY.isoformat()])
    assert checked.exit_code == 1
    assert "Traceback" not in checked.output
    assert [line for line in checked.output.splitlines() if line.startswith("site_config.yml:")] == expected
    assert all(" error " in line for line in expected)  # each class is an error, never a mere warning
    built = runner.invoke(main, ["--lang", "en", "build", "--config", config, "--out", str(tmp_path / "site"),
                                 "--today", TODAY.isoformat()])
    assert built.exit_code == 1
    assert "Traceback" not in built.output
    assert not (tmp_path / "site").exists()


def test_ordinary_punctuation_in_names_is_accepted(tmp_path: Path) -> None:
    """What real names contain (an apostrophe, '&', quotes, '<' before a number) is text, not
    markup: refusing it would make stewards misspell their province's name."""
    config = yaml.safe_load(_BASE)
    config["site"]["name"] = "Sơn La's \"OCOP\" & Co < 3 sao"
    config["districts"][0]["communes"][0]["name"] = "Xã A & B"
    config["plan"]["targets"][0]["text"] = "Tối thiểu 5 sản phẩm (≥ 3 sao) & <5% trùng lặp"
    (tmp_path / "site_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (tmp_path / "products").mkdir()
    # "Xã A & B" is no commune of the 30 June 2025 list: the crosswalk's warning (W503) is not the point here.
    assert [p for p in validate(tmp_path / "site_config.yml", TODAY).problems if p.code != "W503"] == []


# ---------------------------------------------------------------------------------------------
# Escaping: a catalogue whose every configuration text is hostile, opened in Chromium.

# A small but complete configuration: a plan with a count target (per district), a manual
# indicator, a budget and a milestone, so that every kind of plan wording is on a page.
_BASE = """
site:
  name: "Sản phẩm OCOP"
  name_en: "OCOP products"
  url: "https://ocop.example.org"
  description: "Danh mục."
  description_en: "Catalogue."
  repo_url: "https://github.com/example/ocop-catalogue"
province: {id: son-la, name: "Tỉnh Sơn La", name_en: "Son La Province", code: SL}
districts:
  - id: mai-son
    name: "Huyện Mai Sơn"
    name_en: "Mai Son District"
    code: MS
    now_part_of: "Tỉnh Sơn La"
    communes:
      - {id: chieng-ban, name: "Xã Chiềng Ban", name_en: "Chieng Ban Commune"}
  - id: yen-chau
    name: "Huyện Yên Châu"
    code: YC
    communes:
      - {id: yen-chau, name: "Thị trấn Yên Châu"}
plan:
  title: "Kế hoạch OCOP 2024"
  reference: "Kế hoạch số 1"
  period: {start: 2024-01-01, end: 2024-12-31}
  targets:
    - id: three-stars
      text: "Ít nhất 1 sản phẩm 3 sao."
      measure: products
      filter: {min_stars: 3}
      target: {at_least: 1}
      per_district: {mai-son: 1, yen-chau: 1}
    - id: fairs
      text: "Tham gia hội chợ."
      measure: manual
      target: {at_least: 2}
      unit: "hội chợ"
      values:
        - {value: 1, as_of: 2024-06-30, source: "Báo cáo số 2"}
  budget:
    unit: "triệu đồng"
    lines:
      - {item: "Tập huấn", year: 2024, planned: 100, source: "Ngân sách tỉnh"}
  milestones:
    - {text: "Đánh giá đợt 1", due: 2024-06-15, who: "Hội đồng cấp huyện"}
"""

PID = "SL-MS-0901"


def payload(tag: str) -> str:
    """A hostile text carrying its field's tag, so that where it shows can be checked."""
    return (f'{tag}"><script>alert("{tag}")</script><img src=x onerror=alert("{tag}")>'
            f"'-alert(1)-' javascript:alert(1) &lt;b&gt; &amp;\u2028{tag}.")


def _is_plain(annotation: Any, metadata: Any = ()) -> bool:
    """Does this field's type refuse markup (plaintext.Plain, possibly inside Optional/Annotated)?"""
    for meta in [*metadata, *getattr(annotation, "__metadata__", ())]:
        if isinstance(meta, AfterValidator) and meta.func is plaintext._no_markup:
            return True
    return any(_is_plain(arg) for arg in typing.get_args(annotation))


def poisoned(model: BaseModel, path: str, fields: dict[str, str]) -> BaseModel:
    """``model`` with every plain-text field (at any depth) replaced by a tagged payload, without
    validation; ``fields`` collects field path -> payload."""
    update: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        if _is_plain(info.annotation, info.metadata):
            update[name] = fields[here] = payload(f"F{len(fields)}")
        elif isinstance(value, BaseModel):
            update[name] = poisoned(value, here, fields)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [poisoned(v, f"{here}[{i}]", fields) for i, v in enumerate(value)]
    copy = model.model_copy(update=update)
    copy.model_post_init(None)  # SiteConfig indexes its districts there
    return copy


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, record_yaml) -> tuple[Path, dict[str, str]]:  # type: ignore[no-untyped-def]
    """The small catalogue built with every configuration text hostile; (site folder, field -> payload)."""
    root = tmp_path_factory.mktemp("hostile-config")
    (root / "site_config.yml").write_text(_BASE, encoding="utf-8")
    record = root / "products" / "mai-son" / f"{PID}.yml"
    record.parent.mkdir(parents=True)
    record.write_text(record_yaml(PID), encoding="utf-8")
    result = validate(root / "site_config.yml", TODAY)
    assert result.catalogue is not None and not result.failed(), [p.text() for p in result.problems]
    fields: dict[str, str] = {}
    config = poisoned(result.catalogue.config, "", fields)
    assert isinstance(config, SiteConfig)
    result.catalogue = dataclasses.replace(result.catalogue, config=config)
    build(root / "site_config.yml", root / "site", TODAY, result=result)
    return root / "site", fields


def test_every_text_field_of_the_configuration_is_poisoned(hostile_site: tuple[Path, dict[str, str]]) -> None:
    """The payloads really reach the build: every kind of configuration text is covered."""
    _, fields = hostile_site
    for name in ("site.name", "site.name_en", "site.description", "site.description_en", "province.name",
                 "districts[0].name", "districts[0].name_en", "districts[0].now_part_of",
                 "districts[0].communes[0].name", "plan.title", "plan.reference", "plan.targets[0].text",
                 "plan.targets[1].unit", "plan.targets[1].values[0].source", "plan.budget.unit", "plan.budget.lines[0].item",
                 "plan.budget.lines[0].source", "plan.milestones[0].text", "plan.milestones[0].who",
                 "contact.name", "contact.name_en"):
        assert name in fields


# Where each page kind shows configuration text: (page, [field paths shown there]). English
# pages show the English names where there are some.
def _pages(lang: str) -> list[tuple[str, list[str]]]:
    en = lang == "en"
    site_name = "site.name_en" if en else "site.name"
    district = "districts[0].name_en" if en else "districts[0].name"
    return [
        ("", [site_name, "site.description_en" if en else "site.description", district]),
        (f"p/{PID}/", [site_name, "districts[0].name", "districts[0].communes[0].name", "districts[0].now_part_of"]),
        ("districts/mai-son/", [site_name, district, "districts[0].communes[0].name", "districts[0].now_part_of",
                                "plan.title"]),
        ("districts/", [site_name, district]),
        ("groups/", [site_name]),
        ("stars/3/", [site_name]),
        ("status/", [site_name]),
        ("plan/", [site_name, "plan.title", "plan.reference", "plan.targets[0].text", "plan.targets[1].text",
                   "plan.targets[1].unit", "plan.targets[1].values[0].source", "plan.budget.unit", "plan.budget.lines[0].item",
                   "plan.budget.lines[0].source", "plan.milestones[0].text", "plan.milestones[0].who",
                   "plan.targets[0].clause", "plan.targets[0].note", "plan.milestones[0].cancelled",
                   "districts[0].name"]),
        ("plan/three-stars/", [site_name, "plan.targets[0].text"]),
        ("search/?q=mat+ong", [site_name]),
        ("guide/", [site_name]),
        ("about/report/", [site_name, "contact.name_en" if en else "contact.name"]),
        ("404.html", [site_name]),
    ] + ([("districts/mai-son/labels/", ["site.name", "districts[0].name"])] if not en else [])


# Run in each page: what the payload would have added if any of it were read as HTML.
_INJECTED = """() => {
  const bad = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (a.name.startsWith('on')) bad.push(e.tagName + '[' + a.name + ']');
    }
  }
  for (const i of document.querySelectorAll('img')) {
    if (i.getAttribute('src') === 'x') bad.push('img[src=x]');
  }
  for (const s of document.querySelectorAll('script')) {
    if (s.type !== 'application/ld+json' && s.textContent.includes('alert(')) bad.push('script: ' + s.textContent.slice(0, 40));
  }
  for (const e of document.querySelectorAll('b')) bad.push('b: ' + e.textContent.slice(0, 40));
  return bad;
}"""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_hostile_configuration_text_never_runs_and_shows_as_typed(browser, hostile_site, lang: str) -> None:  # type: ignore[no-untyped-def]
    site, fields = hostile_site
    prefix = "en/" if lang == "en" else ""
    about = sorted(p.parent.relative_to(site / prefix).as_posix() for p in (site / prefix / "about").rglob("index.html"))
    assert about, "no hand-written page was built"
    pages = [*_pages(lang), (f"{about[0]}/", ["site.name_en" if lang == "en" else "site.name"])]
    dialogs: list[str] = []
    with serve(site) as base:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        try:
            for path, shown in pages:
                response = page.goto(base + prefix + path, wait_until="load")
                assert response is not None and (response.ok or path == "404.html"), path
                if path.startswith("search/"):
                    page.wait_for_selector(".ocop-result, [data-ocop-results] li, .ocop-card", timeout=5000)
                page.wait_for_timeout(50)  # an onerror handler runs right after the image fails
                assert page.evaluate(_INJECTED) == [], path
                text = page.evaluate("() => document.documentElement.textContent")
                for name in shown:
                    assert fields[name] in text, f"{name} is not shown as typed on {prefix}{path}"
                site_name = fields["site.name_en" if lang == "en" else "site.name"]
                assert site_name in page.title(), path
                if path.endswith("labels/"):  # a printable sheet, outside the Material layout
                    continue
                header = page.locator(".md-header__topic .md-ellipsis").first.text_content() or ""
                assert header.strip() == site_name, path
                if path == "":
                    description = fields["site.description_en" if lang == "en" else "site.description"]
                    assert page.locator('meta[name="description"]').get_attribute("content") == description
                if path.startswith("p/"):
                    assert page.locator('meta[property="og:site_name"]').get_attribute("content") == site_name
                    assert page.locator('link[rel="canonical"]').get_attribute("href") == \
                        f"https://ocop.example.org/{prefix}{path}"
        finally:
            page.close()
    assert dialogs == []
