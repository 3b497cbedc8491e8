"""Run the stages over files: parse each in a process pool, extract and normalise, collect rows."""
from __future__ import annotations

import errno
import gc
import os
import signal
import stat
import sys
import traceback
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from ntm import parsers
from ntm.parsers.errors import MissingToolError, ParseError
from ntm.parsers.pages import PagedDocument

from .records import BlockRow, DocumentRow, ErrorRow, Fact


DEFAULT_FILE_TIMEOUT = 300.0  # seconds one file (or one OCR page) may take before it is given up


@dataclass(frozen=True)
class RunSettings:
    max_bytes: int = parsers.DEFAULT_MAX_BYTES
    ocr: str = "auto"  # auto, off or force
    ocr_lang: str = "vie"
    file_timeout: float = DEFAULT_FILE_TIMEOUT


@dataclass
class FileResult:
    path: str
    document: DocumentRow
    tables: dict[str, list] = field(default_factory=dict)
    errors: list[ErrorRow] = field(default_factory=list)
    ocr_pending: list[int] = field(default_factory=list)  # pages (0-based) to OCR before the file is done
    cacheable: bool = True  # False for what depends on this machine or this run: a time limit, a dead worker, a missing tool


@dataclass
class Found:
    """A path discovery met: a file to read, or one listed with the reason it is not read."""
    path: str  # as the operating system knows it (a name that is not UTF-8 keeps its bytes as surrogates)
    status: str  # read, skipped or error
    reason: str | None = None

    @property
    def shown(self) -> str:
        return shown_path(self.path)


def shown_path(path: str | os.PathLike) -> str:
    """A path as the tables and messages show it: bytes that are not UTF-8 written as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


_SPECIAL = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
            stat.S_IFBLK: "a block device"}


def discover_all(paths: list[Path], ocr_mode: str = "auto", exclude: Path | None = None) -> list[Found]:
    """Every path met walking `paths` (folders recursively, in a stable order), each with what happens to it.

    Symbolic links are not followed out of the input folders, nor into folders (the folders inside are
    walked where they are); loops, broken links, pipes, sockets, devices and unreadable folders are listed
    with the reason, so that nothing found vanishes without a row. Hidden files and `exclude` (the output
    folder, when it sits inside an input) are not looked at."""
    roots = [os.path.realpath(p) for p in paths if p.is_dir()]
    skip_real = os.path.realpath(exclude) if exclude is not None else None
    found: list[Found] = []

    def inside(real: str) -> bool:
        return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)

    def visit_file(path: str, real: str | None = None) -> None:
        try:
            mode = os.stat(path).st_mode
        except OSError as error:
            found.append(Found(path, "error", f"could not be looked at: {_os_reason(error)}"))
            return
        if not stat.S_ISREG(mode):
            kind = _SPECIAL.get(stat.S_IFMT(mode), "not a regular file")
            found.append(Found(path, "skipped", f"skipped: {kind}, not a file"))
            return
        found.append(_classify(path, ocr_mode))

    def visit_link(path: str) -> None:
        target = os.readlink(path)
        try:
            real = os.path.realpath(path, strict=True)
        except OSError as error:
            loop = error.errno == errno.ELOOP
            found.append(Found(path, "skipped", "skipped: symbolic link " + (
                "loop (it leads back to itself)" if loop else f"to {target}, which does not exist")))
            return
        if not inside(real):
            found.append(Found(path, "skipped", f"skipped: symbolic link to {shown_path(real)}, outside the input "
                                                "folders (not followed)"))
        elif os.path.isdir(real):
            found.append(Found(path, "skipped", "skipped: symbolic link to a folder inside the input (not followed; "
                                                "its files are read where they are)"))
        else:
            visit_file(path)

    def walk(folder: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: os.fsencode(e.name))
        except OSError as error:
            found.append(Found(folder, "error", f"folder could not be read: {_os_reason(error)}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                visit_link(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                if skip_real is None or os.path.realpath(entry.path) != skip_real:
                    walk(entry.path)
            else:
                visit_file(entry.path)

    for path in paths:
        name = os.fspath(path)
        if path.is_dir():
            walk(name)
        elif path.is_symlink() and not path.exists():
            found.append(Found(name, "skipped", f"skipped: symbolic link to {os.readlink(name)}, which does not exist"))
        else:
            visit_file(name)
    return found


def _classify(path: str, ocr_mode: str) -> Found:
    suffix = Path(path).suffix
    if parsers.supported(Path(path), ocr_mode):
        return Found(path, "read")
    if ocr_mode == "off" and suffix.lower() in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
        return Found(path, "skipped", f"skipped: {suffix} is an image, read only by OCR (--ocr off)")
    return Found(path, "skipped", f"skipped: {shown_path(suffix) or 'no extension'} is not a report format "
                                  "(txt, md, docx, doc, pdf, png, jpg, tif)")


def _os_reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


def discover(paths: list[Path], ocr_mode: str = "auto") -> tuple[list[Path], list[Path]]:
    """Files to read and files to skip (everything else discover_all lists)."""
    found = discover_all(paths, ocr_mode)
    return [Path(f.path) for f in found if f.status == "read"], [Path(f.path) for f in found if f.status != "read"]


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:300]


def _unexpected(error: BaseException, what: str = "a reader") -> str:
    """A failure no reader anticipated, said so, with where it happened for the report."""
    if isinstance(error, MemoryError):
        return "ran out of memory reading this file"
    if isinstance(error, OSError) and error.strerror:
        return f"the file could not be read: {_os_reason(error)}"
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{Path(frames[-1].filename).parent.name}/{Path(frames[-1].filename).name}:{frames[-1].lineno}" \
        if frames else None  # where it broke: our code or a library's
    detail = _one_line(error) if str(error).strip() else "no message"
    return (f"{what} failed on something in this file it does not handle ({type(error).__name__}: {detail}"
            + (f", at {where}" if where else "") + "); please report it with the file")


def process_file(path: str, settings: RunSettings = RunSettings(), ocr_done: dict[int, parsers.OcrPage] | None = None,
                 ocr_failed: dict[int, str] | None = None, defer_ocr: bool = False) -> FileResult:
    """Everything that happens to one file; never raises. With `defer_ocr`, a file with pages to OCR comes
    back unfinished (`ocr_pending`): the caller reads those pages and calls again with `ocr_done`."""
    path = os.fspath(path)
    shown = shown_path(path)
    request = parsers.OcrRequest(settings.ocr, settings.ocr_lang, dict(ocr_done or {}), dict(ocr_failed or {}),
                                 defer=defer_ocr)
    try:
        document = parsers.parse_file(path, max_bytes=settings.max_bytes, ocr=request)
    except parsers.OcrPending as pending:
        return FileResult(path, DocumentRow(doc_id="", source_file=shown, format="", status="pending"),
                          ocr_pending=pending.pages)
    except ParseError as error:
        return _failed(path, "parse", error)
    except Exception as error:  # an unexpected parser failure still gets one line, not a traceback
        if os.environ.get("NTM_DEBUG"):
            traceback.print_exc()
        return _failed(path, "parse", error, unexpected=True)
    row = DocumentRow(doc_id=document.doc_id, source_file=shown, format=document.format, status="ok",
                      encoding=document.encoding, pages=document.pages, warnings=list(document.warnings))
    result = FileResult(path, row)
    paged = document if isinstance(document, PagedDocument) else None
    if paged is not None:
        row.ocr_pages, row.ocr_confidence, row.unreadable_pages = paged.ocr_pages, paged.ocr_confidence, paged.unreadable_pages
        result.errors.extend(ErrorRow(path=shown, doc_id=document.doc_id, stage="ocr", error_class=type(error).__name__,
                                      message=_one_line(error)) for error in paged.ocr_errors)
        if paged.ocr_errors:
            result.cacheable = False  # Tesseract missing or failing here says nothing about the file
    elif not document.text.strip():  # a document with no text (an empty .docx) says so as a blank scan does
        row.unreadable_pages = list(range(1, (document.pages or 1) + 1))
    from ntm.extract.relevance import not_a_report
    skipped = None if row.ocr_pages else not_a_report(document.text)  # a scan read poorly is still a document
    if skipped:  # a README, a licence, notes: listed with the reason, never read as a report
        row.status, row.message = "skipped", skipped
        return result
    result.tables["blocks"] = [
        BlockRow(doc_id=document.doc_id, index=i, kind=b.kind, start=b.start, end=b.end, page=b.page,
                 table=b.table, row=b.row, column=b.col, text=document.block_text(b),
                 source=paged.page_source(b.page) if paged else "text",
                 confidence=paged.confidence_of(b.start, b.end) if paged else None)
        for i, b in enumerate(document.blocks)
    ]
    try:
        from ntm.extract.document import extract_document
        facts = extract_document(document)
    except Exception as error:
        result.errors.append(ErrorRow(path=shown, doc_id=document.doc_id, stage="extract",
                                      error_class=type(error).__name__, message=_unexpected(error, "extraction")))
        if os.environ.get("NTM_DEBUG"):
            traceback.print_exc()
        return result
    for key, value in facts.document_fields.items():
        setattr(row, key, value)
    row.warnings = list(document.warnings)  # extraction adds its own (spelling variants left unreported)
    result.tables.update(facts.tables)
    if paged is not None and paged.ocr_pages:
        _attach_confidence(paged, result.tables)
    from ntm.normalize.derived import derive
    derive(row, result.tables)  # typed dates, units' codes on facts, unit_progress (after the confidences)
    return result


def _attach_confidence(document: PagedDocument, tables: dict[str, list]) -> None:
    """Each fact carries the OCR confidence of its evidence."""
    for rows in tables.values():
        for row in rows:
            if isinstance(row, Fact):
                row.confidence = document.confidence_of(row.start, row.end)


def _failed(path: str, stage: str, error: BaseException, unexpected: bool = False) -> FileResult:
    message = _unexpected(error) if unexpected else _one_line(error)
    result = lost(path, stage, type(error).__name__, message)
    result.document.doc_id = _hash_or_none(path) or ""
    result.errors[0].doc_id = result.document.doc_id or None
    result.cacheable = not isinstance(error, (MissingToolError, OSError, MemoryError))
    return result


def lost(path: str, stage: str, error_class: str, message: str) -> FileResult:
    """The one error row of a file that could not be read."""
    shown = shown_path(path)
    row = DocumentRow(doc_id="", source_file=shown, format=Path(shown).suffix.lstrip(".").lower(),
                      status="error", message=message)
    return FileResult(path, row, errors=[ErrorRow(path=shown, doc_id=None, stage=stage, error_class=error_class,
                                                   message=message)], cacheable=False)


def _hash_or_none(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return parsers.content_hash(handle.read(parsers.DEFAULT_MAX_BYTES + 1))
    except OSError:
        return None


def run_files(files: list, workers: int, settings: RunSettings, progress: bool = False, scheduler: str | None = None):
    """Yield a FileResult per file as each is finished (not in input order).

    Every file is read as a job of an engine: a pool of worker processes on this machine (pebble), or, with
    `scheduler`, the workers of a Dask cluster (ntm.cluster). Pages that need OCR come back as jobs of their
    own, placed ahead of the files still waiting, so one long scan keeps every worker busy; once its pages
    are read the file is finished by another job. Each job has `settings.file_timeout` seconds: a job over
    the limit, or whose worker dies (killed by the kernel for memory, a crash in a library), costs its own
    file one error row; the worker is replaced and the run goes on."""
    names = [os.fspath(p) for p in files]
    if not names:
        return
    size = max(1, min(workers, len(names)))
    if scheduler:
        from .cluster import DaskEngine
        engine = DaskEngine(scheduler, settings, local_workers=size)
    else:
        engine = ProcessPoolEngine(size, settings)
    jobs: deque[tuple] = deque(("file", name, None) for name in names)
    pages: dict[str, dict] = {}  # file -> {"todo": n, "read": {page: OcrPage}, "failed": {page: reason}}
    running: dict = {}
    bar = _progress_bar(len(names), progress)
    try:
        while jobs or running:
            while jobs and len(running) < engine.capacity:
                job = jobs.popleft()
                running[engine.submit(*_call(job, settings, pages))] = job
            for handle in engine.wait(list(running)):
                kind, path, index = running.pop(handle)
                value, failure = engine.outcome(handle)
                failure = _failure_row(failure, settings.file_timeout, kind, index) if failure else None
                if kind == "page":
                    state = pages[path]
                    if failure is None and not isinstance(value, str):
                        state["read"][index] = value
                    else:
                        state["failed"][index] = failure[1] if failure else value
                    state["todo"] -= 1
                    if state["todo"] == 0:
                        jobs.appendleft(("finish", path, None))
                    continue
                result = lost(path, "run", *failure) if failure else value
                if result.ocr_pending:
                    pages[path] = {"todo": len(result.ocr_pending), "read": {}, "failed": {}}
                    jobs.extendleft(("page", path, page) for page in reversed(result.ocr_pending))
                    continue
                pages.pop(path, None)
                if bar is not None:
                    bar.update(1)
                yield result
    finally:
        if bar is not None:
            bar.close()
        engine.close(early=bool(running or jobs))  # the consumer stopped early, or an error: end every job now
    return


def _call(job: tuple, settings: RunSettings, pages: dict[str, dict]) -> tuple:
    """(function, arguments) of a job: a file's first pass, one page of OCR, or a file's pass after its OCR."""
    kind, path, index = job
    if kind == "page":
        return ocr_page, (path, index, settings.ocr_lang)
    if kind == "file":
        return process_file, (path, settings, None, None, True)
    state = pages[path]
    return process_file, (path, settings, state["read"], state["failed"], False)


@dataclass
class JobFailure:
    """Why a job gave no value: it ran out of time, its worker died (`how`), or it could not be run at all."""
    kind: str  # timeout, died or error
    how: str = ""
    error: BaseException | None = None


class ProcessPoolEngine:
    """Jobs in a pool of worker processes on this machine (pebble); a job over the time limit, or whose worker
    dies, is stopped and its worker replaced."""

    def __init__(self, workers: int, settings: RunSettings):
        from pebble import ProcessPool
        _warm_up()  # forked workers inherit the loaded register and models instead of each loading them
        self.capacity = 2 * workers
        self.timeout = settings.file_timeout
        self.pool = ProcessPool(max_workers=workers, initializer=_quiet_worker)

    def submit(self, function, args: tuple):
        return self.pool.schedule(function, args=args, timeout=self.timeout)

    def wait(self, handles: list) -> list:
        from concurrent.futures import FIRST_COMPLETED, wait
        return list(wait(handles, return_when=FIRST_COMPLETED)[0])

    def outcome(self, handle) -> tuple[object, JobFailure | None]:
        from concurrent.futures import TimeoutError as JobTimeout

        from pebble import ProcessExpired
        try:
            return handle.result(), None
        except JobTimeout:
            return None, JobFailure("timeout")
        except ProcessExpired as error:
            return None, JobFailure("died", _death(error.exitcode))
        except Exception as error:  # the job could not even be handed over (a result that does not pickle...)
            return None, JobFailure("error", error=error)

    def close(self, early: bool) -> None:
        if early:
            self.pool.stop()
        else:
            self.pool.close()
        self.pool.join()


def _failure_row(failure: JobFailure, timeout: float, kind: str, index: int | None) -> tuple[str, str]:
    """(error class, message) for a job that ran out of time, lost its worker or could not be run."""
    what = f"OCR of page {index + 1}" if kind == "page" else "reading this file"
    doing = f"doing OCR of page {index + 1}" if kind == "page" else "reading this file"
    if failure.kind == "timeout":
        return "TimeoutError", (f"{what} took longer than the {timeout:g}-second limit (--file-timeout); "
                                "it was stopped and the run went on")
    if failure.kind == "died":
        return "WorkerDied", (f"the worker process {doing} {failure.how}; the file was given up, "
                              "the worker replaced and the run went on")
    return type(failure.error).__name__, _unexpected(failure.error, "the run")


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        cause = " (the system may have run out of memory)" if -exitcode == signal.SIGKILL else ""
        return f"was killed by {name}{cause}"
    return f"exited with status {exitcode}"


def _quiet_worker() -> None:
    """Workers say nothing on stderr: libraries' warnings (pdfminer's 'CropBox missing', ...) are not the
    user's business; every problem reaches the tables and the parent's one line. NTM_DEBUG keeps them."""
    if os.environ.get("NTM_DEBUG"):
        return
    quiet_libraries()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def quiet_libraries() -> None:
    """The readers' libraries keep their warnings to themselves (a Dask worker keeps its own stderr for its logs)."""
    if os.environ.get("NTM_DEBUG"):
        return
    import logging
    import warnings
    warnings.simplefilter("ignore")
    for name in ("pdfminer", "pdfplumber", "PIL", "pypdfium2", "docx"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _progress_bar(total: int, progress: bool):
    if not progress:
        return None
    from tqdm import tqdm
    return tqdm(total=total, unit="file", desc="read", file=sys.stderr, leave=False)


def ocr_page(path: str, index: int, lang: str) -> parsers.OcrPage | str:
    """One page of OCR in a worker; a page that cannot be read gives its one-line reason instead."""
    try:
        return parsers.read_page(path, index, lang)
    except Exception as error:  # the file's own pass reports it, as an error of that page
        return _one_line(error)


def _warm_up() -> None:
    import ntm.extract.document  # noqa: F401  (imports every stage and its cue tables)
    from ntm.extract.people import warm_up as load_ner_model
    from ntm.normalize.register import load_register
    from ntm.normalize.units_2025 import table as communes_2025
    from ntm.normalize.char_tables import warm_up as build_character_tables
    from ntm.parsers.ocr import warm_up as build_word_table
    from ntm.parsers.vocabulary import warm_up as build_unmarking_table
    from ntm.extract.prefilter import warm_up as build_whitespace_table
    load_register()
    build_character_tables()
    build_word_table()
    build_unmarking_table()
    build_whitespace_table()
    communes_2025()
    load_ner_model()
    # what is loaded now lives as long as the process: the cycle collector, which walked all of it at every full
    # collection (some 160,000 objects, 2-3 % of a run), leaves it out from here on, in forked workers too
    gc.collect()
    gc.freeze()
