"""Row types of every output table. These dataclasses ARE the schema: the Parquet writer and
docs/schema.md are both generated from them (see ntm.schema)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NewType

Day = NewType("Day", str)
"""An ISO day ('2023-11-28') in the row, written to Parquet as an Arrow date32 (a SQL DATE)."""


def col(description: str, example=None, default=None, column: str | None = None):
    """A column: its description and an example value feed docs/schema.md. `column` names it in Parquet when the
    field's own name is a SQL keyword ('start', 'end', 'table', 'row', 'column')."""
    metadata = {"description": description, "example": example}
    if column:
        metadata["column"] = column
    return field(default=default, metadata=metadata)


def list_col(description: str, example=None):
    return field(default_factory=list, metadata={"description": description, "example": example})


@dataclass(kw_only=True)
class Fact:
    """Provenance every fact carries: where in which document it was read."""
    doc_id: str = col("Content hash of the source file's bytes (16 hex digits)", "3d6d6579c95ff0d5")
    start: int = col("Start offset of the evidence in the document's canonical text", 2710, column="span_start")
    end: int = col("End offset (exclusive) of the evidence in the canonical text", 2754, column="span_end")
    page: int = col("Page (1-based) the evidence is on", 1)
    evidence: str = col("The sentence or list item the fact was read from", "- Bình quân đạt 14,29 tiêu chí NTM/xã.")
    confidence: float | None = col("Mean OCR word confidence (0..1) of the evidence; null when it was read from a text layer or a text file", None)


@dataclass(kw_only=True)
class DocumentRow:
    doc_id: str = col("Content hash of the file's bytes", "3d6d6579c95ff0d5")
    source_file: str = col("Path of the file as given to `ntm run` (bytes of a name that are not UTF-8 written as \\xNN)", "data/raw/bac_son_2023.txt")
    format: str = col("txt, md, docx, doc, pdf, png, jpg or tif", "txt")
    status: str = col("ok, error (could not be read: see errors) or skipped (not a report format, a file that is no report: no document header nor programme words, a symbolic link out of the input folders, a pipe...)", "ok")
    message: str | None = col("Why the file was skipped or failed, one line", None)
    encoding: str | None = col("Detected text encoding (utf-8, utf-8-sig, utf-16, cp1258, tcvn3, vni)", "tcvn3")
    pages: int | None = col("Page count (1 for text files)", 2)
    warnings: list[str] = list_col("Non-fatal problems: pages without a text layer, legacy font text...", ["page 3 has no text layer (scanned image?)"])
    doc_type: str | None = col("THÔNG BÁO, BÁO CÁO, CÔNG VĂN, KẾ HOẠCH, QUYẾT ĐỊNH, ...", "THÔNG BÁO")
    symbol: str | None = col("Symbol after 'Số: N/'", "TB-STNMT")
    number: str | None = col("Number before the symbol; null when left blank", "12")
    title: str | None = col("Subject line (trích yếu), without 'V/v'", "Kết quả kiểm tra tình hình thực hiện ...")
    place: str | None = col("Place of issue from the place/date line", "Lạng Sơn")
    issue_year: int | None = col("Year of issue", 2023)
    issue_month: int | None = col("Month of issue (null when blank)", 11)
    issue_day: int | None = col("Day of issue (often left blank: null)", None)
    issue_date: Day | None = col("Date of issue; null unless day, month and year are all written", "2023-11-28")
    issuer: str | None = col("Issuing body", "Sở Tài nguyên và Môi trường")
    signer_name: str | None = col("Name in the signature block", "Nguyễn Hữu Trục")
    signer_title: str | None = col("Title of the signer (the last title line)", "Phó Giám đốc")
    province: str | None = col("Province the document is about (inferred from its communes when never named)", "Lạng Sơn")
    district: str | None = col("District the document is about", "Bắc Sơn")
    inspection_start: Day | None = col("Date the inspection began", "2023-11-28")
    inspection_end: Day | None = col("Date the inspection ended", "2023-11-28")
    recipients: list[str] = list_col("Items of the 'Nơi nhận' list", ["UBND tỉnh (để B/c)", "Lưu: VT, BVMT"])
    ocr_pages: list[int] = list_col("Pages (1-based) read by OCR: scanned pages, text layers that do not read as Vietnamese, image files", [2, 3])
    ocr_confidence: float | None = col("Mean OCR word confidence (0..1) over those pages; null when none was OCR'd", 0.93)
    unreadable_pages: list[int] = list_col("Pages that gave no text at all (a blank scan, OCR off or not installed)", [])


@dataclass(kw_only=True)
class BlockRow:
    doc_id: str = col("Document", "3d6d6579c95ff0d5")
    index: int = col("Position of the block in reading order", 0)
    kind: str = col("heading, paragraph, list_item, table_cell, page_header, page_footer", "paragraph")
    start: int = col("Start offset in the canonical text", 0, column="span_start")
    end: int = col("End offset in the canonical text", 14, column="span_end")
    page: int = col("Page (1-based)", 1)
    table: int | None = col("Table index for table cells", None, column="table_index")
    row: int | None = col("Row index for table cells", None, column="row_index")
    column: int | None = col("Column index for table cells", None, column="column_index")
    text: str = col("Text of the block", "Số: /TB-STNMT")
    source: str = col("text (a text file, a document's text or a PDF text layer) or ocr (read from the page image)", "text")
    confidence: float | None = col("Mean OCR word confidence (0..1) of the block; null for text", None)


@dataclass(kw_only=True)
class ErrorRow:
    path: str = col("File the error is about", "data/raw/broken.pdf")
    doc_id: str | None = col("Content hash, when the bytes could be read", None)
    stage: str = col("parse, ocr, extract or normalize; run when the file's time limit ran out or its worker process died; discover for a folder or path that could not be looked at", "parse")
    error_class: str = col("Error class", "EncryptedFileError")
    message: str = col("One-line message", "encrypted PDF: a password is needed to read it")


@dataclass(kw_only=True)
class UnitRow(Fact):
    level: str = col("province, district, commune or village", "commune")
    name: str = col("Canonical name (register spelling when in the register)", "Long Đống")
    raw_name: str = col("Name as written in this place", "Long Đông")
    commune: str | None = col("Commune a village belongs to", None)
    district: str | None = col("District of the unit", "Bắc Sơn")
    province: str | None = col("Province of the unit", "Lạng Sơn")
    code: str | None = col("GSO code (5 digits for communes) or null when not in the register", "06328")
    match_method: str | None = col("How the name was matched: exact, case_tone_placement, spacing, d_stroke (đ typed as d), one_mark, edit_distance, document, alias_file, ambiguous, none", "one_mark")
    match_score: float | None = col("Confidence of the match, 0..1", 0.9)
    code_2025: str | None = col("Code of the unit it belongs to after the 2025 reorganisation", None)
    name_2025: str | None = col("Name of that unit after the 2025 reorganisation", None)


@dataclass(kw_only=True)
class CriterionStatusRow(Fact):
    unit: str = col("Canonical name of the commune or village", "Long Đống")
    unit_level: str = col("commune or village", "commune")
    level: str = col("Criteria set the statement is made under: ntm, nang_cao, kieu_mau, thon", "ntm")
    criteria_set: str | None = col("Exact set id (ntm_2016, ntm_2021, nang_cao_2021, kieu_mau_2021, thon_...)", "ntm_2021")
    criterion: int = col("Criterion number in that set", 2)
    criterion_name: str | None = col("Canonical name of that number in that set", "Giao thông")
    criterion_name_raw: str | None = col("Name as written, if any", "Giao thông")
    status: str = col("met, unmet or near_met", "unmet")
    unit_code: str | None = col("GSO code of the unit (from `units`: same document, same name); null for a village or a name not in the register", "06328")
    district: str | None = col("District of the unit (from `units`)", "Bắc Sơn")
    province: str | None = col("Province of the unit (from `units`)", "Lạng Sơn")


@dataclass(kw_only=True)
class CriteriaCountRow(Fact):
    unit: str = col("Canonical name of the commune or village", "Tân Lập")
    unit_level: str = col("commune or village", "commune")
    level: str = col("Criteria set: ntm, nang_cao, kieu_mau, thon", "ntm")
    kind: str = col("met, unmet or near_met", "met")
    count_min: int = col("Lower bound of the count (equal to count_max for an exact count)", 15)
    count_max: int = col("Upper bound of the count", 18)
    total: int | None = col("Total criteria when written ('14/19' -> 19)", 19)
    unit_code: str | None = col("GSO code of the unit (from `units`: same document, same name); null for a village or a name not in the register", "06325")
    district: str | None = col("District of the unit (from `units`)", "Bắc Sơn")
    province: str | None = col("Province of the unit (from `units`)", "Lạng Sơn")


@dataclass(kw_only=True)
class AverageRow(Fact):
    scope: str | None = col("Area the average is over", "Bắc Sơn")
    unit_level: str = col("commune or village: what the average is per", "commune")
    value: float = col("Average number of criteria met", 14.29)
    unit_code: str | None = col("GSO code of the scope when it is a district or province of `units` (same document)", "181")
    district: str | None = col("The scope when it is a district", "Bắc Sơn")
    province: str | None = col("Province of the scope", "Lạng Sơn")


@dataclass(kw_only=True)
class FundingRow(Fact):
    source: str = col("Budget line as written (with its parent line)", "Ngân sách Trung ương - Vốn đầu tư phát triển")
    category: str = col("central_investment, central_recurrent, central, provincial, district, commune, community, enterprise, credit, integrated, other", "central_investment")
    amount_vnd: int = col("Amount in whole đồng", 14574000000)
    amount_raw: str = col("Amount as written", "14.574 triệu đồng")
    source_canonical: str | None = col("One name per budget source, whatever its spelling (extract/data/cues/funding_source_names.tsv); null when the source is not recognised", "Vốn đầu tư phát triển (ngân sách Trung ương)")
    status: str | None = col("planned, allocated, mobilised or disbursed, from the cue phrases around the amount (extract/data/cues/funding_status.tsv); null when the text does not say", "allocated")
    year: int | None = col("Year the amount is for when the text says so ('năm 2023'); null for a period ('giai đoạn 2021-2025') or when unsaid", 2023)
    is_total: bool = col("A total whose parts are listed as rows of their own ('Tổng ... 48,62 tỷ đồng, bao gồm: ...'): sum over is_total = false to count money once", False, default=False)
    part_of: int | None = col("span_start of the total this amount is a listed part of; null when it is no part", None)


@dataclass(kw_only=True)
class DeadlineRow(Fact):
    due_date: str | None = col("ISO date at the text's precision: 2023-12-15, 2020-06, 2024-Q3, 2024; null for a recurring day", "2023-12-15")
    precision: str = col("day, month, quarter or year", "day")
    due_from: Day | None = col("First day of the period due_date covers ('2024-Q3' -> 2024-07-01, '2020' -> 2020-01-01)", "2023-12-15")
    due_to: Day | None = col("Last day of that period ('2024-Q3' -> 2024-09-30, '2020' -> 2020-12-31)", "2023-12-15")
    recurrence: str | None = col("null, weekly, monthly, quarterly or yearly", None)
    day_of_month: int | None = col("Day for a monthly deadline ('trước ngày 20 hàng tháng' -> 20)", None)
    relation: str = col("before, by, within or end-of", "before")
    date_raw: str = col("The deadline phrase as written", "trước ngày 15/12/2023")
    task: str | None = col("What is due (the clause before the deadline)", "Hoàn thành Hồ sơ gửi Văn phòng Điều phối ...")
    responsible: str | None = col("The party the section addresses", "UBND, Ban chỉ đạo các chương trình mục tiêu Quốc gia huyện Bắc Sơn")


@dataclass(kw_only=True)
class ReferenceRow(Fact):
    symbol: str = col("Number and symbol of the cited document", "18/KH-UBND")
    number: str | None = col("Its number", "18")
    cited_type: str | None = col("Kế hoạch, Quyết định, Công văn, Thông báo, Báo cáo, Hướng dẫn, Văn bản, ...", "Kế hoạch")
    date: str | None = col("ISO date; null when the written date is impossible", "2023-01-18")
    date_value: Day | None = col("The same date as a DATE", "2023-01-18")
    date_raw: str | None = col("Date as written", "18/01/2023")
    issuer: str | None = col("Who issued it ('của ...')", "UBND tỉnh")
    cited_doc_id: str | None = col("doc_id of the cited document when it is itself in the run (same number and symbol, same date when both have one)", None)


@dataclass(kw_only=True)
class TargetRow(Fact):
    indicator: str = col("What the goal is about", "thu nhập bình quân đầu người")
    value: float = col("Numeric goal (money targets in VND)", 45000000)
    unit: str = col("Unit of the value", "VND/người/năm")
    comparator: str | None = col("≥, ≤, <, > or = (null when unstated)", "≥")
    raw: str = col("The phrase as written", "45 triệu đồng/người/năm")


@dataclass(kw_only=True)
class FlagRow(Fact):
    kind: str = col("name_variant, count_conflict, count_mismatch, average_mismatch, invalid_date, unit_mismatch, not_in_register, ambiguous_unit, criterion_mismatch", "name_variant")
    values: list[str] = list_col("Names or numbers involved", ["Long Đống", "Long Đông"])
    detail: str = col("One readable sentence in English", "Commune 'Long Đông' is written 'Long Đống' elsewhere and in the register.")
    severity: str = col("info, warning or error", "warning")
    other_spans: list[int] = list_col("Further evidence spans as flat start,end pairs", [5120, 5129])


@dataclass(kw_only=True)
class UnitProgressRow(Fact):
    """One row per commune, document and criteria set: how many criteria it had met, not met and nearly met by
    the document's date, so a commune can be followed across documents and years (group by `unit_key`, order by
    `doc_date`). Taken from the document's exact counts (`criteria_counts`), or, where it gives the status of every
    criterion of the set for the commune and no count, from `criteria_status`. The evidence is the first row it
    was taken from."""
    unit_key: str = col("GSO code of the commune; 'name|district' when it has none", "06328")
    unit: str = col("Canonical name of the commune", "Long Đống")
    unit_code: str | None = col("GSO code (null when not in the register)", "06328")
    district: str | None = col("District of the commune", "Bắc Sơn")
    province: str | None = col("Province of the commune", "Lạng Sơn")
    doc_date: Day | None = col("Date of the document (null unless its day, month and year are written)", "2023-11-28")
    doc_year: int | None = col("Year of the document", 2023)
    level: str = col("Criteria set: ntm, nang_cao, kieu_mau", "ntm")
    criteria_set: str | None = col("Exact set id", "ntm_2021")
    met: int | None = col("Criteria met (null when the document does not say)", 17)
    unmet: int | None = col("Criteria not met", 2)
    near_met: int | None = col("Criteria nearly met", None)
    total: int | None = col("Criteria in the set, when the document or the set says", 19)
    basis: str = col("stated_count (the document's own counts) or status_list (counted from its status of every criterion)", "stated_count")


@dataclass(kw_only=True)
class NameVariantRow:
    level: str = col("commune, village, person, ...", "commune")
    scope: str | None = col("Where the name lives (district for communes, commune for villages, office for people)", "Bắc Sơn, Lạng Sơn")
    canonical: str = col("Canonical spelling", "Long Đống")
    variant: str = col("Other spelling seen", "Long Đông")
    occurrences: int = col("How often the variant occurs in the run", 3)
    doc_ids: list[str] = list_col("Documents it occurs in", ["3d6d6579c95ff0d5"])
    method: str = col("How the pair was found: register, cluster, alias_file", "register")
    confidence: float = col("Confidence 0..1", 0.9)
    status: str = col("auto, confirmed or rejected (from data/aliases.csv)", "auto")


TABLES: dict[str, type] = {
    "documents": DocumentRow,
    "blocks": BlockRow,
    "errors": ErrorRow,
    "units": UnitRow,
    "criteria_status": CriterionStatusRow,
    "criteria_counts": CriteriaCountRow,
    "averages": AverageRow,
    "funding": FundingRow,
    "deadlines": DeadlineRow,
    "references": ReferenceRow,
    "targets": TargetRow,
    "flags": FlagRow,
    "unit_progress": UnitProgressRow,
    "name_variants": NameVariantRow,
}
