"""No display and empty paths: one line on stderr and exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run(*args: str, env: dict, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "blueprint_editor", *args],
        cwd=cwd,
        env={**env, "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def without_display() -> dict:
    return {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}


@pytest.mark.skipif(sys.platform != "linux", reason="a display is always there elsewhere")
@pytest.mark.parametrize(
    "env",
    [
        without_display(),
        {**without_display(), "DISPLAY": ":97", "QT_QPA_PLATFORM": "xcb"},
        {**without_display(), "QT_QPA_PLATFORM": "wayland"},
    ],
    ids=["no DISPLAY", "DISPLAY without a server", "wayland without a server"],
)
def test_no_display_is_one_line_and_exit_2(tmp_path, env):
    from blueprint_editor.qt.app.system_libs import missing_report

    result = run(env=env, cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    missing = missing_report(env)
    if missing:  # no X11 libraries on this computer: that is said first (exit 1)
        assert (result.returncode, lines[0]) == (1, missing)
    else:
        assert result.returncode == 2
        assert "cannot open the editor window" in lines[0] and "validate" in lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ("",),
        ("validate", ""),
        ("validate", " "),
        ("export", "", "-o", "out.svg"),
        ("export", "", "-o", "out.json"),
    ],
)
def test_an_empty_path_is_named_as_such(tmp_path, args):
    result = run(*args, env=dict(os.environ), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "file name is empty" in result.stderr, result.stderr
    assert "folder" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".svg", ".json", ".png"])
def test_export_never_replaces_a_read_only_file(tmp_path, suffix):
    from pathlib import Path

    sample = Path(__file__).resolve().parent.parent / "data" / "export-sample.blueprint"
    out = tmp_path / f"out{suffix}"
    out.write_bytes(b"theirs")
    out.chmod(0o444)
    result = run("export", str(sample), "-o", str(out), env=dict(os.environ), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "read-only" in result.stderr, result.stderr
    assert out.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
