"""The domain's closed vocabulary read through small errors: a phrase of the programme with one syllable's marks
wrong ("tiêu chỉ", "Sở xã đạt", "BẢO CÁO"), a digit read for a letter inside a document symbol ("U8ND") or a letter
read for a digit inside a count ("l4/19", "O5 xã"). Every repair keeps the text's length, so offsets stay valid,
and is listed so the document can say what was read differently. A reading that is itself a phrase of the
vocabulary, or a real phrase the table names, is left alone: a repair never creates another cue."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.caseless import guard_after_first_letter, reads_alike, stdlib_pattern
from ntm.normalize.char_tables import (capitals_in_plane, codes_in_plane, digits_in_plane, followed_by,
                                       letters_in_plane, member, number_starts, side_by_side, small_letters_in_plane)
from ntm.normalize.fast_pattern import FastPattern
from ntm.normalize.phrase_pattern import phrase_alternation
from ntm.normalize.vntext import bare_key, code_points, mark_differences, placement_key, without_marks

_WORD = regex.compile(r"\p{L}+")
_SYMBOL_PART = regex.compile(r"(?<=\d/|[-/])[A-ZĐ0-9&]{2,8}(?=[-\s,.;:)]|$)", regex.MULTILINE)
_CAPITAL_BESIDE_DIGIT = re.compile(r"[0-9]&*[A-ZĐ]|[A-ZĐ]&*[0-9]")
_ACRONYM = FastPattern(r"(?<![\p{L}\d/\-])(?=[A-ZĐ0-9]*\d)(?=[A-ZĐ0-9]*[A-ZĐ])[A-ZĐ0-9]{3,8}(?![\p{L}\d/\-])")
_DIGIT_AS_LETTER = str.maketrans({"8": "B", "0": "O", "1": "I", "5": "S"})
# where the grammar expects a number: a count or date written with slashes ("l4/19", "08/S/2023"), a count before
# its noun ("O5 xã"), the number after a date word or 'số' ("tháng 1l", "Tiêu chí số 1l")
_NUMBER_TOKEN = regex.compile(
    r"(?=[\dlIOoSB])"  # every token opens with one of these: the scan skips other characters fast
    r"(?:(?<![\p{L}\d])(?P<t>[\dlIOoSB]{1,4}(?:/[\dlIOoSB]{1,4}){1,2})(?![\p{L}\d]|-\p{L})"  # '09/BB-ĐTT' is a symbol
    r"|(?<![\p{L}\d])(?P<t>[\dOoSlIB]{2})(?=\s+(?:xã|thôn|bản|tiêu\s*chí)(?!\p{L}))"
    r"|(?<=(?<!\p{L})(?i:ngày|tháng|năm|quý|số)[ \t]+)(?P<t>[\dlIOoS]{1,4})(?![\p{L}\d])"
    # an amount before its unit ("2l.300 triệu đồng"), a document's number before its symbol ("22l8/SNN-VPĐP")
    r"|(?<![\p{L}\d.,])(?P<t>[\dlIOoSB]{1,3}(?:[.,][\dlIOoSB]{1,3})+)(?=[ \t]*(?i:triệu|tỷ|tỉ|nghìn|ngàn|đồng|%))"
    r"|(?<![\p{L}\d/])(?P<t>[\dlIOoSB]{2,5})(?=/[A-ZĐ])"
    # a numbered item of a list after its colon or comma, before a dash and a name ('tiêu chí: l0 – Thu nhập')
    r"|(?<=[:,;][ \t]*)(?P<t>[\dlIO]{2})(?=[ \t]*[-–][ \t]+\p{Lu}))")
# a number's digits (`re` reads \d as `regex` does): the gaps before numbers are found from them back
_DIGIT_RUN = re.compile(r"\d+")
_WORD_AFTER_NUMBER = FastPattern(  # opening with the digit, not the guard: `re` skips to the digits
    r"\d(?<![\p{L}\d/.,]\d)\d{0,2}[ \t]+(?P<word>\p{L}{2,5})(?!\p{L})")
_MARKED_VOWEL = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵăâêôơư"
_MISREAD_BULLET = regex.compile(r"(?m)^[~¬](?=[ \t]+\S)")
_GLUED_DIGIT_BEFORE_NAME = regex.compile(r"(?<![\p{L}\d.,/])(?P<digit>[805])(?P<letters>[a-zđ]{1,5})(?=[ \t]+\p{Lu}\p{Ll})")
_GLUED_AS_LETTER = str.maketrans({"8": "B", "0": "O", "5": "S", "1": "l"})
_GLUED_DIGIT = regex.compile(rf"(?<![\p{{L}}\d.,/])[8051](?=\p{{Ll}}*[{_MARKED_VOWEL}]\p{{Ll}}*(?!\p{{L}}))")
_NUMBER_SEPARATORS = str.maketrans("", "", "/.,")
_LETTER_AS_DIGIT = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0", "S": "5", "B": "8"})


@dataclass(frozen=True)
class Repair:
    start: int
    written: str
    read_as: str


@dataclass(frozen=True)
class Vocabulary:
    phrases: dict[str, list[str]]  # bare key -> canonical phrases
    lengths: tuple[int, ...]  # word counts of the phrases, longest first
    protected: frozenset[str]  # placement keys never repaired: the phrases themselves and real neighbours
    symbol_parts: frozenset[str]
    before_number: dict[str, str]  # bare key -> word, for words only read so where a number follows
    after_number: dict[str, str]  # bare key -> word, for words only read so right after a number
    measures: frozenset[str]  # unit letters a number may be glued to ('5km'), never a misread name
    openers: frozenset[str]  # bare first words of the phrases: no other word can open one


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    phrases: dict[str, list[str]] = {}
    protected: set[str] = set()
    parts: set[str] = set()
    before_number: dict[str, str] = {}
    after_number: dict[str, str] = {}
    measures: set[str] = set()
    for line in (Path(__file__).parent / "data" / "closed_vocabulary.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, text, *rest = line.split("\t")
        if kind == "symbol":
            parts.add(text)
            continue
        if kind == "measure":
            measures.add(text)
            continue
        if kind in ("before_number", "after_number"):
            (before_number if kind == "before_number" else after_number)[bare_key(text)] = text
            protected.update(placement_key(n) for n in (rest[0].split("|") if rest and rest[0] else []))
            continue
        phrases.setdefault(bare_key(text), []).append(text)
        protected.add(placement_key(text))
        for neighbour in (rest[0].split("|") if rest and rest[0] else []):
            protected.add(placement_key(neighbour))
    lengths = tuple(sorted({len(p.split()) for ps in phrases.values() for p in ps}, reverse=True))
    return Vocabulary(phrases, lengths, frozenset(protected), frozenset(parts), before_number, after_number,
                      frozenset(measures), frozenset(key.split(" ")[0] for key in phrases))


@dataclass(frozen=True)
class Reading:
    text: str  # the text with its repairs made (the same length)
    repairs: list[Repair]
    phrases_read: int  # phrases of the vocabulary read, right or repaired: how often the reading could go wrong
    phrases_misread: int  # ... of them read through a wrong mark

    @property
    def misreading_rate(self) -> float:
        """The share of the vocabulary's phrases this reading got wrong: its own rate of scattered misreadings."""
        return self.phrases_misread / self.phrases_read if self.phrases_read else 0.0


def read(text: str) -> Reading:
    phrase_repairs, phrases_read = _phrase_repairs(text)
    repairs = (phrase_repairs + _word_before_number_repairs(text) + _word_after_number_repairs(text)
               + _symbol_repairs(text) + _count_repairs(text) + _glued_digit_repairs(text) + _bullet_repairs(text)
               + _capital_word_repairs(text))
    if not repairs:
        return Reading(text, [], phrases_read, 0)
    chars = list(text)
    for r in repairs:
        chars[r.start:r.start + len(r.written)] = r.read_as
    return Reading("".join(chars), _one_per_place(repairs), phrases_read, len(phrase_repairs))


def repair(text: str) -> tuple[str, list[Repair]]:
    reading = read(text)
    return reading.text, reading.repairs


def _one_per_place(repairs: list[Repair]) -> list[Repair]:
    """One repair for each misread place: 'tiểu chí' repaired as a phrase is not counted again as the word after
    a number ('4 tiểu')."""
    kept: list[Repair] = []
    for r in sorted(repairs, key=lambda r: (r.start, -len(r.written))):
        if kept and r.start < kept[-1].start + len(kept[-1].written):
            continue
        kept.append(r)
    return kept


@lru_cache(maxsize=1)
def _phrase_keys() -> list[str]:
    """The phrases' keys (no marks, lower case) made of words only, longest first."""
    return sorted((key for key in vocabulary().phrases if regex.fullmatch(r"\p{L}+(?: \p{L}+)*", key)),
                  key=len, reverse=True)


@lru_cache(maxsize=1)
def _phrase_pattern() -> regex.Pattern:
    """Any phrase of the vocabulary as whole words apart by one space, in text stripped of marks and case."""
    return regex.compile(r"(?<!\p{L})" + phrase_alternation(_phrase_keys(), space=" ") + r"(?!\p{L})")


@lru_cache(maxsize=1)
def _phrase_pattern_for_re() -> re.Pattern:
    return re.compile(guard_after_first_letter(stdlib_pattern(_phrase_pattern().pattern)))


@lru_cache(maxsize=1)
def _phrase_pattern_by_initials() -> re.Pattern | None:
    """_phrase_pattern for the text as _initials_reading writes it: each word of a phrase with its first letter small
    and its others capitals, and no guard before it (a small letter there opens a word). `re` tries it only at the
    letters that open words, not at every letter. None when a phrase is not of plain small letters a-z."""
    keys = _phrase_keys()
    if not keys or not all(regex.fullmatch(r"[a-z]+(?: [a-z]+)*", key) for key in keys):
        return None
    by_initials = [" ".join(word[0] + word[1:].upper() for word in key.split(" ")) for key in keys]
    return re.compile(stdlib_pattern(phrase_alternation(by_initials, space=" ") + r"(?!\p{L})"))


def _initials_reading(bare_text: str) -> str:
    """The unmarked lower-case text (all in the plane) with every letter a-z that follows a letter made a capital:
    the small letters a-z left are those that open a word. The same length."""
    codes = code_points(bare_text)
    letter = letters_in_plane(codes)
    later = np.zeros(len(codes), dtype=bool)
    later[1:] = letter[1:] & letter[:-1]
    small = (codes >= ord("a")) & (codes <= ord("z"))
    return np.where(later & small, codes - 32, codes).astype(np.uint32).tobytes().decode("utf-32-le")


@lru_cache(maxsize=1)
def _phrases_as_written() -> frozenset[str]:
    """The phrases in lower case exactly as the table writes them (a capital would need the sentence checked)."""
    return frozenset(p for ps in vocabulary().phrases.values() for p in ps if p[:1].islower())


@lru_cache(maxsize=8)
def _up_to_words_apart(n: int) -> regex.Pattern:
    return regex.compile(r"\p{L}+" + r"(?: \p{L}+)" + f"{{0,{n - 1}}}")


@lru_cache(maxsize=1)
def _unmarking_table() -> dict[int, str | None]:
    """str.translate table: every precomposed Latin letter to its letter without marks (đ -> d), combining marks
    dropped."""
    table: dict[int, str | None] = {code: None for code in range(0x300, 0x370)}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        plain = without_marks(chr(code))
        if len(plain) == 1 and plain != chr(code):
            table[code] = plain
    return table


@lru_cache(maxsize=1)
def _unmarking_lookup() -> np.ndarray:
    """The unmarking table as an array indexed by code point, for the letters it changes (none is dropped)."""
    lookup = np.arange(max(_unmarking_table()) + 1, dtype=np.uint32)
    for code, plain in _unmarking_table().items():
        if plain is not None:
            lookup[code] = ord(plain)
    return lookup


def unmarked(text: str) -> str | None:
    """text.translate(_unmarking_table()) looked up for all characters at once (str.translate looks each up in a
    dict: five times slower); None when the text holds a combining mark, which the table drops."""
    codes = code_points(text)
    if ((codes >= 0x300) & (codes < 0x370)).any():
        return None
    lookup = _unmarking_lookup()
    plain = np.where(codes < len(lookup), lookup[np.minimum(codes, len(lookup) - 1)], codes)
    return plain.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=1)
def _unmarked_lower_table() -> tuple[np.ndarray, np.ndarray]:
    """For each character of the Basic Multilingual Plane: what unmarked(...).lower() makes of it, and whether it
    cannot be read so one character at a time (a combining mark, which unmarking drops; 'İ', which lower-cases to
    two characters; 'Σ', which lower-cases by what stands around it)."""
    lookup = _unmarking_lookup()
    table = np.zeros(0x10000, dtype=np.uint32)
    odd = np.zeros(0x10000, dtype=bool)
    for code in range(0x10000):
        plain = int(lookup[code]) if code < len(lookup) else code
        low = chr(plain).lower()
        if len(low) == 1 and plain != 0x3A3 and not 0x300 <= code < 0x370:
            table[code] = ord(low)
        else:
            odd[code] = True
    return table, odd


def unmarked_lower(text: str) -> str | None:
    """unmarked(text).lower() by one table lookup for all characters; None when a character needs more (see
    _unmarked_lower_table) or lies beyond the plane."""
    codes = codes_in_plane(text)
    if codes is None:
        return None
    table, odd = _unmarked_lower_table()
    if np.take(odd, codes).any():
        return None
    return np.take(table, codes).tobytes().decode("utf-32-le", "surrogatepass")


def warm_up() -> None:
    """Build the lookup tables before a pool forks its workers."""
    _unmarked_lower_table()


def _phrase_repairs(text: str) -> tuple[list[Repair], int]:
    """Every phrase of the vocabulary read through one wrong mark, found by one pattern over the text stripped of
    its marks instead of a key for every word (the same reading as `_phrase_repairs_by_word`, which a text whose
    marks do not strip letter for letter still takes)."""
    bare_text = unmarked_lower(text)
    if bare_text is None:
        bare_text = unmarked(text)
        bare_text = bare_text.lower() if bare_text is not None else ""
    if len(bare_text) != len(text):  # a combining mark dropped, or a letter that lower-cases to two
        return _phrase_repairs_by_word(text)
    vocab = vocabulary()
    scanned, pattern = bare_text, _phrase_pattern()
    if reads_alike(bare_text):
        pattern = _phrase_pattern_by_initials() or _phrase_pattern_for_re()
        if pattern is _phrase_pattern_by_initials():
            scanned = _initials_reading(bare_text)
    repairs = []
    read = 0
    written_right = _phrases_as_written()
    scan = pattern.finditer(scanned)
    while (found_at := next(scan, None)) is not None:
        start = position = found_at.start()
        if text[start:found_at.end()] in written_right:
            read += 1  # the phrase itself, as the table writes it: nothing to repair; the scan goes on past it
            continue
        # the words one space apart from here, as many as the longest phrase has: the first n of them are what a
        # match of n such words finds (each word is a whole run of letters)
        run = _up_to_words_apart(max(vocab.lengths)).match(bare_text, start)
        words = run.group().split(" ") if run else []
        for n in vocab.lengths:
            if n > len(words) or (key := " ".join(words[:n])) not in vocab.phrases:
                continue
            window_end = start + len(key)
            written = text[start:window_end]
            if written[:1].isupper() and not written.isupper() and not _opens_sentence(text, start):
                continue  # a capital inside a sentence belongs to a name ('xã Mường Khong đạt', not 'không đạt')
            found = _fix_written(written)
            if found is not None:
                if found != written:
                    repairs.append(Repair(start, written, found))
                position = window_end  # the words of a phrase already read open no other
                read += 1
                break
        else:
            position = start + 1
        if position != found_at.end():
            scan = pattern.finditer(scanned, position)
    return repairs, read


def _phrase_repairs_by_word(text: str) -> tuple[list[Repair], int]:
    vocab = vocabulary()
    words = list(_WORD.finditer(text))
    keys = [bare_key(w) for w in _WORD.findall(text)]
    repairs = []
    read = 0
    resume = 0  # the words of a phrase already read open no other
    for i in [i for i, key in enumerate(keys) if key in vocab.openers]:
        if i < resume:
            continue
        for n in vocab.lengths:
            window = words[i:i + n]
            if len(window) < n or " ".join(keys[i:i + n]) not in vocab.phrases or not _one_line_phrase(text, window):
                continue
            written = text[window[0].start():window[-1].end()]
            if written[:1].isupper() and not written.isupper() and not _opens_sentence(text, window[0].start()):
                continue  # a capital inside a sentence belongs to a name ('xã Mường Khong đạt', not 'không đạt')
            found = _fix_written(written)
            if found is not None:
                if found != written:
                    repairs.append(Repair(window[0].start(), written, found))
                resume = i + n
                read += 1
                break
    return repairs, read


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start].rstrip(" \t")
    return not before or before[-1] in ".:;!?\n(-–+•*\"'" or rx.search(r"(?:^|\n)\s*(?:\d{1,2}[.)]|[IVX]{1,4}\.)$", before)


def _one_line_phrase(text: str, window) -> bool:
    """Words of one phrase: single spaces between them, no line break or punctuation."""
    return all(text[a.end():b.start()] == " " for a, b in zip(window, window[1:]))


@lru_cache(maxsize=8192)  # a report writes the same phrases again and again
def _fix_written(written: str) -> str | None:
    return _fix(written, vocabulary())


def _fix(written: str, vocab: Vocabulary) -> str | None:
    """The phrase `written` stands for (itself when right), or None when it is none of the vocabulary's."""
    candidates = vocab.phrases.get(bare_key(written))
    if not candidates:
        return None
    key = placement_key(written)
    if key in vocab.protected:
        if _two_tones(written):  # 'trìệu đồng': a stray tone beside the right one, the phrase's key all the same
            same = [c for c in candidates if placement_key(c) == key and len(c) == len(written)]
            return _in_case_of(written, same[0]) if len(same) == 1 else written
        return written
    words = written.split()
    if sum(w[:1].isupper() for w in words) >= 2 and not written.isupper():
        return None  # Title Case: a name ("Bình Quán"), not the phrase
    close = [c for c in candidates if mark_differences(c, written) == 1]
    if len(close) != 1 or len(close[0]) != len(written):
        return None
    return _in_case_of(written, close[0])


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _two_tones(written: str) -> bool:
    return any(sum(ch in _TONE_MARKS for ch in unicodedata.normalize("NFD", w)) >= 2 for w in written.split())


def _word_before_number_repairs(text: str) -> list[Repair]:
    """'ngàỳ 18/01/2023', 'thàng 11', 'nằm 2023': the date words where a number follows them."""
    return _context_word_repairs(text, _words_before_numbers(text), vocabulary().before_number)


def _words_before_numbers(text: str):
    """(start, word) of every word of 2 to 6 letters followed by spaces and a digit. Found from the digits back:
    a pattern that tried every word of the text cost four times as much."""
    for gap_start, wraps in _gaps_before_numbers(text):
        end = start = gap_start
        while start > 0 and text[start - 1].isalpha() and end - start <= 6:
            start -= 1
        if 2 <= end - start <= 6 and not (start > 0 and text[start - 1].isalpha()) \
                and not (wraps and text[start].isupper()):  # a name ending a line: 'Hoài Nam⏎2.'
            yield start, text[start:end]


def _gaps_before_numbers(text: str):
    """(start, whether it wraps) of every gap of spaces and tabs, with one line break at most, between a letter and
    a number (a hard wrap may stand between): from each number's first digit back over the gap."""
    for end in _digit_run_starts(text):
        start = end
        while start > 0 and text[start - 1] in " \t\n":
            start -= 1
        if start < end and start > 0 and text[start - 1].isalpha():
            breaks = text.count("\n", start, end)
            if breaks <= 1:
                yield start, breaks == 1


def _digit_run_starts(text: str):
    """Where _DIGIT_RUN's matches start."""
    if codes_in_plane(text) is None:
        return [m.start() for m in _DIGIT_RUN.finditer(text)]
    return number_starts(text)


def _word_after_number_repairs(text: str) -> list[Repair]:
    """'11 thon (', '03 xa đạt': a unit word right after a count."""
    return _context_word_repairs(text, ((m.start("word"), m.group("word")) for m in _WORD_AFTER_NUMBER.finditer(text)),
                                 vocabulary().after_number)


def _context_word_repairs(text: str, places, words: dict[str, str]) -> list[Repair]:
    """Single words that only the place they stand in lets us read back: `places` are (start, word) found there."""
    repairs = []
    protected = vocabulary().protected
    for start, written in places:
        right = words.get(bare_key(written))
        if right and written.lower() != right and len(right) == len(written) \
                and placement_key(written) not in protected \
                and not (written[:1].isupper() and not written.isupper() and not _opens_sentence(text, start)):
            # a capital inside a sentence belongs to a name ('thôn Phú Ân Nam 2', not 'năm 2')
            repairs.append(Repair(start, written, _in_case_of(written, right)))
    return repairs


def _in_case_of(written: str, right: str) -> str:
    return "".join(r.upper() if w.isupper() else r for w, r in zip(written, right))


def _bullet_repairs(text: str) -> list[Repair]:
    """'~ Tiêu chí số 5': a scanned dash that opens a list item, read as a tilde."""
    if "~" not in text and "¬" not in text:  # (str's search: the pattern's scan tries every line start)
        return []
    return [Repair(m.start(), m.group(0), "-") for m in _MISREAD_BULLET.finditer(text)]


def _digit_before_small_letter(text: str) -> bool:
    """Whether a digit that _GLUED_DIGIT or _GLUED_DIGIT_BEFORE_NAME opens with ('8', '0', '5', '1') has a small
    letter right after it somewhere in the text (True when the tables cannot tell)."""
    codes = codes_in_plane(text)
    return codes is None or bool(followed_by(member(codes, "8051"), small_letters_in_plane(codes)).any())


def _glued_digit_repairs(text: str) -> list[Repair]:
    """'Bó 8ả', 'Đồng 8ằng', '5ơn', 'còn 1ại': a digit glued to the marked letters of a syllable is a letter misread;
    so is one glued to plain letters that a capitalised word follows ('5am Mứn'), unless they are a measure ('5km')."""
    if not _digit_before_small_letter(text):
        return []  # both patterns open with a digit that a small letter follows
    measures = vocabulary().measures
    repairs = [Repair(m.start(), m.group(0), m.group(0).translate(_GLUED_AS_LETTER)) for m in _GLUED_DIGIT.finditer(text)]
    for m in _GLUED_DIGIT_BEFORE_NAME.finditer(text):
        if m.group("letters").lower() not in measures:
            repairs.append(Repair(m.start(), m.group("digit"), m.group("digit").translate(_DIGIT_AS_LETTER)))
    return repairs


_MARKED_CAPITAL = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# a word in capitals with a marked Vietnamese vowel is a word, never a code: a 0, 5 or 8 in it is a misread letter
_CAPITAL_WORD_WITH_DIGIT = FastPattern(  # the leading class lets the scan skip other characters fast
    rf"(?=[\p{{Lu}}058])(?<![\p{{L}}\d])(?=[\p{{Lu}}\d]*[{_MARKED_CAPITAL}])(?=[\p{{Lu}}\d]*[058])[\p{{Lu}}058]{{2,8}}(?![\p{{L}}\d])")
_CAPITAL_AS_LETTER = str.maketrans({"8": "B", "0": "O", "5": "S"})


def _misread_digit_beside_capital(text: str) -> bool:
    """Whether a '0', '5' or '8' stands beside a capital letter somewhere in the text, as it does in every word that
    _CAPITAL_WORD_WITH_DIGIT finds (a run of capitals and those digits that holds both kinds has them side by side;
    True when the tables cannot tell)."""
    codes = codes_in_plane(text)
    if codes is None:
        return True
    return bool(side_by_side(member(codes, "058"), capitals_in_plane(codes)).any())


def _capital_word_repairs(text: str) -> list[Repair]:
    """'BÁ0 CÁO', 'THÔNG BÁ0': a digit inside a word in capitals that has a marked vowel."""
    if not _misread_digit_beside_capital(text):
        return []
    return [Repair(m.start(), m.group(0), m.group(0).translate(_CAPITAL_AS_LETTER))
            for m in _CAPITAL_WORD_WITH_DIGIT.finditer(text)]


def _ascii_capital_beside_digit(text: str) -> bool:
    """Whether _CAPITAL_BESIDE_DIGIT occurs in the text: a digit and a capital side by side once the '&' that may
    stand between them are taken out."""
    codes = code_points(text.replace("&", ""))
    digit = (codes >= 0x30) & (codes <= 0x39)
    capital = ((codes >= 0x41) & (codes <= 0x5A)) | (codes == 0x110)
    return bool(side_by_side(digit, capital).any())


def _symbol_repairs(text: str) -> list[Repair]:
    """A digit read for a letter inside the letter part of a symbol: 'TB-U8ND', 'KH-5XD', 'TT-8NNPTNT'."""
    if not _ascii_capital_beside_digit(text):
        return []  # every symbol or acronym read through a digit has a capital and a digit side by side
    parts = vocabulary().symbol_parts
    repairs = []
    for m in _SYMBOL_PART.finditer(text):
        token = m.group(0)
        digits = rx.findall(r"\d", token)
        if digits and rx.search(r"[A-ZĐ]", token):
            fixed = token.translate(_DIGIT_AS_LETTER)
            # a digit at the end is the office's own number ('UBND-NL1'), not a misread letter
            if fixed in parts or (len(digits) == 1 and len(token) > 2 and not token[-1].isdigit()
                                  and not rx.search(r"\d", fixed)):
                repairs.append(Repair(m.start(), token, fixed))
    taken = {r.start for r in repairs}
    for m in _ACRONYM.finditer(text):  # 'Chủ tịch U8ND huyện': an office's acronym in running text
        token = m.group(0)
        fixed = token.translate(_DIGIT_AS_LETTER)
        if m.start() not in taken and fixed != token and len(fixed) >= 3 and fixed in parts:
            repairs.append(Repair(m.start(), token, fixed))
    return repairs


# a number read through a letter ('l4/19', '2O24', '08/S/2023') has a letter beside a digit, or beside the '/', '.'
# or ',' next to one: only the lines that hold such a pair are read for them
_LETTER_BESIDE_DIGIT = re.compile(r"[lIOoSB][/.,]?\d|\d[/.,]?[lIOoSB]")


def _lines_holding(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return _lines_at(text, (m.start() for m in pattern.finditer(text)))


def _lines_at(text: str, positions) -> list[tuple[int, int]]:
    """(start, end) of each line that holds one of the sorted positions, once."""
    lines: list[tuple[int, int]] = []
    for at in positions:
        if lines and at < lines[-1][1]:
            continue
        end = text.find("\n", at)
        lines.append((text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end))
    return lines


def _lines_with_letter_beside_digit(text: str) -> list[tuple[int, int]]:
    """_lines_holding(_LETTER_BESIDE_DIGIT, text), the pairs found by table lookups (a match never crosses a line
    break, so a line holds a match where it holds a place that the pattern matches at)."""
    codes = codes_in_plane(text)
    if codes is None:
        return _lines_holding(_LETTER_BESIDE_DIGIT, text)
    digit, letter, mark = digits_in_plane(codes), member(codes, "lIOoSB"), member(codes, "/.,")
    return _lines_at(text, np.flatnonzero(side_by_side(letter, digit, mark)).tolist())


def _number_tokens(text: str):
    """_NUMBER_TOKEN's matches in the lines that can hold a misread number. A token never spans a line, so a scan
    from a line's start finds there what a scan of the whole text finds."""
    for start, end in _lines_with_letter_beside_digit(text):
        for m in _NUMBER_TOKEN.finditer(text, start):
            if m.start() > end:
                break
            yield m


def _count_repairs(text: str) -> list[Repair]:
    repairs = []
    for m in _number_tokens(text):
        token = m.group("t")
        if token.translate(_NUMBER_SEPARATORS).isdigit():
            continue  # digits only: nothing misread
        parts = token.split("/")
        if any(rx.fullmatch(r"[IVX]+", part) for part in parts):
            # a quarter in Roman numerals ('quý III/2O24'): its year alone is a number
            offset = m.start("t")
            for part in parts:
                if not rx.fullmatch(r"[IVX]+", part):
                    repairs += _number_repair(offset, part)
                offset += len(part) + 1
            continue
        repairs += _number_repair(m.start("t"), token)
    return repairs


def _number_repair(start: int, token: str) -> list[Repair]:
    letters = len(rx.findall(r"[lIOoSB]", token))
    if letters and len(rx.findall(r"\d", token)) >= letters:
        return [Repair(start, token, token.translate(_LETTER_AS_DIGIT))]
    return []


def describe(repairs: list[Repair], limit: int = 5) -> str:
    shown = ", ".join(f"'{r.written}' as '{r.read_as}'" for r in repairs[:limit])
    more = f" and {len(repairs) - limit} more" if len(repairs) > limit else ""
    return f"{len(repairs)} words read through a wrong mark or digit: {shown}{more}"
