"""Hostile spreadsheets: each one refused by `ocop import` with a located message, exit 1, no
traceback, in bounded memory and time, with nothing written.

One fixture per class in `tests/fixtures/sheets/`, with the exact message in `<name>.expected`:

- `<name>.sheet.xml`: a worksheet, packed at test time into a workbook (`_workbook`);
- `<name>.csv`, `<name>.xlsx`, `<name>.xls`: the file itself (the .xls ones made with xlwt 1.3.0, a few KB);
- classes whose file would be large (bombs, long cells) are made at test time by ``GENERATED``.

Checked both ways: no fixture without an expectation, no expectation without a fixture. The whole
battery runs in one child process under a 1 GB address-space cap (Linux), the bound
`generator/spreadsheet/limits.py` promises; the cap is skipped elsewhere.

Also here: a workbook *declaring* the largest size but holding a small table imports normally under
the cap; formula-safe `ocop report`; an import on a full disk or into a read-only folder.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import main

from conftest import FIXTURES, ROOT, TODAY

SHEETS = FIXTURES / "sheets"
MEMORY_CAP = 1 << 30  # bytes of address space for the child that reads every hostile file
SECONDS = 30  # for one file, on a slow shared machine; most are refused in a few milliseconds

# ---------------------------------------------------------------------------------------------
# Workbooks made byte by byte: a zip with the four parts openpyxl needs and one worksheet. A part
# is a list of (bytes, times): each piece is deflated once and its compressed form repeated, so a
# sheet of 3 GB is written in a second (a full flush makes each copy independent of the others).

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="DS OCOP" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>')
NO_STRINGS = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="0" uniqueCount="0"/>'
HEADER = ('<row r="1">' + "".join(f'<c r="{c}1" t="inlineStr"><is><t>{t}</t></is></c>' for c, t in
                                  zip("ABCD", ("Tên sản phẩm", "Chủ thể", "Huyện", "Nhóm"))) + "</row>")
Part = list[tuple[bytes, int]]


def _deflated(part: Part) -> tuple[bytes, int, int]:
    """(raw deflate stream, CRC-32, unpacked size) of the pieces repeated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream, crc, size = [], 0, 0
    for piece, times in part:
        block = packer.compress(piece) + packer.flush(zlib.Z_FULL_FLUSH)
        stream.append(block * times)
        for _ in range(times):
            crc = zlib.crc32(piece, crc)
        size += len(piece) * times
    stream.append(packer.flush())
    return b"".join(stream), crc, size


def _zip(path: Path, parts: dict[str, Part]) -> Path:
    """A zip file written by hand (sizes under 4 GB), so that a part can be any size."""
    local, central = bytearray(), bytearray()
    for name, part in parts.items():
        data, crc, size = _deflated(part)
        encoded = name.encode()
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                               len(encoded), 0, 0, 0, 0, 0, len(local)) + encoded
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded),
                             0) + encoded + data
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def _workbook(path: Path, sheet: Part, strings: Part | None = None) -> Path:
    return _zip(path, {
        "[Content_Types].xml": [(CONTENT_TYPES.encode(), 1)], "_rels/.rels": [(RELS.encode(), 1)],
        "xl/workbook.xml": [(WORKBOOK.encode(), 1)], "xl/_rels/workbook.xml.rels": [(WORKBOOK_RELS.encode(), 1)],
        "xl/sharedStrings.xml": strings or [(NO_STRINGS.encode(), 1)], "xl/worksheets/sheet1.xml": sheet})


def _sheet(rows: Part, after: str = "") -> Part:
    return [(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{HEADER}'.encode(), 1),
            *rows, (f"</sheetData>{after}</worksheet>".encode(), 1)]


# ---------------------------------------------------------------------------------------------
# The classes whose file is made at test time.


def ten_million_rows(path: Path) -> Path:
    row = '<row><c t="inlineStr"><is><t>Cà phê</t></is></c></row>'.encode()
    return _workbook(path, _sheet([(row * 10_000, 1_000)]))


def whitespace_3gb(path: Path) -> Path:
    return _workbook(path, _sheet([(b" " * (1 << 20), 3 * 1024)]))


def many_merged_ranges(path: Path) -> Path:
    merges = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(2, 10_003))
    return _workbook(path, _sheet([], f'<mergeCells count="10001">{merges}</mergeCells>'))


def long_xlsx_cell(path: Path) -> Path:
    cell = f'<row r="2"><c r="B2" t="inlineStr"><is><t>{"Mật ong " * 5_000}</t></is></c></row>'
    return _workbook(path, _sheet([(cell.encode(), 1)]))


def repeated_long_text(path: Path) -> Path:
    # One text of 30,000 characters in the string table, shown in 700 cells: 21 million characters.
    strings = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}"><si><t>{"x" * 30_000}</t></si></sst>'
    rows = "".join(f'<row r="{r}"><c r="B{r}" t="s"><v>0</v></c></row>' for r in range(2, 702))
    return _workbook(path, _sheet([(rows.encode(), 1)]), [(strings.encode(), 1)])


def truncated_zip(path: Path) -> Path:
    whole = _workbook(path, _sheet([(b'<row r="2"><c r="A2"><v>1</v></c></row>', 1)])).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def long_csv_cell(path: Path) -> Path:
    path.write_text("Tên sản phẩm,Chủ thể,Huyện,Nhóm\n" + f'"{"Mật ong " * 25_000}",HTX,Mai Sơn,Thực phẩm\n',
                    encoding="utf-8")
    return path


def too_many_csv_rows(path: Path) -> Path:
    path.write_text("Tên sản phẩm,Chủ thể,Huyện,Nhóm\n" + "Mật ong,HTX,Mai Sơn,Thực phẩm\n" * 50_000,
                    encoding="utf-8")
    return path


def file_too_big(path: Path) -> Path:
    path.write_bytes(b"Ten san pham,Chu the,Huyen,Nhom\n" + b"," * (21 * 1024 * 1024))
    return path


GENERATED: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "ten_million_rows": (".xlsx", ten_million_rows), "whitespace_3gb": (".xlsx", whitespace_3gb),
    "many_merged_ranges": (".xlsx", many_merged_ranges), "long_xlsx_cell": (".xlsx", long_xlsx_cell),
    "repeated_long_text": (".xlsx", repeated_long_text), "truncated_zip": (".xlsx", truncated_zip),
    "long_csv_cell": (".csv", long_csv_cell), "too_many_csv_rows": (".csv", too_many_csv_rows),
    "file_too_big": (".csv", file_too_big),
}


def _file_fixtures() -> dict[str, Path]:
    return {p.name.split(".")[0]: p for p in sorted(SHEETS.iterdir()) if not p.name.endswith(".expected")}


def _expectations() -> dict[str, str]:
    return {p.name.removesuffix(".expected"): p.read_text(encoding="utf-8") for p in sorted(SHEETS.glob("*.expected"))}


def _make(name: str, folder: Path) -> Path:
    if name in GENERATED:
        suffix, make = GENERATED[name]
        return make(folder / f"{name}{suffix}")
    source = _file_fixtures()[name]
    if source.name.endswith(".sheet.xml"):
        return _workbook(folder / f"{name}.xlsx", [(source.read_bytes(), 1)])
    return Path(shutil.copy(source, folder / source.name))


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    files = _file_fixtures()
    assert not set(files) & set(GENERATED), "a class is both a file and generated"
    assert sorted(_expectations()) == sorted({*files, *GENERATED})


# ---------------------------------------------------------------------------------------------
# The battery, in one child process under the memory cap.

CHILD = """
import json, os, resource, sys, time
cap = int(sys.argv[1])
if cap and sys.platform == "linux":
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from click.testing import CliRunner
from generator.cli import main
results = {}
for name, file, project in json.loads(sys.stdin.read()):
    started = time.monotonic()
    result = CliRunner().invoke(main, ["--lang", "en", "import", file, "--config", os.path.join(project, "site_config.yml"),
                                       "--today", sys.argv[2]])
    written = sorted(os.path.relpath(os.path.join(d, f), project)
                     for d, _, files in os.walk(os.path.join(project, "products")) for f in files)
    results[name] = {"exit": result.exit_code, "stdout": result.stdout, "stderr": result.stderr,
                     "exception": None if result.exception is None or isinstance(result.exception, SystemExit)
                     else repr(result.exception),
                     "seconds": time.monotonic() - started, "written": written}
print(json.dumps(results))
"""


def _project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "site_config.yml", folder / "site_config.yml")
    (folder / "products").mkdir()
    return folder


def _run_capped(jobs: list[tuple[str, Path, Path]]) -> dict[str, dict]:
    cap = MEMORY_CAP if sys.platform == "linux" else 0
    child = subprocess.run([sys.executable, "-c", CHILD, str(cap), TODAY.isoformat()],
                           input=json.dumps([(n, str(f), str(p)) for n, f, p in jobs]), capture_output=True,
                           text=True, timeout=900, cwd=ROOT)
    assert child.returncode == 0, child.stderr[-3000:]
    return json.loads(child.stdout)


@pytest.fixture(scope="module")
def battery(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("hostile")
    names = sorted({*_file_fixtures(), *GENERATED})
    jobs = [(name, _make(name, folder), _project(folder / "projects" / name)) for name in names]
    return _run_capped(jobs)


@pytest.mark.parametrize("name", sorted(_expectations()))
def test_hostile_spreadsheet_is_refused(battery: dict[str, dict], name: str) -> None:
    result = battery[name]
    assert result["exception"] is None, result  # no traceback, no MemoryError under the cap
    assert "Traceback" not in result["stderr"] + result["stdout"]
    assert result["stderr"] == _expectations()[name]
    assert result["exit"] == 1 and result["stdout"] == ""
    assert result["written"] == []
    assert result["seconds"] < SECONDS


def test_a_declared_size_costs_nothing(tmp_path: Path) -> None:
    """Excel's <dimension> says A1:XFD1048576 but the sheet holds one product: it imports, under the cap.
    Its text is in the string table, as Excel writes it (openpyxl, which made the other tests' files,
    writes text inline)."""
    texts = ["Mật ong hoa cà phê", "HTX Ong Chiềng Mai", "Mai Sơn", "Thực phẩm"]
    strings = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">'
               + "".join(f"<si><t>{t}</t></si>" for t in texts) + "</sst>")
    row = '<row r="2">' + "".join(f'<c r="{c}2" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCD")) + "</row>"
    sheet = [(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><dimension ref="A1:XFD1048576"/>'
              f'<sheetData>{HEADER}{row}</sheetData></worksheet>'.encode(), 1)]
    source = _workbook(tmp_path / "declared.xlsx", sheet, [(strings.encode(), 1)])
    project = _project(tmp_path / "project")
    result = _run_capped([("declared", source, project)])["declared"]
    assert result["exception"] is None, result
    assert "Wrote 1 record" in result["stdout"], result
    assert result["written"] == ["products/mai-son/SL-MS-0001.yml"]
    record = yaml.safe_load((project / result["written"][0]).read_text(encoding="utf-8"))
    assert (record["name"], record["producer"]["name"], record["group"]) == (texts[0], texts[1], "food")


# ---------------------------------------------------------------------------------------------
# `ocop report`: plan wording and budget items never become formulas.

INJECTIONS = ["=HYPERLINK(\"http://x.invalid\",\"bấm\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)"]


@pytest.fixture
def hostile_plan(tmp_path: Path) -> Path:
    """The sample catalogue whose plan wording, milestones and budget items start like formulas."""
    for name in ("site_config.yml", "products"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    config = tmp_path / "site_config.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    plan = data["plan"]
    for target, text in zip(plan["targets"], INJECTIONS):
        target["text"] = text
    for milestone, text in zip(plan["milestones"], reversed(INJECTIONS)):
        milestone["who"] = text
    plan["budget"] = {"lines": [{"item": text, "year": 2024, "planned": 100} for text in INJECTIONS]}
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_report_never_writes_formulas(hostile_plan: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"report{suffix}"
    result = CliRunner().invoke(main, ["--lang", "en", "report", "--config", str(hostile_plan), "--today", TODAY.isoformat(),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    if suffix == ".xlsx":
        book = load_workbook(out)
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == []
        texts = [c.value for c in cells if isinstance(c.value, str)]
        for injection in INJECTIONS:  # kept as the steward wrote them, as text: in targets, milestones, budget
            assert texts.count(injection) == 3, (injection, texts)
    else:
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        cells = [cell for row in rows for cell in row]
        assert [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
        for injection in INJECTIONS:  # the apostrophe `ocop export` puts, which `ocop import` removes again
            assert "'" + injection in cells


# ---------------------------------------------------------------------------------------------
# Writing: all records or none.

CSV = ("Tên sản phẩm,Chủ thể,Huyện,Nhóm,Hạng sao,Số quyết định,Ngày quyết định\n"
       + "".join(f"Sản phẩm {i},HTX Số {i},Mai Sơn,Thực phẩm,3,{i}/QĐ-UBND,01/03/2024\n" for i in range(1, 6)))


@pytest.mark.skipif(sys.platform != "linux", reason="tells the import's files by /proc/self/fd")
def test_a_full_disk_leaves_no_record(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.spreadsheet import writing

    source = tmp_path / "list.csv"
    source.write_text(CSV, encoding="utf-8")
    real_write = os.write
    calls = []

    def full_disk(fd: int, data: bytes) -> int:
        # Only the import's own files fill the disk: half of the third record goes in, then ENOSPC.
        if writing.TEMP_PREFIX not in os.readlink(f"/proc/self/fd/{fd}"):
            return real_write(fd, data)
        calls.append(fd)
        if len(calls) == 3:
            real_write(fd, bytes(data)[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(writing.os, "write", full_disk)
    result = CliRunner().invoke(main, ["--lang", "en", "import", str(source), "--config", str(project / "site_config.yml"),
                                       "--today", TODAY.isoformat()])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr == (
        "error: products/mai-son/SL-MS-0003.yml (row 4) could not be written: No space left on device. Nothing was "
        "imported: no record of this import was left in products/. Free some disk space or make the folder "
        "writable, then run the import again.\n")
    assert list((project / "products").rglob("*")) == []  # no record, no temporary file, no new folder

    monkeypatch.undo()  # the disk has room again: the same import writes all five
    again = CliRunner().invoke(main, ["--lang", "en", "import", str(source), "--config", str(project / "site_config.yml"),
                                      "--today", TODAY.isoformat()])
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in (project / "products/mai-son").iterdir()) == [
        f"SL-MS-000{i}.yml" for i in range(1, 6)]


@contextmanager
def _read_only(folder: Path) -> Iterator[Path]:
    """chmod for a user, the immutable attribute for root (who ignores chmod)."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)]).returncode:
            pytest.skip("root cannot make a read-only folder here (no chattr)")
        try:
            yield folder
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_read_only_folder_is_said_before_the_work(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text(CSV, encoding="utf-8")
    with _read_only(project / "products") as folder:
        result = CliRunner().invoke(main, ["--lang", "en", "import", str(source), "--config", str(project / "site_config.yml"),
                                           "--today", TODAY.isoformat()])
        assert list(folder.iterdir()) == []
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {folder}: nothing can be written in this folder (")
    assert "Traceback" not in result.output and result.stdout == ""  # no row was read or reported


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
@pytest.mark.parametrize("command", ["export", "report"])
def test_export_and_report_into_a_read_only_folder_are_refused_first(tmp_path: Path, command: str) -> None:
    (tmp_path / "out").mkdir()
    with _read_only(tmp_path / "out") as folder:
        out = folder / "ocop.xlsx"
        args = [str(out)] if command == "export" else ["--out", str(out)]
        result = CliRunner().invoke(main, ["--lang", "en", command, *args, "--config", str(ROOT / "site_config.yml"),
                                           "--today", TODAY.isoformat()])
        assert list(folder.iterdir()) == []
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"error: {folder}: nothing can be written in this folder (")


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_full_disk_leaves_the_previous_spreadsheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      command: str) -> None:
    out = tmp_path / "ocop.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    real_write_text = Path.write_text

    def full_disk(self: Path, data: str, *args, **kwargs) -> int:  # type: ignore[no-untyped-def]
        if self.parent != tmp_path:
            return real_write_text(self, data, *args, **kwargs)
        real_write_text(self, data[: len(data) // 2], *args, **kwargs)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_text", full_disk)
    args = [str(out)] if command == "export" else ["--out", str(out)]
    result = CliRunner().invoke(main, ["--lang", "en", command, *args, "--force", "--config", str(ROOT / "site_config.yml"),
                                       "--today", TODAY.isoformat()])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr == (f"error: {out}: could not be written (No space left on device); it was left as it was. "
                             "Free some disk space or choose another folder, then run the command again.\n")
    assert [p.name for p in tmp_path.iterdir()] == ["ocop.csv"]  # no half-written temporary file either
    assert out.read_text(encoding="utf-8") == "the previous export\n"
