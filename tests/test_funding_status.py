"""Funding rows say what the money is (planned, allocated, mobilised, disbursed), the year it is for, and which
amounts are totals of parts listed as rows of their own — one sentence a case, each the way a report writes it, in
lower case and hard-wrapped too."""
from __future__ import annotations

import pytest

from ntm.extract.funding import canonical_source
from test_extract_money_dates import report


def funding(body: str):
    return report(body).tables["funding"]


def one_amount(body: str):
    rows = funding(body)
    assert len(rows) == 1, [(r.amount_raw, r.source) for r in rows]
    return rows[0]


@pytest.mark.parametrize("sentence, status", [
    ("Năm 2024, huyện dự kiến huy động 2,5 tỷ đồng từ ngân sách tỉnh để làm đường.", "planned"),
    ("Kế hoạch vốn năm 2024 của ngân sách tỉnh là 3 tỷ đồng.", "planned"),
    ("Nhu cầu vốn ngân sách huyện để hoàn thành tiêu chí giao thông là 4.500 triệu đồng.", "planned"),
    ("Năm 2023, ngân sách tỉnh được giao 3 tỷ đồng cho Chương trình.", "allocated"),
    ("ngân sách huyện phân bổ cho các xã 1.200 triệu đồng.", "allocated"),
    ("NGÂN SÁCH HUYỆN ĐÃ BỐ TRÍ 800 TRIỆU ĐỒNG CHO CÁC XÃ.", "allocated"),
    ("Các xã đã huy động được 5 tỷ đồng vốn xã hội hóa.", "mobilised"),
    ("nhân dân đóng góp 850 triệu đồng làm đường giao thông.", "mobilised"),
    ("Vốn ngân sách Trung ương đã giải ngân 4.500 triệu đồng.", "disbursed"),
    ("Ngân sách tỉnh đã thực hiện được 2 tỷ đồng.", "disbursed"),
    ("Kế hoạch vốn được giao 10 tỷ đồng, ngân sách tỉnh đã giải ngân 8 tỷ đồng.", None),  # two amounts: see below
    ("Ngân sách tỉnh hỗ trợ 2,5 tỷ đồng để xây dựng nhà văn hóa các thôn.", None),  # the text does not say
])
def test_status_from_the_clause_before_the_amount(sentence, status):
    rows = funding(sentence)
    if len(rows) == 2:  # the plan's amount, then what was disbursed of it
        assert [r.status for r in rows] == ["planned", "disbursed"]
        return
    assert one_amount(sentence).status == status


HARD_WRAPPED = ("Trong năm 2023, để thực hiện các tiêu chí còn thiếu, ngân sách\n"
                "huyện đã giải ngân 1.500 triệu đồng cho các xã xây dựng đường\n"
                "giao thông nông thôn, nhà văn hóa thôn và các công trình\n"
                "thủy lợi nội đồng theo kế hoạch đã được phê duyệt.")


def test_status_and_year_across_hard_wrapped_lines():
    row = one_amount(HARD_WRAPPED)
    assert (row.status, row.year) == ("disbursed", 2023)


@pytest.mark.parametrize("sentence, year", [
    ("Năm 2023, ngân sách tỉnh được giao 3 tỷ đồng.", 2023),
    ("trong năm 2024 ngân sách huyện đã giải ngân 1.200 triệu đồng.", 2024),
    ("Giai đoạn 2021-2025, ngân sách tỉnh được giao 30 tỷ đồng.", None),
    ("Giai đoạn 2021 - 2025 các xã đã huy động 120 tỷ đồng từ nhân dân đóng góp.", None),
    ("Đến năm 2025, nhân dân đóng góp 50 tỷ đồng cho Chương trình.", None),  # up to 2025: no single year
    ("Ngân sách huyện đã bố trí 900 triệu đồng cho xã.", None),
])
def test_year_the_amount_is_for(sentence, year):
    assert one_amount(sentence).year == year


def test_status_and_year_from_the_heading_a_list_is_under():
    rows = funding("1. Kết quả huy động nguồn lực năm 2022\n- Ngân sách tỉnh: 5 tỷ đồng;\n- Ngân sách huyện: 2 tỷ đồng.")
    assert {(r.amount_vnd, r.status, r.year) for r in rows} == {(5_000_000_000, "mobilised", 2022),
                                                                (2_000_000_000, "mobilised", 2022)}


def test_parts_of_a_planned_total_are_planned():
    rows = funding("Tổng nhu cầu vốn dự kiến 97,6 tỷ đồng, trong đó: ngân sách tỉnh 45 tỷ đồng, ngân sách huyện "
                   "38,2 tỷ đồng, ngân sách xã và vốn huy động 14,4 tỷ đồng.")
    assert {r.status for r in rows} == {"planned"}


TOTALS = [
    pytest.param("Tổng nguồn lực huy động năm 2023 là 48,62 tỷ đồng, bao gồm:\n- Ngân sách tỉnh: 40 tỷ đồng;\n"
                 "- Nhân dân đóng góp: 8,62 tỷ đồng.\nCác xã tiếp tục thực hiện.",
                 48_620_000_000, [40_000_000_000, 8_620_000_000], [], id="bao-gom:-list-items"),
    pytest.param("tổng nguồn lực huy động năm 2023 là 48,62 tỷ đồng, bao gồm:\n- ngân sách tỉnh: 40 tỷ đồng;\n"
                 "- nhân dân đóng góp: 8,62 tỷ đồng.\nCác xã tiếp tục thực hiện.",
                 48_620_000_000, [40_000_000_000, 8_620_000_000], [], id="lower-case"),
    pytest.param("Tổng nguồn vốn huy động 9 tháng đạt 12 tỷ 460 triệu đồng; trong đó: ngân sách tỉnh 10 tỷ đồng; "
                 "nhân dân đóng góp 2.460 triệu đồng.",
                 12_460_000_000, [10_000_000_000, 2_460_000_000], [], id="trong-do-inline"),
    pytest.param("Năm 2024, huyện đã phân bổ cho 04 xã tổng số 21.760 triệu đồng (vốn đầu tư phát triển 17.200 triệu "
                 "đồng, vốn sự nghiệp 4.560 triệu đồng); ngân sách huyện bố trí thêm 500 triệu đồng.",
                 21_760_000_000, [17_200_000_000, 4_560_000_000], [500_000_000], id="parts-in-brackets"),
    pytest.param("- Tổng kinh phí huy động: 10 tỷ đồng, gồm:\n+ Ngân sách tỉnh: 6 tỷ đồng;\n+ Ngân sách huyện: 4 tỷ đồng;\n"
                 "- Nhân dân đóng góp: 1 tỷ đồng.",
                 10_000_000_000, [6_000_000_000, 4_000_000_000], [1_000_000_000], id="sub-items-then-next-item"),
    pytest.param("Nguồn vốn | Kinh phí (triệu đồng) | Tỷ lệ (%)\nNgân sách tỉnh | 3.600 | 37,5\n"
                 "Ngân sách huyện | 6.000 | 62,5\nTổng cộng | 9.600 | 100\n",
                 9_600_000_000, [3_600_000_000, 6_000_000_000], [], id="budget-table-total-row"),
    pytest.param("Tổng nguồn lực huy động năm 2023 là 48,62 tỷ\nđồng, bao gồm:\n- Ngân sách tỉnh: 40 tỷ đồng;\n"
                 "- Nhân dân đóng góp: 8,62 tỷ đồng.\nCác xã tiếp tục thực hiện.",
                 48_620_000_000, [40_000_000_000, 8_620_000_000], [], id="hard-wrapped-amount"),
    pytest.param("Vốn ngân sách trung ương năm 2024 giao cho huyện là 26.843 triệu đồng, gồm vốn đầu tư phát triển "
                 "19.860 triệu đồng và vốn sự nghiệp 6.983 triệu đồng; đã giải ngân được 48,7%.",
                 26_843_000_000, [19_860_000_000, 6_983_000_000], [], id="gom-without-colon"),
    pytest.param("tổng vốn 2,5 tỷ đồng bao gồm ngân sách tỉnh 2 tỷ đồng, nhân dân đóng góp 500 triệu đồng.",
                 2_500_000_000, [2_000_000_000, 500_000_000], [], id="bao-gom-lower-case"),
    # the parts are the rows of the table the sentence announces; its numbering column is no label
    pytest.param("Điều 1. Phân bổ 7.500.000.000 đồng (Bảy tỷ, năm trăm triệu đồng) từ nguồn ngân sách huyện năm 2024 "
                 "để hỗ trợ các xã hoàn thiện tiêu chí nông thôn mới, chi tiết như sau:\n"
                 "TT | Đơn vị | Kinh phí (đồng)\n1 | UBND xã Vũ Sơn | 4.000.000.000\n2 | UBND xã Tân Lập | 3.500.000.000\n",
                 7_500_000_000, [4_000_000_000, 3_500_000_000], [], id="chi-tiet-nhu-sau:-table"),
    pytest.param("phân bổ 7.500.000.000 đồng từ nguồn ngân sách huyện năm 2024 để hỗ trợ các xã hoàn thiện\n"
                 "tiêu chí nông thôn mới, cụ thể như sau:\n- xã vũ sơn: 4.000.000.000 đồng;\n"
                 "- xã tân lập: 3.500.000.000 đồng.",
                 7_500_000_000, [4_000_000_000, 3_500_000_000], [], id="cu-the-nhu-sau:-lower-wrapped"),
]


def test_an_announced_detail_with_no_amounts_after_it_is_no_total():
    rows = funding("Năm 2024, huyện phân bổ 7.500 triệu đồng để hỗ trợ các xã, kết quả cụ thể như sau:\n"
                   "- Xã Vũ Sơn đạt 17/19 tiêu chí;\n- Xã Tân Lập đạt 18/19 tiêu chí.")
    assert [(r.amount_vnd, r.is_total) for r in rows] == [(7_500_000_000, False)]


def test_an_amount_for_listed_works_is_no_total():
    rows = funding("Kinh phí thực hiện 850 triệu đồng, gồm các hạng mục đường giao thông và nhà văn hóa thôn.")
    assert [(r.amount_vnd, r.is_total) for r in rows] == [(850_000_000, False)]


@pytest.mark.parametrize("body, total, parts, others", TOTALS)
def test_a_total_is_kept_apart_from_its_parts(body, total, parts, others):
    rows = funding(body)
    totals = [r for r in rows if r.is_total]
    assert [r.amount_vnd for r in totals] == [total]
    assert sorted(r.amount_vnd for r in rows if r.part_of == totals[0].start) == sorted(parts)
    assert sorted(r.amount_vnd for r in rows if not r.is_total and r.part_of is None) == sorted(others)
    assert sum(r.amount_vnd for r in rows if not r.is_total) == total + sum(others)  # every đồng once


def test_an_amount_alone_is_no_total_and_no_part():
    row = one_amount("- Ngân sách huyện: 850.000.000 đồng.")
    assert (row.is_total, row.part_of) == (False, None)


@pytest.mark.parametrize("source, canonical", [
    ("Vốn huy động từ cộng đồng, người dân", "Cộng đồng dân cư đóng góp"),
    ("nhân dân đóng góp", "Cộng đồng dân cư đóng góp"),
    ("Nhân dân hiến đất, đóng góp", "Cộng đồng dân cư đóng góp"),
    ("Vốn ngân sách Trung ương", "Ngân sách Trung ương"),
    ("ngân sách trung ương", "Ngân sách Trung ương"),
    ("Ngân sách Trung ương - Vốn đầu tư phát triển", "Vốn đầu tư phát triển (ngân sách Trung ương)"),
    ("Vốn sự nghiệp nguồn ngân sách Trung ương", "Vốn sự nghiệp (ngân sách Trung ương)"),
    ("Vốn đối ứng của ngân sách tỉnh", "Ngân sách tỉnh"),
    ("ngân sách cấp huyện", "Ngân sách huyện"),
    ("ngân sách thị xã", "Ngân sách huyện"),
    ("Vốn tín dụng chính sách", "Vốn tín dụng"),
    ("Doanh nghiệp, nhà hảo tâm ủng hộ", "Doanh nghiệp"),
    ("vốn xã hội hóa", "Xã hội hóa"),
    ("nguồn vốn lồng ghép từ các chương trình, dự án khác", "Vốn lồng ghép các chương trình, dự án"),
    ("trong đó vốn đầu tư phát triển 29.450 triệu đồng và vốn sự nghiệp", "Vốn sự nghiệp (ngân sách Trung ương)"),
    ("Thưởng thôn kiểu mẫu", None),
])
def test_one_canonical_name_per_source(source, canonical):
    assert canonical_source(source) == canonical


@pytest.mark.parametrize("body", [
    "Thu nhập bình quân đầu người năm 2023 của xã mới đạt 41,5 triệu đồng/người/năm, đề nghị UBND xã sử dụng hiệu quả "
    "1,2 tỷ đồng ngân sách huyện đã bố trí để hoàn thành các tuyến đường trục thôn.",
    "thu nhập bình quân đầu người của xã đạt 41,5 triệu đồng/người/năm, đề nghị xã sử dụng hiệu quả 1,2 tỷ đồng\n"
    "ngân sách huyện đã bố trí.",
])
def test_money_after_an_income_clause_is_funding(body):
    """Income per head is no funding; the budget named in the next clause of the same sentence is."""
    assert [r.amount_vnd for r in funding(body)] == [1_200_000_000]


# A plan's budget: a row per commune or work, a column per budget source under a header of two rows, the unit in
# a caption above the table (our own figures for two communes of Bắc Sơn).
BUDGET_MATRIX = (
    "Tổng nhu cầu kinh phí năm 2024 là 30.004,98 triệu đồng, phân theo nguồn vốn tại Biểu dưới đây.\n"
    "Đơn vị tính: triệu đồng\n"
    "TT | Nội dung | Tổng kinh phí | Chia theo nguồn vốn | | |\n"
    " | | | Ngân sách tỉnh | Ngân sách huyện | Nhân dân đóng góp\n"
    "1 | Xã Vũ Sơn | 14.504,98 | 9.000 | 4.004,98 | 1.500\n"
    "2 | Xã Tân Lập | 15.500 | 12.000 | 3.000 | 500\n"
    " | Tổng cộng | 30.004,98 | 21.000 | 7.004,98 | 2.000\n")


def test_a_budget_matrix_gives_each_source_of_each_row():
    rows = funding(BUDGET_MATRIX)
    parts = sorted((r.source, r.amount_vnd) for r in rows if not r.is_total)
    assert parts == sorted([
        ("Ngân sách tỉnh - Xã Vũ Sơn", 9_000_000_000), ("Ngân sách huyện - Xã Vũ Sơn", 4_004_980_000),
        ("Nhân dân đóng góp - Xã Vũ Sơn", 1_500_000_000), ("Ngân sách tỉnh - Xã Tân Lập", 12_000_000_000),
        ("Ngân sách huyện - Xã Tân Lập", 3_000_000_000), ("Nhân dân đóng góp - Xã Tân Lập", 500_000_000)])
    assert sum(amount for _, amount in parts) == 30_004_980_000  # every đồng once; totals marked apart
    assert {r.category for r in rows if r.source.startswith("Ngân sách tỉnh")} == {"provincial"}


def test_a_money_column_named_by_what_it_mobilised():
    rows = funding("STT | Tên xã | Nguồn lực huy động giai đoạn 2022 - 2024 (triệu đồng) | Thu nhập (triệu đồng/người/năm)\n"
                   "1 | Vũ Sơn | 41.386,25 | 74,8\n2 | Tân Lập | 35.904,6 | 71,2\n | Cộng | 77.290,85 |\n")
    assert sorted(r.amount_vnd for r in rows if not r.is_total) == [35_904_600_000, 41_386_250_000]
