"""Migration of older files (raw dict to raw dict, one version at a time)."""

from __future__ import annotations

import copy
import json

import pytest

from blueprint_editor.core import migrate as mig
from blueprint_editor.core.io import LoadError, dumps, loads
from blueprint_editor.core.migrate import MIGRATIONS, MigrationError, migrate
from blueprint_editor.core.model import FORMAT_VERSION


def v0_file() -> dict:
    """A pre-release (version 0) file: arrows under ``links`` with ``from``/``to``."""
    return {
        "format": "service-blueprint",
        "version": 0,
        "title": "Old hotel",
        "lanes": [
            {"id": "customer", "kind": "customer", "title": "Customer"},
            {"id": "frontstage", "kind": "frontstage", "title": "Front"},
        ],
        "columns": [{"id": "c1"}, {"id": "c2"}],
        "steps": [
            {"id": "arrive", "lane": "customer", "column": "c1", "title": "Arrive"},
            {"id": "greet", "lane": "frontstage", "column": "c1", "title": "Greet"},
            {"id": "h1", "lane": "frontstage", "column": "c2", "title": "A step called h1"},
        ],
        "links": [
            {"from": "arrive", "to": "greet", "label": "hello", "two_way": True},
            {"id": "L2", "from": "greet", "to": "h1"},
            {"from": "h1", "to": "arrive"},
        ],
    }


def test_every_version_below_the_current_one_has_a_migration():
    assert sorted(MIGRATIONS) == list(range(FORMAT_VERSION))


def test_v0_links_become_handoffs():
    raw = v0_file()
    before = copy.deepcopy(raw)
    out = migrate(raw)
    assert raw == before  # the input is not modified
    assert out["version"] == FORMAT_VERSION and "links" not in out
    assert out["handoffs"] == [
        {"id": "h2", "source": "arrive", "target": "greet", "label": "hello", "two_way": True},
        {"id": "L2", "source": "greet", "target": "h1"},
        {"id": "h3", "source": "h1", "target": "arrive"},
    ]  # h1 is taken by a step, so new ids skip it
    assert out["steps"] == raw["steps"] and out["lanes"] == raw["lanes"]


def test_v0_file_loads_and_saves_as_the_current_version():
    bp = loads(json.dumps(v0_file()))
    assert [(h.source, h.target) for h in bp.handoffs] == [
        ("arrive", "greet"),
        ("greet", "h1"),
        ("h1", "arrive"),
    ]
    assert bp.handoffs[0].two_way and bp.handoffs[0].label == "hello"
    text = dumps(bp)
    assert json.loads(text)["version"] == FORMAT_VERSION and '"links"' not in text
    assert dumps(loads(text)) == text


def test_v0_without_links_is_fine():
    raw = v0_file()
    del raw["links"]
    assert migrate(raw)["handoffs"] == []


def test_current_version_is_returned_unchanged():
    raw = {"format": "service-blueprint", "version": FORMAT_VERSION, "title": "x"}
    assert migrate(raw) is raw


def test_newer_version_is_refused():
    with pytest.raises(MigrationError, match="newer version of blueprint-editor"):
        migrate({"format": "service-blueprint", "version": FORMAT_VERSION + 1})


@pytest.mark.parametrize(
    "raw, field",
    [
        ({"version": 0}, "format"),
        ({"format": "other", "version": 0}, "format"),
        ({"format": "service-blueprint"}, "version"),
        ({"format": "service-blueprint", "version": "0"}, "version"),
        ({"format": "service-blueprint", "version": False}, "version"),
        ({"format": "service-blueprint", "version": -1}, "version"),
    ],
)
def test_bad_header(raw, field):
    with pytest.raises(MigrationError) as info:
        migrate(raw)
    assert str(info.value).startswith(f"{field}: ")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.update(links=5), "links: should be a list"),
        (lambda d: d["links"].__setitem__(1, "x"), "links[1]: should be an object"),
        (lambda d: d["links"][0].update(source="greet"), "links[0].source: unknown key"),
        (lambda d: d.update(handoffs=[]), "handoffs: unknown key in a version 0 file"),
    ],
)
def test_v0_shapes_that_cannot_be_upgraded(change, message):
    raw = v0_file()
    change(raw)
    with pytest.raises(MigrationError) as info:
        migrate(raw)
    assert str(info.value).startswith(message)
    with pytest.raises(LoadError) as loaded:  # the loader reports the same, one line
        loads(json.dumps(raw))
    assert str(loaded.value) == str(info.value) and loaded.value.field == message.split(":")[0]


def test_errors_after_upgrade_say_so():
    raw = v0_file()
    raw["links"][2]["to"] = "ghost"
    with pytest.raises(LoadError) as info:
        loads(json.dumps(raw))
    assert str(info.value).startswith("handoffs[2].target: no step has the id 'ghost'")
    assert "upgraded from format version 0" in str(info.value)


def test_migrations_run_one_version_at_a_time(monkeypatch):
    calls = []

    def step(n):
        def upgrade(raw):
            calls.append(n)
            return {**raw, "version": n + 1, "trail": raw.get("trail", []) + [n]}

        return upgrade

    monkeypatch.setattr(mig, "FORMAT_VERSION", 3)
    monkeypatch.setattr(mig, "MIGRATIONS", {0: step(0), 1: step(1), 2: step(2)})
    out = mig.migrate({"format": "service-blueprint", "version": 1})
    assert calls == [1, 2] and out["version"] == 3 and out["trail"] == [1, 2]
