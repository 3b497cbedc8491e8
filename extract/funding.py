"""Money mobilised, allocated or spent, with its budget line: '- Vốn huy động từ cộng đồng: 3.504,98 triệu đồng',
'+ Vốn sự nghiệp: 1.250 triệu đồng' under '- Ngân sách Trung ương', 'nhân dân đóng góp 850 triệu đồng'.
Amounts per person or per household ('45 triệu đồng/người/năm') are targets, not funding."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ntm.normalize.amounts import AMOUNT_RE, amount_of

from . import cues

_FUNDING_CUE = regex.compile(cues.alternation(cues.words("funding_cues")), regex.IGNORECASE)
_SOURCES = [(regex.compile(cues.alternation([p]), regex.IGNORECASE), c) for p, c in cues.table("funding_sources")]
_MARKER = regex.compile(r"^\s*(?:[-+•–*]\s*)+")
_PER = regex.compile(r"\s*/\s*\p{L}")  # "120 triệu đồng/ấp", "5.000.000 đồng/hộ": a rate, not money mobilised
_EACH = regex.compile(r"(?i)(?:\bmỗi\b[^,;:.]{0,40}|\bbình\s+quân|\bmức\s+hỗ\s+trợ[^,;:]*?)\s*$")
_INTRODUCES_PARTS = regex.compile(r"(?i)^(?:[^;.]{0,40}?(?:cơ\s+cấu|như\s+sau|bao\s+gồm|gồm|cụ\s+thể)[^;.]{0,20}:\s*$|[^;.:]{0,40}?,?\s*(?:bao\s+)?gồm\s*:)")
_TOTAL_THEN_PARTS = regex.compile(r"(?i)^(?:[^;.]{0,20}?[;.]?\s*\b(?:trong\s+đó|cơ\s+cấu(?:\s+nguồn)?\s*:)|[^;.(]{0,30}\((?![^)]*(?:/\s*\p{L}|mỗi|bình\s+quân))(?=[^)]*\d\s*(?:tỷ|triệu|nghìn|đồng)))")
_QUANTIFIER = regex.compile(r"(?i)^(?:trên|hơn|gần|khoảng|ước|tổng\s+cộng|tổng\s+số|tổng)\s*$")
_TARGET_CONTEXT = regex.compile(r"(?i)thu\s+nhập|bình\s+quân\s+đầu\s+người")


@dataclass
class Funding:
    source: str
    category: str
    amount_vnd: int
    amount_raw: str
    start: int
    end: int


def category_of(source: str) -> str:
    for pattern, category in _SOURCES:
        if pattern.search(source):
            return category
    return "other"


def _label(text: str, block_start: int, amount_start: int) -> str:
    """The budget line an amount belongs to: the words right before it, or the item's label before ':'."""
    line = text[block_start:amount_start]
    parts = regex.split(r"[:;]", line)
    near = regex.split(r",\s+(?=\p{Ll}*\s*\p{Lu})", parts[-1])[-1]
    near = _MARKER.sub("", near).strip(" :,-–")
    near = regex.sub(r"\s*(?:là|đạt|được|với|khoảng|gồm)\s*$", "", near, flags=regex.IGNORECASE).strip()
    if len(near) >= 3 and regex.search(r"\p{L}{3}", near) and not _QUANTIFIER.match(near):
        return near
    label = _MARKER.sub("", parts[-2] if len(parts) > 1 else line).strip(" :,-–")
    return label


_MONEY_HEADER = regex.compile(r"(?i)(?:kinh\s+phí|vốn|số\s+tiền|giá\s+trị|dự\s+toán)[^()]*\((?P<unit>tỷ|triệu|nghìn|ngàn)?\s*(?:đồng|đ)\)")
_TOTAL_ROW = regex.compile(r"(?i)^\s*(?:tổng\s+cộng|tổng\s+số|tổng|cộng)\b")


def read_funding_tables(document) -> list[Funding]:
    """Budget tables: 'Nguồn vốn | Kinh phí (triệu đồng) | Tỷ lệ (%)', a row per source, the unit in the header."""
    from ntm.normalize.amounts import MULTIPLIERS, parse_number

    from .results_table import tables_with_header
    text = document.text
    out = []
    for header, rows in tables_with_header(document):
        money = [(c, _MONEY_HEADER.search(h)) for c, h in header.items() if _MONEY_HEADER.search(h)]
        if not money:
            continue
        column, unit = money[0]
        multiplier = MULTIPLIERS.get((unit.group("unit") or "").lower(), 1)
        label_column = min(c for c in header if c != column)
        for index in sorted(rows)[1:]:
            row = rows[index]
            if column not in row or label_column not in row:
                continue
            label = text[slice(*row[label_column])].strip()
            value = text[slice(*row[column])].strip()
            if _TOTAL_ROW.match(label) or not regex.fullmatch(r"\d[\d.\s]*(?:,\d+)?", value):
                continue
            amount = int((parse_number(value) * multiplier).to_integral_value())
            start, end = row[column]
            out.append(Funding(label, category_of(label), amount, f"{value} {header[column]}", start, end))
    return out


def read_funding(document) -> list[Funding]:
    text = document.text
    out: list[Funding] = []
    blocks = document.blocks
    parent: str | None = None
    for index, block in enumerate(blocks):
        line = text[block.start:block.end]
        amounts = [m for m in AMOUNT_RE.finditer(line) if not _PER.match(line, m.end())]
        if not amounts:
            stripped = line.strip()
            parent = _MARKER.sub("", stripped).strip(" :") if regex.match(r"^\s*-\s*[^+]", stripped) and len(stripped) < 80 else None
            continue
        context = " ".join(text[b.start:b.end] for b in blocks[max(0, index - 3):index + 1])
        if not _FUNDING_CUE.search(context):
            continue
        is_sub_item = bool(regex.match(r"^\s*(?:-\s*)?\+", line))
        for m in amounts:
            clause = regex.split(r"[;.]\s", line[:m.start()])[-1]
            if _TARGET_CONTEXT.search(clause) or _EACH.search(line[max(0, m.start() - 60):m.start()]):
                continue
            if regex.match(r"(?i)\s*mỗi\b", clause):
                continue  # "Mỗi xã ... được thưởng ... 1.000 triệu đồng": a rate per unit
            if _TOTAL_THEN_PARTS.match(line[m.end():]) or _INTRODUCES_PARTS.match(line[m.end():]):
                continue  # "Tổng ... 14.365 triệu đồng, trong đó: ..." — the parts follow; counting both doubles it
            label = _label(text, block.start, block.start + m.start())
            source = f"{parent} - {label}" if is_sub_item and parent else label
            amount = amount_of(m)
            out.append(Funding(source, category_of(source), amount, m.group(0), block.start + m.start(),
                               block.start + m.end()))
    return out + read_funding_tables(document)
