"""Which criteria a unit has met, not met or nearly met.

Two shapes: a status phrase introducing a list of criteria ("Đã đạt 14/19 tiêu chí: Tiêu chí số 1 - Quy hoạch; ...",
"09/19 tiêu chí chưa đạt, gồm: Tiêu chí (2) Giao thông; ...", "còn 3 tiêu chí gần đạt (Tiêu chí 10 ...)"), whose unit
is the one named before it or the section's; and a criterion introducing a list of units
("Tiêu chí số 7 (Cơ sở vật chất văn hoá): 08 thôn (Bản Vén, ...)"), whose status the section heading gives."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.caseless import CaselessPattern
from ntm.normalize.fast_pattern import FastPattern

from . import cues
from .context import DocContext
from .criteria_refs import CriterionRef, find_refs
from .criteria_sets import names_could_start
from .prefilter import Openings, finditer_at
from .scope import first_status_in, status_matches_in, status_opening

_INTRODUCER = regex.compile(r":|\(|\bgồm\b|\blà\b|\bsau\b")
_INTRO_GAP = 40
_LIST_GAP = 140
_GOAL_BEFORE = CaselessPattern(r"(?:đảm bảo|phấn đấu|để|nhằm|hoàn thiện)\s*$")
_CHAIN_GAP = regex.compile(r"^[\s;,)]*(?:và\s*)?$")
_GROUP_GAP = regex.compile(r"^[\s,)]*(?:và\s+)?(?:(?i:tiêu\s*chí)\s+)?(?:\p{Lu}[\p{L} ]{0,60}?\s*\(\s*)?$")  # ';' starts a new clause  # "), Y tế (" between "Name (TCn)" items
_SENTENCE_END = regex.compile(r"\.\s+\p{Lu}")
_ASIDE_AFTER = regex.compile(r"\s*\([^()]{1,200}\)")
_BRACKET_TAIL = regex.compile(r"\s*\(?[^()]{1,200}?\)")  # a name's rest, or an aside in brackets ('(có ít nhất 01 thôn ...)')
_POSTPOSED = regex.compile(
    r"^\s*\)?\s*(?:,(?![^:.;]*(?:tiêu\s*chí|TC|tc|\d))[^:.;()]{0,40}:"  # ", chống thiên tai: Đạt" ends a cut name
    r"|,(?:\s+(?!(?:xã|thôn|bản|huyện|tỉnh)\b)\p{Ll}+){1,4}\s+(?=(?:đã\s+)?(?:chưa\s+|không\s+|cơ\s+bản\s+)?đạt(?!\p{L})))?"
    r"\s*:?\s*"  # ... and so does ', chống thiên tai đạt sau khi ...'
    r"(?:(?i:theo\s+bộ\s+tiêu\s*chí)[^.;:()]{0,50}?\s+(?=hiện|đã|vẫn|còn|chưa|đang))?"  # "... theo Bộ tiêu chí giai đoạn 2021 - 2025 hiện chưa đạt"
    r"(?:(?:hiện\s+nay|hiện|đã|vẫn|còn|cũng|đang|chỉ|được\s+đánh\s+giá|tuy|dù|mặc\s+dù)\s+)*(?=\S)")  # "tuy đã đạt nhưng ..."
_UNIT_LIST_AFTER = regex.compile(
    r"\s*\)?\s*(?:(?:vẫn\s+|còn\s+)?(?P<cue>chưa\s+đạt|không\s+đạt|gần\s+đạt|đã\s+đạt|đạt))?\s*:\s*"
    r"(?:\d{1,3}\s+(?:thôn|bản|xã|xóm|ấp)\s*[(:]\s*|(?=(?:thôn|bản|xã|xóm|ấp)\s+\p{Lu}))", regex.IGNORECASE)


@dataclass
class StatusStatement:
    unit: object  # Mention
    level: str
    criterion: int
    raw_name: str | None
    status: str
    start: int
    end: int
    cue_start: int | None = None  # where the phrase that introduced the list stands


def read_statuses(ctx: DocContext) -> list[StatusStatement]:
    text = ctx.text
    out: list[StatusStatement] = []
    carry = None  # a status phrase ending a block with ':' opens a list in the items that follow
    for index, block in enumerate(ctx.document.blocks):
        refs = find_refs(text, block.start, block.end)
        cue_list = list(status_matches_in(text, block.start, block.end))
        block_text = text[block.start:block.end]
        named = _named_criteria(ctx, block, cue_list)
        out.extend(named)
        if not refs:
            carry = None if named else _opens_list(ctx, block, cue_list)
            continue
        if block.kind != "list_item" and not block_text.lstrip().startswith(("-", "+", "•")):
            carry = None
        out.extend(_block_statuses(ctx, index, block, refs, cue_list, carry))
    out.extend(_table_statuses(ctx))
    out.extend(_numbered_names(ctx, {(s.criterion, s.start) for s in out}))
    return out


_ITEM_NUMBER = regex.compile(r"[ \t]*(?P<n>\d{1,2})[.)][ \t]+")
_NAME_THEN_STATUS = regex.compile(r"[ \t]*[:\-–][ \t]*")


def _numbered_names(ctx: DocContext, taken: set) -> list[StatusStatement]:
    """'10. Thu nhập: chưa đạt; ...' in a list of the criteria: an item numbered as the criterion its name is in the
    set the document reads (the number alone is any list's; with the name it is the criterion's), then its status."""
    text = ctx.text
    out: list[StatusStatement] = []
    for block in ctx.document.blocks:
        item = _ITEM_NUMBER.match(text, block.start, block.end)
        if item is None or not 1 <= int(item.group("n")) <= 19:
            continue
        unit = ctx.unit_before(block.start)
        criteria_set = ctx.criteria_set(ctx.level_at(block.start, unit)) if unit is not None else None
        if criteria_set is None:
            continue
        names, stop = criteria_set.names_list_at(text, item.end(), block.end)
        if len(names) != 1 or names[0][0] != int(item.group("n")) or names[0][1] != item.end():
            continue
        lead = _NAME_THEN_STATUS.match(text, stop, block.end)
        status = _status_opening(text[lead.end():min(block.end, lead.end() + 60)]) if lead else None
        number, start, end = names[0]
        if status and (number, start) not in taken:
            out.append(StatusStatement(unit, ctx.level_at(block.start, unit), number, text[start:end], status, start, end))
    return out


def _groups(text: str, refs: list[CriterionRef]) -> list[list[CriterionRef]]:
    """Refs written one after another ('tiêu chí số 2 (…), số 13 (…) và số 17 (…)', 'Giáo dục (TC5), Y tế (TC14)')."""
    groups: list[list[CriterionRef]] = []
    for ref in refs:
        gap = text[groups[-1][-1].end:ref.start] if groups else ""
        tail = _BRACKET_TAIL.match(gap)  # the rest of a name cut at its comma: 'số 3 (Thủy lợi và phòng, chống thiên tai), '
        if tail and (tail.group(0).lstrip().startswith("(") or first_status_in(tail.group(0)) is None):
            gap = gap[tail.end():]  # ... or the criterion's description in brackets, whatever words it holds
        if groups and _GROUP_GAP.match(gap) and \
                not _SENTENCE_END.search(text, groups[-1][-1].end, ref.start + 1):
            groups[-1].append(ref)
        else:
            groups.append([ref])
    return groups


def _block_statuses(ctx: DocContext, index: int, block, refs: list[CriterionRef], cue_list, carry):
    """Each criterion's status, in order of precedence: written right after it ('tiêu chí số 13 cơ bản đạt'),
    after the group it closes ('tiêu chí số 9 (Nhà ở) và số 17 (Môi trường) chưa đạt'), or the status phrase
    that opened the list it is in ('Đã đạt 14/19 tiêu chí: ...'), or one that ended the block above it."""
    text = ctx.text
    out: list[StatusStatement] = []
    group_status = {}
    for group in _groups(text, refs):
        status = _postposed_status(text, group[-1], block.end)
        for ref in group:
            group_status[id(ref)] = status
    previous: CriterionRef | None = None
    governing = None
    for ref in refs:
        after = _UNIT_LIST_AFTER.match(text, ref.end)
        listed = _criterion_to_units(ctx, index, ref, after, cue_list) if after else []
        if listed:
            out.extend(listed)
            previous, governing = ref, None
            continue  # ': xã chưa có sản phẩm OCOP ...' names no unit: the criterion is read as any other
        continues = previous is not None and governing is not None and _list_continues(text, governing, previous, ref)
        fresh = _governing_cue(text, block.start, ref, cue_list)
        if fresh is not None or not continues:
            governing = fresh
        previous = ref
        written_after = _postposed_status(text, ref, block.end) or group_status.get(id(ref))
        if written_after is not None:
            unit = ctx.unit_before(governing[0] if governing else ref.start)
            if unit is not None:
                out.append(StatusStatement(unit, ctx.level_at(ref.start, unit), ref.number, ref.raw_name,
                                           written_after, ref.start, ref.end))
            continue
        if governing is None:
            if carry is not None:
                status, unit, level, cue_at = carry
                out.append(StatusStatement(unit, level, ref.number, ref.raw_name, status, ref.start, ref.end, cue_at))
            continue
        cue_start, cue_end, status = governing
        units = ctx.units_before(cue_start) or [_unit_between(ctx, cue_end, ref.start)]
        for unit in [u for u in units if u is not None]:
            out.append(StatusStatement(unit, ctx.level_at(cue_start, unit), ref.number, ref.raw_name, status,
                                       ref.start, ref.end, cue_start))
    return out


def _unit_between(ctx: DocContext, start: int, end: int):
    """'Các tiêu chí chưa đạt của xã Lam Vỹ: ...': the unit named between the status phrase and its list."""
    found = [m for m in ctx.mentions_between(start, end) if not m.qualifier]
    return found[0] if found else None




_NAMED_AFTER_CUE = FastPattern(  # "chưa đạt các tiêu chí Giáo dục, Thu nhập và ...", "còn thiếu các tiêu chí về trường học"
    r"(?P<cue>(?i:chưa\s+đạt|không\s+đạt|còn\s+thiếu|thiếu|cơ\s+bản\s+đạt|gần\s+đạt|đã\s+đạt|vướng))\s+"
    r"(?:(?:duy\s+nhất|các|những|\d{1,2}|hai|ba|bốn|năm)\s+)?(?i:tiêu\s*chí)\s*(?:(?i:là|gồm)\s*)?:?\s*"
    r"(?:\((?!\s*(?:TC|tc|(?i:tiêu\s*chí)|(?i:số))?\s*\d)\s*)?")  # 'chưa đạt 04 tiêu chí (Giao thông; Giáo dục; ...)'
_NAMED_AFTER_CUE_OPENINGS = Openings.of_pattern(_NAMED_AFTER_CUE.pattern)
_NUMBER_FOLLOWS = regex.compile(r"\s*\(\s*(?:TC|tc|(?i:tiêu\s*chí)|(?i:số))?\s*\d")
_NEGATIVE_THEN_NAMES = FastPattern(  # "Xã Đình Phong đạt 17/19 tiêu chí, chưa đạt Trường học và Y tế."
    r"(?P<cue>(?i:chưa\s+đạt|không\s+đạt|còn\s+thiếu|chưa\s+hoàn\s+thành))\s+(?=\p{Lu})")
_NEGATIVE_WORDS = CaselessPattern(r"chưa|không|còn")  # the first words of those cues: a block without them has none
_NEGATIVE_OPENINGS = Openings.of_pattern(_NEGATIVE_THEN_NAMES.pattern)
# every statement of criteria by name but one ('chưa đạt Trường học và Y tế') says 'tiêu chí': a block without it
# is not scanned for them
_CRITERIA_WORDS = CaselessPattern(r"tiêu\s*chí")
_NOUN_LEADS = ["duy nhất", "các", "những", "hai", "ba", "bốn", "năm", "riêng"]  # words that may stand before the noun
_NAMED_BEFORE_CUE = FastPattern(  # "Các tiêu chí Giáo dục, Y tế và Thu nhập chưa đạt", "tiêu chí Nhà ở ... được đánh giá cơ bản đạt"
    rf"(?<![\p{{L}}])(?:(?:{'|'.join(w.replace(' ', chr(92) + 's+') for w in _NOUN_LEADS[:3])}|\d{{1,2}}|"
    rf"{'|'.join(_NOUN_LEADS[3:])})\s+)?(?i:tiêu\s*chí)"
    r"(?:(?:\s+\p{Ll}+){0,3}?\s+(?i:như|gồm))?\s+(?=\S)")  # 'các tiêu chí khó như Thu nhập, Y tế ... đã đạt'
_NOUN = Openings(["tiêu"])


def _space_before(text: str, position: int) -> int:
    """Where the run of whitespace (regex's \\s: str.isspace's but U+001C..U+001F) that ends at `position` starts."""
    while position > 0 and text[position - 1].isspace() and text[position - 1] not in "\x1c\x1d\x1e\x1f":
        position -= 1
    return position


@lru_cache(maxsize=8)
def _named_before_starts(text: str) -> tuple[int, ...]:
    """Where a match of _NAMED_BEFORE_CUE can start: at its noun, or at the lead word or number (one or two digits)
    the whitespace before the noun follows."""
    found = set()
    for noun in _NOUN.positions(text):
        found.add(noun)
        lead_end = _space_before(text, noun)
        for n in _LEAD_LENGTHS:  # where the word before it is a lead word, or a number (\d is a digit to isdigit)
            lead = text[max(0, lead_end - n):lead_end]
            if lead in _ONE_WORD_LEADS or lead.isdigit():
                found.add(lead_end - n)
        for *before, last in _LEADS_OF_WORDS:
            start = lead_end - len(last)
            for word in reversed(before):
                start = _space_before(text, start) - len(word)
            found.add(start)
    return tuple(sorted(at for at in found if at >= 0))


# how far back a lead of one word, or a number of one or two digits, starts from the whitespace before the noun
_LEAD_LENGTHS = tuple(sorted({1, 2} | {len(lead) for lead in _NOUN_LEADS if " " not in lead}))
_ONE_WORD_LEADS = frozenset(lead for lead in _NOUN_LEADS if " " not in lead)
_LEADS_OF_WORDS = [lead.split(" ") for lead in _NOUN_LEADS if " " in lead]


_PASSIVE_JUDGED = (  # 'được Đoàn kiểm tra xác nhận', 'được Sở Thông tin và Truyền thông kiểm tra, xác nhận'
    r"(?i:được)\s+(?:[^\s,.;:()]+\s+){0,6}(?:(?i:kiểm\s+tra|thẩm\s+định|đánh\s+giá|rà\s+soát)\s*(?:,|(?i:và))\s*)*"
    r"(?i:xác\s+nhận|công\s+nhận|đánh\s+giá|thẩm\s+định)\s+(?:(?i:là)\s+)?")
_DEGREE = regex.compile(rf"\s+(?i:{cues.alternation(cues.words('degree_words'))})(?!\p{{L}})")
_CAUSE = cues.word_pattern("cause_words")
_ADVERBS_AFTER_LIST = regex.compile(  # '... đã được Đoàn kiểm tra xác nhận đạt chuẩn': who judged it stands between
    r"\s*(?:\([^)]*\)\s*)?(?:(?i:được\s+đánh\s+giá|hiện\s+nay|hiện\s+tại|hiện|đang|vẫn|còn|đã|mới|đều|cùng)\s+"
    rf"|{_PASSIVE_JUDGED})*")
INTRO_REACH = 30  # the words _INTRO_THEN_NAMES allows between a status and what introduces its names
_INTRO_THEN_NAMES = regex.compile(  # '... chưa đạt: 3 (Giao thông; Môi trường)': the count may stand before the names
    rf"[^.;:()]{{0,{INTRO_REACH}}}?" r"(?:\bgồm\b|\blà\b|:(?:\s*\d{1,2}\s*\()?|\()\s*:?\s*")


def _may_introduce(text: str, start: int, end: int) -> bool:
    """Whether _INTRO_THEN_NAMES can match at `start`: what introduces the names ('gồm', 'là', ':' or '(') opens
    at most INTRO_REACH characters on."""
    window = text[start:min(end, start + INTRO_REACH + len("gồm"))]  # its longest introducer whole
    return ":" in window or "(" in window or "gồm" in window or "là" in window


def _status_opening(tail: str) -> str | None:
    """The status phrase (any of status_cues.tsv) `tail` opens with, unless a word of degree follows it
    ('đạt thấp')."""
    opening = status_opening(tail)
    if opening is None:
        return None
    m, status = opening
    if _DEGREE.match(tail, m.end()) or _PASSIVE_VERB.match(tail, m.end()):
        return None
    return status


_PASSIVE_VERB = regex.compile(r"(?<=^được)\s+\p{L}", regex.IGNORECASE)  # 'được đầu tư', 'được quan tâm': no status


def _status_right_after(text: str, position: int, block_end: int) -> str | None:
    """The status phrase that follows a list of criteria names, past adverbs."""
    lead = _ADVERBS_AFTER_LIST.match(text, position, block_end)
    return _status_opening(text[lead.end():min(block_end, lead.end() + 60)])


def _named_criteria(ctx: DocContext, block, cue_list) -> list[StatusStatement]:
    """Criteria given by name, not number: 'còn hai tiêu chí chưa đạt là Giao thông và Môi trường', 'chưa đạt các
    tiêu chí Giáo dục, Thu nhập và Chất lượng môi trường sống', 'Các tiêu chí Giáo dục, Y tế và Thu nhập chưa đạt'.
    Every name must be exactly one criterion's name or alias in the set the statement is read under."""
    text = ctx.text
    out: list[StatusStatement] = []
    taken: set[int] = set()

    def emit(cue_start: int, status: str, list_start: int, anchor: int):
        units = ctx.units_before(anchor) or [_unit_between(ctx, cue_start, list_start)]
        for unit in [u for u in units if u is not None]:
            level = ctx.level_at(anchor, unit)
            criteria_set = ctx.criteria_set(level)
            if criteria_set is None:
                continue
            names, _ = criteria_set.names_list_at(text, list_start, block.end)
            for number, start, end in names:
                if _NUMBER_FOLLOWS.match(text, end):
                    continue  # "Thu nhập (TC10)": a numbered criterion, read with its own status
                if (unit.raw, number, start) not in taken:
                    taken.add((unit.raw, number, start))
                    out.append(StatusStatement(unit, level, number, text[start:end], status, start, end, cue_start))

    named_noun = _CRITERIA_WORDS.search(text, block.start, block.end) is not None
    for m, status in cue_list if named_noun else ():  # a status phrase, then an introducer, then names
        cue_start, cue_end = block.start + m.start(), block.start + m.end()
        intro = _INTRO_THEN_NAMES.match(text, cue_end, block.end) if _may_introduce(text, cue_end, block.end) else None
        if intro and rx.search(r"\d", text[cue_end:intro.end()]) and text[intro.end() - 1:intro.end()] in "( " \
                and not rx.search(r":\s*\d{1,2}\s*\($", text[cue_end:intro.end()]):
            continue  # "tiêu chí số 5 (Trường học)": a numbered criterion with its name, handled as a reference
        if _GOAL_BEFORE.search(text[max(block.start, cue_start - 30):cue_start]):
            continue
        if intro and "tiêu chí" in text[max(block.start, cue_start - 30):intro.end()].lower():
            emit(cue_start, status, intro.end(), cue_start)
    for m in finditer_at(_NAMED_AFTER_CUE, text, _NAMED_AFTER_CUE_OPENINGS.positions(text), block.start, block.end) \
            if named_noun else ():
        emit(m.start(), first_status_in(m.group("cue")), m.end(), m.start())
    negative = _NEGATIVE_WORDS.search(text, block.start, block.end) is not None
    for m in finditer_at(_NEGATIVE_THEN_NAMES, text, _NEGATIVE_OPENINGS.positions(text), block.start, block.end) \
            if negative else ():
        emit(m.start(), first_status_in(m.group("cue")), m.end(), m.start())
    for m in finditer_at(_NAMED_BEFORE_CUE, text, _named_before_starts(text), block.start, block.end) \
            if named_noun else ():
        if not names_could_start(text, m.end(), block.end, (ctx.local_sets or {}).values()):
            continue
        unit = ctx.unit_before(m.start())
        if unit is None:
            continue
        criteria_set = ctx.criteria_set(ctx.level_at(m.start(), unit))
        if criteria_set is None:
            continue
        names, stop = criteria_set.names_list_at(text, m.end(), block.end)
        status = _status_right_after(text, stop, block.end) if names else None
        if status:  # "tiêu chí Thu nhập còn vướng", "tiêu chí Nhà ở dân cư đã hoàn thành"
            emit(m.start(), status, m.end(), m.start())
    return out


def _table_statuses(ctx: DocContext) -> list[StatusStatement]:
    out = []
    for row in ctx.table_rows:
        unit = row.unit
        level = ctx.level_at(row.span[0], unit)
        for number, status, s, e in row.statuses:
            if number is not None:
                out.append(StatusStatement(unit, level, number, None, status, s, e))
                continue
            criteria_set = ctx.criteria_set(level)  # a cell of names: every one must be the set's, or none is read
            names, stop = criteria_set.names_list_at(ctx.text, s, e) if criteria_set else ([], s)
            if names and not ctx.text[stop:e].strip(" .;,"):
                out += [StatusStatement(unit, level, n, ctx.text[a:b], status, a, b) for n, a, b in names]
    return out


def _opens_list(ctx: DocContext, block, cue_list):
    """'Đã đạt 15/19 tiêu chí:' closing a block: (status, unit, level) for the list items below it."""
    text = ctx.text[block.start:block.end].rstrip()
    if not text.endswith(":") or not cue_list:
        return None
    m, status = cue_list[-1]
    if len(text) - m.end() > _INTRO_GAP:
        return None
    unit = ctx.unit_before(block.start + m.start())
    if unit is None:
        return None
    return status, unit, ctx.level_at(block.start + m.start(), unit), block.start + m.start()


_COUNT_IN_BRACKETS = regex.compile(r"\(\s*\d{1,2}\s*\)")


def _list_continues(text: str, governing, previous: CriterionRef, ref: CriterionRef) -> bool:
    """A list opened by a status phrase runs on through ';' and ',' to the end of its sentence, or to the
    closing bracket when it was opened with '('."""
    between = text[previous.end:ref.start]
    if _SENTENCE_END.search(text, previous.end, ref.start + 1):
        return False
    if _CHAIN_GAP.match(between):
        return True
    cue_depth = text[:governing[0]].count("(") - text[:governing[0]].count(")")
    if cue_depth > 0:  # "(thiếu TC17)": the status phrase sits inside brackets that close the list
        inside = text[governing[0]:ref.start]
        if inside.count(")") > inside.count("("):
            return False
    intro = _INTRODUCER.search(text, governing[1], previous.start)
    while intro is not None and (aside := _COUNT_IN_BRACKETS.match(text, intro.start())):
        intro = _INTRODUCER.search(text, aside.end(), previous.start)  # 'TC chưa đạt (03): ...': a count, no list
    opens_list = intro is not None and intro.group(0) == "(" and not rx.search(
        r"\p{Lu}", text[governing[1]:intro.start()])  # "là Giao thông (số 2) và Điện (số 4)": that bracket holds a number
    if opens_list:
        depth = 0
        for ch in text[intro.start():ref.start]:
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                return False  # the bracket that opened the list has closed
    return True


def _postposed_status(text: str, ref: CriterionRef, block_end: int) -> str | None:
    """'riêng tiêu chí số 17 (Môi trường và an toàn thực phẩm) chưa hoàn thành': the status follows the criterion."""
    start = ref.end
    aside = _ASIDE_AFTER.match(text, ref.end, block_end)
    if aside:  # 'tiêu chí số 3 (có ít nhất 01 thôn thông minh) chưa đạt': the description, then the status
        start = aside.end() - 1
    elif text.count("(", ref.start, ref.end) > text.count(")", ref.start, ref.end):
        closing = text.find(")", ref.end, block_end)  # "số 4 (Thu nhập bình quân mới đạt 41,6 triệu)": inside is an aside
        if closing < 0:
            return None
        start = closing
    tail = text[start:min(block_end, start + 120)]
    lead = _POSTPOSED.match(tail)
    return _status_opening(tail[lead.end():]) if lead else None


_ENDS_WITH_INTRO = regex.compile(r"(?::|\bgồm|\blà|\()\s*(?:(?:các|những)\s+(?:tiêu\s*chí\s*)?)?$")


def _introduces(between: str) -> bool:
    """Text between a status phrase and a criterion that opens a list: it ends with ':', 'gồm', 'là' or '('
    ('Đã đạt 14/19 tiêu chí: Tiêu chí số 1'), or opens with ':'/'gồm' and names the criterion before its number
    ('chưa hoàn thành: Tổ chức sản xuất (TC13)')."""
    if _ENDS_WITH_INTRO.search(between) and len(between) <= _INTRO_GAP:
        return True
    head = _INTRODUCER.search(between)
    return bool(head and head.group(0) != "(" and head.start() <= _INTRO_GAP and between.rstrip().endswith("("))


def _governing_cue(text: str, block_start: int, ref: CriterionRef, cue_list) -> tuple[int, int, str] | None:
    """The status phrase that introduces the list `ref` opens: close before it ('Đã đạt 14/19 tiêu chí:',
    '09/19 tiêu chí chưa đạt, gồm:', 'còn 3 tiêu chí gần đạt ('), with ':', '(', 'gồm' or 'là' in between."""
    best = None
    for m, status in cue_list:
        start, end = block_start + m.start(), block_start + m.end()
        if end > ref.start:
            break
        between = text[end:ref.start]
        if len(between) > _LIST_GAP or ";" in between or rx.search(r"\.\s+\p{Lu}", between):
            continue
        # a met cue governs directly only when said done ('đã hoàn thành tiêu chí số 14', 'đã đạt tiêu chí số 5'):
        # a bare 'đạt tiêu chí số 5' may be the aim of a sentence
        done = status != "met" or m.group(0).lower().startswith("đã") or \
            rx.search(r"(?i)(?<!\p{L})đã\s+$", text[max(block_start, start - 6):start]) is not None
        direct = (rx.fullmatch(r"\s*(?:(?:các|những|duy\s+nhất)\s+(?:tiêu\s*chí\s*)?)?", between) is not None and done
                  and not _GOAL_BEFORE.search(text[max(block_start, start - 30):start]))
        if not direct and not _introduces(between):
            continue
        if _CAUSE.search(rx.split(r"[,;:()]", text[max(block_start, start - 60):start])[-1]):
            continue  # "..., do Trường Mầm non chưa được công nhận đạt chuẩn quốc gia, và Hành chính công (số 15)"
        best = (start, end, status)
    return best


def _criterion_to_units(ctx: DocContext, block_index: int, ref: CriterionRef, after, cue_list):
    """'Tiêu chí số 7 (Cơ sở vật chất văn hoá): 08 thôn (Bản Vén, ...)' or 'Tiêu chí Thu nhập (TC10) chưa đạt:
    thôn Nà Pài, thôn Pác Cộp': the units listed after a criterion, with the status written there or the section's."""
    block = ctx.document.blocks[block_index]
    status = first_status_in(after.group("cue")) if after.group("cue") else None
    if status is None:
        for m, cue_status in cue_list:
            if block.start + m.end() <= ref.start:
                status = cue_status
    if status is None:
        scopes = ctx.scopes[block_index]
        if scopes and scopes[-1].start == block.start:
            scopes = scopes[:-1]
        for scope in reversed(scopes):
            if scope.status:
                status = scope.status
                break
    if status is None:
        return []
    stop = rx.search(r"[;]|\.(?:\s|$)", ctx.text[after.end():block.end])
    units = [u for u in ctx.mentions_between(after.end(), after.end() + stop.start() if stop else block.end)
             if not u.qualifier and u.level in ("commune", "village")]
    return [StatusStatement(u, ctx.level_at(ref.start, u), ref.number, ref.raw_name, status, u.start, u.end)
            for u in units]
