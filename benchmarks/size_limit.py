"""A file at the format's size limit (49.9 MB, 91,240 steps) through the editor and the CLI.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/size_limit.py [--steps 91240]

Each task runs in a child process of its own, so its peak memory (max RSS) is its own:

- validate      ``blueprint-editor validate FILE`` (the command line takes any valid file)
- open          File > Open in the editor's window: read, parse, refuse up front (more
                steps than ``core.limits.MAX_SHOWN_STEPS``), the message shown
- svg export    ``blueprint-editor export FILE -o OUT.svg``: refused before rendering
- png export    the same for PNG
- json export   ``export -o OUT.json`` (normalised file, no limit but the format's)
- open at limit File > Open of a blueprint of exactly MAX_SHOWN_STEPS steps (it opens)

Prints a Markdown table (seconds, peak MB). Measurements, not tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

#: the format's limit is 50 MiB; the issue's file was 49.9 MB
TARGET_BYTES = int(49.9 * 1024 * 1024)

OPEN = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QSettings
    from blueprint_editor.qt.app.launch import create_app
    from blueprint_editor.qt.app.main_window import MainWindow
    app = create_app()
    window = MainWindow(settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
    errors = []
    window.files.show_error = lambda title, text: errors.append(text)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    start = time.perf_counter()
    opened = window.files.open_path(sys.argv[1])
    window.validation_ui.runner.run_now()
    window.repaint()
    app.processEvents()
    print(time.perf_counter() - start, "opened" if opened else "refused: " + errors[0][-160:])
""")

CLI = textwrap.dedent("""
    import sys, time
    from blueprint_editor.cli import main
    start = time.perf_counter()
    code = main(sys.argv[1:])
    print(time.perf_counter() - start, f"exit {code}", file=sys.__stdout__)
""")

RSS = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"


def child(code: str, *args: str) -> tuple[float, str, float]:
    """(seconds, outcome, peak MB) of ``code`` run in a fresh interpreter."""
    wrapped = f"import atexit\natexit.register(lambda: exec({RSS!r}))\n" + code
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", wrapped, *args], capture_output=True, text=True, env=env, timeout=1800
    )
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    if len(lines) < 2:
        return float("nan"), f"failed: {out.stderr.strip()[-200:]}", float("nan")
    seconds, _, outcome = lines[-2].partition(" ")
    return float(seconds), outcome, float(lines[-1])


def write_file(path: Path, n_steps: int, target_bytes: int) -> int:
    from generate import make_blueprint

    from blueprint_editor.core.io import dumps

    bp = make_blueprint(n_steps)
    size = len(dumps(bp).encode())
    pad = max(0, (target_bytes - size) // n_steps - len(',\n      "description": ""'))
    if pad:
        bp = bp.model_copy(
            update={"steps": [s.model_copy(update={"description": "d" * pad}) for s in bp.steps]}
        )
    path.write_text(dumps(bp), encoding="utf-8")
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    from blueprint_editor.core.limits import MAX_SHOWN_STEPS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=91_240)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "limit.blueprint"
        size = write_file(big, args.steps, TARGET_BYTES)
        at_limit = Path(tmp) / "at-limit.blueprint"
        write_file(at_limit, MAX_SHOWN_STEPS, 0)
        ini = str(Path(tmp) / "settings.ini")
        label = f"{args.steps:,} steps, {size / 1024 / 1024:.1f} MB"
        tasks = [
            ("validate", label, CLI, ("validate", str(big))),
            ("open", label, OPEN, (str(big), ini)),
            ("svg export", label, CLI, ("export", str(big), "-o", str(Path(tmp) / "o.svg"))),
            ("png export", label, CLI, ("export", str(big), "-o", str(Path(tmp) / "o.png"))),
            ("json export", label, CLI, ("export", str(big), "-o", str(Path(tmp) / "o.json"))),
            ("open at limit", f"{MAX_SHOWN_STEPS:,} steps", OPEN, (str(at_limit), ini)),
        ]
        for name, what, code, task_args in tasks:
            seconds, outcome, peak = child(code, *task_args)
            rows.append((name, what, seconds, outcome, peak))
            print(f"{name}: {seconds:.1f} s, {peak:.0f} MB, {outcome}", file=sys.stderr, flush=True)
    print("| task | file | time (s) | peak memory (MB) | outcome |")
    print("|---|---|---|---|---|")
    for name, what, seconds, outcome, peak in rows:
        print(f"| {name} | {what} | {seconds:.1f} | {peak:.0f} | {outcome[:90]} |")
    return 0


if __name__ == "__main__":
    start = time.perf_counter()
    code = main()
    print(f"(total {time.perf_counter() - start:.0f} s)", file=sys.stderr)
    sys.exit(code)
