"""`regex`'s module functions with a plain dict in front of its pattern cache.

`regex.search(pattern, text)` looks its compiled pattern up through flag arithmetic and argument checks that cost
several microseconds a call; extractors call such one-off patterns inside loops hundreds of thousands of times an
archive. Same signatures as `regex`, so a call site only changes its module name."""
from __future__ import annotations

import regex

_COMPILED: dict[tuple[str, int], regex.Pattern] = {}


def compiled(pattern: str | regex.Pattern, flags: int = 0) -> regex.Pattern:
    try:
        return _COMPILED[pattern, flags]  # flags as an int or as regex's flag: equal keys either way
    except KeyError:
        pass
    if isinstance(pattern, regex.Pattern):
        return pattern
    if len(_COMPILED) > 4096:  # patterns built from a document's own words must not grow it for ever
        _COMPILED.clear()
    found = _COMPILED[pattern, flags] = regex.compile(pattern, flags)
    return found


def search(pattern, string, flags=0, **options):
    return compiled(pattern, flags).search(string, **options)


def match(pattern, string, flags=0, **options):
    return compiled(pattern, flags).match(string, **options)


def fullmatch(pattern, string, flags=0, **options):
    return compiled(pattern, flags).fullmatch(string, **options)


def findall(pattern, string, flags=0, **options):
    return compiled(pattern, flags).findall(string, **options)


def finditer(pattern, string, flags=0, **options):
    return compiled(pattern, flags).finditer(string, **options)


def split(pattern, string, maxsplit=0, flags=0, **options):
    return compiled(pattern, flags).split(string, maxsplit, **options)


def sub(pattern, repl, string, count=0, flags=0, **options):
    return compiled(pattern, flags).sub(repl, string, count, **options)
