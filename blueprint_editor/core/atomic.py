"""Write a file so that it is either entirely the old content or entirely the new one.

:func:`atomic_write` is the one way the program puts a file on disk (save, export,
autosave): a crash, a full disk or a power cut in the middle of a save never leaves a
half-written blueprint behind.

How: the bytes go to a temporary file in the same folder (same file system, so the final
rename is atomic), which is flushed and ``fsync`` ed, then renamed over the target with
:func:`os.replace`; finally the folder itself is ``fsync`` ed where the platform allows it
(POSIX), so the rename survives a power cut too. On any failure the temporary file is
removed, the original is untouched, and the exception propagates.

Details a user would expect:

- The new file keeps the permission bits of the file it replaces; a new file gets the
  usual permissions (``0o666`` minus the umask), not the ``0o600`` of :mod:`tempfile`.
- If ``path`` is a symbolic link, the file it points to is replaced and the link is kept.
- Temporary files are named ``.<name>.<random>.tmp`` (hidden on POSIX).
- A file the user may not write (no write permission, e.g. made read-only with
  ``chmod 444``) is never replaced, although the rename would only need the folder:
  :class:`ReadOnlyFile` is raised and nothing is written.
- :func:`atomic_write` returns the written file's ``stat`` (taken from the file it wrote,
  before the rename), so the caller can fingerprint exactly what it wrote.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path
from typing import Union

PathLike = Union[str, "os.PathLike[str]"]

TEMP_SUFFIX = ".tmp"


class ReadOnlyFile(PermissionError):
    """The target exists and the user has no permission to write it: it is not replaced."""


def check_writable(path: PathLike) -> None:
    """Raise :class:`ReadOnlyFile` if ``path`` is an existing file the user may not write.

    "May not write" is the operating system's answer (``os.access``) or, for a user the
    system lets write anything (an administrator), a file without any write permission bit.
    """
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return  # no such file (or unreadable): the write itself reports what is wrong
    if not stat.S_ISREG(info.st_mode):
        return
    if not os.access(path, os.W_OK) or not info.st_mode & 0o222:
        raise ReadOnlyFile(
            errno.EACCES,
            "the file is read-only (you have no permission to write it); save under another name",
            str(path),
        )


def _fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable. Best effort: not possible on Windows."""
    if os.name == "nt":  # pragma: no cover - directories cannot be opened on Windows
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network, FUSE) refuse fsync on a directory
    finally:
        os.close(fd)


def _create_temp(directory: Path, name: str, mode: int) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temp = directory / f".{name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
        try:
            return os.open(temp, flags, mode), temp
        except FileExistsError:  # pragma: no cover - 48 random bits collided
            continue
    raise FileExistsError(f"could not create a temporary file in {directory}")  # pragma: no cover


def atomic_write(path: PathLike, data: bytes, mode: int = 0o666) -> os.stat_result:
    """Replace the file at ``path`` with ``data``, atomically and durably.

    ``mode``: the permission bits of a new file (minus the umask); a replaced file keeps
    its own. Returns the ``stat`` of the written file. Raises :class:`ReadOnlyFile` for an existing
    file the user may not write.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("atomic_write needs bytes")
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    directory = target.parent
    check_writable(target)
    try:
        old_mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        old_mode = None
    fd, temp = _create_temp(directory, target.name, mode)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
            written_stat = os.fstat(fd)
        finally:
            os.close(fd)
        if old_mode is not None:
            os.chmod(temp, old_mode)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _fsync_directory(directory)
    return written_stat
