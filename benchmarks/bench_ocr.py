"""OCR benchmark: character error rate, pages per second, and the facts read from scans against the text layer.

The corpus is the project's own documents (data/raw, tests/corpus*/raw): each is rendered to a born-digital
PDF (the four PDFs as they are; the .txt and .docx through their text model, tables as ruled tables), then
scanned by the simulated scanner of tests/ocr_fixtures/scanner.py at three qualities:

  clean   300 dpi, grey, lossless
  office  200 dpi, grey, 0.7° skew, noise, softened, JPEG quality 60
  fax     150 dpi, black and white, 0.4° skew, heavy noise

For every quality the scans and the born-digital PDFs go through the whole pipeline (`ntm run` passes), and
both runs are scored against the gold files (tests/gold, tests/corpus*/gold). CER compares each scan's
canonical text with its born-digital twin's.

    .venv/bin/python benchmarks/bench_ocr.py [--qualities clean,office,fax] [--limit N] [--workers 2]
                                             [--corpus DIR] [--json out.json]
"""
from __future__ import annotations

import argparse
import difflib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from ocr_fixtures.scanner import QUALITIES, scan_pdf  # noqa: E402

import pypdfium2 as pdfium  # noqa: E402

from ntm import parsers  # noqa: E402
from ntm.normalize.vntext import levenshtein  # noqa: E402

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SOURCES = [(ROOT / "data" / "raw", ROOT / "tests" / "gold")] + [
    (folder / "raw", folder / "gold") for folder in sorted((ROOT / "tests").glob("corpus*")) if (folder / "gold").is_dir()]


# --- the born-digital corpus ------------------------------------------------------------------

def _render(document, target: Path) -> None:
    """A text model drawn as an A4 PDF: paragraphs in order, a ruled table for every table's cells."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=15, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName="DejaVuSans", fontSize=9, leading=11)
    story, table = [], None
    for block in document.blocks:
        text = escape(document.block_text(block))
        if block.kind == "table_cell":
            if table is None or table[0] != block.table:
                table = (block.table, {})
                story.append(table)
            table[1][(block.row, block.col)] = Paragraph(text, cell)
            continue
        table = None
        story.append(Paragraph(text, body))
    flow = []
    for item in story:
        if isinstance(item, tuple):
            cells = item[1]
            rows, cols = max(r for r, _ in cells) + 1, max(c for _, c in cells) + 1
            grid = Table([[cells.get((r, c), "") for c in range(cols)] for r in range(rows)], colWidths=[440 / cols] * cols)
            grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow += [grid, Spacer(1, 8)]
        else:
            flow.append(item)
    SimpleDocTemplate(str(target), pagesize=A4, leftMargin=70, rightMargin=70, topMargin=60, bottomMargin=60).build(flow)


def build_corpus(folder: Path, limit: int | None) -> tuple[Path, Path]:
    """folder/text/*.pdf (born-digital) and folder/gold/*.json (gold with the PDFs' file names)."""
    text_dir, gold_dir = folder / "text", folder / "gold"
    text_dir.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(exist_ok=True)
    count = 0
    for raw, gold in SOURCES:
        for gold_file in sorted(gold.glob("*.json")):
            if limit is not None and count >= limit:
                return text_dir, gold_dir
            entry = json.loads(gold_file.read_text("utf-8"))
            source = raw / entry["file"]
            if not source.exists():
                continue
            name = Path(entry["file"]).stem.replace(".", "_") + ".pdf"
            target = text_dir / name
            if not target.exists():
                if source.suffix.lower() == ".pdf":
                    shutil.copy(source, target)
                else:
                    _render(parsers.parse_file(source), target)
            entry["file"] = name
            (gold_dir / (name + ".json")).write_text(json.dumps(entry, ensure_ascii=False), "utf-8")
            count += 1
    return text_dir, gold_dir


# --- measures ---------------------------------------------------------------------------------

def char_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(character edits, reference characters) over whitespace-normalised text; the texts are aligned word
    by word first and only the differing stretches are compared character by character."""
    ref, hyp = reference.split(), hypothesis.split()
    edits = 0
    matcher = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        a, b = " ".join(ref[i1:i2]), " ".join(hyp[j1:j2])
        edits += levenshtein(a, b, limit=max(len(a), len(b))) if len(a) * len(b) <= 4_000_000 else max(len(a), len(b))
    return edits, len(" ".join(ref))


def run_pipeline(folder: Path, out: Path, workers: int, ocr: str) -> tuple[dict, float]:
    """The pipeline's passes over a folder, tables written; (documents by file name, CPU-free wall seconds)."""
    from ntm.pipeline import RunSettings, discover, run_files
    from ntm.writer import write_tables
    files, _ = discover([folder])
    tables: dict[str, list] = {"documents": [], "errors": []}
    started = time.perf_counter()
    for result in run_files(files, workers, RunSettings(ocr=ocr), progress=False):
        tables["documents"].append(result.document)
        for name, rows in result.tables.items():
            tables.setdefault(name, []).extend(rows)
        tables["errors"].extend(result.errors)
    seconds = time.perf_counter() - started
    write_tables(out, tables, {"bench": "ocr"})
    return tables, seconds


def _texts(tables: dict) -> dict[str, str]:
    by_doc: dict[str, list] = {}
    for block in tables.get("blocks", []):
        by_doc.setdefault(block.doc_id, []).append(block.text)
    return {Path(d.source_file).name: "\n".join(by_doc.get(d.doc_id, [])) for d in tables["documents"]}


def _flags(tables: dict) -> dict[str, set]:
    names = {d.doc_id: Path(d.source_file).name for d in tables["documents"]}
    found: dict[str, set] = {}
    for flag in tables.get("flags", []):
        found.setdefault(names[flag.doc_id], set()).add((flag.kind, tuple(sorted(flag.values))))
    return found


def scores(gold: Path, data: Path) -> dict:
    from ntm.evaluate import evaluate
    report = evaluate(gold, data)
    out = {name: round(score.f1, 3) for name, score in report.tables.items()}
    out["document fields"] = round(report.field_accuracy, 3)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--qualities", default="clean,office,fax")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=None, help="keep the PDFs and scans here (reused)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--psm", type=int, default=None, help="Tesseract page segmentation mode (default: ocr.toml)")
    args = parser.parse_args(argv)
    if args.psm is not None:
        from ntm.parsers.ocr import settings
        settings()["tesseract"]["page_segmentation"] = args.psm  # before the pool forks its workers
    folder = args.corpus or Path(tempfile.mkdtemp(prefix="ntm-bench-ocr-"))
    text_dir, gold_dir = build_corpus(folder, args.limit)
    pages_total = sum(len(pdfium.PdfDocument(p)) for p in text_dir.glob("*.pdf"))
    print(f"corpus: {len(list(text_dir.glob('*.pdf')))} documents, {pages_total} pages in {folder}")
    baseline_tables, _ = run_pipeline(text_dir, folder / "out-text", args.workers, "off")
    baseline = scores(gold_dir, folder / "out-text")
    baseline_texts, baseline_flags = _texts(baseline_tables), _flags(baseline_tables)
    results = {"text layer": {"scores": baseline}}
    for key in args.qualities.split(","):
        quality = QUALITIES[key]
        scans = folder / f"scan-{key}"
        scans.mkdir(exist_ok=True)
        for pdf in sorted(text_dir.glob("*.pdf")):
            if not (scans / pdf.name).exists():
                scan_pdf(pdf, scans / pdf.name, quality)
        tables, seconds = run_pipeline(scans, folder / f"out-{key}", args.workers, "auto")
        texts = _texts(tables)
        edits = chars = 0
        for name, reference in baseline_texts.items():
            e, n = char_errors(reference, texts.get(name, ""))
            edits, chars = edits + e, chars + n
        pages = sum(len(d.ocr_pages) for d in tables["documents"])
        flags = _flags(tables)
        new_flags = {name: sorted(found - baseline_flags.get(name, set())) for name, found in flags.items()}
        results[key] = {
            "quality": quality.name, "cer": round(edits / max(1, chars), 4), "pages": pages,
            "seconds": round(seconds, 1), "pages_per_second": round(pages / seconds, 3),
            "workers": args.workers, "scores": scores(gold_dir, folder / f"out-{key}"),
            "flags_not_on_text_layer": {k: [list(map(str, f)) for f in v] for k, v in new_flags.items() if v},
        }
        print(f"{key}: CER {results[key]['cer']:.2%}, {pages} pages in {seconds:.0f} s "
              f"({results[key]['pages_per_second']:.2f} pages/s with {args.workers} workers)")
    _print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    if not args.corpus:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def _print_table(results: dict) -> None:
    columns = list(results)
    names = list(results["text layer"]["scores"])
    print("\n| F1 | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name in names:
        cells = []
        for column in columns:
            value = results[column]["scores"][name]
            delta = value - results["text layer"]["scores"][name]
            cells.append(f"{value:.3f}" + (f" ({delta:+.3f})" if column != "text layer" and abs(delta) >= 0.0005 else ""))
        print(f"| {name} | " + " | ".join(cells) + " |")
    for column in columns[1:]:
        extra = results[column]["flags_not_on_text_layer"]
        print(f"{column}: findings on the scans that the text layer does not give: "
              + ("none" if not extra else json.dumps(extra, ensure_ascii=False)))


if __name__ == "__main__":
    sys.exit(main())
