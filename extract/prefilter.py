r"""Scan a document only where a kind of fact can be: near the words every one of its statements contains.

A count statement always says "tiêu chí", a percentage always has "%": a cheap search for that anchor finds the
few windows worth running the expensive pattern in. A match of the pattern contains its anchor and reaches no
further than `before` characters ahead of it and `after` past it (whitespace not counted, so a pattern's '\s*'
may cross any run of it), so it lies inside one window, and scanning the
windows finds exactly the matches a scan of the whole text finds (the pattern still sees the text around each
window: a lookbehind or `^` at a window's start reads the character before it)."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

import numpy as np
import regex

from ntm.normalize.caseless import CaselessPattern, lower_case_reading
from ntm.normalize.char_tables import codes_in_plane, digits_in_plane, letters_in_plane
from ntm.normalize.char_tables import line_starts, number_starts  # noqa: F401 (read from here by the extractors)
from ntm.normalize.fast_pattern import FastPattern
from ntm.normalize.regex_syntax import alternatives, group_end
from ntm.normalize.vntext import code_points

# the noun of a count, in a pattern: 'tiêu chí' in any case, 'TC' as hurried reports write it, 'tc' in lower case
CRITERIA_NOUN = r"(?:(?i:tiêu\s*chí)|(?:TC|(?<!\p{L})tc)(?![\p{L}\d]))"
# Anchors: every statement holds one. They are caseless (by `re` over the lower-cased text, several times faster
# than `regex`) and so find a little more than the patterns need ('tc' in any case, inside a word too): an extra
# anchor only opens another window, and each match the pattern needs starts where its own anchor is found.
COUNT_NOUN = CaselessPattern(r"tiêu\s*chí|tc")  # 'TC' is how hurried reports write it
NUMBER_THEN_COUNT_NOUN = CaselessPattern(r"\d\s+(?:tiêu\s*chí|tc)")  # every band of a bucket list: "15 - 18 tiêu chí"
PERCENT_SIGN = regex.compile(r"%")
COUNT_OR_FRACTION = CaselessPattern(r"tiêu\s*chí|\d\s*/\s*\d|tc")  # 'chưa đạt 04 TC': the abbreviation


@lru_cache(maxsize=1)
def _is_space() -> np.ndarray:
    """str.isspace of every character of the Basic Multilingual Plane (none beyond it is whitespace)."""
    return np.array([chr(code).isspace() for code in range(0x10000)], dtype=bool)


def warm_up() -> None:
    """Build the whitespace table before a pool forks its workers (each would build it again, some 30 ms)."""
    _is_space()


@lru_cache(maxsize=4)
def _non_space(text: str) -> np.ndarray:
    """Where the characters other than whitespace (str.split's) stand in `text`, in order."""
    codes = code_points(text)
    space = np.zeros(len(codes), dtype=bool)
    in_plane = codes < 0x10000
    space[in_plane] = np.take(_is_space(), codes[in_plane])
    return np.flatnonzero(~space)


def _back(text: str, position: int, characters: int) -> int:
    """Where a window starts that holds `characters` characters other than whitespace before `position`, and all
    the whitespace around them: a run of spaces or line breaks that a pattern's '\\s*' may cross, however long,
    does not count against a window's reach (str.split's whitespace, a little more than regex's: a wider window)."""
    marks = _non_space(text)
    before = int(marks.searchsorted(position))  # characters other than whitespace before `position`
    first = before - characters  # the earliest of them the window holds
    if first <= 0:
        return 0
    return int(marks[first - 1]) + 1  # back over the whitespace before it


def _ahead(text: str, position: int, characters: int) -> int:
    marks = _non_space(text)
    last = int(marks.searchsorted(position)) + characters  # the first one the window no longer holds
    return int(marks[last]) if last < len(marks) else len(text)


def _backs(text: str, positions: list[int], characters: int) -> list[int]:
    """[_back(text, p, characters) for p in positions], looked up for all of them at once."""
    marks = _non_space(text)
    if not positions or not len(marks):
        return [_back(text, position, characters) for position in positions]
    first = marks.searchsorted(np.array(positions)) - characters
    return np.where(first <= 0, 0, marks[np.maximum(first, 1) - 1] + 1).tolist()


def _aheads(text: str, positions: list[int], characters: int) -> list[int]:
    """[_ahead(text, p, characters) for p in positions], looked up for all of them at once."""
    marks = _non_space(text)
    if not positions or not len(marks):
        return [_ahead(text, position, characters) for position in positions]
    last = marks.searchsorted(np.array(positions)) + characters
    return np.where(last < len(marks), marks[np.minimum(last, len(marks) - 1)], len(text)).tolist()


def _anchors(anchor, text: str) -> Iterator:
    """anchor.finditer(text), tried only where a match can start when that is known: at the places its own starts
    function gives (_ANCHOR_STARTS), or, for a caseless anchor whose every match opens with one of a few words,
    where they stand (found for all of them at once), not at every character."""
    starts = _ANCHOR_STARTS.get(anchor)
    if isinstance(anchor, CaselessPattern):
        words = None if starts else _anchor_openings(anchor)
        if starts is None and words is None:
            return anchor.finditer(text)
        return _caseless_at(anchor, text, starts or (lambda t: _positions(t, words)))
    positions = starts(text) if starts else None
    return anchor.finditer(text) if positions is None else finditer_at(anchor, text, positions)


def finditer_words(pattern: CaselessPattern, text: str, openings: Openings) -> Iterator:
    """pattern.finditer(text) for a caseless pattern whose every match opens with one of `openings`' words: tried
    only where they stand."""
    return _caseless_at(pattern, text, openings.positions)


def _caseless_at(pattern: CaselessPattern, text: str, starts) -> Iterator:
    """pattern.finditer(text), tried only at `starts(text)` (over the text lower-cased, as the pattern reads it)."""
    low = lower_case_reading(text)
    return pattern.finditer(text) if low is None else finditer_at(pattern.fast, low, starts(text))


@lru_cache(maxsize=64)
def _anchor_openings(anchor: CaselessPattern) -> tuple[str, ...] | None:
    """The words an anchor's matches open with; None when it may open otherwise, or with a single letter (a
    phrase table's alternation may share its first letter: 'h(?:àng|ằng)'), which stands nearly everywhere."""
    try:
        words = Openings.of_pattern(anchor.pattern).words
    except ValueError:
        return None
    return None if any(len(word) == 1 and word.isalpha() for word in words) else words


def _last_before(text: str, positions: tuple[int, ...]) -> list[int]:
    """The last character other than whitespace before each position (str.isspace's whitespace: a little more
    than regex's \\s, so never a character a match's '\\s*' would cross)."""
    marks = _non_space(text)
    before = marks.searchsorted(np.array(positions, dtype=np.int64)) - 1
    return marks[before[before >= 0]].tolist()


def _count_bands(text: str) -> tuple[int, ...]:
    """Where NUMBER_THEN_COUNT_NOUN can start: the digit before the whitespace before a count noun."""
    return merged(_last_before(text, _positions(text, _anchor_openings(COUNT_NOUN))))


def _counts_or_fractions(text: str) -> tuple[int, ...]:
    """Where COUNT_OR_FRACTION can start: a count noun, or the digit before a fraction's '/'."""
    nouns = _positions(text, _anchor_openings(COUNT_NOUN))
    return merged(nouns, _last_before(text, _positions(text, ("/",))))


def digits_before_signs(text: str, signs: str, reach: int) -> tuple[int, ...] | None:
    """Every digit that one of `signs` follows within `reach` characters (None for a text beyond the plane the
    digit table covers): where a pattern opening with up to `reach` digits, then one of the signs, can start."""
    codes = codes_in_plane(text)
    if codes is None:
        return None
    sign = np.isin(codes, [ord(s) for s in signs])
    near = np.zeros(len(codes), dtype=bool)
    for offset in range(1, reach + 1):
        near[:-offset] |= sign[offset:]
    return tuple(np.flatnonzero(digits_in_plane(codes) & near).tolist())


# the places where each anchor opening with a digit can start, found from the words or signs that follow the digit
# (a module may add its own: extract/references.py its symbols)
_ANCHOR_STARTS = {NUMBER_THEN_COUNT_NOUN: _count_bands, COUNT_OR_FRACTION: _counts_or_fractions}


def anchor_starts(anchor, starts) -> None:
    """Try `anchor` only at the places `starts(text)` gives (every place a match can start, or None to scan)."""
    _ANCHOR_STARTS[anchor] = starts


def _runs(anchor, text: str, before: int, after: int) -> Iterator[tuple[int, int]]:
    """(start of the first, end of the last) of each run of anchors close enough that their windows must overlap
    (a window reaches at least `before` and `after` characters): the run's window is the first one's start to the
    last one's end, and only those two need their whitespace counted."""
    run = None
    for m in _anchors(anchor, text):
        if run and m.start() - before <= run[1] + after:
            run[1] = m.end()
        else:
            if run:
                yield run[0], run[1]
            run = [m.start(), m.end()]
    if run:
        yield run[0], run[1]


@lru_cache(maxsize=32)  # the same windows serve several patterns of one document
def windows(text: str, anchor: regex.Pattern, before: int, after: int) -> tuple[tuple[int, int], ...]:
    """Merged [start, end) spans around every anchor found, reaching `before` characters other than whitespace
    ahead of it and `after` past it."""
    spans: list[tuple[int, int]] = []
    runs = list(_runs(anchor, text, before, after))
    firsts, lasts = [run[0] for run in runs], [run[1] for run in runs]
    for start, end in zip(_backs(text, firsts, before), _aheads(text, lasts, after)):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return tuple(spans)


def finditer_near(pattern: regex.Pattern, text: str, anchor: regex.Pattern, before: int = 400,
                  after: int = 400) -> Iterator[regex.Match]:
    yield from finditer_in(pattern, text, windows(text, anchor, before, after))


def finditer_in(pattern: regex.Pattern, text: str, spans: list[tuple[int, int]]) -> Iterator[regex.Match]:
    """Matches inside windows found once for several patterns of one anchor."""
    for start, end in spans:
        yield from pattern.finditer(text, start, end)


class Openings:
    """The words a pattern's every match opens with (in any case), and where they stand in a text: str.find over
    the text lower-cased once, so an opening inside another ('với' in 'đối với') is found too."""

    def __init__(self, phrases, whole_words: bool = False):
        self.words = tuple(sorted({phrase.split()[0].lower() for phrase in phrases}))
        self.whole_words = whole_words  # only where no letter stands before: the pattern opens with that guard
        self._last = (None, ())  # (text, its positions): asked again for each block of one document

    @classmethod
    def of_pattern(cls, pattern: str) -> "Openings":
        """The opening words read from a pattern's source (a top-level alternation too), so that they cannot drift
        from it, kept only where no letter stands before them when the pattern opens with that guard; ValueError
        when they cannot be read from it."""
        words = opening_words(f"(?:{pattern})")
        if words is None:
            raise ValueError(f"no opening words can be read from {pattern[:80]}")
        return cls(words, whole_words=pattern.startswith(_WORD_GUARDS))

    def positions(self, text: str) -> tuple[int, ...]:
        last_text, found = self._last  # one read of the pair: a thread that sets it meanwhile sets both at once
        if last_text is not text:
            found = _word_start_positions(text, self.words) if self.whole_words else _positions(text, self.words)
            self._last = (text, found)
        return found


_WORD_GUARDS = (r"(?<![\p{L}])", r"(?<!\p{L})")


@lru_cache(maxsize=32)
def _word_start_positions(text: str, words: tuple[str, ...]) -> tuple[int, ...]:
    """_positions(text, words) where no letter (\\p{L}) stands right before: where a match of a pattern that opens
    with one of _WORD_GUARDS can start."""
    found = _positions(text, words)
    codes = codes_in_plane(text)
    if codes is None or not found:
        return found
    at = np.array(found, dtype=np.int64)
    after_letter = np.zeros(len(at), dtype=bool)
    inner = at > 0
    after_letter[inner] = letters_in_plane(codes[at[inner] - 1])
    return tuple(at[~after_letter].tolist())


@lru_cache(maxsize=64)  # keyed by the words: patterns that open alike share one search
def _positions(text: str, words: tuple[str, ...]) -> tuple[int, ...]:
    if len(words) == 1:
        return _word_positions(text, words[0])
    return tuple(sorted(at for word in words for at in _word_positions(text, word)))


@lru_cache(maxsize=256)  # some seventy opening words a document, asked for by several extractors
def _word_positions(text: str, word: str) -> tuple[int, ...]:
    """Where `word` stands in the text lower-cased, overlapping occurrences too (str.find from each one on): the
    places of its first letter, kept where each next letter follows, all at once (a find for each occurrence reads
    the whole text for each word)."""
    low = lower_case_reading(text)
    if low is None:  # a text that lower() would not read as regex's IGNORECASE does
        return tuple(m.start() for m in regex.finditer(regex.escape(word), text, regex.IGNORECASE, overlapped=True))
    codes = _low_codes(low)
    at = _letter_positions(low, word[0])
    for offset, letter in enumerate(word[1:], 1):
        at = at[at < len(codes) - offset]
        at = at[codes[at + offset] == ord(letter)]
    return tuple(at.tolist())


@lru_cache(maxsize=4)
def _low_codes(low: str) -> np.ndarray:
    return code_points(low)


@lru_cache(maxsize=128)  # words open with a few letters
def _letter_positions(low: str, letter: str) -> np.ndarray:
    return np.flatnonzero(_low_codes(low) == ord(letter))


def opening_words(pattern: str) -> tuple[str, ...] | None:
    """The words (lower case) that every match of a pattern written as the cue tables write them opens with: its
    leading word, or those of the alternatives of a leading group ('(?:hoàn thành |xong )?trước ...' opens with
    'hoàn', 'xong' or 'trước'); lookarounds before them read nothing. None when the pattern may open otherwise (a
    digit, a class, an escape, a placeholder, a flag) or this reading is not sure of it."""
    words = _openings_of(pattern)
    return None if words is None or "" in words else tuple(sorted(words))


def _openings_of(pattern: str) -> set[str] | None:
    """First words of a sequence; '' in the set when the sequence may match the empty string."""
    if not pattern:
        return {""}
    if pattern.startswith("("):
        close = group_end(pattern)
        if close is None:
            return None
        head, rest = pattern[:close + 1], pattern[close + 1:]
        optional = rest[:1] in ("?", "*") or rest.startswith("{0")
        if rest[:1] in ("?", "*", "+"):
            rest = rest[1:]
        elif rest[:1] == "{":
            end = rest.find("}")
            if end < 0 or not regex.fullmatch(r"\{\d+(?:,\d*)?\}", rest[:end + 1]):
                return None
            optional, rest = optional or rest.startswith("{0"), rest[end + 1:]
        if head.startswith(("(?<!", "(?<=", "(?=", "(?!")):
            return None if optional else _openings_of(rest)  # a lookaround reads, it does not open the match
        inner = regex.match(r"\((?:\?:|\?i:|\?P<\w+>)?", head)  # (?i:...): the words are found in any case anyway
        if inner is None or head.startswith("(?") and inner.end() == 1:
            return None  # a flag group, a conditional: not read here
        found: set[str] = set()
        for alternative in alternatives(head[inner.end():-1]):
            words = _openings_of(alternative)
            if words is None:
                return None
            found |= words
        if optional or "" in found:
            rest_words = _openings_of(rest)
            if rest_words is None:
                return None
            found = (found - {""}) | rest_words
        return found
    literal = regex.match(r"[^\\\[\](){}?*+|.^$]+", pattern)  # characters that stand for themselves ('đ/c')
    if literal is None or literal.group(0)[0].isspace():
        return None
    word = literal.group(0).split()[0]
    if word == literal.group(0) and pattern[literal.end():literal.end() + 1] in ("?", "*", "{"):
        return None  # the word's last character may be missing
    return {word.lower()}


def merged(*positions: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(sorted(set().union(*positions)))


def _engine(pattern, text: str):
    """A FastPattern's engine for `text`, chosen once for all the positions it is tried at, not at each."""
    return pattern.engine(text) if isinstance(pattern, FastPattern) else pattern


def finditer_at(pattern: regex.Pattern, text: str, positions: tuple[int, ...], pos: int = 0,
                endpos: int | None = None) -> Iterator[regex.Match]:
    """What `pattern.finditer(text, pos, endpos)` finds, the pattern tried only at `positions`: sorted positions
    that hold the start of every match it can find (and maybe more), such as the places its first word stands.
    A match is the one a scan finds there, and the next is looked for past its end, as a scan looks. For a
    pattern that never matches the empty string."""
    end = len(text) if endpos is None else endpos
    pattern = _engine(pattern, text)
    last = pos
    for k in range(bisect_left(positions, pos), len(positions)):
        at = positions[k]
        if at >= end:
            break
        if at < last:
            continue
        m = pattern.match(text, at, end)
        if m is not None:
            yield m
            last = m.end()
# every cue of extract/data/cues/deadline_cues.tsv holds one of these words, at most 16 characters after the match's
# start ('hoàn thành trước ngày ...'); a match runs at most 140 characters past it ('phấn đấu ... vào năm 2025')
DEADLINE_CUE = CaselessPattern(r"(?<!\p{L})(?:trước|chậm|hạn|hết|trong\s+(?:tháng|quý|năm)|cuối|thời\s+gian|phấn|mục\s+tiêu)(?!\p{L})")
DEADLINE_BEFORE, DEADLINE_AFTER = 16, 140


def finditer_at_in(pattern: regex.Pattern, text: str, positions: tuple[int, ...],
                   spans: tuple[tuple[int, int], ...], gate=None) -> Iterator[regex.Match]:
    """finditer_in, the pattern tried only at `positions`. Each window bounds how far a try may read: `regex`
    looks for a pattern's required words through the whole rest of the text before it tries a position (some
    80 us a try over a report), so a pattern tried at many positions needs that bound. (A match ends inside its
    window, so the next is looked for past it, in that window or a later one.) `gate`, a faster pattern that
    matches wherever `pattern` does (its opening part, as `re` reads it), is tried first at each position."""
    pattern = _engine(pattern, text)
    gate = _engine(gate, text) if gate is not None else None
    last = 0
    for at, end in _inside_windows(positions, spans):
        if at < last or gate is not None and gate.match(text, at, end) is None:
            continue
        m = pattern.match(text, at, end)
        if m is not None:
            yield m
            last = m.end()


def _inside_windows(positions: tuple[int, ...], spans: tuple[tuple[int, int], ...]):
    """(position, the end of the window it is in) for each of the sorted positions that a window holds, in order:
    looked up for all of them at once (a report has a few thousand line and number starts, most outside)."""
    if not positions or not spans:
        return ()
    starts, ends = np.array(spans, dtype=np.int64).T
    at = np.array(positions, dtype=np.int64)
    window = starts.searchsorted(at, side="right") - 1
    inside = (window >= 0) & (at < ends[np.maximum(window, 0)])
    return zip(at[inside].tolist(), ends[window[inside]].tolist())
