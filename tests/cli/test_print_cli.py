"""``blueprint-editor export`` for the wall: --paper, --tiles, --pages, --tile-size."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from blueprint_editor.core.io import dumps
from factories import six_phase_blueprint

A4_PORTRAIT = (595, 842)


def run_export(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(
        [sys.executable, "-m", "blueprint_editor", "export", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture
def wall_file(tmp_path) -> Path:
    path = tmp_path / "wall.blueprint"
    text = dumps(six_phase_blueprint(columns_per_phase=2))
    path.write_text(text if isinstance(text, str) else text.decode("utf-8"), encoding="utf-8")
    return path


def sizes(path: Path) -> list[tuple[int, int]]:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]


def test_a1_poster_as_a4_tiles(wall_file, tmp_path):
    out = tmp_path / "tiles.pdf"
    result = run_export(
        str(wall_file), "-o", str(out), "--paper", "A1", "--landscape", "--tiles", "A4", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # readable: no warning
    pages = sizes(out)
    assert len(pages) > 1
    assert all(size in (A4_PORTRAIT, A4_PORTRAIT[::-1]) for size in pages)
    assert len(set(pages)) == 1
    poster = tmp_path / "poster.pdf"
    assert (
        run_export(str(wall_file), "-o", str(poster), "--paper", "a1", "--landscape", cwd=tmp_path).returncode
        == 0
    )
    assert sizes(poster) == [(2384, 1684)]


def test_pages_puts_a_phase_on_each_page(wall_file, tmp_path):
    out = tmp_path / "pages.pdf"
    result = run_export(
        str(wall_file), "-o", str(out), "--paper", "A4", "--landscape", "--pages", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert sizes(out) == [A4_PORTRAIT[::-1]] * 6


def test_small_paper_warns_on_stderr_and_exits_0(wall_file, tmp_path):
    out = tmp_path / "a4.pdf"
    result = run_export(str(wall_file), "-o", str(out), "--paper", "A4", "--landscape", cwd=tmp_path)
    assert result.returncode == 0
    assert out.is_file() and sizes(out) == [A4_PORTRAIT[::-1]]
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{out}: warning: card text would print at ")
    assert "on A4 landscape, under 8 pt; use A" in lines[0]
    assert "--tiles A4" in lines[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.png", "--paper", "A3"], "apply to .pdf only"),
        (["-o", "x.pdf", "--tiles", "A4"], "need --paper"),
        (["-o", "x.pdf", "--paper", "B5"], "unknown paper 'B5'"),
        (["-o", "x.pdf", "--paper", "A1", "--tiles", "A2"], "tiles must be one of A4, A3, letter"),
        (["-o", "x.pdf", "--paper", "A1", "--tiles", "A4", "--pages"], "not allowed with"),
        (["-o", "x.svg", "--tile-size", "100x100"], "--tile-size applies to .png only"),
        (["-o", "x.png", "--tile-size", "wide"], "WIDTHxHEIGHT"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(wall_file, tmp_path, args, message):
    result = run_export(str(wall_file), *args, cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert not (tmp_path / args[1]).exists()


def test_png_tile_size_writes_several_files(wall_file, tmp_path):
    out = tmp_path / "wide.png"
    result = run_export(str(wall_file), "-o", str(out), "--tile-size", "3000x3000", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in tmp_path.glob("wide-r*-c*.png"))
    assert files[0] == "wide-r01-c01.png" and len(files) >= 2
    assert not out.exists()
