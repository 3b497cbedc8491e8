"""Vietnamese-aware name keys: tone placement, tone marks, hooks and case, compared syllable by syllable."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import regex

TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}


LOWER_CASE_CAPITALS = 0.002  # capitalised words per character below which a text was typed in lower case throughout
_CAPITAL = regex.compile(r"(?<!\p{L})\p{Lu}(?=\p{Ll})")  # a word's capital: acronyms ('NTM', 'VPĐP') are typed so anyway


@lru_cache(maxsize=8)  # asked by the units, the header and the findings of one document
def typed_in_lower_case(text: str) -> bool:
    """A text typed all in lower case ('số: 215/tb-ubnd', 'ủy ban nhân dân huyện triệu sơn'): capitals say nothing
    of names, sentence starts or a heading there. Acronyms in capitals ('NTM', '47/VPĐP-NTM') and a few stray
    capitalised words are allowed."""
    if len(text) < 300:
        return False
    allowed = LOWER_CASE_CAPITALS * len(text)
    for count, _ in enumerate(_CAPITAL.finditer(text), 1):
        if count > allowed:  # a typical report passes the limit within its first page: no need to count them all
            return False
    return True


_WHITESPACE_RUN = regex.compile(r"\s+")


@lru_cache(maxsize=4096)  # cue phrases: a few, written a few ways, looked up again and again
def spaced_lower(text: str) -> str:
    """The text in lower case with each run of whitespace one space: how a cue as written is looked up in its
    table ('Chưa  đạt' -> 'chưa đạt')."""
    return _WHITESPACE_RUN.sub(" ", text.lower())


_SMALL_LETTER = regex.compile(r"\p{Ll}")
_CAPITAL_LETTER = regex.compile(r"\p{Lu}")


def in_capitals(text: str, small_allowed: int = 1, min_capitals: int = 1) -> bool:
    """A line typed in capitals ('UBND HUYỆN BẮC SƠN'), a few small letters allowed: TCVN3 has no capital 'Ã'
    ('Xã ĐẠT CHUẨN ...')."""
    return len(_SMALL_LETTER.findall(text)) <= small_allowed and len(_CAPITAL_LETTER.findall(text)) >= min_capitals


def code_points(text: str) -> np.ndarray:
    """The text's characters as an array of code points, for lookups over a whole text at once."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def split_tone(syllable: str) -> tuple[str, str]:
    """('hoa', '2') for 'hoà' and 'hòa' alike: the toneless syllable (hooks kept) and its tone."""
    tone = "0"
    kept = []
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def without_marks(text: str) -> str:
    """Every mark and hook removed, đ -> d, case kept ('CỘNG HÒA' -> 'CONG HOA', 'Đống' -> 'Dong')."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def bare(syllable: str) -> str:
    """Letters only: every mark and hook removed, đ -> d ('Đống' -> 'dong')."""
    return without_marks(syllable.lower())


_VIETNAMESE_VOWELS = ("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩị"
                      "oòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ")
# the Latin alphabet and every Vietnamese letter, in both cases: letters whose case regex's IGNORECASE pairs as
# str.lower() does
VIETNAMESE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzđ" + _VIETNAMESE_VOWELS
                               + ("abcdefghijklmnopqrstuvwxyzđ" + _VIETNAMESE_VOWELS).upper())


@lru_cache(maxsize=1)
def _letters_by_bare() -> dict[str, str]:
    letters: dict[str, str] = {"d": "dđDĐ"}
    for ch in _VIETNAMESE_VOWELS:
        letters[bare(ch)] = letters.get(bare(ch), "") + ch + ch.upper()
    return letters


def any_marks_pattern(word: str) -> str:
    """A regex for `word` written with any marks or none, in any case ('ngày' matches 'ngay', 'NGÀY', 'ngãy'): for
    a word that a fixed frame already identifies (the 'ngày ... tháng ... năm' of a date line)."""
    letters = _letters_by_bare()
    return "".join(f"[{letters[bare(ch)]}]" if bare(ch) in letters
                   else f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else re.escape(ch) for ch in nfc(word))


def syllables(name: str) -> list[str]:
    return [s for s in nfc(name).replace("-", " ").split() if s]


@lru_cache(maxsize=262144)
def placement_key(name: str) -> str:
    """Equal for names that differ only in case or old/new tone placement (Nhất Hoà = Nhất Hòa)."""
    return " ".join("".join(split_tone(s)) for s in syllables(name))


@lru_cache(maxsize=262144)
def bare_key(name: str) -> str:
    """Equal for names that differ only in marks (Long Đông = Long Đống = long dong)."""
    return " ".join(bare(s) for s in syllables(name))


@lru_cache(maxsize=262144)
def stroke_key(name: str) -> str:
    """Equal for names that differ only in đ typed as d (on a keyboard without Vietnamese: 'Dạo Dức' = 'Đạo Đức'),
    case or tone placement."""
    return placement_key(name).replace("đ", "d")


@lru_cache(maxsize=262144)
def spacing_key(name: str) -> str:
    """Equal for names that differ only in spacing, case or tone placement ('Tân HiệpA' = 'Tân Hiệp A')."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFD", nfc(name).lower()):
        if ch in TONE_MARKS:
            tones.append(TONE_MARKS[ch])
        elif not ch.isspace() and ch != "-":
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)) + "|" + "".join(tones)


@lru_cache(maxsize=262144)
def mark_differences(a: str, b: str) -> int | None:
    """Number of syllables whose marks differ, when the letters are the same; None otherwise."""
    sa, sb = syllables(a), syllables(b)
    if len(sa) != len(sb) or any(bare(x) != bare(y) for x, y in zip(sa, sb)):
        return None
    return sum(split_tone(x) != split_tone(y) for x, y in zip(sa, sb))


def levenshtein(a: str, b: str, limit: int = 3) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@lru_cache(maxsize=262144)
def syllable_edit(a: str, b: str) -> int | None:
    """Edits between two names that have the same syllable count and differ in one syllable, a letter being written
    with its hook: a letter added, dropped or replaced is one edit, and a changed tone one more, unless the letter
    dropped was the vowel that carried the tone ('Tp' for 'Tập', 'Phưc' for 'Phước': one edit). 'Đồnng' for 'Đồng'
    is one edit; 'Long' for 'Đồng' is three (two letters and a tone)."""
    sa, sb = syllables(a), syllables(b)
    if len(sa) != len(sb):
        return None
    differing = [(x, y) for x, y in zip(sa, sb) if "".join(split_tone(x)) != "".join(split_tone(y))]
    if len(differing) != 1:
        return None if differing else 0
    (x, tone_x), (y, tone_y) = (split_tone(s) for s in differing[0])
    letters = levenshtein(x, y)
    if tone_x == tone_y:
        return letters
    shorter, tone_of_shorter, longer = (x, tone_x, y) if len(x) < len(y) else (y, tone_y, x)
    if letters == 1 and len(longer) == len(shorter) + 1 and tone_of_shorter == "0" and _drops_a_vowel(longer, shorter):
        return 1
    return letters + 1


_VOWELS = set("aăâeêioôơuưy")


def _drops_a_vowel(longer: str, shorter: str) -> bool:
    return any(longer[:i] + longer[i + 1:] == shorter and bare(longer[i]) in _VOWELS for i in range(len(longer)))


def same_name(a: str, b: str) -> bool:
    return placement_key(a) == placement_key(b)
