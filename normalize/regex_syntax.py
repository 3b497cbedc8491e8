"""Reading a pattern's source as far as the fast paths need: where a group closes, its top-level alternatives."""
from __future__ import annotations

from collections.abc import Iterator


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth before it) of each '(', ')' and '|' outside escapes and character classes."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()|":
            yield i, ch, depth
            depth += {"(": 1, ")": -1, "|": 0}[ch]
        i += 1


def group_end(pattern: str) -> int | None:
    """Where the group that opens `pattern` closes (the index of its ')'), None when it does not."""
    return next((i for i, ch, depth in _structure(pattern) if ch == ")" and depth == 1), None)


def alternatives(body: str) -> list[str]:
    """The top-level alternatives of a group's body."""
    cuts = [i for i, ch, depth in _structure(body) if ch == "|" and depth == 0]
    return [body[a + 1:b] for a, b in zip([-1] + cuts, cuts + [len(body)])]
