"""On Linux without some of the X11 libraries Qt's xcb plugin needs, the editor says in one
line which packages are missing and how to install them (fake ldd output)."""

from __future__ import annotations

from pathlib import Path

from blueprint_editor.qt.app import launch, system_libs

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd3b5f2000)
\tlibQt6XcbQpa.so.6 => /opt/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f1c2a000000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f1c29f00000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-shape.so.0 => /lib/x86_64-linux-gnu/libxcb-shape.so.0 (0x00007f1c29e00000)
\tlibxcb-icccm.so.4 => not found
\tlibweird-thing.so.3 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f1c2a200000)
"""

X11 = {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}


def test_missing_libraries_are_read_once_each():
    assert system_libs.missing_libraries(LDD) == [
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
        "libweird-thing.so.3",
    ]
    assert system_libs.missing_libraries(LDD.replace("not found", "/lib/x.so (0x1)")) == []


def test_the_report_is_one_line_with_the_packages_and_the_command(tmp_path):
    calls = []

    def fake_ldd(args):
        calls.append(args)
        return LDD

    plugin = tmp_path / "libqxcb.so"
    line = system_libs.missing_report(X11, "linux", fake_ldd, plugin)
    assert calls and calls[0][-1] == str(plugin)
    assert "\n" not in line
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1, libweird-thing.so.3" in line
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in line
    assert "libweird-thing.so.3" in line.split("install libxcb-icccm4")[1]


def test_quiet_when_nothing_is_missing_or_xcb_is_not_used(tmp_path):
    plugin = tmp_path / "libqxcb.so"
    good = LDD.replace("not found", "/lib/found.so (0x1)")
    assert system_libs.missing_report(X11, "linux", lambda a: good, plugin) == ""
    for env, platform in (
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"QT_QPA_PLATFORM": "wayland"}, "linux"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
        (X11, "darwin"),
        (X11, "win32"),
    ):
        assert system_libs.missing_report(env, platform, lambda a: LDD, plugin) == ""
    assert system_libs.uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert system_libs.uses_xcb({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}, "linux")


def test_every_package_of_the_table_is_in_the_readme():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    for package in set(system_libs.PACKAGES.values()):
        assert package in readme, package


def test_run_prints_the_line_and_returns_1_before_qt_starts(monkeypatch, capsys):
    monkeypatch.setattr(launch, "missing_report", lambda: "blueprint-editor cannot open ...")
    monkeypatch.setattr(launch.QApplication, "instance", staticmethod(lambda: None))
    monkeypatch.setattr(launch, "create_app", lambda: (_ for _ in ()).throw(AssertionError))
    assert launch.run(None) == 1
    assert capsys.readouterr().err == "blueprint-editor cannot open ...\n"
