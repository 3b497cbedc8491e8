"""The programme's closed vocabulary read through one wrong mark or a digit read for a letter, as hurried typing and
harsh scans give it; a reading that is a real phrase of its own is left alone."""
import pytest

from ntm.parsers import parse_bytes
from ntm.parsers.vocabulary import repair


@pytest.mark.parametrize("written, read_as", [
    ("Xã Long Đống đã đạt 14/19 tiêu chỉ.", "Xã Long Đống đã đạt 14/19 tiêu chí."),
    ("Xã Long Đống còn 5 tiểu chí chưa đạt.", "Xã Long Đống còn 5 tiêu chí chưa đạt."),
    ("- Sở xã đạt 19 tiêu chí: 02 xã.", "- Số xã đạt 19 tiêu chí: 02 xã."),
    ("BẢO CÁO", "BÁO CÁO"),
    ("Số: 45/BC-U8ND", "Số: 45/BC-UBND"),
    ("Xã Vũ Sơn đạt l5/19 tiêu chí.", "Xã Vũ Sơn đạt 15/19 tiêu chí."),
    ("có O4 xã đạt chuẩn", "có 04 xã đạt chuẩn"),
    ("KT. CHỦ TỊCH U8ND HUYỆN", "KT. CHỦ TỊCH UBND HUYỆN"),
    ("Thành viên 8CĐ huyện kiểm tra", "Thành viên BCĐ huyện kiểm tra"),
])
def test_a_misread_cue_is_read_as_the_cue(written, read_as):
    assert repair(written)[0] == read_as


@pytest.mark.parametrize("text", [
    "Các hộ chưa đặt đồng hồ nước.",             # 'chưa đặt' is a phrase of its own
    "Mỗi trường học có một thư viện.",            # 'mỗi trường' is not 'môi trường'
    "Hoàn thiện hồ sơ tiêu chí giao thông.",      # 'hồ sơ' ends before 'tiêu chí'
    "Xã Bình Quán đạt chuẩn.",                    # a name in title case is not the phrase 'bình quân'
    "Sở Nông nghiệp và Phát triển nông thôn",     # the department, not 'Số'
    "Số: 09/BB-ĐTT",                              # a minutes' symbol ('biên bản'), not a count '09/88'
    "theo Biên bản số 27/BB-ĐTT ngày 07/10/2024",
])
def test_a_real_phrase_is_left_alone(text):
    assert repair(text) == (text, [])


def test_the_document_says_what_it_read_differently_and_offsets_hold():
    text = "BẢO CÁO\nXã Long Đống đã đạt 14/19 tiêu chỉ.\n"
    document = parse_bytes(text.encode("utf-8"), "scan.txt")
    assert "tiêu chí" in document.text and len(document.text) == len(text.strip())
    assert any("'tiêu chỉ' as 'tiêu chí'" in w for w in document.warnings)
    assert [document.block_text(b) for b in document.blocks] == ["BÁO CÁO", "Xã Long Đống đã đạt 14/19 tiêu chí."]


def test_a_count_read_through_a_scan_is_extracted():
    from ntm.extract.document import extract_document
    text = ("BẢO CÁO\nKết quả xây dựng nông thôn mới huyện Bắc Sơn năm 2023\n"
            "Xã Long Đống đạt l4/19 tiêu chỉ, còn 5 tiểu chí chưa đạt.\n")
    facts = extract_document(parse_bytes(text.encode("utf-8"), "scan.txt"))
    assert {(c.unit, c.kind, c.count_min) for c in facts.tables["criteria_counts"]} >= {("Long Đống", "met", 14)}
    assert facts.document_fields["doc_type"] == "BÁO CÁO"


def test_a_name_before_a_phrase_is_not_read_as_the_phrase():
    text = "Trong năm 2022, 02 xã là Mường Thin và Mường Khong đạt đủ 19/19 tiêu chí."
    assert repair(text) == (text, [])


@pytest.mark.parametrize("written, read_as", [
    ("Lạng Sơn, ngàỳ 5 thàng 11 nằm 2023", "Lạng Sơn, ngày 5 tháng 11 năm 2023"),   # date words before numbers
    ("Kế hoạch số 112/KH-5XD ngày 12/9/2024", "Kế hoạch số 112/KH-SXD ngày 12/9/2024"),
    ("Thông tư số 05/2022/TT-8NNPTNT", "Thông tư số 05/2022/TT-BNNPTNT"),
    ("Công văn số 537/UBND-KT ngày 08/S/2023", "Công văn số 537/UBND-KT ngày 08/5/2023"),
    ("Con Cuông, ngày 25 tháng 1l năm 2O19", "Con Cuông, ngày 25 tháng 11 năm 2019"),
    ("Số: 12/8C-PNN", "Số: 12/BC-PNN"),
    ("Nhóm xã đạt tữ 10 - 14 tiêu chí", "Nhóm xã đạt từ 10 - 14 tiêu chí"),        # 'từ' before a number
    ("nhóm xã đạt từ 10 - 14 tiêu chí: 0S xã (", "nhóm xã đạt từ 10 - 14 tiêu chí: 05 xã ("),   # S for 5 in a count
    ("chưa đạt 3 tiêu chí: l0 – Thu nhập, 13 – Tổ chức sản xuất",                 # a numbered item after a colon
     "chưa đạt 3 tiêu chí: 10 – Thu nhập, 13 – Tổ chức sản xuất"),
    ("Tiêu chí số 1l (Nghèo đa chiều): 0l thôn", "Tiêu chí số 11 (Nghèo đa chiều): 01 thôn"),   # after 'số'
    ("có 03 tiêu chí chưa đạt gồm sô 5, số 11 và số 13", "có 03 tiêu chí chưa đạt gồm số 5, số 11 và số 13"),
    ("báo cáo UBND huyện trưóc 30/10/2024", "báo cáo UBND huyện trước 30/10/2024"),   # a deadline's cue
    ("hoàn thành dến hết tháng 9/2023", "hoàn thành đến hết tháng 9/2023"),
    ("trình xét công nhận trong quý III/2O24", "trình xét công nhận trong quý III/2024"),   # the year of a quarter
    ("ngân sách huyện đối ứng 2 ty 500 triệu đồng", "ngân sách huyện đối ứng 2 tỷ 500 triệu đồng"),
    ("Tổng kinh phí 2.400 trìệu đồng", "Tổng kinh phí 2.400 triệu đồng"),   # a stray tone beside the right one
    ("Bình quân mỗi xã dạt 14,86 tiêu chí", "Bình quân mỗi xã đạt 14,86 tiêu chí"),   # đ read as d
    ("Xã Long Đống dạt 14/19 tiêu chí", "Xã Long Đống đạt 14/19 tiêu chí"),
    ("BÁ0 CÁO", "BÁO CÁO"),                                  # a digit in a word in capitals with a marked vowel
    ("## THÔNG BÁ0", "## THÔNG BÁO"),
    ("TRƯỜNG THCS 8ẮC SƠN", "TRƯỜNG THCS BẮC SƠN"),
])
def test_dates_and_symbols_read_through_a_scan(written, read_as):
    assert repair(written)[0] == read_as


@pytest.mark.parametrize("text", [
    "Công văn số 1265/UBND-NL1 ngày 05/6/2023",   # an office's own number ends the symbol
    "Nam Định, năm 2023",                          # 'Nam' before a comma, not a number
    "hoàn thành trong quý III/2024",               # a quarter in Roman numerals
    "tuyến QL1A và ĐT 305 qua xã",                 # a road's code, no office's acronym
    "xe B52 chở 5B vật liệu",                      # codes that read as no acronym of the vocabulary
    "HĐN0 xã",                                     # 0 is read as O, never as Đ or D: no acronym
    "theo Thông tư 05/2017/TT-BNNPTNT",             # 'tư' is a word of its own before a number, not 'từ'
    "xã Tú 5 thôn, Tư 3 thôn",                      # ... and so are the syllables of names
    "Sở 5 ngành và sổ 3 cuốn",                      # 'Sở', 'sổ' are words of their own, not 'số'
    "các xã đặt mục tiêu, đặt 5 bể nước trên đất 5 ha",   # 'đặt', 'đất' are words of their own, not 'đạt'
    "xã Hoài Nam\n2. Xã Hoài Châu",                # a name ending a line before a numbered item is not 'Năm'
])
def test_symbols_and_names_with_digits_are_left_alone(text):
    assert repair(text) == (text, [])


@pytest.mark.parametrize("written, read_as", [
    ("Tiêu chí số 11: 11 thon (Thôm Khoan, Khau Cà)", "Tiêu chí số 11: 11 thôn (Thôm Khoan, Khau Cà)"),
    ("01 thôn (Bó 8ả, Nà Kha)", "01 thôn (Bó Bả, Nà Kha)"),      # a digit glued to a marked syllable
    ("Trong đó, 5am Mứn đạt 14 tiêu chí", "Trong đó, Sam Mứn đạt 14 tiêu chí"),   # ... or to a name's first syllable
])
def test_unit_words_and_names_read_through_a_scan(written, read_as):
    assert repair(written)[0] == read_as


@pytest.mark.parametrize("text", ["diện tích 5ha, dài 10km", "mục 3a) và 2b)", "thành lập 02 ban chỉ đạo",
                                  "làm mới 5km Quốc lộ 3"])
def test_numbers_with_units_are_left_alone(text):
    assert repair(text) == (text, [])


@pytest.mark.parametrize("written, read_as", [
    ("ngân sách trung ưong 2l.300 triệu đồng", "ngân sách trung ương 21.300 triệu đồng"),
    ("tại Công văn số 22l8/SNN-VPĐP", "tại Công văn số 2218/SNN-VPĐP"),
    ("đoạn đường còn 1ại", "đoạn đường còn lại"),
])
def test_amounts_and_document_numbers_read_through_a_scan(written, read_as):
    assert repair(written)[0] == read_as


@pytest.mark.parametrize("text", [
    "c) TC3 - Thôn thông minh: thôn Phú Ân Nam 2 được công nhận thôn thông minh.",  # a name's last word, then its number
    "Các thôn Hòa Thịnh, Phước Nam 3 và Đông Nam 1 đã đạt chuẩn.",
])
def test_a_word_of_a_name_before_its_number_is_no_date_word(text):
    assert repair(text) == (text, [])


@pytest.mark.parametrize("text", ["tổng vốn 14.574 triệu đồng, trong đó 3.504,98 triệu", "tỷ lệ 90,5%"])
def test_clean_amounts_are_not_repairs(text):
    assert repair(text) == (text, [])


def test_no_repair_in_our_clean_corpora():
    """Every repair must be of a misreading: the corpora we wrote, typed clean, get none (a file named '_ocr_' was
    written with misreadings on purpose, and gets its repairs)."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    files = [p for p in sorted(root.glob("tests/corpus*/raw/*.txt")) + sorted(root.glob("data/raw/*.txt"))
             if "_ocr_" not in p.name]
    repaired = {}
    for path in files:
        document = parse_bytes(path.read_bytes(), path.name)
        if document.vocabulary_repairs:
            repaired[path.name] = [w for w in document.warnings if "wrong mark" in w]
    assert len(files) > 30 and not repaired, repaired


def test_a_scanned_dash_opening_an_item_is_a_dash():
    document = parse_bytes("Xã Quốc Việt đạt 16/19 tiêu chí, gồm:\n~ Tiêu chí số 5 - Trường học;\n".encode("utf-8"),
                           "scan.txt")
    assert document.block_text(document.blocks[1]) == "- Tiêu chí số 5 - Trường học;"
    assert document.blocks[1].kind == "list_item"
