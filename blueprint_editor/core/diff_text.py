"""A diff (:mod:`.diff`) as text for a terminal, Markdown for a pull request, or JSON."""

from __future__ import annotations

import json
from typing import Any

from .diff import SINGULAR, Change, Diff
from .validate import Finding

_VERB = {"added": "added", "removed": "removed", "moved": "moved", "changed": "changed"}
_SIGN = {"added": "+", "removed": "-", "moved": ">", "changed": "~"}


def _value(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(" ".join(value.split()) if "\n" in value else value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def _name(change: Change) -> str:
    noun = SINGULAR[change.collection]
    if change.collection == "blueprint":
        return "blueprint"
    title = f' "{change.title}"' if change.title else ""
    return f"{noun} {change.id}{title}"


def _lines(change: Change) -> list[str]:
    head = f"{_SIGN[change.kind]} {_name(change)} {_VERB[change.kind]}"
    if change.kind == "moved":
        return [f"{head}: {change.before} -> {change.after}"]
    if change.kind == "changed":
        return [head + ":"] + [f"    {f.name}: {_value(f.old)} -> {_value(f.new)}" for f in change.fields]
    return [head]


def _finding_line(f: Finding) -> str:
    return f"{f.severity} {f.code}: {' '.join(f.message.split())}"


def _summary(d: Diff) -> str:
    if d.same:
        return "no differences"
    counts = d.counts()
    parts = [f"{n} {kind}" for kind, n in counts.items() if n]
    if d.findings_added:
        parts.append(f"{len(d.findings_added)} finding(s) appeared")
    if d.findings_removed:
        parts.append(f"{len(d.findings_removed)} finding(s) went away")
    return ", ".join(parts)


def as_text(d: Diff, old_name: str = "old", new_name: str = "new") -> str:
    out = [f"--- {old_name}", f"+++ {new_name}"]
    for change in d.changes:
        out.extend(_lines(change))
    if d.findings_added:
        out.append("findings that appeared:")
        out.extend(f"  + {_finding_line(f)}" for f in d.findings_added)
    if d.findings_removed:
        out.append("findings that went away:")
        out.extend(f"  - {_finding_line(f)}" for f in d.findings_removed)
    out.append(_summary(d))
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def _md_value(value: Any) -> str:
    text = _value(value)
    return "`" + text.replace("`", "'") + "`"


def as_markdown(d: Diff, old_name: str = "old", new_name: str = "new") -> str:
    out = [f"### Blueprint changes: `{old_name}` → `{new_name}`", "", _summary(d).capitalize(), ""]
    if d.changes:
        out += ["| | element | change |", "|---|---|---|"]
        for c in d.changes:
            noun = SINGULAR[c.collection]
            element = (
                "blueprint"
                if c.collection == "blueprint"
                else (f"{noun} `{c.id}`" + (f" {_md_escape(c.title)}" if c.title else ""))
            )
            if c.kind == "moved":
                what = f"moved: {_md_escape(c.before)} → {_md_escape(c.after)}"
            elif c.kind == "changed":
                what = "<br>".join(
                    f"{_md_escape(f.name)}: {_md_value(f.old)} → {_md_value(f.new)}" for f in c.fields
                )
            else:
                what = c.kind
            out.append(f"| {_SIGN[c.kind]} | {element} | {what} |")
        out.append("")
    for title, found in (
        ("Findings that appeared", d.findings_added),
        ("Findings that went away", d.findings_removed),
    ):
        if found:
            out.append(f"**{title}**")
            out.append("")
            out.extend(f"- **{f.severity}** `{f.code}`: {_md_escape(f.message)}" for f in found)
            out.append("")
    return "\n".join(out)


def as_json(d: Diff, old_name: str = "old", new_name: str = "new") -> str:
    data = {"old": old_name, "new": new_name, **d.to_json()}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}


def listing(data: dict[str, Any]) -> str:
    """A blueprint (as plain data) as one line per element, in file order: the text git's
    ``textconv`` shows, so that a line diff of two listings reads as a change list.
    Fields at their default are left out; texts are quoted on one line."""
    from .diff import COLLECTIONS, rows

    out = [f"blueprint {_value(data.get('title', ''))}"]
    if data.get("description"):
        out.append(f"  description {_value(data['description'])}")
    skip = {"id", "title", "text", "label", "lane", "column", "source", "target", "kind"}
    for collection in COLLECTIONS:
        for e in rows(data, collection):
            noun = SINGULAR[collection]
            if collection == "steps":
                head = f"step {e['id']} in {e['lane']}/{e['column']}"
            elif collection == "handoffs":
                arrow = "<->" if e.get("two_way") else "->"
                head = f"handoff {e['id']} {e['source']} {arrow} {e['target']}"
            elif collection == "comments":
                head = f"{e.get('kind', 'comment')} {e['id']} on {e.get('target') or 'blueprint'}"
            elif collection == "lanes":
                head = f"lane {e['id']} ({e['kind']})"
            else:
                head = f"{noun} {e['id']}"
            text = e.get("title", e.get("text", e.get("label", "")))
            extras = [
                f"{k}={_value(v)}"
                for k, v in e.items()
                if k not in skip and v not in (None, False, "", [], 0) and k != "two_way"
            ]
            out.append(" ".join([head, _value(text)] + extras))
    for image in rows(data, "images"):
        out.append(
            f"image {image['id']} {image.get('media_type', '')} ({len(image.get('data', '')) * 3 // 4} bytes)"
        )
    return "\n".join(out) + "\n"
