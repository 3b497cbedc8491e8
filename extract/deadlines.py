"""Deadlines: 'trước ngày 15/12/2023', 'chậm nhất ngày 15 tháng 10 năm 2024', 'trong tháng 6/2020', 'trong quý III/2024',
'cuối năm 2020', 'trước ngày 20 hàng tháng', 'báo cáo ... hàng tháng'. Event dates and cited documents' dates are
not deadlines: only the cue phrases in extract/data/cues/deadline_cues.tsv make one."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.char_tables import line_starts
from ntm.normalize.caseless import CaselessPattern
from ntm.normalize.dates import DAY_DATE, MONTH_DATE, QUARTER_DATE, YEAR_DATE, iso_day, iso_month, iso_quarter
from ntm.normalize.vntext import spaced_lower

from . import cues
from .prefilter import (DEADLINE_AFTER, DEADLINE_BEFORE, DEADLINE_CUE, Openings, finditer_at, finditer_at_in,
                        finditer_in, opening_words, windows)
from .spans import SpanIndex, sentence_end, sentence_start

_PLACEHOLDERS = {"{DAYMONTH}": r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/]|\s*(?:năm|/))",
                 "{DAYWORDS}": r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?!\s*(?:năm|/)|\d)",
                 "{MONTHNOW}": r"(?P<m>\d{1,2})\s+năm\s+nay", "{QUARTERNOW}": r"(?P<q>IV|III|II|I)(?![\p{L}/\d])(?!\s*(?:/|năm))",
                 "{DAY}": DAY_DATE, "{MONTH}": MONTH_DATE, "{QUARTER}": QUARTER_DATE, "{YEAR}": YEAR_DATE}


def _compile(pattern: str) -> regex.Pattern:
    for key, value in _PLACEHOLDERS.items():
        pattern = pattern.replace(key, value)
    return regex.compile(r"(?<![\p{L}])" + pattern.replace(" ", r"\s+"), regex.IGNORECASE)


def _openings(pattern: str) -> Openings | None:
    words = opening_words(pattern)
    return Openings(words) if words else None


# each cue with the words it opens with, when its pattern says them: it is tried only where they stand
_CUES = [(_compile(p), relation, precision, _openings(p)) for p, relation, precision in cues.table("deadline_cues")]
_RECURRENCE = {k: v for k, v in cues.mapping("recurrence_cues").items()}
_RECURRING_DAY = regex.compile(
    rf"(?<![\p{{L}}])(?:trước|chậm nhất|vào)\s+(?:(?:là|vào)\s+)?ngày\s+(?P<dom>\d{{1,2}})\s+(?P<rec>{cues.alternation(_RECURRENCE)})",
    regex.IGNORECASE)
_RECURRING = regex.compile(rf"(?<![\p{{L}}])(?P<rec>{cues.alternation(_RECURRENCE)})(?![\p{{L}}])", regex.IGNORECASE)
_OBLIGATION = regex.compile(cues.alternation(cues.words("obligation_words")), regex.IGNORECASE)
_PAST = cues.word_pattern("past_markers")
_RECURRING_THEN_DAY = regex.compile(
    rf"(?P<rec>{cues.alternation(_RECURRENCE)})[^.;\n]{{0,30}}?(?:trước|chậm nhất|vào)\s+ngày\s+(?P<dom>\d{{1,2}})(?![\d/])",
    regex.IGNORECASE)
# every recurring deadline holds its recurrence word ('hằng tháng'): the scans run near it. 'chậm nhất là vào ngày 15'
# stands at most 17 characters other than whitespace before it, 'trước ngày 20' and its day at most 44 after it
RECURRENCE_WORDS = CaselessPattern(cues.alternation(word.lower() for word in _RECURRENCE))
RECURRING_REACH = (30, 70)
_ASSESSMENT = cues.word_pattern("assessment_markers")
_MODAL = cues.word_pattern("modal_words")
_REPORT_VERB = regex.compile(cues.alternation(cues.words("report_verbs")), regex.IGNORECASE)


@dataclass
class Deadline:
    due_date: str | None
    precision: str
    recurrence: str | None
    day_of_month: int | None
    relation: str
    raw: str
    start: int
    end: int


def _iso(m, precision: str, year: int | None = None) -> str | None:
    if precision == "day":
        written = m.groupdict().get("y")
        if not written and year is None:
            return None
        return iso_day(int(m.group("d")), int(m.group("m")), int(written) if written else year)
    written = m.groupdict().get("y")
    if not written and year is None:
        return None
    y = int(written) if written else year  # "trong tháng 11 năm nay", "trong quý IV": the document's year
    if precision == "month":
        return iso_month(int(m.group("m")), y)
    if precision == "quarter":
        return iso_quarter(m.group("q"), y)
    return m.group("y")


def read_deadlines(text: str, year: int | None = None, month: int | None = None) -> list[Deadline]:
    """Deadlines in `text`; a day written without its year ('trước 15/11') takes the document's `year`, and a
    date before the document's own month ('giảm trong năm 2023' in a 2024 report) is no deadline."""
    issued = (year, month)
    out: list[Deadline] = []
    taken = SpanIndex()  # the deadlines read so far (a lookup is a bisection, not a pass over every one)
    near_cues = windows(text, DEADLINE_CUE, DEADLINE_BEFORE, DEADLINE_AFTER)
    for pattern, relation, precision, openings in _CUES:
        found = finditer_at_in(pattern, text, openings.positions(text), near_cues) if openings else \
            finditer_in(pattern, text, near_cues)
        for m in found:
            if taken.overlaps(m.start(), m.end()):
                continue
            due = _iso(m, precision, year)
            if due is None or _reports_the_past(text, m.start(), m.end()) or _before_issue(due, issued):
                continue
            taken.add(m.start(), m.end())
            out.append(Deadline(due, precision, None, None, relation, m.group(0), m.start(), m.end()))
    near_recurrences = windows(text, RECURRENCE_WORDS, *RECURRING_REACH)
    for pattern in (_RECURRING_DAY, _RECURRING_THEN_DAY):
        for m in finditer_in(pattern, text, near_recurrences):
            if taken.overlaps(m.start(), m.end()):
                continue
            taken.add(m.start(), m.end())
            out.append(Deadline(None, "day", _RECURRENCE[spaced_lower(m.group("rec"))],
                                int(m.group("dom")), "before", m.group(0), m.start(), m.end()))
    for m in finditer_in(_RECURRING, text, near_recurrences):
        if taken.holds(m.start()):
            continue
        sentence = _sentence(text, m.start())
        if not _REPORT_VERB.search(sentence) or rx.search(r"(?i)giao\s+ban", sentence):
            continue
        recurrence = _RECURRENCE[spaced_lower(m.group("rec"))]
        precision = {"monthly": "month", "quarterly": "quarter", "yearly": "year", "weekly": "day"}[recurrence]
        out.append(Deadline(None, precision, recurrence, None, "by", m.group(0), m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


_DEADLINE_CELL = regex.compile(  # a cell of a deadline column: 'Quý II/2025', 'Tháng 10/2025', '30/9/2025', 'Năm 2025'
    rf"\s*(?:(?:trong|trước|cuối|hết|đến\s+hết|chậm\s+nhất)\s+)?(?:quý\s+{QUARTER_DATE}|tháng\s+{MONTH_DATE}"
    rf"|năm\s+{YEAR_DATE}|(?:ngày\s+)?{DAY_DATE})\s*$", regex.IGNORECASE)


def read_deadline_cells(document, taken: list[Deadline], year: int | None, month: int | None) -> list[Deadline]:
    """Dates in a table's deadline column ('Thời hạn hoàn thành': 'Quý II/2025'), where no cue phrase is written:
    the column says what they are. Cells a cue phrase already read are left to it."""
    from .results_table import column_role, tables_with_header
    text = document.text
    out = []
    for header, rows in tables_with_header(document):
        for col in [c for c, cell in header.items() if column_role(cell) == "deadline"]:
            for row in sorted(rows)[1:]:
                if col not in rows[row]:
                    continue
                start, end = rows[row][col]
                if any(d.start < end and start < d.end for d in taken):
                    continue
                m = _DEADLINE_CELL.fullmatch(text, start, end)
                if not m:
                    continue
                precision = "quarter" if m.group("q") else "day" if m.group("d") else "month" if m.group("m") else "year"
                due = _iso(m, precision, year)
                if due and not _before_issue(due, (year, month)):
                    out.append(Deadline(due, precision, None, None, "by", text[start:end].strip(), start, end))
    return out


def _before_issue(due: str, issued: tuple[int | None, int | None]) -> bool:
    year, month = issued
    if year is None:
        return False
    due_year = int(due[:4])
    if due_year != year:
        return due_year < year
    if month is None or len(due) < 7 or due[5] == "Q":
        return False
    return int(due[5:7]) < month


def _reports_the_past(text: str, start: int, end: int) -> bool:
    """'Trong tháng 6/2024, huyện đã tổ chức ...', 'Tính đến cuối năm 2023, ...', 'đã được công nhận trong năm 2019':
    a date of something done or measured, or one a likelihood is judged by ('đủ điều kiện ... trong năm 2024'),
    not a deadline — unless the sentence also sets a task."""
    sentence = (sentence_start(text, start), sentence_end(text, start))
    before = text[max(0, start - 14):start]
    if rx.search(r"(?i)(?:tính\s+(?:đến|tới)|so\s+với)\s*$", before):
        return True
    opening = text[sentence[0]:start].strip().lower()
    if opening in ("", "đến", "tới") and text[end:end + 2].lstrip().startswith(",") and \
            _MEASURED_AT.match(text, start, end) and \
            not ((_OBLIGATION.match(text[end:end + 40].lstrip(" ,\t")) or _under_plan_heading(text, start))
                 and not _in_sentence(_PAST, text, sentence)):
        # "Đến cuối năm 2023, toàn huyện có ...": the date a situation is measured at; but "Trong quý II/2024,
        # hoàn thành ...", a task opening the clause, sets a deadline
        return True
    rest = text[slice(*sentence)].replace(text[start:end], " ")
    if _in_sentence(_ASSESSMENT, text, sentence) and not _MODAL.search(rest):
        return True
    if _SECTION_TITLE.match(text, text.rfind("\n", 0, start) + 1) and \
            _MEASURED_AT.match(text, start, end):
        return True  # 'I. THỰC TRẠNG ĐẾN HẾT NĂM 2024': a section's title names the period it reports on
    return _in_sentence(_PAST, text, sentence) and not _task_in(rest)


def _in_sentence(words, text: str, sentence: tuple[int, int]) -> bool:
    """`words` (a cues.word_pattern) in the sentence at [start, end): read in place, from the document lower-cased
    once, unless the character before the sentence is no space (the words' guard would read it; the sentence's
    own text is read then)."""
    start, end = sentence
    if start == 0 or text[start - 1].isspace():
        return words.search(text, start, end) is not None
    return words.search(text[start:end]) is not None


_MEASURED_AT = regex.compile(r"(?i)\s*(?:đến|tới|cuối|hết|trong|vào)\b")  # a date a situation may be measured at
_SECTION_TITLE = regex.compile(r"[ \t]*(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)[.)][ \t]+[^\p{Ll}\n]+(?:\n|$)")
_DONE = regex.compile(r"(?i)(?<!\p{L})đã\s+$")


_TOP_HEADING = regex.compile(r"(?m)^[ \t]*(?:#+[ \t]*)?[IVX]{1,5}[.)][ \t]+(?P<title>[^\n]{3,120})$")
_PLAN_HEADING = cues.word_pattern("goal_headings")


HEADING_REACH = 3000  # characters back from a statement in which its section's heading is looked for


def _under_plan_heading(text: str, position: int) -> bool:
    """The statement sits under a section of tasks ('III. NHIỆM VỤ, GIẢI PHÁP', 'Phương hướng 6 tháng cuối năm'):
    'Trong quý III/2024, các huyện rà soát ...' is what is to be done then, not what was."""
    title = _last_heading_title(text, position)
    return title is not None and _PLAN_HEADING.search(title) is not None


def _last_heading_title(text: str, position: int) -> str | None:
    """The title of the last match of _TOP_HEADING in text[position - HEADING_REACH:position]: the statement's
    own line read up to it (a heading ends at the end of what is read), else the last heading line wholly before
    that line, from the document's headings found once."""
    reach = max(0, position - HEADING_REACH)
    line = text.rfind("\n", 0, position) + 1
    if line >= reach:
        own = _TOP_HEADING.match(text, line, position)
        if own is not None:
            return own.group("title")
    starts, titles = _top_headings(text)
    k = bisect_right(starts, line - 1) - 1
    return titles[k] if k >= 0 and starts[k] >= reach else None


@lru_cache(maxsize=4)
def _top_headings(text: str) -> tuple[list[int], list[str]]:
    """Where each heading line of the text starts, and its title (a heading is one whole line)."""
    found = list(finditer_at(_TOP_HEADING, text, _heading_line_starts(text)))
    return [m.start() for m in found], [m.group("title") for m in found]


def _heading_line_starts(text: str) -> tuple[int, ...]:
    """The line starts where a heading can stand: its line opens with a numeral, a '#', or a space or tab."""
    return tuple(at for at in line_starts(text) if text[at:at + 1] in _HEADING_OPENERS)


_HEADING_OPENERS = frozenset("IVX# \t")


def _task_in(text: str) -> bool:
    """An obligation word not itself said to be done: 'đã hoàn thành' reports, 'hoàn thành' sets a task."""
    return any(not _DONE.search(text, max(0, m.start() - 6), m.start()) for m in _OBLIGATION.finditer(text))


def _sentence(text: str, position: int) -> str:
    return text[sentence_start(text, position):sentence_end(text, position)]
