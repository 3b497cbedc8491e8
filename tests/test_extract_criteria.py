"""Criteria statuses and criteria counts, one phrasing a case.

Every case is a short report of a real district (Định Hóa, Thái Nguyên unless said otherwise) whose body holds the
sentence under test; the whole extractor runs on it and the rows it yields for `criteria_status` and `criteria_counts`
are compared with what a careful reader takes from the sentence (FORMAT.md: only what the text states).

Rows are compared as sets of
    status: (unit, level, criterion, status)
    count:  (unit, level, kind, min, max)
"""
from __future__ import annotations

from textwrap import dedent

import pytest

from ntm.extract.document import extract_document
from ntm.parsers import parse_bytes


def report(body: str, *, district: str = "Định Hóa", year: int = 2023, month: int = 12, doc_type: str = "BÁO CÁO",
           subject: str | None = None):
    """A district report: the usual header, then `body`."""
    subject = subject or (f"Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm {year} "
                          f"trên địa bàn huyện {district}")
    text = (f"ỦY BAN NHÂN DÂN\nHUYỆN {district.upper()}\n\nSố: 318/BC-UBND\n\n"
            f"{district}, ngày 12 tháng {month} năm {year}\n\n{doc_type}\n\n{subject}\n\n" + dedent(body).strip() + "\n")
    return extract_document(parse_bytes(text.encode("utf-8"), "case.txt"))


def statuses(facts) -> set[tuple]:
    return {(r.unit, r.level, r.criterion, r.status) for r in facts.tables["criteria_status"]}


def counts(facts) -> set[tuple]:
    return {(r.unit, r.level, r.kind, r.count_min, r.count_max) for r in facts.tables["criteria_counts"]}


def met(unit: str, *numbers: int, level: str = "ntm") -> set[tuple]:
    return {(unit, level, n, "met") for n in numbers}


def unmet(unit: str, *numbers: int, level: str = "ntm") -> set[tuple]:
    return {(unit, level, n, "unmet") for n in numbers}


def near(unit: str, *numbers: int, level: str = "ntm") -> set[tuple]:
    return {(unit, level, n, "near_met") for n in numbers}


def count(unit: str, kind: str, low: int, high: int | None = None, level: str = "ntm") -> tuple:
    return (unit, level, kind, low, low if high is None else high)


NONE: set = set()

# --------------------------------------------------------------------------------------------------------------
# A status phrase introducing a list of criteria, a criterion written after its status, counts in running text.
# --------------------------------------------------------------------------------------------------------------

STATEMENTS = [
    pytest.param(
        """
        1. Xã Phú Đình
        Đã đạt 14/19 tiêu chí: Tiêu chí số 1 - Quy hoạch; Tiêu chí số 3 - Thủy lợi và phòng, chống thiên tai; Tiêu chí số 4 - Điện; Tiêu chí số 5 - Trường học; Tiêu chí số 7 - Cơ sở hạ tầng thương mại nông thôn; Tiêu chí số 8 - Thông tin và Truyền thông; Tiêu chí số 9 - Nhà ở dân cư; Tiêu chí số 11 - Nghèo đa chiều; Tiêu chí số 12 - Lao động; Tiêu chí số 14 - Giáo dục và Đào tạo; Tiêu chí số 15 - Y tế; Tiêu chí số 16 - Văn hóa; Tiêu chí số 18 - Hệ thống chính trị và tiếp cận pháp luật; Tiêu chí số 19 - Quốc phòng và An ninh.
        """,
        met("Phú Đình", 1, 3, 4, 5, 7, 8, 9, 11, 12, 14, 15, 16, 18, 19),
        {count("Phú Đình", "met", 14)},
        id="da-dat-14/19-tieu-chi-so-N-dash-name-list",
    ),
    pytest.param(
        """
        Xã Bảo Linh còn 02/19 tiêu chí chưa đạt, gồm: Tiêu chí (2) Giao thông và Tiêu chí (17) Môi trường và an toàn thực phẩm.
        """,
        unmet("Bảo Linh", 2, 17),
        {count("Bảo Linh", "unmet", 2)},
        id="tieu-chi-(N)-name",
    ),
    pytest.param(
        """
        Xã Kim Phượng đạt 17/19 tiêu chí; 02 tiêu chí chưa đạt là: Tiêu chí 14- Giáo dục và Đào tạo, Tiêu chí 15- Y tế.
        """,
        unmet("Kim Phượng", 14, 15),
        {count("Kim Phượng", "met", 17), count("Kim Phượng", "unmet", 2)},
        id="tieu-chi-N-tight-dash-name",
    ),
    pytest.param(
        """
        Qua rà soát, xã Quy Kỳ đạt 16/19 tiêu chí, các tiêu chí chưa đạt gồm TC2, TC6, TC13.
        """,
        unmet("Quy Kỳ", 2, 6, 13),
        {count("Quy Kỳ", "met", 16)},
        id="chua-dat-gom-TC2-TC6-TC13",
    ),
    pytest.param(
        """
        Xã Tân Thịnh đã đạt 17/19 tiêu chí, còn 02 tiêu chí chưa đạt là tiêu chí số 13 về Tổ chức sản xuất và phát triển kinh tế nông thôn và tiêu chí số 17 về Môi trường và an toàn thực phẩm.
        """,
        unmet("Tân Thịnh", 13, 17),
        {count("Tân Thịnh", "met", 17), count("Tân Thịnh", "unmet", 2)},
        id="con-02-chua-dat-la-tieu-chi-so-N-ve-name",
    ),
    pytest.param(  # not in the seeds: the unit comes after the status phrase
        """
        Các tiêu chí chưa đạt của xã Lam Vỹ: Tiêu chí số 2 - Giao thông; Tiêu chí số 10 - Thu nhập.
        """,
        unmet("Lam Vỹ", 2, 10),
        NONE,
        id="new:cac-tieu-chi-chua-dat-cua-xa-A",
    ),
    pytest.param(  # not in the seeds: one 'tiêu chí số' for several numbers, no introducer
        """
        Đến nay xã Trung Hội chưa đạt các tiêu chí số 2, 6 và 13.
        """,
        unmet("Trung Hội", 2, 6, 13),
        NONE,
        id="new:chua-dat-cac-tieu-chi-so-2-6-va-13",
    ),
    pytest.param(  # not in the seeds: the name first, the number in brackets
        """
        Xã Điềm Mặc có 3 tiêu chí chưa hoàn thành: Giao thông (TC2), Trường học (TC5), Môi trường và an toàn thực phẩm (TC17).
        """,
        unmet("Điềm Mặc", 2, 5, 17),
        {count("Điềm Mặc", "unmet", 3)},
        id="new:chua-hoan-thanh-name-(TCn)",
    ),
    pytest.param(  # not in the seeds: 'riêng ... vẫn chưa đạt' after a named criterion
        """
        Xã Linh Thông đã có 18/19 tiêu chí đạt chuẩn; riêng Tiêu chí số 17 - Môi trường và an toàn thực phẩm vẫn chưa đạt.
        """,
        unmet("Linh Thông", 17),
        {count("Linh Thông", "met", 18)},
        id="new:rieng-tieu-chi-so-17-name-van-chua-dat",
    ),
    pytest.param(  # not in the seeds: the unmet criteria by name only, the count as a word
        """
        Xã Phú Tiến đạt 17/19 tiêu chí, còn hai tiêu chí chưa đạt là Giao thông và Môi trường.
        """,
        unmet("Phú Tiến", 2, 17),
        {count("Phú Tiến", "met", 17), count("Phú Tiến", "unmet", 2)},
        id="new:con-hai-tieu-chi-chua-dat-by-name",
    ),
    pytest.param(
        """
        Xã Bình Yên đạt 16/19 tiêu chí, còn 3 tiêu chí gần đạt (Tiêu chí 10 Thu nhập; Tiêu chí 11 Nghèo đa chiều; Tiêu chí 17 Môi trường và an toàn thực phẩm).
        """,
        near("Bình Yên", 10, 11, 17),
        {count("Bình Yên", "met", 16), count("Bình Yên", "near_met", 3)},
        id="con-3-tieu-chi-gan-dat-(list)",
    ),
    pytest.param(
        """
        Tại xã Thanh Định, Tiêu chí 11 (Nghèo đa chiều) gần đạt do số hộ thiếu hụt dịch vụ xã hội cơ bản còn nhiều.
        """,
        near("Thanh Định", 11),
        NONE,
        id="tieu-chi-11-(name)-gan-dat",
    ),
    pytest.param(
        """
        Kết quả rà soát đến ngày 30/11/2023: xã Phượng Tiến đạt 18/19 tiêu chí; xã Trung Lương đạt 16/19; xã Bình Thành đạt 15/19 tiêu chí.
        """,
        NONE,
        {count("Phượng Tiến", "met", 18), count("Trung Lương", "met", 16), count("Bình Thành", "met", 15)},
        id="per-unit-counts-in-running-text",
    ),
    pytest.param(  # not in the seeds: 'hoàn thành' for met
        """
        Đến nay, xã Bình Thành đã hoàn thành 17/19 tiêu chí nông thôn mới.
        """,
        NONE,
        {count("Bình Thành", "met", 17)},
        id="new:da-hoan-thanh-17/19",
    ),
    pytest.param(  # not in the seeds: a labelled field under the commune's heading
        """
        1. Xã Bảo Linh
        - Số tiêu chí đạt chuẩn: 16/19 tiêu chí.
        - Số tiêu chí chưa đạt: 03 tiêu chí.
        """,
        NONE,
        {count("Bảo Linh", "met", 16), count("Bảo Linh", "unmet", 3)},
        id="new:so-tieu-chi-dat-chuan-colon-16/19",
    ),
]


@pytest.mark.parametrize("body, expected_statuses, expected_counts", STATEMENTS)
def test_statuses(body, expected_statuses, expected_counts):
    assert statuses(report(body)) == expected_statuses


@pytest.mark.parametrize("body, expected_statuses, expected_counts", STATEMENTS)
def test_counts(body, expected_statuses, expected_counts):
    assert counts(report(body)) == expected_counts


def test_count_keeps_the_written_total():
    facts = report("Xã Kim Phượng đạt 17/19 tiêu chí; 02 tiêu chí chưa đạt là: Tiêu chí 14- Giáo dục và Đào tạo, "
                   "Tiêu chí 15- Y tế.")
    by_kind = {r.kind: r.total for r in facts.tables["criteria_counts"]}
    assert by_kind.get("met") == 19


# --------------------------------------------------------------------------------------------------------------
# Bucket lists: one count row per listed commune, with the bucket's range.
# --------------------------------------------------------------------------------------------------------------

BUCKETS = [
    pytest.param(
        "- Số xã đạt 15-18 tiêu chí: 03 xã (Linh Thông, Lam Vỹ, Quy Kỳ).",
        {count(u, "met", 15, 18) for u in ("Linh Thông", "Lam Vỹ", "Quy Kỳ")},
        id="so-xa-dat-15-18-tieu-chi:-03-xa-(A,B,C)",
    ),
    pytest.param(
        "- Số xã đạt từ 10 đến 14 tiêu chí: 02 xã (Bộc Nhiêu, Sơn Phú).",
        {count(u, "met", 10, 14) for u in ("Bộc Nhiêu", "Sơn Phú")},
        id="so-xa-dat-tu-10-den-14-tieu-chi",
    ),
    pytest.param(
        "- 02 xã đạt 19/19 tiêu chí: Điềm Mặc, Phú Tiến;",
        {count(u, "met", 19, 19) for u in ("Điềm Mặc", "Phú Tiến")},
        id="02-xa-dat-19/19-tieu-chi:-A,B",
    ),
    pytest.param(  # not in the seeds: 'Nhóm ... có 04 xã, gồm:'
        "- Nhóm xã đạt từ 15 đến 18 tiêu chí có 04 xã, gồm: Tân Dương, Phượng Tiến, Bảo Linh, Định Biên.",
        {count(u, "met", 15, 18) for u in ("Tân Dương", "Phượng Tiến", "Bảo Linh", "Định Biên")},
        id="new:nhom-xa-dat-tu-15-den-18-co-04-xa-gom",
    ),
    pytest.param(  # not in the seeds: the count of communes after the list
        "- Đạt 19/19 tiêu chí gồm các xã: Phú Đình, Bình Thành, Trung Hội (03 xã).",
        {count(u, "met", 19, 19) for u in ("Phú Đình", "Bình Thành", "Trung Hội")},
        id="new:dat-19/19-tieu-chi-gom-cac-xa:-A,B,C-(03-xa)",
    ),
]


@pytest.mark.parametrize("line, expected", BUCKETS)
def test_bucket_lists(line, expected):
    body = f"""
    2. Kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới
    - Tổng số xã trên địa bàn huyện: 22 xã.
    {line}
    """
    facts = report(body)
    assert counts(facts) == expected
    assert statuses(facts) == NONE


# --------------------------------------------------------------------------------------------------------------
# A list announced on one line and given as items below; lists broken across lines.
# --------------------------------------------------------------------------------------------------------------

LISTS = [
    pytest.param(
        """
        1. Xã Tân Dương
        Đã đạt 15/19 tiêu chí:
        - Tiêu chí số 1 - Quy hoạch;
        - Tiêu chí số 3 - Thủy lợi và phòng, chống thiên tai;
        - Tiêu chí số 4 - Điện;
        - Tiêu chí số 5 - Trường học;
        - Tiêu chí số 6 - Cơ sở vật chất văn hóa;
        - Tiêu chí số 7 - Cơ sở hạ tầng thương mại nông thôn;
        - Tiêu chí số 8 - Thông tin và Truyền thông;
        - Tiêu chí số 9 - Nhà ở dân cư;
        - Tiêu chí số 11 - Nghèo đa chiều;
        - Tiêu chí số 12 - Lao động;
        - Tiêu chí số 14 - Giáo dục và Đào tạo;
        - Tiêu chí số 15 - Y tế;
        - Tiêu chí số 16 - Văn hóa;
        - Tiêu chí số 18 - Hệ thống chính trị và tiếp cận pháp luật;
        - Tiêu chí số 19 - Quốc phòng và An ninh.
        Chưa đạt 04 tiêu chí:
        - Tiêu chí số 2 - Giao thông;
        - Tiêu chí số 10 - Thu nhập;
        - Tiêu chí số 13 - Tổ chức sản xuất và phát triển kinh tế nông thôn;
        - Tiêu chí số 17 - Môi trường và an toàn thực phẩm.
        """,
        met("Tân Dương", 1, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 18, 19) | unmet("Tân Dương", 2, 10, 13, 17),
        {count("Tân Dương", "met", 15), count("Tân Dương", "unmet", 4)},
        id="intro-line-then-dash-items",
    ),
    pytest.param(  # not in the seeds: 'cụ thể như sau:' and '+' items, 'Tiêu chí số N: name'
        """
        1. Xã Sơn Phú
        Xã còn 03 tiêu chí chưa đạt, cụ thể như sau:
        + Tiêu chí số 2: Giao thông;
        + Tiêu chí số 6: Cơ sở vật chất văn hóa;
        + Tiêu chí số 17: Môi trường và an toàn thực phẩm.
        """,
        unmet("Sơn Phú", 2, 6, 17),
        {count("Sơn Phú", "unmet", 3)},
        id="new:cu-the-nhu-sau-then-plus-items",
    ),
    pytest.param(
        """
        - Xã Đồng Thịnh còn 04 tiêu chí chưa đạt, gồm: Tiêu chí số 2 - Giao thông, Tiêu chí số 6 - Cơ sở vật chất văn hóa,
        Tiêu chí số 13 - Tổ chức sản xuất, Tiêu chí số 17 - Môi trường và an toàn thực phẩm.
        """,
        unmet("Đồng Thịnh", 2, 6, 13, 17),
        {count("Đồng Thịnh", "unmet", 4)},
        id="list-continued-on-next-line-after-comma",
    ),
    pytest.param(
        """
        Xã Định Biên còn 03 tiêu chí chưa đạt, gồm: Tiêu chí số 5 - Trường học; Tiêu chí số 13 - Tổ chức sản xuất và
        phát triển kinh tế nông thôn; Tiêu chí số 17 - Môi trường và an toàn thực phẩm.
        """,
        unmet("Định Biên", 5, 13, 17),
        {count("Định Biên", "unmet", 3)},
        id="list-broken-inside-a-criterion-name",
    ),
]


@pytest.mark.parametrize("body, expected_statuses, expected_counts", LISTS)
def test_lists_over_several_lines(body, expected_statuses, expected_counts):
    facts = report(body)
    assert statuses(facts) == expected_statuses
    assert counts(facts) == expected_counts


# --------------------------------------------------------------------------------------------------------------
# The criteria set a statement is made under.
# --------------------------------------------------------------------------------------------------------------

ADVANCED = """
I. KẾT QUẢ THỰC HIỆN
1. Xã đạt chuẩn nông thôn mới (xã Phú Đình)
Xã Phú Đình duy trì đạt 19/19 tiêu chí.
2. Xã phấn đấu đạt chuẩn nông thôn mới nâng cao (xã Trung Lương)
Đến thời điểm kiểm tra, xã Trung Lương đạt 15/19 tiêu chí; còn 04 tiêu chí chưa đạt gồm: Tiêu chí số 2 - Giao thông; Tiêu chí số 5 - Trường học; Tiêu chí số 10 - Thu nhập; Tiêu chí số 17 - Môi trường.
"""


def test_section_of_the_advanced_set_gives_level_nang_cao():
    facts = report(ADVANCED)
    assert statuses(facts) == unmet("Trung Lương", 2, 5, 10, 17, level="nang_cao")
    assert counts(facts) == {count("Phú Đình", "met", 19), count("Trung Lương", "met", 15, level="nang_cao"),
                             count("Trung Lương", "unmet", 4, level="nang_cao")}
    assert {r.criteria_set for r in facts.tables["criteria_status"]} == {"nang_cao_2021"}


def test_advanced_set_named_after_the_count():  # not in the seeds
    facts = report("Xã Phượng Tiến hiện đạt 12/19 tiêu chí xã nông thôn mới nâng cao.")
    assert counts(facts) == {count("Phượng Tiến", "met", 12, level="nang_cao")}


REPORT_2019 = """
2. Kết quả thực hiện tại xã Hương Trà
Xã Hương Trà đạt 15/19 tiêu chí, còn 04 tiêu chí chưa đạt gồm: Tiêu chí số 10 - Thu nhập; Tiêu chí số 11 - Hộ nghèo; Tiêu chí số 12 - Lao động có việc làm; Tiêu chí số 13 - Tổ chức sản xuất.
"""


def test_2019_report_is_read_under_the_2016_set():
    facts = report(REPORT_2019, district="Hương Khê", year=2019, month=10)
    assert statuses(facts) == unmet("Hương Trà", 10, 11, 12, 13)
    assert counts(facts) == {count("Hương Trà", "met", 15), count("Hương Trà", "unmet", 4)}
    rows = facts.tables["criteria_status"]
    assert {r.criteria_set for r in rows} == {"ntm_2016"}
    assert {r.criterion: r.criterion_name for r in rows}[11] == "Hộ nghèo"
    assert not [f for f in facts.tables["flags"] if f.kind == "criterion_mismatch"]


# --------------------------------------------------------------------------------------------------------------
# Village criteria (bộ tiêu chí thôn, Bắc Kạn): a criterion introducing the villages that have not met it.
# --------------------------------------------------------------------------------------------------------------

VILLAGE_SUBJECT = ("Kết quả rà soát, đánh giá các thôn đăng ký đạt chuẩn thôn nông thôn mới năm 2024 trên địa bàn "
                   "huyện Chợ Đồn")

VILLAGES = [
    pytest.param(
        """
        2. Kết quả rà soát tiêu chí chưa đạt theo bộ tiêu chí thôn nông thôn mới:
        - Tiêu chí số 7 (Cơ sở vật chất văn hoá): 03 thôn (Nà Pài, Khuổi Đắng, Bản Chang).
        - Tiêu chí số 10 (Thu nhập): 02 thôn (Nà Pài, Pác Cộp).
        """,
        unmet("Nà Pài", 7, 10, level="thon") | unmet("Khuổi Đắng", 7, level="thon")
        | unmet("Bản Chang", 7, level="thon") | unmet("Pác Cộp", 10, level="thon"),
        id="criterion-then-N-thon-(A,B,C)",
    ),
    pytest.param(  # not in the seeds: the status after the criterion, the villages after a colon with keywords
        """
        2. Các tiêu chí thôn còn tồn tại
        - Tiêu chí Thu nhập (TC10) chưa đạt: thôn Nà Pài, thôn Pác Cộp.
        """,
        unmet("Nà Pài", 10, level="thon") | unmet("Pác Cộp", 10, level="thon"),
        id="new:tieu-chi-name-(TCn)-chua-dat:-thon-A,-thon-B",
    ),
    pytest.param(  # not in the seeds: a village's own sentence
        """
        2. Kết quả tại xã Bằng Phúc
        Thôn Khuổi Đắng đã đạt 17/19 tiêu chí thôn nông thôn mới, còn Tiêu chí số 9 (Nhà ở) và Tiêu chí số 17 (Môi trường) chưa đạt.
        """,
        unmet("Khuổi Đắng", 9, 17, level="thon"),
        id="new:thon-A-dat-17/19,-con-tieu-chi-so-9-va-17-chua-dat",
    ),
]


@pytest.mark.parametrize("body, expected", VILLAGES)
def test_village_criteria(body, expected):
    facts = report(body, district="Chợ Đồn", year=2024, month=7, doc_type="THÔNG BÁO", subject=VILLAGE_SUBJECT)
    assert statuses(facts) == expected
    rows = facts.tables["criteria_status"]
    assert all(r.unit_level == "village" and r.criteria_set == "thon_bac_kan_2022" for r in rows)


def test_village_count_in_running_text():  # not in the seeds
    facts = report("""
        2. Kết quả tại xã Bằng Phúc
        Thôn Khuổi Đắng đã đạt 17/19 tiêu chí thôn nông thôn mới; thôn Nà Pài đạt 15/19 tiêu chí.
        """, district="Chợ Đồn", year=2024, month=7, doc_type="THÔNG BÁO", subject=VILLAGE_SUBJECT)
    assert counts(facts) == {count("Khuổi Đắng", "met", 17, level="thon"), count("Nà Pài", "met", 15, level="thon")}


# --------------------------------------------------------------------------------------------------------------
# Sentences that state no status and no count: goals, instructions, other things counted.
# --------------------------------------------------------------------------------------------------------------

NOTHING = [
    pytest.param("Xã Lam Vỹ phấn đấu đến năm 2025 đạt 19/19 tiêu chí nông thôn mới.",
                 id="goal:phan-dau-den-nam-2025-dat-19/19"),
    pytest.param("Trong tổng số 12 thôn của xã Bảo Linh, chưa có thôn nào đạt 19/19 tiêu chí.",
                 id="chua-co-thon-nao-dat-19/19"),
    pytest.param("Xã Định Biên đăng ký xây dựng 09 bản NTM nâng cao, đến nay có 01/9 bản đạt bản NTM nâng cao.",
                 id="01/9-ban-dat-ban-NTM-nang-cao"),
    pytest.param("Đề nghị Phòng Kinh tế và Hạ tầng hướng dẫn xã Phú Tiến hoàn thiện tiêu chí số 2 về Giao thông.",
                 id="instruction:huong-dan-xa-hoan-thien-tieu-chi-so-2"),
    pytest.param("Các xã đã đạt chuẩn như xã Phú Đình tiếp tục duy trì, nâng cao chất lượng các tiêu chí.",
                 id="nang-cao-chat-luong-cac-tieu-chi"),
    pytest.param("Năm 2024, huyện giao chỉ tiêu cho xã Bình Thành đạt thêm 03 tiêu chí.",  # not in the seeds
                 id="new:goal:giao-chi-tieu-dat-them-03-tieu-chi"),
    pytest.param("Yêu cầu xã Sơn Phú tập trung hoàn thành tiêu chí số 17 về Môi trường và an toàn thực phẩm "
                 "trong năm 2024.",  # not in the seeds
                 id="new:instruction:tap-trung-hoan-thanh-tieu-chi-so-17"),
    pytest.param("Xã Điềm Mặc cần đạt ít nhất 17 tiêu chí để được xét hỗ trợ xi măng làm đường.",  # not in the seeds
                 id="new:condition:can-dat-it-nhat-17-tieu-chi"),
    pytest.param("Năm 2024, xã Quy Kỳ đăng ký đạt chuẩn nông thôn mới, hiện đang hoàn thiện hồ sơ các tiêu chí "
                 "theo Bộ tiêu chí gồm 19 tiêu chí.",  # not in the seeds
                 id="new:bo-tieu-chi-gom-19-tieu-chi"),
]


@pytest.mark.parametrize("body", NOTHING)
def test_no_status_and_no_count(body):
    facts = report(body)
    assert statuses(facts) == NONE
    assert counts(facts) == NONE
