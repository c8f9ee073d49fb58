"""Import and export of blueprints in the formats other tools use. Qt-free.

- :mod:`.table`: one row per step (CSV, TSV, XLSX), read back exactly; files made by people
  read with loose header matching; :mod:`.grid`: rows are lanes (NN/g's template).
- :mod:`.drawio`: draw.io diagrams (lanes as swimlane containers, steps, handoffs).
- :mod:`.mermaid`: a Mermaid flowchart (and the customer's journey).
- :mod:`.report`: a Markdown report.

:func:`import_path` and :func:`export_path` pick the format by the file's suffix. A file
that cannot be imported raises :class:`.table.TableError` (a ``BlueprintError``) with one
message naming the row and column, or the element; nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..atomic import atomic_write
from ..io import MAX_FILE_BYTES
from ..model import Blueprint
from .table import ImportResult, TableError, as_table, from_rows, to_rows

IMPORT_SUFFIXES = (".csv", ".tsv", ".xlsx", ".drawio")
EXPORT_SUFFIXES = (".csv", ".tsv", ".xlsx", ".drawio", ".mmd", ".md")
#: The suffixes read as tables (one row per step, or the grid layout).
TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx")

__all__ = [
    "EXPORT_SUFFIXES",
    "IMPORT_SUFFIXES",
    "TABLE_SUFFIXES",
    "ImportResult",
    "TableError",
    "export_bytes",
    "export_path",
    "import_path",
    "read_table",
]


def import_path(path: Path) -> ImportResult:
    """Read a table or draw.io file as a blueprint (see the package docstring)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise TableError(
            f"cannot import {suffix or 'a file without a suffix'}; use {', '.join(IMPORT_SUFFIXES)}"
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise TableError(
            f"the file is over {MAX_FILE_BYTES // (1024 * 1024)} MB, the most that can be imported"
        )
    name = path.stem
    if suffix == ".xlsx":
        from .spreadsheet import read_xlsx

        return from_rows(read_xlsx(path), name)
    data = path.read_bytes()
    if suffix == ".drawio":
        from .drawio import from_drawio

        return from_drawio(data, name)
    from .spreadsheet import read_csv

    return from_rows(read_csv(data, suffix), name)


def read_table(path: Path) -> list[list[str]]:
    """The cells of a CSV, TSV or XLSX file as text, without empty rows (for a preview and
    a column mapping before :func:`.table.from_rows`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise TableError(
            f"{suffix or 'a file without a suffix'} is not a table; use {', '.join(TABLE_SUFFIXES)}"
        )
    if path.stat().st_size > MAX_FILE_BYTES:
        raise TableError(
            f"the file is over {MAX_FILE_BYTES // (1024 * 1024)} MB, the most that can be imported"
        )
    from .spreadsheet import read_csv, read_xlsx

    rows = read_xlsx(path) if suffix == ".xlsx" else read_csv(path.read_bytes(), suffix)
    return as_table(rows)


def export_bytes(bp: Blueprint, suffix: str) -> bytes:
    """The bytes of ``bp`` in the format of ``suffix``."""
    data = bp.model_dump(mode="json")
    if suffix in (".csv", ".tsv"):
        from .spreadsheet import write_csv

        return write_csv(to_rows(data), suffix)
    if suffix == ".xlsx":
        from .spreadsheet import write_xlsx

        return write_xlsx(to_rows(data), bp.title)
    from .drawio import to_drawio
    from .mermaid import to_mermaid
    from .report import to_markdown

    writers: dict[str, Callable[[Blueprint], str]] = {
        ".drawio": to_drawio,
        ".mmd": to_mermaid,
        ".md": to_markdown,
    }
    if suffix not in writers:
        raise TableError(
            f"cannot export to {suffix or 'a file without a suffix'}; use {', '.join(EXPORT_SUFFIXES)}"
        )
    return writers[suffix](bp).encode("utf-8")


def export_path(bp: Blueprint, path: Path) -> None:
    """Write ``bp`` to ``path`` in the format of its suffix, atomically."""
    path = Path(path)
    atomic_write(path, export_bytes(bp, path.suffix.lower()))
