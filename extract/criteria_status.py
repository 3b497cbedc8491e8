"""Which criteria a unit has met, not met or nearly met.

Two shapes: a status phrase introducing a list of criteria ("Đã đạt 14/19 tiêu chí: Tiêu chí số 1 - Quy hoạch; ...",
"09/19 tiêu chí chưa đạt, gồm: Tiêu chí (2) Giao thông; ...", "còn 3 tiêu chí gần đạt (Tiêu chí 10 ...)"), whose unit
is the one named before it or the section's; and a criterion introducing a list of units
("Tiêu chí số 7 (Cơ sở vật chất văn hoá): 08 thôn (Bản Vén, ...)"), whose status the section heading gives."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .context import DocContext
from .criteria_refs import CriterionRef, find_refs
from .scope import status_matches

_INTRODUCER = regex.compile(r":|\(|\bgồm\b|\blà\b|\bsau\b")
_INTRO_GAP = 40
_CHAIN_GAP = regex.compile(r"^[\s;,.]*(?:và\s*)?$")
_UNIT_LIST_AFTER = regex.compile(r"\s*\)?\s*:\s*\d{1,3}\s+(?:thôn|bản|xã|xóm|ấp)\s*[(:]")


@dataclass
class StatusStatement:
    unit: object  # Mention
    level: str
    criterion: int
    raw_name: str | None
    status: str
    start: int
    end: int


def read_statuses(ctx: DocContext) -> list[StatusStatement]:
    text = ctx.text
    out: list[StatusStatement] = []
    for index, block in enumerate(ctx.document.blocks):
        refs = find_refs(text, block.start, block.end)
        if not refs:
            continue
        cue_list = list(status_matches(text[block.start:block.end]))
        previous: CriterionRef | None = None
        governing = None
        for ref in refs:
            after = _UNIT_LIST_AFTER.match(text, ref.end)
            if after:
                out.extend(_criterion_to_units(ctx, index, ref, after.end(), cue_list))
                previous, governing = ref, None
                continue
            chained = previous is not None and _CHAIN_GAP.match(text[previous.end:ref.start])
            if not (chained and governing):
                governing = _governing_cue(text, block.start, ref, cue_list)
            previous = ref
            if governing is None:
                continue
            cue_start, cue_end, status = governing
            unit = ctx.unit_before(cue_start)
            if unit is None:
                continue
            out.append(StatusStatement(unit, ctx.level_at(cue_start, unit), ref.number, ref.raw_name, status,
                                       ref.start, ref.end))
    return out


def _governing_cue(text: str, block_start: int, ref: CriterionRef, cue_list) -> tuple[int, int, str] | None:
    """The status phrase that introduces the list `ref` opens: close before it ('Đã đạt 14/19 tiêu chí:',
    '09/19 tiêu chí chưa đạt, gồm:', 'còn 3 tiêu chí gần đạt ('), with ':', '(', 'gồm' or 'là' in between."""
    best = None
    for m, status in cue_list:
        start, end = block_start + m.start(), block_start + m.end()
        if end > ref.start:
            break
        between = text[end:ref.start]
        if len(between) > _INTRO_GAP or regex.search(r"\.\s+\p{Lu}", between) or not _INTRODUCER.search(between):
            continue
        best = (start, end, status)
    return best


def _criterion_to_units(ctx: DocContext, block_index: int, ref: CriterionRef, list_start: int, cue_list):
    block = ctx.document.blocks[block_index]
    status = None
    for m, cue_status in cue_list:
        if block.start + m.end() <= ref.start:
            status = cue_status
    if status is None:
        for scope in reversed(ctx.scopes[block_index][:-1] if ctx.scopes[block_index] and ctx.scopes[block_index][-1].start == block.start else ctx.scopes[block_index]):
            if scope.status:
                status = scope.status
                break
    if status is None:
        return []
    units = ctx.mentions_between(list_start - 1, block.end)
    return [StatusStatement(u, ctx.level_at(ref.start, u), ref.number, ref.raw_name, status, u.start, u.end)
            for u in units if u.list_id is not None]
