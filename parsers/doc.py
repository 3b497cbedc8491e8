"""Legacy Word .doc files, converted to .docx by LibreOffice headless when it is installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .docx import parse_docx
from .errors import CorruptFileError, MissingToolError
from .model import Document

CONVERT_TIMEOUT = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def parse_doc(data: bytes, path: str, doc_id: str) -> Document:
    tool = soffice()
    if tool is None:
        raise MissingToolError("cannot read .doc: LibreOffice is not installed (apt-get install libreoffice-writer)")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.doc"
        source.write_bytes(data)
        try:
            subprocess.run(
                [tool, "--headless", "--convert-to", "docx", "--outdir", tmp, str(source)],
                check=True, capture_output=True, timeout=CONVERT_TIMEOUT,
                env={"HOME": tmp, "PATH": "/usr/bin:/bin"},
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise CorruptFileError(f"LibreOffice could not convert the .doc ({type(error).__name__})") from None
        converted = Path(tmp) / "input.docx"
        if not converted.exists():
            raise CorruptFileError("LibreOffice could not convert the .doc (no output)")
        document = parse_docx(converted.read_bytes(), path, doc_id)
    document.format = "doc"
    return document
