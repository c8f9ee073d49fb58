"""Bring an older blueprint file up to the current format, one version at a time.

:func:`migrate` works on the raw JSON data (dict to dict), before the models see it:
``MIGRATIONS[n]`` turns a version ``n`` file into a version ``n + 1`` file, and
:func:`migrate` applies them in turn until the file is at :data:`FORMAT_VERSION`. A file
from a *newer* version is refused with a message saying so: guessing would lose data.

Version 0 is the pre-release shape (before 0.1.0). It differs from version 1 in one place,
the arrows:

- they were stored under ``links`` instead of ``handoffs``;
- each link named its ends ``from`` and ``to`` instead of ``source`` and ``target``;
- a link's ``id`` was optional; a link without one gets ``h1``, ``h2`` ... (the first of
  these not used anywhere in the file).

Everything else (lanes, phases, columns, steps) was already as in version 1.

Version 2 adds optional elements only (column titles, the emotion lane kind, a step's
channel, votes and image, comments and images), so a version 1 file becomes a version 2
file by its version number alone: its meaning does not change. A version 1 file that
already holds one of those version 2 keys is refused (in version 1 it is an unknown key).

Only the shape is changed here; the models check the result as usual.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from .model import FORMAT_NAME, FORMAT_VERSION, BlueprintError


class MigrationError(BlueprintError):
    """A file whose header is wrong, whose version is unknown, or that cannot be upgraded."""


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "text " + repr(value[:40])
    if isinstance(value, (int, float)):
        return "the number " + repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # pragma: no cover - not a JSON value


def check_header(raw: dict[str, Any]) -> int:
    """Check ``format`` and ``version``; return the version. Raises :class:`MigrationError`."""
    if "format" not in raw:
        raise MigrationError(
            f"format: missing; this is not a service blueprint file (a blueprint starts with "
            f'"format": "{FORMAT_NAME}")'
        )
    if raw["format"] != FORMAT_NAME:
        raise MigrationError(
            f"format: this is not a service blueprint file (format is {_describe(raw['format'])}, "
            f"expected {FORMAT_NAME!r})"
        )
    if "version" not in raw:
        raise MigrationError("version: missing; a blueprint file must say its format version")
    version = raw["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise MigrationError(f"version: should be a whole number, found {_describe(version)}")
    if version > FORMAT_VERSION:
        raise MigrationError(
            f"version: this file was made by a newer version of blueprint-editor (file format "
            f"version {version}; this program reads versions up to {FORMAT_VERSION}). "
            f"Please update blueprint-editor to open it."
        )
    if version < 0 or version not in MIGRATIONS and version != FORMAT_VERSION:
        raise MigrationError(f"version: unknown file format version {version}")
    return version


# ------------------------------------------------------------------------ 0 -> 1
def _all_ids(raw: dict[str, Any]) -> set[str]:
    ids: set[str] = set()
    for name in ("lanes", "phases", "columns", "steps", "links"):
        items = raw.get(name)
        if isinstance(items, list):
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    ids.add(item["id"])
    return ids


def _v0_to_v1(raw: dict[str, Any]) -> dict[str, Any]:
    if "handoffs" in raw:
        raise MigrationError("handoffs: unknown key in a version 0 file (version 0 stored arrows as 'links')")
    out = {key: value for key, value in raw.items() if key != "links"}
    links = raw.get("links", [])
    if not isinstance(links, list):
        raise MigrationError(f"links: should be a list, found {_describe(links)}")
    used = _all_ids(raw)
    counter = 0
    handoffs = []
    for i, link in enumerate(links):
        if not isinstance(link, dict):
            raise MigrationError(f"links[{i}]: should be an object, found {_describe(link)}")
        handoff: dict[str, Any] = {}
        for key, value in link.items():
            new_key = {"from": "source", "to": "target"}.get(key) or key
            if new_key in handoff or (key in ("source", "target")):
                raise MigrationError(
                    f"links[{i}].{key}: unknown key in a version 0 file (use 'from' and 'to')"
                )
            handoff[new_key] = value
        if "id" not in handoff:
            counter += 1
            while f"h{counter}" in used:
                counter += 1
            used.add(f"h{counter}")
            handoff = {"id": f"h{counter}", **handoff}
        handoffs.append(handoff)
    out["handoffs"] = handoffs
    out["version"] = 1
    return out


# ------------------------------------------------------------------------ 1 -> 2
#: Keys that version 2 added, per place (None: the top level).
_V2_KEYS: dict[str | None, tuple[str, ...]] = {
    None: ("comments", "images"),
    "columns": ("title",),
    "steps": ("channel", "votes", "image"),
}


def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    for place, keys in _V2_KEYS.items():
        if place is None:
            found = [(key, key) for key in keys if key in raw]
        else:
            items = raw.get(place)
            items = items if isinstance(items, list) else []
            found = [
                (f"{place}[{i}].{key}", key)
                for i, item in enumerate(items)
                if isinstance(item, dict)
                for key in keys
                if key in item
            ]
        if found:
            where, key = found[0]
            raise MigrationError(
                f"{where}: unknown key {key!r} in a version 1 file (it came with version 2; "
                f'a file that uses it says "version": 2)'
            )
    lanes = raw.get("lanes")
    for i, lane in enumerate(lanes if isinstance(lanes, list) else []):
        if isinstance(lane, dict) and lane.get("kind") == "emotion":
            raise MigrationError(
                f"lanes[{i}].kind: the emotion lane came with version 2; a file that uses it "
                f'says "version": 2'
            )
    out = dict(raw)
    out["version"] = 2
    return out


#: ``MIGRATIONS[n]`` upgrades a version ``n`` file (raw dict) to version ``n + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Upgrade raw file data to :data:`FORMAT_VERSION`. The input is not modified."""
    version = check_header(raw)
    if version == FORMAT_VERSION:
        return raw
    # version 1 -> 2 only renumbers, on a shallow copy; the older migrations rebuild
    # nested data, on a deep copy of it
    data = copy.deepcopy(raw) if version < 1 else raw
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        if data.get("version") != version + 1:  # pragma: no cover - a migration's own bug
            raise MigrationError(f"version: upgrading from version {version} failed")
        version += 1
    return data
