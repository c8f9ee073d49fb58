"""Starter templates: the bundled ones and the user's own ("Save as template").

A template is an ordinary blueprint file. The bundled starters live in
``blueprint_editor/resources/templates/``; the user's own go to a folder of the user's data
(:func:`user_template_dir`: ``platformdirs``' user data folder of ``blueprint-editor``, or
``$BLUEPRINT_EDITOR_TEMPLATE_DIR``). A blueprint made from a template is a new, untitled
document: the template file itself is never the document's path.

Every bundled starter opens with no findings (tests check it), so a workshop starts from
a clean list.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import io
from .model import Blueprint

SUFFIX = ".blueprint"
ENV_VAR = "BLUEPRINT_EDITOR_TEMPLATE_DIR"
APP_NAME = "blueprint-editor"


@dataclass(frozen=True)
class Template:
    """One template file, with the title and description shown in the start screen."""

    path: Path
    title: str
    description: str
    builtin: bool

    def blueprint(self) -> Blueprint:
        """A fresh blueprint from the template (raises io.LoadError or OSError)."""
        return io.load_path(self.path)


def builtin_template_dir() -> Path:
    from blueprint_editor.resources import resource

    return resource("templates")


def user_template_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where "Save as template" writes (the folder need not exist yet)."""
    environ: Mapping[str, str] = os.environ if env is None else env
    override = environ.get(ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "templates"


def _read(path: Path, builtin: bool) -> Template | None:
    try:
        bp = io.load_path(path)
    except (ValueError, OSError):
        return None  # a broken file in the user's folder is not offered
    return Template(path, bp.title or path.stem, bp.description, builtin)


def _scan(directory: Path, builtin: bool) -> list[Template]:
    if not directory.is_dir():
        return []
    found = (_read(p, builtin) for p in sorted(directory.glob(f"*{SUFFIX}")))
    return sorted((t for t in found if t is not None), key=lambda t: t.title.casefold())


def builtin_templates() -> list[Template]:
    """The bundled starters, by title."""
    return _scan(builtin_template_dir(), True)


def examples() -> list[Template]:
    """The bundled example blueprints (worked, complete maps), by title."""
    from blueprint_editor.resources import resource

    return _scan(resource("examples"), True)


def user_templates(directory: Path | None = None) -> list[Template]:
    """The user's own templates, by title (unreadable files are left out)."""
    return _scan(user_template_dir() if directory is None else Path(directory), False)


def file_name(name: str) -> str:
    """A portable file name for a template called ``name`` (refuses a blank name)."""
    stem = re.sub(r"[^\w\- ]+", "", name, flags=re.UNICODE).strip().replace(" ", "-")
    stem = re.sub(r"-{2,}", "-", stem).strip("-.").lower()[:60]
    if not stem:
        raise ValueError("A template needs a name with at least one letter or digit.")
    return stem + SUFFIX


def save_template(
    blueprint: Blueprint, name: str, directory: Path | None = None, overwrite: bool = False
) -> Path:
    """Write ``blueprint``, titled ``name``, as a template; returns its path.

    Raises ValueError for a blank name, FileExistsError when a template of that name
    exists (unless ``overwrite``), OSError when the folder cannot be written. Atomic."""
    title = " ".join(name.split())
    target = (user_template_dir() if directory is None else Path(directory)) / file_name(title)
    if target.exists() and not overwrite:
        raise FileExistsError(f"A template called \u201c{title}\u201d exists already: {target}")
    target.parent.mkdir(parents=True, exist_ok=True)
    io.save_path(blueprint.model_copy(update={"title": title}), target)
    return target
