"""Phrasings met in documents from other provinces and offices (tests/corpus2, tests/corpus3), one case a phrasing.
Units are real communes of huyện Bắc Sơn, Lạng Sơn, so names resolve against the register."""
import pytest

from ntm.extract.document import extract_document
from ntm.parsers import parse_bytes

HEAD = ("UBND HUYỆN BẮC SƠN\nSố: 15/BC-UBND\nBắc Sơn, ngày 10 tháng 11 năm 2023\nBÁO CÁO\n"
        "Kết quả xây dựng nông thôn mới trên địa bàn huyện Bắc Sơn\n")


def facts(body: str):
    return extract_document(parse_bytes((HEAD + body).encode("utf-8"), "case.txt")).tables


def counts(body: str) -> set:
    return {(r.unit, r.level, r.kind, r.count_min, r.count_max) for r in facts(body)["criteria_counts"]}


def statuses(body: str) -> set:
    return {(r.unit, r.criterion, r.status) for r in facts(body)["criteria_status"]}


@pytest.mark.parametrize("body, expected", [
    ("Hai xã Tân Lập, Hưng Vũ đạt lần lượt 13 và 12 tiêu chí.",
     {("Tân Lập", "ntm", "met", 13, 13), ("Hưng Vũ", "ntm", "met", 12, 12)}),
    # a commune typed in lower case, its count right after
    ("- xã tân lập: 12 tiêu chí.", {("Tân Lập", "ntm", "met", 12, 12)}),
    # the count glued to its verb
    ("Xã Tân Lập đạt14/19 tiêu chí.", {("Tân Lập", "ntm", "met", 14, 14)}),
    ("- Xã Hưng Vũ: đạt16/19;", {("Hưng Vũ", "ntm", "met", 16, 16)}),
    ("- xã tân lập: 16/19 tiêu chí;\n- xã hưng vũ: 17/19 tiêu chí.",
     {("Tân Lập", "ntm", "met", 16, 16), ("Hưng Vũ", "ntm", "met", 17, 17)}),
    ("Các xã Tân Lập, Hưng Vũ thuộc nhóm đạt từ 10 đến 14 tiêu chí.",
     {("Tân Lập", "ntm", "met", 10, 14), ("Hưng Vũ", "ntm", "met", 10, 14)}),
    ("- Từ 15 đến dưới 19 tiêu chí: 02 xã (Vũ Lễ, Vũ Lăng).",
     {("Vũ Lễ", "ntm", "met", 15, 18), ("Vũ Lăng", "ntm", "met", 15, 18)}),
    ("- 02 xã giữ vững chuẩn, đạt đủ 19/19 tiêu chí: Tân Hương, Chiến Thắng;",
     {("Tân Hương", "ntm", "met", 19, 19), ("Chiến Thắng", "ntm", "met", 19, 19)}),
    ("- Nhóm đạt 15 - 18 tiêu chí nâng cao: 02 xã (Vũ Sơn, Đồng Ý).",
     {("Vũ Sơn", "nang_cao", "met", 15, 18), ("Đồng ý", "nang_cao", "met", 15, 18)}),
    ("Xã Vũ Sơn đã có 16 trên 19 tiêu chí nâng cao đạt yêu cầu.", {("Vũ Sơn", "nang_cao", "met", 16, 16)}),
    ("Mỗi xã đạt 19/19 tiêu chí (Tân Hương, Bắc Quỳnh).",
     {("Tân Hương", "ntm", "met", 19, 19), ("Bắc Quỳnh", "ntm", "met", 19, 19)}),
    ("Trong tổng số 12 thôn của xã Vũ Sơn, chưa có thôn nào đạt 19/19 tiêu chí.", set()),
    ("b) Xã Vũ Sơn: đạt 18 tiêu chí, còn 1 tiêu chí là Môi trường và an toàn thực phẩm (tiêu chí số 17) chưa đảm bảo.",
     {("Vũ Sơn", "ntm", "met", 18, 18), ("Vũ Sơn", "ntm", "unmet", 1, 1)}),
    ("i) Đã về đích, giữ trọn 19 tiêu chí — 02 xã: Tân Hương, Chiến Thắng.",
     {("Tân Hương", "ntm", "met", 19, 19), ("Chiến Thắng", "ntm", "met", 19, 19)}),
    ("iii) Còn dưới 15 tiêu chí (từ 12 đến 14) — 02 xã: Vũ Lễ, Vũ Lăng.",
     {("Vũ Lễ", "ntm", "met", 12, 14), ("Vũ Lăng", "ntm", "met", 12, 14)}),
    ("- Nhóm II – từ 15 đến 18 tiêu chí: Tân Lập 17 tiêu chí, Hưng Vũ 15 tiêu chí.",
     {("Tân Lập", "ntm", "met", 15, 18), ("Tân Lập", "ntm", "met", 17, 17),
      ("Hưng Vũ", "ntm", "met", 15, 18), ("Hưng Vũ", "ntm", "met", 15, 15)}),
    ("4. Xã Vũ Sơn: đạt 14/19 tiêu chí. Số tiêu chí còn khuyết là 05, gồm các tiêu chí 2, 6, 10, 13 và 17.",
     {("Vũ Sơn", "ntm", "met", 14, 14), ("Vũ Sơn", "ntm", "unmet", 5, 5)}),
    # the count after 'số tiêu chí' and its status, with no 'là' or ':' between: the number ends its clause
    ("- Xã Vũ Sơn: số tiêu chí đạt 16, còn 03 tiêu chí chưa đạt gồm Thu nhập, Môi trường.",
     {("Vũ Sơn", "ntm", "met", 16, 16), ("Vũ Sơn", "ntm", "unmet", 3, 3)}),
    ("xã vũ sơn: số tiêu chí đã đạt chuẩn 17; số tiêu chí chưa đạt 2.",
     {("Vũ Sơn", "ntm", "met", 17, 17), ("Vũ Sơn", "ntm", "unmet", 2, 2)}),
    ("- Xã Vũ Sơn: số tiêu chí đạt 16\n- Xã Tân Lập: số tiêu chí đạt 15", {("Vũ Sơn", "ntm", "met", 16, 16),
                                                                        ("Tân Lập", "ntm", "met", 15, 15)}),
    ("Xã Vũ Sơn phấn đấu tăng số tiêu chí đạt thêm 2.", set()),
    ("Xã Vũ Sơn: số tiêu chí tăng lên 2.", set()),
    ("Xã Vũ Sơn: số tiêu chí đạt bình quân 16,5.", set()),
    # a list item opening with its village, the commune in brackets: the count is the village's
    ("Kết quả kiểm tra các thôn, làng như sau:\n+ Làng Nà Phai (xã Vũ Sơn): đạt 13/13 tiêu chí;\n+ Buôn Khuổi Mạ (xã Vũ Sơn): đạt 11/13 tiêu chí.",
     {("Nà Phai", "thon", "met", 13, 13), ("Khuổi Mạ", "thon", "met", 11, 11)}),
    ("+ làng Nà Phai (xã Vũ Sơn): đạt 13/13 tiêu chí;", {("Nà Phai", "thon", "met", 13, 13)}),
    # 'TC' for 'tiêu chí'
    ("- Xã Vũ Sơn: đạt 15/19 TC; chưa đạt 04 TC gồm tiêu chí số 2 (Giao thông) và số 10 (Thu nhập).",
     {("Vũ Sơn", "ntm", "met", 15, 15), ("Vũ Sơn", "ntm", "unmet", 4, 4)}),
    ("xã vũ sơn còn 02 TC chưa đạt.", {("Vũ Sơn", "ntm", "unmet", 2, 2)}),
    # 'tc' in a text typed in lower case, after a number
    ("- nhóm xã đạt từ 10 - 14 tc: 02 xã (vũ lễ, vũ lăng);", {("Vũ Lễ", "ntm", "met", 10, 14), ("Vũ Lăng", "ntm", "met", 10, 14)}),
    ("- nhóm xã đạt 19/19 tc (đã đạt chuẩn): 02 xã (tân hương,\nchiến thắng);",
     {("Tân Hương", "ntm", "met", 19, 19), ("Chiến Thắng", "ntm", "met", 19, 19)}),
    ("- xã vũ sơn đạt17/19 tc, còn 02 tc chưa đạt là tc số 10 (thu nhập) và tc số 11 (nghèo đa chiều).",
     {("Vũ Sơn", "ntm", "met", 17, 17), ("Vũ Sơn", "ntm", "unmet", 2, 2)}),
    ("- xã vũ sơn: 16/19 tiêu chí;", {("Vũ Sơn", "ntm", "met", 16, 16)}),
    ("xã vũ sơn rà soát 19 tiêu chí.", set()),  # a count with no status, the name not right before it
    ("phòng tc-kh huyện phối hợp với xã vũ sơn rà soát các tiêu chí.", set()),
    ("Xã Vũ Sơn đạt 12 TCKT.", set()),  # another abbreviation
    # the set named right after the count's noun is the count's own, whatever the clause before names
    ("Đối với xã Vũ Sơn (đã đạt chuẩn nông thôn mới nâng cao năm 2022): xã đã đáp ứng 3/4 tiêu chí xã nông thôn mới "
     "kiểu mẫu; tiêu chí chưa đạt là tiêu chí số 3.", {("Vũ Sơn", "kieu_mau", "met", 3, 3)}),
    ("• Xã Vũ Sơn (đăng ký xã kiểu mẫu năm 2024) đã có đủ 19/19 tiêu chí nâng cao.",
     {("Vũ Sơn", "nang_cao", "met", 19, 19)}),
    ("xã vũ sơn (đăng ký xã kiểu mẫu) đã duy trì đủ 19/19 tiêu chí nông thôn mới nâng cao.",
     {("Vũ Sơn", "nang_cao", "met", 19, 19)}),
    ("Xã Vũ Sơn chưa đáp ứng 02 tiêu chí.", {("Vũ Sơn", "ntm", "unmet", 2, 2)}),
    ("Đối chiếu Bộ tiêu chí xã NTM kiểu mẫu của tỉnh, đến nay xã Vũ Sơn đáp ứng 2 trong số 4 tiêu chí; còn tiêu chí số 2 "
     "chưa đạt.", {("Vũ Sơn", "kieu_mau", "met", 2, 2)}),
    ("xã vũ sơn đạt 17 trong số 19\ntiêu chí.", {("Vũ Sơn", "ntm", "met", 17, 17)}),
    ("- Nhóm xã đạt 19/19 TC (đã đạt chuẩn): 02 xã (Tân Hương, Chiến Thắng);\n"
     "- Nhóm xã đạt từ 10 - 14 TC: 02 xã (Vũ Lễ, Vũ Lăng);",
     {("Tân Hương", "ntm", "met", 19, 19), ("Chiến Thắng", "ntm", "met", 19, 19),
      ("Vũ Lễ", "ntm", "met", 10, 14), ("Vũ Lăng", "ntm", "met", 10, 14)}),
    # a list of communes sharing a count, with 'mới' (only) before it
    ("Các xã còn lại đạt từ 10 đến 14 tiêu chí; trong đó các xã Tân Lập, Hưng Vũ, Vũ Lễ mới đạt 10 tiêu chí.",
     {("Tân Lập", "ntm", "met", 10, 10), ("Hưng Vũ", "ntm", "met", 10, 10), ("Vũ Lễ", "ntm", "met", 10, 10)}),
    # two kinds counted together: neither alone
    ("Tổng hợp: xã Vũ Sơn đạt 13/19 tiêu chí; 03 tiêu chí cơ bản đạt và 03 tiêu chí chưa đạt.\n1. Tập trung hoàn "
     "thành 06 tiêu chí còn chưa đạt và cơ bản đạt.", {("Vũ Sơn", "ntm", "met", 13, 13),
                                                      ("Vũ Sơn", "ntm", "near_met", 3, 3), ("Vũ Sơn", "ntm", "unmet", 3, 3)}),
    # the count in brackets after its noun and status
    ("1. Xã Vũ Sơn\n- TC chưa đạt (03): TC số 5 - Trường học; TC số 13 - Tổ chức sản xuất; TC số 17 - Môi trường.",
     {("Vũ Sơn", "ntm", "unmet", 3, 3)}),
    ("1. xã vũ sơn\n- tiêu chí chưa đạt (02): số 5 - trường học; số 17 - môi trường.", {("Vũ Sơn", "ntm", "unmet", 2, 2)}),
])
def test_counts(body, expected):
    assert counts(body) == expected


@pytest.mark.parametrize("body, expected", [
    ("Xã Tân Lập đạt 18/19 (thiếu TC17).", {("Tân Lập", 17, "unmet")}),
    ("Xã Hưng Vũ hoàn thành 16/19 tiêu chí; còn Giáo dục và Đào tạo (TC14), Y tế (TC15) và Môi trường (TC17) chưa đạt.",
     {("Hưng Vũ", 14, "unmet"), ("Hưng Vũ", 15, "unmet"), ("Hưng Vũ", 17, "unmet")}),
    ("Xã Vũ Lễ có 3/19 tiêu chí chưa đạt, gồm Giao thông (số 2), Trường học (số 5) và Thu nhập (số 10).",
     {("Vũ Lễ", 2, "unmet"), ("Vũ Lễ", 5, "unmet"), ("Vũ Lễ", 10, "unmet")}),
    ("Xã Vũ Lăng đạt 17 tiêu chí, chưa đạt 02 tiêu chí là số 13 và số 17.", {("Vũ Lăng", 13, "unmet"), ("Vũ Lăng", 17, "unmet")}),
    ("Xã Tân Tri đã hoàn thành 17/19 tiêu chí, tiêu chí số 13 và 17 đang phấn đấu hoàn thành.",
     {("Tân Tri", 13, "unmet"), ("Tân Tri", 17, "unmet")}),
    ("Xã Tân Thành đạt 18/19 tiêu chí, duy nhất tiêu chí Thu nhập chưa đạt.", {("Tân Thành", 10, "unmet")}),
    ("Xã Trấn Yên đã cơ bản đạt tiêu chí Môi trường.", {("Trấn Yên", 17, "near_met")}),
    ("Xã Nhất Tiến còn 8 tiêu chí chưa đạt gồm 2, 5, 6, 10.",
     {("Nhất Tiến", 2, "unmet"), ("Nhất Tiến", 5, "unmet"), ("Nhất Tiến", 6, "unmet"), ("Nhất Tiến", 10, "unmet")}),
    ("Xã Long Đống: tiêu chí số 14 cơ bản đạt, tiêu chí số 18 chưa đạt.",
     {("Long Đống", 14, "near_met"), ("Long Đống", 18, "unmet")}),
    ("3. Xã Vũ Sơn: 15 tiêu chí đạt; các tiêu chí số 2, số 9 và số 10 vẫn còn xa so với yêu cầu.",
     {("Vũ Sơn", 2, "unmet"), ("Vũ Sơn", 9, "unmet"), ("Vũ Sơn", 10, "unmet")}),
    ("5. Xã Vũ Sơn: chưa công nhận tiêu chí số 14 do tỷ lệ lao động qua đào tạo mới đạt 58%; tiêu chí số 15 (Y tế) "
     "vừa được nâng lên đạt chuẩn trong năm.", {("Vũ Sơn", 14, "unmet"), ("Vũ Sơn", 15, "met")}),
    ("a) Xã Vũ Sơn: tiêu chí Nhà ở dân cư đã hoàn thành; tiêu chí Thu nhập còn vướng do giá nông sản giảm.",
     {("Vũ Sơn", 9, "met"), ("Vũ Sơn", 10, "unmet")}),
    ("c) Xã Vũ Sơn: tiêu chí Quy hoạch chưa đủ điều kiện công nhận; tiêu chí Quốc phòng và An ninh đã hoàn thành.",
     {("Vũ Sơn", 1, "unmet"), ("Vũ Sơn", 19, "met")}),
    ("- Xã Vũ Sơn: 14 tiêu chí; tiêu chí Trường học và tiêu chí Văn hóa đã cơ bản hoàn thành, đang chờ thẩm định.",
     {("Vũ Sơn", 5, "near_met"), ("Vũ Sơn", 16, "near_met")}),
    ("c) Xã Vũ Sơn: đạt 16 tiêu chí; 02 tiêu chí chưa đạt là Giao thông (số 2) và Điện (số 4); tiêu chí Thu nhập "
     "(số 10) gần đạt.", {("Vũ Sơn", 2, "unmet"), ("Vũ Sơn", 4, "unmet"), ("Vũ Sơn", 10, "near_met")}),
    ("Xã Vũ Sơn còn 2 tiêu chí chưa đạt là Giáo dục và Đào tạo (tiêu chí số 14), do Trường Mầm non chưa được công nhận "
     "đạt chuẩn quốc gia, và Y tế (tiêu chí số 15).", {("Vũ Sơn", 14, "unmet"), ("Vũ Sơn", 15, "unmet")}),
    ("d) Xã Vũ Sơn: mới đạt 11/19 tiêu chí; các tiêu chí Thủy lợi (số 3) và Nhà ở dân cư (số 9) còn cách xa yêu cầu.",
     {("Vũ Sơn", 3, "unmet"), ("Vũ Sơn", 9, "unmet")}),
    ("Tỷ lệ hộ nghèo tại xã Vũ Sơn còn cao. Tiêu chí Môi trường, Tổ chức sản xuất đạt thấp và khó duy trì.", set()),
    ("Xã Tân Lập và xã Vũ Sơn lần lượt mới đạt 16 và 15 tiêu chí. Tại Tân Lập, hai tiêu chí chưa được công nhận gồm "
     "Thu nhập (10) và Y tế (14). Riêng Vũ Sơn: tiêu chí số 2 chưa đạt.",
     {("Tân Lập", 10, "unmet"), ("Tân Lập", 14, "unmet"), ("Vũ Sơn", 2, "unmet")}),
    ("Xã Vũ Sơn mới đạt 17/19 TC; còn TC số 15 (Y tế) và TC số 18 (Hệ thống chính trị và tiếp cận pháp luật) chưa đạt.",
     {("Vũ Sơn", 15, "unmet"), ("Vũ Sơn", 18, "unmet")}),
    # a qualifier before the names ('khó như'), who judged them between the names and the status
    ("Xã Vũ Sơn đạt 18 tiêu chí. Các tiêu chí khó như Thu nhập, Nghèo đa chiều và Y tế đã được Đoàn kiểm tra "
     "xác nhận đạt chuẩn.", {("Vũ Sơn", 10, "met"), ("Vũ Sơn", 11, "met"), ("Vũ Sơn", 15, "met")}),
    ("xã vũ sơn: các tiêu chí khó như thu nhập, nghèo đa chiều và y tế đã được đoàn kiểm tra\nxác nhận đạt chuẩn.",
     {("Vũ Sơn", 10, "met"), ("Vũ Sơn", 11, "met"), ("Vũ Sơn", 15, "met")}),
    ("Xã Vũ Sơn: tiêu chí Thu nhập được Tổ thẩm định đánh giá chưa đạt.", {("Vũ Sơn", 10, "unmet")}),
    ("Xã Vũ Sơn: riêng tiêu chí Thông tin và Truyền thông (tiêu chí số 8) đã được Sở Thông tin và Truyền thông "
     "kiểm tra, xác nhận đạt trong tháng 8/2024.", {("Vũ Sơn", 8, "met")}),
    # 'được' opening a verb is no status
    ("Xã Vũ Sơn: các tiêu chí như Giao thông, Thủy lợi đang được đầu tư, chưa hoàn thiện hồ sơ.", set()),
    ("Xã Vũ Sơn: các tiêu chí Giao thông, Thủy lợi được đầu tư nâng cấp.", set()),
    # the line that opens the list names the set its items are read under
    ("Kết quả rà soát theo Bộ tiêu chí xã nông thôn mới nâng cao đối với 02 xã đăng ký năm 2024:\n"
     "- Xã Vũ Sơn đạt 17/19 tiêu chí, còn 02 tiêu chí chưa đạt là Thu nhập và Chất lượng môi trường sống.",
     {("Vũ Sơn", 10, "unmet"), ("Vũ Sơn", 18, "unmet")}),
    # the count of unmet criteria before their names
    ("- Xã Vũ Sơn: số tiêu chí đạt: 16; số tiêu chí chưa đạt: 3 (Giao thông; Tổ chức sản xuất và phát triển kinh tế "
     "nông thôn; Y tế).", {("Vũ Sơn", 2, "unmet"), ("Vũ Sơn", 13, "unmet"), ("Vũ Sơn", 15, "unmet")}),
    # a name with a comma of its own, in brackets or after 'về'; the status right after a name given with 'về'
    ("b) Xã Vũ Sơn: các tiêu chí số 3 (Thủy lợi và phòng, chống thiên tai), số 10 (Thu nhập) và số 18 (Chất lượng môi "
     "trường sống) chưa đạt.", {("Vũ Sơn", 3, "unmet"), ("Vũ Sơn", 10, "unmet"), ("Vũ Sơn", 18, "unmet")}),
    ("Xã Vũ Sơn: tiêu chí số 3 về Thuỷ lợi và phòng, chống thiên tai đạt sau khi hoàn thành kiên cố hoá kênh "
     "nội đồng; tiêu chí số 14 về Y tế đạt.", {("Vũ Sơn", 3, "met"), ("Vũ Sơn", 14, "met")}),
    ("Tiêu chí số 3 về Thủy lợi, xã Vũ Sơn đạt 18/19 tiêu chí.", set()),  # the words after the comma are another clause
    # each criterion described in brackets, whatever words the description holds, the status after the last
    ("Theo Bộ tiêu chí xã NTM kiểu mẫu, xã Vũ Sơn đáp ứng 2 trong số 4 tiêu chí; còn tiêu chí số 2 (thu nhập bình quân "
     "đầu người cao hơn ít nhất 10% so với thời điểm đạt chuẩn nâng cao) và tiêu chí số 3 (có ít nhất 01 thôn thông "
     "minh) chưa đạt.", {("Vũ Sơn", 2, "unmet"), ("Vũ Sơn", 3, "unmet")}),
    # the count of unmet criteria, then their names in brackets
    ("Đánh giá theo Bộ tiêu chí xã nông thôn mới nâng cao:\n- Xã Vũ Sơn: số tiêu chí đã đạt là 15, chưa đạt 04 tiêu chí "
     "(Giao thông; Giáo dục; Tổ chức sản xuất và phát triển kinh tế nông thôn; Chất lượng môi trường sống).",
     {("Vũ Sơn", 2, "unmet"), ("Vũ Sơn", 5, "unmet"), ("Vũ Sơn", 13, "unmet"), ("Vũ Sơn", 18, "unmet")}),
    ("- xã vũ sơn: đạt 17/19 tiêu chí, chưa đạt 02 tiêu chí (giao thông; thu nhập).",
     {("Vũ Sơn", 2, "unmet"), ("Vũ Sơn", 10, "unmet")}),
    # numbered items after the status and its colon, each 'number - name'
    ("4. Xã Vũ Sơn: mới đạt 15 tiêu chí; các tiêu chí chưa đạt: 2 - Giao thông, 10 - Thu nhập, 17 - Môi trường và an "
     "toàn thực phẩm.", {("Vũ Sơn", 2, "unmet"), ("Vũ Sơn", 10, "unmet"), ("Vũ Sơn", 17, "unmet")}),
    # 'chỉ còn' (only ... is left): the criterion is not met
    ("xã vũ sơn đã hoàn thành 18 trên tổng số 19 tiêu chí, chỉ còn tiêu chí số 17 về môi trường và an toàn thực phẩm do "
     "tỷ lệ hộ có nhà tiêu hợp vệ sinh còn thấp.", {("Vũ Sơn", 17, "unmet")}),
    ("Xã Vũ Sơn chỉ còn đạt 15/19 tiêu chí do tiêu chí số 10 (Thu nhập) không còn đạt.", {("Vũ Sơn", 10, "unmet")}),
    # met, though with a reservation
    ("2. Xã Vũ Sơn\nb) Các tiêu chí số 2 (Giao thông) và số 5 (Trường học) tuy đã đạt nhưng chất lượng chưa bền vững.",
     {("Vũ Sơn", 2, "met"), ("Vũ Sơn", 5, "met")}),
    # an item of the list whose description opens with 'xã ...' but names no commune
    ("Xã Vũ Sơn đạt 17/19 tiêu chí; 02 tiêu chí chưa đạt:\n- Tiêu chí số 13 (Tổ chức sản xuất): xã chưa có sản phẩm "
     "OCOP đạt 4 sao.\n- Tiêu chí số 17 (Môi trường): xã chưa có điểm tập kết rác thải.",
     {("Vũ Sơn", 13, "unmet"), ("Vũ Sơn", 17, "unmet")}),
    ("xã vũ sơn đạt 17/19 tiêu chí; 02 tiêu chí chưa đạt:\n- tiêu chí số 13 (tổ chức sản xuất): xã chưa có sản phẩm "
     "ocop đạt 4 sao.\n- tiêu chí số 17 (môi trường): xã chưa có điểm tập kết rác thải.",
     {("Vũ Sơn", 13, "unmet"), ("Vũ Sơn", 17, "unmet")}),
    # the count in brackets after the status, then items separated by ';'
    ("1. Xã Vũ Sơn\n- TC chưa đạt (03): TC số 5 - Trường học (trường mầm non chưa đạt chuẩn); TC số 13 - Tổ chức sản "
     "xuất; TC số 17 - Môi trường và an toàn thực phẩm.",
     {("Vũ Sơn", 5, "unmet"), ("Vũ Sơn", 13, "unmet"), ("Vũ Sơn", 17, "unmet")}),
    # items 'số N (name)' after the noun written 'TC'
    ("- Xã Vũ Sơn mới đạt 16/19 TC; 03 TC chưa đạt gồm: số 2 (Giao thông), số 10 (Thu nhập) và số 17 (Môi trường và "
     "an toàn thực phẩm).", {("Vũ Sơn", 2, "unmet"), ("Vũ Sơn", 10, "unmet"), ("Vũ Sơn", 17, "unmet")}),
    ("- xã vũ sơn mới đạt 16/19 tc; 03 tc chưa đạt gồm: số 2 (giao thông), số 10 (thu nhập) và số 17 (môi trường và "
     "an toàn thực phẩm).", {("Vũ Sơn", 2, "unmet"), ("Vũ Sơn", 10, "unmet"), ("Vũ Sơn", 17, "unmet")}),
])
def test_statuses(body, expected):
    assert statuses(body) == expected


def test_a_table_of_villages_beside_their_communes_counts_each_village():
    """'Xã | Thôn | Số tiêu chí đã đạt': two villages of one commune are two units, not two counts of the commune."""
    body = ("Bảng 1. Mức độ đạt tiêu chí của các thôn đăng ký\n"
            "STT | Xã | Thôn | Số tiêu chí đã đạt | Tiêu chí chưa đạt (số thứ tự)\n"
            "1 | Vũ Sơn | Nà Lầu | 8/10 | 3, 9\n"
            "2 | Vũ Sơn | Khuổi Bó | 7/10 | 1, 3, 6\n"
            "3 | Tân Lập | Pắc Cuổng | 9/10 | 6\n")
    rows = facts(body)
    assert {(r.unit, r.count_min, r.count_max) for r in rows["criteria_counts"]} == {
        ("Nà Lầu", 8, 8), ("Khuổi Bó", 7, 7), ("Pắc Cuổng", 9, 9)}
    assert not [f for f in rows["flags"] if f.kind == "count_conflict"]


def test_results_table_with_met_ranges():
    body = ("Đơn vị | Tiêu chí đã đạt | Số TC đạt\n"
            "Tân Lập | 1-16, 18, 19 | 18\n"
            "Hưng Vũ | 1-10, 12-17 | 16\n"
            "Vũ Lễ | 1-19 | 19\n")
    rows = facts(body)
    met = {(r.unit, r.criterion) for r in rows["criteria_status"] if r.status == "met"}
    assert ("Tân Lập", 17) not in met and ("Tân Lập", 18) in met and len([m for m in met if m[0] == "Hưng Vũ"]) == 16
    assert {(r.unit, r.count_min) for r in rows["criteria_counts"]} == {("Tân Lập", 18), ("Hưng Vũ", 16), ("Vũ Lễ", 19)}


@pytest.mark.parametrize("cell, unmet", [
    ("Số 11 (Nghèo đa chiều); số 13 (Tổ chức sản xuất)", {11, 13}),   # the cell opens its list with 'Số 11'
    ("Số 2, số 6, số 9, số 10", {2, 6, 9, 10}),
    ("số 2 (giao thông); số 10 (thu nhập)", {2, 10}),                  # lower case
    ("10 - Thu nhập; 17 - Môi trường", {10, 17}),                      # number - name
])
def test_a_cell_of_unmet_criteria_read_from_its_first_item(cell, unmet):
    body = ("| STT | Xã | Số tiêu chí đạt | Tiêu chí chưa đạt |\n|---|---|---|---|\n"
            f"| 1 | Tân Lập | 15/19 | {cell} |\n| 2 | Hưng Vũ | 18/19 | Số 15 (Y tế) |\n")
    assert {c for u, c, s in statuses(body) if u == "Tân Lập" and s == "unmet"} == unmet


@pytest.mark.parametrize("body, expected", [
    ("a) Xã Tân Lập (đăng ký đạt chuẩn năm 2024): có 17 trên tổng số 19 tiêu chí.", {("Tân Lập", "met", 17)}),
    ("Xã Tân Lập có 16/19 tiêu chí.", {("Tân Lập", "met", 16)}),
    ("Xã Tân Lập có 2/19 tiêu chí chưa đạt.", {("Tân Lập", "unmet", 2)}),   # the status after it still rules
    ("Xã Tân Lập có 12 tiêu chí.", set()),                                    # no set named: not said to be met
])
def test_a_count_the_commune_has(body, expected):
    assert {(r.unit, r.kind, r.count_min) for r in facts(body)["criteria_counts"]} == expected


def test_criteria_by_commune_matrix():
    body = ("STT | Tên tiêu chí | Tân Lập | Hưng Vũ\n"
            "1 | Quy hoạch | Đạt | Đạt\n"
            "2 | Giao thông | Đạt | Chưa đạt\n"
            "13 | Tổ chức sản xuất | Cơ bản đạt | Đạt\n"
            " | Tổng số tiêu chí đạt | 18/19 | 16/19\n")
    rows = facts(body)
    assert statuses(body) == {("Tân Lập", 1, "met"), ("Tân Lập", 2, "met"), ("Tân Lập", 13, "near_met"),
                              ("Hưng Vũ", 1, "met"), ("Hưng Vũ", 2, "unmet"), ("Hưng Vũ", 13, "met")}
    assert {(r.unit, r.count_min) for r in rows["criteria_counts"]} == {("Tân Lập", 18), ("Hưng Vũ", 16)}


def test_criteria_set_laid_out_in_the_document():
    """A province's village set, numbered its own way, read from the report itself."""
    body = ("Bộ tiêu chí thôn của tỉnh gồm 5 tiêu chí: (1) Giao thông; (2) Điện; (3) Nhà văn hóa; (4) Thu nhập; (5) Môi trường.\n"
            "Thôn Nà Pài, xã Vũ Sơn: đạt 3/5 tiêu chí; còn thiếu 02 tiêu chí là Thu nhập và Môi trường.\n")
    assert statuses(body) == {("Nà Pài", 4, "unmet"), ("Nà Pài", 5, "unmet")}
    assert counts(body) == {("Nà Pài", "thon", "met", 3, 3), ("Nà Pài", "thon", "unmet", 2, 2)}


@pytest.mark.parametrize("line, amounts", [
    ("- Ngân sách huyện đối ứng 2 tỷ 500 triệu đồng;", {2_500_000_000}),
    ("- Ngân sách huyện: 1.870 tr.đ;", {1_870_000_000}),
    ("- Vốn sự nghiệp phân bổ về các thôn: 720 triệu đồng (bình quân 120 triệu đồng/thôn);", {720_000_000}),
    ("Tổng nguồn vốn huy động 9 tháng đạt 12 tỷ 460 triệu đồng; trong đó: ngân sách tỉnh 10 tỷ đồng; nhân dân đóng góp 2.460 triệu đồng.",
     {10_000_000_000, 2_460_000_000}),
    ("- Ngân sách tỉnh hỗ trợ 02 xã: 6 tỷ đồng (mỗi xã 3 tỷ đồng);", {6_000_000_000}),
    ("- Nhân dân đóng góp: trên 1,2 tỷ đồng.", {1_200_000_000}),
])
def test_funding_lines(line, amounts):
    rows = [r for r in facts("4. Nguồn lực huy động năm 2023\n" + line)["funding"] if not r.is_total]
    assert {r.amount_vnd for r in rows} == amounts
    assert all(r.source and r.source.lower() not in ("trên", "tổng") for r in rows)


@pytest.mark.parametrize("sentence, due", [
    ("Các xã gửi báo cáo về Phòng Nông nghiệp và PTNT đến hết tháng 11/2023.", "2023-11"),
    ("Hoàn thành xong trước 15/12.", "2023-12-15"),            # no year: the document's
    ("Thời gian hoàn thành: tháng 12/2023.", "2023-12"),
    ("Mục tiêu: đến năm 2025, tất cả các xã đạt chuẩn nông thôn mới.", "2025"),
])
def test_deadlines(sentence, due):
    assert {r.due_date for r in facts(sentence)["deadlines"]} == {due}


@pytest.mark.parametrize("sentence", [
    "Đến cuối năm 2022, toàn huyện có 04 xã đạt chuẩn nông thôn mới.",
    "Bình quân tăng 2,1 tiêu chí/xã so với cuối năm 2020.",
    "Trong tháng 6/2023, huyện đã tổ chức 03 hội nghị.",
    "Hai xã Tân Lập, Hưng Vũ đủ điều kiện đề nghị công nhận trong năm 2024.",
    "Khả năng xã Vũ Sơn về đích trong năm 2024 là rất khó.",
])
def test_not_deadlines(sentence):
    assert facts(sentence)["deadlines"] == []


def test_income_target_without_per_head_suffix():
    rows = facts("II. MỤC TIÊU\n- Thu nhập bình quân đầu người khu vực nông thôn đạt 68 triệu đồng;")["targets"]
    assert [(r.indicator, r.value) for r in rows] == [("thu nhập bình quân đầu người", 68_000_000)]


@pytest.mark.parametrize("body, expected", [
    ("3. Phương hướng năm 2024\n- Thu nhập bình quân đầu người khu vực nông thôn đạt 40 triệu đồng/người/năm.",
     [("thu nhập bình quân đầu người", 40_000_000)]),
    ("3. Kết quả năm 2023\n- Thu nhập bình quân đầu người khu vực nông thôn đạt 40 triệu đồng/người/năm.", []),
])
def test_income_under_a_plans_heading_is_a_target(body, expected):
    assert [(r.indicator, r.value) for r in facts(body)["targets"]] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Các xã gửi báo cáo tiến độ vào ngày 18 mỗi tháng.", (None, "monthly", 18)),
    ("Báo cáo mỗi tháng một lần, trước ngày 20.", (None, "monthly", 20)),
    ("Hồ sơ gửi về Văn phòng Điều phối trước 17 giờ 00 ngày 30/11/2023.", ("2023-11-30", None, None)),
    ("Hoàn thành các tuyến đường, hạn chót cuối tháng 12/2023.", ("2023-12", None, None)),
    # a task opening the clause after its date: a deadline, where a situation measured at a date is none
    ("III. NHIỆM VỤ\n1. Trong quý II/2024, hoàn thành điều chỉnh quy hoạch chung xã Tân Lập.", ("2024-Q2", None, None)),
    ("1. trong quý ii/2024, hoàn thiện hồ sơ\nđề nghị công nhận xã Tân Lập.", ("2024-Q2", None, None)),
    ("2. NHIỆM VỤ: HOÀN THÀNH TRƯỚC NGÀY 15/12/2024", ("2024-12-15", None, None)),   # a title setting a deadline
    # under a section of tasks, the quarter opening a clause is when its work is due
    ("III. NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024\n2. Trong quý III/2024, các huyện rà soát, hoàn thiện tiêu chí tại các xã.",
     ("2024-Q3", None, None)),
    ("III. PHƯƠNG HƯỚNG\n2. trong quý III/2024, UBND 02 xã tổ chức tự đánh giá, hoàn thiện các\ntiêu chí còn thiếu.",
     ("2024-Q3", None, None)),
    # day and month in words, the year the document's
    ("Sở Tài chính tham mưu phân bổ vốn, trình UBND tỉnh chậm nhất ngày 15 tháng 12; cử cán bộ theo dõi.",
     ("2023-12-15", None, None)),
    ("sở tài chính trình ubnd tỉnh chậm nhất là ngày 15 tháng 12.", ("2023-12-15", None, None)),
])
def test_more_deadlines(sentence, expected):
    assert {(r.due_date, r.recurrence, r.day_of_month) for r in facts(sentence)["deadlines"]} == {expected}


@pytest.mark.parametrize("sentence", [
    "Trong năm 2024, toàn huyện có 5 xã đạt chuẩn.",                 # a situation measured at a date
    "Trong quý II/2024, đã hoàn thành điều chỉnh quy hoạch xã Tân Lập.",   # done, not due
    # a task said to be done ('đã hoàn thành') in the quarter it was done in
    "Đáng chú ý, xã Tân Lập đã hoàn thành tiêu chí số 14 (Y tế) ngay trong quý IV; thu nhập ước đạt 64 triệu đồng.",
    # the likelihood of a goal, judged by an inspection team
    "Đoàn kiểm tra đánh giá xã Tân Lập khó hoàn thành mục tiêu trong năm 2024; đề nghị xã điều chỉnh lộ trình.",
    "I. THỰC TRẠNG ĐẾN HẾT NĂM 2024\nToàn huyện có 5 xã đạt chuẩn.",   # a section's title names its period
    "I. KẾT QUẢ THỰC HIỆN\n2. Trong quý III/2024, các huyện rà soát, hoàn thiện tiêu chí tại các xã.",  # a result
    "III. PHƯƠNG HƯỚNG NHIỆM VỤ\n1. Trong quý IV/2024, đã có 03 xã hoàn thành.",   # said to be done
])
def test_a_date_opening_a_situation_is_no_deadline(sentence):
    assert facts(sentence)["deadlines"] == []


def test_a_date_before_the_report_is_no_deadline():
    """The report is dated 10/11/2023: 'trong năm 2022' explains a cause, it sets no deadline."""
    assert facts("Thu nhập chưa đạt do giá cà phê giảm trong năm 2022.")["deadlines"] == []


@pytest.mark.parametrize("body, expected", [
    ("Xã Tân Lập đạt 16 tiêu chí nâng cao, chưa đạt các tiêu chí Giáo dục, Thu nhập và Chất lượng môi trường sống.",
     {("Tân Lập", 5, "unmet"), ("Tân Lập", 10, "unmet"), ("Tân Lập", 18, "unmet")}),
    ("Xã Hưng Vũ đạt 17/19; tiêu chí Nhà ở dân cư và tiêu chí Thu nhập được đánh giá cơ bản đạt.",
     {("Hưng Vũ", 9, "near_met"), ("Hưng Vũ", 10, "near_met")}),
    ("Xã Vũ Lễ đạt 15/19 tiêu chí. Bốn tiêu chí chưa hoàn thành là: Giao thông; Thủy lợi và phòng, chống thiên tai; "
     "Văn hóa; Môi trường và an toàn thực phẩm.",
     {("Vũ Lễ", 2, "unmet"), ("Vũ Lễ", 3, "unmet"), ("Vũ Lễ", 16, "unmet"), ("Vũ Lễ", 17, "unmet")}),
    ("Xã Vũ Lăng đạt 18/19 tiêu chí, vướng duy nhất tiêu chí số 10 về thu nhập.", {("Vũ Lăng", 10, "unmet")}),
    ("Xã Tân Tri đạt 18/19 tiêu chí nâng cao (tiêu chí số 13 cơ bản đạt).", {("Tân Tri", 13, "near_met")}),
    ("Tân Hương và Chiến Thắng mỗi xã đạt 18/19 tiêu chí, cùng thiếu tiêu chí số 13.",
     {("Tân Hương", 13, "unmet"), ("Chiến Thắng", 13, "unmet")}),
    # a met status said done right before the criteria; a bare 'đạt' there may be an aim and is not read
    ("Xã Tân Lập đã hoàn thành tiêu chí số 5 (Giáo dục) và tiêu chí số 15 (Y tế) ngay trong quý II.",
     {("Tân Lập", 5, "met"), ("Tân Lập", 15, "met")}),
    ("xã tân lập đã đạt tiêu chí số 5 và tiêu chí\nsố 15.", {("Tân Lập", 5, "met"), ("Tân Lập", 15, "met")}),
    ("Xã Tân Lập phấn đấu đạt tiêu chí số 5 và tiêu chí số 15.", set()),
    # an adverb of time between the criteria named and their status
    ("- Xã Tân Lập: 12 tiêu chí; các tiêu chí Điện, Thông tin và Truyền thông hiện chưa đạt do thiếu lưới điện.",
     {("Tân Lập", 4, "unmet"), ("Tân Lập", 8, "unmet")}),
    ("- xã tân lập: 12 tiêu chí; các tiêu chí điện, thông tin và truyền thông hiện nay chưa đạt.",
     {("Tân Lập", 4, "unmet"), ("Tân Lập", 8, "unmet")}),
])
def test_statuses_named_and_shared(body, expected):
    assert statuses(body) == expected


def test_commune_self_report_lists_its_criteria():
    text = ("ỦY BAN NHÂN DÂN\nXÃ VŨ SƠN\nSố: 87/BC-UBND\nVũ Sơn, ngày 20 tháng 9 năm 2024\nBÁO CÁO\n"
            "Kết quả thực hiện Bộ tiêu chí xã nông thôn mới của xã Vũ Sơn\n"
            "Tiêu chí 1 - Quy hoạch: Đạt.\nTiêu chí 2 - Giao thông: Chưa đạt. Đường trục thôn cứng hóa đạt 78%.\n"
            "Tiêu chí 3 - Thủy lợi và phòng, chống thiên tai: Đạt.\n")
    rows = extract_document(parse_bytes(text.encode("utf-8"), "self.txt")).tables
    assert {(r.unit, r.criterion, r.status) for r in rows["criteria_status"]} == {
        ("Vũ Sơn", 1, "met"), ("Vũ Sơn", 2, "unmet"), ("Vũ Sơn", 3, "met")}
    assert not any(u.level == "village" for u in rows["units"])  # "... nông thôn: Đạt" names no village


def test_budget_table_with_unit_in_header():
    body = ("Nhu cầu vốn năm 2024 dự kiến 9.600 triệu đồng, cơ cấu như sau:\n"
            "Nguồn vốn | Kinh phí (triệu đồng) | Tỷ lệ (%)\n"
            "Ngân sách tỉnh | 3.600 | 37,5\nNgân sách huyện | 6.000 | 62,5\nTổng cộng | 9.600 | 100\n")
    assert {(r.source, r.amount_vnd) for r in facts(body)["funding"] if not r.is_total} == {
        ("Ngân sách tỉnh", 3_600_000_000), ("Ngân sách huyện", 6_000_000_000)}


@pytest.mark.parametrize("caption", ["Đơn vị tính: triệu đồng", "ĐVT: triệu đồng", "đơn vị: triệu đồng"])
def test_budget_table_with_its_unit_in_a_caption(caption):
    """A row per source, the value column named 'Giá trị' and the unit in the line above; the first data row has a
    note that names a source too ('Vốn đầu tư phát triển ...'): it is no second header row."""
    body = (f"Bảng 2. Kết quả huy động nguồn lực năm 2024\n{caption}\n"
            "STT | Nguồn vốn | Giá trị | Ghi chú\n"
            "1 | Ngân sách trung ương | 96.450 | Vốn đầu tư phát triển và vốn sự nghiệp\n"
            "2 | Ngân sách tỉnh | 152.318,6 | \n3 | Nhân dân đóng góp | 22.417,35 | Tiền mặt, ngày công\n")
    assert {(r.source, r.amount_vnd) for r in facts(body)["funding"] if not r.is_total} == {
        ("Ngân sách trung ương", 96_450_000_000), ("Ngân sách tỉnh", 152_318_600_000),
        ("Nhân dân đóng góp", 22_417_350_000)}


@pytest.mark.parametrize("sentence, value", [
    ("c) Tổ chức lấy ý kiến của người dân; tỷ lệ hài lòng phải đạt từ 90% trở lên.", 90.0),
    ("c) tổ chức lấy ý kiến của người dân; tỷ lệ người dân hài lòng đạt 85 % trở lên.", 85.0),
])
def test_a_share_with_or_more_after_it_is_a_target(sentence, value):
    assert [r.value for r in facts(sentence)["targets"]] == [value]


@pytest.mark.parametrize("sentence", [
    "b) Kết quả lấy ý kiến: 97,6% số hộ được hỏi hài lòng với kết quả xây dựng nông thôn mới.",
    "Tỷ lệ người dân hài lòng đạt 92,5%, cao hơn năm trước.",
])
def test_a_share_reached_is_no_target(sentence):
    assert facts(sentence)["targets"] == []


def test_average_per_commune_with_a_qualifier():
    rows = facts("Bình quân mỗi xã trong lộ trình đạt 16,25 tiêu chí.")["averages"]
    assert [r.value for r in rows] == [16.25]


def test_level_reached_beside_a_goal_is_no_target():
    body = ("3. UBND xã Vũ Sơn vận động người dân tham gia bảo hiểm y tế, bảo đảm tỷ lệ tham gia đạt từ 95% trở lên "
            "(hiện mới đạt 93,5%).")
    assert [r.value for r in facts(body)["targets"]] == [95.0]


def test_a_lower_case_verb_after_huyen_is_no_district():
    """'UBND huyện thống nhất bố trí ...': the district agreeing, not Thống Nhất of Đồng Nai."""
    rows = facts("4. UBND xã Tân Lập: UBND huyện thống nhất bố trí 1.250.000.000 đồng từ ngân sách huyện cho xã.")
    assert not [u for u in rows["units"] if u.level == "district" and u.name == "Thống Nhất"]
    assert not [f for f in rows["flags"] if f.kind == "unit_mismatch"]


@pytest.mark.parametrize("body, mismatch", [
    # the groups share out the communes left after those already recognised: no sum to check against the total
    ("Toàn huyện có 11 xã. Đến nay đã có 08 xã đạt chuẩn nông thôn mới.\nCác xã còn lại:\n"
     "- Số xã đạt từ 15 - 18 tiêu chí: 02 xã (Tân Lập, Hưng Vũ);\n- Số xã đạt từ 10 - 14 tiêu chí: 01 xã (Vũ Lễ).", False),
    # the groups of all the communes must add up to the total
    ("Tổng số xã xây dựng NTM: 17/17 xã.\n- Số xã đạt 19 tiêu chí: 04 xã\n- Số xã đạt từ 15 - 18 tiêu chí: 06 xã\n"
     "- Số xã đạt từ 10 - 14 tiêu chí: 05 xã", True),
])
def test_groups_by_criteria_met_against_the_total(body, mismatch):
    flags = [f for f in facts(body)["flags"] if f.kind == "count_mismatch" and f.values[:1] in (["11"], ["17"])]
    assert bool(flags) is mismatch, flags


def test_a_commune_whose_name_begins_with_ban_in_a_table():
    head = ("UBND HUYỆN BÁT XÁT\nSố: 7/KH-UBND\nBát Xát, ngày 18 tháng 12 năm 2024\nKẾ HOẠCH\n"
            "Xây dựng nông thôn mới năm 2025\n")
    body = ("| TT | Xã | Số tiêu chí đạt | Tiêu chí chưa đạt |\n|---|---|---|---|\n"
            "| 1 | Bản Xèo | 16 | TC2, TC10, TC17 |\n| 2 | Bản Qua | 15/19 | TC5, TC14, TC17, TC18 |\n"
            "| 3 | Mường Hum | 17 | TC10, TC11 |\n")
    rows = extract_document(parse_bytes((head + body).encode("utf-8"), "plan.txt")).tables
    assert {u.name for u in rows["units"] if u.level == "commune"} == {"Bản Xèo", "Bản Qua", "Mường Hum"}
    assert {(c.unit, c.count_min) for c in rows["criteria_counts"]} == {("Bản Xèo", 16), ("Bản Qua", 15),
                                                                       ("Mường Hum", 17)}
    assert not [f for f in rows["flags"] if f.kind == "not_in_register"]


def test_an_average_per_commune_is_no_commune_count():
    rows = facts("Trong đó xã Tân Tri đã được công nhận đạt chuẩn nông thôn mới nâng cao năm 2023. "
                 "Bình quân toàn huyện đạt 18 tiêu chí/xã.")
    assert rows["criteria_counts"] == []
    assert [a.value for a in rows["averages"]] == [18.0]


@pytest.mark.parametrize("header, cell, due", [
    ("Thời hạn hoàn thành", "Quý II/2024", "2024-Q2"),     # the column says what its dates are
    ("Thời gian hoàn thành", "tháng 12/2024", "2024-12"),
    ("Dự kiến đạt chuẩn", "Năm 2025", "2025"),
    ("Ghi chú", "Quý II/2024", None),                       # a date in another column is no deadline
])
def test_a_deadline_column(header, cell, due):
    body = (f"| STT | Xã | Tiêu chí chưa đạt | {header} |\n|---|---|---|---|\n"
            f"| 1 | Tân Lập | TC10, TC11 | {cell} |\n| 2 | Hưng Vũ | TC2 | Trước 30/12/2024 |\n")
    dues = {r.due_date for r in facts(body)["deadlines"]}
    assert (due in dues) if due else dues <= {"2024-12-30"}, dues


def test_a_list_lead_naming_another_set_in_passing_names_none():
    """'trong đó A đã đạt chuẩn nâng cao; Ba xã còn lại ...:' does not put the items below under nâng cao."""
    body = ("Huyện có 07/10 xã đạt chuẩn, trong đó Hưng Vũ đã đạt chuẩn nâng cao; ba xã còn lại tiến độ chậm:\n"
            "- Xã Vũ Sơn đạt 16/19 tiêu chí, còn thiếu các tiêu chí Thu nhập và Môi trường và an toàn thực phẩm.")
    rows = facts(body)
    assert {(r.unit, r.level) for r in rows["criteria_counts"]} == {("Vũ Sơn", "ntm")}
    assert not [f for f in rows["flags"] if f.kind == "count_mismatch"]


@pytest.mark.parametrize("sentence, value", [
    ("Bình quân toàn huyện đạt 12,6 TC/xã, tăng 0,8 TC/xã so với năm 2023.", 12.6),
    ("bình quân toàn huyện đạt 12,6 tiêu chí/xã.", 12.6),
    ("Bình quân 05 KDC đăng ký năm 2024 đạt 8,6 tiêu chí/KDC.", 8.6),  # per residential area (khu dân cư)
    ("bình quân 05 khu dân cư đạt 8,6 tiêu chí/khu dân\ncư.", 8.6),
])
def test_an_average_with_the_abbreviated_noun(sentence, value):
    assert [a.value for a in facts(sentence)["averages"]] == [value]


def test_a_results_table_cell_of_criteria_named_not_numbered():
    body = ("Kết quả rà soát theo Bộ tiêu chí xã nông thôn mới nâng cao:\n"
            "| TT | Xã | Số tiêu chí đã đạt | Tiêu chí chưa đạt |\n|---|---|---|---|\n"
            "| 1 | Vũ Sơn | 16/19 | Thu nhập; Tổ chức sản xuất và phát triển kinh tế nông thôn; Chất lượng môi trường sống |\n"
            "| 2 | Tân Lập | 17/19 | Giao thông; một số hạng mục khác |\n")
    assert statuses(body) == {("Vũ Sơn", 10, "unmet"), ("Vũ Sơn", 13, "unmet"), ("Vũ Sơn", 18, "unmet")}


def test_an_issuer_named_after_a_set_is_no_commune():
    """'ĐOÀN THẨM ĐỊNH XÃ NTM NÂNG CAO' over minutes about one commune: the statements that name no unit are that
    commune's (the subject line's), not a commune called 'NTM nâng cao'."""
    text = ("UBND TỈNH LẠNG SƠN\nĐOÀN THẨM ĐỊNH XÃ NTM NÂNG CAO\nSố: 12/BB-ĐTĐ\nBIÊN BẢN\n"
            "Thẩm định mức độ đạt chuẩn xã nông thôn mới nâng cao năm 2024 đối với xã Vũ Sơn, huyện Bắc Sơn\n"
            "III. KẾT QUẢ THẨM ĐỊNH\nTC 1 - Quy hoạch: Đạt.\nTC 17 - Môi trường: Chưa đạt.\n")
    rows = extract_document(parse_bytes(text.encode("utf-8"), "case.txt")).tables["criteria_status"]
    assert {(r.unit, r.criterion, r.status) for r in rows} == {("Vũ Sơn", 1, "met"), ("Vũ Sơn", 17, "unmet")}


@pytest.mark.parametrize("items, expected", [
    ("1. Quy hoạch: đạt.\n10. Thu nhập: chưa đạt; năm 2019 ước đạt 24,8 triệu đồng/người/năm.\n17. Môi trường và an "
     "toàn thực phẩm: chưa đạt.", {("Vũ Sơn", 1, "met"), ("Vũ Sơn", 10, "unmet"), ("Vũ Sơn", 17, "unmet")}),
    ("1. quy hoạch: đạt.\n10. thu nhập - chưa đạt.", {("Vũ Sơn", 1, "met"), ("Vũ Sơn", 10, "unmet")}),
    # the number is not that criterion's: a list of something else
    ("1. Điện: đạt.\n2. Thu nhập: chưa đạt.", set()),
])
def test_items_numbered_as_the_criterion_they_name(items, expected):
    body = f"2. Xã Vũ Sơn\nKết quả thực hiện các tiêu chí:\n{items}\n"
    assert statuses(body) == expected


def test_a_person_after_an_office_of_the_province_is_no_province():
    body = ("Kết luận của Phó Chủ tịch UBND tỉnh Phạm Quang Thái tại buổi làm việc với huyện Bắc Sơn\n"
            "Ngày 14/5/2025, đồng chí Phạm Quang Thái - Phó Chủ tịch UBND tỉnh đã chủ trì buổi làm việc.\n")
    assert not [r for r in facts(body)["units"] if r.level == "province" and "Thái" in (r.raw_name or "")]


def test_a_budget_table_by_source_and_year():
    """'Nguồn vốn | Năm 2024 | Năm 2025 | Cộng' under a caption with the unit, announced by a total 'tại Bảng 2':
    each source's amount for each year; the announced total, the row totals and the 'Tổng cộng' row are totals."""
    body = ("Tổng kinh phí dự kiến là 6.300 triệu đồng, phân theo nguồn vốn và năm thực hiện tại Bảng 2.\n"
            "Bảng 2. Kinh phí dự kiến theo nguồn vốn (đơn vị tính: triệu đồng)\n"
            "TT | Nguồn vốn | Năm 2024 | Năm 2025 | Cộng\n"
            "1 | Ngân sách tỉnh | 3.600 | 1.200 | 4.800\n"
            "2 | Ngân sách huyện | 950 | 550 | 1.500\n"
            "Tổng cộng | | 4.550 | 1.750 | 6.300\n")
    rows = facts(body)["funding"]
    assert {(r.source, r.amount_vnd, r.year) for r in rows if not r.is_total} == {
        ("Ngân sách tỉnh", 3_600_000_000, 2024), ("Ngân sách tỉnh", 1_200_000_000, 2025),
        ("Ngân sách huyện", 950_000_000, 2024), ("Ngân sách huyện", 550_000_000, 2025)}
    assert all(r.status == "planned" for r in rows)


@pytest.mark.parametrize("sentence, expected", [
    ("Bình quân toàn huyện đạt 14,35 tiêu chí/xã, tăng 0,61 tiêu chí so với cuối năm 2023.", [14.35]),
    ("1. Phấn đấu có thêm 02 xã đạt chuẩn trong năm 2024; bình quân toàn huyện đạt trên 15 tiêu chí/xã.", []),
    ("phấn đấu bình quân mỗi xã đạt tối thiểu 16 tiêu chí", []),
])
def test_an_average_to_reach_is_no_average_reached(sentence, expected):
    assert [r.value for r in facts(sentence)["averages"]] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("II. MỤC TIÊU\n1. Năm 2024 có thêm 02 xã đạt chuẩn nông thôn mới nâng cao.", [(2.0, "xã")]),
    ("3. Phấn đấu đến cuối năm 2025 toàn huyện có thêm 03 thôn (Nà Lầu, Khuổi Bó, Pắc Cuổng) đạt chuẩn thôn NTM.",
     [(3.0, "thôn")]),
    ("phấn đấu có thêm hai xã đạt chuẩn nông thôn mới trong năm 2025", [(2.0, "xã")]),
    # a result, not a goal
    ("Trong 6 tháng, UBND tỉnh công nhận thêm 02 xã đạt chuẩn nông thôn mới.", []),
    # a second goal joined to the first
    ("1. Phấn đấu đến năm 2025 có thêm 02 xã đạt chuẩn nông thôn mới nâng cao (Tân Lập, Hưng Vũ) và 01 xã đạt chuẩn "
     "nông thôn mới kiểu mẫu (Vũ Lễ).", [(2.0, "xã"), (1.0, "xã")]),
])
def test_more_units_to_bring_to_the_standard_are_a_target(sentence, expected):
    assert [(r.value, r.unit) for r in facts(sentence)["targets"]] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("1. UBND xã Tân Lập: hoàn thành cứng hóa 1,8 km đường trục thôn trước ngày 30/11/2024.", [1.8]),
    ("IV. NHIỆM VỤ, GIẢI PHÁP\n2. Đầu tư cứng hóa 6,5 km đường trục xã, đường liên thôn.", [6.5]),
    ("ưu tiên nguồn vốn nâng cấp 4,5 km đường giao thông nông thôn", [4.5]),
    # what money is asked for
    ("1. Xã Tân Lập: 1,25 tỷ đồng để nâng cấp, mở rộng 1,1 km tuyến đường ven suối.", [1.1]),
    # work done, not to do; a length that is not the works' own object
    ("Xã đã hoàn thành tiêu chí Giao thông sau khi cứng hóa 2,7 km đường trục thôn.", []),
    ("Hội viên hiến 8.600 m² đất để mở rộng đường giao thông nội đồng, trồng 4,5 km đường hoa.", []),
    ("Trong năm, xã đã cứng hóa 3,2 km đường trục thôn, đạt 85%.", []),
])
def test_a_length_of_road_works_to_do_is_a_target(sentence, expected):
    assert [r.value for r in facts(sentence)["targets"] if r.unit == "km"] == expected


@pytest.mark.parametrize("sentence", [
    "2. Phấn đấu mức thu nhập bình quân/người khu vực nông thôn cả năm 2024 đạt 41,5 triệu đồng.",
    "phấn đấu thu nhập bình quân / người năm 2024 đạt 41,5 triệu đồng",
])
def test_income_per_head_written_with_a_slash_is_a_target(sentence):
    assert [r.value for r in facts(sentence)["targets"]] == [41_500_000.0]


def test_two_counted_groups_in_one_sentence_keep_their_own_lists():
    body = ("7. Huyện Bắc Sơn: trong 07 xã còn lại, có 04 xã đạt từ 15 đến 18 tiêu chí (Tân Lập, Hưng Vũ, Vũ Lễ, "
            "Vũ Sơn) và 03 xã đạt từ 10 đến 14 tiêu chí (Chiến Thắng, Tân Hương, Vạn Thủy).")
    found = {(r.unit, r.count_min, r.count_max) for r in facts(body)["criteria_counts"]}
    assert found == {(u, 15, 18) for u in ("Tân Lập", "Hưng Vũ", "Vũ Lễ", "Vũ Sơn")} | \
        {(u, 10, 14) for u in ("Chiến Thắng", "Tân Hương", "Vạn Thủy")}


@pytest.mark.parametrize("body, expected", [
    ("Huyện có 03 xã đăng ký đạt chuẩn năm 2025 gồm: Tân Lập, Hưng Vũ và Vũ Lễ. Qua rà soát, cả 03 xã đều đang duy trì "
     "19/19 tiêu chí.", {("Tân Lập", 19), ("Hưng Vũ", 19), ("Vũ Lễ", 19)}),
    ("Điều 1. Công nhận 03 thôn đạt chuẩn, gồm:\n1. Xã Vũ Sơn: thôn Nà Lầu và thôn Khuổi Bó;\n2. Xã Tân Lập: thôn Pắc "
     "Cuổng.\nTheo kết quả thẩm định, mỗi thôn nêu trên đều đạt 10/10 tiêu chí.",
     {("Nà Lầu", 10), ("Khuổi Bó", 10), ("Pắc Cuổng", 10)}),
    # the number does not fit the communes named: no guess
    ("Huyện có các xã Tân Lập, Hưng Vũ và Vũ Lễ đăng ký đạt chuẩn. Qua rà soát, cả 04 xã đều duy trì 19/19 tiêu chí.",
     set()),
])
def test_a_count_of_the_units_named_above(body, expected):
    assert {(r.unit, r.count_min) for r in facts(body)["criteria_counts"]} == expected


def test_a_list_of_requests_and_the_total_after_it():
    """Each item of a long list under the line that says what its amounts are; the total written after the items,
    which they add up to, is their total."""
    body = ("UBND huyện kính đề nghị UBND tỉnh hỗ trợ kinh phí cho các công trình cụ thể như sau:\n"
            "1. Xã Tân Lập: 1,25 tỷ đồng để nâng cấp tuyến đường ven suối.\n"
            "2. Xã Hưng Vũ: 850.000.000 đồng để lắp đặt hệ thống camera.\n"
            "3. Xã Vũ Lễ: 2.100.000.000 đồng để cải tạo khu trung tâm văn hóa.\n"
            "4. Xã Vũ Sơn: 0,9 tỷ đồng để xây dựng điểm trưng bày sản phẩm OCOP.\n"
            "5. Xã Chiến Thắng: 1.475.500.000 đồng để xử lý nước thải.\n"
            "Tổng kinh phí đề nghị tỉnh hỗ trợ: 6.575.500.000 đồng.\n")
    rows = facts(body)["funding"]
    assert sorted(r.amount_vnd for r in rows if not r.is_total) == [850_000_000, 900_000_000, 1_250_000_000,
                                                                  1_475_500_000, 2_100_000_000]
    assert [r.amount_vnd for r in rows if r.is_total] == [6_575_500_000]


@pytest.mark.parametrize("title, expected", [
    ("KẾ HOẠCH\nKiểm tra, giám sát kết quả xây dựng nông thôn mới năm 2024\n", ("2024-08-05", "2024-08-27")),
    ("KẾ HOẠCH\nXây dựng nông thôn mới năm 2024\n", (None, None)),  # the time of a plan of works: no inspection
])
def test_the_time_of_an_inspection_plan_is_its_inspection(title, expected):
    text = ("UBND HUYỆN BẮC SƠN\nSố: 96/KH-UBND\nBắc Sơn, ngày 20 tháng 7 năm 2024\n" + title +
            "I. NỘI DUNG\n1. Đối tượng: các xã Vũ Sơn, Tân Lập.\n2. Thời gian: từ ngày 05/8/2024 đến ngày 27/8/2024.\n")
    fields = extract_document(parse_bytes(text.encode("utf-8"), "plan.txt")).document_fields
    assert (fields["inspection_start"], fields["inspection_end"]) == expected
