"""`ntm review`: one self-contained HTML page for a data-quality reviewer, built from a run's tables.

Every document's text (rebuilt from `blocks`) with the evidence of every fact highlighted by kind, the findings
with links to their evidence, and the name-variant clusters with accept / reject buttons that write lines for
data/aliases.csv. The page carries its data as one JSON block and draws everything with DOM calls that set
text, never markup, so nothing a document says can become part of the page."""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow.dataset as ds

from ntm.normalize.corpus import ALIAS_FIELDS, DECISIONS
from ntm.normalize.vntext import placement_key

from .query import TableSource, find_tables
from .records import TABLES

# The fact tables whose evidence spans are highlighted, in the legend's order.
FACT_KINDS = ("units", "criteria_status", "criteria_counts", "averages", "funding", "deadlines", "references",
              "targets", "flags")
ASSETS = Path(__file__).parent / "data" / "review"
HIDDEN = {"doc_id"}  # the page says which document; the evidence sentence is the text around the span itself


class ReviewError(Exception):
    """The folder holds no run the page can be built from."""


@dataclass
class ReviewSummary:
    documents: int
    facts: int
    findings: int
    variants: int
    bytes: int


def _columns(table: str) -> dict[str, str]:
    """Field name -> the column's name in Parquet (a field may be stored under another name)."""
    return {f.name: f.metadata.get("column", f.name) for f in dataclasses.fields(TABLES[table])}


def _shown(kind: str) -> list[str]:
    """The fields a highlighted row shows on hover (a finding keeps its evidence sentence for the list)."""
    return [f for f in _columns(kind) if f not in HIDDEN and (kind == "flags" or f != "evidence")]


def _read(tables: dict[str, TableSource], table: str, fields: list[str] | None = None) -> list[dict]:
    """Rows of one table keyed by field name (a file or a hive-partitioned folder); none when the run wrote no such
    table."""
    source = tables.get(table)
    if source is None:
        return []
    dataset = ds.dataset(source.path, format="parquet", partitioning="hive" if source.partitioned else None)
    stored = set(dataset.schema.names)
    # a table written before a column was renamed still reads: its field's own name stands in
    names = {f: column if column in stored else f for f, column in _columns(table).items()}
    wanted = [f for f in (fields or names) if names[f] in stored]
    data = dataset.to_table(columns=[names[f] for f in wanted])
    return [dict(zip(wanted, values)) for values in zip(*(data.column(names[f]).to_pylist() for f in wanted))]


def _document_text(blocks: list[dict]) -> tuple[str, list[list[int]]]:
    """The canonical text the offsets point into, from its blocks (what lies between blocks is a line break),
    and where each page begins."""
    parts, pages, position, page = [], [], 0, None
    for block in sorted(blocks, key=lambda b: b["start"]):
        if block["start"] < position:
            continue
        parts.append("\n" * (block["start"] - position))
        if block["page"] != page:
            pages.append([block["start"], block["page"]])
            page = block["page"]
        parts.append(block["text"])
        position = block["start"] + len(block["text"])
    return "".join(parts), pages


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b) and placement_key(a) == placement_key(b)


def build_payload(data_dir: Path) -> dict:
    tables = {source.name: source for source in find_tables(data_dir)}
    documents = _read(tables, "documents")
    if not documents:
        raise ReviewError(f"{data_dir} holds no documents table: run `ntm run --out {data_dir}` first")
    blocks_of: dict[str, list[dict]] = {}
    for block in _read(tables, "blocks", ["doc_id", "start", "end", "page", "text"]):
        blocks_of.setdefault(block["doc_id"], []).append(block)
    index_of = {d["doc_id"]: i for i, d in enumerate(documents)}
    pages = []
    for document in documents:
        text, starts = _document_text(blocks_of.get(document["doc_id"], []))
        pages.append({"id": document["doc_id"], "file": document["source_file"], "status": document["status"],
                      "message": document.get("message"), "type": document.get("doc_type"),
                      "title": document.get("title"), "district": document.get("district"),
                      "province": document.get("province"), "text": text, "pages": starts, "facts": []})
    kinds, rows, findings = [], {}, []
    for kind in FACT_KINDS:
        names, shown = _columns(kind), _shown(kind)
        kinds.append({"name": kind, "columns": [names[f] for f in shown]})
        rows[kind] = []
        for row in _read(tables, kind):
            page = pages[index_of[row["doc_id"]]] if row.get("doc_id") in index_of else None
            if page is None:
                continue
            number = len(rows[kind])
            rows[kind].append([row.get(f) for f in shown])
            spans = [(row["start"], row["end"])]
            if kind == "flags":
                other = row.get("other_spans") or []
                spans += list(zip(other[::2], other[1::2]))
            first = len(page["facts"])
            page["facts"] += [[FACT_KINDS.index(kind), start, end, number] for start, end in spans]
            if kind == "flags":
                findings.append({"row": number, "doc": index_of[row["doc_id"]],
                                 "facts": list(range(first, len(page["facts"])))})
    return {"alias_fields": list(ALIAS_FIELDS), "decisions": list(DECISIONS), "kinds": kinds, "rows": rows,
            "documents": pages, "findings": findings, "variants": _variants(tables, pages, rows, index_of),
            "run": _run_info(data_dir)}


def _variants(tables: dict[str, TableSource], pages: list[dict], rows: dict, index_of: dict[str, int]) -> list[dict]:
    """name_variants rows, each with where it is written: units read under that spelling and name_variant
    findings about it."""
    unit_fields, flag_fields = _shown("units"), _shown("flags")
    raw_at, kind_at, values_at = unit_fields.index("raw_name"), flag_fields.index("kind"), flag_fields.index("values")
    out = []
    for variant in _read(tables, "name_variants"):
        documents = [index_of[d] for d in variant.get("doc_ids") or [] if d in index_of]
        evidence = []
        for doc in documents:
            facts = [n for n, (kind, _, _, row) in enumerate(pages[doc]["facts"])
                     if (FACT_KINDS[kind] == "units" and _same_name(rows["units"][row][raw_at], variant["variant"]))
                     or (FACT_KINDS[kind] == "flags" and rows["flags"][row][kind_at] == "name_variant"
                         and _same_name((rows["flags"][row][values_at] or [None, None])[-1], variant["variant"]))]
            if facts:
                evidence.append([doc, facts])
        out.append({**{k: variant.get(k) for k in ("level", "scope", "canonical", "variant", "occurrences", "method",
                                                     "confidence", "status")},
                    "docs": documents, "evidence": evidence})
    return out


def _run_info(data_dir: Path) -> dict:
    try:
        manifest = json.loads((data_dir / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        manifest = {}
    return {"data": str(data_dir), "run_id": manifest.get("run_id"), "started": manifest.get("started"),
            "inputs": manifest.get("inputs") or []}


def _script_json(payload: dict) -> str:
    """JSON that cannot end its <script> element or open another: every <, > and & is written as an escape."""
    text = json.dumps(payload, ensure_ascii=False, default=str, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def render_page(payload: dict) -> str:
    page = (ASSETS / "page.html").read_text("utf-8")
    for name, asset in (("/*STYLE*/", "page.css"), ("/*SCRIPT*/", "page.js")):
        page = page.replace(name, (ASSETS / asset).read_text("utf-8"))
    return page.replace("/*DATA*/", _script_json(payload))


def write_review(data_dir: Path, out: Path) -> ReviewSummary:
    payload = build_payload(data_dir)
    html = render_page(payload)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.tmp")
    temporary.write_text(html, "utf-8")
    temporary.replace(out)
    return ReviewSummary(documents=len(payload["documents"]),
                         facts=sum(len(d["facts"]) for d in payload["documents"]),
                         findings=len(payload["findings"]), variants=len(payload["variants"]),
                         bytes=len(html.encode("utf-8")))
