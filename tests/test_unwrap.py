"""Hard-wrapped text is joined back before extraction: a name, an amount and its unit, a symbol, a title or a
list item that wraps continues across the break; a real break (a short line, a new item, a blank line) stays."""
import textwrap

import pytest

from ntm.parsers import parse_bytes
from ntm.parsers.unwrap import is_wrap, wrap_width

# Our own running text, long enough that the document shows the width it was cut at.
CONTEXT = ("Đoàn kiểm tra đã làm việc với Ủy ban nhân dân huyện và các xã đăng ký đạt chuẩn nông thôn mới trong năm, "
           "nghe báo cáo tình hình thực hiện các tiêu chí, kiểm tra hồ sơ minh chứng và khảo sát thực tế tại một số "
           "thôn, bản trên địa bàn; qua đó ghi nhận nhiều kết quả tích cực trong huy động nguồn lực của nhân dân.")


def _wrapped_document(paragraph: str, phrase: str) -> str:
    """The paragraph between two of context, all wrapped at the first width (60-90) that breaks `phrase`."""
    for width in range(60, 91):
        cut = textwrap.wrap(paragraph, width, break_long_words=False)
        if not any(phrase in line for line in cut):
            lines = textwrap.wrap(CONTEXT, width) + [""] + cut + [""] + textwrap.wrap(CONTEXT, width)
            return "\n".join(lines) + "\n"
    raise AssertionError(f"no width breaks {phrase!r}")


def _blocks(text: str) -> list[str]:
    document = parse_bytes(text.encode("utf-8"), "wrapped.txt")
    return [document.block_text(b) for b in document.blocks]


@pytest.mark.parametrize("paragraph, whole", [
    # a commune name split over two lines
    ("Đoàn đã kiểm tra thực tế tại huyện và các xã đăng ký đạt chuẩn năm nay (xã Tú Xuyên và xã Hữu Lễ), "
     "làm việc với cán bộ phụ trách.", "xã Hữu Lễ"),
    # an amount and its unit on two lines
    ("Tổng nguồn vốn huy động thực hiện Chương trình trên địa bàn xã trong năm là 8.436.215.000 đồng, "
     "trong đó vốn ngân sách Trung ương chiếm phần lớn.", "8.436.215.000 đồng"),
    # a list item that wraps where its dash falls at the start of a line
    ("- Các tiêu chí chưa đạt gồm có: tiêu chí số 2 về Giao thông; tiêu chí số 10 - Thu nhập và tiêu chí số "
     "17 - Môi trường.", "tiêu chí số 10 - Thu nhập"),
    # a symbol cut at its hyphen by the wrapping tool
    ("Căn cứ văn bản của Ủy ban nhân dân tỉnh về phân công các sở hỗ trợ xã, Quyết định số 303/QĐ-UBND ngày "
     "23/02/2023 của Ủy ban nhân dân tỉnh.", "Quyết định số 303/QĐ-UBND ngày"),
    # a date written over the break
    ("Ủy ban nhân dân các xã hoàn thành hồ sơ đề nghị xét công nhận và gửi về huyện chậm nhất trước ngày 15 tháng "
     "12 năm 2023 để tổng hợp.", "trước ngày 15 tháng 12 năm 2023"),
])
def test_a_wrapped_phrase_is_whole_again(paragraph, whole):
    assert any(whole in block for block in _blocks(_wrapped_document(paragraph, whole)))


@pytest.mark.parametrize("lines", [
    # a short line then a new list item: the writer broke the line
    ["- Xã Long Đống đạt 14/19 tiêu chí;", "- Xã Vũ Sơn đạt 15/19 tiêu chí."],
    # a full line that ends a sentence, then a new sentence with a capital
    ["Kết quả rà soát cho thấy các xã đã đạt được nhiều tiêu chí quan trọng.", "Năm 2024, huyện tiếp tục chỉ đạo."],
    # a heading after a full line
    ["Các xã còn gặp khó khăn về nguồn vốn đối ứng, nhất là các xã vùng cao,", "II. NHIỆM VỤ TRỌNG TÂM"],
])
def test_a_real_break_stays(lines):
    width = 72
    assert not is_wrap(lines[0], lines[1], width) or len(lines[0]) + 1 + len(lines[1].split()[0]) <= width
    text = "\n".join(textwrap.wrap(CONTEXT, width) + lines + textwrap.wrap(CONTEXT, width)) + "\n"
    blocks = _blocks(text)
    assert lines[1].rstrip(".") in "\n".join(blocks)
    assert any(b.startswith(lines[1][:12]) for b in blocks), blocks


def test_a_blank_line_is_a_paragraph_break():
    text = "\n".join(textwrap.wrap(CONTEXT, 72)) + "\n\nXã Long Đống đạt 14/19 tiêu chí.\n"
    assert any(b.startswith("Xã Long Đống") for b in _blocks(text))


def test_text_not_cut_at_one_width_is_left_alone():
    lines = [CONTEXT, "Xã Long Đống đạt 14/19 tiêu chí.", CONTEXT[:150], "Nơi nhận:", CONTEXT[:90]]
    assert wrap_width(lines) is None
    assert len(_blocks("\n".join(lines))) == len(lines)


@pytest.mark.parametrize("width", [60, 72, 90])
def test_the_width_is_read_off_the_document(width):
    assert wrap_width(textwrap.wrap(CONTEXT * 2, width)) in range(width - 3, width + 1)


def test_nfd_text_wrapped_by_code_points_is_joined():
    import unicodedata
    paragraph = ("Đoàn đã kiểm tra thực tế tại huyện và các xã đăng ký đạt chuẩn năm nay (xã Tú Xuyên và xã Hữu Lễ), "
                 "làm việc với cán bộ phụ trách và người dân.")
    for width in range(60, 91):
        text = _wrapped_document(unicodedata.normalize("NFD", paragraph), unicodedata.normalize("NFD", "xã Hữu Lễ"))
        assert any("xã Hữu Lễ" in b for b in _blocks(text))


def test_a_pipe_table_row_cut_by_the_wrap_is_one_row():
    rows = ["| STT | Xã | Số tiêu chí đạt | Tiêu chí chưa đạt |", "|---|---|---|---|",
            "| 1 | Trường Xuân | 17/19 | Số 11 (Nghèo đa chiều); số 13 (Tổ chức sản xuất và phát triển kinh tế) |",
            "| 2 | Thạnh Lợi | 18/19 | Số 15 (Y tế) |"]
    lines = textwrap.wrap(CONTEXT, 72)
    for row in rows:
        lines.extend(textwrap.wrap(row, 72))
    document = parse_bytes("\n".join(lines).encode("utf-8"), "table.txt")
    cells = [document.block_text(b) for b in document.blocks if b.kind == "table_cell"]
    assert "Số 11 (Nghèo đa chiều); số 13 (Tổ chức sản xuất và phát triển kinh tế)" in cells


def test_in_a_document_of_blank_line_paragraphs_a_sentence_end_is_no_paragraph_end():
    """'... (Long Hưng, Mỹ Tú).⏎Các xã còn lại: ...' inside one paragraph of a document that separates its
    paragraphs with blank lines: the count and the average after it stay in one paragraph."""
    paragraph = ("Toàn huyện có 08 xã, trong đó 05 xã đã đạt chuẩn nông thôn mới, mỗi xã đạt 19/19 tiêu chí (Long "
                 "Hưng, Mỹ Tú). Các xã còn lại: xã Mỹ Phước đạt 18/19 tiêu chí. Bình quân toàn huyện đạt 18,5 tiêu chí/xã.")
    for width in range(60, 91):
        lines = textwrap.wrap(paragraph, width)
        if any(line.endswith("Mỹ Tú).") for line in lines):
            break
    text = "\n\n".join(["\n".join(textwrap.wrap(CONTEXT, width))] * 3 + ["\n".join(lines)]) + "\n"
    assert any(b.startswith("Toàn huyện") and b.endswith("tiêu chí/xã.") for b in _blocks(text))


def test_a_title_cut_at_its_first_wrap_is_read_whole():
    from ntm.extract.document import extract_document
    title = ("Kết quả kiểm tra tình hình thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới trên địa "
             "bàn huyện Bắc Sơn năm 2023")
    header = "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG\nSố: 15/TB-STNMT\nLạng Sơn, ngày 5 tháng 12 năm 2023\nTHÔNG BÁO\n"
    body = "\n".join(textwrap.wrap(title, 72)) + "\n\n" + "\n".join(textwrap.wrap(CONTEXT * 2, 72)) + "\n"
    facts = extract_document(parse_bytes((header + body).encode("utf-8"), "notice.txt"))
    assert facts.document_fields["title"] == title
