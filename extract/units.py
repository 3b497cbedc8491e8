"""Mentions of administrative units: after a keyword ("xã Hữu Lễ"), and in lists that follow one
("UBND các xã: Long Đống, Đồng Ý, Vũ Sơn", "04 xã (A, B, C, D)", "08 thôn (Bản Vén, Bản Đán xã Đôn Phong; ...)")."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.fast_pattern import FastPattern
from ntm.normalize.register import load_register
from ntm.normalize.vntext import bare_key, placement_key, typed_in_lower_case

from . import cues
from .area_names import AreaNames
from .names import NAME, UPPER_NAME
from .prefilter import (CRITERIA_NOUN, NUMBER_THEN_COUNT_NOUN, Openings, finditer_at, finditer_at_in, finditer_near,
                        line_starts, merged, number_starts, windows)

LEVEL_OF = {k.lower(): v for k, v in cues.mapping("unit_keywords").items()}
VILLAGE_WORDS = [k for k, v in LEVEL_OF.items() if v == "village"]
ADMIN_WORDS = [k for k, v in LEVEL_OF.items() if v != "village"]

_KEYWORD = FastPattern(  # one group for both ways (re names a group once): by re where it can, tried at every keyword
    rf"(?<![\p{{L}}])(?P<kw>(?i:{cues.alternation(ADMIN_WORDS)})|{cues.alternation(VILLAGE_WORDS)}|Thôn|Xóm|Ấp)"
    rf"(?P<sep>[ \t]*:[ \t]*|[ \t]+)"
)
# every keyword, in any case, where no letter stands before it (_KEYWORD opens with that guard)
_KEYWORD_OPENINGS = Openings([*ADMIN_WORDS, *VILLAGE_WORDS, "Thôn", "Xóm", "Ấp"], whole_words=True)
_ITEM_SEP = regex.compile(r"[ \t]*(?:,|;|[ \t]+và[ \t]+|[ \t]+-[ \t]+)[ \t]*")  # a list never runs onto the next line
# "04 xã (A, B, ...)", "03 xã: A, B", "02 xã là A và B", and with what the units are between count and list:
# "02 xã đã được công nhận đạt chuẩn nông thôn mới, gồm: A và B"
# the count's first digit opens the pattern, its guard after it: tried where a run of digits starts (_scan_at)
_COUNTED_OPENING = (rf"(?P<count>\d(?<![\p{{L}}\d]\d)\d{{0,2}})\s+(?P<kw>{cues.alternation(LEVEL_OF)})"
                    rf"(?:\s*(?P<open>[:(])|,?\s*(?:bao\s+)?(?:gồm|là)\s*:?"
                    rf"|[^\n.;:()\d]{{1,90}}?,?\s+(?:bao\s+)?gồm(?:\s+các\s+(?:xã|thôn|bản))?\s*:?)\s*")
_COUNTED = FastPattern(  # ... a name opening in capitals, or each item with its keyword ('gồm: bản Nà Hạ (xã ...), ...')
    _COUNTED_OPENING + rf"(?=\p{{Lu}}|(?:{cues.alternation([k for k, v in LEVEL_OF.items() if v in ('village', 'commune')])})[ \t]+\p{{Lu}})")
_COUNTED_ANY_CASE = FastPattern(_COUNTED_OPENING + r"(?=\p{L})")
_SUFFIX_COMMUNE = regex.compile(rf"\s+(?:xã|phường|thị trấn)\s+(?P<name>{NAME})")
NAME_AT = FastPattern(NAME)  # by re where it can: tried after every keyword
UPPER_AT = FastPattern(UPPER_NAME)


_NOT_NAMES = {"đạt", "chưa", "chưa đạt", "không", "không đạt", "cơ", "gần", "đã", "có", "còn"}


@dataclass
class Mention:
    level: str
    raw: str
    start: int
    end: int
    keyword: str | None = None
    commune_hint: str | None = None  # for a village written "Bản Chàn xã Dương Phong"
    listed_count: int | None = None  # set on members of a counted list ("04 xã (...)")
    list_id: int | None = None
    qualifier: bool = False  # "(xã Đồng Lạc)" after a village only says where that village is
    district_hint: str | None = None  # "xã Tân Cảnh (huyện Đắk Tô)", "xã Việt Lâm, huyện Bắc Quang"


def _register_name_after(text: str, pos: int, level: str, area: AreaNames | None = None) -> tuple[str, int] | None:
    """A province or district name written right after its keyword, in any case ('tỉnh bắc kạn'). A district in
    lower case only once the document's province is known and holds it: 'huyện thống nhất bố trí' is the district
    agreeing, not Thống Nhất of Đồng Nai."""
    register = load_register()
    index = register.by_placement[level]
    words = list(islice(rx.finditer(r"[\p{L}]+", text[pos:pos + 60]), 4))  # a name of four words at most
    for n in (4, 3, 2, 1):
        if len(words) < n or words[0].start() != 0:
            continue
        span = text[pos:pos + words[n - 1].end()]
        key = placement_key(span)
        if key not in index:
            continue
        if level == "district" and span.islower() and \
                (area is None or area.provinces.isdisjoint(u.province for u in index[key])):
            continue
        return span, pos + words[n - 1].end()
    return None


def _name_at(text: str, pos: int, upper_ok: bool, area: AreaNames | None = None) -> tuple[str, int] | None:
    """A name at `pos`: capitalised syllables, or, once the document's area is known, a commune of that area
    written in any case, glued or with a wrong mark or letter (whichever reaches further)."""
    m = NAME_AT.match(text, pos)
    known = area.name_at(text, pos) if area else None
    if known and (not m or known[1] >= m.end()):
        return known
    if m:
        return m.group(0), m.end()
    if upper_ok:
        m = UPPER_AT.match(text, pos)
        if m and len(m.group(0)) > 3:
            return m.group(0), m.end()
    return None


_BARE_OPENER = regex.compile(
    rf"(?:(?<=^|[.;:]\s*)|(?<=,\s))(?i:{cues.alternation(cues.words('bare_unit_openers'))})\s+(?P<name>{NAME})\s*[,:]", regex.MULTILINE)
_BARE_OPENER_WORDS = Openings(cues.words('bare_unit_openers'))


def _bare_repeats(text: str, mentions: list[Mention], taken: set[int]) -> list[Mention]:
    """'Tại Đại Thắng, ba tiêu chí ...': a commune or village the document named with its keyword, named again bare
    at the head of a clause."""
    named = {m.raw: m for m in mentions if m.keyword and m.level in ("commune", "village")}
    out = []
    for m in _scan_at(_BARE_OPENER, text, _BARE_OPENER_WORDS.positions) if named else ():
        first = named.get(m.group("name"))
        if first is not None and m.start("name") not in taken:
            out.append(Mention(first.level, m.group("name"), m.start("name"), m.end("name"), None,
                               commune_hint=first.commune_hint, district_hint=first.district_hint))
            taken.add(m.start("name"))
    return out


# "Xẵ Bằng Cóc", "xa Thái Sơn": the keyword 'xã' read through a wrong mark, known only by the commune after it
_MISREAD_XA = regex.compile(r"(?<![\p{L}])(?i:x[aàáảãạăằắẳẵặâầấẩẫậ])[ \t]+(?=\p{Lu})")


def _misread_keyword_communes(text: str, area: AreaNames, taken: set[int]) -> list[Mention]:
    found = []
    for m in _MISREAD_XA.finditer(text):
        if m.group(0).strip().lower() == "xã" or m.end() in taken:
            continue
        name = area.name_at(text, m.end())
        if name:
            found.append(Mention("commune", name[0], m.end(), name[1], "xã"))
            taken.add(m.end())
    return found


def is_register_commune(name: str) -> bool:
    return bare_key(name) in load_register().by_bare["commune"]


@lru_cache(maxsize=64)
def _scan(pattern: regex.Pattern, text: str, anchor: regex.Pattern | None = None,
          reach: tuple[int, int] = (400, 400), starts=None, gate=None) -> tuple[regex.Match, ...]:
    """Every match of `pattern` in `text` (near `anchor` when given; tried only at the positions `starts(text)`
    gives, when given, and where `gate` matches). A document's units are read twice, before and after its area is
    known, and these scans do not depend on the area: the second reading takes the first's."""
    if anchor is None:
        return tuple(pattern.finditer(text))
    if starts is None:
        return tuple(finditer_near(pattern, text, anchor, *reach))
    return tuple(finditer_at_in(pattern, text, starts(text), windows(text, anchor, *reach), gate))


@lru_cache(maxsize=16)
def _scan_at(pattern: regex.Pattern, text: str, starts) -> tuple[regex.Match, ...]:
    """Every match of `pattern` in `text`, tried only at the positions `starts(text)` gives, which hold every place
    a match can start: where its opening words stand (an Openings' positions), where a run of digits starts
    (number_starts, for a pattern opening with a number's first digit, its guard after it) or a line starts
    (line_starts, for one opening with '(?m:^)', which gives `re` nothing to skip to)."""
    return tuple(finditer_at(pattern, text, starts(text)))


def find_mentions(text: str, area: AreaNames | None = None) -> list[Mention]:
    """Every unit the text names. With `area` (the communes of the district the document is about, known after a
    first reading) list items and names after a keyword are also found through the register, whatever their case."""
    mentions: list[Mention] = []
    taken: set[int] = set()
    list_id = 0
    lower_case = typed_in_lower_case(text)
    for m in _counted_lists(text, area):
        level = LEVEL_OF[(m.group("kw") or "xã").lower()]
        list_id += 1
        closing = ")" if m.group("open") == "(" else None
        items = [i for i in _list_items(text, m.end(), level, closing, accept_all=True, area=area)
                 if i.start not in taken]
        for item in items:
            item.listed_count = int(m.group("count")) if m.group("count") else None
            item.list_id = list_id
            mentions.append(item)
            taken.add(item.start)
    for m in _scan_at(_ITEM_VILLAGE, text, line_starts):
        if m.start("name") not in taken:
            mentions.append(Mention("village", m.group("name"), m.start("name"), m.end("name"), m.group("kw"),
                                    commune_hint=m.group("commune")))
            taken.add(m.start("name"))
    for items in _paren_lists(text, area):
        items = [i for i in items if i.start not in taken]
        list_id += 1
        for item in items:
            item.list_id = list_id
            mentions.append(item)
            taken.add(item.start)
    for m in _scan_at(_KEYWORD, text, _KEYWORD_OPENINGS.positions):
        keyword = m.group("kw")
        level = LEVEL_OF[keyword.lower()]
        pos = m.end()
        upper_ok = keyword.isupper()
        found = _register_name_after(text, pos, level, area) if level in ("province", "district") else None
        if found is None:
            found = _name_at(text, pos, upper_ok, area if level == "commune" else None)
        if found is None and level == "village" and lower_case:
            found = _lower_case_village(text, m.start(), pos)
        if found is None or pos in taken:
            continue
        raw, end = found
        if raw.lower() in _NOT_NAMES:  # "... kinh tế nông thôn: Đạt."
            continue
        if upper_ok and raw.isupper():
            if level in ("province", "district") and _register_name_after(text, pos, level, area) is None:
                continue
            if level == "commune" and not is_register_commune(raw):
                continue
        mention = Mention(level, raw, pos, end, keyword)
        if level == "village":
            hint = _SUFFIX_COMMUNE.match(text, end)
            mention.commune_hint = hint.group("name") if hint else None
        mentions.append(mention)
        taken.add(pos)
        plural = m.group("sep").strip() == ":" or text[max(0, m.start() - 4):m.start()].strip().endswith("các")
        if level in ("commune", "village"):
            for item in _list_items(text, end, level, None, accept_all=False, plural=plural, area=area):
                if item.start not in taken:
                    mentions.append(item)
                    taken.add(item.start)
    if area is not None:
        mentions.extend(_misread_keyword_communes(text, area, taken))
    mentions.extend(_bare_repeats(text, mentions, taken))
    mentions.sort(key=lambda x: x.start)
    _mark_qualifiers(text, mentions)
    for before, after in zip(mentions, mentions[1:]):
        if before.level == "commune" and after.level == "district" and _DISTRICT_GAP.match(text[before.end:after.start]):
            before.district_hint = after.raw
    return mentions


_DISTRICT_GAP = regex.compile(r"^\s*(?:\(|,|-)\s*(?:huyện|thị xã|thành phố|quận)\s+$", regex.IGNORECASE)


_QUALIFIER_GAP = regex.compile(r"^\s*(?:\(\s*|,\s*|-\s*)?(?:xã|phường|thị trấn)\s+$", regex.IGNORECASE)


def _mark_qualifiers(text: str, mentions: list[Mention]) -> None:
    """A commune written right after a village ('Thôn Bản Piềng (xã Đồng Lạc)', 'Bản Đán xã Đôn Phong') locates the
    village; it is not itself the subject of what follows."""
    for before, after in zip(mentions, mentions[1:]):
        if before.level == "village" and after.level == "commune":
            gap = text[before.end:after.start]
            if _QUALIFIER_GAP.match(gap) or rx.match(r"^\s*(?:\(\s*)?$", gap) and after.keyword:
                after.qualifier = True
                before.commune_hint = before.commune_hint or after.raw


# A group of units by criteria met: "Số xã đạt 15-18 tiêu chí: 06 xã (...)", "- Nhóm đạt 10 - 14 tiêu chí: ...",
# "06 xã giữ vững chuẩn, đạt đủ 19/19 tiêu chí: A, B, C", "- Đạt từ 15 tới dưới 19 tiêu chí: 02 xã (A, B)".
BUCKET = (
    r"(?:(?:(?m:^)(?:[-+•*]|[a-zđ]\)|[ivx]{1,4}\)|\d{1,2}[.)])?\s*)?(?i:số|nhóm)\s+(?:[IVX]{1,4}\s*[-–:]\s*)?"
    r"|(?<![\p{L}\d/.,])(?=\d{1,3}\s+(?:xã|thôn|bản|ấp|xóm)\s)|(?m:^)(?:[-+•*]|[a-zđ]\)|[ivx]{1,4}\))?\s*)"
    r"(?:(?P<count>\d{1,3})\s+)?(?:(?P<kw>xã|thôn|bản|ấp|xóm)\s+)?(?:[^:;.()\d\n]{1,40}?\s)?"
    r"(?:(?i:đạt)\s+(?:(?i:đủ|được)\s+)?(?:(?i:từ)\s+)?|(?i:từ)\s+|(?i:ở|thuộc)\s+(?i:nhóm)\s+(?:(?i:đạt)\s+)?(?:(?i:từ)\s+)?"
    r"|(?i:đạt\s+chuẩn)[^:(;\n\d]{0,40}\(\s*)(?P<min>\d{1,2})(?:\s*/\s*\d{1,2})?"
    rf"(?:\s*(?:-|–|(?i:đến|tới))\s*(?P<below>(?i:dưới)\s+)?(?P<max>\d{{1,2}}))?\s+{CRITERIA_NOUN}"
)
# how far a bucket reaches before the count ending it ('- Nhóm đạt từ 15 đến dưới 19 tiêu chí'), and a bucket
# list past it ('(03 xã), gồm các xã sau:'): characters other than whitespace, a margin over what the pattern allows
BUCKET_REACH, BUCKET_LIST_AFTER = 150, 140
BUCKET_LIST_REACH = (BUCKET_REACH, BUCKET_LIST_AFTER)
_BUCKET_WORDS = Openings(["số", "nhóm"])


@lru_cache(maxsize=8)
def bucket_starts(text: str) -> tuple[int, ...]:
    """Where a BUCKET match can start: a line's start, a number's first digit, or 'số' / 'nhóm' (in any case)."""
    return merged(line_starts(text), number_starts(text), _BUCKET_WORDS.positions(text))


BUCKET_RE = FastPattern(BUCKET)  # by re where it can: twice as fast on these bands
# BUCKET and what follows it: where this matches, BUCKET_RE does (tried first, by `re`, at each place)
_BUCKET_LIST = regex.compile(
    BUCKET + r"(?:\s*\(\s*(?P<count>\d{1,3})\s+(?:xã|thôn|bản|ấp)\s*\))?(?:[^:(;.\n]|\.(?!\s)){0,90}?"
    r"(?P<open>[:(]|(?i:lần\s+lượt\s+là))\s*"
    r"(?!\s*\d{1,3}\s+(?:xã|thôn|bản|ấp))"
)


_ITEM_VILLAGE = FastPattern(  # an item opening with its village: "Bản Co Chàm, xã Chiềng Chung: đạt 11/12 tiêu chí"
    rf"(?m:^)(?:[-+•*]\s*)?(?P<kw>{cues.alternation([w.capitalize() for w in VILLAGE_WORDS] + ['Khu', 'Tổ'])})\s+(?P<name>{NAME})\s*(?:,|\(|-)?\s*(?:xã|phường|thị trấn)\s+"
    rf"(?P<commune>{NAME})")


def _is_commune(raw: str, area: AreaNames | None) -> bool:
    return is_register_commune(raw) or (area is not None and area.holds(raw))


def _all_register_communes(text: str, pos: int, area: AreaNames | None = None) -> bool:
    items = _list_items(text, pos, "commune", None, accept_all=True, area=area)
    return len(items) >= 2 and all(_is_commune(i.raw, area) for i in items)


def _counted_lists(text: str, area: AreaNames | None = None):
    """Counted lists ('04 xã (A, B, C, D)', '03 xã: A, B, C') and bucket lists whose names follow a colon
    ('02 xã đạt 19/19 tiêu chí và đã được công nhận: Chi Khê, Yên Khê')."""
    found = {}
    for m in _scan_at(_COUNTED_ANY_CASE if area else _COUNTED, text, number_starts):
        found[m.end()] = m
    for m in _scan(_BUCKET_LIST, text, NUMBER_THEN_COUNT_NOUN, BUCKET_LIST_REACH, bucket_starts, BUCKET_RE):
        if m.group("count") or rx.match(r"(?i)số|nhóm", m.group(0)) or _all_register_communes(text, m.end(), area):
            found.setdefault(m.end(), m)
    return [found[k] for k in sorted(found)]


_PAREN_OPEN = regex.compile(rf"\((?={NAME}(?:\s*,\s*{NAME})+\s*\))")
_PAREN_CONTENT = regex.compile(r"\(([^()\n]{3,300})\)")


def _paren_lists(text: str, area: AreaNames | None = None) -> list[list[Mention]]:
    """'(Long Hưng, Hưng Phú, Mỹ Hương)': a bracketed list of names that are all communes of the register; once
    the area is known, also one whose items are in any case or misspelt, as long as two of them are its communes
    and the rest look like names (an item the register cannot place is kept, not a reason to drop the list)."""
    out = []
    starts = set()
    for m in _scan(_PAREN_OPEN, text):
        items = _list_items(text, m.end(), "commune", ")", accept_all=True)
        if len(items) >= 2 and all(is_register_commune(i.raw) for i in items):
            out.append(items)
            starts.add(m.end())
    if area is None:
        return out
    for m in _scan(_PAREN_CONTENT, text):
        if m.start(1) in starts:
            continue
        items = _list_items(text, m.start(1), "commune", ")", accept_all=True, area=area)
        aside = _COUNT_ASIDE.match(text, items[-1].end) if items else None
        reaches_the_bracket = items and (not text[items[-1].end:m.end(1)].strip() or aside and aside.end() == m.end(1))
        if (len(items) >= 2 and reaches_the_bracket and sum(area.holds(i.raw) for i in items) >= 2
                and all(area.holds(i.raw) or looks_like_name(i.raw) for i in items)):
            out.append(items)
    return out


def _list_items(text: str, pos: int, level: str, closing: str | None, accept_all: bool,
                plural: bool = True, area: AreaNames | None = None) -> list[Mention]:
    """Names following `pos`, separated by commas, semicolons or 'và'; for villages an item may carry
    its commune ('Bản Đán xã Đôn Phong'), which then also applies to the items before it since the last ';'."""
    items: list[Mention] = []
    pending: list[Mention] = []
    first = closing is not None or accept_all
    while True:
        if not first:
            sep = _ITEM_SEP.match(text, pos)
            if not sep:
                break
            separator = sep.group(0).strip()
            pos = sep.end()
        else:
            separator = ","
        keyword = _ITEM_KEYWORD[level].match(text, pos)  # each item with its keyword: 'bản Nà Hạ (xã ...), bản Hụn ...'
        if keyword and not first:
            pos = keyword.end()
        found = _name_at(text, pos, False, area if level == "commune" else None)
        if not found and keyword and first:
            pos = keyword.end()
            found = _name_at(text, pos, False, area if level == "commune" else None)
        if not found and area and closing and level == "commune":
            found = _raw_item_at(text, pos, closing)
        if not found:
            break
        raw, end = found
        if not first and not accept_all and level == "commune" and not _is_commune(raw, area):
            break
        if not first and not accept_all and level == "commune" and not plural and separator not in (",", "và"):
            break
        first = False
        item = Mention(level, raw, pos, end)
        if level == "village":
            suffix = _SUFFIX_COMMUNE.match(text, end) or _BRACKETED_COMMUNE.match(text, end)
            if suffix:
                item.commune_hint = suffix.group("name")
                for earlier in pending:
                    earlier.commune_hint = earlier.commune_hint or item.commune_hint
                pending = []
                end = suffix.end()
            else:
                pending.append(item)
        items.append(item)
        pos = end
        # an item's own count after it: "Tê Xăng (8 tiêu chí)", "Sặp Vạt 17 tiêu chí," (also inside brackets)
        aside = _COUNT_ASIDE.match(text, pos) or (None if closing == ")" else _BRACKET_ASIDE.match(text, pos))
        if aside:
            pos = aside.end()
        if closing and text[pos:pos + 1] == closing:
            break
    return items


_ITEM_KEYWORD = {level: regex.compile(rf"(?:{cues.alternation([k for k, v in LEVEL_OF.items() if v == level])})[ \t]+(?=\p{{Lu}})")
                 for level in ("village", "commune")}
_BRACKETED_COMMUNE = regex.compile(rf"\s*\(\s*(?:xã|phường|thị trấn)\s+(?P<name>{NAME})\s*\)")
_COUNT_ASIDE = regex.compile(r"[ \t]+\d{1,2}[ \t]+tiêu[ \t]+chí(?=[ \t]*[,;.)])")
_BRACKET_ASIDE = regex.compile(r"\s*\([^()]{1,40}\)")
_RAW_ITEM = regex.compile(r"[^\W\d_][^,;()\n]{0,38}?(?=\s*(?:,|;|\s+và\s+|\)))")
_NOT_NAME_WORDS = regex.compile(r"(?i)(?<!\p{L})(?:tiêu|chí|đạt|chưa|các|và|xã|thôn|huyện|năm|đã|được|còn|gồm)(?!\p{L})")


_LOWER_VILLAGE = regex.compile(  # 'thôn nà diếu: đạt ...', 'ấp mỹ xuân (xã ...)': the name runs to its colon or bracket
    r"(?P<name>\p{Ll}+(?:[ ]\p{Ll}+){0,3}(?:[ ]\d{1,2})?)(?=[ \t]*(?::|\(|,|;|[-–][ \t])|[ \t]+xã[ \t]+\p{Ll})")  # ... or to the commune
_NOT_IN_VILLAGE_NAMES = frozenset(cues.words("lower_case_name_stops"))


_OPENS_ITEM = regex.compile(r"(?:^|\n)[ \t*#]*(?:[-+•]|\(?(?:[a-zđ]|\d{1,2})[.)])?[ \t*]*$|[–:][ \t*]*$")


def _lower_case_village(text: str, keyword_start: int, pos: int) -> tuple[str, int] | None:
    """A village's name in a text typed all in lower case, where no capital marks it: an item that opens with the
    village ('- thôn nà diếu: đạt ...', '(a) ấp mỹ xuân (xã ...)', '... – thôn nà chang:'), its name the words up
    to a colon, bracket, comma or dash, none of them a word of the programme's prose."""
    if not _OPENS_ITEM.search(text, max(0, keyword_start - 12), keyword_start):
        return None
    m = _LOWER_VILLAGE.match(text, pos)
    if not m or any(word in _NOT_IN_VILLAGE_NAMES for word in m.group("name").split()):
        return None
    return m.group("name"), m.end("name")


def looks_like_name(raw: str) -> bool:
    """An item of a closed list the register cannot place: one to four words of letters, no programme words."""
    words = raw.split()
    return 1 <= len(words) <= 4 and all(rx.fullmatch(r"\p{L}+(?:['’]\p{L}+)?", w) for w in words) \
        and not _NOT_NAME_WORDS.search(raw)


def _raw_item_at(text: str, pos: int, closing: str) -> tuple[str, int] | None:
    """An item of a bracketed list as written, up to the next separator, when it looks like a name."""
    m = _RAW_ITEM.match(text, pos)
    if m and looks_like_name(m.group(0)):
        return m.group(0), m.end()
    return None
