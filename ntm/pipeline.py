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
from parsers.pages import PagedDocument

from .records import BlockRow, DocumentRow, ErrorRow, Fact


@dataclass(frozen=True)
class RunSettings:
    max_bytes: int = parsers.DEFAULT_MAX_BYTES
    ocr: str = "auto"  # auto, off or force
    ocr_lang: str = "vie"


@dataclass
class FileResult:
    path: str
    document: DocumentRow
    tables: dict[str, list] = field(default_factory=dict)
    errors: list[ErrorRow] = field(default_factory=list)
    ocr_pending: list[int] = field(default_factory=list)  # pages (0-based) to OCR before the file is done


def discover(paths: list[Path], ocr_mode: str = "auto") -> tuple[list[Path], list[Path]]:
    """Files to read and files to skip, walking folders recursively, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        elif path.is_file():
            found.append(path)
    readable = [p for p in found if parsers.supported(p, ocr_mode)]
    skipped = [p for p in found if not parsers.supported(p, ocr_mode)]
    return readable, skipped


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:300]


def process_file(path: str, settings: RunSettings = RunSettings(), ocr_done: dict[int, parsers.OcrPage] | None = None,
                 ocr_failed: dict[int, str] | None = None, defer_ocr: bool = False) -> FileResult:
    """Everything that happens to one file; never raises. With `defer_ocr`, a file with pages to OCR comes
    back unfinished (`ocr_pending`): the caller reads those pages and calls again with `ocr_done`."""
    request = parsers.OcrRequest(settings.ocr, settings.ocr_lang, dict(ocr_done or {}), dict(ocr_failed or {}),
                                 defer=defer_ocr)
    try:
        document = parsers.parse_file(path, max_bytes=settings.max_bytes, ocr=request)
    except parsers.OcrPending as pending:
        return FileResult(path, DocumentRow(doc_id="", source_file=path, format="", status="pending"),
                          ocr_pending=pending.pages)
    except ParseError as error:
        return _failed(path, "parse", error)
    except Exception as error:  # an unexpected parser failure still gets one line, not a traceback
        return _failed(path, "parse", error, unexpected=True)
    row = DocumentRow(doc_id=document.doc_id, source_file=path, format=document.format, status="ok",
                      encoding=document.encoding, pages=document.pages, warnings=list(document.warnings))
    result = FileResult(path, row)
    paged = document if isinstance(document, PagedDocument) else None
    if paged is not None:
        row.ocr_pages, row.ocr_confidence, row.unreadable_pages = paged.ocr_pages, paged.ocr_confidence, paged.unreadable_pages
        result.errors.extend(ErrorRow(path=path, doc_id=document.doc_id, stage="ocr", error_class=type(error).__name__,
                                      message=_one_line(error)) for error in paged.ocr_errors)
    result.tables["blocks"] = [
        BlockRow(doc_id=document.doc_id, index=i, kind=b.kind, start=b.start, end=b.end, page=b.page,
                 table=b.table, row=b.row, column=b.col, text=document.block_text(b),
                 source=paged.page_source(b.page) if paged else "text",
                 confidence=paged.confidence_of(b.start, b.end) if paged else None)
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
    row.warnings = list(document.warnings)  # extraction adds its own (spelling variants left unreported)
    result.tables.update(facts.tables)
    if paged is not None and paged.ocr_pages:
        _attach_confidence(paged, result.tables)
    return result


def _attach_confidence(document: PagedDocument, tables: dict[str, list]) -> None:
    """Each fact carries the OCR confidence of its evidence."""
    for rows in tables.values():
        for row in rows:
            if isinstance(row, Fact):
                row.confidence = document.confidence_of(row.start, row.end)


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


def run_files(files: list[Path], workers: int, settings: RunSettings, progress: bool):
    """Yield a FileResult per file, in input order.

    Three passes over the process pool: every file read (pages that need OCR set aside), then every such page
    OCR'd as a job of its own, so one long scan keeps every worker busy, then those files finished."""
    names = [str(p) for p in files]
    if workers <= 1 or len(names) <= 1:
        yield from _passes(map, names, settings, progress)
        return
    _warm_up()  # forked workers inherit the loaded register and models instead of each loading them
    with ProcessPoolExecutor(max_workers=min(workers, len(names))) as pool:
        yield from _passes(lambda f, *args: pool.map(f, *args, chunksize=1), names, settings, progress)


def _passes(mapper, names: list[str], settings: RunSettings, progress: bool):
    n = len(names)
    results = list(_with_progress(mapper(process_file, names, [settings] * n, [None] * n, [None] * n, [True] * n),
                                  n, progress, "file"))
    jobs = [(r.path, page) for r in results for page in r.ocr_pending]
    if jobs:
        read: dict[str, dict[int, parsers.OcrPage]] = {}
        failed: dict[str, dict[int, str]] = {}
        pages = mapper(ocr_page, [p for p, _ in jobs], [i for _, i in jobs], [settings.ocr_lang] * len(jobs))
        for (path, index), page in zip(jobs, _with_progress(pages, len(jobs), progress, "page")):
            if isinstance(page, str):
                failed.setdefault(path, {})[index] = page
            else:
                read.setdefault(path, {})[index] = page
        waiting = [r.path for r in results if r.ocr_pending]
        finished = mapper(process_file, waiting, [settings] * len(waiting), [read.get(p, {}) for p in waiting],
                          [failed.get(p, {}) for p in waiting], [False] * len(waiting))
        done = dict(zip(waiting, finished))
        results = [done.get(r.path, r) if r.ocr_pending else r for r in results]
    yield from results


def ocr_page(path: str, index: int, lang: str) -> parsers.OcrPage | str:
    """One page of OCR in a worker; a page that cannot be read gives its one-line reason instead."""
    try:
        return parsers.read_page(path, index, lang)
    except Exception as error:  # the file's own pass reports it, as an error of that page
        return _one_line(error)


def _warm_up() -> None:
    import extract.document  # noqa: F401  (imports every stage and its cue tables)
    from normalize.register import load_register
    load_register()


def _with_progress(iterator, total: int, progress: bool, unit: str):
    if not progress:
        yield from iterator
        return
    from tqdm import tqdm
    yield from tqdm(iterator, total=total, unit=unit, desc="OCR" if unit == "page" else "read", file=sys.stderr,
                    leave=False)
