"""The `ntm` command: run the pipeline, evaluate against gold, review name variants, print the schema."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ntm.parsers import DEFAULT_MAX_BYTES
from ntm.parsers.ocr import MODES as OCR_MODES

from .pipeline import DEFAULT_FILE_TIMEOUT
from .query import FORMATS as QUERY_FORMATS

DEFAULT_INPUT = Path("data/raw")
DEFAULT_OUTPUT = Path("data/parquet")


def _progress_wanted(verbosity: int = 0) -> bool:
    """A progress bar on a terminal, unless -q (nothing but errors) or -v (a line a file shows the progress)."""
    return verbosity == 0 and sys.stderr.isatty() and not os.environ.get("CI")


EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_RUN_FAILED = 0, 1, 2, 3


def cmd_run(args: argparse.Namespace) -> int:
    from .partition import LayoutMismatch
    from .store import OutputBusy, OutputUnusable, check_output

    inputs = [Path(p) for p in (args.paths or [DEFAULT_INPUT])]
    missing = [p for p in inputs if not p.exists() and not p.is_symlink()]
    if missing:
        print(f"ntm run: no such file or folder: {missing[0]}", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out)
    try:
        check_output(out)
    except OutputUnusable as error:
        print(f"ntm run: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(args, inputs, out)
    except OutputBusy as error:
        print(f"ntm run: {error}", file=sys.stderr)
        return EXIT_RUN_FAILED
    except LayoutMismatch as error:
        print(f"ntm run: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"\nntm run: interrupted; the tables in {out}/ were left as they were", file=sys.stderr)
        return 130
    except Exception as error:  # the run itself failed: say what, keep the previous tables
        if os.environ.get("NTM_DEBUG"):
            import traceback
            traceback.print_exc()
        print(f"ntm run: the run failed and the tables in {out}/ were left as they were: {_describe(error)}",
              file=sys.stderr)
        return EXIT_RUN_FAILED


def _describe(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror.lower()}{where}"
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:300]}" if text else type(error).__name__


def _run(args: argparse.Namespace, inputs: list[Path], out: Path) -> int:
    from .pipeline import RunSettings
    from .runner import Run
    from .store import OutputFolder

    settings = RunSettings(args.max_bytes, args.ocr, args.ocr_lang, args.file_timeout)
    with OutputFolder(out) as output:
        run = Run(output, inputs, settings, workers=args.workers, rebuild=args.rebuild,
                  aliases=Path(args.aliases), progress=_progress_wanted(args.verbosity), scheduler=args.scheduler,
                  verbosity=args.verbosity, partition=args.partition)
        run.read()
        counts = run.write()
    _print_summary(run, counts, out, args.verbosity)
    return EXIT_SOME_FAILED if run.failed or run.ocr_failed else EXIT_OK


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _ocr_summary(documents, empty_files: int = 0) -> str | None:
    """'OCR: 3 documents, 12 pages (mean confidence 94%); 1 document with no readable text; 1 empty file'."""
    scanned = [d for d in documents if d.ocr_pages]
    blank = [d for d in documents if d.status == "ok" and d.pages and len(d.unreadable_pages) == d.pages]
    if not scanned and not blank and not empty_files:
        return None
    parts = []
    if scanned:
        pages = sum(len(d.ocr_pages) for d in scanned)
        parts.append(f"OCR: {_plural(len(scanned), 'document')}, {_plural(pages, 'page')}")
        weighted = [(d.ocr_confidence, len(d.ocr_pages)) for d in scanned if d.ocr_confidence is not None]
        if weighted:
            mean = sum(c * n for c, n in weighted) / sum(n for _, n in weighted)
            parts[0] += f" (mean word confidence {mean:.0%})"
    if blank:
        parts.append(f"{_plural(len(blank), 'document')} with no readable text")
    if empty_files:
        parts.append(_plural(empty_files, "empty file"))
    return "; ".join(parts)


def _print_summary(run, counts, out: Path, verbosity: int = 0) -> None:
    n_files = run.n_read
    cached = f", {run.n_cached} unchanged since the last run" if run.n_cached else ""
    if run.unchanged:
        cached += "; nothing changed: the last run's tables stand"
    print(f"Read {n_files - run.failed} of {n_files} documents ({run.failed} failed, {run.n_skipped} skipped{cached})"
          f" -> {out}/")
    if verbosity < 0:  # -q: the one line above and the errors, nothing else
        return
    ocr_line = _ocr_summary(run.ocr_documents, run.n_empty)
    if ocr_line:
        print("  " + ocr_line)
    for name, n in counts.items():
        if name not in ("blocks",):
            print(f"  {name:<16}{n:>7} rows")
    kinds = run.flag_kinds
    if kinds:
        print("  findings: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report
    gold = Path(args.gold)
    if not gold.is_dir() or next(gold.glob("*.json"), None) is None:
        print(f"ntm eval: {'no gold .json files in' if gold.is_dir() else 'no such folder:'} {gold}", file=sys.stderr)
        return EXIT_USAGE
    folder = _data_folder("eval", args.data)
    if folder is None:
        return EXIT_USAGE
    report = evaluate(gold, folder)
    print(format_report(report, misses=args.misses))
    return 0


def cmd_variants(args: argparse.Namespace) -> int:
    import csv

    from ntm.normalize.corpus import ALIAS_FIELDS, alias_line, pending_variants
    folder = _data_folder("variants", args.data)
    if folder is None:
        return EXIT_USAGE
    rows = pending_variants(folder, Path(args.aliases))
    if not rows:
        if args.verbosity >= 0:
            print("No name variants await a decision.", file=sys.stderr)
        return 0
    # stdout is CSV in the aliases file's own format, so it pastes as it is; the advice goes to stderr
    if args.verbosity >= 0:
        print(f"{len(rows)} name variant{'s' * (len(rows) != 1)} await a decision: paste the lines into {args.aliases}, "
              "'confirmed' where the variant is the same place or person, 'rejected' where it is not "
              "(`ntm review` shows each in its documents)", file=sys.stderr)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(ALIAS_FIELDS)
    writer.writerows(alias_line(row, "confirmed") for row in rows)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from .review import ReviewError, write_review
    folder = _data_folder("review", args.data)
    if folder is None:
        return EXIT_USAGE
    try:
        summary = write_review(folder, Path(args.out))
    except ReviewError as error:
        print(f"ntm review: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {args.out} ({summary.bytes / 1e6:.1f} MB): {summary.documents} documents, {summary.facts} highlighted "
          f"spans, {summary.findings} findings, {summary.variants} name variants")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import schema_markdown
    text = schema_markdown()
    target = Path(args.write) if args.write else None
    if target:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        print(f"wrote {target}")
    else:
        print(text)
    return 0


def _data_folder(command: str, data: str) -> Path | None:
    """--data as a folder of a run's tables, or None after saying why (a usage error)."""
    from .query import find_tables
    folder = Path(data)
    if not folder.is_dir():
        print(f"ntm {command}: no such folder: {folder} (run `ntm run --out {folder}` first)", file=sys.stderr)
        return None
    if not find_tables(folder):
        print(f"ntm {command}: no tables in {folder} (run `ntm run --out {folder}` first)", file=sys.stderr)
        return None
    return folder


def cmd_query(args: argparse.Namespace) -> int:
    from .query import WRITERS, QueryError, default_format, execute
    folder = _data_folder("query", args.data)
    if folder is None:
        return EXIT_USAGE
    try:
        columns, rows = execute(folder, args.sql)
        WRITERS[args.format or default_format()](columns, rows, sys.stdout)
    except QueryError as error:
        sys.stdout.flush()
        print(f"ntm query: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from .search import BOLD, INDEX, MARKDOWN, IndexMissing, render, search
    folder = _data_folder("search", args.data)
    if folder is None:
        return EXIT_USAGE
    try:
        passages = search(folder / INDEX, args.text, args.limit)
    except IndexMissing as error:
        print(f"ntm search: {error}", file=sys.stderr)
        return EXIT_USAGE
    if not passages:
        print(f"ntm search: nothing matches {args.text!r}", file=sys.stderr)
        return 1
    if passages[0].partial:
        print(f"ntm search: no passage holds every word of {args.text!r}; these hold the most of them", file=sys.stderr)
    marks = BOLD if sys.stdout.isatty() else MARKDOWN
    for n, passage in enumerate(passages, 1):
        page = f", page {passage.page}" if passage.page is not None else ""
        print(f"{n}. {passage.source_file}{page}\n   {render(passage, marks)}")
    return 0


def _positive(kind, unit: str):
    """An argparse type: a number above zero, else a usage error that says so."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number of {unit}") from None
        if not value > 0 or value != value or value == float("inf"):
            raise argparse.ArgumentTypeError(f"{text} must be more than 0 {unit}")
        return value
    return parse


class _Parser(argparse.ArgumentParser):
    """A usage error is one line on stderr and exit 2, as for a missing folder: no usage block above it."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def installed_version() -> str:
    import importlib.metadata
    try:
        return importlib.metadata.version("ntm-extract")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _verbosity_options(parser: argparse.ArgumentParser, default) -> None:
    """-v / -q, accepted before the command (`ntm -q run`) and after it (`ntm run -q`)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=1, default=default,
                       help="a line for every file read or skipped")
    group.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1, default=default,
                       help="only errors and the one-line summary")


def _partition_keys(text: str) -> tuple[str, ...]:
    from .partition import parse_keys
    try:
        return parse_keys(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ntm", description=__doc__)
    parser.add_argument("--version", action="version", version=f"ntm {installed_version()}")
    _verbosity_options(parser, 0)
    common = argparse.ArgumentParser(add_help=False)
    _verbosity_options(common, argparse.SUPPRESS)  # a command's own -v/-q, without undoing one given before it
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    add_parser = sub.add_parser
    sub.add_parser = lambda *args, **kwargs: add_parser(*args, parents=[common], **kwargs)
    run = sub.add_parser("run", help="read report files and write the Parquet tables")
    run.add_argument("paths", nargs="*", help=f"files or folders (default {DEFAULT_INPUT}/)")
    run.add_argument("--out", default=str(DEFAULT_OUTPUT), help=f"output folder (default {DEFAULT_OUTPUT}/)")
    run.add_argument("--workers", type=_positive(int, "processes"), default=min(4, os.cpu_count() or 1),
                     help="parallel processes (default: up to 4)")
    run.add_argument("--max-bytes", type=_positive(int, "bytes"), default=DEFAULT_MAX_BYTES,
                     help="refuse files larger than this (default 50 MB)")
    run.add_argument("--file-timeout", type=_positive(float, "seconds"), default=DEFAULT_FILE_TIMEOUT, metavar="SECONDS",
                     help=f"give up a file (or an OCR page) after this long (default {DEFAULT_FILE_TIMEOUT:g})")
    run.add_argument("--rebuild", action="store_true",
                     help="read every file again, ignoring the results cached in the output folder")
    run.add_argument("--aliases", default="data/aliases.csv", help="reviewed name decisions (default data/aliases.csv)")
    run.add_argument("--ocr", choices=OCR_MODES, default="auto",
                     help="auto: OCR pages without a usable text layer and image files (default); off: never; "
                          "force: OCR every PDF page and image, ignoring text layers")
    run.add_argument("--ocr-lang", default="vie", help="Tesseract language model(s), e.g. vie (default) or vie+eng")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="read the files on a Dask cluster: tcp://host:8786, or 'local' for a cluster of --workers "
                          "processes on this machine; every worker must reach the input paths")
    run.add_argument("--partition", metavar="KEYS", type=_partition_keys, default=(),
                     help="write each table as a hive-partitioned dataset, OUT/<table>/document_province=.../"
                          "document_year=.../, by its document's province, district and/or year (e.g. province,year); "
                          "each run adds a batch")
    run.set_defaults(func=cmd_run)
    ev = sub.add_parser("eval", help="score a run's tables against gold annotations (FORMAT.md)")
    ev.add_argument("gold", help="folder of gold .json files")
    ev.add_argument("--data", default=str(DEFAULT_OUTPUT), help="folder of a run's Parquet tables")
    ev.add_argument("--misses", action="store_true", help="list missed and extra rows per document")
    ev.set_defaults(func=cmd_eval)
    va = sub.add_parser("variants", help="list name variants that await a reviewer's decision")
    va.add_argument("--data", default=str(DEFAULT_OUTPUT))
    va.add_argument("--aliases", default="data/aliases.csv")
    va.set_defaults(func=cmd_variants)
    rv = sub.add_parser("review", help="write one self-contained HTML page to review a run's facts, findings and name variants")
    rv.add_argument("--data", default=str(DEFAULT_OUTPUT), help=f"folder of a run's Parquet tables (default {DEFAULT_OUTPUT}/)")
    rv.add_argument("--out", required=True, help="the HTML file to write (review.html)")
    rv.set_defaults(func=cmd_review)
    sc = sub.add_parser("schema", help="print the output schema as markdown")
    sc.add_argument("--write", metavar="FILE", help="write it to FILE (docs/schema.md)")
    sc.set_defaults(func=cmd_schema)
    qu = sub.add_parser("query", help="run SQL (DuckDB) over a run's tables, one view a table")
    qu.add_argument("sql", help="e.g. \"SELECT unit, criterion FROM criteria_status WHERE status = 'unmet'\"")
    qu.add_argument("--data", default=str(DEFAULT_OUTPUT), help=f"folder of a run's tables (default {DEFAULT_OUTPUT}/)")
    qu.add_argument("--format", choices=QUERY_FORMATS,
                    help="table (default on a terminal), csv (default in a pipe) or json")
    qu.set_defaults(func=cmd_query)
    se = sub.add_parser("search", help="search every document's text, with or without Vietnamese marks")
    se.add_argument("text", help="words to find, e.g. \"long dong giao thong\"; \"quoted words\" as a phrase")
    se.add_argument("--data", default=str(DEFAULT_OUTPUT), help=f"folder of a run's tables (default {DEFAULT_OUTPUT}/)")
    se.add_argument("--limit", type=_positive(int, "passages"), default=10, help="passages to show (default 10)")
    se.set_defaults(func=cmd_search)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `ntm eval ... | head`: the reader went away; nothing is wrong
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
