"""Columns a researcher queries without reshaping: SQL-safe names, DATE columns beside the text at the document's
precision, the unit's code and district on fact rows, the cited-document graph and unit_progress."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ntm.cli import main
from ntm.extract.criteria_sets import choose_set
from ntm.normalize.derived import due_range
from ntm.pipeline import process_file


@pytest.mark.parametrize("due_date, first, last", [
    ("2023-12-15", "2023-12-15", "2023-12-15"),
    ("2020-06", "2020-06-01", "2020-06-30"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2024-Q3", "2024-07-01", "2024-09-30"),
    ("2024-Q4", "2024-10-01", "2024-12-31"),
    ("2020", "2020-01-01", "2020-12-31"),
    (None, None, None),
])
def test_a_deadline_covers_the_days_of_its_precision(due_date, first, last):
    assert due_range(due_date) == (first, last)


PLAN = """ỦY BAN NHÂN DÂN
HUYỆN ĐỊNH HÓA

Số: 18/KH-UBND

Định Hóa, ngày 18 tháng 01 năm 2023

KẾ HOẠCH

Xây dựng nông thôn mới năm 2023

Phấn đấu xã Phú Đình đạt chuẩn nông thôn mới trước ngày 15/12/2023.
Các xã báo cáo kết quả trong quý III/2023.
"""

REPORT = """ỦY BAN NHÂN DÂN
HUYỆN ĐỊNH HÓA

Số: 412/BC-UBND

Định Hóa, ngày 20 tháng 11 năm 2023

BÁO CÁO

Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2023

Thực hiện Kế hoạch số 18/KH-UBND ngày 18/01/2023 của UBND huyện và Quyết định số 318/QĐ-UBND ngày 02/3/2022
của UBND tỉnh, UBND huyện báo cáo như sau:
Xã Phú Đình đạt 17/19 tiêu chí, còn 02 tiêu chí chưa đạt là tiêu chí số 13 và tiêu chí số 17.
Bình quân toàn huyện đạt 16,5 tiêu chí/xã.
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("derived")
    (root / "in").mkdir()
    (root / "in" / "plan.txt").write_text(PLAN, "utf-8")
    (root / "in" / "report.txt").write_text(REPORT, "utf-8")
    assert main(["run", str(root / "in"), "--out", str(root / "out"), "--workers", "1"]) == 0
    return root / "out"


def table(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def test_a_reference_to_a_document_of_the_run_carries_its_doc_id(run):
    documents = {Path(d["source_file"]).name: d["doc_id"] for d in table(run, "documents")}
    cited = {r["symbol"]: r["cited_doc_id"] for r in table(run, "references") if r["doc_id"] == documents["report.txt"]}
    assert cited == {"18/KH-UBND": documents["plan.txt"], "318/QĐ-UBND": None}


def test_no_column_is_named_after_a_sql_keyword(run):
    keywords = {"start", "end", "table", "row", "column", "order", "group"}
    for path in run.glob("*.parquet"):
        assert not keywords & set(pq.read_schema(path).names), path.name
    assert {"span_start", "span_end", "table_index", "row_index", "column_index"} <= set(pq.read_schema(run / "blocks.parquet").names)


@pytest.mark.parametrize("name, columns", [
    ("documents", ["issue_date", "inspection_start", "inspection_end"]),
    ("deadlines", ["due_from", "due_to"]),
    ("references", ["date_value"]),
    ("unit_progress", ["doc_date"]),
])
def test_dates_are_written_as_dates(run, name, columns):
    schema = pq.read_schema(run / f"{name}.parquet")
    assert all(schema.field(c).type == pa.date32() for c in columns)


def test_deadlines_and_documents_dates(run):
    documents = {Path(d["source_file"]).name: d for d in table(run, "documents")}
    assert str(documents["plan.txt"]["issue_date"]) == "2023-01-18"
    plan = documents["plan.txt"]["doc_id"]
    ranges = {r["due_date"]: (str(r["due_from"]), str(r["due_to"])) for r in table(run, "deadlines") if r["doc_id"] == plan}
    assert ranges == {"2023-12-15": ("2023-12-15", "2023-12-15"), "2023-Q3": ("2023-07-01", "2023-09-30")}


def test_pandas_reads_nullable_integers_as_integers(run):
    pandas = pytest.importorskip("pandas")
    documents = pandas.read_parquet(run / "documents.parquet")
    assert str(documents["issue_day"].dtype) == "Int64"
    assert str(pandas.read_parquet(run / "blocks.parquet")["table_index"].dtype) == "Int64"


def test_sql_compares_dates_without_casts(run):
    duckdb = pytest.importorskip("duckdb")
    path = (run / "documents.parquet").as_posix()
    [(count,)] = duckdb.sql(f"SELECT count(*) FROM '{path}' WHERE issue_date > DATE '2023-06-01'").fetchall()
    assert count == 1


def test_fact_rows_carry_their_units_code_and_district(run):
    units = {u["name"]: u for u in table(run, "units") if u["level"] == "commune"}
    for name in ("criteria_status", "criteria_counts"):
        rows = table(run, name)
        assert rows and all((r["unit_code"], r["district"], r["province"]) == (units[r["unit"]]["code"],
                            units[r["unit"]]["district"], units[r["unit"]]["province"]) for r in rows), name
    assert {(r["scope"], r["district"], r["unit_code"] is not None) for r in table(run, "averages")} == {
        ("Định Hóa", "Định Hóa", True)}


def test_unit_progress_from_a_stated_count(run):
    rows = table(run, "unit_progress")
    code = next(u["code"] for u in table(run, "units") if u["name"] == "Phú Đình")
    assert [(r["unit_key"], r["unit"], str(r["doc_date"]), r["level"], r["met"], r["unmet"], r["total"], r["basis"])
            for r in rows] == [(code, "Phú Đình", "2023-11-20", "ntm", 17, 2, 19, "stated_count")]


def test_unit_progress_counted_from_the_status_of_every_criterion(tmp_path):
    criteria = choose_set("ntm", 2024, "Lạng Sơn").names
    lines = "\n".join(f"Tiêu chí {n} - {name}: {'Chưa đạt' if n in (2, 17) else 'Đạt'}." for n, name in criteria.items())
    path = tmp_path / "vu_son.txt"
    path.write_text("ỦY BAN NHÂN DÂN\nXÃ VŨ SƠN\nSố: 87/BC-UBND\nVũ Sơn, ngày 20 tháng 9 năm 2024\nBÁO CÁO\n"
                    "Kết quả thực hiện Bộ tiêu chí xã nông thôn mới của xã Vũ Sơn\n" + lines + "\n", "utf-8")
    rows = process_file(str(path)).tables["unit_progress"]
    assert [(r.unit, str(r.doc_date), r.met, r.unmet, r.near_met, r.total, r.basis) for r in rows] == [
        ("Vũ Sơn", "2024-09-20", len(criteria) - 2, 2, 0, len(criteria), "status_list")]


def test_a_partial_status_list_counts_nothing(tmp_path):
    path = tmp_path / "partial.txt"
    path.write_text(REPORT.replace("Xã Phú Đình đạt 17/19 tiêu chí, còn 02 tiêu chí chưa đạt là",
                                   "Xã Phú Đình chưa đạt"), "utf-8")
    tables = process_file(str(path)).tables
    assert {r.criterion for r in tables["criteria_status"]} == {13, 17}  # only the unmet ones are listed
    assert tables["unit_progress"] == []
