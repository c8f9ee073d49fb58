"""What a file on disk looked like when the editor last read or wrote it.

Before the editor saves over a file it checks that the file is still the one it opened
(or last saved): a colleague, a sync tool or ``git pull`` may have changed it meanwhile,
and saving would silently throw their work away.

"Changed" means the *content* differs (size or SHA-256). A file that was only touched
(same bytes, new modification time) is not changed: overwriting it loses nothing.
Qt-free; used by the Qt save path (:mod:`blueprint_editor.qt.safe_save`).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

PathLike = Union[str, "os.PathLike[str]"]

_CHUNK = 1 << 20


def _sha256_of(path: PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Fingerprint:
    """Size, modification time (ns) and SHA-256 of a file's content."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: PathLike) -> Fingerprint:
        """The fingerprint of the file at ``path`` now. Raises OSError if it cannot be read."""
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):  # a pipe or a device could block or never end
            raise OSError(f"not a regular file: {path}")
        digest = _sha256_of(path)
        # stat again: if the file changed while it was hashed, hash once more
        st2 = os.stat(path)
        if (st2.st_size, st2.st_mtime_ns) != (st.st_size, st.st_mtime_ns):
            digest = _sha256_of(path)
        return cls(st2.st_size, st2.st_mtime_ns, digest)

    @classmethod
    def try_of(cls, path: PathLike | None) -> Fingerprint | None:
        """Like :meth:`of`, but None when there is no path or the file cannot be read."""
        if path is None:
            return None
        try:
            return cls.of(path)
        except OSError:
            return None

    @classmethod
    def of_bytes(cls, data: bytes, mtime_ns: int = 0) -> Fingerprint:
        return cls(len(data), mtime_ns, hashlib.sha256(data).hexdigest())

    def same_content(self, other: Fingerprint | None) -> bool:
        return other is not None and (self.size, self.sha256) == (other.size, other.sha256)

    def to_json(self) -> dict[str, Any]:
        return {"size": self.size, "mtime_ns": self.mtime_ns, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: object) -> Fingerprint | None:
        """Read :meth:`to_json` output back; None for anything malformed."""
        if not isinstance(data, dict):
            return None
        size, mtime, sha = data.get("size"), data.get("mtime_ns"), data.get("sha256")
        if type(size) is not int or type(mtime) is not int or not isinstance(sha, str) or len(sha) != 64:
            return None
        return cls(size, mtime, sha)


def changed_on_disk(path: PathLike, fingerprint: Fingerprint | None) -> bool:
    """Has the file at ``path`` changed since ``fingerprint`` was taken?

    - ``fingerprint`` None means "the editor knows of no file there": changed if a file
      exists now (someone created it).
    - A file that has disappeared since is changed (True); saving over it loses nothing,
      and callers may decide to write without asking (see :func:`exists`).
    - A file that exists but cannot be read now counts as changed: the editor cannot
      prove it is the same, so it must ask before overwriting.
    - Otherwise: changed when size or content hash differ. The size is compared first,
      so a file of another size is never read.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        return fingerprint is not None
    except OSError:
        return True
    if fingerprint is None or not stat.S_ISREG(st.st_mode):
        return True  # a pipe or a device is never read (it could block or never end)
    if st.st_size != fingerprint.size:
        return True
    # same size: hash even when the time stamp matches, because a write within the
    # clock's granularity (or a tool that restores mtimes) would otherwise slip through
    try:
        return _sha256_of(p) != fingerprint.sha256
    except OSError:
        return True


def exists(path: PathLike) -> bool:
    return os.path.lexists(path)
