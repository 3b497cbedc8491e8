"""Load the domain's cue tables (extract/data/cues/*.tsv): data a domain expert edits, not code."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ntm.normalize.phrase_pattern import phrase_alternation

DATA = Path(__file__).parent / "data" / "cues"


@lru_cache(maxsize=None)
def table(name: str) -> list[list[str]]:
    """Rows of a TSV cue table, comments and blank lines skipped; every row padded to the widest."""
    text = (DATA / f"{name}.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def words(name: str) -> list[str]:
    return [r[0] for r in table(name)]


def mapping(name: str) -> dict[str, str]:
    return {r[0]: r[1] for r in table(name)}


def alternation(phrases, flags: str = "") -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace, written as a tree of the
    phrases' shared beginnings (ntm.normalize.phrase_pattern)."""
    return phrase_alternation(phrases)


@lru_cache(maxsize=None)
def word_pattern(name: str):
    """Any phrase of the word list `name`, as whole words, in any case."""
    from ntm.normalize.caseless import CaselessPattern
    return CaselessPattern(rf"(?<!\p{{L}}){alternation(w.lower() for w in words(name))}(?!\p{{L}})")
