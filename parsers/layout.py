"""Page layout from positioned text: lines, columns, paragraphs and running headers.

One module for every source of positioned text: a PDF text layer gives text rectangles, OCR gives word boxes.
Both arrive as `Box`es in page coordinates that grow rightwards and downwards, so a two-column letterhead or
signature block is read column by column whichever way the page was read.
"""
from __future__ import annotations

import re
from bisect import insort
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.vntext import without_marks

from .assemble import LIST_MARKER

ROW_OVERLAP = 0.5  # boxes on one visual line overlap vertically by at least this share of the lower one
COLUMN_GAP = 2.5  # a horizontal gap of this many line heights separates two columns
TOUCHING_GAP = 0.12  # boxes closer than this many line heights are one word cut in two
MAX_TABLE_ROWS = 4  # a two-column band this long with both columns on every row is a table, read row by row
PARAGRAPH_STEP = 1.15  # a line this many usual line steps below the last starts a new paragraph
COLUMN_WRAP_STEP = 1.8  # a column's wrapped name may sit a little lower than a paragraph's next line
RIGHT_HALF = 0.45  # lines that start past this share of the text's width sit in the right half (a signature)
EDGE_LINES = 2  # lines at the top and bottom of a page looked at for running headers and footers

_PAGE_NUMBER = regex.compile(r"^(?:trang\s*)?[-–]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–]?$", regex.IGNORECASE)
_SPACES = regex.compile(r"\s+")
_TERMINAL = regex.compile(r"[.:;!?]\s*$")
_STARTS_CAPITAL = regex.compile(r"^\p{Lu}")
_ENDS_OPEN = regex.compile(r"[,(\-–/&]$")  # a line that stops at a comma or a hyphen goes on
_LOWER = regex.compile(r"\p{Ll}")
_UPPER = regex.compile(r"\p{Lu}")


@dataclass
class Box:
    """A run of text on one line: a PDF text rectangle or an OCR word. `confidence` (0..1) only from OCR."""
    text: str
    left: float
    top: float
    right: float
    bottom: float
    confidence: float | None = None

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)


@dataclass
class Line:
    """A visual line of one column, in reading order."""
    text: str
    left: float
    top: float
    right: float
    bottom: float
    confidences: list[tuple[float, int]] = field(default_factory=list)  # (word confidence, characters) per OCR word
    in_columns: bool = False  # part of a side-by-side column band (letterhead, signature block)

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def confidence(self) -> float | None:
        weight = sum(n for _, n in self.confidences)
        return sum(c * n for c, n in self.confidences) / weight if weight else None


# --- boxes -> lines ---------------------------------------------------------------------------

def _median(values: list[float]) -> float:
    """statistics.median without its generality."""
    return _median_of_sorted(sorted(values))


def _median_of_sorted(values: list[float]) -> float:
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def _core(row: list[Box]) -> tuple[float, float]:
    """The row's typical top and bottom: a tall accented capital or a descender does not stretch it."""
    return _median([b.top for b in row]), _median([b.bottom for b in row])


def _row_core(row: list[Box]) -> tuple[float, float]:
    """_core, the one box of most rows of a text layer read as it is."""
    return (row[0].top, row[0].bottom) if len(row) == 1 else _core(row)


def _same_row(core: tuple[float, float], box: Box) -> bool:
    top, bottom = core
    overlap = min(bottom, box.bottom) - max(top, box.top)
    return overlap >= ROW_OVERLAP * min(bottom - top, box.height)


def _overlap(core: tuple[float, float], box: Box) -> float:
    """Share of the box's height that lies within a row's typical top and bottom (its core)."""
    top, bottom = core
    return (min(bottom, box.bottom) - max(top, box.top)) / box.height


def _settled(rows: list[list[Box]]) -> list[list[Box]]:
    """Each box moved to the neighbouring row it overlaps most: a word that sorted early by its middle (a
    short word on a line set close under another) joins the line it sits on."""
    cores = [_row_core(row) for row in rows]  # the rows do not change until every move is chosen
    moves: list[tuple[int, int, Box]] = []
    for i, row in enumerate(rows):
        if len(row) == 1 and row[0].bottom - row[0].top >= 1.0:
            continue  # a box alone in its row lies wholly within its core: no other row holds more of it
        for box in row:
            best = max((j for j in (i - 1, i + 1) if 0 <= j < len(rows)), key=lambda j: _overlap(cores[j], box),
                       default=i)
            if _overlap(cores[best], box) > _overlap(cores[i], box):
                moves.append((i, best, box))
    for source, target, box in moves:
        rows[source].remove(box)
        rows[target].append(box)
    return [row for row in rows if row]


def rows_of(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into visual rows, top to bottom, each row left to right."""
    rows: list[list[Box]] = []
    tops: list[float] = []  # the last row's tops and bottoms kept sorted: its core without a sort for every box
    bottoms: list[float] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        if rows and _same_row((_median_of_sorted(tops), _median_of_sorted(bottoms)), box):
            rows[-1].append(box)
            insort(tops, box.top)
            insort(bottoms, box.bottom)
        else:
            rows.append([box])
            tops, bottoms = [box.top], [box.bottom]
    rows = _settled(rows)
    rows.sort(key=lambda row: _row_core(row)[0])
    for row in rows:
        if len(row) > 1:
            row.sort(key=lambda b: b.left)
    return rows


def _piece(boxes: list[Box]) -> Line:
    """Boxes of one row and column as a line; its top and bottom are the typical ones of its boxes, so that
    an accent or a descender does not make a line taller (and its gap to the next line smaller)."""
    if len(boxes) == 1:  # most rows of a text layer are one rectangle
        box = boxes[0]
        return Line(box.text, box.left, box.top, box.right, box.bottom,
                    [] if box.confidence is None else [(box.confidence, len(box.text))])
    top, bottom = _core(boxes)
    text = boxes[0].text
    for before, box in zip(boxes, boxes[1:]):
        text += ("" if box.left - before.right < TOUCHING_GAP * (bottom - top) else " ") + box.text
    confidences = [(b.confidence, len(b.text)) for b in boxes if b.confidence is not None]
    return Line(text, boxes[0].left, top, boxes[-1].right, bottom, confidences)


def row_pieces(row: list[Box]) -> list[Line]:
    """One row cut where a gap is wide enough to part two columns; boxes within a piece joined."""
    if len(row) == 1:
        return [_piece(row)]
    height = _median([b.height for b in row])
    groups: list[list[Box]] = [[row[0]]]
    for box in row[1:]:
        gap = box.left - groups[-1][-1].right
        if -0.5 <= gap < COLUMN_GAP * height:
            groups[-1].append(box)
        else:
            groups.append([box])
    return [_piece(group) for group in groups]


@dataclass
class _Band:
    """Rows read side by side in two columns, parted by a gutter that no piece crosses."""
    gutter_left: float
    gutter_right: float
    columns: tuple[list[Line], list[Line]]
    rows: int = 0
    full_rows: int = 0

    def take(self, pieces: list[Line]) -> bool:
        """Add a row when it keeps to the columns; False when it crosses the gutter."""
        if len(pieces) == 2:
            left, right = pieces
            low, high = max(self.gutter_left, left.right), min(self.gutter_right, right.left)
            if low >= high:
                return False
            self.gutter_left, self.gutter_right = low, high
            self.columns[0].append(left)
            self.columns[1].append(right)
            self.full_rows += 1
        elif len(pieces) == 1:
            piece = pieces[0]
            fits_left, fits_right = piece.right <= self.gutter_right, piece.left >= self.gutter_left
            if fits_left and fits_right:
                fits_left = (piece.left + piece.right) / 2 < (self.gutter_left + self.gutter_right) / 2
            if fits_left:
                self.gutter_left = max(self.gutter_left, piece.right)
                self.columns[0].append(piece)
            elif fits_right:
                self.gutter_right = min(self.gutter_right, piece.left)
                self.columns[1].append(piece)
            else:
                return False
        else:
            return False
        self.rows += 1
        return True

    def reading_order(self) -> list[Line]:
        if self.full_rows == self.rows and self.rows > MAX_TABLE_ROWS:  # a table without rules: keep its rows
            return [line for pair in zip(*self.columns) for line in pair]
        for line in self.columns[0] + self.columns[1]:
            line.in_columns = True
        return self.columns[0] + self.columns[1]


def page_lines(boxes: list[Box]) -> list[Line]:
    """Visual lines in reading order: top to bottom, and a two-column band column by column."""
    lines: list[Line] = []
    band: _Band | None = None
    for row in rows_of([b for b in boxes if b.text.strip()]):
        pieces = row_pieces(row)
        if band is not None and band.take(pieces):
            continue
        if band is not None:
            lines.extend(band.reading_order())
            band = None
        if len(pieces) == 2:
            band = _Band(pieces[0].right, pieces[1].left, ([], []))
            band.take(pieces)
        else:
            lines.extend(pieces)
    if band is not None:
        lines.extend(band.reading_order())
    return lines


def clean_box_text(text: str) -> str:
    # pdfium writes a hyphen that ends a line as U+0002 ('412/TTr-⏎SNN'): the hyphen it is
    text = text.replace("\x02", "-")
    stripped = text.strip()
    # words one space apart already (most rectangles): nothing to join. Every whitespace character other than the
    # space is one that isprintable() refuses, so a printable text without two spaces in a row has none to look for
    if "  " not in stripped and stripped.isprintable() or _IRREGULAR_SPACE.search(stripped) is None:
        return stripped
    if not any(ch in text for ch in _SPLIT_NOT_SPACE):  # str.split's whitespace is regex's \s here: the faster way
        return " ".join(text.split())
    return _SPACES.sub(" ", text).strip()


_SPLIT_NOT_SPACE = "\x1c\x1d\x1e\x1f"  # whitespace to str.split, not to regex's \s (each looked for as a substring:
# a set's isdisjoint over a string hashes every character)
# whitespace (str.isspace's, which holds regex's \s) other than one space between two other characters
_IRREGULAR_SPACE = re.compile(r"[^\S ]|  ")


# --- running headers and footers --------------------------------------------------------------

@lru_cache(maxsize=1024)  # a running header is the same line on every page
def _shape(text: str) -> str:
    """A line's shape: digits as #, without marks, so that the page number and an OCR misread mark
    ('UY BAN' for 'ỦY BAN') do not hide a running header."""
    return rx.sub(r"\d+", "#", without_marks(text.strip().lower()))


def running_lines(pages: list[list[Line]]) -> set[str]:
    """Shapes of lines that recur at the top or bottom edge of most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(l.text) for l in lines[:EDGE_LINES] + lines[-EDGE_LINES:]})
    return {shape for shape, n in counts.items() if n >= max(2, len(pages) / 2)}


def body_lines(lines: list[Line], recurring: set[str]) -> list[Line]:
    """The page without its running header, footer and page number."""
    return [l for i, l in enumerate(lines)
            if not ((i < EDGE_LINES or i >= len(lines) - EDGE_LINES)
                    and (_shape(l.text) in recurring or _PAGE_NUMBER.match(l.text)))]


# --- lines -> paragraphs ----------------------------------------------------------------------

def _is_upper(text: str) -> bool:
    """No small letter and three capitals or more (counted, not matched: `^[^\\p{Ll}]*(?:\\p{Lu}[^\\p{Ll}]*){3,}$`
    backtracks without end on a long line that has one small letter at its end)."""
    return _LOWER.search(text) is None and len(_UPPER.findall(text)) >= 3


@lru_cache(maxsize=1)
def _column_line_words() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    """(a line's opening words that begin a line of its own, last words that end a whole title, last words that
    leave one unfinished)."""
    rows = [line.split("\t") for line in (Path(__file__).parent / "data" / "column_line_openers.tsv")
            .read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]

    def alternation(kind: str) -> str:
        return "|".join(regex.escape(w.strip()) for k, w in sorted(rows, key=lambda r: -len(r[1])) if k == kind)
    return (regex.compile(rf"(?:{alternation('opens')})(?!\p{{L}})"),
            regex.compile(rf"(?<!\p{{L}})(?:{alternation('title_end')})\s*$"),
            regex.compile(rf"(?<!\p{{L}})(?:{alternation('title_open')})\s*$"))


def _column_wrap(a: Line, b: Line, line_step: float) -> bool:
    """Is b, in capitals right below a in a letterhead or signature column, a's name wrapped ('BAN CHỈ ĐẠO CÁC
    CHƯƠNG' / 'TRÌNH MTQG')? Only when b opens with no word that begins a line of its own."""
    if not (_is_upper(a.text) and _LOWER.search(b.text) is None and _UPPER.search(b.text)):
        return False
    if _step(a, b) > max(PARAGRAPH_STEP * line_step, COLUMN_WRAP_STEP) or b.top < a.bottom - 0.5 * a.height:
        return False
    if b.left > a.right or b.right < a.left:  # another column
        return False
    return not opens_column_line(b.text) and not ends_whole_title(a.text)


def opens_column_line(text: str) -> bool:
    """Does a letterhead or signature line open with a word that begins a line of its own (a body, a title)?"""
    return _column_line_words()[0].match(text.strip()) is not None


def ends_whole_title(text: str) -> bool:
    return _column_line_words()[1].search(text) is not None


def ends_title_unfinished(text: str) -> bool:
    """'KT. CHÁNH', 'PHÓ', 'TM. ỦY BAN': a title line cut before its end."""
    return _column_line_words()[2].search(text) is not None


def paragraph_break(a: Line, b: Line, line_step: float, text_right: float) -> bool:
    """Does line b start a new paragraph after line a (same page)?"""
    if a.in_columns or b.in_columns:  # letterhead and signature lines are items of their own, unless wrapped
        return not (a.in_columns and b.in_columns and _column_wrap(a, b, line_step))
    if _step(a, b) > PARAGRAPH_STEP * line_step or b.top - a.bottom < -0.5 * a.height:
        return True
    if LIST_MARKER.match(b.text):
        return True
    if _is_upper(a.text) or _is_upper(b.text):  # a heading, the type line; a signer's title wrapped in the right half
        return not (min(a.left, b.left) > RIGHT_HALF * text_right and _column_wrap(a, b, line_step))
    ends_short = a.right < text_right - 3 * a.height
    if _ends_sentence(a.text) and (ends_short or b.left > a.left + a.height):
        return True
    # a short line before a capital: a heading over its paragraph, the last line of a paragraph
    return ends_short and _STARTS_CAPITAL.match(b.text) is not None and not _ENDS_OPEN.search(a.text)


def _ends_sentence(text: str) -> bool:
    """_TERMINAL.search(text): the last character other than whitespace is a full stop, colon, semicolon, '!' or
    '?' (read from the end: a search tries every position of the line)."""
    body = text.rstrip()
    if any(ch in _SPLIT_NOT_SPACE for ch in text[len(body):]):  # stripped by rstrip, not crossed by regex's \s
        return _TERMINAL.search(text) is not None
    return body[-1:] in (".", ":", ";", "!", "?")


def _step(a: Line, b: Line) -> float:
    """From one line's middle to the next's, in their line heights: the same measure whether the boxes are
    tight around the glyphs (OCR) or span the font's height (PDF), and whatever the font size."""
    # (b.middle - a.middle) / ((a.height + b.height) / 2) with its halves cancelled: the same float (halving is
    # exact), without four property calls for every pair of lines
    return ((b.top + b.bottom) - (a.top + a.bottom)) / (max(1.0, a.bottom - a.top) + max(1.0, b.bottom - b.top))


def typical_step(lines: list[Line]) -> float:
    """The usual step from one line to the next within a paragraph."""
    # (a step under half a line is no step down: cells of one table row, columns of one line)
    steps = sorted(s for a, b in zip(lines, lines[1:]) if 0.5 < (s := _step(a, b)) < 3)
    # the lower quartile: on a page of short paragraphs most steps are paragraph breaks, not line steps
    return steps[len(steps) // 4] if steps else 1.3
