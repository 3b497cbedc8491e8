"""PDF: the text layer read with pypdfium2 (fast), pages without a usable layer read by OCR; one layout for both."""
from __future__ import annotations

import ctypes
import threading
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
        handle = textpage.raw  # pdfium's own handle: the helper object hands it over through a Python property per call
        rects = _rects(textpage, handle)
        texts = _rect_texts(textpage, handle, rects) or [textpage.get_text_bounded(*rect) for rect in rects]
        boxes = []
        for (left, bottom, right, top), raw_text in zip(rects, texts):
            text = clean_box_text(raw_text)
            if text:
                boxes.append(Box(text, left, height - top, right, height - bottom))
    finally:
        textpage.close()
    return boxes


def _rect_texts(textpage, handle, rects: list[tuple[float, float, float, float]]) -> list[str] | None:
    """Each rectangle's text cut from the page's text in one call, instead of asking pdfium for each rectangle
    (a search of the whole page each time). pdfium lays rectangles out in character order, so a rectangle runs
    from its first character to the next one's; None when the page does not bear that out (overlaid or
    out-of-order text), and the caller asks rectangle by rectangle."""
    count = textpage.count_chars()
    full = textpage.get_text_range(0, count).replace("\ufffe", "\x02")  # the soft hyphen as bounded text writes it
    if len(full) != count:
        return None
    starts = _line_starts(handle, full, rects) or _starts_at_left_edges(handle, rects)
    if starts is None:
        return None
    texts = []
    for k, rect in enumerate(rects):
        piece = full[starts[k]:starts[k + 1] if k + 1 < len(starts) else count]
        last = starts[k] + len(piece.rstrip())
        if last > starts[k] and not _inside(handle, last - 1, rect):
            return None  # characters that belong to no rectangle follow this one
        if starts[k] > 0 and full[starts[k] - 1].strip() and _inside(handle, starts[k] - 1, rect):
            return None  # the rectangle begins before the character found at its left edge
        texts.append(piece)
    return texts


def _line_starts(handle, full: str, rects) -> list[int] | None:
    """Where each rectangle begins when every rectangle is one line of the text (the common page): after each line
    break pdfium writes, each start checked against its rectangle's box."""
    starts = [0] + [i + 2 for i in _all(full, "\r\n")]
    if len(starts) != len(rects) or not all(_inside(handle, at, rect) for at, rect in zip(starts, rects)):
        return None
    return starts


def _starts_at_left_edges(handle, rects) -> list[int] | None:
    """Where each rectangle begins: the character pdfium finds at its left edge (a search of the page each)."""
    starts = []
    for left, bottom, right, top in rects:
        at = pdfium_c.FPDFText_GetCharIndexAtPos(handle, left + 0.5, (top + bottom) / 2, 1.0, (top - bottom) / 2)
        if at < 0 or (starts and at <= starts[-1]) or not _inside(handle, at, (left, bottom, right, top)):
            return None
        starts.append(at)
    return starts


def _all(text: str, piece: str):
    at = text.find(piece)
    while at >= 0:
        yield at
        at = text.find(piece, at + len(piece))


class _Handle(ctypes.c_void_p):
    """A pdfium handle as a call returns it: a subclass, so that ctypes hands it back as it is, not as an int."""


def _unchecked(function, restype=ctypes.c_int):
    """pdfium's `function` called without ctypes converting each argument by its declared type (the callers pass
    what it takes: handles as pdfium gave them, ints, and doubles by reference): a call costs half as much, and a
    page makes some two hundred of them."""
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value)


_GET_RECT = _unchecked(pdfium_c.FPDFText_GetRect)
_GET_CHAR_BOX = _unchecked(pdfium_c.FPDFText_GetCharBox)
_GET_OBJECT = _unchecked(pdfium_c.FPDFPage_GetObject, _Handle)
_GET_TYPE = _unchecked(pdfium_c.FPDFPageObj_GetType)
_GET_BOUNDS = _unchecked(pdfium_c.FPDFPageObj_GetBounds)

_BOXES = threading.local()


def _box() -> tuple[tuple[ctypes.c_double, ...], tuple]:
    """Four doubles pdfium writes its answers into, and references to them, made once for each thread rather than
    for every call."""
    box = getattr(_BOXES, "box", None)
    if box is None:
        doubles = tuple(ctypes.c_double() for _ in range(4))
        box = _BOXES.box = (doubles, tuple(ctypes.byref(d) for d in doubles))
    return box


def _rects(textpage, handle) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every text rectangle, as textpage.get_rect gives them."""
    (left, top, right, bottom), references = _box()
    rects = []
    for i in range(textpage.count_rects()):
        if not _GET_RECT(handle, i, *references):
            raise pdfium.PdfiumError("Failed to get rectangle.")
        rects.append((left.value, bottom.value, right.value, top.value))
    return rects


def _inside(handle, index: int, rect: tuple[float, float, float, float], slack: float = 1.0) -> bool:
    left, bottom, right, top = rect
    (x0, x1, y0, y1), references = _box()  # pdfium writes left, right, bottom, top
    if not _GET_CHAR_BOX(handle, index, *references):
        return False
    return (x0.value >= left - slack and x1.value <= right + slack and y0.value >= bottom - slack
            and y1.value <= top + slack)


@dataclass
class _PageObjects:
    ruled: bool  # enough path objects to hold a ruled table
    scanned: bool  # a page-sized image: a scan, whatever text layer lies over it


def _objects(page) -> _PageObjects:
    paths = 0
    scanned = False
    page_area = page.get_width() * page.get_height()
    bounds = [ctypes.c_float() for _ in range(4)]
    handle = page.raw  # not the helper object: it hands the handle over through a Python property per call
    for index in range(pdfium_c.FPDFPage_CountObjects(handle)):  # pdfium's own calls: no wrapper object per text run
        obj = _GET_OBJECT(handle, index)
        kind = _GET_TYPE(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE and not scanned and \
                _GET_BOUNDS(obj, *(ctypes.byref(b) for b in bounds)):
            left, bottom, right, top = (b.value for b in bounds)
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
        layers, objects = [], []
        for i in range(len(pdf)):
            page = pdf[i]  # loaded once for its text and its objects
            layers.append(_layer_boxes(page))
            objects.append(_objects(page))
            page.close()
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
