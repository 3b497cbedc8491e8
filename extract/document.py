"""Everything read from one document, resolved and normalised, as rows of the output tables."""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from dataclasses import dataclass, field

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize import findings
from ntm.normalize.fast_pattern import FastPattern
from ntm.normalize.names import cluster
from ntm.normalize.register import load_register
from ntm.normalize.units import KIND_OF_DISTRICT_KEYWORD, KIND_OF_KEYWORD, Area, code_2025, infer_area, match_name, resolve_commune
from ntm.normalize.vntext import bare_key, mark_differences, placement_key
from ntm.records import (AverageRow, CriteriaCountRow, CriterionStatusRow, DeadlineRow, FlagRow,
                         ReferenceRow, TargetRow, UnitRow)
from ntm.parsers.model import Document

from . import cues
from .area_names import AreaNames
from .averages import read_average_tables, read_averages
from .context import DocContext
from .criteria_counts import read_counts
from .criteria_sets import choose_set
from .criteria_status import read_statuses
from .deadlines import read_deadline_cells, read_deadlines
from .funding import funding_rows
from .header import read_header
from .names import NAME, NAME_AFTER_FIRST_CHARACTER, NAME_FIRST_CHARACTER
from .people import people
from .prefilter import Openings, finditer_at
from .references import read_references
from .scope import Scope, document_level
from .spans import SpanIndex, evidence
from .targets import read_targets

_ROUTE = regex.compile(rf"(?<![\p{{L}}])(?:tuyến|đường)\s+(?P<list>{NAME}(?:\s*[–-]\s*{NAME})+)")
_ROUTE_OPENINGS = Openings.of_pattern(_ROUTE.pattern)


@dataclass
class Facts:
    document_fields: dict
    tables: dict[str, list] = field(default_factory=dict)


@dataclass
class Names:
    """Raw spelling -> (canonical, row data) per level, and the document's area."""
    area: Area
    communes: dict[str, dict] = field(default_factory=dict)
    villages: dict[str, str] = field(default_factory=dict)
    districts: dict[str, dict] = field(default_factory=dict)
    provinces: dict[str, dict] = field(default_factory=dict)

    def canonical(self, mention) -> str:
        if mention.level == "village":
            return self.villages.get(mention.raw, mention.raw)
        table = {"commune": self.communes, "district": self.districts, "province": self.provinces}[mention.level]
        return table.get(mention.raw, {}).get("name", mention.raw)


def resolve_names(ctx: DocContext, header: dict) -> Names:
    register = load_register()
    by_level = defaultdict(list)
    for m in ctx.mentions:
        by_level[m.level].append(m.raw)
    district_kinds = {m.raw: KIND_OF_DISTRICT_KEYWORD[m.keyword.lower()] for m in ctx.mentions
                      if m.level == "district" and m.keyword and m.keyword.lower() in KIND_OF_DISTRICT_KEYWORD}
    area = infer_area(register, by_level["province"], by_level["district"], by_level["commune"], header.get("place"),
                      district_kinds)
    names = Names(area)
    for raw in dict.fromkeys(by_level["province"]):
        unit = register.province_unit(raw)
        method = "exact" if unit and unit.name == raw else "case_tone_placement" if unit else "none"
        if unit is None:  # 'tỉnh Quảng Bỉnh': one mark from one province
            close = [p for p in register.provinces.values() if mark_differences(p.name, raw) == 1]
            if len(close) == 1:
                unit, method = close[0], "one_mark"
        names.provinces[raw] = {"name": unit.name if unit else raw.title(), "code": unit.code if unit else None,
                                "method": method, "province": unit.name if unit else None}
    for raw in dict.fromkeys(by_level["district"]):
        unit = next((d for d in area.districts if placement_key(d.name) == placement_key(raw)), None)
        method = ("exact" if unit.name == raw else "case_tone_placement") if unit else "none"
        if unit is None and area.province is not None:  # 'huyện Bấc Sơn': one mark from one district of the province
            close = [d for d in register.districts
                     if d.province == area.province.name and mark_differences(d.name, raw) == 1]
            if len(close) == 1:
                unit, method = close[0], "one_mark"
        names.districts[raw] = {"name": unit.name if unit else raw, "code": unit.code if unit else None,
                                "province": unit.province if unit else (area.province.name if area.province else None),
                                "method": method}
    hints, kinds = {}, {}
    for m in ctx.mentions:
        if m.level == "commune" and m.district_hint:
            hints.setdefault(m.raw, m.district_hint)
        if m.level == "commune" and m.keyword:
            kinds.setdefault(m.raw, KIND_OF_KEYWORD.get(m.keyword.lower()))
    for raw in dict.fromkeys(by_level["commune"]):
        match, district = resolve_commune(register, raw, area, hints.get(raw), kinds.get(raw))
        unit = match.unit
        row = {"name": unit.name if unit else raw, "code": unit.code if unit else None, "method": match.method,
               "score": match.score, "district": (district.name if district else None),
               "province": (district.province if district else (area.province.name if area.province else None)),
               "candidates": [f"{c.name} ({c.district}, {c.province})" for c in match.candidates]}
        if unit is not None:
            row["code_2025"], row["name_2025"] = code_2025(unit, district)
        elif match.method == "none":  # communes of the area with its very letters, in other marks
            area_codes = {d.code for d in ([area.district] if area.district else []) + area.districts}
            row["same_letters"] = [c.name for c in register.by_bare["commune"].get(bare_key(raw), [])
                                   if c.district_code in area_codes]
        names.communes[raw] = row
    names.villages = cluster(by_level["village"])
    return names


# read by re, which the leading class lets skip to the digits and capitals a name opens with; no letter stands
# before that first character
_BARE_NAME = FastPattern(rf"{NAME_FIRST_CHARACTER}(?<![\p{{L}}]{NAME_FIRST_CHARACTER}){NAME_AFTER_FIRST_CHARACTER}")


def _communes_named_bare(ctx: DocContext, names: Names) -> list:
    """Communes written without 'xã' ('03 xã đăng ký về đích: Kon Đào, Văn Lem và Pô Kô', 'Hà Mòn và Đăk Mar đã
    đạt chuẩn', 'Riêng Tiên Lảnh còn ...'): names of two or more syllables that are a commune of the districts the
    document is about, exactly or with one wrong mark when no other commune of the area is that close."""
    from .units import Mention
    register = load_register()
    districts = {d.code: d for d in ([names.area.district] if names.area.district else []) + names.area.districts}
    larger = {placement_key(m.raw) for m in ctx.mentions if m.level in ("district", "province")}
    if names.area.province:
        larger |= _district_keys(names.area.province.name)
    pool = [u for d in districts.values() for u in register.communes_of[d.code]
            if len(u.name.split()) >= 2 and u.kind != "Thị trấn" and placement_key(u.name) not in larger]
    if not pool:
        return []
    known = {placement_key(u.name) for u in pool}
    first_syllables = {key.split(" ")[0] for key in known}
    openers = {w.lower() for w in cues.words("bare_unit_openers")}
    covered = SpanIndex((m.start, m.end) for m in ctx.mentions)
    extra = []
    for m in _BARE_NAME.finditer(ctx.text):
        words = m.group(0).split()
        offset = m.start()
        opened = len(words) > 2 and words[0].lower() in openers
        if not opened and placement_key(words[0]).split(" ")[0] not in first_syllables:
            continue  # no name of the area opens with this word: none of the run's beginnings is one
        if opened:  # "Riêng Tiên Lảnh": the opener is no part of the name
            offset += len(words[0]) + 1
            words = words[1:]
        for size in range(len(words), 1, -1):  # "Kon Đào Thực" -> "Kon Đào"
            candidate = " ".join(words[:size])
            key = placement_key(candidate)
            # a wrong mark is forgiven only where a clause opener says a unit follows: capitalised ordinary words
            # open sentences too ("Giao Phòng Nông nghiệp ..." is no 'Giao Phong')
            if key in known or opened and key not in larger and _one_mark_from_one(candidate, pool):
                end = offset + len(candidate)
                if not covered.overlaps(offset, end):
                    extra.append(Mention("commune", candidate, offset, end))
                break
    return extra


@lru_cache(maxsize=64)
def _district_keys(province: str) -> frozenset[str]:
    """The placement keys of a province's districts (read once, not for every document)."""
    return frozenset(placement_key(d.name) for d in load_register().districts if d.province == province)


def _one_mark_from_one(candidate: str, pool) -> bool:
    match = match_name(candidate, pool)
    return match.unit is not None and match.method == "one_mark"


def _subject_commune(ctx: DocContext, names: Names, header: dict):
    """A commune's own report ('UBND XÃ LỤC SƠN' over it, or its subject line naming one commune) is about it."""
    issuer = header.get("issuer") or ""
    match = rx.search(r"(?i)\bxã\s+(.+)$", issuer)
    if not match:
        return _commune_of_the_subject_line(ctx, header.get("title") or "")
    from .units import Mention, is_register_commune
    raw = match.group(1).strip()
    named = next((m for m in ctx.mentions if m.level == "commune" and placement_key(m.raw) == placement_key(raw)), None)
    if named is None and not is_register_commune(raw):  # 'ĐOÀN THẨM ĐỊNH XÃ NTM NÂNG CAO' names a set, not a commune
        return _commune_of_the_subject_line(ctx, header.get("title") or "")
    return named or Mention("commune", raw, 0, 0)


def _commune_of_the_subject_line(ctx: DocContext, title: str):
    """'Tờ trình đề nghị ... xét công nhận xã Xuân Phú đạt chuẩn nông thôn mới kiểu mẫu': the one commune a subject
    line names, which a statement that names no unit of its own is about."""
    at = ctx.text.find(title[:60]) if len(title) >= 20 else -1
    if at < 0:
        return None
    named = {placement_key(m.raw): m for m in ctx.mentions_between(at, at + len(title) + 20, levels=("commune",))
             if not m.qualifier}
    return next(iter(named.values())) if len(named) == 1 else None


def _area_fields(names: Names) -> dict:
    """The district the document is about; none when its communes spread over several districts it names
    (a province-level report, a decision covering three districts)."""
    district = names.area.district
    by_district = {}
    for info in names.communes.values():
        if info.get("code") and info.get("district"):
            by_district[info["district"]] = by_district.get(info["district"], 0) + 1
    if district and len(by_district) >= 2 and by_district.get(district.name, 0) < 0.7 * sum(by_district.values()):
        district = None
    return {"district": district.name if district else None,
            "province": names.area.province.name if names.area.province else None}


def extract_document(document: Document) -> Facts:
    header = read_header(document)
    ctx = DocContext(document, year=header.get("issue_year"), month=header.get("issue_month"))
    names = resolve_names(ctx, header)
    area_names = AreaNames.of(names.area)
    for _ in range(2):  # a province alone lets a district in lower case be read, and that district its communes
        if area_names is None:
            break
        ctx.reread_mentions(area_names)
        names = resolve_names(ctx, header)
        wider = AreaNames.of(names.area)
        if area_names or not wider:
            break
        area_names = wider
    extra = _communes_named_bare(ctx, names)
    if extra:
        ctx.add_mentions(extra)
        names = resolve_names(ctx, header)
    persons = people(document, header.get("signer_name"))
    _drop_places_named_as_people(ctx, names, persons)
    ctx.subject = _subject_commune(ctx, names, header)
    ctx.default_level = document_level(header.get("title") or "")
    header.update(_area_fields(names))
    ctx.province = header.get("province")
    tables: dict[str, list] = {}
    tables["units"] = _unit_rows(ctx, names)
    counts = _count_rows(ctx, names)
    tables["criteria_counts"] = counts
    statuses, status_flags, status_cues = _status_rows(ctx, names, counts)
    tables["criteria_status"] = statuses
    tables["averages"] = _dedupe([AverageRow(**evidence(document, a.start, a.end),
                                             scope=_scope_name(names, a.scope_raw, header),
                                             unit_level=a.unit_level, value=a.value)
                                  for a in read_averages(ctx) + read_average_tables(document)],
                                 lambda r: (r.scope, r.unit_level, r.value))
    tables["funding"] = funding_rows(document)
    tables["deadlines"] = _deadline_rows(ctx, document)
    own = f"{header.get('number') or ''}/{header.get('symbol')}" if header.get("symbol") else None
    references = [r for r in read_references(document.text) if r.symbol != own]
    dated = {r.symbol for r in references if r.date}
    references = [r for r in references if r.date or r.symbol not in dated]  # cited again later, without its date
    tables["references"] = _dedupe([ReferenceRow(**evidence(document, r.start, r.end), symbol=r.symbol, number=r.number,
                                                 cited_type=r.cited_type, date=r.date, date_raw=r.date_raw, issuer=r.issuer)
                                    for r in references], lambda r: (r.symbol, r.date))
    tables["targets"] = _dedupe([TargetRow(**evidence(document, t.start, t.end), indicator=t.indicator, value=t.value,
                                           unit=t.unit, comparator=t.comparator, raw=t.raw) for t in read_targets(ctx)],
                                lambda r: (r.indicator, r.value))
    flags = status_flags
    flags += findings.name_flags(ctx, names, header, persons, _route_spellings(ctx))
    flags += findings.count_flags(document, counts, statuses, status_cues, tables["averages"], ctx)
    flags += findings.date_flags(document, references)
    flags += findings.unit_mismatch_flags(ctx, names)
    tables["flags"] = flags
    return Facts(header, tables)


def _drop_places_named_as_people(ctx: DocContext, names: Names, persons) -> None:
    """'Kết luận của Phó Chủ tịch UBND tỉnh Phạm Quang Thái': a province or district the register does not know,
    written as a person the document names ('đồng chí Phạm Quang Thái - Phó Chủ tịch UBND tỉnh'), is that person."""
    named = {placement_key(name) for name, _, _ in persons}
    table = {"province": names.provinces, "district": names.districts}
    kept = [m for m in ctx.mentions if not (m.level in table and not table[m.level].get(m.raw, {}).get("code")
                                            and placement_key(m.raw) in named)]
    if len(kept) != len(ctx.mentions):
        ctx.mentions = kept
        ctx.index_mentions()


def _scope_name(names: Names, raw: str | None, header: dict) -> str | None:
    if raw and raw in names.districts:
        return names.districts[raw]["name"]
    if raw and raw in names.provinces:
        return names.provinces[raw]["name"]
    return header.get("district") or header.get("province")


def _dedupe(rows: list, key) -> list:
    seen, out = set(), []
    for row in rows:
        k = key(row)
        if k not in seen:
            seen.add(k)
            out.append(row)
    return out


def _unit_rows(ctx: DocContext, names: Names) -> list[UnitRow]:
    rows: list[UnitRow] = []
    seen: set[tuple[str, str]] = set()
    for m in ctx.mentions:
        if (m.level, m.raw) in seen:
            continue
        seen.add((m.level, m.raw))
        ev = evidence(ctx.document, m.start, m.end)
        if m.level == "village":
            commune = names.communes.get(m.commune_hint, {}).get("name", m.commune_hint) if m.commune_hint else _village_commune(ctx, m, names)
            rows.append(UnitRow(**ev, level="village", name=names.villages.get(m.raw, m.raw), raw_name=m.raw, commune=commune,
                                district=names.area.district.name if names.area.district else None,
                                province=names.area.province.name if names.area.province else None,
                                match_method="document", match_score=None))
            continue
        info = {"commune": names.communes, "district": names.districts, "province": names.provinces}[m.level][m.raw]
        rows.append(UnitRow(**ev, level=m.level, name=info["name"], raw_name=m.raw, commune=None,
                            district=info.get("district") if m.level == "commune" else (info["name"] if m.level == "district" else None),
                            province=info.get("province"), code=info.get("code") if m.level == "commune" else info.get("code"),
                            match_method=info.get("method"), match_score=info.get("score", 1.0 if info.get("code") else None),
                            code_2025=info.get("code_2025"), name_2025=info.get("name_2025")))
    return rows


def _village_commune(ctx: DocContext, mention, names: Names) -> str | None:
    for scope in reversed(ctx.scopes[ctx.block_index(mention.start)]):
        communes = {names.canonical(u) for u in scope.units if u.level == "commune"}
        if len(communes) == 1:
            return communes.pop()
    return None


def _status_rows(ctx: DocContext, names: Names, counts: list[CriteriaCountRow]):
    rows, flags, cues = [], [], []
    seen = set()
    for s in read_statuses(ctx):
        unit = names.canonical(s.unit)
        key = (unit, s.level, s.criterion, s.status)
        if s.cue_start is not None:
            cues.append((unit, s.status, s.criterion, s.cue_start))
        if key in seen:
            continue
        seen.add(key)
        criteria_set = ctx.criteria_set(s.level)
        canonical = criteria_set.names.get(s.criterion) if criteria_set else None
        row = CriterionStatusRow(**evidence(ctx.document, s.start, s.end), unit=unit,
                                 unit_level="village" if s.unit.level == "village" else "commune", level=s.level,
                                 criteria_set=criteria_set.set_id if criteria_set else None, criterion=s.criterion,
                                 criterion_name=canonical, criterion_name_raw=s.raw_name, status=s.status)
        rows.append(row)
        if criteria_set and s.raw_name and not criteria_set.matches(s.criterion, s.raw_name):
            other = criteria_set.number_for(s.raw_name)
            fits_elsewhere = any(alt.matches(s.criterion, s.raw_name) for alt in
                                 (choose_set(level, ctx.year, ctx.province) for level in ("ntm", "nang_cao", "thon"))
                                 if alt is not None)
            set_size = len(criteria_set.names)
            other_size = any(c.total and c.total != set_size for c in counts if c.level == s.level)
            if other is not None and other != s.criterion and not fits_elsewhere and not other_size:
                flags.append(FlagRow(**evidence(ctx.document, s.start, s.end), kind="criterion_mismatch",
                                     values=[str(s.criterion), s.raw_name, canonical or ""],
                                     detail=f"Criterion {s.criterion} is '{canonical}' in set {criteria_set.set_id}, "
                                            f"but the text names it '{s.raw_name}' (criterion {other} there).",
                                     severity="warning"))
    return rows, flags, cues


def _count_rows(ctx: DocContext, names: Names) -> list[CriteriaCountRow]:
    rows = []
    seen = set()
    for c in sorted(read_counts(ctx), key=lambda c: c.start):  # a count stated twice keeps its first statement
        unit = names.canonical(c.unit)
        key = (unit, c.level, c.kind, c.count_min, c.count_max)
        if key in seen:
            continue
        seen.add(key)
        rows.append(CriteriaCountRow(**evidence(ctx.document, c.start, c.end), unit=unit,
                                     unit_level="village" if c.unit.level == "village" else "commune", level=c.level,
                                     kind=c.kind, count_min=c.count_min, count_max=c.count_max, total=c.total))
    return rows


def _deadline_rows(ctx: DocContext, document: Document) -> list[DeadlineRow]:
    rows = []
    found = read_deadlines(document.text, ctx.year, ctx.month)
    for d in found + read_deadline_cells(document, found, ctx.year, ctx.month):
        ev = evidence(document, d.start, d.end)
        sentence_start = document.text.rfind("\n", 0, d.start) + 1
        task = rx.split(r"[.;]\s", document.text[sentence_start:d.start])[-1].strip(" ,:-+")
        rows.append(DeadlineRow(**ev, due_date=d.due_date, precision=d.precision, recurrence=d.recurrence,
                                day_of_month=d.day_of_month, relation=d.relation, date_raw=d.raw, task=task or None,
                                responsible=_responsible(ctx.scopes[ctx.block_index(d.start)], document.text)))
    return _dedupe(rows, lambda r: (r.due_date, r.recurrence, r.day_of_month, r.start))


def _responsible(scopes: list[Scope], text: str) -> str | None:
    for scope in reversed(scopes):
        heading = text[scope.start:scope.end]
        m = rx.search(r"(?i)đối với\s+(?P<who>[^:.;]+)", heading)
        if m:
            return m.group("who").strip()
    return None


def _route_spellings(ctx: DocContext) -> list[tuple[str, int, int]]:
    out = []
    for m in finditer_at(_ROUTE, ctx.text, _ROUTE_OPENINGS.positions(ctx.text)):
        pos = m.start("list")
        for part in rx.split(r"\s*[–-]\s*", m.group("list")):
            at = ctx.text.find(part, pos)
            out.append((part, at, at + len(part)))
            pos = at + len(part)
    return out
