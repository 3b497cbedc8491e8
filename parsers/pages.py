"""Positioned pages -> the text model: paragraphs and table cells, legacy-font repair, OCR confidence spans.

Each page is read either from its text layer or by OCR (`source`), never both, so a block's source is its
page's. OCR confidence is kept per line and located in the canonical text as (start, end, confidence) spans.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from . import legacy, unwrap
from .assemble import LIST_MARKER, assemble
from .errors import ParseError
from .layout import Line, body_lines, paragraph_break, running_lines, typical_step
from .model import Document, RawBlock
from .ocr import OcrResult
from .textclean import clean


@dataclass
class Table:
    """A ruled table: pdfplumber's in a PDF (points), or one found in a scan (pixels); top left origin."""
    left: float
    right: float
    top: float
    bottom: float
    rows: list[list[str | None]]
    emitted: bool = False
    # a scan's table: each cell's rectangle (left, top, right, bottom) and the OCR words placed in it
    cells: dict[tuple[int, int], tuple[float, float, float, float]] = field(default_factory=dict)
    words: dict[tuple[int, int], list] = field(default_factory=dict)

    def holds(self, line: Line) -> bool:
        middle = (line.top + line.bottom) / 2
        return self.top <= middle <= self.bottom and line.left >= self.left - 2 and line.right <= self.right + 2

    def blocks(self, index: int, page: int) -> list[RawBlock]:
        return [RawBlock("table_cell", (cell or "").strip(), page, index, r, c)
                for r, row in enumerate(self.rows) for c, cell in enumerate(row) if (cell or "").strip()]


@dataclass
class PageLines:
    number: int  # 1-based
    lines: list[Line]
    source: str = "text"  # "text" (the PDF text layer), "ocr", or "none" (a page nothing could read)
    tables: list[Table] = field(default_factory=list)


@dataclass
class PagedDocument(Document):
    """A Document read page by page, some pages possibly by OCR."""
    ocr_pages: list[int] = field(default_factory=list)
    ocr_confidence: float | None = None  # mean word confidence (0..1) over the OCR'd pages
    unreadable_pages: list[int] = field(default_factory=list)  # pages that gave no text at all
    ocr_errors: list[ParseError] = field(default_factory=list)  # OCR that could not run, one line each
    confidence_spans: list[tuple[int, int, float]] = field(default_factory=list)  # OCR lines in the text

    def page_source(self, page: int) -> str:
        return "ocr" if page in self.ocr_pages else "text"

    def confidence_of(self, start: int, end: int) -> float | None:
        """Mean OCR confidence over [start, end), weighted by characters; None for text-layer text."""
        starts = [s for s, _, _ in self.confidence_spans]
        i = max(0, bisect.bisect_right(starts, start) - 1)
        total = weight = 0.0
        for s, e, confidence in self.confidence_spans[i:]:
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > 0:
                total += confidence * overlap
                weight += overlap
        return round(total / weight, 4) if weight else None


@dataclass
class _Paragraph:
    block: RawBlock
    confidences: list[float | None]  # one per line of block.text
    source: str


def _paragraphs(pages: list[PageLines]) -> list[_Paragraph]:
    recurring = running_lines([p.lines for p in pages])
    out: list[_Paragraph] = []
    table_index = 0
    for page in pages:
        body = body_lines(page.lines, recurring)
        if not body:
            continue
        line_step = typical_step(body)
        text_right = max(l.right for l in body)
        previous: Line | None = None
        for line in body:
            table = next((t for t in page.tables if t.holds(line)), None)
            if table is not None:
                if not table.emitted:
                    out.extend(_Paragraph(b, [None], page.source) for b in table.blocks(table_index, page.number))
                    table_index += 1
                    table.emitted = True
                previous = None
                continue
            if previous is not None and not paragraph_break(previous, line, line_step, text_right):
                out[-1].block.text += "\n" + line.text
                out[-1].confidences.append(line.confidence)
            else:
                out.append(_Paragraph(RawBlock("paragraph", line.text, page=page.number), [line.confidence],
                                      page.source))
            previous = line
    return out


def _join_wrapped(lines: list[RawBlock]) -> list[RawBlock]:
    """Lines inside one visual paragraph are wraps of one sentence unless the next starts an item."""
    out: list[RawBlock] = []
    for line in lines:
        if out and out[-1].style == "wrapped" and not LIST_MARKER.match(line.text):
            out[-1].text += unwrap.joiner(out[-1].text, line.text)  # "1206/UBND-" + "KT" is one symbol again
            out[-1].text += line.text
            out[-1].style = line.style
            continue
        out.append(RawBlock(line.kind, line.text, line.page, line.table, line.row, line.col, style=line.style))
    for block in out:
        block.style = None
    return out


def _locate(text: str, pieces: list[tuple[str, float]]) -> list[tuple[int, int, float]]:
    """Spans of the given lines in `text`, searched in order; a line the assembly altered is left out."""
    spans: list[tuple[int, int, float]] = []
    cursor = 0
    for piece, confidence in pieces:
        at = text.find(piece, cursor)
        if at < 0:
            continue
        spans.append((at, at + len(piece), confidence))
        cursor = at + len(piece)
    return spans


def build_document(doc_id: str, path: str, fmt: str, page_count: int, pages: list[PageLines],
                   warnings: list[str]) -> PagedDocument:
    paragraphs = _paragraphs(pages)
    layer_text = "\n\n".join(p.block.text for p in paragraphs if p.source == "text")
    _, encoding = legacy.repair_legacy_text(layer_text)
    lines: list[RawBlock] = []
    located: list[tuple[str, float]] = []
    for paragraph in paragraphs:
        block = paragraph.block
        body = legacy.decode_as(block.text, encoding) if encoding and paragraph.source == "text" else block.text
        if block.kind == "table_cell":
            lines.append(RawBlock("table_cell", clean(body).replace("\n", " "), block.page, block.table, block.row,
                                  block.col))
            continue
        # lines of one visual paragraph: keep list items apart, join wrapped lines
        for text, confidence in zip(clean(body).split("\n"), paragraph.confidences):
            lines.append(RawBlock("paragraph", text, page=block.page, style="wrapped"))
            if confidence is not None and text.strip():
                located.append((text.strip(), confidence))
        lines[-1].style = None
    canonical, blocks = assemble(_join_wrapped(lines))
    ocr_pages = [p.number for p in pages if p.source == "ocr"]
    confidences = [c for p in pages if p.source == "ocr" for l in p.lines for c in l.confidences]
    weight = sum(n for _, n in confidences)
    mean = round(sum(c * n for c, n in confidences) / weight, 4) if weight else None
    return PagedDocument(doc_id, path, fmt, page_count, canonical, blocks, encoding, warnings,
                         ocr_pages=ocr_pages, ocr_confidence=mean,
                         confidence_spans=_locate(canonical, located))


def finish(doc_id: str, path: str, fmt: str, pages: list[PageLines], warnings: list[str],
           read: OcrResult) -> PagedDocument:
    """The document of these pages; a document without any text whose OCR could not run is an error."""
    if read.errors and not any(page.lines for page in pages):
        raise read.errors[0]
    document = build_document(doc_id, path, fmt, len(pages), pages, warnings)
    document.ocr_errors = list(read.errors)
    document.unreadable_pages = [page.number for page in pages if not page.lines]
    if not document.text.strip():
        document.warnings.append("no readable text on any page (a blank or unreadable scan?)")
    return document
