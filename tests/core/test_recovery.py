"""Recovery files: where they live, who owns them, and that bad ones never block start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import UTC
from pathlib import Path

import pytest

from blueprint_editor.core import recovery
from blueprint_editor.core.filestate import Fingerprint
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.core.recovery import (
    RecoverySession,
    decode,
    discard,
    find_orphans,
    pid_alive,
    recovery_dir,
    scan,
    state_dir,
)


# ------------------------------------------------------------------ helpers
def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert not pid_alive(proc.pid)
    return proc.pid


def blueprint(title="Hotel stay"):
    return new_blueprint(title)


def plant(directory: Path, pid: int, token: str, data: bytes) -> Path:
    """A recovery file as a crashed editor would have left it (no lock file)."""
    directory.mkdir(parents=True, exist_ok=True)
    file = directory / f"{pid}-{token}{recovery.SUFFIX}"
    file.write_bytes(data)
    return file


def valid_bytes(title="Hotel stay", path="/work/hotel.blueprint", pid=1, **kw) -> bytes:
    return recovery.encode(blueprint(title), path, pid=pid, session="feedc0de", **kw)


def release_all(orphans):
    for o in orphans:
        o.release()


# ---------------------------------------------------------------- locations
def test_state_dir_per_platform(tmp_path):
    home = tmp_path / "home"
    assert state_dir(env={}, platform="linux", home=home) == home / ".local/state/blueprint-editor"
    assert state_dir(env={"XDG_STATE_HOME": "/xdg/state"}, platform="linux", home=home) == Path(
        "/xdg/state/blueprint-editor"
    )
    # a relative XDG_STATE_HOME is invalid by the XDG spec and ignored
    assert (
        state_dir(env={"XDG_STATE_HOME": "rel/state"}, platform="linux", home=home)
        == home / ".local/state/blueprint-editor"
    )
    assert (
        state_dir(env={}, platform="darwin", home=home)
        == home / "Library/Application Support/blueprint-editor"
    )
    assert (
        state_dir(env={"LOCALAPPDATA": str(tmp_path / "Local")}, platform="win32", home=home)
        == tmp_path / "Local" / "blueprint-editor"
    )
    assert state_dir(env={}, platform="win32", home=home) == home / "AppData/Local/blueprint-editor"
    for platform in ("linux", "darwin", "win32"):
        assert (
            state_dir(env={recovery.ENV_VAR: str(tmp_path / "portable")}, platform=platform, home=home)
            == tmp_path / "portable"
        )
    assert recovery_dir(env={recovery.ENV_VAR: "/p"}, platform="linux", home=home) == Path("/p/recovery")


def test_default_directory_follows_the_env_var(tmp_path, monkeypatch):
    monkeypatch.setenv(recovery.ENV_VAR, str(tmp_path / "state"))
    session = RecoverySession()
    assert session.directory == tmp_path / "state" / "recovery"
    assert not session.directory.exists()  # nothing touches the disk before a write
    session.write(blueprint())
    assert session.file.parent == tmp_path / "state" / "recovery"
    session.close()


# ------------------------------------------------------------------ sessions
def test_write_read_back_and_close(tmp_path):
    original = tmp_path / "hotel.blueprint"
    original.write_text("{}")
    fp = Fingerprint.of(original)
    session = RecoverySession(tmp_path / "rec")
    file = session.write(blueprint("Workshop 3"), original, original=fp)
    assert file.name == f"{os.getpid()}-{session.token}{recovery.SUFFIX}"
    data = recovery.read_file(file)
    assert data.blueprint == blueprint("Workshop 3")
    assert data.path == str(original)
    assert data.original == fp
    assert data.pid == os.getpid() and data.session == session.token
    assert data.saved_at is not None and data.saved_at.tzinfo is not None
    raw = json.loads(file.read_text("utf-8"))
    assert raw["recovery"] == 1 and raw["blueprint"]["title"] == "Workshop 3"
    assert session.lock_path.exists()
    session.remove()
    assert not file.exists() and session.lock_path.exists()
    session.write(blueprint("again"))
    session.close()
    assert not file.exists() and not session.lock_path.exists()


def test_two_sessions_in_one_process_never_share_a_file(tmp_path):
    a, b = RecoverySession(tmp_path), RecoverySession(tmp_path)
    assert a.file != b.file and a.lock_path != b.lock_path
    a.write(blueprint("A"))
    b.write(blueprint("B"))
    a.write(blueprint("A2"))
    assert recovery.read_file(b.file).blueprint.title == "B"
    assert recovery.read_file(a.file).blueprint.title == "A2"
    a.close()
    assert b.file.exists()
    b.close()


def test_live_sessions_are_not_orphans(tmp_path):
    session = RecoverySession(tmp_path)
    session.write(blueprint())
    assert find_orphans(tmp_path) == []
    assert session.file.exists()
    session.close()


# ------------------------------------------------------------------- orphans
CHILD = textwrap.dedent("""
    import sys
    from blueprint_editor.core.model import new_blueprint
    from blueprint_editor.core.recovery import RecoverySession
    s = RecoverySession(sys.argv[1])
    s.write(new_blueprint("Crashed workshop"), sys.argv[2])
    print(s.file, flush=True)
    sys.stdin.readline()
""")


def test_a_killed_editor_leaves_an_orphan_a_running_one_does_not(tmp_path):
    original = str(tmp_path / "crash.blueprint")
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path), original],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip()
        assert line, "the child editor failed to write its recovery file"
        file = Path(line)
        assert file.is_file()
        assert find_orphans(tmp_path) == []  # its editor is running: hands off
        assert file.exists()
    finally:
        proc.kill()
        proc.wait()
    orphans = find_orphans(tmp_path)
    assert [o.file for o in orphans] == [file]
    assert orphans[0].blueprint.title == "Crashed workshop"
    assert orphans[0].path == original
    discard(orphans)
    assert list(tmp_path.iterdir()) == []


def test_dead_pid_without_lock_file_is_an_orphan(tmp_path):
    file = plant(tmp_path, dead_pid(), "a1b2c3d4", valid_bytes())
    orphans = find_orphans(tmp_path)
    assert [o.file for o in orphans] == [file]
    release_all(orphans)


def test_live_foreign_pid_without_lock_file_is_left_alone(tmp_path):
    file = plant(tmp_path, os.getppid(), "a1b2c3d4", valid_bytes())
    before = file.read_bytes()
    result = scan(tmp_path)
    assert result.orphans == [] and result.skipped == []
    assert file.read_bytes() == before


def test_free_lock_wins_over_a_reused_pid(tmp_path):
    # pid 1 is always alive; the free lock proves its editor is gone
    file = plant(tmp_path, 1, "a1b2c3d4", valid_bytes())
    (tmp_path / f"1-a1b2c3d4{recovery.LOCK_SUFFIX}").write_bytes(b"")
    orphans = find_orphans(tmp_path)
    assert [o.file for o in orphans] == [file]
    release_all(orphans)


def test_claimed_orphans_are_not_offered_twice(tmp_path):
    plant(tmp_path, dead_pid(), "a1b2c3d4", valid_bytes())
    first = find_orphans(tmp_path)
    assert len(first) == 1
    assert find_orphans(tmp_path) == []  # a second editor starting now sees nothing
    first[0].release()  # "Later"
    again = find_orphans(tmp_path)
    assert len(again) == 1
    assert discard(again) == 1
    assert find_orphans(tmp_path) == [] and list(tmp_path.iterdir()) == []


def test_unclaimed_scan_then_discard(tmp_path):
    file = plant(tmp_path, dead_pid(), "a1b2c3d4", valid_bytes())
    orphans = find_orphans(tmp_path, claim=False)
    assert len(orphans) == 1
    assert discard(orphans[0]) == 1
    assert not file.exists()


def test_orphans_oldest_first(tmp_path):
    from datetime import datetime

    pid = dead_pid()
    late = datetime(2026, 5, 2, tzinfo=UTC)
    early = datetime(2026, 5, 1, tzinfo=UTC)
    plant(tmp_path, pid, "aaaaaaaa", valid_bytes("late", now=late))
    plant(tmp_path, pid, "bbbbbbbb", valid_bytes("early", now=early))
    orphans = find_orphans(tmp_path)
    assert [o.blueprint.title for o in orphans] == ["early", "late"]
    release_all(orphans)


def test_original_changed_since_the_crash(tmp_path):
    original = tmp_path / "hotel.blueprint"
    original.write_bytes(b"version A")
    fp = Fingerprint.of(original)
    rec = tmp_path / "rec"
    plant(rec, dead_pid(), "a1b2c3d4", valid_bytes(path=str(original), original=fp))
    [orphan] = find_orphans(rec)
    assert orphan.original_changed() is False
    original.write_bytes(b"version B by a colleague")
    assert orphan.original_changed() is True
    orphan.release()


# ----------------------------------------------------- bad files never block
BAD = {
    "empty": b"",
    "not json": b'{"recovery": 1, "blueprint": ',
    "not utf-8": b"\xff\xfe\x00garbage",
    "not a wrapper": b"[1, 2, 3]",
    "no marker": json.dumps({"blueprint": {}}).encode(),
    "bad blueprint": json.dumps({"recovery": 1, "blueprint": {"format": "nope"}}).encode(),
    "dangling ref": json.dumps(
        {
            "recovery": 1,
            "blueprint": {
                "format": "service-blueprint",
                "version": 1,
                "lanes": [],
                "columns": [],
                "steps": [{"id": "s", "lane": "x", "column": "y", "title": "t"}],
            },
        }
    ).encode(),
    "deep nesting": b"[" * 100_000,
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_corrupt_file_is_reported_and_moved_aside(tmp_path, kind):
    pid = dead_pid()
    bad = plant(tmp_path, pid, "badbadba", BAD[kind])
    good = plant(tmp_path, pid, "900d900d", valid_bytes("survivor"))
    result = scan(tmp_path)
    assert [o.file for o in result.orphans] == [good]
    assert len(result.skipped) == 1
    skipped = result.skipped[0]
    assert skipped.file == bad and skipped.action == "moved" and skipped.reason
    assert not bad.exists()
    [kept] = list((tmp_path / recovery.DAMAGED).iterdir())
    assert kept.read_bytes() == BAD[kind]  # kept for a person to rescue by hand
    release_all(result.orphans)
    # next start: nothing more to report about it
    again = scan(tmp_path)
    assert again.skipped == [] and len(again.orphans) == 1
    release_all(again.orphans)


def test_unreadable_entry_never_raises(tmp_path):
    pid = dead_pid()
    (tmp_path / f"{pid}-dddddddd{recovery.SUFFIX}").mkdir()  # a directory with a file's name
    result = scan(tmp_path)
    assert result.orphans == [] and len(result.skipped) == 1


def test_missing_or_unlistable_directory_gives_nothing(tmp_path):
    assert find_orphans(tmp_path / "does-not-exist") == []
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    assert scan(not_a_dir).orphans == []


def test_newer_version_is_left_for_that_version(tmp_path):
    pid = dead_pid()
    newer_wrapper = plant(tmp_path, pid, "aaaaaaaa", json.dumps({"recovery": 2, "blueprint": {}}).encode())
    raw = json.loads(valid_bytes())
    raw["blueprint"]["version"] = 99
    newer_blueprint = plant(tmp_path, pid, "bbbbbbbb", json.dumps(raw).encode())
    result = scan(tmp_path)
    assert result.orphans == []
    assert {s.file for s in result.skipped} == {newer_wrapper, newer_blueprint}
    assert all(s.action == "left" and "newer" in s.reason for s in result.skipped)
    assert newer_wrapper.exists() and newer_blueprint.exists()
    # and they are not locked by us afterwards
    assert len(scan(tmp_path).skipped) == 2


def test_recovery_identical_to_saved_file_is_deleted(tmp_path):
    from blueprint_editor.core import io as bio

    original = tmp_path / "hotel.blueprint"
    bio.save_path(blueprint("Same"), original)
    rec = tmp_path / "rec"
    file = plant(rec, dead_pid(), "a1b2c3d4", valid_bytes("Same", path=str(original)))
    result = scan(rec)
    assert result.orphans == []
    assert [(s.file, s.action) for s in result.skipped] == [(file, "deleted")]
    assert not file.exists()


def test_stale_lock_files_are_cleaned_but_held_ones_kept(tmp_path):
    stale = tmp_path / f"{dead_pid()}-abcdabcd{recovery.LOCK_SUFFIX}"
    stale.write_bytes(b"")
    live = RecoverySession(tmp_path)
    live._ensure_lock()  # a window that has not written yet
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("not ours")
    scan(tmp_path)
    assert not stale.exists()
    assert live.lock_path.exists() and unrelated.exists()
    live.close()


def test_decode_metadata_is_best_effort():
    raw = json.loads(valid_bytes())
    raw.update(path=42, saved_at="yesterday", pid="x", original="nope")
    data = decode(json.dumps(raw).encode())
    assert data.path is None and data.saved_at is None and data.pid == 0
    assert data.original is None and data.blueprint.title == "Hotel stay"


def test_interrupted_write_leftovers_are_cleaned_once_their_editor_is_gone(tmp_path):
    pid = dead_pid()
    base = f"{pid}-abcdabcd{recovery.SUFFIX}"
    orphan_temp = tmp_path / f".{base}.0123456789ab.tmp"
    orphan_temp.write_bytes(b'{"recovery": 1, "blue')  # the crash hit mid-write
    live = RecoverySession(tmp_path)
    live.write(blueprint())
    live_temp = tmp_path / f".{live.file.name}.ba9876543210.tmp"  # a write in progress
    live_temp.write_bytes(b"partial")
    result = scan(tmp_path)
    assert result.orphans == [] and result.skipped == []
    assert not orphan_temp.exists()
    assert live_temp.exists() and live.file.exists()
    assert not (tmp_path / f"{pid}-abcdabcd{recovery.LOCK_SUFFIX}").exists()
    live.close()
