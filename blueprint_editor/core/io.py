"""Loading and saving blueprint files: the one door between a file and a :class:`Blueprint`.

Loading (:func:`load_path`, :func:`loads`) refuses every bad file of the format contract
with one :class:`LoadError` whose message names the place: ``line 3, column 17: ...`` for
a JSON problem, a field path such as ``steps[3].lane: ...`` for a problem in the data.
Nothing is changed anywhere when a load fails.

Choices where the contract is silent (also in the user documentation):

- A UTF-8 byte order mark (which some Windows editors add) is accepted and dropped; files
  are always written without one.
- A key that appears twice in one JSON object is refused (JSON parsers silently keep the
  last one, which would drop data without a word).
- Text containing an unpaired UTF-16 surrogate escape (``"\\ud800"``) is refused: it is not
  a character and could not be written back as UTF-8.
- Numbers must be finite: ``NaN``, ``Infinity`` and numbers too large for a float
  (``1e400``) are refused, as are integers longer than 4000 digits.
- ``str(LoadError)`` does not repeat the file's name; :attr:`LoadError.path` holds it.

Saving (:func:`dumps`, :func:`save_path`) writes every field, defaults included, keys in
the contract's order, lists in document order, 2-space indent, a trailing newline, UTF-8
without escaping non-ASCII text, through :func:`~blueprint_editor.core.atomic.atomic_write`.
Loading a saved file and saving it again gives the same bytes.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn, Union

from pydantic import BaseModel, ValidationError

from .atomic import atomic_write
from .fast_load import MAX_INT_DIGITS, fast_load
from .filestate import Fingerprint
from .gc_pause import gc_paused
from .migrate import migrate
from .model import MODELS, Blueprint, BlueprintError, check_references

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 200

PathLike = Union[str, "os.PathLike[str]"]

_BOM = b"\xef\xbb\xbf"


class LoadError(BlueprintError):
    """A file that cannot be loaded. ``str(err)`` is the one clear message.

    ``line``/``column`` (1-based) are set for problems in the JSON text, ``field`` (such as
    ``steps[3].lane``) for problems in the data, ``path`` to the file when it was read
    from disk by :func:`load_path`.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        path: Path | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.field = field
        self.path = path


# ----------------------------------------------------------------------- text level
def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _at(text: str, offset: int, message: str) -> LoadError:
    line, column = _position(text, offset)
    return LoadError(f"line {line}, column {column}: {message}", line=line, column=column)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8", errors="replace")) + 1
        return_msg = (
            f"line {line}, column {column}: the file is not UTF-8 text "
            f"(byte 0x{data[exc.start]:02x} cannot be decoded); "
            f"save it as UTF-8 and try again"
        )
        raise LoadError(return_msg, line=line, column=column) from None


class _BadNumber(Exception):
    pass


class _Duplicates:
    """object_pairs_hook that remembers objects with a repeated key."""

    def __init__(self) -> None:
        self.found: list[tuple[dict[str, Any], str]] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    self.found.append((obj, key))
                    break
                seen.add(key)
        return obj


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber
    return value


def _parse_int(text: str) -> int:
    if len(text) > MAX_INT_DIGITS:
        raise _BadNumber
    return int(text)


def _parse_constant(name: str) -> NoReturn:
    raise _BadNumber


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)')


def _bad_number(text: str) -> LoadError:
    """Find the first non-finite or oversized number (the parser stops at the first)."""
    for match in _TOKENS.finditer(text):
        if match.group(1):
            return _at(text, match.start(1), f"{match.group(1)} is not allowed; numbers must be finite")
        number = match.group(2)
        if number:
            digits = number.lstrip("-")
            if re.fullmatch(r"\d+", digits) and len(digits) > MAX_INT_DIGITS:
                return _at(text, match.start(2), "this number has too many digits")
            if not re.fullmatch(r"\d+", digits) and not math.isfinite(float(number)):
                return _at(text, match.start(2), f"the number {number[:30]} is too large")
    return LoadError("a number is not finite or too large")  # pragma: no cover


def _too_deep(text: str) -> LoadError:
    depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _at(text, match.start(), "the data is nested too deeply")
        elif token in "]}":
            depth -= 1
    return LoadError("the data is nested too deeply")  # pragma: no cover


def _json_error(text: str, exc: json.JSONDecodeError) -> LoadError:
    msg = exc.msg
    if msg.startswith("Unterminated string"):
        message = "a text value starts here but never ends (is the file truncated?)"
    elif exc.pos >= len(text.rstrip()):
        message = f"the file ends too early (is it truncated?): {msg[0].lower() + msg[1:]}"
    else:
        message = f"not valid JSON: {msg[0].lower() + msg[1:]}"
    line, column = _position(text, exc.pos)
    return LoadError(f"line {line}, column {column}: {message}", line=line, column=column)


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    if not part.isprintable():  # a key with a line break or a tab: keep the message one line
        part = json.dumps(part, ensure_ascii=False)[1:-1]
    return f"{path}.{part}" if path else str(part)


def _shorten(path: str) -> str:
    """A path for a message: very deep or very long ones keep their two ends."""
    return path if len(path) <= 120 else f"{path[:60]}...{path[-50:]}"


def _find_object(value: Any, target: dict[str, Any], path: str = "") -> str | None:
    if value is target:
        return path
    items: Iterable[tuple[str | int, Any]]
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, child in items:
        if isinstance(child, (dict, list)):
            found = _find_object(child, target, _join(path, key))
            if found is not None:
                return found
    return None


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _find_surrogate(value: Any, path: str = "") -> str | None:
    if isinstance(value, str):
        return path if _has_surrogate(value) else None
    if isinstance(value, dict):
        for key, child in value.items():
            if _has_surrogate(key):
                return _join(path, "<key>")
            found = _find_surrogate(child, _join(path, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found = _find_surrogate(child, _join(path, i))
            if found is not None:
                return found
    return None


def _parse(text: str) -> Any:
    if not text.strip():
        raise LoadError(
            "line 1, column 1: the file is empty (a blueprint file holds a JSON object)", line=1, column=1
        )
    duplicates = _Duplicates()
    try:
        value = json.loads(
            text,
            object_pairs_hook=duplicates,
            parse_float=_parse_float,
            parse_int=_parse_int,
            parse_constant=_parse_constant,
        )
    except json.JSONDecodeError as exc:
        raise _json_error(text, exc) from None
    except _BadNumber:
        raise _bad_number(text) from None
    except RecursionError:
        raise _too_deep(text) from None
    for obj, key in duplicates.found:  # innermost first; skip objects a repeat dropped
        where = _find_object(value, obj)
        if where is None:
            continue
        field = _join(where, key)
        raise LoadError(
            f"{_shorten(field)}: the key {key[:64]!r} appears twice in the same object", field=field
        )
    if re.search(r"\\u[dD][89a-fA-F]", text):
        where = _find_surrogate(value)
        if where is not None:
            raise LoadError(
                f"{_shorten(where) or 'top level'}: the text holds an invalid character "
                f"(an unpaired UTF-16 surrogate)",
                field=where,
            )
    return value


# ----------------------------------------------------------------------- data level
_TYPE_MESSAGES = {
    "string_type": "should be text",
    "bool_type": "should be true or false",
    "int_type": "should be a whole number",
    "float_type": "should be a number",
    "list_type": "should be a list",
    "model_type": "should be an object",
    "model_attributes_type": "should be an object",
    "dict_type": "should be an object",
}


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return json.dumps(shown, ensure_ascii=False)
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # pragma: no cover


def _clean_loc(raw: Any, loc: tuple[Any, ...], keep_last: bool) -> tuple[list[str | int], Any]:
    """The path of an error in the file's terms: drop pydantic's union/validator tags."""
    parts: list[str | int] = []
    current = raw
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(part, int) and isinstance(current, list) and 0 <= part < len(current):
            parts.append(part)
            current = current[part]
        elif isinstance(part, str) and isinstance(current, dict) and part in current:
            parts.append(part)
            current = current[part]
        elif isinstance(part, str) and isinstance(current, dict) and last and keep_last:
            parts.append(part)
            current = None
    return parts, current


def _path_text(parts: list[str | int]) -> str:
    text = ""
    for part in parts:
        text = _join(text, part)
    return text


def _model_at(parts: list[str | int]) -> type[BaseModel] | None:
    if not parts:
        return Blueprint
    if isinstance(parts[0], str) and parts[0] in MODELS and len(parts) >= 2:
        return MODELS[parts[0]]
    return None


def _validation_message(raw: dict[str, Any], exc: ValidationError) -> LoadError:
    err = exc.errors(include_url=False)[0]
    kind = err["type"]
    parts, _ = _clean_loc(raw, tuple(err["loc"]), keep_last=kind in ("missing", "extra_forbidden"))
    field = _shorten(_path_text(parts)) or "top level"
    value = err.get("input")
    if kind == "missing":
        message = "this field is required but missing"
    elif kind == "extra_forbidden":
        key = str(parts[-1] if parts else "?")
        model = _model_at(parts[:-1])
        known = f" (known keys: {', '.join(model.model_fields)})" if model is not None else ""
        message = f"unknown key {key[:64]!r}; is it a typo?{known}"
    elif parts and parts[-1] == "duration_minutes":
        message = f"should be a number of minutes, 0 or more, or null; found {_describe(value)}"
    elif kind in ("string_pattern_mismatch", "string_too_short", "string_too_long"):
        message = (
            f"{_describe(value)} is not a valid id (ids are 1 to 64 characters: "
            f"letters A-Z a-z, digits, '_', '.', '-')"
        )
    elif kind in _TYPE_MESSAGES:
        message = f"{_TYPE_MESSAGES[kind]}, found {_describe(value)}"
    elif kind == "value_error" and "error" in err.get("ctx", {}):
        message = str(err["ctx"]["error"])
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        message = f"should be one of {expected}; found {_describe(value)}"
    else:
        msg = err.get("msg", "invalid value")
        msg = msg[0].lower() + msg[1:] if msg else "invalid value"
        message = f"{msg}; found {_describe(value)}"
    return LoadError(f"{field}: {message}", field=field)


def _field_of(message: str) -> str | None:
    head, sep, _ = message.partition(": ")
    return head if sep and " " not in head else None


def from_data(raw: Any) -> Blueprint:
    """A :class:`Blueprint` from parsed JSON data (migrated, checked). Raises LoadError."""
    if not isinstance(raw, dict):
        raise LoadError(
            f"top level: a blueprint file holds a JSON object {{...}}, found {_describe(raw)}", field=""
        )
    try:
        version = raw.get("version")
        data = migrate(raw)
    except BlueprintError as exc:
        raise LoadError(str(exc), field=_field_of(str(exc))) from None
    upgraded = data is not raw
    try:
        bp = Blueprint.model_validate(data)
        check_references(bp)
    except ValidationError as exc:
        error = _validation_message(data, exc)
    except BlueprintError as exc:
        error = LoadError(str(exc), field=_field_of(str(exc)))
    else:
        return bp
    if upgraded and version != 1:  # version 1 -> 2 moves nothing: the places are the same
        error = LoadError(
            f"{error} (in the file as upgraded from format version {version})", field=error.field
        )
    raise error


def loads(data: bytes | bytearray | str) -> Blueprint:
    """A :class:`Blueprint` from the content of a file. Raises :class:`LoadError`.

    A plainly good file takes the fast path (:mod:`.fast_load`); anything else, and any
    doubt, the careful one, which names what is wrong.
    """
    return _loads(data, fast=True)


def careful_loads(data: bytes | bytearray | str) -> Blueprint:
    """:func:`loads` without the fast path (the reference the tests compare it with)."""
    return _loads(data, fast=False)


def _loads(data: bytes | bytearray | str, fast: bool) -> Blueprint:
    if len(data) > MAX_FILE_BYTES:
        raise LoadError(
            f"the file is {_megabytes(len(data))}; files over {_megabytes(MAX_FILE_BYTES)} are refused"
        )
    if isinstance(data, (bytes, bytearray)):
        data = bytes(data)
        data = data[len(_BOM) :] if data.startswith(_BOM) else data
    elif isinstance(data, str):
        data = data[1:] if data.startswith("\ufeff") else data
    else:
        raise TypeError("loads needs bytes or str")
    with gc_paused():
        bp = fast_load(data) if fast else None
        if bp is not None:
            return bp
        text = _decode(data) if isinstance(data, bytes) else data
        try:
            return from_data(_parse(text))
        except RecursionError:  # deep nesting that the parser itself survived
            raise _too_deep(text) from None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def load_path(path: PathLike) -> Blueprint:
    """Load the blueprint file at ``path``. The size is checked before anything is read."""
    return read_path(path)[0]


def read_path(path: PathLike) -> tuple[Blueprint, Fingerprint]:
    """:func:`load_path`, with the fingerprint of the very bytes it read (one read: a
    change made by another program afterwards is always detected)."""
    where = Path(path)
    if not os.fspath(path).strip():
        raise LoadError("the file name is empty")
    try:
        info = os.stat(where)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError("this is a folder, not a blueprint file", path=where)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError("this is not a regular file", path=where)
        if info.st_size > MAX_FILE_BYTES:
            raise LoadError(
                f"the file is {_megabytes(info.st_size)}; files over "
                f"{_megabytes(MAX_FILE_BYTES)} are refused (nothing was read)",
                path=where,
            )
        with open(where, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat
            read_stat = os.fstat(fh.fileno())
    except LoadError:
        raise
    except FileNotFoundError:
        raise LoadError("no such file", path=where) from None
    except PermissionError:
        raise LoadError("the file cannot be read (permission denied)", path=where) from None
    except IsADirectoryError:
        raise LoadError("this is a folder, not a blueprint file", path=where) from None
    except OSError as exc:
        raise LoadError(f"the file cannot be read ({exc.strerror or exc})", path=where) from None
    except ValueError:  # a name the operating system cannot take (an embedded NUL)
        raise LoadError("this is not a valid file name", path=where) from None
    try:
        blueprint = loads(data)
    except LoadError as exc:
        exc.path = where
        raise
    return blueprint, Fingerprint.of_bytes(data, read_stat.st_mtime_ns)


def dumps(bp: Blueprint) -> str:
    """The canonical text of a blueprint file (see the module docstring)."""
    # pydantic's serializer writes the same layout as json.dumps(indent=2,
    # ensure_ascii=False), five times faster; only very small floats are spelled
    # differently (1e-7 rather than 1e-07), which still reads back to the same value.
    return bp.model_dump_json(indent=2, warnings=False) + "\n"


def save_path(bp: Blueprint, path: PathLike) -> Fingerprint:
    """Write ``bp`` to ``path`` atomically; the fingerprint of the bytes written.

    The fingerprint comes from the bytes in memory, not from reading the file again, so
    a change another program makes right after the write is detected by the next save.
    An existing file the user may not write is refused (:class:`~.atomic.ReadOnlyFile`).

    The text is checked by loading it back first, so the program never writes a file it
    would refuse to open; a blueprint that breaks the format raises :class:`BlueprintError`
    and the file on disk is not touched.
    """
    try:
        data = dumps(bp).encode("utf-8")
        _check_saved(data)
    except ValueError as exc:  # LoadError, or text that is not valid Unicode
        raise BlueprintError(f"cannot save this blueprint: {exc}") from None
    written = atomic_write(path, data)
    return Fingerprint.of_bytes(data, written.st_mtime_ns)


def _check_saved(data: bytes) -> None:
    """What :func:`loads` would say of our own canonical output, at half the cost.

    The text comes from :func:`dumps`, so it has no repeated keys, no BOM and no
    non-finite numbers; pydantic's JSON validation (strict) plus the reference checks
    cover everything else.
    """
    try:
        with gc_paused():
            check_references(Blueprint.model_validate_json(data, strict=True))
    except ValidationError as exc:
        raise _validation_message(json.loads(data), exc) from None
