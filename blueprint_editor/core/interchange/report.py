"""A Markdown report of a blueprint: for a repository, a wiki or an email after the workshop.

Title and description; per phase its totals (customer-visible time, waiting time, fail
points, open questions) and its steps column by column (lane, owner, duration, markers,
votes, channel); the most voted steps; the findings of the checks; the open questions and
actions, then the closed ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..durations import format_duration
from ..model import Blueprint, Step
from ..validate import validate

#: Lanes whose steps the customer sees or does (their durations are the customer's time).
VISIBLE_KINDS = frozenset({"customer", "frontstage", "evidence"})
_MARKERS = (
    ("fail_point", "fail point"),
    ("wait_point", "wait point"),
    ("moment_of_truth", "moment of truth"),
    ("self_service", "self-service"),
)


def md(text: str) -> str:
    """Text safe inside a Markdown paragraph or table cell (markup and pipes escaped)."""
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def _minutes(total: float) -> str:
    return format_duration(total) if total else "–"


def phase_totals(bp: Blueprint, steps: Iterable[Step]) -> dict[str, float]:
    kinds = {lane.id: lane.kind for lane in bp.lanes}
    visible = waits = fails = 0.0
    for s in steps:
        minutes = s.duration_minutes or 0
        if kinds.get(s.lane) in VISIBLE_KINDS:
            visible += minutes
        if s.wait_point:
            waits += minutes
        if s.fail_point:
            fails += 1
    return {"visible": visible, "waits": waits, "fails": fails}


def to_markdown(bp: Blueprint) -> str:
    lanes = {lane.id: lane for lane in bp.lanes}
    columns = {c.id: c for c in bp.columns}
    col_no = {c.id: n for n, c in enumerate(bp.columns, 1)}
    by_column: dict[str, list[Step]] = defaultdict(list)
    for s in bp.steps:
        by_column[s.column].append(s)
    comments = list(bp.comments)
    open_on: dict[str | None, int] = defaultdict(int)
    for c in comments:
        if c.kind == "question" and not c.done:
            open_on[c.target] += 1
    out = [f"# {md(bp.title) or 'Untitled blueprint'}", ""]
    if bp.description.strip():
        out += [md(bp.description), ""]
    n_steps, n_handoffs = len(bp.steps), len(bp.handoffs)
    out += [
        f"{n_steps} steps in {len(bp.lanes)} lanes, {len(bp.columns)} columns and "
        f"{len(bp.phases)} phases; {n_handoffs} handoffs.",
        "",
    ]
    groups: list[tuple[str | None, list[str]]] = []
    for column in bp.columns:
        if groups and groups[-1][0] == column.phase:
            groups[-1][1].append(column.id)
        else:
            groups.append((column.phase, [column.id]))
    phases = {p.id: p for p in bp.phases}
    for phase_id, column_ids in groups:
        title = phases[phase_id].title if phase_id in phases else "Columns without a phase"
        steps = [s for cid in column_ids for s in by_column[cid]]
        totals = phase_totals(bp, steps)
        questions = sum(open_on[s.id] for s in steps)
        out += [
            f"## {md(title) or 'Untitled phase'}",
            "",
            f"Customer-visible time {_minutes(totals['visible'])} · waiting "
            f"{_minutes(totals['waits'])} · {int(totals['fails'])} fail point(s) · "
            f"{questions} open question(s)",
            "",
        ]
        if not steps:
            out += ["No steps yet.", ""]
            continue
        out += [
            "| Column | Lane | Step | Owner | Duration | Markers | Votes |",
            "|---|---|---|---|---|---|---|",
        ]
        for cid in column_ids:
            col = columns[cid]
            where = f"{col_no[cid]}" + (f" {md(col.title)}" if col.title else "")
            for s in by_column[cid]:
                lane = lanes.get(s.lane)
                marks = [label for key, label in _MARKERS if getattr(s, key)]
                if s.channel:
                    marks.append(s.channel)
                if s.emotion is not None:
                    marks.append(f"emotion {s.emotion:+d}")
                out.append(
                    f"| {where} | {md(lane.title) if lane else ''} | {md(s.title)} | "
                    f"{md(s.owner)} | {format_duration(s.duration_minutes)} | "
                    f"{', '.join(marks)} | {s.votes or ''} |"
                )
        out.append("")
    voted = sorted((s for s in bp.steps if s.votes), key=lambda s: -s.votes)[:10]
    if voted:
        out += ["## Most voted", ""]
        out += [
            f"{n}. {md(s.title)} ({s.votes} vote{'s' if s.votes != 1 else ''})"
            for n, s in enumerate(voted, 1)
        ]
        out.append("")
    findings = validate(bp)
    out += ["## Checks", ""]
    if findings:
        out += [f"- **{f.severity}** `{f.code}`: {md(f.message)}" for f in findings]
    else:
        out.append("No findings.")
    out.append("")
    titles = {s.id: s.title for s in bp.steps}
    titles.update({h.id: h.label or f"handoff {h.id}" for h in bp.handoffs})
    for heading, done in (("Open questions and actions", False), ("Done", True)):
        chosen = [c for c in comments if c.done == done]
        if not chosen:
            continue
        out += [f"## {heading}", ""]
        for c in sorted(chosen, key=lambda c: ("question", "action", "note").index(c.kind)):
            about = md(titles.get(c.target or "", "")) if c.target else "the blueprint"
            owner = f" — {md(c.owner)}" if c.owner else ""
            box = "[x]" if c.done else "[ ]"
            out.append(f"- {box} **{c.kind}** on {about}: {md(c.text)}{owner}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
