"""Document symbols typed in lower case ('215/tb-ubnd', '318/qđ-ttg'), put back in the capitals they are written
in ('215/TB-UBND', '318/QĐ-TTg'). A symbol is taken only when its type code is one we know (TB, KH, QĐ ...) or
every part of it is ('1520/snn-vpđp'): in a text typed in lower case that is what tells a symbol from any number and
word joined by a slash."""
from __future__ import annotations

from functools import lru_cache

from ntm.normalize import regex_cache as rx
from ntm.parsers.vocabulary import vocabulary

from . import cues


@lru_cache(maxsize=1)
def _written_parts() -> dict[str, str]:
    """Every symbol part we know, by its lower case: 'ttg' -> 'TTg', 'ttr' -> 'TTr', 'ubnd' -> 'UBND'."""
    parts = [*vocabulary().symbol_parts, *cues.mapping("symbol_types"), *(row[0] for row in cues.table("issuers"))]
    return {part.lower(): part for part in parts}


@lru_cache(maxsize=1)
def _type_codes() -> frozenset[str]:
    return frozenset(code.lower() for code in cues.mapping("symbol_types"))


def recase_symbol(written: str, own: bool = False) -> str | None:
    """'/tb-ubnd' -> '/TB-UBND', '/2022/qđ-ttg' -> '/2022/QĐ-TTg'; None when neither a known type code nor only
    known parts make it a symbol we can vouch for. A part we do not know is written in capitals, as symbols are.
    The document's `own` number line ('số: 215/vpđp-nv', a letter's office and its desk) needs only its first part
    known, the others short and unmarked."""
    pieces = rx.split(r"([/\-])", written)
    letter_parts = [p.lower() for p in pieces if rx.search(r"\p{L}", p)]
    office_and_desk = own and letter_parts and letter_parts[0] in _written_parts() and len(letter_parts) <= 3 \
        and all(rx.fullmatch(r"[a-zđ]{1,6}", p) for p in letter_parts)
    if not letter_parts or not (any(p in _type_codes() for p in letter_parts) or office_and_desk
                                or all(p in _written_parts() for p in letter_parts)):
        return None
    return "".join(_written_parts().get(p.lower(), p.upper()) if rx.search(r"\p{L}", p) else p for p in pieces)
