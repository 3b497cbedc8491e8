"""Word .docx files: body paragraphs and tables in order, text boxes, headers and footers."""
from __future__ import annotations

import io
import zipfile
import zlib

from docx import Document as open_docx
from docx.oxml.ns import qn

from . import legacy
from .assemble import LIST_MARKER, assemble
from .errors import CorruptFileError, TooLargeError, ZipBombError
from .model import Document, RawBlock
from .text import SIGNATURE_ZONE, side_by_side
from .textclean import clean

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_XML = 32 * 1024 * 1024  # one XML part: python-docx takes ~5 s and ~20 bytes of memory per byte of it
MAX_MEMBERS = 10_000
_CHUNK = 1 << 20


def check_zip(data: bytes) -> None:
    """Refuse a package before python-docx inflates it: every member is inflated here, in chunks, counting
    the bytes that actually come out (a header can understate them), and given up at the first byte over a
    limit: the whole package, its ratio to the file's size, or one XML part."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise CorruptFileError("not a valid .docx: the file is not a zip archive") from None
    if len(members) > MAX_MEMBERS:
        raise ZipBombError(f"refused .docx: it holds {len(members):,} parts, over the limit of {MAX_MEMBERS:,} (zip bomb?)")
    if "word/document.xml" not in archive.namelist():
        raise CorruptFileError("not a valid .docx: word/document.xml is missing")
    total = 0
    for info in members:
        if info.is_dir():
            continue
        size = 0
        try:
            with archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    _check_sizes(info.filename, size, total, len(data))
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, RuntimeError) as error:
            raise CorruptFileError(f"damaged .docx: part {info.filename} cannot be unpacked "
                                   f"({str(error).splitlines()[0][:100] if str(error) else type(error).__name__})") from None


def _check_sizes(name: str, size: int, total: int, packed: int) -> None:
    if total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / max(1, packed) > MAX_RATIO):
        raise ZipBombError(f"refused .docx: it expands to more than {total:,} bytes from {packed:,} (zip bomb?)")
    if name.endswith(".xml") and size > MAX_XML:
        raise TooLargeError(f"refused .docx: its part {name} holds more than {MAX_XML // (1024 * 1024)} MB of XML (a "
                            "report of hundreds of pages holds a few MB); reading it would take too long and too much memory")


def _paragraph_text(element) -> str:
    """Text of a w:p without the text of text boxes nested inside it."""
    parts = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:txbxContent")):
        if node.tag == qn("w:txbxContent"):
            continue
        if any(ancestor.tag == qn("w:txbxContent") for ancestor in node.iterancestors()):
            continue
        parts.append(node.text or "" if node.tag == qn("w:t") else ("\t" if node.tag == qn("w:tab") else "\n"))
    return "".join(parts)


def _style_kind(style_name: str, element) -> str:
    name = (style_name or "").lower()
    if name.startswith("heading") or name == "title":
        return "heading"
    if "list" in name or element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
        return "list_item"
    return "paragraph"


def _lines(kind: str, text: str, **where) -> list[RawBlock]:
    return [RawBlock(kind, line, **where) for line in text.split("\n") if line.strip()]


def _columns_apart(raw: list[RawBlock]) -> list[RawBlock]:
    """A paragraph laid out in two columns with tabs ('Nơi nhận:<tab><tab>KT. CHỦ TỊCH', 'Số: 96/KH-UBND<tab>Tân Yên,
    ngày ...') is two lines, as in a text export: the right one is read once the left column's run (its list
    items) ends."""
    out: list[RawBlock] = []
    pending: list[RawBlock] = []
    for index, block in enumerate(raw):
        columns = side_by_side(block.text, index >= max(len(raw) - SIGNATURE_ZONE, len(raw) // 2)) \
            if block.kind == "paragraph" and "\t" in block.text else None
        if columns or not LIST_MARKER.match(block.text.lstrip()):
            out.extend(pending)
            pending = []
        if columns:
            out.append(RawBlock(block.kind, columns[0], style=block.style))
            pending.append(RawBlock("paragraph", columns[1], style=block.style))
        else:
            out.append(block)
    return out + pending


def parse_docx(data: bytes, path: str, doc_id: str) -> Document:
    check_zip(data)
    try:
        document = open_docx(io.BytesIO(data))
    except Exception as error:  # python-docx raises several types for broken packages
        raise CorruptFileError(f"unreadable .docx: {type(error).__name__}: {str(error).splitlines()[0][:120]}") from None
    styles = {s.style_id: s.name for s in document.styles}
    raw: list[RawBlock] = []
    table_index = 0
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            style_el = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            style = styles.get(style_el.get(qn("w:val"))) if style_el is not None else None
            raw.extend(_lines(_style_kind(style, element), _paragraph_text(element), style=style))
            for box in element.iter(qn("w:txbxContent")):
                for para in box.iter(qn("w:p")):
                    raw.extend(_lines("paragraph", _paragraph_text(para), style="text box"))
        elif element.tag == qn("w:tbl"):
            raw.extend(_table_blocks(element, table_index))
            table_index += 1
    for section in document.sections:
        for part, kind in ((section.header, "page_header"), (section.footer, "page_footer")):
            if part.is_linked_to_previous:
                continue
            for para in part.paragraphs:
                raw.extend(_lines(kind, para.text))
    raw = _columns_apart(raw)
    texts = "\n".join(b.text for b in raw)
    repaired, encoding = legacy.repair_legacy_text(texts)
    if encoding:
        for block in raw:
            block.text = legacy.decode_as(block.text, encoding)
    for block in raw:
        block.text = clean(block.text)
    canonical, blocks = assemble(raw)
    return Document(doc_id, path, "docx", 1, canonical, blocks, encoding)


def _table_blocks(table, table_index: int) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    for row_index, row in enumerate(table.iter(qn("w:tr"))):
        for col_index, cell in enumerate(row.iter(qn("w:tc"))):
            paragraphs = [_paragraph_text(p) for p in cell.iter(qn("w:p"))]
            for text in paragraphs:
                blocks.extend(_lines("table_cell", text, table=table_index, row=row_index, col=col_index))
    return blocks
