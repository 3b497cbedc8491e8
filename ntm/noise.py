"""Noise models for benchmarks: how typists, OCR and text exports corrupt Vietnamese text.

Two levels, all deterministic for a seed:
- names: one corruption of a unit's name (a tone mark dropped or changed, a letter doubled, a space lost ...),
  the functions in NAME_CORRUPTIONS, each `(name, rng) -> corrupted name or None when it does not apply`;
- text: `hard_wrap` (lines broken at a fixed width), `ocr_noise` (confusions of marks, digits and letters at a
  stated character error rate), `Noise` (both, in that order) and `noise_folder` (a corpus copied through them).

Marks are edited in NFD and recomposed to NFC.
"""
from __future__ import annotations

import random
import re
import shutil
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONES = (GRAVE, ACUTE, TILDE, HOOK, DOT)
HOOK_TILDE = {HOOK: TILDE, TILDE: HOOK}

Corruption = Callable[[str, random.Random], "str | None"]


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# ------------------------------------------------------------------------------------------ name corruptions
def _tone_index(syllable_nfd: str) -> int | None:
    return next((i for i, ch in enumerate(syllable_nfd) if ch in TONES), None)


def _edit_one_syllable(name: str, rng: random.Random, pick: Callable[[str], bool],
                       edit: Callable[[str], str]) -> str | None:
    """Apply `edit` to one syllable (chosen at random among those `pick` accepts); None if none qualifies.
    Both see the syllable in NFD."""
    words = name.split(" ")
    eligible = [i for i, w in enumerate(words) if pick(nfd(w))]
    if not eligible:
        return None
    i = rng.choice(eligible)
    words[i] = nfc(_hooks_before_tones(edit(nfd(words[i]))))
    return " ".join(words)


HOOKS = ("\u0302", "\u0306", "\u031b")  # circumflex, breve, horn


def _hooks_before_tones(syllable_nfd: str) -> str:
    """A tone mark moved after the hook of its letter, so NFC composes one letter: a grave, hook or tilde put
    where a dot below stood ('ậ' = a + dot + circumflex) would otherwise stay a separate combining mark."""
    chars = list(syllable_nfd)
    for i in range(len(chars) - 1):
        if chars[i] in TONES and chars[i + 1] in HOOKS:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def _has_tone(syllable_nfd: str) -> bool:
    return _tone_index(syllable_nfd) is not None


def tone_drop(name: str, rng: random.Random) -> str | None:
    def edit(w: str) -> str:
        i = _tone_index(w)
        return w[:i] + w[i + 1:]
    return _edit_one_syllable(name, rng, _has_tone, edit)


def tone_change(name: str, rng: random.Random) -> str | None:
    """One tone mark replaced by a different one (hook<->tilde excluded: that is its own kind)."""
    def edit(w: str) -> str:
        i = _tone_index(w)
        old = w[i]
        new = rng.choice([t for t in TONES if t != old and t != HOOK_TILDE.get(old)])
        return w[:i] + new + w[i + 1:]
    return _edit_one_syllable(name, rng, _has_tone, edit)


def hook_tilde(name: str, rng: random.Random) -> str | None:
    def pick(w: str) -> bool:
        i = _tone_index(w)
        return i is not None and w[i] in HOOK_TILDE

    def edit(w: str) -> str:
        i = _tone_index(w)
        return w[:i] + HOOK_TILDE[w[i]] + w[i + 1:]
    return _edit_one_syllable(name, rng, pick, edit)


def d_stroke(name: str, rng: random.Random) -> str | None:
    if "đ" not in name and "Đ" not in name:
        return None
    return name.replace("đ", "d").replace("Đ", "D")


_PLACEMENT_PAIR = re.compile(r"(?<![qQ])(?:[oO][aAeE]|[uU][yY])$")


def tone_placement(name: str, rng: random.Random) -> str | None:
    """Old <-> new tone placement on a final oa / oe / uy (hòa <-> hoà, thủy <-> thuỷ, úy <-> uý)."""
    def pick(w: str) -> bool:
        bare = "".join(ch for ch in w if ch not in TONES)
        return _tone_index(w) is not None and bool(_PLACEMENT_PAIR.search(bare))

    def edit(w: str) -> str:
        i = _tone_index(w)
        tone = w[i]
        bare = w[:i] + w[i + 1:]
        first, second = len(bare) - 2, len(bare) - 1  # the two plain vowels at the end
        on_first = i == first + 1
        target = second if on_first else first
        return bare[:target + 1] + tone + bare[target + 1:]
    return _edit_one_syllable(name, rng, pick, edit)


def case(name: str, rng: random.Random) -> str | None:
    """All lower or all upper case, at random."""
    out = name.lower() if rng.random() < 0.5 else name.upper()
    if out == name:
        out = name.upper() if out == name.lower() else name.lower()
    return out if out != name else None


def all_lower(name: str, rng: random.Random) -> str | None:
    out = name.lower()
    return out if out != name else None


def later_syllable_lower(name: str, rng: random.Random) -> str | None:
    """One syllable after the first written in lower case ('Vĩnh quý' for 'Vĩnh Quý')."""
    words = name.split(" ")
    eligible = [i for i, w in enumerate(words) if i > 0 and w.lower() != w]
    if not eligible:
        return None
    i = rng.choice(eligible)
    words[i] = words[i].lower()
    return " ".join(words)


def horn_u_font(name: str, rng: random.Random) -> str | None:
    if "ư" not in name and "Ư" not in name:
        return None
    return name.replace("ư", "ƣ").replace("Ư", "Ƣ")  # U+01A3 / U+01A2, as some PDF fonts map the glyph


def space_drop(name: str, rng: random.Random) -> str | None:
    gaps = [i for i, ch in enumerate(name) if ch == " "]
    if not gaps:
        return None
    i = rng.choice(gaps)
    return name[:i] + name[i + 1:]


def letter_doubled(name: str, rng: random.Random) -> str | None:
    """One unmarked letter inside a syllable typed twice ('Đồnng Loan'); never a syllable's first letter."""
    spots = [i for i in _inner_letters(name) if name[i].isascii()]
    if not spots:
        return None
    i = rng.choice(spots)
    return name[:i + 1] + name[i] + name[i + 1:]


def letter_dropped(name: str, rng: random.Random) -> str | None:
    """One letter inside a syllable left out ('Mnh Long' for 'Minh Long'); never a syllable's first letter."""
    spots = _inner_letters(name)
    if not spots:
        return None
    i = rng.choice(spots)
    return name[:i] + name[i + 1:]


def _inner_letters(name: str) -> list[int]:
    """Offsets of the letters that are not the first of their syllable (a typo there keeps the capital)."""
    return [i for i, ch in enumerate(name) if ch.isalpha() and i > 0 and name[i - 1].isalpha()]


def unchanged(name: str, rng: random.Random) -> str | None:
    return name


NAME_CORRUPTIONS: dict[str, Corruption] = {
    "exact": unchanged, "tone_drop": tone_drop, "tone_change": tone_change, "hook_tilde": hook_tilde,
    "d_stroke": d_stroke, "tone_placement": tone_placement, "case": case, "all_lower": all_lower,
    "later_syllable_lower": later_syllable_lower, "horn_u_font": horn_u_font, "space_drop": space_drop,
    "letter_doubled": letter_doubled, "letter_dropped": letter_dropped,
}


# ------------------------------------------------------------------------------------------------ hard wraps
def hard_wrap(text: str, width: int) -> str:
    """Every line longer than `width` broken at spaces into lines of at most `width` columns, as a fixed-width
    export does; words are never split (a word longer than `width` gets a line of its own). Existing line
    breaks, blank lines and the line-ending style are kept."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    return newline.join(newline.join(_wrap_line(line, width)) for line in lines)


def _wrap_line(line: str, width: int) -> list[str]:
    if len(line) <= width:
        return [line]
    return textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [line]


# ------------------------------------------------------------------------------------------------- OCR noise
MARK_SHARE = 0.75  # of all errors: marks (tones, hooks, đ); the rest digit/letter confusions and lost spaces
SPACE_SHARE_OF_REST = 0.2  # of the non-mark errors: a space dropped, two words merged
DIGIT_LETTER = {"0": "O", "O": "0", "1": "l", "l": "1", "8": "B", "B": "8", "5": "S", "S": "5"}
# letters that take a hook (circumflex, breve, horn) and what OCR reads them as
HOOK_SWAPS = {"a": "ăâ", "ă": "aâ", "â": "aă", "e": "ê", "ê": "e", "o": "ôơ", "ô": "oơ", "ơ": "oô", "u": "ư", "ư": "u"}
VOWELS = frozenset("aăâeêioôơuưy")
STROKE_SWAPS = {"d": "đ", "đ": "d"}


def ocr_noise(text: str, cer: float, seed: int | str) -> str:
    """`text` (NFC) with round(cer * len(text)) characters confused the way OCR confuses Vietnamese print:
    three quarters in marks (a tone dropped, added or swapped, a hook dropped or added, d <-> đ: a→ạ, í→ỉ,
    ế→ể, ố→ô, d→đ), the rest digit/letter confusions inside tokens (0↔O, 1↔l, 8↔B, 5↔S) and, one in five of
    those, a space dropped between two words. Line breaks are never touched, so lines stay aligned with the
    input. When a kind finds too few places, its share goes to the others."""
    text = nfc(text)
    rng = random.Random(seed)
    chars = list(text)
    for index, replacement in _ocr_edits(text, cer, rng):
        chars[index] = replacement
    return nfc("".join(chars))


def _ocr_edits(text: str, cer: float, rng: random.Random) -> list[tuple[int, str]]:
    total = round(cer * len(text))
    pools = {"mark": [i for i, ch in enumerate(text) if _mark_base(ch) is not None],
             "digit": [i for i, ch in enumerate(text) if ch in DIGIT_LETTER and _inside_token(text, i)],
             "space": [i for i, ch in enumerate(text) if ch == " " and _inside_token(text, i)]}
    rest = total - round(total * MARK_SHARE)
    wanted = {"space": round(rest * SPACE_SHARE_OF_REST)}
    wanted["digit"] = rest - wanted["space"]
    wanted["mark"] = total - rest
    chosen: dict[str, list[int]] = {kind: [] for kind in pools}
    taken: set[int] = set()  # an 'O' is both a vowel and a digit look-alike: edit each place once
    shortfall = 0
    for kind in ("space", "digit", "mark", "digit", "space"):  # scarcest first; a shortfall moves on
        quota = wanted.pop(kind, 0) + shortfall
        free = [i for i in pools[kind] if i not in taken]
        picked = rng.sample(free, min(len(free), quota))
        chosen[kind] += picked
        taken.update(picked)
        shortfall = quota - len(picked)
    edits = [(i, _confuse_mark(text[i], rng)) for i in sorted(chosen["mark"])]
    edits += [(i, DIGIT_LETTER[text[i]]) for i in sorted(chosen["digit"])]
    edits += [(i, "") for i in sorted(chosen["space"])]
    return edits


def _inside_token(text: str, i: int) -> bool:
    """A non-space character on at least one side (for a space: on both sides)."""
    before = i > 0 and not text[i - 1].isspace()
    after = i + 1 < len(text) and not text[i + 1].isspace()
    return (before and after) if text[i] == " " else (before or after)


def _mark_base(ch: str) -> str | None:
    """The lower-case letter under the tone ('ế' -> 'ê') when `ch` is a vowel or d/đ, else None."""
    if ch.lower() in STROKE_SWAPS:
        return ch.lower()
    base = nfc("".join(c for c in nfd(ch.lower()) if c not in TONES))
    return base if base in VOWELS else None


def _confuse_mark(ch: str, rng: random.Random) -> str:
    base = _mark_base(ch)
    if base in STROKE_SWAPS:
        out = STROKE_SWAPS[base]
    else:
        tone = next((c for c in nfd(ch.lower()) if c in TONES), "")
        out = _confused_vowel(base, tone, rng)
    return out.upper() if ch.isupper() else out


def _confused_vowel(base: str, tone: str, rng: random.Random) -> str:
    choices = ["drop_tone", "swap_tone"] if tone else ["add_tone"]
    if base in HOOK_SWAPS:
        choices.append("hook")
    choice = rng.choice(choices)
    if choice == "hook":
        base = rng.choice(HOOK_SWAPS[base])
    elif choice == "drop_tone":
        tone = ""
    else:
        tone = rng.choice([t for t in TONES if t != tone])
    return nfc(nfd(base) + tone)


# ---------------------------------------------------------------------------------------------- whole texts
@dataclass(frozen=True)
class Noise:
    """OCR confusions at `cer` (0: none), then hard wraps at `wrap` columns (None: none); with `lower`, the whole
    text typed in lower case first."""
    cer: float = 0.0
    wrap: int | None = None
    seed: int = 0
    lower: bool = False

    def apply(self, text: str, key: str = "") -> str:
        """`key` (e.g. the file's path) gives each text its own OCR draw under the same seed."""
        if self.lower:
            text = text.lower()
        if self.cer:
            text = ocr_noise(text, self.cer, f"{self.seed}:{key}")
        if self.wrap:
            text = hard_wrap(text, self.wrap)
        return text


TEXT_SUFFIXES = (".txt", ".md")


@dataclass
class FolderNoise:
    """What `noise_folder` did with each file (paths relative to the source folder)."""
    noised: list[str] = field(default_factory=list)
    decoded_legacy: list[str] = field(default_factory=list)  # also in noised: not UTF-8, written as UTF-8
    copied: list[str] = field(default_factory=list)  # other formats and undecodable text, byte for byte


def noise_folder(source: Path, target: Path, noise: Noise) -> FolderNoise:
    """Copy `source` to `target`, passing every .txt/.md file through `noise`. UTF-8 text keeps its byte order
    mark and its normalisation form (an NFD file stays NFD). Text in a legacy encoding (TCVN3, VNI,
    Windows-1258) is decoded with the project's own reader (parsers.legacy.decode_bytes), noised, and written
    as UTF-8. Other formats (.docx, .pdf, .doc), and text no reader decodes, are copied unchanged."""
    report = FolderNoise()
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        relative = path.relative_to(source)
        out = target / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        decoded = _read_text(path) if path.suffix.lower() in TEXT_SUFFIXES else None
        if decoded is None:
            shutil.copy2(path, out)
            report.copied.append(str(relative))
            continue
        text, bom, legacy = decoded
        noisy = noise.apply(nfc(text), str(relative))
        if text == nfd(text) and text != nfc(text):
            noisy = nfd(noisy)
        out.write_bytes(bom + noisy.encode("utf-8"))
        report.noised.append(str(relative))
        if legacy:
            report.decoded_legacy.append(str(relative))
    return report


def _read_text(path: Path) -> tuple[str, bytes, bool] | None:
    """(text, UTF-8 byte order mark or b"", read from a legacy encoding) or None when it cannot be decoded."""
    data = path.read_bytes()
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        return data[len(bom):].decode("utf-8"), bom, False
    except UnicodeDecodeError:
        pass
    from ntm.parsers.legacy import decode_bytes  # the parsers' own detection, so the noise sees what they read
    try:
        text, _encoding = decode_bytes(data)
    except ValueError:
        return None
    return text, b"", True
