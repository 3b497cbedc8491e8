"""Read any report file into one text model (`parsers.model.Document`)."""
from __future__ import annotations

from pathlib import Path

from .errors import EmptyFileError, ParseError, TooLargeError, UnsupportedFormatError
from .model import Document, content_hash

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
FORMATS = {".txt": "txt", ".md": "md", ".docx": "docx", ".doc": "doc", ".pdf": "pdf"}


def supported(path: Path) -> bool:
    return path.suffix.lower() in FORMATS


def parse_bytes(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UnsupportedFormatError(f"unsupported file type {suffix or '(none)'}")
    if not data.strip():
        raise EmptyFileError("empty file")
    if len(data) > max_bytes:
        raise TooLargeError(f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
    doc_id = content_hash(data)
    kind = FORMATS[suffix]
    if kind in ("txt", "md"):
        from .text import parse_text
        return parse_text(data, path, doc_id)
    if kind == "docx":
        from .docx import parse_docx
        return parse_docx(data, path, doc_id)
    if kind == "doc":
        from .doc import parse_doc
        return parse_doc(data, path, doc_id)
    from .pdf import parse_pdf
    return parse_pdf(data, path, doc_id)


def parse_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLargeError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
    return parse_bytes(path.read_bytes(), str(path), max_bytes)


__all__ = ["Document", "ParseError", "parse_bytes", "parse_file", "supported", "FORMATS"]
