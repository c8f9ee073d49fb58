#!/usr/bin/env python3
"""Build the Blueprint Editor bundle and its versioned archive.

    python packaging/build.py [--dist DIR] [--work DIR] [--clean] [--no-archive]

Needs the `package` extra (PyInstaller): pip install -e '.[package]'. Steps:
1. PyInstaller builds packaging/blueprint-editor.spec into DIST/blueprint-editor/ (one folder,
   console `blueprint-editor` and windowed `blueprint-editor-gui`; on macOS also
   DIST/Blueprint Editor.app).
2. Linux: the desktop integration goes in beside the programs: share/ (menu entry, file type,
   AppStream data, hicolor icons), install.sh and README.txt.
3. A smoke test: the frozen console program must print its version.
4. The archive, named by version, system and machine:
     Linux    DIST/blueprint-editor-<version>-linux-<arch>.tar.gz    (folder blueprint-editor-<version>/)
     Windows  DIST/blueprint-editor-<version>-windows-<arch>.zip
     macOS    DIST/blueprint-editor-<version>-macos-<arch>.zip       (the .app, made with ditto)
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "blueprint-editor.spec"
LINUX = PACKAGING / "linux"
ICONS = ROOT / "blueprint_editor" / "resources" / "icons"
APP = "blueprint-editor"
APP_ID = "org.blueprinteditor.BlueprintEditor"
MIME_ICON = "application-x-service-blueprint"

README_TXT = """\
Blueprint Editor {version}

Start it without installing:     ./blueprint-editor-gui   (or ./blueprint-editor FILE)
Install it for you (menu entry, .blueprint files open in it):   ./install.sh
Install it for everyone:         sudo ./install.sh --system
Remove it:                       ~/.local/opt/blueprint-editor/install.sh --uninstall

Check blueprints from a terminal:
  blueprint-editor validate FILE...        (exit 0: clean, 1: findings, 2: unreadable)
  blueprint-editor export FILE -o OUT.png  (or .svg, .pdf, .json)
"""


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from blueprint_editor import __version__

    return __version__


def system_and_arch() -> tuple[str, str]:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    arch = platform.machine().lower()
    arm = "arm64" if system == "macos" else "aarch64"
    arch = {"amd64": "x86_64", "x64": "x86_64", "arm64": arm}.get(arch, arch)
    return system, arch


def exe(name: str) -> str:
    return name + (".exe" if sys.platform == "win32" else "")


def run_pyinstaller(dist: Path, work: Path, clean: bool) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            "PyInstaller is not installed in this Python: pip install -e '.[package]' (or '.[test]')"
        ) from None
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    if clean:
        cmd.insert(3, "--clean")
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def add_linux_integration(bundle: Path, ver: str) -> None:
    share = bundle / "share"
    if share.exists():
        shutil.rmtree(share)
    (share / "applications").mkdir(parents=True)
    (share / "mime" / "packages").mkdir(parents=True)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy2(LINUX / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    shutil.copy2(LINUX / f"{APP_ID}.mime.xml", share / "mime" / "packages" / f"{APP_ID}.xml")
    shutil.copy2(LINUX / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    hicolor = share / "icons" / "hicolor"
    for png in sorted((ICONS / "hicolor").glob("*/apps/*.png")):
        size = png.parent.parent.name
        for context, name in (("apps", APP), ("mimetypes", MIME_ICON)):
            target = hicolor / size / context / f"{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(png, target)
    for context, name in (("apps", APP), ("mimetypes", MIME_ICON)):
        target = hicolor / "scalable" / context / f"{name}.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ICONS / f"{APP}.svg", target)
    shutil.copy2(LINUX / "install.sh", bundle / "install.sh")
    (bundle / "install.sh").chmod(0o755)
    (bundle / "README.txt").write_text(README_TXT.format(version=ver), encoding="utf-8")


def smoke_test(bundle: Path, ver: str) -> None:
    out = subprocess.run([str(bundle / exe(APP)), "--version"], capture_output=True, text=True, timeout=120)
    if out.returncode != 0 or ver not in out.stdout:
        raise SystemExit(
            f"the frozen program does not start: exit {out.returncode}\n{out.stdout}{out.stderr}"
        )
    print(f"smoke test: {out.stdout.strip()}")


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def make_archive(dist: Path, ver: str) -> Path:
    system, arch = system_and_arch()
    stem = f"{APP}-{ver}-{system}-{arch}"
    if system == "linux":
        archive = dist / f"{stem}.tar.gz"
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(dist / APP, arcname=f"{APP}-{ver}", filter=_tar_filter)
    elif system == "macos":
        archive = dist / f"{stem}.zip"
        app = dist / "Blueprint Editor.app"
        subprocess.run(
            ["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", str(app), str(archive)], check=True
        )
    else:
        archive = dist / f"{stem}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted((dist / APP).rglob("*")):
                zf.write(path, Path(f"{APP}-{ver}") / path.relative_to(dist / APP))
    return archive


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (dist/)")
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "pyinstaller",
        help="PyInstaller's work folder (build/pyinstaller/)",
    )
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-archive", action="store_true", help="stop after the folder")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    ver = version()

    run_pyinstaller(dist, work, args.clean)
    bundle = dist / APP
    if sys.platform.startswith("linux"):
        add_linux_integration(bundle, ver)
    smoke_test(bundle, ver)
    print(f"bundle: {bundle} ({folder_size(bundle) / 2**20:.1f} MiB)")
    if not args.no_archive:
        archive = make_archive(dist, ver)
        print(f"archive: {archive} ({archive.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
