"""Average criteria met: 'Bình quân đạt 14,29 tiêu chí/xã', 'bình quân toàn huyện đạt 10,9 tiêu chí/xã'."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.caseless import CaselessPattern
from ntm.normalize.vntext import spaced_lower

from .context import DocContext
from .prefilter import CRITERIA_NOUN, finditer_in, windows

_AVERAGE = regex.compile(
    r"(?i:bình\s+quân|trung\s+bình)(?P<between>[^.;:]{0,60}?)\s*(?:(?i:đạt)\s+|:\s*)?(?P<value>\d{1,2}(?:[,.]\d{1,2})?)\s+"
    rf"{CRITERIA_NOUN}(?:\s+[\p{{Lu}}]{{2,5}}|\s+(?i:nâng\s+cao|kiểu\s+mẫu|NTM))?\s*/\s*(?P<per>xã|thôn|bản|ấp|xóm|đơn vị|KDC|khu\s+dân\s+cư)"
)
_AVERAGE_EACH = regex.compile(  # "Bình quân mỗi xã (trong lộ trình) đạt 14,86 tiêu chí", "mỗi xã có trung bình 16,4 tiêu chí đạt"
    r"(?:(?i:bình\s+quân|trung\s+bình)\s+(?i:mỗi)\s+(?P<per>xã|thôn|bản|ấp|xóm)\s+(?:[\p{Ll} ]{1,30}?\s)?(?i:đạt)"
    r"|(?i:mỗi)\s+(?P<per>xã|thôn|bản|ấp|xóm)\s+(?i:có|đạt)\s+(?i:trung\s+bình|bình\s+quân))"
    rf"\s+(?P<value>\d{{1,2}}(?:[,.]\d{{1,2}})?)\s+{CRITERIA_NOUN}")
_AVERAGE_IS = regex.compile(
    r"(?i:bình\s+quân|trung\s+bình)\s+(?i:số\s+tiêu\s*chí)(?:\s+(?i:đạt))?(?P<between>[^.;:]{0,60}?)\s+(?i:là|đạt)\s+"
    r"(?P<value>\d{1,2}(?:[,.]\d{1,2})?)(?!\s*(?:%|tiêu))")
# every average says 'bình quân', 'trung bình' or 'mỗi' where it starts; its value and unit follow within 160
# characters other than whitespace (60 between, the value, the noun and '/xã'): the scans run near those words
AVERAGE_WORDS = CaselessPattern(r"bình\s+quân|trung\s+bình|mỗi")
AVERAGE_REACH = (0, 160)
PER_LEVEL = {"xã": "commune", "thôn": "village", "bản": "village", "ấp": "village", "xóm": "village", "đơn vị": "commune",
             "kdc": "village", "khu dân cư": "village"}  # a residential area (khu dân cư) is a village's kind


@dataclass
class AverageStatement:
    scope_raw: str | None
    unit_level: str
    value: float
    start: int
    end: int
    value_start: int = 0  # where the value is written: the words before it are read for a threshold


# 'bình quân toàn huyện đạt trên 15 tiêu chí/xã': a threshold to reach, a goal, not the average reached
_THRESHOLD = regex.compile(r"(?i)(?<!\p{L})(?:trên|dưới|tối\s+thiểu|ít\s+nhất|từ|không\s+dưới|không\s+thấp\s+hơn)\s*$")


def read_averages(ctx: DocContext) -> list[AverageStatement]:
    return [a for a in _averages(ctx) if not _THRESHOLD.search(ctx.text, a.start, a.value_start)]


def _averages(ctx: DocContext) -> list[AverageStatement]:
    out = []
    near = windows(ctx.text, AVERAGE_WORDS, *AVERAGE_REACH)
    for m in finditer_in(_AVERAGE_IS, ctx.text, near):  # "Bình quân số tiêu chí đạt của các xã là 16,88"
        per = "village" if rx.search(r"(?i)\b(?:thôn|bản|ấp|xóm)\b", m.group("between")) else "commune"
        district = [x for x in ctx.mentions if x.level in ("district", "province") and m.start() <= x.start < m.end()]
        out.append(AverageStatement(district[0].raw if district else None, per,
                                    float(m.group("value").replace(",", ".")), m.start(), m.end(), m.start("value")))
    for m in finditer_in(_AVERAGE_EACH, ctx.text, near):
        out.append(AverageStatement(None, PER_LEVEL[spaced_lower(m.group("per"))], float(m.group("value").replace(",", ".")),
                                    m.start(), m.end(), m.start("value")))
    for m in finditer_in(_AVERAGE, ctx.text, near):
        district = [x for x in ctx.mentions if x.level in ("district", "province") and m.start() <= x.start < m.end()]
        out.append(AverageStatement(district[0].raw if district else None, PER_LEVEL[spaced_lower(m.group("per"))],
                                    float(m.group("value").replace(",", ".")), m.start(), m.end(), m.start("value")))
    return out


_AVERAGE_HEADER = regex.compile(r"(?i)(?:bình\s+quân|trung\s+bình)[^/]*(?:tiêu\s*chí|(?-i:TC|(?<!\p{L})tc(?![\p{L}\d])))\s*/\s*(?P<per>xã|thôn|bản|ấp|xóm)")
_LABEL_HEADER = regex.compile(r"(?i)^(?:tên\s+)?(?:huyện|tỉnh|xã|thôn|bản|đơn\s+vị|địa\s+phương)")


def read_average_tables(document) -> list[AverageStatement]:
    """'TT | Huyện | Số xã | ... | Bình quân tiêu chí/xã': one average per row, its scope the row's unit."""
    from .results_table import tables_with_header
    text = document.text
    out = []
    for header, rows in tables_with_header(document):
        value_column = next((c for c, h in header.items() if _AVERAGE_HEADER.search(h)), None)
        label_column = next((c for c, h in header.items() if _LABEL_HEADER.match(h)), None)
        if value_column is None or label_column is None:
            continue
        per = PER_LEVEL[_AVERAGE_HEADER.search(header[value_column]).group("per").lower()]
        for index in sorted(rows)[1:]:
            row = rows[index]
            if value_column not in row or label_column not in row:
                continue
            value = rx.fullmatch(r"\s*(\d{1,2}(?:[,.]\d{1,2})?)\s*", text[slice(*row[value_column])])
            if value:
                start, end = row[value_column]
                out.append(AverageStatement(text[slice(*row[label_column])].strip(), per,
                                            float(value.group(1).replace(",", ".")), start, end))
    return out

