"""Character-level clean-up shared by every format: NFC, glyph repairs, markdown markup."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

from ntm.normalize import regex_cache as rx


def _read_table(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in (Path(__file__).parent / "data" / name).read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        wrong, right = line.split("\t")
        rows.append((wrong, right))
    return rows


@lru_cache(maxsize=None)
def _glyph_table() -> dict[int, str]:
    return {ord(w): r for w, r in _read_table("glyph_repairs.tsv")}


@lru_cache(maxsize=None)
def _math_pattern() -> tuple[regex.Pattern, dict[str, str]]:
    table = dict(_read_table("markdown_math.tsv"))
    alternatives = sorted(table, key=len, reverse=True)
    return regex.compile("|".join(regex.escape(a) + (r"(?![A-Za-z])" if a[-1].isalpha() else "") for a in alternatives)), table


@lru_cache(maxsize=None)
def _glyph_finder() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(chr(code)) for code in _glyph_table()) + "]")


def repair_glyphs(text: str) -> str:
    # str.translate looks every character up in the table: a text without any of its glyphs is left as it is
    return text.translate(_glyph_table()) if _glyph_finder().search(text) else text


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_HEADING = regex.compile(r"^\s{0,3}#{1,6}\s+")
_EMPHASIS = regex.compile(r"(\*\*|__)(?=\S)|(?<=\S)(\*\*|__)|^\*\*|\*\*$")
_ITALIC = regex.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![\w*])")
_MATH = regex.compile(r"\$([^$\n]{1,80})\$")
_SPACES = regex.compile(r"[ \t\u00a0]+")


def _drop_trailing_break(line: str) -> str:
    r"""A markdown hard break at the end of a line: two or more blanks, or a backslash. Done without a regex:
    `\s{2,}$` is tried at every blank of a long run and takes time quadratic in its length."""
    stripped = line.rstrip()
    if len(line) - len(stripped) >= 2:
        return stripped
    if line.endswith("\\"):
        return line[:-1]
    return line


def strip_markdown(line: str) -> tuple[str, bool]:
    """Remove markdown markup from one line. Returns (text, is_heading)."""
    is_heading = bool(_HEADING.match(line))
    line = _HEADING.sub("", line)
    line = _drop_trailing_break(line)
    line = line.replace("**", "").replace("__", "")
    line = _ITALIC.sub(r"\1", line)
    if "$" in line:
        pattern, table = _math_pattern()
        line = _MATH.sub(lambda m: pattern.sub(lambda e: table[e.group(0)], m.group(1)).strip(), line)
    line = rx.sub(r"\\([\\`*_{}\[\]()#+\-.!%])", r"\1", line)
    return _SPACES.sub(" ", line).strip(), is_heading


def clean(text: str) -> str:
    """NFC plus glyph repairs, for text from any format."""
    return nfc(repair_glyphs(nfc(text)))
