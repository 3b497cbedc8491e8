"""A run's tables as pandas DataFrames, for notebooks and scripts: where they are (NTM_DATA, else the repository's
data/parquet, wherever the working directory is) and every table of the schema, an empty one with its columns
when the run wrote none."""
from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "NTM_DATA"
DEFAULT_DATA = Path("data") / "parquet"


def repository_root(start: Path) -> Path | None:
    """The checkout of this project that holds `start`, if any."""
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "ntm" / "records.py").is_file():
            return folder
    return None


def data_folder() -> Path:
    """$NTM_DATA when set; else data/parquet of the checkout holding the working directory (a notebook opened in
    notebooks/), else of the checkout the ntm package is installed from (editable), so a notebook or script
    finds the tables from any working directory; else data/parquet where we are."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).expanduser()
    for start in (Path.cwd().resolve(), Path(__file__).resolve().parent):
        root = repository_root(start)
        if root is not None:
            return root / DEFAULT_DATA
    return DEFAULT_DATA


def read_tables(folder: Path | None = None) -> dict:
    """Every table of the schema by name, read from `folder` (default `data_folder()`); a table the run did not
    write is an empty DataFrame with the schema's columns, so code over it runs and finds no rows."""
    import pandas as pd

    from .query import find_tables
    from .records import TABLES
    from .writer import to_table

    folder = Path(folder) if folder is not None else data_folder()
    if not folder.is_dir():
        raise FileNotFoundError(f"no tables in {folder}: run `ntm run --out {folder}` first, or set ${DATA_ENV} to "
                                "the folder of a run's tables")
    found = {source.name: source.path for source in find_tables(folder)}
    return {name: pd.read_parquet(found[name]) if name in found else to_table(name, []).to_pandas()
            for name in TABLES}
