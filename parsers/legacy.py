"""Legacy Vietnamese encodings: TCVN3 (ABC), VNI-Windows and Windows-1258.

Text typed in a TCVN3 (.VnTime) or VNI font usually reaches us as a Python str already: a .docx or
PDF stores the font's bytes as the cp1252 characters they read as ("Th«ng b¸o", "Thoâng baùo").
`data/tcvn3.tsv` and `data/vni.tsv` map each Vietnamese letter to those characters; the functions
here convert in both directions and decide, by how Vietnamese the candidates look, which applies.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from ntm.normalize.vntext import code_points

__all__ = [
    "BinaryContentError",
    "UnknownEncodingError",
    "decode_as",
    "decode_bytes",
    "decode_cp1258",
    "decode_tcvn3",
    "decode_vni",
    "encode_cp1258",
    "encode_tcvn3",
    "encode_vni",
    "repair_legacy_text",
    "vietnamese_score",
]


class UnknownEncodingError(ValueError):
    """Bytes that read as Vietnamese in none of the supported encodings."""


class BinaryContentError(ValueError):
    """Bytes that are not text at all (NULs, control characters)."""


# Detection thresholds, on the 0..1 scale of `vietnamese_score`.
MIN_SCORE = 0.5  # the best reading must at least look like this much Vietnamese
BYTES_MARGIN = 0.1  # a legacy reading of bytes must beat cp1258 by this much
REPAIR_MARGIN = 0.15  # a decoded str must beat the text as given by this much
SAMPLE_SIZE = 100_000  # detection looks at this many characters (or bytes) of a long input
CONTROL_RATIO = 0.01  # more control bytes than this share means binary

_FALLBACK = "legacy-latin-1"  # error handler: bytes a codec leaves undefined read as latin-1


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if isinstance(error, UnicodeDecodeError):
        return error.object[error.start : error.end].decode("latin-1"), error.end
    raise error


codecs.register_error(_FALLBACK, _latin1_fallback)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@cache
def _table(name: str) -> tuple[tuple[str, str], ...]:
    """Rows `unicode<TAB>legacy` of a data file; `#` lines are comments."""
    rows = []
    for line in (Path(__file__).parent / "data" / name).read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            unicode, legacy = line.split("\t")
            rows.append((unicode, legacy))
    return tuple(rows)


# --- TCVN3: one character per letter --------------------------------------------------------


@cache
def _tcvn3() -> tuple[dict[int, str], dict[int, str]]:
    rows = _table("tcvn3.tsv")
    decode = {ord(legacy): unicode for unicode, legacy in rows}
    encode = {ord(unicode): legacy for unicode, legacy in rows}
    for unicode, legacy in rows:  # toned capitals have no code: fold to lowercase, as .VnTimeH fonts do
        encode.setdefault(ord(unicode.upper()), legacy)
    return decode, encode


_WORD = re.compile(r"[^\W\d_]{2,}")


def _upper_if_caps(match: re.Match[str]) -> str:
    word = match.group()
    if sum(c.isupper() for c in word) < 2 or any(c.islower() and c.isascii() for c in word):
        return word
    return word.upper()


def decode_tcvn3(text: str) -> str:
    """TCVN3 text read as cp1252 ("Th«ng b¸o") -> Unicode NFC ("Thông báo"). A word typed in
    capitals gets its toned letters, which TCVN3 only has in lowercase, in capitals too:
    "B¸O C¸O" -> "BÁO CÁO" (but "Uû" stays "Uỷ": one capital is just a capitalised word)."""
    return _nfc(_WORD.sub(_upper_if_caps, text.translate(_tcvn3()[0])))


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as cp1252 characters. Toned capitals become their lowercase code."""
    return _nfc(text).translate(_tcvn3()[1])


# --- VNI-Windows: base letter + mark character ------------------------------------------------


@cache
def _vni() -> tuple[dict[str, str], dict[int, str], re.Pattern[str]]:
    rows = _table("vni.tsv")
    decode = {legacy: unicode for unicode, legacy in rows}
    encode = {ord(unicode): legacy for unicode, legacy in rows}
    longest_first = sorted(decode, key=len, reverse=True)
    return decode, encode, re.compile("|".join(map(re.escape, longest_first)))


def decode_vni(text: str) -> str:
    """VNI text read as cp1252 ("Thoâng baùo") -> Unicode NFC ("Thông báo"), longest match first."""
    decode, _, pattern = _vni()
    return _nfc(pattern.sub(lambda match: decode[match.group()], text))


def encode_vni(text: str) -> str:
    """Unicode -> VNI as cp1252 characters."""
    return _nfc(text).translate(_vni()[1])


# --- Windows-1258: precomposed base letters, tone marks as combining characters ---------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


@lru_cache(maxsize=4096)
def _in_cp1258(text: str) -> bool:
    try:
        text.encode("cp1258")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=4096)
def _cp1258_cluster(cluster: str) -> str:
    """One NFD base + marks -> the base composed as far as cp1258 allows, then the tone marks."""
    tones = "".join(c for c in cluster if c in _TONE_MARKS)
    rest = "".join(c for c in cluster if c not in _TONE_MARKS)
    composed = _nfc(rest)
    return (composed if _in_cp1258(composed) else rest) + tones


def encode_cp1258(text: str, errors: str = "strict") -> bytes:
    """Unicode -> Windows-1258 bytes, the way Vietnamese Windows writes them (ộ = ô + U+0323)."""
    clusters: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return "".join(map(_cp1258_cluster, clusters)).encode("cp1258", errors)


def decode_cp1258(data: bytes) -> str:
    """Windows-1258 bytes -> Unicode NFC. The few undefined bytes read as latin-1."""
    return _nfc(data.decode("cp1258", _FALLBACK))


# --- How Vietnamese does a text look? ---------------------------------------------------------

_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx]"
_CODA_RHYME = (
    "(?P<n1>a|ê|i|y|oa|uê|uy)(?P<c1>ch|nh)"
    "|(?P<n2>iê|uô|ươ|oa|oă|oo|uâ|[aăâeoôuư])(?P<c2>ng|c)"
    "|(?P<n3>uyê|iê|yê|uô|ươ|oa|oă|oe|uâ|uê|uy|[aăâeêioôơuư])(?P<c3>[mnpt])"
)
_OPEN_RHYME = (
    "uya|uyu|uây|uôi|ươi|ươu|iêu|yêu|oai|oao|oay|oeo"
    "|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oa|oe|oi|ôi|ơi|ua|uê|ui|uơ|uy|ưa|ưi|ưu"
    "|[aeêioôơuưy]"
)
_SYLLABLE = re.compile(f"(?P<onset>{_ONSET})?(?:{_CODA_RHYME}|(?P<open>{_OPEN_RHYME}))")
_MODIFIED = frozenset("ăâêôơư")  # the vowel with a hat, breve or horn carries the tone
# toned lowercase vowel -> (vowel without the tone, tone mark)
_TONED = {_nfc(vowel + tone): (vowel, tone) for vowel in "aăâeêioôơuưy" for tone in _TONE_MARKS}
# word tokens: runs without whitespace, ASCII punctuation or general punctuation (quotes, dashes, …)
_TOKEN = re.compile(r"[^\s!-/:-@\[-`{-~\u2010-\u2027]+")


@lru_cache(maxsize=1 << 16)
def _is_syllable(word: str) -> bool:
    """A lowercase NFC word is one Vietnamese syllable: onset + rhyme, at most one tone mark, on
    the vowel that carries it (old or new style), and stopped rhymes only with sắc or nặng."""
    toned = [i for i, c in enumerate(word) if c in _TONED]
    if len(toned) > 1:
        return False
    base = "".join(_TONED[c][0] if c in _TONED else c for c in word)
    match = _SYLLABLE.fullmatch(base)
    if not match or (match["onset"] == "qu" and base[2:3] in ("o", "u")):  # no "quo-", "quu-"
        return False
    if not toned:
        return match["c1"] != "ch" and match["c2"] != "c" and match["c3"] not in ("p", "t")
    tone = _TONED[word[toned[0]]][1]
    if match["c1"] == "ch" or match["c2"] == "c" or match["c3"] in ("p", "t"):
        if tone not in "\u0301\u0323":  # stopped syllables take only sắc or nặng
            return False
    nucleus = match["open"] or match["n1"] or match["n2"] or match["n3"]
    at = toned[0] - len(match["onset"] or "")
    modified = [i for i, c in enumerate(nucleus) if c in _MODIFIED]
    if modified:
        return at == modified[-1]
    if len(nucleus) == 1 or not match["open"]:
        return at == len(nucleus) - 1
    if len(nucleus) == 3:
        return at == 1
    return at == 0 or nucleus in ("oa", "oe", "uy")  # hòa/hoà, khỏe/khoẻ, thủy/thuỷ


@lru_cache(maxsize=1 << 16)
def _token_value(token: str) -> tuple[float, float]:
    """(value, weight) of one token; ASCII words weigh half and never count fully against."""
    if any(c.isdigit() for c in token) or not any(c.isalpha() for c in token):
        return 0.0, 0.0
    valid = _is_syllable(_nfc(token).lower())
    if token.isascii():
        return (1.0 if valid else 0.5), 0.5
    return (1.0 if valid else 0.0), 1.0


def vietnamese_score(text: str) -> float:
    """Plausibility in [0, 1] that `text` is proper Vietnamese Unicode: the weighted share of its
    words that are valid Vietnamese syllables. Words with digits or without letters are ignored;
    ASCII-only words weigh half and score 0.5 when not a syllable. 0.0 when there are no words."""
    total = good = 0.0
    for token in _TOKEN.findall(text):
        value, weight = _token_value(token)
        total += weight
        good += value * weight
    return good / total if total else 0.0


# --- Detection --------------------------------------------------------------------------------

_DECODERS: dict[str, Callable[[str], str]] = {"tcvn3": decode_tcvn3, "vni": decode_vni}
_LINE = re.compile(r"[^\n]+")


@cache
def _legacy_chars() -> re.Pattern[str]:
    """Non-ASCII characters that occur in TCVN3 or VNI text."""
    chars = {c for name in ("tcvn3.tsv", "vni.tsv") for _, legacy in _table(name) for c in legacy}
    return re.compile("[" + re.escape("".join(sorted(c for c in chars if not c.isascii()))) + "]")


@cache
def _unicode_only_letters() -> frozenset[str]:
    """Vietnamese letters outside latin-1 (ă, ơ, ư, đ, ạ, ...): no TCVN3 or VNI text holds them."""
    return frozenset(c for unicode, _ in _table("vni.tsv") for c in (unicode, unicode.upper()) if ord(c) > 0xFF)


@cache
def _unicode_only() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(_unicode_only_letters())) + "]")


def decode_as(text: str, encoding: str | None) -> str:
    """Decode `text` as "tcvn3" or "vni" (None: unchanged), leaving alone lines that hold
    Vietnamese letters no legacy font text can contain: those are Unicode already."""
    if encoding is None:
        return text
    if encoding not in _DECODERS:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    decode, unicode_only = _DECODERS[encoding], _unicode_only()
    return _LINE.sub(lambda m: m.group() if unicode_only.search(m.group()) else decode(m.group()), text)


UNICODE_ONLY_SHARE = 0.02


@cache
def _unicode_only_table() -> np.ndarray:
    """For each character of the Basic Multilingual Plane, whether _unicode_only() matches it (all its letters lie
    there)."""
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(c) for c in _unicode_only_letters()]] = True
    return table


def unicode_only_letters(text: str) -> int:
    """len(_unicode_only().findall(text)), counted by one lookup over the code points (findall makes a string for
    every letter it finds)."""
    return int(_unicode_only_table()[np.minimum(code_points(text), 0xFFFF)].sum())


def repair_legacy_text(text: str) -> tuple[str, str | None]:
    """(decoded text, "tcvn3" | "vni") when `text` is TCVN3 or VNI mojibake, else (text, None).

    A decoding is used only when it scores at least MIN_SCORE and beats the text as given by
    REPAIR_MARGIN, so good Vietnamese Unicode and plain ASCII are never altered."""
    if not _legacy_chars().search(text):
        return text, None
    sample = text[:SAMPLE_SIZE]
    unicode_letters = unicode_only_letters(sample)
    # counting the letters costs a pass in Python; their number is at most the sample's length, so that bound
    # settles most documents without it
    if unicode_letters > UNICODE_ONLY_SHARE * max(1, len(sample)) or \
            unicode_letters > UNICODE_ONLY_SHARE * max(1, sum(c.isalpha() for c in sample)):
        return text, None  # plenty of letters that only Unicode text holds: not legacy mojibake
    scores = {name: vietnamese_score(decode_as(sample, name)) for name in _DECODERS}
    best = max(scores, key=scores.__getitem__)
    if scores[best] >= MIN_SCORE and scores[best] - vietnamese_score(sample) >= REPAIR_MARGIN:
        return decode_as(text, best), best
    return text, None


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r") + b"\x7f"


def _check_binary(data: bytes) -> None:
    sample = data[:SAMPLE_SIZE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(1, len(sample) * CONTROL_RATIO):
        raise BinaryContentError(f"{controls} NUL/control bytes in the first {len(sample)} bytes")


def _decode_legacy(data: bytes, encoding: str) -> str:
    if encoding == "cp1258":
        return decode_cp1258(data)
    return _DECODERS[encoding](data.decode("cp1252", _FALLBACK))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(NFC text, encoding) for UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1258,
    TCVN3 or VNI bytes. BOMs decide first, then strict UTF-8; otherwise the cp1258, TCVN3 and VNI
    readings are scored and the best is used, a legacy font encoding only when it beats cp1258 by
    BYTES_MARGIN. Raises BinaryContentError for binary junk, UnknownEncodingError when no reading
    looks Vietnamese."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _nfc(data.decode(encoding)), encoding
            except UnicodeDecodeError as error:
                message = f"invalid {encoding} after its byte order mark: {error.reason}"
                raise UnknownEncodingError(message) from None
    _check_binary(data)
    try:
        return _nfc(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:SAMPLE_SIZE]
    scores = {name: vietnamese_score(_decode_legacy(sample, name)) for name in ("cp1258", "tcvn3", "vni")}
    top = max(scores.values())
    if top < MIN_SCORE:
        readings = ", ".join(f"{name} {score:.2f}" for name, score in scores.items())
        raise UnknownEncodingError(f"not UTF-8 and no Vietnamese reading fits (scores: {readings})")
    encoding = next(name for name, score in scores.items() if score >= top - BYTES_MARGIN)
    return _decode_legacy(data, encoding), encoding
