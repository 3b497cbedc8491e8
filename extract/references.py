"""Documents a report cites: 'Kế hoạch số 18/KH-UBND ngày 18/01/2023 của UBND tỉnh',
'Quyết định số 18/2022/QĐ-TTg ngày 02/8/2022 của Thủ tướng Chính phủ', 'Văn bản số 1397-CV/HU ngày 15/4/2024'."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ntm.normalize.dates import DAY_DATE, iso_day
from ntm.normalize.fast_pattern import FastPattern
from ntm.normalize.vntext import spaced_lower

from . import cues
from .prefilter import anchor_starts, digits_before_signs, finditer_near
from .symbols import recase_symbol

# the letters of a symbol are capitals ('18/KH-UBND'); one typed in lower case ('47/kh-ubnd') is read when its
# parts are ones we know (extract/symbols.py) and given its capitals back
SYMBOL = r"(?P<number>\d{1,5})(?P<rest>(?:/\d{4})?[/\-][\p{Lu}\p{Ll}\d&.]*\p{L}[\p{L}\d&.]*(?:[/\-][\p{L}\d&.]+)*)"
_TYPE = cues.alternation(cues.words("cited_types"))
_REFERENCE = regex.compile(
    rf"(?:(?P<type>(?i:{_TYPE}))\s*(?:(?i:số)\s*(?::\s*)?)?|(?i:số)\s*(?::\s*)?){SYMBOL}"
    rf"(?:\s*,?\s*\(?\s*(?P<shared>(?i:cùng)\s+)?(?i:ngày)\s+(?P<date>{DAY_DATE})\)?)?"
    rf"(?:\s+(?i:của)\s+(?P<issuer>[^,;.()]{{3,80}}?)(?=\s+(?:về|Về|V/v|hướng dẫn|ban hành|phê duyệt|quy định)\b"
    rf"|\s+và\s+(?:(?i:{_TYPE})|(?i:số))|[,;.()]|$))?"
)
# every reference holds its symbol: the scan runs near one, from its type word ('Nghị quyết liên tịch số:') to the
# end of its date and issuer (at most 80 characters) and what closes them, in characters other than whitespace
_SYMBOL = FastPattern(SYMBOL)  # by re where it can: tried before every '/' and '-' of the document
SYMBOL_BEFORE, SYMBOL_AFTER = 40, 200
# a symbol's number is one to five digits, then '/' or '-' (the '/' of '/2023' too): it starts at most five digits
# before one of them
anchor_starts(_SYMBOL, lambda text: digits_before_signs(text, "/-", 5))
_CAPITAL = regex.compile(r"\p{Lu}")
_SAME_DAY_GAP = regex.compile(r"\s*(?:,|(?i:và))\s*")
_TYPES = {t.lower(): c for t, c in cues.mapping("cited_types").items()}
_OWN_NUMBER = regex.compile(r"(?:^|\n|\s{2})\s*Số\s*:?\s*$")
_ISSUED_ON = regex.compile(rf"(?:^|[.;]\s+|\n)[Nn]gày\s+(?P<date>{DAY_DATE})\s*,[^.;\n]*?ban\s+hành\s+[^.;\n]*$")


_ORG_WORDS = set(cues.words("org_words"))


def issuer_name(text: str) -> str | None:
    """'UBND tỉnh và huyện tự phấn đấu ...' -> 'UBND tỉnh': the body's name ends at the first word
    that cannot stand inside one."""
    kept = []
    for word in text.split():
        if word[:1].islower() and word.lower() not in _ORG_WORDS:
            break
        kept.append(word)
    while kept and kept[-1].lower() in ("và", "các"):
        kept.pop()
    return " ".join(kept) or None


@dataclass
class Reference:
    symbol: str
    number: str
    cited_type: str | None
    date: str | None
    date_raw: str | None
    issuer: str | None
    start: int
    end: int


def read_references(text: str) -> list[Reference]:
    out = []
    for m in finditer_near(_REFERENCE, text, _SYMBOL, SYMBOL_BEFORE, SYMBOL_AFTER):
        if not m.group("type") and _OWN_NUMBER.search(text[max(0, m.start("number") - 8):m.start("number")]):
            continue  # the document's own "Số: 12/TB-UBND"
        rest = m.group("rest").rstrip(".")
        if not _CAPITAL.search(rest):
            rest = recase_symbol(rest)
            if rest is None:
                continue
        symbol = m.group("number") + rest
        iso = None
        date_raw = m.group("date")
        if date_raw:
            iso = iso_day(int(m.group("d")), int(m.group("m")), int(m.group("y")))
        else:  # "Ngày 08/12/2023, UBND tỉnh ban hành Quyết định số 2615/QĐ-UBND ..."
            issued = _ISSUED_ON.search(text, max(0, m.start() - 200), m.start())
            if issued:
                date_raw = issued.group("date")
                iso = iso_day(int(issued.group("d")), int(issued.group("m")), int(issued.group("y")))
        cited = _TYPES.get(spaced_lower(m.group("type"))) if m.group("type") else None
        issuer = issuer_name(m.group("issuer")) if m.group("issuer") else None
        if m.group("shared"):  # 'Quyết định số 318/QĐ-TTg và số 319/QĐ-TTg cùng ngày 08/3/2022': both of that day
            gap_end = m.start()
            for earlier in reversed(out):
                if earlier.date_raw or not _SAME_DAY_GAP.fullmatch(text, earlier.end, gap_end):
                    break
                earlier.date, earlier.date_raw = iso, date_raw
                gap_end = earlier.start
        out.append(Reference(symbol, m.group("number"), cited, iso, date_raw, issuer, m.start(), m.end()))
    return out
