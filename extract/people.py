"""People named in a document (officials, signers): after 'ông', 'bà', 'đồng chí', and, in blocks that name
an office, whatever underthesea's NER tags as a person. Their spellings feed the name-variant check."""
from __future__ import annotations

from functools import lru_cache

import regex

from ntm.normalize.register import load_register
from ntm.normalize.vntext import placement_key
from ntm.parsers.model import Document

from . import cues
from .names import NAME, PERSON_RE
from .prefilter import Openings, finditer_at, finditer_words

_CUED = regex.compile(rf"(?<![\p{{L}}])(?:ông|bà|đồng chí|đ/c)\s+(?P<name>{NAME})", regex.IGNORECASE)
_CUED_OPENINGS = Openings.of_pattern(_CUED.pattern)  # what _CUED's matches open with
_OFFICE = cues.word_pattern("person_cues")  # whole words: "bà" is not inside "bàn", "ông" not inside "nông"
_OFFICE_WORDS = Openings(cues.words("person_cues"))  # what each match of _OFFICE opens with
_OFFICE_WORD = r"(?:Ủy|Uỷ|Sở|Phòng|Ban|Văn|Chủ|Phó|Giám|Trưởng)\b"
_CANDIDATE = regex.compile(rf"(?<![\p{{L}}])(?!{_OFFICE_WORD}){NAME}")
_TITLE = regex.compile(_OFFICE_WORD)
WINDOW = 80
MAX_NER_WINDOWS = 12  # NER costs ~0.1 s a window: officials are named near their office, a few times a document


@lru_cache(maxsize=1)
def _ner():
    try:
        from underthesea import ner
    except ImportError:  # the grammar above still finds cued names
        return None
    return ner


def warm_up() -> None:
    """Load the NER model now (its first call reads it from disk), so that forked workers share it."""
    tagger = _ner()
    if tagger is not None:
        tagger("Ông Nguyễn Văn An")


def _ner_people(text: str, offset: int) -> list[tuple[str, int, int]]:
    tagger = _ner()
    if tagger is None:
        return []
    found, current, position = [], [], 0
    for token, _, _, tag in tagger(text):
        at = text.find(token, position)
        if at < 0:
            continue
        position = at + len(token)
        if tag == "B-PER" or (tag == "I-PER" and current):
            current.append((at, position))
        elif current:
            found.append(current)
            current = []
        if tag == "B-PER" and len(current) > 1:
            found.append(current[:-1])
            current = current[-1:]
    if current:
        found.append(current)
    out = []
    for spans in found:
        start, end = spans[0][0], spans[-1][1]
        name = text[start:end]
        if PERSON_RE.match(name):
            out.append((name, offset + start, offset + end))
    return out


def _names_a_commune(name: str) -> bool:
    return placement_key(name) in load_register().by_placement["commune"]


def _could_name_someone(text: str, start: int, end: int, named: dict[tuple[int, int], str]) -> bool:
    """A window is worth the NER only where a capitalised name of two syllables or more stands that is neither a
    person the cues already name nor a place of the register: the tagger finds nothing the grammar does not there.
    A name the window's end cuts is read whole ('xã Phú C|ường' is the commune Phú Cường, not a name 'Phú C')."""
    for m in _CANDIDATE.finditer(text, start):
        if m.start() >= end:
            break
        name = m.group(0)
        if not PERSON_RE.match(name) or any(a < m.end() and m.start() < b for a, b in named):
            continue
        if not any(placement_key(name) in load_register().by_placement[level] for level in _PLACE_LEVELS):
            return True
    return False


_PLACE_LEVELS = ("commune", "district", "province")


def people(document: Document, signer: str | None) -> list[tuple[str, int, int]]:
    text = document.text
    found = {(m.start("name"), m.end("name")): m.group("name")
             for m in finditer_at(_CUED, text, _CUED_OPENINGS.positions(text))}
    windows = []
    for m in finditer_words(_OFFICE, text, _OFFICE_WORDS):
        start, end = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
        start = text.rfind("\n", 0, m.start()) + 1 if text.rfind("\n", start, m.start()) >= 0 else start
        newline = text.find("\n", m.end(), end)
        end = newline if newline >= 0 else end
        if _could_name_someone(text, start, end, found) and not (windows and start < windows[-1][1]):
            windows.append((start, end))
    for start, end in windows[:MAX_NER_WINDOWS]:
        for name, s, e in _ner_people(text[start:end], start):
            if _TITLE.match(name) or _names_a_commune(name):
                continue  # NER reads "Phó Trưởng Ban" and a commune beside an office as people
            if not any(a <= s < b for a, b in found):
                found[(s, e)] = name
    out = [(name, start, end) for (start, end), name in sorted(found.items())]
    if signer:
        at = text.rfind(signer)
        out.append((signer, at, at + len(signer)))
    return out
