"""Document fields, the units a document names, and data-quality flags.

Each document here is short but whole: the header block (issuing body, national motto, number, place and date,
type, subject line), a body and the signature block, as a district or provincial office writes them.
"""
from __future__ import annotations

from textwrap import dedent

import pytest

from ntm.extract.document import extract_document
from ntm.parsers import parse_bytes


def extract(text: str):
    return extract_document(parse_bytes((dedent(text).strip() + "\n").encode("utf-8"), "case.txt"))


# A provincial department's notice on an inspection of huyện Định Hóa (Thái Nguyên). Every count adds up, every
# listed criterion matches its number, every name is spelt as in the register: nothing for a reviewer to flag.
NOTICE = """
UBND TỈNH THÁI NGUYÊN
SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1275/TB-SNN

Thái Nguyên, ngày 05 tháng 12 năm 2023

THÔNG BÁO

Kết luận của Đoàn kiểm tra về tình hình xây dựng nông thôn mới năm 2023 trên địa bàn huyện Định Hóa

Thực hiện Kế hoạch số 45/KH-SNN ngày 10/3/2023 của Sở Nông nghiệp và Phát triển nông thôn về theo dõi, hướng dẫn các huyện xây dựng nông thôn mới năm 2023.

Ngày 28/11/2023, Đoàn kiểm tra của Sở Nông nghiệp và Phát triển nông thôn đã kiểm tra, làm việc với UBND huyện Định Hóa và UBND các xã: Phú Đình, Bảo Linh, Kim Phượng. Kết quả như sau:

I. KẾT QUẢ THỰC HIỆN

- Xã Phú Đình duy trì đạt 19/19 tiêu chí.
- Xã Bảo Linh đạt 17/19 tiêu chí, còn 02 tiêu chí chưa đạt là: Tiêu chí số 2 - Giao thông; Tiêu chí số 17 - Môi trường và an toàn thực phẩm.
- Xã Kim Phượng đạt 18/19 tiêu chí, còn 01 tiêu chí chưa đạt là Tiêu chí số 10 - Thu nhập.

II. ĐỀ NGHỊ

Đề nghị UBND các xã hoàn thiện hồ sơ, gửi về Văn phòng Điều phối nông thôn mới tỉnh trước ngày 15/12/2023.

Nơi nhận:
- UBND tỉnh (b/c);
- UBND huyện Định Hóa;
- UBND các xã: Phú Đình, Bảo Linh, Kim Phượng;
- Lưu: VT, VPĐP.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Nguyễn Văn Hùng
"""

# A district's official letter (công văn) to three communes of huyện Con Cuông; the province is never named.
LETTER = """
ỦY BAN NHÂN DÂN
HUYỆN CON CUÔNG

Số:      /UBND-NN
V/v đôn đốc hoàn thiện hồ sơ xét công nhận xã đạt chuẩn nông thôn mới năm 2024

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Con Cuông, ngày      tháng 9 năm 2024

Kính gửi: UBND các xã Yên Khê, Chi Khê và Lục Dạ.

Để kịp thời thẩm định, xét công nhận xã đạt chuẩn nông thôn mới năm 2024, UBND huyện đề nghị UBND các xã Yên Khê, Chi Khê và Lục Dạ khẩn trương rà soát, hoàn thiện hồ sơ minh chứng các tiêu chí.

Nơi nhận:
- Như trên;
- Thường trực Huyện ủy;
- Lưu: VT, NN.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Lê Văn Thắng
"""

NOTICE_FIELDS = {
    "doc_type": "THÔNG BÁO",
    "symbol": "TB-SNN",
    "number": "1275",
    "place": "Thái Nguyên",
    "issue_year": 2023,
    "issue_month": 12,
    "issue_day": 5,
    "title": "Kết luận của Đoàn kiểm tra về tình hình xây dựng nông thôn mới năm 2023 trên địa bàn huyện Định Hóa",
    "issuer": "Sở Nông nghiệp và Phát triển nông thôn",
    "signer_name": "Nguyễn Văn Hùng",
    "signer_title": "Phó Giám đốc",
    "recipients": ["UBND tỉnh (b/c)", "UBND huyện Định Hóa", "UBND các xã: Phú Đình, Bảo Linh, Kim Phượng",
                   "Lưu: VT, VPĐP"],
    "inspection_start": "2023-11-28",
    "inspection_end": "2023-11-28",
    "province": "Thái Nguyên",
    "district": "Định Hóa",
}

LETTER_FIELDS = {
    "doc_type": "CÔNG VĂN",
    "symbol": "UBND-NN",
    "number": None,  # left blank for the clerk to fill in
    "place": "Con Cuông",
    "issue_year": 2024,
    "issue_month": 9,
    "issue_day": None,
    "title": "đôn đốc hoàn thiện hồ sơ xét công nhận xã đạt chuẩn nông thôn mới năm 2024",  # without "V/v"
    "issuer": "UBND huyện Con Cuông",  # from the two header lines, the symbol being only "UBND-NN"
    "signer_name": "Lê Văn Thắng",
    "signer_title": "Phó Chủ tịch",
    "recipients": ["Như trên", "Thường trực Huyện ủy", "Lưu: VT, NN"],
    "inspection_start": None,
    "inspection_end": None,
    "province": "Nghệ An",  # never written: inferred from its communes
    "district": "Con Cuông",
}


@pytest.mark.parametrize("field, expected", NOTICE_FIELDS.items(), ids=list(NOTICE_FIELDS))
def test_notice_fields(field, expected):
    assert extract(NOTICE).document_fields.get(field) == expected


@pytest.mark.parametrize("field, expected", LETTER_FIELDS.items(), ids=list(LETTER_FIELDS))
def test_letter_fields(field, expected):
    assert extract(LETTER).document_fields.get(field) == expected


def test_a_fully_consistent_document_raises_no_flag():
    assert extract(NOTICE).tables["flags"] == []


# --------------------------------------------------------------------------------------------------------------
# The issuing body: from the header lines above the number, else from the symbol.
# --------------------------------------------------------------------------------------------------------------

def _with_header(header_lines: str, symbol: str) -> str:
    return f"""
{header_lines}

Số:    /{symbol}

Định Hóa, ngày 20 tháng 10 năm 2023

BÁO CÁO

Kết quả rà soát các tiêu chí nông thôn mới năm 2023 trên địa bàn huyện Định Hóa

Đến nay xã Phú Đình đạt 19/19 tiêu chí.
"""


ISSUERS = [
    pytest.param("", "BC-STNMT", "Sở Tài nguyên và Môi trường", id="from-symbol-only:BC-STNMT"),
    pytest.param("ỦY BAN NHÂN DÂN\nHUYỆN ĐỊNH HÓA", "BC-UBND", "UBND huyện Định Hóa",
                 id="from-two-uppercase-header-lines"),
    pytest.param("UBND HUYỆN ĐỊNH HÓA\nVĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI", "BC-VPĐP",  # not in the seeds
                 "Văn phòng Điều phối nông thôn mới huyện Định Hóa", id="new:office-under-the-district:BC-VPDP"),
    pytest.param("SỞ NÔNG NGHIỆP VÀ PTNT TỈNH THÁI NGUYÊN\nVĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI", "VPĐP-NV",
                 "Văn phòng Điều phối nông thôn mới tỉnh Thái Nguyên", id="new:office-under-the-department:VPDP-NV"),
    pytest.param("UBND HUYỆN ĐỊNH HÓA\nPHÒNG NÔNG NGHIỆP VÀ PTNT", "BC-NN",  # not in the seeds
                 "Phòng Nông nghiệp và PTNT", id="new:code-not-an-issuer:uppercase-line-wins"),
    pytest.param("UBND HUYỆN ĐỊNH HÓA\nBAN CHỈ ĐẠO CÁC CTMTQG", "BC-BCĐ",  # not in the seeds
                 "Ban Chỉ đạo các CTMTQG huyện Định Hóa", id="new:steering-committee:BC-BCD"),
    pytest.param("UBND TỈNH THÁI NGUYÊN\nBAN CHỈ ĐẠO CÁC CTMTQG HUYỆN ĐỊNH HÓA", "BC-BCĐ",
                 "Ban Chỉ đạo các CTMTQG huyện Định Hóa", id="new:steering-committee-with-its-place"),
    # a body's name over two lines, its capital 'Ã' lost to an old font; a scan's stray underscore
    pytest.param("UBND TỈNH THÁI NGUYÊN\nHỘI ĐỒNG THẨM ĐỊNH, XÉT CÔNG NHẬN\nXã ĐẠT CHUẨN NTM NÂNG CAO", "TB-HĐTĐ",
                 "Hội đồng Thẩm định, Xét công nhận xã đạt chuẩn NTM nâng cao", id="new:council-over-two-lines"),
    pytest.param("ỦY BAN NHÂN DÂN\nHUYỆN ĐỊNH HÓA\nĐOÀN KIỂM TRA _", "BB-ĐKT", "Đoàn kiểm tra", id="new:ocr-underscore"),
]


@pytest.mark.parametrize("header_lines, symbol, expected", ISSUERS)
def test_issuer(header_lines, symbol, expected):
    issuer = extract(_with_header(header_lines, symbol)).document_fields["issuer"]
    assert issuer is not None and issuer.casefold() == expected.casefold()


# --------------------------------------------------------------------------------------------------------------
# The signature block: the last title line and the name under it.
# --------------------------------------------------------------------------------------------------------------

SIGNATURES = [
    pytest.param("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHoàng Văn Minh", "Hoàng Văn Minh", "Phó Chủ tịch",
                 id="KT.-CHU-TICH/PHO-CHU-TICH"),
    pytest.param("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nMa Thị Hoa", "Ma Thị Hoa", "Chủ tịch",
                 id="TM.-UY-BAN-NHAN-DAN/CHU-TICH"),
    pytest.param("KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\n**Đinh Công Sáu**", "Đinh Công Sáu", "Phó Trưởng ban",
                 id="new:KT.-TRUONG-BAN/PHO-TRUONG-BAN-bold-name"),  # not in the seeds
    pytest.param("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nLương Văn Bình", "Lương Văn Bình",
                 "Phó Chủ tịch", id="new:da-ky-between-title-and-name"),  # not in the seeds
]


@pytest.mark.parametrize("block, name, title", SIGNATURES)
def test_signer(block, name, title):
    text = _with_header("ỦY BAN NHÂN DÂN\nHUYỆN ĐỊNH HÓA", "BC-UBND") + "\nNơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\n\n" + block
    fields = extract(text).document_fields
    assert (fields["signer_name"], fields["signer_title"]) == (name, title)


# --------------------------------------------------------------------------------------------------------------
# When the inspection took place.
# --------------------------------------------------------------------------------------------------------------

INSPECTIONS = [
    pytest.param("Ngày 28/11/2023, Đoàn kiểm tra của huyện đã kiểm tra, làm việc với UBND xã Phú Đình.",
                 "2023-11-28", "2023-11-28", id="ngay-28/11/2023,-doan-kiem-tra"),
    pytest.param("Từ ngày 07/6/2024 đến ngày 25/6/2024, Đoàn kiểm tra của huyện đã kiểm tra thực tế tại 12 thôn.",
                 "2024-06-07", "2024-06-25", id="tu-ngay-den-ngay-kiem-tra"),
    pytest.param("Trong các ngày 14 và 15/10/2024, Đoàn công tác đã kiểm tra thực tế tại xã Phú Đình.",
                 "2024-10-14", "2024-10-15", id="new:trong-cac-ngay-14-va-15/10/2024"),  # not in the seeds
    pytest.param("Trong 02 ngày 21-22/11/2023, Đoàn kiểm tra đã làm việc với UBND các xã Phú Đình, Bảo Linh.",
                 "2023-11-21", "2023-11-22", id="new:trong-02-ngay-21-22/11/2023"),  # not in the seeds
    pytest.param("Đoàn kiểm tra đã tiến hành kiểm tra thực tế tại 03 xã từ ngày 04/9/2023 đến ngày 15/9/2023.",
                 "2023-09-04", "2023-09-15", id="new:dates-after-the-verb"),  # not in the seeds
    pytest.param("Ngày 20 tháng 5 năm 2023, Đoàn kiểm tra đã làm việc tại xã Bảo Linh.",
                 "2023-05-20", "2023-05-20", id="new:ngay-20-thang-5-nam-2023"),  # not in the seeds
    pytest.param("Từ ngày 10/10 đến ngày 28/10/2023, Tổ công tác tiến hành rà soát hồ sơ các tiêu chí tại các xã.",
                 "2023-10-10", "2023-10-28", id="new:first-date-without-year"),  # not in the seeds
    pytest.param("Theo Hướng dẫn số 03/HD-VPĐP ngày 12/4/2023 của Văn phòng, ngày 15/8/2024 Văn phòng Điều phối tỉnh "
                 "đã phối hợp với Phòng Nông nghiệp huyện kiểm tra thực tế tại xã Phú Đình.",
                 "2024-08-15", "2024-08-15", id="new:after-the-citation-van-phong"),
    pytest.param("thực hiện kế hoạch số 18/KH-UBND, ngày 15/8/2024 phòng nông nghiệp huyện đã rà soát hồ sơ xã phú đình.",
                 "2024-08-15", "2024-08-15", id="new:lower-case-phong"),
    pytest.param("Căn cứ kết quả thẩm tra của Đoàn thẩm tra huyện từ ngày 02 đến ngày 04/10/2024 (Biên bản số 27/BB-ĐTT "
                 "ngày 07/10/2024), UBND huyện đề nghị xét công nhận.", "2024-10-02", "2024-10-04", id="new:tham-tra-range"),
    pytest.param("Căn cứ Kế hoạch số 18/KH-UBND, ngày 15/8/2024 UBND huyện ban hành Kế hoạch kiểm tra các xã.",
                 None, None, id="new:the-day-a-plan-was-issued"),
]


@pytest.mark.parametrize("sentence, start, end", INSPECTIONS)
def test_inspection_dates(sentence, start, end):
    text = _with_header("ỦY BAN NHÂN DÂN\nHUYỆN ĐỊNH HÓA", "BC-UBND").replace(
        "Đến nay xã Phú Đình đạt 19/19 tiêu chí.", sentence)
    fields = extract(text).document_fields
    assert (fields["inspection_start"], fields["inspection_end"]) == (start, end)


# --------------------------------------------------------------------------------------------------------------
# Units: names listed after one keyword, resolved in the register.
# --------------------------------------------------------------------------------------------------------------

CODES = {"Phú Đình": "05602", "Bảo Linh": "05554", "Kim Phượng": "05551", "Yên Khê": "17257", "Chi Khê": "17251",
         "Lục Dạ": "17260", "Môn Sơn": "17263"}


def _district_report(district: str, sentence: str) -> str:
    return f"""
ỦY BAN NHÂN DÂN
HUYỆN {district.upper()}

Số: 215/BC-UBND

{district}, ngày 20 tháng 10 năm 2023

BÁO CÁO

Kết quả kiểm tra tình hình xây dựng nông thôn mới năm 2023

{sentence}
"""


UNIT_LISTS = [
    pytest.param("Định Hóa", "Tham dự buổi làm việc có đại diện lãnh đạo UBND các xã: Phú Đình, Bảo Linh, Kim Phượng.",
                 {"Phú Đình", "Bảo Linh", "Kim Phượng"}, id="UBND-cac-xa:-A,-B,-C"),
    pytest.param("Con Cuông", "UBND huyện đề nghị các xã Yên Khê, Chi Khê và Lục Dạ hoàn thiện hồ sơ.",
                 {"Yên Khê", "Chi Khê", "Lục Dạ"}, id="cac-xa-A,-B-va-C"),
    pytest.param("Con Cuông", "Đoàn đã kiểm tra thực tế tại 03 xã gồm Yên Khê, Chi Khê và Môn Sơn.",  # not in the seeds
                 {"Yên Khê", "Chi Khê", "Môn Sơn"}, id="new:03-xa-gom-A,-B-va-C"),
    pytest.param("Định Hóa", "Đại diện Đảng ủy, UBND các xã Phú Đình; Bảo Linh; Kim Phượng.",  # not in the seeds
                 {"Phú Đình", "Bảo Linh", "Kim Phượng"}, id="new:cac-xa-A;-B;-C"),
    pytest.param("Định Hóa", "Đoàn làm việc tại xã Phú Đình, Bảo Linh và Kim Phượng.",  # not in the seeds
                 {"Phú Đình", "Bảo Linh", "Kim Phượng"}, id="new:singular-xa-A,-B-va-C"),
]


@pytest.mark.parametrize("district, sentence, communes", UNIT_LISTS)
def test_units_listed_after_one_keyword(district, sentence, communes):
    rows = extract(_district_report(district, sentence)).tables["units"]
    found = {r.name: r for r in rows if r.level == "commune"}
    assert set(found) == communes
    for name in communes:
        assert (found[name].district, found[name].code) == (district, CODES[name])


def test_province_and_district_inferred_from_communes_alone():
    text = """
    ĐOÀN KIỂM TRA

    Số: /TB-ĐKT

    Nghệ An, ngày 10 tháng 10 năm 2024

    THÔNG BÁO

    Kết luận kiểm tra tình hình xây dựng nông thôn mới năm 2024

    Đoàn kiểm tra đã làm việc tại các xã Yên Khê, Chi Khê, Lục Dạ và Môn Sơn.
    """.replace("Nghệ An", "Vinh")  # the place line names the city the office sits in, not the area reported on
    facts = extract(text)
    assert (facts.document_fields["province"], facts.document_fields["district"]) == ("Nghệ An", "Con Cuông")
    assert {r.name for r in facts.tables["units"] if r.level == "commune"} == {"Yên Khê", "Chi Khê", "Lục Dạ", "Môn Sơn"}
    assert not [r for r in facts.tables["units"] if r.level == "province"]  # named nowhere: no unit row


def test_province_inferred_when_only_the_district_is_named():
    facts = extract(LETTER)
    units = facts.tables["units"]
    assert {(r.level, r.name) for r in units} == {("district", "Con Cuông"), ("commune", "Yên Khê"),
                                                 ("commune", "Chi Khê"), ("commune", "Lục Dạ")}
    assert {r.province for r in units} == {"Nghệ An"}


# --------------------------------------------------------------------------------------------------------------
# A commune written with one wrong tone mark resolves to the register's spelling and is flagged.
# --------------------------------------------------------------------------------------------------------------

MISSPELLINGS = [
    pytest.param("Phú Đinh", "Phú Đình", "05602", id="missing-grave:Phu-Dinh"),
    pytest.param("Trung Hồi", "Trung Hội", "05581", id="grave-for-dot-below:Trung-Hoi"),
]


@pytest.mark.parametrize("written, register_name, code", MISSPELLINGS)
def test_misspelled_commune_resolves_and_is_flagged(written, register_name, code):
    sentence = (f"Tham dự có đại diện UBND các xã: Bảo Linh, Kim Phượng, {written}. "
                f"Đến nay xã {written} đạt 17/19 tiêu chí.")
    facts = extract(_district_report("Định Hóa", sentence))
    rows = [r for r in facts.tables["units"] if r.level == "commune" and r.raw_name == written]
    assert rows and all((r.name, r.code, r.district) == (register_name, code, "Định Hóa") for r in rows)
    assert {r.unit for r in facts.tables["criteria_counts"]} == {register_name}
    variants = [f for f in facts.tables["flags"] if f.kind == "name_variant"]
    assert len(variants) == 1 and set(variants[0].values) == {register_name, written}


def test_two_spellings_in_one_document_are_one_unit():  # not in the seeds
    sentence = ("Đoàn làm việc với UBND các xã: Phú Đình, Bảo Linh, Kim Phượng.\n"
                "- Xã Phú Đinh đạt 18/19 tiêu chí; xã Bảo Linh đạt 17/19 tiêu chí.")
    facts = extract(_district_report("Định Hóa", sentence))
    assert {r.name for r in facts.tables["units"] if r.level == "commune"} == {"Phú Đình", "Bảo Linh", "Kim Phượng"}
    assert {(r.unit, r.count_min) for r in facts.tables["criteria_counts"]} == {("Phú Đình", 18), ("Bảo Linh", 17)}
    variants = [f for f in facts.tables["flags"] if f.kind == "name_variant"]
    assert [set(f.values) for f in variants] == [{"Phú Đình", "Phú Đinh"}]


@pytest.mark.parametrize("header, issuer", [
    ("SỞ NÔNG NGHIỆP VÀ PTNT", "Sở Nông nghiệp và PTNT"),
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
    ("ỦY BAN NHÂN DÂN HUYỆN ĐỊNH HÓA", "UBND huyện Định Hóa"),
    ("HUYỆN ỦY BẠCH THÔNG", "Huyện ủy Bạch Thông"),
    ("VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI", "Văn phòng Điều phối nông thôn mới"),
])
def test_issuer_from_an_uppercase_header_whose_code_is_unknown(header, issuer):
    """An issuing body the symbol table does not know is read from the header, written as officials write it."""
    from ntm.extract.header import read_header
    text = f"UBND TỈNH THÁI NGUYÊN\n{header}\nSố: 15/BC-XYZ\nThái Nguyên, ngày 3 tháng 5 năm 2023\nBÁO CÁO\nKết quả"
    assert read_header(parse_bytes(text.encode("utf-8"), "h.txt"))["issuer"] == issuer


@pytest.mark.parametrize("district, sentence, commune", [
    ("Tuy Đức", "Xã Đắk R'Tíh đạt 15/19 tiêu chí.", "Đắk R'Tíh"),
    ("Ea H'Leo", "Xã Ea H'Leo đạt 16/19 tiêu chí.", "Ea H'leo")  # the register writes 'H'leo',
])
def test_highland_names_keep_their_apostrophe(district, sentence, commune):
    facts = extract(_district_report(district, sentence))
    assert {r.name for r in facts.tables["units"] if r.level == "commune"} == {commune}
    assert {r.unit for r in facts.tables["criteria_counts"]} == {commune}


@pytest.mark.parametrize("later_mention", [
    "Theo Kế hoạch số 45/KH-SNN, các xã hoàn thiện hồ sơ trước ngày 15/12/2023.",
    "theo kế hoạch số 45/KH-SNN nêu trên, các xã hoàn thiện hồ sơ.",
    "Các nội dung tại Kế hoạch số 45/KH-SNN\nđược triển khai đúng tiến độ.",
])
def test_a_document_cited_again_without_its_date_is_one_reference(later_mention):
    """The plan cited with its date in the preamble and again, bare, in the body is one cited document."""
    text = NOTICE.replace("II. ĐỀ NGHỊ", f"{later_mention}\n\nII. ĐỀ NGHỊ")
    rows = [r for r in extract(text).tables["references"] if r.symbol == "45/KH-SNN"]
    assert [(r.symbol, r.date) for r in rows] == [("45/KH-SNN", "2023-03-10")]


SUBMISSION = ("ỦY BAN NHÂN DÂN\nHUYỆN BẮC SƠN\n\nSố: 12/TTr-UBND\nBắc Sơn, ngày 5 tháng 11 năm 2024\n\nTỜ TRÌNH\n"
              "Đề nghị thẩm định, xét công nhận xã Vũ Sơn đạt chuẩn nông thôn mới kiểu mẫu năm 2024\n\n"
              "1. Kết quả chung\nToàn huyện có 15 xã đạt 19/19 tiêu chí nông thôn mới; bình quân đạt 17,2 tiêu chí/xã.\n"
              "2. Kết quả thực hiện các tiêu chí kiểu mẫu\n- Tiêu chí 1 (Đạt chuẩn nông thôn mới nâng cao): Đạt.\n"
              "- Tiêu chí 2 (Thu nhập cao hơn từ 10% trở lên): Đạt.\n"
              "3. Xã Tân Lập (đăng ký năm 2025)\nXã Tân Lập hiện đạt 03/05 tiêu chí; tiêu chí số 5 chưa đạt.\n")


def test_statements_naming_no_unit_are_about_the_commune_the_subject_line_names():
    """A submission about one commune lists its criteria with no unit named; a count of the district's communes
    and a statement about another commune are not its."""
    facts = extract(SUBMISSION)
    assert {(r.unit, r.criterion, r.status) for r in facts.tables["criteria_status"]} == {
        ("Vũ Sơn", 1, "met"), ("Vũ Sơn", 2, "met"), ("Tân Lập", 5, "unmet")}
    assert {(r.unit, r.count_min) for r in facts.tables["criteria_counts"]} == {("Tân Lập", 3)}
