"""One schema, two outputs: the Arrow schema the writer uses and docs/schema.md."""
from __future__ import annotations

import dataclasses
import json
import types
import typing

import pyarrow as pa

from . import records

_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


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
    hints = typing.get_type_hints(row_type)
    fields = []
    for f in dataclasses.fields(row_type):
        kind, nullable = arrow_type(hints[f.name])
        fields.append(pa.field(f.name, kind, nullable=nullable, metadata={"description": f.metadata.get("description", "")}))
    return pa.schema(fields)


def _type_name(kind: pa.DataType) -> str:
    return str(kind).replace("large_", "")


def schema_markdown() -> str:
    lines = [
        "# Output schema",
        "",
        "Generated from `ntm/records.py` by `ntm schema` — do not edit by hand.",
        "`ntm run` writes one Parquet file per table (`<table>.parquet`) in the output folder.",
        "Fact tables also carry the provenance columns `doc_id`, `start`, `end`, `page`, `evidence`:",
        "offsets point into the document's canonical text (`blocks` table), so every value can be",
        "shown with the sentence it came from.",
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
            arrow_field = schema.field(f.name)
            example = json.dumps(f.metadata.get("example"), ensure_ascii=False)
            lines.append(
                f"| `{f.name}` | {_type_name(arrow_field.type)} | {'yes' if arrow_field.nullable else 'no'} "
                f"| {f.metadata.get('description', '')} | `{example}` |"
            )
        lines.append("")
    return "\n".join(lines)
