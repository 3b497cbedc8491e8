"""Money to whole VND from Vietnamese number writing: '14.574 triệu đồng', '3.504,98 triệu', '2,5 tỷ', '850.000.000 đồng'."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from extract import cues

MULTIPLIERS = {r[0]: int(r[1]) for r in cues.table("money_units")}
_UNIT_WORDS = cues.alternation([w for w in MULTIPLIERS if w])
AMOUNT = rf"(?P<num>\d{{1,3}}(?:[.\s]\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?)\s*(?P<unit>(?i:{_UNIT_WORDS}))?\s*(?i:đồng|đ)(?![\p{{L}}])"
AMOUNT_RE = regex.compile(AMOUNT)


def parse_number(text: str) -> Decimal:
    """Vietnamese writing: '.' (or a space) groups thousands, ',' is the decimal mark."""
    cleaned = text.replace(" ", "").replace(".", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(f"not a number: {text!r}") from error


def to_vnd(number: str, unit: str | None) -> int:
    multiplier = MULTIPLIERS.get((unit or "").lower(), 1)
    return int((parse_number(number) * multiplier).to_integral_value())
