"""The `ntm` command: run the pipeline, evaluate against gold, review name variants, print the schema."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections import Counter
from pathlib import Path

from parsers.ocr import MODES as OCR_MODES

DEFAULT_INPUT = Path("data/raw")
DEFAULT_OUTPUT = Path("data/parquet")


def _progress_wanted() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def cmd_run(args: argparse.Namespace) -> int:
    from parsers import DEFAULT_MAX_BYTES
    from .pipeline import RunSettings, discover, run_files
    from .records import DocumentRow, ErrorRow
    from .writer import write_tables

    inputs = [Path(p) for p in (args.paths or [DEFAULT_INPUT])]
    missing = [p for p in inputs if not p.exists()]
    if missing:
        print(f"ntm run: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    files, skipped = discover(inputs, args.ocr)
    tables: dict[str, list] = {"documents": [], "errors": []}
    failed = 0
    settings = RunSettings(args.max_bytes or DEFAULT_MAX_BYTES, args.ocr, args.ocr_lang)
    for result in run_files(files, args.workers, settings, _progress_wanted()):
        tables["documents"].append(result.document)
        for name, rows in result.tables.items():
            tables.setdefault(name, []).extend(rows)
        tables["errors"].extend(result.errors)
        if result.document.status != "ok":
            failed += 1
        for error in result.errors:
            print(f"ntm: {error.path}: {error.stage}: {error.message}", file=sys.stderr)
        if result.document.status == "ok" and result.document.pages and \
                len(result.document.unreadable_pages) == result.document.pages:
            print(f"ntm: {result.path}: no readable text on any page"
                  + (" (scanned? run with --ocr auto)" if args.ocr == "off" else ""), file=sys.stderr)
    for path in skipped:
        if args.ocr == "off" and path.suffix.lower() in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
            reason = f"skipped: {path.suffix} is an image, read only by OCR (--ocr off)"
        else:
            reason = f"skipped: {path.suffix or 'no extension'} is not a report format (txt, md, docx, doc, pdf, png, jpg, tif)"
        tables["documents"].append(DocumentRow(doc_id="", source_file=str(path), format=path.suffix.lstrip(".").lower(),
                                               status="skipped", message=reason))
    try:
        from normalize.corpus import review_corpus
        review_corpus(tables, aliases_path=Path(args.aliases))
    except Exception as error:  # corpus review must never lose the per-document tables
        tables["errors"].append(ErrorRow(path="(corpus)", stage="normalize", error_class=type(error).__name__,
                                         message=str(error).splitlines()[0][:300] if str(error) else type(error).__name__))
        print(f"ntm: corpus review failed: {error}", file=sys.stderr)
    run_info = {"started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "inputs": [str(p) for p in inputs], "files": len(files), "skipped": len(skipped)}
    counts = write_tables(Path(args.out), tables, run_info)
    _print_summary(tables, counts, len(files), failed, len(skipped), Path(args.out))
    ocr_failed = any(e.stage == "ocr" for e in tables["errors"])
    return 1 if failed or ocr_failed else 0


def _ocr_summary(documents) -> str | None:
    """'OCR: 3 documents, 12 pages (mean confidence 94%); 1 document with no readable text'."""
    scanned = [d for d in documents if d.ocr_pages]
    blank = [d for d in documents if d.status == "ok" and d.pages and len(d.unreadable_pages) == d.pages]
    if not scanned and not blank:
        return None
    pages = sum(len(d.ocr_pages) for d in scanned)
    parts = [f"OCR: {len(scanned)} document{'s' * (len(scanned) != 1)}, {pages} page{'s' * (pages != 1)}"]
    weighted = [(d.ocr_confidence, len(d.ocr_pages)) for d in scanned if d.ocr_confidence is not None]
    if weighted:
        mean = sum(c * n for c, n in weighted) / sum(n for _, n in weighted)
        parts[0] += f" (mean word confidence {mean:.0%})"
    if blank:
        parts.append(f"{len(blank)} document{'s' * (len(blank) != 1)} with no readable text")
    return "; ".join(parts)


def _print_summary(tables, counts, n_files, failed, skipped, out: Path) -> None:
    print(f"Read {n_files - failed} of {n_files} documents ({failed} failed, {skipped} skipped) -> {out}/")
    ocr_line = _ocr_summary(tables["documents"])
    if ocr_line:
        print("  " + ocr_line)
    for name, n in counts.items():
        if name not in ("blocks",):
            print(f"  {name:<16}{n:>7} rows")
    kinds = Counter(f.kind for f in tables.get("flags", []))
    if kinds:
        print("  findings: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report
    report = evaluate(Path(args.gold), Path(args.data))
    print(format_report(report, misses=args.misses))
    return 0


def cmd_variants(args: argparse.Namespace) -> int:
    from normalize.corpus import pending_variants
    rows = pending_variants(Path(args.data), Path(args.aliases))
    if not rows:
        print("No name variants await a decision.")
        return 0
    print("level,scope,variant,canonical,decision   # copy lines into", args.aliases, "with decision confirmed/rejected")
    for row in rows:
        print(f"{row['level']},{row['scope'] or ''},{row['variant']},{row['canonical']},  # {row['occurrences']}x, {row['method']}, confidence {row['confidence']:.2f}")
    return 0


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ntm", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="read report files and write the Parquet tables")
    run.add_argument("paths", nargs="*", help=f"files or folders (default {DEFAULT_INPUT}/)")
    run.add_argument("--out", default=str(DEFAULT_OUTPUT), help=f"output folder (default {DEFAULT_OUTPUT}/)")
    run.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1), help="parallel processes")
    run.add_argument("--max-bytes", type=int, default=None, help="refuse files larger than this (default 50 MB)")
    run.add_argument("--aliases", default="data/aliases.csv", help="reviewed name decisions (default data/aliases.csv)")
    run.add_argument("--ocr", choices=OCR_MODES, default="auto",
                     help="auto: OCR pages without a usable text layer and image files (default); off: never; "
                          "force: OCR every PDF page and image, ignoring text layers")
    run.add_argument("--ocr-lang", default="vie", help="Tesseract language model(s), e.g. vie (default) or vie+eng")
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
    sc = sub.add_parser("schema", help="print the output schema as markdown")
    sc.add_argument("--write", metavar="FILE", help="write it to FILE (docs/schema.md)")
    sc.set_defaults(func=cmd_schema)
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
