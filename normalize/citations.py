"""The cited-document graph, a corpus step run after every document is read: a reference whose cited document
is itself in the run (same number and symbol, and the same date when both have one) carries its doc_id."""
from __future__ import annotations

import dataclasses
from collections import defaultdict

import regex

from ntm.records import DocumentRow, ReferenceRow

_FIELDS = [f.name for f in dataclasses.fields(ReferenceRow)]
_SYMBOL, _DATE, _CITED = (_FIELDS.index(name) for name in ("symbol", "date", "cited_doc_id"))
_DOC_ID = _FIELDS.index("doc_id")


def symbol_key(symbol: str) -> str:
    """'18/KH-UBND', '18 / KH - UBND' and '18/kh-ubnd' are one symbol."""
    return regex.sub(r"\s+", "", symbol).casefold()


class CitationIndex:
    """The run's documents by their own number and symbol."""

    def __init__(self, documents):
        self.by_symbol: dict[str, list[DocumentRow]] = defaultdict(list)
        for document in documents:
            if document.status == "ok" and document.number and document.symbol:
                self.by_symbol[symbol_key(f"{document.number}/{document.symbol}")].append(document)

    def cited(self, symbol: str, date: str | None, citing: str) -> str | None:
        """doc_id of the one document a reference cites; None when none or several fit."""
        fitting = [d for d in self.by_symbol.get(symbol_key(symbol), ()) if d.doc_id != citing and _same_date(d, date)]
        return fitting[0].doc_id if len({d.doc_id for d in fitting}) == 1 else None

    def link(self, values: list[list]) -> list[list]:
        """references rows as lists of values in field order (as the run keeps them), cited_doc_id filled."""
        if self.by_symbol:
            for row in values:
                row[_CITED] = self.cited(row[_SYMBOL], row[_DATE], row[_DOC_ID])
        return values


def _same_date(document: DocumentRow, date: str | None) -> bool:
    """Dates agree as far as both are known: a reference without a date fits on symbol alone; a document whose
    day was left blank fits on its year and month."""
    if date is None:
        return True
    written = [document.issue_year, document.issue_month, document.issue_day]
    cited = [int(part) for part in date.split("-")]
    return all(mine is None or mine == theirs for mine, theirs in zip(written, cited))
