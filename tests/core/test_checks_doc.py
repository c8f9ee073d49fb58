"""docs/checks.md and the README list every check the validator can report."""

from pathlib import Path

from blueprint_editor.core.checks_doc import checks_markdown
from blueprint_editor.core.validate import RULES

ROOT = Path(__file__).resolve().parents[2]


def test_every_rule_is_documented_with_its_severity():
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"| `{code}` | {rule.severity} |" in text, code


def test_the_readme_lists_the_contract_rules():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert sum(rule.contract for rule in RULES.values()) == 5  # the contract's five rules
    for code, rule in RULES.items():
        if rule.contract:
            assert f"`{code}` | {rule.severity}" in readme, code


def test_checks_md_is_generated_from_the_rule_registry():
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert text == checks_markdown(), (
        "docs/checks.md is out of date; regenerate it with\n"
        "    python -m blueprint_editor.core.checks_doc > docs/checks.md"
    )
