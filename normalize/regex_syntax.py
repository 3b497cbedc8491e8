"""Reading a pattern's source as far as the fast paths need: where a group closes, its top-level alternatives."""
from __future__ import annotations


def group_end(pattern: str) -> int | None:
    """Where the group that opens `pattern` closes (the index of its ')'), None when it does not."""
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
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def alternatives(body: str) -> list[str]:
    """The top-level alternatives of a group's body."""
    out, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    return out + [body[start:]]
