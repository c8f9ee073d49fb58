"""A file without write permission is never replaced; fingerprints come from the bytes
the program itself read or wrote (one read on open, none after a save)."""

from __future__ import annotations

import os
import stat

import pytest

from blueprint_editor.core import atomic, filestate
from blueprint_editor.core import io as bio
from blueprint_editor.core.atomic import ReadOnlyFile, atomic_write
from blueprint_editor.core.filestate import Fingerprint, changed_on_disk
from blueprint_editor.core.model import new_blueprint


def test_a_read_only_file_is_not_replaced(tmp_path):
    target = tmp_path / "a.blueprint"
    target.write_bytes(b"theirs")
    target.chmod(0o444)
    with pytest.raises(ReadOnlyFile) as caught:
        atomic_write(target, b"ours")
    assert "read-only" in str(caught.value)
    assert target.read_bytes() == b"theirs"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.blueprint"]  # no temp left
    with pytest.raises(ReadOnlyFile):
        bio.save_path(new_blueprint("x"), target)
    assert target.read_bytes() == b"theirs"
    target.chmod(0o644)  # writable again: replaced as usual, its mode kept
    atomic_write(target, b"ours")
    assert target.read_bytes() == b"ours" and stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_link_to_a_read_only_file_is_refused_too(tmp_path):
    real = tmp_path / "real.blueprint"
    real.write_bytes(b"theirs")
    real.chmod(0o400)
    link = tmp_path / "link.blueprint"
    link.symlink_to(real)
    with pytest.raises(ReadOnlyFile):
        atomic_write(link, b"ours")
    assert real.read_bytes() == b"theirs" and link.is_symlink()


def test_new_files_get_the_mode_asked_for(tmp_path):
    atomic_write(tmp_path / "private", b"x", mode=0o600)
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o600


def test_save_fingerprints_the_bytes_it_wrote_not_a_later_read(tmp_path, monkeypatch):
    target = tmp_path / "a.blueprint"
    real_write = atomic.atomic_write

    def write_then_someone_else_writes(path, data, mode=0o666):
        result = real_write(path, data, mode)
        with open(path, "ab") as fh:  # another program, right after the rename
            fh.write(b" ")
        return result

    monkeypatch.setattr(bio, "atomic_write", write_then_someone_else_writes)
    monkeypatch.setattr(filestate, "_sha256_of", lambda path: pytest.fail("file read again"))
    fingerprint = bio.save_path(new_blueprint("x"), target)
    monkeypatch.undo()
    assert fingerprint == Fingerprint.of_bytes(bio.dumps(new_blueprint("x")).encode(), fingerprint.mtime_ns)
    assert changed_on_disk(target, fingerprint)  # their change is noticed


def test_open_reads_the_file_once_and_fingerprints_those_bytes(tmp_path, monkeypatch):
    target = tmp_path / "a.blueprint"
    bio.save_path(new_blueprint("x"), target)
    opened = []
    real_open = open

    def counting_open(path, *args, **kwargs):
        opened.append(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(bio, "open", counting_open, raising=False)
    monkeypatch.setattr(filestate, "_sha256_of", lambda path: pytest.fail("file read again"))
    blueprint, fingerprint = bio.read_path(target)
    monkeypatch.undo()
    assert opened == [target] and blueprint.title == "x"
    assert fingerprint == Fingerprint.of(target)
    assert fingerprint.mtime_ns == os.stat(target).st_mtime_ns
