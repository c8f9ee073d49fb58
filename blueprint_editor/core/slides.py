"""Presentation mode's framing math: what part of the layout fills the screen.

A *slide* is one phase (or the whole blueprint) fitted to the screen. A phase's frame is
its columns with the lane titles' width to their left (the lane titles are sticky, so they
stay on screen over the previous phase's last column) and the lanes' whole height. When
fitting that height would make the cards' titles too small to read, the phase is fitted to
the screen's width only and shown in *pages*: each page starts at a lane's top (a lane is
never cut unless it alone is taller than the screen) under the sticky phase band.

Pure functions of a :class:`~blueprint_editor.core.layout.GridLayout`; no Qt.
"""

from __future__ import annotations

from blueprint_editor.core.layout import GridLayout, Rect


def phase_frame(g: GridLayout, index: int) -> Rect:
    """The scene rectangle of phase ``index`` with the lane titles' width to its left."""
    span = g.phases[index]
    header = g.metrics.header_width
    return Rect(span.x - header, 0.0, span.w + header, g.height)


def whole_frame(g: GridLayout) -> Rect:
    return Rect(0.0, 0.0, g.width, g.height)


def fit_zoom(
    frame: Rect,
    screen_w: float,
    screen_h: float,
    margin: float,
    max_zoom: float,
    readable: tuple[float, float] | None = None,
) -> tuple[float, bool]:
    """(zoom, paged): the zoom that fits ``frame`` on a screen (``margin`` pixels free on
    each side), at most ``max_zoom``.

    ``readable`` = (least, comfortable) zoom for the cards' titles: when fitting the height
    too would zoom below the least, the zoom fits the width only, up to the comfortable
    zoom, and ``paged`` is True: the frame is shown page by page."""
    by_w = (screen_w - 2 * margin) / frame.w
    by_h = (screen_h - 2 * margin) / frame.h
    zoom = min(by_w, by_h, max_zoom)
    if readable is not None and by_h < by_w and zoom < readable[0]:
        return min(by_w, max_zoom, max(readable)), True
    return zoom, False


def page_tops(g: GridLayout, visible_h: float) -> list[float]:
    """The scene y of the top edge of each page when ``visible_h`` scene units of height
    are on screen: the first page at the top; each next page starts with the first lane
    the page before did not show whole (the phase band, sticky, covers the
    ``phase_band`` above it). The last page ends at the blueprint's bottom."""
    band = g.phase_band
    if visible_h >= g.height or visible_h <= band:
        return [0.0]
    tops = [0.0]
    last = g.height - visible_h  # the top of the page that ends at the bottom
    for lane in g.lane_order:
        bottom = g.lane_top[lane] + g.lane_height[lane]
        while bottom > tops[-1] + visible_h + 1e-6:
            top = g.lane_top[lane] - band
            if top <= tops[-1] + 1e-6:  # a lane taller than a page: on by a page
                top = tops[-1] + visible_h - band
            top = min(top, last)
            if top <= tops[-1] + 1e-6:
                return tops
            tops.append(top)
    return tops
