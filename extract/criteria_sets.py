"""The criteria sets (extract/data/criteria/*.csv) and which one a statement is read under."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.vntext import VIETNAMESE_LETTERS, placement_key, spaced_lower


def _unspaced(name: str) -> str:
    """Placement key without spaces or level-tone marks, so a dropped space changes nothing."""
    return rx.sub(r"[0 ]", "", placement_key(name))


@dataclass
class CriteriaSet:
    set_id: str
    level: str
    period_start: int
    period_end: int
    province: str | None
    names: dict[int, str]
    aliases: dict[int, list[str]]

    def matches(self, number: int, raw_name: str) -> bool:
        """Does a written name fit this number in this set (canonical name, an alias, or a part of one)?"""
        key = _unspaced(raw_name.strip(" .:;,-–()"))  # 'Cơsở vật chất' is 'Cơ sở vật chất'
        if not key:
            return True
        for name in [self.names.get(number, "")] + self.aliases.get(number, []):
            other = _unspaced(name)
            if other and (key == other or key in other or other in key):
                return True
        return False

    def names_pattern(self) -> regex.Pattern:
        """Every name and alias of the set (both tone placements), longest first, to find names in running text."""
        if getattr(self, "_names_pattern", None) is None:
            spellings = {}
            for number in self.names:
                for name in [self.names[number]] + self.aliases.get(number, []):
                    for variant in placement_variants(name):
                        spellings.setdefault(variant.lower(), set()).add(number)
            self._numbers_by_name = {k: next(iter(v)) for k, v in spellings.items() if len(v) == 1}
            alternation = "|".join(regex.escape(n).replace("\\ ", r"\s+")
                                   for n in sorted(self._numbers_by_name, key=len, reverse=True))
            self._names_pattern = regex.compile(rf"(?<![\p{{L}}])(?:{alternation})(?![\p{{L}}])", regex.IGNORECASE)
        return self._names_pattern

    def names_list_at(self, text: str, pos: int, end: int) -> tuple[list[tuple[int, int, int]], int]:
        """Criteria named one after another from `pos` ('Giáo dục, Y tế và Thu nhập', 'Nhà ở dân cư và tiêu chí
        Thu nhập'): [(number, start, end)] and where the list stops; empty when the text there is no such list."""
        pattern = self.names_pattern()
        found, position = [], pos
        while True:
            sep = _NAME_SEPARATOR.match(text, position, end) if found else _LIST_LEAD.match(text, position, end)
            at = sep.end() if sep else position
            m = pattern.match(text, at, end)
            if not m or (found and not sep):
                break
            number = self._numbers_by_name.get(spaced_lower(m.group(0)))
            if number is None:
                break
            found.append((number, m.start(), m.end()))
            position = m.end()
        return found, position

    def number_named_at_start(self, text: str) -> tuple[int, int] | None:
        """(number, length) when `text` opens with exactly a criterion's name or alias ('Môi trường sau khi ...')."""
        names = {}
        for number in self.names:
            for name in [self.names[number]] + self.aliases.get(number, []):
                names.setdefault(placement_key(name), set()).add(number)
        words = list(rx.finditer(r"\S+", text))
        for i in range(min(len(words), 9), 0, -1):
            candidate = text[:words[i - 1].end()].strip(" ,;.:")
            numbers = names.get(placement_key(candidate))
            if numbers and len(numbers) == 1:
                return next(iter(numbers)), len(candidate)
        return None

    def number_for(self, raw_name: str) -> int | None:
        """The only number whose names fit `raw_name`, if exactly one does."""
        found = [n for n in self.names if self.matches(n, raw_name)]
        return found[0] if len(found) == 1 else None


_NAME_SEPARATOR = regex.compile(r"\s*(?:,|;|\bvà\b|\bhoặc\b)\s*(?:\(\d{1,2}\)\s*)?(?:(?i:tiêu\s*chí)\s+)?(?:về\s+)?",
                                regex.IGNORECASE)
_LIST_LEAD = regex.compile(r"\s*(?:\(\d{1,2}\)\s*)?(?:về\s+)?", regex.IGNORECASE)  # "(1) Quy hoạch; (2) Giáo dục"
_PLACEMENT_PAIRS = [("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("oè", "òe"), ("oé", "óe"),
                    ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"), ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"),
                    ("uỵ", "ụy")]


def placement_variants(name: str) -> set[str]:
    """The name with old and new tone placement (hoà / hòa, thuỷ / thủy)."""
    variants = {name}
    for a, b in _PLACEMENT_PAIRS:
        for v in list(variants):
            variants |= {v.replace(a, b), v.replace(b, a)}
    return variants


def _read(name: str) -> str:
    return (Path(__file__).parent / "data" / "criteria" / name).read_text("utf-8")


def _rows(text: str) -> list[dict]:
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@lru_cache(maxsize=1)
def all_sets() -> dict[str, CriteriaSet]:
    sets = {}
    for row in _rows(_read("sets.csv")):
        names, aliases = {}, {}
        for c in _rows(_read(row["file"])):
            number = int(c["number"])
            names[number] = c["name"].strip()
            aliases[number] = [a.strip() for a in (c.get("aliases") or "").split("|") if a.strip()]
        sets[row["set_id"]] = CriteriaSet(row["set_id"], row["level"], int(row["period_start"]), int(row["period_end"]),
                                          row.get("province") or None, names, aliases)
    return sets


@lru_cache(maxsize=1)
def _spellings() -> frozenset[str]:
    """Every name and alias of every published set, in lower case, with old and new tone placement."""
    return frozenset(variant.lower() for s in all_sets().values() for number in s.names
                     for name in [s.names[number]] + s.aliases.get(number, []) for variant in placement_variants(name))


@lru_cache(maxsize=1)
def _any_set_names_pattern() -> regex.Pattern:
    alternation = "|".join(regex.escape(n).replace("\\ ", r"\s+") for n in sorted(_spellings(), key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation})(?![\p{{L}}])", regex.IGNORECASE)


_LETTERS = regex.compile(r"\p{L}+")


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str] | None:
    """The first run of letters (lower case) of every spelling _any_set_names_pattern reads; None when a spelling
    opens with anything else."""
    firsts = set()
    for spelling in _spellings():
        first = _LETTERS.match(spelling)
        if first is None:
            return None
        firsts.add(first.group().lower())
    return frozenset(firsts)


def _cannot_open_a_name(text: str, pos: int, end: int) -> bool:
    """Sure that _any_set_names_pattern cannot match at `pos`: the word there, of plain letters, is no name's first
    word (a match needs that word, in any case, ending where the name's first word ends)."""
    firsts = _first_words()
    if firsts is None:
        return False
    word = _LETTERS.match(text, pos, end)
    if word is None:
        return True
    written = word.group()
    return written.lower() not in firsts and VIETNAMESE_LETTERS.issuperset(written)


def names_could_start(text: str, pos: int, end: int, other_sets=()) -> bool:
    """Could any set (the published ones, or `other_sets` a document lays out) read a criterion's name at `pos`?
    A cheap test before the work of choosing the set a statement is read under."""
    lead = _LIST_LEAD.match(text, pos, end)
    start = lead.end() if lead else pos
    if not _cannot_open_a_name(text, start, end) and _any_set_names_pattern().match(text, start, end):
        return True
    return any(s.names_list_at(text, pos, end)[0] for s in other_sets)


def choose_set(level: str, year: int | None, province: str | None) -> CriteriaSet | None:
    candidates = [s for s in all_sets().values() if s.level == level]
    if level == "thon":
        candidates = [s for s in candidates if province and s.province and placement_key(s.province) == placement_key(province)]
    if not candidates:
        return None
    if year is None:
        return max(candidates, key=lambda s: s.period_end)
    within = [s for s in candidates if s.period_start <= year <= s.period_end]
    if within:
        return within[0]
    return min(candidates, key=lambda s: min(abs(year - s.period_start), abs(year - s.period_end)))
