"""Section scope: numbered headings ('3.1. Xã phấn đấu đạt chuẩn NTM kiểu mẫu (xã Đồng Ý)') name the unit,
criteria level and status that the statements under them are about."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.caseless import CaselessPattern, lower_case_reading, reads_alike
from ntm.normalize.vntext import spaced_lower
from ntm.parsers.model import Document

from . import cues
from .prefilter import Openings, finditer_at
from .units import Mention

_NUMBERING = (
    (regex.compile(r"^[IVXLC]{1,5}\.\s"), 1),
    (regex.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s"), 4),
    (regex.compile(r"^\d{1,2}\.\d{1,2}\.?\s"), 3),
    (regex.compile(r"^\d{1,2}[.)/]\s"), 2),
    (regex.compile(r"^[a-zđ][.)]\s"), 5),
)
_STATUS = CaselessPattern(cues.alternation(phrase.lower() for phrase in cues.mapping("status_cues")))
_STATUS_OPENINGS = Openings(phrase.lower() for phrase in cues.mapping("status_cues"))  # every match opens with one
_STATUS_FIRST_LETTERS = frozenset(word[0] for word in _STATUS_OPENINGS.words)
_LEVELS = [(regex.compile(pattern, regex.IGNORECASE), level) for pattern, level in cues.table("level_cues")]
STATUS_OF = {k.lower(): v for k, v in cues.mapping("status_cues").items()}


@lru_cache(maxsize=8192)  # a document's blocks are read again each time its units are (two or three times)
def numbering_depth(text: str) -> int | None:
    for pattern, depth in _NUMBERING:
        if pattern.match(text):
            return depth
    return None


_COORDINATED = regex.compile(  # "xã nông thôn mới, xã nông thôn mới nâng cao": both sets named side by side
    r"(?i)(?:nông\s+thôn\s+mới|NTM)\s*(?:,|và|hoặc|/)\s*(?:xã\s+)?(?:nông\s+thôn\s+mới|NTM)\s+(?:nâng\s+cao|kiểu\s+mẫu)")


def document_level(subject: str) -> str:
    """The set a whole document is about, from its subject line; the plain set when the line names several
    ('... tiêu chí xã NTM, xã NTM nâng cao và thôn NTM kiểu mẫu')."""
    text = _COORDINATED.sub(" ", subject)
    named = {level for pattern, level in _LEVELS if pattern.search(text)}
    return named.pop() if len(named) == 1 else "ntm"


@lru_cache(maxsize=4096)  # a section's heading and a statement's clause are read again by several statements
def level_in(text: str) -> str | None:
    """The criteria level named in `text`, the occurrence nearest its end winning; none when the text names
    the plain and the advanced set side by side."""
    text = _COORDINATED.sub(" ", text)
    best = None
    for pattern, level in _LEVELS:
        for m in pattern.finditer(text):
            if best is None or m.end() > best[0]:
                best = (m.end(), level)
    return best[1] if best else None


@lru_cache(maxsize=4096)
def status_in(text: str) -> str | None:
    found = list(_STATUS.finditer(text))
    return STATUS_OF[spaced_lower(found[-1].group(0))] if found else None


@lru_cache(maxsize=4096)
def first_status_in(text: str) -> str | None:
    found = _STATUS.search(text)
    return STATUS_OF[spaced_lower(found.group(0))] if found else None


def status_opening(text: str):
    """(match, status) of the status phrase `text` opens with, or None: the first of status_matches when it
    stands at the start (a scan's first match is the one at the start when there is one)."""
    first = text[:1]
    if not first or first.lower() not in _STATUS_FIRST_LETTERS and reads_alike(first):
        return None  # no phrase opens with this letter (in either engine's reading: see normalize.caseless)
    m = _STATUS.match(text)
    return (m, STATUS_OF[spaced_lower(m.group(0))]) if m else None


def status_matches(text: str):
    return iter(_status_matches(text))


def status_matches_in(text: str, start: int, end: int) -> tuple:
    """status_matches(text[start:end]) for a block of a document: the phrases tried only where their first words
    stand in the document (found once for all its blocks), each match read on the block's own text as before."""
    low = lower_case_reading(text)
    if low is None:
        return _status_matches(text[start:end])
    return _status_matches_at(low[start:end], _block_openings(text, start, end))


def _block_openings(text: str, start: int, end: int) -> tuple[int, ...]:
    """Where the status phrases' first words stand in text[start:end], counted from `start`."""
    positions = _STATUS_OPENINGS.positions(text)
    return tuple(at - start for at in positions[bisect_left(positions, start):bisect_left(positions, end)])


@lru_cache(maxsize=4096)
def _status_matches_at(low_block: str, openings: tuple[int, ...]) -> tuple:
    return tuple((m, STATUS_OF[spaced_lower(m.group(0))]) for m in finditer_at(_STATUS.fast, low_block, openings))


@lru_cache(maxsize=4096)
def _status_matches(text: str) -> tuple:
    return tuple((m, STATUS_OF[spaced_lower(m.group(0))]) for m in _STATUS.finditer(text))


@dataclass
class Scope:
    depth: int
    start: int
    end: int
    units: list[Mention]
    level: str | None
    status: str | None


def block_scopes(document: Document, mentions: list[Mention]) -> list[list[Scope]]:
    """For each block, the numbered sections it sits in (outermost first), the block itself included."""
    stack: list[Scope] = []
    per_block: list[list[Scope]] = []
    by_start = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in by_start]
    for block in document.blocks:
        text = document.text[block.start:block.end]
        depth = numbering_depth(text) if block.kind != "table_cell" else None
        if depth is None and block.kind == "heading" and len(text) < 120 and text.isupper():
            depth = 1
        if depth is not None:
            while stack and stack[-1].depth >= depth:
                stack.pop()
            inside = by_start[bisect_left(starts, block.start):bisect_left(starts, block.end)]
            units = [m for m in inside if m.level in ("commune", "village")]
            numbering = rx.match(r"^(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)/]?\s*", text)
            body = text[numbering.end():] if numbering else text
            head = rx.split(r"(?<=[.:])\s+(?=\p{Lu})", body, maxsplit=1)[0]  # a numbered paragraph's heading is its first sentence
            stack.append(Scope(depth, block.start, block.end, units, level_in(head), status_in(head)))
        per_block.append(list(stack))
    return per_block


def scope_unit(scopes: list[Scope]) -> Mention | None:
    """The unit the innermost section that names exactly one unit is about."""
    for scope in reversed(scopes):
        names = {m.raw for m in scope.units}
        if len(names) == 1:
            return scope.units[0]
        if len(names) > 1:
            return None
    return None


def scope_level(scopes: list[Scope]) -> str | None:
    for scope in reversed(scopes):
        if scope.level:
            return scope.level
    return None
