"""The bundled starter templates are valid, complete and open with no findings; the
user's own templates are saved atomically under a safe name."""

from __future__ import annotations

import pytest

from blueprint_editor.core import io, templates
from blueprint_editor.core.model import new_blueprint
from blueprint_editor.core.validate import validate, validate_in_editor

STARTERS = {
    "Retail purchase",
    "Clinic visit",
    "Public service application",
    "Software onboarding",
    "Restaurant meal",
    "Telephone help desk",
}


def test_the_six_starters_are_bundled():
    found = templates.builtin_templates()
    assert {t.title for t in found} >= STARTERS
    assert all(t.builtin and t.description for t in found)
    assert [t.title for t in found] == sorted((t.title for t in found), key=str.casefold)


@pytest.mark.parametrize("template", templates.builtin_templates(), ids=lambda t: t.path.stem)
def test_every_template_opens_with_no_findings(template):
    bp = template.blueprint()
    assert validate(bp) == [] and validate_in_editor(bp) == []
    assert len(bp.steps) >= 15 and len(bp.phases) >= 2
    kinds = [lane.kind for lane in bp.lanes]
    assert kinds == ["evidence", "customer", "frontstage", "backstage", "support"]
    # the file is what the editor itself would write
    assert template.path.read_text("utf-8") == io.dumps(io.load_path(template.path))


def test_examples_are_listed():
    assert {"Clinic visit", "Hotel stay"} <= {e.title for e in templates.examples()}


def test_save_template_names_refuses_and_overwrites(tmp_path):
    bp = new_blueprint("Draft")
    path = templates.save_template(bp, "  Our   checkout: v2! ", tmp_path)
    assert path == tmp_path / "our-checkout-v2.blueprint"
    saved = templates.user_templates(tmp_path)
    assert [(t.title, t.builtin) for t in saved] == [("Our checkout: v2!", False)]
    with pytest.raises(FileExistsError):
        templates.save_template(bp, "Our checkout v2", tmp_path)
    templates.save_template(new_blueprint("Other"), "Our checkout v2", tmp_path, overwrite=True)
    assert templates.user_templates(tmp_path)[0].title == "Our checkout v2"
    with pytest.raises(ValueError):
        templates.save_template(bp, " ?! ", tmp_path)


def test_a_broken_user_template_is_left_out(tmp_path):
    (tmp_path / "broken.blueprint").write_text("{", encoding="utf-8")
    templates.save_template(new_blueprint(), "Fine", tmp_path)
    assert [t.title for t in templates.user_templates(tmp_path)] == ["Fine"]


def test_user_template_dir_follows_the_environment(tmp_path):
    assert templates.user_template_dir({templates.ENV_VAR: str(tmp_path)}) == tmp_path
    default = templates.user_template_dir({})
    assert default.name == "templates" and "blueprint-editor" in str(default)
