"""Text exports of Word pages lay the header and the signature out in two columns on one line; each column is read
as its own line, and a left column that goes on below keeps its lines together. Names are Bắc Sơn's, the layout
our own."""
import pytest

from ntm.extract.document import extract_document
from ntm.parsers import parse_bytes

HEAD = ("ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HUYỆN BẮC SƠN                        Độc lập - Tự do - Hạnh phúc\n\n")
BODY = "\nXã Long Đống đạt 14/19 tiêu chí.\n\n"
FOOT = ("Nơi nhận:                                  KT. CHỦ TỊCH\n"
        "- Như trên;                                PHÓ CHỦ TỊCH\n"
        "- Lưu: VT, NN.\n\n"
        "                                           Hoàng Văn Tài\n")


def _fields(text: str) -> dict:
    return extract_document(parse_bytes(text.encode("utf-8"), "letter.txt")).document_fields


@pytest.mark.parametrize("number_line, number, place, day", [
    ("Số: 412/TB-UBND                        Bắc Sơn, ngày 23 tháng 9 năm 2024", "412", "Bắc Sơn", 23),
    ("Số: 412/TB-UBND          Bắc Sơn, ngày    tháng 9 năm 2024", "412", "Bắc Sơn", None),  # the day left blank
    ("Số:      /TB-UBND          Bắc Sơn, ngày 23 tháng 9 năm 2024", None, "Bắc Sơn", 23),  # the number blank
    ("Số: 412/TB-UBND\tBắc Sơn, ngày 23 tháng 9 năm 2024", "412", "Bắc Sơn", 23),            # a tab between
])
def test_the_number_and_the_place_date_side_by_side(number_line, number, place, day):
    fields = _fields(HEAD + number_line + "\n\nTHÔNG BÁO\nKết quả kiểm tra nông thôn mới\n" + BODY + FOOT)
    assert (fields["symbol"], fields["number"], fields["place"], fields["issue_day"]) == ("TB-UBND", number, place, day)
    assert fields["issuer"] == "UBND huyện Bắc Sơn"


def test_a_subject_line_wrapped_beside_the_date_keeps_its_lines():
    fields = _fields(HEAD + "Số: 1516/UBND-NN\n"
                     "V/v đôn đốc hoàn thiện hồ sơ xét           Bắc Sơn, ngày 10 tháng 9 năm 2024\n"
                     "công nhận xã đạt chuẩn nông thôn mới\n             năm 2024\n" + BODY + FOOT)
    assert fields["title"] == "đôn đốc hoàn thiện hồ sơ xét công nhận xã đạt chuẩn nông thôn mới năm 2024"
    assert fields["place"] == "Bắc Sơn"


@pytest.mark.parametrize("gap", ["     ", "\t"])
def test_three_signatures_side_by_side_under_minutes_name_the_rightmost(gap):
    """Minutes signed by the commune, the district and the head of the inspection team: the signer is the one on
    the right, the team's head."""
    foot = (f"ĐẠI DIỆN UBND XÃ LONG ĐỐNG{gap}ĐẠI DIỆN UBND HUYỆN BẮC SƠN{gap}TRƯỞNG ĐOÀN KIỂM TRA\n"
            f"        CHỦ TỊCH{gap}PHÓ CHỦ TỊCH{gap}PHÓ GIÁM ĐỐC SỞ NN&PTNT\n\n\n"
            f"     Võ Văn Sang{gap}Lê Hoàng Phúc{gap}Hoàng Văn Tài\n")
    fields = _fields(HEAD + "Số: 17/BB-ĐKT\n\nBIÊN BẢN\nKiểm tra kết quả xây dựng nông thôn mới\n" + BODY + foot)
    assert fields["signer_name"] == "Hoàng Văn Tài"


def test_the_signature_beside_the_recipients():
    fields = _fields(HEAD + "Số: 412/TB-UBND\n\nTHÔNG BÁO\nKết quả kiểm tra nông thôn mới\n" + BODY + FOOT)
    assert (fields["signer_name"], fields["signer_title"]) == ("Hoàng Văn Tài", "Phó Chủ tịch")
    assert fields["recipients"] == ["Như trên", "Lưu: VT, NN"]


@pytest.mark.parametrize("foot, title", [
    # the recipients run on below the title; the name, with no blank line before it, stands under the right column
    ("Nơi nhận:                                  KT. CHÁNH VĂN PHÒNG\n"
     "- Như trên;                                PHÓ CHÁNH VĂN PHÒNG\n"
     "- Giám đốc Sở NN và PTNT (b/c);\n"
     "- Lưu: VT, NV.\n"
     "                                           Hoàng Văn Tài\n", "Phó Chánh Văn phòng"),
    ("Nơi nhận:                                  TM. ỦY BAN NHÂN DÂN\n"
     "- Như trên;                                KT. CHỦ TỊCH\n"
     "- Lưu: VT, NN.                             PHÓ CHỦ TỊCH\n"
     "                                           (đã ký)\n"
     "                                           Hoàng Văn Tài\n", "Phó Chủ tịch"),
])
def test_the_signature_under_the_right_column_while_recipients_go_on(foot, title):
    fields = _fields(HEAD + "Số: 412/TB-UBND\n\nTHÔNG BÁO\nKết quả kiểm tra nông thôn mới\n" + BODY + foot)
    assert (fields["signer_name"], fields["signer_title"]) == ("Hoàng Văn Tài", title)
    assert fields["recipients"][0] == "Như trên"


@pytest.mark.parametrize("line", [
    "Tổng kinh phí:          14.574 triệu đồng",    # a label and its value aligned in the body stay one line
    "1. Giao thông           Đạt",
])
def test_an_aligned_body_line_is_not_two_columns(line):
    document = parse_bytes((HEAD + "Số: 1/BC-UBND\n\nBÁO CÁO\n" + line + "\n" + "Nội dung báo cáo.\n" * 30).encode(),
                           "report.txt")
    assert any(" ".join(line.split()) == document.block_text(b) for b in document.blocks)


@pytest.mark.parametrize("title_lines, title", [
    ("Tiến độ xây dựng xã nông thôn mới nâng cao, xã nông thôn mới kiểu mẫu\n9 tháng đầu năm 2024",
     "Tiến độ xây dựng xã nông thôn mới nâng cao, xã nông thôn mới kiểu mẫu 9 tháng đầu năm 2024"),
    ("Kết quả kiểm tra tiến độ xây dựng nông thôn mới tại các xã\nđăng ký đạt chuẩn năm 2024",
     "Kết quả kiểm tra tiến độ xây dựng nông thôn mới tại các xã đăng ký đạt chuẩn năm 2024"),
    ("Kết quả kiểm tra nông thôn mới năm 2024", "Kết quả kiểm tra nông thôn mới năm 2024"),
])
def test_a_title_broken_over_lines(title_lines, title):
    fields = _fields(HEAD + "Số: 98/BC-UBND\n\nBÁO CÁO\n" + title_lines + "\n\nThực hiện Kế hoạch số 45/KH-UBND ngày "
                     "06/02/2024 của UBND huyện Bắc Sơn, UBND huyện báo cáo như sau:\n" + BODY + FOOT)
    assert fields["title"] == title


@pytest.mark.parametrize("date_lines, month, year", [
    ("Bắc Sơn, ngày 27 tháng 12\nnăm 2024", 12, 2024),          # the date line cut in its cell
    ("Bắc Sơn, ngày 27\ntháng 12 năm 2024", 12, 2024),
    ("Bắc Sơn, ngay 27 tháng 12\nnăm 2024", 12, 2024),             # ... with 'ngày' typed without its mark
])
def test_a_place_date_line_cut_in_two(date_lines, month, year):
    fields = _fields(HEAD + "Số: 2046/QĐ-UBND\n\n" + date_lines.replace("\n", "\n\n") +
                     "\n\nQUYẾT ĐỊNH\nVề việc công nhận xã đạt chuẩn nông thôn mới năm 2024\n" + BODY + FOOT)
    assert (fields["place"], fields["issue_month"], fields["issue_year"]) == ("Bắc Sơn", month, year)


def test_a_short_letter_with_its_number_left_blank():
    """In a short letter every line is near its end: a blank number still is no column."""
    fields = _fields("ỦY BAN NHÂN DÂN\nHUYỆN BẮC SƠN\n\nSố:      /UBND-NN\nV/v rà soát tiêu chí\n\n"
                     "Bắc Sơn, ngày      tháng 9 năm 2024\n\nKính gửi: UBND xã Long Đống.\n")
    assert (fields["symbol"], fields["number"]) == ("UBND-NN", None)


WIDE_HEAD = ("UBND HUYỆN BẮC SƠN                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "BAN CHỈ ĐẠO CÁC CTMTQG                    Độc lập - Tự do - Hạnh phúc\n\n"
             "Số: 09/KH-BCĐ                          Bắc Sơn, ngày 20 tháng 3 năm 2024\n"
             "V/v triển khai xây dựng nông thôn mới năm 2024\n\n")
LONG_BODY = ("Thực hiện Kế hoạch số 45/KH-UBND ngày 06/02/2024 của UBND huyện Bắc Sơn về xây dựng nông thôn mới, "
             "Ban Chỉ đạo các chương trình mục tiêu quốc gia huyện đề nghị các xã rà soát các tiêu chí còn thiếu, "
             "xây dựng kế hoạch cụ thể và báo cáo kết quả thực hiện về Văn phòng Điều phối nông thôn mới huyện. "
             "Xã Long Đống đạt 14/19 tiêu chí; xã Vũ Sơn đạt 16/19 tiêu chí; xã Tân Lập đạt 15/19 tiêu chí.\n\n")


@pytest.mark.parametrize("width", [None, 72, 66])
def test_a_header_hard_wrapped_with_its_body(width):
    """A fixed-width export cuts the date line of the header ('... năm⏎2024'): the cut goes on in its right column;
    the subject line under the number and the letterhead's second line are no wraps of the lines above them."""
    from ntm.noise import hard_wrap
    text = WIDE_HEAD + LONG_BODY + FOOT
    fields = _fields(hard_wrap(text, width) if width else text)
    assert (fields["number"], fields["symbol"], fields["place"], fields["issue_year"]) == ("9", "KH-BCĐ", "Bắc Sơn", 2024)
    assert fields["title"] == "triển khai xây dựng nông thôn mới năm 2024"
    assert fields["issuer"].startswith("Ban Chỉ đạo các CTMTQG")


INDENTED_HEAD = ("   UBND HUYỆN BẮC SƠN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                 "                                           Độc lập - Tự do - Hạnh phúc\n"
                 "   Số: 31/BC-UBND\n"
                 "                                        Bắc Sơn, ngày 12 tháng 9 năm 2024\n\n"
                 "BÁO CÁO\nKết quả thẩm tra mức độ đạt chuẩn nông thôn mới của xã Long Đống năm 2024\n\n")
SIGNATURE_FOOT = ("\nNơi nhận:                                          KT. CHÁNH VĂN PHÒNG\n"
                  "- Như trên;                                         PHÓ CHÁNH VĂN PHÒNG\n"
                  "- UBND các xã: Long Đống, Vũ Sơn, Tân Lập;\n"
                  "- Lưu: VT, NV.\n"
                  "                                                        Hoàng Văn Tài\n")


@pytest.mark.parametrize("width", [None, 60, 56])
def test_columns_cut_by_a_narrow_wrap_go_on_in_their_column(width):
    """At 60 columns the motto, the place and date, the delegated title and the signer's name are each cut at the
    width ('CỘNG HÒA XÃ HỘI CHỦ' / 'NGHĨA VIỆT NAM', 'KT. CHÁNH' / 'VĂN PHÒNG', 'Hoàng Văn' / 'Tài'); each rest goes
    back to its own column."""
    from ntm.noise import hard_wrap
    text = INDENTED_HEAD + LONG_BODY + SIGNATURE_FOOT
    fields = _fields(hard_wrap(text, width) if width else text)
    assert (fields["number"], fields["symbol"], fields["issuer"]) == ("31", "BC-UBND", "UBND huyện Bắc Sơn")
    assert (fields["place"], fields["issue_day"], fields["issue_month"], fields["issue_year"]) == ("Bắc Sơn", 12, 9, 2024)
    assert (fields["signer_name"], fields["signer_title"]) == ("Hoàng Văn Tài", "Phó Chánh Văn phòng")


def _letter_pdf(target, left_head, right_head, left_foot, right_foot):
    """A one-page letter drawn as Word lays it out: two centred columns over the body and under it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from test_parsers import dejavu_font
    font = dejavu_font()
    c = canvas.Canvas(str(target), pagesize=A4)
    width, height = A4
    for x, lines in ((150, left_head), (420, right_head)):
        y = height - 60
        for line in lines:
            c.setFont(font, 11)
            c.drawCentredString(x, y, line)
            y -= 15
    y = height - 200
    c.setFont(font, 11)
    for line in ["THÔNG BÁO", "Kết quả kiểm tra xây dựng nông thôn mới năm 2024"]:
        c.drawCentredString(width / 2, y, line)
        y -= 22
    c.drawString(72, y, "Xã Long Đống đạt 17/19 tiêu chí, còn 02 tiêu chí chưa đạt.")
    y -= 22
    for x, lines in ((150, left_foot), (420, right_foot)):
        yy = y - 30
        for line in lines:
            c.drawCentredString(x, yy, line)
            yy -= 15 if line.isupper() else 45
    c.showPage()
    c.save()
    return target


@pytest.mark.skipif(not __import__("pathlib").Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(),
                    reason="DejaVu Sans is not installed (apt-get install fonts-dejavu-core)")
def test_names_wrapped_in_a_pdf_letterhead_and_signature_column(tmp_path):
    """A narrow column wraps a long body's name and a long title; a line that opens a body or title stays its own."""
    pdf = _letter_pdf(tmp_path / "letter.pdf",
                      ["UBND HUYỆN BẮC SƠN", "BAN CHỈ ĐẠO CÁC CHƯƠNG", "TRÌNH MTQG", "Số: 25/TB-BCĐ"],
                      ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "NAM", "Độc lập - Tự do - Hạnh phúc",
                       "Bắc Sơn, ngày 5 tháng 11 năm 2024"],
                      ["Nơi nhận:", "- Lưu: VT."],
                      ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN THƯỜNG", "TRỰC", "Hoàng Văn Tài"])
    document = __import__("ntm.parsers", fromlist=["parse_file"]).parse_file(pdf)
    blocks = [document.text[b.start:b.end] for b in document.blocks]
    for line in ["BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
                 "UBND HUYỆN BẮC SƠN", "KT. TRƯỞNG BAN"]:
        assert line in blocks, blocks[6:]
    assert blocks.index("THÔNG BÁO") > blocks.index("Bắc Sơn, ngày 5 tháng 11 năm 2024")
    fields = extract_document(document).document_fields
    assert fields["issuer"] == "Ban Chỉ đạo các chương trình MTQG huyện Bắc Sơn"
    assert (fields["signer_name"], fields["signer_title"]) == ("Hoàng Văn Tài", "Phó Trưởng ban Thường trực")


@pytest.mark.skipif(not __import__("pathlib").Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(),
                    reason="DejaVu Sans is not installed (apt-get install fonts-dejavu-core)")
def test_a_name_in_capitals_right_below_a_whole_title_is_no_wrap(tmp_path):
    pdf = _letter_pdf(tmp_path / "letter.pdf", ["ỦY BAN NHÂN DÂN", "HUYỆN BẮC SƠN", "Số: 25/TB-UBND"],
                      ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                       "Bắc Sơn, ngày 5 tháng 11 năm 2024"],
                      ["Nơi nhận:", "- Lưu: VT."], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "HOÀNG VĂN TÀI"])
    document = __import__("ntm.parsers", fromlist=["parse_file"]).parse_file(pdf)
    blocks = [document.text[b.start:b.end] for b in document.blocks]
    assert blocks[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "HOÀNG VĂN TÀI"]
    assert blocks[:2] == ["ỦY BAN NHÂN DÂN", "HUYỆN BẮC SƠN"]


def test_a_docx_laying_its_columns_out_with_tabs(tmp_path):
    """Word users often put the two columns on one paragraph, apart by tabs: read as in a text export."""
    from docx import Document as new_docx
    from ntm.parsers import parse_file
    document = new_docx()
    for line in ["ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "HUYỆN BẮC SƠN\t\t\tĐộc lập - Tự do - Hạnh phúc",
                 "Số: 96/KH-UBND\t\t\tBắc Sơn, ngày 18 tháng 3 năm 2024", "KẾ HOẠCH",
                 "Xây dựng xã nông thôn mới kiểu mẫu năm 2024", "Xã Long Đống đạt 19/19 tiêu chí nâng cao.",
                 "Nơi nhận:\t\t\t\t\tKT. CHỦ TỊCH", "- UBND tỉnh Lạng Sơn (b/c);\t\t\tPHÓ CHỦ TỊCH", "- VPĐP NTM tỉnh;",
                 "- Lưu: VT.", "Hoàng Văn Tài"]:
        document.add_paragraph(line)
    document.save(tmp_path / "plan.docx")
    fields = extract_document(parse_file(tmp_path / "plan.docx")).document_fields
    assert (fields["issuer"], fields["number"], fields["symbol"], fields["place"], fields["issue_day"]) == (
        "UBND huyện Bắc Sơn", "96", "KH-UBND", "Bắc Sơn", 18)
    assert (fields["signer_name"], fields["signer_title"]) == ("Hoàng Văn Tài", "Phó Chủ tịch")
    assert fields["recipients"] == ["UBND tỉnh Lạng Sơn (b/c)", "VPĐP NTM tỉnh", "Lưu: VT"]


def test_a_subject_line_broken_by_hand_keeps_its_last_short_line():
    fields = _fields(HEAD + "Số: 3187/SNN-VPĐP                 Bắc Sơn, ngày 24 tháng 9 năm 2024\n"
                     "V/v góp ý dự thảo Báo cáo kết quả thực hiện\ntiêu chí xã NTM nâng cao, xã NTM năm 2024\n"
                     "của huyện Bắc Sơn\n\n            Kính gửi: Ủy ban nhân dân huyện Bắc Sơn.\n" + BODY + FOOT)
    assert fields["title"] == "góp ý dự thảo Báo cáo kết quả thực hiện tiêu chí xã NTM nâng cao, xã NTM năm 2024 của huyện Bắc Sơn"


def test_the_signature_before_an_annex():
    """A decision's annexed list follows its signature: the signer is read before the annex, not from its last row."""
    annex = ("\nDANH SÁCH\nXÃ ĐẠT CHUẨN NÔNG THÔN MỚI NÂNG CAO NĂM 2024\n(Kèm theo Quyết định của Chủ tịch UBND tỉnh)\n"
             "STT | Tên xã | Số tiêu chí đạt\n1 | Long Đống | 19/19\n2 | Vũ Sơn | 19/19\n3 | Tân Lập | 19/19\n")
    fields = _fields(HEAD + "Số: 412/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc công nhận xã đạt chuẩn\n" + BODY + FOOT + annex)
    assert (fields["signer_name"], fields["signer_title"]) == ("Hoàng Văn Tài", "Phó Chủ tịch")
