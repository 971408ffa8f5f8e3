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


def test_every_module_of_the_library_is_held_to_the_contracts():
    """The contracts name modules one by one: a new module missing from them would be free to
    import the command line, or be imported by the model, without any test noticing."""
    import pkgutil

    import zongjie_nlp

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    never_cli, model_alone = contracts[0], contracts[1]
    library = {f"zongjie_nlp.{m.name}" for m in pkgutil.iter_modules(zongjie_nlp.__path__)} - {"zongjie_nlp.cli"}
    assert set(never_cli["source_modules"]) == library
    assert set(model_alone["forbidden_modules"]) == library - {"zongjie_nlp.model"} | {"zongjie_nlp.cli"}
