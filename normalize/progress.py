"""unit_progress: a commune's criteria counts in one document, per criteria set, from the document's own exact
counts, or from its status of every criterion of the set when it states no count."""
from __future__ import annotations

from collections import defaultdict

from ntm.extract.criteria_sets import all_sets, choose_set
from ntm.records import DocumentRow, UnitProgressRow

KINDS = ("met", "unmet", "near_met")


def unit_progress_rows(document: DocumentRow, tables: dict[str, list]) -> list[UnitProgressRow]:
    """Rows for the communes of one document (its criteria rows already carry unit_code and district)."""
    sets = {r.level: r.criteria_set for r in tables.get("criteria_status", []) if r.criteria_set}
    rows: dict[tuple[str, str], UnitProgressRow] = {}
    stated: dict[tuple[str, str], list] = defaultdict(list)
    for count in tables.get("criteria_counts", []):
        if count.unit_level == "commune" and count.count_min == count.count_max:
            stated[(count.unit, count.level)].append(count)
    for (unit, level), counts in stated.items():
        values = {kind: {c.count_min for c in counts if c.kind == kind} for kind in KINDS}
        totals = {c.total for c in counts if c.total}
        criteria_set = sets.get(level) or _set_id(level, document)
        rows[(unit, level)] = _row(document, counts[0], level, criteria_set, "stated_count",
                                   {kind: _only(v) for kind, v in values.items()}, _only(totals))
    listed: dict[tuple[str, str], list] = defaultdict(list)
    for status in tables.get("criteria_status", []):
        if status.unit_level == "commune" and (status.unit, status.level) not in rows:
            listed[(status.unit, status.level)].append(status)
    for (unit, level), statuses in listed.items():
        criteria_set = all_sets().get(statuses[0].criteria_set) if statuses[0].criteria_set \
            else choose_set(level, document.issue_year, document.province)
        by_criterion = defaultdict(set)
        for status in statuses:
            by_criterion[status.criterion].add(status.status)
        complete = criteria_set is not None and set(by_criterion) == set(criteria_set.names)
        if not complete or any(len(s) > 1 for s in by_criterion.values()):
            continue  # a partial list (only the unmet ones, say) or a contradictory one counts nothing
        tally = {kind: sum(1 for s in by_criterion.values() if kind in s) for kind in KINDS}
        rows[(unit, level)] = _row(document, statuses[0], level, criteria_set.set_id, "status_list", tally,
                                   len(criteria_set.names))
    return list(rows.values())


def _row(document: DocumentRow, first, level: str, criteria_set: str | None, basis: str, counts: dict,
         total: int | None) -> UnitProgressRow:
    key = first.unit_code or f"{first.unit}|{first.district or ''}"
    return UnitProgressRow(doc_id=first.doc_id, start=first.start, end=first.end, page=first.page,
                           evidence=first.evidence, confidence=first.confidence, unit_key=key, unit=first.unit,
                           unit_code=first.unit_code, district=first.district, province=first.province,
                           doc_date=document.issue_date, doc_year=document.issue_year, level=level,
                           criteria_set=criteria_set, met=counts["met"], unmet=counts["unmet"],
                           near_met=counts["near_met"], total=total, basis=basis)


def _only(values: set):
    """The value when the document gives one; none when it gives two different ones (a count_conflict)."""
    return next(iter(values)) if len(values) == 1 else None


def _set_id(level: str, document: DocumentRow) -> str | None:
    chosen = choose_set(level, document.issue_year, document.province)
    return chosen.set_id if chosen else None
