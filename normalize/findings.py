"""Findings a data-quality reviewer must see, each true and carrying its evidence: name variants, units
outside the register or in the wrong district, counts that conflict or do not add up, impossible dates."""
from __future__ import annotations

import math
from collections import defaultdict

import regex

from . import regex_cache as rx
from .caseless import CaselessPattern
from ntm.extract.spans import evidence
from ntm.records import FlagRow
from ntm.parsers.model import OCR_TRUSTED

from .names import cluster
from .vntext import any_marks_pattern, bare_key, placement_key, typed_in_lower_case


def _flag(document, start: int, end: int, kind: str, values: list[str], detail: str, severity: str = "warning",
          other_spans: list[int] | None = None) -> FlagRow:
    return FlagRow(**evidence(document, start, end), kind=kind, values=values, detail=detail, severity=severity,
                   other_spans=other_spans or [])


_MARK_METHODS = ("one_mark", "d_stroke", "spacing")


def name_flags(ctx, names, header, people, routes) -> list[FlagRow]:
    document = ctx.document
    flags: list[FlagRow] = []
    first_at: dict[tuple[str, str], tuple[int, int]] = {}
    places: dict[tuple[str, str], set[int]] = defaultdict(set)  # where each spelling is read
    readings: dict[tuple[str, str], set[int]] = defaultdict(set)  # where each name is read, in any marks
    for m in ctx.mentions:
        first_at.setdefault((m.level, m.raw), (m.start, m.end))
        places[(m.level, m.raw.lower())].add(m.start)
        readings[(m.level, bare_key(m.raw))].add(m.start)
    written = {placement_key(raw) for table in (names.communes, names.districts) for raw in table}
    unreported = 0
    for level, table in (("commune", names.communes), ("district", names.districts)):
        for raw, info in table.items():
            start, end = first_at[(level, raw)]
            if info.get("code") and placement_key(info["name"]) != placement_key(raw) \
                    and document.reads_doubtfully(start, end) \
                    and (placement_key(info["name"]) in written or info.get("method") in _MARK_METHODS) \
                    and not _writers_own(document, places[(level, raw.lower())], readings[(level, bare_key(raw))], start,
                                         end, raw, info["name"]):
                # a garbled reading beside the right one, or marks that a garbling reading cannot vouch for
                unreported += 1
                continue
            if info.get("code") and placement_key(info["name"]) != placement_key(raw):
                flags.append(_flag(document, start, end, "name_variant", [info["name"], raw],
                                   f"{level.title()} written '{raw}' is '{info['name']}' in the register "
                                   f"(code {info['code']}; matched by {info['method']}).", "info"))
            confidence = document.ocr_confidence_at(start, end)
            if level == "commune" and info.get("method") in ("none", "ambiguous") \
                    and confidence is not None and confidence < OCR_TRUSTED:
                # a name no entry holds, or two fit, where a scan was read with little confidence: a garble takes
                # two or more marks or letters to leave every entry; scattered noise in typed text rarely does
                unreported += 1
                continue
            if level == "commune" and info.get("method") == "none" and info.get("same_letters") \
                    and document.reads_doubtfully(start, end):
                # no entry holds it, but a commune of the area has its very letters: in a garbled reading, two
                # misread marks are likelier than a commune the register lacks
                unreported += 1
                continue
            if level == "commune" and info.get("method") == "none":
                flags.append(_flag(document, start, end, "not_in_register", [raw],
                                   f"Commune '{raw}' is in no register entry of {info.get('district') or 'the area'}"
                                   f" (merged or renamed before the register's date?); its code is left empty.", "info"))
            if level == "commune" and info.get("method") == "ambiguous":
                flags.append(_flag(document, start, end, "ambiguous_unit", [raw] + info.get("candidates", [])[:4],
                                   f"Commune '{raw}' fits several register entries equally: "
                                   f"{'; '.join(info.get('candidates', [])[:4])}; left unresolved."))
    for raw, canonical in names.villages.items():
        if placement_key(raw) != placement_key(canonical) and document.reads_doubtfully(*first_at[("village", raw)]) \
                and not _writers_own(document, places[("village", raw.lower())],
                                     readings[("village", bare_key(raw))], *first_at[("village", raw)], raw, canonical):
            unreported += 1  # both spellings are in the document (a cluster's canonical is one of its spellings)
            continue
        if placement_key(raw) != placement_key(canonical):
            start, end = first_at[("village", raw)]
            flags.append(_flag(document, start, end, "name_variant", [canonical, raw],
                               f"Village written both '{canonical}' and '{raw}' in this document."))
    for group, what in ((people, "Person"), (routes, "Place")):
        spellings = [s for s, _, _ in group]
        mapping = cluster(spellings)
        reported = set()
        read_at, name_read_at = defaultdict(set), defaultdict(set)
        for spelling, start, _ in group:
            read_at[spelling.lower()].add(start)
            name_read_at[bare_key(spelling)].add(start)
        for spelling, start, end in group:
            canonical = mapping[spelling]
            key = (placement_key(canonical), placement_key(spelling))
            if key[0] != key[1] and key not in reported and document.reads_doubtfully(start, end) \
                    and not _writers_own(document, read_at[spelling.lower()], name_read_at[bare_key(spelling)], start,
                                         end, spelling, canonical):
                reported.add(key)
                unreported += 1
            elif key[0] != key[1] and key not in reported:
                reported.add(key)
                flags.append(_flag(document, start, end, "name_variant", [canonical, spelling],
                                   f"{what} named both '{canonical}' and '{spelling}' in this document."))
    if unreported:
        document.warnings.append(f"{unreported} spelling variants not reported as findings: the text reads as OCR'd "
                                 f"or garbled, and a wrong mark or a second spelling beside the right one is more "
                                 f"likely the reading's than the writer's")
    return flags


MISREADING_FORMS = 5  # a name misread by one mark takes one of about five spellings (a tone dropped, another tone ...)
CHANCE = 0.001  # below this chance that scattered misreadings wrote it, a repeated second spelling is the writer's


def _writers_own(document, places: set[int], readings: set[int], start: int, end: int, spelling: str,
                 canonical: str) -> bool:
    """Is a second spelling read at `places` of a garbled typed text the writer's? Scattered misreadings at the
    document's own rate (its closed vocabulary's, `misreading_rate`) would write this one spelling among the name's
    `readings` about readings x rate / MISREADING_FORMS times; read at so many places that chance is below CHANCE,
    it is the writer's. Not when the reading turns those letters so in its own vocabulary too (one systematic
    misreading), nor in a scan, whose own confidence judges each place."""
    if len(places) < 2 or document.ocr_confidence_at(start, end) is not None \
            or document.misreads_consistently(spelling, canonical):
        return False
    expected = len(readings) * document.misreading_rate / MISREADING_FORMS
    return _poisson_tail(len(places), expected) < CHANCE


def _poisson_tail(k: int, mean: float) -> float:
    """P(X >= k) for X ~ Poisson(mean)."""
    term, below = math.exp(-mean), 0.0
    for i in range(k):
        below += term
        term *= mean / (i + 1)
    return max(0.0, 1.0 - below)


def count_flags(document, counts, statuses, status_cues, averages, ctx) -> list[FlagRow]:
    flags: list[FlagRow] = []
    if typed_in_lower_case(document.text):
        # no capital marks a village's or a criterion's name: a statement may be given to the unit named before
        # it and a list may have lost its items, so no check of counts can be vouched for
        document.warnings.append("count and average checks not run: the text is typed all in lower case")
        return flags
    by_unit = defaultdict(list)
    for c in counts:
        by_unit[(c.unit, c.level, c.kind)].append(c)
    for (unit, level, kind), rows in by_unit.items():
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if a.total and b.total and a.total != b.total:
                    continue  # '17/19' and '11/13' are counted under two sets: no conflict either way
                if a.count_max < b.count_min or b.count_max < a.count_min:
                    flags.append(_flag(document, a.start, a.end, "count_conflict",
                                       [unit, _count_text(a), _count_text(b)],
                                       f"{unit} is said to meet {_count_text(a)} and {_count_text(b)} criteria ({level} set).",
                                       other_spans=[b.start, b.end]))
                    break
            else:
                continue
            break
    if document.reads_noisy:
        # lists read through noise may have lost an item and numbers a digit: checks that need every item and
        # every digit right abstain; two different counts stated for one unit still stand
        document.warnings.append("count and average checks not run: the text reads as OCR'd or garbled")
        return flags
    flags += _listed_vs_stated(document, counts, statuses, status_cues, ctx)
    flags += _matrix_vs_stated(document, counts, ctx)
    flags += _average_checks(document, counts, averages, ctx)
    flags += _villages_vs_criterion_lists(document, counts, statuses, _village_set_size(ctx))
    flags += _total_vs_buckets(document, ctx)
    return flags


def _village_set_size(ctx) -> int | None:
    """How many criteria the village set this document reads under has: the set it lays out, the size it states,
    or the province's published set we hold. None when nothing says: a village count is then judged by nothing."""
    from ntm.extract.criteria_sets import choose_set
    from ntm.extract.local_sets import stated_set_size
    if "thon" in ctx.local_sets:
        return len(ctx.local_sets["thon"].names)
    stated = stated_set_size(ctx.text, "thon")
    if stated:
        return stated
    known = choose_set("thon", ctx.year, ctx.province)
    return len(known.names) if known else None


def _villages_vs_criterion_lists(document, counts, statuses, set_size: int | None) -> list[FlagRow]:
    """A village report gives each village's count of criteria met and, per criterion, the villages that have
    not met it: met plus the criteria listed as unmet must make the whole set, of the size the set has."""
    unmet = defaultdict(set)
    for s in statuses:
        if s.unit_level == "village" and s.status in ("unmet", "near_met"):
            unmet[s.unit].add(s.criterion)
    if not unmet:
        return []
    flags = []
    for c in counts:
        if c.unit_level != "village" or c.kind != "met" or c.count_min != c.count_max or c.unit not in unmet:
            continue
        total = c.total or set_size
        if total is None:
            continue
        if c.total is None and any(o.total and o.total != total for o in counts if o.unit_level == "village"):
            continue  # the document's own counts speak of a set of another size
        if c.count_min + len(unmet[c.unit]) != total:
            flags.append(_flag(document, c.start, c.end, "count_mismatch",
                               [c.unit, str(c.count_min), str(len(unmet[c.unit])), str(total)],
                               f"Village {c.unit} is said to meet {c.count_min} criteria, but {len(unmet[c.unit])} "
                               f"criteria list it as not met: together not {total}."))
    return flags


_TOTAL = regex.compile(r"(?i)(?:tổng\s+số|toàn\s+(?:huyện|tỉnh)\s+có)\s+(?:(?P<n>\d{1,3})\s+)?(?P<kw>xã|thôn|bản)"
                       r"(?:[^:;.\d]{0,80}?:\s*(?P<n2>\d{1,3})(?:\s*/\s*\d{1,3})?\s*(?:xã|thôn|bản))?")
_TOTAL_WORDS = CaselessPattern(r"tổng|toàn")  # what each match of _TOTAL opens with, in any case
_BUCKET_LINE = regex.compile(r"(?i)^[-+•\s]*(?:số|nhóm)\s+(?:xã|thôn|bản)\s+đạt[^:]{0,40}?:?\s*(?P<n>\d{1,3})\s+(?:xã|thôn|bản)")


_PART_OF_THE_TOTAL = regex.compile(r"(?i)(?<![\p{L}\d])\d{1,3}\s+(?:xã|thôn|bản)(?!\p{L})|còn\s+lại")


def _total_vs_buckets(document, ctx) -> list[FlagRow]:
    """'Tổng số xã xây dựng NTM: 17/17 xã' then buckets '04 xã', '06 xã', ...: the buckets must add up."""
    flags = []
    text = document.text
    blocks = document.blocks
    for i, block in enumerate(blocks):
        if _TOTAL_WORDS.search(text, block.start, block.end) is None:
            continue  # a block without the first word of each total holds none
        m = _TOTAL.search(text, block.start, block.end)
        if not m or not (m.group("n") or m.group("n2")):
            continue
        total = int(m.group("n2") or m.group("n"))
        buckets = []
        between = [text[m.end():block.end]]  # what is said between the total and its groups
        for follower in blocks[i + 1:i + 10]:
            b = _BUCKET_LINE.match(text[follower.start:follower.end])
            if b:
                buckets.append(int(b.group("n")))
            elif buckets:
                break
            else:
                between.append(text[follower.start:follower.end])
        if _PART_OF_THE_TOTAL.search(" ".join(between)):
            continue  # 'đã có 08 xã đạt chuẩn ... Các xã còn lại:': the groups share out only the rest
        if len(buckets) >= 2 and sum(buckets) != total:
            flags.append(_flag(document, m.start(), m.end(), "count_mismatch", [str(total), str(sum(buckets))],
                               f"The text counts {total} units in all, but its groups by criteria met add up to "
                               f"{sum(buckets)} ({' + '.join(map(str, buckets))})."))
    return flags


def _count_text(row) -> str:
    text = str(row.count_min) if row.count_min == row.count_max else f"{row.count_min}-{row.count_max}"
    return f"{text}/{row.total}" if row.total else text


def _matrix_vs_stated(document, counts, ctx) -> list[FlagRow]:
    """A criteria-by-commune table that marks every criterion of a unit 'Đạt' or 'Chưa đạt' counts its met ones:
    a stated count of met criteria it contradicts ('Minh Thuận đạt 15/19' over a column of 14 'Đạt') is a finding.
    Only a column that marks a whole set, criteria 1 to N with N the stated total when one is stated, is counted."""
    marked = {}
    for row in ctx.table_rows:
        cells = {number: status for number, status, _, _ in row.statuses if number is not None}
        if len(cells) >= 10 and set(cells) == set(range(1, len(cells) + 1)) \
                and set(cells.values()) <= {"met", "unmet"}:
            marked[placement_key(row.unit.raw)] = cells
    flags = []
    for c in counts:
        cells = marked.get(placement_key(c.unit))
        if c.kind != "met" or c.count_min != c.count_max or not cells or c.total not in (None, len(cells)):
            continue
        met = sum(1 for status in cells.values() if status == "met")
        if met != c.count_min:
            flags.append(_flag(document, c.start, c.end, "count_mismatch", [c.unit, str(c.count_min), str(met)],
                               f"{c.unit}: {c.count_min} criteria stated as met, but the table marks {met} of the "
                               f"{len(cells)} 'Đạt'."))
    return flags


def _listed_vs_stated(document, counts, statuses, status_cues, ctx) -> list[FlagRow]:
    """A stated count followed by a list of a different length: 'Đã đạt 14/19 tiêu chí:' then 13 criteria,
    '06 xã (...)' then five names; and met + not met that do not make the total."""
    flags = []
    for c in counts:
        if c.count_min != c.count_max:
            continue
        listed = {criterion for unit, status, criterion, cue in status_cues
                  if unit == c.unit and status == c.kind and c.start - 40 <= cue <= c.end + 40}
        if listed and len(listed) != c.count_min and _items_written_after(document.text, c.end) != c.count_min:
            flags.append(_flag(document, c.start, c.end, "count_mismatch", [c.unit, _count_text(c), str(len(listed))],
                               f"{c.unit}: {_count_text(c)} criteria stated as {c.kind}, but {len(listed)} are listed."))
    lists = defaultdict(list)
    for m in ctx.mentions:
        if m.list_id is not None:
            lists[m.list_id].append(m)
    for items in lists.values():
        stated = items[0].listed_count
        distinct = {placement_key(i.raw) for i in items}
        if stated is not None and stated != len(distinct):
            flags.append(_flag(document, items[0].start, items[-1].end, "count_mismatch",
                               [str(stated), str(len(distinct))] + [i.raw for i in items[:3]],
                               f"The text announces {stated} units but lists {len(distinct)}: "
                               f"{', '.join(i.raw for i in items)}."))
    exact_met = defaultdict(list)
    for c in counts:
        if c.kind == "met" and c.count_min == c.count_max:
            exact_met[(c.unit, c.level)].append(c)
    for (unit, level), found in exact_met.items():
        if len({c.count_min for c in found}) != 1:
            continue  # two different counts: a count_conflict already says so
        c = found[0]
        others = [o for o in counts if o.unit == unit and o.level == level and o.kind in ("unmet", "near_met")
                  and o.count_min == o.count_max]
        total = c.total or next((o.total for o in others if o.total), None)
        if others and total and len({(o.kind, o.count_min) for o in others}) == len({o.kind for o in others}):
            counted_not = sum(o.count_min for o in others)
            stated_not = counted_not
            if not any(o.kind == "near_met" for o in others):  # "Tiêu chí 11 gần đạt" with no count of its own
                stated_not += len({s.criterion for s in statuses if s.unit == unit and s.level == level
                                   and s.status == "near_met"})
            # a criterion 'cơ bản đạt' may be counted with the met ones ('17/19; 02 chưa đạt; số 16 cơ bản đạt'):
            # only a total that neither reading makes is a mismatch
            if total not in (c.count_min + stated_not, c.count_min + counted_not) and c.count_min + stated_not <= total + 5:
                flags.append(_flag(document, c.start, c.end, "count_mismatch",
                                   [unit, str(c.count_min), str(stated_not), str(total)],
                                   f"{unit}: {c.count_min} met plus {stated_not} not met is not the total {total}."))
    return flags


_LIST_AFTER_COUNT = regex.compile(r"(?i)[^.;:(]{0,30}?(?:\bgồm\b|\blà\b|:|\()\s*(?P<items>[^.;:()]+)")


def _items_written_after(text: str, end: int) -> int | None:
    """How many items the list right after a count writes ('còn 03 tiêu chí chưa đạt gồm Thu nhập, Môi trường,
    Chất lượng môi trường sống' has 3), whatever of them the criteria set read them under knows."""
    m = _LIST_AFTER_COUNT.match(text, end, min(len(text), end + 300))
    if not m:
        return None
    items = [i for i in rx.split(r"\s*(?:,|\bvà\b)\s*", m.group("items").strip()) if i.strip()]
    return len(items) or None


def _average_checks(document, counts, averages, ctx) -> list[FlagRow]:
    flags = []
    for avg in averages:
        level_units = "village" if avg.unit_level == "village" else "commune"
        exact = {}
        block_start, block_end = _average_scope(ctx, avg)
        in_scope = [c for c in counts if c.kind == "met" and c.unit_level == level_units
                    and block_start <= c.start < block_end]
        plain = [c for c in in_scope if c.level in ("ntm", "thon")]
        if not plain and len({c.level for c in in_scope}) == 1:
            plain = in_scope  # every count is of one other set ('03 xã đạt bình quân 17 tiêu chí/xã' in a nâng cao review)
        for c in plain:
            exact.setdefault(c.unit, []).append(c)
        if not exact or any(len({(r.count_min, r.count_max) for r in rows}) != 1 or rows[0].count_min != rows[0].count_max
                            for rows in exact.values()):
            continue
        values = [rows[0].count_min for rows in exact.values()]
        if len(values) < 3 or not _whole_population(document.text[block_start:block_end], avg, len(values)):
            continue
        mean = sum(values) / len(values)
        decimals = len(str(avg.value).split(".")[1]) if "." in str(avg.value) else 0
        if abs(round(mean, max(decimals, 1)) - avg.value) > 0.051:
            flags.append(_flag(document, avg.start, avg.end, "average_mismatch",
                               [avg.scope or "", f"{avg.value:g}", f"{mean:.2f}"],
                               f"Stated average {avg.value:g} criteria per {avg.unit_level}, but the document's own counts "
                               f"for {len(values)} units average {mean:.2f}."))
    return flags


def _average_scope(ctx, avg) -> tuple[int, int]:
    """The average's paragraph, and the list it announces when it ends with a colon ('03 xã đạt bình quân 17 tiêu
    chí/xã, cụ thể:' then one item a commune)."""
    blocks = ctx.document.blocks
    index = ctx.block_index(avg.start)
    start, end = blocks[index].start, blocks[index].end
    if ctx.text[avg.end:end].rstrip().endswith(":"):
        for block in blocks[index + 1:]:
            if block.kind != "list_item":
                break
            end = block.end
    before = [b for b in blocks[max(0, index - 3):index] if b.kind == "table_cell"]
    if before:  # the results table right above it ('Bình quân 05 xã đạt 16,6 tiêu chí/xã' under its note)
        table = before[-1].table
        start = min(b.start for b in blocks[max(0, index - 400):index] if b.kind == "table_cell" and b.table == table)
    return start, end


_COUNTED_BEFORE_AVERAGE = regex.compile(  # '03 xã đạt bình quân 17 tiêu chí/xã': the average is over these units
    r"(?i)(?<![\d.,])(\d{1,3})\s+(?:xã|thôn|bản|ấp)\s+(?:(?:đã|đều|cùng)\s+)?(?:đạt\s+)?(?:bình\s+quân|trung\s+bình)\s+"
    r"(?:(?:đạt|là)\s+)?\d{1,2}(?:[.,]\d{1,2})?\s+tiêu\s*chí\s*/"
    r"|(?:bình\s+quân|trung\s+bình)\s+(?:(?:của|các|cả)\s+)?(\d{1,3})\s+(?:xã|thôn|bản|ấp)\s+(?:đạt\s+|là\s+|có\s+)?"
    r"\d{1,2}(?:[.,]\d{1,2})?\s+tiêu\s*chí\s*/")  # 'Bình quân 05 xã đạt 16,6 tiêu chí/xã'


def _whole_population(block: str, avg, counted: int) -> bool:
    """The counts cover everything the average is over: they sit in brackets right after it ('Bình quân đạt
    14,89 tiêu chí/xã (xã A đạt ...; xã B đạt ...)'), or the paragraph says how many units there are."""
    stated = [int(n) for n in rx.findall(
        r"(?i)(?:toàn\s+(?:huyện|tỉnh|xã)|huyện|tỉnh)(?:\s+\p{L}+){0,3}?\s+có\s+(\d{1,3})\s+(?:xã|thôn|bản|ấp)\b"
        r"(?!\s+(?:đăng\s+ký|phấn\s+đấu|được|đã|đạt))", block)]  # the whole population, not "03 xã đăng ký"
    stated += [int(m.group(1) or m.group(2)) for m in _COUNTED_BEFORE_AVERAGE.finditer(block)]
    return counted in stated or bool(rx.search(r"tiêu\s*chí\s*/\s*\p{L}+\s*\(", block))


def date_flags(document, references) -> list[FlagRow]:
    flags = []
    seen = set()
    for r in references:
        if r.date_raw and r.date is None and (r.symbol, r.date_raw) not in seen:
            seen.add((r.symbol, r.date_raw))
            flags.append(_flag(document, r.start, r.end, "invalid_date", [r.date_raw, r.symbol],
                               f"{r.symbol} is dated '{r.date_raw}', which is not a real date; the reference is kept "
                               f"with an empty date."))
    return flags


def _relation_break(gap: str) -> bool:
    """Words between a district and a commune after it that say the district acts at or with the commune rather
    than holds it (cue table unit_relation_breaks)."""
    from ntm.extract.cues import word_pattern
    return word_pattern("unit_relation_breaks").search(gap) is not None


_OWN_DISTRICT = regex.compile(  # any marks: a scan reads 'thị xa Giá Rai'
    r"\s*(?:\(|,|(?<!\p{L})thuộc)\s*(?:" + "|".join(any_marks_pattern(w) for w in ("huyện", "thị xã", "thành phố", "quận"))
    + r")\s+")


def unit_mismatch_flags(ctx, names) -> list[FlagRow]:
    """A district named together with a commune that the register (and the rest of the document) puts in
    another district: '... hỗ trợ huyện Văn Lãng và đặc biệt xã ... Hữu Lễ' when Hữu Lễ is in Văn Quan."""
    flags = []
    text = ctx.text
    commune_district = {info["name"]: info.get("district") for info in names.communes.values() if info.get("code")}
    for m in ctx.mentions:
        if m.level != "district" or m.raw not in names.districts:
            continue
        if names.districts[m.raw].get("code") is None and ctx.document.reads_doubtfully(m.start, m.end):
            continue  # a district the register does not hold, in a garbled reading: likelier a misread one
        district = names.districts[m.raw]["name"]
        window_end = min(len(text), m.end + 120)
        stop = rx.search(r"[;.](?:\s|$)|\n", text[m.end:window_end])
        window = text[m.end:m.end + stop.start()] if stop else text[m.end:window_end]
        lead = text[max(0, m.start - 60):m.start]
        lead = rx.split(r"[;.]\s|\n", lead)[-1]
        ahead = 0  # where the text after the district starts in the window
        if rx.search(r"(?:,|\(|(?<!\p{L})thuộc)\s*(?:huyện|thị xã|thành phố)\s*$", lead):
            # "UBND xã Việt Lâm, huyện Bắc Quang", "xã Tiên Ngọc (huyện Hiệp Đức)", "xã A thuộc huyện B"
            window = lead + " " + window
            ahead = len(lead) + 1
        elsewhere = defaultdict(list)
        for name, home in commune_district.items():
            if not home or placement_key(home) == placement_key(district):
                continue
            spellings = [name] + [raw for raw, info in names.communes.items() if info["name"] == name]
            for spelling in spellings:
                found = rx.search(rf"(?<![\p{{L}}]){regex.escape(spelling)}(?![\p{{L}}])", window)
                own = _OWN_DISTRICT.match(window, found.end()) if found else None
                if own and not (found.start() < ahead and own.end() >= ahead - 1):
                    continue  # 'xã Phong Tân (thị xã Giá Rai)': the commune is given another district there
                if found and (found.start() < ahead or not _relation_break(window[ahead:found.start()])):
                    elsewhere[home].append(name)
                    break
        for home, communes in elsewhere.items():
            flags.append(_flag(ctx.document, m.start, m.end, "unit_mismatch", [district, home, *communes],
                               f"District {district} is named with {', '.join(communes)}, which the register and the "
                               f"rest of the document put in {home}."))
    return flags
