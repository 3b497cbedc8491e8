"""PDF text layer, read with pypdfium2 (fast); lines rebuilt from text rectangles."""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from . import legacy
from .assemble import LIST_MARKER, assemble
from .errors import CorruptFileError, EncryptedFileError
from .model import Document, RawBlock
from .textclean import clean

_PAGE_NUMBER = regex.compile(r"^(?:trang\s*)?[-–]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–]?$", regex.IGNORECASE)
EDGE_LINES = 2
_SPACES = regex.compile(r"\s+")


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    left: float
    right: float

    @property
    def height(self) -> float:
        return max(1.0, self.top - self.bottom)


def _page_lines(page) -> list[Line]:
    """Visual lines, top to bottom: text rectangles on one baseline joined, unless far apart (two columns)."""
    textpage = page.get_textpage()
    try:
        segments = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top)
            if text.strip():
                segments.append(Line(_SPACES.sub(" ", text).strip(), top, bottom, left, right))
    finally:
        textpage.close()
    segments.sort(key=lambda l: -l.bottom)
    rows: list[list[Line]] = []
    for seg in segments:
        if rows and abs(rows[-1][0].bottom - seg.bottom) < 0.4 * seg.height:
            rows[-1].append(seg)
        else:
            rows.append([seg])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda l: l.left)
        current = row[0]
        for seg in row[1:]:
            gap = seg.left - current.right
            if -0.5 <= gap < 2.5 * seg.height:
                joiner = "" if gap < 0.12 * seg.height else " "  # rectangles that touch are one word cut in two
                current = Line(current.text + joiner + seg.text, max(current.top, seg.top), current.bottom,
                               current.left, seg.right)
            else:  # another column on the same baseline
                lines.append(current)
                current = seg
        lines.append(current)
    return lines


_TERMINAL = regex.compile(r"[.:;!?]\s*$")


_UPPER_LINE = regex.compile(r"^[^\p{Ll}]*(?:\p{Lu}[^\p{Ll}]*){3,}$")


def _is_upper(text: str) -> bool:
    return _UPPER_LINE.match(text) is not None


def _paragraph_break(a: Line, b: Line, line_gap: float, text_right: float) -> bool:
    """Does line b start a new paragraph after line a (same page)?"""
    gap = a.bottom - b.top
    if gap > max(0.6 * a.height, 1.6 * line_gap) or gap < -0.5 * a.height:
        return True
    if LIST_MARKER.match(b.text) or _is_upper(a.text) or _is_upper(b.text):
        return True
    if _TERMINAL.search(a.text) and (a.right < text_right - 3 * a.height or b.left > a.left + a.height):
        return True
    return False


def _shape(text: str) -> str:
    return regex.sub(r"\d+", "#", text.strip().lower())


def running_lines(pages: list[list[Line]]) -> set[str]:
    """Shapes of lines that recur at the top or bottom edge of most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_shape(l.text) for l in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
        counts.update(edge)
    return {shape for shape, n in counts.items() if n >= max(2, len(pages) / 2)}


def parse_pdf(data: bytes, path: str, doc_id: str) -> Document:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise EncryptedFileError("encrypted PDF: a password is needed to read it") from None
        raise CorruptFileError(f"corrupt or truncated PDF ({message.splitlines()[0][:100]})") from None
    warnings: list[str] = []
    try:
        pages = [_page_lines(pdf[i]) for i in range(len(pdf))]
        ruled = [i for i in range(len(pdf)) if _ruled(pdf[i])]
        heights = [pdf[i].get_height() for i in range(len(pdf))]
        page_count = len(pdf)
    finally:
        pdf.close()
    tables = _tables(data, ruled, heights) if ruled else {}
    recurring = running_lines(pages)
    raw: list[RawBlock] = []
    table_index = 0
    for number, lines in enumerate(pages, start=1):
        body = [l for i, l in enumerate(lines)
                if not ((i < EDGE_LINES or i >= len(lines) - EDGE_LINES)
                        and (_shape(l.text) in recurring or _PAGE_NUMBER.match(l.text)))]
        if not body:
            warnings.append(f"page {number} has no text layer (scanned image?)")
            continue
        gaps = [a.bottom - b.top for a, b in zip(body, body[1:]) if 0 <= a.bottom - b.top < 2 * a.height]
        line_gap = statistics.median(gaps) if gaps else 0.3 * body[0].height
        text_right = max(l.right for l in body)
        previous: Line | None = None
        page_tables = list(tables.get(number - 1, []))
        for line in body:
            table = next((t for t in page_tables if t.holds(line)), None)
            if table is not None:
                if not table.emitted:
                    raw.extend(table.blocks(table_index, number))
                    table_index += 1
                    table.emitted = True
                previous = None
                continue
            if previous is not None and not _paragraph_break(previous, line, line_gap, text_right):
                raw[-1].text += "\n" + line.text
            else:
                raw.append(RawBlock("paragraph", line.text, page=number))
            previous = line
    text = "\n\n".join(b.text for b in raw)
    _, encoding = legacy.repair_legacy_text(text)
    blocks_in: list[RawBlock] = []
    for block in raw:
        body = legacy.decode_as(block.text, encoding) if encoding else block.text
        if block.kind == "table_cell":
            blocks_in.append(RawBlock("table_cell", clean(body).replace("\n", " "), block.page, block.table, block.row, block.col))
            continue
        # lines of one visual paragraph: keep list items apart, join wrapped lines
        for line in clean(body).split("\n"):
            blocks_in.append(RawBlock("paragraph", line, page=block.page))
            blocks_in[-1].style = "wrapped"
        blocks_in[-1].style = None
    canonical, blocks = assemble(_join_wrapped(blocks_in))
    if not canonical.strip():
        warnings.append("no text layer on any page (scanned document?)")
    return Document(doc_id, path, "pdf", page_count, canonical, blocks, encoding, warnings)


MIN_RULES = 6  # path objects on a page before it is worth asking pdfplumber for tables


def _ruled(page) -> bool:
    count = 0
    for obj in page.get_objects(max_depth=1):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            count += 1
            if count >= MIN_RULES:
                return True
    return False


@dataclass
class Table:
    """A ruled table pdfplumber found, in pypdfium2 coordinates (origin bottom left)."""
    left: float
    right: float
    top: float
    bottom: float
    rows: list[list[str | None]]
    emitted: bool = False

    def holds(self, line: Line) -> bool:
        middle = (line.top + line.bottom) / 2
        return self.bottom <= middle <= self.top and line.left >= self.left - 2 and line.right <= self.right + 2

    def blocks(self, index: int, page: int) -> list[RawBlock]:
        return [RawBlock("table_cell", (cell or "").strip(), page, index, r, c)
                for r, row in enumerate(self.rows) for c, cell in enumerate(row) if (cell or "").strip()]


def _tables(data: bytes, page_indexes: list[int], heights: list[float]) -> dict[int, list[Table]]:
    """pdfplumber reads the layout where pypdfium2's text stream cannot: ruled tables, cell by cell."""
    import io

    import pdfplumber
    found: dict[int, list[Table]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for i in page_indexes:
            height = heights[i]
            for table in pdf.pages[i].find_tables():
                rows = table.extract()
                if len(rows) < 2 or max(len(r) for r in rows) < 2:
                    continue
                x0, top, x1, bottom = table.bbox
                found.setdefault(i, []).append(Table(x0, x1, height - top, height - bottom, rows))
    return found




def _join_wrapped(lines: list[RawBlock]) -> list[RawBlock]:
    """Lines inside one visual paragraph are wraps of one sentence unless the next starts an item."""
    out: list[RawBlock] = []
    for line in lines:
        if out and out[-1].style == "wrapped" and not LIST_MARKER.match(line.text):
            # a symbol cut at its hyphen, slash or ampersand ("1206/UBND-" / "NN&PTNT") is one token again
            joiner = "" if regex.search(r"\S[-/&]$", out[-1].text) and line.text[:1].isalnum() else " "
            out[-1].text += joiner + line.text
            out[-1].style = line.style
            continue
        out.append(RawBlock(line.kind, line.text, line.page, line.table, line.row, line.col, style=line.style))
    for block in out:
        block.style = None
    return out
