"""Plain text and markdown files, in any of the encodings Vietnamese archives hold."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.vntext import any_marks_pattern, in_capitals, typed_in_lower_case

from . import legacy, unwrap
from .assemble import assemble
from .errors import BinaryContentError, UnknownEncodingError
from .layout import ends_title_unfinished, ends_whole_title, opens_column_line
from .model import Document, RawBlock
from .textclean import clean, strip_markdown


def decode(data: bytes) -> tuple[str, str]:
    try:
        text, encoding = legacy.decode_bytes(data)
    except legacy.BinaryContentError as error:
        raise BinaryContentError(f"binary content, not text ({error})") from None
    except legacy.UnknownEncodingError as error:
        raise UnknownEncodingError(f"text encoding could not be identified ({error})") from None
    return text, encoding


_CELL_SPLIT = regex.compile(r"\t+|\s{2,}|\s*\|\s*")
_PIPE_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}")
MIN_TABLE_ROWS = 3


def _cells(line: str) -> list[str] | None:
    """Cells of a line laid out as a table row: '|'-separated, tab-separated or aligned with runs of spaces."""
    stripped = line.strip()
    if stripped.startswith("|") or stripped.count("|") >= 2:
        cells = [c.strip() for c in stripped.split("|")]
        if stripped.startswith("|") and stripped.endswith("|"):  # markdown: outer pipes, no outer cells
            cells = cells[1:-1]
    elif "\t" in stripped or rx.search(r"\S\s{2,}\S.*\s{2,}\S", stripped):
        cells = [c for c in _CELL_SPLIT.split(stripped) if c]
    else:
        return None
    return cells if len(cells) >= 2 else None


_SPACE_GAP = regex.compile(r"(?<=\S)\s{2,}(?=\S)")


def _aligned(lines: list[str], rows: list[int]) -> bool:
    """Rows laid out with runs of spaces are a table when their columns line up: each row starts a cell where the
    row above does. A hurried typist's double spaces for commas ('xuân lai  mỹ gia  cảm nhân') line up with
    nothing. Rows with tabs or pipes say they are cells."""
    if any("\t" in lines[i] or "|" in lines[i] for i in rows):
        return True
    starts = [{m.end() for m in _SPACE_GAP.finditer(lines[i].rstrip())} for i in rows]
    shared = sum(1 for a, b in zip(starts, starts[1:]) if any(abs(x - y) <= 1 for x in a for y in b))
    return shared >= len(rows) - 1 - len(rows) // 4  # a row or so may leave its column empty


def _table_runs(lines: list[str]) -> dict[int, tuple[int, int, list[str]]]:
    """line index -> (table, row, cells) for runs of at least MIN_TABLE_ROWS table-like lines."""
    out: dict[int, tuple[int, int, list[str]]] = {}
    run: list[tuple[int, list[str]]] = []
    table = 0

    def close():
        nonlocal table
        if len(run) >= MIN_TABLE_ROWS and _aligned(lines, [index for index, _ in run]):
            for row, (index, cells) in enumerate(run):
                out[index] = (table, row, cells)
            table += 1
        run.clear()

    for index, line in enumerate(lines):
        if _PIPE_RULE.match(line) and run:
            out[index] = (-1, -1, [])  # the |---|---| rule under a markdown header
            continue
        cells = _cells(line)
        if cells is None:
            if line.strip() or len(run) < 1:
                close()
            continue
        run.append((index, cells))
    close()
    return out


_WIDE_GAP = regex.compile(r"(?<=\S)(?:[ ]{4,}|\t+)(?=\S)")
_BLANK_NUMBER = regex.compile(r"(?i)^Số\s*:?$")
SIGNATURE_ZONE = 25  # lines from the end of a document where the recipients and the signature stand


@lru_cache(maxsize=1)
def _page_parts() -> regex.Pattern:
    rows = [line.split("\t") for line in (Path(__file__).parent / "data" / "side_by_side.tsv").read_text("utf-8")
            .splitlines() if line.strip() and not line.startswith("#")]
    return regex.compile("|".join(f"(?:{pattern})" for _, pattern in rows), regex.IGNORECASE)


# a right column cut short by a hard wrap, and what its rest holds: a date line still without its year, the motto
# without its last word, a place whose date went to the next line
_RIGHT_COLUMN_CUTS = [
    (regex.compile(rf"(?i),\s*{any_marks_pattern('ngày')}(?!\p{{L}})(?!.*\d{{4}}).*$"), regex.compile(r"\d{4}")),
    (regex.compile(r"(?i)độc\s+lập\b(?!.*phúc).*$"), regex.compile(r"(?i)phúc")),
    (regex.compile(r"(?i)cộng\s+h(?:òa|oà)\b(?!.*\bnam\b).*$"), regex.compile(r"(?i)\bnam\b")),
    (regex.compile(r",\s*$"), regex.compile(rf"(?i)^\s*{any_marks_pattern('ngày')}(?!\p{{L}})")),
]
_NAME_START = regex.compile(r"\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2}")
_NAME_END = regex.compile(r"\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?")


def _right_column_goes_on(right: str, line: str, wrapped: bool, near_end: bool) -> bool:
    """After a side-by-side line, is `line` the rest of its right column, cut at the width? A date line without its
    year and the motto without its end, whose rest the line holds; and where the line is a wrap, a title in
    capitals cut mid-way ('KT. CHỦ' / 'TỊCH'), the signer's name cut ('Bùi Văn' / 'Thịnh')."""
    line = line.strip()
    for cut, rest in _RIGHT_COLUMN_CUTS:
        if cut.search(right):
            return bool(rest.search(line)) or wrapped
    if not wrapped:
        return False
    if in_capitals(right, min_capitals=0) and in_capitals(line, min_capitals=0) and line[:1].isalpha():
        # (a letter of TCVN3 may lack its capital)
        return ends_title_unfinished(right) or (not opens_column_line(line) and not ends_whole_title(right))
    return near_end and _NAME_START.fullmatch(right) is not None and _NAME_END.fullmatch(line) is not None


_SIGNER_NAME = regex.compile(r"\p{Lu}\p{Ll}*(?:\s\p{Lu}\p{Ll}*){1,4}")
MIN_COLUMN_INDENT = 16  # spaces before a line that goes on in the right column


def side_by_side(line: str, near_end: bool) -> list[str] | None:
    """The two columns of a header or signature line laid out side by side ('Số: 12/TB-UBND      Bắc Sơn, ngày
    ...'), or None for any other line."""
    stripped = line.strip()
    gaps = list(_WIDE_GAP.finditer(stripped))
    if near_end and len(gaps) == 2:  # three signatures side by side under minutes: each column its own
        parts = [stripped[:gaps[0].start()], stripped[gaps[0].end():gaps[1].start()], stripped[gaps[1].end():]]
        if all(in_capitals(part, min_capitals=2) or _SIGNER_NAME.fullmatch(part) for part in parts):
            return parts
    for gap in gaps:  # the first gap with a part of a page on one side ('ngày    tháng 10' has a gap of its own)
        left, right = stripped[:gap.start()], stripped[gap.end():]
        if _BLANK_NUMBER.match(left) or right[:1] in "/-":
            continue  # 'Số:      /TB-SXD': a number left blank, not a column
        if (near_end and len(gaps) == 1) or any(_page_parts().search(side) for side in (left, right)):
            return [left, right]
    return None


def _lines_as_written(data: bytes, encoding: str, lines: list[str]) -> list[str]:
    """The lines before normalisation, as a wrapping tool counted them (NFD text has more code points)."""
    if not encoding.startswith("utf-8"):
        return lines
    written = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return written if len(written) == len(lines) else lines


# a hurried typist's comma: two or three spaces between words inside a line ('các xã xuân lai  mỹ gia  cảm nhân')
_SPACES_FOR_COMMA = regex.compile(r"(?<=[\p{L}\d)])[ ]{2,3}(?=[\p{L}\d(])")
_COMMA = regex.compile(r"[\p{L}\d)],\s")
MIN_SPACED_COMMAS = 8  # ... so many of them, and more than the commas typed, before a text is read so


def _spaces_for_commas(lines: list[str]) -> bool:
    """Does the text put two spaces where a comma goes, throughout? Columns laid out side by side use wider gaps."""
    spaced = sum(len(_SPACES_FOR_COMMA.findall(line.strip())) for line in lines)
    return spaced >= MIN_SPACED_COMMAS and spaced > 2 * sum(len(_COMMA.findall(line)) for line in lines)


def parse_text(data: bytes, path: str, doc_id: str, markdown: bool = True) -> Document:
    text, encoding = decode(data)
    lines = clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    commas_read = _spaces_for_commas(lines)
    if commas_read:  # the clauses the typist parted with spaces stay parted: every rule reads a comma there
        lines = [line[:len(line) - len(line.lstrip())] + _SPACES_FOR_COMMA.sub(", ", line.lstrip()) for line in lines]
    lines, wraps = unwrap.rejoin_table_rows(lines, unwrap.mark_wraps(_lines_as_written(data, encoding, lines), lines))
    tables = _table_runs(lines)
    raw: list[RawBlock] = []
    right_column: list[str] = []  # the right side of a side-by-side line, read once its left column ends
    middle_column: list[str] = []  # the middle one of three signatures side by side

    def end_of_left_column():
        for column in (middle_column, right_column):  # each a column of its own, the rightmost last
            raw.extend(RawBlock("paragraph", part, after_blank=True) for part in column)
            column.clear()

    # In a text typed all in lower case a line opening in lower case says nothing of a sentence going on: there a
    # blank line ends a paragraph. Elsewhere a sentence may go on past one (PDF exports put blanks between lines).
    blank_breaks = typed_in_lower_case(text)
    after_blank = False
    previous_side_by_side = False
    right_column_at = 0  # the column the pending right column's line starts at
    for index, line in enumerate(lines):
        if not line.strip():
            end_of_left_column()
            after_blank, previous_side_by_side = blank_breaks, False
            continue
        if index in tables:
            end_of_left_column()
            previous_side_by_side = False
            table, row, cells = tables[index]
            for col, cell in enumerate(cells):
                cell = strip_markdown(cell)[0] if markdown else cell.strip()
                if cell and table >= 0:
                    raw.append(RawBlock("table_cell", cell, table=table, row=row, col=col))
            continue
        columns = side_by_side(line, index >= max(len(lines) - SIGNATURE_ZONE, len(lines) // 2))
        if not columns and previous_side_by_side and right_column \
                and _right_column_goes_on(right_column[-1], line, wraps[index], index >= len(lines) - SIGNATURE_ZONE):
            # a side-by-side line cut at the width goes on in its right column ('Bắc Sơn, ngày 5 tháng 11 năm⏎2023')
            right_column[-1] += unwrap.joiner(right_column[-1], line.strip()) + line.strip()
            previous_side_by_side = False
            continue
        indent = len(line) - len(line.lstrip(" "))
        if not columns and right_column and right_column_at and indent >= max(MIN_COLUMN_INDENT, right_column_at - 8):
            # a line that starts under the right column goes on in it: the signer's name below 'PHÓ CHÁNH VĂN PHÒNG'
            # when the recipients' list runs on at the left
            right_column.append(line.strip())
            previous_side_by_side = True  # a wrap of this line goes on in the right column too
            continue
        # the line after a side-by-side one is never a wrap of its left column: a wrap cuts the right one's end
        wrapped = wraps[index] and not previous_side_by_side
        previous_side_by_side = bool(columns)
        if columns:  # the left side goes on in the lines below it ('V/v ...' wrapped beside the date)
            columns = [strip_markdown(column)[0] if markdown else column.strip() for column in columns]
            beside_a_column = bool(right_column)
            end_of_left_column()
            # the left column's line does not go on the right column's line read before it (in lower case no capital tells)
            raw.append(RawBlock("paragraph", columns[0], wraps_previous=wrapped and not beside_a_column,
                                after_blank=after_blank or (blank_breaks and beside_a_column)))
            right_column_at = line.find(columns[-1][:12]) if columns[-1] else 0
            middle_column.extend(columns[1:-1])
            right_column.append(columns[-1])
            after_blank = False
            continue
        if markdown:
            line, is_heading = strip_markdown(line)
        else:
            line, is_heading = line.strip(), False
        if line:
            raw.append(RawBlock("heading" if is_heading else "paragraph", line, wraps_previous=wrapped,
                                after_blank=after_blank))
            after_blank = False
    end_of_left_column()
    canonical, blocks = assemble(raw)
    warnings = ["two spaces between words read as a comma throughout: the text types no commas"] if commas_read else []
    return Document(doc_id, path, "txt" if not path.endswith(".md") else "md", 1, canonical, blocks, encoding,
                    warnings=warnings)
