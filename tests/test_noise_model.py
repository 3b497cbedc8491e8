"""The noise model of benchmarks/bench_noisy.py (ntm/noise.py): fast, no pipeline run."""
from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from ntm.normalize.vntext import bare, levenshtein
from ntm.noise import (NAME_CORRUPTIONS, Noise, hard_wrap, letter_doubled, letter_dropped, later_syllable_lower,
                       noise_folder, ocr_noise)

PARAGRAPH = ("Đến hết năm 2023, toàn huyện có 08 xã đạt chuẩn nông thôn mới, bình quân đạt 15,5 tiêu chí/xã; "
             "xã Hữu Lễ đạt 19/19 tiêu chí, xã Vĩnh Quý còn 02 tiêu chí chưa đạt (Tiêu chí số 13 về Tổ chức sản "
             "xuất và Tiêu chí số 17 về Môi trường và an toàn thực phẩm). Kinh phí huy động 1.850 triệu đồng, "
             "trong đó ngân sách Trung ương 1.005 triệu đồng; thời hạn hoàn thành trước ngày 15/12/2024.")
TEXT = "\n".join([PARAGRAPH] * 12 + ["", "Số: 12/TB-UBND", "Nơi nhận:", "- Như trên;"])


@pytest.mark.parametrize("width", [20, 60, 72, 90])
def test_hard_wrap_keeps_every_word_in_order_and_the_width(width: int) -> None:
    wrapped = hard_wrap(TEXT, width)
    assert wrapped.split() == TEXT.split()
    assert all(len(line) <= width or " " not in line for line in wrapped.split("\n"))


def test_hard_wrap_never_breaks_a_word_longer_than_the_width() -> None:
    assert hard_wrap("xã ĐứcQuangThượngHạ đạt", 5).split("\n") == ["xã", "ĐứcQuangThượngHạ", "đạt"]


def test_hard_wrap_keeps_short_lines_blank_lines_and_crlf() -> None:
    text = "Số: 12/TB-UBND\r\n\r\n" + PARAGRAPH
    wrapped = hard_wrap(text, 70)
    assert wrapped.startswith("Số: 12/TB-UBND\r\n\r\n")
    assert "\r\n" in wrapped[20:] and "\n" not in wrapped.replace("\r\n", "")


def _changed_characters(before: str, after: str) -> int:
    """Edit distance line by line: ocr_noise never touches a line break, so lines stay aligned."""
    pairs = zip(before.split("\n"), after.split("\n"), strict=True)
    return sum(levenshtein(a, b, limit=len(a) + len(b)) for a, b in pairs)


@pytest.mark.parametrize("cer", [0.005, 0.02, 0.05])
def test_ocr_noise_changes_about_the_stated_share_of_characters(cer: float) -> None:
    noisy = ocr_noise(TEXT, cer, seed=7)
    changed = _changed_characters(TEXT, noisy)
    assert abs(changed - cer * len(TEXT)) <= max(2, 0.1 * cer * len(TEXT))


def test_ocr_noise_is_three_quarters_marks_the_rest_digits_and_lost_spaces() -> None:
    noisy = ocr_noise(TEXT, 0.05, seed=3)
    total = round(0.05 * len(TEXT))
    rest = total - round(0.75 * total)
    assert TEXT.count(" ") - noisy.count(" ") == round(0.2 * rest)
    marks = digits = 0
    for before, after in zip(TEXT.split("\n"), noisy.split("\n")):
        if len(before) != len(after):
            continue  # a space was dropped in this line: characters no longer align
        for a, b in zip(before, after):
            if a != b and bare(a) == bare(b):
                marks += 1
            elif a != b and (a.isdigit() or b.isdigit()):
                digits += 1
    assert marks > 0 and digits > 0
    assert 0.6 <= marks / (marks + digits) <= 0.9


def test_ocr_noise_is_deterministic_for_a_seed_and_keeps_nfc() -> None:
    first = ocr_noise(TEXT, 0.02, seed=11)
    assert first == ocr_noise(TEXT, 0.02, seed=11)
    assert first != ocr_noise(TEXT, 0.02, seed=12)
    assert unicodedata.is_normalized("NFC", first)
    assert unicodedata.is_normalized("NFC", ocr_noise(unicodedata.normalize("NFD", TEXT), 0.02, seed=11))


def test_ocr_noise_keeps_line_breaks() -> None:
    assert ocr_noise(TEXT, 0.05, seed=1).count("\n") == TEXT.count("\n")


def test_ocr_noise_at_zero_rate_changes_nothing() -> None:
    assert ocr_noise(TEXT, 0.0, seed=1) == TEXT


def test_name_corruptions_of_the_notice_benchmark() -> None:
    rng = random.Random(1)
    assert later_syllable_lower("Vĩnh Quý", rng) == "Vĩnh quý"
    assert letter_doubled("Đồng Loan", rng) in {"Đồnng Loan", "Đồngg Loan", "Đồng Looan", "Đồng Loaan",
                                                "Đồng Loann"}
    assert letter_dropped("Minh Long", rng) in {"Mnh Long", "Mih Long", "Min Long", "Minh Lng", "Minh Log",
                                                 "Minh Lon"}
    assert letter_dropped("A B", rng) is None  # never a syllable's first letter
    for kind, corrupt in NAME_CORRUPTIONS.items():
        out = corrupt("Đồng Hòa", random.Random(kind))
        assert out is None or unicodedata.is_normalized("NFC", out), kind


def test_noise_folder_noises_text_keeps_nfd_and_copies_the_rest(tmp_path: Path) -> None:
    source, target = tmp_path / "raw", tmp_path / "noisy"
    (source / "sub").mkdir(parents=True)
    (source / "a.txt").write_text(PARAGRAPH, "utf-8")
    (source / "sub" / "b.md").write_text(unicodedata.normalize("NFD", PARAGRAPH), "utf-8")
    (source / "c.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (source / "d.txt").write_bytes("Xã Hữu Lễ đạt 19/19 tiêu chí.".encode("cp1258", errors="ignore"))
    report = noise_folder(source, target, Noise(cer=0.02, wrap=60, seed=5))
    assert sorted(report.noised) == ["a.txt", "d.txt", "sub/b.md"]
    assert report.copied == ["c.docx"] and report.decoded_legacy == ["d.txt"]
    assert (target / "c.docx").read_bytes() == (source / "c.docx").read_bytes()
    wrapped = (target / "a.txt").read_text("utf-8")
    assert max(map(len, wrapped.split("\n"))) <= 60 and wrapped != hard_wrap(PARAGRAPH, 60)
    nfd_out = (target / "sub" / "b.md").read_text("utf-8")
    assert unicodedata.is_normalized("NFD", nfd_out) and not unicodedata.is_normalized("NFC", nfd_out)
    (target / "d.txt").read_bytes().decode("utf-8")
