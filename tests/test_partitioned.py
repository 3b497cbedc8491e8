"""`ntm run --partition`: each table a hive-partitioned dataset by its document's keys, read back as the same rows
as the plain tables; a new batch adds files and never touches the earlier ones; the same input again adds nothing."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from ntm.partition import PREFIX, open_dataset
from ntm.records import TABLES
from ntm.schema import column_name
from ntm.store import table_paths
from test_run_robustness import run

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
BATCH_1 = ["s01_dinhhoa_thongbao_2023.txt", "s03_concuong_baocao_2019.txt"]
BATCH_2 = ["s04_duyxuyen_kehoach_2024.txt", "s06_mytu_baocao_2023.txt"]


def folder(tmp_path: Path, name: str, files: list[str]) -> Path:
    path = tmp_path / name
    path.mkdir()
    for file in files:
        shutil.copy(RAW / file, path / file)
    return path


def rows(table, columns: list[str]) -> list[str]:
    return sorted(json.dumps({c: r[c] for c in columns}, sort_keys=True, ensure_ascii=False, default=str)
                  for r in table.to_pylist())


def files_of(out: Path) -> dict[str, tuple[str, int]]:
    """Every data file of the dataset: its content hash and modification time."""
    return {str(p.relative_to(out)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for name in TABLES if name != "name_variants" for p in (out / name).rglob("*.parquet")}


@pytest.mark.parametrize("keys", ["province,year", "district", "year,province"])
def test_the_partitioned_dataset_reads_back_as_the_plain_tables(tmp_path, keys):
    inputs = folder(tmp_path, "in", BATCH_1 + BATCH_2)
    assert run([inputs], tmp_path / "plain") == 0
    assert run([inputs], tmp_path / "parts", "--partition", keys) == 0
    located = table_paths(tmp_path / "parts")
    assert sorted(located) == sorted(TABLES) and all(path.is_dir() for path in located.values())
    for name in TABLES:
        plain = pq.read_table(tmp_path / "plain" / f"{name}.parquet")
        parted = open_dataset(located[name]).to_table()
        assert rows(parted, plain.column_names) == rows(plain, plain.column_names), name
    units = pd.read_parquet(located["units"])  # pandas (pyarrow) reads the folder as one table, hive keys as columns
    assert len(units) == pq.read_metadata(tmp_path / "plain" / "units.parquet").num_rows
    assert {PREFIX + key for key in keys.split(",")} <= set(units.columns)


def test_a_second_batch_appends_without_touching_the_first(tmp_path):
    out = tmp_path / "out"
    assert run([folder(tmp_path, "one", BATCH_1)], out, "--partition", "province,year") == 0
    first = files_of(out)
    assert run([folder(tmp_path, "two", BATCH_2)], out, "--partition", "province,year") == 0
    second = files_of(out)
    assert {path: second[path] for path in first} == first  # the same files, same bytes, same times
    assert len(second) > len(first)
    documents = open_dataset(out / "documents").to_table().to_pylist()
    assert sorted(Path(d["source_file"]).name for d in documents) == sorted(BATCH_1 + BATCH_2)
    assert len(json.loads((out / "manifest.json").read_text())["batches"]) == 2


def test_the_same_input_again_adds_no_rows(tmp_path):
    out, inputs = tmp_path / "out", folder(tmp_path, "in", BATCH_1)
    assert run([inputs], out, "--partition", "province,year") == 0
    before = {name: open_dataset(out / name).count_rows() for name in TABLES}
    assert run([inputs], out, "--partition", "province,year", "--rebuild") == 0
    assert {name: open_dataset(out / name).count_rows() for name in TABLES} == before


def test_a_document_without_the_key_goes_to_the_null_partition(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "note.txt").write_text("Ghi chú: xã Vũ Lễ đạt 12/19 tiêu chí nông thôn mới.\n", "utf-8")
    assert run([inputs], tmp_path / "out", "--partition", "year") == 0
    assert [p.name for p in (tmp_path / "out" / "documents").iterdir()] == [f"{PREFIX}year=__HIVE_DEFAULT_PARTITION__"]
    assert open_dataset(tmp_path / "out" / "documents").to_table().column(f"{PREFIX}year").to_pylist() == [None]


def test_another_partitioning_into_the_same_output_is_refused(tmp_path, capfd):
    inputs = folder(tmp_path, "in", BATCH_1)
    assert run([inputs], tmp_path / "out", "--partition", "province") == 0
    assert run([inputs], tmp_path / "out", "--partition", "year") == 2
    assert "partitioned by province" in capfd.readouterr().err


@pytest.mark.parametrize("name", list(TABLES))
def test_no_table_has_a_column_named_like_a_partition_key(name):
    assert not [column_name(f) for f in dataclasses.fields(TABLES[name]) if column_name(f).startswith(PREFIX)]


def test_folders_are_named_by_the_plain_value_and_a_later_batch_joins_its_partition(tmp_path):
    out = tmp_path / "out"
    assert run([folder(tmp_path, "one", BATCH_1)], out, "--partition", "province,year") == 0
    first = files_of(out)
    later = tmp_path / "two"
    later.mkdir()
    # another report about the same province and year: the same partition as a document of the first batch
    (later / "again.txt").write_text((RAW / BATCH_1[0]).read_text("utf-8") + "\nNơi nhận: Lưu VT.\n", "utf-8")
    assert run([later], out, "--partition", "province,year") == 0
    partition = out / "units" / f"{PREFIX}province=Thái Nguyên" / f"{PREFIX}year=2023"
    assert len(list(partition.glob("*.parquet"))) == 2
    assert not [p for p in (out / "units").rglob("*") if "%" in p.name]
    assert {path: files_of(out)[path] for path in first} == first
    assert len(pd.read_parquet(out / "documents")) == 3


def _read_with(reader: str, dataset: Path):
    if reader == "polars":
        import polars as pl
        return pl.scan_parquet(str(dataset / "**" / "*.parquet"), hive_partitioning=True).collect().to_dicts()
    if reader == "duckdb":
        import duckdb
        relation = duckdb.sql(f"SELECT * FROM read_parquet('{dataset}/**/*.parquet', hive_partitioning = true)")
        return [dict(zip(relation.columns, row)) for row in relation.fetchall()]
    return pd.read_parquet(dataset).to_dict("records")


@pytest.mark.parametrize("reader", ["pandas", "polars", "duckdb"])
def test_every_reader_gets_the_plain_tables_rows(tmp_path, reader):
    inputs = folder(tmp_path, "in", BATCH_1 + BATCH_2)
    assert run([inputs], tmp_path / "plain") == 0
    assert run([inputs], tmp_path / "parts", "--partition", "province,year") == 0
    for name in ("documents", "units", "criteria_status", "funding"):
        plain = pq.read_table(tmp_path / "plain" / f"{name}.parquet").to_pylist()
        read = _read_with(reader, tmp_path / "parts" / name)
        assert sorted(r["doc_id"] for r in read) == sorted(r["doc_id"] for r in plain), name
        if name == "documents":
            assert {(r["doc_id"], r[f"{PREFIX}province"], r[f"{PREFIX}year"]) for r in read} == \
                   {(r["doc_id"], r["province"], r["issue_year"]) for r in plain}
