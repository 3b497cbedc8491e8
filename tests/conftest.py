"""Shared fixtures. Keep this small: fixtures used by more than one test file live here."""
from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The real seed documents in ../shared/seeds (beside the project root); skips when absent."""
    if not SEEDS_DIR.is_dir() or not any(SEEDS_DIR.glob("*.txt")):
        pytest.skip("../shared/seeds not found: seed tests need the shared folder beside the project root")
    return SEEDS_DIR
