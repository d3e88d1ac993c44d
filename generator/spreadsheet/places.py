"""District and commune names as sheets write them ("Huyện Mai Sơn", "TP Sơn La", "chiềng mai"),
matched to site_config.yml, with a "did you mean" when nothing matches."""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..config import District, SiteConfig
from ..messages import Said, said
from .values import clean_text, fold

_UNIT_PREFIX = re.compile(r"^(huyen|thanh pho|thi xa|tp|tx|quan|h) ")
_COMMUNE_PREFIX = re.compile(r"^(xa|phuong|thi tran|tt|p|x) ")
_ENGLISH_SUFFIX = re.compile(r" (district|city|town|commune|ward)$")
_ENUMERATOR = re.compile(r"^([ivxlc]+|[a-z]|\d+) (?=(huyen|thanh pho|thi xa|tp|tx|quan) )")


class _Places:
    """Districts and communes of site_config.yml by every name a spreadsheet may use."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.districts = self._index([(d, d.id, d.name, d.name_en) for d in config.districts], _UNIT_PREFIX)
        self.communes = {d.id: self._index([(c, c.id, c.name, c.name_en) for c in d.communes], _COMMUNE_PREFIX)
                         for d in config.districts}

    @staticmethod
    def _index(units: list[tuple[Any, str, str, str | None]], prefix: re.Pattern[str]) -> dict[str, Any]:
        exact: dict[str, Any] = {}
        folded: dict[str, list[Any]] = {}
        for unit, uid, name, name_en in units:
            exact[uid] = unit
            exact[clean_text(name)] = unit
            spellings = (name, uid.replace("-", " "), name_en)
            keys = {fold(name)} | {_ENGLISH_SUFFIX.sub("", prefix.sub("", fold(t))) for t in spellings if t}
            for key in keys:
                folded.setdefault(key, []).append(unit)
        # Folding merges names that differ only in tone marks ("Chiềng Hắc", "Chiềng Hặc"), and a bare
        # name may belong to a town and a district: a folded key counts only when it names one unit.
        for key, found in folded.items():
            if len({id(u) for u in found}) == 1:
                exact.setdefault(key, found[0])
        return exact

    def district(self, text: str) -> District | None:
        folded = _ENUMERATOR.sub("", fold(re.sub(r"\([^)]*\)", " ", text)))
        return (self.districts.get(clean_text(text)) or self.districts.get(folded)
                or self.districts.get(_UNIT_PREFIX.sub("", folded)))

    def commune(self, district: District, text: str) -> Any:
        index = self.communes[district.id]
        folded = fold(text)
        return index.get(clean_text(text)) or index.get(folded) or index.get(_COMMUNE_PREFIX.sub("", folded))

    def district_hint(self, text: str) -> Said:
        names = [d.name for d in self.config.districts]
        return _did_you_mean(text, names, _UNIT_PREFIX) + said("import.district_hint", names=", ".join(names))

    def commune_hint(self, district: District, text: str) -> Said:
        elsewhere = [d.name for d in self.config.districts if d.id != district.id and self.commune(d, text)]
        if elsewhere:
            return said("import.commune_elsewhere", districts=", ".join(elsewhere))
        return _did_you_mean(text, [c.name for c in district.communes], _COMMUNE_PREFIX) + said(
            "import.add_commune", district=district.id)


def _did_you_mean(text: str, names: list[str], prefix: re.Pattern[str]) -> Said | str:
    # Compared without "Huyện"/"Xã", which every name shares and which would make any two look alike.
    bare = {prefix.sub("", fold(n)): n for n in names}
    guess = difflib.get_close_matches(prefix.sub("", fold(text)), list(bare), n=1, cutoff=0.75)
    return said("hint.did_you_mean", guess=bare[guess[0]]) if guess else ""
