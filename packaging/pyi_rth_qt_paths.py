# PyInstaller run-time hook, used instead of PyInstaller's own pyi_rth_pyside6.
#
# That hook imports PySide6.QtCore at every start, to embed a qt.conf; it loads Qt's core
# library and its 30 MB ICU data even for `blueprint-editor validate` or `--version`, which
# never touch Qt. PySide6 wheels embed that qt.conf themselves when QtCore is first imported
# (with the prefix next to the PySide6 package, which in the bundle is _internal/PySide6/Qt),
# so all that is left to do here is what needs no import: tell Qt where its plugins are.


def _pyi_rthook():
    import os
    import sys

    base = os.path.join(sys._MEIPASS, "PySide6")
    qt = base if sys.platform.startswith("win") else os.path.join(base, "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if sys.platform.startswith("win"):
        os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")


_pyi_rthook()
del _pyi_rthook
