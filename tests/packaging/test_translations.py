"""install_translators loads Qt's own catalogs so standard dialogs follow the user's language
(the bundle ships the qtbase catalogs; see packaging/blueprint-editor.spec)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox

from blueprint_editor.qt.app.translations import install_translators, translation_dirs


@pytest.fixture
def installed(qapp):
    """Translators installed by a test, removed afterwards so other tests see English."""
    translators = []
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


def cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    return box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")


def test_qt_translations_folder_has_qtbase_catalogs():
    (folder,) = translation_dirs()
    assert (folder / "qtbase_de.qm").is_file()


def test_german_locale_translates_standard_buttons(qapp, installed):
    assert cancel_text() == "Cancel"
    installed += install_translators(qapp, QLocale("de_DE"))
    assert len(installed) == 1
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    assert cancel_text() == "Abbrechen"


def test_regional_locale_falls_back_to_the_language_catalog(qapp, installed):
    installed += install_translators(qapp, QLocale("fr_CA"))
    assert [t.filePath().rsplit("/", 1)[-1] for t in installed] == ["qtbase_fr.qm"]
    assert cancel_text() == "Annuler"


def test_language_without_a_catalog_installs_nothing(qapp, installed):
    installed += install_translators(qapp, QLocale(QLocale.Language.Esperanto))
    assert installed == []
    assert cancel_text() == "Cancel"
