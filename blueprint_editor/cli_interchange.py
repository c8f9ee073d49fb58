"""The ``import`` command and the data formats of ``export`` (see :mod:`blueprint_editor.cli`).

Both read and write through :mod:`blueprint_editor.core.interchange`; a file that cannot be
imported ends with exit status 2, one line on stderr naming the row and column (or the
element), and nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from blueprint_editor.core.interchange import EXPORT_SUFFIXES, IMPORT_SUFFIXES

__all__ = ["EXPORT_SUFFIXES", "IMPORT_SUFFIXES", "cmd_import", "export_data"]


def cmd_import(source: str, output: str, err: Callable[[str], None]) -> int:
    """Import SOURCE (.csv, .tsv, .xlsx, .drawio) and save it as the blueprint OUT."""
    from blueprint_editor.core.interchange import TableError, import_path
    from blueprint_editor.core.io import save_path

    out = Path(output)
    if out.suffix.lower() not in (".blueprint", ".json"):
        err(f"{output}: the imported blueprint is saved as .blueprint (or .json)")
        return 2
    try:
        result = import_path(Path(source))
    except TableError as exc:
        err(f"{source}: error: {exc}")
        return 2
    save_path(result.blueprint, out)
    for note in result.notes:
        err(f"{source}: note: {note}")
    return 0


def export_data(blueprint, output: str) -> None:
    """Write one of the data formats (.csv .tsv .xlsx .drawio .mmd .md)."""
    from blueprint_editor.core.interchange import export_path

    export_path(blueprint, Path(output))
