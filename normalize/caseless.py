"""Phrases found in any case, scanned by the standard library's `re` over the lower-cased text.

`regex` with IGNORECASE tries every position of a text against an alternation of words letter by letter, folding
case as it goes; `re` over the same text lower-cased once finds the same matches five to seven times faster (it
skips ahead on the phrases' first letters). A `CaselessPattern` is written in lower case; it may use `\\s`, `\\S`
outside a character class, and `\\p{L}` only in a whole-word guard ('(?<!\\p{L})', '(?![\\p{L}\\d])').

The two engines agree on the characters of Vietnamese text, not on every character: `re` counts '²' as a word
character, knows fewer letters (an older Unicode), counts U+001C..U+001F as spaces, and `regex` folds 'ſ' to 's'
and 'ı' to 'i'. So the guards and `\\s` are written out as the classes `regex` means, and a text holding a
character outside the blocks checked here, one of those foldings, or one that lower-cases to two characters is
read by the `regex` pattern with IGNORECASE instead. Either way the matches and their offsets are those of the
`regex` pattern; `tests/test_fast_paths.py` checks it on every corpus and on each of those characters."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

from .regex_syntax import alternatives, group_end

# blocks whose characters both engines read alike once the classes below are written out: Latin with
# Vietnamese, combining marks, general punctuation, currency, letterlike, arrows, mathematical operators, box and
# shape symbols
_CHECKED_BLOCKS = [(0x0000, 0x036F), (0x1E00, 0x1EFF), (0x2000, 0x22FF), (0x2500, 0x27BF)]
# inside those blocks: case foldings of `regex` that lower() does not make, and letters newer than `re`'s Unicode
_READ_BY_REGEX = frozenset("\u0130\u0131\u017f\u1e9b\u208f\u209d\u209e\u209f\u20c1\u20c2\u20c3\u20c4")


def _ranges(codes: list[int]) -> str:
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in runs)


# a text of these characters only is read by `re` (a repeated class: the fastest scan `re` has)
_READ_BY_RE = re.compile("[" + _ranges([c for a, b in _CHECKED_BLOCKS for c in range(a, b + 1)
                                         if chr(c) not in _READ_BY_REGEX]) + "]*")

def char_class(prop: str) -> str:
    """A `regex` class such as '[\\p{L}\\p{M}]' written out for `re` as the characters of the checked blocks it holds:
    the same class on a text that `reads_alike`."""
    compiled = regex.compile(prop)
    return "[" + _ranges([c for a, b in _CHECKED_BLOCKS for c in range(a, b + 1) if compiled.fullmatch(chr(c))]) + "]"


def _class_chars(keep) -> str:
    return "".join(regex.escape(chr(c)) for a, b in _CHECKED_BLOCKS for c in range(a, b + 1) if keep(chr(c)))


_NUMERALS = _class_chars(lambda ch: unicodedata.category(ch) in ("No", "Nl"))  # '²', 'Ⅳ': \w to `re` only
_LETTER = rf"[^\W\d_{_NUMERALS}]"
_LETTER_OR_DIGIT = rf"[^\W_{_NUMERALS}]"
_SPACE = "[" + _class_chars(lambda ch: regex.match(r"\s", ch) is not None) + "]"

_GUARDS = {r"(?<!\p{L})": rf"(?<!{_LETTER})", r"(?<![\p{L}])": rf"(?<!{_LETTER})",
           r"(?!\p{L})": rf"(?!{_LETTER})", r"(?![\p{L}])": rf"(?!{_LETTER})",
           r"(?<![\p{L}\d])": rf"(?<!{_LETTER_OR_DIGIT})", r"(?![\p{L}\d])": rf"(?!{_LETTER_OR_DIGIT})"}

ALL: list[CaselessPattern] = []  # every pattern made, for the test that both ways agree


def stdlib_pattern(pattern: str) -> str:
    """The pattern for `re`: guards and `\\s` written as `regex` means them; anything else that the engines read
    differently refused."""
    for guard, written in _GUARDS.items():
        pattern = pattern.replace(guard, "\0" + str(list(_GUARDS).index(guard)) + "\0")
    out, in_class, i = [], False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            escape = pattern[i:i + 2]
            if escape == r"\s":
                out.append(_SPACE[1:-1] if in_class else _SPACE)
            elif escape == r"\S" and not in_class:
                out.append("[^" + _SPACE[1:])
            elif escape in (r"\S", r"\w", r"\W", r"\b", r"\B", r"\p", r"\P", r"\X", r"\N"):
                raise ValueError(f"{escape} is read differently by re and regex: {pattern[:80]}")
            else:
                out.append(escape)
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    written = "".join(out)
    for k, guard in enumerate(_GUARDS.values()):
        written = written.replace("\0" + str(k) + "\0", guard)
    return written


def guard_after_first_letter(written: str) -> str:
    """A `re` pattern that opens with a whole-word guard before a group of alternatives ('(?<!L)(?:ông|bà)'), the
    guard moved past each alternative's first letter ('(?:ô(?<!Lô)ng|b(?<!Lb)à)'): the same matches, and `re`,
    seeing the letters a match can open with, skips to them instead of trying the guard at every character (three
    times faster). Returned as it is when it does not open that way or an alternative opens with anything but a
    plain letter."""
    for letter in (_LETTER, _LETTER_OR_DIGIT):
        guard = f"(?<!{letter})"
        if written.startswith(guard + "(?:"):
            break
    else:
        return written
    rest = written[len(guard):]
    end = group_end(rest)
    if end is None or rest[end + 1:end + 2] in ("?", "*", "+", "{"):
        return written
    options = alternatives(rest[3:end])
    while len(options) == 1 and options[0].startswith("(?:") and group_end(options[0]) == len(options[0]) - 1:
        options = alternatives(options[0][3:-1])  # a group holding one group
    moved = []
    for option in options:
        first = option[:1]
        if not first.isalpha() or option[1:2] in ("?", "*", "+", "{"):
            return written
        moved.append(f"{first}(?<!{letter}{first}){option[1:]}")
    return "(?:" + "|".join(moved) + ")" + rest[end + 1:]


def reads_alike(text: str) -> bool:
    """Whether `re` with `stdlib_pattern` reads this text as `regex` reads it with the pattern as written."""
    return _READ_BY_RE.fullmatch(text) is not None


def reads_alike_cached(text: str) -> bool:
    """reads_alike, remembered: a block or a line is asked about by each pattern that reads it, by `re` (FastPattern)
    and lower-cased (CaselessPattern) alike; a document's text has a cache of its own, as in lower_case_reading."""
    return _long_alike(text) if len(text) >= LONG_TEXT else _short_alike(text)


_long_alike = lru_cache(maxsize=4)(reads_alike)
_short_alike = lru_cache(maxsize=2048)(reads_alike)


def lower_case_reading(text: str) -> str | None:
    """The text in lower case for `re`, once for the several patterns that read one document; None when `re`
    could read it differently from `regex`. A document's text has its own cache: the many short lines and labels
    read between two uses of it would push it out of a shared one, and it would be lower-cased again."""
    return _long_reading(text) if len(text) >= LONG_TEXT else _short_reading(text)


LONG_TEXT = 2000  # characters: a document's text, a page or more, rather than a line or a label


def _lower_case_reading(text: str) -> str | None:
    low = text.lower()
    if len(low) != len(text) or not reads_alike_cached(text):
        return None
    return low


_long_reading = lru_cache(maxsize=4)(_lower_case_reading)
_short_reading = lru_cache(maxsize=1024)(_lower_case_reading)  # a block is read by several extractors in turn


class CaselessPattern:
    def __init__(self, pattern: str):
        self.pattern = pattern
        self.fast = re.compile(guard_after_first_letter(stdlib_pattern(pattern)))
        self.exact = regex.compile(pattern, regex.IGNORECASE)
        ALL.append(self)

    def _engine(self, text: str):
        low = lower_case_reading(text)
        return (self.exact, text) if low is None else (self.fast, low)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        pattern, read = self._engine(text)
        return pattern.finditer(read, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        pattern, read = self._engine(text)
        return pattern.search(read, pos, len(text) if endpos is None else endpos)

    def search_joined(self, text: str, spans, separator: str = " "):
        """self.search(separator.join(text[a:b] for a, b in spans)), the pieces taken from the text lower-cased
        once for the whole document (a piece of a text `re` reads as `regex` does is read alike too)."""
        low = lower_case_reading(text)
        if low is None or not reads_alike_cached(separator) or separator.lower() != separator:
            return self.search(separator.join(text[a:b] for a, b in spans))
        return self.fast.search(separator.join(low[a:b] for a, b in spans))

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        pattern, read = self._engine(text)
        return pattern.match(read, pos, len(text) if endpos is None else endpos)
