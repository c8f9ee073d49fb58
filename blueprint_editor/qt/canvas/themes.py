"""The themes: every colour, line width and least text size the canvas and exports use.

A theme is data (:class:`Theme`, colours as ``#rrggbb`` text); :mod:`style` turns the
active one into its colours and pens (:func:`style.use_theme`). Three themes:

- ``light``: the calm light palette of a desk (secondary text at WCAG AA, 4.5:1);
- ``dark``: the same on a dark ground, for a dark desktop (AA as well);
- ``projector``: high contrast for a lit room: every text at least 7:1 (WCAG AAA) against
  its background, thicker lines and arrows, at least the ``larger`` text size.

:func:`text_pairs` lists every text colour with the background it is drawn on, so a test
computes their contrast from these definitions. The View > Theme choice ``system`` means
light or dark as the desktop's colour scheme says.
"""

from __future__ import annotations

from dataclasses import dataclass

from blueprint_editor.core.cards import TEXT_SIZES

#: lane kinds in the order the palette shows them
KINDS = ("evidence", "customer", "frontstage", "backstage", "support", "note", "emotion")


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    #: least contrast of any text against its background (WCAG: AA 4.5, AAA 7)
    min_contrast: float
    page: str  # an export's background
    canvas: str
    ink: str  # titles, arrow labels
    muted: str  # owner, duration, descriptions
    faint: str
    grid: str
    card: str
    card_border: str
    card_shadow: tuple[int, int, int, int]
    selection: str
    hover: str
    header_bg: str
    header_border: str
    phase_bg: str
    phase_ink: str
    line_ink: str  # the named lines and their labels
    arrow: str
    label_bg: str
    label_border: str
    drop: str
    fail: str
    wait: str
    moment: str
    moment_edge: str
    self_service: str
    badge_ink: str  # the glyph inside a marker badge
    #: lane kind -> (band tint, accent, header background)
    lanes: dict[str, tuple[str, str, str]]
    #: lane kind -> the ink of the kind's name in the lane header
    kind_ink: dict[str, str]
    #: emotion -2..+2 -> chip colour
    emotions: dict[int, str]
    #: widths in scene units
    line_scale: float = 1.0  # multiplies the named lines' and the grid's widths
    border_width: float = 1.0  # card and header borders
    arrow_width: float = 1.7
    arrow_head: float = 1.0  # multiplies the arrow heads' size
    selection_width: float = 3.0
    #: the least text size (View > Text Size) the theme is shown at
    min_text_size: str = "standard"
    #: draw a dark outline around marker badges (told apart on any ground)
    badge_outline: bool = False
    #: workshop marks: vote dots and their "+n" (on a card), the comment bubbles (open
    #: question, other open comment, all done) and the count written on them
    vote: str = "#c2185b"
    question: str = "#b35900"
    comment: str = "#1a5fd0"
    done: str = "#66707d"
    mark_ink: str = "#ffffff"
    #: the emotion lane's curve
    curve: str = "#c2407a"


LIGHT = Theme(
    key="light",
    label="Light",
    min_contrast=4.5,
    page="#ffffff",
    canvas="#f7f8fa",
    ink="#1c2430",
    muted="#525d6b",
    faint="#c9d0da",
    grid="#e1e5ec",
    card="#ffffff",
    card_border="#c3cad5",
    card_shadow=(20, 30, 50, 28),
    selection="#1f6feb",
    hover="#8db7f5",
    header_bg="#eef1f5",
    header_border="#cfd6e0",
    phase_bg="#2d3a4d",
    phase_ink="#ffffff",
    line_ink="#3b4a5e",
    arrow="#4a5567",
    label_bg="#ffffff",
    label_border="#c3cad5",
    drop="#1f6feb",
    fail="#d6312b",
    wait="#e58a00",
    moment="#e3b008",
    moment_edge="#a87c00",
    self_service="#0f8f83",
    badge_ink="#ffffff",
    lanes={
        "evidence": ("#f3effa", "#7b5cc4", "#eae6f0"),
        "customer": ("#e9f2fd", "#1f78d1", "#e0e9f3"),
        "frontstage": ("#e8f6ee", "#23925a", "#dfede5"),
        "backstage": ("#fdf2e4", "#d9821c", "#f3e9db"),
        "support": ("#eff1f4", "#5d7183", "#e6e8eb"),
        "note": ("#fffbe3", "#b89514", "#f5f1da"),
        "emotion": ("#fdf0f5", "#c2417a", "#f3e7ec"),
    },
    kind_ink={
        "evidence": "#5a3d9e",
        "customer": "#155a9e",
        "frontstage": "#17653d",
        "backstage": "#8a4c0a",
        "support": "#44566a",
        "note": "#6b5600",
        "emotion": "#8c2455",
    },
    emotions={-2: "#d6312b", -1: "#f08a24", 0: "#9aa3ae", 1: "#7cbf3a", 2: "#1f9d55"},
)

DARK = Theme(
    key="dark",
    label="Dark",
    min_contrast=4.5,
    page="#161a21",
    canvas="#161a21",
    ink="#e9eef5",
    muted="#aab5c3",
    faint="#465163",
    grid="#2b323d",
    card="#222934",
    card_border="#3f4a5a",
    card_shadow=(0, 0, 0, 90),
    selection="#5aa3ff",
    hover="#3b6eb5",
    header_bg="#1d232d",
    header_border="#364050",
    phase_bg="#34435a",
    phase_ink="#ffffff",
    line_ink="#a9b6c8",
    arrow="#aeb9c9",
    label_bg="#222934",
    label_border="#3f4a5a",
    drop="#5aa3ff",
    fail="#e5483f",
    wait="#ec9420",
    moment="#e8b923",
    moment_edge="#b08a10",
    self_service="#1aa596",
    badge_ink="#ffffff",
    lanes={
        "evidence": ("#221e31", "#a58be0", "#252035"),
        "customer": ("#172638", "#5aa2ef", "#19293c"),
        "frontstage": ("#16291f", "#4cc08a", "#182c21"),
        "backstage": ("#2d2417", "#eaa04a", "#312719"),
        "support": ("#20252d", "#8fa3b6", "#232831"),
        "note": ("#2b2917", "#d9bb3f", "#2e2c19"),
        "emotion": ("#2d1b24", "#e0679d", "#311d27"),
    },
    kind_ink={
        "evidence": "#c9b8f3",
        "customer": "#9ccaf7",
        "frontstage": "#8edcb3",
        "backstage": "#f4c58c",
        "support": "#bccad8",
        "note": "#e9d88a",
        "emotion": "#f3a9ca",
    },
    emotions={-2: "#e5483f", -1: "#f0902e", 0: "#8f99a6", 1: "#86c84a", 2: "#2fb06a"},
    vote="#f48fb1",
    question="#f0a040",
    comment="#5aa3ff",
    done="#9aa5b4",
    mark_ink="#161a21",
    curve="#e0679d",
)

PROJECTOR = Theme(
    key="projector",
    label="Projector (high contrast)",
    min_contrast=7.0,
    page="#ffffff",
    canvas="#ffffff",
    ink="#000000",
    muted="#1f2630",
    faint="#8a95a5",
    grid="#b4bcc8",
    card="#ffffff",
    card_border="#111111",
    card_shadow=(0, 0, 0, 0),
    selection="#0046c7",
    hover="#4d84e6",
    header_bg="#e9edf2",
    header_border="#111111",
    phase_bg="#000000",
    phase_ink="#ffffff",
    line_ink="#000000",
    arrow="#000000",
    label_bg="#ffffff",
    label_border="#000000",
    drop="#0046c7",
    fail="#c8102e",
    wait="#b35900",
    moment="#f2c200",
    moment_edge="#000000",
    self_service="#00695f",
    badge_ink="#ffffff",
    lanes={
        "evidence": ("#f2eefb", "#5b2fb0", "#e9e5f1"),
        "customer": ("#e8f1fc", "#0b5cad", "#dfe8f2"),
        "frontstage": ("#e7f5ec", "#0d6b3a", "#deece3"),
        "backstage": ("#fdf1e2", "#a65300", "#f3e8d9"),
        "support": ("#eef0f3", "#3b4a5a", "#e5e7ea"),
        "note": ("#fff9d9", "#7a6000", "#f5efd1"),
        "emotion": ("#fcedf3", "#a0185a", "#f2e4ea"),
    },
    kind_ink={
        "evidence": "#3a1784",
        "customer": "#06396e",
        "frontstage": "#064225",
        "backstage": "#5e2e00",
        "support": "#222d39",
        "note": "#453600",
        "emotion": "#5e0f35",
    },
    emotions={-2: "#c8102e", -1: "#c45a00", 0: "#5f6b78", 1: "#3f7f12", 2: "#00693a"},
    line_scale=2.0,
    border_width=2.0,
    arrow_width=3.2,
    arrow_head=1.45,
    selection_width=4.0,
    min_text_size="larger",
    badge_outline=True,
    vote="#9c1048",
    question="#804000",
    comment="#0b4fb5",
    done="#4b5563",
    curve="#a0185a",
)

THEMES: dict[str, Theme] = {t.key: t for t in (LIGHT, DARK, PROJECTOR)}
#: the View > Theme choices: ``system`` is light or dark as the desktop says
CHOICES = ("system", "light", "dark", "projector")
DEFAULT_CHOICE = "system"


def theme(key: str) -> Theme:
    """The theme called ``key``; a ValueError names the known ones otherwise."""
    found = THEMES.get(key)
    if found is None:
        raise ValueError(f"unknown theme {key!r}: use one of {', '.join(THEMES)}")
    return found


def resolve(choice: str, system_dark: bool) -> Theme:
    """The theme of a View > Theme choice (``system`` follows the desktop)."""
    if choice == "system":
        return DARK if system_dark else LIGHT
    return theme(choice)


def for_paper(t: Theme) -> Theme:
    """The theme a print or a PDF on paper uses when the canvas shows ``t``: paper is
    never dark (the dark theme prints light); light and projector print as they are."""
    return LIGHT if t is DARK else t


def text_size_for(t: Theme, key: str) -> str:
    """The text size shown: the chosen one, or the theme's least if that is larger."""
    order = [s.key for s in TEXT_SIZES]
    return order[max(order.index(key), order.index(t.min_text_size))]


def text_pairs(t: Theme) -> list[tuple[str, str, str]]:
    """Every (what, text colour, background) the theme draws text with."""
    pairs = [
        ("card title", t.ink, t.card),
        ("owner and duration", t.muted, t.card),
        ("arrow label", t.ink, t.label_bg),
        ("line label", t.line_ink, t.card),
        ("phase title", t.phase_ink, t.phase_bg),
        ("corner and legend", t.ink, t.header_bg),
        ("export heading", t.ink, t.page),
        ("export notes", t.muted, t.page),
        ("canvas text", t.ink, t.canvas),
        ("extra votes on a card", t.vote, t.card),
        ("open questions count", t.mark_ink, t.question),
        ("open comments count", t.mark_ink, t.comment),
        ("done comments count", t.mark_ink, t.done),
    ]
    for kind in KINDS:
        bg = t.lanes[kind][2]
        pairs.append((f"{kind} lane title", t.ink, bg))
        if kind in t.kind_ink:
            pairs.append((f"{kind} lane kind", t.kind_ink[kind], bg))
    return pairs
