"""`ntm eval`: score a run's tables against gold annotations written in the FORMAT.md format.

Per table: precision, recall and F1 of predicted rows against gold rows, matched on each table's key
(names compared case-insensitively and with old/new tone placement treated as equal). Flags match on their
kind and at least one shared value; every kind is scored, since a gold file lists every true finding. Document fields: accuracy of each field on its own (title: 90% word overlap).
Funding totals whose parts are rows of their own (is_total) are not scored: gold counts that money once, in its parts."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq
import regex

from ntm.normalize.vntext import placement_key


def _name(value) -> str:
    return placement_key(str(value)) if value is not None else ""


def _number(value):
    return None if value is None else round(float(value), 2)


KEYS = {
    "units": (lambda r: (r["level"], _name(r["name"]))),
    "criteria_status": (lambda r: (_name(r["unit"]), int(r["criterion"]), r["status"])),
    "criteria_counts": (lambda r: (_name(r["unit"]), r["kind"], int(r.get("count_min", r.get("min"))),
                                   int(r.get("count_max", r.get("max"))))),
    "averages": (lambda r: (_number(r["value"]),)),
    "funding": (lambda r: (int(r["amount_vnd"]),)),
    "deadlines": (lambda r: (r.get("due_date", r.get("date")), r.get("recurrence"))),
    "references": (lambda r: (regex.sub(r"\s+", "", r["symbol"]), r.get("date"))),
    "targets": (lambda r: (_number(r["value"]),)),
}
DOCUMENT_FIELDS = {"doc_type": "doc_type", "symbol": "symbol", "number": "number", "title": "title", "place": "place",
                   "year": "issue_year", "month": "issue_month", "day": "issue_day", "issuer": "issuer",
                   "signer_name": "signer_name", "signer_title": "signer_title", "province": "province",
                   "district": "district", "inspection_start": "inspection_start", "inspection_end": "inspection_end"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    tables: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    fields: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    misses: dict[str, dict[str, dict[str, list]]] = field(default_factory=dict)
    unmatched_gold: list[str] = field(default_factory=list)

    @property
    def field_accuracy(self) -> float:
        values = [v for vs in self.fields.values() for v in vs]
        return sum(values) / len(values) if values else 1.0


def _load(data_dir: Path, table: str) -> list[dict]:
    path = data_dir / f"{table}.parquet"
    return pq.read_table(path).to_pylist() if path.exists() else []


def _field_equal(name: str, gold, predicted) -> bool:
    options = gold if isinstance(gold, list) else [gold]
    return any(_one_field_equal(name, g, predicted) for g in options)


def _one_field_equal(name: str, gold, predicted) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if name == "title":
        g = set(regex.findall(r"\w+", _name(gold)))
        p = set(regex.findall(r"\w+", _name(predicted)))
        return bool(g) and len(g & p) / max(len(g), len(p)) >= 0.9
    if name in ("year", "month", "day"):
        return int(gold) == int(predicted)
    if name == "number":
        return str(gold).strip() == str(predicted).strip()
    return _issuer_form(gold) == _issuer_form(predicted)


def _issuer_form(value) -> str:
    text = _name(value)
    return regex.sub(r"ủy ban nhân dân|uỷ ban nhân dân", "ubnd", text)


def _flag_matches(gold_flags: list[dict], predicted: list[dict]) -> tuple[int, list, list]:
    remaining = list(predicted)
    missed = []
    for g in gold_flags:
        values = {_name(v) for v in g.get("values", [])}
        hit = next((p for p in remaining if p["kind"] == g["kind"] and values & {_name(v) for v in p["values"]}), None)
        if hit is None:
            missed.append((g["kind"], *g.get("values", [])))
        else:
            remaining.remove(hit)
    return len(gold_flags) - len(missed), missed, [(p["kind"], *p["values"]) for p in remaining]


def evaluate(gold_dir: Path, data_dir: Path) -> Report:
    report = Report()
    documents = _load(data_dir, "documents")
    by_file = {Path(d["source_file"]).name: d for d in documents if d["status"] == "ok"}
    tables = {name: defaultdict(list) for name in [*KEYS, "flags"]}
    for name in tables:
        for row in _load(data_dir, name):
            if name == "funding" and row.get("is_total"):
                continue  # gold lists the money once: a total's listed parts, not the total as well
            tables[name][row["doc_id"]].append(row)
    gold_files = sorted(gold_dir.glob("*.json"))
    gold_docs = [json.loads(p.read_text("utf-8")) for p in gold_files]
    for gold in gold_docs:
        doc = by_file.get(gold["file"])
        if doc is None:
            report.unmatched_gold.append(gold["file"])
        doc_id = doc["doc_id"] if doc else None
        misses = report.misses.setdefault(gold["file"], {})
        for name, key in KEYS.items():
            gold_keys = {key(r) for r in gold.get(name, []) or []}
            predicted = {key(r) for r in tables[name].get(doc_id, [])}
            score = report.tables[name]
            score.tp += len(gold_keys & predicted)
            score.fn += len(gold_keys - predicted)
            score.fp += len(predicted - gold_keys)
            if gold_keys ^ predicted:
                misses[name] = {"missed": sorted(gold_keys - predicted, key=str), "extra": sorted(predicted - gold_keys, key=str)}
        # a gold file lists every true finding of its document: a predicted finding of any kind it lacks is false
        tp, missed, extra = _flag_matches(gold.get("flags", []) or [], tables["flags"].get(doc_id, []))
        score = report.tables["flags"]
        score.tp += tp
        score.fn += len(missed)
        score.fp += len(extra)
        if missed or extra:
            misses["flags"] = {"missed": missed, "extra": extra}
        for gold_name, column in DOCUMENT_FIELDS.items():
            if gold_name not in (gold.get("document") or {}):
                continue
            predicted_value = doc.get(column) if doc else None
            ok = _field_equal(gold_name, gold["document"][gold_name], predicted_value)
            report.fields[gold_name].append(ok)
            if not ok:
                misses.setdefault("document", {"missed": [], "extra": []})
                misses["document"]["missed"].append((gold_name, gold["document"][gold_name]))
                misses["document"]["extra"].append((gold_name, predicted_value))
    return report


def format_report(report: Report, misses: bool = False) -> str:
    lines = [f"{'table':<17}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>6}{'pred':>6}"]
    for name, s in report.tables.items():
        lines.append(f"{name:<17}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}{s.tp + s.fn:>6}{s.tp + s.fp:>6}")
    field_total = sum(len(v) for v in report.fields.values())
    lines.append(f"document fields accuracy {report.field_accuracy:.3f} ({field_total} fields)")
    wrong = [f"{k} {sum(v)}/{len(v)}" for k, v in report.fields.items() if not all(v)]
    if wrong:
        lines.append("  fields not all right: " + ", ".join(wrong))
    if report.unmatched_gold:
        lines.append("gold files with no document in the run: " + ", ".join(report.unmatched_gold))
    if misses:
        for file, tables in report.misses.items():
            for table, diff in tables.items():
                for kind in ("missed", "extra"):
                    for item in diff[kind]:
                        lines.append(f"{file}\t{table}\t{kind}\t{item}")
    return "\n".join(lines)
