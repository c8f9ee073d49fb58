"""Fixtures of every test (keep this file tiny; the blueprints live in factories.py).

``sample_blueprint``: a fresh :func:`factories.full_blueprint`, a valid blueprint that uses
every part of the format. Tests that need a file write it with ``save_path``.
``sample_v2_blueprint``: :func:`factories.full_v2_blueprint`, the same plus every element
version 2 of the format adds. ``png_base64``: a tiny real PNG, as the base64 a file holds.
"""

from __future__ import annotations

import base64

import pytest

from blueprint_editor.core.model import Blueprint
from factories import full_blueprint, full_v2_blueprint, tiny_png


@pytest.fixture
def sample_blueprint() -> Blueprint:
    return full_blueprint()


@pytest.fixture
def sample_v2_blueprint() -> Blueprint:
    return full_v2_blueprint()


@pytest.fixture
def png_base64() -> str:
    return base64.b64encode(tiny_png()).decode("ascii")


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own recovery and templates folders: never the user's real ones."""
    monkeypatch.setenv("BLUEPRINT_EDITOR_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("BLUEPRINT_EDITOR_TEMPLATE_DIR", str(tmp_path_factory.mktemp("templates")))
