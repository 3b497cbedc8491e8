"""Hard-wrapped text joined back into its paragraphs.

Text exported from PDF, OCR'd or typed with breaks is cut at a fixed width. A wrapping tool puts a word on the
next line only when it does not fit on the current one, so a break is a wrap exactly when the next line's first
word would have overflowed the width: a short line followed by a word that would have fitted is a real break.
The width is read off the document itself: hard-wrapped text has many lines ending just below one column.
"""
from __future__ import annotations

import regex


MIN_LINE = 20  # shorter lines (headings, signatures, dates) say nothing about the width
NEAR_WIDTH = 12  # a full line ends within this many columns of the width
MIN_FULL_SHARE = 0.4  # share of the longer lines that are full in a hard-wrapped text
MAX_OVERLONG_SHARE = 0.03  # lines past the width: a long unbreakable token, a table row
SLACK = 2  # columns a wrapping tool may leave unused (trailing space, a wide glyph)
BLANK_PARAGRAPH_SHARE = 0.2  # blank lines per text line from which a document marks paragraphs with blank lines

_FIRST_CHUNK = regex.compile(r"\S+?(?:(?<=\w)-(?=\w)|(?=\s)|$)")  # the piece a wrapper moves as one: "UBND", "-"
_WORD_HYPHEN_END = regex.compile(r"[\w/)]-$")  # "303/QĐ-": a wrapper may break after a hyphen inside a word
_ENDS_SENTENCE = regex.compile(r"[.!?]\s*$")
_ENDS_CLAUSE = regex.compile(r"[.;:!?]\s*$")
_SECTION_MARKER = regex.compile(r"^(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2})*)[.)/]\s|^[a-zđ]\)\s|^[ivx]{1,4}\)\s")
_ITEM_MARKER = regex.compile(r"^[-+•–*~]\s")
_STARTS_UPPER_OR_DIGIT = regex.compile(r"^[\p{Lu}\d]")


def wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text is cut at, or None when its lines do not look cut at one width."""
    lengths = sorted((len(line) for line in lines if len(line) >= MIN_LINE), reverse=True)
    if len(lengths) < 4:
        return None
    allowed_overlong = int(len(lengths) * MAX_OVERLONG_SHARE)
    for width in dict.fromkeys(lengths[:allowed_overlong + 1]):
        overlong = sum(1 for n in lengths if n > width)
        full = sum(1 for n in lengths if width - NEAR_WIDTH <= n <= width)
        if overlong <= allowed_overlong and full >= max(3, MIN_FULL_SHARE * len(lengths)):
            return width
    return None


def first_chunk(line: str) -> str:
    match = _FIRST_CHUNK.match(line.lstrip())
    return match.group(0) if match else ""


def is_wrap(previous: str, following: str, width: int | None, blank_line_paragraphs: bool = False) -> bool:
    """Was `following` put on a new line only because its first word did not fit after `previous`?
    Both are physical lines as the file has them (markup included: the wrapping tool counted it)."""
    if width is None or not previous.strip() or not following.strip():
        return False
    chunk = first_chunk(following)
    space = 0 if _WORD_HYPHEN_END.search(previous.rstrip()) else 1
    if len(previous.rstrip()) + space + len(chunk) <= width - SLACK:
        return False  # it would have fitted: the writer broke the line on purpose
    previous, following = previous.rstrip(" *_"), following.lstrip(" *_#")
    if _SECTION_MARKER.match(following):
        return not _ENDS_CLAUSE.search(previous) and not following.isupper()
    if _ITEM_MARKER.match(following):
        return not _ENDS_CLAUSE.search(previous)
    if _ENDS_SENTENCE.search(previous) and not blank_line_paragraphs:
        # a full line that ends a sentence: the next sentence or paragraph may start on its own line, unless the
        # document marks its paragraphs with blank lines (then the next sentence is of the same paragraph)
        return not _STARTS_UPPER_OR_DIGIT.match(following)
    return True


def rejoin_table_rows(lines: list[str], wraps: list[bool]) -> tuple[list[str], list[bool]]:
    """A '|' table row cut by the wrap is one row again, so the table reader sees it whole."""
    out_lines: list[str] = []
    out_wraps: list[bool] = []
    for line, wrapped in zip(lines, wraps):
        previous = out_lines[-1].strip() if out_lines else ""
        if wrapped and previous.startswith("|") and not previous.endswith("|"):
            out_lines[-1] = out_lines[-1].rstrip() + joiner(previous, line.strip()) + line.strip()
            continue
        out_lines.append(line)
        out_wraps.append(wrapped)
    return out_lines, out_wraps


def mark_wraps(*forms: list[str]) -> list[bool]:
    """For each physical line: is it the wrapped continuation of the line before? Blank lines break.
    `forms` are the same lines as the file spells them and as normalised: a wrapping tool counted columns in
    one of them (NFD text wrapped by code points, or by what the eye sees); the first that shows a width wins."""
    blanks = sum(1 for line in forms[0] if not line.strip())
    blank_line_paragraphs = blanks >= BLANK_PARAGRAPH_SHARE * (len(forms[0]) - blanks)
    for lines in forms:
        width = wrap_width([line.strip() for line in lines])
        if width is not None:
            return [i > 0 and is_wrap(lines[i - 1], line, width, blank_line_paragraphs) for i, line in enumerate(lines)]
    return [False] * len(forms[0])


def joiner(previous: str, following: str) -> str:
    """'' when a word cut at its hyphen or slash is whole again ("303/QĐ-" + "UBND"), else a space."""
    line = previous[:-1] if previous.endswith("\n") else previous
    cut = len(line) >= 2 and line[-1] in "-/&" and not (line[-2].isspace() and line[-2] not in "\x1c\x1d\x1e\x1f")
    return "" if cut and following[:1].isalnum() else " "  # \x1c-\x1f are spaces to str, not to regex's \s
