"""``docs/checks.md``, generated from the validator's rule registry and its documentation.

The table lists :data:`~blueprint_editor.core.validate.RULES` (code, severity, whether the
format contract fixes it, a one-line description); "Exactly when" is the part of the
validator's module documentation that defines each rule and the order of the findings.
A test keeps the committed file equal to :func:`checks_markdown`; to regenerate it::

    python -m blueprint_editor.core.checks_doc > docs/checks.md
"""

from __future__ import annotations

from . import validate

_INTRO = """\
# Checks

The validator runs after every edit in the editor (Checks panel, badges on the canvas)
and from the command line (`blueprint-editor validate`). Each finding has a stable code, a
severity and a message that says what is missing and what would fix it.
"""

_DEFINITIONS_START = "The first five rules"


def checks_markdown() -> str:
    """The text of ``docs/checks.md``."""
    rows = ["| code | severity | fixed by the format contract | fires on |", "|---|---|---|---|"]
    for code, rule in validate.RULES.items():
        contract = "yes" if rule.contract else "no (this editor)"
        rows.append(f"| `{code}` | {rule.severity} | {contract} | {rule.description} |")
    doc = validate.__doc__ or ""
    definitions = doc[doc.index(_DEFINITIONS_START) :].strip()
    return f"{_INTRO}\n" + "\n".join(rows) + f"\n\n## Exactly when\n\n{definitions}\n"


if __name__ == "__main__":  # pragma: no cover - the regeneration command above
    print(checks_markdown(), end="")
