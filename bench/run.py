"""Benchmark `ocop validate` and `ocop build` on synthetic catalogues, against a bare MkDocs build.

Usage: python bench/run.py [--sizes 3000,20000] [--out bench/out] [--skip-mkdocs] [--skip-payload] [--skip-serve]
                          [--share-image card|photo] [--seed 1]

For each size N: a fresh project is generated into <out>/N (bench/synth.py), then each step runs
as its own subprocess; its wall time, CPU time and peak memory (``os.wait4`` rusage of the child,
which on Linux includes the children it waited for) are recorded:

1. validate     `ocop validate --strict` (the synthetic records must be clean)
2. mkdocs_bare  `python -m mkdocs build -q` of N plain Markdown pages with Material, no plugins
3. build_cold   `ocop build` after deleting .cache/ and site/
4. publish      the publish workflow: no site/, .cache/ocop kept, the next day, --strict, --published
5. preview      one record's summary changed, `ocop build` into the same site, the same day
6. serve        `ocop serve`, three more records changed 5 s apart: from each save to its "Rebuilt" line (median)

After the cold build, bench/search_payload.py measures in Chromium the bytes a first-time visitor
downloads for one search ("ca phe"); `--skip-payload` skips it.

Prints a Markdown table and ratios, and merges the figures into <out>/results.json (keyed by N).
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402
from sitesize import site_report  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TODAY = synth.TODAY.isoformat()
TOMORROW = (synth.TODAY + timedelta(days=1)).isoformat()  # the publish workflow's next morning
_venv_bin = REPO / ".venv" / "bin"
BIN = _venv_bin if (_venv_bin / "python").exists() else Path(sys.executable).parent
PYTHON = str(BIN / "python") if (BIN / "python").exists() else sys.executable
OCOP = [str(BIN / "ocop")] if (BIN / "ocop").exists() else [PYTHON, "-m", "generator"]
# The command speaks Vietnamese by default; its timing line and serve's lines are read in English.
ENV = {**os.environ, "OCOP_LANG": "en"}


# ---------------------------------------------------------------------------------------------
# Measuring


_trash: list[Path] = []  # trees the script replaced, deleted only after the last timed step


def delete(path: Path) -> None:
    """Put a tree the script made out of the way now; it is deleted at the end (``empty_trash``).

    ext4 without a journal (this machine's disk) avoids reusing an inode freed in the last 60 s
    (6 minutes while its inode table block is unwritten): every new file first looks past each
    such inode, under a lock the processes creating files fight over. Deleting the previous
    2 GB site (150,000 files) just before the cold build made that build pay for the deletion:
    `perf` showed a fifth of its CPU time in `recently_deleted` and the inode search, which the
    baseline, run long after any deletion, never paid, and a build on a fresh CI checkout does
    not pay either. A rename frees no inode."""
    if path.exists():
        trash = path.parent / f".bench-trash-{os.getpid()}-{len(_trash)}"
        path.rename(trash)
        _trash.append(trash)


def empty_trash(out: Path) -> None:
    """Delete what ``delete`` put aside, and what a killed run left; note when (``settle``)."""
    trees = [*_trash, *out.glob(".bench-trash-*"), *out.glob("*/.bench-trash-*")]
    for trash in trees:
        shutil.rmtree(trash, ignore_errors=True)
    _trash.clear()
    if trees:
        for marker in (out / DELETED_AT, MACHINE_DELETED_AT):  # the second for a run into another --out
            marker.write_text(f"{time.time():.0f}\n", encoding="utf-8")


DELETED_AT = ".deleted-at"
MACHINE_DELETED_AT = Path(tempfile.gettempdir()) / "ocop-bench-deleted-at"
SETTLE_S = 360  # ext4 without a journal: a freed inode counts as recent for up to 6 minutes


def settle(out: Path) -> None:
    """Wait until the trees the previous run deleted no longer slow down creating files (see
    ``delete``): a run started right after another would otherwise time its cold build against
    that deletion, which no real build pays."""
    times = []
    for marker in (out / DELETED_AT, MACHINE_DELETED_AT):
        try:
            times.append(float(marker.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    if not times:
        return
    since = time.time() - max(times)
    if since < SETTLE_S:
        wait = SETTLE_S - since
        print(f"Waiting {wait:.0f} s: the previous run deleted its files {since:.0f} s ago, and on this file system "
              f"new files are slow to make for {SETTLE_S // 60} minutes after a deletion (bench/README.md).", flush=True)
        time.sleep(wait)


def run_step(cmd: list[str], log: Path, cwd: Path | None = None) -> dict:
    """Run ``cmd`` to completion; wall time, CPU time and peak RSS from the child's rusage."""
    log.parent.mkdir(parents=True, exist_ok=True)
    # Flush what earlier steps left for the disk (a deleted 2 GB site, a written one) so that a
    # step does not pay for the one before it: on a virtual disk that can double a build's time.
    os.sync()
    load_before = os.getloadavg()[0]
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
    return {
        "cmd": " ".join(cmd),
        "rc": proc.returncode,
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "user_s": round(usage.ru_utime, 3),
        "sys_s": round(usage.ru_stime, 3),  # the kernel's share: mostly making files
        "peak_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: kilobytes
        # 1-minute load average before and after: well above what the step itself explains
        # means something else was running and the wall time is pessimistic.
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "log": str(log),
    }


def tree_size(path: Path) -> tuple[int, int]:
    """(bytes, files) like `du -sb`: apparent sizes, directories included, hard links once."""
    if not path.exists():
        return 0, 0
    seen: set[tuple[int, int]] = set()
    total = files = 0
    stack = [path]
    while stack:
        with os.scandir(stack.pop()) as it:
            for entry in it:
                st = entry.stat(follow_symlinks=False)
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                    total += st.st_size
                    continue
                files += 1
                key = (st.st_dev, st.st_ino)
                if st.st_nlink > 1:
                    if key in seen:
                        continue
                    seen.add(key)
                total += st.st_size
    total += path.stat().st_size
    return total, files


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def build_phases(log: Path) -> dict[str, float]:
    """The build's own timing line: 'Built N products into X (validate 1.2s, pages 0.4s, …).'"""
    m = re.search(r"^Built \d+ products into .* \((.*)\)\.\s*$", tail(log, 200), re.M)
    if not m:
        return {}
    return {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)s", m.group(1))}


# ---------------------------------------------------------------------------------------------
# The bare MkDocs baseline


BARE_PAGE = """# Sản phẩm mẫu số {i}

Sản phẩm mẫu số {i} được sản xuất tại bản {ban}, {commune}. Nguyên liệu thu mua theo hợp đồng
liên kết với các hộ trong bản; quy trình có nhật ký ghi chép và tem truy xuất nguồn gốc.

| Thông tin | Giá trị |
|---|---|
| Mã sản phẩm | BENCH-{i:05d} |
| Nhóm | Thực phẩm |
| Số sao | {stars} |
| Hiệu lực đến | 2027-06-15 |

- Chủ thể: HTX Nông nghiệp và Dịch vụ {ban}
- Điểm bán: Điểm bán OCOP Sơn La, số 1 đường Tô Hiệu
- Liên hệ: 0212 384 {phone:03d}

Đóng gói túi 250 g và 500 g; bán lẻ và theo đơn đặt hàng.
"""

BARE_MKDOCS = """site_name: "Bare Material benchmark"
site_url: "https://bench.example.org/"
theme:
  name: material
  language: vi
  font: false
plugins: []
markdown_extensions: [toc, tables]
nav:
  - index.md
not_in_nav: |
  /p/
"""


def write_bare_project(root: Path, n: int) -> None:
    delete(root)
    docs = root / "docs"
    (docs / "p").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(BARE_MKDOCS, encoding="utf-8")
    (docs / "index.md").write_text(f"# Trang chủ\n\n{n} trang sản phẩm mẫu, không có trong mục lục.\n",
                                   encoding="utf-8")
    bans = synth.BANS
    for i in range(1, n + 1):
        text = BARE_PAGE.format(i=i, ban=bans[i % len(bans)], commune="xã Chiềng Ban, huyện Mai Sơn",
                                stars="★" * (3 + i % 3), phone=i % 1000)
        (docs / "p" / f"bench-{i:05d}.md").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# One size


def change_one_summary(project: Path, which: int = 0) -> Path:
    record = sorted((project / "products").glob("*/*.yml"))[which]
    text = record.read_text(encoding="utf-8")
    changed = re.sub(r'^summary: "(.*?)\.?"$', r'summary: "\1, đã cập nhật."', text, count=1, flags=re.M)
    assert changed != text, record
    record.write_text(changed, encoding="utf-8")
    return record


def measure_serve(project: Path, cfg: str, today: str, log: Path, timeout: float = 600, edits: int = 3,
                  reading: float = 5.0) -> dict:
    """`ocop serve` as a steward runs it: start it (its first build, into the existing site), then
    ``edits`` times: edit one record, time from the save to the preview's "Rebuilt" line (watchdog's
    notice, the quiet wait for the editor to finish saving, the rebuild in serve's builder
    process), and read the page for ``reading`` seconds. The figure is the median: the first
    edit also pays for the deletion of the preview step's old site just before (see ``delete``)."""
    import socket
    import statistics
    import threading

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [*OCOP, "serve", "--config", cfg, "--today", today, "--port", str(port)]
    lines: list[tuple[float, str]] = []
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=project,
                            env={**ENV, "PYTHONUNBUFFERED": "1"})  # its lines as they are printed

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append((time.perf_counter(), line))
    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def wait_for(text: str, after: int) -> tuple[float, int] | None:
        while time.perf_counter() - start < timeout and proc.poll() is None:
            for i in range(after, len(lines)):
                if text in lines[i][1]:
                    return lines[i][0], i + 1
            time.sleep(0.02)
        return None
    result: dict = {"cmd": " ".join(cmd), "log": str(log), "load_before": round(os.getloadavg()[0], 2)}
    try:
        ready = wait_for("Serving the catalogue", 0)
        if ready is None:
            result["error"] = "serve did not start"
            return result
        result["first_build_s"] = round(ready[0] - start, 2)
        after, times, changed = ready[1], [], []
        for k in range(edits):
            time.sleep(reading)
            saved = time.perf_counter()
            changed.append(str(change_one_summary(project, 1 + k).relative_to(project)))
            rebuilt = wait_for("Rebuilt", after)
            if rebuilt is None:
                result["error"] = f"no rebuild seen after edit {k + 1}"
                break
            times.append(round(rebuilt[0] - saved, 2))
            after = rebuilt[1]
        result.update(changed=changed, edits_s=times, load_after=round(os.getloadavg()[0], 2))
        if times:
            result["edit_to_rebuilt_s"] = round(statistics.median(times), 2)
    finally:
        proc.send_signal(signal.SIGINT)  # Ctrl+C, as a steward stops it (it deletes the sites it set aside)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        reader.join(5)
        log.write_text("".join(line for _, line in lines), encoding="utf-8")
    return result


# ---------------------------------------------------------------------------------------------
# What the site weighs


# ---------------------------------------------------------------------------------------------
# Lines of build machinery

MACHINERY = ("generator/build.py", "generator/publish.py", "generator/checkcache.py", "generator/markdown.py",
             "generator/processes.py")
MACHINERY_BEFORE = "95d003c"  # before #21: in-place publish with an undo log, pickle caches, helpers


def machinery_lines() -> dict:
    def count(text: str) -> int:
        return len(text.splitlines())
    now = {f: count((REPO / f).read_text(encoding="utf-8")) if (REPO / f).exists() else 0 for f in MACHINERY}
    before = {}
    for f in MACHINERY:
        shown = subprocess.run(["git", "show", f"{MACHINERY_BEFORE}:{f}"], cwd=REPO, capture_output=True, text=True)
        before[f] = count(shown.stdout) if shown.returncode == 0 else 0
    return {"commit_before": MACHINERY_BEFORE, "before": before, "now": now,
            "total_before": sum(before.values()), "total_now": sum(now.values())}


# ---------------------------------------------------------------------------------------------
# One size


def bench_size(n: int, out: Path, seed: int, skip_mkdocs: bool, skip_payload: bool = False,
               share_image: str | None = None, serve: bool = True) -> dict:
    project = out / str(n)
    delete(project)
    start = time.perf_counter()
    written = synth.generate(project, n, seed)
    ids = {p.stem for p in written}
    result: dict = {"n": n, "seed": seed, "generate_s": round(time.perf_counter() - start, 3), "steps": {},
                    "share_image": share_image or "default"}
    cfg = str(project / "site_config.yml")
    if share_image:
        text = Path(cfg).read_text(encoding="utf-8")
        Path(cfg).write_text(text.replace("\nsite:\n", f"\nsite:\n  share_image: {share_image}\n", 1), encoding="utf-8")
    site = project / "site"
    logs = project / "logs"
    steps = result["steps"]

    def report(name: str, step: dict) -> bool:
        steps[name] = step
        ok = step["rc"] == 0
        print(f"  {name}: {step['wall_s']:.2f}s wall, {step['cpu_s']:.2f}s CPU ({step['sys_s']:.1f} system), "
              f"peak {step['peak_mb']:.0f} MB, "
              f"load {step['load_before']:.1f}->{step['load_after']:.1f}" + ("" if ok else f", FAILED rc={step['rc']}"),
              flush=True)
        if not ok:
            print(f"  $ {step['cmd']}\n  --- last 30 lines of {step['log']} ---\n{tail(Path(step['log']))}\n  ---", flush=True)
        return ok

    print(f"N={n}: generated {n} records in {result['generate_s']:.1f}s", flush=True)
    report("validate", run_step([*OCOP, "validate", "--strict", "--config", cfg, "--today", TODAY],
                                logs / "validate.log"))

    # The baseline right before the cold build: this virtual machine's speed drifts by a tenth or
    # more over minutes, and the ratio of the two should not measure that drift.
    if not skip_mkdocs:
        bare = project / "bare-mkdocs"
        write_bare_project(bare, n)
        if report("mkdocs_bare", run_step([PYTHON, "-m", "mkdocs", "build", "-q"], logs / "mkdocs_bare.log", cwd=bare)):
            size, count = tree_size(bare / "site")
            steps["mkdocs_bare"].update(output_bytes=size, output_files=count)

    delete(project / ".cache")
    delete(site)
    build = [*OCOP, "build", "--config", cfg, "--out", str(site)]
    if report("build_cold", run_step([*build, "--today", TODAY], logs / "build_cold.log")):
        steps["build_cold"]["phases"] = build_phases(logs / "build_cold.log")
        result["site"] = site_report(site, ids, n)
        steps["build_cold"]["cache_bytes"] = tree_size(project / ".cache")[0]
        if not skip_payload:
            result["search_payload"] = first_query(site, logs / "search_payload.log")

        # The publish workflow, as every morning: a fresh checkout (no site/), .cache/ocop as
        # actions/cache restores it (the whole folder the previous run saved), the next day,
        # --strict, permanence judged against the live site's manifest (here the previous site's).
        manifest = logs / "manifest.json"
        shutil.copyfile(site / "api" / "manifest.json", manifest)
        delete(site)
        publish = [*build, "--today", TOMORROW, "--strict", "--published", str(manifest)]
        if report("publish", run_step(publish, logs / "publish.log")):
            steps["publish"]["phases"] = build_phases(logs / "publish.log")

            # A steward's preview: one record edited, `ocop build` again into the same site, the
            # same day (what `ocop serve` runs on every save, without its file watching).
            result["preview_changed"] = str(change_one_summary(project).relative_to(project))
            if report("preview", run_step([*build, "--today", TOMORROW], logs / "preview.log")):
                steps["preview"]["phases"] = build_phases(logs / "preview.log")
                if serve:
                    result["serve"] = measure_serve(project, cfg, TOMORROW, logs / "serve.log")
                    print(f"  serve: {result['serve']}", flush=True)

    ratios = {}
    wall = {k: v["wall_s"] for k, v in steps.items() if v["rc"] == 0}
    for name in ("build_cold", "publish", "preview"):
        if name in wall and "mkdocs_bare" in wall:
            ratios[f"{name}_over_bare"] = round(wall[name] / wall["mkdocs_bare"], 2)
    if "build_cold" in wall:
        ratios["cold_build_ms_per_product"] = round(wall["build_cold"] / n * 1000, 2)
    result["ratios"] = ratios
    return result


def first_query(site: Path, log: Path) -> dict:
    """Bytes a first-time visitor downloads for one search (bench/search_payload.py, in Chromium)."""
    command = [PYTHON, str(REPO / "bench" / "search_payload.py"), str(site)]
    done = subprocess.run(command, capture_output=True, text=True)
    log.write_text(done.stdout + done.stderr, encoding="utf-8")
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout)


# ---------------------------------------------------------------------------------------------
# Output


TARGETS = {"build_cold_over_bare": 1.0, "publish_over_bare": 0.6}  # issue #21, at 20,000 products
BUDGET = {"bytes": 1_000_000_000, "entries": 200_000}  # GitLab Pages' limits; GitHub's 1 GB is compressed


def table(results: list[dict], machinery: dict | None = None) -> str:
    rows = ["| step | N | wall s | CPU s | peak MB |", "|---|---:|---:|---:|---:|"]
    for r in results:
        for name, s in r["steps"].items():
            wall = f"{s['wall_s']:.2f}" + ("" if s["rc"] == 0 else " (FAILED)")
            rows.append(f"| {name} | {r['n']} | {wall} | {s['cpu_s']:.2f} | {s['peak_mb']:.0f} |")
    lines = ["\n".join(rows), ""]
    for r in results:
        ratio = ", ".join(f"{k} = {v}" for k, v in r["ratios"].items())
        lines.append(f"- N={r['n']} (share_image: {r.get('share_image', 'default')}): "
                     f"{ratio or 'no ratios (a step failed or was skipped)'}")
        for name in ("build_cold", "publish", "preview"):
            phases = r["steps"].get(name, {}).get("phases")
            if phases:
                lines.append(f"  - {name} phases (s): " + ", ".join(f"{k} {v}" for k, v in phases.items()))
        serve = r.get("serve") or {}
        if "edit_to_rebuilt_s" in serve:
            lines.append(f"  - ocop serve: a saved edit is rebuilt {serve['edit_to_rebuilt_s']} s later (median of "
                         f"{serve.get('edits_s')}; its first build {serve['first_build_s']} s)")
        elif serve:
            lines.append(f"  - ocop serve: not measured ({serve.get('error')})")
        site = r.get("site")
        if site:
            n = r["n"]
            lines.append(f"  - site: {site['bytes'] / 1e6:.1f} MB in {site['entries']} entries "
                         f"({site['files']} files, {site['folders']} folders): {site['bytes_per_product'] / 1000:.1f} KB "
                         f"and {site['entries_per_product']} entries per product; at 20,000 products "
                         f"{site['bytes'] / n * 20000 / 1e9:.2f} GB, {round(site['entries'] / n * 20000)} entries "
                         f"(budget {BUDGET['bytes'] / 1e9:.0f} GB, {BUDGET['entries']}); compressed artifact about "
                         f"{site['gzip_bytes'] / 1e6:.0f} MB; asset cache {r['steps']['build_cold'].get('cache_bytes', 0) / 1e6:.0f} MB")
            lines.append("  - by kind (KB per product, entries per product): " + "; ".join(
                f"{kind} {k['bytes'] / n / 1000:.1f}, {k['entries'] / n:.2f}"
                for kind, k in site["kinds"].items() if k["bytes"] / n >= 100 or k["entries"] / n >= 0.05))
        payload = r.get("search_payload") or {}
        if "gzip_bytes" in payload:
            lines.append(f"  - first search query \"{payload['query']}\" in Chromium, fresh visitor: "
                         f"{payload['gzip_bytes'] / 1000:.1f} KB gzip ({payload['raw_bytes'] / 1000:.1f} KB raw), "
                         f"{payload['requests']} requests, {payload['results_shown']} results shown")
        elif payload:
            lines.append(f"  - first search query: not measured ({payload.get('error')})")
    if machinery:
        lines.append(f"- lines of build machinery ({', '.join(Path(f).name for f in MACHINERY)}): "
                     f"{machinery['total_now']} now, {machinery['total_before']} at {machinery['commit_before']} ("
                     + ", ".join(f"{Path(f).name} {machinery['before'][f]}→{machinery['now'][f]}" for f in MACHINERY) + ")")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="3000,20000", help="comma-separated record counts")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-mkdocs", action="store_true", help="skip the bare MkDocs baseline")
    parser.add_argument("--share-image", choices=("card", "photo"), default=None,
                        help="site.share_image for the synthetic site (default: the configuration's default)")
    parser.add_argument("--skip-serve", action="store_true", help="skip timing an edit under `ocop serve`")
    parser.add_argument("--skip-payload", action="store_true",
                        help="skip measuring the first search query in Chromium (bench/search_payload.py)")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    settle(out)
    try:
        results = [bench_size(n, out, args.seed, args.skip_mkdocs, args.skip_payload, args.share_image,
                              serve=not args.skip_serve) for n in sizes]
    finally:
        empty_trash(out)
    machinery = machinery_lines()
    print()
    print(table(results, machinery))

    path = out / "results.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(stored.get("runs"), dict)
    except (OSError, ValueError, AssertionError, AttributeError):
        stored = {"runs": {}}
    for r in results:
        r["when"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        stored["runs"][str(r["n"])] = r
    stored["machinery_lines"] = machinery
    stored["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(),
                         "platform": platform.platform(), "today": TODAY}
    path.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nResults: {path}")
    return 0 if all(s["rc"] == 0 for r in results for s in r["steps"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
