"""Presentation mode (F5), full screen (F11) and "focus canvas" (F10).

:class:`Presentation` walks a room through the blueprint: the window goes full screen
with no menus, docks, toolbars, status bar or scroll bars, the blueprint fitted.

- PgDn / Right / Down / Space (a presenter remote's "next") show the next phase, PgUp /
  Left / Up / Backspace the previous one; each phase is fitted with the lane titles kept
  in view at the left (they are sticky) and the phase band at the top; the other phases
  fade (``BlueprintView.set_spotlight``). A phase whose
  lanes would be too small to read fitted whole is fitted to the width and shown in
  pages of whole lanes (the keys step through them first), see :mod:`core.slides`.
- Home shows the whole blueprint, End the last phase.
- + and - change the text size (View > Text Size) and fit again.
- A click on a card shows its details large (:class:`DetailsCard`); a click or Esc
  closes them.
- Esc (or F5) returns to the editor exactly as it was: window state and geometry, docks,
  toolbar, zoom, scroll position and selection.

While presenting nothing can edit the blueprint: the canvas takes every key (no menu
shortcut fires) and every mouse button. The checks' badges are hidden meanwhile.

:class:`CanvasFocus` hides every panel (docks and toolbars) and shows them again.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QPointF,
    QRect,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QToolBar, QVBoxLayout, QWidget

from blueprint_editor.core import slides
from blueprint_editor.core.cards import TEXT_SIZES, format_duration
from blueprint_editor.core.layout import Rect
from blueprint_editor.qt.canvas import style
from blueprint_editor.qt.canvas.items.step_item import StepItem

if TYPE_CHECKING:  # pragma: no cover
    from blueprint_editor.qt.app.main_window import MainWindow

#: the most a small blueprint is enlarged when fitted in presentation mode
MAX_PRESENT_ZOOM = 2.5
#: room kept free around a fitted phase or blueprint (viewport pixels)
FIT_MARGIN = 12
#: a phase is shown page by page rather than with card titles smaller than this (pixels)
MIN_TITLE_PX = 11.0
#: ... and shown at most this large then (pixels)
COMFORTABLE_TITLE_PX = 20.0

NEXT_KEYS = frozenset(
    {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_N}
)
PREVIOUS_KEYS = frozenset(
    {Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace, Qt.Key.Key_P}
)
LARGER_KEYS = frozenset({Qt.Key.Key_Plus, Qt.Key.Key_Equal})
SMALLER_KEYS = frozenset({Qt.Key.Key_Minus, Qt.Key.Key_Underscore})
_SWALLOWED_MOUSE = frozenset(
    {
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
    }
)


@dataclass
class _Saved:
    """The editor as it was when presentation mode began."""

    window_state: Qt.WindowState
    geometry: QRect
    docks: QByteArray
    menu_bar: bool
    status_bar: bool
    transform: QTransform
    scroll: tuple[int, int]
    policies: tuple[Qt.ScrollBarPolicy, Qt.ScrollBarPolicy]
    alignment: Qt.AlignmentFlag
    selection: list[str]


class DetailsCard(QFrame):
    """A card's details, large, over the presented canvas; a click closes it."""

    closed = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.area = parent  # the canvas' viewport it covers
        self.setObjectName("presentDetails")
        self.label = QLabel(self)
        self.label.setObjectName("presentDetailsText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.addWidget(self.label)
        self.step_id: str | None = None
        self.hide()

    def show_step(self, step_id: str, rich_text: str, px: int) -> None:
        self.step_id = step_id
        t = style.active_theme()
        self.setStyleSheet(
            f"#presentDetails {{ background: {t.card}; border: {max(3, round(t.line_scale * 3))}px"
            f" solid {t.selection}; border-radius: 14px; }}"
            f"#presentDetailsText {{ color: {t.ink}; font-family: '{style.FONT_FAMILY}';"
            f" font-size: {px}px; }}"
        )
        self.label.setText(rich_text)
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        area = self.area.rect()
        width = max(320, min(area.width() - 80, round(area.width() * 0.62)))
        self.setFixedWidth(width)
        height = min(
            area.height() - 60,
            self.heightForWidth(width) if self.hasHeightForWidth() else self.sizeHint().height(),
        )
        self.setFixedHeight(max(120, height))
        self.move((area.width() - width) // 2, (area.height() - self.height()) // 2)

    def close_card(self) -> None:
        if self.isVisible():
            self.hide()
            self.step_id = None
            self.closed.emit()

    def mousePressEvent(self, event) -> None:
        self.close_card()
        event.accept()


def step_details_html(window: MainWindow, step_id: str) -> str:
    """What the details card says about a step: title, lane, phase, owner, duration,
    markers, emotion, description and handoffs (escaped rich text)."""
    bp = window.document.blueprint
    step = next(s for s in bp.steps if s.id == step_id)
    lanes = {lane.id: lane for lane in bp.lanes}
    columns = {c.id: c for c in bp.columns}
    phases = {p.id: p.title for p in bp.phases}
    titles = {s.id: s.title for s in bp.steps}
    esc = html.escape
    lane = lanes.get(step.lane)
    where = (
        [f"{esc(lane.title)} ({esc(style.KIND_NAMES.get(lane.kind, lane.kind))})"] if lane is not None else []
    )
    column = columns.get(step.column)
    if column is not None and column.phase in phases:
        where.append(esc(phases[column.phase]))
    facts = []
    if step.owner:
        facts.append(f"Owner: {esc(step.owner)}")
    if step.duration_minutes is not None:
        facts.append(f"Duration: {esc(format_duration(step.duration_minutes))}")
    flags = {
        "fail_point": step.fail_point,
        "wait_point": step.wait_point,
        "moment_of_truth": step.moment_of_truth,
        "self_service": step.self_service,
    }
    markers = [style.MARKER_NAMES[m] for m in style.MARKERS if flags[m]]
    if markers:
        facts.append(" \u00b7 ".join(markers))
    if step.emotion is not None:
        facts.append(f"Emotion: {style.emotion_text(step.emotion)}")
    place = " \u2014 ".join(where)
    parts = [
        f"<div style='font-size:150%; font-weight:bold'>{esc(step.title)}</div>",
        f"<div style='color:{style.active_theme().muted}'>{place}</div>",
    ]
    if facts:
        parts.append("<p>" + "<br>".join(facts) + "</p>")
    if step.description:
        parts.append("<p>" + esc(step.description).replace("\n", "<br>") + "</p>")
    flows = [
        f"\u2192 {esc(titles.get(h.target, '?'))}" + (f" ({esc(h.label)})" if h.label else "")
        for h in bp.handoffs
        if h.source == step_id
    ]
    flows += [
        f"\u2190 {esc(titles.get(h.source, '?'))}" + (f" ({esc(h.label)})" if h.label else "")
        for h in bp.handoffs
        if h.target == step_id
    ]
    if flows:
        parts.append("<p>" + "<br>".join(flows) + "</p>")
    return "".join(parts)


class Presentation(QObject):
    """Presentation mode of one :class:`MainWindow` (``window.presentation``)."""

    activeChanged = Signal(bool)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.view = window.view
        self._saved: _Saved | None = None
        self._restoring: _Saved | None = None
        #: the phase on screen (an index into the layout's phases); None: the whole blueprint
        self.phase_index: int | None = None
        #: the page of the phase on screen, and the scene y of each page's top
        self.page = 0
        self.pages: list[float] = [0.0]
        self.details = DetailsCard(self.view.viewport())
        self.details.closed.connect(self._focus_view)

    def is_active(self) -> bool:
        return self._saved is not None

    def toggle(self) -> None:
        if self.is_active():
            self.leave()
        else:
            self.enter()

    # ---------------------------------------------------------------- enter / leave
    def enter(self) -> None:
        if self.is_active():
            return
        w, view = self.window, self.view
        self._saved = _Saved(
            window_state=w.windowState(),
            geometry=QRect(w.geometry()),
            docks=w.saveState(),
            menu_bar=w.menuBar().isVisible(),
            status_bar=w.statusBar().isVisible(),
            transform=QTransform(view.transform()),
            scroll=(view.horizontalScrollBar().value(), view.verticalScrollBar().value()),
            policies=(view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()),
            alignment=view.alignment(),
            selection=w.scene.selected_ids(),
        )
        w.scene.clearSelection()
        if w.checks_ui is not None:  # the room sees the blueprint, not the checks
            w.checks_ui.badges.set_shown(False)
        for panel in [*w.findChildren(QDockWidget), *w.findChildren(QToolBar)]:
            panel.hide()
        w.menuBar().hide()
        w.statusBar().hide()
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        view.resized.connect(self._refit)
        w.showFullScreen()
        self.phase_index, self.page = None, 0
        self.fit()
        self._focus_view()
        self.activeChanged.emit(True)

    def leave(self) -> None:
        saved = self._saved
        if saved is None:
            return
        self._saved = None
        w, view = self.window, self.view
        self.details.close_card()
        view.removeEventFilter(self)
        view.viewport().removeEventFilter(self)
        view.resized.disconnect(self._refit)
        view.set_spotlight(None)
        w.setWindowState(saved.window_state)
        if not saved.window_state & (Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowMaximized):
            w.setGeometry(saved.geometry)
        w.menuBar().setVisible(saved.menu_bar)
        w.statusBar().setVisible(saved.status_bar)
        w.restoreState(saved.docks)
        view.setHorizontalScrollBarPolicy(saved.policies[0])
        view.setVerticalScrollBarPolicy(saved.policies[1])
        view.setAlignment(saved.alignment)
        w.scene.select_ids(saved.selection)
        if w.checks_ui is not None:
            w.checks_ui.badges.set_shown(True)
        self._restore_view(saved)
        # the window may take its old size only after this event: put the view back again
        # (self as the timer's context: nothing happens once the window is gone)
        self._restoring = saved
        QTimer.singleShot(0, self, self._restore_again)
        self._focus_view()
        self.activeChanged.emit(False)

    @Slot()
    def _restore_again(self) -> None:
        saved, self._restoring = self._restoring, None
        if saved is not None:
            self._restore_view(saved)

    def _restore_view(self, saved: _Saved) -> None:
        if self.is_active():
            return
        view = self.view
        view.setTransform(saved.transform)
        view.horizontalScrollBar().setValue(saved.scroll[0])
        view.verticalScrollBar().setValue(saved.scroll[1])
        view.zoomChanged.emit(view.zoom_factor())

    @Slot()
    def _focus_view(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---------------------------------------------------------------- what is shown
    def phase_count(self) -> int:
        return len(self.window.scene.layout.phases)

    def show_whole(self) -> None:
        self.phase_index, self.page = None, 0
        self.fit()

    def show_phase(self, index: int, last_page: bool = False) -> None:
        count = self.phase_count()
        if count:
            self.phase_index = max(0, min(count - 1, index))
        self.page = 0
        self.fit()
        if last_page:
            self.page = len(self.pages) - 1
            self.fit()

    def step(self, delta: int) -> None:
        """Forward (+1) or back (-1): the next page of a phase taller than the screen,
        else the next phase; from the whole blueprint, the first or the last phase;
        back from the first phase, the whole blueprint again."""
        count = self.phase_count()
        if not count:
            return
        if self.phase_index is None:
            self.show_phase(0 if delta > 0 else count - 1, last_page=delta < 0)
        elif 0 <= self.page + delta < len(self.pages):
            self.page += delta
            self.fit()
        elif self.phase_index + delta < 0:
            self.show_whole()
        elif self.phase_index + delta < count:
            self.show_phase(self.phase_index + delta, last_page=delta < 0)

    def frame(self) -> Rect:
        """The scene rectangle fitted to the screen (see :mod:`core.slides`)."""
        g = self.window.scene.layout
        if self.phase_index is None or self.phase_index >= len(g.phases):
            return slides.whole_frame(g)
        return slides.phase_frame(g, self.phase_index)

    def fit(self) -> None:
        """Zoom and scroll so :meth:`frame` fills the screen (a phase whose lanes would be
        too small to read: its width, page :attr:`page` of its height)."""
        g = self.window.scene.layout
        frame = self.frame()
        if frame.w <= 0 or frame.h <= 0:
            return
        vp = self.view.viewport().rect()
        title = g.metrics.title_px
        readable = (
            (MIN_TITLE_PX / title, COMFORTABLE_TITLE_PX / title) if self.phase_index is not None else None
        )
        zoom, paged = slides.fit_zoom(frame, vp.width(), vp.height(), FIT_MARGIN, MAX_PRESENT_ZOOM, readable)
        self.view.set_zoom(zoom)
        zoom = self.view.zoom_factor()
        visible_h = vp.height() / zoom
        self.pages = slides.page_tops(g, visible_h) if paged else [0.0]
        self.page = max(0, min(self.page, len(self.pages) - 1))
        cx = frame.x + frame.w / 2
        cy = frame.y + frame.h / 2 if not paged else self.pages[self.page] + visible_h / 2
        self.view.centerOn(QPointF(cx, cy))
        if self.phase_index is None:
            self.view.set_spotlight(None)
        else:  # the other phases fade: the room looks at this one
            span = g.phases[self.phase_index]
            self.view.set_spotlight((span.x, span.x + span.w, g.metrics.header_width))
        self.window.update_zoom_label()

    def change_text_size(self, delta: int) -> None:
        keys = [s.key for s in TEXT_SIZES]
        at = keys.index(self.window.scene.text_size())
        key = keys[max(0, min(len(keys) - 1, at + delta))]
        if key != keys[at]:
            self.window.set_text_size(key)
        self.fit()

    def show_details(self, step_id: str) -> None:
        px = round(28 * self._size_factor())
        self.details.show_step(step_id, step_details_html(self.window, step_id), px)

    def _size_factor(self) -> float:
        key = self.window.scene.text_size()
        return next(s.factor for s in TEXT_SIZES if s.key == key)

    def card_at(self, pos: QPointF) -> str | None:
        """The step whose card is under viewport point ``pos``."""
        for item in self.view.items(pos.toPoint()):
            if isinstance(item, StepItem):
                return item.step_id
        return None

    # ---------------------------------------------------------------- events
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if obj is self.view:
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # the canvas takes every key: no menu shortcut edits
                return True
            if kind == QEvent.Type.KeyPress:
                self._key(event)
                return True
            return False
        if kind == QEvent.Type.MouseButtonPress:
            if self.details.isVisible():
                self.details.close_card()
            elif event.button() == Qt.MouseButton.LeftButton:
                step_id = self.card_at(event.position())
                if step_id is not None:
                    self.show_details(step_id)
            return True
        return kind in _SWALLOWED_MOUSE

    @Slot()
    def _refit(self) -> None:
        if self.is_active():
            self.fit()
            if self.details.isVisible():
                self.details.place()

    def _key(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.details.isVisible():
            self.details.close_card()
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.leave()
        elif self.details.isVisible():
            self.details.close_card()
            if key in NEXT_KEYS or key in PREVIOUS_KEYS:
                self.step(1 if key in NEXT_KEYS else -1)
        elif key in NEXT_KEYS:
            self.step(1)
        elif key in PREVIOUS_KEYS:
            self.step(-1)
        elif key == Qt.Key.Key_Home:
            self.show_whole()
        elif key == Qt.Key.Key_End:
            self.show_phase(self.phase_count() - 1)
        elif key in LARGER_KEYS:
            self.change_text_size(1)
        elif key in SMALLER_KEYS:
            self.change_text_size(-1)


class CanvasFocus(QObject):
    """View > Focus Canvas: hide every dock and the toolbar; again: show what was shown."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self._hidden: list[QWidget] = []
        self._active = False

    def is_active(self) -> bool:
        return self._active

    def set_active(self, on: bool) -> None:
        if on == self._active:
            return
        self._active = on
        if on:
            panels = [*self.window.findChildren(QDockWidget), *self.window.findChildren(QToolBar)]
            self._hidden = [p for p in panels if p.isVisible()]
            for panel in self._hidden:
                panel.hide()
            self.window.view.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            hidden, self._hidden = self._hidden, []
            for panel in hidden:
                panel.show()


def toggle_full_screen(window: MainWindow) -> None:
    """View > Full Screen (F11) while editing."""
    window.setWindowState(window.windowState() ^ Qt.WindowState.WindowFullScreen)
