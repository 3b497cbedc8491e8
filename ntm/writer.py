"""Write tables to Parquet atomically: a temporary file in the same folder, then a rename."""
from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .records import TABLES
from .schema import arrow_schema


def to_table(name: str, rows: list) -> pa.Table:
    schema = arrow_schema(TABLES[name])
    columns = {f.name: [getattr(r, f.name) for r in rows] for f in dataclasses.fields(TABLES[name])}
    return pa.table(columns, schema=schema)


def write_tables(out_dir: Path, tables: dict[str, list], run_info: dict) -> dict[str, int]:
    """Write every table, each to a temporary name first; renames happen only after all are written,
    so an interrupted run leaves the previous complete set in place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    counts: dict[str, int] = {}
    try:
        for name in TABLES:
            table = to_table(name, tables.get(name, []))
            table = table.replace_schema_metadata({"ntm_run": json.dumps(run_info, ensure_ascii=False)})
            handle, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".parquet.tmp", dir=out_dir)
            os.close(handle)
            staged.append((Path(tmp), out_dir / f"{name}.parquet"))
            pq.write_table(table, tmp)
            counts[name] = table.num_rows
        manifest = out_dir / ".manifest.json.tmp"
        manifest.write_text(json.dumps({**run_info, "rows": counts}, ensure_ascii=False, indent=1), "utf-8")
        staged.append((manifest, out_dir / "manifest.json"))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        os.replace(tmp, final)
    return counts
