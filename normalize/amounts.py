"""Money to whole VND from Vietnamese number writing: '14.574 triệu đồng', '3.504,98 triệu', '2,5 tỷ', '850.000.000 đồng'."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from ntm.extract import cues
from ntm.normalize.fast_pattern import FastPattern

MULTIPLIERS = {r[0]: int(r[1]) for r in cues.table("money_units")}
_UNIT_WORDS = cues.alternation([w for w in MULTIPLIERS if w])
# Digits taken whole (possessive): what follows a number in a match is never a digit, so giving some back can never
# make a match, and every number that is no amount ('năm 2023,') was tried again at each shorter length.
_NUM = r"\d{1,3}+(?:[.\s]\d{3})+(?:,\d++)?|\d++(?:,\d++)?"
# _NUM where no digit stands before it, its first digit read before that guard: `re` skips from digit to digit
_FIRST_NUM = r"\d(?<!\d\d)(?:\d{0,2}+(?:[.\s]\d{3})+(?:,\d++)?|\d*+(?:,\d++)?)"
# "2 tỷ 500 triệu đồng": larger units first, each part optional but the last before "đồng"; at most four
# smaller parts (an unbounded run made every number of "2 tỷ 500 triệu 2 tỷ ..." rescan the rest of it)
AMOUNT = (rf"(?P<num>{_FIRST_NUM})\s*(?P<unit>(?i:{_UNIT_WORDS}))?"
          rf"(?P<more>(?:\s+(?:{_NUM})\s*(?i:{_UNIT_WORDS})){{0,4}})\s*(?i:đồng|đ)(?![\p{{L}}])")
AMOUNT_RE = FastPattern(AMOUNT)  # by re where it reads the text as regex does: a third faster
_PART = regex.compile(rf"({_NUM})\s*((?i:{_UNIT_WORDS}))")  # a smaller part of a compound amount


def parse_number(text: str) -> Decimal:
    """Vietnamese writing: '.' (or a space) groups thousands, ',' is the decimal mark."""
    cleaned = text.replace(" ", "").replace(".", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(f"not a number: {text!r}") from error


def to_vnd(number: str, unit: str | None, more: str | None = None) -> int:
    """Whole đồng; `more` holds the smaller parts of a compound amount ('500 triệu' in '2 tỷ 500 triệu đồng')."""
    total = parse_number(number) * MULTIPLIERS.get((unit or "").lower(), 1)
    for part in _PART.finditer(more) if more else ():
        total += parse_number(part.group(1)) * MULTIPLIERS.get(part.group(2).lower(), 1)
    return int(total.to_integral_value())


def amount_of(match) -> int:
    return to_vnd(match.group("num"), match.group("unit"), match.group("more"))
