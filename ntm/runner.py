"""One `ntm run` over an output folder: find the files, take the unchanged ones from the cache, read the rest in
the pool with each file's rows put on disk as it finishes, then write the whole table set from disk and switch
to it. Memory holds one file's rows at a time, whatever the size of the archive."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ntm import parsers
from .pipeline import FileResult, Found, RunSettings, discover_all, run_files
from .records import TABLES, DocumentRow, ErrorRow
from .store import (_FIELDS, ROWS_SUFFIX, OutputFolder, _rows, cache_key, dump_result, load_head, load_table,
                    load_values, pipeline_version)
from .writer import TableSetWriter

_PER_DOCUMENT = [name for name in TABLES if name not in ("documents", "errors", "name_variants")]


@dataclass
class Item:
    found: Found
    key: str | None = None  # cache key (None: not cacheable, e.g. over --max-bytes)
    entry: Path | None = None  # the file holding its rows
    cached: bool = False


class Run:
    def __init__(self, output: OutputFolder, inputs: list[Path], settings: RunSettings, workers: int,
                 rebuild: bool = False, aliases: Path | None = None, progress: bool = False,
                 scheduler: str | None = None, verbosity: int = 0, partition: tuple[str, ...] = ()):
        self.output, self.inputs, self.settings = output, inputs, settings
        self.partition = partition  # document keys of a hive-partitioned dataset (ntm.partition); () for plain files
        self.verbosity = verbosity  # -1 quiet (errors only), 0 normal, 1 a line for every file
        self.scheduler = scheduler  # a Dask scheduler's address, or 'local'; None: the local process pool
        self.workers, self.rebuild, self.aliases, self.progress = workers, rebuild, aliases, progress
        self.items: list[Item] = []
        self.failed = 0
        self.ocr_failed = False
        self.n_read = self.n_cached = self.n_skipped = 0
        self.n_empty = 0  # empty files (an error row each), counted apart in the summary
        self.ocr_documents: list[DocumentRow] = []  # only documents with OCR'd or unreadable pages (small rows)
        self.flag_kinds: Counter = Counter()
        self.run_id = uuid.uuid4().hex[:12]
        self.work: Path | None = None
        self.unchanged = False  # nothing the tables depend on changed: the last run's set stands

    # --- reading ------------------------------------------------------------------------------
    def read(self) -> None:
        found = discover_all(self.inputs, self.settings.ocr, exclude=self.output.out)
        self.items = [Item(f) for f in found]
        index = self._load_index()
        new_index: dict[str, list] = {}
        todo: list[Item] = []
        for item in self.items:
            if item.found.status != "read":
                self.n_skipped += item.found.status == "skipped"
                if item.found.status == "skipped" and self.verbosity > 0:
                    print(f"ntm: {item.found.shown}: {item.found.reason}", file=sys.stderr)
                if item.found.status == "error":
                    self.failed += 1
                    print(f"ntm: {item.found.shown}: {item.found.reason}", file=sys.stderr)
                continue
            self.n_read += 1
            digest = self._content_hash(item.found.path, index, new_index)
            if digest is not None:
                item.key = cache_key(digest, parsers.FORMATS.get(Path(item.found.path).suffix.lower(), ""),
                                     self.settings)
                entry = self.output.cache_path(item.key)
                if not self.rebuild and entry.is_file():
                    try:
                        head = load_head(entry, item.found.shown)
                    except Exception:  # an entry that cannot be read, whatever damaged it on disk: read the file
                        entry.unlink(missing_ok=True)
                    else:
                        item.entry, item.cached = entry, True
                        self.n_cached += 1
                        self._report(*head, cached=True)
                        continue
            todo.append(item)
        self._save_index(new_index)
        by_path = {item.found.path: item for item in todo}
        work = self.work = self.output.work_folder()
        for n, result in enumerate(run_files([i.found.path for i in todo], self.workers, self.settings, self.progress,
                                             scheduler=self.scheduler)):
            item = by_path[result.path]
            if result.cacheable and item.key:
                item.entry = self.output.cache_path(item.key)
            else:
                item.entry = work / f"{n}{ROWS_SUFFIX}"
            dump_result(result, item.entry)
            self._report(result.document, result.errors)

    def _report(self, document: DocumentRow, errors: list[ErrorRow], cached: bool = False) -> None:
        if document.status == "skipped":  # read, and found to be no report
            self.n_read -= 1
            self.n_skipped += 1
        elif document.status != "ok":
            self.failed += 1
        self.n_empty += any(error.error_class == "EmptyFileError" for error in errors)
        if self.verbosity > 0 and document.status != "error":  # a file in error has its own lines below
            print(f"ntm: {file_line(document, cached)}", file=sys.stderr)
        for error in errors:
            print(f"ntm: {error.path}: {error.stage}: {error.message}", file=sys.stderr)
            self.ocr_failed |= error.stage == "ocr"
        if document.ocr_pages or document.unreadable_pages:
            self.ocr_documents.append(document)
        if document.status == "ok" and document.pages and len(document.unreadable_pages) == document.pages \
                and self.verbosity == 0:  # -v says it in the file's own line
            print(f"ntm: {document.source_file}: no readable text on any page"
                  + (" (scanned? run with --ocr auto)" if self.settings.ocr == "off" else ""), file=sys.stderr)

    def _content_hash(self, path: str, index: dict, new_index: dict) -> str | None:
        """sha256 of the file, reused from the last run while its size, time and inode are the same."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        if st.st_size > self.settings.max_bytes:
            return None
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        known = index.get(path)
        if known and known[:3] == stamp:
            new_index[path] = known
            return known[3]
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        except OSError:
            return None
        new_index[path] = stamp + [digest.hexdigest()]
        return new_index[path][3]

    def _load_index(self) -> dict:
        try:
            return json.loads((self.output.state / "index.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}

    def _save_index(self, index: dict) -> None:
        path = self.output.state / "index.json"
        temporary = path.with_name(f".index.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(index), "utf-8")
        os.replace(temporary, path)

    # --- writing ------------------------------------------------------------------------------
    def fingerprint(self) -> str | None:
        """What the table set is a function of: every path found with its fate and cache key, the reviewers'
        decisions, the pipeline. None when some file's rows are not cached (they may differ next time)."""
        cache = self.output.state / "cache"
        if any(item.entry is not None and not item.entry.is_relative_to(cache) for item in self.items):
            return None
        try:
            aliases = self.aliases.read_bytes().hex() if self.aliases and self.aliases.is_file() else None
        except OSError:
            return None
        text = json.dumps([[i.found.shown, i.found.status, i.found.reason, i.key] for i in self.items]
                          + [aliases, pipeline_version(), [str(p) for p in self.inputs]]
                          + ([list(self.partition)] if self.partition else []))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def write(self) -> dict[str, int]:
        """The whole table set, from the rows on disk, into a new version; then the switch. When nothing it
        depends on changed since the last run, its tables stand as they are."""
        fingerprint = None if self.rebuild else self.fingerprint()
        manifest = self._current_manifest()
        if fingerprint and manifest.get("fingerprint") == fingerprint:
            self.unchanged = True
            self.flag_kinds = Counter(manifest.get("findings", {}))
            self.output.remove_cache_except({item.key for item in self.items if item.key})
            if self.work is not None:
                shutil.rmtree(self.work, ignore_errors=True)
            return dict(manifest["rows"])
        from ntm.normalize.citations import CitationIndex
        from ntm.normalize.corpus import _apply_decisions, read_aliases, review_corpus
        run_info = {"run_id": self.run_id, "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    "inputs": [str(p) for p in self.inputs], "files": self.n_read, "skipped": self.n_skipped,
                    "cached": self.n_cached}
        items, previous = self.items, None
        if self.partition:  # a batch added to the dataset: the documents it does not hold yet
            from .partition import Previous
            previous = Previous(self.output.current_version(), self.partition)
            items = [item for item in self.items if _document_key(item) not in previous.present]
        version = self.output.new_version()
        if previous is not None:
            from .partition import PartitionedWriter
            writer = PartitionedWriter(version, run_info, self.partition, previous)
        else:
            writer = TableSetWriter(version, run_info)
        try:
            review = {"units": _Stream(items, "units"), "flags": _Stream(items, "flags"),
                      "documents": _Documents(items)}
            if previous is not None:  # the corpus stages see every batch
                review = {name: _Chain(previous.stream(name), rows) for name, rows in review.items()}
            corpus_error = None
            try:
                review_corpus(review, aliases_path=self.aliases)
            except Exception as error:  # corpus review must never lose the per-document tables
                corpus_error = ErrorRow(path="(corpus)", stage="normalize", error_class=type(error).__name__,
                                        message=str(error).splitlines()[0][:300] if str(error) else type(error).__name__)
                print(f"ntm: corpus review failed: {error}", file=sys.stderr)
            aliases = read_aliases(self.aliases) if self.aliases else {}
            citations = CitationIndex(_Documents(self.items))  # the cited-document graph: a corpus step
            kind_at = _FIELDS["flags"].index("kind")
            for item in items:
                if item.entry is None:
                    writer.add("documents", [_unread_row(item.found)])
                    if item.found.status == "error":
                        writer.add("errors", [ErrorRow(path=item.found.shown, stage="discover",
                                                       error_class="UnreadableFolder" if "folder" in item.found.reason
                                                       else "OSError", message=item.found.reason)])
                    continue
                document, errors = load_head(item.entry, item.found.shown)
                writer.add("documents", [document])
                writer.add("errors", errors)
                for name, values in load_values(item.entry, _PER_DOCUMENT).items():
                    if name == "units" and aliases:
                        units = _rows(name, values)
                        _apply_decisions({"units": units}, aliases)
                        writer.add(name, units)
                        continue
                    writer.add_values(name, citations.link(values) if name == "references" else values)
                    if name == "flags":
                        self.flag_kinds.update(v[kind_at] for v in values)
            if corpus_error is not None:
                writer.add("errors", [corpus_error])
            writer.add("name_variants", review.get("name_variants", []))
            writer.run_info.update({"fingerprint": None if corpus_error else fingerprint,
                                    "findings": dict(self.flag_kinds)})
            counts = writer.close()
            from .search import build_index
            build_index(version, self.output.current_version())  # switched with the tables it was built from
        except BaseException:
            writer.abort()
            shutil.rmtree(version, ignore_errors=True)
            raise
        self.output.commit(version)
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
        self.output.remove_cache_except({item.key for item in self.items if item.key})
        return counts

    def _current_manifest(self) -> dict:
        current = self.output.current_version()
        try:
            return json.loads((current / "manifest.json").read_text("utf-8")) if current else {}
        except (OSError, ValueError):
            return {}


def file_line(document: DocumentRow, cached: bool = False) -> str:
    """What became of one file, in one line: 'data/raw/a.pdf: ok, 2 pages (1 OCR'd)'."""
    parts = [document.status]
    if document.pages:
        ocr = f" ({len(document.ocr_pages)} OCR'd)" if document.ocr_pages else ""
        parts.append(f"{document.pages} page{'s' * (document.pages != 1)}{ocr}")
    if document.status == "ok" and document.pages and len(document.unreadable_pages) == document.pages:
        parts.append("no readable text")
    if cached:
        parts.append("unchanged since the last run")
    if document.message and document.message.startswith(document.status + ":"):  # 'skipped: not a report ...'
        parts[0] = document.message
    elif document.message:
        parts[0] += f" ({document.message})"
    return f"{document.source_file}: {', '.join(parts)}"


def _unread_row(found: Found) -> DocumentRow:
    return DocumentRow(doc_id="", source_file=found.shown, format=Path(found.shown).suffix.lstrip(".").lower(),
                       status="skipped" if found.status == "skipped" else "error", message=found.reason)


def _document_key(item: Item) -> tuple[str, str]:
    """(doc_id, source_file) as the documents table will show it."""
    if item.entry is None:
        return _unread_row(item.found).doc_id, item.found.shown
    return load_head(item.entry, item.found.shown)[0].doc_id, item.found.shown


class _Chain:
    """Iterables one after the other, as often as iterated."""

    def __init__(self, *parts):
        self.parts = parts

    def __iter__(self):
        for part in self.parts:
            yield from part


class _Stream:
    """One table's rows over the whole run, read from disk each time it is iterated (the corpus review walks
    the units more than once; memory holds one file's rows)."""

    def __init__(self, items: list[Item], name: str):
        self.items, self.name = items, name

    def __iter__(self):
        for item in self.items:
            if item.entry is not None:
                yield from load_table(item.entry, self.name)


class _Documents(_Stream):
    def __init__(self, items: list[Item]):
        super().__init__(items, "documents")

    def __iter__(self):
        for item in self.items:
            if item.entry is not None:
                yield load_head(item.entry, item.found.shown)[0]


__all__ = ["Run", "FileResult"]
