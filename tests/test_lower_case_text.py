"""A report typed all in lower case, as hurried typists and some exports leave it: no capital marks a heading, a
name or a sentence start. The header, the symbols it cites, its units and counts are still read, and no finding
that needs capitals to be sure of is stated. Our own notice about real communes of huyện Bắc Sơn, Lạng Sơn."""
import textwrap

import pytest

from ntm.extract.document import extract_document
from ntm.extract.references import read_references
from ntm.extract.symbols import recase_symbol
from ntm.parsers import parse_bytes

HEADER = """ủy ban nhân dân                      cộng hòa xã hội chủ nghĩa việt nam
huyện bắc sơn                          độc lập - tự do - hạnh phúc

số: 88/tb-ubnd                         bắc sơn, ngày 03 tháng 7 năm 2024

thông báo
kết quả kiểm tra xây dựng nông thôn mới năm 2024

"""
BODY = [
    "thực hiện kế hoạch số 21/kh-ubnd ngày 15/01/2024 của ubnd tỉnh lạng sơn, đoàn kiểm tra của huyện đã làm "
    "việc tại các xã: vũ sơn, tân lập và hưng vũ.",
    "1. xã vũ sơn đạt 17/19 tiêu chí; còn 02 tiêu chí chưa đạt là tiêu chí số 10 và tiêu chí số 13.",
    "2. xã tân lập đạt 15/19 tiêu chí.",
    "kết quả tại các thôn:\n- thôn nà lầu (xã vũ sơn): đạt 12/13 tiêu chí;\n- thôn khuổi bó (xã tân lập): đạt 10/13 tiêu chí.",
]
SIGNATURE = """

nơi nhận:                                  kt. chủ tịch
- ubnd tỉnh (b/c);                          phó chủ tịch
- lưu: vt.

                                           hoàng văn minh
"""


def notice(wrap: int | None) -> str:
    paragraphs = [textwrap.fill(p, wrap) if wrap and "\n" not in p else p for p in BODY]
    return HEADER + "\n\n".join(paragraphs) + SIGNATURE


@pytest.fixture(scope="module", params=[None, 60], ids=["paragraph-lines", "hard-wrapped-at-60"])
def facts(request):
    return extract_document(parse_bytes(notice(request.param).encode("utf-8"), "notice.txt"))


@pytest.mark.parametrize("field, value", [
    ("number", "88"), ("symbol", "TB-UBND"), ("place", "Bắc Sơn"), ("issue_day", 3), ("issue_month", 7),
    ("issue_year", 2024), ("doc_type", "THÔNG BÁO"), ("title", "kết quả kiểm tra xây dựng nông thôn mới năm 2024"),
    ("issuer", "UBND huyện Bắc Sơn"), ("signer_name", "Hoàng Văn Minh"), ("signer_title", "Phó Chủ tịch"),
    ("district", "Bắc Sơn"), ("province", "Lạng Sơn"),
])
def test_header_fields(facts, field, value):
    assert facts.document_fields[field] == value


def test_units_through_the_province_then_the_district(facts):
    units = {(u.level, u.name, u.raw_name) for u in facts.tables["units"]}
    assert {("commune", "Vũ Sơn", "vũ sơn"), ("commune", "Tân Lập", "tân lập"), ("commune", "Hưng Vũ", "hưng vũ"),
            ("district", "Bắc Sơn", "bắc sơn")} <= units
    assert {(u.name, u.commune) for u in facts.tables["units"] if u.level == "village"} == \
           {("nà lầu", "Vũ Sơn"), ("khuổi bó", "Tân Lập")}


def test_counts_go_to_their_own_unit(facts):
    counts = {(c.unit, c.kind, c.count_min) for c in facts.tables["criteria_counts"]}
    assert {("Vũ Sơn", "met", 17), ("Vũ Sơn", "unmet", 2), ("Tân Lập", "met", 15), ("nà lầu", "met", 12),
            ("khuổi bó", "met", 10)} <= counts


def test_no_count_finding_is_stated(facts):
    assert not [f for f in facts.tables["flags"] if f.kind in ("count_conflict", "count_mismatch", "average_mismatch")]


def test_cited_plan(facts):
    assert [(r.symbol, r.date) for r in facts.tables["references"]] == [("21/KH-UBND", "2024-01-15")]


@pytest.mark.parametrize("sentence, symbols", [
    ("thực hiện kế hoạch số 47/kh-ubnd ngày 22/02/2024 của ubnd huyện", ["47/KH-UBND"]),
    ("căn cứ quyết định số 318/qđ-ttg ngày 08/3/2022 của thủ tướng chính phủ", ["318/QĐ-TTg"]),
    ("theo công văn số 1520/snn-vpđp ngày 5/7/2023", ["1520/SNN-VPĐP"]),
    ("Kế hoạch số 18/KH-UBND ngày 18/01/2023", ["18/KH-UBND"]),
    ("đạt 12 triệu đồng, số 5/tháng", []),  # no symbol: a rate
    ("số 14/xã đạt chuẩn", []),
])
def test_symbols_typed_in_lower_case(sentence, symbols):
    assert [r.symbol for r in read_references(sentence)] == symbols


@pytest.mark.parametrize("written, symbol", [
    ("/tb-ubnd", "/TB-UBND"), ("/2022/qđ-ttg", "/2022/QĐ-TTg"), ("/ttr-ubnd", "/TTr-UBND"), ("/tháng", None),
])
def test_a_symbol_gets_its_capitals_back(written, symbol):
    assert recase_symbol(written) == symbol


def test_blank_lines_end_paragraphs_of_a_lower_case_text():
    document = parse_bytes(notice(None).encode("utf-8"), "notice.txt")
    lines = [document.text[b.start:b.end] for b in document.blocks]
    assert "2. xã tân lập đạt 15/19 tiêu chí." in lines
    assert {"ủy ban nhân dân", "huyện bắc sơn", "cộng hòa xã hội chủ nghĩa việt nam", "số: 88/tb-ubnd"} <= set(lines)


def test_a_capitalised_text_still_joins_a_sentence_cut_by_a_blank_line():
    """PDF exports put a blank between every line: there a line opening in lower case goes on the sentence."""
    text = ("BÁO CÁO\nKết quả xây dựng nông thôn mới trên địa bàn huyện Bắc Sơn\n\nNăm 2023, toàn huyện đã tập "
            "trung chỉ đạo các xã\n\nthực hiện các tiêu chí còn thiếu. Xã Vũ Sơn đạt 17/19 tiêu chí.\n")
    document = parse_bytes(text.encode("utf-8"), "report.txt")
    assert any("các xã thực hiện các tiêu chí" in document.text[b.start:b.end] for b in document.blocks)


@pytest.mark.parametrize("sentence, cited", [
    ("Căn cứ các Quyết định số 318/QĐ-TTg và số 319/QĐ-TTg cùng ngày 08/3/2022 của Thủ tướng Chính phủ",
     [("318/QĐ-TTg", "2022-03-08"), ("319/QĐ-TTg", "2022-03-08")]),
    ("căn cứ quyết định số 318/qđ-ttg, số 319/qđ-ttg và số 320/qđ-ttg cùng ngày 08/3/2022",
     [("318/QĐ-TTg", "2022-03-08"), ("319/QĐ-TTg", "2022-03-08"), ("320/QĐ-TTg", "2022-03-08")]),
    ("Quyết định số 12/QĐ-UBND; Kế hoạch số 5/KH-UBND cùng ngày 3/2/2023",  # not one list: the first keeps no date
     [("12/QĐ-UBND", None), ("5/KH-UBND", "2023-02-03")]),
])
def test_documents_cited_with_one_shared_date(sentence, cited):
    assert [(r.symbol, r.date) for r in read_references(sentence)] == cited


# Headers whose lines a lower-case text runs together, with no capital to part them (our letters, Bắc Sơn's names).
LETTER = ("ủy ban nhân dân\nhuyện bắc sơn\n\nsố: 12/ubnd-nn\nv/v đề nghị sở nông nghiệp và ptnt thẩm định hồ sơ xã "
          "long đống\n\nbắc sơn, ngày 5 tháng 11 năm 2024\n\nkính gửi: sở nông nghiệp và ptnt.\n\n"
          "ubnd huyện đề nghị văn phòng điều phối thẩm định hồ sơ đề nghị xét công nhận xã long đống đạt chuẩn nông "
          "thôn mới năm 2024, xã đã đạt 19/19 tiêu chí theo bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn "
          "2021 - 2025.\n\nnơi nhận:\n- như trên;\n- lưu: vt.\n\nkt. chủ tịch\nphó chủ tịch\n\nhoàng văn tài\n")
STACKED = ("ubnd huyện bắc sơn\nban chỉ đạo các chương trình mtqg\nsố:      /bc-bcđ\n\n"
           "     cộng hòa xã hội chủ nghĩa việt nam\n        độc lập - tự do - hạnh phúc\n"
           "      bắc sơn, ngày    tháng 12 năm 2024\n\n                  báo cáo\n"
           "kết quả thực hiện chương trình mục tiêu quốc gia xây dựng\nnông thôn mới năm 2024\n\n"
           "căn cứ kế hoạch số 45/kh-ubnd ngày 06/02/2024 của ubnd huyện bắc sơn về xây dựng nông thôn mới, ban chỉ "
           "đạo báo cáo kết quả như sau: xã long đống đạt 14/19 tiêu chí; xã vũ sơn đạt 16/19 tiêu chí.\n\n"
           "nơi nhận:\n- bcđ tỉnh (b/c);\n- lưu: vt, nn.\n                              kt. trưởng ban\n"
           "                              phó trưởng ban\n\n\n                              hoàng văn tài\n")


@pytest.mark.parametrize("text, expected", [
    (LETTER, {"number": "12", "symbol": "UBND-NN", "issuer": "UBND huyện Bắc Sơn", "place": "Bắc Sơn",
              "doc_type": "CÔNG VĂN", "title": "đề nghị sở nông nghiệp và ptnt thẩm định hồ sơ xã long đống",
              "signer_name": "Hoàng Văn Tài", "signer_title": "Phó Chủ tịch"}),
    (LETTER.replace("12/ubnd-nn", "215/vpđp-nv"), {"number": "215", "symbol": "VPĐP-NV"}),  # an office and its desk
    (STACKED, {"number": None, "symbol": "BC-BCĐ", "issuer": "Ban Chỉ đạo các chương trình MTQG huyện Bắc Sơn", "place": "Bắc Sơn",
               "issue_month": 12, "doc_type": "BÁO CÁO",
               "title": "kết quả thực hiện chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2024",
               "signer_name": "Hoàng Văn Tài", "signer_title": "Phó Trưởng ban"}),
], ids=["letter", "office-and-desk", "stacked-letterhead"])
def test_a_lower_case_header_run_together(text, expected):
    fields = extract_document(parse_bytes(text.encode("utf-8"), "letter.txt")).document_fields
    assert {k: fields[k] for k in expected} == expected


# A hurried typist's letter: all in lower case, acronyms in capitals, two spaces where a comma goes (our own, Bắc Sơn).
HURRIED = ("ubnd huyện bắc sơn                       cộng hòa xã hội chủ nghĩa việt nam\n"
           "văn phòng điều phối NTM                     độc lập - tự do - hạnh phúc\n\n"
           "số: 52/VPĐP-NTM                          bắc sơn, ngày 09 tháng 7 năm 2024\n"
           "v/v đôn đốc hoàn thiện tiêu chí xã NTM  xã NTM nâng cao  và thôn NTM kiểu mẫu năm 2024\n\n"
           "kính gửi:  ubnd các xã vũ sơn  tân lập  long đống\n\n"
           "thực hiện kế hoạch số 21/KH-UBND ngày 15/01/2024 của ubnd tỉnh lạng sơn  văn phòng điều phối NTM huyện đã "
           "rà soát kết quả tại các xã  cụ thể như sau\n\n"
           "1. xã vũ sơn\ntheo bộ tiêu chí quốc gia về xã NTM giai đoạn 2021-2025 xã mới có 16 tiêu chí đạt chuẩn  còn 3 "
           "tiêu chí chưa đạt là giao thông  thu nhập  nghèo đa chiều\n\n"
           "2. xã tân lập (đăng ký xã NTM nâng cao)\ntheo bộ tiêu chí xã NTM nâng cao xã đạt 14/19 tiêu chí  các tiêu chí "
           "chưa đạt gồm tiêu chí số 2 giao thông  số 10 thu nhập  số 13 tổ chức sản xuất  số 15 hành chính công và số 18 "
           "chất lượng môi trường sống\n\n"
           "3. thôn NTM kiểu mẫu\nkết quả rà soát theo bộ tiêu chí thôn NTM kiểu mẫu của tỉnh (gồm 10 tiêu chí)\n"
           "- thôn nà lầu xã vũ sơn  đạt 9/10 tiêu chí  chưa đạt tiêu chí số 4 về nhà ở và vườn hộ\n"
           "- thôn khuổi bó xã tân lập  đạt 7/10 tiêu chí  còn thiếu tiêu chí số 4  số 6 và số 9\n\n"
           "nơi nhận:                                        KT. chánh văn phòng\n"
           "- như trên;                                        phó chánh văn phòng\n- lưu: VT, VPĐP.\n"
           "                                                    hoàng văn tài\n")


def test_two_spaces_for_commas_in_a_hurried_letter():
    document = parse_bytes(HURRIED.encode("utf-8"), "hurried.txt")
    assert any("comma" in w for w in document.warnings)
    facts = extract_document(document)
    fields = facts.document_fields
    assert (fields["number"], fields["symbol"], fields["place"], fields["signer_name"]) == (
        "52", "VPĐP-NTM", "Bắc Sơn", "Hoàng Văn Tài")
    counts = {(r.unit, r.level, r.kind, r.count_min) for r in facts.tables["criteria_counts"]}
    assert counts == {("Vũ Sơn", "ntm", "met", 16), ("Vũ Sơn", "ntm", "unmet", 3), ("Tân Lập", "nang_cao", "met", 14),
                      ("nà lầu", "thon", "met", 9), ("khuổi bó", "thon", "met", 7)}
    statuses = {(r.unit, r.criterion, r.status) for r in facts.tables["criteria_status"]}
    assert {("Tân Lập", n, "unmet") for n in (2, 10, 13, 15, 18)} <= statuses
    assert {("khuổi bó", 4, "unmet"), ("khuổi bó", 6, "unmet"), ("khuổi bó", 9, "unmet")} <= statuses
    assert not [f for f in facts.tables["flags"] if f.kind in ("count_mismatch", "count_conflict")]


def test_a_text_that_types_its_commas_keeps_its_spaces():
    document = parse_bytes(NOTICE_WITH_SPACES.encode("utf-8"), "aligned.txt")
    assert document.warnings == [] and "đạt  17/19" not in document.text


NOTICE_WITH_SPACES = HEADER + "1. xã vũ sơn đạt  17/19 tiêu chí, còn 02 tiêu chí chưa đạt, gồm tiêu chí số 10, số 13.\n" * 3
