"""The ``diff`` and ``merge`` commands of the command line (see :mod:`blueprint_editor.cli`).

Both load their files with the same loader as every other command, so a file that cannot
be loaded ends with exit status 2 and one line on stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: git runs an external diff driver with: path old-file old-hex old-mode new-file new-hex new-mode
GIT_EXTERNAL_ARGS = 7


def cmd_diff(files: list[str], fmt: str, textconv: bool) -> int:
    """Print what changed from OLD to NEW. Exit 0: same content; 1: differences.

    ``files`` is OLD NEW; or the seven arguments git passes an external diff driver
    (``diff.blueprint.command``), where a side that does not exist is ``/dev/null``; or,
    with ``textconv``, one FILE printed as one line per element (``diff.blueprint.textconv``).
    """
    from blueprint_editor.core.diff import as_data, diff
    from blueprint_editor.core.diff_text import FORMATS, listing
    from blueprint_editor.core.io import load_path
    from blueprint_editor.core.model import Blueprint

    if textconv:
        sys.stdout.write(listing(as_data(load_path(files[0]))))
        return 0
    if len(files) == GIT_EXTERNAL_ARGS:
        path, old, new = files[0], files[1], files[4]
        old_name, new_name = f"a/{path}", f"b/{path}"
    else:
        old, new = files
        old_name, new_name = old, new

    def side(name: str):
        if name == os.devnull:  # git: the file is added or deleted
            return Blueprint(title="")
        return load_path(name)

    result = diff(side(old), side(new))
    sys.stdout.write(FORMATS[fmt](result, old_name, new_name))
    if len(files) == GIT_EXTERNAL_ARGS:
        return 0  # git stops at a driver's non-zero status
    return 0 if result.same else 1


def cmd_merge(base: str, ours: str, theirs: str, output: str, err) -> int:
    """Merge THEIRS into OURS since BASE and write OUT. Exit 0: clean; 1: conflicts (each
    listed on stderr through ``err`` and recorded in OUT as a note comment)."""
    from blueprint_editor.core.io import load_path, save_path
    from blueprint_editor.core.merge import merge

    result = merge(load_path(base), load_path(ours), load_path(theirs))
    try:
        save_path(result.blueprint, Path(output))
    except OSError as exc:
        err(f"{output}: error: cannot write the file ({exc.strerror or exc})")
        return 2
    for conflict in result.conflicts:
        err(f"{output}: {conflict.line()}")
    return 0 if result.clean else 1
