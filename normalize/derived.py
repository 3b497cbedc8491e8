"""Columns and rows derived from one document's own rows once it has been read: typed dates beside the text at
the document's precision, the unit's code, district and province on the fact tables that name a unit, and the
document's `unit_progress` rows."""
from __future__ import annotations

import calendar
import datetime as dt

from ntm.normalize.dates import iso_day
from ntm.records import DocumentRow

from .progress import unit_progress_rows

_QUARTER_MONTHS = {"1": (1, 3), "2": (4, 6), "3": (7, 9), "4": (10, 12)}


def due_range(due_date: str | None) -> tuple[str | None, str | None]:
    """The first and last day a deadline written at its precision covers: '2024-Q3' -> 2024-07-01..2024-09-30,
    '2020-06' -> 2020-06-01..2020-06-30, '2020' -> 2020-01-01..2020-12-31, a day -> that day."""
    if not due_date:
        return None, None
    year = int(due_date[:4])
    rest = due_date[5:]
    if not rest:
        first_month, last_month = 1, 12
    elif rest.startswith("Q"):
        first_month, last_month = _QUARTER_MONTHS[rest[1:]]
    elif len(rest) == 2:
        first_month = last_month = int(rest)
    else:
        return due_date, due_date
    last_day = calendar.monthrange(year, last_month)[1]
    return dt.date(year, first_month, 1).isoformat(), dt.date(year, last_month, last_day).isoformat()


def issue_date(document: DocumentRow) -> str | None:
    if document.issue_year and document.issue_month and document.issue_day:
        return iso_day(document.issue_day, document.issue_month, document.issue_year)
    return None


def derive(document: DocumentRow, tables: dict[str, list]) -> None:
    """Fill the derived columns of `document` and its `tables` in place, and add its `unit_progress` rows."""
    document.issue_date = issue_date(document)
    for row in tables.get("deadlines", []):
        row.due_from, row.due_to = due_range(row.due_date)
    for row in tables.get("references", []):
        row.date_value = row.date
    _attach_units(tables)
    tables["unit_progress"] = unit_progress_rows(document, tables)


def _attach_units(tables: dict[str, list]) -> None:
    """unit_code, district, province from the `units` row of the same name (the first that has a code)."""
    by_name: dict[tuple[str, str], object] = {}
    for unit in tables.get("units", []):
        key = (unit.level, unit.name)
        if key not in by_name or (by_name[key].code is None and unit.code is not None):
            by_name[key] = unit
    for name in ("criteria_status", "criteria_counts"):
        for row in tables.get(name, []):
            unit = by_name.get((row.unit_level, row.unit))
            if unit is not None:
                row.unit_code, row.district, row.province = unit.code, unit.district, unit.province
    for row in tables.get("averages", []):
        unit = by_name.get(("district", row.scope)) or by_name.get(("province", row.scope))
        if unit is not None:
            row.unit_code, row.province = unit.code, unit.province
            row.district = unit.name if unit.level == "district" else None
