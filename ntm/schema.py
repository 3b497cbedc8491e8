"""One schema, two outputs: the Arrow schema the writer uses and docs/schema.md."""
from __future__ import annotations

import dataclasses
import json
import types
import typing

import pyarrow as pa

from . import records

_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), records.Day: pa.date32()}


def column_name(f: dataclasses.Field) -> str:
    """The column's name in Parquet: the field's, unless the schema renames it (SQL keywords such as 'start')."""
    return f.metadata.get("column") or f.name


def column_names(row_type: type) -> list[str]:
    return [column_name(f) for f in dataclasses.fields(row_type)]


def arrow_type(hint) -> tuple[pa.DataType, bool]:
    """(arrow type, nullable) for a dataclass field's type hint."""
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return arrow_type(inner[0])[0], True
    if origin is list:
        return pa.list_(arrow_type(args[0])[0]), False
    return _SCALARS[hint], False


def arrow_schema(row_type: type) -> pa.Schema:
    """The table's Arrow schema. Nullable integer columns are marked for pandas as Int64, so that
    `pandas.read_parquet` keeps them integers (with <NA>) instead of turning them into floats."""
    hints = typing.get_type_hints(row_type)
    fields, integers = [], []
    for f in dataclasses.fields(row_type):
        kind, nullable = arrow_type(hints[f.name])
        fields.append(pa.field(column_name(f), kind, nullable=nullable,
                               metadata={"description": f.metadata.get("description", "")}))
        if nullable and kind == pa.int64():
            integers.append(column_name(f))
    pandas = {"index_columns": [], "column_indexes": [], "columns": [
        {"name": name, "field_name": name, "pandas_type": "int64", "numpy_type": "Int64", "metadata": None}
        for name in integers]}
    return pa.schema(fields, metadata={"pandas": json.dumps(pandas)} if integers else None)


def date_fields(row_type: type) -> list[str]:
    """Fields held as ISO text in the rows and written as Arrow date32."""
    hints = typing.get_type_hints(row_type)
    return [f.name for f in dataclasses.fields(row_type) if arrow_type(hints[f.name])[0] == pa.date32()]


def _type_name(kind: pa.DataType) -> str:
    return str(kind).replace("large_", "")


def schema_markdown() -> str:
    lines = [
        "# Output schema",
        "",
        "Generated from `ntm/records.py` by `ntm schema` — do not edit by hand.",
        "`ntm run` writes one Parquet file per table (`<table>.parquet`) in the output folder.",
        "Fact tables also carry the provenance columns `doc_id`, `span_start`, `span_end`, `page`, `evidence`:",
        "offsets point into the document's canonical text (`blocks` table), so every value can be",
        "shown with the sentence it came from.",
        "",
        "Columns are named so that SQL needs no quoting (`span_start`, not `start`; `table_index`, `row_index`,",
        "`column_index` in `blocks`). Dates are Arrow `date32` (SQL `DATE`: `WHERE issue_date > DATE '2023-01-01'`)",
        "beside the text that keeps the precision the document gives (`due_date` '2024-Q3' has `due_from` 2024-07-01",
        "and `due_to` 2024-09-30). Nullable integers read into pandas as `Int64`, not floats. Fact tables about a",
        "unit carry its `unit_code`, `district` and `province` from `units`, so a question needs no join.",
        "`funding.is_total` marks a total whose parts are rows of their own: sum over `is_total = false` to count",
        "money once. `references.cited_doc_id` links a citation to the cited document when it is in the same run,",
        "and `unit_progress` follows a commune's counts across documents and years.",
        "",
    ]
    for name, row_type in records.TABLES.items():
        doc = (row_type.__doc__ or "").strip()
        lines += [f"## `{name}`", ""]
        if doc and not doc.startswith(row_type.__name__ + "("):
            lines += [doc, ""]
        lines += ["| column | type | null | description | example |", "|---|---|---|---|---|"]
        schema = arrow_schema(row_type)
        for f in dataclasses.fields(row_type):
            arrow_field = schema.field(column_name(f))
            example = json.dumps(f.metadata.get("example"), ensure_ascii=False)
            lines.append(
                f"| `{column_name(f)}` | {_type_name(arrow_field.type)} | {'yes' if arrow_field.nullable else 'no'} "
                f"| {f.metadata.get('description', '')} | `{example}` |"
            )
        lines.append("")
    return "\n".join(lines)
