"""Which record field a spreadsheet heading names, in the stewards' words or the field's own name."""

from __future__ import annotations

import re

from .values import fold

# ---------------------------------------------------------------------------------------------
# Headings. A heading matches a synonym exactly (after folding), or starts with a synonym of two
# or more words ("Tên sản phẩm OCOP", "Điện thoại liên hệ"). One-word synonyms must match exactly,
# so that "Mã số thuế" is not read as the product code "Mã".

HEADINGS: dict[str, tuple[str, ...]] = {
    "id": ("mã", "mã sản phẩm", "mã số sản phẩm", "mã ocop"),
    "name": ("tên sản phẩm", "sản phẩm", "tên sản phẩm ocop"),
    "producer": ("chủ thể", "tên chủ thể", "cơ sở", "tên cơ sở", "đơn vị sản xuất", "chủ thể sản xuất",
                 "tên đơn vị", "chủ thể ocop"),
    "producer_type": ("loại hình", "loại hình chủ thể", "loại hình tổ chức", "loại chủ thể"),
    "address": ("địa chỉ",),
    "phone": ("điện thoại", "số điện thoại", "sđt", "đt"),
    "district": ("huyện", "huyện/thành phố", "huyện, thị xã, thành phố", "huyện/thị xã/thành phố", "quận/huyện",
                 "địa bàn", "huyện, thành phố"),
    "commune": ("xã", "xã/phường/thị trấn", "xã, phường, thị trấn", "xã/phường", "phường/xã", "xã, phường"),
    "group": ("nhóm", "nhóm sản phẩm", "ngành hàng", "nhóm ngành"),
    "stars": ("hạng sao", "số sao", "xếp hạng", "kết quả", "phân hạng", "sao", "hạng", "kết quả xếp hạng"),
    "score": ("điểm", "tổng điểm", "điểm đánh giá", "điểm trung bình", "điểm số"),
    "decision": ("quyết định", "số quyết định", "số qđ", "qđ", "số, ngày quyết định", "quyết định công nhận"),
    "date": ("ngày", "ngày quyết định", "ngày công nhận", "ngày qđ", "ngày cấp", "ngày ký", "ngày ban hành"),
    "level": ("cấp", "cấp công nhận", "cấp quyết định", "cấp đánh giá"),
    "summary": ("mô tả", "tóm tắt", "mô tả tóm tắt"),
}
# Row-number columns: recognised (they help find the header row) but carry nothing to import.
NUMBERING = "#"
_NUMBERING_HEADINGS = ("stt", "tt", "số tt", "số thứ tự")

# What each field is called in messages, in the stewards' words.
FIELD_WORDS: dict[str, str] = {
    "id": "Mã", "name": "Tên sản phẩm", "producer": "Chủ thể", "producer_type": "Loại hình",
    "address": "Địa chỉ", "phone": "Điện thoại", "district": "Huyện", "commune": "Xã", "group": "Nhóm",
    "stars": "Hạng sao", "score": "Điểm", "decision": "Số quyết định", "date": "Ngày quyết định",
    "level": "Cấp", "summary": "Mô tả tóm tắt",
}


def _heading_index() -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {fold(h): NUMBERING for h in _NUMBERING_HEADINGS}
    for key, synonyms in HEADINGS.items():
        exact.setdefault(key, key)  # the record's own field names work too (an English sheet)
        exact.setdefault(key.replace("_", " "), key)
        for synonym in synonyms:
            exact[fold(synonym)] = key
    prefixes = sorted(((s, k) for s, k in exact.items() if " " in s and k != NUMBERING), key=lambda x: -len(x[0]))
    return exact, prefixes


_EXACT_HEADINGS, _PREFIX_HEADINGS = _heading_index()


def heading_field(text: object) -> str | None:
    """The record field a heading names (``NUMBERING`` for STT), or None."""
    if text is None:
        return None
    # "Điểm (thang 100)", "Hạng sao (3-5)": a bracketed note does not change what the column holds.
    folded = fold(re.sub(r"\([^)]*\)", " ", str(text))) or fold(text)
    if not folded:
        return None
    if folded in _EXACT_HEADINGS:
        return _EXACT_HEADINGS[folded]
    for synonym, key in _PREFIX_HEADINGS:
        if folded.startswith(synonym + " "):
            return key
    return None


_GROUP_HEADING_FILLER = re.compile(r"^(thong tin|cac thong tin)\s+")


def two_row_field(upper: str, lower: str) -> str | None:
    """The field of a column whose heading is split over a group row (upper) and a heading row (lower).

    "Thông tin chủ thể" / "Tên" means the producer's name, "Quyết định công nhận" / "Số" the
    decision number: the lower cell alone, else the lower cell followed by the group's subject.
    """
    if lower and fold(lower) != fold(upper):
        found = heading_field(lower)
        if found is None and upper:
            subject = _GROUP_HEADING_FILLER.sub("", fold(upper))
            found = heading_field(f"{fold(lower)} {subject}")
        return found
    return heading_field(upper)
