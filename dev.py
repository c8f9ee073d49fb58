#!/usr/bin/env python3
"""One entry point for developers and CI, needing only Python 3.11+.

    python3 dev.py editor [FILE]   set up .venv, open the editor (default: a bundled example)
    python3 dev.py test [ARGS]     set up .venv, run the whole test suite headless
    python3 dev.py check           set up .venv, run the quick checks before a commit:
                                   ruff (lint, format), mypy, import contracts, fast tests

Setting up means: create .venv if missing and (re)install the project with its test
extra (which holds the check tools too) whenever pyproject.toml changed since the last
install.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
EXAMPLE = ROOT / "blueprint_editor" / "resources" / "examples" / "hotel-stay.blueprint"


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py runs under any python3)
        sys.exit("blueprint-editor needs Python 3.11 or newer")
    if not PY.exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != want:
        print("installing blueprint-editor and its test tools into .venv ...", flush=True)
        subprocess.check_call(
            [str(PY), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", f"{ROOT}[test]"]
        )
        STAMP.write_text(want)


#: What ``check`` runs, in order: (name, command after the venv's python). The fast tests
#: are the core and the command line (no window); ``test`` runs everything.
CHECKS = [
    ("ruff check", ["-m", "ruff", "check", "."]),
    ("ruff format --check", ["-m", "ruff", "format", "--check", "--output-format", "concise", "."]),
    ("mypy", ["-m", "mypy"]),
    (
        "import contracts",
        ["-c", "from importlinter.cli import lint_imports; raise SystemExit(lint_imports(no_logo=True))"],
    ),
    ("fast tests", ["-m", "pytest", "-q", "tests/core", "tests/cli"]),
]


def check() -> int:
    """Run every check (all of them, even after a failure); 0 when all passed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    failed = []
    for name, args in CHECKS:
        print(f"--- {name}", flush=True)
        if subprocess.call([str(PY), *args], cwd=ROOT, env=env) != 0:
            failed.append(name)
    print("--- " + (f"FAILED: {', '.join(failed)}" if failed else "all checks passed"))
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("editor", "test", "check"):
        print(__doc__)
        return 2
    setup()
    if argv[0] == "editor":
        files = argv[1:] or [str(EXAMPLE)]
        return subprocess.call([str(PY), "-m", "blueprint_editor", *files])
    if argv[0] == "check":
        return check()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.call([str(PY), "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
