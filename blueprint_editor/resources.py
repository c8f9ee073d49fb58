"""Where the bundled resources (examples, icons, fonts, schema) live.

From a source checkout or an editable install they are the repository's ``resources/``
folder; in a PyInstaller bundle they are unpacked next to the program (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
