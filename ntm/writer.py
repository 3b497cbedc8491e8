"""Write the tables to Parquet as rows arrive (a row group every few thousand rows, so memory does not grow
with the corpus), into a version folder that ntm.store switches to in one step."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .records import TABLES
from .schema import arrow_schema, date_fields

ROW_GROUP = 5000


def to_table(name: str, rows: list) -> pa.Table:
    """Rows are the table's dataclass, or lists of values in its field order (as ntm.store keeps them)."""
    schema = arrow_schema(TABLES[name])
    fields = [f.name for f in dataclasses.fields(TABLES[name])]
    if rows and isinstance(rows[0], list):
        columns = dict(zip(fields, map(list, zip(*rows)))) if rows else {}
    else:
        columns = {f: [getattr(r, f) for r in rows] for f in fields}
    if not rows:
        columns = {f: [] for f in fields}
    for f in date_fields(TABLES[name]):  # ISO text in the rows (and the cache), a date32 in Parquet
        columns[f] = [None if v is None else dt.date.fromisoformat(v) for v in columns[f]]
    return pa.Table.from_arrays([pa.array(columns[f], type=schema.field(i).type) for i, f in enumerate(fields)],
                                schema=schema)


class TableSetWriter:
    """One ParquetWriter a table, all open at once; `add` buffers, a full buffer becomes a row group."""

    def __init__(self, folder: Path, run_info: dict):
        self.folder = folder
        self.run_info = run_info
        self.run_metadata = {"ntm_run": json.dumps(run_info, ensure_ascii=False)}
        self.buffers: dict[str, list] = {name: [] for name in TABLES}
        self.counts: dict[str, int] = {name: 0 for name in TABLES}
        self.writers: dict[str, pq.ParquetWriter] = {}

    def add(self, name: str, rows: list) -> None:
        """Rows as dataclasses; they are kept as lists of values until written."""
        if rows:
            fields = [f.name for f in dataclasses.fields(TABLES[name])]
            self.add_values(name, [[getattr(r, f) for f in fields] for r in rows])

    def add_values(self, name: str, values: list[list]) -> None:
        if not values:
            return
        buffer = self.buffers[name]
        buffer.extend(values)
        if len(buffer) >= ROW_GROUP:
            self._flush(name)

    def _flush(self, name: str) -> None:
        buffer = self.buffers[name]
        table = to_table(name, buffer)
        writer = self.writers.get(name)
        metadata = {**(table.schema.metadata or {}), **self.run_metadata}  # pandas' column types kept
        if writer is None:
            schema = table.schema.with_metadata(metadata)
            writer = self.writers[name] = pq.ParquetWriter(self.folder / f"{name}.parquet", schema)
        writer.write_table(table.replace_schema_metadata(metadata))
        self.counts[name] += len(buffer)
        buffer.clear()

    def close(self) -> dict[str, int]:
        for name in TABLES:
            if self.buffers[name] or name not in self.writers:
                self._flush(name)
            self.writers.pop(name).close()
        (self.folder / "manifest.json").write_text(
            json.dumps({**self.run_info, "rows": self.counts}, ensure_ascii=False, indent=1), "utf-8")
        return dict(self.counts)

    def abort(self) -> None:
        for writer in self.writers.values():
            try:
                writer.close()
            except Exception:
                pass
        self.writers.clear()


def write_tables(out_dir: Path, tables: dict[str, list], run_info: dict) -> dict[str, int]:
    """Write a whole table set held in memory (benchmarks, tests) and switch OUT to it atomically."""
    from .store import OutputFolder
    with OutputFolder(out_dir) as output:
        version = output.new_version()
        writer = TableSetWriter(version, run_info)
        try:
            for name in TABLES:
                writer.add(name, tables.get(name, []))
            counts = writer.close()
        except BaseException:
            writer.abort()
            raise
        output.commit(version)
    return counts
