"""Every parser on the sample corpus, the seeds rendered to .docx and .pdf, and text-model details."""
from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from ntm import parsers
from ntm.parsers.model import BLOCK_KINDS, Document
from ntm.parsers.textclean import strip_markdown

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RAW = PROJECT_ROOT / "data" / "raw"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_dejavu = pytest.mark.skipif(not DEJAVU.exists(), reason=f"{DEJAVU} missing: PDF rendering needs the DejaVu font")

# file -> (format, encoding the parser must report)
SAMPLES = {
    "s01_dinhhoa_thongbao_2023.txt": ("txt", "utf-8"),
    "s02_bacquang_congvan_2024.txt": ("txt", "utf-8"),
    "s03_concuong_baocao_2019.txt": ("txt", "utf-8"),
    "s04_duyxuyen_kehoach_2024.txt": ("txt", "utf-8"),  # NFD on disk
    "s05_chodon_baocao_thon_2023.txt": ("txt", "tcvn3"),
    "s06_mytu_baocao_2023.txt": ("txt", "cp1258"),
    "s07_chiemhoa_baocao_2022.docx": ("docx", None),
    "s08_vixuyen_thongbao_2022.docx": ("docx", None),
    "s09_lucyen_baocao_2023.pdf": ("pdf", None),
}


def check_model(doc: Document) -> None:
    """Invariants of the text model every parser must keep."""
    text = doc.text
    assert text.strip(), f"{doc.source_path}: empty text"
    assert unicodedata.is_normalized("NFC", text), f"{doc.source_path}: text is not NFC"
    assert "ƣ" not in text and "Ƣ" not in text, f"{doc.source_path}: unrepaired ƣ glyph"
    assert doc.blocks, f"{doc.source_path}: no blocks"
    previous_end = -1
    for block in doc.blocks:
        assert block.kind in BLOCK_KINDS
        assert 0 <= block.start < block.end <= len(text)
        assert block.start > previous_end, f"blocks overlap or are out of order at {block}"
        assert 1 <= block.page <= doc.pages
        region = doc.block_text(block)
        assert region == text[block.start:block.end]
        assert region == region.strip() and "\n" not in region, f"block region is not one clean line: {region!r}"
        previous_end = block.end
    # the canonical text is exactly the blocks, one a line: offsets never drift
    assert text == "\n".join(doc.block_text(b) for b in doc.blocks)


def squash(text: str) -> str:
    return "".join(text.split())


def short_diff(a: str, b: str, context: int = 40, limit: int = 5) -> str:
    """The first few differing spans of two (whitespace-free) strings, with some context."""
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        out.append(f"  {tag} at {i1}: ...{a[max(0, i1 - context):i1]}[{a[i1:i2]}|{b[j1:j2]}]{a[i2:i2 + context]}...")
        if len(out) >= limit:
            out.append("  ...")
            break
    return "\n".join(out)


# --- the sample corpus ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus() -> dict[str, Document]:
    missing = [name for name in SAMPLES if not (RAW / name).exists()]
    assert not missing, f"sample corpus incomplete in {RAW}: {missing}"
    return {name: parsers.parse_file(RAW / name) for name in SAMPLES}


def test_corpus_is_the_nine_samples():
    assert sorted(p.name for p in RAW.iterdir() if parsers.supported(p)) == sorted(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_parses_into_a_sound_text_model(corpus, name):
    doc = corpus[name]
    fmt, encoding = SAMPLES[name]
    assert doc.format == fmt
    assert doc.encoding == encoding
    assert doc.doc_id == parsers.content_hash((RAW / name).read_bytes())
    check_model(doc)


def test_nfd_file_comes_out_nfc(corpus):
    raw = (RAW / "s04_duyxuyen_kehoach_2024.txt").read_bytes().decode("utf-8")
    assert not unicodedata.is_normalized("NFC", raw), "s04 is meant to be stored as NFD"
    as_nfc = parsers.parse_bytes(unicodedata.normalize("NFC", raw).encode("utf-8"), "nfc.txt")
    assert corpus["s04_duyxuyen_kehoach_2024.txt"].text == as_nfc.text


@pytest.mark.parametrize("name", ["s05_chodon_baocao_thon_2023.txt", "s06_mytu_baocao_2023.txt"])
def test_legacy_text_files_read_as_vietnamese(corpus, name):
    text = corpus[name].text
    assert "nông thôn mới" in text.lower()
    # characters that only appear when TCVN3 or cp1258 bytes are read as cp1252
    assert not any(ch in text for ch in "«¸¶×¬®µ¦Ð"), "mojibake left in the decoded text"


def test_pdf_has_two_pages_with_blocks_on_both(corpus):
    doc = corpus["s09_lucyen_baocao_2023.pdf"]
    assert doc.pages == 2
    assert {b.page for b in doc.blocks} == {1, 2}
    assert not doc.warnings


def test_pdf_glyph_oi_is_repaired(corpus):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(RAW / "s09_lucyen_baocao_2023.pdf"))
    try:
        layer = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    assert "ƣ" in layer, "the sample PDF is meant to carry one ƣ in its text layer"
    assert all("ƣ" not in doc.text for doc in corpus.values())


@pytest.mark.parametrize("name", ["s07_chiemhoa_baocao_2022.docx", "s08_vixuyen_thongbao_2022.docx"])
def test_docx_tables_give_table_cells_with_row_and_col(corpus, name):
    doc = corpus[name]
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert cells, "expected table cells"
    assert all(b.table is not None and b.row is not None and b.col is not None for b in cells)
    assert len({b.col for b in cells}) > 1
    others = [b for b in doc.blocks if b.kind != "table_cell"]
    assert all(b.table is None and b.row is None and b.col is None for b in others)


def test_docx_data_table_has_many_rows(corpus):
    cells = [b for b in corpus["s07_chiemhoa_baocao_2022.docx"].blocks if b.kind == "table_cell"]
    assert len({(b.table, b.row) for b in cells}) > 10


def test_markdown_sample_has_no_markup_left(corpus):
    raw = (RAW / "s01_dinhhoa_thongbao_2023.txt").read_text("utf-8")
    assert "**" in raw and "$" in raw, "s01 is meant to hold markdown emphasis and math"
    doc = corpus["s01_dinhhoa_thongbao_2023.txt"]
    for block in doc.blocks:
        region = doc.block_text(block)
        assert "**" not in region and not region.startswith("#"), region
    assert "$" not in doc.text


# --- seeds: txt, docx and pdf renderings give the same canonical text -------------------------

def seed_lines(path: Path) -> list[tuple[str, bool]]:
    """(text, is_heading) for each non-empty line, markdown stripped as the text parser does."""
    lines = []
    for line in path.read_text("utf-8").replace("\r\n", "\n").split("\n"):
        text, heading = strip_markdown(line)
        if text:
            lines.append((text, heading))
    return lines


def render_docx(lines: list[tuple[str, bool]], target: Path) -> Path:
    import docx
    document = docx.Document()
    for text, heading in lines:
        if heading:
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    document.save(str(target))
    return target


_FONT_REGISTERED = False


def dejavu_font() -> str:
    global _FONT_REGISTERED
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if not _FONT_REGISTERED:
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
        _FONT_REGISTERED = True
    return "DejaVuSans"


def render_pdf(lines: list[tuple[str, bool]], target: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    font = dejavu_font()
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=14, spaceAfter=6)
    head = ParagraphStyle("head", parent=body, fontSize=13, leading=17, spaceBefore=6)
    story = [Paragraph(escape(text), head if heading else body) for text, heading in lines]
    SimpleDocTemplate(str(target), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                      topMargin=2 * cm, bottomMargin=2 * cm).build(story)
    return target


@needs_dejavu
@pytest.mark.parametrize("index", range(5))
def test_seed_same_text_from_txt_docx_pdf(seeds_dir, tmp_path, index):
    seeds = sorted(seeds_dir.glob("*.txt"))
    if index >= len(seeds):
        pytest.skip(f"only {len(seeds)} seeds in {seeds_dir}")
    seed = seeds[index]
    lines = seed_lines(seed)
    from_txt = parsers.parse_file(seed)
    from_docx = parsers.parse_file(render_docx(lines, tmp_path / (seed.stem + ".docx")))
    from_pdf = parsers.parse_file(render_pdf(lines, tmp_path / (seed.stem + ".pdf")))
    for doc in (from_txt, from_docx, from_pdf):
        check_model(doc)
    assert from_pdf.pages >= 2, "seed PDF should be multi-page"
    assert {b.page for b in from_pdf.blocks} == set(range(1, from_pdf.pages + 1))
    reference = squash(from_txt.text)
    for doc in (from_docx, from_pdf):
        other = squash(doc.text)
        assert other == reference, f"{seed.name}: {doc.format} text differs from txt:\n{short_diff(reference, other)}"


# --- text model details -----------------------------------------------------------------------

def parse_txt(text: str, name: str = "x.txt") -> Document:
    return parsers.parse_bytes(text.encode("utf-8"), name)


def test_markdown_stripping_keeps_offsets_in_step():
    source = (
        "# **BÁO CÁO**\n\n"
        "## Kết quả **xây dựng** nông thôn mới năm 2023\n\n"
        "Xã **Long Đống** đạt **15/19** tiêu chí; *xã Vũ Lễ* đạt 12 tiêu chí.\n"
        "- **Tiêu chí số 2** về giao thông: **đạt**.\n"
        "### 1. Đánh giá chung\n"
    )
    doc = parse_txt(source, "x.md")
    check_model(doc)
    for block in doc.blocks:
        region = doc.block_text(block)
        assert "**" not in region and not region.startswith("#"), region
    assert "Xã Long Đống đạt 15/19 tiêu chí; xã Vũ Lễ đạt 12 tiêu chí." in doc.text
    assert doc.blocks[0].kind == "heading" and doc.block_text(doc.blocks[0]) == "BÁO CÁO"
    # offsets found in the text point at the same words in the blocks
    at = doc.text.index("15/19")
    block = next(b for b in doc.blocks if b.start <= at < b.end)
    assert "15/19" in doc.block_text(block)


def test_markdown_math_becomes_plain_symbols():
    doc = parse_txt("Tỷ lệ hộ dân sử dụng nước sạch đạt $\\geq 90\\%$ theo quy định.\n")
    assert doc.text == "Tỷ lệ hộ dân sử dụng nước sạch đạt ≥ 90% theo quy định."
    assert strip_markdown("$\\geq 90\\%$")[0] == "≥ 90%"


def test_line_broken_mid_sentence_is_joined():
    source = (
        "Năm 2023, xã Long Đống đã đạt 15/19 tiêu chí, trong đó có\n\n"
        "các tiêu chí về giao thông, thủy lợi và điện.\n\n"
        "Xã Vũ Lễ đạt 12/19 tiêu chí.\n"
    )
    doc = parse_txt(source)
    check_model(doc)
    assert [doc.block_text(b) for b in doc.blocks] == [
        "Năm 2023, xã Long Đống đã đạt 15/19 tiêu chí, trong đó có các tiêu chí về giao thông, thủy lợi và điện.",
        "Xã Vũ Lễ đạt 12/19 tiêu chí.",
    ]


def test_complete_sentences_are_not_joined():
    doc = parse_txt("Xã Long Đống đạt 15/19 tiêu chí.\n\nXã Vũ Lễ đạt 12/19 tiêu chí.\n")
    assert len(doc.blocks) == 2


def make_pdf(target: Path, pages: list[dict]) -> Path:
    """pages: dicts with optional 'header', 'footer', 'lines' (body text) and 'rect' (draw a box)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    font = dejavu_font()
    width, height = A4
    c = canvas.Canvas(str(target), pagesize=A4)
    for page in pages:
        if page.get("header"):
            c.setFont(font, 9)
            c.drawString(72, height - 40, page["header"])
        c.setFont(font, 11)
        y = height - 100
        for line in page.get("lines", []):
            c.drawString(72, y, line)
            y -= 28
        if page.get("rect"):
            c.rect(100, 300, 300, 200, stroke=1, fill=1)
        if page.get("footer"):
            c.setFont(font, 9)
            c.drawString(width / 2 - 20, 30, page["footer"])
        c.showPage()
    c.save()
    return target


@needs_dejavu
def test_pdf_running_header_and_page_numbers_removed(tmp_path):
    header = "UBND huyện Bắc Sơn - Báo cáo kết quả xây dựng nông thôn mới năm 2023"
    bodies = [
        ["Xã Long Đống đã đạt 15/19 tiêu chí nông thôn mới.", "Thu nhập bình quân đạt 48,5 triệu đồng/người/năm."],
        ["Xã Vũ Lễ đạt 12/19 tiêu chí, còn 7 tiêu chí chưa đạt.", "Tỷ lệ hộ nghèo giảm còn 3,2%."],
        ["Đề nghị UBND các xã khẩn trương khắc phục tồn tại.", "Hoàn thành trước ngày 30 tháng 11 năm 2023."],
    ]
    pages = [{"header": header, "footer": f"Trang {n}", "lines": lines} for n, lines in enumerate(bodies, start=1)]
    doc = parsers.parse_file(make_pdf(tmp_path / "running.pdf", pages))
    check_model(doc)
    assert doc.pages == 3
    assert "UBND huyện Bắc Sơn - Báo cáo" not in doc.text
    assert "Trang" not in doc.text
    for number, lines in enumerate(bodies, start=1):
        for line in lines:
            assert line in doc.text
            at = doc.text.index(line)
            assert doc.page_at(at) == number


@needs_dejavu
def test_pdf_page_without_text_warns(tmp_path):
    pages = [{"lines": ["Xã Long Đống đã đạt 15/19 tiêu chí nông thôn mới."]}, {"rect": True}]
    doc = parsers.parse_file(make_pdf(tmp_path / "scan.pdf", pages))
    assert doc.pages == 2
    assert "Long Đống" in doc.text
    assert any("no text layer" in w and "page 2" in w for w in doc.warnings), doc.warnings


@needs_dejavu
def test_pdf_with_no_text_at_all_warns(tmp_path):
    doc = parsers.parse_file(make_pdf(tmp_path / "blank.pdf", [{"rect": True}]))
    assert doc.text == "" and doc.blocks == []
    assert any("no text layer" in w for w in doc.warnings), doc.warnings


@needs_dejavu
def test_pdf_wrapped_lines_form_one_paragraph(tmp_path):
    sentence = ("Thực hiện Kế hoạch số 18/KH-UBND ngày 18/01/2023 của UBND tỉnh về việc thực hiện Chương trình "
                "mục tiêu quốc gia xây dựng nông thôn mới, Sở Tài nguyên và Môi trường đã tổ chức kiểm tra "
                "tình hình thực hiện tiêu chí môi trường tại các xã trên địa bàn huyện Bắc Sơn năm 2023.")
    doc = parsers.parse_file(render_pdf([(sentence, False), ("Xã Long Đống đạt 15/19 tiêu chí.", False)],
                                        tmp_path / "wrap.pdf"))
    check_model(doc)
    assert [doc.block_text(b) for b in doc.blocks] == [sentence, "Xã Long Đống đạt 15/19 tiêu chí."]


def test_the_usual_line_step_ignores_cells_of_one_row():
    """A page with a table: its cells, read as lines of one row, step down by a hair; the usual step between the
    lines of a paragraph is still the paragraphs' own."""
    from ntm.parsers.layout import Line, typical_step
    prose = [Line(f"dòng {i}", 70, 100 + 16 * i, 520, 112 + 16 * i) for i in range(6)]
    cells = [Line(f"ô {i}", 70 + 90 * i, 300 + 0.9 * i, 150 + 90 * i, 312 + 0.9 * i) for i in range(12)]
    assert 1.2 < typical_step(prose + cells) < 1.4
