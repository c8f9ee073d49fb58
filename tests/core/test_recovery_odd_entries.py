"""Odd entries in the recovery folder never block, flood or crash the start-up scan.

Each test runs the scan in a child process with a deadline and a memory cap, so a
regression shows as a failure (timeout, MemoryError) instead of a hung or dead test run.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from datetime import UTC
from pathlib import Path

import pytest

from blueprint_editor.core import recovery
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.core.recovery import RecoverySession, find_orphans, read_file, scan

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and links")

SCAN = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GB: /dev/zero fails fast
    from blueprint_editor.core.recovery import scan
    result = scan(sys.argv[1])
    print(len(result.orphans), sorted(s.reason[:40] for s in result.skipped))
""")


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def name(pid: int, token: str = "abcdef0123") -> str:
    return f"{pid}-{token}{recovery.SUFFIX}"


def scan_in_child(directory: Path) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-c", SCAN, str(directory)], capture_output=True, text=True, timeout=30, env=env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def good(directory: Path, pid: int, saved_at: str = "2026-01-02T03:04:05+00:00") -> Path:
    raw = json.loads(recovery.encode(new_blueprint("Good"), None, pid=pid, session="s"))
    raw["saved_at"] = saved_at
    file = directory / name(pid, "0123456789abcdef")
    file.write_text(json.dumps(raw), encoding="utf-8")
    return file


def test_fifo_device_and_links_are_skipped_without_reading(tmp_path):
    pid = dead_pid()
    os.mkfifo(tmp_path / name(pid, "aaaaaaaa01"))
    (tmp_path / name(pid, "aaaaaaaa02")).symlink_to("/dev/zero")
    (tmp_path / name(pid, "aaaaaaaa03")).symlink_to(tmp_path / "missing")  # dangling
    outside = tmp_path.parent / f"{tmp_path.name}-outside.json"
    outside.write_bytes(recovery.encode(new_blueprint("Outside"), None, pid=pid, session="s"))
    (tmp_path / name(pid, "aaaaaaaa04")).symlink_to(outside)  # a link out of the folder
    os.mkfifo(tmp_path / f"{pid}-aaaaaaaa05.lock")  # a lock file that is a pipe
    (tmp_path / name(pid, "aaaaaaaa05")).write_bytes(b"{}")
    good(tmp_path, pid)
    out = scan_in_child(tmp_path)
    assert out.startswith("1 ")  # the good file is offered
    assert out.count("not a regular file") == 4, out
    # the odd entries were moved aside (not followed); the file outside is untouched
    assert outside.read_bytes().startswith(b'{"recovery"')
    damaged = sorted(p.name.split(".")[0] for p in (tmp_path / "damaged").iterdir())
    assert damaged == [f"{pid}-aaaaaaaa0{i}" for i in (1, 2, 3, 4)]
    assert all(p.is_symlink() or stat.S_ISFIFO(p.lstat().st_mode) for p in (tmp_path / "damaged").iterdir())


def test_read_file_refuses_what_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "zero").symlink_to("/dev/zero")
    for entry in ("fifo", "zero"):
        with pytest.raises(recovery.RecoveryError, match="not a regular file"):
            read_file(tmp_path / entry)
    with pytest.raises(recovery.RecoveryError, match="not a regular file"):
        read_file("/dev/zero")


def test_a_file_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(recovery, "MAX_BYTES", 100)
    big = tmp_path / name(dead_pid())
    big.write_bytes(b" " * 101)
    with pytest.raises(recovery.RecoveryError, match="too large"):
        read_file(big)


@pytest.mark.parametrize(
    "saved_at",
    [
        "0001-01-01T00:00:00+00:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-12:00",
        "9999-12-31T23:59:59",
        "2026-01-02T03:04:05",
        "not a time",
        "1" * 1000,
    ],
)
def test_any_timestamp_is_offered(tmp_path, saved_at):
    pid = dead_pid()
    good(tmp_path, pid, saved_at)
    other = tmp_path / name(pid, "fedcba9876543210")
    other.write_bytes(recovery.encode(new_blueprint("Other"), None, pid=pid, session="t"))
    orphans = find_orphans(tmp_path)
    try:
        assert sorted(o.blueprint.title for o in orphans) == ["Good", "Other"]
        for o in orphans:
            assert o.saved_at is None or o.saved_at.tzinfo is not None
    finally:
        for o in orphans:
            o.release()


def test_restore_dialog_text_survives_year_1_and_9999(tmp_path):
    from blueprint_editor.qt.files.autosave import _local_time

    pid = dead_pid()
    good(tmp_path, pid, "0001-01-01T00:00:00+00:00")
    orphan = find_orphans(tmp_path)[0]
    orphan.release()
    assert _local_time(orphan.saved_at).startswith(("0001-01-01", "0000-12-31"))
    assert recovery._timestamp("9999-12-31T23:59:59-12:00") is None or _local_time(
        recovery._timestamp("9999-12-31T23:59:59-12:00")
    )
    when = recovery._timestamp("9999-12-31T23:00:00+00:00")
    assert when is not None and when.tzinfo is UTC
    assert _local_time(when).startswith(("9999-12-31", "10000"))


def test_recovery_files_are_private(tmp_path):
    session = RecoverySession(tmp_path / "rec")
    os.umask(old := os.umask(0))  # whatever the umask, the file is 0600
    try:
        file = session.write(new_blueprint("x"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    session.close()
    assert scan(tmp_path / "rec").orphans == []
