"""Results tables: a header row such as 'STT | Tên xã | Số tiêu chí đạt | Tiêu chí chưa đạt' and a row per unit."""
from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.vntext import spaced_lower
from ntm.parsers.model import Document

from . import cues
from .criteria_refs import find_refs
from .units import Mention

_ROLES = [(regex.compile(pattern, regex.IGNORECASE), role) for pattern, role in cues.table("table_columns")]
_COUNT_CELL = regex.compile(r"^\s*(?P<n>\d{1,2})\s*(?:/\s*(?P<total>\d{1,2}))?\s*(?:tiêu\s*chí)?\s*$", regex.IGNORECASE)
_BARE_NUMBERS = regex.compile(r"\d{1,2}(?![\d/])")


def column_role(text: str) -> str | None:
    """The role of a table column by its header cell (cue table table_columns)."""
    for pattern, role in _ROLES:
        if pattern.search(text.strip()):
            return role
    return None


class TableRow(NamedTuple):
    unit: Mention
    count: int | None  # criteria met, from a count column
    total: int | None
    statuses: list  # (criterion or None, status, start, end)
    span: tuple[int, int]  # the unit's cell
    unmet_count: int | None = None  # criteria not met, from a count column of its own


def table_cells(document: Document) -> dict[int, dict[int, dict[int, tuple[int, int]]]]:
    """table -> row -> column -> (start, end) of the cell's text (its lines joined). A table that goes on at the top
    of the next page, its first row no header, is one table with the one before it."""
    tables: dict = defaultdict(lambda: defaultdict(dict))
    pages: dict[int, tuple[int, int]] = {}  # table -> (first page, last page)
    merged: dict[int, tuple[int, int]] = {}  # table -> (table it goes on, row offset)
    for block in document.blocks:
        if block.kind != "table_cell" or block.table is None:
            continue
        table, row = block.table, block.row
        if table not in pages and table - 1 in pages and _goes_on(document, block, pages[table - 1]):
            into = merged.get(table - 1, (table - 1, 0))[0]
            merged[table] = (into, max(tables[into]) + 1)
        pages[table] = (pages.get(table, (block.page, block.page))[0], block.page)
        if table in merged:
            table, offset = merged[table]
            row += offset
        cell = tables[table][row]
        start, end = cell.get(block.col, (block.start, block.end))
        cell[block.col] = (min(start, block.start), max(end, block.end))
    for rows in tables.values():  # a header repeated at the top of the next page is no row of data
        header = _row_text(document.text, rows[min(rows)])
        for row in [r for r in sorted(rows)[1:] if _row_text(document.text, rows[r]) == header]:
            del rows[row]
    return tables


def _row_text(text: str, row: dict[int, tuple[int, int]]) -> tuple[str, ...]:
    return tuple(" ".join(text[s:e].split()) for _, (s, e) in sorted(row.items()))


def _goes_on(document: Document, first_cell, previous_pages: tuple[int, int]) -> bool:
    """The first cell of a table is on the page after the last of the table before it and opens no header: the
    table was cut by the page break."""
    if first_cell.page != previous_pages[1] + 1:
        return False
    between = [b for b in document.blocks if b.kind not in ("table_cell", "page_header", "page_footer")
               and b.page == first_cell.page and b.start < first_cell.start]
    return not between and column_role(document.text[first_cell.start:first_cell.end]) is None


_TOTAL_LABEL = regex.compile(r"(?i)^(?:tổng\s+cộng|tổng\s+số|tổng|cộng|toàn\s+huyện|toàn\s+tỉnh)\b")
_RANGE = regex.compile(r"(\d{1,2})\s*[-–]\s*(\d{1,2})|(\d{1,2})")
_CELL_STATUS = regex.compile(r"^\s*(?P<s>chưa\s+đạt|không\s+đạt|cơ\s+bản\s+đạt|gần\s+đạt|đạt)\s*$", regex.IGNORECASE)
CELL_STATUS = {"chưa đạt": "unmet", "không đạt": "unmet", "cơ bản đạt": "near_met", "gần đạt": "near_met", "đạt": "met"}


def numbers_in(cell: str) -> list[tuple[int, int, int]]:
    """(criterion, start, end) for '1-16, 18, 19' or 'TC2, TC13' written in a cell, ranges expanded."""
    out = []
    for m in _RANGE.finditer(cell):
        if m.group(3):
            out.append((int(m.group(3)), m.start(), m.end()))
        else:
            low, high = int(m.group(1)), int(m.group(2))
            if low < high <= 19:
                out += [(n, m.start(), m.end()) for n in range(low, high + 1)]
    return [x for x in out if 1 <= x[0] <= 19]


def tables_with_header(document: Document):
    """(header: column -> text, rows: row -> column -> span) for each table, the first row as its header."""
    text = document.text
    for rows in table_cells(document).values():
        header_row = min(rows)
        yield _header(text, rows, header_row), rows


def _second_header_row(text: str, rows, header_row: int) -> dict[int, str]:
    """The row under the header when every cell of it names a column ('Số TC đạt | Số TC chưa đạt' under 'Kết quả
    thẩm tra'): column -> text, or nothing."""
    below = {c: text[s:e].strip() for c, (s, e) in rows.get(header_row + 1, {}).items()}
    return below if below and all(column_role(t) is not None for t in below.values()) else {}


def _header(text: str, rows, header_row: int) -> dict[int, str]:
    """column -> header text; a header of two rows takes the second row's text for the columns it names."""
    return {**{c: text[s:e].strip() for c, (s, e) in rows[header_row].items()},
            **_second_header_row(text, rows, header_row)}


def _body_rows(text: str, rows, header_row: int) -> list[int]:
    return sorted(rows)[2 if _second_header_row(text, rows, header_row) else 1:]


def read_results_tables(document: Document):
    """Yield (unit mention, count or None, total, [(criterion, status, start, end)], (start, end)) for each unit of
    each results table: units as rows ('Tên xã | Số tiêu chí đạt | Tiêu chí chưa đạt') or as columns of a
    criteria-by-unit matrix ('Tiêu chí | Tân Lợi | Thuận Phú', cells 'Đạt' / 'Chưa đạt')."""
    from .units import is_register_commune
    text = document.text
    for table_index, rows in table_cells(document).items():
        header_row = min(rows)
        header = _header(text, rows, header_row)
        roles = {col: column_role(cell) for col, cell in header.items()}
        unit_columns = [c for c, cell in header.items() if roles[c] is None and is_register_commune(_bare_unit(cell))]
        if "criterion" in roles.values() and len(unit_columns) >= 1:
            yield from _matrix(document, table_index, rows, header_row, header, roles, unit_columns)
            continue
        unit_cols = [c for c, r in roles.items() if r in ("commune", "village")]
        if not unit_cols or not any(r in ("met_count", "unmet_count", "met_list", "unmet_list", "near_list")
                                    for r in roles.values()):
            continue
        # 'Xã | Thôn | Số tiêu chí đã đạt': each row is its village's, in the commune beside it (or above it, when
        # the commune's cell spans its villages)
        villages = [c for c in unit_cols if roles[c] == "village"]
        unit_col = villages[0] if villages else unit_cols[0]
        commune_col = next((c for c in unit_cols if roles[c] == "commune"), None) if villages else None
        level = roles[unit_col]
        commune = None
        for row_index in _body_rows(text, rows, header_row):
            row = rows[row_index]
            if commune_col in row:
                commune = _bare_unit(text[slice(*row[commune_col])].strip()) or commune
            if unit_col not in row:
                continue
            start, end = row[unit_col]
            raw = _bare_unit(text[start:end].strip(), level)
            if not raw or not raw[0].isupper() or _TOTAL_LABEL.match(raw):
                continue  # the 'Cộng' / 'Tổng cộng' row
            mention = Mention(level, raw, end - len(raw), end, keyword=None, list_id=-(table_index + 1),
                              commune_hint=commune)
            count = total = unmet_count = None
            statuses = []
            for col, role in roles.items():
                if col not in row:
                    continue
                cs, ce = row[col]
                cell = text[cs:ce]
                if role in ("met_count", "met_list"):
                    m = _COUNT_CELL.match(cell)
                    if m:
                        count, total = int(m.group("n")), int(m.group("total")) if m.group("total") else None
                    elif role == "met_list":
                        statuses += [(n, "met", cs + a, cs + b) for n, a, b in numbers_in(cell)]
                elif role == "unmet_count":
                    m = _COUNT_CELL.match(cell)
                    if m and not m.group("total"):
                        unmet_count = int(m.group("n"))
                elif role in ("unmet_list", "near_list"):
                    status = "unmet" if role == "unmet_list" else "near_met"
                    refs = find_refs(text, cs, ce)
                    opening = _CELL_OPENING_ITEM.match(cell)  # the cell opens its list: "Số 11 (...); số 13 (...)"
                    if opening and refs and not any(r.start <= cs + opening.start("n") < r.end for r in refs):
                        statuses.append((int(opening.group("n")), status, cs + opening.start(), cs + opening.end()))
                    numbers = [] if refs else numbers_in(cell)
                    if refs:
                        statuses += [(r.number, status, r.start, r.end) for r in refs]
                    elif numbers:
                        statuses += [(n, status, cs + a, cs + b) for n, a, b in numbers]
                    elif cell.strip():
                        # criteria named, not numbered ('Thu nhập; Môi trường'): read once the row's set is known
                        statuses.append((None, status, cs, ce))
            yield TableRow(mention, count, total, statuses, (start, end), unmet_count)


_CELL_OPENING_ITEM = regex.compile(  # 'Số 11 (...); số 13 (...)', 'TC5, TC10', '10 - Thu nhập; 17 - Môi trường'
    r"\s*(?:(?i:số|TC)\s*(?P<n>\d{1,2})(?![\d/]|[.,]\d)|(?P<n>\d{1,2})\s*[-–]\s*(?=\p{L}))")


def _bare_unit(cell: str, level: str = "commune") -> str:
    """The unit's name without its keyword ('Xã Nghĩa Lâm' -> 'Nghĩa Lâm'), unless the keyword begins a commune's own
    name ('Bản Qua', 'Bản Xèo' of Bát Xát)."""
    from .units import is_register_commune
    cell = cell.strip()
    if level == "commune" and rx.match(r"(?i:bản|thôn)\s", cell) and is_register_commune(cell):
        return cell
    return rx.sub(r"^(?i:xã|thôn|bản|ấp|phường|thị trấn)\s+", "", cell)


def _matrix(document, table_index, rows, header_row, header, roles, unit_columns):
    text = document.text
    criterion_col = next(c for c, r in roles.items() if r == "criterion")
    number_col = next((c for c in header if c < criterion_col), None)
    per_unit = {c: [] for c in unit_columns}
    counts = {}
    for row_index in sorted(rows)[1:]:
        row = rows[row_index]
        number = None
        if number_col is not None and number_col in row:
            digits = rx.match(r"\s*(\d{1,2})\s*$", text[slice(*row[number_col])])
            number = int(digits.group(1)) if digits else None
        label = text[slice(*row[criterion_col])] if criterion_col in row else ""
        for col in unit_columns:
            if col not in row:
                continue
            cs, ce = row[col]
            cell = text[cs:ce]
            status = _CELL_STATUS.match(cell)
            if status and number and 1 <= number <= 19:
                per_unit[col].append((number, CELL_STATUS[spaced_lower(status.group("s"))], cs, ce))
            elif rx.search(r"(?i)tổng|số\s+tiêu\s*chí", label):
                m = _COUNT_CELL.match(cell)
                if m:
                    counts[col] = (int(m.group("n")), int(m.group("total")) if m.group("total") else None)
    for col in unit_columns:
        start, end = rows[header_row][col]
        raw = _bare_unit(text[start:end])
        mention = Mention("commune", raw, end - len(raw), end, keyword=None, list_id=-(table_index + 1))
        count, total = counts.get(col, (None, None))
        yield TableRow(mention, count, total, per_unit[col], (start, end))
