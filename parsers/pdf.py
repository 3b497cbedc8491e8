"""PDF text layer, read with pypdfium2 (fast); lines rebuilt from text rectangles."""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import regex

from . import legacy
from .assemble import assemble
from .errors import CorruptFileError, EncryptedFileError
from .model import Document, RawBlock
from .textclean import clean

_PAGE_NUMBER = regex.compile(r"^(?:trang\s*)?[-–]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–]?$", regex.IGNORECASE)
EDGE_LINES = 2


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    left: float


def _page_lines(page) -> list[Line]:
    textpage = page.get_textpage()
    try:
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
        lines: list[Line] = []
        for left, bottom, right, top in rects:
            text = textpage.get_text_bounded(left, bottom, right, top)
            if not text.strip():
                continue
            if lines and abs(lines[-1].top - top) < 2 and abs(lines[-1].bottom - bottom) < 2:
                lines[-1].text += " " + text
                continue
            lines.append(Line(text, top, bottom, left))
        return lines
    finally:
        textpage.close()


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
        page_count = len(pdf)
    finally:
        pdf.close()
    recurring = running_lines(pages)
    raw: list[RawBlock] = []
    for number, lines in enumerate(pages, start=1):
        if not lines:
            warnings.append(f"page {number} has no text layer (scanned image?)")
            continue
        heights = [l.top - l.bottom for l in lines] or [10.0]
        line_height = statistics.median(heights)
        previous: Line | None = None
        for index, line in enumerate(lines):
            text = line.text.strip()
            at_edge = index < EDGE_LINES or index >= len(lines) - EDGE_LINES
            if at_edge and (_shape(text) in recurring or _PAGE_NUMBER.match(text)):
                kind = "page_header" if index < EDGE_LINES else "page_footer"
                if number == 1 and kind == "page_header" and _shape(text) in recurring:
                    pass  # keep the first page's copy of a running header as body text
                else:
                    continue
            new_paragraph = previous is None or (previous.bottom - line.top) > 0.8 * line_height
            if not new_paragraph and raw:
                raw[-1].text += "\n" + text
            else:
                raw.append(RawBlock("paragraph", text, page=number))
            previous = line
    text = "\n\n".join(b.text for b in raw)
    _, encoding = legacy.repair_legacy_text(text)
    blocks_in: list[RawBlock] = []
    for block in raw:
        body = legacy.decode_as(block.text, encoding) if encoding else block.text
        # lines of one visual paragraph: keep list items apart, join wrapped lines
        for line in clean(body).split("\n"):
            blocks_in.append(RawBlock("paragraph", line, page=block.page))
            blocks_in[-1].style = "wrapped"
        blocks_in[-1].style = None
    canonical, blocks = assemble(_join_wrapped(blocks_in))
    if not canonical.strip():
        warnings.append("no text layer on any page (scanned document?)")
    return Document(doc_id, path, "pdf", page_count, canonical, blocks, encoding, warnings)


_STARTS_ITEM = regex.compile(r"^(?:[-+•–*]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[IVXLC]{1,5}\.\s|[a-zđ]\)\s)")


def _join_wrapped(lines: list[RawBlock]) -> list[RawBlock]:
    """Lines inside one visual paragraph are wraps of one sentence unless the next starts an item."""
    out: list[RawBlock] = []
    for line in lines:
        if out and out[-1].style == "wrapped" and not _STARTS_ITEM.match(line.text):
            out[-1].text += " " + line.text
            out[-1].style = line.style
            continue
        out.append(RawBlock(line.kind, line.text, line.page, style=line.style))
    for block in out:
        block.style = None
    return out
