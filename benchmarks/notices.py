"""Short district notices generated from the national register, naming communes with corrupted spellings: the
documents of part (a) of benchmarks/bench_noisy.py. The wording is our own.

Each notice is about one real district (Huyện) and names 5 to 8 of its communes (Xã), each once, each with one
corruption kind. Kinds are dealt so that every kind gets about the same number of names over the run: each slot
takes the kind used least so far that some unused commune of the district can carry. A corrupted spelling is
used only when a careful reader could still resolve it within the district (see `resolvable`), so every name
has one right answer.
"""
from __future__ import annotations

import random
import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ntm.normalize.register import Register, Unit
from ntm.normalize.vntext import bare_key, levenshtein, placement_key
from ntm.noise import NAME_CORRUPTIONS

# kind -> the ntm.noise name corruption it applies; line_break keeps the spelling and breaks the name's line
KINDS: dict[str, str] = {
    "control": "exact", "tone_drop": "tone_drop", "tone_change": "tone_change", "hook_tilde": "hook_tilde",
    "d_stroke": "d_stroke", "tone_placement": "tone_placement", "later_syllable_lower": "later_syllable_lower",
    "all_lower": "all_lower", "space_drop": "space_drop", "letter_doubled": "letter_doubled",
    "letter_dropped": "letter_dropped", "line_break": "exact",
}
MIN_COMMUNES = 8
WRAP_WIDTH = 70


@dataclass
class PlacedName:
    kind: str
    raw: str  # as written in the notice; a line_break name holds its "\n"
    code: str  # the GSO code a reader resolves it to
    canonical: str

    @property
    def expects_variant(self) -> bool:
        """A name_variant finding pairing this spelling with its canonical is a true finding: the spelling
        differs from the register's beyond case, tone placement and line breaks."""
        return placement_key(" ".join(self.raw.split())) != placement_key(self.canonical)


@dataclass
class Notice:
    file: str
    district: str
    province: str
    text: str
    names: list[PlacedName]


# ----------------------------------------------------------------------------------------- choosing names
def _letters(name: str) -> str:
    return bare_key(name).replace(" ", "")


def resolvable(raw: str, unit: Unit, district_communes: list[Unit]) -> bool:
    """True when `raw` can only be `unit` within its district: no other unit shares its name, and a spelling
    that differs from the name beyond case and tone placement is strictly closer, in letters (marks and
    spaces ignored), to `unit` than to every other unit of the district. So a dropped tone that spells another
    commune ('Hoằng Thanh' beside Hoằng Thành) or a dropped letter one letter from a neighbour is never used."""
    others = [o for o in district_communes if o.code != unit.code]
    if any(placement_key(o.name) == placement_key(unit.name) for o in others):
        return False
    if placement_key(raw) == placement_key(unit.name):
        return True
    own = levenshtein(_letters(raw), _letters(unit.name))
    return all(levenshtein(_letters(raw), _letters(o.name)) > own for o in others)


def spelling(unit: Unit, kind: str, district_communes: list[Unit], seed: int) -> str | None:
    """The spelling `kind` gives the unit's name, or None when the kind does not apply or would mislead."""
    if kind == "line_break" and " " not in unit.name:
        return None
    raw = NAME_CORRUPTIONS[KINDS[kind]](unit.name, random.Random(f"{seed}:{unit.code}:{kind}"))
    if raw is None or (KINDS[kind] != "exact" and raw == unit.name):
        return None
    return raw if resolvable(raw, unit, district_communes) else None


def deal_names(communes: list[Unit], district_communes: list[Unit], count: int, tally: Counter,
               rng: random.Random, seed: int) -> list[PlacedName]:
    """`count` distinct communes, each with the least-used kind it can carry (at most one line break a notice)."""
    options = {kind: {u.code: raw for u in communes if (raw := spelling(u, kind, district_communes, seed))}
               for kind in KINDS}
    by_code = {u.code: u for u in communes}
    placed: list[PlacedName] = []
    for _ in range(count):
        used = {p.code for p in placed}
        open_kinds = [k for k in KINDS if set(options[k]) - used
                      and not (k == "line_break" and any(p.kind == k for p in placed))]
        if not open_kinds:
            break
        kind = min(open_kinds, key=lambda k: (tally[k], list(KINDS).index(k)))
        code = rng.choice(sorted(set(options[kind]) - used))
        tally[kind] += 1
        placed.append(PlacedName(kind, options[kind][code], code, by_code[code].name))
    return placed


# ------------------------------------------------------------------------------------------------ wording
def _two(n: int) -> str:
    return f"{n:02d}"


def _and_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def _met_group(names: list[str], rng: random.Random, year: int) -> str:
    n = _two(len(names))
    return rng.choice([
        f"Có {n} xã đạt chuẩn nông thôn mới ({', '.join(names)}).",
        f"Đến hết năm {year - 1}, toàn huyện có {n} xã đã được công nhận đạt chuẩn nông thôn mới, gồm: "
        f"{_and_list(names)}.",
        f"Số xã đã đạt chuẩn nông thôn mới: {n} xã, gồm các xã {', '.join(names)}.",
    ])


def _full_group(names: list[str], rng: random.Random, year: int) -> str:
    with_xa = ["xã " + n for n in names]
    return rng.choice([
        f"Các xã: {_and_list(names)} đã đạt 19/19 tiêu chí.",
        f"Trong năm {year}, {_two(len(names))} xã là {_and_list(names)} đạt đủ 19/19 tiêu chí, đủ điều kiện "
        f"đề nghị tỉnh thẩm định.",
        f"Kết quả tự đánh giá cho thấy {_and_list(with_xa)} đã hoàn thành 19/19 tiêu chí theo Bộ tiêu chí quốc "
        f"gia giai đoạn 2021 - 2025.",
    ])


def _one_count(names: list[str], rng: random.Random, year: int) -> str:
    met = rng.randint(11, 18)
    return rng.choice([
        f"Xã {names[0]} đạt {met}/19 tiêu chí.",
        f"Xã {names[0]} hiện đạt {met}/19 tiêu chí, các tiêu chí còn lại đang được tập trung chỉ đạo thực hiện.",
        f"Riêng xã {names[0]} mới đạt {met}/19 tiêu chí do xuất phát điểm thấp.",
    ])


def _unmet(names: list[str], rng: random.Random, year: int) -> str:
    unmet = rng.choice([str(rng.randint(1, 4)), _two(rng.randint(1, 4))])
    if len(names) == 1:
        return f"Xã {names[0]} còn {unmet} tiêu chí chưa đạt, chủ yếu là các tiêu chí cần nguồn vốn đầu tư lớn."
    return f"Đến nay, {', '.join('xã ' + n for n in names)} còn {unmet} tiêu chí chưa đạt."


Statement = Callable[[list[str], random.Random, int], str]
STATEMENTS: list[tuple[Statement, int, int]] = [(_met_group, 2, 4), (_full_group, 2, 3), (_one_count, 1, 1),
                                                (_unmet, 1, 2)]


def _statements(names: list[str], rng: random.Random, year: int) -> list[str]:
    sentences = []
    rest = list(names)
    while rest:
        fitting = [s for s in STATEMENTS if s[1] <= len(rest)]
        write, low, high = rng.choice(fitting)
        size = rng.randint(low, min(high, len(rest)))
        sentences.append(write(rest[:size], rng, year))
        rest = rest[size:]
    return sentences


def _wrapped_paragraph(name: str, rng: random.Random, year: int) -> tuple[str, str]:
    """(paragraph hard-wrapped with a line break inside the name, the name as it is then written)."""
    day, month = rng.randint(1, 28), rng.randint(9, 12)
    paragraph = rng.choice([
        f"Đối với xã {name}, đề nghị Ủy ban nhân dân xã phối hợp với các phòng, ban chuyên môn của huyện rà "
        f"soát lại hồ sơ minh chứng của từng tiêu chí, bổ sung những nội dung còn thiếu và gửi về Văn phòng "
        f"Điều phối nông thôn mới huyện trước ngày {day}/{month}/{year} để tổng hợp.",
        f"Giao Phòng Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với Ủy ban nhân dân xã {name} và các "
        f"đơn vị liên quan hướng dẫn hoàn thiện hồ sơ, kịp thời báo cáo những khó khăn, vướng mắc phát sinh "
        f"trong quá trình thực hiện để Ban Chỉ đạo huyện xem xét, giải quyết.",
        f"Trong thời gian tới, xã {name} cần tiếp tục huy động các nguồn lực để hoàn thành những công trình hạ "
        f"tầng đang thi công dở dang, đồng thời quan tâm nâng cao thu nhập cho người dân và giữ vững các tiêu "
        f"chí đã đạt, tránh tình trạng đạt chuẩn nhưng thiếu bền vững.",
    ])
    start = paragraph.index("xã " + name) + len("xã ")
    wrapped = wrap_breaking_name(paragraph, start, len(name))
    return wrapped, wrapped[start:start + len(name)]  # a break replaces one space, so offsets hold


def wrap_breaking_name(paragraph: str, start: int, length: int) -> str:
    """The paragraph hard-wrapped at about WRAP_WIDTH columns so that a line break falls inside the name at
    paragraph[start:start + length]: the width nearest WRAP_WIDTH (62..80) that does so, else a break forced
    after the name's first syllable."""
    for width in sorted(range(62, 81), key=lambda w: (abs(w - WRAP_WIDTH), w)):
        wrapped = "\n".join(textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False))
        if "\n" in wrapped[start:start + length]:
            return wrapped
    cut = paragraph.index(" ", start)
    return "\n".join([*textwrap.wrap(paragraph[:cut], WRAP_WIDTH), *textwrap.wrap(paragraph[cut + 1:], WRAP_WIDTH)])


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lương", "Nông", "Hà"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thanh", "Hữu", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hải", "Hạnh", "Lâm", "Nam", "Phúc", "Sơn", "Thắng", "Tuấn", "Yến"]
TITLES = ["Kết quả rà soát mức độ đạt tiêu chí nông thôn mới năm {year}",
          "Kết quả kiểm tra tiến độ xây dựng nông thôn mới trên địa bàn huyện năm {year}",
          "Tình hình thực hiện các tiêu chí xã nông thôn mới năm {year}"]


def render_notice(district: Unit, province: Unit, names: list[PlacedName], number: int,
                  rng: random.Random) -> str:
    """The notice's text; a line_break name's `raw` is updated to the spelling as wrapped."""
    year = rng.randint(2022, 2024)
    broken = [p for p in names if p.kind == "line_break"]
    listed = [p.raw for p in names if p.kind != "line_break"]
    body = _statements(listed, rng, year)
    paragraphs = [" ".join(body[i:i + 2]) for i in range(0, len(body), 2)]
    tasks = []
    for p in broken:
        paragraph, p.raw = _wrapped_paragraph(p.raw, rng, year)
        tasks.append(paragraph)
    tasks.append("Các xã chưa đạt chuẩn tiếp tục rà soát, xây dựng kế hoạch cụ thể cho từng tiêu chí, ưu tiên "
                 "những tiêu chí có khả năng hoàn thành sớm.")
    signer = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    day, month = rng.randint(1, 28), rng.randint(9, 12)
    lines = [
        "ỦY BAN NHÂN DÂN", f"HUYỆN {district.name.upper()}", "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
        f"Số: {number}/TB-UBND", "", f"{district.name}, ngày {day} tháng {month} năm {year}", "",
        "THÔNG BÁO", rng.choice(TITLES).format(year=year), "",
        f"Căn cứ Kế hoạch số {rng.randint(10, 250)}/KH-UBND ngày {rng.randint(1, 28)}/{rng.randint(1, 3)}/{year} "
        f"của Ủy ban nhân dân huyện {district.name} về thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn "
        f"mới năm {year};", "",
        f"Trên cơ sở báo cáo của các xã và kết quả kiểm tra thực tế, Ủy ban nhân dân huyện {district.name}, "
        f"{province.kind.lower()} {province.name} thông báo kết quả như sau:", "",
        "I. KẾT QUẢ RÀ SOÁT", "", *[x for p in paragraphs for x in (p, "")],
        "II. NHIỆM VỤ TRONG THỜI GIAN TỚI", "", *[x for t in tasks for x in (t, "")],
        "Nơi nhận:", "- Ban Chỉ đạo tỉnh (để b/c);", "- Các xã trên địa bàn huyện;", "- Lưu: VT.", "",
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", signer, "",
    ]
    return "\n".join(lines)


def _nameable_communes(district_communes: list[Unit]) -> list[Unit]:
    """The district's Xã, less those whose register name carries a qualifier ('Long Phú (Xã)' beside the town
    Long Phú): no text writes it that way."""
    return sorted((u for u in district_communes if u.kind == "Xã" and "(" not in u.name), key=lambda u: u.code)


def generate_notices(register: Register, count: int, seed: int) -> list[Notice]:
    rng = random.Random(seed)
    districts = sorted((d for d in register.districts if d.kind == "Huyện"
                        and len(_nameable_communes(register.communes_of[d.code])) >= MIN_COMMUNES),
                       key=lambda d: d.code)
    chosen = rng.sample(districts, min(count, len(districts)))
    tally: Counter = Counter()
    notices = []
    for i, district in enumerate(chosen):
        pool = register.communes_of[district.code]
        names = deal_names(_nameable_communes(pool), pool, rng.randint(5, 8), tally, rng, seed)
        rng.shuffle(names)
        province = register.provinces[district.province]
        text = render_notice(district, province, names, rng.randint(5, 180), rng)
        slug = bare_key(district.name).replace(" ", "")
        notices.append(Notice(f"tb_{i:03d}_{slug}.txt", district.name, district.province, text, names))
    return notices
