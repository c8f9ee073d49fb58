"""Text from a file is shown as text: no markup is interpreted, no file is read.

A blueprint whose every title, description, label and file name is hostile (tags,
``<img src="/dev/zero">``, an ``<img>`` of a FIFO, entities, 10,000 characters, control
characters, right-to-left text, emoji) is opened in the real main window. Every widget's
text and tooltip, every action, every canvas item's tooltip, the tooltips Qt shows for a
real help event on the canvas, the checks table, the inspector for a step and an arrow,
the "Cannot open" and the restore dialogs are rendered the way Qt renders them
(``Qt::mightBeRichText`` decides for "auto" text) and must show the hostile text
literally. A thread watches the FIFO: had anything opened it, the test would fail
instead of hanging.
"""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as QtGuiQt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget

from blueprint_editor.core.recovery import Orphan, RecoveryData
from blueprint_editor.qt.editing.plain_text import for_display
from blueprint_editor.qt.files import autosave
from blueprint_editor.qt.files.controller import FileController
from factories import text_fields_blueprint, write_blueprint

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")


def hostile_texts(fifo: Path) -> dict[str, str]:
    """Each text starts with a token (H01...) so the checks can find where it is shown."""
    return {
        "H01": "H01 <b>bold</b> <i>it</i> <script>alert(1)</script><style>*{}</style>",
        "H02": 'H02 <img src="/dev/zero"> after',
        "H03": f'H03 <img src="{fifo}"> <a href="file:///etc/passwd">link</a>',
        "H04": "H04 &amp; &lt;b&gt; &#x41; &nbsp; &unknown;",
        "H05": "H05 " + "W" * 10_000,
        "H06": "H06 \x01\x02\x1b[31m\x7f\x85 \ufffe\uffff end",
        "H07": "H07 \u202eevil\u202c \u05e2\u05d1\u05e8\u05d9\u05ea \u0639\u0631\u0628\u064a",
        "H08": "H08 \U0001f600\U0001f44d\U0001f3fd \U0001f468\u200d\U0001f469\u200d\U0001f467",
        "H09": "H09 <qt>not rich</qt> [*] %1 &Amp; <p style='font-size:99px'>big",
        "H10": "H10 <img src=x onerror=1> &amp; [*] %1 <qt>",  # also a file name
    }


class FifoWatch:
    """Fails the test (instead of hanging it) if anything opens ``path`` to read."""

    def __init__(self, path: Path):
        self.path = path
        self.opened = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self):
        os.mkfifo(self.path)
        self._thread.start()
        return self

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:  # succeeds only while a reader has the FIFO open
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.005)
                continue
            self.opened = True
            os.close(fd)  # the reader sees end of file and goes on

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(2)


class Shown:
    """Collects every text the editor shows and checks it renders literally."""

    def __init__(self, texts: dict[str, str]):
        self.texts = texts
        self.seen: set[str] = set()
        self.checked = 0

    def render(self, text: str, fmt=Qt.TextFormat.AutoText) -> str:
        """What Qt shows for ``text`` in a label or tooltip of format ``fmt``."""
        rich = fmt == Qt.TextFormat.RichText or (
            fmt == Qt.TextFormat.AutoText and QtGuiQt.mightBeRichText(text)
        )
        if not rich:
            return text
        # nothing from a file may reach rich text unescaped (checked before Qt parses it)
        assert "<img" not in text.lower() and "<a " not in text.lower(), text[:300]
        doc = QTextDocument()
        doc.setHtml(text)
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                assert not it.fragment().charFormat().isImageFormat(), text[:300]
                it += 1
            block = block.next()
        return doc.toPlainText()

    def check(self, text: str, fmt=Qt.TextFormat.AutoText, where: str = "") -> None:
        if not text:
            return
        shown = " ".join(self.render(text, fmt).split())
        for token, source in self.texts.items():
            start = shown.find(token)
            while start >= 0:
                # the text itself, or as the checks quote a title (whitespace collapsed
                # first, which in Python includes U+0085 and U+001C-U+001F)
                rest = shown[start:]
                same, expected = max(
                    (len(os.path.commonprefix([rest, candidate])), candidate)
                    for candidate in (
                        " ".join(for_display(source).split()),
                        " ".join(for_display(" ".join(source.split())).split()),
                    )
                )
                assert same >= min(len(expected), 40), (
                    f"{where}: {token} shown as {rest[:80]!r}, expected {expected[:80]!r}"
                )
                self.seen.add(token)
                self.checked += 1
                start = shown.find(token, start + 1)

    def check_widget_tree(self, root: QWidget, where: str) -> None:
        for w in [root] + root.findChildren(QWidget):
            if not w.isVisible() or w.objectName() == "qtooltip_label":
                continue  # not on screen; a shown tooltip is checked where it is asked for
            self.check(w.toolTip(), where=f"{where} tooltip of {type(w).__name__}")
            self.check(w.statusTip(), Qt.TextFormat.PlainText, where)
            self.check(w.whatsThis(), where=where)
            title = w.windowTitle().replace("[*][*]", "\0").replace("[*]", "").replace("\0", "[*]")
            self.check(title, Qt.TextFormat.PlainText, f"{where} window title")
            if isinstance(w, QLabel):
                self.check(w.text(), w.textFormat(), f"{where} label {w.objectName()}")
        for action in root.findChildren(QAction):
            self.check(action.toolTip(), where=f"{where} action tooltip")
            self.check(action.statusTip(), Qt.TextFormat.PlainText, where)
            self.check(action.text().replace("&&", "&"), Qt.TextFormat.PlainText, where)


def help_at(view, scene_pos: QPointF) -> str:
    """Send a real tooltip request to the canvas at ``scene_pos``; the text Qt shows."""
    QToolTip.hideText()
    local = view.mapFromScene(scene_pos)
    event = QHelpEvent(QHelpEvent.Type.ToolTip, local, view.viewport().mapToGlobal(local))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text()


def modal_texts(run, shown: Shown, where: str) -> list[str]:
    """Run ``run`` (which shows a modal dialog), check the dialog's texts, close it."""
    found: list[str] = []

    def inspect():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, inspect)
            return
        shown.check_widget_tree(box, where)
        found.extend(label.text() for label in box.findChildren(QLabel))
        box.close()

    QTimer.singleShot(0, inspect)
    run()
    return found


@pytest.fixture
def hostile(tmp_path):
    with FifoWatch(tmp_path / "pipe") as watch:
        texts = hostile_texts(watch.path)
        yield texts, watch
    assert not watch.opened, "a file named in a title was opened"


def test_every_text_of_the_window_is_shown_literally(hostile, make_window, tmp_path, qtbot):
    texts, watch = hostile
    shown = Shown(texts)
    path = write_blueprint(tmp_path / (texts["H10"] + ".blueprint"), text_fields_blueprint(texts))
    window = make_window()
    assert window.files.open_path(str(path)), window.dialogs.errors
    window.window_actions.fill_recent_menu()  # the recent file's path is hostile too
    ui = window.checks_ui
    qtbot.waitUntil(lambda: len(ui.panel.findings) > 0)
    shown.check_widget_tree(window, "window")
    # canvas items' own tooltips (lane and phase headers, corner, badges)
    for item in window.scene.items():
        shown.check(item.toolTip(), where=f"tooltip of {type(item).__name__}")
    # the tooltips Qt shows on real help events over cards, arrows and headers
    view = window.view
    for step in window.document.blueprint.steps:
        item = window.scene.step_item(step.id)
        view.centerOn(item)
        text = help_at(view, item.sceneBoundingRect().center())
        assert step.title[:3] in text  # the card's own tooltip was shown
        shown.check(text, where=f"help event over {step.id}")
    for item in window.scene.items():
        if item.toolTip():
            view.centerOn(item)
            shown.check(help_at(view, item.sceneBoundingRect().center()), where="help event")
    # the checks table: display and tooltip of every cell
    model = ui.panel.model
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            shown.check(index.data(Qt.ItemDataRole.ToolTipRole), where="checks tooltip")
            shown.check(index.data(), Qt.TextFormat.PlainText, "checks cell")
    # the inspector on a step and on an arrow (selected with the mouse on the canvas)
    for select in (lambda: window.scene.step_item("s2"), lambda: window.scene.handoff_item("h1")):
        item = select()
        window.scene.clearSelection()
        item.setSelected(True)
        qtbot.wait(10)
        shown.check_widget_tree(window.inspector_ui.dock, "inspector")
    assert {"H01", "H02", "H03", "H04", "H05", "H06", "H07", "H08", "H09", "H10"} <= shown.seen
    assert shown.checked > 30


def test_cannot_open_and_restore_dialogs_show_names_literally(hostile, make_window, tmp_path):
    texts, _watch = hostile
    shown = Shown(texts)
    window = make_window()
    bad = tmp_path / (texts["H10"] + ".blueprint")
    bad.write_text("{ not json", encoding="utf-8")
    labels = modal_texts(
        lambda: FileController.show_error(window.files, "Cannot open blueprint", f"{bad}\n\nbroken"),
        shown,
        "cannot open",
    )
    assert any(texts["H10"] in text for text in labels)
    data = RecoveryData(
        blueprint=text_fields_blueprint(texts),
        path=str(bad),
        saved_at=datetime(2026, 1, 2, tzinfo=UTC),
        pid=1,
        session="s",
        app_version="0",
        host="h",
        original=None,
    )
    orphan = Orphan(tmp_path / "1-abcdef01.recovery.json", data)
    labels = modal_texts(lambda: autosave._ask_restore_dialog(window, orphan), shown, "restore")
    assert any("H02 <img src=" in text for text in labels)
    assert {"H02", "H10"} <= shown.seen


def test_message_box_labels_are_plain_text(qtbot):
    from blueprint_editor.qt.editing.plain_text import message_box

    box = message_box(
        None, QMessageBox.Icon.Warning, "<b>t</b> [*]", "<img src='/dev/zero'>", "<i>more</i>\x01"
    )
    qtbot.addWidget(box)
    labels = [lab for lab in box.findChildren(QLabel) if lab.text()]
    assert {lab.text() for lab in labels} == {"<img src='/dev/zero'>", "<i>more</i>\ufffd"}
    assert all(lab.textFormat() == Qt.TextFormat.PlainText for lab in labels)
    assert box.windowTitle() == "<b>t</b> [*][*]"


def test_tooltip_renders_as_the_text_itself():
    from blueprint_editor.qt.editing.plain_text import TOOLTIP_LIMIT, tooltip

    for text in (
        "<b>x</b>\n  two  spaces",
        '&amp; <img src="/dev/zero">',
        "a\x00b\ufffe",
        "\u202eabc",
        "x" * 10_000,
    ):
        rich = tooltip(text)
        assert QtGuiQt.mightBeRichText(rich)
        doc = QTextDocument()
        doc.setHtml(rich)
        expected = for_display(text if len(text) <= TOOLTIP_LIMIT else text[: TOOLTIP_LIMIT - 1] + "\u2026")
        assert doc.toPlainText() == expected
    assert tooltip("") == ""
    assert QPoint  # (imported for help events)


def test_a_very_long_title_is_shortened_in_the_inspector_heading_not_in_its_field(make_window, qtbot):
    long_lane, long_step = "L" * 10_000, "S" * 10_000
    bp = text_fields_blueprint(hostile_texts(Path("/nonexistent")))
    bp = bp.model_copy(
        update={
            "lanes": [
                lane.model_copy(update={"title": long_lane}) if lane.id == "customer" else lane
                for lane in bp.lanes
            ],
            "steps": [s.model_copy(update={"title": long_step}) if s.id == "s1" else s for s in bp.steps],
        }
    )
    window = make_window(bp)
    dock = window.inspector_ui.dock
    width = dock.width()
    window.scene.step_item("s1").setSelected(True)
    qtbot.wait(10)
    form = window.inspector_ui.inspector.current_form
    assert form is window.inspector_ui.inspector.step_form
    assert form.title_edit.text() == long_step  # the field keeps the whole title
    subtitle = form.subtitle.text()
    assert subtitle.startswith("In \u201cLLL") and len(subtitle) < 80
    QApplication.processEvents()
    assert dock.width() <= width + 10  # the panel did not grow
    assert long_lane in form.subtitle.toolTip()[:20_000] or "L" * 500 in form.subtitle.toolTip()
