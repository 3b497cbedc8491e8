"""docs/schema.md is generated from ntm/records.py; the writer's Arrow schema comes from the same place."""
from pathlib import Path

from ntm.records import TABLES
from ntm.schema import arrow_schema, schema_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_schema_doc_is_current():
    written = (ROOT / "docs" / "schema.md").read_text("utf-8")
    assert written == schema_markdown(), "docs/schema.md is stale: run `ntm schema --write docs/schema.md`"


def test_every_fact_table_carries_provenance():
    for name, row_type in TABLES.items():
        if name in ("documents", "blocks", "errors", "name_variants"):
            continue
        columns = set(arrow_schema(row_type).names)
        assert {"doc_id", "span_start", "span_end", "page", "evidence"} <= columns, name


def test_contract_columns_exist():
    required = {
        "documents": {"doc_id", "source_file", "format", "pages", "doc_type", "symbol", "number", "title", "place",
                      "issue_year", "issue_month", "issue_day", "issuer", "signer_name", "signer_title", "province",
                      "district", "inspection_start", "inspection_end", "recipients"},
        "units": {"level", "name", "raw_name", "commune", "district", "province", "code", "match_method",
                  "match_score", "code_2025", "name_2025"},
        "criteria_status": {"unit", "level", "criterion", "criterion_name", "criterion_name_raw", "status"},
        "criteria_counts": {"unit", "level", "kind", "count_min", "count_max", "total"},
        "averages": {"scope", "unit_level", "value"},
        "funding": {"source", "category", "amount_vnd", "amount_raw"},
        "deadlines": {"due_date", "precision", "recurrence", "day_of_month", "relation", "task", "responsible"},
        "references": {"symbol", "number", "cited_type", "date", "date_raw", "issuer"},
        "targets": {"indicator", "value", "unit"},
        "flags": {"doc_id", "kind", "values", "detail", "severity"},
        "name_variants": {"level", "canonical", "variant", "occurrences", "doc_ids", "method", "confidence", "status"},
        "errors": {"path", "stage", "error_class", "message"},
    }
    for table, columns in required.items():
        assert columns <= set(arrow_schema(TABLES[table]).names), table
    assert str(arrow_schema(TABLES["funding"]).field("amount_vnd").type) == "int64"
