"""Phrases found in any case, scanned by the standard library's `re` over the lower-cased text.

`regex` with IGNORECASE tries every position of a text against an alternation of words letter by letter, folding
case as it goes; `re` over the same text lower-cased once finds the same matches five to seven times faster (it
skips ahead on the phrases' first letters). A `CaselessPattern` is written in lower case and may use `\\p{L}`
only as a whole-word guard ('(?<!\\p{L})', '(?!\\p{L})'); where lower-casing would change a text's length (a
character that lower-cases to two) the `regex` pattern with IGNORECASE reads that text instead, so the matches
and their offsets are always those of the `regex` pattern. `tests/test_fast_paths.py` checks both ways agree on
every corpus."""
from __future__ import annotations

import re
from functools import lru_cache

import regex

_LETTER_GUARDS = {r"(?<!\p{L})": r"(?<![^\W\d_])", r"(?<![\p{L}])": r"(?<![^\W\d_])",
                  r"(?!\p{L})": r"(?![^\W\d_])", r"(?![\p{L}])": r"(?![^\W\d_])",
                  r"(?<![\p{L}\d])": r"(?<!\w)", r"(?![\p{L}\d])": r"(?!\w)"}

ALL: list[CaselessPattern] = []  # every pattern made, for the test that both ways agree


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """The text in lower case, once for the several patterns that read one document."""
    return text.lower()


class CaselessPattern:
    def __init__(self, pattern: str):
        fast = pattern
        for guard, plain in _LETTER_GUARDS.items():
            fast = fast.replace(guard, plain)
        if r"\p{" in fast or r"\P{" in fast:
            raise ValueError(f"only whole-word guards may use \\p{{L}}: {pattern[:80]}")
        self.pattern = pattern
        self.fast = re.compile(fast)
        self.exact = regex.compile(pattern, regex.IGNORECASE)
        ALL.append(self)

    def _reading(self, text: str):
        low = lowered(text)
        return (self.fast, low) if len(low) == len(text) else (self.exact, text)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        pattern, read = self._reading(text)
        return pattern.finditer(read, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        pattern, read = self._reading(text)
        return pattern.search(read, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        pattern, read = self._reading(text)
        return pattern.match(read, pos, len(text) if endpos is None else endpos)
