"""`ntm search`: a reviewer types a commune or a criterion with or without Vietnamese marks and gets the passages
that say it, ranked, with the document, the page and the words found; the index is built by `ntm run` and
follows its tables."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ntm import cli
from ntm.search import Passage, render

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TWO_PAGE_PDF = PROJECT_ROOT / "data" / "raw" / "s09_lucyen_baocao_2023.pdf"

# Short notices written for these tests: two communes whose names differ only in a tone mark, one typed
# without đ, and one that has the words of a phrase apart.
NOTICES = {
    "long_dong_bac_son.txt": "UBND HUYỆN BẮC SƠN\n\nTHÔNG BÁO\n\nXã Long Đống đã đạt 15/19 tiêu chí nông thôn mới; "
                             "tiêu chí giao thông nông thôn chưa đạt.\n",
    "long_dong_hung_ha.txt": "UBND HUYỆN HƯNG HÀ\n\nBÁO CÁO\n\nXã Long Đông đạt 17/19 tiêu chí; đường giao thông "
                             "đã được cứng hóa.\n",
    "dao_duc_vi_xuyen.txt": "UBND HUYỆN VỊ XUYÊN\n\nTHÔNG BÁO\n\nXa Dao Duc dat 12/19 tieu chi; chua dat tieu chi "
                            "so 10 ve Thu nhap.\n",
    "quang_son.txt": "UBND HUYỆN ĐÔ LƯƠNG\n\nBÁO CÁO\n\nXã Quảng Sơn làm đường nông thôn, giao thông nội đồng "
                     "và kênh mương; vốn lồng ghép 2,5 tỷ đồng.\n",
    "na_hang_long_paragraph.txt": "UBND HUYỆN NA HANG\n\nBÁO CÁO\n\n" + "; ".join(
        f"xã số {n} đã hoàn thành kế hoạch năm về kiên cố hóa kênh mương nội đồng" for n in range(1, 9))
        + "; riêng xã Năng Khả còn thiếu tiêu chí số 17 về môi trường" + "".join(
        f"; thôn số {n} đã làm xong nhà văn hóa" for n in range(1, 6)) + ".\n",
}


def write_notices(folder: Path, names=NOTICES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(NOTICES[name], "utf-8")
    return folder


def run(inputs: Path, out: Path) -> int:
    return cli.main(["run", str(inputs), "--out", str(out), "--aliases", str(out.parent / "none.csv"),
                     "--workers", "1"])


def search(capsys, data: Path, *args: str) -> tuple[int, list[tuple[str, int | None, str]], str]:
    """Exit code, the passages printed (document, page, passage with **highlights**) and what went to stderr."""
    capsys.readouterr()
    code = cli.main(["search", *args, "--data", str(data)])
    printed = capsys.readouterr()
    lines = printed.out.splitlines()
    found = []
    for head, passage in zip(lines[::2], lines[1::2]):
        match = re.fullmatch(r"\d+\. (.+?)(?:, page (\d+))?", head)
        assert match, head
        found.append((match[1], int(match[2]) if match[2] else None, passage.strip()))
    return code, found, printed.err


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search")
    inputs = write_notices(root / "in")
    shutil.copy(TWO_PAGE_PDF, inputs / TWO_PAGE_PDF.name)
    out = root / "out"
    assert run(inputs, out) == 0
    return out


@pytest.mark.parametrize("query, document, words", [
    ("long dong", "long_dong_bac_son.txt", "Long Đống"),           # typed without marks, found with them
    ("long dong", "long_dong_hung_ha.txt", "Long Đông"),
    ("dao duc", "dao_duc_vi_xuyen.txt", "Dao Duc"),                 # đ typed as d, marks left out
    ("Đạo Đức", "dao_duc_vi_xuyen.txt", "Dao Duc"),                 # typed with đ and marks, written without
    ("quang son", "quang_son.txt", "Quảng Sơn"),
    ("tan linh nang cao", TWO_PAGE_PDF.name, "Tân Lĩnh"),
])
def test_a_query_finds_the_passage_whatever_its_marks(indexed, capsys, query, document, words):
    code, found, err = search(capsys, indexed, query)
    assert code == 0
    assert any(source.endswith(document) and f"**{words}" in passage for source, _, passage in found), found


@pytest.mark.parametrize("query, first", [
    ("Long Đống", "long_dong_bac_son.txt"),     # the exact marks rank first...
    ("Long Đông", "long_dong_hung_ha.txt"),     # ...whichever spelling was typed
    ("LONG ĐỐNG", "long_dong_bac_son.txt"),     # case does not matter
    ("long đống", "long_dong_bac_son.txt"),
    ("Long Đống giao thông", "long_dong_bac_son.txt"),
    ("Long Đông giao thông", "long_dong_hung_ha.txt"),
])
def test_the_passage_with_the_query_s_own_marks_comes_first(indexed, capsys, query, first):
    code, found, err = search(capsys, indexed, query)
    assert code == 0 and len(found) >= 2
    assert found[0][0].endswith(first), found


@pytest.mark.parametrize("query, holds, lacks", [
    ('"giao thong nong thon"', "long_dong_bac_son.txt", "quang_son.txt"),   # the words together, in order
    ('"duong nong thon"', "quang_son.txt", "long_dong_bac_son.txt"),
    ("giao thong nong thon", "long_dong_bac_son.txt", None),                 # unquoted: every word, anywhere
])
def test_a_quoted_phrase_needs_its_words_together(indexed, capsys, query, holds, lacks):
    code, found, err = search(capsys, indexed, query)
    sources = [source for source, _, _ in found]
    assert any(s.endswith(holds) for s in sources), found
    if lacks:
        assert not any(s.endswith(lacks) for s in sources), found
    else:
        assert any(s.endswith("quang_son.txt") for s in sources), found


@pytest.mark.parametrize("query, page", [
    ("tan linh nang cao", 2),
    ('"giao duc va dao tao"', 2),
])
def test_each_passage_names_its_document_and_page(indexed, capsys, query, page):
    code, found, err = search(capsys, indexed, query)
    source, shown_page, _ = found[0]
    assert Path(source).name == TWO_PAGE_PDF.name and shown_page == page


@pytest.mark.parametrize("limit", ["1", "2", "3"])
def test_limit_caps_the_passages_shown(indexed, capsys, limit):
    code, found, err = search(capsys, indexed, "tieu chi", "--limit", limit)
    assert code == 0 and len(found) == int(limit)


@pytest.mark.parametrize("query", ['"muong te"', '"Mường Tè"', '"dong long"'])
def test_nothing_found_says_so_and_exits_1(indexed, capsys, query):
    code = cli.main(["search", query, "--data", str(indexed)])
    assert code == 1 and "nothing matches" in capsys.readouterr().err


@pytest.mark.parametrize("query, first", [
    ("Long Đống Mường Tè", "long_dong_bac_son.txt"),
    ("quang son muong te", "quang_son.txt"),
])
def test_when_no_passage_holds_every_word_the_closest_come_with_a_note(indexed, capsys, query, first):
    code, found, err = search(capsys, indexed, query)
    assert code == 0 and found[0][0].endswith(first)
    assert "no passage holds every word" in err


@pytest.mark.parametrize("query, words", [("long dong", "Long Đống"), ("giao thong", "giao thông")])
def test_the_index_follows_the_run_s_inputs(tmp_path, capsys, query, words):
    """A document removed from the inputs is no longer found after the next run; the others still are."""
    inputs = write_notices(tmp_path / "in", ["long_dong_bac_son.txt", "quang_son.txt"])
    out = tmp_path / "out"
    assert run(inputs, out) == 0
    _, found, _ = search(capsys, out, query)
    assert any(source.endswith("long_dong_bac_son.txt") for source, _, _ in found)
    (inputs / "long_dong_bac_son.txt").unlink()
    assert run(inputs, out) == 0
    code, found, err = search(capsys, out, query)
    assert not any(source.endswith("long_dong_bac_son.txt") for source, _, _ in found), found
    (inputs / "long_dong_bac_son.txt").write_text(NOTICES["long_dong_bac_son.txt"].replace("Long Đống", "Vũ Lễ"))
    assert run(inputs, out) == 0
    _, found, _ = search(capsys, out, "vu le")
    assert found and found[0][0].endswith("long_dong_bac_son.txt")


@pytest.mark.parametrize("query, words", [("nang kha", "Năng Khả"), ('"tieu chi so 17"', "tiêu chí số 17")])
def test_a_long_paragraph_is_shown_as_a_window_around_its_match(indexed, capsys, query, words):
    _, found, _ = search(capsys, indexed, query)
    source, _, passage = found[0]
    assert source.endswith("na_hang_long_paragraph.txt")
    assert passage.startswith("…") and passage.endswith("…") and f"**{words}**" in passage
    assert len(passage) < 300


@pytest.mark.parametrize("marks, shown", [
    (("**", "**"), "Xã **Long Đống** đã đạt"),
    (("\x1b[1m", "\x1b[0m"), "Xã \x1b[1mLong Đống\x1b[0m đã đạt"),
])
def test_the_match_is_highlighted_bold_or_with_stars(marks, shown):
    text = "Xã Long Đống đã đạt 15/19 tiêu chí"
    passage = Passage("a.txt", 1, text, [(3, 12)], True, -1.0)
    assert render(passage, marks).startswith(shown)


@pytest.mark.parametrize("args", [["--data", "/nonexistent/run"], ["--data", "."]])
def test_search_without_a_run_s_tables_is_a_usage_error(tmp_path, capsys, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["search", "long dong", *args]) == 2
    assert capsys.readouterr().err.startswith("ntm search: ")


def table_set(folder: Path, blocks: dict[str, list[str]]) -> Path:
    """A version folder holding only what the index reads: documents (doc_id, source_file) and blocks."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    folder.mkdir(parents=True)
    pq.write_table(pa.table({"doc_id": list(blocks), "source_file": [f"{d}.txt" for d in blocks]}),
                   folder / "documents.parquet")
    rows = [(doc_id, 1, text) for doc_id, texts in blocks.items() for text in texts]
    pq.write_table(pa.table({"doc_id": [r[0] for r in rows], "page": [r[1] for r in rows],
                             "text": [r[2] for r in rows]}), folder / "blocks.parquet")
    return folder


@pytest.mark.parametrize("second_run, query, expected", [
    # the same document read again with other settings (same doc_id, other text): its new text is indexed
    ({"bac_son": ["Xã Vũ Lễ đạt 16/19 tiêu chí."], "do_luong": ["Xã Quảng Sơn đạt 12/19 tiêu chí."]},
     "vu le", ["bac_son.txt"]),
    ({"bac_son": ["Xã Vũ Lễ đạt 16/19 tiêu chí."], "do_luong": ["Xã Quảng Sơn đạt 12/19 tiêu chí."]},
     "long dong", []),
    ({"do_luong": ["Xã Quảng Sơn đạt 12/19 tiêu chí."]}, "long dong", []),                  # a document gone
    ({"do_luong": ["Xã Quảng Sơn đạt 12/19 tiêu chí."], "vi_xuyen": ["Xã Đạo Đức đạt 19/19."]},
     "dao duc", ["vi_xuyen.txt"]),                                                           # a document added
    ({"bac_son": ["Xã Long Đống đạt 15/19 tiêu chí."], "do_luong": ["Xã Quảng Sơn đạt 12/19 tiêu chí."]},
     "tieu chi", ["bac_son.txt", "do_luong.txt"]),                                           # nothing changed
])
def test_an_index_built_from_the_last_one_holds_exactly_the_new_tables(tmp_path, second_run, query, expected):
    from ntm.search import build_index, search
    first = table_set(tmp_path / "first", {"bac_son": ["Xã Long Đống đạt 15/19 tiêu chí."],
                                           "do_luong": ["Xã Quảng Sơn đạt 12/19 tiêu chí."]})
    build_index(first)
    index = build_index(table_set(tmp_path / "second", second_run), previous=first)
    assert sorted(p.source_file for p in search(index, query)) == expected
