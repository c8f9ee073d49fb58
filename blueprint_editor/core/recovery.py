"""Crash recovery files: the unsaved work of each editor window, kept in the state folder.

Folder: :func:`recovery_dir` (``$BLUEPRINT_EDITOR_STATE_DIR/recovery`` if set; else the
platform's per-user state folder). One window = one :class:`RecoverySession` = one file
``<pid>-<token>.recovery.json`` plus its lock file ``<pid>-<token>.lock``; the random token
keeps two windows of one process (or a reused pid) apart. The session holds an OS lock on
its lock file while it lives; the OS drops it when the process dies, however it dies. When
an editor starts, :func:`scan` treats a file whose lock is held as another running
editor's (left alone), one whose lock is free as an *orphan* (offered); with no lock file
(or no OS locks) the pid decides: alive or ours -> left alone, dead -> orphan. Finding an
orphan *claims* it (takes its lock) so two editors starting together never offer the same
file; :meth:`Orphan.release` ("Later") keeps it for the next start, :func:`discard`
deletes it.

The file is a JSON wrapper, written with ``atomic_write``: ``{"recovery": 1,
"app_version", "pid", "session", "host", "saved_at" (ISO 8601, UTC), "path" (the original
file or null), "original" (its fingerprint when last opened/saved, or null),
"blueprint": {... as in a .blueprint file ...}}``.

Bad files never block start-up; :func:`scan` never raises and reports what it skipped:
unreadable or invalid files are moved into ``recovery/damaged/`` (newest 20 kept, for a
person to rescue by hand); files from a newer editor are left alone; a file identical to
the saved original is deleted; a lock file or an interrupted write's temporary file
whose editor is gone is deleted.
Documented for users in docs/recovery.md. Qt-free.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import stat
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from . import io as bio
from .atomic import atomic_write
from .filestate import Fingerprint, changed_on_disk
from .model import FORMAT_VERSION, Blueprint
from .recovery_lock import LockUnsupported, _Lock, _unlink_quietly, pid_alive  # noqa: F401

ENV_VAR = "BLUEPRINT_EDITOR_STATE_DIR"
APP_DIR = "blueprint-editor"
RECOVERY_FORMAT = 1
SUFFIX = ".recovery.json"
LOCK_SUFFIX = ".lock"
DAMAGED = "damaged"
KEEP_DAMAGED = 20
#: Larger than any loadable blueprint (50 MB) plus the wrapper: refused unread.
MAX_BYTES = 60 * 1024 * 1024

_NAME = re.compile(r"^(?P<pid>\d{1,10})-(?P<token>[0-9a-f]{8,64})(?P<ext>\.recovery\.json|\.lock)$")
#: atomic_write's temporary file for a recovery file (left behind by a crash mid-write)
_TEMP = re.compile(r"^\.(?P<base>(?P<pid>\d{1,10})-[0-9a-f]{8,64}\.recovery\.json)\.[0-9a-f]+\.tmp$")


class RecoveryError(ValueError):
    """A recovery file that cannot be restored; ``str(err)`` says why."""


# ----------------------------------------------------------------- locations
def state_dir(
    env: Mapping[str, str] | None = None, platform: str | None = None, home: Path | None = None
) -> Path:
    """The editor's per-user state folder (not created here)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    override = env.get(ENV_VAR)
    if override:
        return Path(override)
    if platform.startswith("win"):
        base = env.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / APP_DIR
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP_DIR
    xdg = env.get("XDG_STATE_HOME")
    # the XDG spec: a relative path is invalid and must be ignored
    state = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".local" / "state"
    return state / APP_DIR


def recovery_dir(**kw: Any) -> Path:
    return state_dir(**kw) / "recovery"


# -------------------------------------------------------------- the content
def encode(
    blueprint: Blueprint,
    path: str | Path | None,
    *,
    pid: int,
    session: str,
    original: Fingerprint | None = None,
    now: datetime | None = None,
) -> bytes:
    """The bytes of a recovery file."""
    meta = {
        "recovery": RECOVERY_FORMAT,
        "app_version": __version__,
        "pid": pid,
        "session": session,
        "host": socket.gethostname(),
        "saved_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "path": None if path is None else os.path.abspath(os.fspath(path)),
        "original": None if original is None else original.to_json(),
    }
    # compact, and the blueprint by pydantic's serializer: several times faster than
    # json.dumps(indent=...), which falls back to the pure-Python encoder
    head = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))[:-1]
    return f'{head},"blueprint":{blueprint.model_dump_json()}}}\n'.encode()


class NewerRecovery(RecoveryError):
    """Written by a newer editor: leave it for that version."""


@dataclass
class RecoveryData:
    blueprint: Blueprint
    path: str | None
    saved_at: datetime | None
    pid: int
    session: str
    app_version: str
    host: str
    original: Fingerprint | None


def _parse_blueprint(raw: object) -> Blueprint:
    if not isinstance(raw, dict):
        raise RecoveryError("it holds no blueprint")
    version = raw.get("version")
    if type(version) is int and version > FORMAT_VERSION:
        raise NewerRecovery("its blueprint was made by a newer version of the editor")
    try:  # the one loader: migration and every check of the format
        return bio.from_data(raw)
    except bio.LoadError as exc:
        raise RecoveryError(f"its blueprint does not load: {exc}") from None


def _timestamp(value: object) -> datetime | None:
    """An ISO 8601 time in UTC; None for anything else (any year, any offset: never raises).
    A time without an offset is taken as UTC."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        when = datetime.fromisoformat(value)
        if when.tzinfo is None:
            return when.replace(tzinfo=UTC)
        return when.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def decode(data: bytes) -> RecoveryData:
    """Read a recovery file's bytes; raises :class:`RecoveryError` (or NewerRecovery)."""
    if not data.strip():
        raise RecoveryError("the file is empty")
    try:
        wrapper = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise RecoveryError("the file is not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        raise RecoveryError(f"the file is not valid JSON ({exc})") from None
    if not isinstance(wrapper, dict) or type(wrapper.get("recovery")) is not int:
        raise RecoveryError("the file is not a blueprint-editor recovery file")
    if wrapper["recovery"] > RECOVERY_FORMAT:
        raise NewerRecovery("it was written by a newer version of the editor")
    blueprint = _parse_blueprint(wrapper.get("blueprint"))
    # metadata is best effort: the blueprint is what matters
    path = wrapper.get("path")
    saved_at = _timestamp(wrapper.get("saved_at"))
    pid = wrapper.get("pid")
    return RecoveryData(
        blueprint=blueprint,
        path=path if isinstance(path, str) and path else None,
        saved_at=saved_at,
        pid=pid if type(pid) is int else 0,
        session=str(wrapper.get("session", "")),
        app_version=str(wrapper.get("app_version", "")),
        host=str(wrapper.get("host", "")),
        original=Fingerprint.from_json(wrapper.get("original")),
    )


_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
)


def _regular(info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise RecoveryError("it is not a regular file (a link, a pipe or a device); it was not read")
    if info.st_size > MAX_BYTES:
        raise RecoveryError(f"the file is too large ({info.st_size} bytes)")


def read_file(file: str | Path) -> RecoveryData:
    """A recovery file's content. Only a regular file is read (never a link, a pipe or a
    device, so nothing can block or flood the start-up), and at most :data:`MAX_BYTES`."""
    file = Path(file)
    try:
        _regular(os.lstat(file))
        fd = os.open(file, _OPEN_FLAGS)  # no link followed, no wait on a pipe
        with os.fdopen(fd, "rb") as fh:
            _regular(os.fstat(fh.fileno()))  # the same entry as checked above
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise RecoveryError(f"the file cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise RecoveryError("the file is too large (it grew while read)")
    return decode(data)


# ------------------------------------------------------------------ sessions
class RecoverySession:
    """The recovery file of one editor window. Nothing touches the disk until :meth:`write`."""

    def __init__(self, directory: str | Path | None = None, token: str | None = None):
        self.directory = Path(directory) if directory is not None else recovery_dir()
        self.pid = os.getpid()
        self.token = token or secrets.token_hex(8)
        stem = f"{self.pid}-{self.token}"
        self.file = self.directory / (stem + SUFFIX)
        self.lock_path = self.directory / (stem + LOCK_SUFFIX)
        self._lock: _Lock | None = None

    def _ensure_lock(self) -> None:
        if self._lock is not None and self._lock.held:
            return
        try:
            lock = _Lock.try_acquire(self.lock_path, create=True)
        except LockUnsupported:
            return  # the pid in our file name still protects it
        if lock is None:
            raise OSError(f"the recovery lock {self.lock_path} is held by someone else")
        self._lock = lock

    def write(
        self, blueprint: Blueprint, path: str | Path | None = None, original: Fingerprint | None = None
    ) -> Path:
        """Write (replace) this window's recovery file. Raises OSError on failure."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._ensure_lock()
        atomic_write(
            self.file,
            encode(blueprint, path, pid=self.pid, session=self.token, original=original),
            mode=0o600,
        )
        return self.file

    def remove(self) -> None:
        """Delete the recovery file (the work is saved, or back at the saved point)."""
        _unlink_quietly(self.file)

    def close(self) -> None:
        """Clean exit of the window: the file and its lock go."""
        self.remove()
        if self._lock is not None:
            self._lock.release(unlink=True)
            self._lock = None


# ------------------------------------------------------------------- orphans
@dataclass
class Orphan:
    """A recovery file whose editor is gone; claimed (locked) by us until released."""

    file: Path
    data: RecoveryData
    _claim: _Lock | None = field(default=None, repr=False)

    @property
    def blueprint(self) -> Blueprint:
        return self.data.blueprint

    @property
    def path(self) -> str | None:
        return self.data.path

    @property
    def saved_at(self) -> datetime | None:
        return self.data.saved_at

    @property
    def lock_path(self) -> Path:
        return self.file.with_name(self.file.name[: -len(SUFFIX)] + LOCK_SUFFIX)

    def original_changed(self) -> bool:
        """Has the original file changed on disk since the crashed window last read it?"""
        if self.data.path is None or self.data.original is None:
            return False
        return changed_on_disk(self.data.path, self.data.original)

    def release(self) -> None:
        """Keep the file for later ("Later"): another editor may offer it again."""
        if self._claim is not None:
            self._claim.release()
            self._claim = None


@dataclass
class Skipped:
    file: Path
    reason: str
    action: str  # "moved" (to damaged/), "left", "deleted"


@dataclass
class Scan:
    orphans: list[Orphan] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _claim(file: Path, pid: int) -> tuple[bool, _Lock | None]:
    """(is it an orphan?, our claim on it)."""
    lock_path = file.with_name(file.name[: -len(SUFFIX)] + LOCK_SUFFIX)
    try:
        lock = _Lock.try_acquire(lock_path, create=False)
        return lock is not None, lock
    except FileNotFoundError:
        pass  # no lock file: decide by the pid
    except LockUnsupported:
        return not pid_alive(pid), None
    if pid_alive(pid):
        return False, None
    try:
        lock = _Lock.try_acquire(lock_path, create=True)
    except LockUnsupported:
        return True, None
    return lock is not None, lock


def _move_aside(file: Path, directory: Path) -> bool:
    target_dir = directory / DAMAGED
    try:
        target_dir.mkdir(exist_ok=True, mode=0o700)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        os.replace(file, target_dir / f"{file.name}.{stamp}")
    except OSError:
        return False
    try:  # keep the newest few
        kept = sorted(target_dir.iterdir(), key=lambda p: p.lstat().st_mtime, reverse=True)
        for old in kept[KEEP_DAMAGED:]:
            _unlink_quietly(old)
    except OSError:
        pass
    return True


def _same_as_original(data: RecoveryData) -> bool:
    if data.path is None:
        return False
    try:
        on_disk = bio.load_path(data.path)
    except Exception:  # missing, unreadable or broken original: the recovery is not stale
        return False
    return on_disk.model_dump(mode="json") == data.blueprint.model_dump(mode="json")


def scan(directory: str | Path | None = None, claim: bool = True) -> Scan:
    """Find orphaned recovery files. Never raises; oldest first.

    With ``claim`` each orphan stays locked by this process until :meth:`Orphan.release`
    or :func:`discard` (call one of them for every orphan).
    """
    result = Scan()
    try:
        directory = Path(directory) if directory is not None else recovery_dir()
        names = sorted(os.listdir(directory))
    except OSError:
        return result
    for name in names:
        try:
            _scan_one(directory, name, claim, result, names)
        except Exception as exc:  # never let one odd file stop the editor starting
            result.skipped.append(Skipped(directory / name, f"unexpected error: {exc}", "left"))
    result.orphans.sort(key=lambda o: o.data.saved_at or datetime.min.replace(tzinfo=UTC))
    return result


def _scan_one(directory: Path, name: str, claim: bool, result: Scan, names: list[str]) -> None:
    temp = _TEMP.match(name)
    if temp is not None:  # a crash mid-write: delete it once its editor is gone
        is_orphan, lock = _claim(directory / temp["base"], int(temp["pid"]))
        if is_orphan:
            _unlink_quietly(directory / name)
        _release(lock, unlink=temp["base"] not in names)
        return
    match = _NAME.match(name)
    if match is None:
        return  # not ours (damaged/, anything else)
    file = directory / name
    pid = int(match["pid"])
    if match["ext"] == LOCK_SUFFIX:
        if name[: -len(LOCK_SUFFIX)] + SUFFIX not in names:
            try:  # a lock with no recovery file: delete it if nobody holds it
                lock = _Lock.try_acquire(file, create=False)
            except OSError:
                return
            if lock is not None:
                lock.release(unlink=True)
        return
    is_orphan, lock = _claim(file, pid)
    if not is_orphan:
        return
    try:
        _examine(directory, file, lock, claim, result)
    except BaseException:
        _release(lock)
        raise


def _examine(directory: Path, file: Path, lock: _Lock | None, claim: bool, result: Scan) -> None:
    try:
        data = read_file(file)
    except NewerRecovery as exc:
        result.skipped.append(Skipped(file, str(exc), "left"))
        _release(lock)
        return
    except RecoveryError as exc:
        if not os.path.lexists(file):  # discarded by another editor meanwhile
            _release(lock, unlink=True)
            return
        moved = _move_aside(file, directory)
        result.skipped.append(Skipped(file, str(exc), "moved" if moved else "left"))
        _release(lock, unlink=moved)
        return
    if _same_as_original(data):
        _unlink_quietly(file)
        result.skipped.append(Skipped(file, "identical to the saved file", "deleted"))
        _release(lock, unlink=True)
        return
    orphan = Orphan(file, data, lock)
    if not claim:
        orphan.release()
    result.orphans.append(orphan)


def _release(lock: _Lock | None, unlink: bool = False) -> None:
    if lock is not None:
        lock.release(unlink=unlink)


def find_orphans(directory: str | Path | None = None, claim: bool = True) -> list[Orphan]:
    """Orphaned recovery files (see :func:`scan`); never raises."""
    return scan(directory, claim).orphans


def discard(orphans: Orphan | Iterable[Orphan]) -> int:
    """Delete orphans' recovery files (after restoring them, or when the user discards).

    An orphan that is not claimed by us is claimed first; one that another editor has
    claimed meanwhile is left alone. Returns how many files were deleted.
    """
    deleted = 0
    for orphan in [orphans] if isinstance(orphans, Orphan) else list(orphans):
        if orphan._claim is None:
            is_orphan, orphan._claim = _claim(orphan.file, orphan.data.pid)
            if not is_orphan:
                continue
        _unlink_quietly(orphan.file)
        deleted += 1
        if orphan._claim is not None:
            orphan._claim.release(unlink=True)
            orphan._claim = None
        else:
            _unlink_quietly(orphan.lock_path)
    return deleted
