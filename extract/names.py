"""The grammar of proper names in running text: capitalised syllables, as officials write them."""
from __future__ import annotations

import regex

# "R'Tih", "H'Leo", "M'gar": highland names keep an apostrophe after their first letter (Đắk R'Tih, Ea H'Leo, Cư M'gar)
SYLLABLE_TAIL = r"(?:['’](?=\p{L})\p{Lu}?)?\p{Ll}*(?![\p{L}\d])"  # what follows a syllable's capital
SYLLABLE = rf"\p{{Lu}}{SYLLABLE_TAIL}"
UPPER_SYLLABLE = r"\p{Lu}+(?![\p{L}\d])"
# "1A Nà Loạn": a village may open with a number-letter code; "Xóm 3": a name may end with a number
NAME_REST = rf"(?:[ ]{SYLLABLE}){{0,3}}(?:[ ]\d{{1,2}}(?![\d/])(?![.,]\d)(?![ ]+tiêu[ ]+chí))?"  # after the first syllable
NAME = rf"(?:\d{{1,2}}[A-Z][ ])?{SYLLABLE}{NAME_REST}"
# NAME for a scan through a text: the same matches, opening with the class of a name's first character (a digit
# or a capital), to which `re` skips; a leading lookahead instead is tried at every character
NAME_FIRST_CHARACTER = r"[\d\p{Lu}]"
NAME_AFTER_FIRST_CHARACTER = rf"(?:(?<=\d)\d?[A-Z][ ]\p{{Lu}}|(?<=\p{{Lu}})){SYLLABLE_TAIL}{NAME_REST}"
NAME_FROM_ITS_FIRST_CHARACTER = NAME_FIRST_CHARACTER + NAME_AFTER_FIRST_CHARACTER
UPPER_NAME = rf"{UPPER_SYLLABLE}(?:[ ]{UPPER_SYLLABLE}){{0,3}}"
PERSON = rf"{SYLLABLE}(?:[ ]{SYLLABLE}){{1,4}}"

NAME_RE = regex.compile(NAME)
PERSON_RE = regex.compile(rf"^{PERSON}$")
