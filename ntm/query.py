"""`ntm query`: SQL over a run's tables with DuckDB, one view a table, whether the table is one
`<table>.parquet` file or a hive-partitioned dataset folder `<table>/province=.../year=.../part-*.parquet`."""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, TextIO

from .store import table_paths

TERMINAL_ROWS = 1000  # an aligned table needs every row before it prints; csv and json stream any number
CELL_WIDTH = 60
BATCH = 2048


@dataclass(frozen=True)
class TableSource:
    name: str
    path: Path  # a .parquet file, or a folder of .parquet files (hive-partitioned)

    @property
    def partitioned(self) -> bool:
        return self.path.is_dir()


def find_tables(folder: Path) -> list[TableSource]:
    """The tables in a run's folder (store.table_paths: a file or a hive-partitioned folder each); links are
    followed to the table set they point at."""
    return [TableSource(name, path.resolve()) for name, path in table_paths(folder).items()]


def parquet_glob(source: TableSource) -> str:
    return str(source.path / "**" / "*.parquet") if source.partitioned else str(source.path)


class QueryError(Exception):
    """The SQL could not run; the message is one line."""


def connect(folder: Path):
    """An in-memory DuckDB with a view for every table of the folder."""
    import duckdb

    connection = duckdb.connect(":memory:")
    for source in find_tables(folder):
        reader = (f"read_parquet({_literal(parquet_glob(source))}, hive_partitioning = true, union_by_name = true)"
                  if source.partitioned else f"read_parquet({_literal(parquet_glob(source))})")
        connection.execute(f'CREATE VIEW "{source.name.replace(chr(34), chr(34) * 2)}" AS SELECT * FROM {reader}')
    return connection


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def execute(folder: Path, sql: str) -> tuple[list[str], Iterator[tuple]]:
    """Column names and the rows, fetched in batches."""
    import duckdb

    connection = connect(folder)
    try:
        cursor = connection.execute(sql)
    except duckdb.Error as error:
        raise QueryError(one_line(error)) from None
    columns = [d[0] for d in cursor.description] if cursor.description else []

    def rows() -> Iterator[tuple]:
        try:
            while batch := cursor.fetchmany(BATCH):
                yield from batch
        except duckdb.Error as error:  # some errors (a bad cast in a row) surface only while fetching
            raise QueryError(one_line(error)) from None

    return columns, rows()


def one_line(error: Exception) -> str:
    """DuckDB's first line, with its suggestion when it has one ('Did you mean "units"?')."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    if not lines:
        return type(error).__name__
    hint = next((line for line in lines[1:] if line.startswith("Did you mean")), None)
    return lines[0] + (f" {hint}" if hint else "")


# --- output -------------------------------------------------------------------------------------

def _plain(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    return str(value)


def _json_value(value):
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    return value


def _width(text: str) -> int:
    return sum(not unicodedata.combining(ch) for ch in text)


def _cell(text: str) -> str:
    text = " ".join(text.split())
    if _width(text) > CELL_WIDTH:
        text = text[:CELL_WIDTH - 1] + "…"
    return text


def write_table(columns: list[str], rows: Iterator[tuple], out: TextIO) -> None:
    shown, more = [], 0
    for row in rows:
        if len(shown) < TERMINAL_ROWS:
            shown.append(row)
        else:
            more += 1
    numeric = [all(isinstance(r[i], (int, float, decimal.Decimal)) and not isinstance(r[i], bool)
                   for r in shown if r[i] is not None) and any(r[i] is not None for r in shown)
               for i in range(len(columns))]
    cells = [[_cell(_plain(v)) for v in row] for row in shown]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        parts = []
        for value, width, right in zip(values, widths, numeric):
            pad = " " * (width - _width(value))
            parts.append(pad + value if right else value + pad)
        return " │ ".join(parts).rstrip()

    print(line(list(columns)), file=out)
    print("─┼─".join("─" * w for w in widths), file=out)
    for row in cells:
        print(line(row), file=out)
    total = len(shown) + more
    note = f"({total} row{'s' * (total != 1)}"
    note += f"; the first {len(shown)} shown: use --format csv or json for all)" if more else ")"
    print(note, file=out)


def write_csv(columns: list[str], rows: Iterator[tuple], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else _plain(v) for v in row])


def write_json(columns: list[str], rows: Iterator[tuple], out: TextIO) -> None:
    """A JSON array of objects, written row by row."""
    out.write("[")
    for n, row in enumerate(rows):
        out.write(",\n " if n else "\n ")
        out.write(json.dumps({c: _json_value(v) for c, v in zip(columns, row)}, ensure_ascii=False))
    out.write("\n]\n")


WRITERS = {"table": write_table, "csv": write_csv, "json": write_json}
FORMATS = tuple(WRITERS)


def default_format(out: TextIO = sys.stdout) -> str:
    return "table" if out.isatty() else "csv"
