"""Synthetic but realistic OCOP catalogues for the benchmark.

``generate(root, n, seed)`` writes a complete project into ``root``: a copy of the repository's
``site_config.yml`` and ``n`` records under ``root/products/<district>/<id>.yml``. Every record
passes ``ocop validate --strict`` as of ``TODAY`` (2026-11-22): scores inside the star band, parts
within the maxima of the criteria in force on the decision date, the usual recognition level for
the date (no W309), 5★ only at national level, 36-month validity, no dates after ``TODAY``.

Names, producers and summaries are assembled from Vietnamese word lists (with tone marks); the
mix of groups, stars, statuses (valid, expiring, expired, revoked, unrated, withdrawn) and
histories (re-evaluation, upgrade, a new certificate after a revocation) resembles a real
province. No images: photo I/O is not what the benchmark measures.

Deterministic for a given seed, and fast: YAML is written with f-strings (20,000 records take a
couple of seconds). Run it alone with ``python bench/synth.py ROOT N [SEED]``.
"""

from __future__ import annotations

import calendar
import random
import shutil
import sys
import unicodedata
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "site_config.yml"
TODAY = date(2026, 11, 22)

EARLIEST = date(2019, 10, 1)          # first provincial decisions under 1048/QĐ-TTg
CRITERIA_148_FROM = date(2023, 2, 24)
TWO_TIER_FROM = date(2025, 7, 1)  # district People's Committees ceased (E313 after)
DISTRICTS_ENDED = date(2025, 7, 1)
W309_UNTIL = date(2025, 7, 6)  # generator/grading.py's TWO_TIER_FROM
MINISTRY_RENAMED = date(2025, 3, 1)   # Bộ NN&PTNT + Bộ TN&MT -> Bộ Nông nghiệp và Môi trường
PART_MAXIMA = {"1048/2019": (3500, 2500, 4000), "148/2023": (4000, 2500, 3500)}  # hundredths of a point

# ---------------------------------------------------------------------------------------------
# Word lists. (group, product_set, [(Vietnamese base name, English base name)], raw-material words)

CATALOGUE: list[tuple[str, str, list[tuple[str, str]], str]] = [
    ("food", "Cà phê, cacao", [
        ("Cà phê Arabica rang xay", "roasted ground Arabica coffee"),
        ("Cà phê hạt rang mộc", "plain-roasted coffee beans"),
        ("Cà phê phin nguyên chất", "pure drip coffee"),
        ("Cà phê Arabica chế biến ướt", "wet-processed Arabica coffee"),
        ("Bột cacao nguyên chất", "pure cocoa powder")], "cà phê"),
    ("food", "Chè tươi, chè chế biến", [
        ("Chè Shan tuyết cổ thụ", "ancient Shan Tuyet tea"),
        ("Trà Ô long", "oolong tea"),
        ("Chè xanh sao sấy", "pan-dried green tea"),
        ("Hồng trà", "black tea"),
        ("Trà búp Shan", "Shan bud tea")], "chè"),
    ("food", "Mật ong, mật khác và nông sản thực phẩm khác", [
        ("Mật ong hoa cà phê", "coffee-blossom honey"),
        ("Mật ong bạc hà", "mint honey"),
        ("Mật ong rừng", "wild forest honey"),
        ("Mật ong hoa nhãn", "longan-blossom honey")], "đàn ong"),
    ("food", "Chế biến từ thịt, trứng, sữa", [
        ("Thịt trâu gác bếp", "smoked buffalo meat"),
        ("Lạp xưởng hun khói", "smoked sausage"),
        ("Thịt lợn bản sấy", "dried mountain pork"),
        ("Sữa chua nếp cẩm", "black sticky rice yoghurt"),
        ("Bò khô lá chanh", "dried beef with lime leaves"),
        ("Sữa tươi thanh trùng", "pasteurised fresh milk")], "chăn nuôi"),
    ("food", "Chế biến từ rau, củ, quả, hạt", [
        ("Mận sấy dẻo", "soft dried plums"),
        ("Xoài sấy dẻo", "soft dried mango"),
        ("Long nhãn sấy", "dried longan"),
        ("Măng khô", "dried bamboo shoots"),
        ("Ô mai mận hậu", "candied Hau plums"),
        ("Hạt mắc ca sấy nứt vỏ", "cracked roasted macadamia"),
        ("Chuối sấy giòn", "crispy dried banana")], "cây ăn quả"),
    ("food", "Gạo, ngũ cốc", [
        ("Gạo Séng Cù", "Seng Cu rice"),
        ("Gạo nếp tan", "Tan sticky rice"),
        ("Gạo tẻ râu", "bearded rice"),
        ("Gạo lứt đỏ", "red brown rice")], "lúa"),
    ("food", "Rau, củ, quả, hạt tươi", [
        ("Mận hậu", "Hau plums"),
        ("Xoài tròn", "round mango"),
        ("Nhãn chín muộn", "late-season longan"),
        ("Bơ sáp", "butter avocado"),
        ("Su su", "chayote"),
        ("Cải mèo", "Hmong mustard greens")], "cây ăn quả"),
    ("food", "Tương, nước mắm, gia vị khác", [
        ("Chẳm chéo", "Thai chili dipping spice"),
        ("Hạt mắc khén", "mac khen pepper"),
        ("Hạt dổi rừng", "wild doi seeds"),
        ("Tương ớt bản", "village chili sauce")], "gia vị"),
    ("food", "Chế biến từ thủy, hải sản", [
        ("Cá lăng sông Đà", "Da River catfish"),
        ("Cá tầm hun khói", "smoked sturgeon"),
        ("Cá suối nướng", "grilled stream fish")], "nuôi cá lồng"),
    ("beverages", "Rượu trắng", [
        ("Rượu ngô men lá", "leaf-yeast corn liquor"),
        ("Rượu thóc", "paddy liquor"),
        ("Rượu nếp cẩm", "black sticky rice wine")], "ngô, lúa"),
    ("beverages", "Đồ uống có cồn khác", [
        ("Rượu mận", "plum wine"),
        ("Rượu táo mèo", "wild apple wine"),
        ("Rượu sim rừng", "rose-myrtle wine"),
        ("Rượu mơ", "apricot wine")], "quả rừng"),
    ("beverages", "Đồ uống không cồn", [
        ("Nước cốt chanh leo", "passion fruit concentrate"),
        ("Siro mận", "plum syrup"),
        ("Nước ép dâu tây", "strawberry juice"),
        ("Trà túi lọc atiso", "artichoke tea bags")], "cây ăn quả"),
    ("herbal", "Dược liệu và sản phẩm từ dược liệu khác", [
        ("Tinh bột nghệ", "turmeric starch"),
        ("Cao atiso", "artichoke extract"),
        ("Trà giảo cổ lam", "jiaogulan tea"),
        ("Sâm dây", "codonopsis root"),
        ("Trà hoa vàng", "golden camellia tea"),
        ("Cà gai leo", "Solanum procumbens tea")], "dược liệu"),
    ("herbal", "Mỹ phẩm", [
        ("Xà phòng thảo dược", "herbal soap"),
        ("Tinh dầu sả chanh", "lemongrass essential oil"),
        ("Dầu gội bồ kết", "honey locust shampoo"),
        ("Tinh dầu quế", "cinnamon essential oil")], "dược liệu"),
    ("handicrafts", "Thủ công mỹ nghệ, trang trí, gia dụng", [
        ("Đồ mây tre đan", "rattan and bamboo ware"),
        ("Đồ gỗ mỹ nghệ", "carved woodware"),
        ("Gối tựa thổ cẩm", "brocade cushions"),
        ("Ấm chén gốm", "pottery tea set")], "mây tre"),
    ("handicrafts", "Vải và may mặc", [
        ("Khăn piêu", "Pieu scarf"),
        ("Túi thổ cẩm", "brocade bag"),
        ("Váy áo thổ cẩm", "brocade clothing"),
        ("Vải lanh dệt tay", "hand-woven hemp cloth")], "bông, lanh"),
    ("ornamental", "Hoa", [
        ("Hoa lan rừng", "wild orchids"),
        ("Hoa đào", "peach blossom"),
        ("Hoa lan Hồ Điệp", "moth orchids")], "vườn ươm"),
    ("ornamental", "Cây cảnh", [
        ("Cây đào cảnh", "ornamental peach trees"),
        ("Mận bonsai", "bonsai plum"),
        ("Lan phi điệp", "Dendrobium orchids")], "vườn ươm"),
    ("tourism", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch", [
        ("Du lịch cộng đồng bản", "community tourism in the village of"),
        ("Điểm du lịch sinh thái", "eco-tourism site"),
        ("Homestay nhà sàn", "stilt-house homestay"),
        ("Khu du lịch thác", "waterfall tourist area")], ""),
]
GROUP_WEIGHTS = {"food": 55, "beverages": 12, "herbal": 10, "handicrafts": 10, "ornamental": 5, "tourism": 8}

BRANDS = ["Hương Rừng", "Tây Bắc", "Cao Nguyên", "Sơn Thủy", "Bản Xanh", "Nắng Sớm", "Đất Lành", "An Phú",
          "Thanh Sơn", "Phúc Lộc", "Hoa Ban", "Sông Đà", "Mây Trắng", "Nậm Na", "Hương Sơn", "Việt Thái",
          "Mường Lò", "Bình Minh", "Trường Xuân", "Ngọc Lan", "Kim Ngân", "Hồng Phát", "Đồng Xuân", "Suối Mơ"]
BANS = ["Áng", "Mòng", "Phụ Mẫu", "Hìn", "Củ", "Lướt", "Hụm", "Cọ", "Nà Ban", "Pá Phách", "Tà Phình", "Búa",
        "Nong Lay", "Khoang", "Nhôm", "Vặt", "Dọ", "Có Nàng", "Pá Khoang", "Lóng Luông", "Hua Tạt", "Sàng",
        "Nà Sàng", "Bó Cạ", "Huổi Một", "Phiêng Khoài", "Tà Xùa", "Suối Thín"]
SURNAMES = ["Lò", "Cầm", "Quàng", "Lường", "Hà", "Vì", "Tòng", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng",
            "Đinh", "Bạc", "Sầm", "Mùa", "Giàng", "Sùng", "Vàng", "Lù", "Đèo", "Lừ"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Thu", "Ngọc", "Xuân"]
GIVEN = ["Hùng", "Lan", "Thoa", "Phương", "Sơn", "Dũng", "Hải", "Thắng", "Hương", "Mai", "Tuấn", "Xuân",
         "Thủy", "Chiến", "Pọm", "Ơn", "Doan", "Khoa", "Nhất", "Bình", "Duyên", "Thảo", "Quyết", "Lâm"]
COOP_FIELDS = {
    "food": ["Nông nghiệp và Dịch vụ", "Nông sản sạch", "Chế biến nông sản", "Dịch vụ Tổng hợp"],
    "beverages": ["Nông nghiệp và Dịch vụ", "Chế biến nông sản", "Rượu truyền thống"],
    "herbal": ["Dược liệu", "Nông nghiệp và Dược liệu", "Thảo dược"],
    "handicrafts": ["Dệt thổ cẩm", "Mây tre đan", "Thủ công mỹ nghệ"],
    "ornamental": ["Hoa và Cây cảnh", "Nông nghiệp công nghệ cao"],
    "tourism": ["Du lịch cộng đồng", "Du lịch và Dịch vụ"],
}
TOHOP = {
    "food": ["sản xuất nông sản", "chế biến nông sản", "nuôi ong", "trồng chè", "sản xuất rau an toàn"],
    "beverages": ["nấu rượu truyền thống", "chế biến nông sản"],
    "herbal": ["trồng dược liệu", "sản xuất thảo dược"],
    "handicrafts": ["dệt thổ cẩm", "đan lát", "thêu may"],
    "ornamental": ["trồng hoa", "ươm cây cảnh"],
    "tourism": ["du lịch cộng đồng", "homestay"],
}
ENTERPRISE_FORMS = ["Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Doanh nghiệp tư nhân"]
ENTERPRISE_FIELDS = {"food": "Thực phẩm", "beverages": "Đồ uống", "herbal": "Dược liệu", "handicrafts": "Thủ công",
                     "ornamental": "Nông nghiệp xanh", "tourism": "Du lịch"}
OTHER_PRODUCERS = ["Hội Phụ nữ {c}", "Ban quản lý Khu du lịch {c}", "Hội Nông dân {c}", "Làng nghề truyền thống {c}"]

QUALITIES = {
    "food": ["hương vị đậm đà", "không chất bảo quản", "thơm ngon tự nhiên", "đóng gói hút chân không",
             "an toàn vệ sinh thực phẩm", "được người tiêu dùng ưa chuộng"],
    "beverages": ["vị êm, hậu ngọt", "hương thơm đặc trưng", "nấu theo bí quyết truyền thống",
                  "đóng chai thủy tinh", "không phẩm màu"],
    "herbal": ["giữ trọn dược tính", "sản xuất theo quy trình khép kín", "không hóa chất",
               "an toàn cho người dùng", "được kiểm nghiệm chất lượng"],
    "handicrafts": ["hoa văn truyền thống", "làm hoàn toàn thủ công", "bền đẹp", "màu nhuộm tự nhiên",
                    "mẫu mã đa dạng"],
    "ornamental": ["dáng thế đẹp", "sinh trưởng khỏe", "hoa bền màu", "được chăm sóc theo quy trình"],
    "tourism": ["không gian văn hóa dân tộc Thái", "ẩm thực bản địa", "cảnh quan núi rừng",
                "trải nghiệm cùng người dân", "nhà sàn truyền thống"],
}
PROCESSES = {
    "food": ["được trồng và chế biến tại", "sản xuất từ nguyên liệu của", "làm thủ công tại",
             "thu hái và sơ chế tại"],
    "beverages": ["ủ men lá truyền thống tại", "chế biến từ nguyên liệu của", "sản xuất tại"],
    "herbal": ["trồng và chế biến tại", "từ vùng dược liệu của", "sản xuất tại"],
    "handicrafts": ["dệt tay bởi phụ nữ", "đan thủ công tại", "làm từ nguyên liệu tự nhiên của"],
    "ornamental": ["ươm trồng tại", "chăm sóc tại vườn"],
    "tourism": ["đón khách tại", "nằm giữa thung lũng"],
}
DETAILS = [
    "Quy trình sản xuất tuân thủ hướng dẫn của cơ quan chuyên môn, có nhật ký ghi chép đầy đủ.",
    "Nguyên liệu được thu mua theo hợp đồng liên kết với các hộ trong bản.",
    "Sản phẩm có tem truy xuất nguồn gốc và nhãn mác ghi đủ thông tin theo quy định.",
    "Cơ sở đã được cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm.",
    "Mỗi năm cơ sở tạo việc làm cho hàng chục lao động địa phương, chủ yếu là phụ nữ.",
    "Bao bì được thiết kế lại năm 2024, in câu chuyện sản phẩm bằng hai thứ tiếng.",
    "Sản phẩm từng tham gia hội chợ OCOP khu vực Tây Bắc và được khách hàng đánh giá cao.",
    "Vùng nguyên liệu nằm ở độ cao trên 800 mét, khí hậu mát quanh năm, đất đỏ bazan giàu dinh dưỡng.",
    "Sản phẩm được bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp và dùng tốt nhất trong 12 tháng.",
    "Cơ sở nhận đặt hàng theo yêu cầu cho các dịp lễ, Tết và quà tặng doanh nghiệp, giao hàng toàn quốc.",
    "Khách tham quan có thể đến xưởng xem quy trình chế biến và nếm thử sản phẩm vào cuối tuần.",
]
PACKS = ["Túi 250 g và 500 g.", "Hộp giấy 200 g, hộp quà 500 g.", "Chai thủy tinh 500 ml.",
         "Thùng 5 kg cho đại lý.", "Gói hút chân không 300 g.", "Bán lẻ và theo đơn đặt hàng."]
STANDARDS = ["VietGAP", "HACCP", "ISO 22000:2018", "GlobalGAP", "Hữu cơ TCVN 11041"]
REVOKE_REASONS = ["Chủ thể ngừng sản xuất sản phẩm", "Sản phẩm không duy trì chất lượng như hồ sơ đánh giá",
                  "Chủ thể giải thể và đề nghị thu hồi", "Vi phạm quy định về ghi nhãn hàng hóa"]
WITHDRAW_REASONS = ["Cơ sở ngừng sản xuất sản phẩm này.", "Chủ thể sáp nhập và chuyển sang sản phẩm khác.",
                    "Sản phẩm không còn được sản xuất tại địa phương."]
SHOPS = ["Điểm bán OCOP Sơn La", "Cửa hàng nông sản sạch Tô Hiệu", "Trung tâm giới thiệu sản phẩm Mộc Châu",
         "Siêu thị Nông sản Tây Bắc", "Cửa hàng đặc sản Sông Đà"]
PLATFORM_URLS = {"shopee": "https://shopee.vn/{s}", "lazada": "https://www.lazada.vn/shop/{s}/",
                 "tiki": "https://tiki.vn/cua-hang/{s}", "sendo": "https://www.sendo.vn/shop/{s}",
                 "tiktok": "https://www.tiktok.com/@{s}", "website": "https://{s}.example.vn/san-pham",
                 "other": "https://postmart.vn/{s}"}

for _words in (BRANDS, BANS, SURNAMES, GIVEN, DETAILS, PACKS, SHOPS, REVOKE_REASONS, WITHDRAW_REASONS):
    assert not any('"' in w or "\\" in w for w in _words)  # written in "double quotes" without escaping


# ---------------------------------------------------------------------------------------------
# Helpers


def add_months(d: date, months: int) -> date:
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=None)
def ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


@lru_cache(maxsize=None)
def ascii_title(text: str) -> str:
    return " ".join(w.capitalize() for w in ascii_slug(text).split("-"))


def gtin_with_check(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def points(hundredths: int) -> str:
    whole, frac = divmod(hundredths, 100)
    return str(whole) if frac == 0 else f"{whole}.{frac:02d}".rstrip("0")


def status_of(until: date, today: date) -> str:
    if today > until:
        return "expired"
    return "expiring" if (until - today).days <= 90 else "valid"


def strip_prefix(name: str) -> str:
    for prefix in ("Thành phố ", "Thị trấn ", "Phường ", "Huyện ", "Xã ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


class Cert:
    __slots__ = ("date", "stars", "kind", "revoked")

    def __init__(self, d: date, stars: int, kind: str | None = None) -> None:
        if DISTRICTS_ENDED <= d < W309_UNTIL:  # W309 still expects a district council then, which E313 refuses
            d = DISTRICTS_ENDED - timedelta(days=1)
        self.date, self.stars, self.kind = d, stars, kind
        self.revoked: date | None = None


def level_for(d: date, stars: int) -> str:
    """The usual recogniser for the date (so --strict sees no W309)."""
    if stars == 5:
        return "national"
    if d >= TWO_TIER_FROM:
        return "province"
    if d >= CRITERIA_148_FROM:
        return "district" if stars == 3 else "province"
    return "province"


# ---------------------------------------------------------------------------------------------
# The generator


class Synth:
    def __init__(self, config: dict, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.province = config["province"]
        self.prov_lower = lower_first(self.province["name"])       # "tỉnh Sơn La"
        self.prov_short = strip_prefix(self.province["name"])      # "Sơn La"
        self.districts = config["districts"]
        weights = {"moc-chau": 2.5, "mai-son": 1.8, "van-ho": 1.4, "yen-chau": 1.3, "tp-son-la": 1.2}
        self.district_weights = [weights.get(d["id"], 1.0) for d in self.districts]
        self.counters = {d["id"]: 0 for d in self.districts}
        self.gtins: set[str] = set()
        self.groups = list(GROUP_WEIGHTS)
        self.group_weights = list(GROUP_WEIGHTS.values())
        self.sets = {g: [c for c in CATALOGUE if c[0] == g] for g in GROUP_WEIGHTS}
        self.decision_no = 0

    # -- certifications ----------------------------------------------------------------------

    def _date_between(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def _latest_date(self, status: str, stars: int) -> date:
        t = self.today
        lo = date(2020, 6, 1) if stars == 5 else EARLIEST
        for _ in range(50):
            if status == "valid":
                d = self._date_between(add_months(t, -33), t)
            elif status == "expiring":
                d = self._date_between(add_months(t, -36), add_months(t, -36) + timedelta(days=95))
            elif status == "expired":
                d = self._date_between(lo, add_months(t, -36))
            else:  # revoked / withdrawn: any date with some room before today
                d = self._date_between(lo, t - timedelta(days=45))
            if d < lo:
                continue
            if status in ("valid", "expiring", "expired") and status_of(add_months(d, 36), t) != status:
                continue
            return d
        raise RuntimeError(status)

    def certifications(self, status: str) -> list[Cert]:
        rng = self.rng
        r = rng.random()
        stars = 5 if r < 0.08 else 4 if r < 0.42 else 3
        latest = Cert(self._latest_date(status, stars), stars)
        chain = [latest]
        if status == "revoked":
            end = min(add_months(latest.date, 36), self.today)
            latest.revoked = self._date_between(latest.date + timedelta(days=30), end)
        length = rng.choices((1, 2, 3), (55, 33, 12))[0]
        cur = latest
        while len(chain) < length:
            rel = rng.random()
            if cur.stars >= 4 and rel < 0.45:  # nâng hạng: one star more than before
                prev = Cert(cur.date - timedelta(days=rng.randint(240, 900)), cur.stars - 1)
                cur.kind = "upgrade"
            elif rel < 0.85:  # đánh giá lại near the end of the 36 months
                prev = Cert(add_months(cur.date, -36) + timedelta(days=rng.randint(10, 150)), cur.stars)
                cur.kind = "re-evaluation"
            else:  # an earlier certificate was revoked; this one is a new recognition
                prev = Cert(cur.date - timedelta(days=rng.randint(400, 1100)), rng.choice((3, 4)))
                end = min(add_months(prev.date, 36), cur.date - timedelta(days=1), self.today)
                if end <= prev.date + timedelta(days=31):
                    break
                prev.revoked = self._date_between(prev.date + timedelta(days=30), end)
                cur.kind = "new"
            if prev.date < (date(2020, 6, 1) if prev.stars == 5 else EARLIEST):
                cur.kind = "new"
                break
            chain.append(prev)
            cur = prev
        if cur.kind is None:
            cur.kind = "new"
        chain.reverse()
        return chain

    def cert_yaml(self, c: Cert, district: dict) -> list[str]:
        rng = self.rng
        level = level_for(c.date, c.stars)
        self.decision_no = (self.decision_no + rng.randint(1, 37)) % 3900
        no = self.decision_no + 100
        if level == "national":
            suffix = "QĐ-BNNMT" if c.date >= MINISTRY_RENAMED else "QĐ-BNN-KTHT"
            issuer = ("Bộ Nông nghiệp và Môi trường" if c.date >= MINISTRY_RENAMED
                      else "Bộ Nông nghiệp và Phát triển nông thôn")
        elif level == "province":
            suffix, issuer = "QĐ-UBND", f"UBND {self.prov_lower}"
        else:
            suffix, issuer = "QĐ-UBND", f"UBND {lower_first(district['name'])}"
        criteria = "148/2023" if c.date >= CRITERIA_148_FROM else "1048/2019"
        out = [f"  - level: {level}", f'    decision: "{no}/{suffix}"', f"    date: {c.date.isoformat()}",
               f"    stars: {c.stars}"]
        if rng.random() < 0.85:
            lo, hi = {3: (5000, 6999), 4: (7000, 8999), 5: (9000, 9850)}[c.stars]
            total = rng.randint(lo, hi)
            out.append(f"    score: {points(total)}")
            if rng.random() < 0.6:
                a_max, b_max, c_max = PART_MAXIMA[criteria]
                a = round(total * a_max / 10000 * rng.uniform(0.9, 1.1))
                a = max(total - b_max - c_max, min(a_max, total, a))
                rest = total - a
                b = round(rest * b_max / (b_max + c_max) * rng.uniform(0.9, 1.1))
                b = max(rest - c_max, min(b_max, rest, b))
                out += ["    parts:", f"      A: {points(a)}", f"      B: {points(b)}", f"      C: {points(rest - b)}"]
        if rng.random() < 0.4:
            out.append(f'    criteria: "{criteria}"')
        if rng.random() < 0.3:
            out.append(f"    valid_until: {add_months(c.date, 36).isoformat()}")
        if c.kind and rng.random() < 0.85:
            out.append(f"    kind: {c.kind}")
        out.append(f'    issued_by: "{issuer}"')
        if rng.random() < 0.3:
            host = "ocop.example.vn" if level == "national" else "sonla.example.gov.vn"
            out.append(f"    source: \"https://{host}/van-ban/{no}-{ascii_slug(suffix)}-{c.date:%Y%m%d}\"")
        if c.revoked:
            self.decision_no = (self.decision_no + 11) % 3900
            out += ["    revoked:", f"      date: {c.revoked.isoformat()}",
                    f'      decision: "{self.decision_no + 100}/QĐ-UBND"',
                    f'      reason: "{rng.choice(REVOKE_REASONS)}"']
        return out

    # -- one record --------------------------------------------------------------------------

    def record(self) -> tuple[str, str, str]:
        rng = self.rng
        district = rng.choices(self.districts, self.district_weights)[0]
        self.counters[district["id"]] += 1
        pid = f"{self.province['code']}-{district['code']}-{self.counters[district['id']]:05d}"
        communes = district.get("communes") or []
        commune = rng.choice(communes) if communes and rng.random() < 0.92 else None
        place_unit = commune or district
        place = strip_prefix(place_unit["name"])
        district_lower = lower_first(district["name"])
        commune_lower = lower_first(commune["name"]) if commune else None

        group = rng.choices(self.groups, self.group_weights)[0]
        _, product_set, bases, raw_word = rng.choice(self.sets[group])
        base, base_en = rng.choice(bases)
        ban = rng.choice(BANS)
        brand = rng.choice(BRANDS)
        style = rng.random()
        if group == "tourism":
            name = f"{base} {ban}" if base.endswith("bản") else f"{base} {place}"
            name_en = f"{base_en} {ascii_title(ban) if base.endswith('bản') else ascii_title(place)}"
        elif style < 0.5:
            name, name_en = f"{base} {place}", f"{ascii_title(place)} {base_en}"
        elif style < 0.8:
            name, name_en = f"{base} {brand}", f"{ascii_title(brand)} {base_en}"
        else:
            name, name_en = f"{base} {brand} {self.prov_short}", f"{ascii_title(brand)} {base_en}"

        # producer
        ptype = rng.choices(("cooperative", "cooperative_group", "enterprise", "household", "other"),
                            (34, 18, 18, 25, 5))[0]
        person = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if ptype == "cooperative":
            producer = f"HTX {rng.choice(COOP_FIELDS[group])} {place}"
        elif ptype == "cooperative_group":
            producer = f"Tổ hợp tác {rng.choice(TOHOP[group])} {place}"
        elif ptype == "enterprise":
            producer = f"{rng.choice(ENTERPRISE_FORMS)} {ENTERPRISE_FIELDS[group]} {brand}"
        elif ptype == "household":
            producer = f"{rng.choice(('Hộ kinh doanh', 'Cơ sở sản xuất'))} {person}"
        else:
            producer = rng.choice(OTHER_PRODUCERS).format(c=place)
        slug = ascii_slug(f"{brand} {place}") if ptype in ("enterprise", "cooperative") else ascii_slug(f"{producer}")
        address = f"Bản {ban}, {commune_lower + ', ' if commune_lower else ''}{district_lower}, {self.prov_lower}"

        # status mix
        s = rng.random()
        status = ("unrated" if s < 0.06 else "withdrawn" if s < 0.08 else "revoked" if s < 0.14 else
                  "expiring" if s < 0.22 else "expired" if s < 0.40 else "valid")
        certs = [] if status == "unrated" else self.certifications("expired" if status == "withdrawn" and rng.random() < 0.5 else status)

        qualities = rng.sample(QUALITIES[group], 2)
        summary = (f"{name} {rng.choice(PROCESSES[group])} {place}, {qualities[0]}, {qualities[1]}.")
        if len(summary) > 200:
            summary = f"{name}, {qualities[0]}."[:200]

        L = ["# yaml-language-server: $schema=../../schema/product.schema.json",
             f'id: "{pid}"', f'name: "{name}"']
        if rng.random() < 0.6:
            L.append(f'name_en: "{name_en}"')
        L.append(f"group: {group}")
        if rng.random() < 0.9:
            L.append(f'product_set: "{product_set}"')
        L.append(f"district: {district['id']}")
        if commune:
            L.append(f"commune: {commune['id']}")
        L += ["producer:", f'  name: "{producer}"', f"  type: {ptype}"]
        if rng.random() < 0.8:
            L.append(f'  address: "{address}"')
        if rng.random() < 0.7:
            L.append(f'  phone: "0212 3{rng.randint(10, 99)} {rng.randint(100, 999)}"')
        if rng.random() < 0.4:
            L.append(f'  email: "lienhe@{slug}.example.vn"')
        if rng.random() < 0.3:
            L.append(f'  website: "https://{slug}.example.vn"')
        if group not in ("tourism", "ornamental") and rng.random() < 0.35:
            body = f"893{rng.randint(0, 999999999):09d}" if rng.random() < 0.85 else f"893{rng.randint(0, 9999):04d}"
            if gtin_with_check(body) not in self.gtins:  # a barcode belongs to one product (E409)
                self.gtins.add(gtin_with_check(body))
                L.append(f'gtin: "{gtin_with_check(body)}"')
        L.append(f'summary: "{summary}"')
        if rng.random() < 0.3:
            L.append(f'summary_en: "{name_en[:1].upper() + name_en[1:]} from {ascii_title(place)}, {ascii_title(self.prov_short)} province."')
        if rng.random() < 0.8:
            # A paragraph of about 120 words, as real descriptions are (the sample's run 45 to 90).
            d = rng.sample(DETAILS, 4)
            L += ["description: |",
                  f"  **{name}** là sản phẩm của {producer}, {qualities[0]}, {qualities[1]}.",
                  f"  {d[0]} {d[1]}", "",
                  f"  {d[2]} {d[3]} Sản phẩm *{base.lower()}* gắn với vùng {raw_word or 'bản'} của {place}.", "",
                  f"  - {rng.choice(PACKS)}",
                  f"  - Liên hệ: {producer}."]
            if rng.random() < 0.2:
                L.append(f"  - Xem thêm [trang của cơ sở](https://{slug}.example.vn).")
        if raw_word and rng.random() < 0.6:
            L += ["raw_material:", f"  local_share: {rng.choice((60, 70, 80, 85, 90, 95, 100))}",
                  f'  source: "Vùng nguyên liệu {raw_word} {commune_lower or district_lower}"']
            if group in ("food", "herbal") and rng.random() < 0.5:
                L.append(f'  area_code: "VN-{self.province["code"]}{district["code"]}-{rng.randint(1, 9999):04d}"')
        if group in ("food", "beverages", "herbal") and rng.random() < 0.55:
            picks = rng.sample(STANDARDS, rng.randint(1, 2))
            if rng.random() < 0.5:
                picks.append(f"TCCS {rng.randint(1, 9):02d}:{rng.choice((2022, 2023, 2024, 2025))}/{ascii_slug(brand).replace('-', '')[:4].upper()}")
            L.append("standards:")
            L += [f'  - "{p}"' for p in picks]
        pos = rng.random() < 0.35
        markets = rng.sample(list(PLATFORM_URLS), rng.randint(1, 3)) if rng.random() < 0.4 else []
        retail = rng.random() < 0.2
        if pos or markets or retail:
            L.append("sales:")
            if retail:
                L.append("  modern_retail: true")
            if pos:
                L += ["  points_of_sale:", f'    - name: "{rng.choice(SHOPS)}"',
                      f'      address: "Số {rng.randint(1, 250)} đường Tô Hiệu, thành phố {self.prov_short}"']
            if markets:
                L.append("  marketplaces:")
                for m in markets:
                    L += [f"    - platform: {m}", f'      url: "{PLATFORM_URLS[m].format(s=slug)}"']
        craft = group == "handicrafts" and rng.random() < 0.7
        green = rng.random() < 0.25
        if craft or green:
            L.append("attributes:")
            if green:
                L.append("  green_value_chain: true")
            if craft:
                L.append(f'  craft_village: "Làng nghề {base.lower()} bản {ban}"')
        if certs:
            L.append("certifications:")
            for c in certs:
                L += self.cert_yaml(c, district)
        else:
            L.append("certifications: []")
        if status == "withdrawn":
            last = certs[-1].date if certs else add_months(self.today, -30)
            L += ["withdrawn:", f"  date: {self._date_between(last + timedelta(days=1), self.today).isoformat()}",
                  f'  reason: "{rng.choice(WITHDRAW_REASONS)}"']
        return district["id"], pid, "\n".join(L) + "\n"


def generate(root: Path, n: int, seed: int = 1, today: date = TODAY, config: Path = CONFIG) -> list[Path]:
    """Write site_config.yml and ``n`` records into ``root`` (which should be empty or absent)."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(config, root / "site_config.yml")
    cfg = yaml.safe_load(config.read_text(encoding="utf-8"))
    synth = Synth(cfg, seed, today)
    products = root / "products"
    for d in cfg["districts"]:
        (products / d["id"]).mkdir(parents=True, exist_ok=True)
    written = []
    for _ in range(n):
        district, pid, text = synth.record()
        path = products / district / f"{pid}.yml"
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        written.append(path)
    return written


if __name__ == "__main__":
    import time

    start = time.perf_counter()
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    generate(out, count, int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    print(f"{count} records in {out} ({time.perf_counter() - start:.2f}s)")
