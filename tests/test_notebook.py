"""notebooks/explore_tables.ipynb runs from any working directory, headlessly, on a real run's tables: its plots
are drawn from the sample corpus, and a run whose tables are empty says so instead of failing."""
from __future__ import annotations

import base64
from pathlib import Path

import pytest

from ntm import cli
from ntm.tables import DATA_ENV, data_folder, read_tables

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = PROJECT_ROOT / "notebooks" / "explore_tables.ipynb"
README = b"# Archive\n\nFiles copied from the district office; ask before moving them.\n"


def _run(tmp_path: Path, corpus: str) -> Path:
    """`ntm run` of the sample corpus, or of a folder holding only a README (every fact table empty)."""
    if corpus == "sample":
        inputs = PROJECT_ROOT / "data" / "raw"
    else:
        inputs = tmp_path / "in"
        inputs.mkdir()
        (inputs / "README.md").write_bytes(README)
    out = tmp_path / "run"
    assert cli.main(["run", str(inputs), "--out", str(out), "--aliases", str(tmp_path / "none.csv"), "-q"]) == 0
    return out


def _execute(workdir: Path) -> list:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}}).execute()  # raises on a cell's error
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def _text(outputs: list) -> str:
    return "".join(o.get("text", "") for o in outputs if o.output_type == "stream")


@pytest.mark.parametrize("corpus, plots, says", [
    ("sample", 5, []),  # progress, a heat map a criteria set (at least one), funding, findings
    ("readme only", 0, ["No criteria counts per commune", "No unmet criteria", "No funding rows", "No findings"]),
])
def test_the_notebook_runs_headlessly_from_another_folder(tmp_path, monkeypatch, corpus, plots, says):
    out = _run(tmp_path, corpus)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    monkeypatch.setenv(DATA_ENV, str(out))
    outputs = _execute(workdir)
    images = [base64.b64decode(o["data"]["image/png"]) for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= plots if plots else images == []
    assert all(image.startswith(b"\x89PNG") for image in images)
    printed = _text(outputs)
    assert f"{out}: " in printed
    assert all(f"{phrase} in this run." in printed for phrase in says)


def test_the_stored_notebook_keeps_no_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


@pytest.mark.parametrize("where", ["repository root", "notebooks folder", "outside the repository"])
def test_the_tables_are_found_from_any_working_directory(tmp_path, monkeypatch, where):
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.chdir({"repository root": PROJECT_ROOT, "notebooks folder": PROJECT_ROOT / "notebooks",
                       "outside the repository": tmp_path}[where])
    assert data_folder() == PROJECT_ROOT / "data" / "parquet"


def test_ntm_data_names_another_run(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "elsewhere"))
    assert data_folder() == tmp_path / "elsewhere"
    with pytest.raises(FileNotFoundError, match="ntm run --out"):
        read_tables()


def test_a_table_the_run_did_not_write_is_empty_with_its_columns(tmp_path):
    out = _run(tmp_path, "readme only")
    (out / "funding.parquet").unlink()
    tables = read_tables(out)
    assert tables["funding"].empty and {"category", "year", "is_total", "part_of"} <= set(tables["funding"].columns)
    assert len(tables["documents"]) == 1 and tables["documents"]["status"].tolist() == ["skipped"]
