"""Plain text and markdown files, in any of the encodings Vietnamese archives hold."""
from __future__ import annotations

from . import legacy
from .assemble import assemble
from .errors import BinaryContentError, UnknownEncodingError
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


def parse_text(data: bytes, path: str, doc_id: str, markdown: bool = True) -> Document:
    text, encoding = decode(data)
    raw: list[RawBlock] = []
    for line in clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if markdown:
            line, is_heading = strip_markdown(line)
        else:
            line, is_heading = line.strip(), False
        if line:
            raw.append(RawBlock("heading" if is_heading else "paragraph", line))
    canonical, blocks = assemble(raw)
    return Document(doc_id, path, "txt" if not path.endswith(".md") else "md", 1, canonical, blocks, encoding)
