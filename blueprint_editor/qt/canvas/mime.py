"""The drag-and-drop payload of a new step (palette -> canvas).

MIME type ``application/x-blueprint-step``; the data is a UTF-8 JSON object of step fields
(a *preset*: ``title``, markers ...). Decoding keeps only fields a new step may take, with
the right types, so a foreign or broken payload can never break the document.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

from blueprint_editor.core.model import STEP_EDITABLE, Step

STEP_MIME = "application/x-blueprint-step"


def encode_step(fields: dict) -> QMimeData:
    data = QMimeData()
    data.setData(STEP_MIME, json.dumps(fields, sort_keys=True).encode("utf-8"))
    return data


def decode_step(data: QMimeData | None) -> dict | None:
    """The preset fields of a step payload, or None if ``data`` carries none."""
    if data is None or not data.hasFormat(STEP_MIME):
        return None
    try:
        raw = json.loads(bytes(data.data(STEP_MIME).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(raw, dict):
        return None
    fields = {k: v for k, v in raw.items() if k in STEP_EDITABLE}
    try:  # validate the preset as a step would be
        Step(id="x", lane="x", column="x", **{"title": "x", **fields})
    except Exception:
        return None
    return fields
