"""Build the PyInstaller bundle (packaging/build.py) into a temporary folder and run the
frozen console program the way a facilitator would: --version, validate, export, schema,
then unpack the archive and install it with its install.sh.

Slow (about half a minute to build) but run by .ci/run. PyInstaller comes with the `test`
extra; without it these tests fail with a message saying so."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import blueprint_editor

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build.py"
SAMPLE = ROOT / "tests" / "data" / "export-sample.blueprint"
APP_ID = "org.blueprinteditor.BlueprintEditor"
VERSION = blueprint_editor.__version__
# what a facilitator's laptop gets: keep it lean (the measured size: packaging/README.md)
SIZE_BUDGET_MIB = 160


def clean_env(**extra: str) -> dict[str, str]:
    """No display and no Qt platform chosen: the program must cope on its own."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH")
    }
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail(
            "PyInstaller is not installed, so the bundle cannot be built: "
            "pip install -e '.[test]' (python3 dev.py test does it)",
            pytrace=False,
        )
    out = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("work")
    result = subprocess.run(
        [sys.executable, str(BUILD), "--dist", str(out), "--work", str(work)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert result.returncode == 0, f"build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return out


@pytest.fixture(scope="module")
def bundle(dist) -> Path:
    return dist / "blueprint-editor"


def frozen(bundle: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(bundle / "blueprint-editor"), *args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def source(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "blueprint_editor", *args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def examples() -> list[Path]:
    """The bundled examples (when the repository has them) and the export test sample."""
    return sorted((ROOT / "blueprint_editor" / "resources" / "examples").glob("*.blueprint")) + [SAMPLE]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_both_programs_print_the_version(bundle, tmp_path):
    for program in ("blueprint-editor", "blueprint-editor-gui"):
        result = subprocess.run(
            [str(bundle / program), "--version"],
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"blueprint-editor {VERSION}"


def test_validate_exit_status_follows_the_findings(bundle, tmp_path):
    from blueprint_editor.core.io import load_path
    from blueprint_editor.core.validate import validate

    for example in examples():
        findings = validate(load_path(example))
        want = 1 if any(f.severity in ("error", "warning") for f in findings) else 0
        result = frozen(bundle, "validate", "--json", str(example), cwd=tmp_path)
        assert result.returncode == want, result.stderr
        (report,) = json.loads(result.stdout)["files"]
        assert report["path"] == str(example)
        assert report["findings"] == [f.to_json() for f in findings]
        plain = frozen(bundle, "validate", str(example), cwd=tmp_path)
        assert plain.returncode == want
        assert plain.stdout == source("validate", str(example), cwd=tmp_path).stdout


def test_validate_refuses_a_broken_file_with_status_2_and_one_line(bundle, tmp_path):
    bad = tmp_path / "broken.blueprint"
    bad.write_text('{"format": "service-blueprint", "version": 1,', encoding="utf-8")
    result = frozen(bundle, "validate", str(bad), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "broken.blueprint" in result.stderr and "line 1" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_json_writes_the_normalised_file(bundle, tmp_path):
    from blueprint_editor.core.io import dumps, load_path

    for example in examples():
        out = tmp_path / f"{example.stem}.json"
        result = frozen(bundle, "export", str(example), "-o", str(out), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert out.read_text(encoding="utf-8") == dumps(load_path(example))


def test_export_png_svg_pdf_without_a_display(bundle, tmp_path):
    one, two = tmp_path / "one.png", tmp_path / "two.png"
    for out, scale in ((one, "1"), (two, "2")):
        result = frozen(bundle, "export", str(SAMPLE), "-o", str(out), "--scale", scale, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    ref = tmp_path / "source.png"
    assert source("export", str(SAMPLE), "-o", str(ref), "--scale", "1", cwd=tmp_path).returncode == 0
    # the same pixels as the editor's export from source: same renderer, same bundled font
    assert one.read_bytes() == ref.read_bytes()
    w, h = png_size(one)
    assert w > 800 and h > 600
    assert png_size(two) == (2 * w, 2 * h)

    svg, pdf = tmp_path / "out.svg", tmp_path / "out.pdf"
    for out in (svg, pdf):
        result = frozen(bundle, "export", str(SAMPLE), "-o", str(out), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Restaurant visit" in ET.tostring(root, encoding="unicode")
    assert pdf.read_bytes()[:5] == b"%PDF-" and b"%%EOF" in pdf.read_bytes()[-32:]


def test_schema_matches_the_source(bundle, tmp_path):
    result = frozen(bundle, "schema", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(source("schema", cwd=tmp_path).stdout)


def test_bundle_holds_the_resources_and_only_the_qt_it_needs(bundle):
    internal = bundle / "_internal"
    res = internal / "resources"
    repo = ROOT / "blueprint_editor" / "resources"

    def names(folder: Path) -> list[str]:
        return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())

    assert names(res / "examples") == names(repo / "examples")
    for rel in ("fonts/DejaVuSans.ttf", "icons/blueprint-editor.svg", "icons/blueprint-editor.ico"):
        assert (res / rel).read_bytes() == (repo / rel).read_bytes()
    for schema in repo.glob("*.schema.json"):
        assert (res / schema.name).read_bytes() == schema.read_bytes()

    qt = internal / "PySide6" / "Qt"
    catalogs = sorted(p.name for p in (qt / "translations").iterdir())
    assert "qtbase_de.qm" in catalogs and "qtbase_fr.qm" in catalogs
    assert all(name.startswith("qtbase_") for name in catalogs)
    plugins = qt / "plugins"
    for plugin in (
        "platforms/libqoffscreen.so",
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "imageformats/libqsvg.so",
        "iconengines/libqsvgicon.so",
    ):
        assert (plugins / plugin).is_file(), plugin
    files = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*")]
    heavy = re.compile(r"Qt6(Qml|Quick|Pdf|VirtualKeyboard|Network|Multimedia|3D)|/qml/|libqgtk3")
    assert not [f for f in files if heavy.search(f)]
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < SIZE_BUDGET_MIB * 2**20, f"bundle grew to {size / 2**20:.0f} MiB"


def test_archive_installs_and_uninstalls_for_one_user(dist, tmp_path):
    arch = platform.machine().lower()
    archive = dist / f"blueprint-editor-{VERSION}-linux-{arch}.tar.gz"
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    top = tmp_path / "unpacked" / f"blueprint-editor-{VERSION}"
    assert (top / "install.sh").stat().st_mode & 0o111
    opt, share, bin_ = tmp_path / "opt" / "blueprint-editor", tmp_path / "share", tmp_path / "bin"
    places = ["--opt", str(opt), "--share", str(share), "--bin", str(bin_)]
    env = clean_env(HOME=str(tmp_path / "home"))
    result = subprocess.run(
        ["sh", str(top / "install.sh"), *places], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr

    version = subprocess.run(
        [str(bin_ / "blueprint-editor"), "--version"], env=env, capture_output=True, text=True, timeout=120
    )
    assert version.stdout.strip() == f"blueprint-editor {VERSION}"
    desktop = (share / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{opt}/blueprint-editor-gui" %f' in desktop.splitlines()
    assert f"TryExec={opt}/blueprint-editor-gui" in desktop.splitlines()
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    for size in (16, 48, 256):
        assert (share / f"icons/hicolor/{size}x{size}/apps/blueprint-editor.png").is_file()
        mime_icon = f"icons/hicolor/{size}x{size}/mimetypes/application-x-service-blueprint.png"
        assert (share / mime_icon).is_file()
    assert (share / "icons/hicolor/scalable/apps/blueprint-editor.svg").is_file()

    result = subprocess.run(
        ["sh", str(opt / "install.sh"), "--uninstall", *places],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert not opt.exists() and not (bin_ / "blueprint-editor").exists()
    assert not (share / "applications" / f"{APP_ID}.desktop").exists()
    assert not list((share / "icons").rglob("*.png"))
