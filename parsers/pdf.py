"""PDF: the text layer read with pypdfium2 (fast), pages without a usable layer read by OCR; one layout for both."""
from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import ocr
from .errors import CorruptFileError, EncryptedFileError
from .layout import Box, clean_box_text, page_lines
from .pages import PagedDocument, PageLines, Table, finish

MIN_RULES = 6  # path objects on a page before it is worth asking pdfplumber for tables
PAGE_IMAGE_SHARE = 0.5  # an image covering this share of the page makes it a scanned page


def _layer_boxes(page) -> list[Box]:
    """Text rectangles of the page's text layer, in points from the top left corner."""
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        boxes = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = clean_box_text(textpage.get_text_bounded(left, bottom, right, top))
            if text:
                boxes.append(Box(text, left, height - top, right, height - bottom))
    finally:
        textpage.close()
    return boxes


@dataclass
class _PageObjects:
    ruled: bool  # enough path objects to hold a ruled table
    scanned: bool  # a page-sized image: a scan, whatever text layer lies over it


def _objects(page) -> _PageObjects:
    paths = 0
    scanned = False
    page_area = page.get_width() * page.get_height()
    for obj in page.get_objects(max_depth=1):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE and not scanned:
            left, bottom, right, top = obj.get_bounds()
            scanned = (right - left) * (top - bottom) >= PAGE_IMAGE_SHARE * page_area
    return _PageObjects(paths >= MIN_RULES, scanned)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise EncryptedFileError("encrypted PDF: a password is needed to read it") from None
        raise CorruptFileError(f"corrupt or truncated PDF ({message.splitlines()[0][:100]})") from None


def parse_pdf(data: bytes, path: str, doc_id: str, request: ocr.OcrRequest | None = None) -> PagedDocument:
    request = request or ocr.OcrRequest()
    pdf = _open(data)
    try:
        layers = [_layer_boxes(pdf[i]) for i in range(len(pdf))]
        objects = [_objects(pdf[i]) for i in range(len(pdf))]
        page_count = len(pdf)
        verdicts = [ocr.judge_layer(" ".join(b.text for b in boxes), objects[i].scanned, request.mode)
                    for i, boxes in enumerate(layers)]
        dpi = ocr.settings()["tesseract"]["dpi"]
        read = ocr.read_pages(request, [i for i, v in enumerate(verdicts) if v.needs_ocr],
                              lambda i: (ocr.render_pdf_page(pdf[i], dpi), dpi))
    finally:
        pdf.close()
    ruled = [i for i in range(page_count) if objects[i].ruled and i not in read.pages]
    tables = _tables(data, ruled) if ruled else {}
    pages = [PageLines(i + 1, page_lines(read.pages[i].words), "ocr", read.pages[i].tables) if i in read.pages
             else PageLines(i + 1, page_lines(layers[i]) if verdicts[i].usable else [], "text", tables.get(i, []))
             for i in range(page_count)]
    reasons = {i: v.reason for i, v in enumerate(verdicts) if v.reason and (v.needs_ocr or not v.usable)}
    return finish(doc_id, path, "pdf", pages, ocr.page_warnings(reasons, read, request.mode), read)


def _tables(data: bytes, page_indexes: list[int]) -> dict[int, list[Table]]:
    """pdfplumber reads the layout where pypdfium2's text stream cannot: ruled tables, cell by cell."""
    import io

    import pdfplumber
    found: dict[int, list[Table]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for i in page_indexes:
            for table in pdf.pages[i].find_tables():
                rows = table.extract()
                if len(rows) < 2 or max(len(r) for r in rows) < 2:
                    continue
                x0, top, x1, bottom = table.bbox
                found.setdefault(i, []).append(Table(x0, x1, top, bottom, rows))
    return found
