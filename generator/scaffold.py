"""`ocop new`: a valid new record with the next free id, asked for one answer at a time.

A steward types what a certificate says: "Mai Sơn", "Đồ uống", "HTX", "10/10/2024". Each answer is
read the way `ocop import` reads a spreadsheet cell (the same folding and vocabularies), and a wrong
one is asked again on its own, with the reason. The assembled record is then checked by the
validator's own ``check_record`` in a scratch folder, and only a record that passes is written.

Two kinds of record (see placing.py): a product certified since 1 July 2025, or not certified yet, is
placed by today's ward or commune (``ward``, its official code; no district) and gets an id of the
province alone (``SL-0001`` in ``products/SL/``); a certificate issued before names the district and
commune written on it, as always. The first question asks which, once there are wards to name.

The questions and their order live in ``Form``; the command (cli.py) does the talking, through
two functions handed in: ``ask(prompt, default) -> str`` and ``tell(text)``. ``Form.answers`` holds
what was understood so far, which is what a draft keeps when the steward stops half-way.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import places, placing
from .cliwords import say
from .config import District, SiteConfig
from .diagnostics import Diagnostic
from .schema import GROUPS, PRODUCER_TYPES
from .site.strings import group_name, t
from .validate import check_record, load_config, record_files

# The answers are read by `ocop import`'s own cell readers (one vocabulary for both), imported when a
# form is made: the importer imports ``next_id`` from here.

DRAFTS_DIR = "drafts"
# In the order they are asked. The certification's questions are asked only for a certified product.
# The date comes before the level: a decision dated since 1 July 2025 has no district level to offer.
ORDER = ("place", "district", "commune", "ward", "name", "group", "producer_name", "producer_type", "summary",
         "certified", "decision", "date", "level", "stars", "score")
CERTIFICATION = ("level", "decision", "date", "stars", "score")
OPTIONAL = {"commune", "score"}
LEVELS = ("district", "province", "national")
PLACES = ("ward", "district")  # the answers to "place": today's ward, or the district of an old certificate
LONG_LIST = 20  # a numbered list longer than this is laid out in columns (75 wards in Sơn La)
MAX_LENGTH = {"name": 200, "summary": 200, "producer_name": 200, "decision": 100}
# Which answer a problem found by the validator belongs to (its field path, as the validator writes it).
FIELD_KEYS = {"district": "district", "commune": "commune", "ward": "ward", "name": "name", "group": "group",
              "producer.name": "producer_name", "producer.type": "producer_type", "summary": "summary",
              "certifications[0].level": "level", "certifications[0].decision": "decision",
              "certifications[0].date": "date", "certifications[0].stars": "stars",
              "certifications[0].score": "score"}
YES = {"c", "co", "y", "yes", "roi", "da co", "da", "1"}
NO = {"k", "khong", "chua", "n", "no", "0"}


class NewRecordError(Exception):
    """Problems that stop `ocop new` without a question to ask again (no terminal, or a bad config)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class Wrong(Exception):
    """An answer that cannot be used, and why (in the command's language)."""

    def __init__(self, reason: str, listing: str = "", as_option: str = "") -> None:
        super().__init__(reason)
        # as_option: the reason for an option's value, where there is no numbered list to point at
        self.reason, self.listing, self.as_option = reason, listing, as_option or reason


def next_id(root: Path, prefix: str) -> str:
    """The next free ``<prefix>-NNNN`` id, counting every record (and photo folder) ever made."""
    pattern = re.compile(re.escape(prefix) + r"-(\d+)$")
    used = [int(m.group(1)) for p in record_files(root) if (m := pattern.match(p.stem))]
    used += [int(m.group(1)) for p in (root / "products").glob("*/*") if p.is_dir() and (m := pattern.match(p.name))]
    return f"{prefix}-{max(used, default=0) + 1:04d}"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Form:
    """The answers of one `ocop new`, and how each question is asked and read."""

    config: SiteConfig
    root: Path
    today: date
    lang: str
    answers: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from .spreadsheet import places, values

        self.places = places._Places(self.config)
        self.values = values
        # Today's units of the catalogue's province, in the order a steward looks for a name
        # (alphabetical without "Phường"/"Xã"); none before the reform or for an unknown province.
        units = placing.today_units(self.config) if self.today >= placing.REFORM_DATE else {}
        self.wards = sorted(units.values(), key=lambda u: (self.values.fold(u.short), u.code))

    # -- what to ask

    def pending(self) -> list[str]:
        """The questions still to answer, in order (the certification's only for a certified product)."""
        wanted = [k for k in ORDER if k not in CERTIFICATION or self.answers.get("certified")]
        form = self.form()
        if not self.wards:
            wanted.remove("place")
        if form != "district":
            wanted = [k for k in wanted if k not in ("district", "commune")]
        if form != "ward":
            wanted.remove("ward")
        if "commune" in wanted and (not self._district() or not self._district().communes):
            wanted.remove("commune")
        return [k for k in wanted if k not in self.answers]

    def form(self) -> str | None:
        """"ward" (today's unit, no district) or "district" (an old certificate's); None while not
        known. Without today's units to choose from (before the reform), always "district"."""
        if not self.wards:
            return "district"
        return self.answers.get("place")

    def choices(self, key: str) -> list[tuple[str, str]]:
        """(value, label) of a numbered question; empty for free text."""
        english = self.lang == "en"
        if key == "district":
            return [(d.id, (d.name_en or d.name) if english else d.name) for d in self.config.districts]
        if key == "commune":
            district = self._district()
            return [(c.id, (c.name_en or c.name) if english else c.name) for c in (district.communes if district else [])]
        if key == "group":
            return [(g, group_name(g, self.lang) if english else GROUPS[g]) for g in GROUPS]
        if key == "producer_type":
            return [(p, t("en", f"producer.{p}") if english else PRODUCER_TYPES[p]) for p in PRODUCER_TYPES]
        if key == "level":
            return [(lv, say(f"new.level.{lv}", self.lang)) for lv in self._levels()]
        if key == "place":
            return [(p, say(f"new.place.{p}", self.lang)) for p in PLACES]
        if key == "ward":
            return [(u.code, u.name) for u in self.wards]
        return []

    def _levels(self) -> tuple[str, ...]:
        """The levels a decision of the answered date can have: no district level since the reform."""
        day = self.answers.get("date")
        return LEVELS[1:] if day and date.fromisoformat(day) >= placing.REFORM_DATE else LEVELS

    def prompt(self, key: str) -> str:
        return say(f"new.q.{key}", self.lang)

    def listing(self, key: str) -> str:
        items = [f"{i:>{2 if len(self.choices(key)) < 100 else 3}}. {label}"
                 for i, (_, label) in enumerate(self.choices(key), 1)]
        if len(items) <= LONG_LIST:
            return "\n".join(f"  {item.strip()}" for item in items)
        # Columns read downwards, within 80 characters: 75 wards in 25 lines instead of 75.
        width = max(map(len, items)) + 2
        columns = max(1, 78 // width)
        rows = -(-len(items) // columns)
        return "\n".join("  " + "".join(items[r + c * rows].ljust(width) for c in range(columns)
                                        if r + c * rows < len(items)).rstrip() for r in range(rows))

    def default(self, key: str) -> str | None:
        """What Enter accepts: today's ward for the place (what a new product has since the reform);
        the type a producer's name states ("HTX …" is a cooperative)."""
        if key == "place":
            return "1"
        if key == "producer_type" and self.answers.get("producer_name"):
            guessed = self.values.producer_type_from_name(self.answers["producer_name"])
            if guessed:
                return dict(self.choices(key))[guessed]
        return None

    # -- reading an answer

    def set(self, key: str, text: str) -> str | None:
        """Read ``text`` as the answer to ``key`` and keep it; raises ``Wrong``. Returns a remark to
        show when the answer was understood differently from how it was typed (a converted date)."""
        text = " ".join(text.split())
        if not text:
            if key in OPTIONAL:
                self.answers[key] = None
                return None
            raise Wrong(say("new.err.empty", self.lang))
        value, remark = self._read(key, text)
        self.answers[key] = value
        if key == "district" and self.answers.get("commune") and self._district():
            # a commune answered for another district no longer holds
            if self.answers["commune"] not in {c.id for c in self._district().communes}:  # type: ignore[union-attr]
                del self.answers["commune"]
        if key == "certified" and not value:
            for k in CERTIFICATION:
                self.answers.pop(k, None)
        if key == "date" and self.answers.get("level") not in (None, *self._levels()):
            del self.answers["level"]  # a district level answered for a date since the reform no longer holds
        return remark

    def _read(self, key: str, text: str) -> tuple[Any, str | None]:
        lang = self.lang
        if key in MAX_LENGTH and len(text) > MAX_LENGTH[key]:
            raise Wrong(say("new.err.too_long", lang, n=len(text), max=MAX_LENGTH[key]))
        choices = self.choices(key)
        if key == "ward":
            return self._ward(text), None
        if choices and text.isdigit():
            if 1 <= int(text) <= len(choices):
                return choices[int(text) - 1][0], None
            raise self._not_in_list(key, text)
        if key == "district":
            # "Mai Son District": the English name as site_config.yml gives it
            found = self.places.district(text) or self.places.district(re.sub(
                r"\s+(district|city|town)$", "", text, flags=re.IGNORECASE))
            if found is None:
                raise self._not_in_list(key, text)
            return found.id, None
        if key == "commune":
            district = self._district()
            unit = self.places.commune(district, text) if district else None
            if unit is None:
                raise self._not_in_list(key, text)
            return unit.id, None
        v = self.values
        try:
            if key == "group":
                return v.parse_group(text), None
            if key == "producer_type":
                kind, known = v.producer_type(text)
                if not known:
                    raise self._not_in_list(key, text)
                return kind, None
            if key == "level":
                level = v.parse_level(text)
                if level not in self._levels():
                    raise Wrong(say("new.err.level_reform", lang, date=self.answers["date"]))
                return level, None
            if key == "stars":
                return v.parse_stars(text), None
        except v._Unusable:
            if key == "stars":
                raise Wrong(say("new.err.stars", lang)) from None
            raise self._not_in_list(key, text) from None
        if key == "place":
            return self._place(text), None
        if key == "certified":
            answer = v.fold(text)
            if answer in YES or answer.startswith(("co ", "da ")):
                return True, None
            if answer in NO or answer.startswith(("chua", "khong")):
                return False, None
            raise Wrong(say("new.err.yesno", lang))
        if key == "date":
            return self._date(text)
        if key == "score":
            if not re.fullmatch(r"\d{1,3}([.,]\d+)?", text) or not 0 <= float(text.replace(",", ".")) <= 100:
                raise Wrong(say("new.err.score", lang))
            return float(text.replace(",", ".")), None
        return text, None

    def _place(self, text: str) -> str:
        answer = self.values.fold(text)
        if answer in PLACES:
            return answer
        if any(w in answer for w in ("hien nay", "moi", "phuong", "today", "ward", "new")):
            return "ward"
        if any(w in answer for w in ("huyen", "cu", "truoc", "district", "old", "before")):
            return "district"
        raise Wrong(say("new.err.place", self.lang))

    def _ward(self, text: str) -> str:
        """Today's unit an answer names: its number in the list, its code, or its name with or
        without tone marks and kind word ("ta xua"); a wrong one says why, with "did you mean"."""
        lang, codes = self.lang, {u.code for u in self.wards}
        if text.isdigit() and len(text) != 5:
            if 1 <= int(text) <= len(self.wards):
                return self.wards[int(text) - 1].code
            raise self._not_in_list("ward", text)
        province = placing.today_province(self.config)
        here = province.name if province else self.config.province.name
        found = [u for u in places.find_units(text, province.code if province else None) if u.code in codes]
        if len(found) == 1:
            return found[0].code
        if found:
            raise Wrong(say("new.err.ward_several", lang, answer=text,
                            units=", ".join(f"{u.name} ({u.code})" for u in found)))
        elsewhere = places.find_units(text)
        if elsewhere:
            other = places.province(elsewhere[0].province)
            raise Wrong(say("new.err.ward_elsewhere", lang, answer=text, unit=elsewhere[0].name,
                            other=other.name if other else elsewhere[0].province, province=here))
        # One guess, the closest: the next ones are rarely what was meant ("ta xuaa": Tà Xùa, then Xuân Nha).
        close = [u for u in places.suggest(text, province.code, 1) if u.code in codes] if province else []
        hint = say("units.did_you_mean", lang, names=" / ".join(u.name for u in close)) if close else ""
        raise Wrong(say("new.err.ward_unknown", lang, answer=text, province=here, hint=hint, n=len(self.wards)),
                    self.listing("ward"), say("new.err.ward_unknown_option", lang, answer=text, province=here, hint=hint))

    def _date(self, text: str) -> tuple[str, str | None]:
        lang = self.lang
        try:
            day = self.values.parse_date(text)
        except self.values._Unusable as e:
            looks_like_date = re.fullmatch(r"[\d\s/.\-]+", text) is not None
            raise Wrong(say("new.err.date_unreal" if "no such day" in str(e.why) and looks_like_date
                            else "new.err.date", lang, answer=text)) from None
        if day > self.today:
            raise Wrong(say("new.err.date_future", lang, answer=day.isoformat(), today=self.today.isoformat()))
        iso = day.isoformat()
        return iso, (None if text == iso else say("new.date_converted", lang, answer=text, iso=iso))

    def _not_in_list(self, key: str, text: str) -> Wrong:
        names = "; ".join(label for _, label in self.choices(key))
        return Wrong(say("new.err.choice", self.lang, answer=text, n=len(self.choices(key))), self.listing(key),
                     say("new.err.choice_option", self.lang, answer=text, names=names))

    def _district(self) -> District | None:
        did = self.answers.get("district")
        return self.config.district(did) if did else None

    # -- the record

    def record_text(self, pid: str) -> str:
        a = self.answers
        lines = [
            "# yaml-language-server: $schema=../../schema/product.schema.json",
            f"id: {pid}",
            f"name: {_q(a['name'])}",
            f"group: {a['group']}",
        ]
        if self.form() == "district":
            lines.append(f"district: {a['district']}")
            if a.get("commune"):
                lines.append(f"commune: {a['commune']}")
        if a.get("ward"):
            # The code is what counts; the name beside it is for the reader (names fold alike and change).
            unit = placing.today_units(self.config).get(a["ward"])
            lines.append(f'ward: "{a["ward"]}"' + (f"  # {unit.name}" if unit else ""))
        lines += [
            "producer:",
            f"  name: {_q(a['producer_name'])}",
            f"  type: {a['producer_type']}",
            f"summary: {_q(a['summary'])}",
        ]
        if a.get("certified"):
            lines += [
                "certifications:",
                f"  - level: {a['level']}",
                f"    decision: {_q(a['decision'])}",
                f"    date: {a['date']}",
                f"    stars: {a['stars']}",
            ]
            if a.get("score") is not None:
                lines.append(f"    score: {a['score']:g}")
        else:
            lines += [
                "# Add each certification decision here when it is signed (see CONTRIBUTING.md):",
                "#  - level: province",
                '#    decision: "1234/QĐ-UBND"',
                f"#    date: {self.today.isoformat()}",
                "#    stars: 3",
                "certifications: []",
            ]
        return "\n".join(lines) + "\n"

    def new_id(self) -> str:
        if self.form() == "ward":  # no district: the province's own series, SL-0001
            return next_id(self.root, self.config.province.code)
        district = self._district()
        assert district is not None
        if not district.code:
            raise NewRecordError([say("new.err.no_code", self.lang, district=district.id)])
        return next_id(self.root, f"{self.config.province.code}-{district.code}")

    def check(self, pid: str, text: str) -> list[Diagnostic]:
        """What `ocop validate` would say about the record, checked in a scratch copy of its place."""
        with tempfile.TemporaryDirectory(prefix="ocop-new-") as scratch:
            path = Path(scratch) / "products" / self.folder(pid) / f"{pid}.yml"
            path.parent.mkdir(parents=True)
            path.write_text(text, encoding="utf-8")
            _, _, problems = check_record(path, Path(scratch), self.config, self.today)
        return problems

    def folder(self, pid: str) -> str:
        """The record's folder under products/, as the validator wants it (placing.folder)."""
        return self.answers["district"] if self.form() == "district" else pid.split("-")[0]

    # -- drafts

    def draft_text(self) -> str:
        kept = {k: v for k, v in self.answers.items() if v is not None}
        lines = ["# A draft of `ocop new`, not a record: continue it with `ocop new --resume <this file>`."]
        lines += [f"{k}: {_q(str(v).lower() if isinstance(v, bool) else str(v))}" for k, v in kept.items()]
        return "\n".join(lines) + "\n"


def open_form(config_path: Path, today: date, lang: str) -> Form:
    config, _ = load_config(config_path)
    if config is None:
        raise NewRecordError([say("new.err.config", lang)])
    return Form(config, config_path.parent, today, lang)


def read_draft(path: Path, lang: str) -> dict[str, str]:
    """A draft's answers as text, to be read again like typed answers (a draft is only a hint)."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    if not isinstance(data, dict):
        raise NewRecordError([say("new.err.draft", lang, path=path)])
    return {k: str(v) for k, v in data.items() if k in ORDER and v is not None}


def save_draft(form: Form, where: Path | None = None) -> Path:
    """Write the answers so far to ``drafts/`` beside site_config.yml (or over the resumed draft)."""
    if where is None:
        stem = "-".join(form.values.fold(form.answers.get("name") or "ban nhap").split())[:40] or "ban-nhap"
        folder = form.root / DRAFTS_DIR
        folder.mkdir(exist_ok=True)
        where, n = folder / f"{stem}.yml", 1
        while where.exists():
            n += 1
            where = folder / f"{stem}-{n}.yml"
    where.write_text(form.draft_text(), encoding="utf-8")
    return where


Ask = Callable[[str, "str | None"], str]


def fill(form: Form, given: dict[str, str], ask: Ask | None, tell: Callable[[str], None]) -> tuple[str, str]:
    """Settle every answer, then the record; returns (id, record text) of a record that validates.

    ``given`` are answers from options or a draft, read first. Without ``ask`` (no terminal) every
    unusable or missing answer is gathered into one ``NewRecordError``.
    """
    errors: list[str] = []
    given = dict(given)
    if given.get("level") and "certified" not in given:
        given["certified"] = "c"
    if "place" not in given and form.wards:  # options and older drafts say it by what they name
        if given.get("district"):
            given["place"] = "district"
        elif given.get("ward"):
            given["place"] = "ward"

    def settle(key: str) -> None:
        text = given.pop(key, None)
        listed = False
        while True:
            if text is None:
                if ask is None:
                    if key == "place":
                        errors.append(say("new.err.missing_place", form.lang))
                    elif key not in OPTIONAL and key != "certified":
                        errors.append(say("new.err.missing", form.lang, flag=_flag(key)))
                    form.answers.setdefault(key, None if key != "certified" else False)
                    return
                listing = form.listing(key)
                if listing and not listed:  # once: a wrong answer is asked again right under it
                    tell(listing)
                    listed = True
                text = ask(form.prompt(key), form.default(key))
            try:
                remark = form.set(key, text)
            except Wrong as wrong:
                if ask is None:
                    errors.append(say("new.err.flag", form.lang, flag=_flag(key), reason=wrong.as_option))
                    form.answers[key] = None
                    return
                tell(wrong.reason)
                text = None
                continue
            if remark:
                tell(remark)
            return

    while pending := form.pending():
        settle(pending[0])
    if errors:
        raise NewRecordError(errors)
    while True:
        pid = form.new_id()
        text = form.record_text(pid)
        problems = [p for p in form.check(pid, text) if p.severity == "error"]
        if not problems:
            return pid, text
        again = []
        for p in problems:
            message = say("new.err.record", form.lang, field=p.field, message=f"{p.message} {p.hint}".strip())
            key = FIELD_KEYS.get(p.field)
            if ask is None or key is None:
                errors.append(message)
            else:
                tell(message)
                again.append(key)
        if errors:
            raise NewRecordError(errors)
        tell(say("new.ask_again", form.lang))
        for key in dict.fromkeys(again):
            form.answers.pop(key, None)
            settle(key)
        while pending := form.pending():
            settle(pending[0])


def _flag(key: str) -> str:
    return {"producer_name": "producer", "certified": "level"}.get(key, key).replace("_", "-")


def write_record(form: Form, pid: str, text: str) -> Path:
    path = form.root / "products" / form.folder(pid) / f"{pid}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as f:  # "x": never overwrite an existing record
        f.write(text)
    return path
