"""A commune's unit after the 2025 reorganisation comes from a table built with vietnamadminunits; it must say what
the library says, and step aside when the library is another version."""
import random

import pytest

from ntm.normalize import units_2025
from ntm.normalize.register import load_register, unit_2025
from ntm.normalize.units import code_2025


@pytest.fixture(scope="module")
def districts():
    return {d.code: d for d in load_register().districts}


def test_the_table_holds_every_register_commune():
    table = units_2025.table()
    assert table, "normalize/data/communes_2025.tsv.gz is missing or built with another vietnamadminunits"
    assert {(u.code, u.district_code) for u in load_register().communes} == set(table)


def test_the_table_says_what_the_library_says(districts):
    table = units_2025.table()
    for unit in random.Random(2025).sample(load_register().communes, 60):
        live = unit_2025.__wrapped__(*units_2025.conversion_arguments(unit, districts[unit.district_code]))
        assert table[(unit.code, unit.district_code)] == live, unit


@pytest.mark.parametrize("name, district", [("Long Đống", "Bắc Sơn"), ("Điềm Mặc", "Định Hóa"), ("Tân Lập", "Bắc Sơn")])
def test_a_commune_gets_its_2025_unit(districts, name, district):
    unit = next(u for u in load_register().communes if u.name == name and u.district == district)
    code, new_name = code_2025(unit, districts[unit.district_code])
    assert code and new_name and new_name.endswith(unit.province)


def test_under_another_library_version_every_commune_is_converted_live(monkeypatch, districts):
    monkeypatch.setattr(units_2025, "_library_version", lambda: "0.0.0")
    units_2025.table.cache_clear()
    try:
        assert units_2025.table() == {}
        unit = next(u for u in load_register().communes if u.name == "Long Đống")
        assert code_2025(unit, districts[unit.district_code]) == \
               unit_2025(*units_2025.conversion_arguments(unit, districts[unit.district_code]))
    finally:
        units_2025.table.cache_clear()
