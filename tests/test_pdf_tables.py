"""Ruled tables in PDFs are read cell by cell with pdfplumber; the rest of the page with pypdfium2."""
from pathlib import Path

import pytest

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
pytestmark = pytest.mark.skipif(not FONT.exists(), reason="DejaVuSans.ttf missing: apt-get install fonts-dejavu-core")


def make_pdf(path: Path, grid: bool) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    style = ParagraphStyle("n", fontName="DejaVu", fontSize=11, leading=14)
    rows = [["STT", "Tên xã", "Số tiêu chí đạt", "Tiêu chí chưa đạt"],
            ["1", "Long Đống", "14/19", "TC2, TC6, TC13, TC15, TC17"],
            ["2", "Vũ Sơn", "17/19", "TC2, TC13"]]
    table = Table(rows)
    commands = [("FONTNAME", (0, 0), (-1, -1), "DejaVu")]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(commands))
    SimpleDocTemplate(str(path), pagesize=A4).build([
        Paragraph("BÁO CÁO", style), Paragraph("Kết quả rà soát tiêu chí các xã huyện Bắc Sơn năm 2023", style),
        Spacer(1, 12), table, Spacer(1, 12), Paragraph("Bình quân đạt 15,5 tiêu chí/xã.", style)])


def test_ruled_table_becomes_cells_and_facts(tmp_path):
    from ntm.extract.document import extract_document
    from ntm.parsers import parse_file
    path = tmp_path / "table.pdf"
    make_pdf(path, grid=True)
    document = parse_file(path)
    cells = [(b.row, b.col, document.block_text(b)) for b in document.blocks if b.kind == "table_cell"]
    assert (1, 1, "Long Đống") in cells and (2, 3, "TC2, TC13") in cells
    assert "Bình quân đạt 15,5 tiêu chí/xã." in document.text  # text after the table still read
    facts = extract_document(document)
    assert {(r.unit, r.count_min) for r in facts.tables["criteria_counts"]} == {("Long Đống", 14), ("Vũ Sơn", 17)}
    assert {(r.unit, r.criterion) for r in facts.tables["criteria_status"] if r.unit == "Vũ Sơn"} == {
        ("Vũ Sơn", 2), ("Vũ Sơn", 13)}


def test_unruled_page_is_not_sent_to_pdfplumber(tmp_path, monkeypatch):
    import ntm.parsers.pdf as pdf
    path = tmp_path / "plain.pdf"
    make_pdf(path, grid=False)
    monkeypatch.setattr(pdf, "_tables", lambda *a: pytest.fail("pdfplumber asked about a page with no rules"))
    from ntm.parsers import parse_file
    assert "Long Đống" in parse_file(path).text


@pytest.mark.parametrize("first, second, symbol", [
    ("Xét đề nghị của Giám đốc Sở Nông nghiệp tại Tờ trình số 412/TTr-", "SNN ngày 17 tháng 12 năm 2024 về việc "
     "công nhận xã đạt chuẩn.", "412/TTr-SNN"),
    ("Thực hiện Kế hoạch số 18/KH-", "UBND ngày 18/01/2023 của UBND tỉnh Lạng Sơn về xây dựng nông thôn mới.",
     "18/KH-UBND"),
])
def test_a_symbol_broken_at_its_hyphen_across_pdf_lines_is_whole(tmp_path, first, second, symbol):
    """pdfium writes a hyphen that ends a line as a control character: it is the hyphen, and the symbol is one."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from ntm.extract.references import read_references
    from ntm.parsers import parse_file
    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    path = tmp_path / "decision.pdf"
    page = canvas.Canvas(str(path))
    page.setFont("DejaVu", 11)
    page.drawString(72, 700, first)
    page.drawString(72, 686, second)
    page.save()
    text = parse_file(path).text
    assert "\x02" not in text
    assert [r.symbol for r in read_references(text)] == [symbol]


def make_long_table_pdf(path: Path, communes: list[tuple[str, str, str, str]]) -> None:
    """A results table with a header of two rows ('Kết quả rà soát' spanning 'Số TC đạt | Số TC chưa đạt | Tên tiêu chí
    chưa đạt') long enough to go on over the page break (reportlab repeats no header)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    style = ParagraphStyle("n", fontName="DejaVu", fontSize=11, leading=14)
    rows = [["TT", "Đơn vị", "Kết quả rà soát", "", ""], ["", "", "Số TC đạt", "Số TC chưa đạt", "Tên tiêu chí chưa đạt"]]
    rows += [[str(i + 1), f"Xã {name}", met, unmet, names] for i, (name, met, unmet, names) in enumerate(communes)]
    table = Table(rows, repeatRows=0)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "DejaVu"), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("SPAN", (2, 0), (4, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1))]))
    filler = [Paragraph("Căn cứ kết quả rà soát của các phòng, ban chuyên môn, Ban Chỉ đạo huyện tổng hợp như sau.", style)
              for _ in range(20)]
    SimpleDocTemplate(str(path), pagesize=A4).build([
        Paragraph("BÁO CÁO", style), Paragraph("Kết quả rà soát tiêu chí xã nông thôn mới huyện Bắc Sơn năm 2024", style),
        *filler, Spacer(1, 12), table])


def test_a_table_with_a_two_row_header_cut_by_the_page_break(tmp_path):
    from ntm.extract.document import extract_document
    from ntm.parsers import parse_file
    communes = [("Long Đống", "19", "0", "-"), ("Vũ Sơn", "17", "2", "Thu nhập; Môi trường"),
                ("Tân Lập", "18", "1", "Thu nhập"), ("Hưng Vũ", "16", "3", "Giao thông; Thu nhập; Môi trường"),
                ("Vũ Lăng", "15", "4", "Giao thông; Thu nhập; Nghèo đa chiều; Môi trường"),
                ("Vũ Lễ", "17", "2", "Giao thông; Thu nhập"), ("Tân Hương", "19", "0", "-"),
                ("Chiến Thắng", "18", "1", "Môi trường"), ("Nhất Hòa", "16", "3", "Giao thông; Y tế; Thu nhập"),
                ("Nhất Tiến", "17", "2", "Thu nhập; Môi trường"), ("Tân Thành", "18", "1", "Thu nhập"),
                ("Quỳnh Sơn", "19", "0", "-")]
    path = tmp_path / "long.pdf"
    make_long_table_pdf(path, communes)
    document = parse_file(path)
    pages = {b.page for b in document.blocks if b.kind == "table_cell"}
    assert len(pages) == 2, "the table should go on over the page break"
    facts = extract_document(document)
    counts = {(r.unit, r.kind, r.count_min) for r in facts.tables["criteria_counts"]}
    expected = {(name, "met", int(met)) for name, met, _, _ in communes} | {
        (name, "unmet", int(unmet)) for name, _, unmet, _ in communes}
    assert counts == expected
    assert {(r.unit, r.criterion) for r in facts.tables["criteria_status"] if r.unit == "Vũ Sơn"} == {
        ("Vũ Sơn", 10), ("Vũ Sơn", 17)}


def test_a_header_repeated_after_the_page_break_and_a_total_row_are_no_units(tmp_path):
    """reportlab's repeatRows repeats the header on the next page as Word does; its 'Tên xã' and the 'Cộng' row
    are neither communes nor findings."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from ntm.extract.document import extract_document
    from ntm.parsers import parse_file
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    style = ParagraphStyle("n", fontName="DejaVu", fontSize=11, leading=14)
    names = ["Long Đống", "Vũ Sơn", "Tân Lập", "Hưng Vũ", "Vũ Lăng", "Vũ Lễ", "Tân Hương", "Chiến Thắng", "Nhất Hòa",
             "Nhất Tiến", "Tân Thành", "Đồng Ý"]
    rows = [["STT", "Tên xã", "Số tiêu chí NTM nâng cao đạt chuẩn", "Kinh phí (triệu đồng)"]]
    rows += [[str(i + 1), name, "19/19", f"{1000 + i}"] for i, name in enumerate(names)] + [["", "Cộng", "", "12.066"]]
    table = Table(rows, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "DejaVu"), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    filler = [Paragraph("Căn cứ kết quả thẩm định của Hội đồng, UBND huyện Bắc Sơn tổng hợp như sau.", style)] * 22
    path = tmp_path / "decision.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("QUYẾT ĐỊNH", style), *filler, table])
    document = parse_file(path)
    assert len({b.page for b in document.blocks if b.kind == "table_cell"}) == 2
    facts = extract_document(document)
    expected = {n.casefold() for n in names}  # the register writes 'Đồng ý'
    assert {r.name.casefold() for r in facts.tables["units"] if r.level == "commune"} == expected
    assert not [f for f in facts.tables["flags"] if f.kind == "not_in_register"]
    assert {r.unit.casefold() for r in facts.tables["criteria_counts"]} == expected
