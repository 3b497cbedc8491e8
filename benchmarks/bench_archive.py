#!/usr/bin/env python
"""Archive benchmark: `ntm run` over a generated archive of N notices, run three times into one output folder
(first run, unchanged re-run, one file changed), and the peak memory of the run's own process at each size.

    .venv/bin/python benchmarks/bench_archive.py                       # 1,000 and 10,000 documents
    .venv/bin/python benchmarks/bench_archive.py --sizes 200 1000 --workers 2 --keep /tmp/arch --json out.json

Documents: 500 district notices from benchmarks/notices.py (real districts and communes, our own wording),
each copied under new numbers and dates until the archive has N files, so every file has its own content and
costs a full read. Memory: the high-water mark (VmHWM) of the `ntm run` process and of its largest worker,
sampled from /proc while it runs. See benchmarks/README.md for the figures.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
BASE_NOTICES = 500


def build_archive(folder: Path, count: int, seed: int = 20240611) -> None:
    from ntm.normalize.register import load_register
    from notices import generate_notices
    base = [n.text for n in generate_notices(load_register(), BASE_NOTICES, seed)]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = base[i % len(base)]
        number = rng.randint(1, 999)
        text = text.replace("/TB-UBND", f"{i // len(base) or ''}{number}/TB-UBND", 1) if i >= len(base) else text
        sub = folder / f"{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"tb_{i:05d}.txt").write_text(text, "utf-8")


def _status_kb(pid: int, field: str = "VmHWM") -> int:
    """A memory figure of /proc/PID/status in kB: VmHWM (peak resident) or VmRSS (resident now)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    """Child processes started by any thread of `pid` (Dask starts its workers from its event-loop thread)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _descendants(pid: int) -> list[int]:
    """Children, their children... (a Dask nanny's worker too, not only pool workers)."""
    found = _children(pid)
    for child in list(found):
        found += _descendants(child)
    return found


def _children_cpu() -> float:
    """User + system CPU seconds of the finished children of this process (and of theirs, once waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(folder: Path, out: Path, workers: int, *extra: str) -> dict:
    """One `ntm run` in its own process: wall seconds, CPU seconds (it and its workers), peak memory (MB) of it,
    of its largest worker and of the whole process tree at once."""
    command = [sys.executable, "-m", "ntm.cli", "run", str(folder), "--out", str(out), "--workers", str(workers),
               "--aliases", str(out.parent / "none.csv"), *extra]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"main": 0, "worker": 0, "tree": 0}

    def sample():
        while proc.poll() is None:
            peak["main"] = max(peak["main"], _status_kb(proc.pid))
            workers = _descendants(proc.pid)
            for child in workers:
                peak["worker"] = max(peak["worker"], _status_kb(child))
            peak["tree"] = max(peak["tree"], sum(_status_kb(pid, "VmRSS") for pid in [proc.pid, *workers]))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ntm run failed ({proc.returncode}): {stderr[-2000:]}")
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 3), "main_mb": round(peak["main"] / 1024, 1),
            "worker_mb": round(peak["worker"] / 1024, 1), "tree_mb": round(peak["tree"] / 1024, 1),
            "summary": stdout.splitlines()[0] if stdout else "", "stdout": stdout}


def bench(size: int, workers: int, keep: Path | None) -> dict:
    base = keep or Path(tempfile.mkdtemp(prefix="ntm-archive-"))
    folder, out = base / f"archive-{size}", base / f"out-{size}"
    if not folder.exists():
        build_archive(folder, size)
    shutil.rmtree(out, ignore_errors=True)
    result = {"documents": size, "first": run(folder, out, workers), "unchanged": run(folder, out, workers)}
    victim = folder / "00" / "tb_00007.txt"
    victim.write_text(victim.read_text("utf-8") + "\nGhi chú: đã bổ sung.\n", "utf-8")
    result["one_changed"] = run(folder, out, workers)
    result["speedup_unchanged"] = round(result["first"]["seconds"] / result["unchanged"]["seconds"], 1)
    if keep is None:
        shutil.rmtree(base, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="keep archives and outputs here (and reuse archives)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = [bench(size, args.workers, args.keep) for size in args.sizes]
    print(f"{'documents':>10} {'first s':>9} {'unchanged s':>12} {'1 changed s':>12} {'speedup':>8} "
          f"{'main MB (1st/re)':>17} {'worker MB':>10}")
    for r in results:
        print(f"{r['documents']:>10,} {r['first']['seconds']:>9.1f} {r['unchanged']['seconds']:>12.1f} "
              f"{r['one_changed']['seconds']:>12.1f} {r['speedup_unchanged']:>7.1f}x "
              f"{r['first']['main_mb']:>8.0f}/{r['unchanged']['main_mb']:<8.0f} {r['first']['worker_mb']:>10.0f}")
    if len(results) >= 2:
        print(f"peak memory of the run at {results[-1]['documents']:,} / at {results[0]['documents']:,} documents: "
              f"{results[-1]['first']['main_mb'] / results[0]['first']['main_mb']:.2f}")
    if args.json:
        args.json.write_text(json.dumps({"machine": platform.platform(), "cpus": os.cpu_count(),
                                         "workers": args.workers, "results": results}, indent=1), "utf-8")


if __name__ == "__main__":
    main()
