"""Corpus-level review, run after every document is read: name variants across the whole run, and the
reviewers' decisions from data/aliases.csv applied."""
from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

from ntm.records import NameVariantRow

from .names import variant_of
from .vntext import placement_key

DECISIONS = ("confirmed", "rejected")
ALIAS_FIELDS = ("level", "scope", "variant", "canonical", "decision")  # the columns of data/aliases.csv, in order

_reported: set[tuple[str, int, str]] = set()  # a run reads the file twice: say each bad line once


def read_aliases(path: Path) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(level, scope key, variant key) -> (canonical, decision). A line that cannot be honoured is reported on
    stderr with its line number (one line each), never dropped in silence; `#` lines are comments, and a
    repeated header (pasted with `ntm variants`' output) is no decision."""
    if not path.exists():
        return {}
    out = {}
    with path.open(encoding="utf-8", newline="") as handle:
        # comment lines become blank ones, so the reader's line numbers stay the file's
        reader = csv.reader("\n" if line.lstrip().startswith("#") else line for line in handle)
        header = None
        for fields in reader:
            if not any(field.strip() for field in fields):
                continue
            if header is None:
                header = [field.strip().lower() for field in fields]
                missing = [name for name in ALIAS_FIELDS if name not in header]
                if missing:
                    _report(path, reader.line_num, fields, f"the header lacks {', '.join(missing)} (expected "
                                                           f"{','.join(ALIAS_FIELDS)}); the file is ignored")
                    return {}
                continue
            if [field.strip().lower() for field in fields] == header:
                continue
            problem = _alias_problem(fields, header)
            if problem:
                _report(path, reader.line_num, fields, f"{problem}; the line is ignored")
                continue
            row = dict(zip(header, (field.strip() for field in fields)))
            key = (row["level"], placement_key(row["scope"]), placement_key(row["variant"]))
            out[key] = (row["canonical"], row["decision"].lower())
    return out


def _alias_problem(fields: list[str], header: list[str]) -> str | None:
    if len(fields) != len(header):
        return (f"{len(fields)} fields where the header has {len(header)} ({','.join(header)}); "
                "a scope with a comma needs quotes, a comment its own line")
    row = dict(zip(header, (field.strip() for field in fields)))
    if row["decision"].lower() not in DECISIONS:
        return f"decision {row['decision']!r} is not {' or '.join(DECISIONS)}"
    empty = [name for name in ("level", "variant", "canonical") if not row[name]]
    return f"{', '.join(empty)} empty" if empty else None


def _report(path: Path, line: int, fields: list[str], message: str) -> None:
    key = (str(path.resolve()), line, ",".join(fields))
    if key not in _reported:
        _reported.add(key)
        print(f"ntm: {path} line {line}: {message}", file=sys.stderr)


def alias_line(variant: dict, decision: str) -> list[str]:
    """A name_variants row as the fields of an aliases.csv line with `decision`."""
    values = {**variant, "scope": variant.get("scope") or "", "decision": decision}
    return [str(values[name]) for name in ALIAS_FIELDS]


def review_corpus(tables: dict[str, list], aliases_path: Path) -> None:
    aliases = read_aliases(aliases_path)
    occurrences: dict[tuple, dict] = {}
    for unit in tables.get("units", []):
        if placement_key(unit.raw_name) == placement_key(unit.name):
            continue
        scope = unit.commune if unit.level == "village" else ", ".join(x for x in (unit.district, unit.province) if x)
        key = (unit.level, scope, unit.name, unit.raw_name)
        entry = occurrences.setdefault(key, {"count": 0, "docs": set(), "method": unit.match_method, "score": unit.match_score})
        entry["count"] += 1
        entry["docs"].add(unit.doc_id)
    seen = {(placement_key(k[2]), placement_key(k[3])) for k in occurrences}  # a set: one lookup a flag, not a scan
    for flag in tables.get("flags", []):
        if flag.kind == "name_variant" and len(flag.values) >= 2 and (
                placement_key(flag.values[0]), placement_key(flag.values[1])) not in seen:
            level = flag.detail.split()[0].lower() if flag.detail else "name"
            key = (level, None, flag.values[0], flag.values[1])
            seen.add((placement_key(key[2]), placement_key(key[3])))
            entry = occurrences.setdefault(key, {"count": 0, "docs": set(), "method": "cluster", "score": 0.8})
            entry["count"] += 1
            entry["docs"].add(flag.doc_id)
    _cluster_villages_across_documents(tables, occurrences)
    _cluster_signers_across_documents(tables, occurrences)
    rows = []
    for (level, scope, canonical, variant), entry in sorted(occurrences.items(), key=lambda kv: (kv[0][0], kv[0][2])):
        decision = aliases.get((level, placement_key(scope or ""), placement_key(variant)))
        status = decision[1] if decision else "auto"
        if decision and decision[1] == "confirmed":
            canonical = decision[0]
        method = "alias_file" if decision else ("register" if entry["method"] not in ("document", "cluster", None) else "cluster")
        rows.append(NameVariantRow(level=level, scope=scope, canonical=canonical, variant=variant,
                                   occurrences=entry["count"], doc_ids=sorted(entry["docs"]), method=method,
                                   confidence=float(entry["score"] or 0.8), status=status))
    _apply_decisions(tables, aliases)
    tables["name_variants"] = rows


def _cluster_villages_across_documents(tables, occurrences) -> None:
    """Villages of one commune spelled one mark or letter apart in different documents."""
    by_commune = defaultdict(lambda: defaultdict(lambda: {"count": 0, "docs": set()}))
    for unit in tables.get("units", []):
        if unit.level == "village" and unit.commune:
            entry = by_commune[unit.commune][unit.name]
            entry["count"] += 1
            entry["docs"].add(unit.doc_id)
    for commune, spellings in by_commune.items():
        names = sorted(spellings, key=lambda n: (-spellings[n]["count"], -len(n)))
        for i, canonical in enumerate(names):
            for variant in names[i + 1:]:
                if variant_of(canonical, variant):
                    key = ("village", commune, canonical, variant)
                    if key not in occurrences:
                        occurrences[key] = {"count": spellings[variant]["count"], "docs": spellings[variant]["docs"],
                                            "method": "cluster", "score": 0.7}


def _cluster_signers_across_documents(tables, occurrences) -> None:
    """People of one office: the signers of one issuer's documents, spelled one mark or letter apart."""
    by_office = defaultdict(lambda: defaultdict(set))
    for document in tables.get("documents", []):
        if document.status == "ok" and document.signer_name and document.issuer:
            by_office[document.issuer][document.signer_name].add(document.doc_id)
    for office, spellings in by_office.items():
        names = sorted(spellings, key=lambda n: (-len(spellings[n]), -len(n)))
        for i, canonical in enumerate(names):
            for variant in names[i + 1:]:
                if variant_of(canonical, variant):
                    key = ("person", office, canonical, variant)
                    occurrences.setdefault(key, {"count": len(spellings[variant]), "docs": spellings[variant],
                                                 "method": "cluster", "score": 0.7})


def _apply_decisions(tables, aliases) -> None:
    """A confirmed alias renames the unit everywhere; a rejected one keeps the raw spelling as its own name."""
    if not aliases:
        return
    for unit in tables.get("units", []):
        scope = unit.commune if unit.level == "village" else ", ".join(x for x in (unit.district, unit.province) if x)
        decision = aliases.get((unit.level, placement_key(scope or ""), placement_key(unit.raw_name)))
        if decision is None:
            continue
        canonical, verdict = decision
        unit.name = canonical if verdict == "confirmed" else unit.raw_name
        unit.match_method = "alias_file"


def pending_variants(data_dir: Path, aliases_path: Path) -> list[dict]:
    import pyarrow.parquet as pq
    path = data_dir / "name_variants.parquet"
    if not path.exists():
        return []
    return [r for r in pq.read_table(path).to_pylist() if r["status"] == "auto"]
