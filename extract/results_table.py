"""Results tables: a header row such as 'STT | Tên xã | Số tiêu chí đạt | Tiêu chí chưa đạt' and a row per unit."""
from __future__ import annotations

from collections import defaultdict

import regex

from parsers.model import Document

from . import cues
from .criteria_refs import find_refs
from .units import Mention

_ROLES = [(regex.compile(pattern, regex.IGNORECASE), role) for pattern, role in cues.table("table_columns")]
_COUNT_CELL = regex.compile(r"^\s*(?P<n>\d{1,2})\s*(?:/\s*(?P<total>\d{1,2}))?\s*(?:tiêu\s+chí)?\s*$", regex.IGNORECASE)
_BARE_NUMBERS = regex.compile(r"\d{1,2}(?![\d/])")


def _role(text: str) -> str | None:
    for pattern, role in _ROLES:
        if pattern.search(text.strip()):
            return role
    return None


def table_cells(document: Document) -> dict[int, dict[int, dict[int, tuple[int, int]]]]:
    """table -> row -> column -> (start, end) of the cell's text (its lines joined)."""
    tables: dict = defaultdict(lambda: defaultdict(dict))
    for block in document.blocks:
        if block.kind != "table_cell" or block.table is None:
            continue
        cell = tables[block.table][block.row]
        start, end = cell.get(block.col, (block.start, block.end))
        cell[block.col] = (min(start, block.start), max(end, block.end))
    return tables


def read_results_tables(document: Document):
    """Yield (unit mention, count or None, total, [(criterion, status, start, end)]) for each row of each
    results table: one whose header names a unit column and a criteria column."""
    text = document.text
    for table_index, rows in table_cells(document).items():
        header_row = min(rows)
        roles = {col: _role(text[s:e]) for col, (s, e) in rows[header_row].items()}
        unit_cols = [c for c, r in roles.items() if r in ("commune", "village")]
        if not unit_cols or not any(r in ("met_count", "unmet_list", "near_list") for r in roles.values()):
            continue
        unit_col = unit_cols[0]
        level = roles[unit_col]
        for row_index in sorted(rows)[1:]:
            row = rows[row_index]
            if unit_col not in row:
                continue
            start, end = row[unit_col]
            raw = text[start:end].strip()
            if not raw or not raw[0].isupper():
                continue
            raw = regex.sub(r"^(?i:xã|thôn|bản|phường|thị trấn)\s+", "", raw)
            mention = Mention(level, raw, end - len(raw), end, keyword=None, list_id=-(table_index + 1))
            count = total = None
            statuses = []
            for col, role in roles.items():
                if col not in row:
                    continue
                cs, ce = row[col]
                cell = text[cs:ce]
                if role == "met_count":
                    m = _COUNT_CELL.match(cell)
                    if m:
                        count, total = int(m.group("n")), int(m.group("total")) if m.group("total") else None
                elif role in ("unmet_list", "near_list"):
                    status = "unmet" if role == "unmet_list" else "near_met"
                    refs = find_refs(text, cs, ce)
                    if refs:
                        statuses += [(r.number, status, r.start, r.end) for r in refs]
                    else:
                        statuses += [(int(n.group(0)), status, cs + n.start(), cs + n.end())
                                     for n in _BARE_NUMBERS.finditer(cell) if 1 <= int(n.group(0)) <= 19]
            yield mention, count, total, statuses, (start, end)
