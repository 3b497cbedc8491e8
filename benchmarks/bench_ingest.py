#!/usr/bin/env python
"""Ingest benchmark: our parsers (`parsers.parse_file`) against bare pdfplumber, pypdfium2 and python-docx.

    .venv/bin/python benchmarks/bench_ingest.py                 # temporary corpus, 20 PDFs x 12 pages
    .venv/bin/python benchmarks/bench_ingest.py --pages 480 --repeat 5 --json bench.json
    .venv/bin/python benchmarks/bench_ingest.py --corpus /tmp/ntm-bench   # keep and reuse the corpus
    .venv/bin/python benchmarks/bench_ingest.py --profile ours-pdf        # cProfile one pass, no table

Every method runs in a fresh interpreter (this script with `--one METHOD`) so its peak RSS is its
own. Inside it: a warm-up call on the first file, then `--repeat` timed passes over all files;
the median pass is reported. See benchmarks/README.md for what the figures mean.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CORPUS_VERSION = 1

PDF_METHODS = ("ours-pdf", "pdfplumber", "pypdfium2")
DOCX_METHODS = ("ours-docx", "python-docx")
METHODS = PDF_METHODS + DOCX_METHODS


# --------------------------------------------------------------------------------------------
# Corpus: report-like Vietnamese text, rendered to PDF (reportlab) and DOCX (python-docx)
# --------------------------------------------------------------------------------------------

CRITERIA = [
    "Quy hoạch", "Giao thông", "Thủy lợi và phòng, chống thiên tai", "Điện", "Trường học",
    "Cơ sở vật chất văn hóa", "Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông",
    "Nhà ở dân cư", "Thu nhập", "Nghèo đa chiều", "Lao động",
    "Tổ chức sản xuất và phát triển kinh tế nông thôn", "Giáo dục và Đào tạo", "Y tế", "Văn hóa",
    "Môi trường và an toàn thực phẩm", "Hệ thống chính trị và tiếp cận pháp luật",
    "Quốc phòng và An ninh",
]
COMMUNES = [
    "Tân Phú", "Bình Minh", "Hòa Lợi", "Phước Hưng", "Thạnh Đông", "Long Hiệp", "Mỹ Xuân",
    "Quảng Thành", "Đông Sơn", "Nghĩa Trung", "An Nhơn", "Hương Lạc", "Yên Bình", "Cẩm Thủy",
    "Vĩnh Hòa", "Xuân Lộc", "Thanh Hải", "Đức Ninh", "Kim Liên", "Phú Mỹ",
]
DISTRICTS = ["Châu Thành", "Tân Uyên", "Quảng Điền", "Yên Định", "Cư M'gar", "Hướng Hóa", "Bảo Lâm"]
PROVINCES = ["Tiền Giang", "Bình Dương", "Thừa Thiên Huế", "Thanh Hóa", "Đắk Lắk", "Quảng Trị", "Lâm Đồng"]
WORKS = [
    "nhựa hóa tuyến đường liên xã", "bê tông hóa đường trục thôn", "kiên cố hóa kênh mương nội đồng",
    "xây dựng nhà văn hóa thôn", "nâng cấp trạm y tế xã", "cải tạo chợ nông thôn",
    "lắp đặt hệ thống chiếu sáng công cộng", "xây dựng điểm tập kết rác thải sinh hoạt",
    "sửa chữa phòng học trường tiểu học", "cải tạo lưới điện hạ thế",
]
SOURCES = [
    "ngân sách Trung ương", "ngân sách tỉnh", "ngân sách huyện", "ngân sách xã",
    "vốn lồng ghép các chương trình", "vốn tín dụng", "vốn doanh nghiệp", "nhân dân đóng góp",
]
SENTENCES = [
    "Trong năm {year}, Ban Chỉ đạo xây dựng nông thôn mới xã {commune} đã tập trung chỉ đạo thực hiện "
    "các nội dung của Chương trình mục tiêu quốc gia, huy động tổng nguồn lực đạt {amount}.",
    "Đến ngày {date}, xã {commune} đạt {n}/19 tiêu chí theo Bộ tiêu chí quốc gia về xã nông thôn mới "
    "giai đoạn 2021 - 2025, tăng {k} tiêu chí so với cùng kỳ năm trước.",
    "Tiêu chí số {cnum} - {crit}: đã {work} với chiều dài {km} km, tổng kinh phí thực hiện {amount}, "
    "trong đó {source} hỗ trợ {amount2}.",
    "Công tác tuyên truyền, vận động được triển khai sâu rộng; đã tổ chức {k} hội nghị với hơn {people} "
    "lượt người tham dự, nâng cao nhận thức của người dân về vai trò chủ thể trong xây dựng nông thôn mới.",
    "Thu nhập bình quân đầu người năm {year} đạt {income} triệu đồng/người/năm, tỷ lệ hộ nghèo đa chiều "
    "giảm còn {pct}%, tỷ lệ lao động có việc làm thường xuyên đạt {pct2}%.",
    "Theo Quyết định số {qd}/QĐ-UBND ngày {date} của Ủy ban nhân dân huyện {district}, kế hoạch vốn "
    "phân bổ cho xã là {amount}, đến nay đã giải ngân được {pct2}% kế hoạch.",
    "Phong trào hiến đất làm đường được nhân dân hưởng ứng tích cực, đã có {people} hộ tự nguyện hiến "
    "{area} m² đất và tháo dỡ công trình, vật kiến trúc để mở rộng mặt đường.",
    "Tuy nhiên, việc duy trì và nâng cao chất lượng các tiêu chí đã đạt còn gặp nhiều khó khăn, nhất là "
    "Tiêu chí số {cnum} - {crit}, do nguồn lực đầu tư còn hạn chế so với nhu cầu thực tế.",
    "Ủy ban nhân dân xã {commune} đề nghị cấp trên tiếp tục quan tâm hỗ trợ kinh phí {amount} để hoàn "
    "thành các công trình chuyển tiếp trước ngày {date}.",
    "Tỷ lệ người dân tham gia bảo hiểm y tế đạt {pct2}%, tỷ lệ hộ sử dụng nước sạch theo quy chuẩn "
    "đạt {pct}%, {k} thôn đạt danh hiệu khu dân cư văn hóa.",
]
LIST_ITEMS = [
    "- Tiêu chí số {cnum} - {crit}: đạt, kinh phí thực hiện {amount}.",
    "- Hoàn thành {work} tại thôn {k}, tổng vốn đầu tư {amount}.",
    "- Huy động từ {source} được {amount}, chiếm {pct}% tổng nguồn vốn.",
    "- Tổ chức {k} lớp tập huấn chuyển giao khoa học kỹ thuật cho {people} lượt nông dân.",
    "- Kiểm tra, đánh giá mức độ đạt chuẩn tiêu chí tại xã {commune} vào ngày {date}.",
]
HEADINGS = [
    "{roman}. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ NÔNG THÔN MỚI",
    "{num}. Tiêu chí số {cnum} - {crit}",
    "{num}. Công tác huy động nguồn lực",
    "{roman}. NHỮNG KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ",
    "{num}. Kết quả giải ngân vốn đầu tư",
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def _vn_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _vn_decimal(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _fill(template: str, rng: random.Random) -> str:
    cnum = rng.randint(1, 19)
    year = rng.choice([2021, 2022, 2023, 2024])

    def amount() -> str:
        if rng.random() < 0.25:
            return f"{_vn_decimal(rng.uniform(1.2, 48.0))} tỷ đồng"
        return f"{_vn_number(rng.randrange(50, 9800, 5))} triệu đồng"

    return template.format(
        year=year, commune=rng.choice(COMMUNES), district=rng.choice(DISTRICTS),
        amount=amount(), amount2=amount(), n=rng.randint(9, 19), k=rng.randint(2, 12),
        date=f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"
        if rng.random() < 0.5 else f"{rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {year}",
        cnum=cnum, crit=CRITERIA[cnum - 1], work=rng.choice(WORKS), source=rng.choice(SOURCES),
        km=_vn_decimal(rng.uniform(0.4, 12.0), 2), people=_vn_number(rng.randint(120, 6500)),
        income=_vn_decimal(rng.uniform(38.0, 72.0)), pct=_vn_decimal(rng.uniform(0.5, 9.9)),
        pct2=_vn_decimal(rng.uniform(85.0, 99.9)), qd=rng.randint(100, 4999),
        area=_vn_number(rng.randint(300, 25000)), roman=rng.choice(ROMAN), num=rng.randint(1, 9),
    )


def _paragraph(rng: random.Random) -> str:
    return " ".join(_fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(2, 4)))


def page_blocks(rng: random.Random) -> list[tuple[str, str]]:
    """Candidate content for one page: heading, paragraphs, a list, paragraphs (more than fits)."""
    blocks = [("heading", _fill(rng.choice(HEADINGS), rng))]
    blocks += [("paragraph", _paragraph(rng)) for _ in range(2)]
    blocks += [("list", _fill(rng.choice(LIST_ITEMS), rng)) for _ in range(rng.randint(3, 5))]
    blocks += [("paragraph", _paragraph(rng)) for _ in range(4)]
    return blocks


def render_pdf(path: Path, title: str, pages: int, rng: random.Random,
               content=None) -> list[tuple[str, str]]:
    """Draw `pages` A4 pages; returns the blocks actually drawn (the DOCX twin gets the same text).
    `content(page_number)` gives a page's candidate blocks (default `page_blocks`); what does not fit is dropped."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", FONT_PATH))
    width, height = A4
    margin, size, leading = 56.0, 10.5, 14.0
    text_width = width - 2 * margin
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(title)
    drawn: list[tuple[str, str]] = []
    for number in range(1, pages + 1):
        c.setFont("DejaVuSans", 8.5)
        c.drawString(margin, height - 36, title)
        c.line(margin, height - 40, width - margin, height - 40)
        c.drawCentredString(width / 2, 30, f"Trang {number}/{pages}")
        y = height - 70
        for kind, text in (content(number) if content else page_blocks(rng)):
            indent = 14.0 if kind == "list" else 0.0
            lines = simpleSplit(text, "DejaVuSans", size, text_width - indent)
            needed = len(lines) * leading + (6 if kind != "list" else 2)
            if y - needed < 56:
                break
            c.setFont("DejaVuSans", size)
            for i, line in enumerate(lines):
                # a list item's wrapped lines hang under the text, not under the dash
                c.drawString(margin + (indent if (kind == "list" and i > 0) else 0), y, line)
                y -= leading
            y -= 6 if kind != "list" else 2
            drawn.append((kind, text))
        c.showPage()
    c.save()
    return drawn


def render_docx(path: Path, title: str, blocks: list[tuple[str, str]], rng: random.Random) -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = title
    document.add_heading(title, level=1)
    table_at = len(blocks) // 2
    for index, (kind, text) in enumerate(blocks):
        if index == table_at:
            document.add_paragraph("Bảng tổng hợp kết quả thực hiện các tiêu chí nông thôn mới:")
            table = document.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, label in zip(table.rows[0].cells, ("STT", "Tiêu chí", "Kết quả", "Kinh phí (triệu đồng)")):
                cell.text = label
            for cnum, crit in enumerate(CRITERIA, start=1):
                row = table.add_row().cells
                row[0].text = str(cnum)
                row[1].text = f"Tiêu chí số {cnum} - {crit}"
                row[2].text = rng.choice(["Đạt", "Đạt", "Đạt", "Chưa đạt"])
                row[3].text = _vn_number(rng.randrange(50, 9800, 5))
        if kind == "heading":
            document.add_heading(text, level=2)
        elif kind == "list":
            document.add_paragraph(text[2:], style="List Bullet")
        else:
            document.add_paragraph(text)
    document.save(str(path))


def build_corpus(directory: Path, files: int, pages: int, seed: int) -> dict:
    """Write files PDFs (pages spread over them) and as many DOCX twins into directory; reuse if present."""
    manifest_path = directory / "corpus.json"
    wanted = {"version": CORPUS_VERSION, "files": files, "pages": pages, "seed": seed}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("params") == wanted and all((directory / f).exists() for f in manifest["pdf"] + manifest["docx"]):
            manifest["reused"] = True
            return manifest
    (directory / "pdf").mkdir(parents=True, exist_ok=True)
    (directory / "docx").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    per_file = [pages // files + (1 if i < pages % files else 0) for i in range(files)]
    pdfs, docxs = [], []
    started = time.perf_counter()
    for i, n in enumerate(per_file):
        commune = COMMUNES[i % len(COMMUNES)]
        title = (f"UBND xã {commune}, huyện {rng.choice(DISTRICTS)}, tỉnh {rng.choice(PROVINCES)} — "
                 f"Báo cáo kết quả xây dựng nông thôn mới năm {2021 + i % 4}")
        stem = f"bao_cao_ntm_{i + 1:03d}"
        blocks = render_pdf(directory / "pdf" / f"{stem}.pdf", title, n, rng)
        render_docx(directory / "docx" / f"{stem}.docx", title, blocks, rng)
        pdfs.append(f"pdf/{stem}.pdf")
        docxs.append(f"docx/{stem}.docx")
    manifest = {"params": wanted, "pdf": pdfs, "docx": docxs, "pages_per_file": per_file,
                "build_seconds": round(time.perf_counter() - started, 2)}
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    manifest["reused"] = False
    return manifest


# --------------------------------------------------------------------------------------------
# Methods: each returns (pages, chars) for one file
# --------------------------------------------------------------------------------------------

def _import_ours():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from ntm.parsers import parse_file
    return parse_file


def method_function(name: str):
    """Import the libraries a method needs (outside the timed region) and return its per-file function."""
    if name in ("ours-pdf", "ours-docx"):
        parse_file = _import_ours()
        # parse_bytes imports parsers.pdf / parsers.docx lazily; import the one needed here, untimed
        import importlib
        importlib.import_module("ntm.parsers.pdf" if name == "ours-pdf" else "ntm.parsers.docx")

        def ours(path: Path) -> tuple[int, int]:
            document = parse_file(path)
            assert document.text and document.blocks, path
            return document.pages, len(document.text)
        return ours
    if name == "pdfplumber":
        import pdfplumber

        def plumber(path: Path) -> tuple[int, int]:
            pages = chars = 0
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    chars += len(page.extract_text() or "")
                    pages += 1
            return pages, chars
        return plumber
    if name == "pypdfium2":
        import pypdfium2

        def pdfium(path: Path) -> tuple[int, int]:
            pages = chars = 0
            pdf = pypdfium2.PdfDocument(path)
            try:
                for page in pdf:
                    chars += len(page.get_textpage().get_text_range())
                    pages += 1
            finally:
                pdf.close()
            return pages, chars
        return pdfium
    if name == "python-docx":
        import docx

        def bare_docx(path: Path) -> tuple[int, int]:
            document = docx.Document(str(path))
            chars = sum(len(p.text) for p in document.paragraphs)
            for table in document.tables:
                for row in table.rows:
                    chars += sum(len(cell.text) for cell in row.cells)
            return 1, chars
        return bare_docx
    raise ValueError(f"unknown method {name}")


def files_for(method: str, corpus: Path) -> list[Path]:
    manifest = json.loads((corpus / "corpus.json").read_text())
    return [corpus / f for f in manifest["pdf" if method in PDF_METHODS else "docx"]]


def peak_rss_mb() -> tuple[float, str]:
    """Peak resident set size of this process, in MB, and where it was read.

    Linux: VmHWM from /proc/self/status. ru_maxrss is not used there because the kernel carries it
    over fork + exec: a child started by a parent that was once at 200 MB reports at least 200 MB.
    Elsewhere: ru_maxrss (KiB, or bytes on macOS).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024, "VmHWM"
    except OSError:
        pass
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value / (1024 * 1024 if sys.platform == "darwin" else 1024), "ru_maxrss"


def run_one(method: str, corpus: Path, repeat: int) -> dict:
    """Warm up on one file, time `repeat` passes over all files; runs in its own interpreter."""
    rss_start, source = peak_rss_mb()
    function = method_function(method)
    rss_imported, _ = peak_rss_mb()
    files = files_for(method, corpus)
    function(files[0])  # warm-up (page cache, lazy imports, regex compilation, font tables)
    times = []
    pages = chars = 0
    for round_ in range(repeat):
        started = time.perf_counter()
        for path in files:
            p, n = function(path)
            if round_ == 0:
                pages += p
                chars += n
        times.append(time.perf_counter() - started)
    rss_peak, _ = peak_rss_mb()
    return {"method": method, "files": len(files), "pages": pages, "chars": chars,
            "bytes": sum(p.stat().st_size for p in files), "times": times,
            "seconds": statistics.median(times), "rss_source": source, "rss_start_mb": rss_start,
            "rss_after_import_mb": rss_imported, "rss_peak_mb": rss_peak,
            "ru_maxrss_raw": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def run_in_subprocess(method: str, corpus: Path, repeat: int) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--one", method,
               "--corpus", str(corpus), "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{method} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def profile(method: str, corpus: Path, top: int = 25) -> None:
    import cProfile
    import pstats

    function = method_function(method)
    files = files_for(method, corpus)
    function(files[0])
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        function(path)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def report(results: dict[str, dict]) -> str:
    header = f"{'method':<12} {'files':>5} {'pages':>5} {'seconds':>8} {'min..max':>14} {'pages/s':>8} {'files/s':>8} {'chars/s':>10} {'peak RSS MB':>11} {'import MB':>9}"
    rows = [header, "-" * len(header)]
    for method in METHODS:
        r = results.get(method)
        if r is None:
            continue
        is_pdf = method in PDF_METHODS
        seconds = r["seconds"]
        rows.append(
            f"{method:<12} {r['files']:>5} {r['pages'] if is_pdf else '-':>5} {seconds:>8.3f} "
            f"{min(r['times']):>6.2f}..{max(r['times']):<6.2f} "
            f"{(r['pages'] / seconds) if is_pdf else float('nan'):>8.1f} {r['files'] / seconds:>8.1f} "
            f"{r['chars'] / seconds:>10,.0f} {r['rss_peak_mb']:>11.1f} {r['rss_after_import_mb']:>9.1f}"
            .replace("     nan", "       -"))
    rows.append("")
    ours = results.get("ours-pdf")
    for other in ("pdfplumber", "pypdfium2"):
        if ours and other in results:
            ratio = ours["seconds"] / results[other]["seconds"]
            rss = ours["rss_peak_mb"] / results[other]["rss_peak_mb"]
            rows.append(f"ours-pdf / {other:<11} time x{ratio:5.2f}  ({'slower' if ratio > 1 else 'faster'}), peak RSS x{rss:4.2f}")
    if "ours-docx" in results and "python-docx" in results:
        ratio = results["ours-docx"]["seconds"] / results["python-docx"]["seconds"]
        rows.append(f"ours-docx / python-docx  time x{ratio:5.2f}  ({'slower' if ratio > 1 else 'faster'}), "
                    f"peak RSS x{results['ours-docx']['rss_peak_mb'] / results['python-docx']['rss_peak_mb']:4.2f}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="corpus folder (created or reused); default: a temporary folder")
    parser.add_argument("--pages", type=int, default=240, help="total PDF pages (default 240)")
    parser.add_argument("--files", type=int, default=20, help="number of PDFs, and of DOCX twins (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per method, median reported (default 3)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--methods", default=",".join(METHODS), help=f"comma-separated subset of {','.join(METHODS)}")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--one", choices=METHODS, help=argparse.SUPPRESS)  # child mode: one method, JSON on stdout
    parser.add_argument("--profile", choices=METHODS, help="cProfile one pass of METHOD and print the hot functions")
    args = parser.parse_args(argv)

    if args.one:
        print(json.dumps(run_one(args.one, args.corpus, args.repeat)))
        return 0
    if args.files < 1 or args.pages < args.files:
        parser.error("need --files >= 1 and --pages >= --files")
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = set(methods) - set(METHODS)
    if unknown:
        parser.error(f"unknown methods: {', '.join(sorted(unknown))}")

    temporary = None
    if args.corpus is None:
        temporary = tempfile.TemporaryDirectory(prefix="ntm-bench-")
        corpus = Path(temporary.name)
    else:
        corpus = args.corpus.resolve()
    try:
        manifest = build_corpus(corpus, args.files, args.pages, args.seed)
        pdf_bytes = sum((corpus / f).stat().st_size for f in manifest["pdf"])
        docx_bytes = sum((corpus / f).stat().st_size for f in manifest["docx"])
        print(f"corpus {corpus}: {len(manifest['pdf'])} PDFs / {sum(manifest['pages_per_file'])} pages "
              f"({pdf_bytes / 1e6:.1f} MB), {len(manifest['docx'])} DOCX ({docx_bytes / 1e6:.1f} MB); "
              + ("reused" if manifest["reused"] else f"built in {manifest['build_seconds']} s"), flush=True)
        if args.profile:
            profile(args.profile, corpus)
            return 0
        results: dict[str, dict] = {}
        for method in methods:
            started = time.perf_counter()
            results[method] = run_in_subprocess(method, corpus, args.repeat)
            print(f"  {method:<12} done in {time.perf_counter() - started:5.1f} s "
                  f"(median of {args.repeat}: {results[method]['seconds']:.3f} s)", flush=True)
        print()
        print(report(results))
        if args.json:
            figures = {
                "machine": {"python": platform.python_version(), "platform": platform.platform(),
                            "cpus": os.cpu_count()},
                "corpus": {"dir": str(corpus) if temporary is None else None, "pdf_files": len(manifest["pdf"]),
                           "pdf_pages": sum(manifest["pages_per_file"]), "pdf_bytes": pdf_bytes,
                           "docx_files": len(manifest["docx"]), "docx_bytes": docx_bytes, "seed": args.seed},
                "repeat": args.repeat,
                "results": results,
                "ratios": {f"ours-pdf/{o}": results["ours-pdf"]["seconds"] / results[o]["seconds"]
                           for o in ("pdfplumber", "pypdfium2") if "ours-pdf" in results and o in results},
            }
            if "ours-docx" in results and "python-docx" in results:
                figures["ratios"]["ours-docx/python-docx"] = results["ours-docx"]["seconds"] / results["python-docx"]["seconds"]
            args.json.write_text(json.dumps(figures, indent=1))
            print(f"\nfigures written to {args.json}")
    finally:
        if temporary is not None:
            temporary.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
