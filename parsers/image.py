"""Image files (.png, .jpg, .tif, multi-page .tif): every frame a page, read by OCR."""
from __future__ import annotations

import io

from . import ocr
from .errors import CorruptFileError, MissingToolError
from .layout import page_lines
from .pages import PagedDocument, PageLines, finish

DEFAULT_DPI = 300  # an image that does not say its resolution is taken as a 300 dpi scan
MAX_PIXELS = 100_000_000  # a page larger than this is no scan (decompression-bomb guard)


def open_image(data: bytes):
    """The image and its page count; one-line CorruptFileError for anything Pillow cannot decode."""
    from PIL import Image, UnidentifiedImageError
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        detail = str(error).splitlines()[0][:100] if str(error) else type(error).__name__
        raise CorruptFileError(f"corrupt or unreadable image ({detail})") from None
    return image, getattr(image, "n_frames", 1)


def frame(image, index: int) -> tuple[object, int]:
    """Page `index` (0-based) of an open image, and its resolution in dpi."""
    image.seek(index)
    dpi = image.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))[0] or DEFAULT_DPI
    return image.copy(), int(round(float(dpi)))


def parse_image(data: bytes, path: str, doc_id: str, fmt: str, request: ocr.OcrRequest | None = None) -> PagedDocument:
    request = request or ocr.OcrRequest()
    image, page_count = open_image(data)
    if request.mode == "off":
        raise MissingToolError("an image can only be read by OCR, and OCR is off (--ocr off)")
    read = ocr.read_pages(request, list(range(page_count)), lambda i: frame(image, i))
    pages = [PageLines(i + 1, page_lines(read.pages[i].words), "ocr", read.pages[i].tables) if i in read.pages
             else PageLines(i + 1, [], "none") for i in range(page_count)]
    reasons = {i: "is an image" for i in range(page_count)}
    return finish(doc_id, path, fmt, pages, ocr.page_warnings(reasons, read, request.mode), read)
