"""The command line as a user meets it: a missing folder or a value out of range is one line and exit 2 in every
command; --version; -v / -q; tables readable by the group and others; a README or a licence in an input folder is
listed as skipped, not read as a report; empty and textless documents are counted in the summary."""
from __future__ import annotations

import importlib.metadata
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ntm import cli, parsers
from ntm.extract.relevance import not_a_report

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT_ROOT / "data" / "raw"
REPORT = SAMPLE / "s02_bacquang_congvan_2024.txt"
MISSING = "/nonexistent/ntm-polish"


def run(capfd, paths, out: Path, *extra: str, before: tuple[str, ...] = ()) -> tuple[int, str, str]:
    code = cli.main([*before, "run", *map(str, paths), "--out", str(out), "--workers", "1",
                     "--aliases", str(out.parent / "none.csv"), *extra])
    captured = capfd.readouterr()
    return code, captured.out, captured.err


def _folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORT, folder / REPORT.name)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


# --- usage errors: one line on stderr, exit 2 ------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["run", MISSING],
    ["eval", MISSING],
    ["eval", "{gold}", "--data", MISSING],
    ["eval", "{empty}"],  # a folder without a single gold file
    ["variants", "--data", MISSING],
    ["variants", "--data", "{empty}"],
    ["review", "--data", MISSING, "--out", "{tmp}/review.html"],
    ["query", "SELECT 1", "--data", MISSING],
    ["search", "long dong", "--data", MISSING],
])
def test_a_missing_folder_is_a_usage_error_in_every_command(tmp_path, capfd, argv):
    (tmp_path / "empty").mkdir()
    argv = [a.format(gold=PROJECT_ROOT / "tests" / "gold", empty=tmp_path / "empty", tmp=tmp_path) for a in argv]
    assert cli.main(argv) == 2
    captured = capfd.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and captured.err.startswith(f"ntm {argv[0]}: ")


@pytest.mark.parametrize("argv, says", [
    (["run", "--workers", "0"], "must be more than 0"),
    (["run", "--workers", "-3"], "must be more than 0"),
    (["run", "--workers", "2.5"], "not a number of processes"),
    (["run", "--max-bytes", "0"], "must be more than 0"),
    (["run", "--max-bytes", "-1"], "must be more than 0"),
    (["run", "--file-timeout", "0"], "must be more than 0"),
    (["run", "--file-timeout", "nan"], "must be more than 0"),
    (["run", "--file-timeout", "inf"], "must be more than 0"),
    (["search", "long dong", "--limit", "0"], "must be more than 0"),
    (["query", "SELECT 1", "--format", "xml"], "invalid choice"),
    (["run", "--ocr", "sometimes"], "invalid choice"),
])
def test_a_value_out_of_range_is_a_one_line_usage_error(tmp_path, capfd, argv, says):
    with pytest.raises(SystemExit) as raised:
        cli.main(argv)
    assert raised.value.code == 2
    err = capfd.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(f"ntm {argv[0]}: ") and says in err


def test_version_is_the_installed_one(capfd):
    with pytest.raises(SystemExit) as raised:
        cli.main(["--version"])
    assert raised.value.code == 0
    assert capfd.readouterr().out == f"ntm {importlib.metadata.version('ntm-extract')}\n"


# --- verbosity ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("before, after", [(("-q",), ()), ((), ("-q",)), ((), ("--quiet",))])
def test_quiet_prints_only_the_one_line_summary(tmp_path, capfd, before, after):
    folder = _folder(tmp_path, {"README.md": b"# Notes\n\nThese files were copied from the office share.\n"})
    code, out, err = run(capfd, [folder], tmp_path / "out", *after, before=before)
    assert code == 0 and err == ""
    assert out.splitlines() == [f"Read 1 of 1 documents (0 failed, 1 skipped) -> {tmp_path / 'out'}/"]


def test_quiet_still_says_what_failed(tmp_path, capfd):
    folder = _folder(tmp_path, {"broken.docx": b"PK\x03\x04 not really a zip"})
    code, out, err = run(capfd, [folder], tmp_path / "out", "-q")
    assert code == 1
    assert len(out.splitlines()) == 1 and "1 failed" in out
    assert "broken.docx" in err


@pytest.mark.parametrize("before, after", [(("-v",), ()), ((), ("--verbose",))])
def test_verbose_gives_a_line_for_every_file(tmp_path, capfd, before, after):
    folder = _folder(tmp_path, {"LICENSE.txt": b"MIT License\n\nPermission is hereby granted, free of charge.\n",
                                "scan.png.tmp": b""})
    code, out, err = run(capfd, [folder], tmp_path / "out", *after, before=before)
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 3
    by_file = {Path(line.split(": ")[1]).name: line for line in lines}
    assert set(by_file) == {REPORT.name, "LICENSE.txt", "scan.png.tmp"}
    assert by_file[REPORT.name].endswith(": ok, 1 page")
    assert "not a report" in by_file["LICENSE.txt"] and "not a report format" in by_file["scan.png.tmp"]
    code, _, err = run(capfd, [folder], tmp_path / "out", *after, before=before)  # again: from the cache
    assert "unchanged since the last run" in [line for line in err.splitlines() if REPORT.name in line][0]


# --- permissions -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("umask, readable", [(0o022, 0o444), (0o002, 0o444), (0o027, 0o440), (0o077, 0o400)])
def test_tables_are_readable_as_the_umask_allows(tmp_path, capfd, umask, readable):
    previous = os.umask(umask)
    try:
        code, _, _ = run(capfd, [REPORT], tmp_path / "out")
    finally:
        os.umask(previous)
    assert code == 0
    written = [p for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")]
    assert {p.suffix for p in written} >= {".parquet", ".json"}
    assert {p.name: oct(p.stat().st_mode & 0o444) for p in written} == {p.name: oct(readable) for p in written}
    assert not any(p.stat().st_mode & 0o111 for p in written)


# --- files that are no report --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "# ntm archive\n\nThese folders hold the reports scanned in 2024. Ask the office before moving them.\n",
    "MIT License\n\nCopyright (c) 2024\n\nPermission is hereby granted, free of charge, to any person.\n",
    "Ghi chú: gửi lại bản scan rõ hơn cho chị Lan trước thứ Sáu.\n",
    "báo cáo cho anh Tuấn xem trước\n",  # a heading word in running prose is no header
    "so: 12 (typed without marks, not a symbol line)\n",
])
def test_a_text_without_header_or_programme_words_is_no_report(text):
    assert not_a_report(text) is not None


@pytest.mark.parametrize("text", [
    "Số: 45/BC-UBND\n",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
    "BÁO CÁO\nKết quả thực hiện năm 2023\n",
    "KẾ HOẠCH\n",
    "Xã Long Đống đạt chuẩn Nông Thôn Mới năm 2023.\n",
    "Xã đã đạt 15/19 tiêu chí.\n",
    "UBND huyện chỉ đạo các xã.\n",
    "Kết quả xây dựng NTM năm 2023\n",
    "CONG HOA XA HOI CHU NGHIA VIET NAM\nBAO CAO ket qua nam 2023\n",  # typed without Vietnamese marks
    "xa Long Dong dat 15/19 tieu chi nong thon moi\n",
])
def test_a_header_or_a_programme_word_is_enough(text):
    assert not_a_report(text) is None


@pytest.mark.parametrize("corpus", ["data/raw", *(f"tests/corpus{n}/raw" for n in range(2, 17)), "../shared/seeds"])
def test_no_document_of_our_corpora_is_skipped(corpus):
    folder = PROJECT_ROOT / corpus
    if not folder.is_dir():
        pytest.skip(f"{corpus} not found")
    files = sorted(p for p in folder.iterdir() if parsers.supported(p, "off"))
    assert files
    skipped = [p.name for p in files if not_a_report(parsers.parse_file(p).text)]
    assert skipped == []


def test_a_readme_in_an_input_folder_is_listed_as_skipped(tmp_path, capfd):
    folder = _folder(tmp_path, {"README.md": b"# Reports\n\nCopied from the district office in May.\n"})
    code, out, _ = run(capfd, [folder], tmp_path / "out")
    assert code == 0 and "(0 failed, 1 skipped)" in out
    rows = {Path(r["source_file"]).name: r for r in pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()}
    assert rows["README.md"]["status"] == "skipped" and "not a report" in rows["README.md"]["message"]
    assert rows[REPORT.name]["status"] == "ok"
    blocks = pq.read_table(tmp_path / "out" / "blocks.parquet").to_pylist()
    assert {b["doc_id"] for b in blocks} == {rows[REPORT.name]["doc_id"]}


# --- documents without text, counted on screen ----------------------------------------------------------------------

def _blank_docx() -> bytes:
    import io

    import docx
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def _blank_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(100, 100, 200, 200, fill=1)  # a page with an image of sorts and no text layer: a scan, OCR off
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, says", [
    ("empty.txt", lambda: b"", "1 empty file"),
    ("blank.txt", lambda: b"  \n\n \t\n", "1 empty file"),
    ("blank.docx", _blank_docx, "1 document with no readable text"),
    ("scan.pdf", _blank_pdf, "1 document with no readable text"),
])
def test_documents_without_text_are_counted_in_the_summary(tmp_path, capfd, name, content, says):
    folder = _folder(tmp_path, {name: content()})
    code, out, _ = run(capfd, [folder], tmp_path / "out", "--ocr", "off")
    assert out.splitlines()[1].strip() == says
