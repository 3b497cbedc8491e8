"""Ruled tables in a page image: the ruling lines found in the pixels, OCR words placed in the cells they draw.

What pdfplumber does with a PDF's vector lines, done on a scan: long horizontal and vertical runs of dark
pixels are rules; a grid of them is a table; each word goes to the cell that holds its centre.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .layout import Box, row_pieces, rows_of
from .pages import Table

DARK = 140  # grey level below which a pixel is ink
H_RULE_INCHES = 0.6  # a horizontal rule is an unbroken dark run at least this long
V_RULE_INCHES = 0.15  # a vertical rule: as long as a table row is tall at the least
MERGE_INCHES = 0.02  # rule pixels closer than this are one rule (a thick or soft line)
MIN_ROWS, MIN_COLUMNS = 2, 2


@dataclass
class _Rule:
    at: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


def _rules(mask: np.ndarray, length: int, merge: int) -> list[_Rule]:
    """Rules along the rows of `mask`: unbroken runs of ink at least `length` long, each with its extent;
    runs in neighbouring rows that overlap are one rule (a thick or slightly slanted line)."""
    sums = np.cumsum(np.pad(mask.astype(np.int32), ((0, 0), (1, 0))), axis=1)
    full = (sums[:, length:] - sums[:, :-length]) == length  # the window starting at each pixel is all ink
    rules: list[_Rule] = []
    for index in np.nonzero(full.any(axis=1))[0]:
        starts = np.nonzero(full[index])[0]
        for run in np.split(starts, np.nonzero(np.diff(starts) > 1)[0] + 1):
            first, last = float(run[0]), float(run[-1] + length - 1)
            rule = next((r for r in reversed(rules) if index - r.at <= merge and first <= r.end and last >= r.start),
                        None)
            if rule is None:
                rules.append(_Rule(float(index), first, last))
            else:
                rule.at, rule.start, rule.end = float(index), min(rule.start, first), max(rule.end, last)
    kept: list[_Rule] = []
    for rule in sorted(rules, key=lambda r: r.at):  # a run that split in two for a row or two is still one rule
        twin = next((k for k in kept if rule.at - k.at <= merge and rule.start <= k.end and rule.end >= k.start), None)
        if twin is None:
            kept.append(rule)
        else:
            twin.at, twin.start, twin.end = rule.at, min(twin.start, rule.start), max(twin.end, rule.end)
    return kept


def _run_pixels(mask: np.ndarray, length: int) -> np.ndarray:
    """Pixels of `mask` that lie in a run of ink at least `length` long along its rows, one pixel fattened."""
    sums = np.cumsum(np.pad(mask.astype(np.int32), ((0, 0), (1, 0))), axis=1)
    starts = np.pad((sums[:, length:] - sums[:, :-length]) == length, ((0, 0), (0, length - 1)))
    reach = np.cumsum(np.pad(starts.astype(np.int32), ((0, 0), (1, 0))), axis=1)
    covered = (reach[:, length:] - reach[:, :-length]) > 0 if mask.shape[1] >= length else starts
    covered = np.pad(covered, ((0, 0), (length - 1, 0)))[:, :mask.shape[1]]
    return covered | np.roll(covered, 1, axis=0) | np.roll(covered, -1, axis=0)


def without_rules(image, dpi: int):
    """The image with its ruling lines painted white, or None when it has none. Tesseract drops whole lines
    set between rules (a table's header row, a running header over its rule) and reads a rule beside a
    letter as a letter ('1C13' for 'TC13')."""
    from PIL import Image
    gray = np.asarray(image.convert("L")).copy()
    ink = gray < DARK
    rules = _run_pixels(ink, int(H_RULE_INCHES * dpi)) | _run_pixels(ink.T, int(V_RULE_INCHES * dpi)).T
    if not rules.any():
        return None
    gray[rules] = 255
    return Image.fromarray(gray)


def find_tables(image, words: list[Box], dpi: int) -> list[Table]:
    """Ruled tables of a grey page image, their cells filled with the OCR words inside them."""
    ink = np.asarray(image.convert("L")) < DARK
    merge = max(2, int(MERGE_INCHES * dpi))
    horizontal = _rules(ink, int(H_RULE_INCHES * dpi), merge)
    if len(horizontal) < MIN_ROWS + 1:
        return []
    vertical = _rules(ink.T, int(V_RULE_INCHES * dpi), merge)
    tables = []
    for group in _grids(horizontal, vertical, merge * 3):
        table = _fill(*group, words)
        if table is not None:
            tables.append(table)
    return tables


def _grids(horizontal: list[_Rule], vertical: list[_Rule], slack: float):
    """Sets of horizontal rules joined by vertical rules that run between them: one set a table."""
    used: set[int] = set()
    for i, top in enumerate(horizontal):
        if i in used:
            continue
        rows = [top]
        for j in range(i + 1, len(horizontal)):
            candidate = horizontal[j]
            joined = [v for v in vertical if v.start <= rows[-1].at + slack and v.end >= candidate.at - slack
                      and top.start - slack <= v.at <= top.end + slack]
            if len(joined) < 2:
                break
            rows.append(candidate)
            used.add(j)
        if len(rows) < MIN_ROWS + 1:
            continue
        columns = [v for v in vertical if v.start <= rows[0].at + slack * 4 and v.end >= rows[-1].at - slack * 4
                   or v.start <= rows[-1].at and v.end >= rows[0].at]
        columns = [v for v in columns if top.start - slack <= v.at <= top.end + slack]
        if len(columns) >= MIN_COLUMNS + 1:
            yield [r.at for r in rows], sorted({round(v.at) for v in columns}), columns, slack


def _fill(ys: list[float], xs: list[int], columns: list[_Rule], slack: float, words: list[Box]) -> Table | None:
    xs = [x for k, x in enumerate(xs) if k == 0 or x - xs[k - 1] > slack]
    cells: dict[tuple[int, int], list[Box]] = {}
    for word in words:
        cx, cy = (word.left + word.right) / 2, (word.top + word.bottom) / 2
        if not (ys[0] < cy < ys[-1] and xs[0] < cx < xs[-1]):
            continue
        row = next(r for r in range(len(ys) - 1) if cy < ys[r + 1])
        col = _column(cx, (ys[row] + ys[row + 1]) / 2, xs, columns, slack)
        cells.setdefault((row, col), []).append(word)
    rows = [[cell_text(cells.get((r, c), [])) or None for c in range(len(xs) - 1)] for r in range(len(ys) - 1)]
    if sum(1 for row in rows for cell in row if cell) < MIN_ROWS * MIN_COLUMNS:
        return None
    table = Table(float(xs[0]), float(xs[-1]), float(ys[0]), float(ys[-1]), rows, words=cells)
    for r in range(len(ys) - 1):
        edges = _crossing(xs, (ys[r] + ys[r + 1]) / 2, columns, slack)
        for left, right in zip(edges, edges[1:]):
            table.cells[(r, xs.index(left))] = (float(left), ys[r], float(right), ys[r + 1])
    return table


def _crossing(xs: list[int], cy: float, columns: list[_Rule], slack: float) -> list[int]:
    """The rules that run through the row at height cy, the table's outer edges always among them."""
    inner = [x for x in xs[1:-1] if any(abs(v.at - x) <= slack and v.start - slack <= cy <= v.end + slack
                                         for v in columns)]
    return [xs[0], *inner, xs[-1]]


def _column(cx: float, cy: float, xs: list[int], columns: list[_Rule], slack: float) -> int:
    """The column a point is in: left of it the nearest rule that runs through this row (merged cells span)."""
    left = max((x for x in _crossing(xs, cy, columns, slack) if x < cx), default=xs[0])
    return xs.index(left)


def cell_text(words: list[Box]) -> str:
    return " ".join(piece.text for row in rows_of(words) for piece in row_pieces(row))
