"""Images on cards: dropping a PNG or JPEG file onto a card (scaled down when over the
limit), the thumbnail on the card and in exports, replace and remove in the inspector."""

from __future__ import annotations

import base64
import os

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QColor, QImage

from blueprint_editor.core.model import MAX_IMAGE_BYTES
from blueprint_editor.qt.editing.images import ImageError, read_image
from blueprint_editor.qt.export.render import render_png_bytes
from canvas_driver import Canvas
from factories import canvas_blueprint


def red_png(path, size=40):
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff0000"))
    assert image.save(str(path), "PNG")
    return path


def noise_png(path, side=900):
    raw = os.urandom(side * side * 3)
    image = QImage(raw, side, side, side * 3, QImage.Format.Format_RGB888).copy()
    assert image.save(str(path), "PNG")
    assert path.stat().st_size > MAX_IMAGE_BYTES
    return path


def files_mime(path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def test_dropping_a_png_on_a_card_shows_it(make_window, tmp_path):
    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    path = red_png(tmp_path / "photo.png")
    assert canvas.drop(files_mime(path), canvas.card_center("greet"))
    step = window.document.step("greet")
    assert step.image is not None
    image = window.document.image(step.image)
    assert image.media_type == "image/png"
    assert base64.b64decode(image.data) == path.read_bytes()  # kept as it is
    assert window.scene.workshop.step_marks("greet").shows_image()
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.document.blueprint.images == []
    assert not window.scene.workshop.step_marks("greet").shows_image()


def test_a_drop_beside_the_cards_or_of_another_file_changes_nothing(make_window, tmp_path):
    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    path = red_png(tmp_path / "photo.png")
    assert not canvas.drop(files_mime(path), canvas.cell_center("evidence", "c4"))
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"not an image at all")
    canvas.drop(files_mime(fake), canvas.card_center("greet"))
    assert window.document.blueprint.images == []
    assert window.undo_stack.count() == 0


def test_a_large_image_is_scaled_down_to_fit_with_a_message(make_window, tmp_path):
    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    messages = []
    window.scene.message.connect(messages.append)
    path = noise_png(tmp_path / "big.png")
    assert canvas.drop(files_mime(path), canvas.card_center("arrive"))
    image = window.document.image(window.document.step("arrive").image)
    raw = base64.b64decode(image.data)
    assert len(raw) <= MAX_IMAGE_BYTES
    assert image.media_type == "image/jpeg"  # no transparency: JPEG
    assert any("scaled down" in m and "big.png" in m for m in messages)


def test_read_image_names_the_file_that_is_not_an_image(tmp_path):
    bad = tmp_path / "notes.png"
    bad.write_bytes(b"GIF89a....")
    try:
        read_image(bad)
    except ImageError as exc:
        assert str(exc) == "notes.png: not a PNG or JPEG image"
    else:
        raise AssertionError("no error")


def test_inspector_replaces_and_removes_the_image(make_window, tmp_path):
    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    canvas.click(canvas.card_center("desk"))
    fields = window.inspector_ui.inspector.step_form.workshop
    first, second = red_png(tmp_path / "a.png"), red_png(tmp_path / "b.png", 60)
    answers = [str(first), str(second)]
    fields.ask_image_path = lambda: answers.pop(0)
    fields.image_button.click()
    old = window.document.step("desk").image
    assert old is not None and fields.image_button.text().startswith("Replace")
    fields.image_button.click()
    new = window.document.step("desk").image
    assert new != old and [i.id for i in window.document.blueprint.images] == [new]
    fields.image_remove.click()
    assert window.document.step("desk").image is None
    assert window.document.blueprint.images == []
    assert not fields.image_remove.isEnabled()


def test_exports_draw_the_thumbnail(qapp, tmp_path):
    bp = canvas_blueprint()
    plain = QImage.fromData(render_png_bytes(bp, scale=0.5))
    media_type, data, _ = read_image(red_png(tmp_path / "r.png"))
    from blueprint_editor.core.model import Image

    bp.images = [Image(id="img1", media_type=media_type, data=data)]
    bp.steps[0].image = "img1"
    shown = QImage.fromData(render_png_bytes(bp, scale=0.5))

    def reds(image: QImage) -> int:
        return sum(
            1
            for y in range(image.height())
            for x in range(image.width())
            if image.pixelColor(x, y).red() > 240
            and image.pixelColor(x, y).green() < 20
            and image.pixelColor(x, y).blue() < 20
        )

    assert reds(shown) > reds(plain) + 50


def test_ctrl_v_pastes_a_copied_picture_onto_the_selected_card(make_window, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    window = make_window(canvas_blueprint())
    canvas = Canvas.of_window(window)
    canvas.click(canvas.card_center("prep"))
    picture = QImage(30, 20, QImage.Format.Format_RGB32)
    picture.fill(QColor("#00ff00"))
    QGuiApplication.clipboard().setImage(picture)
    assert window.commands.can_paste()
    canvas.key(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    image_id = window.document.step("prep").image
    assert image_id is not None
    pasted = QImage.fromData(base64.b64decode(window.document.image(image_id).data))
    assert (pasted.width(), pasted.height()) == (30, 20)
    assert window.undo_stack.undoText() == "Paste image"
    # a copied image file pastes too
    QGuiApplication.clipboard().setMimeData(files_mime(red_png(tmp_path / "r.png")))
    window.commands.paste()
    assert window.document.step("prep").image != image_id
    assert len(window.document.blueprint.images) == 1  # the old one went with it
    # the clipboard must not own mime data when the application goes at exit (offscreen
    # Qt crashes freeing it after QApplication)
    QGuiApplication.clipboard().clear()
