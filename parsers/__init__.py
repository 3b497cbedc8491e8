"""Read any report file into one text model (`parsers.model.Document`)."""
from __future__ import annotations

from pathlib import Path

from .errors import EmptyFileError, ParseError, TooLargeError, UnsupportedFormatError
from .model import Document, content_hash
from .ocr import MODES as OCR_MODES
from .ocr import OcrPage, OcrPending, OcrRequest

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 3_000_000  # about a thousand pages: more is no report, and reading it would outlast the time limit
FORMATS = {".txt": "txt", ".md": "md", ".docx": "docx", ".doc": "doc", ".pdf": "pdf",
           ".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".tif": "tif", ".tiff": "tif"}
IMAGE_FORMATS = ("png", "jpg", "tif")


def supported(path: Path, ocr_mode: str = "auto") -> bool:
    """A report format this reader takes; images only when OCR is not turned off."""
    kind = FORMATS.get(path.suffix.lower())
    return kind is not None and (ocr_mode != "off" or kind not in IMAGE_FORMATS)


def parse_bytes(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES, ocr: OcrRequest | None = None) -> Document:
    """`ocr` says whether and how pages without a usable text layer, and images, are OCR'd (default: auto)."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UnsupportedFormatError(f"unsupported file type {suffix or '(none)'}")
    if not data.strip():
        raise EmptyFileError("empty file")
    if len(data) > max_bytes:
        raise TooLargeError(f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
    doc_id = content_hash(data)
    kind = FORMATS[suffix]
    if kind in ("txt", "md") and len(data) > 4 * MAX_TEXT_CHARS:  # no encoding spends more than 4 bytes a character
        raise TooLargeError(_text_too_long(f"over {len(data) // 4:,}"))
    return _bounded(_parse(kind, data, path, doc_id, ocr))


def _text_too_long(count: str) -> str:
    return (f"the document's text is {count} characters, over the limit of {MAX_TEXT_CHARS:,} for one document "
            "(about a thousand pages)")


def _bounded(document: Document) -> Document:
    if len(document.text) > MAX_TEXT_CHARS:
        raise TooLargeError(_text_too_long(f"{len(document.text):,}"))
    return document


def _parse(kind: str, data: bytes, path: str, doc_id: str, ocr: OcrRequest | None) -> Document:
    if kind in ("txt", "md"):
        from .text import parse_text
        return parse_text(data, path, doc_id)
    if kind == "docx":
        from .docx import parse_docx
        return parse_docx(data, path, doc_id)
    if kind == "doc":
        from .doc import parse_doc
        return parse_doc(data, path, doc_id)
    if kind in IMAGE_FORMATS:
        from .image import parse_image
        return parse_image(data, path, doc_id, kind, ocr)
    from .pdf import parse_pdf
    return parse_pdf(data, path, doc_id, ocr)


def parse_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, ocr: OcrRequest | None = None) -> Document:
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLargeError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
    return parse_bytes(path.read_bytes(), str(path), max_bytes, ocr)


def read_page(path: str | Path, index: int, lang: str) -> OcrPage:
    """OCR page `index` (0-based) of a PDF or image file: one job of the pipeline's process pool."""
    from .ocr import read_image
    data = Path(path).read_bytes()
    if FORMATS.get(Path(path).suffix.lower()) == "pdf":
        import pypdfium2 as pdfium

        from .ocr import render_pdf_page, settings
        dpi = settings()["tesseract"]["dpi"]
        pdf = pdfium.PdfDocument(data)
        try:
            image = render_pdf_page(pdf[index], dpi)
        finally:
            pdf.close()
    else:
        from .image import frame, open_image
        image, dpi = frame(open_image(data)[0], index)
    return read_image(image, lang, dpi)


__all__ = ["Document", "ParseError", "parse_bytes", "parse_file", "read_page", "supported", "FORMATS", "OCR_MODES",
           "OcrPage", "OcrPending", "OcrRequest"]
