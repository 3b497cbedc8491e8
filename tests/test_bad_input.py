"""Bad input: each broken file gets one clear line in the errors table and on stderr, never a
traceback, and the other files are still read. Also exit statuses and atomic table writes."""
from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ntm import parsers
import ntm.parsers.doc
import ntm.parsers.docx
from ntm import cli
from ntm.records import TABLES
from ntm.parsers.errors import MissingToolError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RAW = PROJECT_ROOT / "data" / "raw"
GOOD_PDF = RAW / "s09_lucyen_baocao_2023.pdf"
GOOD_TXT = RAW / "s02_bacquang_congvan_2024.txt"

# A short report (under 1,000 bytes, so it also passes `--max-bytes 1000`).
SMALL_REPORT = (
    "UBND HUYỆN BẮC SƠN\n\nTHÔNG BÁO\n\n"
    "Kết quả kiểm tra xây dựng nông thôn mới năm 2023\n\n"
    "Xã Long Đống đã đạt 15/19 tiêu chí nông thôn mới; xã Vũ Lễ đạt 12/19 tiêu chí.\n"
).encode("utf-8")
assert len(SMALL_REPORT) < 1000


# --- builders of bad files -------------------------------------------------------------------

def encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=StandardEncryption("secret", canPrint=0))
    c.drawString(72, 720, "Bao cao ket qua xay dung nong thon moi")
    c.showPage()
    c.save()
    return buffer.getvalue()


def zip_of_zeros(size: int) -> bytes:
    """A .docx-named zip whose word/document.xml expands to `size` zero bytes (streamed, 1 MB chunks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def unidentifiable_text() -> bytes:
    """Valid cp1252 (and cp1258) bytes that read as Vietnamese in no encoding."""
    rng = random.Random(7)
    high, low = b"\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf\xa4\xa7\xb5\xbe", b"qwzxjkvbfp "
    return bytes(rng.choice(high) if rng.random() < 0.5 else rng.choice(low) for _ in range(800))


def binary_junk() -> bytes:
    return random.Random(1).randbytes(4096)


def oversized_report(size: int) -> bytes:
    line = "Xã Long Đống đã đạt 15/19 tiêu chí nông thôn mới năm 2023.\n".encode("utf-8")
    return line * (size // len(line) + 1)


# name -> (file name, bytes, extra CLI args, error class, words the message must hold)
CASES = {
    "empty": ("empty.txt", lambda: b"", [], "EmptyFileError", "empty file"),
    "whitespace_only": ("blank.md", lambda: b" \r\n\t\n", [], "EmptyFileError", "empty file"),
    "truncated_pdf": ("truncated.pdf", lambda: GOOD_PDF.read_bytes()[:300], [], "CorruptFileError", "corrupt or truncated PDF"),
    "encrypted_pdf": ("locked.pdf", encrypted_pdf, [], "EncryptedFileError", "password"),
    "docx_not_zip": ("notzip.docx", lambda: b"PK? no, this is plain text pretending to be Word.\n" * 20, [],
                     "CorruptFileError", "not a zip archive"),
    "docx_zip_bomb": ("bomb.docx", lambda: zip_of_zeros(2 * 1024 * 1024), [], "ZipBombError", "zip bomb"),
    "binary_txt": ("junk.txt", binary_junk, [], "BinaryContentError", "binary content"),
    "unknown_encoding": ("mystery.txt", unidentifiable_text, [], "UnknownEncodingError", "encoding could not be identified"),
    "too_large": ("huge.txt", lambda: oversized_report(5000), ["--max-bytes", "1000"], "TooLargeError", "--max-bytes"),
}


def read_tables(out: Path) -> dict[str, list[dict]]:
    return {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in TABLES}


def run_in_process(paths: list[Path], out: Path, capfd, *extra: str) -> tuple[int, str]:
    code = cli.main(["run", *map(str, paths), "--out", str(out), "--workers", "1",
                     "--aliases", str(PROJECT_ROOT / "data" / "aliases.csv"), *extra])
    return code, capfd.readouterr().err


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_gets_one_clear_error_line(case, tmp_path, capfd, monkeypatch):
    name, build, extra, error_class, words = CASES[case]
    if case == "docx_zip_bomb":  # 2 MB of zeros is a bomb once the limit is 1 MB
        monkeypatch.setattr(parsers.docx, "MAX_UNCOMPRESSED", 1024 * 1024)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SMALL_REPORT)
    bad = folder / name
    bad.write_bytes(build())
    code, err = run_in_process([folder], tmp_path / "out", capfd, *extra)
    assert code == 1
    assert "Traceback" not in err
    tables = read_tables(tmp_path / "out")

    errors = [e for e in tables["errors"] if e["path"] == str(bad)]
    assert len(errors) == 1, tables["errors"]
    assert errors[0]["stage"] == "parse"
    assert errors[0]["error_class"] == error_class
    message = errors[0]["message"]
    assert words in message and "\n" not in message and message.strip() == message
    assert len(tables["errors"]) == 1, "only the bad file should fail"

    lines = [line for line in err.splitlines() if str(bad) in line]
    assert lines == [f"ntm: {bad}: parse: {message}"]

    documents = {d["source_file"]: d for d in tables["documents"]}
    assert documents[str(bad)]["status"] == "error"
    assert documents[str(bad)]["message"] == message
    good = documents[str(folder / "good.txt")]
    assert good["status"] == "ok"
    assert any(b["doc_id"] == good["doc_id"] for b in tables["blocks"])


def test_doc_without_libreoffice_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(parsers.doc, "soffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)  # an OLE2 header
    with pytest.raises(MissingToolError) as raised:
        parsers.parse_file(path)
    message = str(raised.value)
    assert "LibreOffice" in message and "\n" not in message


def test_unsupported_files_are_listed_as_skipped(tmp_path, capfd):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SMALL_REPORT)
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04" + os.urandom(200))
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04" + os.urandom(200))
    code, err = run_in_process([folder], tmp_path / "out", capfd)
    assert code == 0
    assert "Traceback" not in err
    tables = read_tables(tmp_path / "out")
    assert tables["errors"] == []
    documents = {Path(d["source_file"]).name: d for d in tables["documents"]}
    assert documents["good.txt"]["status"] == "ok"
    for name, suffix in (("budget.xlsx", ".xlsx"), ("slides.pptx", ".pptx")):
        assert documents[name]["status"] == "skipped"
        assert "skipped" in documents[name]["message"] and suffix in documents[name]["message"]


# --- one run over a folder of good and bad files, through the real command ---------------------

def test_mixed_folder_via_cli(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = [folder / GOOD_TXT.name, folder / GOOD_PDF.name]
    shutil.copy(GOOD_TXT, good[0])
    shutil.copy(GOOD_PDF, good[1])
    limit = 100_000  # above the good files, below huge.txt
    assert all(p.stat().st_size < limit for p in good)
    bad = {
        "empty.txt": b"",
        "truncated.pdf": GOOD_PDF.read_bytes()[:300],
        "locked.pdf": encrypted_pdf(),
        "notzip.docx": b"this is not a zip archive\n" * 50,
        # 11 MB of zeros in ~11 KB: refused by the compression-ratio rule, no monkeypatching
        "bomb.docx": zip_of_zeros(11 * 1024 * 1024),
        "junk.txt": binary_junk(),
        "mystery.txt": unidentifiable_text(),
        "huge.txt": oversized_report(limit + 50_000),
        "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
        "photo.jpg": b"\xff\xd8\xff\xe0" + b"\x10" * 100,  # images are read by OCR: a broken one is an error
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    out = tmp_path / "out"
    # PATH holds only the interpreter's folder, so LibreOffice is never found for old.doc
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    proc = subprocess.run(
        [sys.executable, "-m", "ntm.cli", "run", str(folder), "--out", str(out), "--workers", "2",
         "--max-bytes", str(limit), "--aliases", str(PROJECT_ROOT / "data" / "aliases.csv")],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert sorted(p.name for p in out.glob("*.parquet")) == sorted(f"{name}.parquet" for name in TABLES)
    assert {"documents", "blocks", "errors", "units", "criteria_status", "criteria_counts", "averages", "funding",
            "deadlines", "references", "targets", "flags", "name_variants"} <= set(TABLES)
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))
    tables = read_tables(out)
    documents = {Path(d["source_file"]).name: d for d in tables["documents"]}

    for path in good:
        row = documents[path.name]
        assert row["status"] == "ok", row
        assert any(u["doc_id"] == row["doc_id"] for u in tables["units"])
        assert any(c["doc_id"] == row["doc_id"] for c in tables["criteria_counts"])
        assert any(b["doc_id"] == row["doc_id"] for b in tables["blocks"])
    assert documents[GOOD_TXT.name]["doc_type"] == "CÔNG VĂN"

    stderr_lines = proc.stderr.splitlines()
    for name in bad:
        path = str(folder / name)
        errors = [e for e in tables["errors"] if e["path"] == path]
        assert len(errors) == 1, (name, errors)
        assert "\n" not in errors[0]["message"] and errors[0]["message"]
        assert documents[name]["status"] == "error"
        assert len([line for line in stderr_lines if path in line]) == 1, (name, proc.stderr)
    assert len(tables["errors"]) == len(bad)
    classes = {Path(e["path"]).name: e["error_class"] for e in tables["errors"]}
    assert classes == {
        "empty.txt": "EmptyFileError", "truncated.pdf": "CorruptFileError", "locked.pdf": "EncryptedFileError",
        "notzip.docx": "CorruptFileError", "bomb.docx": "ZipBombError", "junk.txt": "BinaryContentError",
        "mystery.txt": "UnknownEncodingError", "huge.txt": "TooLargeError", "old.doc": "MissingToolError",
        "photo.jpg": "CorruptFileError",
    }


def test_exit_status_zero_when_all_good(tmp_path, capfd):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD_TXT, folder)
    shutil.copy(GOOD_PDF, folder)
    code, err = run_in_process([folder], tmp_path / "out", capfd)
    assert code == 0, err
    tables = read_tables(tmp_path / "out")
    assert [d["status"] for d in tables["documents"]] == ["ok", "ok"]
    assert tables["errors"] == []


def test_exit_status_two_for_a_missing_path(tmp_path, capfd):
    missing = tmp_path / "no_such_folder"
    code, err = run_in_process([missing], tmp_path / "out", capfd)
    assert code == 2
    assert "no such file or folder" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_exit_status_two_for_bad_usage(capfd):
    with pytest.raises(SystemExit) as raised:
        cli.main(["run", "--workers", "many"])
    assert raised.value.code == 2
    assert "Traceback" not in capfd.readouterr().err


# --- atomic writes ---------------------------------------------------------------------------

def _table_files(out: Path) -> dict[str, bytes]:
    """What a reader of OUT sees: every table and the manifest (links into OUT/.ntm/current), by content."""
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}


def _run_then_fail_a_write(tmp_path, capfd, monkeypatch) -> tuple[dict[str, bytes], Path]:
    """A complete run, then a second run whose 3rd Parquet write fails. Returns the first run's files."""
    from ntm.writer import TableSetWriter
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SMALL_REPORT)
    out = tmp_path / "out"
    code, _ = run_in_process([folder], out, capfd)
    assert code == 0
    before = _table_files(out)
    assert {f"{name}.parquet" for name in TABLES} | {"manifest.json", "search.sqlite"} == set(before)

    shutil.copy(GOOD_TXT, folder)  # the second run would change the tables
    real_flush = TableSetWriter._flush
    calls = {"n": 0}

    def failing_flush(self, name):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real_flush(self, name)

    monkeypatch.setattr(TableSetWriter, "_flush", failing_flush)
    code, err = run_in_process([folder], out, capfd)
    assert code == 3, err
    assert "Traceback" not in err
    assert "the run failed" in err and "no space left on device" in err and len(err.strip().splitlines()) == 1, err
    assert calls["n"] == 3
    return before, out


def test_failed_write_leaves_previous_tables_untouched(tmp_path, capfd, monkeypatch):
    before, out = _run_then_fail_a_write(tmp_path, capfd, monkeypatch)
    assert _table_files(out) == before, "a failed run changed the tables"


def test_failed_write_leaves_no_temporary_files(tmp_path, capfd, monkeypatch):
    before, out = _run_then_fail_a_write(tmp_path, capfd, monkeypatch)
    leftovers = sorted(p.name for p in out.iterdir() if p.name not in before and p.name != ".ntm")
    assert leftovers == [], f"left behind: {leftovers}"
    monkeypatch.undo()
    code, _ = run_in_process([out.parent / "in"], out, capfd)  # the next run cleans what the failed one left
    assert code == 0
    assert len(list((out / ".ntm" / "versions").iterdir())) == 1
    assert not list((out / ".ntm").glob("work-*")) and not list(out.glob(".*tmp"))
