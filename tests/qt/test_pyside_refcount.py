"""Regression test for the PySide6 trap: on Python 3.11, PySide6 6.12.0 drops a reference
to ``None`` on every Qt call that returns nothing, until the interpreter aborts with
"Fatal Python error: none_dealloc" (see the PySide6 pin in pyproject.toml).

The calls run in a subprocess, so a fatal abort shows up as a failed test instead of
killing pytest. 20,000 calls would take the count of ``None`` down by 20,000 with the bad
build; a small slack allows for unrelated interpreter noise.
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 20_000
SLACK = 100

SCRIPT = f"""
import sys
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene

app = QApplication.instance() or QApplication([])
scene = QGraphicsScene()
item = QGraphicsRectItem(0, 0, 10, 10)
scene.addItem(item)

def measure(name, call):
    before = sys.getrefcount(None)
    for i in range({CALLS}):
        call(i)
    after = sys.getrefcount(None)
    print(name, before, after, flush=True)

measure("setZValue", lambda i: item.setZValue(i % 7))
measure("setPos", lambda i: item.setPos(i % 5, 1))
measure("setRect", lambda i: item.setRect(0, 0, 10 + i % 3, 10))
print("done", flush=True)
"""


def test_void_qt_calls_do_not_eat_references_to_none():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, (
        f"the Qt calls crashed the interpreter (exit {result.returncode}); is a broken "
        f"PySide6 installed?\n{result.stderr[-2000:]}"
    )
    lines = result.stdout.split("\n")
    assert "done" in lines, result.stdout
    counts = [line.split() for line in lines if line and line != "done"]
    assert [name for name, _, _ in counts] == ["setZValue", "setPos", "setRect"]
    for name, before, after in counts:
        assert int(after) >= int(before) - SLACK, (
            f"{name}: the reference count of None fell from {before} to {after} over "
            f"{CALLS} calls (the PySide6 none_dealloc bug)"
        )
