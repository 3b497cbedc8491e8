"""The grammar of proper names in running text: capitalised syllables, as officials write them."""
from __future__ import annotations

import regex

# "R'Tih", "H'Leo", "M'gar": highland names keep an apostrophe after their first letter (Đắk R'Tih, Ea H'Leo, Cư M'gar)
SYLLABLE = r"\p{Lu}(?:['’](?=\p{L})\p{Lu}?)?\p{Ll}*(?![\p{L}\d])"
UPPER_SYLLABLE = r"\p{Lu}+(?![\p{L}\d])"
# "1A Nà Loạn": a village may open with a number-letter code; "Xóm 3": a name may end with a number
NAME = rf"(?:\d{{1,2}}[A-Z][ ])?{SYLLABLE}(?:[ ]{SYLLABLE}){{0,3}}(?:[ ]\d{{1,2}}(?![\d/])(?![.,]\d)(?![ ]+tiêu[ ]+chí))?"
UPPER_NAME = rf"{UPPER_SYLLABLE}(?:[ ]{UPPER_SYLLABLE}){{0,3}}"
PERSON = rf"{SYLLABLE}(?:[ ]{SYLLABLE}){{1,4}}"

NAME_RE = regex.compile(NAME)
PERSON_RE = regex.compile(rf"^{PERSON}$")
