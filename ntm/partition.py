"""`ntm run --partition province,year`: every table as a hive-partitioned Parquet dataset, grown batch by batch.

    OUT/<table>/ -> .ntm/current/<table>/                      (a link, like OUT/<table>.parquet otherwise)
    <table>/document_province=Lạng Sơn/document_year=2023/part-<batch>-0.parquet
    <table>/document_province=__HIVE_DEFAULT_PARTITION__/...          (a document with no province: null on reading)
    name_variants/part-<batch>-0.parquet                         (corpus-level: one file, over every batch)

The keys are those of the row's *document* (documents.province, .district, .issue_year), joined through doc_id
here, and are named document_<key> so that they never collide with a table's own columns (units.province is the
unit's province, not always the document's). A batch is one `ntm run`; its files are new, the files of earlier
batches are hard links to the very same files (never rewritten), all in a new version folder switched to in
one step as ntm.store does for the plain layout. A document already in the dataset (same doc_id and
source_file) is not written again, so re-running the same input adds no rows."""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import urllib.parse
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .records import TABLES
from .schema import column_name
from .writer import TableSetWriter

KEYS = {"province": "province", "district": "district", "year": "issue_year"}  # --partition key -> documents field
PREFIX = "document_"  # never a column of any table (a test checks)
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
STAGING = ".staging"


class LayoutMismatch(ValueError):
    """The output folder holds a dataset partitioned another way."""


def parse_keys(text: str) -> tuple[str, ...]:
    keys = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in keys if k not in KEYS]
    if not keys or unknown or len(set(keys)) != len(keys):
        raise ValueError(f"--partition takes one or more of {', '.join(KEYS)}, comma-separated (got {text!r})")
    return keys


def _column(table: str, field: str) -> str:
    return column_name(next(f for f in dataclasses.fields(TABLES[table]) if f.name == field))


def by_document(table: str) -> bool:
    """A table whose rows belong to one document (it has a doc_id column) is partitioned by that document."""
    return any(f.name == "doc_id" for f in dataclasses.fields(TABLES[table]))


class Previous:
    """The batches already in the output folder's current version (none when it holds another layout)."""

    def __init__(self, current: Path | None, keys: tuple[str, ...]):
        self.folder = None
        self.present: set[tuple[str, str]] = set()
        self.batches: list[str] = []
        self.rows: dict[str, int] = {}
        manifest = _manifest(current)
        if manifest.get("partition") is None:
            return  # no dataset yet (or a plain table set, which a partitioned run replaces)
        if tuple(manifest["partition"]) != keys:
            raise LayoutMismatch(f"the output folder holds tables partitioned by {','.join(manifest['partition'])}; "
                                 f"run with --partition {','.join(manifest['partition'])} or into another --out")
        self.folder, self.keys = current, keys
        self.batches = manifest.get("batches", [])
        self.rows = manifest.get("rows", {})
        documents = self.table("documents", [_column("documents", "doc_id"), _column("documents", "source_file")])
        self.present = set(zip(*(documents.column(i).to_pylist() for i in range(2)))) if documents.num_rows else set()

    def table(self, name: str, columns: list[str] | None = None) -> pa.Table:
        return open_dataset(self.folder / name, self.keys).to_table(columns=columns)

    def stream(self, name: str):
        """The rows of one table over the earlier batches, as its dataclass (for the corpus review)."""
        if self.folder is None:
            return []
        return _Rows(self, name)

    def files(self) -> list[Path]:
        """Every data file of the earlier batches, relative to the version folder (the corpus table is not kept)."""
        if self.folder is None:
            return []
        return [p.relative_to(self.folder) for name in TABLES if name != "name_variants" and by_document(name)
                for p in sorted((self.folder / name).rglob("*.parquet"))]


class _Rows:
    def __init__(self, previous: Previous, name: str):
        self.previous, self.name = previous, name

    def __iter__(self):
        fields = {column_name(f): f.name for f in dataclasses.fields(TABLES[self.name])}
        dataset = ds.dataset(self.previous.folder / self.name, format="parquet")  # the files' own columns only
        for batch in dataset.to_batches():
            for row in batch.to_pylist():
                yield TABLES[self.name](**{fields[k]: v for k, v in row.items() if k in fields})


class PartitionedWriter:
    """TableSetWriter's interface; the rows go to plain staging files first, which close() splits into the
    partitions of this batch, beside links to the earlier batches' files."""

    def __init__(self, version: Path, run_info: dict, keys: tuple[str, ...], previous: Previous):
        self.version, self.keys, self.previous = version, keys, previous
        self.batch = f"{run_info['started'][:19].replace(':', '').replace('-', '')}-{run_info['run_id']}"
        self.staging = TableSetWriter(version / STAGING, run_info)
        (version / STAGING).mkdir()
        self.run_info = self.staging.run_info

    def add(self, name: str, rows: list) -> None:
        self.staging.add(name, rows)

    def add_values(self, name: str, values: list[list]) -> None:
        self.staging.add_values(name, values)

    def abort(self) -> None:
        self.staging.abort()

    def close(self) -> dict[str, int]:
        new_rows = self.staging.close()
        staging = self.version / STAGING
        documents = pq.read_table(staging / "documents.parquet",
                                  columns=[_column("documents", "doc_id")] + [_column("documents", KEYS[k])
                                                                               for k in self.keys])
        for relative in self.previous.files():
            (self.version / relative).parent.mkdir(parents=True, exist_ok=True)
            _link(self.previous.folder / relative, self.version / relative)
        for name in TABLES:
            self._write(name, staging / f"{name}.parquet", documents)
        shutil.rmtree(staging)
        counts = {name: n + (self.previous.rows.get(name, 0) if name != "name_variants" else 0)
                  for name, n in new_rows.items()}
        batches = self.previous.batches + [self.batch]
        (self.version / "manifest.json").write_text(json.dumps(
            {**self.run_info, "rows": counts, "partition": list(self.keys), "batches": batches,
             "tables": {name: name for name in TABLES}}, ensure_ascii=False, indent=1), "utf-8")
        return counts

    def _write(self, name: str, staged: Path, documents: pa.Table) -> None:
        folder = self.version / name
        folder.mkdir(exist_ok=True)
        source = pq.ParquetFile(staged)
        template = f"part-{self.batch}-{{i}}.parquet"
        if not by_document(name):
            pq.write_table(source.read(), folder / template.format(i=0))
            return
        if source.metadata.num_rows == 0:
            if not any(folder.iterdir()):  # an empty table still reads, with its columns, at the partitions' depth
                empty = folder.joinpath(*(f"{PREFIX}{k}={NULL_PARTITION}" for k in self.keys))
                empty.mkdir(parents=True)
                pq.write_table(source.read(), empty / template.format(i=0))
            return
        fields = list(partitioning(self.keys).schema)
        doc_ids = documents.column(0).combine_chunks()
        keys_of_doc = [documents.column(1 + i).combine_chunks() for i in range(len(self.keys))]
        doc_id = _column(name, "doc_id")

        schema = pa.schema(list(source.schema_arrow) + fields, metadata=source.schema_arrow.metadata)

        def batches():  # each row with its document's keys, joined through doc_id (a row of no document: null)
            for batch in source.iter_batches():
                at = pc.index_in(batch.column(doc_id), value_set=doc_ids)
                yield pa.RecordBatch.from_arrays(batch.columns + [pc.take(values, at) for values in keys_of_doc],
                                                 schema=schema)

        ds.write_dataset(batches(), folder, schema=schema, format="parquet", basename_template=template,
                         partitioning=partitioning(self.keys, encoding="none"),
                         existing_data_behavior="overwrite_or_ignore", max_rows_per_group=5000)
        _unescape_folders(folder, len(self.keys))


def _unescape_folders(folder: Path, depth: int) -> None:
    """'document_province=Lạng Sơn', as the issue's layout and every hive reader have it, not the %-escaped name
    pyarrow writes whatever segment encoding it is given. A partition of an earlier batch by that name takes the
    new files in. A value that would not survive as a folder name ('/', '%', a leading dot) stays escaped."""
    if depth == 0:
        return
    for child in sorted(p for p in folder.iterdir() if p.is_dir()):
        key, _, value = child.name.partition("=")
        plain = urllib.parse.unquote(value)
        target = child
        if plain != value and not any(c in plain for c in "/\\%") and not plain.startswith("."):
            target = folder / f"{key}={plain}"
            if target.exists():
                _merge_into(child, target)
            else:
                child.rename(target)
        _unescape_folders(target, depth - 1)


def _merge_into(source: Path, target: Path) -> None:
    for entry in source.iterdir():
        if entry.is_dir() and (target / entry.name).is_dir():
            _merge_into(entry, target / entry.name)
        else:
            entry.rename(target / entry.name)
    source.rmdir()


def partitioning(keys: tuple[str, ...], encoding: str = "uri") -> ds.Partitioning:
    """The hive partitioning of the keys, typed as the documents table types them (a key that is null in every
    row cannot be inferred by a reader: give it these types)."""
    from .schema import arrow_schema
    documents = arrow_schema(TABLES["documents"])
    fields = [pa.field(PREFIX + k, documents.field(_column("documents", KEYS[k])).type) for k in keys]
    return ds.HivePartitioning(pa.schema(fields), segment_encoding=encoding)


def open_dataset(folder: Path, keys: tuple[str, ...] | None = None) -> ds.Dataset:
    """One table of a partitioned run as a pyarrow dataset, with its partition columns typed (keys: those of the
    run's manifest, beside the table's folder)."""
    if keys is None:
        keys = tuple(_manifest(folder.resolve().parent).get("partition") or ())
    return ds.dataset(folder, format="parquet", partitioning=partitioning(keys))


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system: a copy, with its times
        shutil.copy2(source, target)


def _manifest(version: Path | None) -> dict:
    try:
        return json.loads((version / "manifest.json").read_text("utf-8")) if version else {}
    except (OSError, ValueError):
        return {}
