"""OS file locks and process liveness for recovery files (Qt-free).

A recovery session holds an exclusive, non-blocking advisory lock (``flock`` on Unix,
``msvcrt.locking`` on Windows) on its lock file while it lives; the OS drops it when the
process dies, however it dies. Split from :mod:`.recovery` to keep each module small.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NO_BLOCK = getattr(os, "O_NONBLOCK", 0)


class LockUnsupported(OSError):
    """The file system has no working advisory locks (some network shares)."""


class _Lock:
    """An exclusive, non-blocking OS lock on a small file, held while the object lives."""

    def __init__(self, fd: int, path: Path):
        self.fd: int | None = fd
        self.path = path

    @classmethod
    def try_acquire(cls, path: Path, create: bool) -> _Lock | None:
        """The lock, or None when another holder has it or the file is gone."""
        # never follow a link nor wait on a pipe: an odd entry must not block start-up
        flags = os.O_RDWR | (os.O_CREAT if create else 0) | _NO_FOLLOW | _NO_BLOCK
        fd = os.open(path, flags, 0o600)  # FileNotFoundError when not create
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, "the lock file is not a regular file", str(path))
            if not _lock_fd(fd):
                os.close(fd)
                return None
            # the file may have been unlinked (discarded) between open and lock
            st, fst = os.stat(path), os.fstat(fd)
            if (st.st_dev, st.st_ino) != (fst.st_dev, fst.st_ino):
                os.close(fd)
                return None
        except FileNotFoundError:
            os.close(fd)
            return None
        except BaseException:
            os.close(fd)
            raise
        return cls(fd, path)

    def release(self, unlink: bool = False) -> None:
        if self.fd is None:
            return
        # unlink before closing, so a waiter sees the inode has changed (Windows cannot
        # delete an open file: there, close first)
        if unlink and os.name != "nt":
            _unlink_quietly(self.path)
        try:
            os.close(self.fd)
        except OSError:
            pass
        self.fd = None
        if unlink and os.name == "nt":  # pragma: no cover - Windows only
            _unlink_quietly(self.path)

    @property
    def held(self) -> bool:
        return self.fd is not None


_NOLOCK_ERRNOS = {getattr(errno, n) for n in ("ENOLCK", "EOPNOTSUPP", "ENOSYS") if hasattr(errno, n)}


def _lock_fd(fd: int) -> bool:
    """Try to lock ``fd`` exclusively without waiting: True if locked, False if held."""
    try:
        import fcntl
    except ImportError:  # Windows
        fcntl = None  # type: ignore[assignment]
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            if exc.errno in _NOLOCK_ERRNOS:
                raise LockUnsupported(exc.errno, str(exc)) from None
            raise
        return True
    try:
        import msvcrt
    except ImportError:  # pragma: no cover - neither Unix nor Windows
        raise LockUnsupported("no file locking on this platform") from None
    try:  # pragma: no cover - Windows only
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:  # pragma: no cover
        return False
    return True  # pragma: no cover


def pid_alive(pid: int) -> bool:
    """Is a process with this id running (on this computer)? Our own pid is alive."""
    if pid <= 0:
        return False  # os.kill(0, ...) would signal our own process group
    if pid == os.getpid():
        return True
    if sys.platform.startswith("win"):  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        code = ctypes.c_ulong()
        ok = ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to someone else
    except OSError:
        return False
    return True


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
