"""A provincial list of since the reform (#16): no district column, an address column written in the
old form by some rows and in the new form by others. Old-form rows become records naming the
certificate's district and commune (today's unit from the crosswalk), new-form rows records naming
today's ward; a row the crosswalk cannot place is reported with its row number, and nothing of it
is written."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.spreadsheet import import_table
from generator.validate import validate

from conftest import TODAY

SHEET = (
    "STT;Tên sản phẩm;Chủ thể;Địa chỉ chủ thể;Nhóm;Hạng sao;Số quyết định;Ngày quyết định\n"
    # before 1 July 2025: xã, huyện
    "1;Mận sấy Nà Ka;HTX Nông sản Nà Ka;Bản Nà Ka, xã Mường Sang, huyện Mộc Châu, tỉnh Sơn La;Thực phẩm;3 sao;"
    "1693/QĐ-UBND;15/06/2024\n"
    # since: phường / xã of today, with or without tone marks
    "2;Sữa chua Mộc Châu;Công ty Sữa Thảo Nguyên;Tiểu khu 4, phường Mộc Châu, tỉnh Sơn La;Thực phẩm;4 sao;"
    "412/QĐ-UBND;10/03/2026\n"
    "3;Trà shan tuyết Tà Xùa;HTX Chè Tà Xùa;Ban Ta Xua, xa Ta Xua, tinh Son La;Đồ uống;4 sao;413/QĐ-UBND;10/03/2026\n"
    # no such unit, old or new
    "4;Mật ong rừng;HTX Ong Nậm Lạnh;Bản Nậm Lạnh, xã Không Có, tỉnh Sơn La;Thực phẩm;3 sao;414/QĐ-UBND;10/03/2026\n"
)


def test_a_sheet_mixing_old_and_new_addresses_imports_into_records_that_validate(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "danh-sach-2026.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    report = import_table(project / "site_config.yml", sheet, TODAY)

    assert [(r.row, r.id) for r in report.records] == [(2, "SL-MC-0001"), (3, "SL-0001"), (4, "SL-0002")]
    assert [s.row for s in report.skipped] == [5]
    why = " ".join(str(i.why) for i in report.skipped[0].issues)
    assert "no ward or commune of Tỉnh Sơn La" in why and report.skipped[0].issues[0].column == "Địa chỉ chủ thể"

    old = yaml.safe_load((project / "products/moc-chau/SL-MC-0001.yml").read_text(encoding="utf-8"))
    assert (old["district"], old.get("commune"), old.get("ward")) == ("moc-chau", "muong-sang", None)
    new = (project / "products/SL/SL-0001.yml").read_text(encoding="utf-8")
    assert 'ward: "03980"  # Phường Mộc Châu' in new and "district" not in yaml.safe_load(new)
    assert yaml.safe_load((project / "products/SL/SL-0002.yml").read_text(encoding="utf-8"))["ward"] == "03868"

    result = validate(project / "site_config.yml", TODAY)
    assert [p.text() for p in result.problems] == []
    assert result.catalogue is not None and len(result.catalogue.entries) == 3
