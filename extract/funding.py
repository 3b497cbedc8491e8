"""Money mobilised, allocated or spent, with its budget line: '- Vốn huy động từ cộng đồng: 3.504,98 triệu đồng',
'+ Vốn sự nghiệp: 1.250 triệu đồng' under '- Ngân sách Trung ương', 'nhân dân đóng góp 850 triệu đồng'.
Amounts per person or per household ('45 triệu đồng/người/năm') are targets, not funding.

A total whose parts are listed ('Tổng nguồn lực huy động ... là 48,62 tỷ đồng, bao gồm: ...', '... 21.760 triệu đồng
(vốn đầu tư phát triển 17.200 triệu đồng, ...)', a budget table's 'Tổng cộng' row) is kept with is_total, and each
part read after it carries part_of = the total's start, so a sum over the parts counts every đồng once. Each amount
also gets its status (planned, allocated, mobilised, disbursed) and the year it is for, from the clause before it,
then the sentence, then the line or heading it is listed under; neither is guessed when the text does not say."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.amounts import AMOUNT_RE, MULTIPLIERS, amount_of, parse_number
from ntm.normalize.caseless import CaselessPattern, lower_case_reading
from ntm.normalize.fast_pattern import FastPattern
from ntm.normalize.vntext import spaced_lower
from ntm.parsers.assemble import LIST_MARKER

from . import cues

_FUNDING_CUE = CaselessPattern(cues.alternation(w.lower() for w in cues.words("funding_cues")))
# (pattern, the phrase's first word, value) rows, tried in the table's order by _first_phrase
_SOURCES = [(CaselessPattern(cues.alternation([p.lower()])), p.lower().split()[0], c)
            for p, c in cues.table("funding_sources")]
_MARKER = regex.compile(r"^\s*(?:[-+•–*]\s*)+")
_PER = regex.compile(r"\s*/\s*\p{L}")  # "120 triệu đồng/ấp", "5.000.000 đồng/hộ": a rate, not money mobilised
_EACH = regex.compile(r"(?i)(?:\bmỗi\b[^,;:.]{0,40}|\bbình\s+quân|\bmức\s+hỗ\s+trợ[^,;:]*?)\s*$")
_INTRODUCES_PARTS = regex.compile(r"(?i)^(?:[^;.]{0,40}?(?:cơ\s+cấu|như\s+sau|bao\s+gồm|gồm|cụ\s+thể)[^;.]{0,20}:\s*$|[^;.:]{0,40}?,?\s*(?:bao\s+)?gồm\s*:)")
_TOTAL_THEN_PARTS = regex.compile(r"(?i)^(?:[^;.]{0,20}?[;.]?\s*\b(?:trong\s+đó|cơ\s+cấu(?:\s+nguồn)?\s*:)"
                               r"|[^;.]{0,20}?,?\s*(?:bao\s+)?gồm\b(?=(?:[^;.]|\.(?=\d))*?\d\s*(?:tỷ|triệu|nghìn|đồng))|[^;.(]{0,30}\((?![^)]*(?:/\s*\p{L}|mỗi|bình\s+quân))(?=[^)]*\d\s*(?:tỷ|triệu|nghìn|đồng)))")
_PARTS_WORDS = CaselessPattern(r"trong|cơ|gồm|\(")  # what each way of _TOTAL_THEN_PARTS holds, in any case
_QUANTIFIER = regex.compile(r"(?i)^(?:trên|hơn|gần|khoảng|ước|tổng\s+cộng|tổng\s+số|tổng)\s*$")
_TARGET_CONTEXT = regex.compile(r"(?i)thu\s+nhập|bình\s+quân\s+đầu\s+người")
_SOURCE_NAMES = [(CaselessPattern(rf"(?<!\p{{L}}){cues.alternation([p.lower()])}(?!\p{{L}})"), p.lower().split()[0],
                  name) for p, name in cues.table("funding_source_names")]
_STATUSES = cues.mapping("funding_status")
_STATUS_CUE = CaselessPattern(rf"(?<!\p{{L}}){cues.alternation(s.lower() for s in _STATUSES)}(?!\p{{L}})")
_YEAR_BREAK = cues.alternation(cues.words("funding_year_breaks"))
_YEAR = regex.compile(rf"(?i)(?<!\p{{L}})(?P<before>(?:{_YEAR_BREAK}|tháng\s+\d{{1,2}})\s+)?năm\s+(?P<y>(?:19|20)\d{{2}})(?!\d)")
# a period ('2021-2025', 'giai đoạn 2021'), its two ways apart: a window is only asked whether it names one, and so
# the years' span opens with its first digit, to which `re` skips, and 'giai đoạn' is found as a word
_PERIOD_SPAN = FastPattern(r"(?:1(?<!\d1)9|2(?<!\d2)0)\d{2}\s*[-–]\s*(?:19|20)\d{2}(?!\d)")
_PERIOD_NAMED = CaselessPattern(r"giai\s+đoạn\s+(?:19|20)\d{2}")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_SENTENCE_BREAK = regex.compile(r"\.\s|\n")
_ITEM = regex.compile(r"^\s*(?:[-+•–*]|[a-zđ]\)|\d{1,2}\))\s*")


@dataclass
class Funding:
    source: str
    category: str
    amount_vnd: int
    amount_raw: str
    start: int
    end: int
    is_total: bool = False
    part_of: int | None = None  # start of the total this amount is a listed part of
    status: str | None = None
    year: int | None = None
    source_canonical: str | None = field(default=None)

    def __post_init__(self):
        if self.source_canonical is None:
            self.source_canonical = canonical_source(self.source)


@lru_cache(maxsize=4096)
def canonical_source(source: str) -> str | None:
    """One name per budget source ('nhân dân đóng góp', 'Vốn huy động từ cộng đồng' -> 'Cộng đồng dân cư đóng góp'),
    read from the part of the label after any earlier sentence or amount it runs over ('..., trong đó vốn đầu tư
    phát triển 29.450 triệu đồng và vốn sự nghiệp' names the vốn sự nghiệp)."""
    tail = _SENTENCE_BREAK.split(source)[-1]
    earlier = list(AMOUNT_RE.finditer(tail))
    tail = tail[earlier[-1].end():] if earlier else tail
    return _first_phrase(_SOURCE_NAMES, tail)


def _first_phrase(rows, text: str, default=None):
    """The value of the first (pattern, first word, value) row whose phrase `text` holds in any case: each row's
    first word looked for in the text lower-cased once (str's `in`) before its pattern is tried."""
    low = lower_case_reading(text)
    for pattern, word, value in rows:
        if (low is None or word in low) and pattern.search(text):
            return value
    return default


@lru_cache(maxsize=4096)  # budget lines repeat across a report's amounts and tables
def category_of(source: str) -> str:
    return _first_phrase(_SOURCES, source, "other")


_LINK_WORD_AT_END = regex.compile(r"\s*(?:là|đạt|được|với|khoảng|gồm)\s*$", regex.IGNORECASE)
# the last letters of those words in any case: a label that ends otherwise has none of them to drop (a search for
# the pattern tries every position of the label)
_LINK_WORD_ENDING = regex.compile(r"[àtcigm]", regex.IGNORECASE)


def _label(text: str, block_start: int, amount_start: int) -> str:
    """The budget line an amount belongs to: the words right before it, or the item's label before ':'."""
    line = text[block_start:amount_start]
    # the last two pieces of the line split at ':' and ';', found from its end (a line of many amounts is no
    # longer split whole for each of them)
    last = max(line.rfind(":"), line.rfind(";"))
    before_last = max(line.rfind(":", 0, last), line.rfind(";", 0, last)) if last >= 0 else -1
    tail = line[last + 1:]
    near = tail[_new_clause_start(tail):]  # after the last ', ' before a capitalised word: the label
    near = _MARKER.sub("", near).strip(" :,-–")
    if _LINK_WORD_ENDING.fullmatch(near.rstrip()[-1:]) and (link := _LINK_WORD_AT_END_REVERSE.match(near)):
        near = near[:link.start()]
    near = near.strip()
    if len(near) >= 3 and rx.search(r"\p{L}{3}", near) and not _QUANTIFIER.match(near):
        return near
    label = _MARKER.sub("", line[before_last + 1:last] if last >= 0 else line).strip(" :,-–")
    return label


_NEW_CLAUSE_COMMA = regex.compile(r",\s+(?=\p{Ll}*\s*\p{Lu})")
# what _LINK_WORD_AT_END.sub removes, matched from the end (a forward search tries every position of the label)
_LINK_WORD_AT_END_REVERSE = regex.compile(_LINK_WORD_AT_END.pattern, regex.IGNORECASE | regex.REVERSE)


def _new_clause_start(tail: str) -> int:
    """Where the last match of _NEW_CLAUSE_COMMA in `tail` ends (0 when none): its commas tried from the last one
    back. A comma's match ends where its run of whitespace does (were the capital only further on, it would not
    follow the shorter run either), so the last comma that matches holds the last match."""
    comma = tail.rfind(",")
    while comma >= 0:
        found = _NEW_CLAUSE_COMMA.match(tail, comma)
        if found:
            return found.end()
        comma = tail.rfind(",", 0, comma)
    return 0


_MONEY_WORDS = r"(?:kinh\s+phí|vốn|số\s+tiền|giá\s+trị|dự\s+toán|nguồn\s+lực|huy\s+động)"
_MONEY_HEADER = regex.compile(rf"(?i){_MONEY_WORDS}[^()]*\((?P<unit>tỷ|triệu|nghìn|ngàn)?\s*(?:đồng|đ)\)")
_MONEY_WORD_HEADER = regex.compile(rf"(?i)^\s*{_MONEY_WORDS}[^()]*$")  # its unit in a caption above the table
_NUMBERING_HEADER = regex.compile(r"(?i)^\s*(?:s[ốô]\s*|s)?tt\.?\s*$|^\s*số\s+thứ\s+tự\s*$")  # 'TT', 'STT', 'Số TT'
_TOTAL_ROW = regex.compile(r"(?i)^\s*(?:tổng\s+cộng|tổng\s+số|tổng|cộng)\b")


def read_funding_tables(document) -> list[Funding]:
    """Budget tables: 'Nguồn vốn | Kinh phí (triệu đồng) | Tỷ lệ (%)', a row per source, the unit in the header."""
    from .results_table import tables_with_header
    text = document.text
    out = []
    for header, rows in tables_with_header(document):
        by_source = _source_columns(text, rows)
        if by_source:
            out += _budget_matrix(document, rows, *by_source)
            continue
        money = [(c, _MONEY_HEADER.search(h)) for c, h in header.items() if _MONEY_HEADER.search(h)]
        if not money:  # 'Nguồn vốn | Giá trị | Ghi chú' under 'Đơn vị tính: triệu đồng'
            caption = _caption_unit(text, rows)
            money = [(c, caption) for c, h in sorted(header.items()) if caption and _MONEY_WORD_HEADER.match(h)]
            years = {c: int(m.group("y")) for c, h in header.items() if (m := _YEAR_HEADER.match(h))}
            if not money and caption and years:
                out += _year_columns(text, rows, header, years, caption)
                continue
        if not money:
            continue
        column, unit = money[0]
        multiplier = MULTIPLIERS.get((unit.group("unit") or "").lower(), 1)
        labels = [c for c in sorted(header) if c != column and not _NUMBERING_HEADER.match(header[c])]
        if not labels:
            continue
        label_column = labels[0]
        found, total = [], None
        for index in sorted(rows)[1:]:
            row = rows[index]
            own = [c for c in sorted(row) if c < column and c != label_column]
            if column not in row or (label_column not in row and not own):
                continue
            # a row whose label spans the first columns ('Tổng cộng') has it in the first of them
            label = text[slice(*row[label_column if label_column in row else own[0]])].strip()
            value = text[slice(*row[column])].strip()
            if not rx.fullmatch(r"\d[\d.\s]*(?:,\d+)?", value):
                continue
            start, end = row[column]
            funding = Funding(label, category_of(label), _in_dong(value, multiplier), f"{value} {header[column]}",
                              start, end)
            if _TOTAL_ROW.match(label):
                funding.is_total, total = True, funding
            found.append(funding)
        for funding in found:
            if total is not None and funding is not total:
                funding.part_of = total.start
        out += found
    return out


_YEAR_HEADER = regex.compile(r"(?i)^\s*(?:năm\s+)?(?P<y>(?:19|20)\d{2})\s*$")


def _year_columns(text: str, rows, header: dict[int, str], years: dict[int, int], caption) -> list[Funding]:
    """'Nguồn vốn | Năm 2024 | Năm 2025 | Cộng' under a caption giving the unit: each source's amount for each
    year; the row's 'Cộng' and the 'Tổng cộng' row are totals of their parts."""
    multiplier = MULTIPLIERS.get((caption.group("unit") or "").lower(), 1)
    total_column = next((c for c, h in header.items() if c not in years and _ROW_TOTAL_HEADER.match(h)), None)
    if all(c in years or c == total_column or _NUMBERING_HEADER.match(h) for c, h in header.items()):
        return []  # no column names the sources
    out: list[Funding] = []
    for index in sorted(rows)[1:]:
        row = rows[index]
        named = [c for c in sorted(row) if c < min(years) and text[slice(*row[c])].strip()
                 and not _NUMBERING_CELL.fullmatch(text[slice(*row[c])].strip())]
        if not named:
            continue
        label = text[slice(*row[named[-1]])].strip()
        cells = {}
        for column in [*sorted(years), *([total_column] if total_column is not None else [])]:
            if column not in row or not _AMOUNT_CELL.fullmatch(value := text[slice(*row[column])].strip()):
                continue
            start, end = row[column]
            funding = Funding(label, category_of(label), _in_dong(value, multiplier), value, start, end)
            funding.year = years.get(column)
            cells[column] = funding
        out += _row_of_cells(label, cells, total_column)
    return out


def _row_of_cells(label: str, cells: dict[int, Funding], total_column: int | None) -> list[Funding]:
    """A budget table's row: in the 'Tổng cộng' row each cell is the total of its column; elsewhere the row's own
    total column is the total of the row's other cells."""
    if _TOTAL_ROW.match(label):
        for funding in cells.values():
            funding.is_total = True
    elif total_column in cells:
        cells[total_column].is_total = True
        for column, funding in cells.items():
            if column != total_column:
                funding.part_of = cells[total_column].start
    return list(cells.values())


def _caption_unit(text: str, rows):
    """'Đơn vị tính: triệu đồng' in the lines right above a table: its match, or None."""
    first = min(s for s, _ in rows[min(rows)].values())
    return _UNIT_CAPTION.search(text, max(0, first - 300), first)


def _in_dong(value: str, multiplier: int) -> int:
    """A table cell's amount ('3.504,98') in whole đồng, the table's unit its multiplier."""
    return int((parse_number(value) * multiplier).to_integral_value())


_NUMBERING_CELL = regex.compile(r"\d{1,2}\.?|[IVX]{1,4}\.?|[a-zđ]\)")
_UNIT_CAPTION = regex.compile(r"(?i)(?:đơn\s+vị(?:\s+tính)?|đvt)\s*:\s*(?P<unit>tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?:đồng|đ)\b")
_AMOUNT_CELL = regex.compile(r"\d[\d.\s]*(?:,\d+)?")
_SUM_CELL = regex.compile(r"\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?|\d+,\d+|\d{3,}")  # a sum, not a column's number
_ROW_TOTAL_HEADER = regex.compile(r"(?i)^\s*(?:tổng\s+(?:kinh\s+phí|nhu\s+cầu|vốn|cộng|số)|cộng)\b")


def _source_columns(text: str, rows) -> tuple[int, dict[int, str], int | None] | None:
    """A budget matrix: a row per work or unit, a column per budget source ('Ngân sách tỉnh | Ngân sách huyện |
    Nhân dân đóng góp'), the sources in the header's first or second row. (rows of the header, source column ->
    source, the row total's column)."""
    ordered = sorted(rows)
    for header_rows in (1, 2):
        cells = {}
        for r in ordered[:header_rows]:
            cells.update({c: text[s:e].strip() for c, (s, e) in rows[r].items()})
        sources = {c: h for c, h in cells.items() if len(h) < 60 and category_of(h) != "other"}
        if header_rows == 2 and len(ordered) > 1 and any(_SUM_CELL.fullmatch(text[s:e].strip()) for s, e in rows[ordered[1]].values()):
            break  # '1 | Ngân sách trung ương | 96.450 | Vốn đầu tư ...': the second row is the first of the data
        if len(sources) >= 2 and not any(_AMOUNT_CELL.fullmatch(h) for h in sources.values()):
            total = next((c for c, h in cells.items() if c not in sources and _ROW_TOTAL_HEADER.match(h)), None)
            return header_rows, sources, total
    return None


def _budget_matrix(document, rows, header_rows: int, sources: dict[int, str], total_column: int | None) -> list[Funding]:
    """Each cell of a budget matrix: its source, the row's work or unit, the unit of the header or of the caption
    above the table ('Đơn vị tính: triệu đồng'). A row's total and the 'Tổng cộng' row are totals of their parts."""
    text = document.text
    ordered = sorted(rows)
    caption = _caption_unit(text, rows)
    header_text = " ".join(text[s:e] for r in ordered[:header_rows] for s, e in rows[r].values())
    unit = _MONEY_HEADER.search(header_text) or caption
    if unit is None:
        return []
    multiplier = MULTIPLIERS.get((unit.group("unit") or "").lower(), 1)
    first_source = min(sources)
    out: list[Funding] = []
    for index in ordered[header_rows:]:
        row = rows[index]
        labels = [text[s:e].strip() for c, (s, e) in sorted(row.items()) if c < first_source and c != total_column]
        labels = [label for label in labels if label and not _AMOUNT_CELL.fullmatch(label)]
        if not labels:
            continue
        label = labels[-1]
        cells = {}
        for column in [*sources, *([total_column] if total_column is not None else [])]:
            if column not in row:
                continue
            start, end = row[column]
            value = text[start:end].strip()
            if not _AMOUNT_CELL.fullmatch(value):
                continue
            source = sources.get(column, label)
            cells[column] = Funding(f"{source} - {label}" if column in sources else label, category_of(source),
                                    _in_dong(value, multiplier), value, start, end)
        out += _row_of_cells(label, cells, total_column)
    return out


def _list_opening(text: str, blocks, index: int) -> str:
    """The line above the numbered or dashed items `blocks[index]` is one of; '' for a block that is no item."""
    k = index
    while k >= 0 and LIST_MARKER.match(text[blocks[k].start:blocks[k].end]):
        k -= 1
    return text[blocks[k].start:blocks[k].end] if 0 <= k < index else ""


_TOTAL_LABEL = regex.compile(r"(?i)^\s*(?:tổng|cộng)\b")
MAX_PARTS = 20


def _totals_after_their_parts(found: list[Funding]) -> None:
    """'Tổng kinh phí đề nghị hỗ trợ: 6.575.500.000 đồng' after the items it sums: the total of the amounts right
    before it, when they add up to it exactly (counting both would double the money)."""
    for i, funding in enumerate(found):
        if funding.is_total or funding.part_of is not None or not _TOTAL_LABEL.match(funding.source):
            continue
        running = 0
        for k in range(i - 1, max(-1, i - 1 - MAX_PARTS), -1):
            part = found[k]
            if part.is_total or part.part_of is not None:
                break
            running += part.amount_vnd
            if running == funding.amount_vnd and i - k >= 2:
                funding.is_total = True
                for item in found[k:i]:
                    item.part_of = funding.start
                break
            if running > funding.amount_vnd:
                break


def read_funding(document) -> list[Funding]:
    text = document.text
    out: list[Funding] = []
    blocks = document.blocks
    parent: str | None = None
    listed: tuple[Funding, str | None] | None = None  # a total whose parts are the list items after it, its marker
    table_totals: list[tuple[Funding, int]] = []  # a total whose parts are the rows of the table after it
    amounts_in: dict[int, list[tuple[int, int]]] = {}  # block start -> its amounts' spans, from the block's start
    amount_pattern = AMOUNT_RE.engine(text)  # each line of a text `re` reads as `regex` does is read alike too
    for index, block in enumerate(blocks):
        line = text[block.start:block.end]
        marker = _marker(line) if block.kind == "list_item" else None
        if listed is not None and (marker is None or marker == listed[1]):
            listed = None  # the list of parts has ended
        every_amount = list(amount_pattern.finditer(line))
        amounts_in[block.start] = [m.span() for m in every_amount]
        amounts = [m for m in every_amount if not _PER.match(line, m.end())]
        if not amounts:
            stripped = line.strip()
            parent = _MARKER.sub("", stripped).strip(" :") if rx.match(r"^\s*-\s*[^+]", stripped) and len(stripped) < 80 else None
            continue
        context = [(b.start, b.end) for b in blocks[max(0, index - 3):index + 1]]  # the line and the three before it
        if not _FUNDING_CUE.search_joined(text, context) and not _FUNDING_CUE.search(_list_opening(text, blocks, index)):
            continue  # (the item of a long list: the line that opens the list says what its amounts are)
        is_sub_item = bool(rx.match(r"^\s*(?:-\s*)?\+", line))
        inline: tuple[Funding, int] | None = None  # a total in this line and where its parts end
        for m in amounts:
            clause = line[_last_break_end(line, m.start(), ";.", line_break=False):m.start()]  # since the last '; ' or '. '
            own_clause = clause[_last_break_end(clause, marks=",", line_break=False):]  # '..., thu nhập bình quân ... 41,5 triệu đồng/người/năm, đề nghị ... 1,2 tỷ đồng'
            if _TARGET_CONTEXT.search(own_clause) or _EACH.search(line[max(0, m.start() - 60):m.start()]):
                continue
            if rx.match(r"(?i)\s*mỗi\b", clause):
                continue  # "Mỗi xã ... được thưởng ... 1.000 triệu đồng": a rate per unit
            label = _label(text, block.start, block.start + m.start())
            source = f"{parent} - {label}" if is_sub_item and parent else label
            funding = Funding(source, category_of(source), amount_of(m), m.group(0), block.start + m.start(),
                              block.start + m.end())
            if inline is not None and m.start() < inline[1]:
                funding.part_of = inline[0].start
            elif listed is not None:
                funding.part_of = listed[0].start
            out.append(funding)
            rest = line[m.end():]
            last_in_line = every_amount[-1] is m  # no amount after it in the line: the line's later matches are these
            detailed = last_in_line and _DETAIL_WORDS.search(text, block.start + m.end(), block.end) is not None \
                and (_DETAILED_BELOW.match(rest) or _INTRODUCES_PARTS.match(rest)) and _amounts_follow(text, blocks, index)
            if detailed and (table_after := next((b for b in blocks[index + 1:index + 3] if b.kind == "table_cell"),
                                                 None)) is not None:
                table_totals.append((funding, table_after.table))
            if detailed or _PARTS_WORDS.search(text, block.start + m.end(), block.end) and _TOTAL_THEN_PARTS.match(rest):
                # "Tổng ... 14.365 triệu đồng, trong đó: ..." — the parts follow; counting both doubles it
                funding.is_total = True
                inline = (funding, m.end() + _parts_end(rest))
                if last_in_line and rest.rstrip().endswith(":"):
                    listed = (funding, marker)
    _totals_after_their_parts(out)
    in_tables = read_funding_tables(document)
    for total, table in table_totals:  # the table right after 'Phân bổ 12.350.000.000 đồng ..., chi tiết như sau:'
        cells = [b for b in blocks if b.kind == "table_cell" and b.table == table]
        for funding in in_tables:
            if funding.part_of is None and not funding.is_total and cells[0].start <= funding.start < cells[-1].end:
                funding.part_of = total.start
    found = out + in_tables
    _annotate(document, found, amounts_in)
    return found


# a word that each announcement of an amount's detail or parts holds (_DETAILED_BELOW, _INTRODUCES_PARTS): a line
# whose rest holds none is not tried against them
_DETAIL_WORDS = CaselessPattern(r"chi\s+tiết|cụ\s+thể|như\s+sau|phân\s+bổ\s+cho|gồm|biểu|bảng|phụ\s+lục|cơ\s+cấu")
_DETAILED_BELOW = regex.compile(  # '12.350.000.000 đồng (Mười hai tỷ ...) từ nguồn ... nâng cao, chi tiết như sau:'
    r"(?i)^(?:[^;.]|\.(?=\d))*?(?:(?:chi\s+tiết|cụ\s+thể|như\s+sau|phân\s+bổ\s+cho|bao\s+gồm)[^;.]{0,30}:"
    r"|(?:tại|theo|ở)\s+(?:biểu|bảng|phụ\s+lục)(?:\s+(?:số\s+)?\d{1,2}|[^;.:]{0,30}?(?:dưới\s+đây|sau\s+đây|sau|kèm\s+theo))"
    r"\s*[.:]?)\s*$")  # '... tại Biểu dưới đây.', '... phân theo nguồn vốn và năm thực hiện tại Bảng 2.'


_TABLE_TITLE = regex.compile(r"(?i)\s*(?:bảng|biểu|phụ\s+lục)\s+(?:số\s+)?\d{1,2}\b")


def _amounts_follow(text: str, blocks, index: int) -> bool:
    """The list items or the table right after a sentence that announces the detail of an amount hold amounts:
    its parts."""
    following = blocks[index + 1:index + 4]
    if following and following[0].kind != "table_cell" and (
            _UNIT_CAPTION.match(text, following[0].start, following[0].end)
            or _TABLE_TITLE.match(text, following[0].start, following[0].end)):
        following = following[1:]  # 'Đơn vị tính: triệu đồng' or 'Bảng 2. Kinh phí ... (đơn vị tính: ...)' over the table
    if following and following[0].kind == "table_cell":
        table = following[0].table
        following = [b for b in blocks[index + 1:index + 200] if b.kind == "table_cell" and b.table == table]
    return any(AMOUNT_RE.search(text, b.start, b.end) or rx.fullmatch(r"\s*\d{1,3}(?:\.\d{3})+\s*", text[b.start:b.end])
               for b in following)


def _marker(line: str) -> str | None:
    """The kind of list marker a line opens with: '-', '+', a letter 'a)' or a number '1)'."""
    m = _ITEM.match(line)
    if not m:
        return None
    mark = m.group(0).strip()[:1]
    return "letter" if mark.isalpha() else "number" if mark.isdigit() else mark


def _parts_end(rest: str) -> int:
    """Where the parts written after a total in its own line end: the closing bracket of '(trong đó ...)', or the
    end of the sentence."""
    opening = rest.find("(")
    if 0 <= opening < 40 and not rx.match(r"[^(]*[;.]\s", rest[:opening]):
        closing = rest.find(")", opening)
        return closing if closing >= 0 else len(rest)
    sentence = _SENTENCE_BREAK.search(rest)
    return sentence.start() if sentence else len(rest)


_UNSAID = object()  # a window that says nothing about it: look further


def _annotate(document, found: list[Funding], amounts_in: dict[int, list[tuple[int, int]]]) -> None:
    """Status and year of every amount: from its clause, then its sentence, then the total it is part of, then
    the heading or the line that introduces the list or table it is in."""
    from bisect import bisect_right
    text, blocks = document.text, document.blocks
    starts = [b.start for b in blocks]
    totals = {f.start: f for f in found if f.is_total}
    for funding in sorted(found, key=lambda f: (f.part_of is not None, f.start)):  # totals before their parts
        index = max(0, bisect_right(starts, funding.start) - 1)
        own = _own_windows(text, blocks[index], funding.start, amounts_in.get(blocks[index].start))
        total = totals.get(funding.part_of) if funding.part_of is not None else None
        for attribute, reader in (("status", _status_in), ("year", _year_in)):
            if getattr(funding, attribute) is not None:
                continue  # a year its table's column gave
            value = _first(own, reader)
            if value is _UNSAID and total is not None:
                value = getattr(total, attribute)
            elif value is _UNSAID:
                value = _first(_introducing(text, blocks, index), reader)
            setattr(funding, attribute, None if value is _UNSAID else value)
        if total is not None and total.status == "planned":
            funding.status = "planned"  # a part of a plan: 'dự kiến 97,6 tỷ đồng, trong đó: ... vốn huy động 14,4 tỷ'


def _own_windows(text: str, block, position: int, amounts: list[tuple[int, int]] | None = None) -> list[str]:
    """The clause since the amount before (or the sentence start), then the rest of the sentence before it.
    `amounts`, the spans of AMOUNT_RE's matches in the whole block, give the amounts before it without a scan of
    the sentence again where they must be the same: the amount at `position` is one of them (the sentence ends
    before a digit that no digit precedes) and none runs across the sentence's start."""
    line = text[block.start:position]
    begin = _last_break_end(line)
    sentence = line[begin:]
    end = len(line)
    if amounts is not None and any(a == end for a, _ in amounts) and not any(a < begin < b for a, b in amounts):
        cut = max((b - begin for a, b in amounts if a >= begin and b <= end), default=0)
    else:
        earlier = list(AMOUNT_RE.finditer(sentence))
        cut = earlier[-1].end() if earlier else 0
    return [sentence[cut:], sentence[:cut]]


_SPACE = regex.compile(r"\s")


def _last_break_end(line: str, end: int | None = None, marks: str = ".", line_break: bool = True) -> int:
    """Where the last break in line[:end] ends (0 when none): a character of `marks` that whitespace follows (a
    match of '[marks]\\s'), or a line break; _SENTENCE_BREAK's by default. Found from the end with str.rfind: a scan
    backwards tries the pattern at every character on its way, and a line holds several amounts."""
    end = len(line) if end is None else end
    best = line.rfind("\n", 0, end) + 1 if line_break else 0
    mark = max(line.rfind(m, 0, max(0, end - 1)) for m in marks)
    while mark >= 0 and mark + 2 > best:
        if _SPACE.match(line, mark + 1, end):
            return mark + 2
        mark = max(line.rfind(m, 0, mark) for m in marks)
    return best


def _introducing(text: str, blocks, index: int) -> list[str]:
    """The line a list item or table cell is listed under (the nearest block before that is neither), or the
    heading a paragraph is under."""
    block = blocks[index]
    listed = block.kind in ("list_item", "table_cell")
    for previous in reversed(blocks[max(0, index - 40):index]):
        if previous.kind in ("list_item", "table_cell"):
            if not listed:
                return []
            continue
        if listed or previous.kind == "heading":
            return [text[previous.start:previous.end]]
        return []
    return []


def _first(windows: list[str], reader):
    for window in windows:
        value = reader(window)
        if value is not _UNSAID:
            return value
    return _UNSAID


@lru_cache(maxsize=4096)  # the same clauses, sentences and headings are read for the several amounts they hold
def _status_in(window: str):
    """The nearest cue before the amount decides; a planned cue anywhere in the clause makes it planned."""
    statuses = [_STATUSES[spaced_lower(m.group(0))] for m in _STATUS_CUE.finditer(window)]
    if not statuses:
        return _UNSAID
    return "planned" if "planned" in statuses else statuses[-1]


@lru_cache(maxsize=4096)
def _year_in(window: str):
    """'năm 2023' -> 2023; a period ('giai đoạn 2021-2025'), a year the amount runs up to ('đến năm 2025'), or two
    different years say there is no single year (None)."""
    if not _YEAR_DIGITS.search(window):
        return _UNSAID  # a period and a year both hold a year's four digits
    if _PERIOD_SPAN.search(window) or _PERIOD_NAMED.search(window):
        return None
    years = [m for m in _YEAR.finditer(window)]
    if not years:
        return _UNSAID
    plain = {int(m.group("y")) for m in years if not m.group("before")}
    return plain.pop() if len(plain) == 1 and len(plain) == len({m.group("y") for m in years}) else None


def funding_rows(document) -> list:
    """The funding table's rows of one document, each with its evidence."""
    from ntm.records import FundingRow

    from .spans import evidence
    return [FundingRow(**evidence(document, f.start, f.end), source=f.source, category=f.category,
                       amount_vnd=f.amount_vnd, amount_raw=f.amount_raw, source_canonical=f.source_canonical,
                       status=f.status, year=f.year, is_total=f.is_total, part_of=f.part_of)
            for f in read_funding(document)]
