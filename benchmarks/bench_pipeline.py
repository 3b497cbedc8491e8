#!/usr/bin/env python
"""Pipeline throughput: what `ntm run` costs per page against the bare readers, where that CPU goes, what a
second worker and a Dask cluster give, and documents per second on a large archive.

    .venv/bin/python benchmarks/bench_pipeline.py                 # full run, about 10-15 minutes on 2 cores
    .venv/bin/python benchmarks/bench_pipeline.py --quick         # small sizes, about 2 minutes
    .venv/bin/python benchmarks/bench_pipeline.py --parts pages,stages --keep /tmp/ntm-pipe   # some parts, reuse files
    .venv/bin/python benchmarks/bench_pipeline.py --profile       # also cProfile the in-process run (hot functions)

Parts (`--parts`, default all):
  pages    CPU per page of `ntm run --workers 1` and of the bare readers (pypdfium2 `get_text_range`, python-docx
           paragraphs and cells, a plain read of the .txt) on the same generated reports, as the slope between two
           corpus sizes (same files, more pages each) so start-up, imports and the register do not blur it.
  stages   the same runs in one process with the pool replaced by a loop, each stage timed with process_time:
           parse, extract (each extractor), NER (underthesea), normalise (units, findings, corpus review), write.
  workers  `ntm run` with 1 and 2 workers on the larger corpus (PDF + DOCX + TXT): wall, CPU, peak memory;
           and `--scheduler local` (Dask LocalCluster) when `ntm run --help` offers it.
  archive  documents per second on a generated archive (notices of bench_archive.py as .txt, reports as PDF).
  instructions  instructions per extra PDF page counted by valgrind (`apt-get install valgrind`; about 4 minutes):
           ours in one process and bare pypdfium2, the slope between the two sizes. Unlike CPU time, the count
           does not move with the load of a shared machine: it shows a change of a few per cent that timing hides.

CPU is user + system time from getrusage(RUSAGE_CHILDREN) for runs in a child process (it includes the pool's
workers once they are waited for), process_time in-process; it is the best of --repeat runs. See
benchmarks/README.md ("Pipeline throughput") for the figures and what they mean.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_archive import build_archive, run as run_ntm  # noqa: E402
from bench_ingest import COMMUNES, DISTRICTS, HEADINGS, page_blocks, render_docx, render_pdf, _fill, _paragraph  # noqa: E402
from notices import FAMILY, GIVEN, MIDDLE, MIN_COMMUNES, _nameable_communes  # noqa: E402

PARTS = ("pages", "stages", "workers", "archive", "instructions")
FORMATS = ("pdf", "docx", "txt")
BARE = {"pdf": "pypdfium2", "docx": "python-docx", "txt": "plain read"}
CORPUS_VERSION = 2
ARCHIVE_DISTINCT_REPORTS = 200  # reports rendered for the archive; the other PDFs are copies


# --------------------------------------------------------------------------------------------
# Reports: a real district's letterhead, body pages from bench_ingest's templates, a signature
# --------------------------------------------------------------------------------------------

_FICTIONAL = regex.compile("|".join(regex.escape(n) for n in sorted(COMMUNES + DISTRICTS, key=len, reverse=True)))


# officials named near their office, as reports name them (our own wording): the people stage's NER reads these
OFFICIALS = [
    "Đoàn kiểm tra của huyện do ông {name}, Phó Chủ tịch Ủy ban nhân dân huyện {district} làm trưởng đoàn đã "
    "kiểm tra thực tế tại xã {commune} và đánh giá cao sự vào cuộc của cả hệ thống chính trị.",
    "Đồng chí {name}, Bí thư Đảng ủy xã {commune}, đề nghị các thôn tiếp tục vận động nhân dân hiến đất, "
    "đóng góp ngày công để hoàn thành các tuyến đường giao thông nông thôn.",
    "Bà {name}, Trưởng phòng Nông nghiệp và Phát triển nông thôn huyện, báo cáo tiến độ giải ngân vốn đầu tư "
    "công và đề xuất điều chuyển vốn cho các xã có khối lượng hoàn thành lớn.",
    "Theo báo cáo của ông {name}, Chủ tịch Ủy ban nhân dân xã {commune}, các tiêu chí về môi trường và an toàn "
    "thực phẩm vẫn là những tiêu chí khó duy trì nhất trên địa bàn.",
]
OFFICIAL_SHARE = 0.6  # of body pages that name an official


def _districts(register):
    return sorted((d for d in register.districts if d.kind == "Huyện"
                   and len(_nameable_communes(register.communes_of[d.code])) >= MIN_COMMUNES), key=lambda d: d.code)


def report_content(district, communes: list[str], province, pages: int, year: int, rng: random.Random):
    """`content(page)` for bench_ingest.render_pdf: the templates' made-up places become the district's own."""
    real = {name: communes[i % len(communes)] for i, name in enumerate(COMMUNES)}
    real.update({name: district.name for name in DISTRICTS})

    def placed(blocks):
        return [(kind, _FICTIONAL.sub(lambda m: real[m.group(0)], text)) for kind, text in blocks]

    day, month = rng.randint(1, 28), rng.randint(6, 12)
    letterhead = [("line", line) for line in (
        "ỦY BAN NHÂN DÂN", f"HUYỆN {district.name.upper()}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", f"Số: {rng.randint(5, 480)}/BC-UBND",
        f"{district.name}, ngày {day} tháng {month} năm {year}")]
    letterhead += [("heading", "BÁO CÁO"), ("paragraph", f"Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng "
                                                       f"nông thôn mới trên địa bàn huyện {district.name} năm {year}"),
                   ("paragraph", f"Thực hiện chỉ đạo của Ủy ban nhân dân {province.kind.lower()} {province.name}, "
                                 f"Ủy ban nhân dân huyện {district.name} báo cáo kết quả như sau:")]
    signer = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    closing = [("line", line) for line in (
        "Nơi nhận:", f"- UBND {province.kind.lower()} {province.name};", "- Văn phòng Điều phối NTM tỉnh;",
        "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", signer)]

    def content(number: int):
        if number == pages:  # a short last page, so the signature fits
            body = [("heading", _fill(rng.choice(HEADINGS), rng)), ("paragraph", _paragraph(rng))]
            return (letterhead if number == 1 else []) + placed(body) + closing
        body = page_blocks(rng)
        if rng.random() < OFFICIAL_SHARE:
            body.insert(2, ("paragraph", rng.choice(OFFICIALS).format(
                name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", commune=rng.choice(communes),
                district=district.name)))
        return (letterhead if number == 1 else []) + placed(body)
    return content


def as_text(blocks: list[tuple[str, str]]) -> str:
    """The drawn blocks as a .txt report: a blank line between blocks; list items, and the lines of the
    letterhead and of the signature block, on consecutive lines."""
    out: list[str] = []
    previous = None
    for kind, text in blocks:
        if out and not (kind == previous and kind in ("list", "line")):
            out.append("")
        out.append(text)
        previous = kind
    return "\n".join(out) + "\n"


def build_reports(folder: Path, files: int, pages: int, seed: int) -> Path:
    """`files` reports of `pages` pages each, as PDF, DOCX and TXT with the same text (reused when present).
    The same seed gives the same districts at every size, so two sizes differ only in pages."""
    from ntm.normalize.register import load_register

    stamp = folder / "corpus.json"
    wanted = {"version": CORPUS_VERSION, "files": files, "pages": pages, "seed": seed}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    for fmt in FORMATS:
        (folder / fmt).mkdir(parents=True)
    register = load_register()
    districts = random.Random(seed).sample(_districts(register), files)
    for i, district in enumerate(districts):
        rng = random.Random(f"{seed}:{i}")
        communes = [u.name for u in _nameable_communes(register.communes_of[district.code])]
        province = register.provinces[district.province]
        year = rng.randint(2021, 2024)
        title = f"UBND huyện {district.name} - Báo cáo kết quả xây dựng nông thôn mới năm {year}"
        stem = f"bc_{i:03d}"
        drawn = render_pdf(folder / "pdf" / f"{stem}.pdf", title, pages, rng,
                           report_content(district, communes, province, pages, year, rng))
        render_docx(folder / "docx" / f"{stem}.docx", title, drawn, rng)
        (folder / "txt" / f"{stem}.txt").write_text(as_text(drawn), "utf-8")
    stamp.write_text(json.dumps(wanted))
    return folder


def build_mixed_archive(folder: Path, documents: int, pdf_share: float, pdf_pages: int, seed: int) -> Path:
    """`documents` files: bench_archive's notices as .txt, and a `pdf_share` of them as `pdf_pages`-page reports."""
    stamp = folder / "archive.json"
    wanted = {"version": CORPUS_VERSION, "documents": documents, "pdf_share": pdf_share, "pdf_pages": pdf_pages,
              "seed": seed}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    pdfs = round(documents * pdf_share)
    build_archive(folder / "txt", documents - pdfs, seed)
    distinct = min(pdfs, ARCHIVE_DISTINCT_REPORTS)
    reports = build_reports(folder.with_name(folder.name + "-reports"), distinct, pdf_pages, seed)
    (folder / "pdf").mkdir()
    for i in range(pdfs):  # copies with a distinct trailing comment: each has its own hash and costs a full read
        data = (reports / "pdf" / f"bc_{i % distinct:03d}.pdf").read_bytes()
        (folder / "pdf" / f"bc_{i:05d}.pdf").write_bytes(data + f"\n% copy {i}\n".encode())
    stamp.write_text(json.dumps(wanted))
    return folder


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------

def bare_pass(fmt: str, folder: Path) -> dict:
    """CPU seconds (process_time) of the bare reader over every file of `fmt` in `folder`, imports excluded."""
    files = sorted((folder / fmt).iterdir())
    if fmt == "pdf":
        import pypdfium2

        def read(path: Path) -> int:
            pdf = pypdfium2.PdfDocument(path)
            try:
                return sum(len(page.get_textpage().get_text_range()) for page in pdf)
            finally:
                pdf.close()
    elif fmt == "docx":
        import docx

        def read(path: Path) -> int:
            document = docx.Document(str(path))
            return (sum(len(p.text) for p in document.paragraphs)
                    + sum(len(c.text) for t in document.tables for row in t.rows for c in row.cells))
    else:
        def read(path: Path) -> int:
            return len(path.read_text("utf-8"))
    started = time.process_time()
    chars = sum(read(path) for path in files)
    return {"cpu_seconds": time.process_time() - started, "chars": chars}


def child(*args: str) -> dict:
    """This script in a fresh interpreter (one of the hidden child modes), its JSON answer."""
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], cwd=ROOT, capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"child {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    if "--profile" in args:
        sys.stderr.write(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def best(runs: list[dict], key: str) -> float:
    return min(r[key] for r in runs)


def measure_pages(small: Path, large: Path, files: int, pages: tuple[int, int], repeat: int,
                  scratch: Path) -> list[dict]:
    rows = []
    extra = files * (pages[1] - pages[0])
    for fmt in FORMATS:
        cpu = {}
        for name, folder in (("small", small), ("large", large)):
            ours = [run_ntm(folder / fmt, scratch / f"out-{fmt}-{name}-{r}", 1) for r in range(repeat)]
            bare = [child("--bare", fmt, str(folder)) for _ in range(repeat)]
            cpu[name] = (best(ours, "cpu_seconds"), best(bare, "cpu_seconds"))
            for r in range(repeat):
                shutil.rmtree(scratch / f"out-{fmt}-{name}-{r}", ignore_errors=True)
        ours_ms = (cpu["large"][0] - cpu["small"][0]) / extra * 1000
        bare_ms = (cpu["large"][1] - cpu["small"][1]) / extra * 1000
        rows.append({"format": fmt, "ours_cpu": [cpu["small"][0], cpu["large"][0]], "ours_ms_per_page": ours_ms,
                     "bare": BARE[fmt], "bare_cpu": [cpu["small"][1], cpu["large"][1]], "bare_ms_per_page": bare_ms,
                     "ratio": ours_ms / bare_ms if bare_ms > 0 else None})
        print(f"  {fmt}: ntm run {ours_ms:.1f} ms/page, {BARE[fmt]} {bare_ms:.2f} ms/page", flush=True)
    return rows


def instructions_child(mode: str, folder: Path) -> None:
    """What the instructions part counts, in this process: one whole in-process run over the PDFs of `folder`
    (imports and start-up included: the slope between the two sizes takes them out), or the bare reader."""
    if mode == "bare":
        bare_pass("pdf", folder)
        return
    import ntm.pipeline
    import ntm.runner
    from ntm.pipeline import RunSettings
    ntm.pipeline._warm_up()
    ntm.runner.run_files = _serial
    whole_run(folder, RunSettings())


def _instructions(mode: str, folder: Path) -> int:
    """Instructions executed by `instructions_child`, counted by valgrind (cachegrind without its cache model):
    the same count on every run of the same code on the same files, however busy the machine."""
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           sys.executable, str(Path(__file__).resolve()), "--instructions-child", mode, str(folder)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = regex.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"valgrind {mode} {folder} failed:\n{done.stderr[-3000:]}")
    return int(found.group(1).replace(",", ""))


def measure_instructions(small: Path, large: Path, files: int, pages: tuple[int, int]) -> dict:
    """Instructions per extra PDF page: ours in one process (parse, extract, normalise, write) and bare pypdfium2,
    each the slope between the two corpus sizes."""
    if shutil.which("valgrind") is None:
        return {"skipped": "valgrind is not installed (apt-get install valgrind)"}
    extra = files * (pages[1] - pages[0])
    counts = {mode: [_instructions(mode, small), _instructions(mode, large)] for mode in ("ours", "bare")}
    per_page = {mode: (large_count - small_count) / extra for mode, (small_count, large_count) in counts.items()}
    print(f"  ours {per_page['ours'] / 1e6:.1f} M instructions/page, pypdfium2 {per_page['bare'] / 1e6:.1f} M", flush=True)
    return {"counts": counts, "per_page": per_page, "ratio": per_page["ours"] / per_page["bare"]}


def measure_workers(corpus: Path, repeat: int, scratch: Path) -> list[dict]:
    configs = [("pool, 1 worker", 1, ()), ("pool, 2 workers", 2, ())]
    help_text = subprocess.run([sys.executable, "-m", "ntm.cli", "run", "--help"], cwd=ROOT, capture_output=True,
                               text=True).stdout
    dask = "--scheduler" in help_text
    if dask:
        configs.append(("Dask LocalCluster, 2 workers", 2, ("--scheduler", "local")))
    rows = []
    for label, workers, extra in configs:
        runs = []
        for r in range(repeat):
            out = scratch / f"out-workers-{workers}-{len(extra)}-{r}"
            runs.append(run_ntm(corpus, out, workers, *extra))
            runs[-1]["stdout"] = runs[-1]["stdout"].replace(str(out), "OUT")
            shutil.rmtree(out, ignore_errors=True)
        rows.append({"config": label, "seconds": best(runs, "seconds"), "cpu_seconds": best(runs, "cpu_seconds"),
                     "main_mb": runs[0]["main_mb"], "worker_mb": runs[0]["worker_mb"], "tree_mb": runs[0]["tree_mb"],
                     "stdout": runs[0]["stdout"]})
        print(f"  {label}: {rows[-1]['seconds']:.1f} s wall, {rows[-1]['cpu_seconds']:.1f} s CPU", flush=True)
    for row in rows[1:]:
        row["same_rows_as_1_worker"] = row.pop("stdout") == rows[0]["stdout"]
    rows[0].pop("stdout")
    if not dask:
        rows.append({"config": "Dask LocalCluster", "skipped": "`ntm run --help` has no --scheduler option yet"})
    return rows


def measure_archive(folder: Path, workers: int, scratch: Path) -> dict:
    documents = sum(1 for p in folder.rglob("*") if p.suffix in (".txt", ".pdf"))
    out = scratch / "out-archive"
    result = run_ntm(folder, out, workers)
    shutil.rmtree(out, ignore_errors=True)
    return {"documents": documents, "pdf": sum(1 for _ in (folder / "pdf").iterdir()), "workers": workers,
            "seconds": result["seconds"], "cpu_seconds": result["cpu_seconds"],
            "documents_per_second": documents / result["seconds"],
            "cpu_ms_per_document": result["cpu_seconds"] / documents * 1000, "tree_mb": result["tree_mb"],
            "summary": result["summary"]}


# --------------------------------------------------------------------------------------------
# Stages: the whole run in one process, the pool replaced by a loop, each stage timed
# --------------------------------------------------------------------------------------------

# label, module, attribute ("Class.method" for a method; "a|b": the first that exists), parent label (None: a stage
# of the run)
STAGES = [
    ("discover + hash files", "ntm.runner", "discover_all", None),
    ("parse", "ntm.parsers", "parse_file", None),
    ("extract + normalise (per document)", "ntm.extract.document", "extract_document", None),
    ("header", "ntm.extract.document", "read_header", "extract + normalise (per document)"),
    ("context: mentions, scopes", "ntm.extract.context", "DocContext.__post_init__", "extract + normalise (per document)"),
    ("context: mentions, scopes", "ntm.extract.context", "DocContext.reread_mentions", "extract + normalise (per document)"),
    ("context: mentions, scopes", "ntm.extract.context", "DocContext.add_mentions", "extract + normalise (per document)"),
    ("normalise: units against the register", "ntm.extract.document", "resolve_names", "extract + normalise (per document)"),
    ("normalise: units against the register", "ntm.extract.document", "_communes_named_bare", "extract + normalise (per document)"),
    ("criteria_counts", "ntm.extract.document", "read_counts", "extract + normalise (per document)"),
    ("criteria_status", "ntm.extract.document", "read_statuses", "extract + normalise (per document)"),
    ("averages", "ntm.extract.document", "read_averages", "extract + normalise (per document)"),
    ("averages", "ntm.extract.document", "read_average_tables", "extract + normalise (per document)"),
    ("funding", "ntm.extract.document", "read_funding|funding_rows", "extract + normalise (per document)"),
    ("deadlines", "ntm.extract.document", "read_deadlines", "extract + normalise (per document)"),
    ("references", "ntm.extract.document", "read_references", "extract + normalise (per document)"),
    ("targets", "ntm.extract.document", "read_targets", "extract + normalise (per document)"),
    ("people (grammar + NER)", "ntm.extract.document", "people", "extract + normalise (per document)"),
    ("NER (underthesea)", "ntm.extract.people", "_ner_people", "people (grammar + NER)"),
    ("normalise: findings", "ntm.normalize.findings", "name_flags", "extract + normalise (per document)"),
    ("normalise: findings", "ntm.normalize.findings", "count_flags", "extract + normalise (per document)"),
    ("normalise: findings", "ntm.normalize.findings", "date_flags", "extract + normalise (per document)"),
    ("normalise: findings", "ntm.normalize.findings", "unit_mismatch_flags", "extract + normalise (per document)"),
    ("rows to the cache (marshal)", "ntm.runner", "dump_result", None),
    ("write: corpus review + Parquet", "ntm.runner", "Run.write", None),
    ("normalise: corpus review (name variants)", "ntm.normalize.corpus", "review_corpus", "write: corpus review + Parquet"),
]

# what is left of a stage once its named parts are taken out
OTHER = {None: "other (run bookkeeping: cache index, manifest, switch)",
         "extract + normalise (per document)": "other (assembling rows, dedupe, routes, bare commune names)",
         "people (grammar + NER)": "grammar: cued names, NER windows",
         "write: corpus review + Parquet": "Parquet (rows read back from the cache and written)"}


def _instrument(totals: dict[str, float]) -> list[str]:
    """Wrap every stage function that exists in this version of the code; return the labels not found."""
    import importlib

    missing = []
    for label, module_name, attributes, _ in STAGES:
        for attribute in attributes.split("|"):
            try:
                owner = importlib.import_module(module_name)
                *path, name = attribute.split(".")
                for part in path:
                    owner = getattr(owner, part)
                original = getattr(owner, name)
            except (ImportError, AttributeError):
                continue
            setattr(owner, name, _timed(label, original, totals))
            break
        else:
            missing.append(f"{label} ({module_name}.{attributes})")
    return missing


def _timed(label: str, function, totals: dict[str, float]):
    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] += time.process_time() - started
    return timed


def _serial(files, workers, settings, progress=False, **engine):  # engine: --scheduler and what may follow
    """The pool replaced by a loop in this process."""
    from ntm.pipeline import process_file
    for name in files:
        yield process_file(os.fspath(name), settings)


def whole_run(folder: Path, settings, profiler=None) -> float:
    """A whole `Run` over the PDFs of `folder` in this process (read, then write the tables): its CPU seconds."""
    import ntm.runner
    from ntm.store import OutputFolder
    scratch = Path(tempfile.mkdtemp(prefix="ntm-stages-"))
    try:
        with OutputFolder(scratch / "out") as output:
            run = ntm.runner.Run(output, [folder / "pdf"], settings, workers=1, aliases=scratch / "none.csv")
            if profiler is not None:
                profiler.enable()
            begun = time.process_time()
            run.read()
            run.write()
            spent = time.process_time() - begun
            if profiler is not None:
                profiler.disable()
            return spent
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def stages_child(folders: list[Path], profile: bool) -> dict:
    """In this process: a whole `Run` over the PDFs of each folder with the pool replaced by a loop over
    `process_file`, every stage's CPU per folder. A first, untimed run over the first folder loads what is
    loaded once (imports, the register, the NER model, the Parquet writer): that is the start-up."""
    started = time.process_time()
    import ntm.pipeline
    import ntm.runner
    from ntm.pipeline import RunSettings
    settings = RunSettings()

    ntm.pipeline._warm_up()
    ntm.runner.run_files = _serial
    whole_run(folders[0], settings)
    startup = time.process_time() - started
    totals: dict[str, float] = defaultdict(float)
    missing = _instrument(totals)
    profiler = None
    if profile:
        import cProfile
        profiler = cProfile.Profile()
    results = []
    for folder in folders:
        totals.clear()
        total = whole_run(folder, settings, profiler if folder == folders[-1] else None)
        results.append({"folder": str(folder), "total": total, "stages": dict(totals)})
    if profiler is not None:
        import pstats
        stats = pstats.Stats(profiler, stream=sys.stderr).strip_dirs()
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(30)
    return {"startup": startup, "runs": results, "missing": missing}


def stage_table(result: dict, files: int, pages: tuple[int, int]) -> list[dict]:
    """Per stage: CPU ms per extra page (slope) and share of the larger run; 'other' rows take what the
    named sub-stages leave of their parent."""
    small, large = result["runs"]
    extra = files * (pages[1] - pages[0])
    labels = list(dict.fromkeys(label for label, *_ in STAGES))
    parent = {label: p for label, _, _, p in STAGES}
    rows = []

    def add(label: str, depth: int, a: float, b: float) -> None:
        rows.append({"stage": label, "depth": depth, "ms_per_page": (b - a) / extra * 1000,
                     "share": b / large["total"] if large["total"] else 0.0, "cpu_seconds": [a, b]})

    def walk(label: str | None, depth: int) -> None:
        children = [c for c in labels if parent[c] == label]
        for c in children:
            add(c, depth, small["stages"].get(c, 0.0), large["stages"].get(c, 0.0))
            walk(c, depth + 1)
        if children and (label is None or label in large["stages"]):
            a, b = ((run["stages"][label] if label else run["total"]) - sum(run["stages"].get(c, 0.0) for c in children)
                    for run in (small, large))
            add(OTHER.get(label, "other"), depth, a, b)

    walk(None, 0)
    add("whole run (in-process)", 0, small["total"], large["total"])
    return rows


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "ntm", "parsers", "extract", "normalize"],
                           cwd=ROOT, capture_output=True, text=True).stdout.splitlines()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"date": time.strftime("%Y-%m-%d"), "nproc": os.cpu_count(), "cpu": model, "commit": commit.strip(),
            "uncommitted_code_files": len(dirty), "python": platform.python_version(), "load_at_start": load}


def _table(title: str, columns: list[str], align: str, rows: list[list[str]]) -> list[str]:
    """A markdown table under its title, then a blank line; `align` is one l or r a column."""
    rule = "|" + "|".join("---:" if a == "r" else "---" for a in align.split()) + "|"
    return [title, "", "| " + " | ".join(columns) + " |", rule, *("| " + " | ".join(r) + " |" for r in rows), ""]


def markdown(figures: dict) -> str:
    m = figures["machine"]
    lines = [f"Measured {m['date']} on commit {m['commit']}"
             + (f" plus uncommitted changes in {m['uncommitted_code_files']} code files" if m["uncommitted_code_files"]
                else "") + f"; {m['nproc']} CPUs ({m['cpu']}), Python {m['python']}, load {m['load_at_start']:.1f}"
             f" at start (shared machine).", ""]
    p = figures.get("params", {})
    if "pages" in figures:
        lines += _table(f"**CPU per page** ({p['files']} reports, {p['pages'][0]} and {p['pages'][1]} pages each; "
                        f"slope between the two sizes, best of {p['repeat']}):",
                        ["format", "`ntm run --workers 1` CPU s (small / large)", "ms per extra page", "bare reader",
                         "bare ms per page", "ntm / bare"], "l r r l r r",
                        [[r["format"], f"{r['ours_cpu'][0]:.2f} / {r['ours_cpu'][1]:.2f}", f"{r['ours_ms_per_page']:.1f}",
                          r["bare"], f"{r['bare_ms_per_page']:.2f}", f"{r['ratio']:.0f}x" if r["ratio"] else "-"]
                         for r in figures["pages"]])
    if "stages" in figures:
        s = figures["stages"]
        lines += _table(f"**Where the CPU goes** (the PDF reports in one process, the pool replaced by a loop; "
                        f"start-up {s['startup']:.2f} s CPU once: imports, register, NER model, Parquet writer):",
                        ["stage", "ms per extra page", "share of the larger run"], "l r r",
                        [["&nbsp;&nbsp;&nbsp;&nbsp;" * r["depth"] + r["stage"], f"{r['ms_per_page']:.2f}",
                          f"{r['share']:.0%}"] for r in s["table"]])
        if s["missing"]:
            lines[-1:-1] = ["", "Not found in this version of the code (no row): " + "; ".join(s["missing"]) + "."]
    if "instructions" in figures:
        i = figures["instructions"]
        if "skipped" in i:
            lines += [f"**Instructions per page**: skipped, {i['skipped']}.", ""]
        else:
            lines += _table(f"**Instructions per page** (valgrind's count, the same on every run of the same code: "
                            f"the PDF reports, slope between the two sizes; ours in one process, as in the stages):",
                            ["run", "instructions (small / large)", "M instructions per extra page", "ntm / bare"],
                            "l r r r",
                            [["ntm, in one process", " / ".join(f"{c:,}" for c in i["counts"]["ours"]),
                              f"{i['per_page']['ours'] / 1e6:.1f}", f"{i['ratio']:.1f}x"],
                             ["pypdfium2 `get_text_range`", " / ".join(f"{c:,}" for c in i["counts"]["bare"]),
                              f"{i['per_page']['bare'] / 1e6:.1f}", ""]])
    if "workers" in figures:
        same = {True: "yes", False: "NO"}
        lines += _table(f"**Workers** (`ntm run` on the larger corpus: {p['files'] * 3} files, "
                        f"{p['files'] * p['pages'][1]} PDF pages and their DOCX and TXT twins; best of {p['repeat']}):",
                        ["run", "wall s", "CPU s", "peak RSS, all processes MB", "main MB", "largest worker MB",
                         "same summary"], "l r r r r r l",
                        [[r["config"], f"skipped: {r['skipped']}", "", "", "", "", ""] if "skipped" in r else
                         [r["config"], f"{r['seconds']:.1f}", f"{r['cpu_seconds']:.1f}", f"{r['tree_mb']:.0f}",
                          f"{r['main_mb']:.0f}", f"{r['worker_mb']:.0f}", same.get(r.get("same_rows_as_1_worker"), "-")]
                         for r in figures["workers"]])
    if "archive" in figures:
        a = figures["archive"]
        lines += _table(f"**Archive** ({a['documents']:,} documents: {a['documents'] - a['pdf']:,} notices as .txt, "
                        f"{a['pdf']:,} {p['archive_pdf_pages']}-page PDF reports; `--workers {a['workers']}`, first run):",
                        ["documents", "wall s", "documents/s", "CPU s", "CPU ms per document",
                         "peak RSS, all processes MB"], "r r r r r r",
                        [[f"{a['documents']:,}", f"{a['seconds']:.1f}", f"{a['documents_per_second']:.1f}",
                          f"{a['cpu_seconds']:.1f}", f"{a['cpu_ms_per_document']:.1f}", f"{a['tree_mb']:.0f}"]])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat: checks the script works")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}")
    parser.add_argument("--files", type=int, help="reports per corpus (default 10, quick 4)")
    parser.add_argument("--pages", type=int, nargs=2, help="pages per report at the two sizes (default 4 16, quick 2 6)")
    parser.add_argument("--repeat", type=int, help="runs per measurement, the best kept (default 2, quick 1)")
    parser.add_argument("--archive", type=int, help="documents in the archive (default 10000, quick 400)")
    parser.add_argument("--archive-pdf-share", type=float, default=0.1, help="share of PDFs in the archive (0.1)")
    parser.add_argument("--archive-pdf-pages", type=int, default=2, help="pages per archive PDF (2)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers for the archive run")
    parser.add_argument("--seed", type=int, default=20240611)
    parser.add_argument("--keep", type=Path, help="keep the generated files here and reuse them next time")
    parser.add_argument("--profile", action="store_true", help="cProfile the larger in-process run (to stderr)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--bare", nargs=2, metavar=("FORMAT", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--stages-child", nargs="+", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--instructions-child", nargs=2, metavar=("MODE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.bare:
        print(json.dumps(bare_pass(args.bare[0], Path(args.bare[1]))))
        return 0
    if args.instructions_child:
        instructions_child(args.instructions_child[0], Path(args.instructions_child[1]))
        return 0
    if args.stages_child:
        print(json.dumps(stages_child(args.stages_child, args.profile)))
        return 0
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    if set(parts) - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(set(parts) - set(PARTS)))}")
    files = args.files or (4 if args.quick else 10)
    pages = tuple(args.pages or ((2, 6) if args.quick else (4, 16)))
    repeat = args.repeat or (1 if args.quick else 2)
    archive = args.archive or (400 if args.quick else 10000)
    if pages[1] <= pages[0]:
        parser.error("--pages: the second size must be larger")

    base = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="ntm-pipeline-"))
    scratch = base / "runs"
    scratch.mkdir(parents=True, exist_ok=True)
    figures: dict = {"machine": machine(), "params": {"files": files, "pages": pages, "repeat": repeat,
                                                      "archive_pdf_pages": args.archive_pdf_pages}}
    print(f"files in {base}", flush=True)
    try:
        started = time.perf_counter()
        small = build_reports(base / f"reports-{files}x{pages[0]}", files, pages[0], args.seed)
        large = build_reports(base / f"reports-{files}x{pages[1]}", files, pages[1], args.seed)
        print(f"reports ready in {time.perf_counter() - started:.0f} s", flush=True)
        if "pages" in parts:
            print("CPU per page ...", flush=True)
            figures["pages"] = measure_pages(small, large, files, pages, repeat, scratch)
        if "stages" in parts:
            print("stages ...", flush=True)
            result = child("--stages-child", str(small), str(large), *(["--profile"] if args.profile else []))
            figures["stages"] = {"startup": result["startup"], "missing": result["missing"],
                                 "table": stage_table(result, files, pages)}
        if "instructions" in parts:
            print("instructions (valgrind) ...", flush=True)
            figures["instructions"] = measure_instructions(small, large, files, pages)
        if "workers" in parts:
            print("workers ...", flush=True)
            figures["workers"] = measure_workers(large, repeat, scratch)
        if "archive" in parts:
            print(f"archive of {archive:,} documents ...", flush=True)
            folder = build_mixed_archive(base / f"archive-{archive}", archive, args.archive_pdf_share,
                                         args.archive_pdf_pages, args.seed)
            figures["archive"] = measure_archive(folder, args.workers, scratch)
        print(f"done in {time.perf_counter() - started:.0f} s\n")
        print(markdown(figures))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False))
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
