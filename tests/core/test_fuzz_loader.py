"""Thousands of damaged versions of a valid file: each loads or gives one LoadError.

Each outcome is the same with and without the loader's fast path.

Never another exception (no KeyError, TypeError, RecursionError, UnicodeError ...).
Deterministic: a seeded random loop, plus a hypothesis test with arbitrary JSON values.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blueprint_editor.core.io import LoadError, careful_loads, dumps, loads

# the conftest's version 2 sample blueprint (every element of the format), saved
# (tests/core/test_io.py checks that they agree)
SAMPLE_FILE = Path(__file__).resolve().parent.parent / "data" / "sample-v2.blueprint"
SAMPLE_BYTES = SAMPLE_FILE.read_bytes()
SAMPLE_TEXT = SAMPLE_BYTES.decode("utf-8")
SAMPLE_DATA = json.loads(SAMPLE_TEXT)

ODD_VALUES = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    10**30,
    "",
    "x",
    "c1",
    "arrive",
    "has space",
    "☕" * 3,
    [],
    [1],
    {},
    {"id": "x"},
    -2,
    2,
    65 * "a",
]
ODD_BYTES = [
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xe2\x82",
    b'"',
    b"\\",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"NaN",
    b"-Infinity",
    b"1e999",
    b"\\ud800",
    b"\n",
    b"\xef\xbb\xbf",
]

counts = {"loaded": 0, "refused": 0}


def check(data) -> None:
    try:
        bp = loads(data)
    except LoadError as exc:
        message = str(exc)
        assert message and "\n" not in message, repr(message)
        with pytest.raises(LoadError) as careful:  # the fast path only ever steps aside
            careful_loads(data)
        assert str(careful.value) == message
        counts["refused"] += 1
        return
    counts["loaded"] += 1
    text = dumps(bp)  # whatever loads must save, and saving is a fixed point
    assert dumps(careful_loads(data)) == text  # the fast path gives what the careful one does
    assert dumps(loads(text)) == text


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, prefix + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from paths(child, prefix + (i,))


ALL_PATHS = [p for p in paths(SAMPLE_DATA) if p]


def parent_and_key(data, path):
    for part in path[:-1]:
        data = data[part]
    return data, path[-1]


def mutate_bytes(rng: random.Random) -> bytes:
    data = bytearray(SAMPLE_BYTES)
    for _ in range(rng.randint(1, 4)):
        pos = rng.randrange(len(data))
        kind = rng.randrange(4)
        if kind == 0:
            data[pos] = rng.randrange(256)
        elif kind == 1:
            del data[pos : pos + rng.randint(1, 20)]
        elif kind == 2:
            data[pos:pos] = rng.choice(ODD_BYTES)
        else:
            data[pos] ^= 1 << rng.randrange(8)
    return bytes(data)


def mutate_tree(rng: random.Random) -> str:
    data = copy.deepcopy(SAMPLE_DATA)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(ALL_PATHS)
        while not _exists(data, path):  # earlier damage may have removed it: go up
            path = path[:-1]
        if not path:
            continue
        parent, key = parent_and_key(data, path)
        kind = rng.randrange(5)
        if kind == 0:  # delete a key or list item
            del parent[key]
        elif kind == 1 and isinstance(parent, dict):  # rename a key
            new = rng.choice(["titel", "from", "to", "links", "Id", key.upper(), key + "_", ""])
            parent[new] = parent.pop(key)
        elif kind == 2:  # swap the type of a value
            parent[key] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif kind == 3 and isinstance(parent, list):  # duplicate a list item
            parent.insert(rng.randint(0, len(parent)), copy.deepcopy(parent[key]))
        else:  # copy a value from elsewhere (ids, references)
            other = rng.choice(ALL_PATHS)
            if _exists(SAMPLE_DATA, other):
                source, skey = parent_and_key(SAMPLE_DATA, other)
                parent[key] = copy.deepcopy(source[skey])
    if rng.random() < 0.2:
        data["version"] = rng.choice([0, 1, 2, "1", True, None])
    return json.dumps(data, ensure_ascii=rng.random() < 0.5)


def as_older_version(data, version: int):
    """Damaged data as a version 0 or 1 file: without the keys version 2 added."""
    if not isinstance(data, dict):
        return data
    data = {k: v for k, v in data.items() if k not in ("comments", "images")}
    data["version"] = version
    for name, keys in (("columns", ("title",)), ("steps", ("channel", "votes", "image"))):
        if isinstance(data.get(name), list):
            data[name] = [
                {k: v for k, v in e.items() if k not in keys} if isinstance(e, dict) else e
                for e in data[name]
            ]
    if isinstance(data.get("lanes"), list):
        data["lanes"] = [e for e in data["lanes"] if not (isinstance(e, dict) and e.get("kind") == "emotion")]
    if version == 0 and "handoffs" in data:
        data["links"] = data.pop("handoffs")
    return data


def _exists(data, path) -> bool:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return False
    return True


def test_byte_flips_and_insertions():
    rng = random.Random(20240601)
    for _ in range(2500):
        check(mutate_bytes(rng))


def test_every_truncation_of_the_file():
    for cut in range(0, len(SAMPLE_BYTES), 3):  # every third prefix, including mid-UTF-8
        check(SAMPLE_BYTES[:cut])
    check(SAMPLE_BYTES[:-1])  # only the trailing newline gone: still a good file


def test_key_deletions_renames_and_type_swaps():
    rng = random.Random(77)
    for _ in range(2000):
        check(mutate_tree(rng))
    outcomes = {"loaded": 0, "refused": 0}
    for version in (0, 1):  # the same damage reaching the migrations of versions 0 and 1
        for _ in range(300):
            before = dict(counts)
            check(json.dumps(as_older_version(json.loads(mutate_tree(rng)), version)))
            for key in outcomes:
                outcomes[key] += counts[key] - before[key]
    assert outcomes["loaded"] > 20 and outcomes["refused"] > 20  # both outcomes reached


def test_the_fuzzing_reaches_both_outcomes():
    rng = random.Random(5)
    before = dict(counts)
    for _ in range(300):
        check(mutate_tree(rng))
        check(mutate_bytes(rng))
    assert counts["loaded"] > before["loaded"] and counts["refused"] > before["refused"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_PATHS), json_values)
def test_any_json_value_anywhere(path, value):
    data = copy.deepcopy(SAMPLE_DATA)
    parent, key = parent_and_key(data, path)
    parent[key] = value
    check(json.dumps(data))  # NaN/Infinity are written as such and must be refused


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes(data):
    check(data)
    check(SAMPLE_BYTES[:100] + data)
