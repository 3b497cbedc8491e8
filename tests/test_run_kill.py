"""kill -9 never leaves a mixed table set: after a run killed at any moment, OUT holds the previous run's tables
or the new run's, all from one run; the next run cleans up and succeeds. A lock dies with its process."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

from ntm.records import TABLES

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RAW = PROJECT_ROOT / "data" / "raw"
ENV = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}

# runs `ntm run`, killing itself with SIGKILL at the Nth os.replace (NTH=0: never)
KILLED_AT_REPLACE = """
import os, sys
from ntm import cli
nth, calls, real = int(sys.argv[1]), [0], os.replace
def replace(*args, **kwargs):
    calls[0] += 1
    if calls[0] == nth:
        os.kill(os.getpid(), 9)
    return real(*args, **kwargs)
os.replace = replace
code = cli.main(sys.argv[2:])
print("replaces", calls[0])
sys.exit(code)
"""


def _inputs(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    files = sorted(p for p in RAW.iterdir() if p.suffix in (".txt", ".docx"))
    for p in files[:3]:
        (a / p.name).write_bytes(p.read_bytes())
    for p in files[3:6]:
        (b / p.name).write_bytes(p.read_bytes())
    return a, b


def _args(folder: Path, out: Path) -> list[str]:
    return ["run", str(folder), "--out", str(out), "--workers", "2", "--aliases", str(out.parent / "none.csv")]


def _table_set(out: Path) -> tuple[str, frozenset[str]] | None:
    """(the run every table was written by, the documents' files), or None before any complete run."""
    if not (out / "documents.parquet").exists():
        assert not any((out / f"{name}.parquet").exists() for name in TABLES), "a partial table set"
        return None
    runs = {json.loads(pq.read_schema(out / f"{name}.parquet").metadata[b"ntm_run"])["run_id"] for name in TABLES}
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert runs == {manifest["run_id"]}, f"tables from several runs: {runs}"
    files = frozenset(Path(d["source_file"]).parent.name for d in pq.read_table(out / "documents.parquet").to_pylist())
    return manifest["run_id"], files


def test_killed_at_every_step_of_the_commit_the_output_is_old_or_new(tmp_path):
    a, b = _inputs(tmp_path)
    out = tmp_path / "out"
    clean = subprocess.run([sys.executable, "-c", KILLED_AT_REPLACE, "0", *_args(a, out)], env=ENV,
                           capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0, clean.stderr
    assert _table_set(out)[1] == {"a"}
    sets = {"a": _table_set(out)[0]}
    # a run over the other folder makes (3 cache entries, the index, the switch) replaces: kill at each
    folder = b
    for nth in range(1, 7):
        before = _table_set(out)
        proc = subprocess.run([sys.executable, "-c", KILLED_AT_REPLACE, str(nth), *_args(folder, out)], env=ENV,
                              capture_output=True, text=True, timeout=120)
        after = _table_set(out)
        assert after in (before, None) or after[1] == {folder.name}, (nth, before, after)
        if proc.returncode == -signal.SIGKILL:
            assert after == before, f"killed at replace {nth}, the tables changed"
        else:
            assert proc.returncode == 0, proc.stderr
            sets[folder.name] = after[0]
            folder = a if folder == b else b
    assert len(sets) == 2  # the loop got past the kills to complete runs
    assert len(list((out / ".ntm" / "versions").iterdir())) == 1


def test_killed_at_random_moments_the_output_is_old_or_new(tmp_path):
    a, b = _inputs(tmp_path)
    out = tmp_path / "out"
    rng = random.Random(20240611)
    subprocess.run([sys.executable, "-m", "ntm.cli", *_args(a, out), "--rebuild"], env=ENV, check=True,
                   capture_output=True, timeout=120)
    known = {_table_set(out)}
    for round_ in range(5):
        folder = b if round_ % 2 == 0 else a
        proc = subprocess.Popen([sys.executable, "-m", "ntm.cli", *_args(folder, out), "--rebuild"], env=ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.5, 4.0))
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers
        proc.wait()
        state = _table_set(out)
        assert state in known or state[1] in ({"a"}, {"b"}), state
        known.add(state)
    done = subprocess.run([sys.executable, "-m", "ntm.cli", *_args(b, out)], env=ENV, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _table_set(out)[1] == {"b"}
    assert len(list((out / ".ntm" / "versions").iterdir())) == 1
    assert not list((out / ".ntm").glob("work-*")) and not list(out.glob(".*tmp")) and not list(out.glob(".*link"))


def test_a_concurrent_run_is_refused_and_a_killed_holder_frees_the_folder(tmp_path):
    a, _ = _inputs(tmp_path)
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from ntm.store import OutputFolder\n"
                               "with OutputFolder(Path(sys.argv[1])):\n print('held', flush=True); time.sleep(120)",
                               str(out)], env=ENV, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        second = subprocess.run([sys.executable, "-m", "ntm.cli", *_args(a, out)], env=ENV, capture_output=True,
                                text=True, timeout=120)
        assert second.returncode == 3
        assert f"another run is writing to {out} (pid {holder.pid}" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        holder.kill()
        holder.wait()
    third = subprocess.run([sys.executable, "-m", "ntm.cli", *_args(a, out)], env=ENV, capture_output=True,
                           text=True, timeout=120)
    assert third.returncode == 0, third.stderr
