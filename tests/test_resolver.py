"""Names against the national register: tone- and diacritic-aware steps, resolved within the document's area."""
import pytest

from ntm.normalize.register import load_register
from ntm.normalize.units import infer_area, match_name, resolve_commune


@pytest.fixture(scope="module")
def register():
    return load_register()


def district_pool(register, district: str, province: str):
    unit = next(d for d in register.districts if d.name == district and d.province == province)
    return register.communes_of[unit.code]


@pytest.mark.parametrize("written, registered, method", [
    ("Long Đống", "Long Đống", "exact"),
    ("long đống", "Long Đống", "case_tone_placement"),
    ("Long Đông", "Long Đống", "one_mark"),          # a tone mark dropped
    ("Nhất Hoà", "Nhất Hòa", "case_tone_placement"),  # old / new tone placement
    ("Vạn Thuỷ", "Vạn Thủy", "case_tone_placement"),
    ("Long Dống", "Long Đống", "d_stroke"),          # đ typed as d
    ("Chiến Thẳng", "Chiến Thắng", "one_mark"),      # hook for acute
    ("Vũ Lăg", "Vũ Lăng", "edit_distance"),          # a letter dropped
])
def test_match_steps_in_bac_son(register, written, registered, method):
    match = match_name(written, district_pool(register, "Bắc Sơn", "Lạng Sơn"))
    assert match.unit is not None and match.unit.name == registered
    assert match.method == method


def test_unknown_name_is_not_forced_onto_a_neighbour(register):
    match = match_name("Đồng Giáp", district_pool(register, "Văn Quan", "Lạng Sơn"))
    assert match.unit is None and match.method == "none"


def test_district_in_two_provinces_is_read_from_its_communes(register):
    """Tân Uyên is a district of Lai Châu and a city of Bình Dương: the communes decide."""
    area = infer_area(register, [], ["Tân Uyên"], ["Phúc Khoa", "Mường Khoa", "Hồ Mít"], "Tân Uyên")
    assert area.province.name == "Lai Châu" and area.district.name == "Tân Uyên"
    match, _ = resolve_commune(register, "Hồ Mít", area)
    assert match.unit.name == "Hố Mít" and match.unit.code == "03607"


def test_province_inferred_when_never_named(register):
    area = infer_area(register, [], [], ["Vũ Muộn", "Dương Phong", "Đôn Phong", "Cao Sơn"], None)
    assert area.province.name == "Bắc Kạn" and area.district.name == "Bạch Thông"


def test_2025_unit_is_attached(register):
    from ntm.extract.document import extract_document
    from ntm.parsers import parse_bytes
    text = "BÁO CÁO\nTình hình nông thôn mới huyện Bắc Sơn\nXã Long Đống đạt 14/19 tiêu chí."
    rows = extract_document(parse_bytes(text.encode(), "x.txt")).tables["units"]
    commune = next(r for r in rows if r.level == "commune")
    assert commune.code == "06328" and commune.code_2025 and commune.name_2025


@pytest.mark.parametrize("written, district, province", [
    # merged away before the register's date: two letters and a tone from Thạch Long, never forced onto it
    ("Thạch Đồng", "Thạch Hà", "Hà Tĩnh"),
    ("Đồng Giáp", "Văn Quan", "Lạng Sơn"),
])
def test_a_commune_the_register_lacks_keeps_a_null_code(register, written, district, province):
    match = match_name(written, district_pool(register, district, province))
    assert match.unit is None and match.method == "none"


@pytest.mark.parametrize("written, registered, method", [
    ("Đồnng Loan", "Đồng Loan", "edit_distance"),   # a doubled letter
    ("Mnh Long", "Minh Long", "edit_distance"),     # a dropped letter
    ("An Tp", "An Tập", "edit_distance"),           # a dropped letter that carried the tone
    ("Đại Phưc", "Đại Phước", "edit_distance"),
    ("Dạo Dức", "Đạo Đức", "d_stroke"),             # every đ typed as d
])
def test_one_letter_from_exactly_one_commune_is_that_commune(register, written, registered, method):
    pools = [register.communes_of[d.code] for d in register.districts]
    pool = next(p for p in pools if any(u.name == registered for u in p))
    match = match_name(written, pool)
    assert match.unit is not None and match.unit.name == registered and match.method == method


def test_a_commune_and_a_town_of_one_name_are_told_apart_by_the_keyword(register):
    """The register writes 'Mỹ An (Xã)' and 'Mỹ An (Thị trấn)' in Tháp Mười: the name is 'Mỹ An', the kind decides."""
    pool = district_pool(register, "Tháp Mười", "Đồng Tháp")
    assert match_name("Mỹ An", pool).unit.kind == "Xã"
    assert match_name("Mỹ An", pool, kind="Thị trấn").unit.kind == "Thị trấn"
