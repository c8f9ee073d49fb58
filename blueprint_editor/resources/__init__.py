"""The bundled resources: examples, templates, icons, fonts and the JSON Schema.

They are package data of ``blueprint_editor.resources`` (declared in ``pyproject.toml``), so
a source checkout, an editable install and an installed wheel all read them through
``importlib.resources``. In a PyInstaller bundle they are unpacked next to the program
(``sys._MEIPASS/resources``).
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(str(files(__name__)))


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
