"""Assemble parser output into the canonical text: one block a line, broken sentences joined."""
from __future__ import annotations

import regex

from ntm.normalize import regex_cache as rx

from . import unwrap
from .model import Block, RawBlock

# "- ", "1. ", "3.1. ", "II. ", "a) ", "iii) ": what opens a list item or a numbered section
LIST_MARKER = regex.compile(r"^(?:[-+•–*~]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[IVXLC]{1,5}\.\s|[a-zđ]\)\s|[ivx]{1,4}\)\s)")
_ENDS_OPEN = regex.compile(r"[\p{Ll},\-–(]$")
_STARTS_LOWER = regex.compile(r"^[\p{Ll}(]")
_OWN_LINE = regex.compile(r"(?i)^(?:v/v|kính\s+gửi|nơi\s+nhận)\b")
_NUMBER_LINE = regex.compile(r"(?i)^số\s*:\s*\S*\d\S*/\S+$")
_LOWER = regex.compile(r"\p{Ll}")
_UPPER = regex.compile(r"\p{Lu}")


def _upper_line(text: str) -> bool:
    r"""Capitals and no small letter (two linear scans: `^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$` backtracks on a long line)."""
    return not _LOWER.search(text) and bool(_UPPER.search(text))
LONG_PARAGRAPH = 250
# No real paragraph is this long (the longest in our corpora and the seeds is 1,258 characters); a longer run
# of text is cut at a sentence or clause boundary so that reading a paragraph stays linear in the document
MAX_BLOCK_CHARS = 4000
_BREAKS = (". ", "; ", ": ", ", ", " ")


def block_kind(text: str, hinted: str | None = None) -> str:
    if hinted in ("heading", "table_cell", "page_header", "page_footer"):
        return hinted
    if LIST_MARKER.match(text) and not rx.match(r"^\d{1,2}(?:\.\d{1,2})*[.)]\s", text):
        return "list_item"
    if rx.match(r"^(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.\s", text) and len(text) < 160:
        return "heading"
    return hinted or "paragraph"


def continues(previous: RawBlock, following: RawBlock) -> bool:
    """Was `following` cut off from `previous` by a line or page break in the middle of a sentence?"""
    if previous.kind not in ("paragraph", "list_item") or following.kind != "paragraph" or following.after_blank:
        return False
    prev, nxt = previous.text.rstrip(), following.text.lstrip()
    if not prev or not nxt or LIST_MARKER.match(nxt) or _upper_line(prev):
        return False
    if _OWN_LINE.match(nxt) or _NUMBER_LINE.match(prev):
        return False  # 'v/v ...' opens the subject, 'số: 215/vpđp-nv' is whole: in lower case no capital says so
    if not _ENDS_OPEN.search(prev[-1:]):
        return False
    if _STARTS_LOWER.match(nxt):
        return True
    # an upper-case start after an open end: a name or number broken off a list or long paragraph
    return bool(LIST_MARKER.match(prev)) or len(prev) > LONG_PARAGRAPH


def _wrapped(previous: RawBlock, following: RawBlock) -> bool:
    """The parser found `following` to be a hard-wrapped continuation (see parsers.unwrap); a table cell never is."""
    return following.wraps_previous and previous.kind != "table_cell" and following.kind != "table_cell" \
        and previous.page == following.page


def assemble(raw: list[RawBlock], join_broken: bool = True) -> tuple[str, list[Block]]:
    merged: list[RawBlock] = []
    hints: list[str | None] = []  # the parser's kind of each merged block's first line
    for item in raw:
        text = item.text.strip()
        if not text:
            continue
        hint = item.kind
        item = RawBlock(block_kind(text, hint), text, item.page, item.table, item.row, item.col, item.style,
                        item.wraps_previous, item.after_blank)
        if join_broken and merged and _wrapped(merged[-1], item):
            last = merged[-1]
            last.text = last.text + unwrap.joiner(last.text, text) + text
            last.kind = block_kind(last.text, hints[-1])
            continue
        if join_broken and merged and continues(merged[-1], item):
            last = merged[-1]
            last.text = last.text + " " + item.text
            continue
        merged.append(item)
        hints.append(hint)
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for item in _bounded(merged):
        blocks.append(Block(item.kind, offset, offset + len(item.text), item.page, item.table, item.row, item.col, item.style))
        parts.append(item.text)
        offset += len(item.text) + 1
    return "\n".join(parts), blocks


def _bounded(blocks: list[RawBlock]) -> list[RawBlock]:
    """Blocks no longer than MAX_BLOCK_CHARS: a longer one is cut after the last sentence end (else clause
    mark, else blank) in its second half; the blank at the cut gives way to the line break between blocks."""
    out: list[RawBlock] = []
    for block in blocks:
        text = block.text
        while len(text) > MAX_BLOCK_CHARS:
            window = text[:MAX_BLOCK_CHARS]
            cut = -1
            for mark in _BREAKS:
                at = window.rfind(mark, MAX_BLOCK_CHARS // 2)
                if at > 0:
                    cut = at + len(mark) - 1  # keep the mark, drop the blank
                    break
            if cut < 0:
                piece, text = text[:MAX_BLOCK_CHARS], text[MAX_BLOCK_CHARS:]
            else:
                piece, text = text[:cut].rstrip(), text[cut + 1:]
            out.append(RawBlock(block.kind, piece, block.page, block.table, block.row, block.col, block.style))
            text = text.lstrip()
        if text:
            out.append(RawBlock(block.kind, text, block.page, block.table, block.row, block.col, block.style))
    return out
