"""``blueprint-editor export FILE -o OUT [--scale S]`` in a subprocess, with no display."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "export-sample.blueprint"


def run_export(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(
        [sys.executable, "-m", "blueprint_editor", "export", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_png_scale_doubles_the_pixels(tmp_path):
    one, two = tmp_path / "one.png", tmp_path / "two.png"
    for out, scale in ((one, "1"), (two, "2")):
        result = run_export(str(SAMPLE), "-o", str(out), "--scale", scale, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    w, h = png_size(one)
    assert w > 800 and h > 600
    assert png_size(two) == (2 * w, 2 * h)


def test_png_default_scale_is_two(tmp_path):
    out = tmp_path / "default.png"
    result = run_export(str(SAMPLE), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    one = tmp_path / "one.png"
    assert run_export(str(SAMPLE), "-o", str(one), "--scale", "1", cwd=tmp_path).returncode == 0
    w, h = png_size(one)
    assert png_size(out) == (2 * w, 2 * h)


def test_png_matches_the_in_process_renderer(tmp_path, qapp):
    from blueprint_editor.core.model import Blueprint
    from blueprint_editor.qt.export.render import render_png_bytes

    out = tmp_path / "cli.png"
    assert run_export(str(SAMPLE), "-o", str(out), "--scale", "1", cwd=tmp_path).returncode == 0
    bp = Blueprint.model_validate_json(SAMPLE.read_text(encoding="utf-8"))
    assert out.read_bytes() == render_png_bytes(bp, scale=1)


def test_svg_holds_the_step_titles(tmp_path):
    out = tmp_path / "out.svg"
    result = run_export(str(SAMPLE), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = ET.fromstring(out.read_bytes())
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for step in json.loads(SAMPLE.read_text(encoding="utf-8"))["steps"]:
        assert step["title"] in texts


def test_pdf_is_one_page(tmp_path):
    out = tmp_path / "out.pdf"
    result = run_export(str(SAMPLE), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) == 1


def test_json_is_the_normalised_file(tmp_path):
    out = tmp_path / "out.json"
    result = run_export(str(SAMPLE), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(SAMPLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "content",
    [
        "{",
        "",
        '{"format": "service-blueprint", "version": 1, "lanes": [{"id": "a", "kind": "moon", "title": ""}]}',
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, content):
    bad = tmp_path / "bad.blueprint"
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "out.png"
    result = run_export(str(bad), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_unknown_suffix_exits_2_and_keeps_the_old_file(tmp_path):
    out = tmp_path / "out.gif"
    out.write_bytes(b"old")
    result = run_export(str(SAMPLE), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert out.read_bytes() == b"old"


def test_transparent_png_has_an_alpha_channel(tmp_path):
    opaque, clear = tmp_path / "opaque.png", tmp_path / "clear.png"
    assert run_export(str(SAMPLE), "-o", str(opaque), "--scale", "1", cwd=tmp_path).returncode == 0
    result = run_export(str(SAMPLE), "-o", str(clear), "--scale", "1", "--transparent", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # IHDR colour type: 2 = RGB, 6 = RGBA
    assert opaque.read_bytes()[25] == 2 and clear.read_bytes()[25] == 6
    assert png_size(clear) == png_size(opaque)


def test_export_never_opens_a_display(tmp_path):
    """Even with a DISPLAY that cannot be reached (ssh without X), export works."""
    out = tmp_path / "nodisplay.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["DISPLAY"] = ":97"  # nothing listens there
    result = subprocess.run(
        [sys.executable, "-m", "blueprint_editor", "export", str(SAMPLE), "-o", str(out), "--scale", "1"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert png_size(out)[0] > 800
