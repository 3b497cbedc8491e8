"""Every finding must be true: for each kind, a consistent text produces none and an inconsistent one produces it."""
import pytest

from ntm.extract.document import extract_document
from ntm.parsers import parse_bytes

HEAD = "THÔNG BÁO\nKết quả kiểm tra xây dựng nông thôn mới trên địa bàn huyện Bắc Sơn năm 2023\n"


def flags_of(body: str) -> list:
    document = parse_bytes((HEAD + body).encode("utf-8"), "case.txt")
    return extract_document(document).tables["flags"]


def kinds(body: str) -> set[str]:
    return {f.kind for f in flags_of(body)}


CASES = [
    # (kind, consistent text, inconsistent text)
    ("name_variant",
     "UBND các xã: Long Đống, Vũ Sơn thực hiện tốt. Xã Long Đống đạt 14/19 tiêu chí.",
     "UBND các xã: Long Đống, Vũ Sơn thực hiện tốt. Xã Long Đông đạt 14/19 tiêu chí."),
    ("count_conflict",
     "Xã Vũ Sơn tự đánh giá đạt 16/19 tiêu chí. Đến nay xã Vũ Sơn có 16/19 tiêu chí đạt chuẩn.",
     "Xã Vũ Sơn tự đánh giá đạt 19/19 tiêu chí. Đến nay xã Vũ Sơn có 16/19 tiêu chí đạt chuẩn."),
    ("count_mismatch",
     "3.1. Xã phấn đấu đạt chuẩn (xã Tân Lập)\n- Đã đạt 3/19 tiêu chí: Tiêu chí số 1 - Quy hoạch; Tiêu chí số 4 - Điện; "
     "Tiêu chí số 8 - Thông tin và Truyền thông.",
     "3.1. Xã phấn đấu đạt chuẩn (xã Tân Lập)\n- Đã đạt 4/19 tiêu chí: Tiêu chí số 1 - Quy hoạch; Tiêu chí số 4 - Điện; "
     "Tiêu chí số 8 - Thông tin và Truyền thông."),
    ("count_mismatch",
     "- Số xã đạt 19 tiêu chí: 03 xã (Tân Hương, Bắc Quỳnh, Chiến Thắng).",
     "- Số xã đạt 19 tiêu chí: 04 xã (Tân Hương, Bắc Quỳnh, Chiến Thắng)."),
    # a criterion 'cơ bản đạt' beside the count may be counted with the met ones (17 + 2 = 19) or apart (16 + 2 + 1);
    # an item that opens with 'xã chưa có ...' is still an item of the list of unmet criteria
    ("count_mismatch",
     "Xã Vũ Sơn đạt 17/19 tiêu chí; 02 tiêu chí chưa đạt:\n- Tiêu chí số 13 (Tổ chức sản xuất): xã chưa có sản phẩm "
     "OCOP đạt 4 sao.\n- Tiêu chí số 17 (Môi trường): tỷ lệ rác thải được phân loại mới đạt 42%.\n"
     "Tiêu chí số 16 (Văn hóa) cơ bản đạt.",
     "Xã Vũ Sơn đạt 15/19 tiêu chí; 02 tiêu chí chưa đạt:\n- Tiêu chí số 13 (Tổ chức sản xuất): xã chưa có sản phẩm "
     "OCOP đạt 4 sao.\n- Tiêu chí số 17 (Môi trường): tỷ lệ rác thải được phân loại mới đạt 42%.\n"
     "Tiêu chí số 16 (Văn hóa) cơ bản đạt."),
    # each item with its keyword and its commune in brackets
    ("count_mismatch",
     "Đến nay có 03 thôn đã được công nhận đạt chuẩn thôn nông thôn mới, gồm: thôn Nà Lầu (xã Vũ Sơn), thôn Khuổi Bó "
     "(xã Tân Lập), thôn Pắc Cuổng (xã Vũ Sơn).",
     "Đến nay có 04 thôn đã được công nhận đạt chuẩn thôn nông thôn mới, gồm: thôn Nà Lầu (xã Vũ Sơn), thôn Khuổi Bó "
     "(xã Tân Lập), thôn Pắc Cuổng (xã Vũ Sơn)."),
    ("count_mismatch",
     "Xã Vũ Lễ đạt 15/19 tiêu chí và 04/19 tiêu chí chưa đạt.",
     "Xã Vũ Lễ đạt 15/19 tiêu chí và 05/19 tiêu chí chưa đạt."),
    ("average_mismatch",
     "Bình quân đạt 16 tiêu chí/xã (xã Tân Lập đạt 15/19 tiêu chí; xã Hưng Vũ đạt 16/19 tiêu chí; xã Vũ Lăng đạt 17/19 tiêu chí).",
     "Bình quân đạt 17,5 tiêu chí/xã (xã Tân Lập đạt 15/19 tiêu chí; xã Hưng Vũ đạt 16/19 tiêu chí; xã Vũ Lăng đạt 17/19 tiêu chí)."),
    # the average announces its list: one item a commune, their counts of the advanced set
    ("average_mismatch",
     "Theo Bộ tiêu chí xã nông thôn mới nâng cao, 03 xã đạt bình quân 16 tiêu chí/xã, cụ thể:\n- Xã Tân Lập: đạt 15/19 tiêu chí;\n"
     "- Xã Hưng Vũ: số tiêu chí đạt 16;\n- Xã Vũ Lăng: đạt 17/19 tiêu chí.",
     "Theo Bộ tiêu chí xã nông thôn mới nâng cao, 03 xã đạt bình quân 17 tiêu chí/xã, cụ thể:\n- Xã Tân Lập: đạt 15/19 tiêu chí;\n"
     "- Xã Hưng Vũ: số tiêu chí đạt 16;\n- Xã Vũ Lăng: đạt 16/19 tiêu chí."),
    # the average under the results table that holds the counts
    ("average_mismatch",
     "STT | Tên xã | Số tiêu chí đạt | Tiêu chí chưa đạt\n1 | Tân Lập | 19/19 | -\n2 | Hưng Vũ | 17/19 | Số 10, số 18\n"
     "3 | Vũ Lăng | 16/19 | Số 2, số 13, số 17\n\nBình quân 03 xã đạt 17,3 tiêu chí/xã.",
     "STT | Tên xã | Số tiêu chí đạt | Tiêu chí chưa đạt\n1 | Tân Lập | 19/19 | -\n2 | Hưng Vũ | 17/19 | Số 10, số 18\n"
     "3 | Vũ Lăng | 16/19 | Số 2, số 13, số 17\n\nBình quân 03 xã đạt 17,8 tiêu chí/xã."),
    ("invalid_date",
     "Thực hiện Kế hoạch số 318/KH-UBND ngày 20/12/2023 của UBND huyện.",
     "Thực hiện Kế hoạch số 318/KH-UBND ngày 20/20/2023 của UBND huyện."),
    ("unit_mismatch",
     "Đề nghị hỗ trợ huyện Bắc Sơn và xã Vũ Sơn hoàn thành kế hoạch. Xã Vũ Sơn thuộc huyện Bắc Sơn.",
     "Đề nghị hỗ trợ huyện Văn Quan và xã Vũ Sơn hoàn thành kế hoạch. UBND huyện Bắc Sơn chỉ đạo xã Vũ Sơn."),
    ("not_in_register",
     "Xã Tân Tri và xã Vũ Sơn đã hoàn thành kế hoạch.",
     "Xã Tân Tri và xã Bồ Kết Xanh đã hoàn thành kế hoạch."),
    ("criterion_mismatch",
     "3.1. Xã phấn đấu đạt chuẩn (xã Tân Lập)\n- Các tiêu chí chưa đạt gồm: Tiêu chí số 2 - Giao thông; Tiêu chí số 15 - Y tế.",
     "3.1. Xã phấn đấu đạt chuẩn (xã Tân Lập)\n- Các tiêu chí chưa đạt gồm: Tiêu chí số 2 - Y tế; Tiêu chí số 15 - Giao thông."),
]


@pytest.mark.parametrize("kind, consistent, inconsistent", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_finding_is_raised_only_when_true(kind, consistent, inconsistent):
    assert kind not in kinds(consistent), flags_of(consistent)
    assert kind in kinds(inconsistent), flags_of(inconsistent)


@pytest.mark.parametrize("body", [
    "Xã Vũ Sơn đạt 17/19 tiêu chí. Làng Nà Phai (xã Vũ Sơn) đạt 11/13 tiêu chí.",
    "Xã Vũ Sơn đạt 17/19 tiêu chí; theo bộ tiêu chí của tỉnh, xã Vũ Sơn đạt 11/13 tiêu chí.",
])
def test_counts_over_different_totals_are_no_conflict(body):
    assert "count_conflict" not in kinds(body), flags_of(body)


@pytest.mark.parametrize("body", [
    # four communes in the district average 16, three of them are listed: the list is not the whole population
    "Toàn huyện có 04 xã, bình quân đạt 17 tiêu chí/xã, cụ thể:\n- Xã Tân Lập: đạt 15/19 tiêu chí;\n"
    "- Xã Hưng Vũ: đạt 16/19 tiêu chí;\n- Xã Vũ Lăng: đạt 17/19 tiêu chí.",
    # the list is not announced by the average's paragraph
    "03 xã đạt bình quân 17 tiêu chí/xã.\n- Xã Tân Lập: đạt 15/19 tiêu chí;\n- Xã Hưng Vũ: đạt 16/19 tiêu chí;\n"
    "- Xã Vũ Lăng: đạt 16/19 tiêu chí.",
    # counts of two sets in the list: which one the average is over is not said
    "03 xã đạt bình quân 17 tiêu chí/xã, cụ thể:\n- Xã Tân Lập: đạt 15/19 tiêu chí nâng cao;\n"
    "- Xã Hưng Vũ: đạt 16/19 tiêu chí kiểu mẫu;\n- Xã Vũ Lăng: đạt 16/19 tiêu chí nâng cao.",
])
def test_average_over_another_population_abstains(body):
    assert "average_mismatch" not in kinds(body), flags_of(body)


@pytest.mark.parametrize("body", [
    # 'Chất lượng môi trường sống' is a criterion of the advanced set, not of the plain set this text is read under:
    # three items are written for three criteria, so nothing is missing from the list
    "- Xã Hưng Vũ: số tiêu chí đạt 16, còn 03 tiêu chí chưa đạt gồm Thu nhập, Môi trường, Chất lượng môi\ntrường sống.",
    "- xã hưng vũ còn 02 tiêu chí chưa đạt (Thu nhập và Chất lượng môi trường sống).",
])
def test_a_list_as_long_as_its_count_is_no_mismatch(body):
    assert "count_mismatch" not in kinds(body), flags_of(body)


def test_ambiguous_unit_abstains():
    """Two register entries fit equally: the matcher abstains instead of guessing."""
    from ntm.normalize.register import Unit
    from ntm.normalize.units import match_name
    pool = [Unit("commune", "Tân Lập", "Xã", "1", "A", "P", "9"), Unit("commune", "Tân Lộc", "Xã", "2", "A", "P", "9")]
    assert match_name("Tân Lâp", pool).unit.name == "Tân Lập"  # one mark off one of them
    match = match_name("Tân Lộp", pool)  # one letter off both
    assert match.unit is None and match.method == "ambiguous"


def test_flag_carries_evidence():
    flag = next(f for f in flags_of(CASES[0][2]) if f.kind == "name_variant")
    assert flag.values == ["Long Đống", "Long Đông"]
    assert "Long Đông" in flag.evidence and flag.end > flag.start and flag.detail


VILLAGE_REPORT = """THÔNG BÁO
Kết quả rà soát thôn nông thôn mới trên địa bàn huyện Chợ Đồn, tỉnh Bắc Kạn
1. Kết quả rà soát số lượng tiêu chí đã đạt theo bộ tiêu chí thôn nông thôn mới:
- Số thôn đạt 17 tiêu chí: 01 thôn (Nà Hoi xã Bằng Phúc).
- Số thôn đạt 18 tiêu chí: 01 thôn (Khuổi Tát xã Bằng Phúc).
2. Kết quả rà soát tiêu chí chưa đạt theo bộ tiêu chí thôn nông thôn mới:
- Tiêu chí số 10 (Thu nhập): 02 thôn (Nà Hoi, Khuổi Tát).
- Tiêu chí số 17 (Môi trường): {villages}.
"""


@pytest.mark.parametrize("villages, expected", [
    ("01 thôn (Nà Hoi)", False),              # Nà Hoi 17 + 2 unmet = 19, Khuổi Tát 18 + 1 = 19
    ("02 thôn (Nà Hoi, Khuổi Tát)", True),    # Khuổi Tát 18 + 2 unmet = 20
])
def test_village_counts_against_criterion_lists(villages, expected):
    document = parse_bytes(VILLAGE_REPORT.format(villages=villages).encode("utf-8"), "village.txt")
    found = {f.kind for f in extract_document(document).tables["flags"]}
    assert ("count_mismatch" in found) is expected


# A province's own village set of 15 criteria (our wording, Sơn La's villages): counts are judged against 15, not 19.
VILLAGE_SET_OF_15 = """BÁO CÁO
Kết quả thực hiện Bộ tiêu chí bản nông thôn mới trên địa bàn huyện Mai Sơn, tỉnh Sơn La
Bộ tiêu chí bản nông thôn mới của tỉnh gồm 15 tiêu chí.
1. Số tiêu chí đạt:
- Số bản đạt 13 tiêu chí: 01 bản (Bản Mòn xã Chiềng Mung).
- Số bản đạt 14 tiêu chí: 01 bản (Bản Nà Sản xã Chiềng Mung).
2. Tiêu chí chưa đạt:
- Tiêu chí số 8 (Thu nhập): 02 bản (Bản Mòn, Bản Nà Sản).
- Tiêu chí số 12 (Môi trường): {villages}.
"""


@pytest.mark.parametrize("villages, expected", [
    ("01 bản (Bản Mòn)", False),                # 13 + 2 = 15 and 14 + 1 = 15
    ("02 bản (Bản Mòn, Bản Nà Sản)", True),      # 14 + 2 = 16
])
def test_village_counts_are_judged_against_the_size_of_their_set(villages, expected):
    document = parse_bytes(VILLAGE_SET_OF_15.format(villages=villages).encode("utf-8"), "village15.txt")
    found = [f for f in extract_document(document).tables["flags"] if f.kind == "count_mismatch"]
    assert bool(found) is expected, found


def test_a_village_count_of_a_set_nobody_sizes_is_not_judged():
    text = VILLAGE_SET_OF_15.replace("Bộ tiêu chí bản nông thôn mới của tỉnh gồm 15 tiêu chí.\n", "")
    document = parse_bytes(text.format(villages="01 bản (Bản Mòn)").encode("utf-8"), "village_unsized.txt")
    assert not [f for f in extract_document(document).tables["flags"] if f.kind == "count_mismatch"]


@pytest.mark.parametrize("total, expected", [("07/07", False), ("08/08", True)])
def test_total_against_buckets(total, expected):
    body = (f"- Tổng số xã xây dựng nông thôn mới: {total} xã.\n"
            "- Số xã đạt 19 tiêu chí: 03 xã (Tân Hương, Bắc Quỳnh, Chiến Thắng).\n"
            "- Số xã đạt 15-18 tiêu chí: 04 xã (Tân Lập, Hưng Vũ, Vũ Lễ, Vũ Lăng).")
    assert ("count_mismatch" in kinds(body)) is expected


@pytest.mark.parametrize("written, ambiguous", [("Minh Quân", False), ("Minh Quan", True)])
def test_ambiguous_commune_in_a_document(written, ambiguous):
    """Trấn Yên has both Minh Quán and Minh Quân: 'Minh Quan' fits each with one mark; the unit stays unresolved."""
    text = f"BÁO CÁO\nKết quả xây dựng nông thôn mới huyện Trấn Yên, tỉnh Yên Bái\nXã {written} đạt 15/19 tiêu chí."
    facts = extract_document(parse_bytes(text.encode("utf-8"), "a.txt"))
    found = {f.kind for f in facts.tables["flags"]}
    commune = next(u for u in facts.tables["units"] if u.level == "commune")
    assert ("ambiguous_unit" in found) is ambiguous
    assert (commune.code is None) is ambiguous


@pytest.mark.parametrize("body, expected", [
    ("Đoàn đã làm việc với xã Vũ Sơn (huyện Văn Quan) về tiến độ. Xã Vũ Sơn thuộc huyện Bắc Sơn.",
     [["Văn Quan", "Bắc Sơn", "Vũ Sơn"]]),
    # each commune given its own district in one sentence: nothing to see when each is right
    ("Công nhận 02 xã là xã Vũ Sơn (huyện Bắc Sơn) và xã Hữu Lễ (huyện Văn Quan).", []),
    ("Công nhận 02 xã là xã Vũ Sơn (huyện Bắc Sơn) và xã Hữu Lễ, huyện Văn Quan.", []),
    ("Công nhận 02 xã là xã Vũ Sơn (huyen Bắc Sơn) và xã Hữu Lễ (huyên Văn Quan).", []),  # marks lost in a scan
    # ... and each pairing that is wrong when it is
    ("Công nhận 02 xã là xã Vũ Sơn (huyện Văn Quan) và xã Hữu Lễ (huyện Bắc Sơn).",
     [["Văn Quan", "Bắc Sơn", "Vũ Sơn"], ["Bắc Sơn", "Văn Quan", "Hữu Lễ"]]),
])
def test_communes_each_with_its_district(body, expected):
    found = [f.values for f in flags_of(body) if f.kind == "unit_mismatch"]
    assert sorted(found) == sorted(expected)


def _matrix_report(vu_son_row_5: str, stated: int) -> str:
    names = ["Quy hoạch", "Giao thông", "Thủy lợi", "Điện", "Trường học", "Cơ sở vật chất văn hóa",
             "Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông", "Nhà ở dân cư", "Thu nhập",
             "Hộ nghèo", "Lao động có việc làm", "Tổ chức sản xuất", "Giáo dục và Đào tạo", "Y tế", "Văn hóa",
             "Môi trường và an toàn thực phẩm", "Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và An ninh"]
    rows = ["TT | Tiêu chí | Vũ Sơn | Tân Lập"]
    for n, name in enumerate(names, 1):
        vu_son = "Chưa đạt" if n in (2, 10, 13, 17) else (vu_son_row_5 if n == 5 else "Đạt")
        rows.append(f"{n} | {name} | {vu_son} | Đạt")
    return (f"Theo Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2016 - 2020, xã Vũ Sơn đạt {stated}/19 tiêu chí, "
            "xã Tân Lập đạt 19/19 tiêu chí.\n\n" + "\n".join(rows) + "\n")


@pytest.mark.parametrize("row_5, stated, expected", [
    ("Đạt", 15, []),                                  # the column's 15 'Đạt' and the text agree
    ("Chưa đạt", 15, [["Vũ Sơn", "15", "14"]]),       # the column marks criterion 5 not met as well
])
def test_a_count_against_the_criteria_by_commune_table(row_5, stated, expected):
    found = [f.values for f in flags_of(_matrix_report(row_5, stated)) if f.kind == "count_mismatch"]
    assert found == expected
