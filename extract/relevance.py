"""Is a file a report at all? A README, a licence or notes left in an input folder carry no document header and
none of the programme's words (cue table report_cues.tsv); such a file is listed as skipped with that reason
instead of being read as a report."""
from __future__ import annotations

from functools import lru_cache

from ntm.normalize.vntext import without_marks

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
        exact, any_case = [without_marks(p) for p in exact], [without_marks(p) for p in any_case]
    return regex.compile(rf"(?<!\p{{L}})(?:{cues.alternation(exact)}|(?i:{cues.alternation(any_case)}))(?!\p{{L}})")


def not_a_report(text: str) -> str | None:
    """Why `text` is no report, or None when it is one (or holds no text at all: that is said elsewhere)."""
    if not text.strip() or _report_words().search(text) or _report_words(folded=True).search(without_marks(text)):
        return None
    return NOT_A_REPORT
