"""Numeric goals that are not money spent: 'thu nhập 45 triệu đồng/người/năm', 'bảo hiểm y tế đạt ≥ 90%',
'giảm tỷ lệ hộ nghèo xuống dưới 13%'. The indicators are data (extract/data/cues/targets.tsv)."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.amounts import AMOUNT_RE, amount_of, parse_number
from ntm.normalize.caseless import CaselessPattern
from ntm.normalize.vntext import spaced_lower

from . import cues
from .criteria_counts import NUMBER_WORDS, number_value
from .prefilter import PERCENT_SIGN, finditer_near
from .spans import sentence_start

_INDICATORS = [(regex.compile(p, regex.IGNORECASE), name, unit) for p, name, unit in cues.table("targets")]
# caseless over the document lower-cased once: folding case at each letter of each comparison word, at each place of
# a window, cost more than the rest of the reading of percentages (nothing else in it has a case)
_PERCENT = CaselessPattern(r"(?P<cmp>≥|≤|>=|<=|>|<|từ|trên|dưới|tối thiểu|ít nhất|tối đa|không quá|không dưới|"
                           r"không thấp hơn|còn dưới|còn)?\s*(?P<v>\d{1,3}(?:,\d{1,2})?)\s*%")
# a money target is a rate ('52 triệu đồng/người/năm') or an average ('bình quân đầu người ... đạt 72 triệu đồng'):
# its amount ends right before the rate's '/', or starts at most 40 characters after 'đầu người'; an amount is
# taken to be at most 80 characters long, whitespace not counted
_PER_OR_AVERAGE = CaselessPattern(r"/\s*(?:người|hộ|khẩu)|bình\s+quân")
AMOUNT_REACH = (80, 140)
PERCENT_BEFORE = 24  # 'không thấp hơn 95,5 %': the comparison and the value, whitespace not counted
_PER_HEAD = regex.compile(r"\s*/\s*(?P<per>(?:người|hộ|khẩu)(?:\s*/\s*năm)?)")
_TO_A_LEVEL = r"\s+(?:\S+\s+){0,8}?(?:xuống|lên)\s+(?:còn\s+)?(?:dưới|trên|tối)"  # 'giảm tỷ lệ hộ nghèo xuống dưới'
# each alternative opens with its own word: `re` skips to their first letters (a group of verbs first, it would try
# the whole pattern at every place of the clause)
_GOAL = CaselessPattern(r"phấn\s+đấu|duy\s+trì|đảm\s+bảo|bảo\s+đảm|mục\s+tiêu|chỉ\s+tiêu|≥|≤|tối\s+thiểu|ít\s+nhất|trở\s+lên|"
                        + "|".join(verb + _TO_A_LEVEL for verb in ("giảm", "tăng", "nâng")))
# caseless by `re`: `regex` looks for a pattern's first word ahead of a leading '\s*' through the whole rest of the text
# before it tries the match there, which a match at every percentage makes quadratic
_GOAL_AFTER = CaselessPattern(r"\s*trở\s+(?:lên|xuống)(?!\p{L})")
# a share of any measure in a goal clause, right before its value: 'bảo đảm tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%'
_NAMED_SHARE = regex.compile(r"(?i)(?<!\p{L})(?P<ind>tỷ\s+lệ(?:\s+[\p{L}\-]+){1,10}?)(?:\s+(?:đạt|là|ở\s+mức|lên|xuống))?\s*$")
_REACHED = regex.compile(r"(?i)\b(?:mới|chỉ)\s+đạt\b|\bước\s+đạt\b|\bđạt\s+được\b")  # a level reached, not a goal
COMPARATORS = {"≥": "≥", ">=": "≥", "từ": "≥", "tối thiểu": "≥", "ít nhất": "≥", "không dưới": "≥", "không thấp hơn": "≥",
               "trên": ">", ">": ">", "≤": "≤", "<=": "≤", "tối đa": "≤", "không quá": "≤", "dưới": "<", "còn dưới": "<",
               "<": "<"}


@dataclass
class Target:
    indicator: str
    value: float
    unit: str
    comparator: str | None
    raw: str
    start: int
    end: int


def _indicator(clause: str, unit_kind: str):
    best = None
    for pattern, name, unit in _INDICATORS:
        for m in pattern.finditer(clause):
            if (unit == "%") == (unit_kind == "%") and (best is None or m.start() > best[0]):
                best = (m.start(), name, unit)
    return best


def _clause(text: str, start: int, end: int) -> str:
    return text[sentence_start(text, start):end]


_GOAL_HEADING = cues.word_pattern("goal_headings")


def _goal_heading_reader(ctx):
    """`position -> bool`: whether the block at a position is under a goal (`_block_under_goal`), read once a block:
    a block of many percentages asks for each."""
    known: dict[int, bool] = {}

    def under_goal_heading(position: int) -> bool:
        index = ctx.block_index(position)
        if index not in known:
            known[index] = _block_under_goal(ctx, index)
        return known[index]
    return under_goal_heading


def _block_under_goal(ctx, index: int) -> bool:
    """The block itself and the sections it sits in say 'phấn đấu', 'mục tiêu'...; or a section heading above it is
    one of plans ('Phương hướng năm 2023', 'Nhiệm vụ trọng tâm')."""
    scopes = ctx.scopes[index]
    if _GOAL.search(" ".join(ctx.text[s.start:s.end] for s in scopes)):
        return True
    own_start = ctx.document.blocks[index].start
    return any(_GOAL_HEADING.search(ctx.text[s.start:s.end]) for s in scopes if s.start != own_start)


def rates_and_averages(text: str, amounts):
    """The amounts that may be money targets: a rate ('/người/năm') or an average per head, with the rate and the
    clause before the amount."""
    for m in amounts:
        per = _PER_HEAD.match(text, m.end())
        clause = _clause(text, m.start(), m.start())
        if per or rx.search(r"(?i)bình\s+quân\s*(?:đầu\s+người|một\s+người|/\s*người)\b[^;]{0,40}$", clause):
            yield m, per, clause


def read_targets(ctx) -> list[Target]:
    """A value is a target when its clause or section says so: 'phấn đấu', 'mục tiêu', 'giảm xuống', '≥'...;
    'thu nhập bình quân mới đạt 33,5 triệu đồng/người/năm' states a level reached, not a goal."""
    text = ctx.text
    out: list[Target] = []
    under_goal_heading = _goal_heading_reader(ctx)
    for m, per, clause in rates_and_averages(text, finditer_near(AMOUNT_RE, text, _PER_OR_AVERAGE, *AMOUNT_REACH)):
        found = _indicator(clause, "money")
        if not found or not (_GOAL.search(clause) or under_goal_heading(m.start())) or _REACHED.search(clause):
            continue
        value = amount_of(m)
        unit = "VND/" + rx.sub(r"\s+", "", per.group("per")) if per else found[2]
        end = per.end() if per else m.end()
        out.append(Target(found[1], float(value), unit, None, text[m.start():end], m.start(), end))
    for m in finditer_near(_PERCENT, text, PERCENT_SIGN, PERCENT_BEFORE, 2):
        if _REACHED.search(text[max(0, m.start() - 14):m.start()]):
            continue  # "(hiện mới đạt 93,5%)": the level reached, beside a goal
        clause_start = sentence_start(text, m.start())
        clause = text[clause_start:m.start()]
        comparator = COMPARATORS.get((m.group("cmp") or "").lower())
        # (the clause searched in place: the pattern looks at nothing around it, and the text is lower-cased once)
        goal_here = _GOAL.search(text, clause_start, m.start()) or _GOAL_AFTER.match(text, m.end())  # '... đạt từ 90% trở lên'
        if not (comparator or goal_here or under_goal_heading(m.start())):
            continue  # a share reached, not a goal (the goal is asked first: most percentages are no goal)
        found = _indicator(clause, "%")
        if not found and (named := _NAMED_SHARE.search(clause)) and (goal_here or under_goal_heading(m.start())):
            found = (named.start(), rx.sub(r"\s+", " ", named.group("ind")).lower(), "%")
        if not found:
            continue
        raw = text[m.start():m.end()].strip()  # as written: the match reads the lower-cased text
        out.append(Target(found[1], float(parse_number(m.group("v"))), "%", comparator, raw, m.start(), m.end()))
    out += _more_units_to_meet(ctx, under_goal_heading)
    out += _works_to_do(ctx, under_goal_heading)
    return out


_WORKS = regex.compile(rf"(?i)(?<!\p{{L}})(?P<verb>{cues.alternation(cues.words('works_verbs'))})(?!\p{{L}})"
                       r"(?P<between>[^.,;\n\d]{0,40}?)(?P<v>\d{1,3}(?:,\d{1,2})?)\s*km(?!\p{L})")  # the verb's own object
_TASK = cues.word_pattern("task_words")
_DONE = regex.compile(r"(?i)(?<!\p{L})(?:đã|sau\s+khi)(?!\p{L})")  # 'đã hoàn thành ... sau khi cứng hóa 2,7 km'
_DONE_RIGHT_BEFORE = regex.compile(r"(?i)(?<!\p{L})(?:được|đạt)\s+(?:\p{L}+\s+){0,2}$")


def _works_to_do(ctx, under_goal_heading) -> list[Target]:
    """'Hoàn thành cứng hóa 3,5 km đường trục bản trước ngày 30/6/2025', '2. Cứng hóa 3,8 km đường trục thôn' under
    the plan's heading: a length of road works to do is a target; 'đã cứng hóa 5,3 km' is work done."""
    text = ctx.text
    out = []
    for m in finditer_near(_WORKS, text, _KM, *WORKS_REACH):
        clause = _clause(text, m.start(), m.start("v"))
        if _DONE.search(clause) or _DONE_RIGHT_BEFORE.search(text, max(0, m.start() - 20), m.start()) \
                or _REACHED.search(clause):
            continue
        if not (_GOAL.search(clause) or _TASK.search(clause) or under_goal_heading(m.start())):
            continue
        verb = spaced_lower(m.group("verb"))
        out.append(Target(f"chiều dài đường {verb}", float(parse_number(m.group("v"))), "km", None,
                          text[m.start():m.end()], m.start("v"), m.end()))
    return out


# '02 xã đạt chuẩn NTM', '08 thôn (A, B, ...) đạt chuẩn thôn NTM': how many units, to be brought to the standard
_UNITS_TO_MEET = (rf"(?P<n>\d{{1,3}}|{cues.alternation(NUMBER_WORDS)})\s+(?P<kw>xã|thôn|bản|ấp)(?!\p{{L}})"
                  r"[^.;\n]{0,80}?(?<!\p{L})đạt\s+chuẩn(?!\p{L})")
_MORE_UNITS = regex.compile(rf"(?i)(?<!\p{{L}})(?:có\s+)?thêm\s+{_UNITS_TO_MEET}")  # 'phấn đấu có thêm 02 xã đạt chuẩn'
_AND_MORE_UNITS = regex.compile(rf"(?i)[^.;\n(]{{0,60}}?(?:\s*\([^()\n]{{0,120}}\))?\s*(?:,|và)\s*{_UNITS_TO_MEET}")


# every such goal says 'thêm' and every length of works 'km': the scans run near them (reach in characters other
# than whitespace: 'có thêm' and its 'đạt chuẩn' up to 80 characters on; a works verb up to 40 characters before)
_MORE = CaselessPattern(r"thêm")
MORE_UNITS_REACH = (4, 120)
_KM = CaselessPattern(r"km(?!\p{L})")
WORKS_REACH = (70, 2)


def _more_units_to_meet(ctx, under_goal_heading) -> list[Target]:
    """'Phấn đấu năm 2025 có thêm 02 xã đạt chuẩn NTM': how many more communes (villages) a plan means to bring to
    the standard, in a goal clause or under a plan's heading; 'UBND tỉnh công nhận thêm 02 xã' is a result."""
    text = ctx.text
    out = []
    for m in finditer_near(_MORE_UNITS, text, _MORE, *MORE_UNITS_REACH):
        clause = _clause(text, m.start(), m.start())
        if not (_GOAL.search(clause) or under_goal_heading(m.start())) or _REACHED.search(clause):
            continue
        goals = [m]
        while more := _AND_MORE_UNITS.match(text, goals[-1].end()):  # '... (Đoàn Đào, Tam Đa) và 01 xã đạt chuẩn ...'
            goals.append(more)
        for goal in goals:
            value = number_value(goal.group("n"))
            kind = goal.group("kw").lower()
            out.append(Target(f"số {kind} đạt chuẩn tăng thêm", float(value), kind, None, goal.group(0).strip(" ,"),
                              goal.start("n"), goal.end()))
    return out

