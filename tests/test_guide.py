"""The stewards' guide in both languages: CONTRIBUTING.md in Vietnamese and CONTRIBUTING.en.md in
English, both generated from the schema, and the site's guide page in the language of its site,
each with the field table, the commented template and an annotated error."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.schema import Product
from generator.schemadocs import GUIDES, description, field_rows
from generator.schemaerrors import field_type, is_model
from generator.validate import validate

from conftest import ROOT, TODAY, write_record

VIETNAMESE = re.compile("[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)


def vietnamese_share(text: str) -> float:
    """Share of the prose's words that carry a Vietnamese letter (code and field names left out).
    Vietnamese prose is above half; English prose quoting a few Vietnamese names stays near 0."""
    text = re.sub(r"```.*?```|<pre.*?</pre>|<code>.*?</code>|`[^`]*`", " ", text, flags=re.S)
    words = re.findall(r"[^\W\d_]{2,}", html.unescape(re.sub(r"<[^>]+>", " ", text)))
    assert len(words) > 500, "too little text to judge"
    return sum(bool(VIETNAMESE.search(w)) for w in words) / len(words)


def _models(model: type, seen: set[type] | None = None) -> set[type]:
    seen = seen if seen is not None else set()
    seen.add(model)
    for info in model.model_fields.values():
        inner, _ = field_type(info.annotation)
        if is_model(inner) and inner not in seen:
            _models(inner, seen)
    return seen


def test_every_record_field_has_a_vietnamese_description() -> None:
    missing = [f"{m.__name__}.{name}" for m in _models(Product) for name, info in m.model_fields.items()
               if description(info, "vi") == description(info, "en") or not VIETNAMESE.search(description(info, "vi"))]
    assert missing == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_guide_is_in_its_language_with_the_field_table_template_and_annotated_error(lang: str) -> None:
    text = (ROOT / GUIDES[lang]).read_text(encoding="utf-8")
    share = vietnamese_share(text)
    assert share > 0.4 if lang == "vi" else share < 0.1, share
    for path, required, kind, meaning in field_rows(Product, lang=lang):
        assert f"| `{path}` | {required} | {kind} | {meaning.replace('|', chr(92) + '|')} |" in text
    template = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert template.startswith("# yaml-language-server: $schema=")
    assert ("(bắt buộc)" in template) == (lang == "vi") and ("(required)" in template) == (lang == "en")
    assert "products/mai-son/SL-MS-0099.yml:" in text and "E300" in text
    other = GUIDES["en" if lang == "vi" else "vi"]
    assert f"]({other})" in text  # each file links to the other language


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_guides_template_is_a_valid_record(project: Path, lang: str) -> None:
    from test_validate import _jpeg

    text = (ROOT / GUIDES[lang]).read_text(encoding="utf-8")
    write_record(project, "products/mai-son/SL-MS-0012.yml", text.split("```yaml\n", 1)[1].split("```", 1)[0])
    (project / "products/mai-son/SL-MS-0012").mkdir()
    (project / "products/mai-son/SL-MS-0012/goi-500g.jpg").write_bytes(_jpeg())
    assert [p.text() for p in validate(project / "site_config.yml", TODAY).problems] == []


def _article(page: str) -> str:
    return page.split("<article", 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("prefix,lang", [("", "vi"), ("en/", "en")])
def test_the_guide_page_speaks_its_sites_language(sample_site: Path, prefix: str, lang: str) -> None:
    page = (sample_site / prefix / "guide/index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in page
    article = _article(page)
    share = vietnamese_share(article)
    assert share > 0.4 if lang == "vi" else share < 0.1, share
    # No block of the other language inside (the old guide was English marked lang="vi").
    assert 'lang="en">' not in article.replace('hreflang="en" lang="en">', "") if lang == "vi" else \
        '<div lang="vi">' not in article
    assert "<table>" in article and "certifications[].stars" in article
    assert "# yaml-language-server" in article and "E300" in article
    assert ("Danh mục các trường" in article) == (lang == "vi") and ("Field reference" in article) == (lang == "en")
