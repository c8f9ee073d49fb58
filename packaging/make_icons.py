#!/usr/bin/env python3
"""Render the app icon's every size from its one SVG source.

    python packaging/make_icons.py            regenerate
    python packaging/make_icons.py --check    exit 1 if the generated files are out of date

Source: blueprint_editor/resources/icons/blueprint-editor.svg. Output, committed so that a build needs no
extra step:
    blueprint_editor/resources/icons/hicolor/NxN/apps/blueprint-editor.png   N = 16 ... 512 (freedesktop)
    blueprint_editor/resources/icons/blueprint-editor.ico                    Windows, 16 ... 256
    blueprint_editor/resources/icons/blueprint-editor.icns                   macOS, 16 ... 1024
    blueprint_editor/resources/icons/generated.json                          the source's hash and the outputs
Rendering uses QtSvg (QSvgRenderer), so nothing beyond the editor's own dependencies is
needed: the .ico and .icns containers hold the rendered PNGs and are written here directly.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "blueprint_editor" / "resources" / "icons"
SOURCE = ICONS / "blueprint-editor.svg"
NAME = "blueprint-editor"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
MANIFEST = ICONS / "generated.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hicolor_png(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"


def render_png(size: int) -> bytes:
    """The SVG rendered to a size x size PNG with a transparent background."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    return bytes(buffer.data())


def pack_ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG-compressed image per size (Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    entries, blobs = b"", b""
    offset = len(header) + 16 * len(ICO_SIZES)
    for size in ICO_SIZES:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    return header + entries + blobs


# icns element types holding PNG data: (type, pixel size); "@2x" types reuse the larger render
ICNS_TYPES = (
    ("icp4", 16),
    ("icp5", 32),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic09", 512),
    ("ic10", 1024),
    ("ic11", 32),
    ("ic12", 64),
    ("ic13", 256),
    ("ic14", 512),
)


def pack_icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns of PNG elements (the layout iconutil writes, without the optional TOC)."""
    body = b"".join(
        kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def generate() -> dict[Path, bytes]:
    sizes = sorted(set(HICOLOR_SIZES + ICO_SIZES) | {s for _, s in ICNS_TYPES})
    pngs = {s: render_png(s) for s in sizes}
    files = {hicolor_png(s): pngs[s] for s in HICOLOR_SIZES}
    files[ICONS / f"{NAME}.ico"] = pack_ico(pngs)
    files[ICONS / f"{NAME}.icns"] = pack_icns(pngs)
    return files


def manifest(files: dict[Path, bytes]) -> str:
    data = {
        "source": SOURCE.relative_to(ROOT).as_posix(),
        "source_sha256": sha256(SOURCE),
        "generated_by": "packaging/make_icons.py",
        "files": {
            p.relative_to(ROOT).as_posix(): hashlib.sha256(b).hexdigest() for p, b in sorted(files.items())
        },
    }
    return json.dumps(data, indent=2) + "\n"


def check() -> list[str]:
    """Problems that make the committed icons stale (empty: current)."""
    if not MANIFEST.exists():
        return [f"{MANIFEST.relative_to(ROOT)} is missing"]
    data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    problems = []
    if data.get("source_sha256") != sha256(SOURCE):
        problems.append(f"{SOURCE.relative_to(ROOT)} changed since the icons were generated")
    for rel, digest in data.get("files", {}).items():
        path = ROOT / rel
        if not path.exists():
            problems.append(f"{rel} is missing")
        elif sha256(path) != digest:
            problems.append(f"{rel} was changed by hand")
    expected = {hicolor_png(s) for s in HICOLOR_SIZES} | {ICONS / f"{NAME}.ico", ICONS / f"{NAME}.icns"}
    for path in sorted(expected):
        if path.relative_to(ROOT).as_posix() not in data.get("files", {}):
            problems.append(f"{path.relative_to(ROOT)} is not generated")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the files are current")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            print("run: python packaging/make_icons.py", file=sys.stderr)
        return 1 if problems else 0

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841
    files = generate()
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data)} bytes)")
    MANIFEST.write_text(manifest(files), encoding="utf-8")
    print(f"wrote {MANIFEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
