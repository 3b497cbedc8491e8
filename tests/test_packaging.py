"""The project installs under one import name, `ntm`; nothing generic lands in site-packages."""
import subprocess
import sys

import pytest


@pytest.mark.parametrize("generic_name", ["parsers", "extract", "normalize"])
def test_no_generic_top_level_package_is_installed(tmp_path, generic_name):
    # run outside the repository, so the working directory does not put the folders on sys.path
    probe = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({generic_name!r}) is not None)"
    assert subprocess.run([sys.executable, "-c", probe], cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("stage", ["ntm.parsers", "ntm.extract", "ntm.normalize"])
def test_every_stage_imports_under_the_one_name(tmp_path, stage):
    probe = f"import {stage}.__init__, importlib; print(importlib.import_module({stage!r}).__name__)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == stage
