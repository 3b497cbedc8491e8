"""Where characters of a kind stand in a text, found by table lookups over its code points (numpy) instead of a
regex scan: line starts, runs of digits, a digit beside a letter of a given set. Each answer is what the pattern
named in its docstring finds; a text with characters beyond the Basic Multilingual Plane, which the tables do not
cover, is read by that pattern itself."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import regex

from .caseless import LONG_TEXT
from .vntext import code_points

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # every character a '^' may follow, and more
_NUMBER_RUN = regex.compile(r"\d+")


def in_plane_where(pattern: regex.Pattern) -> np.ndarray:
    """For each character of the Basic Multilingual Plane, whether a match of `pattern` (a run of one class, such as
    '\\d+') covers it where the plane is read in order (a surrogate never does)."""
    table = np.zeros(0x10000, dtype=bool)
    for first, last in ((0, 0xD800), (0xE000, 0x10000)):
        for m in pattern.finditer("".join(map(chr, range(first, last)))):
            table[first + m.start():first + m.end()] = True
    return table


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """For each character of the Basic Multilingual Plane: whether `regex` reads it as a digit (\\d; `re` reads the
    same characters of this plane as digits, not beyond it), whether it is one of LINE_BREAKS."""
    digits = in_plane_where(_NUMBER_RUN)
    breaks = np.zeros(0x10000, dtype=bool)
    breaks[[ord(ch) for ch in LINE_BREAKS]] = True
    return digits, breaks


def codes_in_plane(text: str) -> np.ndarray | None:
    """The text's code points (read-only), or None when one lies beyond the Basic Multilingual Plane. A document's
    text is asked for some thirty times by the lookups of one reading: its array is kept, not made each time."""
    return _long_codes_in_plane(text) if len(text) >= LONG_TEXT else _codes_in_plane(text)


def _codes_in_plane(text: str) -> np.ndarray | None:
    codes = code_points(text)
    return None if len(codes) and int(codes.max()) > 0xFFFF else codes


_long_codes_in_plane = lru_cache(maxsize=4)(_codes_in_plane)


@lru_cache(maxsize=8)
def line_starts(text: str) -> tuple[int, ...]:
    """Where every line starts: where a pattern that opens with '(?m:^)' can start."""
    codes = codes_in_plane(text)
    if codes is None:  # beyond the plane the tables cover: character by character
        return (0, *(i + 1 for i, ch in enumerate(text) if ch in LINE_BREAKS))
    return (0, *(np.flatnonzero(np.take(_tables()[1], codes)) + 1).tolist())


@lru_cache(maxsize=8)
def number_starts(text: str) -> tuple[int, ...]:
    """Where every run of digits starts (`regex`'s '\\d+')."""
    codes = codes_in_plane(text)
    if codes is None:
        return tuple(m.start() for m in _NUMBER_RUN.finditer(text))
    digit = np.take(_tables()[0], codes)
    return tuple(np.flatnonzero(digit & ~np.concatenate(([False], digit[:-1]))).tolist())


def digits_in_plane(codes: np.ndarray) -> np.ndarray:
    """Whether each code point (all in the plane) is a digit to `re` and `regex` alike."""
    return np.take(_tables()[0], codes)


def member(codes: np.ndarray, characters: str) -> np.ndarray:
    """Whether each code point is one of `characters`."""
    return np.isin(codes, np.frombuffer(characters.encode("utf-32-le"), dtype=np.uint32))


def side_by_side(one: np.ndarray, other: np.ndarray, between: np.ndarray | None = None) -> np.ndarray:
    """followed_by in either order: where one kind stands right before the other, or the other before the one."""
    return followed_by(one, other, between) | followed_by(other, one, between)


def followed_by(first: np.ndarray, then: np.ndarray, between: np.ndarray | None = None) -> np.ndarray:
    """Positions i where first[i] holds and then[i + 1] does, or, with `between`, then[i + 2] with between[i + 1]
    (one optional character between the two)."""
    out = np.zeros(len(first), dtype=bool)
    out[:-1] |= first[:-1] & then[1:]
    if between is not None:
        out[:-2] |= first[:-2] & between[1:-1] & then[2:]
    return out


@lru_cache(maxsize=1)
def _case_tables() -> tuple[np.ndarray, np.ndarray]:
    """For each character of the Basic Multilingual Plane: whether `regex` reads it as \\p{Lu}, as \\p{Ll}."""
    return in_plane_where(regex.compile(r"\p{Lu}+")), in_plane_where(regex.compile(r"\p{Ll}+"))


def capitals_in_plane(codes: np.ndarray) -> np.ndarray:
    """Whether each code point (all in the plane) is a capital letter (\\p{Lu})."""
    return np.take(_case_tables()[0], codes)


def small_letters_in_plane(codes: np.ndarray) -> np.ndarray:
    """Whether each code point (all in the plane) is a small letter (\\p{Ll})."""
    return np.take(_case_tables()[1], codes)


@lru_cache(maxsize=1)
def _letter_table() -> np.ndarray:
    """For each character of the Basic Multilingual Plane, whether `regex` reads it as a letter (\\p{L})."""
    return in_plane_where(regex.compile(r"\p{L}+"))


def letters_in_plane(codes: np.ndarray) -> np.ndarray:
    """Whether each code point (all in the plane) is a letter (\\p{L})."""
    return np.take(_letter_table(), codes)


def warm_up() -> None:
    """Build the tables before a pool forks its workers."""
    _tables()
    _case_tables()
    _letter_table()
