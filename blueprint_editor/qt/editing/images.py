"""Images for cards: reading a dropped or chosen PNG or JPEG file into what the format
holds (a media type and base64 data of at most 2 MB), and thumbnails to draw.

A file over the limit is scaled down and re-encoded (JPEG, or PNG when it has
transparency) until it fits, and the caller gets a message saying so. Anything that is
not a PNG or JPEG image gets one clear error naming the file.
"""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, Qt
from PySide6.QtGui import QImage

from blueprint_editor.core.model import IMAGE_SIGNATURES, MAX_IMAGE_BYTES

#: The file name endings offered and accepted.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
THUMB_PX = 96


class ImageError(ValueError):
    """A file that cannot become a card's image; ``str(err)`` is the one clear line."""


def media_type_of(raw: bytes) -> str | None:
    return next((t for t, sig in IMAGE_SIGNATURES.items() if raw.startswith(sig)), None)


def dropped_image(data: QMimeData | None) -> str | None:
    """The first local PNG or JPEG file of a drag or clipboard, or None."""
    if data is None or not data.hasUrls():
        return None
    for url in data.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(IMAGE_SUFFIXES):
            return url.toLocalFile()
    return None


def clipboard_image(data: QMimeData | None) -> tuple[str, bytes] | None:
    """(name, bytes) of the image on a clipboard: a copied PNG/JPEG file, or a copied
    picture (as PNG); None when it holds neither. Raises :class:`ImageError` when the
    copied file cannot be read."""
    path = dropped_image(data)
    if path is not None:
        try:
            return Path(path).name, Path(path).read_bytes()
        except OSError as exc:
            raise ImageError(f"{Path(path).name}: cannot read the file ({exc.strerror or exc})") from None
    if data is not None and data.hasImage():
        image = QImage(data.imageData())
        if not image.isNull():
            return "the pasted picture", _encode(image, "PNG")
    return None


def _encode(image: QImage, fmt: str) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    quality = 85 if fmt == "JPEG" else -1
    image.save(buffer, fmt, quality)  # type: ignore[call-overload]  # 6.11 refuses bytes
    return bytes(buffer.data().data())


def fit_image(raw: bytes, name: str, limit: int = MAX_IMAGE_BYTES) -> tuple[str, bytes, str]:
    """(media type, bytes, message) of an image that fits ``limit``; the message is empty
    when the bytes are kept as they are. Raises :class:`ImageError`."""
    media_type = media_type_of(raw)
    if media_type is None:
        raise ImageError(f"{name}: not a PNG or JPEG image")
    if len(raw) <= limit:
        return media_type, raw, ""
    image = QImage.fromData(QByteArray(raw))
    if image.isNull():
        raise ImageError(f"{name}: the image cannot be read")
    fmt, media_type = ("PNG", "image/png") if image.hasAlphaChannel() else ("JPEG", "image/jpeg")
    scale = min(1.0, (limit / len(raw)) ** 0.5)
    while True:
        w, h = max(1, int(image.width() * scale)), max(1, int(image.height() * scale))
        smaller = image.scaled(
            w, h, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        data = _encode(smaller, fmt)
        if len(data) <= limit:
            mb = limit // (1024 * 1024)
            return (
                media_type,
                data,
                (
                    f"{name} was over {mb} MB: scaled down to "
                    f"{smaller.width()} \u00d7 {smaller.height()} px to fit"
                ),
            )
        scale *= 0.8


def read_image(path: str | Path, limit: int = MAX_IMAGE_BYTES) -> tuple[str, str, str]:
    """(media type, base64 data, message) of an image file. Raises :class:`ImageError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImageError(f"{path.name}: cannot read the file ({exc.strerror or exc})") from None
    media_type, data, message = fit_image(raw, path.name, limit)
    return media_type, base64.b64encode(data).decode("ascii"), message


@lru_cache(maxsize=512)
def thumbnail(data: str) -> QImage:
    """A square thumbnail (cropped to fill) of base64 image data; a null image if the
    data cannot be drawn."""
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return QImage()
    image = QImage.fromData(QByteArray(raw))
    if image.isNull():
        return image
    filled = image.scaled(
        THUMB_PX,
        THUMB_PX,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    x, y = (filled.width() - THUMB_PX) // 2, (filled.height() - THUMB_PX) // 2
    return filled.copy(x, y, THUMB_PX, THUMB_PX)
