"""Names typed in a hurry or OCR'd: once a document's district is known, every item of a list is resolved through
the register whatever its case, spacing or a wrong mark or letter, and an item the register cannot place keeps its
raw spelling without cutting the list. The communes are Bắc Sơn's (Lạng Sơn), the sentences our own."""
import pytest

from extract.document import extract_document
from parsers import parse_bytes

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
