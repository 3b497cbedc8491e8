"""`ntm query`: a researcher asks the run's tables in SQL (DuckDB), each table a view under its own name, whether
it was written as one Parquet file or as a dataset partitioned by province and year."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from ntm import cli

UNITS = pa.table({
    "name": ["Long Đống", "Vũ Lễ", "Tân Lĩnh", "Mậu Đức"],
    "district": ["Bắc Sơn", "Bắc Sơn", "Lục Yên", "Con Cuông"],
    "province": ["Lạng Sơn", "Lạng Sơn", "Yên Bái", "Nghệ An"],
    "year": [2023, 2024, 2023, 2019],
})
CRITERIA_STATUS = pa.table({
    "unit": ["Long Đống", "Long Đống", "Vũ Lễ", "Tân Lĩnh"],
    "criterion": [2, 10, 2, 13],
    "status": ["unmet", "met", "met", "unmet"],
})


def tables(folder: Path, partitioned: bool) -> Path:
    """A run's folder: criteria_status as one file; units as one file or partitioned by province and year."""
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(CRITERIA_STATUS, folder / "criteria_status.parquet")
    if partitioned:
        ds.write_dataset(UNITS, folder / "units", format="parquet", partitioning=["province", "year"],
                         partitioning_flavor="hive", basename_template="part-{i}.parquet")
    else:
        pq.write_table(UNITS, folder / "units.parquet")
    return folder


def query(capsys, folder: Path, sql: str, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(["query", sql, "--data", str(folder), *args])
    printed = capsys.readouterr()
    return code, printed.out, printed.err


def read_table(text: str) -> list[list[str]]:
    lines = text.splitlines()
    assert set(lines[1]) <= {"─", "┼"}, lines[1]
    assert lines[-1].startswith("(")
    rows = [[cell.strip() for cell in line.split("│")] for line in [lines[0]] + lines[2:-1]]
    if len(rows[0]) > 1:
        assert len({line.index("│") for line in [lines[0]] + lines[2:-1]}) == 1, "columns are aligned"
    return rows


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def read_json(text: str) -> list[list[str]]:
    objects = json.loads(text)
    header = list(objects[0])
    return [header] + [[str(o[c]) for c in header] for o in objects]


READERS = {"table": read_table, "csv": read_csv, "json": read_json}


@pytest.mark.parametrize("output", ["table", "csv", "json"])
@pytest.mark.parametrize("partitioned", [False, True], ids=["one file", "partitioned"])
@pytest.mark.parametrize("sql, expected", [
    ("SELECT s.unit, s.criterion FROM criteria_status s JOIN units u ON u.name = s.unit "
     "WHERE s.status = 'unmet' AND u.province = 'Lạng Sơn' ORDER BY 1, 2",
     [["unit", "criterion"], ["Long Đống", "2"]]),
    ("SELECT province, count(*) AS communes FROM units WHERE year >= 2023 GROUP BY province ORDER BY province",
     [["province", "communes"], ["Lạng Sơn", "2"], ["Yên Bái", "1"]]),
    ("SELECT name FROM units WHERE district = 'Con Cuông'", [["name"], ["Mậu Đức"]]),
])
def test_the_tables_answer_sql_in_each_format(tmp_path, capsys, output, partitioned, sql, expected):
    folder = tables(tmp_path / "run", partitioned)
    code, out, err = query(capsys, folder, sql, "--format", output)
    assert code == 0, err
    assert READERS[output](out) == expected


def test_a_run_s_own_tables_are_views(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "bac_son.txt").write_text("UBND HUYỆN BẮC SƠN\n\nTHÔNG BÁO\n\nXã Long Đống đã đạt 15/19 tiêu chí nông "
                                        "thôn mới; xã Vũ Lễ đạt 12/19 tiêu chí.\n", "utf-8")
    out = tmp_path / "out"
    assert cli.main(["run", str(inputs), "--out", str(out), "--aliases", str(tmp_path / "none.csv"),
                     "--workers", "1"]) == 0
    code, printed, err = query(capsys, out, "SELECT unit, count_min AS met FROM criteria_counts WHERE kind = 'met' ORDER BY unit", "--format", "csv")
    assert code == 0, err
    assert read_csv(printed) == [["unit", "met"], ["Long Đống", "15"], ["Vũ Lễ", "12"]]


@pytest.mark.parametrize("sql, says", [
    ("SELECT * FROM criteria_statu", "criteria_status"),    # a misspelt table: the suggestion is kept
    ("SELEC name FROM units", "syntax error"),
    ("SELECT name::INTEGER FROM units", "Conversion Error"),
])
def test_an_sql_error_is_one_line_and_exit_1(tmp_path, capsys, sql, says):
    code, out, err = query(capsys, tables(tmp_path / "run", False), sql)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and err.startswith("ntm query: ") and says in err


@pytest.mark.parametrize("command", [["query", "SELECT 1"], ["search", "long dong"]])
@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_a_folder_without_tables_is_a_usage_error(tmp_path, capsys, command, folder):
    data = tmp_path / folder
    if folder == "empty":
        data.mkdir()
    assert cli.main([*command, "--data", str(data)]) == 2
    assert capsys.readouterr().err.startswith(f"ntm {command[0]}: ")


@pytest.mark.parametrize("sql, expected", [
    ("SELECT name FROM units WHERE year = 2019", [["name"], ["Mậu Đức"]]),
    ("SELECT count(*) AS communes FROM units", [["communes"], ["4"]]),
])
def test_in_a_pipe_the_answer_is_csv(tmp_path, capsys, sql, expected):
    code, out, _ = query(capsys, tables(tmp_path / "run", False), sql)
    assert code == 0 and read_csv(out) == expected
