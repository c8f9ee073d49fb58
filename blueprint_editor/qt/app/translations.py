"""Qt's own translations, so that standard dialogs speak the user's language.

Qt ships `qtbase_<locale>.qm` catalogs for the texts of its standard dialogs and widgets
(file dialog, message box buttons, colour dialog, context menus of line edits ...). They are
found in Qt's translations folder, `QLibraryInfo.path(TranslationsPath)`; inside the
PyInstaller bundle that is `_internal/PySide6/Qt/translations`, which the spec fills with the
qtbase catalogs only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

CATALOGS = ("qtbase",)


def translation_dirs() -> list[Path]:
    """Where to look for Qt's catalogs, most specific first."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.append(Path(frozen) / "PySide6" / "Qt" / "translations")
    return list(dict.fromkeys(d for d in dirs if d.is_dir()))


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install Qt's translators for `locale` (default: the system's) on `app`.

    Returns the translators installed (an empty list for a language Qt has no catalog for;
    the untranslated texts are English). The translators are children of `app`, so they live
    as long as it does. Call it once, right after creating the QApplication.
    """
    locale = QLocale.system() if locale is None else locale
    installed: list[QTranslator] = []
    for catalog in CATALOGS:
        for folder in translation_dirs():
            translator = QTranslator(app)
            # tries catalog_de_AT.qm, catalog_de.qm ... for each of locale.uiLanguages()
            if translator.load(locale, catalog, "_", str(folder)) and app.installTranslator(translator):
                installed.append(translator)
                break
            translator.deleteLater()
    return installed
