"""Render the sample corpus: every master text in data/sample_src/ -> data/raw/ in its target format.

The masters are UTF-8 NFC plain text, one paragraph per line block. Two light conventions are used
only by the .docx / .pdf renderers:
  * a block whose lines all contain "||" is a two-column borderless layout table (issuer | national
    motto at the top, "Nơi nhận" | signature at the end), as real administrative templates do;
  * a block whose lines contain " | " is a grid table, its first row the header row;
  * "## " / "### " at the start of a line is a section heading (Heading 1 / Heading 2 in .docx).

Run:  .venv/bin/python data/sample_src/build.py
"""
from __future__ import annotations

import io
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RAW = ROOT / "data" / "raw"
sys.path.insert(0, str(ROOT))

from ntm.parsers.legacy import encode_cp1258, encode_tcvn3  # noqa: E402

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

# master stem -> (output extension, renderer name)
TARGETS: dict[str, tuple[str, str]] = {
    "s01_dinhhoa_thongbao_2023": (".txt", "utf8"),  # markdown headings/bold, $\geq 95\%$
    "s02_bacquang_congvan_2024": (".txt", "utf8"),
    "s03_concuong_baocao_2019": (".txt", "utf8_crlf"),  # Windows line ends
    "s04_duyxuyen_kehoach_2024": (".txt", "nfd"),
    "s05_chodon_baocao_thon_2023": (".txt", "tcvn3"),
    "s06_mytu_baocao_2023": (".txt", "cp1258"),
    "s07_chiemhoa_baocao_2022": (".docx", "docx"),
    "s08_vixuyen_thongbao_2022": (".docx", "docx"),
    "s09_lucyen_baocao_2023": (".pdf", "pdf"),
}

# running header of the PDF
PDF_RUNNING_HEADER = {"s09_lucyen_baocao_2023": "ỦY BAN NHÂN DÂN HUYỆN LỤC YÊN"}


def read_master(stem: str) -> str:
    text = (HERE / f"{stem}.txt").read_text("utf-8")
    if unicodedata.normalize("NFC", text) != text:
        raise SystemExit(f"{stem}.txt is not NFC")
    return text


def blocks_of(text: str) -> list[list[str]]:
    """Blank-line separated blocks, each a list of its non-empty lines."""
    blocks, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def two_columns(lines: list[str]) -> tuple[list[str], list[str]]:
    left, right = [], []
    for line in lines:
        a, _, b = line.partition("||")
        left.append(a.strip())
        right.append(b.strip())
    return left, right


def is_title(block: list[str]) -> bool:
    return len(block) == 1 and block[0] in {"BÁO CÁO", "THÔNG BÁO", "KẾ HOẠCH", "CÔNG VĂN"}


# --- plain text encodings ---------------------------------------------------------------------


def to_cp1252ish(text: str) -> bytes:
    """TCVN3 text as cp1252 characters -> bytes; the few bytes cp1252 leaves undefined as latin-1."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            out += char.encode("latin-1")
    return bytes(out)


def render_text(text: str, how: str) -> bytes:
    if how == "utf8":
        return text.encode("utf-8")
    if how == "utf8_crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if how == "nfd":
        return unicodedata.normalize("NFD", text).encode("utf-8")
    if how == "tcvn3":
        return to_cp1252ish(encode_tcvn3(text)).replace(b"\n", b"\r\n")
    if how == "cp1258":
        return encode_cp1258(text).replace(b"\n", b"\r\n")
    raise ValueError(how)


# --- .docx --------------------------------------------------------------------------------------


def render_docx(text: str) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)

    def cell_lines(cell, lines, bold=False, center=True, size=None, italic_first=False):
        cell.paragraphs[0].text = ""
        for i, line in enumerate(lines):
            para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            if center:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = para.add_run(line)
            run.bold = bold or (italic_first and i == 0)
            run.italic = italic_first and i == 0
            if size:
                run.font.size = Pt(size)

    blocks = blocks_of(text)
    after_title = False
    for index, block in enumerate(blocks):
        if all("||" in line for line in block):
            left, right = two_columns(block)
            table = doc.add_table(rows=1, cols=2)
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            left_cell, right_cell = table.rows[0].cells
            if index == 0:  # issuer | national motto
                cell_lines(left_cell, [x for x in left if x], bold=True, size=12)
                cell_lines(right_cell, [x for x in right if x], bold=True, size=12)
                right_cell.paragraphs[-1].runs[0].bold = False
                right_cell.paragraphs[-1].runs[0].italic = True
            else:  # "Nơi nhận" | signature
                cell_lines(left_cell, [x for x in left if x], center=False, size=11, italic_first=True)
                sig = [x for x in right]
                # blank lines between the title and the name, as signed documents leave room
                cell_lines(right_cell, [x if x else "" for x in sig], bold=True)
            continue
        if all(" | " in line for line in block):
            rows = [[c.strip() for c in line.split(" | ")] for line in block]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, values in enumerate(rows):
                for c, value in enumerate(values):
                    cell = table.rows[r].cells[c]
                    cell.text = value
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        if is_title(block):
            para = doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = para.add_run(block[0])
            run.bold = True
            run.font.size = Pt(14)
            after_title = True
            continue
        if after_title:  # the subject line right under the document type
            para = doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.add_run(" ".join(block)).bold = True
            after_title = False
            continue
        for line in block:
            if line.startswith("### "):
                doc.add_heading(line[4:], level=2)
            elif line.startswith("## "):
                doc.add_heading(line[3:], level=1)
            else:
                para = doc.add_paragraph()
                para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                para.paragraph_format.first_line_indent = Cm(1.0)
                run = para.add_run(line)
                # numbered section titles in bold, as typed by hand in real templates
                head = line.split(" ", 1)[0]
                if head.rstrip(".").replace(".", "").isdigit() and len(line) < 80 and not line.endswith(";"):
                    run.bold = True
                if head in {"I.", "II.", "III.", "IV.", "V.", "VI."}:
                    run.bold = True
    import datetime

    fixed = datetime.datetime(2024, 1, 1)
    doc.core_properties.created = doc.core_properties.modified = fixed
    doc.core_properties.author = doc.core_properties.last_modified_by = ""
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip_times(out.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite the .docx zip with fixed entry times, so that rebuilding gives identical bytes."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# --- .pdf ---------------------------------------------------------------------------------------


def render_pdf(text: str, running_header: str, top_gap: float = 0.0) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONT_BOLD))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")

    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=15, alignment=TA_JUSTIFY,
                          firstLineIndent=0.8 * cm, spaceAfter=4)
    item = ParagraphStyle("item", parent=body, firstLineIndent=0, leftIndent=0.8 * cm, spaceAfter=1)
    center = ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0)
    cell = ParagraphStyle("cell", parent=center, fontSize=10, leading=13, spaceAfter=0)
    cell_left = ParagraphStyle("cell_left", parent=cell, alignment=0, fontSize=9, leading=12)

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVuSans", 8)
        canvas.setFillColor(colors.grey)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 1.2 * cm, running_header)
        canvas.line(2.5 * cm, A4[1] - 1.35 * cm, A4[0] - 2 * cm, A4[1] - 1.35 * cm)
        canvas.drawCentredString(A4[0] / 2, 1.0 * cm, f"Trang {doc.page}")
        canvas.restoreState()

    story = []
    after_title = False
    blocks = blocks_of(text)
    for index, block in enumerate(blocks):
        if all("||" in line for line in block):
            left, right = two_columns(block)
            if index == 0:
                lp = [Paragraph(f"<b>{escape(x)}</b>", cell) for x in left if x]
                rp = [Paragraph(f"<b>{escape(x)}</b>", cell) for x in right[:2]] + [
                    Paragraph(f"<i>{escape(x)}</i>", cell) for x in right[2:] if x]
                table = Table([[lp, rp]], colWidths=[6.5 * cm, 9.5 * cm])
            else:
                lp = [Paragraph(f"<b><i>{escape(left[0])}</i></b>", cell_left)] + [
                    Paragraph(escape(x), cell_left) for x in left[1:] if x]
                rp = [Paragraph(f"<b>{escape(x)}</b>" if x else "&nbsp;", cell) for x in right]
                table = Table([[lp, rp]], colWidths=[8 * cm, 8 * cm])
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
            story.append(Spacer(1, 0.4 * cm + (top_gap if index == 0 else 0)))
            continue
        if is_title(block):
            story.append(Spacer(1, 0.2 * cm))
            story.append(Paragraph(f"<b>{escape(block[0])}</b>", center))
            after_title = True
            continue
        if after_title:
            story.append(Paragraph(f"<b>{escape(' '.join(block))}</b>", center))
            story.append(Spacer(1, 0.3 * cm))
            after_title = False
            continue
        for line in block:
            if line.startswith("- "):
                story.append(Paragraph(escape(line), item))
            else:
                head = line.split(" ", 1)[0]
                bold = head in {"I.", "II.", "III.", "IV.", "V.", "VI."} or (
                    head.rstrip(".").isdigit() and len(line) < 90 and "(" in line)
                story.append(Paragraph(f"<b>{escape(line)}</b>" if bold else escape(line), body))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title="", author="", invariant=1)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()


def list_crosses_page(pdf: bytes, first: str, last: str) -> bool:
    """True when the lines `first`..`last` (one list) start on one page and end on a later one."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    where = lambda s: next((i for i, t in enumerate(pages) if s in t), None)  # noqa: E731
    a, b = where(first), where(last)
    return len(pages) >= 2 and a is not None and b is not None and b > a


def build_pdf(stem: str, text: str) -> bytes:
    """Render, nudging the space under the letterhead until the criteria list straddles a page break."""
    first, last = "Tiêu chí số 1 - Quy hoạch", "Tiêu chí số 19 - Quốc phòng"
    for gap in range(0, 40):
        pdf = render_pdf(text, PDF_RUNNING_HEADER[stem], top_gap=gap * 6.0)
        if list_crosses_page(pdf, first, last):
            return pdf
    raise SystemExit(f"{stem}: could not make the list cross a page break")


def main() -> None:
    RAW.mkdir(parents=True, exist_ok=True)
    for stem, (ext, how) in TARGETS.items():
        text = read_master(stem)
        if how == "docx":
            data = render_docx(text)
        elif how == "pdf":
            data = build_pdf(stem, text)
        else:
            data = render_text(text, how)
        (RAW / f"{stem}{ext}").write_bytes(data)
        print(f"{stem}{ext}: {len(data):,} bytes ({how})")


if __name__ == "__main__":
    main()
