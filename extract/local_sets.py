"""A criteria set the document itself lays out: 'Bộ tiêu chí ấp của tỉnh gồm 10 tiêu chí: (1) Giao thông; (2) Điện và
thủy lợi nội đồng; ...'. Provinces publish their own village and model sets; when a report spells one out, its
numbering is the one its statements use."""
from __future__ import annotations

import regex

from .criteria_sets import CriteriaSet
from .prefilter import Openings, finditer_at
from .scope import level_in

_DEFINITION = regex.compile(r"(?i:bộ\s+tiêu\s*chí)(?P<what>[^:.;]{0,80}?)(?i:gồm|có)\s+(?P<n>\d{1,2})\s+(?i:tiêu\s*chí)\s*:")
_ITEM = regex.compile(r"\((?P<k>\d{1,2})\)\s*(?P<name>[^;()]+?)\s*(?=;|\.\s|\.$|\(\d{1,2}\)|$)")
_VILLAGE = regex.compile(r"(?i)\b(?:thôn|ấp|bản|xóm|khu dân cư)\b")


_DEFINITION_OPENINGS = Openings.of_pattern(_DEFINITION.pattern)  # what _DEFINITION's matches open with


def local_sets(text: str) -> dict[str, CriteriaSet]:
    found: dict[str, CriteriaSet] = {}
    for m in finditer_at(_DEFINITION, text, _DEFINITION_OPENINGS.positions(text)):
        count = int(m.group("n"))
        end = text.find("\n", m.end())
        items = {int(i.group("k")): i.group("name").strip() for i in _ITEM.finditer(text, m.end(), end if end > 0 else len(text))}
        if len(items) != count or set(items) != set(range(1, count + 1)):
            continue
        what = m.group("what")
        level = "thon" if _VILLAGE.search(what) else (level_in("xã " + what) or "ntm")
        found[level] = CriteriaSet(f"document_{level}", level, 0, 9999, None, items, {k: [] for k in items})
    return found


_STATED_SIZE = regex.compile(r"(?i:bộ\s+tiêu\s*chí)(?P<what>[^:.;()\n]{0,80}?)(?:(?i:gồm|có)\s+|\(\s*)(?P<n>\d{1,2})\s+(?i:tiêu\s*chí)")
_STATED_SIZE_OPENINGS = Openings.of_pattern(_STATED_SIZE.pattern)  # 'bộ', where each match opens


def stated_set_size(text: str, level: str) -> int | None:
    """The size of a set the document states without laying it out: 'Bộ tiêu chí thôn nông thôn mới của tỉnh gồm
    15 tiêu chí', 'theo Bộ tiêu chí thôn NTM (15 tiêu chí)'. None when it states none, or two different sizes."""
    sizes = set()
    for m in finditer_at(_STATED_SIZE, text, _STATED_SIZE_OPENINGS.positions(text)):
        what = m.group("what")
        found = "thon" if _VILLAGE.search(what) else (level_in("xã " + what) or "ntm")
        if found == level:
            sizes.add(int(m.group("n")))
    return sizes.pop() if len(sizes) == 1 else None
