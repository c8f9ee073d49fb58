"""What a step card shows and how big it is, as plain numbers: shared by canvas and exports.

A card never cuts its text. The title wraps at word boundaries inside the card's width
(a word wider than the card is broken between characters) and the card grows in height
until every line fits; the lane grows with its tallest stack (see :mod:`.layout`). The
footer (owner and duration) wraps the same way beside the marker badges.

Text is measured by a function passed in, ``measure(text, pixel_size, bold) -> width``
in scene units: the Qt side passes its font metrics (the bundled DejaVu Sans), tests and
headless callers may pass :func:`approx_measure`. Nothing here imports Qt.

Text sizes (View > Text Size, and the export) scale fonts, cards and headers together:
``standard`` is the canvas as it always was, ``projector`` is for the back of the room.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from .layout import Metrics

#: ``measure(text, pixel_size, bold) -> width`` in scene units.
Measure = Callable[[str, int, bool], float]


class TextSize(NamedTuple):
    key: str
    label: str
    factor: float


#: The text sizes, smallest first; ``standard`` is the default.
TEXT_SIZES: tuple[TextSize, ...] = (
    TextSize("standard", "Standard", 1.0),
    TextSize("large", "Large", 1.2),
    TextSize("larger", "Larger", 1.45),
    TextSize("projector", "Projector", 1.8),
)
DEFAULT_TEXT_SIZE = "standard"


def text_size(key: str) -> TextSize:
    """The text size called ``key``; a ValueError names the known ones otherwise."""
    for size in TEXT_SIZES:
        if size.key == key:
            return size
    known = ", ".join(s.key for s in TEXT_SIZES)
    raise ValueError(f"unknown text size {key!r}: use one of {known}")


def approx_measure(text: str, pixel_size: int, bold: bool = False) -> float:
    """A font-free estimate of a text's width (DejaVu Sans averages ~0.6 em per letter).

    For headless use and tests only; the canvas and the exports measure the real font."""
    return len(text) * pixel_size * (0.66 if bold else 0.6)


def format_duration(minutes: float | None) -> str:
    """``90`` -> ``1 h 30 min``; ``0.5`` -> ``30 s``; ``None`` -> ``""``."""
    if minutes is None:
        return ""
    if minutes < 1:
        return f"{round(minutes * 60)} s"
    if minutes < 60:
        m = round(minutes, 1)
        return f"{m:g} min"
    h, m = divmod(round(minutes), 60)
    if h >= 24 and m == 0 and h % 24 == 0:
        return f"{h // 24} d"
    return f"{h} h {m} min" if m else f"{h} h"


def footer_text(owner: str, duration_minutes: float | None) -> str:
    """The card's footer: ``owner · duration`` (either may be missing)."""
    parts = [p for p in (owner.strip(), format_duration(duration_minutes)) if p]
    return " \u00b7 ".join(parts)


def _break_word(word: str, width_of: Callable[[str], float], width: float) -> list[str]:
    """A word wider than ``width`` cut into pieces that fit (at least one letter each)."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and width_of(current + ch) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap_text(text: str, width_of: Callable[[str], float], width: float) -> list[str]:
    """Greedy word wrap of the whole ``text`` (never elided): joined with single spaces,
    the lines give back the text's words. Linear in the text's length: each word is
    measured once and widths are summed."""
    words = text.split()
    if not words:
        return []
    return _wrap(words, [width_of(w) for w in words], width_of(" "), width, width_of)


def _wrap(
    words: list[str], sizes: list[float], space: float, width: float, width_of: Callable[[str], float]
) -> list[str]:
    """:func:`wrap_text` of words already measured (``sizes``, ``space``)."""
    if sum(sizes) + space * (len(words) - 1) <= width:  # the common case: one line
        return [" ".join(words)]
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word, size in zip(words, sizes):
        if size > width:  # a word wider than the card: on lines of its own, broken
            if current:
                lines.append(" ".join(current))
            pieces = _break_word(word, width_of, width)
            lines += pieces[:-1]
            current, used = [pieces[-1]], width_of(pieces[-1])
            continue
        extra = size if not current else used + space + size
        if extra <= width:
            current.append(word)
            used = extra
        else:
            lines.append(" ".join(current))
            current, used = [word], size
    if current:
        lines.append(" ".join(current))
    return lines


#: The room a card's image thumbnail takes right of its title (scene units).
IMAGE_ROOM = 40.0


class CardText(NamedTuple):
    """Everything a card draws, in card coordinates (origin: the card's top-left corner).

    ``*_top`` are the tops of line boxes (``title_line`` / ``small_line`` high); the Qt
    side adds the font's ascent to place baselines. ``badges`` are the top-left corners of
    the marker slots (markers in badge order, then the emotion chip). The title drawn
    large when the canvas is zoomed out is :func:`card_overview`.
    """

    width: float
    height: float
    text_left: float
    lines: tuple[str, ...]
    title_top: float
    footer: tuple[str, ...]
    footer_top: float
    badges: tuple[tuple[float, float], ...]


class Overview(NamedTuple):
    """The title drawn large on a card when the canvas is zoomed out (no footer, no
    badges), in card coordinates: ``px`` pixels high, lines from ``top``, starting at x =
    ``left``. It holds the whole title too, or is empty (``px`` 0) when the title cannot
    be drawn larger than on the full card."""

    px: int
    lines: tuple[str, ...]
    top: float
    left: float


#: The overview title is at most this many times the title size (twice: beyond, the
#: zoomed-out canvas is a map of coloured blocks).
OVERVIEW_MAX_FACTOR = 2.0
#: Overview inner padding (scene units at the standard size) and line height (x px).
OVERVIEW_PAD, OVERVIEW_LINE = 3.0, 1.08


def _line_breaks(sizes: list[float], space: float, width: float, max_lines: int) -> list[int] | None:
    """Where greedy wrapping of words of ``sizes`` starts each line after the first (word
    indexes), or None when a word is wider than ``width`` or more than ``max_lines``
    lines are needed. Numbers only: cheap enough to try many sizes."""
    breaks: list[int] = []
    used = -space
    for i, size in enumerate(sizes):
        if size > width:
            return None
        used += space + size
        if used > width:
            breaks.append(i)
            if len(breaks) >= max_lines:
                return None
            used = size
    return breaks


def _overview(
    m: Metrics, words: list[str], sizes: list[float], space: float, w: float, h: float
) -> tuple[int, tuple[str, ...], float]:
    """The largest title size (pixels) at which the whole title, unbroken words, fits the
    card (for the zoomed-out view), its lines and their top; ``(0, (), 0)`` if none is
    larger than the normal title. ``sizes`` are the words' widths at the title size;
    widths scale with the size (with a margin), so trying many sizes costs little."""
    base = m.title_px
    if not words:
        return 0, (), 0.0
    f = m.title_px / 13.0
    pad = OVERVIEW_PAD * f
    left = m.accent_width + pad
    inner_w, inner_h = w - left - pad, h - 2 * pad

    line_k = OVERVIEW_LINE

    def fit(px: int) -> list[int] | None:
        k = px / base * 1.03  # unhinted advances scale with the size; 3 % to spare
        # compare unscaled widths with a width scaled down instead: one division
        return _line_breaks(sizes, space, inner_w / k, int(inner_h // round(px * line_k)))

    # the largest size that fits, by bisection (a larger size never needs fewer lines),
    # no larger than the size at which the words would fill the card's whole area
    lo, hi, best = base + 1, int(base * OVERVIEW_MAX_FACTOR), None
    area = (sum(sizes) + space * (len(sizes) - 1)) * 1.03 * line_k / base
    hi = min(hi, int((inner_w * inner_h / area) ** 0.5)) if area > 0 else hi
    while lo <= hi:
        mid = (lo + hi) // 2
        breaks = fit(mid)
        if breaks is None:
            hi = mid - 1
        else:
            best, lo = (mid, breaks), mid + 1
    if best is None:
        return 0, (), 0.0
    px, breaks = best
    starts = [0, *breaks, len(words)]
    lines = tuple(" ".join(words[i:j]) for i, j in zip(starts, starts[1:]))
    return px, lines, pad + (inner_h - len(lines) * overview_line(px)) / 2


def card_text(m: Metrics, title: str, footer: str, badges: int, image_room: float = 0.0) -> CardText:
    """Lay out one card: its lines, slots and size (width fixed, height grows); the
    title keeps ``image_room`` free on its right (a thumbnail's place)."""
    measure = m.measure
    w = m.card_width
    left = m.accent_width + m.card_pad_x - 2
    text_w = w - left - m.card_pad_x
    title_px, small_px = m.title_px, m.small_px

    def title_width(t: str) -> float:
        return measure(t, title_px, True)

    words = title.split()  # measured once: for the lines and for the overview
    sizes = [title_width(word) for word in words]
    space = title_width(" ")
    lines = _wrap(words, sizes, space, text_w - image_room, title_width) if words else []

    badge, gap = m.badge_size, m.badge_gap
    badges_w = badges * (badge + gap) - gap if badges else 0.0
    footer_w = text_w - (badges_w + 4 if badges else 0.0)
    foot = wrap_text(footer, lambda t: measure(t, small_px, False), max(footer_w, 24.0))
    has_footer = bool(foot or badges)

    title_h = len(lines) * m.title_line
    row = m.footer_height
    first_row = (row - m.small_line) / 2 - 1  # top of the first footer line in its row
    footer_h = max(row, first_row + len(foot) * m.small_line + 4) if has_footer else 0.0
    if has_footer:
        height = max(m.card_height, m.card_pad_top + title_h + 4 + footer_h)
        title_top = m.card_pad_top
    else:
        height = max(m.card_height, 2 * m.card_pad_top + title_h)
        title_top = m.card_pad_top + max(0.0, (height - 2 * m.card_pad_top - title_h) / 2)
    footer_top = height - footer_h
    slot_y = footer_top + (row - badge) / 2 - 1
    x = w - m.card_pad_x + 2 - badge
    slots = []
    for _ in range(badges):
        slots.append((x, slot_y))
        x -= badge + gap
    slots.reverse()

    return CardText(
        w, float(height), left, tuple(lines), title_top, tuple(foot), footer_top + first_row, tuple(slots)
    )


def card_overview(m: Metrics, title: str, width: float, height: float) -> Overview:
    """The zoomed-out title of a card of this size (made only for cards drawn that far
    out: most cards of a large blueprint never need it)."""
    words = title.split()
    sizes = [m.measure(word, m.title_px, True) for word in words]
    space = m.measure(" ", m.title_px, True)
    px, lines, top = _overview(m, words, sizes, space, width, height)
    return Overview(px, lines, top, m.accent_width + OVERVIEW_PAD * m.title_px / 13.0)


def overview_line(px: int) -> float:
    """Line height of the overview title at pixel size ``px``."""
    return float(round(px * OVERVIEW_LINE))
