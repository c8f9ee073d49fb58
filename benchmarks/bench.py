"""Performance benchmark: large blueprints, each time as a ratio to a floor of the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench.py [--sizes 500,2000,10000]

For each size it writes a generated blueprint (1.5 handoffs per step) to a temporary file
and measures, best of several runs (the core tasks take turns with the floor):

- floor        json.loads of the file's text (the cheapest possible "read")
- parse        core.io.loads: parse + migrate + model + reference checks
- models       pydantic alone building the document's models from the text, strict, with
               no other check: the least any loader of this document can cost
- validate     core.validate.validate
- save         core.io.dumps + atomic write
- open         File > Open in the editor's window: read + parse + build the scene + run the
               checks and badge the canvas + first frame
- drag frame   one mouse-move of a card drag at 100% zoom (move + reroute arrows + repaint;
               offscreen the whole viewport is repainted, on a real display (for example
               ``QT_QPA_PLATFORM=xcb`` under Xvfb) only what changed, as a user sees it)
- whole frame  one repaint with the whole blueprint in view (fit to window)
- png export   File > Export as PNG at the default scale (its size in megapixels too)

Prints a Markdown table (milliseconds and ratio to the floor) for the README. These are
measurements, not tests: nothing here fails on a slow machine. ``--profile NAME`` also
runs one measurement under pyinstrument (``pip install pyinstrument``) and prints where
its time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_blueprint  # noqa: E402

from blueprint_editor.core.gc_pause import gc_paused  # noqa: E402
from blueprint_editor.core.io import dumps, loads, save_path  # noqa: E402
from blueprint_editor.core.model import Blueprint  # noqa: E402
from blueprint_editor.core.validate import validate  # noqa: E402

#: ``--profile NAME``: the measurement to run once more under pyinstrument.
PROFILE: str | None = None


def profiled(name: str, fn) -> None:
    """Run ``fn`` once under pyinstrument and print where the time goes (``--profile``)."""
    if name != PROFILE:
        return
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("--profile needs pyinstrument: .venv/bin/pip install pyinstrument")
    profiler = Profiler(interval=0.0005)
    profiler.start()
    fn()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False), file=sys.stderr)


def best_of(fn, repeat: int = 5, name: str | None = None) -> float:
    """Best wall time of ``repeat`` runs, in milliseconds."""
    if name is not None:
        profiled(name, fn)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000.0


def median_of(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2]


def interleaved_best(tasks: dict[str, object], repeat: int) -> dict[str, float]:
    """Best wall time of each task in milliseconds, the tasks taking turns, so that a
    slow spell of a shared machine hits the floor and the measured task alike."""
    for name, fn in tasks.items():
        profiled(name, fn)
    best = dict.fromkeys(tasks, float("inf"))
    for _ in range(repeat):
        for name, fn in tasks.items():
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], (time.perf_counter() - start) * 1000.0)
    return best


def models_only(text: str) -> Blueprint:
    """pydantic's part of :func:`loads` alone, under the same collector pause."""
    with gc_paused():
        return Blueprint.model_validate_json(text, strict=True)


def measure_core(path: Path, text: str, repeat: int) -> dict[str, float]:
    bp = loads(text)
    out = path.with_name("saved.blueprint")
    return interleaved_best(
        {
            "floor": lambda: json.loads(text),
            "parse": lambda: loads(text),
            "models": lambda: models_only(text),
            "validate": lambda: validate(bp),
            "save": lambda: save_path(bp, out),
        },
        3 * repeat,
    )  # cheap tasks: more turns, the best of them is steadier


def measure_qt(path: Path, repeat: int) -> dict[str, float]:
    """Measured in the editor's real main window (docks, findings, badges, inspector)."""
    from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from blueprint_editor.qt.app.main_window import MainWindow
    from blueprint_editor.qt.export.render import png_size, render_png_bytes

    app = QApplication.instance() or QApplication([])
    results: dict[str, float] = {}
    settings = QSettings(str(path.with_name("bench-settings.ini")), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1400, 900)
    window.show()
    app.processEvents()

    def open_once():
        # File > Open of this file: read, check, build the canvas, run the checks and
        # put up their badges, then paint the first frame
        window.files.open_path(str(path))
        window.checks_ui.runner.run_now()
        window.repaint()

    results["open"] = best_of(open_once, max(1, repeat // 2), "open")
    app.processEvents()
    doc, stack, scene, view = window.document, window.undo_stack, window.scene, window.view

    # drag one well-connected card at 100% zoom: one mouse move per frame
    view.reset_zoom()
    busiest = max(doc.blueprint.steps, key=lambda s: len(doc.handoff_ids_of(s.id)))
    item = scene.step_item(busiest.id)
    view.centerOn(item)
    app.processEvents()
    vp = view.viewport()
    start = view.mapFromScene(item.sceneBoundingRect().center())

    def mouse(kind, pos, buttons):
        moving = kind == QEvent.Type.MouseMove
        button = Qt.MouseButton.NoButton if moving else Qt.MouseButton.LeftButton
        event = QMouseEvent(
            kind, QPointF(pos), QPointF(vp.mapToGlobal(pos)), button, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(vp, event)

    mouse(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    samples = []

    offscreen = app.platformName() == "offscreen"

    def drag_frame(k: int) -> None:
        mouse(QEvent.Type.MouseMove, start + QPoint(3 * k, 2 * k), Qt.MouseButton.LeftButton)
        app.processEvents()  # what the move triggers (badges follow their arrows)
        if offscreen:  # nothing is painted offscreen: repaint the whole viewport (worst case)
            vp.repaint()
        else:  # a real display: the paint of the changed region, as a user sees it
            app.processEvents()

    for k in range(1, 41):
        t0 = time.perf_counter()
        drag_frame(k)
        samples.append((time.perf_counter() - t0) * 1000.0)
    profiled("drag frame", lambda: [drag_frame(k) for k in range(41, 61)])
    mouse(QEvent.Type.MouseButtonRelease, start + QPoint(180, 120), Qt.MouseButton.NoButton)
    results["drag frame"] = median_of(samples)
    results["drag frames moved"] = float(stack.count())  # 1 = the drag became one undo entry

    view.fit_all()
    app.processEvents()
    results["whole frame"] = best_of(vp.repaint, repeat, "whole frame")

    bp = doc.blueprint
    # the default scale, as File > Export and the command line use it (it shrinks a
    # blueprint too wide for one picture to fit the pixel limit)
    results["png export"] = best_of(lambda: render_png_bytes(bp), max(1, repeat // 2), "png export")
    width, height = png_size(bp)
    results["png megapixels"] = width * height / 1e6
    stack.setClean()
    window.close()
    window.deleteLater()  # gone before the next size: a hidden window still costs
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-qt", action="store_true", help="core measurements only")
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help="also profile one measurement (parse, validate, save, open, "
        "drag frame, whole frame, png export) with pyinstrument",
    )
    args = parser.parse_args(argv)
    global PROFILE
    PROFILE = args.profile
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"bench-{n}.blueprint"
            text = dumps(make_blueprint(n))
            path.write_text(text, encoding="utf-8")
            result = measure_core(path, text, args.repeat)
            if not args.no_qt:
                result.update(measure_qt(path, args.repeat))
            rows.append((n, result))
            print(
                f"{n} steps: " + ", ".join(f"{k} {v:.1f}" for k, v in result.items()),
                file=sys.stderr,
                flush=True,
            )
    keys = [k for k in rows[0][1] if k not in ("floor", "drag frames moved", "png megapixels")]
    print("| steps | json.loads floor (ms) | " + " | ".join(keys) + " |")
    print("|---|---|" + "---|" * len(keys))
    for n, r in rows:
        cells = [f"{r[k]:.1f} ms ({r[k] / r['floor']:.1f}x)" for k in keys]
        print(f"| {n} | {r['floor']:.1f} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
