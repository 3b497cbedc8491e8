"""The criteria sets (extract/data/criteria/*.csv) and which one a statement is read under."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from normalize.vntext import placement_key


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
        key = placement_key(raw_name.strip(" .:;,-–()"))
        if not key:
            return True
        for name in [self.names.get(number, "")] + self.aliases.get(number, []):
            other = placement_key(name)
            if other and (key == other or key in other or other in key):
                return True
        return False

    def number_named_at_start(self, text: str) -> tuple[int, int] | None:
        """(number, length) when `text` opens with exactly a criterion's name or alias ('Môi trường sau khi ...')."""
        names = {}
        for number in self.names:
            for name in [self.names[number]] + self.aliases.get(number, []):
                names.setdefault(placement_key(name), set()).add(number)
        words = list(regex.finditer(r"\S+", text))
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
