"""Render corpus 4: every master text in tests/corpus4/src/ -> tests/corpus4/raw/ in its target format.

The masters are UTF-8 NFC plain text, blocks separated by blank lines. Light markup, used only by the
.docx / .pdf renderers (the .txt targets are written as the master text is, re-encoded for TCVN3):
  * a block whose lines all contain "||" is a two-column borderless layout table (issuer | national
    motto at the top, "Nơi nhận" | signature at the end);
  * a block whose lines all contain " | " is a ruled grid table, its first row the header row
    (python-docx "Table Grid" style);
  * "• " at the start of a line is a Word "List Bullet" paragraph (the bullet is not in the text);
  * "#. " at the start of a line is a Word "List Number" paragraph (the number comes from Word's
    numbering, not from the text);
  * "## " at the start of a line is a Word "Heading 1";
  * "^ " at the start of a line is a centred bold line (.pdf: the "CHỦ TỊCH …" and "QUYẾT ĐỊNH:"
    lines of a decision);
  * "_ " at the start of a line is an italic paragraph (.pdf: the "Căn cứ …" preamble of a decision).

The TCVN3 target is `parsers.legacy.encode_tcvn3(text).encode("cp1252", errors="replace")`, CRLF line
ends as a DOS/Windows editor writes them; build checks that `parsers.legacy.decode_bytes` reads it back
as TCVN3 and that the only differences from the master are toned capitals folded to lowercase.

Run:  .venv/bin/python tests/corpus4/build.py
"""
from __future__ import annotations

import datetime
import io
import sys
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
RAW = HERE / "raw"
sys.path.insert(0, str(HERE.parent.parent))

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_ITALIC = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"
DOC_TYPES = {"BÁO CÁO", "THÔNG BÁO", "KẾ HOẠCH", "CÔNG VĂN", "QUYẾT ĐỊNH", "TỜ TRÌNH"}

# master stem -> (output extension, renderer)
TARGETS: dict[str, tuple[str, str]] = {
    "c4_01_kontum_baocao_vpdp_2024": (".docx", "docx"),
    "c4_02_vinhlong_quyetdinh_congnhan_2023": (".pdf", "pdf"),
    "c4_03_ductrong_kehoach_2024": (".docx", "docx"),
    "c4_04_lucson_baocao_xa_2024": (".txt", "utf8"),
    "c4_05_lethuy_congvan_dondoc_2024": (".txt", "utf8"),
    "c4_06_kimson_thongbao_tcvn3_2023": (".txt", "tcvn3_crlf"),
}


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
    return all(" | " in line for line in block)


def grid_rows(block: list[str]) -> list[list[str]]:
    rows = [[c.strip() for c in line.split(" | ")] for line in block]
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def is_title(block: list[str]) -> bool:
    return len(block) == 1 and block[0] in DOC_TYPES


# --- .txt ---------------------------------------------------------------------------------------


def render_text(text: str, how: str) -> bytes:
    if how == "utf8":
        return text.encode("utf-8")
    if how == "tcvn3_crlf":
        from ntm.parsers.legacy import decode_bytes, encode_tcvn3

        data = encode_tcvn3(text).replace("\n", "\r\n").encode("cp1252", errors="replace")
        decoded, encoding = decode_bytes(data)
        if encoding != "tcvn3":
            raise SystemExit(f"TCVN3 target read back as {encoding}")
        decoded = decoded.replace("\r\n", "\n")
        if len(decoded) != len(text) or decoded.lower() != text.lower():
            raise SystemExit("TCVN3 target does not read back as the master (beyond capitals)")
        return data
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
                lc.paragraphs[-1].runs[0].bold = False  # "Số: …"
                fill(rc, [x for x in right if x], bold=True, size=12)
                rc.paragraphs[-1].runs[0].bold = False
                rc.paragraphs[-1].runs[0].italic = True
            else:
                fill(lc, [x for x in left if x], center=False, size=11, italic_first=True)
                fill(rc, right, bold=True)
            continue
        if is_grid(block):
            rows = grid_rows(block)
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, values in enumerate(rows):
                for c, value in enumerate(values):
                    cell = table.rows[r].cells[c]
                    cell.text = value
                    if r == 0 or values[0].startswith(("Tổng", "Cộng")) or (len(values) > 1 and values[1] == "Cộng"):
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
                    if r == 0 or c > 0 and value.replace(".", "").replace(",", "").isdigit():
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
                        head.rstrip(".").isdigit() and len(line) < 70 and not line.endswith((";", ".", ":"))):
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


def render_pdf(text: str) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONT_BOLD))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Oblique", FONT_ITALIC))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                  italic="DejaVuSans-Oblique")

    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=15, alignment=TA_JUSTIFY,
                          firstLineIndent=0.8 * cm, spaceAfter=4)
    item = ParagraphStyle("item", parent=body, firstLineIndent=0, leftIndent=0.8 * cm, spaceAfter=2)
    center = ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0)
    cell = ParagraphStyle("cell", parent=center, fontSize=10, leading=13, spaceAfter=0)
    cell_left = ParagraphStyle("cell_left", parent=cell, alignment=0, fontSize=9.5, leading=12)

    story = []
    blocks = blocks_of(text)
    title_at = next(i for i, b in enumerate(blocks) if is_title(b))
    after_title = False
    for index, block in enumerate(blocks):
        if is_layout(block):
            left, right = two_columns(block)
            if index < title_at:
                lp = [Paragraph(f"<b>{escape(x)}</b>", cell) for x in left[:-1] if x] + [
                    Paragraph(escape(left[-1]), cell)]
                rp = [Paragraph(f"<b>{escape(x)}</b>", cell) for x in right[:2]] + [
                    Paragraph(f"<i>{escape(x)}</i>", cell) for x in right[2:] if x]
                table = Table([[lp, rp]], colWidths=[6.5 * cm, 10 * cm])
            else:
                lp = [Paragraph(f"<b><i>{escape(left[0])}</i></b>", cell_left)] + [
                    Paragraph(escape(x), cell_left) for x in left[1:] if x]
                rp = [Paragraph(f"<b>{escape(x)}</b>" if x else "&nbsp;", cell) for x in right]
                table = Table([[lp, rp]], colWidths=[8 * cm, 8 * cm])
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
            story.append(Spacer(1, 0.4 * cm))
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
            if line.startswith("^ "):
                story.append(Spacer(1, 0.15 * cm))
                story.append(Paragraph(f"<b>{escape(line[2:])}</b>", center))
                story.append(Spacer(1, 0.15 * cm))
            elif line.startswith("_ "):
                story.append(Paragraph(f"<i>{escape(line[2:])}</i>", body))
            elif line.startswith("Điều "):
                head, _, rest = line.partition(". ")
                story.append(Paragraph(f"<b>{escape(head)}.</b> {escape(rest)}", body))
            elif line[:2].rstrip(".").isdigit() or line[:2] in {"a)", "b)", "c)"} or line.startswith("- "):
                story.append(Paragraph(escape(line), item))
            else:
                story.append(Paragraph(escape(line), body))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=3 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title="", author="", invariant=1)
    doc.build(story)
    return out.getvalue()


def main() -> None:
    RAW.mkdir(parents=True, exist_ok=True)
    for stem, (ext, how) in TARGETS.items():
        text = read_master(stem)
        if how == "docx":
            data = render_docx(text)
        elif how == "pdf":
            data = render_pdf(text)
        else:
            data = render_text(text, how)
        (RAW / f"{stem}{ext}").write_bytes(data)
        print(f"{stem}{ext}: {len(data):,} bytes ({how})")


if __name__ == "__main__":
    main()
