"""Durations are typed and shown with units, and read back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blueprint_editor.core.durations import DurationError, format_duration, parse_duration


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("45 min", 45),
        ("45min", 45),
        ("45 minutes", 45),
        ("45 m", 45),
        ("1 h 30 min", 90),
        ("1h30", 90),
        ("1 h 30", 90),
        ("1:30", 90),
        ("1.5 h", 90),
        ("2 d", 2880),
        ("3 days", 4320),
        ("1 day 2 hours", 1560),
        ("1 week", 10080),
        ("90", 90),
        (" 15 ", 15),
        ("7,5", 7.5),
        ("2.25", 2.25),
        ("30 s", 0.5),
        ("2 D", 2880),
        ("0", 0),
        ("", None),
        ("   ", None),
    ],
)
def test_parse(text, minutes):
    value = parse_duration(text)
    assert value == minutes
    assert type(value) is type(minutes)


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "2 dayz",
        "5 5",
        "1 h 1 h",
        "-3",
        "2 days ago",
        "1 h 30 d 5",
        "h",
        "1..5",
        "30 2 h",
        "1:75",
    ],
)
def test_refused_text_says_what_is_accepted(text):
    with pytest.raises(DurationError) as err:
        parse_duration(text)
    message = str(err.value)
    assert text.strip() in message and "45 min" in message and "\n" not in message


@pytest.mark.parametrize(
    "minutes, text",
    [
        (None, ""),
        (0, "0 min"),
        (45, "45 min"),
        (60, "1 h"),
        (90, "1 h 30 min"),
        (2880, "2 d"),
        (1500, "1 d 1 h"),
        (1501, "1 d 1 h 1 min"),
        (7.5, "7.5 min"),
        (97.5, "1 h 37.5 min"),
        (0.25, "0.25 min"),
        (120.0, "2 h"),
    ],
)
def test_format(minutes, text):
    assert format_duration(minutes) == text


durations = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False),
)


@given(durations)
def test_every_stored_value_round_trips(minutes):
    text = format_duration(minutes)
    back = parse_duration(text)
    assert back == minutes
    assert format_duration(back) == text


@given(st.integers(0, 400), st.integers(0, 23), st.integers(0, 59))
def test_typed_parts_add_up(days, hours, mins):
    text = f"{days} days {hours} h {mins} min"
    assert parse_duration(text) == days * 1440 + hours * 60 + mins
