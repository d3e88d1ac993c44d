"""The search index files, read the way search.js reads them (no browser needed here)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.site import search
from generator.validate import validate

from conftest import ROOT, TODAY


@pytest.fixture(scope="module")
def catalogue():  # type: ignore[no-untyped-def]
    return validate(ROOT / "site_config.yml", TODAY).catalogue


def read(files: dict[str, bytes], folder: str, name: str):  # type: ignore[no-untyped-def]
    return json.loads(files[folder + name])


def all_cards(files: dict[str, bytes], folder: str) -> list[dict]:  # type: ignore[type-arg]
    """Card n is item n % per of d/<n // per>.json, as search.js reads it; no file is left over."""
    vocabulary = read(files, folder, "words.json")
    n, per = vocabulary["docs"], vocabulary["per"]
    groups = [read(files, folder, f"d/{k}.json") for k in range(-(-n // per))]
    assert all(len(g) == per for g in groups[:-1]) and sum(map(len, groups)) == n
    assert not [p for p in files if p.startswith(folder + "d/") and p != folder + "d/" and
                int(p[len(folder) + 2:-5]) >= len(groups)]
    return [groups[k // per][k % per] for k in range(n)]


def decode(coded: list[int]) -> list[tuple[int, int]]:
    doc, out = 0, []
    for value in coded:
        doc += value // 32
        out.append((doc, value % 32))
    return out


def test_the_fast_fold_is_the_fold_spelled_out() -> None:
    """``fold`` remembers each character's folded form; it must agree with decomposing the text."""
    every = "".join(map(chr, range(0x2000))) + "ẠẶẸỆỊỌỘỢỤỰỲỴạặẹệịọộợụựỳỵ" + "İstanbul ΣΑΣ ǅ ﬁ"
    assert search.fold(every) == search.fold_slowly(every)
    assert search.fold("Cà phê Đắk Đoa") == "ca phe dak doa"


def test_folding_is_what_a_visitor_without_tone_marks_types() -> None:
    assert search.words("Cà phê ĐẮK ĐOA, Mường Lò (500 ml)") == ["ca", "phe", "dak", "doa", "muong", "lo", "500", "ml"]
    assert search.words("Ứng Hòa ưu đãi") == ["ung", "hoa", "uu", "dai"]


def test_every_word_of_every_name_leads_back_to_its_product(catalogue) -> None:  # type: ignore[no-untyped-def]
    folder, files = search.index_files(catalogue)
    vocabulary = read(files, folder, "words.json")
    words = vocabulary["words"].split(" ")
    assert words == sorted(set(words)) and vocabulary["docs"] == len(catalogue.entries)
    starts = vocabulary["shards"] + [len(words)]
    shards = [read(files, folder, f"t/{k}.json") for k in range(len(starts) - 1)]
    # The shards hold exactly the vocabulary, in order, each word once.
    assert [w for shard in shards for w in sorted(shard)] == words
    for k, shard in enumerate(shards):
        assert sorted(shard) == words[starts[k]:starts[k + 1]]
    postings = {w: decode(coded) for shard in shards for w, coded in shard.items()}
    cards = all_cards(files, folder)
    assert sorted(c["id"] for c in cards) == sorted(e.id for e in catalogue.entries)
    for n, card in enumerate(cards):
        for i, word in enumerate(search.words(card["name"])):
            places = dict(postings[word])
            assert n in places
            assert places[n] >= len(search.FIELDS)  # found in the name, at its first position
            assert places[n] - len(search.FIELDS) == search.words(card["name"]).index(word)


def test_results_with_equal_scores_put_valid_and_higher_stars_first(catalogue) -> None:  # type: ignore[no-untyped-def]
    folder, files = search.index_files(catalogue)
    cards = all_cards(files, folder)
    order = [(search.STATUS_ORDER[c["status"]], -(c.get("stars") or 0)) for c in cards]
    assert order == sorted(order)


def test_filter_columns_give_each_products_values(catalogue) -> None:  # type: ignore[no-untyped-def]
    folder, files = search.index_files(catalogue)
    facets = read(files, folder, "f.json")
    cards = all_cards(files, folder)
    by_id = {e.id: e for e in catalogue.entries}
    for k, card in enumerate(cards):
        record = by_id[card["id"]].record
        assert facets["values"]["district"][search.ALPHABET.index(facets["docs"]["district"][k])] == record.district
        assert facets["values"]["group"][search.ALPHABET.index(facets["docs"]["group"][k])] == record.group
    assert facets["values"]["stars"] == sorted(facets["values"]["stars"], reverse=True)


def test_the_folder_changes_exactly_when_the_index_does(tmp_path: Path) -> None:
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "products", tmp_path / "products")
    first = search.index_files(validate(tmp_path / "site_config.yml", TODAY).catalogue)
    assert search.index_files(validate(tmp_path / "site_config.yml", TODAY).catalogue) == first
    record = tmp_path / "products/mai-son/SL-MS-0001.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("Cà phê Arabica rang xay", "Cà phê Robusta rang xay", 1),
                      encoding="utf-8")
    second = search.index_files(validate(tmp_path / "site_config.yml", TODAY).catalogue)
    assert second[0] != first[0]
    assert "robusta" in json.loads(second[1][second[0] + "words.json"])["words"].split(" ")
    # A later date changes statuses (expiry), so the order and the folder change too.
    assert search.index_files(validate(tmp_path / "site_config.yml", date(2031, 1, 1)).catalogue)[0] != first[0]


# ---------------------------------------------------------------------------------------------
# The variants table a steward extends (generator/data/search_variants.txt).


def test_a_stewards_variant_line_is_read_whatever_its_tone_marks_and_comments(tmp_path: Path) -> None:
    table = tmp_path / "variants.txt"
    table.write_text("# a comment\n\nCà Phê, cafe ,CAPHE  # trailing comment\nmật ong, honey\n, ,\nlone\n",
                     encoding="utf-8")
    read_back = search.variants(table)
    assert read_back[("ca", "phe")] == ("cafe", "caphe")
    assert read_back[("caphe",)] == ("ca", "phe", "cafe")
    assert read_back[("honey",)] == ("mat", "ong")
    assert read_back[("lone",)] == ()  # a group of one spelling adds nothing


def test_products_are_indexed_under_the_other_spellings_below_their_own_words(catalogue) -> None:  # type: ignore[no-untyped-def]
    docs = {d.card["id"]: d for d in search.documents(catalogue)}
    coffee = docs["SL-MS-0001"]  # "Cà phê Arabica rang xay Chiềng Ban"
    assert coffee.where["cafe"] == coffee.where["caphe"] == search.VARIANT_IN_NAME
    assert coffee.where["ca"] == len(search.FIELDS)  # the real word keeps its place in the name
    honey = [d for d in docs.values() if d.card["name"].startswith("Mật ong")]
    assert honey and all("honey" in d.where for d in honey)
    plain = [d for d in docs.values() if "ca" not in d.where and "cafe" in d.where]
    assert plain == []  # nothing without the phrase gets the variant
