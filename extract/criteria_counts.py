"""How many criteria a unit has met: '14/19 tiêu chí', 'xã Phúc Khoa đạt 18/19 tiêu chí', 'còn 3 tiêu chí gần đạt',
and bucket lists 'Số xã đạt 15-18 tiêu chí: 06 xã (A, B, ...)' (one count per listed unit)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.char_tables import codes_in_plane, digits_in_plane
from ntm.normalize.fast_pattern import FastPattern
from ntm.normalize.vntext import placement_key
from ntm.parsers.assemble import LIST_MARKER

from . import cues
from .context import DocContext
from .names import NAME
from .prefilter import (COUNT_NOUN, CRITERIA_NOUN, COUNT_OR_FRACTION, NUMBER_THEN_COUNT_NOUN, Openings, finditer_at,
                        finditer_at_in, finditer_near, merged, number_starts, windows)
from .units import BUCKET_LIST_REACH, BUCKET_RE, Mention, bucket_starts, is_register_commune
from .scope import first_status_in, status_in, status_matches

NUMBER_WORDS = {w.lower(): int(v) for w, v in cues.table("number_words")}
_NUMBER = rf"(?:\d{{1,2}}|(?i:{cues.alternation(NUMBER_WORDS)}))"
_FIRST_LETTERS = "".join(sorted({w[0] for w in NUMBER_WORDS} | {w[0].upper() for w in NUMBER_WORDS}))
_COUNT = regex.compile(  # the leading class lets the scan skip every character no count can start with
    rf"(?=[\d{_FIRST_LETTERS}])(?:(?<![\d/.,\p{{L}}])|(?<=(?<!\p{{L}})(?i:đạt)))(?P<n>{_NUMBER})(?:\s*(?:/|(?i:trên|trong))\s*(?:(?i:(?:tổng\s+)?số)\s+)?(?P<total>\d{{1,2}}))?(?![\d/]|[.,]\d)\s*(?P<noun>(?i:tiêu\s*chí)|(?:TC|(?<!\p{{L}})tc)(?![\p{{L}}\d]))(?!\s*/\s*(?i:xã|thôn|bản|ấp|đơn\s+vị))"  # '18 tiêu chí/xã' is an average
    r"|(?<=(?:(?i:đạt)\s*|\p{L}:\s*))(?P<n>\d{1,2})\s*/\s*(?P<total>\d{1,2})(?![\d/]|[.,]\d|\s*(?:xã|thôn|bản|đơn vị|hộ|người))"
)
# a count reaches this far around its noun or fraction, whitespace not counted: 'mười trong tổng số 19 tiêu chí/đơn vị'
COUNT_REACH = 32
_NUMBER_WORD_OPENINGS = Openings(NUMBER_WORDS)


@lru_cache(maxsize=8)
def count_starts(text: str) -> tuple[int, ...]:
    """Where a match of _COUNT can start: its number opens it, a run of one or two digits (no digit stands before
    it; '2021' is no count, in either of its ways a third digit cannot follow) or a number word ('mười')."""
    return merged(_short_number_starts(text), _NUMBER_WORD_OPENINGS.positions(text))


def _short_number_starts(text: str) -> tuple[int, ...]:
    starts = number_starts(text)
    codes = codes_in_plane(text)
    if codes is None or not starts:
        return starts
    digit = np.append(digits_in_plane(codes), [False, False])  # past the end: no digit
    at = np.array(starts)
    return tuple(at[~(digit[at + 1] & digit[at + 2])].tolist())


_BUCKET = BUCKET_RE
_GROUP_AFTER = regex.compile(  # "Các xã Sam Mứn, Núa Ngam thuộc nhóm đạt từ 10 đến 14 tiêu chí"
    r"(?:(?i:thuộc\s+nhóm|nằm\s+trong\s+nhóm)\s+(?i:đạt\s+)?(?:(?i:từ)\s+)?|(?i:đạt)\s+(?i:từ|trong\s+khoảng)\s+"
    r"|(?i:đạt)\s+(?=\d{1,2}\s*[-–]\s*\d))(?P<min>\d{1,2})"
    rf"(?:\s*(?:-|–|(?i:đến|tới))\s*(?P<below>(?i:dưới)\s+)?(?P<max>\d{{1,2}}))?\s+{CRITERIA_NOUN}")
_RESPECTIVE_COUNTS = regex.compile(
    rf"(?i:lần\s+lượt\s+là)\s+(?P<items>{NAME}\s*\(\s*\d{{1,2}}\s*\)(?:\s*(?:,|;|và)\s*{NAME}\s*\(\s*\d{{1,2}}\s*\))+)")
_RESPECTIVELY = regex.compile(
    r"(?:(?i:đạt)\s+(?i:lần\s+lượt)|(?i:lần\s+lượt)\s+(?:(?i:mới|đã)\s+)?(?i:đạt))\s+(?:(?i:là)\s+)?(?P<nums>\d{1,2}(?:\s*/\s*\d{1,2})?(?:\s*(?:,|và)\s*\d{1,2}(?:\s*/\s*\d{1,2})?)+)"
    rf"\s*{CRITERIA_NOUN}")
_RESPECTIVE_COUNTS_OPENINGS = Openings.of_pattern(_RESPECTIVE_COUNTS.pattern)
_LAN, _DAT = Openings(["lần"]), Openings(["đạt"])  # every match of _RESPECTIVELY holds 'lần', after 'đạt' or opening it


def _respectively_starts(text: str) -> tuple[int, ...]:
    """Where a match of _RESPECTIVELY can start: at 'lần', or at an 'đạt' that only whitespace parts from one."""
    lan = _LAN.positions(text)
    if not lan:
        return ()
    found = set(lan)
    for at in _DAT.positions(text):
        k = bisect_left(lan, at + 4)
        if k < len(lan) and text[at + 3:lan[k]].isspace():  # (str's whitespace: regex's and a little more)
            found.add(at)
    return tuple(sorted(found))


_UNITS_COUNTED_THEN_COLON = r"[ \t]+(?:xã|thôn|bản|ấp)[ \t]*:"  # after the count: '04 xã:'
_BUCKET_LINE = FastPattern(  # "i) Đã về đích, giữ trọn 19 tiêu chí — 04 xã: A, B" / "Còn dưới 15 tiêu chí (từ 12 đến 14) — 03 xã:"
    rf"(?m:^)[ \t]*(?:[-+•*]|[a-zđ]\)|[ivx]{{1,4}}\)|\d{{1,2}}[.)])[ \t]*(?P<desc>[^:;\n]{{0,120}}?{CRITERIA_NOUN}[^:;\n]{{0,40}}?)"
    r"[ \t]*[—–\-:][ \t]*(?P<count>\d{1,3})" + _UNITS_COUNTED_THEN_COLON)
_UNITS_THEN_COLON = FastPattern(r"\d" + _UNITS_COUNTED_THEN_COLON)


@lru_cache(maxsize=8)
def _lines_counting_units(text: str) -> tuple[int, ...]:
    """The starts of the lines that hold 'NN xã:', found from their colons: where _BUCKET_LINE can match (it opens
    at a line's start and ends so, holding no line break). A line without it is not tried: the band's two lazy
    parts, tried at every length against each other, cost some forty thousand instructions a line."""
    found: list[int] = []
    colon = text.find(":")
    while colon >= 0:
        line_start = text.rfind("\n", 0, colon) + 1
        if (not found or found[-1] != line_start) and _UNITS_THEN_COLON.search(text, line_start, colon + 1):
            found.append(line_start)
        colon = text.find(":", colon + 1)
    return tuple(found)


_DESC_RANGE = regex.compile(rf"(?:(?i:từ)\s+)?(?P<min>\d{{1,2}})\s*(?:-|–|(?i:đến|tới))\s*(?P<max>\d{{1,2}})(?:\s+{CRITERIA_NOUN})?")
_DESC_EXACT = regex.compile(rf"(?<![\d/])(?P<n>\d{{1,2}})(?:\s*/\s*(?P<total>\d{{1,2}}))?\s+{CRITERIA_NOUN}")
_OWN_COUNT = regex.compile(rf"\s*:?\s*\d{{1,2}}(?:\s*/\s*\d{{1,2}})?\s+{CRITERIA_NOUN}\s*(?:[,;.]|(?i:và)\s|$)")
_COUNT_AFTER_NOUN = regex.compile(  # 'Số tiêu chí còn khuyết là 05'; bare, the number ends its clause: 'số tiêu chí đạt 16,'
    r"(?<!\p{L})(?i:số\s+tiêu\s*chí)\s+(?P<cue>[^:;.,()\d\n]{2,30}?)"
    r"(?:\s*(?:(?i:là)|:)\s*(?P<n>\d{1,2})(?![\d/]|[.,]\d|\s*(?i:tiêu\s*chí))"
    r"|\s+(?P<bare>\d{1,2})(?=[ \t]*(?:[,;)]|\.(?!\d)|\Z|\n[ \t]*(?:\n|[-+•*–]|\d{1,2}[.)]|\Z))))")
_COUNT_IN_BRACKETS = regex.compile(  # '- TC chưa đạt (03): TC số 5 ...; TC số 13 ...': the count after its status
    rf"(?<!\p{{L}}){CRITERIA_NOUN}\s+(?P<cue>(?i:(?:đã\s+)?{cues.alternation(cues.mapping('status_cues'))}))"
    r"\s*\(\s*(?P<n>\d{1,2})\s*\)")
_UNITS_COUNTED_TEXT = r"(?i)(?<![\d/.,])\d{1,3}\s+(?:xã|thôn|bản|ấp|đơn\s+vị)"  # '03 xã', '15 đơn vị'
_UNITS_COUNTED = regex.compile(_UNITS_COUNTED_TEXT + r"(?!\p{L})")
_COUNTED_UNITS_BEFORE = regex.compile(_UNITS_COUNTED_TEXT + r"\s+$")
_STATUS_ONLY = regex.compile(  # the words of a bare 'số tiêu chí <status> N': 'đạt', 'đã đạt chuẩn', 'chưa đạt'
    rf"\s*(?:(?i:đã)\s+)?(?:{cues.alternation(cues.mapping('status_cues'))})(?:\s+(?i:chuẩn))?\s*", regex.IGNORECASE)
TOTALS = range(5, 31)  # provinces' village and model sets have their own sizes (10, 11, 15 ...), not only 19
SMALL_TOTALS = range(2, 31)  # ... down to a few criteria for a model commune ('đáp ứng 3/4 tiêu chí ... kiểu mẫu')


def number_value(word: str) -> int:
    """'05' or a number word ('năm', 'hai') as the number it is."""
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


_GOAL = regex.compile(cues.alternation(cues.words("goal_words")), regex.IGNORECASE)
_CUE_WINDOW = 45
_LIST_OPENING = regex.compile(r"\s*(?:\(|,?\s*(?:bao\s+)?(?:gồm|là)\s+(?:các\s+)?(?:xã|thôn|bản)\s*:?\s*|:\s*(?:các\s+)?(?:xã|thôn|bản)\s+)",
                           regex.IGNORECASE)
_LABEL = regex.compile(rf"{CRITERIA_NOUN}[^:;.,()]{{1,25}}:\s*$")
_NOBODY = regex.compile(r"(?i)(?:chưa|không)\s+có\s+(?:xã|thôn|bản|đơn\s+vị)\s+nào")
_UNIT_RIGHT_BEFORE = regex.compile(rf"(?:(?:(?i:xã|thôn|bản|phường|thị trấn|ấp)\s+)?{NAME}\s*\)?\s*[(:\-–]?)\s*$")
_RIGHT_AFTER_A_NAME = regex.compile(r"[\s:(\-–)]*")  # "- xã vũ sơn: 12 tiêu chí", the name typed in lower case


@dataclass
class CountStatement:
    unit: object  # Mention
    level: str
    kind: str
    count_min: int
    count_max: int
    total: int | None
    start: int
    end: int


def _status_near(text: str, start: int, end: int, block_start: int, block_end: int) -> str | None:
    """A status phrase right after the count ('10/19 tiêu chí đã đạt chuẩn') or right before it
    ('Đã đạt 14/19', 'chưa đạt 5/19'), not across punctuation."""
    after = text[end:min(block_end, end + _CUE_WINDOW)]
    after = rx.split(r"[;:.,()]|\d", after, maxsplit=1)[0]
    if len({s for _, s in status_matches(after)}) > 1 and rx.search(r"(?i)(?<!\p{L})(?:và|hoặc)(?!\p{L})", after):
        return None  # '06 tiêu chí còn chưa đạt và cơ bản đạt': two kinds counted together, neither alone
    status = first_status_in(after)
    if status and rx.search(r"(?i)còn\s+lại", after):  # "Hai tiêu chí còn lại là A (TC10) và B đang cơ bản đạt"
        clause = rx.split(r"[;:]|\.(?:\s|$)", text[end:block_end], maxsplit=1)[0]
        later = [s for m, s in status_matches(rx.sub(r"\([^)]*\)", " ", clause)) if "còn lại" not in m.group(0).lower()]
        status = later[0] if later else status
    if status:
        return status
    if rx.match(r"\s*(?i:số)\s*\d", text[end:block_end]):
        clause = rx.split(r"[;]|\.(?:\s|$)", text[end:block_end], maxsplit=1)[0]
        status = first_status_in(rx.sub(r"\([^)]*\)", " ", clause))
        if status:
            return status
    if rx.search(r"(?i)\bcòn\s*$", text[max(block_start, start - 8):start]):
        # "Xã Mường Cang: còn 18 tiêu chí" (still holds 18), unless what follows says they are still to do
        if rx.match(r"(?i)\s*(?:phải|cần|đang)\b", text[end:block_end]):
            return "unmet"
        clause = rx.split(r"[;]|\.(?:\s|$)", text[end:block_end], maxsplit=1)[0]
        # "còn 1 tiêu chí là Môi trường (tiêu chí số 17) chưa đảm bảo": the clause says what the one left is
        return "unmet" if rx.match(r"(?i)\s*(?:là|gồm)\b", clause) and status_in(clause) == "unmet" else "met"
    label = _LABEL.search(text, max(block_start, start - 45), start)
    if label:  # "- Số tiêu chí đạt chuẩn: 16/19 tiêu chí"
        return status_in(label.group(0))
    before = text[max(block_start, start - 25):start]
    before = rx.split(r"[;:.,()]", before)[-1]
    status = status_in(before)
    if status is None and rx.search(r"(?i)(?<!\p{L})có\s+$", before) and \
            rx.match(r"(?i)\d{1,2}\s*(?:/|trên\s)", text[start:end]):
        return "met"  # "có 17 trên tổng số 19 tiêu chí", "có 16/19 tiêu chí": held out of the set, nothing said otherwise
    return status


_GROUP_NAMED_ABOVE = regex.compile(  # 'cả 05 xã đều đang duy trì 19/19', 'mỗi thôn nêu trên đều đạt 10/10'
    rf"(?i)(?<!\p{{L}})(?:(?:cả|tất\s+cả)\s+(?P<n>\d{{1,3}}|{cues.alternation(NUMBER_WORDS)})\s+(?P<kw>xã|thôn|bản|ấp)"
    r"|(?:mỗi|các|những|cả)\s+(?P<kw>xã|thôn|bản|ấp)\s+(?:nêu|kể)\s+trên)(?!\p{L})[^.;:\d]{0,40}$")
_LEVEL_OF_WORD = {"xã": "commune", "thôn": "village", "bản": "village", "ấp": "village"}


def _units_named_above(ctx: DocContext, position: int, block_start: int) -> list | None:
    """The units a count refers back to: 'cả 05 xã' is the list of five communes just named; 'mỗi thôn nêu trên' the
    villages of the list items right above. None when the count refers to no such group, [] when the group it
    refers to is not found whole."""
    lead = ctx.text[block_start:position]
    m = _GROUP_NAMED_ABOVE.search(lead, max(0, len(lead) - 80))
    if m is None:
        return None
    level = _LEVEL_OF_WORD[m.group("kw").lower()]
    if m.group("n"):
        n = number_value(m.group("n"))
        # the units of that level named before it in its block (or, naming none, in the block before): exactly n
        group = ctx.mentions_between(block_start, block_start + m.start(), levels=(level,))
        index = ctx.block_index(position)
        if not group and index > 0:
            previous = ctx.document.blocks[index - 1]
            group = ctx.mentions_between(previous.start, previous.end, levels=(level,))
        return group if len({placement_key(u.raw) for u in group}) == n == len(group) else []
    blocks = ctx.document.blocks
    index = ctx.block_index(position) - 1
    found: list = []
    while index >= 0 and (blocks[index].kind == "list_item" or blocks[index].kind == "heading"
                          and LIST_MARKER.match(ctx.document.block_text(blocks[index]))):  # '1. Xã Đồng Du: thôn ...'
        found = ctx.mentions_between(blocks[index].start, blocks[index].end, levels=(level,)) + found
        index -= 1
    return found


def _listed_right_after(ctx: DocContext, end: int, block_end: int) -> list:
    """'mỗi xã đạt 19/19 tiêu chí (Long Hưng, Hưng Phú, ...)': the count holds for each unit of the list."""
    opening = _LIST_OPENING.match(ctx.text, end, block_end)
    if not opening:
        return []
    start = opening.end()
    stop = rx.search(r"[;)]|\.(?:\s|$)", ctx.text[start:block_end])
    listed = [u for u in ctx.mentions_between(start, start + stop.start() if stop else block_end) if not u.qualifier]
    if not listed or listed[0].start > start + 1:
        return []
    return listed


def _band(m) -> tuple[int, int]:
    """The counts a band match covers: 'từ 15 đến 18' -> (15, 18), 'từ 15 đến dưới 19' -> (15, 18), '19' -> (19, 19)."""
    low = int(m.group("min"))
    return low, int(m.group("max") or low) - (1 if m.group("below") else 0)


def _first_list(ctx: DocContext, start: int, end: int) -> list:
    """The units of the first list written between `start` and `end` ('05 xã, gồm A, B, C')."""
    listed = [u for u in ctx.mentions_between(start, end) if u.list_id is not None and not u.qualifier]
    return [u for u in listed if u.list_id == listed[0].list_id] if listed else []


def _bucket_line_counts(ctx: DocContext, bucket_spans: list[tuple[int, int]]) -> list[CountStatement]:
    """A list item that names a band of counts, then the units in it after 'NN xã:'. The band is a range
    ('từ 15 tới 18', '(từ 12 đến 14)') or one number ('giữ trọn 19 tiêu chí'); 'dưới N' alone has no lower end
    and gives nothing. A band read as not met ('chưa đạt 3 tiêu chí') is not a count of met criteria."""
    out: list[CountStatement] = []
    for m in finditer_at_in(_BUCKET_LINE, ctx.text, _lines_counting_units(ctx.text),
                            windows(ctx.text, COUNT_NOUN, 400, 400)):
        if any(s <= m.start("desc") < e or m.start("desc") <= s < m.end() for s, e in bucket_spans):
            continue
        desc = m.group("desc")
        if status_in(desc) == "unmet" and not rx.search(r"(?i)\bcòn\s+dưới", desc):
            continue
        band = _DESC_RANGE.search(desc)
        if band:
            low, high, total = int(band.group("min")), int(band.group("max")), None
        else:
            exact = [e for e in _DESC_EXACT.finditer(desc)
                     if not rx.search(r"(?i)(?:dưới|trên)\s*$", desc[:e.start()])]
            if len(exact) != 1:
                continue
            low = high = int(exact[0].group("n"))
            total = int(exact[0].group("total")) if exact[0].group("total") else None
        if not 0 < low <= high <= 30:
            continue
        listed = _first_list(ctx, m.end(), ctx.block_bounds(m.end())[1])
        if not listed:
            continue
        bucket_spans.append((m.start(), m.end()))
        noun = m.start("desc") + desc.lower().rfind("tiêu")
        for unit in listed:
            out.append(CountStatement(unit, ctx.level_at(m.start(), unit, after=noun), "met", low, high, total,
                                      unit.start, unit.end))
    return out


def _heading_counts(ctx: DocContext) -> list[CountStatement]:
    """'1. Các thôn đã đạt đủ 10/10 tiêu chí (02 thôn)' over items '- Thôn Lũng Búng, xã Tân Trào;': the heading's
    count holds for each unit its items open with."""
    text = ctx.text
    out: list[CountStatement] = []
    blocks = ctx.document.blocks
    for index, block in enumerate(blocks):
        heading = text[block.start:block.end]
        if block.kind != "heading" or ctx.mentions_between(block.start, block.end):
            continue
        m = _COUNT.search(heading)
        if not m or not m.group("total"):
            continue
        status = _status_near(text, block.start + m.start(), block.start + m.end(), block.start, block.end)
        if status is None:
            continue
        n, total = number_value(m.group("n")), int(m.group("total"))
        for item in blocks[index + 1:]:
            if item.kind != "list_item":
                break
            opening = [u for u in ctx.mentions_between(item.start, item.start + 12) if not u.qualifier]
            if opening:
                unit = opening[0]
                out.append(CountStatement(unit, ctx.level_at(block.start, unit), status, n, n, total, unit.start, unit.end))
    return out


def read_counts(ctx: DocContext) -> list[CountStatement]:
    text = ctx.text
    out: list[CountStatement] = []
    bucket_spans: list[tuple[int, int]] = []
    near_bands = windows(text, NUMBER_THEN_COUNT_NOUN, *BUCKET_LIST_REACH)  # the bucket lists' windows, read once
    for m in finditer_at_in(_BUCKET, text, bucket_starts(text), near_bands):
        _, block_end = ctx.block_bounds(m.start())
        low, high = _band(m)
        sentence_end = rx.search(r"\.(?:\s|$)", text[m.end():block_end])  # a band's list is in its own sentence
        listed = _first_list(ctx, m.end(), m.end() + sentence_end.start() if sentence_end else block_end)
        if not listed:
            # "Nhóm II – từ 15 đến 18 tiêu chí: Sặp Vạt 17 tiêu chí, Chiềng Đông 16 tiêu chí": each unit is in the
            # band and has its own count, which the count rule below reads
            own = [u for u in ctx.mentions_between(m.end(), block_end) if not u.qualifier
                   and _OWN_COUNT.match(text, u.end, block_end)]
            if rx.match(r"\s*:", text[m.end():block_end]):
                out.extend(CountStatement(unit, ctx.level_at(m.start(), unit), "met", low, high, None, unit.start,
                                          unit.end) for unit in own)
            continue
        bucket_spans.append((m.start(), m.end()))
        noun = m.start() + m.group(0).lower().rfind("tiêu")
        for unit in listed:
            out.append(CountStatement(unit, ctx.level_at(m.start(), unit, after=noun), "met", low, high, None,
                                      unit.start, unit.end))
    out.extend(_bucket_line_counts(ctx, bucket_spans))
    for m in finditer_at(_RESPECTIVE_COUNTS, text, _RESPECTIVE_COUNTS_OPENINGS.positions(text)):  # "..., lần lượt là Thanh Hối (18), Quyết Chiến (17), ..."
        for item in rx.finditer(rf"(?P<name>{NAME})\s*\(\s*(?P<n>\d{{1,2}})\s*\)", m.group("items")):
            at = m.start("items") + item.start("name")
            unit = next((u for u in ctx.mentions_between(at, at + 1)), None)
            if unit is not None:
                n = int(item.group("n"))
                out.append(CountStatement(unit, ctx.level_at(m.start(), unit), "met", n, n, None, unit.start, unit.end))
    out.extend(_heading_counts(ctx))
    # a group's band ends with its count noun, at most 28 characters other than whitespace after the group's
    # words: the bucket lists' windows hold it
    for m in finditer_near(_GROUP_AFTER, text, NUMBER_THEN_COUNT_NOUN, *BUCKET_LIST_REACH):
        if _COUNTED_UNITS_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue  # '... và 03 xã đạt từ 10 đến 14 tiêu chí (A, B, C)': its units are listed after it
        block_start, _ = ctx.block_bounds(m.start())
        clause_start = max(text.rfind(". ", block_start, m.start()) + 1, text.rfind(";", block_start, m.start()) + 1,
                           block_start)
        low, high = _band(m)
        units = [u for u in ctx.mentions_between(clause_start, m.start()) if not u.qualifier]
        if units:
            bucket_spans.append((m.start(), m.end()))
        for unit in units:
            out.append(CountStatement(unit, ctx.level_at(m.start(), unit), "met", low, high, None, unit.start, unit.end))
    for m in finditer_at(_RESPECTIVELY, text, _respectively_starts(text)):
        # "Hai xã Đức Phong, Đức Lân đạt lần lượt 13 và 12 tiêu chí": the numbers go to the units in order
        block_start, _ = ctx.block_bounds(m.start())
        clause_start = max(text.rfind(". ", block_start, m.start()) + 1, text.rfind(";", block_start, m.start()) + 1,
                           block_start)
        units = [u for u in ctx.mentions_between(clause_start, m.start()) if not u.qualifier]
        if not units:  # "Hai xã bãi ngang Đức Phong, Đức Lân đạt lần lượt ...": names the register knows
            units = [Mention("commune", n.group(0), n.start(), n.end()) for n in rx.finditer(NAME, text[:m.start()])
                     if n.start() >= clause_start and is_register_commune(n.group(0))]
        numbers = rx.findall(r"(\d{1,2})(?:\s*/\s*(\d{1,2}))?", m.group("nums"))
        if len(units) == len(numbers):
            bucket_spans.append((m.start(), m.end()))
            for unit, (n, total) in zip(units, numbers):
                out.append(CountStatement(unit, ctx.level_at(m.start(), unit), "met", int(n), int(n),
                                          int(total) if total else None, unit.start, unit.end))
    near_counts = windows(text, COUNT_OR_FRACTION, COUNT_REACH, COUNT_REACH)
    for m in finditer_at_in(_COUNT, text, count_starts(text), near_counts):
        if any(s <= m.start() < e for s, e in bucket_spans):
            continue
        block_start, block_end = ctx.block_bounds(m.start())
        status = _status_near(text, m.start(), m.end(), block_start, block_end)
        if status is None:
            named = ctx.mentions_between(max(block_start, m.start() - 60), m.start())
            if named and (_UNIT_RIGHT_BEFORE.search(text[max(block_start, m.start() - 60):m.start()])
                          or _RIGHT_AFTER_A_NAME.fullmatch(text, named[-1].end, m.start())):
                status = "met"  # "xã Pắc Ta 16/19 tiêu chí" in a list of such counts
        if status is None:
            continue
        lead = rx.split(r"[;:.,]", text[max(block_start, m.start() - 40):m.start()])[-1]
        if _GOAL.search(lead) or rx.search(r"(?i)\b(?:dưới|trên|ít nhất|tối thiểu)\s*$", lead) or _NOBODY.search(lead):
            continue
        if rx.search(r"(?i)\d{1,2}\s*(?:-|–|đến|tới)\s*$", text[max(block_start, m.start() - 12):m.start()]):
            continue  # the upper end of a range ("đạt từ 10 đến 14 tiêu chí"), not a count
        n = number_value(m.group("n"))
        total = int(m.group("total")) if m.group("total") else None
        if total is not None and (n > total or total not in (SMALL_TOTALS if m.group("noun") else TOTALS)):
            continue  # '3/4 tiêu chí' names its noun: a small set (a province's model set); a bare '3/4' may be a share
        listed = _listed_right_after(ctx, m.end(), block_end)
        above = _units_named_above(ctx, m.start(), block_start) if not listed else None
        if above == []:
            continue  # 'cả 04 xã' where no four communes were named just before: no guess
        units = listed or above or ctx.units_before(m.start())
        if not listed and ctx.subject is not None and units == [ctx.subject] and \
                _UNITS_COUNTED.search(text, max(block_start, m.start() - 60), m.start()):
            continue  # 'Toàn huyện có 15 xã đạt 19/19 tiêu chí' in a report about one commune: not its count
        for unit in units:
            if unit is None:
                continue
            out.append(CountStatement(unit, ctx.level_at(m.start(), unit, after=m.start("noun") if m.group("noun") else m.end()), status, n, n, total,
                                      m.start() if not listed else unit.start, m.end() if not listed else unit.end))
    for m in _COUNT_AFTER_NOUN.finditer(text):
        status = status_in(m.group("cue"))
        if m.group("bare") and not _STATUS_ONLY.fullmatch(m.group("cue")):
            continue  # 'số tiêu chí tăng thêm 2': without 'là' or ':' the words between must say a status and nothing else
        units = ctx.units_before(m.start())
        if status is None or not units:
            continue
        n = int(m.group("n") or m.group("bare"))
        for unit in units:
            if unit is not None:
                out.append(CountStatement(unit, ctx.level_at(m.start(), unit), status, n, n, None, m.start(), m.end()))
    for m in _COUNT_IN_BRACKETS.finditer(text):
        status = first_status_in(m.group("cue"))
        n = int(m.group("n"))
        for unit in [u for u in ctx.units_before(m.start()) if u is not None] if status else []:
            out.append(CountStatement(unit, ctx.level_at(m.start(), unit), status, n, n, None, m.start(), m.end()))
    for row in ctx.table_rows:
        start, end = row.span
        for kind, count in (("met", row.count), ("unmet", row.unmet_count)):
            if count is not None:
                out.append(CountStatement(row.unit, ctx.level_at(start, row.unit), kind, count, count,
                                          row.total if kind == "met" else None, start, end))
    return out
