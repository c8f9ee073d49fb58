"""Durations as people type them: "45 min", "1 h 30 min", "2 d", "3 days", "90".

A step's duration is stored in minutes (``duration_minutes``: a whole number, or a
decimal number, or None). :func:`parse_duration` reads the text a person types and
:func:`format_duration` writes the text the inspector shows; the two round-trip exactly
(``parse_duration(format_duration(m)) == m`` for every stored value), so nothing is cut.

Units (case does not matter, the space before a unit is optional, a decimal comma is a
decimal point): ``w``/``wk``/``week(s)`` (7 days), ``d``/``day(s)`` (24 hours), ``h``/``hr``/
``hour(s)``, ``m``/``min``/``mins``/``minute(s)``, ``s``/``sec``/``second(s)``. A number without
a unit is minutes, on its own ("90") or after hours ("1 h 30"); ``h:mm`` is hours and
minutes ("1:30"). Text that is not a duration raises :class:`DurationError` with a message
saying what is accepted; nothing is guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

Minutes = int | float

#: minutes in one unit, by unit name
UNIT_MINUTES: dict[str, int] = {"w": 7 * 24 * 60, "d": 24 * 60, "h": 60, "min": 1}
_SECONDS = "s"
_ALIASES: dict[str, str] = {}
for _name, _words in {
    "w": ("w", "wk", "wks", "week", "weeks"),
    "d": ("d", "day", "days"),
    "h": ("h", "hr", "hrs", "hour", "hours"),
    "min": ("m", "min", "mins", "minute", "minutes"),
    _SECONDS: ("s", "sec", "secs", "second", "seconds"),
}.items():
    for _word in _words:
        _ALIASES[_word] = _name

EXAMPLES = "45 min, 1 h 30 min, 2 d, 3 days or 90 (minutes)"

_NUMBER = r"\d+(?:[.,]\d+)?|[.,]\d+"
_PART = re.compile(rf"\s*({_NUMBER})\s*([a-z]*)\s*", re.IGNORECASE)
_CLOCK = re.compile(r"\s*(\d+):([0-5]\d)\s*")


class DurationError(ValueError):
    """Text that is not a duration; ``str(err)`` is the message to show."""


def _refuse(text: str, why: str = "") -> DurationError:
    shown = text.strip()
    reason = f" ({why})" if why else ""
    return DurationError(f"\u201c{shown}\u201d is not a duration{reason}: write for example {EXAMPLES}.")


def _number(text: str) -> Fraction:
    return Fraction(Decimal(text.replace(",", ".")))


def _result(total: Fraction) -> Minutes:
    return int(total) if total.denominator == 1 else float(total)


def parse_duration(text: str) -> Minutes | None:
    """Minutes in ``text``; None for blank text. Raises :class:`DurationError`."""
    if not text.strip():
        return None
    clock = _CLOCK.fullmatch(text)
    if clock:
        return _result(Fraction(int(clock.group(1)) * 60 + int(clock.group(2))))
    parts: list[tuple[Fraction, str]] = []
    pos = 0
    while pos < len(text):
        match = _PART.match(text, pos)
        if match is None or match.end() == pos:
            raise _refuse(text)
        parts.append((_number(match.group(1)), match.group(2).lower()))
        pos = match.end()
    total = Fraction(0)
    seen: set[str] = set()
    for n, (value, word) in enumerate(parts):
        if not word:
            # a bare number: minutes, alone or right after hours ("1 h 30")
            if n != len(parts) - 1 or (n and _ALIASES.get(parts[n - 1][1]) != "h"):
                raise _refuse(text, "a number without a unit is minutes, alone or after hours")
            unit = "min"
        elif word in _ALIASES:
            unit = _ALIASES[word]
        else:
            raise _refuse(text, f"unknown unit \u201c{word}\u201d")
        if unit in seen:
            raise _refuse(text, "a unit is given twice")
        seen.add(unit)
        total += value / 60 if unit == _SECONDS else value * UNIT_MINUTES[unit]
    return _result(total)


def _plain(value: Minutes) -> str:
    """The shortest decimal text of ``value`` that reads back as the same number."""
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_duration(minutes: Minutes | None) -> str:
    """``90`` -> ``"1 h 30 min"``; ``2880`` -> ``"2 d"``; ``7.5`` -> ``"7.5 min"``; None -> ``""``.

    Exact: whole days and hours are split off the whole minutes, any fraction stays on the
    minutes, so :func:`parse_duration` reads back the same value."""
    if minutes is None:
        return ""
    if isinstance(minutes, float) and minutes.is_integer():
        minutes = int(minutes)
    if isinstance(minutes, int):
        whole, fraction = minutes, ""
    else:
        text = _plain(minutes)
        head, _, tail = text.partition(".")
        whole, fraction = int(head), (f".{tail}" if tail else "")
    days, rest = divmod(whole, UNIT_MINUTES["d"])
    hours, mins = divmod(rest, 60)
    out = []
    if days:
        out.append(f"{days} d")
    if hours:
        out.append(f"{hours} h")
    if mins or fraction or not out:
        out.append(f"{mins}{fraction} min")
    return " ".join(out)
