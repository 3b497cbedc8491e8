"""Legacy font text inside .docx and .pdf containers is decoded back to Unicode by parse_file."""
from __future__ import annotations

from pathlib import Path

import pytest

from ntm import parsers
from ntm.parsers.legacy import encode_tcvn3, encode_vni

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

SENTENCES = [
    "Thông báo kết quả kiểm tra tình hình thực hiện Chương trình xây dựng nông thôn mới năm 2023.",
    "Xã Long Đống đã đạt 15/19 tiêu chí; thu nhập bình quân đầu người ước đạt 48,5 triệu đồng.",
    "Đề nghị khẩn trương khắc phục những tồn tại, hạn chế về môi trường và an toàn thực phẩm.",
]


def write_docx(paragraphs: list[str], target: Path) -> Path:
    import docx
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = paragraphs[0]
    table.cell(0, 1).text = paragraphs[1]
    document.save(str(target))
    return target


@pytest.mark.parametrize("encoding,encode", [("tcvn3", encode_tcvn3), ("vni", encode_vni)])
def test_docx_in_legacy_font_is_decoded(tmp_path, encoding, encode):
    mojibake = [encode(s) for s in SENTENCES]
    if encoding == "tcvn3":
        assert mojibake[0].startswith("Th«ng b¸o kÕt qu¶ kiÓm tra")
    assert all(m != s for m, s in zip(mojibake, SENTENCES))
    doc = parsers.parse_file(write_docx(mojibake, tmp_path / f"{encoding}.docx"))
    assert doc.encoding == encoding
    blocks = [doc.block_text(b) for b in doc.blocks]
    assert blocks[:3] == SENTENCES
    cells = [doc.block_text(b) for b in doc.blocks if b.kind == "table_cell"]
    assert cells == SENTENCES[:2]


def test_unicode_docx_is_left_alone(tmp_path):
    doc = parsers.parse_file(write_docx(SENTENCES, tmp_path / "unicode.docx"))
    assert doc.encoding is None
    assert [doc.block_text(b) for b in doc.blocks][:3] == SENTENCES


@pytest.mark.skipif(not DEJAVU.exists(), reason=f"{DEJAVU} missing: PDF rendering needs the DejaVu font")
def test_pdf_glyph_oi_is_repaired(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(TTFont("DejaVuSansLegacy", str(DEJAVU)))
    target = tmp_path / "oi.pdf"
    c = canvas.Canvas(str(target))
    c.setFont("DejaVuSansLegacy", 12)
    broken = [s.replace("ư", "ƣ").replace("Ư", "Ƣ") for s in SENTENCES]
    assert "ƣ" in broken[0]
    for i, line in enumerate(broken):
        c.drawString(72, 750 - 40 * i, line)
    c.drawString(72, 600, "TRƢỞNG BAN CHỈ ĐẠO")
    c.showPage()
    c.save()
    doc = parsers.parse_file(target)
    assert "ƣ" not in doc.text and "Ƣ" not in doc.text
    for sentence in SENTENCES:
        assert sentence in doc.text
    assert "TRƯỞNG BAN CHỈ ĐẠO" in doc.text


@pytest.mark.skipif(not DEJAVU.exists(), reason=f"{DEJAVU} missing: PDF rendering needs the DejaVu font")
@pytest.mark.parametrize("encoding,encode", [("tcvn3", encode_tcvn3), ("vni", encode_vni)])
def test_pdf_in_legacy_font_is_decoded(tmp_path, encoding, encode):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(TTFont("DejaVuSansLegacy", str(DEJAVU)))
    target = tmp_path / f"{encoding}.pdf"
    c = canvas.Canvas(str(target))
    c.setFont("DejaVuSansLegacy", 11)
    for i, sentence in enumerate(SENTENCES):
        c.drawString(40, 750 - 60 * i, encode(sentence))
    c.showPage()
    c.save()
    doc = parsers.parse_file(target)
    assert doc.encoding == encoding
    for sentence in SENTENCES:
        assert sentence in doc.text
