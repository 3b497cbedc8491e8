"""OCR with Tesseract: which pages need it, turning a page upright, words with their boxes and confidences.

Tesseract runs as a command (`tesseract`, or the path in $NTM_TESSERACT) on one page image at a time, with TSV
output: a box and a confidence for every word. Nothing is fetched at run time: the language models come from
Debian's packages (tesseract-ocr-vie, tesseract-ocr-osd).
"""
from __future__ import annotations

import io
import math
import os
import statistics
import subprocess
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import regex

from ntm.normalize.char_tables import codes_in_plane, digits_in_plane, in_plane_where
from ntm.normalize.fast_pattern import FastPattern

from . import legacy
from .errors import MissingToolError, OcrError, ParseError
from .layout import Box

MODES = ("auto", "off", "force")
DEFAULT_LANG = "vie"
TESSERACT_ENV = "NTM_TESSERACT"  # the tesseract command to run (default: tesseract on PATH)
PACKAGES = "tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd"


@cache
def settings() -> dict:
    with open(Path(__file__).parent / "data" / "ocr.toml", "rb") as handle:
        return tomllib.load(handle)


# --- which pages need OCR ---------------------------------------------------------------------

# words without a digit: a run of letters and marks that no digit touches ('2023' and 'U8ND' are no words here)
_WORD = FastPattern(r"(?<![\p{L}\p{M}\d])[\p{L}\p{M}]+(?![\p{L}\p{M}\d])")  # by re where it can: faster


@cache
def _word_characters() -> np.ndarray:
    """For each character of the Basic Multilingual Plane, what `_runs` reads it as: itself where it is a letter or
    a mark, '0' where it is a digit, a space for any other."""
    table = np.full(0x10000, ord(" "), dtype=np.uint32)
    letters = in_plane_where(regex.compile(r"[\p{L}\p{M}]+"))
    table[letters] = np.flatnonzero(letters)
    table[digits_in_plane(np.arange(0x10000))] = ord("0")
    return table


def warm_up() -> None:
    """Build the table before a pool forks its workers."""
    _word_characters()


def _runs(text: str) -> list[str]:
    """The runs of letters and marks, digits written as '0' and every other character as a space by one table lookup,
    then split at the spaces: a run that holds a '0' touched a digit. _WORD.findall(text) (no such run) where the
    table cannot read the text."""
    codes = codes_in_plane(text)
    if codes is None:
        return _WORD.findall(text)
    return np.take(_word_characters(), codes).tobytes().decode("utf-32-le").split()


@dataclass(frozen=True)
class Readability:
    words: int
    syllable_share: float  # words that are Vietnamese syllables
    marked_share: float  # words with a Vietnamese letter outside ASCII

    def reads_as_vietnamese(self) -> bool:
        limits = settings()["text_layer"]
        return self.syllable_share >= limits["min_syllable_share"] and self.marked_share >= limits["min_marked_share"]


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    return legacy.vietnamese_score(word) == 1.0


@lru_cache(maxsize=65536)
def _word_kind(word: str) -> tuple[int, int, int]:
    """(counted, a syllable, marked) of a word, each 0 or 1. An acronym ('UBND', 'HĐND', 'PTNT', 'VT') is neither a
    syllable nor a misread one: a page of recipients and offices would otherwise read as no Vietnamese and go to
    OCR, which reads it worse; it is not counted. Nor is a run a digit touches ('2023', 'U8ND': a '0' in `_runs`)."""
    if "0" in word:
        return 0, 0, 0
    syllable = _is_syllable(word)
    if len(word) >= 2 and word.isupper() and not syllable:
        return 0, 0, 0
    return 1, int(syllable), int(not word.isascii())


def _measure(text: str) -> Readability:
    count = syllables = marked = 0
    for word, n in Counter(_runs(text)).items():  # each distinct run judged once
        counted, syllable, is_marked = _word_kind(word)
        if counted:
            count += n
            syllables += n * syllable
            marked += n * is_marked
    if not count:
        return Readability(0, 0.0, 0.0)
    return Readability(count, syllables / count, marked / count)


def readability(text: str) -> Readability:
    """How much of `text` reads as Vietnamese: as it is, or once repaired from a legacy font encoding."""
    plain = _measure(text)
    if plain.reads_as_vietnamese():
        return plain
    readings = [plain] + [_measure(legacy.decode_as(text, name)) for name in ("tcvn3", "vni")]
    return max(readings, key=lambda r: (r.reads_as_vietnamese(), r.syllable_share + r.marked_share))


@dataclass(frozen=True)
class LayerVerdict:
    usable: bool  # the text layer may be read as it is
    needs_ocr: bool
    reason: str | None = None  # what is wrong with the layer, for the warnings


def judge_layer(text: str, scanned: bool, mode: str) -> LayerVerdict:
    """Whether a page's text layer is read, or the page is OCR'd (mode auto, off or force)."""
    measured = readability(text)
    if measured.words == 0:
        verdict = LayerVerdict(False, True, "has no text layer (scanned image?)")
    elif measured.words < settings()["text_layer"]["min_words"]:
        verdict = LayerVerdict(True, scanned, "has a page-sized image with only a few words over it" if scanned else None)
    elif not measured.reads_as_vietnamese():
        verdict = LayerVerdict(False, True, f"has a text layer that does not read as Vietnamese "
                                            f"({measured.syllable_share:.0%} of its words are syllables, "
                                            f"{measured.marked_share:.0%} carry Vietnamese marks)")
    else:
        verdict = LayerVerdict(True, False)
    if mode == "force":
        return LayerVerdict(verdict.usable, True, verdict.reason or "read by OCR (--ocr force)")
    if mode == "off":
        return LayerVerdict(verdict.usable, False, verdict.reason)
    return verdict


# --- reading a page image ---------------------------------------------------------------------

@dataclass
class OcrPage:
    """One page as Tesseract read it: words in pixels of the upright image, top left origin."""
    words: list[Box]
    width: int
    height: int
    rotation: int = 0  # degrees the scan was turned clockwise to stand upright
    confidence: float | None = None  # mean word confidence 0..1, weighted by characters
    skew: float = 0.0  # dy/dx of the scanned lines; the words are levelled, as if it were 0
    tables: list = field(default_factory=list)  # parsers.pages.Table: ruled tables found in the image
    dropped: list[Box] = field(default_factory=list)  # words left out as specks or misread fragments, levelled

    @property
    def has_text(self) -> bool:
        return bool(self.words)


class OcrPending(Exception):
    """Raised instead of reading pages when the caller reads them itself (the pipeline's process pool)."""

    def __init__(self, pages: list[int]):
        super().__init__(f"{len(pages)} pages to OCR")
        self.pages = pages


@dataclass
class OcrRequest:
    mode: str = "auto"
    lang: str = DEFAULT_LANG
    done: dict[int, OcrPage] = field(default_factory=dict)  # pages read beforehand, by 0-based index
    failed: dict[int, str] = field(default_factory=dict)  # pages that could not be read beforehand, and why
    defer: bool = False  # raise OcrPending for pages not in `done` instead of reading them here


@dataclass
class OcrResult:
    pages: dict[int, OcrPage] = field(default_factory=dict)
    errors: list[ParseError] = field(default_factory=list)  # MissingToolError, OcrError; one line each


def _command() -> str:
    return os.environ.get(TESSERACT_ENV) or "tesseract"


@cache
def _languages(command: str) -> frozenset[str]:
    try:
        proc = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (FileNotFoundError, PermissionError, NotADirectoryError):
        raise MissingToolError(f"Tesseract OCR is not installed ({command} not found): {PACKAGES} "
                               f"must be installed (apt-get install {PACKAGES})") from None
    return frozenset(line.strip() for line in proc.stdout.splitlines()[1:] if line.strip())


def check_tesseract(lang: str) -> None:
    """Raise MissingToolError, one line naming the packages, when Tesseract or a language model is missing."""
    installed = _languages(_command())
    missing = [name for name in lang.split("+") if name not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{name}" for name in missing)
        raise MissingToolError(f"Tesseract has no '{'+'.join(missing)}' language model: install the Debian "
                               f"package {packages} (apt-get install {packages})")


def has_orientation_model() -> bool:
    try:
        return "osd" in _languages(_command())
    except MissingToolError:
        return False


def _run(image, args: list[str]) -> str:
    buffer = io.BytesIO()
    image.save(buffer, "PPM")  # uncompressed: quicker to write and for Tesseract to read than PNG
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread a page: the process pool runs pages side by side
    try:
        proc = subprocess.run([_command(), "stdin", "stdout", *args], input=buffer.getvalue(), capture_output=True,
                              env=env, timeout=settings()["tesseract"]["timeout_seconds"])
    except FileNotFoundError:
        raise MissingToolError(f"Tesseract OCR is not installed: apt-get install {PACKAGES}") from None
    except subprocess.TimeoutExpired:
        raise OcrError("Tesseract took too long") from None
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(lines[-1][:200] if lines else f"Tesseract exited with {proc.returncode}")
    return proc.stdout.decode("utf-8", "replace")


@dataclass
class _Word:
    box: Box
    line: tuple[int, int, int]


def _words(tsv: str) -> list[_Word]:
    """Every word of Tesseract's TSV, specks too (see `_kept`)."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        box = Box(cells[11].strip(), left, top, left + width, top + height, round(max(0.0, float(cells[10])) / 100, 4))
        words.append(_Word(box, (int(cells[2]), int(cells[3]), int(cells[4]))))
    return words


def _kept(words: list[_Word]) -> list[_Word]:
    """The words read as text: not specks and stains below the confidence floor, not misread fragments."""
    floor = settings()["tesseract"]["min_word_confidence"]
    return _without_ghosts([w for w in words if (w.box.confidence or 0) >= floor])


GHOST_BELOW = 0.5  # a word read at less confidence than this, lying over a better word, is a misread fragment


def _without_ghosts(words: list[_Word]) -> list[_Word]:
    """Drop doubtful words that lie over another word ('ti' read from the hook of 'Lưu')."""
    def covered(ghost: Box) -> bool:
        for other in words:
            b = other.box
            if b is ghost or (b.confidence or 0) <= (ghost.confidence or 0):
                continue
            across = min(b.right, ghost.right) - max(b.left, ghost.left)
            if across >= 0.5 * (ghost.right - ghost.left) and min(b.bottom, ghost.bottom) > max(b.top, ghost.top):
                return True
        return False
    return [w for w in words if (w.box.confidence or 0) >= GHOST_BELOW or not covered(w.box)]


def _slope(words: list[_Word]) -> float:
    """The page's skew as dy/dx, read off the lines Tesseract found (it reads a skewed page well)."""
    lines: dict[tuple[int, int, int], list[Box]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word.box)
    slopes = []
    for boxes in lines.values():
        if len(boxes) < 3:
            continue
        xs = [(b.left + b.right) / 2 for b in boxes]
        ys = [b.bottom for b in boxes]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        spread = sum((x - mx) ** 2 for x in xs)
        if spread:
            slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / spread)
    return statistics.median(slopes) if slopes else 0.0


def _level(words: list[_Word], width: int, height: int, slope: float) -> list[Box]:
    """Word boxes turned about the page centre as if the page were not skewed (as `_levelled_image` turns
    the image), so that the words of a line share one row and a table's rules stand straight."""
    angle = math.atan(slope)
    cos, sin = math.cos(angle), math.sin(angle)
    boxes = []
    for word in words:
        b = word.box
        dx, dy = (b.left + b.right) / 2 - width / 2, (b.top + b.bottom) / 2 - height / 2
        x, y = dx * cos + dy * sin + width / 2, -dx * sin + dy * cos + height / 2
        half_w, half_h = (b.right - b.left) / 2, (b.bottom - b.top) / 2
        boxes.append(Box(b.text, x - half_w, y - half_h, x + half_w, y + half_h, b.confidence))
    return boxes


def _levelled_image(image, slope: float):
    from PIL import Image
    if not slope:
        return image
    return image.rotate(math.degrees(math.atan(slope)), resample=Image.BILINEAR, fillcolor=255)


def _mean_confidence(boxes: list[Box]) -> float | None:
    weight = sum(len(b.text) for b in boxes)
    return round(sum(b.confidence * len(b.text) for b in boxes) / weight, 4) if weight else None


def recognise(image, lang: str, dpi: int) -> OcrPage:
    tess = settings()["tesseract"]
    tsv = _run(image, ["-l", lang, "--psm", str(tess["page_segmentation"]), "--dpi", str(dpi), "tsv"])
    every = _words(tsv)
    words = _kept(every)
    slope = _slope(words)
    boxes = _level(words, image.width, image.height, slope)
    kept = {id(w) for w in words}
    dropped = _level([w for w in every if id(w) not in kept], image.width, image.height, slope)
    return OcrPage(boxes, image.width, image.height, 0, _mean_confidence(boxes), slope, dropped=dropped)


def _with_tables(page: OcrPage, image, lang: str, dpi: int) -> OcrPage:
    """A page with ruling lines is read again, levelled and without its rules; its ruled tables are found."""
    from .rules import find_tables, without_rules
    levelled = _levelled_image(image, page.skew)
    clean = without_rules(levelled, dpi)
    if clean is None:
        return page
    reread = recognise(clean, lang, dpi)
    reread.rotation, reread.skew = page.rotation, page.skew
    reread.tables = find_tables(levelled, reread.words, dpi)
    for table in reread.tables:
        _reread_cells(table, clean, reread.dropped, lang, dpi)
    return reread


CELL_DOUBT = 0.9  # a cell holding a word read at less confidence than this, or a dropped one, is read alone
CELL_KEEPS = 0.7  # a cell's own reading must keep at least this share of the characters the page's reading kept
CELL_INSET_INCHES = 0.015  # a cell is cut this far inside its rules (what painting out leaves of them)
CELL_GAP_INCHES = 0.25  # white between cells stacked on one sheet, and around them


def _otsu(image):
    """The image in black and white, cut at the grey level that best parts ink from paper (Otsu's)."""
    import numpy as np
    from PIL import Image
    grey = np.asarray(image.convert("L"))
    counts = np.bincount(grey.ravel(), minlength=256).astype(float)
    below, mass = np.cumsum(counts), np.cumsum(counts * np.arange(256))
    above = below[-1] - below
    with np.errstate(divide="ignore", invalid="ignore"):
        between = np.where((below > 0) & (above > 0), (mass[-1] * below - mass * below[-1]) ** 2 / (below * above),
                           -1.0)
    return Image.fromarray(np.where(grey <= int(np.argmax(between)), 0, 255).astype(np.uint8))


def _smoothed_otsu(image):
    from PIL import ImageFilter
    return _otsu(image.filter(ImageFilter.GaussianBlur(1)))


# A doubtful cell is read again alone in these ways, until one reads every word of it confidently; the most
# confident reading is kept. Black and white first: Tesseract's recogniser reads the grey pixels, and a scan's
# grain between small glyphs reads as strokes ('TC53,1C6,' for 'TC5, TC6,'); black and white cut after a
# slight blur, where the cut itself leaves the grain on an edge ('TCS,' for 'TC5,'); grey last.
CELL_READINGS = (_otsu, _smoothed_otsu, lambda image: image)


def _score(words: list[Box]) -> float:
    """Mean confidence by characters, over every word Tesseract gave (those dropped too)."""
    weight = sum(len(w.text) for w in words)
    return sum((w.confidence or 0) * len(w.text) for w in words) / weight if weight else 0.0


def _read_stacked(crops: list, lang: str, dpi: int) -> list[list[_Word]]:
    """Cell images read in one run of Tesseract, stacked on one white sheet; each cell's words in its own
    coordinates."""
    from PIL import Image
    gap = round(CELL_GAP_INCHES * dpi)
    sheet = Image.new("L", (max(c.width for c in crops) + 2 * gap, sum(c.height + gap for c in crops) + gap), 255)
    tops, y = [], gap
    for crop in crops:
        sheet.paste(crop, (gap, y))
        tops.append(y)
        y += crop.height + gap
    tsv = _run(sheet, ["-l", lang, "--psm", str(settings()["tesseract"]["page_segmentation"]), "--dpi", str(dpi),
                       "tsv"])
    found: list[list[_Word]] = [[] for _ in crops]
    for word in _words(tsv):
        b = word.box
        middle = (b.top + b.bottom) / 2
        for k, (top, crop) in enumerate(zip(tops, crops)):
            if top - gap / 2 <= middle < top + crop.height + gap / 2:
                moved = Box(b.text, b.left - gap, b.top - top, b.right - gap, b.bottom - top, b.confidence)
                found[k].append(_Word(moved, word.line))
                break
    return found


def _reread_cells(table, image, dropped: list[Box], lang: str, dpi: int) -> None:
    """Cells of a ruled table whose words read doubtfully are read again alone, cut out of the page.

    Read as part of the whole page, a cell's list of numbers ('1, 3-10, 12-16, 18, 19') is often read at low
    confidence, partly wrong ('1,5:4-8.9,12,') or dropped, and so is a list of symbols ('TC2, TC5, TC10');
    read alone the same pixels mostly read clean. A cell's own reading replaces the page's when it is read
    more confidently (words dropped counted at their confidence) and keeps most of its characters."""
    inset = round(CELL_INSET_INCHES * dpi)
    todo = []  # (key, (x0, y0), crop, best words or None, best score, characters kept by the page's reading)
    for key, (left, top, right, bottom) in table.cells.items():
        words = table.words.get(key, [])
        lost = [w for w in dropped if left < (w.left + w.right) / 2 < right and top < (w.top + w.bottom) / 2 < bottom]
        if not lost and all((w.confidence or 0) >= CELL_DOUBT for w in words):
            continue
        x0, y0 = max(0, round(left) + inset), max(0, round(top) + inset)
        x1, y1 = min(image.width, round(right) - inset), min(image.height, round(bottom) - inset)
        if x1 - x0 >= 4 and y1 - y0 >= 4:
            todo.append([key, (x0, y0), image.crop((x0, y0, x1, y1)), None, _score(words + lost),
                         sum(len(w.text) for w in words)])
    for reading in CELL_READINGS:
        if not todo:
            break
        try:
            found = _read_stacked([reading(cell[2]) for cell in todo], lang, dpi)
        except OcrError:
            break
        unsure = []
        for cell, every in zip(todo, found):
            kept = _kept(every)
            score = _score([w.box for w in every])
            if score > cell[4] and sum(len(w.box.text) for w in kept) >= CELL_KEEPS * cell[5]:
                cell[3], cell[4] = kept, score
                if every and all(w.box.confidence >= CELL_DOUBT for w in every):
                    _settle(table, cell)
                    continue
            unsure.append(cell)
        todo = unsure
    for cell in todo:
        _settle(table, cell)


def _settle(table, cell) -> None:
    """A cell's best own reading, if it beat the page's, put in the table in page coordinates."""
    from .rules import cell_text
    key, (x0, y0), _, best = cell[:4]
    if best is None:
        return
    words = [Box(w.box.text, w.box.left + x0, w.box.top + y0, w.box.right + x0, w.box.bottom + y0, w.box.confidence)
             for w in best]
    table.words[key] = words
    table.rows[key[0]][key[1]] = cell_text(words) or None


_ROTATE = regex.compile(r"Rotate:\s*(\d+)")
_ORIENTATION_CONFIDENCE = regex.compile(r"Orientation confidence:\s*([\d.]+)")


def orientation(image, dpi: int) -> int:
    """Degrees to turn the page clockwise to stand it upright (0 when unsure), from Tesseract's osd model."""
    if not has_orientation_model():
        return 0
    small = image.reduce(2) if dpi >= 300 else image  # orientation needs no fine detail; half the pixels, half the time
    try:
        out = _run(small, ["--psm", "0", "-l", "osd", "--dpi", str(dpi // 2 if dpi >= 300 else dpi)])
    except OcrError:  # too few characters to tell
        return 0
    rotate, confidence = _ROTATE.search(out), _ORIENTATION_CONFIDENCE.search(out)
    if not rotate or not confidence:
        return 0
    if float(confidence.group(1)) < settings()["tesseract"]["min_orientation_confidence"]:
        return 0
    return int(rotate.group(1)) % 360


def read_image(image, lang: str, dpi: int) -> OcrPage:
    """Recognise a page; a page that reads poorly upright is turned as the osd model says and read again."""
    gray = image.convert("L")
    page = recognise(gray, lang, dpi)
    if page.confidence is not None and page.confidence >= settings()["tesseract"]["orientation_below_confidence"]:
        return _with_tables(page, gray, lang, dpi)
    turn = orientation(gray, dpi)
    if not turn:
        return _with_tables(page, gray, lang, dpi)
    upright = gray.rotate(-turn, expand=True, fillcolor=255)
    turned = recognise(upright, lang, dpi)
    turned.rotation = turn
    if (turned.confidence or 0) > (page.confidence or 0):
        return _with_tables(turned, upright, lang, dpi)
    return _with_tables(page, gray, lang, dpi)


def render_pdf_page(page, dpi: int | None = None):
    """A PDF page as a grey image at the OCR resolution."""
    dpi = dpi or settings()["tesseract"]["dpi"]
    return page.render(scale=dpi / 72, grayscale=True).to_pil()


def read_pages(request: OcrRequest, indexes: list[int], load: Callable[[int], tuple[object, int]]) -> OcrResult:
    """Read the given pages (0-based); `load(i)` gives page i's image and its resolution in dpi.

    Pages in `request.done` are taken as they are. Missing Tesseract is not raised: it is returned as the
    result's one error, so a document with other readable pages keeps them."""
    result = OcrResult({i: request.done[i] for i in indexes if i in request.done},
                       [OcrError(f"page {i + 1}: OCR failed: {request.failed[i]}") for i in indexes if i in request.failed])
    todo = [i for i in indexes if i not in request.done and i not in request.failed]
    if not todo:
        return result
    try:
        check_tesseract(request.lang)
    except MissingToolError as error:
        result.errors.append(error)
        return result
    if request.defer:
        raise OcrPending(todo)
    for i in todo:
        image, dpi = load(i)
        try:
            result.pages[i] = read_image(image, request.lang, dpi)
        except OcrError as error:
            result.errors.append(OcrError(f"page {i + 1}: OCR failed: {error}"))
    return result


def page_warnings(reasons: dict[int, str], result: OcrResult, mode: str) -> list[str]:
    """One warning a page whose text layer was not used or that OCR read, in page order."""
    warnings = []
    for i, reason in sorted(reasons.items()):
        page = result.pages.get(i)
        if page is None:
            outcome = "not read (--ocr off)" if mode == "off" else "not read: OCR could not run"
        elif not page.has_text:
            outcome = "OCR found no text on it"
        else:
            turned = f", turned {page.rotation}°" if page.rotation else ""
            outcome = f"read by OCR (mean confidence {page.confidence:.0%}{turned})"
        warnings.append(f"page {i + 1} {reason}: {outcome}")
    return warnings
