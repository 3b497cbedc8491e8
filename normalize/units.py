"""Resolve unit mentions against the register, in the context of the document's own area."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from . import units_2025
from .register import Register, Unit, load_register, unit_2025
from .vntext import bare, bare_key, mark_differences, placement_key, same_name, spacing_key, stroke_key, syllable_edit, syllables

METHOD_SCORES = {"exact": 1.0, "case_tone_placement": 0.98, "spacing": 0.95, "d_stroke": 0.92, "one_mark": 0.9,
                 "edit_distance": 0.75}


@dataclass
class Match:
    unit: Unit | None
    method: str  # exact, case_tone_placement, one_mark, edit_distance, ambiguous, none
    score: float
    candidates: list[Unit] = field(default_factory=list)


STRICT_STEPS = ("exact", "case_tone_placement", "spacing")


KIND_OF_KEYWORD = {"xã": "Xã", "phường": "Phường", "thị trấn": "Thị trấn"}


@lru_cache(maxsize=262144)
def _skeleton(name: str) -> str:
    """The letters of a name without marks, spaces or case: every step but edit_distance keeps them."""
    return bare(name).replace(" ", "").replace("-", "")


@dataclass
class _PoolIndex:
    pool: list[Unit]
    size: int
    by_skeleton: dict[str, list[Unit]]
    shapes: list[tuple[int, int, Unit]]  # syllable count, skeleton length, unit


_POOL_INDEXES: dict[int, _PoolIndex] = {}


def _pool_index(pool: list[Unit]) -> _PoolIndex:
    """Pools are the register's own lists, asked about thousands of times a document: index each once. The entry
    keeps its pool alive, so an id is never reused for another list while it is cached."""
    entry = _POOL_INDEXES.get(id(pool))
    if entry is not None and entry.pool is pool and entry.size == len(pool):
        return entry
    if len(_POOL_INDEXES) > 512:
        _POOL_INDEXES.clear()
    by_skeleton: dict[str, list[Unit]] = {}
    for unit in pool:
        by_skeleton.setdefault(_skeleton(unit.name), []).append(unit)
    shapes = [(len(syllables(u.name)), len(_skeleton(u.name)), u) for u in pool]
    entry = _POOL_INDEXES[id(pool)] = _PoolIndex(pool, len(pool), by_skeleton, shapes)
    return entry


def _one_edit_apart(index: _PoolIndex, raw: str) -> list[Unit]:
    count, length = len(syllables(raw)), len(_skeleton(raw))
    return [u for c, n, u in index.shapes if c == count and abs(n - length) <= 1]


def match_name(raw: str, pool: list[Unit], strict_only: bool = False, kind: str | None = None) -> Match:
    """The register entry in `pool` that `raw` names, trying ever looser steps; ties abstain. Two entries of one
    name in one district differ in kind (a commune and a town): the kind written before the name decides, and a
    name written without one is the commune, the unit the programme is about."""
    steps = (
        ("exact", lambda u: u.name == raw),
        ("case_tone_placement", lambda u: same_name(u.name, raw)),
        ("spacing", lambda u: spacing_key(u.name) == spacing_key(raw)),
        ("d_stroke", lambda u: stroke_key(u.name) == stroke_key(raw)),
        ("one_mark", lambda u: mark_differences(u.name, raw) == 1),
        ("edit_distance", lambda u: syllable_edit(u.name, raw) == 1),
    )
    index = _pool_index(pool)
    same_letters = index.by_skeleton.get(_skeleton(raw), [])
    for method, test in steps:
        if strict_only and method not in STRICT_STEPS:
            break
        found = [u for u in (_one_edit_apart(index, raw) if method == "edit_distance" else same_letters) if test(u)]
        if len(found) > 1 and len({u.name for u in found}) == 1:
            found = [u for u in found if u.kind == (kind or "Xã")] or found
        if len(found) == 1:
            return Match(found[0], method, METHOD_SCORES[method])
        if len(found) > 1:
            return Match(None, "ambiguous", 0.0, found)
    return Match(None, "none", 0.0)


@dataclass
class Area:
    province: Unit | None
    district: Unit | None
    districts: list[Unit]  # every district the document names, resolved within its province


def _district_candidates(register: Register, raw: str) -> list[Unit]:
    found = register.district_units(raw)
    if found:
        return found
    match_pool = register.by_placement["district"]
    return [u for key, units in match_pool.items() for u in units if mark_differences(u.name, raw) == 1][:4]


@lru_cache(maxsize=65536)
def _explains(raw: str, district_code: str) -> bool:
    """Does `raw` name a commune of the district (at any matching step)? Cached: area inference asks often."""
    return match_name(raw, load_register().communes_of[district_code]).unit is not None


KIND_OF_DISTRICT_KEYWORD = {"huyện": "Huyện", "thị xã": "Thị xã", "thành phố": "Thành phố", "quận": "Quận"}


def infer_area(register: Register, provinces: list[str], districts: list[str], communes: list[str],
               place: str | None, district_kinds: dict[str, str] | None = None) -> Area:
    """The district the document is about: the one whose communes best explain the communes it names. Two
    districts of one name in one province (Kỳ Anh the district and Kỳ Anh the town) are told apart by the kind
    written before the name ('HUYỆN KỲ ANH'), given in `district_kinds` (raw name -> kind)."""
    district_kinds = district_kinds or {}
    written_kinds = {placement_key(raw): kind for raw, kind in district_kinds.items()}
    named_provinces = {p.name for p in (register.province_unit(x) for x in provinces) if p}
    candidates: dict[str, Unit] = {}
    district_counts = Counter(placement_key(d) for d in districts)
    for raw in districts:
        for unit in _district_candidates(register, raw):
            candidates[unit.code] = unit
    commune_names = {placement_key(c): c for c in communes}
    if not candidates:
        for raw in commune_names.values():
            for unit in register.by_bare["commune"].get(_bare(raw), []):
                district = next((d for d in register.districts if d.code == unit.district_code), None)
                if district:
                    candidates[district.code] = district
    best, best_score, tie = None, -1.0, False
    for district in candidates.values():
        explained = sum(1 for raw in commune_names.values() if _explains(raw, district.code))
        score = explained + 0.5 * district_counts.get(placement_key(district.name), 0) ** 0.5
        score += 1.0 if district.province in named_provinces else 0.0
        score += 0.25 if place and same_name(place, district.name) else 0.0
        score += 0.5 if written_kinds.get(placement_key(district.name)) == district.kind else 0.0
        if score > best_score + 1e-9:
            best, best_score, tie = district, score, False
        elif abs(score - best_score) <= 1e-9:
            tie = True
    if tie:
        best = None
    province = register.provinces.get(best.province) if best else None
    if province is None and named_provinces:
        province = register.provinces.get(sorted(named_provinces)[0])
    named = []
    for raw in dict.fromkeys(districts):
        options = _district_candidates(register, raw)
        chosen = [u for u in options if province and u.province == province.name] or options
        if len(chosen) > 1:
            chosen = [u for u in chosen if u.kind == district_kinds.get(raw)] or chosen
        if len(chosen) == 1:
            named.append(chosen[0])
    return Area(province, best, named)


def _bare(name: str) -> str:
    return bare_key(name)


def resolve_commune(register: Register, raw: str, area: Area, hint: str | None = None,
                    kind: str | None = None) -> tuple[Match, Unit | None]:
    """(match, district it was found in) for a commune name: first an exact or near-exact match in the district
    written beside it ('xã Tân Cảnh (huyện Đắk Tô)'), the document's district or the other districts it names;
    only then a looser match (one mark, one letter) in the same order."""
    order = ([area.district] if area.district else []) + [d for d in area.districts if area.district is None or d.code != area.district.code]
    if hint:
        paired = [d for d in area.districts if same_name(d.name, hint)]
        order = paired + [d for d in order if d not in paired]
    for strict_only in (True, False):
        for district in order:
            match = match_name(raw, register.communes_of[district.code], strict_only=strict_only, kind=kind)
            if match.unit is not None or match.method == "ambiguous":
                return match, district
    if area.district is None and area.province is None:
        everywhere = register.by_bare["commune"].get(_bare(raw), [])
        if len(everywhere) == 1:
            unit = everywhere[0]
            method = "exact" if unit.name == raw else "case_tone_placement" if same_name(unit.name, raw) else "one_mark"
            district = next((d for d in register.districts if d.code == unit.district_code), None)
            return Match(unit, method, METHOD_SCORES[method] * 0.8), district
        if len(everywhere) > 1:
            return Match(None, "ambiguous", 0.0, everywhere), None
    return Match(None, "none", 0.0), area.district


def code_2025(unit: Unit, district: Unit | None) -> tuple[str | None, str | None]:
    if district is None:
        return None, None
    built = units_2025.table().get((unit.code, district.code))
    return built if built is not None else unit_2025(*units_2025.conversion_arguments(unit, district))


__all__ = ["Area", "Match", "infer_area", "load_register", "match_name", "resolve_commune", "code_2025"]
