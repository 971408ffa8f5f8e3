"""The directions imports may take (the import-linter contracts in pyproject.toml): the
library never imports the command line (nor click), the model imports nothing of ours, checks and
relations import neither formats nor spaCy, relations never import the checks, and there is
no import circle anywhere in the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    pytest.importorskip("importlinter", reason="import-linter is a test dependency (pip install '.[test]')")
    script = Path(sys.executable).with_name("lint-imports")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "importlinter.cli"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "5 kept, 0 broken" in result.stdout
