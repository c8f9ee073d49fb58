"""core/ never imports Qt: checked by importing every core module in a fresh interpreter,
and statically on the source of every core file."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import blueprint_editor.core as core

QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2", "shiboken2")
CORE_DIR = Path(core.__file__).resolve().parent


def core_modules() -> list[str]:
    return sorted(f"blueprint_editor.core.{m.name}" for m in pkgutil.iter_modules([str(CORE_DIR)]))


def test_core_modules_are_found():
    names = core_modules()
    for expected in ("model", "document", "operations", "edits", "io", "migrate", "atomic",
                     "schema", "validate"):
        assert f"blueprint_editor.core.{expected}" in names


def test_importing_every_core_module_loads_no_qt():
    code = (
        "import importlib, json, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "import blueprint_editor.resources\n"
        f"qt = sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r})\n"
        "print(json.dumps(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def _qt_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
              in ("import_module", "__import__") and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            names = [node.args[0].value]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in QT_PACKAGES]
    return found


def test_no_core_file_has_a_qt_import_line():
    files = sorted(CORE_DIR.rglob("*.py"))
    assert len(files) >= 10
    offenders = {}
    for path in files:
        source = path.read_text(encoding="utf-8")
        hits = _qt_imports(source)
        hits += [line.strip() for line in source.splitlines()
                 if line.lstrip().startswith(("import ", "from "))
                 and any(q in line for q in QT_PACKAGES)]
        if hits:
            offenders[path.name] = hits
    assert offenders == {}


def test_the_static_check_would_catch_qt_imports():
    assert _qt_imports("from PySide6.QtCore import QObject") == ["PySide6.QtCore"]
    assert _qt_imports("def f():\n    import shiboken6\n") == ["shiboken6"]
    assert _qt_imports("importlib.import_module('PySide6.QtGui')") == ["PySide6.QtGui"]
    assert _qt_imports("import json\nfrom .model import Blueprint") == []
