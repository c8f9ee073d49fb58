"""Fixtures of every test (keep this file tiny; the blueprints live in factories.py).

``sample_blueprint``: a fresh :func:`factories.full_blueprint`, a valid blueprint that uses
every part of the format. Tests that need a file write it with ``save_path``.
"""

from __future__ import annotations

import pytest

from blueprint_editor.core.model import Blueprint
from factories import full_blueprint


@pytest.fixture
def sample_blueprint() -> Blueprint:
    return full_blueprint()


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own recovery folder: never the user's real state folder."""
    monkeypatch.setenv("BLUEPRINT_EDITOR_STATE_DIR", str(tmp_path_factory.mktemp("state")))
