"""Money, goals, deadlines and cited documents, one phrasing a case.

Every case is a short report of huyện Định Hóa (Thái Nguyên) whose body holds the sentence under test; the whole
extractor runs on it and the rows of `funding`, `targets`, `deadlines` and `references` are compared with what a careful
reader takes from the sentence (FORMAT.md).
"""
from __future__ import annotations

from textwrap import dedent

import pytest

from ntm.extract.document import extract_document
from ntm.parsers import parse_bytes


def report(body: str, *, number: str = "318", symbol: str = "BC-UBND", subject: str | None = None,
           district: str = "Định Hóa", year: int = 2023):
    subject = subject or f"Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm {year}"
    text = (f"ỦY BAN NHÂN DÂN\nHUYỆN {district.upper()}\n\nSố: {number}/{symbol}\n\n"
            f"{district}, ngày 12 tháng 12 năm {year}\n\nBÁO CÁO\n\n{subject}\n\n" + dedent(body).strip() + "\n")
    return extract_document(parse_bytes(text.encode("utf-8"), "case.txt"))


# --------------------------------------------------------------------------------------------------------------
# Funding: every amount in whole đồng, with the budget line it is written under.
# --------------------------------------------------------------------------------------------------------------

FUNDING = [
    pytest.param(
        """
        1. Kết quả huy động nguồn lực
        - Ngân sách Trung ương:
        + Vốn đầu tư phát triển: 14.574 triệu đồng;
        """,
        [("Ngân sách Trung ương - Vốn đầu tư phát triển", 14_574_000_000, "central_investment")],
        id="trieu-dong-thousands-dot:14.574-trieu-dong-under-parent-line",
    ),
    pytest.param(
        """
        1. Kết quả huy động nguồn lực
        - Vốn huy động từ cộng đồng, người dân: 3.504,98 triệu đồng.
        """,
        [("Vốn huy động từ cộng đồng, người dân", 3_504_980_000, "community")],
        id="trieu-dong-decimal-comma:3.504,98-trieu-dong",
    ),
    pytest.param(
        """
        Năm 2023, ngân sách tỉnh hỗ trợ 2,5 tỷ đồng để xây dựng nhà văn hóa các thôn.
        """,
        [("ngân sách tỉnh", 2_500_000_000, "provincial")],
        id="ty-dong:2,5-ty-dong",
    ),
    pytest.param(
        """
        1. Kết quả huy động nguồn lực
        - Ngân sách huyện: 850.000.000 đồng.
        """,
        [("Ngân sách huyện", 850_000_000, "district")],
        id="dong:850.000.000-dong",
    ),
    pytest.param(
        """
        1. Kết quả huy động nguồn lực
        - Vốn tín dụng ưu đãi: 1.250.500 nghìn đồng.
        """,
        [("Vốn tín dụng", 1_250_500_000, "credit")],
        id="nghin-dong:1.250.500-nghin-dong",
    ),
    pytest.param(  # not in the seeds: several lines in one sentence after 'trong đó:'
        """
        Tổng nguồn vốn thực hiện Chương trình năm 2023 được phân bổ, trong đó: ngân sách Trung ương 14.574 triệu đồng; ngân sách tỉnh 650 triệu đồng; ngân sách huyện 1.200 triệu đồng.
        """,
        [("ngân sách Trung ương", 14_574_000_000, "central"), ("ngân sách tỉnh", 650_000_000, "provincial"),
         ("ngân sách huyện", 1_200_000_000, "district")],
        id="new:trong-do:-several-lines-inline",
    ),
    pytest.param(  # not in the seeds: 'tỉ' spelling, the amount before the budget line
        """
        1. Kết quả huy động nguồn lực
        - Vốn lồng ghép từ các chương trình, dự án khác: 1,2 tỉ đồng.
        """,
        [("Vốn lồng ghép", 1_200_000_000, "integrated")],
        id="new:ti-dong-spelling:1,2-ti-dong",
    ),
    pytest.param(  # not in the seeds: 'đ' written for đồng
        """
        1. Kết quả huy động nguồn lực
        - Nhân dân đóng góp bằng tiền mặt: 120.000.000đ.
        """,
        [("Nhân dân đóng góp", 120_000_000, "community")],
        id="new:d-abbreviation:120.000.000d",
    ),
]


@pytest.mark.parametrize("body, expected", FUNDING)
def test_funding(body, expected):
    rows = report(body).tables["funding"]
    assert sorted(r.amount_vnd for r in rows) == sorted(amount for _, amount, _ in expected)
    by_amount = {r.amount_vnd: r for r in rows}
    for source, amount, category in expected:
        row = by_amount[amount]
        assert source.lower() in row.source.lower(), row.source
        assert row.category == category


# --------------------------------------------------------------------------------------------------------------
# Targets: numeric goals that are not money spent. A level reached is not a goal.
# --------------------------------------------------------------------------------------------------------------

TARGETS = [
    pytest.param(
        "Tỷ lệ người dân tham gia bảo hiểm y tế đạt ≥ 95%.",
        [("tỷ lệ tham gia bảo hiểm y tế", 95.0, "%", "≥")],
        id="bao-hiem-y-te-dat->=95%",
    ),
    pytest.param(
        "Phấn đấu giảm tỷ lệ hộ nghèo xuống dưới 5%.",
        [("tỷ lệ hộ nghèo đa chiều", 5.0, "%", "<")],
        id="giam-ty-le-ho-ngheo-xuong-duoi-5%",
    ),
    pytest.param(
        "Tiếp tục huy động nguồn lực hỗ trợ phát triển sản xuất, phấn đấu thu nhập bình quân đầu người đạt "
        "45 triệu đồng/người/năm.",
        [("thu nhập bình quân đầu người", 45_000_000.0, "VND/người/năm", None)],
        id="thu-nhap-45-trieu-dong/nguoi/nam",
    ),
    pytest.param(  # not in the seeds
        "Tỷ lệ lao động qua đào tạo đạt từ 70% trở lên.",
        [("tỷ lệ lao động qua đào tạo", 70.0, "%", "≥")],
        id="new:lao-dong-qua-dao-tao-tu-70%-tro-len",
    ),
    pytest.param(  # not in the seeds
        "Mục tiêu đến năm 2025: tỷ lệ hộ sử dụng nước sạch đạt tối thiểu 60%.",
        [("tỷ lệ hộ dùng nước sạch", 60.0, "%", "≥")],
        id="new:nuoc-sach-toi-thieu-60%",
    ),
    pytest.param(  # not in the seeds
        "- Chỉ tiêu thu nhập bình quân đầu người năm 2025: 50 triệu đồng/người/năm.",
        [("thu nhập bình quân đầu người", 50_000_000.0, "VND/người/năm", None)],
        id="new:chi-tieu-thu-nhap-colon-50-trieu",
    ),
    pytest.param(
        "Chỉ đạo các xã phấn đấu giải ngân 100% vốn ngân sách trung ương được giao trước ngày 31/01/2025.",
        [("tỷ lệ giải ngân vốn", 100.0, "%", None)],
        id="new:giai-ngan-100%-truoc-ngay",
    ),
    pytest.param(  # a share the indicator table does not know, in a goal clause: named by the words after 'tỷ lệ'
        "Chỉ đạo xã Vũ Sơn kiện toàn Bộ phận một cửa, bảo đảm tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%.",
        [("tỷ lệ hồ sơ giải quyết đúng hạn", 100.0, "%", None)],
        id="new:bao-dam-ty-le-ho-so-dung-han-100%",
    ),
    pytest.param(
        "phấn đấu tỷ lệ hộ gia đình đạt danh hiệu gia đình văn\nhóa từ 90% trở lên.",
        [("tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa", 90.0, "%", "≥")],
        id="new:lower-wrapped:ty-le-gia-dinh-van-hoa",
    ),
]


@pytest.mark.parametrize("sentence, expected", TARGETS)
def test_targets(sentence, expected):
    facts = report(sentence)
    got = [(t.indicator, t.value, t.unit, t.comparator) for t in facts.tables["targets"]]
    assert got == expected
    assert facts.tables["funding"] == []


NOT_TARGETS = [
    pytest.param("Năm 2023, thu nhập bình quân mới đạt 33,5 triệu đồng/người/năm, thấp hơn yêu cầu của tiêu chí.",
                 id="reached:thu-nhap-binh-quan-moi-dat-33,5-trieu"),
    pytest.param("Năm 2023, tỷ lệ hộ nghèo đa chiều của huyện giảm còn 3,2%.",  # not in the seeds
                 id="new:reached:ty-le-ho-ngheo-giam-con-3,2%"),
    pytest.param("Tỷ lệ người dân tham gia bảo hiểm y tế năm 2023 đạt 91,2%.",  # not in the seeds
                 id="new:reached:bao-hiem-y-te-dat-91,2%"),
    pytest.param("So với năm 2022, tỷ lệ hộ nghèo đa chiều giảm 1,5%.",  # not in the seeds
                 id="new:change:ty-le-ho-ngheo-giam-1,5%"),
    pytest.param("Đến ngày 15/10/2024, huyện đã giải ngân được 48,7% kế hoạch vốn.", id="new:reached:da-giai-ngan-48,7%"),
    pytest.param("tỷ lệ giải ngân vốn sự nghiệp mới đạt 52%.", id="new:reached:giai-ngan-moi-dat-52%"),
    pytest.param("Năm 2023 tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.", id="new:reached:no-goal-word"),
]


@pytest.mark.parametrize("sentence", NOT_TARGETS)
def test_reached_values_are_not_targets(sentence):
    facts = report(sentence)
    assert facts.tables["targets"] == []
    assert facts.tables["funding"] == []


# --------------------------------------------------------------------------------------------------------------
# Deadlines: (date, precision, recurrence, day of month); precision is not compared for recurring deadlines.
# --------------------------------------------------------------------------------------------------------------

DEADLINES = [
    pytest.param("Các xã hoàn thiện hồ sơ đề nghị xét công nhận, gửi về Văn phòng Điều phối nông thôn mới huyện "
                 "trước ngày 15/12/2023.",
                 [("2023-12-15", "day", None, None)], id="truoc-ngay-15/12/2023"),
    pytest.param("UBND xã Phú Đình hoàn thành việc cứng hóa đường trục thôn chậm nhất ngày 15 tháng 10 năm 2024.",
                 [("2024-10-15", "day", None, None)], id="cham-nhat-ngay-15-thang-10-nam-2024"),
    pytest.param("Tổ chức tự đánh giá, chấm điểm các tiêu chí trong tháng 6/2020.",
                 [("2020-06", "month", None, None)], id="trong-thang-6/2020"),
    pytest.param("Khởi công xây dựng nhà văn hóa xã Bảo Linh trong quý III/2024.",
                 [("2024-Q3", "quarter", None, None)], id="trong-quy-III/2024"),
    pytest.param("Phấn đấu hoàn thành các tiêu chí còn lại vào cuối năm 2020.",
                 [("2020", "year", None, None)], id="cuoi-nam-2020"),
    pytest.param("Các xã gửi báo cáo tiến độ thực hiện về Văn phòng Điều phối trước ngày 20 hàng tháng.",
                 [(None, None, "monthly", 20)], id="truoc-ngay-20-hang-thang"),
    pytest.param("Định kỳ, UBND các xã báo cáo kết quả thực hiện các tiêu chí về UBND huyện hàng tháng.",
                 [(None, None, "monthly", None)], id="bao-cao-hang-thang"),
    pytest.param("Thời hạn nộp hồ sơ: chậm nhất là ngày 05/01/2025.",  # not in the seeds
                 [("2025-01-05", "day", None, None)], id="new:cham-nhat-la-ngay-05/01/2025"),
    pytest.param("Các xã gửi kết quả rà soát về phòng Nông nghiệp và PTNT trước ngày 25 hằng tháng để tổng hợp.",
                 [(None, None, "monthly", 25)], id="new:truoc-ngay-25-hang-thang(hằng)"),  # not in the seeds
    pytest.param("Các cơ quan thành viên gửi báo cáo định kỳ hằng quý về Ban Chỉ đạo huyện.",  # not in the seeds
                 [(None, None, "quarterly", None)], id="new:bao-cao-hang-quy"),
    pytest.param("Hoàn thành việc chỉnh trang khuôn viên nhà văn hóa thôn xong trước 30/9/2024.",  # not in the seeds
                 [("2024-09-30", "day", None, None)], id="new:xong-truoc-30/9/2024"),
    pytest.param("Nộp hồ sơ về Văn phòng Điều phối trước ngày 31 tháng 12 năm 2024.",  # not in the seeds
                 [("2024-12-31", "day", None, None)], id="new:truoc-ngay-31-thang-12-nam-2024"),
    pytest.param("Triển khai xây dựng mô hình sản xuất chè an toàn trong Quý IV năm 2024.",  # not in the seeds
                 [("2024-Q4", "quarter", None, None)], id="new:trong-Quy-IV-nam-2024"),
    pytest.param("UBND xã Bảo Linh hoàn thành nâng cấp trạm y tế trong tháng 11 năm 2024.",  # not in the seeds
                 [("2024-11", "month", None, None)], id="new:trong-thang-11-nam-2024"),
    pytest.param("Hoàn thành hồ sơ minh chứng tiêu chí Môi trường trước ngày 15-12-2023.",  # not in the seeds
                 [("2023-12-15", "day", None, None)], id="new:truoc-ngay-15-12-2023"),
    pytest.param("- Cứng hóa 2,5 km đường trục xã. Thời gian hoàn thành: tháng 10/2024.",  # not in the seeds
                 [("2024-10", "month", None, None)], id="new:thoi-gian-hoan-thanh:-thang-10/2024"),
]


def _deadline_key(row_or_tuple):
    date, precision, recurrence, dom = row_or_tuple
    return (date, None if recurrence else precision, recurrence, dom)


@pytest.mark.parametrize("sentence, expected", DEADLINES)
def test_deadlines(sentence, expected):
    # the report (dated December) comes the year before its deadlines: a date before the report is no deadline
    years = [int(e[0][:4]) for e in expected if e[0]]
    rows = report(sentence, year=min(years) - 1 if years else 2023).tables["deadlines"]
    got = {_deadline_key((r.due_date, r.precision, r.recurrence, r.day_of_month)) for r in rows}
    assert got == {_deadline_key(e) for e in expected}


NOT_DEADLINES = [
    pytest.param("Ngày 28/11/2023, Đoàn kiểm tra đã làm việc với UBND xã Phú Đình về kết quả xây dựng nông thôn mới.",
                 id="event-date:ngay-28/11/2023-doan-kiem-tra-lam-viec"),
    pytest.param("Thực hiện Kế hoạch số 18/KH-UBND ngày 18/01/2023 của UBND tỉnh về thực hiện Chương trình mục tiêu "
                 "quốc gia xây dựng nông thôn mới.",
                 id="cited-document-date"),
    pytest.param("Ban Chỉ đạo huyện duy trì giao ban hàng tuần để nghe các xã báo cáo tiến độ.",
                 id="giao-ban-hang-tuan"),
    pytest.param("Trong tháng 6/2024, huyện đã tổ chức 03 hội nghị tuyên truyền về xây dựng nông thôn mới.",
                 id="new:past-event:trong-thang-6/2024-da-to-chuc"),  # not in the seeds
    pytest.param("Tính đến cuối năm 2023, toàn huyện có 12/22 xã đạt chuẩn nông thôn mới.",
                 id="new:status-date:tinh-den-cuoi-nam-2023"),  # not in the seeds
    pytest.param("Xã Phú Đình đã được công nhận đạt chuẩn nông thôn mới trong năm 2019.",
                 id="new:past-event:duoc-cong-nhan-trong-nam-2019"),  # not in the seeds
    pytest.param("Từ ngày 07/6/2024 đến ngày 25/6/2024, Đoàn kiểm tra đã kiểm tra thực tế tại 12 thôn.",
                 id="new:inspection-period:tu-ngay-den-ngay"),  # not in the seeds
]


@pytest.mark.parametrize("sentence", NOT_DEADLINES)
def test_not_deadlines(sentence):
    assert report(sentence).tables["deadlines"] == []


def test_half_year_in_the_subject_line_is_not_a_deadline():
    facts = report("Ngày 05/7/2024, UBND huyện đã tổng hợp kết quả từ các xã.",
                   subject="Báo cáo tình hình thực hiện Chương trình MTQG xây dựng nông thôn mới 6 tháng cuối năm 2024",
                   year=2024)
    assert facts.tables["deadlines"] == []


# --------------------------------------------------------------------------------------------------------------
# References: documents cited, with their dates.
# --------------------------------------------------------------------------------------------------------------

REFERENCES = [
    pytest.param("Thực hiện Kế hoạch số 18/KH-UBND ngày 18/01/2023 của UBND tỉnh về thực hiện Chương trình mục tiêu "
                 "quốc gia xây dựng nông thôn mới năm 2023.",
                 {("18/KH-UBND", "2023-01-18")}, id="ke-hoach-so-18/KH-UBND-ngay-18/01/2023"),
    pytest.param("Không để các xã phải thu hồi quyết định công nhận theo quy định tại Quyết định số 18/2022/QĐ-TTg "
                 "ngày 02/8/2022 của Thủ tướng Chính phủ.",
                 {("18/2022/QĐ-TTg", "2022-08-02")}, id="quyet-dinh-so-18/2022/QD-TTg"),
    pytest.param("Căn cứ Văn bản số 1397-CV/HU ngày 15/4/2024 của Ban Thường vụ Huyện ủy về giúp đỡ các thôn.",
                 {("1397-CV/HU", "2024-04-15")}, id="van-ban-so-1397-CV/HU"),
    pytest.param("Thực hiện Công văn số 99/BCĐ-NTM, ngày 26/6/2024 của Ban Chỉ đạo các Chương trình MTQG tỉnh về đẩy "
                 "nhanh tiến độ.",
                 {("99/BCĐ-NTM", "2024-06-26")}, id="cong-van-so-99/BCD-NTM,-ngay"),
    pytest.param("Thực hiện Hướng dẫn số 12/HD-VPĐP ngày 5 tháng 3 năm 2022 của Văn phòng Điều phối nông thôn mới tỉnh.",
                 {("12/HD-VPĐP", "2022-03-05")}, id="date-in-words:ngay-5-thang-3-nam-2022"),
    pytest.param("Theo Thông báo số 45/TB-UBND ngày 02-8-2022 của UBND huyện về kết luận của đồng chí Chủ tịch.",
                 {("45/TB-UBND", "2022-08-02")}, id="date-with-dashes:02-8-2022"),
    pytest.param("Rà soát các tiêu chí theo Quyết định 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ.",
                 {("318/QĐ-TTg", "2022-03-08")}, id="new:quyet-dinh-without-so"),  # not in the seeds
    pytest.param("UBND huyện đã ban hành các văn bản: số 120/UBND-NN ngày 12/3/2024 và số 135/UBND-NN ngày 20/3/2024 "
                 "để chỉ đạo các xã.",
                 {("120/UBND-NN", "2024-03-12"), ("135/UBND-NN", "2024-03-20")},
                 id="new:van-ban:-so-A-va-so-B"),  # not in the seeds
    pytest.param("Thực hiện Nghị quyết số 25/2021/NQ-HĐND ngày 10/12/2021 của HĐND tỉnh về hỗ trợ xây dựng nông thôn "
                 "mới.",
                 {("25/2021/NQ-HĐND", "2021-12-10")}, id="new:nghi-quyet-so-25/2021/NQ-HDND"),  # not in the seeds
    pytest.param("Căn cứ Quyết định số 1062/QĐ-UBND, ngày 17 tháng 6 năm 2024 của UBND tỉnh về Bộ tiêu chí sửa đổi.",
                 {("1062/QĐ-UBND", "2024-06-17")}, id="new:comma-then-date-in-words"),  # not in the seeds
    pytest.param("Hoàn thành các nhiệm vụ theo Kế hoạch số 61/KH-UBND của UBND huyện.",
                 {("61/KH-UBND", None)}, id="new:no-date-written"),  # not in the seeds
    pytest.param("Thực hiện Công văn số 215/SNN-VPĐP ngày 9/5/2024 của Sở Nông nghiệp và PTNT.",
                 {("215/SNN-VPĐP", "2024-05-09")}, id="new:single-digit-day-and-month"),  # not in the seeds
]


@pytest.mark.parametrize("sentence, expected", REFERENCES)
def test_references(sentence, expected):
    facts = report(sentence)
    assert {(r.symbol, r.date) for r in facts.tables["references"]} == expected
    assert [f for f in facts.tables["flags"] if f.kind == "invalid_date"] == []


def test_reference_keeps_type_issuer_and_raw_date():
    facts = report("Thực hiện Kế hoạch số 18/KH-UBND ngày 18/01/2023 của UBND tỉnh về thực hiện Chương trình mục "
                   "tiêu quốc gia xây dựng nông thôn mới năm 2023.")
    (row,) = facts.tables["references"]
    assert (row.cited_type, row.issuer, row.date_raw, row.number) == ("Kế hoạch", "UBND tỉnh", "18/01/2023", "18")


def test_impossible_date_is_left_empty_and_flagged():
    facts = report("Thực hiện Kế hoạch số 27/KH-UBND ngày 31/02/2023 của UBND huyện về rà soát các tiêu chí.")
    assert {(r.symbol, r.date) for r in facts.tables["references"]} == {("27/KH-UBND", None)}
    (row,) = facts.tables["references"]
    assert row.date_raw == "31/02/2023"
    flags = [f for f in facts.tables["flags"] if f.kind == "invalid_date"]
    assert len(flags) == 1 and "31/02/2023" in flags[0].values


def test_the_documents_own_number_is_not_a_reference():
    facts = report("Thực hiện Kế hoạch số 18/KH-UBND ngày 18/01/2023 của UBND tỉnh, UBND huyện thông báo như sau.",
                   number="12", symbol="TB-UBND")
    symbols = {r.symbol for r in facts.tables["references"]}
    assert "12/TB-UBND" not in symbols
    assert symbols == {"18/KH-UBND"}
