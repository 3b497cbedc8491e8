"""Legacy .doc files go through LibreOffice headless; without it, a clear error names what to install."""
import shutil
import subprocess
from pathlib import Path

import pytest

from ntm.parsers import parse_file

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) not installed: apt-get install libreoffice-writer-nogui")
def test_doc_reads_like_its_docx(tmp_path):
    source = ROOT / "data" / "raw" / "s08_vixuyen_thongbao_2022.docx"
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    document = parse_file(tmp_path / "s08_vixuyen_thongbao_2022.doc")
    assert document.format == "doc"
    assert "".join(document.text.split()) == "".join(parse_file(source).text.split())


def test_doc_without_libreoffice_says_what_to_install(tmp_path, monkeypatch):
    from ntm import parsers
    import ntm.parsers.doc
    from ntm.parsers.errors import MissingToolError
    monkeypatch.setattr(parsers.doc, "soffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    with pytest.raises(MissingToolError, match="LibreOffice"):
        parse_file(path)
