"""Before the window opens on Linux: are the system libraries Qt's X11 plugin needs there?

Without them Qt aborts the process with a message that names the plugin, not the missing
library (and sometimes blames another one). :func:`missing_report` runs ``ldd`` on the
``xcb`` platform plugin (``libqxcb.so``), reads the libraries it reports as "not found" and
says, in one line, which system packages are missing and the ``apt`` command that installs
them. It is quiet when the xcb plugin will not be used (another ``QT_QPA_PLATFORM``, a
Wayland session, not Linux), when ``ldd`` is not there, and when nothing is missing.

:data:`PACKAGES` maps each library of the plugin to its Debian/Ubuntu package; the README's
list is this table.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

#: library file (soname) -> Debian/Ubuntu package that provides it
PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")

Runner = Callable[[list[str]], str]


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` reports as not found, each once, in its order."""
    found = (_NOT_FOUND.match(line) for line in ldd_output.splitlines())
    return list(dict.fromkeys(m.group(1) for m in found if m))


def packages_for(libraries: list[str]) -> list[str]:
    """Package names for ``libraries`` (a library not in :data:`PACKAGES` stands for
    itself, so the line still names it)."""
    return list(dict.fromkeys(PACKAGES.get(lib, lib) for lib in libraries))


def report(libraries: list[str]) -> str:
    """The one line the editor prints (empty when nothing is missing)."""
    if not libraries:
        return ""
    known = [PACKAGES[lib] for lib in libraries if lib in PACKAGES]
    unknown = [lib for lib in libraries if lib not in PACKAGES]
    packages = list(dict.fromkeys(known))
    parts = [
        (
            f"blueprint-editor cannot open its window: Qt's X11 (xcb) platform plugin needs "
            f"system libraries that are missing ({', '.join(libraries)})."
        )
    ]
    if packages:
        parts.append(f"Install them with: sudo apt-get install {' '.join(packages)}")
    if unknown:
        parts.append(f"(also install the package that provides {', '.join(unknown)})")
    return " ".join(parts)


def uses_xcb(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True when Qt will try the xcb plugin (Linux, X11, no other platform chosen)."""
    environ: Mapping[str, str] = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    wayland = environ.get("WAYLAND_DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland"
    return not wayland


def xcb_plugin() -> Path | None:
    from PySide6.QtCore import QLibraryInfo  # QtCore only: no display needed

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    path = plugins / "platforms" / "libqxcb.so"
    return path if path.is_file() else None


def _ldd(args: list[str]) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=20, check=False)
    return done.stdout


def missing_report(
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    run: Runner = _ldd,
    plugin: Path | None = None,
) -> str:
    """The one-line report of missing system libraries, or "" (see the module doc)."""
    if not uses_xcb(env, platform):
        return ""
    plugin = plugin if plugin is not None else xcb_plugin()
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return ""
    try:
        output = run([ldd, str(plugin)])
    except (OSError, subprocess.SubprocessError):
        return ""
    return report(missing_libraries(output))
