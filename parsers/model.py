"""The one text model every parser produces and every later stage points into."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

BLOCK_KINDS = ("heading", "paragraph", "list_item", "table_cell", "page_header", "page_footer")


@dataclass
class Block:
    kind: str
    start: int
    end: int
    page: int
    table: int | None = None
    row: int | None = None
    col: int | None = None
    style: str | None = None


NOISY_REPAIRS = 2  # closed-vocabulary repairs from which a document reads as OCR'd or garbled
OCR_TRUSTED = 0.9  # mean OCR word confidence (0..1) from which a reading is taken as the writer's


@dataclass
class Document:
    doc_id: str
    source_path: str
    format: str
    pages: int
    text: str
    blocks: list[Block]
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    vocabulary_repairs: int = 0  # closed-vocabulary words read through a wrong mark or digit (parsers.vocabulary)
    # letters the reading got wrong the same way at two or more places of the closed vocabulary, as (read, right)
    # pairs in lower case: a systematic misreading, not scattered noise
    misread_letters: frozenset[tuple[str, str]] = frozenset()
    misreading_rate: float = 0.0  # share of the closed vocabulary's phrases read through a wrong mark

    def __post_init__(self):
        # Every format's text reads the programme's closed vocabulary through small errors of marks and digits
        # ("tiêu chỉ", "U8ND"); repairs keep the length, so the blocks' offsets hold.
        from .vocabulary import describe, read
        reading = read(self.text)
        self.text, repairs = reading.text, reading.repairs
        self.vocabulary_repairs = len(repairs)
        self.misreading_rate = reading.misreading_rate
        letters = Counter((w, r) for rep in repairs if len(rep.written) == len(rep.read_as)
                          for w, r in zip(rep.written.lower(), rep.read_as.lower()) if w != r)
        self.misread_letters = frozenset(pair for pair, n in letters.items() if n >= 2)
        if repairs:
            self.warnings.append(describe(repairs))

    @property
    def reads_noisy(self) -> bool:
        """So garbled that the programme's own words needed repair, or OCR'd: a list may have lost an item (a line
        of a table cell, a wrapped name) and a number a digit to the reading, not to the writer."""
        return self.vocabulary_repairs >= NOISY_REPAIRS or bool(getattr(self, "ocr_pages", None))

    def reads_doubtfully(self, start: int, end: int) -> bool:
        """Is the text at [start, end) a doubtful reading? OCR'd text by its own confidence there (a clean scan
        reads a writer's typo faithfully), other text by how garbled the whole document reads."""
        confidence = self.ocr_confidence_at(start, end)
        if confidence is not None:
            return confidence < OCR_TRUSTED
        return self.vocabulary_repairs >= NOISY_REPAIRS

    def misreads_consistently(self, written: str, right: str) -> bool:
        """Does this reading turn a letter of `right` into that of `written` in its own vocabulary too? Then the
        same second spelling at several places may be one systematic misreading, not the writer's."""
        if len(written) != len(right):
            return False
        return any((w, r) in self.misread_letters for w, r in zip(written.lower(), right.lower()) if w != r)

    def ocr_confidence_at(self, start: int, end: int) -> float | None:
        """Mean OCR word confidence of [start, end); None for text that was not OCR'd."""
        confidence_of = getattr(self, "confidence_of", None)
        return confidence_of(start, end) if confidence_of else None

    def block_text(self, block: Block) -> str:
        return self.text[block.start:block.end]

    def page_at(self, offset: int) -> int:
        """Page of the block that holds `offset` (blocks are in reading order)."""
        lo, hi = 0, len(self.blocks) - 1
        page = 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.blocks[mid].start <= offset:
                page = self.blocks[mid].page
                lo = mid + 1
            else:
                hi = mid - 1
        return page


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class RawBlock:
    """A block as a parser reads it, before the canonical text is assembled."""
    kind: str
    text: str
    page: int = 1
    table: int | None = None
    row: int | None = None
    col: int | None = None
    style: str | None = None
    wraps_previous: bool = False  # a hard-wrapped line: the continuation of the line before (parsers.unwrap)
    after_blank: bool = False  # a line after a blank one in a text that marks paragraphs so: a sentence starts
