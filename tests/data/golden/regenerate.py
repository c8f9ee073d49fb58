"""Regenerate the golden export image(s) after an intended change of the canvas look.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/data/golden/regenerate.py

Then LOOK at the new PNG before committing it: the golden test
(tests/qt/test_export.py::test_golden_image) compares every export against it.
The rendering is pinned: bundled DejaVu Sans, unhinted, scale 1.0, white background,
offscreen platform, no date anywhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

#: name of the golden PNG -> the blueprint it shows
GOLDEN = {
    "hotel-stay.png": ROOT / "blueprint_editor" / "resources" / "examples" / "hotel-stay.blueprint",
    "export-sample.png": ROOT / "tests" / "data" / "export-sample.blueprint",
}
SCALE = 1.0


def render(source: Path) -> bytes:
    from blueprint_editor.core.model import Blueprint, check_references
    from blueprint_editor.qt.export.render import render_png_bytes

    bp = Blueprint.model_validate_json(source.read_text(encoding="utf-8"))
    check_references(bp)
    return render_png_bytes(bp, scale=SCALE)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from blueprint_editor.qt.export.render import ensure_app

    ensure_app()
    for name, source in GOLDEN.items():
        data = render(source)
        (HERE / name).write_bytes(data)
        print(f"wrote {HERE / name} ({len(data)} bytes) from {source.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
