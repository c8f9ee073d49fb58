"""Loading and saving: every bad file of the contract gives one LoadError naming the place;
saving is canonical, a fixed point, and atomic."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blueprint_editor.core import atomic, io
from blueprint_editor.core.io import MAX_FILE_BYTES, LoadError, dumps, load_path, loads, save_path
from blueprint_editor.core.model import Blueprint, BlueprintError, Column, Lane, Step

HEAD = '{\n  "format": "service-blueprint",\n  "version": 1,\n'


def doc(sample, **changes) -> dict:
    data = json.loads(dumps(sample))
    data.update(changes)
    return data


def error_of(data) -> LoadError:
    if isinstance(data, dict):
        data = json.dumps(data)
    with pytest.raises(LoadError) as info:
        loads(data)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    assert "pydantic" not in message and "errors.pydantic.dev" not in message
    return info.value


def assert_at(err: LoadError, text: str, offset: int) -> None:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    assert str(err).startswith(f"line {line}, column {column}: "), str(err)
    assert (err.line, err.column) == (line, column)


def assert_field(err: LoadError, field: str, *words: str) -> None:
    assert str(err).startswith(f"{field}: "), str(err)
    assert err.field == field
    for word in words:
        assert word in str(err), str(err)


# ------------------------------------------------------------------ JSON level
def test_not_json_names_line_and_column():
    text = HEAD + '  "title": "x",\n  oops\n}\n'
    assert_at(error_of(text), text, text.index("oops"))


def test_not_utf8_names_line_and_column(sample_blueprint):
    text = dumps(sample_blueprint)
    offset = text.index("Greet guest")
    data = text[:offset].encode() + b"\xff\xfe" + text[offset:].encode()
    err = error_of(data)
    assert_at(err, text, offset)  # no non-ASCII before "Greet" on its line
    assert "UTF-8" in str(err)


def test_latin1_file_is_refused_with_the_place():
    data = (HEAD + '  "title": "Caf\xe9"\n}\n').encode("latin-1")
    err = error_of(data)
    assert str(err).startswith("line 4, column 16: ") and "UTF-8" in str(err)


def test_utf8_bom_is_accepted_and_dropped_on_save(sample_blueprint, tmp_path):
    text = dumps(sample_blueprint)
    assert loads(b"\xef\xbb\xbf" + text.encode()) == sample_blueprint
    assert loads("\ufeff" + text) == sample_blueprint
    path = tmp_path / "bom.blueprint"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    save_path(load_path(path), path)
    assert path.read_bytes() == text.encode()


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\xef\xbb\xbf"])
def test_empty_file(data):
    err = error_of(data)
    assert str(err).startswith("line 1, column 1: the file is empty")


def test_truncated_file_names_the_end(sample_blueprint):
    text = dumps(sample_blueprint)
    for cut in (1, 30, len(text) // 3, len(text) // 2, len(text) - 3):
        part = text[:cut]
        err = error_of(part)
        assert err.line is not None and err.column is not None
        assert "truncated" in str(err) or "not valid JSON" in str(err), str(err)


def test_truncated_in_the_middle_of_a_text_names_where_it_starts():
    text = HEAD + '  "title": "Hotel st'
    err = error_of(text)
    assert_at(err, text, text.index('"Hotel'))
    assert "truncated" in str(err)


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e400", "-2E+999"])
def test_non_finite_number_names_its_place(token):
    text = (
        HEAD + '  "steps": [],\n  "lanes": [], "columns": [],\n  "title": "NaN Infinity",\n'
        f'  "description": {token}\n}}\n'
    )
    err = error_of(text)
    assert_at(err, text, text.index(token, text.index('"description"')))


def test_integer_with_thousands_of_digits_is_refused():
    text = HEAD + '  "title": "x",\n  "emotion": ' + "9" * 5000 + "\n}\n"
    assert_at(error_of(text), text, text.index("999"))


@pytest.mark.parametrize(
    "value, word",
    [("[]", "a list"), ('"blueprint"', '"blueprint"'), ("42", "42"), ("null", "null"), ("true", "true")],
)
def test_top_level_not_an_object(value, word):
    err = error_of(value)
    assert str(err).startswith("top level: ") and "JSON object" in str(err) and word in str(err)
    assert err.field == ""


def test_duplicate_key_is_refused_with_its_path(sample_blueprint):
    text = dumps(sample_blueprint)
    text = text.replace('"title": "Look up booking",', '"title": "Look up booking", "title": "Other",', 1)
    assert_field(error_of(text), "steps[3].title", "twice")


def test_unpaired_surrogate_is_refused_with_its_path(sample_blueprint):
    data = doc(sample_blueprint)
    text = json.dumps(data).replace("Greet guest", "Greet \\ud800 guest")
    assert_field(error_of(text), "steps[2].title", "surrogate")
    # a proper pair is a character (an emoji) and loads fine
    ok = json.dumps(data).replace("Greet guest", "Greet \\ud83d\\ude00 guest")
    assert loads(ok).steps[2].title == "Greet \U0001f600 guest"


@pytest.mark.parametrize(
    "version, depth, message",
    [
        (1, 100_000, "line 4, column 211: the data is nested too deeply"),
        (0, 100_000, "line 4, column 211: the data is nested too deeply"),
        (0, 600, "line 4, column 211: the data is nested too deeply"),  # deep for the migration
        (1, 600, "title: should be text, found a list"),  # no trouble: a plain type error
    ],
)
def test_deep_nesting_is_refused_without_recursion_error(version, depth, message):
    head = HEAD.replace('"version": 1', f'"version": {version}')
    text = head + '  "title": ' + "[" * depth + "]" * depth + "\n}\n"
    assert str(error_of(text)) == message


def test_deep_paths_are_shortened_in_messages():
    text = HEAD + '  "title": ' + "[" * 600 + '"\\ud800"' + "]" * 600 + "\n}\n"
    err = error_of(text)
    assert str(err).startswith("title[0][0]") and "surrogate" in str(err)
    assert len(str(err)) < 250 and len(err.field) > 1000  # the full path stays available


def test_duplicate_key_inside_a_value_that_a_later_duplicate_replaced():
    text = HEAD + '  "title": [{"a": 1, "a": 2}],\n  "title": "x"\n}\n'
    assert_field(error_of(text), "title", "appears twice")


# ------------------------------------------------------------------ header
def test_format_missing(sample_blueprint):
    data = doc(sample_blueprint)
    del data["format"]
    assert_field(error_of(data), "format", "missing", "service-blueprint")


@pytest.mark.parametrize("value", ["service_blueprint", "", None, 1, ["service-blueprint"]])
def test_format_wrong(sample_blueprint, value):
    assert_field(error_of(doc(sample_blueprint, format=value)), "format", "not a service blueprint")


def test_version_missing(sample_blueprint):
    data = doc(sample_blueprint)
    del data["version"]
    assert_field(error_of(data), "version", "missing")


@pytest.mark.parametrize("value", ["1", 1.0, True, False, None, [1]])
def test_version_not_an_integer(sample_blueprint, value):
    assert_field(error_of(doc(sample_blueprint, version=value)), "version", "whole number")


@pytest.mark.parametrize("value", [3, 99, 10**30])
def test_version_newer_says_so(sample_blueprint, value):
    err = error_of(doc(sample_blueprint, version=value))
    assert_field(err, "version", "newer version of blueprint-editor", str(value))


def test_version_negative_is_unknown(sample_blueprint):
    assert_field(error_of(doc(sample_blueprint, version=-1)), "version", "unknown")


# ------------------------------------------------------------------ fields
@pytest.mark.parametrize(
    "where, path",
    [
        (lambda d: d, "colour"),
        (lambda d: d["lanes"][2], "lanes[2].colour"),
        (lambda d: d["phases"][1], "phases[1].colour"),
        (lambda d: d["columns"][3], "columns[3].colour"),
        (lambda d: d["steps"][3], "steps[3].colour"),
        (lambda d: d["handoffs"][1], "handoffs[1].colour"),
    ],
)
def test_unknown_key_anywhere(sample_blueprint, where, path):
    data = doc(sample_blueprint)
    where(data)["colour"] = "red"
    assert_field(error_of(data), path, "unknown key 'colour'", "typo")


def test_unknown_key_lists_the_known_ones(sample_blueprint):
    data = doc(sample_blueprint)
    data["steps"][0]["titel"] = "typo"
    assert_field(error_of(data), "steps[0].titel", "known keys: id, lane, column, title")


@pytest.mark.parametrize(
    "collection, index, key, value, words",
    [
        ("steps", 3, "fail_point", "yes", ("true or false", '"yes"')),
        ("steps", 3, "fail_point", 1, ("true or false",)),
        ("steps", 1, "emotion", 1.0, ("whole number",)),
        ("steps", 1, "emotion", True, ("whole number",)),
        ("steps", 1, "emotion", 3, ("less than or equal to 2",)),
        ("steps", 1, "emotion", -3, ("greater than or equal to -2",)),
        ("steps", 2, "duration_minutes", "5", ("number of minutes",)),
        ("steps", 2, "duration_minutes", -1, ("number of minutes",)),
        ("steps", 2, "title", 5, ("should be text",)),
        ("steps", 2, "title", None, ("should be text", "null")),
        ("steps", 1, "tags", "vip", ("should be a list",)),
        ("lanes", 0, "kind", "stage", ("should be one of", "frontstage")),
        ("handoffs", 0, "two_way", "no", ("true or false",)),
        ("columns", 0, "phase", 7, ("should be text",)),
    ],
)
def test_wrong_type_names_the_field(sample_blueprint, collection, index, key, value, words):
    data = doc(sample_blueprint)
    data[collection][index][key] = value
    assert_field(error_of(data), f"{collection}[{index}].{key}", *words)


def test_wrong_type_inside_a_list(sample_blueprint):
    data = doc(sample_blueprint)
    data["steps"][1]["tags"][1] = 7
    assert_field(error_of(data), "steps[1].tags[1]", "should be text")


@pytest.mark.parametrize("collection, value", [("steps", 5), ("lanes", "x"), ("handoffs", None)])
def test_wrong_container_types(sample_blueprint, collection, value):
    data = doc(sample_blueprint)
    data[collection] = value
    assert str(error_of(data)).startswith(f"{collection}: should be a list")
    data[collection] = [value]
    assert str(error_of(data)).startswith(f"{collection}[0]: should be an object")


def test_missing_required_field(sample_blueprint):
    data = doc(sample_blueprint)
    del data["steps"][4]["title"]
    assert_field(error_of(data), "steps[4].title", "required")


@pytest.mark.parametrize("bad", ["", "has space", "x" * 65, "ü", "a/b", 12])
def test_bad_id(sample_blueprint, bad):
    data = doc(sample_blueprint)
    data["steps"][2]["id"] = bad
    field = "steps[2].id"
    err = error_of(data)
    assert_field(err, field)
    assert "id" in str(err)


def test_duplicate_id_across_collections(sample_blueprint):
    data = doc(sample_blueprint)
    data["handoffs"][2]["id"] = "c2"  # a column's id
    assert_field(error_of(data), "handoffs[2].id", "duplicate id 'c2'", "columns[1]")


@pytest.mark.parametrize(
    "collection, index, key, words",
    [
        ("steps", 5, "lane", "no lane"),
        ("steps", 5, "column", "no column"),
        ("columns", 2, "phase", "no phase"),
        ("handoffs", 3, "source", "no step"),
        ("handoffs", 3, "target", "no step"),
    ],
)
def test_dangling_reference(sample_blueprint, collection, index, key, words):
    data = doc(sample_blueprint)
    data[collection][index][key] = "ghost"
    assert_field(error_of(data), f"{collection}[{index}].{key}", words, "'ghost'")


def test_self_handoff(sample_blueprint):
    data = doc(sample_blueprint)
    data["handoffs"][1]["target"] = data["handoffs"][1]["source"]
    assert_field(error_of(data), "handoffs[1].target", "itself")


def test_first_problem_in_file_order_is_reported(sample_blueprint):
    data = doc(sample_blueprint)
    data["lanes"][1]["kind"] = "moon"
    data["steps"][0]["title"] = 3
    assert str(error_of(data)).startswith("lanes[1].kind: ")


# ------------------------------------------------------------------ files on disk
def test_file_over_50_mb_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.blueprint"
    with open(big, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: no real disk use

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(io, "open", no_reading, raising=False)
    with pytest.raises(LoadError) as info:
        load_path(big)
    assert "50.0 MB" in str(info.value) and "refused" in str(info.value)
    assert info.value.path == big


def test_file_of_exactly_50_mb_is_read(tmp_path, sample_blueprint):
    text = dumps(sample_blueprint)
    path = tmp_path / "padded.blueprint"
    path.write_bytes(text.encode() + b" " * (MAX_FILE_BYTES - len(text.encode())))
    assert load_path(path) == sample_blueprint


def test_loads_refuses_over_50_mb_too():
    with pytest.raises(LoadError, match="refused"):
        loads(b" " * (MAX_FILE_BYTES + 1))


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(LoadError, match="no such file") as info:
        load_path(tmp_path / "nope.blueprint")
    assert info.value.path == tmp_path / "nope.blueprint"
    with pytest.raises(LoadError, match="folder"):
        load_path(tmp_path)
    with pytest.raises(LoadError, match="not a valid file name"):
        load_path(str(tmp_path / "nul\0.blueprint"))


def test_unreadable_file(tmp_path, sample_blueprint, monkeypatch):
    path = tmp_path / "secret.blueprint"
    save_path(sample_blueprint, path)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(io, "open", denied, raising=False)
    with pytest.raises(LoadError, match="cannot be read \\(permission denied\\)"):
        load_path(path)


def test_load_error_from_disk_keeps_the_path(tmp_path):
    path = tmp_path / "bad.blueprint"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_path(path)
    assert info.value.path == path and str(info.value).startswith("line 1, column 2: ")


# ------------------------------------------------------------------ saving
def test_dumps_is_canonical(sample_blueprint):
    text = dumps(sample_blueprint)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "☕" in text and "\\u" not in text  # UTF-8, not escaped
    assert text.splitlines()[1] == '  "format": "service-blueprint",'
    data = json.loads(text)
    assert list(data) == [
        "format",
        "version",
        "title",
        "description",
        "lanes",
        "phases",
        "columns",
        "steps",
        "handoffs",
        "comments",
        "images",
    ]
    assert list(data["steps"][0]) == [
        "id",
        "lane",
        "column",
        "title",
        "description",
        "owner",
        "duration_minutes",
        "fail_point",
        "wait_point",
        "moment_of_truth",
        "self_service",
        "emotion",
        "tags",
        "channel",
        "votes",
        "image",
    ]
    assert list(data["handoffs"][0]) == ["id", "source", "target", "label", "two_way"]
    assert list(data["lanes"][0]) == ["id", "kind", "title"]
    assert list(data["columns"][3]) == ["id", "phase", "title"] and data["columns"][3]["phase"] is None
    assert [s["id"] for s in data["steps"]] == [s.id for s in sample_blueprint.steps]


def test_minimal_file_gets_every_default_written(tmp_path):
    text = (
        '{"format": "service-blueprint", "version": 1, "lanes": [{"id": "l", "kind": "customer",'
        ' "title": "C"}], "columns": [{"id": "c"}], "steps": [{"id": "s", "lane": "l",'
        ' "column": "c", "title": "T"}]}'
    )
    out = json.loads(dumps(loads(text)))
    assert out["steps"][0]["tags"] == [] and out["steps"][0]["emotion"] is None
    assert out["handoffs"] == [] and out["phases"] == [] and out["title"] == ""


def test_the_sample_data_file_is_the_sample_blueprint_saved(sample_blueprint):
    data = Path(__file__).resolve().parent.parent / "data" / "sample.blueprint"
    assert data.read_text(encoding="utf-8") == dumps(sample_blueprint)


def test_the_version_2_sample_data_file_is_the_version_2_sample_saved(sample_v2_blueprint):
    data = Path(__file__).resolve().parent.parent / "data" / "sample-v2.blueprint"
    assert data.read_text(encoding="utf-8") == dumps(sample_v2_blueprint)


def test_load_save_load_is_a_fixed_point(sample_blueprint, tmp_path):
    messy = json.dumps(json.loads(dumps(sample_blueprint)), indent=None, sort_keys=True)
    first, second = tmp_path / "a.blueprint", tmp_path / "b.blueprint"
    first.write_text(messy, encoding="utf-8")
    save_path(load_path(first), first)
    save_path(load_path(first), second)
    assert first.read_bytes() == second.read_bytes() == dumps(sample_blueprint).encode()
    assert load_path(second) == sample_blueprint


_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)


@settings(max_examples=150, deadline=None)
@given(
    title=_text,
    tags=st.lists(_text, max_size=3),
    duration=st.none() | st.integers(0, 10**20) | st.floats(0, 1e300, allow_nan=False),
    emotion=st.none() | st.integers(-2, 2),
)
def test_round_trip_of_any_values(title, tags, duration, emotion):
    bp = Blueprint(
        title=title,
        description=title[::-1],
        lanes=[Lane(id="l", kind="customer", title=title)],
        columns=[Column(id="c")],
        steps=[
            Step(
                id="s",
                lane="l",
                column="c",
                title=title,
                tags=tags,
                duration_minutes=duration,
                emotion=emotion,
            )
        ],
    )
    text = dumps(bp)
    again = loads(text.encode("utf-8"))
    assert again == bp
    assert dumps(again) == text


def test_save_refuses_a_blueprint_that_breaks_the_format(sample_blueprint, tmp_path):
    path = tmp_path / "keep.blueprint"
    path.write_bytes(b"original")
    sample_blueprint.steps[0].lane = "ghost"  # direct mutation, not validated
    with pytest.raises(BlueprintError, match="steps\\[0\\].lane"):
        save_path(sample_blueprint, path)
    sample_blueprint.steps[0].lane = "evidence"
    sample_blueprint.steps[1].emotion = 1.5
    with pytest.raises(BlueprintError, match="steps\\[1\\].emotion: should be a whole number"):
        save_path(sample_blueprint, path)
    sample_blueprint.steps[1].emotion = 1
    sample_blueprint.title = "bad \ud800"
    with pytest.raises(BlueprintError, match="cannot save"):
        save_path(sample_blueprint, path)
    assert path.read_bytes() == b"original"


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))


@pytest.mark.parametrize("broken", ["replace", "fsync", "write"])
def test_failed_save_leaves_the_original_intact(sample_blueprint, tmp_path, monkeypatch, broken):
    path = tmp_path / "hotel.blueprint"
    path.write_bytes(b"the original bytes")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, broken, fail)
    with pytest.raises(OSError, match="No space left"):
        save_path(sample_blueprint, path)
    monkeypatch.undo()
    assert path.read_bytes() == b"the original bytes"
    assert _leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hotel.blueprint"]


def test_failed_first_save_leaves_no_file(sample_blueprint, tmp_path, monkeypatch):
    monkeypatch.setattr(atomic.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("boom")))
    with pytest.raises(OSError):
        save_path(sample_blueprint, tmp_path / "new.blueprint")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_keeps_permissions_and_symlinks(tmp_path):
    real = tmp_path / "real.blueprint"
    real.write_bytes(b"old")
    real.chmod(0o640)
    atomic.atomic_write(real, b"newer")
    assert real.read_bytes() == b"newer"
    fresh = tmp_path / "fresh.bin"
    atomic.atomic_write(fresh, bytearray(b"\x00\x01"))
    assert fresh.read_bytes() == b"\x00\x01"
    if os.name == "posix":  # permission bits and symlinks as POSIX has them
        assert stat.S_IMODE(real.stat().st_mode) == 0o640
        umask = os.umask(0o022)
        os.umask(umask)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600
        link = tmp_path / "link.blueprint"
        link.symlink_to(real)
        atomic.atomic_write(link, b"via link")
        assert link.is_symlink() and real.read_bytes() == b"via link"
    assert _leftovers(tmp_path) == []


def test_atomic_write_needs_bytes(tmp_path):
    with pytest.raises(TypeError):
        atomic.atomic_write(tmp_path / "x", "text")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
