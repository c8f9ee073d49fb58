"""The canvas' graphics items. Geometry (pure maths) lives in :mod:`.geometry`; each item
caches its paths when the model or layout changes and only draws them in ``paint()``."""

from .decor import (BlueprintLineItem, ColumnGuideItem, CornerItem, HeaderBandItem,
                    LaneBandItem, LaneHeaderItem, LineLabelItem, PhaseHeaderItem)
from .handoff_item import HandoffItem
from .overlays import ConnectionHandle, ConnectLineItem, DropIndicatorItem, TitleEditor
from .step_item import StepItem

__all__ = ["BlueprintLineItem", "ColumnGuideItem", "ConnectLineItem", "ConnectionHandle",
           "CornerItem", "DropIndicatorItem", "HandoffItem", "HeaderBandItem", "LaneBandItem",
           "LaneHeaderItem", "LineLabelItem", "PhaseHeaderItem", "StepItem", "TitleEditor"]
