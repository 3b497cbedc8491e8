"""A `regex` pattern also compiled for the standard library's `re`, which scans two to three times faster.

`re` knows no Unicode properties, so `\\p{L}`, `\\p{Lu}`, `\\p{Ll}`, `\\p{M}`, `\\d` and `\\s` are written out as the
characters of the blocks that `normalize.caseless` checks both engines on; a text made only of those characters
(`reads_alike`) is read by `re`, any other by `regex` itself. Scoped `(?i:...)` groups are kept when every letter in
them is matched by `re` exactly as by `regex` over those characters. What `re` cannot compile the same way (a
variable-width lookbehind, a group name used twice) or may read differently (`\\w`, `\\b`, a class under
`(?i:...)`, a global flag other than MULTILINE) is refused with a ValueError: such a pattern stays a plain `regex`
one. Atomic groups and possessive quantifiers are read alike (by `re` since Python 3.11, the oldest the project
runs on). `tests/test_fast_paths.py` compares both engines on every corpus for each pattern made."""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from .caseless import char_class, reads_alike, reads_alike_cached

ALL: list[FastPattern] = []  # every pattern made, for the test that both engines agree

_CLASSES = {r"\p{L}": char_class(r"\p{L}"), r"\p{Lu}": char_class(r"\p{Lu}"), r"\p{Ll}": char_class(r"\p{Ll}"),
            r"\p{M}": char_class(r"\p{M}"), r"\d": char_class(r"\d"), r"\s": char_class(r"\s")}
_REFUSED_ESCAPES = (r"\w", r"\W", r"\b", r"\B", r"\D", r"\X", r"\N", r"\h", r"\G", r"\K", r"\m", r"\M")


@lru_cache(maxsize=1)
def _checked_characters() -> str:
    return "".join(ch for ch in map(chr, range(0x2800)) if reads_alike(ch))


@lru_cache(maxsize=None)
def _folds_alike(letter: str) -> bool:
    """`(?i)` of this letter matches the same characters in both engines, among those a text read by `re` holds."""
    every = _checked_characters()
    return [m.start() for m in regex.finditer("(?i)" + regex.escape(letter), every)] == \
           [m.start() for m in re.finditer("(?i)" + re.escape(letter), every)]


def stdlib_exact_pattern(pattern: str) -> str:
    out: list[str] = []
    caseless = [False]  # a stack: whether each open group is read in any case
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            escape = pattern[i:i + 2]
            if escape in (r"\p", r"\P"):
                escape = pattern[i:pattern.index("}", i) + 1]
            if escape in _CLASSES:
                if caseless[-1] and escape not in (r"\d", r"\s"):  # classes without letters read alike in any case
                    raise ValueError(f"{escape} under (?i:...): {pattern[:80]}")
                out.append(_CLASSES[escape][1:-1] if in_class else _CLASSES[escape])
            elif escape == r"\S" and not in_class:
                out.append("[^" + _CLASSES[r"\s"][1:])
            elif escape in _REFUSED_ESCAPES or escape[:2] in (r"\p", r"\P", r"\S"):
                raise ValueError(f"{escape} is read differently by re and regex: {pattern[:80]}")
            else:
                out.append(escape)
            i += len(escape)
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            if caseless[-1]:
                raise ValueError(f"a class under (?i:...): {pattern[:80]}")
            in_class = True
            if pattern.startswith("[^]", i) or pattern.startswith("[]", i):
                raise ValueError(f"a class that opens with ']': {pattern[:80]}")
        elif ch == "(":
            if pattern.startswith("(?i:", i):
                caseless.append(True)
            elif pattern.startswith("(?-i:", i):
                caseless.append(False)
            elif pattern.startswith("(?", i) and not regex.match(r"\(\?(?:[:=!>]|<[=!]|P<|[m-]+:)", pattern[i:]):
                raise ValueError(f"a group re may read differently: {pattern[i:i + 12]}")
            else:
                caseless.append(caseless[-1])
        elif ch == ")":
            caseless.pop()
        elif caseless[-1] and ch.isalpha() and not _folds_alike(ch):
            raise ValueError(f"'{ch}' in any case is read differently by re and regex")
        out.append(ch)
        i += 1
    return "".join(out)


class FastPattern:
    def __init__(self, pattern: str, flags: int = 0):
        if flags & ~regex.MULTILINE:
            raise ValueError("only MULTILINE is carried over to re")
        self.pattern = pattern
        self.exact = regex.compile(pattern, flags)
        try:
            self.fast = re.compile(stdlib_exact_pattern(pattern), re.MULTILINE if flags else 0)
        except re.error as error:
            raise ValueError(f"re cannot read it: {error}") from None
        ALL.append(self)

    def engine(self, text: str) -> re.Pattern | regex.Pattern:
        """The compiled pattern that reads `text`: chosen once by a caller that tries the pattern many times."""
        return self.fast if reads_alike_cached(text) else self.exact

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.engine(text).finditer(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.engine(text).search(text, pos, len(text) if endpos is None else endpos)

    def findall(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.engine(text).findall(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.engine(text).match(text, pos, len(text) if endpos is None else endpos)
