"""What every statement reader needs to know about the document it reads."""
from __future__ import annotations

import bisect

import regex
from dataclasses import dataclass, field

from ntm.normalize import regex_cache as rx
from ntm.normalize.fast_pattern import FastPattern
from ntm.parsers.model import Document

from .scope import Scope, block_scopes, level_in, scope_level, scope_unit
from .spans import clause_context
from .criteria_sets import choose_set
from .local_sets import local_sets
from .results_table import read_results_tables
from .area_names import AreaNames
from .names import NAME_FROM_ITS_FIRST_CHARACTER
from .units import Mention, find_mentions


_NAMES = FastPattern(NAME_FROM_ITS_FIRST_CHARACTER)
_DISTRIBUTIVE = regex.compile(r"(?i)\b(?:mỗi|cùng|đều|mỗi\s+xã|mỗi\s+thôn)\b")
_COORDINATION = regex.compile(r"\s*(?:,|và)\s*(?:(?:xã|thôn|bản)\s+)?", regex.IGNORECASE)


@dataclass
class DocContext:
    document: Document
    year: int | None = None
    month: int | None = None
    province: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    table_rows: list = field(default_factory=list)
    subject: Mention | None = None  # the commune a commune's own report is about ("UBND XÃ LỤC SƠN")
    default_level: str = "ntm"  # the set the whole document is about, from its subject line ("... xã NTM nâng cao")
    local_sets: dict | None = None  # sets the document itself lays out, read once from its text

    def __post_init__(self):
        if not self.mentions:
            self.mentions = find_mentions(self.document.text)
            self.table_rows = list(read_results_tables(self.document))
            self.mentions = sorted(self.mentions + [row[0] for row in self.table_rows], key=lambda m: m.start)
        self.index_mentions()

    def reread_mentions(self, area: AreaNames) -> None:
        """Read the units again once the document's area is known: lists and keywords through the register."""
        self.mentions = sorted(find_mentions(self.document.text, area) + [row[0] for row in self.table_rows],
                               key=lambda m: m.start)
        self.index_mentions()

    def add_mentions(self, extra: list[Mention]) -> None:
        """Units found once the document's area is known (communes it names without 'xã')."""
        self.mentions = sorted(self.mentions + extra, key=lambda m: m.start)
        self.index_mentions()

    def index_mentions(self) -> None:
        from ntm.normalize.vntext import placement_key
        self._scopes = None  # made when first asked for: the mentions change again while the area is found
        self._named_communes = {placement_key(m.raw) for m in self.mentions if m.level == "commune"}
        if self.local_sets is None:
            self.local_sets = local_sets(self.document.text)
        self._starts = [b.start for b in self.document.blocks]
        self._mention_starts = [m.start for m in self.mentions]

    @property
    def scopes(self) -> list[list[Scope]]:
        """The sections and units each block sits in (scope.block_scopes), for the mentions as they stand."""
        if self._scopes is None:
            self._scopes = block_scopes(self.document, self.mentions)
        return self._scopes

    @property
    def text(self) -> str:
        return self.document.text

    def block_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def block_bounds(self, offset: int) -> tuple[int, int]:
        block = self.document.blocks[self.block_index(offset)]
        return block.start, block.end

    def mentions_between(self, start: int, end: int, levels=("commune", "village")) -> list[Mention]:
        lo = bisect.bisect_left(self._mention_starts, start)
        hi = bisect.bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.level in levels]

    def unit_before(self, position: int, floor: int | None = None) -> Mention | None:
        """The nearest commune or village named before `position` in its block, else the section's unit."""
        block_start, _ = self.block_bounds(position)
        floor = block_start if floor is None else floor
        clause_start = max(floor, self.text.rfind(";", floor, position) + 1, self.text.rfind(". ", floor, position) + 1)
        in_clause = [m for m in self.mentions_between(clause_start, position) if not m.qualifier]
        if in_clause:
            return in_clause[-1]
        bare = self._bare_commune_in_clause(position, floor)
        if bare:
            return bare
        before = [m for m in self.mentions_between(floor, position) if not m.qualifier]
        if before:
            return before[-1]
        return scope_unit(self.scopes[self.block_index(position)]) or self.subject

    def units_before(self, position: int) -> list[Mention]:
        """Like unit_before, but a subject of several units sharing one statement counts each of them:
        'Kon Đào và Văn Lem mỗi xã đạt 18/19 tiêu chí', 'xã A, xã B cùng thiếu tiêu chí số 13'."""
        unit = self.unit_before(position)
        if unit is None:
            return []
        block_start, _ = self.block_bounds(position)
        clause_start = max(block_start, self.text.rfind(";", block_start, position) + 1,
                           self.text.rfind(". ", block_start, position) + 1)
        in_clause = [m for m in self.mentions_between(clause_start, position) if not m.qualifier]
        between = self.text[unit.end:position]
        if len(in_clause) < 2 or in_clause[-1] is not unit or not (
                _DISTRIBUTIVE.search(between) or rx.fullmatch(r"(?i)\s*(?:đều\s+|cùng\s+)?(?:(?:đã|mới|chỉ|mới\s+chỉ)\s+)?(?:đạt(?:\s+đủ)?|có)\s*", between)):
            return [unit]
        run = [unit]
        for previous in reversed(in_clause[:-1]):
            if not _COORDINATION.fullmatch(self.text[previous.end:run[0].start]):
                break
            run.insert(0, previous)
        return run

    def _bare_commune_in_clause(self, position: int, floor: int) -> Mention | None:
        """A commune named without 'xã' in the statement's own clause ('Trong đó, Sam Mứn đạt 14 tiêu chí'), when
        the register knows the name."""
        from ntm.normalize.vntext import placement_key

        named = self._named_communes
        clause_start = max(floor, self.text.rfind(";", floor, position) + 1, self.text.rfind(". ", floor, position) + 1)
        found = [n for n in _NAMES.finditer(self.text[clause_start:position])
                 if placement_key(n.group(0)) in named]  # a commune this document names elsewhere with its keyword
        if not found:
            return None
        n = found[-1]
        return Mention("commune", n.group(0), clause_start + n.start(), clause_start + n.end())

    def criteria_set(self, level: str):
        """The set a statement at `level` is read under: one the document lays out itself, else the published one."""
        return self.local_sets.get(level) or choose_set(level, self.year, self.province)

    def level_at(self, position: int, unit: Mention | None, after: int | None = None) -> str:
        """Criteria level of a statement: a village's is 'thon'; else the level its clause names
        ('... xã NTM nâng cao (xã A đạt 9/19 ...)'), else its section's, else the plain commune set."""
        if unit is not None and unit.level == "village":
            return "thon"
        block_start, block_end = self.block_bounds(position)
        level = None
        if after is not None:  # the set named right after the count's noun is its own ('3/4 tiêu chí ... kiểu mẫu')
            tail = rx.split(r"[;,()]|\.\s|\d", self.text[after:block_end], maxsplit=1)[0]
            level = level_in(tail)
        if level is None:
            level = level_in(clause_context(self.text, position, block_start))
        if level is None:  # the same sentence, across ';' ("xã đạt 14/19 tiêu chí NTM nâng cao; còn 05 tiêu chí chưa đạt")
            sentence_start = max(self.text.rfind(". ", block_start, position) + 1, block_start)
            level = level_in(self.text[sentence_start:position])
        if level is None:  # an earlier sentence of the paragraph that measures criteria under a named set
            for sentence in reversed(rx.split(r"(?<=\.)\s+(?=\p{Lu})", self.text[block_start:position])[:-1]):
                if rx.search(r"(?i)tiêu\s*chí", sentence) and (level := level_in(sentence)):
                    break
        return level or self._list_lead_level(position) or scope_level(self.scopes[self.block_index(position)]) \
            or self.default_level

    def _list_lead_level(self, position: int) -> str | None:
        """The set named by the line that opens a list item's list ('Kết quả rà soát theo Bộ tiêu chí xã nông thôn
        mới nâng cao ... đối với 03 xã:' over '- Xã A đạt 17/19 tiêu chí ...')."""
        blocks = self.document.blocks
        index = self.block_index(position)
        if blocks[index].kind not in ("list_item", "table_cell"):
            return None
        for previous in reversed(blocks[max(0, index - 40):index]):
            if previous.kind in ("list_item", "table_cell"):
                continue
            lead = self.text[previous.start:previous.end].rstrip()
            if not lead.endswith(":"):
                return None
            last = rx.split(r"(?<=[.;])\s+", lead)[-1]  # 'trong đó A đã đạt chuẩn nâng cao; Ba xã còn lại ...:' names none
            return level_in(last) if rx.search(r"(?i)tiêu\s*chí", last) else None
        return None
