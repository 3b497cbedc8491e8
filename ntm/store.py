"""The output folder: one run at a time (a lock), results cached by content, and the table set switched to a
new version in one atomic step.

    OUT/<table>.parquet       -> .ntm/current/<table>.parquet   (links made once; where people read the tables)
    OUT/manifest.json         -> .ntm/current/manifest.json
    OUT/<table>/              -> .ntm/current/<table>/   (instead, with --partition: a hive dataset, ntm.partition)
    OUT/.ntm/current          -> versions/<id>   (swapped with os.replace: the whole set changes at once)
    OUT/.ntm/versions/<id>/   a complete table set; the one `current` names is kept, others are removed
    OUT/.ntm/cache/<k>/<key>  one file's rows, keyed by its content, format, settings and the pipeline version
    OUT/.ntm/lock             held (flock) while a run writes; the kernel lets go when the process dies

A run killed at any moment leaves `current` on the old set or the new one, never on a mix; the next run removes
what the killed one left (unfinished versions, temporary links, the old writer's .*.parquet.tmp files)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import fcntl
import hashlib
import importlib
import importlib.metadata
import json
import os
import pickle
import shutil
from collections.abc import Callable
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from .records import TABLES, DocumentRow, ErrorRow

ROWS_SUFFIX = ".rows"  # a cache entry: one file's rows (dump_result)
_ROWS_MAGIC = b"ntm-rows 2\n"

STATE = ".ntm"
LINKED = [f"{name}.parquet" for name in TABLES] + ["manifest.json", "search.sqlite"]  # ntm.search's index
_PACKAGES = ("ntm", "ntm.parsers", "ntm.extract", "ntm.normalize")
_THIRD_PARTY = ("vietnamadminunits", "pdfplumber", "pdfminer.six", "pypdfium2", "python-docx", "regex", "underthesea",
                "pillow")


class OutputBusy(Exception):
    """Another run holds the output folder."""


class OutputUnusable(Exception):
    """The output folder cannot be made or written."""


def check_output(out: Path) -> None:
    """Before any work: OUT is a folder, or can be made, and we may write in it."""
    if out.exists() and not out.is_dir():
        raise OutputUnusable(f"--out {out} is a file, not a folder")
    probe = out
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if not probe.is_dir():
        raise OutputUnusable(f"--out {out} cannot be made: {probe} is a file, not a folder")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputUnusable(f"--out {out} cannot be written: no permission to write in {probe}")


class OutputFolder:
    def __init__(self, out: Path):
        self.out = out
        self.state = out / STATE
        self._lock_handle = None

    # --- the lock -----------------------------------------------------------------------------
    def __enter__(self) -> "OutputFolder":
        self.state.mkdir(parents=True, exist_ok=True)
        handle = open(self.state / "lock", "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise OutputBusy(f"another run is writing to {self.out} ({holder}); wait for it to finish or choose "
                             f"another --out") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {dt.datetime.now().isoformat(timespec='seconds')}\n")
        handle.flush()
        self._lock_handle = handle
        self._clean_leftovers()
        return self

    def __exit__(self, *exc) -> None:
        if self._lock_handle is not None:
            self._lock_handle.truncate(0)
            fcntl.flock(self._lock_handle, fcntl.LOCK_UN)
            self._lock_handle.close()
            self._lock_handle = None

    # --- versions -----------------------------------------------------------------------------
    @property
    def versions(self) -> Path:
        return self.state / "versions"

    def current_version(self) -> Path | None:
        link = self.state / "current"
        if not link.is_symlink():
            return None
        return self.state / os.readlink(link)

    def new_version(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        path = self.versions / f"{stamp}-{os.getpid()}"
        path.mkdir(parents=True)
        return path

    def commit(self, version: Path) -> None:
        """Make `version` the table set everyone reads, in one os.replace; then drop the sets before it."""
        for item in sorted(version.rglob("*"), reverse=True):  # a partitioned dataset's files and folders too
            _fsync(item)
        _fsync(version)
        self._adopt_legacy_tables()
        temporary = self.state / f"current.{os.getpid()}.tmp"
        temporary.unlink(missing_ok=True)
        os.symlink(os.path.relpath(version, self.state), temporary)
        os.replace(temporary, self.state / "current")
        _fsync(self.state)
        self._link_tables()
        self._remove_versions(keep=version)

    def _link_tables(self) -> None:
        """OUT/<table>.parquet -> .ntm/current/<table>.parquet (OUT/<table> -> .ntm/current/<table> for a partitioned
        dataset), each made once, atomically; the link of the other layout goes."""
        current = self.current_version()
        for name in LINKED + list(TABLES):
            target = os.path.join(STATE, "current", name)
            final = self.out / name
            if not (current / name).exists():
                if final.is_symlink() and os.readlink(final) == target:
                    final.unlink()
                continue
            if final.is_symlink() and os.readlink(final) == target:
                continue
            temporary = self.out / f".{name}.{os.getpid()}.link"
            temporary.unlink(missing_ok=True)
            os.symlink(target, temporary)
            os.replace(temporary, final)
        _fsync(self.out)

    def _adopt_legacy_tables(self) -> None:
        """Tables an older version of ntm wrote as plain files become a version of their own first, so that
        switching to links never shows a mix of old files and new links."""
        if self.current_version() is not None:
            return
        plain = [name for name in LINKED if (self.out / name).is_file() and not (self.out / name).is_symlink()]
        if not plain:
            return
        legacy = self.versions / "legacy"
        shutil.rmtree(legacy, ignore_errors=True)
        legacy.mkdir(parents=True)
        for name in plain:
            try:
                os.link(self.out / name, legacy / name)
            except OSError:
                shutil.copy2(self.out / name, legacy / name)
        temporary = self.state / f"current.{os.getpid()}.tmp"
        temporary.unlink(missing_ok=True)
        os.symlink(os.path.relpath(legacy, self.state), temporary)
        os.replace(temporary, self.state / "current")
        self._link_tables()

    def _remove_versions(self, keep: Path) -> None:
        if not self.versions.is_dir():
            return
        for path in self.versions.iterdir():
            if path.name != keep.name:
                shutil.rmtree(path, ignore_errors=True)

    def _clean_leftovers(self) -> None:
        """What an interrupted run left: unfinished versions, temporary links, the old writer's temporary files."""
        current = self.current_version()
        if self.versions.is_dir():
            for path in self.versions.iterdir():
                if current is None or path.name != current.name:
                    shutil.rmtree(path, ignore_errors=True)
        for path in self.state.glob("current.*.tmp"):
            path.unlink(missing_ok=True)
        for path in self.state.glob("work-*"):
            shutil.rmtree(path, ignore_errors=True)
        for pattern in (".*.parquet.tmp", ".manifest.json.tmp", ".*.link"):
            for path in self.out.glob(pattern):
                path.unlink(missing_ok=True)
        for path in (self.state / "cache").glob("*/.*.tmp"):
            path.unlink(missing_ok=True)

    def work_folder(self) -> Path:
        """Rows of files that are not cached (timed out, a worker died, a tool was missing), for this run only."""
        path = self.state / f"work-{os.getpid()}"
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path

    # --- the cache ----------------------------------------------------------------------------
    def cache_path(self, key: str) -> Path:
        return self.state / "cache" / key[:2] / f"{key}{ROWS_SUFFIX}"

    def remove_cache_except(self, keep: set[str]) -> int:
        """Entries no file of this run uses (files removed or changed) go."""
        removed = 0
        root = self.state / "cache"
        if not root.is_dir():
            return 0
        for folder in root.iterdir():
            for path in folder.iterdir():  # an entry of an older format too ('<key>.jsonl')
                if not path.name.startswith(".") and path.name.split(".")[0] not in keep:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- keys -------------------------------------------------------------------------------------

_VERSION: str | None = None


def pipeline_version() -> str:
    """Changes whenever the code or data of the pipeline, or a library it reads with, changes."""
    global _VERSION
    if _VERSION is None:
        digest = hashlib.sha256()
        for package in _PACKAGES:
            root = Path(importlib.import_module(package).__file__).resolve().parent
            for path in sorted(root.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc",):
                    digest.update(f"{package}/{path.relative_to(root)}".encode())
                    digest.update(path.read_bytes())
        for name in _THIRD_PARTY:
            try:
                digest.update(f"{name}={importlib.metadata.version(name)}".encode())
            except importlib.metadata.PackageNotFoundError:
                pass
        _VERSION = digest.hexdigest()[:16]
    return _VERSION


def cache_key(content_sha: str, kind: str, settings) -> str:
    text = json.dumps([content_sha, kind, settings.max_bytes, settings.ocr, settings.ocr_lang, pipeline_version()])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# --- one file's rows on disk --------------------------------------------------------------------

def _values(row) -> list:
    return list(_fields_of(type(row))(row))


@lru_cache(maxsize=None)
def _fields_of(cls) -> Callable[[object], tuple]:
    """What reads a row class's fields, in order, as a tuple: made once (dataclasses.fields builds its tuple again
    at every call), and reading them all in one call."""
    names = [f.name for f in dataclasses.fields(cls)]
    if len(names) == 1:  # attrgetter of one name gives the value itself
        return lambda row: (getattr(row, names[0]),)
    return attrgetter(*names)


def dump_result(result, path: Path) -> None:
    """The document, its errors and where each table's rows lie, then each table's rows: every part pickled (five
    times faster to write than JSON, and a value keeps its type as the pool's workers already hand it over; `marshal`,
    as fast, writes a numpy float as bytes), so that a reader of one table reads only that part. The cache lies in
    the run's own output folder, written only by `ntm run`."""
    parts = [(name, pickle.dumps([_values(r) for r in rows])) for name, rows in result.tables.items() if rows]
    head = pickle.dumps({"document": _values(result.document), "errors": [_values(e) for e in result.errors],
                          "tables": [(name, len(blob)) for name, blob in parts]})
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
    temporary.write_bytes(b"".join([_ROWS_MAGIC, len(head).to_bytes(8, "little"), head] + [blob for _, blob in parts]))
    os.replace(temporary, path)


def _read_head(handle) -> tuple[dict, int]:
    """The head of an entry and where its first table starts; ValueError for a file that is no entry."""
    if handle.read(len(_ROWS_MAGIC)) != _ROWS_MAGIC:
        raise ValueError(f"{handle.name} is not a cache entry of this version")
    size = int.from_bytes(handle.read(8), "little")
    return pickle.loads(handle.read(size)), len(_ROWS_MAGIC) + 8 + size


def load_values(path: Path, names=None) -> dict[str, list[list]]:
    """The per-document tables of one entry (those in `names`, or all), as lists of values in field order."""
    out: dict[str, list] = {}
    with open(path, "rb") as handle:
        head, offset = _read_head(handle)
        for name, size in head["tables"]:
            if names is None or name in names:
                handle.seek(offset)
                out[name] = pickle.loads(handle.read(size))
            offset += size
    return out


_FIELDS = {name: [f.name for f in dataclasses.fields(cls)] for name, cls in TABLES.items()}


def _rows(name: str, values: list[list]) -> list:
    cls, fields = TABLES[name], _FIELDS[name]
    return [cls(**dict(zip(fields, v))) for v in values]


def load_head(path: Path, source: str) -> tuple[DocumentRow, list[ErrorRow]]:
    with open(path, "rb") as handle:
        head, _ = _read_head(handle)
    document = _rows("documents", [head["document"]])[0]
    errors = _rows("errors", head["errors"])
    document.source_file = source
    for error in errors:
        error.path = source
    return document, errors


def load_table(path: Path, name: str) -> list:
    return _rows(name, load_values(path, (name,)).get(name, []))


def table_paths(out: Path) -> dict[str, Path]:
    """Where each table of the run in OUT is read: OUT/<table>.parquet, or the folder OUT/<table>/ of a
    hive-partitioned dataset (`ntm run --partition`; read it with hive partitioning, e.g. DuckDB
    read_parquet('OUT/<table>/**/*.parquet', hive_partitioning = true)). Tables the run did not write are absent."""
    found = {}
    for name in TABLES:
        for path in (out / name, out / f"{name}.parquet"):
            if path.exists():
                found[name] = path
                break
    return found
