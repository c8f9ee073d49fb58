"""The canvas' graphics items. Geometry (pure maths) lives in :mod:`.geometry`; each item
caches its paths when the model or layout changes and only draws them in ``paint()``."""

from blueprint_editor.qt.canvas.items.decor import (
    BlueprintLineItem,
    ColumnGuideItem,
    CornerItem,
    HeaderBandItem,
    LaneBandItem,
    LaneHeaderItem,
    LineLabelItem,
    PhaseHeaderItem,
)
from blueprint_editor.qt.canvas.items.handoff_item import HandoffItem
from blueprint_editor.qt.canvas.items.overlays import (
    CellCursorItem,
    ConnectionHandle,
    ConnectLineItem,
    DropIndicatorItem,
    RubberBandItem,
    TitleEditor,
)
from blueprint_editor.qt.canvas.items.step_item import StepItem

__all__ = [
    "BlueprintLineItem",
    "CellCursorItem",
    "ColumnGuideItem",
    "ConnectLineItem",
    "ConnectionHandle",
    "CornerItem",
    "DropIndicatorItem",
    "HandoffItem",
    "HeaderBandItem",
    "LaneBandItem",
    "LaneHeaderItem",
    "LineLabelItem",
    "PhaseHeaderItem",
    "RubberBandItem",
    "StepItem",
    "TitleEditor",
]
