"""The communes of the area a document is about, found at a place in the text through the register rather than
through capital letters: "Vinh quý", "ĐứcQuang", "Đồnng Loan" or "vĩnh quý" in a list are the communes they
name once the document's district is known. Matching keeps the resolver's discipline (normalize.units.match_name):
exact and case/tone-placement/spacing matches first, at any length; one wrong mark or letter only for a name of two
syllables or more that is written with a capital; a name two communes fit equally is not taken."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.fast_pattern import FastPattern
from ntm.normalize.register import Unit, load_register
from ntm.normalize.units import Area, match_name

MAX_SYLLABLES = 4
_WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)?(?:\d{1,2}(?!\d))?|(?<=\s)\d{1,2}(?![\d/]|[.,]\d)")  # "Gia Tân 2", "Gia Tân2"
_WORD_GAP = regex.compile(r"[ \t]*\n[ \t]*(?=\p{Lu})|[ \t]?-?[ \t]?")  # a name may go on past a line break


_UNSEEN = object()


@dataclass
class AreaNames:
    pool: list[Unit]
    province_names: frozenset[str] = frozenset()  # the document's province when no district of it is known yet

    @classmethod
    def of(cls, area: Area) -> AreaNames | None:
        """The communes of the document's districts; with only its province known, no communes but the province,
        within which a district written in lower case can be read ('ubnd tỉnh thanh hóa' ... 'huyện triệu sơn')."""
        districts = ([area.district] if area.district else []) + [d for d in area.districts if d != area.district]
        if not districts:
            return cls([], frozenset({area.province.name})) if area.province else None
        register = load_register()
        return cls([u for d in districts for u in register.communes_of[d.code]])

    def __bool__(self) -> bool:
        return bool(self.pool)  # communes to read through; a province alone reads districts only

    def name_at(self, text: str, pos: int) -> tuple[str, int] | None:
        """(raw, end) of the commune written at `pos`, or None."""
        spans = _spans(text, pos)
        raws = tuple(raw for raw, _ in spans)
        choice = self._choices.get(raws, _UNSEEN)
        if choice is _UNSEEN:  # a report names its communes again and again: the same words, the same choice
            choice = self._choices[raws] = self._choose(raws)
        return None if choice is None else spans[choice]

    def _choose(self, raws: tuple[str, ...]) -> int | None:
        """Which of the candidate names (longest first) is the commune written there, or None."""
        for strict_only in (True, False):
            for index, raw in enumerate(raws):
                if not strict_only and not _may_be_loose(raw):
                    continue
                if not strict_only and _syllable_count(raw) < 2:
                    continue
                if strict_only and raw.islower() and _syllable_count(raw) < 2:
                    continue  # one lower-case word is an ordinary word far more often than a commune
                match = self._match(raw, strict_only)
                if match.unit is not None:
                    return index
                if match.method == "ambiguous":
                    return None
        return None

    def _match(self, raw: str, strict_only: bool):
        """match_name against the pool, once for each spelling: a report names its communes again and again."""
        key = (raw, strict_only)
        found = self._matches.get(key)
        if found is None:
            found = self._matches[key] = match_name(raw, self.pool, strict_only=strict_only)
        return found

    @cached_property
    def _matches(self) -> dict:
        return {}

    @cached_property
    def _choices(self) -> dict:
        return {}

    @cached_property
    def provinces(self) -> frozenset[str]:
        return frozenset(u.province for u in self.pool) | self.province_names

    def holds(self, raw: str) -> bool:
        return match_name(raw, self.pool).unit is not None


def _spans(text: str, pos: int) -> list[tuple[str, int]]:
    """Candidate names at `pos`, longest first: up to MAX_SYLLABLES words, on one line or going on past one line
    break to a capitalised word ('xã Tân⏎Dương'); the name is given with single spaces."""
    words = _WORDS.match(text, pos)
    ends = [end for end in (words.end(group) for group in _WORD_GROUPS) if end >= 0] if words else []
    return [(" ".join(text[pos:end].split()), end) for end in reversed(ends)]


def _words_in_turn(count: int) -> str:
    """One pattern for what `count` matches of _WORD read one after another would: each word whole (atomic, as a
    match of its own is), each gap the first _WORD_GAP match and not empty (a gap ends in one of its own characters,
    a word in a letter or digit), the words as groups w1, w2, ..."""
    gap = rf"(?>{_WORD_GAP.pattern})(?<=[ \t\n\-])"
    pattern = ""
    for n in range(count, 0, -1):
        word = rf"(?P<w{n}>(?>{_WORD.pattern}))"
        pattern = word + (rf"(?:{gap}{pattern})?" if pattern else "")
    return pattern


_WORDS = FastPattern(_words_in_turn(MAX_SYLLABLES))  # by re where it can (atomic groups are re's since 3.11)
_WORD_GROUPS = tuple(f"w{n}" for n in range(1, MAX_SYLLABLES + 1))


def _syllable_count(raw: str) -> int:
    """Syllables, counting a glued 'ĐứcQuang' as the two it is."""
    return sum(1 + len(rx.findall(r"(?<=\p{Ll})\p{Lu}", word)) for word in raw.split())


def _may_be_loose(raw: str) -> bool:
    return raw[:1].isupper()
