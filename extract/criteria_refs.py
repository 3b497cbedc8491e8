"""References to criteria by number: 'Tiêu chí số 1 - Quy hoạch', 'Tiêu chí (2) Giao thông', 'Tiêu chí 14- Y tế',
'tiêu chí số 13 về Tổ chức sản xuất', 'TC2', 'các tiêu chí số 2, 6 và 13'."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.caseless import CaselessPattern
from ntm.normalize.fast_pattern import FastPattern

from . import cues
from .prefilter import COUNT_NOUN, CRITERIA_NOUN, Openings, finditer_at, number_starts

_REF = regex.compile(
    # 'TC' glued to the word before it ('không đạtTC5'): the capitals open a new word whatever precedes them
    r"(?:(?<![\p{L}])(?i:tiêu\s*chí)\s*(?:(?i:số)\s*)?(?:\((?P<n>\d{1,2})\)|(?P<n>\d{1,2}))|(?:(?<!\p{Lu})TC|(?<!\p{L})tc)\s?(?:(?i:số)\s*)?(?P<n>\d{1,2}))"
    r"(?![\d]|[.,]\d|\s*/\s*\d)"
)
_REF_OPENINGS = Openings.of_pattern(_REF.pattern)  # the words every match of _REF opens with (in any case)
_NOT_A_NAME = cues.word_pattern("name_stop_words")
_MORE = regex.compile(r"\s*(?:,|và)\s*(?:(?i:số)\s*)?(?P<n>\d{1,2})(?![\d/]|[.,]\d|\s*(?i:tiêu\s*chí))")
_NAME = regex.compile(
    r"(?:\s*[-–:]\s*|\s+về\s+|\s+|\s*\(\s*)(?P<name>[^\s;,()\n:.\d][^;,()\n:]*?)"
    r"(?=\s*(?:[;,)]|\.(?:\s|$)|$|:|\s+(?i:tiêu\s*chí)\b|\s+và\s+(?i:tiêu\s*chí)"
    r"|\s+(?:vẫn|đã|còn|chưa|đạt|gần|không|cơ\s+bản)(?!\p{L})))"  # '... về Y tế đạt.', '... đạt sau khi'
)


@dataclass
class CriterionRef:
    number: int
    start: int
    end: int
    raw_name: str | None


_BARE_LIST = FastPattern(  # by re where it can: a try at one of its openings costs a third
    r"(?:(?i:tiêu\s*chí)(?:\s+[^\d:;.()]{1,25}?)?(?::|\s+(?i:gồm|là)|\s*\()|(?i:chưa\s+đạt|đã\s+đạt|gần\s+đạt|còn\s+thiếu)\s*:)\s*(?P<list>\d{1,2}(?:\s*(?:,|và)\s*\d{1,2}(?!\d|/|[.,]\d)){1,18})")

_BARE_LIST_OPENINGS = Openings.of_pattern(_BARE_LIST.pattern)


_NAME_NUMBER = regex.compile(r"(?P<name>\p{L}[\p{L} ,]{1,60}?)\s*\((?:(?i:tiêu\s*chí)\s*)?(?:(?i:số)\s*)?(?P<n>\d{1,2})\)")
_NAME_EXPLICIT = regex.compile(
    r"(?<=(?i:tiêu\s*chí)\s+)(?P<name>\p{Lu}[\p{L} ,]{1,60}?)\s*\((?:(?i:tiêu\s*chí)\s*)?(?:(?i:số)\s*)?(?P<n>\d{1,2})\)")
_PLACE_NAMES = regex.compile(r"(?:^|,\s*|và\s+)\p{Lu}\p{Ll}*\s+\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*\s*\(\s*\d")
_NAME_NUMBER_LIST = regex.compile(
    r"(?:\p{Lu}|(?<=(?:gồm|là|:)\s*)\p{Ll})[\p{L} ]{1,60}?\s*\((?:(?i:tiêu\s*chí)\s*)?(?:(?i:số)\s*)?\d{1,2}\)"
    r"(?:\s*(?:,|;|và)\s*\p{L}[\p{L} ]{1,60}?\s*\((?:(?i:tiêu\s*chí)\s*)?(?:(?i:số)\s*)?\d{1,2}\))+")


_NUMBER_ITEM = regex.compile(  # the noun written out or as 'TC' ('06 TC chưa đạt gồm: số 2 (Giao thông), số 6 ...')
    rf"(?<=(?:{CRITERIA_NOUN}[^.;\d]{{0,40}}?(?::|\bgồm|\blà|,|\bvà|\()\s*|(?:,|;|\bvà)\s*))(?<![\p{{L}}])(?i:số)\s*(?P<n>\d{{1,2}})"
    r"(?![\d/]|[.,]\d)")


_ITEM_NAME = regex.compile(
    r"\s*\(\s*(?P<name>[^()\n\d]{2,80}?)\s*(?=\))"  # "số 13 (Tổ chức sản xuất và phát triển kinh tế nông thôn)"
    r"|(?:\s*[-–]\s*|\s+về\s+)(?P<name>[^\s;,()\n:.\d][^;,()\n:\d]*?)(?=\s*(?:[;,)]|\.(?:\s|$)|$|\s+và\s))")


_NUMBER_DASH_ITEMS = regex.compile(
    r"(?<=(?i:tiêu\s*chí|đạt)\s*:\s*|[,;]\s*)(?P<n>\d{1,2})\s*[-–]\s*(?P<name>\p{Lu}[^,;.()\d]{1,60}?)(?=\s*(?:[,;.]|\s+và\s|$))")


# where _NUMBER_DASH_ITEMS can start: a number of one or two digits, then a dash (tried where a run of digits starts:
# a scan would try its lookbehind at every digit)
_NUMBER_THEN_DASH = FastPattern(r"\d(?<!\d\d)\d?\s*[-–]")
_DIGIT = regex.compile(r"\d")
_SO = CaselessPattern(r"số")
# where _NUMBER_ITEM can start: its match opens with 'số', which no letter precedes (its lookbehind reads before it)
_SO_WORDS = Openings(["số"], whole_words=True)


def _numbers_before_dashes(text: str, start: int, end: int) -> tuple[int, ...]:
    """The starts in [start, end) of _NUMBER_THEN_DASH's matches in the whole text, scanned once for all of a
    document's blocks: every place a dash item can start in the block is one (a match holds one number's digits
    and ends at its dash, so it never covers the first digit of another)."""
    positions = _numbers_before_dashes_in(text)
    return positions[bisect_left(positions, start):bisect_left(positions, end)]


@lru_cache(maxsize=8)
def _numbers_before_dashes_in(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in finditer_at(_NUMBER_THEN_DASH, text, number_starts(text)))


def find_refs(text: str, start: int = 0, end: int | None = None) -> list[CriterionRef]:
    end = len(text) if end is None else end
    refs: list[CriterionRef] = []
    if not _DIGIT.search(text, start, end):
        return refs  # every reference holds its criterion's number, in digits
    # what each kind of reference holds (lookbehinds aside), looked for once: its brackets, its noun or the colon after
    # a status, the dash of 'số 10 – Thu nhập', the word 'số'
    bracketed = text.find("(", start, end) >= 0
    noun = COUNT_NOUN.search(text, start, end) is not None  # 'TC', 'tc' in any case too: a gate may let more through
    dashed = text.find("-", start, end) >= 0 or text.find("–", start, end) >= 0
    # "Giao thông (số 2), Trường học (số 5) và Thu nhập (số 10)", "Quy hoạch (1), Giáo dục (5) và Y tế (14)"
    singles = list(_NAME_EXPLICIT.finditer(text, start, end)) if bracketed else []
    for m in singles:  # "Môi trường và an toàn thực phẩm (số 17)": one criterion named, its number in brackets
        refs.append(CriterionRef(int(m.group("n")), m.start("name"), m.end(), m.group("name").strip()))
    for listed in _NAME_NUMBER_LIST.finditer(text, start, end) if bracketed else ():
        if _PLACE_NAMES.search(listed.group(0)):
            continue  # "Thanh Hối (18), Quyết Chiến (17)": communes with their counts
        # a list may hold a single one ("Thủy lợi (số 3) và Nhà ở (số 9)" after "tiêu chí", or "... và Điện (số 4);
        # tiêu chí Thu nhập (số 10)"): that item is read already
        inside = [(s.start("name"), s.end()) for s in singles if listed.start() <= s.start() < listed.end()]
        for m in _NAME_NUMBER.finditer(text, listed.start(), listed.end()):
            if any(a < m.end() and m.start() < b for a, b in inside):
                continue
            name = rx.sub(r"^(?:và|,)\s*", "", m.group("name").strip(" ,;"))
            name_start = m.end("name") - len(m.group("name").rstrip(" ,;")) + (len(m.group("name").rstrip(" ,;")) - len(name))
            refs.append(CriterionRef(int(m.group("n")), name_start, m.end(), name or None))
    listing = noun or text.find(":", start, end) >= 0
    for m in finditer_at(_BARE_LIST, text, _BARE_LIST_OPENINGS.positions(text), start, end) if listing else ():
        for n in rx.finditer(r"\d{1,2}", m.group("list")):
            refs.append(CriterionRef(int(n.group(0)), m.start("list") + n.start(), m.start("list") + n.end(), None))
    for m in finditer_at(_REF, text, _REF_OPENINGS.positions(text), start, end) if noun else ():
        name = _NAME.match(text, m.end(), end)
        raw_name = name.group("name").strip() if name else None
        if raw_name and (len(raw_name) > 80 or rx.search(r"\d", raw_name) or _NOT_A_NAME.match(raw_name)):
            raw_name = None
        refs.append(CriterionRef(int(m.group("n")), m.start(), name.end() if raw_name else m.end(), raw_name))
        if raw_name is None:
            pos = m.end()
            while more := _MORE.match(text, pos, end):
                refs.append(CriterionRef(int(more.group("n")), more.start("n"), more.end(), None))
                pos = more.end()
    dash_items = finditer_at(_NUMBER_DASH_ITEMS, text, _numbers_before_dashes(text, start, end), start, end) \
        if dashed else ()
    for m in dash_items:  # "chưa đạt 3 tiêu chí: 10 – Thu nhập, 13 – Tổ chức sản xuất"
        if not any(r.start <= m.start() < r.end for r in refs):
            refs.append(CriterionRef(int(m.group("n")), m.start(), m.end(), m.group("name").strip()))
    taken = {r.start for r in refs}
    number_items = finditer_at(_NUMBER_ITEM, text, _SO_WORDS.positions(text), start, end) \
        if _SO.search(text, start, end) else ()
    for m in number_items:  # "03 tiêu chí là số 2 (...), số 6 (...)", "gồm: số 5 - Giáo dục"
        if m.start() not in taken and not any(r.start <= m.start() < r.end for r in refs):
            name = _ITEM_NAME.match(text, m.end(), end)
            raw_name = name.group("name").strip() if name else None
            closing = name.end() + 1 if name and text[name.end():name.end() + 1] == ")" else (name.end() if name else m.end())
            refs.append(CriterionRef(int(m.group("n")), m.start(), closing, raw_name))
            if raw_name is None:  # "(số 2, 6 và 8)"
                pos = m.end()
                while more := _MORE.match(text, pos, end):
                    refs.append(CriterionRef(int(more.group("n")), more.start("n"), more.end(), None))
                    pos = more.end()
    return sorted((r for r in refs if 1 <= r.number <= 19), key=lambda r: r.start)
