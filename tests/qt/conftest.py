"""Fixtures of the canvas tests (helpers live in canvas_fixtures.py).

``canvas``: a document, its undo stack and controller, a BlueprintScene and a shown
BlueprintView at a fixed size (see :class:`canvas_fixtures.Canvas`).
"""

from __future__ import annotations

import pytest

from canvas_fixtures import Canvas, make_canvas


@pytest.fixture
def canvas(qtbot) -> Canvas:
    c = make_canvas(qtbot)
    yield c
    c.scene.detach()
