"""The search index: our own, sharded so that a phone fetches only what one query needs.

Why not Pagefind: its fixed cost (WebAssembly, worker, scripts: about 95 KB compressed) plus its
page list (about 6 bytes per product, 118 KB at 20,000 products) is already over the 150 KB a first
query may cost at national scale, before any word is looked up. Our catalogue is small, regular
data (short facts per product), so a plain inverted index does the job in a few KB of script:

``search/<digest>/`` (the digest covers every file, so a changed catalogue gets a new folder and
a browser never mixes files of two builds):

- ``words.json``: every indexed word, folded (lower case, tone marks removed, đ→d) and sorted,
  and where each shard begins. A few thousand words: Vietnamese is written in syllables.
- ``t/<k>.json``: shards of consecutive words, ``{word: postings}``. A posting is one number,
  ``(document - previous document) * 32 + where``: delta-coded so that gzip shrinks it well.
  ``where`` is the best place the word appears: 0–5 for a field other than the name (see
  ``FIELDS``), 6 + i for the i-th word of the name, so that "che shan tuyet" ranks "Chè Shan
  tuyết …" above "Chè búp Shan tuyết …".
  A very common word fills a shard by itself; rare words share one.
- ``d/<c>.json``: what the result cards show (name, stars, status, group, district, producer,
  photo), ``CARDS_PER_FILE`` documents per file: document n is item ``n % CARDS_PER_FILE`` of
  file ``n // CARDS_PER_FILE``. A query fetches only the files of the cards it displays (10 at a
  time); grouping them keeps the folder to a few thousand files at national scale, so that a
  rebuild can replace it in place quickly (``publish.py``).
- ``f.json``: the filter values of every product, one character each, fetched only when the
  visitor opens the filters or follows a link with filters.

Spellings visitors use that records do not ("cafe", "caphe" for "cà phê") are a table kept as data,
``generator/data/search_variants.txt``, that a steward can extend: a document containing one
spelling of a group is indexed under the others too, at the same place, so the browser needs
nothing more for them (and the first query's download grows only by the few words added).

Documents are numbered in the order results are shown when scores tie: valid certificates first,
more stars first, then by name. Folding is the same here and in search.js (a browser test checks
both agree on tricky text), so "ca phe" finds "Cà phê" and "dak doa" finds "Đak Đoa".
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..derive import STATUSES
from ..schema import GROUPS, PRODUCER_TYPES
from ..validate import Catalogue, Entry
from . import placeview, urls
from .strings import group_name
from .view import place_names

VERSION = 2
CARDS_PER_FILE = 8  # ≈1 KB gzipped per file; 20,000 products: 2,500 files instead of 20,000
SHARD_CHARS = 12_000  # raw JSON characters per shard before a new one starts (≈3–4 KB gzipped)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
# Where a word can appear, best first; search.js gives them weights (WEIGHTS there). The name
# comes first and carries the word's position instead of a field number.
FIELDS = ("name_en", "producer", "place", "group", "standards", "summary")
VARIANT_IN_NAME, VARIANT_ELSEWHERE = FIELDS.index("producer"), FIELDS.index("summary")
NAME_POSITIONS = 26  # positions 0..25 of a name; later words count as position 25
# Results with equal scores: valid certificates first, then unrated, expired, revoked, withdrawn.
STATUS_ORDER = {"valid": 0, "expiring": 0, "unrated": 1, "expired": 2, "revoked": 3, "withdrawn": 4}
FACETS = ("group", "stars", "status", "district", "producer")
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, tone marks and other accents removed, đ→d: what a visitor without a Vietnamese
    keyboard types. Mirrors ``fold`` in search.js."""
    return text.lower().translate(_FOLDED)


def fold_slowly(text: str) -> str:
    """``fold`` spelled out: decompose, drop the combining marks (what ``_FOLDED`` remembers)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


class _Folded(dict):  # type: ignore[type-arg]
    """Character -> its folded form, worked out the first time it is met (``str.translate`` table).

    Folding character by character gives the same text as folding the whole: decomposition is
    per character, and canonical reordering only moves combining marks, which are dropped."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_slowly(chr(code))
        return folded


_FOLDED = _Folded()


def words(text: str | None) -> list[str]:
    return _WORD.findall(fold(text)) if text else []


VARIANTS = Path(__file__).resolve().parents[1] / "data" / "search_variants.txt"


@functools.lru_cache(maxsize=4)
def variants(path: Path = VARIANTS) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Folded phrase -> the words of every other spelling in its group (see the file's comments).
    Every line is a valid group, whatever a steward types: there is nothing to reject."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        group = [tuple(words(spelling)) for spelling in line.split("#", 1)[0].split(",")]
        group = [g for g in group if g]
        for phrase in group:
            others = (w for other in group if other != phrase for w in other)
            table[phrase] = tuple(dict.fromkeys(table.get(phrase, ()) + tuple(others)))
    return table


@functools.lru_cache(maxsize=4)
def _openings(path: Path = VARIANTS) -> dict[str, int]:
    """The first word of each phrase of the table -> the longest phrase it opens: most words of a
    field open none, and are passed over at once (a cold build at 3,000 products spent 2.3 s
    trying every slice of every field against the table)."""
    out: dict[str, int] = {}
    for phrase in variants(path):
        out[phrase[0]] = max(out.get(phrase[0], 0), len(phrase))
    return out


def _add_variants(where: dict[str, int], found: list[str], place: int) -> None:
    """Index the other spellings of every phrase of the table found in ``found`` (a field's words)
    at ``place``, unless the word is there already."""
    table, openings = variants(), _openings()
    for i, first in enumerate(found):
        longest = openings.get(first)
        if longest is None:
            continue
        for n in range(1, min(longest, len(found) - i) + 1):
            for word in table.get(tuple(found[i:i + n]), ()):
                where.setdefault(word, place)


@dataclass(frozen=True)
class Document:
    where: dict[str, int]  # folded word -> best place (see the module docstring)
    card: dict[str, Any]  # what the result card shows
    facets: dict[str, str]  # facet -> value code
    order: tuple[Any, ...]


def documents(catalogue: Catalogue, make: "Callable[[Entry], Document] | None" = None) -> list[Document]:
    """One document per product, in display order (see the module docstring). ``make`` gives a
    product's document (``document``, or a remembered one)."""
    docs = [(make or functools.partial(document, catalogue=catalogue))(entry) for entry in catalogue.entries]
    docs.sort(key=lambda doc: doc.order)
    return docs


def document(entry: Entry, catalogue: Catalogue) -> Document:
    r, d = entry.record, entry.derived
    district, commune, _ = place_names(catalogue, entry)
    stars = d.stars if d.active else None
    fields: dict[str, Iterable[str]] = {
        "name_en": words(r.name_en), "producer": words(r.producer.name),
        "place": words(f"{district} {commune} {placeview.search_text(catalogue, entry)}"),
        "group": words(f"{group_name(r.group, 'vi')} {group_name(r.group, 'en')}"),
        "standards": words(" ".join(r.standards)), "summary": words(r.summary),
    }
    where: dict[str, int] = {}
    name = words(r.name)
    for i, word in enumerate(name):
        where.setdefault(word, len(FIELDS) + min(i, NAME_POSITIONS - 1))
    for code, field in enumerate(FIELDS):
        for word in fields[field]:
            where.setdefault(word, code)
    # Other spellings after every real word, which keeps its own place. They rank below the words
    # as written: one from the name like a producer's word, any other like a summary's, so that
    # "honey" puts "… wildflower honey" before "Mật ong …" and a name before a mention.
    _add_variants(where, name, VARIANT_IN_NAME)
    for field in FIELDS:
        _add_variants(where, list(fields[field]), VARIANT_ELSEWHERE)
    card = {
        "id": r.id, "name": r.name, "name_en": r.name_en, "summary": r.summary, "summary_en": r.summary_en,
        "stars": stars, "status": d.status, "group": r.group, "district": district,
        "producer": r.producer.name,
        "image": urls.product_image_webp(r.id, r.images[0].file) if r.images else None,
    }
    facets = {"group": r.group, "stars": str(stars or 0), "status": d.status, "district": r.district or "",
              "producer": r.producer.type}
    order = (STATUS_ORDER.get(d.status, 9), -(stars or 0), fold(r.name), r.id)
    return Document(where, {k: v for k, v in card.items() if v is not None}, facets, order)


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _postings(docs: list[Document]) -> dict[str, list[int]]:
    """word -> delta-coded postings (documents in increasing order)."""
    found: dict[str, list[int]] = defaultdict(list)  # word -> n * 32 + place, n increasing
    for n, doc in enumerate(docs):
        base = n * 32
        for word, place in doc.where.items():
            found[word].append(base + place)
    out = {}
    for word in sorted(found):
        values = found[word]
        # (n - previous n) * 32 + place == value - (previous value - previous place)
        out[word] = [values[0], *(v - (u & ~31) for u, v in zip(values, values[1:]))]
    return out


def _code(index: int, width: int) -> str:
    chars = ""
    for _ in range(width):
        chars = ALPHABET[index % 64] + chars
        index //= 64
    return chars


def _facets(docs: list[Document], catalogue: Catalogue) -> dict[str, Any]:
    # Values in the order the filter panel lists them.
    known = {"group": list(GROUPS), "stars": ["5", "4", "3", "2", "1", "0"], "status": list(STATUSES),
             "district": [d.id for d in catalogue.config.districts], "producer": list(PRODUCER_TYPES)}
    values: dict[str, list[str]] = {}
    columns: dict[str, str] = {}
    for facet in FACETS:
        present = {doc.facets[facet] for doc in docs}
        values[facet] = [v for v in known[facet] if v in present] + sorted(present - set(known[facet]))
        width = 1 if len(values[facet]) <= 64 else 2
        position = {v: i for i, v in enumerate(values[facet])}
        columns[facet] = "".join(_code(position[doc.facets[facet]], width) for doc in docs)
    listed = set(values["district"])
    names = {d.id: d.name for d in catalogue.config.districts if d.id in listed}
    return {"v": VERSION, "values": values, "docs": columns, "district_names": names}


def index_files(catalogue: Catalogue, make: "Callable[[Entry], Document] | None" = None) -> tuple[str, dict[str, bytes]]:
    """(folder, files) of the search index: ``folder`` is ``search/<digest>/`` and ``files`` maps
    site paths under it to their bytes. ``make``: as for ``documents``."""
    docs = documents(catalogue, make)
    postings = _postings(docs)
    files: dict[str, bytes] = {}
    vocabulary: list[str] = []
    starts: list[int] = []
    shard: dict[str, list[int]] = {}
    size = 0

    def flush() -> None:
        nonlocal shard, size
        if shard:
            files[f"t/{len(starts) - 1}.json"] = _json(shard)
        shard, size = {}, 0

    for word, coded in postings.items():
        cost = len(word) + 4 + sum(len(str(c)) + 1 for c in coded)
        if not shard or size + cost > SHARD_CHARS:
            flush()
            starts.append(len(vocabulary))
        shard[word] = coded
        size += cost
        vocabulary.append(word)
    flush()
    files["words.json"] = _json({"v": VERSION, "docs": len(docs), "per": CARDS_PER_FILE, "words": " ".join(vocabulary), "shards": starts})
    files["f.json"] = _json(_facets(docs, catalogue))
    for c in range(0, len(docs), CARDS_PER_FILE):
        files[f"d/{c // CARDS_PER_FILE}.json"] = _json([doc.card for doc in docs[c:c + CARDS_PER_FILE]])
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    folder = f"search/{digest.hexdigest()[:16]}/"
    return folder, {folder + path: data for path, data in files.items()}
