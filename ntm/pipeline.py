"""Run the stages over files: parse each in a process pool, extract and normalise, collect rows."""
from __future__ import annotations

import os
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import parsers
from parsers.errors import ParseError

from .records import BlockRow, DocumentRow, ErrorRow


@dataclass
class FileResult:
    path: str
    document: DocumentRow
    tables: dict[str, list] = field(default_factory=dict)
    errors: list[ErrorRow] = field(default_factory=list)


def discover(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Files to read and files to skip, walking folders recursively, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        elif path.is_file():
            found.append(path)
    readable = [p for p in found if parsers.supported(p)]
    skipped = [p for p in found if not parsers.supported(p)]
    return readable, skipped


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:300]


def process_file(path: str, max_bytes: int) -> FileResult:
    """Everything that happens to one file; never raises."""
    try:
        document = parsers.parse_file(path, max_bytes=max_bytes)
    except ParseError as error:
        return _failed(path, "parse", error)
    except Exception as error:  # an unexpected parser failure still gets one line, not a traceback
        return _failed(path, "parse", error, unexpected=True)
    row = DocumentRow(doc_id=document.doc_id, source_file=path, format=document.format, status="ok",
                      encoding=document.encoding, pages=document.pages, warnings=list(document.warnings))
    result = FileResult(path, row)
    result.tables["blocks"] = [
        BlockRow(doc_id=document.doc_id, index=i, kind=b.kind, start=b.start, end=b.end, page=b.page,
                 table=b.table, row=b.row, column=b.col, text=document.block_text(b))
        for i, b in enumerate(document.blocks)
    ]
    try:
        from extract.document import extract_document
        facts = extract_document(document)
    except Exception as error:
        result.errors.append(ErrorRow(path=path, doc_id=document.doc_id, stage="extract",
                                      error_class=type(error).__name__, message=_one_line(error)))
        if os.environ.get("NTM_DEBUG"):
            traceback.print_exc()
        return result
    for key, value in facts.document_fields.items():
        setattr(row, key, value)
    result.tables.update(facts.tables)
    return result


def _failed(path: str, stage: str, error: BaseException, unexpected: bool = False) -> FileResult:
    message = _one_line(error)
    if unexpected:
        message = f"unexpected {type(error).__name__}: {message}"
    row = DocumentRow(doc_id=_hash_or_none(path) or "", source_file=path, format=Path(path).suffix.lstrip(".").lower(),
                      status="error", message=message)
    return FileResult(path, row, errors=[ErrorRow(path=path, doc_id=row.doc_id or None, stage=stage,
                                                   error_class=type(error).__name__, message=message)])


def _hash_or_none(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return parsers.content_hash(handle.read(parsers.DEFAULT_MAX_BYTES + 1))
    except OSError:
        return None


def run_files(files: list[Path], workers: int, max_bytes: int, progress: bool):
    """Yield a FileResult per file, in input order."""
    names = [str(p) for p in files]
    if workers <= 1 or len(names) <= 1:
        iterator = (process_file(n, max_bytes) for n in names)
        yield from _with_progress(iterator, len(names), progress)
        return
    _warm_up()  # forked workers inherit the loaded register and models instead of each loading them
    with ProcessPoolExecutor(max_workers=min(workers, len(names))) as pool:
        iterator = pool.map(process_file, names, [max_bytes] * len(names), chunksize=1)
        yield from _with_progress(iterator, len(names), progress)


def _warm_up() -> None:
    import extract.document  # noqa: F401  (imports every stage and its cue tables)
    from normalize.register import load_register
    load_register()


def _with_progress(iterator, total: int, progress: bool):
    if not progress:
        yield from iterator
        return
    from tqdm import tqdm
    yield from tqdm(iterator, total=total, unit="file", file=sys.stderr, leave=False)
