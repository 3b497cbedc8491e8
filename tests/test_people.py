"""People named in a report: the grammar's cues, and underthesea's NER only where an office is named."""
import pytest

from ntm import parsers
from ntm.extract.people import people


def _names(text: str) -> list[str]:
    document = parsers.parse_bytes(text.encode("utf-8"), "note.txt")
    return [name for name, _, _ in people(document, None)]


@pytest.mark.parametrize("sentence, person", [
    ("Đoàn kiểm tra do ông Nguyễn Văn Thắng, Phó Giám đốc Sở làm trưởng đoàn.", "Nguyễn Văn Thắng"),
    ("Đồng chí Hoàng Thị Hạnh, Chủ tịch UBND xã chủ trì buổi làm việc.", "Hoàng Thị Hạnh"),
    ("đ/c Lý Văn Páo - Bí thư Đảng ủy xã báo cáo kết quả.", "Lý Văn Páo"),
])
def test_an_official_named_after_a_cue_is_a_person(sentence, person):
    assert person in _names(sentence)


@pytest.mark.parametrize("sentence, not_a_person", [
    ("Thành phần: Phó Trưởng Ban Chỉ đạo huyện và đại diện các phòng chuyên môn.", "Phó Trưởng Ban"),
    ("Trưởng ban Chỉ đạo làm việc với xã Ba Cụm Bắc về tiêu chí giao thông.", "Ba Cụm Bắc"),
    ("Giám đốc Sở kiểm tra thực tế tại xã Long Đống, huyện Bắc Sơn.", "Long Đống"),
])
def test_an_office_title_or_a_commune_beside_an_office_is_no_person(sentence, not_a_person):
    assert not_a_person not in _names(sentence)


@pytest.mark.parametrize("sentence, person", [
    ("Chủ tịch UBND xã là Nguyễn Thị Lan.", "Nguyễn Thị Lan"),
    ("Trưởng đoàn: Đỗ Văn Bình, Phó Giám đốc Sở.", "Đỗ Văn Bình"),
])
def test_an_official_named_without_a_cue_is_read_by_ner(sentence, person):
    assert person in _names(sentence)


@pytest.mark.parametrize("sentence", [
    "Chủ tịch UBND huyện làm việc với ông Nguyễn Văn Hùng tại xã Long Đống.",
    "Trưởng đoàn kiểm tra làm việc tại huyện Bắc Sơn, tỉnh Lạng Sơn.",
    "Giám đốc Sở chỉ đạo hoàn thành tiêu chí giao thông trước ngày 30/12/2023.",
])
def test_no_ner_where_every_name_is_a_cued_person_or_a_place(monkeypatch, sentence):
    import ntm.extract.people as module
    calls = []
    monkeypatch.setattr(module, "_ner_people", lambda text, offset: calls.append(text) or [])
    _names(sentence)
    assert calls == []


@pytest.mark.parametrize("sentence, cut_inside, ner_runs", [
    ("Ông Lê Văn Hùng, Phó Chủ tịch UBND huyện làm trưởng đoàn kiểm tra tại xã Phú Cường.", "Phú Cường", False),
    ("Giám đốc Sở chủ trì, làm việc với lãnh đạo xã Long Đống về tiêu chí giao thông.", "Long Đống", False),
    ("Phó Chủ tịch UBND huyện làm việc, cùng đi có Trần Văn Bảy.", "Trần Văn Bảy", True),
])
def test_a_name_the_window_end_cuts_is_judged_whole(monkeypatch, sentence, cut_inside, ner_runs):
    """The NER window after an office word ends a fixed width on: a commune's name it cuts ('xã Phú C|ường') is
    still the commune, and no reason to run the tagger; a person's name it cuts still is."""
    import ntm.extract.people as module
    last_office = list(module._OFFICE.finditer(sentence))[-1]
    monkeypatch.setattr(module, "WINDOW", sentence.index(cut_inside) + len(cut_inside) - 2 - last_office.end())
    calls = []
    monkeypatch.setattr(module, "_ner_people", lambda text, offset: calls.append(text) or [])
    _names(sentence)
    assert bool(calls) == ner_runs
    assert not ner_runs or not calls[-1].endswith(cut_inside)  # the window did cut the name
