"""TCVN3, VNI and Windows-1258: tables, round trips and encoding detection."""
from __future__ import annotations

import random
import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ntm.parsers import legacy
from ntm.parsers.legacy import (
    BinaryContentError,
    UnknownEncodingError,
    decode_as,
    decode_bytes,
    decode_cp1258,
    decode_tcvn3,
    decode_vni,
    encode_cp1258,
    encode_tcvn3,
    encode_vni,
    repair_legacy_text,
    vietnamese_score,
)

PARAGRAPH = (
    "Ủy ban nhân dân huyện Bắc Sơn thông báo kết quả kiểm tra tình hình thực hiện Chương trình "
    "mục tiêu quốc gia xây dựng nông thôn mới năm 2023; xã Long Đống đã đạt 14/19 tiêu chí. "
    "Thu nhập bình quân đầu người ước đạt 48,5 triệu đồng/người/năm, tỷ lệ hộ nghèo giảm còn 3,2%. "
    "Tuy nhiên, tiêu chí về môi trường và an toàn thực phẩm chưa đạt; đề nghị Ủy ban nhân dân xã "
    "khẩn trương khắc phục những tồn tại, hạn chế, hoàn thành trước ngày 30 tháng 11 năm 2023."
)
# TCVN3 has no toned capitals: "Ủy" can only come back as "ủy".
PARAGRAPH_TCVN3 = PARAGRAPH.replace("Ủy", "ủy")

LOWER = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONES = "\u0300\u0301\u0303\u0309\u0323"
TONED = unicodedata.normalize("NFC", "".join(v + t for v in "aăâeêioôơuưy" for t in TONES))
VIETNAMESE_LOWER = LOWER + TONED + "fjwz"
VIETNAMESE = VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper()
TEXT_EXTRAS = " " + string.punctuation + string.digits
TCVN3_ALPHABET = VIETNAMESE_LOWER + TEXT_EXTRAS

# Real words with every tone and vowel, for "good Unicode is never touched".
WORDS = (
    "một hai ba bốn năm sáu bảy tám chín mười người được những không của và các có cho này với "
    "trong đã là ủy ban nhân dân xã huyện tỉnh nông thôn mới tiêu chí đạt chưa kinh tế hộ nghèo "
    "thu nhập bình quân đầu đường giao thông trường học văn hóa thủy lợi điện môi y quốc phòng an "
    "ninh tổ chức chính trị hệ thống nhà ở cư lao động việc làm quy hoạch thương mại nước sạch "
    "hợp tác kết quả thực hiện chương trình mục gia xây dựng báo cáo kiểm tra đánh giá giai đoạn "
    "nghị quyết định phê duyệt ngân sách vốn tư huy nguồn lực cộng hòa chủ nghĩa việt độc lập tự "
    "do hạnh phúc số tháng ngày giữ gìn quê hương phường nghìn triệu tỷ đồng khoảng dưới hơn ước "
    "hoàn thành khó khăn vướng mắc giải pháp nhiệm vụ trọng tâm khỏe ngoằn ngoèo khuỷu"
).split()
SENTENCES = [
    PARAGRAPH,
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc.",
    "Những người dân ở đây rất vui mừng; họ góp công, góp của, hiến đất làm đường.",
    "Kỹ thuật, hỗ trợ, bảo vệ, nghĩ ngợi, lữ khách, dễ dãi, thuở ấy, khuya khoắt, quyển vở.",
    "ĐƯỜNG GIAO THÔNG NÔNG THÔN ĐÃ ĐƯỢC CỨNG HÓA 100%.",
    "Ông Nguyễn Văn Hùng, Chủ tịch UBND xã Tân Phước, tỉnh Tiền Giang ký ngày 05/12/2023.",
]
ASCII_TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    "Report (c) 2023 -- NTM criteria 1-19, see http://example.org/?q=a&b=c",
    "Cong hoa xa hoi chu nghia Viet Nam",
    "Naïve café owners in Zürich paid 5 € © ® ± µ ¼ ½ ¾ « »",
]


# --- tables --------------------------------------------------------------------------------------

TCVN3_CASES = [
    ("Th«ng b¸o", "Thông báo"),
    ("Sè", "Số"),
    ("ngµy", "ngày"),
    ("th¸ng", "tháng"),
    ("n¨m", "năm"),
    ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
    ("§", "Đ"),
    ("®", "đ"),
    ("\u00ad", "ư"),
    ("¬", "ơ"),
    ("Ch\u00ad¬ng tr×nh n«ng th«n míi", "Chương trình nông thôn mới"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("x· Long §èng ®· ®¹t 14/19 tiªu chÝ", "xã Long Đống đã đạt 14/19 tiêu chí"),
    ("¡ ¢ £ ¤ ¥ ¦ §", "Ă Â Ê Ô Ơ Ư Đ"),
    (
        "kü thuËt, hç trî, b¶o vÖ, nghÜ ng¬i, l÷ kh¸ch, dÔ d·i, ý kiÕn, ph¶i",
        "kỹ thuật, hỗ trợ, bảo vệ, nghĩ ngơi, lữ khách, dễ dãi, ý kiến, phải",
    ),
]

VNI_CASES = [
    ("Thoâng baùo", "Thông báo"),
    ("oâ", "ô"),
    ("aù", "á"),
    ("ö", "ư"),
    ("ô", "ơ"),
    ("ñ", "đ"),
    ("Ñ", "Đ"),
    ("aê", "ă"),
    ("oä", "ộ"),
    ("öõ", "ữ"),
    ("OÂ", "Ô"),
    ("Chöông trình noâng thoân môùi", "Chương trình nông thôn mới"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
    ("kyõ thuaät, hoã trôï, ò, yù kieán, Kyø hoïp, thaéng, î", "kỹ thuật, hỗ trợ, ị, ý kiến, Kỳ họp, thắng, ỵ"),
]


@pytest.mark.parametrize(("legacy_text", "unicode_text"), TCVN3_CASES)
def test_tcvn3_known_phrases(legacy_text: str, unicode_text: str) -> None:
    assert decode_tcvn3(legacy_text) == unicode_text
    assert encode_tcvn3(unicode_text) == legacy_text


@pytest.mark.parametrize(("legacy_text", "unicode_text"), VNI_CASES)
def test_vni_known_phrases(legacy_text: str, unicode_text: str) -> None:
    assert decode_vni(legacy_text) == unicode_text
    assert encode_vni(unicode_text) == legacy_text


def test_tables_cover_every_letter() -> None:
    tcvn3 = dict(legacy._table("tcvn3.tsv"))
    vni = dict(legacy._table("vni.tsv"))
    lower = {c for c in LOWER + TONED if not c.isascii()}
    assert set(tcvn3) == lower | set("ĂÂÊÔƠƯĐ")
    assert set(vni) == lower | {c.upper() for c in lower}
    assert all(len(code) == 1 and 0xA1 <= ord(code) <= 0xFE for code in tcvn3.values())
    assert len(set(tcvn3.values())) == len(tcvn3) and len(set(vni.values())) == len(vni)


def test_tcvn3_toned_capitals_fold_to_lowercase_codes() -> None:
    # the .VnTimeH convention: "ỦY BAN" is typed with lowercase codes and drawn as capitals
    assert encode_tcvn3("ỦY BAN NHÂN DÂN") == "ñY BAN NH¢N D¢N"
    assert decode_tcvn3(encode_tcvn3("Ủy")) == "ủy"
    assert decode_tcvn3(encode_tcvn3("Đá")) == "Đá"  # one capital: a capitalised word


@pytest.mark.parametrize(
    "text",
    ["BÁO CÁO KẾT QUẢ", "UBND TỈNH LẠNG SƠN", "QUYẾT ĐỊNH", "Xã Tân Phước, Đồng Hỷ", "ĐẠT 19/19 TIÊU CHÍ"],
)
def test_tcvn3_words_in_capitals_decode_in_capitals(text: str) -> None:
    assert decode_tcvn3(encode_tcvn3(text)) == text


def test_vni_leaves_ascii_alone() -> None:
    text = "Plain ASCII: oa ua ie, a-z A-Z 0-9 !?"
    assert decode_vni(text) == text and decode_tcvn3(text) == text


def test_cp1258_writes_tone_marks_as_combining_characters() -> None:
    assert encode_cp1258("ộ") == b"\xf4\xf2"  # ô + combining dot below
    assert encode_cp1258("Ủy") == b"U\xd2y"  # U + combining hook above
    assert encode_cp1258("đường") == b"\xf0\xfd\xf5\xccng"
    assert decode_cp1258(b"\xf4\xf2 a\xcc") == "ộ à"


# --- round trips ---------------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.text(alphabet=TCVN3_ALPHABET, max_size=60))
def test_tcvn3_round_trip(text: str) -> None:
    assert decode_tcvn3(encode_tcvn3(text)) == text


@settings(max_examples=300)
@given(st.text(alphabet=VIETNAMESE + TEXT_EXTRAS, max_size=60))
def test_vni_round_trip(text: str) -> None:
    assert decode_vni(encode_vni(text)) == text


@settings(max_examples=300)
@given(st.text(alphabet=VIETNAMESE + TEXT_EXTRAS, max_size=60))
def test_cp1258_round_trip(text: str) -> None:
    assert decode_cp1258(encode_cp1258(text)) == text


# --- scoring and repair --------------------------------------------------------------------------


def test_score_ranks_unicode_above_mojibake() -> None:
    assert vietnamese_score(PARAGRAPH) > 0.95
    assert vietnamese_score(encode_tcvn3(PARAGRAPH)) < 0.5
    assert vietnamese_score(encode_vni(PARAGRAPH)) < 0.5
    assert vietnamese_score("") == 0.0 and vietnamese_score("12/19 - 2023") == 0.0
    assert 0.0 <= vietnamese_score(ASCII_TEXTS[0]) <= 1.0


@pytest.mark.parametrize("text", SENTENCES + ASCII_TEXTS)
def test_repair_leaves_good_text_alone(text: str) -> None:
    assert repair_legacy_text(text) == (text, None)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
def test_repair_never_touches_real_vietnamese(words: list[str]) -> None:
    text = " ".join(words)
    assert repair_legacy_text(text) == (text, None)
    assert repair_legacy_text(text.upper()) == (text.upper(), None)


# A few words read as other real words in TCVN3 ("một" -> "mét") or VNI ("bốn" -> "boán"), so a
# text made of nothing else cannot be told apart; fixed examples keep this test deterministic.
@settings(max_examples=200, derandomize=True)
@given(st.lists(st.sampled_from([w for w in WORDS if not w.isascii()]), min_size=8, max_size=30, unique=True))
def test_repair_finds_legacy_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    assert repair_legacy_text(encode_vni(text)) == (text, "vni")
    assert repair_legacy_text(encode_tcvn3(text)) == (text, "tcvn3")


@pytest.mark.parametrize(
    ("mojibake", "expected"),
    [
        (encode_tcvn3(PARAGRAPH), (PARAGRAPH_TCVN3, "tcvn3")),
        (encode_vni(PARAGRAPH), (PARAGRAPH, "vni")),
        ("b¸o c¸o kÕt qu¶ thùc hiÖn", ("báo cáo kết quả thực hiện", "tcvn3")),
        ("BAÙO CAÙO KEÁT QUAÛ", ("BÁO CÁO KẾT QUẢ", "vni")),
        ("Uû ban nh©n d©n x· T©n Ph\u00adíc", ("Uỷ ban nhân dân xã Tân Phước", "tcvn3")),
    ],
)
def test_repair_decodes_mojibake(mojibake: str, expected: tuple[str, str]) -> None:
    assert repair_legacy_text(mojibake) == expected


def test_decode_as_keeps_unicode_lines_of_a_mixed_text() -> None:
    mixed = "Cộng hòa xã hội chủ nghĩa Việt Nam\n" + encode_tcvn3("Báo cáo kết quả thực hiện")
    assert decode_as(mixed, "tcvn3") == "Cộng hòa xã hội chủ nghĩa Việt Nam\nBáo cáo kết quả thực hiện"
    assert decode_as(mixed, None) == mixed
    with pytest.raises(ValueError):
        decode_as(mixed, "koi8-r")


# --- decode_bytes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected", "encoding"),
    [
        (PARAGRAPH.encode("utf-8"), PARAGRAPH, "utf-8"),
        (PARAGRAPH.encode("utf-8-sig"), PARAGRAPH, "utf-8-sig"),
        (PARAGRAPH.encode("utf-16"), PARAGRAPH, "utf-16"),
        (b"\xfe\xff" + PARAGRAPH.encode("utf-16-be"), PARAGRAPH, "utf-16"),
        (unicodedata.normalize("NFD", PARAGRAPH).encode("utf-8"), PARAGRAPH, "utf-8"),
        (encode_cp1258(PARAGRAPH), PARAGRAPH, "cp1258"),
        (encode_tcvn3(PARAGRAPH).encode("cp1252"), PARAGRAPH_TCVN3, "tcvn3"),
        (encode_vni(PARAGRAPH).encode("cp1252"), PARAGRAPH, "vni"),
        (b"", "", "utf-8"),
    ],
    ids=["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-8-nfd", "cp1258", "tcvn3", "vni", "empty"],
)
def test_decode_bytes_recovers_paragraph(data: bytes, expected: str, encoding: str) -> None:
    assert decode_bytes(data) == (expected, encoding)


ENCODERS = {
    "cp1258": encode_cp1258,
    "tcvn3": lambda text: encode_tcvn3(text).encode("cp1252"),
    "vni": lambda text: encode_vni(text).encode("cp1252"),
}


@pytest.mark.parametrize("encoding", ENCODERS)
@pytest.mark.parametrize("text", SENTENCES[1:4])
def test_decode_bytes_on_short_texts(encoding: str, text: str) -> None:
    assert decode_bytes(ENCODERS[encoding](text)) == (text, encoding)


def test_decode_bytes_survives_bytes_cp1252_leaves_undefined() -> None:
    data = encode_tcvn3(PARAGRAPH).encode("cp1252") + b" \x81\x8d\x8f\x90\x9d"
    assert decode_bytes(data) == (PARAGRAPH_TCVN3 + " \x81\x8d\x8f\x90\x9d", "tcvn3")
    data = encode_cp1258(PARAGRAPH) + b" \x81\x8a\x9e"
    assert decode_bytes(data) == (PARAGRAPH + " \x81\x8a\x9e", "cp1258")


def test_binary_junk_raises() -> None:
    rng = random.Random(0)
    junk = bytes(rng.randrange(256) for _ in range(4096))
    with pytest.raises(BinaryContentError):
        decode_bytes(junk)
    with pytest.raises(BinaryContentError):
        decode_bytes(b"PK\x03\x04" + b"\x00" * 40 + PARAGRAPH.encode())


def test_undecidable_bytes_raise_one_line_error() -> None:
    rng = random.Random(1)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(2048))
    with pytest.raises(UnknownEncodingError) as caught:
        decode_bytes(noise)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ValueError)
    with pytest.raises(UnknownEncodingError):
        decode_bytes(b"\xff\xfe\x00")  # odd-length UTF-16 after a BOM
