"""Interface words, in Vietnamese (the default) and English, and how dates and numbers are written.

Templates look words up here (``t``) instead of hard-coding them, so a second language is data.
"""

from __future__ import annotations

from datetime import date

from ..schema import GROUPS

GROUP_EN = {
    "food": "Food",
    "beverages": "Beverages",
    "herbal": "Herbal and medicinal products",
    "handicrafts": "Handicrafts",
    "ornamental": "Ornamental plants and animals",
    "tourism": "Community and eco-tourism",
}
GROUP_SHORT_VI = {
    "food": "Thực phẩm",
    "beverages": "Đồ uống",
    "herbal": "Dược liệu",
    "handicrafts": "Thủ công mỹ nghệ",
    "ornamental": "Sinh vật cảnh",
    "tourism": "Du lịch",
}

WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "status.valid": "CÒN HIỆU LỰC",
        "status.expiring": "SẮP HẾT HẠN",
        "status.expired": "HẾT HẠN",
        "status.revoked": "ĐÃ THU HỒI",
        "status.unrated": "CHƯA XẾP HẠNG",
        "status.withdrawn": "ĐÃ NGỪNG",
        "status_short.valid": "còn hiệu lực",
        "status_short.expiring": "sắp hết hạn",
        "status_short.expired": "hết hạn",
        "status_short.revoked": "đã thu hồi",
        "status_short.unrated": "chưa xếp hạng",
        "status_short.withdrawn": "đã ngừng",
        "level.district": "UBND cấp huyện",
        "level.province": "UBND cấp tỉnh",
        "level.national": "Bộ Nông nghiệp (cấp quốc gia)",
        "kind.new": "Đánh giá mới",
        "kind.re-evaluation": "Đánh giá lại",
        "kind.upgrade": "Nâng hạng",
        "producer.cooperative": "Hợp tác xã",
        "producer.cooperative_group": "Tổ hợp tác",
        "producer.enterprise": "Doanh nghiệp",
        "producer.household": "Hộ kinh doanh / cơ sở sản xuất",
        "producer.other": "Khác",
        "stars": "sao",
        "until": "đến",
        "since": "từ",
        "verify": "Xác minh chứng nhận OCOP",
        "decision": "Quyết định",
        "level": "Cấp công nhận",
        "date": "Ngày quyết định",
        "valid_until": "Hiệu lực đến",
        "criteria": "Bộ tiêu chí",
        "as_of": "Theo dữ liệu ngày",
        "checked_now": "Đã kiểm tra lại theo ngày hôm nay trên thiết bị của bạn",
        "disclaimer": "Trang này xác nhận hồ sơ chính thức của sản phẩm trong danh mục OCOP, "
                      "không xác nhận một món hàng cụ thể là hàng thật.",
        "no_certificate": "Sản phẩm tham gia Chương trình OCOP nhưng chưa được đánh giá, xếp hạng.",
        "withdrawn_note": "Sản phẩm đã rời danh mục",
        "revoked_note": "Giấy chứng nhận đã bị thu hồi",
        "expired_note": "Giấy chứng nhận đã hết hạn 36 tháng; sản phẩm cần được đánh giá lại.",
        "photos": "Hình ảnh",
        "about": "Giới thiệu sản phẩm",
        "producer": "Chủ thể sản xuất",
        "address": "Địa chỉ",
        "phone": "Điện thoại",
        "email": "Thư điện tử",
        "website": "Trang web",
        "origin": "Nguồn gốc nguyên liệu",
        "local_share": "Tỷ lệ nguyên liệu tại địa phương",
        "area_code": "Mã số vùng trồng",
        "standards": "Tiêu chuẩn áp dụng",
        "where_to_buy": "Nơi mua",
        "modern_retail": "Có bán tại siêu thị / cửa hàng tiện lợi",
        "online": "Mua trực tuyến",
        "history": "Lịch sử chứng nhận",
        "score": "Điểm",
        "score_parts": "Điểm thành phần",
        "part_a": "Phần A: Sản phẩm và sức mạnh cộng đồng",
        "part_b": "Phần B: Khả năng tiếp thị",
        "part_c": "Phần C: Chất lượng sản phẩm",
        "source": "Nguồn",
        "qr": "Mã QR truy xuất",
        "qr_help": "Mã QR này dẫn đến đúng trang này. In trên bao bì để người mua kiểm tra.",
        "download_svg": "Tải SVG (in ấn)",
        "download_png": "Tải PNG",
        "badge": "Huy hiệu cho trang bán hàng",
        "badge_help": "Dán đoạn mã này vào trang bán hàng: huy hiệu tự chuyển sang “hết hạn” khi chứng nhận hết hiệu lực.",
        "open_data": "Dữ liệu mở (JSON)",
        "group": "Nhóm sản phẩm",
        "product_set": "Bộ sản phẩm",
        "district": "Huyện",
        "commune": "Xã",
        "gtin": "Mã vạch (GTIN)",
        "products": "sản phẩm",
        "home": "Trang chủ",
        "by_district": "Theo huyện",
        "by_group": "Theo nhóm sản phẩm",
        "by_stars": "Theo số sao",
        "by_status": "Theo trạng thái",
        "count": "Số sản phẩm",
        "producers": "Chủ thể",
        "not_rated_list": "Chưa xếp hạng",
        "sample_banner": "Dữ liệu mẫu: tên cơ sở, số quyết định và liên hệ trên trang này là hư cấu, không phải dữ liệu chính thức.",
        "now_part_of": "Hiện nay thuộc",
        "labels": "In tem mã QR",
        "none": "Chưa có sản phẩm.",
        "part_of_history": "Lần",
        "kind": "Hình thức",
        "revoked_on": "Thu hồi ngày",
        "reason": "Lý do",
        "active_products": "sản phẩm còn hiệu lực",
        "all_products": "Tất cả sản phẩm",
        "name": "Tên sản phẩm",
    },
    "en": {
        "status.valid": "VALID",
        "status.expiring": "EXPIRING SOON",
        "status.expired": "EXPIRED",
        "status.revoked": "REVOKED",
        "status.unrated": "NOT YET RATED",
        "status.withdrawn": "WITHDRAWN",
        "status_short.valid": "valid",
        "status_short.expiring": "expiring",
        "status_short.expired": "expired",
        "status_short.revoked": "revoked",
        "status_short.unrated": "not rated",
        "status_short.withdrawn": "withdrawn",
        "stars": "stars",
        "until": "until",
    },
}


def t(lang: str, key: str) -> str:
    return WORDS.get(lang, {}).get(key) or WORDS["vi"][key]


def group_name(group: str, lang: str = "vi", short: bool = False) -> str:
    if lang == "en":
        return GROUP_EN[group]
    return GROUP_SHORT_VI[group] if short else GROUPS[group]


def fmt_date(d: date | None, lang: str = "vi") -> str:
    if d is None:
        return ""
    return d.strftime("%d/%m/%Y") if lang == "vi" else d.strftime("%-d %b %Y")


def fmt_number(x: float, lang: str = "vi") -> str:
    text = f"{x:g}"
    return text.replace(".", ",") if lang == "vi" else text


def star_glyphs(n: int | None) -> str:
    return "★" * n + "☆" * (5 - n) if n else ""
