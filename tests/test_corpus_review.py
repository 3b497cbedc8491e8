"""Name variants over a whole run, settled by reviewers in data/aliases.csv."""
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ntm.cli import main
from ntm.normalize.corpus import read_aliases

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw"


def variants(out: Path) -> list[dict]:
    return pq.read_table(out / "name_variants.parquet").to_pylist()


def test_variants_table_lists_register_variants(tmp_path):
    out = tmp_path / "out"
    main(["run", str(SAMPLE), "--out", str(out), "--aliases", str(tmp_path / "none.csv")])
    rows = variants(out)
    pair = next(r for r in rows if r["variant"] == "Điềm Mạc")
    assert pair["canonical"] == "Điềm Mặc" and pair["status"] == "auto" and pair["method"] == "register"
    assert pair["occurrences"] >= 1 and pair["doc_ids"]


def test_aliases_file_is_honoured_and_pending_listed(tmp_path, capsys):
    out = tmp_path / "out"
    aliases = tmp_path / "aliases.csv"
    main(["run", str(SAMPLE), "--out", str(out), "--aliases", str(aliases)])
    capsys.readouterr()
    assert main(["variants", "--data", str(out), "--aliases", str(aliases)]) == 0
    assert "Điềm Mạc" in capsys.readouterr().out
    aliases.write_text("level,scope,variant,canonical,decision\n"
                       "commune,\"Định Hóa, Thái Nguyên\",Điềm Mạc,Điềm Mặc,confirmed\n", "utf-8")
    main(["run", str(SAMPLE), "--out", str(out), "--aliases", str(aliases)])
    row = next(r for r in variants(out) if r["variant"] == "Điềm Mạc")
    assert row["status"] == "confirmed" and row["method"] == "alias_file"
    capsys.readouterr()
    main(["variants", "--data", str(out), "--aliases", str(aliases)])
    assert "Điềm Mạc" not in capsys.readouterr().out


def test_rejected_alias_keeps_the_raw_spelling(tmp_path):
    out = tmp_path / "out"
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("level,scope,variant,canonical,decision\n"
                       "commune,\"Định Hóa, Thái Nguyên\",Điềm Mạc,Điềm Mặc,rejected\n", "utf-8")
    main(["run", str(SAMPLE), "--out", str(out), "--aliases", str(aliases)])
    units = pq.read_table(out / "units.parquet").to_pylist()
    row = next(u for u in units if u["raw_name"] == "Điềm Mạc")
    assert row["name"] == "Điềm Mạc" and row["match_method"] == "alias_file"


def test_signers_of_one_office_are_clustered_across_documents(tmp_path):
    letter = ("UBND HUYỆN BẮC SƠN\nSố: {n}/BC-UBND\nBắc Sơn, ngày 5 tháng 11 năm 2023\nBÁO CÁO\n"
              "Kết quả xây dựng nông thôn mới huyện Bắc Sơn\nXã Vũ Sơn đạt 16/19 tiêu chí.\n"
              "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n{signer}\n")
    folder = tmp_path / "in"
    folder.mkdir()
    for i, signer in enumerate(["Nguyễn Văn Thành", "Nguyễn Văn Thành", "Nguyễn Văn Thanh"]):
        (folder / f"r{i}.txt").write_text(letter.format(n=10 + i, signer=signer), "utf-8")
    out = tmp_path / "out"
    main(["run", str(folder), "--out", str(out), "--aliases", str(tmp_path / "none.csv")])
    row = next(r for r in variants(out) if r["level"] == "person")
    assert (row["canonical"], row["variant"]) == ("Nguyễn Văn Thành", "Nguyễn Văn Thanh")
    assert row["scope"] == "UBND huyện Bắc Sơn" and len(row["doc_ids"]) == 1


def test_printed_variants_paste_into_the_aliases_file_and_are_honoured(tmp_path, capsys):
    out = tmp_path / "out"
    aliases = tmp_path / "aliases.csv"
    aliases.write_text((ROOT / "data" / "aliases.csv").read_text("utf-8"), "utf-8")
    main(["run", str(SAMPLE), "--out", str(out), "--aliases", str(aliases)])
    capsys.readouterr()
    main(["variants", "--data", str(out), "--aliases", str(aliases)])
    printed = capsys.readouterr().out
    assert '"Định Hóa, Thái Nguyên"' in printed
    with aliases.open("a", encoding="utf-8") as handle:
        handle.write(printed)  # pasted as it is, header line and all
    main(["run", str(SAMPLE), "--out", str(out), "--aliases", str(aliases)])
    assert " line " not in capsys.readouterr().err
    assert {(r["variant"], r["status"]) for r in variants(out)} >= {("Điềm Mạc", "confirmed"), ("Ma Thế Hùng", "confirmed")}
    main(["variants", "--data", str(out), "--aliases", str(aliases)])
    assert "Điềm Mạc" not in capsys.readouterr().out


@pytest.mark.parametrize("line, says", [
    ("commune,Định Hóa, Thái Nguyên,Điềm Mạc,Điềm Mặc,confirmed", "6 fields where the header has 5"),
    ('commune,"Định Hóa, Thái Nguyên",Điềm Mạc,Điềm Mặc,  # 1x, register, confidence 0.90', "7 fields where"),
    ('commune,"Định Hóa, Thái Nguyên",Điềm Mạc,Điềm Mặc,confirm', "decision 'confirm' is not confirmed or rejected"),
    ('commune,"Định Hóa, Thái Nguyên",Điềm Mạc,Điềm Mặc,', "decision ''"),
    ('commune,"Định Hóa, Thái Nguyên",Điềm Mạc,,confirmed', "canonical empty"),
])
def test_a_malformed_alias_line_is_reported_with_its_number(tmp_path, capsys, line, says):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("# decisions\nlevel,scope,variant,canonical,decision\n"
                       f"person,,Ma Thế Hùng,Ma Thế Hồng,rejected\n{line}\n", "utf-8")
    decisions = read_aliases(aliases)
    assert list(decisions.values()) == [("Ma Thế Hồng", "rejected")]
    report = capsys.readouterr().err.strip().splitlines()
    assert len(report) == 1 and f"{aliases} line 4: {says}" in report[0]
