"""`ntm run --scheduler`: the per-document stages as tasks on a Dask cluster give the same rows in every table as
the local process pool; a file that raises, hangs or kills its worker costs one error row and the run goes on."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from distributed import Client, WorkerPlugin

from ntm.cluster import local_cluster
from ntm.records import TABLES
from test_run_robustness import _misbehave, folder_of, run, table

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ["s02_bacquang_congvan_2024.txt", "s05_chodon_baocao_thon_2023.txt", "s07_chiemhoa_baocao_2022.docx",
          "s09_lucyen_baocao_2023.pdf"]


class Misbehave(WorkerPlugin):
    """On every worker, restarted ones too: hang*.txt hangs, die*.txt kills its worker."""

    def setup(self, worker) -> None:
        _misbehave(pytest.MonkeyPatch(), "hang and die")


@pytest.fixture(scope="module")
def cluster():
    with local_cluster(2) as local:
        with Client(local) as client:  # closed at once: the plugin stays with the scheduler, one client at a time
            client.register_plugin(Misbehave())
        yield local.scheduler_address


def rows_of(out: Path) -> dict[str, list[str]]:
    return {name: sorted(json.dumps(r, sort_keys=True, ensure_ascii=False, default=str)
                         for r in pq.read_table(out / f"{name}.parquet").to_pylist()) for name in TABLES}


def test_a_local_cluster_gives_the_rows_of_the_process_pool(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in SAMPLE:
        shutil.copy(PROJECT_ROOT / "data" / "raw" / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is no PDF at all\n")
    assert run([folder], tmp_path / "pool", "--workers", "2") == 1
    assert run([folder], tmp_path / "dask", "--workers", "2", "--scheduler", "local") == 1
    pool, dask_rows = rows_of(tmp_path / "pool"), rows_of(tmp_path / "dask")
    assert {name: len(rows) for name, rows in dask_rows.items()} == {name: len(rows) for name, rows in pool.items()}
    assert dask_rows == pool
    assert len(pool["units"]) > 0 and len(pool["errors"]) == 1


@pytest.mark.parametrize("bad, limit, error_class, words", [
    ("hang.txt", "3", "TimeoutError", "3-second limit (--file-timeout)"),
    ("die.txt", "60", "WorkerDied", "KilledWorker"),
])
def test_a_file_that_hangs_or_kills_its_worker_costs_only_itself(cluster, tmp_path, bad, limit, error_class, words):
    folder = folder_of(tmp_path, ["a.txt", bad, "b.txt", "c.txt", "d.txt"])
    assert run([folder], tmp_path / "out", "--scheduler", cluster, "--file-timeout", limit) == 1
    documents = {Path(d["source_file"]).name: d["status"] for d in table(tmp_path / "out", "documents")}
    assert documents == {"a.txt": "ok", "b.txt": "ok", "c.txt": "ok", "d.txt": "ok", bad: "error"}
    errors = table(tmp_path / "out", "errors")
    assert [(e["error_class"], e["stage"], e["path"]) for e in errors] == [(error_class, "run", str(folder / bad))]
    assert words in errors[0]["message"]


def test_the_cluster_keeps_the_cache_of_the_output_folder(cluster, tmp_path, capfd):
    folder = folder_of(tmp_path, ["a.txt", "b.txt"])
    assert run([folder], tmp_path / "out", "--scheduler", cluster) == 0
    (folder / "c.txt").write_text("UBND HUYỆN BẮC SƠN\n\nxã Vũ Lễ đạt 12/19 tiêu chí.\n", "utf-8")
    capfd.readouterr()
    assert run([folder], tmp_path / "out", "--scheduler", cluster) == 0
    assert "2 unchanged since the last run" in capfd.readouterr().out
    assert len(table(tmp_path / "out", "documents")) == 3


def test_a_scheduler_that_cannot_be_reached_fails_the_run(tmp_path, capfd, monkeypatch):
    monkeypatch.setattr("ntm.cluster.CONNECT_TIMEOUT", "1s")
    folder = folder_of(tmp_path, ["a.txt"])
    assert run([folder], tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9") == 3
    assert "could not reach the Dask scheduler" in capfd.readouterr().err
