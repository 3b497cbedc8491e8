"""A run always finishes and never loses what it has read: a file over its time limit or whose worker dies costs
only itself; odd paths (names that are not UTF-8, links out of the input, loops, pipes, unreadable folders) each
get a row; options and --out are checked before any work; exit codes say what happened."""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ntm import parsers

import ntm.parsers.text
from ntm import cli

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GOOD_TXT = PROJECT_ROOT / "data" / "raw" / "s02_bacquang_congvan_2024.txt"
REPORT = ("UBND HUYỆN BẮC SƠN\n\nTHÔNG BÁO\n\nXã Long Đống đã đạt 15/19 tiêu chí nông thôn mới; "
          "xã Vũ Lễ đạt 12/19 tiêu chí.\n")


def run(paths, out: Path, *extra: str) -> int:
    return cli.main(["run", *map(str, paths), "--out", str(out), "--aliases", str(out.parent / "none.csv"), *extra])


def table(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def folder_of(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        (folder / name).write_text(REPORT.replace("15/19", f"{len(name) % 19}/19"), "utf-8")
    return folder


def _misbehave(monkeypatch, what: str) -> None:
    """Files named hang*.txt sleep, die*.txt kill their own worker (workers are forked: they inherit this)."""
    real = parsers.text.parse_text

    def parse_text(data, path, doc_id, *args, **kwargs):
        name = Path(path).name
        if name.startswith("hang"):
            time.sleep(60)
        if name.startswith("die"):
            os.kill(os.getpid(), 9)
        return real(data, path, doc_id, *args, **kwargs)

    monkeypatch.setattr(parsers.text, "parse_text", parse_text)


def test_a_file_over_its_time_limit_costs_only_itself(tmp_path, monkeypatch, capfd):
    _misbehave(monkeypatch, "hang")
    folder = folder_of(tmp_path, ["a.txt", "hang.txt", "b.txt", "c.txt"])
    started = time.monotonic()
    code = run([folder], tmp_path / "out", "--workers", "2", "--file-timeout", "2")
    assert time.monotonic() - started < 30
    assert code == 1
    documents = {Path(d["source_file"]).name: d for d in table(tmp_path / "out", "documents")}
    assert [documents[n]["status"] for n in ("a.txt", "b.txt", "c.txt")] == ["ok"] * 3
    assert documents["hang.txt"]["status"] == "error"
    errors = table(tmp_path / "out", "errors")
    assert [(e["error_class"], e["stage"]) for e in errors] == [("TimeoutError", "run")]
    assert "2-second limit (--file-timeout)" in errors[0]["message"]
    assert "Traceback" not in capfd.readouterr().err


def test_a_killed_worker_costs_only_its_own_file(tmp_path, monkeypatch, capfd):
    _misbehave(monkeypatch, "die")
    folder = folder_of(tmp_path, ["a.txt", "b.txt", "die.txt", "d.txt", "e.txt", "f.txt"])
    code = run([folder], tmp_path / "out", "--workers", "2")
    assert code == 1
    documents = {Path(d["source_file"]).name: d for d in table(tmp_path / "out", "documents")}
    assert sorted(n for n, d in documents.items() if d["status"] == "ok") == ["a.txt", "b.txt", "d.txt", "e.txt", "f.txt"]
    errors = table(tmp_path / "out", "errors")
    assert len(errors) == 1 and errors[0]["error_class"] == "WorkerDied"
    assert "killed by SIGKILL" in errors[0]["message"] and "run went on" in errors[0]["message"]
    err = capfd.readouterr().err
    assert "Traceback" not in err and "BrokenProcessPool" not in err
    # a death is no property of the file: the next run tries it again, and reads nothing else again
    monkeypatch.undo()
    assert run([folder], tmp_path / "out", "--workers", "2") == 0
    assert "5 unchanged since the last run" in capfd.readouterr().out


def test_a_name_that_is_not_utf8_is_read_and_shown(tmp_path, capfd):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/b\xe1o c\xe1o.txt"  # Windows-1258 bytes in a name
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write(REPORT)
    with open(os.fsencode(folder) + b"/r\xff.xlsx", "wb") as handle:
        handle.write(b"x")
    assert run([folder], tmp_path / "out") == 0
    documents = {d["source_file"]: d for d in table(tmp_path / "out", "documents")}
    assert documents[f"{folder}/b\\xe1o c\\xe1o.txt"]["status"] == "ok"
    assert documents[f"{folder}/r\\xff.xlsx"]["status"] == "skipped"
    assert "Traceback" not in capfd.readouterr().err


def test_every_path_found_has_a_row(tmp_path, monkeypatch, capfd):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "locked").mkdir()
    (root / "sub" / "a.txt").write_text(REPORT, "utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text(REPORT, "utf-8")
    os.symlink(outside / "secret.txt", root / "link_out.txt")
    os.symlink(outside, root / "dir_out")
    os.symlink(root / "sub" / "a.txt", root / "link_in.txt")
    os.symlink(root, root / "sub" / "loop_dir")
    os.symlink(root / "self1", root / "self2")
    os.symlink(root / "self2", root / "self1")
    os.symlink(root / "missing.txt", root / "broken.txt")
    os.mkfifo(root / "pipe.txt")
    real_scandir = os.scandir

    def scandir(path="."):  # as root, chmod 000 does not stop us reading: refuse it here instead
        if isinstance(path, str) and path.endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code = run([root], tmp_path / "out", "--workers", "1")
    assert code == 1  # the unreadable folder is a file set we could not read
    rows = {os.path.relpath(d["source_file"], root): (d["status"], d["message"])
            for d in table(tmp_path / "out", "documents")}
    assert rows["sub/a.txt"][0] == "ok" and rows["link_in.txt"][0] == "ok"
    assert rows["link_out.txt"][0] == "skipped" and "outside the input folders" in rows["link_out.txt"][1]
    assert rows["dir_out"][0] == "skipped" and "outside the input folders" in rows["dir_out"][1]
    assert rows["sub/loop_dir"][0] == "skipped" and "folder" in rows["sub/loop_dir"][1]
    assert rows["self1"][0] == rows["self2"][0] == "skipped" and "loop" in rows["self1"][1]
    assert rows["broken.txt"][0] == "skipped" and "does not exist" in rows["broken.txt"][1]
    assert rows["pipe.txt"] == ("skipped", "skipped: a named pipe (FIFO), not a file")
    assert rows["locked"] == ("error", "folder could not be read: permission denied")
    assert not any("secret" in d["source_file"] for d in table(tmp_path / "out", "documents"))
    errors = table(tmp_path / "out", "errors")
    assert [(e["stage"], os.path.relpath(e["path"], root)) for e in errors] == [("discover", "locked")]
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("option, value, words", [
    ("--workers", "0", "must be more than 0"), ("--workers", "-1", "must be more than 0"),
    ("--max-bytes", "0", "must be more than 0"), ("--file-timeout", "0", "must be more than 0"),
    ("--file-timeout", "soon", "not a number of seconds"), ("--workers", "many", "not a number"),
])
def test_invalid_option_values_are_usage_errors(tmp_path, capfd, option, value, words):
    with pytest.raises(SystemExit) as raised:
        run([GOOD_TXT], tmp_path / "out", option, value)
    assert raised.value.code == 2
    err = capfd.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_out_that_is_a_file_is_refused_before_any_work(tmp_path, capfd, monkeypatch):
    target = tmp_path / "out"
    target.write_text("not a folder")
    monkeypatch.setattr("ntm.pipeline.run_files", lambda *a, **k: pytest.fail("work was done"))
    assert run([GOOD_TXT], target) == 2
    assert run([GOOD_TXT], target / "sub") == 2
    err = capfd.readouterr().err
    assert "is a file, not a folder" in err and "Traceback" not in err


def test_a_second_run_into_the_same_output_is_refused(tmp_path, capfd):
    from ntm.store import OutputFolder
    out = tmp_path / "out"
    with OutputFolder(out):  # as a run in another process would hold it
        assert run([GOOD_TXT], out) == 3
    err = capfd.readouterr().err
    assert "another run is writing to" in err and f"pid {os.getpid()}" in err and "Traceback" not in err
    assert run([GOOD_TXT], out) == 0  # and once it is done, the folder is free


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch, capfd):
    folder = folder_of(tmp_path, ["a.txt", "b.txt", "c.txt"])
    out = tmp_path / "out"
    assert run([folder], out) == 0
    first = {name: table(out, name) for name in ("documents", "units", "criteria_counts", "blocks")}
    first_counts = capfd.readouterr().out.splitlines()[1:]
    log = tmp_path / "parsed.log"  # the workers are other processes: they say what they read in a file
    log.touch()
    real = parsers.text.parse_text

    def parse_text(data, path, *args, **kwargs):
        with open(log, "a") as handle:
            handle.write(Path(path).name + "\n")
        return real(data, path, *args, **kwargs)

    monkeypatch.setattr(parsers.text, "parse_text", parse_text)

    def calls() -> list[str]:
        names = log.read_text().split()
        log.write_text("")
        return sorted(names)

    run_id = json.loads((out / "manifest.json").read_text())["run_id"]
    assert run([folder], out, "--workers", "1") == 0
    assert calls() == []
    said = capfd.readouterr().out
    assert "3 unchanged since the last run; nothing changed: the last run's tables stand" in said
    assert said.splitlines()[1:] == first_counts  # the summary still tells what the tables hold
    again = {name: table(out, name) for name in first}
    assert again == first
    assert json.loads((out / "manifest.json").read_text())["run_id"] == run_id  # not even written again

    (folder / "b.txt").write_text(REPORT.replace("Vũ Lễ", "Tân Lập"), "utf-8")  # changed
    (folder / "c.txt").unlink()  # removed
    assert run([folder], out, "--workers", "1") == 0
    assert calls() == ["b.txt"]
    documents = table(out, "documents")
    assert sorted(Path(d["source_file"]).name for d in documents) == ["a.txt", "b.txt"]
    doc_ids = {d["doc_id"] for d in documents}
    assert {u["doc_id"] for u in table(out, "units")} <= doc_ids
    assert any(u["name"] == "Tân Lập" for u in table(out, "units"))

    assert run([folder], out, "--workers", "1", "--rebuild") == 0
    assert calls() == ["a.txt", "b.txt"]
    cached = list((out / ".ntm" / "cache").rglob("*.rows"))
    assert len(cached) == 2  # the removed file's entry went with it


def test_the_same_text_under_another_name_is_shown_under_that_name(tmp_path):
    folder = folder_of(tmp_path, ["a.txt"])
    out = tmp_path / "out"
    assert run([folder], out) == 0
    shutil.move(folder / "a.txt", folder / "renamed.txt")
    assert run([folder], out) == 0
    assert [Path(d["source_file"]).name for d in table(out, "documents")] == ["renamed.txt"]


def test_output_inside_the_input_is_not_read(tmp_path):
    folder = folder_of(tmp_path, ["a.txt"])
    assert run([folder], folder / "tables") == 0
    assert run([folder], folder / "tables") == 0
    assert [Path(d["source_file"]).name for d in table(folder / "tables", "documents")] == ["a.txt"]


def test_tables_written_by_an_older_version_are_replaced_in_one_step(tmp_path):
    folder = folder_of(tmp_path, ["a.txt"])
    out = tmp_path / "out"
    out.mkdir()
    for name in ("documents", "units"):
        shutil.copy(GOOD_TXT, out / f"{name}.parquet")  # stand-ins for plain files an older ntm wrote
    (out / ".units.abc.parquet.tmp").write_bytes(b"left by a killed run")
    assert run([folder], out) == 0
    assert (out / "documents.parquet").is_symlink() and table(out, "documents")[0]["status"] == "ok"
    assert not list(out.glob(".*.tmp"))
    assert len(list((out / ".ntm" / "versions").iterdir())) == 1


# --- limits on what is actually read -----------------------------------------------------------

def _docx_with(parts: dict[str, bytes], understate: str | None = None) -> bytes:
    """A zip named .docx; `understate`: that part's headers claim 1,000 bytes whatever it holds."""
    import io
    import struct
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    data = bytearray(buffer.getvalue())
    if understate:
        name = understate.encode()
        for signature, size_at, name_at, length_at in ((b"PK\x03\x04", 22, 30, 26), (b"PK\x01\x02", 24, 46, 28)):
            at = data.find(signature)
            while at >= 0:
                length = struct.unpack_from("<H", data, at + length_at)[0]
                if data[at + name_at:at + name_at + length] == name:
                    struct.pack_into("<I", data, at + size_at, 1000)
                at = data.find(signature, at + 4)
    return bytes(data)


def test_a_zip_bomb_with_understated_headers_fails_at_once(tmp_path, monkeypatch):
    from ntm import parsers
    import ntm.parsers.docx
    from ntm.parsers.errors import CorruptFileError, ZipBombError
    xml = b"<w:t>a</w:t>" * 2_000_000  # 24 MB that compress to ~25 KB
    bomb = _docx_with({"word/document.xml": xml}, understate="word/document.xml")
    started = time.monotonic()
    with pytest.raises(CorruptFileError, match="cannot be unpacked"):
        parsers.parse_bytes(bomb, "bomb.docx")
    monkeypatch.setattr(parsers.docx, "MAX_UNCOMPRESSED", 4 * 1024 * 1024)
    honest = _docx_with({"word/document.xml": xml, "word/other.xml": xml})
    with pytest.raises(ZipBombError, match="zip bomb"):
        parsers.parse_bytes(honest, "bomb.docx")
    assert time.monotonic() - started < 5


def test_xml_and_text_beyond_what_one_document_holds_are_refused(tmp_path, monkeypatch):
    from ntm import parsers
    import ntm.parsers.docx
    from ntm.parsers.errors import TooLargeError
    monkeypatch.setattr(parsers.docx, "MAX_XML", 1024 * 1024)
    big = _docx_with({"word/document.xml": b"<w:t>a</w:t>" * 100_000})
    with pytest.raises(TooLargeError, match="MB of XML"):
        parsers.parse_bytes(big, "big.docx")
    monkeypatch.setattr(parsers, "MAX_TEXT_CHARS", 10_000)
    with pytest.raises(TooLargeError, match="over the limit of 10,000 for one document"):
        parsers.parse_bytes(("Xã Long Đống đạt 15/19 tiêu chí.\n" * 1000).encode(), "long.txt")


def test_an_unexpected_failure_says_what_and_where_in_words(tmp_path, monkeypatch, capfd):
    def broken(data, path, *args, **kwargs):
        return [][0]

    monkeypatch.setattr(parsers.text, "parse_text", broken)
    folder = folder_of(tmp_path, ["a.txt"])
    assert run([folder], tmp_path / "out") == 1
    (error,) = table(tmp_path / "out", "errors")
    assert error["error_class"] == "IndexError"
    assert error["message"].startswith("a reader failed on something in this file it does not handle (IndexError: "
                                       "list index out of range, at tests/test_run_robustness.py:")
    assert error["message"].endswith("please report it with the file")
    assert "unexpected" not in error["message"] and "Traceback" not in capfd.readouterr().err


def test_a_cache_entry_holds_each_row_as_written(tmp_path):
    from ntm.pipeline import FileResult
    from ntm.records import DocumentRow, ErrorRow, UnitRow
    from ntm.store import dump_result, load_head, load_table, load_values
    import numpy as np
    document = DocumentRow(doc_id="d1", source_file="a.txt", format="txt", status="ok", pages=2, ocr_pages=[1],
                           ocr_confidence=np.float64(0.93),  # a numpy value keeps its value (marshal wrote its bytes)
                           message="Xã Long Đống – 15/19 tiêu chí\n\t\"ngoặc\" \\ 😀")
    units = [UnitRow(**{**{f: None for f in UnitRow.__dataclass_fields__}, "doc_id": "d1", "level": "commune",
                        "raw_name": raw, "start": i, "match_score": 0.1 * i}) for i, raw in enumerate(["Long Đống", "Long Đông", ""])]
    error = ErrorRow(path="a.txt", stage="parse", error_class="ParseError", message="trang 3: lỗi\nmột dòng")
    entry = tmp_path / "entry.rows"
    dump_result(FileResult("a.txt", document, {"units": units, "funding": []}, [error]), entry)
    head, errors = load_head(entry, "shown/a.txt")
    assert head.message == document.message and head.ocr_pages == [1] and head.source_file == "shown/a.txt"
    assert head.ocr_confidence == 0.93
    assert [e.message for e in errors] == [error.message]
    assert load_table(entry, "units") == units
    assert load_table(entry, "funding") == [] and set(load_values(entry)) == {"units"}


def test_a_damaged_cache_entry_is_read_again_and_an_old_one_removed(tmp_path):
    from ntm.store import load_head
    folder = folder_of(tmp_path, ["a.txt", "bb.txt"])
    out = tmp_path / "out"
    assert run([folder], out, "--workers", "1") == 0
    first = {name: table(out, name) for name in ("documents", "units", "criteria_counts")}
    entries = sorted((out / ".ntm" / "cache").rglob("*.rows"))
    assert len(entries) == 2
    entries[0].write_bytes(entries[0].read_bytes()[:40])  # cut short on disk
    entries[1].write_bytes(b"not an entry at all")
    old = entries[1].parent / ("0" * 32 + ".jsonl")  # an entry the JSON-lines cache of an older version left
    old.write_text('{"document": []}\n', "utf-8")
    assert run([folder], out, "--workers", "1") == 0
    assert not old.exists()
    for entry in entries:  # each written again from its file
        assert load_head(entry, "x")[0].status == "ok"
    assert {name: table(out, name) for name in first} == first
