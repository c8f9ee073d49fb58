"""The wheel (what ``pip install`` and ``pipx install`` get) holds a working editor: build it
from a copy of the source tree, offline, check it carries every resource (examples,
templates, icons, fonts, the schema), install it into a fresh virtual environment and
export a picture there that is byte for byte the one the source tree exports (so the
bundled font is used, not whatever the machine has).

The build runs offline (``--no-build-isolation --no-index``) with the setuptools of the
running environment, which the ``test`` extra brings in a version that builds wheels on its
own (70.1 or newer). The fresh environment gets the wheel and nothing else; its third-party
packages (PySide6, pydantic, networkx) come from the running environment through a ``.pth``
line, so nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

import blueprint_editor

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "blueprint_editor" / "resources"
SAMPLE = ROOT / "tests" / "data" / "export-sample.blueprint"
VERSION = blueprint_editor.__version__


def clean_env() -> dict[str, str]:
    """No source tree on the path, no display, nothing of the user's."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def resource_files() -> list[str]:
    """Every resource file of the source tree, as a path inside the wheel."""
    return sorted(
        f"blueprint_editor/resources/{p.relative_to(RESOURCES).as_posix()}"
        for p in RESOURCES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # a copy: building writes build/ and *.egg-info next to the sources
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "blueprint_editor",
        src / "blueprint_editor",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    out = tmp_path_factory.mktemp("wheelhouse")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(src),
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "-w",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=clean_env(),
    )
    assert result.returncode == 0, (
        "building the wheel failed (the test extra brings setuptools>=70.1: pip install -e "
        f"'.[test]'):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    wheels = sorted(out.glob("*.whl"))
    assert [w.name for w in wheels] == [f"blueprint_editor-{VERSION}-py3-none-any.whl"]
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The python of a fresh virtual environment with the wheel installed."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False, system_site_packages=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
            env=clean_env(),
        ).stdout.strip()
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=clean_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # the third-party packages from the running environment, after the wheel on the path
    theirs = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    (site / "zz_dependencies.pth").write_text("".join(f"{p}\n" for p in theirs), encoding="utf-8")
    return python


def test_the_wheel_holds_every_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = resource_files()
    assert len(expected) >= 20
    assert [n for n in expected if n not in names] == []
    for part in (
        "examples/hotel-stay.blueprint",
        "blueprint.schema.json",
        "fonts/",
        "icons/blueprint-editor.svg",
    ):
        assert any(n.startswith(f"blueprint_editor/resources/{part}") for n in names), part
    assert any(n.endswith(".ttf") for n in names)
    entry_points = (
        zipfile.ZipFile(wheel).read(f"blueprint_editor-{VERSION}.dist-info/entry_points.txt").decode()
    )
    assert "blueprint-editor = blueprint_editor.cli:main" in entry_points


def test_the_installed_wheel_exports_the_same_png_as_the_source_tree(installed, tmp_path):
    where = subprocess.run(
        [
            str(installed),
            "-c",
            "import blueprint_editor.resources as r; print(r.__file__); print(r.resource('fonts'))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
    )
    assert where.returncode == 0, where.stderr
    module, fonts = where.stdout.split()
    env_dir = installed.parent.parent
    assert Path(module).is_relative_to(env_dir)  # the wheel's copy, not the source tree
    assert Path(fonts).is_relative_to(env_dir) and any(Path(fonts).glob("*.ttf"))

    from_wheel, from_source = tmp_path / "wheel.png", tmp_path / "source.png"
    run = subprocess.run(
        [str(installed), "-m", "blueprint_editor", "export", str(SAMPLE), "-o", str(from_wheel)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    env = dict(clean_env(), PYTHONPATH=str(ROOT))
    run = subprocess.run(
        [sys.executable, "-m", "blueprint_editor", "export", str(SAMPLE), "-o", str(from_source)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert from_wheel.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert from_wheel.read_bytes() == from_source.read_bytes()


def test_the_installed_wheel_opens_a_bundled_example(installed, tmp_path):
    code = (
        "from blueprint_editor.core.io import load_path\n"
        "from blueprint_editor.resources import resource\n"
        "bp = load_path(resource('examples', 'hotel-stay.blueprint'))\n"
        "print(len(bp.steps))\n"
    )
    run = subprocess.run(
        [str(installed), "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) > 5
    schema = subprocess.run(
        [str(installed), "-m", "blueprint_editor", "schema"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
    )
    assert schema.returncode == 0 and '"$schema"' in schema.stdout
