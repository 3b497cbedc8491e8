"""Document fields: number and symbol, place and date, type, subject line, issuer, signature, recipients,
and when the inspection it reports on took place."""
from __future__ import annotations

import unicodedata
from bisect import bisect_right
from itertools import accumulate

import regex

from ntm.normalize import regex_cache as rx
from ntm.normalize.caseless import CaselessPattern
from ntm.normalize.dates import DAY_DATE, iso_day
from ntm.normalize.register import load_register
from ntm.normalize.vntext import any_marks_pattern, in_capitals, placement_key, typed_in_lower_case

from . import cues
from .names import PERSON_RE
from .prefilter import Openings
from .symbols import recase_symbol

HEAD_BLOCKS = 20
HEAD_LINE_MAX = 200  # the longest run of header lines a lower-case text may join
_NUMBER = regex.compile(r"(?:^|\s)Số\s*:?\s*(?P<n>\d*)\s*[/-]\s*(?P<sym>[\p{Lu}\d][\p{L}\d&\-./]*)")
# the frame 'Place, ngày D tháng M năm YYYY' names its date words whatever their marks ('ngay  tháng 10 năm 2024')
_PLACE_DATE = regex.compile(
    rf"(?P<place>\p{{Lu}}[\p{{L}} .'-]{{1,40}}?)\s*,\s*{any_marks_pattern('ngày')}\s*(?P<d>\d{{0,2}})"
    rf"\s*{any_marks_pattern('tháng')}\s*(?P<m>\d{{0,2}})\s*{any_marks_pattern('năm')}\s*(?P<y>(?:19|20)\d{{2}})")
_DATE_LINE_CUT = regex.compile(rf",\s*{any_marks_pattern('ngày')}(?!\p{{L}})[^\n]{{0,30}}$")
_VV = regex.compile(r"^\s*(?:V/v|Về việc)\s*:?\s*(?P<title>.+)$", regex.IGNORECASE)
_MOTTO = regex.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP", regex.IGNORECASE)
_RECIPIENTS = regex.compile(r"^\s*Nơi nhận\s*:?\s*(?P<rest>.*)$", regex.IGNORECASE)


def _recipients_line(text: str):
    """_RECIPIENTS.match(text), tried only on a line whose first letter is an 'n' (lstrip's whitespace is more than
    regex's \\s: where the pattern matches, the line stripped opens with its 'N')."""
    return _RECIPIENTS.match(text) if text.lstrip()[:1] in ("N", "n") else None
_DELEGATION = regex.compile(r"^(?:KT|TM|TL|TUQ|Q)\s*\.\s*", regex.IGNORECASE)
# 'từ D/M đến D/M/YYYY': a range of two dates is frame enough to read 'từ' and 'ngày' whatever their marks ('Tự 18/9')
_RANGE = regex.compile(rf"(?:(?<!\p{{L}}){any_marks_pattern('từ')}\s+(?:{any_marks_pattern('ngày')}\s+)?|" r"trong\s+(?:\S+\s+)?ngày\s+|(?<=ngày\s*)\(\s*|\b[Nn]gày\s+(?=\d{1,2}\s+(?:và|đến)\s+ngày))(?P<d1>\d{1,2})(?:\s*[/.-]\s*(?P<m1>\d{1,2})(?:\s*[/.-]\s*(?P<y1>\d{4}))?)?"
                       r"(?:\s*,\s*\d{1,2})*"  # "Trong các ngày 13, 14 và 16/5/2024"
                       rf"(?:\s+(?:đến|tới|và)\s+(?:hết\s+)?|\s*[-–]\s*)(?:ngày\s+)?(?P<b>{DAY_DATE})", regex.IGNORECASE)
_EVENT_NO_YEAR = regex.compile(r"(?:^|[.;]\s+|\n)(?:Trong\s+)?[Nn]gày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/])\s*,")
_EVENT = regex.compile(rf"(?:(?:^|[.;]\s+|\n)(?:Trong\s+)?[Nn]gày\s+(?P<a>{DAY_DATE})\s*,"
                       rf"|(?:,\s*|^|\n)[Nn]gày\s+(?P<a>{DAY_DATE})\s*,?\s+"  # the body that inspected opens the clause
                       r"(?=\p{Lu}\p{Ll}|(?i:đoàn|tổ|sở|ubnd|ban|đồng\s+chí|văn\s+phòng|phòng|chi\s+cục|hội\s+đồng|lãnh\s+đạo)(?!\p{L})))")
DOC_TYPES = cues.mapping("doc_types")
SYMBOL_TYPES = cues.mapping("symbol_types")
ISSUERS = {r[0]: (r[1], r[2]) for r in cues.table("issuers")}
TITLES = sorted(cues.mapping("signer_titles").items(), key=lambda kv: -len(kv[0]))
TITLE_OPENING = regex.compile("|".join(regex.escape(phrase) for phrase, _ in TITLES))


_TITLE_GOES_ON = regex.compile(r"^(?:\p{Ll}|\d{1,2}\s+\p{Ll})")  # 'kiểu mẫu⏎9 tháng đầu năm 2024', '... xã⏎đăng ký'


def _title_after(head, index: int) -> str:
    """The subject line under the document's type, with the lines it runs on to: a line that opens in lower case
    or with a number and a word in lower case goes on the line above (a title broken by hand or by a wrap)."""
    parts = [head[index][1].strip(" *#")]
    for block, text in head[index + 1:index + 4]:
        line = text.strip(" *#")
        if block.kind != "paragraph" or not _TITLE_GOES_ON.match(line) or len(line) > 120 \
                or parts[-1].endswith((".", ":", ";")):
            break
        parts.append(line)
    return " ".join(parts)


def _blocks(document):
    return [(b, document.text[b.start:b.end].strip()) for b in document.blocks if b.kind not in ("page_header", "page_footer")]


_LOWER_NUMBER = regex.compile(r"^(?P<lead>\s*số\s*:?\s*\d*\s*)(?P<sym>[/-][\p{L}\d][\p{L}\d&\-./]*)")
_LOWER_PLACE = regex.compile(rf"^(?P<place>\p{{Ll}}[\p{{L}} .'-]{{1,40}}?)(?=\s*,\s*{any_marks_pattern('ngày')}\s*\d{{0,2}}\s)")
_SIGNER_LINE = regex.compile(r"^(?:(?:kt|tm|tl|tuq|q)\s*\.\s*)?\p{L}+(?:\s+\p{L}+){0,5}$")


# where a lower-case header's lines run together ('ubnd huyện tuần giáo ban chỉ đạo ... mtqg số: /bc-bcđ'): before
# the number, the motto, a subject line or the body under the parent office; after the motto's last words
_HEAD_LINE_BREAK = regex.compile(
    r"(?<=\S)\s+(?=số\s*:|cộng\s+h(?:òa|oà)\b|độc\s+lập\b|v/v\b"
    r"|ban\s+(?:chỉ\s+đạo|quản\s+lý|kinh\s+tế|tuyên\s+giáo|dân\s+vận|thường\s+vụ|pháp\s+chế|dân\s+tộc)\b"
    r"|(?<!văn\s+)(?:sở|văn\s+phòng|hội\s+đồng|chi\s+cục)\s+\p{L})|(?<=hạnh\s+phúc)\s+(?=\S)")


# ... and the signature's: 'kt. trưởng ban phó trưởng ban', 'tm. ủy ban nhân dân kt. chủ tịch phó chủ tịch'
_SIGNATURE_LINE_BREAK = regex.compile(r"(?<=\S)\s+(?=(?:kt|tm|tl|tuq)\s*\.\s|phó\s+\p{L})")


def _header_lines(blocks) -> list:
    """The lines of a lower-case header or signature that a line join ran together, each on its own again."""
    out = []
    in_head = True  # up to the subject line: the lines after it are the body's
    for i, (block, text) in enumerate(blocks):
        if in_head and len(text) <= HEAD_LINE_MAX and i < HEAD_BLOCKS:
            for part in (p for p in _HEAD_LINE_BREAK.split(text) if p.strip()):
                if in_head:
                    out.append((block, part))
                    in_head = not (_VV.match(part) or _doc_type_opening(part))
                else:
                    out[-1] = (block, out[-1][1] + " " + part)  # the subject line, whole
        elif len(text) <= HEAD_LINE_MAX and i >= len(blocks) - 12 and _DELEGATION.match(text.lower()):
            out.extend((block, part) for part in _SIGNATURE_LINE_BREAK.split(text) if part.strip())
        else:  # a body paragraph, not header lines run together
            out.append((block, text))
    return out


def _conventionally_cased(blocks) -> list:
    """The header and signature of a text typed all in lower case, in the capitals such a document is written in:
    the letterhead and the type line in capitals, 'Số:' and its symbol's capitals, the place and the signer's name
    capitalised. Only what the header reader reads is changed; the text and its spans stay as written."""
    blocks = _header_lines(blocks)
    head_end = min(HEAD_BLOCKS, len(blocks))
    number_at = next((i for i, (_, t) in enumerate(blocks[:head_end]) if _LOWER_NUMBER.match(t)), None)
    out = []
    in_head = True  # up to the document's type line
    recipients_at = next((i for i, (_, t) in enumerate(blocks) if _recipients_line(t)), len(blocks))
    for i, (block, text) in enumerate(blocks):
        if _VV.match(text) or _recipients_line(text):
            in_head = False  # a letter's subject line; a short letter's recipients
        place = _LOWER_PLACE.match(text) if i < head_end and i < recipients_at else None
        if place and not in_head:  # the date beside or under a letter's subject line
            text = " ".join(w.capitalize() for w in place.group("place").split()) + text[place.end():]
        elif in_head and i < head_end and i < recipients_at:
            number = _LOWER_NUMBER.match(text)
            place = _LOWER_PLACE.match(text)
            kind = _doc_type_opening(text)
            typed = number.group("sym") if number and not rx.search(r"\p{Ll}", number.group("sym")) else None
            if number and (symbol := typed or recase_symbol(number.group("sym"), own=True)):  # 'số: 47/VPĐP-NTM
                text = "Số" + number.group("lead").lstrip()[2:] + symbol + text[number.end():]
            elif place:
                text = " ".join(w.capitalize() for w in place.group("place").split()) + text[place.end():]
            elif number_at is not None and i < number_at:
                text = text.upper()  # the letterhead
            elif kind and (number_at is None or i > number_at):
                in_head = False
                out.append((block, kind.upper()))  # 'thông báo kết luận ...': the type, then its subject line
                text = text[len(kind):].strip()
                if not text:
                    continue
        elif i >= len(blocks) - 12 and _SIGNER_LINE.match(text):
            lower = rx.sub(r"\s+", " ", text).lower()
            if _DELEGATION.match(lower) or TITLE_OPENING.match(lower):
                text = text.upper()
            elif 2 <= len(text.split()) <= 5:
                text = " ".join(w.capitalize() for w in text.split())  # the signer's name
        out.append((block, text))
    return out


def _doc_type_opening(text: str) -> str | None:
    """The document type a line opens with ('thông báo', 'thông báo kết luận ...'), as written."""
    upper = rx.sub(r"\s+", " ", text.strip(" *#:")).upper()
    for kind in sorted(DOC_TYPES, key=len, reverse=True):
        if upper == kind or upper.startswith(kind + " "):
            return text.strip(" *#:")[:len(kind)]
    return None


def read_header(document) -> dict:
    blocks = _blocks(document)
    if typed_in_lower_case(document.text):
        blocks = _conventionally_cased(blocks)
    head = blocks[:HEAD_BLOCKS]
    fields: dict = {}
    number_index = None
    for i, (block, text) in enumerate(head):
        m = _NUMBER.search(text)
        if m:
            fields["number"] = str(int(m.group("n"))) if m.group("n") else None  # 'Số: 09/KH-BCĐ' is number 9
            fields["symbol"] = m.group("sym").rstrip(".")
            number_index = i
            break
    for i, (block, text) in enumerate(head):
        m = _PLACE_DATE.search(text)
        if m is None and i + 1 < len(head) and _DATE_LINE_CUT.search(text):
            m = _PLACE_DATE.search(f"{text} {head[i + 1][1]}")  # 'Cà Mau, ngày 27 tháng 12⏎năm 2024' in a cell
        if m:
            fields["place"] = m.group("place").strip()
            fields["issue_year"] = int(m.group("y"))
            fields["issue_month"] = int(m.group("m")) if m.group("m") else None
            fields["issue_day"] = int(m.group("d")) if m.group("d") else None
            break
    type_index = None
    for i, (block, text) in enumerate(head):
        upper = rx.sub(r"\s+", " ", text.strip(" *#:")).upper()
        if not text.strip(" *#:").isupper() or len(upper) > 40:
            continue
        kind = next((DOC_TYPES[t] for t in sorted(DOC_TYPES, key=len, reverse=True)
                     if upper == t or upper.startswith(t + " ")), None)  # "THÔNG BÁO KẾT LUẬN" is a THÔNG BÁO
        if kind:
            fields["doc_type"] = kind
            type_index = i
            break
    for i, (block, text) in enumerate(head):
        m = _VV.match(text)
        if m:
            fields.setdefault("doc_type", "CÔNG VĂN")
            fields["title"] = _title_after([(block, m.group("title").strip()), *head[i + 1:]], 0)  # and its broken lines
            break
    if "title" not in fields and type_index is not None and type_index + 1 < len(head):
        fields["title"] = _title_after(head, type_index + 1)
    if "doc_type" not in fields and fields.get("symbol"):
        code = fields["symbol"].split("-")[0]
        if code in SYMBOL_TYPES:
            fields["doc_type"] = SYMBOL_TYPES[code]
    header_lines = [t.strip(" _~") for _, t in head[:number_index]
                    if in_capitals(t, min_capitals=3) and not _MOTTO.search(t) and t.strip(" _~")] if number_index else []
    fields["issuer"] = _issuer(fields.get("symbol"), header_lines, fields.get("place"), document.text)
    fields.update(_signature(blocks[:_annex_start(blocks)]))
    fields["recipients"] = _recipients(blocks)
    fields.update(_inspection(document.text, fields.get("issue_year")))
    return fields


def _issuer(symbol: str | None, header_lines: list[str], place: str | None, text: str) -> str | None:
    code = None
    if symbol:
        parts = [p for p in rx.split(r"[-/]", symbol) if p]
        code = parts[1] if len(parts) > 1 and parts[0] in SYMBOL_TYPES else parts[0]
    if code in ISSUERS:
        name, needs_place = ISSUERS[code]
        for line in reversed(header_lines):
            if placement_key(line).startswith(placement_key(name)) and len(line) > len(name):
                rest = _casing_after_name(line[len(name):].strip())
                if needs_place == "parent" and not rx.search(r"(?i)\b(?:huyện|tỉnh|thị xã|thành phố|xã)\b", rest):
                    area = _area_words([l for l in header_lines if l is not line], None, text)
                    return f"{name} {rest} {area}" if area else f"{name} {rest}"
                return f"{name} {rest}"
        if not needs_place:
            return name
        if needs_place == "parent":  # 'Văn phòng Điều phối nông thôn mới' under 'UBND HUYỆN YÊN BÌNH'
            area = _area_words(header_lines, None, text)
            return f"{name} {area}" if area else name
        area = _area_words(header_lines, place, text)
        return f"{name} {area}" if area else name
    if header_lines:
        last = header_lines[-1]
        if len(header_lines) >= 2 and not _ORG_HEAD.match(last) and _ORG_HEAD.match(header_lines[-2]) and \
                not rx.match(r"(?i)(?:UBND|ỦY BAN|UỶ BAN)\b", header_lines[-2]):
            last = f"{header_lines[-2]} {last}"
        return org_case(last)
    body = _ISSUER_IN_BODY.search(text)
    if body:  # "Ủy ban nhân dân huyện Vũ Thư ban hành Kế hoạch ...", "Sở X trân trọng thông báo ..."
        return org_case(body.group("org").upper()) if body.group("org").isupper() else _written_org(body.group("org"))
    return None


_ISSUER_IN_BODY = regex.compile(
    r"(?:^|\n|\.\s+|,\s+)(?P<org>(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Sở|Phòng|Văn phòng|Ban Chỉ đạo|Ban Thường vụ|Huyện ủy|Huyện uỷ)"
    r"(?:\s+[\p{L}&,-]+){0,8}?)\s+(?:trân\s+trọng\s+)?(?:ban\s+hành|thông\s+báo|báo\s+cáo|yêu\s+cầu)\b")


def _written_org(name: str) -> str:
    return rx.sub(r"^(?:Ủy|Uỷ) ban nhân dân", "UBND", name.strip())


_ORG_HEAD = regex.compile(r"^(?P<head>ủy ban nhân dân|uỷ ban nhân dân|ubnd|(?:huyện|tỉnh|thành|đảng)\s+[uủ]ỷ?y?|văn phòng|chi cục|trung tâm|hội đồng|sở|phòng|ban|đoàn|tổ)"
                          r"(?:\s+|$)", regex.IGNORECASE)


def org_case(line: str) -> str:
    """'SỞ NÔNG NGHIỆP VÀ PTNT' -> 'Sở Nông nghiệp và PTNT'; 'ỦY BAN NHÂN DÂN HUYỆN ĐỊNH HÓA' -> 'UBND huyện Định Hóa':
    the head word and each coordinated field capitalised, places in title case, acronyms kept."""
    m = _ORG_HEAD.match(line.strip())
    if not m:
        return sentence_case(line)
    head = m.group("head").lower()
    rest = _casing_after_name(line.strip()[m.end():])
    if head in ("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd"):
        return f"UBND {rest}".strip()
    if head.split()[0] in ("huyện", "tỉnh", "thành", "đảng"):  # "HUYỆN ỦY BẠCH THÔNG": a party committee and its place
        return f"{head.capitalize()} {' '.join(w.capitalize() for w in rest.split())}".strip()
    if not rest.startswith(("huyện", "tỉnh", "xã")) and head not in ("đoàn", "tổ"):  # "Đoàn kiểm tra", "Tổ công tác"
        rest = rx.sub(r"(^|,\s*|\bvà\s+)(\p{Ll})", lambda x: x.group(1) + x.group(2).upper(), rest)
    return f"{head.capitalize()} {rest}".strip()


def _area_words(header_lines: list[str], place: str | None, text: str) -> str | None:
    """'huyện Hữu Lũng' for an UBND whose header or place line says where it sits."""
    for line in reversed(header_lines):
        m = rx.search(r"(HUYỆN|TỈNH|THỊ XÃ|THÀNH PHỐ|XÃ)\s+(.+)$", line)
        if m:
            return f"{m.group(1).lower()} {' '.join(w.capitalize() for w in m.group(2).lower().split())}"
    if not place:
        return None
    register = load_register()
    if register.province_unit(place) is not None and not register.district_units(place):
        return f"tỉnh {place}"
    districts = register.district_units(place)
    if districts:
        kind = districts[0].kind.lower()
        return f"{kind} {place}"
    return None


def _is_acronym(word: str) -> bool:
    """UBND, PTNT, HĐND, CTMTQG: capitals with no vowel after the first letter."""
    letters = [unicodedata.normalize("NFD", c)[0].upper() for c in word if c.isalpha()]
    return word.isupper() and 2 <= len(letters) <= 7 and not any(c in "AEIOUY" for c in letters[1:])


def _casing_after_name(rest: str) -> str:
    """'CÁC CTMTQG HUYỆN VỊ XUYÊN' -> 'các CTMTQG huyện Vị Xuyên': acronyms kept, place names capitalised."""
    words = rest.split()
    out, proper = [], False
    for word in words:
        if proper:
            out.append(word.capitalize())
        elif _is_acronym(word):
            out.append(word)
        else:
            out.append(word.lower())
        if word.lower() in ("huyện", "tỉnh", "xã", "phố", "thị"):
            proper = word.lower() != "thị"
    return _programme_words(" ".join(out))


# 'xã ĐẠT CHUẨN NTM NÂNG CAO': after 'xã' a phrase of the programme, not a place's name
_NOT_A_PLACE = regex.compile(r"(?i)(?<!\p{L})(?:xã|huyện|tỉnh)\s+(?P<phrase>(?:đạt|chuẩn|nông|ntm|nâng|kiểu)(?!\p{L}).*)$")


def _programme_words(text: str) -> str:
    m = _NOT_A_PLACE.search(text)
    if not m:
        return text
    words = [w.upper() if w.lower() in ("ntm", "ntmnc", "ntmkm") else w.lower() for w in m.group("phrase").split()]
    return text[:m.start("phrase")] + " ".join(words)


def sentence_case(text: str) -> str:
    words = text.split()
    out = []
    for i, word in enumerate(words):
        if _is_acronym(word):
            out.append(word)
        elif i == 0:
            out.append(word.capitalize())
        else:
            out.append(word.lower())
    return " ".join(out)


def title_case_signer(text: str) -> str:
    lower = rx.sub(r"\s+", " ", text.strip(" *.")).lower()
    for phrase, written in TITLES:
        if lower.startswith(phrase):
            rest = text.strip(" *.")[len(phrase):].strip()
            rest_words = [w if _is_acronym(w) else w.lower() for w in rest.split()]
            return " ".join([written] + rest_words)
    return sentence_case(text.strip(" *."))


_ANNEX = regex.compile(r"^(?:PHỤ\s+LỤC|DANH\s+SÁCH|BIỂU|BẢNG\s+TỔNG\s+HỢP)\b|^\(?\s*Kèm\s+theo\b")


def _annex_start(blocks) -> int:
    """Where an annex after the signature begins ('DANH SÁCH ... (Kèm theo Quyết định ...)', 'PHỤ LỤC'): the
    signature is read before it."""
    recipients = next((i for i, (_, t) in enumerate(blocks) if _recipients_line(t)), None)
    if recipients is None:
        return len(blocks)
    return next((i for i in range(recipients + 1, len(blocks)) if _ANNEX.match(blocks[i][1].strip())), len(blocks))


def _signature(blocks) -> dict:
    tail = blocks[-12:]
    for j in range(len(tail) - 1, -1, -1):
        text = tail[j][1].strip(" *")
        if PERSON_RE.match(text) and not text.isupper() and len(text.split()) <= 5:
            titles = [t.strip(" *") for _, t in tail[max(0, j - 8):j] if t.strip(" *").isupper() and len(t) < 80
                      and not _recipients_line(t) and rx.sub(r"\s+", " ", t.strip(" *")) not in DOC_TYPES]
            plain = [t for t in titles if not _DELEGATION.match(t) and "ỦY BAN" not in t and "UỶ BAN" not in t]
            if not plain:  # the title's column read after the name ('KT. TRƯỞNG BAN', name, 'PHÓ TRƯỞNG BAN')
                plain = [t.strip(" *") for _, t in tail[j + 1:j + 4] if t.strip(" *").isupper() and len(t) < 80
                         and not _DELEGATION.match(t) and TITLE_OPENING.match(t.strip(" *").lower())][:1]
            return {"signer_name": text, "signer_title": title_case_signer(plain[-1]) if plain else None}
    return {"signer_name": None, "signer_title": None}


def _recipients(blocks) -> list[str]:
    for i, (block, text) in enumerate(blocks):
        m = _recipients_line(text)
        if not m:
            continue
        items = [m.group("rest").strip()] if m.group("rest").strip() else []
        for _, line in blocks[i + 1:]:
            if not rx.match(r"^[-+•]\s*", line):
                if line.isupper() or (line.endswith(":") and len(line) < 40):
                    continue  # a sub-heading ("Gửi bản điện tử:") or the signature column beside the list
                break
            items.append(rx.sub(r"^[-+•]\s*", "", line).rstrip(" ;,."))
        return [x for x in items if x]
    return []


_INSPECTS = CaselessPattern(r"kiểm\s+tra|làm\s+việc|giám\s+sát|rà\s+soát|khảo\s+sát|thẩm\s+định|thẩm\s+tra")
_INSPECTS_OPENINGS = Openings.of_pattern(_INSPECTS.pattern)


def _inspection(text: str, year: int | None = None) -> dict:
    """When the inspection took place: a date range or a day opening a sentence whose verb is an inspection
    ('Ngày 28/11/2023, Sở ... đã kiểm tra'), not the day a document was issued."""
    lines = text.split("\n")
    line_starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    # a line holds an inspection verb only where one of the verbs' first words stands
    holding = {bisect_right(line_starts, at) - 1 for at in _INSPECTS_OPENINGS.positions(text)}
    for index, block in enumerate(lines):
        if index not in holding or not _INSPECTS.search(block):
            continue
        sentences = rx.split(r"(?<=\.)\s+(?=\p{Lu})", block)
        for i, sentence in enumerate(sentences):
            nearby = sentence + " " + (sentences[i + 1] if i + 1 < len(sentences) else "")
            m = _RANGE.search(sentence)
            if m and _INSPECTS.search(nearby):
                return _range_dates(m)
            m = _EVENT.search(sentence) or (_EVENT_NO_YEAR.search(sentence) if year else None)
            verb = _INSPECTS.search(sentence)
            if m and verb and not rx.search(r"(?i)ban\s+hành|phát\s+hành|\bký\b", sentence[:verb.start()]):
                written = m.groupdict().get("y")
                day = iso_day(int(m.group("d")), int(m.group("m")), int(written) if written else year)
                return {"inspection_start": day, "inspection_end": day}
    if _INSPECTS.search(text[:_TITLE_REACH]):  # 'Kế hoạch kiểm tra, giám sát ...': its 'Thời gian:' is the inspection's
        for block in lines:
            m = _RANGE.search(block) if _TIME_LABEL.match(block) else None
            if m:
                return _range_dates(m)
    return {"inspection_start": None, "inspection_end": None}


def _range_dates(m) -> dict:
    """'từ ngày 05/8 đến ngày 27/8/2024': the first day takes the month and year of the last when it omits them."""
    return {"inspection_start": iso_day(int(m.group("d1")), int(m.group("m1") or m.group("m")),
                                        int(m.group("y1") or m.group("y"))),
            "inspection_end": iso_day(int(m.group("d")), int(m.group("m")), int(m.group("y")))}


_TIME_LABEL = regex.compile(r"(?i)^\s*(?:(?:\d{1,2}|[IVX]{1,4}|[a-zđ])[.)]\s*)?thời\s+gian(?:\s+thực\s+hiện)?\s*:")
_TITLE_REACH = 800  # the letterhead, the document's type and its subject line
