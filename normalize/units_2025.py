"""Each register commune's unit after the 2025 reorganisation, read from a table built once with
vietnamadminunits instead of converting an address per commune at run time (about 1.3 ms of CPU each, 10 % of
extraction on a report that names many communes).

The table (normalize/data/communes_2025.tsv.gz) records the library version it was built with; under another
version it is not used and every commune is converted as before. Rebuild it after upgrading the library:

    .venv/bin/python -m ntm.normalize.units_2025
"""
from __future__ import annotations

import gzip
import importlib.metadata
from functools import lru_cache
from pathlib import Path

from .register import Unit, load_register, unit_2025

TABLE = Path(__file__).parent / "data" / "communes_2025.tsv.gz"
LIBRARY = "vietnamadminunits"


def conversion_arguments(unit: Unit, district: Unit) -> tuple[str, str, str, str, str]:
    """What register.unit_2025 is asked for a commune of a district: the address parts the library reads."""
    municipal = unit.province.startswith(("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"))
    province = f"Thành phố {unit.province}" if municipal else f"Tỉnh {unit.province}"
    return unit.name, unit.kind, district.kind, district.name, province


def _library_version() -> str:
    try:
        return importlib.metadata.version(LIBRARY)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


@lru_cache(maxsize=1)
def table() -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """(commune code, district code) -> (code, name) after 2025; empty when the table is missing or was built with
    another version of the library."""
    try:
        lines = gzip.decompress(TABLE.read_bytes()).decode("utf-8").splitlines()
    except OSError:
        return {}
    if not lines or lines[0] != f"# {LIBRARY}={_library_version()}":
        return {}
    found = {}
    for line in lines[1:]:
        code, district_code, new_code, new_name = line.split("\t")
        found[(code, district_code)] = (new_code or None, new_name or None)
    return found


def build(path: Path = TABLE) -> int:
    register = load_register()
    districts = {d.code: d for d in register.districts}
    lines = [f"# {LIBRARY}={_library_version()}"]
    for unit in register.communes:
        new_code, new_name = unit_2025(*conversion_arguments(unit, districts[unit.district_code]))
        lines.append("\t".join([unit.code, unit.district_code, new_code or "", new_name or ""]))
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    return len(lines) - 1


if __name__ == "__main__":
    print(f"{build()} communes written to {TABLE}")
