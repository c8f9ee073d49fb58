"""Fingerprints of files on disk: has someone changed the file since the editor read it?"""

from __future__ import annotations

import hashlib
import os

from blueprint_editor.core.filestate import Fingerprint, changed_on_disk


def write(path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)


def test_fingerprint_records_size_time_and_hash(tmp_path):
    f = tmp_path / "a.blueprint"
    write(f, b'{"x": 1}\n')
    fp = Fingerprint.of(f)
    assert fp.size == 9
    assert fp.mtime_ns == os.stat(f).st_mtime_ns
    assert fp.sha256 == hashlib.sha256(b'{"x": 1}\n').hexdigest()


def test_unchanged_file_is_not_changed(tmp_path):
    f = tmp_path / "a.blueprint"
    write(f, b"hello")
    assert changed_on_disk(f, Fingerprint.of(f)) is False


def test_same_size_edit_with_restored_mtime_is_changed(tmp_path):
    # a sync tool that restores the time stamp must not hide a real change
    f = tmp_path / "a.blueprint"
    write(f, b"hello")
    fp = Fingerprint.of(f)
    write(f, b"jello")
    os.utime(f, ns=(fp.mtime_ns, fp.mtime_ns))
    assert os.stat(f).st_mtime_ns == fp.mtime_ns
    assert changed_on_disk(f, fp) is True


def test_other_size_is_changed(tmp_path):
    f = tmp_path / "a.blueprint"
    write(f, b"hello")
    fp = Fingerprint.of(f)
    write(f, b"hello, world")
    assert changed_on_disk(f, fp) is True


def test_touched_file_with_same_content_is_not_changed(tmp_path):
    f = tmp_path / "a.blueprint"
    write(f, b"hello")
    fp = Fingerprint.of(f)
    later = fp.mtime_ns + 5_000_000_000
    os.utime(f, ns=(later, later))
    assert changed_on_disk(f, fp) is False


def test_deleted_file_counts_as_changed(tmp_path):
    f = tmp_path / "a.blueprint"
    write(f, b"hello")
    fp = Fingerprint.of(f)
    f.unlink()
    assert changed_on_disk(f, fp) is True


def test_no_fingerprint_means_changed_only_if_a_file_appeared(tmp_path):
    f = tmp_path / "new.blueprint"
    assert changed_on_disk(f, None) is False
    write(f, b"someone else's file")
    assert changed_on_disk(f, None) is True


def test_replaced_by_a_directory_is_changed(tmp_path):
    f = tmp_path / "a.blueprint"
    write(f, b"hello")
    fp = Fingerprint.of(f)
    f.unlink()
    f.mkdir()
    assert changed_on_disk(f, fp) is True


def test_json_round_trip_and_malformed_input():
    fp = Fingerprint.of_bytes(b"abc", mtime_ns=7)
    assert Fingerprint.from_json(fp.to_json()) == fp
    assert fp.same_content(Fingerprint.of_bytes(b"abc", mtime_ns=99))
    assert not fp.same_content(Fingerprint.of_bytes(b"abd"))
    assert not fp.same_content(None)
    for bad in (
        None,
        [],
        {"size": "3", "mtime_ns": 7, "sha256": fp.sha256},
        {"size": 3, "mtime_ns": 7, "sha256": "short"},
        {"size": True, "mtime_ns": 7, "sha256": fp.sha256},
    ):
        assert Fingerprint.from_json(bad) is None


def test_try_of_is_none_for_missing_or_no_path(tmp_path):
    assert Fingerprint.try_of(None) is None
    assert Fingerprint.try_of(tmp_path / "missing") is None
    f = tmp_path / "a"
    write(f, b"x")
    assert Fingerprint.try_of(f) == Fingerprint.of(f)
