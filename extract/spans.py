"""Evidence spans: the sentence or list item around an offset, and the clause a statement sits in."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ntm.normalize.fast_pattern import FastPattern
from ntm.parsers.model import Block, Document

_SENTENCE_END = FastPattern(r"(?=\s|$)(?:(?<=[.!?;])\s+(?=[\p{Lu}\d\-+(“\"])|(?<=\.)\s*$)")  # by re: three times faster
_SENTENCE_MARK = re.compile(r"[.!?;]")  # every break opens right after one: it is tried only there


class SpanIndex:
    """[start, end) spans, asked whether any overlaps a range or holds a position: by bisection over their starts
    and the furthest end that the spans up to each reach (they may overlap or nest), not a pass over all of them."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.reach: list[int] = []  # reach[i]: the furthest end of spans 0..i
        for start, end in sorted(spans):
            self.starts.append(start)
            self.ends.append(end)
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)  # the spans that start before `end`
        return before > 0 and self.reach[before - 1] > start

    def holds(self, position: int) -> bool:
        before = bisect.bisect_right(self.starts, position)
        return before > 0 and self.reach[before - 1] > position

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)
        self.reach.insert(at, end)
        for i in range(at, len(self.reach)):  # the reach from here on, with the new span counted
            self.reach[i] = max(self.ends[i], self.reach[i - 1]) if i else self.ends[i]


def block_at(document: Document, offset: int) -> Block:
    lo, hi, found = 0, len(document.blocks) - 1, document.blocks[0]
    while lo <= hi:
        mid = (lo + hi) // 2
        if document.blocks[mid].start <= offset:
            found = document.blocks[mid]
            lo = mid + 1
        else:
            hi = mid - 1
    return found


def sentence_bounds(document: Document, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence (within its block) that holds [start, end); a list item is one sentence."""
    return _bounds_in(document, block_at(document, start), start, start if end is None else end)


def _bounds_in(document: Document, block: Block, start: int, end: int) -> tuple[int, int]:
    """sentence_bounds, the block that holds `start` already found."""
    length = min(block.end, len(document.text)) - block.start  # the block's text, not copied out to be measured
    if block.kind == "list_item" or length < 300:
        return block.start, max(block.end, min(end, len(document.text)))
    starts, ends = _sentence_breaks(document.text, block.start, block.end)
    first, last = start - block.start, end - block.start
    before = bisect.bisect_right(starts, first)
    s = ends[before - 1] if before else 0
    after = bisect.bisect_right(starts, first) if last == first else bisect.bisect_left(starts, last)
    e = starts[after] if after < len(starts) else length
    return block.start + s, block.start + e


@lru_cache(maxsize=4096)
def _sentence_breaks(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Where the sentences of one block part (start and end of each break, relative to the block): read once a
    block, not once a fact, so a long paragraph with many facts costs its length once."""
    part = text[start:end]
    engine = _SENTENCE_END.engine(part)
    starts: list[int] = []
    ends: list[int] = []
    for mark in _SENTENCE_MARK.finditer(part):  # (a break ends in whitespace, so the next mark is past it)
        found = engine.match(part, mark.end())
        if found is not None:
            starts.append(found.start())
            ends.append(found.end())
    return starts, ends


def sentence_start(text: str, position: int) -> int:
    """After the last line break, '. ' or ';' before `position`. The search stops at the line break, so a long text
    without ';' is not read back to its start for every date or value."""
    line = text.rfind("\n", 0, position)
    return max(line, text.rfind(". ", line + 1, position), text.rfind(";", line + 1, position)) + 1


def sentence_end(text: str, position: int) -> int:
    """The first line break, '. ' or ';' from `position` on (the end of the text without one)."""
    line = text.find("\n", position)
    line = len(text) if line < 0 else line
    ends = [i for i in (text.find(". ", position, line), text.find(";", position, line)) if i >= 0]
    return min(ends + [line])


def evidence(document: Document, start: int, end: int) -> dict:
    block = block_at(document, start)
    s, e = _bounds_in(document, block, start, end)
    return {"doc_id": document.doc_id, "start": start, "end": end, "page": block.page,
            "evidence": document.text[s:e].strip()}


def clause_context(text: str, position: int, floor: int = 0, ceiling: int | None = None) -> str:
    """The clause around `position` (bounded by ';', '.', or the block), and, when the position is inside
    parentheses, also the clause that the parenthesis qualifies: '02 xã đạt NTM nâng cao (xã A đạt 9/19 ...)'."""
    ceiling = len(text) if ceiling is None else ceiling
    parts = []
    depth, i = 0, position - 1
    clause_start = floor
    while i >= floor:
        i = _last_mark(text, floor, i)  # the characters between say nothing of the clause: passed over in one step
        if i < floor:
            break
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth:
                depth -= 1
            else:
                parts.append((i + 1, position))
                position = i
        elif ch in ";." and depth == 0 and (ch == ";" or text[i + 1:i + 2].isspace()):
            # a boundary inside a group only ends the group's own clause: jump to the group start
            enclosing = _enclosing_open(text, i, floor)
            if enclosing is None:
                clause_start = i + 1
                break
            parts.append((i + 1, position))
            position = enclosing
            i = enclosing
            continue
        i -= 1
    parts.append((clause_start, position))
    return " ".join(text[s:e] for s, e in reversed(parts))


def _last_mark(text: str, floor: int, index: int) -> int:
    """The last bracket, ';' or '.' in text[floor:index + 1] (floor - 1 when there is none)."""
    found = max(text.rfind("(", floor, index + 1), text.rfind(")", floor, index + 1), text.rfind(";", floor, index + 1),
                text.rfind(".", floor, index + 1))
    return found if found >= 0 else floor - 1


def _enclosing_open(text: str, index: int, floor: int) -> int | None:
    """The unclosed '(' before `index`, jumping from bracket to bracket (a scan character by character made
    a long paragraph quadratic)."""
    depth, j = 0, index
    while True:
        opening, closing = text.rfind("(", floor, j), text.rfind(")", floor, j)
        if closing > opening:
            depth, j = depth + 1, closing
        elif opening < 0:
            return None
        elif depth == 0:
            return opening
        else:
            depth, j = depth - 1, opening
