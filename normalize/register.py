"""The national register of administrative units (vietnamadminunits, legacy 63-province structure)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import regex

from .vntext import bare_key, placement_key

# The register tells apart two units of one name in one district by their kind: "Mỹ An (Xã)", "Mỹ An (Thị trấn)".
_KIND_SUFFIX = regex.compile(r"\s*\((?:Xã|Phường|Thị trấn|Huyện|Thị xã|Thành phố|Quận)\)$")


def plain_name(registered: str) -> str:
    return _KIND_SUFFIX.sub("", registered)


@dataclass(frozen=True)
class Unit:
    level: str  # province, district, commune
    name: str  # short name as registered ("Long Đống")
    kind: str  # Tỉnh, Thành phố, Huyện, Thị xã, Xã, Phường, Thị trấn
    code: str
    district: str | None
    province: str
    district_code: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.kind} {self.name}"


class Register:
    def __init__(self, rows: list[dict]):
        self.provinces: dict[str, Unit] = {}
        self.districts: list[Unit] = []
        self.communes: list[Unit] = []
        seen_districts: set[str] = set()
        for r in rows:
            if r["provinceShort"] not in self.provinces:
                self.provinces[r["provinceShort"]] = Unit("province", r["provinceShort"], r["province"].split(" ")[0]
                                                          if not r["province"].startswith("Thành phố") else "Thành phố",
                                                          r["provinceCode"], None, r["provinceShort"])
            if r["districtCode"] not in seen_districts:
                seen_districts.add(r["districtCode"])
                self.districts.append(Unit("district", plain_name(r["districtShort"]), r["districtType"], r["districtCode"], None,
                                           r["provinceShort"]))
            if r["wardCode"]:
                self.communes.append(Unit("commune", plain_name(r["wardShort"]), r["wardType"], r["wardCode"], r["districtShort"],
                                          r["provinceShort"], r["districtCode"]))
        self.by_placement: dict[str, dict[str, list[Unit]]] = {"province": defaultdict(list), "district": defaultdict(list),
                                                               "commune": defaultdict(list)}
        self.by_bare: dict[str, dict[str, list[Unit]]] = {"province": defaultdict(list), "district": defaultdict(list),
                                                         "commune": defaultdict(list)}
        self.communes_of: dict[str, list[Unit]] = defaultdict(list)
        for unit in [*self.provinces.values(), *self.districts, *self.communes]:
            self.by_placement[unit.level][placement_key(unit.name)].append(unit)
            self.by_bare[unit.level][bare_key(unit.name)].append(unit)
        for unit in self.communes:
            self.communes_of[unit.district_code].append(unit)

    def district_units(self, name: str) -> list[Unit]:
        return self.by_placement["district"].get(placement_key(name), [])

    def province_unit(self, name: str) -> Unit | None:
        found = self.by_placement["province"].get(placement_key(name), [])
        return found[0] if found else None


@lru_cache(maxsize=1)
def load_register() -> Register:
    from vietnamadminunits.database import query
    rows = query("SELECT province, district, ward, provinceShort, districtShort, wardShort, districtType, wardType, "
                 "provinceCode, districtCode, wardCode FROM admin_units_legacy")
    return Register(rows)


@lru_cache(maxsize=4096)
def unit_2025(commune: str, kind: str, district_kind: str, district: str, province: str) -> tuple[str | None, str | None]:
    """(code, name) of the unit a pre-2025 commune belongs to after the 2025 reorganisation."""
    try:
        from vietnamadminunits import convert_address
        new = convert_address(f"{kind} {commune}, {district_kind} {district}, {province}")
    except Exception:
        return None, None
    return new.ward_code, (f"{new.ward}, {new.province}" if new.ward else None)
