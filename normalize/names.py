"""Canonical spellings for names the register does not hold (villages, people, places on a route):
spellings one mark or one letter apart are one name; the most used spelling wins, then the first seen."""
from __future__ import annotations

from collections import Counter

from .vntext import mark_differences, placement_key, syllable_edit


def variant_of(a: str, b: str) -> bool:
    """Two spellings of one name: the same syllables but for one wrong mark or one wrong letter in one
    syllable of three or more letters ('Bó Cáng'/'Bó Cánh', 'Đông Bun'/'Đâng Bun', 'Kiệt'/'Kiệm')."""
    if placement_key(a) == placement_key(b):
        return False
    if mark_differences(a, b) == 1:
        return True
    if syllable_edit(a, b) != 1:
        return False
    differing = [(x, y) for x, y in zip(a.split(), b.split()) if placement_key(x) != placement_key(y)]
    return all(min(len(x), len(y)) >= 3 for x, y in differing) and len(a.split()) >= 2


def cluster(spellings: list[str]) -> dict[str, str]:
    """Map each spelling (in order of appearance, repeats counted) to its canonical spelling."""
    counts = Counter(placement_key(s) for s in spellings)
    first_seen: dict[str, int] = {}
    written: dict[str, str] = {}
    for i, s in enumerate(spellings):
        first_seen.setdefault(placement_key(s), i)
        written.setdefault(placement_key(s), s)
    keys = sorted(counts, key=lambda k: (-counts[k], first_seen[k]))
    canonical_of: dict[str, str] = {}
    for key in keys:
        if key in canonical_of:
            continue
        canonical_of[key] = written[key]
        for other in keys:
            if other not in canonical_of and variant_of(written[key], written[other]):
                canonical_of[other] = written[key]
    return {s: canonical_of[placement_key(s)] for s in spellings}
