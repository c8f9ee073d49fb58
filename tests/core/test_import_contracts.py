"""The architecture's import rules hold: the contracts in pyproject.toml ([tool.importlinter]:
core imports no Qt, the Qt layers app > panels | files | export > canvas > editing > core,
the command line imports Qt only where it opens a window or draws) are checked by
import-linter, and importing every core module in a fresh interpreter loads no Qt."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import blueprint_editor.core as core

ROOT = Path(__file__).resolve().parents[2]
QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2", "shiboken2")
CORE_DIR = Path(core.__file__).resolve().parent


def core_modules() -> list[str]:
    return sorted(f"blueprint_editor.core.{m.name}" for m in pkgutil.iter_modules([str(CORE_DIR)]))


def test_core_modules_are_found():
    names = core_modules()
    for expected in (
        "model",
        "document",
        "operations",
        "edits",
        "io",
        "migrate",
        "atomic",
        "schema",
        "validate",
    ):
        assert f"blueprint_editor.core.{expected}" in names


def test_the_import_contracts_are_kept():
    code = (
        "from importlinter.cli import lint_imports\n"
        "raise SystemExit(lint_imports(no_cache=True, no_logo=True))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_importing_every_core_module_loads_no_qt():
    code = (
        "import importlib, json, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "import blueprint_editor.resources\n"
        f"qt = sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r})\n"
        "print(json.dumps(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
