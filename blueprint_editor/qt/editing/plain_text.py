"""Text from a file or a path is shown as text, never as HTML.

Qt guesses whether a string is rich text (``Qt::mightBeRichText``) for tooltips, labels
and message boxes. A blueprint title such as ``<img src="/dev/zero">`` would then be
rendered as HTML: the editor would read that file (allocating until it dies), block on a
FIFO, or pull any local picture into a dialog. Every text that comes from a blueprint, a
recovery file or a path goes through this module:

- :func:`tooltip` makes the rich text Qt wants for a tooltip from plain text: escaped,
  wrapped in ``<qt>`` (so Qt never guesses), line breaks kept, long texts shortened.
- :func:`plain_label` and :func:`message_box` show labels and message boxes with
  ``Qt.PlainText``.
- :func:`window_title_part` keeps a name from acting as the window's ``[*]`` placeholder.
- :func:`for_display` is what every one of them shows of a text: characters that are not
  printable (controls, non-characters, lone surrogates) become U+FFFD.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

#: a tooltip shows at most this many characters of a text (a 10,000-character title
#: would otherwise cover the screen)
TOOLTIP_LIMIT = 600

# C0 and C1 controls except tab and line feed; U+FFFE/U+FFFF and the other
# non-characters; lone surrogates (a JSON file may spell one as \\ud800)
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)


def for_display(text: str) -> str:
    """``text`` with every unprintable character replaced by U+FFFD."""
    return _UNPRINTABLE.sub("\ufffd", text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "\u2026"


def tooltip(text: str, limit: int = TOOLTIP_LIMIT) -> str:
    """Rich text that Qt shows as exactly ``for_display(shorten(text))``, lines kept.

    Empty text stays empty (no tooltip at all).
    """
    if not text:
        return ""
    lines = html.escape(for_display(shorten(text, limit)), quote=False).split("\n")
    return "<qt><p style='white-space:pre-wrap'>" + "<br>".join(lines) + "</p></qt>"


def plain_label(label: QLabel) -> QLabel:
    """``label`` set to show its text literally; returned for chaining."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def new_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A plain-text label."""
    label = plain_label(QLabel(parent))
    label.setText(for_display(text))
    return label


def plain_message_box(box: QMessageBox) -> QMessageBox:
    """Make every label of ``box`` (text, informative and detailed text) plain text.

    Call after setting the texts: Qt creates the informative label on demand.
    """
    box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    return box


def message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, informative: str = ""
) -> QMessageBox:
    """A message box whose texts are shown literally (not yet shown)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(window_title_part(title))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(for_display(text))
    if informative:
        box.setInformativeText(for_display(informative))
    return plain_message_box(box)


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """Like ``QMessageBox.critical``/``warning``, with the text shown literally."""
    message_box(parent, icon, title, text).exec()


def one_line(text: str, limit: int = 500) -> str:
    """``text`` for a one-line place (status bar, menu entry): line breaks become spaces."""
    return shorten(" ".join(for_display(text).splitlines()), limit)


def window_title_part(text: str, limit: int = 200) -> str:
    """A name for a window title: one line, shortened, ``[*]`` shown as written."""
    return one_line(text, limit).replace("[*]", "[*][*]")


#: titles quoted in a heading or subtitle are cut to this many characters
HEADING_LIMIT = 48


def heading_part(text: str, limit: int = HEADING_LIMIT) -> str:
    """A title quoted in a heading: one line, at most ``limit`` characters."""
    return shorten(" ".join(for_display(text).split()), limit)


def rich_escape(text: str) -> str:
    """``text`` for inclusion in rich text we compose ourselves (escaped, printable)."""
    return html.escape(for_display(text), quote=True)
