"""Is a file a report at all? A README, a licence or notes left in an input folder carry no document header and
none of the programme's words (cue table report_cues.tsv); such a file is listed as skipped with that reason
instead of being read as a report."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from . import cues

NOT_A_REPORT = ("skipped: not a report (no document header such as 'Số:', 'CỘNG HÒA', 'BÁO CÁO' and none of the "
                "programme's words such as 'nông thôn mới', 'tiêu chí')")


@lru_cache(maxsize=2)
def _report_words(folded: bool = False):
    import regex
    rows = cues.table("report_cues")
    exact = [phrase for phrase, case in rows if case == "exact"] + cues.words("doc_types")
    any_case = [phrase for phrase, case in rows if case == "any"]
    if folded:
        exact, any_case = [_without_marks(p) for p in exact], [_without_marks(p) for p in any_case]
    return regex.compile(rf"(?<!\p{{L}})(?:{cues.alternation(exact)}|(?i:{cues.alternation(any_case)}))(?!\p{{L}})")


def _without_marks(text: str) -> str:
    """'CỘNG HÒA' -> 'CONG HOA', case kept: reports typed on a keyboard without Vietnamese are reports too."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def not_a_report(text: str) -> str | None:
    """Why `text` is no report, or None when it is one (or holds no text at all: that is said elsewhere)."""
    if not text.strip() or _report_words().search(text) or _report_words(folded=True).search(_without_marks(text)):
        return None
    return NOT_A_REPORT
