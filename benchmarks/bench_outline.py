"""Outline benchmark: opening the outline of a large blueprint and following edits.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_outline.py [--sizes 500,2000,10000]

For each size (a blueprint from ``generate.make_blueprint``: five lanes, eight steps a
column, 1.5 handoffs a step) it builds the document, its canvas scene and undo stack,
then measures, best of several runs:

- open grid    the outline panel made (both item models) and shown, 1280 x 720, in grid
               mode, first frame painted
- open rows    the same panel switched to one row per step, first frame painted
- rename       one step renamed through the EditController, all listeners (canvas and
               outline) following, the outline repainted
- add step     Enter in the outline: one step added in a cell (capture), outline repainted
- change lane  one step moved to another lane from the rows mode (a row moves)
- ... (canvas only)   the same edits before the outline exists: the difference is the
               outline's share of an edit (the rest is the canvas re-laying its lanes)

Prints a Markdown table (milliseconds) for benchmarks/README.md. Measurements, not tests.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_blueprint  # noqa: E402


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000.0


def measure(n_steps: int, repeat: int) -> dict[str, float]:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from blueprint_editor.core import edits
    from blueprint_editor.core.document import Document
    from blueprint_editor.core.outline import capture_step
    from blueprint_editor.qt.canvas.scene import BlueprintScene
    from blueprint_editor.qt.editing.undo import EditController
    from blueprint_editor.qt.panels.outline.models import LANE
    from blueprint_editor.qt.panels.outline.panel import OutlinePanel

    app = QApplication.instance() or QApplication([])
    doc = Document(make_blueprint(n_steps))
    stack = QUndoStack()
    controller = EditController(doc, stack)
    scene = BlueprintScene(doc, controller)
    results: dict[str, float] = {}
    sid = doc.blueprint.steps[n_steps // 2].id
    counter = iter(range(10**9))

    def rename() -> None:
        controller.push(edits.set_fields(doc, "steps", sid, title=f"Renamed {next(counter)}"))
        app.processEvents()

    step = doc.step(sid)
    lanes = [lane.id for lane in doc.blueprint.lanes]

    def add_step_edit() -> None:
        controller.push(capture_step(doc, (step.lane, step.column), "Called out", after=sid))
        app.processEvents()

    def lane_edit() -> None:
        now = doc.step(sid).lane
        target = lanes[(lanes.index(now) + 1) % len(lanes)]
        controller.push(edits.move_steps(doc, [(sid, target, doc.step(sid).column)]))
        app.processEvents()

    results["rename (canvas only)"] = best_of(rename, repeat * 4)
    results["add step (canvas only)"] = best_of(add_step_edit, repeat * 4)
    results["change lane (canvas only)"] = best_of(lane_edit, repeat * 4)
    panels: list[OutlinePanel] = []

    def open_grid() -> None:
        for old in panels:
            old.close()
            old.deleteLater()
        panels.clear()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        start = time.perf_counter()
        panel = OutlinePanel(doc, controller, scene)
        panel.resize(1280, 720)
        panel.show()
        panel.repaint()
        app.processEvents()
        times.append(time.perf_counter() - start)
        panels.append(panel)

    times: list[float] = []
    for _ in range(repeat):
        open_grid()
    results["open grid"] = min(times) * 1000.0
    panel = panels[0]

    def open_rows() -> None:
        panel.set_rows_mode(False)
        start = time.perf_counter()
        panel.set_rows_mode(True)
        panel.repaint()
        app.processEvents()
        times.append(time.perf_counter() - start)

    times = []
    for _ in range(repeat):
        open_rows()
    results["open rows"] = min(times) * 1000.0

    def rename_shown() -> None:
        rename()
        panel.repaint()

    results["rename"] = best_of(rename_shown, repeat * 4)

    def add_step() -> None:
        add_step_edit()
        panel.repaint()

    results["add step"] = best_of(add_step, repeat * 4)
    model = panel.steps_model

    def change_lane() -> None:
        now = doc.step(sid).lane
        target = lanes[(lanes.index(now) + 1) % len(lanes)]
        model.setData(model.index_of_step(sid, LANE), target)
        panel.repaint()
        app.processEvents()

    results["change lane"] = best_of(change_lane, repeat * 4)
    panel.close()
    scene.detach()
    return results


COLUMNS = (
    "open grid",
    "open rows",
    "rename",
    "rename (canvas only)",
    "add step",
    "add step (canvas only)",
    "change lane",
    "change lane (canvas only)",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print("| steps | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    for size in (int(s) for s in args.sizes.split(",")):
        results = measure(size, args.repeat)
        print(f"| {size} | " + " | ".join(f"{results[c]:.1f} ms" for c in COLUMNS) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
