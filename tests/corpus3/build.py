"""Render corpus 3: every master text in tests/corpus3/src/ -> tests/corpus3/raw/ in its target format.

The masters are UTF-8 NFC plain text, blocks separated by blank lines. Light markup, used only by the
.docx / .pdf renderers (the .txt targets are written as the master text is):
  * a block whose lines all contain "||" is a two-column borderless layout table (issuer | national
    motto at the top, "Nơi nhận" | signature at the end);
  * a block whose lines all contain " | " is a ruled grid table, its first row the header row
    (python-docx "Table Grid" style; reportlab Table with a GRID style);
  * "• " at the start of a line is a bulleted item: Word style "List Bullet" in .docx (the bullet
    character itself is then not part of the paragraph text), a "•" item in .pdf;
  * "#. " at the start of a line is a numbered item: Word style "List Number" (the number is
    produced by Word's numbering, not by the text);
  * "## " at the start of a line is a section heading (Word "Heading 1").
In a .docx without a layout table at the top, the blocks before the document type (letterhead,
number, motto, place and date) are centred paragraphs.

Run:  .venv/bin/python tests/corpus3/build.py
"""
from __future__ import annotations

import datetime
import io
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
RAW = HERE / "raw"

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
DOC_TYPES = {"BÁO CÁO", "THÔNG BÁO", "KẾ HOẠCH", "CÔNG VĂN", "QUYẾT ĐỊNH", "TỜ TRÌNH"}

# master stem -> (output extension, renderer)
TARGETS: dict[str, tuple[str, str]] = {
    "c3_01_krongpac_baocao_2023": (".docx", "docx"),
    "c3_02_mocchau_kehoach_2024": (".docx", "docx"),
    "c3_03_dongphu_baocao_thamdinh_2024": (".pdf", "pdf"),
    "c3_04_nongcong_baocao_nangcao_2024": (".pdf", "pdf_list_across_pages"),
    "c3_05_hailang_congvan_2023": (".txt", "utf8"),
    "c3_06_dienbien_baocao_giamsat_2023": (".txt", "utf8_bom_crlf"),
}

# running footer text of each PDF ("{page}" is replaced by the page number)
PDF_FOOTER = {
    "c3_03_dongphu_baocao_thamdinh_2024": "Sở Nông nghiệp và PTNT Bình Phước - trang {page}",
    "c3_04_nongcong_baocao_nangcao_2024": "- {page} -",
}
# the list that must start on one page and end on the next (c3_04)
LIST_FIRST = "Xã Tế Lợi hoàn thành 16/19"
LIST_LAST = "Xã Yên Mỹ đạt 17/19"


def read_master(stem: str) -> str:
    text = (SRC / f"{stem}.txt").read_text("utf-8")
    if unicodedata.normalize("NFC", text) != text:
        raise SystemExit(f"{stem}.txt is not NFC")
    return text


def blocks_of(text: str) -> list[list[str]]:
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


def is_layout(block: list[str]) -> bool:
    return all("||" in line for line in block)


def is_grid(block: list[str]) -> bool:
    return all(" | " in line or line.endswith(" |") for line in block)


def grid_rows(block: list[str]) -> list[list[str]]:
    rows = [[c.strip() for c in (line + " ").split(" | ")] for line in block]
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def is_title(block: list[str]) -> bool:
    return len(block) == 1 and block[0] in DOC_TYPES


# --- .txt ---------------------------------------------------------------------------------------


def render_text(text: str, how: str) -> bytes:
    if how == "utf8":
        return text.encode("utf-8")
    if how == "utf8_bom_crlf":  # as saved by Windows Notepad
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
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

    def fill(cell, lines, bold=False, center=True, size=None, italic_first=False):
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
    title_at = next(i for i, b in enumerate(blocks) if is_title(b))
    after_title = False
    for index, block in enumerate(blocks):
        if is_layout(block):
            left, right = two_columns(block)
            table = doc.add_table(rows=1, cols=2)
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            lc, rc = table.rows[0].cells
            if index < title_at:
                fill(lc, [x for x in left if x], bold=True, size=12)
                fill(rc, [x for x in right if x], bold=True, size=12)
                rc.paragraphs[-1].runs[0].bold = False
                rc.paragraphs[-1].runs[0].italic = True
            else:
                fill(lc, [x for x in left if x], center=False, size=11, italic_first=True)
                fill(rc, right, bold=True)
            continue
        if index < title_at:  # letterhead typed as centred paragraphs
            for line in block:
                para = doc.add_paragraph()
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = para.add_run(line)
                run.bold = not line.startswith(("Số:", "Mộc Châu,"))
                run.italic = line.startswith("Mộc Châu,")
            continue
        if is_grid(block):
            rows = grid_rows(block)
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
        if after_title:
            para = doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.add_run(" ".join(block)).bold = True
            after_title = False
            continue
        for line in block:
            if line.startswith("## "):
                doc.add_heading(line[3:], level=1)
            elif line.startswith("• "):
                doc.add_paragraph(line[2:], style="List Bullet")
            elif line.startswith("#. "):
                doc.add_paragraph(line[3:], style="List Number")
            else:
                para = doc.add_paragraph()
                para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                if not line.startswith("- "):
                    para.paragraph_format.first_line_indent = Cm(1.0)
                run = para.add_run(line)
                head = line.split(" ", 1)[0]
                if head in {"I.", "II.", "III.", "IV.", "V."} or (
                        head.rstrip(".").isdigit() and len(line) < 70 and not line.endswith((";", "."))):
                    run.bold = True
    fixed = datetime.datetime(2024, 1, 1)
    doc.core_properties.created = doc.core_properties.modified = fixed
    doc.core_properties.author = doc.core_properties.last_modified_by = ""
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip_times(out.getvalue())


def fixed_zip_times(data: bytes) -> bytes:
    """Rewrite the .docx zip with fixed entry times, so that rebuilding gives identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --- .pdf ---------------------------------------------------------------------------------------


def render_pdf(text: str, footer: str, gap: float = 0.0) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONT_BOLD))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")

    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=15, alignment=TA_JUSTIFY,
                          firstLineIndent=0.8 * cm, spaceAfter=4)
    item = ParagraphStyle("item", parent=body, firstLineIndent=0, leftIndent=0.8 * cm, spaceAfter=2)
    center = ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0)
    cell = ParagraphStyle("cell", parent=center, fontSize=10, leading=13, spaceAfter=0)
    cell_left = ParagraphStyle("cell_left", parent=cell, alignment=0, fontSize=9.5, leading=12)

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVuSans", 8)
        canvas.setFillColor(colors.grey)
        canvas.drawCentredString(A4[0] / 2, 1.0 * cm, footer.format(page=doc.page))
        canvas.restoreState()

    story = []
    blocks = blocks_of(text)
    title_at = next(i for i, b in enumerate(blocks) if is_title(b))
    after_title = False
    for index, block in enumerate(blocks):
        if is_layout(block):
            left, right = two_columns(block)
            if index < title_at:
                lp = [Paragraph(f"<b>{escape(x)}</b>", cell) for x in left if x]
                rp = [Paragraph(f"<b>{escape(x)}</b>", cell) for x in right[:2]] + [
                    Paragraph(f"<i>{escape(x)}</i>", cell) for x in right[2:] if x]
                table = Table([[lp, rp]], colWidths=[7 * cm, 9.5 * cm])
            else:
                lp = [Paragraph(f"<b><i>{escape(left[0])}</i></b>", cell_left)] + [
                    Paragraph(escape(x), cell_left) for x in left[1:] if x]
                rp = [Paragraph(f"<b>{escape(x)}</b>" if x else "&nbsp;", cell) for x in right]
                table = Table([[lp, rp]], colWidths=[8 * cm, 8 * cm])
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
            story.append(Spacer(1, 0.4 * cm + (gap if index < title_at else 0)))
            continue
        if is_grid(block):
            rows = grid_rows(block)
            strong = lambda r, row: r == 0 or row[1].startswith("Tổng")  # noqa: E731
            data = [[Paragraph(f"<b>{escape(v)}</b>" if strong(r, row) else escape(v),
                               cell_left if c == 1 and r > 0 else cell)
                     for c, v in enumerate(row)] for r, row in enumerate(rows)]
            widths = [1.2 * cm, 8.3 * cm, 3.2 * cm, 3.2 * cm][: len(rows[0])]
            table = Table(data, colWidths=widths, repeatRows=1)
            table.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
            ]))
            story.append(table)
            story.append(Spacer(1, 0.3 * cm))
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
            if line.startswith(("- ", "• ")):
                story.append(Paragraph(escape(line), item))
            else:
                head = line.split(" ", 1)[0]
                bold = head in {"I.", "II.", "III.", "IV.", "V."} or (
                    head.rstrip(".").isdigit() and len(line) < 70 and not line.endswith((";", ".")))
                story.append(Paragraph(f"<b>{escape(line)}</b>" if bold else escape(line), body))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title="", author="", invariant=1)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()


def pages_of(pdf: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


def list_crosses_page(pdf: bytes, first: str, last: str) -> bool:
    pages = pages_of(pdf)
    where = lambda s: next((i for i, t in enumerate(pages) if s in t.replace("\n", " ")), None)  # noqa: E731
    a, b = where(first), where(last)
    return a is not None and b is not None and b > a


def build_pdf_list_across_pages(stem: str, text: str) -> bytes:
    """Nudge the space under the letterhead until the list of c3_04 starts on one page, ends on the next."""
    for step in range(0, 60):
        pdf = render_pdf(text, PDF_FOOTER[stem], gap=step * 6.0)
        if list_crosses_page(pdf, LIST_FIRST, LIST_LAST):
            return pdf
    raise SystemExit(f"{stem}: could not make the list cross a page break")


def main() -> None:
    RAW.mkdir(parents=True, exist_ok=True)
    for stem, (ext, how) in TARGETS.items():
        text = read_master(stem)
        if how == "docx":
            data = render_docx(text)
        elif how == "pdf":
            data = render_pdf(text, PDF_FOOTER[stem])
        elif how == "pdf_list_across_pages":
            data = build_pdf_list_across_pages(stem, text)
        else:
            data = render_text(text, how)
        (RAW / f"{stem}{ext}").write_bytes(data)
        print(f"{stem}{ext}: {len(data):,} bytes ({how})")


if __name__ == "__main__":
    main()
