"""Names typed in a hurry or OCR'd: once a document's district is known, every item of a list is resolved through
the register whatever its case, spacing or a wrong mark or letter, and an item the register cannot place keeps its
raw spelling without cutting the list. The communes are Bắc Sơn's (Lạng Sơn), the sentences our own."""
import pytest

from ntm.extract.document import extract_document
from ntm.parsers import parse_bytes

HEADER = ("ỦY BAN NHÂN DÂN\nHUYỆN BẮC SƠN\nSố: 12/TB-UBND\nBắc Sơn, ngày 5 tháng 11 năm 2023\nTHÔNG BÁO\n"
          "Kết quả rà soát mức độ đạt tiêu chí nông thôn mới năm 2023\n")


def _facts(body: str):
    return extract_document(parse_bytes((HEADER + body + "\n").encode("utf-8"), "notice.txt"))


def _units(body: str) -> dict[str, tuple[str, str | None]]:
    return {r.raw_name: (r.name, r.code) for r in _facts(body).tables["units"] if r.level == "commune"}


@pytest.mark.parametrize("body, raw, code", [
    # a later syllable in lower case
    ("Có 03 xã đạt chuẩn nông thôn mới (Long Đống, Vũ sơn, Đồng Ý).", "Vũ sơn", "06355"),
    # a whole name in lower case
    ("Các xã: Long Đống, vũ sơn và Đồng Ý đã đạt 19/19 tiêu chí.", "vũ sơn", "06355"),
    # a dropped space
    ("Có 03 xã đạt chuẩn nông thôn mới (Long Đống, VũSơn, Đồng Ý).", "VũSơn", "06355"),
    # a doubled letter
    ("Có 03 xã đạt chuẩn nông thôn mới (Long Đống, Vũ Sơnn, Đồng Ý).", "Vũ Sơnn", "06355"),
    # a dropped tone mark and a lower-case syllable together
    ("Có 03 xã đạt chuẩn nông thôn mới (Long Đống, Vu sơn, Đồng Ý).", "Vu sơn", "06355"),
    # after its keyword, in lower case
    ("Xã vạn thủy đạt 15/19 tiêu chí.", "vạn thủy", "06331"),
    # the items after a lower-case one are not lost
    ("Có 03 xã đạt chuẩn nông thôn mới (vũ sơn, Long Đống, Đồng Ý).", "Đồng Ý", "06337"),
])
def test_a_misspelt_list_item_is_resolved(body, raw, code):
    units = _units(body)
    assert units.get(raw, (None, None))[1] == code, units


def test_an_item_the_register_cannot_place_keeps_its_spelling_and_the_list():
    units = _units("Có 04 xã đạt chuẩn nông thôn mới (Long Đống, Bình Minh Xyz, Vũ Sơn, Đồng Ý).")
    assert units["Bình Minh Xyz"] == ("Bình Minh Xyz", None)
    assert units["Vũ Sơn"][1] == "06355" and units["Đồng Ý"][1] == "06337"


def test_a_misspelt_list_raises_no_count_mismatch():
    flags = _facts("Có 04 xã đạt chuẩn nông thôn mới (Long Đống, vũ sơn, ĐồngÝ, Chiến thắng).").tables["flags"]
    assert not [f for f in flags if f.kind in ("count_mismatch", "not_in_register")], flags


@pytest.mark.parametrize("body", [
    "Các xã đã đạt chuẩn đều có kết quả tốt.",          # a lower-case ordinary word after 'xã'
    "Xã hội hóa nguồn lực đạt 2,5 tỷ đồng.",            # 'xã hội', not a commune
])
def test_ordinary_words_are_not_taken_for_communes(body):
    assert _units(body) == {}


def _doc(header_district: str, body: str):
    text = (f"ỦY BAN NHÂN DÂN\nHUYỆN {header_district.upper()}\nSố: 45/BC-UBND\n{header_district}, ngày 10 tháng 6 năm 2024\n"
            f"BÁO CÁO\nKết quả thực hiện Chương trình xây dựng nông thôn mới năm 2024\n{body}\n")
    return extract_document(parse_bytes(text.encode("utf-8"), "report.txt"))


def test_a_count_in_brackets_stays_with_its_own_commune():
    facts = _doc("Krông Bông", "Đến nay có 03 xã đạt dưới 10 tiêu chí (Cư Đrăm 08 tiêu chí, Yang Mao 07 tiêu chí, "
                               "Cư Pui 07 tiêu chí).")
    counts = {(c.unit, c.count_min) for c in facts.tables["criteria_counts"]}
    assert counts == {("Cư Drăm", 8), ("Yang Mao", 7), ("Cư Pui", 7)}
    assert not [f for f in facts.tables["flags"] if f.kind == "count_conflict"]


def test_a_tone_variant_written_once_without_its_keyword_is_a_finding():
    facts = _doc("Tiên Phước", "Các xã Tiên Lãnh, Tiên Ngọc và Tiên Hiệp phấn đấu đạt chuẩn nông thôn mới. "
                               "Riêng Tiên Lảnh còn khó khăn về thu nhập.")
    variants = [f.values for f in facts.tables["flags"] if f.kind == "name_variant"]
    assert variants == [["Tiên Lãnh", "Tiên Lảnh"]]


@pytest.mark.parametrize("body, mismatch", [
    # the district's delegation visits a commune of the district reported on: no mismatch
    ("Đoàn công tác của huyện Hiệp Đức đã đến tham quan mô hình tại xã Tiên Ngọc.", False),
    # a commune of Tiên Phước placed in Hiệp Đức
    ("Hỗ trợ xã Tiên Ngọc, huyện Hiệp Đức hoàn thành tiêu chí giao thông.", True),
    ("Hỗ trợ xã Tiên Ngọc (huyện Hiệp Đức) hoàn thành tiêu chí giao thông.", True),
    ("Hỗ trợ xã Tiên Ngọc thuộc huyện Hiệp Đức hoàn thành tiêu chí giao thông.", True),
    ("Huyện Hiệp Đức có xã Tiên Ngọc đạt 15/19 tiêu chí.", True),
])
def test_a_district_named_with_a_commune_of_another(body, mismatch):
    facts = _doc("Tiên Phước", "Các xã Tiên Lãnh, Tiên Ngọc và Tiên Hiệp phấn đấu đạt chuẩn nông thôn mới. " + body)
    assert bool([f for f in facts.tables["flags"] if f.kind == "unit_mismatch"]) is mismatch


@pytest.mark.parametrize("body, raw, code", [
    # a counted list whose opener comes after what the units are
    ("Đến hết năm 2023, toàn huyện có 02 xã đã được công nhận đạt chuẩn nông thôn mới, gồm: Vũ Lăg và Tân tri.",
     "Vũ Lăg", "06367"),
    # a name broken by a line break inside a paragraph
    ("Giao Phòng Nông nghiệp chủ trì, phối hợp với\nỦy ban nhân dân xã Vũ\nSơn và các đơn vị liên quan.", "Vũ Sơn",
     "06355"),
    # a name with its number glued on is still that commune (Hòa Bình 1, Tây Hòa, Phú Yên has one; Bắc Sơn has
    # none, so a glued digit on a Bắc Sơn name is just a lower-case word here)
    ("Có 03 xã đạt chuẩn nông thôn mới (Long Đống, Vũ Sơn, Dồng Ý).", "Dồng Ý", "06337"),
])
def test_more_lists_of_misspelt_names(body, raw, code):
    units = _units(body)
    assert units.get(raw, (None, None))[1] == code, units


def test_a_count_does_not_run_into_the_next_sentence_list():
    facts = _facts("Xã long đống đạt 14/19 tiêu chí. Các xã: VũSơn, Đồng ý và Tân Tri đã đạt 19/19 tiêu chí.")
    counts = {(c.unit, c.count_min) for c in facts.tables["criteria_counts"]}
    assert counts == {("Long Đống", 14), ("Vũ Sơn", 19), ("Đồng ý", 19), ("Tân Tri", 19)}  # the register writes "Đồng ý"
    assert not [f for f in facts.tables["flags"] if f.kind in ("count_conflict", "count_mismatch")]


@pytest.mark.parametrize("noise, reported", [
    ("", True),                                          # typed: two spellings of one commune are a finding
    ("Xã Vũ Sơn đạt 15/19 tiêu chỉ, còn 4 tiểu chí chưa đạt.", False),   # reads as a scan: the garble is noise
])
def test_a_garbled_spelling_beside_the_right_one(noise, reported):
    facts = _facts(f"Xã Long Đống đạt 14/19 tiêu chí. {noise}\nRiêng xã Long Đông còn khó khăn về thu nhập.")
    variants = [f.values for f in facts.tables["flags"] if f.kind == "name_variant"]
    assert (variants == [["Long Đống", "Long Đông"]]) is reported, variants


# A report read with two of its 42 phrases of the vocabulary misread: garbled, at a rate of about 5 %
READ_RIGHT = "Các xã đã đạt chuẩn nông thôn mới duy trì tiêu chí; xã chưa đạt chuẩn rà soát tiêu chí.\n" * 8
GARBLED = "Xã Vũ Sơn đạt 15/19 tiêu chỉ, còn 4 tiểu chí chưa đạt.\n" + READ_RIGHT
SYSTEMATIC = "Sô xã đạt chuẩn: 05 xã. Sô thôn đạt chuẩn: 12 thôn.\n" + READ_RIGHT  # 'ố' read as 'ô', twice
# ... and one with half of them misread: there two alike readings of a name written ten times are chance
HEAVILY_GARBLED = "Xã Vũ Sơn đạt 15/19 tiêu chỉ, còn 4 tiểu chí chưa đạt, xã đã dạt chuẩn nông thôn mơi.\n"


@pytest.mark.parametrize("body, reported", [
    # a garbled text, the second spelling read letter for letter alike at two places: the writer's
    (GARBLED + "Xã Long Đống đạt 14/19 tiêu chí. Xã Long Đông còn thiếu tiêu chí 10; xã Long Đông cần tập trung.", True),
    # the same hard-wrapped, once in capitals
    (GARBLED + "xã long đống đạt 14/19 tiêu chí. Xã Long\nĐông còn thiếu tiêu chí 10;\nXÃ LONG ĐÔNG cần tập trung.", True),
    # read at one place only: as likely the reading's as the writer's
    (GARBLED + "Xã Long Đống đạt 14/19 tiêu chí. Xã Long Đông còn thiếu tiêu chí 10.", False),
    # two garbled readings that differ from each other agree on nothing
    (GARBLED + "Xã Long Đống đạt 14/19 tiêu chí. Xã Long Đông còn thiếu tiêu chí 10; xã Long Đồng cần tập trung.",
     False),
    # the reading turns 'ố' into 'ô' in its own vocabulary too: one systematic misreading, not the writer's
    (SYSTEMATIC + "Xã Long Đống đạt 14/19 tiêu chí. Xã Long Đông còn thiếu tiêu chí 10; xã Long Đông cần tập trung.",
     False),
    # a glued space in a garbled text is the reading's even when it repeats a dropped space elsewhere
    (GARBLED + "Xã Long Đống đạt 14/19 tiêu chí. Xã LongĐống còn thiếu tiêu chí 10.", False),
    # a text so garbled that two alike misreadings among ten readings of the name are to be expected
    (HEAVILY_GARBLED + "Xã Long Đống đạt 14/19. " * 8 + "Xã Long Đông còn thiếu; xã Long Đông cần tập trung.", False),
])
def test_a_second_spelling_in_a_garbled_text(body, reported):
    variants = [f.values for f in _facts(body).tables["flags"] if f.kind == "name_variant"]
    assert bool(variants) is reported, variants


@pytest.mark.parametrize("name", ["Cơsở vật chất văn hóa", "Cơ sởvật chất văn hoá"])
def test_a_criterion_name_with_a_dropped_space_is_its_criterion(name):
    facts = _facts(f"Xã Long Đống chưa đạt Tiêu chí 6 - {name}.")
    assert not [f for f in facts.tables["flags"] if f.kind == "criterion_mismatch"]
    assert {(s.unit, s.criterion, s.status) for s in facts.tables["criteria_status"]} == {("Long Đống", 6, "unmet")}


@pytest.mark.parametrize("body, raw", [
    ("b) Xẵ Vũ Sơn: đạt 13/19 tiêu chí.", "Vũ Sơn"),         # the keyword itself read through a wrong mark
    ("Đoàn kiểm tra thực tế tại xa Long Đống.", "Long Đống"),
])
def test_a_commune_after_a_misread_keyword(body, raw):
    assert raw in _units(body)


def test_a_far_place_is_not_a_commune():
    assert _units("Các thôn ở xa Trung tâm huyện còn khó khăn.") == {}


@pytest.mark.parametrize("confidence, reported", [(None, True), (0.97, True), (0.6, False)])
def test_a_name_the_register_lacks_is_a_finding_only_where_the_reading_is_trusted(confidence, reported, monkeypatch):
    """Typed text and a confident scan report a commune no entry holds; a scan read with little confidence there
    does not (a garble), though the unit keeps its row and a null code."""
    from ntm.parsers.model import Document
    monkeypatch.setattr(Document, "ocr_confidence_at", lambda self, start, end: confidence)
    facts = _facts("Xã Long Đống đạt 14/19 tiêu chí.\nXã Bình Xyzơ đạt 12/19 tiêu chí.")
    assert bool([f for f in facts.tables["flags"] if f.kind == "not_in_register"]) is reported
    assert any(u.raw_name == "Bình Xyzơ" and u.code is None for u in facts.tables["units"])


@pytest.mark.parametrize("line, place, month", [
    ("Bắc Sơn, ngay      tháng 10 năm 2024", "Bắc Sơn", 10),     # the day left blank and 'ngày' without its mark
    ("Bắc Sơn, ngày 5 thang 11 nam 2023", "Bắc Sơn", 11),          # date words typed without marks
    ("BẮC SƠN, NGÀY 5 THÁNG 11 NĂM 2023", "BẮC SƠN", 11),
])
def test_the_place_and_date_line_through_wrong_marks(line, place, month):
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN BẮC SƠN\nSố: 12/TB-UBND\n" + line + "\nTHÔNG BÁO\n"
            "Kết quả rà soát mức độ đạt tiêu chí nông thôn mới năm 2023\nXã Long Đống đạt 14/19 tiêu chí.\n")
    fields = extract_document(parse_bytes(text.encode("utf-8"), "notice.txt")).document_fields
    assert (fields["place"], fields["issue_month"]) == (place, month)


@pytest.mark.parametrize("sentence, start, end", [
    ("Tự 18/9 - 22/9/2023, Đoàn đã kiểm tra tại 03 xã.", "2023-09-18", "2023-09-22"),   # 'Từ' read as 'Tự'
    ("từ ngãy 18 đến hết\nngày 22/9/2023, Đoàn đã kiểm tra tại 03 xã.", "2023-09-18", "2023-09-22"),
])
def test_an_inspection_range_through_a_wrong_mark(sentence, start, end):
    fields = _facts(sentence).document_fields
    assert (str(fields["inspection_start"]), str(fields["inspection_end"])) == (start, end)


@pytest.mark.parametrize("body, unmet", [
    ("- Xã Vũ Sơn: các tiêu chí đạt 14/19; không đạtTC5, TC10, TC13.", {5, 10, 13}),   # 'TC5' glued to its cue
    ("- xã vũ sơn: các tiêu chí đạt 14/19; không\nđạtTC5, TC10, TC13.", {5, 10, 13}),  # ... lower case, wrapped
    ("- Xã Vũ Sơn: 16/19; chưa đạt 3 tiêu chí: l0 – Thu nhập, 13 – Tổ chức sản xuất, 18 – Môi trường.",
     {10, 13, 18}),                                                                      # 'l0' for 10
    ("- Xã Vũ Sơn: đạt 17 tiêu chí; còn 02 tiêuchí chưa đạt\nlà số 5 (Giáo dục) và số 7 (Cơ sở hạ tầng thương mại).",
     {5, 7}),                                                                            # 'tiêuchí' glued
    ("+ Vũ Sơn có 03 tiêu chí chưa đạt gồm sô 5, số 11 và số 13;", {5, 11, 13}),        # 'sô' for 'số'
])
def test_unmet_criteria_through_glued_words_and_misread_digits(body, unmet):
    rows = _facts(body).tables["criteria_status"]
    assert {r.criterion for r in rows if r.unit == "Vũ Sơn" and r.status == "unmet"} == unmet


@pytest.mark.parametrize("sentence, due", [
    ("Giao UBND xã Long Đống báo cáo UBND huyện trưóc\n30/10/2024.", "2024-10-30"),
    ("Đề nghị UBND các xã hoàn thành hồ sơ dến hết tháng 9/2024.", "2024-09"),
    ("Đề nghị các xã hoàn thiện hồ sơ, trình xét công nhận trong quý III/2O24.", "2024-Q3"),
])
def test_a_deadline_read_through_a_wrong_mark_or_digit(sentence, due):
    assert due in {d.due_date for d in _facts(sentence).tables["deadlines"]}


@pytest.mark.parametrize("sentence, amount", [
    ("Ngân sách huyện đối ứng 2 ty 500 triệu đồng cho xã Long Đống.", 2_500_000_000),
    ("Tổng kinh phí hỗ trợ các thôn là 2.400 trìệu đồng.", 2_400_000_000),
])
def test_an_amount_read_through_a_wrong_mark(sentence, amount):
    assert amount in {f.amount_vnd for f in _facts(sentence).tables["funding"]}


@pytest.mark.parametrize("k, mean, tail", [(0, 0.3, 1.0), (1, 0.3, 0.2592), (2, 0.3, 0.0369), (2, 0.0, 0.0)])
def test_the_chance_of_alike_misreadings(k, mean, tail):
    from ntm.normalize.findings import _poisson_tail
    assert _poisson_tail(k, mean) == pytest.approx(tail, abs=1e-4)


@pytest.mark.parametrize("body, reported", [
    # typed cleanly: a commune no entry holds is a finding, even one with a register commune's letters
    ("Xã Long Đống đạt 14/19 tiêu chí.\nXã Lọng Đồng đạt 12/19 tiêu chí.", True),
    # in a garbled reading, a name with the very letters of a commune of the area is likelier that commune misread
    (GARBLED + "Xã Long Đống đạt 14/19 tiêu chí.\nXã Lọng Đồng đạt 12/19 tiêu chí.", False),
    # ... but a name with other letters is still in no entry
    (GARBLED + "Xã Long Đống đạt 14/19 tiêu chí.\nXã Bình Xyzơ đạt 12/19 tiêu chí.", True),
])
def test_a_name_the_register_lacks_in_a_garbled_text(body, reported):
    flags = _facts(body).tables["flags"]
    assert bool([f for f in flags if f.kind == "not_in_register"]) is reported, flags


@pytest.mark.parametrize("body, reported", [
    ("UBND xã Vũ Sơn, huyện Bình Gia rà soát tiêu chí.", True),             # typed: the district is the wrong one
    (GARBLED + "UBND xã Vũ Sơn, huyện Bắc Sớn rà soát tiêu chí.", False),   # garbled: a district no entry holds
])
def test_a_commune_placed_in_another_district(body, reported):
    flags = _facts(body).tables["flags"]
    assert bool([f for f in flags if f.kind == "unit_mismatch"]) is reported, flags


@pytest.mark.parametrize("sentence, level, name, code", [
    ("UBND huyện Bấc Sơn chỉ đạo xã Long Đống rà soát tiêu chí.", "district", "Bắc Sơn", "185"),   # one mark
    ("ubnd huyện Bấc Sơn chỉ đạo\nxã Long Đống rà soát tiêu chí.", "district", "Bắc Sơn", "185"),
    ("UBND tỉnh Lạng Sờn chỉ đạo xã Long Đống rà soát tiêu chí.", "province", "Lạng Sơn", "20"),
])
def test_a_district_or_province_one_mark_off(sentence, level, name, code):
    rows = [u for u in _facts(sentence).tables["units"] if u.level == level and u.match_method == "one_mark"]
    assert [(u.name, u.code) for u in rows] == [(name, code)], rows
