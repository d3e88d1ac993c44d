"""`ocop import` / `ocop export`: a province's own spreadsheet in, the catalogue out, and back.

Every spreadsheet is made here with openpyxl (or as text for CSV): no binary fixtures.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from generator.cli import main
from generator.spreadsheet import (SpreadsheetError, export_table, fold, heading_field, import_table, parse_date,
                                   parse_group, parse_stars, producer_type, producer_type_from_name, read_table)
from generator.validate import validate

from conftest import FIXTURES, ROOT, TODAY

# ---------------------------------------------------------------------------------------------
# A provincial list as offices really lay it out: title rows, a two-row header whose group cells
# are merged over their columns, a row numbering the columns, section rows per district, blank
# rows, a notes column, a repeated row, a mistyped date, a district of another province.

HEADER_TOP = ["STT", "Tên sản phẩm", "Thông tin chủ thể", None, None, "Địa bàn", None, "Nhóm sản phẩm",
              "Hạng sao", "Quyết định công nhận", None, "Ghi chú"]
HEADER_LOW = [None, None, "Tên", "Loại hình", "Địa chỉ", "Huyện", "Xã", None, None, "Số", "Ngày", None]
ROWS: dict[int, list[object]] = {
    # row number in the sheet -> cells A..L
    8: [1, "Cà phê Arabica rang xay Chiềng Ban", "HTX Nông nghiệp Chiềng Ban", "HTX",
        "Bản Nà Cang, xã Chiềng Ban, huyện Mai Sơn, tỉnh Sơn La", "Huyện Mai Sơn", "Xã Chiềng Ban", "Thực phẩm",
        "4 sao", "1693/QĐ-UBND", datetime(2024, 6, 15), "Sản phẩm mới"],
    10: [2, "Mật ong hoa cà phê", "Hộ kinh doanh Lò Văn Xôm", "Hộ kinh doanh", "Bản Mé, xã Chiềng Mai", None,
         "chiềng mai", "Thực phẩm", "3*", "2210/QĐ-UBND", "20/6/2024", None],
    12: [3, "Trà Ô long Tân Lập", "Công ty TNHH Chè Cao Nguyên Tân Lập", "Công ty TNHH", "Tiểu khu 1, xã Tân Lập",
         "Mộc Châu", "Tân Lập", "Đồ uống", "4 sao", "1694/QĐ-UBND", "15/06/2024", None],
    13: [4, "CÀ PHÊ ARABICA RANG XAY CHIỀNG BAN", "HTX Nông nghiệp Chiềng Ban", "HTX", None, "Huyện Mai Sơn",
         None, "Thực phẩm", "4 sao", "1693/QĐ-UBND", datetime(2024, 6, 15), "Nhập trùng"],
    14: [5, "Rượu mận hậu Lóng Sập", "HTX Mận hậu Lóng Sập", "HTX", None, "Mộc Châu", "Lóng Sập", "Đồ uống",
         "3 sao", "2211/QĐ-UBND", "31/02/2024", None],
    15: [6, "Chè Shan tuyết Tả Phìn", "HTX Chè Tả Phìn", "HTX", None, "Huyện Tam Đường", None, "Đồ uống",
         "3 sao", "2212/QĐ-UBND", "20/06/2024", None],
    16: [7, "Măng rừng khô Chiềng Hắc", "Tổ hợp tác Măng rừng Chiềng Hắc", "Tổ hợp tác", None, "Mộc Châu",
         "Xã Chiềng Hặc Trên", "Thực phẩm", "3 sao", "2210/QĐ-UBND", "20/06/2024", None],
}


def provincial_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "DS OCOP 2024"
    sheet["A1"] = "DANH SÁCH SẢN PHẨM OCOP NĂM 2024"
    sheet.merge_cells("A1:L1")
    sheet["A2"] = "(Kèm theo Quyết định số 2210/QĐ-UBND ngày 20/6/2024 của UBND tỉnh Sơn La)"
    sheet.merge_cells("A2:L2")
    for column, (top, low) in enumerate(zip(HEADER_TOP, HEADER_LOW), start=1):
        sheet.cell(4, column, top)
        sheet.cell(5, column, low)
    for cells in ("A4:A5", "B4:B5", "C4:E4", "F4:G4", "H4:H5", "I4:I5", "J4:K4", "L4:L5"):
        sheet.merge_cells(cells)
    for column in range(1, 13):
        sheet.cell(6, column, f"({column})")
    sheet["A7"] = "I"
    sheet["B7"] = "HUYỆN MAI SƠN"
    sheet.merge_cells("B7:L7")
    sheet["A11"] = "II"
    sheet["B11"] = "HUYỆN MỘC CHÂU"
    sheet.merge_cells("B11:L11")
    for row, cells in ROWS.items():
        for column, value in enumerate(cells, start=1):
            sheet.cell(row, column, value)
    sheet["B18"] = "Tổng cộng: 7 sản phẩm"
    sheet["H21"] = "Người lập biểu"
    book.save(path)
    return path


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "products").rglob("*"))
            if p.is_file()}


def skipped_reasons(report) -> dict[int, str]:  # type: ignore[no-untyped-def]
    return {s.row: " ".join(i.text("en") for i in s.issues) for s in report.skipped}


def test_provincial_spreadsheet_becomes_valid_records(project: Path, tmp_path: Path) -> None:
    source = provincial_workbook(tmp_path / "ds-ocop-2024.xlsx")
    report = import_table(project / "site_config.yml", source, TODAY)

    assert report.header_rows == (4, 5)
    assert report.rows_read == 7
    assert {r.row: r.id for r in report.records} == {8: "SL-MS-0001", 10: "SL-MS-0002", 12: "SL-MC-0001",
                                                    16: "SL-MC-0002"}
    reasons = skipped_reasons(report)
    assert sorted(reasons) == [13, 14, 15]
    assert "duplicate" in reasons[13] and "row 8" in reasons[13]
    assert 'row 14, column "Quyết định công nhận › Ngày" (K) = "31/02/2024": bad date' in reasons[14]
    assert 'row 15, column "Địa bàn › Huyện" (F) = "Huyện Tam Đường": not a district' in reasons[15]
    assert [w.row for w in report.warnings] == [16]  # unknown commune: written without it
    assert "Chiềng Hặc Trên" in report.warnings[0].text()
    assert report.ignored_columns == ['"Ghi chú" (L)']
    assert [row for row, _ in report.sections] == [7, 11, 18, 21]  # headings, total, signature: not products
    assert report.problems == [] and report.failed()  # rows were skipped

    coffee = yaml.safe_load((project / "products/mai-son/SL-MS-0001.yml").read_text(encoding="utf-8"))
    assert coffee == {
        "id": "SL-MS-0001", "name": "Cà phê Arabica rang xay Chiềng Ban", "group": "food", "district": "mai-son",
        "commune": "chieng-ban",
        "producer": {"name": "HTX Nông nghiệp Chiềng Ban", "type": "cooperative",
                     "address": "Bản Nà Cang, xã Chiềng Ban, huyện Mai Sơn, tỉnh Sơn La"},
        "summary": "Cà phê Arabica rang xay Chiềng Ban – sản phẩm OCOP 4 sao của HTX Nông nghiệp Chiềng Ban.",
        "certifications": [{"level": "province", "decision": "1693/QĐ-UBND", "date": date(2024, 6, 15), "stars": 4}],
    }
    honey = yaml.safe_load((project / "products/mai-son/SL-MS-0002.yml").read_text(encoding="utf-8"))
    assert honey["district"] == "mai-son"  # from the section row "HUYỆN MAI SƠN" above it
    assert honey["commune"] == "chieng-mai"
    assert honey["producer"]["type"] == "household"
    assert honey["certifications"] == [{"level": "district", "decision": "2210/QĐ-UBND", "date": date(2024, 6, 20),
                                        "stars": 3}]  # 3★ in 2024: the district recognises (Decision 148)
    tea = yaml.safe_load((project / "products/moc-chau/SL-MC-0001.yml").read_text(encoding="utf-8"))
    assert (tea["group"], tea["producer"]["type"], tea["commune"]) == ("beverages", "enterprise", "tan-lap")
    bamboo = yaml.safe_load((project / "products/moc-chau/SL-MC-0002.yml").read_text(encoding="utf-8"))
    assert "commune" not in bamboo and bamboo["producer"]["type"] == "cooperative_group"

    text = (project / "products/mai-son/SL-MS-0001.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/product.schema.json\n")
    assert 'name: "Cà phê Arabica rang xay Chiềng Ban"' in text and 'decision: "1693/QĐ-UBND"' in text

    result = CliRunner().invoke(main, ["--lang", "en", "validate", "--config", str(project / "site_config.yml"),
                                       "--today", TODAY.isoformat(), "--strict"])
    assert result.exit_code == 0, result.output


def test_second_import_overwrites_nothing(project: Path, tmp_path: Path) -> None:
    source = provincial_workbook(tmp_path / "ds-ocop-2024.xlsx")
    import_table(project / "site_config.yml", source, TODAY)
    before = snapshot(project)

    again = import_table(project / "site_config.yml", source, TODAY)
    assert again.records == []
    duplicates = {s.row for s in again.skipped if s.duplicate}
    assert duplicates == {8, 10, 12, 13, 16}
    assert "products/mai-son/SL-MS-0001.yml" in skipped_reasons(again)[8]
    assert snapshot(project) == before


def test_import_command(project: Path, tmp_path: Path) -> None:
    source = provincial_workbook(tmp_path / "ds-ocop-2024.xlsx")
    args = ["--lang", "en", "import", str(source), "--config", str(project / "site_config.yml"), "--today", TODAY.isoformat()]

    dry = CliRunner().invoke(main, [*args, "--dry-run"])
    assert dry.exit_code == 1  # three rows cannot be imported
    assert "Would write 4 records" in dry.output and snapshot(project) == {}

    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "Wrote 4 records" in result.output
    assert "row 14" in result.output and "bad date" in result.output
    assert "`ocop validate` on the written records: no problems." in result.output
    assert len(snapshot(project)) == 4


def test_explicit_ids_are_kept_and_never_reused(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text("Mã,Tên sản phẩm,Chủ thể,Huyện,Nhóm,Hạng sao,Số quyết định,Ngày quyết định\n"
                    "SL-MS-0007,Chuối sấy,HTX Chuối Phiêng Cằm,Mai Sơn,Thực phẩm,3,12/QĐ-UBND,01/03/2024\n"
                    ",Cà phê túi lọc,Công ty CP Cà phê Hát Lót,Mai Sơn,Đồ uống,3,13/QĐ-UBND,01/03/2024\n"
                    "SL-MS-0007,Khoai sọ,Hộ kinh doanh Cầm Thị Ánh,Mai Sơn,Thực phẩm,3,14/QĐ-UBND,01/03/2024\n",
                    encoding="utf-8")
    report = import_table(project / "site_config.yml", path, TODAY)
    # A new id comes after every id already given in the sheet, as `ocop new` never fills gaps.
    assert [(r.row, r.id) for r in report.records] == [(2, "SL-MS-0007"), (3, "SL-MS-0008")]
    assert "row 2 has the same id" in skipped_reasons(report)[4]


# ---------------------------------------------------------------------------------------------
# CSV, as Excel writes it in Vietnamese settings: ';' between cells, decimal commas, a BOM.

CSV_TEXT = (
    "Số TT;Tên sản phẩm OCOP;Tên chủ thể;Huyện/thành phố;Xã/phường/thị trấn;Ngành hàng;Xếp hạng;Tổng điểm;"
    "Số QĐ;Ngày công nhận;Điện thoại\n"
    "(1);(2);(3);(4);(5);(6);(7);(8);(9);(10);(11)\n"
    "1;Xoài tròn Yên Châu;HTX Xoài tròn Chiềng Đông;Yên Châu;Chiềng Đông;Thực phẩm;4★;82,15;"
    "1287/QĐ-UBND;2024-07-05;0212 384 455\n"
    ";;;;;;;;;;\n"
    "2;Sữa tươi thanh trùng;Công ty TNHH Sữa Thảo Nguyên;TP Sơn La;Phường Chiềng Lề;Đồ uống;5 sao;92,83;"
    "5127/QĐ-BNN-KTHT;18/2/2025;\n"
    "3;Giỏ mây tre;Cơ sở sản xuất Mây tre Sặp Vạt;Yên Châu;Sặp Vạt;Hàng thủ công mỹ nghệ;Bốn sao;68;"
    "3120/QĐ-UBND;22/12/2020;\n"
    "4;Lan hồ điệp;Hội Làm vườn Chiềng Sinh;Thành phố Sơn La;;Sinh vật cảnh;3 sao;61;88/QĐ-UBND;ngày 5/6/2024;\n"
)


def test_csv_import(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "ocop.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CSV_TEXT.encode("utf-8"))
    report = import_table(project / "site_config.yml", path, TODAY)

    assert [(r.row, r.id) for r in report.records] == [(3, "SL-YC-0001"), (5, "SL-TP-0001"), (7, "SL-TP-0002")]
    reasons = skipped_reasons(report)
    assert list(reasons) == [6]
    assert "A score of 68 is 3★" in reasons[6]  # the validator's rule, checked before anything is written
    mango = yaml.safe_load((project / "products/yen-chau/SL-YC-0001.yml").read_text(encoding="utf-8"))
    assert mango["producer"] == {"name": "HTX Xoài tròn Chiềng Đông", "type": "cooperative", "phone": "0212 384 455"}
    assert mango["certifications"] == [{"level": "province", "decision": "1287/QĐ-UBND", "date": date(2024, 7, 5),
                                        "stars": 4, "score": 82.15}]
    milk = yaml.safe_load((project / "products/tp-son-la/SL-TP-0001.yml").read_text(encoding="utf-8"))
    assert milk["producer"]["type"] == "enterprise" and milk["commune"] == "chieng-le"
    assert milk["certifications"][0]["level"] == "national"  # only the ministry awards 5★
    orchid = yaml.safe_load((project / "products/tp-son-la/SL-TP-0002.yml").read_text(encoding="utf-8"))
    assert orchid["producer"]["type"] == "other" and orchid["group"] == "ornamental"
    assert orchid["certifications"][0]["date"] == date(2024, 6, 5)
    assert report.problems == []


def test_csv_must_be_utf8(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "ansi.csv"
    text = "Tên sản phẩm,Chủ thể,Huyện,Nhóm\nMật ong,HTX Ong,Mai Sơn,Thực phẩm\n"
    path.write_bytes(text.encode("cp1258", errors="replace"))  # Excel's plain "CSV" on a Vietnamese Windows
    with pytest.raises(SpreadsheetError, match="not UTF-8"):
        import_table(project / "site_config.yml", path, TODAY)


def test_missing_required_column_is_reported_before_any_row(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "no-group.csv"
    path.write_text("Tên sản phẩm,Chủ thể,Huyện,Hạng sao\nMật ong,HTX Ong,Mai Sơn,3\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError, match="no column for: Nhóm"):
        import_table(project / "site_config.yml", path, TODAY)
    assert snapshot(project) == {}


def test_old_xls_workbook(project: Path) -> None:
    """An Excel 97-2003 file (made with xlwt 1.3.0: a merged title, headings on row 3, a decision typed
    as a number, dates formatted DD/MM/YYYY)."""
    report = import_table(project / "site_config.yml", FIXTURES / "xls/ds-ocop-2024.xls", TODAY)
    assert (report.sheet, report.header_rows) == ("DS OCOP 2024", (3,))
    assert [(r.row, r.id) for r in report.records] == [(4, "SL-MS-0001"), (5, "SL-MC-0001")]
    assert report.skipped == [] and report.problems == []
    tea = yaml.safe_load((project / "products/moc-chau/SL-MC-0001.yml").read_text(encoding="utf-8"))
    assert tea["certifications"] == [{"level": "province", "decision": "1694", "date": date(2024, 6, 15),
                                      "stars": 4}]


# ---------------------------------------------------------------------------------------------
# Round trip: the sample catalogue out, into an empty project, out again: the same table.


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip(project: Path, tmp_path: Path, suffix: str) -> None:
    sample = validate(ROOT / "site_config.yml", TODAY)
    assert sample.catalogue is not None
    first = tmp_path / f"first{suffix}"
    exported = export_table(sample.catalogue, first)
    assert len(exported) == len(sample.catalogue.entries)

    report = import_table(project / "site_config.yml", first, TODAY)
    assert report.skipped == [] and report.problems == []
    assert len(report.records) == len(sample.catalogue.entries)

    again = validate(project / "site_config.yml", TODAY)
    assert again.catalogue is not None and not again.failed()
    second = tmp_path / f"second{suffix}"
    pd.testing.assert_frame_equal(export_table(again.catalogue, second), exported)
    pd.testing.assert_frame_equal(read_table(second), read_table(first))
    if suffix == ".csv":
        assert second.read_bytes() == first.read_bytes()


def test_export_command_refuses_an_invalid_catalogue(project: Path, tmp_path: Path) -> None:
    bad = project / "products/mai-son/SL-MS-0001.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("id: SL-MS-0001\nname: x\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(main, ["--lang", "en", "export", str(out), "--config", str(project / "site_config.yml"),
                                       "--today", TODAY.isoformat()])
    assert result.exit_code == 1 and "E200" in result.output and not out.exists()

    ok = CliRunner().invoke(main, ["--lang", "en", "export", str(out), "--config", str(ROOT / "site_config.yml"),
                                   "--today", TODAY.isoformat()])
    assert ok.exit_code == 0 and out.exists()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_never_writes_formulas_and_import_restores_the_text(project: Path, tmp_path: Path, record_yaml,  # type: ignore[no-untyped-def]
                                                                  suffix: str) -> None:
    name, producer = '=HYPERLINK("https://x.invalid/","Xem giá")', "@SUM(1+1) HTX"
    record = project / "products/mai-son/SL-MS-0901.yml"
    record.parent.mkdir(parents=True)
    record.write_text(record_yaml(name=name, producer={"name": producer, "type": "cooperative"}), encoding="utf-8")
    catalogue = validate(project / "site_config.yml", TODAY).catalogue
    if catalogue is None:
        pytest.skip("the validator refuses such names: nothing to export")
    out = tmp_path / f"ocop{suffix}"
    export_table(catalogue, out)
    if suffix == ".xlsx":
        cells = [c for row in load_workbook(out).active.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == []
        assert {name, producer} <= {c.value for c in cells}
    else:
        text = out.read_text(encoding="utf-8-sig")
        assert "\"'=HYPERLINK(" in text and "'@SUM(1+1) HTX" in text
    table = read_table(out)
    assert list(table["Tên sản phẩm"]) == [name] and list(table["Chủ thể"]) == [producer]


# ---------------------------------------------------------------------------------------------
# The value vocabulary, one line per spelling seen in provincial lists.


def test_headings_and_values() -> None:
    assert fold("Huyện/Thành phố") == "huyen thanh pho" and fold("ĐỒ UỐNG") == "do uong"
    assert [heading_field(h) for h in ("Tên sản phẩm", "SĐT", "Số QĐ", "Mã số thuế", "Điểm (thang 100)",
                                       "Ngày hết hạn", "Điện thoại liên hệ", "STT")] == [
        "name", "phone", "decision", None, "score", None, "phone", "#"]
    assert [parse_stars(v) for v in ("4 sao", "4*", "4★", "★★★★★", 4, 3.0, "Bốn sao", "Hạng 3 sao")] == [
        4, 4, 4, 5, 4, 3, 4, 3]
    assert [parse_group(v) for v in ("Thực phẩm", "Đồ uống", "Dược liệu và sản phẩm từ dược liệu", "Thủ công mỹ nghệ",
                                     "Sinh vật cảnh", "Du lịch cộng đồng", "Nhóm 1: Thực phẩm", "herbal")] == [
        "food", "beverages", "herbal", "handicrafts", "ornamental", "tourism", "food", "herbal"]
    assert [producer_type(v)[0] for v in ("HTX", "Hợp tác xã", "THT", "Tổ hợp tác", "DNTN", "Công ty TNHH",
                                          "Công ty cổ phần", "Hộ kinh doanh", "Cơ sở sản xuất", "Hội nông dân")] == [
        "cooperative", "cooperative", "cooperative_group", "cooperative_group", "enterprise", "enterprise",
        "enterprise", "household", "household", "other"]
    assert [producer_type_from_name(n) for n in ("HTX Chè Tà Xùa", "Công ty TNHH Sữa", "Hộ ông Lò Văn A",
                                                 "Nhóm Hồ Văn Minh", "Chi nhánh Công ty CP Chè")] == [
        "cooperative", "enterprise", "household", None, "enterprise"]
    assert [parse_date(v) for v in ("15/06/2024", "5/6/2024", "2024-06-15", datetime(2024, 6, 15), 45458,
                                    "ngày 15 tháng 6 năm 2024")] == [date(2024, 6, 15), date(2024, 6, 5)] + [
        date(2024, 6, 15)] * 4
